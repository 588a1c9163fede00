// SPDX-License-Identifier: GPL-3.0-or-later
// The Project's memos and code sets.
#include "core/project/project.h"

#include "core/base/errors.h"
#include "core/project/project_internal.h"
#include "core/storage/sqlite.h"
#include "core/text/unicode.h"
#include "core/util/ids.h"

namespace quire {

using sql::Statement;
using sql::Transaction;
using namespace project_detail;

// ---------------------------------------------------------------------------------------
// Memos and code sets

Memo Project::add_memo(Memo::Target target, std::optional<Id> target_id, const std::string& title,
                       const std::string& body, std::optional<Id> coder) {
    if ((target == Memo::Target::Project) == target_id.has_value()) {
        throw InvalidInputError(target == Memo::Target::Project
                                    ? "a project memo has no target"
                                    : "a memo needs the id of what it is about");
    }
    Transaction tx(*db_);
    std::optional<Id> doc, code_id, coding_id, case_id;
    switch (target) {
        case Memo::Target::Project:
            break;
        case Memo::Target::Document:
            document(*target_id);
            doc = target_id;
            break;
        case Memo::Target::Code:
            code(*target_id);
            code_id = target_id;
            break;
        case Memo::Target::Coding:
            coding(*target_id);
            coding_id = target_id;
            break;
        case Memo::Target::Case:
            require_case(*db_, *target_id);
            case_id = target_id;
            break;
    }
    const std::string now = util::now_utc();
    Memo m;
    m.guid = util::new_guid();
    m.title = text::to_nfc(title);
    m.text = text::to_nfc(body);
    m.coder_id = coder;
    m.target = target;
    m.target_id = target_id;
    m.created_at = now;
    m.updated_at = now;
    db_->prepare(
           "INSERT INTO memos (guid, title, text, coder_id, document_id, code_id, coding_id, "
           "case_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)")
        .bind(1, m.guid)
        .bind(2, m.title)
        .bind(3, m.text)
        .bind(4, coder)
        .bind(5, doc)
        .bind(6, code_id)
        .bind(7, coding_id)
        .bind(8, case_id)
        .bind(9, now)
        .run();
    m.id = db_->last_insert_rowid();
    tx.commit();
    return m;
}

namespace {

constexpr const char* kMemoColumns =
    "m.id, m.guid, m.title, m.text, m.coder_id, m.document_id, m.code_id, m.coding_id, "
    "m.case_id, m.created_at, m.updated_at";

Memo read_memo(const Statement& s) {
    Memo m;
    m.id = s.int64(0);
    m.guid = s.text(1);
    m.title = s.text(2);
    m.text = s.text(3);
    m.coder_id = s.optional_int64(4);
    const std::pair<Memo::Target, int> targets[] = {{Memo::Target::Document, 5},
                                                    {Memo::Target::Code, 6},
                                                    {Memo::Target::Coding, 7},
                                                    {Memo::Target::Case, 8}};
    for (const auto& [kind, column] : targets) {
        if (!s.is_null(column)) {
            m.target = kind;
            m.target_id = s.int64(column);
        }
    }
    m.created_at = s.text(9);
    m.updated_at = s.text(10);
    return m;
}

}  // namespace

const char* memo_kind(Memo::Target target) {
    switch (target) {
        case Memo::Target::Project:
            return "project";
        case Memo::Target::Document:
            return "document";
        case Memo::Target::Code:
            return "code";
        case Memo::Target::Coding:
            return "coding";
        case Memo::Target::Case:
            return "case";
    }
    return "project";
}

std::vector<Memo> Project::memos() {
    Statement& s =
        db_->prepare(std::string("SELECT ") + kMemoColumns + " FROM memos m ORDER BY id");
    std::vector<Memo> out;
    while (s.step()) {
        out.push_back(read_memo(s));
    }
    return out;
}

Memo Project::memo(Id id) {
    Statement& s =
        db_->prepare(std::string("SELECT ") + kMemoColumns + " FROM memos m WHERE m.id = ?1");
    s.bind(1, id);
    if (!s.step()) {
        s.reset();
        throw NotFoundError("no memo with id " + std::to_string(id));
    }
    Memo m = read_memo(s);
    s.reset();
    return m;
}

Memo Project::edit_memo(Id id, const std::string& text, const std::optional<std::string>& title) {
    const std::string body = text::to_nfc(text);
    if (body.find_first_not_of(" \t\n\r") == std::string::npos) {
        throw InvalidInputError("a memo's text cannot be empty");
    }
    Transaction tx(*db_);
    Memo m = memo(id);
    m.text = body;
    if (title) {
        m.title = text::to_nfc(*title);
    }
    m.updated_at = util::now_utc();
    db_->prepare("UPDATE memos SET title = ?2, text = ?3, updated_at = ?4 WHERE id = ?1")
        .bind(1, id)
        .bind(2, m.title)
        .bind(3, m.text)
        .bind(4, m.updated_at)
        .run();
    tx.commit();
    return m;
}

void Project::remove_memo(Id id) {
    Transaction tx(*db_);
    memo(id);
    db_->prepare("DELETE FROM memos WHERE id = ?1").bind(1, id).run();
    tx.commit();
}

std::vector<MemoEntry> Project::memo_entries() {
    // One state of the file for the memos and the names of what they are attached to.
    Transaction tx(*db_);
    Statement& s =
        db_->prepare(std::string("SELECT ") + kMemoColumns +
                     ", COALESCE(c.name, ''), COALESCE(d.name, ''), COALESCE(cd.name, ''), "
                     "COALESCE(k.name, '') FROM memos m LEFT JOIN coders c ON c.id = m.coder_id "
                     "LEFT JOIN documents d ON d.id = m.document_id "
                     "LEFT JOIN codings g ON g.id = m.coding_id "
                     "LEFT JOIN documents cd ON cd.id = g.document_id "
                     "LEFT JOIN cases k ON k.id = m.case_id ORDER BY m.id");
    std::vector<MemoEntry> out;
    std::vector<std::pair<std::size_t, Id>> code_memos;
    while (s.step()) {
        MemoEntry e;
        e.memo = read_memo(s);
        e.kind = memo_kind(e.memo.target);
        e.author = s.text(11);
        switch (e.memo.target) {
            case Memo::Target::Project:
                break;
            case Memo::Target::Document:
                e.attached_to = s.text(12);
                break;
            case Memo::Target::Code:
                code_memos.emplace_back(out.size(), *e.memo.target_id);
                break;
            case Memo::Target::Coding:
                e.attached_to = "coding " + std::to_string(*e.memo.target_id) + " in " + s.text(13);
                break;
            case Memo::Target::Case:
                e.attached_to = s.text(14);
                break;
        }
        out.push_back(std::move(e));
    }
    // code_path prepares statements of its own: read the paths once the listing is done.
    for (const auto& [index, code_id] : code_memos) {
        out[index].attached_to = code_path(code_id);
    }
    const std::string project_name = info().name;
    for (MemoEntry& e : out) {
        if (e.memo.target == Memo::Target::Project) {
            e.attached_to = project_name;
        }
    }
    tx.commit();
    return out;
}

CodeSet Project::add_code_set(const std::string& raw_name, const std::vector<Id>& code_ids,
                              const std::string& description) {
    const std::string name = clean_name(raw_name, "code set");
    Transaction tx(*db_);
    CodeSet set;
    set.guid = util::new_guid();
    set.name = name;
    set.description = text::to_nfc(description);
    db_->prepare("INSERT INTO code_sets (guid, name, description) VALUES (?1, ?2, ?3)")
        .bind(1, set.guid)
        .bind(2, set.name)
        .bind(3, set.description)
        .run();
    set.id = db_->last_insert_rowid();
    for (const Id c : code_ids) {
        code(c);
        db_->prepare("INSERT OR IGNORE INTO code_set_members (set_id, code_id) VALUES (?1, ?2)")
            .bind(1, set.id)
            .bind(2, c)
            .run();
    }
    set.code_ids = code_ids;
    tx.commit();
    return set;
}

std::vector<CodeSet> Project::code_sets() {
    Statement& s = db_->prepare("SELECT id, guid, name, description FROM code_sets ORDER BY name");
    std::vector<CodeSet> out;
    while (s.step()) {
        out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), {}});
    }
    for (CodeSet& set : out) {
        Statement& m =
            db_->prepare("SELECT code_id FROM code_set_members WHERE set_id = ?1 ORDER BY code_id");
        m.bind(1, set.id);
        while (m.step()) {
            set.code_ids.push_back(m.int64(0));
        }
    }
    return out;
}

}  // namespace quire
