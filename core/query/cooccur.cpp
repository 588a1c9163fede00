// SPDX-License-Identifier: GPL-3.0-or-later
// Code co-occurrence: which passages of one code meet passages of another (overlap, share a
// paragraph or turn or document, or lie within a number of words), by one sweep per
// document over every source's passages at once.
#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "core/project/project.h"
#include "core/query/engine_impl.h"

namespace quire::query {

using namespace detail;

namespace {

struct Item {
    TextRange raw;
    TextRange reach;
    std::size_t source = 0;
    std::vector<std::size_t> met;  // sources of the passages it meets, once per meeting
};

TextRange reach_of(const Layout* layout, const TextRange& raw, Node::Relation by, int distance) {
    switch (by) {
        case Node::Relation::SamePara:
            return unit_reach(layout->paragraphs, raw, 0, layout->length);
        case Node::Relation::SameTurn:
            return unit_reach(layout->turns, raw, 0, layout->length);
        case Node::Relation::Near:
            return word_reach(*layout, raw, distance);
        default:
            return raw;
    }
}

void sweep_document(std::vector<Item>& items, Node::Relation by, CooccurSweep& out) {
    std::sort(items.begin(), items.end(),
              [](const Item& a, const Item& b) { return a.reach.start < b.reach.start; });
    std::vector<std::size_t> active;
    for (std::size_t x = 0; x < items.size(); ++x) {
        Item& item = items[x];
        active.erase(
            std::remove_if(active.begin(), active.end(),
                           [&](std::size_t a) { return items[a].reach.end <= item.reach.start; }),
            active.end());
        for (const std::size_t a : active) {
            Item& other = items[a];
            if (other.source == item.source) {
                continue;
            }
            // Reaches that overlap are enough for overlap, paragraphs and turns (a reach is
            // whole units); within n words needs one's reach to meet the other itself.
            if (by == Node::Relation::Near && !item.reach.overlaps(other.raw) &&
                !other.reach.overlaps(item.raw)) {
                continue;
            }
            item.met.push_back(other.source);
            other.met.push_back(item.source);
            ++out.pairs[std::min(item.source, other.source)][std::max(item.source, other.source)];
        }
        active.push_back(x);
    }
}

void tally(std::vector<Item>& items, Id document, bool keep, CooccurSweep& out) {
    for (Item& item : items) {
        std::sort(item.met.begin(), item.met.end());
        for (std::size_t k = 0; k < item.met.size(); ++k) {
            const std::size_t j = item.met[k];
            if (k > 0 && item.met[k - 1] == j) {
                out.distorted[std::min(item.source, j)][std::max(item.source, j)] = true;
                continue;
            }
            ++out.with[item.source][j];
            if (keep) {
                out.drill[item.source][j].push_back({document, item.raw});
            }
        }
    }
}

// Everything in one document meets everything else there: counted without pairing.
void same_document(const std::vector<std::int64_t>& count, const std::vector<Item>& items,
                   Id document, bool keep, CooccurSweep& out) {
    const std::size_t n = count.size();
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            if (i == j || count[i] == 0 || count[j] == 0) {
                continue;
            }
            out.with[i][j] += count[i];
            if (i < j) {
                out.pairs[i][j] += count[i] * count[j];
                out.distorted[i][j] = out.distorted[i][j] || count[i] > 1 || count[j] > 1;
            }
        }
    }
    if (keep) {
        for (const Item& item : items) {
            for (std::size_t j = 0; j < n; ++j) {
                if (j != item.source && count[j] > 0) {
                    out.drill[item.source][j].push_back({document, item.raw});
                }
            }
        }
    }
}

}  // namespace

CooccurSweep detail::sweep_cooccurrence(Project& project, Layouts& layouts,
                                        const std::vector<Spans>& sources, Node::Relation by,
                                        int distance, bool keep_passages) {
    const std::size_t n = sources.size();
    CooccurSweep out;
    out.with.assign(n, std::vector<std::int64_t>(n, 0));
    out.pairs.assign(n, std::vector<std::int64_t>(n, 0));
    out.distorted.assign(n, std::vector<bool>(n, false));
    if (keep_passages) {
        out.drill.assign(n, std::vector<Spans>(n));
    }
    // Every source's passages, document by document.
    std::map<Id, std::vector<Item>> by_document;
    for (std::size_t s = 0; s < n; ++s) {
        for (const Passage& p : sources[s]) {
            by_document[p.document].push_back({p.range, p.range, s, {}});
        }
    }
    for (auto& [document, items] : by_document) {
        std::vector<std::int64_t> count(n, 0);
        for (const Item& item : items) {
            ++count[item.source];
        }
        if (std::count_if(count.begin(), count.end(), [](std::int64_t c) { return c > 0; }) < 2) {
            continue;
        }
        if (by == Node::Relation::SameDoc) {
            same_document(count, items, document, keep_passages, out);
            continue;
        }
        const Layout* layout =
            by == Node::Relation::Overlaps ? nullptr : &layouts.of(project, document);
        for (Item& item : items) {
            item.reach = reach_of(layout, item.raw, by, distance);
        }
        sweep_document(items, by, out);
        tally(items, document, keep_passages, out);
    }
    if (keep_passages) {
        for (auto& row : out.drill) {
            for (Spans& cell : row) {
                sort_unique(cell);
            }
        }
    }
    return out;
}

void cooccurrence_by_from_string(const std::string& by, CooccurRequest& request) {
    request.distance = 0;
    if (by == "overlap") {
        request.by = Node::Relation::Overlaps;
    } else if (by == "paragraph") {
        request.by = Node::Relation::SamePara;
    } else if (by == "turn") {
        request.by = Node::Relation::SameTurn;
    } else if (by == "document") {
        request.by = Node::Relation::SameDoc;
    } else if (by.rfind("near:", 0) == 0) {
        int n = 0;
        const char* first = by.data() + 5;
        const char* last = by.data() + by.size();
        const auto [ptr, ec] = std::from_chars(first, last, n);
        if (ec != std::errc() || ptr != last || first == last || n < 0 || n > 100000) {
            throw InvalidInputError("--by near:N needs a number of words, as near:10");
        }
        request.by = Node::Relation::Near;
        request.distance = n;
    } else {
        throw InvalidInputError("--by takes overlap, paragraph, turn, document or near:N, not \"" +
                                by + "\"");
    }
}

Cooccurrence Engine::cooccur(const CooccurRequest& request) {
    impl_->refresh();
    impl_->set_scope(request.options.scope);
    const CodeTree tree(impl_->project);
    Cooccurrence result;
    std::vector<Spans> sources;
    const auto add = [&](Id code) {
        Spans s = impl_->store.passages({code}, request.options.coders);
        if (impl_->scope) {
            s = overlapping(s, *impl_->scope);
        }
        result.codes.push_back(code);
        result.paths.push_back(tree.paths.at(code));
        result.passages.push_back(static_cast<std::int64_t>(s.size()));
        sources.push_back(std::move(s));
    };
    if (request.codes.empty()) {
        for (const Code& c : tree.codes) {
            if (!impl_->store.passages({c.id}, request.options.coders).empty()) {
                add(c.id);
            }
        }
    } else {
        for (const Id code : request.codes) {
            add(code);
        }
    }
    impl_->scope.reset();
    CooccurSweep sweep = sweep_cooccurrence(impl_->project, impl_->layouts, sources, request.by,
                                            request.distance, request.with_passages);
    const std::size_t n = sources.size();
    result.matrix = sweep.with;
    for (std::size_t i = 0; i < n; ++i) {
        result.matrix[i][i] = result.passages[i];
        for (std::size_t j = i + 1; j < n; ++j) {
            if (sweep.pairs[i][j] == 0) {
                continue;
            }
            CooccurPair pair{i,
                             j,
                             sweep.with[i][j],
                             sweep.with[j][i],
                             sweep.pairs[i][j],
                             std::nullopt,
                             sweep.distorted[i][j]};
            const std::int64_t denominator =
                result.passages[i] + result.passages[j] - sweep.pairs[i][j];
            if (denominator > 0) {
                pair.c = static_cast<double>(sweep.pairs[i][j]) / static_cast<double>(denominator);
            }
            result.pairs.push_back(pair);
        }
    }
    if (request.with_passages) {
        result.drill = std::move(sweep.drill);
        for (std::size_t i = 0; i < n; ++i) {
            result.drill[i][i] = sources[i];
        }
    }
    return result;
}

}  // namespace quire::query
