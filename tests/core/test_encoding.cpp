// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <string>

#include "core/base/errors.h"
#include "core/text/encoding.h"

using quire::ImportError;
using quire::text::decode_text;
using quire::text::decode_text_as;

namespace {

const std::string kReplacementCharacter = "\uFFFD";

// UTF-16 code units of `utf8` (test input only: well-formed, any plane), as bytes.
std::string to_utf16(const std::string& utf8, bool little_endian) {
    std::string out;
    auto put = [&](char16_t unit) {
        const char hi = static_cast<char>(unit >> 8);
        const char lo = static_cast<char>(unit & 0xFF);
        out += little_endian ? std::string{lo, hi} : std::string{hi, lo};
    };
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        const int width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t cp = width == 1   ? lead
                      : width == 2 ? lead & 0x1F
                      : width == 3 ? lead & 0x0F
                                   : lead & 0x07;
        for (int k = 1; k < width; ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        }
        i += static_cast<std::size_t>(width);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            put(static_cast<char16_t>(0xD800 + (cp >> 10)));
            put(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
        } else {
            put(static_cast<char16_t>(cp));
        }
    }
    return out;
}

// A few sentences of ordinary interview prose, long enough for charset detection.
const std::string kProse =
    "Interviewer: Could you tell me about your role and how long you have been with the "
    "programme? Participant: I have worked here for three years, mostly with young people "
    "and their families, and I spend a lot of time talking with teachers about what they "
    "notice in school. ";

}  // namespace

TEST_CASE("UTF-8 without a byte order mark is taken as UTF-8 unchanged", "[encoding]") {
    const std::string text = "Caf\u00E9 \u4E16\u754C \U0001F600\r\nline two";
    const auto decoded = decode_text(text);
    CHECK(decoded.utf8 == text);
    CHECK(decoded.encoding == "UTF-8");
    CHECK_FALSE(decoded.had_bom);
    CHECK(decoded.detected);
}

TEST_CASE("a UTF-8 byte order mark is removed and reported", "[encoding]") {
    const auto decoded = decode_text(
        "\xEF\xBB\xBF"
        "Caf\u00E9");
    CHECK(decoded.utf8 == "Caf\u00E9");
    CHECK(decoded.encoding == "UTF-8");
    CHECK(decoded.had_bom);
}

TEST_CASE("UTF-16LE with a byte order mark decodes to the same UTF-8", "[encoding]") {
    const std::string text = "Caf\u00E9 \u05E9\u05DC\u05D5\u05DD \U0001F600\r\nend";
    const auto decoded = decode_text("\xFF\xFE" + to_utf16(text, true));
    CHECK(decoded.utf8 == text);
    CHECK(decoded.encoding == "UTF-16LE");
    CHECK(decoded.had_bom);
}

TEST_CASE("UTF-16BE with a byte order mark decodes to the same UTF-8", "[encoding]") {
    const std::string text = "Caf\u00E9 \u0645\u0631\u062D\u0628\u0627 \U0001F44D\nend";
    const auto decoded = decode_text("\xFE\xFF" + to_utf16(text, false));
    CHECK(decoded.utf8 == text);
    CHECK(decoded.encoding == "UTF-16BE");
    CHECK(decoded.had_bom);
}

TEST_CASE("UTF-16LE without a byte order mark is recognised", "[encoding]") {
    const std::string text = "Interviewer: Hello, and thank you for coming. Caf\u00E9?\r\n";
    const auto decoded = decode_text(to_utf16(text, true));
    CHECK(decoded.utf8 == text);
    CHECK(decoded.encoding == "UTF-16LE");
    CHECK_FALSE(decoded.had_bom);
}

TEST_CASE("UTF-16BE without a byte order mark is recognised", "[encoding]") {
    const std::string text = "Participant: It was a long week, honestly.\n";
    const auto decoded = decode_text(to_utf16(text, false));
    CHECK(decoded.utf8 == text);
    CHECK(decoded.encoding == "UTF-16BE");
}

TEST_CASE("windows-1252 curly quotes, dashes and accents decode to the right characters",
          "[encoding]") {
    const std::string bytes =
        kProse + "She said \x93I don\x92t know\x94 \x96 and then the caf\xE9 closed. " + kProse;
    const auto decoded = decode_text(bytes);
    CHECK(decoded.encoding == "windows-1252");
    CHECK(decoded.utf8 == kProse +
                              "She said \u201CI don\u2019t know\u201D \u2013 and then the "
                              "caf\u00E9 closed. " +
                              kProse);
    CHECK(decoded.utf8.find(kReplacementCharacter) == std::string::npos);
}

TEST_CASE("Latin-1 text without C1 bytes decodes to the right characters", "[encoding]") {
    const std::string bytes = kProse +
                              "Le caf\xE9 \xE9tait ferm\xE9, \xE0 c\xF4t\xE9 de la gare; "
                              "na\xEFve, \xBFqu\xE9 pas\xF3? " +
                              kProse;
    const auto decoded = decode_text(bytes);
    // The two names decode these bytes identically; either is a faithful report.
    CHECK((decoded.encoding == "ISO-8859-1" || decoded.encoding == "windows-1252"));
    CHECK(decoded.utf8 == kProse +
                              "Le caf\u00E9 \u00E9tait ferm\u00E9, \u00E0 c\u00F4t\u00E9 de la "
                              "gare; na\u00EFve, \u00BFqu\u00E9 pas\u00F3? " +
                              kProse);
}

TEST_CASE("a UTF-8 byte order mark followed by invalid bytes is refused", "[encoding]") {
    CHECK_THROWS_AS(decode_text("\xEF\xBB\xBF"
                                "caf\xE9 au lait"),
                    ImportError);
    CHECK_THROWS_AS(decode_text("\xEF\xBB\xBF"
                                "ok \xC3\x28"),
                    ImportError);
}

TEST_CASE("a byte undefined in windows-1252 is refused, not replaced", "[encoding]") {
    CHECK_THROWS_AS(decode_text_as("abc \x81 def", "windows-1252"), ImportError);
}

TEST_CASE("a byte undefined in windows-1252 is refused when the encoding is detected",
          "[encoding]") {
    // Detected as windows-1252 from the curly quotes; 0x81 has no character there.
    CHECK_THROWS_AS(decode_text(kProse + "She said \x93yes\x94 \x81 then left. " + kProse),
                    ImportError);
}

TEST_CASE("UTF-16 with an unpaired surrogate is refused", "[encoding]") {
    // "a", a lone high surrogate, "b"
    CHECK_THROWS_AS(decode_text(std::string("\xFF\xFE"
                                            "a\0\x00\xD8"
                                            "b\0",
                                            8)),
                    ImportError);
}

TEST_CASE("binary data with NUL bytes is refused", "[encoding]") {
    CHECK_THROWS_AS(decode_text(std::string("hello\0world, this is not text", 29)), ImportError);
    const std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0", 29);
    CHECK_THROWS_AS(decode_text(png), ImportError);
}

TEST_CASE("control characters refuse text even when the encoding is named", "[encoding]") {
    CHECK_THROWS_AS(decode_text_as(std::string("abc\0def", 7), "UTF-8"), ImportError);
}

TEST_CASE("decode_text_as uses the named encoding and says it was not detected", "[encoding]") {
    const auto decoded = decode_text_as("caf\xE9 \x93quoted\x94", "windows-1252");
    CHECK(decoded.utf8 == "caf\u00E9 \u201Cquoted\u201D");
    CHECK(decoded.encoding == "windows-1252");
    CHECK_FALSE(decoded.detected);
}

TEST_CASE("decode_text_as with UTF-8 removes a byte order mark", "[encoding]") {
    const auto decoded = decode_text_as(
        "\xEF\xBB\xBF"
        "abc",
        "UTF-8");
    CHECK(decoded.utf8 == "abc");
    CHECK(decoded.had_bom);
}

TEST_CASE("decode_text_as refuses bytes that are invalid in the named encoding", "[encoding]") {
    CHECK_THROWS_AS(decode_text_as("caf\xE9", "UTF-8"), ImportError);
}

TEST_CASE("decode_text_as with an unknown encoding name is refused", "[encoding]") {
    CHECK_THROWS_AS(decode_text_as("hello", "no-such-encoding-42"), ImportError);
}
