// SPDX-License-Identifier: GPL-3.0-or-later
// codings edit (boundaries and recoding) and view (blind coding) from the command line.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "core/text/unicode.h"
#include "tests/support/cli_helpers.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using nlohmann::json;
using Scratch = quire::test::ScratchDir;
using quire::test::cli;
using quire::test::CliResult;
using quire::test::is_one_line;
using quire::test::ok;
using quire::test::ok_json;
using quire::test::project_with_mixed_document;

namespace {

// The mixed document coded once by Ann (coding 1, [0, 4)) with "Family".
std::string coded_project(const Scratch& s) {
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Family"});
    ok({"code", "add", p, "Trust"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Family", "--coder", "Ann", "--range",
        "0:4"});
    return p;
}

}  // namespace

TEST_CASE("codings edit moves a coding's boundaries and changes its code", "[cli][views]") {
    Scratch s;
    const std::string p = coded_project(s);
    const std::string guid = ok_json({"codings", "export", p})[0]["guid"];
    CHECK(ok({"codings", "edit", p, "1", "--range", "0:9"}) ==
          "coding 1 is now [0, 9) of \"mixed\" with \"Family\"\n");
    const json j = ok_json({"codings", "edit", p, "1", "--code", "Trust"});
    CHECK(j["code"] == "Trust");
    CHECK(j["start"] == 0);
    CHECK(j["end"] == 9);
    const json all = ok_json({"codings", "export", p});
    REQUIRE(all.size() == 1);
    CHECK(all[0]["guid"] == guid);
    CHECK(all[0]["text"] == "Caf\u00E9 talk");

    CHECK(cli({"codings", "edit", p, "1"}).status == 2);
    CHECK(cli({"codings", "edit", p, "1", "--range", "5:5"}).status == 4);
    CHECK(cli({"codings", "edit", p, "1", "--range", "0:100000"}).status == 4);
    CHECK(cli({"codings", "edit", p, "7", "--range", "0:1"}).status == 3);
    const CliResult unknown = cli({"codings", "edit", p, "1", "--code", "Nope"});
    CHECK(unknown.status == 3);
    CHECK(is_one_line(unknown.err));
    CHECK(ok_json({"codings", "export", p}) == all);  // refused edits changed nothing
    ok({"undo", p});
    CHECK(ok_json({"codings", "export", p})[0]["code"] == "Family");
}

TEST_CASE("view turns blind coding on and hides coders and codes, per coder", "[cli][views]") {
    Scratch s;
    const std::string p = coded_project(s);
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Family", "--coder", "Bea", "--range",
        "0:4"});
    json v = ok_json({"view", p, "--coder", "Ann"});
    CHECK(v["blind"] == false);
    CHECK(v["visible_coders"] == json::array({"Ann", "Bea"}));
    v = ok_json({"view", p, "--coder", "Ann", "--blind", "on", "--hide-code", "Trust"});
    CHECK(v["blind"] == true);
    CHECK(v["visible_coders"] == json::array({"Ann"}));
    CHECK(v["hidden_codes"] == json::array({"Trust"}));
    CHECK(ok({"view", p, "--coder", "Ann"}) ==
          "coder\tAnn\nblind\ton\nsees codings of\tAnn\nhidden codes\tTrust\n");
    CHECK(ok_json({"view", p, "--coder", "Bea"})["visible_coders"] == json::array({"Ann", "Bea"}));
    v = ok_json({"view", p, "--coder", "Bea", "--hide-coder", "Ann"});
    CHECK(v["hidden_coders"] == json::array({"Ann"}));
    CHECK(v["visible_coders"] == json::array({"Bea"}));
    v = ok_json({"view", p, "--coder", "Bea", "--show-coder", "Ann", "--show-code", "Trust"});
    CHECK(v["hidden_coders"].empty());

    CHECK(cli({"view", p}).status == 2);
    CHECK(cli({"view", p, "--coder", "Ann", "--blind", "maybe"}).status == 2);
    CHECK(cli({"view", p, "--coder", "Nobody"}).status == 3);
}

TEST_CASE("codes counts codings, documents and coverage within chosen documents and coders",
          "[cli][views]") {
    Scratch s;
    const std::string p = coded_project(s);  // Ann: Family [0, 4)
    ok({"code", "add", p, "Parents", "--parent", "Family"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Family/Parents", "--coder", "Bea",
        "--range", "2:9"});
    json codes = ok_json({"codes", p});
    REQUIRE(codes.size() == 3);
    CHECK(codes[0]["name"] == "Family");
    CHECK(codes[0]["codings"] == 1);
    CHECK(codes[0]["codings_in_all"] == 2);
    CHECK(codes[0]["documents_in_all"] == 1);
    const double length = quire::text::code_point_count(quire::test::kMixed);
    CHECK(codes[0]["coverage"].get<double>() == Approx(4 / length));
    CHECK(codes[0]["coverage_in_all"].get<double>() == Approx(9 / length));  // [0, 9) once
    codes = ok_json({"codes", p, "--coder", "Bea"});
    CHECK(codes[0]["codings"] == 0);
    CHECK(codes[0]["codings_in_all"] == 1);
    CHECK(ok({"codes", p, "--coder", "Ann"}).find("Family  #") != std::string::npos);
    CHECK(cli({"codes", p, "--coder", "Nobody"}).status == 3);
    CHECK(ok_json({"docs", p})[0]["codings"] == 2);
    CHECK(cli({"codes", p, "--doc", "missing"}).status == 3);
}

TEST_CASE("segments keeps the passages within a case", "[cli][views]") {
    Scratch s;
    const std::string p = coded_project(s);  // Ann: Family [0, 4)
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Family", "--coder", "Ann", "--range",
        "20:25"});
    ok({"case", "add", p, "Speaker A"});
    ok({"case", "link", p, "Speaker A", "--doc", "mixed", "--range", "18:30"});
    const json within = ok_json({"segments", p, "--code", "Family", "--case", "Speaker A"});
    REQUIRE(within.size() == 1);
    CHECK(within[0]["start"] == 20);
    CHECK(ok_json({"segments", p, "--code", "Family"}).size() == 2);
    CHECK(cli({"segments", p, "--code", "Family", "--case", "Nobody"}).status == 3);
}

TEST_CASE("attr choices makes a text attribute a choice, checked wherever values are set",
          "[cli][views]") {
    Scratch s;
    const std::string p = coded_project(s);
    ok({"attr", "set", p, "--doc", "mixed", "Role=Staff"});
    CHECK(ok({"attr", "choices", p, "Role"}) == "\"Role\" takes any text\n");
    CHECK(ok({"attr", "choices", p, "Role", "staff", "referrer"}) == "staff\nreferrer\n");
    CHECK(ok_json({"attr", "choices", p, "Role"})["choices"] == json::array({"staff", "referrer"}));
    CHECK(cli({"attr", "set", p, "--doc", "mixed", "Role=volunteer"}).status == 4);
    ok({"attr", "set", p, "--doc", "mixed", "Role=REFERRER"});
    CHECK(ok_json({"attrs", p})[0]["attributes"]["Role"] == "referrer");
    const CliResult narrower = cli({"attr", "choices", p, "Role", "staff"});
    CHECK(narrower.status == 5);
    CHECK(narrower.err.find("\"referrer\"") != std::string::npos);
    ok({"attr", "choices", p, "Role", "--clear"});
    ok({"attr", "set", p, "--doc", "mixed", "Role=volunteer"});
    CHECK(cli({"attr", "choices", p, "Nothing", "a"}).status == 3);
    CHECK(cli({"attr", "choices", p, "Role", "a", "--clear"}).status == 2);
}
