// SPDX-License-Identifier: GPL-3.0-or-later
#include <wx/app.h>
#include <wx/msgdlg.h>
#include <wx/testing.h>
#include <wx/utils.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <string>

#include "app/gui/main_frame.h"
#include "core/project/project.h"
#include "core/util/workbench_claim.h"
#include "tests/support/scratch.h"

using quire::Project;
using quire::gui::MainFrame;
using quire::util::WorkbenchClaim;

namespace {

void settle() {
    for (int i = 0; i < 5; ++i) {
        wxTheApp->ProcessPendingEvents();
        wxYield();
    }
}

}  // namespace

TEST_CASE("a project another window has open is shown there, not opened a second time",
          "[gui][claim]") {
    quire::test::TempProjectPath file;
    { Project p = Project::create(file.str(), "Pilot interviews"); }
    auto* frame = new MainFrame;
    frame->Show();
    settle();

    // Another workbench holds the project: this window asks it forward and says so.
    std::atomic<int> other_raised{0};
    WorkbenchClaim::Outcome outcome{};
    auto other = WorkbenchClaim::claim(
        file.str(), [&] { ++other_raised; }, false, outcome);
    REQUIRE(outcome == WorkbenchClaim::Outcome::Claimed);
    bool opened = true;
    wxTEST_DIALOG(
        opened = frame->open_project(file.str()),
        wxExpectModal<wxMessageDialog>(wxID_OK).Describe("the project is open elsewhere"));
    CHECK_FALSE(opened);
    CHECK_FALSE(frame->has_project());
    CHECK(other_raised.load() >= 1);

    // Once the other lets go, this window opens it and holds it in turn.
    other.reset();
    REQUIRE(frame->open_project(file.str()));
    CHECK(frame->has_project());
    auto second = WorkbenchClaim::claim(
        file.str(), [] {}, true, outcome);
    CHECK(second == nullptr);
    CHECK(outcome == WorkbenchClaim::Outcome::HeldElsewhere);
    settle();  // the request to come forward is handled on the UI thread

    // Opening the same file again in this window keeps it open.
    CHECK(frame->open_project(file.str()));
    CHECK(frame->has_project());

    frame->close_project();
    auto after_close = WorkbenchClaim::claim(
        file.str(), [] {}, false, outcome);
    CHECK(outcome == WorkbenchClaim::Outcome::Claimed);
    after_close.reset();
    frame->Destroy();
    settle();
}
