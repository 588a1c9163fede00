-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 8: saved queries, and a counter that moves with every change of a coding.
-- A saved query keeps its text, not its result: rerunning it answers on today's codings.
-- The counter lets the in-memory structure that queries and matrices run on notice any
-- change to the codings, whichever program made it, by reading one row.
CREATE TABLE saved_queries (
    id         INTEGER PRIMARY KEY,
    guid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    expression TEXT NOT NULL CHECK (length(expression) > 0),
    saved_by   TEXT NOT NULL,
    saved_at   TEXT NOT NULL
);

INSERT INTO change_counters (name, value) VALUES ('codings', 0);

CREATE TRIGGER codings_generation_on_insert AFTER INSERT ON codings BEGIN
    UPDATE change_counters SET value = value + 1 WHERE name = 'codings';
END;
CREATE TRIGGER codings_generation_on_update AFTER UPDATE ON codings BEGIN
    UPDATE change_counters SET value = value + 1 WHERE name = 'codings';
END;
CREATE TRIGGER codings_generation_on_delete AFTER DELETE ON codings BEGIN
    UPDATE change_counters SET value = value + 1 WHERE name = 'codings';
END;
