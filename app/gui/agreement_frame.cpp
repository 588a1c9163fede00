// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/agreement_frame.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dcclient.h>
#include <wx/gauge.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>

#include <algorithm>
#include <exception>
#include <filesystem>

#include "app/gui/agreement_chart.h"
#include "app/gui/agreement_choices.h"
#include "app/gui/agreement_disagreements.h"
#include "app/gui/agreement_export_ui.h"
#include "app/gui/error_dialog.h"
#include "app/gui/window_size.h"
#include "app/gui/wx_strings.h"
#include "core/agreement/coefficient_table.h"
#include "core/agreement/units.h"
#include "core/base/errors.h"

namespace quire::gui {

using agreement::AgreementRun;
using agreement::Coefficient;
using agreement::UnitKind;

namespace {

const char* const kConsensus = "Consensus";

wxString coefficient_text(const Coefficient& c, agreement::CoefficientFormat format) {
    return wx(agreement::format_coefficient(c, format));
}

// The code grid's columns: every per-code coefficient, as the reports list them.
const std::vector<agreement::CoefficientColumn>& code_columns() {
    static const std::vector<agreement::CoefficientColumn> columns =
        agreement::coefficients_of(agreement::CoefficientScope::Code);
    return columns;
}

wxString count_text(std::int64_t n) {
    return wxString::Format("%lld", static_cast<long long>(n));
}

}  // namespace

AgreementFrame::AgreementFrame(wxWindow* parent, const std::string& project_path)
    : wxFrame(parent, wxID_ANY, L"Coder agreement", wxDefaultPosition, wxSize(1360, 860)) {
    SetMinSize(wxSize(1000, 640));
    // Over the workbench, not past it: never larger than the window it comes from.
    if (parent != nullptr) {
        const wxSize beside = parent->GetSize();
        SetSize(wxSize(std::min(1360, std::max(1000, beside.x - 40)),
                       std::min(860, std::max(640, beside.y - 40))));
    }
    fit_to_display(this);
    // Escape and Ctrl+W close it, as they close other secondary windows.
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        const bool escape = e.GetKeyCode() == WXK_ESCAPE && e.GetModifiers() == wxMOD_NONE;
        const bool ctrl_w = e.GetKeyCode() == 'W' && e.GetModifiers() == wxMOD_CONTROL;
        if (escape || ctrl_w) {
            Close();
            return;
        }
        e.Skip();
    });
    CreateStatusBar(1);
    guarded(this, [&] { project_.emplace(Project::open(project_path)); });

    auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                          wxSP_LIVE_UPDATE | wxSP_3DSASH);
    auto* left = new wxPanel(splitter);
    auto* right = new wxPanel(splitter);
    build_controls(left);
    build_results(right);
    splitter->SplitVertically(left, right, 330);
    splitter->SetMinimumPaneSize(240);

    if (project_) {
        SetTitle(L"Coder agreement \u2014 " + wx(project_name()));
        guarded(this, [&] { choices_->load(*project_); });
    } else {
        compute_button_->Disable();
        SetTitle(L"Coder agreement");
    }
    set_busy(false);
}

AgreementFrame::~AgreementFrame() = default;

// --- layout ---

void AgreementFrame::build_controls(wxWindow* parent) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    constexpr int gap = 8;
    choices_ = new AgreementChoices(parent, kConsensus,
                                    [this](const wxString& text) { SetStatusText(text); });
    choices_->on_unit_chosen = [this] {
        if (run_) {
            compute();
        }
    };
    sizer->Add(choices_, 1, wxEXPAND);

    compute_button_ = new wxButton(parent, wxID_ANY, "Compute");
    compute_button_->SetDefault();
    sizer->Add(compute_button_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

    auto* progress_row = new wxBoxSizer(wxHORIZONTAL);
    gauge_ = new wxGauge(parent, wxID_ANY, 100, wxDefaultPosition, wxSize(-1, 16),
                         wxGA_HORIZONTAL | wxGA_SMOOTH);
    progress_row->Add(gauge_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    cancel_button_ = new wxButton(parent, wxID_CANCEL, "Cancel");
    progress_row->Add(cancel_button_, 0);
    sizer->Add(progress_row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
    progress_label_ = new wxStaticText(parent, wxID_ANY, "");
    progress_label_->SetForegroundColour(undefined_text_colour());
    sizer->Add(progress_label_, 0, wxEXPAND | wxALL, gap);
    parent->SetSizer(sizer);

    compute_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { compute(); });
    cancel_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_cancel(); });
    // A closed window takes no more results: the frame lives on until idle time, and an
    // outcome arriving meanwhile would show a dialog over a window that is gone.
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
        job_.abandon();
        event.Skip();
    });
}

void AgreementFrame::build_results(wxWindow* parent) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    notebook_ = new wxNotebook(parent, wxID_ANY);
    notebook_->AddPage(build_by_code_page(notebook_), "By code");
    notebook_->AddPage(build_by_document_page(notebook_), "By document");
    DisagreementsPage::Callbacks callbacks;
    callbacks.status = [this](const wxString& text) { SetStatusText(text); };
    callbacks.counted = [this](const wxString& title) { notebook_->SetPageText(2, title); };
    callbacks.adopted = [this] {
        if (!choices_->has_coder(kConsensus)) {
            guarded(this, [&] { choices_->reload_coders(*project_); });  // the coder is new
        }
    };
    disagreements_ = new DisagreementsPage(notebook_, kConsensus, std::move(callbacks));
    notebook_->AddPage(disagreements_, "Disagreements");
    sizer->Add(notebook_, 1, wxEXPAND | wxTOP | wxRIGHT, 6);

    auto* exports = new wxBoxSizer(wxHORIZONTAL);
    exports->AddStretchSpacer();
    exports->Add(new wxStaticText(parent, wxID_ANY, "Export"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
                 8);
    export_csv_ = new wxButton(parent, wxID_ANY, L"CSV\u2026");
    export_xlsx_ = new wxButton(parent, wxID_ANY, L"XLSX\u2026");
    export_html_ = new wxButton(parent, wxID_ANY, L"HTML report\u2026");
    for (wxButton* b : {export_csv_, export_xlsx_, export_html_}) {
        exports->Add(b, 0, wxLEFT, 4);
        b->Disable();
    }
    sizer->Add(exports, 0, wxEXPAND | wxALL, 6);
    parent->SetSizer(sizer);

    export_csv_->Bind(wxEVT_BUTTON,
                      [this](wxCommandEvent&) { export_report(agreement::ReportFormat::Csv); });
    export_xlsx_->Bind(wxEVT_BUTTON,
                       [this](wxCommandEvent&) { export_report(agreement::ReportFormat::Xlsx); });
    export_html_->Bind(wxEVT_BUTTON,
                       [this](wxCommandEvent&) { export_report(agreement::ReportFormat::Html); });
}

wxWindow* AgreementFrame::build_by_code_page(wxWindow* parent) {
    auto* page = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    grid_ = new wxGrid(page, wxID_ANY);
    grid_->CreateGrid(0, static_cast<int>(code_columns().size()));
    grid_->EnableEditing(false);
    grid_->DisableDragRowSize();
    grid_->SetDefaultCellAlignment(wxALIGN_RIGHT, wxALIGN_CENTRE);
    grid_->SetRowLabelAlignment(wxALIGN_LEFT, wxALIGN_CENTRE);
    grid_->SetDefaultRowSize(20, true);
    grid_->SetCellHighlightColour(wxColour(0x4A, 0x90, 0xD9));
    grid_->SetColLabelSize(26);
    grid_->SetRowLabelSize(260);
    grid_->SetLabelFont(grid_->GetDefaultCellFont());  // long code names read better unbolded
    for (std::size_t c = 0; c < code_columns().size(); ++c) {
        grid_->SetColLabelValue(static_cast<int>(c), wx(code_columns()[c].label));
        grid_->SetColSize(static_cast<int>(c), 104);
    }
    // Sized to its rows (see fill_code_grid); the chart takes the rest.
    sizer->Add(grid_, 0, wxEXPAND | wxALL, 6);
    summary_ = new wxStaticText(page, wxID_ANY, "");
    sizer->Add(summary_, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    summary_notes_ = new wxStaticText(page, wxID_ANY, "");
    summary_notes_->SetForegroundColour(undefined_text_colour());
    summary_notes_->SetFont(summary_notes_->GetFont().Smaller());
    sizer->Add(summary_notes_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 8);
    chart_ = new KappaChart(page);
    sizer->Add(chart_, 1, wxEXPAND | wxALL, 6);
    page->SetSizer(sizer);

    grid_->Bind(wxEVT_GRID_SELECT_CELL, &AgreementFrame::on_grid_cell_selected, this);
    grid_->GetGridWindow()->Bind(wxEVT_MOTION, &AgreementFrame::on_grid_motion, this);
    page->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        summary_->Wrap(std::max(200, e.GetSize().x - 20));
        summary_notes_->Wrap(std::max(200, e.GetSize().x - 20));
    });
    return page;
}

wxWindow* AgreementFrame::build_by_document_page(wxWindow* parent) {
    auto* page = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(page, wxID_ANY, "Code"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    document_code_ = new wxChoice(page, wxID_ANY);
    row->Add(document_code_, 1);
    sizer->Add(row, 0, wxEXPAND | wxALL, 6);
    by_document_ = new wxListCtrl(page, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                  wxLC_REPORT | wxLC_SINGLE_SEL);
    sizer->Add(by_document_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 6);
    page->SetSizer(sizer);
    document_code_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { fill_document_list(); });
    return page;
}

// --- choices ---

std::string AgreementFrame::project_name() {
    if (!project_) {
        return {};
    }
    std::string name;
    guarded(this, [&] { name = project_->info().name; });
    if (name.empty()) {
        name = std::filesystem::path(project_->path()).stem().string();
    }
    return name;
}

void AgreementFrame::load_code_maps() {
    code_by_path_.clear();
    for (const Code& c : codes_) {
        code_by_path_[project_->code_path(c.id)] = c;
    }
    code_depth_ = code_depths(codes_);
}

// --- computing ---

bool AgreementFrame::compute() {
    if (!project_) {
        return false;
    }
    agreement::AgreementRequest request;
    std::vector<Id> code_ids;
    std::vector<Id> document_ids;
    // Reading code paths may fail when another program changed the codebook meanwhile.
    bool built = false;
    guarded(this,
            [&] { built = choices_->build_request(*project_, request, code_ids, document_ids); });
    if (!built) {
        return false;
    }
    // A Compute while another runs makes that one stale: only the newest result is shown.
    job_.start(
        [request, path = project_->path()](const Progress& progress) {
            Project project = Project::open(path);  // the worker's own connection
            return agreement::run_agreement(project, request, true, progress);
        },
        [this, code_ids, document_ids](AgreementRun run) {
            show_result(std::move(run), code_ids, document_ids);
        },
        [this](std::exception_ptr error) { show_failure(error); },
        [this](std::size_t done, std::size_t total) { show_progress(done, total); });
    set_busy(true);
    SetStatusText(L"Computing agreement\u2026");
    return true;
}

void AgreementFrame::compute_blocking() {
    if (compute()) {
        wait_for_result();
    }
}

void AgreementFrame::wait_for_result() {
    job_.wait();
}

void AgreementFrame::set_busy(bool busy) {
    cancel_button_->Enable(busy);
    gauge_->SetValue(0);
    progress_label_->SetLabel(busy ? L"Starting\u2026" : L"");
}

void AgreementFrame::show_progress(std::size_t done, std::size_t total) {
    if (total == 0 || done < total) {
        gauge_->SetRange(static_cast<int>(std::max<std::size_t>(total, 1)));
        gauge_->SetValue(static_cast<int>(done));
        progress_label_->SetLabel(wxString::Format(
            L"Reading and comparing documents\u2026 %llu of %llu",
            static_cast<unsigned long long>(done), static_cast<unsigned long long>(total)));
    } else {
        gauge_->Pulse();  // pooling: no finer progress from core
        progress_label_->SetLabel(L"Pooling and unitized figures\u2026");
    }
}

void AgreementFrame::on_cancel() {
    if (!busy()) {
        return;
    }
    // Abandoned rather than waited for: pooling cannot be interrupted, and the window
    // should be ready again at once.
    job_.abandon();
    set_busy(false);
    SetStatusText("Cancelled.");
}

void AgreementFrame::show_failure(const std::exception_ptr& error) {
    set_busy(false);
    try {
        std::rethrow_exception(error);
    } catch (const Cancelled&) {
        SetStatusText("Cancelled.");
    } catch (...) {
        SetStatusText("The comparison failed.");
        guarded(this, [&] { std::rethrow_exception(error); });
    }
}

void AgreementFrame::show_result(AgreementRun run, std::vector<Id> code_ids,
                                 std::vector<Id> document_ids) {
    set_busy(false);
    run_ = std::move(run);
    run_code_ids_ = std::move(code_ids);
    run_document_ids_ = std::move(document_ids);
    show_run();
}

// --- results ---

void AgreementFrame::show_run() {
    guarded(this, [&] {
        codes_ = project_->codes();  // names and colours may have changed in the workbench
        load_code_maps();
    });
    fill_code_grid();
    fill_summary();

    document_code_->Clear();
    for (const auto& c : run_->result.codes) {
        document_code_->Append(wx(c.code));
    }
    if (!run_->result.codes.empty()) {
        document_code_->SetSelection(0);
    }
    fill_document_list();

    disagreements_->show_run(*project_, *run_, run_code_ids_, run_document_ids_, codes_);

    for (wxButton* b : {export_csv_, export_xlsx_, export_html_}) {
        b->Enable();
    }
    const auto joined = [](const std::vector<std::string>& names) {
        wxString out;
        for (const std::string& n : names) {
            out += (out.IsEmpty() ? "" : ", ") + wx(n);
        }
        return out;
    };
    const wxString coders = run_->groups.size() == 2
                                ? "group 1 (" + joined(run_->groups[0]) + ") vs group 2 (" +
                                      joined(run_->groups[1]) + ")"
                                : joined(run_->raters);
    SetStatusText(wxString::Format(L"%s \u00B7 %llu codes \u00B7 %llu documents \u00B7 unit: %s",
                                   coders, static_cast<unsigned long long>(run_->codes.size()),
                                   static_cast<unsigned long long>(run_->documents.size()),
                                   to_string(run_->request.unit)) +
                  (run_->id != 0 ? wxString::Format(L" \u00B7 stored as run %lld",
                                                    static_cast<long long>(run_->id))
                                 : wxString()));
}

void AgreementFrame::fill_code_grid() {
    const auto& codes = run_->result.codes;
    grid_->BeginBatch();
    if (grid_->GetNumberRows() > 0) {
        grid_->DeleteRows(0, grid_->GetNumberRows());
    }
    grid_->AppendRows(static_cast<int>(codes.size()));
    cell_notes_.assign(codes.size(), std::vector<std::string>(code_columns().size()));
    wxClientDC dc(grid_);
    dc.SetFont(grid_->GetLabelFont());
    int label_width = 120;
    std::vector<KappaChart::Bar> bars;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const agreement::CodeAgreement& c = codes[i];
        const int row = static_cast<int>(i);
        const auto known = code_by_path_.find(c.code);
        const int depth = known != code_by_path_.end() ? code_depth_[known->second.id] : 0;
        const wxString name = wx(known != code_by_path_.end() ? known->second.name : c.code);
        const wxString label = wxString(' ', 4 * depth) + name;
        grid_->SetRowLabelValue(row, label);
        label_width = std::max(label_width, dc.GetTextExtent(label).x);
        bars.push_back({name, depth, c.kappa.value});

        for (int col = 0; col < grid_->GetNumberCols(); ++col) {
            const agreement::CoefficientColumn& column =
                code_columns()[static_cast<std::size_t>(col)];
            const Coefficient& v = agreement::figure(column, c);
            const bool percent = column.format == agreement::CoefficientFormat::Percent;
            grid_->SetCellValue(row, col, coefficient_text(v, column.format));
            cell_notes_[i][static_cast<std::size_t>(col)] = v.note;
            if (!v.value) {
                grid_->SetCellTextColour(row, col, undefined_text_colour());
                grid_->SetCellBackgroundColour(row, col, undefined_background_colour());
                grid_->SetCellAlignment(row, col, wxALIGN_CENTRE, wxALIGN_CENTRE);
            } else {
                grid_->SetCellTextColour(row, col, *wxBLACK);
                grid_->SetCellBackgroundColour(row, col,
                                               percent ? *wxWHITE : grade_colour(*v.value));
                grid_->SetCellAlignment(row, col, wxALIGN_RIGHT, wxALIGN_CENTRE);
            }
        }
    }
    grid_->SetRowLabelSize(std::min(label_width + 20, 400));
    for (int col = 0; col < grid_->GetNumberCols(); ++col) {
        grid_->SetColSize(col, std::max(88, dc.GetTextExtent(grid_->GetColLabelValue(col)).x + 20));
    }
    grid_->EndBatch();
    // Show every row when that leaves room for the chart; scroll otherwise.
    const int rows_height =
        grid_->GetColLabelSize() + grid_->GetNumberRows() * grid_->GetDefaultRowSize() + 4;
    grid_->SetMinSize(wxSize(-1, std::min(rows_height, 440)));
    grid_->GetParent()->Layout();
    grid_->ForceRefresh();
    chart_->set_bars(std::move(bars));
}

void AgreementFrame::fill_summary() {
    const agreement::OverallAgreement& o = run_->result.overall;
    wxString text = L"Overall:  ";
    // Notes grouped by reason: core prefixes each with the measure's name ("u\u03B1
    // undefined: ..."), which the grouping replaces by the list of measures it applies to.
    std::vector<std::pair<std::string, wxString>> reasons;
    const std::vector<agreement::CoefficientColumn> measures =
        agreement::coefficients_of(agreement::CoefficientScope::Overall);
    for (const agreement::CoefficientColumn& m : measures) {
        const Coefficient& value = agreement::figure(m, o);
        const wxString name = wx(m.label);
        if (&m != &measures[0]) {
            text += L"  \u00B7  ";
        }
        text += name + " " + coefficient_text(value, m.format);
        std::string why = value.note;
        if (why.empty()) {
            continue;
        }
        const std::string marker = "undefined: ";
        const auto at = why.find(marker);
        if (at != std::string::npos && at < 24) {
            why = why.substr(at + marker.size());
        }
        const auto same = std::find_if(reasons.begin(), reasons.end(),
                                       [&](const auto& r) { return r.first == why; });
        if (same == reasons.end()) {
            reasons.emplace_back(why, name);
        } else {
            same->second += wxString(", ") + name;
        }
    }
    summary_->SetLabel(text);
    wxString note_text;
    for (const auto& [why, names] : reasons) {
        note_text += (note_text.IsEmpty() ? L"" : L"\n") + names + ": " + wx(why);
    }
    for (const std::string& note : run_->result.notes) {
        note_text += (note_text.IsEmpty() ? L"" : L"\n") + wx(note);
    }
    summary_notes_->SetLabel(note_text);
    summary_notes_->Show(!note_text.IsEmpty());
    const int wrap = std::max(200, summary_->GetParent()->GetClientSize().x - 20);
    summary_->Wrap(wrap);
    summary_notes_->Wrap(wrap);
    summary_->GetParent()->Layout();
}

void AgreementFrame::fill_document_list() {
    by_document_->ClearAll();
    const int index = document_code_->GetSelection();
    if (!run_ || index < 0 || static_cast<std::size_t>(index) >= run_->result.codes.size()) {
        return;
    }
    const agreement::CodeAgreement& c = run_->result.codes[static_cast<std::size_t>(index)];
    const bool segments = run_->request.unit == UnitKind::Segment;
    by_document_->AppendColumn("Document", wxLIST_FORMAT_LEFT, 250);
    by_document_->AppendColumn(segments ? "Segments" : "Units", wxLIST_FORMAT_RIGHT, 80);
    by_document_->AppendColumn("Both", wxLIST_FORMAT_RIGHT, 70);
    by_document_->AppendColumn("Neither", wxLIST_FORMAT_RIGHT, 80);
    for (const std::string& r : run_->raters) {
        by_document_->AppendColumn("Only " + wx(r), wxLIST_FORMAT_RIGHT, 96);
    }
    by_document_->AppendColumn("Agreement %", wxLIST_FORMAT_RIGHT, 100);
    by_document_->AppendColumn("Kappa", wxLIST_FORMAT_RIGHT, 80);

    const auto add_row = [&](const wxString& name, std::int64_t units, std::int64_t both,
                             std::optional<std::int64_t> neither,
                             const std::vector<std::int64_t>& only, const Coefficient& percent,
                             const Coefficient& kappa) {
        const long row = by_document_->InsertItem(by_document_->GetItemCount(), name);
        int col = 1;
        by_document_->SetItem(row, col++, count_text(units));
        by_document_->SetItem(row, col++, count_text(both));
        by_document_->SetItem(row, col++, neither ? count_text(*neither) : wxString(L"\u2014"));
        for (std::size_t r = 0; r < run_->raters.size(); ++r) {
            by_document_->SetItem(row, col++, r < only.size() ? count_text(only[r]) : "");
        }
        by_document_->SetItem(row, col++,
                              coefficient_text(percent, agreement::CoefficientFormat::Percent));
        by_document_->SetItem(row, col++,
                              coefficient_text(kappa, agreement::CoefficientFormat::Ratio));
        return row;
    };
    std::int64_t units = 0, both = 0, neither = 0;
    std::vector<std::int64_t> only(run_->raters.size(), 0);
    for (const agreement::DocumentAgreement& d : c.documents) {
        add_row(wx(d.document), d.units, d.both,
                segments ? std::nullopt : std::optional<std::int64_t>(d.neither), d.only,
                d.percent_agreement, d.kappa);
        units += d.units;
        both += d.both;
        neither += d.neither;
        for (std::size_t r = 0; r < only.size() && r < d.only.size(); ++r) {
            only[r] += d.only[r];
        }
    }
    const long total = add_row("All documents (pooled)", units, both,
                               segments ? std::nullopt : std::optional<std::int64_t>(neither), only,
                               c.percent_agreement, c.kappa);
    wxFont bold = by_document_->GetFont().Bold();
    by_document_->SetItemFont(total, bold);
    by_document_->SetItemBackgroundColour(total, wxColour(0xF2, 0xF2, 0xF2));
}

void AgreementFrame::on_grid_cell_selected(wxGridEvent& event) {
    event.Skip();
    const int row = event.GetRow();
    const int col = event.GetCol();
    if (!run_ || row < 0 || static_cast<std::size_t>(row) >= cell_notes_.size() || col < 0 ||
        col >= 6) {
        return;
    }
    const auto& code = run_->result.codes[static_cast<std::size_t>(row)];
    const std::string& note =
        cell_notes_[static_cast<std::size_t>(row)][static_cast<std::size_t>(col)];
    SetStatusText(wx(code.code) + L" \u00B7 " + grid_->GetColLabelValue(col) + ": " +
                  grid_->GetCellValue(row, col) +
                  (note.empty() ? wxString() : " (" + wx(note) + ")"));
    if (document_code_->GetSelection() != row) {
        document_code_->SetSelection(row);
        fill_document_list();
    }
}

void AgreementFrame::on_grid_motion(wxMouseEvent& event) {
    event.Skip();
    const wxPoint p = grid_->CalcUnscrolledPosition(event.GetPosition());
    const int row = grid_->YToRow(p.y);
    const int col = grid_->XToCol(p.x);
    if (wxPoint(row, col) == tooltip_cell_) {
        return;
    }
    tooltip_cell_ = wxPoint(row, col);
    std::string note;
    if (row >= 0 && col >= 0 && static_cast<std::size_t>(row) < cell_notes_.size() &&
        col < grid_->GetNumberCols()) {
        note = cell_notes_[static_cast<std::size_t>(row)][static_cast<std::size_t>(col)];
    }
    if (note.empty()) {
        grid_->GetGridWindow()->UnsetToolTip();
    } else {
        grid_->GetGridWindow()->SetToolTip(wx(note));
    }
}

// --- test and menu access ---

int AgreementFrame::code_rows() const {
    return grid_->GetNumberRows();
}

wxString AgreementFrame::cell_text(int row, int col) const {
    if (row < 0 || row >= grid_->GetNumberRows() || col < 0 || col >= grid_->GetNumberCols()) {
        return {};
    }
    return grid_->GetCellValue(row, col);
}

int AgreementFrame::disagreement_rows() const {
    return disagreements_->rows();
}

wxString AgreementFrame::disagreement_text(int row, int col) const {
    return disagreements_->text(row, col);
}

bool AgreementFrame::adopt(int row, bool first) {
    return disagreements_->adopt(row, first);
}

// --- exports ---

void AgreementFrame::export_report(agreement::ReportFormat format) {
    if (run_) {
        export_agreement_report(
            this, *run_, format,
            format == agreement::ReportFormat::Html ? project_name() : std::string(),
            project_ ? project_->path() : std::string());
    }
}

void AgreementFrame::select_coders(const std::vector<std::string>& names) {
    choices_->select_coders(names);
}

void AgreementFrame::set_unit(const std::string& name) {
    if (choices_->set_unit(name) && run_) {
        compute();
    }
}

}  // namespace quire::gui
