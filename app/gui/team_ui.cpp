// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/team_ui.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "app/gui/error_dialog.h"
#include "app/gui/journal_ui.h"
#include "app/gui/window_size.h"
#include "app/gui/wx_strings.h"
#include "core/exchange/qdpx_import.h"
#include "core/util/files.h"

namespace quire::gui {
namespace {

std::string counted(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

wxListCtrl* make_list(wxWindow* parent, const std::vector<std::pair<wxString, int>>& columns,
                      const wxString& name) {
    auto* list = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, name);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        list->AppendColumn(columns[i].first, wxLIST_FORMAT_LEFT, columns[i].second);
    }
    return list;
}

void fill_row(wxListCtrl* list, const std::vector<std::string>& cells) {
    const long row = list->InsertItem(list->GetItemCount(), wx(cells.front()));
    for (std::size_t c = 1; c < cells.size(); ++c) {
        list->SetItem(row, static_cast<long>(c), wx(cells[c]));
    }
}

std::vector<std::string> rows_of(const wxListCtrl* list) {
    std::vector<std::string> rows;
    for (long r = 0; r < list->GetItemCount(); ++r) {
        std::string row;
        for (int c = 0; c < list->GetColumnCount(); ++c) {
            row += (c == 0 ? "" : " | ") + utf8(list->GetItemText(r, c));
        }
        rows.push_back(row);
    }
    return rows;
}

bool has_path_conflict(const team::MergePlan& plan) {
    return std::any_of(
        plan.conflicts.begin(), plan.conflicts.end(),
        [](const team::MergeConflict& c) { return c.kind.find("code path") != std::string::npos; });
}

}  // namespace

HandOutDialog::HandOutDialog(wxWindow* parent, Project& project)
    : wxDialog(parent, wxID_ANY, "Hand out a copy to a coder", wxDefaultPosition, wxSize(560, 520),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      project_(project) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(
        this, wxID_ANY,
        "The copy holds the chosen documents with their codings and the whole codebook. "
        "The coder codes blind in it; merge it back with File > Merge a Coder's Copy.");
    intro->Wrap(520);
    sizer->Add(intro, 0, wxALL, 10);

    auto* coder_row = new wxBoxSizer(wxHORIZONTAL);
    coder_row->Add(new wxStaticText(this, wxID_ANY, "Coder:"), 0, wxALIGN_CENTER_VERTICAL);
    wxArrayString coders;
    for (const Coder& c : project_.coders()) {
        coders.Add(wx(c.name));
    }
    coder_ = new wxComboBox(this, wxID_ANY, "", wxDefaultPosition, wxSize(260, -1), coders, 0,
                            wxDefaultValidator, "handout coder");
    coder_->SetHint("a coder's name; a new name adds a coder");
    coder_row->Add(coder_, 1, wxLEFT, 8);
    sizer->Add(coder_row, 0, wxEXPAND | wxLEFT | wxRIGHT, 10);

    auto* pick_row = new wxBoxSizer(wxHORIZONTAL);
    pick_row->Add(new wxStaticText(this, wxID_ANY, "Documents:"), 0, wxALIGN_CENTER_VERTICAL);
    wxArrayString picks;
    picks.Add("Tick all");
    picks.Add("Tick none");
    groups_ = project_.groups();
    for (const DocumentGroup& g : groups_) {
        picks.Add(wx("Tick group: " + g.name));
    }
    picks_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, picks);
    picks_->SetSelection(0);
    pick_row->Add(picks_, 0, wxLEFT, 8);
    ticked_ = new wxStaticText(this, wxID_ANY, "");
    pick_row->Add(ticked_, 1, wxLEFT | wxALIGN_CENTER_VERTICAL, 12);
    sizer->Add(pick_row, 0, wxEXPAND | wxALL, 10);

    wxArrayString names;
    for (const Document& d : project_.documents()) {
        document_ids_.push_back(d.id);
        names.Add(wx(d.name));
    }
    documents_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 240), names, 0,
                                    wxDefaultValidator, "handout documents");
    sizer->Add(documents_, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);

    sizer->Add(CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    if (auto* ok = dynamic_cast<wxButton*>(FindWindow(wxID_OK))) {
        ok->SetLabel(L"Choose File and Hand Out…");
    }
    SetSizer(sizer);
    SetMinSize(wxSize(440, 400));
    fit_to_display(this);

    picks_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { pick(picks_->GetSelection()); });
    documents_->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent&) { update_ok(); });
    coder_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { update_ok(); });
    coder_->Bind(wxEVT_COMBOBOX, [this](wxCommandEvent&) { update_ok(); });
    pick(0);
}

team::HandoutOptions HandOutDialog::options() const {
    team::HandoutOptions options;
    options.coder = utf8(coder_->GetValue().Strip(wxString::both));
    for (unsigned i = 0; i < documents_->GetCount(); ++i) {
        if (documents_->IsChecked(i)) {
            options.documents.push_back(document_ids_[i]);
        }
    }
    return options;
}

void HandOutDialog::set_coder(const std::string& name) {
    coder_->SetValue(wx(name));
    update_ok();
}

void HandOutDialog::tick_documents(const std::vector<Id>& ids) {
    const std::set<Id> wanted(ids.begin(), ids.end());
    for (unsigned i = 0; i < documents_->GetCount(); ++i) {
        documents_->Check(i, wanted.count(document_ids_[i]) > 0);
    }
    update_ok();
}

void HandOutDialog::pick(int choice) {
    if (choice == 0) {
        tick_documents(document_ids_);
    } else if (choice == 1) {
        tick_documents({});
    } else if (choice >= 2 && static_cast<std::size_t>(choice - 2) < groups_.size()) {
        std::vector<Id> ids;
        guarded(this, [&] {
            for (const Document& d : project_.group_documents(groups_[choice - 2].id)) {
                ids.push_back(d.id);
            }
        });
        tick_documents(ids);
    }
}

void HandOutDialog::update_ok() {
    const team::HandoutOptions chosen = options();
    ticked_->SetLabel(wx(std::to_string(chosen.documents.size()) + " of " +
                         counted(document_ids_.size(), "document", "documents") + " ticked"));
    if (wxWindow* ok = FindWindow(wxID_OK)) {
        ok->Enable(!chosen.coder.empty() && !chosen.documents.empty());
    }
}

team::HandoutOutcome HandOutDialog::hand_out_to(const std::string& path, bool replace) {
    team::HandoutOptions chosen = options();
    chosen.replace = replace;
    return team::hand_out(project_, path, chosen);
}

std::string handout_summary(const team::HandoutOutcome& outcome, const std::string& coder) {
    return "Wrote " + outcome.path + " for " + coder + ":\n" +
           counted(static_cast<std::size_t>(outcome.documents), "document", "documents") + ", " +
           counted(static_cast<std::size_t>(outcome.codings), "coding", "codings") +
           ", blind coding on.\n\nWhen " + coder +
           " is done, merge the copy back with File > Merge a Coder's Copy.";
}

bool hand_out_copy(wxWindow* parent, Project& project) {
    std::unique_ptr<HandOutDialog> dialog;
    if (!guarded(parent, [&] { dialog = std::make_unique<HandOutDialog>(parent, project); }) ||
        dialog->ShowModal() != wxID_OK) {
        return false;
    }
    const std::string coder = dialog->options().coder;
    wxFileDialog file(parent, "Write the copy for " + wx(coder), "", wx(coder + ".quire"),
                      "Quire projects (*.quire)|*.quire", wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (file.ShowModal() != wxID_OK) {
        return false;
    }
    const std::string path = utf8(file.GetPath());
    // The file dialog has asked before replacing a file.
    const bool replace = wxFileName::FileExists(file.GetPath());
    team::HandoutOutcome outcome;
    if (!guarded(parent, [&] { outcome = dialog->hand_out_to(path, replace); })) {
        return false;
    }
    wxMessageBox(wx(handout_summary(outcome, coder)), "Copy handed out", wxOK | wxICON_INFORMATION,
                 parent);
    return true;
}

MergePreviewDialog::MergePreviewDialog(wxWindow* parent, const std::string& copy_path,
                                       Planner planner, team::MergePlan first_plan,
                                       team::MergeOptions first_options)
    : wxDialog(parent, wxID_ANY, "Merge a coder's copy", wxDefaultPosition, wxSize(900, 600),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      planner_(std::move(planner)),
      plan_(std::move(first_plan)),
      options_(std::move(first_options)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* from = new wxStaticText(
        this, wxID_ANY, wx("From " + wxFileName(wx(copy_path)).GetFullName().utf8_string()),
        wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_MIDDLE);
    sizer->Add(from, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 10);
    summary_ =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "merge summary");
    sizer->Add(summary_, 0, wxEXPAND | wxALL, 10);

    sizer->Add(new wxStaticText(this, wxID_ANY, "Changes:"), 0, wxLEFT | wxRIGHT, 10);
    changes_ = make_list(this, {{"Action", 70}, {"Kind", 110}, {"Name", 400}, {"Detail", 280}},
                         "merge changes");
    sizer->Add(changes_, 3, wxEXPAND | wxALL, 10);

    conflicts_label_ = new wxStaticText(this, wxID_ANY, "Conflicts:");
    sizer->Add(conflicts_label_, 0, wxLEFT | wxRIGHT, 10);
    conflicts_ = make_list(
        this, {{"Kind", 190}, {"Name", 180}, {"Ours", 180}, {"Theirs", 180}, {"Resolution", 120}},
        "merge conflicts");
    sizer->Add(conflicts_, 1, wxEXPAND | wxALL, 10);

    auto* resolve = new wxBoxSizer(wxHORIZONTAL);
    const wxString prefer_choices[] = {"Keep ours", "Take theirs"};
    prefer_ = new wxRadioBox(this, wxID_ANY, "Resolve conflicts", wxDefaultPosition, wxDefaultSize,
                             2, prefer_choices, 1, wxRA_SPECIFY_ROWS);
    prefer_->SetSelection(options_.prefer == team::Prefer::Theirs ? 1 : 0);
    resolve->Add(prefer_, 0, wxALIGN_CENTER_VERTICAL);
    by_path_ = new wxCheckBox(this, wxID_ANY, "Match codes by path");
    by_path_->SetValue(options_.match_codes_by_path);
    resolve->Add(by_path_, 0, wxLEFT | wxALIGN_CENTER_VERTICAL, 16);
    sizer->Add(resolve, 0, wxLEFT | wxRIGHT, 10);

    sizer->Add(CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    merge_ = dynamic_cast<wxButton*>(FindWindow(wxID_OK));
    if (merge_ != nullptr) {
        merge_->SetLabel("Merge");
    }
    SetSizer(sizer);
    SetMinSize(wxSize(600, 460));
    fit_to_display(this);

    prefer_->Bind(wxEVT_RADIOBOX, [this](wxCommandEvent&) { on_choice(); });
    by_path_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { on_choice(); });
    show_plan();
}

void MergePreviewDialog::on_choice() {
    choose(prefer_->GetSelection() == 1 ? team::Prefer::Theirs : team::Prefer::Ours,
           by_path_->GetValue());
}

void MergePreviewDialog::choose(team::Prefer prefer, bool match_codes_by_path) {
    team::MergeOptions next = options_;
    next.prefer = prefer;
    next.match_codes_by_path = match_codes_by_path;
    prefer_->SetSelection(prefer == team::Prefer::Theirs ? 1 : 0);
    by_path_->SetValue(match_codes_by_path);
    team::MergePlan fresh;
    if (guarded(this, [&] { fresh = planner_(next); })) {
        options_ = next;
        plan_ = std::move(fresh);
    } else {
        // The plan shown is still the one for the previous choice: the controls say so.
        prefer_->SetSelection(options_.prefer == team::Prefer::Theirs ? 1 : 0);
        by_path_->SetValue(options_.match_codes_by_path);
    }
    show_plan();
}

void MergePreviewDialog::show_plan() {
    changes_->DeleteAllItems();
    for (const team::MergeChange& c : plan_.changes) {
        fill_row(changes_, {c.action, c.kind, c.name, c.detail});
    }
    conflicts_->DeleteAllItems();
    for (const team::MergeConflict& c : plan_.conflicts) {
        fill_row(conflicts_, {c.kind, c.name, c.ours, c.theirs,
                              c.resolution.empty() ? "unresolved" : c.resolution});
    }
    summary_->SetLabel(wx(summary()));
    const bool conflicts = !plan_.conflicts.empty();
    conflicts_label_->SetLabel(conflicts
                                   ? wx(counted(plan_.conflicts.size(), "conflict", "conflicts") +
                                        ": both sides changed these. Choose which side wins.")
                                   : wxString("Conflicts: none."));
    conflicts_->Show(conflicts);
    prefer_->Show(conflicts);
    // Matching by path is offered while a code path stands in the way, and kept offered
    // once chosen so that it can be taken back.
    by_path_->Show(has_path_conflict(plan_) || options_.match_codes_by_path);
    if (merge_ != nullptr) {
        merge_->Enable(!plan_.blocked());
    }
    Layout();
}

std::string MergePreviewDialog::summary() const {
    std::map<std::string, std::size_t> counts;
    for (const team::MergeChange& c : plan_.changes) {
        ++counts[c.action];
    }
    std::string text =
        "Copy: " + plan_.peer_name + ". " + counted(counts["add"], "addition", "additions") + ", " +
        counted(counts["update"], "update", "updates") + ", " +
        counted(counts["delete"], "deletion", "deletions") + ", " +
        counted(plan_.conflicts.size(), "conflict", "conflicts") + "; " +
        counted(static_cast<std::size_t>(plan_.log_entries), "log entry", "log entries") +
        " come with it.\n";
    text += plan_.has_base ? "Base found: changes on one side only are taken as they are."
                           : "No base: this copy was not handed out from this project, so "
                             "nothing is deleted and every difference is a conflict.";
    if (plan_.blocked()) {
        text += "\nA conflict has no resolution: the merge cannot go ahead.";
    }
    return text;
}

std::vector<std::string> MergePreviewDialog::change_rows() const {
    return rows_of(changes_);
}

std::vector<std::string> MergePreviewDialog::conflict_rows() const {
    return rows_of(conflicts_);
}

bool MergePreviewDialog::can_merge() const {
    return merge_ != nullptr && merge_->IsThisEnabled();
}

bool MergePreviewDialog::offers_match_by_path() const {
    return by_path_->IsShown();
}

team::MergeOptions first_merge_options() {
    team::MergeOptions options;
    options.prefer = team::Prefer::Ours;
    return options;
}

bool is_refi_copy(const std::string& path) {
    const std::string extension = util::lower_extension(path);
    return extension == ".qdpx" || extension == ".qde";
}

team::MergePlan plan_copy_merge(const std::string& project_path, const std::string& copy_path,
                                const team::MergeOptions& options) {
    Project project = Project::open(project_path);
    return is_refi_copy(copy_path) ? exchange::merge_qdpx(project, copy_path, options, true)
                                   : team::plan_merge(project, copy_path, options);
}

team::MergePlan run_copy_merge(const std::string& project_path, const std::string& copy_path,
                               const team::MergeOptions& options, const std::string& label,
                               const Progress& progress) {
    Project project = Project::open(project_path);
    label_actions(project, label);
    return is_refi_copy(copy_path)
               ? exchange::merge_qdpx(project, copy_path, options, false, progress)
               : team::merge(project, copy_path, options, progress);
}

}  // namespace quire::gui
