// SPDX-License-Identifier: GPL-3.0-or-later
// The demo project's REFI-QDA export, byte for byte as in tests/golden/ (refresh:
// tests/golden/README.md).
#include <zip.h>

#include <catch2/catch.hpp>
#include <string>

#include "core/demo/demo.h"
#include "core/exchange/qdpx_export.h"
#include "core/project/project.h"
#include "tests/support/golden.h"
#include "tests/support/scratch.h"

namespace {

// One entry of a zip archive, as bytes.
std::string unzip_entry(const std::string& archive_path, const std::string& entry) {
    int error = 0;
    zip_t* archive = zip_open(archive_path.c_str(), ZIP_RDONLY, &error);
    REQUIRE(archive != nullptr);
    zip_stat_t stat;
    zip_stat_init(&stat);
    const bool found = zip_stat(archive, entry.c_str(), 0, &stat) == 0;
    zip_file_t* file = found ? zip_fopen(archive, entry.c_str(), 0) : nullptr;
    std::string bytes(found ? stat.size : 0, '\0');
    const bool read = file != nullptr && zip_fread(file, bytes.data(), bytes.size()) ==
                                             static_cast<zip_int64_t>(bytes.size());
    if (file != nullptr) {
        zip_fclose(file);
    }
    zip_discard(archive);
    INFO(entry << " in " << archive_path);
    REQUIRE(read);
    return bytes;
}

}  // namespace

TEST_CASE("the demo project's .qdpx holds the golden project.qde", "[golden][exchange]") {
    quire::test::ScratchDir dir;
    quire::demo::write_demo_project(dir.path("demo.quire"));
    quire::Project project = quire::Project::open(dir.path("demo.quire"));
    quire::exchange::export_qdpx(project, dir.path("demo.qdpx"));
    // Normalised: every GUID (numbered in order of appearance, so references must still
    // match) and every date (creationDateTime).
    const std::string qde = unzip_entry(dir.path("demo.qdpx"), "project.qde");
    quire::test::check_golden("demo_project.qde",
                              quire::test::number_guids(quire::test::placeholder_timestamps(qde)));
}
