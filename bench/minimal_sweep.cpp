// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/minimal_sweep.h"

#include <algorithm>
#include <cmath>

namespace bench {

double minimal_character_kappa(const std::vector<Range>& a, const std::vector<Range>& b,
                               std::int64_t length) {
    std::int64_t coded_a = 0, coded_b = 0, both = 0;
    for (const Range& r : a) {
        coded_a += r.end - r.start;
    }
    for (const Range& r : b) {
        coded_b += r.end - r.start;
    }
    // Two-pointer intersection of two sorted lists.
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        both += std::max<std::int64_t>(
            0, std::min(a[i].end, b[j].end) - std::max(a[i].start, b[j].start));
        if (a[i].end < b[j].end) {
            ++i;
        } else {
            ++j;
        }
    }
    const double n = static_cast<double>(length);
    const double agree = static_cast<double>(length - coded_a - coded_b + 2 * both);
    const double expected = (static_cast<double>(coded_a) * static_cast<double>(coded_b) +
                             (n - coded_a) * (n - coded_b)) /
                            n;
    return n == expected ? std::nan("") : (agree - expected) / (n - expected);
}

void minimal_document(std::vector<RawCoding>& codings, int codes, std::int64_t length,
                      double& sum) {
    std::sort(codings.begin(), codings.end(), [](const RawCoding& x, const RawCoding& y) {
        return x.code != y.code     ? x.code < y.code
               : x.coder != y.coder ? x.coder < y.coder
                                    : x.start < y.start;
    });
    std::vector<Range> merged[2];
    std::size_t i = 0;
    for (int code = 0; code < codes; ++code) {
        merged[0].clear();
        merged[1].clear();
        for (; i < codings.size() && codings[i].code == code; ++i) {
            std::vector<Range>& list = merged[codings[i].coder];
            if (!list.empty() && codings[i].start < list.back().end) {
                list.back().end = std::max(list.back().end, codings[i].end);
            } else {
                list.push_back({codings[i].start, codings[i].end});
            }
        }
        const double k = minimal_character_kappa(merged[0], merged[1], length);
        sum += std::isnan(k) ? 0 : k;
    }
}

}  // namespace bench
