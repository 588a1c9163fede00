// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/groups_ui.h"

#include <wx/choicdlg.h>
#include <wx/msgdlg.h>
#include <wx/textdlg.h>

#include <map>

#include "app/gui/error_dialog.h"
#include "app/gui/wx_strings.h"
#include "core/base/errors.h"

namespace quire::gui {
namespace {

// The group as it is now, or none after a dialog saying why (another program may have
// deleted it). By id, so that a group named like another's id cannot be mistaken for it.
std::optional<DocumentGroup> current_group(wxWindow* parent, Project& project, Id group) {
    std::optional<DocumentGroup> found;
    guarded(parent, [&] {
        for (const DocumentGroup& g : project.groups()) {
            if (g.id == group) {
                found = g;
            }
        }
        if (!found) {
            throw NotFoundError("the document group is no longer in the project");
        }
    });
    return found;
}

}  // namespace

std::string document_list_label(const std::string& name, const std::vector<DocumentGroup>& groups) {
    std::string label = name;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        label += (i == 0 ? "  \u00B7 " : ", ") + groups[i].name;
    }
    return label;
}

std::vector<DocumentListEntry> document_list_entries(Project& project, std::optional<Id> group) {
    // One read for every membership rather than one per document.
    std::map<Id, std::vector<DocumentGroup>> groups_of;
    for (const DocumentGroup& g : project.groups()) {
        for (const Document& d : project.group_documents(g.id)) {
            groups_of[d.id].push_back(g);
        }
    }
    const std::vector<Document> documents =
        group ? project.group_documents(*group) : project.documents();
    std::vector<DocumentListEntry> entries;
    entries.reserve(documents.size());
    for (const Document& d : documents) {
        entries.push_back({d.id, document_list_label(d.name, groups_of[d.id])});
    }
    return entries;
}

std::vector<std::string> group_chooser_labels(const std::vector<DocumentGroup>& groups) {
    std::vector<std::string> labels{kAllDocuments};
    for (const DocumentGroup& g : groups) {
        labels.push_back(g.name + " (" + std::to_string(g.documents) + ")");
    }
    return labels;
}

std::optional<Id> ask_new_group(wxWindow* parent, Project& project) {
    const wxString name =
        wxGetTextFromUser("Name of the new document group:", "New group", "", parent);
    if (name.IsEmpty()) {
        return std::nullopt;
    }
    std::optional<Id> added;
    guarded(parent, [&] { added = project.add_group(utf8(name)).id; });
    return added;
}

std::optional<Id> ask_which_group(wxWindow* parent, const wxString& title, const wxString& question,
                                  const std::vector<DocumentGroup>& groups,
                                  std::optional<Id> preselect) {
    if (groups.empty()) {
        wxMessageBox("There is no document group to choose. Documents > New Group… makes one.",
                     title, wxOK | wxICON_INFORMATION, parent);
        return std::nullopt;
    }
    wxArrayString names;
    int selection = 0;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        names.Add(wx(groups[i].name));
        if (preselect && groups[i].id == *preselect) {
            selection = static_cast<int>(i);
        }
    }
    wxSingleChoiceDialog dialog(parent, question, title, names);
    dialog.SetSelection(selection);
    if (dialog.ShowModal() != wxID_OK) {
        return std::nullopt;
    }
    return groups[static_cast<std::size_t>(dialog.GetSelection())].id;
}

bool ask_rename_group(wxWindow* parent, Project& project, Id group) {
    const std::optional<DocumentGroup> current = current_group(parent, project, group);
    if (!current) {
        return false;
    }
    const wxString name = wxGetTextFromUser("New name:", "Rename group", wx(current->name), parent);
    if (name.IsEmpty()) {
        return false;
    }
    return guarded(parent, [&] { project.rename_group(group, utf8(name)); });
}

bool ask_delete_group(wxWindow* parent, Project& project, Id group) {
    const std::optional<DocumentGroup> current = current_group(parent, project, group);
    if (!current) {
        return false;
    }
    const std::string question = "Delete the group \"" + current->name + "\"? Its " +
                                 std::to_string(current->documents) +
                                 " documents stay in the project.";
    if (wxMessageBox(wx(question), "Delete group", wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION,
                     parent) != wxYES) {
        return false;
    }
    return guarded(parent, [&] { project.remove_group(group); });
}

}  // namespace quire::gui
