// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Writes JSON straight into a string, indented, without building a document tree first:
// large reports (tens of thousands of objects) cost a fraction of a DOM's time. The caller
// keeps the structure balanced; strings must be UTF-8 and are written as they are, with
// quotes, backslashes and control characters escaped.
namespace quire::util {

class JsonWriter {
public:
    explicit JsonWriter(int indent = 2) : indent_(indent) {}

    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(std::size_t number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(double number);  // shortest form that reads back exactly; NaN -> null
    JsonWriter& value(bool flag);
    JsonWriter& null();
    JsonWriter& value(const std::optional<double>& number) {
        return number ? value(*number) : null();
    }

    // A whole JSON text, laid out like the rest (it is parsed, so it must be valid JSON;
    // throws quire::InvalidInputError if not).
    JsonWriter& json_text(std::string_view text);

    // Room for `bytes` of output, for callers that know roughly how much they will write.
    void reserve(std::size_t bytes) { out_.reserve(bytes); }

    const std::string& str() const { return out_; }

private:
    JsonWriter& open(char bracket);
    JsonWriter& close(char bracket);
    void before_value();
    void newline();
    std::string out_;
    std::vector<bool> has_items_;  // per open container
    bool after_key_ = false;
    int indent_;
};

}  // namespace quire::util
