// SPDX-License-Identifier: GPL-3.0-or-later
// The evaluator's questions on a small project counted by hand: fields and text operands,
// results with their codes, coders and cases, matrices, co-occurrence, saved queries across
// reopening, and a result kept as a code and undone.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/query/query.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::TextRange;
using quire::query::Engine;
using quire::query::Passage;
using quire::test::TempProjectPath;

namespace {

// "Ann: alpha beta gamma." [0,22)  "Bob: delta epsilon zeta." [23,47)  "Ann: eta theta iota."
// [48,68)
const std::string kFirst =
    "Ann: alpha beta gamma.\nBob: delta epsilon zeta.\nAnn: eta theta iota.\n";
// "Cara: one two three." [0,20)  "Dan: four five six." [21,40)
const std::string kSecond = "Cara: one two three.\nDan: four five six.\n";

struct Hand {
    TempProjectPath path;
    Project p = Project::create(path.str());
    Id d1 = 0, d2 = 0;
    std::map<std::string, Id> code;

    Hand() {
        d1 = p.add_document("D1", kFirst).document.id;
        d2 = p.add_document("D2", kSecond).document.id;
        code["Risk"] = p.add_code("Risk").id;
        code["Online"] = p.add_code("Online", code["Risk"]).id;
        code["Support"] = p.add_code("Support").id;
        code["Trust"] = p.add_code("Trust").id;
        const Id sam = p.ensure_coder("Sam").id;
        const Id kim = p.ensure_coder("Kim").id;
        p.apply_code(d1, code["Risk"], sam, 5, 15);  // alpha beta
        p.apply_code(d1, code["Risk"], kim, 5, 15);
        p.apply_code(d1, code["Support"], sam, 11, 21);  // beta gamma
        p.apply_code(d1, code["Trust"], kim, 28, 46);    // delta epsilon zeta
        p.apply_code(d1, code["Online"], sam, 53, 62);   // eta theta
        p.apply_code(d2, code["Support"], kim, 6, 19);   // one two three
        p.apply_code(d2, code["Risk"], sam, 26, 35);     // four five
        p.set_document_attribute(d1, "role", "staff");
        p.set_document_attribute(d2, "role", "referrer");
        p.ensure_attribute("age", quire::AttributeType::Integer);
        p.set_document_attribute(d1, "age", "30");
        p.set_document_attribute(d2, "age", "45");
        const Id cara = p.ensure_case("Cara").id;
        p.link_case(cara, d2, 0, 20);
        p.link_case(p.ensure_case("Ann").id, d1);
        p.assign_to_group(p.add_group("Staff").id, {d1});
    }
};

// Whole words of the stored texts, as the search index would find them.
class WordFinder : public quire::query::TextFinder {
public:
    explicit WordFinder(Project& p) : p_(p) {}
    std::map<Id, std::vector<TextRange>> find(const std::string& word) override {
        std::map<Id, std::vector<TextRange>> out;
        for (const quire::Document& d : p_.documents()) {
            const std::string text = p_.document_text(d.id);
            for (std::size_t at = text.find(word); at != std::string::npos;
                 at = text.find(word, at + 1)) {
                out[d.id].push_back(
                    {static_cast<std::int64_t>(at), static_cast<std::int64_t>(at + word.size())});
            }
        }
        return out;
    }

private:
    Project& p_;
};

std::vector<Passage> P(std::initializer_list<Passage> l) {
    return l;
}

std::string error_of(Engine& e, const std::string& q) {
    try {
        e.evaluate(q);
    } catch (const quire::Error& x) {
        return x.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("fields are text: documents, groups, cases and attribute values", "[query][questions]") {
    Hand h;
    WordFinder words(h.p);
    Engine e(h.p, &words);
    CHECK(e.evaluate("code:Risk") == P({{h.d1, {5, 15}}, {h.d1, {53, 62}}, {h.d2, {26, 35}}}));
    CHECK(e.evaluate("code=:Risk") == P({{h.d1, {5, 15}}, {h.d2, {26, 35}}}));
    CHECK(e.evaluate("code:Risk AND role:referrer") == P({{h.d2, {26, 35}}}));
    CHECK(e.evaluate("code:Risk role:REFERRER") == P({{h.d2, {26, 35}}}));
    CHECK(e.evaluate("code:Risk AND age>40") == P({{h.d2, {26, 35}}}));
    CHECK(e.evaluate("code:Risk AND age<=30") == P({{h.d1, {5, 15}}, {h.d1, {53, 62}}}));
    CHECK(e.evaluate("code:Support AND case:Cara") == P({{h.d2, {6, 19}}}));
    CHECK(e.evaluate("code:Risk AND group:Staff") == P({{h.d1, {5, 15}}, {h.d1, {53, 62}}}));
    CHECK(e.evaluate("doc:D2") == P({{h.d2, {0, 41}}}));
    CHECK(e.evaluate("code:Risk OVERLAPS code:Support") == P({{h.d1, {5, 15}}}));
    CHECK(e.evaluate("code:Risk AND code:Support") == P({{h.d1, {11, 15}}}));
    CHECK(e.evaluate("code:Risk SAMETURN code:Support") == P({{h.d1, {5, 15}}}));
    CHECK(e.evaluate("code:Trust SAMETURN code:Risk").empty());
    // Text operands are the matched words.
    CHECK(e.evaluate("beta") == P({{h.d1, {11, 15}}}));
    CHECK(e.evaluate("beta OVERLAPS code:Risk") == P({{h.d1, {11, 15}}}));
    CHECK(e.evaluate("code:Support NEAR/1 five").empty());
    CHECK(e.evaluate("code:Support NEAR/1 four") == P({{h.d2, {6, 19}}}));
    // A selection applies to every operand.
    quire::query::QueryOptions referrers;
    referrers.scope.attributes.emplace_back("role", "referrer");
    CHECK(e.evaluate("code:Risk OR code:Trust", referrers) == P({{h.d2, {26, 35}}}));
    CHECK(e.evaluate("NOT code:Risk", referrers) == P({{h.d2, {0, 26}}, {h.d2, {35, 41}}}));
}

TEST_CASE("names a query does not know are errors at their character", "[query][questions]") {
    Hand h;
    Engine e(h.p);
    CHECK(error_of(e, "code:Risk AND rloe:staff") == "no attribute named \"rloe\" at character 15");
    CHECK(error_of(e, "code:Nope") == "no code \"Nope\" at character 1");
    CHECK(error_of(e, "code:Risk coder:Nobody") == "no coder \"Nobody\" at character 11");
    CHECK(error_of(e, "doc:D9") == "no document \"D9\" at character 1");
    CHECK(error_of(e, "case:Zed OR group:None") == "no case \"Zed\" at character 1");
    CHECK(error_of(e, "beta") == "a text search (\"beta\") needs the search index at character 1");
}

TEST_CASE("results carry their text, the codes and coders present, cases and totals",
          "[query][questions]") {
    Hand h;
    Engine e(h.p);
    const quire::query::QueryResult r = e.run("code:Risk", {}, 0, 5);
    CHECK(r.expression == "code:\"Risk\"");
    REQUIRE(r.total == 3);
    REQUIRE(r.hits.size() == 3);
    CHECK(r.hits[0].document == "D1");
    CHECK(r.hits[0].text == "alpha beta");
    CHECK(r.hits[0].before == "Ann: ");
    CHECK(r.hits[0].after == " gamm");
    CHECK(r.hits[0].code_paths == std::vector<std::string>{"Risk", "Support"});
    CHECK(r.hits[0].coder_names == std::vector<std::string>{"Sam", "Kim"});
    CHECK(r.hits[0].cases == std::vector<std::string>{"Ann"});
    CHECK(r.hits[1].code_paths == std::vector<std::string>{"Risk/Online"});
    CHECK(r.hits[2].code_paths == std::vector<std::string>{"Risk"});
    CHECK(r.hits[2].cases.empty());
    REQUIRE(r.by_document.size() == 2);
    CHECK(r.by_document[0].passages == 2);
    CHECK(r.by_document[1].passages == 1);
    REQUIRE(r.by_code.size() == 3);
    CHECK(r.by_code[0].name == "Risk");
    CHECK(r.by_code[0].passages == 2);
    CHECK(r.by_code[1].name == "Risk/Online");
    CHECK(r.by_code[2].name == "Support");
    // A limit shortens the list, not the totals.
    const auto limited = e.run("code:Risk", {}, 1);
    CHECK(limited.hits.size() == 1);
    CHECK(limited.total == 3);
    CHECK(limited.by_code.size() == 3);
}

TEST_CASE("matrices count what their row and column share, as their drill-down lists",
          "[query][questions][matrix]") {
    Hand h;
    Engine e(h.p);
    quire::query::MatrixRequest m;
    m.rows = quire::query::parse_axis("codes");
    m.cols = quire::query::parse_axis("documents");
    m.with_passages = true;
    const auto by_doc = e.matrix(m);
    CHECK(by_doc.rows == std::vector<std::string>{"Risk", "Risk/Online", "Support", "Trust"});
    CHECK(by_doc.cols == std::vector<std::string>{"D1", "D2"});
    const std::vector<std::vector<std::int64_t>> hand{{1, 1}, {1, 0}, {1, 1}, {1, 0}};
    for (std::size_t r = 0; r < 4; ++r) {
        for (std::size_t c = 0; c < 2; ++c) {
            CHECK(by_doc.cells[r][c].count == hand[r][c]);
            CHECK(by_doc.cells[r][c].passages.size() == static_cast<std::size_t>(hand[r][c]));
        }
    }
    m.cols = quire::query::parse_axis("attr:role");
    m.percent = quire::query::Percent::Row;
    const auto by_role = e.matrix(m);
    CHECK(by_role.cols == std::vector<std::string>{"referrer", "staff"});
    CHECK(by_role.cells[0][0].count == 1);
    CHECK(by_role.cells[0][1].count == 1);
    CHECK(by_role.cells[0][0].percent == Approx(50.0));
    CHECK(*by_role.cells[1][0].percent == Approx(0.0));  // Online: staff only
    CHECK(*by_role.cells[1][1].percent == Approx(100.0));
    m.percent = quire::query::Percent::None;
    m.cols = quire::query::parse_axis("documents");
    m.measure = quire::query::Measure::Characters;
    CHECK(e.matrix(m).cells[0][0].count == 10);
    m.measure = quire::query::Measure::Words;
    CHECK(e.matrix(m).cells[0][0].count == 2);
    m.measure = quire::query::Measure::Cases;
    const auto cases = e.matrix(m);
    CHECK(cases.cells[2][0].count == 1);  // Support in D1: Ann's whole document
    CHECK(cases.cells[2][1].count == 1);  // Support in D2: inside Cara's passage
    CHECK(cases.cells[0][1].count == 0);  // Risk in D2 lies outside it
    // Codes by codes: a row's passages that overlap a column's.
    m.measure = quire::query::Measure::Segments;
    m.cols = quire::query::parse_axis("codes");
    const auto codes = e.matrix(m);
    CHECK(codes.cells[0][0].count == 2);
    CHECK(codes.cells[0][2].count == 1);
    CHECK(codes.cells[2][0].count == 1);
    CHECK(codes.cells[3][0].count == 0);
    CHECK(codes.cells[3][3].count == 1);
    // Saved queries as an axis.
    h.p.save_query("risky", "code:Risk");
    m.rows = quire::query::parse_axis("queries:risky");
    m.cols = quire::query::parse_axis("documents");
    const auto queries = e.matrix(m);
    CHECK(queries.rows == std::vector<std::string>{"risky"});
    CHECK(queries.cells[0][0].count == 2);
    CHECK(queries.cells[0][1].count == 1);
    // A selection applies to the saved query's passages too.
    m.options.scope.groups.push_back(h.p.find_group("Staff").id);
    const auto staff = e.matrix(m);
    CHECK(staff.cells[0][0].count == 2);
    CHECK(staff.cells[0][1].count == 0);
    m.options.scope = {};
    m.rows = quire::query::parse_axis("cases");
    CHECK_THROWS_AS(e.matrix(m), quire::InvalidInputError);
    CHECK_THROWS_AS(quire::query::parse_axis("colours"), quire::InvalidInputError);
}

TEST_CASE("co-occurrence by overlap, paragraph, document and words, with the c-coefficient",
          "[query][questions][cooccur]") {
    Hand h;
    Engine e(h.p);
    quire::query::CooccurRequest r;
    r.codes = {h.code["Risk"], h.code["Support"], h.code["Trust"]};
    r.with_passages = true;
    const auto overlap = e.cooccur(r);
    CHECK(overlap.passages == std::vector<std::int64_t>{2, 2, 1});
    REQUIRE(overlap.pairs.size() == 1);
    CHECK(overlap.pairs[0].n12 == 1);
    CHECK(*overlap.pairs[0].c == Approx(1.0 / 3.0));
    CHECK_FALSE(overlap.pairs[0].distorted);
    CHECK(overlap.matrix[0][1] == 1);
    CHECK(overlap.drill[0][1] == P({{h.d1, {5, 15}}}));
    CHECK(overlap.drill[1][0] == P({{h.d1, {11, 21}}}));

    quire::query::cooccurrence_by_from_string("paragraph", r);
    const auto paragraph = e.cooccur(r);
    REQUIRE(paragraph.pairs.size() == 1);
    CHECK(paragraph.pairs[0].n12 == 1);

    quire::query::cooccurrence_by_from_string("document", r);
    const auto document = e.cooccur(r);
    REQUIRE(document.pairs.size() == 3);
    CHECK(document.pairs[0].n12 == 2);  // Risk and Support: in D1 and in D2
    CHECK(*document.pairs[0].c == Approx(1.0));
    CHECK(document.pairs[1].n12 == 1);  // Risk and Trust
    CHECK(*document.pairs[1].c == Approx(0.5));

    quire::query::cooccurrence_by_from_string("near:1", r);
    const auto near = e.cooccur(r);
    REQUIRE(near.pairs.size() == 2);
    CHECK(near.pairs[0].n12 == 2);  // overlapping in D1, one word ("Dan") apart in D2
    CHECK(near.pairs[1].a == 1);    // Support and Trust: "Bob" between
    CHECK(near.pairs[1].b == 2);
    CHECK_THROWS_AS(quire::query::cooccurrence_by_from_string("near:x", r),
                    quire::InvalidInputError);

    // One passage meeting two of the other code's: ATLAS.ti's count of pairs, marked.
    const Id sam = h.p.find_coder("Sam").id;
    h.p.apply_code(h.d1, h.code["Trust"], sam, 5, 21);
    h.p.apply_code(h.d1, h.code["Risk"], sam, 16, 21);  // gamma
    quire::query::cooccurrence_by_from_string("overlap", r);
    const auto distorted = e.cooccur(r);
    CHECK(distorted.passages == std::vector<std::int64_t>{3, 2, 2});
    REQUIRE(distorted.pairs.size() == 3);
    CHECK(distorted.pairs[0].n12 == 2);  // Support's "beta gamma" meets both Risk passages
    CHECK(distorted.pairs[0].a_with_b == 2);
    CHECK(distorted.pairs[0].b_with_a == 1);
    CHECK(distorted.pairs[0].distorted);
    CHECK(distorted.pairs[1].n12 == 2);  // Trust's "alpha beta gamma" too
    CHECK(*distorted.pairs[1].c == Approx(2.0 / 3.0));
    CHECK(distorted.pairs[1].distorted);
    CHECK(distorted.pairs[2].n12 == 1);
    CHECK_FALSE(distorted.pairs[2].distorted);
    CHECK(distorted.matrix[2][0] == 1);
    CHECK(distorted.matrix[0][2] == 2);
}

TEST_CASE("the engine follows the project's codings as they change", "[query][questions]") {
    Hand h;
    Engine e(h.p);
    CHECK(e.evaluate("code:Trust").size() == 1);
    h.p.apply_code(h.d2, h.code["Trust"], h.p.find_coder("Kim").id, 0, 4);
    CHECK(e.evaluate("code:Trust").size() == 2);
    // Another connection's change too.
    {
        Project other = Project::open(h.path.str());
        other.apply_code(h.d2, h.code["Trust"], other.find_coder("Kim").id, 21, 24);
    }
    CHECK(e.evaluate("code:Trust").size() == 3);
}

TEST_CASE("saved queries keep their text, who and when across reopening", "[query][questions]") {
    Hand h;
    h.p.set_actor("Lead");
    const quire::SavedQuery saved =
        h.p.save_query("risk near support", "code:Risk NEAR/3 code:Support");
    CHECK(saved.saved_by == "Lead");
    CHECK_THROWS_AS(h.p.save_query("risk near support", "code:Risk"), quire::ConflictError);
    CHECK_THROWS_AS(h.p.save_query("  ", "code:Risk"), quire::InvalidInputError);
    CHECK_THROWS_AS(h.p.save_query("empty", " "), quire::InvalidInputError);
    {
        Project again = Project::open(h.path.str());
        const auto all = again.saved_queries();
        REQUIRE(all.size() == 1);
        CHECK(all[0].expression == "code:Risk NEAR/3 code:Support");
        CHECK(all[0].guid == saved.guid);
        const quire::SavedQuery replaced = again.save_query("risk near support", "code:Risk", true);
        CHECK(replaced.id == saved.id);
        Engine e(again);
        CHECK(e.evaluate(again.find_saved_query("risk near support").expression).size() == 3);
        again.remove_saved_query(replaced.id);
        CHECK(again.saved_queries().empty());
        CHECK_THROWS_AS(again.find_saved_query("risk near support"), quire::NotFoundError);
    }
}

TEST_CASE("a result kept as a code is one action that undo takes back", "[query][questions]") {
    Hand h;
    Engine e(h.p);
    const auto passages = e.evaluate("code:Risk OVERLAPS code:Support OR code:Trust");
    REQUIRE(passages.size() == 2);
    const Id kim = h.p.find_coder("Kim").id;
    CHECK(e.store_as_code(passages, "Findings/Risk and support", kim) == 2);
    CHECK(e.evaluate("code:\"Findings/Risk and support\"") == passages);
    CHECK(h.p.find_code("Findings").parent_id == std::nullopt);
    // Again: the codings are there already.
    CHECK(e.store_as_code(passages, "Findings/Risk and support", kim) == 0);
    h.p.undo();  // the second changed nothing, so left no entry
    CHECK_THROWS_AS(h.p.find_code("Findings"), quire::NotFoundError);
    CHECK(e.evaluate("code:Trust").size() == 1);
}
