// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/model.h"
#include "core/base/progress.h"
#include "core/base/text_range.h"
#include "core/project/scope.h"
#include "search/query.h"

// Full-text search over a project's transcripts.
//
// The index is a cache of the project file, kept in the user's cache folder under the
// project's GUID and rebuilt whenever it is missing, from another index format, for
// another language, or unreadable. It never holds anything the project does not: every
// search first checks the project's document generation and brings the index up to date.
//
// Each transcript is one indexed document whose words carry positions; a side table of
// paragraphs (their first word and first character) lets a hit resolve to its paragraph
// and, by re-reading that paragraph with the same tokenizer, to exact code points. A
// paragraph is a non-blank line of the stored text: the unit within which AND, NOT,
// phrases and NEAR are decided.
//
// Contract: every method may throw quire::Error subclasses: QueryError (malformed query),
// NotFoundError (unknown code, coder, case, document or attribute in a filter),
// SearchIndexError (the cache cannot be written or read), Cancelled (progress said stop).
// An Index uses its Project from the calling thread only.
namespace quire {
class Project;
}

namespace quire::search {

// Indexing reports (documents done, documents in all); see core/base/progress.h.
using quire::Progress;

struct SearchRequest {
    std::string query;
    ScopeFilter filter;  // combined with field filters in the query
    std::size_t offset = 0;
    std::size_t limit = 50;
    // Count every hit (total_hits) and the facets; otherwise only enough to fill the page.
    bool count_all = false;
};

struct Hit {
    Id document = 0;
    std::string document_name;
    TextRange range;      // code points of the matched words
    TextRange paragraph;  // the paragraph around the hit, trimmed
    std::string snippet;  // text around the hit; matched words between "**"
    double score = 0;     // relevance of the document (BM25); hits follow in text order
};

struct Facet {
    Id id = 0;
    std::string name;
    std::size_t hits = 0;
};

struct SearchResults {
    std::vector<Hit> hits;
    bool more = false;                           // hits exist past this page
    std::optional<std::size_t> total_hits;       // with count_all
    std::optional<std::size_t> total_documents;  // with count_all
    std::vector<Facet> by_document;              // with count_all, most hits first
    std::vector<Facet> by_code;                  // with count_all: hits inside each code
    std::string explained;                       // the parsed query, for --explain
};

struct IndexStats {
    std::string folder;
    std::size_t documents = 0;
    std::uint64_t words = 0;
    std::uint64_t bytes_on_disk = 0;
    std::uint64_t text_bytes = 0;  // UTF-8 size of the indexed text
    std::string language;          // stemmer in use ("english", "none")
};

struct UpdateReport {
    std::size_t added = 0;
    std::size_t removed = 0;
    bool rebuilt = false;
    std::string reason;  // why it was rebuilt
};

struct PrunedFolder {
    std::string folder;
    std::string reason;  // "… is gone", "a rebuild that did not finish"
    std::uint64_t bytes = 0;
};

struct PruneReport {
    std::vector<PrunedFolder> removed;
    std::size_t kept = 0;     // indexes of projects that are where they were
    std::size_t unknown = 0;  // indexes that do not say where their project is: kept
};

struct IndexCheck {
    std::string problem;   // what was wrong; empty when the index was sound
    UpdateReport rebuilt;  // when it was not: the rebuild
};

struct IndexOptions {
    std::string folder;  // default: <user cache>/quire/index/<project guid>
    int threads = 0;     // threads that build a whole index at once; 0: one per core
};

class Index {
public:
    // Opens the project's index, creating, rebuilding or updating it as needed.
    explicit Index(Project& project, const IndexOptions& options = {},
                   const Progress& progress = {});
    ~Index();
    Index(const Index&) = delete;
    Index& operator=(const Index&) = delete;

    // What opening the index did: built it, or added and removed documents.
    const UpdateReport& opened() const;
    // Brings the index up to date with the project's documents.
    UpdateReport update(const Progress& progress = {});
    // Throws the index away and builds it again from the project.
    UpdateReport rebuild(const Progress& progress = {});

    // Damage found while searching (a table Xapian reports corrupt, a paragraph table that
    // does not fit its document) rebuilds the index and searches again; throws
    // SearchIndexError for what a rebuild cannot cure.
    SearchResults search(const SearchRequest& request);
    IndexStats stats();
    // Reads every table of the index (Xapian's own check) and every document's entries,
    // and rebuilds the index when anything is wrong. Opening an index also checks its
    // tables, when its files were changed by anything but Quire since Quire last wrote them.
    IndexCheck check(const Progress& progress = {});

    static std::string default_folder(const std::string& project_guid);
    // Removes from `base` (default: the user's cache, <user cache>/quire/index) the indexes
    // whose project is no longer at the path the index last saw it at (or is another
    // project there), and rebuild folders whose process has gone. An index is a cache: a
    // project moved since it was last searched only rebuilds it on its next search.
    static PruneReport prune(const std::string& base = "");

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

enum class Spread { Hit, Paragraph };

struct CodeHitsOutcome {
    std::vector<Id> added;  // new codings, in the order applied (for undo)
    std::size_t already_coded = 0;
};

// Codes every hit (or the paragraph around it) with `code` as `coder`, in one transaction:
// all or nothing. Ranges that coincide are coded once.
CodeHitsOutcome code_hits(Project& project, const std::vector<Hit>& hits, Id code, Id coder,
                          Spread spread);

}  // namespace quire::search
