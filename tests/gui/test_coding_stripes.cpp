// SPDX-License-Identifier: GPL-3.0-or-later
// Coding stripes beside the transcript: columns, colours, coder layers, positions on every
// script, and what hovering, clicking and a stripe's menu do.
#include <wx/app.h>
#include <wx/bitmap.h>
#include <wx/dcmemory.h>
#include <wx/image.h>
#include <wx/utils.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/coding_stripes.h"
#include "app/gui/main_frame.h"
#include "app/gui/memo_pane.h"
#include "app/gui/transcript_view.h"
#include "core/project/project.h"
#include "core/text/unicode.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::gui::CodingStripes;
using quire::gui::MainFrame;
using quire::test::FrameUnderTest;

namespace {

// Four short lines, so that no line wraps: line 1 is "second line ...".
const char* const kLines =
    "first line of the interview\n"
    "second line about trust\n"
    "third line about doubt\n"
    "fourth line to close";

std::optional<CodingStripes::DrawnBar> bar_of(CodingStripes* stripes, Id coding) {
    for (const CodingStripes::DrawnBar& bar : stripes->bars_in_view()) {
        if (stripes->items()[bar.item].coding == coding) {
            return bar;
        }
    }
    return std::nullopt;
}

wxPoint centre(const wxRect& r) {
    return {r.GetLeft() + r.GetWidth() / 2, r.GetTop() + r.GetHeight() / 2};
}

// The top of a transcript line, from Scintilla's own line positions (bytes).
int line_top(quire::gui::TranscriptView* view, int line) {
    return view->PointFromPosition(view->PositionFromLine(line)).y;
}

wxImage drawn(CodingStripes* stripes) {
    const wxSize size = stripes->GetClientSize();
    wxBitmap bitmap(size.GetWidth(), size.GetHeight());
    {
        wxMemoryDC dc(bitmap);
        stripes->draw(dc);
    }
    return bitmap.ConvertToImage();
}

quire::CodeFields coloured(const std::string& hex) {
    quire::CodeFields fields;
    fields.color = hex;
    return fields;
}

wxColour pixel(const wxImage& image, const wxPoint& p) {
    return wxColour(image.GetRed(p.x, p.y), image.GetGreen(p.x, p.y), image.GetBlue(p.x, p.y));
}

}  // namespace

TEST_CASE("stripes show a column per code present in its colour and a layer per coder", "[gui]") {
    quire::test::TempProjectPath file;
    Id trust = 0, doubt = 0, nested = 0, ben_trust = 0, outer = 0;
    {
        Project p = Project::create(file.str());
        const Id doc = p.add_document("Interview", kLines).document.id;
        const Id unused = p.add_code("Unused", std::nullopt, coloured("#00FF00")).id;
        trust = p.add_code("Trust", std::nullopt, coloured("#D81B60")).id;
        doubt = p.add_code("Doubt", trust, coloured("#1E88E5")).id;
        (void)unused;
        const Id ann = p.ensure_coder("Ann").id;
        const Id ben = p.ensure_coder("Ben").id;
        outer = p.apply_code(doc, trust, ann, 0, 50).coding.id;
        nested = p.apply_code(doc, trust, ann, 28, 40).coding.id;    // inside the outer one
        ben_trust = p.apply_code(doc, trust, ben, 0, 50).coding.id;  // Ben's layer
        p.apply_code(doc, doubt, ann, 40, 70);                       // overlaps Trust
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    FrameUnderTest::settle();
    CodingStripes* stripes = t.frame->stripes();
    CHECK(stripes->column_codes() == std::vector<Id>{trust, doubt});  // no column for Unused
    REQUIRE(stripes->layout().columns.size() == 2);
    CHECK(stripes->layout().columns[0].lanes == 3);  // Ann's two nested, Ben's one
    CHECK(stripes->layout().columns[1].lanes == 1);
    CHECK(stripes->legend() == std::vector<std::string>{"Ann", "Ben"});
    CHECK(stripes->GetSize().GetWidth() > 0);

    const auto outer_bar = bar_of(stripes, outer);
    const auto nested_bar = bar_of(stripes, nested);
    const auto ben_bar = bar_of(stripes, ben_trust);
    REQUIRE(outer_bar);
    REQUIRE(nested_bar);
    REQUIRE(ben_bar);
    // Nested codings stand side by side; the nested one is shorter and inside.
    CHECK(nested_bar->rect.GetLeft() != outer_bar->rect.GetLeft());
    CHECK(nested_bar->rect.GetTop() >= outer_bar->rect.GetTop());
    CHECK(nested_bar->rect.GetBottom() <= outer_bar->rect.GetBottom());
    CHECK(outer_bar->coder_rank == 0);
    CHECK(ben_bar->coder_rank == 1);

    // Drawn in the codes' colours: Ann's bar solid, Ben's hatched over a lighter shade.
    const wxImage image = drawn(stripes);
    CHECK(pixel(image, centre(outer_bar->rect)) == wxColour("#D81B60"));
    int code_coloured = 0, lighter = 0;
    const wxRect r = ben_bar->rect;
    for (int y = r.GetTop() + 1; y < r.GetBottom(); ++y) {
        for (int x = r.GetLeft() + 1; x < r.GetRight(); ++x) {
            const wxColour c = pixel(image, {x, y});
            code_coloured += c == wxColour("#D81B60") ? 1 : 0;
            lighter += c.Red() > 0xD8 ? 1 : 0;
        }
    }
    CHECK(code_coloured == 0);  // not solid
    CHECK(lighter > 0);
    const auto doubt_bars = stripes->bars_in_view();
    const auto doubt_bar = std::find_if(doubt_bars.begin(), doubt_bars.end(),
                                        [](const auto& b) { return b.column == 1; });
    REQUIRE(doubt_bar != doubt_bars.end());
    CHECK(pixel(image, centre(doubt_bar->rect)) == wxColour("#1E88E5"));
}

TEST_CASE("stripes meet the coded lines of Arabic and Japanese transcripts", "[gui]") {
    const std::string arabic =
        "\u0645\u0642\u0627\u0628\u0644\u0629 \u0627\u0644\u0623\u0648\u0644\u0649\n"
        "\u0642\u0627\u0644\u062A \u0625\u0646\u0647\u0627 \u062A\u062B\u0642 \u0628\u0627\u0644"
        "\u0628\u0631\u0646\u0627\u0645\u062C\n"
        "\u0644\u0643\u0646\u0647\u0627 \u062A\u0634\u0643 \u0641\u064A \u0627\u0644\u0646\u062A"
        "\u0627\u0626\u062C\n"
        "\u0646\u0647\u0627\u064A\u0629 \u0627\u0644\u0645\u0642\u0627\u0628\u0644\u0629\n"
        "\u0634\u0643\u0631\u0627";
    const std::string japanese =
        "\u30A4\u30F3\u30BF\u30D3\u30E5\u30FC\u306E\u59CB\u307E\u308A\n"
        "\u5148\u751F\u3092\u4FE1\u983C\u3057\u3066\u3044\u307E\u3059\U0001F600\n"
        "\u3067\u3082\u7D50\u679C\u306F\u5206\u304B\u308A\u307E\u305B\u3093\n"
        "\u304A\u308F\u308A\n"
        "\u3042\u308A\u304C\u3068\u3046";
    quire::test::TempProjectPath file;
    std::vector<Id> docs;
    std::vector<Id> codings;
    {
        Project p = Project::create(file.str());
        const Id code = p.add_code("Trust").id;
        const Id ann = p.ensure_coder("Ann").id;
        for (const std::string& text : {arabic, japanese}) {
            const Id doc = p.add_document(std::to_string(docs.size()), text).document.id;
            docs.push_back(doc);
            // From the third character of line 1 to the middle of line 2 (0-based).
            const std::int64_t line1 =
                quire::text::code_point_count(text.substr(0, text.find('\n') + 1));
            const std::size_t second_break = text.find('\n', text.find('\n') + 1);
            const std::int64_t line2 =
                quire::text::code_point_count(text.substr(0, second_break + 1));
            codings.push_back(p.apply_code(doc, code, ann, line1 + 2, line2 + 4).coding.id);
        }
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    for (std::size_t i = 0; i < docs.size(); ++i) {
        REQUIRE(t.frame->select_document(docs[i]));
        FrameUnderTest::settle();
        quire::gui::TranscriptView* view = t.frame->transcript();
        REQUIRE(view->GetLineCount() == 5);
        REQUIRE(view->WrapCount(1) == 1);  // short lines: a line is one screen line
        const auto bar = bar_of(t.frame->stripes(), codings[i]);
        REQUIRE(bar);
        // From the top of line 1 to the bottom of line 2, a pixel inside at either end.
        CHECK(bar->rect.GetTop() == line_top(view, 1) + 1);
        CHECK(line_top(view, 1) > line_top(view, 0));
        CHECK(bar->rect.GetBottom() + 2 == line_top(view, 3));
    }
}

TEST_CASE("hovering a stripe names its code, coder and memos, and a click selects its passage",
          "[gui]") {
    quire::test::TempProjectPath file;
    Id coding = 0;
    {
        Project p = Project::create(file.str());
        const Id doc = p.add_document("Interview", kLines).document.id;
        const Id theme = p.add_code("Relationships").id;
        const Id trust = p.add_code("Trust", theme).id;
        const Id ann = p.ensure_coder("Ann").id;
        p.apply_code(doc, trust, ann, 0, 10);
        coding = p.apply_code(doc, trust, ann, 28, 51, "said twice").coding.id;
        p.add_memo(quire::Memo::Target::Coding, coding, "Doubt", "check with Ben");
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    FrameUnderTest::settle();
    CodingStripes* stripes = t.frame->stripes();
    const auto bar = bar_of(stripes, coding);
    REQUIRE(bar);
    const std::string tip = stripes->tooltip_at(centre(bar->rect));
    CHECK(tip.find("Relationships/Trust") != std::string::npos);
    CHECK(tip.find("Coder: Ann") != std::string::npos);
    CHECK(tip.find("Memo: said twice") != std::string::npos);
    CHECK(tip.find("Memo: Doubt: check with Ben") != std::string::npos);
    CHECK(stripes->tooltip_at({stripes->GetSize().GetWidth() - 1, 1}).empty());

    t.frame->transcript()->select_code_points({0, 0});
    CHECK(stripes->click_at(centre(bar->rect)));
    CHECK(t.frame->transcript()->selection_code_points() == quire::TextRange{28, 51});
    CHECK_FALSE(stripes->click_at({stripes->GetSize().GetWidth() - 1, 1}));
}

TEST_CASE("uncoding from a stripe removes the coding from the project file", "[gui]") {
    quire::test::TempProjectPath file;
    Id kept = 0, removed = 0;
    {
        Project p = Project::create(file.str());
        const Id doc = p.add_document("Interview", kLines).document.id;
        const Id trust = p.add_code("Trust").id;
        const Id ann = p.ensure_coder("Ann").id;
        kept = p.apply_code(doc, trust, ann, 0, 10).coding.id;
        removed = p.apply_code(doc, trust, ann, 28, 51).coding.id;
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    REQUIRE(t.frame->stripes()->items().size() == 2);
    CHECK(t.frame->uncode(removed));  // what the stripe menu's "Uncode" calls
    CHECK(t.frame->stripes()->items().size() == 1);
    CHECK(t.frame->coding_rows() == 1);
    {
        Project other = Project::open(file.str());
        const std::vector<quire::Coding> left = other.codings();
        REQUIRE(left.size() == 1);
        CHECK(left[0].id == kept);
    }
    CHECK(t.frame->project()->next_undo()->what == "Uncode");
    REQUIRE(t.frame->undo());
    CHECK(t.frame->stripes()->items().size() == 2);
    // "Open Memo…" on a stripe writes the coding's memo in the memo pane.
    t.frame->open_coding_memo(kept);
    const auto shown = t.frame->memo_pane()->shown();
    REQUIRE(shown);
    CHECK(shown->kind == quire::Memo::Target::Coding);
    CHECK(shown->id == kept);
}

TEST_CASE("a coding far down a long wrapped paragraph has no bar while it is off screen", "[gui]") {
    std::string paragraph;
    for (int i = 0; i < 400; ++i) {
        paragraph += "word\u00e9 \u4e2d ";  // one paragraph: one line wrapped many times
    }
    quire::test::TempProjectPath file;
    Id near = 0, far = 0;
    {
        Project p = Project::create(file.str());
        const Id doc = p.add_document("Long", paragraph).document.id;
        const Id code = p.add_code("Trust").id;
        const Id ann = p.ensure_coder("Ann").id;
        const std::int64_t length = quire::text::code_point_count(paragraph);
        near = p.apply_code(doc, code, ann, 0, 10).coding.id;
        far = p.apply_code(doc, code, ann, length - 20, length - 10).coding.id;
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    FrameUnderTest::settle();
    REQUIRE(t.frame->transcript()->GetLineCount() == 1);
    REQUIRE(t.frame->transcript()->WrapCount(0) > t.frame->transcript()->LinesOnScreen());
    CHECK(bar_of(t.frame->stripes(), near));
    CHECK_FALSE(bar_of(t.frame->stripes(), far));
    t.frame->transcript()->select_code_points({0, 0});
    t.frame->select_coding(far);  // scrolls it into view
    FrameUnderTest::settle();
    CHECK(bar_of(t.frame->stripes(), far));
}
