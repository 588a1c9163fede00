// SPDX-License-Identifier: GPL-3.0-or-later
// One depth limit for the code tree: creating, moving, importing and reading a code all
// stop at kMaxCodeDepth levels, with an error that says so.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/exchange/qdpx_export.h"
#include "core/exchange/qdpx_import.h"
#include "core/project/project.h"
#include "core/storage/sqlite.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::kMaxCodeDepth;
using quire::Project;
using quire::test::ScratchDir;
using quire::test::TempProjectPath;

namespace {

// A chain of `levels` codes under `parent` (or at the top); returns their ids, top first.
std::vector<Id> chain(Project& p, int levels, std::optional<Id> parent = std::nullopt,
                      const std::string& prefix = "L") {
    std::vector<Id> ids;
    for (int i = 0; i < levels; ++i) {
        ids.push_back(p.add_code(prefix + std::to_string(i + 1), parent).id);
        parent = ids.back();
    }
    return ids;
}

// A chain of `levels` codes written straight into the file, as no limit once stopped.
std::vector<Id> raw_chain(const std::string& path, int levels) {
    quire::sql::Connection db(path, quire::sql::Connection::Mode::ReadWrite);
    std::vector<Id> ids;
    for (int i = 0; i < levels; ++i) {
        const Id id = 1000 + i;
        db.prepare(
              "INSERT INTO codes (id, guid, name, parent_id, created_at) VALUES (?1, ?2, ?3, "
              "?4, '2024-01-01T00:00:00Z')")
            .bind(1, id)
            .bind(2, "00000000-0000-0000-0000-" + std::to_string(100000000000 + i))
            .bind(3, "R" + std::to_string(i + 1))
            .bind(4, i == 0 ? std::optional<Id>() : std::optional<Id>(id - 1))
            .run();
        ids.push_back(id);
    }
    return ids;
}

}  // namespace

TEST_CASE("a code tree goes kMaxCodeDepth levels deep and a code below that is refused",
          "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const std::vector<Id> ids = chain(p, kMaxCodeDepth);
    const std::string deepest = p.code_path(ids.back());
    CHECK(std::count(deepest.begin(), deepest.end(), '/') == kMaxCodeDepth - 1);
    CHECK_THROWS_AS(p.add_code("one more", ids.back()), quire::ConflictError);
    CHECK_THROWS_WITH(p.add_code("one more", ids.back()),
                      Catch::Contains(std::to_string(kMaxCodeDepth) + " levels"));
    CHECK(p.codes().size() == static_cast<std::size_t>(kMaxCodeDepth));
}

TEST_CASE("moving a code is refused when its children would end up too deep", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const std::vector<Id> trunk = chain(p, kMaxCodeDepth - 5, std::nullopt, "T");
    const std::vector<Id> branch = chain(p, 10, std::nullopt, "B");  // 10 levels from its top
    CHECK_THROWS_AS(p.move_code(branch[0], trunk.back()), quire::ConflictError);
    CHECK_THROWS_WITH(p.move_code(branch[0], trunk.back()),
                      Catch::Contains(std::to_string(kMaxCodeDepth) + " levels"));
    CHECK_FALSE(p.code(branch[0]).parent_id.has_value());
    // Its deepest code lands exactly on the last level.
    p.move_code(branch[0], trunk[static_cast<std::size_t>(kMaxCodeDepth) - 11]);
    CHECK(p.code(branch[0]).parent_id == trunk[static_cast<std::size_t>(kMaxCodeDepth) - 11]);
    CHECK_NOTHROW(p.code_path(branch.back()));
}

TEST_CASE(
    "a tree deeper than the limit is reported as too deep, not as a cycle, and can be "
    "moved up",
    "[project][codes]") {
    TempProjectPath path;
    { Project::create(path.str()); }
    const std::vector<Id> ids = raw_chain(path.str(), 1005);
    Project p = Project::open(path.str());
    CHECK_THROWS_AS(p.code_path(ids.back()), quire::ProjectFileError);
    try {
        p.code_path(ids.back());
    } catch (const quire::ProjectFileError& e) {
        const std::string message = e.what();
        CHECK(message.find("cycle") == std::string::npos);
        CHECK(message.find(std::to_string(kMaxCodeDepth) + " levels") != std::string::npos);
    }
    // Moving a part of it up makes it shallower: allowed, so the tree can be mended.
    CHECK_NOTHROW(p.move_code(ids[600], std::nullopt));
    CHECK_NOTHROW(p.move_code(ids[800], std::nullopt));
    CHECK_NOTHROW(p.move_code(ids[900], std::nullopt));
    CHECK_NOTHROW(p.move_code(ids[1000], std::nullopt));
    CHECK_NOTHROW(p.code_path(ids.back()));
    CHECK_NOTHROW(p.code_path(ids[999]));
}

TEST_CASE("a real cycle in the code tree is still reported as a cycle", "[project][codes]") {
    TempProjectPath path;
    { Project::create(path.str()); }
    const std::vector<Id> ids = raw_chain(path.str(), 3);
    {
        quire::sql::Connection db(path.str(), quire::sql::Connection::Mode::ReadWrite);
        db.prepare("UPDATE codes SET parent_id = ?1 WHERE id = ?2")
            .bind(1, ids[2])
            .bind(2, ids[0])
            .run();
    }
    Project p = Project::open(path.str());
    CHECK_THROWS_WITH(p.code_path(ids[1]), Catch::Contains("cycle"));
}

TEST_CASE("a codebook as deep as the limit imports, and one level more is refused unchanged",
          "[exchange][codes]") {
    ScratchDir dir;
    {
        Project source = Project::create(dir.path("source.quire"));
        chain(source, kMaxCodeDepth);
        quire::exchange::export_qdc(source, dir.path("deep.qdc"));
    }
    Project copy = Project::create(dir.path("copy.quire"));
    quire::exchange::import_qdc(copy, dir.path("deep.qdc"));
    CHECK(copy.codes().size() == static_cast<std::size_t>(kMaxCodeDepth));

    // One more level, written by hand inside the deepest code.
    std::string qdc = dir.read("deep.qdc");
    const std::string deepest = "name=\"L" + std::to_string(kMaxCodeDepth) + "\"";
    const std::size_t at = qdc.find(deepest);
    REQUIRE(at != std::string::npos);
    const std::size_t close = qdc.find("/>", at);
    REQUIRE(close != std::string::npos);
    qdc.replace(close, 2,
                "><Code guid=\"00000000-0000-0000-0000-0000000000ff\" name=\"too deep\" "
                "isCodable=\"true\"/></Code>");
    Project other = Project::create(dir.path("other.quire"));
    CHECK_THROWS_WITH(quire::exchange::import_qdc(other, dir.write("deeper.qdc", qdc)),
                      Catch::Contains(std::to_string(kMaxCodeDepth) + " levels"));
    CHECK(other.codes().empty());
}
