// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/cli.h"
#include "core/formats/csv.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using nlohmann::json;

using quire::test::cli;

TEST_CASE("coded segments export as CSV with cases, attributes, code path and exact text",
          "[export][cli]") {
    quire::test::ScratchDir dir;
    const std::string p = dir.path("demo.quire");
    REQUIRE(cli({"demo", p}).status == 0);
    const quire::test::CliResult r = cli({"segments", p, "--csv"});
    REQUIRE(r.status == 0);
    const auto rows = quire::util::parse_csv(r.out);
    REQUIRE(rows.size() > 1);
    CHECK(rows[0] == quire::util::CsvRow{"document", "case", "role", "service centre",
                                         "interview type", "code", "coder", "start", "end",
                                         "text"});
    const json codings = json::parse(cli({"codings", "export", p, "--json"}).out);
    CHECK(rows.size() == codings.size() + 1);
    // Every row's text is the stored text between its offsets.
    std::map<std::string, std::string> texts;
    for (std::size_t i = 1; i < rows.size(); i += 25) {
        const auto& row = rows[i];
        if (!texts.count(row[0])) {
            texts[row[0]] = json::parse(cli({"text", p, row[0], "--json"}).out)["text"];
        }
        const json sliced = json::parse(cli({"segments", p, "--code", row[5], "--doc", row[0],
                                             "--coder", row[6], "--exact", "--json"})
                                            .out);
        bool found = false;
        for (const json& s : sliced) {
            if (std::to_string(s["start"].get<long long>()) == row[7] &&
                std::to_string(s["end"].get<long long>()) == row[8]) {
                CHECK(s["text"] == row[9]);
                found = true;
            }
        }
        CHECK(found);
    }
    CHECK(rows[1][1] == "P01 Priya");
    CHECK(rows[1][2] == "practitioner");
}

TEST_CASE("the codebook exports every field as CSV, Markdown and XLSX", "[export][cli]") {
    quire::test::ScratchDir dir;
    const std::string p = dir.path("demo.quire");
    REQUIRE(cli({"demo", p}).status == 0);
    const auto rows = quire::util::parse_csv(cli({"codebook", p, "--csv"}).out);
    REQUIRE(rows.size() == 17);
    CHECK(rows[0][4] == "definition");
    CHECK(rows[0][5] == "inclusion criteria");
    CHECK_FALSE(rows[1][4].empty());
    CHECK_FALSE(rows[1][5].empty());
    CHECK_FALSE(rows[1][6].empty());
    CHECK_FALSE(rows[1][7].empty());
    const std::string md = cli({"codebook", p, "--md"}).out;
    CHECK(md.find("## Working with uncertainty") != std::string::npos);
    CHECK(md.find("**Exclusion criteria.**") != std::string::npos);
    REQUIRE(cli({"codebook", p, "--xlsx", dir.path("codebook.xlsx")}).status == 0);
    CHECK(dir.read("codebook.xlsx").rfind("PK", 0) == 0);
    CHECK(cli({"codebook", p}).status == 2);
}

TEST_CASE("the project report lists code frequencies and segments, and will not overwrite",
          "[export][cli]") {
    quire::test::ScratchDir dir;
    const std::string p = dir.path("demo.quire");
    REQUIRE(cli({"demo", p}).status == 0);
    REQUIRE(cli({"report", p, dir.path("report.html")}).status == 0);
    const std::string html = dir.read("report.html");
    CHECK(html.find("<h2>Code frequencies</h2>") != std::string::npos);
    CHECK(html.find("<blockquote>") != std::string::npos);
    CHECK(html.find("Take the long view") != std::string::npos);
    CHECK(cli({"report", p, dir.path("report.html")}).status == 5);
    CHECK(cli({"report", p, dir.path("report.html"), "--force"}).status == 0);
}
