// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/display.h>
#include <wx/toplevel.h>

#include <algorithm>

// Top-level windows open at a comfortable size where the screen allows it, and never larger
// than the screen's usable area (a laptop at 1024×680 included), so that no label or button
// starts out of sight.
namespace quire::gui {

// Shrinks `window` (and its minimum size) to the usable area of the display it is on, and
// moves it inside that area. Nothing throws.
inline void fit_to_display(wxTopLevelWindow* window) {
    const int index = wxDisplay::GetFromWindow(window);
    const wxRect area =
        wxDisplay(index == wxNOT_FOUND ? 0u : static_cast<unsigned>(index)).GetClientArea();
    const wxSize min = window->GetMinSize();
    window->SetMinSize(wxSize(std::min(min.x, area.width), std::min(min.y, area.height)));
    const wxSize size = window->GetSize();
    window->SetSize(wxSize(std::min(size.x, area.width), std::min(size.y, area.height)));
    // A window not yet placed (at wxDefaultPosition) is left to the window manager.
    const wxRect rect = window->GetRect();
    if (rect.x != wxDefaultCoord && rect.y != wxDefaultCoord && !area.Contains(rect)) {
        window->Move(std::clamp(rect.x, area.x, area.GetRight() - rect.width + 1),
                     std::clamp(rect.y, area.y, area.GetBottom() - rect.height + 1));
    }
}

}  // namespace quire::gui
