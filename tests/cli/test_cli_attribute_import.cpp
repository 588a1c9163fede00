// SPDX-License-Identifier: GPL-3.0-or-later
// attrs import and export with CSV and XLSX: the preview of --dry-run, all rows or none,
// and exports that read back unchanged.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/core/zip_parts.h"
#include "tests/support/cli_helpers.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using nlohmann::json;
using Scratch = quire::test::ScratchDir;
using quire::test::cli;
using quire::test::CliResult;
using quire::test::ok;
using quire::test::ok_json;
using quire::test::project_with_mixed_document;

namespace {

std::string sheet_of(const std::string& p) {
    return ok({"attrs", p, "--json"});
}

// A project with document "mixed", case "Family A", and an integer attribute Age on both.
std::string project_with_values(const Scratch& s) {
    const std::string p = project_with_mixed_document(s);
    ok({"case", "add", p, "Family A"});
    ok({"attr", "set", p, "--doc", "mixed", "Age=15", "--type", "integer"});
    ok({"attr", "set", p, "--case", "Family A", "Age=40", "Site=North"});
    return p;
}

}  // namespace

TEST_CASE("attrs import --dry-run reports unmatched rows, refused values and changes",
          "[cli][attributes]") {
    Scratch s;
    const std::string p = project_with_values(s);
    const std::string file =
        s.write("t.csv", "name,Age,Site\nmixed,sixteen,East\nFamily A,41,\nNobody,3,\n");
    const std::string before = sheet_of(p);
    const json r = ok_json({"attrs", "import", p, file, "--dry-run"});
    CHECK(r.at("can_import") == false);
    CHECK(r.at("columns")[0] == json({{"name", "Age"}, {"type", "integer"}, {"new", false}}));
    REQUIRE(r.at("unmatched").size() == 1);
    CHECK(r.at("unmatched")[0].at("problem") == "no document or case named \"Nobody\"");
    REQUIRE(r.at("invalid").size() == 1);
    CHECK(r.at("invalid")[0].at("line") == 2);
    CHECK(r.at("invalid")[0].at("attribute") == "Age");
    REQUIRE(r.at("changes").size() == 3);  // mixed's Site, the family's Age and Site
    CHECK(r.at("changes")[1] == json({{"line", 3},
                                      {"name", "Family A"},
                                      {"attribute", "Age"},
                                      {"from", "40"},
                                      {"to", "41"}}));
    CHECK(r.at("changes")[2].at("to").is_null());  // an empty cell removes the value
    const std::string text = ok({"attrs", "import", p, file, "--dry-run"});
    CHECK(text.find("line 2: attribute \"Age\" takes a whole number, got \"sixteen\"\n") !=
          std::string::npos);
    CHECK(text.find("line 3: case \"Family A\" Site: \"North\" -> nothing\n") != std::string::npos);
    CHECK(text.find("line 4: no document or case named \"Nobody\"\n") != std::string::npos);
    CHECK(sheet_of(p) == before);
}

TEST_CASE("attrs import applies all rows or none, with the status of the first problem",
          "[cli][attributes]") {
    Scratch s;
    const std::string p = project_with_values(s);
    const std::string before = sheet_of(p);
    const CliResult unmatched =
        cli({"attrs", "import", p, s.write("a.csv", "name,Age\nmixed,16\nNobody,3\n")});
    CHECK(unmatched.status == 3);
    CHECK(unmatched.err ==
          "quire-cli: line 3: no document or case named \"Nobody\"; nothing was imported\n");
    CHECK(unmatched.out.empty());
    const CliResult invalid =
        cli({"attrs", "import", p, s.write("b.csv", "name,Age\nmixed,16\nFamily A,old\n")});
    CHECK(invalid.status == 4);
    CHECK(sheet_of(p) == before);
    CHECK(ok({"attrs", "import", p, s.write("c.csv", "name,Age,Wave\nmixed,16,2\n")}) ==
          "imported 1 row (2 values set, 0 removed)\n");
    const json sheet = ok_json({"attrs", p});
    CHECK(sheet[0].at("attributes").at("Age") == "16");
    CHECK(sheet[0].at("attributes").at("Wave") == "2");
}

TEST_CASE("attrs export --xlsx reads back unchanged with attrs import", "[cli][attributes]") {
    Scratch s;
    const std::string p = project_with_values(s);
    ok({"attr", "set", p, "--doc", "mixed", "Note=-dash, \"quoted\"\nsecond line"});
    ok({"attr", "set", p, "--case", "Family A", "Born=2010-05-01", "--type", "date"});
    const std::string before = sheet_of(p);
    const std::string csv_before = ok({"attrs", "export", p, "--csv"});
    const std::string xlsx = s.path("attributes.xlsx");
    ok({"attrs", "export", p, "--xlsx", xlsx});
    ok({"attr", "unset", p, "--doc", "mixed", "Note"});
    ok({"attr", "set", p, "--case", "Family A", "Age=7", "Born=2011-01-01"});
    const json preview = ok_json({"attrs", "import", p, xlsx, "--dry-run"});
    CHECK(preview.at("can_import") == true);
    CHECK(preview.at("changes").size() == 3);
    ok({"attrs", "import", p, xlsx});
    CHECK(sheet_of(p) == before);
    CHECK(ok({"attrs", "export", p, "--csv"}) == csv_before);
    // Nothing left to change: a second import finds every value as it is.
    CHECK(ok_json({"attrs", "import", p, xlsx, "--dry-run"}).at("changes").empty());
}

TEST_CASE("attrs import reads a workbook another program wrote", "[cli][attributes]") {
    Scratch s;
    const std::string p = project_with_values(s);
    ok({"attr", "set", p, "--doc", "mixed", "Interviewed=2020-01-01", "--type", "date"});
    const std::string file = quire::test::write_zip(
        s.path("other.xlsx"),
        {{"xl/workbook.xml",
          R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1"/></sheets></workbook>)"},
         {"xl/styles.xml",
          R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>)"},
         {"xl/worksheets/sheet1.xml",
          R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
          R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>Age</t></is></c><c r="C1" t="inlineStr"><is><t>Interviewed</t></is></c></row>)"
          R"(<row r="2"><c r="A2" t="inlineStr"><is><t>mixed</t></is></c><c r="B2"><v>16</v></c><c r="C2" s="1"><v>45292</v></c></row>)"
          R"(</sheetData></worksheet>)"}});
    ok({"attrs", "import", p, file});
    const json sheet = ok_json({"attrs", p});
    CHECK(sheet[0].at("attributes").at("Age") == "16");
    CHECK(sheet[0].at("attributes").at("Interviewed") == "2024-01-01");
}

TEST_CASE("attrs import refuses files it cannot read as a table", "[cli][attributes]") {
    Scratch s;
    const std::string p = project_with_values(s);
    const std::string before = sheet_of(p);
    CHECK(cli({"attrs", "import", p, s.write("t.txt", "name,Age\n")}).status == 4);
    CHECK(cli({"attrs", "import", p, s.write("t.xlsx", "name,Age\n")}).status == 6);
    CHECK(cli({"attrs", "import", p, s.write("e.csv", "")}).status == 4);
    CHECK(sheet_of(p) == before);
}
