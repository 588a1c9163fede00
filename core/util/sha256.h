// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace quire::util {

// SHA-256 of `data` as 64 lower-case hex digits (FIPS 180-4). Used for content hashes that
// detect re-imports; not for anything secret.
std::string sha256_hex(std::string_view data);

}  // namespace quire::util
