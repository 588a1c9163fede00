// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/colour.h>
#include <wx/treebase.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/model.h"
#include "core/project/project.h"

class wxWindow;

// The Codes menu's dialogs. Each asks the user, then makes one Project call; a failure is
// shown by guarded(). Each returns whether the user went ahead (the project may then have
// changed, so the caller refreshes what shows codes), not whether the call succeeded.
namespace quire::gui {

// A codebook item's code.
class CodeItemData : public wxTreeItemData {
public:
    explicit CodeItemData(Id id) : id(id) {}
    Id id;
};

// A code's colour from "#RRGGBB"; grey when it does not parse.
wxColour code_colour(const std::string& hex);

bool ask_new_code(wxWindow* parent, Project& project, std::optional<Id> parent_code);
bool ask_rename_code(wxWindow* parent, Project& project, Id code);
bool ask_code_colour(wxWindow* parent, Project& project, Id code);
bool ask_move_code(wxWindow* parent, Project& project, Id code);
bool ask_merge_code(wxWindow* parent, Project& project, Id code);
// Asks before deleting the code, its child codes and their codings.
bool ask_delete_code(wxWindow* parent, Project& project, Id code);

// The Move Code list's first choice is "(top level)", then `codes`: the entry of the
// code's current parent is preselected.
int move_choice_of(const std::optional<Id>& current_parent, const std::vector<Id>& codes);

// What the delete questions say: only what will really go (subcodes only when there are
// some, and how many codings go with the code or document).
std::string delete_code_question(const std::string& name, std::size_t subcodes,
                                 std::int64_t codings);
std::string delete_document_question(const std::string& name, std::int64_t codings);

}  // namespace quire::gui
