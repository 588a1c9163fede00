// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <string>

#include "core/base/errors.h"
#include "core/text/graphemes.h"
#include "core/text/unicode.h"

using quire::TextRange;
using quire::text::GraphemeBreaks;

namespace {

// "a " then a flag (two regional indicators), a family (man ZWJ woman ZWJ girl), a thumbs
// up with a skin tone, "q" with two combining accents (no precomposed form, so NFC keeps
// three code points), and a precomposed é.
const std::string kText =
    "a \U0001F1EC\U0001F1E7 \U0001F468\u200D\U0001F469\u200D\U0001F467 \U0001F44D\U0001F3FD "
    "q\u0301\u0323 \u00E9.";
// Code points: a=0 space=1 flag=[2,4) space=4 family=[5,10) space=10 thumb=[11,13)
// space=13 q=[14,17) space=17 é=18 .=19

}  // namespace

TEST_CASE("grapheme boundaries fall between whole characters only", "[text][graphemes]") {
    REQUIRE(quire::text::code_point_count(kText) == 20);
    GraphemeBreaks g(kText);
    for (const std::int64_t inside : {3, 6, 7, 8, 9, 12, 15, 16}) {
        INFO(inside);
        CHECK_FALSE(g.is_boundary(inside));
    }
    for (const std::int64_t between : {0, 1, 2, 4, 5, 10, 11, 13, 14, 17, 18, 19, 20}) {
        INFO(between);
        CHECK(g.is_boundary(between));
    }
    CHECK_THROWS_AS(g.is_boundary(21), quire::InvalidInputError);
}

TEST_CASE("a range that splits a character widens to the whole character", "[text][graphemes]") {
    GraphemeBreaks g(kText);
    // Half a flag, either half.
    CHECK(g.widen({2, 3}) == TextRange{2, 4});
    CHECK(g.widen({3, 4}) == TextRange{2, 4});
    // One person of the family, or the joiner alone.
    CHECK(g.widen({7, 8}) == TextRange{5, 10});
    CHECK(g.widen({6, 7}) == TextRange{5, 10});
    // The thumb without its skin tone; the letter without its accents.
    CHECK(g.widen({11, 12}) == TextRange{11, 13});
    CHECK(g.widen({14, 15}) == TextRange{14, 17});
    CHECK(g.widen({15, 16}) == TextRange{14, 17});
    // From inside one character to inside another.
    CHECK(g.widen({3, 8}) == TextRange{2, 10});
    // Whole characters stay as they are.
    CHECK(g.widen({2, 4}) == TextRange{2, 4});
    CHECK(g.widen({0, 20}) == TextRange{0, 20});
    CHECK(g.widen({18, 19}) == TextRange{18, 19});
}

TEST_CASE("grapheme breaks refuse malformed text", "[text][graphemes]") {
    CHECK_THROWS_AS(GraphemeBreaks(std::string("a\xC3")), quire::InvalidInputError);
}
