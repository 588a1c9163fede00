// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>
#include <vector>

// Writing a zip-based file (.qdpx) so that a reader never sees half of it: entries go
// to PATH.partial, which replaces PATH only once complete.
//
// Contract: add() and commit() throw quire::Error naming the file; after a throw, or when
// the writer goes without commit(), PATH is as it was and no .partial remains.
namespace quire::util {

class ZipWriter {
public:
    explicit ZipWriter(std::string path);
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    void add(const std::string& name, std::string content);
    void commit();

private:
    struct Archive;
    std::string path_;
    std::string partial_;
    std::unique_ptr<Archive> archive_;
    // libzip reads entries only when the archive is closed: keep them until then.
    std::vector<std::unique_ptr<std::string>> contents_;
};

}  // namespace quire::util
