// SPDX-License-Identifier: GPL-3.0-or-later
// The Project's document groups: named sets of documents that choose what a listing, a search
// or a comparison looks at.
#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/project/project_internal.h"
#include "core/storage/sqlite.h"
#include "core/text/unicode.h"
#include "core/util/ids.h"

namespace quire {

using sql::Statement;
using sql::Transaction;
using namespace project_detail;

namespace {

constexpr const char* kGroupColumns =
    "g.id, g.guid, g.name, g.description, g.position, (SELECT count(*) FROM "
    "document_group_members m WHERE m.group_id = g.id)";

DocumentGroup read_group(const Statement& s) {
    return {s.int64(0), s.text(1), s.text(2), s.text(3), static_cast<int>(s.int64(4)), s.int64(5)};
}

std::optional<DocumentGroup> group_where(sql::Connection& db, const std::string& condition,
                                         const std::string& key) {
    Statement& s = db.prepare(std::string("SELECT ") + kGroupColumns +
                              " FROM document_groups g WHERE " + condition);
    s.bind(1, key);
    std::optional<DocumentGroup> found;
    if (s.step()) {
        found = read_group(s);
    }
    s.reset();
    return found;
}

void require_group(sql::Connection& db, Id group) {
    Statement& s = db.prepare("SELECT 1 FROM document_groups WHERE id = ?1");
    s.bind(1, group);
    const bool exists = s.step();
    s.reset();
    if (!exists) {
        throw NotFoundError("no group with id " + std::to_string(group));
    }
}

// The name is unique among groups (the schema says so too; this says it in words).
void refuse_taken_name(sql::Connection& db, const std::string& name, Id except) {
    Statement& s = db.prepare("SELECT 1 FROM document_groups WHERE name = ?1 AND id <> ?2");
    s.bind(1, name).bind(2, except);
    const bool taken = s.step();
    s.reset();
    if (taken) {
        throw ConflictError("a group named \"" + name + "\" exists");
    }
}

}  // namespace

DocumentGroup Project::add_group(const std::string& raw_name, const std::string& description) {
    const std::string name = clean_name(raw_name, "group");
    Transaction tx(*db_);
    refuse_taken_name(*db_, name, 0);
    db_->prepare(
           "INSERT INTO document_groups (guid, name, description, position) VALUES (?1, ?2, ?3, "
           "(SELECT ifnull(max(position), -1) + 1 FROM document_groups))")
        .bind(1, util::new_guid())
        .bind(2, name)
        .bind(3, text::to_nfc(trim(description)))
        .run();
    const DocumentGroup g = *group_where(*db_, "g.name = ?1", name);
    tx.commit();
    return g;
}

std::vector<DocumentGroup> Project::groups() {
    Statement& s = db_->prepare(std::string("SELECT ") + kGroupColumns +
                                " FROM document_groups g ORDER BY g.position, g.id");
    std::vector<DocumentGroup> out;
    while (s.step()) {
        out.push_back(read_group(s));
    }
    return out;
}

DocumentGroup Project::find_group(const std::string& raw) {
    const std::string name = text::to_nfc(trim(raw));
    if (auto g = group_where(*db_, "g.name = ?1", name)) {
        return *g;
    }
    if (const auto id = parse_id(name)) {
        if (auto g = group_where(*db_, "g.id = ?1", std::to_string(*id))) {
            return *g;
        }
    }
    throw NotFoundError("no group named \"" + raw + "\"");
}

void Project::rename_group(Id group, const std::string& raw_name) {
    const std::string name = clean_name(raw_name, "group");
    Transaction tx(*db_);
    require_group(*db_, group);
    refuse_taken_name(*db_, name, group);
    db_->prepare("UPDATE document_groups SET name = ?1 WHERE id = ?2")
        .bind(1, name)
        .bind(2, group)
        .run();
    tx.commit();
}

void Project::remove_group(Id group) {
    Transaction tx(*db_);
    require_group(*db_, group);
    // Memberships go with the group (ON DELETE CASCADE); documents stay.
    db_->prepare("DELETE FROM document_groups WHERE id = ?1").bind(1, group).run();
    tx.commit();
}

int Project::assign_to_group(Id group, const std::vector<Id>& documents) {
    Transaction tx(*db_);
    require_group(*db_, group);
    int added = 0;
    for (const Id d : documents) {
        document(d);
        db_->prepare(
               "INSERT OR IGNORE INTO document_group_members (group_id, document_id) VALUES (?1, "
               "?2)")
            .bind(1, group)
            .bind(2, d)
            .run();
        added += db_->changes() > 0 ? 1 : 0;
    }
    tx.commit();
    return added;
}

int Project::unassign_from_group(Id group, const std::vector<Id>& documents) {
    Transaction tx(*db_);
    require_group(*db_, group);
    int removed = 0;
    for (const Id d : documents) {
        document(d);
        db_->prepare("DELETE FROM document_group_members WHERE group_id = ?1 AND document_id = ?2")
            .bind(1, group)
            .bind(2, d)
            .run();
        removed += db_->changes() > 0 ? 1 : 0;
    }
    tx.commit();
    return removed;
}

std::vector<Document> Project::group_documents(Id group) {
    Transaction tx(*db_, Transaction::Access::Read);
    require_group(*db_, group);
    Statement& s =
        db_->prepare(std::string("SELECT ") + kDocumentColumns +
                     " FROM documents WHERE id IN (SELECT document_id FROM "
                     "document_group_members WHERE group_id = ?1) ORDER BY position, id");
    s.bind(1, group);
    std::vector<Document> out;
    while (s.step()) {
        out.push_back(read_document(s));
    }
    tx.commit();
    return out;
}

std::vector<DocumentGroup> Project::document_groups(Id document_id) {
    Transaction tx(*db_, Transaction::Access::Read);
    document(document_id);
    Statement& s = db_->prepare(std::string("SELECT ") + kGroupColumns +
                                " FROM document_groups g JOIN document_group_members dm ON "
                                "dm.group_id = g.id WHERE dm.document_id = ?1 ORDER BY "
                                "g.position, g.id");
    s.bind(1, document_id);
    std::vector<DocumentGroup> out;
    while (s.step()) {
        out.push_back(read_group(s));
    }
    tx.commit();
    return out;
}

}  // namespace quire
