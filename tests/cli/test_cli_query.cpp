// SPDX-License-Identifier: GPL-3.0-or-later
// The evaluator's questions from the command line: query (saved, rerun, as tables, kept as a
// code), queries, matrix and cooccur, on the demo project.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/text/unicode.h"
#include "tests/support/cli_helpers.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using nlohmann::json;
using Scratch = quire::test::ScratchDir;
using quire::test::cli;
using quire::test::CliResult;
using quire::test::ok;
using quire::test::ok_json;

namespace {

const std::string kUncertainReferrers = "code:\"Working with uncertainty\" AND role:referrer";

std::string demo(const Scratch& s) {
    const std::string p = s.path("demo.quire");
    ok({"demo", p});
    return p;
}

void refused(const std::vector<std::string>& args, int status, const std::string& message) {
    const CliResult r = cli(args);
    INFO(r.err);
    CHECK(r.status == status);
    CHECK(quire::test::is_one_line(r.err));
    CHECK(r.err.find(message) != std::string::npos);
}

}  // namespace

TEST_CASE("query lists passages with exact ranges, codes and coders, and totals", "[cli][query]") {
    Scratch s;
    const std::string p = demo(s);
    const json r = ok_json({"query", p, kUncertainReferrers, "--limit", "0"});
    CHECK(r["expression"] == "code:\"Working with uncertainty\" AND role:\"referrer\"");
    REQUIRE(r["total"].get<int>() > 0);
    REQUIRE(r["hits"].size() == r["total"].get<std::size_t>());
    std::map<std::string, std::string> texts;
    for (const json& h : r["hits"]) {
        const std::string doc = h["document"];
        if (texts.count(doc) == 0) {
            texts[doc] = ok({"text", p, doc});
        }
        // Every range slices the stored text to the hit's text.
        CHECK(quire::text::slice(texts[doc], h["start"], h["end"]) == h["text"].get<std::string>());
        CHECK_FALSE(h["codes"].empty());
        CHECK_FALSE(h["coders"].empty());
    }
    int per_document = 0;
    for (const json& d : r["by_document"]) {
        per_document += d["passages"].get<int>();
    }
    CHECK(per_document == r["total"].get<int>());
    // --count: the same totals and no passages.
    const json counted = ok_json({"query", p, kUncertainReferrers, "--count"});
    CHECK(counted["total"] == r["total"]);
    CHECK(counted["by_code"] == r["by_code"]);
    CHECK_FALSE(counted.contains("hits"));
    const std::string text = ok({"query", p, kUncertainReferrers, "--count"});
    CHECK(text.find(std::to_string(r["total"].get<int>()) + " passages in ") == 0);
}

TEST_CASE("a malformed query or an unknown name is one line with the character", "[cli][query]") {
    Scratch s;
    const std::string p = demo(s);
    refused({"query", p, "code:\"Take the long view\" AND"}, 4,
            "the query ends after AND at character 30");
    refused({"query", p, "code:Nope OVERLAPS code:\"Take the long view\""}, 4,
            "no code \"Nope\" at character 1");
    refused({"query", p, "code:\"Take the long view\" rloe:referrer"}, 4,
            "no attribute named \"rloe\" at character 27");
    refused({"query", p}, 2, "query PROJECT EXPRESSION");
    refused({"query", p, "--run", "nothing saved"}, 3, "no saved query named");
}

TEST_CASE("a saved query lists with who and when and reruns on today's codings", "[cli][query]") {
    Scratch s;
    const std::string p = demo(s);
    const json first = ok_json({"query", p, kUncertainReferrers, "--save", "uncertain referrers"});
    const json listed = ok_json({"queries", p});
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["name"] == "uncertain referrers");
    CHECK(listed[0]["expression"] == kUncertainReferrers);
    CHECK_FALSE(listed[0]["saved_at"].get<std::string>().empty());
    CHECK(ok_json({"query", p, "--run", "uncertain referrers"}) == first);
    refused({"query", p, "code:\"Take the long view\"", "--save", "uncertain referrers"}, 5,
            "is saved already");
    ok({"query", p, "code:\"Take the long view\"", "--save", "uncertain referrers", "--replace"});
    CHECK(ok_json({"queries", p})[0]["expression"] == "code:\"Take the long view\"");
    ok({"queries", p, "--remove", "uncertain referrers"});
    CHECK(ok_json({"queries", p}).empty());
}

TEST_CASE("a result kept as a code is one action, undone by undo", "[cli][query]") {
    Scratch s;
    const std::string p = demo(s);
    const json r = ok_json({"query", p, kUncertainReferrers, "--count"});
    const std::string out = ok({"query", p, kUncertainReferrers, "--as-code",
                                "Findings/Uncertain referrers", "--coder", "Lead"});
    CHECK(out.find("coded " + std::to_string(r["total"].get<int>()) + " passages") == 0);
    CHECK(ok_json({"query", p, "code:\"Findings/Uncertain referrers\"", "--count"})["total"] ==
          r["total"]);
    CHECK(ok_json({"log", p, "--limit", "1"})[0]["what"] == "quire-cli query");
    ok({"undo", p});
    refused({"query", p, "code:\"Findings/Uncertain referrers\""}, 4, "no code");
    refused({"query", p, kUncertainReferrers, "--as-code", "X"}, 2, "--as-code needs one --coder");
}

TEST_CASE("query results as CSV and XLSX, never over a file unasked", "[cli][query]") {
    Scratch s;
    const std::string p = demo(s);
    const std::string csv = ok({"query", p, kUncertainReferrers, "--csv"});
    const auto lines = quire::test::lines_of(csv);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines[0] == "document,start,end,text,codes,coders,cases");
    const json r = ok_json({"query", p, kUncertainReferrers, "--count"});
    const std::string xlsx = s.path("results.xlsx");
    ok({"query", p, kUncertainReferrers, "--xlsx", xlsx});
    CHECK(std::ifstream(xlsx).good());
    refused({"query", p, kUncertainReferrers, "--xlsx", xlsx}, 5, "already exists");
    ok({"query", p, kUncertainReferrers, "--xlsx", xlsx, "--force"});
    refused({"query", p, kUncertainReferrers, "--xlsx", p, "--force"}, 5, "");
}

TEST_CASE("matrix counts codes by attribute values, each cell as its passages",
          "[cli][query][matrix]") {
    Scratch s;
    const std::string p = demo(s);
    const json m = ok_json({"matrix", p, "--rows", "codes", "--cols", "attr:role", "--passages"});
    CHECK(m["measure"] == "segments");
    CHECK(m["cols"] == json::array({"manager", "practitioner", "referrer"}));
    REQUIRE(m["rows"].size() == 16);
    int total = 0;
    for (const json& row : m["cells"]) {
        for (const json& cell : row) {
            CHECK(cell["count"].get<std::size_t>() == cell["passages"].size());
            total += cell["count"].get<int>();
        }
    }
    CHECK(total > 0);
    // The referrer column of "Working with uncertainty" is the query's passages of that code.
    const std::size_t row = 8;
    REQUIRE(m["rows"][row] == "Working with uncertainty");
    const json q = ok_json(
        {"query", p, "code=:\"Working with uncertainty\" OVERLAPS role:referrer", "--count"});
    CHECK(m["cells"][row][2]["count"] == q["total"]);
    // Percentages of each column add up to 100.
    const json pct =
        ok_json({"matrix", p, "--rows", "codes", "--cols", "attr:role", "--percent", "col"});
    double sum = 0;
    for (const json& r : pct["cells"]) {
        sum += r[0]["percent"].get<double>();
    }
    CHECK(sum == Approx(100.0));
    const std::string csv = ok({"matrix", p, "--rows", "codes:\"Working with uncertainty\"",
                                "--cols", "documents", "--csv"});
    CHECK(quire::test::lines_of(csv).size() == 3);  // the header and the branch's two children
    refused({"matrix", p, "--rows", "cases", "--cols", "documents"}, 4, "needs codes");
    refused({"matrix", p, "--rows", "codes"}, 2, "--cols");
    refused({"matrix", p, "--rows", "codes", "--cols", "colours"}, 4, "a matrix axis is");
    refused({"matrix", p, "--rows", "codes", "--cols", "documents", "--passages"}, 2, "--json");
}

TEST_CASE("cooccur pairs codes with n12 and the c-coefficient", "[cli][query][cooccur]") {
    Scratch s;
    const std::string p = demo(s);
    const json r = ok_json({"cooccur", p, "--by", "document"});
    REQUIRE(r["codes"].size() == 16);
    REQUIRE_FALSE(r["pairs"].empty());
    for (const json& pair : r["pairs"]) {
        const double n12 = pair["n12"];
        const double n1 = pair["n1"];
        const double n2 = pair["n2"];
        if (!pair["c"].is_null()) {
            CHECK(pair["c"].get<double>() == Approx(n12 / (n1 + n2 - n12)));
        }
    }
    const json two = ok_json({"cooccur", p, "--code", "Working with uncertainty", "--code",
                              "Take the long view", "--by", "near:20", "--passages"});
    CHECK(two["codes"].size() == 2);
    for (const json& pair : two["pairs"]) {
        CHECK(pair["a_passages"].size() == pair["a_with_b"].get<std::size_t>());
    }
    refused({"cooccur", p, "--by", "sentence"}, 4, "--by takes overlap");
    ok({"cooccur", p, "--csv"});
}

TEST_CASE("a search of codes alone points to the coding query, which answers it", "[cli][query]") {
    Scratch s;
    const std::string p = demo(s);
    const std::string both = "code:\"Working with uncertainty\" code:\"Take the long view\"";
    ok({"index", p});  // so that the refusal is the only line on stderr
    refused({"search", p, both}, 4, "quire-cli query");
    const json r = ok_json({"query", p, both, "--count"});
    CHECK(r["expression"] == "code:\"Working with uncertainty\" AND code:\"Take the long view\"");
}
