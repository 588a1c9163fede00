// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

// The yardstick for agreement speed: the least work that computes NVivo-style character
// kappa for two coders, one code and one document from sorted, non-overlapping ranges.
namespace bench {

struct Range {
    std::int64_t start, end;
};

// Returns kappa (NaN when undefined) for a document of `length` code points.
double minimal_character_kappa(const std::vector<Range>& a, const std::vector<Range>& b,
                               std::int64_t length);

// A coding as loaded from the project file.
struct RawCoding {
    int coder;  // 0 or 1
    int code;
    std::int64_t start, end;
};

// The whole minimal job for one document: sort the raw codings by code, coder and start,
// merge each coder's overlapping ranges, and compute kappa per code. Adds each code's
// kappa (0 when undefined) to `sum`.
void minimal_document(std::vector<RawCoding>& codings, int codes, std::int64_t length, double& sum);

}  // namespace bench
