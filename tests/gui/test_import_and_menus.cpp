// SPDX-License-Identifier: GPL-3.0-or-later
#include <wx/app.h>
#include <wx/menu.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "app/gui/codebook_ui.h"
#include "app/gui/import_ui.h"
#include "app/gui/main_frame.h"
#include "core/base/errors.h"
#include "core/project/project.h"
#include "tests/support/scratch.h"

using quire::Project;

TEST_CASE("importing transcripts commits every file and reports one line for each", "[gui]") {
    quire::test::ScratchDir dir;
    const std::string path = dir.path("p.quire");
    { Project p = Project::create(path); }
    const std::vector<std::string> files = {dir.write("one.txt", "First interview.\n"),
                                            dir.write("two.txt", "Second interview.\n"),
                                            dir.write("again.txt", "First interview.\n")};
    std::vector<std::pair<std::size_t, std::size_t>> reports;
    const std::vector<std::string> lines =
        quire::gui::import_transcripts(path, files, [&](std::size_t done, std::size_t total) {
            reports.emplace_back(done, total);
            return true;
        });
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].rfind("Imported \"", 0) == 0);
    CHECK(lines[2].rfind("Skipped " + files[2], 0) == 0);
    CHECK(reports.front() == std::make_pair<std::size_t, std::size_t>(0, 3));
    CHECK(reports.back() == std::make_pair<std::size_t, std::size_t>(3, 3));
    Project p = Project::open(path);
    CHECK(p.documents().size() == 2);
}

TEST_CASE("a cancelled or failed import of transcripts adds nothing", "[gui]") {
    quire::test::ScratchDir dir;
    const std::string path = dir.path("p.quire");
    { Project p = Project::create(path); }
    const std::vector<std::string> files = {dir.write("one.txt", "First interview.\n"),
                                            dir.write("two.txt", "Second interview.\n")};
    // Cancelled just before committing, after every file was read.
    CHECK_THROWS_AS(quire::gui::import_transcripts(
                        path, files, [](std::size_t done, std::size_t) { return done < 2; }),
                    quire::Cancelled);
    CHECK_THROWS_AS(quire::gui::import_transcripts(path, {files[0], dir.path("missing.txt")}, {}),
                    quire::Error);
    Project p = Project::open(path);
    CHECK(p.documents().empty());
}

TEST_CASE("a code's colour falls back to grey when it does not parse", "[gui]") {
    CHECK(quire::gui::code_colour("#E57373") == wxColour(0xE5, 0x73, 0x73));
    CHECK(quire::gui::code_colour("not a colour") == wxColour(0x9E, 0x9E, 0x9E));
}

TEST_CASE(
    "the menu bar offers File, Edit, Documents, View, Codes, Analyse and Help, project items "
    "once open",
    "[gui]") {
    quire::test::ScratchDir dir;
    const std::string path = dir.path("p.quire");
    { Project p = Project::create(path); }
    auto* frame = new quire::gui::MainFrame;
    wxMenuBar* bar = frame->GetMenuBar();
    REQUIRE(bar->GetMenuCount() == 7);
    const char* const titles[] = {"File", "Edit", "Documents", "View", "Codes", "Analyse", "Help"};
    for (std::size_t i = 0; i < 7; ++i) {
        CHECK(bar->GetMenuLabelText(i) == titles[i]);
    }
    const int import = bar->FindMenuItem("File", L"Import Transcripts…");
    const int rename = bar->FindMenuItem("Codes", L"Rename Code…");
    const int undo = bar->FindMenuItem("Edit", "Undo");
    const int about = bar->FindMenuItem("Help", "About Quire");
    REQUIRE(import != wxNOT_FOUND);
    REQUIRE(rename != wxNOT_FOUND);
    REQUIRE(undo != wxNOT_FOUND);
    REQUIRE(about != wxNOT_FOUND);
    CHECK_FALSE(bar->IsEnabled(import));
    CHECK_FALSE(bar->IsEnabled(rename));
    CHECK(bar->IsEnabled(about));
    REQUIRE(frame->open_project(path));
    CHECK(bar->IsEnabled(import));
    CHECK(bar->IsEnabled(rename));
    frame->Destroy();
    wxTheApp->ProcessPendingEvents();
}

TEST_CASE("delete questions name only what really goes", "[gui]") {
    using quire::gui::delete_code_question;
    using quire::gui::delete_document_question;
    CHECK(delete_code_question("Peer networks", 0, 0) == "Delete the code \"Peer networks\"?");
    CHECK(delete_code_question("Peer networks", 0, 1) ==
          "Delete the code \"Peer networks\"?\n\nThis also removes 1 coding.");
    CHECK(delete_code_question("Working with uncertainty", 2, 59) ==
          "Delete the code \"Working with uncertainty\" and its 2 subcodes?\n\nThis also removes "
          "59 codings.");
    CHECK(delete_code_question("A", 1, 0) == "Delete the code \"A\" and its subcode?");
    CHECK(delete_document_question("01 Practitioner", 0) ==
          "Delete \"01 Practitioner\" from the project?");
    CHECK(delete_document_question("01 Practitioner", 37) ==
          "Delete \"01 Practitioner\" from the project?\n\nIts 37 codings go with it.");
}

TEST_CASE("Move Code preselects the code's current parent", "[gui]") {
    using quire::gui::move_choice_of;
    const std::vector<quire::Id> codes{4, 7, 9};
    CHECK(move_choice_of(std::nullopt, codes) == 0);  // (top level)
    CHECK(move_choice_of(7, codes) == 2);
    CHECK(move_choice_of(9, codes) == 3);
    CHECK(move_choice_of(12, codes) == 0);
}
