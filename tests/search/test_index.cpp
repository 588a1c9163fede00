// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/text/unicode.h"
#include "search/search.h"
#include "tests/search/index_fixture.h"

namespace fs = std::filesystem;
using quire::Id;
using quire::Project;
using quire::search::Hit;
using quire::search::Index;
using quire::search::SearchRequest;
using quire::search::SearchResults;

using quire::search::test::Fixture;
using quire::search::test::Found;

TEST_CASE("search folds case and accents and maps hits to exact code points", "[search]") {
    Fixture f;
    Index index(f.project);
    CHECK(index.opened().rebuilt);
    CHECK(f.found(index, "cafe") == Found{"Alpha:caf\u00E9"});
    CHECK(f.found(index, "NAIVE") == Found{"Alpha:na\u00EFve"});
    CHECK(f.found(index, "zoe") == Found{"Alpha:Zo\u00EB", "Alpha:Zo\u00EB"});
    // After an emoji (4 UTF-8 bytes, 2 UTF-16 units, 1 code point) the offsets still hold.
    CHECK(f.found(index, "about", {}) == Found{"Alpha:about", "Alpha:about", "Beta:about"});
    CHECK(f.found(index, "\u5B89\u5168") == Found{"Beta:\u5B89\u5168"});
    CHECK(f.found(index, "\u0628\u0627\u0644\u0639\u0627\u0644\u0645") ==
          Found{"Beta:\u0628\u0627\u0644\u0639\u0627\u0644\u0645"});
}

TEST_CASE("bare words are stemmed, quoted words are not", "[search]") {
    Fixture f;
    Index index(f.project);
    const Found stemmed = f.found(index, "risk");
    CHECK(stemmed == Found{"Alpha:risk", "Alpha:risks", "Alpha:risking", "Beta:risk", "Beta:risk",
                           "Beta:risk"});
    CHECK(f.found(index, "risks").size() == stemmed.size());
    const Found exact = f.found(index, "\"risks\"");
    CHECK(exact == Found{"Alpha:risks"});
}

TEST_CASE("phrases, AND and NOT are decided within one paragraph", "[search]") {
    Fixture f;
    Index index(f.project);
    CHECK(f.found(index, "\"young person\"") == Found{"Alpha:young person\u2019s"});
    CHECK(f.found(index, "\"person young\"").empty());
    CHECK(f.found(index, "one-to-one") == Found{"Alpha:One-to-one"});
    // "risk" and "uncertainty" are both in Alpha, never in one paragraph.
    CHECK(f.found(index, "risk uncertainty").empty());
    CHECK(f.found(index, "risk AND school") == Found{"Beta:risk", "Beta:school", "Beta:risk"});
    CHECK(f.found(index, "\"risk\" NOT family") == Found{"Alpha:risk", "Beta:risk"});
    CHECK(f.found(index, "\"risk\" -family -tell") == Found{"Beta:risk"});
    // "exploitative" shares the stem "exploit".
    CHECK(f.found(index, "cafe OR exploitation") ==
          Found{"Alpha:caf\u00E9", "Beta:Exploitation", "Beta:exploitative"});
}

TEST_CASE("NEAR counts the words between, in either order", "[search]") {
    Fixture f;
    Index index(f.project);
    // "risk in school The family is far away from the risk": three words, then five.
    CHECK(f.found(index, "family NEAR/2 \"risk\"").empty());
    CHECK(f.found(index, "family NEAR/3 \"risk\"") == Found{"Beta:risk", "Beta:family"});
    CHECK(f.found(index, "\"risk\" NEAR/3 family") == Found{"Beta:risk", "Beta:family"});
    CHECK(f.found(index, "family NEAR/5 \"risk\"") ==
          Found{"Beta:risk", "Beta:family", "Beta:risk"});
    CHECK(f.found(index, "\"young person\" NEAR/1 family") ==
          Found{"Alpha:young person\u2019s", "Alpha:family"});
    CHECK(f.found(index, "exploit* NEAR/0 networks") ==
          Found{"Beta:exploitative", "Beta:networks"});
    CHECK(f.found(index, "exploit* NEAR/2 networks") ==
          Found{"Beta:Exploitation", "Beta:exploitative", "Beta:networks"});
}

TEST_CASE("wildcards match word beginnings, accent-insensitively", "[search]") {
    Fixture f;
    Index index(f.project);
    CHECK(f.found(index, "exploit*") == Found{"Beta:Exploitation", "Beta:exploitative"});
    CHECK(f.found(index, "UNCERT*") == Found{"Alpha:uncertainty", "Alpha:Uncertainty"});
    CHECK(f.found(index, "caf\u00E9*") == Found{"Alpha:caf\u00E9"});
    CHECK(f.found(index, "zzz*").empty());
}

TEST_CASE("filters narrow hits to codes, coders, cases, documents and attributes", "[search]") {
    Fixture f;
    Index index(f.project);
    quire::ScopeFilter by_code;
    by_code.codes.push_back(f.project.find_code("Safety").id);  // coded with its child
    CHECK(f.found(index, "\"risk\"", by_code) == Found{"Beta:risk", "Beta:risk"});
    by_code.include_child_codes = false;
    CHECK(f.found(index, "\"risk\"", by_code).empty());

    quire::ScopeFilter by_coder;
    by_coder.coders.push_back(f.project.find_coder("Sam").id);
    CHECK(f.found(index, "family", by_coder) == Found{"Beta:family"});

    // The attribute holds for Alpha as a document and for a segment of Beta through a case;
    // values compare without regard to case.
    quire::ScopeFilter by_role;
    by_role.attributes.emplace_back("role", "REFERRER");
    CHECK(f.found(index, "\"risk\"", by_role) == Found{"Alpha:risk", "Beta:risk", "Beta:risk"});
    CHECK(f.found(index, "\"risk\" role:referrer") == f.found(index, "\"risk\"", by_role));
    CHECK(f.found(index, "\"risk\" doc:Beta") == Found{"Beta:risk", "Beta:risk", "Beta:risk"});
    CHECK(f.found(index, "\"risk\" case:Sam") == Found{"Beta:risk", "Beta:risk"});
    CHECK(f.found(index, "\"risk\" code:School coder:Sam") == Found{"Beta:risk", "Beta:risk"});
    // A filter inside parentheses still filters.
    CHECK(f.found(index, "(\"risk\" code:School) family") ==
          f.found(index, "\"risk\" code:School family"));
    CHECK(f.found(index, "(\"risk\" code:School) family").size() == 3);
    CHECK_THROWS_AS(f.found(index, "(risk code:Nothing) family"), quire::NotFoundError);
    // An unknown field is text ("tell:me", a phrase); unknown values are errors.
    CHECK(f.found(index, "tell:me") == Found{"Alpha:Tell me"});
    CHECK_THROWS_AS(f.found(index, "risk doc:Nowhere"), quire::NotFoundError);
    quire::ScopeFilter unknown;
    unknown.attributes.emplace_back("colour", "blue");
    CHECK_THROWS_AS(f.found(index, "risk", unknown), quire::NotFoundError);
}

TEST_CASE("counting gives totals and facets, and pages add up to the whole", "[search]") {
    Fixture f;
    Index index(f.project);
    SearchRequest all;
    all.query = "risk OR family";
    all.limit = 100;
    all.count_all = true;
    const SearchResults r = index.search(all);
    REQUIRE(r.total_hits);
    CHECK(*r.total_hits == r.hits.size());
    CHECK(*r.total_hits == 8);
    CHECK(*r.total_documents == 2);
    REQUIRE(r.by_document.size() == 2);
    CHECK(r.by_document[0].name == "Alpha");  // 4 hits each: ties by name
    CHECK(r.by_document[0].hits == 4);
    REQUIRE(r.by_code.size() == 1);
    CHECK(r.by_code[0].name == "Safety/School");
    CHECK(r.by_code[0].hits == 3);

    std::vector<std::pair<Id, std::int64_t>> paged;
    for (std::size_t offset = 0;; offset += 3) {
        SearchRequest page;
        page.query = all.query;
        page.offset = offset;
        page.limit = 3;
        const SearchResults p = index.search(page);
        for (const Hit& h : p.hits) {
            paged.emplace_back(h.document, h.range.start);
        }
        if (!p.more) {
            break;
        }
    }
    std::vector<std::pair<Id, std::int64_t>> whole;
    for (const Hit& h : r.hits) {
        whole.emplace_back(h.document, h.range.start);
    }
    CHECK(paged == whole);
}

TEST_CASE("snippets mark the matched words, and paragraphs are trimmed lines", "[search]") {
    Fixture f;
    Index index(f.project);
    SearchRequest r;
    r.query = "\"young person\" family";
    const SearchResults res = index.search(r);
    REQUIRE(res.hits.size() == 2);
    CHECK_THAT(res.hits[0].snippet, Catch::Contains("the **young person\u2019s** **family**"));
    const std::string text = f.project.document_text(res.hits[0].document);
    CHECK(quire::text::slice(text, res.hits[0].paragraph.start, res.hits[0].paragraph.end) ==
          "Zo\u00EB (practitioner): Uncertainty is part of the work with the young person\u2019s "
          "family. One-to-one sessions help.");
}

TEST_CASE("the index follows imports and deletions, and never shows deleted text", "[search]") {
    Fixture f;
    Index index(f.project);
    CHECK(f.found(index, "serendipity").empty());
    const Id gamma = f.project.add_document("Gamma", "A moment of serendipity.\n").document.id;
    CHECK(f.found(index, "serendipity") == Found{"Gamma:serendipity"});
    CHECK(index.stats().documents == 3);
    f.project.delete_document(f.beta);
    CHECK(f.found(index, "exploit*").empty());
    CHECK(f.found(index, "\"risk\"") == Found{"Alpha:risk"});
    const auto report = index.update();
    CHECK(report.added + report.removed == 0);  // the search already caught up
    CHECK(index.stats().documents == 2);
    f.project.delete_document(gamma);
    // Another Index on the same project (another program) sees the same state.
    Index again(f.project);
    CHECK_FALSE(again.opened().rebuilt);
    CHECK(f.found(again, "serendipity").empty());
    CHECK(again.stats().documents == 1);
}

TEST_CASE("a deleted or damaged index is rebuilt", "[search]") {
    Fixture f;
    std::string folder;
    {
        Index index(f.project);
        folder = index.stats().folder;
        CHECK(f.found(index, "cafe").size() == 1);
    }
    CHECK(folder.find(f.project.info().guid) != std::string::npos);
    CHECK((fs::status(folder).permissions() & fs::perms::others_all) == fs::perms::none);
    fs::remove_all(folder);
    {
        Index index(f.project);
        CHECK(index.opened().rebuilt);
        CHECK(index.opened().reason == "there was no index yet");
        CHECK(f.found(index, "cafe").size() == 1);
    }
    for (const auto& e : fs::directory_iterator(folder)) {
        std::ofstream(e.path(), std::ios::binary | std::ios::trunc) << "not a xapian table";
    }
    {
        Index index(f.project);
        CHECK(index.opened().rebuilt);
        CHECK_THAT(index.opened().reason, Catch::Contains("damaged"));
        CHECK(f.found(index, "cafe").size() == 1);
    }
    {
        Index index(f.project);
        const auto r = index.rebuild();
        CHECK(r.rebuilt);
        CHECK(r.added == 2);
    }
}

TEST_CASE("a cancelled build leaves no half index behind", "[search]") {
    Fixture f;
    const std::string folder = Index::default_folder(f.project.info().guid);
    CHECK_THROWS_AS(Index(f.project, {}, [](std::size_t, std::size_t) { return false; }),
                    quire::Cancelled);
    CHECK_FALSE(fs::exists(folder));
    for (const auto& e : fs::directory_iterator(fs::path(folder).parent_path())) {
        CHECK(e.path().filename().string().find(".build-") == std::string::npos);
    }
}

TEST_CASE("the project's language chooses the stemmer", "[search]") {
    Fixture f;
    const Id fr =
        f.project.add_document("Gamma", "Les familles parlent des risques.\n").document.id;
    (void)fr;
    f.project.set_language("fr");
    Index index(f.project);
    CHECK(index.stats().language == "fr");
    CHECK(f.found(index, "famille") == Found{"Gamma:familles"});
    f.project.set_language("xx");
    Index none(f.project);
    CHECK(none.opened().rebuilt);
    CHECK(none.stats().language == "none");
    CHECK(f.found(none, "famille").empty());
    CHECK_THROWS_AS(f.project.set_language("english!"), quire::InvalidInputError);
    CHECK_THROWS_AS(f.project.set_language("deu"), quire::InvalidInputError);  // not ISO 639-1
}

TEST_CASE("code all hits applies one code to every hit or paragraph at once", "[search]") {
    Fixture f;
    Index index(f.project);
    const auto code = f.project.add_code("Risk talk");
    const auto coder = f.project.ensure_coder("Alex");
    SearchRequest r;
    r.query = "\"risk\"";
    r.limit = 1000;
    const SearchResults res = index.search(r);
    REQUIRE(res.hits.size() == 4);
    auto done = quire::search::code_hits(f.project, res.hits, code.id, coder.id,
                                         quire::search::Spread::Hit);
    CHECK(done.added.size() == 4);
    CHECK(done.already_coded == 0);
    for (const Id id : done.added) {
        const auto c = f.project.coding(id);
        CHECK(quire::text::slice(f.project.document_text(c.document_id), c.start, c.end) == "risk");
    }
    done = quire::search::code_hits(f.project, res.hits, code.id, coder.id,
                                    quire::search::Spread::Hit);
    CHECK(done.added.empty());
    CHECK(done.already_coded == 4);
    // Two hits share Beta's second paragraph: it is coded once.
    done = quire::search::code_hits(f.project, res.hits, code.id, coder.id,
                                    quire::search::Spread::Paragraph);
    CHECK(done.added.size() == 3);
    // All or nothing: a hit in a document that no longer exists rolls everything back.
    std::vector<Hit> bad = res.hits;
    bad.push_back(res.hits[0]);
    bad.back().document = 999;
    const auto before = f.project.codings().size();
    const auto other = f.project.add_code("Other");
    CHECK_THROWS(
        quire::search::code_hits(f.project, bad, other.id, coder.id, quire::search::Spread::Hit));
    CHECK(f.project.codings().size() == before);
}

TEST_CASE("an index shared with a copy of the project follows this project", "[search]") {
    Fixture f;
    const std::string copy = f.dir.path("copy.quire");
    // The same GUID: the same index folder. (The write-ahead log holds recent changes.)
    fs::copy_file(f.dir.path("p.quire"), copy);
    if (fs::exists(f.dir.path("p.quire-wal"))) {
        fs::copy_file(f.dir.path("p.quire-wal"), copy + "-wal");
    }
    Project other = Project::open(copy);
    Index mine(f.project);
    CHECK(f.found(mine, "cafe") == Found{"Alpha:caf\u00E9"});
    other.delete_document(f.alpha);
    {
        Index theirs(other);  // removes Alpha from the shared index
        CHECK(theirs.stats().documents == 1);
        // More commits: the blocks of this Index's snapshot get reused.
        for (int i = 0; i < 12; ++i) {
            const Id extra = other
                                 .add_document("Extra " + std::to_string(i),
                                               "Filler text " + std::to_string(i) + ".\n")
                                 .document.id;
            theirs.update();
            other.delete_document(extra);
            theirs.update();
        }
        other.add_document("Gamma", "A moment of serendipity.\n");
        theirs.update();
    }
    // The other program changed the index under this one: it notices and catches up.
    CHECK(f.found(mine, "cafe") == Found{"Alpha:caf\u00E9"});
    CHECK(f.found(mine, "serendipity").empty());
    CHECK(mine.stats().documents == 2);
}
