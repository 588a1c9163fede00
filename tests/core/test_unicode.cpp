// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/text/unicode.h"

using quire::InvalidInputError;
using quire::text::OffsetMap;

namespace {

// The code points of `utf8` with the UTF-8 and UTF-16 width of each, decoded here by hand
// from the byte patterns so that the module is checked against an independent reference.
struct NaiveCodePoint {
    char32_t value;
    std::int64_t utf8_width;
    std::int64_t utf16_width;
};

std::vector<NaiveCodePoint> naive_decode(const std::string& utf8) {
    std::vector<NaiveCodePoint> out;
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        std::int64_t width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t value = width == 1   ? lead
                         : width == 2 ? lead & 0x1F
                         : width == 3 ? lead & 0x0F
                                      : lead & 0x07;
        for (std::int64_t k = 1; k < width; ++k) {
            value = (value << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        }
        out.push_back({value, width, value >= 0x10000 ? 2 : 1});
        i += static_cast<std::size_t>(width);
    }
    return out;
}

// Checks every conversion of OffsetMap against the naive reference, at every code point,
// every byte and every UTF-16 unit of the text.
void check_offsets_exhaustively(const std::string& text) {
    const std::vector<NaiveCodePoint> cps = naive_decode(text);
    const OffsetMap map(text);
    REQUIRE(map.code_points() == static_cast<std::int64_t>(cps.size()));
    REQUIRE(map.bytes() == static_cast<std::int64_t>(text.size()));
    REQUIRE(quire::text::code_point_count(text) == static_cast<std::int64_t>(cps.size()));

    std::vector<std::int64_t> byte_at{0};   // byte offset of code point k
    std::vector<std::int64_t> utf16_at{0};  // UTF-16 offset of code point k
    std::vector<std::int64_t> cp_of_byte;   // code point containing byte b
    std::vector<std::int64_t> cp_of_unit;   // code point containing UTF-16 unit u
    for (std::size_t k = 0; k < cps.size(); ++k) {
        byte_at.push_back(byte_at.back() + cps[k].utf8_width);
        utf16_at.push_back(utf16_at.back() + cps[k].utf16_width);
        cp_of_byte.insert(cp_of_byte.end(), static_cast<std::size_t>(cps[k].utf8_width),
                          static_cast<std::int64_t>(k));
        cp_of_unit.insert(cp_of_unit.end(), static_cast<std::size_t>(cps[k].utf16_width),
                          static_cast<std::int64_t>(k));
    }
    cp_of_byte.push_back(static_cast<std::int64_t>(cps.size()));
    cp_of_unit.push_back(static_cast<std::int64_t>(cps.size()));
    REQUIRE(map.utf16_units() == utf16_at.back());
    REQUIRE(quire::text::utf16_length(text) == utf16_at.back());

    for (std::size_t k = 0; k <= cps.size(); ++k) {
        INFO("code point " << k);
        const auto cp = static_cast<std::int64_t>(k);
        REQUIRE(map.byte_of(cp) == byte_at[k]);
        REQUIRE(map.utf16_of(cp) == utf16_at[k]);
    }
    for (std::size_t b = 0; b <= text.size(); ++b) {
        INFO("byte " << b);
        REQUIRE(map.code_point_of_byte(static_cast<std::int64_t>(b)) == cp_of_byte[b]);
    }
    for (std::size_t u = 0; u < cp_of_unit.size(); ++u) {
        INFO("UTF-16 unit " << u);
        REQUIRE(map.code_point_of_utf16(static_cast<std::int64_t>(u)) == cp_of_unit[u]);
    }
}

// Code points of every UTF-8 width and both writing directions, repeated.
const char* const kMixedPieces[] = {
    "a",           // ASCII
    "\u00E9",      // é, 2 bytes
    "\u4E16",      // 世, 3 bytes
    "\U0001F600",  // 😀, 4 bytes, a surrogate pair in UTF-16
    "\u0645",      // م Arabic, 2 bytes
    "\u05E9",      // ש Hebrew, 2 bytes
    " ",
    "\u200F",      // right-to-left mark, 3 bytes
    "\U0001F469",  // 👩
    "\n",
};

std::string mixed_text(std::size_t code_points) {
    std::string out;
    for (std::size_t k = 0; k < code_points; ++k) {
        out += kMixedPieces[(k * 7 + k / 3) % std::size(kMixedPieces)];
    }
    return out;
}

}  // namespace

// --- counting and conversions ---------------------------------------------------------

TEST_CASE("code points, UTF-8 bytes and UTF-16 units are counted separately", "[unicode]") {
    const std::string text = "a\u00E9\u4E16\U0001F600";  // 1 + 2 + 3 + 4 bytes
    CHECK(quire::text::code_point_count(text) == 4);
    CHECK(text.size() == 10);
    CHECK(quire::text::utf16_length(text) == 5);  // the emoji takes two units
    CHECK(quire::text::code_point_count("") == 0);
    CHECK(quire::text::utf16_length("") == 0);
}

TEST_CASE("an emoji is four UTF-8 bytes and a surrogate pair in UTF-16", "[unicode]") {
    const std::string text = "x\U0001F600y";
    const OffsetMap map(text);
    CHECK(map.code_points() == 3);
    CHECK(map.bytes() == 6);
    CHECK(map.utf16_units() == 4);
    CHECK(map.byte_of(1) == 1);
    CHECK(map.byte_of(2) == 5);
    CHECK(map.utf16_of(2) == 3);
    // Between the two halves of the pair: the emoji itself.
    CHECK(map.code_point_of_utf16(2) == 1);
    CHECK(map.code_point_of_utf16(3) == 2);
}

TEST_CASE("a byte offset inside a multi-byte character resolves to that character", "[unicode]") {
    const std::string text = "\u00E9\u4E16\U0001F600z";  // bytes: 0-1, 2-4, 5-8, 9
    const OffsetMap map(text);
    CHECK(map.code_point_of_byte(0) == 0);
    CHECK(map.code_point_of_byte(1) == 0);
    CHECK(map.code_point_of_byte(2) == 1);
    CHECK(map.code_point_of_byte(3) == 1);
    CHECK(map.code_point_of_byte(4) == 1);
    CHECK(map.code_point_of_byte(5) == 2);
    CHECK(map.code_point_of_byte(8) == 2);
    CHECK(map.code_point_of_byte(9) == 3);
    CHECK(map.code_point_of_byte(10) == 4);
}

TEST_CASE("offsets in accented text agree with a naive reference", "[unicode]") {
    check_offsets_exhaustively(
        "Cr\u00E8me br\u00FBl\u00E9e, na\u00EFve caf\u00E9 \u2014 "
        "Stra\u00DFe, \u0141\u00F3d\u017A");
}

TEST_CASE("offsets in CJK text agree with a naive reference", "[unicode]") {
    check_offsets_exhaustively(
        "\u65E5\u672C\u8A9E\u306E\u30C6\u30AD\u30B9\u30C8\u3002"
        "\u4E2D\u6587\u6587\u672C\uFF0C\uD55C\uAD6D\uC5B4 ok");
}

TEST_CASE("offsets in right-to-left Arabic and Hebrew text agree with a naive reference",
          "[unicode]") {
    // Logical order is what is stored and counted; display direction plays no part.
    check_offsets_exhaustively(
        "\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627"
        "\u0644\u0645 (2024) \u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC"
        "\u05DD \u200Fend");
}

TEST_CASE("offsets in emoji text agree with a naive reference", "[unicode]") {
    check_offsets_exhaustively("\U0001F600\U0001F469\u200D\U0001F4BB ok \U0001F44D\U0001F3FD!");
}

TEST_CASE("offsets in long mixed text crossing many checkpoints agree with a naive reference",
          "[unicode]") {
    const std::string text = mixed_text(700);
    REQUIRE(quire::text::code_point_count(text) == 700);
    check_offsets_exhaustively(text);
}

TEST_CASE("offsets agree with a naive reference for every length up to 260 code points",
          "[unicode]") {
    // Covers lengths that end exactly on a checkpoint (64, 128, ...) and just either side.
    for (std::size_t n = 0; n <= 260; ++n) {
        INFO("length " << n);
        check_offsets_exhaustively(mixed_text(n));
    }
}

TEST_CASE("an empty text has one position", "[unicode]") {
    const OffsetMap map("");
    CHECK(map.code_points() == 0);
    CHECK(map.byte_of(0) == 0);
    CHECK(map.utf16_of(0) == 0);
    CHECK(map.code_point_of_byte(0) == 0);
    CHECK(map.code_point_of_utf16(0) == 0);
}

TEST_CASE("offsets outside the text are refused", "[unicode]") {
    const std::string text = "ab\u00E9";
    const OffsetMap map(text);
    CHECK_THROWS_AS(map.byte_of(-1), InvalidInputError);
    CHECK_THROWS_AS(map.byte_of(4), InvalidInputError);
    CHECK_THROWS_AS(map.utf16_of(4), InvalidInputError);
    CHECK_THROWS_AS(map.code_point_of_byte(-1), InvalidInputError);
    CHECK_THROWS_AS(map.code_point_of_byte(5), InvalidInputError);
    CHECK_THROWS_AS(map.code_point_of_utf16(-1), InvalidInputError);
    CHECK_THROWS_AS(map.code_point_of_utf16(4), InvalidInputError);
}

// --- slice ------------------------------------------------------------------------------

TEST_CASE("slice takes code points, not bytes", "[unicode]") {
    const std::string text = "na\u00EFve \U0001F600 \u4E16\u754C \u05E9\u05DC\u05D5\u05DD";
    CHECK(quire::text::slice(text, 0, 5) == "na\u00EFve");
    CHECK(quire::text::slice(text, 2, 3) == "\u00EF");
    CHECK(quire::text::slice(text, 6, 7) == "\U0001F600");
    CHECK(quire::text::slice(text, 8, 10) == "\u4E16\u754C");
    CHECK(quire::text::slice(text, 11, 15) == "\u05E9\u05DC\u05D5\u05DD");
    CHECK(quire::text::slice(text, 0, 15) == text);
    CHECK(quire::text::slice(text, 4, 4).empty());
    CHECK(quire::text::slice(text, 15, 15).empty());
}

TEST_CASE("slice agrees with the byte offsets of OffsetMap on long text", "[unicode]") {
    const std::string text = mixed_text(300);
    const OffsetMap map(text);
    for (std::int64_t start = 0; start <= 300; start += 37) {
        for (std::int64_t end = start; end <= 300; end += 29) {
            INFO("[" << start << ", " << end << ")");
            const auto from = static_cast<std::size_t>(map.byte_of(start));
            const auto to = static_cast<std::size_t>(map.byte_of(end));
            REQUIRE(quire::text::slice(text, start, end) == text.substr(from, to - from));
        }
    }
}

TEST_CASE("slice refuses ranges that are reversed, negative or past the end", "[unicode]") {
    const std::string text = "caf\u00E9";  // 4 code points, 5 bytes
    CHECK_THROWS_AS(quire::text::slice(text, 3, 2), InvalidInputError);
    CHECK_THROWS_AS(quire::text::slice(text, -1, 2), InvalidInputError);
    CHECK_THROWS_AS(quire::text::slice(text, 0, 5), InvalidInputError);
    CHECK_THROWS_AS(quire::text::slice(text, 5, 5), InvalidInputError);
    CHECK_THROWS_AS(quire::text::slice(text, 2, 100), InvalidInputError);
}

// --- normalisation ----------------------------------------------------------------------

TEST_CASE("normalize_for_storage composes decomposed accents to NFC", "[unicode]") {
    const std::string decomposed = "Cafe\u0301 cre\u0300me Ame\u0301lie";
    const std::string composed = "Caf\u00E9 cr\u00E8me Am\u00E9lie";
    CHECK(quire::text::normalize_for_storage(decomposed) == composed);
    CHECK(quire::text::normalize_for_storage(composed) == composed);
    CHECK(quire::text::to_nfc(decomposed) == composed);
    CHECK(quire::text::code_point_count(quire::text::normalize_for_storage(decomposed)) ==
          quire::text::code_point_count(decomposed) - 3);
}

TEST_CASE("normalize_for_storage composes Hangul jamo", "[unicode]") {
    CHECK(quire::text::normalize_for_storage("\u1100\u1161\u11A8") == "\uAC01");
}

TEST_CASE("normalize_for_storage turns CRLF and lone CR into LF", "[unicode]") {
    CHECK(quire::text::normalize_for_storage("one\r\ntwo\rthree\nfour\r") ==
          "one\ntwo\nthree\nfour\n");
    CHECK(quire::text::normalize_for_storage("\r\r\n\n") == "\n\n\n");
    CHECK(quire::text::normalize_for_storage("e\u0301\r\n\u00E9") == "\u00E9\n\u00E9");
}

TEST_CASE("to_nfc leaves line endings alone", "[unicode]") {
    CHECK(quire::text::to_nfc("a\r\nb") == "a\r\nb");
}

// --- malformed UTF-8 --------------------------------------------------------------------

TEST_CASE("well-formed UTF-8 is accepted", "[unicode]") {
    CHECK(quire::text::is_valid_utf8(""));
    CHECK(quire::text::is_valid_utf8("plain ASCII"));
    CHECK(quire::text::is_valid_utf8("\u00E9\u4E16\U0001F600\U0010FFFF\uFFFD"));
    CHECK(quire::text::first_invalid_utf8("caf\u00E9") == std::string_view::npos);
}

TEST_CASE("malformed UTF-8 is found at the byte where it starts", "[unicode]") {
    struct Case {
        const char* what;
        std::string bytes;
        std::size_t bad_at;
    };
    const Case cases[] = {
        {"overlong slash", "ab\xC0\xAF", 2},
        {"overlong three-byte NUL", "x\xE0\x80\x80", 1},
        {"overlong four-byte", "\xF0\x82\x82\xAC", 0},
        {"UTF-16 surrogate", "ok \xED\xA0\x80", 3},
        {"low surrogate", "\xED\xBF\xBF", 0},
        {"truncated at the end", "end \xE2\x82", 4},
        {"truncated before ASCII", "\xE2\x82z", 0},
        {"truncated emoji", "\xF0\x9F\x98", 0},
        {"lone continuation byte", "a\x80", 1},
        {"past U+10FFFF", "\xF4\x90\x80\x80", 0},
        {"invalid byte FF", "\xFF", 0},
        {"invalid byte FE", "abc\xFE", 3},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        CHECK_FALSE(quire::text::is_valid_utf8(c.bytes));
        CHECK(quire::text::first_invalid_utf8(c.bytes) == c.bad_at);
    }
}

TEST_CASE("functions taking text refuse malformed UTF-8 with InvalidInputError", "[unicode]") {
    const std::string samples[] = {"over\xC0\xAFlong", "sur\xED\xA0\x80rogate", "trunc\xE2\x82",
                                   "trunc\xF0\x9F\x98 mid"};
    for (const std::string& bad : samples) {
        INFO(bad);
        CHECK_THROWS_AS(quire::text::normalize_for_storage(bad), InvalidInputError);
        CHECK_THROWS_AS(quire::text::to_nfc(bad), InvalidInputError);
        CHECK_THROWS_AS(OffsetMap(bad), InvalidInputError);
        CHECK_THROWS_AS(quire::text::utf16_length(bad), InvalidInputError);
    }
}

TEST_CASE("append_utf8 writes one to four bytes and round-trips through the decoder", "[unicode]") {
    std::string out;
    for (const char32_t c : {U'a', U'\u00E9', U'\u4E2D', U'\U0001F600', U'\U0010FFFF'}) {
        quire::text::append_utf8(out, c);
    }
    CHECK(out == "a\u00E9\u4E2D\U0001F600\U0010FFFF");
    CHECK(quire::text::is_valid_utf8(out));
    CHECK(quire::text::code_point_count(out) == 5);
}

TEST_CASE("display width counts the columns a terminal gives each character", "[unicode]") {
    using quire::text::display_width;
    CHECK(display_width("") == 0);
    CHECK(display_width("kappa") == 5);
    CHECK(display_width("\u2014") == 1);        // an em dash: three bytes, one column
    CHECK(display_width("caf\u00E9") == 4);     // precomposed
    CHECK(display_width("cafe\u0301") == 4);    // combining accent
    CHECK(display_width("\u4E16\u754C") == 4);  // CJK: two columns each
    CHECK(display_width("\U0001F600") == 2);    // emoji
    CHECK(display_width("\uFF21") == 2);        // fullwidth A
    CHECK(display_width("a\u200Bb") == 2);      // zero width space
    CHECK(display_width("\u0645\u0631\u062D\u0628\u0627") == 5);
}
