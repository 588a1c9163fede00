// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/window.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/stripe_layout.h"
#include "core/base/model.h"
#include "core/base/text_range.h"

class wxDC;

namespace quire::gui {

class TranscriptView;

// A coding as the stripes show it: where, what, who, and the memos to show on hover.
struct StripeItem {
    Id coding = 0;
    Id code = 0;
    Id coder = 0;
    TextRange range;
    std::string code_name;
    std::string code_path;
    std::string colour;  // "#RRGGBB"
    std::string coder_name;
    std::string memo;                         // the coding's own memo field
    std::vector<std::string> attached_memos;  // memos attached to the coding
};

// Coding stripes beside a TranscriptView, in the manner of MAXQDA's: one column per code
// present, each coding a bar from its first to its last line in its code's colour, the
// code's name along the bar; each coder's bars patterned differently (solid, hatched,
// crossed...), with a legend of the coders at the foot. Follows the view's scrolling,
// wrapping and zoom; draws only the bars of the lines on screen. When the columns of all
// the codes present would take more than width_limit(), only the codes on screen get
// columns (packed), so that bars keep their width and names.
class CodingStripes : public wxWindow {
public:
    struct Callbacks {
        std::function<void(Id coding)> select;     // a click on a bar
        std::function<void(Id coding)> uncode;     // "Uncode" in a bar's menu
        std::function<void(Id coding)> open_memo;  // "Open Memo" in a bar's menu
    };

    CodingStripes(wxWindow* parent, TranscriptView* view, Callbacks callbacks);

    // Replaces the codings shown (those of the document in the view). Orders as in
    // lay_out_stripes. Resizes to what the columns need, up to width_limit().
    void show(std::vector<StripeItem> items, const std::vector<Id>& code_order,
              const std::vector<Id>& coder_order);
    void clear() { show({}, {}, {}); }
    // The widest the stripes may be: the transcript gets the space first.
    void set_width_limit(int pixels);
    int width_limit() const { return width_limit_; }

    // A bar on screen: where it is drawn and the coding it stands for.
    struct DrawnBar {
        wxRect rect;
        std::size_t item = 0;  // index into items()
        int column = 0;
        int coder_rank = 0;   // 0 solid, 1 hatched, 2 crossed, ...
        int label_right = 0;  // where the code's name is drawn along the bar
    };
    // The bars of the lines on screen, as painted and as the mouse finds them.
    std::vector<DrawnBar> bars_in_view();
    std::optional<DrawnBar> bar_at(const wxPoint& point);
    std::string tooltip_at(const wxPoint& point);
    // What a left click does; false when the point is on no bar.
    bool click_at(const wxPoint& point);
    const std::vector<StripeItem>& items() const { return items_; }
    const StripeLayout& layout() const { return layout_; }
    // The codes of the columns, left to right, and the coders of the legend, top to bottom.
    std::vector<Id> column_codes() const;
    std::vector<std::string> legend() const { return legend_; }
    // Draws what is on screen (what painting does; tests draw into a bitmap).
    void draw(wxDC& dc);

private:
    struct Metrics {
        int lane;   // a bar and the space before the next lane
        int label;  // room for the code's name along the bar; 0 when compressed
        int gap;    // between columns
    };
    Metrics metrics_for(int limit) const;
    int natural_width(const Metrics& m) const;
    // Each column's left edge; -1 for a column not shown. Packed: only the columns of the
    // bars `shown`, side by side in codebook order.
    std::vector<int> column_lefts(const std::vector<std::size_t>& shown) const;
    int column_width(int column) const;
    int legend_height() const;
    void on_paint(wxPaintEvent& event);
    void on_motion(wxMouseEvent& event);
    void on_menu(wxContextMenuEvent& event);

    TranscriptView* view_;
    Callbacks callbacks_;
    std::vector<StripeItem> items_;
    StripeLayout layout_;
    std::vector<std::string> legend_;  // coder names in coder-rank order
    Metrics metrics_{5, 13, 4};
    // Too many codes for a column each beside the transcript: the codes coded on screen
    // get the columns, in codebook order, and change as the text scrolls; metrics_ then
    // follows what is on screen.
    bool packed_ = false;
    int width_limit_ = 200;
    std::string shown_tip_;
};

}  // namespace quire::gui
