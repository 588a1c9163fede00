// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "core/project/project.h"

class wxString;
class wxWindow;

// File menu actions that move a project in and out of other tools (REFI-QDA) and into
// spreadsheets and reports. The work is in core/exchange; this file only asks and shows.
namespace quire::gui {

// Asks for a file to write (confirming before replacing one); empty when cancelled.
std::string save_path(wxWindow* parent, const wxString& title, const wxString& name,
                      const wxString& wildcard);

// Asks for a .qdpx/.qde file, shows what would come in, and imports it into the project at
// `project_path` after the user agrees. Returns true when something was imported.
bool import_refi_project(wxWindow* parent, const std::string& project_path);

// Export dialogs for the project at `project_path`.
void export_refi_project(wxWindow* parent, const std::string& project_path);
void export_refi_codebook(wxWindow* parent, const std::string& project_path);
void export_segments(wxWindow* parent, const std::string& project_path);
// Only the codings `filter` takes (the retrieved segments).
void export_segments(wxWindow* parent, const std::string& project_path, const CodingFilter& filter);
void export_codebook_table(wxWindow* parent, const std::string& project_path);
void export_attribute_table(wxWindow* parent, const std::string& project_path);
void export_project_report(wxWindow* parent, const std::string& project_path);

}  // namespace quire::gui
