// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/formats/csv.h"

using quire::util::csv_field;
using quire::util::csv_line;
using quire::util::CsvRow;
using quire::util::parse_csv;

TEST_CASE("parse_csv splits plain rows and fields", "[csv]") {
    const auto rows = parse_csv("document,coder,code\nA,Ann,Risk\nB,Ben,Trust\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == CsvRow{"document", "coder", "code"});
    CHECK(rows[1] == CsvRow{"A", "Ann", "Risk"});
    CHECK(rows[2] == CsvRow{"B", "Ben", "Trust"});
}

TEST_CASE("parse_csv reads the last row without a trailing newline", "[csv]") {
    const auto rows = parse_csv("a,b\n1,2");
    REQUIRE(rows.size() == 2);
    CHECK(rows[1] == CsvRow{"1", "2"});
}

TEST_CASE("parse_csv keeps empty fields", "[csv]") {
    const auto rows = parse_csv("a,,c\n,\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == CsvRow{"a", "", "c"});
    CHECK(rows[1] == CsvRow{"", ""});
}

TEST_CASE("parse_csv skips blank lines", "[csv]") {
    const auto rows = parse_csv("a,b\n\n1,2\n\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[1] == CsvRow{"1", "2"});
}

TEST_CASE("parse_csv unquotes fields with commas and doubled quotes", "[csv]") {
    const auto rows = parse_csv("\"Smith, Jane\",\"she said \"\"no\"\"\",\"\"\n");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == CsvRow{"Smith, Jane", "she said \"no\"", ""});
}

TEST_CASE("parse_csv keeps line breaks inside quoted fields", "[csv]") {
    const auto rows = parse_csv("\"first line\nsecond line\",x\ny,z\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == CsvRow{"first line\nsecond line", "x"});
    CHECK(rows[1] == CsvRow{"y", "z"});
}

TEST_CASE("parse_csv accepts CRLF line endings without leaving carriage returns", "[csv]") {
    const auto rows = parse_csv("a,b\r\n1,\"two\"\r\n3,4\r\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == CsvRow{"a", "b"});
    CHECK(rows[1] == CsvRow{"1", "two"});
    CHECK(rows[2] == CsvRow{"3", "4"});
}

TEST_CASE("parse_csv ignores a UTF-8 byte order mark", "[csv]") {
    const auto rows = parse_csv(
        "\xEF\xBB\xBF"
        "document,coder\nD\xC3\xA9j\xC3\xA0,Ann\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][0] == "document");
    CHECK(rows[1][0] == "D\xC3\xA9j\xC3\xA0");
}

TEST_CASE("parse_csv refuses an unterminated quoted field and names its line", "[csv]") {
    const std::string text = "a,b\n1,2\n\"never closed,3\n4,5\n";
    REQUIRE_THROWS_AS(parse_csv(text), quire::InvalidInputError);
    REQUIRE_THROWS_WITH(parse_csv(text), Catch::Contains("3"));
}

TEST_CASE("csv_field quotes only when needed", "[csv]") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("") == "");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
}

TEST_CASE("a first field beginning with U+FEFF reads back whole, not as a byte order mark",
          "[csv]") {
    const CsvRow row = {
        "\xEF\xBB\xBF"
        "x",
        "y"};
    const auto rows = parse_csv(csv_line({row.begin(), row.end()}));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == row);
}

TEST_CASE("csv_line joins fields with commas and ends with a newline", "[csv]") {
    CHECK(csv_line({"a", "b,c", "d\"e"}) == "a,\"b,c\",\"d\"\"e\"\n");
}

TEST_CASE("csv_line output parses back to the same row", "[csv]") {
    const CsvRow row = {"Interview, \"A\"", "Ann", "Theme/Sub, \"x\"",
                        "multi\nline",      "",    "caf\xC3\xA9 \xF0\x9F\x98\x80"};
    const auto rows = parse_csv(csv_line({row.begin(), row.end()}) + csv_line({"1", "2"}));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == row);
    CHECK(rows[1] == CsvRow{"1", "2"});
}
