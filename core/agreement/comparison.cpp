// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/comparison.h"

#include <algorithm>
#include <cassert>
#include <climits>
#include <cmath>
#include <cstdint>
#include <future>
#include <memory>
#include <unordered_map>

#include "core/agreement/binary.h"
#include "core/agreement/comparison_internal.h"
#include "core/agreement/radix_sort.h"
#include "core/agreement/reliability.h"
#include "core/agreement/unitized.h"
#include "core/base/errors.h"
#include "core/util/handoff_worker.h"

namespace quire::agreement {
namespace {

using namespace comparison_detail;

// The sweeps below rely on each rater's ranges being sorted and disjoint (touching is fine).
bool sorted_and_disjoint(const RangeList& ranges) {
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        if (ranges[i].start > ranges[i].end || (i > 0 && ranges[i].start < ranges[i - 1].end)) {
            return false;
        }
    }
    return true;
}

// Code points covered by each set of raters, by sweeping the boundaries of every rater's
// sorted, non-overlapping ranges in one merge (no sorting, no per-position work).
// `next` is scratch space, passed in so that the sweep allocates nothing.
void character_masks(const RangeList* per_rater, std::size_t raters, MaskCounts& counts,
                     std::vector<std::size_t>& next) {
    assert(std::all_of(per_rater, per_rater + raters, sorted_and_disjoint));
    counts.clear();
    if (raters == 2) {
        // The common case, unrolled: two cursors and no loops over raters.
        const RangeList& a = per_rater[0];
        const RangeList& b = per_rater[1];
        std::size_t i = 0;
        std::size_t j = 0;
        std::int64_t a_only = 0, b_only = 0, both = 0;
        while (i < a.size() && j < b.size()) {
            const TextRange& x = a[i];
            const TextRange& y = b[j];
            const std::int64_t common =
                std::max<std::int64_t>(0, std::min(x.end, y.end) - std::max(x.start, y.start));
            both += common;
            if (x.end <= y.end) {
                a_only += x.end - x.start;
                ++i;
            } else {
                b_only += y.end - y.start;
                ++j;
            }
        }
        for (; i < a.size(); ++i) {
            a_only += a[i].end - a[i].start;
        }
        for (; j < b.size(); ++j) {
            b_only += b[j].end - b[j].start;
        }
        // a_only and b_only hold each rater's total so far; the shared part counts once.
        a_only -= both;
        b_only -= both;
        if (a_only > 0) {
            counts.add(1, a_only);
        }
        if (b_only > 0) {
            counts.add(2, b_only);
        }
        if (both > 0) {
            counts.add(3, both);
        }
        return;
    }
    next.assign(raters, 0);
    Mask mask = 0;
    std::int64_t last = 0;
    while (true) {
        // The nearest boundary of any rater: the end of its current range or the start of
        // its next one.
        std::int64_t at = INT64_MAX;
        for (std::size_t r = 0; r < raters; ++r) {
            if (next[r] < per_rater[r].size()) {
                const TextRange& i = per_rater[r][next[r]];
                at = std::min(at, (mask >> r) & 1U ? i.end : i.start);
            }
        }
        if (at == INT64_MAX) {
            break;
        }
        if (mask != 0 && at > last) {
            counts.add(mask, at - last);
        }
        last = at;
        for (std::size_t r = 0; r < raters; ++r) {
            if (next[r] >= per_rater[r].size()) {
                continue;
            }
            const Mask bit = Mask{1} << r;
            const TextRange& i = per_rater[r][next[r]];
            if ((mask & bit) && i.end == at) {
                mask &= ~bit;
                ++next[r];
            }
            // A range may start where the previous one ended (touching ranges).
            if (!(mask & bit) && next[r] < per_rater[r].size() &&
                per_rater[r][next[r]].start == at) {
                mask |= bit;
            }
        }
    }
}

void unit_masks(const RangeList* per_rater, std::size_t raters, const std::vector<TextRange>& units,
                double min_coverage, MaskCounts& counts) {
    std::vector<CoverageCursor> cursors;
    cursors.reserve(raters);
    for (std::size_t r = 0; r < raters; ++r) {
        cursors.emplace_back(per_rater[r]);
    }
    counts.clear();
    for (const TextRange& u : units) {
        Mask mask = 0;
        for (std::size_t r = 0; r < cursors.size(); ++r) {
            if (counts_as_coded(cursors[r].covered(u.start, u.end), u.end - u.start,
                                min_coverage)) {
                mask |= Mask{1} << r;
            }
        }
        if (mask != 0) {
            counts.add(mask, 1);
        }
    }
}

Mask all_raters(std::size_t raters) {
    return raters >= 64 ? ~Mask{0} : (Mask{1} << raters) - 1;
}

std::int64_t coded_units(const MaskCounts& counts) {
    std::int64_t total = 0;
    for (const auto& [mask, n] : counts) {
        total += n;
    }
    return total;
}

// Percent agreement from mask counts: two raters agree on a unit when both or neither
// coded it; with more raters, the mean over all pairs.
Coefficient pairwise_percent(const MaskCounts& counts, std::int64_t units, std::size_t raters) {
    if (units <= 0) {
        return Coefficient::undefined("no units to compare");
    }
    if (raters < 2) {
        return Coefficient::undefined("agreement needs at least two coders");
    }
    double sum = 0;
    int pairs = 0;
    for (std::size_t i = 0; i < raters; ++i) {
        for (std::size_t j = i + 1; j < raters; ++j) {
            std::int64_t disagree = 0;
            for (const auto& [mask, n] : counts) {
                if (((mask >> i) & 1U) != ((mask >> j) & 1U)) {
                    disagree += n;
                }
            }
            sum += 100.0 * static_cast<double>(units - disagree) / static_cast<double>(units);
            ++pairs;
        }
    }
    return Coefficient::of(sum / pairs);
}

TwoRaterCounts two_rater_counts(const MaskCounts& counts, std::int64_t units) {
    TwoRaterCounts c;
    c.total = units;
    for (const auto& [mask, n] : counts) {
        if (mask & 1U) {
            c.a += n;
        }
        if (mask & 2U) {
            c.b += n;
        }
        if ((mask & 3U) == 3U) {
            c.both += n;
        }
    }
    return c;
}

std::vector<std::int64_t> histogram(const MaskCounts& counts, std::int64_t units,
                                    std::size_t raters) {
    std::vector<std::int64_t> h(raters + 1, 0);
    h[0] = units - coded_units(counts);
    for (const auto& [mask, n] : counts) {
        h[static_cast<std::size_t>(__builtin_popcountll(mask))] += n;
    }
    return h;
}

void fill_counts(DocumentAgreement& d, const MaskCounts& counts, std::int64_t units,
                 std::size_t raters) {
    d.units = units;
    d.neither = units - coded_units(counts);
    d.only.assign(raters, 0);
    const Mask full = all_raters(raters);
    for (const auto& [mask, n] : counts) {
        if (mask == full) {
            d.both += n;
        }
        if (__builtin_popcountll(mask) == 1) {
            d.only[static_cast<std::size_t>(__builtin_ctzll(mask))] += n;
        }
    }
    // Two raters: NVivo's functions, which stored runs use to recompute these (see
    // stored_report_json()); they equal the general pairwise form.
    d.percent_agreement = raters == 2 ? nvivo_percent_agreement(two_rater_counts(counts, units))
                                      : pairwise_percent(counts, units, raters);
    d.kappa = raters == 2 ? nvivo_kappa(two_rater_counts(counts, units))
                          : Coefficient::undefined(
                                "NVivo-style kappa compares two coders or two groups of coders");
}

// MAXQDA-style matching: a segment agrees when the other rater has a segment of the same
// code whose overlap is at least `threshold` of the range the two cover together.
void match_segments(DocumentAgreement& d, const RangeList& a, const RangeList& b,
                    double threshold) {
    auto best = [](const TextRange& s, const RangeList& others, TextRange& partner) {
        double best_share = 0;
        for (const TextRange& o : others) {
            const std::int64_t common = overlap(s, o);
            if (common == 0) {
                continue;
            }
            const std::int64_t together = std::max(s.end, o.end) - std::min(s.start, o.start);
            const double share = static_cast<double>(common) / static_cast<double>(together);
            if (share > best_share) {
                best_share = share;
                partner = o;
            }
        }
        return best_share;
    };
    d.unmatched.assign(2, {});
    d.only.assign(2, 0);
    std::int64_t matched = 0;
    for (const TextRange& s : a) {
        TextRange partner{};
        const double share = best(s, b, partner);
        if (share + 1e-12 >= threshold) {
            ++matched;
            d.matched.push_back({s.start, s.end, partner.start, partner.end, share});
        } else {
            d.unmatched[0].push_back(s);
            ++d.only[0];
        }
    }
    for (const TextRange& s : b) {
        TextRange partner{};
        if (best(s, a, partner) + 1e-12 >= threshold) {
            ++matched;
        } else {
            d.unmatched[1].push_back(s);
            ++d.only[1];
        }
    }
    d.units = static_cast<std::int64_t>(a.size() + b.size());
    d.both = matched;
    d.neither = 0;
    d.percent_agreement =
        d.units == 0
            ? Coefficient::undefined("neither coder applied the code in this document")
            : Coefficient::of(100.0 * static_cast<double>(matched) / static_cast<double>(d.units));
    d.kappa = Coefficient::undefined(
        "kappa needs units that neither coder coded, which segment matching does not have");
}

void validate(const ComparisonInput& in) {
    if (in.raters.empty()) {
        throw InvalidInputError("agreement needs at least one coder");
    }
    if (in.raters.size() > 64) {
        throw InvalidInputError("agreement compares at most 64 coders or groups");
    }
    if (in.min_coverage < 0 || in.min_coverage > 1 || in.segment_overlap <= 0 ||
        in.segment_overlap > 1) {
        throw InvalidInputError("coverage and overlap thresholds must be shares between 0 and 1");
    }
}

void validate_codings(const ComparisonInput& in, const ComparisonDocument& doc) {
    for (const RatedRange& r : doc.codings) {
        if (r.rater < 0 || static_cast<std::size_t>(r.rater) >= in.raters.size() || r.code < 0 ||
            static_cast<std::size_t>(r.code) >= in.codes.size()) {
            throw InvalidInputError("a coding refers to an unknown coder or code");
        }
        if (r.start < 0 || r.end > doc.length || r.start >= r.end) {
            throw InvalidInputError("a coding lies outside document \"" + doc.name + "\"");
        }
    }
}

}  // namespace

// The units a document is cut into; empty for characters and segments, which are swept.
namespace {

std::vector<TextRange> units_of(const ComparisonInput& in, const ComparisonDocument& doc) {
    std::vector<TextRange> units;
    if (in.unit == UnitKind::Word || in.unit == UnitKind::Sentence ||
        in.unit == UnitKind::Paragraph || in.unit == UnitKind::Turn) {
        units = text_units(doc.text, in.unit);
    } else if (in.unit == UnitKind::Document && doc.length > 0) {
        units.push_back({0, doc.length});
    }
    return units;
}

}  // namespace

struct Comparison::State {
    explicit State(const ComparisonInput& in) : overall(in.raters.size(), in.codes.size() + 1) {
        params.raters = in.raters;
        params.codes = in.codes;
        params.unit = in.unit;
        params.min_coverage = in.min_coverage;
        params.segment_overlap = in.segment_overlap;
        params.overall_measures = in.overall_measures;
        params.unitized_measures = in.unitized_measures;
    }
    ComparisonInput params;  // everything but the documents
    std::vector<bool> added;
    std::size_t documents_added = 0;
    ComparisonResult result;
    std::vector<MaskCounts> pooled;
    std::vector<std::int64_t> pooled_units, pooled_segments, pooled_matched;
    OverallTable overall;
    // When the unitized family is wanted: counted on a thread of its own, which each document's
    // continuum is handed to (declared after the accumulator, so it stops first).
    std::unique_ptr<UnitizedAccumulator> unitized;
    std::unique_ptr<util::HandoffWorker<std::pair<std::size_t, Continuum>>> unitized_worker;
    // Scratch space, kept between documents.
    std::vector<std::size_t> group_begin, group_next;
    std::vector<TextRange> grouped, flat;
    std::vector<CodedRange> coded_scratch;
    MaskCounts counts;
    std::vector<std::size_t> sweep_scratch;
    OverallScratch overall_scratch;

    // Every rater's ranges of every code, overlaps merged, pointing into `flat`.
    ByCode group_ranges(const ComparisonDocument& doc);
    void hand_to_unitized(std::size_t doc_index, const ComparisonDocument& doc,
                          const RangesByRater& by_rater);
    void count_per_code(std::size_t doc_index, const ComparisonDocument& doc, const ByCode& by_code,
                        const std::vector<TextRange>& units);
};

Comparison::Comparison(const ComparisonInput& in, std::size_t documents)
    : state_(std::make_unique<State>(in)) {
    validate(in);
    State& s = *state_;
    const std::size_t codes = in.codes.size();
    s.added.assign(documents, false);
    s.result.codes.resize(codes);
    for (std::size_t c = 0; c < codes; ++c) {
        s.result.codes[c].code = in.codes[c];
        s.result.codes[c].documents.resize(documents);
    }
    s.pooled.resize(codes);
    s.pooled_units.assign(codes, 0);
    s.pooled_segments.assign(codes, 0);
    s.pooled_matched.assign(codes, 0);
    if (in.unitized_measures) {
        s.unitized = std::make_unique<UnitizedAccumulator>(static_cast<int>(in.raters.size()),
                                                           static_cast<int>(codes), documents);
        UnitizedAccumulator& accumulator = *s.unitized;
        s.unitized_worker =
            std::make_unique<util::HandoffWorker<std::pair<std::size_t, Continuum>>>(
                [&accumulator](std::pair<std::size_t, Continuum>& item) {
                    accumulator.add(item.first, std::move(item.second));
                },
                4096);
    }
}

Comparison::~Comparison() = default;

ByCode Comparison::State::group_ranges(const ComparisonDocument& doc) {
    State& s = *this;
    const std::size_t raters = params.raters.size();
    const std::size_t codes = params.codes.size();
    const auto key_of = [raters](const RatedRange& r) {
        return static_cast<std::size_t>(r.code) * raters + static_cast<std::size_t>(r.rater);
    };

    // Every rater's ranges of every code, overlaps merged, in one flat buffer. A counting
    // sort groups the codings by (code, rater) and keeps their order within a group;
    // codings read from a project come ordered by start within each group, so checking
    // the order usually replaces sorting.
    const std::size_t keys = codes * raters;
    std::vector<std::size_t>& group_begin = s.group_begin;
    group_begin.assign(keys + 1, 0);
    for (const RatedRange& r : doc.codings) {
        ++group_begin[key_of(r) + 1];
    }
    for (std::size_t k = 0; k < keys; ++k) {
        group_begin[k + 1] += group_begin[k];
    }
    s.grouped.resize(doc.codings.size());
    s.group_next.assign(group_begin.begin(), group_begin.end() - 1);
    for (const RatedRange& r : doc.codings) {
        s.grouped[s.group_next[key_of(r)]++] = {r.start, r.end};
    }
    std::vector<TextRange>& flat = s.flat;
    flat.clear();
    flat.reserve(s.grouped.size());
    ByCode by_code;
    by_code.raters = raters;
    by_code.lists.assign(keys, RangeList{});
    std::vector<std::size_t> first(keys, 0);
    for (std::size_t key = 0; key < keys; ++key) {
        const auto group = s.grouped.begin() + static_cast<std::ptrdiff_t>(group_begin[key]);
        const auto group_end =
            s.grouped.begin() + static_cast<std::ptrdiff_t>(group_begin[key + 1]);
        const auto by_start = [](const TextRange& x, const TextRange& y) {
            return x.start < y.start;
        };
        if (!std::is_sorted(group, group_end, by_start)) {
            std::sort(group, group_end, by_start);
        }
        first[key] = flat.size();
        for (auto r = group; r != group_end; ++r) {
            // Overlapping ranges merge; touching ones stay apart (two units).
            if (flat.size() > first[key] && r->start < flat.back().end) {
                flat.back().end = std::max(flat.back().end, r->end);
                continue;
            }
            flat.push_back(*r);
            ++by_code.lists[key].count;
        }
    }
    for (std::size_t key = 0; key < by_code.lists.size(); ++key) {
        by_code.lists[key].data = flat.data() + first[key];
    }
    return by_code;
}

void Comparison::State::hand_to_unitized(std::size_t doc_index, const ComparisonDocument& doc,
                                         const RangesByRater& by_rater) {
    const std::size_t raters = params.raters.size();
    Continuum continuum;
    continuum.length = doc.length;
    continuum.segments.reserve(flat.size());
    // In (rater, start) order, which the unitized computation needs.
    for (std::size_t r = 0; r < raters; ++r) {
        for (const CodedRange& i : by_rater[r]) {
            continuum.segments.push_back({static_cast<int>(r), i.code, i.start, i.end});
        }
    }
    const std::size_t weight = continuum.segments.size() + 1;
    unitized_worker->hand_over({doc_index, std::move(continuum)}, weight);
}

// Per-code counts of one document, pooled as they come.
void Comparison::State::count_per_code(std::size_t doc_index, const ComparisonDocument& doc,
                                       const ByCode& by_code, const std::vector<TextRange>& units) {
    State& s = *this;
    const ComparisonInput& in = params;
    const std::size_t raters = in.raters.size();
    const std::size_t codes = in.codes.size();
    for (std::size_t c = 0; c < codes; ++c) {
        DocumentAgreement& d = s.result.codes[c].documents[doc_index];
        d.document = doc.name;
        if (in.unit == UnitKind::Segment) {
            if (raters == 2) {
                match_segments(d, by_code.code(c)[0], by_code.code(c)[1], in.segment_overlap);
                s.pooled_segments[c] += d.units;
                s.pooled_matched[c] += d.both;
            } else {
                d.percent_agreement = d.kappa =
                    Coefficient::undefined("segment matching compares two coders");
            }
            continue;
        }
        if (in.unit == UnitKind::Character) {
            character_masks(by_code.code(c), raters, s.counts, s.sweep_scratch);
        } else {
            unit_masks(by_code.code(c), raters, units, in.min_coverage, s.counts);
        }
        const std::int64_t total =
            in.unit == UnitKind::Character ? doc.length : static_cast<std::int64_t>(units.size());
        fill_counts(d, s.counts, total, raters);
        for (const auto& [mask, n] : s.counts) {
            s.pooled[c].add(mask, n);
        }
        s.pooled_units[c] += total;
    }
}

// Each document's share of the work, in steps that share the State's scratch space.
void Comparison::add(std::size_t doc_index, const ComparisonDocument& doc) {
    State& s = *state_;
    const ComparisonInput& in = s.params;
    if (doc_index >= s.added.size() || s.added[doc_index]) {
        throw InvalidInputError("document " + std::to_string(doc_index) +
                                " is out of range or was compared already");
    }
    validate_codings(in, doc);
    s.added[doc_index] = true;
    ++s.documents_added;
    const ByCode by_code = s.group_ranges(doc);
    RangesByRater by_rater;
    if (in.unitized_measures || (in.overall_measures && in.unit == UnitKind::Character)) {
        by_rater = ranges_by_rater(by_code, s.coded_scratch);
    }
    if (s.unitized) {
        s.hand_to_unitized(doc_index, doc, by_rater);
    }
    const std::vector<TextRange> units = units_of(in, doc);
    s.count_per_code(doc_index, doc, by_code, units);
    if (!in.overall_measures) {
        // skipped on request
    } else if (in.unit == UnitKind::Character) {
        overall_characters(s.overall, in, doc_index, doc, by_rater, s.overall_scratch);
    } else if (in.unit != UnitKind::Segment) {
        overall_units(s.overall, in, doc_index, doc, by_code, units);
    }
}

ComparisonResult Comparison::finish() {
    State& s = *state_;
    const ComparisonInput& in = s.params;
    if (s.documents_added != s.added.size()) {
        throw InvalidInputError("a document was not given to the comparison");
    }
    const std::size_t raters = in.raters.size();
    const std::size_t codes = in.codes.size();
    ComparisonResult& result = s.result;
    for (std::size_t c = 0; c < codes; ++c) {
        CodeAgreement& code = result.codes[c];
        if (in.unit == UnitKind::Segment) {
            code.percent_agreement =
                raters != 2 ? Coefficient::undefined("segment matching compares two coders")
                : s.pooled_segments[c] == 0
                    ? Coefficient::undefined("no coder applied the code")
                    : Coefficient::of(100.0 * static_cast<double>(s.pooled_matched[c]) /
                                      static_cast<double>(s.pooled_segments[c]));
            const Coefficient no_neither = Coefficient::undefined(
                "needs units that no coder coded, which segment matching does not have");
            code.kappa = code.fleiss_kappa = code.krippendorff_alpha = no_neither;
        } else {
            code.percent_agreement = pairwise_percent(s.pooled[c], s.pooled_units[c], raters);
            code.kappa =
                raters == 2
                    ? nvivo_kappa(two_rater_counts(s.pooled[c], s.pooled_units[c]))
                    : Coefficient::undefined("NVivo-style kappa compares two coders or two groups");
            const std::vector<std::int64_t> h = histogram(s.pooled[c], s.pooled_units[c], raters);
            code.fleiss_kappa = binary_fleiss_kappa(h, static_cast<int>(raters));
            code.krippendorff_alpha = binary_krippendorff_alpha(h, static_cast<int>(raters));
        }
    }

    OverallAgreement& o = result.overall;
    if (!in.overall_measures) {
        o.cohen_kappa = o.scott_pi = o.krippendorff_alpha = o.brennan_prediger =
            o.percent_agreement = Coefficient::undefined("not requested");
    } else if (in.unit == UnitKind::Segment) {
        o.cohen_kappa = o.scott_pi = o.krippendorff_alpha = o.brennan_prediger =
            o.percent_agreement = Coefficient::undefined(
                "segment matching has no common units across codes; see each code's matching");
    } else if (s.overall.conflict()) {
        o.cohen_kappa = o.scott_pi = o.krippendorff_alpha = o.brennan_prediger =
            o.percent_agreement = Coefficient::undefined(s.overall.conflict_note);
    } else {
        const ReliabilityData data = to_reliability(s.overall, raters);
        o.percent_agreement = percent_agreement(data);
        o.cohen_kappa = raters == 2 ? cohen_kappa(data)
                                    : Coefficient::undefined("Cohen's kappa compares two coders");
        o.scott_pi =
            raters == 2 ? scott_pi(data) : Coefficient::undefined("Scott's pi compares two coders");
        o.krippendorff_alpha = krippendorff_alpha(data, Level::Nominal);
        o.brennan_prediger = brennan_prediger(data, static_cast<int>(codes) + 1);
    }

    // Unitized measures work on the continuum itself, whatever the unit of analysis.
    if (!in.unitized_measures) {
        const Coefficient none = Coefficient::undefined("not requested");
        o.u_alpha = o.binary_u_alpha = o.cu_alpha = o.alpha_u_1995 = none;
        o.k_u_alpha.assign(codes, none);
        for (CodeAgreement& code : result.codes) {
            code.k_u_alpha = code.alpha_u_1995 = none;
        }
    } else if (raters >= 2 && codes > 0) {
        s.unitized_worker->finish();
        const UnitizedMeasures measures = s.unitized->finish();
        o.u_alpha = measures.u_alpha;
        o.binary_u_alpha = measures.binary_u_alpha;
        o.cu_alpha = measures.cu_alpha;
        o.k_u_alpha = measures.k_u_alpha;
        o.alpha_u_1995 = measures.alpha_u_1995;
        for (std::size_t c = 0; c < codes; ++c) {
            result.codes[c].k_u_alpha = o.k_u_alpha[c];
            result.codes[c].alpha_u_1995 = measures.alpha_u_1995_by_category[c];
        }
    } else {
        const Coefficient none = Coefficient::undefined("needs two coders and at least one code");
        o.u_alpha = o.binary_u_alpha = o.cu_alpha = o.alpha_u_1995 = none;
        o.k_u_alpha.assign(codes, none);
        for (CodeAgreement& code : result.codes) {
            code.k_u_alpha = code.alpha_u_1995 = none;
        }
    }
    return std::move(result);
}

ComparisonResult compare(const ComparisonInput& in) {
    Comparison comparison(in, in.documents.size());
    for (std::size_t d = 0; d < in.documents.size(); ++d) {
        comparison.add(d, in.documents[d]);
    }
    return comparison.finish();
}

}  // namespace quire::agreement
