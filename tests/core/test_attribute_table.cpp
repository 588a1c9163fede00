// SPDX-License-Identifier: GPL-3.0-or-later
// Attribute tables: the sheet, reading it from CSV and XLSX, the import preview and applying
// it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/exchange/attribute_table.h"
#include "core/formats/xlsx_reader.h"
#include "core/project/project.h"
#include "tests/core/zip_parts.h"
#include "tests/support/project_helpers.h"
#include "tests/support/scratch.h"

using quire::AttributeType;
using quire::Id;
using quire::Project;
using quire::exchange::AttributeImportPreview;
using quire::exchange::OwnerKind;
using quire::exchange::TextTable;
using quire::test::attribute_value;
using quire::test::kTranscript;
using quire::test::TempProjectPath;

namespace {

// Two interviews, a case, and typed attributes with a few values.
struct Fixture {
    TempProjectPath path;
    Project p = Project::create(path.str());
    Id amira = p.add_document("Interview Amira", kTranscript).document.id;
    Id ben = p.add_document("Interview Ben", kTranscript + "More.\n").document.id;
    Id family = p.ensure_case("Family North").id;

    Fixture() {
        p.ensure_attribute("Age", AttributeType::Integer);
        p.ensure_attribute("Consent", AttributeType::Boolean);
        p.ensure_attribute("Interviewed", AttributeType::Date);
        p.set_document_attribute(amira, "Age", "15");
        p.set_document_attribute(amira, "Consent", "yes");
        p.set_case_attribute(family, "Age", "40");
    }

    std::string doc_value(Id d, const std::string& name) {
        return attribute_value(p.document_attributes(d), name);
    }
};

}  // namespace

TEST_CASE("the attribute sheet has a row per document and case, a column per attribute",
          "[exchange][attributes]") {
    Fixture f;
    const TextTable sheet = quire::exchange::attribute_sheet(f.p);
    REQUIRE(sheet.size() == 4);
    CHECK(sheet[0] == std::vector<std::string>{"name", "kind", "Age", "Consent", "Interviewed"});
    CHECK(sheet[1] == std::vector<std::string>{"Interview Amira", "document", "15", "true", ""});
    CHECK(sheet[3] == std::vector<std::string>{"Family North", "case", "40", "", ""});
}

TEST_CASE("the preview shows matches, new columns, invalid values and changes",
          "[exchange][attributes]") {
    Fixture f;
    const TextTable table = {{"name", "kind", "Age", "Site"},
                             {"Interview Amira", "document", "16", "North"},
                             {" Family North ", "case", "40", ""},
                             {"Interview Ben", "document", "fifteen", ""},
                             {},
                             {"Interview Cara", "document", "17", "East"}};
    const AttributeImportPreview preview = quire::exchange::preview_attribute_import(f.p, table);
    REQUIRE(preview.columns.size() == 2);
    CHECK(preview.columns[0].type == AttributeType::Integer);
    CHECK_FALSE(preview.columns[0].is_new);
    CHECK(preview.columns[1].is_new);
    REQUIRE(preview.rows.size() == 4);  // the blank row is left out
    CHECK(preview.rows[0].owner == f.amira);
    CHECK(preview.rows[0].cells[0].current == std::optional<std::string>("15"));
    CHECK(preview.rows[0].cells[0].changes);
    CHECK(preview.rows[1].owner == f.family);
    CHECK(*preview.rows[1].kind == OwnerKind::Case);
    CHECK_FALSE(preview.rows[1].cells[0].changes);  // 40 is 40
    CHECK_FALSE(preview.rows[2].cells[0].valid);
    CHECK(preview.rows[2].cells[0].problem.find("whole number") != std::string::npos);
    CHECK(preview.rows[3].line == 6);
    CHECK_FALSE(preview.rows[3].owner);
    CHECK(preview.rows[3].problem == "no document named \"Interview Cara\"");
    CHECK(preview.matched_rows() == 3);
    CHECK(preview.unmatched_rows() == 1);
    CHECK(preview.invalid_cells() == 1);
    CHECK(preview.changed_cells() == 2);  // Amira's Age and Site: unmatched rows change nothing
    CHECK_FALSE(preview.can_apply());
}

TEST_CASE("applying refuses an unmatched row or invalid value and changes nothing",
          "[exchange][attributes]") {
    Fixture f;
    const auto before = quire::exchange::attribute_sheet(f.p);
    const auto unmatched = quire::exchange::preview_attribute_import(
        f.p, {{"name", "Age"}, {"Interview Amira", "16"}, {"Nobody", "3"}});
    CHECK_THROWS_AS(quire::exchange::apply_attribute_import(f.p, unmatched), quire::NotFoundError);
    const auto invalid = quire::exchange::preview_attribute_import(
        f.p, {{"name", "Age"}, {"Interview Amira", "16"}, {"Interview Ben", "old"}});
    CHECK_THROWS_AS(quire::exchange::apply_attribute_import(f.p, invalid),
                    quire::InvalidInputError);
    CHECK(quire::exchange::attribute_sheet(f.p) == before);
}

TEST_CASE("applying sets values, removes those of empty cells and creates new attributes",
          "[exchange][attributes]") {
    Fixture f;
    const auto preview =
        quire::exchange::preview_attribute_import(f.p, {{"name", "Age", "Consent", "Site"},
                                                        {"Interview Amira", "16", "", "North"},
                                                        {"Family North", "40", "no", ""}});
    const auto outcome = quire::exchange::apply_attribute_import(f.p, preview);
    CHECK(outcome.rows == 2);
    CHECK(outcome.set == 3);  // Amira's Age and Site, the family's Consent
    CHECK(outcome.removed == 1);
    CHECK(outcome.attributes == 1);
    CHECK(f.doc_value(f.amira, "Age") == "16");
    CHECK(f.doc_value(f.amira, "Consent") == "<unset>");
    CHECK(f.doc_value(f.amira, "Site") == "North");
    CHECK(attribute_value(f.p.case_attributes(f.family), "Consent") == "false");
}

TEST_CASE("without a kind column a name matches a document or a case, never both",
          "[exchange][attributes]") {
    Fixture f;
    f.p.ensure_case("Interview Ben");
    const auto preview = quire::exchange::preview_attribute_import(
        f.p, {{"name", "Age"}, {"Family North", "41"}, {"Interview Ben", "12"}, {"", "3"}});
    CHECK(*preview.rows[0].kind == OwnerKind::Case);
    CHECK_FALSE(preview.rows[1].owner);
    CHECK(preview.rows[1].problem.find("both a document and a case") != std::string::npos);
    CHECK(preview.rows[2].problem == "the row names no document or case");
}

TEST_CASE("a table that is not an attribute table is refused", "[exchange][attributes]") {
    Fixture f;
    using quire::exchange::preview_attribute_import;
    CHECK_THROWS_AS(preview_attribute_import(f.p, {}), quire::InvalidInputError);
    CHECK_THROWS_AS(preview_attribute_import(f.p, {{"name", "Age", "Age"}}),
                    quire::InvalidInputError);
    CHECK_THROWS_AS(preview_attribute_import(f.p, {{"name", "Age", " "}}),
                    quire::InvalidInputError);
    CHECK_THROWS_AS(preview_attribute_import(f.p, {{"name", "kind"}, {"Interview Ben", "memo"}}),
                    quire::InvalidInputError);
    CHECK_THROWS_AS(preview_attribute_import(f.p, {{"name", "Age"}, {"Interview Ben", "3", "x"}}),
                    quire::InvalidInputError);
    CHECK_THROWS_WITH(preview_attribute_import(
                          f.p, {{"name", "Age"}, {"Interview Ben", "3"}, {"Interview Ben", "4"}}),
                      "line 3: document \"Interview Ben\" is on line 2 too");
    CHECK_THROWS_AS(quire::exchange::attribute_table_from_csv("name,Age\nInterview Ben\n"),
                    quire::InvalidInputError);
}

TEST_CASE("the sheet written as XLSX reads back as the same table", "[exchange][attributes]") {
    Fixture f;
    f.p.set_document_attribute(f.ben, "Note", "=1+1, \"quoted\"\nsecond line");
    quire::test::ScratchDir dir;
    const std::string xlsx = dir.path("attributes.xlsx");
    quire::exchange::write_attribute_sheet_xlsx(f.p, xlsx);
    TextTable expected = quire::exchange::attribute_sheet(f.p);
    TextTable read = quire::exchange::read_attribute_table(xlsx);
    // The reader ends a row at its last value; the sheet keeps every column.
    for (auto& row : read) {
        row.resize(expected[0].size());
    }
    CHECK(read == expected);
    const std::string csv = dir.write("attributes.csv", quire::exchange::attribute_sheet_csv(f.p));
    CHECK(quire::exchange::read_attribute_table(csv) == expected);
    CHECK_THROWS_AS(quire::exchange::read_attribute_table(dir.write("a.txt", "name\n")),
                    quire::InvalidInputError);
}
