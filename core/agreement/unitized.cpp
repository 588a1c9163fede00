// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/unitized.h"

#include <algorithm>
#include <cassert>
#include <future>
#include <memory>
#include <string>
#include <utility>

#include "core/agreement/radix_sort.h"
#include "core/agreement/unitized_internal.h"
#include "core/base/errors.h"
#include "core/base/text_range.h"

namespace quire::agreement {

using namespace unitized_detail;

namespace {

[[noreturn]] void fail(const std::string& what) {
    throw InvalidInputError("unitized alpha: " + what);
}

std::string describe(const UnitizedSegment& s) {
    return "segment [" + std::to_string(s.start) + ", " + std::to_string(s.end) + ") of coder " +
           std::to_string(s.coder) + ", category " + std::to_string(s.category);
}

void check_counts(int coders, int categories) {
    if (coders < 0) {
        fail("the number of coders is negative");
    }
    if (categories < 0) {
        fail("the number of categories is negative");
    }
}

// Continuum `d` checked and sorted by (coder, start); sets `overlapping_categories` when a
// coder's segments of different categories overlap. `last_end` is scratch space.
SortedContinuum sort_continuum(Continuum&& c, std::size_t d, int coders, int categories,
                               bool& overlapping_categories, std::vector<std::int64_t>& last_end) {
    if (c.length < 0) {
        fail("continuum " + std::to_string(d) + " has a negative length");
    }
    for (const UnitizedSegment& s : c.segments) {
        if (s.coder < 0 || s.coder >= coders) {
            fail(describe(s) + ": coder out of range");
        }
        if (s.category < 0 || s.category >= categories) {
            fail(describe(s) + ": category out of range");
        }
        if (s.start < 0 || s.start >= s.end || s.end > c.length) {
            fail(describe(s) + ": not within 0 <= start < end <= " + std::to_string(c.length));
        }
    }
    SortedContinuum sc;
    sc.length = c.length;
    // Group by coder (a counting sort), then order each coder's segments by position;
    // callers usually pass them in order already.
    sc.coder_begin.assign(static_cast<std::size_t>(coders) + 1, 0);
    for (const UnitizedSegment& s : c.segments) {
        ++sc.coder_begin[static_cast<std::size_t>(s.coder) + 1];
    }
    for (std::size_t k = 1; k < sc.coder_begin.size(); ++k) {
        sc.coder_begin[k] += sc.coder_begin[k - 1];
    }
    const bool grouped = std::is_sorted(
        c.segments.begin(), c.segments.end(),
        [](const UnitizedSegment& a, const UnitizedSegment& b) { return a.coder < b.coder; });
    if (grouped) {
        sc.segments = std::move(c.segments);  // the usual case: no copy
    } else {
        sc.segments.resize(c.segments.size());
        std::vector<std::size_t> next(sc.coder_begin.begin(), sc.coder_begin.end() - 1);
        for (const UnitizedSegment& s : c.segments) {
            sc.segments[next[static_cast<std::size_t>(s.coder)]++] = s;
        }
    }
    const auto by_position = [](const UnitizedSegment& a, const UnitizedSegment& b) {
        if (a.start != b.start)
            return a.start < b.start;
        if (a.end != b.end)
            return a.end < b.end;
        return a.category < b.category;
    };
    // Last end seen per category for the current coder; `touched` resets it cheaply.
    last_end.assign(static_cast<std::size_t>(categories), -1);
    std::vector<int> touched;
    for (std::size_t k = 0; k + 1 < sc.coder_begin.size(); ++k) {
        const auto first = sc.segments.begin() + static_cast<std::ptrdiff_t>(sc.coder_begin[k]);
        const auto last = sc.segments.begin() + static_cast<std::ptrdiff_t>(sc.coder_begin[k + 1]);
        if (!std::is_sorted(first, last, by_position)) {
            std::sort(first, last, by_position);
        }
        std::int64_t max_end = -1;
        for (auto it = first; it != last; ++it) {
            const UnitizedSegment& s = *it;
            auto& previous = last_end[static_cast<std::size_t>(s.category)];
            if (s.start < previous) {
                fail(describe(s) + " overlaps another segment of the same coder and category");
            }
            if (previous < 0) {
                touched.push_back(s.category);
            }
            previous = s.end;
            if (s.start < max_end) {
                overlapping_categories = true;
            }
            max_end = std::max(max_end, s.end);
        }
        for (int cat : touched) {
            last_end[static_cast<std::size_t>(cat)] = -1;
        }
        touched.clear();
    }
    return sc;
}

// ---- uα family (Krippendorff et al. 2016) ------------------------------------------------------

}  // namespace

// Why the family is undefined for this input regardless of the coefficient, if it is.
std::optional<std::string> unitized_detail::family_undefined(const Prepared& p) {
    if (p.coders < 2) {
        return "needs at least two coders";
    }
    if (p.total_length == 0) {
        return "no continuum to compare (total length 0)";
    }
    if (p.overlapping_categories) {
        return "a coder's segments of different categories overlap; the published uα family "
               "needs each coder's segments to partition the continuum (αu 1995 treats each "
               "category separately and still applies)";
    }
    return std::nullopt;
}

namespace {

void build_partition(const SortedContinuum& sc, int coder, std::vector<Piece>& out) {
    out.clear();
    std::int64_t pos = 0;
    const auto begin = sc.coder_begin[static_cast<std::size_t>(coder)];
    const auto end = sc.coder_begin[static_cast<std::size_t>(coder) + 1];
    for (std::size_t k = begin; k < end; ++k) {
        const UnitizedSegment& s = sc.segments[k];
        if (s.start > pos) {
            out.push_back({pos, s.start, kGap});
        }
        out.push_back({s.start, s.end, s.category});
        pos = s.end;
    }
    if (pos < sc.length) {
        out.push_back({pos, sc.length, kGap});
    }
}

// Adds one unordered coder pair's intersections, in both directions, to `sums`, and to each
// unit's pairable length (`a_pairable[k]`: piece k of a) what the other coder coded of it.
void add_pair(const std::vector<Piece>& a_pieces, const std::vector<Piece>& b_pieces,
              FamilySums& sums, std::vector<std::int64_t>& a_pairable,
              std::vector<std::int64_t>& b_pairable) {
    std::size_t a = 0;
    std::size_t b = 0;
    while (a < a_pieces.size() && b < b_pieces.size()) {
        const Piece& x = a_pieces[a];
        const Piece& y = b_pieces[b];
        const std::int64_t hi = std::min(x.end, y.end);
        const std::int64_t shared = hi - std::max(x.start, y.start);
        if (x.value == y.value) {
            if (x.value == kGap) {
                sums.pair_same_gap += 2 * shared;
            } else {
                sums.pair_same[static_cast<std::size_t>(x.value)] += 2 * shared;
            }
        }
        if (x.value != kGap && y.value != kGap) {
            sums.pair_coded[static_cast<std::size_t>(x.value)] += shared;
            sums.pair_coded[static_cast<std::size_t>(y.value)] += shared;
            a_pairable[a] += shared;
            b_pairable[b] += shared;
        }
        if (x.end == hi) {
            ++a;
        }
        if (y.end == hi) {
            ++b;
        }
    }
}

FamilySums empty_family_sums(int categories) {
    const auto k = static_cast<std::size_t>(categories);
    FamilySums sums;
    sums.unit_length.assign(k, 0);
    sums.unit_length_squared.assign(k, 0);
    sums.pair_same.assign(k, 0);
    sums.pair_coded.assign(k, 0);
    sums.pairable_squared.assign(k, 0);
    return sums;
}

// Adds one continuum's share to `sums`: the family's sums over several continua are the sums
// of each one's. Only meaningful while no coder's categories overlap.
void add_family_sums(const SortedContinuum& sc, int coders, FamilySums& sums,
                     std::vector<std::vector<Piece>>& partitions,
                     std::vector<std::vector<std::int64_t>>& pairable) {
    partitions.resize(static_cast<std::size_t>(coders));
    pairable.resize(static_cast<std::size_t>(coders));
    for (int i = 0; i < coders; ++i) {
        auto& part = partitions[static_cast<std::size_t>(i)];
        build_partition(sc, i, part);
        for (const Piece& piece : part) {
            const std::int64_t len = piece.end - piece.start;
            if (piece.value == kGap) {
                sums.gap_length += len;
            } else {
                const auto c = static_cast<std::size_t>(piece.value);
                sums.unit_length[c] += len;
                sums.unit_length_squared[c] += static_cast<Real>(len) * static_cast<Real>(len);
            }
        }
    }
    for (int i = 0; i < coders; ++i) {
        pairable[static_cast<std::size_t>(i)].assign(partitions[static_cast<std::size_t>(i)].size(),
                                                     0);
    }
    for (int i = 0; i < coders; ++i) {
        for (int j = i + 1; j < coders; ++j) {
            add_pair(partitions[static_cast<std::size_t>(i)],
                     partitions[static_cast<std::size_t>(j)], sums,
                     pairable[static_cast<std::size_t>(i)], pairable[static_cast<std::size_t>(j)]);
        }
    }
    for (int i = 0; i < coders; ++i) {
        const auto& part = partitions[static_cast<std::size_t>(i)];
        for (std::size_t k = 0; k < part.size(); ++k) {
            if (part[k].value != kGap) {
                const Real p = static_cast<Real>(pairable[static_cast<std::size_t>(i)][k]);
                sums.pairable_squared[static_cast<std::size_t>(part[k].value)] += p * p;
            }
        }
    }
}

}  // namespace

// ---- αu (Krippendorff 1995; discrete form of Content Analysis, 2nd ed., 2004) -----------------
//
// αu pools continua by concatenating them, so each category's units and gaps live on one long
// continuum. Everything but the gap lengths adds up continuum by continuum: a unit lies inside a
// gap of the concatenation exactly when it lies inside the part of that gap within its own
// continuum, and units never cross continua. Each continuum therefore contributes its distances
// and unit lengths when it arrives; the gaps at its two edges are kept aside and joined with
// their neighbours' in the order of the continua at the end.

namespace {

struct Disagreements {
    Real observed = 0;
    Real expected = 0;
    std::size_t units = 0;
};

// A coder's first and last gap of one category in one continuum, for joining across continua.
struct EdgeGaps {
    int category;
    int coder;
    std::int64_t leading;   // from the continuum's start to the first unit
    std::int64_t trailing;  // from the last unit to the continuum's end
};

// Per category: what αu's two terms are computed from.
struct AlphaUSums {
    Exact distance = 0;    // Σ δ² over coder pairs
    Exact unit_pairs = 0;  // Σ l(l − 1) over units
    std::vector<std::int64_t> unit_lengths;
    std::vector<std::int64_t> inner_gaps;  // gaps between two units of one continuum
};

// Adds the binary partition of `units` (sorted, within [0, length)) as pieces to `out`.
void binary_partition(const std::vector<TextRange>& units, std::int64_t length,
                      std::vector<Piece>& out) {
    out.clear();
    std::int64_t pos = 0;
    for (const TextRange& u : units) {
        assert(u.start >= pos && u.start <= u.end && u.end <= length);  // sorted, disjoint
        if (u.start > pos) {
            out.push_back({pos, u.start, 0});
        }
        out.push_back({u.start, u.end, 1});
        pos = u.end;
    }
    if (pos < length) {
        out.push_back({pos, length, 0});
    }
}

// Σ δ² between two coders' binary partitions of one continuum.
Exact pair_distance(const std::vector<Piece>& pa, const std::vector<Piece>& pb) {
    Exact distance = 0;
    std::size_t a = 0;
    std::size_t b = 0;
    while (a < pa.size() && b < pb.size()) {
        const Piece& x = pa[a];
        const Piece& y = pb[b];
        if (x.value == 1 && y.value == 1) {
            const Exact ds = x.start - y.start;
            const Exact de = x.end - y.end;
            distance += ds * ds + de * de;
        } else if (x.value == 1 && y.start <= x.start && x.end <= y.end) {
            const Exact l = x.end - x.start;
            distance += l * l;
        } else if (y.value == 1 && x.start <= y.start && y.end <= x.end) {
            const Exact l = y.end - y.start;
            distance += l * l;
        }
        const std::int64_t hi = std::min(x.end, y.end);
        if (x.end == hi)
            ++a;
        if (y.end == hi)
            ++b;
    }
    return distance;
}

// cDo and cDe of one category from its sums and all of its gaps.
Disagreements category_disagreements(const AlphaUSums& sums, std::vector<std::int64_t>& gaps,
                                     std::vector<std::int64_t>& unit_lengths,
                                     std::vector<std::int64_t>& scratch, int coders,
                                     std::int64_t length) {
    Disagreements d;
    d.units = unit_lengths.size();
    if (d.units == 0) {
        return d;
    }
    const Real m = static_cast<Real>(coders);
    const Real len = static_cast<Real>(length);
    d.observed = 2 * static_cast<Real>(sums.distance) / (m * (m - 1) * len * len);

    // Σ_{gaps h, l_h ≥ l} (l_h − l + 1) for every unit: with gaps and units both sorted by
    // length, one backward walk keeps the count and the sum of the gaps at least as long as
    // the current unit. Every term is an integer (l(l − 1)(2l − 1) is divisible by 6), so
    // the sums stay exact.
    const auto length_key = [](std::int64_t l) { return static_cast<std::uint64_t>(l); };
    radix_sort(gaps, scratch, length_key, 11);
    radix_sort(unit_lengths, scratch, length_key, 11);
    Exact cubic = 0;      // Σ l(l − 1)(2l − 1)/3
    Exact placement = 0;  // Σ l² Σ_{gaps h, l_h ≥ l} (l_h − l + 1)
    std::size_t g = gaps.size();
    Exact fitting_sum = 0;  // Σ l_h over the gaps with l_h ≥ the current unit's length
    for (std::size_t u = unit_lengths.size(); u-- > 0;) {
        const Exact l = unit_lengths[u];
        while (g > 0 && gaps[g - 1] >= unit_lengths[u]) {
            fitting_sum += gaps[--g];
        }
        const Exact fitting = static_cast<Exact>(gaps.size() - g);
        cubic += l * (l - 1) * (2 * l - 1) / 3;
        placement += l * l * (fitting_sum - fitting * (l - 1));
    }
    const Real numerator =
        static_cast<Real>(d.units - 1) * static_cast<Real>(cubic) + static_cast<Real>(placement);
    d.expected =
        (2 / len) * numerator / (m * len * (m * len - 1) - static_cast<Real>(sums.unit_pairs));
    return d;
}

Coefficient alpha_u_from(const std::vector<Disagreements>& parts, bool one_category) {
    Real observed = 0;
    Real expected = 0;
    std::size_t n_units = 0;
    for (const Disagreements& d : parts) {
        observed += d.observed;
        expected += d.expected;
        n_units += d.units;
    }
    if (n_units == 0) {
        return Coefficient::undefined(one_category ? "αu undefined: no coder used this category"
                                                   : "αu undefined: no coder coded anything");
    }
    if (expected <= 0) {
        return Coefficient::undefined(
            "αu undefined: expected disagreement is zero (the units could not lie differently)");
    }
    return Coefficient::of(static_cast<double>(1 - observed / expected));
}

std::optional<Coefficient> alpha_u_undefined(const Prepared& p) {
    if (p.coders < 2) {
        return Coefficient::undefined("αu needs at least two coders");
    }
    if (p.total_length == 0) {
        return Coefficient::undefined("αu undefined: no continuum to compare (total length 0)");
    }
    return std::nullopt;
}

}  // namespace

struct UnitizedAccumulator::State {
    Prepared totals;
    std::vector<std::int64_t> lengths;  // per continuum; -1 until added
    std::size_t added = 0;
    FamilySums family;
    std::vector<AlphaUSums> alpha_u;           // per category
    std::vector<std::vector<EdgeGaps>> edges;  // per continuum
    // Scratch space, kept between continua.
    std::vector<std::int64_t> last_end;
    std::vector<std::vector<Piece>> partitions;
    std::vector<std::vector<std::int64_t>> pairable;
    std::vector<std::vector<std::vector<TextRange>>> units;  // [category][coder]
    std::vector<int> touched;
};

UnitizedAccumulator::UnitizedAccumulator(int coders, int categories, std::size_t continua)
    : state_(std::make_unique<State>()) {
    check_counts(coders, categories);
    State& s = *state_;
    s.totals.coders = coders;
    s.totals.categories = categories;
    s.lengths.assign(continua, -1);
    s.family = empty_family_sums(categories);
    s.alpha_u.resize(static_cast<std::size_t>(categories));
    s.edges.resize(continua);
    s.units.assign(static_cast<std::size_t>(categories),
                   std::vector<std::vector<TextRange>>(static_cast<std::size_t>(coders)));
}

UnitizedAccumulator::~UnitizedAccumulator() = default;

void UnitizedAccumulator::add(std::size_t index, Continuum continuum) {
    State& s = *state_;
    if (index >= s.lengths.size() || s.lengths[index] >= 0) {
        fail("continuum " + std::to_string(index) + " is out of range or was added already");
    }
    const int coders = s.totals.coders;
    const SortedContinuum sc =
        sort_continuum(std::move(continuum), index, coders, s.totals.categories,
                       s.totals.overlapping_categories, s.last_end);
    s.lengths[index] = sc.length;
    ++s.added;
    s.totals.total_length += sc.length;
    // Once some coder's categories overlap, the uα family is undefined: no point counting.
    if (coders >= 2 && !s.totals.overlapping_categories) {
        add_family_sums(sc, coders, s.family, s.partitions, s.pairable);
    }
    if (coders < 2) {
        return;
    }
    // αu: each coder's units of each category used here, then per category the distances.
    for (const UnitizedSegment& seg : sc.segments) {
        auto& list = s.units[static_cast<std::size_t>(seg.category)];
        bool first_use = true;
        for (const auto& coder_units : list) {
            first_use = first_use && coder_units.empty();
        }
        if (first_use) {
            s.touched.push_back(seg.category);
        }
        list[static_cast<std::size_t>(seg.coder)].push_back({seg.start, seg.end});
    }
    s.partitions.resize(static_cast<std::size_t>(coders));
    for (const int category : s.touched) {
        auto& by_coder = s.units[static_cast<std::size_t>(category)];
        AlphaUSums& sums = s.alpha_u[static_cast<std::size_t>(category)];
        for (std::size_t i = 0; i < by_coder.size(); ++i) {
            const std::vector<TextRange>& units = by_coder[i];
            binary_partition(units, sc.length, s.partitions[i]);
            if (units.empty()) {
                continue;
            }
            for (std::size_t u = 0; u < units.size(); ++u) {
                const std::int64_t l = units[u].end - units[u].start;
                sums.unit_lengths.push_back(l);
                sums.unit_pairs += static_cast<Exact>(l) * (l - 1);
                if (u > 0 && units[u].start > units[u - 1].end) {
                    sums.inner_gaps.push_back(units[u].start - units[u - 1].end);
                }
            }
            s.edges[index].push_back(
                {category, static_cast<int>(i), units.front().start, sc.length - units.back().end});
        }
        for (std::size_t i = 0; i < by_coder.size(); ++i) {
            for (std::size_t j = i + 1; j < by_coder.size(); ++j) {
                sums.distance += pair_distance(s.partitions[i], s.partitions[j]);
            }
        }
        for (auto& units : by_coder) {
            units.clear();
        }
    }
    s.touched.clear();
}

UnitizedMeasures UnitizedAccumulator::finish() {
    State& s = *state_;
    if (s.added != s.lengths.size()) {
        fail("a continuum was not added");
    }
    const Prepared& p = s.totals;
    UnitizedMeasures out;
    out.u_alpha = u_alpha_of(p, s.family);
    out.binary_u_alpha = binary_u_alpha_of(p, s.family);
    out.cu_alpha = cu_alpha_of(p, s.family);
    out.k_u_alpha = k_u_alpha_of(p, s.family);
    if (auto undefined = alpha_u_undefined(p)) {
        out.alpha_u_1995 = *undefined;
        out.alpha_u_1995_by_category.assign(static_cast<std::size_t>(p.categories), *undefined);
        return out;
    }
    // Join the edge gaps in the order of the continua: a coder's gap of a category runs on
    // from its last unit through every continuum where the coder did not use the category to
    // its next unit. `pending` is that running gap, `seen` the last continuum joined.
    const auto k = static_cast<std::size_t>(p.categories);
    const auto m = static_cast<std::size_t>(p.coders);
    std::vector<std::int64_t> before(s.lengths.size() + 1, 0);  // length of continua before d
    for (std::size_t d = 0; d < s.lengths.size(); ++d) {
        before[d + 1] = before[d] + s.lengths[d];
    }
    std::vector<std::vector<std::int64_t>> gaps(k);
    for (std::size_t c = 0; c < k; ++c) {
        gaps[c] = std::move(s.alpha_u[c].inner_gaps);
    }
    std::vector<std::int64_t> pending(k * m, 0);
    std::vector<std::size_t> next(k * m, 0);  // first continuum not yet joined
    for (std::size_t d = 0; d < s.edges.size(); ++d) {
        for (const EdgeGaps& e : s.edges[d]) {
            const std::size_t key =
                static_cast<std::size_t>(e.category) * m + static_cast<std::size_t>(e.coder);
            const std::int64_t gap = pending[key] + (before[d] - before[next[key]]) + e.leading;
            if (gap > 0) {
                gaps[static_cast<std::size_t>(e.category)].push_back(gap);
            }
            pending[key] = e.trailing;
            next[key] = d + 1;
        }
    }
    for (std::size_t key = 0; key < k * m; ++key) {
        const std::int64_t gap = pending[key] + (before.back() - before[next[key]]);
        if (gap > 0) {
            gaps[key / m].push_back(gap);
        }
    }
    // The categories are independent: the upper half is counted on a second thread.
    auto count = [&](std::size_t first, std::size_t last) {
        std::vector<Disagreements> parts;
        std::vector<std::int64_t> scratch;
        for (std::size_t c = first; c < last; ++c) {
            parts.push_back(category_disagreements(s.alpha_u[c], gaps[c], s.alpha_u[c].unit_lengths,
                                                   scratch, p.coders, p.total_length));
        }
        return parts;
    };
    std::future<std::vector<Disagreements>> upper;
    if (k >= 2) {
        upper = std::async(std::launch::async, count, k / 2, k);
    }
    std::vector<Disagreements> parts = count(0, upper.valid() ? k / 2 : k);
    if (upper.valid()) {
        const std::vector<Disagreements> rest = upper.get();
        parts.insert(parts.end(), rest.begin(), rest.end());
    }
    // The overall αu sums the categories' terms.
    out.alpha_u_1995 = alpha_u_from(parts, false);
    for (const Disagreements& d : parts) {
        out.alpha_u_1995_by_category.push_back(alpha_u_from({d}, true));
    }
    return out;
}

UnitizedMeasures unitized_measures(const UnitizedInput& input) {
    UnitizedAccumulator accumulator(input.coders, input.categories, input.continua.size());
    for (std::size_t d = 0; d < input.continua.size(); ++d) {
        accumulator.add(d, input.continua[d]);
    }
    return accumulator.finish();
}

Coefficient u_alpha(const UnitizedInput& input) {
    return unitized_measures(input).u_alpha;
}

Coefficient binary_u_alpha(const UnitizedInput& input) {
    return unitized_measures(input).binary_u_alpha;
}

Coefficient cu_alpha(const UnitizedInput& input) {
    return unitized_measures(input).cu_alpha;
}

std::vector<Coefficient> k_u_alpha(const UnitizedInput& input) {
    return unitized_measures(input).k_u_alpha;
}

Coefficient alpha_u_1995(const UnitizedInput& input, std::optional<int> category) {
    check_counts(input.coders, input.categories);
    if (category && (*category < 0 || *category >= input.categories)) {
        fail("category " + std::to_string(*category) + " out of range");
    }
    const UnitizedMeasures all = unitized_measures(input);
    return category ? all.alpha_u_1995_by_category[static_cast<std::size_t>(*category)]
                    : all.alpha_u_1995;
}

}  // namespace quire::agreement
