// SPDX-License-Identifier: GPL-3.0-or-later
// MainFrame's coding query, matrix, co-occurrence and chart windows (Analyse menu).
#include <wx/menu.h>

#include "app/gui/code_chart.h"
#include "app/gui/cooccurrence_frame.h"
#include "app/gui/error_dialog.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/matrix_frame.h"
#include "app/gui/query_frame.h"
#include "app/gui/transcript_view.h"
#include "app/gui/wx_strings.h"

namespace quire::gui {
namespace {

// Shows the window kept in `kept`, making it first when there is none.
template <typename Frame, typename Make>
Frame* raised(wxWeakRef<Frame>& kept, Make make) {
    if (!kept) {
        kept = make();
    }
    kept->Show();
    kept->Raise();
    return kept;
}

}  // namespace

void MainFrame::bind_query_menu() {
    on_menu(kCodingQuery, [this] { open_coding_query(); });
    on_menu(kMatrix, [this] { open_matrix(); });
    on_menu(kCooccurrence, [this] { open_cooccurrence(); });
    on_menu(kCodeChart, [this] { open_chart(); });
}

QueryFrame* MainFrame::open_coding_query() {
    if (!project_) {
        return nullptr;
    }
    QueryFrame* frame = raised(query_frame_, [this] { return new QueryFrame(this); });
    frame->refresh_choices();
    return frame;
}

MatrixFrame* MainFrame::open_matrix() {
    if (!project_) {
        return nullptr;
    }
    MatrixFrame* frame = raised(matrix_frame_, [this] { return new MatrixFrame(this); });
    frame->refresh_choices();
    return frame;
}

CooccurrenceFrame* MainFrame::open_cooccurrence() {
    if (!project_) {
        return nullptr;
    }
    CooccurrenceFrame* frame =
        raised(cooccurrence_frame_, [this] { return new CooccurrenceFrame(this); });
    frame->refresh_choices();
    return frame;
}

ChartFrame* MainFrame::open_chart() {
    if (!project_) {
        return nullptr;
    }
    ChartFrame* frame = raised(chart_frame_, [this] { return new ChartFrame(this); });
    frame->refresh_choices();
    return frame;
}

// They show this project: they go with it.
void MainFrame::close_query_windows() {
    if (query_frame_) {
        query_frame_->Destroy();
    }
    if (matrix_frame_) {
        matrix_frame_->Destroy();
    }
    if (cooccurrence_frame_) {
        cooccurrence_frame_->Destroy();
    }
    if (chart_frame_) {
        chart_frame_->Destroy();
    }
    query_frame_ = nullptr;
    matrix_frame_ = nullptr;
    cooccurrence_frame_ = nullptr;
    chart_frame_ = nullptr;
}

void MainFrame::open_passage(Id document, const TextRange& range) {
    if (!project_) {
        return;
    }
    if (current_document_ != document && !select_document(document)) {
        return;
    }
    transcript_->reveal(range.start);
    transcript_->select_code_points(range);
    Raise();
}

std::int64_t MainFrame::store_passages_as_code(const std::vector<query::Passage>& passages,
                                               const std::string& code) {
    if (!project_) {
        return -1;
    }
    std::int64_t added = -1;
    guarded(this, [&] {
        label("Store Query Results as Code \"" + code + "\"");
        // The coder and the codings are one action: one Undo takes both back.
        Project::Action action(*project_);
        const Coder coder = project_->ensure_coder(coder_name());
        query::Engine engine(*project_);
        added = engine.store_as_code(passages, code, coder.id);
        action.commit();
        SetStatusText(wx("Coded " + std::to_string(added) + " passages with \"" + code + "\" as " +
                         coder.name + ". Edit > Undo takes them back."));
    });
    refresh_all();
    return added;
}

}  // namespace quire::gui
