// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/base/model.h"
#include "core/project/project.h"
#include "core/query/query.h"

// What the query engine's files share: passages as sorted lists, the codings in memory,
// the words, paragraphs and turns of documents, the codebook's tree and the cases' links.
namespace quire::query::detail {

// Passages sorted by document, start and end. "Merged" lists are also disjoint and do not
// touch: the text a set covers.
using Spans = std::vector<Passage>;

void sort_unique(Spans& s);
Spans merged(Spans s);
// On merged lists; the results are merged.
Spans intersect(const Spans& a, const Spans& b);
Spans unite(const Spans& a, const Spans& b);
Spans subtract(const Spans& a, const Spans& b);
// The passages of `a` that share a character with the merged `b`.
Spans overlapping(const Spans& a, const Spans& merged_b);

// [begin, end) of the passages of each document, in list order.
struct DocumentSlice {
    Id document = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
};
std::vector<DocumentSlice> slices(const Spans& s);

// The project's codings in memory, read as questions need them: one code's by a seek in the
// index by code, every code's by one scan of the file when a question spans many codes, a
// document's by a seek in the index by document. Everything read is dropped when the
// project's coding counter moves.
class CodingStore {
public:
    // A run of rows held by the store: valid until the next refresh() or load_all().
    struct Rows {
        const CodingRow* first = nullptr;
        const CodingRow* last = nullptr;
        const CodingRow* begin() const { return first; }
        const CodingRow* end() const { return last; }
    };

    // Drops what was read when the codings changed since; true when it did.
    bool refresh(Project& project);
    // Distinct ranges of these codes by these coders (empty: any coder).
    Spans passages(const std::vector<Id>& codes, const std::vector<Id>& coders);
    // Distinct ranges these coders coded with any code.
    Spans coded_by(const std::vector<Id>& coders);
    // The document's codings by start.
    const std::vector<CodingRow>& document_rows(Id document);
    // Reads every coding at once (cheaper than many seeks when a question spans many codes).
    void load_all();
    std::size_t loaded() const { return loaded_; }

private:
    // One code's codings by document, start, end and coder.
    Rows code_rows(Id code);

    Project* project_ = nullptr;
    std::int64_t generation_ = -1;
    bool all_ = false;
    std::size_t loaded_ = 0;
    // load_all: every row, by code and then by position; each code's run.
    std::vector<CodingRow> all_rows_;
    std::unordered_map<Id, std::pair<std::size_t, std::size_t>> runs_;
    // Codes read one at a time before (or without) load_all.
    std::unordered_map<Id, std::vector<CodingRow>> by_code_;
    std::unordered_map<Id, std::vector<CodingRow>> by_document_;
};

// A document's words, paragraphs and turns (core/agreement/units.h), read on first use.
struct Layout {
    std::int64_t length = 0;
    std::vector<TextRange> words;
    std::vector<TextRange> paragraphs;
    std::vector<TextRange> turns;
};

class Layouts {
public:
    const Layout& of(Project& project, Id document);
    void clear() { cache_.clear(); }

private:
    std::unordered_map<Id, Layout> cache_;
};

// Words that lie wholly inside [from, to).
std::int64_t words_between(const Layout& layout, std::int64_t from, std::int64_t to);
// Words that share a character with the range.
std::int64_t words_touching(const Layout& layout, const TextRange& r);
// The text a passage reaches by a proximity: the paragraphs (turns) it touches with `n`
// more either side, or `n` words either side (an end one past, so that a passage starting
// right after the n-th word still overlaps).
TextRange unit_reach(const std::vector<TextRange>& units, const TextRange& r, int n,
                     std::int64_t length);
TextRange word_reach(const Layout& layout, const TextRange& r, int n);

// The codebook as a tree, read once per question.
struct CodeTree {
    explicit CodeTree(Project& project);
    std::vector<Code> codes;  // tree order
    std::unordered_map<Id, std::string> paths;
    std::unordered_map<Id, std::vector<Id>> children;
    // The code and every descendant.
    std::vector<Id> with_descendants(Id code) const;
};

// Which cases each document's text belongs to: whole documents and linked passages.
class CaseIndex {
public:
    explicit CaseIndex(Project& project);
    // Cases the passage belongs to, by id, sorted.
    std::vector<Id> cases_of(const Passage& p) const;
    const std::map<Id, std::string>& names() const { return names_; }

private:
    struct Link {
        Id case_id = 0;
        std::optional<TextRange> range;
    };
    std::unordered_map<Id, std::vector<Link>> links_;
    std::map<Id, std::string> names_;
};

// The scope's text as merged passages; lengths give whole documents their end.
Spans scope_spans(const Scope& scope, const std::unordered_map<Id, std::int64_t>& lengths);

// Pairs of passages from several sources that co-occur (share a character, a paragraph, a
// turn, or lie within `distance` words), found by one sweep per document.
struct CooccurSweep {
    std::vector<std::vector<std::int64_t>> with;  // [i][j]: passages of i that meet a j
    std::vector<std::vector<std::int64_t>> pairs;
    std::vector<std::vector<bool>> distorted;
    std::vector<std::vector<Spans>> drill;  // when asked: [i][j]
};
// Above `split_above` passages in all, the documents are shared between two threads.
constexpr std::size_t kSplitSweepAbove = 200000;
CooccurSweep sweep_cooccurrence(Project& project, Layouts& layouts,
                                const std::vector<Spans>& sources, Node::Relation by, int distance,
                                bool keep_passages, std::size_t split_above = kSplitSweepAbove);

}  // namespace quire::query::detail
