// SPDX-License-Identifier: GPL-3.0-or-later
// REFI-QDA codebooks (.qdc), merged into a project that already has codes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/exchange/qdpx_import.h"
#include "fuzz/scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = quire::fuzz::write_scratch_file("input.qdc", data, size);
    quire::fuzz::import_rolled_back(
        [&](quire::Project& project) { quire::exchange::import_qdc(project, path); });
    return 0;
}
