// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/agreement/coefficient.h"

// Krippendorff's alpha coefficients for unitized continua: coders mark stretches ("units") of
// a text continuum with categories; what no coder's unit covers is a gap.
//
// All functions throw quire::InvalidInputError for malformed input and nothing else (besides
// std::bad_alloc). Input is malformed when coders or categories is negative, a continuum's
// length is negative, or a segment breaks 0 <= start < end <= length, coder in [0, coders),
// category in [0, categories), or overlaps another segment of the same coder and category in
// the same continuum (callers merge those first). Touching segments ([0,3) and [3,6)) stay
// two units: the coefficients depend on unit boundaries, not only on coded positions.
//
// Every coder is taken to have coded every continuum; a coder without segments in a continuum
// declared all of it a gap. Values that the data leave undefined (fewer than two coders, no
// variation, ...) come back as Coefficient::undefined with the reason.
//
// ---- The uα family: Krippendorff, Mathet, Bouvry & Widlöcher (2016), "On the reliability of
// unitizing textual continua: Further developments", Quality & Quantity 50:2347-2364 (erratum
// 50:2365); Krippendorff, Content Analysis, 4th ed. (2019), section 12.6.
//
// Each coder i partitions the continuum into segments g with value c: a category, or the gap
// value ∅ for uncoded stretches. With m coders, total length L and |g ∩ h| the length two
// segments share:
//   observed coincidences   l_ck = 1/(m-1) Σ_i Σ_{j≠i} Σ_{g of i valued c} Σ_{h of j valued k}
//                                  |g ∩ h|,        l_c. = Σ_k l_ck,  l.. = mL        (2016 eq. 1)
//   expected coincidences   e_ck = l.. (l_c. l_.k − [c=k] S_c) / (l..² − S), where S_c sums
//                                  l_g² over the units of category c and the plain length l_g
//                                  over gaps (c = ∅), S = Σ_c S_c                    (2016 eq. 4)
//   uα  = 1 − (l.. − Σ_c l_cc) / (l.. − Σ_c e_cc)      values include ∅; nominal  (2016 eq. 5a)
//   |uα = 1 − Σ_{k≠∅} l_∅k / Σ_{k≠∅} e_∅k              relevant matter vs gaps     (2016 eq. 6)
//   cuα: the same with gaps left out. l*_ck = l_ck for c, k ≠ ∅; l*_c. and l*.. are its margins;
//        p_g is the length of unit g that the other coder coded (with any category);
//        e*_ck = (l*_c. l*_.k − [c=k] T_c) / (l*.. − T/l*..), T_c = Σ_{units g valued c} p_g²;
//        cuα = 1 − (l*.. − Σ_c l*_cc) / (l*.. − Σ_c e*_cc)                   (2016 eqs. 10-11)
//   (k)uα = 1 − (e*_k. / l*_k.) · (l*_k. − l*_kk) / (e*_k. − e*_kk)          (2016 eq. 13b)
// The 2019 book numbers these eqs. 32-38. The equation numbers and the formulas were taken
// from independent implementations that cite them (the primary texts were not available to
// us); they agree on everything above for two coders. The tests reproduce the book's
// three-observer example (Fig. 12.11: uα .510, |uα .413) as quoted by one of them.
//
// Limits where the published formulation does not reach:
// - The four coefficients need each coder's segments to partition the continuum. Where one
//   coder's segments of different categories overlap, all four are undefined (the note says
//   so); alpha_u_1995 treats each category as its own variable and still applies.
// - For more than two coders, implementations disagree on p_g in the self-pairing term T_c of
//   cuα (and so of (k)uα): summed per coder pair and divided by m − 1, or taken over the union
//   of the other coders' units. Here p_g is the mean over the other coders j of what j coded
//   of g, P_g / (m − 1), so T_c = Σ_g (P_g / (m − 1))²; with two coders all three are the
//   same. This is the one of the three that reproduces the .724 reported for the book's
//   three-observer example (the others give .7256 and .7283). Values for m > 2 carry a note
//   saying so.
// Several continua are pooled by concatenating them into one continuum. For this family that
// equals summing the coincidences and the S and T terms over the continua, which is how it is
// computed.
//
// ---- αu: Krippendorff (1995), "On the reliability of unitizing continuous data", Sociological
// Methodology 25:47-76, in the discrete form of Content Analysis, 2nd ed. (2004), section 11.6.
// For a category c, each coder's continuum splits into units of c (w = 1) and gaps (w = 0);
// units of other categories count as gaps. Segment g of coder i begins at b_ig and is l_ig long.
//   cDo = 2 / (m(m−1)L²) Σ_{i<j} Σ_g Σ_h δ²_{ig,jh}, where δ² is
//         (b_ig − b_jh)² + (b_ig + l_ig − b_jh − l_jh)²  for two units that share positions,
//         l_ig²   for a unit ig lying wholly inside a gap jh (and l_jh² the other way round),
//         0       otherwise;
//   cDe = (2/L) Σ_i Σ_{units g} [ (N_c − 1)(2l³ − 3l² + l)/3
//                                 + l² Σ_{gaps h of all coders, l_h ≥ l} (l_h − l + 1) ]
//         / [ mL(mL − 1) − Σ_i Σ_{units g} l(l − 1) ],   l = l_ig, N_c = number of units of c;
//   cαu = 1 − cDo / cDe;   for all categories together αu = 1 − Σ_c cDo / Σ_c cDe.
// Several continua are pooled by concatenating them in the given order into one continuum
// (a gap that ends one continuum and one that starts the next become one gap).
namespace quire::agreement {

// One coded stretch of a continuum: [start, end) in integer positions (code points).
struct UnitizedSegment {
    int coder;
    int category;
    std::int64_t start;
    std::int64_t end;
};

// One continuum (a document) of `length` positions with every coder's segments.
struct Continuum {
    std::int64_t length;
    std::vector<UnitizedSegment> segments;
};

struct UnitizedInput {
    int coders;
    int categories;
    std::vector<Continuum> continua;
};

// uα: agreement on both the unitizing and the categories, gaps counting as a value.
Coefficient u_alpha(const UnitizedInput&);
// |uα: agreement on what is relevant (coded with any category) versus gaps.
Coefficient binary_u_alpha(const UnitizedInput&);
// cuα: agreement on the categories where coders' units overlap; unitizing disagreements ignored.
Coefficient cu_alpha(const UnitizedInput&);
// (k)uα for every category k (index = category), from the cuα coincidences.
std::vector<Coefficient> k_u_alpha(const UnitizedInput&);
// αu (1995/2004) for one category (its units against everything else), or for all categories
// together when category is nullopt. Throws InvalidInputError for a category out of range.
Coefficient alpha_u_1995(const UnitizedInput&, std::optional<int> category);

// Everything above from one preparation of the input, with αu for each category as well:
// what agreement reports use. Each field equals the matching function's result.
struct UnitizedMeasures {
    Coefficient u_alpha;
    Coefficient binary_u_alpha;
    Coefficient cu_alpha;
    std::vector<Coefficient> k_u_alpha;
    Coefficient alpha_u_1995;
    std::vector<Coefficient> alpha_u_1995_by_category;
};
UnitizedMeasures unitized_measures(const UnitizedInput&);

// unitized_measures() for continua that arrive one at a time, e.g. while the next ones are
// still being read: add() does each continuum's share of the work, finish() joins the gaps
// across continua and computes the coefficients. Continua are pooled in index order, whatever
// the order they are added in. Not for concurrent use.
class UnitizedAccumulator {
public:
    // Throws InvalidInputError for negative counts.
    UnitizedAccumulator(int coders, int categories, std::size_t continua);
    ~UnitizedAccumulator();
    UnitizedAccumulator(const UnitizedAccumulator&) = delete;
    UnitizedAccumulator& operator=(const UnitizedAccumulator&) = delete;
    // Continuum `index`, each exactly once. Throws InvalidInputError for malformed segments
    // (see the top of this header) and for an index out of range or given twice.
    void add(std::size_t index, Continuum continuum);
    // Throws InvalidInputError if a continuum was not added. Call once.
    UnitizedMeasures finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace quire::agreement
