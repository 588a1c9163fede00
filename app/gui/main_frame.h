// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/frame.h>
#include <wx/weakref.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/model.h"
#include "core/project/project.h"
#include "core/util/workbench_claim.h"
#include "search/search.h"

class wxComboBox;
class wxListBox;
class wxListCtrl;
class wxTreeCtrl;
class wxTreeEvent;
class wxListEvent;
class wxPanel;
class wxSplitterWindow;
class wxTextCtrl;
class wxImageList;
class wxSimplebook;
class wxSizer;
class wxNotebook;

namespace quire::gui {

class AgreementFrame;
class CodingStripes;
class RetrievedSegmentsPanel;
class SearchPanel;
class TranscriptView;

// The workbench window: documents and codebook on the left, the transcript in the middle,
// the open document's codings on the right; a welcome page when no project is open.
// Every action is one Project call (one transaction), so the file on disk is always
// current: there is nothing to save.
class MainFrame : public wxFrame {
public:
    MainFrame();
    ~MainFrame() override;

    // Opens a project file; returns false (after showing why) when it cannot be opened.
    bool open_project(const std::string& path);
    void close_project();
    // Shows this window above the others (another `quire P` asked for it).
    void bring_forward();
    bool has_project() const { return project_.has_value(); }

    // Used by the menus and by the GUI tests.
    bool select_document(Id id);
    std::optional<Id> current_document() const { return current_document_; }
    void set_coder(const std::string& name);
    // Applies a code to the transcript's selection for the current coder.
    bool apply_code_to_selection(Id code_id);
    TranscriptView* transcript() const { return transcript_; }
    Project* project() { return project_ ? &*project_ : nullptr; }
    int coding_rows() const;
    // The codebook's label for a code as shown (name and counts); empty when not shown.
    std::string codebook_label(Id code_id) const;
    // Opens (or raises) the coder-agreement window for the open project; null without one.
    AgreementFrame* open_agreement();
    // Shows the search pane with the query box focused.
    SearchPanel* show_search();
    // Shows a hit's document with every hit of the search in it marked, the hit selected.
    void open_hit(const search::Hit& chosen, const std::vector<search::Hit>& in_document);
    // "Code all hits" from the search pane, as the current coder, in one transaction.
    void code_hits(const std::vector<search::Hit>& hits, Id code, search::Spread spread);
    // Removes the codings added by the last "Code all hits"; false when there is none.
    bool undo_code_hits();

    // Coding stripes and retrieved segments (main_frame_stripes.cpp).
    CodingStripes* stripes() const { return stripes_; }
    // Selects the coding's passage in the transcript and its row among the codings.
    void select_coding(Id coding);
    // Removes a coding (a stripe's "Uncode"); false when it failed (a dialog said why).
    bool uncode(Id coding);
    void open_coding_memo(Id coding);
    // Shows the Retrieved Segments tab.
    RetrievedSegmentsPanel* show_retrieved();
    // Opens the coding's document with its passage selected (a retrieved segment).
    void open_coding(const Coding& coding);

private:
    void build_menu();
    void on_menu(int id, std::function<void()> action);
    void bind_file_menu();
    void bind_edit_menu();
    void bind_codes_menu();
    void bind_analyse_menu();
    void bind_help_menu();
    void build_panes();
    wxPanel* build_welcome_page();
    int pane_width(double share, int least, int most) const;
    wxPanel* build_workbench_page();
    wxSizer* build_coding_bar(wxWindow* page);
    wxWindow* build_left_panes(wxWindow* parent);
    wxWindow* build_right_panes(wxWindow* parent);
    wxWindow* build_transcript_area(wxWindow* parent);
    void refresh_stripes(const std::vector<Segment>& segments);
    void refresh_retrieval_choices();
    void bind_pane_events();
    void show_welcome();
    void refresh_title();
    void refresh_documents();
    void refresh_codebook();
    void refresh_codings();
    void refresh_quick_pick();
    std::optional<Id> selected_code() const;
    std::string coder_name() const;

    void on_new_project();
    void on_open_project();
    void on_open_demo();
    void on_import();
    void on_import_refi();
    void on_new_code(bool as_child);
    void on_rename_code();
    void on_recolour_code();
    void on_edit_code();
    void on_move_code();
    void on_merge_code();
    void on_delete_code();
    void on_delete_document();
    void on_remove_coding();
    void on_quick_pick();
    void on_code_activated(wxTreeEvent& event);
    void on_code_menu(wxTreeEvent& event);
    void on_coding_selected(wxListEvent& event);
    void on_selection_changed();

    std::optional<Project> project_;
    std::unique_ptr<util::WorkbenchClaim> claim_;  // this window's hold on project_
    std::optional<Id> current_document_;
    std::int64_t seen_changes_elsewhere_ = 0;  // Project::changes_elsewhere() when last shown
    std::vector<Coding> shown_codings_;

    wxSimplebook* pages_ = nullptr;
    wxPanel* welcome_ = nullptr;
    wxSplitterWindow* workbench_ = nullptr;
    wxListBox* documents_ = nullptr;
    std::vector<Id> document_ids_;
    wxTreeCtrl* codebook_ = nullptr;
    std::unique_ptr<wxImageList> swatches_;
    std::map<Id, int> swatch_index_;  // code id -> image in swatches_
    TranscriptView* transcript_ = nullptr;
    wxListCtrl* codings_ = nullptr;
    wxNotebook* side_ = nullptr;  // codings of the document | search
    SearchPanel* search_ = nullptr;
    CodingStripes* stripes_ = nullptr;
    RetrievedSegmentsPanel* retrieved_ = nullptr;
    std::vector<Id> last_code_hits_;  // for Edit > Undo Code All Hits
    wxComboBox* coder_ = nullptr;
    wxComboBox* quick_pick_ = nullptr;
    wxWeakRef<AgreementFrame> agreement_;
};

}  // namespace quire::gui
