// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/formats/csv.h"

#include "core/base/errors.h"

namespace quire::util {

std::vector<CsvRow> parse_csv(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    std::vector<CsvRow> rows;
    CsvRow row;
    std::string field;
    bool quoted = false;
    bool field_started = false;
    int line = 1;
    int quote_line = 0;
    auto end_field = [&] {
        row.push_back(std::move(field));
        field.clear();
        field_started = false;
    };
    auto end_row = [&] {
        end_field();
        // A blank line is not a row of one empty field.
        if (!(row.size() == 1 && row[0].empty())) {
            rows.push_back(std::move(row));
        }
        row.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') {
                    ++line;
                }
                field.push_back(c);
            }
            continue;
        }
        if (c == '"' && !field_started) {
            quoted = true;
            field_started = true;
            quote_line = line;
        } else if (c == ',') {
            end_field();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        } else if (c == '\n') {
            end_row();
            ++line;
        } else {
            field.push_back(c);
            field_started = true;
        }
    }
    if (quoted) {
        throw InvalidInputError("CSV: quoted field opened on line " + std::to_string(quote_line) +
                                " is never closed");
    }
    if (field_started || !field.empty() || !row.empty()) {
        end_row();
    }
    return rows;
}

namespace {

// The characters that make a spreadsheet read a cell as a formula (OWASP's list).
bool opens_formula(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// True for a text the writer guards: a formula opener after any number of apostrophes
// (with none, the guard itself; with some, so that the reader can tell the guard apart).
bool needs_guard(std::string_view text) {
    const std::size_t first = text.find_first_not_of('\'');
    return first != std::string_view::npos && opens_formula(text[first]);
}

// A plain decimal number: an optional minus, digits, an optional fraction and exponent.
bool is_plain_number(std::string_view s) {
    std::size_t i = 0;
    auto digits = [&] {
        const std::size_t from = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            ++i;
        }
        return i > from;
    };
    if (i < s.size() && s[i] == '-') {
        ++i;
    }
    if (!digits()) {
        return false;
    }
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (!digits()) {
            return false;
        }
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
            ++i;
        }
        if (!digits()) {
            return false;
        }
    }
    return i == s.size();
}

std::string quoted_field(std::string_view value, bool always) {
    // A field beginning with U+FEFF is quoted too: unquoted at the start of a file it would
    // read back as a byte order mark and be dropped.
    if (!always && value.find_first_of(",\"\r\n") == std::string_view::npos &&
        value.substr(0, 3) != "\xEF\xBB\xBF") {
        return std::string(value);
    }
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"') {
            out.push_back('"');
        }
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

}  // namespace

CsvCell CsvCell::number(std::int64_t n) {
    return number(std::to_string(n));
}

CsvCell CsvCell::number(std::string formatted) {
    CsvCell cell(std::move(formatted));
    cell.number_ = is_plain_number(cell.value_);
    return cell;
}

std::string csv_field(std::string_view text) {
    if (needs_guard(text)) {
        return quoted_field("'" + std::string(text), true);
    }
    return quoted_field(text, false);
}

std::string csv_line(const std::vector<CsvCell>& row) {
    std::string out;
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0) {
            out.push_back(',');
        }
        out += row[i].is_number() ? row[i].value() : csv_field(row[i].value());
    }
    out.push_back('\n');
    return out;
}

std::string csv_text(std::string_view field) {
    if (!field.empty() && field.front() == '\'' && needs_guard(field)) {
        field.remove_prefix(1);
    }
    return std::string(field);
}

}  // namespace quire::util
