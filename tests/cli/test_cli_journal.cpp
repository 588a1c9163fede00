// SPDX-License-Identifier: GPL-3.0-or-later
// The journal from the command line: undo, redo and log.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_helpers.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using nlohmann::json;
using Scratch = quire::test::ScratchDir;
using quire::test::cli;
using quire::test::CliResult;
using quire::test::is_one_line;
using quire::test::lines_of;
using quire::test::ok;
using quire::test::ok_json;
using quire::test::project_with_mixed_document;

TEST_CASE("undo and redo take back and bring back each command, newest first", "[cli][journal]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Family"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Family", "--coder", "Ann", "--range",
        "0:4"});
    const std::string coded = ok({"codings", "export", p});

    const json undone = ok_json({"undo", p});
    CHECK(undone["what"] == "quire-cli code apply");
    CHECK(undone["changes"] == "added 1 coder; added 1 coding");
    CHECK(undone["state"] == "undone");
    CHECK(lines_of(ok({"codings", "export", p})).size() == 1);
    const std::string undid = ok({"undo", p});
    CHECK(undid.rfind("undid ", 0) == 0);
    CHECK(undid.find("quire-cli code add (added 1 code)") != std::string::npos);
    CHECK(ok_json({"codes", p}).empty());

    ok({"redo", p});
    CHECK(ok_json({"redo", p})["what"] == "quire-cli code apply");
    CHECK(ok({"codings", "export", p}) == coded);
    const CliResult nothing = cli({"redo", p});
    CHECK(nothing.status == 3);
    CHECK(is_one_line(nothing.err));
    CHECK(nothing.err.find("nothing to redo") != std::string::npos);
}

TEST_CASE("log lists actions newest first with who, when, what and changes", "[cli][journal]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Family"});
    ok({"code", "rename", p, "Family", "Families"});
    ok({"undo", p});
    const json log = ok_json({"log", p});
    REQUIRE(log.size() == 3);
    CHECK(log[0]["what"] == "quire-cli code rename");
    CHECK(log[0]["changes"] == "changed 1 code");
    CHECK(log[0]["state"] == "undone");
    CHECK(log[0]["undoable"] == true);
    CHECK(log[1]["what"] == "quire-cli code add");
    CHECK(log[1]["state"] == "done");
    CHECK(log[2]["what"] == "quire-cli import");
    CHECK(log[2]["changes"] == "added 1 document");
    CHECK_FALSE(log[0]["who"].get<std::string>().empty());
    CHECK(log[0]["at"].get<std::string>().size() == 20);

    CHECK(ok_json({"log", p, "--limit", "1"}).size() == 1);
    const std::vector<std::string> lines = lines_of(ok({"log", p}));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].find("\tundone\tquire-cli code rename\tchanged 1 code") != std::string::npos);
    CHECK(cli({"log", p, "--limit", "-1"}).status == 2);
}

TEST_CASE("undo refuses with nothing to undo and a missing project", "[cli][journal]") {
    Scratch s;
    const std::string p = s.path("empty.quire");
    ok({"new", p});
    const CliResult r = cli({"undo", p});
    CHECK(r.status == 3);
    CHECK(r.err == "quire-cli: nothing to undo\n");
    CHECK(cli({"undo", s.path("missing.quire")}).status == 7);
    CHECK(cli({"undo"}).status == 2);
}
