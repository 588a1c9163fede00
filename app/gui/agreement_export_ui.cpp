// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/agreement_export_ui.h"

#include <wx/frame.h>

#include <fstream>

#include "app/gui/error_dialog.h"
#include "app/gui/exchange_ui.h"
#include "app/gui/wx_strings.h"
#include "core/base/errors.h"
#include "core/project_agreement/report_export.h"

namespace quire::gui {
namespace {

void write_text_file(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw Error("cannot create " + path);
    }
    out << content;
    out.close();
    if (!out) {
        throw Error("cannot write " + path);
    }
}

}  // namespace

void write_agreement_report(const agreement::AgreementRun& run, AgreementReportFormat format,
                            const std::string& path, const std::string& project_name) {
    switch (format) {
        case AgreementReportFormat::Csv:
            write_text_file(path, agreement::report_csv(run));
            return;
        case AgreementReportFormat::Xlsx:
            agreement::write_report_xlsx(run, path);
            return;
        case AgreementReportFormat::Html:
            write_text_file(path, agreement::report_html(run, project_name));
            return;
    }
}

void export_agreement_report(wxFrame* frame, const agreement::AgreementRun& run,
                             AgreementReportFormat format, const std::string& project_name) {
    struct Choice {
        const char* title;
        const char* name;
        const char* wildcard;
    };
    static const Choice kChoices[] = {
        {"Export agreement table", "agreement.csv", "CSV files (*.csv)|*.csv"},
        {"Export agreement workbook", "agreement.xlsx", "Excel workbooks (*.xlsx)|*.xlsx"},
        {"Export agreement report", "agreement.html", "HTML files (*.html)|*.html"}};
    const Choice& c = kChoices[static_cast<int>(format)];
    const std::string path = save_path(frame, c.title, c.name, c.wildcard);
    if (!path.empty() &&
        guarded(frame, [&] { write_agreement_report(run, format, path, project_name); })) {
        frame->SetStatusText("Saved " + wx(path));
    }
}

}  // namespace quire::gui
