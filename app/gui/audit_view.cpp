// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/audit_view.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cctype>

#include "app/gui/error_dialog.h"
#include "app/gui/list_cells.h"
#include "app/gui/window_size.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {
namespace {

constexpr const char* kEveryone = "Everyone";

int number(const std::string& text, std::size_t from, std::size_t length) {
    return std::stoi(text.substr(from, length));
}

bool leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// "2026-12-03T20:17:34Z" as a person reads it.
std::string readable_time(const std::string& iso) {
    std::string text = iso.substr(0, 19);
    std::replace(text.begin(), text.end(), 'T', ' ');
    return text;
}

}  // namespace

bool valid_since(const std::string& text) {
    if (text.empty()) {
        return true;
    }
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
            return false;
        }
    }
    const int year = number(text, 0, 4);
    const int month = number(text, 5, 2);
    const int day = number(text, 8, 2);
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1 || month < 1 || month > 12 || day < 1) {
        return false;
    }
    return day <= kDays[month - 1] + (month == 2 && leap(year) ? 1 : 0);
}

std::vector<std::string> audit_cells(const JournalEntry& entry) {
    return {readable_time(entry.at), entry.who,   entry.what,
            entry.changes,           entry.state, entry.origin};
}

AuditFrame::AuditFrame(wxWindow* parent, const std::string& project_path)
    : wxFrame(parent, wxID_ANY, "History", wxDefaultPosition, wxSize(980, 560),
              wxDEFAULT_FRAME_STYLE | wxFRAME_FLOAT_ON_PARENT, "history"),
      project_(Project::open(project_path)) {
    auto* panel = new wxPanel(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* filters = new wxBoxSizer(wxHORIZONTAL);
    filters->Add(new wxStaticText(panel, wxID_ANY, "Coder:"), 0, wxALIGN_CENTER_VERTICAL);
    who_ = new wxChoice(panel, wxID_ANY, wxDefaultPosition, wxSize(180, -1), 0, nullptr, 0,
                        wxDefaultValidator, "history coder");
    filters->Add(who_, 0, wxLEFT | wxALIGN_CENTER_VERTICAL, 6);
    filters->Add(new wxStaticText(panel, wxID_ANY, "Since (YYYY-MM-DD):"), 0,
                 wxLEFT | wxALIGN_CENTER_VERTICAL, 16);
    since_ = new wxTextCtrl(panel, wxID_ANY, "", wxDefaultPosition, wxSize(120, -1),
                            wxTE_PROCESS_ENTER, wxDefaultValidator, "history since");
    filters->Add(since_, 0, wxLEFT | wxALIGN_CENTER_VERTICAL, 6);
    auto* refresh = new wxButton(panel, wxID_REFRESH, "Refresh");
    filters->Add(refresh, 0, wxLEFT | wxALIGN_CENTER_VERTICAL, 16);
    status_ =
        new wxStaticText(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    filters->Add(status_, 1, wxLEFT | wxALIGN_CENTER_VERTICAL, 16);
    sizer->Add(filters, 0, wxEXPAND | wxALL, 10);

    list_ = new CellList(panel, wxLC_REPORT | wxLC_SINGLE_SEL,
                         [this](long row, long column) { return cell(row, column); });
    list_->SetName("history entries");
    const std::pair<const char*, int> columns[kColumns] = {{"When (UTC)", 145}, {"Who", 90},
                                                           {"Action", 190},     {"Changes", 250},
                                                           {"State", 70},       {"Copy", 215}};
    for (const auto& [title, width] : columns) {
        list_->AppendColumn(title, wxLIST_FORMAT_LEFT, width);
    }
    sizer->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    panel->SetSizer(sizer);
    SetMinSize(wxSize(600, 320));
    fit_to_display(this);

    who_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { reload(); });
    since_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { reload(); });
    refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        fill_coders();
        reload();
    });
    fill_coders();
    reload();
}

void AuditFrame::fill_coders() {
    const wxString chosen = who_->GetStringSelection();
    std::vector<std::string> names;
    guarded(this, [&] {
        for (const Coder& c : project_.coders()) {
            names.push_back(c.name);
        }
        // Whoever acted without being a coder (the system user of a script) is listed too.
        JournalFilter everyone;
        everyone.merged = true;
        for (const JournalEntry& e : project_.journal(0, everyone)) {
            if (!e.who.empty() && std::find(names.begin(), names.end(), e.who) == names.end()) {
                names.push_back(e.who);
            }
        }
    });
    who_->Clear();
    who_->Append(kEveryone);
    for (const std::string& name : names) {
        who_->Append(wx(name));
    }
    if (!who_->SetStringSelection(chosen)) {
        who_->SetSelection(0);
    }
}

void AuditFrame::set_filter(const std::string& who, const std::string& since) {
    if (!who_->SetStringSelection(wx(who.empty() ? kEveryone : who))) {
        who_->SetSelection(0);
    }
    since_->ChangeValue(wx(since));
    reload();
}

void AuditFrame::reload() {
    const std::string since = utf8(since_->GetValue().Strip(wxString::both));
    if (!valid_since(since)) {
        status_->SetLabel("Since: a date as YYYY-MM-DD, e.g. 2026-01-31.");
        status_->SetForegroundColour(*wxRED);
        return;
    }
    JournalFilter filter;
    filter.merged = true;
    filter.since = since;
    if (who_->GetSelection() > 0) {
        filter.who = utf8(who_->GetStringSelection());
    }
    entries_.clear();
    guarded(this, [&] { entries_ = project_.journal(0, filter); });
    const long merged = std::count_if(entries_.begin(), entries_.end(),
                                      [](const JournalEntry& e) { return !e.origin.empty(); });
    status_->SetForegroundColour(GetForegroundColour());
    status_->SetLabel(wx(std::to_string(entries_.size()) +
                         (entries_.size() == 1 ? " entry" : " entries") + ", " +
                         std::to_string(merged) + " merged from copies; newest first."));
    list_->SetItemCount(rows());
    list_->Refresh();
}

std::string AuditFrame::cell(long row, long column) const {
    if (row < 0 || row >= rows() || column < 0 || column >= kColumns) {
        return {};
    }
    return audit_cells(entries_[static_cast<std::size_t>(row)])[static_cast<std::size_t>(column)];
}

}  // namespace quire::gui
