// SPDX-License-Identifier: GPL-3.0-or-later
// The reliability-data table of quire-cli agreement --ratings FILE.csv (a CSV of units and
// coders' values) through every coefficient, at the level of measurement the first byte
// chooses. A bad table is refused as invalid input (exit 4), never as "anything else" (exit 1),
// which is what an untyped exception from inside would give.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <sstream>
#include <string>

#include "app/cli/cli.h"
#include "fuzz/check.h"
#include "fuzz/scratch.h"

namespace {

constexpr const char* kLevels[] = {"nominal", "ordinal", "interval", "ratio"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string path = quire::fuzz::write_scratch_file("ratings.csv", data + 1, size - 1);
    std::ostringstream out, err;
    const int status = quire::cli::run(
        {"agreement", "--ratings", path, "--level", kLevels[data[0] % std::size(kLevels)]}, out,
        err);
    if (status != 0 && status != 4) {
        std::fprintf(stderr, "exit %d: %s", status, err.str().c_str());
    }
    quire::fuzz::check(status == 0 || status == 4, "a ratings table is read or refused as invalid");
    return 0;
}
