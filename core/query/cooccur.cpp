// SPDX-License-Identifier: GPL-3.0-or-later
// Code co-occurrence: which passages of one code meet passages of another (overlap, share a
// paragraph or turn or document, or lie within a number of words), by one sweep per
// document over every source's passages at once.
#include <algorithm>
#include <charconv>
#include <thread>
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

// Which sources each item met, one bit per source; `twice` marks a source met again.
struct Meetings {
    std::size_t words = 1;
    std::vector<std::uint64_t> once;
    std::vector<std::uint64_t> twice;

    Meetings(std::size_t items, std::size_t sources)
        : words((sources + 63) / 64), once(items * words, 0), twice(items * words, 0) {}
    void meet(std::size_t item, std::size_t source) {
        const std::size_t w = item * words + source / 64;
        const std::uint64_t bit = std::uint64_t{1} << (source % 64);
        twice[w] |= once[w] & bit;
        once[w] |= bit;
    }
};

// Pairs whose reaches overlap, by one sweep in order of reach; reaches are whole units for
// paragraphs and turns, so overlapping reaches share one; within n words one's reach must
// meet the other itself.
void sweep_document(std::vector<Item>& items, Node::Relation by, Meetings& met,
                    std::vector<std::int64_t>& pairs, std::size_t n) {
    std::sort(items.begin(), items.end(),
              [](const Item& a, const Item& b) { return a.reach.start < b.reach.start; });
    std::vector<std::size_t> active;
    for (std::size_t x = 0; x < items.size(); ++x) {
        const Item& item = items[x];
        std::size_t kept = 0;
        for (const std::size_t a : active) {
            if (items[a].reach.end > item.reach.start) {
                active[kept++] = a;
            }
        }
        active.resize(kept);
        for (const std::size_t a : active) {
            const Item& other = items[a];
            if (other.source == item.source) {
                continue;
            }
            if (by == Node::Relation::Near && !item.reach.overlaps(other.raw) &&
                !other.reach.overlaps(item.raw)) {
                continue;
            }
            met.meet(x, other.source);
            met.meet(a, item.source);
            ++pairs[std::min(item.source, other.source) * n + std::max(item.source, other.source)];
        }
        active.push_back(x);
    }
}

// One share of the documents' counts, flat [i * n + j]; shares are added up at the end.
struct Partial {
    std::size_t n = 0;
    std::vector<std::int64_t> with;
    std::vector<std::int64_t> pairs;  // i < j
    std::vector<char> distorted;      // i < j
    std::vector<std::vector<Spans>> drill;

    Partial(std::size_t sources, bool keep)
        : n(sources), with(n * n, 0), pairs(n * n, 0), distorted(n * n, 0) {
        if (keep) {
            drill.assign(n, std::vector<Spans>(n));
        }
    }
    std::size_t pair(std::size_t i, std::size_t j) const {
        return std::min(i, j) * n + std::max(i, j);
    }
};

void tally(const std::vector<Item>& items, const Meetings& met, Id document, Partial& out) {
    for (std::size_t x = 0; x < items.size(); ++x) {
        const Item& item = items[x];
        for (std::size_t w = 0; w < met.words; ++w) {
            std::uint64_t bits = met.once[x * met.words + w];
            const std::uint64_t again = met.twice[x * met.words + w];
            while (bits != 0) {
                const int b = __builtin_ctzll(bits);
                bits &= bits - 1;
                const std::size_t j = w * 64 + static_cast<std::size_t>(b);
                ++out.with[item.source * out.n + j];
                if ((again >> b) & 1U) {
                    out.distorted[out.pair(item.source, j)] = 1;
                }
                if (!out.drill.empty()) {
                    out.drill[item.source][j].push_back({document, item.raw});
                }
            }
        }
    }
}

// Everything in one document meets everything else there: counted without pairing.
void same_document(const std::vector<std::int64_t>& count, const std::vector<Item>& items,
                   Id document, Partial& out) {
    const std::size_t n = count.size();
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            if (i == j || count[i] == 0 || count[j] == 0) {
                continue;
            }
            out.with[i * n + j] += count[i];
            if (i < j) {
                out.pairs[i * n + j] += count[i] * count[j];
                out.distorted[i * n + j] |= count[i] > 1 || count[j] > 1 ? 1 : 0;
            }
        }
    }
    if (!out.drill.empty()) {
        for (const Item& item : items) {
            for (std::size_t j = 0; j < n; ++j) {
                if (j != item.source && count[j] > 0) {
                    out.drill[item.source][j].push_back({document, item.raw});
                }
            }
        }
    }
}

struct SweepTask {
    const std::vector<Spans>* sources = nullptr;
    Node::Relation by = Node::Relation::Overlaps;
    int distance = 0;
    const std::unordered_map<Id, const Layout*>* layouts = nullptr;
};

// The documents [first, last) of the sorted list: each source is in document order, so one
// cursor per source gathers a document's items.
void sweep_documents(const SweepTask& task, const Id* first, const Id* last, Partial& out) {
    const std::vector<Spans>& sources = *task.sources;
    const std::size_t n = sources.size();
    std::vector<std::size_t> cursor(n, 0);
    for (std::size_t s = 0; s < n && first != last; ++s) {
        cursor[s] = static_cast<std::size_t>(
            std::lower_bound(sources[s].begin(), sources[s].end(), *first,
                             [](const Passage& p, Id d) { return p.document < d; }) -
            sources[s].begin());
    }
    std::vector<Item> items;
    std::vector<std::int64_t> count(n, 0);
    for (const Id* d = first; d != last; ++d) {
        const Id document = *d;
        items.clear();
        std::size_t present = 0;
        for (std::size_t s = 0; s < n; ++s) {
            count[s] = 0;
            const Spans& source = sources[s];
            while (cursor[s] < source.size() && source[cursor[s]].document == document) {
                const TextRange& r = source[cursor[s]++].range;
                items.push_back({r, r, s});
                ++count[s];
            }
            present += count[s] > 0 ? 1 : 0;
        }
        if (present < 2) {
            continue;
        }
        if (task.by == Node::Relation::SameDoc) {
            same_document(count, items, document, out);
            continue;
        }
        if (task.by != Node::Relation::Overlaps) {
            const Layout* layout = task.layouts->at(document);
            for (Item& item : items) {
                item.reach = reach_of(layout, item.raw, task.by, task.distance);
            }
        }
        Meetings met(items.size(), n);
        sweep_document(items, task.by, met, out.pairs, n);
        tally(items, met, document, out);
    }
}

}  // namespace

CooccurSweep detail::sweep_cooccurrence(Project& project, Layouts& layouts,
                                        const std::vector<Spans>& sources, Node::Relation by,
                                        int distance, bool keep_passages, std::size_t split_above) {
    const std::size_t n = sources.size();
    std::vector<Id> documents;
    std::size_t passages = 0;
    for (const Spans& source : sources) {
        passages += source.size();
        for (const DocumentSlice& slice : slices(source)) {
            documents.push_back(slice.document);
        }
    }
    std::sort(documents.begin(), documents.end());
    documents.erase(std::unique(documents.begin(), documents.end()), documents.end());
    // Words, paragraphs and turns are read here, from this thread: the project's connection
    // is used by one thread only.
    std::unordered_map<Id, const Layout*> layout_of;
    if (by != Node::Relation::Overlaps && by != Node::Relation::SameDoc) {
        for (const Id d : documents) {
            layout_of[d] = &layouts.of(project, d);
        }
    }
    const SweepTask task{&sources, by, distance, &layout_of};
    // Documents are independent: a large question splits them between two threads, each
    // with its own counts, added up after.
    const bool split =
        passages > split_above && documents.size() > 1 && std::thread::hardware_concurrency() > 1;
    const Id* begin = documents.data();
    const Id* end = documents.data() + documents.size();
    const Id* middle = split ? begin + documents.size() / 2 : end;
    Partial first(n, keep_passages);
    Partial second(split ? n : 0, keep_passages && split);
    std::thread helper;
    if (split) {
        helper = std::thread([&] { sweep_documents(task, middle, end, second); });
    }
    sweep_documents(task, begin, middle, first);
    if (helper.joinable()) {
        helper.join();
    }
    CooccurSweep out;
    out.with.assign(n, std::vector<std::int64_t>(n, 0));
    out.pairs.assign(n, std::vector<std::int64_t>(n, 0));
    out.distorted.assign(n, std::vector<bool>(n, false));
    if (keep_passages) {
        out.drill.assign(n, std::vector<Spans>(n));
    }
    for (const Partial* part : {&first, &second}) {
        if (part->n == 0) {
            continue;
        }
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < n; ++j) {
                out.with[i][j] += part->with[i * n + j];
                out.pairs[i][j] += part->pairs[i * n + j];
                out.distorted[i][j] = out.distorted[i][j] || part->distorted[i * n + j] != 0;
                if (keep_passages) {
                    Spans& cell = out.drill[i][j];
                    cell.insert(cell.end(), part->drill[i][j].begin(), part->drill[i][j].end());
                }
            }
        }
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
    const auto add = [&](Id code, Spans s) {
        if (impl_->scope) {
            s = overlapping(s, *impl_->scope);
        }
        result.codes.push_back(code);
        result.paths.push_back(tree.paths.at(code));
        result.passages.push_back(static_cast<std::int64_t>(s.size()));
        sources.push_back(std::move(s));
    };
    if (request.codes.empty()) {
        impl_->store.load_all();
        for (const Code& c : tree.codes) {
            Spans s = impl_->store.passages({c.id}, request.options.coders);
            if (!s.empty()) {
                add(c.id, std::move(s));
            }
        }
    } else {
        for (const Id code : request.codes) {
            add(code, impl_->store.passages({code}, request.options.coders));
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
