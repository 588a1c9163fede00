// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/project/project.h"

// What the Project's tests share: a transcript and small readers of the project's state.
namespace quire::test {

inline std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::vector<std::string> code_names(quire::Project& p) {
    std::vector<std::string> out;
    for (const quire::Code& c : p.codes()) {
        out.push_back(p.code_path(c.id));
    }
    return out;
}

inline std::vector<std::string> child_names(quire::Project& p, std::optional<quire::Id> parent) {
    std::vector<std::string> out;
    for (const quire::Code& c : p.codes()) {
        if (c.parent_id == parent) {
            out.push_back(c.name);
        }
    }
    return out;
}

inline bool has_code(quire::Project& p, quire::Id id) {
    for (const quire::Code& c : p.codes()) {
        if (c.id == id) {
            return true;
        }
    }
    return false;
}

inline std::string attribute_value(const std::vector<quire::AttributeValue>& values,
                                   const std::string& name) {
    for (const auto& v : values) {
        if (v.attribute == name) {
            return v.value;
        }
    }
    return "<unset>";
}

inline const std::string kTranscript =
    "Interviewer: How did the first session go?\n"
    "Participant: She sat with her arms folded and said she didn't need anyone.\n";

}  // namespace quire::test
