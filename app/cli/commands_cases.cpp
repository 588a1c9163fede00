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
#include "core/exchange/attribute_table.h"
#include "core/exchange/export.h"
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
    const auto [start, end] = parse_range(*range);
    return {start, end};
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

// attr choices P KEY [CHOICE]...: sets a text attribute's choices (--clear: free text
// again), or lists them when none are given.
int attr_choices(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {"clear", "json"});
    if (args.positional.size() < 2) {
        throw UsageError("expected attr choices PROJECT KEY [CHOICE]...");
    }
    const std::vector<std::string> given(args.positional.begin() + 2, args.positional.end());
    if (args.flag("clear") && !given.empty()) {
        throw UsageError("--clear takes no choices");
    }
    Project p = open_project(args.positional[0]);
    const std::string& attribute = args.positional[1];
    if (args.flag("clear") || !given.empty()) {
        p.set_attribute_choices(attribute, given);
    }
    const std::vector<std::string> choices = p.attribute_choices(attribute);
    if (args.flag("json")) {
        print_json(out, {{"attribute", attribute}, {"choices", choices}});
        return 0;
    }
    if (choices.empty()) {
        out << "\"" << attribute << "\" takes any text\n";
    }
    for (const std::string& c : choices) {
        out << c << "\n";
    }
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

int attrs_list(const Words& raw, std::ostream& out) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 1, "attrs PROJECT");
    Project p = open_project(args.positional[0]);
    const exchange::TextTable sheet = exchange::attribute_sheet(p);
    const std::vector<std::string>& header = sheet[0];
    if (args.flag("json")) {
        ordered_json j = ordered_json::array();
        for (std::size_t r = 1; r < sheet.size(); ++r) {
            ordered_json values = ordered_json::object();
            for (std::size_t c = 2; c < header.size(); ++c) {
                values[header[c]] =
                    sheet[r][c].empty() ? ordered_json() : ordered_json(sheet[r][c]);
            }
            j.push_back({{"name", sheet[r][0]}, {"kind", sheet[r][1]}, {"attributes", values}});
        }
        print_json(out, j);
        return 0;
    }
    for (const std::vector<std::string>& row : sheet) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            out << (c > 0 ? "\t" : "") << row[c];
        }
        out << "\n";
    }
    return 0;
}

int attrs_export(const Words& raw, std::ostream& out) {
    const Args args = parse(raw, {"xlsx"}, {"csv", "force"});
    expect_positional(args, 1, "attrs export PROJECT (--csv | --xlsx FILE)");
    if (args.flag("csv") == args.option("xlsx").has_value()) {
        throw UsageError("attrs export takes either --csv or --xlsx FILE");
    }
    Project p = open_project(args.positional[0]);
    if (args.flag("csv")) {
        out << exchange::attribute_sheet_csv(p);
        return 0;
    }
    const std::string path = *args.option("xlsx");
    exchange::ExportOptions options;
    options.if_exists = args.flag("force") ? util::IfExists::Replace : util::IfExists::Refuse;
    options.format = exchange::ExportFormat::Xlsx;
    exchange::write_export(p, exchange::ExportContent::Attributes, path, options);
    out << "wrote " << path << "\n";
    return 0;
}

std::string quoted_or_none(const std::optional<std::string>& value) {
    return value ? "\"" + *value + "\"" : "nothing";
}

std::string row_owner(const exchange::AttributeRow& row) {
    return row.kind ? std::string(exchange::to_string(*row.kind)) + " \"" + row.name + "\""
                    : "\"" + row.name + "\"";
}

ordered_json preview_json(const exchange::AttributeImportPreview& preview, bool dry_run) {
    ordered_json columns = ordered_json::array();
    for (const exchange::AttributeColumn& c : preview.columns) {
        columns.push_back({{"name", c.name}, {"type", to_string(c.type)}, {"new", c.is_new}});
    }
    ordered_json matched = ordered_json::array(), unmatched = ordered_json::array(),
                 invalid = ordered_json::array(), changes = ordered_json::array();
    for (const exchange::AttributeRow& row : preview.rows) {
        ordered_json r = {
            {"line", row.line},
            {"name", row.name},
            {"kind", row.kind ? ordered_json(exchange::to_string(*row.kind)) : ordered_json()}};
        if (!row.owner) {
            r["problem"] = row.problem;
        }
        (row.owner ? matched : unmatched).push_back(r);
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            const exchange::AttributeCell& cell = row.cells[c];
            const std::string& attribute = preview.columns[c].name;
            if (!cell.valid) {
                invalid.push_back({{"line", row.line},
                                   {"attribute", attribute},
                                   {"value", cell.value},
                                   {"problem", cell.problem}});
            } else if (cell.changes) {
                changes.push_back(
                    {{"line", row.line},
                     {"name", row.name},
                     {"attribute", attribute},
                     {"from", cell.current ? ordered_json(*cell.current) : ordered_json()},
                     {"to", cell.stored.empty() ? ordered_json() : ordered_json(cell.stored)}});
            }
        }
    }
    return {{"dry_run", dry_run},     {"can_import", preview.can_apply()},
            {"columns", columns},     {"matched", matched},
            {"unmatched", unmatched}, {"invalid", invalid},
            {"changes", changes}};
}

// What --dry-run prints: every problem, then every change, then the count.
void print_preview(const exchange::AttributeImportPreview& preview, std::ostream& out) {
    for (const exchange::AttributeColumn& c : preview.columns) {
        if (c.is_new) {
            out << "new attribute \"" << c.name << "\" (text)\n";
        }
    }
    for (const exchange::AttributeRow& row : preview.rows) {
        if (!row.owner) {
            out << "line " << row.line << ": " << row.problem << "\n";
        }
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            const exchange::AttributeCell& cell = row.cells[c];
            if (!cell.valid) {
                out << "line " << row.line << ": " << cell.problem << "\n";
            } else if (cell.changes) {
                out << "line " << row.line << ": " << row_owner(row) << " "
                    << preview.columns[c].name << ": " << quoted_or_none(cell.current) << " -> "
                    << quoted_or_none(cell.stored.empty() ? std::nullopt
                                                          : std::optional(cell.stored))
                    << "\n";
            }
        }
    }
    if (preview.can_apply()) {
        out << "would import " << counted(static_cast<long long>(preview.rows.size()), "row")
            << " (" << counted(static_cast<long long>(preview.changed_cells()), "change") << ")\n";
    } else {
        out << "would import nothing: "
            << counted(static_cast<long long>(preview.unmatched_rows()), "row")
            << " matching nothing, "
            << counted(static_cast<long long>(preview.invalid_cells()), "value")
            << " its attribute refuses\n";
    }
}

// The table's rows match documents and cases by name; all rows or none are imported. A
// dry run shows every match, problem and change and exits 0 once the table could be read.
int attrs_import(const Words& raw, std::ostream& out) {
    const Args args = parse(raw, {}, {"dry-run", "json"});
    expect_positional(args, 2, "attrs import PROJECT FILE.csv|FILE.xlsx");
    Project p = open_project(args.positional[0]);
    const exchange::TextTable table = exchange::read_attribute_table(args.positional[1]);
    const bool dry_run = args.flag("dry-run");
    // The preview and the change read one state of the project; a dry run writes nothing,
    // so it leaves other writers free.
    Project::Action action(
        p, dry_run ? Project::Action::Access::Read : Project::Action::Access::Write);
    const exchange::AttributeImportPreview preview = exchange::preview_attribute_import(p, table);
    std::optional<exchange::AttributeImportOutcome> outcome;
    if (!dry_run) {
        outcome = exchange::apply_attribute_import(p, preview);
        action.commit();
    }
    if (args.flag("json")) {
        print_json(out, preview_json(preview, dry_run));
    } else if (dry_run) {
        print_preview(preview, out);
    } else {
        out << "imported " << counted(static_cast<long long>(outcome->rows), "row") << " ("
            << counted(static_cast<long long>(outcome->set), "value") << " set, "
            << outcome->removed << " removed)\n";
    }
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
    return run_subcommand("attr",
                          {{"set", attr_set}, {"unset", attr_unset}, {"choices", attr_choices}},
                          raw, out, err);
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
