// SPDX-License-Identifier: GPL-3.0-or-later
#include <wx/app.h>
#include <wx/button.h>
#include <wx/frame.h>
#include <wx/utils.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "app/gui/background_job.h"
#include "app/gui/job_dialog.h"
#include "core/base/errors.h"

using quire::Cancelled;
using quire::Progress;
using quire::gui::BackgroundJob;

namespace {

// Handles events for about `ms` milliseconds.
void pump_for(int ms) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    do {
        wxTheApp->ProcessPendingEvents();
        wxYield();
        wxMilliSleep(5);
    } while (std::chrono::steady_clock::now() < until);
}

// Spins until `flag` is set (at most ten seconds, so that a broken job fails the test
// instead of hanging it).
void wait_until(const std::atomic<bool>& flag) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!flag && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

// Work that reports progress until it is cancelled.
int until_cancelled(const Progress& progress, std::atomic<bool>& started) {
    for (std::size_t i = 0; i < 10000; ++i) {
        quire::report_progress(progress, i, 10000);
        started = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return -1;
}

// What a job delivered, kept apart from any window so that it outlives them.
struct Deliveries {
    std::vector<int> results;
    std::vector<std::exception_ptr> errors;
    std::vector<std::pair<std::size_t, std::size_t>> progress;
    bool on_ui_thread = true;
};

// Starts `work` on `job`, recording into `d` what arrives.
void start(BackgroundJob<int>& job, std::function<int(const Progress&)> work,
           const std::shared_ptr<Deliveries>& d) {
    const std::thread::id ui = std::this_thread::get_id();
    job.start(
        std::move(work),
        [d, ui](int r) {
            d->on_ui_thread = d->on_ui_thread && std::this_thread::get_id() == ui;
            d->results.push_back(r);
        },
        [d, ui](std::exception_ptr e) {
            d->on_ui_thread = d->on_ui_thread && std::this_thread::get_id() == ui;
            d->errors.push_back(e);
        },
        [d, ui](std::size_t done, std::size_t total) {
            d->on_ui_thread = d->on_ui_thread && std::this_thread::get_id() == ui;
            d->progress.emplace_back(done, total);
        });
}

// A window that owns a job, as the workbench's windows do.
class JobWindow : public wxFrame {
public:
    JobWindow() : wxFrame(nullptr, wxID_ANY, "job") {}
    BackgroundJob<int> job;
};

}  // namespace

TEST_CASE("a background job's result and progress arrive on the UI thread", "[gui]") {
    BackgroundJob<int> job;
    auto d = std::make_shared<Deliveries>();
    start(
        job,
        [](const Progress& progress) {
            for (std::size_t i = 1; i <= 100000; ++i) {
                quire::report_progress(progress, i, 100000);
            }
            return 42;
        },
        d);
    CHECK(job.running());
    job.wait();
    CHECK_FALSE(job.running());
    CHECK(d->results == std::vector<int>{42});
    CHECK(d->errors.empty());
    CHECK(d->on_ui_thread);
    // Throttled, yet the last report (done == total) arrives, before the result.
    REQUIRE_FALSE(d->progress.empty());
    CHECK(d->progress.size() < 1000);
    CHECK(d->progress.back() == std::make_pair<std::size_t, std::size_t>(100000, 100000));
}

TEST_CASE("an exception thrown by a background job's work arrives typed", "[gui]") {
    BackgroundJob<int> job;
    auto d = std::make_shared<Deliveries>();
    start(
        job, [](const Progress&) -> int { throw quire::NotFoundError("no such code"); }, d);
    job.wait();
    CHECK(d->results.empty());
    REQUIRE(d->errors.size() == 1);
    CHECK(d->on_ui_thread);
    CHECK_THROWS_AS(std::rethrow_exception(d->errors[0]), quire::NotFoundError);
}

TEST_CASE("a cancelled background job delivers Cancelled", "[gui]") {
    BackgroundJob<int> job;
    auto d = std::make_shared<Deliveries>();
    auto started = std::make_shared<std::atomic<bool>>(false);
    start(
        job, [started](const Progress& progress) { return until_cancelled(progress, *started); },
        d);
    wait_until(*started);
    job.cancel();
    CHECK(job.running());  // until the Cancelled arrives
    job.wait();
    CHECK(d->results.empty());
    REQUIRE(d->errors.size() == 1);
    CHECK_THROWS_AS(std::rethrow_exception(d->errors[0]), Cancelled);
}

TEST_CASE("an abandoned background job is idle at once and delivers nothing", "[gui]") {
    auto d = std::make_shared<Deliveries>();
    {
        BackgroundJob<int> job;
        auto started = std::make_shared<std::atomic<bool>>(false);
        start(
            job,
            [started](const Progress& progress) { return until_cancelled(progress, *started); }, d);
        wait_until(*started);
        job.abandon();
        CHECK_FALSE(job.running());
        pump_for(50);
    }
    pump_for(50);
    CHECK(d->results.empty());
    CHECK(d->errors.empty());
}

TEST_CASE("a stale background run's result is dropped and only the newest arrives", "[gui]") {
    BackgroundJob<int> job;
    auto d = std::make_shared<Deliveries>();
    auto release = std::make_shared<std::atomic<bool>>(false);
    // The first run ignores cancelling and ends only when released, after the second.
    start(
        job,
        [release](const Progress&) {
            wait_until(*release);
            return 1;
        },
        d);
    start(
        job, [](const Progress&) { return 2; }, d);
    job.wait();
    CHECK(d->results == std::vector<int>{2});
    *release = true;
    pump_for(200);
    CHECK(d->results == std::vector<int>{2});
    CHECK(d->errors.empty());
    CHECK_FALSE(job.running());
}

TEST_CASE("a result for a window closed meanwhile is dropped without harm", "[gui]") {
    auto d = std::make_shared<Deliveries>();
    auto* window = new JobWindow;
    window->Show();
    // Ignores cancelling and reports progress until it returns, so that both its progress
    // and its result reach the queue after the window has started closing. The handlers use
    // the window, as real ones do: called after it is gone, they would use freed memory.
    window->job.start(
        [](const Progress& progress) {
            for (std::size_t i = 0; i < 200; ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
                if (progress) {
                    progress(i, 200);
                }
            }
            return 7;
        },
        [window, d](int r) {
            window->SetTitle("done");
            d->results.push_back(r);
        },
        [window, d](std::exception_ptr e) {
            window->SetTitle("failed");
            d->errors.push_back(e);
        },
        [window, d](std::size_t done, std::size_t total) {
            window->SetTitle("working");
            d->progress.emplace_back(done, total);
        });
    window->Destroy();  // the job, destroyed with it, waits for the worker
    pump_for(300);
    CHECK(d->results.empty());
    CHECK(d->errors.empty());
}

TEST_CASE("run_modal returns the work's result, or rethrows what it threw", "[gui]") {
    CHECK(quire::gui::run_modal<int>(nullptr, "Working", "Please wait",
                                     [](const Progress&) { return 5; }) == 5);
    CHECK_THROWS_AS(quire::gui::run_modal<void>(
                        nullptr, "Working", "Please wait",
                        [](const Progress&) { throw quire::InvalidInputError("bad input"); }),
                    quire::InvalidInputError);
}

TEST_CASE("Cancel in run_modal's dialog stops the work and rethrows Cancelled", "[gui]") {
    quire::gui::JobDialog::Options options;
    options.can_cancel = true;
    options.describe = [](std::size_t done, std::size_t total) {
        return wxString::Format("%zu of %zu", done, total);
    };
    const auto press_cancel = [] {
        for (wxWindow* w : wxTopLevelWindows) {
            if (auto* dialog = dynamic_cast<quire::gui::JobDialog*>(w)) {
                auto* button = dynamic_cast<wxButton*>(dialog->FindWindow(wxID_CANCEL));
                if (button == nullptr) {
                    return;  // the test then times out in until_cancelled and fails
                }
                wxCommandEvent click(wxEVT_BUTTON, wxID_CANCEL);
                click.SetEventObject(button);
                button->ProcessWindowEvent(click);
            }
        }
    };
    auto started = std::make_shared<std::atomic<bool>>(false);
    CHECK_THROWS_AS(quire::gui::run_modal<int>(
                        nullptr, "Working", "Please wait",
                        [started, press_cancel](const Progress& progress) {
                            wxTheApp->CallAfter(press_cancel);  // as a user would, once shown
                            return until_cancelled(progress, *started);
                        },
                        options),
                    Cancelled);
}
