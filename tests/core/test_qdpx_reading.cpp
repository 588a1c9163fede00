// SPDX-License-Identifier: GPL-3.0-or-later
// Pins the reading helpers, package and codebook pieces that moved out of qdpx_import.cpp.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "core/base/errors.h"
#include "core/exchange/qdpx_codebook.h"
#include "core/exchange/qdpx_package.h"
#include "core/exchange/qdpx_reading.h"
#include "core/formats/zip_writer.h"
#include "tests/support/scratch.h"

namespace qdpx = quire::exchange::qdpx;
using quire::ImportError;
using quire::exchange::ImportReport;
using quire::test::ScratchDir;

// A size no test file reaches.
constexpr std::size_t kLimit = 1024 * 1024;

TEST_CASE("GUIDs compare without braces, case or blanks, names become one line",
          "[exchange][reading]") {
    CHECK(qdpx::normalize_guid(" {ABC-1} ") == "abc-1");
    CHECK(qdpx::one_line("two\nlines\tand tab", "x") == "two lines and tab");
    CHECK(qdpx::one_line(" \r\n ", "fallback") == "fallback");
    CHECK(qdpx::one_line("\xFF", "fallback") == "fallback");
    CHECK(qdpx::one_line("e\xCC\x81", "x") == "\xC3\xA9");
}

TEST_CASE("positions parse only as whole numbers of at most 18 digits", "[exchange][reading]") {
    CHECK(qdpx::parse_integer(" 42 ") == 42);
    CHECK(qdpx::parse_integer("+7") == 7);
    CHECK_FALSE(qdpx::parse_integer("-1"));
    CHECK_FALSE(qdpx::parse_integer("+"));
    CHECK_FALSE(qdpx::parse_integer("1.5"));
    CHECK_FALSE(qdpx::parse_integer(""));
    CHECK_FALSE(qdpx::parse_integer("1234567890123456789"));
}

TEST_CASE("a taken name gets a number and the rename is reported", "[exchange][reading]") {
    ImportReport report;
    const auto taken = [](const std::string& n) { return n == "Trust" || n == "Trust (2)"; };
    CHECK(qdpx::pick_unique_name(report, "Risk", "code", taken) == "Risk");
    CHECK(report.adjusted.empty());
    CHECK(qdpx::pick_unique_name(report, "Trust", "code", taken) == "Trust (3)");
    REQUIRE(report.adjusted.size() == 1);
    CHECK(report.adjusted[0] ==
          "code \xE2\x80\x9CTrust\xE2\x80\x9D renamed \xE2\x80\x9CTrust (3)\xE2\x80\x9D: the name "
          "was already taken");
}

TEST_CASE("elements and attributes are found by local name", "[exchange][reading]") {
    pugi::xml_document xml;
    qdpx::load_refi_xml(xml,
                        "<q:Project xmlns:q='urn:x'><q:Users><q:User q:guid='{A}' name='Ann'/>"
                        "<User guid='b'/></q:Users></q:Project>",
                        "Project", "project");
    const pugi::xml_node users = qdpx::child(xml.document_element(), "Users");
    const auto list = qdpx::children(users, "User");
    REQUIRE(list.size() == 2);
    CHECK(qdpx::guid_of(list[0]) == "a");
    CHECK(std::string(qdpx::attr(list[0], "name")) == "Ann");
    CHECK(std::string(qdpx::attr(list[1], "name")).empty());
}

TEST_CASE("REFI-QDA XML with entities or the wrong root is refused", "[exchange][reading]") {
    pugi::xml_document xml;
    CHECK_THROWS_AS(qdpx::load_refi_xml(xml, "<CodeBook/>", "Project", "project"), ImportError);
    CHECK_THROWS_AS(qdpx::load_refi_xml(xml,
                                        "<!DOCTYPE p [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                                        "<Project/>",
                                        "Project", "project"),
                    ImportError);
    CHECK_THROWS_AS(qdpx::load_refi_xml(xml, "<Project>", "Project", "project"), ImportError);
}

TEST_CASE("entry names that leave the archive are unsafe, with either slash",
          "[exchange][package]") {
    for (const char* bad : {"../x", "a/../b", "a\\..\\b", "/etc/passwd", "C:\\x", "c:/x", ""}) {
        CHECK(qdpx::is_unsafe_entry_name(bad));
    }
    for (const char* good : {"project.qde", "sources/a.txt", "a..b.txt", "...", "sources\\b.txt"}) {
        CHECK_FALSE(qdpx::is_unsafe_entry_name(good));
    }
    CHECK(qdpx::safe_relative("./././sources\\a.txt") == "sources/a.txt");
    CHECK(qdpx::safe_relative("../a.txt").empty());
}

TEST_CASE("a package reads its project file and the sources its paths name",
          "[exchange][package]") {
    ScratchDir dir;
    const std::string path = dir.path("p.qdpx");
    quire::util::ZipWriter zip(path);
    zip.add("Other.qde", "<Project/>");
    zip.add("sources/Doc.txt", "text");
    zip.commit();
    ImportReport report;
    qdpx::Package package = qdpx::Package::open(path, report);
    CHECK(package.project_xml() == "<Project/>");
    REQUIRE(report.adjusted.size() == 1);
    CHECK(report.adjusted[0] ==
          "project file read from \"Other.qde\" (the archive has no "
          "project.qde)");
    std::string why;
    bool scheme_missing = true;
    CHECK(package.read_referenced("internal://doc.TXT", why, scheme_missing, kLimit) == "text");
    CHECK_FALSE(scheme_missing);
    CHECK(package.read_referenced("Doc.txt", why, scheme_missing, kLimit) == "text");
    CHECK(scheme_missing);
    CHECK_FALSE(package.read_referenced("https://example.org/a.txt", why, scheme_missing, kLimit));
    CHECK(why == "its file \"https://example.org/a.txt\" is outside the project archive");
    CHECK_FALSE(package.read_referenced("internal://../a.txt", why, scheme_missing, kLimit));
    CHECK(why == "its path \"internal://../a.txt\" is not a plain file name");
    CHECK_FALSE(package.read_referenced("internal://gone.txt", why, scheme_missing, kLimit));
    CHECK(why == "its file \"internal://gone.txt\" is missing from the archive");
}

TEST_CASE("a bare project file finds its sources in a sources folder beside it",
          "[exchange][package]") {
    ScratchDir dir;
    const std::string path = dir.write("p.qde", "<Project/>");
    dir.write("Sources/a.txt", "beside");
    ImportReport report;
    qdpx::Package package = qdpx::Package::open(path, report);
    std::string why;
    bool scheme_missing = false;
    CHECK(package.read_referenced("internal://a.txt", why, scheme_missing, kLimit) == "beside");
    CHECK_FALSE(package.read_referenced("internal://b.txt", why, scheme_missing, kLimit));
    CHECK(why == "its file \"internal://b.txt\" is not beside the project file");
    CHECK_THROWS_AS(qdpx::Package::open(dir.path("none.qdpx"), report), ImportError);
}

TEST_CASE("a code description splits on its labels, unlabelled text is the definition",
          "[exchange][codebook]") {
    const qdpx::CodeDescription plain = qdpx::split_description("  Just a definition.\n");
    CHECK(plain.definition == "Just a definition.");
    CHECK(plain.inclusion.empty());
    const qdpx::CodeDescription labelled = qdpx::split_description(
        "Preamble\r\nDefinition: Trust in staff\nsecond line\nINCLUSION: named people\n"
        "Exclusion: none\nExample: \"she knew me\"");
    CHECK(labelled.definition == "Preamble\nTrust in staff\nsecond line");
    CHECK(labelled.inclusion == "named people");
    CHECK(labelled.exclusion == "none");
    CHECK(labelled.example == "\"she knew me\"");
}
