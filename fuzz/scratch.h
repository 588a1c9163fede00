// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/project/project.h"

// Where the harnesses may write: a folder of their own under the system's temporary folder,
// made once per process and removed when the process ends normally (a crash leaves it, with
// nothing in it but fuzz inputs and the scratch project).
namespace quire::fuzz {

const std::filesystem::path& scratch_folder();

// Writes the input to `relative` inside the scratch folder (its folders are made) and
// returns the file's path.
std::string write_scratch_file(const std::filesystem::path& relative, const std::uint8_t* data,
                               std::size_t size);

// A project made once per process in the scratch folder, holding what readers look names
// up against: the document "Interview", the codes "Risk" and "Risk/Trust", the coder
// "Alex". Wrap each input in a Project::Action that is never committed, so that every input
// starts from the same project.
Project& scratch_project();

// Aborts (a crash to libFuzzer) unless the offset model holds in `project`: every document's
// text is NFC UTF-8 without CR, and every coding is a non-empty range inside its document.
void check_offset_model(Project& project);

// Runs `import` on the scratch project inside an action that is never committed, so every
// input meets the same project, and checks the offset model after an input it accepted.
// A quire::Error is the documented answer to bad input (refused, the project unchanged).
void import_rolled_back(const std::function<void(Project&)>& import);

}  // namespace quire::fuzz
