// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// Importing transcripts off the UI thread. The worker opens its own connection to the
// project file (connections are never shared across threads) and imports every file in
// one transaction: cancelled or failed means nothing was added.
namespace quire::gui {

class ImportJob {
public:
    ImportJob(std::string project_path, std::vector<std::string> files);
    ~ImportJob();  // cancels and joins
    ImportJob(const ImportJob&) = delete;
    ImportJob& operator=(const ImportJob&) = delete;

    void start();
    void cancel() { cancelled_ = true; }
    bool finished() const { return finished_; }
    // Files completed so far, of files().size().
    int done() const { return done_; }
    const std::vector<std::string>& files() const { return files_; }
    std::string current_file() const;

    // Valid once finished(): empty error means the import was committed.
    bool was_cancelled() const { return cancelled_; }
    std::string error() const;
    std::vector<std::string> report() const;

private:
    void run();
    std::string project_path_;
    std::vector<std::string> files_;
    std::thread worker_;
    std::atomic<bool> cancelled_{false};
    std::atomic<bool> finished_{false};
    std::atomic<int> done_{0};
    mutable std::mutex mutex_;
    std::string current_;
    std::string error_;
    std::vector<std::string> report_;
};

}  // namespace quire::gui
