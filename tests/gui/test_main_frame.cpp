// SPDX-License-Identifier: GPL-3.0-or-later
#include <wx/app.h>
#include <wx/utils.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "app/gui/main_frame.h"
#include "app/gui/transcript_view.h"
#include "core/demo/demo.h"
#include "core/project/project.h"
#include "core/text/unicode.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

namespace fs = std::filesystem;
using quire::Id;
using quire::Project;
using quire::gui::MainFrame;
using quire::test::FrameUnderTest;

namespace {

const char* const kMultilingual =
    "Caf\u00e9 na\u00efve \U0001F600 uncertainty \u4e2d\u6587 "
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 and the long view.\n"
    "Second paragraph about consent.";

std::string text_of(quire::gui::TranscriptView* view) {
    return view->GetText().utf8_string();
}

}  // namespace

TEST_CASE("the window fits its panes and names Quire and the open project in its title", "[gui]") {
    quire::test::TempProjectPath file;
    { Project p = Project::create(file.str(), "Pilot interviews"); }
    FrameUnderTest t;
    const wxSize size = t.frame->GetSize();
    CHECK(size.GetWidth() >= 1200);
    CHECK(size.GetHeight() >= 760);
    CHECK(t.frame->GetTitle() == "Quire");
    REQUIRE(t.frame->open_project(file.str()));
    CHECK(t.frame->GetTitle().utf8_string().find("Pilot interviews") != std::string::npos);
    CHECK(t.frame->GetTitle().utf8_string().find("Quire") != std::string::npos);
}

TEST_CASE("opening the demo project shows the first transcript exactly as stored", "[gui]") {
    quire::test::TempProjectPath file;
    quire::demo::write_demo_project(file.str());
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    REQUIRE(t.frame->current_document().has_value());
    Project& p = *t.frame->project();
    CHECK(text_of(t.frame->transcript()) == p.document_text(*t.frame->current_document()));
    quire::CodingFilter filter;
    filter.document_id = t.frame->current_document();
    CHECK(t.frame->coding_rows() == static_cast<int>(p.codings(filter).size()));
    CHECK(t.frame->coding_rows() > 0);
}

TEST_CASE("selecting text and applying a code stores the code-point range and paints it", "[gui]") {
    quire::test::TempProjectPath file;
    Id code_id = 0;
    {
        Project p = Project::create(file.str());
        p.add_document("multilingual", kMultilingual);
        quire::CodeFields fields;
        fields.color = "#E57373";
        code_id = p.add_code("Working with uncertainty", std::nullopt, fields).id;
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    t.frame->set_coder("Alex");
    // "naïve 😀 uncertainty": starts after "Café " (5 code points), 19 code points long.
    t.frame->transcript()->select_code_points({5, 24});
    CHECK(t.frame->transcript()->selection_code_points() == quire::TextRange{5, 24});
    REQUIRE(t.frame->apply_code_to_selection(code_id));

    Project& p = *t.frame->project();
    const auto codings = p.codings();
    REQUIRE(codings.size() == 1);
    CHECK(codings[0].start == 5);
    CHECK(codings[0].end == 24);
    CHECK(p.coders().at(0).name == "Alex");
    CHECK(quire::text::slice(p.document_text(codings[0].document_id), 5, 24) ==
          "na\u00efve \U0001F600 uncertainty");
    CHECK(t.frame->transcript()->color_at(12) == "#E57373");
    CHECK(t.frame->transcript()->color_at(4).empty());
    CHECK(t.frame->transcript()->color_at(24).empty());
    CHECK(t.frame->coding_rows() == 1);
    // The same selection again does not duplicate the coding.
    t.frame->transcript()->select_code_points({5, 24});
    CHECK_FALSE(t.frame->apply_code_to_selection(code_id));
    CHECK(p.codings().size() == 1);
}

TEST_CASE("coding a selection that cuts a character codes the whole character", "[gui]") {
    quire::test::TempProjectPath file;
    Id code_id = 0;
    {
        Project p = Project::create(file.str());
        // A flag of two regional indicators, then a family joined by ZWJs (five code points).
        p.add_document("flags",
                       "Flag \U0001F1EC\U0001F1E7 and "
                       "\U0001F468\u200D\U0001F469\u200D\U0001F467 here.");
        code_id = p.add_code("Symbols").id;
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    t.frame->set_coder("Alex");
    t.frame->transcript()->select_code_points({5, 6});  // half the flag
    REQUIRE(t.frame->apply_code_to_selection(code_id));
    t.frame->transcript()->select_code_points({12, 14});  // inside the family
    REQUIRE(t.frame->apply_code_to_selection(code_id));
    const auto codings = t.frame->project()->codings();
    REQUIRE(codings.size() == 2);
    CHECK(quire::TextRange{codings[0].start, codings[0].end} == quire::TextRange{5, 7});
    CHECK(quire::TextRange{codings[1].start, codings[1].end} == quire::TextRange{12, 17});
    // The selection shows what was coded.
    CHECK(t.frame->transcript()->selection_code_points() == quire::TextRange{12, 17});
}

TEST_CASE("overlapping codings are painted on separate layers", "[gui]") {
    quire::test::TempProjectPath file;
    {
        Project p = Project::create(file.str());
        const Id doc = p.add_document("multilingual", kMultilingual).document.id;
        const Id a = p.add_code("Working with uncertainty").id;
        const Id b = p.add_code("Take the long view").id;
        const Id coder = p.ensure_coder("Sam").id;
        p.apply_code(doc, a, coder, 0, 20);
        p.apply_code(doc, b, coder, 10, 40);
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    CHECK(t.frame->transcript()->layers_at(5) == 1);
    CHECK(t.frame->transcript()->layers_at(15) == 2);
    CHECK(t.frame->transcript()->layers_at(30) == 1);
    CHECK(t.frame->transcript()->layers_at(45) == 0);
}

TEST_CASE("a coding made in the window is still there after closing and reopening", "[gui]") {
    quire::test::TempProjectPath file;
    Id code_id = 0;
    {
        Project p = Project::create(file.str());
        p.add_document("multilingual", kMultilingual);
        code_id = p.add_code("Model consent when offering support").id;
    }
    {
        FrameUnderTest t;
        REQUIRE(t.frame->open_project(file.str()));
        t.frame->set_coder("Alex");
        // "consent" in the second paragraph.
        const std::string text = text_of(t.frame->transcript());
        const auto byte = text.find("consent");
        REQUIRE(byte != std::string::npos);
        const std::int64_t start = quire::text::code_point_count(text.substr(0, byte));
        t.frame->transcript()->select_code_points({start, start + 7});
        REQUIRE(t.frame->apply_code_to_selection(code_id));
        t.frame->close_project();
        CHECK_FALSE(t.frame->has_project());
    }
    FrameUnderTest again;
    REQUIRE(again.frame->open_project(file.str()));
    CHECK(again.frame->coding_rows() == 1);
    const auto segments = again.frame->project()->segments({}, 0);
    REQUIRE(segments.size() == 1);
    CHECK(segments[0].text == "consent");
    CHECK(segments[0].coder == "Alex");
}

TEST_CASE("a parent code shows its own codings and those with its subcodes", "[gui]") {
    quire::test::TempProjectPath file;
    quire::demo::write_demo_project(file.str());
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    Project& p = *t.frame->project();
    const quire::Code parent = p.find_code("Working with uncertainty");
    const std::int64_t own = p.coding_count(parent.id);
    const std::int64_t all = p.coding_count(parent.id, true);
    REQUIRE(all > own);
    CHECK(t.frame->codebook_label(parent.id) == "Working with uncertainty  (" +
                                                    std::to_string(own) + " \u00B7 " +
                                                    std::to_string(all) + " in all)");
    const quire::Code leaf = p.find_code("Take the long view");
    CHECK(t.frame->codebook_label(leaf.id) ==
          "Take the long view  (" + std::to_string(p.coding_count(leaf.id)) + ")");
}
