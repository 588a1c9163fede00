// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/files.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "core/util/paths.h"

namespace quire::util {

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

void write_file_atomically(const std::string& path, std::string_view bytes, IfExists if_exists) {
    if (if_exists == IfExists::Refuse) {
        refuse_existing_file(path);
    }
    const std::string partial = path + ".partial";
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) {
        // Nothing was created: whatever stands at PATH.partial is not ours to remove.
        throw Error("cannot write " + path);
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        throw Error("cannot write " + path);
    }
    move_into_place(partial, path);
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
