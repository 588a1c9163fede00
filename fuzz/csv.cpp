// SPDX-License-Identifier: GPL-3.0-or-later
// The codings CSV import (quire-cli codings import), through the CSV reader into a project.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/base/errors.h"
#include "fuzz/scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    quire::Project& project = quire::fuzz::scratch_project();
    // Never committed: every input meets the same project.
    quire::Project::Action untouched(project);
    try {
        project.import_codings_csv(text);
        quire::fuzz::check_offset_model(project);
    } catch (const quire::Error&) {
        // A CSV that does not parse, rows naming what does not exist, ranges outside the
        // text: all refused, the project unchanged.
    }
    return 0;
}
