// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/app.h>
#include <wx/utils.h>

#include "app/gui/main_frame.h"

namespace quire::test {

// A shown workbench window that is destroyed at the end of the test, with pending events
// processed.
struct FrameUnderTest {
    FrameUnderTest() : frame(new gui::MainFrame) {
        frame->Show();
        settle();
    }
    ~FrameUnderTest() {
        frame->Destroy();
        settle();
    }
    FrameUnderTest(const FrameUnderTest&) = delete;
    FrameUnderTest& operator=(const FrameUnderTest&) = delete;
    static void settle() {
        for (int i = 0; i < 5; ++i) {
            wxTheApp->ProcessPendingEvents();
            wxYield();
        }
    }
    gui::MainFrame* frame;
};

}  // namespace quire::test
