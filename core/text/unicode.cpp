// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/unicode.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "core/base/errors.h"

namespace quire::text {
namespace {

// Decodes the code point at `i`, advancing `i`; returns a negative value when malformed.
UChar32 next_code_point(std::string_view s, std::int32_t& i) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()),
            c);
    return c;
}

void require_valid(std::string_view utf8) {
    const std::size_t bad = first_invalid_utf8(utf8);
    if (bad != std::string_view::npos) {
        throw InvalidInputError("text is not valid UTF-8 (malformed byte sequence at byte " +
                                std::to_string(bad) + ")");
    }
}

void require_fits_icu(std::string_view s) {
    if (s.size() > static_cast<std::size_t>(INT32_MAX)) {
        throw InvalidInputError("text larger than 2 GiB is not supported");
    }
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view bytes) {
    require_fits_icu(bytes);
    std::int32_t i = 0;
    const auto n = static_cast<std::int32_t>(bytes.size());
    while (i < n) {
        const std::int32_t at = i;
        if (next_code_point(bytes, i) < 0) {
            return static_cast<std::size_t>(at);
        }
    }
    return std::string_view::npos;
}

bool is_valid_utf8(std::string_view bytes) {
    return first_invalid_utf8(bytes) == std::string_view::npos;
}

std::string to_nfc(std::string_view utf8) {
    require_valid(utf8);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) {
        throw Error(std::string("ICU NFC normaliser unavailable: ") + u_errorName(status));
    }
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    // Most transcripts are already NFC; skip the copy when they are.
    if (nfc->isNormalized(source, status) && U_SUCCESS(status)) {
        return std::string(utf8);
    }
    status = U_ZERO_ERROR;
    const icu::UnicodeString normalized = nfc->normalize(source, status);
    if (U_FAILURE(status)) {
        throw Error(std::string("NFC normalisation failed: ") + u_errorName(status));
    }
    std::string out;
    normalized.toUTF8String(out);
    return out;
}

std::string fold_case(std::string_view utf8) {
    const std::string nfc = to_nfc(utf8);
    icu::UnicodeString folded = icu::UnicodeString::fromUTF8(
        icu::StringPiece(nfc.data(), static_cast<int32_t>(nfc.size())));
    folded.foldCase();
    std::string out;
    folded.toUTF8String(out);
    return to_nfc(out);
}

std::string normalize_for_storage(std::string_view utf8) {
    require_valid(utf8);
    std::string lf;
    lf.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        if (c == '\r') {
            lf.push_back('\n');
            if (i + 1 < utf8.size() && utf8[i + 1] == '\n') {
                ++i;
            }
        } else {
            lf.push_back(c);
        }
    }
    return to_nfc(lf);
}

std::int64_t code_point_count(std::string_view utf8) {
    require_fits_icu(utf8);
    std::int64_t count = 0;
    for (const char c : utf8) {
        // Every code point has exactly one byte that is not a continuation byte.
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++count;
        }
    }
    return count;
}

std::int64_t display_width(std::string_view utf8) {
    require_fits_icu(utf8);
    std::int64_t width = 0;
    const auto n = static_cast<std::int32_t>(utf8.size());
    for (std::int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(reinterpret_cast<const std::uint8_t*>(utf8.data()), i, n, c);
        if (c < 0) {
            throw InvalidInputError("malformed UTF-8");
        }
        const auto category = static_cast<UCharCategory>(u_charType(c));
        if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
            category == U_FORMAT_CHAR || category == U_CONTROL_CHAR) {
            continue;
        }
        const auto east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        width += east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
    }
    return width;
}

std::string slice(std::string_view utf8, std::int64_t start, std::int64_t end) {
    require_fits_icu(utf8);
    if (start < 0 || end < start) {
        throw InvalidInputError("invalid range [" + std::to_string(start) + ", " +
                                std::to_string(end) + ")");
    }
    std::int32_t i = 0;
    const auto n = static_cast<std::int32_t>(utf8.size());
    U8_FWD_N(reinterpret_cast<const std::uint8_t*>(utf8.data()), i, n, start);
    const std::int32_t from = i;
    U8_FWD_N(reinterpret_cast<const std::uint8_t*>(utf8.data()), i, n, end - start);
    if (code_point_count(utf8.substr(0, static_cast<std::size_t>(i))) != end) {
        throw InvalidInputError("range [" + std::to_string(start) + ", " + std::to_string(end) +
                                ") lies outside the text (" +
                                std::to_string(code_point_count(utf8)) + " code points)");
    }
    return std::string(
        utf8.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(i - from)));
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::int64_t utf16_length(std::string_view utf8) {
    return OffsetMap(utf8).utf16_units();
}

OffsetMap::OffsetMap(std::string_view utf8) : text_(utf8) {
    require_valid(utf8);
    checkpoints_.reserve(utf8.size() / kStride + 2);
    std::int32_t i = 0;
    const auto n = static_cast<std::int32_t>(utf8.size());
    std::int64_t cp = 0;
    std::int64_t u16 = 0;
    while (i < n) {
        if (cp % kStride == 0) {
            checkpoints_.push_back({cp, i, u16});
        }
        const UChar32 c = next_code_point(utf8, i);
        u16 += U16_LENGTH(c);
        ++cp;
    }
    if (cp % kStride == 0) {
        checkpoints_.push_back({cp, n, u16});
    }
    total_code_points_ = cp;
    total_utf16_ = u16;
}

const OffsetMap::Checkpoint& OffsetMap::checkpoint_for_code_point(std::int64_t cp) const {
    if (cp < 0 || cp > total_code_points_) {
        throw InvalidInputError("code point offset " + std::to_string(cp) +
                                " lies outside the text (" + std::to_string(total_code_points_) +
                                " code points)");
    }
    return checkpoints_[static_cast<std::size_t>(cp / kStride)];
}

std::int64_t OffsetMap::byte_of(std::int64_t code_point) const {
    const Checkpoint& at = checkpoint_for_code_point(code_point);
    auto i = static_cast<std::int32_t>(at.byte);
    U8_FWD_N(reinterpret_cast<const std::uint8_t*>(text_.data()), i,
             static_cast<std::int32_t>(text_.size()), code_point - at.code_point);
    return i;
}

std::int64_t OffsetMap::utf16_of(std::int64_t code_point) const {
    const Checkpoint& at = checkpoint_for_code_point(code_point);
    auto i = static_cast<std::int32_t>(at.byte);
    std::int64_t u16 = at.utf16;
    for (std::int64_t k = at.code_point; k < code_point; ++k) {
        u16 += U16_LENGTH(next_code_point(text_, i));
    }
    return u16;
}

std::int64_t OffsetMap::code_point_of_byte(std::int64_t byte) const {
    if (byte < 0 || byte > bytes()) {
        throw InvalidInputError("byte offset " + std::to_string(byte) + " lies outside the text");
    }
    auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), byte,
                               [](std::int64_t b, const Checkpoint& c) { return b < c.byte; });
    const Checkpoint& at = *(it - 1);
    auto i = static_cast<std::int32_t>(at.byte);
    std::int64_t cp = at.code_point;
    while (i < byte) {
        std::int32_t next = i;
        next_code_point(text_, next);
        if (next > byte) {
            break;  // `byte` is inside this code point
        }
        i = next;
        ++cp;
    }
    return cp;
}

std::int64_t OffsetMap::code_point_of_utf16(std::int64_t unit) const {
    if (unit < 0 || unit > total_utf16_) {
        throw InvalidInputError("UTF-16 offset " + std::to_string(unit) + " lies outside the text");
    }
    auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), unit,
                               [](std::int64_t u, const Checkpoint& c) { return u < c.utf16; });
    const Checkpoint& at = *(it - 1);
    auto i = static_cast<std::int32_t>(at.byte);
    std::int64_t cp = at.code_point;
    std::int64_t u16 = at.utf16;
    while (u16 < unit) {
        const std::int64_t width = U16_LENGTH(next_code_point(text_, i));
        if (u16 + width > unit) {
            break;
        }
        u16 += width;
        ++cp;
    }
    return cp;
}

}  // namespace quire::text
