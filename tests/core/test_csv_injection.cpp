// SPDX-License-Identifier: GPL-3.0-or-later
// CSV exports never hand a spreadsheet a formula (OWASP's "CSV injection"), and the codings
// CSV still reads back exactly.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "core/exchange/tables.h"
#include "core/formats/csv.h"
#include "core/project/project.h"
#include "core/project_agreement/run.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::test::TempProjectPath;
using quire::util::csv_field;
using quire::util::CsvRow;
using quire::util::parse_csv;

namespace {

// Texts a spreadsheet would take for a formula, and texts that only look like our guard.
const std::vector<std::string> kHostile = {
    "=HYPERLINK(\"example.org\",\"open\")",
    "+1+cmd|' -C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\tindented",
    "\rcarriage",
    "'=already guarded",
    "''-two apostrophes",
    "'plain apostrophe",
    "=",
};

// True when a field of the CSV that is not a plain number starts with what a spreadsheet
// reads as a formula.
bool has_formula_cell(const std::string& csv, std::string& which) {
    const std::regex number("-?[0-9]+(\\.[0-9]+)?");
    for (const CsvRow& row : parse_csv(csv)) {
        for (const std::string& field : row) {
            if (!field.empty() && std::string("=+-@\t\r").find(field[0]) != std::string::npos &&
                !std::regex_match(field, number)) {
                which = field;
                return true;
            }
        }
    }
    return false;
}

}  // namespace

TEST_CASE("a CSV text cell that opens like a formula is quoted behind an apostrophe",
          "[csv][exchange]") {
    CHECK(csv_field("=1+2") == "\"'=1+2\"");
    CHECK(csv_field("+1") == "\"'+1\"");
    CHECK(csv_field("-1") == "\"'-1\"");
    CHECK(csv_field("@A1") == "\"'@A1\"");
    CHECK(csv_field("\tx") == "\"'\tx\"");
    CHECK(csv_field("\rx") == "\"'\rx\"");
    CHECK(csv_field("=\"a\",b") == "\"'=\"\"a\"\",b\"");
    // What Quire's reader would take for the guard gets one more apostrophe.
    CHECK(csv_field("'=x") == "\"''=x\"");
    // Anything else is written as before.
    CHECK(csv_field("a=b") == "a=b");
    CHECK(csv_field("'quoted'") == "'quoted'");
    CHECK(csv_field(" =x") == " =x");
    CHECK(csv_field("") == "");
}

TEST_CASE("csv_text takes off exactly the apostrophe the writer added", "[csv]") {
    for (const std::string& text : kHostile) {
        INFO(text);
        const std::vector<CsvRow> rows = parse_csv(csv_field(text) + "\n");
        REQUIRE(rows.size() == 1);
        REQUIRE(rows[0].size() == 1);
        CHECK(quire::util::csv_text(rows[0][0]) == text);
    }
    // A cell Quire did not guard is read as it is.
    CHECK(quire::util::csv_text("'quoted'") == "'quoted'");
    CHECK(quire::util::csv_text("-5") == "-5");
}

TEST_CASE("a CSV number cell stays a number, negative or not, and anything else is text", "[csv]") {
    using quire::util::CsvCell;
    CHECK(quire::util::csv_line({CsvCell("x"), CsvCell::number(-3), CsvCell::number("-0.250000"),
                                 CsvCell::number("1.5e-3")}) == "x,-3,-0.250000,1.5e-3\n");
    // Only a plain decimal number is written bare: text posing as one is guarded.
    CHECK(quire::util::csv_line({CsvCell::number("-1+2"), CsvCell::number("-inf"),
                                 CsvCell::number("")}) == "\"'-1+2\",\"'-inf\",\n");
    CHECK(quire::util::csv_line({CsvCell("-3")}) == "\"'-3\"\n");
}

TEST_CASE("the codings CSV guards hostile names and reads back into the same codings",
          "[csv][coding]") {
    TempProjectPath from_path, to_path;
    Project from = Project::create(from_path.str());
    Project to = Project::create(to_path.str());
    for (std::size_t i = 0; i < kHostile.size(); ++i) {
        const std::string name = kHostile[i];
        INFO(name);
        for (Project* p : {&from, &to}) {
            p->add_document(name, "Text " + std::to_string(i) + " to code, long enough.\n");
            // Code names are one line: a tab or carriage return is not kept in them.
            p->add_code(name == "\tindented" || name == "\rcarriage" ? "-code " + std::to_string(i)
                                                                     : name);
        }
    }
    const std::vector<quire::Code> codes = from.codes();
    const std::vector<quire::Document> docs = from.documents();
    for (std::size_t i = 0; i < kHostile.size(); ++i) {
        const Id coder = from.ensure_coder(kHostile[i] == "\tindented" ? "-Ann" : kHostile[i]).id;
        from.apply_code(docs[i].id, codes[i].id, coder, 0, 4);
    }
    const std::string csv = from.export_codings_csv();
    std::string formula;
    CHECK_FALSE(has_formula_cell(csv, formula));
    INFO(formula);
    const quire::CsvCodingsOutcome outcome = to.import_codings_csv(csv);
    CHECK(outcome.added == static_cast<int>(kHostile.size()));
    CHECK(to.export_codings_csv() == csv);
}

TEST_CASE("segment and codebook CSVs guard hostile text cells and keep numbers as numbers",
          "[csv][exchange]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("=1+1", "-5 degrees, said @someone.\n").document.id;
    quire::CodeFields fields;
    fields.definition = "=cmd|' /C calc'!A0";
    fields.example = "-";
    const Id code = p.add_code("+Risk", std::nullopt, fields).id;
    p.apply_code(doc, code, p.ensure_coder("@Ann").id, 0, 10);
    std::string formula;
    const std::string segments = quire::exchange::segments_csv(p);
    CHECK_FALSE(has_formula_cell(segments, formula));
    CHECK(segments.find("\"'=1+1\"") != std::string::npos);
    CHECK(segments.find("\"'-5 degrees\"") != std::string::npos);
    CHECK(segments.find(",0,10,") != std::string::npos);
    const std::string codebook = quire::exchange::codebook_csv(p);
    CHECK_FALSE(has_formula_cell(codebook, formula));
    CHECK(codebook.find("\"'+Risk\"") != std::string::npos);
}

TEST_CASE(
    "the agreement CSV guards code and document names but writes a negative kappa as a "
    "number",
    "[csv][agreement]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("-doc", "one two three four five six seven eight\n").document.id;
    const Id code = p.add_code("=Risk").id;
    p.apply_code(doc, code, p.ensure_coder("Ann").id, 0, 20);
    p.apply_code(doc, code, p.ensure_coder("Ben").id, 10, 39);
    quire::agreement::AgreementRequest request;
    request.coders = {"Ann", "Ben"};
    const std::string csv =
        quire::agreement::report_csv(quire::agreement::run_agreement(p, request, false));
    std::string formula;
    CHECK_FALSE(has_formula_cell(csv, formula));
    INFO(csv);
    const std::vector<CsvRow> rows = parse_csv(csv);
    REQUIRE(rows.size() >= 3);
    CHECK(rows[1][0] == "'=Risk");
    CHECK(rows[1][1] == "'-doc");
    // kappa: Ann and Ben share 10 of 39 characters; the pooled row's kappa is negative.
    std::size_t kappa = 0;
    while (kappa < rows[0].size() && rows[0][kappa] != "kappa") {
        ++kappa;
    }
    REQUIRE(kappa < rows[0].size());
    CHECK(rows[2][kappa].substr(0, 1) == "-");
}
