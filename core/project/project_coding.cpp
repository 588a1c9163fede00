// SPDX-License-Identifier: GPL-3.0-or-later
// The Project's codings: applying, listing, segments, CSV exchange.
#include "core/project/project.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/base/errors.h"
#include "core/formats/csv.h"
#include "core/project/project_internal.h"
#include "core/storage/sqlite.h"
#include "core/text/unicode.h"
#include "core/util/ids.h"

namespace quire {

using sql::Statement;
using sql::Transaction;
using namespace project_detail;

namespace {

std::string id_list(const std::vector<Id>& ids) {
    std::string out;
    for (const Id id : ids) {
        out += (out.empty() ? "" : ",") + std::to_string(id);
    }
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Coding

ApplyOutcome Project::apply_code(Id document_id, Id code_id, Id coder_id, std::int64_t start,
                                 std::int64_t end, const std::string& memo) {
    return apply_code_ranges(document_id, code_id, coder_id, {{start, end}}, memo).front();
}

std::vector<ApplyOutcome> Project::apply_code_ranges(Id document_id, Id code_id, Id coder_id,
                                                     const std::vector<TextRange>& ranges,
                                                     const std::string& memo) {
    Transaction tx(*db_);
    const Document d = document(document_id);
    const Code c = code(code_id);
    require_coder(*db_, coder_id);
    for (const auto& [start, end] : ranges) {
        if (start < 0 || end > d.length || start >= end) {
            throw InvalidInputError("range [" + std::to_string(start) + ", " + std::to_string(end) +
                                    ") is " + (start >= end ? "empty" : "outside the document") +
                                    ": \"" + d.name + "\" has " + std::to_string(d.length) +
                                    " characters (code points 0 to " + std::to_string(d.length) +
                                    ")");
        }
    }
    if (!c.codable) {
        throw ConflictError("code \"" + c.name + "\" is a grouping code and cannot be applied");
    }
    const std::string nfc_memo = text::to_nfc(memo);
    std::vector<ApplyOutcome> outcomes;
    outcomes.reserve(ranges.size());
    for (const auto& [start, end] : ranges) {
        Statement& same = db_->prepare(std::string("SELECT ") + kCodingColumns +
                                       " FROM codings WHERE document_id = ?1 AND code_id = ?2 AND "
                                       "coder_id = ?3 AND start_cp = ?4 AND end_cp = ?5");
        same.bind(1, document_id).bind(2, code_id).bind(3, coder_id).bind(4, start).bind(5, end);
        ApplyOutcome outcome;
        if (same.step()) {
            outcome.coding = read_coding(same);
            outcome.existed = true;
            same.reset();
            outcomes.push_back(std::move(outcome));
            continue;
        }
        same.reset();
        db_->prepare(
               "INSERT INTO codings (guid, document_id, code_id, coder_id, start_cp, end_cp, "
               "created_at, memo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            .bind(1, util::new_guid())
            .bind(2, document_id)
            .bind(3, code_id)
            .bind(4, coder_id)
            .bind(5, start)
            .bind(6, end)
            .bind(7, util::now_utc())
            .bind(8, nfc_memo)
            .run();
        outcome.coding = coding(db_->last_insert_rowid());
        outcomes.push_back(std::move(outcome));
    }
    tx.commit();
    return outcomes;
}

void Project::remove_coding(Id coding_id) {
    Transaction tx(*db_);
    coding(coding_id);
    db_->prepare("DELETE FROM codings WHERE id = ?1").bind(1, coding_id).run();
    tx.commit();
}

Coding Project::coding(Id id) {
    Statement& s =
        db_->prepare(std::string("SELECT ") + kCodingColumns + " FROM codings WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) {
        throw NotFoundError("no coding with id " + std::to_string(id));
    }
    Coding c = read_coding(s);
    s.reset();
    return c;
}

std::vector<Coding> Project::codings(const CodingFilter& filter) {
    std::string sql = std::string("SELECT ") + kCodingColumns + " FROM codings WHERE 1";
    if (filter.document_id) {
        sql += " AND document_id = ?1";
    }
    if (filter.code_id) {
        sql += filter.include_child_codes
                   ? " AND code_id IN (WITH RECURSIVE tree(id) AS (SELECT ?2 UNION ALL SELECT "
                     "c.id FROM codes c JOIN tree ON c.parent_id = tree.id) SELECT id FROM tree)"
                   : " AND code_id = ?2";
    }
    if (filter.coder_id) {
        sql += " AND coder_id = ?3";
    }
    // Ids are integers, so they are written into the statement; it is prepared afresh for
    // each list, which costs far less than the rows it reads. An empty `documents` list
    // chooses none (IN () matches nothing).
    if (filter.documents) {
        sql += " AND document_id IN (" + id_list(*filter.documents) + ")";
    }
    if (!filter.code_ids.empty()) {
        sql += filter.include_child_codes
                   ? " AND code_id IN (WITH RECURSIVE tree(id) AS (SELECT id FROM codes WHERE id "
                     "IN (" +
                         id_list(filter.code_ids) +
                         ") UNION SELECT c.id FROM codes c JOIN tree ON c.parent_id = tree.id) "
                         "SELECT id FROM tree)"
                   : " AND code_id IN (" + id_list(filter.code_ids) + ")";
    }
    if (!filter.group_ids.empty()) {
        sql +=
            " AND document_id IN (SELECT document_id FROM document_group_members WHERE "
            "group_id IN (" +
            id_list(filter.group_ids) + "))";
    }
    if (!filter.case_ids.empty()) {
        sql += " AND EXISTS (SELECT 1 FROM case_links l WHERE l.case_id IN (" +
               id_list(filter.case_ids) +
               ") AND l.document_id = codings.document_id AND (l.start_cp IS NULL OR "
               "(l.start_cp < codings.end_cp AND codings.start_cp < l.end_cp)))";
    }
    if (!filter.coder_ids.empty()) {
        sql += " AND coder_id IN (" + id_list(filter.coder_ids) + ")";
    }
    sql += " ORDER BY document_id, start_cp, end_cp, code_id, coder_id";
    Statement& s = db_->prepare(sql);
    if (filter.document_id) {
        s.bind(1, *filter.document_id);
    }
    if (filter.code_id) {
        s.bind(2, *filter.code_id);
    }
    if (filter.coder_id) {
        s.bind(3, *filter.coder_id);
    }
    std::vector<Coding> out;
    while (s.step()) {
        out.push_back(read_coding(s));
    }
    return out;
}

std::vector<Segment> Project::segments(const CodingFilter& filter, int context) {
    const std::vector<Coding> found = codings(filter);
    std::map<Id, std::string> doc_names, code_paths, coder_names;
    for (const Document& d : documents()) {
        doc_names[d.id] = d.name;
    }
    for (const Coder& c : coders()) {
        coder_names[c.id] = c.name;
    }
    std::vector<Segment> out;
    out.reserve(found.size());
    Id loaded = -1;
    std::string text;
    std::unique_ptr<text::OffsetMap> offsets;
    for (const Coding& c : found) {
        if (c.document_id != loaded) {
            text = document_text(c.document_id);
            offsets = std::make_unique<text::OffsetMap>(text);
            loaded = c.document_id;
        }
        if (!code_paths.count(c.code_id)) {
            code_paths[c.code_id] = code_path(c.code_id);
        }
        Segment seg;
        seg.coding = c;
        seg.document = doc_names[c.document_id];
        seg.code = code_paths[c.code_id];
        seg.coder = coder_names[c.coder_id];
        auto bytes = [&](std::int64_t cp) {
            return static_cast<std::size_t>(offsets->byte_of(cp));
        };
        const std::int64_t before = std::max<std::int64_t>(0, c.start - context);
        const std::int64_t after = std::min(offsets->code_points(), c.end + context);
        seg.before = text.substr(bytes(before), bytes(c.start) - bytes(before));
        seg.text = text.substr(bytes(c.start), bytes(c.end) - bytes(c.start));
        seg.after = text.substr(bytes(c.end), bytes(after) - bytes(c.end));
        out.push_back(std::move(seg));
    }
    return out;
}

Segment Project::segment(const Coding& c, int context) {
    Segment seg = passage(c.document_id, {c.start, c.end}, context);
    seg.coding = c;
    seg.code = code_path(c.code_id);
    Statement& coder_name = db_->prepare("SELECT name FROM coders WHERE id = ?1");
    coder_name.bind(1, c.coder_id);
    if (coder_name.step()) {
        seg.coder = coder_name.text(0);
    }
    coder_name.reset();
    return seg;
}

Segment Project::passage(Id document, const TextRange& range, int context) {
    Segment seg;
    seg.coding.document_id = document;
    seg.coding.start = range.start;
    seg.coding.end = range.end;
    seg.document = document_name(document);
    // substr() counts code points in UTF-8 text, from 1: one read of the passage and its
    // context, never a copy of the whole transcript in this process.
    const std::int64_t from = std::max<std::int64_t>(0, range.start - std::max(0, context));
    Statement& s = db_->prepare(
        "SELECT substr(text, ?2 + 1, ?3 - ?2), substr(text, ?3 + 1, ?4 - ?3), "
        "substr(text, ?4 + 1, ?5) FROM documents WHERE id = ?1");
    s.bind(1, document)
        .bind(2, from)
        .bind(3, range.start)
        .bind(4, range.end)
        .bind(5, std::max(0, context));
    if (!s.step()) {
        s.reset();
        throw NotFoundError("no document with id " + std::to_string(document));
    }
    seg.before = s.text(0);
    seg.text = s.text(1);
    seg.after = s.text(2);
    s.reset();
    return seg;
}

std::vector<TextRange> Project::find_text(Id document_id, const std::string& raw) {
    const std::string needle = text::to_nfc(raw);
    if (needle.empty()) {
        throw InvalidInputError("the text to find must not be empty");
    }
    const std::string haystack = document_text(document_id);
    const std::int64_t needle_cps = text::code_point_count(needle);
    // Knuth-Morris-Pratt on the bytes (UTF-8 matches only at whole code points): a plain
    // search costs text x needle on repetitive text ("aaa...b" in "aaaa..."). Code points
    // are counted along the way, as the matches come in order.
    std::vector<std::size_t> border(needle.size() + 1, 0);
    for (std::size_t i = 1, k = 0; i < needle.size(); ++i) {
        while (k > 0 && needle[i] != needle[k]) {
            k = border[k];
        }
        k += needle[i] == needle[k] ? 1 : 0;
        border[i + 1] = k;
    }
    std::vector<TextRange> out;
    std::int64_t cp = 0;
    std::size_t counted = 0;  // bytes of the haystack counted into cp
    for (std::size_t i = 0, k = 0; i < haystack.size(); ++i) {
        while (k > 0 && haystack[i] != needle[k]) {
            k = border[k];
        }
        k += haystack[i] == needle[k] ? 1 : 0;
        if (k < needle.size()) {
            continue;
        }
        const std::size_t at = i + 1 - needle.size();
        cp += text::code_point_count(std::string_view(haystack).substr(counted, at - counted));
        counted = at;
        out.push_back({cp, cp + needle_cps});
        k = 0;  // non-overlapping: start afresh after the match
    }
    return out;
}

CsvCodingsOutcome Project::import_codings_csv(const std::string& csv_text) {
    const std::vector<util::CsvRow> rows = util::parse_csv(csv_text);
    const util::CsvRow expected = {"document", "coder", "code", "start", "end"};
    if (rows.empty()) {
        throw InvalidInputError(
            "the CSV file is empty (expected the header document,coder,code,start,end)");
    }
    util::CsvRow header;
    for (const std::string& h : rows[0]) {
        std::string t = trim(h);
        std::transform(t.begin(), t.end(), t.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        header.push_back(t);
    }
    if (header != expected) {
        throw InvalidInputError("the CSV header must be document,coder,code,start,end");
    }
    CsvCodingsOutcome outcome;
    Transaction tx(*db_);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const util::CsvRow& row = rows[i];
        const std::string where = "CSV row " + std::to_string(i + 1) + ": ";
        try {
            if (row.size() != 5) {
                throw InvalidInputError("expected 5 fields, found " + std::to_string(row.size()));
            }
            std::int64_t start, end;
            if (!parse_int64(row[3], start) || !parse_int64(row[4], end)) {
                throw InvalidInputError("start and end must be whole numbers");
            }
            // The names as the export wrote them, guarded against formulas (core/formats/csv.h).
            const Document d = find_document(util::csv_text(row[0]));
            const Coder coder = ensure_coder(util::csv_text(row[1]));
            const Code c = find_code(util::csv_text(row[2]));
            const ApplyOutcome applied = apply_code(d.id, c.id, coder.id, start, end);
            ++(applied.existed ? outcome.already_present : outcome.added);
        } catch (const NotFoundError& e) {
            throw NotFoundError(where + e.what());
        } catch (const ConflictError& e) {
            throw ConflictError(where + e.what());
        } catch (const InvalidInputError& e) {
            throw InvalidInputError(where + e.what());
        }
    }
    tx.commit();
    return outcome;
}

std::string Project::export_codings_csv() {
    std::string out = util::csv_line({"document", "coder", "code", "start", "end"});
    std::map<Id, std::string> doc_names, code_paths, coder_names;
    std::map<Id, std::size_t> doc_order;
    for (const Document& d : documents()) {
        doc_names[d.id] = d.name;
        doc_order[d.id] = doc_order.size();
    }
    for (const Coder& c : coders()) {
        coder_names[c.id] = c.name;
    }
    std::vector<Coding> all = codings();
    for (const Coding& c : all) {
        if (!code_paths.count(c.code_id)) {
            code_paths[c.code_id] = code_path(c.code_id);
        }
    }
    std::stable_sort(all.begin(), all.end(), [&](const Coding& a, const Coding& b) {
        return std::tie(doc_order[a.document_id], a.start, a.end, code_paths[a.code_id],
                        coder_names[a.coder_id]) < std::tie(doc_order[b.document_id], b.start,
                                                            b.end, code_paths[b.code_id],
                                                            coder_names[b.coder_id]);
    });
    for (const Coding& c : all) {
        out += util::csv_line({doc_names[c.document_id], coder_names[c.coder_id],
                               code_paths[c.code_id], util::CsvCell::number(c.start),
                               util::CsvCell::number(c.end)});
    }
    return out;
}

}  // namespace quire
