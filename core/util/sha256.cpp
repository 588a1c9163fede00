// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/sha256.h"

#include <openssl/evp.h>

#include "core/base/errors.h"

namespace quire::util {

std::string sha256_hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1 ||
        length != 32) {
        // Only a broken or misconfigured libcrypto gets here: SHA-256 is always built in.
        throw Error("SHA-256 is not available from OpenSSL's libcrypto");
    }
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(digits[digest[i] >> 4]);
        out.push_back(digits[digest[i] & 0xF]);
    }
    return out;
}

}  // namespace quire::util
