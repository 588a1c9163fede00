// SPDX-License-Identifier: GPL-3.0-or-later
// REFI-QDA import under misuse: a coding's comment must reach the coding
// itself.
#include <zip.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/exchange/qdpx_export.h"
#include "core/exchange/qdpx_import.h"
#include "core/project/project.h"
#include "tests/support/scratch.h"

namespace {

using quire::Project;
using quire::exchange::import_qdpx;
using quire::test::ScratchDir;
using quire::test::TempProjectPath;
using Entries = std::vector<std::pair<std::string, std::string>>;

// Writes a zip (deflated) with the given entries.
std::string write_zip(const ScratchDir &dir, const std::string &name,
                      const Entries &entries) {
  const std::string path = dir.path(name);
  int error = 0;
  zip_t *archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  for (const auto &[entry, bytes] : entries) {
    zip_source_t *source =
        zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    REQUIRE(source != nullptr);
    REQUIRE(zip_file_add(archive, entry.c_str(), source, ZIP_FL_ENC_UTF_8) >=
            0);
  }
  REQUIRE(zip_close(archive) == 0);
  return path;
}

const std::string kHeader =
    R"(<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" )"
    R"(name="p" origin="Test 1.0">)";

} // namespace

TEST_CASE("a selection's comment becomes the memo of its codings, as segments "
          "show it",
          "[exchange][coding]") {
  const std::string comment =
      "  Why: she trusted the worker.\n\nSecond thought.  ";
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
      write_zip(dir, "memo.qdpx",
                {{"project.qde", qde}, {"sources/t.txt", "Hello world\n"}});
  TempProjectPath path;
  Project project = Project::create(path.str());
  import_qdpx(project, qdpx);
  const std::vector<quire::Segment> segments = project.segments({}, 0);
  REQUIRE(segments.size() == 3);
  for (const quire::Segment &s : segments) {
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
    const quire::Id doc =
        source.add_document("doc", "Hello world\n").document.id;
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
