// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <zip.h>

#include <memory>
#include <string>

// RAII for libzip's handles, shared by the readers of zip-based formats (.docx, .qdpx).
// Internal to core: libzip types never appear in a public header.
namespace quire::util {

struct ArchiveDiscarder {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
// An archive opened for reading; discarding never writes anything back.
using ArchivePtr = std::unique_ptr<zip_t, ArchiveDiscarder>;

struct EntryCloser {
    void operator()(zip_file_t* entry) const { zip_fclose(entry); }
};
using EntryPtr = std::unique_ptr<zip_file_t, EntryCloser>;

// Owns a zip_error_t so that every exit path finalises it.
class ZipError {
public:
    ZipError() { zip_error_init(&error_); }
    ~ZipError() { zip_error_fini(&error_); }
    ZipError(const ZipError&) = delete;
    ZipError& operator=(const ZipError&) = delete;

    zip_error_t* get() { return &error_; }
    int code() { return zip_error_code_zip(&error_); }
    std::string text() { return zip_error_strerror(&error_); }

private:
    zip_error_t error_;
};

}  // namespace quire::util
