// SPDX-License-Identifier: GPL-3.0-or-later
// Teams in the workbench: a copy handed out through the dialog, the coder's work previewed
// and merged back as one undoable action, conflicts resolved by the choice in the preview,
// and View > History listing what came from the copy.
#include <wx/menu.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "app/gui/audit_view.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/team_ui.h"
#include "core/exchange/export.h"
#include "core/project/project.h"
#include "core/project/team.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::gui::MergePreviewDialog;
using quire::test::FrameUnderTest;

namespace {

void choose(quire::gui::MainFrame* frame, int id) {
    wxCommandEvent event(wxEVT_MENU, id);
    frame->ProcessWindowEvent(event);
}

std::string menu_label(quire::gui::MainFrame* frame, int id) {
    return frame->GetMenuBar()->FindItem(id)->GetItemLabelText().utf8_string();
}

bool any_row_has(const std::vector<std::string>& rows, const std::string& a,
                 const std::string& b = "") {
    return std::any_of(rows.begin(), rows.end(), [&](const std::string& row) {
        return row.find(a) != std::string::npos && row.find(b) != std::string::npos;
    });
}

// A lead's project: two interviews and a small codebook, nothing coded yet.
struct LeadProject {
    quire::test::ScratchDir dir;
    std::string lead = dir.path("lead.quire");
    std::string copy = dir.path("sam.quire");
    Id staff = 0, referrer = 0, trust = 0;
    LeadProject() {
        Project p = Project::create(lead);
        staff = p.add_document("Staff 01", "We work with uncertainty every day.\n").document.id;
        referrer = p.add_document("Referrer 01", "I trusted the team at once.\n").document.id;
        trust = p.add_code("Trust").id;
        p.add_code("Uncertainty");
    }
};

// What Sam does in the copy: codes "We work" in Staff 01 with Trust.
void code_in_copy(const std::string& copy_path) {
    Project copy = Project::open(copy_path);
    copy.set_actor("Sam");
    const Id coder = copy.ensure_coder("Sam").id;
    copy.apply_code(copy.find_document("Staff 01").id, copy.find_code("Trust").id, coder, 0, 7);
}

quire::gui::MergePreviewDialog::Planner planner_for(const std::string& lead,
                                                    const std::string& copy) {
    return [lead, copy](const quire::team::MergeOptions& options) {
        return quire::gui::plan_copy_merge(lead, copy, options);
    };
}

}  // namespace

TEST_CASE("A copy handed out through the dialog is merged back, shown, undone and in the history",
          "[gui][team]") {
    LeadProject setup;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(setup.lead));
    t.frame->set_coder("Lead");

    {
        quire::gui::HandOutDialog dialog(t.frame, *t.frame->project());
        CHECK(dialog.options().documents.size() == 2);  // every document ticked at first
        dialog.set_coder("Sam");
        dialog.pick(1);
        CHECK(dialog.options().documents.empty());
        dialog.tick_documents({setup.staff});
        const quire::team::HandoutOutcome outcome = dialog.hand_out_to(setup.copy, false);
        CHECK(outcome.documents == 1);
        CHECK(quire::gui::handout_summary(outcome, "Sam").find("1 document, 0 codings") !=
              std::string::npos);
    }
    CHECK(Project::open(setup.copy).documents().size() == 1);
    code_in_copy(setup.copy);

    const quire::team::MergeOptions first = quire::gui::first_merge_options();
    MergePreviewDialog preview(t.frame, setup.copy, planner_for(setup.lead, setup.copy),
                               quire::gui::plan_copy_merge(setup.lead, setup.copy, first), first);
    CHECK(any_row_has(preview.change_rows(), "add | coding", "Trust"));
    CHECK(preview.conflict_rows().empty());
    CHECK(preview.summary().find("Base found") != std::string::npos);

    REQUIRE(t.frame->select_document(setup.staff));
    CHECK(t.frame->coding_rows() == 0);
    REQUIRE(t.frame->merge_copy(setup.copy, preview.options()));
    CHECK(t.frame->current_document() == setup.staff);
    CHECK(t.frame->coding_rows() == 1);
    CHECK(Project::open(setup.lead).codings().size() == 1);
    CHECK(menu_label(t.frame, wxID_UNDO) == "Undo Merge a Coder's Copy");

    quire::gui::AuditFrame* history = t.frame->open_history();
    REQUIRE(history != nullptr);
    bool sam_from_copy = false;
    for (long row = 0; row < history->rows(); ++row) {
        if (history->cell(row, 1) == "Sam" && !history->cell(row, 5).empty()) {
            sam_from_copy = true;
        }
    }
    CHECK(sam_from_copy);
    CHECK(history->cell(0, 2) == "Merge a Coder's Copy");  // newest first
    history->set_filter("Sam", "");
    REQUIRE(history->rows() > 0);
    for (long row = 0; row < history->rows(); ++row) {
        CHECK(history->cell(row, 1) == "Sam");
    }
    history->set_filter("", "2999-01-01");
    CHECK(history->rows() == 0);

    choose(t.frame, wxID_UNDO);
    CHECK(t.frame->coding_rows() == 0);
    CHECK(Project::open(setup.lead).codings().empty());
}

TEST_CASE("The merge preview shows a rename on both sides as a conflict and resolves it as chosen",
          "[gui][team]") {
    LeadProject setup;
    {
        Project lead = Project::open(setup.lead);
        quire::team::HandoutOptions options;
        options.coder = "Sam";
        quire::team::hand_out(lead, setup.copy, options);
        lead.rename_code(setup.trust, "Trust in staff");
    }
    {
        Project copy = Project::open(setup.copy);
        copy.rename_code(copy.find_code("Trust").id, "Trusting");
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(setup.lead));

    const quire::team::MergeOptions first = quire::gui::first_merge_options();
    MergePreviewDialog preview(t.frame, setup.copy, planner_for(setup.lead, setup.copy),
                               quire::gui::plan_copy_merge(setup.lead, setup.copy, first), first);
    REQUIRE(preview.conflict_rows().size() == 1);
    CHECK(any_row_has(preview.conflict_rows(), "Trust in staff", "Trusting"));
    const std::string keep_ours = preview.plan().conflicts.at(0).resolution;
    CHECK_FALSE(keep_ours.empty());

    preview.choose(quire::team::Prefer::Theirs, false);
    CHECK(preview.options().prefer == quire::team::Prefer::Theirs);
    CHECK(preview.plan().conflicts.at(0).resolution != keep_ours);
    CHECK(any_row_has(preview.conflict_rows(), preview.plan().conflicts.at(0).resolution));

    REQUIRE(t.frame->merge_copy(setup.copy, preview.options()));
    CHECK(t.frame->project()->find_code("Trusting").id == setup.trust);
}

TEST_CASE("A code added on both sides under one path blocks the merge until matched by path",
          "[gui][team]") {
    LeadProject setup;
    {
        Project lead = Project::open(setup.lead);
        quire::team::HandoutOptions options;
        options.coder = "Sam";
        quire::team::hand_out(lead, setup.copy, options);
        lead.add_code("Resilience");
    }
    Project::open(setup.copy).add_code("Resilience");
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(setup.lead));

    const quire::team::MergeOptions first = quire::gui::first_merge_options();
    MergePreviewDialog preview(t.frame, setup.copy, planner_for(setup.lead, setup.copy),
                               quire::gui::plan_copy_merge(setup.lead, setup.copy, first), first);
    CHECK(any_row_has(preview.conflict_rows(), "code path", "Resilience"));
    CHECK(preview.offers_match_by_path());
    CHECK_FALSE(preview.can_merge());

    preview.choose(quire::team::Prefer::Ours, true);
    CHECK(preview.options().match_codes_by_path);
    CHECK_FALSE(preview.plan().blocked());
    CHECK(preview.can_merge());
    REQUIRE(t.frame->merge_copy(setup.copy, preview.options()));
    CHECK(Project::open(setup.lead).codes().size() == 3);
}

TEST_CASE("A copy's REFI-QDA export is previewed and merged like the copy itself", "[gui][team]") {
    LeadProject setup;
    {
        Project lead = Project::open(setup.lead);
        quire::team::HandoutOptions options;
        options.coder = "Sam";
        quire::team::hand_out(lead, setup.copy, options);
    }
    code_in_copy(setup.copy);
    const std::string exported = setup.dir.path("sam.qdpx");
    {
        Project copy = Project::open(setup.copy);
        quire::exchange::write_export(copy, quire::exchange::ExportContent::Project, exported);
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(setup.lead));
    REQUIRE(t.frame->select_document(setup.staff));

    const quire::team::MergeOptions first = quire::gui::first_merge_options();
    MergePreviewDialog preview(t.frame, exported, planner_for(setup.lead, exported),
                               quire::gui::plan_copy_merge(setup.lead, exported, first), first);
    CHECK(any_row_has(preview.change_rows(), "add | coding", "Trust"));
    REQUIRE(t.frame->merge_copy(exported, preview.options()));
    CHECK(t.frame->coding_rows() == 1);
}

TEST_CASE("The history's Since field takes a real day as YYYY-MM-DD or nothing", "[gui][team]") {
    CHECK(quire::gui::valid_since(""));
    CHECK(quire::gui::valid_since("2026-12-03"));
    CHECK(quire::gui::valid_since("2024-02-29"));
    CHECK_FALSE(quire::gui::valid_since("2026-02-29"));
    CHECK_FALSE(quire::gui::valid_since("2026-13-01"));
    CHECK_FALSE(quire::gui::valid_since("2026-1-01"));
    CHECK_FALSE(quire::gui::valid_since("yesterday"));
}

TEST_CASE("The team items are in the File and View menus and need a project", "[gui][team]") {
    FrameUnderTest t;
    wxMenuBar* bar = t.frame->GetMenuBar();
    REQUIRE(bar->GetMenuCount() == 7);
    CHECK(menu_label(t.frame, quire::gui::kHandOut) == "Hand Out Copy to a Coder…");
    CHECK(menu_label(t.frame, quire::gui::kMergeCopy) == "Merge a Coder's Copy…");
    CHECK(menu_label(t.frame, quire::gui::kHistory) == "History (Audit Trail)…");
    CHECK_FALSE(bar->IsEnabled(quire::gui::kMergeCopy));
    CHECK(t.frame->open_history() == nullptr);
}
