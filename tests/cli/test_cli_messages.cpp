// SPDX-License-Identifier: GPL-3.0-or-later
// What quire-cli says when something is in the way: the message names what really happened,
// text tables stay aligned, numbers read alike everywhere, and the README lists every exit
// status.
#include <catch2/catch.hpp>

#include <cstdlib>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/help.h"
#include "core/storage/sqlite.h"
#include "tests/support/cli_helpers.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using quire::test::cli;
using quire::test::CliResult;
using quire::test::lines_of;
using quire::test::ok;

namespace {

// Display columns of UTF-8 text in which every character is one column wide.
std::size_t columns(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

// A project where Ann and Ben code one short document differently with "Risk" and
// identically with "Trust" (whose kappa is then undefined: no variation).
std::string two_coders(const quire::test::ScratchDir& dir) {
    const std::string p = dir.path("p.quire");
    ok({"new", p});
    ok({"import", p, dir.write("d.txt", "one two three four five six seven eight\n"),
        "--no-index"});
    for (const char* code : {"Risk", "Trust"}) {
        ok({"code", "add", p, code});
    }
    ok({"code", "apply", p, "--doc", "d", "--code", "Risk", "--coder", "Ann", "--range", "0:20"});
    ok({"code", "apply", p, "--doc", "d", "--code", "Risk", "--coder", "Ben", "--range", "10:39"});
    for (const char* coder : {"Ann", "Ben"}) {
        ok({"code", "apply", p, "--doc", "d", "--code", "Trust", "--coder", coder, "--range",
            "0:40"});
    }
    return p;
}

}  // namespace

TEST_CASE("a project held by another program is reported as busy, not as not a project",
          "[cli][messages]") {
    quire::test::ScratchDir dir;
    const std::string p = dir.path("p.quire");
    ok({"new", p});
    quire::sql::Connection holder(p, quire::sql::Connection::Mode::ReadWrite);
    holder.exec("PRAGMA locking_mode = EXCLUSIVE");
    holder.exec("BEGIN EXCLUSIVE");
    holder.exec("CREATE TABLE held (x)");
    ::setenv("QUIRE_WAIT_SECONDS", "1", 1);
    const CliResult r = cli({"info", p});
    ::unsetenv("QUIRE_WAIT_SECONDS");
    holder.exec("ROLLBACK");
    CHECK(r.status == 9);
    CHECK(r.err.find("not a Quire project") == std::string::npos);
    CHECK(r.err.find("another program is writing to") != std::string::npos);
}

TEST_CASE("a project whose journal cannot be opened is reported as such, not as not a project",
          "[cli][messages]") {
    quire::test::ScratchDir dir;
    const std::string p = dir.path("p.quire");
    ok({"new", p});
    // SQLite cannot open the write-ahead log beside the project (as in a read-only folder).
    std::filesystem::create_directory(p + "-wal");
    const CliResult r = cli({"info", p});
    CHECK(r.status == 7);
    CHECK(r.err.find("not a Quire project") == std::string::npos);
    CHECK(r.err.find("cannot open") != std::string::npos);
    CHECK(r.err.find("-wal") != std::string::npos);
}

TEST_CASE("a file that is not a database is still not a Quire project", "[cli][messages]") {
    quire::test::ScratchDir dir;
    const CliResult r = cli({"info", dir.write("notes.quire", "Just some notes, not SQLite.\n")});
    CHECK(r.status == 7);
    CHECK(r.err.find("is not a Quire project (not an SQLite database)") != std::string::npos);
}

TEST_CASE("new and export refuse an existing file with the same exit status", "[cli][messages]") {
    quire::test::ScratchDir dir;
    const std::string p = dir.path("p.quire");
    ok({"new", p});
    const std::string taken = dir.write("taken.quire", "keep me");
    const CliResult created = cli({"new", taken});
    const CliResult demo = cli({"demo", taken});
    const CliResult exported = cli({"export", p, dir.write("taken.qdc", "keep me too")});
    CHECK(exported.status == 5);
    CHECK(created.status == exported.status);
    CHECK(demo.status == exported.status);
    CHECK(dir.read("taken.quire") == "keep me");
    CHECK(dir.read("taken.qdc") == "keep me too");
}

TEST_CASE("the agreement table keeps its columns when a figure is undefined",
          "[cli][messages][agreement]") {
    quire::test::ScratchDir dir;
    const std::string p = two_coders(dir);
    const std::vector<std::string> lines =
        lines_of(ok({"agreement", p, "--coders", "Ann,Ben", "--no-store"}));
    std::size_t header = 0;
    while (header < lines.size() && lines[header].find("   code") == std::string::npos) {
        ++header;
    }
    REQUIRE(header + 2 < lines.size());
    const std::size_t code_column = columns(lines[header].substr(0, lines[header].find("code")));
    bool undefined = false;
    for (std::size_t i = header + 1; i <= header + 2; ++i) {
        INFO(lines[i]);
        undefined = undefined || lines[i].find("\u2014") != std::string::npos;
        const std::size_t at = lines[i].find(i == header + 1 ? "Risk" : "Trust");
        REQUIRE(at != std::string::npos);
        CHECK(columns(lines[i].substr(0, at)) == code_column);
    }
    CHECK(undefined);
}

TEST_CASE("agreement history prints coefficients as the rest of the output does",
          "[cli][messages][agreement]") {
    quire::test::ScratchDir dir;
    const std::string p = two_coders(dir);
    ok({"agreement", p, "--coders", "Ann,Ben", "--code", "Risk"});
    const std::string history = ok({"agreement", p, "--history"});
    INFO(history);
    const std::string number = std::string(R"((-?[0-9]+\.[0-9]{3}|)") + "\u2014" + ")";
    const std::regex figure("kappa " + number + "  alpha " + number + "\n");
    CHECK(std::regex_search(history, figure));
    CHECK(history.find("null") == std::string::npos);
}

TEST_CASE("the README lists every exit status quire-cli uses, with its meaning",
          "[cli][messages]") {
    std::ifstream in(std::string(QUIRE_FIXTURES_DIR) + "/../../README.md");
    REQUIRE(in);
    std::ostringstream readme;
    readme << in.rdbuf();
    for (const quire::cli::ExitStatusHelp& s : quire::cli::exit_status_help()) {
        INFO(s.status << " " << s.meaning);
        CHECK(readme.str().find("| " + std::to_string(s.status) + " | " + s.meaning + " |") !=
              std::string::npos);
    }
}
