// SPDX-License-Identifier: GPL-3.0-or-later
// Defects a new user met in the workbench, each kept fixed.
#include <wx/combobox.h>
#include <wx/listbox.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/testing.h>
#include <wx/utils.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "app/gui/main_frame.h"
#include "app/gui/search_panel.h"
#include "app/gui/transcript_view.h"
#include "core/project/project.h"
#include "tests/gui/frame_under_test.h"
#include "tests/gui/search_wait.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::test::FrameUnderTest;

using quire::test::wait_for;

namespace {

std::string side_page(quire::gui::MainFrame* frame) {
    auto* side = dynamic_cast<wxNotebook*>(wxWindow::FindWindowByName("side panes", frame));
    REQUIRE(side != nullptr);
    return side->GetPageText(static_cast<std::size_t>(side->GetSelection())).utf8_string();
}

}  // namespace

TEST_CASE("Ctrl+F opens the search from the documents list, not the list's type-ahead", "[gui]") {
    quire::test::TempProjectPath file;
    {
        Project p = Project::create(file.str());
        p.add_document("Staff 01", "We work with uncertainty.\n");
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    auto* documents = dynamic_cast<wxListBox*>(wxWindow::FindWindowByName("documents", t.frame));
    REQUIRE(documents != nullptr);
    documents->SetFocus();
    CHECK(side_page(t.frame) == "Codings");
    wxKeyEvent press(wxEVT_CHAR_HOOK);
    press.m_keyCode = 'F';
    press.m_controlDown = true;
    press.SetEventObject(documents);
    documents->GetEventHandler()->ProcessEvent(press);
    FrameUnderTest::settle();
    CHECK(side_page(t.frame) == "Search");
}

TEST_CASE("clearing the query clears the hits, and the open document stays in view", "[gui]") {
    quire::test::TempProjectPath file;
    Id last = 0;
    {
        Project p = Project::create(file.str());
        for (int i = 1; i <= 80; ++i) {
            last =
                p.add_document("Interview " + std::to_string(100 + i),
                               "Working with uncertainty, interview " + std::to_string(i) + ".\n")
                    .document.id;
        }
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    quire::gui::SearchPanel* panel = t.frame->show_search();
    REQUIRE(wait_for(panel));
    panel->run_search("uncertainty");
    REQUIRE(wait_for(panel));
    REQUIRE_FALSE(panel->results().hits.empty());
    panel->run_search("");  // the query cleared, say under new filters
    REQUIRE(wait_for(panel));
    CHECK(panel->results().hits.empty());
    CHECK(panel->rows().empty());

    auto* documents = dynamic_cast<wxListBox*>(wxWindow::FindWindowByName("documents", t.frame));
    REQUIRE(documents != nullptr);
    REQUIRE(t.frame->select_document(last));
    // GTK scrolls its list when it next lays it out.
    for (int i = 0; i < 10; ++i) {
        documents->Update();
        FrameUnderTest::settle();
        wxMilliSleep(20);
    }
    const int row = documents->GetCount() - 1;
    const int top = documents->GetTopItem();
    CHECK(top > 0);
    CHECK(row >= top);
    CHECK(row < top + std::max(1, documents->GetCountPerPage()));
}

TEST_CASE("a name in Code selection as that matches no code is offered as a new code", "[gui]") {
    quire::test::TempProjectPath file;
    {
        Project p = Project::create(file.str());
        p.add_document("Staff 01", "We model consent every time.\n");
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    t.frame->set_coder("Ann");
    t.frame->transcript()->select_code_points({3, 16});  // "model consent"
    auto* quick = dynamic_cast<wxComboBox*>(wxWindow::FindWindowByName("quick code", t.frame));
    REQUIRE(quick != nullptr);
    quick->SetValue("Model consent");
    wxCommandEvent enter(wxEVT_TEXT_ENTER, quick->GetId());
    enter.SetEventObject(quick);
    wxTEST_DIALOG(quick->ProcessWindowEvent(enter),
                  wxExpectModal<wxMessageDialog>(wxID_YES).Describe("create the code?"));
    Project& p = *t.frame->project();
    REQUIRE(p.codes().size() == 1);
    CHECK(p.codes()[0].name == "Model consent");
    REQUIRE(p.codings().size() == 1);
    CHECK(p.codings()[0].start == 3);
    CHECK(p.codings()[0].end == 16);
}

TEST_CASE("at 1024 by 680 the transcript keeps the most room and pane titles fit", "[gui]") {
    quire::test::TempProjectPath file;
    {
        Project p = Project::create(file.str());
        p.add_document("Staff 01", "We work with uncertainty.\n");
    }
    FrameUnderTest t;
    t.frame->SetSize(wxSize(1024, 680));
    REQUIRE(t.frame->open_project(file.str()));
    FrameUnderTest::settle();
    auto* documents = wxWindow::FindWindowByName("documents", t.frame);
    auto* side = dynamic_cast<wxNotebook*>(wxWindow::FindWindowByName("side panes", t.frame));
    REQUIRE(documents != nullptr);
    REQUIRE(side != nullptr);
    const int transcript = t.frame->transcript()->GetClientSize().GetWidth();
    CHECK(transcript > documents->GetSize().GetWidth());
    CHECK(transcript >= 300);
    // Every tab of the side pane shows its label: the tabs' best width fits the pane.
    int tabs = 0;
    for (std::size_t i = 0; i < side->GetPageCount(); ++i) {
        tabs += side->GetTextExtent(side->GetPageText(i)).GetWidth() + 40;
    }
    CHECK(tabs <= side->GetSize().GetWidth());
    // The titles are measured in the bold font they are drawn in.
    for (wxWindow* child : side->GetPage(0)->GetChildren()) {
        if (auto* title = dynamic_cast<wxStaticText*>(child)) {
            CHECK(title->GetSize().GetWidth() >= title->GetBestSize().GetWidth());
        }
    }
}
