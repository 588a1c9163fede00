// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <cctype>
#include <memory>

#include "core/base/errors.h"
#include "core/text/unicode.h"

namespace quire::text {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// Converts with ICU in strict mode: an unmappable or illegal byte stops the conversion.
std::string convert_strict(std::string_view bytes, const std::string& encoding) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(encoding.c_str(), &status),
                                                            &ucnv_close);
    if (U_FAILURE(status)) {
        throw ImportError("unknown text encoding \"" + encoding + "\"");
    }
    ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    const char* src = bytes.data();
    const char* const src_end = src + bytes.size();
    icu::UnicodeString result;
    UChar buffer[8192];
    while (true) {
        UChar* dst = buffer;
        status = U_ZERO_ERROR;
        ucnv_toUnicode(conv.get(), &dst, buffer + 8192, &src, src_end, nullptr, true, &status);
        result.append(buffer, static_cast<int32_t>(dst - buffer));
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            continue;
        }
        if (U_FAILURE(status)) {
            const auto at = static_cast<long long>(src - bytes.data());
            throw ImportError("the file cannot be decoded as " + encoding +
                              " (invalid or unmappable byte near offset " + std::to_string(at) +
                              "); name the right encoding with --encoding");
        }
        break;
    }
    std::string out;
    result.toUTF8String(out);
    return out;
}

// Heuristic for UTF-16 without BOM: in transcripts most characters are ASCII, so one byte
// of each pair is zero.
const char* guess_bomless_utf16(std::string_view bytes) {
    if (bytes.size() < 4 || bytes.size() % 2 != 0) {
        return nullptr;
    }
    std::size_t even_zero = 0, odd_zero = 0;
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
        even_zero += bytes[i] == '\0';
        odd_zero += bytes[i + 1] == '\0';
    }
    const std::size_t pairs = bytes.size() / 2;
    if (odd_zero * 10 >= pairs * 6 && even_zero * 10 < pairs) {
        return "UTF-16LE";
    }
    if (even_zero * 10 >= pairs * 6 && odd_zero * 10 < pairs) {
        return "UTF-16BE";
    }
    return nullptr;
}

// ICU maps the bytes windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) to C1
// control characters instead of failing, and such controls never occur in a transcript: a
// single-byte decode that yields one picked the wrong encoding.
void refuse_c1_controls(const std::string& utf8, const std::string& encoding) {
    const std::size_t at = utf8.find('\xC2');
    for (std::size_t i = at; i != std::string::npos && i + 1 < utf8.size();
         i = utf8.find('\xC2', i + 1)) {
        const auto next = static_cast<unsigned char>(utf8[i + 1]);
        if (next >= 0x80 && next <= 0x9F) {
            throw ImportError("the file cannot be decoded as " + encoding +
                              " (it contains a byte that encoding leaves undefined); name the "
                              "right encoding with --encoding");
        }
    }
}

bool is_unicode_encoding(const std::string& name) {
    std::string upper;
    for (const char c : name) {
        upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return upper.rfind("UTF", 0) == 0;
}

void refuse_binary(const std::string& utf8) {
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
            throw ImportError(
                "the file contains control characters that plain text does not (it looks like a "
                "binary file)");
        }
    }
}

std::string detect_with_icu(std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status),
                                                                        &ucsdet_close);
    ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
    if (U_FAILURE(status) || match == nullptr) {
        throw ImportError("the text encoding could not be detected; name it with --encoding");
    }
    std::string name = ucsdet_getName(match, &status);
    if (U_FAILURE(status)) {
        throw ImportError("the text encoding could not be detected; name it with --encoding");
    }
    // Bytes 0x80-0x9F are C1 controls in ISO-8859-1 but curly quotes and dashes in
    // windows-1252, which is what Word and Windows editors actually write.
    if (name == "ISO-8859-1") {
        name = "windows-1252";
        for (const char c : bytes) {
            const auto u = static_cast<unsigned char>(c);
            if (u >= 0x80 && u <= 0x9F) {
                return name;
            }
        }
        return "ISO-8859-1";
    }
    return name;
}

}  // namespace

DecodedText decode_text_as(std::string_view bytes, const std::string& encoding) {
    DecodedText out;
    out.detected = false;
    out.encoding = encoding;
    out.utf8 = convert_strict(bytes, encoding);
    if (!is_unicode_encoding(encoding)) {
        refuse_c1_controls(out.utf8, encoding);
    }
    if (starts_with(out.utf8, "\xEF\xBB\xBF")) {
        out.utf8.erase(0, 3);
        out.had_bom = true;
    }
    refuse_binary(out.utf8);
    return out;
}

DecodedText decode_text(std::string_view bytes) {
    DecodedText out;
    if (starts_with(bytes, "\xEF\xBB\xBF")) {
        out.had_bom = true;
        out.encoding = "UTF-8";
        const std::string_view body = bytes.substr(3);
        const std::size_t bad = first_invalid_utf8(body);
        if (bad != std::string_view::npos) {
            throw ImportError(
                "the file starts with a UTF-8 byte order mark but is not valid UTF-8 "
                "(malformed bytes at offset " +
                std::to_string(bad + 3) + ")");
        }
        out.utf8 = std::string(body);
    } else if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) {
        out.had_bom = true;
        out.encoding = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
        out.utf8 = convert_strict(bytes.substr(2), out.encoding);
    } else if (const char* utf16 = guess_bomless_utf16(bytes)) {
        // Checked before UTF-8: ASCII text in UTF-16 is also well-formed UTF-8 (with NULs).
        out.encoding = utf16;
        out.utf8 = convert_strict(bytes, out.encoding);
    } else if (is_valid_utf8(bytes)) {
        out.encoding = "UTF-8";
        out.utf8 = std::string(bytes);
    } else {
        out.encoding = detect_with_icu(bytes);
        out.utf8 = convert_strict(bytes, out.encoding);
        if (!is_unicode_encoding(out.encoding)) {
            refuse_c1_controls(out.utf8, out.encoding);
        }
    }
    refuse_binary(out.utf8);
    return out;
}

}  // namespace quire::text
