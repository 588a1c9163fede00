// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/list_cells.h"

#include <algorithm>

#include "app/gui/wx_strings.h"

namespace quire::gui {
namespace {

// Short labels (a code's name, a coder's) are never cut, however narrow their column.
constexpr int kLeastKept = 40;

}  // namespace

wxString cut_for_column(const wxString& text, int width, int char_width) {
    if (char_width <= 0) {
        return text;
    }
    const std::size_t kept = static_cast<std::size_t>(std::max(kLeastKept, 2 * width / char_width));
    if (text.length() <= kept) {
        return text;
    }
    return text.Left(kept) + L"\u2026";
}

CellList::CellList(wxWindow* parent, long style, Text text, Image image)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, style | wxLC_VIRTUAL),
      text_(std::move(text)),
      image_(std::move(image)),
      char_width_(GetCharWidth()) {}

wxString CellList::OnGetItemText(long row, long column) const {
    return cut_for_column(wx(text_(row, column)), GetColumnWidth(static_cast<int>(column)),
                          char_width_);
}

int CellList::OnGetItemImage(long row) const {
    return image_ ? image_(row) : -1;
}

}  // namespace quire::gui
