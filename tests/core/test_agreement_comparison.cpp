// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/agreement/binary.h"
#include "core/agreement/comparison.h"
#include "core/agreement/reliability.h"
#include "core/agreement/unitized.h"
#include "core/agreement/units.h"
#include "core/project/project.h"
#include "core/project_agreement/run.h"
#include "core/text/unicode.h"
#include "tests/support/scratch.h"

using namespace quire::agreement;

namespace {

ComparisonInput one_document(std::int64_t length, std::vector<RatedRange> codings, int raters = 2,
                             int codes = 1) {
    ComparisonInput in;
    for (int r = 0; r < raters; ++r) {
        in.raters.push_back(std::string(1, static_cast<char>('A' + r)));
    }
    for (int c = 0; c < codes; ++c) {
        in.codes.push_back("code " + std::to_string(c));
    }
    ComparisonDocument doc;
    doc.name = "doc";
    doc.length = length;
    doc.codings = std::move(codings);
    in.documents.push_back(std::move(doc));
    return in;
}

std::vector<std::string> unit_texts(const std::string& text, UnitKind kind) {
    std::vector<std::string> out;
    for (const quire::TextRange& u : text_units(text, kind)) {
        out.push_back(quire::text::slice(text, u.start, u.end));
    }
    return out;
}

}  // namespace

TEST_CASE("NVivo's help example: 50 characters coded by both and 800 by neither give 85%",
          "[agreement]") {
    // 1,000 characters; A codes [0,150), B codes [100,200): both 50, only A 100, only B 50.
    const ComparisonResult r = compare(one_document(1000, {{0, 0, 0, 150}, {1, 0, 100, 200}}));
    const DocumentAgreement& d = r.codes[0].documents[0];
    CHECK(d.units == 1000);
    CHECK(d.both == 50);
    CHECK(d.neither == 800);
    CHECK(d.only == std::vector<std::int64_t>{100, 50});
    REQUIRE(d.percent_agreement.value);
    CHECK(*d.percent_agreement.value == Approx(85.0));
    // EF = 150·100/1000 + 850·900/1000 = 780; kappa = (850 − 780) / (1000 − 780).
    REQUIRE(d.kappa.value);
    CHECK(*d.kappa.value == Approx(70.0 / 220.0));
}

TEST_CASE("kappa is undefined, not 0 or 1, when neither coder used the code", "[agreement]") {
    const ComparisonResult r = compare(one_document(100, {}));
    const DocumentAgreement& d = r.codes[0].documents[0];
    CHECK(*d.percent_agreement.value == Approx(100.0));
    CHECK_FALSE(d.kappa.value);
    CHECK_FALSE(d.kappa.note.empty());
    CHECK_FALSE(r.codes[0].krippendorff_alpha.value);
    CHECK_FALSE(r.codes[0].fleiss_kappa.value);
}

TEST_CASE("NVivo kappa is undefined when both coders coded every unit, even for huge counts",
          "[agreement]") {
    TwoRaterCounts all;
    all.total = 300000007;
    all.a = all.total;
    all.b = all.total;
    all.both = all.total;
    CHECK_FALSE(nvivo_kappa(all).value);
    CHECK_FALSE(nvivo_kappa(all).note.empty());
}

TEST_CASE("character counts are code points, not UTF-8 bytes or UTF-16 units", "[agreement]") {
    const std::string text = "Caf\u00e9 \U0001F600 na\u00efve";  // 12 code points
    REQUIRE(quire::text::code_point_count(text) == 12);
    REQUIRE(quire::text::utf16_length(text) == 13);
    REQUIRE(text.size() == 17);
    // A codes "Café 😀" [0,6), B codes "😀 naïve" [5,12): they share only the emoji.
    const ComparisonResult r = compare(one_document(12, {{0, 0, 0, 6}, {1, 0, 5, 12}}));
    const DocumentAgreement& d = r.codes[0].documents[0];
    CHECK(d.units == 12);
    CHECK(d.both == 1);
    CHECK(d.only == std::vector<std::int64_t>{5, 6});
    CHECK(d.neither == 0);
    CHECK(*d.percent_agreement.value == Approx(100.0 / 12.0));
}

TEST_CASE("overlapping codings of one coder count once, touching ones add up", "[agreement]") {
    const ComparisonResult r =
        compare(one_document(100, {{0, 0, 0, 30}, {0, 0, 20, 50}, {0, 0, 50, 60}, {1, 0, 0, 60}}));
    const DocumentAgreement& d = r.codes[0].documents[0];
    CHECK(d.both == 60);
    CHECK(d.only == std::vector<std::int64_t>{0, 0});
    CHECK(d.neither == 40);
}

TEST_CASE("Krippendorff's 2011 binary example gives alpha 0.095 from counts alone", "[agreement]") {
    // Coder A: 0 1 0 0 0 0 0 0 1 0; coder B: 1 1 1 0 0 1 0 0 0 0.
    // Units coded by nobody: 5; by exactly one: 4 (units 1, 3, 6, 9); by both: 1.
    const Coefficient alpha = binary_krippendorff_alpha({5, 4, 1}, 2);
    REQUIRE(alpha.value);
    CHECK(*alpha.value == Approx(0.095).margin(0.0005));
}

TEST_CASE("binary Fleiss' kappa and alpha from counts equal the table formulas", "[agreement]") {
    // Three coders, eight units; rows list who coded each unit.
    const std::vector<std::vector<int>> table = {{1, 1, 1}, {1, 1, 0}, {0, 0, 0}, {1, 0, 0},
                                                 {0, 0, 0}, {1, 1, 1}, {0, 1, 0}, {0, 0, 0}};
    std::vector<std::int64_t> histogram(4, 0);
    ReliabilityData data;
    for (const auto& row : table) {
        ++histogram[static_cast<std::size_t>(row[0] + row[1] + row[2])];
        data.values.push_back({double(row[0]), double(row[1]), double(row[2])});
    }
    const Coefficient fleiss_counts = binary_fleiss_kappa(histogram, 3);
    const Coefficient fleiss_table = fleiss_kappa(data);
    REQUIRE(fleiss_counts.value);
    REQUIRE(fleiss_table.value);
    CHECK(*fleiss_counts.value == Approx(*fleiss_table.value));
    const Coefficient alpha_counts = binary_krippendorff_alpha(histogram, 3);
    const Coefficient alpha_table = krippendorff_alpha(data, Level::Nominal);
    CHECK(*alpha_counts.value == Approx(*alpha_table.value));
}

TEST_CASE("word units skip punctuation and count accented and CJK words", "[agreement]") {
    CHECK(unit_texts("Hello, world! \u00c7a va?", UnitKind::Word) ==
          std::vector<std::string>{"Hello", "world", "\u00c7a", "va"});
    CHECK(unit_texts("It\u2019s one-to-one.", UnitKind::Word).size() == 4);
}

TEST_CASE("sentence, paragraph and turn units follow the transcript's layout", "[agreement]") {
    const std::string text =
        "Interview 3\n\nInterviewer: How did it start? Tell me.\n\nZo\u00eb (nurse): Slowly.\n"
        "It took months.\n\nInterviewer: Thanks.";
    CHECK(unit_texts(text, UnitKind::Sentence).size() == 6);
    CHECK(unit_texts(text, UnitKind::Paragraph) ==
          std::vector<std::string>{"Interview 3", "Interviewer: How did it start? Tell me.",
                                   "Zo\u00eb (nurse): Slowly.", "It took months.",
                                   "Interviewer: Thanks."});
    CHECK(unit_texts(text, UnitKind::Turn) ==
          std::vector<std::string>{"Interview 3", "Interviewer: How did it start? Tell me.",
                                   "Zo\u00eb (nurse): Slowly.\nIt took months.",
                                   "Interviewer: Thanks."});
    CHECK(unit_texts("one\ntwo", UnitKind::Turn) == std::vector<std::string>{"one", "two"});
}

TEST_CASE("a unit counts as coded when the coder covers the required share of it", "[agreement]") {
    ComparisonInput in = one_document(0, {});
    in.documents[0].text = "aaaa bbbb cccc dddd";
    in.documents[0].length = 19;
    in.unit = UnitKind::Word;
    // A covers all of "aaaa" and one letter of "bbbb"; B covers "aaaa" only.
    in.documents[0].codings = {{0, 0, 0, 6}, {1, 0, 0, 4}};
    ComparisonResult any = compare(in);
    CHECK(any.codes[0].documents[0].units == 4);
    CHECK(any.codes[0].documents[0].both == 1);
    CHECK(any.codes[0].documents[0].only[0] == 1);
    in.min_coverage = 0.5;
    ComparisonResult half = compare(in);
    CHECK(half.codes[0].documents[0].both == 1);
    CHECK(half.codes[0].documents[0].only[0] == 0);
    CHECK(half.codes[0].documents[0].neither == 3);
}

TEST_CASE("segments match when they overlap by at least the threshold of their union",
          "[agreement]") {
    ComparisonInput in = one_document(
        300,
        {{0, 0, 0, 100}, {1, 0, 5, 100}, {0, 0, 150, 200}, {1, 0, 160, 200}, {1, 0, 250, 260}});
    in.unit = UnitKind::Segment;
    const DocumentAgreement d = compare(in).codes[0].documents[0];
    // [0,100) ~ [5,100): 95/100 matches; [150,200) ~ [160,200): 40/50 does not.
    REQUIRE(d.matched.size() == 1);
    CHECK(d.matched[0].overlap == Approx(0.95));
    CHECK(d.units == 5);
    CHECK(d.both == 2);
    CHECK(d.only == std::vector<std::int64_t>{1, 2});
    CHECK(*d.percent_agreement.value == Approx(40.0));
    CHECK_FALSE(d.kappa.value);
    in.segment_overlap = 0.8;
    CHECK(compare(in).codes[0].documents[0].both == 4);
}

TEST_CASE("overall measures treat each code as a category and uncoded as one more", "[agreement]") {
    // 10 characters; A: code0 [0,4), code1 [4,8); B: code0 [0,4), code1 [6,10).
    const ComparisonResult r =
        compare(one_document(10, {{0, 0, 0, 4}, {0, 1, 4, 8}, {1, 0, 0, 4}, {1, 1, 6, 10}}, 2, 2));
    // Per character: 4 agree on code0, 2 on code1, 2 A code1 / B uncoded, 2 uncoded / code1.
    REQUIRE(r.overall.percent_agreement.value);
    CHECK(*r.overall.percent_agreement.value == Approx(60.0));
    // Cohen: po = 0.6; A marginals (4,4,2), B (4,4,2) over (code0, code1, uncoded): pe = 0.36.
    REQUIRE(r.overall.cohen_kappa.value);
    CHECK(*r.overall.cohen_kappa.value == Approx((0.6 - 0.36) / (1 - 0.36)));
}

TEST_CASE("overall measures are undefined with a reason when one coder's codes overlap",
          "[agreement]") {
    const ComparisonResult r =
        compare(one_document(10, {{0, 0, 0, 6}, {0, 1, 4, 8}, {1, 0, 0, 4}}, 2, 2));
    CHECK_FALSE(r.overall.cohen_kappa.value);
    CHECK(r.overall.cohen_kappa.note.find("more than one") != std::string::npos);
    // Per-code figures stay defined.
    CHECK(r.codes[0].kappa.value);
}

TEST_CASE("groups count a unit when any member coded it, and runs are stored", "[agreement]") {
    quire::test::TempProjectPath path;
    quire::Project p = quire::Project::create(path.str());
    const quire::Id doc = p.add_document("d", std::string(100, 'x')).document.id;
    const quire::Id code = p.add_code("Take the long view").id;
    const quire::Id ann = p.ensure_coder("Ann").id;
    const quire::Id ben = p.ensure_coder("Ben").id;
    const quire::Id cat = p.ensure_coder("Cat").id;
    p.apply_code(doc, code, ann, 0, 10);
    p.apply_code(doc, code, ben, 10, 20);
    p.apply_code(doc, code, cat, 5, 20);
    AgreementRequest request;
    request.group1 = {"Ann", "Ben"};
    request.group2 = {"Cat"};
    const AgreementRun run = run_agreement(p, request);
    const DocumentAgreement& d = run.result.codes[0].documents[0];
    CHECK(d.both == 15);
    CHECK(d.only == std::vector<std::int64_t>{5, 0});
    CHECK(run.id != 0);
    const auto history = agreement_history(p);
    REQUIRE(history.size() == 1);
    CHECK(history[0].result.find("\"group1\"") != std::string::npos);

    AgreementRequest twice;
    twice.coders = {"Ann", "Ann"};
    CHECK_THROWS_AS(run_agreement(p, twice), quire::InvalidInputError);
    CHECK(agreement_history(p).size() == 1);
}

TEST_CASE("unitized_measures gives what each unitized function gives", "[agreement]") {
    UnitizedInput in;
    in.coders = 2;
    in.categories = 2;
    in.continua.push_back({100, {{0, 0, 0, 20}, {0, 1, 30, 50}, {1, 0, 5, 20}, {1, 1, 35, 60}}});
    in.continua.push_back({50, {{0, 1, 10, 20}, {1, 1, 10, 25}, {1, 0, 30, 40}}});
    const UnitizedMeasures all = unitized_measures(in);
    auto same = [](const Coefficient& a, const Coefficient& b) {
        CHECK(a.value.has_value() == b.value.has_value());
        if (a.value && b.value) {
            CHECK(*a.value == Approx(*b.value));
        }
        CHECK(a.note == b.note);
    };
    same(all.u_alpha, u_alpha(in));
    same(all.binary_u_alpha, binary_u_alpha(in));
    same(all.cu_alpha, cu_alpha(in));
    same(all.alpha_u_1995, alpha_u_1995(in, std::nullopt));
    const std::vector<Coefficient> k = k_u_alpha(in);
    for (int c = 0; c < 2; ++c) {
        same(all.k_u_alpha[static_cast<std::size_t>(c)], k[static_cast<std::size_t>(c)]);
        same(all.alpha_u_1995_by_category[static_cast<std::size_t>(c)], alpha_u_1995(in, c));
    }
}

namespace {

// Per code and document, and for all codes together, what compare() should give, counted
// character by character: the slow, obvious way the sweeps must agree with.
void check_against_per_character(const ComparisonInput& in) {
    const ComparisonResult r = compare(in);
    const std::size_t raters = in.raters.size();
    const std::size_t codes = in.codes.size();
    std::map<std::vector<int>, double> overall_rows;
    bool overlapping_codes = false;
    for (std::size_t d = 0; d < in.documents.size(); ++d) {
        const ComparisonDocument& doc = in.documents[d];
        const auto n = static_cast<std::size_t>(doc.length);
        // covered[code][rater][position]
        std::vector<std::vector<std::vector<bool>>> covered(
            codes, std::vector<std::vector<bool>>(raters, std::vector<bool>(n, false)));
        for (const RatedRange& c : doc.codings) {
            for (auto i = c.start; i < c.end; ++i) {
                covered[static_cast<std::size_t>(c.code)][static_cast<std::size_t>(c.rater)]
                       [static_cast<std::size_t>(i)] = true;
            }
        }
        for (std::size_t c = 0; c < codes; ++c) {
            std::int64_t both = 0, neither = 0;
            std::vector<std::int64_t> only(raters, 0);
            for (std::size_t i = 0; i < n; ++i) {
                std::size_t coded = 0, last = 0;
                for (std::size_t k = 0; k < raters; ++k) {
                    if (covered[c][k][i]) {
                        ++coded;
                        last = k;
                    }
                }
                both += coded == raters ? 1 : 0;
                neither += coded == 0 ? 1 : 0;
                only[last] += coded == 1 ? 1 : 0;
            }
            const DocumentAgreement& got = r.codes[c].documents[d];
            CHECK(got.units == doc.length);
            CHECK(got.both == both);
            CHECK(got.neither == neither);
            CHECK(got.only == only);
        }
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<int> row(raters, static_cast<int>(codes));
            for (std::size_t k = 0; k < raters; ++k) {
                for (std::size_t c = 0; c < codes; ++c) {
                    if (covered[c][k][i]) {
                        overlapping_codes |= row[k] != static_cast<int>(codes);
                        row[k] = static_cast<int>(c);
                    }
                }
            }
            overall_rows[row] += 1;
        }
    }
    if (overlapping_codes) {
        CHECK_FALSE(r.overall.krippendorff_alpha.value);
        CHECK(r.overall.krippendorff_alpha.note.find("more than one") != std::string::npos);
        return;
    }
    ReliabilityData data;
    for (const auto& [row, weight] : overall_rows) {
        std::vector<std::optional<double>> values(row.begin(), row.end());
        data.values.push_back(std::move(values));
        data.weights.push_back(weight);
    }
    const Coefficient alpha = krippendorff_alpha(data, Level::Nominal);
    REQUIRE(alpha.value.has_value() == r.overall.krippendorff_alpha.value.has_value());
    if (alpha.value) {
        CHECK(*r.overall.krippendorff_alpha.value == Approx(*alpha.value).epsilon(1e-12));
    }
    const Coefficient percent = percent_agreement(data);
    REQUIRE(r.overall.percent_agreement.value);
    CHECK(*r.overall.percent_agreement.value == Approx(*percent.value).epsilon(1e-12));
}

// Random codings in random order; with `exclusive`, each rater's codes never overlap one
// another (a partition into codes and gaps), otherwise they overlap freely.
ComparisonInput random_input(std::mt19937& random, int raters, int codes, bool exclusive) {
    ComparisonInput in;
    for (int k = 0; k < raters; ++k) {
        in.raters.push_back(std::string(1, static_cast<char>('A' + k)));
    }
    for (int c = 0; c < codes; ++c) {
        in.codes.push_back("code " + std::to_string(c));
    }
    for (int d = 0; d < 3; ++d) {
        ComparisonDocument doc;
        doc.name = "doc " + std::to_string(d);
        doc.length = 40 + static_cast<std::int64_t>(random() % 80);
        for (int k = 0; k < raters; ++k) {
            std::int64_t at = 0;
            while (true) {
                const std::int64_t start = at + static_cast<std::int64_t>(random() % 12);
                const std::int64_t end = start + 1 + static_cast<std::int64_t>(random() % 15);
                if (end > doc.length) {
                    break;
                }
                const int code = static_cast<int>(random() % static_cast<unsigned>(codes));
                doc.codings.push_back({k, code, start, end});
                // Touching ranges (start == previous end) are frequent on purpose.
                at = exclusive ? end : start + static_cast<std::int64_t>(random() % 4);
            }
        }
        std::shuffle(doc.codings.begin(), doc.codings.end(), random);
        in.documents.push_back(std::move(doc));
    }
    return in;
}

}  // namespace

TEST_CASE("character sweeps agree with counting character by character", "[agreement]") {
    std::mt19937 random(20261128);
    for (int round = 0; round < 60; ++round) {
        const int raters = 2 + round % 3;
        const int codes = 1 + round % 4;
        const bool exclusive = round % 2 == 0;
        INFO("round " << round << ": " << raters << " raters, " << codes << " codes"
                      << (exclusive ? ", exclusive codes" : ""));
        check_against_per_character(random_input(random, raters, codes, exclusive));
    }
}

TEST_CASE("documents added in any order give what compare() gives", "[agreement]") {
    std::mt19937 random(7);
    for (const bool exclusive : {true, false}) {
        const ComparisonInput in = random_input(random, 2, 3, exclusive);
        const ComparisonResult expected = compare(in);
        Comparison comparison(in, in.documents.size());
        for (std::size_t d = in.documents.size(); d-- > 0;) {
            comparison.add(d, in.documents[d]);
        }
        const ComparisonResult got = comparison.finish();
        for (std::size_t c = 0; c < in.codes.size(); ++c) {
            for (std::size_t d = 0; d < in.documents.size(); ++d) {
                CHECK(got.codes[c].documents[d].document == in.documents[d].name);
                CHECK(got.codes[c].documents[d].both == expected.codes[c].documents[d].both);
                CHECK(got.codes[c].documents[d].only == expected.codes[c].documents[d].only);
            }
            CHECK(got.codes[c].kappa.value == expected.codes[c].kappa.value);
            CHECK(got.codes[c].alpha_u_1995.value == expected.codes[c].alpha_u_1995.value);
        }
        // Notes too: an overlap is reported in the first document in input order.
        CHECK(got.overall.krippendorff_alpha.value == expected.overall.krippendorff_alpha.value);
        CHECK(got.overall.krippendorff_alpha.note == expected.overall.krippendorff_alpha.note);
        CHECK(got.overall.u_alpha.value == expected.overall.u_alpha.value);
        CHECK(got.overall.alpha_u_1995.value == expected.overall.alpha_u_1995.value);
    }
}

TEST_CASE("a comparison refuses a document twice and finishing with one missing", "[agreement]") {
    const ComparisonInput in = one_document(10, {{0, 0, 0, 4}, {1, 0, 2, 6}});
    Comparison twice(in, 2);
    twice.add(0, in.documents[0]);
    CHECK_THROWS_AS(twice.add(0, in.documents[0]), quire::InvalidInputError);
    CHECK_THROWS_AS(twice.add(2, in.documents[0]), quire::InvalidInputError);
    CHECK_THROWS_AS(twice.finish(), quire::InvalidInputError);
}

TEST_CASE("a stored run gives back the report it was computed with", "[agreement]") {
    quire::test::TempProjectPath path;
    quire::Project p = quire::Project::create(path.str());
    const quire::Id d1 = p.add_document("first", "One two three.\nFour five six.\n").document.id;
    const quire::Id d2 = p.add_document("second", "Seven eight.\nNine ten eleven.\n").document.id;
    p.add_document("uncoded", "Nothing coded here.\n");
    const quire::Id a = p.add_code("Working with uncertainty").id;
    const quire::Id b = p.add_code("Take the long view").id;
    p.add_code("Model consent");  // never applied: kappa undefined with a note
    const quire::Id ann = p.ensure_coder("Ann").id;
    const quire::Id ben = p.ensure_coder("Ben").id;
    const quire::Id cat = p.ensure_coder("Cat").id;
    p.apply_code(d1, a, ann, 0, 8);
    p.apply_code(d1, a, ben, 4, 14);
    p.apply_code(d1, b, cat, 15, 29);
    p.apply_code(d2, b, ann, 0, 12);
    p.apply_code(d2, b, ben, 0, 12);
    p.apply_code(d2, a, cat, 13, 29);

    std::vector<AgreementRequest> requests(5);
    requests[0].coders = {"Ann", "Ben"};
    requests[1].coders = {"Ann", "Ben", "Cat"};
    requests[1].unit = UnitKind::Word;
    requests[2].group1 = {"Ann"};
    requests[2].group2 = {"Ben", "Cat"};
    requests[2].unit = UnitKind::Paragraph;
    requests[3].coders = {"Ben", "Ann"};
    requests[3].unit = UnitKind::Segment;
    requests[4].coders = {"Ann", "Cat"};
    requests[4].unit = UnitKind::Document;
    for (const AgreementRequest& request : requests) {
        const AgreementRun run = run_agreement(p, request);
        const std::string stored = stored_report_json(run);
        if (request.unit != UnitKind::Segment) {
            CHECK(stored.size() < report_json(run, false).size());
        }
        // Older versions stored the full report; it still reads back as it is.
        CHECK(nlohmann::json::parse(full_report_json(report_json(run))) ==
              nlohmann::json::parse(report_json(run)));
        const auto history = agreement_history(p);
        REQUIRE_FALSE(history.empty());
        CHECK(history.back().id == run.id);
        CHECK(nlohmann::json::parse(full_report_json(history.back().result)) ==
              nlohmann::json::parse(report_json(run)));
        CHECK(nlohmann::json::parse(history.back().overall) ==
              nlohmann::json::parse(report_json(run))["overall"]);
    }
}

TEST_CASE("a run reports its progress and can be cancelled while it reads", "[agreement]") {
    quire::test::TempProjectPath path;
    quire::Project p = quire::Project::create(path.str());
    {
        quire::Project::Action action(p);
        const quire::Id code = p.add_code("Working with uncertainty").id;
        const quire::Id ann = p.ensure_coder("Ann").id;
        const quire::Id ben = p.ensure_coder("Ben").id;
        // Enough codings for several batches on their way to the comparing thread.
        for (int d = 0; d < 30; ++d) {
            const quire::Id doc =
                p.add_document("interview " + std::to_string(d),
                               "Interview " + std::to_string(d) + std::string(2000, '.') + "\n")
                    .document.id;
            for (int i = 0; i < 150; ++i) {
                p.apply_code(doc, code, ann, i * 13, i * 13 + 5);
                p.apply_code(doc, code, ben, i * 13 + 2, i * 13 + 7);
            }
        }
        p.add_document("not coded", "Nothing here.\n");
        action.commit();
    }
    AgreementRequest request;
    request.coders = {"Ann", "Ben"};
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    const AgreementRun run =
        run_agreement(p, request, true, [&](std::size_t done, std::size_t all) {
            calls.emplace_back(done, all);
            return true;
        });
    REQUIRE(calls.size() >= 2);
    CHECK(calls.back() == std::make_pair(std::size_t{31}, std::size_t{31}));
    CHECK(run.result.codes[0].documents.size() == 31);
    CHECK(run.result.codes[0].documents[30].both == 0);  // the uncoded document is compared too

    // Cancelled at the first document read, whatever the batches.
    int asked = 0;
    CHECK_THROWS_AS(run_agreement(p, request, true,
                                  [&asked](std::size_t, std::size_t) {
                                      ++asked;
                                      return false;
                                  }),
                    quire::Cancelled);
    CHECK(asked == 1);
    CHECK(agreement_history(p).size() == 1);  // the cancelled run left nothing behind
}
