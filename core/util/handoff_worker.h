// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace quire::util {

// A thread of its own that processes items one thread hands over, in the order handed over:
// for pipelines where one stage (reading, say) feeds the next while it goes on. Items pass in
// batches of at least `batch_weight` (each item weighs what hand_over() says): waking the
// thread for every small item would cost more in thread switches than the work.
//
// Contract: hand_over(), failed() and finish() are called from one thread. `process` runs on
// the worker thread only; after it throws, later items are dropped, failed() turns true (so
// the producer can stop early) and finish() rethrows the exception. Destroying the worker
// before finish() drops what is still queued and waits for the item in hand (for leaving
// early on an error or a cancel).
template <typename Item>
class HandoffWorker {
public:
    HandoffWorker(std::function<void(Item&)> process, std::size_t batch_weight)
        : process_(std::move(process)), batch_weight_(batch_weight), thread_([this] { work(); }) {}
    HandoffWorker(const HandoffWorker&) = delete;
    HandoffWorker& operator=(const HandoffWorker&) = delete;
    ~HandoffWorker() { stop(/*abandon=*/true); }

    void hand_over(Item item, std::size_t weight = 1) {
        batch_.push_back(std::move(item));
        batch_total_ += weight;
        if (batch_total_ >= batch_weight_) {
            flush();
        }
    }

    // Whether processing has thrown; finish() will rethrow it.
    bool failed() const { return failed_; }

    // Waits until every item handed over is processed; rethrows what processing threw.
    void finish() {
        flush();
        stop(/*abandon=*/false);
        if (failure_) {
            std::rethrow_exception(failure_);
        }
    }

private:
    void flush() {
        if (batch_.empty()) {
            return;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            for (Item& item : batch_) {
                queue_.push_back(std::move(item));
            }
        }
        wake_.notify_one();
        batch_.clear();
        batch_total_ = 0;
    }

    void stop(bool abandon) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            closing_ = true;
            if (abandon) {
                abandon_ = true;
            }
        }
        wake_.notify_one();
        if (thread_.joinable()) {
            thread_.join();
        }
    }

    void work() {
        while (true) {
            std::deque<Item> items;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wake_.wait(lock, [this] { return !queue_.empty() || closing_; });
                if (queue_.empty() || abandon_) {
                    return;
                }
                items.swap(queue_);
            }
            for (Item& item : items) {
                if (failed_ || abandon_) {
                    break;  // the result is lost already, or no longer wanted
                }
                try {
                    process_(item);
                } catch (...) {
                    failure_ = std::current_exception();
                    failed_ = true;
                }
            }
        }
    }

    std::function<void(Item&)> process_;
    const std::size_t batch_weight_;
    std::vector<Item> batch_;  // the handing thread's, not yet queued
    std::size_t batch_total_ = 0;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Item> queue_;
    bool closing_ = false;
    std::atomic<bool> abandon_{false};  // also read by the worker between items
    std::atomic<bool> failed_{false};
    std::exception_ptr failure_;  // written by the worker, read after joining
    std::thread thread_;          // last: starts once everything above is ready
};

}  // namespace quire::util
