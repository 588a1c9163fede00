// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/heat_grid.h"

#include <wx/control.h>
#include <wx/dcclient.h>
#include <wx/grid.h>
#include <wx/sizer.h>
#include <wx/splitter.h>

#include <algorithm>
#include <cmath>

#include "app/gui/wx_strings.h"

namespace quire::gui {
namespace {

// The lightest and darkest shades (ColorBrewer's "Blues").
constexpr unsigned char kLight[3] = {0xF7, 0xFB, 0xFF};
constexpr unsigned char kDark[3] = {0x08, 0x30, 0x6B};
// Above this share of the darkest shade, text turns white.
constexpr double kWhiteTextFrom = 0.55;

double share(double value, double most) {
    if (most <= 0 || !std::isfinite(value)) {
        return 0;
    }
    return std::clamp(value / most, 0.0, 1.0);
}

const std::string& label_of(const std::vector<std::string>& shown,
                            const std::vector<std::string>& names, std::size_t at) {
    return at < shown.size() ? shown[at] : names[at];
}

}  // namespace

std::string tree_label(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) {
        return path;
    }
    const auto depth = static_cast<std::size_t>(std::count(path.begin(), path.end(), '/'));
    return std::string(depth * 4, ' ') + path.substr(slash + 1);
}

std::string wrapped_label(const std::string& text, std::size_t chars) {
    std::string out;
    std::size_t line = 0;
    std::size_t from = 0;
    while (from <= text.size()) {
        std::size_t space = text.find(' ', from);
        if (space == std::string::npos) {
            space = text.size();
        }
        const std::string word = text.substr(from, space - from);
        if (line > 0 && line + 1 + word.size() > chars) {
            out += '\n';
            line = 0;
        } else if (line > 0) {
            out += ' ';
            ++line;
        }
        out += word;
        line += word.size();
        from = space + 1;
    }
    return out;
}

wxColour heat_colour(double value, double most) {
    const double t = share(value, most);
    unsigned char rgb[3];
    for (int i = 0; i < 3; ++i) {
        rgb[i] = static_cast<unsigned char>(std::lround(kLight[i] + (kDark[i] - kLight[i]) * t));
    }
    return {rgb[0], rgb[1], rgb[2]};
}

wxColour heat_text_colour(double value, double most) {
    return share(value, most) > kWhiteTextFrom ? *wxWHITE : *wxBLACK;
}

HeatGrid::HeatGrid(wxWindow* parent, PassageList::Callbacks callbacks) : wxPanel(parent) {
    split_ = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                  wxSP_LIVE_UPDATE | wxSP_3DSASH);
    split_->SetMinimumPaneSize(80);
    grid_ = new wxGrid(split_, wxID_ANY);
    grid_->CreateGrid(0, 0);
    grid_->EnableEditing(false);
    grid_->EnableDragGridSize(false);
    grid_->SetDefaultCellAlignment(wxALIGN_CENTRE, wxALIGN_CENTRE);
    grid_->SetRowLabelAlignment(wxALIGN_LEFT, wxALIGN_CENTRE);
    passages_ = new PassageList(split_, std::move(callbacks));
    split_->SplitHorizontally(grid_, passages_, -180);
    split_->SetSashGravity(0.6);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(split_, 1, wxEXPAND);
    SetSizer(sizer);
    // Moving to a cell with the keys drills into it; so does a click, also on the cell the
    // grid's cursor is already in (which selects nothing new).
    grid_->Bind(wxEVT_GRID_SELECT_CELL, [this](wxGridEvent& e) {
        e.Skip();
        drill(e.GetRow(), e.GetCol());
    });
    grid_->Bind(wxEVT_GRID_CELL_LEFT_CLICK, [this](wxGridEvent& e) {
        e.Skip();
        drill(e.GetRow(), e.GetCol());
    });
    grid_->GetGridWindow()->Bind(wxEVT_MOTION, &HeatGrid::on_motion, this);
}

void HeatGrid::show(HeatTable table) {
    table_ = std::move(table);
    const int rows = static_cast<int>(table_.rows.size());
    const int cols = static_cast<int>(table_.cols.size());
    grid_->BeginBatch();
    if (grid_->GetNumberRows() > 0) {
        grid_->DeleteRows(0, grid_->GetNumberRows());
    }
    if (grid_->GetNumberCols() > 0) {
        grid_->DeleteCols(0, grid_->GetNumberCols());
    }
    grid_->AppendRows(rows);
    grid_->AppendCols(cols);
    double most = 0;
    for (const auto& row : table_.values) {
        for (double v : row) {
            most = std::max(most, v);
        }
    }
    for (int r = 0; r < rows; ++r) {
        grid_->SetRowLabelValue(
            r, wx(label_of(table_.row_labels, table_.rows, static_cast<std::size_t>(r))));
        for (int c = 0; c < cols; ++c) {
            const auto ri = static_cast<std::size_t>(r);
            const auto ci = static_cast<std::size_t>(c);
            const double v = ri < table_.values.size() && ci < table_.values[ri].size()
                                 ? table_.values[ri][ci]
                                 : 0;
            if (ri < table_.labels.size() && ci < table_.labels[ri].size()) {
                grid_->SetCellValue(r, c, wx(table_.labels[ri][ci]));
            }
            grid_->SetCellBackgroundColour(r, c, heat_colour(v, most));
            grid_->SetCellTextColour(r, c, heat_text_colour(v, most));
        }
    }
    std::size_t lines = 1;
    for (int c = 0; c < cols; ++c) {
        const std::string label =
            wrapped_label(label_of(table_.col_labels, table_.cols, static_cast<std::size_t>(c)),
                          table_.col_label_chars);
        lines = std::max<std::size_t>(lines, 1 + std::count(label.begin(), label.end(), '\n'));
        grid_->SetColLabelValue(c, wx(label));
    }
    const int line_height = grid_->GetTextExtent("Ag").GetHeight();
    grid_->SetColLabelSize(static_cast<int>(lines) * line_height + 10);
    grid_->SetRowLabelSize(wxGRID_AUTOSIZE);
    // Row labels wider than their most are cut: the cells keep the room.
    const int most_label_width = table_.most_row_label_width;
    if (grid_->GetRowLabelSize() > most_label_width) {
        // Long names end in "…" (the tooltip and the drill-down title say them in full).
        wxClientDC dc(grid_);
        dc.SetFont(grid_->GetLabelFont());
        for (int r = 0; r < rows; ++r) {
            grid_->SetRowLabelValue(
                r, wxControl::Ellipsize(grid_->GetRowLabelValue(r), dc, wxELLIPSIZE_END,
                                        most_label_width - 12, wxELLIPSIZE_FLAGS_NONE));
        }
        grid_->SetRowLabelSize(most_label_width);
    }
    grid_->AutoSizeColumns(false);
    grid_->EndBatch();
    passages_->clear(rows * cols > 0 ? "Click a cell to list its passages."
                                     : "Nothing to show: no rows or no columns.");
}

void HeatGrid::drill(int row, int col) {
    if (row < 0 || col < 0 || static_cast<std::size_t>(row) >= table_.passages.size() ||
        static_cast<std::size_t>(col) >= table_.passages[static_cast<std::size_t>(row)].size()) {
        return;
    }
    const auto ri = static_cast<std::size_t>(row);
    const auto ci = static_cast<std::size_t>(col);
    passages_->show(table_.rows[ri] + " \u00D7 " + table_.cols[ci], table_.passages[ri][ci]);
}

std::string HeatGrid::tooltip_at(int row, int col) const {
    if (row < 0 || col < 0 || static_cast<std::size_t>(row) >= table_.tips.size() ||
        static_cast<std::size_t>(col) >= table_.tips[static_cast<std::size_t>(row)].size()) {
        return {};
    }
    return table_.tips[static_cast<std::size_t>(row)][static_cast<std::size_t>(col)];
}

void HeatGrid::on_motion(wxMouseEvent& event) {
    event.Skip();
    const wxPoint at = grid_->CalcUnscrolledPosition(event.GetPosition());
    const std::string tip = tooltip_at(grid_->YToRow(at.y), grid_->XToCol(at.x));
    wxWindow* window = grid_->GetGridWindow();
    if (wx(tip) != window->GetToolTipText()) {
        if (tip.empty()) {
            window->UnsetToolTip();
        } else {
            window->SetToolTip(wx(tip));
        }
    }
}

}  // namespace quire::gui
