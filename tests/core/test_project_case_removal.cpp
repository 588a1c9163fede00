// SPDX-License-Identifier: GPL-3.0-or-later
// Renaming and removing cases, removing case links and attribute values.
#include <catch2/catch.hpp>

#include <string>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "tests/support/project_helpers.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::test::kTranscript;
using quire::test::TempProjectPath;

TEST_CASE("removing a case takes its links and values and leaves its documents",
          "[project][cases]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id keep = p.ensure_case("Keep").id;
    const Id gone = p.ensure_case("Gone").id;
    p.link_case(gone, doc);
    p.link_case(keep, doc, 0, 5);
    p.set_case_attribute(gone, "Site", "North");
    p.set_case_attribute(keep, "Site", "South");
    p.remove_case(gone);
    REQUIRE(p.cases().size() == 1);
    CHECK(p.cases()[0].name == "Keep");
    REQUIRE(p.case_links().size() == 1);
    CHECK(p.case_links()[0].case_id == keep);
    CHECK(p.attribute_assignments("Site").size() == 1);
    CHECK(p.documents().size() == 1);
    CHECK_THROWS_AS(p.remove_case(gone), quire::NotFoundError);
}

TEST_CASE("unlinking removes exactly the whole-document link or the given segment",
          "[project][cases]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id c = p.ensure_case("C").id;
    p.link_case(c, doc);
    p.link_case(c, doc, 0, 5);
    p.link_case(c, doc, 5, 9);
    p.unlink_case(c, doc, 0, 5);
    REQUIRE(p.case_links(c).size() == 2);
    CHECK_THROWS_AS(p.unlink_case(c, doc, 0, 5), quire::NotFoundError);
    CHECK_THROWS_AS(p.unlink_case(c, doc, 5, 8), quire::NotFoundError);
    CHECK_THROWS_AS(p.unlink_case(c, doc, 5, std::nullopt), quire::InvalidInputError);
    p.unlink_case(c, doc);
    REQUIRE(p.case_links(c).size() == 1);
    CHECK(p.case_links(c)[0].start == 5);
    CHECK_THROWS_AS(p.unlink_case(c, doc), quire::NotFoundError);
    CHECK_THROWS_AS(p.unlink_case(c + 100, doc), quire::NotFoundError);
    CHECK_THROWS_AS(p.unlink_case(c, doc + 100, 5, 9), quire::NotFoundError);
    CHECK(p.case_links(c).size() == 1);
}

TEST_CASE("unsetting an attribute removes one owner's value only", "[project][attributes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id c = p.ensure_case("C").id;
    p.set_document_attribute(doc, "Site", "North");
    p.set_case_attribute(c, "Site", "South");
    p.unset_document_attribute(doc, "Site");
    CHECK(p.document_attributes(doc).empty());
    REQUIRE(p.case_attributes(c).size() == 1);
    CHECK_THROWS_AS(p.unset_document_attribute(doc, "Site"), quire::NotFoundError);
    CHECK_THROWS_AS(p.unset_document_attribute(doc, "Nope"), quire::NotFoundError);
    CHECK_THROWS_AS(p.unset_case_attribute(c + 100, "Site"), quire::NotFoundError);
    p.unset_case_attribute(c, "Site");
    CHECK(p.case_attributes(c).empty());
    CHECK(p.attributes().size() == 1);  // the attribute itself stays
}

TEST_CASE("renaming a case keeps its links and refuses a name another case has",
          "[project][cases]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id ana = p.ensure_case("Ana").id;
    p.ensure_case("Ben");
    p.link_case(ana, doc, 0, 5);
    p.rename_case(ana, "  Ana M. ");
    CHECK(p.find_case("Ana M.").id == ana);
    CHECK(p.case_links(ana).size() == 1);
    CHECK_THROWS_AS(p.rename_case(ana, "Ben"), quire::ConflictError);
    CHECK_THROWS_AS(p.rename_case(ana, " "), quire::InvalidInputError);
    CHECK_THROWS_AS(p.rename_case(ana + 100, "Cy"), quire::NotFoundError);
    p.rename_case(ana, "Ana M.");  // its own name again is no clash
    CHECK(p.find_case("Ana M.").id == ana);
}
