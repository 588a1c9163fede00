// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/panel.h>

#include <functional>
#include <string>
#include <vector>

#include "app/gui/query_work.h"
#include "core/query/query.h"

class wxStaticText;

namespace quire::gui {

class CellList;

// The passages behind a matrix or co-occurrence cell: document, range and text in context,
// read from the project as rows are drawn. Double-click (Enter) opens a passage.
class PassageList : public wxPanel {
public:
    struct Callbacks {
        std::function<Project*()> project;  // the project the passages are in; null: none
        std::function<void(const query::Passage& passage)> open;
    };
    PassageList(wxWindow* parent, Callbacks callbacks);

    // `title` says whose passages they are ("Risk × Staff").
    void show(const std::string& title, std::vector<query::Passage> passages);
    void clear(const std::string& hint);

    // Used by the list and by the GUI tests.
    std::size_t row_count() const { return passages_.size(); }
    std::string cell_text(std::size_t row, int column);
    std::string header_text() const;
    void activate(std::size_t row);

    enum Column { kDocument, kRange, kPassage };

private:
    Callbacks callbacks_;
    std::vector<query::Passage> passages_;
    std::vector<std::string> document_names_;  // by row
    PassageTexts texts_;
    wxStaticText* header_ = nullptr;
    CellList* list_ = nullptr;
};

}  // namespace quire::gui
