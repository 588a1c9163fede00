// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/agreement/coefficient.h"
#include "core/agreement/units.h"

// Coder agreement over coded transcripts: the computation behind `quire-cli agreement`
// and the GUI's agreement view, independent of storage. Raters are coders or, for
// group comparisons, groups of coders (a unit counts for a group if any member coded it).
//
// Contract: no storage and no shared state (a Comparison counts the unitized family on a
// thread of its own, joined before finish() returns or the Comparison is destroyed);
// InvalidInputError for malformed input (ranges outside a document, rater or code indices
// out of range, more than 64 raters).
namespace quire::agreement {

struct RatedRange {
    int rater = 0;
    int code = 0;
    std::int64_t start = 0;  // code points, half-open
    std::int64_t end = 0;
};

struct ComparisonDocument {
    std::string name;
    std::int64_t length = 0;  // code points
    std::string text;         // needed for word, sentence, paragraph and turn units
    std::vector<RatedRange> codings;
};

struct ComparisonInput {
    std::vector<std::string> raters;  // coder names, or group labels
    std::vector<std::string> codes;   // code paths; RatedRange::code indexes this
    std::vector<ComparisonDocument> documents;
    UnitKind unit = UnitKind::Character;
    // A unit counts as coded by a rater when the rater's codings cover at least this share
    // of it; 0 means any character.
    double min_coverage = 0.0;
    // Segment units: two segments match when their overlap is at least this share of the
    // range they cover together (MAXQDA's criterion).
    double segment_overlap = 0.9;
    // Which families to compute; per-code figures always are. Switching the others off
    // leaves them undefined with a note (for views that show per-code figures only).
    bool overall_measures = true;
    bool unitized_measures = true;
};

struct SegmentMatch {
    std::int64_t a_start, a_end, b_start, b_end;
    double overlap;  // overlap / union
};

struct DocumentAgreement {
    std::string document;
    std::int64_t units = 0;
    std::int64_t both = 0;           // units every rater coded
    std::int64_t neither = 0;        // units no rater coded
    std::vector<std::int64_t> only;  // per rater: units only that rater coded
    Coefficient percent_agreement;   // 0..100; mean over rater pairs for more than two
    Coefficient kappa;               // NVivo's formula; two raters only
    // Segment units only: matched pairs and the unmatched segments of each rater.
    std::vector<SegmentMatch> matched;
    std::vector<std::vector<TextRange>> unmatched;
};

struct CodeAgreement {
    std::string code;
    std::vector<DocumentAgreement> documents;
    // Pooled over documents (sums of the counts).
    Coefficient percent_agreement;
    Coefficient kappa;
    Coefficient fleiss_kappa;
    Coefficient krippendorff_alpha;
    Coefficient k_u_alpha;
    Coefficient alpha_u_1995;
};

struct OverallAgreement {
    Coefficient cohen_kappa;
    Coefficient scott_pi;
    Coefficient krippendorff_alpha;
    Coefficient brennan_prediger;
    Coefficient percent_agreement;
    Coefficient u_alpha;
    Coefficient binary_u_alpha;
    Coefficient cu_alpha;
    std::vector<Coefficient> k_u_alpha;  // per code, as in ComparisonInput::codes
    Coefficient alpha_u_1995;
};

struct ComparisonResult {
    std::vector<CodeAgreement> codes;
    OverallAgreement overall;
    std::vector<std::string> notes;  // caveats that apply to the whole run
};

ComparisonResult compare(const ComparisonInput& input);

// compare() for documents that arrive one at a time, e.g. while the next ones are still being
// read from a project: add() does each document's share of the work as it comes, finish()
// the pooled and unitized figures. compare(input) is the same as adding every document of
// `input` in order. Not for concurrent use: one thread at a time calls add(), then finish().
class Comparison {
public:
    // Takes the parameters of `input` (raters, codes, unit, thresholds, which families) and
    // ignores its documents; `documents` of them will be added. Throws InvalidInputError
    // for malformed parameters.
    Comparison(const ComparisonInput& input, std::size_t documents);
    ~Comparison();
    Comparison(const Comparison&) = delete;
    Comparison& operator=(const Comparison&) = delete;

    // Document `index` (0 <= index < documents), each exactly once and in any order; results
    // come in index order. Throws InvalidInputError for a coding outside the document or of
    // an unknown rater or code, and for an index out of range or given twice.
    void add(std::size_t index, const ComparisonDocument& document);

    // Every figure. Throws InvalidInputError if a document was not added. Call once.
    ComparisonResult finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace quire::agreement
