// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

class wxWindow;

namespace quire::gui {

// Runs `action`; a quire::Error (or any std::exception) becomes one clear message dialog
// over `parent`. Returns false when the action failed. This is the one place the GUI
// turns core's typed errors into dialogs.
bool guarded(wxWindow* parent, const std::function<void()>& action);

}  // namespace quire::gui
