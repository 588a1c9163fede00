// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/attribute_import_ui.h"

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/grid.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

#include "app/gui/error_dialog.h"
#include "app/gui/journal_ui.h"
#include "app/gui/window_size.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {
namespace {

constexpr std::size_t kLineColumn = 0;
constexpr std::size_t kOwnerColumn = 1;
constexpr std::size_t kFirstAttributeColumn = 2;
constexpr int kWidestColumn = 300;  // pixels

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

AttributeImportModel::AttributeImportModel(Project& project, const exchange::TextTable& table)
    : preview_(exchange::preview_attribute_import(project, table)) {}

AttributeImportModel AttributeImportModel::from_file(Project& project, const std::string& path) {
    return AttributeImportModel(project, exchange::read_attribute_table(path));
}

std::vector<std::string> AttributeImportModel::column_titles() const {
    std::vector<std::string> titles{"Line", "Matches"};
    for (const exchange::AttributeColumn& c : preview_.columns) {
        titles.push_back(c.name + " (" + to_string(c.type) + (c.is_new ? ", new" : "") + ")");
    }
    return titles;
}

std::string AttributeImportModel::cell_text(std::size_t row, std::size_t column) const {
    const exchange::AttributeRow& r = preview_.rows.at(row);
    if (column == kLineColumn) {
        return std::to_string(r.line);
    }
    if (column == kOwnerColumn) {
        if (!r.owner) {
            return "no match: " + r.problem;
        }
        return r.name + " (" + (r.kind ? exchange::to_string(*r.kind) : "document") + ")";
    }
    const exchange::AttributeCell& cell = r.cells.at(column - kFirstAttributeColumn);
    if (!cell.valid) {
        return cell.value + "  \u2716 " + cell.problem;
    }
    if (!r.owner || !cell.changes) {
        return cell.value;
    }
    const std::string before = cell.current ? *cell.current : "(none)";
    const std::string after = cell.stored.empty() ? "(removed)" : cell.stored;
    return before + " \u2192 " + after;
}

AttributeImportModel::Look AttributeImportModel::cell_look(std::size_t row,
                                                           std::size_t column) const {
    const exchange::AttributeRow& r = preview_.rows.at(row);
    if (column < kFirstAttributeColumn) {
        return r.owner ? Look::Plain : Look::Unmatched;
    }
    const exchange::AttributeCell& cell = r.cells.at(column - kFirstAttributeColumn);
    if (!cell.valid) {
        return Look::Refused;
    }
    if (!r.owner) {
        return Look::Unmatched;
    }
    return cell.changes ? Look::Changes : Look::Plain;
}

std::string AttributeImportModel::summary() const {
    if (!can_apply()) {
        std::string why = "Cannot import: the import is all rows or none, and ";
        const std::size_t unmatched = preview_.unmatched_rows();
        const std::size_t invalid = preview_.invalid_cells();
        if (unmatched > 0) {
            why += plural(unmatched, "row matches", "rows match") + " no document or case";
        }
        if (invalid > 0) {
            why += std::string(unmatched > 0 ? ", and " : "") +
                   plural(invalid, "value is", "values are") + " refused by its attribute's type";
        }
        why += " (shown in red). Correct the table and import it again.";
        // The reasons in full, as a cell too narrow for them cuts them short.
        const std::size_t shown = 6;
        std::size_t listed = 0;
        std::size_t more = 0;
        for (const exchange::AttributeRow& r : preview_.rows) {
            std::vector<std::string> reasons;
            if (!r.owner) {
                reasons.push_back(r.problem);
            }
            for (std::size_t c = 0; c < r.cells.size(); ++c) {
                if (!r.cells[c].valid) {
                    reasons.push_back(preview_.columns[c].name + ": " + r.cells[c].problem);
                }
            }
            for (const std::string& reason : reasons) {
                if (listed < shown) {
                    why += "\n  Line " + std::to_string(r.line) + ": " + reason;
                    ++listed;
                } else {
                    ++more;
                }
            }
        }
        if (more > 0) {
            why += "\n  \u2026 and " + std::to_string(more) + " more";
        }
        return why;
    }
    std::size_t new_columns = 0;
    for (const exchange::AttributeColumn& c : preview_.columns) {
        new_columns += c.is_new ? 1 : 0;
    }
    std::string text = plural(preview_.matched_rows(), "row matches", "rows match") + "; " +
                       plural(preview_.changed_cells(), "value changes", "values change");
    if (new_columns > 0) {
        text += "; " + plural(new_columns, "new attribute", "new attributes") + " (text)";
    }
    return text + ".";
}

exchange::AttributeImportOutcome AttributeImportModel::apply(Project& project) const {
    label_actions(project, "Import Attribute Table");
    Project::Action action(project);
    exchange::AttributeImportOutcome outcome = exchange::apply_attribute_import(project, preview_);
    action.commit();
    return outcome;
}

std::string import_outcome_text(const exchange::AttributeImportOutcome& outcome) {
    return "Imported " + plural(outcome.rows, "row", "rows") + ": " +
           plural(outcome.set, "value", "values") + " set, " + std::to_string(outcome.removed) +
           " removed, " + plural(outcome.attributes, "attribute", "attributes") +
           " created. Edit > Undo takes the import back.";
}

namespace {

// The preview as a read-only grid: changes in green, refused values and unmatched rows in
// red, with OK only when the import would succeed.
class AttributeImportDialog : public wxDialog {
public:
    AttributeImportDialog(wxWindow* parent, const AttributeImportModel& model,
                          const std::string& file)
        : wxDialog(parent, wxID_ANY, "Import attribute table", wxDefaultPosition, wxSize(1100, 560),
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(new wxStaticText(this, wxID_ANY, wx("From " + file)), 0, wxALL, 8);
        auto* grid = new wxGrid(this, wxID_ANY);
        grid->SetName("attribute preview");
        const std::vector<std::string> titles = model.column_titles();
        grid->CreateGrid(static_cast<int>(model.row_count()), static_cast<int>(titles.size()));
        grid->EnableEditing(false);
        grid->SetCellHighlightPenWidth(0);  // nothing to edit: no cursor
        grid->HideRowLabels();
        for (std::size_t c = 0; c < titles.size(); ++c) {
            grid->SetColLabelValue(static_cast<int>(c), wx(titles[c]));
        }
        for (std::size_t r = 0; r < model.row_count(); ++r) {
            for (std::size_t c = 0; c < titles.size(); ++c) {
                const int row = static_cast<int>(r);
                const int col = static_cast<int>(c);
                grid->SetCellValue(row, col, wx(model.cell_text(r, c)));
                switch (model.cell_look(r, c)) {
                    case AttributeImportModel::Look::Changes:
                        grid->SetCellBackgroundColour(row, col, wxColour(0xE3, 0xF4, 0xE1));
                        break;
                    case AttributeImportModel::Look::Refused:
                        grid->SetCellBackgroundColour(row, col, wxColour(0xF9, 0xD6, 0xD5));
                        grid->SetCellTextColour(row, col, wxColour(0x9B, 0x1C, 0x1C));
                        break;
                    case AttributeImportModel::Look::Unmatched:
                        grid->SetCellTextColour(row, col, wxColour(0x9B, 0x1C, 0x1C));
                        break;
                    case AttributeImportModel::Look::Plain:
                        break;
                }
            }
        }
        grid->AutoSizeColumns(false);
        // A long reason must not push the other columns out of sight: the cell's tooltip and
        // the summary below say it in full.
        for (int c = 0; c < grid->GetNumberCols(); ++c) {
            grid->SetColSize(c, std::min(grid->GetColSize(c), kWidestColumn));
        }
        grid->GetGridWindow()->Bind(wxEVT_MOTION, [grid](wxMouseEvent& e) {
            e.Skip();
            const wxGridCellCoords cell =
                grid->XYToCell(grid->CalcUnscrolledPosition(e.GetPosition()));
            const wxString text =
                cell.GetRow() >= 0 && cell.GetCol() >= 0 ? grid->GetCellValue(cell) : wxString();
            if (grid->GetGridWindow()->GetToolTipText() != text) {
                grid->GetGridWindow()->SetToolTip(text);
            }
        });
        sizer->Add(grid, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
        auto* summary = new wxStaticText(this, wxID_ANY, wx(model.summary()));
        summary->SetName("attribute preview summary");
        if (!model.can_apply()) {
            summary->SetForegroundColour(wxColour(0x9B, 0x1C, 0x1C));
        }
        sizer->Add(summary, 0, wxALL, 8);
        wxSizer* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
        sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
        if (auto* ok = dynamic_cast<wxButton*>(FindWindow(wxID_OK))) {
            ok->SetLabel("Import");
            ok->Enable(model.can_apply());
        }
        SetSizer(sizer);
        fit_to_display(this);
        // Wrapped to the dialog as the screen allows it, so no reason is cut off.
        summary->Wrap(GetClientSize().GetWidth() - 16);
        Layout();
    }
};

}  // namespace

bool ask_and_import_attribute_table(wxWindow* parent, Project& project) {
    wxFileDialog choose(parent, "Import an attribute table", "", "",
                        "Attribute tables (*.csv;*.xlsx)|*.csv;*.xlsx|CSV files (*.csv)|*.csv|"
                        "Excel workbooks (*.xlsx)|*.xlsx",
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (choose.ShowModal() != wxID_OK) {
        return false;
    }
    const std::string file = utf8(choose.GetPath());
    std::optional<AttributeImportModel> model;
    if (!guarded(parent, [&] { model.emplace(AttributeImportModel::from_file(project, file)); })) {
        return false;
    }
    AttributeImportDialog dialog(parent, *model, file);
    if (dialog.ShowModal() != wxID_OK || !model->can_apply()) {
        return false;
    }
    exchange::AttributeImportOutcome outcome;
    if (!guarded(parent, [&] { outcome = model->apply(project); })) {
        return false;
    }
    wxMessageBox(wx(import_outcome_text(outcome)), "Import attribute table",
                 wxOK | wxICON_INFORMATION, parent);
    return true;
}

}  // namespace quire::gui
