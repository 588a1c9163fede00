// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/base/model.h"
#include "search/query.h"
#include "search/search.h"
#include "search/tokenizer.h"

// Private to the search library: the state behind Index and the types its parts share
// (building in index_build.cpp, querying in index_query.cpp, hits in index_hits.cpp).
// Xapian may appear here and in the .cpp files only, never in search's public headers.
//
// Contract: as search.h; functions here may also throw Xapian::Error, which Index's
// public methods turn into SearchIndexError.
namespace quire::search {

// Bump when what is indexed or how it is encoded changes: older indexes are rebuilt.
inline constexpr const char* kFormat = "quire-search-1";
inline constexpr const char* kFormatKey = "quire:format";
inline constexpr const char* kProjectKey = "quire:project";
inline constexpr const char* kLanguageKey = "quire:language";
inline constexpr const char* kGenerationKey = "quire:generation";
inline constexpr const char* kManifestKey = "quire:manifest";  // "id guid words bytes" per line
inline constexpr const char* kStemPrefix = "XS";               // synonym key: XS + stem -> forms
inline constexpr const char* kUniquePrefix = "Q";              // Q + document GUID

// One paragraph of a transcript: a line with at least one word.
struct Paragraph {
    std::int64_t start_cp = 0;
    std::int64_t start_byte = 0;
    std::int64_t bytes = 0;
    Xapian::termpos first = 1;  // position of its first word
    Xapian::termcount words = 0;
};

// A document's paragraph table, as stored in its Xapian data. Decoding throws
// SearchIndexError when the table is damaged.
std::string encode_paragraphs(const std::vector<Paragraph>& ps);
std::vector<Paragraph> decode_paragraphs(const std::string& data);

std::int64_t count_code_points(std::string_view s);

struct ManifestEntry {
    std::string guid;
    std::uint64_t words = 0;
    std::uint64_t bytes = 0;
};
// The documents an index holds, by id, as stored in its metadata. Decoding throws
// SearchIndexError when the list is damaged.
using Manifest = std::map<Id, ManifestEntry>;
std::string encode_manifest(const Manifest& m);
Manifest decode_manifest(const std::string& s);

// Creates a folder (and its parents) that only its owner may read; throws SearchIndexError.
void make_private_folder(const std::filesystem::path& p);

// Positions matched by a query leaf in one document: [first, last] word positions.
struct Span {
    Xapian::termpos first = 0;
    Xapian::termpos last = 0;
    bool operator<(const Span& o) const {
        return first < o.first || (first == o.first && last < o.last);
    }
    bool operator==(const Span& o) const { return first == o.first && last == o.last; }
};

// A word, prefix or phrase of the query and the index terms it stands for.
struct Leaf {
    const QueryNode* node = nullptr;
    std::vector<std::string> terms;  // Word: its forms; ExactWord/Phrase: the words
};
using Leaves = std::map<const QueryNode*, Leaf>;
using LeafSpans = std::map<const QueryNode*, std::vector<Span>>;

// The spans of one paragraph that make the query true there.
struct ParagraphHits {
    std::size_t paragraph = 0;
    std::vector<Span> spans;  // sorted, overlapping ones merged
};

// Resolves word positions of one paragraph to code points by reading it again.
struct ParagraphText {
    std::string text;  // the line
    std::vector<WordSpan> words;
    std::int64_t start_cp = 0;
    std::int64_t trimmed_start = 0;  // code points in the document
    std::int64_t trimmed_end = 0;
};

// The text around a hit, cut at spaces, with the paragraph's hits marked.
std::string snippet(const ParagraphText& t, const std::vector<Span>& spans, const Paragraph& p,
                    const Span& hit);

using DocumentKeys = std::vector<std::pair<Id, std::string>>;  // id, GUID

// How the project's documents differ from those an index holds.
struct DocumentChanges {
    DocumentKeys to_add;        // new, or an id that now names another document
    std::vector<Id> to_remove;  // gone from the project, or replaced
    std::size_t gone = 0;       // how many of to_remove are gone from the project
};

// Writes transcripts into one Xapian database, and the stems of their word forms into its
// stem table (each form once). Used by one thread at a time, like its Tokenizer and Stem.
class DocumentWriter {
public:
    DocumentWriter(Xapian::WritableDatabase& db, Tokenizer& tokenizer, const Xapian::Stem& stem)
        : db_(db), tokenizer_(tokenizer), stem_(stem) {}
    // Writes or replaces document `id`; returns what the document list records of it.
    ManifestEntry write(Id id, const std::string& guid, const std::string& text);

private:
    Xapian::WritableDatabase& db_;
    Tokenizer& tokenizer_;
    const Xapian::Stem& stem_;
    std::unordered_set<std::string> stems_written_;
};

// Writes `docs` into one new database per folder (a contiguous block each), with a thread
// per folder, and returns what was written of each document (index_shards.cpp). Throws
// what a thread threw, or Cancelled.
std::vector<std::pair<Id, ManifestEntry>> write_shards(
    Project& project, const DocumentKeys& docs, const std::vector<std::filesystem::path>& folders,
    const std::string& stem_name, const Progress& progress);
// Merges the databases in `folders` into `target`, keeping document ids, and removes them.
void merge_shards(const std::filesystem::path& target,
                  const std::vector<std::filesystem::path>& folders);

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
    // Decoded paragraph tables of recently searched documents, like Xapian's own block
    // cache a cache of the index: emptied whenever the index changes.
    std::unordered_map<Xapian::docid, std::vector<Paragraph>> paragraph_cache;

    Impl(Project& p, const IndexOptions& options);

    // --- building and updating (index_build.cpp) -------------------------------------

    std::string open_reader();
    Xapian::WritableDatabase open_writer(const std::string& where, int flags);
    void add_documents(Xapian::WritableDatabase& w, const DocumentKeys& docs,
                       const Progress& progress);
    void write_metadata(Xapian::WritableDatabase& w, std::int64_t gen);
    void build_in_shards(const std::filesystem::path& target, const DocumentKeys& docs,
                         const Progress& progress);
    UpdateReport rebuild(const std::string& reason, const Progress& progress);
    UpdateReport update(const Progress& progress);
    DocumentChanges changes_since_indexed(const DocumentKeys& docs) const;
    // Nothing to add or remove, yet the project's counter moved: remember where it stands,
    // so that the next search need not compare the document lists again.
    void record_generation(std::int64_t gen);
    // Removes and adds documents in one commit.
    void write_changes(const DocumentChanges& changes, std::int64_t gen, const Progress& progress);
    void ensure_current();

    // --- searching (index_query.cpp) ---------------------------------------------------

    const std::vector<Paragraph>& paragraphs_of(const Xapian::MSetIterator& m);
    std::vector<std::string> forms_of(const std::string& word);
    Xapian::Query leaf_query(const QueryNode& n, Leaves& leaves);
    Xapian::Query build(const QueryNode& n, Leaves& leaves);
    void collect_leaves(const QueryNode& n, Leaves& leaves);
    std::vector<Span> leaf_spans(const Leaf& leaf, Xapian::docid did);
    std::optional<std::vector<Span>> evaluate(const QueryNode& n, const LeafSpans& leaf,
                                              Xapian::termpos lo, Xapian::termpos hi);
    std::vector<ParagraphHits> document_hits(const QueryNode& root, const Leaves& leaves,
                                             Xapian::docid did,
                                             const std::vector<Paragraph>& paragraphs);
    std::set<std::string> field_names();
    void apply_fields(const QueryNode& root, ScopeFilter& filter);
    SearchResults search(const SearchRequest& request);

    // --- hits (index_hits.cpp) ---------------------------------------------------------

    ParagraphText read_paragraph(Id document, const Paragraph& p, std::size_t needed);
};

}  // namespace quire::search
