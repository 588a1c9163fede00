// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/coding_memo_ui.h"

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "app/gui/error_dialog.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {

std::optional<Memo> coding_memo(Project& project, Id coding) {
    for (const Memo& m : project.memos()) {
        if (m.target == Memo::Target::Coding && m.target_id == coding) {
            return m;
        }
    }
    return std::nullopt;
}

void save_coding_memo(Project& project, Id coding, const std::string& text,
                      std::optional<Id> author) {
    Project::Action action(project);
    const std::optional<Memo> existing = coding_memo(project, coding);
    if (existing && text.empty()) {
        project.remove_memo(existing->id);
    } else if (existing) {
        project.edit_memo(existing->id, text);
    } else if (!text.empty()) {
        project.add_memo(Memo::Target::Coding, coding, "", text, author);
    }
    action.commit();
}

bool edit_coding_memo(wxWindow* parent, Project& project, Id coding,
                      const std::string& coder_name) {
    Coding c;
    std::string about;
    std::optional<Memo> memo;
    if (!guarded(parent, [&] {
            c = project.coding(coding);
            about = project.code_path(c.code_id) + " in " + project.document_name(c.document_id);
            memo = coding_memo(project, coding);
        })) {
        return false;
    }
    wxDialog dialog(parent, wxID_ANY, "Coding memo", wxDefaultPosition, wxSize(460, 320),
                    wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, wx(about)), 0, wxALL, 8);
    if (!c.memo.empty()) {
        auto* own = new wxStaticText(&dialog, wxID_ANY, wx("Memo given when coded: " + c.memo));
        own->Wrap(430);
        sizer->Add(own, 0, wxLEFT | wxRIGHT | wxBOTTOM, 8);
    }
    auto* text = new wxTextCtrl(&dialog, wxID_ANY, memo ? wx(memo->text) : wxString(),
                                wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE | wxTE_WORDWRAP);
    sizer->Add(text, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(dialog.CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 8);
    dialog.SetSizer(sizer);
    text->SetFocus();
    if (dialog.ShowModal() != wxID_OK) {
        return false;
    }
    return guarded(parent, [&] {
        Project::Action action(project);
        std::optional<Id> author;
        if (!coder_name.empty()) {
            author = project.ensure_coder(coder_name).id;
        }
        save_coding_memo(project, coding, utf8(text->GetValue()), author);
        action.commit();
    });
}

}  // namespace quire::gui
