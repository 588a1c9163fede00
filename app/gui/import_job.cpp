// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/import_job.h"

#include "core/base/errors.h"
#include "core/project/project.h"

namespace quire::gui {

ImportJob::ImportJob(std::string project_path, std::vector<std::string> files)
    : project_path_(std::move(project_path)), files_(std::move(files)) {}

ImportJob::~ImportJob() {
    cancel();
    if (worker_.joinable()) {
        worker_.join();
    }
}

void ImportJob::start() {
    worker_ = std::thread([this] { run(); });
}

std::string ImportJob::current_file() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return current_;
}

std::string ImportJob::error() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return error_;
}

std::vector<std::string> ImportJob::report() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return report_;
}

void ImportJob::run() {
    try {
        Project project = Project::open(project_path_);
        Project::Action action(project);
        for (const std::string& file : files_) {
            if (cancelled_) {
                break;
            }
            {
                std::lock_guard<std::mutex> lock(mutex_);
                current_ = file;
            }
            const ImportOutcome r = project.import_file(file);
            {
                std::lock_guard<std::mutex> lock(mutex_);
                report_.push_back(
                    r.duplicate ? "Skipped " + file + ": same text as \"" + r.document.name + "\""
                                : "Imported \"" + r.document.name + "\" (" + r.encoding + ")");
            }
            ++done_;
        }
        if (!cancelled_) {
            action.commit();
        }
    } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(mutex_);
        error_ = e.what();
    }
    finished_ = true;
}

}  // namespace quire::gui
