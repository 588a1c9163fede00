// SPDX-License-Identifier: GPL-3.0-or-later
// Code counts in a scope: codings, documents and coverage, own and with child codes.
#include <algorithm>
#include <map>
#include <set>

#include "core/project/project.h"
#include "core/project/project_internal.h"
#include "core/storage/sqlite.h"

namespace quire {

using sql::Transaction;

namespace {

// The code points a set of ranges covers, each counted once.
std::int64_t covered_by(std::vector<TextRange>& ranges) {
    std::sort(ranges.begin(), ranges.end(),
              [](const TextRange& a, const TextRange& b) { return a.start < b.start; });
    std::int64_t covered = 0;
    std::int64_t reach = -1;
    for (const TextRange& r : ranges) {
        const std::int64_t from = std::max(r.start, reach);
        if (r.end > from) {
            covered += r.end - from;
        }
        reach = std::max(reach, r.end);
    }
    return covered;
}

}  // namespace

std::map<Id, std::int64_t> Project::coding_counts_by_document() {
    std::map<Id, std::int64_t> counts;
    sql::Statement& s =
        db_->prepare("SELECT document_id, count(*) FROM codings GROUP BY document_id");
    while (s.step()) {
        counts[s.int64(0)] = s.int64(1);
    }
    return counts;
}

std::int64_t Project::coding_count_in_document(Id document) {
    sql::Statement& s = db_->prepare("SELECT count(*) FROM codings WHERE document_id = ?1");
    s.bind(1, document);
    s.step();
    const std::int64_t n = s.int64(0);
    s.reset();
    return n;
}

CodeStatisticsTable Project::code_statistics(const CodingFilter& raw_filter) {
    Transaction tx(*db_, Transaction::Access::Read);
    CodingFilter filter = raw_filter;
    filter.code_id.reset();
    filter.code_ids.clear();
    const std::vector<Code> all_codes = codes();
    std::map<Id, std::optional<Id>> parent;
    std::map<Id, std::size_t> index;
    CodeStatisticsTable table;
    for (const Code& c : all_codes) {
        parent[c.id] = c.parent_id;
        index[c.id] = table.codes.size();
        table.codes.push_back({c.id});
    }
    // Codings come in document order: each document's ranges are gathered per code (own)
    // and per code and ancestor (in all), then counted and dropped.
    std::map<Id, std::vector<TextRange>> own;
    std::map<Id, std::vector<TextRange>> in_all;
    const auto close_document = [&] {
        for (auto& [code, ranges] : own) {
            CodeStatistics& s = table.codes[index[code]];
            s.codings += static_cast<std::int64_t>(ranges.size());
            s.documents += 1;
            s.covered += covered_by(ranges);
        }
        for (auto& [code, ranges] : in_all) {
            CodeStatistics& s = table.codes[index[code]];
            s.codings_in_all += static_cast<std::int64_t>(ranges.size());
            s.documents_in_all += 1;
            s.covered_in_all += covered_by(ranges);
        }
        own.clear();
        in_all.clear();
    };
    // Only the columns counted: a project's every coding can pass through here.
    std::string sql = "SELECT document_id, code_id, start_cp, end_cp FROM codings WHERE 1";
    const auto id_list = [](const std::vector<Id>& ids) {
        std::string list;
        for (const Id id : ids) {
            list += (list.empty() ? "" : ",") + std::to_string(id);
        }
        return list;
    };
    if (filter.document_id) {
        sql += " AND document_id = ?1";
    }
    if (filter.documents) {
        sql += " AND document_id IN (" + id_list(*filter.documents) + ")";
    }
    if (filter.coder_id) {
        sql += " AND coder_id = ?2";
    }
    if (!filter.coder_ids.empty()) {
        sql += " AND coder_id IN (" + id_list(filter.coder_ids) + ")";
    }
    sql += " ORDER BY document_id";
    sql::Statement& rows = db_->prepare(sql);
    if (filter.document_id) {
        rows.bind(1, *filter.document_id);
    }
    if (filter.coder_id) {
        rows.bind(2, *filter.coder_id);
    }
    std::optional<Id> document;
    while (rows.step()) {
        const Id document_id = rows.int64(0);
        const Id code_id = rows.int64(1);
        const TextRange range{rows.int64(2), rows.int64(3)};
        if (document != document_id) {
            close_document();
            document = document_id;
        }
        if (index.count(code_id) == 0) {
            continue;
        }
        own[code_id].push_back(range);
        for (std::optional<Id> at = code_id; at; at = parent[*at]) {
            in_all[*at].push_back(range);
        }
    }
    close_document();

    std::set<Id> chosen;
    if (filter.documents) {
        chosen.insert(filter.documents->begin(), filter.documents->end());
    }
    for (const Document& d : documents()) {
        const bool in_scope = (!filter.document_id || *filter.document_id == d.id) &&
                              (!filter.documents || chosen.count(d.id) > 0);
        if (in_scope) {
            table.text_length += d.length;
        }
    }
    tx.commit();
    return table;
}

}  // namespace quire
