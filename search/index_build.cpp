// SPDX-License-Identifier: GPL-3.0-or-later
// Building and updating the index: one Xapian document per transcript, whole builds in
// parallel shards, small updates in place, and the cache folder with its format version.
#include <algorithm>
#include <chrono>
#include <thread>

#include "core/project/project.h"
#include "core/text/unicode.h"
#include "core/util/paths.h"
#include "search/index_internal.h"

namespace quire::search {
namespace fs = std::filesystem;

namespace {

// A transcript turned into a Xapian document.
struct Built {
    Xapian::Document document;
    std::vector<std::string> terms;  // distinct terms, for the stem table
    std::uint64_t words = 0;
    std::uint64_t bytes = 0;
};

Built build_document(Tokenizer& tokenizer, const std::string& guid, const std::string& text) {
    Built b;
    b.bytes = text.size();
    std::vector<Paragraph> paragraphs;
    // Positions grouped by term first: Xapian then finds each term once, not per word.
    std::unordered_map<std::string, std::vector<Xapian::termpos>> positions;
    Xapian::termpos pos = 0;
    std::int64_t line_cp = 0;
    // Line by line: a line break always breaks words, so this finds the same words as one
    // pass over the whole text, and most lines take the tokenizer's fast path.
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t lf = text.find('\n', start);
        if (lf == std::string::npos) {
            lf = text.size();
        }
        const std::string_view line(text.data() + start, lf - start);
        const std::vector<WordSpan> spans = tokenizer.spans(line);
        if (!spans.empty()) {
            Paragraph p;
            p.start_byte = static_cast<std::int64_t>(start);
            p.bytes = static_cast<std::int64_t>(line.size());
            p.start_cp = line_cp;
            p.words = static_cast<Xapian::termcount>(spans.size());
            paragraphs.push_back(p);
            for (const WordSpan& w : spans) {
                const std::string& term =
                    tokenizer.folded(line.substr(w.byte_start, w.byte_end - w.byte_start));
                positions[term].push_back(++pos);
            }
        }
        line_cp += text::code_point_count(line) + 1;
        start = lf + 1;
    }
    b.words = pos;
    b.terms.reserve(positions.size());
    for (auto& [term, list] : positions) {
        // Xapian refuses terms longer than its key limit; such "words" are not prose.
        if (term.size() > 200) {
            continue;
        }
        for (const Xapian::termpos p : list) {
            b.document.add_posting(term, p);
        }
        b.terms.push_back(term);
    }
    b.document.add_boolean_term(kUniquePrefix + guid);
    b.document.set_data(encode_paragraphs(paragraphs));
    return b;
}

std::string stemmer_language(const std::string& project_language, Xapian::Stem& stem) {
    try {
        stem = Xapian::Stem(project_language.empty() ? "en" : project_language);
        return stem.is_none() ? "none" : project_language;
    } catch (const Xapian::InvalidArgumentError&) {
        stem = Xapian::Stem();
        return "none";
    }
}

}  // namespace

ManifestEntry DocumentWriter::write(Id id, const std::string& guid, const std::string& text) {
    const Built b = build_document(tokenizer_, guid, text);
    if (!stem_.is_none()) {
        for (const std::string& term : b.terms) {
            if (stems_written_.insert(term).second) {
                const std::string s = stem_(term);
                if (s != term) {
                    db_.add_synonym(kStemPrefix + s, term);
                }
            }
        }
    }
    db_.replace_document(static_cast<Xapian::docid>(id), b.document);
    return ManifestEntry{guid, b.words, b.bytes};
}

void make_private_folder(const fs::path& p) {
    std::error_code ec;
    fs::create_directories(p, ec);
    if (ec) {
        throw SearchIndexError("cannot create the search index folder " + p.string() + ": " +
                               ec.message());
    }
    // Transcripts are confidential: the cache is readable by its owner only.
    fs::permissions(p, fs::perms::owner_all, fs::perm_options::replace, ec);
}

Index::Impl::Impl(Project& p, const IndexOptions& options) : project(p) {
    const ProjectInfo info = p.info();
    project_guid = info.guid;
    language = info.language;
    stem_name = stemmer_language(language, stem);
    folder = options.folder.empty() ? Index::default_folder(project_guid) : options.folder;
    std::error_code ec;
    project_path = fs::absolute(p.path(), ec).lexically_normal().string();
    threads = options.threads > 0
                  ? options.threads
                  : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// Opens the existing index for reading; returns why it cannot be used, or "".
std::string Index::Impl::open_reader() {
    paragraph_cache.clear();
    db.reset();
    if (!fs::exists(fs::path(folder) / "iamglass") && !fs::exists(fs::path(folder) / "iamchert")) {
        return "there was no index yet";
    }
    if (!index_files_unchanged(folder)) {
        // Written by something other than Quire since: a damaged table can crash Xapian's
        // readers, so it is checked before it is used.
        const std::string damage = check_index_tables(folder);
        if (!damage.empty()) {
            return damage;
        }
        record_index_files(folder);
    }
    try {
        Xapian::Database d(folder);
        if (d.get_metadata(kFormatKey) != kFormat) {
            return "the index was written by another version of Quire";
        }
        if (d.get_metadata(kProjectKey) != project_guid) {
            return "the index belongs to another project";
        }
        if (d.get_metadata(kLanguageKey) != stem_name) {
            return "the project's language changed";
        }
        manifest = decode_manifest(d.get_metadata(kManifestKey));
        if (d.get_doccount() != manifest.size()) {
            return "the index does not hold the documents it lists";
        }
        recorded_path = d.get_metadata(kProjectPathKey);
        const std::string g = d.get_metadata(kGenerationKey);
        generation = g.empty() ? -1 : std::stoll(g);
        db = std::move(d);
        return "";
    } catch (const Xapian::Error& e) {
        return "the index could not be read (" + e.get_msg() + ")";
    } catch (const SearchIndexError& e) {
        return e.what();
    }
}

Xapian::WritableDatabase Index::Impl::open_writer(const std::string& where, int flags) {
    // Another Quire (the GUI, or a second command) may be writing: wait a little.
    for (int attempt = 0;; ++attempt) {
        try {
            return Xapian::WritableDatabase(where, flags);
        } catch (const Xapian::DatabaseLockError&) {
            if (attempt >= 100) {
                throw SearchIndexError(
                    "the search index is being updated by another Quire; try again");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        } catch (const Xapian::Error& e) {
            throw SearchIndexError("cannot write the search index in " + where + ": " +
                                   e.get_msg());
        }
    }
}

// Adds documents to an open index, one after the other: updates are small (larger
// ones rebuild in parallel, see update()).
void Index::Impl::add_documents(Xapian::WritableDatabase& w, const DocumentKeys& docs,
                                const Progress& progress) {
    DocumentWriter writer(w, tokenizer, stem);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const auto& [id, guid] = docs[i];
        manifest[id] = writer.write(id, guid, project.document_text(id));
        report_progress(progress, i + 1, docs.size());
    }
}

void Index::Impl::write_metadata(Xapian::WritableDatabase& w, std::int64_t gen) {
    w.set_metadata(kFormatKey, kFormat);
    w.set_metadata(kProjectKey, project_guid);
    w.set_metadata(kLanguageKey, stem_name);
    w.set_metadata(kGenerationKey, std::to_string(gen));
    w.set_metadata(kManifestKey, encode_manifest(manifest));
    w.set_metadata(kProjectPathKey, project_path);
    recorded_path = project_path;
}

// Builds a complete index of `docs` (sorted by id) at `target`, which must be empty: in
// parallel shards that are then merged (index_shards.cpp).
void Index::Impl::build_in_shards(const fs::path& target, const DocumentKeys& docs,
                                  const Progress& progress) {
    const std::size_t shards = std::max<std::size_t>(
        1, std::min<std::size_t>(static_cast<std::size_t>(threads), docs.size() / 4));
    std::vector<fs::path> folders;
    for (std::size_t k = 0; k < shards; ++k) {
        folders.push_back(target / ("shard" + std::to_string(k)));
    }
    for (const auto& [id, entry] : write_shards(project, docs, folders, stem_name, progress)) {
        manifest[id] = entry;
    }
    report_progress(progress, docs.size(), docs.size());
    merge_shards(target, folders);
}

UpdateReport Index::Impl::rebuild(const std::string& reason, const Progress& progress) {
    UpdateReport report;
    report.rebuilt = true;
    report.reason = reason;
    db.reset();
    const fs::path target(folder);
    make_private_folder(target.parent_path());
    remove_abandoned_builds(target);
    const fs::path fresh = fresh_build_folder(target);
    std::error_code ec;
    make_private_folder(fresh);
    const std::int64_t gen = project.documents_generation();
    const DocumentKeys docs = project.document_keys();
    manifest.clear();
    try {
        report_progress(progress, 0, docs.size());
        build_in_shards(fresh, docs, progress);
        Xapian::WritableDatabase w = open_writer(fresh.string(), Xapian::DB_CREATE_OR_OPEN);
        write_metadata(w, gen);
        w.commit();
        w.close();
    } catch (const Xapian::Error& e) {
        fs::remove_all(fresh, ec);
        throw SearchIndexError("cannot build the search index: " + e.get_msg());
    } catch (...) {
        fs::remove_all(fresh, ec);
        throw;
    }
    // Swap in the new index only once it is complete: a cancelled or failed rebuild
    // leaves the old one (if any) in place.
    swap_into_place(fresh, target);
    record_index_files(target);
    report.added = docs.size();
    const std::string problem = open_reader();
    if (!problem.empty()) {
        throw SearchIndexError("the rebuilt search index cannot be read: " + problem);
    }
    return report;
}

UpdateReport Index::Impl::update(const Progress& progress) {
    if (!db) {
        const std::string problem = open_reader();
        if (!problem.empty()) {
            return rebuild(problem, progress);
        }
    }
    const std::int64_t gen = project.documents_generation();
    const DocumentKeys docs = project.document_keys();
    const DocumentChanges changes = changes_since_indexed(docs);
    if (changes.to_add.size() >= 64 && changes.to_add.size() * 2 >= docs.size()) {
        // Mostly new (a first import into an empty index): building afresh in
        // parallel is faster than adding one by one.
        return rebuild("most documents were new", progress);
    }
    if (changes.to_add.empty() && changes.to_remove.empty()) {
        if (gen != generation || recorded_path != project_path) {
            record_generation(gen);
        }
        return {};
    }
    db.reset();
    try {
        write_changes(changes, gen, progress);
    } catch (const Xapian::DatabaseCorruptError& e) {
        return rebuild("the index was damaged (" + e.get_msg() + ")", progress);
    } catch (const Xapian::Error& e) {
        throw SearchIndexError("cannot update the search index: " + e.get_msg());
    } catch (...) {
        // Cancelled or failed: the writer's uncommitted changes are discarded; reload
        // what is on disk.
        open_reader();
        throw;
    }
    UpdateReport report;
    report.added = changes.to_add.size();
    report.removed = changes.gone;
    const std::string problem = open_reader();
    if (!problem.empty()) {
        return rebuild(problem, progress);
    }
    return report;
}

DocumentChanges Index::Impl::changes_since_indexed(const DocumentKeys& docs) const {
    DocumentChanges changes;
    std::set<Id> current;
    std::set<Id> replaced;
    for (const auto& [id, guid] : docs) {
        current.insert(id);
        const auto it = manifest.find(id);
        if (it == manifest.end() || it->second.guid != guid) {
            changes.to_add.emplace_back(id, guid);
            if (it != manifest.end()) {
                replaced.insert(id);  // the same id now names another document
            }
        }
    }
    for (const auto& [id, e] : manifest) {
        const bool gone = current.count(id) == 0;
        if (gone || replaced.count(id) > 0) {
            changes.to_remove.push_back(id);
            changes.gone += gone;
        }
    }
    return changes;
}

void Index::Impl::record_generation(std::int64_t gen) {
    Xapian::WritableDatabase w = open_writer(folder, Xapian::DB_CREATE_OR_OPEN);
    w.set_metadata(kGenerationKey, std::to_string(gen));
    w.set_metadata(kProjectPathKey, project_path);
    w.commit();
    w.close();
    record_index_files(folder);
    generation = gen;
    recorded_path = project_path;
    db->reopen();
    paragraph_cache.clear();
}

void Index::Impl::write_changes(const DocumentChanges& changes, std::int64_t gen,
                                const Progress& progress) {
    Xapian::WritableDatabase w = open_writer(folder, Xapian::DB_CREATE_OR_OPEN);
    for (const Id id : changes.to_remove) {
        try {
            w.delete_document(static_cast<Xapian::docid>(id));
        } catch (const Xapian::DocNotFoundError&) {
        }
        manifest.erase(id);
    }
    add_documents(w, changes.to_add, progress);
    write_metadata(w, gen);
    w.commit();
    w.close();
    record_index_files(folder);
}

// Before every search: the project's documents may have changed (any program), and
// so may the index (another Quire, or a copy of this project sharing its GUID).
void Index::Impl::ensure_current() {
    if (db && db->reopen()) {
        // Another writer committed: reload what the index says it holds.
        const std::string problem = open_reader();
        if (!problem.empty()) {
            rebuild(problem, {});
            return;
        }
        update({});
        return;
    }
    if (!db || project.documents_generation() != generation) {
        update({});
    }
}

std::string Index::default_folder(const std::string& project_guid) {
    fs::path base;
    try {
        base = fs::path(util::user_cache_dir()) / "index";
    } catch (const Error& e) {
        // No cache folder at all: still a problem of the index, not of the project.
        throw SearchIndexError(e.what());
    }
    make_private_folder(base);
    return (base / project_guid).string();
}

}  // namespace quire::search
