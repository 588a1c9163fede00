// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "core/project/project.h"
#include "core/project/team.h"

// REFI-QDA project import (.qdpx archives and bare .qde/.xml project files) and codebook
// import (.qdc).
//
// Contract: all functions throw ImportError for corrupt or hostile input and may throw any
// other quire::Error; import_qdpx and import_qdc run in one transaction, so when it throws the
// project is exactly as before. Positions in the file are converted to code points of Quire's
// stored text (LF, NFC) and every coding is checked against that text: a coding that cannot be
// placed exactly is reported in `skipped`, never shifted.
namespace quire::exchange {

struct ImportReport {
    std::string origin;              // producing tool from the origin attribute
    std::string creating_user_guid;  // the project's creatingUserGUID, normalised
    int sources = 0, codes = 0, codings = 0, notes = 0, cases = 0, variables = 0, users = 0;
    int code_sets = 0;
    std::vector<std::string> adjusted;  // what was converted, renamed or merged
    std::vector<std::string> skipped;   // what was not imported and why
};

// Reads a .qdpx (zip), or a bare .qde/.xml project file, into `project` in one transaction.
ImportReport import_qdpx(Project& project, const std::string& path);

// Counts what import_qdpx would bring into an empty project, without changing anything.
ImportReport preview_qdpx(const std::string& path);

// Merges a .qdpx export of a copy (core/project/team.h) as the copy itself would merge: its
// GUIDs are read into a scratch project, the copy it came from is found by the coder it was
// handed out to (the file's creatingUserGUID). plan_only: change nothing, return the plan.
team::MergePlan merge_qdpx(Project& project, const std::string& path, team::MergeOptions options,
                           bool plan_only, const Progress& progress = {});

// Merges a REFI-QDA codebook (.qdc) into the project's codebook in one transaction, as
// NVivo does: a code whose path (names from the top level down) already exists is the
// existing code, reported in `adjusted` and left as it is; new codes are added under their
// parents. A code set whose name exists is likewise left as it is. Throws ImportError for
// malformed or hostile XML and for a root element other than <CodeBook>.
ImportReport import_qdc(Project& project, const std::string& path);

// Counts what import_qdc would bring into an empty project, without changing anything.
ImportReport preview_qdc(const std::string& path);

}  // namespace quire::exchange
