// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace quire::agreement {

// Sorts `values` by a non-negative integer key, keeping the order of equal keys: a
// least-significant-digit radix sort of `bits` bits a pass, with only as many passes as
// the largest key needs. The agreement sweeps sort many short lists of positions and
// lengths; this beats sorting by comparisons several times over. `scratch` is reused
// storage.
template <typename T, typename Key>
void radix_sort(std::vector<T>& values, std::vector<T>& scratch, Key key, int bits = 8) {
    const std::size_t buckets = std::size_t{1} << bits;
    std::uint64_t largest = 0;
    for (const T& v : values) {
        largest = std::max<std::uint64_t>(largest, key(v));
    }
    scratch.resize(values.size());
    std::vector<std::size_t> count(buckets);
    for (int shift = 0; shift < 64 && (largest >> shift) != 0; shift += bits) {
        std::fill(count.begin(), count.end(), 0);
        for (const T& v : values) {
            ++count[(key(v) >> shift) & (buckets - 1)];
        }
        std::size_t total = 0;
        for (std::size_t& c : count) {
            total += std::exchange(c, total);
        }
        for (const T& v : values) {
            scratch[count[(key(v) >> shift) & (buckets - 1)]++] = v;
        }
        values.swap(scratch);
    }
}

}  // namespace quire::agreement
