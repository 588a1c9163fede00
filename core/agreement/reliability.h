// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <vector>

#include "core/agreement/coefficient.h"

// Inter-coder agreement coefficients over a reliability-data table (units x coders, cells
// may be missing), each exactly as published. Every function may throw InvalidInputError
// when the table is ragged or holds a non-finite value, when `weights` is neither empty nor
// one per unit, when a weight is negative or not finite (or the weights sum to infinity), and
// for the argument errors named below; an undefined coefficient is returned as
// Coefficient::undefined(why), never as 0 or 1. A table with no units, or whose units all
// have weight 0, is undefined. Values are categories compared by exact equality, except
// where a metric (ordinal, interval, ratio alpha) reads them as numbers.
//
// Notation: r_u = number of values unit u received, r_uk = how many of them equal category
// k, q = number of categories.
//
// Units may carry weights (multiplicities), so a large table with few distinct rows can be
// passed compressed. A unit of weight w counts exactly as w identical units would: every
// coefficient equals its value on the expanded table (each row repeated w times), and for a
// non-integer w the same formulas are used with w as a real multiplicity. Wherever the
// documentation below says "units" or "the number of units" (including the notes that count
// units left out), it means the sum of their weights. A unit of weight 0 is ignored - it
// adds no values, no categories (for q) and no negative values (for Ratio alpha) - though it
// must still be well formed.
namespace quire::agreement {

// values[u][c]: the value coder c gave unit u, or nullopt when missing. All rows have the
// same width (the number of coders).
struct ReliabilityData {
    std::vector<std::vector<std::optional<double>>> values;
    // Optional multiplicity of each unit (same length as values, each finite and >= 0);
    // empty means every unit counts once. A unit with weight w counts exactly as w
    // identical units would.
    std::vector<double> weights;
};

enum class Level { Nominal, Ordinal, Interval, Ratio };

// Percent agreement, 0..100. For each pair of coders (a, b): among the units both coded,
// the share on which they gave the same value. With 2 coders the result is that share; with
// more it is the mean of the shares, each coder pair counting equally, over all pairs that
// coded at least one unit in common (pairs with none are left out, with a note). Units with
// fewer than 2 values never count. Undefined when no pair of coders shares a unit.
Coefficient percent_agreement(const ReliabilityData&);

// Cohen's (1960) kappa: exactly 2 coders, over the units both coded (others are dropped,
// with a note). kappa = (p_o - p_e) / (1 - p_e), p_o the share of agreeing units,
// p_e = sum_k pA_k * pB_k from each coder's own marginal proportions. Undefined with != 2
// coders, no unit coded by both, or both coders using one and the same category (p_e = 1).
Coefficient cohen_kappa(const ReliabilityData&);

// Scott's (1955) pi: as cohen_kappa but p_e = sum_k pi_k^2, pi_k = (nA_k + nB_k) / 2N the
// pooled proportion over the N units both coded.
Coefficient scott_pi(const ReliabilityData&);

// Fleiss' (1971) kappa, with the generalisation to a varying number of ratings per unit of
// Gwet, Handbook of Inter-Rater Reliability (4th ed., 2014), which reduces to Fleiss (1971)
// when every unit has the same number of ratings:
//   p_a = mean over units with r_u >= 2 of sum_k r_uk (r_uk - 1) / (r_u (r_u - 1)),
//   pi_k = mean over units with r_u >= 1 of r_uk / r_u,   p_e = sum_k pi_k^2,
//   kappa = (p_a - p_e) / (1 - p_e).
// Units with a single rating count toward pi_k but not p_a; units with none are ignored. The
// note says when units were left out of p_a. Undefined with < 2 coders, no unit with 2
// ratings, or a single category in use (p_e = 1).
Coefficient fleiss_kappa(const ReliabilityData&);

// Brennan & Prediger's (1981) free-marginal kappa; for more than 2 coders this is Randolph's
// (2005) free-marginal multirater kappa. kappa = (p_a - 1/q) / (1 - 1/q), p_a as in
// fleiss_kappa (for 2 coders, the share of agreeing units among those both coded). q is
// `categories` when given, else the number of distinct values in the table; the note says
// which. Throws InvalidInputError when `categories` < 2 or fewer than the distinct values
// observed. Undefined with < 2 coders, no unit with 2 ratings, or q < 2.
Coefficient brennan_prediger(const ReliabilityData&, std::optional<int> categories);

// Gwet's (2008) AC1, multi-rater with missing ratings as in Gwet's Handbook (2014):
//   AC1 = (p_a - p_e) / (1 - p_e),   p_e = sum_k pi_k (1 - pi_k) / (q - 1),
// with p_a and pi_k as in fleiss_kappa, and q chosen as in brennan_prediger (same errors,
// same note). With 2 coders and no missing values this is Gwet's two-rater formula,
// pi_k = (pA_k + pB_k) / 2. Undefined with < 2 coders, no unit with 2 ratings, or q < 2.
// When q >= 2 is given and every value is the same, AC1 is 1 by its formula (p_e = 0).
Coefficient gwet_ac1(const ReliabilityData&, std::optional<int> categories);

// Krippendorff's alpha, coincidence-matrix form of Krippendorff (2011), "Computing
// Krippendorff's Alpha-Reliability": any number of coders, missing values allowed; only
// units with >= 2 values are pairable (the note counts the others). o_ck = sum over units of
// (number of ordered c-k value pairs in u) / (r_u - 1), n_c = sum_k o_ck, n = sum_c n_c,
//   alpha = 1 - (n - 1) * sum_{c,k} o_ck d_ck / sum_{c,k} n_c n_k d_ck,
// with d_ck: Nominal 1 if c != k else 0; Ordinal (sum_{g=c..k} n_g - (n_c + n_k)/2)^2 over
// the values in numeric order; Interval (c - k)^2; Ratio ((c - k)/(c + k))^2. Throws
// InvalidInputError for a negative value at the Ratio level. Undefined with < 2 coders, no
// pairable unit, or a single pairable value (expected disagreement 0).
Coefficient krippendorff_alpha(const ReliabilityData&, Level);

}  // namespace quire::agreement
