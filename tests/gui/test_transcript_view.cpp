// SPDX-License-Identifier: GPL-3.0-or-later
#include <wx/app.h>
#include <wx/frame.h>

#include <catch2/catch.hpp>
#include <string>

#include "app/gui/transcript_view.h"
#include "core/base/text_range.h"

using quire::TextRange;
using quire::gui::PaintedRange;
using quire::gui::TranscriptView;

namespace {

// "é" and "😀" are one code point each but two and four UTF-8 bytes: ranges must count
// code points, not bytes.
const char* const kText = "Caf\u00e9 \U0001F600 and tea.";

struct ViewUnderTest {
    ViewUnderTest() : frame(new wxFrame(nullptr, wxID_ANY, "view")) {
        view = new TranscriptView(frame);
        frame->Show();
        view->show_text(kText);
    }
    ~ViewUnderTest() {
        frame->Destroy();
        wxTheApp->ProcessPendingEvents();
    }
    wxFrame* frame;
    TranscriptView* view = nullptr;
};

}  // namespace

TEST_CASE("the transcript view selects and reports code-point ranges", "[gui]") {
    ViewUnderTest t;
    CHECK(t.view->length_code_points() == 15);
    CHECK(t.view->selection_code_points().empty());
    t.view->select_code_points({3, 6});  // "é 😀"
    CHECK(t.view->selection_code_points() == TextRange{3, 6});
    CHECK(t.view->GetSelectedText() == wxString::FromUTF8("\u00e9 \U0001F600"));
    // Clamped to the text.
    t.view->select_code_points({10, 99});
    CHECK(t.view->selection_code_points() == TextRange{10, 15});
}

TEST_CASE("the transcript view paints ranges by code point and skips invalid ones", "[gui]") {
    ViewUnderTest t;
    t.view->paint({PaintedRange{{5, 6}, "#112233"}, PaintedRange{{4, 9}, "#445566"},
                   PaintedRange{{9, 99}, "#778899"}, PaintedRange{{7, 7}, "#AABBCC"}});
    CHECK(t.view->layers_at(5) == 2);
    CHECK(t.view->layers_at(8) == 1);
    CHECK(t.view->layers_at(9) == 0);  // past the end of the text: not painted
    CHECK(t.view->color_at(3).empty());
    CHECK((t.view->color_at(5) == "#112233" || t.view->color_at(5) == "#445566"));
    CHECK(t.view->color_at(8) == "#445566");
}

TEST_CASE("the transcript view marks search hits by code point", "[gui]") {
    ViewUnderTest t;
    t.view->mark_hits({TextRange{5, 6}, TextRange{11, 14}, TextRange{3, 2}});
    CHECK_FALSE(t.view->is_hit_at(4));
    CHECK(t.view->is_hit_at(5));
    CHECK_FALSE(t.view->is_hit_at(6));
    CHECK(t.view->is_hit_at(11));
    CHECK(t.view->is_hit_at(13));
    CHECK_FALSE(t.view->is_hit_at(14));
    CHECK_FALSE(t.view->is_hit_at(2));
    t.view->mark_hits({});
    CHECK_FALSE(t.view->is_hit_at(5));
}

TEST_CASE("the transcript view widens a range to whole characters", "[gui]") {
    ViewUnderTest t;
    // A flag (two code points) and "q" with a combining accent (two) after "é 😀 ".
    t.view->show_text("Caf\u00e9 \U0001F1EC\U0001F1E7 q\u0301.");
    CHECK(t.view->whole_characters({5, 6}) == TextRange{5, 7});
    CHECK(t.view->whole_characters({6, 7}) == TextRange{5, 7});
    CHECK(t.view->whole_characters({8, 9}) == TextRange{8, 10});
    CHECK(t.view->whole_characters({0, 4}) == TextRange{0, 4});
    t.view->show_text(kText);  // another text: its own characters
    CHECK(t.view->whole_characters({5, 6}) == TextRange{5, 6});
}
