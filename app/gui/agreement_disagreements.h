// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/panel.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/base/model.h"
#include "core/project/project.h"
#include "core/project_agreement/disagreements.h"
#include "core/project_agreement/run.h"

class wxButton;
class wxListCtrl;
class wxStaticText;

// The agreement window's Disagreements page: for a run of exactly two coders, the passages
// they coded differently, each shown side by side, and adopting either version into the
// consensus coder's layer. Project calls that fail are shown by guarded().
namespace quire::gui {

class TranscriptView;

class DisagreementsPage : public wxPanel {
public:
    struct Callbacks {
        std::function<void(const wxString& text)> status;    // for the window's status line
        std::function<void(const wxString& title)> counted;  // the page's tab title
        std::function<void()> adopted;                       // after a version was adopted
    };

    DisagreementsPage(wxWindow* parent, std::string consensus_coder, Callbacks callbacks);

    // Lists the disagreements of `run`, computed on `code_ids` and `document_ids` (empty:
    // all) of `project`, which must outlive the page; `codes` give the colours.
    void show_run(Project& project, const agreement::AgreementRun& run, std::vector<Id> code_ids,
                  std::vector<Id> document_ids, std::vector<Code> codes);
    // Adopts the first or second coder's version of a listed disagreement.
    bool adopt(int row, bool first);
    int rows() const;
    wxString text(int row, int col) const;

private:
    void refresh(std::optional<int> select);
    void show(int row);
    wxString status_of(const agreement::Disagreement& d) const;
    bool is_unresolved(const agreement::Disagreement& d) const;

    std::string consensus_coder_;
    Callbacks callbacks_;
    Project* project_ = nullptr;
    std::vector<std::string> raters_;
    bool pair_ = false;  // exactly two individual coders: disagreements are listed
    std::vector<Id> code_ids_;
    std::vector<Id> document_ids_;
    std::vector<Code> codes_;
    std::vector<agreement::Disagreement> disagreements_;
    // Adopting a version that codes nothing leaves no trace in the consensus layer, so
    // those decisions are remembered here: (document, code, start, end) -> coder.
    std::map<std::tuple<Id, Id, std::int64_t, std::int64_t>, std::string> adopted_empty_;

    wxStaticText* notice_ = nullptr;
    wxListCtrl* list_ = nullptr;
    wxStaticText* first_label_ = nullptr;
    wxStaticText* second_label_ = nullptr;
    TranscriptView* first_view_ = nullptr;
    TranscriptView* second_view_ = nullptr;
    wxButton* adopt_first_ = nullptr;
    wxButton* adopt_second_ = nullptr;
};

}  // namespace quire::gui
