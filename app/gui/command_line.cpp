// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/command_line.h"

#include <iostream>

#include "core/util/workbench_claim.h"

namespace quire::gui {
namespace {

std::string roff(const std::string& text) {
    std::string escaped;
    for (const char c : text) {
        escaped += c == '-'    ? std::string("\\-")
                   : c == '\\' ? std::string("\\e")
                               : std::string(1, c);
    }
    return escaped;
}

}  // namespace

const std::vector<CommandLineOption>& command_line_options() {
    static const std::vector<CommandLineOption> options = {
        {"--demo", "open a fresh copy of the demo project"},
        {"--help", "print this help and exit"},
        {"--version", "print the version and exit"},
    };
    return options;
}

std::string usage_text() {
    std::string text =
        "usage: quire [OPTION] [PROJECT.quire]\n\n"
        "Opens PROJECT.quire in the Quire workbench, or shows the welcome page.\n"
        "A project already open in another Quire window is brought to the front.\n\n";
    for (const CommandLineOption& option : command_line_options()) {
        text += "  " + option.name + std::string(14 - option.name.size(), ' ') +
                option.description + "\n";
    }
    return text + "\nThe command line without a display: quire-cli --help\n";
}

std::string version_text() {
    return std::string("quire ") + QUIRE_VERSION;
}

std::optional<int> answer_before_start(int argc, char** argv) {
    std::optional<std::string> project;
    for (int i = 1; i < argc; ++i) {
        const std::string word = argv[i];
        if (word == "--help" || word == "-h") {
            std::cout << usage_text();
            return 0;
        }
        if (word == "--version") {
            std::cout << version_text() << "\n";
            return 0;
        }
        if (!word.empty() && word[0] != '-' && !project) {
            project = word;
        }
    }
    if (project && util::ask_owner_to_raise(*project)) {
        std::cerr << "quire: " << *project
                  << " is open in another Quire window, which has been brought to the front\n";
        return 0;
    }
    return std::nullopt;
}

std::string manual_page(const std::string& date) {
    std::string page =
        ".\\\" Generated from the workbench's option table when Quire is built; do not edit.\n"
        ".TH QUIRE 1 \"" +
        date +
        "\" \"Quire " QUIRE_VERSION
        "\" \"Quire Manual\"\n"
        ".nh\n.ad l\n"
        ".SH NAME\nquire \\- qualitative coding workbench for interview transcripts\n"
        ".SH SYNOPSIS\n.B quire\n.RI [ OPTION ]\n.RI [ PROJECT.quire ]\n"
        ".SH DESCRIPTION\n"
        ".B quire\n"
        "is the desktop workbench of Quire. Researchers import interview transcripts, code "
        "passages with the codes of a codebook, compare how independent coders agree, and "
        "search and query themes across a whole evaluation. Every action is saved as it "
        "happens: there is no Save.\n.PP\n"
        "Given a project file, the workbench opens it. When another Quire window already has "
        "that project open, that window is brought to the front instead, so that one project "
        "is never written by two windows at once.\n"
        ".SH OPTIONS\n";
    for (const CommandLineOption& option : command_line_options()) {
        page += ".TP\n.B " + roff(option.name) + "\n" + roff(option.description) + "\n";
    }
    page +=
        ".SH FILES\n"
        ".TP\n.I $XDG_DATA_HOME/quire\nfresh copies of the demo project\n"
        ".TP\n.I $XDG_CACHE_HOME/quire/index\nthe search index of each project, a cache "
        "rebuilt when missing\n"
        ".TP\n.I $XDG_RUNTIME_DIR/quire\nwhich window has which project open\n"
        ".SH SEE ALSO\n.BR quire\\-cli (1)\n";
    return page;
}

}  // namespace quire::gui
