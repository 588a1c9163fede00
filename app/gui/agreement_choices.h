// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/panel.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/base/model.h"
#include "core/project/project.h"
#include "core/project_agreement/run.h"

class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxSizer;
class wxSpinCtrlDouble;

// What the agreement window compares: coders (or two groups of them), codes, documents, the
// unit and its thresholds, turned into an AgreementRequest.
namespace quire::gui {

// Each code's depth in the code tree (0 at the top), for codes listed parents first.
std::map<Id, int> code_depths(const std::vector<Code>& codes);

class AgreementChoices : public wxPanel {
public:
    // `status` receives why the choices cannot be compared; the consensus coder is left
    // unchecked by default.
    AgreementChoices(wxWindow* parent, std::string consensus_coder,
                     std::function<void(const wxString&)> status);

    // Lists the project's coders, codes (the codable ones checked), documents (all
    // checked) and document groups. May throw what Project throws.
    void load(Project& project);
    // Lists the coders again, keeping what was checked; the first time, checks the first
    // two individual coders, and one in each group.
    void reload_coders(Project& project);
    bool has_coder(const std::string& name) const;

    // Fills `request` and the chosen ids from the choices; false (after saying why) when
    // they cannot be compared.
    bool build_request(Project& project, agreement::AgreementRequest& request,
                       std::vector<Id>& code_ids, std::vector<Id>& document_ids);
    // Checks exactly these coders, comparing individuals rather than groups.
    void select_coders(const std::vector<std::string>& names);
    // Checks exactly the documents of the document group named `group`, as choosing it
    // under the documents does; false when there is no such group.
    bool check_group_documents(const std::string& group);
    // Chooses the unit as a user would; false when it is unknown or already chosen.
    bool set_unit(const std::string& name);

    // The user chose another unit.
    std::function<void()> on_unit_chosen;

private:
    wxCheckListBox* add_checklist(wxSizer* sizer, const wxString& title, int proportion);
    wxSpinCtrlDouble* add_percentage(wxSizer* options, const wxString& label, double minimum,
                                     double initial, const wxString& tip);
    agreement::UnitKind selected_unit() const;
    void update_enabled();
    std::vector<std::string> checked_coders() const;
    std::string document_reference(const Document& d) const;

    std::string consensus_coder_;
    std::function<void(const wxString&)> status_;
    std::vector<Code> codes_;  // tree order, as listed in codes_list_
    std::vector<Document> documents_;
    std::vector<std::string> coder_names_;

    wxCheckListBox* coders_list_ = nullptr;
    wxCheckBox* groups_toggle_ = nullptr;
    wxPanel* groups_panel_ = nullptr;
    wxCheckListBox* group1_list_ = nullptr;
    wxCheckListBox* group2_list_ = nullptr;
    wxCheckListBox* codes_list_ = nullptr;
    wxCheckListBox* documents_list_ = nullptr;
    std::vector<std::pair<std::string, std::set<Id>>> document_groups_;  // name, documents
    wxChoice* document_group_ = nullptr;
    wxChoice* unit_ = nullptr;
    wxSpinCtrlDouble* coverage_ = nullptr;
    wxSpinCtrlDouble* overlap_ = nullptr;
};

}  // namespace quire::gui
