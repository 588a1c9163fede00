// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/stripe_layout.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace quire::gui {
namespace {

// The place of each id in `order`; ids not listed follow, by id.
std::map<Id, std::size_t> ranks(const std::vector<Id>& order, const std::vector<Id>& present) {
    std::map<Id, std::size_t> rank;
    for (const Id id : order) {
        rank.emplace(id, rank.size());
    }
    std::vector<Id> unlisted;
    for (const Id id : present) {
        if (!rank.count(id)) {
            unlisted.push_back(id);
        }
    }
    std::sort(unlisted.begin(), unlisted.end());
    unlisted.erase(std::unique(unlisted.begin(), unlisted.end()), unlisted.end());
    for (const Id id : unlisted) {
        rank.emplace(id, rank.size());
    }
    return rank;
}

}  // namespace

StripeLayout lay_out_stripes(const std::vector<StripeCoding>& codings,
                             const std::vector<Id>& code_order,
                             const std::vector<Id>& coder_order) {
    std::vector<Id> codes, coders;
    for (const StripeCoding& c : codings) {
        codes.push_back(c.code);
        coders.push_back(c.coder);
    }
    const std::map<Id, std::size_t> code_rank = ranks(code_order, codes);
    const std::map<Id, std::size_t> coder_rank = ranks(coder_order, coders);

    // Codings grouped by code, then coder: each group is one band of lanes.
    std::vector<std::size_t> order(codings.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    auto group_of = [&](std::size_t i) {
        return std::make_tuple(code_rank.at(codings[i].code), coder_rank.at(codings[i].coder));
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return group_of(a) < group_of(b); });

    // Coders present in the document get ranks 0, 1, ... in coder order, so that the
    // first coder shown is always drawn solid.
    std::map<std::size_t, int> shown_coder;
    for (const StripeCoding& c : codings) {
        shown_coder.emplace(coder_rank.at(c.coder), 0);
    }
    int next = 0;
    for (auto& entry : shown_coder) {
        entry.second = next++;
    }

    StripeLayout layout;
    std::vector<StripeBar> bars;
    bars.reserve(codings.size());
    for (std::size_t from = 0; from < order.size();) {
        std::size_t to = from;
        while (to < order.size() && group_of(order[to]) == group_of(order[from])) {
            ++to;
        }
        const Id code = codings[order[from]].code;
        if (layout.columns.empty() || layout.columns.back().code != code) {
            layout.columns.push_back({code, 0});
        }
        StripeColumn& column = layout.columns.back();
        std::vector<TextRange> ranges;
        for (std::size_t k = from; k < to; ++k) {
            ranges.push_back(codings[order[k]].range);
        }
        const std::vector<int> layers = assign_layers(ranges);
        int band_lanes = 0;
        for (std::size_t k = from; k < to; ++k) {
            const int layer = layers[k - from];
            band_lanes = std::max(band_lanes, layer + 1);
            bars.push_back({order[k], static_cast<int>(layout.columns.size() - 1),
                            column.lanes + layer,
                            shown_coder.at(coder_rank.at(codings[order[k]].coder))});
        }
        column.lanes += band_lanes;
        from = to;
    }

    std::sort(bars.begin(), bars.end(), [&](const StripeBar& a, const StripeBar& b) {
        const TextRange& ra = codings[a.coding].range;
        const TextRange& rb = codings[b.coding].range;
        return std::tie(ra.start, ra.end, a.column, a.lane) <
               std::tie(rb.start, rb.end, b.column, b.lane);
    });
    layout.bars = std::move(bars);
    std::int64_t furthest = 0;
    for (const StripeBar& bar : layout.bars) {
        layout.ranges.push_back(codings[bar.coding].range);
        furthest = std::max(furthest, codings[bar.coding].range.end);
        layout.reach.push_back(furthest);
    }
    return layout;
}

std::vector<std::size_t> StripeLayout::bars_overlapping(const TextRange& visible) const {
    // Bars starting before the visible part ends; of those, the ones before the first
    // whose reach gets into it cannot be seen.
    const auto stop =
        std::lower_bound(ranges.begin(), ranges.end(), visible.end,
                         [](const TextRange& r, std::int64_t value) { return r.start < value; });
    const auto first = std::upper_bound(reach.begin(), reach.end(), visible.start);
    std::vector<std::size_t> out;
    for (auto i = static_cast<std::size_t>(first - reach.begin());
         i < static_cast<std::size_t>(stop - ranges.begin()); ++i) {
        if (ranges[i].end > visible.start) {
            out.push_back(i);
        }
    }
    return out;
}

int StripeLayout::lanes() const {
    int total = 0;
    for (const StripeColumn& c : columns) {
        total += c.lanes;
    }
    return total;
}

}  // namespace quire::gui
