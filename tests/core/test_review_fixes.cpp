// SPDX-License-Identifier: GPL-3.0-or-later
// Regressions found in review: each test failed before its fix.
#include <catch2/catch.hpp>

#include "core/agreement/binary.h"
#include "core/project_agreement/disagreements.h"
#include "core/base/errors.h"
#include "core/project/project.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;

TEST_CASE("code names cannot contain a slash, which separates the levels of a path", "[project]") {
    quire::test::TempProjectPath path;
    Project p = Project::create(path.str());
    CHECK_THROWS_AS(p.add_code("A/Emo"), quire::InvalidInputError);
    const Id a = p.add_code("A").id;
    CHECK_THROWS_AS(p.rename_code(a, "A/B"), quire::InvalidInputError);
    CHECK(p.codes().size() == 1);
}

TEST_CASE("a top-level code is found by its name even when a nested code shares it", "[project]") {
    quire::test::TempProjectPath path;
    Project p = Project::create(path.str());
    const Id top = p.add_code("Emo").id;
    const Id a = p.add_code("A").id;
    const Id nested = p.add_code("Emo", a).id;
    CHECK(p.find_code("Emo").id == top);
    CHECK(p.find_code("A/Emo").id == nested);
    // The CSV export names codes by path, and importing it puts codings back on the same codes.
    const Id doc = p.add_document("d", "some words to code here").document.id;
    const Id coder = p.ensure_coder("x").id;
    p.apply_code(doc, top, coder, 0, 4);
    p.apply_code(doc, nested, coder, 5, 10);
    const std::string csv = p.export_codings_csv();
    for (const quire::Coding& c : p.codings()) {
        p.remove_coding(c.id);
    }
    p.import_codings_csv(csv);
    CHECK(p.coding_count(top) == 1);
    CHECK(p.coding_count(nested) == 1);
}

TEST_CASE("merging a code into its parent when it has a child of the same name", "[project]") {
    quire::test::TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    const Id b = p.add_code("B", a).id;
    const Id inner = p.add_code("B", b).id;
    const Id doc = p.add_document("d", "some words to code here").document.id;
    const Id coder = p.ensure_coder("x").id;
    p.apply_code(doc, b, coder, 0, 4);
    p.apply_code(doc, inner, coder, 5, 10);
    CHECK(p.merge_codes(b, a) == 1);
    CHECK(p.coding_count(a) == 1);
    CHECK(p.find_code("A/B").id == inner);
    CHECK(p.coding_count(inner) == 1);
}

TEST_CASE("merging keeps the memos of codings that collapse into identical ones", "[project]") {
    quire::test::TempProjectPath path;
    Project p = Project::create(path.str());
    const Id source = p.add_code("Source").id;
    const Id target = p.add_code("Target").id;
    const Id doc = p.add_document("d", "some words to code here").document.id;
    const Id coder = p.ensure_coder("x").id;
    const Id kept = p.apply_code(doc, target, coder, 0, 4, "target note").coding.id;
    const Id gone = p.apply_code(doc, source, coder, 0, 4, "source note").coding.id;
    p.add_memo(quire::Memo::Target::Coding, gone, "Why", "A memo on the duplicate.");
    p.merge_codes(source, target);
    REQUIRE(p.codings().size() == 1);
    CHECK(p.coding(kept).memo == "target note\nsource note");
    const auto memos = p.memos();
    REQUIRE(memos.size() == 1);
    CHECK(memos[0].target_id == kept);
}

TEST_CASE("touching ranges that cover the same text are not a disagreement", "[agreement]") {
    quire::test::TempProjectPath path;
    Project p = Project::create(path.str());
    const Id code = p.add_code("K").id;
    const Id doc = p.add_document("d", "0123456789 and more").document.id;
    const Id a = p.ensure_coder("a").id;
    const Id b = p.ensure_coder("b").id;
    p.apply_code(doc, code, a, 0, 5);
    p.apply_code(doc, code, a, 5, 10);
    p.apply_code(doc, code, b, 0, 10);
    CHECK(quire::agreement::find_disagreements(p, "a", "b").empty());
}

TEST_CASE("NVivo kappa is undefined when both coders coded every unit, even for huge counts",
          "[agreement]") {
    quire::agreement::TwoRaterCounts all;
    all.total = 300000007;
    all.a = all.total;
    all.b = all.total;
    all.both = all.total;
    CHECK_FALSE(quire::agreement::nvivo_kappa(all).value);
    CHECK_FALSE(quire::agreement::nvivo_kappa(all).note.empty());
}
