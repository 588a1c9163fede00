// SPDX-License-Identifier: GPL-3.0-or-later
// MainFrame's coding stripes beside the transcript and its Retrieved Segments tab.
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/sizer.h>

#include <algorithm>
#include <map>

#include "app/gui/coding_stripes.h"
#include "app/gui/error_dialog.h"
#include "app/gui/main_frame.h"
#include "app/gui/memo_pane.h"
#include "app/gui/retrieved_segments.h"
#include "app/gui/transcript_view.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {
namespace {

// The stripes may take a quarter of the transcript's room, a fifth on a small screen, and
// never more than this.
constexpr int kStripesMostWidth = 240;

}  // namespace

// The stripes at the transcript's left edge, on the same top line so that their bars meet
// the text's lines.
wxWindow* MainFrame::build_transcript_area(wxWindow* parent) {
    auto* area = new wxPanel(parent);
    transcript_ = new TranscriptView(area);
    CodingStripes::Callbacks callbacks;
    callbacks.select = [this](Id coding) { select_coding(coding); };
    callbacks.uncode = [this](Id coding) { uncode(coding); };
    callbacks.open_memo = [this](Id coding) { open_coding_memo(coding); };
    stripes_ = new CodingStripes(area, transcript_, callbacks);
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(stripes_, 0, wxEXPAND);
    sizer->Add(transcript_, 1, wxEXPAND);
    area->SetSizer(sizer);
    area->Bind(wxEVT_SIZE, [this, area](wxSizeEvent& e) {
        e.Skip();
        const int width = area->GetClientSize().GetWidth();
        // The transcript keeps the room first: a sixth for the stripes, an eighth when narrow.
        stripes_->set_width_limit(std::min(kStripesMostWidth, width / (width >= 600 ? 6 : 8)));
    });
    return area;
}

void MainFrame::refresh_stripes(const std::vector<Segment>& segments) {
    if (!project_ || !current_document_) {
        stripes_->clear();
        return;
    }
    guarded(this, [&] {
        std::vector<Id> code_order, coder_order;
        std::map<Id, Code> codes;
        for (const Code& c : project_->codes()) {
            code_order.push_back(c.id);
            codes[c.id] = c;
        }
        for (const Coder& c : project_->coders()) {
            coder_order.push_back(c.id);
        }
        std::map<Id, std::vector<std::string>> attached;
        for (const Memo& m : project_->memos()) {
            if (m.target == Memo::Target::Coding && m.target_id) {
                attached[*m.target_id].push_back(m.title.empty() ? m.text
                                                                 : m.title + ": " + m.text);
            }
        }
        std::vector<StripeItem> items;
        items.reserve(segments.size());
        for (const Segment& s : segments) {
            StripeItem item;
            item.coding = s.coding.id;
            item.code = s.coding.code_id;
            item.coder = s.coding.coder_id;
            item.range = {s.coding.start, s.coding.end};
            item.code_name = codes[s.coding.code_id].name;
            item.code_path = s.code;
            item.colour = codes[s.coding.code_id].color;
            item.coder_name = s.coder;
            item.memo = s.coding.memo;
            item.attached_memos = attached[s.coding.id];
            items.push_back(std::move(item));
        }
        stripes_->show(std::move(items), code_order, coder_order);
    });
}

void MainFrame::select_coding(Id coding) {
    const auto it = std::find_if(shown_codings_.begin(), shown_codings_.end(),
                                 [coding](const Coding& c) { return c.id == coding; });
    if (it == shown_codings_.end()) {
        return;
    }
    const long row = static_cast<long>(it - shown_codings_.begin());
    codings_->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                           wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    codings_->EnsureVisible(row);
    // Selecting the row selects the passage too; said again in case the row already was.
    transcript_->select_code_points({it->start, it->end});
}

bool MainFrame::uncode(Id coding) {
    if (!project_) {
        return false;
    }
    std::string what;
    const bool removed = guarded(this, [&] {
        const Coding c = project_->coding(coding);
        what = project_->code_path(c.code_id);
        label("Uncode");
        project_->remove_coding(coding);
    });
    if (removed) {
        SetStatusText(wx("Removed the coding with \"" + what + "\". Edit > Undo brings it back."),
                      0);
    }
    refresh_codings();
    refresh_codebook();
    refresh_undo_menu();
    return removed;
}

// The memo pane, on the coding: the same place every memo is written.
void MainFrame::open_coding_memo(Id coding) {
    if (!project_) {
        return;
    }
    select_coding(coding);
    memo_pane_->show_kind(Memo::Target::Coding);
    side_->SetSelection(static_cast<std::size_t>(side_->FindPage(memo_pane_)));
    memo_pane_->focus_text();
}

RetrievedSegmentsPanel* MainFrame::show_retrieved() {
    if (!project_) {
        return nullptr;
    }
    side_->SetSelection(static_cast<std::size_t>(side_->FindPage(retrieved_)));
    return retrieved_;
}

void MainFrame::open_coding(const Coding& coding) {
    if (!project_) {
        return;
    }
    if (current_document_ != coding.document_id && !select_document(coding.document_id)) {
        return;
    }
    transcript_->reveal(coding.start);
    select_coding(coding.id);
    transcript_->select_code_points({coding.start, coding.end});
}

// The documents as the list shows them, so that no document's row (and text) is read again.
void MainFrame::refresh_retrieval_choices() {
    if (!project_) {
        return;
    }
    RetrievedSegmentsPanel::Choices codes, documents, coders, groups, cases;
    guarded(this, [&] {
        for (const Code& c : project_->codes()) {
            codes.emplace_back(c.id, project_->code_path(c.id));
        }
        for (const Coder& c : project_->coders()) {
            coders.emplace_back(c.id, c.name);
        }
        // Every document, whichever group the documents list shows.
        for (const Document& d : project_->documents()) {
            documents.emplace_back(d.id, d.name);
        }
        for (const DocumentGroup& g : project_->groups()) {
            groups.emplace_back(g.id, g.name);
        }
        for (const Case& c : project_->cases()) {
            cases.emplace_back(c.id, c.name);
        }
    });
    retrieved_->set_choices(std::move(codes), std::move(documents), std::move(coders),
                            std::move(groups), std::move(cases));
    retrieved_->refresh();
}

}  // namespace quire::gui
