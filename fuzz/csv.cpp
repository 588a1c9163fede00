// SPDX-License-Identifier: GPL-3.0-or-later
// The codings CSV import (quire-cli codings import), through the CSV reader into a project.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    quire::fuzz::import_rolled_back(
        [&](quire::Project& project) { project.import_codings_csv(text); });
    return 0;
}
