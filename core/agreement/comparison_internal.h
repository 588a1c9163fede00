// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/agreement/comparison.h"
#include "core/agreement/reliability.h"
#include "core/base/text_range.h"

// What comparison.cpp (per-code sweeps, the Comparison) and comparison_overall.cpp (the
// figures of all codes together) share: a document's ranges by code and rater, counts per
// set of raters, and the table of category rows. Private to core/agreement.
namespace quire::agreement::comparison_detail {

using Mask = std::uint64_t;
// Units (or code points) per set of raters who coded them; the empty set is left out.
// A handful of sets occur per code and document, so a flat list beats a tree; clear()
// keeps the storage, so one object serves every code and document without allocating.
class MaskCounts {
public:
    using Entry = std::pair<Mask, std::int64_t>;
    void add(Mask mask, std::int64_t n) {
        for (Entry& e : entries_) {
            if (e.first == mask) {
                e.second += n;
                return;
            }
        }
        entries_.emplace_back(mask, n);
    }
    void clear() { entries_.clear(); }
    std::vector<Entry>::const_iterator begin() const { return entries_.begin(); }
    std::vector<Entry>::const_iterator end() const { return entries_.end(); }

private:
    std::vector<Entry> entries_;
};

// A read-only run of sorted, non-overlapping ranges inside a document's flat buffer.
struct RangeList {
    const TextRange* data = nullptr;
    std::size_t count = 0;
    std::size_t size() const { return count; }
    const TextRange& operator[](std::size_t i) const { return data[i]; }
    const TextRange* begin() const { return data; }
    const TextRange* end() const { return data + count; }
};

// Every rater's ranges of every code in one document: lists[code * raters + rater].
struct ByCode {
    std::vector<RangeList> lists;
    std::size_t raters = 0;
    std::size_t codes() const { return raters == 0 ? 0 : lists.size() / raters; }
    const RangeList* code(std::size_t c) const { return &lists[c * raters]; }
};

inline std::int64_t overlap(const TextRange& a, const TextRange& b) {
    return std::max<std::int64_t>(0, std::min(a.end, b.end) - std::max(a.start, b.start));
}

// Code points of [start, end) covered by a rater's sorted, non-overlapping ranges, with a
// cursor that only moves forward because units are visited in order.
class CoverageCursor {
public:
    explicit CoverageCursor(RangeList ranges) : ranges_(ranges) {}
    std::int64_t covered(std::int64_t start, std::int64_t end) {
        while (next_ < ranges_.size() && ranges_[next_].end <= start) {
            ++next_;
        }
        std::int64_t total = 0;
        for (std::size_t i = next_; i < ranges_.size() && ranges_[i].start < end; ++i) {
            total += overlap(ranges_[i], {start, end});
        }
        return total;
    }

private:
    RangeList ranges_;
    std::size_t next_ = 0;
};

inline bool counts_as_coded(std::int64_t covered, std::int64_t unit_length, double min_coverage) {
    return covered > 0 &&
           static_cast<double>(covered) + 1e-9 >= min_coverage * static_cast<double>(unit_length);
}

// Categories of the overall measures: each code, plus "uncoded" as the last. Rows (the
// category each rater gave a unit) are counted by weight; when a row fits in 64 bits it is
// packed into one integer key, which keeps character-level counting cheap, and when every
// possible key fits a small table (two coders and up to 255 codes, say) the table is flat.
struct OverallTable {
    OverallTable(std::size_t raters, std::size_t categories) {
        while ((std::uint64_t{1} << bits) < categories) {
            ++bits;
        }
        bits = std::max(bits, 1U);
        packed = bits * raters <= 64;
        if (bits * raters <= 16) {
            flat_rows.assign(std::size_t{1} << (bits * raters), 0.0);
        }
    }
    template <typename Row>
    void add(const Row& row, double weight) {
        if (!packed) {
            rows[std::vector<int>(row.begin(), row.end())] += weight;
            return;
        }
        std::uint64_t key = 0;
        for (const int category : row) {
            key = (key << bits) | static_cast<std::uint64_t>(category);
        }
        if (!flat_rows.empty()) {
            flat_rows[key] += weight;
        } else {
            packed_rows[key] += weight;
        }
    }
    // Every row with its weight, unpacked.
    std::vector<std::pair<std::vector<int>, double>> all(std::size_t raters) const {
        std::vector<std::pair<std::vector<int>, double>> out(rows.begin(), rows.end());
        auto unpack = [&](std::uint64_t key, double weight) {
            std::vector<int> row(raters);
            for (std::size_t r = raters; r-- > 0;) {
                row[r] = static_cast<int>(key & ((std::uint64_t{1} << bits) - 1));
                key >>= bits;
            }
            out.emplace_back(std::move(row), weight);
        };
        for (const auto& [key, weight] : packed_rows) {
            unpack(key, weight);
        }
        for (std::size_t key = 0; key < flat_rows.size(); ++key) {
            if (flat_rows[key] != 0) {
                unpack(key, flat_rows[key]);
            }
        }
        std::sort(out.begin(), out.end());
        return out;
    }
    unsigned bits = 0;
    bool packed = false;
    std::vector<double> flat_rows;
    std::unordered_map<std::uint64_t, double> packed_rows;
    std::map<std::vector<int>, double> rows;
    // The first document (in input order) where a rater applied two codes to the same text,
    // and what to say about it; the overall measures are then undefined.
    std::size_t conflict_document = SIZE_MAX;
    std::string conflict_note;
    bool conflict() const { return conflict_document != SIZE_MAX; }
};

// A rater's range of some code.
struct CodedRange {
    std::int64_t start;
    std::int64_t end;
    int code;
};

// Each rater's ranges of all codes, ordered by start: the order of the overall sweep and of
// the unitized continuum.
using RangesByRater = std::vector<std::vector<CodedRange>>;

// Scratch space of overall_characters, kept between documents.
struct OverallScratch {
    std::vector<std::size_t> next;
    std::vector<int> row;
};

// Documents may be added in any order; the note names the first conflict in input order.
void record_conflict(OverallTable& t, const ComparisonInput& in, std::size_t rater,
                     std::size_t doc_index, const ComparisonDocument& doc, std::int64_t at);

RangesByRater ranges_by_rater(const ByCode& by_code, std::vector<CodedRange>& scratch);

void overall_characters(OverallTable& t, const ComparisonInput& in, std::size_t doc_index,
                        const ComparisonDocument& doc, const RangesByRater& by_rater,
                        OverallScratch& scratch);

void overall_units(OverallTable& t, const ComparisonInput& in, std::size_t doc_index,
                   const ComparisonDocument& doc, const ByCode& by_code,
                   const std::vector<TextRange>& units);

ReliabilityData to_reliability(const OverallTable& t, std::size_t raters);

}  // namespace quire::agreement::comparison_detail
