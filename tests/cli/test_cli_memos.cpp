// SPDX-License-Identifier: GPL-3.0-or-later
// Memos from the command line: memo add, edit and remove, and memos listing and exporting.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/project/project.h"
#include "tests/support/cli_helpers.h"
#include "tests/support/cli_runner.h"
#include "tests/support/project_helpers.h"
#include "tests/support/scratch.h"

namespace fs = std::filesystem;
using nlohmann::json;
using Scratch = quire::test::ScratchDir;
using quire::test::cli;
using quire::test::CliResult;
using quire::test::is_one_line;
using quire::test::lines_of;
using quire::test::ok;
using quire::test::ok_json;
using quire::test::project_with_mixed_document;
using quire::test::read_bytes;

namespace {

// The mixed document with a code "Family/Parents", a coding (id 1) and a case "Pupil A".
std::string memo_project(const Scratch& s) {
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Family"});
    ok({"code", "add", p, "Parents", "--parent", "Family"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Parents", "--coder", "Ann", "--range",
        "0:4"});
    quire::Project::open(p).ensure_case("Pupil A");
    return p;
}

}  // namespace

TEST_CASE("memo add attaches a memo to the project, a document, a code, a coding or a case",
          "[cli][memos]") {
    Scratch s;
    const std::string p = memo_project(s);
    CHECK(ok({"memo", "add", p, "--project", "Code the pilot first."}) ==
          "added memo 1 to project \"p\"\n");
    CHECK(ok({"memo", "add", p, "--doc", "mixed", "--author", "Bea", "Recorded at school."}) ==
          "added memo 2 to document \"mixed\"\n");
    CHECK(ok({"memo", "add", p, "--code", "Family/Parents", "--title", "Scope", "One or both."}) ==
          "added memo 3 to code \"Family/Parents\"\n");
    CHECK(ok({"memo", "add", p, "--coding", "1", "Hesitant."}) ==
          "added memo 4 to coding \"coding 1 in mixed\"\n");
    const json j = ok_json({"memo", "add", p, "--case", "Pupil A", "Cafe\u0301 at nine."});
    CHECK(j["id"] == 5);
    CHECK(j["kind"] == "case");
    CHECK(j["attached_to"] == "Pupil A");
    CHECK(j["author"].is_null());
    CHECK(j["text"] == "Caf\u00E9 at nine.");  // stored NFC

    const json all = ok_json({"memos", p});
    REQUIRE(all.size() == 5);
    CHECK(all[1]["author"] == "Bea");
    CHECK(all[2]["title"] == "Scope");
    CHECK(all[3]["target_id"] == 1);
    for (const char* key : {"id", "guid", "kind", "target_id", "attached_to", "author", "title",
                            "text", "created_at", "updated_at"}) {
        CHECK(all[0].contains(key));
    }
    CHECK(ok_json({"coders", p}).size() == 2);  // Bea was created as the author
}

TEST_CASE("memo add refuses a wrong target, empty text or bad usage and changes nothing",
          "[cli][memos]") {
    Scratch s;
    const std::string p = memo_project(s);
    ok({"memo", "add", p, "--project", "keep"});
    const std::string before = read_bytes(p);
    const std::vector<std::pair<std::vector<std::string>, int>> failures = {
        {{"memo", "add", p, "--project", ""}, 4},
        {{"memo", "add", p, "--project", " \n "}, 4},
        {{"memo", "add", p, "--doc", "nope", "x"}, 3},
        {{"memo", "add", p, "--code", "nope", "x"}, 3},
        {{"memo", "add", p, "--coding", "99", "x"}, 3},
        {{"memo", "add", p, "--case", "nope", "--author", "Zed", "x"}, 3},
        {{"memo", "add", p, "x"}, 2},
        {{"memo", "add", p, "--project", "--doc", "mixed", "x"}, 2},
        {{"memo", "add", p, "--project"}, 2},
        {{"memo", "add", p, "--project", "x", "--colour", "red"}, 2},
        {{"memo", "add", s.path("missing.quire"), "--project", "x"}, 7},
    };
    for (const auto& [args, status] : failures) {
        const CliResult r = cli(args);
        INFO(r.err);
        CHECK(r.status == status);
        CHECK(is_one_line(r.err));
        CHECK(r.out.empty());
    }
    CHECK(read_bytes(p) == before);
    CHECK(ok_json({"coders", p}).size() == 1);  // Zed was not created
}

TEST_CASE("memo edit replaces the text and title, memo remove deletes", "[cli][memos]") {
    Scratch s;
    const std::string p = memo_project(s);
    ok({"memo", "add", p, "--doc", "mixed", "--title", "Context", "first"});
    ok({"memo", "add", p, "--project", "other"});
    CHECK(ok({"memo", "edit", p, "1", "second\nline"}) == "updated memo 1\n");
    json j = ok_json({"memos", p});
    CHECK(j[0]["text"] == "second\nline");
    CHECK(j[0]["title"] == "Context");
    ok({"memo", "edit", p, "1", "third", "--title", "New"});
    j = ok_json({"memos", p});
    CHECK(j[0]["title"] == "New");

    const std::string before = read_bytes(p);
    for (const auto& [args, status] :
         std::vector<std::pair<std::vector<std::string>, int>>{{{"memo", "edit", p, "1", ""}, 4},
                                                               {{"memo", "edit", p, "9", "x"}, 3},
                                                               {{"memo", "edit", p, "one", "x"}, 2},
                                                               {{"memo", "edit", p, "1"}, 2},
                                                               {{"memo", "remove", p, "9"}, 3},
                                                               {{"memo", "remove", p}, 2},
                                                               {{"memo", "rename", p, "1"}, 2}}) {
        const CliResult r = cli(args);
        INFO(r.err);
        CHECK(r.status == status);
        CHECK(is_one_line(r.err));
    }
    CHECK(read_bytes(p) == before);

    CHECK(ok({"memo", "remove", p, "1"}) == "removed memo 1\n");
    j = ok_json({"memos", p});
    REQUIRE(j.size() == 1);
    CHECK(j[0]["id"] == 2);
}

TEST_CASE("memos lists one line each and filters by kind, author and words", "[cli][memos]") {
    Scratch s;
    const std::string p = memo_project(s);
    ok({"memo", "add", p, "--project", "--author", "Ann", "Plan the Pilot.\nThen the rest."});
    ok({"memo", "add", p, "--code", "Parents", "--author", "Bea", "Pilot parents only."});
    ok({"memo", "add", p, "--case", "Pupil A", "Year 9."});

    const std::vector<std::string> lines = lines_of(ok({"memos", p}));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].rfind("1\tproject\tp\tAnn\t", 0) == 0);
    CHECK(lines[0].substr(lines[0].size() - 16) == "\tPlan the Pilot.");
    CHECK(lines[1].rfind("2\tcode\tFamily/Parents\tBea\t", 0) == 0);
    CHECK(lines[2].rfind("3\tcase\tPupil A\t-\t", 0) == 0);

    const auto ids = [&](std::vector<std::string> args) {
        std::vector<int> out;
        for (const json& m : ok_json(std::move(args))) {
            out.push_back(m["id"].get<int>());
        }
        return out;
    };
    CHECK(ids({"memos", p, "--kind", "code"}) == std::vector<int>{2});
    CHECK(ids({"memos", p, "--kind", "coding"}).empty());
    CHECK(ids({"memos", p, "--author", "Ann"}) == std::vector<int>{1});
    CHECK(ids({"memos", p, "--text", "PILOT"}) == std::vector<int>{1, 2});
    CHECK(ids({"memos", p, "--text", "pilot rest"}) == std::vector<int>{1});
    CHECK(ids({"memos", p, "--text", "pilot", "--kind", "code", "--author", "Bea"}) ==
          std::vector<int>{2});

    CHECK(cli({"memos", p, "--kind", "note"}).status == 2);
    CHECK(cli({"memos", p, "--author", "Nobody"}).status == 3);
    CHECK(cli({"memos", p, "--md", "--csv"}).status == 2);
    CHECK(cli({"memos", p, "--csv", "--kind", "code"}).status == 2);
    CHECK(cli({"memos", p, "--force"}).status == 2);
    CHECK(cli({"memos", s.path("missing.quire")}).status == 7);
}

TEST_CASE("memos exports every memo as Markdown, CSV or a workbook", "[cli][memos]") {
    Scratch s;
    const std::string p = memo_project(s);
    ok({"memo", "add", p, "--code", "Parents", "--title", "Scope", "+1 both parents"});
    ok({"memo", "add", p, "--project", "Plan."});

    const std::string md = ok({"memos", p, "--md"});
    CHECK(md.rfind("# Memos: p\n", 0) == 0);
    CHECK(md.find("## Project\n") < md.find("## Codes\n"));
    CHECK(md.find("### Family/Parents: Scope\n") != std::string::npos);

    const std::vector<std::string> csv = lines_of(ok({"memos", p, "--csv"}));
    REQUIRE(csv.size() == 3);
    CHECK(csv[0] == "id,kind,attached to,author,title,created,updated,text");
    CHECK(csv[1].rfind("1,code,Family/Parents,,Scope,", 0) == 0);
    CHECK(csv[1].find(",\"'+1 both parents\"") != std::string::npos);  // no formula

    const std::string xlsx = s.path("memos.xlsx");
    CHECK(ok({"memos", p, "--xlsx", xlsx}) == "wrote " + xlsx + "\n");
    CHECK(read_bytes(xlsx).rfind("PK", 0) == 0);
}

TEST_CASE("memos --xlsx refuses an existing file unless forced and never the project",
          "[cli][memos]") {
    Scratch s;
    const std::string p = memo_project(s);
    ok({"memo", "add", p, "--project", "Plan."});
    const std::string target = s.write("old.xlsx", "keep me");
    const CliResult refused = cli({"memos", p, "--xlsx", target});
    CHECK(refused.status == 5);
    CHECK(refused.err.find("--force") != std::string::npos);
    CHECK(read_bytes(target) == "keep me");
    CHECK(ok({"memos", p, "--xlsx", target, "--force"}) == "wrote " + target + "\n");
    CHECK(read_bytes(target).rfind("PK", 0) == 0);

    const std::string before = read_bytes(p);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"memos", p, "--xlsx", p},
          std::vector<std::string>{"memos", p, "--xlsx", p, "--force"}}) {
        const CliResult r = cli(args);
        INFO(r.err);
        CHECK(r.status != 0);
        CHECK(is_one_line(r.err));
    }
    CHECK(read_bytes(p) == before);
    CHECK_FALSE(fs::exists(s.path("no")));
}
