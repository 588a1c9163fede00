// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/text_range.h"

#include <algorithm>
#include <cassert>
#include <functional>
#include <numeric>
#include <queue>
#include <utility>

namespace quire {

std::vector<TextRange> merge_ranges(std::vector<TextRange> ranges) {
    std::sort(ranges.begin(), ranges.end());
    std::vector<TextRange> out;
    for (const TextRange& r : ranges) {
        assert(r.start <= r.end);
        if (!out.empty() && r.start <= out.back().end) {
            out.back().end = std::max(out.back().end, r.end);
        } else {
            out.push_back(r);
        }
    }
    return out;
}

std::vector<TextRange> intersect_ranges(const std::vector<TextRange>& a,
                                        const std::vector<TextRange>& b) {
    assert(std::is_sorted(a.begin(), a.end()) && std::is_sorted(b.begin(), b.end()));
    std::vector<TextRange> out;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        const std::int64_t s = std::max(a[i].start, b[j].start);
        const std::int64_t e = std::min(a[i].end, b[j].end);
        if (s < e) {
            out.push_back({s, e});
        }
        if (a[i].end < b[j].end) {
            ++i;
        } else {
            ++j;
        }
    }
    return out;
}

std::vector<int> assign_layers(const std::vector<TextRange>& ranges) {
    std::vector<std::size_t> order(ranges.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return ranges[a].start != ranges[b].start ? ranges[a].start < ranges[b].start
                                                  : ranges[a].end > ranges[b].end;
    });
    // Layers in use, keyed by the end of the range occupying them (smallest first).
    using Busy = std::pair<std::int64_t, int>;
    std::priority_queue<Busy, std::vector<Busy>, std::greater<>> busy;
    std::priority_queue<int, std::vector<int>, std::greater<>> free_layers;
    int next_layer = 0;
    std::vector<int> layer(ranges.size(), 0);
    for (const std::size_t i : order) {
        while (!busy.empty() && busy.top().first <= ranges[i].start) {
            free_layers.push(busy.top().second);
            busy.pop();
        }
        int chosen;
        if (!free_layers.empty()) {
            chosen = free_layers.top();
            free_layers.pop();
        } else {
            chosen = next_layer++;
        }
        layer[i] = chosen;
        busy.emplace(ranges[i].end, chosen);
    }
    return layer;
}

}  // namespace quire
