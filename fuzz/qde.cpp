// SPDX-License-Identifier: GPL-3.0-or-later
// Bare REFI-QDA project files (.qde): the project XML, with a sources folder beside it that
// holds one transcript (sources/interview.txt), so that selections in it can be placed.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/base/errors.h"
#include "core/exchange/qdpx_import.h"
#include "fuzz/scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    quire::Project& project = quire::fuzz::scratch_project();
    static const bool sources_written = [] {
        const std::string text = "Q: Who raised it?\r\nA: The school nurse, café and all.\r\n";
        quire::fuzz::write_scratch_file("qde/sources/interview.txt",
                                        reinterpret_cast<const std::uint8_t*>(text.data()),
                                        text.size());
        return true;
    }();
    (void)sources_written;
    const std::string path = quire::fuzz::write_scratch_file("qde/input.qde", data, size);
    // Never committed: the import is rolled back, so every input meets the same project.
    quire::Project::Action untouched(project);
    try {
        quire::exchange::import_qdpx(project, path);
        quire::fuzz::check_offset_model(project);
    } catch (const quire::Error&) {
        // ImportError for corrupt or hostile input is the contract; any other quire::Error
        // may come from the project.
    }
    return 0;
}
