// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
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
    void reserve(std::size_t bytes) {
        if (bytes > buffer_.size()) {
            buffer_.resize(bytes);
        }
    }

    // The text written so far.
    std::string_view view() const { return {buffer_.data(), size_}; }
    std::string str() const { return std::string(view()); }
    // The text, moved out; the writer is empty afterwards.
    std::string take();

private:
    // The text is written through a raw pointer into a buffer grown by doubling: std::string's
    // own append and push_back are calls into the library, and reports hold millions of values.
    char* room(std::size_t bytes) {
        if (size_ + bytes > buffer_.size()) {
            buffer_.resize(std::max(2 * buffer_.size(), size_ + bytes + 256));
        }
        return buffer_.data() + size_;
    }
    void put(char c) {
        *room(1) = c;
        ++size_;
    }
    void put(const char* text, std::size_t length) {
        std::memcpy(room(length), text, length);
        size_ += length;
    }
    void put_escaped(std::string_view text);
    JsonWriter& open(char bracket);
    JsonWriter& close(char bracket);
    void before_value();
    void newline();
    std::string buffer_;  // [0, size_) is the text; the rest is room
    std::size_t size_ = 0;
    std::vector<char> has_items_;  // per open container: whether it has an item yet
    bool after_key_ = false;
    int indent_;
};

}  // namespace quire::util
