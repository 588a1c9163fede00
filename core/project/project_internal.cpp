// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/project_internal.h"

#include "core/project/journal.h"
#include "core/project/project.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/base/errors.h"
#include "core/text/unicode.h"

namespace quire::project_detail {

using sql::Statement;

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

// A name as the user typed it, made comparable with stored names.
std::string clean_name(const std::string& raw, const char* what) {
    std::string name = text::to_nfc(trim(raw));
    if (name.empty()) {
        throw InvalidInputError(std::string(what) + " name must not be empty");
    }
    if (name.find_first_of("\n\r\t") != std::string::npos) {
        throw InvalidInputError(std::string(what) + " name must be on one line: \"" + raw + "\"");
    }
    return name;
}

// Code names additionally cannot contain "/": it separates the levels of a code path
// ("Parent/Child"), and a path must name exactly one code.
std::string clean_code_name(const std::string& raw) {
    std::string name = clean_name(raw, "code");
    if (name.find('/') != std::string::npos) {
        throw InvalidInputError(
            "a code name cannot contain \"/\", which separates the levels of "
            "a code path: \"" +
            name + "\"");
    }
    return name;
}

std::optional<Id> parse_id(const std::string& s) {
    if (s.empty() || s.size() > 18 ||
        !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return std::nullopt;
    }
    return std::stoll(s);
}

std::string normalize_color(const std::string& raw) {
    std::string c = trim(raw);
    if (c.size() == 6) {
        c = "#" + c;
    }
    if (c.size() != 7 || c[0] != '#' ||
        !std::all_of(c.begin() + 1, c.end(), [](unsigned char ch) { return std::isxdigit(ch); })) {
        throw InvalidInputError("colour must be #RRGGBB, got \"" + raw + "\"");
    }
    std::transform(c.begin(), c.end(), c.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    return c;
}

// A whole number: optional sign, then digits only (surrounding blanks allowed).
bool parse_int64(const std::string& s, std::int64_t& out) {
    const std::string t = trim(s);
    const char* begin = t.data();
    const char* end = t.data() + t.size();
    if (begin != end && *begin == '+') {
        ++begin;  // from_chars accepts '-' but not '+'
        if (begin == end || !std::isdigit(static_cast<unsigned char>(*begin))) {
            return false;
        }
    }
    auto [ptr, ec] = std::from_chars(begin, end, out);
    return ec == std::errc() && ptr == end && begin != end;
}

namespace {

bool all_digits(const std::string& s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool valid_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s.substr(0, 4)) ||
        !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2))) {
        return false;
    }
    std::int64_t y, m, d;
    if (!parse_int64(s.substr(0, 4), y) || !parse_int64(s.substr(5, 2), m) ||
        !parse_int64(s.substr(8, 2), d)) {
        return false;
    }
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) {
        return false;
    }
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

}  // namespace

std::string canonical_value(AttributeType type, const std::string& attribute,
                            const std::string& raw) {
    const std::string v = trim(raw);
    auto bad = [&](const char* expected) {
        return InvalidInputError("attribute \"" + attribute + "\" takes " + expected + ", got \"" +
                                 raw + "\"");
    };
    switch (type) {
        case AttributeType::Text:
            return text::to_nfc(v);
        case AttributeType::Boolean: {
            std::string lower = v;
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (lower == "true" || lower == "yes" || lower == "1") {
                return "true";
            }
            if (lower == "false" || lower == "no" || lower == "0") {
                return "false";
            }
            throw bad("true or false");
        }
        case AttributeType::Integer: {
            std::int64_t n;
            if (!parse_int64(v, n)) {
                throw bad("a whole number");
            }
            return std::to_string(n);
        }
        case AttributeType::Float: {
            char* end = nullptr;
            const double d = std::strtod(v.c_str(), &end);
            if (v.empty() || end != v.c_str() + v.size() || !std::isfinite(d)) {
                throw bad("a number");
            }
            char buffer[64];
            auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
            return std::string(buffer, ptr);
        }
        case AttributeType::Date:
            if (!valid_date(v)) {
                throw bad("a date as YYYY-MM-DD");
            }
            return v;
    }
    return v;
}

void require_case(sql::Connection& db, Id case_id) {
    Statement& s = db.prepare("SELECT 1 FROM cases WHERE id = ?1");
    s.bind(1, case_id);
    const bool exists = s.step();
    s.reset();
    if (!exists) {
        throw NotFoundError("no case with id " + std::to_string(case_id));
    }
}

void require_coder(sql::Connection& db, Id coder) {
    Statement& s = db.prepare("SELECT 1 FROM coders WHERE id = ?1");
    s.bind(1, coder);
    const bool exists = s.step();
    s.reset();
    if (!exists) {
        throw NotFoundError("no coder with id " + std::to_string(coder));
    }
}

Document read_document(const Statement& s) {
    Document d;
    d.id = s.int64(0);
    d.guid = s.text(1);
    d.name = s.text(2);
    d.length = s.int64(3);
    d.original_name = s.text(4);
    d.format = s.text(5);
    d.encoding = s.text(6);
    d.imported_at = s.text(7);
    d.content_hash = s.text(8);
    return d;
}

Code read_code(const Statement& s) {
    Code c;
    c.id = s.int64(0);
    c.guid = s.text(1);
    c.name = s.text(2);
    c.parent_id = s.optional_int64(3);
    c.color = s.text(4);
    c.definition = s.text(5);
    c.inclusion = s.text(6);
    c.exclusion = s.text(7);
    c.example = s.text(8);
    c.codable = s.int64(9) != 0;
    c.position = static_cast<int>(s.int64(10));
    return c;
}

Coding read_coding(const Statement& s) {
    Coding c;
    c.id = s.int64(0);
    c.guid = s.text(1);
    c.document_id = s.int64(2);
    c.code_id = s.int64(3);
    c.coder_id = s.int64(4);
    c.start = s.int64(5);
    c.end = s.int64(6);
    c.created_at = s.text(7);
    c.memo = s.text(8);
    return c;
}

sql::Connection& Access::db(Project& p) {
    return *p.db_;
}

Journal& Access::journal(Project& p) {
    return *p.journal_;
}

}  // namespace quire::project_detail
