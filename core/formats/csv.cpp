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

std::string csv_field(std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
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

std::string csv_line(const CsvRow& row) {
    std::string out;
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0) {
            out.push_back(',');
        }
        out += csv_field(row[i]);
    }
    out.push_back('\n');
    return out;
}

}  // namespace quire::util
