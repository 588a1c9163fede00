// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

// The manual page and the bash completion of quire-cli, made from the same table as --help
// (app/cli/help.h) when Quire is built. Nothing here throws but std::bad_alloc.
namespace quire::cli {

// quire-cli(1) in man(7) markup, dated `date` (YYYY-MM-DD).
std::string manual_page(const std::string& date);

// A bash completion script for quire-cli: commands, subcommands, options, the values of
// options that take one of a few words, project files (*.quire) where a project goes and
// files where a file goes.
std::string bash_completion();

}  // namespace quire::cli
