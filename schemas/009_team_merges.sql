-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 9: handing out copies to coders and merging their work back.
--
-- A handed-out copy is a project of its own (its own GUID, so its search index is its own)
-- that names the coder it was made for. Each side keeps, for every copy it has exchanged
-- work with (a peer), what the peer's content was when they last agreed: at the handout,
-- then after each merge. A merge compares ours, theirs and that base, so it can tell a code
-- renamed on one side from one renamed on both, and a coding deleted there from one added
-- here. Fingerprints are digests of each entity's fields, never the text itself.
CREATE TABLE handout (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    coder_guid    TEXT NOT NULL,  -- the coder this copy is for
    source_guid   TEXT NOT NULL,  -- the project it was handed out from
    source_name   TEXT NOT NULL,
    handed_out_at TEXT NOT NULL
);

CREATE TABLE merge_peers (
    peer_guid     TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    coder_guid    TEXT NOT NULL DEFAULT '',  -- the coder a copy was handed out to
    handed_out_at TEXT NOT NULL DEFAULT '',
    merged_at     TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE merge_base (
    peer_guid   TEXT NOT NULL REFERENCES merge_peers(peer_guid) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    guid        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    PRIMARY KEY (peer_guid, kind, guid)
) WITHOUT ROWID;

-- Entries of the journal get an identity, so that an entry merged in from a copy is never
-- merged twice, and the entries a merge brings in are kept beside the journal with where
-- they came from (they are a record: undo and redo never run them).
ALTER TABLE journal ADD COLUMN guid TEXT;
UPDATE journal SET guid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX journal_by_guid ON journal (guid);

CREATE TABLE merged_log (
    guid      TEXT PRIMARY KEY,
    at        TEXT NOT NULL,
    who       TEXT NOT NULL,
    what      TEXT NOT NULL,
    changes   TEXT NOT NULL,
    origin    TEXT NOT NULL  -- the copy it was done in
) WITHOUT ROWID;
