// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

// A minimal Office Open XML spreadsheet writer: text and number cells, one or more
// sheets, a bold header row. Enough for exporting result tables that open in Excel,
// LibreOffice and R's readxl. Throws quire::Error when the file cannot be written.
namespace quire::util {

struct XlsxCell {
    enum class Kind { Empty, Text, Number } kind = Kind::Empty;
    std::string text;
    double number = 0;

    static XlsxCell of(std::string s) { return {Kind::Text, std::move(s), 0}; }
    static XlsxCell of(double v) { return {Kind::Number, {}, v}; }
    static XlsxCell empty() { return {}; }
};

struct XlsxSheet {
    std::string name;                         // at most 31 characters; []:*?/\ are replaced
    std::vector<std::vector<XlsxCell>> rows;  // the first row is formatted as a header
};

void write_xlsx(const std::string& path, const std::vector<XlsxSheet>& sheets);

// XML text escaping for element content and attribute values.
std::string xml_escape(const std::string& text);

}  // namespace quire::util
