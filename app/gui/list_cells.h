// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/listctrl.h>

#include <functional>
#include <string>

namespace quire::gui {

// The start of a list cell's text, about as much as a column `width` pixels wide shows when
// characters are `char_width` wide on average, ending in "…" when cut. wx's own list
// control (GTK) shortens a cell too wide for its column one character at a time, measuring
// the rest with Pango after each: a 600-character passage cost 600 text layouts, a screenful
// of such rows a quarter of a second. Twice what fits at the average width is kept, so that
// a cell of narrow letters is not cut short; the control shortens the rest as before.
wxString cut_for_column(const wxString& text, int width, int char_width);

// A report list whose cells are asked for when rows are drawn (wxLC_VIRTUAL): a document
// with thousands of codings lists them at once. Each cell is cut to its column
// (cut_for_column), so GetItemText gives what the row shows; `text` has the whole of it.
class CellList : public wxListCtrl {
public:
    using Text = std::function<std::string(long row, long column)>;
    using Image = std::function<int(long row)>;  // -1: none
    CellList(wxWindow* parent, long style, Text text, Image image = {});

private:
    wxString OnGetItemText(long row, long column) const override;
    int OnGetItemImage(long row) const override;

    Text text_;
    Image image_;
    int char_width_;
};

}  // namespace quire::gui
