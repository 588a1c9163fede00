// SPDX-License-Identifier: GPL-3.0-or-later
// Coding: applying codes, segments, finding text, CSV exchange of codings.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/storage/sqlite.h"
#include "core/text/unicode.h"
#include "core/util/sha256.h"
#include "tests/support/project_helpers.h"
#include "tests/support/scratch.h"

namespace fs = std::filesystem;
using quire::Code;
using quire::CodeFields;
using quire::Coding;
using quire::CodingFilter;
using quire::Id;
using quire::Project;
using quire::test::TempProjectPath;
using TempDir = quire::test::ScratchDir;
using quire::test::attribute_value;
using quire::test::child_names;
using quire::test::code_names;
using quire::test::has_code;
using quire::test::kTranscript;
using quire::test::read_bytes;

// --- coding -----------------------------------------------------------------------------

TEST_CASE("applying a code records the coding", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id code = p.add_code("Session").id;
    const Id ann = p.ensure_coder("Ann").id;
    const auto r = p.apply_code(doc, code, ann, 13, 42, "first impressions");
    CHECK_FALSE(r.existed);
    CHECK(r.coding.document_id == doc);
    CHECK(r.coding.code_id == code);
    CHECK(r.coding.coder_id == ann);
    CHECK(r.coding.start == 13);
    CHECK(r.coding.end == 42);
    CHECK(r.coding.memo == "first impressions");
    CHECK(p.coding(r.coding.id).start == 13);
    CHECK(p.coding_count(code) == 1);
}

TEST_CASE("an identical coding is not duplicated", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id code = p.add_code("Session").id;
    const Id ann = p.ensure_coder("Ann").id;
    const Id ben = p.ensure_coder("Ben").id;
    const auto first = p.apply_code(doc, code, ann, 0, 10);
    const auto again = p.apply_code(doc, code, ann, 0, 10);
    CHECK(again.existed);
    CHECK(again.coding.id == first.coding.id);
    CHECK(p.codings().size() == 1);
    // Another coder's identical range is a coding of its own.
    CHECK_FALSE(p.apply_code(doc, code, ben, 0, 10).existed);
    CHECK(p.codings().size() == 2);
}

TEST_CASE("empty, reversed, negative and out-of-range codings are refused", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto d = p.add_document("D", "short \U0001F600 text").document;  // 12 code points
    REQUIRE(d.length == 12);
    const Id code = p.add_code("C").id;
    const Id ann = p.ensure_coder("Ann").id;
    p.apply_code(d.id, code, ann, 0, 5);
    const std::pair<std::int64_t, std::int64_t> bad[] = {{3, 3},  {6, 5},   {-1, 4},
                                                         {0, 13}, {12, 13}, {11, 100}};
    for (const auto& [start, end] : bad) {
        INFO("[" << start << ", " << end << ")");
        CHECK_THROWS_AS(p.apply_code(d.id, code, ann, start, end), quire::InvalidInputError);
    }
    CHECK(p.codings().size() == 1);
    // The last code point is codable; the range may end at the length.
    CHECK_FALSE(p.apply_code(d.id, code, ann, 11, 12).existed);
}

TEST_CASE("applying a code with an unknown document, code or coder is refused",
          "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id code = p.add_code("C").id;
    const Id ann = p.ensure_coder("Ann").id;
    CHECK_THROWS_AS(p.apply_code(doc + 100, code, ann, 0, 1), quire::NotFoundError);
    CHECK_THROWS_AS(p.apply_code(doc, code + 100, ann, 0, 1), quire::NotFoundError);
    CHECK_THROWS_AS(p.apply_code(doc, code, ann + 100, 0, 1), quire::NotFoundError);
    CHECK(p.codings().empty());
}

TEST_CASE("a grouping code that is not codable cannot be applied", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    CodeFields grouping;
    grouping.codable = false;
    const Id code = p.add_code("Themes", std::nullopt, grouping).id;
    CHECK_FALSE(p.code(code).codable);
    const Id ann = p.ensure_coder("Ann").id;
    CHECK_THROWS_AS(p.apply_code(doc, code, ann, 0, 5), quire::ConflictError);
    CHECK(p.codings().empty());
}

TEST_CASE("coders are created once by name", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto ann = p.ensure_coder("Ann");
    CHECK(p.ensure_coder(" Ann ").id == ann.id);
    CHECK(p.find_coder("Ann").id == ann.id);
    CHECK_THROWS_AS(p.find_coder("Ben"), quire::NotFoundError);
    CHECK_THROWS_AS(p.ensure_coder("  "), quire::InvalidInputError);
    CHECK(p.coders().size() == 1);
}

TEST_CASE("overlapping and nested codings are allowed", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id code = p.add_code("C").id;
    const Id other = p.add_code("Other").id;
    const Id ann = p.ensure_coder("Ann").id;
    p.apply_code(doc, code, ann, 0, 20);
    p.apply_code(doc, code, ann, 10, 30);  // overlaps
    p.apply_code(doc, code, ann, 2, 8);    // nested
    p.apply_code(doc, other, ann, 0, 20);  // same range, other code
    CHECK(p.codings().size() == 4);
    CHECK(p.coding_count(code) == 3);
}

TEST_CASE("a removed coding is gone", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id code = p.add_code("C").id;
    const Id ann = p.ensure_coder("Ann").id;
    const Id keep = p.apply_code(doc, code, ann, 0, 5).coding.id;
    const Id gone = p.apply_code(doc, code, ann, 5, 9).coding.id;
    p.remove_coding(gone);
    CHECK_THROWS_AS(p.coding(gone), quire::NotFoundError);
    CHECK_THROWS_AS(p.remove_coding(gone), quire::NotFoundError);
    REQUIRE(p.codings().size() == 1);
    CHECK(p.codings()[0].id == keep);
}

TEST_CASE("codings can be filtered by document, code with children, and coder",
          "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id d1 = p.add_document("D1", "first document text").document.id;
    const Id d2 = p.add_document("D2", "second document text").document.id;
    const Id parent = p.add_code("Parent").id;
    const Id child = p.add_code("Child", parent).id;
    const Id ann = p.ensure_coder("Ann").id;
    const Id ben = p.ensure_coder("Ben").id;
    p.apply_code(d1, parent, ann, 0, 5);
    p.apply_code(d1, child, ben, 6, 14);
    p.apply_code(d2, child, ann, 0, 6);
    CodingFilter f;
    f.document_id = d1;
    CHECK(p.codings(f).size() == 2);
    f = {};
    f.code_id = parent;
    CHECK(p.codings(f).size() == 1);
    f.include_child_codes = true;
    CHECK(p.codings(f).size() == 3);
    f.coder_id = ann;
    CHECK(p.codings(f).size() == 2);
    CHECK(p.coding_count(parent, true) == 3);
}

TEST_CASE("segments carry the coded text and its context on multi-byte text", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const std::string text =
        "Ol\u00E1 \U0001F600 \u4E16\u754C \u2014 \u0645\u0631\u062D\u0628\u0627 na\u00EFve end";
    const Id doc = p.add_document("Mixed", text).document.id;
    const Id parent = p.add_code("Theme").id;
    const Id code = p.add_code("Greeting", parent).id;
    const Id ann = p.ensure_coder("Ann").id;
    // "世界 — مرحبا": code points 6 to 16
    p.apply_code(doc, code, ann, 6, 16);
    CodingFilter f;
    f.code_id = code;
    const auto segments = p.segments(f, 3);
    REQUIRE(segments.size() == 1);
    const quire::Segment& s = segments[0];
    CHECK(s.text == "\u4E16\u754C \u2014 \u0645\u0631\u062D\u0628\u0627");
    CHECK(s.text == quire::text::slice(text, 6, 16));
    CHECK(s.before == quire::text::slice(text, 3, 6));
    CHECK(s.after == quire::text::slice(text, 16, 19));
    CHECK(s.document == "Mixed");
    CHECK(s.code == "Theme/Greeting");
    CHECK(s.coder == "Ann");
    // Context stops at the edges of the text.
    const auto wide = p.segments(f, 1000);
    REQUIRE(wide.size() == 1);
    CHECK(wide[0].before == quire::text::slice(text, 0, 6));
    CHECK(wide[0].after == quire::text::slice(text, 16, quire::text::code_point_count(text)));
}

TEST_CASE("find_text on accented text gives code-point ranges", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    // Stored as NFC; searched with a decomposed needle.
    const Id doc =
        p.add_document("D", "\U0001F600 Un caf\u00E9, deux cafe\u0301s, CAF\u00C9.").document.id;
    const std::string stored = p.document_text(doc);
    const auto hits = p.find_text(doc, "cafe\u0301");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0] == quire::TextRange{5, 9});
    CHECK(hits[1] == quire::TextRange{16, 20});
    for (const auto& [start, end] : hits) {
        CHECK(quire::text::slice(stored, start, end) == "caf\u00E9");
    }
    CHECK(p.find_text(doc, "th\u00E9").empty());
    CHECK_THROWS_AS(p.find_text(doc, ""), quire::InvalidInputError);
}

TEST_CASE("find_text reports non-overlapping occurrences", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", "aaaa").document.id;
    const auto hits = p.find_text(doc, "aa");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].start == 0);
    CHECK(hits[1].start == 2);
}

TEST_CASE("find_text finds needles whose beginning repeats", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    auto found = [&](const std::string& text, const std::string& needle) {
        const Id doc = p.add_document("D" + std::to_string(p.documents().size()), text).document.id;
        std::vector<std::int64_t> starts;
        for (const auto& r : p.find_text(doc, needle)) {
            CHECK(r.length() == quire::text::code_point_count(needle));
            starts.push_back(r.start);
        }
        return starts;
    };
    CHECK(found("aaab", "aab") == std::vector<std::int64_t>{1});
    CHECK(found("abcabcabd abcabd", "abcabd") == std::vector<std::int64_t>{3, 10});
    CHECK(found("ababab", "abab") == std::vector<std::int64_t>{0});
    CHECK(found("éééx ééx", "ééx") == std::vector<std::int64_t>{1, 5});
    // A needle that nearly matches everywhere ("aa...ab" in "aaa...ab").
    CHECK(found(std::string(200000, 'a') + "b", std::string(1000, 'a') + "b") ==
          std::vector<std::int64_t>{199000});
}

TEST_CASE("apply_code_ranges codes many ranges of one document, all or none", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", "one two three four").document.id;
    const Id code = p.add_code("C").id;
    const Id coder = p.ensure_coder("Ann").id;
    p.apply_code(doc, code, coder, 4, 7);
    const auto outcomes = p.apply_code_ranges(doc, code, coder, {{0, 3}, {4, 7}, {8, 13}});
    REQUIRE(outcomes.size() == 3);
    CHECK_FALSE(outcomes[0].existed);
    CHECK(outcomes[1].existed);
    CHECK(outcomes[2].coding.start == 8);
    CHECK(p.codings().size() == 3);
    // One range outside the text: nothing is coded.
    CHECK_THROWS_AS(p.apply_code_ranges(doc, code, coder, {{14, 18}, {10, 99}}),
                    quire::InvalidInputError);
    CHECK(p.codings().size() == 3);
}

// --- CSV exchange -----------------------------------------------------------------------

TEST_CASE("codings exported as CSV import into another project identically", "[project][csv]") {
    const std::string text = "Caf\u00E9 \U0001F600 talk, with \"quotes\" and commas, here.";
    const std::string doc_name = "Interview, \"A\"";
    TempProjectPath first_path;
    std::string exported;
    {
        Project p = Project::create(first_path.str());
        const Id doc = p.add_document(doc_name, text).document.id;
        const Id theme = p.add_code("Theme, one").id;
        const Id sub = p.add_code("Sub \"quoted\"", theme).id;
        const Id ann = p.ensure_coder("Ann \"A\", Smith").id;
        const Id ben = p.ensure_coder("Ben").id;
        p.apply_code(doc, sub, ann, 0, 4);
        p.apply_code(doc, sub, ben, 2, 6);
        p.apply_code(doc, theme, ann, 7, 20);
        exported = p.export_codings_csv();
    }
    const auto lines_start = exported.substr(0, exported.find('\n') + 1);
    CHECK(lines_start == "document,coder,code,start,end\n");
    CHECK(exported.find("\"Interview, \"\"A\"\"\"") != std::string::npos);

    TempProjectPath second_path;
    Project q = Project::create(second_path.str());
    q.add_document(doc_name, text);
    const Id theme = q.add_code("Theme, one").id;
    q.add_code("Sub \"quoted\"", theme);
    const auto outcome = q.import_codings_csv(exported);
    CHECK(outcome.added == 3);
    CHECK(outcome.already_present == 0);
    CHECK(q.export_codings_csv() == exported);
    // Coders named in the CSV are created.
    CHECK(q.find_coder("Ann \"A\", Smith").name == "Ann \"A\", Smith");

    const auto again = q.import_codings_csv(exported);
    CHECK(again.added == 0);
    CHECK(again.already_present == 3);
    CHECK(q.codings().size() == 3);
}

TEST_CASE("a CSV import with one bad row adds nothing and names the row", "[project][csv]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    p.add_document("D", "ten chars!");
    p.add_code("C");
    p.ensure_coder("Ann");
    const std::string csv =
        "document,coder,code,start,end\n"
        "D,Ann,C,0,3\n"
        "D,New coder,C,3,6\n"
        "D,Ann,C,5,11\n";  // past the end: row 4
    CHECK_THROWS_AS(p.import_codings_csv(csv), quire::InvalidInputError);
    CHECK_THROWS_WITH(p.import_codings_csv(csv), Catch::Contains("row 4"));
    CHECK(p.codings().empty());
    CHECK(p.coders().size() == 1);  // "New coder" was not kept either

    const std::string unknown_doc =
        "document,coder,code,start,end\n"
        "D,Ann,C,0,3\n"
        "Nope,Ann,C,0,3\n";
    CHECK_THROWS_AS(p.import_codings_csv(unknown_doc), quire::NotFoundError);
    CHECK_THROWS_WITH(p.import_codings_csv(unknown_doc), Catch::Contains("row 3"));
    CHECK(p.codings().empty());

    const std::string not_numbers =
        "document,coder,code,start,end\n"
        "D,Ann,C,zero,3\n";
    CHECK_THROWS_AS(p.import_codings_csv(not_numbers), quire::InvalidInputError);
    CHECK_THROWS_AS(p.import_codings_csv("document,coder,code,start,end\nD,Ann,C,0\n"),
                    quire::InvalidInputError);
    CHECK(p.codings().empty());
}

TEST_CASE("a CSV import with the wrong header is refused", "[project][csv]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    p.add_document("D", "ten chars!");
    p.add_code("C");
    CHECK_THROWS_AS(p.import_codings_csv("doc,who,code,from,to\nD,Ann,C,0,3\n"),
                    quire::InvalidInputError);
    CHECK_THROWS_AS(p.import_codings_csv(""), quire::InvalidInputError);
    CHECK(p.codings().empty());
    CHECK(p.coders().empty());
}
