// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/base/progress.h"
#include "core/query/query.h"

// Text operands of coding queries answered by the search index: every hit of the text, as
// `quire-cli search` reads it, as the code points of its matched words. Throws what
// Index::search throws (QueryError for a malformed text, SearchIndexError), and what
// opening the index throws.
namespace quire {
class Project;
}

namespace quire::search {

class Index;

class IndexTextFinder : public query::TextFinder {
public:
    // Searches an index already open.
    explicit IndexTextFinder(Index& index);
    // Opens the project's index on the first text operand only: a question of codes alone
    // never waits for indexing. Indexing reports through `progress` (and stops when it says).
    IndexTextFinder(Project& project, Progress progress);
    ~IndexTextFinder() override;
    std::map<Id, std::vector<TextRange>> find(const std::string& text) override;

private:
    Project* project_ = nullptr;
    Progress progress_;
    std::unique_ptr<Index> owned_;
    Index* index_ = nullptr;
};

}  // namespace quire::search
