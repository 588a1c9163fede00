// SPDX-License-Identifier: GPL-3.0-or-later
// Query evaluation: the parsed query becomes a Xapian query that finds candidate
// documents, and AND, NOT, phrases and NEAR are then decided paragraph by paragraph, on
// the word positions Xapian keeps.
#include <algorithm>
#include <iterator>

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

void merge_into(std::vector<Xapian::termpos>& all, std::vector<Xapian::termpos> more);

// The positions of every term of document `did` that begins with `prefix`, in order.
std::vector<Xapian::termpos> prefix_positions(const Xapian::Database& d, Xapian::docid did,
                                              const std::string& prefix) {
    std::vector<Xapian::termpos> out;
    Xapian::TermIterator it = d.termlist_begin(did);
    it.skip_to(prefix);
    for (; it != d.termlist_end(did); ++it) {
        const std::string term = *it;
        if (term.compare(0, prefix.size(), prefix) != 0) {
            break;
        }
        merge_into(out,
                   std::vector<Xapian::termpos>(it.positionlist_begin(), it.positionlist_end()));
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

std::vector<PositionRange> within(const std::vector<PositionRange>& spans, Xapian::termpos lo,
                                  Xapian::termpos hi) {
    auto it = std::lower_bound(spans.begin(), spans.end(), PositionRange{lo, 0});
    std::vector<PositionRange> out;
    for (; it != spans.end() && it->first < hi; ++it) {
        if (it->last < hi) {
            out.push_back(*it);
        }
    }
    return out;
}

// The spans that make `n` true in the paragraph [lo, hi), or nullopt when it is false.
std::optional<std::vector<PositionRange>> evaluate(const QueryNode& n, const LeafSpans& leaf,
                                                   Xapian::termpos lo, Xapian::termpos hi) {
    switch (n.kind) {
        case QueryNode::Kind::Word:
        case QueryNode::Kind::ExactWord:
        case QueryNode::Kind::Prefix:
        case QueryNode::Kind::Phrase: {
            std::vector<PositionRange> s = within(leaf.at(&n), lo, hi);
            if (s.empty()) {
                return std::nullopt;
            }
            return s;
        }
        case QueryNode::Kind::Near: {
            const std::vector<PositionRange> a = within(leaf.at(&n.children[0]), lo, hi);
            const std::vector<PositionRange> b = within(leaf.at(&n.children[1]), lo, hi);
            std::set<PositionRange> used;
            for (const PositionRange& x : a) {
                for (const PositionRange& y : b) {
                    const PositionRange& left = x.first <= y.first ? x : y;
                    const PositionRange& right = x.first <= y.first ? y : x;
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
            return std::vector<PositionRange>(used.begin(), used.end());
        }
        case QueryNode::Kind::And: {
            std::vector<PositionRange> all;
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
            std::optional<std::vector<PositionRange>> any;
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

// Sorted, with ranges that share a word joined. Adjacent words stay apart: "talk about"
// gives two hits (which is why these are not TextRanges, whose merge joins touching ones).
std::vector<PositionRange> merge_overlapping(std::vector<PositionRange> ranges) {
    std::sort(ranges.begin(), ranges.end());
    std::vector<PositionRange> merged;
    for (const PositionRange& s : ranges) {
        if (!merged.empty() && s.first <= merged.back().last) {
            merged.back().last = std::max(merged.back().last, s.last);
        } else {
            merged.push_back(s);
        }
    }
    return merged;
}

}  // namespace

ParagraphMatcher::ParagraphMatcher(const Xapian::Database& db, const Xapian::Stem& stem,
                                   const QueryNode& root)
    : db_(db), stem_(stem), root_(root), query_(document_query(root)) {}

std::vector<std::string> ParagraphMatcher::forms_of(const std::string& word) const {
    std::set<std::string> forms{word};
    if (!stem_.is_none()) {
        const std::string key = kStemPrefix + stem_(word);
        for (auto it = db_.synonyms_begin(key); it != db_.synonyms_end(key); ++it) {
            forms.insert(*it);
        }
        // The stem itself may be a word of the text ("risk" for "risks").
        forms.insert(stem_(word));
    }
    return {forms.begin(), forms.end()};
}

Xapian::Query ParagraphMatcher::leaf_query(const QueryNode& n) {
    Leaf& leaf = leaves_[&n];
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
            for (auto t = db_.allterms_begin(prefix);
                 t != db_.allterms_end(prefix) && expansions < kBroad; ++t) {
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
            for (std::size_t i = 0; i < n.words.size(); ++i) {
                parts.push_back(is_prefix(n, i)
                                    ? Xapian::Query(Xapian::Query::OP_WILDCARD, n.words[i])
                                    : Xapian::Query(n.words[i]));
            }
            if (!n.prefixes.empty()) {
                // The candidates have every part; the paragraph check finds them in order.
                return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
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
Xapian::Query ParagraphMatcher::document_query(const QueryNode& n) {
    switch (n.kind) {
        case QueryNode::Kind::Word:
        case QueryNode::Kind::ExactWord:
        case QueryNode::Kind::Prefix:
        case QueryNode::Kind::Phrase:
            return leaf_query(n);
        case QueryNode::Kind::Near: {
            Xapian::Query a = leaf_query(n.children[0]);
            Xapian::Query b = leaf_query(n.children[1]);
            // Xapian's NEAR takes single terms only; otherwise AND finds the
            // candidates and the paragraph check decides.
            if (leaves_[&n.children[0]].terms.size() != 1 ||
                leaves_[&n.children[1]].terms.size() != 1 ||
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
                    collect_leaves(c);
                    continue;
                }
                parts.push_back(document_query(c));
            }
            return Xapian::Query(
                n.kind == QueryNode::Kind::And ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                parts.begin(), parts.end());
        }
        default:
            return Xapian::Query::MatchNothing;
    }
}

void ParagraphMatcher::collect_leaves(const QueryNode& n) {
    if (n.kind == QueryNode::Kind::Field) {
        return;
    }
    if (n.kind == QueryNode::Kind::Word || n.kind == QueryNode::Kind::ExactWord ||
        n.kind == QueryNode::Kind::Prefix || n.kind == QueryNode::Kind::Phrase) {
        leaf_query(n);
        return;
    }
    for (const QueryNode& c : n.children) {
        collect_leaves(c);
    }
}

// Every occurrence of a leaf in one document.
std::vector<PositionRange> ParagraphMatcher::leaf_spans(const Leaf& leaf, Xapian::docid did) const {
    std::vector<PositionRange> out;
    const QueryNode& n = *leaf.node;
    std::vector<Xapian::termpos> single;
    switch (n.kind) {
        case QueryNode::Kind::Word:
            for (const std::string& t : leaf.terms) {
                merge_into(single, positions(db_, did, t));
            }
            break;
        case QueryNode::Kind::ExactWord:
            single = positions(db_, did, leaf.terms[0]);
            break;
        case QueryNode::Kind::Prefix:
            single = prefix_positions(db_, did, leaf.terms[0]);
            break;
        case QueryNode::Kind::Phrase: {
            std::vector<std::vector<Xapian::termpos>> words;
            for (std::size_t i = 0; i < leaf.terms.size(); ++i) {
                const std::string& t = leaf.terms[i];
                words.push_back(is_prefix(n, i) ? prefix_positions(db_, did, t)
                                                : positions(db_, did, t));
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

std::vector<ParagraphHits> ParagraphMatcher::hits_in(
    Xapian::docid did, const std::vector<Paragraph>& paragraphs) const {
    LeafSpans spans;
    std::vector<Xapian::termpos> touched;
    for (const auto& [node, leaf] : leaves_) {
        spans[node] = leaf_spans(leaf, did);
        for (const PositionRange& s : spans[node]) {
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
        auto result = evaluate(root_, spans, para.first, para.first + para.words);
        if (!result || result->empty()) {
            continue;
        }
        out.push_back({index, merge_overlapping(std::move(*result))});
    }
    return out;
}

}  // namespace quire::search
