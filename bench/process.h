// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

// Running quire-cli from a benchmark and timing it as a whole process.
namespace bench {

struct ProcessRun {
    double seconds = 0;
    double cpu_seconds = 0;  // user + system of the child
    double max_rss_mb = 0;
};

// Runs argv[0] with argv, stdout to `out` and stderr to `err` (appended); exits the
// benchmark when the command cannot run or fails, as its figures would mean nothing.
ProcessRun run_process(const std::vector<std::string>& argv, const std::string& out,
                       const std::string& err);

}  // namespace bench
