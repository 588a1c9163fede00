// SPDX-License-Identifier: GPL-3.0-or-later
// Where two coders disagree (core/project_agreement/disagreements.h).
#include <catch2/catch.hpp>

#include <vector>

#include "core/project/project.h"
#include "core/project_agreement/disagreements.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::TextRange;
using quire::agreement::find_disagreements;

namespace {

// One document and one code, K, for coders a and b.
struct TwoCoders {
    quire::test::TempProjectPath path;
    Project p = Project::create(path.str());
    Id code = p.add_code("K").id;
    Id doc = p.add_document("d", "0123456789 and more").document.id;
    Id a = p.ensure_coder("a").id;
    Id b = p.ensure_coder("b").id;
};

}  // namespace

TEST_CASE("touching ranges that cover the same text are not a disagreement", "[agreement]") {
    TwoCoders t;
    t.p.apply_code(t.doc, t.code, t.a, 0, 5);
    t.p.apply_code(t.doc, t.code, t.a, 5, 10);
    t.p.apply_code(t.doc, t.code, t.b, 0, 10);
    CHECK(find_disagreements(t.p, "a", "b").empty());
}

TEST_CASE("text only one coder coded is a disagreement spanning both coders' ranges",
          "[agreement]") {
    TwoCoders t;
    t.p.apply_code(t.doc, t.code, t.a, 0, 10);
    t.p.apply_code(t.doc, t.code, t.b, 0, 5);
    const std::vector<quire::agreement::Disagreement> found = find_disagreements(t.p, "a", "b");
    REQUIRE(found.size() == 1);
    CHECK(found[0].code_path == "K");
    CHECK(found[0].start == 0);
    CHECK(found[0].end == 10);
    CHECK(found[0].first == std::vector<TextRange>{{0, 10}});
    CHECK(found[0].second == std::vector<TextRange>{{0, 5}});
}
