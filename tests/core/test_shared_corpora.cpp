// SPDX-License-Identifier: GPL-3.0-or-later
// Imports real transcripts from ../shared/corpora (present in CI, never copied into the
// project). When a file is absent its test is skipped (tests/support/shared.h).
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include "core/project/project.h"
#include "core/text/unicode.h"
#include "tests/support/scratch.h"
#include "tests/support/shared.h"

namespace {

// The corpus file, or "" (saying the test is skipped) when it is absent.
std::string corpus_file(const std::string& relative) {
    return quire::test::shared_file("corpora/" + relative);
}

void check_stored_text_invariants(quire::Project& project, quire::Id id) {
    const std::string text = project.document_text(id);
    CHECK(text.find('\r') == std::string::npos);
    CHECK(quire::text::to_nfc(text) == text);
    CHECK(text.rfind("\xEF\xBB\xBF", 0) == std::string::npos);
    CHECK(quire::text::code_point_count(text) == project.document(id).length);
}

}  // namespace

TEST_CASE("a real Word interview imports with its paragraphs and the euro sign intact",
          "[shared][docx]") {
    const std::string file = corpus_file("qualcoder-examples/ID1.docx");
    if (file.empty()) {
        return;
    }
    quire::test::TempProjectPath path;
    quire::Project project = quire::Project::create(path.str());
    const quire::ImportOutcome r = project.import_file(file);
    CHECK(r.document.name == "ID1");
    CHECK(r.document.format == "docx");
    const std::string text = project.document_text(r.document.id);
    CHECK(text.rfind("I really like learning new things.", 0) == 0);
    CHECK(text.find("I'm happy to pay \u20ac200.") != std::string::npos);
    CHECK(text.find("\nI also like the other students") != std::string::npos);
    check_stored_text_invariants(project, r.document.id);
}

TEST_CASE("a real transcript with a UTF-8 byte order mark is stored without it", "[shared][txt]") {
    const std::string file =
        corpus_file("parlamint-es-ga-galician/ParlaMint-ES-GA_2022-05-24-DSPG082.txt");
    if (file.empty()) {
        return;
    }
    quire::test::TempProjectPath path;
    quire::Project project = quire::Project::create(path.str());
    const quire::ImportOutcome r = project.import_file(file);
    CHECK(r.encoding == "UTF-8 (with BOM)");
    check_stored_text_invariants(project, r.document.id);
}

TEST_CASE("a real CRLF file is stored with LF line endings", "[shared][txt]") {
    const std::string file =
        corpus_file("qualcoder-examples/plain_codes_categories_for_import.txt");
    if (file.empty()) {
        return;
    }
    quire::test::TempProjectPath path;
    quire::Project project = quire::Project::create(path.str());
    const quire::ImportOutcome r = project.import_file(file);
    const std::string raw = [&] {
        std::ifstream in(file, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }();
    REQUIRE(raw.find("\r\n") != std::string::npos);
    std::string expected;
    for (const char c : raw) {
        if (c != '\r') {
            expected.push_back(c);
        }
    }
    CHECK(project.document_text(r.document.id) == expected);
    check_stored_text_invariants(project, r.document.id);
}

TEST_CASE("the same real transcript imported twice is stored once", "[shared][txt]") {
    const std::string file = corpus_file("qualcoder-examples/transcript.txt");
    if (file.empty()) {
        return;
    }
    quire::test::TempProjectPath path;
    quire::Project project = quire::Project::create(path.str());
    CHECK_FALSE(project.import_file(file).duplicate);
    CHECK(project.import_file(file).duplicate);
    CHECK(project.documents().size() == 1);
}
