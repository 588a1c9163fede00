// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/query/query.h"

// Text operands of coding queries answered by the search index: every hit of the text, as
// `quire-cli search` reads it, as the code points of its matched words. Throws what
// Index::search throws (QueryError for a malformed text, SearchIndexError).
namespace quire::search {

class Index;

class IndexTextFinder : public query::TextFinder {
public:
    explicit IndexTextFinder(Index& index) : index_(index) {}
    std::map<Id, std::vector<TextRange>> find(const std::string& text) override;

private:
    Index& index_;
};

}  // namespace quire::search
