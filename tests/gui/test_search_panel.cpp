// SPDX-License-Identifier: GPL-3.0-or-later
#include <wx/app.h>
#include <wx/utils.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "app/gui/main_frame.h"
#include "app/gui/search_panel.h"
#include "app/gui/transcript_view.h"
#include "core/demo/demo.h"
#include "core/project/project.h"
#include "core/text/unicode.h"
#include "tests/gui/search_wait.h"
#include "tests/support/scratch.h"

using quire::Project;
using quire::gui::MainFrame;
using quire::gui::SearchPanel;

using quire::test::wait_for;

namespace {

void settle() {
    for (int i = 0; i < 5; ++i) {
        wxTheApp->ProcessPendingEvents();
        wxYield();
    }
}

// Pumps events until the panel's job is done (its results come through CallAfter).
}  // namespace

TEST_CASE("searching from the panel opens a hit exactly and codes all hits undoably", "[gui]") {
    quire::test::TempProjectPath file;
    quire::demo::write_demo_project(file.str());
    auto* frame = new MainFrame;
    frame->Show();
    settle();
    REQUIRE(frame->open_project(file.str()));
    SearchPanel* panel = frame->show_search();
    REQUIRE(panel != nullptr);
    REQUIRE(wait_for(panel));  // the index is built in the background on opening

    panel->run_search("uncertain*");
    REQUIRE(wait_for(panel));
    const auto& results = panel->results();
    REQUIRE(results.hits.size() > 5);
    REQUIRE(results.total_hits);
    CHECK(*results.total_hits == results.hits.size());
    CHECK_THAT(panel->status_text(),
               Catch::Contains(std::to_string(results.hits.size()) + " hits"));

    // Choosing a hit shows its document with the hit selected and every hit marked.
    REQUIRE(panel->rows().size() > 3);
    const quire::search::Hit hit = results.hits[panel->rows()[3].first_hit];
    panel->activate_hit(3);
    settle();
    REQUIRE(frame->current_document() == hit.document);
    CHECK(frame->transcript()->selection_code_points() == hit.range);
    CHECK(frame->transcript()->is_hit_at(hit.range.start));
    CHECK_FALSE(frame->transcript()->is_hit_at(hit.range.end));
    Project& p = *frame->project();
    CHECK(quire::text::slice(p.document_text(hit.document), hit.range.start, hit.range.end)
              .rfind("ncertain", 1) == 1);

    // Filters combine with any query, OR included: only Sam's coded passages.
    REQUIRE(panel->choose_filters("", "Sam", ""));
    panel->run_search("uncertain* OR famil*");
    REQUIRE(wait_for(panel));
    const auto sams = panel->results();
    CHECK_FALSE(sams.hits.empty());
    CHECK_THAT(panel->status_text(), Catch::Contains("hits in"));
    quire::CodingFilter by_sam;
    by_sam.coder_id = frame->project()->find_coder("Sam").id;
    const auto sam_codings = frame->project()->codings(by_sam);
    for (const auto& h : sams.hits) {
        const bool inside = std::any_of(sam_codings.begin(), sam_codings.end(), [&](const auto& c) {
            return c.document_id == h.document && c.start <= h.range.start && h.range.end <= c.end;
        });
        CHECK(inside);
    }
    REQUIRE(panel->choose_filters("", "", ""));

    // Code all hits, then take them back in one step.
    const auto before = p.codings().size();
    const auto code = p.add_code("Search: uncertainty");
    frame->code_hits(results.hits, code.id, quire::search::Spread::Hit);
    CHECK(p.codings().size() == before + results.hits.size());
    CHECK(frame->project()->next_undo()->what == "Code All Hits with \"Search: uncertainty\"");
    CHECK(frame->undo());
    CHECK(p.codings().size() == before);
    CHECK(frame->redo());
    CHECK(p.codings().size() == before + results.hits.size());
    CHECK(frame->undo());
    CHECK(p.codings().size() == before);

    frame->Destroy();
    settle();
}

TEST_CASE("hits in one paragraph are listed once with every matched word marked", "[gui]") {
    using quire::search::Hit;
    Hit a;
    a.document = 1;
    a.paragraph = {0, 40};
    a.range = {4, 8};
    a.snippet = "We **work** with uncertainty every day.";
    Hit b = a;
    b.range = {14, 25};
    b.snippet = "We work with **uncertainty** every day.";
    Hit c = a;
    c.paragraph = {41, 80};
    c.snippet = "**Work** again.";
    Hit d = c;
    d.document = 2;
    const std::vector<quire::gui::PassageRow> rows = quire::gui::passage_rows({a, b, c, d});
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].first_hit == 0);
    CHECK(rows[0].hits == 2);
    CHECK(rows[0].snippet == "We **work** with **uncertainty** every day.");
    CHECK(rows[1].first_hit == 2);
    CHECK(rows[1].hits == 1);
    CHECK(rows[2].first_hit == 3);
    CHECK(quire::gui::passage_rows({}).empty());
}
