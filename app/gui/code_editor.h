// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/dialog.h>

#include <string>

#include "core/base/model.h"
#include "core/project/project.h"

class wxCheckBox;
class wxColourPickerCtrl;
class wxTextCtrl;

namespace quire::gui {

// Everything the code editor edits about a code.
struct CodeEdit {
    std::string name;
    std::string color;  // "#RRGGBB"
    std::string definition;
    std::string inclusion;
    std::string exclusion;
    std::string example;
    bool codable = true;
};
bool operator==(const CodeEdit& a, const CodeEdit& b);

// Applies an edit as one action (one undo step) named "Edit Code": the name only when it
// changed, then the other fields. Throws what Project throws; nothing changes then.
void apply_code_edit(Project& project, Id code, const CodeEdit& edit);

// The code editor: name, colour, the parent's path, definition, inclusion and exclusion
// criteria, an example and whether the code can be applied, in one resizable window. OK
// applies every change as one step; Cancel and Escape change nothing.
class CodeEditorDialog : public wxDialog {
public:
    CodeEditorDialog(wxWindow* parent, Project& project, const Code& code,
                     const std::string& parent_path);

    CodeEdit edited() const;
    // What OK does: applies the edit (nothing when nothing changed), or shows why it
    // cannot, and then the dialog stays open.
    bool apply();

private:
    Project& project_;
    Id code_;
    CodeEdit original_;
    wxTextCtrl* name_ = nullptr;
    wxColourPickerCtrl* colour_ = nullptr;
    wxTextCtrl* definition_ = nullptr;
    wxTextCtrl* inclusion_ = nullptr;
    wxTextCtrl* exclusion_ = nullptr;
    wxTextCtrl* example_ = nullptr;
    wxCheckBox* codable_ = nullptr;
};

// Codes > Edit Code: shows the editor for the code; true when OK applied a change.
bool edit_code(wxWindow* parent, Project& project, Id code);

}  // namespace quire::gui
