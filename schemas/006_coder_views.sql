-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 6: what each coder chose to see, kept in the project so the choice follows
-- the coder from one session to the next (and a copy handed out to a coder can start blind).
-- Blind: only the coder's own codings and those of consensus coders (the layer that
-- agreement's "adopt" writes); hidden coders and codes are left out of the transcript on top.
-- Preferences, not work: the action journal does not record them.
ALTER TABLE coders ADD COLUMN consensus INTEGER NOT NULL DEFAULT 0 CHECK (consensus IN (0, 1));

CREATE TABLE coder_views (
    coder_id INTEGER PRIMARY KEY REFERENCES coders(id) ON DELETE CASCADE,
    blind    INTEGER NOT NULL DEFAULT 0 CHECK (blind IN (0, 1))
);

CREATE TABLE coder_view_hidden (
    coder_id        INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
    hidden_coder_id INTEGER REFERENCES coders(id) ON DELETE CASCADE,
    hidden_code_id  INTEGER REFERENCES codes(id) ON DELETE CASCADE,
    CHECK ((hidden_coder_id IS NULL) <> (hidden_code_id IS NULL))
);
CREATE UNIQUE INDEX coder_view_hidden_coders ON coder_view_hidden (coder_id, hidden_coder_id)
    WHERE hidden_coder_id IS NOT NULL;
CREATE UNIQUE INDEX coder_view_hidden_codes ON coder_view_hidden (coder_id, hidden_code_id)
    WHERE hidden_code_id IS NOT NULL;
