// SPDX-License-Identifier: GPL-3.0-or-later
// Coding queries: each node of the expression becomes passages, set operators merge what
// they cover, segment operators keep whole segments of their left side.
#include <algorithm>
#include <charconv>

#include "core/project/project.h"
#include "core/query/engine_impl.h"

namespace quire::query {

using namespace detail;

namespace {

[[noreturn]] void fail_at(const Node& n, const std::string& what) {
    throw QueryError(what + " at character " + std::to_string(n.position));
}

std::optional<double> number(const std::string& s) {
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) {
        return std::nullopt;
    }
    return v;
}

bool compares(double value, const std::string& op, double bound) {
    if (op == ">") {
        return value > bound;
    }
    if (op == ">=") {
        return value >= bound;
    }
    if (op == "<") {
        return value < bound;
    }
    return value <= bound;
}

// For WITHIN: prefix maxima of the ends of passages sorted by start.
std::vector<std::int64_t> prefix_max_end(const Spans& s, std::size_t begin, std::size_t end) {
    std::vector<std::int64_t> out;
    out.reserve(end - begin);
    std::int64_t best = -1;
    for (std::size_t i = begin; i < end; ++i) {
        best = std::max(best, s[i].range.end);
        out.push_back(best);
    }
    return out;
}

// For ENCLOSES: the smallest end among passages [i, j) sorted by start, in O(1) per ask.
class MinEnd {
public:
    MinEnd(const Spans& s, std::size_t begin, std::size_t end) {
        const std::size_t n = end - begin;
        table_.emplace_back();
        for (std::size_t i = begin; i < end; ++i) {
            table_[0].push_back(s[i].range.end);
        }
        for (std::size_t k = 1; (std::size_t{1} << k) <= n; ++k) {
            const std::size_t half = std::size_t{1} << (k - 1);
            std::vector<std::int64_t> level(n - (std::size_t{1} << k) + 1);
            for (std::size_t i = 0; i < level.size(); ++i) {
                level[i] = std::min(table_[k - 1][i], table_[k - 1][i + half]);
            }
            table_.push_back(std::move(level));
        }
    }
    std::int64_t min(std::size_t i, std::size_t j) const {  // j > i
        std::size_t k = 0;
        while ((std::size_t{1} << (k + 1)) <= j - i) {
            ++k;
        }
        return std::min(table_[k][i], table_[k][j - (std::size_t{1} << k)]);
    }

private:
    std::vector<std::vector<std::int64_t>> table_;
};

}  // namespace

Engine::Impl::Impl(Project& p, TextFinder* t) : project(p), text(t) {}

void Engine::Impl::refresh() {
    reloaded = store.refresh(project);
    const std::int64_t generation = project.documents_generation();
    if (generation != documents_generation) {
        layouts.clear();
        lengths.clear();
        names.clear();
        order.clear();
        for (const Document& d : project.documents()) {
            lengths[d.id] = d.length;
            names[d.id] = d.name;
            order.push_back(d.id);
        }
        documents_generation = generation;
    }
}

Spans Engine::Impl::whole(const std::vector<Id>& documents) const {
    Spans out;
    for (const Id d : documents) {
        const auto len = lengths.find(d);
        if (len != lengths.end() && len->second > 0) {
            out.push_back({d, {0, len->second}});
        }
    }
    sort_unique(out);
    return out;
}

Spans Engine::Impl::attribute(const Node& n) {
    bool known = false;
    for (const Attribute& a : project.attributes()) {
        known = known || a.name == n.name;
    }
    if (!known) {
        fail_at(n, "no attribute named \"" + n.name + "\"");
    }
    if (n.compare == ":") {
        ScopeFilter f;
        f.attributes.emplace_back(n.name, n.value);
        return scope_spans(resolve_scope(project, f), lengths);
    }
    const double bound = *number(n.value);
    std::vector<Id> documents;
    ScopeFilter cases;
    for (const AttributeAssignment& a : project.attribute_assignments(n.name)) {
        const std::optional<double> v = number(a.value);
        if (!v || !compares(*v, n.compare, bound)) {
            continue;
        }
        if (a.document) {
            documents.push_back(*a.document);
        } else if (a.case_id) {
            cases.cases.push_back(*a.case_id);
        }
    }
    Spans out = whole(documents);
    if (!cases.cases.empty()) {
        out = unite(out, scope_spans(resolve_scope(project, cases), lengths));
    }
    return out;
}

Spans Engine::Impl::operand(const Node& n, const std::vector<Id>& coders) {
    switch (n.kind) {
        case Node::Kind::Code: {
            Code code;
            try {
                code = project.find_code(n.name);
            } catch (const NotFoundError&) {
                fail_at(n, "no code \"" + n.name + "\"");
            }
            const CodeTree tree(project);
            return store.passages(
                n.exact ? std::vector<Id>{code.id} : tree.with_descendants(code.id), coders);
        }
        case Node::Kind::Coder:
            return store.coded_by({coder_id(n)});
        case Node::Kind::Document:
            try {
                return whole({project.find_document(n.name).id});
            } catch (const NotFoundError&) {
                fail_at(n, "no document \"" + n.name + "\"");
            }
        case Node::Kind::Group:
            try {
                std::vector<Id> docs;
                for (const Document& d : project.group_documents(project.find_group(n.name).id)) {
                    docs.push_back(d.id);
                }
                return whole(docs);
            } catch (const NotFoundError&) {
                fail_at(n, "no group \"" + n.name + "\"");
            }
        case Node::Kind::Case: {
            ScopeFilter f;
            try {
                f.cases.push_back(project.find_case(n.name).id);
            } catch (const NotFoundError&) {
                fail_at(n, "no case \"" + n.name + "\"");
            }
            return scope_spans(resolve_scope(project, f), lengths);
        }
        case Node::Kind::Attribute:
            return attribute(n);
        case Node::Kind::Text: {
            if (!text) {
                fail_at(n, "a text search (\"" + n.text + "\") needs the search index");
            }
            Spans out;
            for (const auto& [doc, ranges] : text->find(n.text)) {
                for (const TextRange& r : ranges) {
                    out.push_back({doc, r});
                }
            }
            sort_unique(out);
            return out;
        }
        case Node::Kind::All:
            return scope ? *scope : whole(order);
        default:
            return {};
    }
}

Id Engine::Impl::coder_id(const Node& n) {
    try {
        return project.find_coder(n.name).id;
    } catch (const NotFoundError&) {
        fail_at(n, "no coder \"" + n.name + "\"");
    }
}

Spans Engine::Impl::evaluate(const Node& n, const std::vector<Id>& coders, int depth) {
    if (depth > kMaxExpressionDepth * 4) {
        fail_at(n, "a query nested too deeply");
    }
    Spans out;
    switch (n.kind) {
        case Node::Kind::And:
            out = evaluate_and(n, coders, depth);
            break;
        case Node::Kind::Or:
            for (const Node& c : n.children) {
                out = unite(out, merged(evaluate(c, coders, depth + 1)));
            }
            break;
        case Node::Kind::Segment:
            out = relate(evaluate(n.children[0], coders, depth + 1),
                         evaluate(n.children[1], coders, depth + 1), n.relation, n.distance);
            break;
        default:
            out = operand(n, coders);
    }
    return scope ? overlapping(out, *scope) : out;
}

Spans Engine::Impl::evaluate_and(const Node& n, const std::vector<Id>& outer, int depth) {
    // coder: fields joined by AND choose whose codings the chain's code operands count.
    std::vector<Id> coders;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
        if (n.children[i].kind == Node::Kind::Coder && n.ops[i] == Node::Op::And) {
            coders.push_back(coder_id(n.children[i]));
        }
    }
    std::optional<Spans> acc;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
        const Node& c = n.children[i];
        if (c.kind == Node::Kind::Coder && n.ops[i] == Node::Op::And) {
            continue;
        }
        Spans value = merged(evaluate(c, coders.empty() ? outer : coders, depth + 1));
        if (!acc) {
            acc = n.ops[i] == Node::Op::Minus ? Spans{} : std::move(value);
        } else if (n.ops[i] == Node::Op::Minus) {
            acc = subtract(*acc, value);
        } else {
            acc = intersect(*acc, value);
        }
    }
    return acc ? *acc : store.coded_by(coders);
}

Spans Engine::Impl::relate(const Spans& a_in, const Spans& b_in, Node::Relation relation,
                           int distance) {
    Spans a = a_in;
    sort_unique(a);
    Spans b = b_in;
    sort_unique(b);
    const Spans b_merged = merged(b);
    if (relation == Node::Relation::Overlaps) {
        return overlapping(a, b_merged);
    }
    Spans out;
    const std::vector<DocumentSlice> bs = slices(b);
    std::size_t k = 0;
    for (const DocumentSlice& as : slices(a)) {
        while (k < bs.size() && bs[k].document < as.document) {
            ++k;
        }
        if (k == bs.size() || bs[k].document != as.document) {
            continue;
        }
        relate_document(a, as, b, bs[k], relation, distance, out);
    }
    if (relation == Node::Relation::Near || relation == Node::Relation::NearParagraphs ||
        relation == Node::Relation::SamePara || relation == Node::Relation::SameTurn) {
        sort_unique(out);
    }
    return out;
}

void Engine::Impl::relate_document(const Spans& a, const DocumentSlice& as, const Spans& b,
                                   const DocumentSlice& bs, Node::Relation relation, int distance,
                                   Spans& out) {
    const auto b_begin = b.begin() + static_cast<std::ptrdiff_t>(bs.begin);
    const auto b_end = b.begin() + static_cast<std::ptrdiff_t>(bs.end);
    const auto first_start_at_least = [&](std::int64_t v) {
        return std::lower_bound(
                   b_begin, b_end, v,
                   [](const Passage& p, std::int64_t x) { return p.range.start < x; }) -
               b_begin;
    };
    switch (relation) {
        case Node::Relation::SameDoc:
            out.insert(out.end(), a.begin() + as.begin, a.begin() + as.end);
            return;
        case Node::Relation::Within: {
            const std::vector<std::int64_t> max_end = prefix_max_end(b, bs.begin, bs.end);
            for (std::size_t i = as.begin; i < as.end; ++i) {
                const auto starts_before = first_start_at_least(a[i].range.start + 1);
                if (starts_before > 0 && max_end[starts_before - 1] >= a[i].range.end) {
                    out.push_back(a[i]);
                }
            }
            return;
        }
        case Node::Relation::Encloses: {
            const MinEnd min_end(b, bs.begin, bs.end);
            for (std::size_t i = as.begin; i < as.end; ++i) {
                const auto from = first_start_at_least(a[i].range.start);
                const auto to = first_start_at_least(a[i].range.end);
                if (to > from && min_end.min(from, to) <= a[i].range.end) {
                    out.push_back(a[i]);
                }
            }
            return;
        }
        case Node::Relation::Before: {
            const Layout& layout = layouts.of(project, as.document);
            for (std::size_t i = as.begin; i < as.end; ++i) {
                const auto next = first_start_at_least(a[i].range.end);
                if (next < b_end - b_begin &&
                    words_between(layout, a[i].range.end, (b_begin + next)->range.start) <=
                        distance) {
                    out.push_back(a[i]);
                }
            }
            return;
        }
        default:
            break;
    }
    // The rest ask whether the text a passage reaches meets any B.
    const Layout& layout = layouts.of(project, as.document);
    const Spans b_doc = merged(Spans(b_begin, b_end));
    Spans reach;
    for (std::size_t i = as.begin; i < as.end; ++i) {
        TextRange r = a[i].range;
        if (relation == Node::Relation::Near) {
            r = word_reach(layout, r, distance);
        } else if (relation == Node::Relation::NearParagraphs) {
            r = unit_reach(layout.paragraphs, r, distance, layout.length);
        } else if (relation == Node::Relation::SamePara) {
            r = unit_reach(layout.paragraphs, r, 0, layout.length);
        } else {
            r = unit_reach(layout.turns, r, 0, layout.length);
        }
        if (!overlapping({Passage{as.document, r}}, b_doc).empty()) {
            out.push_back(a[i]);
        }
    }
}

// --- the public face ---

Engine::Engine(Project& project, TextFinder* text) : impl_(std::make_unique<Impl>(project, text)) {}
Engine::~Engine() = default;

std::size_t Engine::codings_loaded() const {
    return impl_->store.loaded();
}

std::vector<Passage> Engine::evaluate(const std::string& expression, const QueryOptions& options) {
    return evaluate(parse_expression(expression), options);
}

std::vector<Passage> Engine::evaluate(const Node& expression, const QueryOptions& options) {
    impl_->refresh();
    impl_->set_scope(options.scope);
    Spans out = impl_->evaluate(expression, options.coders, 0);
    impl_->scope.reset();
    sort_unique(out);
    return out;
}

void Engine::Impl::set_scope(const ScopeFilter& filter) {
    scope.reset();
    if (!filter.empty()) {
        scope = scope_spans(resolve_scope(project, filter), lengths);
    }
}

}  // namespace quire::query
