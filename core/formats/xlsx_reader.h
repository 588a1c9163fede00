// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

// Reading the first worksheet of an .xlsx workbook as text, for tables people keep in a
// spreadsheet (attribute tables). Only cell values are read: no formulas are evaluated (a
// formula cell gives the value the spreadsheet saved with it), no formatting is kept.
//
// Contract: read_xlsx_first_sheet throws ImportError for a file that is not a readable
// workbook (not a zip archive, an encrypted or damaged entry, a missing sheet, XML that does
// not parse, more data than the limits below) and InvalidInputError for a sheet beyond
// kMaxXlsxRows rows or kMaxXlsxColumns columns. It never writes anything.
namespace quire::util {

inline constexpr std::size_t kMaxXlsxRows = 100000;
inline constexpr std::size_t kMaxXlsxColumns = 1024;

// The first worksheet, row by row from row 1, each row from column A to its last non-empty
// cell; rows and cells the file leaves out are empty strings. Text cells (shared or inline)
// come as they are; booleans as "true" or "false"; ISO 8601 date cells as their date;
// numbers as the file writes them ("42",
// "3.5"), except numbers shown in a date format, which come as YYYY-MM-DD (the time of day,
// if any, is dropped), counted from 1900 or from 1904 as the workbook says.
std::vector<std::vector<std::string>> read_xlsx_first_sheet(const std::string& path);

// The date an Excel serial number stands for, as YYYY-MM-DD (1900 system unless `from_1904`).
// Throws InvalidInputError for a serial outside 1 to 2,958,465 (9999-12-31).
std::string xlsx_serial_date(double serial, bool from_1904 = false);

}  // namespace quire::util
