// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/agreement/comparison.h"
#include "core/base/errors.h"
#include "core/base/model.h"
#include "core/base/progress.h"
#include "core/project/project.h"

namespace quire {
class Project;
}

// Agreement on a project's codings: selects coders, codes and documents, runs the
// comparison, stores the run in the project file and renders the report.
// Contract: may throw quire::Error subclasses (NotFoundError for unknown names,
// InvalidInputError for an impossible selection); storing is one transaction.
namespace quire::agreement {

struct AgreementRequest {
    std::vector<std::string> coders;  // two or more coder names...
    std::vector<std::string> group1;  // ...or two groups of coder names
    std::vector<std::string> group2;
    std::vector<std::string> codes;      // names, paths or ids; empty: every codable code
    std::vector<std::string> documents;  // names or ids; empty: every document
    // Document group names or ids: only documents in one of them (with `documents`, only
    // those of them that are). Empty: no group narrows the choice.
    std::vector<std::string> document_groups;
    UnitKind unit = UnitKind::Character;
    double min_coverage = 0.0;
    double segment_overlap = 0.9;
};

struct AgreementRun {
    Id id = 0;  // 0 when not stored
    std::string created_at;
    AgreementRequest request;
    std::vector<std::string> coders;               // every coder involved
    std::vector<std::string> raters;               // coders, or "group1", "group2"
    std::vector<std::vector<std::string>> groups;  // members, for group comparisons
    std::vector<std::string> codes;                // code paths
    std::vector<std::string> documents;            // document names
    ComparisonResult result;
};

// Progress counts documents loaded of documents in all; when it returns false the run
// throws Cancelled and nothing is stored.
AgreementRun run_agreement(Project& project, const AgreementRequest& request, bool store = true,
                           const Progress& progress = {});
// Stores a run made with store = false (setting its id), as run_agreement() would have: so
// a caller can store it in the same action as what it writes beside it, without holding the
// project's write lock while the run computes.
void store_agreement_run(Project& project, AgreementRun& run);

// The report as JSON (the contract of `quire-cli agreement --json`): top-level `coders`,
// `unit`, `codes` and `overall`; every coefficient a number or null with a `notes` entry.
// `indented` lays it out for reading; the stored copy is compact.
std::string report_json(const AgreementRun& run, bool indented = true);
// One row per code and document, then per code pooled, then overall.
std::string report_csv(const AgreementRun& run);

// What the project file keeps of a run: report_json()'s content, compact, with each code's
// per-document figures as columns (a tenth of the size for large runs).
std::string stored_report_json(const AgreementRun& run);

// A run as the project file keeps it: `result` is stored_report_json()'s text.
using StoredRun = AgreementRunRecord;
std::vector<StoredRun> agreement_history(Project& project);
// The full report of a stored run, as report_json() gave it when the run was made. Runs
// stored in full by earlier versions come out as they are. Throws ProjectFileError when the
// stored text is damaged.
std::string full_report_json(const std::string& stored_result);
// The contract of `quire-cli agreement --history --json`: an array of runs, each with `id`,
// `created_at`, `parameters` and the full report as `result`.
std::string history_json(const std::vector<StoredRun>& runs);

}  // namespace quire::agreement
