// SPDX-License-Identifier: GPL-3.0-or-later
// Document groups from the command line: group, groups, and --group wherever documents are
// chosen.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/support/cli_helpers.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using nlohmann::json;
using Scratch = quire::test::ScratchDir;
using quire::test::cli;
using quire::test::CliResult;
using quire::test::ok;
using quire::test::ok_json;

namespace {

const std::string kNorthgate = "01 Practitioner – Northgate";
const std::string kRiverside = "02 Youth worker – Riverside";
const std::string kNurse = "05 School nurse – Northgate";

// The demo project (nine interviews coded by Alex and Sam) with a group "Northgate" of two
// of them and an empty group "referrers".
std::string demo_with_groups(const Scratch& s) {
    const std::string p = s.path("demo.quire");
    ok({"demo", p});
    ok({"group", "add", p, "Northgate", "--description", "the Northgate team"});
    ok({"group", "add", p, "referrers"});
    ok({"group", "assign", p, "Northgate", kNorthgate, kNurse});
    return p;
}

// Runs a command that must fail with `status` and leave the groups as they were.
void refused(const std::vector<std::string>& args, int status) {
    const std::string p = args.at(2);
    const std::string before = ok({"groups", p, "--json"}) + ok({"docs", p, "--json"});
    const CliResult r = cli(args);
    INFO(r.err);
    CHECK(r.status == status);
    CHECK(quire::test::is_one_line(r.err));
    CHECK(ok({"groups", p, "--json"}) + ok({"docs", p, "--json"}) == before);
}

std::set<std::string> documents_of(const json& rows, const char* field = "document") {
    std::set<std::string> names;
    for (const json& row : rows) {
        names.insert(row.at(field).get<std::string>());
    }
    return names;
}

}  // namespace

TEST_CASE("groups lists each group with its documents", "[cli][groups]") {
    Scratch s;
    const std::string p = demo_with_groups(s);
    CHECK(ok({"groups", p}) == "Northgate\t2 documents\nreferrers\t0 documents\n");
    const json groups = ok_json({"groups", p});
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].at("name") == "Northgate");
    CHECK(groups[0].at("description") == "the Northgate team");
    CHECK(groups[0].at("documents") == json::array({kNorthgate, kNurse}));
    CHECK(groups[1].at("documents").empty());
    CHECK(ok_json({"docs", p})[0].at("groups") == json::array({"Northgate"}));
}

TEST_CASE("group add, rename and remove, refused with the right status", "[cli][groups]") {
    Scratch s;
    const std::string p = demo_with_groups(s);
    const json added = ok_json({"group", "add", p, "case files"});
    CHECK(added.at("name") == "case files");
    CHECK(added.at("guid").get<std::string>().size() == 36);
    refused({"group", "add", p, "Northgate"}, 5);
    refused({"group", "add", p, " "}, 4);
    CHECK(ok({"group", "rename", p, "referrers", "referring agencies"}) ==
          "renamed group \"referrers\" to \"referring agencies\"\n");
    refused({"group", "rename", p, "referring agencies", "Northgate"}, 5);
    refused({"group", "rename", p, "nobody", "x"}, 3);
    CHECK(ok({"group", "remove", p, "Northgate"}) ==
          "removed group \"Northgate\" (its 2 documents stay)\n");
    CHECK(ok_json({"docs", p}).size() == 9);
    refused({"group", "remove", p, "Northgate"}, 3);
    refused({"group", "remove", p}, 2);
    refused({"group", "move", p, "x"}, 2);
}

TEST_CASE("group assign and unassign say what changed, all documents or none", "[cli][groups]") {
    Scratch s;
    const std::string p = demo_with_groups(s);
    CHECK(ok({"group", "assign", p, "Northgate", kNorthgate, "9"}) ==
          "assigned 1 document to group \"Northgate\" (1 document already in it)\n");
    refused({"group", "assign", p, "Northgate", kRiverside, "no such interview"}, 3);
    refused({"group", "assign", p, "nobody", kRiverside}, 3);
    refused({"group", "assign", p, "Northgate"}, 2);
    CHECK(ok({"group", "unassign", p, "Northgate", kNorthgate, kRiverside}) ==
          "unassigned 1 document from group \"Northgate\" (1 document not in it)\n");
    CHECK(ok_json({"groups", p})[0].at("documents").size() == 2);
}

TEST_CASE("docs --group lists the documents of any of the groups", "[cli][groups]") {
    Scratch s;
    const std::string p = demo_with_groups(s);
    ok({"group", "assign", p, "referrers", kRiverside});
    CHECK(documents_of(ok_json({"docs", p, "--group", "Northgate"}), "name") ==
          std::set<std::string>{kNorthgate, kNurse});
    CHECK(ok_json({"docs", p, "--group", "Northgate", "--group", "referrers"}).size() == 3);
    CHECK(cli({"docs", p, "--group", "nobody"}).status == 3);
    CHECK(cli({"docs", p, "--group", "Northgate", "--delete", kNurse}).status == 2);
    CHECK(ok_json({"docs", p}).size() == 9);
}

TEST_CASE("segments --group keeps the codings of the group's documents, on screen and in exports",
          "[cli][groups]") {
    Scratch s;
    const std::string p = demo_with_groups(s);
    const json all =
        ok_json({"segments", p, "--code", "Adults take responsibility for prevention"});
    const json grouped =
        ok_json({"segments", p, "--code", "Adults take responsibility for prevention", "--group",
                 "Northgate"});
    REQUIRE_FALSE(grouped.empty());
    CHECK(grouped.size() < all.size());
    CHECK(documents_of(grouped) == std::set<std::string>{kNorthgate, kNurse});
    // --doc and --group together: the named documents that are in the group.
    const json both = ok_json({"segments", p, "--code", "Adults take responsibility for prevention",
                               "--group", "Northgate", "--doc", kNurse, "--doc", kRiverside});
    CHECK(documents_of(both) == std::set<std::string>{kNurse});
    CHECK(ok({"segments", p, "--group", "referrers", "--code",
              "Adults take responsibility for prevention"}) == "0 segments\n");

    const std::string csv = ok({"segments", p, "--csv", "--group", "Northgate"});
    CHECK(csv.find(kNorthgate) != std::string::npos);
    CHECK(csv.find(kRiverside) == std::string::npos);
    const std::string xlsx = s.path("northgate.xlsx");
    ok({"segments", p, "--xlsx", xlsx, "--group", "Northgate"});
    CHECK(cli({"segments", p, "--csv", "--group", "nobody"}).status == 3);
}

TEST_CASE("search --group finds hits in the group's documents only", "[cli][groups]") {
    Scratch s;
    const std::string p = demo_with_groups(s);
    const json all = ok_json({"search", p, "school", "--limit", "500"});
    const json grouped = ok_json({"search", p, "school", "--group", "Northgate", "--limit", "500"});
    REQUIRE_FALSE(grouped.at("hits").empty());
    CHECK(grouped.at("hits").size() < all.at("hits").size());
    CHECK(documents_of(grouped.at("hits")) == std::set<std::string>{kNorthgate, kNurse});
    CHECK(ok_json({"search", p, "school", "--group", "referrers"}).at("hits").empty());
    CHECK(cli({"search", p, "school", "--group", "nobody"}).status == 3);
}

TEST_CASE("agreement and disagreements --group compare the group's documents", "[cli][groups]") {
    Scratch s;
    const std::string p = demo_with_groups(s);
    const json run =
        ok_json({"agreement", p, "--coders", "Alex,Sam", "--group", "Northgate", "--no-store"});
    CHECK(run.at("parameters").at("documents") == json::array({kNorthgate, kNurse}));
    const CliResult empty =
        cli({"agreement", p, "--coders", "Alex,Sam", "--group", "referrers", "--no-store"});
    CHECK(empty.status == 4);
    CHECK(cli({"agreement", p, "--coders", "Alex,Sam", "--group", "nobody"}).status == 3);
    CHECK(ok_json({"agreement", p, "--history"}).empty());  // refused runs are not stored

    const json found =
        ok_json({"disagreements", p, "--coders", "Alex,Sam", "--group", "Northgate"});
    REQUIRE_FALSE(found.empty());
    CHECK(documents_of(found) == std::set<std::string>{kNorthgate, kNurse});
    CHECK(ok_json({"disagreements", p, "--coders", "Alex,Sam", "--group", "referrers"}).empty());
}
