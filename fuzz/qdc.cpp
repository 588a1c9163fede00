// SPDX-License-Identifier: GPL-3.0-or-later
// REFI-QDA codebooks (.qdc), merged into a project that already has codes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/base/errors.h"
#include "core/exchange/qdpx_import.h"
#include "fuzz/scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    quire::Project& project = quire::fuzz::scratch_project();
    const std::string path = quire::fuzz::write_scratch_file("input.qdc", data, size);
    // Never committed: the import is rolled back, so every input meets the same project.
    quire::Project::Action untouched(project);
    try {
        quire::exchange::import_qdc(project, path);
        quire::fuzz::check_offset_model(project);
    } catch (const quire::Error&) {
        // ImportError for corrupt or hostile input is the contract; any other quire::Error
        // may come from the project.
    }
    return 0;
}
