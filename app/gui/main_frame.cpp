// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/main_frame.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/dcmemory.h>
#include <wx/imaglist.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/treectrl.h>
#include <wx/utils.h>

#include <map>

#include "app/gui/agreement_frame.h"
#include "app/gui/audit_view.h"
#include "app/gui/code_chart.h"
#include "app/gui/codebook_ui.h"
#include "app/gui/coding_stripes.h"
#include "app/gui/cooccurrence_frame.h"
#include "app/gui/error_dialog.h"
#include "app/gui/find_bar.h"
#include "app/gui/groups_ui.h"
#include "app/gui/journal_ui.h"
#include "app/gui/main_menu.h"
#include "app/gui/matrix_frame.h"
#include "app/gui/memo_pane.h"
#include "app/gui/query_frame.h"
#include "app/gui/retrieved_segments.h"
#include "app/gui/search_panel.h"
#include "app/gui/transcript_view.h"
#include "app/gui/window_size.h"
#include "app/gui/workbench_settings.h"
#include "app/gui/wx_strings.h"
#include "core/base/errors.h"
#include "core/text/unicode.h"

namespace quire::gui {
namespace {

// A code's own codings, and with its subcodes' when they add any: a parent with 22 of its
// own and 223 below it reads "(22 · 245 in all)", not just "(22)".
wxBitmap swatch(const std::string& hex) {
    wxBitmap bitmap(14, 14);
    wxMemoryDC dc(bitmap);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    dc.SetPen(wxPen(code_colour(hex).ChangeLightness(70)));
    dc.SetBrush(wxBrush(code_colour(hex)));
    dc.DrawRoundedRectangle(1, 1, 12, 12, 3);
    dc.SelectObject(wxNullBitmap);
    return bitmap;
}

}  // namespace

MainFrame::MainFrame() : wxFrame(nullptr, wxID_ANY, "Quire", wxDefaultPosition, wxSize(1280, 800)) {
    SetMinSize(wxSize(900, 560));
    settings_ = std::make_unique<WorkbenchSettings>();
    const wxSize kept(settings_->number("width", 0), settings_->number("height", 0));
    if (kept.GetWidth() >= 900 && kept.GetHeight() >= 560) {
        SetSize(kept);
    }
    fit_to_display(this);
    if (settings_->number("maximized", 0) != 0) {
        Maximize();
    }
    build_menu();
    CreateStatusBar(2);
    int widths[] = {-1, 320};
    SetStatusWidths(2, widths);
    build_panes();
    bind_coding_menu();  // after the panes: it binds the transcript and the codebook too
    transcript_->SetZoom(std::clamp(settings_->number("zoom", 0), -10, 20));
    set_snap_to_words(settings_->number("snap_to_words", 1) != 0);
    set_code_counts(static_cast<CodeCounts>(std::clamp(settings_->number("code_counts", 0), 0, 2)),
                    settings_->number("counts_in_open_document", 0) != 0);
    refresh_recent_projects();
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        save_layout();
        e.Skip();
    });
    show_welcome();
}

MainFrame::~MainFrame() {
    claim_.reset();  // its listener may call into this window until it stops
    if (memo_pane_ != nullptr) {
        memo_pane_->set_project(nullptr);  // saves typed text while the project is here
    }
    // The tree's image list is owned here; detach it before the tree goes away.
    if (codebook_ != nullptr) {
        codebook_->SetImageList(nullptr);
    }
    if (codings_ != nullptr) {
        codings_->SetImageList(nullptr, wxIMAGE_LIST_SMALL);
    }
}

void MainFrame::bind_pane_events() {
    documents_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) {
        const int i = e.GetSelection();
        // Several documents may be selected: a click that takes one out opens nothing.
        if (i >= 0 && static_cast<std::size_t>(i) < document_ids_.size() &&
            documents_->IsSelected(i)) {
            select_document(document_ids_[static_cast<std::size_t>(i)]);
        }
    });
    codebook_->Bind(wxEVT_TREE_ITEM_ACTIVATED, &MainFrame::on_code_activated, this);
    codebook_->Bind(wxEVT_TREE_ITEM_MENU, &MainFrame::on_code_menu, this);
    // A long name is cut at the pane's edge: the tooltip has it whole, with the definition.
    codebook_->Bind(wxEVT_TREE_ITEM_GETTOOLTIP, [this](wxTreeEvent& e) {
        const auto* data = dynamic_cast<CodeItemData*>(codebook_->GetItemData(e.GetItem()));
        if (data == nullptr || !project_) {
            return;
        }
        std::string tip = utf8(codebook_->GetItemText(e.GetItem()));
        try {
            const Code code = project_->code(data->id);
            tip = project_->code_path(code.id) + tip.substr(std::min(tip.size(), code.name.size()));
            if (!code.definition.empty()) {
                tip += "\n" + text::slice(code.definition, 0, 300);
            }
        } catch (const Error&) {
            // Shown as listed when the file cannot be read now.
        }
        e.SetToolTip(wx(tip));
    });
    codings_->Bind(wxEVT_LIST_ITEM_SELECTED, &MainFrame::on_coding_selected, this);
    quick_pick_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { on_quick_pick(); });
    // Another coder sees another layer: blind coding and hidden layers are per coder.
    const auto coder_changed = [this] {
        set_workbench_actor(coder_name());
        load_view();
        refresh_codings();
        refresh_codebook();
    };
    coder_->Bind(wxEVT_COMBOBOX, [coder_changed](wxCommandEvent&) { coder_changed(); });
    coder_->Bind(wxEVT_KILL_FOCUS, [coder_changed](wxFocusEvent& e) {
        e.Skip();
        coder_changed();
    });
    // Ctrl+F is the search across transcripts wherever the focus is: without this the
    // documents list (a GTK tree view) opens its own type-ahead box instead.
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        if (e.GetKeyCode() == 'F' && e.GetModifiers() == wxMOD_CONTROL && project_) {
            show_search();
            return;
        }
        e.Skip();
    });
    bind_group_events();
    quick_pick_->Bind(wxEVT_COMBOBOX, [this](wxCommandEvent&) { on_quick_pick(); });
    // Other windows (the agreement view adopting a consensus version) and other programs
    // (quire-cli, a colleague's workbench) write to the same project file: show their
    // changes when the workbench comes back to the front.
    Bind(wxEVT_ACTIVATE, [this](wxActivateEvent& e) {
        e.Skip();
        if (!e.GetActive() || !project_) {
            return;
        }
        std::int64_t changes = seen_changes_elsewhere_;
        guarded(this, [&] { changes = project_->changes_elsewhere(); });
        if (changes != seen_changes_elsewhere_) {
            seen_changes_elsewhere_ = changes;
            refresh_memo_marks();
            memo_pane_->reload();
            refresh_documents();
            refresh_codebook();
            const bool gone =
                current_document_ && std::find(document_ids_.begin(), document_ids_.end(),
                                               *current_document_) == document_ids_.end();
            if (gone && !document_ids_.empty()) {
                select_document(document_ids_.front());  // deleted by the other program
                return;
            }
        }
        if (current_document_) {
            refresh_codings();  // repaints highlights; text, selection and scroll stay
        }
    });
    transcript_->Bind(wxEVT_STC_UPDATEUI, [this](wxStyledTextEvent& e) {
        e.Skip();
        on_selection_changed();
    });
    bind_memo_events();
}

void MainFrame::show_welcome() {
    pages_->SetSelection(0);
    for (const int id : kProjectMenuItems) {
        GetMenuBar()->Enable(id, false);
    }
    for (const int id : kCodingMenuItems) {
        GetMenuBar()->Enable(id, false);
    }
    for (const int id : kGroupMenuItems) {
        GetMenuBar()->Enable(id, false);
    }
    refresh_title();
    SetStatusText("Open a project, or the demo project, to start coding.", 0);
    SetStatusText("", 1);
}

void MainFrame::refresh_title() {
    if (!project_) {
        SetTitle("Quire");
        return;
    }
    SetTitle(wx(project_->info().name) + L" — Quire");
}

bool MainFrame::open_project(const std::string& path) {
    std::error_code ec;
    if (project_ && std::filesystem::equivalent(project_->path(), path, ec)) {
        bring_forward();
        return true;
    }
    // One window writes a project at a time: a project another window has open is shown
    // there. The claim's listener runs off the UI thread, hence CallAfter.
    util::WorkbenchClaim::Outcome outcome{};
    auto claim = util::WorkbenchClaim::claim(
        path, [this] { CallAfter([this] { bring_forward(); }); }, true, outcome);
    if (outcome == util::WorkbenchClaim::Outcome::HeldElsewhere) {
        wxMessageBox(wx(std::filesystem::path(path).filename().string()) +
                         " is open in another Quire window, which has been brought to the "
                         "front. A project is open in one window at a time, so that two "
                         "windows never write to it at once.",
                     "Quire", wxOK | wxICON_INFORMATION, this);
        return false;
    }
    return guarded(this, [&] {
        Project opened = Project::open(path);
        close_project();
        claim_ = std::move(claim);
        project_.emplace(std::move(opened));
        seen_changes_elsewhere_ = project_->changes_elsewhere();
        // Another program writing at the same moment makes an action wait: say so calmly
        // rather than seem to hang (the status bar is repainted at once).
        project_->set_wait(std::chrono::seconds(30), [this](double seconds) {
            SetStatusText(wx("Waiting for another program that is writing to this project (" +
                             std::to_string(static_cast<int>(seconds)) + " s)…"),
                          0);
            if (wxStatusBar* bar = GetStatusBar()) {
                bar->Update();
            }
        });
        pages_->SetSelection(1);
        for (const int id : kProjectMenuItems) {
            GetMenuBar()->Enable(id, true);
        }
        for (const int id : kCodingMenuItems) {
            GetMenuBar()->Enable(id, true);
        }
        for (const int id : kGroupMenuItems) {
            GetMenuBar()->Enable(id, true);
        }
        shown_group_.reset();
        refresh_title();
        coder_->Clear();
        for (const Coder& c : project_->coders()) {
            coder_->Append(wx(c.name));
        }
        if (coder_->GetValue().IsEmpty()) {
            coder_->SetValue(coder_->GetCount() > 0 ? coder_->GetString(0) : wxGetUserId());
        }
        load_view();
        recent_codes_.clear();
        refresh_recent_menu();
        search_->set_project(project_->path());
        memo_pane_->set_project(&*project_);
        refresh_memo_marks();
        retrieved_->set_project(&*project_);
        refresh_documents();
        refresh_codebook();
        if (!document_ids_.empty()) {
            select_document(document_ids_.front());
        }
        refresh_undo_menu();
        settings_->add_recent_project(path);
        refresh_recent_projects();
        SetStatusText(wx(path), 0);
    });
}

void MainFrame::close_project() {
    if (agreement_) {
        agreement_->Close(true);  // it shows this project: it goes with it
        agreement_ = nullptr;
    }
    close_query_windows();
    if (history_) {
        history_->Close(true);
        history_ = nullptr;
    }
    memo_pane_->set_project(nullptr);  // saves what was typed first
    memo_marks_.reset();
    project_.reset();
    claim_.reset();
    current_document_.reset();
    shown_codings_.clear();
    shown_coding_texts_.clear();
    document_ids_.clear();
    documents_->Clear();
    codebook_->DeleteAllItems();
    codings_->DeleteAllItems();
    transcript_->clear_text();
    search_->set_project("");
    retrieved_->set_project(nullptr);
    stripes_->clear();
    show_welcome();
    refresh_undo_menu();
}

void MainFrame::bring_forward() {
    if (IsIconized()) {
        Iconize(false);
    }
    Show();
    Raise();  // gtk_window_present: the window manager decides whether focus follows
}

SearchPanel* MainFrame::show_search() {
    if (!project_) {
        return nullptr;
    }
    side_->SetSelection(1);
    search_->SetFocus();
    return search_;
}

AgreementFrame* MainFrame::open_agreement() {
    if (!project_) {
        return nullptr;
    }
    if (!agreement_) {
        agreement_ = new AgreementFrame(this, project_->path());
    }
    agreement_->Show();
    agreement_->Raise();
    return agreement_;
}

void MainFrame::refresh_documents() {
    const std::vector<Id> selected = selected_documents();
    documents_->Clear();
    document_ids_.clear();
    if (!project_) {
        return;
    }
    refresh_groups();  // forgets a chosen group that is gone
    wxArrayString labels;
    guarded(this, [&] {
        for (const DocumentListEntry& entry : document_list_entries(*project_, shown_group_)) {
            labels.Add(wx(entry.label + memo_mark(Memo::Target::Document, entry.id)));
            document_ids_.push_back(entry.id);
        }
    });
    // In one call: the list box reads its whole selection after each insertion, so adding
    // 1,000 documents one by one walked the list half a million times (80 ms).
    documents_->Append(labels);
    for (std::size_t i = 0; i < document_ids_.size(); ++i) {
        if (std::find(selected.begin(), selected.end(), document_ids_[i]) != selected.end()) {
            documents_->SetSelection(static_cast<int>(i));
        }
    }
    if (current_document_) {
        const auto it = std::find(document_ids_.begin(), document_ids_.end(), *current_document_);
        if (it != document_ids_.end()) {
            if (selected.empty()) {
                documents_->SetSelection(static_cast<int>(it - document_ids_.begin()));
            }
            documents_->EnsureVisible(static_cast<int>(it - document_ids_.begin()));
        }
    }
    refresh_retrieval_choices();
}

void MainFrame::refresh_codebook() {
    const std::optional<Id> keep = selected_code();
    codebook_->DeleteAllItems();
    if (!project_) {
        return;
    }
    guarded(this, [&] {
        std::vector<std::pair<Id, std::string>> codes;
        for (const Code& c : project_->codes()) {
            codes.emplace_back(c.id, project_->code_path(c.id));
        }
        std::vector<std::pair<Id, std::string>> coders;
        for (const Coder& c : project_->coders()) {
            coders.emplace_back(c.id, c.name);
        }
        std::vector<std::string> attributes;
        for (const Attribute& a : project_->attributes()) {
            attributes.push_back(a.name);
        }
        search_->set_choices(codes, coders, attributes);
    });
    const std::vector<Code> codes = project_->codes();
    const std::map<Id, std::string> counts = code_count_labels(codes);
    auto fresh = std::make_unique<wxImageList>(14, 14, true);
    swatch_index_.clear();
    std::map<Id, wxTreeItemId> items;
    const wxTreeItemId root = codebook_->AddRoot("Codes");
    wxTreeItemId reselect;
    for (const Code& c : codes) {
        const int image = fresh->Add(swatch(c.color));
        swatch_index_[c.id] = image;
        const wxTreeItemId parent = c.parent_id ? items[*c.parent_id] : root;
        const auto count = counts.find(c.id);
        const wxString label = wx(c.name + memo_mark(Memo::Target::Code, c.id) +
                                  (count == counts.end() ? std::string() : count->second));
        items[c.id] = codebook_->AppendItem(parent, label, image, image, new CodeItemData(c.id));
        if (keep && *keep == c.id) {
            reselect = items[c.id];
        }
    }
    // Both controls switch to the new swatches before the old list is destroyed.
    codebook_->SetImageList(fresh.get());
    codings_->SetImageList(fresh.get(), wxIMAGE_LIST_SMALL);
    swatches_ = std::move(fresh);
    codebook_->ExpandAll();
    if (reselect.IsOk()) {
        codebook_->SelectItem(reselect);
    }
    refresh_quick_pick();
    refresh_retrieval_choices();
}

void MainFrame::refresh_quick_pick() {
    quick_pick_->Clear();
    if (!project_) {
        return;
    }
    wxArrayString paths;
    for (const Code& c : project_->codes()) {
        if (c.codable) {
            paths.Add(wx(project_->code_path(c.id)));
        }
    }
    quick_pick_->Append(paths);
    quick_pick_->AutoComplete(paths);
}

bool MainFrame::select_document(Id id) {
    if (!project_) {
        return false;
    }
    return guarded(this, [&] {
        const std::string text = project_->document_text(id);
        current_document_ = id;
        transcript_->show_text(text);
        find_bar_->forget();
        memo_pane_->offer(Memo::Target::Document,
                          MemoTarget{Memo::Target::Document, id, project_->document_name(id)},
                          true);
        const auto it = std::find(document_ids_.begin(), document_ids_.end(), id);
        if (it != document_ids_.end()) {
            const int row = static_cast<int>(it - document_ids_.begin());
            if (!documents_->IsSelected(row)) {  // keeps a selection of several as it is
                documents_->DeselectAll();
                documents_->SetSelection(row);
            }
            documents_->EnsureVisible(row);
        }
        if (counts_in_open_document_) {
            refresh_codebook();  // the counts are the open document's
        }
        refresh_codings();
    });
}

void MainFrame::refresh_codings() {
    codings_->DeleteAllItems();
    shown_codings_.clear();
    shown_coding_texts_.clear();
    if (!project_ || !current_document_) {
        transcript_->paint({});
        refresh_stripes({});
        return;
    }
    CodingFilter filter;
    filter.document_id = current_document_;
    std::map<Id, Code> codes;
    for (const Code& c : project_->codes()) {
        codes[c.id] = c;
    }
    std::vector<PaintedRange> painted;
    const std::vector<Segment> segments = project_->segments(filter, 0);
    std::vector<Segment> visible;
    for (const Segment& s : segments) {
        if (!coding_visible(s.coding)) {
            continue;  // blind coding, or a hidden coder or code
        }
        painted.push_back({{s.coding.start, s.coding.end}, codes[s.coding.code_id].color});
        std::string preview = s.text.substr(0, 240);
        while (!preview.empty() && !text::is_valid_utf8(preview)) {
            preview.pop_back();  // do not cut a character in half
        }
        std::replace(preview.begin(), preview.end(), '\n', ' ');
        shown_coding_texts_.push_back({s.code, s.coder, std::move(preview)});
        shown_codings_.push_back(s.coding);
        visible.push_back(s);
    }
    codings_->SetItemCount(static_cast<long>(shown_codings_.size()));
    codings_->Refresh();
    transcript_->paint(painted);
    // A coding no longer shown (removed, or of another document) has no memo to write.
    if (const auto coding = memo_pane_->offered(Memo::Target::Coding)) {
        if (std::none_of(shown_codings_.begin(), shown_codings_.end(),
                         [&](const Coding& c) { return c.id == coding->id; })) {
            memo_pane_->offer(Memo::Target::Coding, std::nullopt, false);
        }
    }
    refresh_stripes(visible);
}

std::string MainFrame::coding_cell(long row, long column) const {
    if (row < 0 || static_cast<std::size_t>(row) >= shown_codings_.size()) {
        return {};
    }
    const CodingRowText& text = shown_coding_texts_[static_cast<std::size_t>(row)];
    switch (column) {
        case 0:
            return text.code + memo_mark(Memo::Target::Coding,
                                         shown_codings_[static_cast<std::size_t>(row)].id);
        case 1:
            return text.coder;
        default:
            return text.preview;
    }
}

int MainFrame::coding_swatch(long row) const {
    if (row < 0 || static_cast<std::size_t>(row) >= shown_codings_.size()) {
        return -1;
    }
    const auto it = swatch_index_.find(shown_codings_[static_cast<std::size_t>(row)].code_id);
    return it == swatch_index_.end() ? -1 : it->second;
}

// The codebook's item for a code, found by walking the tree (it holds no index by id).
wxTreeItemId MainFrame::code_item(Id code_id) const {
    std::vector<wxTreeItemId> pending{codebook_->GetRootItem()};
    while (!pending.empty()) {
        const wxTreeItemId item = pending.back();
        pending.pop_back();
        if (!item.IsOk()) {
            continue;
        }
        const auto* data = dynamic_cast<const CodeItemData*>(codebook_->GetItemData(item));
        if (data != nullptr && data->id == code_id) {
            return item;
        }
        wxTreeItemIdValue cookie;
        for (wxTreeItemId child = codebook_->GetFirstChild(item, cookie); child.IsOk();
             child = codebook_->GetNextChild(item, cookie)) {
            pending.push_back(child);
        }
    }
    return {};
}

std::string MainFrame::codebook_label(Id code_id) const {
    const wxTreeItemId item = code_item(code_id);
    return item.IsOk() ? utf8(codebook_->GetItemText(item)) : std::string();
}

bool MainFrame::select_code(Id code_id) {
    const wxTreeItemId item = code_item(code_id);
    if (!item.IsOk()) {
        return false;
    }
    codebook_->SelectItem(item);
    codebook_->EnsureVisible(item);
    return true;
}

int MainFrame::coding_rows() const {
    return codings_->GetItemCount();
}

std::optional<Id> MainFrame::selected_code() const {
    if (codebook_ == nullptr) {
        return std::nullopt;
    }
    const wxTreeItemId item = codebook_->GetSelection();
    if (!item.IsOk()) {
        return std::nullopt;
    }
    if (const auto* data = dynamic_cast<CodeItemData*>(codebook_->GetItemData(item))) {
        return data->id;
    }
    return std::nullopt;
}

std::string MainFrame::coder_name() const {
    return utf8(coder_->GetValue());
}

void MainFrame::set_coder(const std::string& name) {
    coder_->SetValue(wx(name));
    set_workbench_actor(name);
    load_view();
    refresh_codings();
}

bool MainFrame::apply_code_to_selection(Id code_id) {
    if (!project_ || !current_document_) {
        return false;
    }
    const TextRange selected = transcript_->selection_code_points();
    if (selected.empty()) {
        SetStatusText("Select a passage of the transcript first.", 0);
        return false;
    }
    const TextRange selection = selection_to_code();
    const TextRange whole_characters = transcript_->whole_characters(selected);
    bool applied = false;
    guarded(this, [&] {
        label("Code Selection as \"" + project_->code_path(code_id) + "\"");
        Project::Action action(*project_);
        const Coder coder = project_->ensure_coder(coder_name());
        const ApplyOutcome r = project_->apply_code(*current_document_, code_id, coder.id,
                                                    selection.start, selection.end);
        action.commit();
        applied = !r.existed;
        if (coder_->FindString(wx(coder.name), true) == wxNOT_FOUND) {
            coder_->Append(wx(coder.name));
        }
        SetStatusText(wx((r.existed ? "Already coded with \"" : "Coded with \"") +
                         project_->code_path(code_id) + "\"" +
                         (selection != whole_characters ? " (snapped to whole words)"
                          : selection != selected       ? " (widened to whole characters)"
                                                        : "")),
                      0);
        note_recent_code(code_id);
    });
    refresh_codings();
    refresh_codebook();
    refresh_undo_menu();
    transcript_->select_code_points(selection);
    return applied;
}

void MainFrame::on_selection_changed() {
    const TextRange selection = transcript_->selection_code_points();
    if (selection.empty()) {
        SetStatusText(wxString::Format("Position %lld", static_cast<long long>(selection.start)),
                      1);
    } else {
        SetStatusText(wxString::Format(L"Selection [%lld, %lld) — %lld characters",
                                       static_cast<long long>(selection.start),
                                       static_cast<long long>(selection.end),
                                       static_cast<long long>(selection.length())),
                      1);
    }
}

void MainFrame::on_code_activated(wxTreeEvent& event) {
    if (const auto* data = dynamic_cast<CodeItemData*>(codebook_->GetItemData(event.GetItem()))) {
        apply_code_to_selection(data->id);
    }
}

void MainFrame::on_code_menu(wxTreeEvent& event) {
    if (event.GetItem().IsOk()) {
        codebook_->SelectItem(event.GetItem());
    }
    wxMenu menu;
    menu.Append(kApplyCode, "Apply to Selection");
    menu.AppendSeparator();
    menu.Append(kNewCode, L"New Code…");
    menu.Append(kNewChildCode, L"New Child Code…");
    menu.Append(kEditCode, L"Edit Code…");
    menu.Append(kRenameCode, L"Rename…");
    menu.Append(kRecolourCode, L"Change Colour…");
    menu.Append(kMoveCode, L"Move…");
    menu.Append(kMergeCode, L"Merge Into…");
    menu.Append(kDeleteCode, L"Delete…");
    PopupMenu(&menu);
}

void MainFrame::on_coding_selected(wxListEvent& event) {
    const long row = event.GetIndex();
    if (row >= 0 && static_cast<std::size_t>(row) < shown_codings_.size()) {
        const Coding& c = shown_codings_[static_cast<std::size_t>(row)];
        transcript_->select_code_points({c.start, c.end});
        offer_coding_memo(c);
    }
}

}  // namespace quire::gui
