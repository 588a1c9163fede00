// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>
#include <string>

// Which workbench has a project open, so that opening the same file again (a second
// double-click in the file manager) brings the window already showing it to the front
// instead of starting a second writer.
//
// The first workbench to open a project claims it: it holds a lock on a file named after the
// project's canonical path (released by the system when the process ends, however it ends)
// and listens on a local socket beside it. Both live in a folder only the user can enter
// ($XDG_RUNTIME_DIR/quire, else the user cache folder). Nothing here throws: a claim that
// cannot be made for want of a folder or socket is reported as unavailable, and the
// workbench then opens the project as before.
namespace quire::util {

class WorkbenchClaim {
public:
    enum class Outcome {
        Claimed,        // this process now owns the project
        HeldElsewhere,  // another process owns it (and was asked to come forward if wished)
        Unavailable,    // no claim could be made here; the caller goes ahead without one
    };

    // Tries to claim `project_path`. `on_raise` runs on a listener thread of this claim each
    // time another process asks for the window; it must hand the work to the UI thread.
    // With `raise_owner`, a project held elsewhere is asked to come forward.
    static std::unique_ptr<WorkbenchClaim> claim(const std::string& project_path,
                                                 std::function<void()> on_raise, bool raise_owner,
                                                 Outcome& outcome);

    // Stops listening (waiting for a callback in progress), removes the socket and releases
    // the lock.
    ~WorkbenchClaim();
    WorkbenchClaim(const WorkbenchClaim&) = delete;
    WorkbenchClaim& operator=(const WorkbenchClaim&) = delete;

    struct State;

private:
    explicit WorkbenchClaim(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

// Asks the workbench that owns `project_path` to bring its window forward. True when one
// owns it and answered; false when none does (or it could not be reached).
bool ask_owner_to_raise(const std::string& project_path);

}  // namespace quire::util
