// SPDX-License-Identifier: GPL-3.0-or-later
// File > Import Attribute Table: what the preview dialog shows for each row and cell, when
// its Import button is enabled, and the import as one undo step.
#include <wx/menu.h>

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "app/gui/attribute_import_ui.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "core/exchange/attribute_table.h"
#include "core/project/project.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::gui::AttributeImportModel;
using quire::test::FrameUnderTest;
using Look = AttributeImportModel::Look;

namespace {

// Two interviews; "age" is an integer attribute Staff 01 has.
struct AttributeProject {
    quire::test::TempProjectPath file;
    Id staff1 = 0;
    Id staff2 = 0;
    AttributeProject() {
        Project p = Project::create(file.str());
        staff1 = p.add_document("Staff 01", "We work with uncertainty.\n").document.id;
        staff2 = p.add_document("Staff 02", "Families are uncertain too.\n").document.id;
        p.ensure_attribute("age", quire::AttributeType::Integer);
        p.set_document_attribute(staff1, "age", "30");
    }
};

std::optional<std::string> value_of(Project& p, Id document, const std::string& attribute) {
    for (const quire::AttributeValue& v : p.document_attributes(document)) {
        if (v.attribute == attribute) {
            return v.value;
        }
    }
    return std::nullopt;
}

AttributeImportModel model_of_csv(Project& project, const std::string& csv) {
    return AttributeImportModel(project, quire::exchange::attribute_table_from_csv(csv));
}

}  // namespace

TEST_CASE("the attribute preview shows a match, an unmatched row and a refused value", "[gui]") {
    AttributeProject project;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(project.file.str()));
    CHECK(t.frame->GetMenuBar()->IsEnabled(quire::gui::kImportAttributes));
    CHECK(t.frame->GetMenuBar()->IsEnabled(quire::gui::kExportAttributes));
    Project& p = *t.frame->project();

    const AttributeImportModel model = model_of_csv(p,
                                                    "name,age,site\n"
                                                    "Staff 01,31,North\n"
                                                    "Nobody,40,East\n"
                                                    "Staff 02,old,South\n");
    CHECK(model.column_titles() ==
          std::vector<std::string>{"Line", "Matches", "age (integer)", "site (text, new)"});
    REQUIRE(model.row_count() == 3);

    // The matching row: its document, the change as old -> new, a new value from nothing.
    CHECK(model.cell_text(0, 0) == "2");
    CHECK(model.cell_text(0, 1) == "Staff 01 (document)");
    CHECK(model.cell_look(0, 1) == Look::Plain);
    CHECK(model.cell_text(0, 2) == "30 \u2192 31");
    CHECK(model.cell_look(0, 2) == Look::Changes);
    CHECK(model.cell_text(0, 3) == "(none) \u2192 North");

    // The unmatched row says why, and every cell of it looks unmatched.
    CHECK(model.cell_text(1, 1).rfind("no match: ", 0) == 0);
    CHECK(model.cell_text(1, 1).find("Nobody") != std::string::npos);
    CHECK(model.cell_look(1, 1) == Look::Unmatched);
    CHECK(model.cell_look(1, 2) == Look::Unmatched);
    CHECK(model.cell_text(1, 2) == "40");

    // The refused value is shown with the reason.
    CHECK(model.cell_look(2, 2) == Look::Refused);
    CHECK(model.cell_text(2, 2).rfind("old  \u2716 ", 0) == 0);
    CHECK(model.cell_text(2, 2).size() > std::string("old  \u2716 ").size());
    CHECK(model.cell_look(2, 3) == Look::Changes);

    // Import is refused, and the dialog says why.
    CHECK_FALSE(model.can_apply());
    CHECK(model.summary().find("1 row matches no document or case") != std::string::npos);
    CHECK(model.summary().find("1 value is refused") != std::string::npos);
    // Each reason in full, by line, as a cell may be too narrow for it.
    CHECK(model.summary().find("\n  Line 3: no document or case named \"Nobody\"") !=
          std::string::npos);
    CHECK(model.summary().find("\n  Line 4: age: ") != std::string::npos);
    // Nothing was read into the project by previewing.
    CHECK(value_of(p, project.staff1, "age") == "30");
}

TEST_CASE("a clean attribute table imports as one undo step named for the menu", "[gui]") {
    AttributeProject project;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(project.file.str()));
    t.frame->set_coder("Alex");
    Project& p = *t.frame->project();

    const AttributeImportModel model = model_of_csv(p,
                                                    "name,age,site\n"
                                                    "Staff 01,31,North\n"
                                                    "Staff 02,45,\n");
    REQUIRE(model.can_apply());
    CHECK(model.summary() == "2 rows match; 3 values change; 1 new attribute (text).");
    CHECK(model.cell_text(1, 3).empty());  // no value and none to remove: nothing happens

    const quire::exchange::AttributeImportOutcome outcome = model.apply(p);
    CHECK(outcome.rows == 2);
    CHECK(outcome.set == 3);
    CHECK(outcome.attributes == 1);
    CHECK(quire::gui::import_outcome_text(outcome) ==
          "Imported 2 rows: 3 values set, 0 removed, 1 attribute created. Edit > Undo takes "
          "the import back.");
    CHECK(value_of(p, project.staff1, "age") == "31");
    CHECK(value_of(p, project.staff2, "age") == "45");
    CHECK(value_of(p, project.staff1, "site") == "North");
    CHECK(p.journal(1)[0].what == "Import Attribute Table");
    CHECK(p.journal(1)[0].who == "Alex");

    REQUIRE(t.frame->undo());
    CHECK(value_of(p, project.staff1, "age") == "30");
    CHECK_FALSE(value_of(p, project.staff2, "age").has_value());
    CHECK_FALSE(value_of(p, project.staff1, "site").has_value());
    const auto next = p.next_undo();
    CHECK((!next || next->what != "Import Attribute Table"));
}
