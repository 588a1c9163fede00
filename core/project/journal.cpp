// SPDX-License-Identifier: GPL-3.0-or-later
// The action journal: recording triggers, entries, undo and redo.
#include "core/project/journal.h"

#include <pwd.h>
#include <unistd.h>

#include <cctype>
#include <map>
#include <vector>

#include "core/base/errors.h"
#include "core/storage/sqlite.h"
#include "core/util/ids.h"

namespace quire::project_detail {

using sql::Statement;
using sql::Transaction;

namespace {

// Tables whose rows are not the user's work: a computation's record, caches' counters,
// what each coder chose to see, and the journal itself.
bool journaled(const std::string& table) {
    return table != "journal" && table != "journal_steps" && table != "agreement_runs" &&
           table != "change_counters" && table != "coder_views" && table != "coder_view_hidden" &&
           table.rfind("sqlite_", 0) != 0;
}

// Columns an update never changes (the stored text is immutable, and a trigger refuses
// even an update that sets it to itself): left out of the statement that takes it back.
bool immutable(const std::string& table, const std::string& column) {
    return table == "documents" &&
           (column == "text" || column == "length_cp" || column == "content_hash");
}

std::string quoted_name(const std::string& name) {
    std::string out = "\"";
    for (char c : name) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

// A string literal for SQL text that builds SQL text.
std::string literal(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c;
        if (c == '\'') {
            out += '\'';
        }
    }
    return out + "'";
}

struct TableShape {
    std::string name;
    std::vector<std::string> columns;
    bool without_rowid = false;
    std::vector<std::string> key;  // a WITHOUT ROWID table's primary key; others use rowid
};

std::vector<TableShape> journaled_tables(sql::Connection& db) {
    std::vector<TableShape> tables;
    {
        Statement& s = db.prepare(
            "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM main.sqlite_schema "
            "WHERE type = 'table' ORDER BY name");
        while (s.step()) {
            if (journaled(s.text(0))) {
                TableShape t;
                t.name = s.text(0);
                t.without_rowid = s.int64(1) != 0;
                tables.push_back(std::move(t));
            }
        }
    }
    for (TableShape& t : tables) {
        Statement& s = db.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid");
        s.bind(1, t.name);
        std::map<std::int64_t, std::string> key_by_position;
        while (s.step()) {
            t.columns.push_back(s.text(0));
            if (s.int64(1) > 0) {
                key_by_position[s.int64(1)] = s.text(0);
            }
        }
        for (const auto& [position, column] : key_by_position) {
            t.key.push_back(column);
        }
    }
    return tables;
}

// SQL that, run inside the trigger, yields the condition finding the row: `row` is NEW or
// OLD.
std::string row_condition(const TableShape& t, const char* row) {
    if (!t.without_rowid) {
        return literal("rowid = ") + " || " + row + ".rowid";
    }
    std::string out;
    for (const std::string& column : t.key) {
        out += (out.empty() ? "" : " || ' AND ' || ") + literal(quoted_name(column) + " = ") +
               " || quote(" + row + "." + quoted_name(column) + ")";
    }
    return out;
}

std::string record(const TableShape& t, const char* kind, const std::string& statement) {
    return "INSERT INTO journal_pending (tbl, kind, statement) VALUES (" + literal(t.name) + ", '" +
           kind + "', " + statement + ");";
}

std::string trigger(const TableShape& t, const char* event, const std::string& when,
                    const std::string& body) {
    return "CREATE TEMP TRIGGER IF NOT EXISTS " + quoted_name("journal_" + t.name + "_" + event) +
           " AFTER " + event + " ON main." + quoted_name(t.name) + when + " BEGIN " + body +
           " END;";
}

std::string recording_triggers(const TableShape& t) {
    const std::string table = "main." + quoted_name(t.name);
    // Inserted: deleting it takes it back.
    const std::string on_insert = record(
        t, "added", literal("DELETE FROM " + table + " WHERE ") + " || " + row_condition(t, "NEW"));

    // Deleted: inserting it again, every column as it was, takes it back.
    std::string names;
    std::string values;
    for (const std::string& c : t.columns) {
        names += (names.empty() ? "" : ", ") + quoted_name(c);
        values += (values.empty() ? "" : " || ', ' || ") + std::string("quote(OLD.") +
                  quoted_name(c) + ")";
    }
    const std::string on_delete =
        record(t, "removed",
               literal("INSERT INTO " + table + " (" + names + ") VALUES (") + " || " + values +
                   " || ')'");

    // Updated: setting the columns back takes it back. Updates that change nothing (a
    // rename to the same name) record nothing.
    std::string assignments;
    std::string changed;
    for (const std::string& c : t.columns) {
        if (immutable(t.name, c)) {
            continue;
        }
        assignments += (assignments.empty() ? "" : " || ', ' || ") +
                       literal(quoted_name(c) + " = ") + " || quote(OLD." + quoted_name(c) + ")";
        changed += (changed.empty() ? "" : " OR ") + std::string("OLD.") + quoted_name(c) +
                   " IS NOT NEW." + quoted_name(c);
    }
    const std::string on_update =
        record(t, "changed",
               literal("UPDATE " + table + " SET ") + " || " + assignments + " || " +
                   literal(" WHERE ") + " || " + row_condition(t, "NEW"));

    std::string sql;
    if (t.name != "project") {  // the one project row is made with the file, never removed
        sql += trigger(t, "INSERT", "", on_insert) + trigger(t, "DELETE", "", on_delete);
    }
    return sql + trigger(t, "UPDATE", " WHEN " + changed, on_update);
}

std::string system_user() {
    std::vector<char> buffer(16384);
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwuid_r(::geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 &&
        found != nullptr && found->pw_name != nullptr && *found->pw_name != '\0') {
        return found->pw_name;
    }
    return "uid " + std::to_string(::geteuid());
}

// "added 2 codings; removed 1 memo" from what the pending statements recorded.
const std::map<std::string, std::pair<const char*, const char*>>& nouns() {
    static const std::map<std::string, std::pair<const char*, const char*>> table = {
        {"attribute_choices", {"attribute choice", "attribute choices"}},
        {"attribute_values", {"attribute value", "attribute values"}},
        {"attributes", {"attribute", "attributes"}},
        {"case_links", {"case link", "case links"}},
        {"cases", {"case", "cases"}},
        {"code_set_members", {"code set member", "code set members"}},
        {"code_sets", {"code set", "code sets"}},
        {"coders", {"coder", "coders"}},
        {"codes", {"code", "codes"}},
        {"codings", {"coding", "codings"}},
        {"document_group_members", {"group membership", "group memberships"}},
        {"document_groups", {"document group", "document groups"}},
        {"documents", {"document", "documents"}},
        {"memos", {"memo", "memos"}},
        {"project", {"project details", "project details"}},
        {"saved_queries", {"saved query", "saved queries"}},
        {"merge_peers", {"handed-out copy", "handed-out copies"}},
        {"merged_log", {"log entry of a copy", "log entries of copies"}},
    };
    return table;
}

std::string describe_changes(sql::Connection& db) {
    std::string out;
    Statement& s = db.prepare(
        // The merge base is bookkeeping of a merge, not content: left out of what it says.
        "SELECT kind, tbl, count(*) FROM journal_pending WHERE tbl <> 'merge_base' AND "
        "NOT (tbl = 'merge_peers' AND kind = 'changed') "
        "GROUP BY kind, tbl "
        "ORDER BY CASE kind WHEN 'added' THEN 0 WHEN 'changed' THEN 1 ELSE 2 END, min(id)");
    while (s.step()) {
        const std::string table = s.text(1);
        const std::int64_t n = s.int64(2);
        const auto noun = nouns().find(table);
        std::string name = table;
        if (noun != nouns().end()) {
            name = n == 1 ? noun->second.first : noun->second.second;
        }
        out += (out.empty() ? "" : "; ") + s.text(0) + " " + std::to_string(n) + " " + name;
    }
    return out;
}

JournalEntry read_entry(const Statement& s) {
    JournalEntry e;
    e.id = s.int64(0);
    e.at = s.text(1);
    e.who = s.text(2);
    e.what = s.text(3);
    e.changes = s.text(4);
    e.state = s.text(5);
    e.undoable = s.int64(6) != 0;
    if (!s.is_null(7)) {
        e.origin = s.text(7);
    }
    return e;
}

constexpr const char* kEntryColumns =
    "id, at, who, what, changes, state, "
    "EXISTS (SELECT 1 FROM journal_steps WHERE entry_id = journal.id)";

}  // namespace

Journal::Journal(sql::Connection& db) : db_(db), actor_(system_user()) {
    db_.exec(
        "CREATE TEMP TABLE IF NOT EXISTS journal_pending ("
        "id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, kind TEXT NOT NULL, "
        "statement TEXT NOT NULL)");
    std::string sql;
    for (const TableShape& t : journaled_tables(db_)) {
        sql += recording_triggers(t);
    }
    db_.exec(sql);
    db_.set_before_commit([this] { write_entry(); });
}

void Journal::write_entry() {
    Statement& pending = db_.prepare("SELECT EXISTS (SELECT 1 FROM journal_pending)");
    pending.step();
    const bool any = pending.int64(0) != 0;
    pending.reset();
    if (!any) {
        return;
    }
    // A new action ends the redo path, as in every editor: what was undone cannot come back
    // on top of something else. The entries stay in the log.
    db_.prepare(
           "DELETE FROM journal_steps WHERE entry_id IN "
           "(SELECT id FROM journal WHERE state = 'undone')")
        .run();
    db_.prepare("UPDATE journal SET state = 'discarded' WHERE state = 'undone'").run();

    db_.prepare(
           "INSERT INTO journal (at, who, what, changes, state, guid) "
           "VALUES (?1, ?2, ?3, ?4, 'done', ?5)")
        .bind(5, util::new_guid())
        .bind(1, util::now_utc())
        .bind(2, actor_)
        .bind(3, label_.empty() ? std::string("change") : label_)
        .bind(4, describe_changes(db_))
        .run();
    const Id entry = db_.last_insert_rowid();
    db_.prepare(
           "INSERT INTO journal_steps (entry_id, statement) "
           "SELECT ?1, statement FROM journal_pending ORDER BY id")
        .bind(1, entry)
        .run();
    db_.prepare("DELETE FROM journal_pending").run();
    // Each new entry pushes one past the depth; a few more cover redone entries.
    db_.prepare(
           "DELETE FROM journal_steps WHERE entry_id IN (SELECT id FROM journal "
           "WHERE state = 'done' ORDER BY id DESC LIMIT 8 OFFSET ?1)")
        .bind(1, kUndoDepth)
        .run();
}

std::optional<JournalEntry> Journal::next_undo() {
    Statement& s = db_.prepare(std::string("SELECT ") + kEntryColumns +
                               " FROM journal WHERE state = 'done' ORDER BY id DESC LIMIT 1");
    std::optional<JournalEntry> e;
    if (s.step()) {
        e = read_entry(s);
    }
    s.reset();
    if (e && !e->undoable) {
        return std::nullopt;
    }
    return e;
}

std::optional<JournalEntry> Journal::next_redo() {
    Statement& s = db_.prepare(std::string("SELECT ") + kEntryColumns +
                               " FROM journal WHERE state = 'undone' ORDER BY id LIMIT 1");
    std::optional<JournalEntry> e;
    if (s.step()) {
        e = read_entry(s);
    }
    s.reset();
    return e;
}

JournalEntry Journal::undo() {
    return turn("done", "undone", "undo");
}

JournalEntry Journal::redo() {
    return turn("undone", "done", "redo");
}

// Runs an entry's steps newest first; the triggers record, meanwhile, the statements that
// take this back, which replace the steps: undo and redo are one operation.
JournalEntry Journal::turn(const char* from_state, const char* to_state, const char* verb) {
    Transaction tx(db_);
    std::optional<JournalEntry> entry =
        std::string(from_state) == "done" ? next_undo() : next_redo();
    if (!entry) {
        throw NotFoundError(std::string("nothing to ") + verb);
    }
    std::vector<std::string> steps;
    {
        Statement& s =
            db_.prepare("SELECT statement FROM journal_steps WHERE entry_id = ?1 ORDER BY id DESC");
        s.bind(1, entry->id);
        while (s.step()) {
            steps.push_back(s.text(0));
        }
    }
    Statement& mark_query = db_.prepare("SELECT ifnull(max(id), 0) FROM journal_pending");
    mark_query.step();
    const std::int64_t mark = mark_query.int64(0);
    mark_query.reset();

    const std::string what =
        "cannot " + std::string(verb) + " \"" + entry->what + "\" (" + entry->changes + "): ";
    // Rows come back before the rows that refer to them only in the order they went: the
    // references are checked at commit instead.
    db_.exec("PRAGMA defer_foreign_keys = ON");
    for (const std::string& step : steps) {
        try {
            db_.exec(step);
        } catch (const ProjectBusyError&) {
            throw;
        } catch (const ProjectFileError& e) {
            throw ConflictError(what + "the project has changed since in a way it contradicts (" +
                                e.what() + ")");
        }
        if (db_.changes() != 1) {
            throw ConflictError(what +
                                "something it changed has since been changed or removed "
                                "by a program that keeps no journal");
        }
    }
    db_.prepare("DELETE FROM journal_steps WHERE entry_id = ?1").bind(1, entry->id).run();
    db_.prepare(
           "INSERT INTO journal_steps (entry_id, statement) "
           "SELECT ?1, statement FROM journal_pending WHERE id > ?2 ORDER BY id")
        .bind(1, entry->id)
        .bind(2, mark)
        .run();
    db_.prepare("DELETE FROM journal_pending WHERE id > ?1").bind(1, mark).run();
    db_.prepare("UPDATE journal SET state = ?1 WHERE id = ?2")
        .bind(1, to_state)
        .bind(2, entry->id)
        .run();
    try {
        tx.commit();
    } catch (const ProjectBusyError&) {
        throw;
    } catch (const ProjectFileError& e) {
        // A deferred reference that no longer resolves.
        throw ConflictError(what + "the project has changed since in a way it contradicts (" +
                            e.what() + ")");
    }
    entry->state = to_state;
    return *entry;
}

std::vector<JournalEntry> Journal::entries(std::size_t limit) {
    Statement& s = db_.prepare(std::string("SELECT ") + kEntryColumns +
                               " FROM journal ORDER BY id DESC LIMIT ?1");
    s.bind(1, limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit));
    std::vector<JournalEntry> out;
    while (s.step()) {
        out.push_back(read_entry(s));
    }
    return out;
}

std::vector<JournalEntry> Journal::entries(std::size_t limit, const JournalFilter& filter) {
    std::string sql = std::string("SELECT ") + kEntryColumns +
                      ", '' FROM journal WHERE (?1 = '' OR who = ?1) AND at >= ?2";
    if (filter.merged) {
        sql +=
            " UNION ALL SELECT 0, at, who, what, changes, 'merged', 0, origin FROM merged_log "
            "WHERE (?1 = '' OR who = ?1) AND at >= ?2";
    }
    sql += " ORDER BY 2 DESC, 1 DESC LIMIT ?3";
    Statement& s = db_.prepare(sql);
    s.bind(1, filter.who)
        .bind(2, filter.since)
        .bind(3, limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit));
    std::vector<JournalEntry> out;
    while (s.step()) {
        out.push_back(read_entry(s));
    }
    s.reset();
    return out;
}

}  // namespace quire::project_detail
