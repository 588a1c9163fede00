// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/highlight_layers.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <queue>
#include <utility>

namespace quire::coding {

std::vector<int> assign_layers(const std::vector<HighlightRange>& ranges) {
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

}  // namespace quire::coding
