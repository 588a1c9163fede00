// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "core/base/text_range.h"

using quire::TextRange;

TEST_CASE("merge_ranges sorts and joins overlapping and touching ranges", "[range]") {
    const std::vector<TextRange> merged =
        quire::merge_ranges({{10, 20}, {0, 5}, {5, 8}, {15, 30}, {40, 41}});
    CHECK(merged == std::vector<TextRange>{{0, 8}, {10, 30}, {40, 41}});
    CHECK(quire::merge_ranges({}).empty());
}

TEST_CASE("merge_ranges covers exactly the positions its input covers", "[range]") {
    std::mt19937 random(7);
    for (int round = 0; round < 200; ++round) {
        std::vector<TextRange> ranges;
        std::vector<bool> covered(120, false);
        const int n = static_cast<int>(random() % 12);
        for (int i = 0; i < n; ++i) {
            const std::int64_t start = random() % 100;
            const std::int64_t end = start + 1 + random() % 20;
            ranges.push_back({start, end});
            std::fill(covered.begin() + start, covered.begin() + end, true);
        }
        const std::vector<TextRange> merged = quire::merge_ranges(ranges);
        std::vector<bool> seen(120, false);
        for (std::size_t i = 0; i < merged.size(); ++i) {
            // Sorted, with a gap between any two: touching ranges would have been joined.
            if (i > 0) {
                CHECK(merged[i - 1].end < merged[i].start);
            }
            std::fill(seen.begin() + merged[i].start, seen.begin() + merged[i].end, true);
        }
        CHECK(seen == covered);
    }
}

TEST_CASE("intersect_ranges keeps what two sorted lists share", "[range]") {
    CHECK(quire::intersect_ranges({{0, 10}, {20, 30}}, {{5, 25}}) ==
          std::vector<TextRange>{{5, 10}, {20, 25}});
    CHECK(quire::intersect_ranges({{0, 10}}, {{10, 20}}).empty());  // touching shares nothing
    CHECK(quire::intersect_ranges({}, {{0, 5}}).empty());
}

TEST_CASE("overlapping ranges never share a drawing layer, and layers are as few as possible",
          "[range]") {
    const std::vector<TextRange> ranges = {{0, 10}, {5, 15}, {10, 20}, {12, 14}, {30, 40}};
    const std::vector<int> layers = quire::assign_layers(ranges);
    REQUIRE(layers.size() == ranges.size());
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        for (std::size_t j = i + 1; j < ranges.size(); ++j) {
            if (ranges[i].overlaps(ranges[j])) {
                CHECK(layers[i] != layers[j]);
            }
        }
    }
    // At most three ranges cover one position (12 to 14), so three layers suffice.
    CHECK(*std::max_element(layers.begin(), layers.end()) == 2);
}

TEST_CASE("a range knows its length, emptiness, containment and overlap", "[range]") {
    const TextRange r{3, 8};
    CHECK(r.length() == 5);
    CHECK_FALSE(r.empty());
    CHECK(TextRange{4, 4}.empty());
    CHECK(r.contains({3, 8}));
    CHECK_FALSE(r.contains({2, 4}));
    CHECK(r.overlaps({7, 9}));
    CHECK_FALSE(r.overlaps({8, 9}));  // half-open: touching is not overlapping
    CHECK(TextRange{1, 9} < TextRange{2, 3});
    CHECK(TextRange{1, 3} < TextRange{1, 4});
}
