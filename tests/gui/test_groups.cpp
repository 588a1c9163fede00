// SPDX-License-Identifier: GPL-3.0-or-later
// Document groups in the workbench: the documents list's group chooser and labels, putting
// the selected documents into a group and out of it, and groups as filters in the search
// pane and the agreement window.
#include <wx/app.h>
#include <wx/choice.h>
#include <wx/frame.h>
#include <wx/listbox.h>
#include <wx/menu.h>
#include <wx/utils.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/gui/agreement_choices.h"
#include "app/gui/groups_ui.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/search_panel.h"
#include "core/demo/demo.h"
#include "core/project/project.h"
#include "tests/gui/frame_under_test.h"
#include "tests/gui/search_wait.h"
#include "tests/support/scratch.h"

using quire::DocumentGroup;
using quire::Id;
using quire::Project;
using quire::test::FrameUnderTest;

using quire::test::wait_for;

namespace {

std::vector<std::string> list_labels(wxWindow* frame) {
    auto* list = dynamic_cast<wxListBox*>(wxWindow::FindWindowByName("documents", frame));
    REQUIRE(list != nullptr);
    std::vector<std::string> labels;
    for (unsigned i = 0; i < list->GetCount(); ++i) {
        labels.push_back(list->GetString(i).utf8_string());
    }
    return labels;
}

std::vector<Id> members(Project& project, Id group) {
    std::vector<Id> ids;
    for (const quire::Document& d : project.group_documents(group)) {
        ids.push_back(d.id);
    }
    return ids;
}

// Three interviews, two of them in "staff", one of those also in "pilot".
struct GroupedProject {
    quire::test::TempProjectPath file;
    Id staff1 = 0, staff2 = 0, referrer = 0, staff = 0, pilot = 0;
    GroupedProject() {
        Project p = Project::create(file.str());
        staff1 = p.add_document("Staff 01", "We work with uncertainty.\n").document.id;
        staff2 = p.add_document("Staff 02", "Families are uncertain too.\n").document.id;
        referrer = p.add_document("Referrer 01", "I was uncertain whom to call.\n").document.id;
        staff = p.add_group("staff").id;
        pilot = p.add_group("pilot").id;
        p.assign_to_group(staff, {staff1, staff2});
        p.assign_to_group(pilot, {staff1});
    }
};

void settle() {
    FrameUnderTest::settle();
}

}  // namespace

TEST_CASE("a document's list label names the groups it is in", "[gui]") {
    DocumentGroup staff;
    staff.name = "staff";
    DocumentGroup pilot;
    pilot.name = "pilot";
    pilot.documents = 1;
    CHECK(quire::gui::document_list_label("Staff 01", {}) == "Staff 01");
    CHECK(quire::gui::document_list_label("Staff 01", {staff, pilot}) ==
          "Staff 01  \u00B7 staff, pilot");
    CHECK(quire::gui::group_chooser_labels({staff, pilot}) ==
          std::vector<std::string>{"All documents", "staff (0)", "pilot (1)"});
}

TEST_CASE("the group chooser over the documents list shows one group's documents", "[gui]") {
    GroupedProject project;
    FrameUnderTest t;
    CHECK_FALSE(t.frame->GetMenuBar()->IsEnabled(quire::gui::kNewGroup));
    REQUIRE(t.frame->open_project(project.file.str()));
    CHECK(t.frame->GetMenuBar()->IsEnabled(quire::gui::kNewGroup));
    CHECK(t.frame->GetMenuBar()->IsEnabled(quire::gui::kAssignToGroup));

    CHECK(list_labels(t.frame) == std::vector<std::string>{"Staff 01  \u00B7 staff, pilot",
                                                           "Staff 02  \u00B7 staff",
                                                           "Referrer 01"});
    auto* chooser = dynamic_cast<wxChoice*>(wxWindow::FindWindowByName("document group", t.frame));
    REQUIRE(chooser != nullptr);
    REQUIRE(chooser->GetCount() == 3);
    CHECK(chooser->GetString(1).utf8_string() == "staff (2)");

    // As a user picks it from the chooser.
    chooser->SetSelection(2);
    wxCommandEvent picked(wxEVT_CHOICE, chooser->GetId());
    picked.SetInt(2);
    picked.SetEventObject(chooser);
    chooser->ProcessWindowEvent(picked);
    CHECK(t.frame->shown_group() == project.pilot);
    CHECK(t.frame->shown_documents() == std::vector<Id>{project.staff1});

    t.frame->show_group(project.staff);
    CHECK(t.frame->shown_documents() == std::vector<Id>{project.staff1, project.staff2});
    CHECK(chooser->GetSelection() == 1);

    // A group deleted elsewhere: the list falls back to every document.
    t.frame->project()->remove_group(project.staff);
    t.frame->show_group(t.frame->shown_group());
    CHECK_FALSE(t.frame->shown_group().has_value());
    CHECK(t.frame->shown_documents().size() == 3);
    CHECK(chooser->GetCount() == 2);
}

TEST_CASE("selected documents go into a group and out of it, each an undo step", "[gui]") {
    GroupedProject project;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(project.file.str()));
    Project& p = *t.frame->project();

    REQUIRE(t.frame->select_documents({project.staff2, project.referrer}));
    CHECK(t.frame->selected_documents() == std::vector<Id>{project.staff2, project.referrer});
    CHECK(t.frame->current_document() == project.staff2);

    REQUIRE(t.frame->add_selected_documents_to_group(project.pilot));
    CHECK(members(p, project.pilot) ==
          std::vector<Id>{project.staff1, project.staff2, project.referrer});
    CHECK(p.journal(1)[0].what == "Add Documents to Group \"pilot\"");
    CHECK(list_labels(t.frame)[2] == "Referrer 01  \u00B7 pilot");
    // The selection outlives the list's refresh, so the next action takes the same documents.
    CHECK(t.frame->selected_documents() == std::vector<Id>{project.staff2, project.referrer});

    REQUIRE(t.frame->remove_selected_documents_from_group(project.staff));
    CHECK(members(p, project.staff) == std::vector<Id>{project.staff1});
    CHECK(p.journal(1)[0].what == "Remove Documents from Group \"staff\"");

    REQUIRE(t.frame->undo());
    CHECK(members(p, project.staff) == std::vector<Id>{project.staff1, project.staff2});
    REQUIRE(t.frame->undo());
    CHECK(members(p, project.pilot) == std::vector<Id>{project.staff1});
    CHECK(list_labels(t.frame)[2] == "Referrer 01");
}

TEST_CASE("the search pane's group filter finds hits in that group's documents only", "[gui]") {
    GroupedProject project;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(project.file.str()));
    quire::gui::SearchPanel* panel = t.frame->show_search();
    REQUIRE(panel != nullptr);
    REQUIRE(wait_for(panel));

    panel->run_search("uncertain*");
    REQUIRE(wait_for(panel));
    CHECK(panel->results().hits.size() == 3);

    CHECK_FALSE(panel->choose_group("nobody's group"));
    REQUIRE(panel->choose_group("staff"));
    panel->run_search("uncertain*");
    REQUIRE(wait_for(panel));
    std::set<Id> found;
    for (const auto& hit : panel->results().hits) {
        found.insert(hit.document);
    }
    CHECK(found == std::set<Id>{project.staff1, project.staff2});

    REQUIRE(panel->choose_group(""));
    panel->run_search("uncertain*");
    REQUIRE(wait_for(panel));
    CHECK(panel->results().hits.size() == 3);
}

TEST_CASE("the agreement window checks the documents of a chosen group", "[gui]") {
    quire::test::TempProjectPath file;
    quire::demo::write_demo_project(file.str());
    Project p = Project::open(file.str());
    const std::vector<quire::Document> documents = p.documents();
    REQUIRE(documents.size() > 3);
    const Id group = p.add_group("first two").id;
    p.assign_to_group(group, {documents[0].id, documents[1].id});

    auto* frame = new wxFrame(nullptr, wxID_ANY, "agreement choices");
    wxString said;
    auto* choices =
        new quire::gui::AgreementChoices(frame, "consensus", [&](const wxString& s) { said = s; });
    choices->load(p);
    CHECK_FALSE(choices->check_group_documents("no such group"));
    REQUIRE(choices->check_group_documents("first two"));

    quire::agreement::AgreementRequest request;
    std::vector<Id> codes;
    std::vector<Id> chosen;
    REQUIRE(choices->build_request(p, request, codes, chosen));
    CHECK(chosen == std::vector<Id>{documents[0].id, documents[1].id});
    CHECK(request.documents == std::vector<std::string>{documents[0].name, documents[1].name});
    frame->Destroy();
    settle();
}

TEST_CASE("the group chooser appears once the project has a group", "[gui]") {
    quire::test::TempProjectPath file;
    {
        Project p = Project::create(file.str());
        p.add_document("Staff 01", "We work with uncertainty.\n");
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    auto* chooser = dynamic_cast<wxChoice*>(wxWindow::FindWindowByName("document group", t.frame));
    REQUIRE(chooser != nullptr);
    CHECK_FALSE(chooser->IsShown());  // it would only say "All documents"

    t.frame->project()->add_group("staff");
    t.frame->show_group(std::nullopt);
    CHECK(chooser->IsShown());
    CHECK(chooser->GetString(0).utf8_string() == quire::gui::kAllDocuments);
}

TEST_CASE("the documents list's context menu is the Documents menu", "[gui]") {
    std::unique_ptr<wxMenu> menu(quire::gui::documents_menu());
    for (const int id : {quire::gui::kNewGroup, quire::gui::kRenameGroup, quire::gui::kDeleteGroup,
                         quire::gui::kAssignToGroup, quire::gui::kUnassignFromGroup}) {
        CHECK(menu->FindItem(id) != nullptr);
    }
    CHECK(menu->FindItem(quire::gui::kAssignToGroup)->GetItemLabelText().utf8_string() ==
          "Add Selected Documents to Group\u2026");
}
