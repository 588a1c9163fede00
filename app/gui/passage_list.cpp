// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/passage_list.h"

#include <wx/sizer.h>
#include <wx/stattext.h>

#include <map>

#include "app/gui/list_cells.h"
#include "app/gui/wx_strings.h"
#include "core/project/project.h"

namespace quire::gui {

PassageList::PassageList(wxWindow* parent, Callbacks callbacks)
    : wxPanel(parent), callbacks_(std::move(callbacks)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    header_ = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                               wxST_ELLIPSIZE_END | wxST_NO_AUTORESIZE);
    header_->SetFont(header_->GetFont().Bold());
    // A long title ends in "…" rather than widening the pane.
    header_->SetMinSize(wxSize(40, -1));
    sizer->Add(header_, 0, wxEXPAND | wxALL, 4);
    list_ = new CellList(this, wxLC_REPORT | wxLC_SINGLE_SEL, [this](long row, long column) {
        return cell_text(static_cast<std::size_t>(row), static_cast<int>(column));
    });
    // In the order of Column.
    list_->AppendColumn("Document", wxLIST_FORMAT_LEFT, 130);
    list_->AppendColumn("Range", wxLIST_FORMAT_LEFT, 90);
    list_->AppendColumn("Passage [context]", wxLIST_FORMAT_LEFT, 620);
    sizer->Add(list_, 1, wxEXPAND);
    SetSizer(sizer);
    list_->Bind(wxEVT_LIST_ITEM_ACTIVATED,
                [this](wxListEvent& e) { activate(static_cast<std::size_t>(e.GetIndex())); });
    clear("Click a cell to list its passages.");
}

void PassageList::show(const std::string& title, std::vector<query::Passage> passages) {
    passages_ = std::move(passages);
    texts_.clear();
    document_names_.clear();
    Project* project = callbacks_.project ? callbacks_.project() : nullptr;
    if (project != nullptr) {
        // Drawing must not open dialogs: a name that cannot be read shows empty.
        try {
            std::map<Id, std::string> names;
            for (const Document& d : project->documents()) {
                names[d.id] = d.name;
            }
            for (const query::Passage& p : passages_) {
                document_names_.push_back(names[p.document]);
            }
        } catch (const std::exception&) {
            document_names_.clear();
        }
    }
    const std::size_t n = passages_.size();
    const wxString header =
        wx(title + ": " + std::to_string(n) + (n == 1 ? " passage" : " passages"));
    header_->SetLabel(header);
    header_->SetToolTip(header);
    list_->SetItemCount(static_cast<long>(n));
    list_->Refresh();
}

void PassageList::clear(const std::string& hint) {
    passages_.clear();
    document_names_.clear();
    texts_.clear();
    header_->SetLabel(wx(hint));
    list_->SetItemCount(0);
    list_->Refresh();
}

std::string PassageList::header_text() const {
    return utf8(header_->GetLabel());
}

std::string PassageList::cell_text(std::size_t row, int column) {
    if (row >= passages_.size()) {
        return {};
    }
    const query::Passage& p = passages_[row];
    switch (column) {
        case kDocument:
            return row < document_names_.size() ? document_names_[row] : std::to_string(p.document);
        case kRange:
            return range_text(p.range);
        case kPassage: {
            Project* project = callbacks_.project ? callbacks_.project() : nullptr;
            if (project == nullptr) {
                return {};
            }
            try {
                return texts_.text(*project, p, 30);
            } catch (const std::exception&) {
                return {};
            }
        }
        default:
            return {};
    }
}

void PassageList::activate(std::size_t row) {
    if (row < passages_.size() && callbacks_.open) {
        callbacks_.open(passages_[row]);
    }
}

}  // namespace quire::gui
