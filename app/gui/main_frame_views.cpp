// SPDX-License-Identifier: GPL-3.0-or-later
// MainFrame: what the coder sees. Blind coding, hidden coders and codes (kept per coder in
// the project), and the codebook's counts.
#include <wx/choicdlg.h>
#include <wx/menu.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "app/gui/error_dialog.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "app/gui/wx_strings.h"
#include "core/base/errors.h"

namespace quire::gui {
namespace {

// "  (16 · 59 in all)": a code's own count, and with its child codes when they add to it.
std::string count_label(const std::string& own, const std::string& in_all, bool children_add,
                        bool any) {
    if (children_add) {
        return "  (" + own + " \u00B7 " + in_all + " in all)";
    }
    return any ? "  (" + own + ")" : "";
}

std::string percent(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) {
        return "0%";
    }
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f%%",
                  100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buffer;
}

}  // namespace

std::map<Id, std::string> MainFrame::code_count_labels(const std::vector<Code>& codes) {
    std::map<Id, std::string> labels;
    const bool scoped = counts_in_open_document_ && current_document_;
    if (code_counts_ == CodeCounts::Codings && !scoped && !layers_hidden_) {
        // Every coding of the project: one index lookup a code, and a code's count with its
        // children's adds up its children's, which come after it in tree order (counting
        // both ways per code walked the codings twice).
        std::map<Id, std::int64_t> own, all;
        for (const Code& c : codes) {
            own[c.id] = all[c.id] = project_->coding_count(c.id);
        }
        for (auto it = codes.rbegin(); it != codes.rend(); ++it) {
            if (it->parent_id) {
                all[*it->parent_id] += all[it->id];
            }
        }
        for (const Code& c : codes) {
            labels[c.id] = count_label(std::to_string(own[c.id]), std::to_string(all[c.id]),
                                       all[c.id] > own[c.id], own[c.id] > 0);
        }
        return labels;
    }
    CodingFilter filter;
    if (scoped) {
        filter.document_id = current_document_;
    }
    if (layers_hidden_ && visible_coders_) {
        // A blind coder's counts come from the layers they see, not from the others'.
        filter.coder_ids.assign(visible_coders_->begin(), visible_coders_->end());
        if (filter.coder_ids.empty()) {
            filter.coder_ids.push_back(0);  // none: no coder has id 0
        }
    }
    const CodeStatisticsTable table = project_->code_statistics(filter);
    for (const CodeStatistics& s : table.codes) {
        switch (code_counts_) {
            case CodeCounts::Codings:
                labels[s.code] =
                    count_label(std::to_string(s.codings), std::to_string(s.codings_in_all),
                                s.codings_in_all > s.codings, s.codings > 0);
                break;
            case CodeCounts::Documents:
                labels[s.code] =
                    count_label(std::to_string(s.documents) + (s.documents == 1 ? " doc" : " docs"),
                                std::to_string(s.documents_in_all),
                                s.documents_in_all > s.documents, s.documents > 0);
                break;
            case CodeCounts::Coverage:
                labels[s.code] = count_label(percent(s.covered, table.text_length),
                                             percent(s.covered_in_all, table.text_length),
                                             s.covered_in_all > s.covered, s.covered > 0);
                break;
        }
    }
    return labels;
}

void MainFrame::set_code_counts(CodeCounts counts, bool open_document_only) {
    code_counts_ = counts;
    counts_in_open_document_ = open_document_only;
    wxMenuBar* bar = GetMenuBar();
    bar->Check(counts == CodeCounts::Codings     ? kCountCodings
               : counts == CodeCounts::Documents ? kCountDocuments
                                                 : kCountCoverage,
               true);
    bar->Check(kCountThisDocument, open_document_only);
    refresh_codebook();
}

void MainFrame::load_view() {
    visible_coders_.reset();
    hidden_codes_.clear();
    layers_hidden_ = false;
    bool blind = false;
    if (project_) {
        guarded(this, [&] {
            Coder coder;
            try {
                coder = project_->find_coder(coder_name());
            } catch (const NotFoundError&) {
                return;  // a coder without codings yet sees everything
            }
            const CoderView view = project_->coder_view(coder.id);
            blind = view.blind;
            layers_hidden_ = view.blind || !view.hidden_coders.empty();
            const std::vector<Id> visible = project_->visible_coders(coder.id);
            visible_coders_ = std::set<Id>(visible.begin(), visible.end());
            // A hidden code hides its child codes: codes() lists parents first.
            std::set<Id> hidden(view.hidden_codes.begin(), view.hidden_codes.end());
            for (const Code& c : project_->codes()) {
                if (hidden.count(c.id) > 0 || (c.parent_id && hidden_codes_.count(*c.parent_id))) {
                    hidden_codes_.insert(c.id);
                }
            }
        });
    }
    GetMenuBar()->Check(kBlindCoding, blind);
    SetStatusText(
        blind ? wx("Blind coding: " + coder_name() + "'s codings and the consensus") : wxString(),
        1);
}

bool MainFrame::coding_visible(const Coding& coding) const {
    return (!visible_coders_ || visible_coders_->count(coding.coder_id) > 0) &&
           hidden_codes_.count(coding.code_id) == 0;
}

bool MainFrame::set_blind(bool blind) {
    if (!project_) {
        return false;
    }
    const bool ok = guarded(this, [&] {
        const Coder coder = project_->ensure_coder(coder_name());
        CoderView view = project_->coder_view(coder.id);
        view.blind = blind;
        project_->set_coder_view(coder.id, view);
    });
    load_view();
    refresh_codings();
    refresh_codebook();  // a blind coder's counts are of the layers they see
    return ok;
}

bool MainFrame::hide_code(Id code, bool hidden) {
    if (!project_) {
        return false;
    }
    const bool ok = guarded(this, [&] {
        const Coder coder = project_->ensure_coder(coder_name());
        CoderView view = project_->coder_view(coder.id);
        view.hidden_codes.erase(
            std::remove(view.hidden_codes.begin(), view.hidden_codes.end(), code),
            view.hidden_codes.end());
        if (hidden) {
            view.hidden_codes.push_back(code);
        }
        project_->set_coder_view(coder.id, view);
    });
    load_view();
    refresh_codings();
    return ok;
}

void MainFrame::on_show_coders() {
    if (!project_) {
        return;
    }
    guarded(this, [&] {
        const Coder viewer = project_->ensure_coder(coder_name());
        CoderView view = project_->coder_view(viewer.id);
        const std::vector<Coder> coders = project_->coders();
        wxArrayString names;
        wxArrayInt shown;
        for (std::size_t i = 0; i < coders.size(); ++i) {
            names.Add(wx(coders[i].name));
            if (std::find(view.hidden_coders.begin(), view.hidden_coders.end(), coders[i].id) ==
                view.hidden_coders.end()) {
                shown.Add(static_cast<int>(i));
            }
        }
        wxMultiChoiceDialog dialog(this,
                                   view.blind ? "Blind coding is on: only your codings and the "
                                                "consensus show, whatever is ticked here."
                                              : "Show the codings of",
                                   "Show Coders", names);
        dialog.SetSelections(shown);
        if (dialog.ShowModal() != wxID_OK) {
            return;
        }
        view.hidden_coders.clear();
        const wxArrayInt chosen = dialog.GetSelections();
        for (std::size_t i = 0; i < coders.size(); ++i) {
            if (chosen.Index(static_cast<int>(i)) == wxNOT_FOUND) {
                view.hidden_coders.push_back(coders[i].id);
            }
        }
        project_->set_coder_view(viewer.id, view);
    });
    load_view();
    refresh_codings();
    refresh_codebook();
}

}  // namespace quire::gui
