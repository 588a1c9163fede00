// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/dialog.h>

#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include "app/gui/background_job.h"
#include "core/base/errors.h"

class wxButton;
class wxGauge;
class wxStaticText;

// Work the user waits for, as a BackgroundJob under a modal dialog that closes when the
// outcome arrives. Contract: run_modal returns what the work returned or rethrows, on the
// UI thread, what it threw (Cancelled when the user cancelled).
namespace quire::gui {

class JobDialog : public wxDialog {
public:
    struct Options {
        // Offers Cancel, which cancels the job (its Cancelled then closes the dialog).
        bool can_cancel = false;
        // The message for each progress report; with it a gauge shows the count, without
        // it a busy indicator turns until the work ends.
        std::function<wxString(std::size_t done, std::size_t total)> describe;
    };

    JobDialog(wxWindow* parent, const wxString& title, const wxString& message, Options options);

    // Shows the dialog modally, calling `start` from inside its event loop, until finish().
    void run(const std::function<void()>& start);
    void show_progress(std::size_t done, std::size_t total);
    void finish();

    std::function<void()> on_cancel;

private:
    void cancel();

    Options options_;
    wxStaticText* message_ = nullptr;
    wxGauge* gauge_ = nullptr;
    wxButton* cancel_ = nullptr;
};

// Runs `work` on a worker while a JobDialog shows its progress; returns what it returned or
// rethrows what it threw (Cancelled when the user cancelled).
template <typename Result>
Result run_modal(wxWindow* parent, const wxString& title, const wxString& message,
                 typename BackgroundJob<Result>::Work work, JobDialog::Options options = {}) {
    JobDialog dialog(parent, title, message, std::move(options));
    BackgroundJob<Result> job;
    dialog.on_cancel = [&job] { job.cancel(); };
    std::exception_ptr error;
    const auto failed = [&](std::exception_ptr e) {
        error = std::move(e);
        dialog.finish();
    };
    const auto progressed = [&](std::size_t done, std::size_t total) {
        dialog.show_progress(done, total);
    };
    if constexpr (std::is_void_v<Result>) {
        dialog.run([&] {
            job.start(
                std::move(work), [&] { dialog.finish(); }, failed, progressed);
        });
        if (error) {
            std::rethrow_exception(error);
        }
    } else {
        std::optional<Result> result;
        dialog.run([&] {
            job.start(
                std::move(work),
                [&](Result r) {
                    result.emplace(std::move(r));
                    dialog.finish();
                },
                failed, progressed);
        });
        if (error) {
            std::rethrow_exception(error);
        }
        if (!result) {
            throw Cancelled();  // the dialog went away without an outcome
        }
        return std::move(*result);
    }
}

}  // namespace quire::gui
