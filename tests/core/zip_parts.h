// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <zip.h>

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

// Zip archives (a .qdpx, an .xlsx) for tests, written and read with libzip.
namespace quire::test {

using ZipEntries = std::vector<std::pair<std::string, std::string>>;

// Writes a deflated zip at `path` with the given entries (names are not checked, so hostile
// ones can be made) and returns the path.
inline std::string write_zip(const std::string& path, const ZipEntries& entries) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(archive != nullptr);
    for (const auto& [entry, bytes] : entries) {
        zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
        REQUIRE(source != nullptr);
        REQUIRE(zip_file_add(archive, entry.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
    }
    REQUIRE(zip_close(archive) == 0);
    return path;
}

inline std::map<std::string, std::string> read_zip_parts(const std::string& path) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
    REQUIRE(archive != nullptr);
    std::map<std::string, std::string> parts;
    for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
        zip_stat_t stat;
        REQUIRE(zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) == 0);
        zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
        REQUIRE(file != nullptr);
        std::string bytes(static_cast<std::size_t>(stat.size), '\0');
        REQUIRE(zip_fread(file, bytes.data(), stat.size) == static_cast<zip_int64_t>(stat.size));
        zip_fclose(file);
        parts[stat.name] = std::move(bytes);
    }
    zip_close(archive);
    return parts;
}

}  // namespace quire::test
