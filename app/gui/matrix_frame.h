// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/frame.h>

#include <exception>
#include <string>
#include <vector>

#include "app/gui/background_job.h"
#include "app/gui/query_controls.h"
#include "core/formats/xlsx.h"
#include "core/query/query.h"

class wxButton;
class wxChoice;
class wxStaticText;

namespace quire::gui {

class HeatGrid;
class MainFrame;

// Analyse > Matrix: a crosstab of codes, documents, cases, groups, attribute values or
// saved queries against each other, counting segments, documents, cases, words or
// characters, with row, column or total percentages. Cells are shaded by value; clicking
// one lists its passages, and double-clicking a passage opens it. Export writes CSV or XLSX.
class MatrixFrame : public wxFrame {
public:
    explicit MatrixFrame(MainFrame* workbench);

    // Reads the axes offered (codes, attributes, saved queries) again.
    void refresh_choices();

    // Used by the controls and by the GUI tests.
    // Chooses rows and columns by the label the choosers show; false when one is not offered.
    bool choose_axes(const std::string& rows, const std::string& cols);
    void choose_measure(query::Measure measure);
    void choose_percent(query::Percent percent);
    void choose_coders(std::vector<Id> coders);
    // Builds the matrix (the Show button); it arrives later (wait()).
    void show_matrix();
    void wait() { job_.wait(); }
    wxButton* show_button() const { return show_; }
    const query::Matrix& matrix() const { return matrix_; }
    HeatGrid* heat_grid() const { return grid_; }
    std::string status_text() const;
    // Writes the matrix as CSV or XLSX by the extension (replacing the file: callers ask).
    bool export_to(const std::string& path);

private:
    void on_export();
    void show_result(query::Matrix matrix);
    void show_failure(const std::exception_ptr& error);
    std::vector<std::vector<util::XlsxCell>> table_rows() const;

    MainFrame* workbench_;
    std::vector<AxisOption> axes_;
    wxChoice* rows_ = nullptr;
    wxChoice* cols_ = nullptr;
    wxChoice* measure_ = nullptr;
    wxChoice* percent_ = nullptr;
    wxStaticText* coders_label_ = nullptr;
    wxButton* show_ = nullptr;
    wxButton* export_ = nullptr;
    wxStaticText* status_ = nullptr;
    HeatGrid* grid_ = nullptr;
    std::vector<Id> coders_;
    query::Matrix matrix_;
    query::Percent shown_percent_ = query::Percent::None;
    bool shown_rows_are_codes_ = false;
    bool shown_cols_are_codes_ = false;
    std::string error_;
    BackgroundJob<query::Matrix> job_;
};

}  // namespace quire::gui
