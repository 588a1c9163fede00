// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "core/project_agreement/run.h"

class wxFrame;

// The agreement window's Export buttons: ask for a file, write the shown run's report in
// the chosen format, and say where it went.
namespace quire::gui {

enum class AgreementReportFormat { Csv, Xlsx, Html };

// Writes the run's report to `path`, replacing any file there; throws quire::Error when it
// cannot. The one place that knows how each format is written, so that core's
// write_report_file can take over here alone. `project_name` titles the HTML report.
void write_agreement_report(const agreement::AgreementRun& run, AgreementReportFormat format,
                            const std::string& path, const std::string& project_name);

// Asks where to save the report, writes it and puts "Saved <path>" in the frame's status
// line; a failure is shown in a dialog.
void export_agreement_report(wxFrame* frame, const agreement::AgreementRun& run,
                             AgreementReportFormat format, const std::string& project_name);

}  // namespace quire::gui
