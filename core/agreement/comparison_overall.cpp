// SPDX-License-Identifier: GPL-3.0-or-later
// The figures of all codes together: each unit's row of categories, one per rater.
#include "core/agreement/comparison_internal.h"

#include "core/agreement/radix_sort.h"

namespace quire::agreement::comparison_detail {

// Documents may be added in any order; the note names the first conflict in input order.
void record_conflict(OverallTable& t, const ComparisonInput& in, std::size_t rater,
                     std::size_t doc_index, const ComparisonDocument& doc, std::int64_t at) {
    if (doc_index < t.conflict_document) {
        t.conflict_document = doc_index;
        t.conflict_note = "undefined: " + in.raters[rater] +
                          " applied more than one of the selected codes to the same text (first "
                          "in \"" +
                          doc.name + "\" at " + std::to_string(at) +
                          "); the overall measures need one category per unit";
    }
}

RangesByRater ranges_by_rater(const ByCode& by_code, std::vector<CodedRange>& scratch) {
    RangesByRater out(by_code.raters);
    for (std::size_t r = 0; r < by_code.raters; ++r) {
        std::vector<CodedRange>& ranges = out[r];
        std::size_t count = 0;
        for (std::size_t c = 0; c < by_code.codes(); ++c) {
            count += by_code.code(c)[r].size();
        }
        ranges.reserve(count);
        for (std::size_t c = 0; c < by_code.codes(); ++c) {
            for (const TextRange& i : by_code.code(c)[r]) {
                ranges.push_back({i.start, i.end, static_cast<int>(c)});
            }
        }
        // Gathered by code, then ordered by start: a stable sort keeps equal starts in code
        // order. Only ranges that overlap share a start, and those make the overall and
        // unitized measures undefined whatever their order.
        radix_sort(ranges, scratch,
                   [](const CodedRange& range) { return static_cast<std::uint64_t>(range.start); });
    }
    return out;
}

void overall_characters(OverallTable& t, const ComparisonInput& in, std::size_t doc_index,
                        const ComparisonDocument& doc, const RangesByRater& by_rater,
                        OverallScratch& scratch) {
    if (doc_index > t.conflict_document) {
        return;  // the overall measures are undefined already; counting further is wasted
    }
    const std::size_t raters = by_rater.size();
    std::int64_t conflict_at = INT64_MAX;
    std::size_t conflict_rater = 0;
    for (std::size_t r = 0; r < raters; ++r) {
        // Two codes of one rater on the same text leave the row without one category.
        std::int64_t reach = 0;
        for (const CodedRange& range : by_rater[r]) {
            if (range.start < reach) {
                if (range.start < conflict_at) {
                    conflict_at = range.start;
                    conflict_rater = r;
                }
                break;
            }
            reach = range.end;
        }
    }
    if (conflict_at != INT64_MAX) {
        record_conflict(t, in, conflict_rater, doc_index, doc, conflict_at);
        return;
    }
    // Sweep the boundaries: between two consecutive ones every rater's category is constant.
    const int uncoded = static_cast<int>(in.codes.size());
    scratch.next.assign(raters, 0);
    scratch.row.assign(raters, uncoded);
    std::int64_t at = 0;
    while (at < doc.length) {
        std::int64_t boundary = doc.length;
        for (std::size_t r = 0; r < raters; ++r) {
            const std::vector<CodedRange>& ranges = by_rater[r];
            std::size_t& next = scratch.next[r];
            while (next < ranges.size() && ranges[next].end <= at) {
                ++next;
            }
            if (next < ranges.size() && ranges[next].start <= at) {
                scratch.row[r] = ranges[next].code;
                boundary = std::min(boundary, ranges[next].end);
            } else {
                scratch.row[r] = uncoded;
                if (next < ranges.size()) {
                    boundary = std::min(boundary, ranges[next].start);
                }
            }
        }
        t.add(scratch.row, static_cast<double>(boundary - at));
        at = boundary;
    }
}

void overall_units(OverallTable& t, const ComparisonInput& in, std::size_t doc_index,
                   const ComparisonDocument& doc, const ByCode& by_code,
                   const std::vector<TextRange>& units) {
    if (doc_index > t.conflict_document) {
        return;  // the overall measures are undefined already
    }
    const int uncoded = static_cast<int>(in.codes.size());
    std::vector<std::vector<CoverageCursor>> cursors(by_code.codes());
    for (std::size_t c = 0; c < by_code.codes(); ++c) {
        for (std::size_t r = 0; r < by_code.raters; ++r) {
            cursors[c].emplace_back(by_code.code(c)[r]);
        }
    }
    for (const TextRange& u : units) {
        std::vector<int> row(in.raters.size(), uncoded);
        for (std::size_t c = 0; c < by_code.codes(); ++c) {
            for (std::size_t r = 0; r < in.raters.size(); ++r) {
                if (counts_as_coded(cursors[c][r].covered(u.start, u.end), u.end - u.start,
                                    in.min_coverage)) {
                    if (row[r] != uncoded) {
                        record_conflict(t, in, r, doc_index, doc, u.start);
                    }
                    row[r] = static_cast<int>(c);
                }
            }
        }
        t.add(row, 1.0);
    }
}

ReliabilityData to_reliability(const OverallTable& t, std::size_t raters) {
    ReliabilityData data;
    for (const auto& [row, weight] : t.all(raters)) {
        std::vector<std::optional<double>> values;
        for (const int category : row) {
            values.emplace_back(static_cast<double>(category));
        }
        data.values.push_back(std::move(values));
        data.weights.push_back(weight);
    }
    return data;
}

}  // namespace quire::agreement::comparison_detail
