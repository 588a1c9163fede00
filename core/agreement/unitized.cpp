// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/unitized.h"

#include <algorithm>
#include <cstdio>
#include <future>
#include <string>
#include <utility>

#include "core/agreement/radix_sort.h"
#include "core/errors.h"

namespace quire::agreement {
namespace {

using Real = long double;  // squared lengths of long documents exceed what int64 sums safely
__extension__ using Exact = __int128;  // exact sums of squared integer lengths

constexpr int kGap = -1;

// A stretch of one coder's partition of a continuum: a unit (value = its category, or 1 in the
// binary αu view) or a gap (kGap, or 0 in the binary view).
struct Piece {
    std::int64_t start;
    std::int64_t end;
    int value;
};

// One continuum's segments sorted by (coder, start, end); coder_begin[i]..coder_begin[i+1]
// indexes coder i's segments.
struct SortedContinuum {
    std::int64_t length = 0;
    std::vector<UnitizedSegment> segments;
    std::vector<std::size_t> coder_begin;
};

struct Prepared {
    int coders = 0;
    int categories = 0;
    std::int64_t total_length = 0;
    // Some coder has overlapping segments of different categories, so its segments do not
    // partition the continuum.
    bool overlapping_categories = false;
    std::vector<SortedContinuum> continua;
};

[[noreturn]] void fail(const std::string& what) {
    throw InvalidInputError("unitized alpha: " + what);
}

std::string describe(const UnitizedSegment& s) {
    return "segment [" + std::to_string(s.start) + ", " + std::to_string(s.end) + ") of coder " +
           std::to_string(s.coder) + ", category " + std::to_string(s.category);
}

Prepared prepare(const UnitizedInput& input) {
    if (input.coders < 0) {
        fail("the number of coders is negative");
    }
    if (input.categories < 0) {
        fail("the number of categories is negative");
    }
    Prepared out;
    out.coders = input.coders;
    out.categories = input.categories;
    out.continua.reserve(input.continua.size());
    // Last end seen per category for the current coder; `touched` resets it cheaply.
    std::vector<std::int64_t> last_end(static_cast<std::size_t>(input.categories), -1);
    std::vector<int> touched;
    for (std::size_t d = 0; d < input.continua.size(); ++d) {
        const Continuum& c = input.continua[d];
        if (c.length < 0) {
            fail("continuum " + std::to_string(d) + " has a negative length");
        }
        for (const UnitizedSegment& s : c.segments) {
            if (s.coder < 0 || s.coder >= input.coders) {
                fail(describe(s) + ": coder out of range");
            }
            if (s.category < 0 || s.category >= input.categories) {
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
        sc.coder_begin.assign(static_cast<std::size_t>(input.coders) + 1, 0);
        for (const UnitizedSegment& s : c.segments) {
            ++sc.coder_begin[static_cast<std::size_t>(s.coder) + 1];
        }
        for (std::size_t k = 1; k < sc.coder_begin.size(); ++k) {
            sc.coder_begin[k] += sc.coder_begin[k - 1];
        }
        sc.segments.resize(c.segments.size());
        {
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
        for (std::size_t k = 0; k + 1 < sc.coder_begin.size(); ++k) {
            const auto first = sc.segments.begin() + static_cast<std::ptrdiff_t>(sc.coder_begin[k]);
            const auto last =
                sc.segments.begin() + static_cast<std::ptrdiff_t>(sc.coder_begin[k + 1]);
            if (!std::is_sorted(first, last, by_position)) {
                std::sort(first, last, by_position);
            }
        }
        for (std::size_t k = 0; k + 1 < sc.coder_begin.size(); ++k) {
            std::int64_t max_end = -1;
            for (std::size_t i = sc.coder_begin[k]; i < sc.coder_begin[k + 1]; ++i) {
                const UnitizedSegment& s = sc.segments[i];
                auto& last = last_end[static_cast<std::size_t>(s.category)];
                if (s.start < last) {
                    fail(describe(s) + " overlaps another segment of the same coder and category");
                }
                if (last < 0) {
                    touched.push_back(s.category);
                }
                last = s.end;
                if (s.start < max_end) {
                    out.overlapping_categories = true;
                }
                max_end = std::max(max_end, s.end);
            }
            for (int cat : touched) {
                last_end[static_cast<std::size_t>(cat)] = -1;
            }
            touched.clear();
        }
        out.total_length += c.length;
        out.continua.push_back(std::move(sc));
    }
    return out;
}

// ---- uα family (Krippendorff et al. 2016) ------------------------------------------------------

// The sums the four coefficients are computed from, pooled over all continua. Pair sums run over
// ordered coder pairs (i, j), i ≠ j, and are divided by m − 1 only when used.
struct FamilySums {
    std::vector<std::int64_t> unit_length;  // per category: Σ unit lengths = l_c.
    std::int64_t gap_length = 0;            // l_∅. and also S_∅ (gaps count l, not l²)
    std::vector<Real> unit_length_squared;  // per category: S_c = Σ l_g²
    std::vector<std::int64_t> pair_same;    // per category: Σ |g ∩ h| with both valued c
    std::int64_t pair_same_gap = 0;         // the same for two gaps
    std::vector<std::int64_t> pair_coded;   // per category: Σ |g ∩ h|, g valued c, h any unit
    std::vector<Real> pairable_squared;     // per category: Σ p_g², p_g = |g ∩ h's units|
};

// Why the family is undefined for this input regardless of the coefficient, if it is.
std::optional<std::string> family_undefined(const Prepared& p) {
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

// Adds one unordered coder pair's intersections, in both directions, to `sums`.
void add_pair(const std::vector<Piece>& a_pieces, const std::vector<Piece>& b_pieces,
              FamilySums& sums) {
    std::size_t a = 0;
    std::size_t b = 0;
    std::int64_t a_pairable = 0;
    std::int64_t b_pairable = 0;
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
            a_pairable += shared;
            b_pairable += shared;
        }
        if (x.end == hi) {
            if (x.value != kGap) {
                const Real p = static_cast<Real>(a_pairable);
                sums.pairable_squared[static_cast<std::size_t>(x.value)] += p * p;
            }
            a_pairable = 0;
            ++a;
        }
        if (y.end == hi) {
            if (y.value != kGap) {
                const Real p = static_cast<Real>(b_pairable);
                sums.pairable_squared[static_cast<std::size_t>(y.value)] += p * p;
            }
            b_pairable = 0;
            ++b;
        }
    }
}

FamilySums family_sums(const Prepared& p) {
    FamilySums sums;
    if (family_undefined(p)) {
        return sums;  // nothing to count; every coefficient of the family says why
    }
    const auto k = static_cast<std::size_t>(p.categories);
    sums.unit_length.assign(k, 0);
    sums.unit_length_squared.assign(k, 0);
    sums.pair_same.assign(k, 0);
    sums.pair_coded.assign(k, 0);
    sums.pairable_squared.assign(k, 0);
    std::vector<std::vector<Piece>> partitions(static_cast<std::size_t>(p.coders));
    for (const SortedContinuum& sc : p.continua) {
        for (int i = 0; i < p.coders; ++i) {
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
        for (int i = 0; i < p.coders; ++i) {
            for (int j = i + 1; j < p.coders; ++j) {
                add_pair(partitions[static_cast<std::size_t>(i)],
                         partitions[static_cast<std::size_t>(j)], sums);
            }
        }
    }
    return sums;
}

// The cuα coincidences (values without the gap) and expected coincidences, shared by cu_alpha
// and k_u_alpha. Only for m = 2; see the header.
struct CodingTable {
    std::vector<Real> observed_margin;  // l*_c.
    std::vector<Real> observed_same;    // l*_cc
    Real observed_total = 0;            // l*..
    std::vector<Real> expected_same;    // e*_cc
    std::vector<Real> expected_margin;  // e*_c.
    int categories_paired = 0;          // categories with l*_c. > 0
};

CodingTable coding_table(const Prepared& p, const FamilySums& s) {
    const Real m1 = static_cast<Real>(p.coders - 1);
    const auto k = static_cast<std::size_t>(p.categories);
    CodingTable t;
    t.observed_margin.resize(k);
    t.observed_same.resize(k);
    t.expected_same.resize(k);
    t.expected_margin.resize(k);
    Real correction_total = 0;  // T
    for (std::size_t c = 0; c < k; ++c) {
        t.observed_margin[c] = static_cast<Real>(s.pair_coded[c]) / m1;
        t.observed_same[c] = static_cast<Real>(s.pair_same[c]) / m1;
        t.observed_total += t.observed_margin[c];
        correction_total += s.pairable_squared[c];
        if (s.pair_coded[c] > 0) {
            ++t.categories_paired;
        }
    }
    if (t.observed_total <= 0) {
        return t;
    }
    const Real denominator = t.observed_total - correction_total / t.observed_total;
    for (std::size_t c = 0; c < k; ++c) {
        const Real lc = t.observed_margin[c];
        t.expected_same[c] = (lc * lc - s.pairable_squared[c]) / denominator;
        t.expected_margin[c] = (lc * t.observed_total - s.pairable_squared[c]) / denominator;
    }
    return t;
}

const char* const kMoreThanTwoCoders =
    "not computed for more than two coders: the self-pairing term of the published cuα "
    "expected coincidences could not be verified for m > 2";

Coefficient u_alpha_of(const Prepared& p, const FamilySums& s) {
    if (auto why = family_undefined(p)) {
        return Coefficient::undefined("uα undefined: " + *why);
    }
    const Real m = static_cast<Real>(p.coders);
    const Real total = m * static_cast<Real>(p.total_length);  // l..
    Real correction = static_cast<Real>(s.gap_length);         // S
    int values_used = s.gap_length > 0 ? 1 : 0;
    for (std::size_t c = 0; c < s.unit_length.size(); ++c) {
        correction += s.unit_length_squared[c];
        if (s.unit_length[c] > 0) {
            ++values_used;
        }
    }
    if (values_used < 2) {
        return Coefficient::undefined(
            "uα undefined: no variation (every coder gave the whole continuum one value), so "
            "expected disagreement is zero");
    }
    const Real denominator = total * total - correction;
    const Real gap = static_cast<Real>(s.gap_length);
    Real observed_same = static_cast<Real>(s.pair_same_gap);
    Real expected_same = total * (gap * gap - gap) / denominator;
    for (std::size_t c = 0; c < s.unit_length.size(); ++c) {
        const Real lc = static_cast<Real>(s.unit_length[c]);
        observed_same += static_cast<Real>(s.pair_same[c]);
        expected_same += total * (lc * lc - s.unit_length_squared[c]) / denominator;
    }
    observed_same /= m - 1;
    return Coefficient::of(
        static_cast<double>(1 - (total - observed_same) / (total - expected_same)));
}

Coefficient binary_u_alpha_of(const Prepared& p, const FamilySums& s) {
    if (auto why = family_undefined(p)) {
        return Coefficient::undefined("|uα undefined: " + *why);
    }
    const Real m = static_cast<Real>(p.coders);
    const Real total = m * static_cast<Real>(p.total_length);
    const Real gap = static_cast<Real>(s.gap_length);
    if (s.gap_length == 0) {
        return Coefficient::undefined(
            "|uα undefined: no gaps (every coder coded the whole continuum), so expected "
            "disagreement is zero");
    }
    if (gap == total) {
        return Coefficient::undefined(
            "|uα undefined: no coder coded anything, so expected disagreement is zero");
    }
    Real correction = gap;
    for (Real sq : s.unit_length_squared) {
        correction += sq;
    }
    // Σ_{k≠∅} l_∅k = l_∅. − l_∅∅ and Σ_{k≠∅} e_∅k = l.. l_∅. (l.. − l_∅.) / (l..² − S).
    const Real observed = gap - static_cast<Real>(s.pair_same_gap) / (m - 1);
    const Real expected = total * gap * (total - gap) / (total * total - correction);
    return Coefficient::of(static_cast<double>(1 - observed / expected));
}

Coefficient cu_alpha_of(const Prepared& p, const FamilySums& s) {
    if (auto why = family_undefined(p)) {
        return Coefficient::undefined("cuα undefined: " + *why);
    }
    if (p.coders > 2) {
        return Coefficient::undefined(std::string("cuα ") + kMoreThanTwoCoders);
    }
    const CodingTable t = coding_table(p, s);
    if (t.observed_total <= 0) {
        return Coefficient::undefined(
            "cuα undefined: no coded stretch of one coder overlaps a coded stretch of another");
    }
    if (t.categories_paired < 2) {
        return Coefficient::undefined(
            "cuα undefined: where coded stretches overlap only one category occurs, so expected "
            "disagreement is zero");
    }
    Real observed_same = 0;
    Real expected_same = 0;
    for (std::size_t c = 0; c < t.observed_same.size(); ++c) {
        observed_same += t.observed_same[c];
        expected_same += t.expected_same[c];
    }
    return Coefficient::of(static_cast<double>(1 - (t.observed_total - observed_same) /
                                                       (t.observed_total - expected_same)));
}

std::vector<Coefficient> k_u_alpha_of(const Prepared& p, const FamilySums& s) {
    const auto k = static_cast<std::size_t>(p.categories);
    if (auto why = family_undefined(p)) {
        return std::vector<Coefficient>(k, Coefficient::undefined("(k)uα undefined: " + *why));
    }
    if (p.coders > 2) {
        return std::vector<Coefficient>(
            k, Coefficient::undefined(std::string("(k)uα ") + kMoreThanTwoCoders));
    }
    const CodingTable t = coding_table(p, s);
    std::vector<Coefficient> out;
    out.reserve(k);
    for (std::size_t c = 0; c < k; ++c) {
        if (s.pair_coded[c] == 0) {
            out.push_back(Coefficient::undefined(
                "(k)uα undefined: no stretch coded with this category overlaps another coder's "
                "coded stretch"));
            continue;
        }
        if (t.categories_paired < 2) {
            out.push_back(Coefficient::undefined(
                "(k)uα undefined: where coded stretches overlap only this category occurs, so "
                "expected disagreement is zero"));
            continue;
        }
        const Real lk = t.observed_margin[c];
        const Real observed = lk - t.observed_same[c];
        const Real expected = t.expected_margin[c] - t.expected_same[c];
        out.push_back(Coefficient::of(
            static_cast<double>(1 - (t.expected_margin[c] / lk) * observed / expected)));
    }
    return out;
}

}  // namespace

// ---- αu (Krippendorff 1995; discrete form of Content Analysis, 2nd ed., 2004) -----------------

namespace {

// A unit on the concatenated continuum.
struct Span {
    std::int64_t start;
    std::int64_t end;
};

struct Disagreements {
    Real observed = 0;
    Real expected = 0;
    std::size_t units = 0;
};

// cDo and cDe for one category; by_coder[i] holds coder i's units of it sorted by start.
Disagreements category_disagreements(const std::vector<std::vector<Span>>& by_coder,
                                     std::int64_t length, std::vector<std::int64_t>& gaps,
                                     std::vector<std::int64_t>& scratch) {
    const int coders = static_cast<int>(by_coder.size());
    // Each coder's binary partition: units (value 1) and the gaps between them (value 0).
    std::vector<std::vector<Piece>> partitions(by_coder.size());
    gaps.clear();
    Exact unit_pairs = 0;  // Σ l(l − 1)
    std::size_t n_units = 0;
    for (std::size_t coder = 0; coder < by_coder.size(); ++coder) {
        auto& part = partitions[coder];
        std::int64_t pos = 0;
        for (const Span& u : by_coder[coder]) {
            if (u.start > pos) {
                part.push_back({pos, u.start, 0});
                gaps.push_back(u.start - pos);
            }
            part.push_back({u.start, u.end, 1});
            const Exact l = u.end - u.start;
            unit_pairs += l * (l - 1);
            pos = u.end;
        }
        if (pos < length) {
            part.push_back({pos, length, 0});
            gaps.push_back(length - pos);
        }
        n_units += by_coder[coder].size();
    }

    Disagreements d;
    d.units = n_units;
    if (n_units == 0) {
        return d;
    }
    // Sums of squared integer lengths, kept exact in 128 bits (and faster than long double).
    Exact distance = 0;
    for (int i = 0; i < coders; ++i) {
        for (int j = i + 1; j < coders; ++j) {
            const auto& pa = partitions[static_cast<std::size_t>(i)];
            const auto& pb = partitions[static_cast<std::size_t>(j)];
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
        }
    }
    const Real m = static_cast<Real>(coders);
    const Real len = static_cast<Real>(length);
    d.observed = 2 * static_cast<Real>(distance) / (m * (m - 1) * len * len);

    // Σ_{gaps h, l_h ≥ l} (l_h − l + 1) for every unit: with gaps and units both sorted by
    // length, one backward walk keeps the count and the sum of the gaps at least as long as
    // the current unit. Every term is an integer (l(l − 1)(2l − 1) is divisible by 6), so
    // the sums stay exact.
    std::vector<std::int64_t> unit_lengths;
    unit_lengths.reserve(n_units);
    for (const auto& coder_units : by_coder) {
        for (const Span& u : coder_units) {
            unit_lengths.push_back(u.end - u.start);
        }
    }
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
        static_cast<Real>(n_units - 1) * static_cast<Real>(cubic) + static_cast<Real>(placement);
    d.expected = (2 / len) * numerator / (m * len * (m * len - 1) - static_cast<Real>(unit_pairs));
    return d;
}

}  // namespace

namespace {

// αu's observed and expected disagreement of every category in [first, last).
std::vector<Disagreements> alpha_u_parts(const Prepared& p, int first, int last) {
    // units[c][i]: coder i's units of category c on the concatenated continuum. Continua are
    // visited in order and each coder's segments sorted by start, so every list comes sorted.
    const auto m = static_cast<std::size_t>(p.coders);
    std::vector<std::vector<std::vector<Span>>> units(static_cast<std::size_t>(last - first),
                                                      std::vector<std::vector<Span>>(m));
    std::int64_t offset = 0;
    for (const SortedContinuum& sc : p.continua) {
        for (const UnitizedSegment& s : sc.segments) {
            if (s.category >= first && s.category < last) {
                units[static_cast<std::size_t>(s.category - first)]
                     [static_cast<std::size_t>(s.coder)]
                         .push_back({offset + s.start, offset + s.end});
            }
        }
        offset += sc.length;
    }
    std::vector<Disagreements> parts;
    parts.reserve(units.size());
    std::vector<std::int64_t> gaps, scratch;
    for (const auto& by_coder : units) {
        parts.push_back(category_disagreements(by_coder, p.total_length, gaps, scratch));
    }
    return parts;
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

Coefficient u_alpha(const UnitizedInput& input) {
    const Prepared p = prepare(input);
    return u_alpha_of(p, family_sums(p));
}

Coefficient binary_u_alpha(const UnitizedInput& input) {
    const Prepared p = prepare(input);
    return binary_u_alpha_of(p, family_sums(p));
}

Coefficient cu_alpha(const UnitizedInput& input) {
    const Prepared p = prepare(input);
    return cu_alpha_of(p, family_sums(p));
}

std::vector<Coefficient> k_u_alpha(const UnitizedInput& input) {
    const Prepared p = prepare(input);
    return k_u_alpha_of(p, family_sums(p));
}

Coefficient alpha_u_1995(const UnitizedInput& input, std::optional<int> category) {
    const Prepared p = prepare(input);
    if (category && (*category < 0 || *category >= p.categories)) {
        fail("category " + std::to_string(*category) + " out of range");
    }
    if (auto undefined = alpha_u_undefined(p)) {
        return *undefined;
    }
    const int first = category ? *category : 0;
    const int last = category ? *category + 1 : p.categories;
    return alpha_u_from(alpha_u_parts(p, first, last), category.has_value());
}

UnitizedMeasures unitized_measures(const UnitizedInput& input) {
    const Prepared p = prepare(input);
    UnitizedMeasures out;
    // αu's categories are independent of one another and of the uα family: the upper half
    // of them is counted on a second thread while this one does the rest.
    const bool alpha_u_defined = !alpha_u_undefined(p);
    const int half = p.categories / 2;
    std::future<std::vector<Disagreements>> upper;
    if (alpha_u_defined && half > 0) {
        upper = std::async(std::launch::async,
                           [&p, half] { return alpha_u_parts(p, half, p.categories); });
    }
    // The four share one set of sums, counted once.
    const FamilySums sums = family_sums(p);
    out.u_alpha = u_alpha_of(p, sums);
    out.binary_u_alpha = binary_u_alpha_of(p, sums);
    out.cu_alpha = cu_alpha_of(p, sums);
    out.k_u_alpha = k_u_alpha_of(p, sums);
    if (auto undefined = alpha_u_undefined(p)) {
        out.alpha_u_1995 = *undefined;
        out.alpha_u_1995_by_category.assign(static_cast<std::size_t>(p.categories), *undefined);
        return out;
    }
    // The overall αu sums the categories' terms, so one pass gives both.
    std::vector<Disagreements> parts = alpha_u_parts(p, 0, upper.valid() ? half : p.categories);
    if (upper.valid()) {
        const std::vector<Disagreements> rest = upper.get();
        parts.insert(parts.end(), rest.begin(), rest.end());
    }
    out.alpha_u_1995 = alpha_u_from(parts, false);
    for (const Disagreements& d : parts) {
        out.alpha_u_1995_by_category.push_back(alpha_u_from({d}, true));
    }
    return out;
}

}  // namespace quire::agreement
