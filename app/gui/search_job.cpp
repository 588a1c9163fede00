// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/search_job.h"

#include "core/project/project.h"

namespace quire::gui {

SearchJob::SearchJob(std::string project_path, std::optional<search::SearchRequest> request)
    : project_path_(std::move(project_path)), request_(std::move(request)) {}

SearchJob::~SearchJob() {
    cancel();
    if (worker_.joinable()) {
        worker_.join();
    }
}

void SearchJob::start() {
    worker_ = std::thread([this] { run(); });
}

std::string SearchJob::error() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return error_;
}

search::SearchResults SearchJob::results() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return results_;
}

search::UpdateReport SearchJob::index_report() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return report_;
}

void SearchJob::run() {
    try {
        Project project = Project::open(project_path_);
        search::Index index(project, {}, [this](std::size_t done, std::size_t total) {
            indexed_ = done;
            to_index_ = total;
            return !cancelled_;
        });
        {
            std::lock_guard<std::mutex> lock(mutex_);
            report_ = index.opened();
        }
        if (request_ && !cancelled_) {
            search::SearchResults r = index.search(*request_);
            std::lock_guard<std::mutex> lock(mutex_);
            results_ = std::move(r);
        }
    } catch (const Cancelled&) {
        cancelled_ = true;
    } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(mutex_);
        error_ = e.what();
    }
    finished_ = true;
}

}  // namespace quire::gui
