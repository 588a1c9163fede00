// SPDX-License-Identifier: GPL-3.0-or-later
// Snapping selections to words, and finding text without regard to case and accents.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/text/unicode.h"
#include "core/text/words.h"

using quire::TextRange;
using quire::text::find_folded;
using quire::text::slice;
using quire::text::WordBreaks;

namespace {

const std::string kMixed =
    "Caf\u00E9 talk \U0001F600: na\u00EFve \u4E16\u754C \u2014 \u0645\u0631\u062D\u0628\u0627, "
    "another CAFE\u0301 later.\n";

std::string snapped(const std::string& text, TextRange r) {
    WordBreaks words(text);
    const TextRange s = words.snap(r);
    return slice(text, s.start, s.end);
}

}  // namespace

TEST_CASE("a selection inside words grows to whole words and sheds spaces at its edges",
          "[text][words]") {
    const std::string text = "We work with uncertainty every day.\n";
    CHECK(snapped(text, {4, 10}) == "work with");  // "rk wi"
    CHECK(snapped(text, {2, 7}) == "work");        // " work" from the space before
    CHECK(snapped(text, {13, 27}) == "uncertainty every");
    CHECK(snapped(text, {3, 7}) == "work");    // already whole
    CHECK(snapped(text, {2, 3}) == " ");       // only a space: as it was
    CHECK(snapped(text, {30, 35}) == "day.");  // selected punctuation stays
    // Accents, emoji, CJK and Arabic: whole words, never half a character.
    CHECK(snapped(kMixed, {1, 3}) == "Caf\u00E9");
    CHECK(snapped(kMixed, {16, 18}) == "na\u00EFve");
    const TextRange arabic{25, 27};  // inside "مرحبا"
    CHECK(snapped(kMixed, arabic) == "\u0645\u0631\u062D\u0628\u0627");
    CHECK_THROWS_AS(WordBreaks("\xC3"), quire::InvalidInputError);
}

TEST_CASE("finding text ignores case and accents and gives whole characters", "[text][words]") {
    const std::vector<TextRange> cafes = find_folded(kMixed, "cafe");
    REQUIRE(cafes.size() == 2);
    CHECK(slice(kMixed, cafes[0].start, cafes[0].end) == "Caf\u00E9");
    // The second is decomposed in this string: the combining accent comes with its letter.
    CHECK(slice(kMixed, cafes[1].start, cafes[1].end) == "CAFE\u0301");
    CHECK(find_folded(kMixed, "NAIVE").size() == 1);
    CHECK(find_folded(kMixed, "\u4E16\u754C").size() == 1);
    CHECK(find_folded(kMixed, "\U0001F600").size() == 1);
    CHECK(find_folded(kMixed, "\u0645\u0631\u062D\u0628\u0627").size() == 1);
    CHECK(find_folded("Die Stra\u00DFe, die STRASSE.", "strasse").size() == 2);
    CHECK(find_folded("aaaa", "aa") == std::vector<TextRange>{{0, 2}, {2, 4}});
    CHECK(find_folded(kMixed, "").empty());
    CHECK(find_folded(kMixed, "absent").empty());
    CHECK_THROWS_AS(find_folded(kMixed, "\xFF"), quire::InvalidInputError);
}
