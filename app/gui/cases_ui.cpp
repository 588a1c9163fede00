// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/cases_ui.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/grid.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textdlg.h>

#include <algorithm>
#include <map>

#include "app/gui/error_dialog.h"
#include "app/gui/journal_ui.h"
#include "app/gui/memo_pane.h"
#include "app/gui/window_size.h"
#include "app/gui/wx_strings.h"
#include "core/base/errors.h"
#include "core/text/unicode.h"

namespace quire::gui {
namespace {

constexpr std::size_t kPreviewBytes = 160;

// Up to kPreviewBytes of the passage, on one line, not cutting a character in half.
std::string preview(const std::string& text, const TextRange& range) {
    const text::OffsetMap offsets(text);
    const auto from = static_cast<std::size_t>(offsets.byte_of(range.start));
    const auto to = static_cast<std::size_t>(offsets.byte_of(range.end));
    std::string cut = text.substr(from, std::min(to - from, kPreviewBytes));
    while (!cut.empty() && !text::is_valid_utf8(cut)) {
        cut.pop_back();
    }
    std::replace(cut.begin(), cut.end(), '\n', ' ');
    return cut;
}

wxStaticText* heading(wxWindow* parent, const wxString& text) {
    auto* label = new wxStaticText(parent, wxID_ANY, text);
    label->SetFont(label->GetFont().Bold());
    return label;
}

}  // namespace

std::string case_link_extent(const CaseLink& link) {
    if (!link.start || !link.end) {
        return "whole document";
    }
    return "[" + std::to_string(*link.start) + ", " + std::to_string(*link.end) + ")";
}

CaseManagerDialog::CaseManagerDialog(wxWindow* parent, Project& project, std::optional<Id> document,
                                     TextRange selection)
    : wxDialog(parent, wxID_ANY, "Cases", wxDefaultPosition, wxSize(900, 560),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      project_(project),
      document_(document),
      selection_(selection) {
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(heading(this, "Cases"), 0, wxBOTTOM, 6);
    case_list_ = new wxListBox(this, wxID_ANY);
    case_list_->SetName("case list");
    left->Add(case_list_, 1, wxEXPAND);
    auto* case_buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* add = new wxButton(this, wxID_ANY, L"New Case…");
    rename_ = new wxButton(this, wxID_ANY, L"Rename…");
    remove_ = new wxButton(this, wxID_ANY, L"Remove…");
    memo_ = new wxButton(this, wxID_ANY, "Memo");
    memo_->SetToolTip("Write the case's memo in the memo pane");
    case_buttons->Add(add, 0, wxRIGHT, 6);
    case_buttons->Add(rename_, 0, wxRIGHT, 6);
    case_buttons->Add(remove_, 0, wxRIGHT, 6);
    case_buttons->Add(memo_);
    left->Add(case_buttons, 0, wxTOP, 6);

    auto* right = new wxBoxSizer(wxVERTICAL);
    right->Add(heading(this, "Documents and passages of the case"), 0, wxBOTTOM, 6);
    link_list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                wxLC_REPORT | wxLC_SINGLE_SEL);
    link_list_->SetName("case links");
    link_list_->AppendColumn("Document", wxLIST_FORMAT_LEFT, 200);
    link_list_->AppendColumn("Extent", wxLIST_FORMAT_LEFT, 130);
    link_list_->AppendColumn("Text", wxLIST_FORMAT_LEFT, 260);
    right->Add(link_list_, 1, wxEXPAND);
    auto* link_buttons = new wxBoxSizer(wxHORIZONTAL);
    link_document_ = new wxButton(this, wxID_ANY, "Link Open Document");
    link_selection_ = new wxButton(this, wxID_ANY, "Link Selected Passage");
    unlink_ = new wxButton(this, wxID_ANY, "Unlink");
    link_buttons->Add(link_document_, 0, wxRIGHT, 6);
    link_buttons->Add(link_selection_, 0, wxRIGHT, 6);
    link_buttons->Add(unlink_);
    right->Add(link_buttons, 0, wxTOP, 6);

    auto* panes = new wxBoxSizer(wxHORIZONTAL);
    panes->Add(left, 2, wxEXPAND | wxRIGHT, 12);
    panes->Add(right, 5, wxEXPAND);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(panes, 1, wxEXPAND | wxALL, 12);
    auto* close = new wxButton(this, wxID_CANCEL, "Close");
    sizer->Add(close, 0, wxALIGN_RIGHT | wxLEFT | wxRIGHT | wxBOTTOM, 12);
    SetSizer(sizer);
    SetEscapeId(wxID_CANCEL);
    SetMinSize(wxSize(600, 360));
    fit_to_display(this);
    CentreOnParent();

    case_list_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) {
        refresh_links();
        refresh_buttons();
    });
    link_list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { refresh_buttons(); });
    link_list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { refresh_buttons(); });
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const wxString name = wxGetTextFromUser("Name of the new case:", "New case", "", this);
        if (!name.IsEmpty()) {
            add_case(utf8(name));
        }
    });
    rename_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const std::optional<Case> c = chosen();
        const wxString name =
            c ? wxGetTextFromUser("New name:", "Rename case", wx(c->name), this) : wxString();
        if (!name.IsEmpty()) {
            rename_case(utf8(name));
        }
    });
    remove_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const std::optional<Case> c = chosen();
        if (c &&
            wxMessageBox(wx("Remove the case \"" + c->name +
                            "\" with its links, attribute values and memos? Its "
                            "documents stay."),
                         "Remove case", wxYES_NO | wxNO_DEFAULT | wxICON_WARNING, this) == wxYES) {
            remove_case();
        }
    });
    memo_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        memo_case = chosen();
        if (memo_case) {
            EndModal(wxID_EDIT);
        }
    });
    link_document_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { link_document(); });
    link_selection_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { link_selection(); });
    unlink_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { unlink(); });

    if (!selection_.empty()) {
        link_selection_->SetLabel(wx("Link Selected Passage [" + std::to_string(selection_.start) +
                                     ", " + std::to_string(selection_.end) + ")"));
    }
    refresh_cases("");
}

std::optional<Case> CaseManagerDialog::chosen() const {
    const int i = case_list_->GetSelection();
    if (i == wxNOT_FOUND || static_cast<std::size_t>(i) >= cases_.size()) {
        return std::nullopt;
    }
    return cases_[static_cast<std::size_t>(i)];
}

void CaseManagerDialog::refresh_cases(const std::string& keep) {
    const std::optional<Case> was = chosen();
    const std::string wanted = !keep.empty() ? keep : was ? was->name : std::string();
    case_list_->Clear();
    cases_.clear();
    MemoMarks marks;
    guarded(this, [&] {
        cases_ = project_.cases();
        marks = memo_marks(project_);
    });
    for (const Case& c : cases_) {
        case_list_->Append(wx(c.name + (marks.has(Memo::Target::Case, c.id) ? kMemoMark : "")));
        if (c.name == wanted) {
            case_list_->SetSelection(static_cast<int>(case_list_->GetCount()) - 1);
        }
    }
    if (case_list_->GetSelection() == wxNOT_FOUND && !cases_.empty()) {
        case_list_->SetSelection(0);
    }
    refresh_links();
    refresh_buttons();
}

void CaseManagerDialog::refresh_links() {
    link_list_->DeleteAllItems();
    links_.clear();
    const std::optional<Case> c = chosen();
    if (!c) {
        return;
    }
    guarded(this, [&] {
        links_ = project_.case_links(c->id);
        std::map<Id, std::string> texts;
        for (const CaseLink& link : links_) {
            const long row = link_list_->InsertItem(link_list_->GetItemCount(),
                                                    wx(project_.document_name(link.document_id)));
            link_list_->SetItem(row, 1, wx(case_link_extent(link)));
            if (link.start && link.end) {
                if (texts.count(link.document_id) == 0) {
                    texts[link.document_id] = project_.document_text(link.document_id);
                }
                link_list_->SetItem(row, 2,
                                    wx(preview(texts[link.document_id], {*link.start, *link.end})));
            }
        }
    });
}

void CaseManagerDialog::refresh_buttons() {
    const bool has_case = chosen().has_value();
    rename_->Enable(has_case);
    remove_->Enable(has_case);
    memo_->Enable(has_case);
    link_document_->Enable(has_case && document_.has_value());
    link_selection_->Enable(has_case && document_.has_value() && !selection_.empty());
    unlink_->Enable(link_list_->GetSelectedItemCount() > 0);
}

int CaseManagerDialog::link_rows() const {
    return link_list_->GetItemCount();
}

bool CaseManagerDialog::select_case(const std::string& name) {
    for (std::size_t i = 0; i < cases_.size(); ++i) {
        if (cases_[i].name == name) {
            case_list_->SetSelection(static_cast<int>(i));
            refresh_links();
            refresh_buttons();
            return true;
        }
    }
    return false;
}

bool CaseManagerDialog::add_case(const std::string& name) {
    std::string added;
    guarded(this, [&] {
        for (const Case& c : project_.cases()) {
            if (c.name == text::to_nfc(name)) {
                throw ConflictError("a case named \"" + c.name + "\" already exists");
            }
        }
        label_actions(project_, "New Case");
        added = project_.ensure_case(name).name;
    });
    refresh_cases(added);
    return !added.empty();
}

bool CaseManagerDialog::rename_case(const std::string& name) {
    const std::optional<Case> c = chosen();
    if (!c) {
        return false;
    }
    std::string renamed;
    guarded(this, [&] {
        label_actions(project_, "Rename Case");
        project_.rename_case(c->id, name);
        renamed = project_.find_case(name).name;
    });
    refresh_cases(renamed);
    return !renamed.empty();
}

bool CaseManagerDialog::remove_case() {
    const std::optional<Case> c = chosen();
    if (!c) {
        return false;
    }
    const bool done = guarded(this, [&] {
        label_actions(project_, "Remove Case");
        project_.remove_case(c->id);
    });
    refresh_cases("");
    return done;
}

bool CaseManagerDialog::link_document() {
    const std::optional<Case> c = chosen();
    if (!c || !document_) {
        return false;
    }
    const bool done = guarded(this, [&] {
        label_actions(project_, "Link Document to Case");
        project_.link_case(c->id, *document_);
    });
    refresh_links();
    return done;
}

bool CaseManagerDialog::link_selection() {
    const std::optional<Case> c = chosen();
    if (!c || !document_ || selection_.empty()) {
        return false;
    }
    const bool done = guarded(this, [&] {
        label_actions(project_, "Link Passage to Case");
        project_.link_case(c->id, *document_, selection_.start, selection_.end);
    });
    refresh_links();
    return done;
}

bool CaseManagerDialog::unlink() {
    const std::optional<Case> c = chosen();
    const long row = link_list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (!c || row < 0 || static_cast<std::size_t>(row) >= links_.size()) {
        return false;
    }
    const CaseLink link = links_[static_cast<std::size_t>(row)];
    const bool done = guarded(this, [&] {
        label_actions(project_, "Unlink from Case");
        project_.unlink_case(c->id, link.document_id, link.start, link.end);
    });
    refresh_links();
    refresh_buttons();
    return done;
}

// ---------------------------------------------------------------------------------------

AttributeSheetDialog::AttributeSheetDialog(wxWindow* parent, Project& project)
    : wxDialog(parent, wxID_ANY, "Attribute sheet", wxDefaultPosition, wxSize(960, 600),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      project_(project) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                "One row per document and per case. Type a value to set it "
                                "(checked for the attribute's type); empty a cell to remove it."),
               0, wxALL, 12);
    grid_ = new wxGrid(this, wxID_ANY);
    grid_->SetName("attribute sheet");
    grid_->CreateGrid(0, 0);
    sizer->Add(grid_, 1, wxEXPAND | wxLEFT | wxRIGHT, 12);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* add = new wxButton(this, wxID_ANY, L"Add Attribute…");
    buttons->Add(add);
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CANCEL, "Close"));
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
    SetSizer(sizer);
    SetEscapeId(wxID_CANCEL);
    SetMinSize(wxSize(560, 360));
    fit_to_display(this);
    CentreOnParent();

    grid_->Bind(wxEVT_GRID_CELL_CHANGING, &AttributeSheetDialog::on_cell_changing, this);
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ask_new_column(); });
    // A value still being typed when the window closes is kept, as elsewhere.
    Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent& e) {
            if (grid_->IsCellEditControlEnabled()) {
                grid_->SaveEditControlValue();
                grid_->HideCellEditControl();
            }
            e.Skip();
        },
        wxID_CANCEL);
    fill();
}

void AttributeSheetDialog::fill() {
    owners_.clear();
    row_names_.clear();
    columns_.clear();
    std::vector<std::map<std::string, std::string>> values;
    std::vector<std::string> labels;
    guarded(this, [&] {
        for (const Attribute& a : project_.attributes()) {
            columns_.push_back({a.name, a.type, {}});
            if (a.type == AttributeType::Text) {
                columns_.back().choices = project_.attribute_choices(a.name);
            }
        }
        // The documents with their coding counts beside their attributes: the documents
        // list as a table.
        const std::map<Id, std::int64_t> codings = project_.coding_counts_by_document();
        for (const Document& d : project_.documents()) {
            owners_.push_back({d.id, std::nullopt});
            row_names_.push_back(d.name);
            const auto n = codings.find(d.id);
            const std::int64_t count = n == codings.end() ? 0 : n->second;
            labels.push_back(d.name + "  (" + std::to_string(count) +
                             (count == 1 ? " coding)" : " codings)"));
            auto& row = values.emplace_back();
            for (const AttributeValue& v : project_.document_attributes(d.id)) {
                row[v.attribute] = v.value;
            }
        }
        for (const Case& c : project_.cases()) {
            owners_.push_back({std::nullopt, c.id});
            row_names_.push_back(c.name);
            labels.push_back("Case: " + c.name);
            auto& row = values.emplace_back();
            for (const AttributeValue& v : project_.case_attributes(c.id)) {
                row[v.attribute] = v.value;
            }
        }
    });
    if (grid_->GetNumberRows() > 0) {
        grid_->DeleteRows(0, grid_->GetNumberRows());
    }
    if (grid_->GetNumberCols() > 0) {
        grid_->DeleteCols(0, grid_->GetNumberCols());
    }
    grid_->AppendRows(static_cast<int>(owners_.size()));
    grid_->AppendCols(static_cast<int>(columns_.size()));
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        const bool choice = !columns_[c].choices.empty();
        grid_->SetColLabelValue(
            static_cast<int>(c),
            wx(columns_[c].name + " (" +
               (choice ? std::string("choice") : to_string(columns_[c].type)) + ")"));
        if (choice) {
            // A choice is picked from its list, not typed.
            wxArrayString listed;
            for (const std::string& value : columns_[c].choices) {
                listed.Add(wx(value));
            }
            listed.Add("");  // and an empty cell removes the value
            auto* column = new wxGridCellAttr;
            column->SetEditor(new wxGridCellChoiceEditor(listed, false));
            grid_->SetColAttr(static_cast<int>(c), column);
        }
    }
    for (std::size_t r = 0; r < owners_.size(); ++r) {
        grid_->SetRowLabelValue(static_cast<int>(r), wx(labels[r]));
        for (std::size_t c = 0; c < columns_.size(); ++c) {
            const auto it = values[r].find(columns_[c].name);
            if (it != values[r].end()) {
                grid_->SetCellValue(static_cast<int>(r), static_cast<int>(c), wx(it->second));
            }
        }
    }
    grid_->SetRowLabelAlignment(wxALIGN_LEFT, wxALIGN_CENTRE);
    grid_->SetRowLabelSize(wxGRID_AUTOSIZE);
    grid_->AutoSizeColumns(false);
}

int AttributeSheetDialog::row_of(const std::string& name) const {
    const auto it = std::find(row_names_.begin(), row_names_.end(), name);
    return it == row_names_.end() ? -1 : static_cast<int>(it - row_names_.begin());
}

int AttributeSheetDialog::column_of(const std::string& attribute) const {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        if (columns_[c].name == attribute) {
            return static_cast<int>(c);
        }
    }
    return -1;
}

void AttributeSheetDialog::on_cell_changing(wxGridEvent& event) {
    const int row = event.GetRow();
    const int col = event.GetCol();
    if (row < 0 || col < 0 || static_cast<std::size_t>(row) >= owners_.size() ||
        static_cast<std::size_t>(col) >= columns_.size()) {
        event.Veto();
        return;
    }
    const Owner owner = owners_[static_cast<std::size_t>(row)];
    const Column column = columns_[static_cast<std::size_t>(col)];
    const std::string typed = utf8(event.GetString());
    const std::string before = utf8(grid_->GetCellValue(row, col));
    const bool removing = typed.find_first_not_of(" \t") == std::string::npos;
    if (typed == before || (removing && before.empty())) {
        return;
    }
    std::string stored;
    const bool done = guarded(this, [&] {
        label_actions(project_, removing ? "Remove Attribute Value" : "Set Attribute");
        Project::Action action(project_);
        if (removing) {
            owner.document ? project_.unset_document_attribute(*owner.document, column.name)
                           : project_.unset_case_attribute(*owner.case_id, column.name);
        } else {
            const Attribute a = project_.ensure_attribute(column.name, column.type);
            if (a.type != column.type) {
                throw ConflictError("attribute \"" + a.name + "\" is " + to_string(a.type) +
                                    ", not " + to_string(column.type));
            }
            owner.document ? project_.set_document_attribute(*owner.document, a.name, typed)
                           : project_.set_case_attribute(*owner.case_id, a.name, typed);
            const std::vector<AttributeValue> now =
                owner.document ? project_.document_attributes(*owner.document)
                               : project_.case_attributes(*owner.case_id);
            for (const AttributeValue& v : now) {
                if (v.attribute == a.name) {
                    stored = v.value;
                }
            }
        }
        action.commit();
    });
    if (!done) {
        event.Veto();  // the cell keeps what the file holds
        return;
    }
    // The grid writes what was typed after this event: show the stored form ("yes" as
    // "true", "3.50" as "3.5") once it has.
    CallAfter([this, row, col, stored] {
        if (row < grid_->GetNumberRows() && col < grid_->GetNumberCols()) {
            grid_->SetCellValue(row, col, wx(stored));
        }
    });
}

bool AttributeSheetDialog::add_column(const std::string& name, AttributeType type) {
    const std::string clean = text::to_nfc(name);
    if (clean.find_first_not_of(" \t") == std::string::npos || column_of(clean) >= 0) {
        return false;
    }
    columns_.push_back({clean, type, {}});
    grid_->AppendCols(1);
    const int col = grid_->GetNumberCols() - 1;
    grid_->SetColLabelValue(col, wx(clean + " (" + to_string(type) + ")"));
    grid_->SetColSize(col, std::max(grid_->GetColSize(col), 140));
    return true;
}

bool AttributeSheetDialog::add_choice_column(const std::string& name,
                                             const std::vector<std::string>& choices) {
    if (column_of(text::to_nfc(name)) >= 0) {
        return false;
    }
    const bool made = guarded(this, [&] {
        label_actions(project_, "Add Choice Attribute");
        Project::Action action(project_);
        project_.ensure_attribute(name, AttributeType::Text);
        project_.set_attribute_choices(name, choices);
        action.commit();
    });
    if (made) {
        fill();
    }
    return made;
}

void AttributeSheetDialog::ask_new_column() {
    const wxString name =
        wxGetTextFromUser("Name of the new attribute:", "Add attribute", "", this);
    if (name.IsEmpty()) {
        return;
    }
    const AttributeType types[] = {AttributeType::Text, AttributeType::Boolean,
                                   AttributeType::Integer, AttributeType::Float,
                                   AttributeType::Date};
    wxArrayString choices;
    for (const AttributeType t : types) {
        choices.Add(wx(to_string(t)));
    }
    choices.Add("choice");
    const int pick =
        wxGetSingleChoiceIndex("Type of \"" + name + "\":", "Add attribute", choices, 0, this);
    if (pick < 0) {
        return;
    }
    if (pick == static_cast<int>(std::size(types))) {
        const std::string listed = utf8(wxGetTextFromUser(
            "The choices, separated by commas (staff, referrer, young person):", "Add attribute",
            "", this));
        std::vector<std::string> values;
        std::size_t at = 0;
        while (at <= listed.size()) {
            const std::size_t comma = std::min(listed.find(',', at), listed.size());
            const std::string value = listed.substr(at, comma - at);
            if (value.find_first_not_of(" \t") != std::string::npos) {
                values.push_back(value);
            }
            at = comma + 1;
        }
        if (!values.empty() && !add_choice_column(utf8(name), values)) {
            wxMessageBox("\"" + name + "\" is already a column.", "Add attribute",
                         wxOK | wxICON_INFORMATION, this);
        }
        return;
    }
    if (!add_column(utf8(name), types[pick])) {
        wxMessageBox("\"" + name + "\" is already a column.", "Add attribute",
                     wxOK | wxICON_INFORMATION, this);
    }
}

}  // namespace quire::gui
