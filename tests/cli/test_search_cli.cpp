// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/text/unicode.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using nlohmann::json;
using quire::test::cli;
using quire::test::CliResult;
using Scratch = quire::test::ScratchDir;

namespace {

json run_json(std::vector<std::string> args) {
    args.push_back("--json");
    const CliResult r = cli(args);
    INFO(r.err);
    REQUIRE(r.status == 0);
    return json::parse(r.out);
}

struct Project {
    Scratch dir;
    std::string path = dir.path("p.quire");
    Project() {
        REQUIRE(cli({"new", path}).status == 0);
        const std::string a = dir.write(
            "Zoe.txt",
            "Interviewer: What worries you?\r\nZo\u00EB: Na\u00EFve trust \U0001F642 and risks "
            "online.\r\n");
        const std::string b =
            dir.write("Sam.txt", "Interviewer: And you?\nSam: The caf\u00E9 is a risk.\n");
        const CliResult r = cli({"import", path, a, b, "--attr", "role=referrer"});
        INFO(r.err);
        REQUIRE(r.status == 0);
    }
};

}  // namespace

TEST_CASE("quire-cli search prints hits with code-point ranges that slice the stored text",
          "[cli][search]") {
    Project p;
    const json j = run_json({"search", p.path, "naive OR cafe"});
    REQUIRE(j.at("hits").size() == 2);
    for (const json& h : j.at("hits")) {
        for (const char* key : {"document", "start", "end", "snippet", "score"}) {
            CHECK(h.contains(key));
        }
        const json text = run_json({"text", p.path, h.at("document").get<std::string>()});
        const std::string word =
            quire::text::slice(text.at("text").get<std::string>(),
                               h.at("start").get<std::int64_t>(), h.at("end").get<std::int64_t>());
        CHECK((word == "Na\u00EFve" || word == "caf\u00E9"));
        CHECK_THAT(h.at("snippet").get<std::string>(), Catch::Contains("**" + word + "**"));
    }
    CHECK(j.at("more") == false);

    const CliResult text = cli({"search", p.path, "risk", "--doc", "Sam"});
    REQUIRE(text.status == 0);
    CHECK(text.out == "Sam\t41:45\tSam: The caf\u00E9 is a **risk**.\n");
}

TEST_CASE("quire-cli search filters, counts and pages", "[cli][search]") {
    Project p;
    CHECK(run_json({"search", p.path, "risk", "--attr", "role=referrer"}).at("hits").size() == 2);
    CHECK(run_json({"search", p.path, "risk", "--limit", "1"}).at("more") == true);
    const json counted = run_json({"search", p.path, "risk", "--count"});
    CHECK(counted.at("total_hits") == 2);
    CHECK(counted.at("total_documents") == 2);
    CHECK(counted.at("facets").at("documents").size() == 2);
    const CliResult counted_only = cli({"search", p.path, "risk", "--count", "--limit", "0"});
    CHECK(counted_only.out.find("2 hits in 2 documents") != std::string::npos);
    CHECK(counted_only.out.find("no hits") == std::string::npos);
    const CliResult none = cli({"search", p.path, "elephant"});
    CHECK(none.status == 0);
    CHECK(none.out == "no hits\n");
}

TEST_CASE("quire-cli search refuses malformed queries and unknown filters in one line",
          "[cli][search]") {
    Project p;
    const CliResult bad = cli({"search", p.path, "\"risk"});
    CHECK(bad.status == 4);
    CHECK(bad.err == "quire-cli: malformed query: unclosed quote at character 1\n");
    const CliResult unknown = cli({"search", p.path, "risk", "--code", "Nothing"});
    CHECK(unknown.status == 3);
    const CliResult missing = cli({"search", p.path});
    CHECK(missing.status == 2);
}

TEST_CASE("quire-cli search --apply-code codes every hit in one go", "[cli][search]") {
    Project p;
    REQUIRE(cli({"code", "add", p.path, "Risk"}).status == 0);
    const json done = run_json({"search", p.path, "risk", "--apply-code", "Risk", "--as", "Alex",
                                "--spread", "paragraph"});
    CHECK(done.at("added") == 2);
    const json segments = run_json({"segments", p.path, "--code", "Risk"});
    REQUIRE(segments.size() == 2);
    CHECK(cli({"search", p.path, "risk", "--apply-code", "Risk"}).status == 2);  // no --as
    CHECK(cli({"search", p.path, "risk", "--as", "Alex"}).status == 2);
}

TEST_CASE("quire-cli index reports and rebuilds, deleting a document updates the index",
          "[cli][search]") {
    Project p;
    const json before = run_json({"index", p.path});
    CHECK(before.at("documents") == 2);
    CHECK(before.at("rebuilt") == false);  // the import built it
    const CliResult rebuilt = cli({"index", p.path, "--rebuild"});
    REQUIRE(rebuilt.status == 0);
    CHECK_THAT(rebuilt.err, Catch::Contains("indexing: 2/2 documents"));
    CHECK_THAT(rebuilt.out, Catch::StartsWith("built the index"));
    std::filesystem::remove_all(before.at("folder").get<std::string>());
    CHECK(run_json({"search", p.path, "risk"}).at("hits").size() == 2);

    REQUIRE(cli({"docs", p.path, "--delete", "Sam"}).status == 0);
    CHECK(run_json({"search", p.path, "cafe"}).at("hits").empty());
    CHECK(run_json({"index", p.path}).at("documents") == 1);
}

TEST_CASE("quire-cli index --check says a sound index is sound", "[cli][search]") {
    Project p;
    const CliResult r = cli({"index", p.path, "--check"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::StartsWith("checked every table and document: the index is sound"));
    const json j = run_json({"index", p.path, "--check"});
    CHECK(j.at("damage").is_null());
    CHECK(j.at("rebuilt") == false);
    CHECK(cli({"index", p.path, "--check", "--rebuild"}).status == 2);
}

TEST_CASE("quire-cli index --prune removes the index of a project that is gone, only",
          "[cli][search]") {
    Project kept;
    Project gone;
    const std::string gone_folder = run_json({"index", gone.path}).at("folder");
    const std::string kept_folder = run_json({"index", kept.path}).at("folder");
    std::filesystem::remove(gone.path);
    // Other tests of this program may have left indexes of their own scratch projects in
    // the program's cache: only this test's two are looked at.
    const json j = run_json({"index", "--prune"});
    bool removed_gone = false;
    for (const json& r : j.at("removed")) {
        CHECK(r.at("folder") != kept_folder);
        if (r.at("folder") == gone_folder) {
            removed_gone = true;
            CHECK_THAT(r.at("reason").get<std::string>(), Catch::Contains("is gone"));
        }
    }
    CHECK(removed_gone);
    CHECK(std::filesystem::exists(kept_folder));
    CHECK_FALSE(std::filesystem::exists(gone_folder));
    // It works on every cached index: naming a project, or mixing in --check, is a mistake.
    const CliResult with_project = cli({"index", kept.path, "--prune"});
    CHECK(with_project.status == 2);
    CHECK_THAT(with_project.err, Catch::Contains("takes no project"));
    CHECK(cli({"index", "--prune", "--check"}).status == 2);
}

TEST_CASE("quire-cli info --language sets the stemming language", "[cli][search]") {
    Project p;
    CHECK(run_json({"info", p.path, "--language", "FR"}).at("language") == "fr");
    CHECK(cli({"info", p.path, "--language", "French!"}).status == 4);
}

namespace {

// Points XDG_CACHE_HOME elsewhere for one test, and back afterwards.
class CacheHome {
public:
    explicit CacheHome(const std::string& dir) {
        if (const char* now = std::getenv("XDG_CACHE_HOME")) {
            saved_ = now;
        }
        setenv("XDG_CACHE_HOME", dir.c_str(), 1);
    }
    ~CacheHome() {
        if (saved_) {
            setenv("XDG_CACHE_HOME", saved_->c_str(), 1);
        } else {
            unsetenv("XDG_CACHE_HOME");
        }
    }
    CacheHome(const CacheHome&) = delete;
    CacheHome& operator=(const CacheHome&) = delete;

private:
    std::optional<std::string> saved_;
};

}  // namespace

TEST_CASE("quire-cli exits 8 with one line when the search index cannot be created",
          "[cli][search]") {
    Project p;
    Scratch cache;
    // A file where the index folder belongs: no permission bits involved, so root fails too.
    cache.write("quire/index", "not a folder");
    const CacheHome home(cache.dir().string());

    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"index", p.path}, {"search", p.path, "risk"}}) {
        const CliResult r = cli(args);
        CHECK(r.status == 8);
        CHECK(r.out.empty());
        CHECK_THAT(r.err, Catch::StartsWith("quire-cli: cannot create the search index folder"));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }

    // The index is a cache: an import still succeeds, with a warning.
    const CliResult imported =
        cli({"import", p.path, p.dir.write("Ann.txt", "Ann: no risk here.\n")});
    CHECK(imported.status == 0);
    CHECK_THAT(imported.err, Catch::Contains("imported, but the search index was not updated"));
}

TEST_CASE("quire-cli exits 8 when the cache folder itself cannot be created", "[cli][search]") {
    Project p;
    Scratch cache;
    // XDG_CACHE_HOME names a file: not even the per-user cache folder can be made.
    cache.write("not-a-folder", "a file");
    const CacheHome home((cache.dir() / "not-a-folder").string());
    const CliResult r = cli({"search", p.path, "risk"});
    CHECK(r.status == 8);
    CHECK(r.out.empty());
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}
