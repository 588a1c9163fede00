// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/base/progress.h"

class wxEventLoopBase;

// Slow work off the UI thread, one way for the whole GUI: the work runs on a worker with a
// quire::Progress, and its progress, its result or the exception it threw come back by
// CallAfter. Contract: UI thread only; handlers never run once the job is gone (its window
// closed) nor for a run that a newer start() made stale.
namespace quire::gui {

// A cancel flag shared by a run's worker and the UI thread.
class CancelToken {
public:
    void cancel() { cancelled_.store(true); }
    bool cancelled() const { return cancelled_.load(); }

private:
    std::atomic<bool> cancelled_{false};
};

// What every BackgroundJob shares whatever its result: threads, generations, progress
// throttling and waiting.
class JobRunner {
public:
    using ProgressHandler = std::function<void(std::size_t done, std::size_t total)>;

    // Progress reaches the UI at most this often, so that fast work cannot flood the event
    // queue; the first report and the last one (done == total) always do.
    static constexpr std::chrono::milliseconds kProgressInterval{50};

    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // Asks the current run to stop: its work throws Cancelled at its next progress report,
    // and that Cancelled (or the result, when the work ended first) is still delivered.
    void cancel();
    // Cancels the current run and drops whatever it delivers: the job is idle at once.
    void abandon();
    // From start() until the current run's outcome has been handled or it was abandoned.
    bool running() const { return running_; }
    // Handles events in a nested event loop until running() is false. Not re-entrant.
    void wait();

protected:
    JobRunner();
    // Cancels every run, then joins its thread: a worker never outlives its job, so it can
    // never post to a job, or use a library, that is gone. Core work stops at its next
    // progress report; work that cannot be interrupted finishes first.
    ~JobRunner();

    // What a run hands to the UI thread: calls the job's handlers with the run's outcome.
    using Delivery = std::function<void()>;
    void launch(std::function<Delivery(const Progress&)> run, ProgressHandler on_progress);

private:
    struct RunState;
    struct Worker {
        std::shared_ptr<RunState> state;
        std::thread thread;
    };

    static Progress throttled_progress(std::shared_ptr<RunState> state, std::shared_ptr<bool> alive,
                                       JobRunner* self, int generation);
    void progressed(int generation, std::size_t done, std::size_t total);
    void delivered(int generation, const Delivery& delivery);
    void join_finished();
    void stop_waiting_when_idle();

    std::vector<Worker> workers_;  // current and stale runs, joined once finished
    std::shared_ptr<RunState> current_;
    int generation_ = 0;  // of the newest run: older ones are stale
    bool running_ = false;
    ProgressHandler on_progress_;
    // Read on the UI thread only, where the job is destroyed, so a delivery and the
    // destruction cannot race; shared so that queued deliveries can still read it.
    std::shared_ptr<bool> alive_;
    wxEventLoopBase* wait_loop_ = nullptr;
};

// A handler of a work's result: std::function<void(Result)>, or <void()> for void work.
template <typename Result>
struct ResultHandlerOf {
    using type = std::function<void(Result)>;
};
template <>
struct ResultHandlerOf<void> {
    using type = std::function<void()>;
};

// A job whose work returns a Result (or void).
template <typename Result>
class BackgroundJob : public JobRunner {
public:
    using Work = std::function<Result(const Progress&)>;
    using ResultHandler = typename ResultHandlerOf<Result>::type;
    // Receives what the work threw (Cancelled when cancel() stopped it); rethrow it to
    // catch it by type.
    using ErrorHandler = std::function<void(std::exception_ptr)>;

    BackgroundJob() = default;

    // Starts `work` on a new thread. The work gets what it needs by value and never
    // touches a window. A run still going is cancelled and made stale: its outcome is
    // dropped. Later, on the UI thread: `on_progress` as the work reports, then
    // either `on_result` or `on_error`.
    void start(Work work, ResultHandler on_result, ErrorHandler on_error,
               ProgressHandler on_progress = {}) {
        on_result_ = std::move(on_result);
        on_error_ = std::move(on_error);
        // The deliveries built on the worker hold `this` but are only called on the UI
        // thread, once the job has checked that it is alive and that the run is current.
        // They call a copy of the handler: a handler may start() the next run, which
        // replaces the stored one while it is still running.
        launch(
            [this, work = std::move(work)](const Progress& progress) -> Delivery {
                try {
                    if constexpr (std::is_void_v<Result>) {
                        work(progress);
                        return [this] { call(on_result_); };
                    } else {
                        auto result = std::make_shared<Result>(work(progress));
                        return [this, result] { call(on_result_, std::move(*result)); };
                    }
                } catch (...) {
                    return [this, error = std::current_exception()] { call(on_error_, error); };
                }
            },
            std::move(on_progress));
    }

private:
    template <typename Handler, typename... Args>
    static void call(const Handler& stored, Args&&... args) {
        const Handler handler = stored;
        if (handler) {
            handler(std::forward<Args>(args)...);
        }
    }

    ResultHandler on_result_;
    ErrorHandler on_error_;
};

}  // namespace quire::gui
