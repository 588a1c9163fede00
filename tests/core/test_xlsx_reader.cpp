// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the first worksheet of workbooks Quire did not write: shared and inline strings,
// numbers, booleans, dates, and damaged or hostile archives.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/formats/xlsx_reader.h"
#include "tests/core/zip_parts.h"
#include "tests/support/scratch.h"

using quire::util::read_xlsx_first_sheet;
using quire::util::xlsx_serial_date;
using Rows = std::vector<std::vector<std::string>>;

namespace {

const std::string kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Cases" sheetId="1" r:id="rId7"/></sheets></workbook>)";

const std::string kRelationships =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId7" Type="worksheet" Target="worksheets/cases.xml"/></Relationships>)";

// Style 1 is the built-in short date, style 2 a custom ISO date, style 3 a time of day.
const std::string kStyles =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/>
<numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>
<xf numFmtId="165"/></cellXfs></styleSheet>)";

const std::string kSharedStrings =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<si><t>name</t></si><si><t>Age</t></si>
<si><r><t>Interview </t></r><r><rPr><b/></rPr><t>Amira</t></r><rPh><t>x</t></rPh></si>
</sst>)";

std::string sheet(const std::string& rows) {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
           rows + "</sheetData></worksheet>";
}

std::string workbook(const quire::test::ScratchDir& dir, const std::string& rows,
                     const std::string& workbook_xml = kWorkbook) {
    return quire::test::write_zip(dir.path("hand.xlsx"),
                                  {{"xl/workbook.xml", workbook_xml},
                                   {"xl/_rels/workbook.xml.rels", kRelationships},
                                   {"xl/styles.xml", kStyles},
                                   {"xl/sharedStrings.xml", kSharedStrings},
                                   {"xl/worksheets/cases.xml", sheet(rows)}});
}

}  // namespace

TEST_CASE("a hand-made sheet reads as text: strings, numbers, booleans and dates",
          "[xlsx][reader]") {
    quire::test::ScratchDir dir;
    const std::string path =
        workbook(dir,
                 R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>
<c r="C1" t="inlineStr"><is><t>Born</t></is></c><c r="D1" t="inlineStr"><is><t>Consent</t></is></c>
<c r="E1" t="str"><v>Seen</v></c><c r="F1" t="inlineStr"><is><t>Duration</t></is></c>
<c r="G1" t="inlineStr"><is><t>Visit</t></is></c></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>15</v></c><c r="C2" s="1"><v>45292</v></c>
<c r="D2" t="b"><v>1</v></c><c r="E2" s="2"><v>45293.75</v></c><c r="F2" s="3"><v>0.5</v></c>
<c r="G2" t="d"><v>2024-03-05T10:00:00</v></c></row>
<row r="4"><c r="B4"><v>3.25</v></c></row>)");
    const Rows rows = read_xlsx_first_sheet(path);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] ==
          std::vector<std::string>{"name", "Age", "Born", "Consent", "Seen", "Duration", "Visit"});
    CHECK(rows[1] == std::vector<std::string>{"Interview Amira", "15", "2024-01-01", "true",
                                              "2024-01-02", "0.5", "2024-03-05"});
    CHECK(rows[2].empty());  // a row the file leaves out
    CHECK(rows[3] == std::vector<std::string>{"", "3.25"});
}

TEST_CASE("cells without references follow one another, dates count from 1904 when told",
          "[xlsx][reader]") {
    quire::test::ScratchDir dir;
    std::string with_1904 = kWorkbook;
    with_1904.replace(with_1904.find("<sheets>"), 0, R"(<workbookPr date1904="1"/>)");
    const Rows rows = read_xlsx_first_sheet(
        workbook(dir, R"(<row><c t="inlineStr"><is><t>a</t></is></c><c s="1"><v>1</v></c></row>)",
                 with_1904));
    CHECK(rows == Rows{{"a", "1904-01-02"}});
}

TEST_CASE("serial numbers become calendar dates across Excel's phantom leap day",
          "[xlsx][reader]") {
    CHECK(xlsx_serial_date(1) == "1900-01-01");
    CHECK(xlsx_serial_date(59) == "1900-02-28");
    CHECK(xlsx_serial_date(61) == "1900-03-01");
    CHECK(xlsx_serial_date(45351.9) == "2024-02-29");
    CHECK(xlsx_serial_date(2958465) == "9999-12-31");
    CHECK(xlsx_serial_date(1, true) == "1904-01-02");
    CHECK_THROWS_AS(xlsx_serial_date(0), quire::InvalidInputError);
    CHECK_THROWS_AS(xlsx_serial_date(1e12), quire::InvalidInputError);
}

TEST_CASE("damaged workbooks are refused with a clear error", "[xlsx][reader]") {
    quire::test::ScratchDir dir;
    CHECK_THROWS_AS(read_xlsx_first_sheet(dir.write("plain.xlsx", "name,Age\n")),
                    quire::ImportError);
    CHECK_THROWS_AS(read_xlsx_first_sheet(dir.path("missing.xlsx")), quire::ImportError);
    const std::string no_workbook =
        quire::test::write_zip(dir.path("empty.xlsx"), {{"hello.txt", "hi"}});
    CHECK_THROWS_WITH(read_xlsx_first_sheet(no_workbook),
                      Catch::Contains("has no xl/workbook.xml"));
    CHECK_THROWS_AS(read_xlsx_first_sheet(workbook(dir, "<row><c>")), quire::ImportError);
    CHECK_THROWS_WITH(
        read_xlsx_first_sheet(workbook(dir, R"(<row r="1"><c r="A1" t="s"><v>99</v></c></row>)")),
        Catch::Contains("names a shared string it lacks"));
    CHECK_THROWS_AS(
        read_xlsx_first_sheet(workbook(dir, R"(<row r="1"><c r="1A"><v>1</v></c></row>)")),
        quire::ImportError);
    CHECK_THROWS_AS(read_xlsx_first_sheet(workbook(dir, R"(<row r="2"/><row r="1"/>)")),
                    quire::ImportError);
}

TEST_CASE("sheets beyond the row and column limits are refused before they fill memory",
          "[xlsx][reader]") {
    quire::test::ScratchDir dir;
    CHECK_THROWS_AS(
        read_xlsx_first_sheet(workbook(dir, R"(<row r="1"><c r="XFD1"><v>1</v></c></row>)")),
        quire::InvalidInputError);
    CHECK_THROWS_AS(
        read_xlsx_first_sheet(workbook(dir, R"(<row r="1048576"><c><v>1</v></c></row>)")),
        quire::InvalidInputError);
    // A sheet that unpacks to more than its limit: a zip bomb is stopped while inflating.
    const std::string huge(65 * 1024 * 1024, ' ');
    const std::string bomb = quire::test::write_zip(dir.path("bomb.xlsx"),
                                                    {{"xl/workbook.xml", kWorkbook},
                                                     {"xl/_rels/workbook.xml.rels", kRelationships},
                                                     {"xl/worksheets/cases.xml", sheet(huge)}});
    CHECK_THROWS_AS(read_xlsx_first_sheet(bomb), quire::ImportError);
}
