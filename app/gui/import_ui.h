// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "core/base/progress.h"

class wxFrame;

// File > Import Transcripts: every chosen file in one transaction, on a worker under a modal
// progress dialog with Cancel. Cancelled or failed means nothing was added.
namespace quire::gui {

// Imports `files` into the project at `project_path` through a connection of its own, and
// commits only when every file was read and `progress` never asked to stop (it is asked
// before each file and once more before committing). Returns one line per file for the
// user. Throws what core throws, Cancelled included.
std::vector<std::string> import_transcripts(const std::string& project_path,
                                            const std::vector<std::string>& files,
                                            const Progress& progress);

// Asks for transcripts, imports them with import_transcripts on a BackgroundJob and says
// how it went (a dialog, or the frame's status line when cancelled). False when the user
// chose no file, so that nothing can have changed.
bool ask_and_import_transcripts(wxFrame* frame, const std::string& project_path);

}  // namespace quire::gui
