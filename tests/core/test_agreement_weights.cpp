// SPDX-License-Identifier: GPL-3.0-or-later
// Unit weights (multiplicities): a compressed table gives what its expanded table gives.
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/agreement/reliability.h"
#include "core/base/errors.h"
#include "tests/support/reliability_tables.h"

using quire::InvalidInputError;
using quire::agreement::brennan_prediger;
using quire::agreement::cohen_kappa;
using quire::agreement::fleiss_kappa;
using quire::agreement::gwet_ac1;
using quire::agreement::krippendorff_alpha;
using quire::agreement::Level;
using quire::agreement::percent_agreement;
using quire::agreement::ReliabilityData;
using quire::agreement::scott_pi;
using quire::test::by_coder;
using quire::test::first_rows;
using quire::test::from_contingency;
using quire::test::from_counts;
using quire::test::kAbstractors;
using quire::test::kFleiss1971;
using quire::test::kGrantProposals;
using quire::test::kNa;
using quire::test::krippendorff_four_coders;
using quire::test::require_undefined;
using quire::test::small_three_coders;
using quire::test::table;

// --- Unit weights (multiplicities) ------------------------------------------------------

namespace {

using Row = std::vector<std::optional<double>>;

// Each row of `compressed` repeated as often as its (integer) weight says.
ReliabilityData expand(const ReliabilityData& compressed) {
    ReliabilityData data;
    for (std::size_t u = 0; u < compressed.values.size(); ++u) {
        const double w = compressed.weights.empty() ? 1.0 : compressed.weights[u];
        for (int i = 0; i < static_cast<int>(w); ++i) {
            data.values.push_back(compressed.values[u]);
        }
    }
    return data;
}

// Identical rows merged into one, weighted by how often it occurs (rows reordered).
ReliabilityData compress(const ReliabilityData& expanded) {
    std::map<Row, double> rows;
    for (const auto& row : expanded.values) {
        rows[row] += 1.0;
    }
    ReliabilityData data;
    for (const auto& [row, weight] : rows) {
        data.values.push_back(row);
        data.weights.push_back(weight);
    }
    return data;
}

// Every coefficient, with both an observed and a given q, and alpha at every level.
std::vector<std::pair<std::string, quire::agreement::Coefficient>> all_coefficients(
    const ReliabilityData& data) {
    return {
        {"percent agreement", percent_agreement(data)},
        {"Cohen", cohen_kappa(data)},
        {"Scott", scott_pi(data)},
        {"Fleiss", fleiss_kappa(data)},
        {"Brennan-Prediger", brennan_prediger(data, std::nullopt)},
        {"Brennan-Prediger q=10", brennan_prediger(data, 10)},
        {"AC1", gwet_ac1(data, std::nullopt)},
        {"AC1 q=10", gwet_ac1(data, 10)},
        {"alpha nominal", krippendorff_alpha(data, Level::Nominal)},
        {"alpha ordinal", krippendorff_alpha(data, Level::Ordinal)},
        {"alpha interval", krippendorff_alpha(data, Level::Interval)},
        {"alpha ratio", krippendorff_alpha(data, Level::Ratio)},
    };
}

// The weighted table gives every coefficient, and every note, of the expanded one.
void require_same_as_expanded(const ReliabilityData& weighted, const ReliabilityData& expanded) {
    const auto got = all_coefficients(weighted);
    const auto want = all_coefficients(expanded);
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        INFO(got[i].first);
        REQUIRE(got[i].second.value.has_value() == want[i].second.value.has_value());
        if (want[i].second.value) {
            CHECK(*got[i].second.value == Approx(*want[i].second.value).margin(1e-12));
        }
        CHECK(got[i].second.note == want[i].second.note);
    }
}

// A deterministic table of `units` distinct-ish rows: values 0..categories-1, about one cell
// in `missing_one_in` missing, integer weights 0..5.
ReliabilityData random_weighted(std::uint32_t seed, std::size_t units, std::size_t coders,
                                int categories, int missing_one_in) {
    std::mt19937 rng(seed);
    ReliabilityData data;
    for (std::size_t u = 0; u < units; ++u) {
        Row row;
        for (std::size_t c = 0; c < coders; ++c) {
            if (rng() % static_cast<std::uint32_t>(missing_one_in) == 0) {
                row.emplace_back(std::nullopt);
            } else {
                row.emplace_back(
                    static_cast<double>(rng() % static_cast<std::uint32_t>(categories)));
            }
        }
        data.values.push_back(std::move(row));
        data.weights.push_back(static_cast<double>(rng() % 6));
    }
    return data;
}

}  // namespace

TEST_CASE("weights: Krippendorff's 4-coder example compressed equals the full table",
          "[agreement]") {
    // Units 3 and 4 are both {3 3 3 3}, units 5 and 9 both {2 2 2 2}.
    const auto full = krippendorff_four_coders();
    const auto compressed = compress(full);
    REQUIRE(compressed.values.size() == 10);
    require_same_as_expanded(compressed, full);
    require_same_as_expanded(compressed, expand(compressed));
    const auto alpha = krippendorff_alpha(compressed, Level::Nominal);
    REQUIRE(alpha.value);
    CHECK(*alpha.value == Approx(0.74342).margin(0.000005));
    CHECK(alpha.note == "1 unit with fewer than 2 values not pairable");
    CHECK(*krippendorff_alpha(compressed, Level::Ordinal).value == Approx(0.815).margin(0.0005));
    CHECK(*krippendorff_alpha(compressed, Level::Interval).value == Approx(0.849).margin(0.0005));
    CHECK(*krippendorff_alpha(compressed, Level::Ratio).value == Approx(0.797).margin(0.0005));
    CHECK(*fleiss_kappa(compressed).value == Approx(0.76117).margin(0.000005));
    CHECK(*gwet_ac1(compressed, std::nullopt).value == Approx(0.77544).margin(0.000005));
}

TEST_CASE("weights: published tables compressed equal the full tables", "[agreement]") {
    SECTION("Fleiss 1971, 30 patients x 6 raters") {
        const auto full = from_counts(kFleiss1971);
        const auto compressed = compress(full);
        CHECK(compressed.values.size() < full.values.size());
        require_same_as_expanded(compressed, full);
        CHECK(*fleiss_kappa(compressed).value == Approx(0.430).margin(0.0005));
    }
    SECTION("Gwet's 3x3 abstractors, 100 units in 5 distinct rows") {
        const auto full = from_contingency(kAbstractors);
        const auto compressed = compress(full);
        CHECK(compressed.values.size() == 5);
        require_same_as_expanded(compressed, full);
        CHECK(*cohen_kappa(compressed).value == Approx(0.7964094).margin(0.00000005));
        CHECK(*scott_pi(compressed).value == Approx(0.7962397).margin(0.00000005));
    }
    SECTION("the small 3-coder table with missing values, weighted") {
        auto weighted = small_three_coders();
        weighted.weights = {3, 1, 2, 4};
        require_same_as_expanded(weighted, expand(weighted));
        const auto fleiss = fleiss_kappa(weighted);
        CHECK(fleiss.note ==
              "ratings per unit vary from 1 to 3 (Gwet 2014 generalisation for missing "
              "ratings); 4 units with a single rating left out of observed agreement but "
              "counted in category proportions");
    }
}

TEST_CASE("weights: random tables equal their expansion", "[agreement]") {
    for (std::uint32_t seed = 1; seed <= 12; ++seed) {
        INFO("seed " << seed);
        // 3-5 coders with missing cells, then 2 coders (where Cohen and Scott are defined).
        const std::size_t coders = 2 + seed % 4;
        const auto weighted = random_weighted(seed, 15, coders, 4, 5);
        require_same_as_expanded(weighted, expand(weighted));
        const auto two = random_weighted(1000 + seed, 12, 2, 3, 4);
        require_same_as_expanded(two, expand(two));
    }
}

TEST_CASE("weights: units of weight 0 are ignored", "[agreement]") {
    const auto base = krippendorff_four_coders();
    auto with_zero = base;
    with_zero.weights.assign(base.values.size(), 1.0);
    // A value used nowhere else (q would grow), a unit with a single value (notes would
    // count it) and a negative value (ratio alpha would refuse it), all at weight 0.
    with_zero.values.push_back({7.0, 7.0, 8.0, -1.0});
    with_zero.values.push_back({2.0, std::nullopt, std::nullopt, std::nullopt});
    with_zero.weights.push_back(0.0);
    with_zero.weights.push_back(0.0);
    require_same_as_expanded(with_zero, base);

    auto two = from_contingency(kGrantProposals);
    two.weights.assign(two.values.size(), 1.0);
    two.values.push_back({1.0, std::nullopt});
    two.weights.push_back(0.0);
    require_same_as_expanded(two, from_contingency(kGrantProposals));
    CHECK(cohen_kappa(two).note.empty());

    auto none = small_three_coders();
    none.weights.assign(none.values.size(), 0.0);
    for (const auto& [name, c] : all_coefficients(none)) {
        INFO(name);
        require_undefined(c);
    }
}

TEST_CASE("weights: non-integer weights are real multiplicities", "[agreement]") {
    // 2 coders, binary: (0,0) weight a, (0,1) weight b, (1,1) weight c.
    const double a = 1.5;
    const double b = 0.5;
    const double c = 2.25;
    ReliabilityData data;
    data.values = {{0.0, 0.0}, {0.0, 1.0}, {1.0, 1.0}};
    data.weights = {a, b, c};
    const double units = a + b + c;

    // alpha: o_00 = 2a, o_01 = o_10 = b, o_11 = 2c; n_0 = 2a + b, n_1 = 2c + b, n = 2N.
    const double n0 = 2 * a + b;
    const double n1 = 2 * c + b;
    const double n = 2 * units;
    const auto alpha = krippendorff_alpha(data, Level::Nominal);
    REQUIRE(alpha.value);
    CHECK(*alpha.value == Approx(1 - (n - 1) * 2 * b / (2 * n0 * n1)).margin(1e-12));

    // Cohen: p_o = (a + c) / N; coder 1 says 0 with (a + b) / N, coder 2 with a / N.
    const double po = (a + c) / units;
    const double pe = (a + b) / units * a / units + c / units * (b + c) / units;
    const auto kappa = cohen_kappa(data);
    REQUIRE(kappa.value);
    CHECK(*kappa.value == Approx((po - pe) / (1 - pe)).margin(1e-12));
    const auto pa = percent_agreement(data);
    REQUIRE(pa.value);
    CHECK(*pa.value == Approx(100 * po).margin(1e-10));

    // Scaling every weight leaves the kappas unchanged (alpha's n - 1 does not).
    auto doubled = data;
    for (double& w : doubled.weights) {
        w *= 2;
    }
    CHECK(*cohen_kappa(doubled).value == Approx(*kappa.value).margin(1e-12));
    CHECK(*scott_pi(doubled).value == Approx(*scott_pi(data).value).margin(1e-12));
    CHECK(*fleiss_kappa(doubled).value == Approx(*fleiss_kappa(data).value).margin(1e-12));
    CHECK(*gwet_ac1(doubled, std::nullopt).value ==
          Approx(*gwet_ac1(data, std::nullopt).value).margin(1e-12));
    // Four times the weights are integers: the same kappas, and those of the expansion.
    auto integral = data;
    integral.weights = {6, 2, 9};
    require_same_as_expanded(integral, expand(integral));
    CHECK(*cohen_kappa(integral).value == Approx(*kappa.value).margin(1e-12));

    // Notes count weighted units.
    data.values.push_back({1.0, std::nullopt});
    data.weights.push_back(2.5);
    CHECK(cohen_kappa(data).note ==
          "2.5 units not coded by both coders left out; computed over 4.25 units");
    CHECK(percent_agreement(data).note == cohen_kappa(data).note);
    CHECK(fleiss_kappa(data).note ==
          "ratings per unit vary from 1 to 2 (Gwet 2014 generalisation for missing ratings); "
          "2.5 units with a single rating left out of observed agreement but counted in "
          "category proportions");
    CHECK(krippendorff_alpha(data, Level::Nominal).note ==
          "2.5 units with fewer than 2 values not pairable");
}

TEST_CASE("weights: a character-level table of millions of units", "[agreement]") {
    // (1,1) x 2,000,000, (1,2) x 500,000, (2,2) x 1,500,000, (1,-) x 1,000,000.
    // p_o = 3.5/4 = 0.875; coder 1: 1 5/8, 2 3/8; coder 2: 1 1/2, 2 1/2; p_e = 0.5.
    ReliabilityData data;
    data.values = {{1.0, 1.0}, {1.0, 2.0}, {2.0, 2.0}, {1.0, std::nullopt}};
    data.weights = {2e6, 5e5, 1.5e6, 1e6};
    const auto kappa = cohen_kappa(data);
    REQUIRE(kappa.value);
    CHECK(*kappa.value == Approx(0.75).margin(1e-12));
    CHECK(kappa.note ==
          "1000000 units not coded by both coders left out; computed over 4000000 units");
    const auto alpha = krippendorff_alpha(data, Level::Nominal);
    REQUIRE(alpha.value);
    CHECK(alpha.note == "1000000 units with fewer than 2 values not pairable");
    // n = 8e6 pairable values: n_1 = 4.5e6, n_2 = 3.5e6; o_12 = o_21 = 5e5.
    CHECK(*alpha.value == Approx(1 - (8e6 - 1) * 1e6 / (2 * 4.5e6 * 3.5e6)).margin(1e-12));
}

TEST_CASE("weights: invalid weights are refused", "[agreement]") {
    auto check_all_throw = [](const ReliabilityData& data) {
        CHECK_THROWS_AS(percent_agreement(data), InvalidInputError);
        CHECK_THROWS_AS(cohen_kappa(data), InvalidInputError);
        CHECK_THROWS_AS(scott_pi(data), InvalidInputError);
        CHECK_THROWS_AS(fleiss_kappa(data), InvalidInputError);
        CHECK_THROWS_AS(brennan_prediger(data, std::nullopt), InvalidInputError);
        CHECK_THROWS_AS(gwet_ac1(data, 3), InvalidInputError);
        for (const Level level : {Level::Nominal, Level::Ordinal, Level::Interval, Level::Ratio}) {
            CHECK_THROWS_AS(krippendorff_alpha(data, level), InvalidInputError);
        }
    };
    const auto base = from_contingency(kGrantProposals);  // 50 units
    const double inf = std::numeric_limits<double>::infinity();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const auto& weights : std::vector<std::vector<double>>{
             std::vector<double>(49, 1.0),  // too few
             std::vector<double>(51, 1.0),  // too many
             {-1.0},                        // negative (filled up to 50 below)
             {inf},                         // infinite
             {nan},                         // NaN
             {1e308, 1e308},                // finite, but their sum is not
         }) {
        auto data = base;
        data.weights = weights;
        if (weights.size() < 10) {
            data.weights.resize(base.values.size(), 1.0);
        }
        check_all_throw(data);
    }
    ReliabilityData empty;
    empty.weights = {1.0};  // a weight for a unit that is not there
    check_all_throw(empty);
}
