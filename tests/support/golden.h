// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

// Outputs compared byte for byte with the expected files in tests/golden/ (QUIRE_GOLDEN_DIR).
// With QUIRE_UPDATE_GOLDEN=1 in the environment the tests write those files instead of
// comparing: tests/golden/README.md says how to refresh them.
namespace quire::test {

// Replaces each distinct GUID by <GUID-1>, <GUID-2>... in the order they first appear:
// whatever referred to one element still refers to the same placeholder.
inline std::string number_guids(const std::string& text) {
    static const std::regex guid(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    std::map<std::string, std::string> numbers;
    std::string out;
    std::size_t copied = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), guid);
         it != std::sregex_iterator(); ++it) {
        auto [entry, added] = numbers.emplace(it->str(), "");
        if (added) {
            entry->second = "<GUID-" + std::to_string(numbers.size()) + ">";
        }
        out.append(text, copied, static_cast<std::size_t>(it->position()) - copied);
        out += entry->second;
        copied = static_cast<std::size_t>(it->position() + it->length());
    }
    return out.append(text, copied);
}

// Replaces every UTC timestamp as Quire writes them ("2026-11-28T13:45:07Z").
inline std::string placeholder_timestamps(const std::string& text) {
    static const std::regex timestamp("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
    return std::regex_replace(text, timestamp, "<TIMESTAMP>");
}

namespace golden_detail {

inline std::string line_at(const std::string& text, std::size_t start) {
    const std::size_t end = text.find('\n', start);
    return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// "line N" and both versions of the first line that differs.
inline std::string first_difference(const std::string& expected, const std::string& actual) {
    std::size_t line = 1;
    std::size_t line_start = 0;
    std::size_t i = 0;
    while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) {
        if (expected[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
        ++i;
    }
    const std::string want =
        line_start < expected.size() ? line_at(expected, line_start) : "(end of file)";
    const std::string got =
        line_start < actual.size() ? line_at(actual, line_start) : "(end of output)";
    std::ostringstream s;
    s << "first difference at line " << line << ":\n  expected: " << want
      << "\n  actual:   " << got;
    if (want == got) {
        s << "\n  (the same text: the line endings or the end of the file differ)";
    }
    return s.str();
}

}  // namespace golden_detail

// Checks `actual` against tests/golden/<name>, or writes it there under QUIRE_UPDATE_GOLDEN=1.
inline void check_golden(const std::string& name, const std::string& actual) {
    const std::filesystem::path file = std::filesystem::path(QUIRE_GOLDEN_DIR) / name;
    const char* update = std::getenv("QUIRE_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream out(file, std::ios::binary);
        out << actual;
        out.close();
        REQUIRE(out.good());
        WARN("wrote " << file.string() << " (QUIRE_UPDATE_GOLDEN=1): review it with git diff");
        return;
    }
    std::ifstream in(file, std::ios::binary);
    INFO("expected output: " << file.string());
    INFO("if the change is intended: QUIRE_UPDATE_GOLDEN=1 ctest -R golden, then git diff");
    REQUIRE(in.good());
    std::ostringstream expected;
    expected << in.rdbuf();
    if (expected.str() != actual) {
        FAIL(golden_detail::first_difference(expected.str(), actual));
    }
    SUCCEED("identical to " << name);
}

}  // namespace quire::test
