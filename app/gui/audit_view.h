// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/frame.h>

#include <optional>
#include <string>
#include <vector>

#include "core/base/model.h"
#include "core/project/project.h"

class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

// View > History: the project's audit trail (Project::journal), newest first, with the
// entries merged in from coders' copies, filtered by coder and by date. The window reads
// the project through a connection of its own, so it may stay open beside the workbench.
namespace quire::gui {

// A date the Since field accepts: YYYY-MM-DD, a real day. Empty is fine (no limit).
bool valid_since(const std::string& text);

// One row of the history as the list shows it.
std::vector<std::string> audit_cells(const JournalEntry& entry);

class AuditFrame : public wxFrame {
public:
    // May throw what Project::open throws.
    AuditFrame(wxWindow* parent, const std::string& project_path);

    // Reads the journal afresh with the filters shown.
    void reload();
    // The filters as the controls would set them: a coder's name ("" everyone), a date.
    void set_filter(const std::string& who, const std::string& since);
    long rows() const { return static_cast<long>(entries_.size()); }
    std::string cell(long row, long column) const;
    static constexpr int kColumns = 6;

private:
    void fill_coders();

    Project project_;
    std::vector<JournalEntry> entries_;
    wxChoice* who_ = nullptr;
    wxTextCtrl* since_ = nullptr;
    wxStaticText* status_ = nullptr;
    wxListCtrl* list_ = nullptr;
};

}  // namespace quire::gui
