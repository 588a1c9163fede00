// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/background_job.h"

#include <wx/app.h>
#include <wx/evtloop.h>

namespace quire::gui {

// Shared by one run's worker and the UI thread: atomics only.
struct JobRunner::RunState {
    CancelToken token;
    std::atomic<bool> finished{false};
    // When progress last went to the UI (steady clock, nanoseconds); kNever before.
    static constexpr std::int64_t kNever = INT64_MIN;
    std::atomic<std::int64_t> last_report{kNever};
};

JobRunner::JobRunner() : alive_(std::make_shared<bool>(true)) {}

JobRunner::~JobRunner() {
    *alive_ = false;
    for (Worker& w : workers_) {
        w.state->token.cancel();
    }
    for (Worker& w : workers_) {
        if (w.thread.joinable()) {
            w.thread.join();
        }
    }
    if (wait_loop_ != nullptr) {
        wait_loop_->ScheduleExit();
    }
}

void JobRunner::cancel() {
    if (current_) {
        current_->token.cancel();
    }
}

void JobRunner::abandon() {
    cancel();
    current_.reset();
    running_ = false;
    on_progress_ = nullptr;
    stop_waiting_when_idle();
}

void JobRunner::wait() {
    if (!running_ || wait_loop_ != nullptr) {
        return;
    }
    wxGUIEventLoop loop;
    wait_loop_ = &loop;
    const std::shared_ptr<bool> alive = alive_;
    loop.Run();
    if (*alive) {  // the job may have been destroyed while the loop ran
        wait_loop_ = nullptr;
    }
}

void JobRunner::launch(std::function<Delivery(const Progress&)> run, ProgressHandler on_progress) {
    cancel();  // a run still going is stale from now on
    join_finished();
    const int generation = ++generation_;
    auto state = std::make_shared<RunState>();
    wxAppConsole* const app = wxTheApp;
    Worker worker;
    worker.state = state;
    // The worker holds no window and no reference to this job's members: only the run,
    // its shared state and the alive token, which it hands back to the UI thread.
    worker.thread =
        std::thread([app, state, alive = alive_, self = this, generation, run = std::move(run)] {
            const Delivery delivery = run(throttled_progress(state, alive, self, generation));
            state->finished = true;
            app->CallAfter([alive, self, generation, delivery] {
                if (*alive) {
                    self->delivered(generation, delivery);
                }
            });
        });
    workers_.push_back(std::move(worker));
    current_ = std::move(state);
    running_ = true;
    on_progress_ = std::move(on_progress);
}

Progress JobRunner::throttled_progress(std::shared_ptr<RunState> state, std::shared_ptr<bool> alive,
                                       JobRunner* self, int generation) {
    wxAppConsole* const app = wxTheApp;
    return [app, state, alive, self, generation](std::size_t done, std::size_t total) {
        if (state->token.cancelled()) {
            return false;
        }
        const std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::steady_clock::now().time_since_epoch())
                                     .count();
        std::int64_t last = state->last_report.load();
        const bool due = last == RunState::kNever || (total > 0 && done >= total) ||
                         now - last >= std::chrono::nanoseconds(kProgressInterval).count();
        // Work may report from more than one thread: only one of them posts.
        if (due && state->last_report.compare_exchange_strong(last, now)) {
            app->CallAfter([alive, self, generation, done, total] {
                if (*alive) {
                    self->progressed(generation, done, total);
                }
            });
        }
        return !state->token.cancelled();
    };
}

void JobRunner::progressed(int generation, std::size_t done, std::size_t total) {
    if (running_ && generation == generation_ && on_progress_) {
        const ProgressHandler handler = on_progress_;  // it may start another run
        handler(done, total);
    }
}

void JobRunner::delivered(int generation, const Delivery& delivery) {
    join_finished();
    if (!running_ || generation != generation_) {
        return;  // stale (a newer run started) or abandoned
    }
    current_.reset();
    running_ = false;
    on_progress_ = nullptr;
    const std::shared_ptr<bool> alive = alive_;
    delivery();  // may start the next run
    if (*alive) {
        stop_waiting_when_idle();
    }
}

void JobRunner::join_finished() {
    for (auto it = workers_.begin(); it != workers_.end();) {
        if (it->state->finished) {
            it->thread.join();  // it has only its return left to do
            it = workers_.erase(it);
        } else {
            ++it;
        }
    }
}

void JobRunner::stop_waiting_when_idle() {
    if (!running_ && wait_loop_ != nullptr) {
        wait_loop_->ScheduleExit();
    }
}

}  // namespace quire::gui
