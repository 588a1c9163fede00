// SPDX-License-Identifier: GPL-3.0-or-later
// The project file: creating, opening, upgrading, transactions and integrity.
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

// --- creating and opening ---------------------------------------------------------------

TEST_CASE("a created project can be closed and opened again", "[project]") {
    TempProjectPath path;
    std::string guid;
    {
        Project p = Project::create(path.str(), "Safe Connections");
        const quire::ProjectInfo info = p.info();
        CHECK(info.name == "Safe Connections");
        CHECK(info.schema_version == Project::current_schema_version());
        CHECK_FALSE(info.guid.empty());
        guid = info.guid;
        p.add_document("Interview 1", kTranscript);
    }
    REQUIRE(fs::exists(path.str()));
    Project p = Project::open(path.str());
    CHECK(p.info().guid == guid);
    CHECK(p.info().name == "Safe Connections");
    REQUIRE(p.documents().size() == 1);
    CHECK(p.document_text(p.documents()[0].id) == kTranscript);
}

TEST_CASE("a project created without a name is named after its file", "[project]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    CHECK(p.info().name == fs::path(path.str()).stem().string());
}

TEST_CASE("create refuses to overwrite an existing file", "[project]") {
    TempProjectPath path;
    { std::ofstream(path.str(), std::ios::binary) << "precious notes"; }
    CHECK_THROWS_AS(Project::create(path.str()), quire::ConflictError);
    CHECK(read_bytes(path.str()) == "precious notes");
}

TEST_CASE("create refuses an existing project file and leaves it intact", "[project]") {
    TempProjectPath path;
    {
        Project p = Project::create(path.str());
        p.add_document("Interview 1", kTranscript);
    }
    CHECK_THROWS_AS(Project::create(path.str()), quire::ConflictError);
    Project p = Project::open(path.str());
    CHECK(p.documents().size() == 1);
}

TEST_CASE("open refuses a missing file and does not create it", "[project]") {
    TempProjectPath path;
    CHECK_THROWS_AS(Project::open(path.str()), quire::ProjectFileError);
    CHECK_FALSE(fs::exists(path.str()));
}

TEST_CASE("open refuses a file that is not an SQLite database", "[project]") {
    TempProjectPath path;
    const std::string content(2000, 'x');
    { std::ofstream(path.str(), std::ios::binary) << content; }
    CHECK_THROWS_AS(Project::open(path.str()), quire::ProjectFileError);
    CHECK(read_bytes(path.str()) == content);
}

TEST_CASE("open refuses an SQLite database that belongs to another application", "[project]") {
    TempProjectPath path;
    {
        quire::sql::Connection other(path.str(), quire::sql::Connection::Mode::Create);
        other.exec("CREATE TABLE notes (body TEXT)");
        other.exec("PRAGMA application_id = 1234");
    }
    CHECK_THROWS_AS(Project::open(path.str()), quire::ProjectFileError);
    {
        quire::sql::Connection other(path.str(), quire::sql::Connection::Mode::ReadWrite);
        CHECK(other.pragma_int("user_version") == 0);  // not "upgraded" into a project
    }
}

TEST_CASE("open refuses a plain SQLite database without an application id", "[project]") {
    TempProjectPath path;
    {
        quire::sql::Connection other(path.str(), quire::sql::Connection::Mode::Create);
        other.exec("CREATE TABLE notes (body TEXT)");
    }
    CHECK_THROWS_AS(Project::open(path.str()), quire::ProjectFileError);
}

TEST_CASE("open refuses a project saved by a newer version", "[project]") {
    TempProjectPath path;
    {
        Project::create(path.str());
        quire::sql::Connection raw(path.str(), quire::sql::Connection::Mode::ReadWrite);
        raw.exec("PRAGMA user_version = 999");
    }
    CHECK_THROWS_AS(Project::open(path.str()), quire::ProjectFileError);
    CHECK_THROWS_WITH(Project::open(path.str()), Catch::Contains("newer"));
}

TEST_CASE("a project uses WAL, foreign keys and the Quire application id", "[project]") {
    TempProjectPath path;
    // Journal mode and application id live in the file: another connection reads them.
    auto check_file = [&path] {
        quire::sql::Connection raw(path.str(), quire::sql::Connection::Mode::ReadWrite);
        CHECK(raw.pragma_int("application_id") == Project::kApplicationId);
        quire::sql::Statement& mode = raw.prepare("PRAGMA journal_mode");
        REQUIRE(mode.step());
        CHECK(mode.text(0) == "wal");
        mode.reset();
    };
    // Foreign keys are a setting of the project's own connection: deleting a document
    // takes its codings with it only when they are on.
    auto check_foreign_keys = [](Project& p, const std::string& label) {
        const Id doc = p.add_document(label, kTranscript + label).document.id;
        const Id code = p.add_code(label).id;
        p.apply_code(doc, code, p.ensure_coder("Ann").id, 0, 3);
        quire::CodingFilter f;
        f.code_id = code;
        REQUIRE(p.codings(f).size() == 1);
        p.delete_document(doc);
        CHECK(p.codings(f).empty());
    };
    {
        Project p = Project::create(path.str());
        check_foreign_keys(p, "created");
    }
    check_file();
    Project p = Project::open(path.str());
    check_foreign_keys(p, "opened");
    check_file();
}

TEST_CASE("a document is stored as NFC with LF line endings", "[project][documents]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto r = p.add_document("Interview", "Cafe\u0301 au lait\r\nline two\rline three\n");
    const std::string stored = "Caf\u00E9 au lait\nline two\nline three\n";
    CHECK_FALSE(r.duplicate);
    CHECK(p.document_text(r.document.id) == stored);
    CHECK(r.document.length == quire::text::code_point_count(stored));
    CHECK(r.document.content_hash == quire::util::sha256_hex(stored));
    CHECK(r.document.name == "Interview");
}

TEST_CASE("text already in the project is not added twice", "[project][documents]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto first = p.add_document("A", "Same words\nhere.");
    // Different bytes, same stored text once normalised.
    const auto second = p.add_document("B", "Same words\r\nhere.");
    CHECK(second.duplicate);
    CHECK(second.document.id == first.document.id);
    CHECK(second.document.name == "A");
    CHECK(p.documents().size() == 1);
}

TEST_CASE("document names are unique", "[project][documents]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    p.add_document("Interview", "first text");
    CHECK_THROWS_AS(p.add_document("Interview", "second text"), quire::ConflictError);
    // The name is compared after trimming and NFC.
    p.add_document("Caf\u00E9", "third text");
    CHECK_THROWS_AS(p.add_document("  Cafe\u0301 ", "fourth text"), quire::ConflictError);
    CHECK(p.documents().size() == 2);
}

TEST_CASE("an empty or blank document is refused", "[project][documents]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    CHECK_THROWS_AS(p.add_document("Empty", ""), quire::Error);
    CHECK_THROWS_AS(p.add_document("Blank", "  \r\n\t \n"), quire::Error);
    CHECK_THROWS_AS(p.add_document("", "text without a name"), quire::InvalidInputError);
    CHECK(p.documents().empty());
}

TEST_CASE("import_file names the document after the file and makes the name unique",
          "[project][documents]") {
    TempDir dir;
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto a = p.import_file(dir.write("one/Interview 3.txt", "first interview"));
    const auto b = p.import_file(dir.write("two/Interview 3.txt", "second interview"));
    const auto c = p.import_file(dir.write("three/Interview 3.txt", "third interview"));
    CHECK(a.document.name == "Interview 3");
    CHECK(b.document.name == "Interview 3 (2)");
    CHECK(c.document.name == "Interview 3 (3)");
    CHECK(a.document.original_name == "Interview 3.txt");
    CHECK(a.document.format == "txt");
    CHECK(a.encoding == "UTF-8");
    CHECK(p.document_text(b.document.id) == "second interview");
}

TEST_CASE("import_file decodes the file and sets the requested name and attributes",
          "[project][documents]") {
    TempDir dir;
    TempProjectPath path;
    Project p = Project::create(path.str());
    quire::ImportOptions options;
    options.name = "Northgate practitioner";
    options.encoding = "windows-1252";
    options.attributes = {{"Centre", "Northgate"}, {"Role", "practitioner"}};
    const auto r = p.import_file(dir.write("raw.txt", "caf\xE9 \x93quoted\x94\r\n"), options);
    CHECK(r.document.name == "Northgate practitioner");
    CHECK(p.document_text(r.document.id) == "caf\u00E9 \u201Cquoted\u201D\n");
    const auto values = p.document_attributes(r.document.id);
    CHECK(attribute_value(values, "Centre") == "Northgate");
    CHECK(attribute_value(values, "Role") == "practitioner");
}

TEST_CASE("import_file refuses unreadable files and leaves the project unchanged",
          "[project][documents]") {
    TempDir dir;
    TempProjectPath path;
    Project p = Project::create(path.str());
    CHECK_THROWS_AS(p.import_file((dir.dir() / "missing.txt").string()), quire::ImportError);
    CHECK_THROWS_AS(p.import_file(dir.write("old.doc", "whatever")), quire::ImportError);
    CHECK_THROWS_AS(p.import_file(dir.write("picture.png", "\x89PNG")), quire::ImportError);
    CHECK_THROWS_AS(p.import_file(dir.write("binary.txt", std::string("a\0b\0\x01\x02zz", 8))),
                    quire::ImportError);
    CHECK(p.documents().empty());
    CHECK(p.attributes().empty());
}

TEST_CASE("documents are found by name or by id", "[project][documents]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto a = p.add_document("Interview A", "text a");
    const auto b = p.add_document("2024", "text b");
    CHECK(p.find_document("Interview A").id == a.document.id);
    CHECK(p.find_document(std::to_string(a.document.id)).id == a.document.id);
    // A name that looks like a number is still a name first.
    CHECK(p.find_document("2024").id == b.document.id);
    CHECK_THROWS_AS(p.find_document("Interview Z"), quire::NotFoundError);
    CHECK_THROWS_AS(p.document(9999), quire::NotFoundError);
}

TEST_CASE("renaming a document checks uniqueness, deleting removes its codings",
          "[project][documents]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_document("A", "alpha text").document.id;
    const Id b = p.add_document("B", "beta text").document.id;
    p.rename_document(a, "Alpha");
    CHECK(p.document(a).name == "Alpha");
    CHECK_THROWS_AS(p.rename_document(b, "Alpha"), quire::ConflictError);
    CHECK(p.document(b).name == "B");
    const Id code = p.add_code("Theme").id;
    const Id coder = p.ensure_coder("Ann").id;
    p.apply_code(b, code, coder, 0, 4);
    p.apply_code(a, code, coder, 0, 4);
    p.delete_document(b);
    CHECK_THROWS_AS(p.document(b), quire::NotFoundError);
    CHECK(p.codings().size() == 1);
    CHECK(p.codings()[0].document_id == a);
}

// --- transactions and integrity ---------------------------------------------------------

TEST_CASE("an action that is not committed is rolled back", "[project][actions]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    {
        Project::Action action(p);
        p.add_document("D", kTranscript);
        p.add_code("C");
        CHECK(p.documents().size() == 1);
    }
    CHECK(p.documents().empty());
    CHECK(p.codes().empty());
}

TEST_CASE("a committed action persists after reopening", "[project][actions]") {
    TempProjectPath path;
    {
        Project p = Project::create(path.str());
        Project::Action action(p);
        p.add_document("D", kTranscript);
        p.add_code("C");
        action.commit();
    }
    Project p = Project::open(path.str());
    CHECK(p.documents().size() == 1);
    CHECK(p.codes().size() == 1);
}

TEST_CASE("an action interrupted by an exception leaves the project as it was",
          "[project][actions]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    p.add_document("D", kTranscript);
    try {
        Project::Action action(p);
        p.add_code("New");
        p.add_document("D", "another text");  // throws: the name is taken
        action.commit();
    } catch (const quire::ConflictError&) {
    }
    CHECK(p.codes().empty());
    CHECK(p.documents().size() == 1);
}

TEST_CASE("the text of a stored document cannot be changed", "[project][integrity]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    quire::sql::Connection raw(path.str(), quire::sql::Connection::Mode::ReadWrite);
    CHECK_THROWS_AS(raw.exec("UPDATE documents SET text = 'changed'"), quire::ProjectFileError);
    CHECK_THROWS_AS(raw.exec("UPDATE documents SET length_cp = 1"), quire::ProjectFileError);
    CHECK(p.document_text(doc) == kTranscript);
    CHECK(p.document(doc).length == quire::text::code_point_count(kTranscript));
}
