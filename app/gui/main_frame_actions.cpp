// SPDX-License-Identifier: GPL-3.0-or-later
// MainFrame's menus and the actions behind them (the window itself is in main_frame.cpp).
#include "app/gui/main_frame.h"

#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>

#include "app/gui/code_editor.h"
#include "app/gui/codebook_ui.h"
#include "app/gui/error_dialog.h"
#include "app/gui/exchange_ui.h"
#include "app/gui/import_ui.h"
#include "app/gui/journal_ui.h"
#include "app/gui/main_menu.h"
#include "app/gui/memo_pane.h"
#include "app/gui/search_panel.h"
#include "app/gui/transcript_view.h"
#include "app/gui/wx_strings.h"
#include "core/demo/demo.h"

namespace quire::gui {

void MainFrame::build_menu() {
    SetMenuBar(make_menu_bar());
    bind_file_menu();
    bind_edit_menu();
    bind_codes_menu();
    bind_analyse_menu();
    bind_help_menu();
    bind_memo_menu();
    bind_cases_menu();
    bind_documents_menu();
    bind_query_menu();
    bind_team_menu();
}

void MainFrame::on_menu(int id, std::function<void()> action) {
    Bind(
        wxEVT_MENU,
        [this, id, action = std::move(action)](wxCommandEvent&) {
            // The journal names the action as the menu does ("Rename Code").
            if (project_ && id != wxID_UNDO && id != wxID_REDO) {
                const wxMenuItem* item = GetMenuBar()->FindItem(id);
                label(item != nullptr ? action_name(utf8(item->GetItemLabel())) : "Workbench");
            }
            action();
            refresh_undo_menu();
        },
        id);
}

void MainFrame::label(const std::string& what) {
    if (project_) {
        set_workbench_actor(coder_name());
        label_actions(*project_, what);
    }
}

void MainFrame::bind_file_menu() {
    on_menu(wxID_NEW, [this] { on_new_project(); });
    on_menu(wxID_OPEN, [this] { on_open_project(); });
    on_menu(kOpenDemo, [this] { on_open_demo(); });
    for (int n = 1; n <= kRecentProjects; ++n) {
        on_menu(kRecentProject1 + n - 1, [this, n] {
            const std::vector<std::string> recent = recent_projects();
            if (static_cast<std::size_t>(n) <= recent.size()) {
                open_project(recent[static_cast<std::size_t>(n - 1)]);
            }
        });
    }
    on_menu(kImport, [this] { on_import(); });
    on_menu(kImportRefi, [this] { on_import_refi(); });
    const std::pair<int, void (*)(wxWindow*, const std::string&)> export_actions[] = {
        {kExportRefi, &export_refi_project},
        {kExportQdc, &export_refi_codebook},
        {kExportSegments, &export_segments},
        {kExportCodebook, &export_codebook_table},
        {kExportReport, &export_project_report}};
    for (const auto& [id, export_action] : export_actions) {
        on_menu(id, [this, action = export_action] {
            if (project_) {
                action(this, project_->path());
            }
        });
    }
    on_menu(kDeleteDocument, [this] { on_delete_document(); });
    on_menu(wxID_CLOSE, [this] { close_project(); });
    on_menu(wxID_EXIT, [this] { Close(); });
}

void MainFrame::bind_edit_menu() {
    on_menu(wxID_UNDO, [this] { undo(); });
    on_menu(wxID_REDO, [this] { redo(); });
    // Opening the menu asks the file, so the items are right after another program's changes.
    Bind(wxEVT_MENU_OPEN, [this](wxMenuEvent& e) {
        e.Skip();
        refresh_undo_menu();
    });
}

bool MainFrame::undo() {
    return turn_journal(true);
}

bool MainFrame::redo() {
    return turn_journal(false);
}

bool MainFrame::turn_journal(bool undo) {
    if (!project_) {
        return false;
    }
    memo_pane_->save_now();  // a memo being typed is an action to undo too
    std::optional<JournalEntry> next;
    guarded(this, [&] { next = undo ? project_->next_undo() : project_->next_redo(); });
    if (!next) {
        SetStatusText(undo ? "Nothing to undo." : "Nothing to redo.", 0);
        refresh_undo_menu();
        return false;
    }
    JournalEntry done;
    const bool ok = guarded(this, [&] { done = undo ? project_->undo() : project_->redo(); });
    refresh_all();
    if (ok) {
        SetStatusText(
            wx(std::string(undo ? "Undone: " : "Redone: ") + done.what + " (" + done.changes + ")"),
            0);
    }
    return ok;
}

void MainFrame::refresh_undo_menu() {
    wxMenuBar* bar = GetMenuBar();
    if (bar == nullptr || bar->FindItem(wxID_UNDO) == nullptr) {
        return;
    }
    std::optional<JournalEntry> undo;
    std::optional<JournalEntry> redo;
    if (project_) {
        try {
            undo = project_->next_undo();
            redo = project_->next_redo();
        } catch (const Error&) {
            // The file cannot be read now: the items stay off until it can.
        }
    }
    bar->SetLabel(wxID_UNDO,
                  wx((undo ? "&Undo " + undo->what : std::string("&Undo")) + "\tCtrl+Z"));
    bar->SetLabel(wxID_REDO,
                  wx((redo ? "&Redo " + redo->what : std::string("&Redo")) + "\tCtrl+Shift+Z"));
    bar->Enable(wxID_UNDO, undo.has_value());
    bar->Enable(wxID_REDO, redo.has_value());
}

void MainFrame::bind_codes_menu() {
    on_menu(kApplyCode, [this] {
        if (const auto code = selected_code()) {
            apply_code_to_selection(*code);
        }
    });
    on_menu(kRemoveCoding, [this] { on_remove_coding(); });
    on_menu(kNewCode, [this] { on_new_code(false); });
    on_menu(kNewChildCode, [this] { on_new_code(true); });
    on_menu(kEditCode, [this] { on_edit_code(); });
    on_menu(kRenameCode, [this] { on_rename_code(); });
    on_menu(kRecolourCode, [this] { on_recolour_code(); });
    on_menu(kMoveCode, [this] { on_move_code(); });
    on_menu(kMergeCode, [this] { on_merge_code(); });
    on_menu(kDeleteCode, [this] { on_delete_code(); });
}

void MainFrame::bind_analyse_menu() {
    on_menu(kAgreement, [this] { open_agreement(); });
    on_menu(kSearch, [this] { show_search(); });
    on_menu(kRetrievedSegments, [this] { show_retrieved(); });
}

void MainFrame::bind_help_menu() {
    on_menu(wxID_ABOUT, [this] {
        wxMessageBox(
            L"Quire — a qualitative coding workbench for interview transcripts.\n\n"
            "Positions are Unicode code points; the project file is SQLite and is saved "
            "with every action.",
            "About Quire", wxOK | wxICON_INFORMATION, this);
    });
}

void MainFrame::on_import_refi() {
    if (project_ && import_refi_project(this, project_->path())) {
        refresh_documents();
        refresh_codebook();
        if (!current_document_ && !document_ids_.empty()) {
            select_document(document_ids_.front());
        }
        refresh_codings();
    }
}

void MainFrame::on_new_project() {
    wxFileDialog dialog(this, "New Quire project", "", "Untitled.quire",
                        "Quire projects (*.quire)|*.quire", wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    const std::string path = utf8(dialog.GetPath());
    if (guarded(this, [&] { Project::create(path); })) {
        open_project(path);
    }
}

void MainFrame::on_open_project() {
    wxFileDialog dialog(this, "Open Quire project", "", "", "Quire projects (*.quire)|*.quire",
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() == wxID_OK) {
        open_project(utf8(dialog.GetPath()));
    }
}

void MainFrame::on_open_demo() {
    std::string path;
    if (guarded(this, [&] { path = demo::fresh_demo_copy(); })) {
        open_project(path);
    }
}

void MainFrame::on_import() {
    if (!project_ || !ask_and_import_transcripts(this, project_->path())) {
        return;
    }
    refresh_documents();
    search_->refresh_index();
    if (!current_document_ && !document_ids_.empty()) {
        select_document(document_ids_.front());
    }
}

void MainFrame::on_new_code(bool as_child) {
    if (!project_) {
        return;
    }
    const std::optional<Id> parent = as_child ? selected_code() : std::nullopt;
    if (as_child && !parent) {
        SetStatusText("Select the parent code first.", 0);
        return;
    }
    if (ask_new_code(this, *project_, parent)) {
        refresh_codebook();
    }
}

void MainFrame::on_edit_code() {
    if (const auto id = selected_code(); project_ && id) {
        if (edit_code(this, *project_, *id)) {
            refresh_codebook();  // name, colour or codable may have changed
            refresh_codings();
        }
    }
}

void MainFrame::on_rename_code() {
    if (const auto id = selected_code(); project_ && id && ask_rename_code(this, *project_, *id)) {
        refresh_codebook();
        refresh_codings();
    }
}

void MainFrame::on_recolour_code() {
    if (const auto id = selected_code(); project_ && id && ask_code_colour(this, *project_, *id)) {
        refresh_codebook();
        refresh_codings();
    }
}

void MainFrame::on_move_code() {
    if (const auto id = selected_code(); project_ && id && ask_move_code(this, *project_, *id)) {
        refresh_codebook();
    }
}

void MainFrame::on_merge_code() {
    if (const auto id = selected_code(); project_ && id && ask_merge_code(this, *project_, *id)) {
        refresh_codebook();
        refresh_codings();
    }
}

void MainFrame::on_delete_code() {
    if (const auto id = selected_code(); project_ && id && ask_delete_code(this, *project_, *id)) {
        refresh_codebook();
        refresh_codings();
    }
}

void MainFrame::on_delete_document() {
    if (!project_ || !current_document_) {
        return;
    }
    Document d;
    std::size_t codings = 0;
    if (!guarded(this, [&] {
            d = project_->document(*current_document_);
            CodingFilter filter;
            filter.document_id = d.id;
            codings = project_->codings(filter).size();
        })) {
        return;
    }
    if (wxMessageBox(wx(delete_document_question(d.name, static_cast<std::int64_t>(codings))),
                     "Delete document", wxYES_NO | wxNO_DEFAULT | wxICON_WARNING, this) != wxYES) {
        return;
    }
    guarded(this, [&] { project_->delete_document(d.id); });
    search_->refresh_index();  // deleted text leaves the index now
    current_document_.reset();
    transcript_->clear_text();
    refresh_documents();
    refresh_codings();
    if (!document_ids_.empty()) {
        select_document(document_ids_.front());
    }
}

void MainFrame::on_remove_coding() {
    if (!project_) {
        return;
    }
    const long row = codings_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= shown_codings_.size()) {
        SetStatusText("Select a coding in the list first.", 0);
        return;
    }
    const Coding coding = shown_codings_[static_cast<std::size_t>(row)];
    if (guarded(this, [&] { project_->remove_coding(coding.id); })) {
        SetStatusText(wx("Removed the coding [" + std::to_string(coding.start) + ", " +
                         std::to_string(coding.end) + "). Edit > Undo brings it back."),
                      0);
    }
    refresh_codings();
    refresh_codebook();
}

}  // namespace quire::gui
