// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

// RFC 4180 CSV: comma separated, fields quoted with '"' when they contain a comma, quote
// or line break, quotes doubled inside. Reading accepts CRLF or LF and a UTF-8 BOM.
namespace quire::util {

using CsvRow = std::vector<std::string>;

// Throws InvalidInputError on an unterminated quoted field (naming the line).
std::vector<CsvRow> parse_csv(std::string_view text);

std::string csv_field(std::string_view value);
std::string csv_line(const CsvRow& row);  // ends with "\n"

}  // namespace quire::util
