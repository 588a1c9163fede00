// SPDX-License-Identifier: GPL-3.0-or-later
// The memo pane: memos of the project, a document, a code and a coding written beside the
// transcript, saved without a Save button, marked where their targets are listed.
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/textctrl.h>

#include <catch2/catch.hpp>
#include <string>

#include "app/gui/coding_tooltip.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/memo_pane.h"
#include "app/gui/transcript_view.h"
#include "core/project/project.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Memo;
using quire::Project;
using quire::gui::MemoPane;
using quire::test::FrameUnderTest;

namespace {

// Types into the pane as a user would: every change is a text event.
void type(MemoPane* pane, const std::string& text) {
    pane->text_box()->SetValue(wxString::FromUTF8(text));
}

std::vector<Memo> memos_in_file(const std::string& path) {
    return Project::open(path).memos();
}

std::string document_row(quire::gui::MainFrame* frame, int row) {
    FrameUnderTest::settle();  // the marks are redrawn after the save
    auto* list = dynamic_cast<wxListBox*>(wxWindow::FindWindowByName("documents", frame));
    REQUIRE(list != nullptr);
    return list->GetString(static_cast<unsigned>(row)).utf8_string();
}

struct Fixture {
    quire::test::TempProjectPath file;
    Id document = 0;
    Id code = 0;
    Id coding = 0;
    Fixture() {
        Project p = Project::create(file.str());
        document = p.add_document("Staff 01", "We work with uncertainty every day.\n").document.id;
        code = p.add_code("Working with uncertainty").id;
        const Id coder = p.ensure_coder("Sam").id;
        coding = p.apply_code(document, code, coder, 8, 24, "first pass").coding.id;
    }
};

}  // namespace

TEST_CASE("a document memo is created by typing, saved as one undo step and marked", "[gui]") {
    Fixture f;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(f.file.str()));
    t.frame->set_coder("Alex");
    MemoPane* pane = t.frame->memo_pane();
    REQUIRE(pane->shown());
    CHECK(pane->shown()->kind == Memo::Target::Document);
    CHECK(document_row(t.frame, 0) == "Staff 01");

    // Three keystrokes' worth of changes, then the pause that saves them.
    type(pane, "S");
    type(pane, "Sets");
    type(pane, "Sets the tone.");
    CHECK(memos_in_file(f.file.str()).empty());  // nothing is written while typing goes on
    REQUIRE(pane->save_now());
    const std::vector<Memo> memos = memos_in_file(f.file.str());
    REQUIRE(memos.size() == 1);
    CHECK(memos[0].text == "Sets the tone.");
    CHECK(memos[0].target == Memo::Target::Document);
    CHECK(memos[0].target_id == f.document);
    CHECK(t.frame->project()->journal(1)[0].what == "Write Memo");
    CHECK(t.frame->project()->journal(1)[0].who == "Alex");
    CHECK(document_row(t.frame, 0) == std::string("Staff 01") + quire::gui::kMemoMark);
    CHECK_FALSE(pane->save_now());  // nothing new to save

    type(pane, "Sets the tone for the rest.");
    REQUIRE(pane->save_now());
    CHECK(memos_in_file(f.file.str())[0].text == "Sets the tone for the rest.");
    CHECK(memos_in_file(f.file.str()).size() == 1);

    // Emptying the box removes the memo, says so, and undo brings it back.
    type(pane, "");
    REQUIRE(pane->save_now());
    CHECK(memos_in_file(f.file.str()).empty());
    CHECK(t.frame->GetStatusBar()->GetStatusText(0).utf8_string().find("removed") !=
          std::string::npos);
    CHECK(document_row(t.frame, 0) == "Staff 01");
    REQUIRE(t.frame->undo());
    CHECK(memos_in_file(f.file.str()).size() == 1);
    CHECK(pane->text_box()->GetValue().utf8_string() == "Sets the tone for the rest.");
    CHECK(document_row(t.frame, 0) == std::string("Staff 01") + quire::gui::kMemoMark);
    REQUIRE(t.frame->undo());
    CHECK(pane->text_box()->GetValue().utf8_string() == "Sets the tone.");
}

TEST_CASE("undo saves a memo being typed before taking it back", "[gui]") {
    Fixture f;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(f.file.str()));
    MemoPane* pane = t.frame->memo_pane();
    type(pane, "Half a thought");
    REQUIRE(t.frame->undo());  // takes back the memo just saved, not the coding
    CHECK(memos_in_file(f.file.str()).empty());
    CHECK(pane->text_box()->GetValue().IsEmpty());
    CHECK(Project::open(f.file.str()).codings().size() == 1);
}

TEST_CASE("code and coding memos follow the selection and are marked in codebook and list",
          "[gui]") {
    Fixture f;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(f.file.str()));
    MemoPane* pane = t.frame->memo_pane();
    REQUIRE(t.frame->select_code(f.code));
    REQUIRE(pane->shown()->kind == Memo::Target::Code);  // choosing a code shows its memo
    type(pane, "Only when said aloud.");
    REQUIRE(pane->save_now());
    FrameUnderTest::settle();
    CHECK(t.frame->codebook_label(f.code) ==
          std::string("Working with uncertainty") + quire::gui::kMemoMark + "  (1)");

    auto* codings = dynamic_cast<wxListCtrl*>(wxWindow::FindWindowByName("codings", t.frame));
    REQUIRE(codings != nullptr);
    codings->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    FrameUnderTest::settle();
    REQUIRE(pane->shown()->kind == Memo::Target::Coding);
    CHECK(pane->text_box()->GetValue().IsEmpty());
    type(pane, "Hesitates here.");
    REQUIRE(pane->save_now());
    FrameUnderTest::settle();
    CHECK(codings->GetItemText(0, 0).utf8_string() ==
          std::string("Working with uncertainty") + quire::gui::kMemoMark);

    // The hover text names the code and coder and shows the note and the memo.
    const std::string tip = t.frame->transcript_tooltip(10);
    CHECK(tip.find("Working with uncertainty \u2014 Sam") == 0);
    CHECK(tip.find("first pass") != std::string::npos);
    CHECK(tip.find("Memo: Hesitates here.") != std::string::npos);
    CHECK(t.frame->transcript_tooltip(2).empty());  // "We" is not coded

    // A long memo is wrapped between words for the tooltip.
    const std::string long_memo =
        "Hesitates here, then " + std::string(30, 'x') + " and " + std::string(50, 'y') + " end.";
    type(pane, long_memo);
    REQUIRE(pane->save_now());
    const std::string wrapped = t.frame->transcript_tooltip(10);
    CHECK(wrapped.find("Memo: Hesitates here, then " + std::string(30, 'x') + " and\n" +
                       std::string(50, 'y') + " end.") != std::string::npos);
    type(pane, "Hesitates here.");
    REQUIRE(pane->save_now());

    // The code memo is still the code's when shown again.
    pane->show_kind(Memo::Target::Code);
    CHECK(pane->text_box()->GetValue().utf8_string() == "Only when said aloud.");
    CHECK(memos_in_file(f.file.str()).size() == 2);

    // Coding refreshes the codebook, which selects the code again: the pane stays put.
    pane->show_kind(Memo::Target::Document);
    t.frame->transcript()->select_code_points({0, 2});
    REQUIRE(t.frame->apply_code_to_selection(f.code));
    FrameUnderTest::settle();
    CHECK(pane->shown()->kind == Memo::Target::Document);
}

TEST_CASE("opening a memo from the list shows its target and its text", "[gui]") {
    Fixture f;
    {
        Project p = Project::open(f.file.str());
        p.add_memo(Memo::Target::Project, std::nullopt, "", "Pilot round.");
        p.add_memo(Memo::Target::Coding, f.coding, "", "Check with Sam.");
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(f.file.str()));
    std::vector<quire::MemoEntry> entries = t.frame->project()->memo_entries();
    REQUIRE(entries.size() == 2);
    t.frame->open_memo(entries[1]);
    REQUIRE(t.frame->memo_pane()->shown()->kind == Memo::Target::Coding);
    CHECK(t.frame->memo_pane()->text_box()->GetValue().utf8_string() == "Check with Sam.");
    CHECK(t.frame->transcript()->selection_code_points() == quire::TextRange{8, 24});
    t.frame->open_memo(entries[0]);
    CHECK(t.frame->memo_pane()->text_box()->GetValue().utf8_string() == "Pilot round.");
}

TEST_CASE("the memo list filters by kind, author and every word", "[gui]") {
    std::vector<quire::MemoEntry> entries(3);
    entries[0].kind = "document";
    entries[0].author = "Alex";
    entries[0].memo.text = "Consent came late.";
    entries[1].kind = "code";
    entries[1].author = "Sam";
    entries[1].memo.text = "Late CONSENT, again";
    entries[2].kind = "document";
    entries[2].memo.text = "Nothing here.";
    using quire::gui::filter_memos;
    CHECK(filter_memos(entries, "", "", "").size() == 3);
    CHECK(filter_memos(entries, "document", "", "").size() == 2);
    CHECK(filter_memos(entries, "", "Sam", "").size() == 1);
    CHECK(filter_memos(entries, "", "", "consent late").size() == 2);
    CHECK(filter_memos(entries, "document", "", "consent").size() == 1);
    CHECK(filter_memos(entries, "", "", "consent nothing").empty());
}
