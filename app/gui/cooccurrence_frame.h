// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/frame.h>

#include <exception>
#include <string>
#include <vector>

#include "app/gui/background_job.h"
#include "core/query/query.h"

class wxButton;
class wxChoice;
class wxListCtrl;
class wxSpinCtrl;
class wxStaticText;

namespace quire::gui {

class HeatGrid;
class MainFrame;

// Analyse > Code Co-occurrence: codes against codes as a heat map, co-occurring by overlap,
// paragraph, turn, document or a number of words. A cell counts the row code's passages
// that co-occur with a passage of the column code; its tooltip and the pairs list beside
// give the c-coefficient. Clicking a cell lists the passages; double-clicking one opens it.
class CooccurrenceFrame : public wxFrame {
public:
    explicit CooccurrenceFrame(MainFrame* workbench);

    // Reads the codes offered again.
    void refresh_choices();

    // Used by the controls and by the GUI tests.
    enum By { kOverlap, kParagraph, kTurn, kDocument, kNear };
    void choose_by(By by, int words = 10);
    void choose_coders(std::vector<Id> coders);
    // Builds the table (the Show button); it arrives later (wait()).
    void show_table();
    void wait() { job_.wait(); }
    wxButton* show_button() const { return show_; }
    const query::Cooccurrence& table() const { return table_; }
    HeatGrid* heat_grid() const { return grid_; }
    std::string status_text() const;

private:
    void show_result(query::Cooccurrence table);
    void show_failure(const std::exception_ptr& error);
    void fill_pairs();
    std::string pair_tip(std::size_t i, std::size_t j) const;

    MainFrame* workbench_;
    wxChoice* by_ = nullptr;
    wxSpinCtrl* words_ = nullptr;
    wxStaticText* coders_label_ = nullptr;
    wxButton* show_ = nullptr;
    wxStaticText* status_ = nullptr;
    HeatGrid* grid_ = nullptr;
    wxListCtrl* pairs_ = nullptr;
    std::vector<Id> coders_;
    query::Cooccurrence table_;
    std::string error_;
    BackgroundJob<query::Cooccurrence> job_;
};

}  // namespace quire::gui
