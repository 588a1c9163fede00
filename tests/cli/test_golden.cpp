// SPDX-License-Identifier: GPL-3.0-or-later
// What quire-cli prints for the demo project, byte for byte as in tests/golden/ (refresh:
// tests/golden/README.md). A fresh demo project differs from the last only in GUIDs and
// dates, which none of these outputs shows except the date of the stored agreement run.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/golden.h"
#include "tests/support/scratch.h"

using quire::test::check_golden;
using quire::test::cli;

namespace {

// The output of `quire-cli ARGS...` on a fresh demo project, which must succeed.
std::string demo_output(std::vector<std::string> args) {
    quire::test::ScratchDir dir;
    const std::string project = dir.path("demo.quire");
    REQUIRE(cli({"demo", project}).status == 0);
    args.insert(args.begin() + 1, project);
    const quire::test::CliResult r = cli(args);
    INFO(r.err);
    REQUIRE(r.status == 0);
    return r.out;
}

}  // namespace

TEST_CASE("agreement --json on the demo project prints its golden report", "[golden][cli]") {
    // Normalised: the date the run was stored (run.created_at).
    check_golden("demo_agreement.json", quire::test::placeholder_timestamps(demo_output(
                                            {"agreement", "--coders", "Alex,Sam", "--json"})));
}

TEST_CASE("codebook --md on the demo project prints its golden codebook", "[golden][cli]") {
    check_golden("demo_codebook.md", demo_output({"codebook", "--md"}));
}

TEST_CASE("segments --csv on the demo project prints its golden table of every coding",
          "[golden][cli]") {
    check_golden("demo_segments.csv", demo_output({"segments", "--csv"}));
}
