// SPDX-License-Identifier: GPL-3.0-or-later
// MainFrame between sessions and after changes: what it remembers (recent projects, layout,
// zoom, options) and showing the project afresh.
#include <wx/listbox.h>
#include <wx/menu.h>
#include <wx/splitter.h>

#include <algorithm>

#include "app/gui/error_dialog.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/memo_pane.h"
#include "app/gui/transcript_view.h"
#include "app/gui/workbench_settings.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {

void MainFrame::save_layout() {
    settings_->set_number("maximized", IsMaximized() ? 1 : 0);
    if (!IsMaximized() && !IsIconized()) {
        settings_->set_number("width", GetSize().GetWidth());
        settings_->set_number("height", GetSize().GetHeight());
    }
    settings_->set_number("left_width", workbench_->GetSashPosition());
    settings_->set_number("documents_height", left_split_->GetSashPosition());
    settings_->set_number("side_width",
                          right_split_->GetSize().GetWidth() - right_split_->GetSashPosition());
    settings_->set_number("zoom", transcript_->GetZoom());
    settings_->set_number("snap_to_words", snap_to_words_ ? 1 : 0);
    settings_->set_number("code_counts", static_cast<int>(code_counts_));
    settings_->set_number("counts_in_open_document", counts_in_open_document_ ? 1 : 0);
    settings_->flush();
}

std::vector<std::string> MainFrame::recent_projects() const {
    return settings_->recent_projects();
}

void MainFrame::refresh_recent_projects() {
    const std::vector<std::string> recent = settings_->recent_projects();
    wxMenuBar* bar = GetMenuBar();
    for (int n = 1; n <= kRecentProjects; ++n) {
        const auto index = static_cast<std::size_t>(n - 1);
        const int id = kRecentProject1 + n - 1;
        bar->SetLabel(id, index < recent.size() ? wx("&" + std::to_string(n) + " " + recent[index])
                                                : wxString("(none)"));
        bar->Enable(id, index < recent.size());
    }
}

void MainFrame::refresh_all() {
    refresh_memo_marks();
    memo_pane_->reload();
    refresh_documents();
    refresh_codebook();
    const bool gone = current_document_ && std::find(document_ids_.begin(), document_ids_.end(),
                                                     *current_document_) == document_ids_.end();
    if (gone || !current_document_) {
        current_document_.reset();
        if (!document_ids_.empty()) {
            select_document(document_ids_.front());
        } else {
            transcript_->clear_text();
        }
    }
    refresh_codings();
    refresh_undo_menu();
    if (project_) {
        // This window's own change: not one to show afresh when it next comes to the front.
        guarded(this, [&] { seen_changes_elsewhere_ = project_->changes_elsewhere(); });
    }
}

}  // namespace quire::gui
