// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/query_controls.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/stattext.h>

#include <algorithm>
#include <set>

#include "app/gui/error_dialog.h"
#include "app/gui/wx_strings.h"
#include "core/project/project.h"

namespace quire::gui {

std::vector<AxisOption> axis_options(Project& project) {
    using Kind = query::Axis::Kind;
    std::vector<AxisOption> options;
    options.push_back({"Codes", query::Axis{Kind::Codes, {}, {}, {}}});
    const std::vector<Code> codes = project.codes();
    std::set<Id> parents;
    for (const Code& c : codes) {
        if (c.parent_id) {
            parents.insert(*c.parent_id);
        }
    }
    for (const Code& c : codes) {
        if (parents.count(c.id) > 0) {
            const std::string path = project.code_path(c.id);
            options.push_back(
                {"Codes under \u201C" + path + "\u201D", query::Axis{Kind::Codes, path, {}, {}}});
        }
    }
    options.push_back({"Documents", query::Axis{Kind::Documents, {}, {}, {}}});
    options.push_back({"Cases", query::Axis{Kind::Cases, {}, {}, {}}});
    options.push_back({"Document groups", query::Axis{Kind::Groups, {}, {}, {}}});
    for (const Attribute& a : project.attributes()) {
        options.push_back({"Attribute: " + a.name, query::Axis{Kind::Attribute, {}, a.name, {}}});
    }
    std::vector<std::string> saved;
    for (const SavedQuery& q : project.saved_queries()) {
        saved.push_back(q.name);
    }
    if (!saved.empty()) {
        options.push_back({"Saved queries", query::Axis{Kind::Queries, {}, {}, saved}});
    }
    return options;
}

bool ask_coders(wxWindow* parent, Project& project, std::vector<Id>& chosen) {
    const std::vector<Coder> coders = project.coders();
    wxArrayString names;
    wxArrayInt selected;
    for (std::size_t i = 0; i < coders.size(); ++i) {
        names.Add(wx(coders[i].name));
        if (std::find(chosen.begin(), chosen.end(), coders[i].id) != chosen.end()) {
            selected.Add(static_cast<int>(i));
        }
    }
    wxMultiChoiceDialog dialog(parent, "Count these coders' codings (none chosen: everyone's).",
                               "Coders", names);
    dialog.SetSelections(selected);
    if (dialog.ShowModal() != wxID_OK) {
        return false;
    }
    chosen.clear();
    for (const int i : dialog.GetSelections()) {
        chosen.push_back(coders[static_cast<std::size_t>(i)].id);
    }
    return true;
}

std::string coders_summary(Project& project, const std::vector<Id>& chosen) {
    if (chosen.empty()) {
        return "all coders";
    }
    if (chosen.size() == 1) {
        for (const Coder& c : project.coders()) {
            if (c.id == chosen.front()) {
                return c.name;
            }
        }
    }
    return std::to_string(chosen.size()) + " coders";
}

void bind_coders_button(wxWindow* window, wxButton* button, wxStaticText* label,
                        std::function<Project*()> project_of, std::vector<Id>& chosen) {
    button->Bind(wxEVT_BUTTON, [window, label, project_of, &chosen](wxCommandEvent&) {
        if (Project* project = project_of()) {
            guarded(window, [&] {
                if (ask_coders(window, *project, chosen)) {
                    label->SetLabel(wx(coders_summary(*project, chosen)));
                }
            });
        }
    });
}

std::string show_run_failure(wxStaticText* status, wxButton* retry,
                             const std::exception_ptr& error) {
    retry->Enable(true);
    std::string message;
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        message = e.what();
    }
    status->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    status->SetLabel(wx(message));
    return message;
}

}  // namespace quire::gui
