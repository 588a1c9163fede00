// SPDX-License-Identifier: GPL-3.0-or-later
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/support/scratch.h"

// Every test program gets a cache folder of its own: search indexes built by tests never
// land in the user's cache, and parallel test programs never share one.
int main(int argc, char* argv[]) {
    const std::filesystem::path cache = std::filesystem::temp_directory_path() /
                                        ("quire-test-cache-" + quire::test::unique_suffix());
    std::filesystem::create_directories(cache);
    setenv("XDG_CACHE_HOME", cache.c_str(), 1);
    const int status = Catch::Session().run(argc, argv);
    std::error_code ec;
    std::filesystem::remove_all(cache, ec);
    return status;
}
