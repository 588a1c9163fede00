// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/colour.h>
#include <wx/panel.h>

#include <optional>
#include <vector>

// Kappa per code as horizontal bars, and the colours that grade agreement figures in the
// agreement window (the chart's bars and the table's cells share them).
namespace quire::gui {

// The conventional reading of kappa and alpha (Landis & Koch, Krippendorff's 0.667/0.8):
// red below 0.4, yellow below 0.6, light green below 0.8, green above.
wxColour grade_colour(double value);
// Text and background of a figure that is undefined.
wxColour undefined_text_colour();
wxColour undefined_background_colour();

// Code names on the left, bars from the zero line, light guides at the 0.4 / 0.6 / 0.8
// grade boundaries, undefined values marked; a hint to press Compute before any result.
class KappaChart : public wxPanel {
public:
    struct Bar {
        wxString label;
        int depth = 0;  // in the code tree: indents the label
        std::optional<double> value;
    };

    explicit KappaChart(wxWindow* parent);
    void set_bars(std::vector<Bar> bars);

private:
    void paint();

    std::vector<Bar> bars_;
};

}  // namespace quire::gui
