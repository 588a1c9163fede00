// SPDX-License-Identifier: GPL-3.0-or-later
// Agreement speed on a generated project: Quire's computation against a minimal sweep,
// and the whole `quire-cli agreement` command. Usage:
//   agreement_bench [DOCUMENTS=1000] [CODES=50] [SEGMENTS_PER_CODER_AND_DOCUMENT=200]
//                   [--cli PATH/TO/quire-cli] [--keep FILE.quire] [--compute-only]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "bench/minimal_sweep.h"
#include "core/agreement/comparison.h"
#include "core/project/project.h"
#include "core/project_agreement/run.h"

namespace {

using Clock = std::chrono::steady_clock;

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

struct Generated {
    quire::agreement::ComparisonInput input;
    // [document][code][coder] -> merged sorted ranges, for the minimal sweep.
    std::vector<std::vector<std::vector<std::vector<bench::Range>>>> ranges;
};

Generated generate(int documents, int codes, int segments) {
    std::mt19937_64 random(20261128);
    Generated g;
    g.input.raters = {"Alex", "Sam"};
    for (int c = 0; c < codes; ++c) {
        g.input.codes.push_back("code " + std::to_string(c));
    }
    const std::int64_t length = 65000;  // about an interview of 11,500 words
    for (int d = 0; d < documents; ++d) {
        quire::agreement::ComparisonDocument doc;
        doc.name = "interview " + std::to_string(d);
        doc.length = length;
        std::vector<std::vector<std::vector<bench::Range>>> per_code(
            static_cast<std::size_t>(codes), std::vector<std::vector<bench::Range>>(2));
        for (int s = 0; s < segments; ++s) {
            const int code = static_cast<int>(random() % static_cast<unsigned>(codes));
            const std::int64_t start = static_cast<std::int64_t>(random() % (length - 700));
            const std::int64_t end = start + 50 + static_cast<std::int64_t>(random() % 600);
            doc.codings.push_back({0, code, start, end});
            per_code[static_cast<std::size_t>(code)][0].push_back({start, end});
            // The second coder mostly codes the same passage with shifted edges.
            const auto roll = random() % 100;
            if (roll < 75) {
                const std::int64_t s2 = std::max<std::int64_t>(
                    0, start - 40 + static_cast<std::int64_t>(random() % 80));
                const std::int64_t e2 = std::min<std::int64_t>(
                    length, std::max(s2 + 10, end - 40 + static_cast<std::int64_t>(random() % 80)));
                doc.codings.push_back({1, code, s2, e2});
                per_code[static_cast<std::size_t>(code)][1].push_back({s2, e2});
            } else {
                const int other = static_cast<int>(random() % static_cast<unsigned>(codes));
                const std::int64_t s2 = static_cast<std::int64_t>(random() % (length - 700));
                const std::int64_t e2 = s2 + 50 + static_cast<std::int64_t>(random() % 600);
                doc.codings.push_back({1, other, s2, e2});
                per_code[static_cast<std::size_t>(other)][1].push_back({s2, e2});
            }
        }
        for (auto& coders : per_code) {
            for (auto& list : coders) {
                std::sort(
                    list.begin(), list.end(),
                    [](const bench::Range& x, const bench::Range& y) { return x.start < y.start; });
                std::vector<bench::Range> merged;
                for (const bench::Range& r : list) {
                    if (!merged.empty() && r.start < merged.back().end) {
                        merged.back().end = std::max(merged.back().end, r.end);
                    } else {
                        merged.push_back(r);
                    }
                }
                list = merged;
            }
        }
        g.ranges.push_back(std::move(per_code));
        g.input.documents.push_back(std::move(doc));
    }
    return g;
}

// The yardstick: the least work a character-level kappa per code and document needs.
// Returns the time from raw codings, which compare() is measured against.
double time_minimal_sweeps(const Generated& g, int codes) {
    double checksum = 0;
    const double presorted = median_ms(5, [&] {
        checksum = 0;
        for (std::size_t d = 0; d < g.ranges.size(); ++d) {
            for (const auto& coders : g.ranges[d]) {
                const double k = bench::minimal_character_kappa(coders[0], coders[1], 65000);
                checksum += std::isnan(k) ? 0 : k;
            }
        }
    });
    std::printf("minimal sweep on pre-sorted, merged ranges: %.1f ms (checksum %.3f)\n", presorted,
                checksum);
    std::vector<std::vector<bench::RawCoding>> raw;
    for (const auto& doc : g.input.documents) {
        std::vector<bench::RawCoding> list;
        for (const auto& c : doc.codings) {
            list.push_back({c.rater, c.code, c.start, c.end});
        }
        raw.push_back(std::move(list));
    }
    const double sweep = median_ms(5, [&] {
        checksum = 0;
        auto copy = raw;  // the sort works in place; time it on fresh input every run
        for (auto& list : copy) {
            bench::minimal_document(list, codes, 65000, checksum);
        }
    });
    std::printf("minimal sweep from raw codings (sort, merge, sweep): %.1f ms (checksum %.3f)\n",
                sweep, checksum);
    return sweep;
}

void time_compare(const Generated& g, double sweep) {
    quire::agreement::ComparisonInput per_code_only = g.input;
    per_code_only.overall_measures = false;
    per_code_only.unitized_measures = false;
    quire::agreement::ComparisonResult per_code;
    const double ours_per_code =
        median_ms(5, [&] { per_code = quire::agreement::compare(per_code_only); });
    std::printf(
        "quire compare(), per-code figures only (percent, kappa, Fleiss, alpha): "
        "%.1f ms (%.2fx the sweep)\n",
        ours_per_code, ours_per_code / sweep);

    quire::agreement::ComparisonResult result;
    const double ours = median_ms(5, [&] { result = quire::agreement::compare(g.input); });
    double our_checksum = 0;
    for (const auto& code : result.codes) {
        for (const auto& d : code.documents) {
            our_checksum += d.kappa.value.value_or(0);
        }
    }
    std::printf("quire compare(), every coefficient: %.1f ms (%.2fx the sweep; checksum %.3f)\n",
                ours, ours / sweep, our_checksum);
}

// Writes the generated codings to a project file at `path` (replacing one left there).
void write_project(const Generated& g, const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix);
    }
    const auto build_start = Clock::now();
    {
        quire::Project p = quire::Project::create(path, "agreement bench");
        quire::Project::Action action(p);
        std::vector<quire::Id> code_ids;
        for (const std::string& c : g.input.codes) {
            code_ids.push_back(p.add_code(c).id);
        }
        const quire::Id alex = p.ensure_coder("Alex").id;
        const quire::Id sam = p.ensure_coder("Sam").id;
        for (const auto& doc : g.input.documents) {
            // Unique filler text of the right length (content hashes must differ).
            std::string text = doc.name + " ";
            text.resize(static_cast<std::size_t>(doc.length), 'x');
            const quire::Id id = p.add_document(doc.name, text).document.id;
            for (const auto& c : doc.codings) {
                p.apply_code(id, code_ids[static_cast<std::size_t>(c.code)],
                             c.rater == 0 ? alex : sam, c.start, c.end);
            }
        }
        action.commit();
    }
    std::printf("project written in %.1f s (%s)\n", ms_since(build_start) / 1000, path.c_str());
}

void time_run_agreement(const std::string& path) {
    quire::Project p = quire::Project::open(path);
    quire::agreement::AgreementRequest request;
    request.coders = {"Alex", "Sam"};
    const double loaded = median_ms(5, [&] { quire::agreement::run_agreement(p, request, false); });
    std::printf("run_agreement on the project file (load + compute, not stored): %.1f ms\n",
                loaded);
    const double stored = median_ms(3, [&] { quire::agreement::run_agreement(p, request, true); });
    std::printf("run_agreement, stored with its report: %.1f ms\n", stored);
}

// The whole quire-cli process, three ways.
void time_cli(const std::string& cli, const std::string& path) {
    const std::string base = cli + " agreement '" + path + "' --coders Alex,Sam";
    const std::pair<const char*, std::string> variants[] = {
        {"text table, not stored (--no-store)", base + " --no-store"},
        {"text table, run stored (the default)", base},
        {"--json --no-store (15 MB of JSON)", base + " --json --no-store"},
    };
    for (const auto& [what, arguments] : variants) {
        const std::string command = arguments + " > /dev/null";
        const double whole = median_ms(7, [&] {
            if (std::system(command.c_str()) != 0) {
                std::fprintf(stderr, "quire-cli failed\n");
            }
        });
        std::printf("quire-cli agreement, whole process, %s: %.1f ms\n", what, whole);
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> positional;
    std::string cli, keep;
    bool compute_only = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--cli" && i + 1 < argc) {
            cli = argv[++i];
        } else if (a == "--compute-only") {
            compute_only = true;
        } else if (a == "--keep" && i + 1 < argc) {
            keep = argv[++i];
        } else {
            positional.push_back(a);
        }
    }
    const int documents = positional.size() > 0 ? std::atoi(positional[0].c_str()) : 1000;
    const int codes = positional.size() > 1 ? std::atoi(positional[1].c_str()) : 50;
    const int segments = positional.size() > 2 ? std::atoi(positional[2].c_str()) : 200;
    std::printf(
        "generated: %d documents x %d codes, %d segments per coder and document "
        "(%d codings)\n",
        documents, codes, segments, 2 * documents * segments);
    const Generated g = generate(documents, codes, segments);

    const double sweep = time_minimal_sweeps(g, codes);
    time_compare(g, sweep);
    if (compute_only) {
        return 0;
    }
    // The whole path through a project file.
    const std::string path =
        keep.empty()
            ? (std::filesystem::temp_directory_path() / "quire-agreement-bench.quire").string()
            : keep;
    write_project(g, path);
    time_run_agreement(path);
    if (!cli.empty()) {
        time_cli(cli, path);
    }
    if (keep.empty()) {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::remove(path + suffix);
        }
    }
    return 0;
}
