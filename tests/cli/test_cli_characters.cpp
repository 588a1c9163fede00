// SPDX-License-Identifier: GPL-3.0-or-later
// Coding never cuts a character in two by accident: --match widens to whole characters
// (grapheme clusters), --range codes what it is given but says so.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/text/unicode.h"
#include "tests/support/cli_helpers.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using nlohmann::json;
using quire::test::cli;
using quire::test::CliResult;
using quire::test::ok;
using quire::test::ok_json;

namespace {

// A flag (two regional indicators), a family (man ZWJ man ZWJ girl), "q" with a combining
// accent (no precomposed form, so two code points), and a plain "q".
const std::string kText =
    "Flags \U0001F1EC\U0001F1E7 and \U0001F1EB\U0001F1F7, family "
    "\U0001F468\u200D\U0001F468\u200D\U0001F467, q\u0301 and q.\n";

struct Fixture {
    quire::test::ScratchDir s;
    std::string p = s.path("p.quire");
    Fixture() {
        ok({"new", p});
        ok({"import", p, s.write("d.txt", kText)});
        ok({"code", "add", p, "C"});
    }
    CliResult apply(const std::vector<std::string>& how) {
        std::vector<std::string> args = {"code",   "apply", p,         "--doc", "d",
                                         "--code", "C",     "--coder", "Ann",   "--json"};
        args.insert(args.end(), how.begin(), how.end());
        return cli(args);
    }
    std::vector<std::string> coded(const CliResult& r) {
        REQUIRE(r.status == 0);
        std::vector<std::string> out;
        for (const json& c : json::parse(r.out)) {
            out.push_back(quire::text::slice(kText, c.at("start"), c.at("end")));
        }
        return out;
    }
};

}  // namespace

TEST_CASE("code apply --match widens half a flag to the whole flag", "[cli][coding]") {
    Fixture f;
    const CliResult r = f.apply({"--match", "\U0001F1EC"});
    CHECK(f.coded(r) == std::vector<std::string>{"\U0001F1EC\U0001F1E7"});
    CHECK(r.err ==
          "note: 1 occurrence of \"\U0001F1EC\" cut a character in two (a flag, an emoji "
          "sequence, a letter and its accents) and was widened to whole characters\n");
    // The first half of the other flag.
    const CliResult both = f.apply({"--match", "\U0001F1EB"});
    CHECK(f.coded(both) == std::vector<std::string>{"\U0001F1EB\U0001F1F7"});
}

TEST_CASE("code apply --match codes a whole emoji sequence once", "[cli][coding]") {
    Fixture f;
    const std::string family = "\U0001F468\u200D\U0001F468\u200D\U0001F467";
    // "man" occurs twice inside the one family.
    const CliResult r = f.apply({"--match", "\U0001F468"});
    CHECK(f.coded(r) == std::vector<std::string>{family});
    CHECK_THAT(r.err, Catch::StartsWith("note: 2 occurrences of") &&
                          Catch::Contains("were widened to whole characters"));
    CHECK(f.coded(f.apply({"--match", "\U0001F467"})) == std::vector<std::string>{family});
}

TEST_CASE("code apply --match keeps a letter with its combining accent", "[cli][coding]") {
    Fixture f;
    const CliResult r = f.apply({"--match", "q"});
    CHECK(f.coded(r) == std::vector<std::string>{"q\u0301", "q"});
    CHECK_THAT(r.err, Catch::StartsWith("note: 1 occurrence of \"q\""));
    // Whole characters alone: nothing to say.
    const CliResult plain = f.apply({"--match", "family"});
    CHECK(f.coded(plain) == std::vector<std::string>{"family"});
    CHECK(plain.err.empty());
}

TEST_CASE("code apply --range keeps a range that cuts a character but warns", "[cli][coding]") {
    Fixture f;
    // [6, 7) is the first half of the first flag.
    const CliResult r = f.apply({"--range", "6:7"});
    REQUIRE(r.status == 0);
    const json coded = json::parse(r.out);
    CHECK(coded[0].at("start") == 6);
    CHECK(coded[0].at("end") == 7);
    CHECK(r.err ==
          "warning: [6, 7) cuts a character in two at 7 (whole characters: [6, 8)); coded as "
          "given\n");
    // Ending inside the family.
    const CliResult family = f.apply({"--range", "18:26"});
    REQUIRE(family.status == 0);
    CHECK_THAT(family.err, Catch::StartsWith("warning: [18, 26) cuts a character in two at 26"));
    const CliResult whole = f.apply({"--range", "6:8"});
    REQUIRE(whole.status == 0);
    CHECK(whole.err.empty());
}
