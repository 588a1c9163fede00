// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/frame.h>
#include <wx/treebase.h>
#include <wx/weakref.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/base/model.h"
#include "core/project/project.h"
#include "core/query/query.h"
#include "core/util/workbench_claim.h"
#include "search/search.h"

class wxChoice;
class wxComboBox;
class wxListBox;
class wxListCtrl;
class wxTreeCtrl;
class wxTreeEvent;
class wxListEvent;
class wxMenu;
class wxContextMenuEvent;
class wxPanel;
class wxSplitterWindow;
class wxTextCtrl;
class wxImageList;
class wxSimplebook;
class wxSizer;
class wxNotebook;

namespace quire::team {
struct MergeOptions;
}

namespace quire::gui {

class AgreementFrame;
class ChartFrame;
class CooccurrenceFrame;
class MatrixFrame;
class QueryFrame;
class AuditFrame;
class FindBar;
class WorkbenchSettings;
class MemoPane;
struct MemoMarks;
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
    // Edit > Undo and Redo: take back the project's newest action (bring back the one undone
    // last), whichever window or program did it, and show the project as it then is. False
    // when there was nothing to undo (redo) or it failed (after saying why).
    bool undo();
    bool redo();

    // Coding as coders work (main_frame_coding.cpp). A selection is coded as whole
    // characters, and as whole words while Codes > Snap Selection to Words is on.
    // Codes the selection with the code `typed` names (path, name, else the closest match
    // ignoring case and accents); with `create_if_missing`, a new top-level code of that
    // name when nothing matches. False when nothing was coded.
    bool quick_code(const std::string& typed, bool create_if_missing);
    // The selection's words become a top-level code (or the one of that name) coding them.
    bool code_in_vivo();
    // Codes the selection with the n-th most recently used code (Ctrl+1 to Ctrl+9).
    bool apply_recent_code(int n);
    const std::vector<Id>& recent_codes() const { return recent_codes_; }
    void set_snap_to_words(bool snap);
    // The coding selected in the Codings list: select it, fit it to the transcript's
    // selection, give it another code.
    bool select_coding_row(int row);
    bool fit_selected_coding_to_selection();
    bool recode_selected_coding(Id code);
    // What the window's coder sees, kept in the project (Project::coder_view).
    bool set_blind(bool blind);
    bool hide_code(Id code, bool hidden);
    // Drag and drop: the transcript's selection dropped on the codebook at a point (client
    // coordinates of the codebook), and a code dragged from the codebook onto the transcript.
    bool drop_selection_on_codebook(const wxPoint& point);
    bool drop_code_on_transcript(Id code);
    // The labels of the transcript's context menu at a code point, submenus flattened as
    // "Title > Item".
    std::vector<std::string> transcript_menu_labels(std::int64_t code_point);
    FindBar* find_bar() const { return find_bar_; }
    // View > Codebook Counts: what the numbers beside each code count.
    enum class CodeCounts { Codings, Documents, Coverage };
    void set_code_counts(CodeCounts counts, bool open_document_only);
    // File > Open Recent, most recent first.
    std::vector<std::string> recent_projects() const;
    // Memos (main_frame_memos.cpp): the memo pane beside the transcript, showing what is
    // selected; open_memo shows a memo's target and its memo, as the Memos list does.
    MemoPane* memo_pane() const { return memo_pane_; }
    void show_memo_of_selection();
    void open_memo(const MemoEntry& entry);
    // Selects a code in the codebook; false when it is not shown.
    bool select_code(Id code_id);
    // The text shown on hovering over a code point of the transcript: every coding there.
    std::string transcript_tooltip(std::int64_t code_point);

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

    // Document groups (main_frame_groups.cpp). The documents list shows the chosen group's
    // documents (none: every document), each with the groups it is in; several documents
    // may be selected at once.
    void show_group(std::optional<Id> group);
    std::optional<Id> shown_group() const { return shown_group_; }
    const std::vector<Id>& shown_documents() const { return document_ids_; }
    std::vector<Id> selected_documents() const;
    // Selects exactly these of the shown documents; the first becomes the open one.
    bool select_documents(const std::vector<Id>& ids);
    // Puts the selected documents into the group (takes them out of it): one undo step.
    bool add_selected_documents_to_group(Id group);
    bool remove_selected_documents_from_group(Id group);

    // Coding queries, matrices, co-occurrence and charts (main_frame_queries.cpp): each
    // window opened or raised; null without a project.
    QueryFrame* open_coding_query();
    MatrixFrame* open_matrix();
    CooccurrenceFrame* open_cooccurrence();
    ChartFrame* open_chart();
    // Shows a passage of a document selected in the transcript.
    void open_passage(Id document, const TextRange& range);
    // Codes the passages with `code` (made when no code has that path) as the workbench's
    // coder: one undoable action. The codings added; -1 when it failed (after saying why).
    std::int64_t store_passages_as_code(const std::vector<query::Passage>& passages,
                                        const std::string& code);
    // Names the project's next journalled actions (a window's Save Query) by this window's coder.
    void label_next_actions(const std::string& what) { label(what); }
    // Teams (main_frame_team.cpp). Merges the coder's copy (.quire, or its .qdpx export) as
    // one undoable action named as the menu item, then shows the project afresh; false when
    // it failed (a dialog said why).
    bool merge_copy(const std::string& copy_path, const team::MergeOptions& options);
    // Opens (or raises and reloads) View > History; null without a project.
    AuditFrame* open_history();

private:
    void bind_query_menu();
    void close_query_windows();
    void build_menu();
    void on_menu(int id, std::function<void()> action);
    // Names the actions that follow in the project's journal, by the window's coder.
    void label(const std::string& what);
    bool turn_journal(bool undo);
    // Edit > Undo and Redo say what they would do, and are disabled when there is nothing.
    void refresh_undo_menu();
    // Shows the project afresh after a change that may have touched anything.
    void refresh_all();
    void bind_file_menu();
    void bind_edit_menu();
    void bind_codes_menu();
    void bind_analyse_menu();
    void bind_help_menu();
    void bind_documents_menu();
    void bind_group_events();
    void bind_team_menu();
    void on_hand_out();
    void on_merge_copy();
    // The group chooser and the search's group filter, after groups may have changed.
    void refresh_groups();
    std::string group_name(Id group) const;
    void on_new_group();
    void on_rename_group();
    void on_delete_group();
    void on_assign_to_group();
    void on_unassign_from_group();
    void on_import_attributes();
    void bind_coding_menu();
    void bind_drag_and_drop();
    void on_transcript_menu(wxContextMenuEvent& event);
    std::unique_ptr<wxMenu> transcript_menu(std::int64_t code_point);
    // The transcript's selection as it would be coded; empty when nothing is selected.
    TextRange selection_to_code();
    std::optional<Coding> selected_coding() const;
    void note_recent_code(Id code);
    void refresh_recent_menu();
    // Reads the coder's view: which coders' and codes' codings the transcript shows.
    void load_view();
    bool coding_visible(const Coding& coding) const;
    void on_recode();
    // The code `typed` names, or the one closest to it; `matches` says how many came
    // equally close (none when more than one).
    std::optional<Id> resolve_code(const std::string& typed, int& matches);
    void on_show_coders();
    wxTreeItemId code_item(Id code_id) const;
    // The counts after each code's name in the codebook, as View > Codebook Counts says.
    std::map<Id, std::string> code_count_labels(const std::vector<Code>& codes);
    void refresh_recent_projects();
    // Keeps the window's size, panes, zoom and options for the next session.
    void save_layout();
    void bind_memo_menu();
    void bind_cases_menu();
    void bind_memo_events();
    wxWindow* build_memo_pane(wxWindow* parent);
    // The mark after a name when it has a memo ("" when not).
    std::string memo_mark(Memo::Target kind, Id id) const;
    void refresh_memo_marks();
    void offer_coding_memo(const Coding& coding);
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
    // The Codings list's cells and swatches, asked for as its rows are drawn.
    std::string coding_cell(long row, long column) const;
    int coding_swatch(long row) const;
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
    // What the Codings list shows of each of shown_codings_ (the memo mark is added when drawn).
    struct CodingRowText {
        std::string code, coder, preview;
    };
    std::vector<CodingRowText> shown_coding_texts_;

    wxSimplebook* pages_ = nullptr;
    wxPanel* welcome_ = nullptr;
    wxSplitterWindow* workbench_ = nullptr;
    wxListBox* documents_ = nullptr;
    std::vector<Id> document_ids_;
    wxChoice* group_chooser_ = nullptr;  // "All documents", then each group
    std::vector<DocumentGroup> chooser_groups_;
    std::optional<Id> shown_group_;
    wxTreeCtrl* codebook_ = nullptr;
    std::unique_ptr<wxImageList> swatches_;
    std::map<Id, int> swatch_index_;  // code id -> image in swatches_
    TranscriptView* transcript_ = nullptr;
    wxListCtrl* codings_ = nullptr;
    wxNotebook* side_ = nullptr;  // codings of the document | search
    SearchPanel* search_ = nullptr;
    CodingStripes* stripes_ = nullptr;
    RetrievedSegmentsPanel* retrieved_ = nullptr;
    wxComboBox* coder_ = nullptr;
    wxComboBox* quick_pick_ = nullptr;
    wxWeakRef<AgreementFrame> agreement_;
    // wxWeakRef needs its type complete wherever MainFrame is made or destroyed: main_frame.cpp
    // includes their headers.
    wxWeakRef<QueryFrame> query_frame_;
    wxWeakRef<MatrixFrame> matrix_frame_;
    wxWeakRef<CooccurrenceFrame> cooccurrence_frame_;
    wxWeakRef<ChartFrame> chart_frame_;
    wxWeakRef<AuditFrame> history_;
    FindBar* find_bar_ = nullptr;
    std::unique_ptr<WorkbenchSettings> settings_;
    wxSplitterWindow* left_split_ = nullptr;   // documents over codebook
    wxSplitterWindow* right_split_ = nullptr;  // transcript beside codings and search
    std::vector<Id> recent_codes_;             // most recent first, at most kRecentCodes
    bool snap_to_words_ = true;
    std::optional<std::set<Id>> visible_coders_;  // none: every coder's codings
    std::set<Id> hidden_codes_;                   // with their child codes
    bool layers_hidden_ = false;                  // blind, or a coder's layer hidden
    CodeCounts code_counts_ = CodeCounts::Codings;
    bool counts_in_open_document_ = false;
    MemoPane* memo_pane_ = nullptr;
    std::unique_ptr<MemoMarks> memo_marks_;  // what has a memo, as last read
};

}  // namespace quire::gui
