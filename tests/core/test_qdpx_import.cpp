// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/exchange/qdpx_import.h"

#include <zip.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "core/base/errors.h"
#include "core/demo/demo.h"
#include "core/exchange/qdpx_export.h"
#include "core/project/project.h"
#include "core/text/unicode.h"
#include "tests/core/zip_parts.h"
#include "tests/support/scratch.h"
#include "tests/support/shared.h"

namespace {

using quire::ImportError;
using quire::Project;
using quire::exchange::import_qdc;
using quire::exchange::import_qdpx;
using quire::exchange::ImportReport;
using quire::exchange::preview_qdc;
using quire::exchange::preview_qdpx;
using quire::test::ScratchDir;
using quire::test::TempProjectPath;
using Entries = std::vector<std::pair<std::string, std::string>>;

std::string write_zip(const ScratchDir& dir, const std::string& name, const Entries& entries) {
    return quire::test::write_zip(dir.path(name), entries);
}

std::string read_zip_entry(const std::string& path, const std::string& entry) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
    REQUIRE(archive != nullptr);
    zip_stat_t stat;
    REQUIRE(zip_stat(archive, entry.c_str(), 0, &stat) == 0);
    zip_file_t* file = zip_fopen(archive, entry.c_str(), 0);
    REQUIRE(file != nullptr);
    std::string data(static_cast<std::size_t>(stat.size), '\0');
    REQUIRE(zip_fread(file, data.data(), data.size()) == static_cast<zip_int64_t>(data.size()));
    zip_fclose(file);
    zip_discard(archive);
    return data;
}

std::u16string utf16_of(const std::string& utf8) {
    std::u16string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? lead : n == 2 ? (lead & 0x1F) : n == 3 ? (lead & 0x0F) : (lead & 7);
        for (std::size_t k = 1; k < n; ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        }
        if (cp > 0xFFFF) {
            cp -= 0x10000;
            out += static_cast<char16_t>(0xD800 + (cp >> 10));
            out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
        } else {
            out += static_cast<char16_t>(cp);
        }
        i += n;
    }
    return out;
}

std::string utf8_of(const std::u16string& units) {
    std::string out;
    for (std::size_t i = 0; i < units.size(); ++i) {
        char32_t cp = units[i];
        if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < units.size()) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (units[++i] - 0xDC00);
        }
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

bool mentions(const std::vector<std::string>& lines, const std::string& needle) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(needle) != std::string::npos; });
}

// Every imported coding covers a non-empty range inside its document.
void require_codings_within_documents(Project& project) {
    for (const quire::Segment& s : project.segments({}, 0)) {
        const quire::Document d = project.document(s.coding.document_id);
        REQUIRE(s.coding.start >= 0);
        REQUIRE(s.coding.start < s.coding.end);
        REQUIRE(s.coding.end <= d.length);
        REQUIRE(s.text ==
                quire::text::slice(project.document_text(d.id), s.coding.start, s.coding.end));
    }
}

std::string samples_dir() {
#ifdef QUIRE_SHARED_DIR
    return std::string(QUIRE_SHARED_DIR) + "/refi-qda/samples";
#else
    return {};
#endif
}

struct Expected {
    int sources, codes, codings, notes, cases, variables, users;
};

void require_counts(const ImportReport& r, Project& project, const Expected& e) {
    CHECK(r.sources == e.sources);
    CHECK(r.codes == e.codes);
    CHECK(r.codings == e.codings);
    CHECK(r.notes == e.notes);
    CHECK(r.cases == e.cases);
    CHECK(r.variables == e.variables);
    CHECK(r.users == e.users);
    CHECK(static_cast<int>(project.documents().size()) == e.sources);
    CHECK(static_cast<int>(project.codes().size()) == e.codes);
    CHECK(static_cast<int>(project.codings().size()) == e.codings);
    CHECK(static_cast<int>(project.memos().size()) == e.notes);
}

ImportReport import_sample(Project& project, const std::string& file) {
    const std::string path = samples_dir() + "/" + file;
    const ImportReport preview = preview_qdpx(path);
    const ImportReport report = import_qdpx(project, path);
    CHECK(preview.sources == report.sources);
    CHECK(preview.codes == report.codes);
    CHECK(preview.codings == report.codings);
    CHECK(preview.notes == report.notes);
    INFO("origin: " << report.origin);
    for (const std::string& line : report.adjusted) {
        UNSCOPED_INFO("adjusted: " << line);
    }
    return report;
}

}  // namespace

TEST_CASE("NVivo for Windows sample: UTF-16 positions with CRLF as two land on the coded text",
          "[exchange][shared]") {
    if (quire::test::shared_file("refi-qda/samples").empty()) {
        return;
    }
    const std::string file = "nvivo-win-12.6__oltas0517.qdpx";
    TempProjectPath path;
    Project project = Project::create(path.str());
    const ImportReport r = import_sample(project, file);
    CHECK(r.origin == "NVivo for Windows 12.6");
    require_counts(r, project, {2, 152, 303, 0, 0, 0, 2});
    CHECK(r.skipped.empty());
    CHECK(mentions(r.adjusted, "UTF-16 units with CRLF as two (NVivo for Windows)"));
    CHECK(mentions(r.adjusted, "byte order mark"));
    require_codings_within_documents(project);

    // Independent check: slice the .txt as UTF-16 (BOM removed, CRLF kept), as NVivo did.
    const std::string archive = samples_dir() + "/" + file;
    const std::string qde = read_zip_entry(archive, "project.qde");
    std::string raw = read_zip_entry(archive, "Sources/68bbdc14-c361-4432-b4dd-ae1dbfc12890.txt");
    REQUIRE(raw.substr(0, 3) == "\xEF\xBB\xBF");
    const std::u16string units = utf16_of(raw.substr(3));
    std::vector<std::string> expected;
    const std::regex position(R"re(startPosition="(\d+)" endPosition="(\d+)")re");
    for (auto it = std::sregex_iterator(qde.begin(), qde.end(), position);
         it != std::sregex_iterator(); ++it) {
        const std::size_t start = std::stoul((*it)[1]);
        const std::size_t end = std::stoul((*it)[2]);
        REQUIRE(end <= units.size());
        expected.push_back(
            quire::text::normalize_for_storage(utf8_of(units.substr(start, end - start))));
    }
    REQUIRE(expected.size() == 303);
    const quire::Document doc = project.find_document("videos_10_selected");
    quire::CodingFilter filter;
    filter.document_id = doc.id;
    std::vector<std::string> actual;
    for (const quire::Segment& s : project.segments(filter, 0)) {
        actual.push_back(s.text);
    }
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    CHECK(actual == expected);
}

TEST_CASE("qc sample: paths without internal:// and whole-line selections", "[exchange][shared]") {
    if (quire::test::shared_file("refi-qda/samples").empty()) {
        return;
    }
    TempProjectPath path;
    Project project = Project::create(path.str());
    const ImportReport r = import_sample(project, "qc-1.3.2__demo.qdpx");
    CHECK(r.origin == "qc 1.3.2");
    require_counts(r, project, {2, 262, 205, 0, 0, 0, 1});
    CHECK(r.skipped.empty());
    CHECK(mentions(r.adjusted, "internal://"));
    require_codings_within_documents(project);
    // qc codes whole lines ("line:N"): every segment starts and ends at a line boundary.
    for (const quire::Segment& s : project.segments({}, 1)) {
        INFO(s.text);
        CHECK((s.before.empty() || s.before == "\n"));
        CHECK((s.after.empty() || s.after == "\n" || s.text.back() == '\n'));
        const std::string line =
            s.text.back() == '\n' ? s.text.substr(0, s.text.size() - 1) : s.text;
        CHECK(line.find('\n') == std::string::npos);
    }
}

TEST_CASE("NVivo for Mac sample: a codebook with empty sources", "[exchange][shared]") {
    if (quire::test::shared_file("refi-qda/samples").empty()) {
        return;
    }
    TempProjectPath path;
    Project project = Project::create(path.str());
    const ImportReport r = import_sample(project, "nvivo-mac-15.0.0__nvivo_project.qdpx");
    require_counts(r, project, {0, 262, 0, 0, 0, 0, 2});
    CHECK(r.skipped.size() == 2);
    CHECK(mentions(r.skipped, "its text is empty"));
    // The hierarchy survives: qc's "rq1_definition" has children.
    const quire::Code parent = project.find_code("rq1_definition");
    const auto codes = project.codes();
    CHECK(std::any_of(codes.begin(), codes.end(),
                      [&](const quire::Code& c) { return c.parent_id == parent.id; }));
}

TEST_CASE("ATLAS.ti for Windows sample: users and a small codebook", "[exchange][shared]") {
    if (quire::test::shared_file("refi-qda/samples").empty()) {
        return;
    }
    TempProjectPath path;
    Project project = Project::create(path.str());
    const ImportReport r = import_sample(project, "atlasti-win-23.2.3__target-atlas-project.qdpx");
    require_counts(r, project, {0, 3, 0, 0, 0, 0, 2});
    CHECK(project.code_path(project.find_code("2022-05-10T02:05:59Z 19e4dce").id) ==
          "Commits/2022-05-10T02:05:59Z 19e4dce");
    CHECK_NOTHROW(project.find_coder("Enric Llagostera"));
}

TEST_CASE("spec annex sample (bare .qde): media without files are reported, memos kept",
          "[exchange][shared]") {
    if (quire::test::shared_file("refi-qda/samples").empty()) {
        return;
    }
    TempProjectPath path;
    Project project = Project::create(path.str());
    const ImportReport r = import_sample(project, "atlasti-mac-8.4.0__spec-annexA2__Project.qde");
    // No source files travel with the bare .qde: two notes, and two quotation comments
    // whose sources are missing, become project memos.
    require_counts(r, project, {0, 14, 0, 4, 0, 0, 3});
    CHECK(mentions(r.skipped, "1960s Coca Cola commercial"));
    CHECK(mentions(r.skipped, "PictureSelection"));
    CHECK(mentions(r.skipped, "has no counterpart in Quire"));
    const quire::Code cornflakes = project.find_code("cornflakes");
    CHECK(cornflakes.color == "#DC0000");
    CHECK(cornflakes.definition == "breakfast cereal made by Kellogg\u2019s");
    CHECK(project.code_sets().size() == 5);
}

// --- hand-written projects ---------------------------------------------------------------

namespace {

const std::string kHeader =
    R"(<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" )";

std::string nvivo_project() {
    return kHeader +
           R"(name="t" origin="NVivo for Windows 12.6" creatingUserGUID="{AAAAAAAA-0000-0000-0000-000000000001}">
<Users><User guid="{AAAAAAAA-0000-0000-0000-000000000001}" name="Ann"/></Users>
<CodeBook><Codes>
  <Code guid="{C0DE0000-0000-0000-0000-0000000000AA}" name="Mood" isCodable="false" color="#112233">
    <Description>Definition: how people feel
Inclusion: explicit feelings
Exclusion: guesses
Example: "I am glad"</Description>
    <NoteRef targetGUID="n0000000-0000-0000-0000-000000000001"/>
    <Code guid="C0DE0000-0000-0000-0000-0000000000BB" name="Good" isCodable="true"/>
  </Code>
</Codes></CodeBook>
<Variables>
  <Variable guid="v1" name="age" typeOfVariable="Integer"/>
  <Variable guid="v2" name="group" typeOfVariable="Text"/>
</Variables>
<Cases>
  <Case guid="k1"><VariableValue><VariableRef targetGUID="V1"/><IntegerValue>42</IntegerValue></VariableValue>
    <SourceRef targetGUID="{5000000A-0000-0000-0000-000000000000}"/></Case>
  <Case guid="k2" name="Bob"><VariableValue><VariableRef targetGUID="v2"/><TextValue>x</TextValue></VariableValue></Case>
</Cases>
<Sources>
  <TextSource guid="{5000000A-0000-0000-0000-000000000000}" name="interview" plainTextPath="internal://5000000a-0000-0000-0000-000000000000.txt">
    <PlainTextSelection guid="s1" startPosition="9" endPosition="14" creatingUser="aaaaaaaa-0000-0000-0000-000000000001">
      <Coding guid="c1"><CodeRef targetGUID="{c0de0000-0000-0000-0000-0000000000bb}"/></Coding></PlainTextSelection>
    <PlainTextSelection guid="s2" startPosition="16" endPosition="30">
      <Coding guid="c2"><CodeRef targetGUID="C0DE0000-0000-0000-0000-0000000000BB"/></Coding></PlainTextSelection>
    <PlainTextSelection guid="s3" startPosition="28" endPosition="29">
      <Coding guid="c3"><CodeRef targetGUID="C0DE0000-0000-0000-0000-0000000000BB"/></Coding></PlainTextSelection>
    <PlainTextSelection guid="s4" startPosition="30" endPosition="99">
      <Coding guid="c4"><CodeRef targetGUID="C0DE0000-0000-0000-0000-0000000000BB"/></Coding></PlainTextSelection>
    <PlainTextSelection guid="s5" startPosition="0" endPosition="5"/>
    <NoteRef targetGUID="n0000000-0000-0000-0000-000000000002"/>
  </TextSource>
</Sources>
<Notes>
  <Note guid="N0000000-0000-0000-0000-000000000001" name="about mood"><PlainTextContent>code memo</PlainTextContent></Note>
  <Note guid="n0000000-0000-0000-0000-000000000002" name="about interview"><PlainTextContent>doc memo</PlainTextContent></Note>
</Notes>
<Sets/>
</Project>)";
}

// UTF-16 units: "Hello " 0-6, U+1F600 6-8, " world" 8-14, CRLF 14-16, "Second line " 16-28,
// U+1F44D 28-30, " end" 30-34, CRLF 34-36.
const std::string kCrlfEmojiText =
    "\xEF\xBB\xBFHello \xF0\x9F\x98\x80 world\r\nSecond line \xF0\x9F\x91\x8D end\r\n";

}  // namespace

TEST_CASE("NVivo-Windows positions in UTF-16 units around emoji map to code points", "[exchange]") {
    ScratchDir dir;
    const std::string qdpx =
        write_zip(dir, "t.qdpx",
                  {{"project.qde", nvivo_project()},
                   {"Sources/5000000a-0000-0000-0000-000000000000.txt", kCrlfEmojiText}});
    TempProjectPath path;
    Project project = Project::create(path.str());
    const ImportReport r = import_qdpx(project, qdpx);
    CHECK(r.sources == 1);
    CHECK(r.codes == 2);
    CHECK(r.codings == 2);
    CHECK(r.cases == 2);
    CHECK(r.variables == 2);
    CHECK(r.users == 1);
    CHECK(r.notes == 2);

    const quire::Document doc = project.find_document("interview");
    CHECK(project.document_text(doc.id) ==
          "Hello \xF0\x9F\x98\x80 world\nSecond line "
          "\xF0\x9F\x91\x8D end\n");
    const auto segments = project.segments({}, 0);
    REQUIRE(segments.size() == 2);
    CHECK(segments[0].coding.start == 8);
    CHECK(segments[0].coding.end == 13);
    CHECK(segments[0].text == "world");
    CHECK(segments[0].coder == "Ann");
    CHECK(segments[1].coding.start == 14);
    CHECK(segments[1].coding.end == 27);
    CHECK(segments[1].text == "Second line \xF0\x9F\x91\x8D");

    // Half an emoji and a range past the end are reported, not shifted.
    CHECK(mentions(r.skipped, "[28, 29)"));
    CHECK(mentions(r.skipped, "[30, 99)"));
    CHECK(mentions(r.skipped, "[0, 5): selection without a code"));

    // Braced upper-case GUIDs resolve; the description is split into its fields.
    const quire::Code mood = project.find_code("Mood");
    CHECK_FALSE(mood.codable);
    CHECK(mood.color == "#112233");
    CHECK(mood.definition == "how people feel");
    CHECK(mood.inclusion == "explicit feelings");
    CHECK(mood.exclusion == "guesses");
    CHECK(mood.example == "\"I am glad\"");

    // Cases, the unnamed one included, with their values and documents.
    const auto cases = project.cases();
    REQUIRE(cases.size() == 2);
    const quire::Case unnamed = project.find_case("Unnamed case 1");
    const auto values = project.case_attributes(unnamed.id);
    REQUIRE(values.size() == 1);
    CHECK(values[0].attribute == "age");
    CHECK(values[0].value == "42");
    CHECK(project.case_links(unnamed.id).size() == 1);

    // Notes reach their targets.
    int on_code = 0, on_document = 0;
    for (const quire::Memo& m : project.memos()) {
        on_code += m.target == quire::Memo::Target::Code && m.target_id == mood.id;
        on_document += m.target == quire::Memo::Target::Document && m.target_id == doc.id;
    }
    CHECK(on_code == 1);
    CHECK(on_document == 1);

    SECTION("importing again renames what clashes and reuses identical text") {
        const ImportReport again = import_qdpx(project, qdpx);
        CHECK(again.codes == 2);
        CHECK(again.codings == 2);
        CHECK(again.sources == 0);
        CHECK_NOTHROW(project.find_code("Mood (2)"));
        CHECK_NOTHROW(project.find_case("Bob (2)"));
        CHECK(mentions(again.adjusted, "renamed"));
        CHECK(mentions(again.adjusted, "same text as document"));
    }
}

TEST_CASE("ATLAS.ti counts CRLF as one, and quoted text that does not match is refused",
          "[exchange]") {
    const std::string qde = kHeader + R"(name="a" origin="ATLAS.ti 9">
<Users><User guid="u1" name="Eve"/></Users>
<CodeBook><Codes><Code guid="k" name="K" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="t" name="doc" plainTextPath="internal://t.txt">
  <PlainTextSelection guid="a" name="cd" startPosition="3" endPosition="5" creatingUser="u1">
    <Description>a comment</Description>
    <Coding guid="ca"><CodeRef targetGUID="k"/></Coding></PlainTextSelection>
  <PlainTextSelection guid="b" name="efgh" startPosition="3" endPosition="5" creatingUser="u1">
    <Coding guid="cb"><CodeRef targetGUID="k"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>)";
    ScratchDir dir;
    const std::string qdpx =
        write_zip(dir, "a.qdpx", {{"project.qde", qde}, {"sources/t.txt", "ab\r\ncd\r\nefgh"}});
    TempProjectPath path;
    Project project = Project::create(path.str());
    const ImportReport r = import_qdpx(project, qdpx);
    CHECK(r.codings == 1);
    const auto segments = project.segments({}, 0);
    REQUIRE(segments.size() == 1);
    CHECK(segments[0].text == "cd");
    CHECK(segments[0].coding.start == 3);
    CHECK(mentions(r.adjusted, "CRLF as one"));
    CHECK(mentions(r.skipped, "differs from the quoted text"));
    // The quotation's comment is the coding's memo.
    CHECK(segments[0].coding.memo == "a comment");
    CHECK(project.memos().empty());
    CHECK(r.notes == 1);
}

TEST_CASE("a bare .qde with inline text and a .qde not named project.qde are read", "[exchange]") {
    const std::string qde = kHeader + R"(name="p" origin="MAXQDA 2022">
<CodeBook><Codes><Code guid="{ABCDEF00-1111-2222-3333-444455556666}" name="X" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="t" name="inline"><PlainTextContent>caf&#233; au lait</PlainTextContent>
  <PlainTextSelection guid="s" startPosition="0" endPosition="4">
    <Coding guid="c"><CodeRef targetGUID="abcdef00-1111-2222-3333-444455556666"/></Coding>
  </PlainTextSelection></TextSource></Sources></Project>)";
    ScratchDir dir;
    TempProjectPath path;
    Project project = Project::create(path.str());
    SECTION("bare") {
        const ImportReport r = import_qdpx(project, dir.write("p.qde", qde));
        CHECK(r.codings == 1);
    }
    SECTION("zipped under another name") {
        const ImportReport r =
            import_qdpx(project, write_zip(dir, "p.qdpx", {{"My Project.qde", qde}}));
        CHECK(r.codings == 1);
        CHECK(mentions(r.adjusted, "My Project.qde"));
    }
    const auto segments = project.segments({}, 0);
    REQUIRE(segments.size() == 1);
    CHECK(segments[0].text == "caf\xC3\xA9");
    CHECK(mentions({segments[0].coder}, "Imported"));
}

TEST_CASE("hostile or corrupt archives are refused and leave the project unchanged", "[exchange]") {
    ScratchDir dir;
    const std::string good = kHeader + R"(name="p"><CodeBook><Codes>
<Code guid="a" name="A" isCodable="true"/></Codes></CodeBook></Project>)";
    std::string file;
    SECTION("an entry that climbs out with ..") {
        file = write_zip(dir, "x.qdpx", {{"project.qde", good}, {"../evil.txt", "x"}});
    }
    SECTION("an entry with an absolute path") {
        file = write_zip(dir, "x.qdpx", {{"project.qde", good}, {"/tmp/evil.txt", "x"}});
    }
    SECTION("a DOCTYPE declaring an external entity") {
        file = write_zip(
            dir, "x.qdpx",
            {{"project.qde",
              R"(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>)"
              R"(<Project xmlns="urn:QDA-XML:project:1.0" name="&e;"/>)"}});
    }
    SECTION("a truncated zip") {
        const std::string whole = write_zip(dir, "whole.qdpx", {{"project.qde", good}});
        std::ifstream in(whole, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        file = dir.write("x.qdpx", bytes.substr(0, bytes.size() / 2));
    }
    SECTION("a zip without a .qde") {
        file = write_zip(dir, "x.qdpx", {{"sources/a.txt", "text"}});
    }
    SECTION("malformed XML") {
        file = write_zip(dir, "x.qdpx", {{"project.qde", good.substr(0, good.size() - 5)}});
    }
    SECTION("not a project at all") {
        file = dir.write("x.qdpx", "PK\x03\x04garbage");
    }
    SECTION("an entry that declares a huge uncompressed size (a zip bomb's signature)") {
        const std::string whole =
            write_zip(dir, "whole.qdpx", {{"project.qde", good}, {"sources/a.txt", "text"}});
        std::ifstream in(whole, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // Declare 3 GiB for every entry, in the local headers (offset 22) and the central
        // directory (offset 24), as a crafted archive would.
        auto declare = [&](const std::string& signature, std::size_t offset) {
            for (std::size_t at = bytes.find(signature); at != std::string::npos;
                 at = bytes.find(signature, at + 4)) {
                const std::uint32_t huge = 3U << 30;
                for (int b = 0; b < 4; ++b) {
                    bytes[at + offset + static_cast<std::size_t>(b)] =
                        static_cast<char>((huge >> (8 * b)) & 0xFF);
                }
            }
        };
        declare(std::string("PK\x03\x04", 4), 22);
        declare(std::string("PK\x01\x02", 4), 24);
        file = dir.write("x.qdpx", bytes);
    }
    TempProjectPath path;
    Project project = Project::create(path.str());
    REQUIRE(project.documents().empty());
    CHECK_THROWS_AS(import_qdpx(project, file), ImportError);
    CHECK_THROWS_AS(preview_qdpx(file), ImportError);
    CHECK(project.documents().empty());
    CHECK(project.codes().empty());
    CHECK(project.coders().empty());
}

namespace {

// The codebook as paths: codes in tree order with every field, and code sets with their
// members' paths. Ids and GUIDs differ between projects; these must not.
struct CodebookSnapshot {
    std::vector<std::string> codes;
    std::map<std::string, std::string> sets;

    bool operator==(const CodebookSnapshot& o) const { return codes == o.codes && sets == o.sets; }
};

CodebookSnapshot snapshot(Project& project) {
    CodebookSnapshot out;
    for (const quire::Code& c : project.codes()) {
        out.codes.push_back(project.code_path(c.id) + " | " + c.color + " | " +
                            (c.codable ? "codable" : "not codable") + " | " + c.definition + " | " +
                            c.inclusion + " | " + c.exclusion + " | " + c.example);
    }
    for (const quire::CodeSet& s : project.code_sets()) {
        std::vector<std::string> members;
        for (const quire::Id id : s.code_ids) {
            members.push_back(project.code_path(id));
        }
        std::sort(members.begin(), members.end());
        std::string text = s.description;
        for (const std::string& m : members) {
            text += " | " + m;
        }
        out.sets[s.name] = text;
    }
    return out;
}

// The demo project with two code sets and a code that cannot be coded, exported as .qdc.
std::string export_demo_codebook(const ScratchDir& dir, CodebookSnapshot& demo_codebook) {
    const std::string demo_path = dir.path("demo.quire");
    quire::demo::write_demo_project(demo_path);
    Project demo = Project::open(demo_path);
    const std::vector<quire::Code> codes = demo.codes();
    REQUIRE(codes.size() >= 4);
    quire::CodeFields not_codable;
    not_codable.codable = false;
    demo.update_code(codes[0].id, not_codable);
    demo.add_code_set("Core ideas", {codes[0].id, codes[2].id}, "The ideas the study started from");
    demo.add_code_set("Leaves", {codes[1].id, codes[3].id});
    demo_codebook = snapshot(demo);
    const std::string qdc = dir.path("demo.qdc");
    quire::exchange::export_qdc(demo, qdc);
    return qdc;
}

}  // namespace

TEST_CASE("a codebook exported as .qdc imports with its paths, fields, colours and sets",
          "[exchange]") {
    ScratchDir dir;
    CodebookSnapshot demo;
    const std::string qdc = export_demo_codebook(dir, demo);

    TempProjectPath path;
    Project project = Project::create(path.str());
    const ImportReport preview = preview_qdc(qdc);
    const ImportReport r = import_qdc(project, qdc);
    INFO(r.adjusted.size());
    CHECK(r.origin.find("Quire") != std::string::npos);
    CHECK(r.codes == static_cast<int>(demo.codes.size()));
    CHECK(r.code_sets == 2);
    CHECK(r.adjusted.empty());
    CHECK(r.skipped.empty());
    CHECK(preview.codes == r.codes);
    CHECK(preview.code_sets == r.code_sets);
    CHECK(snapshot(project).codes == demo.codes);
    CHECK(snapshot(project).sets == demo.sets);
    CHECK(project.documents().empty());

    SECTION("importing it again adds nothing and reports the existing codes") {
        const ImportReport again = import_qdc(project, qdc);
        CHECK(again.codes == 0);
        CHECK(again.code_sets == 0);
        CHECK(again.skipped.empty());
        CHECK(again.adjusted.size() == demo.codes.size() + demo.sets.size());
        for (const quire::Code& c : project.codes()) {
            CHECK(mentions(again.adjusted, "\u201C" + project.code_path(c.id) +
                                               "\u201D is already in the codebook"));
        }
        CHECK(mentions(again.adjusted, "code set \u201CCore ideas\u201D is already"));
        CHECK(snapshot(project) == demo);
    }
    SECTION("existing codes keep their fields; new codes go under existing parents") {
        TempProjectPath other_path;
        Project other = Project::create(other_path.str());
        const quire::Code top = project.codes()[0];
        quire::CodeFields mine;
        mine.color = "#000000";
        mine.definition = "Our own definition";
        other.add_code(top.name, std::nullopt, mine);
        const ImportReport merged = import_qdc(other, qdc);
        CHECK(merged.codes == static_cast<int>(demo.codes.size()) - 1);
        CHECK(mentions(merged.adjusted, "\u201C" + top.name + "\u201D is already in the codebook"));
        const quire::Code kept = other.find_code(top.name);
        CHECK(kept.color == "#000000");
        CHECK(kept.definition == "Our own definition");
        CHECK(snapshot(other).codes.size() == demo.codes.size());
        for (const quire::Code& c : project.codes()) {
            CHECK_NOTHROW(other.find_code(project.code_path(c.id)));
        }
    }
}

TEST_CASE("a .qdc with a byte order mark and namespace prefixes is read", "[exchange]") {
    ScratchDir dir;
    const std::string qdc =
        dir.write("bom.qdc",
                  "\xEF\xBB\xBF"
                  R"(<?xml version="1.0" encoding="utf-8"?>)"
                  R"(<qdc:CodeBook xmlns:qdc="urn:QDA-XML:codebook:1.0" origin="NVivo 14">)"
                  R"(<qdc:Codes><qdc:Code guid="{A1B2C3D4-0000-0000-0000-000000000001}" )"
                  R"(name="Trust" isCodable="false" color="#112233">)"
                  R"(<qdc:Description>Definition: believing&#10;Example: "I knew")"
                  R"(</qdc:Description>)"
                  R"(<qdc:Code guid="a1b2c3d4-0000-0000-0000-000000000002" name="Doubt"/>)"
                  R"(</qdc:Code></qdc:Codes><qdc:Sets><qdc:Set guid="x" name="S">)"
                  R"(<qdc:MemberCode guid="A1B2C3D4-0000-0000-0000-000000000002"/>)"
                  R"(</qdc:Set></qdc:Sets></qdc:CodeBook>)");
    TempProjectPath path;
    Project project = Project::create(path.str());
    const ImportReport r = import_qdc(project, qdc);
    CHECK(r.origin == "NVivo 14");
    CHECK(r.codes == 2);
    const quire::Code trust = project.find_code("Trust");
    CHECK_FALSE(trust.codable);
    CHECK(trust.color == "#112233");
    CHECK(trust.definition == "believing");
    CHECK(trust.example == "\"I knew\"");
    const quire::Code doubt = project.find_code("Trust/Doubt");
    REQUIRE(project.code_sets().size() == 1);
    CHECK(project.code_sets()[0].code_ids == std::vector<quire::Id>{doubt.id});
}

TEST_CASE("hostile, corrupt or foreign .qdc files are refused and leave the project unchanged",
          "[exchange]") {
    ScratchDir dir;
    CodebookSnapshot demo;
    export_demo_codebook(dir, demo);
    const std::string whole = dir.read("demo.qdc");
    std::string file;
    std::string message;
    SECTION("a DOCTYPE declaring an external entity") {
        file = dir.write(
            "x.qdc",
            R"(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>)"
            R"(<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>)"
            R"(<Code guid="a" name="&e;" isCodable="true"/></Codes></CodeBook>)");
        message = "entities";
    }
    SECTION("a truncated file") {
        file = dir.write("x.qdc", whole.substr(0, whole.size() / 2));
        message = "well-formed";
    }
    SECTION("a project file instead of a codebook") {
        file = dir.write("x.qdc", kHeader + R"(name="p"><CodeBook><Codes>
<Code guid="a" name="A" isCodable="true"/></Codes></CodeBook></Project>)");
        message = "<CodeBook>";
    }
    SECTION("a zip") {
        file = write_zip(dir, "x.qdc", {{"codebook.qdc", whole}});
        message = "well-formed";
    }
    SECTION("no such file") {
        file = dir.path("missing.qdc");
        message = "no such file";
    }
    TempProjectPath path;
    Project project = Project::create(path.str());
    project.add_code("Ours");
    const CodebookSnapshot before = snapshot(project);
    try {
        import_qdc(project, file);
        FAIL("import_qdc accepted " + file);
    } catch (const ImportError& e) {
        CHECK(std::string(e.what()).find(message) != std::string::npos);
    }
    CHECK_THROWS_AS(preview_qdc(file), ImportError);
    CHECK(snapshot(project) == before);
    CHECK(project.code_sets().empty());
}

TEST_CASE("a source declaring more than 64 MiB is skipped without decompressing a byte",
          "[exchange]") {
    ScratchDir dir;
    const std::string big_name = "sources/big.txt";
    const std::string project = kHeader + R"(name="p"><Sources>
<TextSource guid="s1" name="small" plainTextPath="internal://small.txt"/>
<TextSource guid="s2" name="big" plainTextPath="internal://big.txt"/>
</Sources></Project>)";
    const std::string big(64 * 1024 * 1024 + 1, 'a');  // compresses to a few dozen kB
    const std::string file =
        write_zip(dir, "bomb.qdpx",
                  {{"project.qde", project}, {"sources/small.txt", "hello"}, {big_name, big}});
    // Damage the big entry's compressed data: reading it at all would fail the import.
    std::string bytes = dir.read("bomb.qdpx");
    const std::size_t name_at = bytes.find(big_name);
    REQUIRE(name_at != std::string::npos);
    const std::size_t header = name_at - 30;
    const auto extra =
        static_cast<std::size_t>(static_cast<unsigned char>(bytes[header + 28]) |
                                 static_cast<unsigned char>(bytes[header + 29]) << 8);
    const std::size_t data = name_at + big_name.size() + extra;
    for (std::size_t i = data + 200; i < data + 400; ++i) {
        bytes[i] = static_cast<char>(0xA5);
    }
    dir.write("bomb.qdpx", bytes);

    TempProjectPath path;
    Project p = Project::create(path.str());
    const ImportReport r = import_qdpx(p, file);
    REQUIRE(p.documents().size() == 1);
    CHECK(p.documents()[0].name == "small");
    CHECK(mentions(r.skipped, "not imported: it is larger than 64 MiB"));
}
