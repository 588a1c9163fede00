// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/stc/stc.h>

#include <memory>
#include <string>
#include <vector>

#include "core/base/text_range.h"
#include "core/text/graphemes.h"
#include "core/text/unicode.h"

namespace quire::gui {

// A coded passage to paint: its range and colour "#RRGGBB".
struct PaintedRange {
    TextRange range;
    std::string color;
};

// The read-only transcript. Speaks code points to the rest of the GUI and converts to
// Scintilla's UTF-8 byte positions here, at the edge, through one OffsetMap per document.
class TranscriptView : public wxStyledTextCtrl {
public:
    explicit TranscriptView(wxWindow* parent);

    void show_text(const std::string& text);
    void clear_text();
    // Replaces all highlights. Overlapping ranges go to separate indicator layers, so
    // overlaps show as blended, stacked boxes.
    void paint(const std::vector<PaintedRange>& ranges);

    // Marks search hits with an outline over the coding highlights; an empty list clears
    // them. Cleared when another text is shown.
    void mark_hits(const std::vector<TextRange>& hits);
    bool is_hit_at(std::int64_t code_point) const;
    // Scrolls so that the code point is in view, a few lines from the top.
    void reveal(std::int64_t code_point);

    // The selection (empty, at the caret, when nothing is selected).
    TextRange selection_code_points() const;
    // `range` widened to whole characters (grapheme clusters): Scintilla lets a selection
    // end between the halves of a flag or inside an emoji sequence, which a coding must
    // not. Unchanged when it already holds whole characters.
    TextRange whole_characters(const TextRange& range);
    // Selects the range, clamped to the text, and scrolls it into view.
    void select_code_points(const TextRange& range);
    // Number of highlight layers drawn at a code point (for tests and tooltips).
    int layers_at(std::int64_t code_point) const;
    // The colour ("#RRGGBB") of the first layer at a code point, or "" when uncoded.
    std::string color_at(std::int64_t code_point) const;
    std::int64_t length_code_points() const { return offsets_ ? offsets_->code_points() : 0; }
    const std::string& text() const { return text_; }
    // The code point under a point of the window (client coordinates), or -1 off the text.
    std::int64_t code_point_at(const wxPoint& point);
    // The code point at a Scintilla position (as mouse events give them); -1 outside the text.
    std::int64_t code_point_at_position(int position) const;
    // The selection's colour, "#RRGGBB", for tests: it must not look like a code's tint.
    static std::string selection_colour();

    // Geometry for windows drawn beside the text (coding stripes), in this window's pixels
    // and code points. The code points whose lines are on screen, whole lines:
    TextRange visible_code_points();
    // The top of the screen line holding the code point, and that line's height; may lie
    // above or below the window.
    int line_top_of(std::int64_t code_point);
    int line_height_of(std::int64_t code_point);

private:
    static constexpr int kFirstIndicator = wxSTC_INDIC_CONTAINER;  // 0-7 belong to lexers
    static constexpr int kLayers = 16;
    static constexpr int kHitIndicator = kFirstIndicator + kLayers;
    std::string text_;
    std::unique_ptr<text::OffsetMap> offsets_;
    std::unique_ptr<text::GraphemeBreaks> characters_;  // made when first needed
};

}  // namespace quire::gui
