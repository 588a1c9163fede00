// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/exchange_ui.h"

#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/msgdlg.h>
#include <wx/progdlg.h>
#include <wx/utils.h>

#include <atomic>
#include <exception>
#include <fstream>
#include <thread>

#include "app/gui/error_dialog.h"
#include "app/gui/wx_strings.h"
#include "core/base/errors.h"
#include "core/exchange/qdpx_export.h"
#include "core/exchange/qdpx_import.h"
#include "core/exchange/tables.h"
#include "core/project/project.h"

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

}  // namespace

std::string save_path(wxWindow* parent, const wxString& title, const wxString& name,
                      const wxString& wildcard) {
    wxFileDialog dialog(parent, title, "", name, wildcard, wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    return dialog.ShowModal() == wxID_OK ? utf8(dialog.GetPath()) : std::string();
}

void run_in_background(wxWindow* parent, const std::string& title, const std::string& message,
                       const std::function<void()>& work) {
    std::atomic<bool> done{false};
    std::exception_ptr failure;
    std::thread worker([&] {
        try {
            work();
        } catch (...) {
            failure = std::current_exception();
        }
        done = true;
    });
    {
        wxProgressDialog progress(wx(title), wx(message), 100, parent,
                                  wxPD_APP_MODAL | wxPD_AUTO_HIDE | wxPD_ELAPSED_TIME);
        while (!done) {
            progress.Pulse();
            wxMilliSleep(40);
        }
    }
    worker.join();
    if (failure) {
        std::rethrow_exception(failure);
    }
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
    const bool codebook = lower_extension(dialog.GetPath()) == "qdc";
    bool imported = false;
    guarded(parent, [&] {
        exchange::ImportReport preview;
        run_in_background(parent, "Import", "Reading " + file, [&] {
            preview = codebook ? exchange::preview_qdc(file) : exchange::preview_qdpx(file);
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
        exchange::ImportReport report;
        run_in_background(parent, "Import", "Importing " + file, [&] {
            // The worker has its own connection: connections never cross threads.
            Project project = Project::open(project_path);
            report = codebook ? exchange::import_qdc(project, file)
                              : exchange::import_qdpx(project, file);
        });
        imported = true;
        wxMessageBox(wx("Imported " + counts(report) + ".\n" + details(report)), "Import finished",
                     wxOK | wxICON_INFORMATION, parent);
    });
    return imported;
}

void export_refi_project(wxWindow* parent, const std::string& project_path) {
    const std::string path = save_path(parent, "Export as REFI-QDA project", "project.qdpx",
                                       "REFI-QDA projects (*.qdpx)|*.qdpx");
    if (path.empty()) {
        return;
    }
    guarded(parent, [&] {
        run_in_background(parent, "Export", "Writing " + path, [&] {
            Project project = Project::open(project_path);
            exchange::export_qdpx(project, path);
        });
    });
}

void export_refi_codebook(wxWindow* parent, const std::string& project_path) {
    const std::string path = save_path(parent, "Export the codebook (REFI-QDA)", "codebook.qdc",
                                       "REFI-QDA codebooks (*.qdc)|*.qdc");
    if (!path.empty()) {
        guarded(parent, [&] {
            Project project = Project::open(project_path);
            exchange::export_qdc(project, path);
        });
    }
}

void export_segments(wxWindow* parent, const std::string& project_path) {
    const std::string path = save_path(parent, "Export coded segments", "segments.xlsx",
                                       "Excel workbooks (*.xlsx)|*.xlsx|CSV files (*.csv)|*.csv");
    if (path.empty()) {
        return;
    }
    guarded(parent, [&] {
        run_in_background(parent, "Export", "Writing " + path, [&] {
            Project project = Project::open(project_path);
            if (lower_extension(wx(path)) == "csv") {
                std::ofstream out(path, std::ios::binary);
                out << exchange::segments_csv(project);
                if (!out) {
                    throw Error("cannot write " + path);
                }
            } else {
                exchange::write_segments_xlsx(project, {}, path);
            }
        });
    });
}

void export_codebook_table(wxWindow* parent, const std::string& project_path) {
    const std::string path =
        save_path(parent, "Export the codebook", "codebook.xlsx",
                  "Excel workbooks (*.xlsx)|*.xlsx|CSV files (*.csv)|*.csv|Markdown (*.md)|*.md");
    if (path.empty()) {
        return;
    }
    guarded(parent, [&] {
        Project project = Project::open(project_path);
        const std::string ext = lower_extension(wx(path));
        if (ext == "xlsx") {
            exchange::write_codebook_xlsx(project, path);
            return;
        }
        std::ofstream out(path, std::ios::binary);
        out << (ext == "md" ? exchange::codebook_markdown(project)
                            : exchange::codebook_csv(project));
        if (!out) {
            throw Error("cannot write " + path);
        }
    });
}

void export_project_report(wxWindow* parent, const std::string& project_path) {
    const std::string path =
        save_path(parent, "Export a project report", "report.html", "HTML files (*.html)|*.html");
    if (path.empty()) {
        return;
    }
    guarded(parent, [&] {
        run_in_background(parent, "Export", "Writing " + path, [&] {
            Project project = Project::open(project_path);
            std::ofstream out(path, std::ios::binary);
            out << exchange::project_report_html(project);
            if (!out) {
                throw Error("cannot write " + path);
            }
        });
        wxLaunchDefaultBrowser(wxFileName::FileNameToURL(wx(path)));
    });
}

}  // namespace quire::gui
