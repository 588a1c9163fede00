// SPDX-License-Identifier: GPL-3.0-or-later
#include <xapian.h>
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/project/project.h"
#include "core/text/unicode.h"
#include "search/search.h"
#include "search/tokenizer.h"
#include "tests/support/scratch.h"

using quire::Project;
using quire::search::Index;
using quire::search::IndexOptions;
using quire::search::SearchRequest;
using quire::search::Tokenizer;

namespace {

// Every letter of Latin-1 Supplement (U+00C0-U+00FF, without × and ÷) and Latin
// Extended-A (U+0100-U+017F) with the plain spelling a reader would type for it, written
// out here rather than asked of ICU, so that the test does not check ICU against itself.
std::vector<std::pair<char32_t, std::string>> latin_letters() {
    // One entry per code point from U+00C0, "" for the two signs that are not letters.
    const std::vector<std::string> supplement = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};
    // From U+0100, upper and lower case in pairs except where the block breaks the pattern.
    const std::vector<std::string> extended_a = {
        "a", "a", "a",  "a",  "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
        "d", "d", "e",  "e",  "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
        "g", "g", "g",  "g",  "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
        "i", "i", "ij", "ij", "j", "j", "k", "k", "q", "l", "l", "l", "l", "l", "l", "l",
        "l", "l", "l",  "n",  "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
        "s", "s", "t",  "t",  "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
        "u", "u", "u",  "u",  "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s"};
    std::vector<std::pair<char32_t, std::string>> out;
    for (std::size_t i = 0; i < supplement.size(); ++i) {
        if (!supplement[i].empty()) {
            out.emplace_back(static_cast<char32_t>(0xC0 + i), supplement[i]);
        }
    }
    for (std::size_t i = 0; i < extended_a.size(); ++i) {
        out.emplace_back(static_cast<char32_t>(0x100 + i), extended_a[i]);
    }
    return out;
}

std::string utf8(char32_t c) {
    std::string s;
    quire::text::append_utf8(s, c);
    return s;
}

}  // namespace

TEST_CASE("every Latin-1 and Latin Extended-A letter folds to plain ASCII letters", "[search]") {
    const auto letters = latin_letters();
    REQUIRE(letters.size() == 62 + 128);
    Tokenizer t;
    for (const auto& [c, plain] : letters) {
        const std::string word = "k" + utf8(c) + "w";
        INFO("U+" << std::hex << static_cast<unsigned>(c) << " " << word);
        const auto words = t.words(word);
        REQUIRE(words.size() == 1);
        CHECK(words[0].term == "k" + plain + "w");
        CHECK(t.fold(utf8(c)) == plain);
    }
}

TEST_CASE("letters that do not decompose are found by their plain spelling", "[search]") {
    Tokenizer t;
    CHECK(t.fold("\u0141ukasz") == "lukasz");
    CHECK(t.fold("\u0141\u00F3d\u017A") == "lodz");
    CHECK(t.fold("S\u00F8ren") == "soren");
    CHECK(t.fold("\u0110or\u0111e") == "dorde");
    CHECK(t.fold("\u00C6gir") == "aegir");
    CHECK(t.fold("\u0152uvre") == "oeuvre");
    CHECK(t.fold("\u00DEor") == "thor");
    CHECK(t.fold("\u0126al") == "hal");
    // Latin-ASCII writes small capitals as capitals; terms stay lower case.
    CHECK(t.fold("\u01A6\u0280") == "rr");
    // Catalan's ela geminada: the middle dot goes with the letters around it.
    CHECK(t.fold("col\u00B7legi") == "collegi");
    // Other scripts keep their letters.
    CHECK(t.fold("\u041B\u0451\u0448\u0430") == "\u043B\u0435\u0448\u0430");
    CHECK(t.fold("\u5150\u7AE5") == "\u5150\u7AE5");
}

TEST_CASE("search finds every Latin-1 and Latin Extended-A letter by its plain spelling",
          "[search]") {
    quire::test::ScratchDir dir;
    Project project = Project::create(dir.path("p.quire"), "Letters");
    const auto letters = latin_letters();
    std::string text;
    std::map<std::string, std::set<std::int64_t>> lines_of;  // plain spelling -> line starts
    for (const auto& [c, plain] : letters) {
        lines_of[plain].insert(quire::text::code_point_count(text));
        text += "zq" + utf8(c) + "qz\n";
    }
    const quire::Id doc = project.add_document("Letters", text).document.id;
    IndexOptions options;
    options.folder = dir.path("index");
    Index index(project, options);
    for (const auto& [plain, starts] : lines_of) {
        for (const std::string& query : {"zq" + plain + "qz", "\"zq" + plain + "qz\""}) {
            INFO(query);
            SearchRequest r;
            r.query = query;
            r.limit = 1000;
            std::set<std::int64_t> found;
            for (const auto& h : index.search(r).hits) {
                CHECK(h.document == doc);
                CHECK(h.range.end == h.range.start + 5);
                found.insert(h.range.start);
            }
            CHECK(found == starts);
        }
    }
}

TEST_CASE("an index written with the earlier folding is rebuilt when opened", "[search]") {
    quire::test::ScratchDir dir;
    Project project = Project::create(dir.path("p.quire"), "Names");
    project.add_document("A", "\u0141ukasz and S\u00F8ren met.\n");
    IndexOptions options;
    options.folder = dir.path("index");
    {
        Index index(project, options);
        CHECK(index.opened().rebuilt);
    }
    {
        // What Quire wrote before letters without a decomposition were folded.
        Xapian::WritableDatabase old(options.folder, Xapian::DB_OPEN);
        old.set_metadata("quire:format", "quire-search-1");
        old.commit();
    }
    Index index(project, options);
    CHECK(index.opened().rebuilt);
    CHECK(index.opened().reason == "the index was written by another version of Quire");
    SearchRequest r;
    r.query = "lukasz soren";
    CHECK(index.search(r).hits.size() == 2);
}
