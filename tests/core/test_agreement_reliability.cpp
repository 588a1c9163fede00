// SPDX-License-Identifier: GPL-3.0-or-later
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

// --- Krippendorff's alpha: published examples ------------------------------------------

TEST_CASE("alpha reproduces Krippendorff 2011 binary example A (0.095)", "[agreement]") {
    // Two observers, ten units, no missing values. o_00 = 10, o_01 = o_10 = 4, o_11 = 2,
    // n_0 = 14, n_1 = 6, n = 20: alpha = 1 - 19 * 4 / (14 * 6) = 1 - 76/84 = 0.0952.
    const auto data = by_coder({
        {0, 1, 0, 0, 0, 0, 0, 0, 1, 0},
        {1, 1, 1, 0, 0, 1, 0, 0, 0, 0},
    });
    const auto alpha = krippendorff_alpha(data, Level::Nominal);
    REQUIRE(alpha.value);
    CHECK(*alpha.value == Approx(0.095).margin(0.0005));
    CHECK(*alpha.value == Approx(1.0 - 76.0 / 84.0).margin(1e-12));
    CHECK(alpha.note.empty());
}

TEST_CASE("alpha reproduces Krippendorff 2011 nominal example B (0.692)", "[agreement]") {
    // Ben and Gerry, 12 units, values a-e coded 1-5. 9 agreeing units, 3 disagreeing:
    // n = 24, n_a..n_e = 4, 6, 6, 6, 2; alpha = 1 - 23 * 6 / (24^2 - 128) = 1 - 138/448.
    const auto data = by_coder({
        {1, 1, 2, 2, 4, 3, 3, 3, 5, 4, 4, 1},  // Ben:   a a b b d c c c e d d a
        {2, 1, 2, 2, 2, 3, 3, 3, 5, 4, 4, 4},  // Gerry: b a b b b c c c e d d d
    });
    const auto alpha = krippendorff_alpha(data, Level::Nominal);
    REQUIRE(alpha.value);
    CHECK(*alpha.value == Approx(0.692).margin(0.0005));
    CHECK(*alpha.value == Approx(1.0 - 138.0 / 448.0).margin(1e-12));
}

TEST_CASE("alpha reproduces Krippendorff 2011 example C at all four levels", "[agreement]") {
    const auto data = krippendorff_four_coders();
    const auto nominal = krippendorff_alpha(data, Level::Nominal);
    const auto ordinal = krippendorff_alpha(data, Level::Ordinal);
    const auto interval = krippendorff_alpha(data, Level::Interval);
    const auto ratio = krippendorff_alpha(data, Level::Ratio);
    REQUIRE(nominal.value);
    REQUIRE(ordinal.value);
    REQUIRE(interval.value);
    REQUIRE(ratio.value);
    CHECK(*nominal.value == Approx(0.743).margin(0.0005));
    CHECK(*nominal.value == Approx(0.74342).margin(0.000005));  // irrCAC, to 5 places
    CHECK(*ordinal.value == Approx(0.815).margin(0.0005));
    CHECK(*interval.value == Approx(0.849).margin(0.0005));
    CHECK(*ratio.value == Approx(0.797).margin(0.0005));
    // Unit 12 has one value only.
    CHECK(nominal.note == "1 unit with fewer than 2 values not pairable");
}

TEST_CASE("alpha reproduces the 3-coder, 15-unit example of Wikipedia's alpha article",
          "[agreement]") {
    // Values as in the Python `krippendorff` package's tests: nominal 0.691358, interval
    // 0.810845.
    const auto data = by_coder({
        {kNa, kNa, kNa, kNa, kNa, 3, 4, 1, 2, 1, 1, 3, 3, kNa, 3},
        {1, kNa, 2, 1, 3, 3, 4, 3, kNa, kNa, kNa, kNa, kNa, kNa, kNa},
        {kNa, kNa, 2, 1, 3, 4, 4, kNa, 2, 1, 1, 3, 3, kNa, 4},
    });
    const auto nominal = krippendorff_alpha(data, Level::Nominal);
    const auto interval = krippendorff_alpha(data, Level::Interval);
    REQUIRE(nominal.value);
    REQUIRE(interval.value);
    CHECK(*nominal.value == Approx(0.691358).margin(0.0000005));
    CHECK(*interval.value == Approx(0.810845).margin(0.0000005));
}

TEST_CASE("alpha on Fleiss's first 15 patients matches Gwet's irrCAC (0.4204384)", "[agreement]") {
    const auto alpha = krippendorff_alpha(from_counts(first_rows(kFleiss1971, 15)), Level::Nominal);
    REQUIRE(alpha.value);
    CHECK(*alpha.value == Approx(0.4204384).margin(0.00000005));
}

// --- Cohen's kappa and Scott's pi -------------------------------------------------------

TEST_CASE("cohen_kappa is 0.4 on Wikipedia's grant-proposal example", "[agreement]") {
    // p_o = (20 + 15) / 50 = 0.7; A says Yes 25/50, B 30/50:
    // p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    const auto kappa = cohen_kappa(from_contingency(kGrantProposals));
    REQUIRE(kappa.value);
    CHECK(*kappa.value == Approx(0.4).margin(1e-12));
    CHECK(kappa.note.empty());
}

TEST_CASE("cohen_kappa and scott_pi match Gwet's 3x3 abstractors table", "[agreement]") {
    // irrCAC README (Gwet 2014 data): Cohen 0.7964094, Scott 0.7962397.
    const auto data = from_contingency(kAbstractors);
    const auto kappa = cohen_kappa(data);
    const auto pi = scott_pi(data);
    REQUIRE(kappa.value);
    REQUIRE(pi.value);
    CHECK(*kappa.value == Approx(0.7964094).margin(0.00000005));
    CHECK(*pi.value == Approx(0.7962397).margin(0.00000005));
}

TEST_CASE("scott_pi pools both coders' marginals", "[agreement]") {
    // Grant proposals: pooled Yes = (25 + 30) / 100 = 0.55, No = 0.45;
    // p_e = 0.55^2 + 0.45^2 = 0.505; pi = (0.7 - 0.505) / 0.495 = 13/33.
    const auto pi = scott_pi(from_contingency(kGrantProposals));
    REQUIRE(pi.value);
    CHECK(*pi.value == Approx(13.0 / 33.0).margin(1e-12));
}

TEST_CASE("cohen_kappa and scott_pi use only units both coders coded", "[agreement]") {
    // Units 3 and 4 lack a value; over units 1, 2, 5, 6: both say 1,2,1,2 -> kappa = pi = 1.
    const auto data = table({{1, 1}, {2, 2}, {1, kNa}, {kNa, 2}, {1, 1}, {2, 2}});
    const auto kappa = cohen_kappa(data);
    const auto pi = scott_pi(data);
    REQUIRE(kappa.value);
    REQUIRE(pi.value);
    CHECK(*kappa.value == Approx(1.0));
    CHECK(*pi.value == Approx(1.0));
    CHECK(kappa.note == "2 units not coded by both coders left out; computed over 4 units");
    CHECK(pi.note == kappa.note);
}

// --- Fleiss' kappa ----------------------------------------------------------------------

TEST_CASE("fleiss_kappa reproduces Fleiss 1971 (30 patients, 6 raters: 0.430)", "[agreement]") {
    const auto kappa = fleiss_kappa(from_counts(kFleiss1971));
    REQUIRE(kappa.value);
    CHECK(*kappa.value == Approx(0.430).margin(0.0005));
    CHECK(kappa.note.empty());
}

TEST_CASE("fleiss_kappa on Fleiss's first 15 patients matches irrCAC (0.4139265)", "[agreement]") {
    const auto kappa = fleiss_kappa(from_counts(first_rows(kFleiss1971, 15)));
    REQUIRE(kappa.value);
    CHECK(*kappa.value == Approx(0.4139265).margin(0.00000005));
}

TEST_CASE("fleiss_kappa reproduces Wikipedia's 10 subjects x 14 raters example (0.210)",
          "[agreement]") {
    const auto kappa = fleiss_kappa(from_counts({
        {0, 0, 0, 0, 14},
        {0, 2, 6, 4, 2},
        {0, 0, 3, 5, 6},
        {0, 3, 9, 2, 0},
        {2, 2, 8, 1, 1},
        {7, 7, 0, 0, 0},
        {3, 2, 6, 3, 0},
        {2, 5, 3, 2, 2},
        {6, 5, 2, 1, 0},
        {0, 2, 2, 3, 7},
    }));
    REQUIRE(kappa.value);
    CHECK(*kappa.value == Approx(0.210).margin(0.0005));
}

TEST_CASE("fleiss_kappa with missing ratings matches Gwet's generalisation", "[agreement]") {
    // irrCAC fleiss.kappa.raw(cac.raw4raters): pa 0.8181818, pe 0.2387153, kappa 0.76117.
    const auto kappa = fleiss_kappa(krippendorff_four_coders());
    REQUIRE(kappa.value);
    const double pa = 0.8181818;
    const double pe = 0.2387153;
    CHECK(*kappa.value == Approx((pa - pe) / (1 - pe)).margin(0.0000005));
    CHECK(*kappa.value == Approx(0.76117).margin(0.000005));
    CHECK(kappa.note ==
          "ratings per unit vary from 1 to 4 (Gwet 2014 generalisation for missing ratings); "
          "1 unit with a single rating left out of observed agreement but counted in category "
          "proportions");
}

TEST_CASE("fleiss_kappa with 2 complete coders equals Scott's pi", "[agreement]") {
    const auto data = from_contingency(kAbstractors);
    const auto kappa = fleiss_kappa(data);
    const auto pi = scott_pi(data);
    REQUIRE(kappa.value);
    REQUIRE(pi.value);
    CHECK(*kappa.value == Approx(*pi.value).margin(1e-12));
}

// --- Brennan-Prediger / Randolph --------------------------------------------------------

TEST_CASE("brennan_prediger uses chance 1/q with q observed or given", "[agreement]") {
    // Grant proposals, p_o = 0.7. q = 2 observed: (0.7 - 1/2) / (1/2) = 0.4.
    // q = 3 given: (0.7 - 1/3) / (2/3) = 0.55.
    const auto data = from_contingency(kGrantProposals);
    const auto observed_q = brennan_prediger(data, std::nullopt);
    const auto given_q = brennan_prediger(data, 3);
    REQUIRE(observed_q.value);
    REQUIRE(given_q.value);
    CHECK(*observed_q.value == Approx(0.4).margin(1e-12));
    CHECK(observed_q.note == "q = 2 distinct values observed");
    CHECK(*given_q.value == Approx(0.55).margin(1e-12));
    CHECK(given_q.note == "q = 3 categories, as given");
}

TEST_CASE("brennan_prediger matches irrCAC on published tables", "[agreement]") {
    // irrCAC README: abstractors 0.835; distrib.6raters 0.4388889; cac.raw4raters 0.77273.
    const auto abstractors = brennan_prediger(from_contingency(kAbstractors), std::nullopt);
    const auto fleiss15 = brennan_prediger(from_counts(first_rows(kFleiss1971, 15)), std::nullopt);
    const auto four = brennan_prediger(krippendorff_four_coders(), std::nullopt);
    REQUIRE(abstractors.value);
    REQUIRE(fleiss15.value);
    REQUIRE(four.value);
    CHECK(*abstractors.value == Approx(0.835).margin(1e-12));
    CHECK(*fleiss15.value == Approx(0.4388889).margin(0.00000005));
    CHECK(*four.value == Approx(0.77273).margin(0.000005));
}

// --- Gwet's AC1 -------------------------------------------------------------------------

TEST_CASE("gwet_ac1 on the grant-proposal table, by hand", "[agreement]") {
    // pi_Yes = 0.55, pi_No = 0.45, q = 2: p_e = (0.55*0.45 + 0.45*0.55) / 1 = 0.495;
    // AC1 = (0.7 - 0.495) / (1 - 0.495) = 0.205 / 0.505 = 41/101.
    const auto ac1 = gwet_ac1(from_contingency(kGrantProposals), std::nullopt);
    REQUIRE(ac1.value);
    CHECK(*ac1.value == Approx(41.0 / 101.0).margin(1e-12));
}

TEST_CASE("gwet_ac1 reproduces Gwet's published values", "[agreement]") {
    // irrCAC README (Gwet 2014): abstractors 0.8493305; distrib.6raters 0.4448007;
    // cac.raw4raters (Krippendorff's data, missing ratings) 0.77544 with pe 0.1903212.
    const auto abstractors = gwet_ac1(from_contingency(kAbstractors), std::nullopt);
    const auto fleiss15 = gwet_ac1(from_counts(first_rows(kFleiss1971, 15)), std::nullopt);
    const auto four = gwet_ac1(krippendorff_four_coders(), std::nullopt);
    REQUIRE(abstractors.value);
    REQUIRE(fleiss15.value);
    REQUIRE(four.value);
    CHECK(*abstractors.value == Approx(0.8493305).margin(0.00000005));
    CHECK(*fleiss15.value == Approx(0.4448007).margin(0.00000005));
    CHECK(*four.value == Approx(0.77544).margin(0.000005));
    const double pa = 0.8181818;
    const double pe = 0.1903212;
    CHECK(*four.value == Approx((pa - pe) / (1 - pe)).margin(0.0000005));
    CHECK(four.note.rfind("q = 5 distinct values observed; ", 0) == 0);
}

// --- A small multi-coder table with missing values, every coefficient by hand ----------

TEST_CASE("multi-coder coefficients on a small table with missing values", "[agreement]") {
    // Units (coders A B C): {1 1 1}, {1 2 -}, {2 2 2}, {1 - -}.
    // p_a over units with >= 2 ratings: (1 + 0 + 1) / 3 = 2/3.
    // pi over all 4 rated units: pi_1 = (1 + 1/2 + 0 + 1) / 4 = 5/8, pi_2 = 3/8.
    const auto data = small_three_coders();

    SECTION("Fleiss: p_e = 25/64 + 9/64 = 17/32; (2/3 - 17/32) / (15/32) = 13/45") {
        const auto kappa = fleiss_kappa(data);
        REQUIRE(kappa.value);
        CHECK(*kappa.value == Approx(13.0 / 45.0).margin(1e-12));
        CHECK_FALSE(kappa.note.empty());
    }
    SECTION("AC1: p_e = 2 * 5/8 * 3/8 / (2 - 1) = 15/32; (2/3 - 15/32) / (17/32) = 19/51") {
        const auto ac1 = gwet_ac1(data, std::nullopt);
        REQUIRE(ac1.value);
        CHECK(*ac1.value == Approx(19.0 / 51.0).margin(1e-12));
    }
    SECTION("Randolph: (2/3 - 1/2) / (1/2) = 1/3; with q = 4, (2/3 - 1/4) / (3/4) = 5/9") {
        const auto bp2 = brennan_prediger(data, std::nullopt);
        const auto bp4 = brennan_prediger(data, 4);
        REQUIRE(bp2.value);
        REQUIRE(bp4.value);
        CHECK(*bp2.value == Approx(1.0 / 3.0).margin(1e-12));
        CHECK(*bp4.value == Approx(5.0 / 9.0).margin(1e-12));
    }
    SECTION("alpha: o_11 = 3, o_12 = o_21 = 1, o_22 = 3; 1 - 7 * 2 / (2 * 4 * 4) = 9/16") {
        const auto alpha = krippendorff_alpha(data, Level::Nominal);
        REQUIRE(alpha.value);
        CHECK(*alpha.value == Approx(9.0 / 16.0).margin(1e-12));
    }
    SECTION("percent agreement: pairs AB 2/3, AC 2/2, BC 2/2; mean 8/9 = 88.9%") {
        const auto pa = percent_agreement(data);
        REQUIRE(pa.value);
        CHECK(*pa.value == Approx(800.0 / 9.0).margin(1e-10));
        CHECK(pa.note == "mean of pairwise percent agreement over 3 coder pairs");
    }
}

// --- Percent agreement ------------------------------------------------------------------

TEST_CASE("percent_agreement is the share of agreeing units for 2 coders", "[agreement]") {
    const auto pa = percent_agreement(from_contingency(kGrantProposals));
    REQUIRE(pa.value);
    CHECK(*pa.value == Approx(70.0).margin(1e-10));
}

TEST_CASE("percent_agreement averages coder pairs on Krippendorff's 4-coder data", "[agreement]") {
    // AB 8/9, AC 5/8, AD 8/9, BC 6/9, BD 9/10, CD 7/10; mean = 4.6694444 / 6 = 77.824%.
    const auto pa = percent_agreement(krippendorff_four_coders());
    REQUIRE(pa.value);
    const double mean = (8.0 / 9 + 5.0 / 8 + 8.0 / 9 + 6.0 / 9 + 9.0 / 10 + 7.0 / 10) / 6.0 * 100.0;
    CHECK(*pa.value == Approx(mean).margin(1e-10));
}

TEST_CASE("percent_agreement stays within 0..100", "[agreement]") {
    const auto all = percent_agreement(table({{1, 1, 1}, {2, 2, 2}}));
    const auto none = percent_agreement(table({{1, 2}, {2, 1}}));
    REQUIRE(all.value);
    REQUIRE(none.value);
    CHECK(*all.value == 100.0);
    CHECK(*none.value == 0.0);
    const auto four = percent_agreement(krippendorff_four_coders());
    REQUIRE(four.value);
    CHECK(*four.value >= 0.0);
    CHECK(*four.value <= 100.0);
}

TEST_CASE("percent_agreement leaves out coder pairs that share no unit", "[agreement]") {
    // A and C never code the same unit: AB 1/1, BC 0/1.
    const auto pa = percent_agreement(table({{1, 1, kNa}, {kNa, 2, 3}}));
    REQUIRE(pa.value);
    CHECK(*pa.value == Approx(50.0));
    CHECK(pa.note ==
          "mean of pairwise percent agreement over 2 coder pairs; 1 coder pair with no unit in "
          "common left out");
}

// --- Undefined cases --------------------------------------------------------------------

TEST_CASE("chance-corrected coefficients are undefined when every value is identical",
          "[agreement]") {
    const auto data = table({{3, 3}, {3, 3}, {3, 3}});
    require_undefined(cohen_kappa(data));
    require_undefined(scott_pi(data));
    require_undefined(fleiss_kappa(data));
    require_undefined(brennan_prediger(data, std::nullopt));
    require_undefined(gwet_ac1(data, std::nullopt));
    for (const Level level : {Level::Nominal, Level::Ordinal, Level::Interval, Level::Ratio}) {
        require_undefined(krippendorff_alpha(data, level));
    }
    // Percent agreement is simply 100; with q given, BP and AC1 have a value by formula.
    CHECK(percent_agreement(data).value == 100.0);
    CHECK(brennan_prediger(data, 2).value == 1.0);
    CHECK(gwet_ac1(data, 2).value == 1.0);
}

TEST_CASE("coefficients are undefined with fewer than 2 coders or no units", "[agreement]") {
    for (const auto& data : {table({{1}, {2}}), ReliabilityData{}}) {
        require_undefined(percent_agreement(data));
        require_undefined(cohen_kappa(data));
        require_undefined(scott_pi(data));
        require_undefined(fleiss_kappa(data));
        require_undefined(brennan_prediger(data, std::nullopt));
        require_undefined(gwet_ac1(data, std::nullopt));
        require_undefined(krippendorff_alpha(data, Level::Nominal));
    }
}

TEST_CASE("coefficients are undefined when no unit has 2 values", "[agreement]") {
    const auto data = table({{1, kNa, kNa}, {kNa, 2, kNa}, {kNa, kNa, kNa}});
    require_undefined(percent_agreement(data));
    require_undefined(fleiss_kappa(data));
    require_undefined(brennan_prediger(data, std::nullopt));
    require_undefined(gwet_ac1(data, 3));
    require_undefined(krippendorff_alpha(data, Level::Interval));
}

TEST_CASE("Cohen's kappa and Scott's pi need exactly 2 coders", "[agreement]") {
    const auto data = small_three_coders();
    require_undefined(cohen_kappa(data));
    require_undefined(scott_pi(data));
    require_undefined(cohen_kappa(table({{1, kNa}, {kNa, 2}})));
}

TEST_CASE("Cohen's kappa is 0, not undefined, when coders always use different categories",
          "[agreement]") {
    // p_o = 0, p_e = 1 * 0 + 0 * 1 = 0.
    const auto kappa = cohen_kappa(table({{1, 2}, {1, 2}}));
    REQUIRE(kappa.value);
    CHECK(*kappa.value == 0.0);
}

// --- Malformed input --------------------------------------------------------------------

TEST_CASE("a ragged table is refused", "[agreement]") {
    ReliabilityData data;
    data.values = {{1.0, 1.0}, {1.0}};
    CHECK_THROWS_AS(percent_agreement(data), InvalidInputError);
    CHECK_THROWS_AS(cohen_kappa(data), InvalidInputError);
    CHECK_THROWS_AS(scott_pi(data), InvalidInputError);
    CHECK_THROWS_AS(fleiss_kappa(data), InvalidInputError);
    CHECK_THROWS_AS(brennan_prediger(data, std::nullopt), InvalidInputError);
    CHECK_THROWS_AS(gwet_ac1(data, std::nullopt), InvalidInputError);
    CHECK_THROWS_AS(krippendorff_alpha(data, Level::Nominal), InvalidInputError);
}

TEST_CASE("non-finite values, impossible category counts and negative ratios are refused",
          "[agreement]") {
    ReliabilityData nan;
    nan.values = {{1.0, std::numeric_limits<double>::quiet_NaN()}};
    CHECK_THROWS_AS(fleiss_kappa(nan), InvalidInputError);
    const auto data = from_contingency(kAbstractors);  // 3 distinct values
    CHECK_THROWS_AS(brennan_prediger(data, 2), InvalidInputError);
    CHECK_THROWS_AS(gwet_ac1(data, 1), InvalidInputError);
    CHECK_THROWS_AS(krippendorff_alpha(table({{-1, 1}, {2, 2}}), Level::Ratio), InvalidInputError);
}
