// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

// How search costs grow with the size of one input: NEAR inside one long paragraph,
// `quire-cli code apply --match` and `search --apply-code` on a long transcript, OR of many
// words and of many wildcards, each at 1x, 4x and 16x; and the tokenizer's throughput on
// plain and on diacritic-heavy text. Prints one table; `runs` bounds the repetitions.
namespace bench {

int run_scaling(const std::string& cli, const std::string& work, int runs);

}  // namespace bench
