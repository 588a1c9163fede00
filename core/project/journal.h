// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/model.h"

namespace quire::sql {
class Connection;
}

// The action journal behind undo and redo (schemas/005_journal.sql). Not part of core's
// public API: the Project speaks for it.
//
// Triggers installed for one connection record, for every row an action inserts, changes or
// deletes, the statement that takes it back. When the action's outermost transaction
// commits, those statements become one journal entry with who, when and what, in the same
// transaction: an action and its entry commit together or not at all. Changes made by
// programs that do not record (an old Quire, the sqlite3 shell) are not journaled; undoing
// an entry they contradict fails with ConflictError and changes nothing.
namespace quire::project_detail {

class Journal {
public:
    // Installs the recording triggers on every table of the project but the journal, the
    // agreement runs (a record of computations, kept whatever is undone) and the change
    // counters, and hooks entry writing into `db`'s commits. `db` must outlive the Journal.
    explicit Journal(sql::Connection& db);

    void set_actor(std::string who) { actor_ = std::move(who); }
    const std::string& actor() const { return actor_; }
    void set_action_label(std::string what) { label_ = std::move(what); }

    // The entry the next undo (or redo) would take back; nullopt when there is none.
    std::optional<JournalEntry> next_undo();
    std::optional<JournalEntry> next_redo();
    // Takes back the newest done entry (redo: brings back the oldest undone one) in one
    // transaction and returns it as it is now. NotFoundError when there is nothing to undo
    // (redo); ConflictError when the project changed since in a way the entry contradicts.
    JournalEntry undo();
    JournalEntry redo();
    // Newest first, at most `limit` entries (0: all).
    std::vector<JournalEntry> entries(std::size_t limit);
    // The audit trail: entries `filter` chooses, with those merged in from copies when asked.
    std::vector<JournalEntry> entries(std::size_t limit, const JournalFilter& filter);

    // How many of the newest done entries keep what undo needs; older ones keep their line
    // in the log only.
    static constexpr int kUndoDepth = 100;

private:
    void write_entry();
    JournalEntry turn(const char* from_state, const char* to_state, const char* verb);

    sql::Connection& db_;
    std::string actor_;
    std::string label_;
};

}  // namespace quire::project_detail
