// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/search_panel.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/dialog.h>
#include <wx/gauge.h>
#include <wx/listctrl.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <limits>
#include <set>

#include "app/gui/wx_strings.h"
#include "core/base/errors.h"
#include "core/project/project.h"

namespace quire::gui {
namespace {

constexpr const char* kAnyDocument = "(any document)";

// The snippet's "**" marks as Pango markup, everything else escaped.
wxString snippet_markup(const std::string& snippet) {
    std::string out;
    bool bold = false;
    for (std::size_t i = 0; i < snippet.size(); ++i) {
        const char c = snippet[i];
        if (c == '*' && i + 1 < snippet.size() && snippet[i + 1] == '*') {
            out += bold ? "</b>" : "<b>";
            bold = !bold;
            ++i;
        } else if (c == '&') {
            out += "&amp;";
        } else if (c == '<') {
            out += "&lt;";
        } else if (c == '>') {
            out += "&gt;";
        } else {
            out += c;
        }
    }
    if (bold) {
        out += "</b>";
    }
    return wx(out);
}

// A snippet's text without the "**" marks, and the byte ranges of that text they marked.
std::pair<std::string, std::vector<std::pair<std::size_t, std::size_t>>> unmarked(
    const std::string& snippet) {
    std::string plain;
    std::vector<std::pair<std::size_t, std::size_t>> marks;
    bool open = false;
    for (std::size_t i = 0; i < snippet.size(); ++i) {
        if (snippet[i] == '*' && i + 1 < snippet.size() && snippet[i + 1] == '*') {
            if (open) {
                marks.back().second = plain.size();
            } else {
                marks.emplace_back(plain.size(), plain.size());
            }
            open = !open;
            ++i;
        } else {
            plain += snippet[i];
        }
    }
    return {plain, marks};
}

// The snippet with every mark of `marks` (which may overlap) set in "**".
std::string marked(const std::string& plain,
                   std::vector<std::pair<std::size_t, std::size_t>> marks) {
    std::sort(marks.begin(), marks.end());
    std::string out;
    std::size_t at = 0;
    for (std::size_t m = 0; m < marks.size(); ++m) {
        auto [start, end] = marks[m];
        while (m + 1 < marks.size() && marks[m + 1].first <= end) {
            end = std::max(end, marks[++m].second);
        }
        if (start < at) {
            continue;
        }
        out += plain.substr(at, start - at) + "**" + plain.substr(start, end - start) + "**";
        at = end;
    }
    return out + plain.substr(std::min(at, plain.size()));
}

constexpr std::size_t kShownRows = 2000;  // more hits are counted and coded, not listed

}  // namespace

std::vector<PassageRow> passage_rows(const std::vector<search::Hit>& hits) {
    std::vector<PassageRow> rows;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const search::Hit& h = hits[i];
        if (!rows.empty()) {
            PassageRow& last = rows.back();
            const search::Hit& first = hits[last.first_hit];
            if (first.document == h.document && first.paragraph == h.paragraph) {
                // The same words around both: one snippet with both marked; else the
                // first one's, saying how many more the paragraph holds.
                auto [plain, marks] = unmarked(last.snippet);
                auto [other_plain, other_marks] = unmarked(h.snippet);
                ++last.hits;
                if (plain == other_plain) {
                    marks.insert(marks.end(), other_marks.begin(), other_marks.end());
                    last.snippet = marked(plain, marks);
                }
                continue;
            }
        }
        rows.push_back({i, 1, h.snippet});
    }
    return rows;
}

SearchPanel::SearchPanel(wxWindow* parent, Callbacks callbacks)
    : wxPanel(parent), callbacks_(std::move(callbacks)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    query_ =
        new wxSearchCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    query_->SetDescriptiveText(L"risk NEAR/5 family, \"young person\", exploit*");
    query_->ShowSearchButton(true);
    sizer->Add(query_, 0, wxEXPAND | wxALL, 4);

    auto* filters = new wxFlexGridSizer(2, 4, 4);
    filters->AddGrowableCol(1);
    filters->Add(new wxStaticText(this, wxID_ANY, "Coded with"), 0, wxALIGN_CENTER_VERTICAL);
    code_filter_ = new wxChoice(this, wxID_ANY);
    filters->Add(code_filter_, 1, wxEXPAND);
    filters->Add(new wxStaticText(this, wxID_ANY, "By coder"), 0, wxALIGN_CENTER_VERTICAL);
    coder_filter_ = new wxChoice(this, wxID_ANY);
    filters->Add(coder_filter_, 1, wxEXPAND);
    filters->Add(new wxStaticText(this, wxID_ANY, "Attribute"), 0, wxALIGN_CENTER_VERTICAL);
    attribute_filter_ =
        new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    attribute_filter_->SetHint("role=referrer");
    filters->Add(attribute_filter_, 1, wxEXPAND);
    filters->Add(new wxStaticText(this, wxID_ANY, "In group"), 0, wxALIGN_CENTER_VERTICAL);
    group_filter_ = new wxChoice(this, wxID_ANY);
    group_filter_->SetName("search group");
    group_filter_->Append(kAnyDocument);
    group_filter_->SetSelection(0);
    filters->Add(group_filter_, 1, wxEXPAND);
    sizer->Add(filters, 0, wxEXPAND | wxLEFT | wxRIGHT, 4);

    auto* progress = new wxBoxSizer(wxHORIZONTAL);
    status_ = new wxStaticText(this, wxID_ANY, "");
    gauge_ = new wxGauge(this, wxID_ANY, 100, wxDefaultPosition, wxSize(120, 12));
    cancel_ =
        new wxButton(this, wxID_ANY, "Cancel", wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    progress->Add(status_, 1, wxALIGN_CENTER_VERTICAL);
    progress->Add(gauge_, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 4);
    progress->Add(cancel_, 0, wxLEFT, 4);
    sizer->Add(progress, 0, wxEXPAND | wxALL, 4);
    gauge_->Hide();
    cancel_->Hide();

    hits_ = new wxDataViewListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                   wxDV_SINGLE | wxDV_ROW_LINES);
    hits_->AppendTextColumn("Document", wxDATAVIEW_CELL_INERT, 96);
    wxDataViewColumn* snippet = hits_->AppendTextColumn("Hit", wxDATAVIEW_CELL_INERT, 400);
    static_cast<wxDataViewTextRenderer*>(snippet->GetRenderer())->EnableMarkup(true);
    sizer->Add(hits_, 3, wxEXPAND | wxLEFT | wxRIGHT, 4);

    facets_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                             wxLC_REPORT | wxLC_SINGLE_SEL);
    facets_->AppendColumn("Hits per document and per code", wxLIST_FORMAT_LEFT, 330);
    facets_->AppendColumn("Hits", wxLIST_FORMAT_RIGHT, 60);
    sizer->Add(facets_, 1, wxEXPAND | wxALL, 4);

    code_all_ = new wxButton(this, wxID_ANY, L"Code All Hits…");
    code_all_->Disable();
    sizer->Add(code_all_, 0, wxALIGN_RIGHT | wxLEFT | wxRIGHT | wxBOTTOM, 4);
    SetSizer(sizer);

    query_->Bind(wxEVT_SEARCH, [this](wxCommandEvent&) { run_search(utf8(query_->GetValue())); });
    query_->Bind(wxEVT_TEXT_ENTER,
                 [this](wxCommandEvent&) { run_search(utf8(query_->GetValue())); });
    attribute_filter_->Bind(wxEVT_TEXT_ENTER,
                            [this](wxCommandEvent&) { run_search(utf8(query_->GetValue())); });
    hits_->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) {
        const int row = hits_->GetSelectedRow();
        if (row != wxNOT_FOUND) {
            activate_hit(static_cast<std::size_t>(row));
        }
    });
    cancel_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        // Cancel means the waiting work too: a queued search or index update.
        queued_.reset();
        update_pending_ = false;
        job_.cancel();
    });
    code_all_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_code_all(); });
}

void SearchPanel::set_project(const std::string& path) {
    project_path_ = path;
    hits_->DeleteAllItems();
    facets_->DeleteAllItems();
    results_ = {};
    code_all_->Disable();
    status_->SetLabel("");
    job_.cancel();
    queued_.reset();
    update_pending_ = false;
    if (!path.empty()) {
        refresh_index();
    }
}

void SearchPanel::set_choices(const std::vector<std::pair<Id, std::string>>& codes,
                              const std::vector<std::pair<Id, std::string>>& coders,
                              const std::vector<std::string>& attributes) {
    const wxString code = code_filter_->GetStringSelection();
    const wxString coder = coder_filter_->GetStringSelection();
    codes_ = codes;
    coders_ = coders;
    code_filter_->Clear();
    code_filter_->Append("(any text)");
    for (const auto& [id, name] : codes) {
        code_filter_->Append(wx(name));
    }
    coder_filter_->Clear();
    coder_filter_->Append("(anyone)");
    for (const auto& [id, name] : coders) {
        coder_filter_->Append(wx(name));
    }
    if (code.IsEmpty() || !code_filter_->SetStringSelection(code)) {
        code_filter_->SetSelection(0);
    }
    if (coder.IsEmpty() || !coder_filter_->SetStringSelection(coder)) {
        coder_filter_->SetSelection(0);
    }
    attribute_filter_->SetHint(attributes.empty() ? wxString("role=referrer")
                                                  : wx(attributes.front() + "=..."));
}

void SearchPanel::set_groups(const std::vector<std::pair<Id, std::string>>& groups) {
    const wxString chosen = group_filter_->GetStringSelection();
    groups_ = groups;
    group_filter_->Clear();
    group_filter_->Append(kAnyDocument);
    for (const auto& [id, name] : groups) {
        group_filter_->Append(wx(name));
    }
    if (chosen.IsEmpty() || !group_filter_->SetStringSelection(chosen)) {
        group_filter_->SetSelection(0);
    }
}

bool SearchPanel::choose_group(const std::string& group) {
    if (group.empty()) {
        group_filter_->SetSelection(0);
        return true;
    }
    return group_filter_->SetStringSelection(wx(group));
}

void SearchPanel::refresh_index() {
    if (project_path_.empty()) {
        return;
    }
    if (job_.running()) {
        update_pending_ = true;  // after the running job
        return;
    }
    start(std::nullopt);
}

search::SearchRequest SearchPanel::request_from_controls(const std::string& query) const {
    search::SearchRequest r;
    r.query = query;
    r.limit = std::numeric_limits<std::size_t>::max();
    r.count_all = true;
    const int code = code_filter_->GetSelection();
    if (code > 0) {
        r.filter.codes.push_back(codes_[static_cast<std::size_t>(code - 1)].first);
    }
    if (const int group = group_filter_->GetSelection(); group > 0) {
        r.filter.groups.push_back(groups_[static_cast<std::size_t>(group - 1)].first);
    }
    return r;
}

bool SearchPanel::choose_filters(const std::string& code, const std::string& coder,
                                 const std::string& attribute) {
    const bool code_ok = code.empty() ? (code_filter_->SetSelection(0), true)
                                      : code_filter_->SetStringSelection(wx(code));
    const bool coder_ok = coder.empty() ? (coder_filter_->SetSelection(0), true)
                                        : coder_filter_->SetStringSelection(wx(coder));
    attribute_filter_->ChangeValue(wx(attribute));
    return code_ok && coder_ok;
}

void SearchPanel::run_search(const std::string& query) {
    if (project_path_.empty()) {
        return;
    }
    if (query.find_first_not_of(" \t") == std::string::npos) {
        // Nothing asked: the last search's hits would look like an answer to the new
        // filters.
        results_ = {};
        show_results();
        status_->SetLabel("");
        return;
    }
    search::SearchRequest r = request_from_controls(query);
    if (const int coder = coder_filter_->GetSelection(); coder > 0) {
        r.filter.coders.push_back(coders_[static_cast<std::size_t>(coder - 1)].first);
    }
    const std::string attribute = utf8(attribute_filter_->GetValue());
    if (const auto eq = attribute.find('='); eq != std::string::npos && eq > 0) {
        r.filter.attributes.emplace_back(attribute.substr(0, eq), attribute.substr(eq + 1));
    }
    if (utf8(query_->GetValue()) != query) {
        query_->ChangeValue(wx(query));
    }
    if (job_.running()) {
        // A newer search overtakes the running one, which ends first: one writer of the
        // index at a time.
        queued_ = r;
        job_.cancel();
        return;
    }
    start(r);
}

// Opens the project on the worker (connections never cross threads), brings the index up
// to date and runs the request, if any. Xapian cannot stop a query halfway, so cancelling is
// checked on either side of it.
SearchPanel::Outcome SearchPanel::search_work(const std::string& project_path,
                                              const std::optional<search::SearchRequest>& request,
                                              const Progress& progress) {
    Project project = Project::open(project_path);
    search::Index index(project, {}, progress);
    Outcome outcome;
    outcome.index = index.opened();
    if (request) {
        report_progress(progress, 0, 0);
        outcome.results = index.search(*request);
        report_progress(progress, 0, 0);
    }
    return outcome;
}

void SearchPanel::start(std::optional<search::SearchRequest> request) {
    const bool is_search = request.has_value();
    status_->SetLabel(is_search ? L"Searching…" : L"Updating the search index…");
    gauge_->Show();
    gauge_->Pulse();
    cancel_->Show();
    Layout();
    // A run's result belongs to the project it searched: one that finishes after another
    // project was opened (its cancel came too late) is dropped, never shown or coded.
    job_.start([path = project_path_, request = std::move(request)](
                   const Progress& progress) { return search_work(path, request, progress); },
               [this, path = project_path_](Outcome outcome) {
                   finish([&] {
                       if (path == project_path_) {
                           show_outcome(outcome);
                       }
                   });
               },
               [this](std::exception_ptr error) { finish([&] { show_failure(error); }); },
               [this](std::size_t done, std::size_t total) { show_progress(done, total); });
}

void SearchPanel::show_progress(std::size_t done, std::size_t total) {
    if (total > 0) {
        gauge_->SetRange(static_cast<int>(total));
        gauge_->SetValue(static_cast<int>(std::min(done, total)));
        status_->SetLabel(wxString::Format(L"Indexing %zu of %zu documents…", done, total));
    } else {
        gauge_->Pulse();
    }
}

void SearchPanel::finish(const std::function<void()>& show) {
    gauge_->Hide();
    cancel_->Hide();
    if (queued_) {
        const search::SearchRequest next = *queued_;
        queued_.reset();
        start(next);
        return;
    }
    show();
    Layout();
    if (update_pending_) {
        update_pending_ = false;
        start(std::nullopt);
    }
}

void SearchPanel::show_outcome(Outcome& outcome) {
    status_->SetForegroundColour(GetForegroundColour());
    if (outcome.results) {
        results_ = std::move(*outcome.results);
        show_results();
    } else {
        status_->SetLabel(outcome.index.rebuilt ? wxString("Search index built.")
                                                : wxString("Search index up to date."));
    }
}

void SearchPanel::show_failure(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const Cancelled&) {
        status_->SetLabel("Cancelled.");
        status_->SetForegroundColour(GetForegroundColour());
    } catch (const std::exception& e) {
        status_->SetLabel(wx(e.what()));
        status_->SetForegroundColour(*wxRED);
    }
}

void SearchPanel::show_results() {
    hits_->DeleteAllItems();
    facets_->DeleteAllItems();
    rows_ = passage_rows(results_.hits);
    if (rows_.size() > kShownRows) {
        rows_.resize(kShownRows);
    }
    for (const PassageRow& passage : rows_) {
        wxVector<wxVariant> row;
        row.push_back(wxVariant(wx(results_.hits[passage.first_hit].document_name)));
        row.push_back(wxVariant(
            snippet_markup(passage.snippet) +
            (passage.hits > 1 ? wxString::Format("  <i>(%zu hits)</i>", passage.hits) : "")));
        hits_->AppendItem(row);
    }
    long row = 0;
    for (const search::Facet& f : results_.by_document) {
        facets_->InsertItem(row, wx(f.name));
        facets_->SetItem(row, 1, wxString::Format("%zu", f.hits));
        ++row;
    }
    for (const search::Facet& f : results_.by_code) {
        facets_->InsertItem(row, wx("code: " + f.name));
        facets_->SetItem(row, 1, wxString::Format("%zu", f.hits));
        facets_->SetItemTextColour(row, wxColour(0x55, 0x55, 0x88));
        ++row;
    }
    status_->SetLabel(status_text());
    code_all_->Enable(!results_.hits.empty());
}

std::string SearchPanel::status_text() const {
    const std::size_t hits = results_.total_hits.value_or(results_.hits.size());
    const std::size_t docs = results_.total_documents.value_or(0);
    std::string s = std::to_string(hits) + (hits == 1 ? " hit" : " hits") + " in " +
                    std::to_string(docs) + (docs == 1 ? " document" : " documents");
    const std::vector<PassageRow> passages = passage_rows(results_.hits);
    if (passages.size() != results_.hits.size()) {
        s += ", " + std::to_string(passages.size()) + " passages";
    }
    if (passages.size() > kShownRows) {
        s += " (the first " + std::to_string(kShownRows) + " passages listed)";
    }
    return s;
}

void SearchPanel::activate_hit(std::size_t row) {
    if (row >= rows_.size() || !callbacks_.open_hit) {
        return;
    }
    const search::Hit& chosen = results_.hits[rows_[row].first_hit];
    std::vector<search::Hit> same_document;
    for (const search::Hit& h : results_.hits) {
        if (h.document == chosen.document) {
            same_document.push_back(h);
        }
    }
    callbacks_.open_hit(chosen, same_document);
}

void SearchPanel::on_code_all() {
    if (results_.hits.empty() || codes_.empty() || !callbacks_.code_hits) {
        return;
    }
    wxDialog dialog(this, wxID_ANY, "Code all hits");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, wx("Code the " + status_text() + " with:")), 0,
               wxALL, 10);
    auto* code = new wxChoice(&dialog, wxID_ANY);
    for (const auto& [id, name] : codes_) {
        code->Append(wx(name));
    }
    code->SetSelection(code_filter_->GetSelection() > 0 ? code_filter_->GetSelection() - 1 : 0);
    sizer->Add(code, 0, wxEXPAND | wxLEFT | wxRIGHT, 10);
    const wxString spreads[] = {"Only the matched words", "The whole paragraph around each hit"};
    auto* spread =
        new wxRadioBox(&dialog, wxID_ANY, "Code", wxDefaultPosition, wxDefaultSize, 2, spreads, 1);
    spread->SetSelection(1);
    sizer->Add(spread, 0, wxEXPAND | wxALL, 10);
    sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    dialog.SetSizerAndFit(sizer);
    if (dialog.ShowModal() != wxID_OK || code->GetSelection() == wxNOT_FOUND) {
        return;
    }
    callbacks_.code_hits(
        results_.hits, codes_[static_cast<std::size_t>(code->GetSelection())].first,
        spread->GetSelection() == 0 ? search::Spread::Hit : search::Spread::Paragraph);
}

}  // namespace quire::gui
