// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/frame.h>

#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/agreement_export_ui.h"
#include "app/gui/background_job.h"
#include "core/base/model.h"
#include "core/project/project.h"
#include "core/project_agreement/run.h"

class wxButton;
class wxChoice;
class wxGauge;
class wxGrid;
class wxGridEvent;
class wxListCtrl;
class wxNotebook;
class wxPanel;
class wxStaticText;

namespace quire::gui {

class AgreementChoices;
class DisagreementsPage;
class KappaChart;

// Coder agreement for one project: choose coders (or two groups), codes, documents and the
// unit, compute on a worker thread, then read the results by code, by document and passage
// by passage, where disagreements can be resolved into the consensus layer.
//
// The frame opens its own Project on the file, and every computation opens another one on
// its worker thread: connections are never shared across threads or windows.
class AgreementFrame : public wxFrame {
public:
    AgreementFrame(wxWindow* parent, const std::string& project_path);
    ~AgreementFrame() override;  // cancels running computations and waits for them (job_)

    // Starts a computation with the current choices; false (with the reason in the status
    // line) when the choices cannot be compared.
    bool compute();
    // compute(), then handles events until its result is shown.
    void compute_blocking();
    // Handles events until no computation is pending.
    void wait_for_result();
    bool busy() const { return job_.running(); }

    // For the tests (and the menus): what the window shows and does.
    int code_rows() const;
    wxString cell_text(int row, int col) const;
    int disagreement_rows() const;
    wxString disagreement_text(int row, int col) const;
    // Adopts the first or second coder's version of a listed disagreement.
    bool adopt(int row, bool first);
    void select_coders(const std::vector<std::string>& names);
    // Like choosing the unit in the window: recomputes when results are shown.
    void set_unit(const std::string& name);
    const agreement::AgreementRun* shown_run() const { return run_ ? &*run_ : nullptr; }

private:
    void build_controls(wxWindow* parent);
    void build_results(wxWindow* parent);
    wxWindow* build_by_code_page(wxWindow* parent);
    wxWindow* build_by_document_page(wxWindow* parent);
    void load_code_maps();

    void show_progress(std::size_t done, std::size_t total);
    void on_cancel();
    void show_result(agreement::AgreementRun run, std::vector<Id> code_ids,
                     std::vector<Id> document_ids);
    void show_failure(const std::exception_ptr& error);
    void set_busy(bool busy);

    void show_run();
    void fill_code_grid();
    void fill_summary();
    void fill_document_list();
    void on_grid_cell_selected(wxGridEvent& event);
    void on_grid_motion(wxMouseEvent& event);

    void export_report(agreement::ReportFormat format);
    std::string project_name();

    std::optional<Project> project_;
    // The codes as they were when the shown result arrived (names and colours may change in
    // the workbench meanwhile).
    std::vector<Code> codes_;
    std::map<std::string, Code> code_by_path_;
    std::map<Id, int> code_depth_;

    // Cancelling stops a run while it reads and compares documents; the pooling at the end
    // cannot be interrupted, so closing the window waits for a run past reading.
    BackgroundJob<agreement::AgreementRun> job_;

    // The shown result and what it was computed on.
    std::optional<agreement::AgreementRun> run_;
    std::vector<Id> run_code_ids_;                      // empty: every code
    std::vector<Id> run_document_ids_;                  // empty: every document
    std::vector<std::vector<std::string>> cell_notes_;  // [row][col] of the code grid
    wxPoint tooltip_cell_{-1, -1};

    // Controls.
    AgreementChoices* choices_ = nullptr;
    wxButton* compute_button_ = nullptr;
    wxGauge* gauge_ = nullptr;
    wxStaticText* progress_label_ = nullptr;
    wxButton* cancel_button_ = nullptr;

    wxNotebook* notebook_ = nullptr;
    wxGrid* grid_ = nullptr;
    wxStaticText* summary_ = nullptr;
    wxStaticText* summary_notes_ = nullptr;
    KappaChart* chart_ = nullptr;
    wxChoice* document_code_ = nullptr;
    wxListCtrl* by_document_ = nullptr;
    DisagreementsPage* disagreements_ = nullptr;
    wxButton* export_csv_ = nullptr;
    wxButton* export_xlsx_ = nullptr;
    wxButton* export_html_ = nullptr;
};

}  // namespace quire::gui
