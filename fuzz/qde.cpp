// SPDX-License-Identifier: GPL-3.0-or-later
// Bare REFI-QDA project files (.qde): the project XML, with a sources folder beside it that
// holds one transcript (sources/interview.txt), so that selections in it can be placed.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/exchange/qdpx_import.h"
#include "fuzz/scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool sources_written = [] {
        const std::string text = "Q: Who raised it?\r\nA: The school nurse, café and all.\r\n";
        quire::fuzz::write_scratch_file("qde/sources/interview.txt",
                                        reinterpret_cast<const std::uint8_t*>(text.data()),
                                        text.size());
        return true;
    }();
    (void)sources_written;
    const std::string path = quire::fuzz::write_scratch_file("qde/input.qde", data, size);
    quire::fuzz::import_rolled_back(
        [&](quire::Project& project) { quire::exchange::import_qdpx(project, path); });
    return 0;
}
