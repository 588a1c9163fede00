// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>

// The bundled demo project: fictional interviews about a fictional school-based
// exploitation-prevention programme, its codebook and two coders' codings. The data lives
// in core/demo/data and is compiled in. Codings there are anchored by quotations, not
// offsets, so the text can be edited without recomputing positions.
namespace quire::demo {

// File name (relative to core/demo/data) -> content.
const std::map<std::string, std::string>& embedded_files();

// Writes a fresh demo project to `path`, which must not exist. Throws quire::Error (for
// example ConflictError when the file exists).
void write_demo_project(const std::string& path);

// A fresh copy in the user's data folder (replacing an earlier demo copy there); returns
// its path. The shipped data stays untouched.
std::string fresh_demo_copy();

}  // namespace quire::demo
