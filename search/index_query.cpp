// SPDX-License-Identifier: GPL-3.0-or-later
// Query evaluation: the parsed query becomes a Xapian query that finds candidate
// documents, and AND, NOT, phrases and NEAR are then decided paragraph by paragraph, on
// the word positions Xapian keeps.
//
// Each node of the query is decided for a whole document at once, bottom up: where it
// holds (a sorted list of paragraphs, or of those where it does not) and its matches there.
// AND and OR then combine sorted lists, and NEAR sweeps sorted positions, so a document
// costs O(n log n) in its matches: a query of 10,000 words ORed, or NEAR in a paragraph of
// millions of words, no longer costs paragraphs x words or matches x matches.
#include <algorithm>
#include <cstdint>
#include <iterator>

#include "search/index_internal.h"

namespace quire::search {

namespace {

using Paragraphs = std::vector<std::uint32_t>;  // paragraph numbers, sorted, unique

// A match and the paragraph it lies in.
struct Tagged {
    std::uint32_t paragraph = 0;
    PositionRange span;
    bool operator<(const Tagged& o) const {
        return paragraph < o.paragraph || (paragraph == o.paragraph && span < o.span);
    }
};

// Where a node of the query holds in one document, and its matches there.
struct Holds {
    // With `complement`, `paragraphs` are those where the node does not hold (NOT, and
    // field filters, which hold everywhere: they are decided by scope).
    bool complement = false;
    Paragraphs paragraphs;
    std::vector<Tagged> hits;  // sorted; only in paragraphs where the node holds
};

bool holds_in(const Holds& h, std::uint32_t paragraph) {
    return std::binary_search(h.paragraphs.begin(), h.paragraphs.end(), paragraph) != h.complement;
}

Paragraphs paragraphs_of(const std::vector<Tagged>& hits) {
    Paragraphs out;
    for (const Tagged& t : hits) {
        if (out.empty() || out.back() != t.paragraph) {
            out.push_back(t.paragraph);
        }
    }
    return out;
}

Paragraphs sorted_union(std::vector<const Paragraphs*> sets) {
    Paragraphs out;
    for (const Paragraphs* s : sets) {
        out.insert(out.end(), s->begin(), s->end());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// Smallest first, so that each step costs at most twice the next set's size.
Paragraphs sorted_intersection(std::vector<const Paragraphs*> sets) {
    std::sort(sets.begin(), sets.end(),
              [](const Paragraphs* a, const Paragraphs* b) { return a->size() < b->size(); });
    Paragraphs out = *sets[0];
    for (std::size_t i = 1; i < sets.size() && !out.empty(); ++i) {
        Paragraphs next;
        std::set_intersection(out.begin(), out.end(), sets[i]->begin(), sets[i]->end(),
                              std::back_inserter(next));
        out = std::move(next);
    }
    return out;
}

Paragraphs difference(const Paragraphs& a, const Paragraphs& b) {
    Paragraphs out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

// The hits of `from` in the paragraphs where `where` holds, appended to `to`.
void append_where(const std::vector<Tagged>& from, const Holds& where, std::vector<Tagged>& to) {
    auto it = where.paragraphs.begin();
    for (const Tagged& t : from) {
        while (it != where.paragraphs.end() && *it < t.paragraph) {
            ++it;
        }
        const bool listed = it != where.paragraphs.end() && *it == t.paragraph;
        if (listed != where.complement) {
            to.push_back(t);
        }
    }
}

// A leaf's matches, tagged with their paragraphs; a match that runs past the end of its
// paragraph (a phrase across a line break) is none.
Holds leaf_holds(const std::vector<PositionRange>& spans, const std::vector<Paragraph>& ps) {
    Holds h;
    auto at = ps.begin();
    for (const PositionRange& s : spans) {
        at = std::upper_bound(at, ps.end(), s.first,
                              [](Xapian::termpos v, const Paragraph& p) { return v < p.first; });
        if (at == ps.begin()) {
            continue;
        }
        const Paragraph& p = *(at - 1);
        if (s.last < p.first + p.words) {
            h.hits.push_back({static_cast<std::uint32_t>(at - 1 - ps.begin()), s});
        }
        --at;  // the next match may be in the same paragraph
    }
    h.paragraphs = paragraphs_of(h.hits);
    return h;
}

// The matches of a and b (of one paragraph, sorted) that have a match of the other side at
// most `distance` words before or after them, not overlapping.
void near_in_paragraph(const std::vector<PositionRange>& a, const std::vector<PositionRange>& b,
                       std::int64_t distance, std::vector<PositionRange>& used) {
    auto partnered = [distance](const std::vector<PositionRange>& mine,
                                const std::vector<PositionRange>& others,
                                std::vector<PositionRange>& out) {
        std::vector<std::int64_t> lasts;  // the others' last words, sorted
        lasts.reserve(others.size());
        for (const PositionRange& o : others) {
            lasts.push_back(o.last);
        }
        std::sort(lasts.begin(), lasts.end());
        for (const PositionRange& x : mine) {
            const std::int64_t first = x.first;
            const std::int64_t last = x.last;
            // The nearest other that starts after x ends...
            const auto after =
                std::lower_bound(others.begin(), others.end(), PositionRange{x.last + 1, 0});
            bool near = after != others.end() &&
                        static_cast<std::int64_t>(after->first) <= last + 1 + distance;
            // ...and the nearest that ends before x starts.
            const auto before = std::lower_bound(lasts.begin(), lasts.end(), first);
            near = near || (before != lasts.begin() && *(before - 1) + 1 + distance >= first);
            if (near) {
                out.push_back(x);
            }
        }
    };
    const std::size_t from = used.size();
    partnered(a, b, used);
    partnered(b, a, used);
    std::sort(used.begin() + static_cast<std::ptrdiff_t>(from), used.end());
    used.erase(std::unique(used.begin() + static_cast<std::ptrdiff_t>(from), used.end()),
               used.end());
}

Holds near(const Holds& a, const Holds& b, int distance) {
    Holds out;
    auto i = a.hits.begin();
    auto j = b.hits.begin();
    std::vector<PositionRange> left;
    std::vector<PositionRange> right;
    std::vector<PositionRange> used;
    while (i != a.hits.end() && j != b.hits.end()) {
        // Skip to a paragraph both sides have matches in.
        if (i->paragraph < j->paragraph) {
            i = std::lower_bound(i, a.hits.end(), Tagged{j->paragraph, {}});
            continue;
        }
        if (j->paragraph < i->paragraph) {
            j = std::lower_bound(j, b.hits.end(), Tagged{i->paragraph, {}});
            continue;
        }
        const std::uint32_t paragraph = i->paragraph;
        left.clear();
        right.clear();
        for (; i != a.hits.end() && i->paragraph == paragraph; ++i) {
            left.push_back(i->span);
        }
        for (; j != b.hits.end() && j->paragraph == paragraph; ++j) {
            right.push_back(j->span);
        }
        used.clear();
        near_in_paragraph(left, right, distance, used);
        for (const PositionRange& s : used) {
            out.hits.push_back({paragraph, s});
        }
    }
    out.paragraphs = paragraphs_of(out.hits);
    return out;
}

// Decides `n` for one document; `leaves` are the leaves' matches, taken as they are used.
class DocumentDecision {
public:
    DocumentDecision(std::vector<Holds>& leaves,
                     const std::unordered_map<const QueryNode*, std::uint32_t>& leaf_of)
        : leaves_(leaves), leaf_of_(leaf_of) {}

    Holds decide(const QueryNode& n) {
        switch (n.kind) {
            case QueryNode::Kind::Word:
            case QueryNode::Kind::ExactWord:
            case QueryNode::Kind::Prefix:
            case QueryNode::Kind::Phrase:
                return std::move(leaves_[leaf_of_.at(&n)]);
            case QueryNode::Kind::Near:
                return near(decide(n.children[0]), decide(n.children[1]), n.distance);
            case QueryNode::Kind::Not: {
                Holds h = decide(n.children[0]);
                h.complement = !h.complement;
                h.hits.clear();
                return h;
            }
            case QueryNode::Kind::And:
            case QueryNode::Kind::Or: {
                std::vector<Holds> parts;
                for (const QueryNode& c : n.children) {
                    parts.push_back(decide(c));
                }
                return n.kind == QueryNode::Kind::And ? all_of(parts) : any_of(parts);
            }
            case QueryNode::Kind::Field:
            default:
                return Holds{true, {}, {}};  // holds everywhere: scope decides
        }
    }

private:
    static Holds all_of(const std::vector<Holds>& parts) {
        std::vector<const Paragraphs*> holding;
        std::vector<const Paragraphs*> failing;
        for (const Holds& p : parts) {
            (p.complement ? failing : holding).push_back(&p.paragraphs);
        }
        Holds out;
        const Paragraphs fails = sorted_union(failing);
        if (holding.empty()) {
            out.complement = true;
            out.paragraphs = fails;
        } else {
            out.paragraphs = difference(sorted_intersection(holding), fails);
        }
        for (const Holds& p : parts) {
            append_where(p.hits, out, out.hits);
        }
        std::sort(out.hits.begin(), out.hits.end());
        return out;
    }

    static Holds any_of(const std::vector<Holds>& parts) {
        std::vector<const Paragraphs*> holding;
        std::vector<const Paragraphs*> failing;
        for (const Holds& p : parts) {
            (p.complement ? failing : holding).push_back(&p.paragraphs);
        }
        Holds out;
        if (failing.empty()) {
            out.paragraphs = sorted_union(holding);
        } else {
            out.complement = true;
            out.paragraphs = difference(sorted_intersection(failing), sorted_union(holding));
        }
        for (const Holds& p : parts) {
            out.hits.insert(out.hits.end(), p.hits.begin(), p.hits.end());
        }
        std::sort(out.hits.begin(), out.hits.end());
        return out;
    }

    std::vector<Holds>& leaves_;
    const std::unordered_map<const QueryNode*, std::uint32_t>& leaf_of_;
};

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

// A leaf's matches from the positions of its words: every position of a single word, and
// for a phrase the positions where each word follows the one before.
std::vector<PositionRange> leaf_spans(const Leaf& leaf,
                                      const std::vector<std::vector<Xapian::termpos>>& slots) {
    std::vector<PositionRange> out;
    if (leaf.node->kind != QueryNode::Kind::Phrase) {
        out.reserve(slots[0].size());
        for (const Xapian::termpos p : slots[0]) {
            out.push_back({p, p});
        }
        return out;
    }
    for (const Xapian::termpos p : slots[0]) {
        bool all = true;
        for (std::size_t k = 1; k < slots.size() && all; ++k) {
            all = std::binary_search(slots[k].begin(), slots[k].end(),
                                     p + static_cast<Xapian::termpos>(k));
        }
        if (all) {
            out.push_back({p, p + static_cast<Xapian::termpos>(slots.size() - 1)});
        }
    }
    return out;
}

}  // namespace

ParagraphMatcher::ParagraphMatcher(const Xapian::Database& db, const Xapian::Stem& stem,
                                   const QueryNode& root)
    : db_(db), stem_(stem), root_(root), query_(document_query(root)) {
    // Xapian opens and merges the postings of every term it is given: a query naming tens
    // of thousands (OR of thousands of words or wildcards) then costs seconds before the
    // first page. Past this many every document is a candidate instead, in the order of
    // the index, and the paragraph check's one pass over each document's terms decides.
    constexpr std::size_t kMostRankedTerms = 4000;
    if (named_terms_ > kMostRankedTerms) {
        query_ = Xapian::Query::MatchAll;
    }
}

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

void ParagraphMatcher::use_term(const std::string& term, bool prefix, TermUse use) {
    (prefix ? prefixes_ : exact_)[term].push_back(use);
    named_terms_ += prefix ? 0 : 1;  // prefixes count their expansions
    if (prefix) {
        shortest_prefix_ = std::min(shortest_prefix_, term.size());
        longest_prefix_ = std::max(longest_prefix_, term.size());
    }
}

Xapian::Query ParagraphMatcher::leaf_query(const QueryNode& n) {
    const auto leaf_number = static_cast<std::uint32_t>(leaves_.size());
    leaf_of_[&n] = leaf_number;
    leaves_.push_back({&n, {}});
    Leaf& leaf = leaves_.back();
    // A broad prefix ("s*") expands to thousands of terms, and ORing their postings costs
    // Xapian 100 ms and more while nearly every transcript matches anyway: then every
    // document is a candidate (ranked by the rest of the query) and the paragraph check
    // finds the words.
    auto prefix_query = [&](const std::string& prefix) {
        constexpr std::size_t kBroad = 400;
        std::size_t expansions = 0;
        for (auto t = db_.allterms_begin(prefix);
             t != db_.allterms_end(prefix) && expansions < kBroad; ++t) {
            ++expansions;
        }
        named_terms_ += expansions;
        return expansions >= kBroad ? Xapian::Query::MatchAll
                                    : Xapian::Query(Xapian::Query::OP_WILDCARD, prefix);
    };
    switch (n.kind) {
        case QueryNode::Kind::Word: {
            leaf.terms = forms_of(n.words[0]);
            for (const std::string& t : leaf.terms) {
                use_term(t, false, {leaf_number, 0});
            }
            if (leaf.terms.size() == 1) {
                return Xapian::Query(leaf.terms[0]);
            }
            return Xapian::Query(Xapian::Query::OP_SYNONYM, leaf.terms.begin(), leaf.terms.end());
        }
        case QueryNode::Kind::ExactWord:
            leaf.terms = n.words;
            use_term(n.words[0], false, {leaf_number, 0});
            return Xapian::Query(n.words[0]);
        case QueryNode::Kind::Prefix:
            leaf.terms = n.words;
            use_term(n.words[0], true, {leaf_number, 0});
            return prefix_query(n.words[0]);
        case QueryNode::Kind::Phrase: {
            leaf.terms = n.words;
            std::vector<Xapian::Query> parts;
            for (std::size_t i = 0; i < n.words.size(); ++i) {
                use_term(n.words[i], is_prefix(n, i), {leaf_number, static_cast<std::uint32_t>(i)});
                parts.push_back(is_prefix(n, i) ? prefix_query(n.words[i])
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
            auto single = [&](const QueryNode& c) {
                return c.kind != QueryNode::Kind::Phrase && c.kind != QueryNode::Kind::Prefix &&
                       leaves_[leaf_of_.at(&c)].terms.size() == 1;
            };
            if (!single(n.children[0]) || !single(n.children[1])) {
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

// A few terms and prefixes are looked up one by one; many (OR of thousands of words or
// wildcards) take one pass over the document's own terms instead, each looked up in the
// query's tables: the cost is then the document's vocabulary, not terms x documents.
ParagraphMatcher::LeafPositions ParagraphMatcher::leaf_positions(Xapian::docid did) const {
    LeafPositions out(leaves_.size());
    for (std::size_t i = 0; i < leaves_.size(); ++i) {
        const QueryNode& n = *leaves_[i].node;
        out[i].resize(n.kind == QueryNode::Kind::Phrase ? n.words.size() : 1);
    }
    auto add = [&](const std::vector<TermUse>& uses, Xapian::PositionIterator from,
                   Xapian::PositionIterator to) {
        auto& first = out[uses[0].leaf][uses[0].slot];
        const std::size_t at = first.size();
        first.insert(first.end(), from, to);
        for (std::size_t u = 1; u < uses.size(); ++u) {
            auto& slot = out[uses[u].leaf][uses[u].slot];
            slot.insert(slot.end(), first.begin() + static_cast<std::ptrdiff_t>(at),
                        first.begin() + static_cast<std::ptrdiff_t>(at) +
                            static_cast<std::ptrdiff_t>(first.size() - at));
        }
    };
    constexpr std::size_t kLookups = 64;
    if (exact_.size() + prefixes_.size() <= kLookups) {
        for (const auto& [term, uses] : exact_) {
            add(uses, db_.positionlist_begin(did, term), db_.positionlist_end(did, term));
        }
        for (const auto& [prefix, uses] : prefixes_) {
            Xapian::TermIterator it = db_.termlist_begin(did);
            for (it.skip_to(prefix); it != db_.termlist_end(did); ++it) {
                if ((*it).compare(0, prefix.size(), prefix) != 0) {
                    break;
                }
                add(uses, it.positionlist_begin(), it.positionlist_end());
            }
        }
    } else {
        std::string key;  // reused: no allocation per term
        for (auto it = db_.termlist_begin(did); it != db_.termlist_end(did); ++it) {
            const std::string term = *it;
            if (const auto e = exact_.find(term); e != exact_.end()) {
                add(e->second, it.positionlist_begin(), it.positionlist_end());
            }
            const std::size_t longest = std::min(longest_prefix_, term.size());
            for (std::size_t length = shortest_prefix_; length <= longest; ++length) {
                key.assign(term, 0, length);
                if (const auto p = prefixes_.find(key); p != prefixes_.end()) {
                    add(p->second, it.positionlist_begin(), it.positionlist_end());
                }
            }
        }
    }
    // Several terms may feed one slot (a word's forms, a prefix's words).
    for (auto& leaf : out) {
        for (auto& slot : leaf) {
            const bool increasing =
                std::adjacent_find(slot.begin(), slot.end(),
                                   [](auto a, auto b) { return a >= b; }) == slot.end();
            if (!increasing) {
                std::sort(slot.begin(), slot.end());
                slot.erase(std::unique(slot.begin(), slot.end()), slot.end());
            }
        }
    }
    return out;
}

std::vector<ParagraphHits> ParagraphMatcher::hits_in(
    Xapian::docid did, const std::vector<Paragraph>& paragraphs) const {
    const LeafPositions positions = leaf_positions(did);
    std::vector<Holds> leaves;
    leaves.reserve(leaves_.size());
    for (std::size_t i = 0; i < leaves_.size(); ++i) {
        leaves.push_back(leaf_holds(leaf_spans(leaves_[i], positions[i]), paragraphs));
    }
    DocumentDecision decision(leaves, leaf_of_);
    const Holds root = decision.decide(root_);
    std::vector<ParagraphHits> out;
    for (auto it = root.hits.begin(); it != root.hits.end();) {
        const std::uint32_t paragraph = it->paragraph;
        std::vector<PositionRange> spans;
        for (; it != root.hits.end() && it->paragraph == paragraph; ++it) {
            spans.push_back(it->span);
        }
        if (holds_in(root, paragraph)) {
            out.push_back({paragraph, merge_overlapping(std::move(spans))});
        }
    }
    return out;
}

}  // namespace quire::search
