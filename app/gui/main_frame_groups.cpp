// SPDX-License-Identifier: GPL-3.0-or-later
// MainFrame's document groups and attribute tables: the Documents menu (also the documents
// list's context menu), the group chooser over the documents list, and File > Import
// Attribute Table (the window itself is in main_frame.cpp).
#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/menu.h>

#include <algorithm>
#include <memory>

#include "app/gui/attribute_import_ui.h"
#include "app/gui/error_dialog.h"
#include "app/gui/exchange_ui.h"
#include "app/gui/groups_ui.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/search_panel.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {
namespace {

std::string documents_count(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " document" : " documents");
}

}  // namespace

void MainFrame::bind_documents_menu() {
    on_menu(kNewGroup, [this] { on_new_group(); });
    on_menu(kRenameGroup, [this] { on_rename_group(); });
    on_menu(kDeleteGroup, [this] { on_delete_group(); });
    on_menu(kAssignToGroup, [this] { on_assign_to_group(); });
    on_menu(kUnassignFromGroup, [this] { on_unassign_from_group(); });
    on_menu(kImportAttributes, [this] { on_import_attributes(); });
    on_menu(kExportAttributes, [this] {
        if (project_) {
            export_attribute_table(this, project_->path());
        }
    });
}

void MainFrame::bind_group_events() {
    group_chooser_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        const int i = group_chooser_->GetSelection();
        show_group(i > 0 ? std::optional<Id>(chooser_groups_[static_cast<std::size_t>(i - 1)].id)
                         : std::nullopt);
    });
    documents_->Bind(wxEVT_CONTEXT_MENU, [this](wxContextMenuEvent& e) {
        if (!project_) {
            return;
        }
        // A right-click on a document outside the selection acts on that document alone.
        const wxPoint at = e.GetPosition() == wxDefaultPosition
                               ? wxPoint(0, 0)
                               : documents_->ScreenToClient(e.GetPosition());
        const int row = documents_->HitTest(at);
        if (row != wxNOT_FOUND && !documents_->IsSelected(row)) {
            select_documents({document_ids_[static_cast<std::size_t>(row)]});
        }
        std::unique_ptr<wxMenu> menu(documents_menu());
        PopupMenu(menu.get());
    });
}

void MainFrame::refresh_groups() {
    chooser_groups_.clear();
    if (project_) {
        guarded(this, [&] { chooser_groups_ = project_->groups(); });
    }
    const bool still_there =
        shown_group_ && std::any_of(chooser_groups_.begin(), chooser_groups_.end(),
                                    [&](const DocumentGroup& g) { return g.id == *shown_group_; });
    if (!still_there) {
        shown_group_.reset();
    }
    group_chooser_->Clear();
    int selection = 0;
    const std::vector<std::string> labels = group_chooser_labels(chooser_groups_);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        group_chooser_->Append(wx(labels[i]));
        if (i > 0 && shown_group_ && chooser_groups_[i - 1].id == *shown_group_) {
            selection = static_cast<int>(i);
        }
    }
    group_chooser_->SetSelection(selection);
    // No groups yet: the chooser would only say "All documents".
    group_chooser_->Show(!chooser_groups_.empty());
    group_chooser_->GetParent()->Layout();
    std::vector<std::pair<Id, std::string>> search_groups;
    for (const DocumentGroup& g : chooser_groups_) {
        search_groups.emplace_back(g.id, g.name);
    }
    search_->set_groups(search_groups);
}

void MainFrame::show_group(std::optional<Id> group) {
    shown_group_ = group;
    refresh_documents();
    SetStatusText(
        wx(documents_count(document_ids_.size()) + (shown_group_ ? " in this group" : "")), 0);
}

std::string MainFrame::group_name(Id group) const {
    for (const DocumentGroup& g : chooser_groups_) {
        if (g.id == group) {
            return g.name;
        }
    }
    return std::to_string(group);
}

std::vector<Id> MainFrame::selected_documents() const {
    std::vector<Id> ids;
    wxArrayInt rows;
    documents_->GetSelections(rows);
    for (const int row : rows) {
        if (row >= 0 && static_cast<std::size_t>(row) < document_ids_.size()) {
            ids.push_back(document_ids_[static_cast<std::size_t>(row)]);
        }
    }
    return ids;
}

bool MainFrame::select_documents(const std::vector<Id>& ids) {
    documents_->DeselectAll();
    std::optional<Id> first;
    for (std::size_t i = 0; i < document_ids_.size(); ++i) {
        if (std::find(ids.begin(), ids.end(), document_ids_[i]) != ids.end()) {
            documents_->SetSelection(static_cast<int>(i));
            first = first ? first : document_ids_[i];
        }
    }
    return first && select_document(*first);
}

bool MainFrame::add_selected_documents_to_group(Id group) {
    const std::vector<Id> chosen = selected_documents();
    if (!project_ || chosen.empty()) {
        SetStatusText("Select one or more documents in the list first.", 0);
        return false;
    }
    label("Add Documents to Group \"" + group_name(group) + "\"");
    int added = 0;
    const bool ok = guarded(this, [&] { added = project_->assign_to_group(group, chosen); });
    refresh_documents();
    refresh_undo_menu();
    if (ok) {
        const std::size_t already = chosen.size() - static_cast<std::size_t>(added);
        SetStatusText(
            wx("Added " + documents_count(static_cast<std::size_t>(added)) + " to the group" +
               (already > 0 ? " (" + std::to_string(already) + " in it already)." : ".")),
            0);
    }
    return ok;
}

bool MainFrame::remove_selected_documents_from_group(Id group) {
    const std::vector<Id> chosen = selected_documents();
    if (!project_ || chosen.empty()) {
        SetStatusText("Select one or more documents in the list first.", 0);
        return false;
    }
    label("Remove Documents from Group \"" + group_name(group) + "\"");
    int removed = 0;
    const bool ok = guarded(this, [&] { removed = project_->unassign_from_group(group, chosen); });
    refresh_documents();
    refresh_undo_menu();
    if (ok) {
        SetStatusText(wx("Took " + documents_count(static_cast<std::size_t>(removed)) +
                         " out of the group; they stay in the project."),
                      0);
    }
    return ok;
}

void MainFrame::on_new_group() {
    if (!project_) {
        return;
    }
    if (ask_new_group(this, *project_)) {
        refresh_documents();
    }
}

void MainFrame::on_rename_group() {
    if (!project_) {
        return;
    }
    const std::optional<Id> group =
        ask_which_group(this, "Rename group", "Group to rename:", chooser_groups_, shown_group_);
    if (group && ask_rename_group(this, *project_, *group)) {
        refresh_documents();
    }
}

void MainFrame::on_delete_group() {
    if (!project_) {
        return;
    }
    const std::optional<Id> group =
        ask_which_group(this, "Delete group", "Group to delete:", chooser_groups_, shown_group_);
    if (group && ask_delete_group(this, *project_, *group)) {
        refresh_documents();
    }
}

void MainFrame::on_assign_to_group() {
    if (!project_ || selected_documents().empty()) {
        SetStatusText("Select one or more documents in the list first.", 0);
        return;
    }
    const std::optional<Id> group = ask_which_group(
        this, "Add to group", "Add the selected documents to:", chooser_groups_, shown_group_);
    if (group) {
        add_selected_documents_to_group(*group);
    }
}

void MainFrame::on_unassign_from_group() {
    if (!project_ || selected_documents().empty()) {
        SetStatusText("Select one or more documents in the list first.", 0);
        return;
    }
    // Only the groups the selected documents are in.
    std::vector<DocumentGroup> holding;
    guarded(this, [&] {
        for (const Id document : selected_documents()) {
            for (const DocumentGroup& g : project_->document_groups(document)) {
                if (std::none_of(holding.begin(), holding.end(),
                                 [&](const DocumentGroup& h) { return h.id == g.id; })) {
                    holding.push_back(g);
                }
            }
        }
    });
    const std::optional<Id> group = ask_which_group(
        this, "Remove from group", "Take the selected documents out of:", holding, shown_group_);
    if (group) {
        remove_selected_documents_from_group(*group);
    }
}

void MainFrame::on_import_attributes() {
    if (project_ && ask_and_import_attribute_table(this, *project_)) {
        refresh_all();  // attribute names feed the search's filters
    }
}

}  // namespace quire::gui
