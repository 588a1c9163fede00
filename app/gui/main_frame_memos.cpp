// SPDX-License-Identifier: GPL-3.0-or-later
// MainFrame's memos: the memo pane, the marks beside what has a memo, the Memos list and
// the tooltip over coded passages.
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/settings.h>
#include <wx/treectrl.h>

#include <algorithm>

#include "app/gui/coding_tooltip.h"
#include "app/gui/error_dialog.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/memo_pane.h"
#include "app/gui/transcript_view.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {
namespace {

// How long the pointer rests on a coded passage before its tooltip shows.
constexpr int kDwellMs = 600;

}  // namespace

wxWindow* MainFrame::build_memo_pane(wxWindow* parent) {
    MemoPane::Callbacks callbacks;
    callbacks.label = [this](const std::string& what) { label(what); };
    callbacks.coder = [this] { return coder_name(); };
    callbacks.saved = [this](bool created_or_removed, const std::string& status) {
        if (created_or_removed) {
            // A save on leaving the box comes in the middle of a click on a list: rebuild
            // the lists once that click is done, not under it.
            CallAfter([this] {
                refresh_memo_marks();
                refresh_documents();
                refresh_codebook();
                refresh_codings();
            });
        }
        refresh_undo_menu();
        SetStatusText(wx(status), 0);
        if (project_) {
            guarded(this, [&] { seen_changes_elsewhere_ = project_->changes_elsewhere(); });
        }
    };
    memo_pane_ = new MemoPane(parent, callbacks);
    return memo_pane_;
}

void MainFrame::bind_memo_menu() {
    on_menu(kMemoOfSelection, [this] { show_memo_of_selection(); });
    on_menu(kMemoList, [this] {
        if (!project_) {
            return;
        }
        memo_pane_->save_now();
        if (const std::optional<MemoEntry> chosen = choose_memo(this, *project_)) {
            open_memo(*chosen);
        }
    });
}

void MainFrame::bind_memo_events() {
    codebook_->Bind(wxEVT_TREE_SEL_CHANGED, [this](wxTreeEvent& e) {
        e.Skip();
        const std::optional<Id> code = selected_code();
        if (!project_ || !code) {
            return;  // the tree being rebuilt: the code memo on offer stays
        }
        // The name, not the path: the pane is narrow and the codebook shows where it is.
        std::string name;
        guarded(this, [&] { name = project_->code(*code).name; });
        // Choosing a code shows its memo; the tree reselecting the same code after a
        // refresh leaves the pane on what it shows.
        const std::optional<MemoTarget> offered = memo_pane_->offered(Memo::Target::Code);
        const bool chosen_anew = !offered || offered->id != code;
        memo_pane_->offer(Memo::Target::Code, MemoTarget{Memo::Target::Code, *code, name},
                          chosen_anew);
    });
    transcript_->SetMouseDwellTime(kDwellMs);
    // Scintilla's call tips are grey on white; a tooltip reads better as the system's.
    transcript_->CallTipSetForeground(wxSystemSettings::GetColour(wxSYS_COLOUR_INFOTEXT));
    transcript_->CallTipSetBackground(wxSystemSettings::GetColour(wxSYS_COLOUR_INFOBK));
    transcript_->Bind(wxEVT_STC_DWELLSTART, [this](wxStyledTextEvent& e) {
        const std::string tip =
            transcript_tooltip(transcript_->code_point_at_position(e.GetPosition()));
        if (!tip.empty()) {
            transcript_->CallTipShow(e.GetPosition(), wx(tip));
        }
    });
    transcript_->Bind(wxEVT_STC_DWELLEND, [this](wxStyledTextEvent&) {
        if (transcript_->CallTipActive()) {
            transcript_->CallTipCancel();
        }
    });
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        memo_pane_->save_now();  // typing, then closing at once, keeps what was typed
        e.Skip();
    });
}

std::string MainFrame::memo_mark(Memo::Target kind, Id id) const {
    return memo_marks_ && memo_marks_->has(kind, id) ? kMemoMark : "";
}

void MainFrame::refresh_memo_marks() {
    if (!project_) {
        memo_marks_.reset();
        return;
    }
    auto marks = std::make_unique<MemoMarks>();
    if (guarded(this, [&] { *marks = memo_marks(*project_); })) {
        memo_marks_ = std::move(marks);
    }
}

void MainFrame::offer_coding_memo(const Coding& coding) {
    std::string name;
    guarded(this, [&] {
        name = project_->code_path(coding.code_id) + " [" + std::to_string(coding.start) + ", " +
               std::to_string(coding.end) + ")";
    });
    memo_pane_->offer(Memo::Target::Coding, MemoTarget{Memo::Target::Coding, coding.id, name},
                      true);
}

void MainFrame::show_memo_of_selection() {
    if (!project_) {
        return;
    }
    // Codes menu actions act on the codebook's selection; the memo follows the same rule
    // when the codebook has the focus.
    if (codebook_->HasFocus() && selected_code()) {
        memo_pane_->show_kind(Memo::Target::Code);
    }
    side_->SetSelection(static_cast<size_t>(side_->FindPage(memo_pane_)));
    memo_pane_->focus_text();
}

void MainFrame::open_memo(const MemoEntry& entry) {
    if (!project_) {
        return;
    }
    const Memo& m = entry.memo;
    switch (m.target) {
        case Memo::Target::Project:
            memo_pane_->show_kind(Memo::Target::Project);
            break;
        case Memo::Target::Document:
            select_document(*m.target_id);
            break;
        case Memo::Target::Code:
            select_code(*m.target_id);  // offers the code's memo, as a click would
            memo_pane_->show_kind(Memo::Target::Code);
            break;
        case Memo::Target::Coding: {
            std::optional<Coding> coding;
            guarded(this, [&] { coding = project_->coding(*m.target_id); });
            if (!coding || (current_document_ != coding->document_id &&
                            !select_document(coding->document_id))) {
                return;
            }
            transcript_->select_code_points({coding->start, coding->end});
            const auto row = std::find_if(shown_codings_.begin(), shown_codings_.end(),
                                          [&](const Coding& c) { return c.id == coding->id; });
            if (row != shown_codings_.end()) {
                codings_->SetItemState(row - shown_codings_.begin(), wxLIST_STATE_SELECTED,
                                       wxLIST_STATE_SELECTED);
                codings_->EnsureVisible(row - shown_codings_.begin());
            }
            offer_coding_memo(*coding);
            break;
        }
        case Memo::Target::Case:
            memo_pane_->offer(Memo::Target::Case,
                              MemoTarget{Memo::Target::Case, m.target_id, entry.attached_to}, true);
            break;
    }
    side_->SetSelection(static_cast<size_t>(side_->FindPage(memo_pane_)));
    memo_pane_->focus_text();
}

std::string MainFrame::transcript_tooltip(std::int64_t code_point) {
    if (!project_ || code_point < 0) {
        return {};
    }
    std::string tip;
    guarded(this, [&] {
        for (const Coding& c : shown_codings_) {
            if (c.start <= code_point && code_point < c.end) {
                tip += (tip.empty() ? "" : "\n\n") + coding_tooltip(*project_, c);
            }
        }
    });
    return tip;
}

}  // namespace quire::gui
