// SPDX-License-Identifier: GPL-3.0-or-later
// Catch2 main for the GUI tests: initialises wxWidgets (GTK needs a display) around the
// test session. Listing tests needs no display, so test discovery works at build time.
#define CATCH_CONFIG_RUNNER
#include <unistd.h>
#include <wx/app.h>
#include <wx/init.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>
#include <vector>

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
    ensure_display(argc, argv);
    wxApp::SetInstance(new wxApp);
    if (!wxEntryStart(argc, argv)) {
        return 1;
    }
    wxTheApp->CallOnInit();
    const int result = Catch::Session().run(argc, argv);
    wxTheApp->OnExit();
    wxEntryCleanup();
    return result;
}
