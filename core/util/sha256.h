// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

// SHA-256 (FIPS 180-4) from OpenSSL's libcrypto; throws quire::Error only if libcrypto cannot
// provide it.
namespace quire::util {

// SHA-256 of `data` as 64 lower-case hex digits. Used for content hashes that detect
// re-imports and for derived GUIDs; not for anything secret.
std::string sha256_hex(std::string_view data);

}  // namespace quire::util
