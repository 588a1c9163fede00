// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/code_editor.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/clrpicker.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "app/gui/codebook_ui.h"
#include "app/gui/error_dialog.h"
#include "app/gui/journal_ui.h"
#include "app/gui/window_size.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {

bool operator==(const CodeEdit& a, const CodeEdit& b) {
    return a.name == b.name && a.color == b.color && a.definition == b.definition &&
           a.inclusion == b.inclusion && a.exclusion == b.exclusion && a.example == b.example &&
           a.codable == b.codable;
}

void apply_code_edit(Project& project, Id code, const CodeEdit& edit) {
    label_actions(project, "Edit Code");
    Project::Action action(project);
    if (project.code(code).name != edit.name) {
        project.rename_code(code, edit.name);
    }
    CodeFields fields;
    fields.color = edit.color;
    fields.definition = edit.definition;
    fields.inclusion = edit.inclusion;
    fields.exclusion = edit.exclusion;
    fields.example = edit.example;
    fields.codable = edit.codable;
    project.update_code(code, fields);
    action.commit();
}

CodeEditorDialog::CodeEditorDialog(wxWindow* parent, Project& project, const Code& code,
                                   const std::string& parent_path)
    : wxDialog(parent, wxID_ANY, "Edit code", wxDefaultPosition, wxSize(680, 640),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      project_(project),
      code_(code.id) {
    auto* grid = new wxFlexGridSizer(2, wxSize(10, 8));
    grid->AddGrowableCol(1, 1);
    auto label = [&](const wxString& text) {
        grid->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_TOP | wxTOP, 4);
    };
    auto field = [&](const char* name, const std::string& value, bool multiline,
                     const wxString& hint) {
        auto* box = new wxTextCtrl(this, wxID_ANY, wx(value), wxDefaultPosition,
                                   multiline ? wxSize(-1, 70) : wxDefaultSize,
                                   multiline ? wxTE_MULTILINE | wxTE_WORDWRAP : 0);
        box->SetName(name);
        box->SetHint(hint);
        return box;
    };

    label("Name");
    name_ = field("code name", code.name, false, "");
    grid->Add(name_, 1, wxEXPAND);
    label("Colour");
    colour_ = new wxColourPickerCtrl(this, wxID_ANY, code_colour(code.color));
    colour_->SetName("code colour");
    grid->Add(colour_, 0);
    label("Parent");
    auto* parent_box =
        new wxTextCtrl(this, wxID_ANY, parent_path.empty() ? "(top level)" : wx(parent_path),
                       wxDefaultPosition, wxDefaultSize, wxTE_READONLY);
    parent_box->SetToolTip("Codes > Move Code moves the code under another parent.");
    grid->Add(parent_box, 1, wxEXPAND);

    const struct {
        const char* title;
        const char* name;
        const std::string& value;
        const char* hint;
        wxTextCtrl** box;
    } texts[] = {
        {"Definition", "code definition", code.definition, "What the code means", &definition_},
        {"Inclusion", "code inclusion", code.inclusion, "When to apply it", &inclusion_},
        {"Exclusion", "code exclusion", code.exclusion, "When not to apply it", &exclusion_},
        {"Example", "code example", code.example, "A passage that fits", &example_},
    };
    for (const auto& t : texts) {
        grid->AddGrowableRow(grid->GetEffectiveRowsCount(), 1);
        label(t.title);
        *t.box = field(t.name, t.value, true, t.hint);
        grid->Add(*t.box, 1, wxEXPAND);
    }
    grid->AddSpacer(0);
    codable_ = new wxCheckBox(this, wxID_ANY, "Codable: passages can be coded with this code");
    codable_->SetName("code codable");
    codable_->SetValue(code.codable);
    grid->Add(codable_, 0);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, 12);
    sizer->Add(CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 12);
    SetSizer(sizer);
    SetMinSize(wxSize(460, 420));
    fit_to_display(this);
    CentreOnParent();
    name_->SetFocus();
    original_ = edited();

    Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent&) {
            if (apply()) {
                EndModal(wxID_OK);
            }
        },
        wxID_OK);
}

CodeEdit CodeEditorDialog::edited() const {
    CodeEdit e;
    e.name = utf8(name_->GetValue());
    e.color = utf8(colour_->GetColour().GetAsString(wxC2S_HTML_SYNTAX));
    e.definition = utf8(definition_->GetValue());
    e.inclusion = utf8(inclusion_->GetValue());
    e.exclusion = utf8(exclusion_->GetValue());
    e.example = utf8(example_->GetValue());
    e.codable = codable_->GetValue();
    return e;
}

bool CodeEditorDialog::apply() {
    const CodeEdit edit = edited();
    if (edit == original_) {
        return true;  // no empty step in the journal
    }
    return guarded(this, [&] { apply_code_edit(project_, code_, edit); });
}

bool edit_code(wxWindow* parent, Project& project, Id code) {
    std::optional<Code> c;
    std::string parent_path;
    if (!guarded(parent, [&] {
            c = project.code(code);
            if (c->parent_id) {
                parent_path = project.code_path(*c->parent_id);
            }
        })) {
        return false;
    }
    CodeEditorDialog dialog(parent, project, *c, parent_path);
    return dialog.ShowModal() == wxID_OK;
}

}  // namespace quire::gui
