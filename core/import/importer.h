// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>

// Reading transcript files into text. Throws ImportError for unreadable or undecodable
// files; never returns text with replacement characters that were not in the source.
namespace quire::import {

struct ImportedText {
    std::string text;      // UTF-8, not yet normalised for storage
    std::string format;    // "txt" or "docx"
    std::string encoding;  // the encoding assumed, or "docx"
};

// Chooses the reader by extension: .docx -> Word, .txt/.text/.md or none -> plain text.
ImportedText read_transcript_file(const std::string& path,
                                  const std::optional<std::string>& encoding = {});

// The whole file as bytes. Throws ImportError when it cannot be read.
std::string read_file_bytes(const std::string& path);

}  // namespace quire::import
