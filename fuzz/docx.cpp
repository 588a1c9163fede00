// SPDX-License-Identifier: GPL-3.0-or-later
// The Word .docx reader. An input that starts like a zip ("PK") is the file itself, for the
// archive and relationship handling; any other input is word/document.xml, packed here into a
// .docx with correct checksums, so that mutations of the WordprocessingML reach the reader
// instead of failing the zip's CRC.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/base/errors.h"
#include "core/formats/zip_writer.h"
#include "core/import/docx.h"
#include "core/import/importer.h"
#include "core/text/unicode.h"
#include "fuzz/check.h"
#include "fuzz/scratch.h"

namespace {

const char* const kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/)"
    R"(package/2006/content-types"><Override PartName="/word/document.xml" ContentType=")"
    R"(application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(</Types>)";
const char* const kRelationships =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.)"
    R"(openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://)"
    R"(schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" )"
    R"(Target="word/document.xml"/></Relationships>)";

std::string packed_docx(std::string document_xml) {
    const std::string path = (quire::fuzz::scratch_folder() / "packed.docx").string();
    quire::util::ZipWriter zip(path);
    zip.add("[Content_Types].xml", kContentTypes);
    zip.add("_rels/.rels", kRelationships);
    zip.add("word/document.xml", std::move(document_xml));
    zip.commit();
    return quire::import::read_file_bytes(path);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    if (bytes.compare(0, 2, "PK") != 0) {
        bytes = packed_docx(std::move(bytes));
    }
    try {
        const std::string text = quire::extract_docx_text_from_memory(bytes);
        quire::fuzz::check(quire::text::is_valid_utf8(text), "docx text is valid UTF-8");
    } catch (const quire::Error&) {
        // ImportError for anything that is not a readable .docx is the contract.
    }
    return 0;
}
