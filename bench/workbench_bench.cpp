// SPDX-License-Identifier: GPL-3.0-or-later
// How quickly the workbench answers on a large project, measured on a real MainFrame:
// opening the project until the window is usable, switching to a long transcript with its
// codings listed, highlighted and drawn as stripes, and listing one code's retrieved
// segments across every document. Needs a display: run it under `xvfb-run -a` or with
// DISPLAY set. Usage:
//   workbench_bench [PROJECT.quire] [--runs N]
// PROJECT (default workbench-bench.quire) is generated when it does not exist, else reused.
// The search index, settings and window claims go to PROJECT.cache/ beside it.
#include <wx/app.h>
#include <wx/init.h>
#include <wx/notebook.h>
#include <wx/utils.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "app/gui/main_frame.h"
#include "app/gui/retrieved_segments.h"
#include "app/gui/search_panel.h"
#include "bench/corpus.h"
#include "core/project/project.h"
#include "search/search.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kDocuments = 1000;
constexpr int kCodes = 50;
constexpr int kCodingsPerCoder = 200;      // per ordinary transcript
constexpr int kLongTranscript = 500;       // its index among the documents
constexpr int kLongWords = 15000;          // words of the long transcript
constexpr int kLongCodingsPerCoder = 500;  // 1,000 codings on the long transcript

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::int64_t code_points(const std::string& utf8) {
    return std::count_if(utf8.begin(), utf8.end(),
                         [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

std::string document_name(int index) {
    char name[32];
    std::snprintf(name, sizeof name, "interview %04d", index + 1);
    return name;
}

// Two coders' codings of one transcript, grouped by code and coder as apply_code_ranges
// takes them. The second coder mostly codes the first one's passages with shifted edges,
// as in agreement_bench.
void code_document(quire::Project& p, quire::Id document, std::int64_t length, int per_coder,
                   const std::vector<quire::Id>& codes, const std::vector<quire::Id>& coders,
                   std::mt19937_64& random, std::int64_t& added) {
    std::map<std::pair<std::size_t, int>, std::vector<quire::TextRange>> ranges;
    const auto pick_code = [&] { return static_cast<std::size_t>(random() % codes.size()); };
    const auto pick_start = [&] { return static_cast<std::int64_t>(random() % (length - 700)); };
    for (int s = 0; s < per_coder; ++s) {
        const std::size_t code = pick_code();
        const std::int64_t start = pick_start();
        const std::int64_t end = start + 50 + static_cast<std::int64_t>(random() % 600);
        ranges[{code, 0}].push_back({start, end});
        if (random() % 100 < 75) {
            const std::int64_t s2 =
                std::max<std::int64_t>(0, start - 40 + static_cast<std::int64_t>(random() % 80));
            const std::int64_t e2 = std::min<std::int64_t>(
                length, std::max(s2 + 10, end - 40 + static_cast<std::int64_t>(random() % 80)));
            ranges[{code, 1}].push_back({s2, e2});
        } else {
            const std::int64_t s2 = pick_start();
            ranges[{pick_code(), 1}].push_back(
                {s2, s2 + 50 + static_cast<std::int64_t>(random() % 600)});
        }
    }
    for (const auto& [key, list] : ranges) {
        for (const quire::ApplyOutcome& o :
             p.apply_code_ranges(document, codes[key.first], coders[key.second], list)) {
            added += o.existed ? 0 : 1;
        }
    }
}

void generate_project(const std::string& path) {
    const auto start = Clock::now();
    bench::Corpus corpus = bench::generate_corpus(kDocuments);
    corpus.texts[kLongTranscript] = bench::generate_corpus(1, kLongWords).texts.front();
    std::printf("corpus generated in %.1f s\n", ms_since(start) / 1000);
    std::mt19937_64 random(20261203);
    std::int64_t added = 0;
    {
        quire::Project p = quire::Project::create(path, "workbench bench");
        quire::Project::Action action(p);
        std::vector<quire::Id> codes;
        for (int c = 0; c < kCodes; ++c) {
            codes.push_back(p.add_code("code " + std::to_string(c + 1)).id);
        }
        const std::vector<quire::Id> coders{p.ensure_coder("Alex").id, p.ensure_coder("Sam").id};
        for (int d = 0; d < kDocuments; ++d) {
            const std::string& text = corpus.texts[static_cast<std::size_t>(d)];
            const quire::Id id = p.add_document(document_name(d), text).document.id;
            const bool is_long = d == kLongTranscript;
            code_document(p, id, code_points(text),
                          is_long ? kLongCodingsPerCoder : kCodingsPerCoder, codes, coders, random,
                          added);
        }
        action.commit();
    }
    std::printf("project written in %.1f s: %d documents, %lld codings (%s)\n",
                ms_since(start) / 1000, kDocuments, static_cast<long long>(added), path.c_str());
    const auto index_start = Clock::now();
    quire::Project p = quire::Project::open(path);
    quire::search::Index index(p);
    std::printf("search index built in %.1f s\n", ms_since(index_start) / 1000);
}

void settle() {
    for (int i = 0; i < 5; ++i) {
        wxTheApp->ProcessPendingEvents();
        wxYield();
    }
}

// Pending events handled, then everything invalidated painted now: what the user sees.
void process_and_paint(wxWindow* frame) {
    wxTheApp->ProcessPendingEvents();
    frame->Update();
    wxYield();
}

template <typename T>
T* find_child(wxWindow* parent) {
    for (wxWindow* child : parent->GetChildren()) {
        if (auto* found = dynamic_cast<T*>(child)) {
            return found;
        }
        if (T* found = find_child<T>(child)) {
            return found;
        }
    }
    return nullptr;
}

// The search pane checks its index on a worker after a project opens: let it finish, so
// that it does not share the CPU with the next measurement.
void wait_for_search_index(wxWindow* frame) {
    auto* search = find_child<quire::gui::SearchPanel>(frame);
    const auto start = Clock::now();
    while (search != nullptr && search->busy() && ms_since(start) < 120000) {
        wxTheApp->ProcessPendingEvents();
        wxYield();
        wxMilliSleep(5);
    }
    settle();
}

struct Figure {
    std::string what;
    std::vector<double> times;
};

void report(const Figure& f, double target) {
    std::vector<double> t = f.times;
    std::sort(t.begin(), t.end());
    const double median = t[t.size() / 2];
    std::printf("%-62s median %7.1f ms  slowest %7.1f ms  (target %.0f ms: %s)\n", f.what.c_str(),
                median, t.back(), target, t.back() < target ? "met" : "missed");
}

int run(const std::string& path, int runs) {
    auto* frame = new quire::gui::MainFrame;
    frame->Show();
    settle();
    auto* notebook = find_child<wxNotebook>(frame);
    Figure open{"open the project until the window is usable", {}};
    Figure open_ready{"  (and until the search index is checked)", {}};
    Figure switch_to{"switch to the 15,000-word transcript, 1,000 codings painted", {}};
    Figure retrieve{"retrieved segments of one code, first screen drawn", {}};
    quire::Id long_document = 0, other_document = 0;
    std::vector<quire::Id> codes;
    std::size_t segments = 0;
    for (int r = 0; r < runs + 1; ++r) {  // the first run warms the caches and is not counted
        frame->close_project();
        settle();
        const auto open_start = Clock::now();
        if (!frame->open_project(path)) {
            std::fprintf(stderr, "cannot open %s\n", path.c_str());
            return 1;
        }
        const double returned = ms_since(open_start);
        process_and_paint(frame);
        const double opened = ms_since(open_start);
        wait_for_search_index(frame);
        const double ready = ms_since(open_start);
        if (long_document == 0) {
            quire::Project& p = *frame->project();
            long_document = p.find_document(document_name(kLongTranscript)).id;
            other_document = p.find_document(document_name(kLongTranscript + 1)).id;
            for (const quire::Code& c : p.codes()) {
                codes.push_back(c.id);
            }
        }
        notebook->SetSelection(0);  // the Codings tab, as a coder reading a transcript has it
        frame->select_document(other_document);
        settle();
        const auto switch_start = Clock::now();
        frame->select_document(long_document);
        const double selected = ms_since(switch_start);
        process_and_paint(frame);
        const double switched = ms_since(switch_start);
        const int rows = frame->coding_rows();

        quire::gui::RetrievedSegmentsPanel* retrieved = frame->show_retrieved();
        settle();
        const quire::Id code = codes[static_cast<std::size_t>(r) % codes.size()];
        const auto retrieve_start = Clock::now();
        retrieved->choose({code}, false);
        const double chosen = ms_since(retrieve_start);
        process_and_paint(frame);
        const double listed = ms_since(retrieve_start);
        segments = retrieved->row_count();
        // In brackets: when the call returned, before pending events and painting.
        std::printf(
            "run %d%s: open %.1f ms (%.1f; index checked at %.1f), switch %.1f ms (%.1f; "
            "%d codings listed), retrieval %.1f ms (%.1f; %zu segments)\n",
            r, r == 0 ? " (warm-up, not counted)" : "", opened, returned, ready, switched, selected,
            rows, listed, chosen, segments);
        if (r > 0) {
            open.times.push_back(opened);
            open_ready.times.push_back(ready);
            switch_to.times.push_back(switched);
            retrieve.times.push_back(listed);
        }
        notebook->SetSelection(0);
    }
    std::printf("\n%d runs:\n", runs);
    report(open, 500);
    report(open_ready, 500);
    report(switch_to, 100);
    report(retrieve, 100);
    frame->Destroy();
    settle();
    return 0;
}

// Keeps what the workbench writes (settings, window claims, the search index) beside the
// project instead of in the user's folders.
void use_folder_beside(const std::string& path) {
    const std::filesystem::path base = std::filesystem::absolute(path + ".cache");
    for (const char* sub : {"cache", "config", "run"}) {
        std::filesystem::create_directories(base / sub);
    }
    setenv("XDG_CACHE_HOME", (base / "cache").c_str(), 1);
    setenv("XDG_CONFIG_HOME", (base / "config").c_str(), 1);
    setenv("XDG_RUNTIME_DIR", (base / "run").c_str(), 1);
}

}  // namespace

int main(int argc, char** argv) {
    std::string path = "workbench-bench.quire";
    int runs = 7;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--runs" && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else {
            path = arg;
        }
    }
    path = std::filesystem::absolute(path).string();
    use_folder_beside(path);
    if (!std::filesystem::exists(path)) {
        generate_project(path);
    }
    wxApp::SetInstance(new wxApp);
    int wx_argc = 1;
    if (!wxEntryStart(wx_argc, argv)) {
        std::fprintf(stderr, "no display: run under xvfb-run -a or set DISPLAY\n");
        return 1;
    }
    wxTheApp->CallOnInit();
    const int result = run(path, runs);
    wxTheApp->OnExit();
    wxEntryCleanup();
    return result;
}
