// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/string.h>

#include <optional>
#include <string>
#include <vector>

#include "core/base/model.h"
#include "core/project/project.h"

class wxWindow;

// Document groups in the workbench: the documents list's group chooser (like the folders of
// MAXQDA's Document System and NVivo's sets, a document may be in several), the list's
// labels, and the Documents menu's dialogs. The labels are plain functions, so tests read
// them without a window; the dialogs only ask and make one Project call each, a failure
// shown by guarded().
namespace quire::gui {

// One line of the documents list.
struct DocumentListEntry {
    Id id = 0;
    std::string label;
};

// A document as the list shows it: its name, then the groups it is in ("Staff 01 · staff,
// pilot"), so a document's groups are visible whichever group is chosen.
std::string document_list_label(const std::string& name, const std::vector<DocumentGroup>& groups);

// The documents the list shows with `group` chosen (none: every document), in document
// order. May throw what Project throws.
std::vector<DocumentListEntry> document_list_entries(Project& project, std::optional<Id> group);

// The group chooser's entries: "All documents", then each group with its member count.
inline constexpr const char* kAllDocuments = "All documents";
std::vector<std::string> group_chooser_labels(const std::vector<DocumentGroup>& groups);

// Asks for a name and adds the group; its id, or none when cancelled or refused.
std::optional<Id> ask_new_group(wxWindow* parent, Project& project);
// Asks which of `groups` (`preselect` chosen first); none when cancelled or there are none.
std::optional<Id> ask_which_group(wxWindow* parent, const wxString& title, const wxString& question,
                                  const std::vector<DocumentGroup>& groups,
                                  std::optional<Id> preselect);
bool ask_rename_group(wxWindow* parent, Project& project, Id group);
// Asks before deleting: the group's documents stay in the project.
bool ask_delete_group(wxWindow* parent, Project& project, Id group);

}  // namespace quire::gui
