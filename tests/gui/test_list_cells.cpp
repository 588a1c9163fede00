// SPDX-License-Identifier: GPL-3.0-or-later
#include <wx/listctrl.h>

#include <catch2/catch.hpp>
#include <string>

#include "app/gui/list_cells.h"
#include "app/gui/main_frame.h"
#include "core/project/project.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

using quire::Project;
using quire::gui::cut_for_column;
using quire::test::FrameUnderTest;

TEST_CASE("a list cell far wider than its column is cut to twice what fits, ending in an ellipsis",
          "[gui]") {
    const wxString passage(L'a', 600);
    const wxString cut = cut_for_column(passage, 200, 8);
    CHECK(cut.length() == 51);
    CHECK(cut.Left(50) == passage.Left(50));
    CHECK(cut.Last() == L'\u2026');
    // What fits is kept whole; so are short labels in a narrow column, and any text when
    // the font's width is unknown.
    CHECK(cut_for_column(wxString(L'b', 50), 200, 8) == wxString(L'b', 50));
    CHECK(cut_for_column("Working with uncertainty", 40, 8) == "Working with uncertainty");
    CHECK(cut_for_column(passage, 200, 0) == passage);
}

TEST_CASE("the Codings list shows a long coded passage cut to its column, and every coding",
          "[gui]") {
    quire::test::TempProjectPath file;
    std::string text;
    for (int i = 0; i < 300; ++i) {
        text += "word" + std::to_string(i) + " ";
    }
    {
        Project p = Project::create(file.str());
        const quire::Id doc = p.add_document("long", text).document.id;
        const quire::Id code = p.add_code("Risk").id;
        const quire::Id coder = p.ensure_coder("Alex").id;
        p.apply_code(doc, code, coder, 0, 1500);
        for (int i = 0; i < 40; ++i) {
            p.apply_code(doc, code, coder, i * 10, i * 10 + 5);
        }
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    FrameUnderTest::settle();
    CHECK(t.frame->coding_rows() == 41);
    auto* codings = dynamic_cast<wxListCtrl*>(wxWindow::FindWindowByName("codings", t.frame));
    REQUIRE(codings != nullptr);
    // The whole passage (240 characters of it) would be shortened by the list one
    // character at a time; it arrives cut to about what the column shows.
    long whole = -1;
    for (long row = 0; row < codings->GetItemCount() && whole < 0; ++row) {
        if (codings->GetItemText(row, 2).StartsWith("word0 word1 word2")) {
            whole = row;
        }
    }
    REQUIRE(whole >= 0);
    const wxString cell = codings->GetItemText(whole, 2);
    CHECK(cell.length() < 240);
    CHECK(cell.Last() == L'\u2026');
    CHECK(codings->GetItemText(whole, 0) == "Risk");
    CHECK(codings->GetItemText(whole, 1) == "Alex");
}
