// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/utils.h>

#include <chrono>

#include "app/gui/search_panel.h"
#include "tests/gui/frame_under_test.h"

namespace quire::test {

// Waits, handling events, until the search pane's background job (indexing or a search)
// has finished; false when it is still running after 30 seconds.
inline bool wait_for(gui::SearchPanel* panel) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < until) {
        FrameUnderTest::settle();
        if (!panel->busy()) {
            return true;
        }
        wxMilliSleep(20);
    }
    return false;
}

}  // namespace quire::test
