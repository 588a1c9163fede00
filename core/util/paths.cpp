// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/paths.h"

#include <cstdlib>
#include <filesystem>

#include "core/base/errors.h"

namespace quire::util {
namespace {

std::string xdg_dir(const char* variable, const char* fallback_below_home) {
    std::filesystem::path base;
    if (const char* value = std::getenv(variable); value != nullptr && value[0] == '/') {
        base = value;
    } else if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
        base = std::filesystem::path(home) / fallback_below_home;
    } else {
        base = std::filesystem::temp_directory_path();
    }
    const std::filesystem::path dir = base / "quire";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        throw Error("cannot create " + dir.string() + ": " + ec.message());
    }
    return dir.string();
}

}  // namespace

std::string user_data_dir() {
    return xdg_dir("XDG_DATA_HOME", ".local/share");
}

std::string user_config_dir() {
    return xdg_dir("XDG_CONFIG_HOME", ".config");
}

std::string user_cache_dir() {
    return xdg_dir("XDG_CACHE_HOME", ".cache");
}

void move_into_place(const std::string& partial, const std::string& path) {
    std::error_code ec;
    std::filesystem::rename(partial, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        throw Error("cannot write " + path + ": " + ec.message());
    }
}

}  // namespace quire::util
