// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using quire::test::cli;

TEST_CASE("export writes a .qdpx or .qdc by extension and says what it wrote", "[exchange]") {
    quire::test::ScratchDir dir;
    const std::string p = dir.path("demo.quire");
    REQUIRE(cli({"demo", p}).status == 0);

    const quire::test::CliResult project = cli({"export", p, dir.path("demo.qdpx")});
    INFO(project.err);
    REQUIRE(project.status == 0);
    CHECK(project.out.rfind("wrote the REFI-QDA project to ", 0) == 0);
    CHECK(project.out.find(" documents, ") != std::string::npos);
    CHECK(project.out.find(" codings, ") != std::string::npos);
    CHECK(std::count(project.out.begin(), project.out.end(), '\n') == 1);
    CHECK(std::filesystem::file_size(dir.path("demo.qdpx")) > 0);

    const quire::test::CliResult codebook = cli({"export", p, dir.path("demo.QDC")});
    INFO(codebook.err);
    REQUIRE(codebook.status == 0);
    CHECK(codebook.out.rfind("wrote the codebook to ", 0) == 0);
    CHECK(dir.read("demo.QDC").find("urn:QDA-XML:codebook:1.0") != std::string::npos);
}

TEST_CASE("export refuses to overwrite unless forced and rejects other extensions", "[exchange]") {
    quire::test::ScratchDir dir;
    const std::string p = dir.path("demo.quire");
    REQUIRE(cli({"demo", p}).status == 0);
    const std::string target = dir.write("old.qdpx", "keep me");

    const quire::test::CliResult refused = cli({"export", p, target});
    CHECK(refused.status == 5);
    CHECK(refused.err.find("--force") != std::string::npos);
    CHECK(dir.read("old.qdpx") == "keep me");

    const quire::test::CliResult forced = cli({"export", p, target, "--force"});
    INFO(forced.err);
    CHECK(forced.status == 0);
    CHECK(dir.read("old.qdpx").rfind("PK", 0) == 0);  // a zip now

    CHECK(cli({"export", p, dir.path("out.zip")}).status == 2);
    CHECK(cli({"export", p}).status == 2);
    CHECK_FALSE(std::filesystem::exists(dir.path("out.zip")));

    const quire::test::CliResult missing = cli({"export", p, dir.path("no/such/dir/x.qdpx")});
    CHECK(missing.status == 1);
    CHECK_FALSE(std::filesystem::exists(dir.path("no")));
}

// `codes` output without the coding counts, which a codebook does not carry.
std::string code_tree(const std::string& project) {
    return std::regex_replace(cli({"codes", project}).out, std::regex(R"(  \(\d+ codings?\))"), "");
}

TEST_CASE("import takes a .qdc codebook and merges it into the codebook", "[exchange]") {
    quire::test::ScratchDir dir;
    const std::string demo = dir.path("demo.quire");
    REQUIRE(cli({"demo", demo}).status == 0);
    REQUIRE(cli({"export", demo, dir.path("demo.qdc")}).status == 0);
    const std::string p = dir.path("empty.quire");
    REQUIRE(cli({"new", p}).status == 0);

    const quire::test::CliResult first = cli({"import", p, dir.path("demo.qdc")});
    INFO(first.err);
    REQUIRE(first.status == 0);
    CHECK(first.out.rfind("imported codebook " + dir.path("demo.qdc") + " (Quire", 0) == 0);
    CHECK(first.out.find(" codes, 0 code sets\n") != std::string::npos);
    CHECK(first.out.find("adjusted:") == std::string::npos);
    CHECK(code_tree(demo).find("  Peer networks  #B294D6\n") != std::string::npos);
    CHECK(code_tree(p) == code_tree(demo));

    const quire::test::CliResult again = cli({"import", p, dir.path("demo.qdc"), "--json"});
    INFO(again.err);
    REQUIRE(again.status == 0);
    CHECK(again.out.find("\"codes\": 0") != std::string::npos);
    CHECK(again.out.find("is already in the codebook") != std::string::npos);
    CHECK(code_tree(p) == code_tree(demo));

    const std::string broken = dir.write("broken.qdc", "<CodeBook><Codes><Code name=\"x\"");
    const quire::test::CliResult refused = cli({"import", p, broken});
    CHECK(refused.status != 0);
    CHECK(refused.err.find("well-formed") != std::string::npos);
    CHECK(code_tree(p) == code_tree(demo));
}
