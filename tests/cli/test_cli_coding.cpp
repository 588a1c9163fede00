// SPDX-License-Identifier: GPL-3.0-or-later
// Coding from the command line, and exchanging codings, segments and codebooks.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/cli.h"
#include "core/project/project.h"
#include "core/text/unicode.h"
#include "tests/support/cli_helpers.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

namespace fs = std::filesystem;
using nlohmann::json;
using Scratch = quire::test::ScratchDir;
using quire::test::cli;
using quire::test::CliResult;
using quire::test::is_one_line;
using quire::test::kInterview;
using quire::test::kMixed;
using quire::test::lines_of;
using quire::test::ok;
using quire::test::ok_json;
using quire::test::project_with_mixed_document;

// --- coding -----------------------------------------------------------------------------

TEST_CASE("code apply --range codes the given code points", "[cli][coding]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Talk"});
    const json r = ok_json({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder",
                            "Ann", "--range", "10:17"});
    REQUIRE(r.size() == 1);
    CHECK(r[0].at("start") == 10);
    CHECK(r[0].at("end") == 17);
    CHECK(r[0].at("existed") == false);
    CHECK(r[0].at("coder") == "Ann");
    const json again = ok_json({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder",
                                "Ann", "--range", "10:17"});
    CHECK(again[0].at("existed") == true);
    CHECK(ok({"codings", "export", p}) == "document,coder,code,start,end\nmixed,Ann,Talk,10,17\n");
}

TEST_CASE("code apply --match returns offsets that slice the stored text exactly",
          "[cli][coding]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Cafe"});
    ok({"code", "add", p, "World"});
    const std::string text = ok({"text", p, "mixed"});
    REQUIRE(text == kMixed);

    const json cafe = ok_json({"code", "apply", p, "--doc", "mixed", "--code", "Cafe", "--coder",
                               "Ann", "--match", "caf\u00E9"});
    REQUIRE(cafe.size() == 1);  // "Café" at the start differs in case
    // A decomposed needle finds the same NFC text.
    const json decomposed = ok_json({"code", "apply", p, "--doc", "mixed", "--code", "Cafe",
                                     "--coder", "Ben", "--match",
                                     "Caf"
                                     "e\u0301"});
    REQUIRE(decomposed.size() == 1);
    const json world = ok_json({"code", "apply", p, "--doc", "mixed", "--code", "World", "--coder",
                                "Ann", "--match", "\u4E16\u754C \u2014 \u0645\u0631"});
    REQUIRE(world.size() == 1);

    CHECK(quire::text::slice(text, cafe[0].at("start"), cafe[0].at("end")) == "caf\u00E9");
    CHECK(quire::text::slice(text, decomposed[0].at("start"), decomposed[0].at("end")) ==
          "Caf\u00E9");
    CHECK(decomposed[0].at("start") == 0);
    CHECK(quire::text::slice(text, world[0].at("start"), world[0].at("end")) ==
          "\u4E16\u754C \u2014 \u0645\u0631");
    CHECK(world[0].at("start") == 19);
    CHECK(world[0].at("end") == 26);
}

TEST_CASE("code apply --match codes every occurrence", "[cli][coding]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    ok({"import", p, s.write("d.txt", "\U0001F600 yes, no, yes \u00E9 yes.")});
    ok({"code", "add", p, "Yes"});
    const json r = ok_json(
        {"code", "apply", p, "--doc", "d", "--code", "Yes", "--coder", "Ann", "--match", "yes"});
    REQUIRE(r.size() == 3);
    const std::string text = ok({"text", p, "d"});
    for (const auto& coding : r) {
        CHECK(quire::text::slice(text, coding.at("start"), coding.at("end")) == "yes");
    }
    CHECK(r[2].at("start") == 17);
}

TEST_CASE("code apply with text that does not occur fails and codes nothing", "[cli][coding]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Talk"});
    const CliResult r = cli({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder",
                             "Ann", "--match", "absent words"});
    CHECK(r.status == 3);
    CHECK(is_one_line(r.err));
    CHECK(ok_json({"coders", p}).empty());
}

TEST_CASE("code apply out of range fails and leaves the project unchanged", "[cli][coding]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Talk"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder", "Ann", "--range",
        "0:4"});
    const std::string before = ok({"codings", "export", p});
    const auto length = quire::text::code_point_count(kMixed);
    for (const std::string& range : {"0:" + std::to_string(length + 1), std::string("5:5"),
                                     std::string("9:3"), std::string("-1:3")}) {
        INFO(range);
        const CliResult r = cli({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder",
                                 "Zoe", "--range", range});
        CHECK(r.status == 4);
        CHECK(is_one_line(r.err));
        CHECK(r.out.empty());
    }
    CHECK(ok({"codings", "export", p}) == before);
    // The coder named in the failed commands was not created either.
    CHECK(ok_json({"coders", p}).size() == 1);
    CHECK(cli({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder", "Ann", "--range",
               "0:" + std::to_string(length)})
              .status == 0);
}

TEST_CASE("code apply with an unknown document or code fails with not found", "[cli][coding]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Talk"});
    CHECK(cli({"code", "apply", p, "--doc", "nope", "--code", "Talk", "--coder", "Ann", "--range",
               "0:1"})
              .status == 3);
    CHECK(cli({"code", "apply", p, "--doc", "mixed", "--code", "Nope", "--coder", "Ann", "--range",
               "0:1"})
              .status == 3);
    CHECK(ok({"codings", "export", p}) == "document,coder,code,start,end\n");
}

TEST_CASE("codings remove deletes one coding", "[cli][coding]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Talk"});
    const json r = ok_json({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder",
                            "Ann", "--range", "0:4"});
    const std::string id = std::to_string(r[0].at("id").get<long long>());
    ok({"codings", "remove", p, id});
    CHECK(ok({"codings", "export", p}) == "document,coder,code,start,end\n");
    CHECK(cli({"codings", "remove", p, id}).status == 3);
}

// --- exchange ---------------------------------------------------------------------------

namespace {

// The mixed document with a small codebook and codings from two coders.
std::string coded_project(const Scratch& s, const std::string& name) {
    const std::string p = project_with_mixed_document(s, name);
    ok({"code", "add", p, "Places, \"venues\""});
    ok({"code", "add", p, "Cafe", "--parent", "Places, \"venues\""});
    ok({"code", "add", p, "World"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Places, \"venues\"/Cafe", "--coder", "Ann",
        "--match", "caf\u00E9"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "World", "--coder", "Ben \"B\", Jones",
        "--range", "19:28"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "World", "--coder", "Ann", "--range",
        "17:26"});
    return p;
}

}  // namespace

TEST_CASE("codings export writes the CSV header and one row per coding", "[cli][exchange]") {
    Scratch s;
    const std::string p = coded_project(s, "p.quire");
    const std::string csv = ok({"codings", "export", p});
    const auto lines = lines_of(csv);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "document,coder,code,start,end");
    CHECK(csv.find("\"Places, \"\"venues\"\"/Cafe\"") != std::string::npos);
    CHECK(csv.find("\"Ben \"\"B\"\", Jones\"") != std::string::npos);
}

TEST_CASE("codings export --json carries the coded text", "[cli][exchange]") {
    Scratch s;
    const std::string p = coded_project(s, "p.quire");
    const std::string text = ok({"text", p, "mixed"});
    const json j = ok_json({"codings", "export", p});
    REQUIRE(j.size() == 3);
    for (const auto& c : j) {
        for (const char* key : {"document", "coder", "code", "start", "end", "id", "guid",
                                "created_at", "memo", "text"}) {
            CHECK(c.contains(key));
        }
        CHECK(c.at("text") == quire::text::slice(text, c.at("start"), c.at("end")));
    }
}

TEST_CASE("exported codings imported into a fresh project export identically", "[cli][exchange]") {
    Scratch s;
    const std::string first = coded_project(s, "first.quire");
    const std::string exported = ok({"codings", "export", first});
    const std::string csv = s.write("codings.csv", exported);

    const std::string second = s.path("second.quire");
    ok({"new", second});
    ok({"import", second, s.path("mixed.txt")});
    ok({"code", "add", second, "Places, \"venues\""});
    ok({"code", "add", second, "Cafe", "--parent", "Places, \"venues\""});
    ok({"code", "add", second, "World"});
    const json r = ok_json({"codings", "import", second, csv});
    CHECK(r.at("added") == 3);
    CHECK(r.at("already_present") == 0);
    CHECK(ok({"codings", "export", second}) == exported);
    const json again = ok_json({"codings", "import", second, csv});
    CHECK(again.at("added") == 0);
    CHECK(again.at("already_present") == 3);
}

TEST_CASE("codings import with a bad row adds nothing", "[cli][exchange]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Talk"});
    const std::string csv = s.write("bad.csv",
                                    "document,coder,code,start,end\n"
                                    "mixed,Ann,Talk,0,4\n"
                                    "mixed,Ann,Talk,4,99999\n");
    const CliResult r = cli({"codings", "import", p, csv});
    CHECK(r.status == 4);
    CHECK(is_one_line(r.err));
    CHECK(r.err.find("row 3") != std::string::npos);
    CHECK(ok({"codings", "export", p}) == "document,coder,code,start,end\n");
    CHECK(ok_json({"coders", p}).empty());
}

TEST_CASE("segments --json text equals the slice of the stored text", "[cli][exchange]") {
    Scratch s;
    const std::string p = coded_project(s, "p.quire");
    const std::string text = ok({"text", p, "mixed"});
    const json all = ok_json({"segments", p, "--code", "World", "--context", "4"});
    REQUIRE(all.size() == 2);
    for (const auto& seg : all) {
        const std::int64_t start = seg.at("start");
        const std::int64_t end = seg.at("end");
        CHECK(seg.at("text") == quire::text::slice(text, start, end));
        CHECK(seg.at("before") ==
              quire::text::slice(text, std::max<std::int64_t>(0, start - 4), start));
        CHECK(seg.at("after") == quire::text::slice(text, end, end + 4));
        CHECK(seg.at("code") == "World");
    }
    const json ann = ok_json({"segments", p, "--code", "World", "--coder", "Ann"});
    REQUIRE(ann.size() == 1);
    CHECK(ann[0].at("start") == 17);
    // A parent code's segments include its children's.
    const json places = ok_json({"segments", p, "--code", "Places, \"venues\""});
    REQUIRE(places.size() == 1);
    CHECK(places[0].at("text") == "caf\u00E9");
}

TEST_CASE("segments takes several codes, coders and documents, as Retrieved Segments does",
          "[cli][exchange]") {
    Scratch s;
    const std::string p = coded_project(s, "p.quire");
    const json both = ok_json({"segments", p, "--code", "World", "--code", "Cafe"});
    REQUIRE(both.size() == 3);
    CHECK(std::count_if(both.begin(), both.end(), [](const json& seg) {
              return seg.at("code") == "Places, \"venues\"/Cafe";
          }) == 1);
    const json two_coders = ok_json(
        {"segments", p, "--code", "World", "--coder", "Ann", "--coder", "Ben \"B\", Jones"});
    CHECK(two_coders.size() == 2);
    const json ann =
        ok_json({"segments", p, "--code", "World", "--code", "Cafe", "--coder", "Ann"});
    CHECK(ann.size() == 2);
    CHECK(ok_json({"segments", p, "--code", "World", "--doc", "mixed", "--doc", "mixed"}).size() ==
          2);
    // --exact keeps a parent code to its own codings, here none.
    CHECK(ok_json({"segments", p, "--code", "Places, \"venues\"", "--exact"}).empty());
    const std::string csv = ok({"segments", p, "--code", "World", "--code", "Cafe", "--csv"});
    CHECK(lines_of(csv).size() == 4);
}
