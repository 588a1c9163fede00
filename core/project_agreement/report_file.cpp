// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project_agreement/report_file.h"

#include "core/project_agreement/report_export.h"

namespace quire::agreement {

ReportFormat report_format(const std::string& path) {
    return util::format_by_extension<ReportFormat>(path, "an agreement report",
                                                   {{".json", ReportFormat::Json},
                                                    {".csv", ReportFormat::Csv},
                                                    {".xlsx", ReportFormat::Xlsx},
                                                    {".html", ReportFormat::Html}});
}

void write_report_file(const AgreementRun& run, const std::string& project_name,
                       const std::string& path, const ReportFileOptions& options) {
    const ReportFormat format = options.format ? *options.format : report_format(path);
    util::refuse_project_file(path, options.project_path);
    if (options.if_exists == util::IfExists::Refuse) {
        util::refuse_existing_file(path);
    }
    switch (format) {
        case ReportFormat::Xlsx:
            write_report_xlsx(run, path);  // moved into place by its zip writer
            return;
        case ReportFormat::Json:
            util::write_file_atomically(path, report_json(run) + "\n", options.if_exists);
            return;
        case ReportFormat::Csv:
            util::write_file_atomically(path, report_csv(run), options.if_exists);
            return;
        case ReportFormat::Html:
            util::write_file_atomically(path, report_html(run, project_name), options.if_exists);
            return;
    }
}

}  // namespace quire::agreement
