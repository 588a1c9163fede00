// SPDX-License-Identifier: GPL-3.0-or-later
// The index decides queries for a whole document at once with sorted lists and sweeps;
// here a plain reference decides them paragraph by paragraph, word by word, as the README
// describes them, and the two must find the same hits for random texts and queries.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/project/project.h"
#include "search/query.h"
#include "search/search.h"
#include "search/tokenizer.h"
#include "tests/support/scratch.h"

using quire::Project;
using quire::TextRange;
using quire::search::Index;
using quire::search::IndexOptions;
using quire::search::QueryError;
using quire::search::QueryNode;
using quire::search::SearchRequest;
using quire::search::Tokenizer;

namespace {

const std::vector<std::string> kVocabulary = {"risk", "risky", "family", "families", "trust",
                                              "the",  "of",    "school", "schooling"};

// One paragraph as the reference sees it: its words' terms and code points.
struct Paragraph {
    std::vector<std::string> terms;
    std::vector<TextRange> ranges;  // in the document
};

using Span = std::pair<std::size_t, std::size_t>;  // first and last word, inclusive
using Spans = std::vector<Span>;

bool is_leaf(const QueryNode& n) {
    return n.kind == QueryNode::Kind::Word || n.kind == QueryNode::Kind::ExactWord ||
           n.kind == QueryNode::Kind::Prefix || n.kind == QueryNode::Kind::Phrase;
}

bool word_matches(const std::string& term, const std::string& word, bool prefix) {
    return prefix ? term.compare(0, word.size(), word) == 0 : term == word;
}

Spans leaf_spans(const QueryNode& n, const Paragraph& p) {
    Spans out;
    const std::size_t length = n.words.size();
    for (std::size_t i = 0; i + length <= p.terms.size(); ++i) {
        bool all = true;
        for (std::size_t k = 0; k < length && all; ++k) {
            const bool prefix = n.kind == QueryNode::Kind::Prefix || is_prefix(n, k);
            all = word_matches(p.terms[i + k], n.words[k], prefix);
        }
        if (all) {
            out.push_back({i, i + length - 1});
        }
    }
    return out;
}

// The spans that make `n` true in paragraph `p`, or nothing when it is false.
std::optional<Spans> reference(const QueryNode& n, const Paragraph& p) {
    if (is_leaf(n)) {
        Spans s = leaf_spans(n, p);
        return s.empty() ? std::nullopt : std::optional<Spans>(s);
    }
    switch (n.kind) {
        case QueryNode::Kind::Near: {
            const Spans a = leaf_spans(n.children[0], p);
            const Spans b = leaf_spans(n.children[1], p);
            std::set<Span> used;
            for (const Span& x : a) {
                for (const Span& y : b) {
                    const Span& left = x.first <= y.first ? x : y;
                    const Span& right = x.first <= y.first ? y : x;
                    if (left.second < right.first &&
                        right.first - left.second - 1 <= static_cast<std::size_t>(n.distance)) {
                        used.insert(x);
                        used.insert(y);
                    }
                }
            }
            return used.empty() ? std::nullopt
                                : std::optional<Spans>(Spans(used.begin(), used.end()));
        }
        case QueryNode::Kind::And: {
            Spans all;
            for (const QueryNode& c : n.children) {
                if (c.kind == QueryNode::Kind::Not) {
                    if (reference(c.children[0], p)) {
                        return std::nullopt;
                    }
                    continue;
                }
                const auto s = reference(c, p);
                if (!s) {
                    return std::nullopt;
                }
                all.insert(all.end(), s->begin(), s->end());
            }
            return all;
        }
        case QueryNode::Kind::Or: {
            std::optional<Spans> any;
            for (const QueryNode& c : n.children) {
                if (const auto s = reference(c, p)) {
                    any = any.value_or(Spans{});
                    any->insert(any->end(), s->begin(), s->end());
                }
            }
            return any;
        }
        default:
            return std::nullopt;
    }
}

// A random query: leaves (words, quoted words, prefixes, phrases with and without a
// wildcard), NEAR, AND, NOT and OR, nested a little.
std::string random_query(std::mt19937& random, int depth) {
    auto word = [&]() { return kVocabulary[random() % kVocabulary.size()]; };
    auto leaf = [&]() -> std::string {
        switch (random() % 5) {
            case 0:
                return word();
            case 1:
                return "\"" + word() + "\"";
            case 2:
                return word().substr(0, 1 + random() % 4) + "*";
            case 3:
                return "\"" + word() + " " + word() + "\"";
            default:
                return "\"" + word().substr(0, 2 + random() % 3) + "* " + word() + "\"";
        }
    };
    auto unit = [&]() -> std::string {
        const unsigned pick = random() % 6;
        if (pick == 0) {
            return leaf() + " NEAR/" + std::to_string(random() % 4) + " " + leaf();
        }
        if (pick == 1 && depth > 0) {
            return "(" + random_query(random, depth - 1) + ")";
        }
        return leaf();
    };
    std::string q = unit();
    for (unsigned i = random() % 3; i > 0; --i) {
        q += (random() % 4 == 0 ? " -" : " ") + unit();
    }
    if (random() % 3 == 0) {
        q += " OR " + unit();
    }
    return q;
}

}  // namespace

TEST_CASE("the index finds exactly the hits a plain paragraph-by-paragraph reading finds",
          "[search]") {
    quire::test::ScratchDir dir;
    Project project = Project::create(dir.path("p.quire"), "Reference");
    project.set_language("xx");  // no stemmer: a bare word is its own form
    std::mt19937 random(20240);
    Tokenizer tokenizer;
    std::map<quire::Id, std::vector<Paragraph>> paragraphs;
    for (int d = 0; d < 12; ++d) {
        std::string text;
        const int lines = 1 + static_cast<int>(random() % 8);
        for (int l = 0; l < lines; ++l) {
            const int words = static_cast<int>(random() % (d == 0 ? 400 : 14));
            for (int w = 0; w < words; ++w) {
                text += (w ? " " : "") + kVocabulary[random() % kVocabulary.size()];
            }
            text += random() % 5 == 0 ? "\n\n" : "\n";
        }
        const quire::Id id = project.add_document("D" + std::to_string(d), text).document.id;
        std::int64_t line_start = 0;
        for (std::size_t at = 0; at < text.size();) {
            const std::size_t end = text.find('\n', at);
            const std::string line = text.substr(at, end - at);
            Paragraph p;
            for (const auto& w : tokenizer.words(line)) {
                p.terms.push_back(w.term);
                p.ranges.push_back({line_start + w.start, line_start + w.end});
            }
            if (!p.terms.empty()) {
                paragraphs[id].push_back(std::move(p));
            }
            line_start += static_cast<std::int64_t>(line.size()) + 1;  // ASCII text
            at = end + 1;
        }
    }
    IndexOptions options;
    options.folder = dir.path("index");
    Index index(project, options);
    int compared = 0;
    for (int n = 0; n < 400; ++n) {
        const std::string q = random_query(random, 2);
        INFO(q);
        QueryNode root;
        try {
            root = quire::search::parse_query(q, tokenizer);
        } catch (const QueryError&) {
            continue;  // "risk OR -the" and the like
        }
        std::set<std::pair<quire::Id, TextRange>> expected;
        for (const auto& [doc, ps] : paragraphs) {
            for (const Paragraph& p : ps) {
                const auto spans = reference(root, p);
                if (!spans) {
                    continue;
                }
                // Spans that share a word are one hit; adjacent ones stay two.
                Spans sorted = *spans;
                std::sort(sorted.begin(), sorted.end());
                Spans merged;
                for (const Span& s : sorted) {
                    if (!merged.empty() && s.first <= merged.back().second) {
                        merged.back().second = std::max(merged.back().second, s.second);
                    } else {
                        merged.push_back(s);
                    }
                }
                for (const Span& s : merged) {
                    expected.insert({doc, {p.ranges[s.first].start, p.ranges[s.second].end}});
                }
            }
        }
        SearchRequest r;
        r.query = q;
        r.limit = 100000;
        std::set<std::pair<quire::Id, TextRange>> found;
        for (const auto& h : index.search(r).hits) {
            found.insert({h.document, h.range});
        }
        CHECK(found == expected);
        ++compared;
    }
    CHECK(compared > 250);
}

TEST_CASE("a query naming thousands of words finds what its words find", "[search]") {
    quire::test::ScratchDir dir;
    Project project = Project::create(dir.path("p.quire"), "Many words");
    project.set_language("xx");
    project.add_document("A", "risk and trust\nnothing here\nthe family at risk\n");
    project.add_document("B", "trust the school\n");
    IndexOptions options;
    options.folder = dir.path("index");
    Index index(project, options);
    auto hits = [&](const std::string& q) {
        SearchRequest r;
        r.query = q;
        r.limit = 1000;
        std::set<std::pair<std::string, TextRange>> out;
        for (const auto& h : index.search(r).hits) {
            out.insert({h.document_name, h.range});
        }
        return out;
    };
    // More words than are ranked: every transcript becomes a candidate.
    std::string many = "risk OR trust";
    for (int i = 0; i < 5000; ++i) {
        many += " OR absent" + std::to_string(i);
    }
    CHECK(hits(many) == hits("risk OR trust"));
    CHECK(hits(many).size() == 4);
    CHECK(hits("(" + many + ") school") == hits("trust school"));
}

TEST_CASE("hits per code count each code with a coding around the hit once", "[search]") {
    quire::test::ScratchDir dir;
    Project project = Project::create(dir.path("p.quire"), "Facets");
    std::mt19937 random(77);
    std::string text;
    for (int line = 0; line < 40; ++line) {
        for (int w = 0; w < 12; ++w) {
            text += (w ? " " : "") + std::string(random() % 3 == 0 ? "risk" : "calm");
        }
        text += "\n";
    }
    const quire::Id doc = project.add_document("D", text).document.id;
    const std::int64_t length = static_cast<std::int64_t>(text.size());
    const std::vector<quire::Id> codes = {project.add_code("A").id, project.add_code("B").id,
                                          project.add_code("C").id};
    const std::vector<quire::Id> coders = {project.ensure_coder("Ann").id,
                                           project.ensure_coder("Ben").id};
    struct Coded {
        TextRange range;
        quire::Id code;
        quire::Id coder;
    };
    std::vector<Coded> coded;
    for (int i = 0; i < 300; ++i) {
        const std::int64_t start = static_cast<std::int64_t>(random() % (length - 1));
        const std::int64_t end = start + 1 + static_cast<std::int64_t>(random() % 120);
        const Coded c{{start, std::min(end, length)}, codes[random() % 3], coders[random() % 2]};
        project.apply_code(doc, c.code, c.coder, c.range.start, c.range.end);
        coded.push_back(c);
    }
    IndexOptions options;
    options.folder = dir.path("index");
    Index index(project, options);
    for (const std::vector<quire::Id>& chosen :
         {std::vector<quire::Id>{}, std::vector<quire::Id>{coders[1]}}) {
        SearchRequest r;
        r.query = "risk";
        r.limit = 100000;
        r.count_all = true;
        r.filter.coders = chosen;
        const auto results = index.search(r);
        std::map<quire::Id, std::size_t> expected;
        for (const auto& h : results.hits) {
            std::set<quire::Id> around;
            for (const Coded& c : coded) {
                const bool by_chosen = chosen.empty() || c.coder == chosen[0];
                if (by_chosen && c.range.contains(h.range)) {
                    around.insert(c.code);
                }
            }
            for (const quire::Id code : around) {
                ++expected[code];
            }
        }
        std::map<quire::Id, std::size_t> counted;
        for (const auto& facet : results.by_code) {
            counted[facet.id] = facet.hits;
        }
        CHECK(counted == expected);
        CHECK(expected.size() == 3);
    }
}
