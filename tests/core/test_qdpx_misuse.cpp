// SPDX-License-Identifier: GPL-3.0-or-later
// REFI-QDA import under misuse: archives that decompress to far more than they weigh, sizes
// that lie, and a coding's comment that must reach the coding itself.
#include <zip.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/base/errors.h"
#include "core/exchange/qdpx_export.h"
#include "core/exchange/qdpx_import.h"
#include "core/project/project.h"
#include "tests/core/zip_parts.h"
#include "tests/support/scratch.h"

namespace {

using quire::ImportError;
using quire::Project;
using quire::exchange::import_qdpx;
using quire::test::ScratchDir;
using quire::test::TempProjectPath;
using Entries = std::vector<std::pair<std::string, std::string>>;

constexpr std::size_t kMiB = 1024 * 1024;

std::string write_zip(const ScratchDir& dir, const std::string& name, const Entries& entries) {
    return quire::test::write_zip(dir.path(name), entries);
}

const std::string kHeader =
    R"(<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" )"
    R"(name="p" origin="Test 1.0">)";

// A project with `count` text sources, source i reading the entry `file(i)`.
template <typename FileOf>
std::string project_with_sources(int count, FileOf file) {
    std::string qde = kHeader + "<Sources>";
    for (int i = 0; i < count; ++i) {
        qde += "<TextSource guid=\"00000000-0000-0000-0000-" + std::to_string(100000000000 + i) +
               "\" name=\"doc " + std::to_string(i) + "\" plainTextPath=\"internal://" + file(i) +
               "\"/>";
    }
    return qde + "</Sources></Project>";
}

void require_refused_unchanged(Project& project, const std::string& qdpx) {
    try {
        import_qdpx(project, qdpx);
        FAIL("the archive was imported");
    } catch (const ImportError& e) {
        CHECK_THAT(e.what(), Catch::Contains("decompresses to more than 32 MiB"));
    }
    CHECK(project.documents().empty());
    CHECK(project.codes().empty());
}

// Sets the uncompressed size that the local and central headers declare for `entry`.
void declare_size(std::string& zip, const std::string& entry, std::uint32_t size) {
    auto put = [&](std::size_t at) {
        for (int b = 0; b < 4; ++b) {
            zip[at + static_cast<std::size_t>(b)] = static_cast<char>((size >> (8 * b)) & 0xFF);
        }
    };
    // Local header: size at 22, name at 30; central header: size at 24, name at 46.
    for (std::size_t at = 0; at + 46 + entry.size() <= zip.size(); ++at) {
        if (zip.compare(at, 4, "PK\x03\x04") == 0 &&
            zip.compare(at + 30, entry.size(), entry) == 0) {
            put(at + 22);
        } else if (zip.compare(at, 4, "PK\x01\x02") == 0 &&
                   zip.compare(at + 46, entry.size(), entry) == 0) {
            put(at + 24);
        }
    }
}

}  // namespace

TEST_CASE("a .qdpx whose sources decompress past the archive's limit is refused while reading",
          "[exchange]") {
    // A real transcript, then twelve sources of 3 MiB of blanks, each small enough alone (and
    // cheap to skip once read): together they weigh a few kilobytes.
    Entries entries = {
        {"project.qde",
         project_with_sources(13, [](int i) { return "s" + std::to_string(i) + ".txt"; })},
        {"sources/s0.txt", "A real transcript.\n"}};
    for (int i = 1; i < 13; ++i) {
        entries.emplace_back("sources/s" + std::to_string(i) + ".txt",
                             std::string(3 * kMiB, i % 2 == 0 ? ' ' : '\n'));
    }
    ScratchDir dir;
    const std::string qdpx = write_zip(dir, "bomb.qdpx", entries);
    TempProjectPath path;
    Project project = Project::create(path.str());
    require_refused_unchanged(project, qdpx);
}

TEST_CASE("every read of an entry counts towards the limit, the same entry again included",
          "[exchange]") {
    // One 4 MiB entry read by 20 sources: 80 MiB decompressed from a few kilobytes.
    ScratchDir dir;
    const std::string qdpx =
        write_zip(dir, "again.qdpx",
                  {{"project.qde",
                    project_with_sources(
                        21, [](int i) { return std::string(i == 0 ? "real.txt" : "same.txt"); })},
                   {"sources/real.txt", "A real transcript.\n"},
                   {"sources/same.txt", std::string(4 * kMiB, ' ')}});
    TempProjectPath path;
    Project project = Project::create(path.str());
    require_refused_unchanged(project, qdpx);
}

TEST_CASE("a project file that decompresses past the limit is refused while reading",
          "[exchange]") {
    // The project file itself: 40 MiB of blank lines before the closing tag.
    ScratchDir dir;
    const std::string qde = kHeader + std::string(40 * kMiB, '\n') + "</Project>";
    const std::string qdpx = write_zip(dir, "padded.qdpx", {{"project.qde", qde}});
    TempProjectPath path;
    Project project = Project::create(path.str());
    require_refused_unchanged(project, qdpx);
}

TEST_CASE("an entry holding more than it declares stops at its declared size", "[exchange]") {
    ScratchDir dir;
    const std::string honest = write_zip(
        dir, "liar.qdpx",
        {{"project.qde", project_with_sources(1, [](int) { return std::string("s.txt"); })},
         {"sources/s.txt", std::string(8 * kMiB, 'y')}});
    std::string bytes = dir.read("liar.qdpx");
    declare_size(bytes, "sources/s.txt", 1000);
    const std::string liar = dir.write("liar.qdpx", bytes);
    TempProjectPath path;
    Project project = Project::create(path.str());
    CHECK_THROWS_WITH(import_qdpx(project, liar),
                      Catch::Contains("more data than the 1000 bytes it declares"));
    CHECK(project.documents().empty());
}

TEST_CASE("a selection's comment becomes the memo of its codings, as segments show it",
          "[exchange][coding]") {
    const std::string comment = "  Why: she trusted the worker.\n\nSecond thought.  ";
    const std::string qde = kHeader + R"(
<Users><User guid="00000000-0000-0000-0000-0000000000a1" name="Eve"/></Users>
<CodeBook><Codes>
  <Code guid="00000000-0000-0000-0000-0000000000c1" name="Trust" isCodable="true"/>
  <Code guid="00000000-0000-0000-0000-0000000000c2" name="Risk" isCodable="true"/>
</Codes></CodeBook>
<Sources><TextSource guid="00000000-0000-0000-0000-0000000000d1" name="doc"
    plainTextPath="internal://t.txt">
  <PlainTextSelection guid="00000000-0000-0000-0000-0000000000e1" startPosition="0"
      endPosition="5" creatingUser="00000000-0000-0000-0000-0000000000a1">
    <Description>)" + comment +
                            R"(</Description>
    <Coding guid="00000000-0000-0000-0000-0000000000f1">
      <CodeRef targetGUID="00000000-0000-0000-0000-0000000000c1"/></Coding>
    <Coding guid="00000000-0000-0000-0000-0000000000f2">
      <CodeRef targetGUID="00000000-0000-0000-0000-0000000000c2"/></Coding>
  </PlainTextSelection>
  <PlainTextSelection guid="00000000-0000-0000-0000-0000000000e2" startPosition="6"
      endPosition="11" creatingUser="00000000-0000-0000-0000-0000000000a1">
    <Coding guid="00000000-0000-0000-0000-0000000000f3">
      <CodeRef targetGUID="00000000-0000-0000-0000-0000000000c1"/></Coding>
  </PlainTextSelection>
</TextSource></Sources></Project>)";
    ScratchDir dir;
    const std::string qdpx =
        write_zip(dir, "memo.qdpx", {{"project.qde", qde}, {"sources/t.txt", "Hello world\n"}});
    TempProjectPath path;
    Project project = Project::create(path.str());
    import_qdpx(project, qdpx);
    const std::vector<quire::Segment> segments = project.segments({}, 0);
    REQUIRE(segments.size() == 3);
    for (const quire::Segment& s : segments) {
        INFO(s.code << " " << s.coding.start);
        CHECK(s.coding.memo == (s.coding.start == 0 ? comment : ""));
    }
    // The comment is the codings' memo, not a note beside them.
    CHECK(project.memos().empty());
}

TEST_CASE("a coding's memo survives a .qdpx round trip as the coding's memo",
          "[exchange][coding]") {
    ScratchDir dir;
    const std::string memo = " Quoted at the review:\n\n\"I'd go back.\" ";
    {
        Project source = Project::create(dir.path("source.quire"));
        const quire::Id doc = source.add_document("doc", "Hello world\n").document.id;
        const quire::Id code = source.add_code("Trust").id;
        source.apply_code(doc, code, source.ensure_coder("Eve").id, 0, 5, memo);
        quire::exchange::export_qdpx(source, dir.path("memo.qdpx"));
    }
    Project copy = Project::create(dir.path("copy.quire"));
    import_qdpx(copy, dir.path("memo.qdpx"));
    const std::vector<quire::Segment> segments = copy.segments({}, 0);
    REQUIRE(segments.size() == 1);
    CHECK(segments[0].coding.memo == memo);
    CHECK(copy.memos().empty());
}
