// SPDX-License-Identifier: GPL-3.0-or-later
// Coding as coders work: by keyboard (quick code, recent codes, in vivo), by drag and drop,
// adjusting and recoding, blind coding, the transcript's menu and the find bar.
#include <wx/combobox.h>
#include <wx/menu.h>
#include <wx/treectrl.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>
#include <vector>

#include <wx/grid.h>

#include "app/gui/cases_ui.h"
#include "app/gui/find_bar.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/transcript_view.h"
#include "core/project/project.h"
#include "core/text/unicode.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::TextRange;
using quire::test::FrameUnderTest;

namespace {

const char* const kText = "We work with uncertainty every day and take the long view.\n";

struct CodingProject {
    quire::test::TempProjectPath file;
    Id uncertainty = 0;
    Id long_view = 0;
    CodingProject() {
        Project p = Project::create(file.str());
        p.add_document("Staff 01", kText);
        uncertainty = p.add_code("Working with uncertainty").id;
        long_view = p.add_code("Take the long view").id;
    }
    // The codings as the file holds them, read by a connection of its own.
    std::vector<quire::Coding> in_file() const { return Project::open(file.str()).codings(); }
    quire::Coding with_guid(const std::string& guid) const {
        for (const quire::Coding& c : in_file()) {
            if (c.guid == guid) {
                return c;
            }
        }
        return {};
    }
};

std::string covered(const quire::Coding& c) {
    return quire::text::slice(kText, c.start, c.end);
}

bool has(const std::vector<std::string>& labels, const std::string& label) {
    return std::find(labels.begin(), labels.end(), label) != labels.end();
}

}  // namespace

TEST_CASE("a coder codes by keyboard: quick code, recent codes and in vivo, snapped to words",
          "[gui]") {
    CodingProject cp;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(cp.file.str()));
    t.frame->set_coder("Ann");
    auto* transcript = t.frame->transcript();

    // "rk with uncer" grows to "work with uncertainty"; "uncert" finds the code by its words.
    transcript->select_code_points({5, 18});
    REQUIRE(t.frame->quick_code("uncert", false));
    REQUIRE(cp.in_file().size() == 1);
    CHECK(covered(cp.in_file()[0]) == "work with uncertainty");
    CHECK(t.frame->recent_codes() == std::vector<Id>{cp.uncertainty});
    CHECK(t.frame->GetMenuBar()->FindItem(quire::gui::kRecentCode1)->GetItemLabelText() ==
          "1 Working with uncertainty");

    // Ctrl+1 codes another passage with the same code.
    transcript->select_code_points({25, 34});  // "every day"
    wxCommandEvent recent(wxEVT_MENU, quire::gui::kRecentCode1);
    t.frame->ProcessWindowEvent(recent);
    CHECK(cp.in_file().size() == 2);

    // Enter in "Code selection as" codes with the code typed.
    auto* quick = dynamic_cast<wxComboBox*>(wxWindow::FindWindowByName("quick code", t.frame));
    REQUIRE(quick != nullptr);
    transcript->select_code_points({44, 57});  // "the long view"
    quick->SetValue("Take the long view");
    wxCommandEvent enter(wxEVT_TEXT_ENTER, quick->GetId());
    enter.SetEventObject(quick);
    quick->ProcessWindowEvent(enter);
    CHECK(cp.in_file().size() == 3);
    CHECK(t.frame->recent_codes().front() == cp.long_view);

    // Nothing matches: a new code, on request, made and applied in one step.
    transcript->select_code_points({0, 2});
    CHECK_FALSE(t.frame->quick_code("Model consent", false));
    REQUIRE(t.frame->quick_code("Model consent", true));
    CHECK(t.frame->project()->find_code("Model consent").id > 0);
    CHECK(t.frame->project()->next_undo()->changes == "added 1 code; added 1 coding");

    // In vivo: the words become the code.
    transcript->select_code_points({49, 56});  // "long vi" -> "long view"
    REQUIRE(t.frame->code_in_vivo());
    CHECK(t.frame->project()->find_code("long view").id > 0);

    // Exact characters when snapping is off.
    t.frame->set_snap_to_words(false);
    transcript->select_code_points({5, 7});
    REQUIRE(t.frame->quick_code("Working with uncertainty", false));
    const std::vector<quire::Coding> all = cp.in_file();
    CHECK(std::any_of(all.begin(), all.end(),
                      [](const quire::Coding& c) { return covered(c) == "rk"; }));
}

TEST_CASE("dragging codes a passage, and a coding's boundaries and code change in place", "[gui]") {
    CodingProject cp;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(cp.file.str()));
    t.frame->set_coder("Ann");
    auto* transcript = t.frame->transcript();

    // The selection dropped on "Take the long view" in the codebook.
    auto* codebook = dynamic_cast<wxTreeCtrl*>(wxWindow::FindWindowByName("codebook", t.frame));
    REQUIRE(codebook != nullptr);
    wxTreeItemIdValue cookie;
    wxTreeItemId item = codebook->GetFirstChild(codebook->GetRootItem(), cookie);
    while (item.IsOk() && codebook->GetItemText(item).utf8_string().rfind("Take", 0) != 0) {
        item = codebook->GetNextChild(codebook->GetRootItem(), cookie);
    }
    REQUIRE(item.IsOk());
    wxRect rect;
    REQUIRE(codebook->GetBoundingRect(item, rect, true));
    transcript->select_code_points({44, 57});
    REQUIRE(t.frame->drop_selection_on_codebook(rect.GetPosition() + wxPoint(4, rect.height / 2)));
    REQUIRE(cp.in_file().size() == 1);
    CHECK(cp.in_file()[0].code_id == cp.long_view);
    const std::string guid = cp.in_file()[0].guid;

    // A code dragged onto a selection.
    transcript->select_code_points({3, 7});
    REQUIRE(t.frame->drop_code_on_transcript(cp.uncertainty));
    CHECK(cp.in_file().size() == 2);

    // Adjust the first coding to "take the long view", then recode it.
    REQUIRE(t.frame->select_coding_row(1));
    transcript->select_code_points({39, 57});
    REQUIRE(t.frame->fit_selected_coding_to_selection());
    CHECK(covered(cp.with_guid(guid)) == "take the long view");
    REQUIRE(t.frame->select_coding_row(1));
    REQUIRE(t.frame->recode_selected_coding(cp.uncertainty));
    CHECK(cp.with_guid(guid).code_id == cp.uncertainty);

    // Undo all four, then redo them.
    for (int i = 0; i < 4; ++i) {
        REQUIRE(t.frame->undo());
    }
    CHECK(cp.in_file().empty());
    for (int i = 0; i < 4; ++i) {
        REQUIRE(t.frame->redo());
    }
    REQUIRE(cp.in_file().size() == 2);
    CHECK(covered(cp.with_guid(guid)) == "take the long view");
    CHECK(cp.with_guid(guid).code_id == cp.uncertainty);
}

TEST_CASE("blind coding hides the other coder's codings and is remembered", "[gui]") {
    CodingProject cp;
    {
        Project p = Project::open(cp.file.str());
        const Id doc = p.documents()[0].id;
        p.apply_code(doc, cp.uncertainty, p.ensure_coder("Ann").id, 3, 7);
        p.apply_code(doc, cp.long_view, p.ensure_coder("Bob").id, 44, 57);
    }
    {
        FrameUnderTest t;
        REQUIRE(t.frame->open_project(cp.file.str()));
        t.frame->set_coder("Ann");
        CHECK(t.frame->coding_rows() == 2);
        REQUIRE(t.frame->set_blind(true));
        CHECK(t.frame->coding_rows() == 1);
        CHECK(t.frame->transcript()->color_at(50).empty());
        CHECK_FALSE(t.frame->transcript()->color_at(4).empty());
        t.frame->set_coder("Bob");  // Bob's own view is not blind
        CHECK(t.frame->coding_rows() == 2);
        REQUIRE(t.frame->hide_code(cp.uncertainty, true));
        CHECK(t.frame->coding_rows() == 1);
    }
    FrameUnderTest again;
    REQUIRE(again.frame->open_project(cp.file.str()));
    again.frame->set_coder("Ann");
    CHECK(again.frame->coding_rows() == 1);
    CHECK(again.frame->GetMenuBar()->IsChecked(quire::gui::kBlindCoding));
}

TEST_CASE("the transcript's menu offers coding, and uncoding and recoding what is there", "[gui]") {
    CodingProject cp;
    {
        Project p = Project::open(cp.file.str());
        p.apply_code(p.documents()[0].id, cp.uncertainty, p.ensure_coder("Ann").id, 3, 24);
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(cp.file.str()));
    t.frame->set_coder("Ann");
    t.frame->transcript()->select_code_points({44, 57});
    const std::vector<std::string> labels = t.frame->transcript_menu_labels(10);
    CHECK(has(labels, "Quick Code…"));
    CHECK(has(labels, "Code In Vivo"));
    CHECK(has(labels, "Working with uncertainty (Ann) > Uncode"));
    CHECK(has(labels, "Working with uncertainty (Ann) > Recode…"));
    CHECK(has(labels, "Working with uncertainty (Ann) > Fit to Selection"));
    CHECK(has(labels, "Working with uncertainty (Ann) > Memo…"));
    CHECK_FALSE(has(labels, "Take the long view (Ann) > Uncode"));
    CHECK(t.frame->transcript_menu_labels(40).size() < labels.size());
}

TEST_CASE("the find bar finds in the open transcript ignoring case and accents", "[gui]") {
    quire::test::TempProjectPath file;
    {
        Project p = Project::create(file.str());
        p.add_document("Mixed", "Caf\u00e9 talk, then CAFE again; \u65e5\u672c\u8a9e and cafe.\n");
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    quire::gui::FindBar* bar = t.frame->find_bar();
    wxCommandEvent open(wxEVT_MENU, quire::gui::kFindInTranscript);
    t.frame->ProcessWindowEvent(open);
    CHECK(bar->IsShown());
    bar->find("cafe");
    REQUIRE(bar->matches().size() == 3);
    CHECK(bar->status() == "1 of 3");
    CHECK(t.frame->transcript()->selection_code_points() == TextRange{0, 4});
    CHECK(bar->next());
    CHECK(bar->status() == "2 of 3");
    CHECK(bar->previous());
    CHECK(bar->previous());
    CHECK(bar->status() == "3 of 3");
    bar->find("\u65e5\u672c");
    CHECK(bar->matches().size() == 1);
    bar->find("absent");
    CHECK(bar->status() == "No matches");
    bar->close();
    CHECK_FALSE(bar->IsShown());
}

TEST_CASE("the selection colour is far from every code colour", "[gui]") {
    const wxColour selection(quire::gui::TranscriptView::selection_colour());
    for (const char* hex : {"#E57373", "#64B5F6", "#81C784", "#FFB74D", "#BA68C8", "#4DB6AC",
                            "#F06292", "#A1887F", "#90A4AE", "#DCE775"}) {
        const wxColour code(hex);
        const int distance = std::abs(code.Red() - selection.Red()) +
                             std::abs(code.Green() - selection.Green()) +
                             std::abs(code.Blue() - selection.Blue());
        INFO(hex);
        CHECK(distance > 180);
    }
}

TEST_CASE("the codebook counts codings, documents or coverage, in the open document or all",
          "[gui]") {
    CodingProject cp;
    Id second_document = 0;
    {
        Project p = Project::open(cp.file.str());
        const Id doc = p.documents()[0].id;
        second_document = p.add_document("Staff 02", "Take the long view.\n").document.id;
        p.apply_code(doc, cp.uncertainty, p.ensure_coder("Ann").id, 3, 24);
        p.apply_code(doc, cp.uncertainty, p.ensure_coder("Bob").id, 3, 12);
        p.apply_code(second_document, cp.long_view, p.ensure_coder("Ann").id, 0, 19);
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(cp.file.str()));
    t.frame->set_coder("Ann");
    using Counts = quire::gui::MainFrame::CodeCounts;
    CHECK(t.frame->codebook_label(cp.uncertainty) == "Working with uncertainty  (2)");
    t.frame->set_code_counts(Counts::Documents, false);
    CHECK(t.frame->codebook_label(cp.uncertainty) == "Working with uncertainty  (1 doc)");
    t.frame->set_code_counts(Counts::Coverage, false);
    // [3, 24) of 59 + 20 code points.
    CHECK(t.frame->codebook_label(cp.uncertainty) == "Working with uncertainty  (26.6%)");
    t.frame->set_code_counts(Counts::Codings, true);  // the open document: Staff 01
    CHECK(t.frame->codebook_label(cp.long_view) == "Take the long view");
    REQUIRE(t.frame->select_document(second_document));
    CHECK(t.frame->codebook_label(cp.long_view) == "Take the long view  (1)");
    t.frame->set_code_counts(Counts::Codings, false);
    REQUIRE(t.frame->set_blind(true));  // Bob's coding is not counted for a blind Ann
    CHECK(t.frame->codebook_label(cp.uncertainty) == "Working with uncertainty  (1)");

    // The attribute sheet is the documents list as a table: coding counts beside attributes.
    quire::gui::AttributeSheetDialog sheet(t.frame, *t.frame->project());
    const int row = sheet.row_of("Staff 01");
    REQUIRE(row >= 0);
    CHECK(sheet.grid()->GetRowLabelValue(row).utf8_string() == "Staff 01  (2 codings)");
    CHECK(sheet.grid()->GetRowLabelValue(sheet.row_of("Staff 02")).utf8_string() ==
          "Staff 02  (1 coding)");
}
