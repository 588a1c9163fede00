// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

// What quire-cli says about itself: one table read by --help, the manual page and the shell
// completion, so the three never disagree. Nothing here throws.
namespace quire::cli {

// One way of calling a command. Lines are as --help shows them (the synopsis without its
// two-space indent); the manual page joins them into one paragraph each.
struct Usage {
    std::vector<std::string> synopsis;
    std::vector<std::string> description;
};

struct CommandHelp {
    std::string name;
    std::string section;  // the heading it is listed under
    std::vector<Usage> usages;
};

struct SectionNote {
    std::string section;
    std::vector<std::string> lines;  // printed after the section's last command
};

struct ExitStatusHelp {
    int status;
    std::string meaning;
};

// Every command in the order --help lists them.
const std::vector<CommandHelp>& command_help();
const std::vector<SectionNote>& section_notes();
// The paragraph closing --help: what DOC, CODE and positions mean.
const std::vector<std::string>& conventions();
// Every exit status quire-cli uses, 0 first.
std::vector<ExitStatusHelp> exit_status_help();

// The text of --help.
std::string usage_text();
// "quire-cli VERSION", the version set once in CMake.
std::string version_text();
std::string version_number();

}  // namespace quire::cli
