// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/frame.h>

#include <exception>
#include <string>
#include <vector>

#include "app/gui/background_job.h"
#include "core/project/project.h"
#include "core/query/query.h"

class wxButton;
class wxChoice;
class wxComboBox;
class wxListBox;
class wxListCtrl;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace quire::gui {

class CellList;
class MainFrame;

// Analyse > Coding Query: operands (codes, coders, documents, groups, cases, attribute
// values, text) and operators chosen by point and click are appended to the expression,
// which stays editable and is what runs (expression.h). The passages it finds are listed
// with their codes and coders, counted per document and per code; double-clicking one
// opens it in the workbench. Saved queries are listed beside it; Store as Code codes every
// passage found. Queries run on a BackgroundJob: a text operand may have to index first.
class QueryFrame : public wxFrame {
public:
    explicit QueryFrame(MainFrame* workbench);

    // Reads the choices (codes, coders, ...) and the saved queries again.
    void refresh_choices();

    // Used by the buttons and by the GUI tests.
    void set_expression(const std::string& expression);
    std::string expression() const;
    // Appends an operand or an operator to the expression, a space before it.
    void append(const std::string& piece);
    // Runs the expression (the Run button); the result or error arrives later (wait()).
    void run();
    void wait() { job_.wait(); }
    wxButton* run_button() const { return run_; }
    bool busy() const { return job_.running(); }
    const query::QueryResult& result() const { return result_; }
    std::size_t row_count() const { return result_.hits.size(); }
    std::string cell_text(std::size_t row, int column) const;
    // The error shown inline, empty when the last run succeeded.
    std::string error_text() const { return error_; }
    std::string status_text() const;
    void activate(std::size_t row);
    // Saves the expression under `name` (replacing one of that name when `replace`);
    // false when it failed (a message said why).
    bool save_as(const std::string& name, bool replace = false);
    std::vector<std::string> saved_names() const;
    // Runs (deletes) the saved query listed with that name.
    bool run_saved(const std::string& name);
    bool delete_saved(const std::string& name);
    // Codes every passage found with `code` as the workbench's coder: one undoable action.
    std::int64_t store_as_code(const std::string& code);

    enum Column { kDocument, kRange, kCodes, kCoders, kPassage };

private:
    wxWindow* build_builder(wxWindow* parent);
    wxWindow* build_operators(wxWindow* parent);
    wxWindow* build_results(wxWindow* parent);
    wxWindow* build_saved(wxWindow* parent);
    void bind_buttons();
    void fill_operand_names();
    void on_add_operand();
    void on_save();
    void on_store();
    void show_result(query::QueryResult result);
    void show_failure(const std::exception_ptr& error);
    void show_status(const std::string& text, bool is_error);
    void fill_totals();
    std::string selected_saved() const;

    MainFrame* workbench_;
    wxChoice* operand_kind_ = nullptr;
    wxComboBox* operand_name_ = nullptr;
    wxTextCtrl* operand_value_ = nullptr;
    wxSpinCtrl* distance_ = nullptr;
    wxTextCtrl* expression_ = nullptr;
    wxButton* run_ = nullptr;
    wxButton* store_ = nullptr;
    wxStaticText* status_ = nullptr;
    CellList* hits_ = nullptr;
    wxListCtrl* by_document_ = nullptr;
    wxListCtrl* by_code_ = nullptr;
    wxListBox* saved_ = nullptr;
    std::vector<SavedQuery> saved_queries_;
    std::vector<std::string> operand_names_;  // what operand_name_ offers, by kind
    query::QueryResult result_;
    std::string error_;
    BackgroundJob<query::QueryResult> job_;
};

}  // namespace quire::gui
