// SPDX-License-Identifier: GPL-3.0-or-later
// The uα family's four coefficients (Krippendorff et al. 2016; Krippendorff 2019) from the
// sums pooled over every continuum.
#include "core/agreement/unitized_internal.h"

#include <string>

namespace quire::agreement::unitized_detail {
namespace {

// The cuα coincidences (values without the gap) and expected coincidences, shared by cu_alpha
// and k_u_alpha. T_c sums the squares of each unit's mean pairable length P_g / (m − 1); see
// the header for why.
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
    Real correction_total = 0;        // T
    std::vector<Real> correction(k);  // T_c
    for (std::size_t c = 0; c < k; ++c) {
        correction[c] = s.pairable_squared[c] / (m1 * m1);
        t.observed_margin[c] = static_cast<Real>(s.pair_coded[c]) / m1;
        t.observed_same[c] = static_cast<Real>(s.pair_same[c]) / m1;
        t.observed_total += t.observed_margin[c];
        correction_total += correction[c];
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
        t.expected_same[c] = (lc * lc - correction[c]) / denominator;
        t.expected_margin[c] = (lc * t.observed_total - correction[c]) / denominator;
    }
    return t;
}

// What the value of cuα and (k)uα rests on with more than two coders.
const char* const kMoreThanTwoCoders =
    "with more than two coders, each unit's pairable length is the mean over the other coders "
    "(reproduces cuα = .724 for Krippendorff 2019, Fig. 12.11; see core/agreement/unitized.h)";

// `c` with the caveat for more than two coders, when it applies.
Coefficient with_coders_note(Coefficient c, const Prepared& p, const char* name) {
    if (p.coders > 2 && c.value) {
        c.note = std::string(name) + " " + kMoreThanTwoCoders;
    }
    return c;
}

}  // namespace

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
    return with_coders_note(
        Coefficient::of(static_cast<double>(1 - (t.observed_total - observed_same) /
                                                    (t.observed_total - expected_same))),
        p, "cuα");
}

std::vector<Coefficient> k_u_alpha_of(const Prepared& p, const FamilySums& s) {
    const auto k = static_cast<std::size_t>(p.categories);
    if (auto why = family_undefined(p)) {
        return std::vector<Coefficient>(k, Coefficient::undefined("(k)uα undefined: " + *why));
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
        out.push_back(with_coders_note(Coefficient::of(static_cast<double>(
                                           1 - (t.expected_margin[c] / lk) * observed / expected)),
                                       p, "(k)uα"));
    }
    return out;
}

}  // namespace quire::agreement::unitized_detail
