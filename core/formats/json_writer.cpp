// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/formats/json_writer.h"

#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/base/errors.h"

namespace quire::util {
namespace {

bool needs_escape(char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
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

void JsonWriter::put_escaped(std::string_view text) {
    put('"');
    // Runs of plain characters are copied at once.
    std::size_t plain = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!needs_escape(c)) {
            continue;
        }
        put(text.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
            case '"':
                put("\\\"", 2);
                break;
            case '\\':
                put("\\\\", 2);
                break;
            case '\n':
                put("\\n", 2);
                break;
            case '\r':
                put("\\r", 2);
                break;
            case '\t':
                put("\\t", 2);
                break;
            default: {
                static const char* hex = "0123456789abcdef";
                const char escaped[6] = {'\\', 'u', '0', '0', hex[(c >> 4) & 0xF], hex[c & 0xF]};
                put(escaped, sizeof escaped);
            }
        }
    }
    put(text.data() + plain, text.size() - plain);
    put('"');
}

void JsonWriter::newline() {
    if (indent_ > 0) {
        const std::size_t width = has_items_.size() * static_cast<std::size_t>(indent_);
        char* at = room(width + 1);
        at[0] = '\n';
        std::memset(at + 1, ' ', width);
        size_ += width + 1;
    }
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!has_items_.empty()) {
        char& has_items = has_items_.back();
        if (has_items) {
            put(',');
        }
        has_items = 1;
        newline();
    }
}

JsonWriter& JsonWriter::open(char bracket) {
    before_value();
    put(bracket);
    has_items_.push_back(0);
    return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
    const bool had_items = has_items_.back() != 0;
    has_items_.pop_back();
    if (had_items) {
        newline();
    }
    put(bracket);
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    put_escaped(name);
    put(": ", indent_ > 0 ? 2 : 1);
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    put_escaped(text);
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    before_value();
    char* at = room(24);
    size_ = static_cast<std::size_t>(std::to_chars(at, at + 24, number).ptr - buffer_.data());
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    if (!std::isfinite(number)) {
        return null();
    }
    before_value();
    char* at = room(32);
    size_ = static_cast<std::size_t>(std::to_chars(at, at + 32, number).ptr - buffer_.data());
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    if (flag) {
        put("true", 4);
    } else {
        put("false", 5);
    }
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    put("null", 4);
    return *this;
}

std::string JsonWriter::take() {
    buffer_.resize(size_);
    size_ = 0;
    return std::move(buffer_);
}

}  // namespace quire::util
