// SPDX-License-Identifier: GPL-3.0-or-later
// Catch2 main for the GUI tests: initialises wxWidgets (GTK needs a display) around the
// test session. Listing tests needs no display, so test discovery works at build time.
#define CATCH_CONFIG_RUNNER
#include <unistd.h>
#include <wx/app.h>
#include <wx/init.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/scratch.h"

namespace {

bool only_lists_tests(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("--list", 0) == 0 || a == "-l" || a == "-h" || a == "--help") {
            return true;
        }
    }
    return false;
}

// Without a display, run again inside a private X server (xvfb-run, from Debian's xvfb).
void ensure_display(int argc, char** argv) {
    const char* display = std::getenv("DISPLAY");
    if ((display != nullptr && display[0] != '\0') || std::getenv("QUIRE_UNDER_XVFB")) {
        return;
    }
    setenv("QUIRE_UNDER_XVFB", "1", 1);
    std::vector<char*> args = {const_cast<char*>("xvfb-run"), const_cast<char*>("-a"),
                               const_cast<char*>("-s"), const_cast<char*>("-screen 0 1400x900x24")};
    for (int i = 0; i < argc; ++i) {
        args.push_back(argv[i]);
    }
    args.push_back(nullptr);
    execvp("xvfb-run", args.data());
    // Only reached when xvfb-run is missing: GTK will then report the missing display.
}

}  // namespace

int main(int argc, char** argv) {
    if (only_lists_tests(argc, argv)) {
        return Catch::Session().run(argc, argv);
    }
    // Search indexes built by the tests go to a cache folder of their own (set before the
    // re-run under Xvfb, which inherits it, and removed by whichever process runs tests).
    if (!std::getenv("QUIRE_TEST_CACHE")) {
        const std::filesystem::path cache = std::filesystem::temp_directory_path() /
                                            ("quire-test-cache-" + quire::test::unique_suffix());
        std::filesystem::create_directories(cache);
        setenv("XDG_CACHE_HOME", cache.c_str(), 1);
        setenv("QUIRE_TEST_CACHE", cache.c_str(), 1);
        // Windows' claims on their projects stay among the tests too.
        std::filesystem::create_directories(cache / "run");
        setenv("XDG_RUNTIME_DIR", (cache / "run").c_str(), 1);
        // And the workbench's settings (recent projects, layout) stay out of the user's.
        std::filesystem::create_directories(cache / "config");
        setenv("XDG_CONFIG_HOME", (cache / "config").c_str(), 1);
    }
    ensure_display(argc, argv);
    // A wx assertion (a dialog that was expected and did not come, a misuse of wx) would show
    // a dialog no one answers: end the run instead, saying why.
    wxSetAssertHandler([](const wxString& file, int line, const wxString& func,
                          const wxString& cond, const wxString& msg) {
        std::fprintf(stderr, "wx assertion failed at %s:%d in %s: %s %s\n", file.utf8_str().data(),
                     line, func.utf8_str().data(), cond.utf8_str().data(), msg.utf8_str().data());
        std::abort();
    });
    wxApp::SetInstance(new wxApp);
    if (!wxEntryStart(argc, argv)) {
        return 1;
    }
    wxTheApp->CallOnInit();
    const int result = Catch::Session().run(argc, argv);
    wxTheApp->OnExit();
    wxEntryCleanup();
    std::error_code ec;
    std::filesystem::remove_all(std::getenv("QUIRE_TEST_CACHE"), ec);
    return result;
}
