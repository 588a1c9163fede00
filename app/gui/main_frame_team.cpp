// SPDX-License-Identifier: GPL-3.0-or-later
// Teams in the workbench: File > Hand Out Copy to a Coder, File > Merge a Coder's Copy and
// View > History (the dialogs are in team_ui.cpp and audit_view.cpp).
#include <wx/filedlg.h>
#include <wx/menu.h>

#include "app/gui/audit_view.h"
#include "app/gui/error_dialog.h"
#include "app/gui/job_dialog.h"
#include "app/gui/journal_ui.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/memo_pane.h"
#include "app/gui/search_panel.h"
#include "app/gui/team_ui.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {
namespace {

// The plan computed on a worker, under a dialog that says what is being read: a copy of a
// large project takes a while to compare.
team::MergePlan plan_on_worker(wxWindow* parent, const std::string& project_path,
                               const std::string& copy_path, const team::MergeOptions& options) {
    return run_modal<team::MergePlan>(parent, "Merge",
                                      wx("Comparing " + copy_path + " with this project"),
                                      [project_path, copy_path, options](const Progress&) {
                                          return plan_copy_merge(project_path, copy_path, options);
                                      });
}

}  // namespace

void MainFrame::bind_team_menu() {
    on_menu(kHandOut, [this] { on_hand_out(); });
    on_menu(kMergeCopy, [this] { on_merge_copy(); });
    on_menu(kHistory, [this] { open_history(); });
}

void MainFrame::on_hand_out() {
    if (!project_) {
        return;
    }
    // Handing out records the copy and may add its coder: a change like any other.
    if (hand_out_copy(this, *project_)) {
        refresh_all();
        SetStatusText("Copy handed out.", 0);
    }
}

void MainFrame::on_merge_copy() {
    if (!project_) {
        return;
    }
    wxFileDialog file(this, "Merge a coder's copy", "", "",
                      "Copies of a project (*.quire;*.qdpx)|*.quire;*.qdpx|Quire projects "
                      "(*.quire)|*.quire|REFI-QDA exports of a copy (*.qdpx)|*.qdpx",
                      wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (file.ShowModal() != wxID_OK) {
        return;
    }
    const std::string copy_path = utf8(file.GetPath());
    const std::string project_path = project_->path();
    memo_pane_->save_now();  // the plan compares what is on disk
    team::MergePlan first;
    const team::MergeOptions options = first_merge_options();
    if (!guarded(this, [&] { first = plan_on_worker(this, project_path, copy_path, options); })) {
        return;
    }
    MergePreviewDialog preview(
        this, copy_path,
        [this, project_path, copy_path](const team::MergeOptions& chosen) {
            return plan_on_worker(this, project_path, copy_path, chosen);
        },
        std::move(first), options);
    if (preview.ShowModal() == wxID_OK) {
        merge_copy(copy_path, preview.options());
    }
}

bool MainFrame::merge_copy(const std::string& copy_path, const team::MergeOptions& options) {
    if (!project_) {
        return false;
    }
    memo_pane_->save_now();
    set_workbench_actor(coder_name());
    const wxMenuItem* item = GetMenuBar()->FindItem(kMergeCopy);
    const std::string what =
        item != nullptr ? action_name(utf8(item->GetItemLabel())) : "Merge a Coder's Copy";
    const std::string project_path = project_->path();
    team::MergePlan done;
    const bool merged = guarded(this, [&] {
        JobDialog::Options progress;
        progress.can_cancel = true;
        progress.describe = [](std::size_t n, std::size_t total) {
            return wxString::Format("Merging: %zu of %zu changes", n, total);
        };
        done = run_modal<team::MergePlan>(
            this, "Merge", wx("Merging " + copy_path),
            [project_path, copy_path, options, what](const Progress& p) {
                return run_copy_merge(project_path, copy_path, options, what, p);
            },
            std::move(progress));
    });
    refresh_all();
    search_->refresh_index();  // a merge may bring documents
    if (history_) {
        history_->reload();
    }
    if (merged) {
        const auto count = [](std::size_t n, const char* one, const char* many) {
            return std::to_string(n) + " " + (n == 1 ? one : many);
        };
        SetStatusText(
            wx("Merged " + done.peer_name + ": " + count(done.changes.size(), "change", "changes") +
               ", " + count(done.conflicts.size(), "conflict", "conflicts") +
               " resolved. Edit > Undo takes the merge back."),
            0);
    }
    return merged;
}

AuditFrame* MainFrame::open_history() {
    if (!project_) {
        return nullptr;
    }
    if (!history_) {
        AuditFrame* opened = nullptr;
        if (!guarded(this, [&] { opened = new AuditFrame(this, project_->path()); })) {
            return nullptr;
        }
        history_ = opened;
    } else {
        history_->reload();
    }
    history_->Show();
    history_->Raise();
    return history_;
}

}  // namespace quire::gui
