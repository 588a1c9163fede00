// SPDX-License-Identifier: GPL-3.0-or-later
// A code's definition, inclusion and exclusion criteria and example travel in one REFI-QDA
// <Description>: every field comes back exactly, whatever it holds, and other tools'
// descriptions are read as before.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/exchange/qdpx_export.h"
#include "core/exchange/qdpx_import.h"
#include "core/project/project.h"
#include "tests/support/scratch.h"

namespace {

using quire::CodeFields;
using quire::Project;
using quire::test::ScratchDir;

struct Fields {
    std::string definition, inclusion, exclusion, example;
    bool operator==(const Fields& o) const {
        return definition == o.definition && inclusion == o.inclusion && exclusion == o.exclusion &&
               example == o.example;
    }
};

std::ostream& operator<<(std::ostream& out, const Fields& f) {
    return out << "{definition \"" << f.definition << "\", inclusion \"" << f.inclusion
               << "\", exclusion \"" << f.exclusion << "\", example \"" << f.example << "\"}";
}

// Each code's fields after export to a .qdc and import into a new project, in order.
std::vector<Fields> round_trip(const std::vector<Fields>& codes, std::string* qdc = nullptr) {
    ScratchDir dir;
    {
        Project source = Project::create(dir.path("source.quire"));
        int n = 0;
        for (const Fields& f : codes) {
            CodeFields fields;
            fields.definition = f.definition;
            fields.inclusion = f.inclusion;
            fields.exclusion = f.exclusion;
            fields.example = f.example;
            source.add_code("code " + std::to_string(n++), std::nullopt, fields);
        }
        quire::exchange::export_qdc(source, dir.path("book.qdc"));
        if (qdc != nullptr) {
            *qdc = dir.read("book.qdc");
        }
    }
    Project copy = Project::create(dir.path("copy.quire"));
    quire::exchange::import_qdc(copy, dir.path("book.qdc"));
    std::vector<Fields> out;
    for (const quire::Code& c : copy.codes()) {
        out.push_back({c.definition, c.inclusion, c.exclusion, c.example});
    }
    return out;
}

// The fields a .qdc written by another tool gives one code with this description.
Fields read_foreign(const std::string& description_xml) {
    ScratchDir dir;
    const std::string qdc =
        R"(<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" )"
        R"(origin="Other 1.0"><Codes><Code guid="00000000-0000-0000-0000-000000000001" )"
        R"(name="C" isCodable="true"><Description>)" +
        description_xml + "</Description></Code></Codes></CodeBook>";
    Project p = Project::create(dir.path("p.quire"));
    quire::exchange::import_qdc(p, dir.write("other.qdc", qdc));
    const quire::Code c = p.codes().at(0);
    return {c.definition, c.inclusion, c.exclusion, c.example};
}

}  // namespace

TEST_CASE(
    "code fields holding field labels, padding and blank lines come back exactly from a "
    ".qdc",
    "[exchange][codebook]") {
    const std::vector<Fields> codes = {
        {"Talk about risk.\nInclusion: any mention of danger\nExample: \"it felt unsafe\"", "", "",
         ""},
        {"Definition: the label is part of the text", "", "", ""},
        {"  padded on both sides  ", "", "", ""},
        {"\n\nblank lines around\n\n", "\n", " ", "\t"},
        {"", "Inclusion: twice\nInclusion: over", "", "Example:"},
        {"Definition (5 characters): abcde", "Example (3 characters): ab", "Exclusion:", "x"},
        {"Exclusion: starts like another field",
         "Definition: and this one too\nExclusion: and here", "Example: inside the exclusion\n",
         "Inclusion: inside the example"},
        {"caf\u00E9 \U0001F600 \u4E16\u754C", "", "", "\u0645\u0631\u062D\u0628\u0627"},
    };
    const std::vector<Fields> back = round_trip(codes);
    REQUIRE(back.size() == codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i) {
        INFO("code " << i);
        CHECK(back[i] == codes[i]);
    }
}

TEST_CASE("a CRLF inside a code field comes back as CRLF from a .qdc", "[exchange][codebook]") {
    const std::vector<Fields> codes = {{"first line\r\nsecond line", "a\rb", "", "end\r\n"}};
    const std::vector<Fields> back = round_trip(codes);
    REQUIRE(back.size() == 1);
    CHECK(back[0] == codes[0]);
}

TEST_CASE("an ordinary code's description is still the labelled text other tools read",
          "[exchange][codebook]") {
    std::string qdc;
    const std::vector<Fields> codes = {
        {"Talk about risk.", "", "", ""},
        {"Talk about trust.", "Any mention.", "", "\"I trust her\""}};
    CHECK(round_trip(codes, &qdc) == codes);
    CHECK(qdc.find("<Description>Talk about risk.</Description>") != std::string::npos);
    CHECK(qdc.find("<Description>Definition: Talk about trust.\nInclusion: Any mention.\n"
                   "Example: \"I trust her\"</Description>") != std::string::npos);
}

TEST_CASE("other tools' plain and labelled descriptions are read as before",
          "[exchange][codebook]") {
    CHECK(read_foreign("  Just a definition.\n") == Fields{"Just a definition.", "", "", ""});
    CHECK(read_foreign("Definition: how people feel\nInclusion: moods\n"
                       "Exclusion: weather\nExample: \"I am glad\"") ==
          Fields{"how people feel", "moods", "weather", "\"I am glad\""});
    CHECK(read_foreign("Preamble line\nInclusion: moods") ==
          Fields{"Preamble line", "moods", "", ""});
    CHECK(read_foreign("a\r\nb&#13;\nc") == Fields{"a\nb\nc", "", "", ""});
    // A counted label whose count does not fit is read as ordinary text: nothing is lost.
    CHECK(read_foreign("Definition (99 characters): short") ==
          Fields{"Definition (99 characters): short", "", "", ""});
}
