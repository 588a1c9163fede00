// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/exchange_ui.h"

#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/msgdlg.h>
#include <wx/utils.h>

#include <algorithm>

#include "app/gui/error_dialog.h"
#include "app/gui/job_dialog.h"
#include "app/gui/journal_ui.h"
#include "app/gui/wx_strings.h"
#include "core/base/errors.h"
#include "core/exchange/export.h"
#include "core/exchange/qdpx_import.h"
#include "core/project/project.h"
#include "core/util/files.h"

namespace quire::gui {
namespace {

std::string counts(const exchange::ImportReport& r) {
    return std::to_string(r.sources) + " sources, " + std::to_string(r.codes) + " codes, " +
           std::to_string(r.codings) + " codings, " + std::to_string(r.notes) + " notes, " +
           std::to_string(r.cases) + " cases, " + std::to_string(r.variables) + " variables, " +
           std::to_string(r.users) + " users";
}

std::string details(const exchange::ImportReport& r) {
    std::string text;
    const std::size_t shown = 12;
    if (!r.adjusted.empty()) {
        text += "\nAdjusted:\n";
        for (std::size_t i = 0; i < r.adjusted.size() && i < shown; ++i) {
            text += "  • " + r.adjusted[i] + "\n";
        }
    }
    if (!r.skipped.empty()) {
        text += "\nSkipped:\n";
        for (std::size_t i = 0; i < r.skipped.size() && i < shown; ++i) {
            text += "  • " + r.skipped[i] + "\n";
        }
        if (r.skipped.size() > shown) {
            text += "  … and " + std::to_string(r.skipped.size() - shown) + " more\n";
        }
    }
    return text;
}

// Asks where to save `content` and writes it there from the project at `project_path`, in
// the format the file's extension names (core's write_export), on a worker under a modal
// dialog. The worker opens its own connection: connections never cross threads. Returns the
// path written, or "" when the user cancelled or writing failed (a dialog said why).
std::string export_content(wxWindow* parent, const std::string& project_path,
                           exchange::ExportContent content, const wxString& title,
                           const wxString& name, const wxString& wildcard,
                           const CodingFilter& segments = {}) {
    const std::string path = save_path(parent, title, name, wildcard);
    if (path.empty()) {
        return path;
    }
    const bool written = guarded(parent, [&] {
        run_modal<void>(parent, "Export", wx("Writing " + path),
                        [project_path, path, content, segments](const Progress&) {
                            Project project = Project::open(project_path);
                            // The save dialog has asked before replacing a file.
                            exchange::write_export(project, content, path,
                                                   {segments, util::IfExists::Replace, {}});
                        });
    });
    return written ? path : std::string();
}

// The extension of the file type chosen in a save dialog ("Excel workbooks (*.xlsx)|*.xlsx"
// at `index` gives ".xlsx"), else the suggested name's.
std::string chosen_extension(const wxString& wildcard, int index, const wxString& name) {
    const wxArrayString parts = wxSplit(wildcard, '|');
    const std::size_t pattern = 2 * static_cast<std::size_t>(std::max(index, 0)) + 1;
    if (pattern < parts.size()) {
        const std::string extension = util::lower_extension(utf8(parts[pattern]));
        if (!extension.empty() && extension.find_first_of("*;") == std::string::npos) {
            return extension;
        }
    }
    return util::lower_extension(utf8(name));
}

}  // namespace

std::string save_path(wxWindow* parent, const wxString& title, const wxString& name,
                      const wxString& wildcard) {
    wxFileDialog dialog(parent, title, "", name, wildcard, wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK) {
        return {};
    }
    // A name typed without an extension gets the one of the chosen file type (the format
    // follows it). The dialog asked about replacing the name as typed, so a file that the
    // extension makes it meet is asked about here.
    std::string path = utf8(dialog.GetPath());
    if (!util::lower_extension(path).empty()) {
        return path;
    }
    path += chosen_extension(wildcard, dialog.GetFilterIndex(), name);
    if (wxFileName::Exists(wx(path)) &&
        wxMessageBox(wx(path) + " already exists. Replace it?", title,
                     wxYES_NO | wxNO_DEFAULT | wxICON_WARNING, parent) != wxYES) {
        return {};
    }
    return path;
}

bool import_refi_project(wxWindow* parent, const std::string& project_path) {
    wxFileDialog dialog(parent, "Import a REFI-QDA project", "", "",
                        "REFI-QDA projects (*.qdpx;*.qde)|*.qdpx;*.qde|REFI-QDA codebooks "
                        "(*.qdc)|*.qdc",
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK) {
        return false;
    }
    const std::string file = utf8(dialog.GetPath());
    const bool codebook = util::lower_extension(file) == ".qdc";
    bool imported = false;
    guarded(parent, [&] {
        const exchange::ImportReport preview = run_modal<exchange::ImportReport>(
            parent, "Import", wx("Reading " + file), [file, codebook](const Progress&) {
                return codebook ? exchange::preview_qdc(file) : exchange::preview_qdpx(file);
            });
        const std::string question =
            "From " + (preview.origin.empty() ? std::string("an unknown tool") : preview.origin) +
            ": " + counts(preview) + ".\n" + details(preview) + "\nImport into this project?";
        wxMessageDialog ask(parent, wx(question), "Import preview",
                            wxYES_NO | wxYES_DEFAULT | wxICON_QUESTION);
        ask.SetYesNoLabels("Import", "Cancel");
        if (ask.ShowModal() != wxID_YES) {
            return;
        }
        const exchange::ImportReport report = run_modal<exchange::ImportReport>(
            parent, "Import", wx("Importing " + file),
            [project_path, file, codebook](const Progress&) {
                // The worker has its own connection: connections never cross threads.
                Project project = Project::open(project_path);
                label_actions(project,
                              codebook ? "Import REFI-QDA Codebook" : "Import REFI-QDA Project");
                return codebook ? exchange::import_qdc(project, file)
                                : exchange::import_qdpx(project, file);
            });
        imported = true;
        wxMessageBox(wx("Imported " + counts(report) + ".\n" + details(report)), "Import finished",
                     wxOK | wxICON_INFORMATION, parent);
    });
    return imported;
}

void export_refi_project(wxWindow* parent, const std::string& project_path) {
    export_content(parent, project_path, exchange::ExportContent::Project,
                   "Export as REFI-QDA project", "project.qdpx",
                   "REFI-QDA projects (*.qdpx)|*.qdpx");
}

void export_refi_codebook(wxWindow* parent, const std::string& project_path) {
    export_content(parent, project_path, exchange::ExportContent::Codebook,
                   "Export the codebook (REFI-QDA)", "codebook.qdc",
                   "REFI-QDA codebooks (*.qdc)|*.qdc");
}

void export_segments(wxWindow* parent, const std::string& project_path) {
    export_segments(parent, project_path, CodingFilter{});
}

void export_segments(wxWindow* parent, const std::string& project_path,
                     const CodingFilter& filter) {
    export_content(parent, project_path, exchange::ExportContent::Segments, "Export coded segments",
                   "segments.xlsx", "Excel workbooks (*.xlsx)|*.xlsx|CSV files (*.csv)|*.csv",
                   filter);
}

void export_codebook_table(wxWindow* parent, const std::string& project_path) {
    export_content(parent, project_path, exchange::ExportContent::Codebook, "Export the codebook",
                   "codebook.xlsx",
                   "Excel workbooks (*.xlsx)|*.xlsx|CSV files (*.csv)|*.csv|Markdown (*.md)|*.md");
}

void export_attribute_table(wxWindow* parent, const std::string& project_path) {
    export_content(parent, project_path, exchange::ExportContent::Attributes,
                   "Export the attribute table", "attributes.xlsx",
                   "Excel workbooks (*.xlsx)|*.xlsx|CSV files (*.csv)|*.csv");
}

void export_project_report(wxWindow* parent, const std::string& project_path) {
    const std::string path =
        export_content(parent, project_path, exchange::ExportContent::Report,
                       "Export a project report", "report.html", "HTML files (*.html)|*.html");
    if (!path.empty()) {
        wxLaunchDefaultBrowser(wxFileName::FileNameToURL(wx(path)));
    }
}

}  // namespace quire::gui
