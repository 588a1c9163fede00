// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/import/importer.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/errors.h"
#include "core/import/docx.h"
#include "core/text/encoding.h"
#include "core/util/files.h"

namespace quire::import {

std::string read_file_bytes(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw ImportError(path + " is a folder, not a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ImportError("cannot read " + path + ": " + std::strerror(errno));
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

ImportedText read_transcript_file(const std::string& path,
                                  const std::optional<std::string>& encoding) {
    const std::string ext = util::lower_extension(path);
    ImportedText out;
    try {
        if (ext == ".docx") {
            out.text = extract_docx_text(path);
            out.format = "docx";
            out.encoding = "docx";
            return out;
        }
        if (ext == ".doc") {
            throw ImportError("old binary Word (.doc) files are not supported: save as .docx");
        }
        if (!ext.empty() && ext != ".txt" && ext != ".text" && ext != ".md") {
            throw ImportError("unsupported file type \"" + ext +
                              "\": Quire imports plain text (.txt) and Word (.docx)");
        }
        const std::string bytes = read_file_bytes(path);
        const text::DecodedText decoded =
            encoding ? text::decode_text_as(bytes, *encoding) : text::decode_text(bytes);
        out.text = decoded.utf8;
        out.format = "txt";
        out.encoding = decoded.encoding + (decoded.had_bom ? " (with BOM)" : "");
        return out;
    } catch (const ImportError& e) {
        const std::string message = e.what();
        if (message.find(path) != std::string::npos) {
            throw;
        }
        throw ImportError(path + ": " + message);
    }
}

}  // namespace quire::import
