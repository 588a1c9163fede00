// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/base/text_range.h"

// Grapheme clusters: what a reader sees as one character, however many code points it
// takes (a letter with combining accents, a flag made of two regional indicators, an emoji
// ZWJ sequence such as a family, a skin tone). A coded range that ends inside one would
// cut a character in half, so coding from a search string or a selection snaps to them.
//
// Contract: the constructor throws InvalidInputError on malformed UTF-8 and Error when ICU
// cannot make its break iterator; code points outside the text throw InvalidInputError.
namespace quire::text {

// The cluster boundaries of one text, by ICU's character break rules (UAX #29). The text
// must outlive the object. Each query costs a few characters around the offset, not a
// pass over the text.
class GraphemeBreaks {
public:
    explicit GraphemeBreaks(std::string_view utf8);
    ~GraphemeBreaks();
    GraphemeBreaks(const GraphemeBreaks&) = delete;
    GraphemeBreaks& operator=(const GraphemeBreaks&) = delete;

    // Whether a range may start or end at code point `cp` without splitting a cluster
    // (0 and the length of the text always can).
    bool is_boundary(std::int64_t cp);
    // The smallest range of whole clusters that holds `range`: its start moved back and
    // its end moved forward to the nearest boundaries (unchanged when they are ones).
    TextRange widen(const TextRange& range);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace quire::text
