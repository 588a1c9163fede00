// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/dialog.h>

#include <functional>
#include <string>
#include <vector>

#include "core/base/model.h"
#include "core/project/project.h"
#include "core/project/team.h"

class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxComboBox;
class wxListCtrl;
class wxRadioBox;
class wxStaticText;
class wxButton;

// Teams in the workbench: handing out a copy of the project to a coder, and previewing the
// merge of a coder's copy (.quire or its .qdpx export) before carrying it out. The work is in
// core/project/team.h; these dialogs only ask and show. Their choices are readable and
// settable without showing them, so tests drive the same code as the buttons.
namespace quire::gui {

// File > Hand Out Copy to a Coder: who the copy is for and which documents it holds.
class HandOutDialog : public wxDialog {
public:
    // Reads the project's coders, documents and groups. May throw what Project throws.
    HandOutDialog(wxWindow* parent, Project& project);

    // The coder typed or chosen (a new name makes a coder) and the ticked documents.
    team::HandoutOptions options() const;
    void set_coder(const std::string& name);
    // Ticks exactly these documents.
    void tick_documents(const std::vector<Id>& ids);
    // The quick picks: 0 ticks every document, 1 none, 2 + n the n-th group's documents.
    void pick(int choice);
    // Hands the copy out to `path` (replace: the user agreed to write over it) and returns
    // what it wrote. Throws what team::hand_out throws.
    team::HandoutOutcome hand_out_to(const std::string& path, bool replace);

private:
    void update_ok();

    Project& project_;
    std::vector<Id> document_ids_;
    std::vector<DocumentGroup> groups_;
    wxComboBox* coder_ = nullptr;
    wxChoice* picks_ = nullptr;
    wxCheckListBox* documents_ = nullptr;
    wxStaticText* ticked_ = nullptr;
};

// What the handout wrote, as the dialog afterwards says it.
std::string handout_summary(const team::HandoutOutcome& outcome, const std::string& coder);

// Asks for the coder, the documents and the file, then hands the copy out and says what was
// written. False when cancelled or refused (a dialog said why).
bool hand_out_copy(wxWindow* parent, Project& project);

// The merge preview: the changes a merge would make and the conflicts it meets, how to
// resolve those, and a Merge button that is enabled once nothing blocks the merge.
class MergePreviewDialog : public wxDialog {
public:
    // The plan for the options chosen; called again whenever the choice changes.
    using Planner = std::function<team::MergePlan(const team::MergeOptions&)>;

    MergePreviewDialog(wxWindow* parent, const std::string& copy_path, Planner planner,
                       team::MergePlan first_plan, team::MergeOptions first_options);

    const team::MergePlan& plan() const { return plan_; }
    const team::MergeOptions& options() const { return options_; }
    // The choices of the radio buttons and the check box; the plan is computed afresh.
    void choose(team::Prefer prefer, bool match_codes_by_path);
    // The lists' rows as shown, cells joined by " | ".
    std::vector<std::string> change_rows() const;
    std::vector<std::string> conflict_rows() const;
    std::string summary() const;
    // Whether the Merge button is enabled, and the "Match codes by path" box shown.
    bool can_merge() const;
    bool offers_match_by_path() const;

private:
    void show_plan();
    void on_choice();

    Planner planner_;
    team::MergePlan plan_;
    team::MergeOptions options_;
    wxStaticText* summary_ = nullptr;
    wxListCtrl* changes_ = nullptr;
    wxListCtrl* conflicts_ = nullptr;
    wxStaticText* conflicts_label_ = nullptr;
    wxRadioBox* prefer_ = nullptr;
    wxCheckBox* by_path_ = nullptr;
    wxButton* merge_ = nullptr;
};

// The options a preview starts with: conflicts kept as ours until the user says otherwise.
team::MergeOptions first_merge_options();

// True for a .qdpx (or .qde) export of a copy, merged through exchange::merge_qdpx.
bool is_refi_copy(const std::string& path);

// What merging the copy at `copy_path` into the project at `project_path` would do (plan
// only) or does, on the calling thread with a connection of its own. Throws what core throws.
team::MergePlan plan_copy_merge(const std::string& project_path, const std::string& copy_path,
                                const team::MergeOptions& options);
team::MergePlan run_copy_merge(const std::string& project_path, const std::string& copy_path,
                               const team::MergeOptions& options, const std::string& label,
                               const Progress& progress);

}  // namespace quire::gui
