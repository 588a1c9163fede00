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
#include "core/base/text_range.h"
#include "search/query.h"
#include "search/search.h"
#include "search/tokenizer.h"

// Private to the search library: the state behind Index and the types its parts share
// (index_build.cpp and index_shards.cpp build, index_query.cpp decides a query per
// paragraph, index_search.cpp runs a search, index_hits.cpp resolves hits).
// Xapian may appear here and in the .cpp files only, never in search's public headers.
//
// Contract: as search.h; functions here may also throw Xapian::Error, which Index's
// public methods turn into SearchIndexError.
namespace quire::search {

// What the index holds contradicts itself or the project: a damaged cache, which
// Index::search() rebuilds and searches again rather than reporting.
class DamagedIndexError : public SearchIndexError {
public:
    using SearchIndexError::SearchIndexError;
};

// Bump when what is indexed or how it is encoded changes, folding included (tokenizer.h):
// older indexes are rebuilt. 2: letters without a decomposition fold to ASCII (Ł -> l).
inline constexpr const char* kFormat = "quire-search-2";
inline constexpr const char* kFormatKey = "quire:format";
inline constexpr const char* kProjectKey = "quire:project";
inline constexpr const char* kLanguageKey = "quire:language";
inline constexpr const char* kProjectPathKey = "quire:project-path";  // where it was last seen
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
// DamagedIndexError when the table is damaged.
std::string encode_paragraphs(const std::vector<Paragraph>& ps);
std::vector<Paragraph> decode_paragraphs(const std::string& data);

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

// Word positions [first, last] (inclusive, as Xapian numbers them) of one match of a query
// leaf in one document. Not code points: ParagraphText::range_of gives those.
struct PositionRange {
    Xapian::termpos first = 0;
    Xapian::termpos last = 0;
    bool operator<(const PositionRange& o) const {
        return first < o.first || (first == o.first && last < o.last);
    }
    bool operator==(const PositionRange& o) const { return first == o.first && last == o.last; }
};

// A word, prefix or phrase of the query and the index terms it stands for.
struct Leaf {
    const QueryNode* node = nullptr;
    std::vector<std::string> terms;  // Word: its forms; ExactWord, Prefix, Phrase: the words
};

// Where an index term (or prefix) of the query is used: word `slot` of leaf `leaf` (a
// phrase's words are its slots; other leaves have one).
struct TermUse {
    std::uint32_t leaf = 0;
    std::uint32_t slot = 0;
};

// The matches of one paragraph that make the query true there.
struct ParagraphHits {
    std::size_t paragraph = 0;
    std::vector<PositionRange> spans;  // sorted, overlapping ones merged
};

// A parsed query against one index (index_query.cpp): the Xapian query that finds the
// candidate documents, and the paragraph-level decision of AND, NOT, phrases and NEAR in
// each of them. Deciding one document costs O(n log n) in the matches of its leaves (and a
// pass over its terms when the query has many), whatever the number of paragraphs or of
// words ORed. Keeps references to its arguments.
class ParagraphMatcher {
public:
    ParagraphMatcher(const Xapian::Database& db, const Xapian::Stem& stem, const QueryNode& root);

    // A superset of the documents with hits, ranked by BM25.
    const Xapian::Query& document_query() const { return query_; }
    // The paragraphs of document `did` where the query holds, in text order.
    std::vector<ParagraphHits> hits_in(Xapian::docid did,
                                       const std::vector<Paragraph>& paragraphs) const;

    // Every position of each leaf's words in document `did`: [leaf][slot], sorted.
    using LeafPositions = std::vector<std::vector<std::vector<Xapian::termpos>>>;

private:
    std::vector<std::string> forms_of(const std::string& word) const;
    Xapian::Query leaf_query(const QueryNode& n);
    Xapian::Query document_query(const QueryNode& n);
    void collect_leaves(const QueryNode& n);
    void use_term(const std::string& term, bool prefix, TermUse use);
    LeafPositions leaf_positions(Xapian::docid did) const;

    const Xapian::Database& db_;
    const Xapian::Stem& stem_;
    const QueryNode& root_;
    // Filled while query_ is built.
    std::vector<Leaf> leaves_;
    std::unordered_map<const QueryNode*, std::uint32_t> leaf_of_;
    std::unordered_map<std::string, std::vector<TermUse>> exact_;     // term -> its uses
    std::unordered_map<std::string, std::vector<TermUse>> prefixes_;  // prefix -> its uses
    std::size_t shortest_prefix_ = static_cast<std::size_t>(-1);
    std::size_t longest_prefix_ = 0;
    std::size_t named_terms_ = 0;  // index terms the query names, wildcards expanded
    Xapian::Query query_;
};

// One paragraph read again from the project file (index_hits.cpp), to resolve its
// matches' word positions to code points and cut their snippets.
struct ParagraphText {
    std::string text;             // the line
    std::vector<WordSpan> words;  // its words, as far as the last match
    Xapian::termpos first = 1;    // the position of words[0]
    std::int64_t start_cp = 0;
    TextRange trimmed;  // the line without the spaces around it, in the document

    // The code points of the words of `match`, in the document.
    TextRange range_of(const PositionRange& match) const;
    // The text around `hit`, cut at spaces, with the paragraph's `matches` marked.
    std::string snippet(const std::vector<PositionRange>& matches, const PositionRange& hit) const;
};

// Reads one paragraph from the project file (its bytes only) and finds its first `needed`
// words again. Throws SearchIndexError when they are not there.
ParagraphText read_paragraph(Project& project, Tokenizer& tokenizer, Id document,
                             const Paragraph& p, std::size_t needed);

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

// --- the cache folder (index_folders.cpp) ---------------------------------------------

// A folder beside `target` for one rebuild, unique to this process and call, so parallel
// rebuilds never share one: "<target>.build-<pid>-<n>".
std::filesystem::path fresh_build_folder(const std::filesystem::path& target);
// Removes rebuild folders beside `target` whose process has gone (a crash, a kill).
void remove_abandoned_builds(const std::filesystem::path& target);
// Puts the finished index at `fresh` in place of `target` in one step and removes the old
// one; throws SearchIndexError (and removes `fresh`) when it cannot.
void swap_into_place(const std::filesystem::path& fresh, const std::filesystem::path& target);

// Whether the index's files are as Quire last wrote or checked them (by their sizes,
// times and inodes), and recording that they are. Anything else that wrote them (a disk
// error, a person, another program) makes the next open check the tables first.
bool index_files_unchanged(const std::filesystem::path& folder);
void record_index_files(const std::filesystem::path& folder);
// Xapian's own check of every table: "" when sound, else what is wrong with them.
std::string check_index_tables(const std::filesystem::path& folder);

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
    std::string project_path;      // absolute, as recorded for pruning
    std::string recorded_path;     // as the index last recorded it
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
    // Nothing to add or remove, yet the project's counter moved (or the project is at
    // another path): remember where it stands, so that the next search need not compare
    // the document lists again, and pruning knows where the project is.
    void record_generation(std::int64_t gen);
    // Removes and adds documents in one commit.
    void write_changes(const DocumentChanges& changes, std::int64_t gen, const Progress& progress);
    void ensure_current();

    // --- searching (index_search.cpp) --------------------------------------------------

    SearchResults search(const SearchRequest& request);
    // Names of this project's fields are filters; other "name:value" runs are words.
    QueryNode parse(const std::string& query);
    // Field filters in the query become scope filters.
    void apply_fields(const QueryNode& root, ScopeFilter& filter);
    // Throws DamagedIndexError when the table does not fit the document's recorded size.
    const std::vector<Paragraph>& paragraphs_of(const Xapian::MSetIterator& m);
    // Every listed document is there, with a paragraph table that fits it: "" when so,
    // else what is wrong. Reads every document's data: for Index::check(), not for search.
    std::string check_documents();
};

}  // namespace quire::search
