// SPDX-License-Identifier: GPL-3.0-or-later
// Full-text search on a generated corpus of interview transcripts: import and indexing
// throughput of quire-cli, index size, warm query latency of quire::search::Index against
// Xapian used the plain way (bench/raw_xapian.cpp), and the first query of a new process.
// Usage:
//   search_bench [TRANSCRIPTS=1000] [--cli PATH/TO/quire-cli] [--work FOLDER]
//                [--words WORDS_PER_TRANSCRIPT=11500] [--runs 20] [--verbose]
//   search_bench --scaling [--cli PATH/TO/quire-cli] [--work FOLDER] [--runs N]
//                (growth with the size of one input: bench/search_scaling.h)
// The work folder (default /tmp/quire-search-bench) gets the .txt files, two project files,
// the raw Xapian databases and cache/ (XDG_CACHE_HOME of every command, so Quire's index
// goes there).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bench/corpus.h"
#include "bench/process.h"
#include "bench/raw_xapian.h"
#include "bench/search_scaling.h"
#include "core/project/project.h"
#include "search/search.h"
#include "search/tokenizer.h"

namespace {

namespace fs = std::filesystem;
using bench::ProcessRun;
using bench::run_process;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::uint64_t json_number(const std::string& json, const std::string& key) {
    const std::size_t at = json.find("\"" + key + "\"");
    if (at == std::string::npos) {
        return 0;
    }
    const std::size_t digit = json.find_first_of("0123456789", at + key.size() + 2);
    return digit == std::string::npos ? 0 : std::strtoull(json.c_str() + digit, nullptr, 10);
}

std::string json_string(const std::string& json, const std::string& key) {
    const std::size_t at = json.find("\"" + key + "\"");
    if (at == std::string::npos) {
        return "";
    }
    const std::size_t open = json.find('"', json.find(':', at) + 1);
    const std::size_t close = json.find('"', open + 1);
    return open == std::string::npos || close == std::string::npos
               ? ""
               : json.substr(open + 1, close - open - 1);
}

// "position 91.6, termlist 24.4, ..." (MB per Xapian table, largest first).
std::string table_sizes(const std::string& folder) {
    std::vector<std::pair<std::uintmax_t, std::string>> tables;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        if (e.path().extension() == ".glass") {
            tables.emplace_back(e.file_size(ec), e.path().stem().string());
        }
    }
    std::sort(tables.rbegin(), tables.rend());
    std::string out;
    for (const auto& [bytes, name] : tables) {
        char part[64];
        std::snprintf(part, sizeof part, "%s%s %.1f", out.empty() ? "" : ", ", name.c_str(),
                      static_cast<double>(bytes) / 1e6);
        out += part;
    }
    return out;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
    return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

struct QueryClass {
    std::string name;
    std::vector<std::string> queries;
    double target_ms = 0;  // 0: no target
};

struct Timing {
    std::vector<double> ms;       // every timed run of every query of the class
    std::size_t fewest_hits = 0;  // on the first page, the query with the fewest
    std::size_t runs = 0;
    double slowest_median = 0;  // the median of the slowest query of the class
};

// One warm-up, then up to `runs` timed runs per query (fewer when a query is slow).
Timing time_class(const QueryClass& c, int runs, bool verbose, const char* who,
                  const std::function<std::size_t(const std::string&)>& search) {
    Timing t;
    t.fewest_hits = static_cast<std::size_t>(-1);
    for (const std::string& q : c.queries) {
        const std::size_t hits = search(q);
        t.fewest_hits = std::min(t.fewest_hits, hits);
        std::vector<double> mine;
        const auto budget = Clock::now();
        for (int r = 0; r < runs; ++r) {
            const auto start = Clock::now();
            search(q);
            mine.push_back(ms_since(start));
            if (r >= 2 && ms_since(budget) > 3000) {
                break;
            }
        }
        if (verbose) {
            std::printf("    %-6s %-48s hits %3zu  median %8.3f ms  p95 %8.3f ms  (%zu runs)\n",
                        who, q.substr(0, 48).c_str(), hits, percentile(mine, 0.5),
                        percentile(mine, 0.95), mine.size());
        }
        t.slowest_median = std::max(t.slowest_median, percentile(mine, 0.5));
        t.runs += mine.size();
        t.ms.insert(t.ms.end(), mine.begin(), mine.end());
    }
    return t;
}

const char* verdict(bool met) {
    return met ? "met" : "NOT met";
}

// Warm queries in this process: ours through the library, raw Xapian on its own database.
void warm_queries(const bench::Corpus& corpus, quire::search::Index& index,
                  const std::string& raw_transcripts, int runs, bool verbose) {
    // 5. Queries, warm, in this process.
    auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
    std::vector<QueryClass> classes = {
        {"common word", {"risk", "family", "school", "trust"}, 1},
        {"rare word", corpus.rare_words, 1},
        {"AND, two words",
         {"risk family", "consent referral", "trust network", "practitioner uncertainty"},
         1},
        {"OR",
         {"exploitation OR consent", "referral OR network", "uncertainty OR safeguarding"},
         1},
        {"phrase, two words",
         {quoted("young person"), quoted("social worker"), quoted("strategy meeting"),
          quoted("the family")},
         1},
        {"phrase, 4-6 words",
         {quoted("at the end of the day"), quoted("I think the main thing is")},
         5},
        {"NEAR/5",
         {"risk NEAR/5 family", "trust NEAR/5 school", "consent NEAR/5 practitioner",
          "exploitation NEAR/5 network"},
         5},
        {"narrow wildcard", {"safeguard*", "exploit*", "practition*", "referr*"}, 0},
        {"broad wildcard", {"s*", "co*", "re*", "de*"}, 25},
        {"accents left out", {"cafe", "naive", "zoe", "resume"}, 1},
    };
    for (const std::string& p : corpus.long_phrases) {
        classes[5].queries.push_back(quoted(p));
    }
    if (const char* only = std::getenv("SEARCH_BENCH_ONLY")) {
        // For profiling one class: SEARCH_BENCH_ONLY="phrase, two words".
        classes.erase(std::remove_if(classes.begin(), classes.end(),
                                     [&](const QueryClass& c) { return c.name != only; }),
                      classes.end());
    }

    auto quire_search = [&](const std::string& q) {
        quire::search::SearchRequest request;
        request.query = q;
        request.limit = 50;
        return index.search(request).hits.size();
    };
    std::vector<Timing> ours;
    std::vector<Timing> theirs;
    if (verbose) {
        std::printf("per query (hits: on the first page of 50; raw Xapian counts documents):\n");
    }
    for (const QueryClass& c : classes) {
        ours.push_back(time_class(c, runs, verbose, "quire", quire_search));
    }
    if (raw_transcripts.empty()) {
        theirs.resize(classes.size());  // --quire-only: for profiling our side alone
    } else {
        bench::RawSearcher raw(raw_transcripts);
        for (const QueryClass& c : classes) {
            theirs.push_back(time_class(c, runs, verbose, "raw",
                                        [&](const std::string& q) { return raw.search(q, 50); }));
        }
    }
    std::printf("%-50s %-26s %-26s\n", "", "---------- quire ---------",
                "------- raw Xapian -------");
    std::printf("%-23s %-26s %8s %8s %8s %8s %8s %8s %6s %-7s %s\n", "warm queries, ms", "e.g.",
                "median", "p95", "slowest", "median", "p95", "slowest", "target", "", "hits");
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const QueryClass& c = classes[i];
        const double median = percentile(ours[i].ms, 0.5);
        std::string example = c.queries.empty() ? "" : c.queries[0];
        if (example.size() > 26) {
            example = example.substr(0, 23) + "...";
        }
        char target[16] = "";
        if (c.target_ms > 0) {
            std::snprintf(target, sizeof target, "%g", c.target_ms);
        }
        std::printf("%-23s %-26s %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %6s %-7s %zu/%zu\n",
                    (c.name + " (" + std::to_string(c.queries.size()) + ")").c_str(),
                    example.c_str(), median, percentile(ours[i].ms, 0.95), ours[i].slowest_median,
                    percentile(theirs[i].ms, 0.5), percentile(theirs[i].ms, 0.95),
                    theirs[i].slowest_median, target,
                    c.target_ms > 0 ? verdict(ours[i].slowest_median <= c.target_ms) : "",
                    ours[i].fewest_hits, theirs[i].fewest_hits);
    }
    std::printf(
        "  median and p95 over every run of every query of the class (%d runs each after a "
        "warm-up);\n  slowest: the median of its slowest query, which the target is checked on; "
        "hits: the fewest\n  on the first page, quire (hits) / raw (documents)\n",
        runs);
}

int run_queries(const bench::Corpus& corpus, const std::string& project,
                const std::string& raw_transcripts, int runs, bool verbose) {
    quire::Project opened = quire::Project::open(project);
    quire::search::Index index(opened);
    warm_queries(corpus, index, raw_transcripts, runs, verbose);
    return 0;
}

struct Options {
    int transcripts = 1000;
    int words_per_transcript = 11500;
    int runs = 20;
    bool verbose = false;
    bool queries_only = false;  // reuse the work folder of an earlier full run
    bool quire_only = false;    // with --queries-only: no raw Xapian queries
    bool scaling = false;       // only the growth with input size
    std::string cli;
    std::string work;
};

// Nullopt (after printing the usage) when the arguments are not understood.
std::optional<Options> parse_options(int argc, char** argv) {
    Options o;
    o.cli = (fs::path(argv[0]).parent_path() / ".." / "app" / "cli" / "quire-cli").string();
    o.work = (fs::temp_directory_path() / "quire-search-bench").string();
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--cli" && i + 1 < argc) {
            o.cli = argv[++i];
        } else if (a == "--work" && i + 1 < argc) {
            o.work = argv[++i];
        } else if (a == "--words" && i + 1 < argc) {
            o.words_per_transcript = std::atoi(argv[++i]);
        } else if (a == "--runs" && i + 1 < argc) {
            o.runs = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--verbose") {
            o.verbose = true;
        } else if (a == "--queries-only") {
            o.queries_only = true;
        } else if (a == "--quire-only") {
            o.quire_only = true;
        } else if (a == "--scaling") {
            o.scaling = true;
        } else if (!a.empty() && a[0] != '-') {
            o.transcripts = std::max(1, std::atoi(a.c_str()));
        } else {
            std::fprintf(stderr,
                         "usage: search_bench [TRANSCRIPTS] [--cli QUIRE-CLI] [--work FOLDER] "
                         "[--words N] [--runs N] [--verbose] [--queries-only [--quire-only]]\n"
                         "       search_bench --scaling [--cli QUIRE-CLI] [--work FOLDER] "
                         "[--runs N]\n");
            return std::nullopt;
        }
    }
    o.cli = fs::absolute(o.cli).lexically_normal().string();
    o.work = fs::absolute(o.work).lexically_normal().string();
    return o;
}

// What this program writes in the work folder (and alone removes).
struct WorkFolder {
    explicit WorkFolder(const std::string& work)
        : texts(work + "/texts"),
          cache(work + "/cache"),
          project(work + "/search-bench.quire"),
          import_only(work + "/import-only.quire"),
          raw_paragraphs(work + "/raw-xapian-paragraphs"),
          raw_transcripts(work + "/raw-xapian-transcripts"),
          log(work + "/commands.log"),
          stats(work + "/index-stats.json") {}

    void clear() const {
        for (const std::string& p : {texts, cache, raw_paragraphs, raw_transcripts, log}) {
            fs::remove_all(p);
        }
        for (const std::string& p : {project, import_only}) {
            remove_project(p);
        }
    }

    static void remove_project(const std::string& p) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            fs::remove(p + suffix);
        }
    }

    std::string texts, cache, project, import_only, raw_paragraphs, raw_transcripts, log, stats;
};

ProcessRun add_runs(ProcessRun a, const ProcessRun& b) {
    a.seconds += b.seconds;
    a.cpu_seconds += b.cpu_seconds;
    a.max_rss_mb = std::max(a.max_rss_mb, b.max_rss_mb);
    return a;
}

struct ImportFigures {
    ProcessRun imported;         // new + import, indexing as it goes
    ProcessRun rebuilt;          // index --rebuild
    ProcessRun import_no_index;  // new + import --no-index
    std::uint64_t import_only_bytes = 0;
    std::size_t import_commands = 0;
    std::uint64_t index_bytes = 0;
    std::uint64_t text_bytes = 0;
    std::uint64_t indexed_words = 0;
    std::string index_folder;
};

// Import and index through quire-cli. The argument list is split only when the system could
// not take it whole (each part is then one import command).
ImportFigures measure_imports(const std::string& cli, const std::vector<std::string>& files,
                              const WorkFolder& w) {
    auto import_commands = [&](const std::string& target, bool index) {
        std::vector<std::vector<std::string>> commands;
        std::size_t bytes = 0;
        for (const std::string& f : files) {
            if (commands.empty() || bytes > 1000000) {
                commands.push_back({cli, "import", target});
                if (!index) {
                    commands.back().push_back("--no-index");
                }
                bytes = 0;
            }
            commands.back().push_back(f);
            bytes += f.size() + 1;
        }
        return commands;
    };
    auto run_all = [&](const std::vector<std::vector<std::string>>& commands) {
        ProcessRun total;
        for (const auto& c : commands) {
            total = add_runs(total, run_process(c, "/dev/null", w.log));
        }
        return total;
    };
    ImportFigures f;
    const auto full_import = import_commands(w.project, true);
    f.import_commands = full_import.size();
    f.imported = run_process({cli, "new", w.project}, "/dev/null", w.log);
    f.imported = add_runs(f.imported, run_all(full_import));
    f.rebuilt = run_process({cli, "index", w.project, "--rebuild"}, "/dev/null", w.log);
    f.import_no_index = run_process({cli, "new", w.import_only}, "/dev/null", w.log);
    const ProcessRun no_index_rest = run_all(import_commands(w.import_only, false));
    f.import_no_index.seconds += no_index_rest.seconds;
    f.import_no_index.cpu_seconds += no_index_rest.cpu_seconds;
    f.import_no_index.max_rss_mb = no_index_rest.max_rss_mb;
    f.import_only_bytes = fs::file_size(w.import_only);
    WorkFolder::remove_project(w.import_only);
    run_process({cli, "index", w.project, "--json"}, w.stats, w.log);
    const std::string stats = read_file(w.stats);
    f.index_bytes = json_number(stats, "index_bytes");
    f.text_bytes = json_number(stats, "text_bytes");
    f.indexed_words = json_number(stats, "words");
    f.index_folder = json_string(stats, "folder");
    return f;
}

struct BaselineFigures {
    double termgenerator_s = 0;
    std::uint64_t postings = 0;  // words found by Xapian's TermGenerator
    double tokenizer_s = 0;
    bench::RawIndexResult raw_paragraphs;
    bench::RawIndexResult raw_transcripts;
};

// Raw Xapian and the tokenizers alone.
BaselineFigures measure_baselines(const bench::Corpus& corpus, const WorkFolder& w) {
    BaselineFigures b;
    b.termgenerator_s = bench::raw_termgenerator_only(corpus.texts, b.postings);
    std::uint64_t our_words = 0;
    const auto start = Clock::now();
    {
        quire::search::Tokenizer tokenizer;
        for (const std::string& text : corpus.texts) {
            tokenizer.tokenize(text, [&](const quire::search::Word&) { ++our_words; });
        }
    }
    b.tokenizer_s = ms_since(start) / 1000;
    b.raw_paragraphs =
        bench::raw_xapian_index(corpus.texts, w.raw_paragraphs, bench::RawUnit::Paragraph);
    fs::remove_all(w.raw_paragraphs);
    b.raw_transcripts =
        bench::raw_xapian_index(corpus.texts, w.raw_transcripts, bench::RawUnit::Transcript);
    return b;
}

void print_index_table(const bench::Corpus& corpus, const ImportFigures& f,
                       const BaselineFigures& b, const WorkFolder& w) {
    const double words_m = static_cast<double>(corpus.words) / 1e6;
    const double text_mb = static_cast<double>(corpus.bytes) / 1e6;
    const double quire_text = f.text_bytes > 0 ? static_cast<double>(f.text_bytes) : corpus.bytes;
    std::printf("%-58s %7s %7s %9s %9s %7s\n", "import and index (cpu: user + sys of the process)",
                "wall s", "cpu s", "Mwords/s", "index MB", "x text");
    auto row = [&](const char* what, double wall, double cpu, double bytes, double text) {
        char cpu_s[16] = "";
        char mb[16] = "";
        char times[16] = "";
        if (cpu >= 0) {
            std::snprintf(cpu_s, sizeof cpu_s, "%.2f", cpu);
        }
        if (bytes >= 0) {
            std::snprintf(mb, sizeof mb, "%.1f", bytes / 1e6);
            std::snprintf(times, sizeof times, "%.2f", bytes / text);
        }
        std::printf("%-58s %7.2f %7s %9.2f %9s %7s\n", what, wall, cpu_s, words_m / wall, mb,
                    times);
    };
    row("quire-cli new + import (import, then index: end to end)", f.imported.seconds,
        f.imported.cpu_seconds, static_cast<double>(f.index_bytes), quire_text);
    row("quire-cli new + import --no-index (import only)", f.import_no_index.seconds,
        f.import_no_index.cpu_seconds, -1, 1);
    row("quire-cli index --rebuild (index only)", f.rebuilt.seconds, f.rebuilt.cpu_seconds,
        static_cast<double>(f.index_bytes), quire_text);
    row("raw Xapian, one document per paragraph (1 thread)", b.raw_paragraphs.seconds, -1,
        static_cast<double>(b.raw_paragraphs.bytes_on_disk), static_cast<double>(corpus.bytes));
    row("raw Xapian, one document per transcript (1 thread)", b.raw_transcripts.seconds, -1,
        static_cast<double>(b.raw_transcripts.bytes_on_disk), static_cast<double>(corpus.bytes));
    row("Xapian TermGenerator alone, no database (1 thread)", b.termgenerator_s, -1, -1, 1);
    row("quire::search::Tokenizer alone (1 thread)", b.tokenizer_s, -1, -1, 1);
    std::printf(
        "  text %.1f MB; project file %.1f MB; %zu import command(s); peak RSS import %.0f MB, "
        "rebuild %.0f MB\n  words: %llu by whitespace, %llu indexed by Quire, %llu by "
        "TermGenerator; raw paragraph database: %llu documents\n",
        text_mb, static_cast<double>(f.import_only_bytes) / 1e6, f.import_commands,
        f.imported.max_rss_mb, f.rebuilt.max_rss_mb, static_cast<unsigned long long>(corpus.words),
        static_cast<unsigned long long>(f.indexed_words),
        static_cast<unsigned long long>(b.postings),
        static_cast<unsigned long long>(b.raw_paragraphs.documents));
    std::printf("  tables, MB: quire %s\n              raw Xapian per transcript %s\n\n",
                table_sizes(f.index_folder).c_str(), table_sizes(w.raw_transcripts).c_str());
    std::fflush(stdout);
}

// Where a query's time can go: each document with hits is read from the project.
void print_where_time_goes(quire::Project& opened, const bench::Corpus& corpus) {
    std::vector<double> listed;
    std::vector<quire::Document> documents;
    for (int r = 0; r < 5; ++r) {
        const auto t = Clock::now();
        const auto keys = opened.document_keys();
        listed.push_back(ms_since(t));
    }
    documents = opened.documents();
    std::vector<double> reads;
    std::vector<double> rows;
    for (std::size_t i = 0; i < documents.size() && i < 200; ++i) {
        auto t = Clock::now();
        const std::string text = opened.document_text(documents[i].id);
        reads.push_back(ms_since(t));
        t = Clock::now();
        const quire::Document row = opened.document(documents[i].id);
        rows.push_back(ms_since(t));
    }
    // Hit resolution tokenizes each paragraph with a hit again: 50 paragraphs of a
    // transcript, as for a page of 50 hits of a common word.
    std::vector<std::string_view> lines;
    const std::string& text = corpus.texts[0];
    for (std::size_t at = 0; at < text.size() && lines.size() < 50;) {
        const std::size_t lf = std::min(text.find('\n', at), text.size());
        lines.emplace_back(text.data() + at, lf - at);
        at = lf + 1;
    }
    quire::search::Tokenizer tokenizer;
    std::vector<double> tokenized;
    std::size_t words = 0;
    for (int r = 0; r < 21; ++r) {
        const auto t = Clock::now();
        words = 0;
        for (const std::string_view line : lines) {
            words += tokenizer.spans(line).size();
        }
        tokenized.push_back(ms_since(t));
    }
    std::printf(
        "  where time can go: Project::document_keys() %.2f ms (opening an Index calls it);"
        "\n  reading a whole document: Project::document_text %.3f ms, "
        "Project::document %.3f ms;\n  Tokenizer::spans on %zu whole paragraphs (%zu words; "
        "resolving hits reads only up to the hit) %.3f ms\n\n",
        percentile(listed, 0.5), percentile(reads, 0.5), percentile(rows, 0.5), lines.size(), words,
        percentile(tokenized, 0.5));
}

struct InProcessFigures {
    double open_project_ms = 0;
    double open_index_ms = 0;
    double first_search_ms = 0;  // of the rare word
};

// Opening and the first query in this process, then the warm queries and where time goes.
InProcessFigures in_process_queries(const bench::Corpus& corpus, const Options& o,
                                    const WorkFolder& w, const std::string& rare) {
    InProcessFigures f;
    auto start = Clock::now();
    quire::Project opened = quire::Project::open(w.project);
    f.open_project_ms = ms_since(start);
    start = Clock::now();
    quire::search::Index index(opened);
    f.open_index_ms = ms_since(start);
    start = Clock::now();
    quire::search::SearchRequest request;
    request.query = rare;
    request.limit = 50;
    index.search(request);
    f.first_search_ms = ms_since(start);
    warm_queries(corpus, index, w.raw_transcripts, o.runs, o.verbose);
    print_where_time_goes(opened, corpus);
    return f;
}

// Cold: a new process per query, once the index exists (the OS cache is warm). Returns the
// medians of the rare and the common word, in ms.
std::pair<double, double> cold_queries(const std::string& cli, const WorkFolder& w,
                                       const std::string& rare) {
    std::vector<double> cold_rare;
    std::vector<double> cold_common;
    for (int r = 0; r < 3; ++r) {
        cold_rare.push_back(
            run_process({cli, "search", w.project, rare, "--limit", "50"}, "/dev/null", w.log)
                .seconds *
            1000);
        cold_common.push_back(
            run_process({cli, "search", w.project, "risk", "--limit", "50"}, "/dev/null", w.log)
                .seconds *
            1000);
    }
    return {percentile(cold_rare, 0.5), percentile(cold_common, 0.5)};
}

}  // namespace

int main(int argc, char** argv) {
    const std::optional<Options> options = parse_options(argc, argv);
    if (!options) {
        return 2;
    }
    const Options& o = *options;
    if (!fs::exists(o.cli)) {
        std::fprintf(stderr, "search_bench: no quire-cli at %s (use --cli)\n", o.cli.c_str());
        return 2;
    }
    fs::create_directories(o.work);
    if (o.scaling) {
        return bench::run_scaling(o.cli, o.work, o.runs);
    }
    const WorkFolder w(o.work);
    if (o.queries_only) {
        setenv("XDG_CACHE_HOME", w.cache.c_str(), 1);
        const bench::Corpus corpus = bench::generate_corpus(o.transcripts, o.words_per_transcript);
        return run_queries(corpus, w.project, o.quire_only ? "" : w.raw_transcripts, o.runs,
                           o.verbose);
    }
    w.clear();
    fs::create_directories(w.texts);
    setenv("XDG_CACHE_HOME", w.cache.c_str(), 1);  // for the commands and this process

    const auto start = Clock::now();
    const bench::Corpus corpus = bench::generate_corpus(o.transcripts, o.words_per_transcript);
    const double generated_s = ms_since(start) / 1000;
    std::vector<std::string> files;
    for (std::size_t i = 0; i < corpus.texts.size(); ++i) {
        files.push_back(w.texts + "/" + corpus.names[i] + ".txt");
        std::ofstream(files.back(), std::ios::binary) << corpus.texts[i];
    }
    const double words_m = static_cast<double>(corpus.words) / 1e6;
    std::printf(
        "corpus: %d transcripts, %.2f million words (by whitespace), %.1f MB UTF-8, %llu "
        "paragraphs, %zu distinct word forms; generated in %.1f s\n",
        o.transcripts, words_m, static_cast<double>(corpus.bytes) / 1e6,
        static_cast<unsigned long long>(corpus.paragraphs), corpus.distinct_words, generated_s);
    std::printf("work folder %s, quire-cli %s\n\n", o.work.c_str(), o.cli.c_str());
    std::fflush(stdout);

    const ImportFigures imports = measure_imports(o.cli, files, w);
    const BaselineFigures baselines = measure_baselines(corpus, w);
    print_index_table(corpus, imports, baselines, w);

    const std::string rare = corpus.rare_words.empty() ? "consent" : corpus.rare_words[0];
    const InProcessFigures in_process = in_process_queries(corpus, o, w, rare);
    const auto [cold_rare_ms, cold_common_ms] = cold_queries(o.cli, w, rare);
    std::printf(
        "first query, whole quire-cli search process (median of 3): rare \"%s\" %.0f ms, "
        "common \"risk\" %.0f ms\n",
        rare.c_str(), cold_rare_ms, cold_common_ms);
    std::printf(
        "  in this process: Project::open %.1f ms, Index open %.1f ms, first search "
        "(rare) %.1f ms\n\n",
        in_process.open_project_ms, in_process.open_index_ms, in_process.first_search_ms);

    const double quire_text =
        imports.text_bytes > 0 ? static_cast<double>(imports.text_bytes) : corpus.bytes;
    const double ratio = static_cast<double>(imports.index_bytes) / quire_text;
    const double import_speed = words_m / imports.imported.seconds;
    std::printf(
        "targets: import+index >= 1 Mwords/s: %.2f %s; index <= 1.2x text: %.2fx %s; "
        "cold first query <= 50 ms: %.0f/%.0f ms %s\n",
        import_speed, verdict(import_speed >= 1.0), ratio, verdict(ratio <= 1.2), cold_rare_ms,
        cold_common_ms, verdict(std::max(cold_rare_ms, cold_common_ms) <= 50));
    return 0;
}
