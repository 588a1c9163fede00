// SPDX-License-Identifier: GPL-3.0-or-later
// Edit > Undo and Redo in the workbench: every action taken back and brought back, the
// window showing the project as it then is, the file holding it after each step.
#include <wx/listctrl.h>
#include <wx/menu.h>

#include <catch2/catch.hpp>
#include <string>

#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/transcript_view.h"
#include "core/project/project.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::test::FrameUnderTest;

namespace {

void choose(quire::gui::MainFrame* frame, int id) {
    wxCommandEvent event(wxEVT_MENU, id);
    frame->ProcessWindowEvent(event);
}

std::string menu_label(quire::gui::MainFrame* frame, int id) {
    return frame->GetMenuBar()->FindItem(id)->GetItemLabelText().utf8_string();
}

bool menu_enabled(quire::gui::MainFrame* frame, int id) {
    return frame->GetMenuBar()->IsEnabled(id);
}

// The codings in the file itself, read by a connection of its own.
std::size_t codings_in_file(const std::string& path) {
    return Project::open(path).codings().size();
}

}  // namespace

TEST_CASE("Edit > Undo and Redo take back and bring back coding and uncoding, named in the menu",
          "[gui]") {
    quire::test::TempProjectPath file;
    Id code = 0;
    {
        Project p = Project::create(file.str());
        p.add_document("Staff 01", "We work with uncertainty every day.\n");
        quire::CodeFields fields;
        fields.color = "#E57373";
        code = p.add_code("Working with uncertainty", std::nullopt, fields).id;
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    t.frame->set_coder("Alex");
    CHECK(menu_label(t.frame, wxID_UNDO) == "Undo change");  // the add_code above
    CHECK_FALSE(menu_enabled(t.frame, wxID_REDO));

    t.frame->transcript()->select_code_points({8, 24});
    REQUIRE(t.frame->apply_code_to_selection(code));
    CHECK(codings_in_file(file.str()) == 1);
    CHECK(menu_label(t.frame, wxID_UNDO) == "Undo Code Selection as \"Working with uncertainty\"");
    CHECK(t.frame->project()->journal(1)[0].who == "Alex");

    // Uncode from the Codings list, as a coder would.
    auto* codings = dynamic_cast<wxListCtrl*>(wxWindow::FindWindowByName("codings", t.frame));
    REQUIRE(codings != nullptr);
    codings->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    choose(t.frame, quire::gui::kRemoveCoding);
    CHECK(codings_in_file(file.str()) == 0);
    CHECK(t.frame->transcript()->color_at(10).empty());
    CHECK(menu_label(t.frame, wxID_UNDO) == "Undo Remove Selected Coding");

    choose(t.frame, wxID_UNDO);  // the uncoding
    CHECK(codings_in_file(file.str()) == 1);
    CHECK(t.frame->transcript()->color_at(10) == "#E57373");
    CHECK(t.frame->coding_rows() == 1);
    choose(t.frame, wxID_UNDO);  // the coding
    CHECK(codings_in_file(file.str()) == 0);
    CHECK(t.frame->coding_rows() == 0);
    CHECK(menu_label(t.frame, wxID_REDO) == "Redo Code Selection as \"Working with uncertainty\"");

    choose(t.frame, wxID_REDO);
    choose(t.frame, wxID_REDO);
    CHECK(codings_in_file(file.str()) == 0);  // coded, then uncoded again
    CHECK_FALSE(menu_enabled(t.frame, wxID_REDO));
    choose(t.frame, wxID_UNDO);
    CHECK(codings_in_file(file.str()) == 1);

    // After a restart the same step can still be undone.
    t.frame->close_project();
    REQUIRE(t.frame->open_project(file.str()));
    CHECK(menu_label(t.frame, wxID_REDO) == "Redo Remove Selected Coding");
    CHECK(t.frame->undo());
    CHECK(codings_in_file(file.str()) == 0);
}

TEST_CASE("undoing an import made elsewhere takes its document out of the window", "[gui]") {
    quire::test::TempProjectPath file;
    { Project p = Project::create(file.str()); }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    {
        Project other = Project::open(file.str());
        other.set_action_label("quire-cli import");
        other.add_document("Staff 02", "Take the long view.\n");
    }
    CHECK(menu_label(t.frame, wxID_UNDO) == "Undo");  // not asked again until the menu opens
    REQUIRE(t.frame->undo());
    CHECK_FALSE(t.frame->current_document());
    CHECK(t.frame->project()->documents().empty());
    REQUIRE(t.frame->redo());
    REQUIRE(t.frame->current_document());
    CHECK(t.frame->transcript()->GetText().utf8_string() == "Take the long view.\n");
}
