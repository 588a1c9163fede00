// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

// Files in ../shared, beside the checkout (QUIRE_SHARED_DIR): real corpora and the REFI-QDA
// schemas, present in CI but never copied into the project. A test that reads them is
// tagged [shared] and starts with
//
//     const std::string file = quire::test::shared_file("corpora/...");
//     if (file.empty()) {
//         return;
//     }
//
// When the file is absent, shared_file() prints QUIRE_SHARED_SKIP_MARKER and ctest counts
// the whole test as skipped (tests/CMakeLists.txt), even if it failed: so check nothing
// before, and return at once. Without ../shared, ctest runs the [shared] tests as one test
// and lists it as "core: N tests skipped: ../shared is absent".
namespace quire::test {

// The full path of `relative` in ../shared, or "" (saying so) when it is absent.
inline std::string shared_file(const std::string& relative) {
    const std::filesystem::path path = std::filesystem::path(QUIRE_SHARED_DIR) / relative;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        WARN(QUIRE_SHARED_SKIP_MARKER << "/" << relative << ", which is absent (" << path.string()
                                      << ")");
        return {};
    }
    return path.string();
}

}  // namespace quire::test
