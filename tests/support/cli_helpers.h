// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

// What the command-line tests share: running a command that must succeed, reading its
// output, and a project holding text in several scripts.
namespace quire::test {

// Runs a command that must succeed and returns its standard output.
inline std::string ok(const std::vector<std::string>& args) {
    const CliResult r = cli(args);
    INFO("quire-cli " <<
         [&] {
             std::string joined;
             for (const auto& a : args) {
                 joined += a + " ";
             }
             return joined;
         }()
                      << "\nstderr: " << r.err);
    REQUIRE(r.status == 0);
    return r.out;
}

inline nlohmann::json ok_json(std::vector<std::string> args) {
    args.push_back("--json");
    return nlohmann::json::parse(ok(args));
}

inline bool is_one_line(const std::string& s) {
    return !s.empty() && s.back() == '\n' && std::count(s.begin(), s.end(), '\n') == 1;
}

inline std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

inline const std::string kInterview =
    "Interviewer: How did the first session go?\n"
    "Participant: She sat with her arms folded and said she didn't need anyone.\n";

// Stored text with accents, an emoji, CJK and Arabic; "café" occurs twice.
inline const std::string kMixed =
    "Caf\u00E9 talk \U0001F600: na\u00EFve \u4E16\u754C \u2014 \u0645\u0631\u062D\u0628\u0627, "
    "another caf\u00E9 later.\n";

// A new project at `name` with one document "mixed" holding kMixed.
inline std::string project_with_mixed_document(const ScratchDir& s,
                                               const std::string& name = "p.quire") {
    const std::string p = s.path(name);
    ok({"new", p});
    ok({"import", p, s.write("mixed.txt", kMixed)});
    return p;
}

}  // namespace quire::test
