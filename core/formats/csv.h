// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// RFC 4180 CSV: comma separated, fields quoted with '"' when they contain a comma, quote
// or line break, quotes doubled inside. Reading accepts CRLF or LF and a UTF-8 BOM.
//
// Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that begins with
// =, +, -, @, a tab or a carriage return as a formula. Every text cell Quire writes that
// begins so is written quoted, with an apostrophe in front ("'=SUM(A1)"), which
// spreadsheets show as text. So that a file Quire wrote reads back exactly, a text that
// already begins with apostrophes followed by one of those characters gets one more
// apostrophe too, and csv_text() takes exactly one off: a reader of Quire's own export
// applies it to the text columns, never to cells of other tables. Number cells
// (CsvCell::number: offsets, counts, coefficients) are written as they are, so a negative
// kappa stays a number; only a plain decimal number counts as one.
namespace quire::util {

using CsvRow = std::vector<std::string>;

// Throws InvalidInputError on an unterminated quoted field (naming the line).
std::vector<CsvRow> parse_csv(std::string_view text);

// A cell to write: text (guarded against formulas) or a number.
class CsvCell {
public:
    CsvCell(std::string text) : value_(std::move(text)) {}
    CsvCell(const char* text) : value_(text) {}
    static CsvCell number(std::int64_t n);
    // A number already formatted ("-0.250000"); anything else is written as text.
    static CsvCell number(std::string formatted);

    const std::string& value() const { return value_; }
    bool is_number() const { return number_; }

private:
    std::string value_;
    bool number_ = false;
};

// One text field, guarded and quoted as needed.
std::string csv_field(std::string_view text);
std::string csv_line(const std::vector<CsvCell>& row);  // ends with "\n"

// The text a field of Quire's own export stood for: one apostrophe fewer when the field
// begins with apostrophes followed by =, +, -, @, a tab or a carriage return.
std::string csv_text(std::string_view field);

}  // namespace quire::util
