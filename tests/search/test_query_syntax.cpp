// SPDX-License-Identifier: GPL-3.0-or-later
// Query syntax that used to do something other than what was typed: a wildcard in quotes,
// a filter with nothing after it, and attribute names with spaces.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "search/query.h"
#include "search/search.h"
#include "search/tokenizer.h"
#include "tests/search/index_fixture.h"

using quire::search::describe;
using quire::search::Index;
using quire::search::parse_query;
using quire::search::QueryError;
using quire::search::Tokenizer;
using quire::search::test::Fixture;
using quire::search::test::Found;

namespace {

// Parsed as a project with the usual fields and the attributes "role" and "service centre".
std::string parsed(const std::string& q) {
    Tokenizer t;
    const std::set<std::string> fields{"doc",   "document", "case",          "code",
                                       "coder", "role",     "service centre"};
    return describe(
        parse_query(q, t, [&](const std::string& name) { return fields.count(name) > 0; }));
}

}  // namespace

TEST_CASE("a wildcard at the end of a word in quotes makes that word a prefix", "[search]") {
    CHECK(parsed("\"work* with\"") == "phrase:\"work* with\"");
    CHECK(parsed("\"the young pers*\"") == "phrase:\"the young pers*\"");
    CHECK(parsed("\"Exploit*\"") == "prefix:exploit");
    CHECK(parsed("\"work with\"") == "phrase:\"work with\"");
    for (const char* bad : {"\"ex*ploit with\"", "\"* with\"", "\"*\"", "\"work** with\""}) {
        INFO(bad);
        CHECK_THROWS_WITH(parsed(bad), Catch::StartsWith("malformed query") &&
                                           Catch::Contains("goes at the end of a word"));
    }
}

TEST_CASE("a phrase with a wildcard finds every word the prefix begins", "[search]") {
    Fixture f;
    Index index(f.project);
    CHECK(f.found(index, "\"wor* with the\"") == Found{"Alpha:work with the"});
    CHECK(f.found(index, "\"uncertain* is part\"") == Found{"Alpha:Uncertainty is part"});
    CHECK(f.found(index, "\"exploit* net*\"") == Found{"Beta:exploitative networks"});
    CHECK(f.found(index, "\"the young pers*\"") == Found{"Alpha:the young person\u2019s"});
    // In its paragraph only, and in order.
    CHECK(f.found(index, "\"with wor*\"").empty());
    CHECK(f.found(index, "\"risk* uncertain*\"").empty());
    CHECK(f.found(index, "\"young pers*\" NEAR/1 family") ==
          Found{"Alpha:young person\u2019s", "Alpha:family"});
}

TEST_CASE("a filter with nothing after its colon is refused", "[search]") {
    for (const char* bad : {"code:", "risk code:", "coder: Sam", "code:\"\"",
                            "role:", "\"service centre\": Northgate"}) {
        INFO(bad);
        CHECK_THROWS_WITH(parsed(bad), Catch::StartsWith("malformed query") &&
                                           Catch::Contains("has nothing after it"));
    }
    CHECK_THROWS_WITH(parsed("risk code:"), Catch::Contains("the filter code: has nothing"));
    // A word before a colon that names no field is a word, as in "Interviewer: ...".
    CHECK(parsed("Interviewer: risk") == "(word:interviewer AND word:risk)");
    CHECK(parsed("\"young person\": risk") == "(phrase:\"young person\" AND word:risk)");
    Tokenizer t;
    CHECK_THROWS_WITH(describe(parse_query("code:", t)), Catch::Contains("has nothing after it"));
}

TEST_CASE("a field whose name has spaces is written in quotes", "[search]") {
    CHECK(parsed("risk \"service centre\":Northgate") ==
          "(word:risk AND field:service centre=Northgate)");
    CHECK(parsed("risk \u201Cservice centre\u201D:\"North gate\"") ==
          "(word:risk AND field:service centre=North gate)");
    CHECK(parsed("risk \"role\":referrer") == "(word:risk AND field:role=referrer)");
    CHECK_THROWS_WITH(parsed("risk \"service center\":Northgate"),
                      Catch::StartsWith("malformed query") &&
                          Catch::Contains("\"service center\" is not a field"));
    CHECK_THROWS_WITH(parsed("risk OR \"service centre\":Northgate"),
                      Catch::Contains("field filter"));
}

TEST_CASE("search filters by an attribute whose name has spaces", "[search]") {
    Fixture f;
    f.project.ensure_attribute("service centre");
    f.project.set_document_attribute(f.beta, "service centre", "Northgate");
    Index index(f.project);
    CHECK(f.found(index, "\"risk\" \"service centre\":northgate") ==
          Found{"Beta:risk", "Beta:risk", "Beta:risk"});
    CHECK(f.found(index, "\"risk\"").size() == 4);
    CHECK(f.found(index, "risk \"service centre\":Southgate").empty());
}
