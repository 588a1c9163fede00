// SPDX-License-Identifier: GPL-3.0-or-later
// Matrices and crosstabs: rows and columns are codes or saved queries (whose passages are
// counted) or documents, cases, groups and attribute values (the text they are about). A
// cell holds the passages its row and column share; every measure is computed from them.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/project/project.h"
#include "core/query/engine_impl.h"

namespace quire::query {

using namespace detail;

namespace {

struct AxisItem {
    std::string label;
    bool source = false;  // passages to count (codes, queries), or text they lie in
    Spans spans;          // sources: distinct passages; regions: merged text
};

std::string unquoted(std::string s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
        return s.substr(1, s.size() - 2);
    }
    return s;
}

std::vector<std::string> split_names(const std::string& list) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= list.size()) {
        const std::size_t comma = list.find(',', from);
        std::string part =
            unquoted(list.substr(from, comma == std::string::npos ? comma : comma - from));
        if (!part.empty()) {
            out.push_back(part);
        }
        if (comma == std::string::npos) {
            break;
        }
        from = comma + 1;
    }
    return out;
}

// Where each region lies, document by document: whole documents need no range test.
class RegionIndex {
public:
    explicit RegionIndex(const std::vector<AxisItem>& regions,
                         const std::unordered_map<Id, std::int64_t>& lengths) {
        for (std::size_t c = 0; c < regions.size(); ++c) {
            for (const DocumentSlice& s : slices(regions[c].spans)) {
                Entry e{c, {}};
                const Passage& first = regions[c].spans[s.begin];
                const auto len = lengths.find(s.document);
                const bool whole = s.end - s.begin == 1 && first.range.start == 0 &&
                                   len != lengths.end() && first.range.end >= len->second;
                if (!whole) {
                    for (std::size_t i = s.begin; i < s.end; ++i) {
                        e.ranges.push_back(regions[c].spans[i].range);
                    }
                }
                by_document_[s.document].push_back(std::move(e));
            }
        }
    }

    template <typename F>
    void for_each_containing(const Passage& p, F&& f) const {
        const auto it = by_document_.find(p.document);
        if (it == by_document_.end()) {
            return;
        }
        for (const Entry& e : it->second) {
            if (e.ranges.empty()) {
                f(e.column);
                continue;
            }
            const auto r =
                std::upper_bound(e.ranges.begin(), e.ranges.end(), p.range.start,
                                 [](std::int64_t v, const TextRange& x) { return v < x.end; });
            if (r != e.ranges.end() && r->start < p.range.end) {
                f(e.column);
            }
        }
    }

private:
    struct Entry {
        std::size_t column = 0;
        std::vector<TextRange> ranges;  // empty: the whole document
    };
    std::unordered_map<Id, std::vector<Entry>> by_document_;
};

}  // namespace

Axis parse_axis(const std::string& text) {
    Axis a;
    const std::size_t colon = text.find(':');
    const std::string head = text.substr(0, colon);
    const std::string rest = colon == std::string::npos ? "" : unquoted(text.substr(colon + 1));
    if (head == "codes") {
        a.kind = Axis::Kind::Codes;
        a.branch = rest;
        return a;
    }
    if (colon == std::string::npos) {
        if (text == "documents") {
            a.kind = Axis::Kind::Documents;
            return a;
        }
        if (text == "cases") {
            a.kind = Axis::Kind::Cases;
            return a;
        }
        if (text == "groups") {
            a.kind = Axis::Kind::Groups;
            return a;
        }
    } else if (head == "attr" && !rest.empty()) {
        a.kind = Axis::Kind::Attribute;
        a.attribute = rest;
        return a;
    } else if (head == "queries" || head == "query") {
        a.kind = Axis::Kind::Queries;
        a.queries = split_names(text.substr(colon + 1));
        if (!a.queries.empty()) {
            return a;
        }
    }
    throw InvalidInputError(
        "a matrix axis is codes, codes:\"Parent\", documents, cases, groups, "
        "attr:NAME or queries:NAME,NAME, not \"" +
        text + "\"");
}

Measure measure_from_string(const std::string& name) {
    if (name == "segments") {
        return Measure::Segments;
    }
    if (name == "documents") {
        return Measure::Documents;
    }
    if (name == "cases") {
        return Measure::Cases;
    }
    if (name == "words") {
        return Measure::Words;
    }
    if (name == "characters") {
        return Measure::Characters;
    }
    throw InvalidInputError("--cell takes segments, documents, cases, words or characters, not \"" +
                            name + "\"");
}

Percent percent_from_string(const std::string& name) {
    if (name == "row") {
        return Percent::Row;
    }
    if (name == "col" || name == "column") {
        return Percent::Column;
    }
    if (name == "total") {
        return Percent::Total;
    }
    throw InvalidInputError("--percent takes row, col or total, not \"" + name + "\"");
}

namespace {

const char* measure_name(Measure m) {
    switch (m) {
        case Measure::Segments:
            return "segments";
        case Measure::Documents:
            return "documents";
        case Measure::Cases:
            return "cases";
        case Measure::Words:
            return "words";
        case Measure::Characters:
            return "characters";
    }
    return "";
}

std::vector<AxisItem> axis_items(Engine::Impl& e, Engine& engine, const Axis& axis,
                                 const QueryOptions& options, const std::optional<Spans>& scope) {
    Project& project = e.project;
    std::vector<AxisItem> items;
    switch (axis.kind) {
        case Axis::Kind::Codes: {
            const CodeTree tree(project);
            std::vector<Id> codes;
            if (axis.branch.empty()) {
                for (const Code& c : tree.codes) {
                    codes.push_back(c.id);
                }
            } else {
                codes = tree.with_descendants(project.find_code(axis.branch).id);
                codes.erase(codes.begin());
            }
            if (codes.size() > 8) {
                e.store.load_all();  // one scan costs less than many seeks
            }
            for (const Id c : codes) {
                items.push_back({tree.paths.at(c), true, e.store.passages({c}, options.coders)});
            }
            break;
        }
        case Axis::Kind::Documents:
            for (const Id d : e.order) {
                items.push_back({e.names[d], false, e.whole({d})});
            }
            break;
        case Axis::Kind::Cases:
            for (const Case& c : project.cases()) {
                ScopeFilter f;
                f.cases.push_back(c.id);
                items.push_back({c.name, false, scope_spans(resolve_scope(project, f), e.lengths)});
            }
            break;
        case Axis::Kind::Groups:
            for (const DocumentGroup& g : project.groups()) {
                std::vector<Id> docs;
                for (const Document& d : project.group_documents(g.id)) {
                    docs.push_back(d.id);
                }
                items.push_back({g.name, false, e.whole(docs)});
            }
            break;
        case Axis::Kind::Attribute: {
            std::vector<std::string> values = project.attribute_choices(axis.attribute);
            if (values.empty()) {
                for (const AttributeAssignment& a : project.attribute_assignments(axis.attribute)) {
                    if (std::find(values.begin(), values.end(), a.value) == values.end()) {
                        values.push_back(a.value);
                    }
                }
                std::sort(values.begin(), values.end());
            }
            for (const std::string& v : values) {
                ScopeFilter f;
                f.attributes.emplace_back(axis.attribute, v);
                items.push_back({v, false, scope_spans(resolve_scope(project, f), e.lengths)});
            }
            break;
        }
        case Axis::Kind::Queries:
            for (const std::string& name : axis.queries) {
                const SavedQuery q = project.find_saved_query(name);
                QueryOptions o = options;
                o.scope = {};
                items.push_back({q.name, true, engine.evaluate(q.expression, o)});
            }
            break;
    }
    if (scope) {
        for (AxisItem& item : items) {
            item.spans =
                item.source ? overlapping(item.spans, *scope) : intersect(item.spans, *scope);
        }
    }
    return items;
}

std::int64_t measure_of(Engine::Impl& e, const CaseIndex* cases, Measure m, const Spans& passages) {
    switch (m) {
        case Measure::Segments:
            return static_cast<std::int64_t>(passages.size());
        case Measure::Documents:
            return static_cast<std::int64_t>(slices(passages).size());
        case Measure::Cases: {
            std::unordered_set<Id> seen;
            for (const Passage& p : passages) {
                for (const Id c : cases->cases_of(p)) {
                    seen.insert(c);
                }
            }
            return static_cast<std::int64_t>(seen.size());
        }
        case Measure::Words: {
            std::int64_t n = 0;
            for (const Passage& p : merged(passages)) {
                n += words_touching(e.layouts.of(e.project, p.document), p.range);
            }
            return n;
        }
        case Measure::Characters: {
            std::int64_t n = 0;
            for (const Passage& p : merged(passages)) {
                n += p.range.length();
            }
            return n;
        }
    }
    return 0;
}

void add_percentages(Matrix& m, Percent percent) {
    if (percent == Percent::None) {
        return;
    }
    const std::size_t rows = m.rows.size();
    const std::size_t cols = m.cols.size();
    std::vector<std::int64_t> row_total(rows, 0);
    std::vector<std::int64_t> col_total(cols, 0);
    std::int64_t total = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < cols; ++c) {
            row_total[r] += m.cells[r][c].count;
            col_total[c] += m.cells[r][c].count;
            total += m.cells[r][c].count;
        }
    }
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < cols; ++c) {
            const std::int64_t base = percent == Percent::Row      ? row_total[r]
                                      : percent == Percent::Column ? col_total[c]
                                                                   : total;
            if (base > 0) {
                m.cells[r][c].percent =
                    100.0 * static_cast<double>(m.cells[r][c].count) / static_cast<double>(base);
            }
        }
    }
}

}  // namespace

Matrix Engine::matrix(const MatrixRequest& request) {
    impl_->refresh();
    impl_->set_scope(request.options.scope);
    // A saved query's evaluation sets and clears the engine's scope: keep this one apart.
    const std::optional<Spans> scope = impl_->scope;
    impl_->scope.reset();
    std::vector<AxisItem> rows = axis_items(*impl_, *this, request.rows, request.options, scope);
    std::vector<AxisItem> cols = axis_items(*impl_, *this, request.cols, request.options, scope);
    const auto counts_passages = [](const Axis& a) {
        return a.kind == Axis::Kind::Codes || a.kind == Axis::Kind::Queries;
    };
    const bool rows_source = counts_passages(request.rows);
    const bool cols_source = counts_passages(request.cols);
    if (!rows_source && !cols_source) {
        throw InvalidInputError("a matrix needs codes or saved queries on its rows or columns");
    }
    Matrix m;
    m.measure = measure_name(request.measure);
    for (const AxisItem& r : rows) {
        m.rows.push_back(r.label);
    }
    for (const AxisItem& c : cols) {
        m.cols.push_back(c.label);
    }
    std::vector<std::vector<Spans>> cell(rows.size(), std::vector<Spans>(cols.size()));
    if (rows_source && cols_source) {
        // Two sides of passages: a row's passages that overlap a column's.
        std::vector<Spans> sources;
        for (const AxisItem& r : rows) {
            sources.push_back(r.spans);
        }
        for (const AxisItem& c : cols) {
            sources.push_back(c.spans);
        }
        CooccurSweep sweep = sweep_cooccurrence(impl_->project, impl_->layouts, sources,
                                                Node::Relation::Overlaps, 0, true);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            for (std::size_t c = 0; c < cols.size(); ++c) {
                cell[r][c] = std::move(sweep.drill[r][rows.size() + c]);
            }
        }
    } else {
        const bool by_rows = rows_source;
        const std::vector<AxisItem>& sources = by_rows ? rows : cols;
        const RegionIndex regions(by_rows ? cols : rows, impl_->lengths);
        for (std::size_t s = 0; s < sources.size(); ++s) {
            for (const Passage& p : sources[s].spans) {
                regions.for_each_containing(p, [&](std::size_t other) {
                    (by_rows ? cell[s][other] : cell[other][s]).push_back(p);
                });
            }
        }
    }
    const std::optional<CaseIndex> cases =
        request.measure == Measure::Cases ? std::optional<CaseIndex>(impl_->project) : std::nullopt;
    m.cells.assign(rows.size(), std::vector<MatrixCell>(cols.size()));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < cols.size(); ++c) {
            MatrixCell& out = m.cells[r][c];
            out.count = measure_of(*impl_, cases ? &*cases : nullptr, request.measure, cell[r][c]);
            if (request.with_passages) {
                out.passages = std::move(cell[r][c]);
            }
        }
    }
    add_percentages(m, request.percent);
    return m;
}

}  // namespace quire::query
