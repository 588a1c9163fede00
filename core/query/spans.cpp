// SPDX-License-Identifier: GPL-3.0-or-later
// Passages as sorted lists and the structures queries read them from: the codings in
// memory, documents' words, paragraphs and turns, the code tree and the cases' links.
#include <algorithm>

#include "core/agreement/units.h"
#include "core/query/engine_internal.h"

namespace quire::query::detail {

void sort_unique(Spans& s) {
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
}

Spans merged(Spans s) {
    std::sort(s.begin(), s.end());
    Spans out;
    for (const Passage& p : s) {
        if (p.range.empty()) {
            continue;
        }
        if (!out.empty() && out.back().document == p.document &&
            p.range.start <= out.back().range.end) {
            out.back().range.end = std::max(out.back().range.end, p.range.end);
        } else {
            out.push_back(p);
        }
    }
    return out;
}

Spans intersect(const Spans& a, const Spans& b) {
    Spans out;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        const Passage& x = a[i];
        const Passage& y = b[j];
        if (x.document != y.document) {
            (x.document < y.document ? i : j)++;
            continue;
        }
        const std::int64_t s = std::max(x.range.start, y.range.start);
        const std::int64_t e = std::min(x.range.end, y.range.end);
        if (s < e) {
            out.push_back({x.document, {s, e}});
        }
        (x.range.end < y.range.end ? i : j)++;
    }
    return out;
}

Spans unite(const Spans& a, const Spans& b) {
    Spans all;
    all.reserve(a.size() + b.size());
    std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(all));
    return merged(std::move(all));
}

Spans subtract(const Spans& a, const Spans& b) {
    Spans out;
    std::size_t j = 0;
    for (const Passage& x : a) {
        std::int64_t at = x.range.start;
        while (j < b.size() && (b[j].document < x.document ||
                                (b[j].document == x.document && b[j].range.end <= at))) {
            ++j;
        }
        std::size_t k = j;
        while (k < b.size() && b[k].document == x.document && b[k].range.start < x.range.end) {
            if (b[k].range.start > at) {
                out.push_back({x.document, {at, b[k].range.start}});
            }
            at = std::max(at, b[k].range.end);
            ++k;
        }
        if (at < x.range.end) {
            out.push_back({x.document, {at, x.range.end}});
        }
    }
    return out;
}

Spans overlapping(const Spans& a, const Spans& merged_b) {
    Spans out;
    for (const Passage& p : a) {
        // The first covered range of the document that ends after p starts.
        const auto it = std::lower_bound(
            merged_b.begin(), merged_b.end(), p, [](const Passage& m, const Passage& key) {
                return m.document != key.document ? m.document < key.document
                                                  : m.range.end <= key.range.start;
            });
        if (it != merged_b.end() && it->document == p.document && it->range.start < p.range.end) {
            out.push_back(p);
        }
    }
    return out;
}

std::vector<DocumentSlice> slices(const Spans& s) {
    std::vector<DocumentSlice> out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (out.empty() || out.back().document != s[i].document) {
            out.push_back({s[i].document, i, i});
        }
        out.back().end = i + 1;
    }
    return out;
}

// --- codings in memory ---

namespace {

bool by_position(const CodingRow& a, const CodingRow& b) {
    if (a.document != b.document) {
        return a.document < b.document;
    }
    if (a.start != b.start) {
        return a.start < b.start;
    }
    return a.end != b.end ? a.end < b.end : a.coder < b.coder;
}

// Rows already grouped by document: each document's run sorted by position.
void sort_within_documents(CodingRow* first, CodingRow* last) {
    CodingRow* begin = first;
    for (CodingRow* i = first; i <= last; ++i) {
        if (i == last || i->document != begin->document) {
            std::sort(begin, i, by_position);
            begin = i;
        }
    }
}

void sort_within_documents(std::vector<CodingRow>& rows) {
    sort_within_documents(rows.data(), rows.data() + rows.size());
}

bool chosen(const std::vector<Id>& coders, Id coder) {
    return coders.empty() || std::find(coders.begin(), coders.end(), coder) != coders.end();
}

}  // namespace

bool CodingStore::refresh(Project& project) {
    project_ = &project;
    const std::int64_t generation = project.codings_generation();
    if (generation == generation_) {
        return false;
    }
    by_code_.clear();
    by_document_.clear();
    all_rows_.clear();
    runs_.clear();
    all_ = false;
    loaded_ = 0;
    generation_ = generation;
    return true;
}

void CodingStore::load_all() {
    if (all_) {
        return;
    }
    std::vector<CodingRow> rows = project_->all_coding_rows();
    // Placed by code in one pass (codes are few): the file gives the rows by document,
    // code, coder and start, so each code's run keeps document order and needs sorting
    // only within each document.
    runs_.clear();
    // A code's rows come in runs within each document: remember the last one looked up.
    Id last_code = -1;
    std::pair<std::size_t, std::size_t>* run = nullptr;
    for (const CodingRow& r : rows) {
        if (r.code != last_code) {
            run = &runs_[r.code];
            last_code = r.code;
        }
        ++run->second;
    }
    std::size_t at = 0;
    for (auto& [code, r] : runs_) {
        r.first = at;
        at += r.second;
        r.second = r.first;  // the next free place while placing
    }
    all_rows_.resize(rows.size());
    last_code = -1;
    for (const CodingRow& r : rows) {
        if (r.code != last_code) {
            run = &runs_[r.code];
            last_code = r.code;
        }
        all_rows_[run->second++] = r;
    }
    for (auto& [code, r] : runs_) {
        sort_within_documents(all_rows_.data() + r.first, all_rows_.data() + r.second);
    }
    by_code_.clear();
    loaded_ = all_rows_.size();
    all_ = true;
}

CodingStore::Rows CodingStore::code_rows(Id code) {
    if (all_) {
        const auto run = runs_.find(code);
        if (run == runs_.end()) {
            return {};
        }
        return {all_rows_.data() + run->second.first, all_rows_.data() + run->second.second};
    }
    auto it = by_code_.find(code);
    if (it == by_code_.end()) {
        std::vector<CodingRow> rows = project_->code_coding_rows(code);
        sort_within_documents(rows);
        loaded_ += rows.size();
        it = by_code_.emplace(code, std::move(rows)).first;
    }
    return {it->second.data(), it->second.data() + it->second.size()};
}

Spans CodingStore::passages(const std::vector<Id>& codes, const std::vector<Id>& coders) {
    if (codes.size() > 8) {
        load_all();
    }
    Spans out;
    for (const Id code : codes) {
        for (const CodingRow& r : code_rows(code)) {
            // One code's rows are by position: the same range of several coders is adjacent.
            if (chosen(coders, r.coder) &&
                (out.empty() || !(out.back() == Passage{r.document, {r.start, r.end}}))) {
                out.push_back({r.document, {r.start, r.end}});
            }
        }
    }
    if (codes.size() > 1) {
        sort_unique(out);
    }
    return out;
}

Spans CodingStore::coded_by(const std::vector<Id>& coders) {
    load_all();
    Spans out;
    for (const CodingRow& r : all_rows_) {
        if (chosen(coders, r.coder)) {
            out.push_back({r.document, {r.start, r.end}});
        }
    }
    sort_unique(out);
    return out;
}

const std::vector<CodingRow>& CodingStore::document_rows(Id document) {
    auto it = by_document_.find(document);
    if (it != by_document_.end()) {
        return it->second;
    }
    std::vector<CodingRow> rows;
    project_->append_coding_rows(document, {}, rows);
    sort_within_documents(rows);
    return by_document_.emplace(document, std::move(rows)).first->second;
}

// --- words, paragraphs, turns ---

const Layout& Layouts::of(Project& project, Id document) {
    auto it = cache_.find(document);
    if (it != cache_.end()) {
        return it->second;
    }
    const std::string text = project.document_text(document);
    Layout l;
    l.length = project.document(document).length;
    l.words = agreement::text_units(text, agreement::UnitKind::Word);
    l.paragraphs = agreement::text_units(text, agreement::UnitKind::Paragraph);
    l.turns = agreement::text_units(text, agreement::UnitKind::Turn);
    return cache_.emplace(document, std::move(l)).first->second;
}

std::int64_t words_between(const Layout& layout, std::int64_t from, std::int64_t to) {
    if (to <= from) {
        return 0;
    }
    const auto& w = layout.words;
    const auto first = std::lower_bound(
        w.begin(), w.end(), from, [](const TextRange& r, std::int64_t v) { return r.start < v; });
    const auto last = std::upper_bound(
        w.begin(), w.end(), to, [](std::int64_t v, const TextRange& r) { return v < r.end; });
    return std::max<std::int64_t>(0, last - first);
}

std::int64_t words_touching(const Layout& layout, const TextRange& r) {
    const auto& w = layout.words;
    const auto first = std::upper_bound(
        w.begin(), w.end(), r.start, [](std::int64_t v, const TextRange& x) { return v < x.end; });
    const auto last = std::lower_bound(
        w.begin(), w.end(), r.end, [](const TextRange& x, std::int64_t v) { return x.start < v; });
    return std::max<std::int64_t>(0, last - first);
}

TextRange unit_reach(const std::vector<TextRange>& units, const TextRange& r, int n,
                     std::int64_t length) {
    if (units.empty()) {
        return {0, length};
    }
    // The units the passage touches; a passage in the blank between two units belongs to
    // the one that follows.
    auto first = std::upper_bound(units.begin(), units.end(), r.start,
                                  [](std::int64_t v, const TextRange& u) { return v < u.end; });
    auto last = std::lower_bound(units.begin(), units.end(), r.end,
                                 [](const TextRange& u, std::int64_t v) { return u.start < v; });
    std::ptrdiff_t lo = first - units.begin();
    std::ptrdiff_t hi = (last - units.begin()) - 1;
    const std::ptrdiff_t count = static_cast<std::ptrdiff_t>(units.size());
    if (lo >= count) {
        lo = count - 1;
    }
    if (hi < lo) {
        hi = lo;
    }
    lo = std::max<std::ptrdiff_t>(0, lo - n);
    hi = std::min<std::ptrdiff_t>(count - 1, hi + n);
    return {std::min(units[lo].start, r.start), std::max(units[hi].end, r.end)};
}

TextRange word_reach(const Layout& layout, const TextRange& r, int n) {
    const auto& w = layout.words;
    // After the passage: the (n+1)-th word starting at or after its end; a passage that
    // starts at or before that word's start has at most n words between.
    const auto after = std::lower_bound(
        w.begin(), w.end(), r.end, [](const TextRange& x, std::int64_t v) { return x.start < v; });
    std::int64_t end = layout.length + 1;
    if (static_cast<std::int64_t>(w.end() - after) > n) {
        end = (after + n)->start + 1;
    }
    // Before it: the (n+1)-th word ending at or before its start.
    const auto before = std::upper_bound(
        w.begin(), w.end(), r.start, [](std::int64_t v, const TextRange& x) { return v < x.end; });
    std::int64_t start = -1;
    if (static_cast<std::int64_t>(before - w.begin()) > n) {
        start = (before - n - 1)->end - 1;
    }
    return {std::min(start, r.start), std::max(end, r.end)};
}

// --- codebook and cases ---

CodeTree::CodeTree(Project& project) : codes(project.codes()) {
    std::unordered_map<Id, const Code*> by_id;
    for (const Code& c : codes) {
        by_id[c.id] = &c;
        if (c.parent_id) {
            children[*c.parent_id].push_back(c.id);
        }
    }
    // Tree order puts parents first, so a child's path extends its parent's.
    for (const Code& c : codes) {
        paths[c.id] = c.parent_id ? paths[*c.parent_id] + "/" + c.name : c.name;
    }
}

std::vector<Id> CodeTree::with_descendants(Id code) const {
    std::vector<Id> out{code};
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto it = children.find(out[i]);
        if (it != children.end()) {
            out.insert(out.end(), it->second.begin(), it->second.end());
        }
    }
    return out;
}

CaseIndex::CaseIndex(Project& project) {
    for (const Case& c : project.cases()) {
        names_[c.id] = c.name;
    }
    for (const CaseLink& l : project.case_links()) {
        Link link{l.case_id, std::nullopt};
        if (l.start && l.end) {
            link.range = TextRange{*l.start, *l.end};
        }
        links_[l.document_id].push_back(link);
    }
}

std::vector<Id> CaseIndex::cases_of(const Passage& p) const {
    std::vector<Id> out;
    const auto it = links_.find(p.document);
    if (it == links_.end()) {
        return out;
    }
    for (const Link& l : it->second) {
        if (!l.range || l.range->overlaps(p.range)) {
            out.push_back(l.case_id);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

Spans scope_spans(const Scope& scope, const std::unordered_map<Id, std::int64_t>& lengths) {
    Spans out;
    for (const auto& [doc, ranges] : scope.documents) {
        if (!ranges) {
            const auto len = lengths.find(doc);
            if (len != lengths.end() && len->second > 0) {
                out.push_back({doc, {0, len->second}});
            }
            continue;
        }
        for (const TextRange& r : *ranges) {
            out.push_back({doc, r});
        }
    }
    return merged(std::move(out));
}

}  // namespace quire::query::detail
