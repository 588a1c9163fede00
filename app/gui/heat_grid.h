// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/colour.h>
#include <wx/panel.h>

#include <functional>
#include <string>
#include <vector>

#include "app/gui/passage_list.h"
#include "core/query/query.h"

class wxGrid;
class wxGridEvent;
class wxSplitterWindow;

namespace quire::gui {

// A table of counts as a heat map: what a matrix or a co-occurrence table shows.
struct HeatTable {
    std::vector<std::string> rows;
    std::vector<std::string> cols;
    std::vector<std::vector<double>> values;       // [r][c]: how dark the cell is
    std::vector<std::vector<std::string>> labels;  // [r][c]: the cell's text
    std::vector<std::vector<std::string>> tips;    // [r][c]: its tooltip; may be empty
    std::vector<std::vector<std::vector<query::Passage>>> passages;  // [r][c]: drill-down
    // What the grid's labels show, when not the names above (a code's last name).
    std::vector<std::string> row_labels;
    std::vector<std::string> col_labels;
    std::size_t col_label_chars = 14;  // column labels are wrapped at about this many characters
    int most_row_label_width = 320;    // pixels; longer row labels end in "…"
};

// A code path as a tree shows it: its last name, indented by its depth.
std::string tree_label(const std::string& path);
// `text` broken at spaces into lines of about `chars` characters.
std::string wrapped_label(const std::string& text, std::size_t chars);

// A cell's background for `value` of `most`: light to dark of one blue, so that the
// darkest cell still reads with white text.
wxColour heat_colour(double value, double most);
// Black on light cells, white on dark ones.
wxColour heat_text_colour(double value, double most);

// The heat map over the passages of the cell last clicked; double-clicking a passage opens
// it (PassageList).
class HeatGrid : public wxPanel {
public:
    HeatGrid(wxWindow* parent, PassageList::Callbacks callbacks);

    void show(HeatTable table);
    // As clicking the cell does.
    void drill(int row, int col);

    // Used by the GUI tests.
    const HeatTable& table() const { return table_; }
    PassageList* passages() const { return passages_; }
    wxGrid* grid() const { return grid_; }
    std::string tooltip_at(int row, int col) const;

private:
    void on_motion(wxMouseEvent& event);

    HeatTable table_;
    wxSplitterWindow* split_ = nullptr;
    wxGrid* grid_ = nullptr;
    PassageList* passages_ = nullptr;
};

}  // namespace quire::gui
