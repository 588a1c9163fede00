// SPDX-License-Identifier: GPL-3.0-or-later
// The index's folders in the user's cache: one private build folder per rebuild, the swap
// that puts a finished build in place, and pruning what no project uses any more.
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/util/paths.h"
#include "search/index_internal.h"

namespace quire::search {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kBuildMark = ".build-";

// The process that made a build folder, from its name "<index>.build-<pid>-<n>"; 0 when
// the name is not one.
pid_t builder_of(const std::string& name) {
    const auto mark = name.rfind(kBuildMark);
    if (mark == std::string::npos) {
        return 0;
    }
    const std::string rest = name.substr(mark + kBuildMark.size());
    const auto dash = rest.find('-');
    if (dash == std::string::npos || dash == 0) {
        return 0;
    }
    try {
        return static_cast<pid_t>(std::stol(rest.substr(0, dash)));
    } catch (const std::exception&) {
        return 0;
    }
}

// A pid of ours that has gone: kill(pid, 0) asks without sending anything. EPERM means
// the pid lives on as another user's process, which cannot be ours: gone too.
bool process_gone(pid_t pid) {
    return pid > 0 && ::kill(pid, 0) == -1 && (errno == ESRCH || errno == EPERM);
}

// Builds left by an older Quire that shared one folder per index ("<index>.new"), or by a
// rebuild whose process was killed.
bool abandoned_build(const fs::path& p) {
    const std::string name = p.filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".new") == 0) {
        return true;
    }
    const pid_t pid = builder_of(name);
    return pid != 0 && process_gone(pid);
}

std::uint64_t bytes_in(const fs::path& folder) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) {
            total += it->file_size(ec);
        }
    }
    return total;
}

void remove_counted(const fs::path& p, const std::string& reason, PruneReport& report) {
    const std::uint64_t bytes = bytes_in(p);
    std::error_code ec;
    fs::remove_all(p, ec);
    if (!ec) {
        report.removed.push_back({p.string(), reason, bytes});
    }
}

// Why the index in `folder` is no longer used by any project, or "" when it is (or when
// it cannot tell: an index that does not record its project's path is kept).
std::string orphaned(const fs::path& folder, bool& unknown) {
    std::string guid;
    std::string path;
    try {
        Xapian::Database d(folder.string());
        guid = d.get_metadata(kProjectKey);
        path = d.get_metadata(kProjectPathKey);
    } catch (const Xapian::Error& e) {
        return "it cannot be read (" + e.get_msg() + ")";
    }
    if (path.empty()) {
        unknown = true;
        return "";
    }
    const std::optional<std::string> there = Project::guid_of(path);
    if (!there) {
        return path + " is gone";
    }
    if (*there != guid) {
        return path + " is another project now";
    }
    return "";
}

constexpr const char* kStampFile = "quire-stamp";

// Names, sizes and modification times of the index's files: what changes whenever anything
// writes them. Xapian's lock file is left out (opening for writing touches it).
std::string stamp_of(const fs::path& folder) {
    std::vector<std::string> lines;
    std::error_code ec;
    for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name == kStampFile || name == "flintlock" || !it->is_regular_file(ec)) {
            continue;
        }
        struct stat st {};
        if (::stat(it->path().c_str(), &st) != 0) {
            continue;
        }
        lines.push_back(name + " " + std::to_string(st.st_size) + " " +
                        std::to_string(st.st_mtim.tv_sec) + "." +
                        std::to_string(st.st_mtim.tv_nsec) + " " + std::to_string(st.st_ino));
    }
    std::sort(lines.begin(), lines.end());
    std::string stamp;
    for (const std::string& line : lines) {
        stamp += line + "\n";
    }
    return stamp;
}

}  // namespace

bool index_files_unchanged(const fs::path& folder) {
    std::ifstream in(folder / kStampFile, std::ios::binary);
    if (!in) {
        return false;
    }
    const std::string recorded((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    return !recorded.empty() && recorded == stamp_of(folder);
}

void record_index_files(const fs::path& folder) {
    // Written beside the tables and renamed into place, so a reader never sees half of it;
    // a stamp that cannot be written only costs the next open a check.
    const fs::path temporary = folder / (std::string(kStampFile) + ".tmp");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << stamp_of(folder);
        if (!out) {
            return;
        }
    }
    std::error_code ec;
    fs::rename(temporary, folder / kStampFile, ec);
}

std::string check_index_tables(const fs::path& folder) {
    try {
        std::ostringstream ignored;
        const std::size_t errors = Xapian::Database::check(folder.string(), 0, &ignored);
        if (errors > 0) {
            return "the index was damaged (" + std::to_string(errors) + " errors in its tables)";
        }
    } catch (const Xapian::Error& e) {
        return "the index was damaged (" + e.get_msg() + ")";
    }
    return "";
}

fs::path fresh_build_folder(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    return target.string() + std::string(kBuildMark) + std::to_string(::getpid()) + "-" +
           std::to_string(counter++);
}

void remove_abandoned_builds(const fs::path& target) {
    const std::string prefix = target.filename().string();
    std::error_code ec;
    for (auto it = fs::directory_iterator(target.parent_path(), ec);
         !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0 &&
            abandoned_build(it->path())) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    }
}

void swap_into_place(const fs::path& fresh, const fs::path& target) {
    // Exchanging the two names is one step: a reader opening the index meanwhile finds
    // the old one or the new one, and a second rebuild finishing at the same moment
    // cannot meet a half-removed folder.
    if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
        std::error_code ec;
        fs::remove_all(fresh, ec);  // now the old index
        return;
    }
    if (errno == ENOENT && ::rename(fresh.c_str(), target.c_str()) == 0) {
        return;  // there was no index yet
    }
    const std::string why = std::strerror(errno);
    std::error_code ec;
    fs::remove_all(fresh, ec);
    throw SearchIndexError("cannot put the rebuilt search index in place at " + target.string() +
                           ": " + why);
}

PruneReport Index::prune(const std::string& base) {
    PruneReport report;
    fs::path folder;
    if (base.empty()) {
        try {
            folder = fs::path(util::user_cache_dir()) / "index";
        } catch (const Error& e) {
            throw SearchIndexError(e.what());
        }
    } else {
        folder = base;
    }
    std::error_code ec;
    std::vector<fs::path> entries;
    for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        if (it->is_directory(ec)) {
            entries.push_back(it->path());
        }
    }
    if (ec && ec != std::errc::no_such_file_or_directory) {
        throw SearchIndexError("cannot read the search index folder " + folder.string() + ": " +
                               ec.message());
    }
    for (const fs::path& p : entries) {
        if (builder_of(p.filename().string()) != 0 || p.extension() == ".new") {
            if (abandoned_build(p)) {
                remove_counted(p, "a rebuild that did not finish", report);
            }
            continue;
        }
        bool unknown = false;
        const std::string why = orphaned(p, unknown);
        if (!why.empty()) {
            remove_counted(p, why, report);
        } else if (unknown) {
            ++report.unknown;
        } else {
            ++report.kept;
        }
    }
    return report;
}

}  // namespace quire::search
