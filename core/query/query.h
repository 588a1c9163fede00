// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/model.h"
#include "core/base/text_range.h"
#include "core/project/scope.h"
#include "core/query/expression.h"

// The evaluator's questions, answered from the codings: coding queries (expression.h), and
// the matrices, crosstabs and co-occurrence tables built on the same passages.
//
// A passage is a range of one document. A code's passages are its codings' ranges, one per
// distinct range whatever the number of coders who made it. Every count a matrix or a
// co-occurrence table shows is the number of passages its drill-down lists.
//
// The Engine keeps every coding in memory (ranges sorted by document and start, about 40
// bytes a coding) and reads them again when the project's coding counter has moved, so its
// answers are those of the file at the time of the call.
//
// Contract: every method may throw quire::Error subclasses: QueryError (malformed query, with
// its character), NotFoundError (an unknown code, coder, document, group, case, attribute or
// saved query), InvalidInputError (a text operand without a text finder, an axis that is not
// understood). Nothing changes the project but Engine::store_as_code, one transaction.
namespace quire {
class Project;
}

namespace quire::query {

struct Passage {
    Id document = 0;
    TextRange range;
    bool operator==(const Passage& o) const {
        return document == o.document && range.start == o.range.start && range.end == o.range.end;
    }
    bool operator<(const Passage& o) const {
        if (document != o.document) {
            return document < o.document;
        }
        if (range.start != o.range.start) {
            return range.start < o.range.start;
        }
        return range.end < o.range.end;
    }
};

// Text operands: every match of a text search in the project, as code-point ranges per
// document. The search layer supplies one over its index (search/text_finder.h).
class TextFinder {
public:
    virtual ~TextFinder() = default;
    virtual std::map<Id, std::vector<TextRange>> find(const std::string& text) = 0;
};

struct QueryOptions {
    std::vector<Id> coders;  // whose codings code operands count; empty: everyone's
    ScopeFilter scope;       // documents, groups, cases, attributes every operand lies in
};

struct QueryHit {
    Passage passage;
    std::string document;  // its name
    std::string text;
    std::string before;  // context
    std::string after;
    std::vector<Id> codes;  // codes of the chosen coders' codings that overlap the passage
    std::vector<std::string> code_paths;
    std::vector<Id> coders;  // the coders of those codings
    std::vector<std::string> coder_names;
    std::vector<std::string> cases;  // cases the passage belongs to
};

struct Count {
    Id id = 0;
    std::string name;
    std::int64_t passages = 0;
};

struct QueryResult {
    std::string expression;          // canonical form (to_text)
    std::vector<QueryHit> hits;      // in document order, then by start; up to the limit
    std::int64_t total = 0;          // passages in all
    std::vector<Count> by_document;  // passages per document, documents in project order
    std::vector<Count> by_code;      // passages that overlap each code's codings, tree order
};

// --- matrices and crosstabs ---

struct Axis {
    enum class Kind { Codes, Documents, Cases, Groups, Attribute, Queries };
    Kind kind = Kind::Codes;
    std::string branch;                // Codes: a parent's path; its descendants only
    std::string attribute;             // Attribute: one column per value
    std::vector<std::string> queries;  // Queries: saved queries' names
};

// "codes", "codes:\"Parent\"", "documents", "cases", "groups", "attr:role",
// "queries:A,B". Throws InvalidInputError for anything else.
Axis parse_axis(const std::string& text);

enum class Measure { Segments, Documents, Cases, Words, Characters };
enum class Percent { None, Row, Column, Total };
Measure measure_from_string(const std::string& name);
Percent percent_from_string(const std::string& name);

struct MatrixRequest {
    Axis rows;
    Axis cols;
    Measure measure = Measure::Segments;
    Percent percent = Percent::None;
    QueryOptions options;
    bool with_passages = false;  // keep each cell's passages for drill-down
};

struct MatrixCell {
    std::int64_t count = 0;
    std::optional<double> percent;  // of the row's, column's or table's total count
    std::vector<Passage> passages;  // with_passages
};

struct Matrix {
    std::vector<std::string> rows;
    std::vector<std::string> cols;
    std::vector<std::vector<MatrixCell>> cells;  // cells[r][c]
    std::string measure;                         // "segments", ...
};

// --- code co-occurrence ---

struct CooccurRequest {
    std::vector<Id> codes;                         // empty: every code with codings
    Node::Relation by = Node::Relation::Overlaps;  // Overlaps, SamePara, SameTurn, SameDoc, Near
    int distance = 0;                              // Near: words
    QueryOptions options;
    bool with_passages = false;
};

struct CooccurPair {
    std::size_t a = 0;  // indexes into codes
    std::size_t b = 0;
    std::int64_t a_with_b = 0;  // passages of a that co-occur with a passage of b
    std::int64_t b_with_a = 0;
    std::int64_t n12 = 0;     // co-occurring pairs of passages (ATLAS.ti's co-occurrence count)
    std::optional<double> c;  // n12 / (n1 + n2 - n12); none when that is not positive
    bool distorted = false;   // a passage co-occurs with more than one of the other code's
};

struct Cooccurrence {
    std::vector<Id> codes;
    std::vector<std::string> paths;
    std::vector<std::int64_t> passages;             // n1, n2, ... per code
    std::vector<std::vector<std::int64_t>> matrix;  // [i][j]: passages of i with a j; [i][i] = n_i
    std::vector<std::vector<std::vector<Passage>>> drill;  // with_passages: [i][j]
    std::vector<CooccurPair> pairs;                        // every pair with n12 > 0
};

// "overlap", "paragraph", "turn", "document", "near:N".
void cooccurrence_by_from_string(const std::string& by, CooccurRequest& request);

class Engine {
public:
    // `text` answers text operands; without it a text operand is refused.
    explicit Engine(Project& project, TextFinder* text = nullptr);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // The passages the expression stands for, sorted and distinct.
    std::vector<Passage> evaluate(const std::string& expression, const QueryOptions& options = {});
    std::vector<Passage> evaluate(const Node& expression, const QueryOptions& options = {});

    // Passages with their text (`context` code points either side), codes, coders and
    // cases, up to `limit` hits (0: all), and the totals per document and per code.
    QueryResult run(const std::string& expression, const QueryOptions& options = {},
                    std::size_t limit = 0, int context = 60);

    Matrix matrix(const MatrixRequest& request);
    Cooccurrence cooccur(const CooccurRequest& request);

    // Codes every passage with `code` (created at top level when no code has that path)
    // as `coder`, in one transaction: one undoable action. Returns the codings added.
    std::int64_t store_as_code(const std::vector<Passage>& passages, const std::string& code,
                               Id coder);

    // How many codings the structure holds, and whether it was read again on the last call.
    std::size_t codings_loaded() const;

    struct Impl;  // engine_impl.h: for the engine's own files only

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace quire::query
