// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace quire::util {

// A random (version 4) UUID in lower-case canonical form, e.g. for entity GUIDs.
std::string new_guid();

// The current UTC time as ISO 8601 with seconds, e.g. "2026-11-28T13:45:07Z".
std::string now_utc();

}  // namespace quire::util
