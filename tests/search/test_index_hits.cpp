// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "core/base/text_range.h"
#include "core/project/project.h"
#include "core/text/unicode.h"
#include "search/search.h"
#include "tests/search/index_fixture.h"

using quire::Id;
using quire::TextRange;
using quire::search::Hit;
using quire::search::Index;
using quire::search::SearchRequest;
using quire::search::SearchResults;
using quire::search::test::Fixture;
using quire::search::test::Found;

namespace {

// Emoji (one with a joiner), CJK, accents, Arabic and a character beyond the BMP before the
// words searched for, a paragraph indented with spaces and a tab, and trailing spaces.
const char* kGamma =
    "\U0001F600\U0001F469\u200D\U0001F467 \u5150\u7AE5\u306E\u5B89\u5168 Zo\u00EB "
    "na\u00EFve: the target word.\n"
    "\n"
    "   \t  Indented \U0001F642\U0001F642 line with target inside, and caf\u00E9 here.  \n"
    "\u0645\u0631\u062D\u0628\u0627 target \U00010348 target\n";

// Code-point ranges of every occurrence of `word` in `text`, found without the index.
std::vector<TextRange> occurrences(const std::string& text, const std::string& word) {
    std::vector<TextRange> out;
    const std::int64_t length = quire::text::code_point_count(word);
    for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        const std::int64_t start = quire::text::code_point_count(text.substr(0, at));
        out.push_back({start, start + length});
    }
    return out;
}

std::vector<TextRange> ranges_of(const std::vector<Hit>& hits, Id document) {
    std::vector<TextRange> out;
    for (const Hit& h : hits) {
        if (h.document == document) {
            out.push_back({h.range.start, h.range.end});
        }
    }
    return out;
}

SearchResults search(Index& index, const std::string& query, std::size_t offset = 0,
                     std::size_t limit = 1000, bool count_all = false) {
    SearchRequest r;
    r.query = query;
    r.offset = offset;
    r.limit = limit;
    r.count_all = count_all;
    return index.search(r);
}

// Everything a caller sees of a hit, for comparing two result lists.
std::vector<std::string> described(const std::vector<Hit>& hits) {
    std::vector<std::string> out;
    for (const Hit& h : hits) {
        out.push_back(std::to_string(h.document) + " " + h.document_name + " " +
                      std::to_string(h.range.start) + "-" + std::to_string(h.range.end) + " " +
                      std::to_string(h.paragraph.start) + "-" + std::to_string(h.paragraph.end) +
                      " " + h.snippet);
    }
    return out;
}

}  // namespace

TEST_CASE("a hit's range is exactly its words after emoji, CJK and accents", "[search]") {
    Fixture f;
    const Id gamma = f.project.add_document("Gamma", kGamma).document.id;
    const std::string text = f.project.document_text(gamma);
    Index index(f.project);

    const SearchResults targets = search(index, "target");
    REQUIRE(targets.hits.size() == 4);
    CHECK(ranges_of(targets.hits, gamma) == occurrences(text, "target"));
    for (const Hit& h : targets.hits) {
        CHECK(h.document == gamma);
        CHECK(h.document_name == "Gamma");
    }
    CHECK(ranges_of(search(index, "\"the target word\"").hits, gamma) ==
          occurrences(text, "the target word"));
    CHECK(ranges_of(search(index, "cafe").hits, gamma) == occurrences(text, "caf\u00E9"));
    CHECK(ranges_of(search(index, "naive").hits, gamma) == occurrences(text, "na\u00EFve"));
    CHECK(ranges_of(search(index, "zoe").hits, gamma) == occurrences(text, "Zo\u00EB"));
    CHECK(ranges_of(search(index, "\u5B89\u5168").hits, gamma) ==
          occurrences(text, "\u5B89\u5168"));
}

TEST_CASE("a hit's paragraph is its line without the spaces around it", "[search]") {
    Fixture f;
    const Id gamma = f.project.add_document("Gamma", kGamma).document.id;
    const std::string text = f.project.document_text(gamma);
    Index index(f.project);
    const SearchResults r = search(index, "inside");
    REQUIRE(r.hits.size() == 1);
    const Hit& h = r.hits[0];
    const std::string line =
        "Indented \U0001F642\U0001F642 line with target inside, and caf\u00E9 here.";
    CHECK(h.paragraph == occurrences(text, line)[0]);
    CHECK(quire::text::slice(text, h.paragraph.start, h.paragraph.end) == line);
    CHECK(h.paragraph.contains(h.range));
}

TEST_CASE("words next to each other matched by different parts of a query stay two hits",
          "[search]") {
    Fixture f;
    Index index(f.project);
    CHECK(f.found(index, "talk about") == Found{"Beta:talk", "Beta:about"});
    CHECK(f.found(index, "talk OR about") ==
          Found{"Alpha:about", "Alpha:about", "Beta:talk", "Beta:about"});
    // Overlapping matches are one hit: the phrase and its second word.
    CHECK(f.found(index, "\"young person\" person") == Found{"Alpha:young person\u2019s"});
    const SearchResults r = search(index, "talk about");
    REQUIRE(r.hits.size() == 2);
    CHECK_THAT(r.hits[0].snippet, Catch::Contains("We **talk** **about** safety"));
}

TEST_CASE("snippets cut long paragraphs at spaces, 36 bytes before the hit and 110 after",
          "[search]") {
    Fixture f;
    const std::string line =
        "Participant: one two three four five six seven eight nine ten eleven twelve "
        "marker thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
        "twenty-one twenty-two twenty-three marker twenty-four twenty-five twenty-six "
        "twenty-seven twenty-eight twenty-nine thirty thirty-one thirty-two.";
    const Id delta = f.project.add_document("Delta", line + "\nShort marker line.\n").document.id;
    (void)delta;
    Index index(f.project);
    const SearchResults r = search(index, "marker");
    REQUIRE(r.hits.size() == 3);
    CHECK(r.hits[0].snippet ==
          "\u2026seven eight nine ten eleven twelve **marker** thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three\u2026");
    CHECK(r.hits[1].snippet ==
          "\u2026twenty-one twenty-two twenty-three **marker** twenty-four twenty-five "
          "twenty-six twenty-seven twenty-eight twenty-nine thirty thirty-one thirty-two.");
    CHECK(r.hits[2].snippet == "Short **marker** line.");
    // A hit at the start of its paragraph: nothing is cut before it.
    const SearchResults start = search(index, "participant");
    REQUIRE(start.hits.size() == 1);
    CHECK(start.hits[0].snippet.rfind("**Participant**: one two", 0) == 0);
}

TEST_CASE("pages of any size walk the same hits as one page", "[search]") {
    Fixture f;
    f.project.add_document("Gamma", kGamma);
    Index index(f.project);
    const std::string query = "risk OR family OR target OR about";
    const SearchResults whole = search(index, query, 0, 1000, true);
    REQUIRE(whole.total_hits);
    const std::size_t total = *whole.total_hits;
    CHECK(total == whole.hits.size());
    CHECK_FALSE(whole.more);
    CHECK(described(search(index, query).hits) == described(whole.hits));
    for (std::size_t limit = 1; limit <= 5; ++limit) {
        std::vector<Hit> paged;
        std::size_t offset = 0;
        for (;; offset += limit) {
            const SearchResults p = search(index, query, offset, limit);
            CHECK(p.hits.size() <= limit);
            paged.insert(paged.end(), p.hits.begin(), p.hits.end());
            CHECK(p.more == (offset + limit < total));
            if (!p.more) {
                break;
            }
        }
        CHECK(described(paged) == described(whole.hits));
        // Counting does not change the page, and counts everything whatever the page.
        const SearchResults counted = search(index, query, limit, limit, true);
        CHECK(described(counted.hits) ==
              described({whole.hits.begin() + static_cast<std::ptrdiff_t>(limit),
                         whole.hits.begin() + static_cast<std::ptrdiff_t>(2 * limit)}));
        CHECK(counted.more == (2 * limit < total));
        CHECK(counted.total_hits == whole.total_hits);
        CHECK(counted.total_documents == whole.total_documents);
    }
    const SearchResults past = search(index, query, total, 10);
    CHECK(past.hits.empty());
    CHECK_FALSE(past.more);
    CHECK_FALSE(past.total_hits);
}

TEST_CASE("facets count hits per document and per code of the chosen coders", "[search]") {
    Fixture f;
    const auto other = f.project.ensure_coder("Other");
    const auto family = f.project.add_code("Family");
    const auto around = f.project.find_text(f.alpha, "the young person\u2019s family");
    REQUIRE(around.size() == 1);
    f.project.apply_code(f.alpha, family.id, other.id, around[0].start, around[0].end);
    Index index(f.project);
    const SearchResults all = search(index, "family OR risk", 0, 2, true);
    CHECK(all.hits.size() == 2);
    CHECK(all.more);
    CHECK(*all.total_hits == 8);
    CHECK(*all.total_documents == 2);
    REQUIRE(all.by_code.size() == 2);
    CHECK(all.by_code[0].name == "Safety/School");
    CHECK(all.by_code[0].hits == 3);
    CHECK(all.by_code[1].name == "Family");
    CHECK(all.by_code[1].hits == 1);

    SearchRequest by_sam;
    by_sam.query = "family OR risk";
    by_sam.count_all = true;
    by_sam.filter.coders.push_back(f.project.find_coder("Sam").id);
    const SearchResults sam = index.search(by_sam);
    CHECK(*sam.total_hits == 3);
    REQUIRE(sam.by_code.size() == 1);
    CHECK(sam.by_code[0].name == "Safety/School");
    REQUIRE(sam.by_document.size() == 1);
    CHECK(sam.by_document[0].id == f.beta);
    CHECK(sam.by_document[0].hits == 3);
}

TEST_CASE("a prefix matching hundreds of words finds each of them in its paragraph", "[search]") {
    Fixture f;
    std::string text;
    std::size_t words = 0;
    for (char a = 'a'; a <= 'z'; ++a) {
        for (char b = 'a'; b <= 'q'; ++b) {
            text += std::string("s") + a + b + (b == 'q' ? "\n" : " ");
            ++words;
        }
    }
    text += "Xylophone sounds.\n";
    f.project.add_document("Gamma", text);
    Index index(f.project);
    // Alpha: sessions; Beta: Sam (twice), safety, school; Gamma: the generated words and
    // "sounds".
    const SearchResults all = search(index, "s*", 0, 10000, true);
    CHECK(*all.total_hits == words + 1 + 1 + 4);
    CHECK(f.found(index, "s* xylophone") == Found{"Gamma:Xylophone", "Gamma:sounds"});
    CHECK(f.found(index, "sab NEAR/0 s*") == Found{"Gamma:saa", "Gamma:sab", "Gamma:sac"});
}
