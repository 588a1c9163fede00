// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/text_finder.h"

#include <utility>

#include "search/search.h"

namespace quire::search {

IndexTextFinder::IndexTextFinder(Index& index) : index_(&index) {}

IndexTextFinder::IndexTextFinder(Project& project, Progress progress)
    : project_(&project), progress_(std::move(progress)) {}

IndexTextFinder::~IndexTextFinder() = default;

std::map<Id, std::vector<TextRange>> IndexTextFinder::find(const std::string& text) {
    if (index_ == nullptr) {
        owned_ = std::make_unique<Index>(*project_, IndexOptions{}, progress_);
        index_ = owned_.get();
    }
    // One page at a time: a page's hits are resolved to code points as they are read.
    constexpr std::size_t kPage = 5000;
    std::map<Id, std::vector<TextRange>> out;
    SearchRequest request;
    request.query = text;
    request.limit = kPage;
    while (true) {
        const SearchResults page = index_->search(request);
        for (const Hit& h : page.hits) {
            out[h.document].push_back(h.range);
        }
        if (!page.more) {
            return out;
        }
        request.offset += page.hits.size();
    }
}

}  // namespace quire::search
