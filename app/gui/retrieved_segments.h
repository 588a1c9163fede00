// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/panel.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "app/gui/segment_retrieval.h"
#include "core/base/model.h"

class wxButton;
class wxCheckBox;
class wxListEvent;
class wxStaticText;
class wxTextCtrl;

namespace quire::gui {

class CellList;

// The Retrieved Segments pane, as in MAXQDA: choose codes (with or without their child
// codes), documents and coders; every coded passage they take is listed with its document,
// code, coder, text in its context and memo, counted in a header line. Double-click opens
// the passage; Export writes the same segments as File > Export > Coded Segments does.
// The list is virtual: a row's text is read when the row is drawn.
class RetrievedSegmentsPanel : public wxPanel {
public:
    struct Callbacks {
        std::function<void(const Coding& coding)> open;  // a row was double-clicked
    };
    // A choice offered: id, label (a code's path, a document's or coder's name).
    using Choices = std::vector<std::pair<Id, std::string>>;

    RetrievedSegmentsPanel(wxWindow* parent, Callbacks callbacks);

    // The open project (null: none). The panel reads through it on the UI thread.
    void set_project(Project* project);
    void set_choices(Choices codes, Choices documents, Choices coders, Choices groups = {},
                     Choices cases = {});

    // Chooses as a user would (empty documents or coders: all of them) and lists.
    void choose(const std::vector<Id>& codes, bool include_child_codes,
                const std::vector<Id>& documents = {}, const std::vector<Id>& coders = {},
                const std::vector<Id>& groups = {}, const std::vector<Id>& cases = {});
    // Lists again with the same choices (after codings changed).
    void refresh();

    // Used by the list and by the GUI tests.
    std::size_t row_count() const { return retrieval_.size(); }
    std::string cell_text(std::size_t row, int column);
    std::string header_text() const;
    void activate(std::size_t row);
    const SegmentRetrieval& retrieval() const { return retrieval_; }

    enum Column { kDocument, kCode, kPassage, kCoder, kMemo };

private:
    void choose_codes();
    void choose_from(const wxString& title, const wxString& message, const Choices& offered,
                     std::vector<Id>& chosen);
    void show_choices();
    void show_details(long row);
    void on_export();

    Callbacks callbacks_;
    Project* project_ = nullptr;
    SegmentRetrieval retrieval_;
    Choices code_choices_, document_choices_, coder_choices_, group_choices_, case_choices_;
    std::vector<Id> codes_, documents_, coders_, groups_, cases_;
    wxCheckBox* children_ = nullptr;
    wxStaticText* chosen_ = nullptr;
    wxStaticText* header_ = nullptr;
    CellList* list_ = nullptr;
    wxTextCtrl* details_ = nullptr;
    wxButton* export_ = nullptr;
};

}  // namespace quire::gui
