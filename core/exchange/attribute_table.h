// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/project/project.h"

// Attribute tables: every document's and case's attribute values as one sheet, written to
// CSV or XLSX and read back from either, with a preview of what an import would match and
// change before anything is changed.
//
// The sheet's first column names a document or a case; an optional second column headed
// "kind" says which ("document" or "case"); every further column is an attribute, named by
// its header. An empty cell removes the owner's value; a column of an unknown attribute
// creates it as text. Import is all rows or none: a row that matches nothing, or a value
// its attribute's type refuses, stops the whole import.
//
// Contract: the readers throw InvalidInputError for a table that is not an attribute table,
// ImportError for a file that cannot be read as its extension says; preview only reads;
// apply is one transaction and throws NotFoundError (an unmatched row) or InvalidInputError
// (a refused value), leaving the project as it was.
namespace quire::exchange {

// Rows of text cells; the first row is the header.
using TextTable = std::vector<std::vector<std::string>>;

// The sheet as the project holds it: name, kind, then one column per attribute (attribute
// order); one row per document (document order), then per case (by name); no value: "".
TextTable attribute_sheet(Project& project);
// The sheet as CSV (core/formats/csv.h: formula-guarded, reads back exactly).
std::string attribute_sheet_csv(Project& project);
// The sheet as a workbook of text cells, written to PATH.partial and moved into place.
void write_attribute_sheet_xlsx(Project& project, const std::string& path);

// An attribute table from FILE.csv or FILE.xlsx (the first worksheet), by extension;
// InvalidInputError for another extension.
TextTable read_attribute_table(const std::string& path);
// From CSV text: every field through csv_text (Quire's own formula guard comes off). A line
// with more or fewer fields than the header is refused (InvalidInputError).
TextTable attribute_table_from_csv(std::string_view text);

enum class OwnerKind { Document, Case };

// One attribute column of the table.
struct AttributeColumn {
    std::string name;
    AttributeType type = AttributeType::Text;
    bool is_new = false;  // no such attribute yet: import creates it as text
};

// One cell of a row, against its owner's current value.
struct AttributeCell {
    std::string value;                   // as the table has it
    std::string stored;                  // what import stores; "" when it removes the value
    std::optional<std::string> current;  // the owner's value now (none for unmatched rows)
    bool valid = true;                   // the attribute's type takes the value
    std::string problem;                 // why not, when not valid
    bool changes = false;                // import sets or removes a value
};

// One row of the table and the document or case it matched.
struct AttributeRow {
    std::size_t line = 0;  // the row's number in the file, the header being 1
    std::string name;
    std::optional<OwnerKind> kind;     // what the kind column says, else what matched
    std::optional<Id> owner;           // the matched document or case; none: unmatched
    std::string problem;               // why it matched nothing ("no case named "B"")
    std::vector<AttributeCell> cells;  // one per column
};

// What an import would do, for a person to check before it is done: plain data, so a
// dialog can show it as it is.
struct AttributeImportPreview {
    std::vector<AttributeColumn> columns;
    std::vector<AttributeRow> rows;

    std::size_t matched_rows() const;
    std::size_t unmatched_rows() const;
    std::size_t invalid_cells() const;
    std::size_t changed_cells() const;
    // No unmatched row and no invalid value: apply would succeed on the same project.
    bool can_apply() const;
};

// Matches each row to a document or case by name (NFC, surrounding spaces ignored), each
// column to an attribute, and checks each value against its type. Throws InvalidInputError
// for a table without a header, with an unnamed or repeated column, a kind that is neither
// "document" nor "case", or two rows for one document or case.
AttributeImportPreview preview_attribute_import(Project& project, const TextTable& table);

struct AttributeImportOutcome {
    std::size_t rows = 0;        // rows applied
    std::size_t set = 0;         // values set or changed
    std::size_t removed = 0;     // values removed by empty cells
    std::size_t attributes = 0;  // attributes created
};

// Applies the preview's rows in one transaction, creating new attributes as text. A row
// that matched nothing throws NotFoundError, a value its type refuses InvalidInputError,
// both naming the line; then nothing is changed.
AttributeImportOutcome apply_attribute_import(Project& project,
                                              const AttributeImportPreview& preview);

const char* to_string(OwnerKind kind);  // "document", "case"

}  // namespace quire::exchange
