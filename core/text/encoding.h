// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

// Decoding of imported plain-text files. Throws ImportError when the bytes cannot be
// decoded without loss: Quire never inserts replacement characters silently.
namespace quire::text {

struct DecodedText {
    std::string utf8;      // decoded text, BOM removed, not yet normalised
    std::string encoding;  // the encoding assumed, e.g. "UTF-8", "UTF-16LE", "windows-1252"
    bool had_bom = false;
    bool detected = true;  // false when the caller named the encoding
};

// Decodes `bytes`: a BOM decides first (UTF-8, UTF-16LE/BE); otherwise well-formed UTF-8
// is taken as UTF-8; otherwise UTF-16 without BOM is recognised from its zero bytes; otherwise
// ICU's charset detector chooses (ISO-8859-1 is read as windows-1252, its superset in
// practice). Text containing NUL or other control characters that never appear in
// transcripts is refused as binary.
DecodedText decode_text(std::string_view bytes);

// Decodes with a named encoding (any name ICU's converters accept).
DecodedText decode_text_as(std::string_view bytes, const std::string& encoding);

}  // namespace quire::text
