-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 5: the action journal. Every user action that changes the project is one
-- entry, written in the action's own transaction: who, when, what it was and what changed.
-- Its steps are the SQL statements that take the action back, recorded by triggers the
-- program installs for its connection (core/project/journal.cpp). Undoing runs them newest
-- first and keeps, in their place, the statements that take the undo back: redoing is the
-- same operation the other way. The journal survives a restart; older entries keep their
-- line in the log after their steps are dropped.
CREATE TABLE journal (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    who     TEXT NOT NULL,
    what    TEXT NOT NULL,  -- the action, as the user named it ("code apply", "Rename Code")
    changes TEXT NOT NULL,  -- what it changed ("added 1 coding; changed 1 memo")
    state   TEXT NOT NULL CHECK (state IN ('done', 'undone', 'discarded'))
);
CREATE INDEX journal_by_state ON journal (state, id);

CREATE TABLE journal_steps (
    id        INTEGER PRIMARY KEY,
    entry_id  INTEGER NOT NULL REFERENCES journal(id) ON DELETE CASCADE,
    statement TEXT NOT NULL
);
CREATE INDEX journal_steps_by_entry ON journal_steps (entry_id, id);
