// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/base/model.h"
#include "core/base/text_range.h"

namespace quire {
class Project;
}

// Where two coders disagree, passage by passage, and resolving it into a consensus layer
// (the codings of a coder who stands for the team's agreed version, "Consensus" unless
// named otherwise). Contract: may throw quire::Error subclasses; adopting is one
// transaction.
namespace quire::agreement {

// One passage of one code in one document: a connected stretch of the two coders'
// codings (overlapping or touching) in which their ranges differ.
struct Disagreement {
    Id document = 0;
    std::string document_name;
    Id code = 0;
    std::string code_path;
    std::int64_t start = 0;  // the stretch, code points
    std::int64_t end = 0;
    std::vector<TextRange> first;      // the first coder's ranges within it (overlaps merged)
    std::vector<TextRange> second;     // the second coder's
    std::vector<TextRange> consensus;  // what the consensus layer has there now
    std::string first_coder;           // the two coders compared
    std::string second_coder;
};

// Disagreements between two coders, by document, then position, then code. Empty
// `codes` or `documents` means all.
std::vector<Disagreement> find_disagreements(Project& project, const std::string& first_coder,
                                             const std::string& second_coder,
                                             const std::vector<Id>& codes = {},
                                             const std::vector<Id>& documents = {},
                                             const std::string& consensus_coder = "Consensus");

enum class Version { First, Second };

// Makes the consensus coder's codings of this code within [start, end) exactly the chosen
// coder's version: consensus codings inside the stretch are replaced, ones reaching past
// it are trimmed to its edges. Returns the number of consensus codings written. Throws
// ConflictError when the consensus coder is one of the two compared: adopting would overwrite
// that coder's own coding.
int adopt_version(Project& project, const Disagreement& disagreement, Version version,
                  const std::string& consensus_coder = "Consensus");

}  // namespace quire::agreement
