// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/cli.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using nlohmann::json;

using quire::test::cli;

namespace {

// The demo project: nine interviews coded by Alex and Sam.
struct DemoProject {
    DemoProject() { REQUIRE(cli({"demo", path()}).status == 0); }
    std::string path() const { return dir.path("demo.quire"); }
    quire::test::ScratchDir dir;
};

}  // namespace

TEST_CASE("agreement --json has coders, unit, codes and overall with every coefficient",
          "[agreement][cli]") {
    DemoProject demo;
    const quire::test::CliResult r =
        cli({"agreement", demo.path(), "--coders", "Alex,Sam", "--json"});
    REQUIRE(r.status == 0);
    const json j = json::parse(r.out);
    CHECK(j["coders"] == json::array({"Alex", "Sam"}));
    CHECK(j["unit"] == "character");
    REQUIRE(j["codes"].size() == 16);
    const json& code = j["codes"][0];
    CHECK(code["code"] == "Adults take responsibility for prevention");
    REQUIRE(code["documents"].size() == 9);
    const json& doc = code["documents"][0];
    for (const char* key :
         {"document", "units", "both", "neither", "only", "percent_agreement", "kappa"}) {
        CHECK(doc.contains(key));
    }
    CHECK(doc["only"].contains("Alex"));
    CHECK(doc["only"].contains("Sam"));
    const std::int64_t units = doc["units"];
    CHECK(units == doc["both"].get<std::int64_t>() + doc["neither"].get<std::int64_t>() +
                       doc["only"]["Alex"].get<std::int64_t>() +
                       doc["only"]["Sam"].get<std::int64_t>());
    for (const char* key : {"percent_agreement", "kappa", "fleiss_kappa", "krippendorff_alpha",
                            "k_u_alpha", "alpha_u_1995"}) {
        CHECK(code.contains(key));
    }
    const json& overall = j["overall"];
    for (const char* key :
         {"cohen_kappa", "scott_pi", "krippendorff_alpha", "brennan_prediger", "percent_agreement",
          "u_alpha", "binary_u_alpha", "cu_alpha", "k_u_alpha", "alpha_u_1995"}) {
        CHECK(overall.contains(key));
    }
    // Partial agreement: somewhere between chance and perfect.
    REQUIRE(code["kappa"].is_number());
    CHECK(code["kappa"].get<double>() > 0.2);
    CHECK(code["kappa"].get<double>() < 0.95);
    // Every null comes with a reason.
    for (const auto& [key, value] : overall.items()) {
        if (value.is_null()) {
            CHECK(overall["notes"].contains(key));
        }
    }
}

TEST_CASE("agreement --code restricts every figure, overall included", "[agreement][cli]") {
    DemoProject demo;
    const json all = json::parse(
        cli({"agreement", demo.path(), "--coders", "Alex,Sam", "--json", "--no-store"}).out);
    const quire::test::CliResult r = cli({"agreement", demo.path(), "--coders", "Alex,Sam",
                                          "--code", "Take the long view", "--json", "--no-store"});
    REQUIRE(r.status == 0);
    const json one = json::parse(r.out);
    REQUIRE(one["codes"].size() == 1);
    CHECK(one["codes"][0]["code"] == "Take the long view");
    REQUIRE(one["overall"]["percent_agreement"].is_number());
    CHECK(one["overall"]["percent_agreement"] != all["overall"]["percent_agreement"]);
    CHECK(one["overall"]["k_u_alpha"].size() == 1);
    // The code's own figures are those of the full run.
    for (const json& code : all["codes"]) {
        if (code["code"] == "Take the long view") {
            CHECK(one["codes"][0]["documents"] == code["documents"]);
            CHECK(one["codes"][0]["kappa"] == code["kappa"]);
            CHECK(one["codes"][0]["krippendorff_alpha"] == code["krippendorff_alpha"]);
        }
    }
    // Likewise one document's figures.
    const std::string document = all["codes"][0]["documents"][1]["document"];
    const json doc = json::parse(cli({"agreement", demo.path(), "--coders", "Alex,Sam", "--doc",
                                      document, "--json", "--no-store"})
                                     .out);
    REQUIRE(doc["codes"][0]["documents"].size() == 1);
    CHECK(doc["codes"][0]["documents"][0] == all["codes"][0]["documents"][1]);
}

TEST_CASE("agreement works for every unit of analysis", "[agreement][cli]") {
    DemoProject demo;
    for (const char* unit :
         {"character", "word", "sentence", "paragraph", "turn", "segment", "document"}) {
        INFO(unit);
        const quire::test::CliResult r = cli({"agreement", demo.path(), "--coders", "Alex,Sam",
                                              "--unit", unit, "--json", "--no-store"});
        REQUIRE(r.status == 0);
        const json j = json::parse(r.out);
        CHECK(j["unit"] == unit);
        CHECK(j["codes"][0]["documents"][0]["units"].get<std::int64_t>() > 0);
    }
    const json seg = json::parse(cli({"agreement", demo.path(), "--coders", "Alex,Sam", "--unit",
                                      "segment", "--json", "--no-store"})
                                     .out);
    CHECK(seg["codes"][0]["documents"][0].contains("matched"));
    CHECK(seg["codes"][0]["documents"][0]["unmatched"].contains("Sam"));
}

TEST_CASE("agreement runs are stored and listed by --history", "[agreement][cli]") {
    DemoProject demo;
    REQUIRE(cli({"agreement", demo.path(), "--coders", "Alex,Sam"}).status == 0);
    REQUIRE(cli({"agreement", demo.path(), "--coders", "Alex,Sam", "--no-store"}).status == 0);
    REQUIRE(cli({"agreement", demo.path(), "--coders", "Sam,Alex", "--unit", "paragraph"}).status ==
            0);
    const json history = json::parse(cli({"agreement", demo.path(), "--history", "--json"}).out);
    REQUIRE(history.size() == 2);
    CHECK(history[1]["parameters"]["unit"] == "paragraph");
    CHECK(history[1]["result"]["coders"] == json::array({"Sam", "Alex"}));

    // The stored report reads back as the command printed it.
    const json printed =
        json::parse(cli({"agreement", demo.path(), "--coders", "Alex,Sam", "--json"}).out);
    const json again = json::parse(cli({"agreement", demo.path(), "--history", "--json"}).out);
    REQUIRE(again.size() == 3);
    CHECK(again[2]["result"] == printed);
}

TEST_CASE("agreement refuses bad requests with one line and a non-zero status",
          "[agreement][cli]") {
    DemoProject demo;
    const quire::test::CliResult unknown =
        cli({"agreement", demo.path(), "--coders", "Alex,Nobody"});
    CHECK(unknown.status == 3);
    const quire::test::CliResult single = cli({"agreement", demo.path(), "--coders", "Alex"});
    CHECK(single.status == 4);
    const quire::test::CliResult unit =
        cli({"agreement", demo.path(), "--coders", "Alex,Sam", "--unit", "page"});
    CHECK(unit.status == 4);
    for (const quire::test::CliResult& r : {unknown, single, unit}) {
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
    const json history = json::parse(cli({"agreement", demo.path(), "--history", "--json"}).out);
    CHECK(history.empty());
}

TEST_CASE("agreement --ratings reproduces Krippendorff's 2011 example with missing values",
          "[agreement][cli]") {
    quire::test::ScratchDir dir;
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    // observers, twelve units, empty cells missing.
    const std::string table =
        "unit,A,B,C,D\n"
        "1,1,1,,1\n2,2,2,3,2\n3,3,3,3,3\n4,3,3,3,3\n5,2,2,2,2\n6,1,2,3,4\n"
        "7,4,4,4,4\n8,1,1,2,1\n9,2,2,2,2\n10,,5,5,5\n11,,,1,1\n12,,3,,\n";
    const std::string file = dir.write("ratings.csv", table);
    const std::vector<std::pair<const char*, double>> expected = {
        {"nominal", 0.743}, {"ordinal", 0.815}, {"interval", 0.849}, {"ratio", 0.797}};
    for (const auto& [level, alpha] : expected) {
        INFO(level);
        const quire::test::CliResult r =
            cli({"agreement", "--ratings", file, "--level", level, "--json"});
        REQUIRE(r.status == 0);
        const json j = json::parse(r.out);
        CHECK(j["krippendorff_alpha"].get<double>() == Approx(alpha).margin(0.0005));
        CHECK_FALSE(j.contains("cohen_kappa"));  // four coders
        CHECK(j.contains("fleiss_kappa"));
        CHECK(j.contains("gwet_ac1"));
        CHECK(j.contains("brennan_prediger"));
    }
}

TEST_CASE("agreement --ratings gives Cohen's kappa and Scott's pi for two coders",
          "[agreement][cli]") {
    quire::test::ScratchDir dir;
    // Labels need not be numbers for nominal data. 10 units: agree on 8.
    const std::string file =
        dir.write("two.csv",
                  "unit,Ann,Ben\n1,yes,yes\n2,yes,yes\n3,no,no\n4,no,no\n"
                  "5,yes,no\n6,no,no\n7,yes,yes\n8,no,yes\n9,no,no\n10,yes,yes\n");
    const quire::test::CliResult r = cli({"agreement", "--ratings", file, "--json"});
    REQUIRE(r.status == 0);
    const json j = json::parse(r.out);
    CHECK(j["percent_agreement"].get<double>() == Approx(80.0));
    // Ann: yes 5, no 5; Ben: yes 5, no 5 -> pe = 0.5, kappa = (0.8 - 0.5) / 0.5 = 0.6.
    CHECK(j["cohen_kappa"].get<double>() == Approx(0.6));
    CHECK(j["scott_pi"].get<double>() == Approx(0.6));
    const quire::test::CliResult missing = cli({"agreement", "--ratings", dir.path("absent.csv")});
    CHECK(missing.status != 0);
}

TEST_CASE("disagreements lists passages and adopt copies one version into the consensus layer",
          "[agreement][cli]") {
    DemoProject demo;
    const quire::test::CliResult listed =
        cli({"disagreements", demo.path(), "--coders", "Alex,Sam", "--json"});
    REQUIRE(listed.status == 0);
    const json all = json::parse(listed.out);
    REQUIRE(all.size() > 10);
    // A passage both coded, with different extents.
    json chosen;
    for (const json& d : all) {
        if (!d["Alex"].empty() && !d["Sam"].empty()) {
            chosen = d;
            break;
        }
    }
    REQUIRE_FALSE(chosen.is_null());
    CHECK(chosen["Alex"] != chosen["Sam"]);
    CHECK(chosen["consensus"].empty());
    const std::string at = std::to_string(chosen["start"].get<std::int64_t>());
    const quire::test::CliResult adopted =
        cli({"adopt", demo.path(), "--coders", "Alex,Sam", "--doc", chosen["document"], "--code",
             chosen["code"], "--at", at, "--take", "Sam"});
    REQUIRE(adopted.status == 0);
    const json after =
        json::parse(cli({"disagreements", demo.path(), "--coders", "Alex,Sam", "--doc",
                         chosen["document"], "--code", chosen["code"], "--json"})
                        .out);
    bool found = false;
    for (const json& d : after) {
        if (d["start"] == chosen["start"]) {
            CHECK(d["consensus"] == chosen["Sam"]);
            found = true;
        }
    }
    CHECK(found);
    // Adopting the other version replaces it.
    REQUIRE(cli({"adopt", demo.path(), "--coders", "Alex,Sam", "--doc", chosen["document"],
                 "--code", chosen["code"], "--at", at, "--take", "Alex"})
                .status == 0);
    const json coders = json::parse(cli({"coders", demo.path(), "--json"}).out);
    bool consensus = false;
    for (const json& c : coders) {
        if (c["name"] == "Consensus") {
            consensus = true;
            CHECK(c["codings"].get<std::size_t>() == chosen["Alex"].size());
        }
    }
    CHECK(consensus);
    CHECK(cli({"adopt", demo.path(), "--coders", "Alex,Sam", "--doc", chosen["document"], "--code",
               chosen["code"], "--at", "0", "--take", "Alex"})
              .status == 3);
}

TEST_CASE("agreement writes an XLSX workbook and an HTML report with formulas and counts",
          "[agreement][cli]") {
    DemoProject demo;
    const std::string xlsx = demo.dir.path("agreement.xlsx");
    const std::string html = demo.dir.path("agreement.html");
    REQUIRE(cli({"agreement", demo.path(), "--coders", "Alex,Sam", "--xlsx", xlsx, "--html", html})
                .status == 0);
    const std::string book = demo.dir.read("agreement.xlsx");
    CHECK(book.rfind("PK", 0) == 0);
    for (const char* part : {"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
                             "xl/worksheets/sheet4.xml", "xl/styles.xml"}) {
        CHECK(book.find(part) != std::string::npos);
    }
    const std::string report = demo.dir.read("agreement.html");
    CHECK(report.find("<table>") != std::string::npos);
    CHECK(report.find("EF1 = a·b / N") != std::string::npos);
    CHECK(report.find("Take the long view") != std::string::npos);
    CHECK(report.find("<svg") != std::string::npos);
    const quire::test::CliResult bad =
        cli({"agreement", demo.path(), "--coders", "Alex,Sam", "--xlsx",
             demo.dir.path("missing-folder/agreement.xlsx")});
    CHECK(bad.status != 0);
}
