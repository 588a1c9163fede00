// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/formats/xlsx.h"

#include <locale.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include "core/base/errors.h"
#include "core/formats/csv.h"
#include "core/util/paths.h"

namespace quire::util {
namespace {

// Excel's limit for a cell; libxlsxwriter refuses a longer string rather than cut it.
constexpr std::size_t kMaxCellCharacters = 32767;
// Characters kept free at the end of a cut cell for the note saying it was cut.
constexpr std::size_t kCutNoteRoom = 100;
// A chart is 288 pixels high by default; each bar gets at least this many.
constexpr double kPixelsPerBar = 20;
constexpr double kDefaultChartHeight = 288;

// Owns a workbook until it is written; one never written is freed without touching disk.
class Workbook {
public:
    explicit Workbook(const std::string& path) : book_(workbook_new(path.c_str())) {
        if (book_ == nullptr) {
            throw Error("cannot create " + path);
        }
    }
    ~Workbook() {
        if (book_ != nullptr) {
            lxw_workbook_free(book_);
        }
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    lxw_workbook* get() { return book_; }
    // Writes the file and frees the workbook, whatever the outcome.
    lxw_error close() { return workbook_close(std::exchange(book_, nullptr)); }

private:
    lxw_workbook* book_;
};

// libxlsxwriter formats numbers with snprintf, which follows LC_NUMERIC; under a locale with
// a decimal comma (GTK sets the user's) it would write "0,5". The C locale holds for this
// thread only while the guard lives, so other threads keep theirs.
class CNumbers {
public:
    CNumbers() : c_(newlocale(LC_NUMERIC_MASK, "C", static_cast<locale_t>(nullptr))) {
        if (c_ == static_cast<locale_t>(nullptr)) {
            throw Error("cannot switch to the C locale to write numbers");
        }
        previous_ = uselocale(c_);
    }
    ~CNumbers() {
        uselocale(previous_);
        freelocale(c_);
    }
    CNumbers(const CNumbers&) = delete;
    CNumbers& operator=(const CNumbers&) = delete;

private:
    locale_t c_;
    locale_t previous_;
};

// The file libxlsxwriter writes, removed unless it was moved into place.
class PartialFile {
public:
    explicit PartialFile(const std::string& path) : path_(path + ".partial") {
        // libxlsxwriter reports a folder it cannot write to on stderr; find out first.
        std::ofstream probe(path_, std::ios::binary | std::ios::trunc);
        if (!probe) {
            throw Error("cannot create " + path);
        }
    }
    ~PartialFile() {
        std::error_code ec;
        std::filesystem::remove(path_, ec);
    }
    PartialFile(const PartialFile&) = delete;
    PartialFile& operator=(const PartialFile&) = delete;

    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// The text as a cell can hold it: without the characters XML cannot hold (controls other
// than tab and line breaks, U+FFFE and U+FFFF) and no longer than Excel keeps (counted in
// code points, as libxlsxwriter counts). A longer text is cut with a note saying so, so that
// no one takes the cell for the whole passage.
std::string cell_text(const std::string& text) {
    std::string out;
    out.reserve(std::min(text.size(), 4 * kMaxCellCharacters));
    std::size_t characters = 0;
    std::size_t cut_at = std::string::npos;  // bytes of `out` before the note's room
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') {
            continue;
        }
        // U+FFFE and U+FFFF: EF BF BE and EF BF BF in UTF-8.
        if (byte == 0xEF && i + 2 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE) {
            i += 2;
            continue;
        }
        const bool starts_character = (byte & 0xC0) != 0x80;
        if (starts_character) {
            ++characters;
            if (characters == kMaxCellCharacters - kCutNoteRoom + 1) {
                cut_at = out.size();
            }
        }
        out.push_back(text[i]);
    }
    if (characters > kMaxCellCharacters) {
        out.resize(cut_at);
        out += " [\u2026 cut at Excel's limit of 32,767 characters; the passage has " +
               std::to_string(characters) + "]";
    }
    return out;
}

std::string safe_sheet_name(std::string name, std::size_t index) {
    for (char& c : name) {
        if (std::string("[]:*?/\\").find(c) != std::string::npos) {
            c = '-';
        }
    }
    if (name.empty()) {
        name = "Sheet" + std::to_string(index + 1);
    }
    if (name.size() > 31) {
        name.resize(31);
        // Do not leave half a UTF-8 character at the cut.
        while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) {
            name.pop_back();
        }
        if (!name.empty() && (static_cast<unsigned char>(name.back()) & 0x80)) {
            name.pop_back();
        }
    }
    return name;
}

void write_cell(lxw_worksheet* sheet, std::size_t row, std::size_t column, const XlsxCell& cell,
                lxw_format* format) {
    const auto r = static_cast<lxw_row_t>(row);
    const auto c = static_cast<lxw_col_t>(column);
    lxw_error error = LXW_NO_ERROR;
    if (cell.kind == XlsxCell::Kind::Text) {
        error = worksheet_write_string(sheet, r, c, cell_text(cell.text).c_str(), format);
    } else if (cell.kind == XlsxCell::Kind::Number && std::isfinite(cell.number)) {
        error = worksheet_write_number(sheet, r, c, cell.number, format);
    }
    if (error != LXW_NO_ERROR) {
        throw InvalidInputError("cannot write cell " + std::to_string(row + 1) + ":" +
                                std::to_string(column + 1) + " (" + lxw_strerror(error) + ")");
    }
}

lxw_col_t column_named(const XlsxSheet& sheet, const std::string& header) {
    if (!sheet.rows.empty()) {
        const auto& first = sheet.rows.front();
        for (std::size_t c = 0; c < first.size(); ++c) {
            if (first[c].kind == XlsxCell::Kind::Text && first[c].text == header) {
                return static_cast<lxw_col_t>(c);
            }
        }
    }
    throw InvalidInputError("sheet \"" + sheet.name + "\" has no column \"" + header +
                            "\" to chart");
}

void add_bar_chart(lxw_workbook* book, lxw_worksheet* worksheet, const XlsxSheet& sheet,
                   const std::string& sheet_name) {
    const XlsxBarChart& spec = *sheet.chart;
    const lxw_col_t categories = column_named(sheet, spec.category_header);
    const lxw_col_t values = column_named(sheet, spec.value_header);
    if (sheet.rows.size() < 2) {
        return;  // no bars: a chart of an empty range would not open
    }
    const auto last_row = static_cast<lxw_row_t>(sheet.rows.size() - 1);
    lxw_chart* chart = workbook_add_chart(book, LXW_CHART_BAR);
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, sheet_name.c_str(), 1, categories, last_row, categories);
    chart_series_set_values(series, sheet_name.c_str(), 1, values, last_row, values);
    chart_series_set_name(series, spec.value_header.c_str());
    chart_title_set_name(chart, spec.title.c_str());
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    // Bars read top down in the table's order, as in the HTML reports; a bar chart's y axis
    // is the vertical one, of the labels.
    chart_axis_set_reverse(chart->y_axis);

    std::size_t width = 0;
    for (const auto& row : sheet.rows) {
        width = std::max(width, row.size());
    }
    lxw_chart_options options = {};
    options.x_scale = 1.5;
    options.y_scale =
        std::max(1.0, static_cast<double>(last_row) * kPixelsPerBar / kDefaultChartHeight);
    worksheet_insert_chart_opt(worksheet, 1, static_cast<lxw_col_t>(width + 1), chart, &options);
}

void add_sheet(lxw_workbook* book, const XlsxSheet& sheet, std::size_t index, lxw_format* header) {
    const std::string name = safe_sheet_name(sheet.name, index);
    lxw_worksheet* worksheet = workbook_add_worksheet(book, name.c_str());
    if (worksheet == nullptr) {
        throw InvalidInputError("cannot add a sheet named \"" + name + "\" (is it taken?)");
    }
    worksheet_freeze_panes(worksheet, 1, 0);
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
        for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
            write_cell(worksheet, r, c, sheet.rows[r][c], r == 0 ? header : nullptr);
        }
    }
    if (sheet.chart) {
        add_bar_chart(book, worksheet, sheet, name);
    }
}

}  // namespace

std::string xml_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                // Control characters other than tab and line breaks are not allowed in XML.
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                    out.push_back(c);
                }
        }
    }
    return out;
}

void write_xlsx(const std::string& path, const std::vector<XlsxSheet>& sheets) {
    if (sheets.empty()) {
        throw InvalidInputError("a workbook needs at least one sheet");
    }
    const PartialFile partial(path);
    const CNumbers c_numbers;
    Workbook book(partial.path());
    lxw_format* header = workbook_add_format(book.get());
    format_set_bold(header);
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        add_sheet(book.get(), sheets[i], i, header);
    }
    const lxw_error error = book.close();
    if (error != LXW_NO_ERROR) {
        throw Error("cannot write " + path + ": " + lxw_strerror(error));
    }
    move_into_place(partial.path(), path);
}

std::string rows_as_csv(const std::vector<std::vector<XlsxCell>>& rows) {
    std::string csv;
    for (const auto& row : rows) {
        std::vector<CsvCell> cells;
        for (const XlsxCell& c : row) {
            if (c.kind == XlsxCell::Kind::Number) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.10g", c.number);
                cells.push_back(CsvCell::number(std::string(buf)));
            } else {
                cells.emplace_back(c.text);
            }
        }
        csv += csv_line(cells);
    }
    return csv;
}

}  // namespace quire::util
