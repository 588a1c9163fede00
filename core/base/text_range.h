// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

// The one range type of Quire: a half-open [start, end) range of Unicode code points of a
// document's stored (NFC, LF) text. Segments, scopes, search hits, highlights,
// disagreements and agreement units all speak it; conversions to UTF-8 bytes or UTF-16
// happen at the edges (core/text/unicode.h).
//
// Contract: nothing here throws; functions that need ordered or valid ranges say so and
// check it with assertions in debug builds.
namespace quire {

struct TextRange {
    std::int64_t start = 0;
    std::int64_t end = 0;

    std::int64_t length() const { return end - start; }
    bool empty() const { return end <= start; }
    bool contains(const TextRange& inner) const { return start <= inner.start && inner.end <= end; }
    bool overlaps(const TextRange& other) const { return start < other.end && other.start < end; }
    friend bool operator==(const TextRange& a, const TextRange& b) {
        return a.start == b.start && a.end == b.end;
    }
    friend bool operator!=(const TextRange& a, const TextRange& b) { return !(a == b); }
    // By start, then end: the order merge_ranges returns.
    friend bool operator<(const TextRange& a, const TextRange& b) {
        return a.start != b.start ? a.start < b.start : a.end < b.end;
    }
};

// Sorts, then merges ranges that overlap or touch: the result is sorted and disjoint, with
// a gap between any two ranges.
std::vector<TextRange> merge_ranges(std::vector<TextRange> ranges);

// The parts common to two sorted, disjoint range lists (as merge_ranges returns them).
std::vector<TextRange> intersect_ranges(const std::vector<TextRange>& a,
                                        const std::vector<TextRange>& b);

// Assigns overlapping ranges to drawing layers so that a view that paints one colour per
// layer and position (as Scintilla's indicators do) still shows every overlap. Returns
// the layer of each range, in input order: ranges that overlap never share a layer, and
// the number of layers is the largest number of ranges covering one position (greedy
// interval partitioning, which is optimal for intervals).
std::vector<int> assign_layers(const std::vector<TextRange>& ranges);

}  // namespace quire
