// SPDX-License-Identifier: GPL-3.0-or-later
// Writes quire-cli's manual page or bash completion when Quire is built (not installed).
#include <fstream>
#include <iostream>
#include <string>

#include "app/cli/manual.h"

int main(int argc, char** argv) {
    const std::string what = argc == 4 ? argv[1] : "";
    if (what != "manual" && what != "completion") {
        std::cerr << "usage: quire-cli-docs (manual DATE | completion -) OUT\n";
        return 2;
    }
    std::ofstream out(argv[3], std::ios::binary);
    out << (what == "manual" ? quire::cli::manual_page(argv[2]) : quire::cli::bash_completion());
    out.close();
    if (!out) {
        std::cerr << "quire-cli-docs: cannot write " << argv[3] << "\n";
        return 1;
    }
    return 0;
}
