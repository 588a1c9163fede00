// SPDX-License-Identifier: GPL-3.0-or-later
// The spreadsheet writer (libxlsxwriter behind core/formats/xlsx.h), checked on what the
// file says rather than on its bytes.
#include "core/formats/xlsx.h"

#include <catch2/catch.hpp>

#include <locale.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/text/unicode.h"
#include "tests/core/xlsx_content.h"
#include "tests/support/scratch.h"

using quire::test::read_xlsx;
using quire::test::ScratchDir;
using quire::test::XlsxContent;
using quire::util::write_xlsx;
using quire::util::XlsxBarChart;
using quire::util::XlsxCell;
using quire::util::XlsxSheet;

namespace {

XlsxSheet scores_sheet() {
    XlsxSheet sheet{"Scores", {{XlsxCell::of("code"), XlsxCell::of("n"), XlsxCell::of("kappa")}}};
    sheet.rows.push_back({XlsxCell::of("Trust"), XlsxCell::of(3.0), XlsxCell::of(0.25)});
    sheet.rows.push_back({XlsxCell::of("Risk & <harm>"), XlsxCell::of(12.0), XlsxCell::empty()});
    sheet.rows.push_back(
        {XlsxCell::of("Caf\xC3\xA9 \"quoted\""), XlsxCell::of(0.0), XlsxCell::of(-0.125)});
    return sheet;
}

}  // namespace

TEST_CASE("a workbook keeps each sheet's text and numbers in order, with a bold frozen header",
          "[xlsx]") {
    ScratchDir dir;
    const std::string path = dir.path("book.xlsx");
    write_xlsx(path, {scores_sheet(),
                      XlsxSheet{"Notes",
                                {{XlsxCell::of("note")}, {XlsxCell::of("two\nlines\tand tab")}}}});
    const XlsxContent book = read_xlsx(path);
    CHECK(book.sheet_names == std::vector<std::string>{"Scores", "Notes"});
    CHECK(book.rows("Scores") == 4);
    CHECK(book.text("Scores", 0, 2) == "kappa");
    CHECK(book.text("Scores", 2, 0) == "Risk & <harm>");
    CHECK(book.text("Scores", 3, 0) == "Caf\xC3\xA9 \"quoted\"");
    REQUIRE(book.cell("Scores", 1, 2));
    CHECK(book.cell("Scores", 1, 2)->is_number);
    CHECK(book.cell("Scores", 1, 2)->number == 0.25);
    CHECK(book.cell("Scores", 3, 2)->number == -0.125);
    CHECK(book.cell("Scores", 2, 1)->number == 12);
    CHECK_FALSE(book.cell("Scores", 2, 2));  // an empty cell is not written
    CHECK(book.text("Notes", 1, 0) == "two\nlines\tand tab");

    // Header cells carry a style whose font is bold; others carry none.
    const std::string header_style = book.cell("Scores", 0, 0)->style;
    CHECK_FALSE(header_style.empty());
    CHECK(book.cell("Scores", 1, 0)->style.empty());
    pugi::xml_document styles;
    REQUIRE(styles.load_string(book.parts.at("xl/styles.xml").c_str()));
    const pugi::xml_node xf =
        styles.child("styleSheet")
            .child("cellXfs")
            .find_child([n = std::stoi(header_style)](pugi::xml_node) mutable { return n-- == 0; });
    const int font = xf.attribute("fontId").as_int();
    const pugi::xml_node font_node =
        styles.child("styleSheet").child("fonts").find_child([n = font](pugi::xml_node) mutable {
            return n-- == 0;
        });
    CHECK(font_node.child("b"));
    CHECK(book.parts.at("xl/worksheets/sheet1.xml").find("state=\"frozen\"") != std::string::npos);
}

TEST_CASE(
    "sheet names lose the characters Excel forbids and are cut at 31 bytes without splitting a "
    "character",
    "[xlsx]") {
    ScratchDir dir;
    const std::string path = dir.path("names.xlsx");
    // 30 ASCII characters and an "é" that the cut at 31 bytes would split.
    const std::string long_name = std::string(30, 'n') + "\xC3\xA9";
    write_xlsx(path,
               {XlsxSheet{"a/b:c*d?[e]\\f", {}}, XlsxSheet{long_name, {}}, XlsxSheet{"", {}}});
    CHECK(read_xlsx(path).sheet_names ==
          std::vector<std::string>{"a-b-c-d--e--f", std::string(30, 'n'), "Sheet3"});
}

TEST_CASE(
    "control characters are left out and text is cut at Excel's 32,767 characters with a note",
    "[xlsx]") {
    ScratchDir dir;
    const std::string path = dir.path("text.xlsx");
    std::string long_text;
    for (int i = 0; i < 40000; ++i) {
        long_text += "\xC3\xA9";  // two bytes, one character
    }
    write_xlsx(
        path,
        {XlsxSheet{"T",
                   {{XlsxCell::of("text")},
                    {XlsxCell::of(std::string("a\x01"
                                              "b\x1F"
                                              "c",
                                              5))},
                    {XlsxCell::of(long_text)},
                    {XlsxCell::of("no\xEF\xBF\xBEnon\xEF\xBF\xBF-characters \xEF\xBF\xBD kept")},
                    {XlsxCell::of(std::numeric_limits<double>::quiet_NaN())},
                    {XlsxCell::of(std::numeric_limits<double>::infinity())}}}});
    const XlsxContent book = read_xlsx(path);
    CHECK(book.text("T", 1, 0) == "abc");
    const std::string cut = book.text("T", 2, 0);
    CHECK(quire::text::code_point_count(cut) <= 32767);
    CHECK(cut.rfind(long_text.substr(0, 2 * 32000), 0) == 0);
    CHECK(cut.find("cut at Excel's limit of 32,767 characters; the passage has 40000]") !=
          std::string::npos);
    // U+FFFE and U+FFFF would make the XML malformed; U+FFFD is a character like any other.
    CHECK(book.text("T", 3, 0) == "nonon-characters \xEF\xBF\xBD kept");
    CHECK_FALSE(book.cell("T", 4, 0));  // not a number Excel can hold
    CHECK_FALSE(book.cell("T", 5, 0));
}

TEST_CASE("a bar chart spans the label and value columns of every row after the header", "[xlsx]") {
    ScratchDir dir;
    const std::string path = dir.path("chart.xlsx");
    XlsxSheet scores = scores_sheet();
    scores.name = "By code";
    scores.chart = XlsxBarChart{"Kappa per code", "code", "kappa"};
    XlsxSheet header_only{"Empty", {{XlsxCell::of("code"), XlsxCell::of("kappa")}}};
    header_only.chart = XlsxBarChart{"Nothing", "code", "kappa"};
    write_xlsx(path, {scores, header_only});
    const XlsxContent book = read_xlsx(path);
    REQUIRE(book.parts.count("xl/charts/chart1.xml"));
    CHECK_FALSE(book.parts.count("xl/charts/chart2.xml"));  // no bars, no chart
    const std::string& chart = book.parts.at("xl/charts/chart1.xml");
    CHECK(chart.find("<c:barDir val=\"bar\"/>") != std::string::npos);
    CHECK(chart.find("<c:f>'By code'!$A$2:$A$4</c:f>") != std::string::npos);
    CHECK(chart.find("<c:f>'By code'!$C$2:$C$4</c:f>") != std::string::npos);
    CHECK(chart.find("Kappa per code") != std::string::npos);
    // The chart hangs on the sheet it draws.
    CHECK(book.parts.at("xl/worksheets/_rels/sheet1.xml.rels").find("drawing1.xml") !=
          std::string::npos);
    CHECK(book.text("By code", 1, 0) == "Trust");  // the table is still all there
}

TEST_CASE("a workbook it cannot write leaves an existing file as it was and no partial file",
          "[xlsx]") {
    ScratchDir dir;
    const std::string path = dir.write("kept.xlsx", "old bytes");
    XlsxSheet sheet = scores_sheet();
    sheet.chart = XlsxBarChart{"Missing", "code", "no such column"};
    CHECK_THROWS_AS(write_xlsx(path, {sheet}), quire::InvalidInputError);
    CHECK_THROWS_AS(write_xlsx(path, {}), quire::InvalidInputError);
    CHECK_THROWS_AS(write_xlsx(path, {XlsxSheet{"Twice", {}}, XlsxSheet{"Twice", {}}}),
                    quire::InvalidInputError);
    CHECK(dir.read("kept.xlsx") == "old bytes");
    CHECK_FALSE(std::filesystem::exists(path + ".partial"));

    const std::string missing = dir.path("no-folder/book.xlsx");
    CHECK_THROWS_AS(write_xlsx(missing, {scores_sheet()}), quire::Error);
    CHECK_FALSE(std::filesystem::exists(dir.path("no-folder")));

    write_xlsx(path, {scores_sheet()});
    CHECK(read_xlsx(path).text("Scores", 1, 0) == "Trust");
    CHECK(dir.entries() == std::vector<std::string>{"kept.xlsx"});
}

TEST_CASE("numbers are written with a decimal point under a locale with a decimal comma",
          "[xlsx]") {
    locale_t comma = static_cast<locale_t>(nullptr);
    for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "nl_NL.UTF-8"}) {
        comma = newlocale(LC_NUMERIC_MASK, name, static_cast<locale_t>(nullptr));
        if (comma != static_cast<locale_t>(nullptr)) {
            break;
        }
    }
    if (comma == static_cast<locale_t>(nullptr)) {
        WARN("skipped: no locale with a decimal comma is installed");
        return;
    }
    ScratchDir dir;
    const locale_t previous = uselocale(comma);
    write_xlsx(dir.path("comma.xlsx"), {scores_sheet()});
    uselocale(previous);
    freelocale(comma);
    const XlsxContent book = read_xlsx(dir.path("comma.xlsx"));
    CHECK(book.cell("Scores", 1, 2)->text == "0.25");
    CHECK(book.cell("Scores", 3, 2)->number == -0.125);
}
