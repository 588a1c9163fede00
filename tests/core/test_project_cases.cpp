// SPDX-License-Identifier: GPL-3.0-or-later
// Cases, attributes, memos and code sets.
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

// --- cases and attributes ---------------------------------------------------------------

TEST_CASE("attribute values are checked and canonicalised for their type",
          "[project][attributes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    p.ensure_attribute("Consent", quire::AttributeType::Boolean);
    p.ensure_attribute("Age", quire::AttributeType::Integer);
    p.ensure_attribute("Score", quire::AttributeType::Float);
    p.ensure_attribute("Interviewed", quire::AttributeType::Date);
    p.ensure_attribute("Note", quire::AttributeType::Text);

    auto value = [&](const std::string& name) {
        return attribute_value(p.document_attributes(doc), name);
    };
    p.set_document_attribute(doc, "Consent", "yes");
    CHECK(value("Consent") == "true");
    p.set_document_attribute(doc, "Consent", "No");
    CHECK(value("Consent") == "false");
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Consent", "maybe"), quire::InvalidInputError);
    CHECK(value("Consent") == "false");

    p.set_document_attribute(doc, "Age", " +42 ");
    CHECK(value("Age") == "42");
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Age", "4.5"), quire::InvalidInputError);
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Age", "forty"), quire::InvalidInputError);
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Age", "+-5"), quire::InvalidInputError);
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Age", ""), quire::InvalidInputError);
    p.set_document_attribute(doc, "Age", "-007");
    CHECK(value("Age") == "-7");
    p.set_document_attribute(doc, "Age", "42");
    CHECK(value("Age") == "42");

    p.set_document_attribute(doc, "Score", "1.50");
    CHECK(value("Score") == "1.5");
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Score", "abc"), quire::InvalidInputError);
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Score", "inf"), quire::InvalidInputError);

    p.set_document_attribute(doc, "Interviewed", "2024-02-29");
    CHECK(value("Interviewed") == "2024-02-29");
    for (const char* bad : {"2023-02-29", "2024-13-01", "2024-04-31", "24-01-01", "1 May 2024",
                            "2024-00-10", "2024-01-00", "2024- 1-01", "2024-+1-01", "+024-01-01"}) {
        INFO(bad);
        CHECK_THROWS_AS(p.set_document_attribute(doc, "Interviewed", bad),
                        quire::InvalidInputError);
    }
    CHECK(value("Interviewed") == "2024-02-29");

    p.set_document_attribute(doc, "Note", "Cafe\u0301");
    CHECK(value("Note") == "Caf\u00E9");

    for (const auto& v : p.document_attributes(doc)) {
        if (v.attribute == "Consent") {
            CHECK(v.type == quire::AttributeType::Boolean);
        }
        if (v.attribute == "Interviewed") {
            CHECK(v.type == quire::AttributeType::Date);
        }
    }
}

TEST_CASE("an attribute keeps the type it was first created with", "[project][attributes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto a = p.ensure_attribute("Age", quire::AttributeType::Integer);
    const auto again = p.ensure_attribute("Age", quire::AttributeType::Text);
    CHECK(again.id == a.id);
    CHECK(again.type == quire::AttributeType::Integer);
    CHECK(p.attributes().size() == 1);
}

TEST_CASE("attribute type names convert both ways", "[project][attributes]") {
    for (auto t :
         {quire::AttributeType::Text, quire::AttributeType::Boolean, quire::AttributeType::Integer,
          quire::AttributeType::Float, quire::AttributeType::Date}) {
        CHECK(quire::attribute_type_from_string(quire::to_string(t)) == t);
    }
    CHECK_THROWS_AS(quire::attribute_type_from_string("colour"), quire::InvalidInputError);
}

TEST_CASE("cases link documents and segments and carry attributes", "[project][cases]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const auto priya = p.ensure_case("Priya", "practitioner");
    CHECK(p.ensure_case("Priya").id == priya.id);
    CHECK(p.cases().size() == 1);
    CHECK(p.find_case("Priya").description == "practitioner");
    CHECK_THROWS_AS(p.find_case("Nobody"), quire::NotFoundError);

    p.link_case(priya.id, doc);
    p.link_case(priya.id, doc, 0, 12);
    CHECK_THROWS_AS(p.link_case(priya.id, doc, 5, 5), quire::InvalidInputError);
    CHECK_THROWS_AS(p.link_case(priya.id, doc, 0, 10000), quire::InvalidInputError);
    const auto links = p.case_links(priya.id);
    REQUIRE(links.size() == 2);
    CHECK_FALSE(links[0].start);
    CHECK(links[1].start == 0);
    CHECK(links[1].end == 12);

    p.ensure_attribute("Years in post", quire::AttributeType::Integer);
    p.set_case_attribute(priya.id, "Years in post", "3");
    p.set_case_attribute(priya.id, "Centre", "Northgate");
    CHECK_THROWS_AS(p.set_case_attribute(priya.id, "Years in post", "three"),
                    quire::InvalidInputError);
    const auto values = p.case_attributes(priya.id);
    CHECK(attribute_value(values, "Years in post") == "3");
    CHECK(attribute_value(values, "Centre") == "Northgate");
}

TEST_CASE("an unknown case is reported as not found and nothing is stored", "[project][cases]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id missing = p.ensure_case("Real").id + 100;
    CHECK_THROWS_AS(p.link_case(missing, doc), quire::NotFoundError);
    CHECK_THROWS_AS(p.set_case_attribute(missing, "Centre", "Northgate"), quire::NotFoundError);
    CHECK_THROWS_AS(p.add_memo(quire::Memo::Target::Case, missing, "t", "x"), quire::NotFoundError);
    CHECK(p.case_links().empty());
    CHECK(p.memos().empty());
}

// --- memos and code sets ----------------------------------------------------------------

TEST_CASE("memos are stored against their target", "[project][memos]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id ann = p.ensure_coder("Ann").id;
    p.add_memo(quire::Memo::Target::Project, std::nullopt, "Plan", "Code the pilot first.");
    p.add_memo(quire::Memo::Target::Document, doc, "Context", "Recorded at school.", ann);
    CHECK_THROWS_AS(p.add_memo(quire::Memo::Target::Project, doc, "x", "y"),
                    quire::InvalidInputError);
    CHECK_THROWS_AS(p.add_memo(quire::Memo::Target::Document, std::nullopt, "x", "y"),
                    quire::InvalidInputError);
    CHECK_THROWS_AS(p.add_memo(quire::Memo::Target::Document, doc + 100, "x", "y"),
                    quire::NotFoundError);
    const auto memos = p.memos();
    REQUIRE(memos.size() == 2);
    CHECK(memos[0].target == quire::Memo::Target::Project);
    CHECK_FALSE(memos[0].target_id);
    CHECK(memos[0].text == "Code the pilot first.");
    CHECK(memos[1].target == quire::Memo::Target::Document);
    CHECK(memos[1].target_id == doc);
    CHECK(memos[1].coder_id == ann);
    CHECK(memos[1].title == "Context");
}

TEST_CASE("a code set holds its codes", "[project][codesets]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    const Id b = p.add_code("B").id;
    p.add_code("C");
    p.add_code_set("Core themes", {a, b}, "for the report");
    CHECK_THROWS_AS(p.add_code_set("Broken", {a, 9999}), quire::NotFoundError);
    const auto sets = p.code_sets();
    REQUIRE(sets.size() == 1);
    CHECK(sets[0].name == "Core themes");
    CHECK(sets[0].description == "for the report");
    auto ids = sets[0].code_ids;
    std::sort(ids.begin(), ids.end());
    CHECK(ids == std::vector<Id>{std::min(a, b), std::max(a, b)});
}
