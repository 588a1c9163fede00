// SPDX-License-Identifier: GPL-3.0-or-later
// The coding query language's reader: precedence, fields, text runs, the canonical text
// form, and errors that say what and at which character.
#include <catch2/catch.hpp>

#include <string>

#include "core/query/expression.h"

using quire::query::Node;
using quire::query::parse_expression;
using quire::query::QueryError;
using quire::query::to_text;

namespace {

std::string canonical(const std::string& e) {
    return to_text(parse_expression(e));
}

std::string error_of(const std::string& e) {
    try {
        parse_expression(e);
    } catch (const QueryError& x) {
        return x.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("segment operators bind tighter than AND and NOT, which bind tighter than OR",
          "[query][language]") {
    const Node n = parse_expression("code:A OR code:B AND code:C OVERLAPS code:D");
    REQUIRE(n.kind == Node::Kind::Or);
    REQUIRE(n.children.size() == 2);
    const Node& right = n.children[1];
    REQUIRE(right.kind == Node::Kind::And);
    CHECK(right.children[1].kind == Node::Kind::Segment);
    CHECK(right.children[1].relation == Node::Relation::Overlaps);
    CHECK(canonical("code:A OR code:B AND code:C OVERLAPS code:D") ==
          "code:\"A\" OR code:\"B\" AND (code:\"C\" OVERLAPS code:\"D\")");
    CHECK(canonical("(code:A OR code:B) code:C") == "(code:\"A\" OR code:\"B\") AND code:\"C\"");
    CHECK(canonical("code:A NOT code:B NOT code:C") == "code:\"A\" NOT code:\"B\" NOT code:\"C\"");
    CHECK(canonical("NOT code:A") == "NOT code:\"A\"");
    CHECK(canonical("code:A AND NOT code:B") == "code:\"A\" NOT code:\"B\"");
    // Segment operators group from the left.
    CHECK(canonical("code:A WITHIN code:B NEAR/3 code:C") ==
          "code:\"A\" WITHIN code:\"B\" NEAR/3 code:\"C\"");
    CHECK(canonical("code:A WITHIN (code:B NEAR/3 code:C)") ==
          "code:\"A\" WITHIN (code:\"B\" NEAR/3 code:\"C\")");
}

TEST_CASE("every operator and field reads back from its canonical form", "[query][language]") {
    for (const std::string e : {
             "code:\"Safety/Risk\" OVERLAPS code=:\"Support\"",
             "code:\"A\" WITHIN code:\"B\"",
             "code:\"A\" ENCLOSES code:\"B\"",
             "code:\"A\" NEAR/10 code:\"B\"",
             "code:\"A\" NEAR/2:par code:\"B\"",
             "code:\"A\" BEFORE/4 code:\"B\"",
             "code:\"A\" SAMETURN code:\"B\"",
             "code:\"A\" SAMEPARA code:\"B\"",
             "code:\"A\" SAMEDOC code:\"B\"",
             "coder:\"Sam\" AND doc:\"Interview 3\" AND group:\"Staff\" AND case:\"Alex\"",
             "role:\"referrer\" AND \"service centre\":\"Elm Park\" AND age>=30 AND age<40.5",
             "\"code\":\"an attribute named code\"",
             "risk \"young person\" exploit* AND code:\"A\"",
         }) {
        INFO(e);
        CHECK(canonical(e) == e);
        CHECK(canonical(canonical(e)) == canonical(e));
    }
    CHECK(canonical("code:A NEAR code:B") == "code:\"A\" NEAR/10 code:\"B\"");
    // Attribute names that would read as something else keep their quotes.
    CHECK(canonical("\"NEAR/2\":x \"AND\":y \"a-b\":z") ==
          "\"NEAR/2\":\"x\" AND \"AND\":\"y\" AND \"a-b\":\"z\"");
    CHECK(canonical("code:A BEFORE code:B") == "code:\"A\" BEFORE/10 code:\"B\"");
}

TEST_CASE("words and phrases next to each other are one text search, as typed",
          "[query][language]") {
    const Node n = parse_expression("code:A  risk \"young  person\" harm* OVERLAPS code:B");
    REQUIRE(n.kind == Node::Kind::And);
    CHECK(n.children[0].kind == Node::Kind::Code);
    const Node& seg = n.children[1];
    REQUIRE(seg.kind == Node::Kind::Segment);
    CHECK(seg.children[0].kind == Node::Kind::Text);
    CHECK(seg.children[0].text == "risk \"young  person\" harm*");
    // Lower-case operators are words.
    const Node words = parse_expression("risk and harm near home");
    CHECK(words.kind == Node::Kind::Text);
    CHECK(words.text == "risk and harm near home");
}

TEST_CASE("a malformed query says what is wrong and at which character", "[query][language]") {
    CHECK(error_of("") == "an empty query");
    CHECK(error_of("   ") == "an empty query");
    CHECK(error_of("code:A AND") == "the query ends after AND at character 11");
    CHECK(error_of("code:A OR") == "the query ends after OR at character 10");
    CHECK(error_of("code:A OVERLAPS") == "the query ends after OVERLAPS at character 16");
    CHECK(error_of("(code:A") == "a \"(\" that is not closed at character 1");
    CHECK(error_of("code:A)") == "a \")\" without its \"(\" at character 7");
    CHECK(error_of("()") == "empty parentheses at character 1");
    CHECK(error_of("code:\"A") == "a quote that is not closed at character 6");
    CHECK(error_of("code: A") == "a field with nothing after it at character 1");
    CHECK(error_of("age>old") == "\"age>\" needs a number at character 1");
    CHECK(error_of("role=:x") ==
          "\"=:\" only after code (code=:\"Path\" is the code without "
          "its children) at character 1");
    CHECK(error_of("code:A NEAR/x code:B") ==
          "NEAR takes a count of words (NEAR/3 or NEAR/1:par) at character 8");
    CHECK(error_of("code:A BEFORE/-1 code:B") ==
          "BEFORE takes a count of words (BEFORE/3) at character 8");
    CHECK(error_of("AND code:A") ==
          "\"AND\" after the start, where a code, a text, a field or \"(\" was expected at "
          "character 1");
    CHECK(error_of("code:A OVERLAPS OR code:B") ==
          "\"OR\" after OVERLAPS, where a code, a text, a field or \"(\" was expected at "
          "character 17");
    // Characters, not bytes: "é" is one.
    CHECK(error_of("café:\"x\" AND") == "the query ends after AND at character 13");
    CHECK(error_of(std::string(150, '(') + "code:A" + std::string(150, ')'))
              .find("parentheses nested deeper than 100") == 0);
}
