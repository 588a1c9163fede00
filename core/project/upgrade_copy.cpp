// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/upgrade_copy.h"

#include <fcntl.h>
#include <unistd.h>

#include <sys/stat.h>
#include <cerrno>

#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/base/errors.h"
#include "core/storage/sqlite.h"

namespace quire::project_detail {

namespace fs = std::filesystem;

namespace {

fs::path copy_name(const fs::path& project, int version, int number) {
    std::string name = project.stem().string() + ".v" + std::to_string(version) + ".backup";
    if (number > 1) {
        name += "-" + std::to_string(number);
    }
    return project.parent_path() / (name + ".quire");
}

// A stale -wal or -journal beside a new database would be read as part of it.
bool has_leftovers(const fs::path& file) {
    std::error_code ec;
    return fs::exists(file.string() + "-wal", ec) || fs::exists(file.string() + "-journal", ec);
}

// Creates the copy's file, empty, under the first free name. Creating it exclusively
// (O_EXCL) claims the name at once, so a file that appears meanwhile is never replaced;
// SQLite then writes into the empty file. The copy gets the project's permission bits: a
// private project (transcripts are confidential) must not leave a readable copy.
fs::path claim_free_name(const fs::path& project, int version) {
    std::error_code ec;
    const auto mode =
        static_cast<mode_t>(fs::status(project, ec).permissions() & fs::perms::mask) & 0666;
    for (int number = 1; number < 10000; ++number) {
        const fs::path candidate = copy_name(project, version, number);
        if (has_leftovers(candidate)) {
            continue;
        }
        const int fd = ::open(candidate.c_str(), O_CREAT | O_EXCL | O_WRONLY, ec ? 0600 : mode);
        if (fd >= 0) {
            // open() applies the umask; the copy is never more open than the original.
            ::fchmod(fd, ec ? 0600 : mode);
            ::close(fd);
            return candidate;
        }
        if (errno != EEXIST) {
            throw ProjectFileError("cannot create " + candidate.string() + ": " +
                                   std::strerror(errno));
        }
    }
    throw ProjectFileError("every name for a copy of " + project.string() + " is taken");
}

// SQLite does not sync a file that VACUUM INTO wrote: the copy, and its name in the folder,
// must be on disk before the upgrade starts changing the original.
void sync_to_disk(const fs::path& path) {
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    for (const fs::path& p : {path, folder}) {
        const int fd = ::open(p.c_str(), O_RDONLY);
        const bool synced = fd >= 0 && ::fsync(fd) == 0;
        // Some file systems (network, FUSE) cannot sync a folder: the file itself is synced.
        const bool folder_unsupported =
            !synced && p == folder && (errno == EINVAL || errno == ENOTSUP || errno == EROFS);
        if (!synced && !folder_unsupported) {
            const std::string reason = std::strerror(errno);
            if (fd >= 0) {
                ::close(fd);
            }
            throw ProjectFileError("cannot write " + path.string() + " to disk: " + reason);
        }
        ::close(fd);
    }
}

std::string sql_literal(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        out += c;
        if (c == '\'') {
            out += '\'';
        }
    }
    return out + "'";
}

}  // namespace

std::string keep_upgrade_copy(sql::Connection& db, int version) {
    const fs::path project(db.path());
    try {
        const fs::path copy = claim_free_name(project, version);
        try {
            // VACUUM INTO reads through this connection: the copy holds what the write-ahead
            // log has not yet brought into the file, which a copy of the file's bytes would
            // miss. It keeps the application id and user_version.
            db.exec("VACUUM INTO " + sql_literal(copy.string()));
            sync_to_disk(copy);
        } catch (...) {
            std::error_code ec;
            fs::remove(copy, ec);
            fs::remove(copy.string() + "-journal", ec);
            throw;
        }
        return copy.string();
    } catch (const Error& e) {
        throw ProjectFileError("cannot keep a copy of " + project.string() +
                               " before upgrading it from file format " + std::to_string(version) +
                               ", so it was left as it was (" + e.what() + ")");
    }
}

void discard_upgrade_copy(const std::string& copy) {
    std::error_code ec;
    fs::remove(copy, ec);
    fs::remove(copy + "-journal", ec);
}

}  // namespace quire::project_detail
