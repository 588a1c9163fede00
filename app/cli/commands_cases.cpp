// SPDX-License-Identifier: GPL-3.0-or-later
// Cases and attributes: case, attr, attrs.
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <utility>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/base/errors.h"
#include "core/formats/csv.h"
#include "core/formats/xlsx.h"
#include "core/import/importer.h"
#include "core/project/project.h"
#include "core/util/files.h"

namespace quire::cli {
namespace {

// --range START:END of case link and case unlink, or no range for the whole document.
std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>> case_range(const Args& args) {
    const auto range = args.option("range");
    if (!range) {
        return {};
    }
    const auto colon = range->find(':');
    if (colon == std::string::npos) {
        throw UsageError("--range takes START:END, got \"" + *range + "\"");
    }
    return {parse_offset(range->substr(0, colon), "START"),
            parse_offset(range->substr(colon + 1), "END")};
}

std::string link_text(const Case& c, const Document& d, const Args& args) {
    const auto [start, end] = case_range(args);
    std::string what = "\"" + d.name + "\"";
    if (start) {
        what = "[" + std::to_string(*start) + ", " + std::to_string(*end) + ") of " + what;
    }
    return what + " and case \"" + c.name + "\"";
}

// --- case SUBCOMMAND ---------------------------------------------------------------------

int case_add(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"description"}, {"json"});
    expect_positional(args, 2, "case add PROJECT NAME");
    Project p = open_project(args.positional[0]);
    Project::Action action(p);
    bool exists = true;
    try {
        p.find_case(args.positional[1]);
    } catch (const NotFoundError&) {
        exists = false;
    }
    if (exists) {
        throw ConflictError("a case named \"" + args.positional[1] + "\" exists");
    }
    const Case c = p.ensure_case(args.positional[1], args.option("description").value_or(""));
    action.commit();
    if (args.flag("json")) {
        print_json(
            out,
            {{"id", c.id}, {"guid", c.guid}, {"name", c.name}, {"description", c.description}});
    } else {
        out << "added case \"" << c.name << "\"\n";
    }
    return 0;
}

int case_remove(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {});
    expect_positional(args, 2, "case remove PROJECT CASE");
    Project p = open_project(args.positional[0]);
    Project::Action action(p);
    const Case c = p.find_case(args.positional[1]);
    p.remove_case(c.id);
    action.commit();
    out << "removed case \"" << c.name << "\"\n";
    return 0;
}

int case_rename(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {});
    expect_positional(args, 3, "case rename PROJECT CASE NEW_NAME");
    Project p = open_project(args.positional[0]);
    Project::Action action(p);
    const Case c = p.find_case(args.positional[1]);
    p.rename_case(c.id, args.positional[2]);
    const std::string now = p.find_case(args.positional[2]).name;  // as stored: trimmed, NFC
    action.commit();
    out << "renamed case \"" << c.name << "\" to \"" << now << "\"\n";
    return 0;
}

// `case link` and `case unlink`: the same arguments, the opposite change.
int link_or_unlink(const Words& raw, std::ostream& out, bool link) {
    const Args args = parse(raw, {"doc", "range"}, {});
    const std::string verb = link ? "link" : "unlink";
    expect_positional(
        args, 2, link ? "case link PROJECT CASE --doc DOC" : "case unlink PROJECT CASE --doc DOC");
    Project p = open_project(args.positional[0]);
    Project::Action action(p);
    const Case c = p.find_case(args.positional[1]);
    const Document d = p.find_document(args.required("doc"));
    const auto [start, end] = case_range(args);
    if (link) {
        p.link_case(c.id, d.id, start, end);
    } else {
        p.unlink_case(c.id, d.id, start, end);
    }
    action.commit();
    out << verb << "ed " << link_text(c, d, args) << "\n";
    return 0;
}

int case_link(const Words& raw, std::ostream& out, std::ostream&) {
    return link_or_unlink(raw, out, true);
}

int case_unlink(const Words& raw, std::ostream& out, std::ostream&) {
    return link_or_unlink(raw, out, false);
}

// --- attr SUBCOMMAND ---------------------------------------------------------------------

// The document or case an attr command works on: exactly one of --doc and --case.
struct Owner {
    std::optional<Document> document;
    std::optional<Case> case_;
    std::string name;
};

Owner attribute_owner(Project& p, const Args& args, const char* command) {
    const auto doc = args.option("doc");
    const auto case_name = args.option("case");
    if (doc.has_value() == case_name.has_value()) {
        throw UsageError(std::string(command) + " takes either --doc DOC or --case CASE");
    }
    Owner o;
    if (doc) {
        o.document = p.find_document(*doc);
        o.name = "\"" + o.document->name + "\"";
    } else {
        o.case_ = p.find_case(*case_name);
        o.name = "case \"" + o.case_->name + "\"";
    }
    return o;
}

int attr_set(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"doc", "case", "type"}, {});
    if (args.positional.size() < 2) {
        throw UsageError(
            "usage: quire-cli attr set PROJECT (--doc DOC | --case CASE) KEY=VALUE...");
    }
    std::vector<std::pair<std::string, std::string>> values;
    for (std::size_t i = 1; i < args.positional.size(); ++i) {
        values.push_back(parse_attribute(args.positional[i]));
    }
    Project p = open_project(args.positional[0]);
    std::optional<AttributeType> type;
    if (const auto name = args.option("type")) {
        type = attribute_type_from_string(*name);
    }
    Project::Action action(p);
    const Owner o = attribute_owner(p, args, "attr set");
    for (const auto& [key, value] : values) {
        const AttributeType wanted = type ? *type : AttributeType::Text;
        const Attribute a = p.ensure_attribute(key, wanted);
        if (type && a.type != wanted) {
            throw ConflictError("attribute \"" + a.name + "\" is " + to_string(a.type) + ", not " +
                                to_string(wanted));
        }
        if (o.document) {
            p.set_document_attribute(o.document->id, a.name, value);
        } else {
            p.set_case_attribute(o.case_->id, a.name, value);
        }
    }
    action.commit();
    out << "set " << counted(static_cast<long long>(values.size()), "value") << " on " << o.name
        << "\n";
    return 0;
}

int attr_unset(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"doc", "case"}, {});
    expect_positional(args, 2, "attr unset PROJECT (--doc DOC | --case CASE) KEY");
    Project p = open_project(args.positional[0]);
    Project::Action action(p);
    const Owner o = attribute_owner(p, args, "attr unset");
    if (o.document) {
        p.unset_document_attribute(o.document->id, args.positional[1]);
    } else {
        p.unset_case_attribute(o.case_->id, args.positional[1]);
    }
    action.commit();
    out << "removed \"" << args.positional[1] << "\" from " << o.name << "\n";
    return 0;
}

// --- attrs -------------------------------------------------------------------------------

// One row of the attribute sheet: a document or a case with its values by attribute name.
struct SheetRow {
    std::string name;
    const char* kind;
    std::map<std::string, std::string> values;
};

std::vector<SheetRow> attribute_sheet(Project& p) {
    std::vector<SheetRow> rows;
    for (const Document& d : p.documents()) {
        SheetRow row{d.name, "document", {}};
        for (const AttributeValue& v : p.document_attributes(d.id)) {
            row.values[v.attribute] = v.value;
        }
        rows.push_back(std::move(row));
    }
    for (const Case& c : p.cases()) {
        SheetRow row{c.name, "case", {}};
        for (const AttributeValue& v : p.case_attributes(c.id)) {
            row.values[v.attribute] = v.value;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

int attrs_list(const Words& raw, std::ostream& out) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 1, "attrs PROJECT");
    Project p = open_project(args.positional[0]);
    Project::Action action(p, Project::Action::Access::Read);
    const std::vector<Attribute> attributes = p.attributes();
    const std::vector<SheetRow> rows = attribute_sheet(p);
    if (args.flag("json")) {
        ordered_json j = ordered_json::array();
        for (const SheetRow& row : rows) {
            ordered_json values = ordered_json::object();
            for (const Attribute& a : attributes) {
                const auto it = row.values.find(a.name);
                values[a.name] = it == row.values.end() ? ordered_json() : ordered_json(it->second);
            }
            j.push_back({{"name", row.name}, {"kind", row.kind}, {"attributes", values}});
        }
        print_json(out, j);
        return 0;
    }
    out << "name\tkind";
    for (const Attribute& a : attributes) {
        out << "\t" << a.name;
    }
    out << "\n";
    for (const SheetRow& row : rows) {
        out << row.name << "\t" << row.kind;
        for (const Attribute& a : attributes) {
            const auto it = row.values.find(a.name);
            out << "\t" << (it == row.values.end() ? "" : it->second);
        }
        out << "\n";
    }
    return 0;
}

// The sheet as a table: name, kind, then one column per attribute.
std::vector<std::vector<std::string>> sheet_table(Project& p) {
    const std::vector<Attribute> attributes = p.attributes();
    std::vector<std::vector<std::string>> table = {{"name", "kind"}};
    for (const Attribute& a : attributes) {
        table[0].push_back(a.name);
    }
    for (const SheetRow& row : attribute_sheet(p)) {
        std::vector<std::string> line = {row.name, row.kind};
        for (const Attribute& a : attributes) {
            const auto it = row.values.find(a.name);
            line.push_back(it == row.values.end() ? "" : it->second);
        }
        table.push_back(std::move(line));
    }
    return table;
}

int attrs_export(const Words& raw, std::ostream& out) {
    const Args args = parse(raw, {"xlsx"}, {"csv", "force"});
    expect_positional(args, 1, "attrs export PROJECT (--csv | --xlsx FILE)");
    if (args.flag("csv") == args.option("xlsx").has_value()) {
        throw UsageError("attrs export takes either --csv or --xlsx FILE");
    }
    Project p = open_project(args.positional[0]);
    Project::Action action(p, Project::Action::Access::Read);
    const auto table = sheet_table(p);
    if (args.flag("csv")) {
        for (const auto& line : table) {
            out << util::csv_line(std::vector<util::CsvCell>(line.begin(), line.end()));
        }
        return 0;
    }
    const std::string path = *args.option("xlsx");
    util::refuse_project_file(path, p.path());
    if (!args.flag("force")) {
        util::refuse_existing_file(path);
    }
    util::XlsxSheet sheet{"Attributes", {}};
    for (const auto& line : table) {
        std::vector<util::XlsxCell> cells;
        for (const std::string& cell : line) {
            cells.push_back(cell.empty() ? util::XlsxCell::empty() : util::XlsxCell::of(cell));
        }
        sheet.rows.push_back(std::move(cells));
    }
    util::write_xlsx(path, {sheet});
    out << "wrote " << path << "\n";
    return 0;
}

// One row of an imported sheet and what it matched.
struct ImportRow {
    std::size_t line;
    std::string name;
    std::string kind;
    std::optional<Id> id;
    std::vector<std::string> values;
};

std::vector<ImportRow> read_import_rows(Project& p, const std::vector<util::CsvRow>& rows,
                                        std::size_t columns) {
    std::vector<ImportRow> out;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const util::CsvRow& r = rows[i];
        if (r.size() == 1 && r[0].empty()) {
            continue;  // a blank line
        }
        if (r.size() != columns) {
            throw InvalidInputError("line " + std::to_string(i + 1) + " has " +
                                    std::to_string(r.size()) + " fields, not " +
                                    std::to_string(columns));
        }
        ImportRow row{i + 1, util::csv_text(r[0]), r[1], std::nullopt, {}};
        for (std::size_t c = 2; c < columns; ++c) {
            row.values.push_back(util::csv_text(r[c]));
        }
        if (row.kind == "document") {
            for (const Document& d : p.documents()) {
                if (d.name == row.name) {
                    row.id = d.id;
                }
            }
        } else if (row.kind == "case") {
            for (const Case& c : p.cases()) {
                if (c.name == row.name) {
                    row.id = c.id;
                }
            }
        } else {
            throw InvalidInputError("line " + std::to_string(i + 1) +
                                    ": kind is \"document\" or \"case\", not \"" + row.kind + "\"");
        }
        out.push_back(std::move(row));
    }
    return out;
}

// Sets (or, for an empty cell, removes) the row's values.
void apply_import_row(Project& p, const ImportRow& row, const std::vector<std::string>& keys) {
    const bool document = row.kind == "document";
    std::map<std::string, std::string> current;
    for (const AttributeValue& v :
         document ? p.document_attributes(*row.id) : p.case_attributes(*row.id)) {
        current[v.attribute] = v.value;
    }
    for (std::size_t c = 0; c < keys.size(); ++c) {
        const std::string& value = row.values[c];
        if (!value.empty()) {
            document ? p.set_document_attribute(*row.id, keys[c], value)
                     : p.set_case_attribute(*row.id, keys[c], value);
        } else if (current.count(keys[c]) > 0) {
            document ? p.unset_document_attribute(*row.id, keys[c])
                     : p.unset_case_attribute(*row.id, keys[c]);
        }
    }
}

int attrs_import(const Words& raw, std::ostream& out) {
    const Args args = parse(raw, {}, {"dry-run", "json"});
    expect_positional(args, 2, "attrs import PROJECT FILE.csv");
    Project p = open_project(args.positional[0]);
    const std::vector<util::CsvRow> rows =
        util::parse_csv(import::read_file_bytes(args.positional[1]));
    if (rows.empty() || rows[0].size() < 2 || rows[0][1] != "kind") {
        throw InvalidInputError("the first line is name,kind, then one column per attribute");
    }
    std::vector<std::string> keys;
    for (std::size_t c = 2; c < rows[0].size(); ++c) {
        keys.push_back(util::csv_text(rows[0][c]));
    }
    Project::Action action(p);
    const std::vector<ImportRow> sheet = read_import_rows(p, rows, rows[0].size());
    ordered_json matched = ordered_json::array();
    ordered_json unmatched = ordered_json::array();
    for (const ImportRow& row : sheet) {
        (row.id ? matched : unmatched)
            .push_back({{"line", row.line}, {"name", row.name}, {"kind", row.kind}});
    }
    // A dry run applies what matches, so that values are checked, and rolls it back.
    if (args.flag("dry-run")) {
        for (const ImportRow& row : sheet) {
            if (row.id) {
                apply_import_row(p, row, keys);
            }
        }
    } else {
        if (!unmatched.empty()) {
            throw NotFoundError("line " + std::to_string(unmatched[0]["line"].get<std::size_t>()) +
                                ": no " + unmatched[0]["kind"].get<std::string>() + " named \"" +
                                unmatched[0]["name"].get<std::string>() +
                                "\"; nothing was imported");
        }
        for (const ImportRow& row : sheet) {
            apply_import_row(p, row, keys);
        }
        action.commit();
    }
    if (args.flag("json")) {
        print_json(
            out,
            {{"dry_run", args.flag("dry-run")}, {"matched", matched}, {"unmatched", unmatched}});
        return 0;
    }
    for (const auto& r : unmatched) {
        out << "line " << r["line"].get<std::size_t>() << ": no " << r["kind"].get<std::string>()
            << " named \"" << r["name"].get<std::string>() << "\"\n";
    }
    out << (args.flag("dry-run") ? "would import " : "imported ")
        << counted(static_cast<long long>(matched.size()), "row") << "\n";
    return 0;
}

}  // namespace

int cmd_case(const Words& raw, std::ostream& out, std::ostream& err) {
    return run_subcommand("case",
                          {{"add", case_add},
                           {"rename", case_rename},
                           {"remove", case_remove},
                           {"link", case_link},
                           {"unlink", case_unlink}},
                          raw, out, err);
}

int cmd_attr(const Words& raw, std::ostream& out, std::ostream& err) {
    return run_subcommand("attr", {{"set", attr_set}, {"unset", attr_unset}}, raw, out, err);
}

int cmd_attrs(const Words& raw, std::ostream& out, std::ostream&) {
    if (!raw.empty() && raw[0] == "export") {
        return attrs_export(Words(raw.begin() + 1, raw.end()), out);
    }
    if (!raw.empty() && raw[0] == "import") {
        return attrs_import(Words(raw.begin() + 1, raw.end()), out);
    }
    return attrs_list(raw, out);
}

}  // namespace quire::cli
