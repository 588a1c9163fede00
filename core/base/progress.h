// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <functional>

#include "core/base/errors.h"

// How long work reports how far it is and learns that it should stop. The work calls the
// Progress with (steps done, steps in all) from its own thread; the callee returns false
// to cancel, and the work then throws Cancelled (report_progress does both).
namespace quire {

using Progress = std::function<bool(std::size_t done, std::size_t total)>;

// Calls `progress` when set; throws Cancelled when it returns false.
inline void report_progress(const Progress& progress, std::size_t done, std::size_t total) {
    if (progress && !progress(done, total)) {
        throw Cancelled();
    }
}

}  // namespace quire
