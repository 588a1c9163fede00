// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <zip.h>

#include <algorithm>
#include <memory>
#include <string>

#include "core/base/errors.h"

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

// Reads an opened entry to its end, in chunks, trusting neither its declared size (memory
// grows as data arrives) nor its contents (more or less data than declared is refused).
// Throws ImportError naming `subject` (e.g. "cannot import X: word/document.xml").
inline std::string read_declared_entry(zip_file_t* entry, zip_uint64_t declared,
                                       const std::string& subject) {
    constexpr zip_uint64_t kReserveAtMost = 16 * 1024 * 1024;
    std::string data;
    data.reserve(static_cast<std::size_t>(std::min(declared, kReserveAtMost)));
    std::string chunk(64 * 1024, '\0');
    for (;;) {
        const zip_int64_t count = zip_fread(entry, chunk.data(), chunk.size());
        if (count < 0) {
            throw ImportError(subject + " is damaged (" + zip_file_strerror(entry) + ")");
        }
        if (count == 0) {
            break;
        }
        data.append(chunk, 0, static_cast<std::size_t>(count));
        if (data.size() > declared) {
            throw ImportError(subject + " holds more data than the " + std::to_string(declared) +
                              " bytes it declares");
        }
    }
    if (data.size() != declared) {
        throw ImportError(subject + " declares " + std::to_string(declared) +
                          " bytes but holds only " + std::to_string(data.size()));
    }
    return data;
}

}  // namespace quire::util
