// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/exchange/qdpx_package.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <string_view>
#include <system_error>

#include "core/base/errors.h"
#include "core/exchange/qdpx_reading.h"

namespace quire::exchange::qdpx {
namespace {

bool looks_like_zip(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char head[2] = {};
    in.read(head, 2);
    return in.gcount() == 2 && head[0] == 'P' && head[1] == 'K';
}

}  // namespace

bool is_unsafe_entry_name(std::string name) {
    std::replace(name.begin(), name.end(), '\\', '/');
    if (name.empty() || name.front() == '/') {
        return true;
    }
    if (name.size() >= 2 && name[1] == ':' && std::isalpha(static_cast<unsigned char>(name[0]))) {
        return true;
    }
    std::size_t start = 0;
    while (start <= name.size()) {
        const auto slash = name.find('/', start);
        const std::string_view part = std::string_view(name).substr(
            start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part == "..") {
            return true;
        }
        if (slash == std::string::npos) {
            break;
        }
        start = slash + 1;
    }
    return false;
}

std::string safe_relative(std::string_view path) {
    std::string p(path);
    std::replace(p.begin(), p.end(), '\\', '/');
    while (starts_with(p, "./")) {
        p.erase(0, 2);
    }
    if (is_unsafe_entry_name(p)) {
        return {};
    }
    return p;
}

std::string read_disk_file(const std::filesystem::path& path, const std::string& name) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        throw ImportError("cannot read " + name + ": " + ec.message());
    }
    if (size > kMaxEntrySize) {
        throw ImportError("cannot import " + name + ": it is larger than 512 MiB");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ImportError("cannot open " + name);
    }
    std::string data(static_cast<std::size_t>(size), '\0');
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) {
        throw ImportError("cannot read " + name + " completely");
    }
    return data;
}

Package Package::open(const std::string& path, ImportReport& report) {
    Package package;
    package.name_ = '"' + path + '"';
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw ImportError("cannot import " + package.name_ + ": no such file");
    }
    if (!looks_like_zip(path)) {
        // A bare project file; its sources, if any, sit in a "sources" folder beside it.
        package.project_xml_ = read_disk_file(path, package.name_);
        package.folder_ = std::filesystem::path(path).parent_path();
        return package;
    }
    package.open_archive(path);
    const ProjectFiles project_files = package.index_entries();
    package.project_xml_ = package.read_project_file(project_files, report);
    return package;
}

void Package::open_archive(const std::string& path) {
    util::ZipError error;
    archive_ = util::open_archive_file(path, name_, error);
    if (!archive_) {
        throw ImportError("not a REFI-QDA project: " + name_ + " is a damaged ZIP archive (" +
                          error.text() + ")");
    }
    std::error_code ec;
    const std::uint64_t size = std::filesystem::file_size(path, ec);
    const std::uint64_t limit =
        std::min(kMaxTotalSize, std::max(kMinInflateLimit, (ec ? 0 : size) * kMaxInflateRatio));
    inflate_budget_.emplace(limit, "refusing " + name_ + ": it decompresses to more than " +
                                       std::to_string(limit / kMiB) + " MiB, over " +
                                       std::to_string(kMaxInflateRatio) +
                                       " times its size, as only a ZIP bomb does");
}

// Every entry is checked before any is read, so that a hostile archive is refused whole.
Package::ProjectFiles Package::index_entries() {
    const zip_int64_t count = zip_get_num_entries(archive_.get(), 0);
    std::uint64_t total = 0;
    ProjectFiles project_files;
    for (zip_int64_t i = 0; i < count; ++i) {
        const auto index = static_cast<zip_uint64_t>(i);
        const char* raw = zip_get_name(archive_.get(), index, ZIP_FL_ENC_RAW);
        if (raw == nullptr) {
            throw ImportError("cannot import " + name_ + ": entry " + std::to_string(i) +
                              " has no readable name");
        }
        const std::string entry_name = raw;
        if (is_unsafe_entry_name(entry_name)) {
            throw ImportError("refusing " + name_ + ": entry \"" + entry_name +
                              "\" points outside the archive (absolute path or \"..\")");
        }
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive_.get(), index, 0, &stat) != 0 ||
            (stat.valid & ZIP_STAT_SIZE) == 0) {
            throw ImportError("cannot import " + name_ + ": entry \"" + entry_name +
                              "\" does not declare its size");
        }
        if (stat.size > kMaxEntrySize) {
            throw ImportError("refusing " + name_ + ": entry \"" + entry_name + "\" declares " +
                              std::to_string(stat.size) + " bytes, more than the limit of 512 MiB");
        }
        total += stat.size;
        if (total > kMaxTotalSize) {
            throw ImportError("refusing " + name_ +
                              ": its entries declare more than 2 GiB in total");
        }
        std::string key = lower(entry_name);
        std::replace(key.begin(), key.end(), '\\', '/');
        entries_.emplace(key, index);
        if (ends_with(key, ".qde") && key.find('/') == std::string::npos) {
            project_files.emplace_back(entry_name, index);
        }
    }
    return project_files;
}

std::string Package::read_project_file(const ProjectFiles& candidates, ImportReport& report) {
    if (candidates.empty()) {
        throw ImportError("not a REFI-QDA project: " + name_ + " contains no project.qde");
    }
    auto chosen = std::find_if(candidates.begin(), candidates.end(),
                               [](const auto& f) { return lower(f.first) == "project.qde"; });
    if (chosen == candidates.end()) {
        chosen = candidates.begin();
        report.adjusted.push_back("project file read from \"" + chosen->first +
                                  "\" (the archive has no project.qde)");
    }
    return read_entry(chosen->second, chosen->first, kMaxEntrySize);
}

std::string Package::read_entry(zip_uint64_t index, const std::string& entry_name,
                                zip_uint64_t size_limit) {
    return util::read_checked_entry(archive_.get(), index,
                                    "cannot import " + name_ + ": " + entry_name, size_limit,
                                    inflate_budget_ ? &*inflate_budget_ : nullptr);
}

std::optional<std::string> Package::read_referenced(const std::string& path_attribute,
                                                    std::string& why, bool& scheme_missing,
                                                    std::size_t size_limit) {
    const std::string too_large =
        "it is larger than " + std::to_string(size_limit / (1024 * 1024)) + " MiB";
    scheme_missing = false;
    std::string path = trim(path_attribute);
    const std::string lowered = lower(path);
    if (starts_with(lowered, "internal://")) {
        path = path.substr(11);
    } else if (lowered.find("://") != std::string::npos) {
        why = "its file \"" + path + "\" is outside the project archive";
        return std::nullopt;
    } else {
        scheme_missing = true;
    }
    const std::string relative = safe_relative(path);
    if (relative.empty()) {
        why = "its path \"" + path_attribute + "\" is not a plain file name";
        return std::nullopt;
    }
    if (archive_) {
        for (const std::string& candidate : {"sources/" + relative, relative}) {
            const auto found = entries_.find(lower(candidate));
            if (found != entries_.end()) {
                // Refused by its declared size before a byte is decompressed: a small
                // archive can declare (and hold) far more than any transcript.
                zip_stat_t stat;
                zip_stat_init(&stat);
                if (zip_stat_index(archive_.get(), found->second, 0, &stat) == 0 &&
                    (stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > size_limit) {
                    why = too_large;
                    return std::nullopt;
                }
                return read_entry(found->second, candidate, size_limit);
            }
        }
        why = "its file \"" + path_attribute + "\" is missing from the archive";
        return std::nullopt;
    }
    for (const char* folder : {"sources", "Sources"}) {
        const std::filesystem::path candidate = folder_ / folder / relative;
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec)) {
            if (std::filesystem::file_size(candidate, ec) > size_limit) {
                why = too_large;
                return std::nullopt;
            }
            return read_disk_file(candidate, '"' + candidate.string() + '"');
        }
    }
    why = "its file \"" + path_attribute + "\" is not beside the project file";
    return std::nullopt;
}

}  // namespace quire::exchange::qdpx
