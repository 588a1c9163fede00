// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/text/unicode.h"
#include "search/query.h"
#include "search/tokenizer.h"

using quire::search::describe;
using quire::search::parse_query;
using quire::search::QueryError;
using quire::search::Tokenizer;

namespace {

std::vector<std::string> terms(const std::string& text) {
    Tokenizer t;
    std::vector<std::string> out;
    for (const auto& w : t.words(text)) {
        out.push_back(w.term);
    }
    return out;
}

std::string parsed(const std::string& q) {
    Tokenizer t;
    return describe(parse_query(q, t));
}

}  // namespace

TEST_CASE("folding removes case and accents but keeps letters of other scripts", "[search]") {
    CHECK(terms("Café NAÏVE rôle Zoë") == std::vector<std::string>{"cafe", "naive", "role", "zoe"});
    CHECK(terms("Straße") == std::vector<std::string>{"strasse"});
    // Decomposed input folds the same as composed input.
    CHECK(terms("cafe\u0301") == std::vector<std::string>{"cafe"});
    // Arabic pointing is removed; Devanagari vowel signs are letters and stay.
    CHECK(terms("\u0643\u064E\u062A\u064E\u0628\u064E") ==
          std::vector<std::string>{"\u0643\u062A\u0628"});
    CHECK(terms("\u0928\u092E\u0938\u094D\u0924\u0947") ==
          std::vector<std::string>{"\u0928\u092E\u0938\u094D\u0924\u0947"});
    // Ligatures and full-width forms fold to plain letters (NFKC).
    CHECK(terms("\uFB01le \uFF32\uFF29\uFF33\uFF2B") == std::vector<std::string>{"file", "risk"});
}

TEST_CASE("Thai and Japanese, written without spaces, are cut into dictionary words", "[search]") {
    // "I like to eat Thai food" and "child protection is important".
    const std::vector<std::string> thai = terms(
        "\u0E09\u0E31\u0E19\u0E0A\u0E2D\u0E1A"
        "\u0E01\u0E34\u0E19\u0E2D\u0E32\u0E2B\u0E32\u0E23"
        "\u0E44\u0E17\u0E22");
    CHECK(thai.size() >= 4);
    CHECK(std::find(thai.begin(), thai.end(), "\u0E2D\u0E32\u0E2B\u0E32\u0E23") != thai.end());
    const std::vector<std::string> japanese = terms("\u5150\u7AE5\u4FDD\u8B77\u306F\u5927\u5207");
    CHECK(japanese.size() >= 3);
}

TEST_CASE("apostrophes and hyphens split as a reader expects", "[search]") {
    CHECK(terms("the young person's plan") ==
          std::vector<std::string>{"the", "young", "person", "plan"});
    CHECK(terms("the young person\u2019s plan") ==
          std::vector<std::string>{"the", "young", "person", "plan"});
    CHECK(terms("don\u2019t") == std::vector<std::string>{"don't"});
    CHECK(terms("one-to-one work") == std::vector<std::string>{"one", "to", "one", "work"});
    CHECK(terms("parents' views") == std::vector<std::string>{"parents", "views"});
}

TEST_CASE("words carry exact code-point ranges on multi-byte text", "[search]") {
    const std::string text = "\U0001F642 Zoë: 児童の安全 \u05E9\u05DC\u05D5\u05DD risk";
    Tokenizer t;
    const auto words = t.words(text);
    REQUIRE(words.size() >= 5);
    for (const auto& w : words) {
        const std::string slice = quire::text::slice(text, w.start, w.end);
        CHECK(slice == text.substr(w.byte_start, w.byte_end - w.byte_start));
    }
    CHECK(words.front().term == "zoe");
    CHECK(words.front().start == 2);  // after the emoji (one code point) and a space
    CHECK(words.back().term == "risk");
    // The emoji is not a word; the CJK run is cut into dictionary words.
    bool has_cjk = false;
    for (const auto& w : words) {
        has_cjk = has_cjk || w.term == "安全";
    }
    CHECK(has_cjk);
}

TEST_CASE("queries parse into words, phrases, operators and filters", "[search]") {
    CHECK(parsed("risk uncertainty") == "(word:risk AND word:uncertainty)");
    CHECK(parsed("risk OR harm") == "(word:risk OR word:harm)");
    CHECK(parsed("risk NOT harm") == "(word:risk AND NOT word:harm)");
    CHECK(parsed("risk -harm") == "(word:risk AND NOT word:harm)");
    CHECK(parsed("\"Young Person\u2019s\"") == "phrase:\"young person\"");
    CHECK(parsed("\u201Cyoung person\u201D") == "phrase:\"young person\"");
    CHECK(parsed("\"risk\"") == "exact:risk");
    CHECK(parsed("one-to-one") == "phrase:\"one to one\"");
    CHECK(parsed("risk NEAR/5 family") == "(word:risk NEAR/5 word:family)");
    CHECK(parsed("risk NEAR family") == "(word:risk NEAR/10 word:family)");
    CHECK(parsed("Exploit*") == "prefix:exploit");
    CHECK(parsed("(risk OR harm) family") == "((word:risk OR word:harm) AND word:family)");
    CHECK(parsed("risk role:referrer doc:\"Interview 3\"") ==
          "(word:risk AND field:role=referrer AND field:doc=Interview 3)");
    CHECK(parsed("risk and harm") == "(word:risk AND word:and AND word:harm)");
    CHECK(parsed("Interviewer: risk") == "(word:interviewer AND word:risk)");
    CHECK(parsed("caf\u00E9") == "word:cafe");
}

TEST_CASE("malformed queries are refused with what and where", "[search]") {
    Tokenizer t;
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"\"young person", "unclosed quote at character 1"},
        {"(risk OR harm", "\"(\" is never closed at character 1"},
        {"risk)", "\")\" without \"(\""},
        {"OR risk", "OR needs something on each side"},
        {"risk OR", "OR needs something on each side"},
        {"risk AND", "AND needs something on each side"},
        {"NOT risk", "at least one word that is not negated"},
        {"-risk", "at least one word that is not negated"},
        {"risk NEAR", "NEAR needs a word or phrase on each side"},
        {"risk NEAR/x harm", "NEAR/ needs a number"},
        {"a NEAR b NEAR c", "NEAR joins two words or phrases"},
        {"(a OR b) NEAR c", "NEAR joins two words or phrases"},
        {"ex*ploit", "goes at the end of a word"},
        {"*", "goes at the end of a word"},
        {"risk OR -harm", "NOT can only exclude"},
        {"risk OR role:referrer", "field filter"},
        {"role:referrer", "at least one word"},
        {"()", "empty parentheses"},
        {"   ", "nothing to search for"},
        {"!!", "nothing to search for"},
    };
    for (const auto& [query, message] : bad) {
        INFO(query);
        try {
            parse_query(query, t);
            FAIL("accepted");
        } catch (const QueryError& e) {
            CHECK_THAT(e.what(), Catch::Contains(message));
            CHECK_THAT(e.what(), Catch::StartsWith("malformed query"));
        }
    }
}

TEST_CASE("the fast path finds exactly the words ICU finds", "[search]") {
    // Random strings over the characters the fast path knows, a few it does not (so that
    // it must hand over to ICU), and the joiners whose rules differ between letters and
    // digits.
    const std::vector<std::string> alphabet = {
        "a",      "Z",  "e",  "0",      "7",      " ",          " ",      ".",      ",",
        ";",      ":",  "'",  "-",      "!",      "?",          "(",      ")",      "/",
        "&",      "\t", "\n", "\u2019", "\u2018", "\u2013",     "\u2014", "\u2026", "\u201C",
        "\u201D", "_",  "\"", "\u00E9", "\u05D0", "\U0001F642", "\u3042", "\r\n"};
    Tokenizer t;
    std::mt19937 random(1234);
    std::size_t fast = 0;
    for (int n = 0; n < 40000; ++n) {
        std::string text;
        const int length = 1 + static_cast<int>(random() % 24);
        for (int i = 0; i < length; ++i) {
            // Mostly letters, digits and joiners: the interesting cases.
            const std::size_t pick = random() % 4 == 0 ? random() % alphabet.size() : random() % 12;
            text += alphabet[pick];
        }
        const auto reference = t.words(text);
        const auto found = t.spans(text);
        INFO("text: \"" << text << "\"");
        REQUIRE(found.size() == reference.size());
        for (std::size_t i = 0; i < found.size(); ++i) {
            CHECK(found[i].byte_start == reference[i].byte_start);
            CHECK(found[i].byte_end == reference[i].byte_end);
            CHECK(found[i].start == reference[i].start);
            CHECK(found[i].end == reference[i].end);
        }
        const auto first_two = t.spans(text, 2);
        CHECK(first_two.size() == std::min<std::size_t>(2, reference.size()));
        fast += text.find_first_of("_\"\xC3\xD7\xF0\xE3") == std::string::npos;
    }
    CHECK(fast > 10000);  // most strings took the fast path
}

TEST_CASE("the fast path agrees with ICU on every printable ASCII character", "[search]") {
    Tokenizer t;
    for (char c = 0x20; c < 0x7F; ++c) {
        for (const std::string& text :
             {std::string(1, c), "a" + std::string(1, c) + "b", "1" + std::string(1, c) + "2",
              "a" + std::string(1, c) + "1", std::string(1, c) + "x " + std::string(2, c)}) {
            INFO("text: \"" << text << "\"");
            const auto reference = t.words(text);
            const auto found = t.spans(text);
            REQUIRE(found.size() == reference.size());
            for (std::size_t i = 0; i < found.size(); ++i) {
                CHECK(found[i].byte_start == reference[i].byte_start);
                CHECK(found[i].byte_end == reference[i].byte_end);
            }
        }
    }
}

TEST_CASE("deeply nested and overlong queries are refused with a message, not a crash",
          "[search][misuse]") {
    const auto nested = [](int depth) {
        return std::string(static_cast<std::size_t>(depth), '(') + "consent" +
               std::string(static_cast<std::size_t>(depth), ')');
    };
    CHECK(parsed(nested(quire::search::kMaxQueryDepth)) == parsed("consent"));
    // Once a stack overflow (SIGSEGV) at a few thousand levels.
    for (const int depth : {quire::search::kMaxQueryDepth + 1, 5000, 200000}) {
        INFO(depth);
        CHECK_THROWS_WITH(parsed(nested(depth)),
                          Catch::Contains("parentheses nested more than 100 deep at character " +
                                          std::to_string(quire::search::kMaxQueryDepth + 1)));
    }
    std::string long_query;
    while (long_query.size() <= quire::search::kMaxQueryBytes) {
        long_query += "consent OR ";
    }
    long_query += "trust";
    CHECK_THROWS_WITH(parsed(long_query), Catch::Contains("longer than 1000 kB"));
}
