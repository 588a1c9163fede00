// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

// Assigns overlapping coded ranges to drawing layers so that a view that paints one colour
// per layer and position (as Scintilla's indicators do) still shows every overlap.
namespace quire::coding {

struct HighlightRange {
    std::int64_t start = 0;  // code points, half-open
    std::int64_t end = 0;
};

// Layer index for each range, in input order: ranges that overlap never share a layer,
// and the number of layers is the maximum number of ranges covering one position
// (greedy interval partitioning, which is optimal for intervals).
std::vector<int> assign_layers(const std::vector<HighlightRange>& ranges);

}  // namespace quire::coding
