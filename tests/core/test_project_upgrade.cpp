// SPDX-License-Identifier: GPL-3.0-or-later
// Project files of older schema versions (tests/fixtures/project_v1.quire, project_v2.quire)
// open at the current version with their content intact, and the copy kept before an
// upgrade changes a file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/project_agreement/run.h"
#include "core/storage/sqlite.h"
#include "core/text/unicode.h"
#include "core/util/sha256.h"
#include "tests/support/scratch.h"

namespace fs = std::filesystem;
using quire::Project;
using quire::sql::Connection;
using quire::sql::Statement;
using quire::test::ScratchDir;

namespace {

// The first interview of both fixtures, as make_project_fixtures.py wrote it.
const std::string kMentorInterview =
    "Interviewer: How did the drop-in sessions start?\n"
    "Mentor: We opened the café space on Tuesdays after school. At first only three young "
    "people came.\n"
    "Interviewer: What changed?\n"
    "Mentor: Word got round. By spring we had twelve regulars, and they’d started planning "
    "the sessions themselves 👍 which was the point.\n";

// A copy of a fixture in `dir`, named `name`.
std::string copy_fixture(const ScratchDir& dir, const std::string& fixture,
                         const std::string& name = "study.quire") {
    const std::string path = dir.path(name);
    fs::copy_file(fs::path(QUIRE_FIXTURES_DIR) / fixture, path);
    return path;
}

std::int64_t user_version(const std::string& path) {
    Connection db(path, Connection::Mode::ReadWrite);
    return db.pragma_int("user_version");
}

std::vector<std::string> column_values(Connection& db, const std::string& sql) {
    std::vector<std::string> out;
    Statement& s = db.prepare(sql);
    while (s.step()) {
        out.push_back(s.text(0));
    }
    return out;
}

// Columns later migrations add to schema 1 tables, left out of the dump so it compares
// what was there before an upgrade.
const char* const kLaterColumns[] = {"coders.consensus"};

bool later_column(const std::string& table, const std::string& column) {
    for (const char* added : kLaterColumns) {
        if (table + "." + column == added) {
            return true;
        }
    }
    return false;
}

// Every row of the file's tables as SQLite quotes them, table by table in name order, each
// table's rows sorted. With `with_schema`, the schema, application id and user version
// come first: equal dumps then mean equal files as far as anything can read them.
std::string dump(const std::string& path, bool with_schema,
                 const std::vector<std::string>& tables = {}) {
    Connection db(path, Connection::Mode::ReadWrite);
    std::ostringstream out;
    if (with_schema) {
        out << "application_id " << db.pragma_int("application_id") << "\nuser_version "
            << db.pragma_int("user_version") << "\n";
        for (const std::string& entry :
             column_values(db,
                           "SELECT type || ' ' || name || ': ' || ifnull(sql, '') FROM "
                           "sqlite_master ORDER BY type, name")) {
            out << entry << "\n";
        }
    }
    const std::vector<std::string> names =
        tables.empty() ? column_values(db,
                                       "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name")
                       : tables;
    for (const std::string& table : names) {
        std::string row = "''";
        std::string order;
        for (const std::string& column :
             column_values(db, "SELECT name FROM pragma_table_info('" + table + "')")) {
            if (later_column(table, column)) {
                continue;
            }
            row += " || '|' || quote(\"" + column + "\")";
            order += (order.empty() ? "\"" : ", \"") + column + "\"";
        }
        out << "table " << table << "\n";
        for (const std::string& values :
             column_values(db, "SELECT " + row + " FROM \"" + table + "\" ORDER BY " + order)) {
            out << values << "\n";
        }
    }
    return out.str();
}

// Makes `dir` the working directory until it goes out of scope.
struct WorkingDirectory {
    explicit WorkingDirectory(const fs::path& dir) : previous(fs::current_path()) {
        fs::current_path(dir);
    }
    ~WorkingDirectory() { fs::current_path(previous); }
    WorkingDirectory(const WorkingDirectory&) = delete;
    WorkingDirectory& operator=(const WorkingDirectory&) = delete;
    fs::path previous;
};

// The tables of schema 1, whose rows no later migration changes (kLaterColumns aside).
const std::vector<std::string> kSchema1Tables = {
    "attribute_values", "attributes", "case_links", "cases",
    "code_set_members", "code_sets",  "coders",     "codes",
    "codings",          "documents",  "memos",      "project"};

// Opens a copy of a fixture of schema `version` and checks what every fixture holds: the
// current schema version, every schema 1 row as it was, and the model read from them.
void check_upgraded_fixture(int version) {
    ScratchDir dir;
    const std::string path = copy_fixture(dir, "project_v" + std::to_string(version) + ".quire");
    REQUIRE(user_version(path) == version);
    const std::string rows_before = dump(path, false, kSchema1Tables);
    {
        Project p = Project::open(path);
        CHECK(p.info().schema_version == Project::current_schema_version());
        CHECK(p.info().name == "Youth support pilot (fixture)");
        CHECK(p.info().guid == "00000001-0000-4000-8000-000000000001");

        const std::vector<quire::Document> docs = p.documents();
        REQUIRE(docs.size() == 3);
        CHECK(docs[0].name == "Interview 01 – Mentor");
        CHECK(p.document_text(docs[0].id) == kMentorInterview);
        CHECK(docs[0].length == quire::text::code_point_count(kMentorInterview));
        for (const quire::Document& d : docs) {
            CHECK(d.content_hash == quire::util::sha256_hex(p.document_text(d.id)));
        }
        // The stored hash still finds the same text when it comes again.
        CHECK(p.add_document("Again", kMentorInterview).duplicate);

        // A coding after the emoji (one code point, two UTF-16 units, four bytes) covers
        // the text it covered.
        const std::string planning =
            "they’d started planning the sessions themselves 👍 which was the point.";
        quire::CodingFilter by_alex_on_engagement;
        by_alex_on_engagement.document_id = docs[0].id;
        by_alex_on_engagement.code_id = p.find_code("Engagement").id;
        by_alex_on_engagement.coder_id = p.find_coder("Alex").id;
        const std::vector<quire::Coding> codings = p.codings(by_alex_on_engagement);
        REQUIRE(codings.size() == 2);
        CHECK(quire::text::slice(kMentorInterview, codings[1].start, codings[1].end) == planning);
        CHECK(p.codings().size() == 12);

        CHECK(p.code_path(p.find_code("Outcomes/Practical help").id) == "Outcomes/Practical help");
        CHECK_FALSE(p.find_code("Outcomes").codable);
        REQUIRE(p.cases().size() == 1);
        CHECK(p.cases()[0].name == "YP-02");
        CHECK(p.memos().size() == 5);
        // The counter schema 3 added moves with the documents from now on.
        const std::int64_t generation = p.documents_generation();
        p.add_document("Interview 04", "Interviewer: Anything else?\nMentor: No.\n");
        CHECK(p.documents_generation() == generation + 1);
    }
    // Rows of the new documents aside, nothing that was there has changed.
    {
        Connection raw(path, Connection::Mode::ReadWrite);
        raw.exec("DELETE FROM documents WHERE id > 3");
    }
    CHECK(dump(path, false, kSchema1Tables) == rows_before);
}

}  // namespace

// --- fixtures of older schema versions ----------------------------------------------------

TEST_CASE("a schema 1 project opens at the current version with every row and text intact",
          "[project][upgrade]") {
    check_upgraded_fixture(1);
}

TEST_CASE("a schema 2 project opens at the current version with every row and text intact",
          "[project][upgrade]") {
    check_upgraded_fixture(2);
}

TEST_CASE("a schema 2 project keeps its stored agreement run through the upgrade",
          "[project][upgrade][agreement]") {
    ScratchDir dir;
    const std::string path = copy_fixture(dir, "project_v2.quire");
    std::string parameters, result;
    {
        Connection raw(path, Connection::Mode::ReadWrite);
        Statement& s = raw.prepare("SELECT parameters, result FROM agreement_runs");
        REQUIRE(s.step());
        parameters = s.text(0);
        result = s.text(1);
    }
    Project p = Project::open(path);
    const std::vector<quire::agreement::StoredRun> runs = quire::agreement::agreement_history(p);
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].created_at == "2024-03-05T09:58:00Z");
    CHECK(runs[0].parameters == parameters);
    CHECK(runs[0].result == result);
    // Schema 2 kept the full report: it comes out as it was stored.
    CHECK(quire::agreement::full_report_json(runs[0].result) == result);
    CHECK(runs[0].overall.find("\"cohen_kappa\"") != std::string::npos);
}

// --- the copy kept before an upgrade --------------------------------------------------------

TEST_CASE("upgrading a project first keeps a copy of the file as it was, beside it",
          "[project][upgrade]") {
    const int version = GENERATE(1, 2);
    const std::string fixture = "project_v" + std::to_string(version) + ".quire";
    ScratchDir dir;
    const std::string path = copy_fixture(dir, fixture);
    const std::string before = dump(copy_fixture(dir, fixture, "reference.quire"), true);
    { Project::open(path); }
    const std::string copy = dir.path("study.v" + std::to_string(version) + ".backup.quire");
    REQUIRE(fs::exists(copy));
    CHECK(user_version(copy) == version);
    CHECK(dump(copy, true) == before);
    CHECK(user_version(path) == Project::current_schema_version());
}

TEST_CASE("a project opened by a relative path keeps its upgrade copy beside it",
          "[project][upgrade]") {
    ScratchDir dir;
    copy_fixture(dir, "project_v1.quire");
    {
        const WorkingDirectory in_dir(dir.dir());
        Project::open("study.quire");
    }
    CHECK(user_version(dir.path("study.v1.backup.quire")) == 1);
}

TEST_CASE("the upgrade copy holds changes still in the write-ahead log", "[project][upgrade]") {
    ScratchDir dir;
    const std::string path = copy_fixture(dir, "project_v1.quire");
    // Another connection has written a memo that is only in the -wal file so far.
    Connection writer(path, Connection::Mode::ReadWrite);
    writer.exec("PRAGMA wal_autocheckpoint = 0");
    writer.exec(
        "INSERT INTO memos (guid, title, text, created_at, updated_at) VALUES "
        "('0000000b-0000-4000-8000-000000000001', 'Late note', 'Written just before the "
        "upgrade.', '2024-03-06T10:00:00Z', '2024-03-06T10:00:00Z')");
    REQUIRE(fs::file_size(path + "-wal") > 0);
    { Project::open(path); }
    Connection copy(dir.path("study.v1.backup.quire"), Connection::Mode::ReadWrite);
    CHECK(column_values(copy, "SELECT title FROM memos WHERE text LIKE '%before the upgrade%'") ==
          std::vector<std::string>{"Late note"});
}

TEST_CASE("opening a project of the current version keeps no copy", "[project][upgrade]") {
    ScratchDir dir;
    const std::string path = dir.path("study.quire");
    { Project::create(path).add_document("Interview 1", kMentorInterview); }
    { Project::open(path); }
    CHECK(dir.entries() == std::vector<std::string>{"study.quire"});
}

TEST_CASE("an upgrade copy never replaces an existing file: it takes the next free name",
          "[project][upgrade]") {
    ScratchDir dir;
    const std::string path = copy_fixture(dir, "project_v1.quire");
    dir.write("study.v1.backup.quire", "an earlier copy, kept by hand");
    { Project::open(path); }
    CHECK(dir.read("study.v1.backup.quire") == "an earlier copy, kept by hand");
    REQUIRE(fs::exists(dir.path("study.v1.backup-2.quire")));
    CHECK(user_version(dir.path("study.v1.backup-2.quire")) == 1);
}

TEST_CASE("an upgrade copy avoids a name whose leftover -wal file would be read into it",
          "[project][upgrade]") {
    ScratchDir dir;
    const std::string path = copy_fixture(dir, "project_v1.quire");
    dir.write("study.v1.backup.quire-wal", "left by a crash");
    { Project::open(path); }
    CHECK_FALSE(fs::exists(dir.path("study.v1.backup.quire")));
    CHECK(dir.read("study.v1.backup.quire-wal") == "left by a crash");
    CHECK(user_version(dir.path("study.v1.backup-2.quire")) == 1);
}

TEST_CASE("when the upgrade copy cannot be made the file is not upgraded and stays as it was",
          "[project][upgrade]") {
    ScratchDir dir;
    // The copy's name is longer than the file system allows (255 bytes); the file's is not.
    const std::string name = std::string(245, 'a') + ".quire";
    const std::string path = copy_fixture(dir, "project_v1.quire", name);
    const std::string bytes = dir.read(name);
    CHECK_THROWS_AS(Project::open(path), quire::ProjectFileError);
    CHECK_THROWS_WITH(Project::open(path), Catch::Contains("cannot keep a copy"));
    CHECK(dir.read(name) == bytes);
    CHECK(user_version(path) == 1);
    CHECK(dir.entries() == std::vector<std::string>{name});
}

TEST_CASE("an upgrade that fails removes its copy, so retrying does not pile up copies",
          "[project][upgrade]") {
    ScratchDir dir;
    const std::string path = copy_fixture(dir, "project_v2.quire");
    {
        // What migration 3 creates, already there: the step fails before it commits.
        Connection raw(path, Connection::Mode::ReadWrite);
        raw.exec("CREATE TABLE change_counters (name TEXT)");
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
        CHECK_THROWS_AS(Project::open(path), quire::ProjectFileError);
        CHECK_FALSE(fs::exists(dir.path("study.v2.backup.quire")));
        CHECK_FALSE(fs::exists(dir.path("study.v2.backup-2.quire")));
    }
    CHECK(user_version(path) == 2);
}

TEST_CASE("the upgrade copy is as private as the project it copies", "[project][upgrade]") {
    ScratchDir dir;
    const std::string path = copy_fixture(dir, "project_v1.quire");
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    Project::open(path);
    const fs::perms copy = fs::status(dir.path("study.v1.backup.quire")).permissions();
    CHECK((copy & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
}
