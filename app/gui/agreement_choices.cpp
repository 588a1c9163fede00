// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/agreement_choices.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

#include <algorithm>
#include <set>

#include "app/gui/error_dialog.h"
#include "app/gui/wx_strings.h"
#include "core/agreement/units.h"
#include "core/base/errors.h"

namespace quire::gui {

using agreement::UnitKind;

namespace {

constexpr int kGap = 8;  // between the controls and around them

constexpr const char* kAnyGroup = "(choose a document group)";

const char* const kUnits[] = {"character", "word",    "sentence", "paragraph",
                              "turn",      "segment", "document"};

wxStaticText* heading(wxWindow* parent, const wxString& text) {
    auto* label = new wxStaticText(parent, wxID_ANY, text);
    label->SetFont(label->GetFont().Bold());
    return label;
}

std::vector<int> checked_items(const wxCheckListBox* list) {
    std::vector<int> out;
    for (unsigned i = 0; i < list->GetCount(); ++i) {
        if (list->IsChecked(i)) {
            out.push_back(static_cast<int>(i));
        }
    }
    return out;
}

std::vector<std::string> checked_names(const wxCheckListBox* list) {
    std::vector<std::string> out;
    for (const int i : checked_items(list)) {
        out.push_back(utf8(list->GetString(static_cast<unsigned>(i))));
    }
    return out;
}

void check_all(wxCheckListBox* list, bool checked) {
    for (unsigned i = 0; i < list->GetCount(); ++i) {
        list->Check(i, checked);
    }
}

}  // namespace

std::map<Id, int> code_depths(const std::vector<Code>& codes) {
    std::map<Id, int> depth;
    for (const Code& c : codes) {
        depth[c.id] = c.parent_id ? depth[*c.parent_id] + 1 : 0;
    }
    return depth;
}

// A heading with All and None buttons over a list that takes `proportion` of the height.
wxCheckListBox* AgreementChoices::add_checklist(wxSizer* sizer, const wxString& title,
                                                int proportion) {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(heading(this, title), 1, wxALIGN_CENTER_VERTICAL);
    auto* all =
        new wxButton(this, wxID_ANY, "All", wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    auto* none =
        new wxButton(this, wxID_ANY, "None", wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    row->Add(all, 0, wxRIGHT, 4);
    row->Add(none, 0);
    sizer->Add(row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, kGap);
    // A small minimum, so that the sizer shares the height by proportion: a list's best
    // size is all of its items, which on a small screen left the next list no room at all.
    auto* list = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 72));
    sizer->Add(list, proportion, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, kGap);
    all->Bind(wxEVT_BUTTON, [list](wxCommandEvent&) { check_all(list, true); });
    none->Bind(wxEVT_BUTTON, [list](wxCommandEvent&) { check_all(list, false); });
    return list;
}

// A labelled whole-percentage spinner, in steps of 5, from `minimum` to 100.
wxSpinCtrlDouble* AgreementChoices::add_percentage(wxSizer* options, const wxString& label,
                                                   double minimum, double initial,
                                                   const wxString& tip) {
    options->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
    auto* spin = new wxSpinCtrlDouble(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                      wxSP_ARROW_KEYS, minimum, 100.0, initial, 5.0);
    spin->SetDigits(0);
    spin->SetToolTip(tip);
    options->Add(spin, 0, wxEXPAND);
    return spin;
}

AgreementChoices::AgreementChoices(wxWindow* parent, std::string consensus_coder,
                                   std::function<void(const wxString&)> status)
    : wxPanel(parent), consensus_coder_(std::move(consensus_coder)), status_(std::move(status)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);

    sizer->Add(heading(this, "Coders"), 0, wxLEFT | wxRIGHT | wxTOP, kGap);
    coders_list_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 78));
    sizer->Add(coders_list_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, kGap);
    groups_toggle_ = new wxCheckBox(this, wxID_ANY, "Compare two groups");
    sizer->Add(groups_toggle_, 0, wxLEFT | wxRIGHT | wxTOP, kGap);
    groups_panel_ = new wxPanel(this);
    {
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        for (int g = 0; g < 2; ++g) {
            auto* column = new wxBoxSizer(wxVERTICAL);
            column->Add(new wxStaticText(groups_panel_, wxID_ANY, g == 0 ? "Group 1" : "Group 2"),
                        0, wxBOTTOM, 2);
            auto* list =
                new wxCheckListBox(groups_panel_, wxID_ANY, wxDefaultPosition, wxSize(-1, 78));
            column->Add(list, 1, wxEXPAND);
            row->Add(column, 1, wxEXPAND | (g == 0 ? wxRIGHT : 0), 4);
            (g == 0 ? group1_list_ : group2_list_) = list;
        }
        groups_panel_->SetSizer(row);
    }
    sizer->Add(groups_panel_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, kGap);
    groups_panel_->Hide();

    codes_list_ = add_checklist(sizer, "Codes", 3);
    documents_list_ = add_checklist(sizer, "Documents", 2);
    {
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->Add(new wxStaticText(this, wxID_ANY, "Check a group"), 0,
                 wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
        document_group_ = new wxChoice(this, wxID_ANY);
        document_group_->SetName("agreement document group");
        row->Add(document_group_, 1);
        sizer->Add(row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, kGap);
        document_group_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
            const int i = document_group_->GetSelection();
            if (i > 0) {
                check_group_documents(document_groups_[static_cast<std::size_t>(i - 1)].first);
            }
        });
    }

    auto* options = new wxFlexGridSizer(2, wxSize(8, 6));
    options->AddGrowableCol(1);
    options->Add(new wxStaticText(this, wxID_ANY, "Unit"), 0, wxALIGN_CENTER_VERTICAL);
    unit_ = new wxChoice(this, wxID_ANY);
    for (const char* u : kUnits) {
        unit_->Append(u);
    }
    unit_->SetSelection(0);
    options->Add(unit_, 0, wxEXPAND);
    coverage_ = add_percentage(options, "Coverage % of a unit", 0.0, 0.0,
                               "A unit counts as coded when a coder covered at least this "
                               "share of it; 0 means any character.");
    overlap_ = add_percentage(options, "Segment overlap %", 1.0, 90.0,
                              "Two segments match when their overlap is at least this share "
                              "of the range they cover together.");
    sizer->Add(options, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, kGap);

    SetSizer(sizer);

    groups_toggle_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        const bool groups = groups_toggle_->GetValue();
        groups_panel_->Show(groups);
        coders_list_->Show(!groups);
        Layout();
    });
    unit_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        update_enabled();
        if (on_unit_chosen) {
            on_unit_chosen();
        }
    });
    update_enabled();
}

UnitKind AgreementChoices::selected_unit() const {
    const int i = unit_->GetSelection();
    return agreement::unit_kind_from_string(kUnits[i < 0 ? 0 : i]);
}

void AgreementChoices::load(Project& project) {
    reload_coders(project);
    codes_ = project.codes();
    const std::map<Id, int> depth = code_depths(codes_);
    codes_list_->Clear();
    for (const Code& c : codes_) {
        const unsigned i = codes_list_->Append(wxString(' ', 4 * depth.at(c.id)) + wx(c.name));
        codes_list_->Check(i, c.codable);
    }
    documents_ = project.documents();
    documents_list_->Clear();
    for (const Document& d : documents_) {
        documents_list_->Check(documents_list_->Append(wx(d.name)), true);
    }
    document_groups_.clear();
    document_group_->Clear();
    document_group_->Append(kAnyGroup);
    for (const DocumentGroup& g : project.groups()) {
        std::set<Id> members;
        for (const Document& d : project.group_documents(g.id)) {
            members.insert(d.id);
        }
        document_groups_.emplace_back(g.name, std::move(members));
        document_group_->Append(wx(g.name));
    }
    document_group_->SetSelection(0);
    document_group_->Enable(!document_groups_.empty());
}

bool AgreementChoices::check_group_documents(const std::string& group) {
    const auto it = std::find_if(document_groups_.begin(), document_groups_.end(),
                                 [&](const auto& named) { return named.first == group; });
    if (it == document_groups_.end()) {
        return false;
    }
    for (std::size_t i = 0; i < documents_.size(); ++i) {
        documents_list_->Check(static_cast<unsigned>(i), it->second.count(documents_[i].id) > 0);
    }
    document_group_->SetSelection(static_cast<int>(it - document_groups_.begin()) + 1);
    return true;
}

bool AgreementChoices::has_coder(const std::string& name) const {
    return std::find(coder_names_.begin(), coder_names_.end(), name) != coder_names_.end();
}

void AgreementChoices::reload_coders(Project& project) {
    const bool first_time = coder_names_.empty();
    std::set<std::string> keep[3];
    wxCheckListBox* lists[3] = {coders_list_, group1_list_, group2_list_};
    for (int l = 0; l < 3; ++l) {
        for (const std::string& name : checked_names(lists[l])) {
            keep[l].insert(name);
        }
    }
    coder_names_.clear();
    std::vector<std::string> individuals;  // defaults: everyone but the consensus layer
    for (const Coder& c : project.coders()) {
        coder_names_.push_back(c.name);
        if (c.name != consensus_coder_) {
            individuals.push_back(c.name);
        }
    }
    for (int l = 0; l < 3; ++l) {
        lists[l]->Clear();
        for (const std::string& name : coder_names_) {
            const unsigned i = lists[l]->Append(wx(name));
            bool checked = keep[l].count(name) > 0;
            if (first_time) {
                const auto at = std::find(individuals.begin(), individuals.end(), name);
                const auto rank = at - individuals.begin();
                checked = at != individuals.end() && (l == 0   ? rank < 2
                                                      : l == 1 ? rank == 0
                                                               : rank == 1);
            }
            lists[l]->Check(i, checked);
        }
    }
}

void AgreementChoices::update_enabled() {
    const UnitKind unit = selected_unit();
    // Characters are coded or not, and segments are matched by overlap instead.
    coverage_->Enable(unit != UnitKind::Character && unit != UnitKind::Segment);
    overlap_->Enable(unit == UnitKind::Segment);
}

std::vector<std::string> AgreementChoices::checked_coders() const {
    return checked_names(coders_list_);
}

void AgreementChoices::select_coders(const std::vector<std::string>& names) {
    if (groups_toggle_->GetValue()) {
        groups_toggle_->SetValue(false);
        groups_panel_->Hide();
        coders_list_->Show();
        Layout();
    }
    for (unsigned i = 0; i < coders_list_->GetCount(); ++i) {
        const std::string name = utf8(coders_list_->GetString(i));
        coders_list_->Check(i, std::find(names.begin(), names.end(), name) != names.end());
    }
}

bool AgreementChoices::set_unit(const std::string& name) {
    const int i = unit_->FindString(wx(name), true);
    if (i == wxNOT_FOUND || i == unit_->GetSelection()) {
        return false;
    }
    unit_->SetSelection(i);
    update_enabled();
    return true;
}

std::string AgreementChoices::document_reference(const Document& d) const {
    // run_agreement resolves by exact name first, then by id: use whichever is unambiguous.
    int same_name = 0;
    bool id_is_a_name = false;
    const std::string id = std::to_string(d.id);
    for (const Document& other : documents_) {
        same_name += other.name == d.name ? 1 : 0;
        id_is_a_name = id_is_a_name || other.name == id;
    }
    if (same_name == 1) {
        return d.name;
    }
    if (!id_is_a_name) {
        return id;
    }
    throw InvalidInputError("several documents are called \"" + d.name +
                            "\": rename them to compare them separately");
}

bool AgreementChoices::build_request(Project& project, agreement::AgreementRequest& request,
                                     std::vector<Id>& code_ids, std::vector<Id>& document_ids) {
    if (groups_toggle_->GetValue()) {
        request.group1 = checked_names(group1_list_);
        request.group2 = checked_names(group2_list_);
        if (request.group1.empty() || request.group2.empty()) {
            status_("Check at least one coder in each group.");
            return false;
        }
    } else {
        request.coders = checked_coders();
        if (request.coders.size() < 2) {
            status_("Check at least two coders.");
            return false;
        }
    }

    const std::vector<int> codes = checked_items(codes_list_);
    if (codes.empty()) {
        status_("Check at least one code.");
        return false;
    }
    bool only_codable = true;  // exactly the codable codes: leave the list empty ("all")
    for (std::size_t i = 0; i < codes_.size(); ++i) {
        only_codable =
            only_codable && codes_list_->IsChecked(static_cast<unsigned>(i)) == codes_[i].codable;
    }
    for (const int i : codes) {
        const Code& c = codes_[static_cast<std::size_t>(i)];
        code_ids.push_back(c.id);
        if (!only_codable) {
            request.codes.push_back(project.code_path(c.id));
        }
    }

    const std::vector<int> docs = checked_items(documents_list_);
    if (docs.empty()) {
        status_("Check at least one document.");
        return false;
    }
    const bool every_document = docs.size() == documents_.size();
    bool ok = true;
    for (const int i : docs) {
        const Document& d = documents_[static_cast<std::size_t>(i)];
        document_ids.push_back(d.id);
        if (!every_document) {
            ok = ok && guarded(this, [&] { request.documents.push_back(document_reference(d)); });
        }
    }
    if (!ok) {
        return false;
    }
    request.unit = selected_unit();
    request.min_coverage = coverage_->GetValue() / 100.0;
    request.segment_overlap = overlap_->GetValue() / 100.0;
    return true;
}

}  // namespace quire::gui
