// SPDX-License-Identifier: GPL-3.0-or-later
// REFI-QDA projects as .qdpx archives. An input that starts like a zip ("PK") is the archive
// itself, for the zip's limits and entry names; any other input is project.qde, packed here
// into an archive with one transcript (sources/50000000-0000-0000-0000-000000000001.txt), so
// that mutations of the XML reach the importer instead of failing the zip's CRC.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/exchange/qdpx_import.h"
#include "core/formats/zip_writer.h"
#include "fuzz/scratch.h"

namespace {

std::string packed_qdpx(const std::uint8_t* data, std::size_t size) {
    const std::string path = (quire::fuzz::scratch_folder() / "packed.qdpx").string();
    quire::util::ZipWriter zip(path);
    zip.add("project.qde", std::string(reinterpret_cast<const char*>(data), size));
    zip.add("sources/50000000-0000-0000-0000-000000000001.txt",
            "\xEF\xBB\xBFQ: Who raised it?\r\nA: The school nurse, caf\xC3\xA9 and all "
            "\xF0\x9F\x98\x80.\r\n");
    zip.commit();
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const bool zip = size >= 2 && data[0] == 'P' && data[1] == 'K';
    const std::string path =
        zip ? quire::fuzz::write_scratch_file("input.qdpx", data, size) : packed_qdpx(data, size);
    quire::fuzz::import_rolled_back(
        [&](quire::Project& project) { quire::exchange::import_qdpx(project, path); });
    return 0;
}
