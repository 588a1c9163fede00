// SPDX-License-Identifier: GPL-3.0-or-later
// Writes quire(1) when Quire is built (not installed).
#include <fstream>
#include <iostream>

#include "app/gui/command_line.h"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: quire-manual DATE OUT\n";
        return 2;
    }
    std::ofstream out(argv[2], std::ios::binary);
    out << quire::gui::manual_page(argv[1]);
    out.close();
    if (!out) {
        std::cerr << "quire-manual: cannot write " << argv[2] << "\n";
        return 1;
    }
    return 0;
}
