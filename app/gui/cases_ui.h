// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/dialog.h>

#include <optional>
#include <string>
#include <vector>

#include "core/base/model.h"
#include "core/base/text_range.h"
#include "core/project/project.h"

class wxGrid;
class wxGridEvent;
class wxListBox;
class wxListCtrl;
class wxButton;

// Analyse > Cases and Analyse > Attribute Sheet. Each change is one Project call or one
// Project::Action, so one undo step, named as its button is; failures are shown by
// guarded() and change nothing. Both windows are modal: the transcript's selection is the
// one made before opening them.
namespace quire::gui {

// Cases with their linked documents and passages. Links the open document, or the passage
// selected in it ("a participant of a group interview is a case covering their turns"), to
// the chosen case.
class CaseManagerDialog : public wxDialog {
public:
    // `document` and `selection` are what the workbench shows; either may be absent.
    CaseManagerDialog(wxWindow* parent, Project& project, std::optional<Id> document,
                      TextRange selection);

    // The buttons' actions, each one undo step; false when nothing was done.
    bool add_case(const std::string& name);
    bool rename_case(const std::string& name);
    bool remove_case();
    bool link_document();
    bool link_selection();
    bool unlink();
    bool select_case(const std::string& name);
    // The case whose memo the user asked to write (the dialog then ends with wxID_EDIT).
    std::optional<Case> memo_case;
    // The links of the chosen case as listed, for tests.
    int link_rows() const;

private:
    void refresh_cases(const std::string& keep);
    void refresh_links();
    void refresh_buttons();
    std::optional<Case> chosen() const;

    Project& project_;
    std::optional<Id> document_;
    TextRange selection_;
    std::vector<Case> cases_;
    std::vector<CaseLink> links_;
    wxListBox* case_list_ = nullptr;
    wxListCtrl* link_list_ = nullptr;
    wxButton* link_document_ = nullptr;
    wxButton* link_selection_ = nullptr;
    wxButton* unlink_ = nullptr;
    wxButton* rename_ = nullptr;
    wxButton* remove_ = nullptr;
    wxButton* memo_ = nullptr;
};

// One row per document and per case, one column per attribute. Editing a cell sets the
// value (checked for the attribute's type; an invalid value is refused and the cell keeps
// its value), emptying it removes the value. Add Attribute adds a column of a chosen type,
// which the project keeps from its first value on (as `quire-cli attr set --type` does).
class AttributeSheetDialog : public wxDialog {
public:
    AttributeSheetDialog(wxWindow* parent, Project& project);

    // A new column; false when the name is empty or already a column.
    bool add_column(const std::string& name, AttributeType type);
    // A new choice attribute (a text attribute whose values are one of `choices`), kept at
    // once as one undo step; false when it cannot be made (after saying why).
    bool add_choice_column(const std::string& name, const std::vector<std::string>& choices);
    wxGrid* grid() const { return grid_; }
    // The row of a document or a case, by name; -1 when there is none.
    int row_of(const std::string& name) const;
    int column_of(const std::string& attribute) const;

private:
    struct Owner {
        std::optional<Id> document;
        std::optional<Id> case_id;
    };
    struct Column {
        std::string name;
        AttributeType type = AttributeType::Text;
        std::vector<std::string> choices;  // a choice attribute's, edited from a list
    };
    void fill();
    void on_cell_changing(wxGridEvent& event);
    void ask_new_column();

    Project& project_;
    std::vector<Owner> owners_;  // by row
    std::vector<std::string> row_names_;
    std::vector<Column> columns_;
    wxGrid* grid_ = nullptr;
};

// A case link as the case manager lists it: "whole document" or "[start, end)".
std::string case_link_extent(const CaseLink& link);

}  // namespace quire::gui
