// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

// The quire-cli command line as a function, so tests can drive it in-process.
namespace quire::cli {

// Exit codes: 0 success; 2 usage error; 3 not found; 4 invalid input; 5 conflict;
// 6 import error; 7 project file error; 8 search index error (the project's index, a cache,
// cannot be created, written or read); 9 busy (another program kept the project locked for
// writing past the wait); 1 anything else, as exit_status_help() in help.h
// words them for the manual page. Errors are one line on `err`.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace quire::cli
