// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/ids.h"

#include <sys/random.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "core/base/errors.h"

namespace quire::util {

std::string new_guid() {
    // 128 bits from the kernel for every GUID. A generator seeded once per process would
    // repeat its sequence in a forked child, and a 32-bit seed gives only 2^32 sequences in
    // all: GUIDs of two coders' copies could then collide when their work is merged.
    std::uint64_t words[2] = {0, 0};
    auto* bytes = reinterpret_cast<unsigned char*>(words);
    std::size_t got = 0;
    while (got < sizeof words) {
        const ssize_t n = ::getrandom(bytes + got, sizeof words - got, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw Error(std::string("no random numbers for a new identifier: ") +
                        std::strerror(errno));
        }
        got += static_cast<std::size_t>(n);
    }
    std::uint64_t hi = words[0];
    std::uint64_t lo = words[1];
    hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
    lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 4122 variant
    char buffer[37];
    std::snprintf(buffer, sizeof buffer, "%08x-%04x-%04x-%04x-%012llx",
                  static_cast<unsigned>(hi >> 32), static_cast<unsigned>((hi >> 16) & 0xFFFF),
                  static_cast<unsigned>(hi & 0xFFFF), static_cast<unsigned>(lo >> 48),
                  static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
    return buffer;
}

std::string now_utc() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

}  // namespace quire::util
