// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/code_chart.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dcbuffer.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/gui/error_dialog.h"
#include "app/gui/exchange_ui.h"
#include "app/gui/main_frame.h"
#include "app/gui/query_work.h"
#include "app/gui/window_size.h"
#include "app/gui/wx_strings.h"
#include "core/formats/xlsx.h"
#include "core/text/unicode.h"
#include "core/util/files.h"

namespace quire::gui {
namespace {

// Tableau's ten colours: distinct for the usual handful of attribute values.
const char* const kPalette[] = {"#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F",
                                "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC"};

constexpr double kLegendWidth = 170;
constexpr double kLegendRow = 18;
constexpr double kCharWidth = 7;  // about, at the chart's text size
// Codes' names slant up to the axis, so that many codes keep readable names.
constexpr double kLabelAngle = 35;   // degrees
constexpr double kLabelWidth = 130;  // pixels of a name before it is cut
constexpr double kLabelRoom = 110;   // below the axis

// Where everything goes in a chart of that size, the same for the screen and the SVG.
struct ChartLayout {
    // The plot area; the room on its left takes the first code's slanting name.
    double left = 100, top = 40, right = 0, bottom = 0;
    double legend_left = 0;
    double axis_max = 1;  // the value at the top of the plot
    double step = 1;      // between grid lines
    double group_width = 0, bar_width = 0;
};

double nice_step(double most) {
    const double rough = std::max(most, 1.0) / 5;
    const double magnitude = std::pow(10, std::floor(std::log10(rough)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= rough) {
            return std::max(1.0, m * magnitude);
        }
    }
    return 10 * magnitude;
}

ChartLayout layout_of(const BarChart& chart, int width, int height) {
    ChartLayout l;
    l.legend_left = width - kLegendWidth;
    l.right = l.legend_left - 16;
    l.bottom = height - kLabelRoom;
    double most = 0;
    for (const auto& group : chart.values) {
        for (const double v : group) {
            most = std::max(most, v);
        }
    }
    l.step = nice_step(most);
    l.axis_max = std::max(l.step, std::ceil(most / l.step) * l.step);
    const double groups = static_cast<double>(std::max<std::size_t>(1, chart.groups.size()));
    const double series = static_cast<double>(std::max<std::size_t>(1, chart.series.size()));
    l.group_width = std::max(1.0, (l.right - l.left) / groups);
    l.bar_width = std::max(1.0, l.group_width * 0.8 / series);
    return l;
}

double bar_left(const ChartLayout& l, std::size_t group, std::size_t series,
                std::size_t series_count) {
    const double bars = l.bar_width * static_cast<double>(series_count);
    return l.left + l.group_width * static_cast<double>(group) + (l.group_width - bars) / 2 +
           l.bar_width * static_cast<double>(series);
}

double y_of(const ChartLayout& l, double value) {
    return l.bottom - (l.bottom - l.top) * value / l.axis_max;
}

// The start of `text` that fits `width` pixels, with "…" when cut.
std::string fitted(const std::string& text, double width) {
    const auto room = static_cast<std::int64_t>(width / kCharWidth);
    const std::int64_t length = text::code_point_count(text);
    if (length <= room) {
        return text;
    }
    if (room < 2) {
        return {};
    }
    return text::slice(text, 0, room - 1) + "\u2026";
}

// A code's last name: its path would not fit under its bars.
std::string last_name(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string svg_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

wxColour colour_of(std::size_t series) {
    return wxColour(wx(series_colour(series)));
}

}  // namespace

std::string series_colour(std::size_t series) {
    return kPalette[series % (sizeof kPalette / sizeof kPalette[0])];
}

BarChart bar_chart_of(const query::Matrix& matrix, const std::string& title) {
    BarChart chart;
    chart.title = title;
    chart.measure = matrix.measure;
    chart.groups = matrix.rows;
    chart.series = matrix.cols;
    for (const auto& row : matrix.cells) {
        chart.values.emplace_back();
        for (const query::MatrixCell& cell : row) {
            chart.values.back().push_back(static_cast<double>(cell.count));
        }
    }
    return chart;
}

std::string chart_svg(const BarChart& chart, int width, int height) {
    using util::xml_escape;
    const ChartLayout l = layout_of(chart, width, height);
    std::string svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) +
           "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) +
           " " + std::to_string(height) +
           "\" font-family=\"sans-serif\" font-size=\"12\">\n"
           "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n";
    svg += "<text x=\"" + svg_number(l.left) +
           "\" y=\"22\" font-size=\"15\" font-weight=\"bold\">" + xml_escape(chart.title) +
           "</text>\n";
    for (double v = 0; v <= l.axis_max + l.step / 2; v += l.step) {
        const std::string y = svg_number(y_of(l, v));
        svg += "<line x1=\"" + svg_number(l.left) + "\" y1=\"" + y + "\" x2=\"" +
               svg_number(l.right) + "\" y2=\"" + y + "\" stroke=\"#DDDDDD\"/>\n";
        svg += "<text x=\"" + svg_number(l.left - 6) + "\" y=\"" + svg_number(y_of(l, v) + 4) +
               "\" text-anchor=\"end\">" + number_text(v) + "</text>\n";
    }
    for (std::size_t g = 0; g < chart.groups.size(); ++g) {
        for (std::size_t s = 0; s < chart.series.size() && s < chart.values[g].size(); ++s) {
            const double v = chart.values[g][s];
            svg += "<rect x=\"" + svg_number(bar_left(l, g, s, chart.series.size())) + "\" y=\"" +
                   svg_number(y_of(l, v)) + "\" width=\"" + svg_number(l.bar_width) +
                   "\" height=\"" + svg_number(l.bottom - y_of(l, v)) + "\" fill=\"" +
                   series_colour(s) + "\"><title>" +
                   xml_escape(chart.groups[g] + ", " + chart.series[s] + ": " + number_text(v) +
                              " " + chart.measure) +
                   "</title></rect>\n";
        }
        const std::string x = svg_number(l.left + l.group_width * (static_cast<double>(g) + 0.5));
        const std::string y = svg_number(l.bottom + 14);
        svg += "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"end\" transform=\"rotate(-" +
               svg_number(kLabelAngle) + " " + x + " " + y + ")\"><title>" +
               xml_escape(chart.groups[g]) + "</title>" +
               xml_escape(fitted(last_name(chart.groups[g]), kLabelWidth)) + "</text>\n";
    }
    svg += "<line x1=\"" + svg_number(l.left) + "\" y1=\"" + svg_number(l.bottom) + "\" x2=\"" +
           svg_number(l.right) + "\" y2=\"" + svg_number(l.bottom) + "\" stroke=\"#333333\"/>\n";
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const double y = l.top + kLegendRow * static_cast<double>(s);
        svg += "<rect x=\"" + svg_number(l.legend_left) + "\" y=\"" + svg_number(y) +
               "\" width=\"12\" height=\"12\" fill=\"" + series_colour(s) + "\"/>\n";
        svg += "<text x=\"" + svg_number(l.legend_left + 18) + "\" y=\"" + svg_number(y + 11) +
               "\">" + xml_escape(fitted(chart.series[s], kLegendWidth - 22)) + "</text>\n";
    }
    svg += "</svg>\n";
    return svg;
}

BarChartPanel::BarChartPanel(wxWindow* parent) : wxPanel(parent) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(wxSize(360, 240));
    Bind(wxEVT_PAINT, &BarChartPanel::on_paint, this);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        Refresh();
    });
}

void BarChartPanel::show(BarChart chart) {
    chart_ = std::move(chart);
    Refresh();
}

void BarChartPanel::on_paint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    const wxSize size = GetClientSize();
    if (chart_.groups.empty()) {
        dc.SetTextForeground(wxColour(0x70, 0x70, 0x70));
        dc.DrawText("Choose an attribute, then Show Chart.", 16, 16);
        return;
    }
    const ChartLayout l = layout_of(chart_, size.x, size.y);
    const auto px = [](double v) { return static_cast<int>(std::lround(v)); };
    wxFont bold = GetFont().Bold();
    dc.SetFont(bold);
    dc.SetTextForeground(*wxBLACK);
    dc.DrawText(wx(chart_.title), px(l.left), 10);
    dc.SetFont(GetFont());
    dc.SetPen(wxPen(wxColour(0xDD, 0xDD, 0xDD)));
    for (double v = 0; v <= l.axis_max + l.step / 2; v += l.step) {
        const int y = px(y_of(l, v));
        dc.DrawLine(px(l.left), y, px(l.right), y);
        const wxString label = wx(number_text(v));
        const wxSize extent = dc.GetTextExtent(label);
        dc.DrawText(label, px(l.left) - 6 - extent.x, y - extent.y / 2);
    }
    dc.SetPen(*wxTRANSPARENT_PEN);
    for (std::size_t g = 0; g < chart_.groups.size(); ++g) {
        for (std::size_t s = 0; s < chart_.series.size() && s < chart_.values[g].size(); ++s) {
            dc.SetBrush(wxBrush(colour_of(s)));
            const double top = y_of(l, chart_.values[g][s]);
            dc.DrawRectangle(px(bar_left(l, g, s, chart_.series.size())), px(top),
                             std::max(1, px(l.bar_width)), px(l.bottom) - px(top));
        }
        // The name ends under the middle of its bars, slanting down to the left.
        const wxString label = wx(fitted(last_name(chart_.groups[g]), kLabelWidth));
        const double width = dc.GetTextExtent(label).x;
        const double radians = kLabelAngle * M_PI / 180;
        const double end_x = l.left + l.group_width * (static_cast<double>(g) + 0.5);
        dc.DrawRotatedText(label, px(end_x - width * std::cos(radians)),
                           px(l.bottom + 4 + width * std::sin(radians)), kLabelAngle);
    }
    dc.SetPen(wxPen(wxColour(0x33, 0x33, 0x33)));
    dc.DrawLine(px(l.left), px(l.bottom), px(l.right), px(l.bottom));
    for (std::size_t s = 0; s < chart_.series.size(); ++s) {
        const int y = px(l.top + kLegendRow * static_cast<double>(s));
        dc.SetBrush(wxBrush(colour_of(s)));
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.DrawRectangle(px(l.legend_left), y, 12, 12);
        dc.DrawText(wx(fitted(chart_.series[s], kLegendWidth - 22)), px(l.legend_left) + 18, y - 2);
    }
}

ChartFrame::ChartFrame(MainFrame* workbench)
    : wxFrame(workbench, wxID_ANY, "Code Chart by Attribute"), workbench_(workbench) {
    auto* panel = new wxPanel(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* controls = new wxBoxSizer(wxHORIZONTAL);
    // Choosers of a set width: a long code path must not push the others out of the window.
    const auto labelled = [&](const wxString& label, int width) {
        controls->Add(new wxStaticText(panel, wxID_ANY, label), 0,
                      wxALIGN_CENTER_VERTICAL | wxRIGHT | wxLEFT, 4);
        auto* choice = new wxChoice(panel, wxID_ANY, wxDefaultPosition, wxSize(width, -1));
        controls->Add(choice, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
        return choice;
    };
    codes_ = labelled("Codes:", 280);
    attribute_ = labelled("By attribute:", 180);
    measure_ = labelled("Count:", -1);
    for (const char* m : {"segments", "documents", "cases", "words", "characters"}) {
        measure_->Append(m);
    }
    measure_->SetSelection(0);
    sizer->Add(controls, 0, wxEXPAND | wxTOP | wxLEFT | wxRIGHT, 6);
    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    auto* coders = new wxButton(panel, wxID_ANY, L"C&oders…");
    coders_label_ = new wxStaticText(panel, wxID_ANY, "all coders");
    show_ = new wxButton(panel, wxID_ANY, "&Show Chart");
    export_ = new wxButton(panel, wxID_ANY, L"&Export SVG…");
    export_->Enable(false);
    actions->Add(coders, 0, wxRIGHT, 4);
    actions->Add(coders_label_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    actions->Add(show_, 0, wxRIGHT, 4);
    actions->Add(export_, 0);
    sizer->Add(actions, 0, wxEXPAND | wxALL, 6);
    status_ = new wxStaticText(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                               wxST_ELLIPSIZE_END | wxST_NO_AUTORESIZE);
    status_->SetMinSize(wxSize(40, -1));  // a long message ends in "…"
    sizer->Add(status_, 0, wxEXPAND | wxLEFT | wxRIGHT, 6);
    panel_ = new BarChartPanel(panel);
    sizer->Add(panel_, 1, wxEXPAND | wxALL, 6);
    panel->SetSizer(sizer);
    bind_coders_button(
        this, coders, coders_label_, [this] { return workbench_->project(); }, coders_);
    show_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { show_chart(); });
    export_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_export(); });
    SetSize(wxSize(900, 600));
    // The smallest size at which every row of controls still fits.
    SetMinSize(wxSize(780, 460));
    fit_to_display(this);
}

void ChartFrame::refresh_choices() {
    Project* project = workbench_->project();
    const wxString attribute = attribute_->GetStringSelection();
    const wxString codes = codes_->GetStringSelection();
    std::vector<AxisOption> axes;
    if (project != nullptr) {
        guarded(this, [&] { axes = axis_options(*project); });
    }
    code_axes_.clear();
    attribute_->Clear();
    codes_->Clear();
    for (const AxisOption& a : axes) {
        if (a.axis.kind == query::Axis::Kind::Codes) {
            code_axes_.push_back(a);
            codes_->Append(wx(a.label));
        } else if (a.axis.kind == query::Axis::Kind::Attribute) {
            attribute_->Append(wx(a.axis.attribute));
        }
    }
    if (!codes_->SetStringSelection(codes) && !code_axes_.empty()) {
        codes_->SetSelection(0);
    }
    if (!attribute_->SetStringSelection(attribute) && attribute_->GetCount() > 0) {
        attribute_->SetSelection(0);
    }
    show_->Enable(attribute_->GetCount() > 0);
    status_->SetLabel(attribute_->GetCount() > 0
                          ? "Choose codes and an attribute, then Show Chart."
                          : "The project has no attributes: import or add some first.");
    GetChildren().front()->Layout();
}

bool ChartFrame::choose_attribute(const std::string& attribute) {
    return attribute_->SetStringSelection(wx(attribute));
}

void ChartFrame::show_chart() {
    Project* project = workbench_->project();
    const int codes = codes_->GetSelection();
    if (project == nullptr || codes == wxNOT_FOUND || attribute_->GetSelection() == wxNOT_FOUND) {
        return;
    }
    query::MatrixRequest request;
    request.rows = code_axes_[static_cast<std::size_t>(codes)].axis;
    request.cols.kind = query::Axis::Kind::Attribute;
    request.cols.attribute = utf8(attribute_->GetStringSelection());
    request.measure = static_cast<query::Measure>(measure_->GetSelection());
    request.options.coders = coders_;
    const std::string title =
        utf8(measure_->GetStringSelection()) + " per code by " + request.cols.attribute;
    status_->SetLabel(L"Counting…");
    show_->Enable(false);
    job_.start(
        [path = project->path(), request](const Progress& progress) {
            query::Matrix m;
            with_engine(path, progress,
                        [&](query::Engine& engine, Project&) { m = engine.matrix(request); });
            return m;
        },
        [this, title](query::Matrix m) {
            show_->Enable(true);
            error_.clear();
            panel_->show(bar_chart_of(m, title));
            export_->Enable(!m.rows.empty());
            status_->SetForegroundColour(GetForegroundColour());
            status_->SetLabel(wx(status_text()));
        },
        [this](std::exception_ptr error) { show_failure(error); });
}

void ChartFrame::show_failure(const std::exception_ptr& error) {
    error_ = show_run_failure(status_, show_, error);
}

std::string ChartFrame::status_text() const {
    if (!error_.empty()) {
        return error_;
    }
    const BarChart& c = chart();
    return std::to_string(c.groups.size()) + " codes by " + std::to_string(c.series.size()) +
           " values. The exported SVG names each bar's count when hovered.";
}

bool ChartFrame::export_svg(const std::string& path) {
    Project* project = workbench_->project();
    if (project == nullptr) {
        return false;
    }
    const wxSize size = panel_->GetClientSize();
    return guarded(this, [&] {
        util::refuse_project_file(path, project->path());
        util::write_file_atomically(
            path, chart_svg(chart(), std::max(size.x, 640), std::max(size.y, 400)),
            util::IfExists::Replace);
    });
}

void ChartFrame::on_export() {
    const std::string path =
        save_path(this, "Export Chart", "chart.svg", "SVG image (*.svg)|*.svg");
    if (!path.empty() && export_svg(path)) {
        status_->SetLabel(wx("Wrote " + path));
    }
}

}  // namespace quire::gui
