// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace quire::util {

// A random (version 4) UUID in lower-case canonical form, e.g. for entity GUIDs: 122 random
// bits from the kernel (getrandom) each time, so processes and their forks never share a
// sequence. Throws quire::Error only when the kernel has no random numbers to give.
std::string new_guid();

// The current UTC time as ISO 8601 with seconds, e.g. "2026-11-28T13:45:07Z".
std::string now_utc();

}  // namespace quire::util
