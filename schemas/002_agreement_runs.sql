-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 2: every agreement computation is kept, so a reported figure can be
-- traced to its parameters and reproduced.
CREATE TABLE agreement_runs (
    id         INTEGER PRIMARY KEY,
    guid       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    parameters TEXT NOT NULL,  -- JSON: coders or groups, codes, documents, unit, thresholds
    result     TEXT NOT NULL   -- JSON: the full report as quire-cli agreement --json prints it
);
