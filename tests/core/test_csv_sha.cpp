// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/formats/csv.h"
#include "core/util/sha256.h"

using quire::util::csv_field;
using quire::util::csv_line;
using quire::util::CsvRow;
using quire::util::parse_csv;
using quire::util::sha256_hex;

// --- CSV ------------------------------------------------------------------------------

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

TEST_CASE("csv_line joins fields with commas and ends with a newline", "[csv]") {
    CHECK(csv_line({"a", "b,c", "d\"e"}) == "a,\"b,c\",\"d\"\"e\"\n");
}

TEST_CASE("csv_line output parses back to the same row", "[csv]") {
    const CsvRow row = {"Interview, \"A\"", "Ann", "Theme/Sub, \"x\"",
                        "multi\nline",      "",    "caf\xC3\xA9 \xF0\x9F\x98\x80"};
    const auto rows = parse_csv(csv_line(row) + csv_line({"1", "2"}));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == row);
    CHECK(rows[1] == CsvRow{"1", "2"});
}

// --- SHA-256 --------------------------------------------------------------------------

TEST_CASE("sha256_hex matches the FIPS 180-4 example vectors", "[sha256]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(
        sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnop"
                   "qklmnopqrlmnopqrsmnopqrstnopqrstu") ==
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST_CASE("sha256_hex of one million 'a' matches the FIPS vector", "[sha256]") {
    CHECK(sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256_hex pads correctly around the 64-byte block boundary", "[sha256]") {
    // 55 bytes is the longest message whose padding fits one block; 56 needs a second.
    CHECK(sha256_hex(std::string(55, 'a')) ==
          "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(sha256_hex(std::string(56, 'a')) ==
          "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK(sha256_hex(std::string(63, 'a')) ==
          "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
    CHECK(sha256_hex(std::string(64, 'a')) ==
          "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    CHECK(sha256_hex(std::string(65, 'a')) ==
          "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0");
    CHECK(sha256_hex(std::string(119, 'a')) ==
          "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
    CHECK(sha256_hex(std::string(120, 'a')) ==
          "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c");
}

TEST_CASE("sha256_hex hashes bytes including NUL and high bytes", "[sha256]") {
    const std::string with_nul("a\0b", 3);
    CHECK(sha256_hex(with_nul) != sha256_hex("ab"));
    const std::string digest = sha256_hex(std::string("\xFF\x00\x80", 3));
    CHECK(digest.size() == 64);
    CHECK(digest.find_first_not_of("0123456789abcdef") == std::string::npos);
}
