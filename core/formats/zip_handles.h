// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <zip.h>

#include <memory>
#include <string>
#include <utility>

// RAII for libzip's handles and the guarded entry reading shared by the readers of
// zip-based formats (.docx, .qdpx). Internal to core: libzip types never appear in a public
// header. The functions throw ImportError naming what they read.
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

// The archive in the file at `path` (`name` is how messages quote it), or nullptr with the
// reason in `error` when the file is not a readable zip. Throws ImportError when the file
// cannot be opened at all.
ArchivePtr open_archive_file(const std::string& path, const std::string& name, ZipError& error);
// The same for an archive in memory; `bytes` must outlive the archive.
ArchivePtr open_archive_buffer(const std::string& bytes, const std::string& name, ZipError& error);

// What one archive may decompress in all, across its entries and every read of each (an
// entry read twice counts twice): a small archive can hold, or be read for, far more than it
// weighs. spend() throws ImportError with `refusal` once more than `limit` bytes came out.
class InflateBudget {
public:
    InflateBudget(zip_uint64_t limit, std::string refusal)
        : limit_(limit), refusal_(std::move(refusal)) {}

    zip_uint64_t remaining() const { return limit_ - spent_; }
    void spend(zip_uint64_t bytes);

private:
    zip_uint64_t limit_;
    zip_uint64_t spent_ = 0;
    std::string refusal_;
};

// Reads entry `index` completely after checking that it is neither encrypted nor declares
// more than `size_limit` bytes, trusting neither its declared size nor its contents: reading
// stops one byte past what the entry declares, and one byte past what `budget` (if any)
// allows, so nothing beyond a limit is ever decompressed. `subject` starts every message
// (e.g. "cannot import X: word/document.xml").
std::string read_checked_entry(zip_t* archive, zip_uint64_t index, const std::string& subject,
                               zip_uint64_t size_limit, InflateBudget* budget = nullptr);

}  // namespace quire::util
