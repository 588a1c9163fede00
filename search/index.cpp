// SPDX-License-Identifier: GPL-3.0-or-later
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/project/project.h"
#include "core/util/paths.h"
#include "search/search.h"
#include "search/tokenizer.h"

namespace quire::search {
namespace fs = std::filesystem;

namespace {

// Bump when what is indexed or how it is encoded changes: older indexes are rebuilt.
constexpr const char* kFormat = "quire-search-1";
constexpr const char* kFormatKey = "quire:format";
constexpr const char* kProjectKey = "quire:project";
constexpr const char* kLanguageKey = "quire:language";
constexpr const char* kGenerationKey = "quire:generation";
constexpr const char* kManifestKey = "quire:manifest";  // "id guid words bytes" per line
constexpr const char* kStemPrefix = "XS";               // synonym key: XS + stem -> forms
constexpr const char* kUniquePrefix = "Q";              // Q + document GUID

// One paragraph of a transcript: a line with at least one word.
struct Paragraph {
    std::int64_t start_cp = 0;
    std::int64_t start_byte = 0;
    std::int64_t bytes = 0;
    Xapian::termpos first = 1;  // position of its first word
    Xapian::termcount words = 0;
};

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

std::uint64_t get_varint(const std::string& in, std::size_t& at) {
    std::uint64_t v = 0;
    int shift = 0;
    while (at < in.size()) {
        const unsigned char c = static_cast<unsigned char>(in[at++]);
        v |= static_cast<std::uint64_t>(c & 0x7F) << shift;
        if ((c & 0x80) == 0) {
            return v;
        }
        shift += 7;
        if (shift > 63) {
            break;
        }
    }
    throw SearchIndexError("the search index holds a damaged paragraph table");
}

std::string encode_paragraphs(const std::vector<Paragraph>& ps) {
    std::string out;
    out.reserve(ps.size() * 6 + 4);
    put_varint(out, ps.size());
    std::int64_t cp = 0;
    std::int64_t byte = 0;
    for (const Paragraph& p : ps) {
        put_varint(out, static_cast<std::uint64_t>(p.start_cp - cp));
        put_varint(out, static_cast<std::uint64_t>(p.start_byte - byte));
        put_varint(out, static_cast<std::uint64_t>(p.bytes));
        put_varint(out, p.words);
        cp = p.start_cp;
        byte = p.start_byte;
    }
    return out;
}

std::vector<Paragraph> decode_paragraphs(const std::string& data) {
    std::size_t at = 0;
    const std::uint64_t n = get_varint(data, at);
    std::vector<Paragraph> out;
    out.reserve(n);
    std::int64_t cp = 0;
    std::int64_t byte = 0;
    Xapian::termpos pos = 1;
    for (std::uint64_t i = 0; i < n; ++i) {
        Paragraph p;
        p.start_cp = cp + static_cast<std::int64_t>(get_varint(data, at));
        p.start_byte = byte + static_cast<std::int64_t>(get_varint(data, at));
        p.bytes = static_cast<std::int64_t>(get_varint(data, at));
        p.words = static_cast<Xapian::termcount>(get_varint(data, at));
        p.first = pos;
        pos += p.words;
        cp = p.start_cp;
        byte = p.start_byte;
        out.push_back(p);
    }
    return out;
}

std::int64_t count_code_points(std::string_view s) {
    std::int64_t n = 0;
    for (const char c : s) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }
    return n;
}

// A transcript turned into a Xapian document by a worker thread.
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
        line_cp += count_code_points(line) + 1;
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

struct ManifestEntry {
    std::string guid;
    std::uint64_t words = 0;
    std::uint64_t bytes = 0;
};
using Manifest = std::map<Id, ManifestEntry>;

std::string encode_manifest(const Manifest& m) {
    std::string out;
    for (const auto& [id, e] : m) {
        out += std::to_string(id) + " " + e.guid + " " + std::to_string(e.words) + " " +
               std::to_string(e.bytes) + "\n";
    }
    return out;
}

Manifest decode_manifest(const std::string& s) {
    Manifest m;
    std::size_t at = 0;
    while (at < s.size()) {
        std::size_t nl = s.find('\n', at);
        if (nl == std::string::npos) {
            nl = s.size();
        }
        const std::string line = s.substr(at, nl - at);
        at = nl + 1;
        char guid[128] = {0};
        long long id = 0;
        unsigned long long words = 0;
        unsigned long long bytes = 0;
        if (std::sscanf(line.c_str(), "%lld %127s %llu %llu", &id, guid, &words, &bytes) != 4) {
            throw SearchIndexError("the search index has a damaged document list");
        }
        m[id] = ManifestEntry{guid, words, bytes};
    }
    return m;
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

// Positions matched by a query leaf in one document: [first, last] word positions.
struct Span {
    Xapian::termpos first = 0;
    Xapian::termpos last = 0;
    bool operator<(const Span& o) const {
        return first < o.first || (first == o.first && last < o.last);
    }
    bool operator==(const Span& o) const { return first == o.first && last == o.last; }
};

}  // namespace

// ---------------------------------------------------------------------------------------

struct Index::Impl {
    Project& project;
    std::string folder;
    int threads = 0;
    std::optional<Xapian::Database> db;
    std::string project_guid;
    std::string language;  // as requested by the project
    Xapian::Stem stem;
    std::string stem_name;
    std::int64_t generation = -1;  // of the project, as indexed
    Manifest manifest;
    Tokenizer tokenizer;
    UpdateReport opened;

    Impl(Project& p, const IndexOptions& options) : project(p) {
        const ProjectInfo info = p.info();
        project_guid = info.guid;
        language = info.language;
        stem_name = stemmer_language(language, stem);
        folder = options.folder.empty() ? Index::default_folder(project_guid) : options.folder;
        threads = options.threads > 0
                      ? options.threads
                      : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    }

    // Decoded paragraph tables of recently searched documents, like Xapian's own block
    // cache a cache of the index: emptied whenever the index changes.
    std::unordered_map<Xapian::docid, std::vector<Paragraph>> paragraph_cache;

    const std::vector<Paragraph>& paragraphs_of(const Xapian::MSetIterator& m) {
        const Xapian::docid did = *m;
        if (auto it = paragraph_cache.find(did); it != paragraph_cache.end()) {
            return it->second;
        }
        if (paragraph_cache.size() >= 8192) {
            paragraph_cache.clear();
        }
        return paragraph_cache.emplace(did, decode_paragraphs(m.get_document().get_data()))
            .first->second;
    }

    // Opens the existing index for reading; returns why it cannot be used, or "".
    std::string open_reader() {
        paragraph_cache.clear();
        db.reset();
        if (!fs::exists(fs::path(folder) / "iamglass") &&
            !fs::exists(fs::path(folder) / "iamchert")) {
            return "there was no index yet";
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

    Xapian::WritableDatabase open_writer(const std::string& where, int flags) {
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

    using DocumentKeys = std::vector<std::pair<Id, std::string>>;  // id, GUID

    // Adds documents to an open index, one after the other: updates are small (larger
    // ones rebuild in parallel, see update()).
    void add_documents(Xapian::WritableDatabase& w, const DocumentKeys& docs,
                       const Progress& progress) {
        std::unordered_set<std::string> stems_written;
        for (std::size_t i = 0; i < docs.size(); ++i) {
            const auto& [id, guid] = docs[i];
            const Built b = build_document(tokenizer, guid, project.document_text(id));
            if (!stem.is_none()) {
                for (const std::string& term : b.terms) {
                    if (stems_written.insert(term).second) {
                        const std::string s = stem(term);
                        if (s != term) {
                            w.add_synonym(kStemPrefix + s, term);
                        }
                    }
                }
            }
            w.replace_document(static_cast<Xapian::docid>(id), b.document);
            manifest[id] = ManifestEntry{guid, b.words, b.bytes};
            if (progress && !progress(i + 1, docs.size())) {
                throw Cancelled();
            }
        }
    }

    void write_metadata(Xapian::WritableDatabase& w, std::int64_t gen) {
        w.set_metadata(kFormatKey, kFormat);
        w.set_metadata(kProjectKey, project_guid);
        w.set_metadata(kLanguageKey, stem_name);
        w.set_metadata(kGenerationKey, std::to_string(gen));
        w.set_metadata(kManifestKey, encode_manifest(manifest));
    }

    // Builds a complete index of `docs` (sorted by id) at `target`, which must be empty.
    // Each thread writes its own Xapian database for a contiguous block of documents, so
    // both cores tokenize and write; the blocks are then merged in one sequential pass
    // (Xapian's compaction, keeping document ids), which also leaves the tables compact.
    void build_in_shards(const fs::path& target, const DocumentKeys& docs,
                         const Progress& progress) {
        const std::size_t shards = std::max<std::size_t>(
            1, std::min<std::size_t>(static_cast<std::size_t>(threads), docs.size() / 4));
        struct Shard {
            fs::path folder;
            std::size_t begin = 0;
            std::size_t end = 0;
            std::deque<std::pair<std::size_t, std::string>> queue;  // doc index, text
            std::vector<std::pair<Id, ManifestEntry>> written;
            bool finished = false;
        };
        std::vector<Shard> parts(shards);
        for (std::size_t k = 0; k < shards; ++k) {
            parts[k].folder = target / ("shard" + std::to_string(k));
            parts[k].begin = docs.size() * k / shards;
            parts[k].end = docs.size() * (k + 1) / shards;
        }
        std::mutex mutex;
        std::condition_variable changed;
        std::atomic<std::size_t> done{0};
        std::atomic<bool> stop{false};
        std::exception_ptr failure;
        constexpr std::size_t kQueued = 4;  // texts read ahead per shard

        auto work = [&](Shard& part) {
            try {
                Tokenizer tok;
                // One stemmer per thread: copies of a Xapian::Stem share a reference
                // count that is not atomic.
                Xapian::Stem stemmer =
                    stem_name == "none" ? Xapian::Stem() : Xapian::Stem(stem_name);
                Xapian::WritableDatabase w(part.folder.string(),
                                           Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
                std::unordered_set<std::string> seen;
                for (;;) {
                    std::pair<std::size_t, std::string> job;
                    {
                        std::unique_lock<std::mutex> lock(mutex);
                        changed.wait(lock,
                                     [&] { return stop || !part.queue.empty() || part.finished; });
                        if (stop || part.queue.empty()) {
                            break;
                        }
                        job = std::move(part.queue.front());
                        part.queue.pop_front();
                    }
                    changed.notify_all();
                    const auto& [id, guid] = docs[job.first];
                    Built b = build_document(tok, guid, job.second);
                    for (const std::string& term : b.terms) {
                        if (!stemmer.is_none() && seen.insert(term).second) {
                            const std::string st = stemmer(term);
                            if (st != term) {
                                w.add_synonym(kStemPrefix + st, term);
                            }
                        }
                    }
                    w.replace_document(static_cast<Xapian::docid>(id), b.document);
                    part.written.emplace_back(id, ManifestEntry{guid, b.words, b.bytes});
                    ++done;
                }
                if (!stop) {
                    w.commit();
                }
                w.close();
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                if (!failure) {
                    failure = std::current_exception();
                }
                stop = true;
                changed.notify_all();
            }
        };
        std::vector<std::thread> pool;
        for (Shard& part : parts) {
            pool.emplace_back(work, std::ref(part));
        }
        auto finish = [&] {
            {
                std::lock_guard<std::mutex> lock(mutex);
                for (Shard& part : parts) {
                    part.finished = true;
                }
            }
            changed.notify_all();
            // Also called after a failure found by the first call: join each thread once.
            for (std::thread& t : pool) {
                if (t.joinable()) {
                    t.join();
                }
            }
        };
        try {
            // This thread alone reads the project file; it deals texts out in turn.
            std::vector<std::size_t> next(shards);
            for (std::size_t k = 0; k < shards; ++k) {
                next[k] = parts[k].begin;
            }
            for (bool more = true; more;) {
                more = false;
                for (std::size_t k = 0; k < shards; ++k) {
                    Shard& part = parts[k];
                    if (next[k] >= part.end) {
                        continue;
                    }
                    more = true;
                    std::string text = project.document_text(docs[next[k]].first);
                    {
                        std::unique_lock<std::mutex> lock(mutex);
                        changed.wait(lock, [&] { return stop || part.queue.size() < kQueued; });
                        if (stop) {
                            break;
                        }
                        part.queue.emplace_back(next[k], std::move(text));
                    }
                    changed.notify_all();
                    ++next[k];
                    if (progress && !progress(done, docs.size())) {
                        stop = true;
                        changed.notify_all();
                        throw Cancelled();
                    }
                }
                if (stop) {
                    break;
                }
            }
            finish();
            if (failure) {
                std::rethrow_exception(failure);
            }
        } catch (...) {
            stop = true;
            finish();
            throw;
        }
        for (const Shard& part : parts) {
            for (const auto& [id, entry] : part.written) {
                manifest[id] = entry;
            }
        }
        if (progress && !progress(docs.size(), docs.size())) {
            throw Cancelled();
        }
        const fs::path merged = target / "merged";
        {
            Xapian::Database all;
            for (const Shard& part : parts) {
                all.add_database(Xapian::Database(part.folder.string()));
            }
            all.compact(merged.string(), Xapian::DBCOMPACT_NO_RENUMBER);
        }
        std::error_code ec;
        for (const Shard& part : parts) {
            fs::remove_all(part.folder, ec);
        }
        for (const auto& e : fs::directory_iterator(merged, ec)) {
            fs::rename(e.path(), target / e.path().filename(), ec);
            if (ec) {
                throw SearchIndexError("cannot move the merged search index into " +
                                       target.string() + ": " + ec.message());
            }
        }
        fs::remove(merged, ec);
    }

    UpdateReport rebuild(const std::string& reason, const Progress& progress) {
        UpdateReport report;
        report.rebuilt = true;
        report.reason = reason;
        db.reset();
        const fs::path target(folder);
        make_private_folder(target.parent_path());
        const fs::path fresh = target.string() + ".new";
        std::error_code ec;
        fs::remove_all(fresh, ec);
        make_private_folder(fresh);
        const std::int64_t gen = project.documents_generation();
        const DocumentKeys docs = project.document_keys();
        manifest.clear();
        try {
            if (progress && !progress(0, docs.size())) {
                throw Cancelled();
            }
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
        fs::remove_all(target, ec);
        fs::rename(fresh, target, ec);
        if (ec) {
            throw SearchIndexError("cannot replace the search index in " + folder + ": " +
                                   ec.message());
        }
        report.added = docs.size();
        const std::string problem = open_reader();
        if (!problem.empty()) {
            throw SearchIndexError("the rebuilt search index cannot be read: " + problem);
        }
        return report;
    }

    UpdateReport update(const Progress& progress) {
        if (!db) {
            const std::string problem = open_reader();
            if (!problem.empty()) {
                return rebuild(problem, progress);
            }
        }
        const std::int64_t gen = project.documents_generation();
        const DocumentKeys docs = project.document_keys();
        DocumentKeys to_add;
        std::set<Id> current;
        std::set<Id> replaced;
        for (const auto& [id, guid] : docs) {
            current.insert(id);
            const auto it = manifest.find(id);
            if (it == manifest.end() || it->second.guid != guid) {
                to_add.emplace_back(id, guid);
                if (it != manifest.end()) {
                    replaced.insert(id);  // the same id now names another document
                }
            }
        }
        std::vector<Id> to_remove;
        for (const auto& [id, e] : manifest) {
            if (current.count(id) == 0 || replaced.count(id) > 0) {
                to_remove.push_back(id);
            }
        }
        if (to_add.size() >= 64 && to_add.size() * 2 >= docs.size()) {
            // Mostly new (a first import into an empty index): building afresh in
            // parallel is faster than adding one by one.
            return rebuild("most documents were new", progress);
        }
        UpdateReport report;
        if (to_add.empty() && to_remove.empty()) {
            if (gen != generation) {
                Xapian::WritableDatabase w = open_writer(folder, Xapian::DB_CREATE_OR_OPEN);
                w.set_metadata(kGenerationKey, std::to_string(gen));
                w.commit();
                w.close();
                generation = gen;
                db->reopen();
                paragraph_cache.clear();
            }
            return report;
        }
        db.reset();
        try {
            Xapian::WritableDatabase w = open_writer(folder, Xapian::DB_CREATE_OR_OPEN);
            for (const Id id : to_remove) {
                try {
                    w.delete_document(static_cast<Xapian::docid>(id));
                } catch (const Xapian::DocNotFoundError&) {
                }
                manifest.erase(id);
            }
            add_documents(w, to_add, progress);
            write_metadata(w, gen);
            w.commit();
            w.close();
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
        report.added = to_add.size();
        report.removed = 0;
        for (const Id id : to_remove) {
            report.removed += current.count(id) == 0;
        }
        const std::string problem = open_reader();
        if (!problem.empty()) {
            return rebuild(problem, progress);
        }
        return report;
    }

    // Before every search: the project's documents may have changed (any program), and
    // so may the index (another Quire, or a copy of this project sharing its GUID).
    void ensure_current() {
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

    // --- searching -----------------------------------------------------------------

    struct Leaf {
        const QueryNode* node = nullptr;
        std::vector<std::string> terms;  // Word: its forms; ExactWord/Phrase: the words
    };

    std::vector<std::string> forms_of(const std::string& word) {
        std::set<std::string> forms{word};
        if (!stem.is_none()) {
            const std::string key = kStemPrefix + stem(word);
            for (auto it = db->synonyms_begin(key); it != db->synonyms_end(key); ++it) {
                forms.insert(*it);
            }
            // The stem itself may be a word of the text ("risk" for "risks").
            forms.insert(stem(word));
        }
        return {forms.begin(), forms.end()};
    }

    Xapian::Query leaf_query(const QueryNode& n, std::map<const QueryNode*, Leaf>& leaves) {
        Leaf& leaf = leaves[&n];
        leaf.node = &n;
        switch (n.kind) {
            case QueryNode::Kind::Word: {
                leaf.terms = forms_of(n.words[0]);
                if (leaf.terms.size() == 1) {
                    return Xapian::Query(leaf.terms[0]);
                }
                return Xapian::Query(Xapian::Query::OP_SYNONYM, leaf.terms.begin(),
                                     leaf.terms.end());
            }
            case QueryNode::Kind::ExactWord:
                leaf.terms = n.words;
                return Xapian::Query(n.words[0]);
            case QueryNode::Kind::Prefix: {
                leaf.terms = n.words;
                // A broad prefix ("s*") expands to thousands of terms, and ORing their
                // postings costs Xapian 100 ms and more while nearly every transcript
                // matches anyway: then every document is a candidate (ranked by the rest
                // of the query) and the paragraph check finds the words.
                constexpr std::size_t kBroad = 400;
                std::size_t expansions = 0;
                const std::string& prefix = n.words[0];
                for (auto t = db->allterms_begin(prefix);
                     t != db->allterms_end(prefix) && expansions < kBroad; ++t) {
                    ++expansions;
                }
                if (expansions >= kBroad) {
                    return Xapian::Query::MatchAll;
                }
                return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix);
            }
            case QueryNode::Kind::Phrase: {
                leaf.terms = n.words;
                std::vector<Xapian::Query> parts;
                for (const std::string& w : n.words) {
                    parts.emplace_back(w);
                }
                return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                                     static_cast<Xapian::termcount>(n.words.size()));
            }
            default:
                return Xapian::Query::MatchNothing;
        }
    }

    // The document-level query: a superset of the documents with hits, ranked by BM25.
    // NOT and field filters do not narrow it: they are decided per paragraph and by scope.
    Xapian::Query build(const QueryNode& n, std::map<const QueryNode*, Leaf>& leaves) {
        switch (n.kind) {
            case QueryNode::Kind::Word:
            case QueryNode::Kind::ExactWord:
            case QueryNode::Kind::Prefix:
            case QueryNode::Kind::Phrase:
                return leaf_query(n, leaves);
            case QueryNode::Kind::Near: {
                Xapian::Query a = leaf_query(n.children[0], leaves);
                Xapian::Query b = leaf_query(n.children[1], leaves);
                // Xapian's NEAR takes single terms only; otherwise AND finds the
                // candidates and the paragraph check decides.
                if (leaves[&n.children[0]].terms.size() != 1 ||
                    leaves[&n.children[1]].terms.size() != 1 ||
                    n.children[0].kind == QueryNode::Kind::Phrase ||
                    n.children[1].kind == QueryNode::Kind::Phrase ||
                    n.children[0].kind == QueryNode::Kind::Prefix ||
                    n.children[1].kind == QueryNode::Kind::Prefix) {
                    return Xapian::Query(Xapian::Query::OP_AND, a, b);
                }
                const Xapian::Query parts[] = {a, b};
                return Xapian::Query(Xapian::Query::OP_NEAR, parts, parts + 2,
                                     static_cast<Xapian::termcount>(n.distance + 2));
            }
            case QueryNode::Kind::And:
            case QueryNode::Kind::Or: {
                std::vector<Xapian::Query> parts;
                for (const QueryNode& c : n.children) {
                    if (c.kind == QueryNode::Kind::Not || c.kind == QueryNode::Kind::Field) {
                        collect_leaves(c, leaves);
                        continue;
                    }
                    parts.push_back(build(c, leaves));
                }
                return Xapian::Query(
                    n.kind == QueryNode::Kind::And ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                    parts.begin(), parts.end());
            }
            default:
                return Xapian::Query::MatchNothing;
        }
    }

    void collect_leaves(const QueryNode& n, std::map<const QueryNode*, Leaf>& leaves) {
        if (n.kind == QueryNode::Kind::Field) {
            return;
        }
        if (n.kind == QueryNode::Kind::Word || n.kind == QueryNode::Kind::ExactWord ||
            n.kind == QueryNode::Kind::Prefix || n.kind == QueryNode::Kind::Phrase) {
            leaf_query(n, leaves);
            return;
        }
        for (const QueryNode& c : n.children) {
            collect_leaves(c, leaves);
        }
    }

    static std::vector<Xapian::termpos> positions(const Xapian::Database& d, Xapian::docid did,
                                                  const std::string& term) {
        std::vector<Xapian::termpos> out;
        for (auto it = d.positionlist_begin(did, term); it != d.positionlist_end(did, term); ++it) {
            out.push_back(*it);
        }
        return out;
    }

    static void merge_into(std::vector<Xapian::termpos>& all, std::vector<Xapian::termpos> more) {
        if (all.empty()) {
            all = std::move(more);
            return;
        }
        std::vector<Xapian::termpos> merged;
        merged.reserve(all.size() + more.size());
        std::merge(all.begin(), all.end(), more.begin(), more.end(), std::back_inserter(merged));
        all = std::move(merged);
    }

    // Every occurrence of a leaf in one document.
    std::vector<Span> leaf_spans(const Leaf& leaf, Xapian::docid did) {
        std::vector<Span> out;
        const QueryNode& n = *leaf.node;
        std::vector<Xapian::termpos> single;
        switch (n.kind) {
            case QueryNode::Kind::Word:
                for (const std::string& t : leaf.terms) {
                    merge_into(single, positions(*db, did, t));
                }
                break;
            case QueryNode::Kind::ExactWord:
                single = positions(*db, did, leaf.terms[0]);
                break;
            case QueryNode::Kind::Prefix: {
                const std::string& prefix = leaf.terms[0];
                Xapian::TermIterator it = db->termlist_begin(did);
                it.skip_to(prefix);
                for (; it != db->termlist_end(did); ++it) {
                    const std::string term = *it;
                    if (term.compare(0, prefix.size(), prefix) != 0) {
                        break;
                    }
                    std::vector<Xapian::termpos> p(it.positionlist_begin(), it.positionlist_end());
                    merge_into(single, std::move(p));
                }
                break;
            }
            case QueryNode::Kind::Phrase: {
                std::vector<std::vector<Xapian::termpos>> words;
                for (const std::string& t : leaf.terms) {
                    words.push_back(positions(*db, did, t));
                    if (words.back().empty()) {
                        return out;
                    }
                }
                for (const Xapian::termpos p : words[0]) {
                    bool all = true;
                    for (std::size_t k = 1; k < words.size() && all; ++k) {
                        all = std::binary_search(words[k].begin(), words[k].end(),
                                                 p + static_cast<Xapian::termpos>(k));
                    }
                    if (all) {
                        out.push_back({p, p + static_cast<Xapian::termpos>(words.size() - 1)});
                    }
                }
                return out;
            }
            default:
                return out;
        }
        out.reserve(single.size());
        for (const Xapian::termpos p : single) {
            out.push_back({p, p});
        }
        return out;
    }

    using LeafSpans = std::map<const QueryNode*, std::vector<Span>>;

    static std::vector<Span> within(const std::vector<Span>& spans, Xapian::termpos lo,
                                    Xapian::termpos hi) {
        auto it = std::lower_bound(spans.begin(), spans.end(), Span{lo, 0});
        std::vector<Span> out;
        for (; it != spans.end() && it->first < hi; ++it) {
            if (it->last < hi) {
                out.push_back(*it);
            }
        }
        return out;
    }

    // The spans that make `n` true in the paragraph [lo, hi), or nullopt when it is false.
    std::optional<std::vector<Span>> evaluate(const QueryNode& n, const LeafSpans& leaf,
                                              Xapian::termpos lo, Xapian::termpos hi) {
        switch (n.kind) {
            case QueryNode::Kind::Word:
            case QueryNode::Kind::ExactWord:
            case QueryNode::Kind::Prefix:
            case QueryNode::Kind::Phrase: {
                std::vector<Span> s = within(leaf.at(&n), lo, hi);
                if (s.empty()) {
                    return std::nullopt;
                }
                return s;
            }
            case QueryNode::Kind::Near: {
                const std::vector<Span> a = within(leaf.at(&n.children[0]), lo, hi);
                const std::vector<Span> b = within(leaf.at(&n.children[1]), lo, hi);
                std::set<Span> used;
                for (const Span& x : a) {
                    for (const Span& y : b) {
                        const Span& left = x.first <= y.first ? x : y;
                        const Span& right = x.first <= y.first ? y : x;
                        if (left.last >= right.first) {
                            continue;  // the same words cannot be both sides
                        }
                        if (right.first - left.last - 1 <=
                            static_cast<Xapian::termpos>(n.distance)) {
                            used.insert(x);
                            used.insert(y);
                        }
                    }
                }
                if (used.empty()) {
                    return std::nullopt;
                }
                return std::vector<Span>(used.begin(), used.end());
            }
            case QueryNode::Kind::And: {
                std::vector<Span> all;
                for (const QueryNode& c : n.children) {
                    if (c.kind == QueryNode::Kind::Field) {
                        continue;
                    }
                    if (c.kind == QueryNode::Kind::Not) {
                        if (evaluate(c.children[0], leaf, lo, hi)) {
                            return std::nullopt;
                        }
                        continue;
                    }
                    auto s = evaluate(c, leaf, lo, hi);
                    if (!s) {
                        return std::nullopt;
                    }
                    all.insert(all.end(), s->begin(), s->end());
                }
                return all;
            }
            case QueryNode::Kind::Or: {
                std::optional<std::vector<Span>> any;
                for (const QueryNode& c : n.children) {
                    auto s = evaluate(c, leaf, lo, hi);
                    if (s) {
                        if (!any) {
                            any.emplace();
                        }
                        any->insert(any->end(), s->begin(), s->end());
                    }
                }
                return any;
            }
            default:
                return std::nullopt;
        }
    }

    struct ParagraphHits {
        std::size_t paragraph = 0;
        std::vector<Span> spans;  // sorted, overlapping ones merged
    };

    std::vector<ParagraphHits> document_hits(const QueryNode& root,
                                             const std::map<const QueryNode*, Leaf>& leaves,
                                             Xapian::docid did,
                                             const std::vector<Paragraph>& paragraphs) {
        LeafSpans spans;
        std::vector<Xapian::termpos> touched;
        for (const auto& [node, leaf] : leaves) {
            spans[node] = leaf_spans(leaf, did);
            for (const Span& s : spans[node]) {
                touched.push_back(s.first);
            }
        }
        std::sort(touched.begin(), touched.end());
        std::vector<ParagraphHits> out;
        std::size_t last_paragraph = paragraphs.size();
        for (const Xapian::termpos p : touched) {
            auto it =
                std::upper_bound(paragraphs.begin(), paragraphs.end(), p,
                                 [](Xapian::termpos v, const Paragraph& x) { return v < x.first; });
            if (it == paragraphs.begin()) {
                continue;
            }
            const std::size_t index = static_cast<std::size_t>(it - paragraphs.begin()) - 1;
            if (index == last_paragraph) {
                continue;
            }
            last_paragraph = index;
            const Paragraph& para = paragraphs[index];
            auto result = evaluate(root, spans, para.first, para.first + para.words);
            if (!result || result->empty()) {
                continue;
            }
            std::sort(result->begin(), result->end());
            std::vector<Span> merged;
            for (const Span& s : *result) {
                if (!merged.empty() && s.first <= merged.back().last) {
                    merged.back().last = std::max(merged.back().last, s.last);
                } else {
                    merged.push_back(s);
                }
            }
            out.push_back({index, std::move(merged)});
        }
        return out;
    }

    // Resolves word positions of one paragraph to code points by reading it again.
    struct ParagraphText {
        std::string text;  // the line
        std::vector<WordSpan> words;
        std::int64_t start_cp = 0;
        std::int64_t trimmed_start = 0;  // code points in the document
        std::int64_t trimmed_end = 0;
    };

    // Reads one paragraph from the project file (its bytes only) and finds its first
    // `needed` words again.
    ParagraphText read_paragraph(Id document, const Paragraph& p, std::size_t needed) {
        ParagraphText t;
        t.text = project.document_text_bytes(document, p.start_byte, p.bytes);
        needed = std::min<std::size_t>(needed, p.words);
        t.words = tokenizer.spans(t.text, needed);
        t.start_cp = p.start_cp;
        const std::size_t first = t.text.find_first_not_of(" \t\f\v\r");
        const std::size_t last = t.text.find_last_not_of(" \t\f\v\r");
        t.trimmed_start = p.start_cp + count_code_points(std::string_view(t.text).substr(0, first));
        t.trimmed_end =
            p.start_cp + count_code_points(std::string_view(t.text).substr(0, last + 1));
        if (t.words.size() != needed) {
            throw SearchIndexError("the search index does not match the project's text");
        }
        return t;
    }

    // The text around a hit, cut at spaces: context is measured in bytes, so that only
    // the words up to the hit have to be found again.
    static std::string snippet(const ParagraphText& t, const std::vector<Span>& spans,
                               const Paragraph& p, const Span& hit) {
        constexpr std::size_t kBefore = 36;
        constexpr std::size_t kAfter = 110;
        const std::string& x = t.text;
        const std::size_t hit_from = t.words[hit.first - p.first].byte_start;
        const std::size_t hit_to = t.words[hit.last - p.first].byte_end;
        std::size_t from = x.find_first_not_of(" \t\f\v\r");
        std::size_t to = x.find_last_not_of(" \t\f\v\r") + 1;
        bool cut_before = false;
        bool cut_after = false;
        if (hit_from > from + kBefore) {
            const std::size_t space = x.find(' ', hit_from - kBefore);
            if (space != std::string::npos && space < hit_from) {
                from = space + 1;
                cut_before = true;
            }
        }
        if (hit_to + kAfter < to) {
            const std::size_t space = x.rfind(' ', hit_to + kAfter);
            if (space != std::string::npos && space >= hit_to) {
                to = space;
                cut_after = true;
            }
        }
        std::string out = cut_before ? "\u2026" : "";
        std::size_t at = from;
        for (const Span& s : spans) {
            const std::size_t b = t.words[s.first - p.first].byte_start;
            const std::size_t e = t.words[s.last - p.first].byte_end;
            if (b < at || e > to) {
                continue;
            }
            out.append(x, at, b - at);
            out += "**";
            out.append(x, b, e - b);
            out += "**";
            at = e;
        }
        out.append(x, at, to - at);
        if (cut_after) {
            out += "\u2026";
        }
        return out;
    }

    std::set<std::string> field_names() {
        std::set<std::string> names{"doc", "document", "case", "code", "coder"};
        for (const Attribute& a : project.attributes()) {
            names.insert(a.name);
        }
        return names;
    }

    // The nodes that must all hold for the query to hold: the root, or the members of
    // its AND, and of ANDs within that AND ("(code:X trust) family").
    static void conjuncts_of(const QueryNode& n, std::vector<const QueryNode*>& out) {
        if (n.kind == QueryNode::Kind::And) {
            for (const QueryNode& c : n.children) {
                conjuncts_of(c, out);
            }
        } else {
            out.push_back(&n);
        }
    }

    // Field filters in the query become scope filters.
    void apply_fields(const QueryNode& root, ScopeFilter& filter) {
        std::vector<const QueryNode*> conjuncts;
        conjuncts_of(root, conjuncts);
        for (const QueryNode* c : conjuncts) {
            if (c->kind != QueryNode::Kind::Field) {
                continue;
            }
            const std::string& name = c->name;
            if (name == "doc" || name == "document") {
                filter.documents.push_back(project.find_document(c->value).id);
            } else if (name == "case") {
                filter.cases.push_back(project.find_case(c->value).id);
            } else if (name == "code") {
                filter.codes.push_back(project.find_code(c->value).id);
            } else if (name == "coder") {
                filter.coders.push_back(project.find_coder(c->value).id);
            } else {
                filter.attributes.emplace_back(name, c->value);
            }
        }
    }

    SearchResults search(const SearchRequest& request) {
        ensure_current();
        const std::set<std::string> fields = field_names();
        const QueryNode root = parse_query(request.query, tokenizer, [&](const std::string& name) {
            return fields.count(name) > 0;
        });
        ScopeFilter filter = request.filter;
        apply_fields(root, filter);
        SearchResults results;
        results.explained = describe(root);
        const Scope scope = resolve_scope(project, filter);
        const bool ranged_scope =
            !scope.everything && std::any_of(scope.documents.begin(), scope.documents.end(),
                                             [](const auto& d) { return d.second.has_value(); });

        std::map<const QueryNode*, Leaf> leaves;
        const Xapian::Query query = build(root, leaves);

        class InScope : public Xapian::MatchDecider {
        public:
            explicit InScope(const Scope& s) : scope_(s) {}
            bool operator()(const Xapian::Document& d) const override {
                return scope_.contains_document(static_cast<Id>(d.get_docid()));
            }

        private:
            const Scope& scope_;
        } decider(scope);

        Xapian::Enquire enquire(*db);
        enquire.set_query(query);
        const std::size_t wanted = request.offset + request.limit;
        std::size_t counted = 0;  // hits so far, in rank order
        std::size_t documents_with_hits = 0;
        std::map<Id, std::size_t> per_document;
        std::map<Id, std::size_t> per_code;
        std::map<Id, std::string> names;
        bool done = false;
        // A page usually fills from the first few documents: ask Xapian for few (it then
        // checks phrases and NEAR in few), and for more each time another batch is needed.
        Xapian::doccount batch = request.count_all ? db->get_doccount() + 1 : 4;
        for (Xapian::doccount first = 0; !done; first += batch, batch *= 4) {
            const Xapian::MSet mset =
                enquire.get_mset(first, batch, 0, nullptr, scope.everything ? nullptr : &decider);
            if (mset.empty()) {
                break;
            }
            for (auto m = mset.begin(); m != mset.end() && !done; ++m) {
                const Xapian::docid did = *m;
                const Id doc_id = static_cast<Id>(did);
                const std::vector<Paragraph>& paragraphs = paragraphs_of(m);
                const std::vector<ParagraphHits> found =
                    document_hits(root, leaves, did, paragraphs);
                if (found.empty()) {
                    continue;
                }
                std::vector<Coding> codings;
                const bool need_codes = request.count_all;
                if (need_codes) {
                    CodingFilter cf;
                    cf.document_id = doc_id;
                    codings = project.codings(cf);
                }
                std::size_t in_document = 0;
                for (const ParagraphHits& ph : found) {
                    const Paragraph& para = paragraphs[ph.paragraph];
                    // Resolve to characters only what is shown or must be checked.
                    const bool must_resolve =
                        ranged_scope || need_codes ||
                        (counted + ph.spans.size() > request.offset && counted < wanted);
                    std::optional<ParagraphText> pt;
                    if (must_resolve) {
                        // Only as far as the paragraph's last hit.
                        const std::size_t needed = ph.spans.back().last - para.first + 1;
                        pt = read_paragraph(doc_id, para, needed);
                    }
                    for (const Span& s : ph.spans) {
                        std::int64_t start = 0;
                        std::int64_t end = 0;
                        if (pt) {
                            start = pt->start_cp + pt->words[s.first - para.first].start;
                            end = pt->start_cp + pt->words[s.last - para.first].end;
                            if (ranged_scope && !scope.contains(doc_id, start, end)) {
                                continue;
                            }
                        }
                        if (counted >= request.offset && counted < wanted) {
                            Hit h;
                            h.document = doc_id;
                            h.start = start;
                            h.end = end;
                            h.paragraph_start = pt->trimmed_start;
                            h.paragraph_end = pt->trimmed_end;
                            h.snippet = snippet(*pt, ph.spans, para, s);
                            h.score = m.get_weight();
                            results.hits.push_back(std::move(h));
                        } else if (counted >= wanted && !request.count_all) {
                            results.more = true;
                            done = true;
                            break;
                        }
                        ++counted;
                        ++in_document;
                        if (need_codes) {
                            std::set<Id> codes_here;
                            for (const Coding& c : codings) {
                                if (c.start <= start && end <= c.end &&
                                    (filter.coders.empty() ||
                                     std::count(filter.coders.begin(), filter.coders.end(),
                                                c.coder_id) > 0)) {
                                    codes_here.insert(c.code_id);
                                }
                            }
                            for (const Id c : codes_here) {
                                ++per_code[c];
                            }
                        }
                    }
                    if (done) {
                        break;
                    }
                }
                if (in_document > 0) {
                    ++documents_with_hits;
                    per_document[doc_id] += in_document;
                }
            }
            if (mset.size() < batch) {
                break;
            }
        }
        if (request.count_all) {
            results.more = counted > wanted;
            results.total_hits = counted;
            results.total_documents = documents_with_hits;
            for (const auto& [id, n] : per_document) {
                results.by_document.push_back({id, project.document_name(id), n});
            }
            for (const auto& [id, n] : per_code) {
                results.by_code.push_back({id, project.code_path(id), n});
            }
            auto most_first = [](const Facet& a, const Facet& b) {
                return a.hits > b.hits || (a.hits == b.hits && a.name < b.name);
            };
            std::sort(results.by_document.begin(), results.by_document.end(), most_first);
            std::sort(results.by_code.begin(), results.by_code.end(), most_first);
        }
        std::map<Id, std::string> doc_names;
        for (Hit& h : results.hits) {
            auto it = doc_names.find(h.document);
            if (it == doc_names.end()) {
                it = doc_names.emplace(h.document, project.document_name(h.document)).first;
            }
            h.document_name = it->second;
        }
        return results;
    }
};

// ---------------------------------------------------------------------------------------

std::string Index::default_folder(const std::string& project_guid) {
    const fs::path base = fs::path(util::user_cache_dir()) / "index";
    make_private_folder(base);
    return (base / project_guid).string();
}

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
        }
    } catch (const Xapian::Error& e) {
        throw SearchIndexError("search: " + e.get_msg());
    }
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

CodeHitsOutcome code_hits(Project& project, const std::vector<Hit>& hits, Id code, Id coder,
                          Spread spread) {
    std::set<std::tuple<Id, std::int64_t, std::int64_t>> ranges;
    for (const Hit& h : hits) {
        if (spread == Spread::Paragraph) {
            ranges.insert({h.document, h.paragraph_start, h.paragraph_end});
        } else {
            ranges.insert({h.document, h.start, h.end});
        }
    }
    CodeHitsOutcome outcome;
    Project::Action action(project);
    for (const auto& [doc, start, end] : ranges) {
        const ApplyOutcome r = project.apply_code(doc, code, coder, start, end);
        if (r.existed) {
            ++outcome.already_coded;
        } else {
            outcome.added.push_back(r.coding.id);
        }
    }
    action.commit();
    return outcome;
}

}  // namespace quire::search
