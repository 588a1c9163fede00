// SPDX-License-Identifier: GPL-3.0-or-later
// MainFrame: coding as coders work. Keyboard coding (quick code, in vivo, recent codes),
// boundaries and recoding, blind coding and hidden layers, drag and drop, the transcript's
// context menu, find and zoom.
#include <wx/choicdlg.h>
#include <wx/combobox.h>
#include <wx/dnd.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/treectrl.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "app/gui/codebook_ui.h"
#include "app/gui/error_dialog.h"
#include "app/gui/find_bar.h"
#include "app/gui/journal_ui.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/memo_pane.h"
#include "app/gui/search_panel.h"
#include "app/gui/transcript_view.h"
#include "app/gui/wx_strings.h"
#include "core/base/errors.h"
#include "core/text/unicode.h"
#include "core/text/words.h"

namespace quire::gui {
namespace {

// What a drag carries: the transcript's selection (the drop side reads the selection
// itself), or a code by id.
const char* const kSelectionDrag = "quire:selection";
const char* const kCodeDragPrefix = "quire:code:";

class SelectionDropTarget : public wxTextDropTarget {
public:
    explicit SelectionDropTarget(MainFrame* frame) : frame_(frame) {}
    bool OnDropText(wxCoord x, wxCoord y, const wxString& text) override {
        return text == kSelectionDrag && frame_->drop_selection_on_codebook(wxPoint(x, y));
    }

private:
    MainFrame* frame_;
};

class CodeDropTarget : public wxTextDropTarget {
public:
    explicit CodeDropTarget(MainFrame* frame) : frame_(frame) {}
    bool OnDropText(wxCoord, wxCoord, const wxString& text) override {
        const std::string dropped = utf8(text);
        const std::string prefix = kCodeDragPrefix;
        if (dropped.rfind(prefix, 0) != 0) {
            return false;
        }
        try {
            return frame_->drop_code_on_transcript(std::stoll(dropped.substr(prefix.size())));
        } catch (const std::exception&) {
            return false;
        }
    }

private:
    MainFrame* frame_;
};

// A code name from a passage's words: one line, at most 60 characters cut at a space, no
// "/" (which separates a code path).
std::string in_vivo_name(const std::string& passage) {
    std::string one_line;
    bool space = false;
    for (const char c : passage) {
        if (c == '\n' || c == '\t' || c == ' ' || c == '\r') {
            space = !one_line.empty();
            continue;
        }
        if (space) {
            one_line += ' ';
            space = false;
        }
        one_line += c;
    }
    std::string name;
    std::size_t at = 0;
    while (at < one_line.size()) {
        const std::size_t slash = one_line.find('/', at);
        name += one_line.substr(at, slash - at);
        if (slash == std::string::npos) {
            break;
        }
        name += "\u2215";  // division slash, as imports do
        at = slash + 1;
    }
    if (text::code_point_count(name) > 60) {
        std::string cut = text::slice(name, 0, 60);
        const std::size_t last_space = cut.rfind(' ');
        if (last_space != std::string::npos && last_space > 20) {
            cut.erase(last_space);
        }
        name = cut + "\u2026";
    }
    return name;
}

// How well a code matches what was typed, ignoring case and accents: 3 the whole name, 2 the
// start of the name, 1 anywhere in the path, 0 not at all.
int match_rank(const std::string& typed, const std::string& name, const std::string& path) {
    const std::vector<TextRange> in_name = text::find_folded(name, typed);
    if (!in_name.empty() && in_name.front().start == 0) {
        return in_name.front().end == text::code_point_count(name) ? 3 : 2;
    }
    return text::find_folded(path, typed).empty() ? 0 : 1;
}

}  // namespace

void MainFrame::bind_coding_menu() {
    for (int n = 1; n <= kRecentCodes; ++n) {
        on_menu(kRecentCode1 + n - 1, [this, n] { apply_recent_code(n); });
    }
    on_menu(kQuickCode, [this] {
        quick_pick_->SetFocus();
        quick_pick_->SelectAll();
    });
    on_menu(kCodeInVivo, [this] { code_in_vivo(); });
    on_menu(kSnapToWords, [this] { set_snap_to_words(GetMenuBar()->IsChecked(kSnapToWords)); });
    on_menu(kFitCoding, [this] { fit_selected_coding_to_selection(); });
    on_menu(kRecodeCoding, [this] { on_recode(); });
    on_menu(kBlindCoding, [this] { set_blind(GetMenuBar()->IsChecked(kBlindCoding)); });
    on_menu(kShowCoders, [this] { on_show_coders(); });
    on_menu(kHideCode, [this] {
        if (const auto code = selected_code()) {
            hide_code(*code, true);
        }
    });
    on_menu(kShowAllCodes, [this] {
        if (!project_) {
            return;
        }
        guarded(this, [&] {
            const Coder coder = project_->ensure_coder(coder_name());
            CoderView view = project_->coder_view(coder.id);
            view.hidden_codes.clear();
            project_->set_coder_view(coder.id, view);
        });
        load_view();
        refresh_codings();
    });
    on_menu(kFindInTranscript, [this] { find_bar_->open(); });
    on_menu(kFindNext, [this] {
        if (!find_bar_->IsShown()) {
            find_bar_->open();
        } else {
            find_bar_->next();
        }
    });
    on_menu(kFindPrevious, [this] { find_bar_->previous(); });
    on_menu(kCountCodings,
            [this] { set_code_counts(CodeCounts::Codings, counts_in_open_document_); });
    on_menu(kCountDocuments,
            [this] { set_code_counts(CodeCounts::Documents, counts_in_open_document_); });
    on_menu(kCountCoverage,
            [this] { set_code_counts(CodeCounts::Coverage, counts_in_open_document_); });
    on_menu(kCountThisDocument,
            [this] { set_code_counts(code_counts_, GetMenuBar()->IsChecked(kCountThisDocument)); });
    on_menu(kZoomIn, [this] { transcript_->ZoomIn(); });
    on_menu(kZoomOut, [this] { transcript_->ZoomOut(); });
    on_menu(kZoomReset, [this] { transcript_->SetZoom(0); });
    transcript_->Bind(wxEVT_CONTEXT_MENU, &MainFrame::on_transcript_menu, this);
    bind_drag_and_drop();
}

TextRange MainFrame::selection_to_code() {
    const TextRange selected = transcript_->selection_code_points();
    if (selected.empty()) {
        return selected;
    }
    TextRange range = transcript_->whole_characters(selected);
    if (snap_to_words_) {
        guarded(this, [&] { range = text::WordBreaks(transcript_->text()).snap(range); });
    }
    return range;
}

void MainFrame::set_snap_to_words(bool snap) {
    snap_to_words_ = snap;
    GetMenuBar()->Check(kSnapToWords, snap);
}

void MainFrame::note_recent_code(Id code) {
    recent_codes_.erase(std::remove(recent_codes_.begin(), recent_codes_.end(), code),
                        recent_codes_.end());
    recent_codes_.insert(recent_codes_.begin(), code);
    if (recent_codes_.size() > static_cast<std::size_t>(kRecentCodes)) {
        recent_codes_.resize(kRecentCodes);
    }
    refresh_recent_menu();
}

void MainFrame::refresh_recent_menu() {
    wxMenuBar* bar = GetMenuBar();
    std::vector<Id> still;
    for (const Id id : recent_codes_) {
        try {
            if (project_) {
                project_->code(id);
                still.push_back(id);
            }
        } catch (const Error&) {
            // Deleted since, or undone: it leaves the list.
        }
    }
    recent_codes_ = still;
    for (int n = 1; n <= kRecentCodes; ++n) {
        const int id = kRecentCode1 + n - 1;
        const auto index = static_cast<std::size_t>(n - 1);
        std::string label = "(none)";
        if (index < recent_codes_.size()) {
            label = "&" + std::to_string(n) + " " + project_->code_path(recent_codes_[index]);
        }
        bar->SetLabel(id, wx(label) + wxString::Format("\tCtrl+%d", n));
        bar->Enable(id, index < recent_codes_.size());
    }
}

bool MainFrame::apply_recent_code(int n) {
    if (n < 1 || static_cast<std::size_t>(n) > recent_codes_.size()) {
        SetStatusText(wxString::Format("No recent code %d yet: code with a code first.", n), 0);
        return false;
    }
    return apply_code_to_selection(recent_codes_[static_cast<std::size_t>(n - 1)]);
}

std::optional<Id> MainFrame::resolve_code(const std::string& typed, int& matches) {
    matches = 0;
    std::optional<Id> chosen;
    try {
        chosen = project_->find_code(typed).id;
        matches = 1;
        return chosen;
    } catch (const NotFoundError&) {
        // Not a path, name or id: the closest codable code, if one stands out.
    }
    int best = 0;
    guarded(this, [&] {
        for (const Code& c : project_->codes()) {
            if (!c.codable) {
                continue;
            }
            const int rank = match_rank(typed, c.name, project_->code_path(c.id));
            if (rank > best) {
                best = rank;
                matches = 1;
                chosen = c.id;
            } else if (rank == best && rank > 0) {
                ++matches;
            }
        }
    });
    return matches == 1 ? chosen : std::nullopt;
}

void MainFrame::on_quick_pick() {
    if (!project_) {
        return;
    }
    const std::string typed = text::to_nfc(utf8(quick_pick_->GetValue()));
    if (typed.find_first_not_of(" \t") == std::string::npos) {
        return;
    }
    int matches = 0;
    const std::optional<Id> code = resolve_code(typed, matches);
    if (code) {
        apply_code_to_selection(*code);
    } else if (matches > 1) {
        quick_code(typed, false);  // says how many match
    } else if (wxMessageBox(wx("There is no code \"" + typed +
                               "\". Create it and code the selection with it?"),
                            "Quick Code", wxYES_NO | wxICON_QUESTION, this) == wxYES) {
        quick_code(typed, true);
    }
}

bool MainFrame::quick_code(const std::string& typed_raw, bool create_if_missing) {
    if (!project_ || !current_document_) {
        return false;
    }
    const std::string typed = text::to_nfc(typed_raw);
    if (typed.find_first_not_of(" \t") == std::string::npos) {
        return false;
    }
    int matches = 0;
    const std::optional<Id> chosen = resolve_code(typed, matches);
    if (matches > 1) {
        SetStatusText(wx("\"" + typed + "\" matches " + std::to_string(matches) +
                         " codes: type more of the name."),
                      0);
        return false;
    }
    if (chosen) {
        return apply_code_to_selection(*chosen);
    }
    if (!create_if_missing) {
        SetStatusText(wx("No code matches \"" + typed + "\"."), 0);
        return false;
    }
    const TextRange selection = selection_to_code();
    if (selection.empty()) {
        SetStatusText("Select a passage of the transcript first.", 0);
        return false;
    }
    bool coded = false;
    guarded(this, [&] {
        label("Create and Apply Code \"" + typed + "\"");
        Project::Action action(*project_);
        const Code code = project_->add_code(typed);
        const Coder coder = project_->ensure_coder(coder_name());
        project_->apply_code(*current_document_, code.id, coder.id, selection.start, selection.end);
        action.commit();
        note_recent_code(code.id);
        coded = true;
        SetStatusText(wx("Created the code \"" + code.name + "\" and coded the selection."), 0);
    });
    refresh_codebook();
    refresh_codings();
    refresh_undo_menu();
    transcript_->select_code_points(selection);
    return coded;
}

bool MainFrame::code_in_vivo() {
    if (!project_ || !current_document_) {
        return false;
    }
    const TextRange selection = selection_to_code();
    if (selection.empty()) {
        SetStatusText("Select the words that name the code first.", 0);
        return false;
    }
    const std::string name =
        in_vivo_name(text::slice(transcript_->text(), selection.start, selection.end));
    if (name.empty()) {
        return false;
    }
    bool coded = false;
    guarded(this, [&] {
        label("Code In Vivo \"" + name + "\"");
        Project::Action action(*project_);
        std::optional<Code> code;
        for (const Code& c : project_->codes()) {
            if (!c.parent_id && c.name == name) {
                code = c;
            }
        }
        if (!code) {
            code = project_->add_code(name);
        }
        const Coder coder = project_->ensure_coder(coder_name());
        const ApplyOutcome r = project_->apply_code(*current_document_, code->id, coder.id,
                                                    selection.start, selection.end);
        action.commit();
        note_recent_code(code->id);
        coded = !r.existed;
        SetStatusText(wx("Coded in vivo as \"" + code->name + "\"."), 0);
    });
    refresh_codebook();
    refresh_codings();
    refresh_undo_menu();
    transcript_->select_code_points(selection);
    return coded;
}

bool MainFrame::select_coding_row(int row) {
    if (row < 0 || row >= codings_->GetItemCount()) {
        return false;
    }
    codings_->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                           wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    codings_->EnsureVisible(row);
    return true;
}

std::optional<Coding> MainFrame::selected_coding() const {
    const long row = codings_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= shown_codings_.size()) {
        return std::nullopt;
    }
    return shown_codings_[static_cast<std::size_t>(row)];
}

bool MainFrame::fit_selected_coding_to_selection() {
    const std::optional<Coding> coding = selected_coding();
    if (!project_ || !coding) {
        SetStatusText("Select a coding in the Codings list first.", 0);
        return false;
    }
    const TextRange selection = selection_to_code();
    if (selection.empty()) {
        SetStatusText("Select the passage the coding should cover first.", 0);
        return false;
    }
    const bool ok = guarded(this, [&] {
        label("Fit Coding to Selection");
        project_->change_coding(coding->id, selection);
    });
    if (ok) {
        SetStatusText(wx("The coding now covers [" + std::to_string(selection.start) + ", " +
                         std::to_string(selection.end) + ")."),
                      0);
    }
    refresh_codings();
    refresh_undo_menu();
    transcript_->select_code_points(selection);
    return ok;
}

bool MainFrame::recode_selected_coding(Id code) {
    const std::optional<Coding> coding = selected_coding();
    if (!project_ || !coding) {
        SetStatusText("Select a coding in the Codings list first.", 0);
        return false;
    }
    const bool ok = guarded(this, [&] {
        label("Recode as \"" + project_->code_path(code) + "\"");
        project_->change_coding(coding->id, std::nullopt, code);
    });
    if (ok) {
        note_recent_code(code);
    }
    refresh_codings();
    refresh_codebook();
    refresh_undo_menu();
    return ok;
}

void MainFrame::on_recode() {
    const std::optional<Coding> coding = selected_coding();
    if (!project_ || !coding) {
        SetStatusText("Select a coding in the Codings list first.", 0);
        return;
    }
    std::vector<Id> ids;
    wxArrayString paths;
    int current = 0;
    guarded(this, [&] {
        for (const Code& c : project_->codes()) {
            if (c.codable) {
                if (c.id == coding->code_id) {
                    current = static_cast<int>(ids.size());
                }
                ids.push_back(c.id);
                paths.Add(wx(project_->code_path(c.id)));
            }
        }
    });
    wxSingleChoiceDialog dialog(this, "Code the passage with", "Recode Coding", paths);
    dialog.SetSelection(current);
    if (dialog.ShowModal() == wxID_OK) {
        recode_selected_coding(ids[static_cast<std::size_t>(dialog.GetSelection())]);
    }
}

void MainFrame::bind_drag_and_drop() {
    codebook_->SetDropTarget(new SelectionDropTarget(this));
    transcript_->SetDropTarget(new CodeDropTarget(this));
    transcript_->Bind(wxEVT_STC_START_DRAG, [](wxStyledTextEvent& e) {
        e.SetDragText(kSelectionDrag);  // the drop reads the selection, exactly
    });
    codebook_->Bind(wxEVT_TREE_BEGIN_DRAG, [this](wxTreeEvent& e) {
        const auto* data = dynamic_cast<CodeItemData*>(codebook_->GetItemData(e.GetItem()));
        if (data == nullptr) {
            return;
        }
        wxTextDataObject payload(wx(kCodeDragPrefix + std::to_string(data->id)));
        wxDropSource source(payload, codebook_);
        source.DoDragDrop(wxDrag_CopyOnly);
    });
}

bool MainFrame::drop_selection_on_codebook(const wxPoint& point) {
    int flags = 0;
    const wxTreeItemId item = codebook_->HitTest(point, flags);
    if (!item.IsOk()) {
        return false;
    }
    const auto* data = dynamic_cast<CodeItemData*>(codebook_->GetItemData(item));
    if (data == nullptr) {
        return false;
    }
    return apply_code_to_selection(data->id);
}

bool MainFrame::drop_code_on_transcript(Id code) {
    return apply_code_to_selection(code);
}

std::unique_ptr<wxMenu> MainFrame::transcript_menu(std::int64_t code_point) {
    auto menu = std::make_unique<wxMenu>();
    if (!project_ || !current_document_) {
        return menu;
    }
    const bool selected = !transcript_->selection_code_points().empty();
    if (const auto code = selected_code(); code && selected) {
        std::string path;
        guarded(this, [&] { path = project_->code_path(*code); });
        menu->Append(kApplyCode, wx("Code Selection with \"" + path + "\""));
    }
    menu->Append(kQuickCode, L"Quick Code…\tCtrl+K");
    menu->Append(kCodeInVivo, "Code In Vivo\tCtrl+Shift+I");
    menu->Enable(kCodeInVivo, selected);
    for (std::size_t i = 0; i < recent_codes_.size() && i < 3; ++i) {
        std::string path;
        guarded(this, [&] { path = project_->code_path(recent_codes_[i]); });
        menu->Append(kRecentCode1 + static_cast<int>(i),
                     wx("Code with \"" + path + "\"") + wxString::Format("\tCtrl+%zu", i + 1));
        menu->Enable(kRecentCode1 + static_cast<int>(i), selected);
    }
    // The codings at the point, each with what can be done to it.
    int next_id = wxID_HIGHEST + 600;
    for (std::size_t row = 0; row < shown_codings_.size() && code_point >= 0; ++row) {
        const Coding c = shown_codings_[row];
        if (c.start > code_point || code_point >= c.end) {
            continue;
        }
        if (menu->GetMenuItemCount() > 0 && next_id == wxID_HIGHEST + 600) {
            menu->AppendSeparator();
        }
        std::string title;
        guarded(this, [&] {
            title = project_->code_path(c.code_id) + " (" + shown_coding_texts_[row].coder + ")";
        });
        auto* actions = new wxMenu;
        const int select_id = next_id++;
        const int uncode_id = next_id++;
        const int recode_id = next_id++;
        const int fit_id = next_id++;
        const int memo_id = next_id++;
        actions->Append(select_id, "Select Passage");
        actions->Append(memo_id, L"Memo…");
        actions->Append(uncode_id, "Uncode");
        actions->Append(recode_id, L"Recode…");
        actions->Append(fit_id, "Fit to Selection");
        actions->Enable(fit_id, selected);
        const int list_row = static_cast<int>(row);
        actions->Bind(wxEVT_MENU, [this, list_row, c, select_id, uncode_id, recode_id, fit_id,
                                   memo_id](wxCommandEvent& e) {
            select_coding_row(list_row);
            if (e.GetId() == memo_id) {
                memo_pane_->show_kind(Memo::Target::Coding);
                side_->SetSelection(static_cast<std::size_t>(side_->FindPage(memo_pane_)));
                memo_pane_->focus_text();
            } else if (e.GetId() == select_id) {
                transcript_->select_code_points({c.start, c.end});
            } else if (e.GetId() == uncode_id) {
                label("Uncode");
                on_remove_coding();
                refresh_undo_menu();
            } else if (e.GetId() == recode_id) {
                on_recode();
            } else if (e.GetId() == fit_id) {
                fit_selected_coding_to_selection();
            }
        });
        menu->AppendSubMenu(actions, wx(title));
    }
    return menu;
}

void MainFrame::on_transcript_menu(wxContextMenuEvent& event) {
    wxPoint at = event.GetPosition();
    std::int64_t code_point = transcript_->selection_code_points().start;
    if (at != wxDefaultPosition) {
        at = transcript_->ScreenToClient(at);
        code_point = transcript_->code_point_at(at);
    }
    const std::unique_ptr<wxMenu> menu = transcript_menu(code_point);
    transcript_->PopupMenu(menu.get(), at == wxDefaultPosition ? wxDefaultPosition : at);
}

std::vector<std::string> MainFrame::transcript_menu_labels(std::int64_t code_point) {
    const std::unique_ptr<wxMenu> menu = transcript_menu(code_point);
    std::vector<std::string> labels;
    for (const wxMenuItem* item : menu->GetMenuItems()) {
        if (item->IsSeparator()) {
            continue;
        }
        const std::string text = utf8(item->GetItemLabelText());
        if (wxMenu* sub = item->GetSubMenu()) {
            for (const wxMenuItem* inner : sub->GetMenuItems()) {
                labels.push_back(text + " > " + utf8(inner->GetItemLabelText()));
            }
        } else {
            labels.push_back(text);
        }
    }
    return labels;
}

void MainFrame::open_hit(const search::Hit& chosen, const std::vector<search::Hit>& in_document) {
    if (!project_) {
        return;
    }
    if (current_document_ != chosen.document && !select_document(chosen.document)) {
        return;
    }
    std::vector<TextRange> hits;
    for (const search::Hit& h : in_document) {
        hits.push_back(h.range);
    }
    transcript_->mark_hits(hits);
    transcript_->reveal(chosen.range.start);
    transcript_->select_code_points(chosen.range);
}

void MainFrame::code_hits(const std::vector<search::Hit>& hits, Id code, search::Spread spread) {
    if (!project_) {
        return;
    }
    guarded(this, [&] {
        label("Code All Hits with \"" + project_->code_path(code) + "\"");
        Project::Action action(*project_);
        const Coder coder = project_->ensure_coder(coder_name());
        const search::CodeHitsOutcome done =
            search::code_hits(*project_, hits, code, coder.id, spread);
        action.commit();
        SetStatusText(wx("Coded " + std::to_string(done.added.size()) + " passages with \"" +
                         project_->code_path(code) + "\" as " + coder.name + " (" +
                         std::to_string(done.already_coded) +
                         " already coded). Edit > Undo takes them back."),
                      0);
    });
    refresh_codings();
    refresh_codebook();
    refresh_undo_menu();
}

}  // namespace quire::gui
