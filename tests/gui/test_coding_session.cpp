// SPDX-License-Identifier: GPL-3.0-or-later
// A coder's session as the issue puts it: code a passage by keyboard and another by drag,
// adjust the first one's boundary, write a memo on it, undo all of it, redo it, reopen the
// project, and check the project file after every step.
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/textctrl.h>
#include <wx/treectrl.h>

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/memo_pane.h"
#include "app/gui/transcript_view.h"
#include "core/project/project.h"
#include "core/text/unicode.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::test::FrameUnderTest;

namespace {

const char* const kText =
    "Interviewer: What helps?\n"
    "Worker: We work with uncertainty every day, and we take the long view with families.\n";

// What the file holds, read by a connection of its own: each coding as "code [text]", and
// every memo's text.
struct FileState {
    std::vector<std::string> codings;
    std::vector<std::string> memos;
    bool operator==(const FileState& other) const {
        return codings == other.codings && memos == other.memos;
    }
};

FileState in_file(const std::string& path) {
    Project p = Project::open(path);
    FileState state;
    for (const quire::Coding& c : p.codings()) {
        state.codings.push_back(p.code(c.code_id).name + " [" +
                                quire::text::slice(kText, c.start, c.end) + "]");
    }
    for (const quire::Memo& m : p.memos()) {
        state.memos.push_back(m.text);
    }
    return state;
}

// Presses a menu item's shortcut as the menu bar would deliver it.
void press(quire::gui::MainFrame* frame, int id) {
    wxCommandEvent event(wxEVT_MENU, id);
    frame->ProcessWindowEvent(event);
    FrameUnderTest::settle();
}

wxPoint centre_of(wxTreeCtrl* tree, const std::string& starts_with) {
    wxTreeItemIdValue cookie;
    for (wxTreeItemId item = tree->GetFirstChild(tree->GetRootItem(), cookie); item.IsOk();
         item = tree->GetNextChild(tree->GetRootItem(), cookie)) {
        if (tree->GetItemText(item).utf8_string().rfind(starts_with, 0) == 0) {
            wxRect rect;
            tree->GetBoundingRect(item, rect, true);
            return rect.GetPosition() + wxPoint(4, rect.height / 2);
        }
    }
    return wxDefaultPosition;
}

}  // namespace

TEST_CASE("a coding session by keyboard and drag is undone and redone step by step", "[gui]") {
    quire::test::TempProjectPath file;
    {
        Project p = Project::create(file.str());
        p.add_document("Staff 01", kText);
        p.add_code("Working with uncertainty");
        p.add_code("Take the long view");
    }
    std::vector<FileState> states{in_file(file.str())};
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    t.frame->set_coder("Ann");
    auto* transcript = t.frame->transcript();

    // 1. By keyboard: the quick-code box (Ctrl+K) takes a few letters of the code's name.
    press(t.frame, quire::gui::kQuickCode);
    transcript->select_code_points({38, 53});  // "rk with uncerta"
    REQUIRE(t.frame->quick_code("uncert", false));
    states.push_back(in_file(file.str()));
    CHECK(states.back().codings ==
          std::vector<std::string>{"Working with uncertainty [work with uncertainty]"});

    // 2. By drag: the selection dropped on "Take the long view" in the codebook.
    auto* codebook = dynamic_cast<wxTreeCtrl*>(wxWindow::FindWindowByName("codebook", t.frame));
    REQUIRE(codebook != nullptr);
    transcript->select_code_points({81, 94});  // "the long view"
    REQUIRE(t.frame->drop_selection_on_codebook(centre_of(codebook, "Take the long view")));
    states.push_back(in_file(file.str()));
    REQUIRE(states.back().codings.size() == 2);

    // 3. Adjust the first coding's boundary to take in "every day".
    REQUIRE(t.frame->select_coding_row(0));
    transcript->select_code_points({33, 67});
    REQUIRE(t.frame->fit_selected_coding_to_selection());
    states.push_back(in_file(file.str()));
    CHECK(states.back().codings.front() ==
          "Working with uncertainty [We work with uncertainty every day]");

    // 4. A memo on it, typed into the memo pane (Ctrl+M), saved as typed.
    REQUIRE(t.frame->select_coding_row(0));
    press(t.frame, quire::gui::kMemoOfSelection);
    quire::gui::MemoPane* pane = t.frame->memo_pane();
    REQUIRE(pane->shown());
    REQUIRE(pane->shown()->kind == quire::Memo::Target::Coding);
    pane->text_box()->SetValue("Said twice in this interview.");
    REQUIRE(pane->save_now());
    states.push_back(in_file(file.str()));
    CHECK(states.back().memos == std::vector<std::string>{"Said twice in this interview."});

    // Undo all four steps, one at a time, the file as it was before each.
    for (std::size_t step = states.size() - 1; step > 0; --step) {
        press(t.frame, wxID_UNDO);
        INFO("after undoing step " << step);
        CHECK(in_file(file.str()) == states[step - 1]);
    }
    // Redo them, and the file is as after each again.
    for (std::size_t step = 1; step < states.size(); ++step) {
        press(t.frame, wxID_REDO);
        INFO("after redoing step " << step);
        CHECK(in_file(file.str()) == states[step]);
    }
    CHECK(t.frame->coding_rows() == 2);

    // Reopened, the project is as left, and the steps can still be undone.
    t.frame->close_project();
    REQUIRE(t.frame->open_project(file.str()));
    CHECK(in_file(file.str()) == states.back());
    CHECK(t.frame->coding_rows() == 2);
    REQUIRE(t.frame->undo());
    CHECK(in_file(file.str()) == states[states.size() - 2]);
}
