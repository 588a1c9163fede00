// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/find_bar.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "app/gui/transcript_view.h"
#include "app/gui/wx_strings.h"
#include "core/text/unicode.h"
#include "core/text/words.h"

namespace quire::gui {

FindBar::FindBar(wxWindow* parent, TranscriptView* transcript)
    : wxPanel(parent, wxID_ANY), transcript_(transcript) {
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(new wxStaticText(this, wxID_ANY, "Find"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    query_ =
        new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(220, -1), wxTE_PROCESS_ENTER);
    query_->SetHint("in this transcript");
    query_->SetName("find in transcript");
    sizer->Add(query_, 1, wxRIGHT, 6);
    auto* previous_button =
        new wxButton(this, wxID_ANY, "Previous", wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    auto* next_button =
        new wxButton(this, wxID_ANY, "Next", wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    sizer->Add(previous_button, 0, wxRIGHT, 4);
    sizer->Add(next_button, 0, wxRIGHT, 8);
    status_ = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxSize(90, -1));
    sizer->Add(status_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    auto* close_button =
        new wxButton(this, wxID_ANY, "Close", wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    close_button->SetToolTip("Close the find bar (Escape)");
    sizer->Add(close_button, 0);
    SetSizer(sizer);

    query_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { find(utf8(query_->GetValue())); });
    query_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        if (wxGetKeyState(WXK_SHIFT)) {
            previous();
        } else {
            next();
        }
    });
    query_->Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        if (e.GetKeyCode() == WXK_ESCAPE) {
            close();
            return;
        }
        e.Skip();
    });
    previous_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { previous(); });
    next_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { next(); });
    close_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { close(); });
}

void FindBar::open() {
    const TextRange selection = transcript_->selection_code_points();
    if (!selection.empty() && selection.length() <= 60) {
        const std::string words = text::slice(transcript_->text(), selection.start, selection.end);
        if (words.find('\n') == std::string::npos) {
            query_->ChangeValue(wx(words));
        }
    }
    Show();
    GetParent()->Layout();
    query_->SetFocus();
    query_->SelectAll();
    find(utf8(query_->GetValue()));
}

void FindBar::close() {
    matches_.clear();
    searched_.clear();
    transcript_->mark_hits({});
    Hide();
    GetParent()->Layout();
    transcript_->SetFocus();
}

void FindBar::forget() {
    matches_.clear();
    searched_.clear();
    status_->SetLabel("");
    if (IsShown()) {
        find(utf8(query_->GetValue()));
    }
}

void FindBar::find(const std::string& text) {
    if (query_->GetValue() != wx(text)) {
        query_->ChangeValue(wx(text));
    }
    searched_ = text;
    matches_ =
        text.empty() ? std::vector<TextRange>{} : text::find_folded(transcript_->text(), text);
    transcript_->mark_hits(matches_);
    if (matches_.empty()) {
        status_->SetLabel(text.empty() ? "" : "No matches");
        return;
    }
    // The first match at or after the caret: finding goes on from where the coder reads.
    const std::int64_t caret = transcript_->selection_code_points().start;
    std::size_t first = 0;
    while (first < matches_.size() && matches_[first].start < caret) {
        ++first;
    }
    select_match(first < matches_.size() ? first : 0);
}

bool FindBar::next() {
    if (matches_.empty()) {
        return false;
    }
    select_match((current_ + 1) % matches_.size());
    return true;
}

bool FindBar::previous() {
    if (matches_.empty()) {
        return false;
    }
    select_match((current_ + matches_.size() - 1) % matches_.size());
    return true;
}

void FindBar::select_match(std::size_t index) {
    current_ = index;
    transcript_->select_code_points(matches_[index]);
    status_->SetLabel(wx(status()));
}

std::string FindBar::status() const {
    if (matches_.empty()) {
        return searched_.empty() ? "" : "No matches";
    }
    return std::to_string(current_ + 1) + " of " + std::to_string(matches_.size());
}

}  // namespace quire::gui
