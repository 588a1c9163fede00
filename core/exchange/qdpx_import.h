// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "core/project.h"

// REFI-QDA project import (.qdpx archives and bare .qde/.xml project files).
//
// Contract: both functions throw ImportError for corrupt or hostile input and may throw any
// other quire::Error; import_qdpx runs in one transaction, so when it throws the project is
// exactly as before. Positions in the file are converted to code points of Quire's stored
// text (LF, NFC) and every coding is checked against that text: a coding that cannot be
// placed exactly is reported in `skipped`, never shifted.
namespace quire::exchange {

struct ImportReport {
    std::string origin;  // producing tool from the origin attribute
    int sources = 0, codes = 0, codings = 0, notes = 0, cases = 0, variables = 0, users = 0;
    std::vector<std::string> adjusted;  // what was converted, renamed or merged
    std::vector<std::string> skipped;   // what was not imported and why
};

// Reads a .qdpx (zip), or a bare .qde/.xml project file, into `project` in one transaction.
ImportReport import_qdpx(Project& project, const std::string& path);

// Counts what import_qdpx would bring into an empty project, without changing anything.
ImportReport preview_qdpx(const std::string& path);

}  // namespace quire::exchange
