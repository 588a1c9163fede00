// SPDX-License-Identifier: GPL-3.0-or-later
#include <wx/app.h>
#include <wx/menu.h>
#include <wx/utils.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "app/gui/agreement_frame.h"
#include "app/gui/main_frame.h"
#include "core/demo/demo.h"
#include "core/project/project.h"
#include "core/project_agreement/disagreements.h"
#include "core/project_agreement/run.h"
#include "tests/support/scratch.h"

using quire::Project;
using quire::TextRange;
using quire::gui::AgreementFrame;
using quire::gui::MainFrame;

namespace {

void settle() {
    for (int i = 0; i < 5; ++i) {
        wxTheApp->ProcessPendingEvents();
        wxYield();
    }
}

// An agreement window on a fresh copy of the demo project, destroyed at the end.
struct AgreementUnderTest {
    AgreementUnderTest() {
        quire::demo::write_demo_project(file.str());
        frame = new AgreementFrame(nullptr, file.str());
        frame->Show();
        settle();
    }
    ~AgreementUnderTest() {
        frame->Destroy();
        settle();
    }
    quire::test::TempProjectPath file;
    AgreementFrame* frame = nullptr;
};

std::vector<AgreementFrame*> agreement_windows() {
    std::vector<AgreementFrame*> out;
    for (wxWindow* w : wxTopLevelWindows) {
        if (auto* a = dynamic_cast<AgreementFrame*>(w); a != nullptr && !a->IsBeingDeleted()) {
            out.push_back(a);
        }
    }
    return out;
}

// The consensus coder's ranges of the disagreement's code inside its stretch.
std::vector<TextRange> consensus_spans(Project& p, const quire::agreement::Disagreement& d) {
    quire::CodingFilter filter;
    filter.document_id = d.document;
    filter.code_id = d.code;
    filter.coder_id = p.find_coder("Consensus").id;
    std::vector<TextRange> out;
    for (const quire::Coding& c : p.codings(filter)) {
        if (c.start < d.end && c.end > d.start) {
            out.push_back({c.start, c.end});
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("the agreement window compares every codable code of the demo and stores the run",
          "[gui]") {
    AgreementUnderTest t;
    CHECK(t.frame->GetTitle().utf8_string().find("Coder agreement") != std::string::npos);
    CHECK(t.frame->GetTitle().utf8_string().find("demo") != std::string::npos);
    t.frame->compute_blocking();
    REQUIRE(t.frame->code_rows() == 16);
    const quire::agreement::AgreementRun* run = t.frame->shown_run();
    REQUIRE(run != nullptr);
    CHECK(run->raters == std::vector<std::string>{"Alex", "Sam"});

    int numeric_kappas = 0;
    for (int row = 0; row < t.frame->code_rows(); ++row) {
        const auto& kappa = run->result.codes[static_cast<std::size_t>(row)].kappa;
        double shown = 0.0;
        if (t.frame->cell_text(row, 1).ToCDouble(&shown)) {
            ++numeric_kappas;
            REQUIRE(kappa.value.has_value());
            CHECK(shown == Approx(*kappa.value).margin(0.0005));
        } else {
            CHECK_FALSE(kappa.value.has_value());
            CHECK(t.frame->cell_text(row, 1) == wxString(L"\u2014"));
        }
    }
    CHECK(numeric_kappas > 0);

    Project p = Project::open(t.file.str());
    const auto history = quire::agreement::agreement_history(p);
    REQUIRE(history.size() == 1);
    CHECK(history[0].id == run->id);
}

TEST_CASE("choosing the paragraph unit recomputes with paragraphs", "[gui]") {
    AgreementUnderTest t;
    t.frame->compute_blocking();
    REQUIRE(t.frame->code_rows() == 16);
    std::vector<wxString> by_character;
    for (int row = 0; row < 16; ++row) {
        by_character.push_back(t.frame->cell_text(row, 0));
    }
    t.frame->set_unit("paragraph");
    CHECK(t.frame->busy());
    t.frame->wait_for_result();
    REQUIRE(t.frame->shown_run() != nullptr);
    CHECK(t.frame->shown_run()->request.unit == quire::agreement::UnitKind::Paragraph);
    REQUIRE(t.frame->code_rows() == 16);
    int changed = 0;
    for (int row = 0; row < 16; ++row) {
        changed += t.frame->cell_text(row, 0) != by_character[static_cast<std::size_t>(row)];
    }
    CHECK(changed > 0);
    Project p = Project::open(t.file.str());
    CHECK(quire::agreement::agreement_history(p).size() == 2);
}

TEST_CASE("pressing Compute again shows only the newest result", "[gui]") {
    AgreementUnderTest t;
    REQUIRE(t.frame->compute());
    t.frame->set_unit("word");  // no result shown yet: only changes the choice
    t.frame->compute_blocking();
    REQUIRE(t.frame->shown_run() != nullptr);
    CHECK(t.frame->shown_run()->request.unit == quire::agreement::UnitKind::Word);
    settle();
    CHECK(t.frame->shown_run()->request.unit == quire::agreement::UnitKind::Word);
}

TEST_CASE("closing the window while it computes drops the result without harm", "[gui]") {
    quire::test::TempProjectPath file;
    quire::demo::write_demo_project(file.str());
    auto* frame = new AgreementFrame(nullptr, file.str());
    frame->Show();
    settle();
    REQUIRE(frame->compute());
    frame->Destroy();
    for (int i = 0; i < 20; ++i) {
        settle();
        wxMilliSleep(10);
    }
    CHECK(agreement_windows().empty());
}

TEST_CASE("Alex and Sam's disagreements are listed passage by passage", "[gui]") {
    AgreementUnderTest t;
    t.frame->select_coders({"Alex", "Sam"});
    t.frame->compute_blocking();
    Project p = Project::open(t.file.str());
    const auto expected = quire::agreement::find_disagreements(p, "Alex", "Sam");
    REQUIRE(!expected.empty());
    REQUIRE(t.frame->disagreement_rows() == static_cast<int>(expected.size()));
    CHECK(t.frame->disagreement_text(0, 0).utf8_string() == expected[0].document_name);
    CHECK(t.frame->disagreement_text(0, 1).utf8_string() == expected[0].code_path);
    CHECK(t.frame->disagreement_text(0, 3) == "open");
}

TEST_CASE("adopting Alex's version writes his ranges to the Consensus coder", "[gui]") {
    AgreementUnderTest t;
    t.frame->select_coders({"Alex", "Sam"});
    t.frame->compute_blocking();
    REQUIRE(t.frame->disagreement_rows() > 0);
    Project p = Project::open(t.file.str());
    const auto d = quire::agreement::find_disagreements(p, "Alex", "Sam").at(0);

    REQUIRE(t.frame->adopt(0, true));
    CHECK(consensus_spans(p, d) == d.first);
    CHECK(t.frame->disagreement_text(0, 3) == wxString(L"resolved \u2192 Alex"));
    CHECK(t.frame->disagreement_rows() ==
          static_cast<int>(quire::agreement::find_disagreements(p, "Alex", "Sam").size()));

    // Changing one's mind replaces the consensus in that stretch.
    REQUIRE(t.frame->adopt(0, false));
    CHECK(consensus_spans(p, d) == d.second);
    CHECK(t.frame->disagreement_text(0, 3) == wxString(L"resolved \u2192 Sam"));
    CHECK(t.frame->disagreement_text(1, 3) == "open");
}

TEST_CASE("Analyse > Coder Agreement opens the window for the open project only", "[gui]") {
    quire::test::TempProjectPath file;
    quire::demo::write_demo_project(file.str());
    auto* main = new MainFrame;
    main->Show();
    settle();
    wxMenuBar* bar = main->GetMenuBar();
    const int id = bar->FindMenuItem("Analyse", L"Coder Agreement\u2026");
    REQUIRE(id != wxNOT_FOUND);
    CHECK_FALSE(bar->IsEnabled(id));

    REQUIRE(main->open_project(file.str()));
    CHECK(bar->IsEnabled(id));
    wxCommandEvent click(wxEVT_MENU, id);
    main->ProcessWindowEvent(click);
    settle();
    const auto windows = agreement_windows();
    REQUIRE(windows.size() == 1);
    CHECK(windows[0]->GetParent() == main);
    CHECK(windows[0]->IsShown());
    CHECK(windows[0]->GetTitle().utf8_string().find("Coder agreement") != std::string::npos);

    // Over the workbench, not larger than it.
    CHECK(windows[0]->GetSize().GetWidth() <= main->GetSize().GetWidth());
    CHECK(windows[0]->GetSize().GetHeight() <= main->GetSize().GetHeight());

    // Choosing it again raises the same window.
    main->ProcessWindowEvent(click);
    settle();
    CHECK(agreement_windows().size() == 1);

    // Escape closes it, and so does Ctrl+W.
    for (const auto& [key, modifiers] :
         {std::pair<int, int>{WXK_ESCAPE, wxMOD_NONE}, std::pair<int, int>{'W', wxMOD_CONTROL}}) {
        wxKeyEvent press(wxEVT_CHAR_HOOK);
        press.m_keyCode = key;
        press.m_controlDown = modifiers == wxMOD_CONTROL;
        agreement_windows().at(0)->ProcessWindowEvent(press);
        settle();
        CHECK(agreement_windows().empty());
        main->ProcessWindowEvent(click);
        settle();
        REQUIRE(agreement_windows().size() == 1);
    }

    main->close_project();
    settle();
    CHECK(agreement_windows().empty());
    CHECK_FALSE(bar->IsEnabled(id));
    main->Destroy();
    settle();
}
