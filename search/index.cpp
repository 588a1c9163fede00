// SPDX-License-Identifier: GPL-3.0-or-later
// The public Index: Xapian's errors become SearchIndexError, and a search that finds the
// index changed or damaged under it catches up and runs once more.
#include <filesystem>

#include "core/project/project.h"
#include "search/index_internal.h"

namespace quire::search {
namespace fs = std::filesystem;

namespace {

std::uint64_t folder_bytes(const std::string& folder) {
    std::uint64_t n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        if (e.is_regular_file(ec)) {
            n += e.file_size(ec);
        }
    }
    return n;
}

}  // namespace

Index::Index(Project& project, const IndexOptions& options, const Progress& progress)
    : impl_(std::make_unique<Impl>(project, options)) {
    try {
        impl_->opened = impl_->update(progress);
    } catch (const Xapian::Error& e) {
        throw SearchIndexError("search index: " + e.get_msg());
    }
}

Index::~Index() = default;

UpdateReport Index::update(const Progress& progress) {
    try {
        return impl_->update(progress);
    } catch (const Xapian::Error& e) {
        throw SearchIndexError("search index: " + e.get_msg());
    }
}

UpdateReport Index::rebuild(const Progress& progress) {
    try {
        return impl_->rebuild("a rebuild was asked for", progress);
    } catch (const Xapian::Error& e) {
        throw SearchIndexError("search index: " + e.get_msg());
    }
}

SearchResults Index::search(const SearchRequest& request) {
    // Paragraph reads keep a handle on the project file open: close it whatever happens,
    // so the next search sees other programs' changes.
    struct EndReads {
        Project& project;
        ~EndReads() { project.end_text_reads(); }
    } end_reads{impl_->project};
    try {
        try {
            return impl_->search(request);
        } catch (const Xapian::DatabaseModifiedError&) {
            // Another writer replaced what this snapshot was reading: catch up, once more.
            impl_->project.end_text_reads();
            const std::string problem = impl_->open_reader();
            if (!problem.empty()) {
                impl_->rebuild(problem, {});
            } else {
                impl_->update({});
            }
            return impl_->search(request);
        } catch (const Xapian::DatabaseCorruptError& e) {
            // The cache is damaged: build it again and search once more.
            impl_->project.end_text_reads();
            impl_->rebuild("the index was damaged (" + e.get_msg() + ")", {});
            return impl_->search(request);
        } catch (const DamagedIndexError& e) {
            impl_->project.end_text_reads();
            impl_->rebuild(e.what(), {});
            return impl_->search(request);
        } catch (const Xapian::Error& e) {
            // Damage shows as many kinds of error; if the tables are sound, the error is
            // the search's own and is reported.
            impl_->project.end_text_reads();
            impl_->db.reset();
            const std::string damage = check_index_tables(impl_->folder);
            if (damage.empty()) {
                throw;
            }
            impl_->rebuild(damage, {});
            return impl_->search(request);
        }
    } catch (const Xapian::Error& e) {
        throw SearchIndexError("search: " + e.get_msg());
    }
}

IndexCheck Index::check(const Progress& progress) {
    IndexCheck c;
    try {
        impl_->db.reset();
        impl_->paragraph_cache.clear();
        std::string problem = check_index_tables(impl_->folder);
        if (problem.empty()) {
            problem = impl_->open_reader();
        }
        if (problem.empty()) {
            problem = impl_->check_documents();
        }
        if (problem.empty()) {
            record_index_files(impl_->folder);
            impl_->update(progress);  // sound: brought up to date, as opening would
            return c;
        }
        c.problem = problem;
        c.rebuilt = impl_->rebuild(problem, progress);
    } catch (const Xapian::Error& e) {
        throw SearchIndexError("search index: " + e.get_msg());
    }
    return c;
}

const UpdateReport& Index::opened() const {
    return impl_->opened;
}

IndexStats Index::stats() {
    try {
        impl_->ensure_current();
    } catch (const Xapian::Error& e) {
        throw SearchIndexError("search index: " + e.get_msg());
    }
    IndexStats s;
    s.folder = impl_->folder;
    s.documents = impl_->manifest.size();
    for (const auto& [id, e] : impl_->manifest) {
        s.words += e.words;
        s.text_bytes += e.bytes;
    }
    s.bytes_on_disk = folder_bytes(impl_->folder);
    s.language = impl_->stem_name;
    return s;
}

}  // namespace quire::search
