// SPDX-License-Identifier: GPL-3.0-or-later
// The Project: creating, opening and upgrading the file, project details, actions.
#include "core/project/project.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/base/errors.h"
#include "core/project/journal.h"
#include "core/project/project_internal.h"
#include "core/project/upgrade_copy.h"
#include "core/storage/migrations.h"
#include "core/storage/sqlite.h"
#include "core/text/unicode.h"
#include "core/util/ids.h"

namespace quire {

using sql::Statement;
using sql::Transaction;
using namespace project_detail;

namespace {

int user_version(sql::Connection& db) {
    return static_cast<int>(db.pragma_int("user_version"));
}

void configure(sql::Connection& db) {
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
}

// What kept SQLite from reading a file's header, said as it happened: SQLite reports a locked
// file, or a folder where it cannot keep its journal, with the same failure as a file that is
// no database at all. `error` carries SQLite's own words.
std::string open_failure(const std::string& path, const std::string& error) {
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    in.read(header, sizeof header);
    if (in.gcount() == sizeof header &&
        std::string(header, sizeof header) != std::string("SQLite format 3\0", sizeof header)) {
        return path + " is not a Quire project (not an SQLite database)";
    }
    const auto says = [&](const char* words) { return error.find(words) != std::string::npos; };
    if (says("database is locked") || says("database table is locked")) {
        return path +
               " is locked by another program that is writing to it or holds it for itself: "
               "try again when it has finished (" +
               error + ")";
    }
    std::filesystem::path folder = std::filesystem::path(path).parent_path();
    if (folder.empty()) {
        folder = ".";
    }
    const bool folder_read_only = ::access(folder.c_str(), W_OK) != 0;
    if (says("unable to open database file")) {
        return "cannot open " + path + ": SQLite cannot open it, or the " + path + "-wal and " +
               path + "-shm files it keeps beside it" +
               (::access(path.c_str(), R_OK) != 0 ? ", as it may not be read"
                : folder_read_only ? ", as the folder " + folder.string() + " is read-only"
                                   : "") +
               " (" + error + ")";
    }
    if (says("readonly")) {
        return "cannot open " + path + ": it cannot be written" +
               (folder_read_only ? ", as the folder " + folder.string() + " is read-only" : "") +
               " (" + error + ")";
    }
    if (says("file is not a database")) {
        return path + " is not a Quire project (not an SQLite database)";
    }
    return "cannot read " + path + ": " + error;
}

void migrate(sql::Connection& db) {
    for (const storage::Migration& step : storage::migrations()) {
        if (step.version <= user_version(db)) {
            continue;
        }
        Transaction tx(db);
        db.exec(step.sql);
        db.exec("PRAGMA user_version = " + std::to_string(step.version));
        tx.commit();
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Opening and creating

int Project::current_schema_version() {
    return storage::migrations().back().version;
}

Project::Project(std::unique_ptr<sql::Connection> db)
    : db_(std::move(db)), journal_(std::make_unique<Journal>(*db_)) {
    // A copy handed out to a coder is that coder's: its actions are theirs unless the
    // program says otherwise (the workbench names the coder chosen in its window).
    Statement& s =
        db_->prepare("SELECT c.name FROM handout h JOIN coders c ON c.guid = h.coder_guid");
    if (s.step()) {
        journal_->set_actor(s.text(0));
    }
    s.reset();
}
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;
Project::~Project() = default;

Project Project::create(const std::string& path, const std::string& name) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        // A conflict, as for every file Quire will not replace (exit status 5 in quire-cli).
        throw ConflictError(path + " already exists: Quire will not overwrite it");
    }
    try {
        auto db = std::make_unique<sql::Connection>(path, sql::Connection::Mode::Create);
        db->exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        configure(*db);
        migrate(*db);
        std::string project_name = trim(name);
        if (project_name.empty()) {
            project_name = std::filesystem::path(path).stem().string();
        }
        Statement& insert =
            db->prepare("INSERT INTO project (id, guid, name, created_at) VALUES (1, ?1, ?2, ?3)");
        insert.bind(1, util::new_guid())
            .bind(2, text::to_nfc(project_name))
            .bind(3, util::now_utc());
        insert.run();
        return Project(std::move(db));
    } catch (...) {
        std::filesystem::remove(path, ec);
        std::filesystem::remove(path + "-wal", ec);
        std::filesystem::remove(path + "-shm", ec);
        throw;
    }
}

Project Project::open(const std::string& path, std::chrono::milliseconds wait) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw ProjectFileError(path + " does not exist (create a project with \"new\")");
    }
    std::unique_ptr<sql::Connection> db;
    std::int64_t app_id = 0;
    try {
        db = std::make_unique<sql::Connection>(path, sql::Connection::Mode::ReadWrite);
        db->set_wait(wait, {});
        app_id = db->pragma_int("application_id");
    } catch (const ProjectBusyError&) {
        throw;  // held by another program past the wait: it says so itself
    } catch (const ProjectFileError& e) {
        throw ProjectFileError(open_failure(path, e.what()));
    }
    if (app_id != kApplicationId) {
        throw ProjectFileError(path + " is not a Quire project");
    }
    const int version = user_version(*db);
    if (version > current_schema_version()) {
        throw ProjectFileError(path + " was saved by a newer version of Quire (file format " +
                               std::to_string(version) + "; this version reads up to " +
                               std::to_string(current_schema_version()) +
                               "): update Quire to open it");
    }
    if (version == current_schema_version()) {
        configure(*db);
        return Project(std::move(db));
    }
    if (db->read_only()) {
        throw ProjectFileError(path + " is from an older Quire (file format " +
                               std::to_string(version) +
                               ") and cannot be written here, so it cannot be upgraded");
    }
    // Before anything changes the file, not even its journal mode.
    const std::string copy = keep_upgrade_copy(*db, version);
    try {
        configure(*db);
        migrate(*db);
    } catch (...) {
        // Each step commits with its version: when none did, the file is as it was and the
        // copy would only pile up with every retry.
        if (user_version(*db) == version) {
            discard_upgrade_copy(copy);
        }
        throw;
    }
    return Project(std::move(db));
}

std::optional<std::string> Project::guid_of(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return std::nullopt;
    }
    try {
        sql::Connection db(path, sql::Connection::Mode::ReadOnly);
        if (db.pragma_int("application_id") != kApplicationId) {
            return std::nullopt;
        }
        Statement& s = db.prepare("SELECT guid FROM project");
        if (!s.step()) {
            return std::nullopt;
        }
        return s.text(0);
    } catch (const Error&) {
        return std::nullopt;
    }
}

const std::string& Project::path() const {
    return db_->path();
}

ProjectInfo Project::info() {
    Statement& s =
        db_->prepare("SELECT guid, name, description, language, created_at FROM project");
    if (!s.step()) {
        throw ProjectFileError(path() + " has no project record");
    }
    ProjectInfo p;
    p.guid = s.text(0);
    p.name = s.text(1);
    p.description = s.text(2);
    p.language = s.text(3);
    p.created_at = s.text(4);
    s.reset();
    p.schema_version = user_version(*db_);
    return p;
}

void Project::set_project_name(const std::string& name, const std::string& description) {
    Transaction tx(*db_);
    db_->prepare("UPDATE project SET name = ?1, description = ?2")
        .bind(1, clean_name(name, "project"))
        .bind(2, text::to_nfc(description))
        .run();
    tx.commit();
}

std::int64_t Project::changes_elsewhere() {
    return db_->pragma_int("data_version");
}

void Project::set_wait(std::chrono::milliseconds limit, std::function<void(double)> notice) {
    db_->set_wait(limit, std::move(notice));
}

struct Project::Action::State {
    State(sql::Connection& db, Transaction::Access access) : tx(db, access) {}
    Transaction tx;
};

Project::Action::Action(Project& project, Access access)
    : state_(std::make_unique<State>(*project.db_, access == Access::Read
                                                       ? Transaction::Access::Read
                                                       : Transaction::Access::Write)) {}
Project::Action::~Action() = default;
void Project::Action::commit() {
    state_->tx.commit();
}

// ---------------------------------------------------------------------------------------
// The journal

static_assert(Project::kUndoDepth == Journal::kUndoDepth);

void Project::set_actor(const std::string& who) {
    journal_->set_actor(who);
}

void Project::set_action_label(const std::string& what) {
    journal_->set_action_label(what);
}

std::optional<JournalEntry> Project::next_undo() {
    return journal_->next_undo();
}

std::optional<JournalEntry> Project::next_redo() {
    return journal_->next_redo();
}

JournalEntry Project::undo() {
    return journal_->undo();
}

JournalEntry Project::redo() {
    return journal_->redo();
}

std::vector<JournalEntry> Project::journal(std::size_t limit) {
    return journal_->entries(limit);
}

std::vector<JournalEntry> Project::journal(std::size_t limit, const JournalFilter& filter) {
    return journal_->entries(limit, filter);
}

}  // namespace quire
