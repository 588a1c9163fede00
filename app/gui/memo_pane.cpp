// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/memo_pane.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <sstream>

#include "app/gui/error_dialog.h"
#include "app/gui/wx_strings.h"
#include "core/text/unicode.h"

namespace quire::gui {
namespace {

std::size_t slot(Memo::Target kind) {
    return static_cast<std::size_t>(kind);
}

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\n\r") == std::string::npos;
}

std::string described(const MemoTarget& t) {
    switch (t.kind) {
        case Memo::Target::Project:
            return "Project";
        case Memo::Target::Document:
            return "Document \u201C" + t.name + "\u201D";
        case Memo::Target::Code:
            return "Code \u201C" + t.name + "\u201D";
        case Memo::Target::Coding:
            return "Coding: " + t.name;
        case Memo::Target::Case:
            return "Case \u201C" + t.name + "\u201D";
    }
    return t.name;
}

// "2026-03-03T10:04:05Z" as "2026-03-03 10:04 UTC": the memo's time at a glance.
std::string readable_time(const std::string& iso) {
    if (iso.size() < 16) {
        return iso;
    }
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

}  // namespace

bool MemoMarks::has(Memo::Target kind, Id id) const {
    switch (kind) {
        case Memo::Target::Project:
            return project;
        case Memo::Target::Document:
            return documents.count(id) > 0;
        case Memo::Target::Code:
            return codes.count(id) > 0;
        case Memo::Target::Coding:
            return codings.count(id) > 0;
        case Memo::Target::Case:
            return cases.count(id) > 0;
    }
    return false;
}

MemoMarks memo_marks(Project& project) {
    MemoMarks marks;
    for (const Memo& m : project.memos()) {
        const Id id = m.target_id.value_or(0);
        switch (m.target) {
            case Memo::Target::Project:
                marks.project = true;
                break;
            case Memo::Target::Document:
                marks.documents.insert(id);
                break;
            case Memo::Target::Code:
                marks.codes.insert(id);
                break;
            case Memo::Target::Coding:
                marks.codings.insert(id);
                break;
            case Memo::Target::Case:
                marks.cases.insert(id);
                break;
        }
    }
    return marks;
}

std::optional<Memo> memo_of(Project& project, Memo::Target kind, std::optional<Id> id,
                            std::optional<Id> coder) {
    std::optional<Memo> found;
    for (Memo& m : project.memos()) {
        if (m.target != kind || m.target_id != id) {
            continue;
        }
        if (coder && m.coder_id == coder) {
            return m;
        }
        if (!found) {
            found = std::move(m);
        }
    }
    return found;
}

MemoPane::MemoPane(wxWindow* parent, Callbacks callbacks)
    : wxPanel(parent), callbacks_(std::move(callbacks)), pause_(this) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(this, wxID_ANY, "Memo on"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    about_ = new wxChoice(this, wxID_ANY);
    about_->SetName("memo about");
    row->Add(about_, 1);
    sizer->Add(row, 0, wxEXPAND | wxALL, 6);
    text_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                           wxTE_MULTILINE | wxTE_RICH2 | wxTE_WORDWRAP);
    text_->SetName("memo text");
    text_->SetHint("Write a memo: it is saved as you type");
    sizer->Add(text_, 1, wxEXPAND | wxLEFT | wxRIGHT, 6);
    state_ = new wxStaticText(this, wxID_ANY, "");
    state_->SetForegroundColour(wxColour(0x60, 0x60, 0x60));
    sizer->Add(state_, 0, wxEXPAND | wxALL, 6);
    SetSizer(sizer);

    about_->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) {
        const auto* data = static_cast<wxStringClientData*>(about_->GetClientObject(e.GetInt()));
        if (data != nullptr) {
            show_kind(static_cast<Memo::Target>(std::stoi(utf8(data->GetData()))));
        }
    });
    text_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { on_typed(); });
    text_->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
        e.Skip();
        save_now();
    });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { save_now(); });
    offered_[slot(Memo::Target::Project)] = MemoTarget{};
    rebuild_choice();
}

MemoPane::~MemoPane() {
    pause_.Stop();
}

void MemoPane::set_project(Project* project) {
    save_now();
    project_ = project;
    for (auto& target : offered_) {
        target.reset();
    }
    if (project_ != nullptr) {
        offered_[slot(Memo::Target::Project)] = MemoTarget{};
        shown_kind_ = Memo::Target::Project;
    } else {
        shown_kind_.reset();
    }
    rebuild_choice();
    load();
}

void MemoPane::offer(Memo::Target kind, std::optional<MemoTarget> target, bool show) {
    const std::optional<MemoTarget> was = offered_[slot(kind)];
    const bool same = was && target && was->id == target->id;
    if (same && !show) {
        offered_[slot(kind)] = target;  // a new name for the same thing
        rebuild_choice();
        return;
    }
    if (shown_kind_ == kind || show) {
        save_now();
    }
    offered_[slot(kind)] = target;
    if (show && target) {
        shown_kind_ = kind;
    } else if (shown_kind_ == kind && !target) {
        shown_kind_ = Memo::Target::Project;
    }
    rebuild_choice();
    if (!same || show) {
        load();
    }
}

void MemoPane::show_kind(Memo::Target kind) {
    if (!offered_[slot(kind)]) {
        return;
    }
    save_now();
    shown_kind_ = kind;
    rebuild_choice();
    load();
}

std::optional<MemoTarget> MemoPane::shown() const {
    return shown_kind_ ? offered_[slot(*shown_kind_)] : std::nullopt;
}

void MemoPane::rebuild_choice() {
    about_->Clear();
    for (std::size_t i = 0; i < offered_.size(); ++i) {
        if (offered_[i]) {
            const int at = about_->Append(wx(described(*offered_[i])),
                                          new wxStringClientData(std::to_string(i)));
            if (shown_kind_ && slot(*shown_kind_) == i) {
                about_->SetSelection(at);
            }
        }
    }
    about_->Enable(project_ != nullptr);
}

void MemoPane::reload() {
    save_now();
    load();
}

void MemoPane::load() {
    pause_.Stop();
    memo_.reset();
    saved_text_.clear();
    const std::optional<MemoTarget> target = shown();
    if (project_ != nullptr && target) {
        guarded(this, [&] {
            std::optional<Id> coder;
            if (callbacks_.coder) {
                const std::string name = callbacks_.coder();
                for (const Coder& c : project_->coders()) {
                    if (c.name == name) {
                        coder = c.id;
                    }
                }
            }
            memo_ = memo_of(*project_, target->kind, target->id, coder);
        });
    }
    if (memo_) {
        saved_text_ = memo_->text;
    }
    loading_ = true;
    text_->ChangeValue(wx(saved_text_));
    loading_ = false;
    text_->Enable(project_ != nullptr && target.has_value());
    state_->SetLabel(!memo_ ? "No memo yet"
                            : "Last changed " + wx(readable_time(memo_->updated_at)));
}

void MemoPane::on_typed() {
    if (loading_ || project_ == nullptr) {
        return;
    }
    state_->SetLabel(L"Typing…");
    pause_.StartOnce(kSaveDelayMs);  // restarts the wait with every keystroke
}

bool MemoPane::save_now() {
    pause_.Stop();
    const std::optional<MemoTarget> target = shown();
    if (project_ == nullptr || !target) {
        return false;
    }
    const std::string typed = utf8(text_->GetValue());
    if (typed == saved_text_ || (!memo_ && blank(typed))) {
        return false;
    }
    std::string status;
    bool created_or_removed = false;
    const bool ok = guarded(this, [&] {
        if (!memo_) {
            callbacks_.label("Write Memo");
            const Coder coder = project_->ensure_coder(callbacks_.coder());
            memo_ = project_->add_memo(target->kind, target->id, "", typed, coder.id);
            created_or_removed = true;
            status = "Memo on " + described(*target) + " created.";
        } else if (blank(typed)) {
            callbacks_.label("Remove Memo");
            project_->remove_memo(memo_->id);
            memo_.reset();
            created_or_removed = true;
            status = "Memo on " + described(*target) + " removed. Edit > Undo brings it back.";
        } else {
            callbacks_.label("Edit Memo");
            memo_ = project_->edit_memo(memo_->id, typed);
            status = "Memo on " + described(*target) + " saved.";
        }
    });
    if (!ok) {
        load();  // show what the file holds
        return false;
    }
    saved_text_ = memo_ ? memo_->text : std::string();
    state_->SetLabel(!memo_ ? "No memo yet" : "Saved " + wx(readable_time(memo_->updated_at)));
    if (callbacks_.saved) {
        callbacks_.saved(created_or_removed, status);
    }
    return true;
}

void MemoPane::focus_text() {
    text_->SetFocus();
    text_->SetInsertionPointEnd();
}

std::vector<MemoEntry> filter_memos(const std::vector<MemoEntry>& entries, const std::string& kind,
                                    const std::string& author, const std::string& words) {
    std::vector<std::string> wanted;
    std::istringstream in(text::fold_case(words));
    for (std::string word; in >> word;) {
        wanted.push_back(word);
    }
    std::vector<MemoEntry> out;
    for (const MemoEntry& e : entries) {
        if ((!kind.empty() && e.kind != kind) || (!author.empty() && e.author != author)) {
            continue;
        }
        const std::string haystack = text::fold_case(e.memo.title + "\n" + e.memo.text);
        if (std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
                return haystack.find(w) != std::string::npos;
            })) {
            out.push_back(e);
        }
    }
    return out;
}

namespace {

// The Memos window: filters over a list; choosing a row ends the dialog with it.
class MemoListDialog : public wxDialog {
public:
    MemoListDialog(wxWindow* parent, std::vector<MemoEntry> entries)
        : wxDialog(parent, wxID_ANY, "Memos", wxDefaultPosition, wxSize(820, 520),
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
          entries_(std::move(entries)) {
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        auto* filters = new wxBoxSizer(wxHORIZONTAL);
        kind_ = new wxChoice(this, wxID_ANY);
        kind_->SetName("memo kind");
        for (const char* k : {"Every kind", "project", "document", "code", "coding", "case"}) {
            kind_->Append(k);
        }
        kind_->SetSelection(0);
        author_ = new wxChoice(this, wxID_ANY);
        author_->SetName("memo author");
        author_->Append("Every author");
        std::set<std::string> authors;
        for (const MemoEntry& e : entries_) {
            if (!e.author.empty()) {
                authors.insert(e.author);
            }
        }
        for (const std::string& a : authors) {
            author_->Append(wx(a));
        }
        author_->SetSelection(0);
        words_ = new wxTextCtrl(this, wxID_ANY);
        words_->SetName("memo words");
        words_->SetHint("words in the memo");
        filters->Add(kind_, 0, wxRIGHT, 6);
        filters->Add(author_, 0, wxRIGHT, 6);
        filters->Add(words_, 1);
        sizer->Add(filters, 0, wxEXPAND | wxALL, 8);
        list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                               wxLC_REPORT | wxLC_SINGLE_SEL);
        list_->SetName("memo list");
        list_->AppendColumn("Kind", wxLIST_FORMAT_LEFT, 80);
        list_->AppendColumn("About", wxLIST_FORMAT_LEFT, 200);
        list_->AppendColumn("Author", wxLIST_FORMAT_LEFT, 90);
        list_->AppendColumn("Changed", wxLIST_FORMAT_LEFT, 150);
        list_->AppendColumn("Memo", wxLIST_FORMAT_LEFT, 280);
        sizer->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
        auto* buttons = new wxBoxSizer(wxHORIZONTAL);
        auto* open = new wxButton(this, wxID_OPEN, "Open");
        buttons->AddStretchSpacer();
        buttons->Add(open, 0, wxRIGHT, 6);
        buttons->Add(new wxButton(this, wxID_CANCEL, "Close"));
        sizer->Add(buttons, 0, wxEXPAND | wxALL, 8);
        SetSizer(sizer);
        SetEscapeId(wxID_CANCEL);

        kind_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refill(); });
        author_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refill(); });
        words_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { refill(); });
        list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) { choose(e.GetIndex()); });
        open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            choose(list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED));
        });
        refill();
    }

    std::optional<MemoEntry> chosen;

private:
    void refill() {
        const std::string kind = kind_->GetSelection() > 0 ? utf8(kind_->GetStringSelection()) : "";
        const std::string author =
            author_->GetSelection() > 0 ? utf8(author_->GetStringSelection()) : "";
        shown_ = filter_memos(entries_, kind, author, utf8(words_->GetValue()));
        list_->DeleteAllItems();
        for (const MemoEntry& e : shown_) {
            const long row = list_->InsertItem(list_->GetItemCount(), wx(e.kind));
            list_->SetItem(row, 1, wx(e.attached_to));
            list_->SetItem(row, 2, wx(e.author));
            list_->SetItem(row, 3, wx(e.memo.updated_at));
            std::string line = e.memo.text.substr(0, e.memo.text.find('\n'));
            list_->SetItem(row, 4, wx(line));
        }
    }
    void choose(long row) {
        if (row >= 0 && static_cast<std::size_t>(row) < shown_.size()) {
            chosen = shown_[static_cast<std::size_t>(row)];
            EndModal(wxID_OPEN);
        }
    }

    std::vector<MemoEntry> entries_;
    std::vector<MemoEntry> shown_;
    wxChoice* kind_ = nullptr;
    wxChoice* author_ = nullptr;
    wxTextCtrl* words_ = nullptr;
    wxListCtrl* list_ = nullptr;
};

}  // namespace

std::optional<MemoEntry> choose_memo(wxWindow* parent, Project& project) {
    std::vector<MemoEntry> entries;
    if (!guarded(parent, [&] { entries = project.memo_entries(); })) {
        return std::nullopt;
    }
    MemoListDialog dialog(parent, std::move(entries));
    dialog.ShowModal();
    return dialog.chosen;
}

}  // namespace quire::gui
