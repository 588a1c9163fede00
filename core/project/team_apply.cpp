// SPDX-License-Identifier: GPL-3.0-or-later
// Carrying out a merge's plan on our project, inside the caller's transaction, and the
// bases kept per copy.
#include <algorithm>

#include "core/base/errors.h"
#include "core/project/team_internal.h"
#include "core/storage/sqlite.h"
#include "core/text/unicode.h"
#include "core/util/ids.h"

namespace quire::team_detail {

using sql::Statement;
using Action = Op::Action;

namespace {

std::int64_t to_int64(const std::string& s) {
    return static_cast<std::int64_t>(std::stoll(s));
}

std::optional<Id> id_of(sql::Connection& db, const std::string& table, const std::string& guid) {
    if (guid.empty()) {
        return std::nullopt;
    }
    Statement& s = db.prepare("SELECT id FROM " + table + " WHERE guid = ?1");
    s.bind(1, guid);
    std::optional<Id> id;
    if (s.step()) {
        id = s.int64(0);
    }
    s.reset();
    return id;
}

Id require_id(sql::Connection& db, const std::string& table, const std::string& guid) {
    const std::optional<Id> id = id_of(db, table, guid);
    if (!id) {
        throw ConflictError("the merge refers to a " + table + " row that is not there (" + guid +
                            ")");
    }
    return *id;
}

const char* table_of(const std::string& kind) {
    static const std::map<std::string, const char*> tables = {
        {"coder", "coders"},       {"attribute", "attributes"}, {"code", "codes"},
        {"document", "documents"}, {"case", "cases"},           {"group", "document_groups"},
        {"coding", "codings"},     {"memo", "memos"},           {"query", "saved_queries"}};
    return tables.at(kind);
}

// A name taken by another entity of the kind gets the copy's name after it.
std::string free_name(sql::Connection& db, const std::string& table, const std::string& name,
                      const std::string& origin, const std::string& extra_condition = "",
                      std::optional<Id> parent = std::nullopt) {
    std::string candidate = name;
    for (int n = 2;; ++n) {
        Statement& s = db.prepare("SELECT 1 FROM " + std::string(table) + " WHERE name = ?1" +
                                  extra_condition);
        s.bind(1, candidate);
        if (!extra_condition.empty()) {
            s.bind(2, parent.value_or(0));
        }
        const bool taken = s.step();
        s.reset();
        if (!taken) {
            return candidate;
        }
        candidate = name + " (" + origin + (n > 2 ? " " + std::to_string(n - 1) : "") + ")";
    }
}

std::optional<Id> owner_id(sql::Connection& db, const std::string& kind, const std::string& guid) {
    if (kind == "project" || guid.empty()) {
        return std::nullopt;
    }
    return require_id(db, table_of(kind), guid);
}

void add_code(sql::Connection& db, const Entity& t, const std::string& origin) {
    const auto& f = t.fields;
    const std::optional<Id> parent = id_of(db, "codes", f[field::kParent]);
    const std::string name =
        free_name(db, "codes", f[field::kName], origin, " AND ifnull(parent_id, 0) = ?2", parent);
    db.prepare(
          "INSERT INTO codes (guid, name, parent_id, color, definition, inclusion, exclusion, "
          "example, codable, position, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
          "(SELECT ifnull(max(position), -1) + 1 FROM codes WHERE ifnull(parent_id, 0) = "
          "ifnull(?3, 0)), ?10)")
        .bind(1, t.guid)
        .bind(2, name)
        .bind(3, parent)
        .bind(4, f[field::kColor])
        .bind(5, f[field::kDefinition])
        .bind(6, f[field::kInclusion])
        .bind(7, f[field::kExclusion])
        .bind(8, f[field::kExample])
        .bind(9, f[field::kCodable] == "0" ? 0 : 1)
        .bind(10, util::now_utc())
        .run();
}

void add_document(sql::Connection& db, sql::Connection& theirs, const Op& op,
                  const std::string& origin) {
    Statement& read = theirs.prepare("SELECT text FROM documents WHERE guid = ?1");
    read.bind(1, op.their_guid);
    if (!read.step()) {
        read.reset();
        throw ConflictError("their document " + op.theirs.fields[0] + " could not be read");
    }
    const std::string text = read.text(0);
    read.reset();
    const auto& f = op.theirs.fields;
    db.prepare(
          "INSERT INTO documents (guid, name, text, length_cp, original_name, format, encoding, "
          "imported_at, content_hash, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
          "(SELECT ifnull(max(position), -1) + 1 FROM documents))")
        .bind(1, op.guid)
        .bind(2, free_name(db, "documents", f[0], origin))
        .bind(3, text)
        .bind(4, text::code_point_count(text))
        .bind(5, f[2])
        .bind(6, f[3])
        .bind(7, f[4])
        .bind(8, f[5])
        .bind(9, f[1])
        .run();
}

void set_value(sql::Connection& db, const Entity& t) {
    const auto& f = t.fields;
    Statement& a = db.prepare("SELECT id FROM attributes WHERE name = ?1");
    a.bind(1, f[field::kAttribute]);
    if (!a.step()) {
        a.reset();
        throw ConflictError("no attribute named " + f[field::kAttribute]);
    }
    const Id attribute = a.int64(0);
    a.reset();
    const bool on_document = f[field::kOwnerKind] == "document";
    const Id owner = require_id(db, on_document ? "documents" : "cases", f[field::kOwner]);
    const std::string column = on_document ? "document_id" : "case_id";
    db.prepare("DELETE FROM attribute_values WHERE attribute_id = ?1 AND " + column + " = ?2")
        .bind(1, attribute)
        .bind(2, owner)
        .run();
    db.prepare("INSERT INTO attribute_values (attribute_id, " + column +
               ", value) VALUES (?1, ?2, ?3)")
        .bind(1, attribute)
        .bind(2, owner)
        .bind(3, f[field::kValue])
        .run();
}

void write_memo(sql::Connection& db, const Entity& t, bool add) {
    const auto& f = t.fields;
    if (!add) {
        db.prepare("UPDATE memos SET title = ?2, text = ?3, updated_at = ?4 WHERE guid = ?1")
            .bind(1, t.guid)
            .bind(2, f[field::kTitle])
            .bind(3, f[field::kText])
            .bind(4, f[field::kMemoUpdated])
            .run();
        return;
    }
    const std::string& kind = f[field::kTargetKind];
    const std::optional<Id> target = owner_id(db, kind, f[field::kTarget]);
    const auto column_for = [&](const char* k) { return kind == k ? target : std::optional<Id>(); };
    db.prepare(
          "INSERT INTO memos (guid, title, text, coder_id, document_id, code_id, coding_id, "
          "case_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
        .bind(1, t.guid)
        .bind(2, f[field::kTitle])
        .bind(3, f[field::kText])
        .bind(4, id_of(db, "coders", f[field::kAuthor]))
        .bind(5, column_for("document"))
        .bind(6, column_for("code"))
        .bind(7, column_for("coding"))
        .bind(8, column_for("case"))
        .bind(9, f[field::kMemoCreated])
        .bind(10, f[field::kMemoUpdated])
        .run();
}

void add_or_update(sql::Connection& db, sql::Connection& theirs, const Op& op,
                   const std::string& origin) {
    const Entity& t = op.theirs;
    const auto& f = t.fields;
    const bool add = op.action == Action::Add;
    const std::string& k = op.kind;
    // Adding and updating share their bindings; an update that does not use one says
    // "?3 = ?3" so that binding it is no error (SQLite refuses parameters a statement lacks).
    if (k == "coder") {
        db.prepare(add ? "INSERT INTO coders (guid, name, created_at) VALUES (?1, ?2, ?3)"
                       : "UPDATE coders SET name = ?2 WHERE guid = ?1 AND ?3 = ?3")
            .bind(1, op.guid)
            .bind(2, f[0])
            .bind(3, f[1])
            .run();
    } else if (k == "attribute") {
        db.prepare(add ? "INSERT INTO attributes (guid, name, type, position) VALUES (?1, ?2, ?3, "
                         "(SELECT ifnull(max(position), -1) + 1 FROM attributes))"
                       : "UPDATE attributes SET name = ?2 WHERE guid = ?1 AND ?3 = ?3")
            .bind(1, op.guid)
            .bind(2, f[0])
            .bind(3, f[1])
            .run();
    } else if (k == "code") {
        if (add) {
            add_code(db, t, origin);
        } else {
            db.prepare(
                  "UPDATE codes SET name = ?2, parent_id = ?3, color = ?4, definition = ?5, "
                  "inclusion = ?6, exclusion = ?7, example = ?8, codable = ?9 WHERE guid = ?1")
                .bind(1, op.guid)
                .bind(2, f[field::kName])
                .bind(3, id_of(db, "codes", f[field::kParent]))
                .bind(4, f[field::kColor])
                .bind(5, f[field::kDefinition])
                .bind(6, f[field::kInclusion])
                .bind(7, f[field::kExclusion])
                .bind(8, f[field::kExample])
                .bind(9, f[field::kCodable] == "0" ? 0 : 1)
                .run();
        }
    } else if (k == "document") {
        if (add) {
            add_document(db, theirs, op, origin);
        } else {
            db.prepare("UPDATE documents SET name = ?2 WHERE guid = ?1")
                .bind(1, op.guid)
                .bind(2, free_name(db, "documents", f[0], origin))
                .run();
        }
    } else if (k == "case" || k == "group") {
        const std::string table = table_of(k);
        db.prepare(add ? "INSERT INTO " + table + " (guid, name, description) VALUES (?1, ?2, ?3)"
                       : "UPDATE " + table + " SET name = ?2, description = ?3 WHERE guid = ?1")
            .bind(1, op.guid)
            .bind(2, add ? free_name(db, table, f[0], origin) : f[0])
            .bind(3, f[1])
            .run();
    } else if (k == "value") {
        set_value(db, t);
    } else if (k == "link") {
        db.prepare(
              "INSERT OR IGNORE INTO case_links (case_id, document_id, start_cp, end_cp) "
              "VALUES (?1, ?2, ?3, ?4)")
            .bind(1, require_id(db, "cases", f[0]))
            .bind(2, require_id(db, "documents", f[1]))
            .bind(3, f[2].empty() ? std::optional<std::int64_t>()
                                  : std::optional<std::int64_t>(to_int64(f[2])))
            .bind(4, f[3].empty() ? std::optional<std::int64_t>()
                                  : std::optional<std::int64_t>(to_int64(f[3])))
            .run();
    } else if (k == "member") {
        db.prepare(
              "INSERT OR IGNORE INTO document_group_members (group_id, document_id) VALUES (?1, "
              "?2)")
            .bind(1, require_id(db, "document_groups", f[0]))
            .bind(2, require_id(db, "documents", f[1]))
            .run();
    } else if (k == "coding") {
        db.prepare(
              add ? "INSERT OR IGNORE INTO codings (guid, document_id, code_id, coder_id, "
                    "start_cp, end_cp, memo, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                  : "UPDATE OR IGNORE codings SET document_id = ?2, code_id = ?3, coder_id = ?4, "
                    "start_cp = ?5, end_cp = ?6, memo = ?7 WHERE guid = ?1 AND ?8 = ?8")
            .bind(1, op.guid)
            .bind(2, require_id(db, "documents", f[field::kDocument]))
            .bind(3, require_id(db, "codes", f[field::kCode]))
            .bind(4, require_id(db, "coders", f[field::kCoder]))
            .bind(5, to_int64(f[field::kStart]))
            .bind(6, to_int64(f[field::kEnd]))
            .bind(7, f[field::kMemo])
            .bind(8, f[field::kCreated])
            .run();
    } else if (k == "memo") {
        write_memo(db, t, add);
    } else if (k == "query") {
        db.prepare(add ? "INSERT INTO saved_queries (guid, name, expression, saved_by, saved_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)"
                       : "UPDATE saved_queries SET name = ?2, expression = ?3, saved_by = ?4, "
                         "saved_at = ?5 WHERE guid = ?1")
            .bind(1, op.guid)
            .bind(2, add ? free_name(db, "saved_queries", f[0], origin) : f[0])
            .bind(3, f[1])
            .bind(4, f[2])
            .bind(5, f[3])
            .run();
    }
}

void remove(sql::Connection& db, const Op& op, const Snapshot& ours) {
    const std::string& k = op.kind;
    if (k == "value" || k == "link" || k == "member") {
        const Entity& o = ours.of(k).at(op.guid);
        if (k == "member") {
            db.prepare(
                  "DELETE FROM document_group_members WHERE rowid IN (SELECT m.rowid FROM "
                  "document_group_members m JOIN document_groups g ON g.id = m.group_id "
                  "JOIN documents d ON d.id = m.document_id WHERE g.guid = ?1 AND d.guid = ?2)")
                .bind(1, o.fields[0])
                .bind(2, o.fields[1])
                .run();
        } else {
            db.prepare(std::string("DELETE FROM ") +
                       (k == "value" ? "attribute_values" : "case_links") + " WHERE id = ?1")
                .bind(1, o.id)
                .run();
        }
        return;
    }
    if (k == "code") {
        // The code goes with its codings; its children were deleted before it (or go too).
        db.prepare("DELETE FROM codings WHERE code_id = (SELECT id FROM codes WHERE guid = ?1)")
            .bind(1, op.guid)
            .run();
    }
    db.prepare(std::string("DELETE FROM ") + table_of(k) + " WHERE guid = ?1")
        .bind(1, op.guid)
        .run();
}

}  // namespace

void apply(Work& w, sql::Connection& db, sql::Connection& theirs, const Progress& progress) {
    const std::size_t total = w.ops.size() + 1;
    std::size_t done = 0;
    const auto report = [&] {
        if (progress && (done == 1 || done % 500 == 0)) {
            progress(done, total);
        }
    };
    for (const Op& op : w.ops) {
        if (op.action != Action::Delete) {
            add_or_update(db, theirs, op, w.origin);
        }
        ++done;
        report();
    }
    // Deletions last and in reverse: what refers to something goes before it, a child code
    // before its parent.
    std::vector<const Op*> deletions;
    for (const Op& op : w.ops) {
        if (op.action == Action::Delete) {
            deletions.push_back(&op);
        }
    }
    const auto rank = [&](const Op* op) {
        std::size_t r = 0;
        for (const char* kind : kKinds) {
            if (op->kind == kind) {
                break;
            }
            ++r;
        }
        return r;
    };
    std::map<std::string, std::size_t> code_depth;
    for (std::size_t i = 0; i < w.ours.code_order.size(); ++i) {
        code_depth[w.ours.code_order[i]] = i;
    }
    std::stable_sort(deletions.begin(), deletions.end(), [&](const Op* a, const Op* b) {
        if (rank(a) != rank(b)) {
            return rank(a) > rank(b);
        }
        return a->kind == "code" && code_depth[a->guid] > code_depth[b->guid];
    });
    for (const Op* op : deletions) {
        remove(db, *op, w.ours);
        ++done;
        report();
    }
    if (progress) {
        progress(total, total);
    }
}

std::optional<std::map<std::string, Fingerprints>> read_base(sql::Connection& db,
                                                             std::string& peer_guid,
                                                             const std::string& coder_guid) {
    Statement& peer = db.prepare("SELECT 1 FROM merge_peers WHERE peer_guid = ?1");
    peer.bind(1, peer_guid);
    bool known = peer.step();
    peer.reset();
    if (!known && !coder_guid.empty()) {
        Statement& by_coder = db.prepare(
            "SELECT peer_guid FROM merge_peers WHERE coder_guid = ?1 ORDER BY handed_out_at DESC");
        by_coder.bind(1, coder_guid);
        if (by_coder.step()) {
            peer_guid = by_coder.text(0);
            known = true;
        }
        by_coder.reset();
    }
    if (!known) {
        return std::nullopt;
    }
    std::map<std::string, Fingerprints> base;
    Statement& s =
        db.prepare("SELECT kind, guid, fingerprint FROM merge_base WHERE peer_guid = ?1");
    s.bind(1, peer_guid);
    while (s.step()) {
        base[s.text(0)][s.text(1)] = s.text(2);
    }
    s.reset();
    return base;
}

void write_base(sql::Connection& db, const std::string& peer_guid, const std::string& name,
                const std::map<std::string, Entities>& entities, bool handout,
                const std::string& coder_guid) {
    const std::string now = util::now_utc();
    db.prepare(
          "INSERT INTO merge_peers (peer_guid, name, coder_guid, handed_out_at, merged_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (peer_guid) DO UPDATE SET name = ?2, "
          "merged_at = CASE WHEN ?5 = '' THEN merged_at ELSE ?5 END")
        .bind(1, peer_guid)
        .bind(2, name)
        .bind(3, coder_guid)
        .bind(4, handout ? now : std::string())
        .bind(5, handout ? std::string() : now)
        .run();
    // Only what differs is written: a merge that changed little leaves the base as it was.
    std::map<std::string, Fingerprints> old;
    {
        std::string peer = peer_guid;
        if (auto b = read_base(db, peer, "")) {
            old = std::move(*b);
        }
    }
    for (const auto& [kind, list] : entities) {
        auto& before = old[kind];
        for (const auto& [guid, e] : list) {
            const auto it = before.find(guid);
            if (it != before.end() && it->second == e.fingerprint) {
                before.erase(it);
                continue;
            }
            db.prepare(
                  "INSERT OR REPLACE INTO merge_base (peer_guid, kind, guid, fingerprint) "
                  "VALUES (?1, ?2, ?3, ?4)")
                .bind(1, peer_guid)
                .bind(2, kind)
                .bind(3, guid)
                .bind(4, e.fingerprint)
                .run();
            if (it != before.end()) {
                before.erase(it);
            }
        }
    }
    for (const auto& [kind, rest] : old) {
        for (const auto& [guid, fp] : rest) {
            db.prepare("DELETE FROM merge_base WHERE peer_guid = ?1 AND kind = ?2 AND guid = ?3")
                .bind(1, peer_guid)
                .bind(2, kind)
                .bind(3, guid)
                .run();
        }
    }
}

}  // namespace quire::team_detail
