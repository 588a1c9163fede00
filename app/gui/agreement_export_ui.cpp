// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/agreement_export_ui.h"

#include <wx/frame.h>

#include "app/gui/error_dialog.h"
#include "app/gui/exchange_ui.h"
#include "app/gui/wx_strings.h"
#include "core/base/errors.h"
#include "core/project_agreement/report_file.h"

namespace quire::gui {

void export_agreement_report(wxFrame* frame, const agreement::AgreementRun& run,
                             agreement::ReportFormat format, const std::string& project_name,
                             const std::string& project_path) {
    struct Choice {
        const char* title;
        const char* name;
        const char* wildcard;
    };
    const auto choice_for = [](agreement::ReportFormat f) -> Choice {
        switch (f) {
            case agreement::ReportFormat::Json:
                return {"Export agreement figures", "agreement.json", "JSON files (*.json)|*.json"};
            case agreement::ReportFormat::Csv:
                return {"Export agreement table", "agreement.csv", "CSV files (*.csv)|*.csv"};
            case agreement::ReportFormat::Xlsx:
                return {"Export agreement workbook", "agreement.xlsx",
                        "Excel workbooks (*.xlsx)|*.xlsx"};
            case agreement::ReportFormat::Html:
                break;
        }
        return {"Export agreement report", "agreement.html", "HTML files (*.html)|*.html"};
    };
    const Choice c = choice_for(format);
    const std::string path = save_path(frame, c.title, c.name, c.wildcard);
    if (!path.empty() && guarded(frame, [&] {
            // The save dialog has asked before replacing a file.
            agreement::write_report_file(run, project_name, path,
                                         {util::IfExists::Replace, format, project_path});
        })) {
        frame->SetStatusText("Saved " + wx(path));
    }
}

}  // namespace quire::gui
