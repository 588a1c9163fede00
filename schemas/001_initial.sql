-- SPDX-License-Identifier: GPL-3.0-or-later
-- Quire project file, schema version 1.
-- Positions (start_cp, end_cp) are half-open [start, end) ranges of Unicode code points
-- in documents.text, which is NFC-normalised UTF-8 with LF line endings.
-- Every entity carries a GUID: the key for REFI-QDA exchange and team merges.

CREATE TABLE project (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    guid        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL DEFAULT 'en',
    created_at  TEXT NOT NULL
);

CREATE TABLE coders (
    id         INTEGER PRIMARY KEY,
    guid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    created_at TEXT NOT NULL
);

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    guid          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    text          TEXT NOT NULL,
    length_cp     INTEGER NOT NULL CHECK (length_cp >= 0),
    original_name TEXT NOT NULL DEFAULT '',
    format        TEXT NOT NULL DEFAULT 'txt',
    encoding      TEXT NOT NULL DEFAULT 'UTF-8',
    imported_at   TEXT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE,
    position      INTEGER NOT NULL DEFAULT 0
);

-- Stored text never changes after import: codings are anchored to its code points.
CREATE TRIGGER documents_text_is_immutable BEFORE UPDATE OF text, length_cp, content_hash
ON documents BEGIN
    SELECT RAISE(ABORT, 'the text of an imported document cannot be changed');
END;

CREATE TABLE codes (
    id         INTEGER PRIMARY KEY,
    guid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL CHECK (length(name) > 0),
    parent_id  INTEGER REFERENCES codes(id) ON DELETE RESTRICT,
    color      TEXT NOT NULL DEFAULT '#9E9E9E',
    definition TEXT NOT NULL DEFAULT '',
    inclusion  TEXT NOT NULL DEFAULT '',
    exclusion  TEXT NOT NULL DEFAULT '',
    example    TEXT NOT NULL DEFAULT '',
    codable    INTEGER NOT NULL DEFAULT 1 CHECK (codable IN (0, 1)),
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
-- Sibling codes have distinct names; the same name may recur under different parents.
CREATE UNIQUE INDEX codes_sibling_names ON codes (ifnull(parent_id, 0), name);

CREATE TABLE code_sets (
    id          INTEGER PRIMARY KEY,
    guid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE code_set_members (
    set_id  INTEGER NOT NULL REFERENCES code_sets(id) ON DELETE CASCADE,
    code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
    PRIMARY KEY (set_id, code_id)
) WITHOUT ROWID;

CREATE TABLE codings (
    id          INTEGER PRIMARY KEY,
    guid        TEXT NOT NULL UNIQUE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code_id     INTEGER NOT NULL REFERENCES codes(id) ON DELETE RESTRICT,
    coder_id    INTEGER NOT NULL REFERENCES coders(id) ON DELETE RESTRICT,
    start_cp    INTEGER NOT NULL CHECK (start_cp >= 0),
    end_cp      INTEGER NOT NULL CHECK (end_cp > start_cp),
    created_at  TEXT NOT NULL,
    memo        TEXT NOT NULL DEFAULT '',
    UNIQUE (document_id, code_id, coder_id, start_cp, end_cp)
);
CREATE INDEX codings_by_code ON codings (code_id, document_id);
CREATE INDEX codings_by_coder ON codings (coder_id);

CREATE TABLE cases (
    id          INTEGER PRIMARY KEY,
    guid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    description TEXT NOT NULL DEFAULT ''
);

-- A case covers whole documents (no range) or segments of them (a range).
CREATE TABLE case_links (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start_cp    INTEGER CHECK (start_cp >= 0),
    end_cp      INTEGER CHECK (end_cp > start_cp),
    CHECK ((start_cp IS NULL) = (end_cp IS NULL)),
    UNIQUE (case_id, document_id, start_cp, end_cp)
);

CREATE TABLE attributes (
    id       INTEGER PRIMARY KEY,
    guid     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    type     TEXT NOT NULL CHECK (type IN ('text', 'boolean', 'integer', 'float', 'date')),
    position INTEGER NOT NULL DEFAULT 0
);

-- Values are stored in a canonical text form per type (see core/model.h).
CREATE TABLE attribute_values (
    id           INTEGER PRIMARY KEY,
    attribute_id INTEGER NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
    document_id  INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    case_id      INTEGER REFERENCES cases(id) ON DELETE CASCADE,
    value        TEXT NOT NULL,
    CHECK ((document_id IS NULL) <> (case_id IS NULL))
);
CREATE UNIQUE INDEX attribute_values_document ON attribute_values (attribute_id, document_id)
    WHERE document_id IS NOT NULL;
CREATE UNIQUE INDEX attribute_values_case ON attribute_values (attribute_id, case_id)
    WHERE case_id IS NOT NULL;

-- A memo belongs to at most one target; none means a project memo.
CREATE TABLE memos (
    id          INTEGER PRIMARY KEY,
    guid        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL DEFAULT '',
    coder_id    INTEGER REFERENCES coders(id) ON DELETE SET NULL,
    document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    code_id     INTEGER REFERENCES codes(id) ON DELETE CASCADE,
    coding_id   INTEGER REFERENCES codings(id) ON DELETE CASCADE,
    case_id     INTEGER REFERENCES cases(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((document_id IS NOT NULL) + (code_id IS NOT NULL) + (coding_id IS NOT NULL) +
           (case_id IS NOT NULL) <= 1)
);
