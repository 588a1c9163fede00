// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/exchange/qdpx_import.h"
#include "core/formats/zip_handles.h"

// Internal to core/exchange: a REFI-QDA package, either a .qdpx zip or a bare project file
// with a "sources" folder beside it, read within safety limits. Throws ImportError for what
// cannot be read or is refused.
namespace quire::exchange::qdpx {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr std::uint64_t kMaxEntrySize = 512 * kMiB;
constexpr std::uint64_t kMaxTotalSize = 2048 * kMiB;
// What an archive may decompress in all (every read counted): up to kMaxInflateRatio times
// its own size, at least kMinInflateLimit, at most kMaxTotalSize. Text and XML shrink to a
// third or a tenth in a zip; a thousand times is a ZIP bomb.
constexpr std::uint64_t kMaxInflateRatio = 100;
constexpr std::uint64_t kMinInflateLimit = 32 * kMiB;

// True for an entry name that would leave the archive's folder when extracted: absolute,
// with a drive letter, or with a ".." part (either slash counts).
bool is_unsafe_entry_name(std::string name);

// A plain file name inside a path attribute, or empty when it tries to leave its folder.
std::string safe_relative(std::string_view path);

// The bytes of a file on disk of at most kMaxEntrySize bytes; `name` quotes it in messages.
std::string read_disk_file(const std::filesystem::path& path, const std::string& name);

class Package {
public:
    // Opens the package and reads its project file (project.qde, else the only other .qde at
    // the top of the archive, which is reported in `report`). Refuses unsafe entry names,
    // entries over 512 MiB and archives over 2 GiB before reading anything, and stops
    // reading, refusing the archive, once what it decompressed passes its inflate limit.
    static Package open(const std::string& path, ImportReport& report);

    const std::string& project_xml() const { return project_xml_; }

    // The bytes of a file named by a path attribute, or nullopt with the reason in `why`;
    // `scheme_missing` tells that the path lacked "internal://". A file declaring more than
    // `size_limit` bytes is not read at all (nothing is decompressed): `why` says so.
    std::optional<std::string> read_referenced(const std::string& path_attribute, std::string& why,
                                               bool& scheme_missing, std::size_t size_limit);

private:
    using ProjectFiles = std::vector<std::pair<std::string, zip_uint64_t>>;  // name, index

    void open_archive(const std::string& path);
    ProjectFiles index_entries();
    std::string read_project_file(const ProjectFiles& candidates, ImportReport& report);
    std::string read_entry(zip_uint64_t index, const std::string& entry_name,
                           zip_uint64_t size_limit);

    std::string name_;  // quoted path for messages
    util::ArchivePtr archive_;
    std::unordered_map<std::string, zip_uint64_t> entries_;  // lower-case name -> index
    std::optional<util::InflateBudget> inflate_budget_;      // of the archive
    std::filesystem::path folder_;                           // of a bare project file
    std::string project_xml_;
};

}  // namespace quire::exchange::qdpx
