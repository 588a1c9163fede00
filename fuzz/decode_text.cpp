// SPDX-License-Identifier: GPL-3.0-or-later
// The plain-text decoder and the normalisation every imported text goes through.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "core/base/errors.h"
#include "core/text/encoding.h"
#include "core/text/unicode.h"
#include "fuzz/check.h"

using quire::fuzz::check;

namespace {

// What import stores: valid UTF-8 without CR, whose offsets convert back and forth.
void check_storable(const std::string& decoded) {
    check(quire::text::is_valid_utf8(decoded), "decoded text is valid UTF-8");
    const std::string stored = quire::text::normalize_for_storage(decoded);
    check(quire::text::is_valid_utf8(stored), "stored text is valid UTF-8");
    check(stored.find('\r') == std::string::npos, "stored text has no CR");
    const quire::text::OffsetMap offsets(stored);
    check(offsets.code_points() == quire::text::code_point_count(stored),
          "the offset map counts the code points");
    check(offsets.utf16_units() == quire::text::utf16_length(stored),
          "the offset map counts the UTF-16 units");
    for (std::int64_t cp = 0; cp <= offsets.code_points(); ++cp) {
        check(offsets.code_point_of_byte(offsets.byte_of(cp)) == cp, "byte offsets round-trip");
        check(offsets.code_point_of_utf16(offsets.utf16_of(cp)) == cp, "UTF-16 offsets round-trip");
    }
}

// Encodings a user may name with --encoding; the first byte of the input chooses one.
constexpr const char* kNamedEncodings[] = {"UTF-8",      "UTF-16LE",  "UTF-16BE", "windows-1252",
                                           "ISO-8859-1", "Shift_JIS", "GB18030",  "ISO-2022-JP",
                                           "UTF-32",     "KOI8-R",    "EUC-KR",   "windows-1256",
                                           "UTF-7",      "Big5",      "x-unknown"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    check(quire::text::is_valid_utf8(bytes) ==
              (quire::text::first_invalid_utf8(bytes) == std::string_view::npos),
          "is_valid_utf8 agrees with first_invalid_utf8");
    try {
        check_storable(quire::text::decode_text(bytes).utf8);
    } catch (const quire::Error&) {
        // Refusing undecodable or binary input is the contract.
    }
    if (size > 0) {
        const char* encoding = kNamedEncodings[data[0] % std::size(kNamedEncodings)];
        try {
            check_storable(quire::text::decode_text_as(bytes.substr(1), encoding).utf8);
        } catch (const quire::Error&) {
        }
    }
    return 0;
}
