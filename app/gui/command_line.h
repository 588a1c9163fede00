// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <vector>

// The workbench's command line, answered before any window exists (so --help and --version
// work without a display), and its manual page, made from the same table. No wx here.
namespace quire::gui {

struct CommandLineOption {
    std::string name;  // "--demo"
    std::string description;
};

// Options the workbench itself reads, as --help and quire(1) list them.
const std::vector<CommandLineOption>& command_line_options();

std::string usage_text();
// "quire VERSION", the version set once in CMake.
std::string version_text();

// What the command line asks for before the workbench starts: an exit status when it is
// answered already (--help, --version, or a project another workbench has open and has been
// asked to show), nothing when the workbench should start. Messages go to stdout/stderr.
std::optional<int> answer_before_start(int argc, char** argv);

// quire(1) in man(7) markup, dated `date` (YYYY-MM-DD).
std::string manual_page(const std::string& date);

}  // namespace quire::gui
