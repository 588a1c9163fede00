// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/turn_label.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/text/unicode.h"

namespace quire::text {
namespace {

constexpr std::size_t kMaxLabelLength = 60;

// Titles written with a full stop before a name, lower case.
constexpr const char* kTitles[] = {"dr",   "mr",   "mrs", "ms",   "mx",   "prof", "rev",
                                   "fr",   "sr",   "sra", "srta", "jr",   "st",   "hon",
                                   "capt", "sgt",  "lt",  "col",  "gen",  "det",  "insp",
                                   "supt", "cllr", "mme", "mlle", "dott", "ing",  "hr"};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_title(const std::vector<UChar32>& word) {
    std::string ascii;
    for (const UChar32 c : word) {
        if (c >= 0x80) {
            return false;
        }
        ascii.push_back(static_cast<char>(u_tolower(c)));
    }
    return std::any_of(std::begin(kTitles), std::end(kTitles),
                       [&](const char* title) { return ascii == title; });
}

// A full stop at `dot` in `label` belongs to an abbreviation (see turn_label.h).
bool abbreviation_stop(const std::vector<UChar32>& label, std::size_t dot) {
    std::size_t start = dot;
    while (start > 0 && u_isalpha(label[start - 1])) {
        --start;
    }
    if (start == dot) {
        return false;  // not after a letter
    }
    const std::vector<UChar32> word(label.begin() + static_cast<std::ptrdiff_t>(start),
                                    label.begin() + static_cast<std::ptrdiff_t>(dot));
    const bool letter_follows = dot + 1 < label.size() && u_isalpha(label[dot + 1]);
    return word.size() == 1 || letter_follows || is_title(word);
}

}  // namespace

bool opens_with_turn_label(std::string_view paragraph) {
    const std::size_t colon = paragraph.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return false;
    }
    if (is_digit(paragraph[colon - 1]) && colon + 1 < paragraph.size() &&
        is_digit(paragraph[colon + 1])) {
        return false;
    }
    const std::string_view text = paragraph.substr(0, colon);
    if (!is_valid_utf8(text) || text.find_first_of("?!;\"") != std::string_view::npos) {
        return false;
    }
    std::vector<UChar32> label;
    const auto n = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < n && label.size() <= kMaxLabelLength;) {
        UChar32 c;
        U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data()), i, n, c);
        label.push_back(c);
    }
    if (label.size() > kMaxLabelLength) {
        return false;
    }
    bool letters = false;
    for (std::size_t i = 0; i < label.size(); ++i) {
        if (label[i] == '.' && !abbreviation_stop(label, i)) {
            return false;
        }
        letters = letters || u_isalpha(label[i]);
    }
    return letters;
}

}  // namespace quire::text
