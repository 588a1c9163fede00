// SPDX-License-Identifier: GPL-3.0-or-later
// Analyse > Cases and Attribute Sheet: cases made and linked to passages, attribute values
// typed into the sheet, each one undo step.
#include <wx/grid.h>
#include <wx/msgdlg.h>
#include <wx/testing.h>

#include <catch2/catch.hpp>
#include <string>

#include "app/gui/cases_ui.h"
#include "app/gui/main_frame.h"
#include "core/project/project.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::test::FrameUnderTest;

namespace {

// Types `value` into a cell as the grid's editor hands it over; false when refused.
bool type_into(wxGrid* grid, int row, int col, const std::string& value) {
    wxGridEvent event(grid->GetId(), wxEVT_GRID_CELL_CHANGING, grid, row, col);
    event.SetString(wxString::FromUTF8(value));
    grid->ProcessWindowEvent(event);
    if (!event.IsAllowed()) {
        return false;
    }
    grid->SetCellValue(row, col, wxString::FromUTF8(value));  // what the grid then does
    FrameUnderTest::settle();
    return true;
}

std::string document_value(const std::string& path, Id document, const std::string& name) {
    for (const quire::AttributeValue& v : Project::open(path).document_attributes(document)) {
        if (v.attribute == name) {
            return v.value;
        }
    }
    return "";
}

struct Fixture {
    quire::test::TempProjectPath file;
    Id document = 0;
    Fixture() {
        Project p = Project::create(file.str());
        document =
            p.add_document("Group 08", "Ana: We met weekly.\nBen: Not always.\n").document.id;
    }
};

}  // namespace

TEST_CASE("a case is made and a selected passage linked to it, each one undo step", "[gui]") {
    Fixture f;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(f.file.str()));
    t.frame->set_coder("Alex");
    Project& p = *t.frame->project();
    {
        quire::gui::CaseManagerDialog cases(t.frame, p, f.document, {0, 19});
        REQUIRE(cases.add_case("Ana"));
        bool again = true;
        wxTEST_DIALOG(again = cases.add_case("Ana"),
                      wxExpectModal<wxMessageDialog>(wxID_OK).Describe("the case exists"));
        CHECK_FALSE(again);  // refused, not doubled
        REQUIRE(cases.select_case("Ana"));
        REQUIRE(cases.link_selection());
        CHECK(cases.link_rows() == 1);
    }
    {
        Project file_now = Project::open(f.file.str());
        REQUIRE(file_now.cases().size() == 1);
        const std::vector<quire::CaseLink> links = file_now.case_links();
        REQUIRE(links.size() == 1);
        CHECK(links[0].document_id == f.document);
        CHECK(links[0].start == 0);
        CHECK(links[0].end == 19);
        CHECK(file_now.journal(1)[0].what == "Link Passage to Case");
        CHECK(file_now.journal(1)[0].who == "Alex");
    }
    REQUIRE(t.frame->undo());
    CHECK(Project::open(f.file.str()).case_links().empty());
    CHECK(Project::open(f.file.str()).cases().size() == 1);
    REQUIRE(t.frame->undo());
    CHECK(Project::open(f.file.str()).cases().empty());

    REQUIRE(t.frame->redo());
    quire::gui::CaseManagerDialog again(t.frame, p, f.document, {});
    REQUIRE(again.select_case("Ana"));
    REQUIRE(again.rename_case("Ana (Group 08)"));
    CHECK(Project::open(f.file.str()).cases()[0].name == "Ana (Group 08)");
    REQUIRE(again.link_document());
    CHECK(again.link_rows() == 1);
    CHECK(quire::gui::case_link_extent(p.case_links()[0]) == "whole document");
}

TEST_CASE("the attribute sheet sets typed values, refuses invalid ones and undoes each", "[gui]") {
    Fixture f;
    {
        Project p = Project::open(f.file.str());
        p.ensure_case("Ana");
        p.ensure_attribute("sessions", quire::AttributeType::Integer);
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(f.file.str()));
    quire::gui::AttributeSheetDialog sheet(t.frame, *t.frame->project());
    wxGrid* grid = sheet.grid();
    REQUIRE(grid->GetNumberRows() == 2);  // the document and the case
    const int doc_row = sheet.row_of("Group 08");
    const int case_row = sheet.row_of("Ana");
    const int sessions = sheet.column_of("sessions");
    REQUIRE(doc_row >= 0);
    REQUIRE(case_row >= 0);
    REQUIRE(sessions >= 0);

    REQUIRE(type_into(grid, doc_row, sessions, "12"));
    CHECK(document_value(f.file.str(), f.document, "sessions") == "12");
    CHECK(t.frame->project()->journal(1)[0].what == "Set Attribute");

    // Not an integer: the error dialog says so, the cell and the file keep 12.
    bool accepted = true;
    wxTEST_DIALOG(accepted = type_into(grid, doc_row, sessions, "a dozen"),
                  wxExpectModal<wxMessageDialog>(wxID_OK).Describe("not an integer"));
    CHECK_FALSE(accepted);
    CHECK(grid->GetCellValue(doc_row, sessions) == "12");
    CHECK(document_value(f.file.str(), f.document, "sessions") == "12");

    // A new boolean column: its first value creates the attribute with that type.
    REQUIRE(sheet.add_column("consented", quire::AttributeType::Boolean));
    const int consented = sheet.column_of("consented");
    REQUIRE(type_into(grid, case_row, consented, "yes"));
    CHECK(grid->GetCellValue(case_row, consented) == "true");  // as stored
    {
        Project file_now = Project::open(f.file.str());
        REQUIRE(file_now.case_attributes(file_now.find_case("Ana").id).size() == 1);
        CHECK(file_now.case_attributes(file_now.find_case("Ana").id)[0].value == "true");
    }
    REQUIRE(t.frame->undo());  // the boolean value and its new attribute
    {
        Project file_now = Project::open(f.file.str());
        CHECK(file_now.case_attributes(file_now.find_case("Ana").id).empty());
        CHECK(file_now.attributes().size() == 1);
    }

    REQUIRE(type_into(grid, doc_row, sessions, ""));  // emptied: the value goes
    CHECK(document_value(f.file.str(), f.document, "sessions").empty());
    REQUIRE(t.frame->undo());
    CHECK(document_value(f.file.str(), f.document, "sessions") == "12");
}

TEST_CASE("a choice attribute in the sheet is picked from its list and checked", "[gui]") {
    Fixture f;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(f.file.str()));
    quire::gui::AttributeSheetDialog sheet(t.frame, *t.frame->project());
    wxGrid* grid = sheet.grid();
    REQUIRE(sheet.add_choice_column("Role", {"staff", "referrer", "young person"}));
    CHECK(t.frame->project()->journal(1)[0].what == "Add Choice Attribute");
    const int role = sheet.column_of("Role");
    const int doc_row = sheet.row_of("Group 08");
    REQUIRE(role >= 0);
    CHECK(grid->GetColLabelValue(role) == "Role (choice)");
    wxGridCellEditor* editor = grid->GetCellEditor(doc_row, role);
    CHECK(dynamic_cast<wxGridCellChoiceEditor*>(editor) != nullptr);
    editor->DecRef();
    REQUIRE(type_into(grid, doc_row, role, "Young Person"));
    CHECK(document_value(f.file.str(), f.document, "Role") == "young person");
    bool accepted = true;
    wxTEST_DIALOG(accepted = type_into(grid, doc_row, role, "volunteer"),
                  wxExpectModal<wxMessageDialog>(wxID_OK).Describe("not a choice"));
    CHECK_FALSE(accepted);
    CHECK(document_value(f.file.str(), f.document, "Role") == "young person");
}
