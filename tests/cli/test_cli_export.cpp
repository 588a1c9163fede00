// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
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
