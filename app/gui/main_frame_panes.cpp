// SPDX-License-Identifier: GPL-3.0-or-later
// MainFrame's panes: the welcome page, and the workbench's coding bar, documents and
// codebook, transcript with its find bar, and the codings, search and memo tabs.
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/dcmemory.h>
#include <wx/imaglist.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/treectrl.h>
#include <wx/utils.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include "app/gui/agreement_frame.h"
#include "app/gui/codebook_ui.h"
#include "app/gui/error_dialog.h"
#include "app/gui/find_bar.h"
#include "app/gui/journal_ui.h"
#include "app/gui/list_cells.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/memo_pane.h"
#include "app/gui/retrieved_segments.h"
#include "app/gui/search_panel.h"
#include "app/gui/transcript_view.h"
#include "app/gui/window_size.h"
#include "app/gui/workbench_settings.h"
#include "app/gui/wx_strings.h"
#include "core/base/errors.h"
#include "core/text/unicode.h"

namespace quire::gui {
namespace {

wxPanel* titled(wxWindow* parent, const wxString& title, wxWindow** content_parent) {
    auto* panel = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    // Bold before the text, so the label is measured in the font it is drawn in (measured
    // in the regular one, "Codings in this document" showed as "Codings in this").
    auto* label =
        new wxStaticText(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    label->SetFont(label->GetFont().Bold());
    label->SetLabel(title);
    label->SetToolTip(title);
    sizer->Add(label, 0, wxLEFT | wxRIGHT | wxTOP | wxBOTTOM | wxEXPAND, 6);
    panel->SetSizer(sizer);
    *content_parent = panel;
    return panel;
}

}  // namespace

void MainFrame::build_panes() {
    pages_ = new wxSimplebook(this);
    pages_->AddPage(build_welcome_page(), "welcome");
    pages_->AddPage(build_workbench_page(), "workbench");
    bind_pane_events();
}

wxPanel* MainFrame::build_welcome_page() {
    welcome_ = new wxPanel(pages_);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(welcome_, wxID_ANY, "Quire");
    title->SetFont(wxFontInfo(28).Bold());
    auto* subtitle = new wxStaticText(welcome_, wxID_ANY,
                                      "Code interview transcripts, compare coders, query themes.");
    auto* open_demo = new wxButton(welcome_, kOpenDemo, "Open the demo project");
    auto* create = new wxButton(welcome_, wxID_NEW, L"New project…");
    auto* open = new wxButton(welcome_, wxID_OPEN, L"Open project…");
    sizer->AddStretchSpacer(2);
    sizer->Add(title, 0, wxALIGN_CENTER | wxBOTTOM, 8);
    sizer->Add(subtitle, 0, wxALIGN_CENTER | wxBOTTOM, 24);
    for (wxButton* b : {open_demo, create, open}) {
        b->SetMinSize(wxSize(260, -1));
        sizer->Add(b, 0, wxALIGN_CENTER | wxBOTTOM, 8);
    }
    sizer->AddStretchSpacer(3);
    welcome_->SetSizer(sizer);
    open_demo->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_open_demo(); });
    create->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_new_project(); });
    open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_open_project(); });
    return welcome_;
}

// A side pane's width: a share of the window's, within bounds, so that on a small screen
// the transcript between the panes keeps the most room.
int MainFrame::pane_width(double share, int least, int most) const {
    const int width = static_cast<int>(GetClientSize().GetWidth() * share);
    return std::clamp(width, least, most);
}

// A coding bar over three panes.
wxPanel* MainFrame::build_workbench_page() {
    auto* page = new wxPanel(pages_);
    auto* page_sizer = new wxBoxSizer(wxVERTICAL);
    page_sizer->Add(build_coding_bar(page), 0, wxALL, 6);
    workbench_ = new wxSplitterWindow(page, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                      wxSP_LIVE_UPDATE | wxSP_3DSASH);
    wxWindow* left = build_left_panes(workbench_);
    wxWindow* right = build_right_panes(workbench_);
    // The panes as the coder last left them, within what this window allows.
    const int most = std::max(160, GetClientSize().GetWidth() / 3);
    workbench_->SplitVertically(
        left, right,
        std::clamp(settings_->number("left_width", pane_width(0.22, 200, 330)), 160, most));
    workbench_->SetMinimumPaneSize(160);
    page_sizer->Add(workbench_, 1, wxEXPAND);
    page->SetSizer(page_sizer);
    return page;
}

wxSizer* MainFrame::build_coding_bar(wxWindow* page) {
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    bar->Add(new wxStaticText(page, wxID_ANY, "Coder"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    coder_ = new wxComboBox(page, wxID_ANY, "", wxDefaultPosition, wxSize(160, -1));
    bar->Add(coder_, 0, wxRIGHT, 18);
    bar->Add(new wxStaticText(page, wxID_ANY, "Code selection as"), 0,
             wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    quick_pick_ = new wxComboBox(page, wxID_ANY, "", wxDefaultPosition, wxSize(340, -1), 0, nullptr,
                                 wxTE_PROCESS_ENTER);
    quick_pick_->SetHint("type a code name and press Enter");
    quick_pick_->SetName("quick code");
    bar->Add(quick_pick_, 0, wxRIGHT, 6);
    auto* apply = new wxButton(page, wxID_ANY, "Apply");
    bar->Add(apply, 0);
    apply->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_quick_pick(); });
    return bar;
}

// Documents over the codebook.
wxWindow* MainFrame::build_left_panes(wxWindow* parent) {
    auto* left = new wxSplitterWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                      wxSP_LIVE_UPDATE | wxSP_3DSASH);
    wxWindow* holder = nullptr;
    wxPanel* docs_panel = titled(left, "Documents", &holder);
    group_chooser_ = new wxChoice(holder, wxID_ANY);
    group_chooser_->SetName("document group");
    docs_panel->GetSizer()->Add(group_chooser_, 0, wxEXPAND | wxBOTTOM, 4);
    documents_ = new wxListBox(holder, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr,
                               wxLB_EXTENDED);
    documents_->SetName("documents");
    documents_->SetName("documents");
    docs_panel->GetSizer()->Add(documents_, 1, wxEXPAND);
    wxPanel* codes_panel = titled(left, "Codebook", &holder);
    codebook_ = new wxTreeCtrl(holder, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                               wxTR_HAS_BUTTONS | wxTR_HIDE_ROOT | wxTR_LINES_AT_ROOT |
                                   wxTR_SINGLE | wxTR_FULL_ROW_HIGHLIGHT | wxTR_NO_LINES);
    codebook_->SetName("codebook");
    codes_panel->GetSizer()->Add(codebook_, 1, wxEXPAND);
    left->SplitHorizontally(docs_panel, codes_panel,
                            std::clamp(settings_->number("documents_height", 280), 80, 600));
    left_split_ = left;
    left->SetMinimumPaneSize(80);
    return left;
}

// The transcript beside the codings of the document and the search.
wxWindow* MainFrame::build_right_panes(wxWindow* parent) {
    wxWindow* holder = nullptr;
    auto* right = new wxSplitterWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                       wxSP_LIVE_UPDATE | wxSP_3DSASH);
    // The transcript with its coding stripes, over its find bar, shown when asked for.
    auto* reading = new wxPanel(right);
    auto* reading_sizer = new wxBoxSizer(wxVERTICAL);
    wxWindow* transcript_area = build_transcript_area(reading);
    find_bar_ = new FindBar(reading, transcript_);
    reading_sizer->Add(transcript_area, 1, wxEXPAND);
    reading_sizer->Add(find_bar_, 0, wxEXPAND | wxALL, 4);
    find_bar_->Hide();
    reading->SetSizer(reading_sizer);
    side_ = new wxNotebook(right, wxID_ANY);
    side_->SetName("side panes");
    wxPanel* codings_panel = titled(side_, "Codings in this document", &holder);
    codings_ = new CellList(
        holder, wxLC_REPORT | wxLC_SINGLE_SEL,
        [this](long row, long column) { return coding_cell(row, column); },
        [this](long row) { return coding_swatch(row); });
    codings_->SetName("codings");  // for tests and accessibility tools
    codings_->AppendColumn("Code", wxLIST_FORMAT_LEFT, 150);
    codings_->AppendColumn("Coder", wxLIST_FORMAT_LEFT, 64);
    codings_->AppendColumn("Text", wxLIST_FORMAT_LEFT, 200);
    // The columns share the pane's width, so none is clipped past the pane's edge; what a
    // column cuts, the row's tooltip says in full.
    codings_->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        const int width = codings_->GetClientSize().GetWidth();
        const int code = std::max(110, width * 42 / 100);
        const int coder = 64;
        codings_->SetColumnWidth(0, code);
        codings_->SetColumnWidth(1, coder);
        codings_->SetColumnWidth(2, std::max(80, width - code - coder));
    });
    codings_->Bind(wxEVT_MOTION, [this](wxMouseEvent& e) {
        e.Skip();
        int flags = 0;
        const long row = codings_->HitTest(e.GetPosition(), flags);
        const wxString tip = row < 0 ? wxString()
                                     : wx(coding_cell(row, 0) + " \u2014 " + coding_cell(row, 1) +
                                          "\n" + coding_cell(row, 2));
        if (codings_->GetToolTipText() != tip) {
            codings_->SetToolTip(tip);
        }
    });
    codings_panel->GetSizer()->Add(codings_, 1, wxEXPAND);
    side_->AddPage(codings_panel, "Codings");
    SearchPanel::Callbacks callbacks;
    callbacks.open_hit = [this](const search::Hit& chosen, const std::vector<search::Hit>& all) {
        open_hit(chosen, all);
    };
    callbacks.code_hits = [this](const std::vector<search::Hit>& hits, Id code,
                                 search::Spread spread) { code_hits(hits, code, spread); };
    search_ = new SearchPanel(side_, callbacks);
    side_->AddPage(search_, "Search");
    RetrievedSegmentsPanel::Callbacks retrieval;
    retrieval.open = [this](const Coding& coding) { open_coding(coding); };
    retrieved_ = new RetrievedSegmentsPanel(side_, retrieval);
    side_->AddPage(retrieved_, "Retrieved");
    side_->AddPage(build_memo_pane(side_), "Memo");
    const int most = std::max(200, GetClientSize().GetWidth() * 2 / 5);
    right->SplitVertically(
        reading, side_,
        -std::clamp(settings_->number("side_width", pane_width(0.30, 365, 460)), 200, most));
    right_split_ = right;
    right->SetSashGravity(1.0);
    right->SetMinimumPaneSize(120);
    return right;
}

}  // namespace quire::gui
