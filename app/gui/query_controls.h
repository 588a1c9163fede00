// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <exception>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/model.h"
#include "core/query/query.h"

class wxButton;
class wxStaticText;
class wxWindow;

namespace quire {
class Project;
}

// Choices the matrix, co-occurrence and chart windows share: matrix axes and coders.
namespace quire::gui {

// What can stand along a matrix's rows or columns, with the label the chooser shows.
struct AxisOption {
    std::string label;
    query::Axis axis;
};
// Codes, the codes under each code that has children, documents, cases, groups, each
// attribute and the saved queries (when there are any). May throw quire::Error.
std::vector<AxisOption> axis_options(Project& project);

// Asks which coders' codings count (none chosen: everyone's); false when cancelled.
bool ask_coders(wxWindow* parent, Project& project, std::vector<Id>& chosen);
// "all coders", the one name, or "N coders".
std::string coders_summary(Project& project, const std::vector<Id>& chosen);

// The Coders… button of a window: asks (on `project_of()`'s project, when one is open) and
// shows the summary in `label`.
void bind_coders_button(wxWindow* window, wxButton* button, wxStaticText* label,
                        std::function<Project*()> project_of, std::vector<Id>& chosen);

// A run that failed: the message in red in `status` and `retry` enabled again; returns the
// message.
std::string show_run_failure(wxStaticText* status, wxButton* retry,
                             const std::exception_ptr& error);

}  // namespace quire::gui
