// SPDX-License-Identifier: GPL-3.0-or-later
// The codebook: codes in a tree, their fields, merging, moving and deleting.
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

// --- codebook ---------------------------------------------------------------------------

TEST_CASE("a code keeps the fields it was created with", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    CodeFields f;
    f.color = "#1A2B3C";
    f.definition = "Adults act on concerns";
    f.inclusion = "Staff noticing patterns";
    f.exclusion = "Disclosure by the young person";
    f.example = "\u201Cno isn\u2019t the end\u201D";
    const Code c = p.add_code("Adult responsibility", std::nullopt, f);
    const Code back = p.code(c.id);
    CHECK(back.name == "Adult responsibility");
    CHECK(back.color == "#1A2B3C");
    CHECK(back.definition == "Adults act on concerns");
    CHECK(back.inclusion == "Staff noticing patterns");
    CHECK(back.exclusion == "Disclosure by the young person");
    CHECK(back.example == "\u201Cno isn\u2019t the end\u201D");
    CHECK(back.codable);
    CHECK_FALSE(back.parent_id);
}

TEST_CASE("a code without a colour gets a valid one", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const std::string color = p.add_code("Any").color;
    REQUIRE(color.size() == 7);
    CHECK(color[0] == '#');
    CHECK(color.find_first_not_of("0123456789ABCDEFabcdef", 1) == std::string::npos);
}

TEST_CASE("sibling codes cannot share a name but cousins can", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Code risk = p.add_code("Risk");
    const Code support = p.add_code("Support");
    CHECK_THROWS_AS(p.add_code("Risk"), quire::ConflictError);
    const Code risk_online = p.add_code("Online", risk.id);
    const Code support_online = p.add_code("Online", support.id);
    CHECK_THROWS_AS(p.add_code("Online", risk.id), quire::ConflictError);
    CHECK(p.find_code("Risk/Online").id == risk_online.id);
    CHECK(p.find_code("Support/Online").id == support_online.id);
    CHECK(p.code_path(support_online.id) == "Support/Online");
    CHECK(p.find_code(std::to_string(support.id)).id == support.id);
    // An ambiguous bare name is not resolved at random.
    CHECK_THROWS_AS(p.find_code("Online"), quire::Error);
    CHECK_THROWS_AS(p.find_code("Nowhere"), quire::NotFoundError);
    CHECK(p.codes().size() == 4);
}

TEST_CASE("code names cannot contain a slash, which separates the levels of a path", "[project]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    CHECK_THROWS_AS(p.add_code("A/Emo"), quire::InvalidInputError);
    const Id a = p.add_code("A").id;
    CHECK_THROWS_AS(p.rename_code(a, "A/B"), quire::InvalidInputError);
    CHECK(p.codes().size() == 1);
}

TEST_CASE("a top-level code is found by its name even when a nested code shares it", "[project]") {
    TempProjectPath path;
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

TEST_CASE("codes are listed parents first, siblings in order", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    const Id b = p.add_code("B").id;
    p.add_code("A1", a);
    p.add_code("B1", b);
    p.add_code("A2", a);
    CHECK(code_names(p) == std::vector<std::string>{"A", "A/A1", "A/A2", "B", "B/B1"});
}

TEST_CASE("renaming a code checks its siblings", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("Trust").id;
    p.add_code("Timescales");
    p.rename_code(a, "Trusting relationships");
    CHECK(p.code(a).name == "Trusting relationships");
    CHECK_THROWS_AS(p.rename_code(a, "Timescales"), quire::ConflictError);
    CHECK_THROWS_AS(p.rename_code(a, "   "), quire::InvalidInputError);
    CHECK(p.code(a).name == "Trusting relationships");
}

TEST_CASE("a code can be recoloured but not with a malformed colour", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    CodeFields initial;
    initial.color = "#112233";
    const Id id = p.add_code("Consent", std::nullopt, initial).id;
    CodeFields green;
    green.color = "#00FF00";
    p.update_code(id, green);
    CHECK(p.code(id).color == "#00FF00");
    for (const char* bad : {"green", "#12345", "#GGGGGG", "#1234567", ""}) {
        INFO(bad);
        CodeFields f;
        f.color = bad;
        CHECK_THROWS_AS(p.update_code(id, f), quire::InvalidInputError);
    }
    CHECK(p.code(id).color == "#00FF00");
    CodeFields bad_new;
    bad_new.color = "red";
    CHECK_THROWS_AS(p.add_code("Other", std::nullopt, bad_new), quire::InvalidInputError);
    CHECK(p.codes().size() == 1);
}

TEST_CASE("update_code changes only the fields given", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    CodeFields f;
    f.definition = "def";
    f.inclusion = "inc";
    const Id id = p.add_code("X", std::nullopt, f).id;
    CodeFields change;
    change.exclusion = "exc";
    p.update_code(id, change);
    const Code c = p.code(id);
    CHECK(c.definition == "def");
    CHECK(c.inclusion == "inc");
    CHECK(c.exclusion == "exc");
}

TEST_CASE("a code cannot be moved under itself or its descendants", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    const Id b = p.add_code("B", a).id;
    const Id c = p.add_code("C", b).id;
    CHECK_THROWS_AS(p.move_code(a, c), quire::ConflictError);
    CHECK_THROWS_AS(p.move_code(a, b), quire::ConflictError);
    CHECK_THROWS_AS(p.move_code(a, a), quire::ConflictError);
    CHECK(code_names(p) == std::vector<std::string>{"A", "A/B", "A/B/C"});
}

TEST_CASE("moving a code places it at the requested position", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    p.add_code("B");
    const Id c = p.add_code("C").id;
    p.move_code(c, std::nullopt, 0);
    CHECK(child_names(p, std::nullopt) == std::vector<std::string>{"C", "A", "B"});
    p.move_code(c, std::nullopt, 1);
    CHECK(child_names(p, std::nullopt) == std::vector<std::string>{"A", "C", "B"});
    p.move_code(c, std::nullopt);  // no position: last
    CHECK(child_names(p, std::nullopt) == std::vector<std::string>{"A", "B", "C"});
    p.move_code(c, a);
    CHECK(child_names(p, std::nullopt) == std::vector<std::string>{"A", "B"});
    CHECK(child_names(p, a) == std::vector<std::string>{"C"});
    CHECK(p.code(c).parent_id == a);
    CHECK(p.code_path(c) == "A/C");
    // Positions among siblings are consecutive after a move.
    std::vector<int> positions;
    for (const Code& code : p.codes()) {
        if (!code.parent_id) {
            positions.push_back(code.position);
        }
    }
    CHECK(positions == std::vector<int>{0, 1});
}

TEST_CASE("moving a code next to a namesake is refused", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    p.add_code("Online", a);
    const Id top_online = p.add_code("Online").id;
    CHECK_THROWS_AS(p.move_code(top_online, a), quire::ConflictError);
    CHECK_FALSE(p.code(top_online).parent_id);
}

TEST_CASE("merging codes moves codings, collapses duplicates and merges children",
          "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", "0123456789abcdefghij").document.id;
    const Id ann = p.ensure_coder("Ann").id;
    const Id source = p.add_code("Source").id;
    const Id target = p.add_code("Target").id;
    const Id source_kid = p.add_code("Kid", source).id;
    const Id source_only = p.add_code("Only in source", source).id;
    const Id target_kid = p.add_code("Kid", target).id;
    p.apply_code(doc, source, ann, 0, 5);
    p.apply_code(doc, source, ann, 5, 10);
    p.apply_code(doc, target, ann, 0, 5);  // identical to the first source coding
    p.apply_code(doc, source_kid, ann, 10, 12);
    p.apply_code(doc, target_kid, ann, 12, 14);
    p.apply_code(doc, source_only, ann, 14, 16);
    p.add_memo(quire::Memo::Target::Code, source, "About source", "note");

    const int moved = p.merge_codes(source, target);
    CHECK(moved >= 1);
    CHECK_FALSE(has_code(p, source));
    CHECK_FALSE(has_code(p, source_kid));
    CHECK_THROWS_AS(p.find_code("Source"), quire::NotFoundError);
    CHECK(code_names(p) ==
          std::vector<std::string>{"Target", "Target/Kid", "Target/Only in source"});

    CodingFilter on_target;
    on_target.code_id = target;
    const auto target_codings = p.codings(on_target);
    REQUIRE(target_codings.size() == 2);  // [0,5) once, not twice
    CHECK(target_codings[0].start == 0);
    CHECK(target_codings[0].end == 5);
    CHECK(target_codings[1].start == 5);
    CHECK(target_codings[1].end == 10);
    CHECK(p.coding_count(target_kid) == 2);
    CHECK(p.coding_count(source_only) == 1);
    CHECK(p.code(source_only).parent_id == target);
    CHECK(p.codings().size() == 5);
    const auto memos = p.memos();
    REQUIRE(memos.size() == 1);
    CHECK(memos[0].target_id == target);
}

TEST_CASE("merging a code into its parent puts its child of the same name in its place",
          "[project]") {
    TempProjectPath path;
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
    TempProjectPath path;
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

TEST_CASE("a code cannot be merged into itself or its child", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    const Id b = p.add_code("B", a).id;
    CHECK_THROWS_AS(p.merge_codes(a, a), quire::ConflictError);
    CHECK_THROWS_AS(p.merge_codes(a, b), quire::ConflictError);
    CHECK(p.codes().size() == 2);
}

TEST_CASE("a code in use is not deleted unless forced", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", "some words to code").document.id;
    const Id ann = p.ensure_coder("Ann").id;
    const Id parent = p.add_code("Parent").id;
    const Id child = p.add_code("Child", parent).id;
    const Id other = p.add_code("Other").id;
    p.apply_code(doc, child, ann, 0, 4);
    p.apply_code(doc, other, ann, 5, 10);

    CHECK_THROWS_AS(p.delete_code(child), quire::ConflictError);
    CHECK_THROWS_AS(p.delete_code(parent), quire::ConflictError);  // coded through its child
    CHECK(p.codes().size() == 3);
    CHECK(p.codings().size() == 2);

    p.delete_code(parent, true);
    CHECK_FALSE(has_code(p, parent));
    CHECK_FALSE(has_code(p, child));
    REQUIRE(p.codings().size() == 1);
    CHECK(p.codings()[0].code_id == other);
}

TEST_CASE("deleting an unused code deletes its children", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    const Id b = p.add_code("B", a).id;
    p.add_code("C", b);
    p.add_code("Kept");
    p.delete_code(a);
    CHECK(code_names(p) == std::vector<std::string>{"Kept"});
}

TEST_CASE("a forced deletion and its codings are undone together", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", "some words to code").document.id;
    const Id ann = p.ensure_coder("Ann").id;
    const Id code = p.add_code("Code").id;
    p.apply_code(doc, code, ann, 0, 4);
    {
        Project::Action action(p);
        p.delete_code(code, true);
        CHECK(p.codings().empty());
    }  // not committed
    CHECK(has_code(p, code));
    CHECK(p.codings().size() == 1);
}
