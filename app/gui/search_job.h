// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "search/search.h"

// Searching off the UI thread. The worker opens its own connection to the project file,
// brings the search index up to date (reporting progress; cancellable while it builds)
// and, when given a request, runs it. Without a request it only updates the index, as
// after an import or a deletion.
namespace quire::gui {

class SearchJob {
public:
    SearchJob(std::string project_path, std::optional<search::SearchRequest> request);
    ~SearchJob();  // cancels and joins
    SearchJob(const SearchJob&) = delete;
    SearchJob& operator=(const SearchJob&) = delete;

    void start();
    void cancel() { cancelled_ = true; }
    bool finished() const { return finished_; }
    // Documents indexed so far and in all, while the index is being built or updated.
    std::size_t indexed() const { return indexed_; }
    std::size_t to_index() const { return to_index_; }

    // Valid once finished().
    bool was_cancelled() const { return cancelled_; }
    std::string error() const;
    search::SearchResults results() const;
    search::UpdateReport index_report() const;

private:
    void run();
    std::string project_path_;
    std::optional<search::SearchRequest> request_;
    std::thread worker_;
    std::atomic<bool> cancelled_{false};
    std::atomic<bool> finished_{false};
    std::atomic<std::size_t> indexed_{0};
    std::atomic<std::size_t> to_index_{0};
    mutable std::mutex mutex_;
    std::string error_;
    search::SearchResults results_;
    search::UpdateReport report_;
};

}  // namespace quire::gui
