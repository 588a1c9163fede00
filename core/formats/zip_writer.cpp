// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/formats/zip_writer.h"

#include <zip.h>

#include <filesystem>

#include "core/base/errors.h"
#include "core/util/paths.h"

namespace quire::util {

struct ZipWriter::Archive {
    zip_t* zip = nullptr;
};

ZipWriter::ZipWriter(std::string path)
    : path_(std::move(path)), partial_(path_ + ".partial"), archive_(std::make_unique<Archive>()) {
    std::error_code ec;
    std::filesystem::remove(partial_, ec);
    int error = 0;
    archive_->zip = zip_open(partial_.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (archive_->zip == nullptr) {
        throw Error("cannot create " + path_);
    }
}

ZipWriter::~ZipWriter() {
    if (archive_->zip != nullptr) {
        zip_discard(archive_->zip);
        std::error_code ec;
        std::filesystem::remove(partial_, ec);
    }
}

void ZipWriter::add(const std::string& name, std::string content) {
    contents_.push_back(std::make_unique<std::string>(std::move(content)));
    const std::string& bytes = *contents_.back();
    zip_source_t* source = zip_source_buffer(archive_->zip, bytes.data(), bytes.size(), 0);
    if (source == nullptr ||
        zip_file_add(archive_->zip, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
        zip_source_free(source);
        throw Error("cannot write " + name + " into " + path_);
    }
}

void ZipWriter::commit() {
    if (zip_close(archive_->zip) != 0) {
        const std::string reason = zip_strerror(archive_->zip);
        throw Error("cannot write " + path_ + ": " + reason);  // the destructor discards
    }
    archive_->zip = nullptr;
    contents_.clear();
    move_into_place(partial_, path_);
}

}  // namespace quire::util
