// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/transcript_view.h"

#include <algorithm>
#include <cstdio>

#include "app/gui/wx_strings.h"
#include "core/base/text_range.h"

namespace quire::gui {
namespace {

// Scintilla colours are 0xBBGGRR.
int scintilla_colour(const std::string& hex) {
    unsigned r = 0x9E, g = 0x9E, b = 0x9E;
    if (hex.size() == 7) {
        std::sscanf(hex.c_str() + 1, "%02x%02x%02x", &r, &g, &b);
    }
    return static_cast<int>((b << 16) | (g << 8) | r);
}

std::string hex_colour(int value) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%02X%02X%02X", value & 0xFF, (value >> 8) & 0xFF,
                  (value >> 16) & 0xFF);
    return buffer;
}

}  // namespace

TranscriptView::TranscriptView(wxWindow* parent)
    : wxStyledTextCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_NONE) {
    SetCodePage(wxSTC_CP_UTF8);
    SetWrapMode(wxSTC_WRAP_WORD);
    SetWrapIndentMode(wxSTC_WRAPINDENT_SAME);
    SetMarginWidth(0, 0);
    SetMarginWidth(1, 0);
    SetMarginLeft(12);
    SetMarginRight(12);
    SetExtraDescent(4);
    StyleSetFont(wxSTC_STYLE_DEFAULT,
                 wxFontInfo(11).Family(wxFONTFAMILY_SWISS).FaceName("DejaVu Sans"));
    StyleClearAll();
    SetCaretLineVisible(false);
    // A neutral slate, far from every code's tint (the palette's blues included), so a
    // selection over coded text is never taken for a coding.
    SetSelBackground(true, wxColour(0x37, 0x47, 0x4F));
    SetSelAlpha(95);
    UsePopUp(wxSTC_POPUP_NEVER);  // the workbench's own menu: code, uncode, memo, recode
    for (int layer = 0; layer < kLayers; ++layer) {
        const int indicator = kFirstIndicator + layer;
        IndicatorSetStyle(indicator, wxSTC_INDIC_STRAIGHTBOX);
        // One indicator carries many colours: each range's value is its colour.
        IndicatorSetFlags(indicator, wxSTC_INDICFLAG_VALUEFORE);
        IndicatorSetAlpha(indicator, 70);
        IndicatorSetOutlineAlpha(indicator, 160);
        IndicatorSetUnder(indicator, true);
    }
    IndicatorSetStyle(kHitIndicator, wxSTC_INDIC_FULLBOX);
    IndicatorSetForeground(kHitIndicator, wxColour(0xFF, 0xC1, 0x07));
    IndicatorSetAlpha(kHitIndicator, 110);
    IndicatorSetOutlineAlpha(kHitIndicator, 255);
    IndicatorSetUnder(kHitIndicator, true);
    SetReadOnly(true);
}

std::int64_t TranscriptView::code_point_at(const wxPoint& point) {
    if (!offsets_) {
        return -1;
    }
    const int byte = PositionFromPointClose(point.x, point.y);
    if (byte < 0) {
        return -1;
    }
    return offsets_->code_point_of_byte(byte);
}

std::string TranscriptView::selection_colour() {
    return "#37474F";
}

void TranscriptView::mark_hits(const std::vector<TextRange>& hits) {
    SetIndicatorCurrent(kHitIndicator);
    IndicatorClearRange(0, GetLength());
    if (!offsets_) {
        return;
    }
    for (const TextRange& hit : hits) {
        if (hit.start < 0 || hit.end > offsets_->code_points() || hit.empty()) {
            continue;
        }
        const auto from = static_cast<int>(offsets_->byte_of(hit.start));
        IndicatorFillRange(from, static_cast<int>(offsets_->byte_of(hit.end)) - from);
    }
}

bool TranscriptView::is_hit_at(std::int64_t code_point) const {
    if (!offsets_ || code_point < 0 || code_point >= offsets_->code_points()) {
        return false;
    }
    return const_cast<TranscriptView*>(this)->IndicatorValueAt(
               kHitIndicator, static_cast<int>(offsets_->byte_of(code_point))) != 0;
}

void TranscriptView::reveal(std::int64_t code_point) {
    if (!offsets_) {
        return;
    }
    const int line = LineFromPosition(static_cast<int>(offsets_->byte_of(code_point)));
    SetFirstVisibleLine(std::max(0, VisibleFromDocLine(line) - 3));
}

void TranscriptView::show_text(const std::string& text) {
    text_ = text;
    offsets_ = std::make_unique<text::OffsetMap>(text_);
    characters_.reset();
    SetReadOnly(false);
    SetText(wx(text_));
    SetReadOnly(true);
    EmptyUndoBuffer();
    GotoPos(0);
}

void TranscriptView::clear_text() {
    text_.clear();
    offsets_.reset();
    characters_.reset();
    SetReadOnly(false);
    ClearAll();
    SetReadOnly(true);
}

void TranscriptView::paint(const std::vector<PaintedRange>& ranges) {
    const int length = GetLength();
    for (int layer = 0; layer < kLayers; ++layer) {
        SetIndicatorCurrent(kFirstIndicator + layer);
        IndicatorClearRange(0, length);
    }
    if (!offsets_) {
        return;
    }
    std::vector<TextRange> spans;
    spans.reserve(ranges.size());
    for (const PaintedRange& r : ranges) {
        spans.push_back(r.range);
    }
    const std::vector<int> layers = assign_layers(spans);
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        const PaintedRange& r = ranges[i];
        if (r.range.start < 0 || r.range.end > offsets_->code_points() || r.range.empty()) {
            continue;
        }
        // Beyond the last layer, deeper overlaps share it: still visible, less distinct.
        SetIndicatorCurrent(kFirstIndicator + std::min(layers[i], kLayers - 1));
        SetIndicatorValue(scintilla_colour(r.color) | wxSTC_INDICVALUEBIT);
        const auto from = static_cast<int>(offsets_->byte_of(r.range.start));
        const auto to = static_cast<int>(offsets_->byte_of(r.range.end));
        IndicatorFillRange(from, to - from);
    }
}

TextRange TranscriptView::selection_code_points() const {
    if (!offsets_) {
        return {0, 0};
    }
    const int a = GetSelectionStart();
    const int b = GetSelectionEnd();
    return {offsets_->code_point_of_byte(std::min(a, b)),
            offsets_->code_point_of_byte(std::max(a, b))};
}

TextRange TranscriptView::whole_characters(const TextRange& range) {
    if (!offsets_ || range.start < 0 || range.end > offsets_->code_points()) {
        return range;
    }
    if (!characters_) {
        characters_ = std::make_unique<text::GraphemeBreaks>(text_);
    }
    return characters_->widen(range);
}

void TranscriptView::select_code_points(const TextRange& range) {
    if (!offsets_) {
        return;
    }
    const std::int64_t start = std::clamp<std::int64_t>(range.start, 0, offsets_->code_points());
    const std::int64_t end = std::clamp<std::int64_t>(range.end, start, offsets_->code_points());
    const auto from = static_cast<int>(offsets_->byte_of(start));
    const auto to = static_cast<int>(offsets_->byte_of(end));
    SetSelection(from, to);
    ScrollRange(to, from);
}

int TranscriptView::layers_at(std::int64_t code_point) const {
    if (!offsets_ || code_point < 0 || code_point >= offsets_->code_points()) {
        return 0;
    }
    const auto pos = static_cast<int>(offsets_->byte_of(code_point));
    const unsigned mask =
        const_cast<TranscriptView*>(this)->IndicatorAllOnFor(pos);  // API is not const
    int count = 0;
    for (int layer = 0; layer < kLayers; ++layer) {
        count += (mask >> (kFirstIndicator + layer)) & 1U;
    }
    return count;
}

std::int64_t TranscriptView::code_point_at_position(int position) const {
    if (!offsets_ || position < 0 || position >= offsets_->bytes()) {
        return -1;
    }
    return offsets_->code_point_of_byte(position);
}

std::string TranscriptView::color_at(std::int64_t code_point) const {
    if (!offsets_ || code_point < 0 || code_point >= offsets_->code_points()) {
        return {};
    }
    auto* self = const_cast<TranscriptView*>(this);
    const auto pos = static_cast<int>(offsets_->byte_of(code_point));
    for (int layer = 0; layer < kLayers; ++layer) {
        const int value = self->IndicatorValueAt(kFirstIndicator + layer, pos);
        if (value != 0) {
            return hex_colour(value & 0xFFFFFF);
        }
    }
    return {};
}

TextRange TranscriptView::visible_code_points() {
    if (!offsets_) {
        return {0, 0};
    }
    // By points, not lines: a paragraph is one line, wrapped over many screen lines, and
    // most of it can be off screen. From the top left to a screen line below the bottom.
    const wxSize size = GetClientSize();
    const int first = CharPositionFromPoint(0, 0);
    const int last = CharPositionFromPoint(size.GetWidth(), size.GetHeight() + TextHeight(0));
    return {offsets_->code_point_of_byte(std::max(0, first)),
            offsets_->code_point_of_byte(std::clamp(last, std::max(0, first), GetLength()))};
}

int TranscriptView::line_top_of(std::int64_t code_point) {
    if (!offsets_) {
        return 0;
    }
    const std::int64_t at = std::clamp<std::int64_t>(code_point, 0, offsets_->code_points());
    return PointFromPosition(static_cast<int>(offsets_->byte_of(at))).y;
}

int TranscriptView::line_height_of(std::int64_t code_point) {
    if (!offsets_) {
        return TextHeight(0);
    }
    const std::int64_t at = std::clamp<std::int64_t>(code_point, 0, offsets_->code_points());
    return TextHeight(LineFromPosition(static_cast<int>(offsets_->byte_of(at))));
}

}  // namespace quire::gui
