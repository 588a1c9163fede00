// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "search/search.h"
#include "tests/search/index_fixture.h"

namespace fs = std::filesystem;
using quire::Id;
using quire::search::Hit;
using quire::search::Index;
using quire::search::IndexOptions;
using quire::search::SearchRequest;
using quire::search::SearchResults;
using quire::search::test::Fixture;
using quire::search::test::Found;

namespace {

// Adds `count` short transcripts, each with its own word ("wordN") and one shared one.
void add_transcripts(quire::Project& project, int count, int first = 0) {
    for (int i = first; i < first + count; ++i) {
        project.add_document("T" + std::to_string(i),
                             "Interviewer: Tell me about word" + std::to_string(i) +
                                 ".\nParticipant: Shared words, caf\u00E9 and risk " +
                                 std::to_string(i) + ".\n");
    }
}

// An index in the fixture's folder, built by `threads` threads (0: one per core).
IndexOptions options_in(const Fixture& f, const std::string& name, int threads = 0) {
    IndexOptions options;
    options.folder = f.dir.path(name);
    options.threads = threads;
    return options;
}

std::size_t hits_of(Index& index, const std::string& query) {
    SearchRequest r;
    r.query = query;
    r.count_all = true;
    r.limit = 0;
    return *index.search(r).total_hits;
}

// Everything a caller sees of every hit of a query.
std::vector<std::string> seen(Index& index, const std::string& query) {
    SearchRequest r;
    r.query = query;
    r.limit = 10000;
    r.count_all = true;
    const SearchResults res = index.search(r);
    std::vector<std::string> out;
    for (const Hit& h : res.hits) {
        out.push_back(std::to_string(h.document) + " " + std::to_string(h.range.start) + "-" +
                      std::to_string(h.range.end) + " " + std::to_string(h.paragraph.start) + "-" +
                      std::to_string(h.paragraph.end) + " " + h.snippet);
    }
    for (const auto& facet : res.by_document) {
        out.push_back(facet.name + " " + std::to_string(facet.hits));
    }
    return out;
}

}  // namespace

TEST_CASE("an index built by one thread or by several is the same to search", "[search]") {
    Fixture f;
    add_transcripts(f.project, 41);
    Index a(f.project, options_in(f, "one", 1));
    Index b(f.project, options_in(f, "three", 3));
    CHECK(a.opened().rebuilt);
    CHECK(b.opened().rebuilt);
    CHECK(a.opened().added == 43);
    CHECK(b.opened().added == 43);
    CHECK(a.stats().documents == b.stats().documents);
    CHECK(a.stats().words == b.stats().words);
    CHECK(a.stats().text_bytes == b.stats().text_bytes);
    for (const char* q : {"risk", "cafe", "word17", "\"shared words\"", "word* NEAR/2 tell",
                          "risk -family", "shar*"}) {
        CAPTURE(q);
        CHECK(seen(a, q) == seen(b, q));
    }
    CHECK(hits_of(b, "shared") == 41);
    CHECK(hits_of(b, "word40") == 1);
}

TEST_CASE("building reports progress from nothing to every document", "[search]") {
    Fixture f;
    add_transcripts(f.project, 30);
    const IndexOptions options = options_in(f, "index", 2);
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    Index index(f.project, options, [&](std::size_t done, std::size_t total) {
        calls.emplace_back(done, total);
        return true;
    });
    REQUIRE(calls.size() >= 2);
    CHECK(calls.front() == std::make_pair<std::size_t, std::size_t>(0, 32));
    CHECK(calls.back() == std::make_pair<std::size_t, std::size_t>(32, 32));
    for (std::size_t i = 1; i < calls.size(); ++i) {
        CHECK(calls[i].second == 32);
        CHECK(calls[i].first <= 32);
    }
}

TEST_CASE("a build cancelled halfway leaves nothing, and the next one is complete", "[search]") {
    Fixture f;
    add_transcripts(f.project, 40);
    const IndexOptions options = options_in(f, "index", 2);
    int calls = 0;
    CHECK_THROWS_AS(
        Index(f.project, options, [&](std::size_t, std::size_t) { return ++calls < 10; }),
        quire::Cancelled);
    CHECK(calls == 10);
    CHECK_FALSE(fs::exists(options.folder));
    CHECK_FALSE(fs::exists(options.folder + ".new"));
    Index index(f.project, options);
    CHECK(index.opened().rebuilt);
    CHECK(index.opened().reason == "there was no index yet");
    CHECK(index.stats().documents == 42);
    CHECK(hits_of(index, "shared") == 40);
    CHECK(f.found(index, "cafe").size() == 41);
}

TEST_CASE("a cancelled rebuild keeps the index that was there", "[search]") {
    Fixture f;
    add_transcripts(f.project, 20);
    const IndexOptions options = options_in(f, "index");
    Index index(f.project, options);
    int calls = 0;
    CHECK_THROWS_AS(index.rebuild([&](std::size_t, std::size_t) { return ++calls < 5; }),
                    quire::Cancelled);
    CHECK_FALSE(fs::exists(options.folder + ".new"));
    CHECK(index.stats().documents == 22);
    CHECK(hits_of(index, "shared") == 20);
    Index again(f.project, options);
    CHECK_FALSE(again.opened().rebuilt);
    CHECK(f.found(again, "word7") == Found{"T7:word7"});
}

TEST_CASE("a cancelled update keeps the index usable and the next search adds the rest",
          "[search]") {
    Fixture f;
    const IndexOptions options = options_in(f, "index");
    Index index(f.project, options);
    add_transcripts(f.project, 5);
    int calls = 0;
    CHECK_THROWS_AS(index.update([&](std::size_t, std::size_t) { return ++calls < 3; }),
                    quire::Cancelled);
    CHECK(calls == 3);
    // Nothing of the cancelled update was committed: the search finds the index behind the
    // project and catches up.
    CHECK(f.found(index, "word4") == Found{"T4:word4"});
    CHECK(hits_of(index, "shared") == 5);
    CHECK(index.stats().documents == 7);
    const auto report = index.update();
    CHECK(report.added + report.removed == 0);
}

TEST_CASE("a thread that fails during a build reports its own error", "[search]") {
    Fixture f;
    add_transcripts(f.project, 20);
    const IndexOptions options = options_in(f, "index", 2);
    // Before the threads start, a file takes the place of the second thread's database in
    // the rebuild's own folder ("index.build-<pid>-<n>").
    const auto build_folders = [&] {
        std::vector<fs::path> found;
        for (const auto& e : fs::directory_iterator(f.dir.dir())) {
            if (e.path().filename().string().rfind("index.build-", 0) == 0) {
                found.push_back(e.path());
            }
        }
        return found;
    };
    bool planted = false;
    const auto plant = [&](std::size_t, std::size_t) {
        if (!planted) {
            const std::vector<fs::path> folders = build_folders();
            if (folders.size() == 1) {
                std::ofstream(folders[0] / "shard1") << "not a database";
                planted = true;
            }
        }
        return true;
    };
    CHECK_THROWS_AS(Index(f.project, options, plant), quire::SearchIndexError);
    CHECK(planted);
    CHECK(build_folders().empty());
    Index index(f.project, options);
    CHECK(index.opened().rebuilt);
    CHECK(hits_of(index, "shared") == 20);
}
