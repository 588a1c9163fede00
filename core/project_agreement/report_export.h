// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "core/project_agreement/run.h"

// Agreement reports for methods sections and colleagues: an XLSX workbook of the tables
// and a self-contained HTML report that prints every formula next to the counts it used.
// Contract: write_report_xlsx throws quire::Error when the file cannot be written.
namespace quire::agreement {

void write_report_xlsx(const AgreementRun& run, const std::string& path);

std::string report_html(const AgreementRun& run, const std::string& project_name);

}  // namespace quire::agreement
