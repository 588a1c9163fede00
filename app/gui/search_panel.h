// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/panel.h>

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/background_job.h"
#include "search/search.h"

class wxButton;
class wxChoice;
class wxDataViewListCtrl;
class wxDataViewEvent;
class wxGauge;
class wxListCtrl;
class wxSearchCtrl;
class wxStaticText;
class wxTextCtrl;

namespace quire::gui {

// One listed passage: the hits of a search that fall in one paragraph of one document,
// listed once with every matched word marked ("**" around each, as in Hit::snippet).
struct PassageRow {
    std::size_t first_hit = 0;  // index into SearchResults::hits
    std::size_t hits = 0;
    std::string snippet;
};
// Hits in text order, grouped by paragraph: a sentence with two matched words is one row.
std::vector<PassageRow> passage_rows(const std::vector<search::Hit>& hits);

// The search pane: a query box with filters (code, coder, attribute), the hits with their
// snippets, hits per document and per code, and "Code all hits". Searching and indexing
// run on a BackgroundJob, one at a time; a search that was overtaken ends as cancelled.
// A document group chooser narrows it to the group's documents.
class SearchPanel : public wxPanel {
public:
    struct Callbacks {
        // A hit was chosen: show the document with every hit of this search in it.
        std::function<void(const search::Hit& chosen, const std::vector<search::Hit>& in_document)>
            open_hit;
        // "Code all hits" was confirmed: apply and say what happened.
        std::function<void(const std::vector<search::Hit>& hits, Id code, search::Spread spread)>
            code_hits;
    };

    SearchPanel(wxWindow* parent, Callbacks callbacks);

    // The open project (empty path: none). Starts bringing its index up to date.
    void set_project(const std::string& path);
    // The codes (id, path), coders (id, name) and attribute names offered as filters.
    void set_choices(const std::vector<std::pair<Id, std::string>>& codes,
                     const std::vector<std::pair<Id, std::string>>& coders,
                     const std::vector<std::string>& attributes);
    // Sets the filters as a user would (empty: any); false when a name is not offered.
    bool choose_filters(const std::string& code, const std::string& coder,
                        const std::string& attribute);
    // The document groups (id, name) offered as a filter, and choosing one as a user would
    // (empty: any document); false when the name is not offered.
    void set_groups(const std::vector<std::pair<Id, std::string>>& groups);
    bool choose_group(const std::string& group);
    // After an import or a deletion: update the index in the background.
    void refresh_index();

    // Used by the menus and by the GUI tests.
    void run_search(const std::string& query);
    bool busy() const { return job_.running(); }
    const search::SearchResults& results() const { return results_; }
    std::string status_text() const;
    // Opens the passage listed in `row` (rows are passages, see passage_rows).
    void activate_hit(std::size_t row);
    const std::vector<PassageRow>& rows() const { return rows_; }

private:
    // What a job brings back: how the index was opened, and the results of a search.
    struct Outcome {
        search::UpdateReport index;
        std::optional<search::SearchResults> results;
    };
    static Outcome search_work(const std::string& project_path,
                               const std::optional<search::SearchRequest>& request,
                               const Progress& progress);
    void start(std::optional<search::SearchRequest> request);
    void show_progress(std::size_t done, std::size_t total);
    // Shows a job's outcome with `show`, unless a queued search replaces it.
    void finish(const std::function<void()>& show);
    void show_outcome(Outcome& outcome);
    void show_failure(const std::exception_ptr& error);
    void show_results();
    void on_code_all();
    search::SearchRequest request_from_controls(const std::string& query) const;

    Callbacks callbacks_;
    std::string project_path_;
    std::vector<std::pair<Id, std::string>> codes_;
    std::vector<std::pair<Id, std::string>> coders_;
    wxSearchCtrl* query_ = nullptr;
    wxChoice* code_filter_ = nullptr;
    wxChoice* coder_filter_ = nullptr;
    wxTextCtrl* attribute_filter_ = nullptr;
    std::vector<std::pair<Id, std::string>> groups_;
    wxChoice* group_filter_ = nullptr;
    wxDataViewListCtrl* hits_ = nullptr;
    std::vector<PassageRow> rows_;  // what hits_ lists
    wxListCtrl* facets_ = nullptr;
    wxGauge* gauge_ = nullptr;
    wxButton* cancel_ = nullptr;
    wxButton* code_all_ = nullptr;
    wxStaticText* status_ = nullptr;
    bool update_pending_ = false;
    std::optional<search::SearchRequest> queued_;
    search::SearchResults results_;
    BackgroundJob<Outcome> job_;
};

}  // namespace quire::gui
