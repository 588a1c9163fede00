// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/retrieved_segments.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choicdlg.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/wrapsizer.h>

#include <algorithm>

#include "app/gui/error_dialog.h"
#include "app/gui/exchange_ui.h"
#include "app/gui/list_cells.h"
#include "app/gui/wx_strings.h"
#include "core/text/unicode.h"

namespace quire::gui {
namespace {

std::string one_line(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

std::string trimmed(const std::string& text) {
    const std::size_t first = text.find_first_not_of(" \t\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\n") - first + 1);
}

// A list cell shows less context than the details below it: the passage must stay in view
// in a narrow pane.
constexpr std::int64_t kCellContext = 24;

// "[…context]": the ellipsis says the text goes on beyond the context shown.
std::string bracketed_before(const Segment& s) {
    const std::int64_t length = text::code_point_count(s.before);
    const std::int64_t from = std::max<std::int64_t>(0, length - kCellContext);
    const std::string shown = trimmed(one_line(text::slice(s.before, from, length)));
    if (shown.empty()) {
        return {};
    }
    const bool more = s.coding.start - length + from > 0;  // text before the context shown
    return "[" + std::string(more ? "\u2026" : "") + shown + "] ";
}

std::string bracketed_after(const Segment& s) {
    const std::int64_t length = text::code_point_count(s.after);
    const std::string shown =
        trimmed(one_line(text::slice(s.after, 0, std::min(length, kCellContext))));
    if (shown.empty()) {
        return {};
    }
    const bool more = length > kCellContext || length >= SegmentRetrieval::kContext;
    return " [" + shown + (more ? "\u2026" : "") + "]";
}

// "all", the one name chosen, or "N of M".
std::string summary(const RetrievedSegmentsPanel::Choices& offered, const std::vector<Id>& chosen,
                    const std::string& none) {
    if (chosen.empty()) {
        return none;
    }
    if (chosen.size() == 1) {
        for (const auto& [id, label] : offered) {
            if (id == chosen.front()) {
                return label;
            }
        }
    }
    return std::to_string(chosen.size()) + " of " + std::to_string(offered.size());
}

}  // namespace

RetrievedSegmentsPanel::RetrievedSegmentsPanel(wxWindow* parent, Callbacks callbacks)
    : wxPanel(parent), callbacks_(std::move(callbacks)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* choosers = new wxWrapSizer(wxHORIZONTAL);
    auto* codes = new wxButton(this, wxID_ANY, L"Codes…");
    auto* documents = new wxButton(this, wxID_ANY, L"Documents…");
    auto* coders = new wxButton(this, wxID_ANY, L"Coders…");
    auto* groups = new wxButton(this, wxID_ANY, L"Groups…");
    auto* cases = new wxButton(this, wxID_ANY, L"Cases…");
    children_ = new wxCheckBox(this, wxID_ANY, "Include child codes");
    children_->SetValue(true);
    for (wxWindow* w : std::initializer_list<wxWindow*>{codes, documents, groups, cases, coders}) {
        choosers->Add(w, 0, wxRIGHT | wxBOTTOM, 4);
    }
    choosers->Add(children_, 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxBOTTOM, 4);
    sizer->Add(choosers, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 6);
    chosen_ =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    sizer->Add(chosen_, 0, wxEXPAND | wxLEFT | wxRIGHT, 6);
    header_ = new wxStaticText(this, wxID_ANY, "");
    header_->SetFont(header_->GetFont().Bold());
    sizer->Add(header_, 0, wxEXPAND | wxALL, 6);
    // The list asks for its cells: rows are never built one by one.
    list_ = new CellList(this, wxLC_REPORT | wxLC_SINGLE_SEL, [this](long row, long column) {
        return cell_text(static_cast<std::size_t>(row), static_cast<int>(column));
    });
    // In the order of Column.
    list_->AppendColumn("Document", wxLIST_FORMAT_LEFT, 96);
    list_->AppendColumn("Code", wxLIST_FORMAT_LEFT, 110);
    list_->AppendColumn("Passage [context]", wxLIST_FORMAT_LEFT, 460);
    list_->AppendColumn("Coder", wxLIST_FORMAT_LEFT, 60);
    list_->AppendColumn("Memo", wxLIST_FORMAT_LEFT, 220);
    sizer->Add(list_, 3, wxEXPAND | wxLEFT | wxRIGHT, 6);
    details_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 90),
                              wxTE_MULTILINE | wxTE_READONLY | wxTE_RICH2 | wxTE_WORDWRAP);
    sizer->Add(details_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 6);
    export_ = new wxButton(this, wxID_ANY, L"Export…");
    sizer->Add(export_, 0, wxALL, 6);
    SetSizer(sizer);

    codes->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { choose_codes(); });
    documents->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        choose_from("Documents", "Retrieve from these documents (none chosen: all).",
                    document_choices_, documents_);
    });
    coders->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        choose_from("Coders", "Retrieve these coders' codings (none chosen: all).", coder_choices_,
                    coders_);
    });
    groups->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        choose_from("Groups", "Retrieve from these document groups (none chosen: all).",
                    group_choices_, groups_);
    });
    cases->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        choose_from("Cases", "Retrieve within these cases (none chosen: all).", case_choices_,
                    cases_);
    });
    children_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { refresh(); });
    list_->Bind(wxEVT_LIST_ITEM_ACTIVATED,
                [this](wxListEvent& e) { activate(static_cast<std::size_t>(e.GetIndex())); });
    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) { show_details(e.GetIndex()); });
    export_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_export(); });
    show_choices();
}

void RetrievedSegmentsPanel::set_project(Project* project) {
    project_ = project;
    codes_.clear();
    documents_.clear();
    coders_.clear();
    groups_.clear();
    cases_.clear();
    refresh();
}

void RetrievedSegmentsPanel::set_choices(Choices codes, Choices documents, Choices coders,
                                         Choices groups, Choices cases) {
    code_choices_ = std::move(codes);
    document_choices_ = std::move(documents);
    coder_choices_ = std::move(coders);
    group_choices_ = std::move(groups);
    case_choices_ = std::move(cases);
    // Choices that are gone (a code deleted or merged) drop out of the filter.
    auto keep_offered = [](std::vector<Id>& chosen, const Choices& offered) {
        chosen.erase(std::remove_if(chosen.begin(), chosen.end(),
                                    [&](Id id) {
                                        return std::none_of(
                                            offered.begin(), offered.end(),
                                            [id](const auto& o) { return o.first == id; });
                                    }),
                     chosen.end());
    };
    keep_offered(codes_, code_choices_);
    keep_offered(documents_, document_choices_);
    keep_offered(coders_, coder_choices_);
    keep_offered(groups_, group_choices_);
    keep_offered(cases_, case_choices_);
    show_choices();
}

void RetrievedSegmentsPanel::choose(const std::vector<Id>& codes, bool include_child_codes,
                                    const std::vector<Id>& documents, const std::vector<Id>& coders,
                                    const std::vector<Id>& groups, const std::vector<Id>& cases) {
    codes_ = codes;
    documents_ = documents;
    coders_ = coders;
    groups_ = groups;
    cases_ = cases;
    children_->SetValue(include_child_codes);
    refresh();
}

void RetrievedSegmentsPanel::refresh() {
    show_choices();
    retrieval_.clear();
    if (project_ != nullptr && !codes_.empty()) {
        CodingFilter filter;
        filter.code_ids = codes_;
        filter.include_child_codes = children_->GetValue();
        if (!documents_.empty()) {
            filter.documents = documents_;
        }
        filter.coder_ids = coders_;
        filter.group_ids = groups_;
        filter.case_ids = cases_;
        guarded(this, [&] { retrieval_.run(*project_, filter); });
    }
    list_->SetItemCount(static_cast<long>(retrieval_.size()));
    list_->Refresh();
    details_->Clear();
    header_->SetLabel(wx(header_text()));
    export_->Enable(retrieval_.size() > 0);
    Layout();
}

std::string RetrievedSegmentsPanel::header_text() const {
    if (codes_.empty()) {
        return "Choose codes to list their coded segments.";
    }
    const std::size_t n = retrieval_.size();
    return std::to_string(n) + (n == 1 ? " segment" : " segments") + " in " +
           std::to_string(retrieval_.document_count()) +
           (retrieval_.document_count() == 1 ? " document" : " documents") + ", " +
           std::to_string(retrieval_.code_count()) +
           (retrieval_.code_count() == 1 ? " code" : " codes");
}

void RetrievedSegmentsPanel::show_choices() {
    const wxString chosen =
        wx("Codes: " + summary(code_choices_, codes_, "none") +
           "  \u00B7  Documents: " + summary(document_choices_, documents_, "all") +
           (groups_.empty() ? "" : "  \u00B7  Groups: " + summary(group_choices_, groups_, "")) +
           (cases_.empty() ? "" : "  \u00B7  Cases: " + summary(case_choices_, cases_, "")) +
           "  \u00B7  Coders: " + summary(coder_choices_, coders_, "all"));
    chosen_->SetLabel(chosen);
    chosen_->SetToolTip(chosen);
}

std::string RetrievedSegmentsPanel::cell_text(std::size_t row, int column) {
    if (row >= retrieval_.size()) {
        return {};
    }
    switch (column) {
        case kDocument:
            return retrieval_.document_name(row);
        case kCode:
            return retrieval_.code_path(row);
        case kCoder:
            return retrieval_.coder_name(row);
        case kPassage: {
            if (project_ == nullptr) {
                return {};
            }
            std::string cell;
            // Drawing must not open dialogs: a passage that cannot be read shows empty.
            try {
                const Segment& s = retrieval_.passage(*project_, row);
                cell = bracketed_before(s) + one_line(s.text) + bracketed_after(s);
            } catch (const std::exception&) {
            }
            return cell;
        }
        case kMemo:
            return one_line(retrieval_.memo(row));
        default:
            return {};
    }
}

void RetrievedSegmentsPanel::activate(std::size_t row) {
    if (row < retrieval_.size() && callbacks_.open) {
        callbacks_.open(retrieval_.coding(row));
    }
}

void RetrievedSegmentsPanel::show_details(long row) {
    details_->Clear();
    if (row < 0 || static_cast<std::size_t>(row) >= retrieval_.size() || project_ == nullptr) {
        return;
    }
    const auto at = static_cast<std::size_t>(row);
    guarded(this, [&] {
        const Segment& s = retrieval_.passage(*project_, at);
        const wxTextAttr context(wxColour(0x8A, 0x8A, 0x8A));
        wxTextAttr passage(*wxBLACK);
        passage.SetFontWeight(wxFONTWEIGHT_BOLD);
        details_->SetDefaultStyle(context);
        details_->AppendText(wx(retrieval_.document_name(at) + " \u00B7 " +
                                retrieval_.code_path(at) + " \u00B7 " + retrieval_.coder_name(at) +
                                "\n"));
        details_->AppendText(
            wx((s.coding.start > SegmentRetrieval::kContext ? "\u2026" : "") + s.before));
        details_->SetDefaultStyle(passage);
        details_->AppendText(wx(s.text));
        details_->SetDefaultStyle(context);
        const bool more = text::code_point_count(s.after) >= SegmentRetrieval::kContext;
        details_->AppendText(wx(s.after + (more ? "\u2026" : "")));
        const std::string memo = retrieval_.memo(at);
        if (!memo.empty()) {
            details_->SetDefaultStyle(wxTextAttr(*wxBLACK));
            details_->AppendText(wx("\nMemo: " + memo));
        }
        details_->ShowPosition(0);
    });
}

void RetrievedSegmentsPanel::choose_codes() {
    choose_from("Codes", "List the segments coded with these codes.", code_choices_, codes_);
}

void RetrievedSegmentsPanel::choose_from(const wxString& title, const wxString& message,
                                         const Choices& offered, std::vector<Id>& chosen) {
    wxArrayString labels;
    wxArrayInt selected;
    for (std::size_t i = 0; i < offered.size(); ++i) {
        labels.Add(wx(offered[i].second));
        if (std::find(chosen.begin(), chosen.end(), offered[i].first) != chosen.end()) {
            selected.Add(static_cast<int>(i));
        }
    }
    wxMultiChoiceDialog dialog(this, message, title, labels);
    dialog.SetSelections(selected);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    chosen.clear();
    for (const int i : dialog.GetSelections()) {
        chosen.push_back(offered[static_cast<std::size_t>(i)].first);
    }
    refresh();
}

void RetrievedSegmentsPanel::on_export() {
    if (project_ != nullptr && retrieval_.size() > 0) {
        export_segments(this, project_->path(), retrieval_.filter());
    }
}

}  // namespace quire::gui
