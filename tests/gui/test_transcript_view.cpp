// SPDX-License-Identifier: GPL-3.0-or-later
#include <wx/app.h>
#include <wx/frame.h>

#include <catch2/catch.hpp>
#include <string>

#include "app/gui/transcript_view.h"
#include "core/base/text_range.h"
#include "core/text/unicode.h"

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

TEST_CASE("right-to-left and Japanese transcripts select and report exact ranges", "[gui]") {
    ViewUnderTest t;
    // An Arabic line between Latin ones, and a Japanese line without spaces.
    const std::string text =
        "Interviewer: and then?\n"
        "\u0627\u0644\u0645\u0634\u0627\u0631\u0643: \u0643\u0646\u0627 \u0646\u0639\u0645\u0644 "
        "\u0645\u0639 \u0627\u0644\u0639\u0627\u0626\u0644\u0627\u062A.\n"
        "\u53C2\u52A0\u8005\uFF1A\u79C1\u305F\u3061\u306F\u5BB6\u65CF\u3068\u50CD\u304D\u307E\u3059"
        "\u3002\n";
    t.view->show_text(text);
    const std::int64_t arabic = quire::text::code_point_count("Interviewer: and then?\n");
    // "كنا نعمل" : the words after the speaker's name and colon.
    const TextRange words{arabic + 9, arabic + 17};
    t.view->select_code_points(words);
    CHECK(t.view->selection_code_points() == words);
    CHECK(t.view->GetSelectedText().utf8_string() ==
          quire::text::slice(text, words.start, words.end));
    const std::int64_t japanese = arabic + quire::text::code_point_count(
                                               "\u0627\u0644\u0645\u0634\u0627\u0631\u0643: "
                                               "\u0643\u0646\u0627 \u0646\u0639\u0645\u0644 "
                                               "\u0645\u0639 \u0627\u0644\u0639\u0627\u0626"
                                               "\u0644\u0627\u062A.\n");
    const TextRange family{japanese + 8, japanese + 10};  // 家族
    t.view->select_code_points(family);
    CHECK(t.view->GetSelectedText().utf8_string() == "\u5BB6\u65CF");
    CHECK(t.view->selection_code_points() == family);
    // What the transcript shows is the stored text, code point for code point.
    CHECK(t.view->text() == text);
    CHECK(t.view->length_code_points() == quire::text::code_point_count(text));
}
