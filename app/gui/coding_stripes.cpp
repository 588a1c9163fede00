// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/coding_stripes.h"

#include <wx/control.h>
#include <wx/dcbuffer.h>
#include <wx/menu.h>
#include <wx/settings.h>

#include <algorithm>
#include <map>

#include "app/gui/codebook_ui.h"
#include "app/gui/transcript_view.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {
namespace {

constexpr int kPadding = 3;
constexpr int kLegendRow = 15;
constexpr int kMenuUncode = 1;
constexpr int kMenuMemo = 2;

// Coders told apart by pattern, not colour: the colour already says the code.
wxBrushStyle coder_pattern(int coder_rank) {
    static constexpr wxBrushStyle kPatterns[] = {
        wxBRUSHSTYLE_SOLID,           wxBRUSHSTYLE_BDIAGONAL_HATCH,
        wxBRUSHSTYLE_CROSSDIAG_HATCH, wxBRUSHSTYLE_HORIZONTAL_HATCH,
        wxBRUSHSTYLE_FDIAGONAL_HATCH, wxBRUSHSTYLE_CROSS_HATCH};
    return kPatterns[static_cast<std::size_t>(coder_rank) % std::size(kPatterns)];
}

void draw_patterned(wxDC& dc, const wxRect& rect, const wxColour& colour, int coder_rank) {
    const wxBrushStyle pattern = coder_pattern(coder_rank);
    if (rect.GetWidth() < 4) {
        // Too thin for an outline or a hatch: other coders' bars are a lighter shade.
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(coder_rank == 0 ? colour : colour.ChangeLightness(150)));
        dc.DrawRectangle(rect);
        return;
    }
    dc.SetPen(wxPen(colour.ChangeLightness(75)));
    if (pattern == wxBRUSHSTYLE_SOLID) {
        dc.SetBrush(wxBrush(colour));
        dc.DrawRectangle(rect);
        return;
    }
    dc.SetBrush(wxBrush(colour.ChangeLightness(165)));
    dc.DrawRectangle(rect);
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(colour.ChangeLightness(80), pattern));
    dc.DrawRectangle(rect);
}

}  // namespace

CodingStripes::CodingStripes(wxWindow* parent, TranscriptView* view, Callbacks callbacks)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxSize(0, -1), wxBORDER_NONE),
      view_(view),
      callbacks_(std::move(callbacks)) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetFont(wxFontInfo(8).Family(wxFONTFAMILY_SWISS).FaceName("DejaVu Sans"));
    Bind(wxEVT_PAINT, &CodingStripes::on_paint, this);
    Bind(wxEVT_MOTION, &CodingStripes::on_motion, this);
    Bind(wxEVT_CONTEXT_MENU, &CodingStripes::on_menu, this);
    Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& e) { click_at(e.GetPosition()); });
    // Scrolling, selection, zoom and re-wrapping after a resize all move the lines.
    auto follow = [this](wxEvent& e) {
        e.Skip();
        Refresh(false);
    };
    view_->Bind(wxEVT_STC_UPDATEUI, follow);
    view_->Bind(wxEVT_STC_ZOOM, follow);
    view_->Bind(wxEVT_SIZE, follow);
}

void CodingStripes::show(std::vector<StripeItem> items, const std::vector<Id>& code_order,
                         const std::vector<Id>& coder_order) {
    items_ = std::move(items);
    std::vector<StripeCoding> codings;
    codings.reserve(items_.size());
    std::map<int, std::string> coders;
    for (const StripeItem& item : items_) {
        codings.push_back({item.code, item.coder, item.range});
    }
    layout_ = lay_out_stripes(codings, code_order, coder_order);
    for (const StripeBar& bar : layout_.bars) {
        coders.emplace(bar.coder_rank, items_[bar.coding].coder_name);
    }
    legend_.clear();
    for (const auto& entry : coders) {
        legend_.push_back(entry.second);
    }
    set_width_limit(width_limit_);
    shown_tip_.clear();
    UnsetToolTip();
    Refresh(false);
}

void CodingStripes::set_width_limit(int pixels) {
    width_limit_ = std::max(0, pixels);
    metrics_ = metrics_for(width_limit_);
    packed_ = natural_width(metrics_) > width_limit_;
    // Room for the coders' names in the legend when there is room at all.
    const int wanted = items_.empty() ? 0 : std::max(natural_width(metrics_), 44);
    const int width = std::min(wanted, width_limit_);
    if (GetMinSize().GetWidth() != width) {
        SetMinSize(wxSize(width, -1));
        Show(width > 0);
        if (GetParent() != nullptr) {
            GetParent()->Layout();
        }
    }
}

CodingStripes::Metrics CodingStripes::metrics_for(int limit) const {
    // Many codes: first closer together; when even that is too wide, the columns are
    // packed (see bars_in_view) rather than thinned to hairlines without names.
    const Metrics full{5, 13, 4};
    const Metrics close{4, 12, 2};
    if (natural_width(full) <= limit) {
        return full;
    }
    return natural_width(close) <= limit ? close : full;
}

int CodingStripes::natural_width(const Metrics& m) const {
    int width = 2 * kPadding;
    for (const StripeColumn& c : layout_.columns) {
        width += c.lanes * m.lane + m.label + m.gap;
    }
    return width;
}

std::vector<int> CodingStripes::column_lefts(const std::vector<std::size_t>& shown) const {
    std::vector<bool> used(layout_.columns.size(), !packed_);
    for (const std::size_t i : shown) {
        used[static_cast<std::size_t>(layout_.bars[i].column)] = true;
    }
    std::vector<int> lefts(layout_.columns.size(), -1);
    int left = kPadding;
    for (std::size_t c = 0; c < layout_.columns.size(); ++c) {
        if (used[c]) {
            lefts[c] = left;
            left += column_width(static_cast<int>(c));
        }
    }
    return lefts;
}

int CodingStripes::column_width(int column) const {
    return layout_.columns[static_cast<std::size_t>(column)].lanes * metrics_.lane +
           metrics_.label + metrics_.gap;
}

int CodingStripes::legend_height() const {
    return legend_.empty() ? 0 : static_cast<int>(legend_.size()) * kLegendRow + 6;
}

std::vector<Id> CodingStripes::column_codes() const {
    std::vector<Id> out;
    for (const StripeColumn& c : layout_.columns) {
        out.push_back(c.code);
    }
    return out;
}

std::vector<CodingStripes::DrawnBar> CodingStripes::bars_in_view() {
    std::vector<DrawnBar> out;
    if (items_.empty()) {
        return out;
    }
    const TextRange visible = view_->visible_code_points();
    const int bottom = GetClientSize().GetHeight() - legend_height();
    const int right = GetClientSize().GetWidth() - kPadding;
    const std::vector<std::size_t> shown = layout_.bars_overlapping(visible);
    if (packed_) {
        // Names when the columns on screen fit with them; else thin lanes without names
        // (names in the tooltips), so that no code coded on screen goes unseen.
        std::vector<bool> used(layout_.columns.size(), false);
        for (const std::size_t i : shown) {
            used[static_cast<std::size_t>(layout_.bars[i].column)] = true;
        }
        int columns = 0, lanes = 0;
        for (std::size_t c = 0; c < used.size(); ++c) {
            columns += used[c] ? 1 : 0;
            lanes += used[c] ? layout_.columns[c].lanes : 0;
        }
        const Metrics named{5, 11, 2};
        const int room = GetClientSize().GetWidth() - 2 * kPadding;
        if (lanes * named.lane + columns * (named.label + named.gap) <= room) {
            metrics_ = named;
        } else {
            metrics_ = Metrics{std::clamp((room - 2 * columns) / std::max(1, lanes), 2, 4), 0, 2};
        }
    }
    const std::vector<int> lefts = column_lefts(shown);
    for (const std::size_t i : shown) {
        const StripeBar& bar = layout_.bars[i];
        const int left = lefts[static_cast<std::size_t>(bar.column)];
        if (left + column_width(bar.column) - metrics_.gap > right) {
            continue;  // more columns on screen than room: see the Codings tab
        }
        const TextRange& range = items_[bar.coding].range;
        // The last code point, not the end: a coding that takes in a line break ends on
        // the line of that break, not on the next.
        const std::int64_t last = std::max(range.start, range.end - 1);
        const int top = range.start < visible.start ? -2 : view_->line_top_of(range.start);
        const int end = last >= visible.end
                            ? bottom + 2
                            : view_->line_top_of(last) + view_->line_height_of(last);
        DrawnBar drawn;
        drawn.rect = wxRect(left + bar.lane * metrics_.lane, top + 1, metrics_.lane - 1,
                            std::max(3, end - top - 2));
        drawn.label_right = left + column_width(bar.column) - metrics_.gap + 1;
        drawn.item = bar.coding;
        drawn.column = bar.column;
        drawn.coder_rank = bar.coder_rank;
        out.push_back(drawn);
    }
    return out;
}

std::optional<CodingStripes::DrawnBar> CodingStripes::bar_at(const wxPoint& point) {
    std::optional<DrawnBar> found;
    for (const DrawnBar& bar : bars_in_view()) {
        // A lane is a few pixels wide: a pixel of slack either side makes it easy to hit.
        wxRect target = bar.rect;
        target.Inflate(1, 0);
        // The innermost (shortest) bar at the point wins: nested codings stay reachable.
        if (target.Contains(point) && (!found || bar.rect.GetHeight() < found->rect.GetHeight())) {
            found = bar;
        }
    }
    return found;
}

std::string CodingStripes::tooltip_at(const wxPoint& point) {
    const std::optional<DrawnBar> bar = bar_at(point);
    if (!bar) {
        return {};
    }
    const StripeItem& item = items_[bar->item];
    std::string tip = item.code_path + "\nCoder: " + item.coder_name;
    if (!item.memo.empty()) {
        tip += "\nMemo: " + item.memo;
    }
    for (const std::string& memo : item.attached_memos) {
        tip += "\nMemo: " + memo;
    }
    return tip;
}

bool CodingStripes::click_at(const wxPoint& point) {
    const std::optional<DrawnBar> bar = bar_at(point);
    if (!bar) {
        return false;
    }
    if (callbacks_.select) {
        callbacks_.select(items_[bar->item].coding);
    }
    return true;
}

void CodingStripes::on_motion(wxMouseEvent& event) {
    const std::string tip = tooltip_at(event.GetPosition());
    if (tip != shown_tip_) {
        shown_tip_ = tip;
        if (tip.empty()) {
            UnsetToolTip();
        } else {
            SetToolTip(wx(tip));
        }
    }
    SetCursor(tip.empty() ? wxNullCursor : wxCursor(wxCURSOR_HAND));
}

void CodingStripes::on_menu(wxContextMenuEvent& event) {
    const wxPoint point = ScreenToClient(event.GetPosition());
    const std::optional<DrawnBar> bar = bar_at(point);
    if (!bar) {
        return;
    }
    const Id coding = items_[bar->item].coding;
    wxMenu menu;
    menu.Append(kMenuUncode, wx("Uncode \u201C" + items_[bar->item].code_name + "\u201D"));
    menu.Append(kMenuMemo, wx("Open Memo\u2026"));
    switch (GetPopupMenuSelectionFromUser(menu, point)) {
        case kMenuUncode:
            if (callbacks_.uncode) {
                callbacks_.uncode(coding);
            }
            break;
        case kMenuMemo:
            if (callbacks_.open_memo) {
                callbacks_.open_memo(coding);
            }
            break;
        default:
            break;
    }
}

void CodingStripes::on_paint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    draw(dc);
}

void CodingStripes::draw(wxDC& dc) {
    const wxSize size = GetClientSize();
    dc.SetBackground(wxBrush(wxColour(0xF4, 0xF4, 0xF2)));
    dc.Clear();
    dc.SetPen(wxPen(wxColour(0xDD, 0xDD, 0xDA)));
    dc.DrawLine(size.GetWidth() - 1, 0, size.GetWidth() - 1, size.GetHeight());
    const int bottom = size.GetHeight() - legend_height();
    dc.SetClippingRegion(0, 0, size.GetWidth(), std::max(0, bottom));
    // Per column, the spans already holding a name: names of bars side by side would
    // overlap, so the first (outermost) bar's name is drawn.
    std::map<int, std::vector<std::pair<int, int>>> named;
    dc.SetTextForeground(wxColour(0x44, 0x44, 0x44));
    const std::vector<DrawnBar> bars = bars_in_view();
    if (!packed_) {
        // A faint rule in each column's colour: columns keep their place, coded here or not.
        std::map<Id, std::string> colours;
        for (const StripeItem& item : items_) {
            colours.emplace(item.code, item.colour);
        }
        const std::vector<int> lefts = column_lefts({});
        for (std::size_t c = 0; c < layout_.columns.size(); ++c) {
            dc.SetPen(wxPen(code_colour(colours[layout_.columns[c].code]).ChangeLightness(185)));
            dc.DrawLine(lefts[c], 0, lefts[c], bottom);
        }
    }
    for (const DrawnBar& bar : bars) {
        const StripeItem& item = items_[bar.item];
        draw_patterned(dc, bar.rect, code_colour(item.colour), bar.coder_rank);
        if (metrics_.label == 0) {
            continue;
        }
        const int top = std::max(bar.rect.GetTop(), 0) + 2;
        const int length = std::min(bar.rect.GetBottom(), bottom) - top - 2;
        auto& spans = named[bar.column];
        const bool taken = std::any_of(spans.begin(), spans.end(), [&](const auto& s) {
            return top < s.second && s.first < top + length;
        });
        if (taken || length < 12) {
            continue;
        }
        const wxString name = wxControl::Ellipsize(wx(item.code_name), dc, wxELLIPSIZE_END, length);
        // Turned a quarter clockwise, the text runs down with its top facing right.
        dc.DrawRotatedText(name, bar.label_right, top, -90);
        spans.emplace_back(top, top + dc.GetTextExtent(name).GetWidth());
    }
    dc.DestroyClippingRegion();
    if (legend_.empty()) {
        return;
    }
    dc.SetPen(wxPen(wxColour(0xDD, 0xDD, 0xDA)));
    dc.DrawLine(0, bottom, size.GetWidth(), bottom);
    for (std::size_t rank = 0; rank < legend_.size(); ++rank) {
        const int y = bottom + 4 + static_cast<int>(rank) * kLegendRow;
        draw_patterned(dc, wxRect(kPadding, y + 1, 9, 11), wxColour(0x80, 0x80, 0x80),
                       static_cast<int>(rank));
        dc.DrawText(wxControl::Ellipsize(wx(legend_[rank]), dc, wxELLIPSIZE_END,
                                         size.GetWidth() - kPadding - 14),
                    kPadding + 13, y);
    }
}

}  // namespace quire::gui
