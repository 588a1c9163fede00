// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/sqlite.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "core/base/errors.h"

namespace quire::sql {
namespace {

std::string file_name(sqlite3* db) {
    const char* name = sqlite3_db_filename(db, "main");
    return name != nullptr && *name != '\0' ? name : "the project";
}

// SQLITE_BUSY after the busy handler gave up, or at once when a read snapshot could not
// become a write: another connection holds or changed the file.
[[noreturn]] void fail_busy(sqlite3* db, int rc) {
    if (rc == SQLITE_BUSY_SNAPSHOT) {
        throw ProjectBusyError("another program changed " + file_name(db) +
                               " while this was reading it; nothing was changed, try again");
    }
    throw ProjectBusyError("another program is writing to " + file_name(db) +
                           " and did not finish in time; nothing was changed, try again when "
                           "it has finished");
}

bool is_busy(int rc) {
    return (rc & 0xff) == SQLITE_BUSY;
}

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    if (db != nullptr && is_busy(sqlite3_extended_errcode(db))) {
        fail_busy(db, sqlite3_extended_errcode(db));
    }
    std::string message = what;
    if (db != nullptr) {
        message += ": ";
        message += sqlite3_errmsg(db);
    }
    throw ProjectFileError(message);
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt_, nullptr) != SQLITE_OK) {
        fail(db, "cannot prepare SQL statement");
    }
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) {
        fail(db_, "cannot bind value");
    }
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) {
        fail(db_, "cannot bind value");
    }
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    if (sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8) != SQLITE_OK) {
        fail(db_, "cannot bind value");
    }
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) {
        fail(db_, "cannot bind value");
    }
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    const std::string message = sqlite3_errmsg(db_);
    sqlite3_reset(stmt_);
    if (is_busy(rc)) {
        fail_busy(db_, rc);
    }
    throw ProjectFileError("database error: " + message);
}

void Statement::run() {
    while (step()) {
    }
    sqlite3_reset(stmt_);
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::int64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::string Statement::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (p == nullptr) {
        return {};
    }
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return int64(column);
}

Connection::Connection(const std::string& path, Mode mode) : path_(path) {
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                      (mode == Mode::Create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw ProjectFileError("cannot open " + path + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_handler(db_, &Connection::on_busy, this);
}

int Connection::on_busy(void* self, int attempts) {
    using namespace std::chrono;
    auto& c = *static_cast<Connection*>(self);
    const auto now = steady_clock::now();
    if (attempts == 0) {
        c.wait_started_ = now;
        c.last_notice_ = now;
    }
    const auto waited = now - c.wait_started_;
    if (waited >= c.wait_limit_) {
        return 0;  // SQLite returns SQLITE_BUSY: fail_busy() says what happened
    }
    if (c.wait_notice_ && now - c.last_notice_ >= milliseconds(500)) {
        c.last_notice_ = now;
        try {
            c.wait_notice_(duration<double>(waited).count());
        } catch (...) {
            // Never through SQLite's C frames; the notice is only a courtesy.
        }
    }
    // Short sleeps first: most writes take milliseconds.
    std::this_thread::sleep_for(milliseconds(std::min(attempts + 1, 20)));
    return 1;
}

void Connection::set_wait(std::chrono::milliseconds limit, std::function<void(double)> notice) {
    wait_limit_ = limit;
    wait_notice_ = std::move(notice);
}

bool Connection::in_transaction() const {
    return sqlite3_get_autocommit(db_) == 0;
}

Connection::~Connection() {
    end_text_reads();
    cache_.clear();  // statements must be finalised before the connection closes
    sqlite3_close(db_);
}

void Connection::exec(std::string_view sql) {
    char* error = nullptr;
    const std::string owned(sql);
    const int rc = sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        if (is_busy(rc)) {
            sqlite3_free(error);
            fail_busy(db_, rc);
        }
        const std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw ProjectFileError("database error: " + message);
    }
}

Statement& Connection::prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        it = cache_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
    } else {
        it->second->reset();
    }
    return *it->second;
}

bool Connection::read_only() const {
    return sqlite3_db_readonly(db_, "main") == 1;
}

std::int64_t Connection::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(db_);
}

int Connection::changes() const {
    return sqlite3_changes(db_);
}

std::string Connection::read_text_bytes(std::int64_t document, std::int64_t offset,
                                        std::int64_t length) {
    for (int attempt = 0;; ++attempt) {
        int rc = SQLITE_OK;
        if (text_blob_ == nullptr) {
            rc = sqlite3_blob_open(db_, "main", "documents", "text", document, 0, &text_blob_);
        } else if (text_blob_row_ != document) {
            rc = sqlite3_blob_reopen(text_blob_, document);
        }
        if (rc != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(db_);
            end_text_reads();
            throw ProjectFileError("cannot read document " + std::to_string(document) + ": " +
                                   message);
        }
        text_blob_row_ = document;
        const int size = sqlite3_blob_bytes(text_blob_);
        if (offset < 0 || length < 0 || offset + length > size) {
            end_text_reads();
            throw ProjectFileError("a read past the end of document " + std::to_string(document));
        }
        std::string out(static_cast<std::size_t>(length), '\0');
        rc = sqlite3_blob_read(text_blob_, out.data(), static_cast<int>(length),
                               static_cast<int>(offset));
        if (rc == SQLITE_OK) {
            return out;
        }
        end_text_reads();
        // SQLITE_ABORT: the row changed since the handle was opened; open it afresh once.
        if (rc != SQLITE_ABORT || attempt > 0) {
            throw ProjectFileError("cannot read document " + std::to_string(document) + ": " +
                                   sqlite3_errstr(rc));
        }
    }
}

void Connection::end_text_reads() {
    if (text_blob_ != nullptr) {
        sqlite3_blob_close(text_blob_);
        text_blob_ = nullptr;
        text_blob_row_ = -1;
    }
}

std::int64_t Connection::pragma_int(const std::string& name) {
    Statement stmt(db_, "PRAGMA " + name);
    if (!stmt.step()) {
        fail(db_, "PRAGMA " + name + " returned nothing");
    }
    return stmt.int64(0);
}

Transaction::Transaction(Connection& db, Access access) : db_(db) {
    if (!db_.in_transaction()) {
        db_.exec(access == Access::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
        return;
    }
    static std::atomic<unsigned> counter{0};
    name_ = "quire_sp" + std::to_string(counter++);
    db_.exec("SAVEPOINT " + name_);
}

Transaction::~Transaction() {
    if (done_) {
        return;
    }
    try {
        if (name_.empty()) {
            // A failed COMMIT (or an error that already ended the transaction) leaves
            // nothing to roll back.
            if (db_.in_transaction()) {
                db_.exec("ROLLBACK");
            }
        } else {
            db_.exec("ROLLBACK TO " + name_);
            db_.exec("RELEASE " + name_);
        }
    } catch (...) {
        // A destructor must not throw; the outermost rollback still undoes everything.
    }
}

void Transaction::commit() {
    if (name_.empty()) {
        db_.before_commit();
    }
    db_.exec(name_.empty() ? "COMMIT" : "RELEASE " + name_);
    done_ = true;
}

}  // namespace quire::sql
