// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/import_ui.h"

#include <wx/filedlg.h>
#include <wx/frame.h>
#include <wx/msgdlg.h>

#include "app/gui/job_dialog.h"
#include "app/gui/journal_ui.h"
#include "app/gui/wx_strings.h"
#include "core/base/errors.h"
#include "core/project/project.h"

namespace quire::gui {

std::vector<std::string> import_transcripts(const std::string& project_path,
                                            const std::vector<std::string>& files,
                                            const Progress& progress) {
    Project project = Project::open(project_path);
    label_actions(project, "Import Transcripts");
    Project::Action action(project);
    std::vector<std::string> report;
    for (std::size_t i = 0; i < files.size(); ++i) {
        report_progress(progress, i, files.size());
        const std::string& file = files[i];
        const ImportOutcome r = project.import_file(file);
        report.push_back(r.duplicate
                             ? "Skipped " + file + ": same text as \"" + r.document.name + "\""
                             : "Imported \"" + r.document.name + "\" (" + r.encoding + ")");
    }
    report_progress(progress, files.size(), files.size());
    action.commit();
    return report;
}

bool ask_and_import_transcripts(wxFrame* frame, const std::string& project_path) {
    wxFileDialog dialog(frame, "Import transcripts", "", "",
                        "Transcripts (*.txt;*.docx)|*.txt;*.docx|All files|*",
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST | wxFD_MULTIPLE);
    if (dialog.ShowModal() != wxID_OK) {
        return false;
    }
    wxArrayString chosen;
    dialog.GetPaths(chosen);
    std::vector<std::string> files;
    for (const wxString& f : chosen) {
        files.push_back(utf8(f));
    }
    JobDialog::Options options;
    options.can_cancel = true;
    options.describe = [files](std::size_t done, std::size_t) {
        return done < files.size() ? wx(files[done]) : wxString(L"Finishing…");
    };
    try {
        const std::vector<std::string> report = run_modal<std::vector<std::string>>(
            frame, "Importing transcripts", L"Starting…",
            [project_path, files](const Progress& progress) {
                return import_transcripts(project_path, files, progress);
            },
            std::move(options));
        std::string summary;
        for (const std::string& line : report) {
            summary += line + "\n";
        }
        frame->SetStatusText(wx(std::to_string(report.size()) + " file(s) processed"), 0);
        wxMessageBox(wx(summary), "Import finished", wxOK | wxICON_INFORMATION, frame);
    } catch (const Cancelled&) {
        frame->SetStatusText("Import cancelled: nothing was imported.", 0);
    } catch (const std::exception& e) {
        wxMessageBox(wx(std::string(e.what()) + "\n\nNothing was imported."), "Import failed",
                     wxOK | wxICON_ERROR, frame);
    }
    return true;
}

}  // namespace quire::gui
