// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/exchange/qdpx_description.h"

#include <cstdint>
#include <string_view>
#include <utility>

#include "core/exchange/qdpx_reading.h"
#include "core/text/unicode.h"

namespace quire::exchange::qdpx {
namespace {

using Field = std::string CodeDescription::*;

// The fields in the order they are written, with their labels.
constexpr std::pair<const char*, Field> kFields[] = {
    {"Definition", &CodeDescription::definition},
    {"Inclusion", &CodeDescription::inclusion},
    {"Exclusion", &CodeDescription::exclusion},
    {"Example", &CodeDescription::example},
};

std::string count_label(std::int64_t count) {
    return " (" + std::to_string(count) + (count == 1 ? " character" : " characters") + "): ";
}

// The byte offset `count` code points after `from`, or npos when the text ends first.
std::size_t after_code_points(std::string_view text, std::size_t from, std::int64_t count) {
    std::size_t at = from;
    for (std::int64_t n = 0; n < count; ++n) {
        if (at >= text.size()) {
            return std::string_view::npos;
        }
        ++at;
        while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) {
            ++at;
        }
    }
    return at;
}

// Reads "Label (N characters): " at `at`, for a field after `first_field`; sets the field's
// index and count and moves `at` past the label.
bool read_label(std::string_view text, std::size_t& at, std::size_t first_field, std::size_t& field,
                std::int64_t& count) {
    for (field = first_field; field < std::size(kFields); ++field) {
        const std::string_view label = kFields[field].first;
        if (text.substr(at, label.size()) == label) {
            break;
        }
    }
    if (field == std::size(kFields)) {
        return false;
    }
    std::size_t i = at + std::string_view(kFields[field].first).size();
    if (text.substr(i, 2) != " (") {
        return false;
    }
    i += 2;
    const std::size_t digits = i;
    count = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - digits < 10) {
        count = count * 10 + (text[i] - '0');
        ++i;
    }
    // Exactly as count_label() writes it: no sign, no leading zero, the right number.
    const std::string expected = count_label(count);
    if (i == digits || (text[digits] == '0' && i - digits > 1) ||
        text.substr(digits - 2, expected.size()) != expected) {
        return false;
    }
    at = digits - 2 + expected.size();
    return true;
}

// The counted form, read only when every label and count fits exactly to the end.
bool read_counted(std::string_view text, CodeDescription& out) {
    CodeDescription read;
    std::size_t at = 0;
    std::size_t next_field = 0;
    for (;;) {
        std::size_t field = 0;
        std::int64_t count = 0;
        if (!read_label(text, at, next_field, field, count)) {
            return false;
        }
        const std::size_t end = after_code_points(text, at, count);
        if (end == std::string_view::npos) {
            return false;
        }
        read.*kFields[field].second = std::string(text.substr(at, end - at));
        next_field = field + 1;
        at = end;
        if (at == text.size()) {
            out = std::move(read);
            return true;
        }
        if (text[at] != '\n') {
            return false;
        }
        ++at;
    }
}

std::string plain_form(const CodeDescription& f) {
    if (f.inclusion.empty() && f.exclusion.empty() && f.example.empty()) {
        return f.definition;
    }
    std::string out;
    for (const auto& [label, field] : kFields) {
        if (!(f.*field).empty()) {
            out += (out.empty() ? "" : "\n") + std::string(label) + ": " + f.*field;
        }
    }
    return out;
}

std::string counted_form(const CodeDescription& f) {
    std::string out;
    for (const auto& [label, field] : kFields) {
        if (!(f.*field).empty()) {
            out += (out.empty() ? "" : "\n") + std::string(label) +
                   count_label(text::code_point_count(f.*field)) + f.*field;
        }
    }
    return out;
}

}  // namespace

CodeDescription split_description(const std::string& raw) {
    CodeDescription out;
    const std::string text = text::normalize_for_storage(raw);
    std::string* current = nullptr;
    std::string preamble;
    bool labelled = false;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto nl = text.find('\n', pos);
        const std::string line =
            text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        const std::string lowered = lower(line);
        std::string* field = nullptr;
        std::size_t label = 0;
        for (auto [name, target] :
             {std::pair<const char*, std::string*>{"definition:", &out.definition},
              {"inclusion:", &out.inclusion},
              {"exclusion:", &out.exclusion},
              {"example:", &out.example}}) {
            if (starts_with(lowered, name)) {
                field = target;
                label = std::string_view(name).size();
            }
        }
        if (field != nullptr) {
            labelled = true;
            current = field;
            *current = trim(line.substr(label));
        } else if (current != nullptr) {
            *current += "\n" + line;
        } else {
            preamble += (preamble.empty() ? "" : "\n") + line;
        }
        if (nl == std::string::npos) {
            break;
        }
        pos = nl + 1;
    }
    if (!labelled) {
        out.definition = trim(text);
        return out;
    }
    for (std::string* f : {&out.definition, &out.inclusion, &out.exclusion, &out.example}) {
        *f = trim(*f);
    }
    const std::string pre = trim(preamble);
    if (!pre.empty()) {
        out.definition = out.definition.empty() ? pre : pre + "\n" + out.definition;
    }
    return out;
}

CodeDescription read_code_description(const std::string& raw) {
    CodeDescription counted;
    if (read_counted(raw, counted)) {
        return counted;
    }
    return split_description(raw);
}

std::string write_code_description(const CodeDescription& fields) {
    std::string plain = plain_form(fields);
    if (read_code_description(plain) == fields) {
        return plain;
    }
    return counted_form(fields);
}

}  // namespace quire::exchange::qdpx
