// SPDX-License-Identifier: GPL-3.0-or-later
// Coding queries, matrices and co-occurrence on a generated project of 1,000,000 codings
// (1,000 documents, 5 coders, 50 codes): Quire's engine in process against an in-memory
// sweep written here, and the whole quire-cli commands. Usage:
//   query_bench [--documents N=1000] [--codes N=50] [--coders N=5] [--per N=200]
//               [--cli PATH/TO/quire-cli] [--keep FILE.quire] [--runs N=7]
// --per is the codings of each coder in each document. With --keep an existing file is
// reused (delete it to generate again).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/project/project.h"
#include "core/query/query.h"

namespace {

using Clock = std::chrono::steady_clock;
using quire::CodingRow;
using quire::Id;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

template <typename F>
double median_ms(int runs, F&& f) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        f();
        times.push_back(ms_since(start));
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

struct Settings {
    int documents = 1000;
    int codes = 50;
    int coders = 5;
    int per = 200;
    int runs = 7;
    std::string cli;
    std::string keep;
};

const char* const kRoles[] = {"staff", "referrer", "young person"};

// Transcript-like filler: words and paragraphs, a unique first line.
std::string filler(int document, std::int64_t length) {
    std::string text = "Interview " + std::to_string(document) + "\n";
    static const char* const words[] = {"we",     "worked", "with", "the",  "family", "and",
                                        "school", "on",     "a",    "plan", "for",    "safety"};
    int w = document;
    while (static_cast<std::int64_t>(text.size()) < length) {
        text += words[w++ % 12];
        text += w % 97 == 0 ? "\n" : " ";
    }
    text.resize(static_cast<std::size_t>(length));
    return text;
}

void write_project(const Settings& s, const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix);
    }
    const auto start = Clock::now();
    quire::Project p = quire::Project::create(path, "query bench");
    std::vector<Id> codes;
    std::vector<Id> coders;
    {
        quire::Project::Action action(p);
        for (int c = 0; c < s.codes; ++c) {
            codes.push_back(p.add_code("code " + std::to_string(c)).id);
        }
        for (int c = 0; c < s.coders; ++c) {
            coders.push_back(p.ensure_coder("coder " + std::to_string(c)).id);
        }
        action.commit();
    }
    std::mt19937_64 random(20261203);
    const std::int64_t length = 65000;  // about an interview of 11,500 words
    for (int d = 0; d < s.documents; ++d) {
        quire::Project::Action action(p);
        const Id doc =
            p.add_document("interview " + std::to_string(d), filler(d, length)).document.id;
        p.set_document_attribute(doc, "role", kRoles[d % 3]);
        // Each coder codes `per` passages; most are the first coder's passage with its edges
        // moved, as coders of one codebook do.
        std::vector<std::pair<int, quire::TextRange>> first;
        for (int k = 0; k < s.per; ++k) {
            const std::int64_t a = static_cast<std::int64_t>(random() % (length - 700));
            first.push_back({static_cast<int>(random() % static_cast<unsigned>(s.codes)),
                             {a, a + 50 + static_cast<std::int64_t>(random() % 600)}});
        }
        for (int c = 0; c < s.coders; ++c) {
            std::map<int, std::vector<quire::TextRange>> by_code;
            for (const auto& [code, r] : first) {
                quire::TextRange mine = r;
                int chosen = code;
                if (c > 0) {
                    if (random() % 100 < 25) {
                        chosen = static_cast<int>(random() % static_cast<unsigned>(s.codes));
                    }
                    mine.start = std::max<std::int64_t>(
                        0, r.start - 20 + static_cast<std::int64_t>(random() % 40));
                    mine.end = std::max(mine.start + 10,
                                        r.end - 20 + static_cast<std::int64_t>(random() % 40));
                }
                by_code[chosen].push_back(mine);
            }
            for (const auto& [code, ranges] : by_code) {
                p.apply_code_ranges(doc, codes[static_cast<std::size_t>(code)],
                                    coders[static_cast<std::size_t>(c)], ranges);
            }
        }
        action.commit();
    }
    std::printf("project written in %.1f s (%s)\n", ms_since(start) / 1000, path.c_str());
}

// --- the benchmark's own in-memory sweep: codings by document and code, ranges sorted ---

struct Sweep {
    // [document][code] -> distinct ranges by start
    std::map<Id, std::map<Id, std::vector<quire::TextRange>>> ranges;

    explicit Sweep(const std::vector<CodingRow>& rows) {
        for (const CodingRow& r : rows) {
            ranges[r.document][r.code].push_back({r.start, r.end});
        }
        for (auto& [doc, codes] : ranges) {
            for (auto& [code, list] : codes) {
                std::sort(list.begin(), list.end());
                list.erase(std::unique(list.begin(), list.end()), list.end());
            }
        }
    }

    static std::vector<quire::TextRange> merged(const std::vector<quire::TextRange>& l) {
        return quire::merge_ranges(l);
    }

    // Passages of a that overlap some b.
    std::size_t overlaps(Id a, Id b) const {
        std::size_t n = 0;
        for (const auto& [doc, codes] : ranges) {
            const auto x = codes.find(a);
            const auto y = codes.find(b);
            if (x == codes.end() || y == codes.end()) {
                continue;
            }
            const auto mb = merged(y->second);
            std::size_t j = 0;
            for (const quire::TextRange& r : x->second) {
                while (j < mb.size() && mb[j].end <= r.start) {
                    ++j;
                }
                n += j < mb.size() && mb[j].start < r.end ? 1 : 0;
            }
        }
        return n;
    }

    std::size_t and_three(Id a, Id b, Id c, const std::vector<Id>& documents) const {
        std::size_t n = 0;
        for (const Id d : documents) {
            const auto codes = ranges.find(d);
            if (codes == ranges.end()) {
                continue;
            }
            std::vector<quire::TextRange> acc;
            bool first = true;
            for (const Id code : {a, b, c}) {
                const auto it = codes->second.find(code);
                const auto m = it == codes->second.end() ? std::vector<quire::TextRange>{}
                                                         : merged(it->second);
                acc = first ? m : quire::intersect_ranges(acc, m);
                first = false;
            }
            n += acc.size();
        }
        return n;
    }

    std::size_t matrix_cells() const {
        std::size_t n = 0;
        for (const auto& [doc, codes] : ranges) {
            for (const auto& [code, list] : codes) {
                n += list.size();
            }
        }
        return n;
    }

    // For every pair of codes: passages of one that overlap a passage of the other.
    std::size_t cooccurrence(std::size_t codes_count) const {
        std::vector<std::size_t> counts(codes_count * codes_count, 0);
        struct Item {
            quire::TextRange r;
            std::size_t code;
        };
        std::vector<Item> items;
        std::vector<std::size_t> active;
        std::vector<char> met(codes_count);
        for (const auto& [doc, codes] : ranges) {
            items.clear();
            for (const auto& [code, list] : codes) {
                for (const auto& r : list) {
                    items.push_back({r, static_cast<std::size_t>(code) % codes_count});
                }
            }
            std::sort(items.begin(), items.end(),
                      [](const Item& x, const Item& y) { return x.r.start < y.r.start; });
            // Each item meets the active items that started before it and the later ones
            // that start before it ends: count both directions from the earlier item.
            std::vector<std::vector<std::size_t>> meets(items.size());
            active.clear();
            for (std::size_t i = 0; i < items.size(); ++i) {
                active.erase(std::remove_if(
                                 active.begin(), active.end(),
                                 [&](std::size_t a) { return items[a].r.end <= items[i].r.start; }),
                             active.end());
                for (const std::size_t a : active) {
                    meets[a].push_back(items[i].code);
                    meets[i].push_back(items[a].code);
                }
                active.push_back(i);
            }
            for (std::size_t i = 0; i < items.size(); ++i) {
                std::fill(met.begin(), met.end(), 0);
                for (const std::size_t c : meets[i]) {
                    if (!met[c] && c != items[i].code) {
                        met[c] = 1;
                        ++counts[items[i].code * codes_count + c];
                    }
                }
            }
        }
        std::size_t total = 0;
        for (const std::size_t c : counts) {
            total += c;
        }
        return total;
    }
};

std::size_t cell_total(const quire::query::Matrix& m) {
    std::size_t n = 0;
    for (const auto& row : m.cells) {
        for (const auto& c : row) {
            n += static_cast<std::size_t>(c.count);
        }
    }
    return n;
}

void time_cli(const Settings& s, const std::string& path) {
    const std::string p = "'" + path + "'";
    const std::pair<const char*, std::string> commands[] = {
        {"query OVERLAPS --count",
         "query " + p + " 'code:\"code 1\" OVERLAPS code:\"code 2\"' --count"},
        {"query AND of three, role:referrer --count",
         "query " + p +
             " 'code:\"code 1\" AND code:\"code 2\" AND code:\"code 3\" AND role:referrer' "
             "--count"},
        {"matrix codes x documents", "matrix " + p + " --rows codes --cols documents --json"},
        {"cooccur (50 x 50)", "cooccur " + p + " --json"},
    };
    for (const auto& [what, arguments] : commands) {
        const std::string command = s.cli + " " + arguments + " > /dev/null";
        const double whole = median_ms(s.runs, [&] {
            if (std::system(command.c_str()) != 0) {
                std::fprintf(stderr, "quire-cli failed: %s\n", command.c_str());
                std::exit(1);
            }
        });
        std::printf("quire-cli %s, whole process: %.1f ms\n", what, whole);
    }
}

}  // namespace

int main(int argc, char** argv) {
    Settings s;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const std::string v = argv[i + 1];
        if (a == "--documents") {
            s.documents = std::stoi(v);
        } else if (a == "--codes") {
            s.codes = std::stoi(v);
        } else if (a == "--coders") {
            s.coders = std::stoi(v);
        } else if (a == "--per") {
            s.per = std::stoi(v);
        } else if (a == "--runs") {
            s.runs = std::stoi(v);
        } else if (a == "--cli") {
            s.cli = v;
        } else if (a == "--keep") {
            s.keep = v;
        } else {
            std::fprintf(stderr, "unknown option %s\n", a.c_str());
            return 2;
        }
    }
    const std::string path =
        s.keep.empty() ? (std::filesystem::temp_directory_path() / "query_bench.quire").string()
                       : s.keep;
    if (s.keep.empty() || !std::filesystem::exists(path)) {
        write_project(s, path);
    }
    quire::Project p = quire::Project::open(path);
    const double scan = median_ms(3, [&] { p.all_coding_rows(); });
    std::printf("reading every coding from the file: %.1f ms\n", scan);
    quire::query::Engine engine(p);
    const auto load_start = Clock::now();
    engine.evaluate("code:\"code 0\"");
    std::printf("%zu codings; structure read on open: %.1f ms\n", engine.codings_loaded(),
                ms_since(load_start));
    const Sweep sweep(p.all_coding_rows());
    const Id c1 = p.find_code("code 1").id;
    const Id c2 = p.find_code("code 2").id;
    const Id c3 = p.find_code("code 3").id;
    std::vector<Id> referrers;
    for (const auto& a : p.attribute_assignments("role")) {
        if (a.document && a.value == "referrer") {
            referrers.push_back(*a.document);
        }
    }
    std::sort(referrers.begin(), referrers.end());

    std::size_t ours = 0, theirs = 0;
    double q = median_ms(
        s.runs, [&] { ours = engine.evaluate("code:\"code 1\" OVERLAPS code:\"code 2\"").size(); });
    double b = median_ms(s.runs, [&] { theirs = sweep.overlaps(c1, c2); });
    std::printf("OVERLAPS of two codes: %.2f ms (sweep %.2f ms; %zu passages, sweep %zu)\n", q, b,
                ours, theirs);

    q = median_ms(s.runs, [&] {
        ours = engine
                   .evaluate(
                       "code:\"code 1\" AND code:\"code 2\" AND code:\"code 3\" AND role:referrer")
                   .size();
    });
    b = median_ms(s.runs, [&] { theirs = sweep.and_three(c1, c2, c3, referrers); });
    std::printf(
        "AND of three codes, role:referrer: %.2f ms (sweep %.2f ms; %zu passages, sweep %zu)\n", q,
        b, ours, theirs);

    quire::query::MatrixRequest m;
    m.rows = quire::query::parse_axis("codes");
    m.cols = quire::query::parse_axis("documents");
    q = median_ms(s.runs, [&] { ours = cell_total(engine.matrix(m)); });
    b = median_ms(s.runs, [&] { theirs = sweep.matrix_cells(); });
    std::printf(
        "matrix %d codes x %d documents: %.1f ms (sweep %.1f ms; %zu passages, sweep %zu)\n",
        s.codes, s.documents, q, b, ours, theirs);

    quire::query::CooccurRequest co;
    quire::query::Cooccurrence result;
    q = median_ms(s.runs, [&] { result = engine.cooccur(co); });
    b = median_ms(s.runs,
                  [&] { theirs = sweep.cooccurrence(static_cast<std::size_t>(s.codes) + 1); });
    ours = 0;
    for (std::size_t i = 0; i < result.matrix.size(); ++i) {
        for (std::size_t j = 0; j < result.matrix.size(); ++j) {
            ours += i == j ? 0 : static_cast<std::size_t>(result.matrix[i][j]);
        }
    }
    std::printf("co-occurrence %zu x %zu: %.1f ms (sweep %.1f ms; %zu, sweep %zu)\n",
                result.codes.size(), result.codes.size(), q, b, ours, theirs);
    if (!s.cli.empty()) {
        time_cli(s, path);
    }
    return 0;
}
