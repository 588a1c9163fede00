// SPDX-License-Identifier: GPL-3.0-or-later
// Choice attributes: a text attribute whose values are one of its choices.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/exchange/attribute_table.h"
#include "core/project/project.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::test::TempProjectPath;
using Choices = std::vector<std::string>;

namespace {

std::string value_of(Project& p, Id document, const std::string& attribute) {
    for (const quire::AttributeValue& v : p.document_attributes(document)) {
        if (v.attribute == attribute) {
            return v.value;
        }
    }
    return "";
}

}  // namespace

TEST_CASE("a choice attribute takes one of its choices, spelled as the choice is",
          "[project][attributes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("Staff 01", "We work with uncertainty.\n").document.id;
    p.set_document_attribute(doc, "Role", "Staff");
    p.set_attribute_choices("Role", {"staff", "referrer", "young person"});
    CHECK(p.attribute_choices("Role") == Choices{"staff", "referrer", "young person"});
    CHECK(value_of(p, doc, "Role") == "staff");  // the value already given, as the choice
    p.set_document_attribute(doc, "Role", "YOUNG PERSON");
    CHECK(value_of(p, doc, "Role") == "young person");
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Role", "volunteer"), quire::InvalidInputError);
    CHECK(value_of(p, doc, "Role") == "young person");
    CHECK(p.attribute_value("Role", "Referrer") == "referrer");
    CHECK_THROWS_AS(p.attribute_value("Role", "volunteer"), quire::InvalidInputError);

    // Choices that leave out a value in use are refused, and change nothing.
    CHECK_THROWS_AS(p.set_attribute_choices("Role", {"staff", "referrer"}), quire::ConflictError);
    CHECK(p.attribute_choices("Role").size() == 3);
    CHECK_THROWS_AS(p.set_attribute_choices("Role", {"staff", "staff"}), quire::InvalidInputError);
    CHECK_THROWS_AS(p.set_attribute_choices("Nope", {"a"}), quire::NotFoundError);
    p.ensure_attribute("Sessions", quire::AttributeType::Integer);
    CHECK_THROWS_AS(p.set_attribute_choices("Sessions", {"1", "2"}), quire::InvalidInputError);

    // Free text again, and each change one undo step.
    p.set_attribute_choices("Role", {});
    p.set_document_attribute(doc, "Role", "volunteer");
    CHECK(value_of(p, doc, "Role") == "volunteer");
    p.undo();
    p.undo();
    CHECK(p.attribute_choices("Role").size() == 3);
}

TEST_CASE("an attribute table is checked against the choices before it is imported",
          "[project][attributes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    p.add_document("Staff 01", "One.\n");
    p.add_document("Staff 02", "Two.\n");
    p.ensure_attribute("Role");
    p.set_attribute_choices("Role", {"staff", "referrer"});
    const quire::exchange::AttributeImportPreview preview =
        quire::exchange::preview_attribute_import(
            p, {{"name", "Role"}, {"Staff 01", "Referrer"}, {"Staff 02", "volunteer"}});
    REQUIRE(preview.rows.size() == 2);
    CHECK(preview.rows[0].cells[0].valid);
    CHECK(preview.rows[0].cells[0].stored == "referrer");
    CHECK_FALSE(preview.rows[1].cells[0].valid);
    CHECK(preview.rows[1].cells[0].problem.find("one of staff, referrer") != std::string::npos);
}
