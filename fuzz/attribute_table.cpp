// SPDX-License-Identifier: GPL-3.0-or-later
// Attribute tables (quire-cli attrs import) from CSV or XLSX, previewed and applied. An input
// that starts like a zip ("PK") is the workbook itself; one that starts with "<" is a
// worksheet, packed here into a workbook with shared strings and date styles so that
// mutations reach the sheet's XML instead of failing the zip's CRC; anything else is CSV.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/exchange/attribute_table.h"
#include "core/formats/zip_writer.h"
#include "fuzz/check.h"
#include "fuzz/scratch.h"

namespace {

const char* const kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const char* const kRelationships =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(</Relationships>)";
const char* const kStyles =
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs>)"
    R"(<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>)";
const char* const kSharedStrings =
    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>name</t>)"
    R"(</si><si><t>Interview</t></si><si><r><t>A</t></r><r><t>ge</t></r></si></sst>)";

std::string packed_workbook(std::string sheet_xml) {
    const std::string path = (quire::fuzz::scratch_folder() / "packed.xlsx").string();
    quire::util::ZipWriter zip(path);
    zip.add("xl/workbook.xml", kWorkbook);
    zip.add("xl/_rels/workbook.xml.rels", kRelationships);
    zip.add("xl/styles.xml", kStyles);
    zip.add("xl/sharedStrings.xml", kSharedStrings);
    zip.add("xl/worksheets/sheet1.xml", std::move(sheet_xml));
    zip.commit();
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string path;
    if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
        path = quire::fuzz::write_scratch_file("table.xlsx", data, size);
    } else if (size >= 1 && data[0] == '<') {
        path = packed_workbook(std::string(reinterpret_cast<const char*>(data), size));
    } else {
        path = quire::fuzz::write_scratch_file("table.csv", data, size);
    }
    quire::fuzz::import_rolled_back([&](quire::Project& project) {
        const quire::exchange::TextTable table = quire::exchange::read_attribute_table(path);
        const quire::exchange::AttributeImportPreview preview =
            quire::exchange::preview_attribute_import(project, table);
        quire::fuzz::check(preview.rows.size() < table.size(), "a preview row per table row");
        for (const quire::exchange::AttributeRow& row : preview.rows) {
            quire::fuzz::check(row.cells.size() == preview.columns.size(),
                               "a preview cell per column");
            quire::fuzz::check(row.owner.has_value() == row.problem.empty(),
                               "a row matches an owner or says why not");
        }
        if (preview.can_apply()) {
            quire::exchange::apply_attribute_import(project, preview);
        }
    });
    return 0;
}
