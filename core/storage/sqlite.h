// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

struct sqlite3;
struct sqlite3_blob;
struct sqlite3_stmt;

// Thin RAII wrappers over SQLite for core's own use (not part of core's public API: SQLite
// types never appear in a header outside core/storage). All methods throw
// ProjectFileError carrying SQLite's message, or ProjectBusyError when another connection
// kept the file locked past the wait limit. One Connection per thread; statements are
// never shared across threads.
namespace quire::sql {

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Bind indices start at 1, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    Statement& bind(int index, std::nullptr_t);
    Statement& bind(int index, const std::optional<std::int64_t>& value);

    // Returns true while a row is available; false when done.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    void reset();

    // Column indices start at 0, as in SQLite.
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    bool is_null(int column) const;
    std::optional<std::int64_t> optional_int64(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class Connection {
public:
    enum class Mode { ReadWrite, Create, ReadOnly };
    Connection(const std::string& path, Mode mode);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void exec(std::string_view sql);
    // A prepared statement cached by its SQL text, reset and with bindings cleared.
    Statement& prepare(const std::string& sql);
    std::int64_t last_insert_rowid() const;
    int changes() const;
    std::int64_t pragma_int(const std::string& name);
    const std::string& path() const { return path_; }
    // How long a statement waits for another connection's write lock, and what it says
    // meanwhile: `notice` gets the seconds waited, about twice a second. It must not throw.
    void set_wait(std::chrono::milliseconds limit, std::function<void(double)> notice);
    // False in autocommit mode, true inside BEGIN ... COMMIT.
    bool in_transaction() const;
    // True when SQLite opened the file read-only (it is not writable by this user).
    bool read_only() const;
    // Reads `length` bytes at byte `offset` of documents.text without loading the whole
    // value (SQLite's incremental I/O). The handle stays open for further reads, which is
    // much cheaper than opening one per read, until end_text_reads(): while it is open the
    // connection keeps its read snapshot. Throws ProjectFileError when out of range.
    std::string read_text_bytes(std::int64_t document, std::int64_t offset, std::int64_t length);
    void end_text_reads();
    // Runs inside the outermost transaction just before it commits (Transaction::commit),
    // so what it writes commits with the transaction; when it throws, nothing commits.
    void set_before_commit(std::function<void()> hook) { before_commit_ = std::move(hook); }
    void before_commit() {
        if (before_commit_) {
            before_commit_();
        }
    }

private:
    static int on_busy(void* self, int attempts);

    sqlite3* db_ = nullptr;
    std::chrono::milliseconds wait_limit_{30000};
    std::function<void(double)> wait_notice_;
    std::function<void()> before_commit_;
    std::chrono::steady_clock::time_point wait_started_;
    std::chrono::steady_clock::time_point last_notice_;
    sqlite3_blob* text_blob_ = nullptr;
    std::int64_t text_blob_row_ = -1;
    std::string path_;
    std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
};

// A transaction, rolled back by the destructor unless committed, so an exception anywhere
// inside a user action leaves the file as it was. The outermost one is BEGIN IMMEDIATE for
// writing (the write lock is taken, or waited for, before anything is read: a deferred
// transaction that later upgrades fails at once in WAL mode when another connection wrote
// meanwhile) or BEGIN DEFERRED for a read snapshot; nested ones are SAVEPOINTs. A Write
// inside a Read may fail with ProjectBusyError when the file changed since the read began.
class Transaction {
public:
    enum class Access { Write, Read };
    explicit Transaction(Connection& db, Access access = Access::Write);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& db_;
    std::string name_;  // empty for the outermost transaction
    bool done_ = false;
};

}  // namespace quire::sql
