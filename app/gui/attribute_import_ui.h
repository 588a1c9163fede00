// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/exchange/attribute_table.h"
#include "core/project/project.h"

class wxWindow;

// File > Import Attribute Table: a CSV or XLSX table of attribute values, shown as it would
// be imported before anything changes. AttributeImportModel is what the dialog shows (the
// text and look of each cell) and what its OK button does, so tests check it without a
// window; the dialog only shows it.
namespace quire::gui {

class AttributeImportModel {
public:
    // Previews `table` against the project as it is now. May throw what
    // exchange::preview_attribute_import throws.
    AttributeImportModel(Project& project, const exchange::TextTable& table);
    // Reads FILE.csv or FILE.xlsx first (exchange::read_attribute_table).
    static AttributeImportModel from_file(Project& project, const std::string& path);

    // How a cell looks: as it is, changing a value, refused (an invalid value), or in a row
    // that matches no document or case.
    enum class Look { Plain, Changes, Refused, Unmatched };

    // The table's columns: the line in the file, what the row matched, then one per
    // attribute with its type and whether the import creates it ("age (integer)",
    // "site (text, new)").
    std::vector<std::string> column_titles() const;
    std::size_t row_count() const { return preview_.rows.size(); }
    // "Staff 01 (document)" or "no match: no case named "B""; a changing value as
    // "old → new", a refused one with the reason.
    std::string cell_text(std::size_t row, std::size_t column) const;
    Look cell_look(std::size_t row, std::size_t column) const;

    // Whether OK may apply, and what the dialog says: the counts, or why it cannot import.
    bool can_apply() const { return preview_.can_apply(); }
    std::string summary() const;

    // What OK does: every row in one transaction, one undo step named "Import Attribute
    // Table". Throws what exchange::apply_attribute_import throws (then nothing changed).
    exchange::AttributeImportOutcome apply(Project& project) const;

    const exchange::AttributeImportPreview& preview() const { return preview_; }

private:
    exchange::AttributeImportPreview preview_;
};

// What the workbench says after an import ("Imported 3 rows: 5 values set, …").
std::string import_outcome_text(const exchange::AttributeImportOutcome& outcome);

// Asks for a table, shows its preview, and imports it when the user agrees. Returns true
// when the project changed.
bool ask_and_import_attribute_table(wxWindow* parent, Project& project);

}  // namespace quire::gui
