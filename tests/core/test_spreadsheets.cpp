// SPDX-License-Identifier: GPL-3.0-or-later
// The spreadsheets Quire exports (codebook, coded segments, agreement report): their cells
// say what the CSV and the run say, and the codebook and agreement ones carry a native chart.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/demo/demo.h"
#include "core/exchange/tables.h"
#include "core/formats/csv.h"
#include "core/project/project.h"
#include "core/project_agreement/report_export.h"
#include "core/project_agreement/run.h"
#include "tests/core/xlsx_content.h"
#include "tests/support/scratch.h"

using quire::Project;
using quire::test::read_xlsx;
using quire::test::ScratchDir;
using quire::test::XlsxContent;

namespace {

// Every cell of `sheet` reads as the CSV field in the same place (numbers are whole numbers
// in both), and the sheet has no other rows.
void check_same_cells(const XlsxContent& book, const std::string& sheet, const std::string& csv) {
    const std::vector<quire::util::CsvRow> rows = quire::util::parse_csv(csv);
    REQUIRE(book.rows(sheet) == static_cast<int>(rows.size()));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            INFO("row " << r << ", column " << c);
            CHECK(book.text(sheet, static_cast<int>(r), static_cast<int>(c)) == rows[r][c]);
        }
    }
}

int column_of(const XlsxContent& book, const std::string& sheet, const std::string& header) {
    for (int c = 0; c < 64; ++c) {
        if (book.text(sheet, 0, c) == header) {
            return c;
        }
    }
    FAIL("no column " << header << " in " << sheet);
    return -1;
}

std::string column_letter(int column) {
    return std::string(1, static_cast<char>('A' + column));
}

}  // namespace

TEST_CASE("the codebook spreadsheet holds the CSV's cells and a bar chart of codings per code",
          "[xlsx][exchange]") {
    quire::test::TempProjectPath path;
    quire::demo::write_demo_project(path.str());
    Project p = Project::open(path.str());
    ScratchDir dir;
    quire::exchange::write_codebook_xlsx(p, dir.path("codebook.xlsx"));
    const XlsxContent book = read_xlsx(dir.path("codebook.xlsx"));
    CHECK(book.sheet_names == std::vector<std::string>{"Codebook"});
    check_same_cells(book, "Codebook", quire::exchange::codebook_csv(p));

    const int codings = column_of(book, "Codebook", "codings");
    CHECK(book.cell("Codebook", 1, codings)->is_number);
    const std::string last = std::to_string(p.codes().size() + 1);
    const std::string& chart = book.parts.at("xl/charts/chart1.xml");
    CHECK(chart.find("<c:f>Codebook!$A$2:$A$" + last + "</c:f>") != std::string::npos);
    CHECK(chart.find("<c:f>Codebook!$" + column_letter(codings) + "$2:$" + column_letter(codings) +
                     "$" + last + "</c:f>") != std::string::npos);
}

TEST_CASE("the coded segments spreadsheet holds the same cells as the CSV", "[xlsx][exchange]") {
    quire::test::TempProjectPath path;
    quire::demo::write_demo_project(path.str());
    Project p = Project::open(path.str());
    ScratchDir dir;
    quire::CodingFilter filter;
    filter.code_id = p.codes().front().id;
    quire::exchange::write_segments_xlsx(p, filter, dir.path("segments.xlsx"));
    const XlsxContent book = read_xlsx(dir.path("segments.xlsx"));
    CHECK(book.sheet_names == std::vector<std::string>{"Coded segments"});
    check_same_cells(book, "Coded segments", quire::exchange::segments_csv(p, filter));
    CHECK_FALSE(book.parts.count("xl/charts/chart1.xml"));
}

TEST_CASE("the agreement spreadsheet lists each code's figures and charts kappa per code",
          "[xlsx][agreement]") {
    quire::test::TempProjectPath path;
    quire::demo::write_demo_project(path.str());
    Project p = Project::open(path.str());
    quire::agreement::AgreementRequest request;
    request.coders = {"Alex", "Sam"};
    const quire::agreement::AgreementRun run = quire::agreement::run_agreement(p, request, false);
    ScratchDir dir;
    quire::agreement::write_report_xlsx(run, dir.path("agreement.xlsx"));
    const XlsxContent book = read_xlsx(dir.path("agreement.xlsx"));
    CHECK(book.sheet_names ==
          std::vector<std::string>{"By code", "By document", "Overall", "Parameters"});

    const auto& codes = run.result.codes;
    REQUIRE(book.rows("By code") == static_cast<int>(codes.size()) + 1);
    const int kappa = column_of(book, "By code", "kappa");
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const int row = static_cast<int>(i) + 1;
        CHECK(book.text("By code", row, 0) == codes[i].code);
        const quire::test::XlsxValue* cell = book.cell("By code", row, kappa);
        if (codes[i].kappa.value) {
            REQUIRE(cell);
            CHECK(cell->number == Approx(*codes[i].kappa.value).epsilon(1e-15));
        } else {
            CHECK_FALSE(cell);
        }
    }
    CHECK(book.text("Parameters", 1, 1) == "Alex and Sam");

    const std::string last = std::to_string(codes.size() + 1);
    const std::string k = column_letter(kappa);
    const std::string& chart = book.parts.at("xl/charts/chart1.xml");
    CHECK(chart.find("<c:f>'By code'!$A$2:$A$" + last + "</c:f>") != std::string::npos);
    CHECK(chart.find("<c:f>'By code'!$" + k + "$2:$" + k + "$" + last + "</c:f>") !=
          std::string::npos);
    CHECK(chart.find("Kappa per code") != std::string::npos);
}
