// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

// The numbered SQL migrations of schemas/, compiled in at build time.
namespace quire::storage {

struct Migration {
    int version;      // user_version after this step
    const char* sql;  // the step's statements
};

const std::vector<Migration>& migrations();

}  // namespace quire::storage
