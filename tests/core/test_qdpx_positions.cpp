// SPDX-License-Identifier: GPL-3.0-or-later
// Pins the position conversion that moved out of qdpx_import.cpp into qdpx_positions.
#include "core/exchange/qdpx_positions.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "core/text/unicode.h"

using quire::exchange::qdpx::check_quote;
using quire::exchange::qdpx::comparable;
using quire::exchange::qdpx::PositionModel;
using quire::exchange::qdpx::profile_for_origin;
using quire::exchange::qdpx::QuoteCheck;
using quire::exchange::qdpx::SourceText;

namespace {

constexpr PositionModel kCodePoints{false, false};
constexpr PositionModel kUtf16{true, false};
constexpr PositionModel kCrlfAsOne{false, true};

}  // namespace

TEST_CASE("code point positions of plain text map to themselves", "[exchange][positions]") {
    const SourceText text("plain text");
    CHECK(text.mappable());
    CHECK(text.stored() == "plain text");
    CHECK(text.map(0, kCodePoints) == 0);
    CHECK(text.map(5, kCodePoints) == 5);
    CHECK(text.map(10, kCodePoints) == 10);
    CHECK_FALSE(text.map(11, kCodePoints));
    CHECK_FALSE(text.map(-1, kCodePoints));
}

TEST_CASE("UTF-16 positions count an emoji twice and never land inside it",
          "[exchange][positions]") {
    const SourceText text(
        "a\xF0\x9F\x98\x80"
        "b");  // a, U+1F600, b
    CHECK(text.has_astral());
    CHECK(text.map(1, kUtf16) == 1);
    CHECK_FALSE(text.map(2, kUtf16));  // between the surrogates
    CHECK(text.map(3, kUtf16) == 2);
    CHECK(text.map(4, kUtf16) == 3);
    CHECK(text.map(2, kCodePoints) == 2);
}

TEST_CASE("CRLF is stored as LF, counted as one or two it maps to the same place",
          "[exchange][positions]") {
    const SourceText text("a\r\nb");
    CHECK(text.has_crlf());
    CHECK(text.stored() == "a\nb");
    CHECK(text.map(3, kCodePoints) == 2);
    CHECK_FALSE(text.map(2, kCodePoints));  // between CR and LF
    CHECK(text.map(2, kCrlfAsOne) == 2);
    CHECK(text.map(3, kCrlfAsOne) == 3);
}

TEST_CASE("a decomposed accent is recomposed, only positions outside it map",
          "[exchange][positions]") {
    const SourceText text("e\xCC\x81x");  // e + COMBINING ACUTE ACCENT, x
    CHECK(text.stored() == "\xC3\xA9x");
    CHECK(text.map(0, kCodePoints) == 0);
    CHECK_FALSE(text.map(1, kCodePoints));
    CHECK(text.map(2, kCodePoints) == 1);
    CHECK(text.map(3, kCodePoints) == 2);
}

TEST_CASE("only models that differ for a text are candidates, the preferred first",
          "[exchange][positions]") {
    CHECK(SourceText("no line ends").candidate_models(kCodePoints).size() == 1);
    const SourceText both("x\r\n\xF0\x9F\x98\x80");
    const auto models = both.candidate_models(both.effective(kUtf16));
    REQUIRE(models.size() == 4);
    CHECK(models.front() == kUtf16);
    CHECK(SourceText("abc").effective(PositionModel{true, true}) == kCodePoints);
}

TEST_CASE("the origin attribute chooses how positions were counted", "[exchange][positions]") {
    CHECK(profile_for_origin("NVivo 14 (Windows)").model == kUtf16);
    CHECK(profile_for_origin("NVivo for Mac").model == kCodePoints);
    CHECK(profile_for_origin("ATLAS.ti 23").model == kCrlfAsOne);
    CHECK(profile_for_origin("MAXQDA 2022").tool == "MAXQDA");
    CHECK(profile_for_origin("").tool == "the REFI-QDA standard");
    CHECK(kUtf16.describe() == "positions counted in UTF-16 units with CRLF as two");
}

TEST_CASE("a selection's name verifies, proves nothing or contradicts its text",
          "[exchange][positions]") {
    const std::string document = comparable("We walked home.\nThe bus was late again.");
    CHECK(comparable("  a \n\t b ") == "a b");
    CHECK(check_quote("We walked", "We walked home.", document) == QuoteCheck::kVerified);
    CHECK(check_quote("We walked\xE2\x80\xA6", "We walked home.", document) ==
          QuoteCheck::kVerified);
    CHECK(check_quote("Theme 1", "We walked home.", document) == QuoteCheck::kUnverifiable);
    CHECK(check_quote("home", "We walked home.", document) == QuoteCheck::kUnverifiable);
    CHECK(check_quote("The bus was late", "We walked home.", document) == QuoteCheck::kMismatch);
}

TEST_CASE("a source already in stored form maps every position as the offset model says",
          "[exchange][positions]") {
    // NFC with LF line ends, as most exports are: accents, emoji, CJK and right-to-left text.
    const std::string original =
        "Zo\u00EB: caf\u00E9 \U0001F642 \u5B89\u5168\n"
        "\u0645\u0631\u062D\u0628\u0627 \U0001F468\u200D\U0001F469\u200D\U0001F467 end\n";
    const SourceText text(original);
    REQUIRE(text.mappable());
    CHECK(text.stored() == original);
    const quire::text::OffsetMap offsets(original);
    const std::int64_t points = quire::text::code_point_count(original);
    for (std::int64_t cp = 0; cp <= points; ++cp) {
        INFO(cp);
        CHECK(text.map(cp, kCodePoints) == cp);
        CHECK(text.map(offsets.utf16_of(cp), kUtf16) == cp);
    }
    CHECK_FALSE(text.map(points + 1, kCodePoints));
    CHECK_FALSE(text.map(-1, kCodePoints));
    CHECK_FALSE(text.map(offsets.utf16_of(10) + 1, kUtf16));  // inside U+1F642
}
