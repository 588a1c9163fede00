// SPDX-License-Identifier: GPL-3.0-or-later
// The Retrieved Segments pane: which rows a choice of codes, documents and coders lists,
// what the rows say, and double-clicking a row.
#include <wx/app.h>
#include <wx/utils.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "app/gui/main_frame.h"
#include "app/gui/retrieved_segments.h"
#include "app/gui/transcript_view.h"
#include "core/project/project.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::gui::MainFrame;
using quire::gui::RetrievedSegmentsPanel;
using quire::test::FrameUnderTest;

namespace {

struct Retrieval {
    quire::test::TempProjectPath file;
    Id first = 0, second = 0;
    Id parent = 0, child = 0, other = 0;
    Id ann = 0, ben = 0;
    Id in_second = 0;  // a Child coding in the second document

    Retrieval() {
        Project p = Project::create(file.str());
        first = p.add_document("Amal", "Caf\u00e9 first: we trust the staff. Then doubts came.")
                    .document.id;
        second = p.add_document("\u5C71\u7530",
                                "\u4FE1\u983C\u3057\u3066\u3044\u307E\u3059. "
                                "\u0648\u0627\u0644\u062B\u0642\u0629 too.")
                     .document.id;
        parent = p.add_code("Trust").id;
        child = p.add_code("Doubt", parent).id;
        other = p.add_code("Other").id;
        ann = p.ensure_coder("Ann").id;
        ben = p.ensure_coder("Ben").id;
        p.apply_code(first, parent, ann, 12, 31, "the staff");
        p.apply_code(first, child, ben, 32, 49);
        in_second = p.apply_code(second, child, ann, 0, 7).coding.id;
        p.apply_code(second, other, ann, 9, 16);
    }
};

}  // namespace

TEST_CASE("retrieved segments list a code's passages with or without its child codes", "[gui]") {
    Retrieval r;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(r.file.str()));
    RetrievedSegmentsPanel* pane = t.frame->show_retrieved();
    REQUIRE(pane != nullptr);
    CHECK(pane->row_count() == 0);
    CHECK(pane->header_text() == "Choose codes to list their coded segments.");

    pane->choose({r.parent}, false);
    REQUIRE(pane->row_count() == 1);
    CHECK(pane->cell_text(0, RetrievedSegmentsPanel::kDocument) == "Amal");
    CHECK(pane->cell_text(0, RetrievedSegmentsPanel::kCode) == "Trust");
    CHECK(pane->cell_text(0, RetrievedSegmentsPanel::kCoder) == "Ann");
    CHECK(pane->cell_text(0, RetrievedSegmentsPanel::kPassage) ==
          "[Caf\u00e9 first:] we trust the staff. [Then doubts came.]");
    CHECK(pane->cell_text(0, RetrievedSegmentsPanel::kMemo) == "the staff");
    CHECK(pane->header_text() == "1 segment in 1 document, 1 code");

    pane->choose({r.parent}, true);
    REQUIRE(pane->row_count() == 3);
    CHECK(pane->cell_text(1, RetrievedSegmentsPanel::kCode) == "Trust/Doubt");
    CHECK(pane->cell_text(2, RetrievedSegmentsPanel::kDocument) == "\u5C71\u7530");
    CHECK(pane->cell_text(2, RetrievedSegmentsPanel::kPassage) ==
          "\u4FE1\u983C\u3057\u3066\u3044\u307E\u3059 [. \u0648\u0627\u0644\u062B\u0642\u0629 "
          "too.]");
    CHECK(pane->header_text() == "3 segments in 2 documents, 2 codes");

    // Documents and coders narrow the list; several codes widen it.
    pane->choose({r.parent}, true, {r.second});
    CHECK(pane->row_count() == 1);
    pane->choose({r.parent, r.other}, true, {}, {r.ann});
    CHECK(pane->row_count() == 3);
    pane->choose({r.other}, false);
    CHECK(pane->row_count() == 1);
}

TEST_CASE("double-clicking a retrieved segment opens its document with the passage selected",
          "[gui]") {
    Retrieval r;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(r.file.str()));
    REQUIRE(t.frame->current_document() == r.first);
    RetrievedSegmentsPanel* pane = t.frame->show_retrieved();
    pane->choose({r.child}, false);
    REQUIRE(pane->row_count() == 2);
    REQUIRE(pane->retrieval().coding(1).id == r.in_second);
    pane->activate(1);
    FrameUnderTest::settle();
    CHECK(t.frame->current_document() == r.second);
    CHECK(t.frame->transcript()->selection_code_points() == quire::TextRange{0, 7});
    // The list stays as it was: opening a passage does not retrieve again.
    CHECK(pane->row_count() == 2);
}

TEST_CASE("retrieved segments follow a coding removed elsewhere in the workbench", "[gui]") {
    Retrieval r;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(r.file.str()));
    RetrievedSegmentsPanel* pane = t.frame->show_retrieved();
    pane->choose({r.child}, false);
    REQUIRE(pane->row_count() == 2);
    REQUIRE(t.frame->uncode(r.in_second));
    CHECK(pane->row_count() == 1);
}

TEST_CASE("retrieved segments are chosen by document group and by case", "[gui]") {
    Retrieval r;
    Id second = 0;
    {
        Project p = Project::open(r.file.str());
        second = p.coding(r.in_second).document_id;
        const Id group = p.add_group("young people").id;
        p.assign_to_group(group, {second});
        p.link_case(p.ensure_case("Amal").id, p.find_document("Amal").id, 12, 31);
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(r.file.str()));
    Project& p = *t.frame->project();
    RetrievedSegmentsPanel* pane = t.frame->show_retrieved();
    REQUIRE(pane != nullptr);
    pane->choose({r.parent}, true, {}, {}, {p.find_group("young people").id});
    REQUIRE(pane->row_count() == 1);
    CHECK(pane->retrieval().coding(0).id == r.in_second);
    pane->choose({r.parent}, true, {}, {}, {}, {p.find_case("Amal").id});
    REQUIRE(pane->row_count() == 1);
    CHECK(pane->cell_text(0, RetrievedSegmentsPanel::kCoder) == "Ann");
    CHECK(pane->cell_text(0, RetrievedSegmentsPanel::kCode) == "Trust");
}
