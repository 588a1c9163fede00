// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "core/base/model.h"
#include "core/project/project.h"

// What hovering over a coded passage says about one coding. Kept apart from the transcript
// so that anything drawing codings (the transcript, the coding stripes) says the same.
namespace quire::gui {

// "Code path — coder", then the coding's own note and its memos, each on lines of its own,
// shortened to a tooltip's length and wrapped between words. May throw what Project throws.
std::string coding_tooltip(Project& project, const Coding& coding);

}  // namespace quire::gui
