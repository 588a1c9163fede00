// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/cooccurrence_frame.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/splitter.h>
#include <wx/stattext.h>

#include <algorithm>
#include <cstdio>

#include "app/gui/error_dialog.h"
#include "app/gui/heat_grid.h"
#include "app/gui/main_frame.h"
#include "app/gui/query_controls.h"
#include "app/gui/query_work.h"
#include "app/gui/window_size.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {
namespace {

// In the order of CooccurrenceFrame::By.
const char* const kByLabels[] = {"overlapping text", "the same paragraph", "the same turn",
                                 "the same document", "at most n words apart"};

std::string coefficient_text(const std::optional<double>& c) {
    if (!c) {
        return "-";
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", *c);
    return buf;
}

// A code's own name: the list beside the grid is narrow.
std::string last_name(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

CooccurrenceFrame::CooccurrenceFrame(MainFrame* workbench)
    : wxFrame(workbench, wxID_ANY, "Code Co-occurrence"), workbench_(workbench) {
    auto* panel = new wxPanel(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* controls = new wxBoxSizer(wxHORIZONTAL);
    controls->Add(new wxStaticText(panel, wxID_ANY, "Co-occurring in:"), 0,
                  wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    by_ = new wxChoice(panel, wxID_ANY);
    for (const char* by : kByLabels) {
        by_->Append(by);
    }
    by_->SetSelection(kOverlap);
    controls->Add(by_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    controls->Add(new wxStaticText(panel, wxID_ANY, "n ="), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
                  4);
    words_ = new wxSpinCtrl(panel, wxID_ANY, "", wxDefaultPosition, wxSize(130, -1),
                            wxSP_ARROW_KEYS, 0, 10000, 10);
    controls->Add(words_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 10);
    auto* coders = new wxButton(panel, wxID_ANY, L"C&oders…");
    coders_label_ = new wxStaticText(panel, wxID_ANY, "all coders");
    show_ = new wxButton(panel, wxID_ANY, "&Show Table");
    controls->Add(coders, 0, wxRIGHT, 4);
    controls->Add(coders_label_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    controls->Add(show_, 0);
    sizer->Add(controls, 0, wxEXPAND | wxALL, 6);
    status_ =
        new wxStaticText(panel, wxID_ANY, "Choose how codes co-occur, then Show Table.",
                         wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END | wxST_NO_AUTORESIZE);
    status_->SetMinSize(wxSize(40, -1));  // a long message ends in "…"
    sizer->Add(status_, 0, wxEXPAND | wxLEFT | wxRIGHT, 6);
    auto* split = new wxSplitterWindow(panel, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                       wxSP_LIVE_UPDATE | wxSP_3DSASH);
    split->SetMinimumPaneSize(120);
    PassageList::Callbacks callbacks;
    callbacks.project = [this] { return workbench_->project(); };
    callbacks.open = [this](const query::Passage& p) {
        workbench_->open_passage(p.document, p.range);
    };
    grid_ = new HeatGrid(split, callbacks);
    pairs_ = new wxListCtrl(split, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL);
    pairs_->SetToolTip(
        "Pairs of codes by c-coefficient, n12 / (n1 + n2 - n12). * a passage co-occurs with "
        "several of the other code's passages, so c overstates how often they go together.");
    pairs_->AppendColumn("Pair", wxLIST_FORMAT_LEFT, 140);
    pairs_->AppendColumn("n12", wxLIST_FORMAT_RIGHT, 44);
    pairs_->AppendColumn("c", wxLIST_FORMAT_RIGHT, 56);
    split->SplitVertically(grid_, pairs_, -250);
    split->SetSashGravity(1.0);
    sizer->Add(split, 1, wxEXPAND | wxALL, 6);
    panel->SetSizer(sizer);
    by_->Bind(wxEVT_CHOICE,
              [this](wxCommandEvent&) { words_->Enable(by_->GetSelection() == kNear); });
    words_->Enable(false);
    bind_coders_button(
        this, coders, coders_label_, [this] { return workbench_->project(); }, coders_);
    show_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { show_table(); });
    SetSize(wxSize(980, 640));
    // The smallest size at which every row of controls still fits.
    SetMinSize(wxSize(760, 460));
    fit_to_display(this);
}

void CooccurrenceFrame::refresh_choices() {
    if (Project* project = workbench_->project()) {
        guarded(this, [&] { coders_label_->SetLabel(wx(coders_summary(*project, coders_))); });
    }
}

void CooccurrenceFrame::choose_by(By by, int words) {
    by_->SetSelection(by);
    words_->SetValue(words);
    words_->Enable(by == kNear);
}

void CooccurrenceFrame::choose_coders(std::vector<Id> coders) {
    coders_ = std::move(coders);
    refresh_choices();
}

void CooccurrenceFrame::show_table() {
    Project* project = workbench_->project();
    if (project == nullptr) {
        return;
    }
    query::CooccurRequest request;
    const char* const by_names[] = {"overlap", "paragraph", "turn", "document"};
    const int by = by_->GetSelection();
    if (by == kNear) {
        query::cooccurrence_by_from_string("near:" + std::to_string(words_->GetValue()), request);
    } else {
        query::cooccurrence_by_from_string(by_names[by], request);
    }
    request.options.coders = coders_;
    request.with_passages = true;
    status_->SetLabel(L"Counting…");
    show_->Enable(false);
    job_.start(
        [path = project->path(), request](const Progress& progress) {
            query::Cooccurrence table;
            with_engine(path, progress,
                        [&](query::Engine& engine, Project&) { table = engine.cooccur(request); });
            return table;
        },
        [this](query::Cooccurrence table) { show_result(std::move(table)); },
        [this](std::exception_ptr error) { show_failure(error); });
}

std::string CooccurrenceFrame::pair_tip(std::size_t i, std::size_t j) const {
    const std::string& a = table_.paths[i];
    const std::string& b = table_.paths[j];
    if (i == j) {
        return a + ": " + std::to_string(table_.passages[i]) + " passages";
    }
    std::string tip =
        std::to_string(table_.matrix[i][j]) + " passages of " + a + " co-occur with " + b;
    for (const query::CooccurPair& p : table_.pairs) {
        if ((p.a == i && p.b == j) || (p.a == j && p.b == i)) {
            tip += "\nco-occurring pairs (n12): " + std::to_string(p.n12) +
                   "\nc-coefficient: " + coefficient_text(p.c);
            if (p.distorted) {
                tip += " (a passage co-occurs with several of the other code's: c overstates)";
            }
        }
    }
    return tip;
}

void CooccurrenceFrame::show_result(query::Cooccurrence table) {
    show_->Enable(true);
    table_ = std::move(table);
    error_.clear();
    const std::size_t n = table_.paths.size();
    HeatTable heat;
    heat.rows = table_.paths;
    heat.cols = table_.paths;
    for (std::size_t i = 0; i < n; ++i) {
        heat.values.emplace_back();
        heat.labels.emplace_back();
        heat.tips.emplace_back();
        heat.passages.emplace_back();
        for (std::size_t j = 0; j < n; ++j) {
            // The diagonal holds each code's own passages: left light, so that the
            // co-occurrences set the shades.
            heat.values[i].push_back(i == j ? 0.0 : static_cast<double>(table_.matrix[i][j]));
            heat.labels[i].push_back(i == j ? "(" + std::to_string(table_.matrix[i][j]) + ")"
                                            : std::to_string(table_.matrix[i][j]));
            heat.tips[i].push_back(pair_tip(i, j));
            heat.passages[i].push_back(i < table_.drill.size() && j < table_.drill[i].size()
                                           ? table_.drill[i][j]
                                           : std::vector<query::Passage>{});
        }
    }
    // Codes read as a tree down the side and by their own names across the top.
    // Codes are numbered down the side and go by their numbers across the top, so that a
    // square table of many codes stays in view; a cell's tooltip names both.
    for (std::size_t i = 0; i < n; ++i) {
        heat.row_labels.push_back(std::to_string(i + 1) + "  " + tree_label(table_.paths[i]));
        heat.col_labels.push_back(std::to_string(i + 1));
    }
    heat.most_row_label_width = 260;
    grid_->show(std::move(heat));
    fill_pairs();
    status_->SetForegroundColour(GetForegroundColour());
    status_->SetLabel(wx(status_text()));
}

void CooccurrenceFrame::fill_pairs() {
    std::vector<query::CooccurPair> pairs = table_.pairs;
    std::stable_sort(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) {
        return x.c.value_or(-1) > y.c.value_or(-1);
    });
    pairs_->DeleteAllItems();
    long row = 0;
    for (const query::CooccurPair& p : pairs) {
        pairs_->InsertItem(
            row, wx(last_name(table_.paths[p.a]) + " \u2194 " + last_name(table_.paths[p.b])));
        pairs_->SetItem(row, 1, wxString::Format("%lld", static_cast<long long>(p.n12)));
        pairs_->SetItem(row, 2, wx(coefficient_text(p.c) + (p.distorted ? "*" : "")));
        ++row;
    }
}

void CooccurrenceFrame::show_failure(const std::exception_ptr& error) {
    error_ = show_run_failure(status_, show_, error);
}

std::string CooccurrenceFrame::status_text() const {
    if (!error_.empty()) {
        return error_;
    }
    return std::to_string(table_.paths.size()) + " codes, " + std::to_string(table_.pairs.size()) +
           " pairs co-occur. A cell counts the row code's passages that meet a column code's; "
           "hover for the c-coefficient.";
}

}  // namespace quire::gui
