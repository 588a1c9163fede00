// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <zip.h>

#include <catch2/catch.hpp>

#include <map>
#include <string>

// Every entry of a zip archive (a .qdpx, an .xlsx) by name, read with libzip for tests.
namespace quire::test {

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
