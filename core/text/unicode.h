// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The one offset model of Quire. Stored transcript text is UTF-8, NFC-normalised, with LF
// line endings. Every position the model stores or reports is a Unicode code point index
// into that text, and a segment is the half-open range [start, end). UTF-8 byte offsets
// (Scintilla) and UTF-16 code units (REFI-QDA files from Windows tools, ICU) exist only at
// the edges and are converted here, nowhere else.
//
// Functions taking text throw InvalidInputError on malformed UTF-8 unless stated otherwise.
namespace quire::text {

// True if `bytes` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

// Byte offset of the first malformed sequence, or npos when the text is valid.
std::size_t first_invalid_utf8(std::string_view bytes);

// Converts CRLF and lone CR to LF and applies NFC. This is the only transformation stored
// text ever goes through, and it happens once, at import.
std::string normalize_for_storage(std::string_view utf8);

// NFC only (for search strings and names that must match stored text).
std::string to_nfc(std::string_view utf8);

// NFC with Unicode full case folding, for matching words whatever their case ("Straße"
// and "STRASSE" fold alike).
std::string fold_case(std::string_view utf8);

// Number of code points in well-formed UTF-8 text.
std::int64_t code_point_count(std::string_view utf8);

// Columns the text takes on a terminal in a monospaced font, for padding text tables: wide
// and fullwidth characters (East Asian Width W or F: CJK, most emoji) take two, combining
// marks, format characters and controls none, every other code point one.
std::int64_t display_width(std::string_view utf8);

// The code points [start, end) of `utf8` as UTF-8. Throws InvalidInputError when the range
// is not within the text.
std::string slice(std::string_view utf8, std::int64_t start, std::int64_t end);

// Appends one code point (a scalar value: not a surrogate, at most U+10FFFF) as UTF-8.
void append_utf8(std::string& out, char32_t code_point);

// Length of `utf8` in UTF-16 code units.
std::int64_t utf16_length(std::string_view utf8);

// Converts between code point indices, UTF-8 byte offsets and UTF-16 unit offsets of one
// text. Keeps a checkpoint every few dozen code points, so lookups are O(1) amortised
// with little memory even for long transcripts. The text must outlive the map.
class OffsetMap {
public:
    explicit OffsetMap(std::string_view utf8);

    std::int64_t code_points() const { return total_code_points_; }
    std::int64_t bytes() const { return static_cast<std::int64_t>(text_.size()); }
    std::int64_t utf16_units() const { return total_utf16_; }

    // Code point index -> UTF-8 byte offset; the index may equal code_points().
    std::int64_t byte_of(std::int64_t code_point) const;
    // UTF-8 byte offset -> code point index; an offset inside a multi-byte sequence
    // resolves to the code point that contains it.
    std::int64_t code_point_of_byte(std::int64_t byte) const;
    // Code point index -> UTF-16 offset.
    std::int64_t utf16_of(std::int64_t code_point) const;
    // UTF-16 offset -> code point index; an offset between the halves of a surrogate pair
    // resolves to the code point that contains it.
    std::int64_t code_point_of_utf16(std::int64_t unit) const;

private:
    struct Checkpoint {
        std::int64_t code_point;
        std::int64_t byte;
        std::int64_t utf16;
    };
    static constexpr std::int64_t kStride = 64;
    const Checkpoint& checkpoint_for_code_point(std::int64_t cp) const;
    std::string_view text_;
    std::vector<Checkpoint> checkpoints_;
    std::int64_t total_code_points_ = 0;
    std::int64_t total_utf16_ = 0;
};

}  // namespace quire::text
