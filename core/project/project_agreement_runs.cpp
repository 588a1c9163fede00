// SPDX-License-Identifier: GPL-3.0-or-later
// What agreement reads from the Project and keeps in it: coding rows by document, runs.
#include "core/project/project.h"

#include "core/storage/sqlite.h"
#include "core/util/ids.h"

namespace quire {

void Project::append_coding_rows(Id document, const std::vector<Id>& codes,
                                 std::vector<CodingRow>& out) {
    // The unique index of codings starts with the document, so this is one seek; codes
    // chosen by name are sought in the index rather than filtered after reading.
    std::string sql =
        "SELECT code_id, coder_id, start_cp, end_cp FROM codings WHERE document_id = ?1";
    if (!codes.empty()) {
        sql += " AND code_id IN (";
        for (std::size_t i = 0; i < codes.size(); ++i) {
            sql += (i == 0 ? "" : ",") + std::to_string(codes[i]);
        }
        sql += ")";
    }
    sql::Statement& rows = db_->prepare(sql);
    rows.bind(1, document);
    while (rows.step()) {
        out.push_back({document, rows.int64(0), rows.int64(1), rows.int64(2), rows.int64(3)});
    }
}

Id Project::add_agreement_run(const std::string& created_at, const std::string& parameters,
                              const std::function<std::string(Id)>& result_for) {
    sql::Transaction tx(*db_);
    db_->prepare(
           "INSERT INTO agreement_runs (guid, created_at, parameters, result) VALUES (?1, ?2, "
           "?3, ?4)")
        .bind(1, util::new_guid())
        .bind(2, created_at)
        .bind(3, parameters)
        .bind(4, std::string("{}"))
        .run();
    const Id id = db_->last_insert_rowid();
    db_->prepare("UPDATE agreement_runs SET result = ?1 WHERE id = ?2")
        .bind(1, result_for(id))
        .bind(2, id)
        .run();
    tx.commit();
    return id;
}

std::vector<AgreementRunRecord> Project::agreement_runs() {
    // The overall figures are cut out by SQLite: listing runs then needs no JSON parsing
    // of reports that run to megabytes.
    sql::Statement& s = db_->prepare(
        "SELECT id, created_at, parameters, result, json_extract(result, '$.overall') FROM "
        "agreement_runs ORDER BY id");
    std::vector<AgreementRunRecord> out;
    while (s.step()) {
        out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    }
    return out;
}

}  // namespace quire
