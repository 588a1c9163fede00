// SPDX-License-Identifier: GPL-3.0-or-later
// Growth of search costs with the size of one input (see search_scaling.h). Each case runs
// at three sizes, 1x, 4x and 16x: a cost that grows linearly takes about 16 times as long at
// 16x, one that grows with the square about 256 times.
#include "bench/search_scaling.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "bench/corpus.h"
#include "bench/process.h"
#include "core/project/project.h"
#include "search/search.h"
#include "search/tokenizer.h"

namespace bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The median of up to `runs` runs of `fn`, in ms. A run of more than a second is not
// repeated, and none starts after 3 s in all: the slow cases before a fix take minutes.
double median_ms(int runs, const std::function<void()>& fn) {
    std::vector<double> ms;
    const auto budget = Clock::now();
    for (int r = 0; r < runs; ++r) {
        const auto start = Clock::now();
        fn();
        ms.push_back(ms_since(start));
        if (ms.back() > 1000 || ms_since(budget) > 3000) {
            break;
        }
    }
    std::sort(ms.begin(), ms.end());
    return ms[(ms.size() - 1) / 2];
}

void print_header() {
    std::printf("%-62s %11s %11s %11s %8s\n", "growth, ms", "1x", "4x", "16x", "16x/1x");
}

void print_row(const std::string& what, const std::vector<double>& ms) {
    std::printf("%-62s %11.1f %11.1f %11.1f %8.1f\n", what.c_str(), ms[0], ms[1], ms[2],
                ms[2] / std::max(ms[0], 0.001));
    std::fflush(stdout);
}

// One paragraph of `chars` characters of ten common words: "risk" and "family" each make a
// tenth of it, so NEAR has tens of thousands of candidates on each side.
std::string dense_paragraph(std::size_t chars, unsigned seed) {
    static const char* const kWords[] = {"risk", "family", "school", "trust",  "the",
                                         "and",  "of",     "child",  "worker", "plan"};
    std::mt19937 random(seed);
    std::string out;
    out.reserve(chars + 8);
    while (out.size() < chars) {
        if (!out.empty()) {
            out += ' ';
        }
        out += kWords[random() % 10];
    }
    return out;
}

std::string repeated(const std::string& unit, std::size_t chars) {
    std::string out;
    out.reserve(chars + unit.size());
    while (out.size() < chars) {
        out += unit;
    }
    out.resize(chars);
    return out;
}

// A pseudo-word of the OR corpus: "v<rank>x<letter>", all distinct.
std::string pseudo_word(std::size_t rank) {
    return "v" + std::to_string(rank) + "x" + static_cast<char>('a' + rank % 10);
}

// `documents` transcripts of `words` words in lines of 40, drawn from 60,000 pseudo-words
// with Zipf-like frequencies (weight 1 / (rank + 10)).
std::vector<std::string> or_corpus(int documents, int words) {
    constexpr double kVocabulary = 60000;
    std::mt19937_64 random(4);
    std::vector<std::string> out;
    for (int d = 0; d < documents; ++d) {
        std::string text;
        for (int w = 0; w < words; ++w) {
            const double u = static_cast<double>(random() >> 11) * 0x1.0p-53;
            const auto rank =
                static_cast<std::size_t>(10 * std::exp(u * std::log((kVocabulary + 10) / 10)) - 10);
            text += pseudo_word(std::min<std::size_t>(rank, 59999));
            text += (w % 40 == 39) ? '\n' : ' ';
        }
        out.push_back(std::move(text));
    }
    return out;
}

// "a OR b OR ..." of `n` distinct words of the first half of the vocabulary, or of `n`
// prefixes "v<k>*" (k from 600 to 5,999: each matches about 11 words).
std::string or_query(std::size_t n, bool wildcards) {
    std::mt19937 random(5);
    std::vector<std::size_t> ranks(wildcards ? 5400 : 30000);
    for (std::size_t i = 0; i < ranks.size(); ++i) {
        ranks[i] = wildcards ? 600 + i : i;
    }
    for (std::size_t i = 0; i < n; ++i) {
        std::swap(ranks[i], ranks[i + random() % (ranks.size() - i)]);
    }
    std::string q;
    for (std::size_t i = 0; i < n; ++i) {
        q += (i ? " OR " : "") +
             (wildcards ? "v" + std::to_string(ranks[i]) + "*" : pseudo_word(ranks[i]));
    }
    return q;
}

// A page of 50 hits; with `count_all`, every hit counted as well (what --count does).
std::size_t count_hits(quire::search::Index& index, const std::string& query,
                       bool count_all = true) {
    quire::search::SearchRequest request;
    request.query = query;
    request.limit = 50;
    request.count_all = count_all;
    const auto results = index.search(request);
    return results.total_hits.value_or(results.hits.size());
}

void remove_project(const std::string& p) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        fs::remove(p + suffix);
    }
}

// NEAR/5 between two words that each make a tenth of one paragraph of 0.4, 1.6 and 6.4
// million characters, every hit counted.
void near_in_one_paragraph(const std::string& folder, int runs) {
    const std::string path = folder + "/near.quire";
    remove_project(path);
    quire::Project project = quire::Project::create(path, "near");
    const std::size_t sizes[] = {400000, 1600000, 6400000};
    for (int i = 0; i < 3; ++i) {
        project.add_document("near-" + std::to_string(i), dense_paragraph(sizes[i], 7));
    }
    quire::search::IndexOptions options;
    options.folder = folder + "/near-index";
    fs::remove_all(options.folder);
    quire::search::Index index(project, options);
    std::vector<double> ms;
    std::size_t hits = 0;
    for (int i = 0; i < 3; ++i) {
        const std::string q = "risk NEAR/5 family doc:near-" + std::to_string(i);
        ms.push_back(median_ms(runs, [&] { hits = count_hits(index, q); }));
    }
    print_row("NEAR/5 in one paragraph of 0.4/1.6/6.4 M characters", ms);
    std::printf("  (%zu hits at 16x)\n", hits);
}

// `code apply --match` and `search --apply-code`, whole quire-cli processes, on a transcript
// of 0.1, 0.4 and 1.6 million characters: 6,250, 25,000 and 100,000 occurrences of "risk".
void coding_every_occurrence(const std::string& cli, const std::string& folder, int runs) {
    const std::string path = folder + "/match.quire";
    const std::string log = folder + "/commands.log";
    remove_project(path);
    run_process({cli, "new", path}, "/dev/null", log);
    const std::size_t sizes[] = {100000, 400000, 1600000};
    std::vector<std::string> files;
    for (int i = 0; i < 3; ++i) {
        files.push_back(folder + "/match-" + std::to_string(i) + ".txt");
        std::ofstream(files.back(), std::ios::binary) << repeated("risk and family ", sizes[i]);
    }
    std::vector<std::string> import = {cli, "import", path};
    import.insert(import.end(), files.begin(), files.end());
    run_process(import, "/dev/null", log);
    run_process({cli, "code", "add", path, "C"}, "/dev/null", log);
    int coder = 0;  // a new coder each run, so that every coding is new
    std::vector<double> match;
    std::vector<double> apply;
    for (int i = 0; i < 3; ++i) {
        const std::string doc = "match-" + std::to_string(i);
        match.push_back(median_ms(runs, [&] {
            run_process({cli, "code", "apply", path, "--doc", doc, "--code", "C", "--coder",
                         "m" + std::to_string(++coder), "--match", "risk"},
                        "/dev/null", log);
        }));
        apply.push_back(median_ms(runs, [&] {
            run_process({cli, "search", path, "risk doc:" + doc, "--apply-code", "C", "--as",
                         "s" + std::to_string(++coder)},
                        "/dev/null", log);
        }));
    }
    print_row("quire-cli code apply --match, 0.1/0.4/1.6 M characters", match);
    print_row("quire-cli search --apply-code, the same transcripts", apply);
}

// `search --count` on the same transcripts once each occurrence of "risk" is coded: as
// many codings as hits, each hit inside one, counted per code.
void counting_codes(const std::string& cli, const std::string& folder, int runs) {
    const std::string path = folder + "/count.quire";
    const std::string log = folder + "/commands.log";
    remove_project(path);
    run_process({cli, "new", path}, "/dev/null", log);
    std::vector<std::string> import = {cli, "import", path};
    for (int i = 0; i < 3; ++i) {
        import.push_back(folder + "/match-" + std::to_string(i) + ".txt");
    }
    run_process(import, "/dev/null", log);
    run_process({cli, "code", "add", path, "C"}, "/dev/null", log);
    std::vector<double> ms;
    for (int i = 0; i < 3; ++i) {
        const std::string doc = "match-" + std::to_string(i);
        run_process({cli, "code", "apply", path, "--doc", doc, "--code", "C", "--coder", "Ann",
                     "--match", "risk"},
                    "/dev/null", log);
        ms.push_back(median_ms(runs, [&] {
            run_process({cli, "search", path, "risk doc:" + doc, "--count", "--limit", "1"},
                        "/dev/null", log);
        }));
    }
    print_row("quire-cli search --count, each hit coded (hits per code)", ms);
}

// OR of many words and of many wildcards over 200 transcripts of 10,000 words (60,000
// distinct pseudo-words), every hit counted.
void or_of_many(const std::string& folder, int runs) {
    const std::string path = folder + "/or.quire";
    remove_project(path);
    quire::Project project = quire::Project::create(path, "or");
    const std::vector<std::string> texts = or_corpus(200, 10000);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        project.add_document("or-" + std::to_string(i), texts[i]);
    }
    quire::search::IndexOptions options;
    options.folder = folder + "/or-index";
    fs::remove_all(options.folder);
    quire::search::Index index(project, options);
    for (const bool wildcards : {false, true}) {
        const std::size_t base = wildcards ? 125 : 625;
        std::vector<double> counted;
        std::vector<double> page;
        std::vector<std::size_t> hits;
        for (const std::size_t n : {base, base * 4, base * 16}) {
            const std::string q = or_query(n, wildcards);
            counted.push_back(median_ms(runs, [&] { hits.push_back(count_hits(index, q)); }));
            page.push_back(median_ms(runs, [&] { count_hits(index, q, false); }));
        }
        print_row(wildcards ? "OR of 125/500/2,000 wildcards (11 words each), every hit"
                            : "OR of 625/2,500/10,000 words, every hit counted",
                  counted);
        print_row("  the same, first page of 50 only", page);
        std::printf("  (%zu hits at 16x)\n", hits.back());
    }
}

// Millions of words (by whitespace) per second through Tokenizer::tokenize.
double tokenizer_speed(const std::vector<std::string>& texts, std::uint64_t words) {
    quire::search::Tokenizer tokenizer;
    std::uint64_t found = 0;
    const double ms = median_ms(3, [&] {
        for (const std::string& text : texts) {
            tokenizer.tokenize(text, [&](const quire::search::Word&) { ++found; });
        }
    });
    return static_cast<double>(words) / ms / 1000;
}

// The benchmark corpus, and the same with a diacritic or a letter that does not decompose
// in most words (l -> ł, o -> ø, e -> ę, z -> ż, c -> č), so that most words take ICU's path.
void tokenizer_throughput() {
    const Corpus corpus = generate_corpus(200);
    std::vector<std::string> accented;
    for (const std::string& text : corpus.texts) {
        std::string out;
        out.reserve(text.size() * 5 / 4);
        for (const char c : text) {
            switch (c) {
                case 'l':
                    out += "\u0142";
                    break;
                case 'o':
                    out += "\u00F8";
                    break;
                case 'e':
                    out += "\u0119";
                    break;
                case 'z':
                    out += "\u017C";
                    break;
                case 'c':
                    out += "\u010D";
                    break;
                default:
                    out += c;
            }
        }
        accented.push_back(std::move(out));
    }
    std::printf(
        "tokenizer, million words/s (200 transcripts, %.2f million words): plain %.2f, "
        "diacritics in most words %.2f\n",
        static_cast<double>(corpus.words) / 1e6, tokenizer_speed(corpus.texts, corpus.words),
        tokenizer_speed(accented, corpus.words));
}

}  // namespace

int run_scaling(const std::string& cli, const std::string& work, int runs) {
    const std::string folder = work + "/scaling";
    fs::create_directories(folder);
    setenv("XDG_CACHE_HOME", (folder + "/cache").c_str(), 1);  // for the quire-cli runs
    // For one case alone: SEARCH_BENCH_ONLY=tokenizer, near, coding or or.
    const char* only = std::getenv("SEARCH_BENCH_ONLY");
    auto wanted = [&](const char* name) { return only == nullptr || std::string(only) == name; };
    if (wanted("tokenizer")) {
        tokenizer_throughput();
    }
    print_header();
    if (wanted("near")) {
        near_in_one_paragraph(folder, runs);
    }
    if (wanted("coding")) {
        coding_every_occurrence(cli, folder, runs);
        counting_codes(cli, folder, runs);
    }
    if (wanted("or")) {
        or_of_many(folder, runs);
    }
    return 0;
}

}  // namespace bench
