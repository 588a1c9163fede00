-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 7: choice attributes. A text attribute with choices takes only one of them
-- ("Role": staff, referrer, young person), as an attribute's list of values does in NVivo;
-- without choices it takes any text.
CREATE TABLE attribute_choices (
    attribute_id INTEGER NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
    value        TEXT NOT NULL CHECK (length(value) > 0),
    position     INTEGER NOT NULL,
    PRIMARY KEY (attribute_id, value)
) WITHOUT ROWID;
