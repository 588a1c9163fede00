// SPDX-License-Identifier: GPL-3.0-or-later
// The files quire-cli writes go through core's writers (exchange::write_export,
// agreement::write_report_file): what each command replaces, refuses and leaves behind.
#include <catch2/catch.hpp>

#include <algorithm>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using quire::test::cli;
using quire::test::CliResult;
using Scratch = quire::test::ScratchDir;

namespace {

// Writers leave nothing beside their target: no PATH.partial (XLSX, zip) and no
// PATH.XXXXXX (the atomic writer's temporary).
bool no_temporary_left(const Scratch& dir) {
    const std::regex temporary(R"(\.partial$|\.[A-Za-z0-9]{6}$)");
    for (const std::string& name : dir.entries()) {
        if (std::regex_search(name, temporary)) {
            return false;
        }
    }
    return true;
}

// Runs a command that must succeed; returns what it printed.
std::string ok(const std::vector<std::string>& args) {
    const CliResult r = cli(args);
    INFO(r.err);
    REQUIRE(r.status == 0);
    return r.out;
}

const char* const kHtmlStart = "<!DOCTYPE html>";

}  // namespace

TEST_CASE("files named by --xlsx and --html are replaced with --force whatever their extensions",
          "[cli][files]") {
    Scratch dir;
    const std::string p = dir.path("demo.quire");
    ok({"demo", p});
    for (const char* name : {"a.bin", "b.txt", "c.dat", "d.out"}) {
        dir.write(name, "old");
    }
    ok({"agreement", p, "--coders", "Alex,Sam", "--no-store", "--xlsx", dir.path("a.bin"), "--html",
        dir.path("b.txt"), "--force"});
    CHECK(ok({"codebook", p, "--xlsx", dir.path("c.dat"), "--force"}) ==
          "wrote " + dir.path("c.dat") + "\n");
    CHECK(ok({"segments", p, "--xlsx", dir.path("d.out"), "--force"}) ==
          "wrote " + dir.path("d.out") + "\n");
    CHECK(dir.read("a.bin").rfind("PK", 0) == 0);
    CHECK(dir.read("b.txt").rfind(kHtmlStart, 0) == 0);
    CHECK(dir.read("c.dat").rfind("PK", 0) == 0);
    CHECK(dir.read("d.out").rfind("PK", 0) == 0);
    CHECK(no_temporary_left(dir));
}

TEST_CASE("xlsx and html exports refuse an existing file without --force and store no run",
          "[cli][files]") {
    Scratch dir;
    const std::string p = dir.path("demo.quire");
    ok({"demo", p});
    const std::string runs_before = ok({"agreement", p, "--history", "--json"});
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"agreement", p, "--coders", "Alex,Sam", "--xlsx", "keep.xlsx"},
          {"agreement", p, "--coders", "Alex,Sam", "--html", "keep.xlsx"},
          {"codebook", p, "--xlsx", "keep.xlsx"},
          {"segments", p, "--xlsx", "keep.xlsx"}}) {
        std::vector<std::string> with_path = args;
        dir.write("keep.xlsx", "keep me");
        with_path.back() = dir.path("keep.xlsx");
        const CliResult r = cli(with_path);
        INFO(with_path[0] << " " << with_path[with_path.size() - 2]);
        CHECK(r.status == 5);
        CHECK(r.err == "quire-cli: " + dir.path("keep.xlsx") +
                           " already exists (add --force to replace it)\n");
        CHECK(dir.read("keep.xlsx") == "keep me");
    }
    CHECK(ok({"agreement", p, "--history", "--json"}) == runs_before);
    CHECK(no_temporary_left(dir));
}

TEST_CASE("no export writes over the open project or its -wal and -shm, even with --force",
          "[cli][files]") {
    Scratch dir;
    const std::string p = dir.path("demo.quire");
    ok({"demo", p});
    const std::string info = ok({"info", p});
    const std::string runs_before = ok({"agreement", p, "--history", "--json"});
    // The same file by another spelling of its path is the same file.
    const std::string respelled = dir.dir().string() + "/./demo.quire";
    for (const std::string& target : {p, respelled, p + "-wal", p + "-shm"}) {
        for (const std::vector<std::string>& args :
             {std::vector<std::string>{"segments", p, "--xlsx", target, "--force"},
              {"codebook", p, "--xlsx", target, "--force"},
              {"agreement", p, "--coders", "Alex,Sam", "--html", target, "--force"},
              {"agreement", p, "--coders", "Alex,Sam", "--xlsx", target, "--force"},
              {"report", p, target, "--force"},
              {"export", p, target, "--force"}}) {
            const CliResult r = cli(args);
            INFO(args[0] << " -> " << target);
            CHECK(r.status != 0);
            // export knows its formats by extension and refuses any other name first.
            const bool refused = r.err.find("open project") != std::string::npos ||
                                 (args[0] == "export" && r.status == 2);
            CHECK(refused);
        }
    }
    CHECK(ok({"info", p}) == info);
    CHECK(ok({"agreement", p, "--history", "--json"}) == runs_before);
}

TEST_CASE("report writes HTML under any name and refuses an existing file in one line",
          "[cli][files]") {
    Scratch dir;
    const std::string p = dir.path("demo.quire");
    ok({"demo", p});
    const std::string target = dir.path("report.txt");
    CHECK(ok({"report", p, target}) == "wrote " + target + "\n");
    CHECK(dir.read("report.txt").rfind(kHtmlStart, 0) == 0);

    dir.write("report.txt", "keep me");
    const CliResult refused = cli({"report", p, target});
    CHECK(refused.status == 5);
    CHECK(refused.err == "quire-cli: " + target + " already exists (add --force to replace it)\n");
    CHECK(dir.read("report.txt") == "keep me");
    CHECK(no_temporary_left(dir));
}

TEST_CASE("export refuses an existing file before it opens the project", "[cli][files]") {
    Scratch dir;
    const std::string target = dir.write("codebook.qdc", "keep me");
    const CliResult r = cli({"export", dir.path("missing.quire"), target});
    CHECK(r.status == 5);
    CHECK(r.err == "quire-cli: " + target + " already exists (add --force to replace it)\n");
    CHECK(dir.read("codebook.qdc") == "keep me");
    CHECK_FALSE(std::filesystem::exists(dir.path("missing.quire")));
}

TEST_CASE("a report that cannot be written leaves the old file as it was", "[cli][files]") {
    Scratch dir;
    const std::string p = dir.path("demo.quire");
    ok({"demo", p});
    // A name of 250 bytes: the temporary beside it, a few bytes longer, cannot be made.
    const std::string name = std::string(245, 'r') + ".html";
    const std::string target = dir.write(name, "keep me");
    const CliResult r = cli({"report", p, target, "--force"});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::StartsWith("quire-cli: cannot write " + target));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(dir.read(name) == "keep me");

    // The agreement run is stored only when its report is written too.
    const std::string runs_before = ok({"agreement", p, "--history", "--json"});
    const CliResult html =
        cli({"agreement", p, "--coders", "Alex,Sam", "--html", target, "--force"});
    CHECK(html.status == 1);
    CHECK(dir.read(name) == "keep me");
    CHECK(ok({"agreement", p, "--history", "--json"}) == runs_before);
    CHECK(no_temporary_left(dir));
}
