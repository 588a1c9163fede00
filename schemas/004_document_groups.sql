-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 4: document groups ("staff", "referrers", "young people", "case files"),
-- sets of documents that filter every listing, search and comparison. A document may be in
-- several groups or none. REFI-QDA exchanges them as Sets of sources.
CREATE TABLE document_groups (
    id          INTEGER PRIMARY KEY,
    guid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE document_group_members (
    group_id    INTEGER NOT NULL REFERENCES document_groups(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, document_id)
) WITHOUT ROWID;
CREATE INDEX document_group_members_by_document ON document_group_members (document_id);
