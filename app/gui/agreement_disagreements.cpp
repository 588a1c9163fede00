// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/agreement_disagreements.h"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

#include "app/gui/agreement_chart.h"
#include "app/gui/error_dialog.h"
#include "app/gui/journal_ui.h"
#include "app/gui/transcript_view.h"
#include "app/gui/wx_strings.h"
#include "core/text/unicode.h"

namespace quire::gui {

using agreement::Disagreement;

namespace {

constexpr std::int64_t kContext = 200;  // code points shown either side of a disagreement

wxString span_text(std::int64_t start, std::int64_t end) {
    return wxString::Format(L"%lld\u2013%lld", static_cast<long long>(start),
                            static_cast<long long>(end));
}

}  // namespace

DisagreementsPage::DisagreementsPage(wxWindow* parent, std::string consensus_coder,
                                     Callbacks callbacks)
    : wxPanel(parent),
      consensus_coder_(std::move(consensus_coder)),
      callbacks_(std::move(callbacks)) {
    wxPanel* const page = this;
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    notice_ = new wxStaticText(page, wxID_ANY, "");
    notice_->SetForegroundColour(undefined_text_colour());
    sizer->Add(notice_, 0, wxEXPAND | wxALL, 6);
    list_ = new wxListCtrl(page, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                           wxLC_REPORT | wxLC_SINGLE_SEL);
    list_->AppendColumn("Document", wxLIST_FORMAT_LEFT, 220);
    list_->AppendColumn("Code", wxLIST_FORMAT_LEFT, 450);
    list_->AppendColumn("Range", wxLIST_FORMAT_LEFT, 110);
    list_->AppendColumn("Status", wxLIST_FORMAT_LEFT, 170);
    sizer->Add(list_, 2, wxEXPAND | wxLEFT | wxRIGHT, 6);

    auto* views = new wxBoxSizer(wxHORIZONTAL);
    for (int side = 0; side < 2; ++side) {
        auto* column = new wxBoxSizer(wxVERTICAL);
        auto* label = new wxStaticText(page, wxID_ANY, "");
        label->SetFont(label->GetFont().Bold());
        column->Add(label, 0, wxBOTTOM, 4);
        // The view draws no border of its own; a bordered panel frames it.
        auto* frame = new wxPanel(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_THEME);
        auto* view = new TranscriptView(frame);
        auto* frame_sizer = new wxBoxSizer(wxVERTICAL);
        frame_sizer->Add(view, 1, wxEXPAND);
        frame->SetSizer(frame_sizer);
        column->Add(frame, 1, wxEXPAND);
        views->Add(column, 1, wxEXPAND | (side == 0 ? wxRIGHT : 0), 6);
        (side == 0 ? first_label_ : second_label_) = label;
        (side == 0 ? first_view_ : second_view_) = view;
    }
    sizer->Add(views, 3, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 6);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    adopt_first_ = new wxButton(page, wxID_ANY, "Adopt first coder's version");
    adopt_second_ = new wxButton(page, wxID_ANY, "Adopt second coder's version");
    buttons->Add(adopt_first_, 1, wxRIGHT, 6);
    buttons->Add(adopt_second_, 1);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 6);
    page->SetSizer(sizer);
    adopt_first_->Disable();
    adopt_second_->Disable();

    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) { show(e.GetIndex()); });
    const auto adopt_selected = [this](bool first) {
        const long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (row >= 0) {
            adopt(static_cast<int>(row), first);
        }
    };
    adopt_first_->Bind(wxEVT_BUTTON, [adopt_selected](wxCommandEvent&) { adopt_selected(true); });
    adopt_second_->Bind(wxEVT_BUTTON, [adopt_selected](wxCommandEvent&) { adopt_selected(false); });
}

void DisagreementsPage::show_run(Project& project, const agreement::AgreementRun& run,
                                 std::vector<Id> code_ids, std::vector<Id> document_ids,
                                 std::vector<Code> codes) {
    project_ = &project;
    raters_ = run.raters;
    pair_ = run.groups.empty() && run.raters.size() == 2;
    code_ids_ = std::move(code_ids);
    document_ids_ = std::move(document_ids);
    codes_ = std::move(codes);
    if (pair_) {
        const wxString a = wx(run.raters[0]);
        const wxString b = wx(run.raters[1]);
        notice_->SetLabel(L"Passages where " + a + " and " + b +
                          L" coded differently. Adopting a version writes it to the "
                          L"\u201CConsensus\u201D coder (one step, undoable by "
                          L"adopting the other).");
        adopt_first_->SetLabel(L"Adopt " + a + L"\u2019s version");
        adopt_second_->SetLabel(L"Adopt " + b + L"\u2019s version");
        first_label_->SetLabel(a);
        second_label_->SetLabel(b);
    } else {
        notice_->SetLabel(
            "Disagreements are listed for exactly two individual coders; this run compares " +
            wxString::Format("%llu ", static_cast<unsigned long long>(run.raters.size())) +
            (run.groups.empty() ? "coders." : "groups."));
        first_label_->SetLabel("");
        second_label_->SetLabel("");
    }
    refresh(pair_ ? std::optional<int>(0) : std::nullopt);
    Layout();
}

bool DisagreementsPage::is_unresolved(const Disagreement& d) const {
    return d.consensus.empty() && !adopted_empty_.count({d.document, d.code, d.start, d.end});
}

wxString DisagreementsPage::status_of(const Disagreement& d) const {
    if (!d.consensus.empty()) {
        if (d.consensus == d.first) {
            return L"resolved \u2192 " + wx(raters_[0]);
        }
        if (d.consensus == d.second) {
            return L"resolved \u2192 " + wx(raters_[1]);
        }
        return "consensus differs";
    }
    const auto adopted = adopted_empty_.find({d.document, d.code, d.start, d.end});
    if (adopted != adopted_empty_.end()) {
        return L"resolved \u2192 " + wx(adopted->second);
    }
    return "open";
}

void DisagreementsPage::refresh(std::optional<int> select) {
    disagreements_.clear();
    list_->DeleteAllItems();
    first_view_->clear_text();
    second_view_->clear_text();
    adopt_first_->Disable();
    adopt_second_->Disable();
    if (pair_) {
        guarded(this, [&] {
            disagreements_ = agreement::find_disagreements(
                *project_, raters_[0], raters_[1], code_ids_, document_ids_, consensus_coder_);
        });
    }
    int open = 0;
    for (std::size_t i = 0; i < disagreements_.size(); ++i) {
        const Disagreement& d = disagreements_[i];
        const long row = list_->InsertItem(static_cast<long>(i), wx(d.document_name));
        list_->SetItem(row, 1, wx(d.code_path));
        list_->SetItem(row, 2, span_text(d.start, d.end));
        list_->SetItem(row, 3, status_of(d));
        if (is_unresolved(d)) {
            ++open;
        } else {
            list_->SetItemTextColour(row, wxColour(0x2E, 0x7D, 0x32));
        }
    }
    callbacks_.counted(pair_ ? wxString::Format("Disagreements (%d open)", open)
                             : wxString("Disagreements"));
    if (select && *select >= 0 && static_cast<std::size_t>(*select) < disagreements_.size()) {
        list_->SetItemState(*select, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                            wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        list_->EnsureVisible(*select);
        show(*select);  // the selection event may not come synchronously
    }
}

void DisagreementsPage::show(int row) {
    if (row < 0 || static_cast<std::size_t>(row) >= disagreements_.size()) {
        return;
    }
    const Disagreement& d = disagreements_[static_cast<std::size_t>(row)];
    std::string excerpt;
    std::int64_t from = 0;
    if (!guarded(this, [&] {
            const std::string text = project_->document_text(d.document);
            const text::OffsetMap offsets(text);
            auto first = static_cast<std::size_t>(
                offsets.byte_of(std::max<std::int64_t>(0, d.start - kContext)));
            auto last = static_cast<std::size_t>(
                offsets.byte_of(std::min(offsets.code_points(), d.end + kContext)));
            // Whole words at the edges: widen to the nearest white space, when it is close.
            // White space is ASCII, so stepping over bytes never stops inside a character.
            const auto space = [&](std::size_t i) {
                return text[i] == ' ' || text[i] == '\n' || text[i] == '\t';
            };
            std::size_t widened = first;
            while (widened > 0 && first - widened < 40 && !space(widened - 1)) {
                --widened;
            }
            first = widened == 0 || space(widened - 1) ? widened : first;
            widened = last;
            while (widened < text.size() && widened - last < 40 && !space(widened)) {
                ++widened;
            }
            last = widened == text.size() || space(widened) ? widened : last;
            from = offsets.code_point_of_byte(static_cast<std::int64_t>(first));
            excerpt = text.substr(first, last - first);
        })) {
        return;
    }
    std::string colour = "#9E9E9E";
    for (const Code& c : codes_) {
        if (c.id == d.code) {
            colour = c.color;
        }
    }
    const auto show_side = [&](TranscriptView* view, wxStaticText* label, const std::string& coder,
                               const std::vector<TextRange>& spans) {
        view->show_text(excerpt);
        std::vector<PaintedRange> painted;
        std::int64_t covered = 0;
        for (const auto& [start, end] : spans) {
            painted.push_back({{start - from, end - from}, colour});
            covered += end - start;
        }
        view->paint(painted);
        view->select_code_points({d.start - from, d.start - from});
        label->SetLabel(wx(coder) + L" \u2014 " +
                        (spans.empty()
                             ? wxString("nothing coded here")
                             : wxString::Format("%llu range%s, %lld characters",
                                                static_cast<unsigned long long>(spans.size()),
                                                spans.size() == 1 ? "" : "s",
                                                static_cast<long long>(covered))));
    };
    show_side(first_view_, first_label_, raters_[0], d.first);
    show_side(second_view_, second_label_, raters_[1], d.second);
    adopt_first_->Enable();
    adopt_second_->Enable();
    callbacks_.status(wx(d.document_name) + L" \u00B7 " + wx(d.code_path) + L" \u00B7 " +
                      span_text(d.start, d.end) + L" \u00B7 " + status_of(d));
}

bool DisagreementsPage::adopt(int row, bool first) {
    if (!project_ || !pair_ || row < 0 || static_cast<std::size_t>(row) >= disagreements_.size()) {
        return false;
    }
    const Disagreement d = disagreements_[static_cast<std::size_t>(row)];
    const std::string& coder = raters_[first ? 0 : 1];
    if (!guarded(this, [&] {
            label_actions(*project_, "Adopt " + coder + "'s version");
            agreement::adopt_version(*project_, d,
                                     first ? agreement::Version::First : agreement::Version::Second,
                                     consensus_coder_);
        })) {
        return false;
    }
    const auto key = std::make_tuple(d.document, d.code, d.start, d.end);
    if ((first ? d.first : d.second).empty()) {
        adopted_empty_[key] = coder;
    } else {
        adopted_empty_.erase(key);
    }
    if (callbacks_.adopted) {
        callbacks_.adopted();
    }
    refresh(std::nullopt);
    // Stay on the next open item, wrapping around; else on the one just resolved.
    const int n = static_cast<int>(disagreements_.size());
    int next = std::min(row, n - 1);
    for (int step = 1; step <= n; ++step) {
        const int i = (row + step) % n;
        if (is_unresolved(disagreements_[static_cast<std::size_t>(i)])) {
            next = i;
            break;
        }
    }
    if (next >= 0) {
        list_->SetItemState(next, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                            wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        list_->EnsureVisible(next);
        show(next);
    }
    callbacks_.status(L"Consensus now follows " + wx(coder) + " in " + wx(d.document_name) + " " +
                      span_text(d.start, d.end) + ".");
    return true;
}

int DisagreementsPage::rows() const {
    return list_->GetItemCount();
}

wxString DisagreementsPage::text(int row, int col) const {
    if (row < 0 || row >= list_->GetItemCount() || col < 0 || col > 3) {
        return {};
    }
    return list_->GetItemText(row, col);
}

}  // namespace quire::gui
