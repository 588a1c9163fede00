// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/files.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/util/ids.h"
#include "core/util/paths.h"

namespace quire::util {

namespace {

// Folders "quire-<purpose>-<pid>-<guid>" of processes that are gone (killed before they
// could remove them): they hold copies of transcripts, so the next one removes them.
void remove_abandoned(const std::filesystem::path& base, const std::string& prefix) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(base, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.compare(0, prefix.size(), prefix) != 0) {
            continue;
        }
        const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        struct stat st {};
        if (pid <= 0 || ::stat(entry.path().c_str(), &st) != 0 || st.st_uid != ::getuid()) {
            continue;
        }
        if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
            std::filesystem::remove_all(entry.path(), ec);
        }
    }
}

}  // namespace

ScratchFolder::ScratchFolder(const std::string& purpose) {
    const std::filesystem::path base = std::filesystem::temp_directory_path();
    const std::string prefix = "quire-" + purpose + "-";
    remove_abandoned(base, prefix);
    const std::filesystem::path dir =
        base / (prefix + std::to_string(::getpid()) + "-" + new_guid());
    std::filesystem::create_directory(dir);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);
    dir_ = dir.string();
}

ScratchFolder::~ScratchFolder() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

std::string ScratchFolder::path(const std::string& name) const {
    return (std::filesystem::path(dir_) / name).string();
}

std::string lower_extension(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

void refuse_existing_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        throw ConflictError(path + " already exists (add --force to replace it)");
    }
}

void refuse_project_file(const std::string& path, const std::string& project_path) {
    if (project_path.empty()) {
        return;
    }
    namespace fs = std::filesystem;
    std::error_code ec;
    // Links are followed, so the names compare what would really be written.
    const auto resolved = [&ec](const std::string& name) {
        const fs::path canonical = fs::weakly_canonical(fs::absolute(name, ec), ec);
        return ec ? fs::path(name).lexically_normal() : canonical;
    };
    const fs::path target = resolved(path);
    const fs::path project = resolved(project_path);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        const fs::path guarded = project.string() + suffix;
        std::error_code same_ec;
        if (target == guarded || fs::equivalent(target, guarded, same_ec)) {
            const std::string what =
                suffix[0] ? std::string("the open project's ") + (suffix + 1) + " file"
                          : std::string("the open project");
            throw ConflictError(path + " is " + what + ": write the export to another file");
        }
    }
}

namespace {

[[noreturn]] void fail_to_write(const std::string& path, int error) {
    throw Error("cannot write " + path + ": " + std::strerror(error));
}

// What a new file gets: 0666 less the process's umask, read without changing it.
mode_t new_file_mode() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("Umask:", 0) == 0) {
            return static_cast<mode_t>(0666 & ~std::stoul(line.substr(6), nullptr, 8));
        }
    }
    return 0644;
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail_to_write(path, errno);
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

// A device or a pipe (/dev/stdout, a FIFO) has nothing to be renamed over: it is written
// as it is.
void write_in_place(const std::string& target, std::string_view bytes, const std::string& path) {
    const int fd = ::open(target.c_str(), O_WRONLY | O_TRUNC);
    if (fd < 0) {
        fail_to_write(path, errno);
    }
    try {
        write_all(fd, bytes, path);
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes, IfExists if_exists) {
    namespace fs = std::filesystem;
    if (if_exists == IfExists::Refuse) {
        refuse_existing_file(path);
    }
    std::error_code ec;
    // A link is followed: the file it names is replaced and the link stays a link.
    std::string target = path;
    if (fs::is_symlink(fs::symlink_status(path, ec))) {
        target = fs::weakly_canonical(path, ec).string();
        if (ec) {
            throw Error("cannot write " + path + ": " + ec.message());
        }
    }
    const fs::file_status status = fs::status(target, ec);
    if (fs::is_directory(status)) {
        throw Error("cannot write " + path + ": a folder has that name");
    }
    if (fs::exists(status) && !fs::is_regular_file(status)) {
        write_in_place(target, bytes, path);
        return;
    }
    // The new text goes to a temporary of its own beside the target (never a file of the
    // user's), on disk before it replaces the old file, with the old file's permissions.
    const mode_t mode = fs::exists(status)
                            ? static_cast<mode_t>(status.permissions() & fs::perms::mask)
                            : new_file_mode();
    std::string temporary = target + ".XXXXXX";
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) {
        fail_to_write(path, errno);
    }
    try {
        write_all(fd, bytes, path);
        if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
            fail_to_write(path, errno);
        }
    } catch (...) {
        ::close(fd);
        ::unlink(temporary.c_str());
        throw;
    }
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        fail_to_write(path, error);
    }
    move_into_place(temporary, target);
}

void throw_unknown_extension(const std::string& path, const std::string& what,
                             const std::vector<std::string>& extensions) {
    std::string listed;
    for (std::size_t i = 0; i < extensions.size(); ++i) {
        if (i > 0) {
            listed += i + 1 == extensions.size() ? " or " : ", ";
        }
        listed += extensions[i];
    }
    throw InvalidInputError(what + " is written as " + listed + ", not \"" + path + "\"");
}

}  // namespace quire::util
