// SPDX-License-Identifier: GPL-3.0-or-later
// The Project's saved queries, and the cheap reads the query engine builds its structure
// from: every coding in one scan, and the counter that says when to read them again.
#include <algorithm>
#include <cctype>
#include <map>

#include "core/base/errors.h"
#include "core/project/journal.h"
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

constexpr const char* kQueryColumns = "id, guid, name, expression, saved_by, saved_at";

SavedQuery read_query(const Statement& s) {
    return {s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)};
}

std::optional<SavedQuery> query_where(sql::Connection& db, const std::string& condition,
                                      const std::string& key) {
    Statement& s = db.prepare(std::string("SELECT ") + kQueryColumns +
                              " FROM saved_queries WHERE " + condition);
    s.bind(1, key);
    std::optional<SavedQuery> found;
    if (s.step()) {
        found = read_query(s);
    }
    s.reset();
    return found;
}

}  // namespace

SavedQuery Project::save_query(const std::string& raw_name, const std::string& raw_expression,
                               bool replace) {
    const std::string name = clean_name(raw_name, "query");
    const std::string expression = text::to_nfc(trim(raw_expression));
    if (expression.empty()) {
        throw InvalidInputError("a saved query needs an expression");
    }
    Transaction tx(*db_);
    const std::optional<SavedQuery> existing = query_where(*db_, "name = ?1", name);
    if (existing && !replace) {
        throw ConflictError("a query named \"" + name + "\" is saved already");
    }
    if (existing) {
        db_->prepare(
               "UPDATE saved_queries SET expression = ?2, saved_by = ?3, saved_at = ?4 "
               "WHERE id = ?1")
            .bind(1, existing->id)
            .bind(2, expression)
            .bind(3, journal_->actor())
            .bind(4, util::now_utc())
            .run();
    } else {
        db_->prepare(
               "INSERT INTO saved_queries (guid, name, expression, saved_by, saved_at) "
               "VALUES (?1, ?2, ?3, ?4, ?5)")
            .bind(1, util::new_guid())
            .bind(2, name)
            .bind(3, expression)
            .bind(4, journal_->actor())
            .bind(5, util::now_utc())
            .run();
    }
    const SavedQuery saved = *query_where(*db_, "name = ?1", name);
    tx.commit();
    return saved;
}

std::vector<SavedQuery> Project::saved_queries() {
    Statement& s = db_->prepare(std::string("SELECT ") + kQueryColumns +
                                " FROM saved_queries ORDER BY name, id");
    std::vector<SavedQuery> out;
    while (s.step()) {
        out.push_back(read_query(s));
    }
    s.reset();
    return out;
}

SavedQuery Project::find_saved_query(const std::string& name_or_id) {
    if (auto by_name = query_where(*db_, "name = ?1", name_or_id)) {
        return *by_name;
    }
    if (const std::optional<Id> id = parse_id(name_or_id)) {
        if (auto by_id = query_where(*db_, "id = ?1", std::to_string(*id))) {
            return *by_id;
        }
    }
    throw NotFoundError("no saved query named \"" + name_or_id + "\"");
}

void Project::remove_saved_query(Id id) {
    Transaction tx(*db_);
    db_->prepare("DELETE FROM saved_queries WHERE id = ?1").bind(1, id).run();
    if (db_->changes() == 0) {
        throw NotFoundError("no saved query with id " + std::to_string(id));
    }
    tx.commit();
}

bool Project::keep_guid(const std::string& kind, Id id, const std::string& guid) {
    static const std::map<std::string, const char*> tables = {
        {"coder", "coders"}, {"code", "codes"},           {"document", "documents"},
        {"case", "cases"},   {"attribute", "attributes"}, {"coding", "codings"},
        {"memo", "memos"}};
    const auto table = tables.find(kind);
    if (table == tables.end()) {
        throw InvalidInputError("no kind \"" + kind + "\" keeps a GUID");
    }
    std::string g = guid;
    bool well_formed = g.size() == 36;
    for (std::size_t i = 0; well_formed && i < g.size(); ++i) {
        g[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(g[i])));
        well_formed = (i == 8 || i == 13 || i == 18 || i == 23)
                          ? g[i] == '-'
                          : std::isxdigit(static_cast<unsigned char>(g[i])) != 0;
    }
    if (!well_formed) {
        throw InvalidInputError("\"" + guid + "\" is not a GUID");
    }
    Transaction tx(*db_);
    const std::string t = table->second;
    db_->prepare("UPDATE " + t + " SET guid = ?2 WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM " + t +
                 " WHERE guid = ?2)")
        .bind(1, id)
        .bind(2, g)
        .run();
    const bool kept = db_->changes() > 0;
    tx.commit();
    return kept;
}

std::int64_t Project::codings_generation() {
    Statement& s = db_->prepare("SELECT value FROM change_counters WHERE name = 'codings'");
    const std::int64_t value = s.step() ? s.int64(0) : 0;
    s.reset();
    return value;
}

std::vector<CodingRow> Project::all_coding_rows() {
    // The unique index on these five columns covers the query: no row of the table is read.
    Statement& s = db_->prepare(
        "SELECT document_id, code_id, coder_id, start_cp, end_cp FROM codings "
        "ORDER BY document_id, code_id, coder_id, start_cp, end_cp");
    std::vector<CodingRow> out;
    // The largest id bounds the count (one seek): a million rows are read without moving.
    Statement& largest = db_->prepare("SELECT ifnull(max(id), 0) FROM codings");
    if (largest.step()) {
        out.reserve(static_cast<std::size_t>(std::min<std::int64_t>(largest.int64(0), 50000000)));
    }
    largest.reset();
    while (s.step()) {
        out.push_back({s.int64(0), s.int64(1), s.int64(2), s.int64(3), s.int64(4)});
    }
    s.reset();
    return out;
}

std::vector<CodingRow> Project::code_coding_rows(Id code) {
    Statement& s = db_->prepare(
        "SELECT document_id, coder_id, start_cp, end_cp FROM codings WHERE code_id = ?1 "
        "ORDER BY document_id");
    s.bind(1, code);
    std::vector<CodingRow> out;
    while (s.step()) {
        out.push_back({s.int64(0), code, s.int64(1), s.int64(2), s.int64(3)});
    }
    s.reset();
    return out;
}

}  // namespace quire
