// SPDX-License-Identifier: GPL-3.0-or-later
// One search: the query parsed with the project's fields, filters resolved to a scope,
// Xapian's matches walked in rank order and decided paragraph by paragraph, the page of
// hits kept and, when asked, every hit counted with the facets.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <set>

#include "core/project/project.h"
#include "search/index_internal.h"

namespace quire::search {

namespace {

// Paragraphs in order, each inside the document's `bytes`: a table that does not fit is
// damaged, and reading text by it would fail or return the wrong passage.
bool fits(const std::vector<Paragraph>& paragraphs, std::uint64_t bytes) {
    std::int64_t end = 0;
    for (const Paragraph& p : paragraphs) {
        if (p.start_byte < end || p.bytes < 0 ||
            static_cast<std::uint64_t>(p.start_byte) + static_cast<std::uint64_t>(p.bytes) >
                bytes) {
            return false;
        }
        end = p.start_byte + p.bytes;
    }
    return true;
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

class InScope : public Xapian::MatchDecider {
public:
    explicit InScope(const Scope& s) : scope_(s) {}
    bool operator()(const Xapian::Document& d) const override {
        return scope_.contains_document(static_cast<Id>(d.get_docid()));
    }

private:
    const Scope& scope_;
};

// Calls visit(match) on Xapian's matches in rank order until it returns false. A page
// usually fills from the first few documents: ask Xapian for few (it then checks phrases
// and NEAR in few), and for more each time another batch is needed.
template <typename Visit>
void visit_matches(const Xapian::Enquire& enquire, Xapian::doccount batch,
                   const Xapian::MatchDecider* decider, Visit&& visit) {
    for (Xapian::doccount first = 0;; first += batch, batch *= 4) {
        const Xapian::MSet mset = enquire.get_mset(first, batch, 0, nullptr, decider);
        if (mset.empty()) {
            return;
        }
        for (auto m = mset.begin(); m != mset.end(); ++m) {
            if (!visit(m)) {
                return;
            }
        }
        if (mset.size() < batch) {
            return;
        }
    }
}

// Facets with the most hits first, ties by name.
template <typename NameOf>
std::vector<Facet> facets_of(const std::map<Id, std::size_t>& hits, NameOf&& name_of) {
    std::vector<Facet> out;
    for (const auto& [id, n] : hits) {
        out.push_back({id, name_of(id), n});
    }
    std::sort(out.begin(), out.end(), [](const Facet& a, const Facet& b) {
        return a.hits > b.hits || (a.hits == b.hits && a.name < b.name);
    });
    return out;
}

// The codes whose codings hold each hit of one document, for hits that come in text order
// (starts and ends never decreasing): codings enter as hits pass their start and leave for
// good once a hit ends past them, so a document costs O((hits + codings) log codings)
// rather than hits x codings (100,000 of each took minutes).
class CodesAround {
public:
    // `codings` sorted by start, as Project::codings gives them; only those of `coders`
    // count (all when it is empty).
    CodesAround(std::vector<Coding> codings, const std::vector<Id>& coders) {
        for (Coding& c : codings) {
            if (coders.empty() || std::count(coders.begin(), coders.end(), c.coder_id) > 0) {
                codings_.push_back(std::move(c));
            }
        }
    }

    // Calls f(code) once for each code with a coding around `hit`.
    template <typename F>
    void each_code(const TextRange& hit, F&& f) {
        for (; next_ < codings_.size() && codings_[next_].start <= hit.start; ++next_) {
            ending_.push({codings_[next_].end, codings_[next_].code_id});
            ++open_[codings_[next_].code_id];
        }
        while (!ending_.empty() && ending_.top().first < hit.end) {
            if (--open_[ending_.top().second] == 0) {
                open_.erase(ending_.top().second);
            }
            ending_.pop();
        }
        for (const auto& [code, n] : open_) {
            f(code);
        }
    }

private:
    std::vector<Coding> codings_;
    std::size_t next_ = 0;
    // Open codings by end, soonest first, and how many are open per code.
    std::priority_queue<std::pair<std::int64_t, Id>, std::vector<std::pair<std::int64_t, Id>>,
                        std::greater<>>
        ending_;
    std::map<Id, std::size_t> open_;
};

// Takes the documents with hits in rank order and counts their hits: keeps those of the
// requested page and, with count_all, counts every hit and the facets.
class PageCollector {
public:
    PageCollector(Project& project, Tokenizer& tokenizer, const SearchRequest& request,
                  const Scope& scope, const std::vector<Id>& coders)
        : project_(project),
          tokenizer_(tokenizer),
          request_(request),
          scope_(scope),
          coders_(coders),
          wanted_(request.offset + request.limit),
          ranged_scope_(!scope.everything &&
                        std::any_of(scope.documents.begin(), scope.documents.end(),
                                    [](const auto& d) { return d.second.has_value(); })) {}

    // Adds one document's hits; false once the page is full and nothing more need be
    // counted.
    bool add_document(const Xapian::MSetIterator& match, const std::vector<Paragraph>& paragraphs,
                      const std::vector<ParagraphHits>& found) {
        const Id document = static_cast<Id>(*match);
        std::optional<CodesAround> codings;
        if (request_.count_all) {
            CodingFilter cf;
            cf.document_id = document;
            codings.emplace(project_.codings(cf), coders_);
        }
        std::size_t in_document = 0;
        bool more_wanted = true;
        for (const ParagraphHits& ph : found) {
            if (!add_paragraph(match, paragraphs[ph.paragraph], ph, codings, in_document)) {
                more_wanted = false;
                break;
            }
        }
        if (in_document > 0) {
            ++documents_with_hits_;
            per_document_[document] += in_document;
        }
        return more_wanted;
    }

    // The page, with the totals and facets when counted, and the documents' names.
    SearchResults finish() {
        if (request_.count_all) {
            results_.more = counted_ > wanted_;
            results_.total_hits = counted_;
            results_.total_documents = documents_with_hits_;
            results_.by_document =
                facets_of(per_document_, [&](Id id) { return project_.document_name(id); });
            results_.by_code = facets_of(per_code_, [&](Id id) { return project_.code_path(id); });
        }
        std::map<Id, std::string> names;
        for (Hit& h : results_.hits) {
            auto it = names.find(h.document);
            if (it == names.end()) {
                it = names.emplace(h.document, project_.document_name(h.document)).first;
            }
            h.document_name = it->second;
        }
        return std::move(results_);
    }

private:
    // False once the page is full and nothing more need be counted.
    bool add_paragraph(const Xapian::MSetIterator& match, const Paragraph& para,
                       const ParagraphHits& ph, std::optional<CodesAround>& codings,
                       std::size_t& in_document) {
        const Id document = static_cast<Id>(*match);
        std::optional<ParagraphText> text;
        if (must_resolve(ph)) {
            // Only as far as the paragraph's last hit.
            const std::size_t needed = ph.spans.back().last - para.first + 1;
            text = read_paragraph(project_, tokenizer_, document, para, needed);
        }
        for (const PositionRange& s : ph.spans) {
            TextRange range;
            if (text) {
                range = text->range_of(s);
                if (ranged_scope_ && !scope_.contains(document, range.start, range.end)) {
                    continue;
                }
            }
            if (counted_ >= request_.offset && counted_ < wanted_) {
                Hit h;
                h.document = document;
                h.range = range;
                h.paragraph = text->trimmed;
                h.snippet = text->snippet(ph.spans, s);
                h.score = match.get_weight();
                results_.hits.push_back(std::move(h));
            } else if (counted_ >= wanted_ && !request_.count_all) {
                results_.more = true;
                return false;
            }
            ++counted_;
            ++in_document;
            if (request_.count_all) {
                codings->each_code(range, [&](Id code) { ++per_code_[code]; });
            }
        }
        return true;
    }

    // Resolve to characters only what is shown or must be checked.
    bool must_resolve(const ParagraphHits& ph) const {
        return ranged_scope_ || request_.count_all ||
               (counted_ + ph.spans.size() > request_.offset && counted_ < wanted_);
    }

    Project& project_;
    Tokenizer& tokenizer_;
    const SearchRequest& request_;
    const Scope& scope_;
    const std::vector<Id>& coders_;
    const std::size_t wanted_;  // hits up to the end of the page
    // Some documents are in scope only in part: every hit must be resolved and checked.
    const bool ranged_scope_;
    SearchResults results_;
    std::size_t counted_ = 0;  // hits so far, in rank order
    std::size_t documents_with_hits_ = 0;
    std::map<Id, std::size_t> per_document_;
    std::map<Id, std::size_t> per_code_;
};

}  // namespace

SearchResults Index::Impl::search(const SearchRequest& request) {
    ensure_current();
    const QueryNode root = parse(request.query);
    ScopeFilter filter = request.filter;
    apply_fields(root, filter);
    const Scope scope = resolve_scope(project, filter);
    const ParagraphMatcher matcher(*db, stem, root);
    const InScope in_scope(scope);
    Xapian::Enquire enquire(*db);
    enquire.set_query(matcher.document_query());
    PageCollector page(project, tokenizer, request, scope, filter.coders);
    const Xapian::doccount first_batch = request.count_all ? db->get_doccount() + 1 : 4;
    visit_matches(enquire, first_batch, scope.everything ? nullptr : &in_scope,
                  [&](const Xapian::MSetIterator& m) {
                      const std::vector<Paragraph>& paragraphs = paragraphs_of(m);
                      const std::vector<ParagraphHits> found = matcher.hits_in(*m, paragraphs);
                      return found.empty() || page.add_document(m, paragraphs, found);
                  });
    SearchResults results = page.finish();
    results.explained = describe(root);
    return results;
}

QueryNode Index::Impl::parse(const std::string& query) {
    std::set<std::string> fields{"doc", "document", "case", "code", "coder"};
    for (const Attribute& a : project.attributes()) {
        fields.insert(a.name);
    }
    return parse_query(query, tokenizer,
                       [&](const std::string& name) { return fields.count(name) > 0; });
}

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

const std::vector<Paragraph>& Index::Impl::paragraphs_of(const Xapian::MSetIterator& m) {
    const Xapian::docid did = *m;
    if (auto it = paragraph_cache.find(did); it != paragraph_cache.end()) {
        return it->second;
    }
    if (paragraph_cache.size() >= 8192) {
        paragraph_cache.clear();
    }
    std::vector<Paragraph> paragraphs = decode_paragraphs(m.get_document().get_data());
    const auto listed = manifest.find(static_cast<Id>(did));
    if (listed == manifest.end() || !fits(paragraphs, listed->second.bytes)) {
        throw DamagedIndexError(
            "the search index holds a paragraph table that does not fit "
            "its document");
    }
    return paragraph_cache.emplace(did, std::move(paragraphs)).first->second;
}

std::string Index::Impl::check_documents() {
    for (const auto& [id, entry] : manifest) {
        try {
            const Xapian::Document d = db->get_document(static_cast<Xapian::docid>(id));
            if (!fits(decode_paragraphs(d.get_data()), entry.bytes)) {
                return "the paragraph table of document " + std::to_string(id) + " does not fit it";
            }
            if (!db->term_exists(kUniquePrefix + entry.guid)) {
                return "document " + std::to_string(id) + " has lost its identity";
            }
        } catch (const Xapian::DocNotFoundError&) {
            return "document " + std::to_string(id) + " is listed but missing";
        } catch (const DamagedIndexError& e) {
            return std::string(e.what()) + " (document " + std::to_string(id) + ")";
        }
    }
    return "";
}

}  // namespace quire::search
