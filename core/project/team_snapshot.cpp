// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a project's content for a merge: one query per kind, every entity by GUID.
#include "core/project/team_snapshot.h"

#include <algorithm>
#include <unordered_map>

#include "core/storage/sqlite.h"
#include "core/util/sha256.h"

namespace quire::team_detail {

using sql::Statement;

namespace {

const Entities kNone;

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        out += (i == 0 ? "" : "\x1f") + parts[i];
    }
    return out;
}

// Runs `sql` and makes an entity of each row: column 0 its id, 1 its GUID, the next
// `fields` columns its fields (NULL read as "").
void read_kind(sql::Connection& db, const std::string& sql, Entities& out, int fields) {
    Statement& s = db.prepare(sql);
    while (s.step()) {
        Entity e;
        e.id = s.int64(0);
        e.guid = s.text(1);
        for (int c = 2; c < 2 + fields; ++c) {
            e.fields.push_back(s.is_null(c) ? std::string() : s.text(c));
        }
        out[e.guid] = std::move(e);
    }
    s.reset();
}

void finish_codes(Snapshot& snap) {
    Entities& codes = snap.kinds["code"];
    // Paths from the top; the order puts parents first.
    std::unordered_map<std::string, std::string> path;
    std::vector<std::string> pending;
    for (const auto& [guid, e] : codes) {
        pending.push_back(guid);
    }
    std::sort(pending.begin(), pending.end());  // the same order every time
    while (!pending.empty()) {
        std::vector<std::string> later;
        for (const std::string& guid : pending) {
            Entity& e = codes[guid];
            const std::string& parent = e.fields[field::kParent];
            if (parent.empty()) {
                path[guid] = e.fields[field::kName];
            } else if (path.count(parent) != 0) {
                path[guid] = path[parent] + "/" + e.fields[field::kName];
            } else {
                later.push_back(guid);
                continue;
            }
            e.key = path[guid];
            snap.code_order.push_back(guid);
        }
        if (later.size() == pending.size()) {
            break;  // a parent that is not there: cannot happen under the schema's keys
        }
        pending = std::move(later);
    }
}

}  // namespace

const Entities& Snapshot::of(const std::string& kind) const {
    const auto it = kinds.find(kind);
    return it == kinds.end() ? kNone : it->second;
}

std::string digest(const std::vector<std::string>& parts) {
    // 60 bits of SHA-256 say whether an entity changed, beyond any chance of a clash among
    // a project's entities, and fit in a string without an allocation of its own: a million
    // codings on each side and in the base stay a few hundred megabytes.
    return util::sha256_hex(joined(parts)).substr(0, 15);
}

Snapshot read_snapshot(sql::Connection& db) {
    Snapshot snap;
    {
        Statement& s = db.prepare("SELECT guid, name FROM project");
        if (s.step()) {
            snap.project_guid = s.text(0);
            snap.project_name = s.text(1);
        }
        s.reset();
    }
    read_kind(db, "SELECT id, guid, name, created_at FROM coders", snap.kinds["coder"], 2);
    read_kind(db, "SELECT id, guid, name, type FROM attributes", snap.kinds["attribute"], 2);
    read_kind(db,
              "SELECT c.id, c.guid, c.name, ifnull(p.guid, ''), c.color, c.definition, "
              "c.inclusion, c.exclusion, c.example, c.codable FROM codes c "
              "LEFT JOIN codes p ON p.id = c.parent_id",
              snap.kinds["code"], 8);
    read_kind(db,
              "SELECT id, guid, name, content_hash, original_name, format, encoding, "
              "imported_at FROM documents",
              snap.kinds["document"], 6);
    read_kind(db, "SELECT id, guid, name, description FROM cases", snap.kinds["case"], 2);
    read_kind(db,
              "SELECT v.id, ifnull(d.guid, c.guid) || '|' || a.name, "
              "CASE WHEN d.guid IS NULL THEN 'case' ELSE 'document' END, "
              "ifnull(d.guid, c.guid), a.name, v.value FROM attribute_values v "
              "JOIN attributes a ON a.id = v.attribute_id "
              "LEFT JOIN documents d ON d.id = v.document_id LEFT JOIN cases c ON c.id = v.case_id",
              snap.kinds["value"], 4);
    read_kind(db,
              "SELECT l.id, c.guid || '|' || d.guid || '|' || ifnull(l.start_cp, '') || '|' || "
              "ifnull(l.end_cp, ''), c.guid, d.guid, ifnull(l.start_cp, ''), "
              "ifnull(l.end_cp, '') FROM case_links l JOIN cases c ON c.id = l.case_id "
              "JOIN documents d ON d.id = l.document_id",
              snap.kinds["link"], 4);
    read_kind(db, "SELECT id, guid, name, description FROM document_groups", snap.kinds["group"],
              2);
    read_kind(
        db,
        "SELECT 0, g.guid || '|' || d.guid, g.guid, d.guid FROM document_group_members m "
        "JOIN document_groups g ON g.id = m.group_id JOIN documents d ON d.id = m.document_id",
        snap.kinds["member"], 2);
    read_kind(db,
              "SELECT c.id, c.guid, d.guid, k.guid, r.guid, c.start_cp, c.end_cp, c.memo, "
              "c.created_at FROM codings c JOIN documents d ON d.id = c.document_id "
              "JOIN codes k ON k.id = c.code_id JOIN coders r ON r.id = c.coder_id",
              snap.kinds["coding"], 7);
    read_kind(db,
              "SELECT m.id, m.guid, CASE WHEN m.document_id IS NOT NULL THEN 'document' "
              "WHEN m.code_id IS NOT NULL THEN 'code' WHEN m.coding_id IS NOT NULL THEN 'coding' "
              "WHEN m.case_id IS NOT NULL THEN 'case' ELSE 'project' END, "
              "coalesce(d.guid, k.guid, g.guid, c.guid, ''), m.title, m.text, ifnull(r.guid, ''), "
              "m.created_at, m.updated_at FROM memos m "
              "LEFT JOIN documents d ON d.id = m.document_id LEFT JOIN codes k ON k.id = m.code_id "
              "LEFT JOIN codings g ON g.id = m.coding_id LEFT JOIN cases c ON c.id = m.case_id "
              "LEFT JOIN coders r ON r.id = m.coder_id",
              snap.kinds["memo"], 7);
    read_kind(db, "SELECT id, guid, name, expression, saved_by, saved_at FROM saved_queries",
              snap.kinds["query"], 4);
    finish_codes(snap);
    for (auto& [kind, entities] : snap.kinds) {
        for (auto& [guid, e] : entities) {
            const auto& f = e.fields;
            if (kind == "coder" || kind == "attribute" || kind == "case" || kind == "group" ||
                kind == "query") {
                e.key = f[0];
                e.fingerprint = digest(kind == "coder" ? std::vector<std::string>{f[0]}
                                                       : std::vector<std::string>{f[0], f[1]});
            } else if (kind == "code") {
                e.fingerprint = digest(f);
            } else if (kind == "document") {
                e.key = f[1];
                e.fingerprint = digest({f[1], f[0]});
            } else if (kind == "value") {
                e.key = guid;
                e.fingerprint = digest({f[field::kValue]});
            } else if (kind == "link" || kind == "member") {
                e.key = guid;
                e.fingerprint = "present";
            } else if (kind == "coding") {
                // Its content key (document, code, coder, range) is made by the merge only
                // for the codings whose GUID it does not find.
                e.fingerprint = digest({f[0], f[1], f[2], f[3], f[4], f[5]});
            } else if (kind == "memo") {
                e.fingerprint = digest({f[0], f[1], f[2], f[3]});
            }
        }
    }
    return snap;
}

}  // namespace quire::team_detail
