// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/json_writer.h"

#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/errors.h"

namespace quire::util {
namespace {

bool needs_escape(char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
}

void append_escaped(std::string& out, std::string_view text) {
    out.push_back('"');
    // Runs of plain characters are copied at once: reports hold millions of them.
    std::size_t plain = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!needs_escape(c)) {
            continue;
        }
        out.append(text.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default: {
                static const char* hex = "0123456789abcdef";
                out += "\\u00";
                out.push_back(hex[(c >> 4) & 0xF]);
                out.push_back(hex[c & 0xF]);
            }
        }
    }
    out.append(text.data() + plain, text.size() - plain);
    out.push_back('"');
}

void write_value(JsonWriter& w, const nlohmann::ordered_json& v) {
    if (v.is_object()) {
        w.begin_object();
        for (const auto& [key, item] : v.items()) {
            w.key(key);
            write_value(w, item);
        }
        w.end_object();
    } else if (v.is_array()) {
        w.begin_array();
        for (const auto& item : v) {
            write_value(w, item);
        }
        w.end_array();
    } else if (v.is_string()) {
        w.value(v.get_ref<const std::string&>());
    } else if (v.is_boolean()) {
        w.value(v.get<bool>());
    } else if (v.is_number_float()) {
        w.value(v.get<double>());
    } else if (v.is_number()) {
        w.value(v.get<std::int64_t>());
    } else {
        w.null();
    }
}

}  // namespace

JsonWriter& JsonWriter::json_text(std::string_view text) {
    nlohmann::ordered_json parsed;
    try {
        parsed = nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw InvalidInputError(std::string("not valid JSON: ") + e.what());
    }
    write_value(*this, parsed);
    return *this;
}

void JsonWriter::newline() {
    if (indent_ > 0) {
        out_.push_back('\n');
        out_.append(has_items_.size() * static_cast<std::size_t>(indent_), ' ');
    }
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!has_items_.empty()) {
        if (has_items_.back()) {
            out_.push_back(',');
        }
        has_items_.back() = true;
        newline();
    }
}

JsonWriter& JsonWriter::open(char bracket) {
    before_value();
    out_.push_back(bracket);
    has_items_.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
    const bool had_items = has_items_.back();
    has_items_.pop_back();
    if (had_items) {
        newline();
    }
    out_.push_back(bracket);
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    append_escaped(out_, name);
    out_ += indent_ > 0 ? ": " : ":";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    append_escaped(out_, text);
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    before_value();
    char buffer[24];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number);
    out_.append(buffer, end);
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    if (!std::isfinite(number)) {
        return null();
    }
    before_value();
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number);
    out_.append(buffer, end);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    out_ += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ += "null";
    return *this;
}

}  // namespace quire::util
