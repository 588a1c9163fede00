// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/matrix_frame.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <cstdio>

#include "app/gui/error_dialog.h"
#include "app/gui/exchange_ui.h"
#include "app/gui/heat_grid.h"
#include "app/gui/main_frame.h"
#include "app/gui/query_work.h"
#include "app/gui/window_size.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {
namespace {

// The choosers' entries, in the order of query::Measure and query::Percent.
const char* const kMeasures[] = {"segments", "documents", "cases", "words", "characters"};
const char* const kPercents[] = {"no percentages", "% of row", "% of column", "% of total"};

std::string percent_text(double percent) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", percent);
    return buf;
}

// A chooser as wide as `width` whatever its entries: a long code path must not push the
// controls after it out of the window.
wxChoice* labelled_choice(wxWindow* parent, wxSizer* sizer, const wxString& label, int width) {
    sizer->Add(new wxStaticText(parent, wxID_ANY, label), 0,
               wxALIGN_CENTER_VERTICAL | wxRIGHT | wxLEFT, 4);
    auto* choice = new wxChoice(parent, wxID_ANY, wxDefaultPosition, wxSize(width, -1));
    sizer->Add(choice, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    return choice;
}

}  // namespace

MatrixFrame::MatrixFrame(MainFrame* workbench)
    : wxFrame(workbench, wxID_ANY, "Matrix"), workbench_(workbench) {
    auto* panel = new wxPanel(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* axes = new wxBoxSizer(wxHORIZONTAL);
    rows_ = labelled_choice(panel, axes, "Rows:", 280);
    cols_ = labelled_choice(panel, axes, "Columns:", 280);
    sizer->Add(axes, 0, wxEXPAND | wxTOP | wxLEFT | wxRIGHT, 6);
    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    measure_ = labelled_choice(panel, actions, "Count:", -1);
    for (const char* m : kMeasures) {
        measure_->Append(m);
    }
    measure_->SetSelection(0);
    percent_ = labelled_choice(panel, actions, "Show:", -1);
    for (const char* p : kPercents) {
        percent_->Append(p);
    }
    percent_->SetSelection(0);
    auto* coders = new wxButton(panel, wxID_ANY, L"C&oders…");
    coders_label_ = new wxStaticText(panel, wxID_ANY, "all coders");
    show_ = new wxButton(panel, wxID_ANY, "&Show Matrix");
    export_ = new wxButton(panel, wxID_ANY, L"&Export CSV/XLSX…");
    export_->Enable(false);
    actions->Add(coders, 0, wxRIGHT, 4);
    actions->Add(coders_label_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    actions->Add(show_, 0, wxRIGHT, 4);
    actions->Add(export_, 0);
    sizer->Add(actions, 0, wxEXPAND | wxALL, 6);
    status_ =
        new wxStaticText(panel, wxID_ANY, "Choose rows and columns, then Show Matrix.",
                         wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END | wxST_NO_AUTORESIZE);
    status_->SetMinSize(wxSize(40, -1));  // a long message ends in "…"
    sizer->Add(status_, 0, wxEXPAND | wxLEFT | wxRIGHT, 6);
    PassageList::Callbacks callbacks;
    callbacks.project = [this] { return workbench_->project(); };
    callbacks.open = [this](const query::Passage& p) {
        workbench_->open_passage(p.document, p.range);
    };
    grid_ = new HeatGrid(panel, callbacks);
    sizer->Add(grid_, 1, wxEXPAND | wxALL, 6);
    panel->SetSizer(sizer);
    bind_coders_button(
        this, coders, coders_label_, [this] { return workbench_->project(); }, coders_);
    show_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { show_matrix(); });
    export_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_export(); });
    SetSize(wxSize(980, 640));
    // The smallest size at which every row of controls still fits.
    SetMinSize(wxSize(760, 460));
    fit_to_display(this);
    refresh_choices();
}

void MatrixFrame::refresh_choices() {
    Project* project = workbench_->project();
    const wxString rows = rows_->GetStringSelection();
    const wxString cols = cols_->GetStringSelection();
    axes_.clear();
    if (project != nullptr) {
        guarded(this, [&] { axes_ = axis_options(*project); });
    }
    rows_->Clear();
    cols_->Clear();
    for (const AxisOption& a : axes_) {
        rows_->Append(wx(a.label));
        cols_->Append(wx(a.label));
    }
    // Codes by documents until the user chooses otherwise.
    if (!rows_->SetStringSelection(rows)) {
        rows_->SetSelection(axes_.empty() ? wxNOT_FOUND : 0);
    }
    if (!cols_->SetStringSelection(cols)) {
        cols_->SetStringSelection("Documents");
    }
    GetChildren().front()->Layout();
}

bool MatrixFrame::choose_axes(const std::string& rows, const std::string& cols) {
    return rows_->SetStringSelection(wx(rows)) && cols_->SetStringSelection(wx(cols));
}

void MatrixFrame::choose_measure(query::Measure measure) {
    measure_->SetSelection(static_cast<int>(measure));
}

void MatrixFrame::choose_percent(query::Percent percent) {
    percent_->SetSelection(static_cast<int>(percent));
}

void MatrixFrame::choose_coders(std::vector<Id> coders) {
    coders_ = std::move(coders);
    if (Project* project = workbench_->project()) {
        guarded(this, [&] { coders_label_->SetLabel(wx(coders_summary(*project, coders_))); });
    }
}

void MatrixFrame::show_matrix() {
    Project* project = workbench_->project();
    const int rows = rows_->GetSelection();
    const int cols = cols_->GetSelection();
    if (project == nullptr || rows == wxNOT_FOUND || cols == wxNOT_FOUND) {
        return;
    }
    query::MatrixRequest request;
    request.rows = axes_[static_cast<std::size_t>(rows)].axis;
    request.cols = axes_[static_cast<std::size_t>(cols)].axis;
    request.measure = static_cast<query::Measure>(measure_->GetSelection());
    request.percent = static_cast<query::Percent>(percent_->GetSelection());
    request.options.coders = coders_;
    request.with_passages = true;
    status_->SetLabel(L"Counting…");
    show_->Enable(false);
    job_.start(
        [path = project->path(), request](const Progress& progress) {
            query::Matrix m;
            with_engine(path, progress,
                        [&](query::Engine& engine, Project&) { m = engine.matrix(request); });
            return m;
        },
        [this, percent = request.percent, rows = request.rows.kind,
         cols = request.cols.kind](query::Matrix m) {
            shown_percent_ = percent;
            shown_rows_are_codes_ = rows == query::Axis::Kind::Codes;
            shown_cols_are_codes_ = cols == query::Axis::Kind::Codes;
            show_result(std::move(m));
        },
        [this](std::exception_ptr error) { show_failure(error); });
}

void MatrixFrame::show_result(query::Matrix matrix) {
    show_->Enable(true);
    matrix_ = std::move(matrix);
    error_.clear();
    const bool percent = shown_percent_ != query::Percent::None;
    HeatTable table;
    table.rows = matrix_.rows;
    table.cols = matrix_.cols;
    for (std::size_t r = 0; r < matrix_.cells.size(); ++r) {
        table.values.emplace_back();
        table.labels.emplace_back();
        table.tips.emplace_back();
        table.passages.emplace_back();
        for (std::size_t c = 0; c < matrix_.cells[r].size(); ++c) {
            const query::MatrixCell& cell = matrix_.cells[r][c];
            const bool has_percent = percent && cell.percent.has_value();
            table.values[r].push_back(has_percent ? *cell.percent
                                                  : static_cast<double>(cell.count));
            std::string label = std::to_string(cell.count);
            if (has_percent) {
                label += " (" + percent_text(*cell.percent) + ")";
            }
            table.labels[r].push_back(label);
            table.tips[r].push_back(matrix_.rows[r] + " \u00D7 " + matrix_.cols[c] + ": " +
                                    std::to_string(cell.count) + " " + matrix_.measure +
                                    (has_percent ? ", " + percent_text(*cell.percent) : "") + "; " +
                                    std::to_string(cell.passages.size()) + " passages");
            table.passages[r].push_back(cell.passages);
        }
    }
    // Codes read as a tree down the side and by their own names across the top.
    for (std::size_t r = 0; r < table.rows.size() && shown_rows_are_codes_; ++r) {
        table.row_labels.push_back(tree_label(table.rows[r]));
    }
    for (std::size_t c = 0; c < table.cols.size() && shown_cols_are_codes_; ++c) {
        const std::size_t slash = table.cols[c].rfind('/');
        table.col_labels.push_back(slash == std::string::npos ? table.cols[c]
                                                              : table.cols[c].substr(slash + 1));
    }
    grid_->show(std::move(table));
    export_->Enable(!matrix_.rows.empty() && !matrix_.cols.empty());
    status_->SetForegroundColour(GetForegroundColour());
    status_->SetLabel(wx(status_text()));
}

void MatrixFrame::show_failure(const std::exception_ptr& error) {
    error_ = show_run_failure(status_, show_, error);
}

std::string MatrixFrame::status_text() const {
    if (!error_.empty()) {
        return error_;
    }
    return std::to_string(matrix_.rows.size()) + " rows \u00D7 " +
           std::to_string(matrix_.cols.size()) + " columns, counting " + matrix_.measure +
           ". Click a cell to list its passages.";
}

std::vector<std::vector<util::XlsxCell>> MatrixFrame::table_rows() const {
    using util::XlsxCell;
    const bool percent = shown_percent_ != query::Percent::None;
    std::vector<std::vector<XlsxCell>> rows{{XlsxCell::of(std::string())}};
    for (const std::string& col : matrix_.cols) {
        rows[0].push_back(XlsxCell::of(col));
        if (percent) {
            rows[0].push_back(XlsxCell::of(col + " %"));
        }
    }
    for (std::size_t r = 0; r < matrix_.rows.size(); ++r) {
        rows.push_back({XlsxCell::of(matrix_.rows[r])});
        for (const query::MatrixCell& cell : matrix_.cells[r]) {
            rows.back().push_back(XlsxCell::of(static_cast<double>(cell.count)));
            if (percent) {
                rows.back().push_back(cell.percent ? XlsxCell::of(*cell.percent)
                                                   : XlsxCell::empty());
            }
        }
    }
    return rows;
}

bool MatrixFrame::export_to(const std::string& path) {
    Project* project = workbench_->project();
    if (project == nullptr) {
        return false;
    }
    return guarded(this, [&] { write_table_file(path, project->path(), "Matrix", table_rows()); });
}

void MatrixFrame::on_export() {
    const std::string path =
        save_path(this, "Export Matrix", "matrix.xlsx",
                  "Excel workbook (*.xlsx)|*.xlsx|Comma-separated values (*.csv)|*.csv");
    if (!path.empty() && export_to(path)) {
        status_->SetLabel(wx("Wrote " + path));
    }
}

}  // namespace quire::gui
