// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include "core/agreement/coefficient.h"

// Agreement on one code treated as present/absent, from counts instead of per-unit
// tables, so that character-level figures over millions of code points cost nothing.
namespace quire::agreement {

// NVivo's coding comparison for two coders (or two groups) on `total` units, `a` coded by
// the first, `b` by the second, `both` by both:
//   agreement = (both + neither) / total, neither = total - a - b + both;
//   kappa = (agreement·total - EF) / (total - EF), EF = a·b/total + (total-a)(total-b)/total.
struct TwoRaterCounts {
    std::int64_t total = 0;
    std::int64_t a = 0;
    std::int64_t b = 0;
    std::int64_t both = 0;
    std::int64_t neither() const { return total - a - b + both; }
};
Coefficient nvivo_percent_agreement(const TwoRaterCounts& counts);  // 0..100
Coefficient nvivo_kappa(const TwoRaterCounts& counts);

// Fleiss' kappa and Krippendorff's nominal alpha for a binary variable rated by `raters`
// raters on every unit, from units_with[k] = number of units that exactly k raters coded
// (k = 0..raters). Both equal the table-based formulas on the expanded data.
Coefficient binary_fleiss_kappa(const std::vector<std::int64_t>& units_with, int raters);
Coefficient binary_krippendorff_alpha(const std::vector<std::int64_t>& units_with, int raters);

}  // namespace quire::agreement
