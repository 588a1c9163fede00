// SPDX-License-Identifier: GPL-3.0-or-later
// Every operator of the coding query language against a brute-force answer, on projects the
// test writes: nested and overlapping codings of two coders, touching ranges, exact
// duplicates, codes with children, turns and paragraphs. The brute force works on sets of
// characters and on all pairs of segments; the engine on sorted ranges and sweeps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/project/project.h"
#include "core/query/engine_internal.h"
#include "core/query/query.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::TextRange;
using quire::query::Engine;
using quire::query::Passage;
using quire::test::TempProjectPath;

namespace {

struct Seg {
    Id doc = 0;
    std::int64_t start = 0;
    std::int64_t end = 0;
    bool operator<(const Seg& o) const {
        return std::tie(doc, start, end) < std::tie(o.doc, o.start, o.end);
    }
    bool operator==(const Seg& o) const { return doc == o.doc && start == o.start && end == o.end; }
};

struct Stored {
    Seg seg;
    std::string code;
    std::string coder;
};

// The test's documents are ASCII: a word is a run of letters, a paragraph a non-blank line,
// a turn starts at a line that opens with "Name:".
struct Doc {
    Id id = 0;
    std::string text;
    std::vector<TextRange> words;
    std::vector<TextRange> paragraphs;
    std::vector<int> turn_of;  // per paragraph
};

Doc layout(Id id, const std::string& text) {
    Doc d{id, text, {}, {}, {}};
    for (std::size_t i = 0; i < text.size();) {
        if (std::isalpha(static_cast<unsigned char>(text[i]))) {
            std::size_t j = i;
            while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) {
                ++j;
            }
            d.words.push_back({static_cast<std::int64_t>(i), static_cast<std::int64_t>(j)});
            i = j;
        } else {
            ++i;
        }
    }
    int turn = -1;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t nl = text.find('\n', at);
        if (nl == std::string::npos) {
            nl = text.size();
        }
        if (nl > at) {
            const std::string line = text.substr(at, nl - at);
            const bool labelled = line.find(':') != std::string::npos;
            if (labelled || turn < 0) {
                ++turn;
            }
            d.paragraphs.push_back({static_cast<std::int64_t>(at), static_cast<std::int64_t>(nl)});
            d.turn_of.push_back(turn);
        }
        at = nl + 1;
    }
    if (text.find(':') == std::string::npos) {  // without labels, turns are paragraphs
        for (std::size_t i = 0; i < d.turn_of.size(); ++i) {
            d.turn_of[i] = static_cast<int>(i);
        }
    }
    return d;
}

const char* const kWords[] = {"risk",  "trust", "young", "worker", "plan",  "school",
                              "night", "phone", "adult", "safe",   "later", "family"};
const char* const kNames[] = {"Ann", "Bob", "Interviewer"};

std::string random_text(std::mt19937& rng) {
    std::string text;
    const int paragraphs = 4 + static_cast<int>(rng() % 4);
    for (int p = 0; p < paragraphs; ++p) {
        if (rng() % 3 != 0) {
            text += std::string(kNames[rng() % 3]) + ": ";
        }
        const int words = 3 + static_cast<int>(rng() % 8);
        for (int w = 0; w < words; ++w) {
            text += std::string(kWords[rng() % 12]) + (w + 1 < words ? " " : ".");
        }
        text += rng() % 4 == 0 ? "\n\n" : "\n";
    }
    return text;
}

struct World {
    TempProjectPath path;
    Project project = Project::create(path.str());
    std::vector<Doc> docs;
    std::vector<Stored> codings;
    std::map<std::string, Id> codes;
};

// Codings at word boundaries, some spanning paragraphs, with duplicates across coders and
// ranges that touch.
void fill(World& w, unsigned seed) {
    std::mt19937 rng(seed);
    Project& p = w.project;
    w.codes["A"] = p.add_code("A").id;
    w.codes["A/A1"] = p.add_code("A1", w.codes["A"]).id;
    w.codes["B"] = p.add_code("B").id;
    w.codes["C"] = p.add_code("C").id;
    const Id sam = p.ensure_coder("Sam").id;
    const Id kim = p.ensure_coder("Kim").id;
    const std::vector<std::string> code_names{"A", "A/A1", "B", "C"};
    for (int d = 0; d < 3; ++d) {
        const std::string text = random_text(rng);
        const Id id = p.add_document("Doc " + std::to_string(d), text).document.id;
        w.docs.push_back(layout(id, text));
        const Doc& doc = w.docs.back();
        const int n = 6 + static_cast<int>(rng() % 10);
        std::int64_t last_end = -1;
        for (int i = 0; i < n; ++i) {
            const std::size_t a = rng() % doc.words.size();
            const std::size_t b = std::min(doc.words.size() - 1, a + rng() % 6);
            std::int64_t start = doc.words[a].start;
            // Now and then a coding starts where the previous one ended: touching ranges.
            if (last_end > 0 && rng() % 4 == 0 && last_end < doc.words[b].end) {
                start = last_end;
            }
            const Seg seg{id, start, doc.words[b].end};
            const std::string code = code_names[rng() % 4];
            const bool both = rng() % 3 == 0;
            const std::string coder = rng() % 2 ? "Sam" : "Kim";
            for (const std::string& who :
                 both ? std::vector<std::string>{"Sam", "Kim"} : std::vector<std::string>{coder}) {
                if (p.apply_code(id, w.codes[code], who == "Sam" ? sam : kim, seg.start, seg.end)
                        .existed) {
                    continue;
                }
                w.codings.push_back({seg, code, who});
            }
            last_end = seg.end;
        }
    }
}

std::vector<Seg> segments_of(const World& w, const std::string& code, bool children,
                             const std::string& coder = "") {
    std::set<Seg> out;
    for (const Stored& s : w.codings) {
        const bool code_ok = s.code == code || (children && s.code.rfind(code + "/", 0) == 0);
        if (code_ok && (coder.empty() || s.coder == coder)) {
            out.insert(s.seg);
        }
    }
    return {out.begin(), out.end()};
}

using CharSet = std::set<std::pair<Id, std::int64_t>>;

CharSet chars(const std::vector<Seg>& s) {
    CharSet out;
    for (const Seg& x : s) {
        for (std::int64_t i = x.start; i < x.end; ++i) {
            out.insert({x.doc, i});
        }
    }
    return out;
}

std::vector<Seg> ranges(const CharSet& c) {
    std::vector<Seg> out;
    for (const auto& [doc, i] : c) {
        if (!out.empty() && out.back().doc == doc && out.back().end == i) {
            ++out.back().end;
        } else {
            out.push_back({doc, i, i + 1});
        }
    }
    return out;
}

std::vector<Seg> as_segs(const std::vector<Passage>& ps) {
    std::vector<Seg> out;
    for (const Passage& p : ps) {
        out.push_back({p.document, p.range.start, p.range.end});
    }
    return out;
}

const Doc& doc_of(const World& w, Id id) {
    return *std::find_if(w.docs.begin(), w.docs.end(), [&](const Doc& d) { return d.id == id; });
}

std::int64_t words_inside(const Doc& d, std::int64_t from, std::int64_t to) {
    return std::count_if(d.words.begin(), d.words.end(),
                         [&](const TextRange& r) { return r.start >= from && r.end <= to; });
}

// Paragraph indexes a segment touches.
std::vector<int> touched(const Doc& d, const Seg& s) {
    std::vector<int> out;
    for (std::size_t i = 0; i < d.paragraphs.size(); ++i) {
        if (d.paragraphs[i].start < s.end && s.start < d.paragraphs[i].end) {
            out.push_back(static_cast<int>(i));
        }
    }
    return out;
}

bool overlaps(const Seg& a, const Seg& b) {
    return a.doc == b.doc && a.start < b.end && b.start < a.end;
}

template <typename Pred>
std::vector<Seg> keep(const std::vector<Seg>& a, const std::vector<Seg>& b, Pred pred) {
    std::vector<Seg> out;
    for (const Seg& x : a) {
        if (std::any_of(b.begin(), b.end(),
                        [&](const Seg& y) { return x.doc == y.doc && pred(x, y); })) {
            out.push_back(x);
        }
    }
    return out;
}

bool near_words(const World& w, const Seg& a, const Seg& b, int n) {
    if (overlaps(a, b)) {
        return true;
    }
    const Doc& d = doc_of(w, a.doc);
    return a.end <= b.start ? words_inside(d, a.end, b.start) <= n
                            : words_inside(d, b.end, a.start) <= n;
}

bool near_paragraphs(const World& w, const Seg& a, const Seg& b, int n, bool turns) {
    const Doc& d = doc_of(w, a.doc);
    const std::vector<int> ta = touched(d, a);
    const std::vector<int> tb = touched(d, b);
    for (const int i : ta) {
        for (const int j : tb) {
            const int x = turns ? d.turn_of[i] : i;
            const int y = turns ? d.turn_of[j] : j;
            if (std::abs(x - y) <= n) {
                return true;
            }
        }
    }
    return false;
}

}  // namespace

TEST_CASE("set operators give the text both, either or only one side covers",
          "[query][operators]") {
    for (unsigned seed = 1; seed <= 12; ++seed) {
        World w;
        fill(w, seed);
        Engine engine(w.project);
        const auto a = chars(segments_of(w, "A", true));
        const auto b = chars(segments_of(w, "B", true));
        const auto c = chars(segments_of(w, "C", true));
        CharSet both, either, only;
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(),
                              std::inserter(both, both.end()));
        std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::inserter(either, either.end()));
        std::set_difference(a.begin(), a.end(), b.begin(), b.end(),
                            std::inserter(only, only.end()));
        INFO("seed " << seed);
        CHECK(as_segs(engine.evaluate("code:A AND code:B")) == ranges(both));
        CHECK(as_segs(engine.evaluate("code:A code:B")) == ranges(both));
        CHECK(as_segs(engine.evaluate("code:A OR code:B")) == ranges(either));
        CHECK(as_segs(engine.evaluate("code:A NOT code:B")) == ranges(only));
        CHECK(as_segs(engine.evaluate("code:A AND NOT code:B")) == ranges(only));
        CharSet bc_or, nested;
        std::set_union(b.begin(), b.end(), c.begin(), c.end(), std::inserter(bc_or, bc_or.end()));
        std::set_intersection(a.begin(), a.end(), bc_or.begin(), bc_or.end(),
                              std::inserter(nested, nested.end()));
        CHECK(as_segs(engine.evaluate("code:A AND (code:B OR code:C)")) == ranges(nested));
        // A leading NOT takes from every text of every document.
        CharSet all;
        for (const Doc& d : w.docs) {
            for (std::int64_t i = 0; i < static_cast<std::int64_t>(d.text.size()); ++i) {
                all.insert({d.id, i});
            }
        }
        CharSet not_a;
        std::set_difference(all.begin(), all.end(), a.begin(), a.end(),
                            std::inserter(not_a, not_a.end()));
        CHECK(as_segs(engine.evaluate("NOT code:A")) == ranges(not_a));
    }
}

TEST_CASE("a code stands for its children unless code=: says the code alone",
          "[query][operators]") {
    for (unsigned seed = 20; seed <= 25; ++seed) {
        World w;
        fill(w, seed);
        Engine engine(w.project);
        INFO("seed " << seed);
        CHECK(as_segs(engine.evaluate("code:A")) == segments_of(w, "A", true));
        CHECK(as_segs(engine.evaluate("code=:A")) == segments_of(w, "A", false));
        CHECK(as_segs(engine.evaluate("code:\"A/A1\"")) == segments_of(w, "A/A1", false));
        // coder: in a chain chooses whose codings count; alone, it is what they coded.
        CHECK(as_segs(engine.evaluate("code:A coder:Sam")) ==
              ranges(chars(segments_of(w, "A", true, "Sam"))));
        std::vector<Seg> sam_all;
        for (const std::string c : {"A", "B", "C"}) {
            const auto s = segments_of(w, c, true, "Sam");
            sam_all.insert(sam_all.end(), s.begin(), s.end());
        }
        std::sort(sam_all.begin(), sam_all.end());
        sam_all.erase(std::unique(sam_all.begin(), sam_all.end()), sam_all.end());
        CHECK(as_segs(engine.evaluate("coder:Sam")) == sam_all);
        quire::query::QueryOptions kim;
        kim.coders.push_back(w.project.find_coder("Kim").id);
        CHECK(as_segs(engine.evaluate("code:B", kim)) == segments_of(w, "B", true, "Kim"));
        // The innermost coder: wins over the options.
        CHECK(as_segs(engine.evaluate("(code:B coder:Sam) OVERLAPS code:C", kim)) ==
              keep(segments_of(w, "B", true, "Sam"), segments_of(w, "C", true, "Kim"), overlaps));
    }
}

TEST_CASE("segment operators keep whole segments of their left side", "[query][operators]") {
    // Over all seeds each operator keeps some segments and drops others: the checks below
    // compare answers that are neither empty nor everything.
    std::map<std::string, std::pair<std::size_t, std::size_t>> kept_of_all;
    const auto tally = [&](const std::string& op, std::size_t kept, std::size_t all) {
        kept_of_all[op].first += kept;
        kept_of_all[op].second += all;
    };
    for (unsigned seed = 30; seed <= 45; ++seed) {
        World w;
        fill(w, seed);
        Engine engine(w.project);
        const auto a = segments_of(w, "A", true);
        const auto b = segments_of(w, "B", true);
        INFO("seed " << seed);
        CHECK(as_segs(engine.evaluate("code:A OVERLAPS code:B")) == keep(a, b, overlaps));
        CHECK(as_segs(engine.evaluate("code:A WITHIN code:B")) ==
              keep(a, b, [](const Seg& x, const Seg& y) {
                  return y.start <= x.start && x.end <= y.end;
              }));
        CHECK(as_segs(engine.evaluate("code:A ENCLOSES code:B")) ==
              keep(a, b, [](const Seg& x, const Seg& y) {
                  return x.start <= y.start && y.end <= x.end;
              }));
        CHECK(as_segs(engine.evaluate("code:A SAMEDOC code:B")) ==
              keep(a, b, [](const Seg&, const Seg&) { return true; }));
        for (const int n : {0, 1, 3}) {
            INFO("n " << n);
            CHECK(as_segs(engine.evaluate("code:A NEAR/" + std::to_string(n) + " code:B")) ==
                  keep(a, b, [&](const Seg& x, const Seg& y) { return near_words(w, x, y, n); }));
            CHECK(as_segs(engine.evaluate("code:A BEFORE/" + std::to_string(n) + " code:B")) ==
                  keep(a, b, [&](const Seg& x, const Seg& y) {
                      return x.end <= y.start &&
                             words_inside(doc_of(w, x.doc), x.end, y.start) <= n;
                  }));
            CHECK(as_segs(engine.evaluate("code:A NEAR/" + std::to_string(n) + ":par code:B")) ==
                  keep(a, b, [&](const Seg& x, const Seg& y) {
                      return near_paragraphs(w, x, y, n, false);
                  }));
        }
        CHECK(as_segs(engine.evaluate("code:A SAMEPARA code:B")) ==
              keep(a, b,
                   [&](const Seg& x, const Seg& y) { return near_paragraphs(w, x, y, 0, false); }));
        CHECK(as_segs(engine.evaluate("code:A SAMETURN code:B")) ==
              keep(a, b,
                   [&](const Seg& x, const Seg& y) { return near_paragraphs(w, x, y, 0, true); }));
        for (const std::string op : {"OVERLAPS", "WITHIN", "ENCLOSES", "NEAR/1", "BEFORE/1",
                                     "NEAR/1:par", "SAMEPARA", "SAMETURN", "SAMEDOC"}) {
            tally(op, engine.evaluate("code:A " + op + " code:B").size(), a.size());
        }
    }
    for (const auto& [op, counts] : kept_of_all) {
        INFO(op << " kept " << counts.first << " of " << counts.second);
        CHECK(counts.first > 0);
        CHECK(counts.first < counts.second);
    }
}

TEST_CASE("segment operators on an empty side, and touching ranges that do not overlap",
          "[query][operators]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("Touch", "alpha beta gamma delta\n").document.id;
    const Id a = p.add_code("A").id;
    const Id b = p.add_code("B").id;
    p.add_code("Unused");
    const Id sam = p.ensure_coder("Sam").id;
    p.apply_code(doc, a, sam, 0, 10);   // "alpha beta"
    p.apply_code(doc, b, sam, 10, 16);  // " gamma": touches A, shares no character
    Engine engine(p);
    CHECK(engine.evaluate("code:A OVERLAPS code:B").empty());
    CHECK(engine.evaluate("code:A AND code:B").empty());
    CHECK(as_segs(engine.evaluate("code:A OR code:B")) == std::vector<Seg>{{doc, 0, 16}});
    CHECK(as_segs(engine.evaluate("code:A NEAR/0 code:B")) == std::vector<Seg>{{doc, 0, 10}});
    CHECK(as_segs(engine.evaluate("code:A BEFORE/0 code:B")) == std::vector<Seg>{{doc, 0, 10}});
    CHECK(engine.evaluate("code:B BEFORE/5 code:A").empty());
    CHECK(engine.evaluate("code:A OVERLAPS code:Unused").empty());
    CHECK(engine.evaluate("code:Unused OR code:Unused").empty());
    CHECK(as_segs(engine.evaluate("code:A NOT code:Unused")) == std::vector<Seg>{{doc, 0, 10}});
}

TEST_CASE("co-occurrence counts the same when its documents are shared between two threads",
          "[query][operators][cooccur]") {
    namespace d = quire::query::detail;
    using R = quire::query::Node::Relation;
    for (unsigned seed = 50; seed <= 55; ++seed) {
        World w;
        fill(w, seed);
        std::vector<d::Spans> sources;
        d::CodingStore store;
        store.refresh(w.project);
        for (const auto& [path, id] : w.codes) {
            sources.push_back(store.passages({id}, {}));
        }
        d::Layouts layouts;
        for (const R by : {R::Overlaps, R::SamePara, R::SameTurn, R::SameDoc, R::Near}) {
            const d::CooccurSweep one =
                d::sweep_cooccurrence(w.project, layouts, sources, by, 2, true, SIZE_MAX);
            const d::CooccurSweep two =
                d::sweep_cooccurrence(w.project, layouts, sources, by, 2, true, 0);
            INFO("seed " << seed << " relation " << static_cast<int>(by));
            CHECK(one.with == two.with);
            CHECK(one.pairs == two.pairs);
            CHECK(one.distorted == two.distorted);
            CHECK(one.drill == two.drill);
        }
    }
}
