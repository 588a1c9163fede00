// SPDX-License-Identifier: GPL-3.0-or-later
// Cases and attributes from the command line: case, attr, attrs.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

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

// Everything the case and attr commands change, to show a refused command changed nothing.
std::string snapshot(const std::string& p) {
    return ok({"cases", p, "--json"}) + ok({"attrs", p, "--json"});
}

// Runs a command that must fail with `status` and leave the project as it was.
void refused(const std::vector<std::string>& args, int status) {
    const std::string p = args.at(2);
    const std::string before = snapshot(p);
    const CliResult r = cli(args);
    INFO(r.err);
    CHECK(r.status == status);
    CHECK(snapshot(p) == before);
}

}  // namespace

TEST_CASE("case add creates a case once, with its description", "[cli][cases]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    const json c = ok_json({"case", "add", p, "Family A", "--description", "two carers"});
    CHECK(c.at("name") == "Family A");
    CHECK(c.at("description") == "two carers");
    CHECK(ok({"case", "add", p, "Family B"}) == "added case \"Family B\"\n");
    const json cases = ok_json({"cases", p});
    REQUIRE(cases.size() == 2);
    CHECK(cases[0].at("description") == "two carers");
    refused({"case", "add", p, "Family A"}, 5);
    refused({"case", "add", p, "  "}, 4);
    refused({"case", "add", p}, 2);
}

TEST_CASE("case rename gives a case a name no other case has", "[cli][cases]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"case", "add", p, "Family A"});
    ok({"case", "add", p, "Family B"});
    CHECK(ok({"case", "rename", p, "Family A", " Carers A "}) ==
          "renamed case \"Family A\" to \"Carers A\"\n");
    const json cases = ok_json({"cases", p});
    REQUIRE(cases.size() == 2);
    CHECK(cases[0].at("name") == "Carers A");
    refused({"case", "rename", p, "Carers A", "Family B"}, 5);
    refused({"case", "rename", p, "Family C", "Family D"}, 3);
    refused({"case", "rename", p, "Carers A", " "}, 4);
    refused({"case", "rename", p, "Carers A"}, 2);
}

TEST_CASE("case link and unlink take a whole document or a range", "[cli][cases]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"case", "add", p, "A"});
    ok({"case", "link", p, "A", "--doc", "mixed"});
    CHECK(ok({"case", "link", p, "A", "--doc", "mixed", "--range", "0:4"}) ==
          "linked [0, 4) of \"mixed\" and case \"A\"\n");
    json docs = ok_json({"cases", p})[0].at("documents");
    REQUIRE(docs.size() == 2);
    CHECK(docs[1].at("start") == 0);
    CHECK(docs[1].at("end") == 4);
    refused({"case", "link", p, "A", "--doc", "mixed", "--range", "4:2"}, 4);
    refused({"case", "link", p, "A", "--doc", "mixed", "--range", "0:999"}, 4);
    refused({"case", "link", p, "A", "--doc", "mixed", "--range", "4"}, 2);
    refused({"case", "link", p, "A", "--doc", "nope"}, 3);
    refused({"case", "link", p, "Nope", "--doc", "mixed"}, 3);
    refused({"case", "link", p, "A"}, 2);
    ok({"case", "unlink", p, "A", "--doc", "mixed", "--range", "0:4"});
    docs = ok_json({"cases", p})[0].at("documents");
    REQUIRE(docs.size() == 1);
    CHECK_FALSE(docs[0].contains("start"));
    refused({"case", "unlink", p, "A", "--doc", "mixed", "--range", "0:4"}, 3);
    CHECK(ok({"case", "unlink", p, "A", "--doc", "mixed"}) ==
          "unlinked \"mixed\" and case \"A\"\n");
    CHECK(ok_json({"cases", p})[0].at("documents").empty());
    refused({"case", "unlink", p, "A", "--doc", "mixed"}, 3);
}

TEST_CASE("case remove takes the links and values but not the documents", "[cli][cases]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"case", "add", p, "A"});
    ok({"case", "link", p, "A", "--doc", "mixed"});
    ok({"attr", "set", p, "--case", "A", "Site=North"});
    CHECK(ok({"case", "remove", p, "A"}) == "removed case \"A\"\n");
    CHECK(ok_json({"cases", p}).empty());
    CHECK(ok_json({"docs", p}).size() == 1);
    refused({"case", "remove", p, "A"}, 3);
    refused({"case", "remove", p}, 2);
}

TEST_CASE("attr set checks values for the type and sets all or none", "[cli][attributes]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"case", "add", p, "A"});
    CHECK(ok({"attr", "set", p, "--doc", "mixed", "Site=North", "Wave=2"}) ==
          "set 2 values on \"mixed\"\n");
    ok({"attr", "set", p, "--case", "A", "Age=12", "--type", "integer"});
    ok({"attr", "set", p, "--case", "A", "Age=013"});
    const json sheet = ok_json({"attrs", p});
    REQUIRE(sheet.size() == 2);
    CHECK(sheet[0].at("name") == "mixed");
    CHECK(sheet[0].at("kind") == "document");
    CHECK(sheet[0].at("attributes").at("Site") == "North");
    CHECK(sheet[0].at("attributes").at("Age").is_null());
    CHECK(sheet[1].at("kind") == "case");
    CHECK(sheet[1].at("attributes").at("Age") == "13");
    refused({"attr", "set", p, "--case", "A", "Age=twelve"}, 4);
    refused({"attr", "set", p, "--case", "A", "Note=x", "Age=twelve"}, 4);  // none set
    refused({"attr", "set", p, "--case", "A", "Age=1", "--type", "date"}, 5);
    refused({"attr", "set", p, "--case", "A", "Born=1", "--type", "colour"}, 4);
    refused({"attr", "set", p, "--case", "A", "Born=yesterday", "--type", "date"}, 4);
    refused({"attr", "set", p, "--case", "A", "--doc", "mixed", "Site=x"}, 2);
    refused({"attr", "set", p, "Site=x"}, 2);
    refused({"attr", "set", p, "--case", "A", "Site"}, 2);
    refused({"attr", "set", p, "--case", "Nope", "Site=x"}, 3);
    refused({"attr", "set", p, "--doc", "nope", "Site=x"}, 3);
}

TEST_CASE("attr unset removes one value", "[cli][attributes]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"case", "add", p, "A"});
    ok({"attr", "set", p, "--doc", "mixed", "Site=North"});
    ok({"attr", "set", p, "--case", "A", "Site=South"});
    CHECK(ok({"attr", "unset", p, "--doc", "mixed", "Site"}) ==
          "removed \"Site\" from \"mixed\"\n");
    const json sheet = ok_json({"attrs", p});
    CHECK(sheet[0].at("attributes").at("Site").is_null());
    CHECK(sheet[1].at("attributes").at("Site") == "South");
    refused({"attr", "unset", p, "--doc", "mixed", "Site"}, 3);
    refused({"attr", "unset", p, "--case", "A", "Nope"}, 3);
    refused({"attr", "unset", p, "Site"}, 2);
    ok({"attr", "unset", p, "--case", "A", "Site"});
    CHECK(ok_json({"attrs", p})[1].at("attributes").at("Site").is_null());
}

TEST_CASE("attrs prints one row per document and case, one column per attribute",
          "[cli][attributes]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"case", "add", p, "A"});
    ok({"attr", "set", p, "--doc", "mixed", "Site=North"});
    ok({"attr", "set", p, "--case", "A", "Wave=2"});
    CHECK(ok({"attrs", p}) == "name\tkind\tSite\tWave\nmixed\tdocument\tNorth\t\nA\tcase\t\t2\n");
    CHECK(cli({"attrs", p, "extra"}).status == 2);
}

TEST_CASE("attrs export --csv reads back exactly with attrs import", "[cli][attributes]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"case", "add", p, "=Family, \"A\""});
    ok({"attr", "set", p, "--doc", "mixed", "Site=-North, \"upper\"", "Note=line\nbreak"});
    ok({"attr", "set", p, "--case", "=Family, \"A\"", "Age=12", "--type", "integer"});
    const std::string csv = ok({"attrs", "export", p, "--csv"});
    CHECK(csv.rfind("name,kind,Site,Note,Age\n", 0) == 0);
    CHECK(csv.find("\"'=Family, \"\"A\"\"\",case,,,12\n") != std::string::npos);
    const std::string before = snapshot(p);
    // Clear every value, then import the export: the sheet is as before.
    ok({"attr", "unset", p, "--doc", "mixed", "Site"});
    ok({"attr", "unset", p, "--doc", "mixed", "Note"});
    ok({"attr", "set", p, "--case", "=Family, \"A\"", "Age=40"});
    ok({"attr", "set", p, "--case", "=Family, \"A\"", "Site=South"});
    const json r = ok_json({"attrs", "import", p, s.write("sheet.csv", csv)});
    CHECK(r.at("matched").size() == 2);
    CHECK(r.at("unmatched").empty());
    CHECK(snapshot(p) == before);
    CHECK(ok({"attrs", "export", p, "--csv"}) == csv);
}

TEST_CASE("attrs import --dry-run previews the matching rows and changes nothing",
          "[cli][attributes]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"case", "add", p, "A"});
    const std::string file =
        s.write("sheet.csv", "name,kind,Site\nmixed,document,North\nB,case,East\nA,case,West\n");
    const std::string before = snapshot(p);
    const json r = ok_json({"attrs", "import", p, file, "--dry-run"});
    CHECK(r.at("dry_run") == true);
    REQUIRE(r.at("matched").size() == 2);
    CHECK(r.at("matched")[1].at("name") == "A");
    REQUIRE(r.at("unmatched").size() == 1);
    CHECK(r.at("unmatched")[0].at("name") == "B");
    CHECK(r.at("unmatched")[0].at("line") == 3);
    CHECK(snapshot(p) == before);
    CHECK(ok({"attrs", "import", p, file, "--dry-run"}) ==
          "new attribute \"Site\" (text)\n"
          "line 2: document \"mixed\" Site: nothing -> \"North\"\n"
          "line 3: no case named \"B\"\n"
          "line 4: case \"A\" Site: nothing -> \"West\"\n"
          "would import nothing: 1 row matching nothing, 0 values its attribute refuses\n");
    CHECK(snapshot(p) == before);
    // Without --dry-run a row that matches nothing refuses the whole file.
    refused({"attrs", "import", p, file}, 3);
    ok({"case", "add", p, "B"});
    CHECK(ok({"attrs", "import", p, file}) == "imported 3 rows (3 values set, 0 removed)\n");
    const json sheet = ok_json({"attrs", p});
    CHECK(sheet[1].at("attributes").at("Site") == "West");  // A
    CHECK(sheet[2].at("attributes").at("Site") == "East");  // B
}

TEST_CASE("attrs import refuses a bad file whole", "[cli][attributes]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"attr", "set", p, "--doc", "mixed", "Age=3", "--type", "integer"});
    refused({"attrs", "import", p, s.write("a.csv", "name,kind,Age\nmixed,document,old\n")}, 4);
    refused({"attrs", "import", p, s.write("b.csv", "name,kind,Age,Age\nmixed,document,4,5\n")}, 4);
    refused({"attrs", "import", p, s.write("c.csv", "name,kind,Age\nmixed,memo,4\n")}, 4);
    refused({"attrs", "import", p, s.write("d.csv", "name,kind,Age\nmixed,document\n")}, 4);
    refused({"attrs", "import", p, s.write("e.csv", "name,kind,Age\nmixed,document,4\n"), "--csv"},
            2);
    refused({"attrs", "import", p, s.path("missing.csv")}, 6);
    refused({"attrs", "import", p}, 2);
}

TEST_CASE("attrs export --xlsx refuses an existing file unless forced", "[cli][attributes]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"attr", "set", p, "--doc", "mixed", "Site=North"});
    const std::string out = s.path("sheet.xlsx");
    CHECK(ok({"attrs", "export", p, "--xlsx", out}) == "wrote " + out + "\n");
    CHECK(cli({"attrs", "export", p, "--xlsx", out}).status == 5);
    ok({"attrs", "export", p, "--xlsx", out, "--force"});
    CHECK(cli({"attrs", "export", p, "--xlsx", p, "--force"}).status == 5);
    CHECK(cli({"attrs", "export", p}).status == 2);
    CHECK(cli({"attrs", "export", p, "--csv", "--xlsx", out}).status == 2);
}
