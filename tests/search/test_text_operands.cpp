// SPDX-License-Identifier: GPL-3.0-or-later
// Text operands of coding queries answered by the index: the matched words' code points,
// with codes, fields and accents as the search reads them.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/query/query.h"
#include "search/text_finder.h"
#include "tests/search/index_fixture.h"

using quire::search::Index;
using quire::search::IndexTextFinder;
using quire::search::test::Fixture;

namespace {

std::vector<std::string> texts(Fixture& f, const std::vector<quire::query::Passage>& ps) {
    std::vector<std::string> out;
    for (const auto& p : ps) {
        out.push_back(
            quire::text::slice(f.project.document_text(p.document), p.range.start, p.range.end));
    }
    return out;
}

}  // namespace

TEST_CASE("a text operand is every matched word, stemmed and folded as search does",
          "[search][query]") {
    Fixture f;
    Index index(f.project);
    IndexTextFinder finder(index);
    quire::query::Engine engine(f.project, &finder);
    // risk, risks, risking in Alpha; risk three times in Beta, the last in Arabic text.
    const auto risk = engine.evaluate("risk");
    CHECK(texts(f, risk) ==
          std::vector<std::string>{"risk", "risks", "risking", "risk", "risk", "risk"});
    // Inside the School code (Beta's second paragraph) only.
    CHECK(engine.evaluate("risk AND code:School").size() == 2);
    CHECK(engine.evaluate("risk WITHIN code:School").size() == 2);
    CHECK(engine.evaluate("code:School ENCLOSES risk").size() == 1);
    // Accents fold: "cafe" finds "café"; a phrase is its words together, each whole as the
    // tokenizer reads it ("person’s" is one word).
    CHECK(texts(f, engine.evaluate("cafe")) == std::vector<std::string>{"caf\u00E9"});
    CHECK(texts(f, engine.evaluate("\"young person\"")) ==
          std::vector<std::string>{"young person\u2019s"});
    // A text with nothing found is no passage, not an error.
    CHECK(engine.evaluate("zebra OR code:School").size() == 1);
}
