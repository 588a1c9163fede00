// SPDX-License-Identifier: GPL-3.0-or-later
// quire-cli used wrongly: each case once did harm (a value taken that means nothing, a coder's
// own coding overwritten, a message for what did not happen) and is refused now, with the
// project left exactly as it was.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include "core/project/project.h"
#include "tests/support/cli_helpers.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using quire::test::cli;
using quire::test::CliResult;
using quire::test::ok;

TEST_CASE("agreement refuses shares that are not finite numbers", "[cli][misuse]") {
    quire::test::ScratchDir dir;
    const std::string p = dir.path("demo.quire");
    ok({"demo", p});
    const std::string runs = ok({"agreement", p, "--history", "--json"});
    for (const char* option : {"--coverage", "--overlap"}) {
        for (const char* value : {"nan", "NaN", "nan%", "inf", "-inf", "infinity%"}) {
            INFO(option << " " << value);
            const CliResult r =
                cli({"agreement", p, "--coders", "Alex,Sam", "--unit", "segment", option, value});
            CHECK(r.status == 2);
            CHECK(r.err.find("takes a share") != std::string::npos);
        }
    }
    CHECK(ok({"agreement", p, "--history", "--json"}) == runs);
}

TEST_CASE("a ratings table with nan or inf is not interval data", "[cli][misuse]") {
    quire::test::ScratchDir dir;
    const std::string table = dir.write("ratings.csv", "unit,A,B\n1,1,2\n2,nan,2\n3,3,inf\n");
    const CliResult r = cli({"agreement", "--ratings", table, "--level", "interval"});
    CHECK(r.status == 4);
    CHECK(r.err.find("must be numbers") != std::string::npos);
    // As nominal labels they are categories like any other.
    CHECK(cli({"agreement", "--ratings", table, "--level", "nominal"}).status == 0);
}

TEST_CASE("adopt refuses a consensus layer that is one of the compared coders", "[cli][misuse]") {
    quire::test::ScratchDir dir;
    const std::string p = dir.path("demo.quire");
    ok({"demo", p});
    const std::string codings = ok({"codings", "export", p});
    const auto disagreements =
        quire::test::ok_json({"disagreements", p, "--coders", "Alex,Sam", "--json"});
    REQUIRE(disagreements.size() > 0);
    const auto& first = disagreements[0];
    for (const char* consensus : {"Alex", "Sam"}) {
        INFO(consensus);
        const CliResult r =
            cli({"adopt", p, "--coders", "Alex,Sam", "--doc", first["document"].get<std::string>(),
                 "--code", first["code"].get<std::string>(), "--at",
                 std::to_string(first["start"].get<long long>()), "--take",
                 consensus == std::string("Alex") ? "Sam" : "Alex", "--consensus", consensus});
        CHECK(r.status == 5);
        CHECK(r.err.find("is one of the coders compared") != std::string::npos);
    }
    CHECK(ok({"codings", "export", p}) == codings);
}

TEST_CASE("deleting documents reports the deletions only once all of them are done",
          "[cli][misuse]") {
    quire::test::ScratchDir dir;
    const std::string p = dir.path("demo.quire");
    ok({"demo", p});
    const std::string docs = ok({"docs", p});
    const std::string first = quire::test::ok_json({"docs", p, "--json"})[0]["name"];
    const CliResult r = cli({"docs", p, "--delete", first, "--delete", "No such interview"});
    CHECK(r.status == 3);
    CHECK(r.out.empty());
    CHECK(ok({"docs", p}) == docs);
}

TEST_CASE("text output counts one coding as one coding and writes ranges half-open",
          "[cli][misuse]") {
    quire::test::ScratchDir dir;
    const std::string p = dir.path("p.quire");
    ok({"new", p});
    ok({"import", p, dir.write("interview.txt", "We talk it through with the family first.\n"),
        "--no-index"});
    ok({"code", "add", p, "Consent"});
    ok({"code", "apply", p, "--doc", "interview", "--code", "Consent", "--coder", "Alex", "--range",
        "3:7"});
    CHECK(ok({"codes", p}).find("(1 coding)") != std::string::npos);
    ok({"code", "apply", p, "--doc", "interview", "--code", "Consent", "--coder", "Sam", "--range",
        "3:12"});
    CHECK(ok({"codes", p}).find("(2 codings)") != std::string::npos);
    const std::string listed = ok({"disagreements", p, "--coders", "Alex,Sam"});
    CHECK(listed.find("Alex: [3, 7)  Sam: [3, 12)") != std::string::npos);
    CHECK(listed.find("1 disagreement\n") != std::string::npos);
}

TEST_CASE("a command kept waiting by another writer says so and exits 9, changing nothing",
          "[cli][misuse]") {
    quire::test::ScratchDir dir;
    const std::string p = dir.path("demo.quire");
    ok({"demo", p});
    const std::string before = ok({"codings", "export", p});
    const std::string doc = quire::test::ok_json({"docs", p, "--json"})[0]["name"];
    ::setenv("QUIRE_WAIT_SECONDS", "1", 1);
    {
        // Another program in the middle of an action on the same file.
        quire::Project other = quire::Project::open(p);
        quire::Project::Action holding(other);
        const CliResult r = cli({"code", "apply", p, "--doc", doc, "--code", "Take the long view",
                                 "--coder", "Kim", "--range", "0:5"});
        CHECK(r.status == 9);
        CHECK(r.err.find("waiting for another program that is writing to") != std::string::npos);
        CHECK(r.err.find("did not finish in time; nothing was changed") != std::string::npos);
        // Reading does not wait for a writer.
        CHECK(cli({"codes", p}).status == 0);
    }
    ::setenv("QUIRE_WAIT_SECONDS", "soon", 1);
    CHECK(cli({"codes", p}).status == 2);
    ::unsetenv("QUIRE_WAIT_SECONDS");
    CHECK(ok({"codings", "export", p}) == before);
}
