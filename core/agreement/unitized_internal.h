// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/agreement/unitized.h"

// What unitized.cpp (checking, partitions, pooled sums, αu) and unitized_family.cpp (the
// uα family's coefficients from the pooled sums) share. Private to core/agreement.
namespace quire::agreement::unitized_detail {

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

// What every coefficient needs to know about the input as a whole.
struct Prepared {
    int coders = 0;
    int categories = 0;
    std::int64_t total_length = 0;
    // Some coder has overlapping segments of different categories, so its segments do not
    // partition the continuum.
    bool overlapping_categories = false;
};

// The sums the four coefficients are computed from, pooled over all continua. Pair sums run over
// ordered coder pairs (i, j), i ≠ j, and are divided by m − 1 only when used.
struct FamilySums {
    std::vector<std::int64_t> unit_length;  // per category: Σ unit lengths = l_c.
    std::int64_t gap_length = 0;            // l_∅. and also S_∅ (gaps count l, not l²)
    std::vector<Real> unit_length_squared;  // per category: S_c = Σ l_g²
    std::vector<std::int64_t> pair_same;    // per category: Σ |g ∩ h| with both valued c
    std::int64_t pair_same_gap = 0;         // the same for two gaps
    std::vector<std::int64_t> pair_coded;   // per category: Σ |g ∩ h|, g valued c, h any unit
    // Per category: Σ P_g² over units g, P_g = Σ_{other coders j} |g ∩ j's units| (with two
    // coders, P_g is p_g). Divided by (m − 1)² when used: see coding_table().
    std::vector<Real> pairable_squared;
};

// Why the family is undefined for this input regardless of the coefficient, if it is.
std::optional<std::string> family_undefined(const Prepared& p);

Coefficient u_alpha_of(const Prepared& p, const FamilySums& s);
Coefficient binary_u_alpha_of(const Prepared& p, const FamilySums& s);
Coefficient cu_alpha_of(const Prepared& p, const FamilySums& s);
std::vector<Coefficient> k_u_alpha_of(const Prepared& p, const FamilySums& s);

}  // namespace quire::agreement::unitized_detail
