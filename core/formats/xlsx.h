// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <vector>

// Spreadsheets for result tables that open in Excel, LibreOffice and R's readxl, written with
// libxlsxwriter: text and number cells, one or more sheets, a bold frozen header row, and
// native bar charts. write_xlsx throws quire::Error when the file cannot be written and
// InvalidInputError for a workbook it cannot describe.
namespace quire::util {

struct XlsxCell {
    enum class Kind { Empty, Text, Number } kind = Kind::Empty;
    std::string text;   // control characters other than tab and line breaks are left out;
                        // Excel keeps at most 32,767 characters of a cell
    double number = 0;  // not written unless finite

    static XlsxCell of(std::string s) { return {Kind::Text, std::move(s), 0}; }
    static XlsxCell of(double v) { return {Kind::Number, {}, v}; }
    static XlsxCell empty() { return {}; }
};

// A bar chart of one column against another, over every row after the header, placed to
// the right of the table. Columns are named by their header text.
struct XlsxBarChart {
    std::string title;
    std::string category_header;  // the bars' labels
    std::string value_header;     // the bars' lengths
};

struct XlsxSheet {
    std::string name;                         // at most 31 characters; []:*?/\ are replaced
    std::vector<std::vector<XlsxCell>> rows;  // the first row is formatted as a header
    std::optional<XlsxBarChart> chart = std::nullopt;
};

// Writes the workbook to PATH.partial, which replaces PATH only once complete.
void write_xlsx(const std::string& path, const std::vector<XlsxSheet>& sheets);

// The same rows as CSV (core/formats/csv.h): numbers as numbers, text guarded.
std::string rows_as_csv(const std::vector<std::vector<XlsxCell>>& rows);

// XML text escaping for element content and attribute values.
std::string xml_escape(const std::string& text);

}  // namespace quire::util
