// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/panel.h>

#include <string>
#include <vector>

#include "core/base/text_range.h"

class wxStaticText;
class wxTextCtrl;

namespace quire::gui {

class TranscriptView;

// Find in the open transcript (View > Find in Transcript): a bar under it that marks every
// match, ignoring case and accents (text::find_folded), and steps through them. Ctrl+F stays
// the search across transcripts.
class FindBar : public wxPanel {
public:
    FindBar(wxWindow* parent, TranscriptView* transcript);

    // Shows the bar with the text box focused (the selection's text in it when short).
    void open();
    void close();
    // Finds `text` in the transcript and selects the first match at or after the caret.
    void find(const std::string& text);
    // Selects the next (previous) match, wrapping around; false when there is none.
    bool next();
    bool previous();
    // "3 of 12", "No matches" or "".
    std::string status() const;
    const std::vector<TextRange>& matches() const { return matches_; }
    // The transcript shows another text: old matches no longer apply.
    void forget();

private:
    void select_match(std::size_t index);

    TranscriptView* transcript_;
    wxTextCtrl* query_ = nullptr;
    wxStaticText* status_ = nullptr;
    std::vector<TextRange> matches_;
    std::size_t current_ = 0;
    std::string searched_;
};

}  // namespace quire::gui
