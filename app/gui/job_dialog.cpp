// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/job_dialog.h"

#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/gauge.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace quire::gui {

JobDialog::JobDialog(wxWindow* parent, const wxString& title, const wxString& message,
                     Options options)
    : wxDialog(parent, wxID_ANY, title), options_(std::move(options)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    message_ = new wxStaticText(this, wxID_ANY, message, wxDefaultPosition, wxDefaultSize,
                                wxST_ELLIPSIZE_MIDDLE);
    message_->SetMinSize(wxSize(420, -1));
    sizer->Add(message_, 0, wxEXPAND | wxALL, 12);
    if (options_.describe) {
        gauge_ = new wxGauge(this, wxID_ANY, 1, wxDefaultPosition, wxSize(-1, 16),
                             wxGA_HORIZONTAL | wxGA_SMOOTH);
        sizer->Add(gauge_, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
    } else {
        // Turns by itself: nothing has to drive it while the work gives no count.
        auto* busy = new wxActivityIndicator(this);
        busy->Start();
        sizer->Add(busy, 0, wxALIGN_CENTER | wxLEFT | wxRIGHT, 12);
    }
    if (options_.can_cancel) {
        cancel_ = new wxButton(this, wxID_CANCEL, "Cancel");
        sizer->Add(cancel_, 0, wxALIGN_RIGHT | wxALL, 12);
        cancel_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel(); });
    } else {
        sizer->AddSpacer(12);
    }
    SetSizerAndFit(sizer);
    CentreOnParent();
    // Only the outcome closes the dialog: closing it otherwise is cancelling, if anything.
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
        if (event.CanVeto()) {
            event.Veto();
        }
        if (options_.can_cancel) {
            cancel();
        }
    });
}

void JobDialog::run(const std::function<void()>& start) {
    // Started from inside the modal loop, so that the outcome, which comes through the
    // event loop too, always finds the dialog shown.
    CallAfter(start);
    ShowModal();
}

void JobDialog::show_progress(std::size_t done, std::size_t total) {
    if (!options_.describe) {
        return;
    }
    message_->SetLabel(options_.describe(done, total));
    if (total > 0) {
        gauge_->SetRange(static_cast<int>(total));
        gauge_->SetValue(static_cast<int>(std::min(done, total)));
    } else {
        gauge_->Pulse();
    }
}

void JobDialog::finish() {
    if (IsModal()) {
        EndModal(wxID_OK);
    }
}

void JobDialog::cancel() {
    if (cancel_ != nullptr) {
        cancel_->Disable();
    }
    if (on_cancel) {
        on_cancel();
    }
}

}  // namespace quire::gui
