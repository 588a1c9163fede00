// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>

#include "core/project/project.h"

class wxWindow;

// A coding's memo, opened from a coding stripe: a small dialog until a memo pane exists.
// The memo is the first memo attached to the coding (Memo::Target::Coding).
namespace quire::gui {

// The memo attached to the coding, if any.
std::optional<Memo> coding_memo(Project& project, Id coding);
// Stores `text` as the coding's memo: adds one, edits the one there, or removes it when
// the text is empty. One transaction. May throw quire::Error.
void save_coding_memo(Project& project, Id coding, const std::string& text,
                      std::optional<Id> author);
// Shows the coding's memo for editing (and its own memo field, read-only, when it has
// one); saves on OK. Returns true when something was saved.
bool edit_coding_memo(wxWindow* parent, Project& project, Id coding, const std::string& coder_name);

}  // namespace quire::gui
