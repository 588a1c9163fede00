// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>

#include "core/project_agreement/run.h"
#include "core/util/files.h"

// An agreement report written to a file, its format told by the file's extension (.json,
// .csv, .xlsx, .html), with the renderers of run.h and report_export.h. Contract:
// InvalidInputError for any other extension, ConflictError for an existing file not to be
// replaced, quire::Error when the file cannot be written; never a half-written file.
namespace quire::agreement {

enum class ReportFormat { Json, Csv, Xlsx, Html };

struct ReportFileOptions {
    util::IfExists if_exists = util::IfExists::Refuse;
    std::optional<ReportFormat> format;  // overrides the extension when set
    std::string project_path;  // never written (nor its -wal/-shm), whatever if_exists says
};

// The format `path`'s extension names.
ReportFormat report_format(const std::string& path);

// Writes the report of `run` to `path`; `project_name` titles the HTML report. The JSON file
// holds what `quire-cli agreement --json` prints, final newline included.
void write_report_file(const AgreementRun& run, const std::string& project_name,
                       const std::string& path, const ReportFileOptions& options = {});

}  // namespace quire::agreement
