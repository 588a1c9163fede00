// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/formats/zip_handles.h"

#include <algorithm>

#include "core/base/errors.h"

namespace quire::util {
namespace {

ArchivePtr open_source(zip_source_t* source, const std::string& name, ZipError& error) {
    if (source == nullptr) {
        throw ImportError("cannot open " + name + ": " + error.text());
    }
    ArchivePtr archive(zip_open_from_source(source, ZIP_RDONLY, error.get()));
    if (!archive) {
        zip_source_free(source);  // zip_open_from_source keeps it only on success
    }
    return archive;
}

// Reads an opened entry to its end, in chunks, trusting neither its declared size (memory
// grows as data arrives) nor its contents (more or less data than declared is refused).
std::string read_declared_entry(zip_file_t* entry, zip_uint64_t declared,
                                const std::string& subject, InflateBudget* budget) {
    constexpr zip_uint64_t kReserveAtMost = 16 * 1024 * 1024;
    std::string data;
    data.reserve(static_cast<std::size_t>(std::min(declared, kReserveAtMost)));
    std::string chunk(64 * 1024, '\0');
    for (;;) {
        // One byte more than may come is enough to tell that too much would.
        zip_uint64_t wanted = std::min<zip_uint64_t>(chunk.size(), declared - data.size() + 1);
        if (budget != nullptr) {
            wanted = std::min(wanted, budget->remaining() + 1);
        }
        const zip_int64_t count = zip_fread(entry, chunk.data(), wanted);
        if (count < 0) {
            throw ImportError(subject + " is damaged (" + zip_file_strerror(entry) + ")");
        }
        if (count == 0) {
            break;
        }
        if (budget != nullptr) {
            budget->spend(static_cast<zip_uint64_t>(count));
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

}  // namespace

ArchivePtr open_archive_file(const std::string& path, const std::string& name, ZipError& error) {
    // Length 0 means "to the end of the file".
    return open_source(zip_source_file_create(path.c_str(), 0, 0, error.get()), name, error);
}

ArchivePtr open_archive_buffer(const std::string& bytes, const std::string& name, ZipError& error) {
    return open_source(zip_source_buffer_create(bytes.data(), bytes.size(), 0, error.get()), name,
                       error);
}

std::string read_checked_entry(zip_t* archive, zip_uint64_t index, const std::string& subject,
                               zip_uint64_t size_limit, InflateBudget* budget) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive, index, 0, &stat) != 0) {
        throw ImportError(subject + " cannot be read (" + zip_strerror(archive) + ")");
    }
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
        throw ImportError(subject + " is encrypted");
    }
    if ((stat.valid & ZIP_STAT_SIZE) == 0) {
        throw ImportError(subject + " does not declare its size");
    }
    if (stat.size > size_limit) {
        throw ImportError(subject + " declares " + std::to_string(stat.size) +
                          " bytes, more than the limit of " +
                          std::to_string(size_limit / (1024 * 1024)) + " MiB");
    }
    EntryPtr entry(zip_fopen_index(archive, index, 0));
    if (!entry) {
        throw ImportError(subject + " cannot be opened (" + zip_strerror(archive) + ")");
    }
    return read_declared_entry(entry.get(), stat.size, subject, budget);
}

void InflateBudget::spend(zip_uint64_t bytes) {
    if (bytes > remaining()) {
        spent_ = limit_;
        throw ImportError(refusal_);
    }
    spent_ += bytes;
}

}  // namespace quire::util
