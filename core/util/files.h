// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/errors.h"

// Writing whole files so that a reader finds the old file or the new one, never half of one,
// and telling a file's format by its extension. Contract: ConflictError for a file that may
// not be replaced, InvalidInputError for an extension no format has, quire::Error when a file
// cannot be written; lower_extension never throws.
namespace quire::util {

// A folder of its own under the system's temporary folder, readable by its owner only (what
// goes in it may be transcripts), removed with everything in it when the object goes. Its
// name carries the process id: a new one removes those left by processes that were killed.
class ScratchFolder {
public:
    explicit ScratchFolder(const std::string& purpose);
    ~ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    std::string path(const std::string& name) const;

private:
    std::string dir_;
};

enum class IfExists { Refuse, Replace };

// The extension of `path` with its dot, in lower case (".csv"); empty when it has none.
std::string lower_extension(const std::string& path);

// Throws ConflictError "<path> already exists (add --force to replace it)" when it exists.
void refuse_existing_file(const std::string& path);

// Throws ConflictError when `path` is the project file `project_path` or one of SQLite's files
// beside it (-wal, -shm, -journal), by any spelling of the path or through a link: no export
// may write over the open project, whatever --force says. Does nothing for an empty
// `project_path`.
void refuse_project_file(const std::string& path, const std::string& project_path);

// Writes `bytes` to a temporary of its own beside `path`, syncs it, gives it the permissions
// of the file it replaces, then moves it into place (move_into_place). A symbolic link is
// followed (the file it names is replaced); a device or pipe such as /dev/stdout is written
// as it is. With IfExists::Refuse an existing `path` is refused before anything is written.
// On failure `path` is as it was and no temporary of ours remains.
void write_file_atomically(const std::string& path, std::string_view bytes,
                           IfExists if_exists = IfExists::Refuse);

// Throws InvalidInputError: "<what> is written as .a, .b or .c, not "<path>"".
[[noreturn]] void throw_unknown_extension(const std::string& path, const std::string& what,
                                          const std::vector<std::string>& extensions);

// The format whose extension `path` has, among (extension, format) pairs with lower-case
// extensions; `what` names the content in the error for any other extension.
template <typename Format>
Format format_by_extension(const std::string& path, const std::string& what,
                           const std::vector<std::pair<std::string, Format>>& formats) {
    const std::string extension = lower_extension(path);
    std::vector<std::string> extensions;
    for (const auto& [known, format] : formats) {
        if (known == extension) {
            return format;
        }
        extensions.push_back(known);
    }
    throw_unknown_extension(path, what, extensions);
}

}  // namespace quire::util
