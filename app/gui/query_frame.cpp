// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/query_frame.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/wrapsizer.h>

#include <algorithm>

#include "app/gui/error_dialog.h"
#include "app/gui/list_cells.h"
#include "app/gui/main_frame.h"
#include "app/gui/query_work.h"
#include "app/gui/window_size.h"
#include "app/gui/wx_strings.h"
#include "core/text/unicode.h"

namespace quire::gui {
namespace {

// The operands offered, in the order of the kind chooser.
enum OperandKind {
    kCodeOperand,
    kCodeAloneOperand,
    kCoderOperand,
    kDocumentOperand,
    kGroupOperand,
    kCaseOperand,
    kAttributeOperand,
    kTextOperand
};
const wchar_t* const kOperandKinds[] = {
    L"Code", L"Code without children", L"Coder",         L"Document", L"Group",
    L"Case", L"Attribute = value",     L"Text to search"};

// A name as the language reads it: in quotes, so that spaces and colons stay in it. The
// language has no escape for a quote, so a name holding one is refused (on_add_operand).
std::string quoted(const std::string& name) {
    return "\"" + name + "\"";
}

// A list cell shows less context than a query returns: the passage must stay in view.
constexpr std::int64_t kCellContext = 24;

// The context nearest the passage, trimmed, in brackets: "[…we said] " before it.
std::string bracketed_context(const std::string& context, bool before) {
    const std::int64_t length = text::code_point_count(context);
    const std::int64_t from = before ? std::max<std::int64_t>(0, length - kCellContext) : 0;
    const std::int64_t to = before ? length : std::min(length, kCellContext);
    std::string shown = text::slice(context, from, to);
    const std::size_t first = shown.find_first_not_of(" \t\n");
    if (first == std::string::npos) {
        return {};
    }
    shown = shown.substr(first, shown.find_last_not_of(" \t\n") - first + 1);
    const bool more = before ? from > 0 : to < length;
    return before ? "[" + std::string(more ? "\u2026" : "") + shown + "] "
                  : " [" + shown + (more ? "\u2026" : "") + "]";
}

std::string one_line(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

}  // namespace

QueryFrame::QueryFrame(MainFrame* workbench)
    : wxFrame(workbench, wxID_ANY, "Coding Query"), workbench_(workbench) {
    auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                       wxSP_LIVE_UPDATE | wxSP_3DSASH);
    split->SetMinimumPaneSize(150);
    auto* main = new wxPanel(split);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(build_builder(main), 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 6);
    sizer->Add(build_operators(main), 0, wxEXPAND | wxLEFT | wxRIGHT, 6);
    expression_ =
        new wxTextCtrl(main, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 54), wxTE_MULTILINE);
    expression_->SetHint("code:\"Safety\" NEAR/5 \"young person\"");
    auto* run_row = new wxBoxSizer(wxHORIZONTAL);
    run_row->Add(expression_, 1, wxEXPAND | wxRIGHT, 6);
    auto* run_buttons = new wxBoxSizer(wxVERTICAL);
    run_ = new wxButton(main, wxID_ANY, "&Run");
    auto* clear = new wxButton(main, wxID_ANY, "C&lear");
    run_buttons->Add(run_, 0, wxEXPAND | wxBOTTOM, 4);
    run_buttons->Add(clear, 0, wxEXPAND);
    run_row->Add(run_buttons, 0);
    sizer->Add(run_row, 0, wxEXPAND | wxALL, 6);
    status_ = new wxStaticText(main, wxID_ANY, "Build a query, then Run.", wxDefaultPosition,
                               wxDefaultSize, wxST_ELLIPSIZE_END | wxST_NO_AUTORESIZE);
    status_->SetMinSize(wxSize(40, -1));  // a long message ends in "…"
    sizer->Add(status_, 0, wxEXPAND | wxLEFT | wxRIGHT, 6);
    sizer->Add(build_results(main), 1, wxEXPAND | wxALL, 6);
    main->SetSizer(sizer);
    split->SplitVertically(main, build_saved(split), -230);
    split->SetSashGravity(1.0);
    clear->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { set_expression(""); });
    bind_buttons();
    SetSize(wxSize(980, 660));
    // The smallest size at which every row of controls still fits.
    SetMinSize(wxSize(830, 520));
    fit_to_display(this);
    refresh_choices();
}

wxWindow* QueryFrame::build_builder(wxWindow* parent) {
    auto* row = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    operand_kind_ = new wxChoice(row, wxID_ANY, wxDefaultPosition, wxSize(200, -1));
    for (const wchar_t* kind : kOperandKinds) {
        operand_kind_->Append(kind);
    }
    operand_kind_->SetSelection(kCodeOperand);
    operand_name_ = new wxComboBox(row, wxID_ANY, "", wxDefaultPosition, wxSize(220, -1));
    operand_value_ = new wxTextCtrl(row, wxID_ANY, "", wxDefaultPosition, wxSize(90, -1));
    operand_value_->SetHint("value");
    auto* add = new wxButton(row, wxID_ANY, "&Add Operand");
    sizer->Add(operand_kind_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    sizer->Add(operand_name_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    sizer->Add(operand_value_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    sizer->Add(add, 0, wxALIGN_CENTER_VERTICAL);
    row->SetSizer(sizer);
    operand_kind_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { fill_operand_names(); });
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_add_operand(); });
    return row;
}

wxWindow* QueryFrame::build_operators(wxWindow* parent) {
    auto* row = new wxPanel(parent);
    auto* sizer = new wxWrapSizer(wxHORIZONTAL);
    // Operators with "/n" take the distance from the spin control after them.
    const char* const operators[] = {"AND",      "OR",       "NOT",      "(",      ")",
                                     "OVERLAPS", "WITHIN",   "ENCLOSES", "NEAR/n", "NEAR/n:par",
                                     "BEFORE/n", "SAMETURN", "SAMEPARA", "SAMEDOC"};
    for (const char* op : operators) {
        auto* button =
            new wxButton(row, wxID_ANY, op, wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
        button->SetToolTip(wxString::Format("Append %s to the expression", op));
        sizer->Add(button, 0, wxRIGHT | wxTOP, 3);
        button->Bind(wxEVT_BUTTON, [this, op = std::string(op)](wxCommandEvent&) {
            std::string piece = op;
            const std::size_t n = piece.find("/n");
            if (n != std::string::npos) {
                piece.replace(n + 1, 1, std::to_string(distance_->GetValue()));
            }
            append(piece);
        });
    }
    auto* n_label = new wxStaticText(row, wxID_ANY, "n =");
    distance_ = new wxSpinCtrl(row, wxID_ANY, "", wxDefaultPosition, wxSize(130, -1),
                               wxSP_ARROW_KEYS, 0, 1000, query::kDefaultDistance);
    sizer->Add(n_label, 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT | wxTOP, 3);
    sizer->Add(distance_, 0, wxTOP, 3);
    row->SetSizer(sizer);
    return row;
}

wxWindow* QueryFrame::build_results(wxWindow* parent) {
    auto* split = new wxSplitterWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                       wxSP_LIVE_UPDATE | wxSP_3DSASH);
    split->SetMinimumPaneSize(60);
    auto* top = new wxPanel(split);
    auto* top_sizer = new wxBoxSizer(wxVERTICAL);
    hits_ = new CellList(top, wxLC_REPORT | wxLC_SINGLE_SEL, [this](long row, long column) {
        return cell_text(static_cast<std::size_t>(row), static_cast<int>(column));
    });
    // In the order of Column.
    hits_->AppendColumn("Document", wxLIST_FORMAT_LEFT, 120);
    hits_->AppendColumn("Range", wxLIST_FORMAT_LEFT, 96);
    hits_->AppendColumn("Codes", wxLIST_FORMAT_LEFT, 170);
    hits_->AppendColumn("Coders", wxLIST_FORMAT_LEFT, 80);
    hits_->AppendColumn("Passage [context]", wxLIST_FORMAT_LEFT, 520);
    top_sizer->Add(hits_, 1, wxEXPAND);
    store_ = new wxButton(top, wxID_ANY, L"Store as &Code…");
    store_->Enable(false);
    top_sizer->Add(store_, 0, wxTOP, 4);
    top->SetSizer(top_sizer);
    auto* totals = new wxPanel(split);
    auto* totals_sizer = new wxBoxSizer(wxHORIZONTAL);
    by_document_ = new wxListCtrl(totals, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                  wxLC_REPORT | wxLC_SINGLE_SEL);
    by_document_->AppendColumn("Document", wxLIST_FORMAT_LEFT, 200);
    by_document_->AppendColumn("Passages", wxLIST_FORMAT_RIGHT, 80);
    by_code_ = new wxListCtrl(totals, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                              wxLC_REPORT | wxLC_SINGLE_SEL);
    by_code_->AppendColumn("Code", wxLIST_FORMAT_LEFT, 300);
    by_code_->AppendColumn("Passages", wxLIST_FORMAT_RIGHT, 80);
    totals_sizer->Add(by_document_, 1, wxEXPAND | wxRIGHT, 6);
    totals_sizer->Add(by_code_, 1, wxEXPAND);
    totals->SetSizer(totals_sizer);
    split->SplitHorizontally(top, totals, -130);
    split->SetSashGravity(1.0);
    hits_->Bind(wxEVT_LIST_ITEM_ACTIVATED,
                [this](wxListEvent& e) { activate(static_cast<std::size_t>(e.GetIndex())); });
    store_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_store(); });
    return split;
}

wxWindow* QueryFrame::build_saved(wxWindow* parent) {
    auto* panel = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(panel, wxID_ANY, "Saved queries");
    title->SetFont(title->GetFont().Bold());
    sizer->Add(title, 0, wxALL, 6);
    saved_ = new wxListBox(panel, wxID_ANY);
    sizer->Add(saved_, 1, wxEXPAND | wxLEFT | wxRIGHT, 6);
    auto* buttons = new wxWrapSizer(wxHORIZONTAL);
    auto* save = new wxButton(panel, wxID_ANY, L"&Save…");
    auto* run_saved_button = new wxButton(panel, wxID_ANY, "R&un");
    auto* remove = new wxButton(panel, wxID_ANY, "&Delete");
    for (wxButton* b : {save, run_saved_button, remove}) {
        buttons->Add(b, 0, wxRIGHT | wxTOP, 4);
    }
    sizer->Add(buttons, 0, wxALL, 6);
    panel->SetSizer(sizer);
    save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_save(); });
    run_saved_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { run_saved(selected_saved()); });
    saved_->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) { run_saved(selected_saved()); });
    saved_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) {
        const int at = saved_->GetSelection();
        if (at != wxNOT_FOUND && static_cast<std::size_t>(at) < saved_queries_.size()) {
            saved_->SetToolTip(wx(saved_queries_[static_cast<std::size_t>(at)].expression));
        }
    });
    remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const std::string name = selected_saved();
        if (!name.empty() &&
            wxMessageBox(wx("Delete the saved query \"" + name + "\"?"), "Delete Saved Query",
                         wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this) == wxYES) {
            delete_saved(name);
        }
    });
    return panel;
}

void QueryFrame::bind_buttons() {
    run_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { run(); });
    // Ctrl+Enter runs from the expression box.
    expression_->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
        if ((e.GetKeyCode() == WXK_RETURN || e.GetKeyCode() == WXK_NUMPAD_ENTER) &&
            e.ControlDown()) {
            run();
            return;
        }
        e.Skip();
    });
}

void QueryFrame::refresh_choices() {
    Project* project = workbench_->project();
    saved_queries_.clear();
    saved_->Clear();
    if (project != nullptr) {
        guarded(this, [&] { saved_queries_ = project->saved_queries(); });
    }
    for (const SavedQuery& q : saved_queries_) {
        saved_->Append(wx(q.name));
    }
    fill_operand_names();
}

void QueryFrame::fill_operand_names() {
    Project* project = workbench_->project();
    const int kind = operand_kind_->GetSelection();
    operand_names_.clear();
    if (project != nullptr) {
        guarded(this, [&] {
            switch (kind) {
                case kCodeOperand:
                case kCodeAloneOperand:
                    for (const Code& c : project->codes()) {
                        operand_names_.push_back(project->code_path(c.id));
                    }
                    break;
                case kCoderOperand:
                    for (const Coder& c : project->coders()) {
                        operand_names_.push_back(c.name);
                    }
                    break;
                case kDocumentOperand:
                    for (const Document& d : project->documents()) {
                        operand_names_.push_back(d.name);
                    }
                    break;
                case kGroupOperand:
                    for (const DocumentGroup& g : project->groups()) {
                        operand_names_.push_back(g.name);
                    }
                    break;
                case kCaseOperand:
                    for (const Case& c : project->cases()) {
                        operand_names_.push_back(c.name);
                    }
                    break;
                case kAttributeOperand:
                    for (const Attribute& a : project->attributes()) {
                        operand_names_.push_back(a.name);
                    }
                    break;
                default:
                    break;
            }
        });
    }
    operand_name_->Clear();
    for (const std::string& name : operand_names_) {
        operand_name_->Append(wx(name));
    }
    if (!operand_names_.empty()) {
        operand_name_->SetSelection(0);
    }
    operand_value_->Enable(kind == kAttributeOperand);
    operand_name_->SetHint(kind == kTextOperand ? "words to search" : "");
}

void QueryFrame::on_add_operand() {
    const std::string name = utf8(operand_name_->GetValue());
    if (name.empty()) {
        return;
    }
    const int kind = operand_kind_->GetSelection();
    if (name.find('"') != std::string::npos && kind != kTextOperand) {
        show_status("A name with a quote in it cannot be written in a query.", true);
        return;
    }
    switch (kind) {
        case kCodeOperand:
            append("code:" + quoted(name));
            break;
        case kCodeAloneOperand:
            append("code=:" + quoted(name));
            break;
        case kCoderOperand:
            append("coder:" + quoted(name));
            break;
        case kDocumentOperand:
            append("doc:" + quoted(name));
            break;
        case kGroupOperand:
            append("group:" + quoted(name));
            break;
        case kCaseOperand:
            append("case:" + quoted(name));
            break;
        case kAttributeOperand:
            append(quoted(name) + ":" + quoted(utf8(operand_value_->GetValue())));
            break;
        default:
            append(name);  // a text search, as typed
            break;
    }
}

void QueryFrame::set_expression(const std::string& expression) {
    expression_->ChangeValue(wx(expression));
}

std::string QueryFrame::expression() const {
    return utf8(expression_->GetValue());
}

void QueryFrame::append(const std::string& piece) {
    std::string text = expression();
    if (!text.empty() && text.back() != ' ' && text.back() != '(' && piece != ")") {
        text += ' ';
    }
    text += piece;
    set_expression(text);
    expression_->SetInsertionPointEnd();
}

void QueryFrame::run() {
    Project* project = workbench_->project();
    if (project == nullptr) {
        return;
    }
    const std::string expression = this->expression();
    show_status("Running\u2026", false);
    run_->Enable(false);
    job_.start(
        [path = project->path(), expression](const Progress& progress) {
            query::QueryResult result;
            with_engine(path, progress, [&](query::Engine& engine, Project&) {
                result = engine.run(expression, {}, 0, 40);
            });
            return result;
        },
        [this](query::QueryResult result) { show_result(std::move(result)); },
        [this](std::exception_ptr error) { show_failure(error); },
        [this](std::size_t done, std::size_t total) {
            if (total > 0) {
                show_status(
                    wxString::Format(L"Indexing %zu of %zu documents…", done, total).utf8_string(),
                    false);
            }
        });
}

void QueryFrame::show_result(query::QueryResult result) {
    run_->Enable(true);
    result_ = std::move(result);
    error_.clear();
    hits_->SetItemCount(static_cast<long>(result_.hits.size()));
    hits_->Refresh();
    fill_totals();
    store_->Enable(!result_.hits.empty());
    show_status(status_text(), false);
    // The expression as it was read, operators that were left out included.
    status_->SetToolTip(wx("Ran: " + result_.expression));
}

void QueryFrame::show_failure(const std::exception_ptr& error) {
    run_->Enable(true);
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        // Cancelled included: whatever stopped the run is said where the result would be.
        error_ = e.what();
    }
    result_ = {};
    hits_->SetItemCount(0);
    hits_->Refresh();
    fill_totals();
    store_->Enable(false);
    show_status(error_, true);
}

void QueryFrame::show_status(const std::string& text, bool is_error) {
    status_->SetForegroundColour(is_error ? wxColour(0xB0, 0x00, 0x20) : GetForegroundColour());
    status_->SetLabel(wx(text));
    status_->SetToolTip(wx(text));
}

std::string QueryFrame::status_text() const {
    if (!error_.empty()) {
        return error_;
    }
    const auto n = result_.total;
    const std::size_t docs = result_.by_document.size();
    return std::to_string(n) + (n == 1 ? " passage" : " passages") + " in " + std::to_string(docs) +
           (docs == 1 ? " document" : " documents") + ".";
}

void QueryFrame::fill_totals() {
    const auto fill = [](wxListCtrl* list, const std::vector<query::Count>& counts) {
        list->DeleteAllItems();
        long row = 0;
        for (const query::Count& c : counts) {
            list->InsertItem(row, wx(c.name));
            list->SetItem(row, 1, wxString::Format("%lld", static_cast<long long>(c.passages)));
            ++row;
        }
    };
    fill(by_document_, result_.by_document);
    fill(by_code_, result_.by_code);
}

std::string QueryFrame::cell_text(std::size_t row, int column) const {
    if (row >= result_.hits.size()) {
        return {};
    }
    const query::QueryHit& h = result_.hits[row];
    switch (column) {
        case kDocument:
            return h.document;
        case kRange:
            return range_text(h.passage.range);
        case kCodes:
            return joined_names(h.code_paths);
        case kCoders:
            return joined_names(h.coder_names);
        case kPassage:
            return one_line(bracketed_context(h.before, true) + h.text +
                            bracketed_context(h.after, false));
        default:
            return {};
    }
}

void QueryFrame::activate(std::size_t row) {
    if (row < result_.hits.size()) {
        const query::Passage& p = result_.hits[row].passage;
        workbench_->open_passage(p.document, p.range);
    }
}

std::string QueryFrame::selected_saved() const {
    const int at = saved_->GetSelection();
    return at == wxNOT_FOUND ? std::string() : utf8(saved_->GetString(static_cast<unsigned>(at)));
}

std::vector<std::string> QueryFrame::saved_names() const {
    std::vector<std::string> names;
    for (const SavedQuery& q : saved_queries_) {
        names.push_back(q.name);
    }
    return names;
}

bool QueryFrame::save_as(const std::string& name, bool replace) {
    Project* project = workbench_->project();
    if (project == nullptr) {
        return false;
    }
    const bool saved = guarded(this, [&] {
        workbench_->label_next_actions("Save Query \"" + name + "\"");
        project->save_query(name, expression(), replace);
    });
    refresh_choices();
    const int at = saved_->FindString(wx(name), true);
    if (at != wxNOT_FOUND) {
        saved_->SetSelection(at);
    }
    return saved;
}

void QueryFrame::on_save() {
    if (expression().empty()) {
        show_status("Nothing to save: the expression is empty.", true);
        return;
    }
    wxTextEntryDialog ask(this, "Save the query as:", "Save Query", wx(selected_saved()));
    if (ask.ShowModal() != wxID_OK || ask.GetValue().Trim().Trim(false).empty()) {
        return;
    }
    const std::string name = utf8(ask.GetValue().Trim().Trim(false));
    const auto names = saved_names();
    const bool exists = std::find(names.begin(), names.end(), name) != names.end();
    if (exists &&
        wxMessageBox(wx("A query named \"" + name + "\" is saved. Replace it?"), "Save Query",
                     wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this) != wxYES) {
        return;
    }
    save_as(name, exists);
}

bool QueryFrame::run_saved(const std::string& name) {
    for (const SavedQuery& q : saved_queries_) {
        if (q.name == name) {
            set_expression(q.expression);
            run();
            return true;
        }
    }
    return false;
}

bool QueryFrame::delete_saved(const std::string& name) {
    Project* project = workbench_->project();
    if (project == nullptr) {
        return false;
    }
    const bool removed = guarded(this, [&] {
        workbench_->label_next_actions("Delete Saved Query \"" + name + "\"");
        project->remove_saved_query(project->find_saved_query(name).id);
    });
    refresh_choices();
    return removed;
}

std::int64_t QueryFrame::store_as_code(const std::string& code) {
    std::vector<query::Passage> passages;
    for (const query::QueryHit& h : result_.hits) {
        passages.push_back(h.passage);
    }
    return workbench_->store_passages_as_code(passages, code);
}

void QueryFrame::on_store() {
    if (result_.hits.empty()) {
        return;
    }
    wxTextEntryDialog ask(this,
                          wx("Code the " + std::to_string(result_.hits.size()) +
                             " passages found with the code (made at the top level when no "
                             "code has that path):"),
                          "Store as Code", wx(selected_saved()));
    if (ask.ShowModal() != wxID_OK || ask.GetValue().Trim().Trim(false).empty()) {
        return;
    }
    const std::int64_t added = store_as_code(utf8(ask.GetValue().Trim().Trim(false)));
    if (added >= 0) {
        show_status("Coded " + std::to_string(added) + " passages. Edit > Undo takes them back.",
                    false);
        refresh_choices();
    }
}

}  // namespace quire::gui
