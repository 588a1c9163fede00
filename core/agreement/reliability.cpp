// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/reliability.h"

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include "core/base/errors.h"

namespace quire::agreement {

namespace {

using Table = std::vector<std::vector<std::optional<double>>>;
// Category -> how many values of a unit fell in it. std::map orders values numerically,
// which the ordinal metric relies on; -0.0 and 0.0 are one category, as they are under ==.
using CategoryCounts = std::map<double, int>;
// The same over many units, each value counted with its unit's weight (a real multiplicity).
using WeightedCounts = std::map<double, double>;

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A weighted count of units: an integer when it is one (as with integer weights), else up to
// 15 significant digits, which hides the rounding of summed fractional weights.
std::string plural(double n, const char* one, const char* many) {
    char text[512];
    if (n == std::floor(n)) {
        std::snprintf(text, sizeof text, "%.0f", n);
    } else {
        std::snprintf(text, sizeof text, "%.15g", n);
    }
    const std::string count = text;
    return count + " " + (count == "1" ? one : many);
}

void append_note(std::string& note, const std::string& part) {
    if (part.empty()) {
        return;
    }
    if (!note.empty()) {
        note += "; ";
    }
    note += part;
}

Coefficient with_note(double value, std::string note) {
    return Coefficient{value, std::move(note)};
}

// The multiplicity of unit u.
double weight(const ReliabilityData& data, std::size_t u) {
    return data.weights.empty() ? 1.0 : data.weights[u];
}

// Returns the number of coders. Throws on a ragged table, a non-finite value (NaN would make
// exact category equality meaningless) or a bad weight. Rows of weight 0 are validated too.
std::size_t validate(const ReliabilityData& data) {
    const Table& values = data.values;
    if (!data.weights.empty() && data.weights.size() != values.size()) {
        throw InvalidInputError("reliability data: " + std::to_string(data.weights.size()) +
                                " weights given for " + std::to_string(values.size()) + " units");
    }
    double total = 0;
    for (std::size_t u = 0; u < data.weights.size(); ++u) {
        const double w = data.weights[u];
        if (!std::isfinite(w) || w < 0) {
            throw InvalidInputError("reliability data: unit " + std::to_string(u + 1) +
                                    " has a weight that is not a finite number >= 0");
        }
        total += w;
    }
    if (!std::isfinite(total)) {
        throw InvalidInputError("reliability data: the weights sum to more than a double holds");
    }
    if (values.empty()) {
        return 0;
    }
    const std::size_t coders = values.front().size();
    for (std::size_t u = 0; u < values.size(); ++u) {
        if (values[u].size() != coders) {
            throw InvalidInputError("reliability data: unit " + std::to_string(u + 1) + " has " +
                                    std::to_string(values[u].size()) + " cells, unit 1 has " +
                                    std::to_string(coders));
        }
        for (const auto& cell : values[u]) {
            if (cell && !std::isfinite(*cell)) {
                throw InvalidInputError("reliability data: unit " + std::to_string(u + 1) +
                                        " holds a value that is not a finite number");
            }
        }
    }
    return coders;
}

// The reason no coefficient can be computed from the table's shape alone, or empty.
std::string shape_problem(const ReliabilityData& data, std::size_t coders) {
    if (data.values.empty()) {
        return "the table has no units";
    }
    bool any_weight = data.weights.empty();
    for (const double w : data.weights) {
        any_weight = any_weight || w > 0;
    }
    if (!any_weight) {
        return "the table has no units (every unit has weight 0)";
    }
    if (coders < 2) {
        return "agreement needs at least 2 coders; the table has " + std::to_string(coders);
    }
    return {};
}

CategoryCounts unit_counts(const std::vector<std::optional<double>>& row, int& total) {
    CategoryCounts counts;
    total = 0;
    for (const auto& cell : row) {
        if (cell) {
            ++counts[*cell];
            ++total;
        }
    }
    return counts;
}

// Distinct values in the units of positive weight (the expanded table).
std::size_t distinct_values(const ReliabilityData& data) {
    CategoryCounts seen;
    for (std::size_t u = 0; u < data.values.size(); ++u) {
        if (weight(data, u) <= 0) {
            continue;
        }
        for (const auto& cell : data.values[u]) {
            if (cell) {
                seen[*cell] = 1;
            }
        }
    }
    return seen.size();
}

// --- Two coders (Cohen, Scott) --------------------------------------------------------

// All counts are weighted: a unit of weight w counts w times.
struct TwoCoderTable {
    double units = 0;  // coded by both
    double agreements = 0;
    WeightedCounts first;   // marginal counts of coder 1 over those units
    WeightedCounts second;  // and of coder 2
    std::string note;       // units left out
};

// Empty optional with `why` set when the coefficient is undefined for this table.
std::optional<TwoCoderTable> two_coder_table(const ReliabilityData& data, std::string& why) {
    const std::size_t coders = validate(data);
    why = shape_problem(data, coders);
    if (!why.empty()) {
        return std::nullopt;
    }
    if (coders != 2) {
        why = "defined for exactly 2 coders; the table has " + std::to_string(coders);
        return std::nullopt;
    }
    TwoCoderTable table;
    double dropped = 0;
    for (std::size_t u = 0; u < data.values.size(); ++u) {
        const auto& row = data.values[u];
        const double w = weight(data, u);
        if (w <= 0) {
            continue;
        }
        if (row[0] && row[1]) {
            table.units += w;
            table.first[*row[0]] += w;
            table.second[*row[1]] += w;
            if (*row[0] == *row[1]) {
                table.agreements += w;
            }
        } else {
            dropped += w;
        }
    }
    if (table.units == 0) {
        why = "no unit was coded by both coders";
        return std::nullopt;
    }
    if (dropped > 0) {
        table.note = plural(dropped, "unit", "units") +
                     " not coded by both coders left out; computed over " +
                     plural(table.units, "unit", "units");
    }
    return table;
}

// --- Many coders (Fleiss, Brennan-Prediger/Randolph, Gwet) -----------------------------

// The quantities Gwet (2014) defines for raw ratings with missing values. Unit counts are
// weighted; units of weight 0 are skipped entirely.
struct MultiRaterAgreement {
    double rated_units = 0;     // r_u >= 1
    double pairable_units = 0;  // r_u >= 2
    double single_units = 0;    // r_u == 1
    double empty_units = 0;     // r_u == 0
    int fewest_ratings = 0;     // min and max r_u over rated units
    int most_ratings = 0;
    double observed = 0;                  // p_a
    std::map<double, double> proportion;  // pi_k
};

std::optional<MultiRaterAgreement> multi_rater_agreement(const ReliabilityData& data,
                                                         std::string& why) {
    const std::size_t coders = validate(data);
    why = shape_problem(data, coders);
    if (!why.empty()) {
        return std::nullopt;
    }
    MultiRaterAgreement agreement;
    double observed_sum = 0;
    bool any_rated = false;
    for (std::size_t u = 0; u < data.values.size(); ++u) {
        const double w = weight(data, u);
        if (w <= 0) {
            continue;
        }
        int r = 0;
        const CategoryCounts counts = unit_counts(data.values[u], r);
        if (r == 0) {
            agreement.empty_units += w;
            continue;
        }
        if (!any_rated || r < agreement.fewest_ratings) {
            agreement.fewest_ratings = r;
        }
        if (!any_rated || r > agreement.most_ratings) {
            agreement.most_ratings = r;
        }
        any_rated = true;
        agreement.rated_units += w;
        for (const auto& [category, count] : counts) {
            agreement.proportion[category] += w * count / r;
        }
        if (r < 2) {
            agreement.single_units += w;
            continue;
        }
        agreement.pairable_units += w;
        double agreeing_pairs = 0;
        for (const auto& [category, count] : counts) {
            agreeing_pairs += static_cast<double>(count) * (count - 1);
        }
        observed_sum += w * agreeing_pairs / (static_cast<double>(r) * (r - 1));
    }
    if (agreement.pairable_units == 0) {
        why = "no unit has values from 2 or more coders";
        return std::nullopt;
    }
    for (auto& entry : agreement.proportion) {
        entry.second /= agreement.rated_units;
    }
    agreement.observed = observed_sum / agreement.pairable_units;
    return agreement;
}

// Says how units with missing values entered the multi-rater formulas; empty for a complete
// table, where the formulas are the original ones.
std::string missing_data_note(const MultiRaterAgreement& agreement) {
    std::string note;
    if (agreement.fewest_ratings != agreement.most_ratings) {
        append_note(note, "ratings per unit vary from " + std::to_string(agreement.fewest_ratings) +
                              " to " + std::to_string(agreement.most_ratings) +
                              " (Gwet 2014 generalisation for missing ratings)");
    }
    if (agreement.single_units > 0) {
        append_note(note, plural(agreement.single_units, "unit", "units") +
                              " with a single rating left out of observed agreement but "
                              "counted in category proportions");
    }
    if (agreement.empty_units > 0) {
        append_note(note,
                    plural(agreement.empty_units, "unit", "units") + " with no rating ignored");
    }
    return note;
}

// q for Brennan-Prediger and AC1. Throws for a `categories` that cannot be right.
int category_count(const ReliabilityData& data, std::optional<int> categories, std::string& note) {
    const std::size_t observed = distinct_values(data);
    if (categories) {
        if (*categories < 2) {
            throw InvalidInputError("the number of categories must be at least 2, not " +
                                    std::to_string(*categories));
        }
        if (static_cast<std::size_t>(*categories) < observed) {
            throw InvalidInputError(std::to_string(*categories) + " categories given but " +
                                    std::to_string(observed) +
                                    " distinct values occur in the table");
        }
        note = "q = " + std::to_string(*categories) + " categories, as given";
        return *categories;
    }
    note = "q = " + std::to_string(observed) + " distinct values observed";
    return static_cast<int>(observed);
}

// --- Krippendorff's alpha ---------------------------------------------------------------

double squared(double x) {
    return x * x;
}

}  // namespace

Coefficient percent_agreement(const ReliabilityData& data) {
    const std::size_t coders = validate(data);
    const std::string problem = shape_problem(data, coders);
    if (!problem.empty()) {
        return Coefficient::undefined(problem);
    }
    double share_sum = 0;
    std::size_t pairs_used = 0;
    std::size_t pairs_without_units = 0;
    double units_both = 0;  // for the 2-coder note, with the (weighted) units left out
    double units_dropped = 0;
    for (std::size_t a = 0; a < coders; ++a) {
        for (std::size_t b = a + 1; b < coders; ++b) {
            double both = 0;
            double agree = 0;
            double dropped = 0;
            for (std::size_t u = 0; u < data.values.size(); ++u) {
                const auto& row = data.values[u];
                const double w = weight(data, u);
                if (w <= 0) {
                    continue;
                }
                if (row[a] && row[b]) {
                    both += w;
                    if (*row[a] == *row[b]) {
                        agree += w;
                    }
                } else {
                    dropped += w;
                }
            }
            units_both = both;
            units_dropped = dropped;
            if (both == 0) {
                ++pairs_without_units;
                continue;
            }
            share_sum += agree / both;
            ++pairs_used;
        }
    }
    if (pairs_used == 0) {
        return Coefficient::undefined("no unit was coded by two coders");
    }
    std::string note;
    if (coders == 2) {
        if (units_dropped > 0) {
            note = plural(units_dropped, "unit", "units") +
                   " not coded by both coders left out; computed over " +
                   plural(units_both, "unit", "units");
        }
    } else {
        note = "mean of pairwise percent agreement over " +
               plural(pairs_used, "coder pair", "coder pairs");
        if (pairs_without_units > 0) {
            append_note(note, plural(pairs_without_units, "coder pair", "coder pairs") +
                                  " with no unit in common left out");
        }
    }
    return with_note(100.0 * share_sum / static_cast<double>(pairs_used), note);
}

Coefficient cohen_kappa(const ReliabilityData& data) {
    std::string why;
    const auto table = two_coder_table(data, why);
    if (!table) {
        return Coefficient::undefined("Cohen's kappa: " + why);
    }
    if (table->first.size() == 1 && table->second.size() == 1 &&
        table->first.begin()->first == table->second.begin()->first) {
        return Coefficient::undefined(
            "Cohen's kappa: both coders used a single, identical category, so chance agreement "
            "is 1");
    }
    const double n = table->units;
    double expected = 0;
    for (const auto& [category, count] : table->first) {
        const auto other = table->second.find(category);
        if (other != table->second.end()) {
            expected += (count / n) * (other->second / n);
        }
    }
    const double observed = table->agreements / n;
    return with_note((observed - expected) / (1 - expected), table->note);
}

Coefficient scott_pi(const ReliabilityData& data) {
    std::string why;
    const auto table = two_coder_table(data, why);
    if (!table) {
        return Coefficient::undefined("Scott's pi: " + why);
    }
    WeightedCounts pooled = table->first;
    for (const auto& [category, count] : table->second) {
        pooled[category] += count;
    }
    if (pooled.size() == 1) {
        return Coefficient::undefined(
            "Scott's pi: every value is the same category, so chance agreement is 1");
    }
    const double values = 2.0 * table->units;
    double expected = 0;
    for (const auto& entry : pooled) {
        expected += squared(entry.second / values);
    }
    const double observed = table->agreements / table->units;
    return with_note((observed - expected) / (1 - expected), table->note);
}

Coefficient fleiss_kappa(const ReliabilityData& data) {
    std::string why;
    const auto agreement = multi_rater_agreement(data, why);
    if (!agreement) {
        return Coefficient::undefined("Fleiss' kappa: " + why);
    }
    if (agreement->proportion.size() == 1) {
        return Coefficient::undefined(
            "Fleiss' kappa: every value is the same category, so chance agreement is 1");
    }
    double expected = 0;
    for (const auto& entry : agreement->proportion) {
        expected += squared(entry.second);
    }
    return with_note((agreement->observed - expected) / (1 - expected),
                     missing_data_note(*agreement));
}

namespace {

// What Brennan-Prediger's kappa and Gwet's AC1 start from: the agreement observed over rater
// pairs and q, the number of categories (at least 2).
struct ChanceCorrectedInput {
    std::optional<MultiRaterAgreement> agreement;
    int q = 0;
    std::string note;  // about q and missing data
};

// Fills `in`, or returns why `name` is undefined (`one_category` when q is 1).
std::optional<Coefficient> chance_corrected_input(const ReliabilityData& data,
                                                  std::optional<int> categories,
                                                  const std::string& name,
                                                  const std::string& one_category,
                                                  ChanceCorrectedInput& in) {
    validate(data);
    in.q = category_count(data, categories, in.note);
    std::string why;
    in.agreement = multi_rater_agreement(data, why);
    if (!in.agreement) {
        return Coefficient::undefined(name + ": " + why);
    }
    if (in.q < 2) {
        return Coefficient::undefined(name + ": only one distinct value observed (q = 1)" +
                                      one_category +
                                      "; pass the number of categories to use "
                                      "another q");
    }
    append_note(in.note, missing_data_note(*in.agreement));
    return std::nullopt;
}

Coefficient chance_corrected(const ChanceCorrectedInput& in, double expected) {
    return with_note((in.agreement->observed - expected) / (1 - expected), in.note);
}

}  // namespace

Coefficient brennan_prediger(const ReliabilityData& data, std::optional<int> categories) {
    ChanceCorrectedInput in;
    if (auto undefined = chance_corrected_input(data, categories, "Brennan-Prediger kappa",
                                                ", so chance agreement 1/q is 1", in)) {
        return *undefined;
    }
    return chance_corrected(in, 1.0 / in.q);
}

Coefficient gwet_ac1(const ReliabilityData& data, std::optional<int> categories) {
    ChanceCorrectedInput in;
    if (auto undefined = chance_corrected_input(data, categories, "Gwet's AC1",
                                                " and chance agreement divides by q - 1", in)) {
        return *undefined;
    }
    // Categories nobody used have pi_k = 0 and add nothing to the sum, only to q.
    double spread = 0;
    for (const auto& entry : in.agreement->proportion) {
        spread += entry.second * (1 - entry.second);
    }
    return chance_corrected(in, spread / (in.q - 1));
}

namespace {

// Ratio-level differences divide by the sum of two values, which must not be negative.
void require_non_negative(const ReliabilityData& data) {
    for (std::size_t u = 0; u < data.values.size(); ++u) {
        if (weight(data, u) <= 0) {
            continue;
        }
        for (const auto& cell : data.values[u]) {
            if (cell && *cell < 0) {
                throw InvalidInputError("ratio-level alpha needs non-negative values; unit " +
                                        std::to_string(u + 1) + " holds " + std::to_string(*cell));
            }
        }
    }
}

// Adds one unit's pairs of values, weighted by w / (m - 1), to the coincidence matrix `o`
// (rows and columns indexed by `index`, value -> position).
void add_coincidences(std::vector<std::vector<double>>& o, const CategoryCounts& index,
                      const CategoryCounts& counts, int m, double w) {
    for (const auto& [c_value, c_count] : counts) {
        const std::size_t c = static_cast<std::size_t>(index.at(c_value));
        for (const auto& [k_value, k_count] : counts) {
            const std::size_t k = static_cast<std::size_t>(index.at(k_value));
            const double pairs = c == k ? static_cast<double>(c_count) * (c_count - 1)
                                        : static_cast<double>(c_count) * k_count;
            o[c][k] += w * pairs / (m - 1);
        }
    }
}

}  // namespace

Coefficient krippendorff_alpha(const ReliabilityData& data, Level level) {
    const std::size_t coders = validate(data);
    const std::string problem = shape_problem(data, coders);
    if (!problem.empty()) {
        return Coefficient::undefined("Krippendorff's alpha: " + problem);
    }
    if (level == Level::Ratio) {
        require_non_negative(data);
    }

    // Index the pairable values (units with >= 2 values, of positive weight), in numeric
    // order.
    struct PairableUnit {
        CategoryCounts counts;
        int m;     // r_u
        double w;  // the unit's weight
    };
    std::vector<PairableUnit> pairable;
    double unpairable = 0;
    CategoryCounts index;
    for (std::size_t u = 0; u < data.values.size(); ++u) {
        const double w = weight(data, u);
        if (w <= 0) {
            continue;
        }
        int m = 0;
        CategoryCounts counts = unit_counts(data.values[u], m);
        if (m < 2) {
            unpairable += w;
            continue;
        }
        for (const auto& entry : counts) {
            index[entry.first] = 0;
        }
        pairable.push_back({std::move(counts), m, w});
    }
    if (pairable.empty()) {
        return Coefficient::undefined(
            "Krippendorff's alpha: no unit has values from 2 or more coders");
    }
    if (index.size() < 2) {
        return Coefficient::undefined(
            "Krippendorff's alpha: every pairable value is the same, so expected disagreement "
            "is 0");
    }
    std::vector<double> value;
    for (auto& entry : index) {
        entry.second = static_cast<int>(value.size());
        value.push_back(entry.first);
    }
    const std::size_t v = value.size();

    // Coincidence matrix o_ck and its marginals n_c.
    std::vector<std::vector<double>> o(v, std::vector<double>(v, 0.0));
    for (const auto& unit : pairable) {
        add_coincidences(o, index, unit.counts, unit.m, unit.w);
    }
    std::vector<double> n_c(v, 0.0);
    double n = 0;
    for (std::size_t c = 0; c < v; ++c) {
        for (std::size_t k = 0; k < v; ++k) {
            n_c[c] += o[c][k];
        }
        n += n_c[c];
    }
    // prefix[i] = n_0 + ... + n_{i-1}, for the ordinal metric's marginal sums.
    std::vector<double> prefix(v + 1, 0.0);
    for (std::size_t i = 0; i < v; ++i) {
        prefix[i + 1] = prefix[i] + n_c[i];
    }

    const auto difference = [&](std::size_t c, std::size_t k) -> double {
        if (c == k) {
            return 0;
        }
        switch (level) {
            case Level::Nominal:
                return 1;
            case Level::Ordinal: {
                const std::size_t low = c < k ? c : k;
                const std::size_t high = c < k ? k : c;
                return squared(prefix[high + 1] - prefix[low] - (n_c[low] + n_c[high]) / 2);
            }
            case Level::Interval:
                return squared(value[c] - value[k]);
            case Level::Ratio:
                // c != k and both >= 0, so c + k > 0.
                return squared((value[c] - value[k]) / (value[c] + value[k]));
        }
        return 0;
    };

    double observed = 0;
    double expected = 0;
    for (std::size_t c = 0; c < v; ++c) {
        for (std::size_t k = 0; k < v; ++k) {
            const double d = difference(c, k);
            observed += o[c][k] * d;
            expected += n_c[c] * n_c[k] * d;
        }
    }
    if (expected == 0) {
        return Coefficient::undefined("Krippendorff's alpha: expected disagreement is 0");
    }
    std::string note;
    if (unpairable > 0) {
        note = plural(unpairable, "unit", "units") + " with fewer than 2 values not pairable";
    }
    return with_note(1 - (n - 1) * observed / expected, note);
}

}  // namespace quire::agreement
