// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/agreement_chart.h"

#include <wx/control.h>
#include <wx/dcbuffer.h>

#include <algorithm>
#include <cmath>

namespace quire::gui {

wxColour grade_colour(double value) {
    if (value < 0.4) {
        return wxColour(0xF4, 0xC7, 0xC3);
    }
    if (value < 0.6) {
        return wxColour(0xFC, 0xE8, 0xB2);
    }
    if (value < 0.8) {
        return wxColour(0xD9, 0xEA, 0xD3);
    }
    return wxColour(0xB7, 0xE1, 0xCD);
}

wxColour undefined_text_colour() {
    return wxColour(0x80, 0x80, 0x80);
}

wxColour undefined_background_colour() {
    return wxColour(0xF2, 0xF2, 0xF2);
}

KappaChart::KappaChart(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
              wxFULL_REPAINT_ON_RESIZE | wxBORDER_THEME) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(wxSize(-1, 150));
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
}

void KappaChart::set_bars(std::vector<Bar> bars) {
    bars_ = std::move(bars);
    Refresh();
}

void KappaChart::paint() {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    const wxSize size = GetClientSize();
    wxFont font = GetFont();
    dc.SetFont(font.Bold());
    dc.SetTextForeground(wxColour(0x33, 0x33, 0x33));
    dc.DrawText(L"Cohen\u2019s \u03BA per code", 8, 4);
    dc.SetFont(font);
    const int top = 6 + dc.GetCharHeight() + 6;
    if (bars_.empty()) {
        dc.SetTextForeground(undefined_text_colour());
        dc.DrawText("Press Compute to compare the coders.", 8, top);
        return;
    }
    const int axis = dc.GetCharHeight() + 8;
    const int n = static_cast<int>(bars_.size());
    const int row = std::clamp((size.y - top - axis - 4) / n, 8, 24);
    // Shrink the font when the rows are too tight for it.
    while (dc.GetCharHeight() > row && font.GetPointSize() > 7) {
        font.SetPointSize(font.GetPointSize() - 1);
        dc.SetFont(font);
    }

    int label_width = 0;
    for (const Bar& b : bars_) {
        label_width = std::max(label_width, dc.GetTextExtent(b.label).x + 14 * b.depth);
    }
    label_width = std::min(label_width + 16, size.x * 2 / 5);
    const int left = label_width + 8;
    const int right = size.x - 56;
    if (right <= left + 20) {
        return;
    }
    double low = 0.0;
    for (const Bar& b : bars_) {
        if (b.value) {
            low = std::min(low, std::floor(*b.value * 5.0) / 5.0);
        }
    }
    low = std::max(low, -1.0);
    const auto x_of = [&](double v) {
        return left + static_cast<int>(std::lround((v - low) / (1.0 - low) * (right - left)));
    };
    const int bottom = top + n * row;

    // Guides and axis labels.
    dc.SetTextForeground(undefined_text_colour());
    for (const double g : {low, 0.4, 0.6, 0.8, 1.0}) {
        const int x = x_of(g);
        dc.SetPen(wxPen(wxColour(0xDD, 0xDD, 0xDD), 1, wxPENSTYLE_SHORT_DASH));
        dc.DrawLine(x, top, x, bottom);
        const wxString text = wxString::Format("%.1f", g);
        dc.DrawText(text, x - dc.GetTextExtent(text).x / 2, bottom + 4);
    }
    if (low < 0.0) {
        const int x = x_of(0.0);
        dc.DrawText("0", x - dc.GetTextExtent("0").x / 2, bottom + 4);
    }

    for (int i = 0; i < n; ++i) {
        const Bar& b = bars_[static_cast<std::size_t>(i)];
        const int y = top + i * row;
        const int text_y = y + (row - dc.GetCharHeight()) / 2;
        dc.SetTextForeground(wxColour(0x33, 0x33, 0x33));
        const int indent = 8 + 14 * b.depth;
        dc.DrawText(wxControl::Ellipsize(b.label, dc, wxELLIPSIZE_END, label_width - indent - 4),
                    indent, text_y);
        const int zero = x_of(0.0);
        if (!b.value) {
            dc.SetTextForeground(undefined_text_colour());
            dc.DrawText(L"\u2014 undefined", zero + 6, text_y);
            continue;
        }
        const int end = x_of(*b.value);
        const wxColour fill = grade_colour(*b.value);
        dc.SetPen(wxPen(fill.ChangeLightness(70)));
        dc.SetBrush(wxBrush(fill.ChangeLightness(85)));
        const int bar_height = std::max(3, row - 5);
        dc.DrawRectangle(std::min(zero, end), y + (row - bar_height) / 2,
                         std::max(1, std::abs(end - zero)), bar_height);
        const wxString text = wxString::Format("%.2f", *b.value);
        dc.SetTextForeground(wxColour(0x33, 0x33, 0x33));
        const int text_x = *b.value >= 0 ? std::max(end, zero) + 4
                                         : std::min(end, zero) - dc.GetTextExtent(text).x - 4;
        dc.DrawText(text, text_x, text_y);
    }
    dc.SetPen(wxPen(wxColour(0x55, 0x55, 0x55)));
    dc.DrawLine(x_of(0.0), top - 2, x_of(0.0), bottom + 2);
}

}  // namespace quire::gui
