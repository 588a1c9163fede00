// SPDX-License-Identifier: GPL-3.0-or-later
// Document groups: named sets of documents that choose what listings, searches and
// comparisons look at.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/project/scope.h"
#include "tests/support/project_helpers.h"
#include "tests/support/scratch.h"

using quire::CodingFilter;
using quire::Document;
using quire::DocumentGroup;
using quire::Id;
using quire::Project;
using quire::test::kTranscript;
using quire::test::TempProjectPath;

namespace {

std::vector<std::string> group_names(Project& p) {
    std::vector<std::string> out;
    for (const DocumentGroup& g : p.groups()) {
        out.push_back(g.name + ":" + std::to_string(g.documents));
    }
    return out;
}

std::vector<std::string> names(const std::vector<Document>& documents) {
    std::vector<std::string> out;
    for (const Document& d : documents) {
        out.push_back(d.name);
    }
    return out;
}

}  // namespace

TEST_CASE("groups keep the order they were added in, with their member counts",
          "[project][groups]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_document("Interview A", kTranscript).document.id;
    const Id b = p.add_document("Interview B", kTranscript + "More.\n").document.id;
    const DocumentGroup staff = p.add_group("staff", "people who work at the service");
    CHECK(staff.guid.size() == 36);
    CHECK(staff.description == "people who work at the service");
    p.add_group("referrers");
    p.add_group("young people");
    CHECK(p.assign_to_group(staff.id, {a, b}) == 2);
    CHECK(group_names(p) == std::vector<std::string>{"staff:2", "referrers:0", "young people:0"});
    CHECK(p.find_group("staff").id == staff.id);
    CHECK(p.find_group(std::to_string(staff.id)).name == "staff");
    CHECK(p.find_group(" referrers ").name == "referrers");
    CHECK_THROWS_AS(p.find_group("case files"), quire::NotFoundError);
}

TEST_CASE("a group's name must be new and not empty", "[project][groups]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const DocumentGroup staff = p.add_group("staff");
    const DocumentGroup referrers = p.add_group("referrers");
    CHECK_THROWS_AS(p.add_group("staff"), quire::ConflictError);
    CHECK_THROWS_AS(p.add_group("  "), quire::InvalidInputError);
    CHECK_THROWS_AS(p.rename_group(referrers.id, "staff"), quire::ConflictError);
    CHECK_THROWS_AS(p.rename_group(referrers.id, ""), quire::InvalidInputError);
    CHECK_THROWS_AS(p.rename_group(999, "other"), quire::NotFoundError);
    p.rename_group(staff.id, "staff");  // its own name is no conflict
    p.rename_group(referrers.id, "referring agencies");
    CHECK(group_names(p) == std::vector<std::string>{"staff:0", "referring agencies:0"});
}

TEST_CASE("assigning a document twice changes nothing and says so", "[project][groups]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_document("Interview A", kTranscript).document.id;
    const Id b = p.add_document("Interview B", kTranscript + "More.\n").document.id;
    const Id staff = p.add_group("staff").id;
    CHECK(p.assign_to_group(staff, {a}) == 1);
    CHECK(p.assign_to_group(staff, {a}) == 0);
    CHECK(p.assign_to_group(staff, {a, b}) == 1);
    CHECK(names(p.group_documents(staff)) ==
          std::vector<std::string>{"Interview A", "Interview B"});
    CHECK(p.unassign_from_group(staff, {a}) == 1);
    CHECK(p.unassign_from_group(staff, {a}) == 0);
    CHECK(names(p.group_documents(staff)) == std::vector<std::string>{"Interview B"});
}

TEST_CASE("assigning an unknown document assigns nobody", "[project][groups]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_document("Interview A", kTranscript).document.id;
    const Id staff = p.add_group("staff").id;
    CHECK_THROWS_AS(p.assign_to_group(staff, {a, 999}), quire::NotFoundError);
    CHECK(p.group_documents(staff).empty());
    CHECK_THROWS_AS(p.assign_to_group(999, {a}), quire::NotFoundError);
    CHECK_THROWS_AS(p.group_documents(999), quire::NotFoundError);
    CHECK_THROWS_AS(p.document_groups(999), quire::NotFoundError);
}

TEST_CASE("a document knows its groups, and leaves them when deleted", "[project][groups]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_document("Interview A", kTranscript).document.id;
    const Id b = p.add_document("Interview B", kTranscript + "More.\n").document.id;
    const Id staff = p.add_group("staff").id;
    const Id files = p.add_group("case files").id;
    p.assign_to_group(files, {a});
    p.assign_to_group(staff, {a, b});
    const std::vector<DocumentGroup> of_a = p.document_groups(a);
    REQUIRE(of_a.size() == 2);
    CHECK(of_a[0].name == "staff");  // position order, not the order of assignment
    CHECK(of_a[1].name == "case files");
    p.delete_document(a);
    CHECK(group_names(p) == std::vector<std::string>{"staff:1", "case files:0"});
}

TEST_CASE("removing a group keeps its documents", "[project][groups]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_document("Interview A", kTranscript).document.id;
    const Id staff = p.add_group("staff").id;
    p.assign_to_group(staff, {a});
    p.remove_group(staff);
    CHECK(p.groups().empty());
    CHECK(p.documents().size() == 1);
    CHECK(p.document_groups(a).empty());
    CHECK_THROWS_AS(p.remove_group(staff), quire::NotFoundError);
}

TEST_CASE("groups choose documents for codings and scopes", "[project][groups]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_document("Interview A", kTranscript).document.id;
    const Id b = p.add_document("Interview B", kTranscript + "More.\n").document.id;
    const Id c = p.add_document("Interview C", kTranscript + "Other.\n").document.id;
    const Id code = p.add_code("Trust").id;
    const Id coder = p.ensure_coder("Ana").id;
    for (const Id d : {a, b, c}) {
        p.apply_code(d, code, coder, 0, 11);
    }
    const Id staff = p.add_group("staff").id;
    const Id files = p.add_group("case files").id;
    p.assign_to_group(staff, {a, b});
    p.assign_to_group(files, {b, c});

    CHECK_FALSE(quire::chosen_documents(p, {}, {}).has_value());
    CHECK(*quire::chosen_documents(p, {}, {staff}) == std::vector<Id>{a, b});
    CHECK(*quire::chosen_documents(p, {}, {staff, files}) == std::vector<Id>{a, b, c});
    CHECK(*quire::chosen_documents(p, {a, c}, {staff}) == std::vector<Id>{a});
    CHECK(quire::chosen_documents(p, {c}, {staff})->empty());

    CodingFilter f;
    f.documents = quire::chosen_documents(p, {}, {files});
    std::vector<Id> coded;
    for (const quire::Coding& k : p.codings(f)) {
        coded.push_back(k.document_id);
    }
    CHECK(coded == std::vector<Id>{b, c});
    f.documents = std::vector<Id>{};
    CHECK(p.codings(f).empty());

    quire::ScopeFilter scope_filter;
    scope_filter.groups = {staff};
    const quire::Scope scope = quire::resolve_scope(p, scope_filter);
    CHECK(scope.contains_document(a));
    CHECK(scope.contains_document(b));
    CHECK_FALSE(scope.contains_document(c));
}
