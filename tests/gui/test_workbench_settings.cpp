// SPDX-License-Identifier: GPL-3.0-or-later
// What the workbench remembers between sessions: recent projects, zoom, options.
#include <wx/app.h>
#include <wx/menu.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/transcript_view.h"
#include "core/project/project.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

using quire::Project;
using quire::test::FrameUnderTest;

TEST_CASE("recent projects are offered in File > Open Recent, most recent first", "[gui]") {
    quire::test::ScratchDir dir;
    const std::string first = dir.path("first.quire");
    const std::string second = dir.path("second.quire");
    { Project a = Project::create(first); }
    { Project b = Project::create(second); }
    {
        FrameUnderTest t;
        REQUIRE(t.frame->open_project(first));
        REQUIRE(t.frame->open_project(second));
        const std::vector<std::string> recent = t.frame->recent_projects();
        REQUIRE(recent.size() >= 2);
        CHECK(std::filesystem::equivalent(recent[0], second));
        CHECK(std::filesystem::equivalent(recent[1], first));
        const wxMenuItem* item = t.frame->GetMenuBar()->FindItem(quire::gui::kRecentProject1 + 1);
        CHECK(item->GetItemLabelText().utf8_string().find("first.quire") != std::string::npos);
        CHECK(t.frame->GetMenuBar()->IsEnabled(quire::gui::kRecentProject1 + 1));
    }
    FrameUnderTest again;
    wxCommandEvent open(wxEVT_MENU, quire::gui::kRecentProject1 + 1);
    again.frame->ProcessWindowEvent(open);
    REQUIRE(again.frame->project() != nullptr);
    CHECK(std::filesystem::equivalent(again.frame->project()->path(), first));
    // A project that is gone is not offered.
    again.frame->close_project();
    std::filesystem::remove(second);
    for (const std::string& path : again.frame->recent_projects()) {
        CHECK(path.find("second.quire") == std::string::npos);
    }
}

TEST_CASE("the zoom and the snapping option last from one session to the next", "[gui]") {
    {
        auto* frame = new quire::gui::MainFrame;
        frame->Show();
        wxCommandEvent zoom_in(wxEVT_MENU, quire::gui::kZoomIn);
        frame->ProcessWindowEvent(zoom_in);
        frame->ProcessWindowEvent(zoom_in);
        frame->set_snap_to_words(false);
        CHECK(frame->transcript()->GetZoom() == 2);
        frame->Close(true);  // as the window manager's close button does
        FrameUnderTest::settle();
    }
    FrameUnderTest t;
    CHECK(t.frame->transcript()->GetZoom() == 2);
    CHECK_FALSE(t.frame->GetMenuBar()->IsChecked(quire::gui::kSnapToWords));
    // Back to the defaults, for the tests that follow in this process.
    t.frame->transcript()->SetZoom(0);
    t.frame->set_snap_to_words(true);
    t.frame->Close(true);
}
