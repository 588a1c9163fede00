// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/codebook_ui.h"

#include <wx/choicdlg.h>
#include <wx/colordlg.h>
#include <wx/msgdlg.h>
#include <wx/textdlg.h>

#include <algorithm>
#include <map>
#include <vector>

#include "app/gui/error_dialog.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {
namespace {

// Every code but `code`, by path, as choices and the ids they stand for.
void other_codes(Project& project, Id code, wxArrayString& choices, std::vector<Id>& ids) {
    for (const Code& c : project.codes()) {
        if (c.id != code) {
            choices.Add(wx(project.code_path(c.id)));
            ids.push_back(c.id);
        }
    }
}

}  // namespace

wxColour code_colour(const std::string& hex) {
    wxColour c;
    c.Set(wx(hex));
    return c.IsOk() ? c : wxColour(0x9E, 0x9E, 0x9E);
}

// The code as it is now, or nullopt after a dialog saying why it cannot be read (another
// program may have deleted it): reading must not throw out of an event handler.
std::optional<Code> current_code(wxWindow* parent, Project& project, Id id) {
    std::optional<Code> c;
    guarded(parent, [&] { c = project.code(id); });
    return c;
}

bool ask_new_code(wxWindow* parent, Project& project, std::optional<Id> parent_code) {
    const wxString name = wxGetTextFromUser("Name of the new code:", "New code", "", parent);
    if (name.IsEmpty()) {
        return false;
    }
    guarded(parent, [&] { project.add_code(utf8(name), parent_code); });
    return true;
}

bool ask_rename_code(wxWindow* parent, Project& project, Id code) {
    const std::optional<Code> c = current_code(parent, project, code);
    if (!c) {
        return false;
    }
    const wxString name = wxGetTextFromUser("New name:", "Rename code", wx(c->name), parent);
    if (name.IsEmpty()) {
        return false;
    }
    guarded(parent, [&] { project.rename_code(code, utf8(name)); });
    return true;
}

bool ask_code_colour(wxWindow* parent, Project& project, Id code) {
    const std::optional<Code> c = current_code(parent, project, code);
    if (!c) {
        return false;
    }
    wxColourData data;
    data.SetColour(code_colour(c->color));
    wxColourDialog dialog(parent, &data);
    if (dialog.ShowModal() != wxID_OK) {
        return false;
    }
    CodeFields fields;
    fields.color = utf8(dialog.GetColourData().GetColour().GetAsString(wxC2S_HTML_SYNTAX));
    guarded(parent, [&] { project.update_code(code, fields); });
    return true;
}

int move_choice_of(const std::optional<Id>& current_parent, const std::vector<Id>& codes) {
    if (current_parent) {
        const auto it = std::find(codes.begin(), codes.end(), *current_parent);
        if (it != codes.end()) {
            return static_cast<int>(it - codes.begin()) + 1;
        }
    }
    return 0;
}

bool ask_move_code(wxWindow* parent, Project& project, Id code) {
    wxArrayString choices;
    std::vector<Id> ids;
    choices.Add("(top level)");
    if (!guarded(parent, [&] { other_codes(project, code, choices, ids); })) {
        return false;
    }
    std::optional<Id> now;
    if (const std::optional<Code> c = current_code(parent, project, code)) {
        now = c->parent_id;
    }
    const int pick = wxGetSingleChoiceIndex("Move under:", "Move code", choices,
                                            move_choice_of(now, ids), parent);
    if (pick < 0) {
        return false;
    }
    const std::optional<Id> target =
        pick == 0 ? std::nullopt : std::optional<Id>(ids[static_cast<std::size_t>(pick - 1)]);
    guarded(parent, [&] { project.move_code(code, target); });
    return true;
}

bool ask_merge_code(wxWindow* parent, Project& project, Id code) {
    const std::optional<Code> c = current_code(parent, project, code);
    if (!c) {
        return false;
    }
    wxArrayString choices;
    std::vector<Id> ids;
    if (!guarded(parent, [&] { other_codes(project, code, choices, ids); })) {
        return false;
    }
    const int pick = wxGetSingleChoiceIndex("Merge \"" + wx(c->name) + "\" into:", "Merge code",
                                            choices, parent);
    if (pick < 0) {
        return false;
    }
    guarded(parent, [&] { project.merge_codes(code, ids[static_cast<std::size_t>(pick)]); });
    return true;
}

std::string delete_code_question(const std::string& name, std::size_t subcodes,
                                 std::int64_t codings) {
    std::string question = "Delete the code \"" + name + "\"";
    if (subcodes > 0) {
        question += subcodes == 1 ? " and its subcode"
                                  : " and its " + std::to_string(subcodes) + " subcodes";
    }
    question += "?";
    if (codings > 0) {
        question += "\n\nThis also removes " + std::to_string(codings) +
                    (codings == 1 ? " coding." : " codings.");
    }
    return question;
}

std::string delete_document_question(const std::string& name, std::int64_t codings) {
    std::string question = "Delete \"" + name + "\" from the project?";
    if (codings > 0) {
        question += "\n\nIts " + std::to_string(codings) +
                    (codings == 1 ? " coding goes with it." : " codings go with it.");
    }
    return question;
}

bool ask_delete_code(wxWindow* parent, Project& project, Id code) {
    const std::optional<Code> c = current_code(parent, project, code);
    std::int64_t used = 0;
    std::size_t subcodes = 0;
    const bool read = c && guarded(parent, [&] {
                          used = project.coding_count(code, true);
                          const std::vector<Code> codes = project.codes();
                          std::map<Id, std::optional<Id>> parent_of;
                          for (const Code& k : codes) {
                              parent_of[k.id] = k.parent_id;
                          }
                          for (const Code& k : codes) {
                              // Walks up at most the tree's depth, which creation limits.
                              for (std::optional<Id> up = k.parent_id; up; up = parent_of[*up]) {
                                  if (*up == code) {
                                      ++subcodes;
                                      break;
                                  }
                              }
                          }
                      });
    if (!read) {
        return false;
    }
    if (wxMessageBox(wx(delete_code_question(c->name, subcodes, used)), "Delete code",
                     wxYES_NO | wxNO_DEFAULT | wxICON_WARNING, parent) != wxYES) {
        return false;
    }
    guarded(parent, [&] { project.delete_code(code, true); });
    return true;
}

}  // namespace quire::gui
