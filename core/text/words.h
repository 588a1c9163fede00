// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/base/text_range.h"

// Words as a coder selects and finds them: a selection that starts or ends inside a word
// grows to the whole word (ICU word breaks, UAX #29, so it works for scripts without spaces
// as well as ICU's dictionaries allow), and a find that ignores case and accents.
//
// Contract: constructors and functions throw InvalidInputError on malformed UTF-8 and
// Error when ICU cannot make what it needs; ranges outside the text throw
// InvalidInputError.
namespace quire::text {

class WordBreaks {
public:
    // The text must outlive the object.
    explicit WordBreaks(std::string_view utf8);
    ~WordBreaks();
    WordBreaks(const WordBreaks&) = delete;
    WordBreaks& operator=(const WordBreaks&) = delete;

    // `range` without the spaces at its edges, then with a start inside a word moved back
    // to the word's start and an end inside a word moved on to its end (an edge inside a
    // run of punctuation moves inwards instead), so a sloppy drag codes the words it
    // touched and the punctuation selected with them, and no spaces around them. An empty
    // range, or one of spaces only, comes back as it was.
    TextRange snap(const TextRange& range);

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Every occurrence of `needle` in `text`, ignoring case and accents (full case folding,
// combining marks dropped after canonical decomposition: "cafe" finds "Café", "STRASSE"
// finds "Straße"), in text order and not overlapping, as code-point ranges of `text` that
// hold whole characters. Linear in the text. An empty needle finds nothing.
std::vector<TextRange> find_folded(std::string_view text, std::string_view needle);

}  // namespace quire::text
