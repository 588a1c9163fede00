// SPDX-License-Identifier: GPL-3.0-or-later
// MainFrame's Analyse > Cases and Attribute Sheet.
#include <wx/notebook.h>

#include "app/gui/cases_ui.h"
#include "app/gui/error_dialog.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/memo_pane.h"
#include "app/gui/transcript_view.h"

namespace quire::gui {

void MainFrame::bind_cases_menu() {
    on_menu(kCases, [this] {
        if (!project_) {
            return;
        }
        memo_pane_->save_now();
        CaseManagerDialog dialog(
            this, *project_, current_document_,
            current_document_ ? transcript_->selection_code_points() : TextRange{});
        const bool memo_wanted = dialog.ShowModal() == wxID_EDIT && dialog.memo_case;
        // A case removed or renamed in the dialog: the memo pane offers it as it now is.
        if (const auto offered = memo_pane_->offered(Memo::Target::Case)) {
            std::optional<MemoTarget> now;
            guarded(this, [&] {
                for (const Case& c : project_->cases()) {
                    if (c.id == offered->id) {
                        now = MemoTarget{Memo::Target::Case, c.id, c.name};
                    }
                }
            });
            memo_pane_->offer(Memo::Target::Case, now, false);
        }
        refresh_all();  // a removed case takes its memos with it
        if (memo_wanted) {
            const Case& c = *dialog.memo_case;
            memo_pane_->offer(Memo::Target::Case, MemoTarget{Memo::Target::Case, c.id, c.name},
                              true);
            side_->SetSelection(static_cast<size_t>(side_->FindPage(memo_pane_)));
            memo_pane_->focus_text();
        }
    });
    on_menu(kAttributeSheet, [this] {
        if (!project_) {
            return;
        }
        AttributeSheetDialog dialog(this, *project_);
        dialog.ShowModal();
        refresh_all();  // attributes are search filters too
    });
}

}  // namespace quire::gui
