// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "app/cli/cli.h"

// Runs quire-cli in-process, capturing what it prints.
namespace quire::test {

struct CliResult {
    int status = -1;
    std::string out;
    std::string err;
};

inline CliResult cli(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    CliResult r;
    r.status = quire::cli::run(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace quire::test
