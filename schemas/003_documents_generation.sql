-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 3: a counter that moves whenever a document is added or removed, so
-- caches built from the documents (the search index) notice any change, whichever
-- program made it, by reading one row.
CREATE TABLE change_counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO change_counters (name, value) VALUES ('documents', 0);

CREATE TRIGGER documents_generation_on_insert AFTER INSERT ON documents BEGIN
    UPDATE change_counters SET value = value + 1 WHERE name = 'documents';
END;
CREATE TRIGGER documents_generation_on_delete AFTER DELETE ON documents BEGIN
    UPDATE change_counters SET value = value + 1 WHERE name = 'documents';
END;

-- Listing documents (and finding the next position at import) must not read through every
-- stored text: a document's other columns sit after its text in the row. This covering
-- index answers both from a few pages.
CREATE INDEX documents_listing ON documents (
    position, id, guid, name, length_cp, original_name, format, encoding, imported_at,
    content_hash);
