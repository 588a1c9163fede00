// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/exchange/attribute_table.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <utility>

#include "core/base/errors.h"
#include "core/formats/csv.h"
#include "core/formats/xlsx.h"
#include "core/formats/xlsx_reader.h"
#include "core/text/unicode.h"
#include "core/util/files.h"

namespace quire::exchange {
namespace {

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string clean(const std::string& s) {
    return text::to_nfc(trimmed(s));
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool blank(const std::vector<std::string>& row) {
    return std::all_of(row.begin(), row.end(),
                       [](const std::string& cell) { return trimmed(cell).empty(); });
}

// An attribute table is a few thousand rows at most; a bigger file is not one.
constexpr std::uintmax_t kMaxCsvBytes = std::uintmax_t{64} * 1024 * 1024;

std::string read_csv_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw ImportError(path + " is a folder, not a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ImportError("cannot read " + path + ": " + std::strerror(errno));
    }
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxCsvBytes) {
        throw InvalidInputError(path + " is larger than an attribute table may be (64 MB)");
    }
    std::string bytes(static_cast<std::size_t>(ec ? 0 : size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

std::string line_of(std::size_t line) {
    return "line " + std::to_string(line) + ": ";
}

// The project's documents and cases by name, and each one's current values.
struct Owners {
    std::map<std::string, Id> documents;
    std::map<std::string, Id> cases;
};

Owners owners_of(Project& project) {
    Owners o;
    for (const Document& d : project.documents()) {
        o.documents.emplace(d.name, d.id);
    }
    for (const Case& c : project.cases()) {
        o.cases.emplace(c.name, c.id);
    }
    return o;
}

// Finds the row's owner, by the kind the table says or, without one, by name alone.
void match_row(AttributeRow& row, const std::string& kind, const Owners& owners) {
    const auto document = owners.documents.find(row.name);
    const auto case_ = owners.cases.find(row.name);
    const bool is_document = document != owners.documents.end();
    const bool is_case = case_ != owners.cases.end();
    const std::string quoted = "\"" + row.name + "\"";
    if (row.name.empty()) {
        row.problem = "the row names no document or case";
    } else if (kind == "document") {
        row.kind = OwnerKind::Document;
        is_document ? void(row.owner = document->second)
                    : void(row.problem = "no document named " + quoted);
    } else if (kind == "case") {
        row.kind = OwnerKind::Case;
        is_case ? void(row.owner = case_->second) : void(row.problem = "no case named " + quoted);
    } else if (is_document && is_case) {
        row.problem =
            "both a document and a case are named " + quoted + " (a kind column says which)";
    } else if (is_document || is_case) {
        row.kind = is_document ? OwnerKind::Document : OwnerKind::Case;
        row.owner = is_document ? document->second : case_->second;
    } else {
        row.problem = "no document or case named " + quoted;
    }
}

// Every value of every owner, read one attribute at a time: the value table's indexes lead
// with the attribute, so asking owner by owner would scan the whole table for each row.
struct ValuesByOwner {
    std::map<Id, std::map<std::string, std::string>> documents;
    std::map<Id, std::map<std::string, std::string>> cases;

    const std::map<std::string, std::string>& of(OwnerKind kind, Id owner) const {
        static const std::map<std::string, std::string> none;
        const auto& owners = kind == OwnerKind::Document ? documents : cases;
        const auto it = owners.find(owner);
        return it == owners.end() ? none : it->second;
    }
};

ValuesByOwner values_by_owner(Project& project, const std::vector<Attribute>& attributes) {
    ValuesByOwner values;
    for (const Attribute& a : attributes) {
        for (const AttributeAssignment& v : project.attribute_assignments(a.name)) {
            if (v.document) {
                values.documents[*v.document][a.name] = v.value;
            } else if (v.case_id) {
                values.cases[*v.case_id][a.name] = v.value;
            }
        }
    }
    return values;
}

AttributeCell check_cell(Project& project, const std::string& value, const AttributeColumn& column,
                         const std::map<std::string, std::string>& current) {
    AttributeCell cell;
    cell.value = value;
    if (const auto it = current.find(column.name); it != current.end()) {
        cell.current = it->second;
    }
    if (!trimmed(value).empty()) {
        try {
            // An existing attribute checks its type and its choices; a new one is text.
            cell.stored = column.is_new ? canonical_attribute_value(column.type, column.name, value)
                                        : project.attribute_value(column.name, value);
        } catch (const InvalidInputError& e) {
            cell.valid = false;
            cell.problem = e.what();
            return cell;
        }
    }
    cell.changes = cell.stored.empty() ? cell.current.has_value() : cell.current != cell.stored;
    return cell;
}

std::vector<AttributeColumn> columns_of(const std::vector<Attribute>& attributes,
                                        const std::vector<std::string>& header, std::size_t first) {
    std::map<std::string, Attribute> known;
    for (const Attribute& a : attributes) {
        known.emplace(a.name, a);
    }
    std::vector<AttributeColumn> columns;
    std::set<std::string> seen;
    for (std::size_t c = first; c < header.size(); ++c) {
        AttributeColumn column;
        column.name = clean(header[c]);
        if (column.name.empty()) {
            throw InvalidInputError("column " + std::to_string(c + 1) +
                                    " of the header names no attribute");
        }
        if (!seen.insert(column.name).second) {
            throw InvalidInputError("the header names attribute \"" + column.name + "\" twice");
        }
        const auto it = known.find(column.name);
        column.is_new = it == known.end();
        column.type = column.is_new ? AttributeType::Text : it->second.type;
        columns.push_back(std::move(column));
    }
    return columns;
}

}  // namespace

const char* to_string(OwnerKind kind) {
    return kind == OwnerKind::Document ? "document" : "case";
}

TextTable attribute_sheet(Project& project) {
    Project::Action snapshot(project, Project::Action::Access::Read);
    const std::vector<Attribute> attributes = project.attributes();
    TextTable table = {{"name", "kind"}};
    for (const Attribute& a : attributes) {
        table[0].push_back(a.name);
    }
    const ValuesByOwner values = values_by_owner(project, attributes);
    const auto add_row = [&](const std::string& name, OwnerKind kind, Id id) {
        const std::map<std::string, std::string>& own = values.of(kind, id);
        std::vector<std::string> row = {name, to_string(kind)};
        for (const Attribute& a : attributes) {
            const auto it = own.find(a.name);
            row.push_back(it == own.end() ? "" : it->second);
        }
        table.push_back(std::move(row));
    };
    for (const Document& d : project.documents()) {
        add_row(d.name, OwnerKind::Document, d.id);
    }
    for (const Case& c : project.cases()) {
        add_row(c.name, OwnerKind::Case, c.id);
    }
    return table;
}

std::string attribute_sheet_csv(Project& project) {
    std::string csv;
    for (const auto& row : attribute_sheet(project)) {
        csv += util::csv_line(std::vector<util::CsvCell>(row.begin(), row.end()));
    }
    return csv;
}

void write_attribute_sheet_xlsx(Project& project, const std::string& path) {
    util::XlsxSheet sheet{"Attributes", {}};
    for (const auto& row : attribute_sheet(project)) {
        std::vector<util::XlsxCell> cells;
        for (const std::string& cell : row) {
            cells.push_back(cell.empty() ? util::XlsxCell::empty() : util::XlsxCell::of(cell));
        }
        sheet.rows.push_back(std::move(cells));
    }
    util::write_xlsx(path, {sheet});
}

TextTable attribute_table_from_csv(std::string_view text) {
    const std::vector<util::CsvRow> rows = util::parse_csv(text);
    TextTable table;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const util::CsvRow& r = rows[i];
        if (i > 0 && r.size() == 1 && r[0].empty()) {
            table.emplace_back();  // a blank line keeps its place, so lines count true
            continue;
        }
        if (i > 0 && r.size() != rows[0].size()) {
            throw InvalidInputError(line_of(i + 1) + "has " + std::to_string(r.size()) +
                                    " fields, not " + std::to_string(rows[0].size()));
        }
        std::vector<std::string> row;
        for (const std::string& field : r) {
            row.push_back(util::csv_text(field));
        }
        table.push_back(std::move(row));
    }
    return table;
}

TextTable read_attribute_table(const std::string& path) {
    enum class Format { Csv, Xlsx };
    const Format format = util::format_by_extension<Format>(
        path, "an attribute table", {{".csv", Format::Csv}, {".xlsx", Format::Xlsx}});
    if (format == Format::Xlsx) {
        return util::read_xlsx_first_sheet(path);
    }
    return attribute_table_from_csv(read_csv_file(path));
}

AttributeImportPreview preview_attribute_import(Project& project, const TextTable& table) {
    if (table.empty() || table[0].empty() || blank(table[0])) {
        throw InvalidInputError(
            "the first line is the header: name, kind (optional), then one column per "
            "attribute");
    }
    const std::vector<std::string>& header = table[0];
    const bool has_kind = header.size() > 1 && lower(trimmed(header[1])) == "kind";
    const std::size_t first = has_kind ? 2 : 1;
    Project::Action snapshot(project, Project::Action::Access::Read);
    AttributeImportPreview preview;
    const std::vector<Attribute> attributes = project.attributes();
    preview.columns = columns_of(attributes, header, first);
    const Owners owners = owners_of(project);
    const ValuesByOwner values = values_by_owner(project, attributes);
    std::map<std::pair<OwnerKind, Id>, std::size_t> line_of_owner;
    for (std::size_t i = 1; i < table.size(); ++i) {
        std::vector<std::string> cells = table[i];
        if (blank(cells)) {
            continue;
        }
        if (cells.size() > header.size()) {
            if (!blank(std::vector<std::string>(cells.begin() + static_cast<long>(header.size()),
                                                cells.end()))) {
                throw InvalidInputError(line_of(i + 1) + "has values beyond the last column");
            }
        }
        cells.resize(header.size());
        AttributeRow row;
        row.line = i + 1;
        row.name = clean(cells[0]);
        const std::string kind = has_kind ? lower(trimmed(cells[1])) : "";
        if (!kind.empty() && kind != "document" && kind != "case") {
            throw InvalidInputError(line_of(row.line) + "kind is \"document\" or \"case\", not \"" +
                                    cells[1] + "\"");
        }
        match_row(row, kind, owners);
        if (row.owner) {
            // Two rows for one owner would make the second overwrite the first unseen.
            const auto [earlier, first_time] =
                line_of_owner.emplace(std::make_pair(*row.kind, *row.owner), row.line);
            if (!first_time) {
                throw InvalidInputError(line_of(row.line) + to_string(*row.kind) + " \"" +
                                        row.name + "\" is on line " +
                                        std::to_string(earlier->second) + " too");
            }
        }
        static const std::map<std::string, std::string> no_values;
        const std::map<std::string, std::string>& current =
            row.owner ? values.of(*row.kind, *row.owner) : no_values;
        for (std::size_t c = 0; c < preview.columns.size(); ++c) {
            row.cells.push_back(check_cell(project, cells[first + c], preview.columns[c], current));
            // A row that matches nothing changes nothing; its values are still checked.
            row.cells.back().changes = row.cells.back().changes && row.owner.has_value();
        }
        preview.rows.push_back(std::move(row));
    }
    return preview;
}

std::size_t AttributeImportPreview::matched_rows() const {
    return static_cast<std::size_t>(std::count_if(
        rows.begin(), rows.end(), [](const AttributeRow& r) { return r.owner.has_value(); }));
}

std::size_t AttributeImportPreview::unmatched_rows() const {
    return rows.size() - matched_rows();
}

std::size_t AttributeImportPreview::invalid_cells() const {
    std::size_t n = 0;
    for (const AttributeRow& r : rows) {
        n += static_cast<std::size_t>(std::count_if(
            r.cells.begin(), r.cells.end(), [](const AttributeCell& c) { return !c.valid; }));
    }
    return n;
}

std::size_t AttributeImportPreview::changed_cells() const {
    std::size_t n = 0;
    for (const AttributeRow& r : rows) {
        n += static_cast<std::size_t>(std::count_if(
            r.cells.begin(), r.cells.end(), [](const AttributeCell& c) { return c.changes; }));
    }
    return n;
}

bool AttributeImportPreview::can_apply() const {
    return unmatched_rows() == 0 && invalid_cells() == 0;
}

AttributeImportOutcome apply_attribute_import(Project& project,
                                              const AttributeImportPreview& preview) {
    for (const AttributeRow& row : preview.rows) {
        if (!row.owner) {
            throw NotFoundError(line_of(row.line) + row.problem + "; nothing was imported");
        }
        for (const AttributeCell& cell : row.cells) {
            if (!cell.valid) {
                throw InvalidInputError(line_of(row.line) + cell.problem +
                                        "; nothing was imported");
            }
        }
    }
    Project::Action action(project);
    AttributeImportOutcome outcome;
    for (const AttributeColumn& column : preview.columns) {
        if (column.is_new) {
            project.ensure_attribute(column.name, AttributeType::Text);
            ++outcome.attributes;
        }
    }
    for (const AttributeRow& row : preview.rows) {
        const bool document = *row.kind == OwnerKind::Document;
        for (std::size_t c = 0; c < preview.columns.size(); ++c) {
            const AttributeCell& cell = row.cells[c];
            if (!cell.changes) {
                continue;
            }
            const std::string& name = preview.columns[c].name;
            if (cell.stored.empty()) {
                document ? project.unset_document_attribute(*row.owner, name)
                         : project.unset_case_attribute(*row.owner, name);
                ++outcome.removed;
            } else {
                document ? project.set_document_attribute(*row.owner, name, cell.stored)
                         : project.set_case_attribute(*row.owner, name, cell.stored);
                ++outcome.set;
            }
        }
        ++outcome.rows;
    }
    action.commit();
    return outcome;
}

}  // namespace quire::exchange
