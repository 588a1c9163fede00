// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "core/project_agreement/report_file.h"

class wxFrame;

// The agreement window's Export buttons: ask for a file, write the shown run's report in
// the chosen format, and say where it went.
namespace quire::gui {

// Asks where to save the report, writes it and puts "Saved <path>" in the frame's status
// line; a failure is shown in a dialog. The file at `project_path` (the open project) is
// never written.
void export_agreement_report(wxFrame* frame, const agreement::AgreementRun& run,
                             agreement::ReportFormat format, const std::string& project_name,
                             const std::string& project_path);

}  // namespace quire::gui
