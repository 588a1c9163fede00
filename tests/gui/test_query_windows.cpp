// SPDX-License-Identifier: GPL-3.0-or-later
// The coding query, matrix, co-occurrence and chart windows: what they list against what
// the engine finds, errors shown in the window, saved queries, drill-down and SVG export.
#include <wx/button.h>
#include <wx/grid.h>
#include <wx/menu.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "app/gui/code_chart.h"
#include "app/gui/cooccurrence_frame.h"
#include "app/gui/heat_grid.h"
#include "app/gui/main_frame.h"
#include "app/gui/matrix_frame.h"
#include "app/gui/query_frame.h"
#include "app/gui/query_work.h"
#include "core/project/project.h"
#include "core/query/query.h"
#include "search/text_finder.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::gui::QueryFrame;
using quire::test::FrameUnderTest;

namespace {

// Two documents, a code with a child, another code and two coders; each document has a role.
struct QueryProject {
    quire::test::TempProjectPath file;
    Id first = 0, second = 0;

    QueryProject() {
        Project p = Project::create(file.str());
        first = p.add_document("Staff 01",
                               "We trust the staff here. Then doubts came about the staff.\n"
                               "Families worry about risk.\n")
                    .document.id;
        second = p.add_document("Staff 02", "Trust is earned. Risk is everywhere for staff.\n")
                     .document.id;
        const Id trust = p.add_code("Trust").id;
        const Id doubt = p.add_code("Doubt", trust).id;
        const Id risk = p.add_code("Risk").id;
        const Id ann = p.ensure_coder("Ann").id;
        const Id ben = p.ensure_coder("Ben").id;
        p.apply_code(first, trust, ann, 0, 24);
        p.apply_code(first, doubt, ben, 25, 58);
        p.apply_code(first, risk, ann, 59, 85);
        p.apply_code(first, risk, ben, 40, 58);
        p.apply_code(second, trust, ann, 0, 16);
        p.apply_code(second, risk, ben, 17, 46);
        p.set_document_attribute(first, "role", "manager");
        p.set_document_attribute(second, "role", "practitioner");
    }
};

// As a click on the button does.
void press(wxButton* button) {
    wxCommandEvent click(wxEVT_BUTTON, button->GetId());
    click.SetEventObject(button);
    button->ProcessWindowEvent(click);
}

std::size_t engine_count(const std::string& path, const std::string& expression) {
    Project p = Project::open(path);
    quire::search::IndexTextFinder text(p, {});
    quire::query::Engine engine(p, &text);
    return engine.evaluate(expression).size();
}

}  // namespace

TEST_CASE("the Analyse menu opens the coding query, matrix, co-occurrence and chart windows",
          "[gui][query]") {
    QueryProject project;
    FrameUnderTest t;
    CHECK(t.frame->open_coding_query() == nullptr);  // no project yet
    REQUIRE(t.frame->open_project(project.file.str()));
    CHECK(t.frame->GetMenuBar()->GetMenuCount() == 7);
    const wxMenu* analyse = t.frame->GetMenuBar()->GetMenu(5);
    REQUIRE(analyse != nullptr);
    CHECK(analyse->FindItem(L"Coding Query…") != wxNOT_FOUND);
    CHECK(analyse->FindItem(L"Matrix…") != wxNOT_FOUND);
    CHECK(analyse->FindItem(L"Code Co-occurrence…") != wxNOT_FOUND);
    CHECK(t.frame->open_coding_query() != nullptr);
    CHECK(t.frame->open_coding_query() == t.frame->open_coding_query());
    CHECK(t.frame->open_matrix() != nullptr);
    CHECK(t.frame->open_cooccurrence() != nullptr);
    CHECK(t.frame->open_chart() != nullptr);
    FrameUnderTest::settle();
}

TEST_CASE("a coding query run from its window lists the passages the engine finds",
          "[gui][query]") {
    QueryProject project;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(project.file.str()));
    QueryFrame* q = t.frame->open_coding_query();
    REQUIRE(q != nullptr);
    for (const std::string expression :
         {"code:\"Trust\" OVERLAPS code:\"Risk\"", "code=:\"Trust\" OR code:\"Risk\" coder:\"Ben\"",
          "code:\"Risk\" NOT doc:\"Staff 02\"", "staff"}) {
        q->set_expression(expression);
        press(q->run_button());
        q->wait();
        INFO(expression);
        CHECK(q->error_text().empty());
        CHECK(q->row_count() == engine_count(project.file.str(), expression));
        CHECK(q->result().total == static_cast<std::int64_t>(q->row_count()));
    }
    // The text search "staff" finds a word in each document.
    REQUIRE(q->row_count() >= 2);
    CHECK(q->cell_text(0, QueryFrame::kDocument) == "Staff 01");
    CHECK(q->cell_text(0, QueryFrame::kPassage).find("staff") != std::string::npos);
    const Id last_document = q->result().hits.back().passage.document;
    q->activate(q->row_count() - 1);
    CHECK(t.frame->current_document() == last_document);
}

TEST_CASE("operands and operators chosen by click are appended to the expression", "[gui][query]") {
    QueryProject project;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(project.file.str()));
    QueryFrame* q = t.frame->open_coding_query();
    REQUIRE(q != nullptr);
    q->append("code:\"Trust\"");
    q->append("NEAR/3");
    q->append("(");
    q->append("code:\"Risk\"");
    q->append(")");
    CHECK(q->expression() == "code:\"Trust\" NEAR/3 (code:\"Risk\")");
    press(q->run_button());
    q->wait();
    CHECK(q->error_text().empty());
    CHECK(q->row_count() == engine_count(project.file.str(), q->expression()));
}

TEST_CASE("a malformed coding query shows its error in the window and lists nothing",
          "[gui][query]") {
    QueryProject project;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(project.file.str()));
    QueryFrame* q = t.frame->open_coding_query();
    REQUIRE(q != nullptr);
    q->set_expression("code:\"Trust\" AND (code:\"Risk\"");
    press(q->run_button());
    q->wait();
    CHECK(q->row_count() == 0);
    CHECK(q->error_text().find("character") != std::string::npos);
    CHECK(q->status_text() == q->error_text());
    // An unknown code is said the same way.
    q->set_expression("code:\"Nowhere\"");
    press(q->run_button());
    q->wait();
    CHECK_FALSE(q->error_text().empty());
    // The window still runs a good query afterwards.
    q->set_expression("code:\"Risk\"");
    press(q->run_button());
    q->wait();
    CHECK(q->error_text().empty());
    CHECK(q->row_count() == engine_count(project.file.str(), "code:\"Risk\""));
}

TEST_CASE("a saved query is listed in the query window, runs from there and can be deleted",
          "[gui][query]") {
    QueryProject project;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(project.file.str()));
    QueryFrame* q = t.frame->open_coding_query();
    REQUIRE(q != nullptr);
    q->set_expression("code:\"Trust\" OVERLAPS code:\"Risk\"");
    REQUIRE(q->save_as("Trust with risk"));
    const std::vector<std::string> names = q->saved_names();
    CHECK(std::find(names.begin(), names.end(), "Trust with risk") != names.end());
    q->set_expression("");
    REQUIRE(q->run_saved("Trust with risk"));
    q->wait();
    CHECK(q->expression() == "code:\"Trust\" OVERLAPS code:\"Risk\"");
    CHECK(q->row_count() == engine_count(project.file.str(), q->expression()));
    REQUIRE(q->delete_saved("Trust with risk"));
    CHECK(q->saved_names().empty());
}

TEST_CASE("Store as Code codes every passage found and one undo takes them back", "[gui][query]") {
    QueryProject project;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(project.file.str()));
    QueryFrame* q = t.frame->open_coding_query();
    REQUIRE(q != nullptr);
    q->set_expression("code:\"Risk\"");
    press(q->run_button());
    q->wait();
    REQUIRE(q->row_count() > 0);
    const std::int64_t found = static_cast<std::int64_t>(q->row_count());
    CHECK(q->store_as_code("Risk found") == found);
    CHECK(engine_count(project.file.str(), "code:\"Risk found\"") ==
          static_cast<std::size_t>(found));
    // Edit > Undo names the action as the journal does.
    CHECK(t.frame->GetMenuBar()->FindItem(wxID_UNDO)->GetItemLabelText().utf8_string() ==
          "Undo Store Query Results as Code \"Risk found\"");
    REQUIRE(t.frame->undo());
    bool still_coded = false;
    for (const quire::Code& c : t.frame->project()->codes()) {
        if (c.name == "Risk found") {
            quire::CodingFilter filter;
            filter.code_ids = {c.id};
            still_coded = !t.frame->project()->codings(filter).empty();
        }
    }
    CHECK_FALSE(still_coded);
}

TEST_CASE("each matrix cell counts as many passages as its drill-down lists", "[gui][query]") {
    QueryProject project;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(project.file.str()));
    quire::gui::MatrixFrame* m = t.frame->open_matrix();
    REQUIRE(m != nullptr);
    REQUIRE(m->choose_axes("Codes", "Documents"));
    press(m->show_button());
    m->wait();
    const quire::query::Matrix& matrix = m->matrix();
    REQUIRE(matrix.rows.size() == 3);
    REQUIRE(matrix.cols.size() == 2);
    std::int64_t total = 0;
    for (std::size_t r = 0; r < matrix.rows.size(); ++r) {
        for (std::size_t c = 0; c < matrix.cols.size(); ++c) {
            m->heat_grid()->drill(static_cast<int>(r), static_cast<int>(c));
            CHECK(m->heat_grid()->passages()->row_count() ==
                  static_cast<std::size_t>(matrix.cells[r][c].count));
            total += matrix.cells[r][c].count;
        }
    }
    CHECK(total > 0);
    // A passage of the last cell drilled opens its document.
    m->heat_grid()->drill(2, 1);
    REQUIRE(m->heat_grid()->passages()->row_count() > 0);
    m->heat_grid()->passages()->activate(0);
    CHECK(t.frame->current_document() == project.second);
    // Attribute values as columns, with row percentages.
    REQUIRE(m->choose_axes("Codes", "Attribute: role"));
    m->choose_percent(quire::query::Percent::Row);
    press(m->show_button());
    m->wait();
    CHECK(m->matrix().cols == std::vector<std::string>{"manager", "practitioner"});
    CHECK(m->heat_grid()->grid()->GetCellValue(0, 0).Contains("%"));
}

TEST_CASE("a matrix is exported as CSV beside the project but never over it", "[gui][query]") {
    QueryProject project;
    quire::test::ScratchDir out;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(project.file.str()));
    quire::gui::MatrixFrame* m = t.frame->open_matrix();
    REQUIRE(m != nullptr);
    REQUIRE(m->choose_axes("Codes", "Documents"));
    press(m->show_button());
    m->wait();
    REQUIRE(m->export_to(out.path("matrix.csv")));
    const std::string csv = out.read("matrix.csv");
    CHECK(csv.find("Staff 01") != std::string::npos);
    CHECK(csv.find("Trust/Doubt") != std::string::npos);
}

TEST_CASE("each co-occurrence cell lists the passages it counts", "[gui][query]") {
    QueryProject project;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(project.file.str()));
    quire::gui::CooccurrenceFrame* c = t.frame->open_cooccurrence();
    REQUIRE(c != nullptr);
    c->choose_by(quire::gui::CooccurrenceFrame::kOverlap);
    press(c->show_button());
    c->wait();
    const quire::query::Cooccurrence& table = c->table();
    REQUIRE(table.paths.size() >= 2);
    CHECK_FALSE(table.pairs.empty());
    for (std::size_t i = 0; i < table.paths.size(); ++i) {
        for (std::size_t j = 0; j < table.paths.size(); ++j) {
            c->heat_grid()->drill(static_cast<int>(i), static_cast<int>(j));
            CHECK(c->heat_grid()->passages()->row_count() ==
                  static_cast<std::size_t>(table.matrix[i][j]));
        }
    }
    const quire::query::CooccurPair& pair = table.pairs.front();
    CHECK(c->heat_grid()
              ->tooltip_at(static_cast<int>(pair.a), static_cast<int>(pair.b))
              .find("c-coefficient") != std::string::npos);
    c->choose_by(quire::gui::CooccurrenceFrame::kDocument);
    press(c->show_button());
    c->wait();
    CHECK(c->status_text().find("codes") != std::string::npos);
}

TEST_CASE("the code chart by attribute exports a self-contained SVG", "[gui][query]") {
    QueryProject project;
    quire::test::ScratchDir out;
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(project.file.str()));
    quire::gui::ChartFrame* chart = t.frame->open_chart();
    REQUIRE(chart != nullptr);
    REQUIRE(chart->choose_attribute("role"));
    press(chart->show_button());
    chart->wait();
    CHECK(chart->chart().groups.size() == 3);
    CHECK(chart->chart().series == std::vector<std::string>{"manager", "practitioner"});
    REQUIRE(chart->export_svg(out.path("chart.svg")));
    const std::string svg = out.read("chart.svg");
    CHECK((svg.rfind("<svg", 0) == 0 || svg.rfind("<?xml", 0) == 0));
    CHECK(svg.find("<svg") != std::string::npos);
    CHECK(svg.find("</svg>") != std::string::npos);
    CHECK(svg.find("http://www.w3.org/2000/svg") != std::string::npos);
    CHECK(svg.find("href") == std::string::npos);  // nothing fetched from elsewhere
    CHECK(svg.find("practitioner") != std::string::npos);
}
