// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace quire {
class Project;
}

// How the workbench's actions appear in the project's journal (Project::journal): by the
// coder chosen in the window, named as the menu item or button that did them. Background
// jobs open their own Project on the file; they label it here too, so an import made from
// the workbench reads the same in the log as a rename.
namespace quire::gui {

// The coder the workbench's next actions are by; empty: the system user.
void set_workbench_actor(const std::string& who);

// Names the actions `project` journals from now on, by the workbench's coder.
void label_actions(Project& project, const std::string& what);

// A menu item's text as the log names the action: no mnemonic, accelerator or ellipsis.
std::string action_name(const std::string& menu_text);

}  // namespace quire::gui
