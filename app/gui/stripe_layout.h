// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <vector>

#include "core/base/model.h"
#include "core/base/text_range.h"

// Where each coding of a document goes among the coding stripes beside the transcript:
// one column per code present, in codebook order; inside a column one band per coder, in
// coder order; inside a band one lane per level of overlap, so nested and overlapping
// codings of one code and coder stand side by side. Worked out once per document in
// O(n log n); the window (coding_stripes.h) then draws only what is on screen.
namespace quire::gui {

struct StripeCoding {
    Id code = 0;
    Id coder = 0;
    TextRange range;
};

struct StripeColumn {
    Id code = 0;
    int lanes = 0;
};

struct StripeBar {
    std::size_t coding = 0;  // index into the codings laid out
    int column = 0;
    int lane = 0;        // from the column's left edge
    int coder_rank = 0;  // the coder's place in the coder order: how the bar is patterned
};

struct StripeLayout {
    std::vector<StripeColumn> columns;
    std::vector<StripeBar> bars;      // by the start, then the end, of their codings
    std::vector<TextRange> ranges;    // the bars' ranges, in the same order, for look-ups
    std::vector<std::int64_t> reach;  // reach[i]: the furthest end among bars 0..i

    // The bars with some of their range in `visible`, in bar order. Costs a binary search
    // and the bars that start before the visible part ends.
    std::vector<std::size_t> bars_overlapping(const TextRange& visible) const;
    int lanes() const;
};

// Codes and coders missing from the orders go after those listed, by id.
StripeLayout lay_out_stripes(const std::vector<StripeCoding>& codings,
                             const std::vector<Id>& code_order, const std::vector<Id>& coder_order);

}  // namespace quire::gui
