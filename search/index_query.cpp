// SPDX-License-Identifier: GPL-3.0-or-later
// Query evaluation: the parsed query becomes a Xapian query that finds candidate
// documents, and AND, NOT, phrases and NEAR are then decided paragraph by paragraph;
// filters narrow the hits, and the page and the facets are counted.
#include <algorithm>
#include <iterator>

#include "core/project/project.h"
#include "search/index_internal.h"

namespace quire::search {

namespace {

std::vector<Xapian::termpos> positions(const Xapian::Database& d, Xapian::docid did,
                                       const std::string& term) {
    std::vector<Xapian::termpos> out;
    for (auto it = d.positionlist_begin(did, term); it != d.positionlist_end(did, term); ++it) {
        out.push_back(*it);
    }
    return out;
}

void merge_into(std::vector<Xapian::termpos>& all, std::vector<Xapian::termpos> more) {
    if (all.empty()) {
        all = std::move(more);
        return;
    }
    std::vector<Xapian::termpos> merged;
    merged.reserve(all.size() + more.size());
    std::merge(all.begin(), all.end(), more.begin(), more.end(), std::back_inserter(merged));
    all = std::move(merged);
}

std::vector<Span> within(const std::vector<Span>& spans, Xapian::termpos lo, Xapian::termpos hi) {
    auto it = std::lower_bound(spans.begin(), spans.end(), Span{lo, 0});
    std::vector<Span> out;
    for (; it != spans.end() && it->first < hi; ++it) {
        if (it->last < hi) {
            out.push_back(*it);
        }
    }
    return out;
}

// The nodes that must all hold for the query to hold: the root, or the members of
// its AND, and of ANDs within that AND ("(code:X trust) family").
void conjuncts_of(const QueryNode& n, std::vector<const QueryNode*>& out) {
    if (n.kind == QueryNode::Kind::And) {
        for (const QueryNode& c : n.children) {
            conjuncts_of(c, out);
        }
    } else {
        out.push_back(&n);
    }
}

}  // namespace

const std::vector<Paragraph>& Index::Impl::paragraphs_of(const Xapian::MSetIterator& m) {
    const Xapian::docid did = *m;
    if (auto it = paragraph_cache.find(did); it != paragraph_cache.end()) {
        return it->second;
    }
    if (paragraph_cache.size() >= 8192) {
        paragraph_cache.clear();
    }
    return paragraph_cache.emplace(did, decode_paragraphs(m.get_document().get_data()))
        .first->second;
}

std::vector<std::string> Index::Impl::forms_of(const std::string& word) {
    std::set<std::string> forms{word};
    if (!stem.is_none()) {
        const std::string key = kStemPrefix + stem(word);
        for (auto it = db->synonyms_begin(key); it != db->synonyms_end(key); ++it) {
            forms.insert(*it);
        }
        // The stem itself may be a word of the text ("risk" for "risks").
        forms.insert(stem(word));
    }
    return {forms.begin(), forms.end()};
}

Xapian::Query Index::Impl::leaf_query(const QueryNode& n, Leaves& leaves) {
    Leaf& leaf = leaves[&n];
    leaf.node = &n;
    switch (n.kind) {
        case QueryNode::Kind::Word: {
            leaf.terms = forms_of(n.words[0]);
            if (leaf.terms.size() == 1) {
                return Xapian::Query(leaf.terms[0]);
            }
            return Xapian::Query(Xapian::Query::OP_SYNONYM, leaf.terms.begin(), leaf.terms.end());
        }
        case QueryNode::Kind::ExactWord:
            leaf.terms = n.words;
            return Xapian::Query(n.words[0]);
        case QueryNode::Kind::Prefix: {
            leaf.terms = n.words;
            // A broad prefix ("s*") expands to thousands of terms, and ORing their
            // postings costs Xapian 100 ms and more while nearly every transcript
            // matches anyway: then every document is a candidate (ranked by the rest
            // of the query) and the paragraph check finds the words.
            constexpr std::size_t kBroad = 400;
            std::size_t expansions = 0;
            const std::string& prefix = n.words[0];
            for (auto t = db->allterms_begin(prefix);
                 t != db->allterms_end(prefix) && expansions < kBroad; ++t) {
                ++expansions;
            }
            if (expansions >= kBroad) {
                return Xapian::Query::MatchAll;
            }
            return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix);
        }
        case QueryNode::Kind::Phrase: {
            leaf.terms = n.words;
            std::vector<Xapian::Query> parts;
            for (const std::string& w : n.words) {
                parts.emplace_back(w);
            }
            return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                                 static_cast<Xapian::termcount>(n.words.size()));
        }
        default:
            return Xapian::Query::MatchNothing;
    }
}

// The document-level query: a superset of the documents with hits, ranked by BM25.
// NOT and field filters do not narrow it: they are decided per paragraph and by scope.
Xapian::Query Index::Impl::build(const QueryNode& n, Leaves& leaves) {
    switch (n.kind) {
        case QueryNode::Kind::Word:
        case QueryNode::Kind::ExactWord:
        case QueryNode::Kind::Prefix:
        case QueryNode::Kind::Phrase:
            return leaf_query(n, leaves);
        case QueryNode::Kind::Near: {
            Xapian::Query a = leaf_query(n.children[0], leaves);
            Xapian::Query b = leaf_query(n.children[1], leaves);
            // Xapian's NEAR takes single terms only; otherwise AND finds the
            // candidates and the paragraph check decides.
            if (leaves[&n.children[0]].terms.size() != 1 ||
                leaves[&n.children[1]].terms.size() != 1 ||
                n.children[0].kind == QueryNode::Kind::Phrase ||
                n.children[1].kind == QueryNode::Kind::Phrase ||
                n.children[0].kind == QueryNode::Kind::Prefix ||
                n.children[1].kind == QueryNode::Kind::Prefix) {
                return Xapian::Query(Xapian::Query::OP_AND, a, b);
            }
            const Xapian::Query parts[] = {a, b};
            return Xapian::Query(Xapian::Query::OP_NEAR, parts, parts + 2,
                                 static_cast<Xapian::termcount>(n.distance + 2));
        }
        case QueryNode::Kind::And:
        case QueryNode::Kind::Or: {
            std::vector<Xapian::Query> parts;
            for (const QueryNode& c : n.children) {
                if (c.kind == QueryNode::Kind::Not || c.kind == QueryNode::Kind::Field) {
                    collect_leaves(c, leaves);
                    continue;
                }
                parts.push_back(build(c, leaves));
            }
            return Xapian::Query(
                n.kind == QueryNode::Kind::And ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                parts.begin(), parts.end());
        }
        default:
            return Xapian::Query::MatchNothing;
    }
}

void Index::Impl::collect_leaves(const QueryNode& n, Leaves& leaves) {
    if (n.kind == QueryNode::Kind::Field) {
        return;
    }
    if (n.kind == QueryNode::Kind::Word || n.kind == QueryNode::Kind::ExactWord ||
        n.kind == QueryNode::Kind::Prefix || n.kind == QueryNode::Kind::Phrase) {
        leaf_query(n, leaves);
        return;
    }
    for (const QueryNode& c : n.children) {
        collect_leaves(c, leaves);
    }
}

// Every occurrence of a leaf in one document.
std::vector<Span> Index::Impl::leaf_spans(const Leaf& leaf, Xapian::docid did) {
    std::vector<Span> out;
    const QueryNode& n = *leaf.node;
    std::vector<Xapian::termpos> single;
    switch (n.kind) {
        case QueryNode::Kind::Word:
            for (const std::string& t : leaf.terms) {
                merge_into(single, positions(*db, did, t));
            }
            break;
        case QueryNode::Kind::ExactWord:
            single = positions(*db, did, leaf.terms[0]);
            break;
        case QueryNode::Kind::Prefix: {
            const std::string& prefix = leaf.terms[0];
            Xapian::TermIterator it = db->termlist_begin(did);
            it.skip_to(prefix);
            for (; it != db->termlist_end(did); ++it) {
                const std::string term = *it;
                if (term.compare(0, prefix.size(), prefix) != 0) {
                    break;
                }
                std::vector<Xapian::termpos> p(it.positionlist_begin(), it.positionlist_end());
                merge_into(single, std::move(p));
            }
            break;
        }
        case QueryNode::Kind::Phrase: {
            std::vector<std::vector<Xapian::termpos>> words;
            for (const std::string& t : leaf.terms) {
                words.push_back(positions(*db, did, t));
                if (words.back().empty()) {
                    return out;
                }
            }
            for (const Xapian::termpos p : words[0]) {
                bool all = true;
                for (std::size_t k = 1; k < words.size() && all; ++k) {
                    all = std::binary_search(words[k].begin(), words[k].end(),
                                             p + static_cast<Xapian::termpos>(k));
                }
                if (all) {
                    out.push_back({p, p + static_cast<Xapian::termpos>(words.size() - 1)});
                }
            }
            return out;
        }
        default:
            return out;
    }
    out.reserve(single.size());
    for (const Xapian::termpos p : single) {
        out.push_back({p, p});
    }
    return out;
}

// The spans that make `n` true in the paragraph [lo, hi), or nullopt when it is false.
std::optional<std::vector<Span>> Index::Impl::evaluate(const QueryNode& n, const LeafSpans& leaf,
                                                       Xapian::termpos lo, Xapian::termpos hi) {
    switch (n.kind) {
        case QueryNode::Kind::Word:
        case QueryNode::Kind::ExactWord:
        case QueryNode::Kind::Prefix:
        case QueryNode::Kind::Phrase: {
            std::vector<Span> s = within(leaf.at(&n), lo, hi);
            if (s.empty()) {
                return std::nullopt;
            }
            return s;
        }
        case QueryNode::Kind::Near: {
            const std::vector<Span> a = within(leaf.at(&n.children[0]), lo, hi);
            const std::vector<Span> b = within(leaf.at(&n.children[1]), lo, hi);
            std::set<Span> used;
            for (const Span& x : a) {
                for (const Span& y : b) {
                    const Span& left = x.first <= y.first ? x : y;
                    const Span& right = x.first <= y.first ? y : x;
                    if (left.last >= right.first) {
                        continue;  // the same words cannot be both sides
                    }
                    if (right.first - left.last - 1 <= static_cast<Xapian::termpos>(n.distance)) {
                        used.insert(x);
                        used.insert(y);
                    }
                }
            }
            if (used.empty()) {
                return std::nullopt;
            }
            return std::vector<Span>(used.begin(), used.end());
        }
        case QueryNode::Kind::And: {
            std::vector<Span> all;
            for (const QueryNode& c : n.children) {
                if (c.kind == QueryNode::Kind::Field) {
                    continue;
                }
                if (c.kind == QueryNode::Kind::Not) {
                    if (evaluate(c.children[0], leaf, lo, hi)) {
                        return std::nullopt;
                    }
                    continue;
                }
                auto s = evaluate(c, leaf, lo, hi);
                if (!s) {
                    return std::nullopt;
                }
                all.insert(all.end(), s->begin(), s->end());
            }
            return all;
        }
        case QueryNode::Kind::Or: {
            std::optional<std::vector<Span>> any;
            for (const QueryNode& c : n.children) {
                auto s = evaluate(c, leaf, lo, hi);
                if (s) {
                    if (!any) {
                        any.emplace();
                    }
                    any->insert(any->end(), s->begin(), s->end());
                }
            }
            return any;
        }
        default:
            return std::nullopt;
    }
}

std::vector<ParagraphHits> Index::Impl::document_hits(const QueryNode& root, const Leaves& leaves,
                                                      Xapian::docid did,
                                                      const std::vector<Paragraph>& paragraphs) {
    LeafSpans spans;
    std::vector<Xapian::termpos> touched;
    for (const auto& [node, leaf] : leaves) {
        spans[node] = leaf_spans(leaf, did);
        for (const Span& s : spans[node]) {
            touched.push_back(s.first);
        }
    }
    std::sort(touched.begin(), touched.end());
    std::vector<ParagraphHits> out;
    std::size_t last_paragraph = paragraphs.size();
    for (const Xapian::termpos p : touched) {
        auto it =
            std::upper_bound(paragraphs.begin(), paragraphs.end(), p,
                             [](Xapian::termpos v, const Paragraph& x) { return v < x.first; });
        if (it == paragraphs.begin()) {
            continue;
        }
        const std::size_t index = static_cast<std::size_t>(it - paragraphs.begin()) - 1;
        if (index == last_paragraph) {
            continue;
        }
        last_paragraph = index;
        const Paragraph& para = paragraphs[index];
        auto result = evaluate(root, spans, para.first, para.first + para.words);
        if (!result || result->empty()) {
            continue;
        }
        std::sort(result->begin(), result->end());
        std::vector<Span> merged;
        for (const Span& s : *result) {
            if (!merged.empty() && s.first <= merged.back().last) {
                merged.back().last = std::max(merged.back().last, s.last);
            } else {
                merged.push_back(s);
            }
        }
        out.push_back({index, std::move(merged)});
    }
    return out;
}

std::set<std::string> Index::Impl::field_names() {
    std::set<std::string> names{"doc", "document", "case", "code", "coder"};
    for (const Attribute& a : project.attributes()) {
        names.insert(a.name);
    }
    return names;
}

// Field filters in the query become scope filters.
void Index::Impl::apply_fields(const QueryNode& root, ScopeFilter& filter) {
    std::vector<const QueryNode*> conjuncts;
    conjuncts_of(root, conjuncts);
    for (const QueryNode* c : conjuncts) {
        if (c->kind != QueryNode::Kind::Field) {
            continue;
        }
        const std::string& name = c->name;
        if (name == "doc" || name == "document") {
            filter.documents.push_back(project.find_document(c->value).id);
        } else if (name == "case") {
            filter.cases.push_back(project.find_case(c->value).id);
        } else if (name == "code") {
            filter.codes.push_back(project.find_code(c->value).id);
        } else if (name == "coder") {
            filter.coders.push_back(project.find_coder(c->value).id);
        } else {
            filter.attributes.emplace_back(name, c->value);
        }
    }
}

SearchResults Index::Impl::search(const SearchRequest& request) {
    ensure_current();
    const std::set<std::string> fields = field_names();
    const QueryNode root = parse_query(
        request.query, tokenizer, [&](const std::string& name) { return fields.count(name) > 0; });
    ScopeFilter filter = request.filter;
    apply_fields(root, filter);
    SearchResults results;
    results.explained = describe(root);
    const Scope scope = resolve_scope(project, filter);
    const bool ranged_scope =
        !scope.everything && std::any_of(scope.documents.begin(), scope.documents.end(),
                                         [](const auto& d) { return d.second.has_value(); });

    std::map<const QueryNode*, Leaf> leaves;
    const Xapian::Query query = build(root, leaves);

    class InScope : public Xapian::MatchDecider {
    public:
        explicit InScope(const Scope& s) : scope_(s) {}
        bool operator()(const Xapian::Document& d) const override {
            return scope_.contains_document(static_cast<Id>(d.get_docid()));
        }

    private:
        const Scope& scope_;
    } decider(scope);

    Xapian::Enquire enquire(*db);
    enquire.set_query(query);
    const std::size_t wanted = request.offset + request.limit;
    std::size_t counted = 0;  // hits so far, in rank order
    std::size_t documents_with_hits = 0;
    std::map<Id, std::size_t> per_document;
    std::map<Id, std::size_t> per_code;
    std::map<Id, std::string> names;
    bool done = false;
    // A page usually fills from the first few documents: ask Xapian for few (it then
    // checks phrases and NEAR in few), and for more each time another batch is needed.
    Xapian::doccount batch = request.count_all ? db->get_doccount() + 1 : 4;
    for (Xapian::doccount first = 0; !done; first += batch, batch *= 4) {
        const Xapian::MSet mset =
            enquire.get_mset(first, batch, 0, nullptr, scope.everything ? nullptr : &decider);
        if (mset.empty()) {
            break;
        }
        for (auto m = mset.begin(); m != mset.end() && !done; ++m) {
            const Xapian::docid did = *m;
            const Id doc_id = static_cast<Id>(did);
            const std::vector<Paragraph>& paragraphs = paragraphs_of(m);
            const std::vector<ParagraphHits> found = document_hits(root, leaves, did, paragraphs);
            if (found.empty()) {
                continue;
            }
            std::vector<Coding> codings;
            const bool need_codes = request.count_all;
            if (need_codes) {
                CodingFilter cf;
                cf.document_id = doc_id;
                codings = project.codings(cf);
            }
            std::size_t in_document = 0;
            for (const ParagraphHits& ph : found) {
                const Paragraph& para = paragraphs[ph.paragraph];
                // Resolve to characters only what is shown or must be checked.
                const bool must_resolve =
                    ranged_scope || need_codes ||
                    (counted + ph.spans.size() > request.offset && counted < wanted);
                std::optional<ParagraphText> pt;
                if (must_resolve) {
                    // Only as far as the paragraph's last hit.
                    const std::size_t needed = ph.spans.back().last - para.first + 1;
                    pt = read_paragraph(doc_id, para, needed);
                }
                for (const Span& s : ph.spans) {
                    std::int64_t start = 0;
                    std::int64_t end = 0;
                    if (pt) {
                        start = pt->start_cp + pt->words[s.first - para.first].start;
                        end = pt->start_cp + pt->words[s.last - para.first].end;
                        if (ranged_scope && !scope.contains(doc_id, start, end)) {
                            continue;
                        }
                    }
                    if (counted >= request.offset && counted < wanted) {
                        Hit h;
                        h.document = doc_id;
                        h.start = start;
                        h.end = end;
                        h.paragraph_start = pt->trimmed_start;
                        h.paragraph_end = pt->trimmed_end;
                        h.snippet = snippet(*pt, ph.spans, para, s);
                        h.score = m.get_weight();
                        results.hits.push_back(std::move(h));
                    } else if (counted >= wanted && !request.count_all) {
                        results.more = true;
                        done = true;
                        break;
                    }
                    ++counted;
                    ++in_document;
                    if (need_codes) {
                        std::set<Id> codes_here;
                        for (const Coding& c : codings) {
                            if (c.start <= start && end <= c.end &&
                                (filter.coders.empty() ||
                                 std::count(filter.coders.begin(), filter.coders.end(),
                                            c.coder_id) > 0)) {
                                codes_here.insert(c.code_id);
                            }
                        }
                        for (const Id c : codes_here) {
                            ++per_code[c];
                        }
                    }
                }
                if (done) {
                    break;
                }
            }
            if (in_document > 0) {
                ++documents_with_hits;
                per_document[doc_id] += in_document;
            }
        }
        if (mset.size() < batch) {
            break;
        }
    }
    if (request.count_all) {
        results.more = counted > wanted;
        results.total_hits = counted;
        results.total_documents = documents_with_hits;
        for (const auto& [id, n] : per_document) {
            results.by_document.push_back({id, project.document_name(id), n});
        }
        for (const auto& [id, n] : per_code) {
            results.by_code.push_back({id, project.code_path(id), n});
        }
        auto most_first = [](const Facet& a, const Facet& b) {
            return a.hits > b.hits || (a.hits == b.hits && a.name < b.name);
        };
        std::sort(results.by_document.begin(), results.by_document.end(), most_first);
        std::sort(results.by_code.begin(), results.by_code.end(), most_first);
    }
    std::map<Id, std::string> doc_names;
    for (Hit& h : results.hits) {
        auto it = doc_names.find(h.document);
        if (it == doc_names.end()) {
            it = doc_names.emplace(h.document, project.document_name(h.document)).first;
        }
        h.document_name = it->second;
    }
    return results;
}

}  // namespace quire::search
