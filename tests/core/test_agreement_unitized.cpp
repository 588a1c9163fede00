// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <optional>
#include <random>
#include <vector>

#include "core/agreement/unitized.h"
#include "core/base/errors.h"

using quire::InvalidInputError;
using quire::agreement::alpha_u_1995;
using quire::agreement::binary_u_alpha;
using quire::agreement::Coefficient;
using quire::agreement::Continuum;
using quire::agreement::cu_alpha;
using quire::agreement::k_u_alpha;
using quire::agreement::u_alpha;
using quire::agreement::UnitizedAccumulator;
using quire::agreement::UnitizedInput;
using quire::agreement::UnitizedMeasures;
using quire::agreement::UnitizedSegment;

namespace {

double value_of(const Coefficient& c) {
    REQUIRE(c.value.has_value());
    return *c.value;
}

UnitizedInput one_continuum(int coders, int categories, std::int64_t length,
                            std::vector<UnitizedSegment> segments) {
    return UnitizedInput{coders, categories, {Continuum{length, std::move(segments)}}};
}

// Krippendorff (2004, p. 254) example as DKPro Agreement encodes it (Krippendorff2004Test):
// a continuum from 150 to 450, shifted here to start at 0. Category c = 0, k = 1. Coder 0's k
// unit [30,90) overlaps its c unit [75,145): αu treats each category as its own variable.
UnitizedInput krippendorff_2004_example() {
    return one_continuum(2, 2, 300,
                         {
                             {0, 0, 75, 145},   // c, 225+70 in the original coordinates
                             {0, 0, 220, 250},  // c, 370+30
                             {1, 0, 70, 150},   // c, 220+80
                             {1, 0, 205, 225},  // c, 355+20
                             {1, 0, 250, 270},  // c, 400+20
                             {0, 1, 30, 90},    // k, 180+60
                             {0, 1, 150, 200},  // k, 300+50
                             {1, 1, 30, 90},    // k
                             {1, 1, 150, 200},  // k
                         });
}

// Krippendorff (1995, p. 57) example as DKPro Agreement encodes it (Krippendorff1995Test): four
// pairs of observers (categories A-D here) on a continuum of 24, every position scaled by
// `stretch`.
UnitizedInput krippendorff_1995_example(std::int64_t stretch) {
    const auto s = [stretch](int coder, int category, std::int64_t start, std::int64_t length) {
        return UnitizedSegment{coder, category, start * stretch, (start + length) * stretch};
    };
    return one_continuum(2, 4, 24 * stretch,
                         {
                             // A  Bertha: 0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0
                             //    Bill:   0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0
                             s(0, 0, 2, 8),
                             s(0, 0, 14, 6),
                             s(1, 0, 4, 4),
                             s(1, 0, 15, 2),
                             // B  John:   1 (x18)|0 (x6);  Jill: 1 1|1|1|1|1|1 1 1|1|0 (x14)
                             s(0, 1, 0, 18),
                             s(1, 1, 0, 2),
                             s(1, 1, 2, 1),
                             s(1, 1, 3, 1),
                             s(1, 1, 4, 1),
                             s(1, 1, 5, 1),
                             s(1, 1, 6, 3),
                             s(1, 1, 9, 1),
                             // C  Gerret and Gill
                             s(0, 2, 2, 6),
                             s(0, 2, 10, 2),
                             s(0, 2, 14, 4),
                             s(0, 2, 20, 2),
                             s(1, 2, 0, 2),
                             s(1, 2, 4, 4),
                             s(1, 2, 10, 4),
                             s(1, 2, 16, 2),
                             s(1, 2, 20, 2),
                             // D  Heather and Hill: every position coded, many touching units
                             s(0, 3, 0, 2),
                             s(0, 3, 2, 8),
                             s(0, 3, 10, 4),
                             s(0, 3, 14, 6),
                             s(0, 3, 20, 4),
                             s(1, 3, 0, 4),
                             s(1, 3, 4, 4),
                             s(1, 3, 8, 7),
                             s(1, 3, 15, 2),
                             s(1, 3, 17, 7),
                         });
}

// The worked example for the uα family in the comments of the test below. Two coders on a
// continuum of 10, categories a = 0 and b = 1:
//   coder 0:  a [0,4)  b [4,6)  gap [6,10)            (a and b touch at 4)
//   coder 1:  a [0,3)  b [3,6)  gap [6,8)  b [8,10)
UnitizedInput hand_example() {
    return one_continuum(2, 2, 10,
                         {{0, 0, 0, 4}, {0, 1, 4, 6}, {1, 0, 0, 3}, {1, 1, 3, 6}, {1, 1, 8, 10}});
}

}  // namespace

// ---- αu (1995/2004) against published examples -------------------------------------------------

TEST_CASE("alpha_u_1995 reproduces Krippendorff's 2004 example", "[agreement]") {
    // Known values: DKPro Agreement's Krippendorff2004Test, which encodes the example of
    // Content Analysis, 2nd ed. (2004, p. 254) and asserts cαu = .7286, kαu = 1 and αu = .8591
    // (within .0005), with cDo = .0144, cDe = .0532, kDo = 0, kDe = .0490. We could not read
    // the book page itself.
    //
    // Worked by hand with the formula in unitized.h (L = 300, m = 2):
    //   c: unit pairs [75,145)/[70,150): 5² + 5² = 50; [220,250)/[205,225): 15² + 25² = 850;
    //      coder 1's [250,270) lies inside coder 0's gap [250,300): 20² = 400. Σ = 1300,
    //      cDo = 2·1300 / (2·1·300²) = .014444.
    //      N_c = 5 units (70, 30, 80, 20, 20); gaps 75, 75, 50 and 70, 55, 25, 30.
    //      Numerator per unit, 4·l(l−1)(2l−1)/3 + l²·Σ_{gaps ≥ l}(gap − l + 1):
    //      70: 895160 + 4900·13 = 958860; 30: 68440 + 900·181 = 231340; 80: 1339840 + 0;
    //      20: 19760 + 400·247 = 118560 (twice). Σ = 2767160.
    //      Denominator 600·599 − (70·69 + 30·29 + 80·79 + 2·20·19) = 346620.
    //      cDe = (2/300)·2767160/346620 = .053222, cαu = 1 − .014444/.053222 = .72860.
    //   k: both coders agree, kDo = 0; units 60, 50, 60, 50, gaps 30, 60, 100 per coder;
    //      numerator 2·(421260 + 3600·84) + 2·(242550 + 2500·124) = 2552420,
    //      denominator 359400 − 11980 = 347420, kDe = (2/300)·2552420/347420 = .048979.
    //   all: αu = 1 − .014444/(.053222 + .048979) = .858665. The published .8591 is what the
    //   rounded terms give: 1 − .0144/(.0532 + .0490) = .8591; hence the wider margin there.
    const UnitizedInput in = krippendorff_2004_example();
    const double c_do = 1300.0 / 90000.0;
    const double c_de = (2.0 / 300.0) * 2767160.0 / 346620.0;
    const double k_de = (2.0 / 300.0) * 2552420.0 / 347420.0;

    CHECK(value_of(alpha_u_1995(in, 0)) == Approx(1 - c_do / c_de).epsilon(1e-12));
    CHECK(value_of(alpha_u_1995(in, 0)) == Approx(0.7286).margin(0.00005));
    CHECK(value_of(alpha_u_1995(in, 1)) == Approx(1.0));
    CHECK(value_of(alpha_u_1995(in, std::nullopt)) ==
          Approx(1 - c_do / (c_de + k_de)).epsilon(1e-12));
    CHECK(value_of(alpha_u_1995(in, std::nullopt)) == Approx(0.8591).margin(0.0005));
}

TEST_CASE("alpha_u_1995 approaches Krippendorff's 1995 values as the continuum gets finer",
          "[agreement]") {
    // Known values: Krippendorff (1995, p. 57) as asserted by DKPro Agreement's
    // Krippendorff1995Test: αu = .553 (A), −.926 (B), .679 (C), .066 (D). The 1995 paper
    // treats the continuum as continuous; the discrete 2004 formula converges to it as the
    // resolution grows, so DKPro (and we) stretch the 24 positions by 50000 and allow .02 —
    // DKPro also notes a small error in the paper's expected disagreement. We could not read
    // the 1995 paper itself.
    const UnitizedInput in = krippendorff_1995_example(50000);
    CHECK(value_of(alpha_u_1995(in, 0)) == Approx(0.553).margin(0.02));
    CHECK(value_of(alpha_u_1995(in, 1)) == Approx(-0.926).margin(0.02));
    CHECK(value_of(alpha_u_1995(in, 2)) == Approx(0.679).margin(0.02));
    CHECK(value_of(alpha_u_1995(in, 3)) == Approx(0.066).margin(0.02));
}

TEST_CASE("alpha_u_1995 matches a case worked by hand", "[agreement]") {
    // L = 10, two coders, one category:
    //   coder 0: gap [0,1)  unit [1,9)  gap [9,10)
    //   coder 1: gap [0,2)  unit [2,3)  gap [3,4)  unit [4,5)  gap [5,6)  unit [6,7)  gap [7,10)
    // Observed: coder 0's unit against each of coder 1's units:
    //   (1−2)² + (9−3)² = 37,  (1−4)² + (9−5)² = 25,  (1−6)² + (9−7)² = 29;  Σ = 91;
    //   no unit lies wholly inside the other coder's gap. Do = 2·91 / (2·1·10²) = .91.
    // Expected: N = 4 units (8, 1, 1, 1); gaps 1, 1 (coder 0) and 2, 1, 1, 3 (coder 1).
    //   l = 8: 3·8·7·15/3 = 840, no gap ≥ 8;  l = 1: first term 0, l²·Σ gaps = 9, three times.
    //   Numerator 840 + 27 = 867; denominator 20·19 − 8·7 = 324;
    //   De = (2/10)·867/324 = .535185;  αu = 1 − .91/.535185 = −.70035.
    // (DKPro Agreement's UnitizingAgreementTest asserts −.7003 for the same data.)
    const UnitizedInput in =
        one_continuum(2, 1, 10, {{0, 0, 1, 9}, {1, 0, 2, 3}, {1, 0, 4, 5}, {1, 0, 6, 7}});
    const double expected = 1 - 0.91 / (0.2 * 867.0 / 324.0);
    CHECK(value_of(alpha_u_1995(in, 0)) == Approx(expected).epsilon(1e-12));
    CHECK(value_of(alpha_u_1995(in, std::nullopt)) == Approx(expected).epsilon(1e-12));
}

// ---- uα family ---------------------------------------------------------------------------

TEST_CASE("the uα family matches a case worked by hand", "[agreement]") {
    // No published worked example with its values could be sourced for the uα family (the
    // 2016 paper and the 2019 book were not available to us), so this case is worked by hand
    // from the formulas in unitized.h. See hand_example() for the data; m − 1 = 1.
    //   Shared stretches: [0,3) a/a, [3,4) a/b, [4,6) b/b, [6,8) ∅/∅, [8,10) ∅/b.
    //   Observed (both directions): l_aa = 6, l_ab = l_ba = 1, l_bb = 4, l_∅∅ = 4,
    //   l_∅b = l_b∅ = 2; margins l_a. = 7, l_b. = 7, l_∅. = 6, l.. = 20.
    //   S_a = 4² + 3² = 25, S_b = 2² + 3² + 2² = 17, S_∅ = 4 + 2 = 6; l..² − S = 352.
    //   e_aa = 20·(49 − 25)/352 = 480/352, e_bb = 20·(49 − 17)/352 = 640/352,
    //   e_∅∅ = 20·(36 − 6)/352 = 600/352.
    //   uα  = 1 − (20 − 14) / (20 − 1720/352) = 1 − 2112/5320 = 401/665.
    //   |uα = 1 − (6 − 4) / (20·6·14/352) = 1 − 704/1680 = 61/105.
    //   cuα: l*_a. = 7, l*_b. = 5, l*.. = 12; pairable lengths p: coder 0 a 4, b 2; coder 1
    //   a 3, b 3, b [8,10) 0. T_a = 16 + 9 = 25, T_b = 4 + 9 + 0 = 13, T = 38;
    //   l*.. − T/l*.. = 106/12; e*_aa = 24·12/106 = 288/106, e*_bb = 12·12/106 = 144/106,
    //   e*_ab = 35·12/106 = 420/106.
    //   cuα = 1 − (12 − 10) / (12 − 432/106) = 1 − 212/840 = 157/210.
    //   (a)uα = 1 − (708/106)/7 · (7 − 6)/(420/106) = 1 − 708/2940 = 186/245.
    //   (b)uα = 1 − (564/106)/5 · (5 − 4)/(420/106) = 1 − 564/2100 = 128/175.
    const UnitizedInput in = hand_example();
    CHECK(value_of(u_alpha(in)) == Approx(401.0 / 665.0).epsilon(1e-12));
    CHECK(value_of(binary_u_alpha(in)) == Approx(61.0 / 105.0).epsilon(1e-12));
    CHECK(value_of(cu_alpha(in)) == Approx(157.0 / 210.0).epsilon(1e-12));
    const auto per_category = k_u_alpha(in);
    REQUIRE(per_category.size() == 2);
    CHECK(value_of(per_category[0]) == Approx(186.0 / 245.0).epsilon(1e-12));
    CHECK(value_of(per_category[1]) == Approx(128.0 / 175.0).epsilon(1e-12));
}

TEST_CASE("every unitized alpha is 1 when coders agree exactly", "[agreement]") {
    const std::vector<UnitizedSegment> coder0 = {{0, 0, 0, 3}, {0, 1, 5, 9}, {0, 0, 12, 15}};
    UnitizedInput in{2, 2, {Continuum{20, {}}, Continuum{8, {}}}};
    for (const auto& s : coder0) {
        in.continua[0].segments.push_back(s);
        in.continua[0].segments.push_back({1, s.category, s.start, s.end});
    }
    in.continua[1].segments = {{0, 1, 0, 2}, {0, 0, 2, 8}, {1, 1, 0, 2}, {1, 0, 2, 8}};

    CHECK(value_of(u_alpha(in)) == Approx(1.0));
    CHECK(value_of(binary_u_alpha(in)) == Approx(1.0));
    CHECK(value_of(cu_alpha(in)) == Approx(1.0));
    for (const auto& c : k_u_alpha(in)) {
        CHECK(value_of(c) == Approx(1.0));
    }
    CHECK(value_of(alpha_u_1995(in, 0)) == Approx(1.0));
    CHECK(value_of(alpha_u_1995(in, 1)) == Approx(1.0));
    CHECK(value_of(alpha_u_1995(in, std::nullopt)) == Approx(1.0));
}

TEST_CASE("every unitized alpha is 1 for three coders who agree, with the note for m > 2",
          "[agreement]") {
    std::vector<UnitizedSegment> segments;
    for (int coder = 0; coder < 3; ++coder) {
        segments.push_back({coder, 0, 2, 5});
        segments.push_back({coder, 1, 7, 9});
    }
    const UnitizedInput in = one_continuum(3, 2, 12, segments);
    CHECK(value_of(u_alpha(in)) == Approx(1.0));
    CHECK(value_of(binary_u_alpha(in)) == Approx(1.0));
    const Coefficient cu = cu_alpha(in);
    CHECK(value_of(cu) == Approx(1.0));
    CHECK_THAT(cu.note, Catch::Contains("more than two coders"));
    for (const auto& c : k_u_alpha(in)) {
        CHECK(value_of(c) == Approx(1.0));
        CHECK_THAT(c.note, Catch::Contains("mean over the other coders"));
    }
    CHECK(value_of(alpha_u_1995(in, std::nullopt)) == Approx(1.0));
}

TEST_CASE("several continua pool like one concatenated continuum", "[agreement]") {
    const UnitizedInput first = hand_example();
    const std::vector<UnitizedSegment> second = {
        {0, 1, 1, 5}, {0, 0, 6, 7}, {1, 1, 0, 4}, {1, 0, 5, 7}};
    UnitizedInput pooled = first;
    pooled.continua.push_back(Continuum{8, second});
    UnitizedInput concatenated = first;
    concatenated.continua[0].length += 8;
    for (auto s : second) {
        s.start += 10;
        s.end += 10;
        concatenated.continua[0].segments.push_back(s);
    }
    CHECK(value_of(u_alpha(pooled)) == Approx(value_of(u_alpha(concatenated))));
    CHECK(value_of(binary_u_alpha(pooled)) == Approx(value_of(binary_u_alpha(concatenated))));
    CHECK(value_of(cu_alpha(pooled)) == Approx(value_of(cu_alpha(concatenated))));
    const auto kp = k_u_alpha(pooled);
    const auto kc = k_u_alpha(concatenated);
    CHECK(value_of(kp[0]) == Approx(value_of(kc[0])));
    CHECK(value_of(kp[1]) == Approx(value_of(kc[1])));
    CHECK(value_of(alpha_u_1995(pooled, std::nullopt)) ==
          Approx(value_of(alpha_u_1995(concatenated, std::nullopt))));
    // Pooling is not averaging: the pooled uα differs from the first continuum's alone.
    CHECK(value_of(u_alpha(pooled)) != Approx(value_of(u_alpha(first))));
}

// ---- touching and overlapping segments -------------------------------------------------------

TEST_CASE("touching segments of one category stay separate units", "[agreement]") {
    // Coder 0 marks [0,3) and [3,6), coder 1 marks [0,6). αu compares units, so the split
    // disagrees: Do = 2·(3² + 3²)/(2·1·10²) = .18 > 0. Merged, the two coders agree.
    const UnitizedInput split = one_continuum(2, 1, 10, {{0, 0, 0, 3}, {0, 0, 3, 6}, {1, 0, 0, 6}});
    const UnitizedInput merged = one_continuum(2, 1, 10, {{0, 0, 0, 6}, {1, 0, 0, 6}});
    CHECK(value_of(alpha_u_1995(split, 0)) < 1.0);
    CHECK(value_of(alpha_u_1995(merged, 0)) == Approx(1.0));

    // uα counts shared lengths, so the split only changes the expected term (S_c sums l²).
    const UnitizedInput split_disagreeing =
        one_continuum(2, 1, 10, {{0, 0, 0, 3}, {0, 0, 3, 6}, {1, 0, 0, 5}});
    const UnitizedInput merged_disagreeing = one_continuum(2, 1, 10, {{0, 0, 0, 6}, {1, 0, 0, 5}});
    CHECK(value_of(u_alpha(split_disagreeing)) != Approx(value_of(u_alpha(merged_disagreeing))));
}

TEST_CASE("overlapping segments of one coder and category are rejected", "[agreement]") {
    const UnitizedInput in = one_continuum(2, 1, 10, {{0, 0, 0, 4}, {0, 0, 3, 6}, {1, 0, 0, 6}});
    CHECK_THROWS_AS(u_alpha(in), InvalidInputError);
    CHECK_THROWS_AS(binary_u_alpha(in), InvalidInputError);
    CHECK_THROWS_AS(cu_alpha(in), InvalidInputError);
    CHECK_THROWS_AS(k_u_alpha(in), InvalidInputError);
    CHECK_THROWS_AS(alpha_u_1995(in, 0), InvalidInputError);
}

TEST_CASE("overlapping categories within a coder leave the uα family undefined", "[agreement]") {
    const UnitizedInput in = krippendorff_2004_example();  // coder 0: k [30,90), c [75,145)
    for (const Coefficient& c : {u_alpha(in), binary_u_alpha(in), cu_alpha(in)}) {
        CHECK_FALSE(c.value.has_value());
        CHECK_THAT(c.note, Catch::Contains("overlap"));
    }
    for (const Coefficient& c : k_u_alpha(in)) {
        CHECK_FALSE(c.value.has_value());
    }
    CHECK(alpha_u_1995(in, 0).value.has_value());
}

// ---- undefined and malformed input ------------------------------------------------------------

TEST_CASE("unitized alphas are undefined for fewer than two coders", "[agreement]") {
    const UnitizedInput in = one_continuum(1, 1, 10, {{0, 0, 2, 5}});
    for (const Coefficient& c : {u_alpha(in), binary_u_alpha(in), cu_alpha(in), alpha_u_1995(in, 0),
                                 alpha_u_1995(in, std::nullopt)}) {
        CHECK_FALSE(c.value.has_value());
        CHECK_THAT(c.note, Catch::Contains("two coders"));
    }
    CHECK_FALSE(k_u_alpha(in).at(0).value.has_value());
}

TEST_CASE("unitized alphas are undefined when nobody coded anything", "[agreement]") {
    const UnitizedInput in = one_continuum(2, 2, 10, {});
    for (const Coefficient& c : {u_alpha(in), binary_u_alpha(in), cu_alpha(in), alpha_u_1995(in, 0),
                                 alpha_u_1995(in, std::nullopt)}) {
        CHECK_FALSE(c.value.has_value());
        CHECK_FALSE(c.note.empty());
    }
    for (const Coefficient& c : k_u_alpha(in)) {
        CHECK_FALSE(c.value.has_value());
    }
    const UnitizedInput no_text{2, 1, {}};
    CHECK_FALSE(u_alpha(no_text).value.has_value());
    CHECK_FALSE(alpha_u_1995(no_text, std::nullopt).value.has_value());
}

TEST_CASE("cuα is undefined when overlapping codings use one category", "[agreement]") {
    // Coders disagree on the boundaries but only category 0 meets category 0.
    const UnitizedInput in = one_continuum(2, 2, 10, {{0, 0, 0, 5}, {1, 0, 2, 6}, {1, 1, 8, 10}});
    const Coefficient cu = cu_alpha(in);
    CHECK_FALSE(cu.value.has_value());
    CHECK_THAT(cu.note, Catch::Contains("only one category"));
    const auto per_category = k_u_alpha(in);
    CHECK_FALSE(per_category[0].value.has_value());
    CHECK_FALSE(per_category[1].value.has_value());  // category 1 meets no coded stretch
    CHECK(u_alpha(in).value.has_value());
    CHECK(binary_u_alpha(in).value.has_value());
}

TEST_CASE("|uα is undefined when every coder coded the whole continuum", "[agreement]") {
    const UnitizedInput in = one_continuum(2, 2, 10, {{0, 0, 0, 10}, {1, 0, 0, 4}, {1, 1, 4, 10}});
    const Coefficient b = binary_u_alpha(in);
    CHECK_FALSE(b.value.has_value());
    CHECK_THAT(b.note, Catch::Contains("no gaps"));
    CHECK(u_alpha(in).value.has_value());
}

TEST_CASE("malformed unitized input throws InvalidInputError", "[agreement]") {
    const auto bad = [](UnitizedSegment s, std::int64_t length = 10) {
        return one_continuum(2, 2, length, {s});
    };
    CHECK_THROWS_AS(u_alpha(bad({0, 0, -1, 3})), InvalidInputError);
    CHECK_THROWS_AS(u_alpha(bad({0, 0, 3, 3})), InvalidInputError);
    CHECK_THROWS_AS(u_alpha(bad({0, 0, 5, 11})), InvalidInputError);
    CHECK_THROWS_AS(u_alpha(bad({2, 0, 0, 3})), InvalidInputError);
    CHECK_THROWS_AS(u_alpha(bad({-1, 0, 0, 3})), InvalidInputError);
    CHECK_THROWS_AS(u_alpha(bad({0, 2, 0, 3})), InvalidInputError);
    CHECK_THROWS_AS(cu_alpha(bad({0, 0, 0, 3}, -1)), InvalidInputError);
    CHECK_THROWS_AS(u_alpha(UnitizedInput{-1, 1, {}}), InvalidInputError);
    CHECK_THROWS_AS(u_alpha(UnitizedInput{2, -1, {}}), InvalidInputError);
    CHECK_THROWS_AS(alpha_u_1995(bad({0, 0, 0, 3}), 2), InvalidInputError);
    CHECK_THROWS_AS(alpha_u_1995(bad({0, 0, 0, 3}), -1), InvalidInputError);
}

TEST_CASE("unitized alphas handle a large project quickly", "[agreement]") {
    // 2 coders × 1,000 documents × 200 segments per coder and document over 50 codes.
    UnitizedInput in{2, 50, {}};
    in.continua.reserve(1000);
    std::uint32_t state = 12345;
    const auto next = [&state]() {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    for (int d = 0; d < 1000; ++d) {
        Continuum c{200 * 40, {}};
        for (int coder = 0; coder < 2; ++coder) {
            for (int k = 0; k < 200; ++k) {
                const std::int64_t start = k * 40 + static_cast<std::int64_t>(next() % 10);
                const std::int64_t end = start + 5 + static_cast<std::int64_t>(next() % 20);
                c.segments.push_back({coder, static_cast<int>(next() % 50), start, end});
            }
        }
        in.continua.push_back(std::move(c));
    }
    const auto in_range = [](const Coefficient& c) {
        return c.value.has_value() && *c.value <= 1.0 && *c.value > -1.0;
    };
    CHECK(in_range(u_alpha(in)));
    CHECK(in_range(binary_u_alpha(in)));
    CHECK(in_range(cu_alpha(in)));
    CHECK(k_u_alpha(in).size() == 50);
    CHECK(in_range(alpha_u_1995(in, std::nullopt)));
}

TEST_CASE("continua added one at a time in any order pool like one concatenated continuum",
          "[agreement]") {
    // Random continua, some empty, some of length 0, some where a coder leaves a category out:
    // gaps must join across continua exactly as on the concatenation.
    std::mt19937 random(42);
    auto same = [](const Coefficient& a, const Coefficient& b) {
        REQUIRE(a.value.has_value() == b.value.has_value());
        if (a.value) {
            CHECK(*a.value == Approx(*b.value).epsilon(1e-9));
        }
    };
    for (int round = 0; round < 40; ++round) {
        const int coders = 2 + round % 2;
        const int categories = 1 + round % 3;
        const bool exclusive = round % 4 != 3;  // else categories overlap: uα family undefined
        UnitizedInput pooled{coders, categories, {}};
        UnitizedInput concatenated{coders, categories, {Continuum{0, {}}}};
        const int continua = 1 + static_cast<int>(random() % 5);
        for (int d = 0; d < continua; ++d) {
            Continuum c{static_cast<std::int64_t>(random() % 4 == 0 ? 0 : 5 + random() % 40), {}};
            for (int i = 0; i < coders; ++i) {
                std::vector<std::int64_t> reach(static_cast<std::size_t>(categories), 0);
                std::int64_t at = 0;
                while (c.length > 0) {
                    const int category = static_cast<int>(random() % categories);
                    auto& from = exclusive ? at : reach[static_cast<std::size_t>(category)];
                    const std::int64_t start = from + static_cast<std::int64_t>(random() % 8);
                    const std::int64_t end = start + 1 + static_cast<std::int64_t>(random() % 9);
                    if (end > c.length) {
                        break;
                    }
                    c.segments.push_back({i, category, start, end});
                    from = end;
                }
            }
            for (UnitizedSegment seg : c.segments) {
                seg.start += concatenated.continua[0].length;
                seg.end += concatenated.continua[0].length;
                concatenated.continua[0].segments.push_back(seg);
            }
            concatenated.continua[0].length += c.length;
            pooled.continua.push_back(std::move(c));
        }
        std::vector<std::size_t> order(pooled.continua.size());
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), random);
        UnitizedAccumulator accumulator(coders, categories, pooled.continua.size());
        for (const std::size_t d : order) {
            accumulator.add(d, pooled.continua[d]);
        }
        const UnitizedMeasures got = accumulator.finish();
        const UnitizedMeasures want = quire::agreement::unitized_measures(concatenated);
        INFO("round " << round);
        same(got.u_alpha, want.u_alpha);
        same(got.binary_u_alpha, want.binary_u_alpha);
        same(got.cu_alpha, want.cu_alpha);
        same(got.alpha_u_1995, want.alpha_u_1995);
        for (int c = 0; c < categories; ++c) {
            same(got.k_u_alpha[static_cast<std::size_t>(c)],
                 want.k_u_alpha[static_cast<std::size_t>(c)]);
            same(got.alpha_u_1995_by_category[static_cast<std::size_t>(c)],
                 want.alpha_u_1995_by_category[static_cast<std::size_t>(c)]);
        }
    }
}

TEST_CASE("an accumulator refuses a continuum twice and finishing with one missing",
          "[agreement]") {
    UnitizedAccumulator accumulator(2, 1, 2);
    accumulator.add(1, Continuum{10, {{0, 0, 0, 4}}});
    CHECK_THROWS_AS(accumulator.add(1, Continuum{10, {}}), InvalidInputError);
    CHECK_THROWS_AS(accumulator.add(2, Continuum{10, {}}), InvalidInputError);
    CHECK_THROWS_AS(accumulator.finish(), InvalidInputError);
}

// ---- Krippendorff (2019), Content Analysis, 4th ed., Figure 12.11 --------------------------

// Three observers on a continuum of 60 positions, values 1-7 (categories 0-6 here). The book
// numbers positions from 1 with inclusive ends; here they are half-open from 0. The data and
// the book's uα and |uα are as quoted in the tests of an independent implementation (R
// package quallmer, tests/testthat/test-alpha_u.R). Alex's 6s at 33-37 and 38-44 touch, as do
// Suzan's: they stay separate units, which the published values depend on.
UnitizedInput krippendorff_2019_figure_12_11() {
    const auto unit = [](int coder, int value, std::int64_t first, std::int64_t last) {
        return UnitizedSegment{coder, value - 1, first - 1, last};
    };
    return one_continuum(3, 7, 60,
                         {
                             // Alex
                             unit(0, 1, 1, 7),
                             unit(0, 2, 8, 13),
                             unit(0, 5, 31, 32),
                             unit(0, 6, 33, 37),
                             unit(0, 6, 38, 44),
                             unit(0, 7, 45, 60),
                             // Paul
                             unit(1, 1, 1, 7),
                             unit(1, 3, 8, 13),
                             unit(1, 5, 14, 21),
                             unit(1, 6, 33, 44),
                             // Suzan
                             unit(2, 1, 1, 7),
                             unit(2, 4, 8, 13),
                             unit(2, 5, 14, 21),
                             unit(2, 6, 33, 37),
                             unit(2, 6, 38, 41),
                             unit(2, 6, 42, 44),
                         });
}

TEST_CASE("uα and |uα reproduce Krippendorff's 2019 three-observer example (.510, .413)",
          "[agreement]") {
    const UnitizedInput in = krippendorff_2019_figure_12_11();
    CHECK(value_of(u_alpha(in)) == Approx(0.510).margin(0.0005));
    // 0.4136 here; the book prints .413.
    CHECK(value_of(binary_u_alpha(in)) == Approx(0.413).margin(0.001));
    // Merging the touching units would give .5125 and .4167 instead.
}

TEST_CASE("cuα for more than two coders reproduces the 2019 example's .724", "[agreement]") {
    // With more than two coders, each unit's pairable length is the mean of what each other
    // coder coded of it. This is our generalisation: it gives the .724 that the example's cuα
    // is reported as, where the per-pair sum (0.7256) and the union over the other coders
    // (0.7283) of two other implementations do not. Only the 6s' unit structure and the 5s
    // that Paul and Suzan share but Alex leaves uncoded tell these apart.
    const UnitizedInput in = krippendorff_2019_figure_12_11();
    const Coefficient cu = cu_alpha(in);
    CHECK(value_of(cu) == Approx(0.724).margin(0.0005));
    CHECK_THAT(cu.note, Catch::Contains("mean over the other coders"));
    // (k)uα per value, as the same implementation's tests expect: where the observers' values
    // coincide 1, where they never do 0, and value 7 (Alex's alone) undefined.
    const std::vector<Coefficient> k = k_u_alpha(in);
    for (const int agreed : {0, 4, 5}) {
        CHECK(value_of(k[static_cast<std::size_t>(agreed)]) == Approx(1.0));
    }
    for (const int differed : {1, 2, 3}) {
        CHECK(value_of(k[static_cast<std::size_t>(differed)]) == Approx(0.0).margin(1e-12));
    }
    CHECK_FALSE(k[6].value.has_value());
}
