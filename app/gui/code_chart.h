// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/frame.h>
#include <wx/panel.h>

#include <exception>
#include <string>
#include <vector>

#include "app/gui/background_job.h"
#include "app/gui/query_controls.h"
#include "core/query/query.h"

class wxButton;
class wxChoice;
class wxStaticText;

namespace quire::gui {

class MainFrame;

// Grouped bars: one group per code, one bar per attribute value (a series), with a legend.
struct BarChart {
    std::string title;
    std::string measure;                      // what the bars count: "segments", ...
    std::vector<std::string> groups;          // codes
    std::vector<std::string> series;          // attribute values
    std::vector<std::vector<double>> values;  // [group][series]
};

// The chart of a codes × attribute matrix.
BarChart bar_chart_of(const query::Matrix& matrix, const std::string& title);

// The chart as a self-contained SVG document of that size (no external resources).
std::string chart_svg(const BarChart& chart, int width, int height);

// The series' colours, one per attribute value, repeating after ten (#RRGGBB).
std::string series_colour(std::size_t series);

// Draws a BarChart with wxDC, as chart_svg lays it out.
class BarChartPanel : public wxPanel {
public:
    explicit BarChartPanel(wxWindow* parent);
    void show(BarChart chart);
    const BarChart& chart() const { return chart_; }

private:
    void on_paint(wxPaintEvent& event);
    BarChart chart_;
};

// Analyse > Code Chart by Attribute: bars per code by the values of an attribute, counting
// segments, documents, cases, words or characters; Export SVG writes the chart.
class ChartFrame : public wxFrame {
public:
    explicit ChartFrame(MainFrame* workbench);

    // Reads the attributes and parent codes offered again.
    void refresh_choices();

    // Used by the controls and by the GUI tests.
    bool choose_attribute(const std::string& attribute);
    // Builds the chart (the Show button); it arrives later (wait()).
    void show_chart();
    void wait() { job_.wait(); }
    wxButton* show_button() const { return show_; }
    const BarChart& chart() const { return panel_->chart(); }
    std::string status_text() const;
    // Writes the chart as SVG to `path` (replacing the file: callers ask).
    bool export_svg(const std::string& path);

private:
    void on_export();
    void show_failure(const std::exception_ptr& error);

    MainFrame* workbench_;
    std::vector<AxisOption> code_axes_;
    wxChoice* attribute_ = nullptr;
    wxChoice* codes_ = nullptr;
    wxChoice* measure_ = nullptr;
    wxStaticText* coders_label_ = nullptr;
    wxButton* show_ = nullptr;
    wxButton* export_ = nullptr;
    wxStaticText* status_ = nullptr;
    BarChartPanel* panel_ = nullptr;
    std::vector<Id> coders_;
    std::string error_;
    BackgroundJob<query::Matrix> job_;
};

}  // namespace quire::gui
