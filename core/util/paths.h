// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

// Per-user folders, following the XDG base directory specification.
namespace quire::util {

// $XDG_DATA_HOME/quire or ~/.local/share/quire, created if missing. Throws Error when no
// folder can be created.
std::string user_data_dir();

// $XDG_CONFIG_HOME/quire or ~/.config/quire, created if missing (settings, never data).
std::string user_config_dir();

// $XDG_CACHE_HOME/quire or ~/.cache/quire, created if missing (rebuildable caches only).
std::string user_cache_dir();

// Replaces `path` with the complete file `partial` (a rename, so readers see the old file or
// the new one, never half of one); removes `partial` and throws Error when that fails.
void move_into_place(const std::string& partial, const std::string& path);

}  // namespace quire::util
