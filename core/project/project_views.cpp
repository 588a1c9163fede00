// SPDX-License-Identifier: GPL-3.0-or-later
// Changing a coding in place, and what each coder sees.
#include <algorithm>
#include <set>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/project/project_internal.h"
#include "core/storage/sqlite.h"

namespace quire {

using sql::Statement;
using sql::Transaction;
using namespace project_detail;

Coding Project::change_coding(Id coding_id, std::optional<TextRange> range,
                              std::optional<Id> code_id) {
    Transaction tx(*db_);
    const Coding before = coding(coding_id);
    Coding after = before;
    if (range) {
        const Document d = document(before.document_id);
        if (range->start < 0 || range->end > d.length || range->start >= range->end) {
            throw InvalidInputError(
                "range [" + std::to_string(range->start) + ", " + std::to_string(range->end) +
                ") is " + (range->start >= range->end ? "empty" : "outside the document") + ": \"" +
                d.name + "\" has " + std::to_string(d.length) + " characters");
        }
        after.start = range->start;
        after.end = range->end;
    }
    if (code_id) {
        const Code c = code(*code_id);
        if (!c.codable) {
            throw ConflictError("code \"" + c.name + "\" is a grouping code and cannot be applied");
        }
        after.code_id = c.id;
    }
    Statement& same = db_->prepare(
        "SELECT id FROM codings WHERE document_id = ?1 AND code_id = ?2 AND coder_id = ?3 AND "
        "start_cp = ?4 AND end_cp = ?5 AND id <> ?6");
    same.bind(1, after.document_id)
        .bind(2, after.code_id)
        .bind(3, after.coder_id)
        .bind(4, after.start)
        .bind(5, after.end)
        .bind(6, coding_id);
    if (same.step()) {
        const Id other = same.int64(0);
        same.reset();
        throw ConflictError("the coder already has that coding (coding " + std::to_string(other) +
                            "): remove one of the two instead");
    }
    same.reset();
    db_->prepare("UPDATE codings SET code_id = ?1, start_cp = ?2, end_cp = ?3 WHERE id = ?4")
        .bind(1, after.code_id)
        .bind(2, after.start)
        .bind(3, after.end)
        .bind(4, coding_id)
        .run();
    tx.commit();
    return after;
}

CoderView Project::coder_view(Id coder_id) {
    Transaction tx(*db_, Transaction::Access::Read);
    require_coder(*db_, coder_id);
    CoderView view;
    Statement& blind = db_->prepare("SELECT blind FROM coder_views WHERE coder_id = ?1");
    blind.bind(1, coder_id);
    if (blind.step()) {
        view.blind = blind.int64(0) != 0;
    }
    blind.reset();
    Statement& hidden = db_->prepare(
        "SELECT hidden_coder_id, hidden_code_id FROM coder_view_hidden WHERE coder_id = ?1 "
        "ORDER BY hidden_coder_id, hidden_code_id");
    hidden.bind(1, coder_id);
    while (hidden.step()) {
        if (!hidden.is_null(0)) {
            view.hidden_coders.push_back(hidden.int64(0));
        } else {
            view.hidden_codes.push_back(hidden.int64(1));
        }
    }
    tx.commit();
    return view;
}

void Project::set_coder_view(Id coder_id, const CoderView& view) {
    Transaction tx(*db_);
    coder_view(coder_id);  // the coder exists
    db_->prepare(
           "INSERT INTO coder_views (coder_id, blind) VALUES (?1, ?2) "
           "ON CONFLICT (coder_id) DO UPDATE SET blind = excluded.blind")
        .bind(1, coder_id)
        .bind(2, view.blind ? 1 : 0)
        .run();
    db_->prepare("DELETE FROM coder_view_hidden WHERE coder_id = ?1").bind(1, coder_id).run();
    for (const Id hidden : std::set<Id>(view.hidden_coders.begin(), view.hidden_coders.end())) {
        require_coder(*db_, hidden);
        db_->prepare("INSERT INTO coder_view_hidden (coder_id, hidden_coder_id) VALUES (?1, ?2)")
            .bind(1, coder_id)
            .bind(2, hidden)
            .run();
    }
    for (const Id hidden : std::set<Id>(view.hidden_codes.begin(), view.hidden_codes.end())) {
        code(hidden);  // NotFoundError for a missing code
        db_->prepare("INSERT INTO coder_view_hidden (coder_id, hidden_code_id) VALUES (?1, ?2)")
            .bind(1, coder_id)
            .bind(2, hidden)
            .run();
    }
    tx.commit();
}

void Project::set_consensus_coder(Id coder_id, bool consensus) {
    Transaction tx(*db_);
    db_->prepare("UPDATE coders SET consensus = ?1 WHERE id = ?2")
        .bind(1, consensus ? 1 : 0)
        .bind(2, coder_id)
        .run();
    if (db_->changes() == 0) {
        require_coder(*db_, coder_id);
    }
    tx.commit();
}

std::vector<Id> Project::consensus_coders() {
    Statement& s = db_->prepare("SELECT id FROM coders WHERE consensus = 1 ORDER BY id");
    std::vector<Id> out;
    while (s.step()) {
        out.push_back(s.int64(0));
    }
    return out;
}

std::vector<Id> Project::visible_coders(Id viewer) {
    Transaction tx(*db_, Transaction::Access::Read);
    const CoderView view = coder_view(viewer);
    const std::set<Id> hidden(view.hidden_coders.begin(), view.hidden_coders.end());
    std::vector<Id> out;
    Statement& s = db_->prepare("SELECT id, consensus FROM coders ORDER BY id");
    while (s.step()) {
        const Id id = s.int64(0);
        const bool seen = !view.blind || id == viewer || s.int64(1) != 0;
        if (seen && hidden.count(id) == 0) {
            out.push_back(id);
        }
    }
    tx.commit();
    return out;
}

}  // namespace quire
