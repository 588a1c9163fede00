// SPDX-License-Identifier: GPL-3.0-or-later
// The codebook and what is coded: codes, code, codings, segments, codebook, coders, cases.
#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/base/errors.h"
#include "core/base/text_range.h"
#include "core/exchange/export.h"
#include "core/exchange/tables.h"
#include "core/import/importer.h"
#include "core/project/project.h"
#include "core/text/graphemes.h"

namespace quire::cli {
namespace {

const std::set<std::string> kCodeFieldOptions = {"color", "definition", "inclusion", "exclusion",
                                                 "example"};

ordered_json code_json(Project& p, const Code& c) {
    return {{"id", c.id},
            {"guid", c.guid},
            {"name", c.name},
            {"path", p.code_path(c.id)},
            {"parent", c.parent_id ? ordered_json(p.code_path(*c.parent_id)) : ordered_json()},
            {"color", c.color},
            {"definition", c.definition},
            {"inclusion", c.inclusion},
            {"exclusion", c.exclusion},
            {"example", c.example},
            {"codable", c.codable},
            {"position", c.position},
            {"codings", p.coding_count(c.id)}};
}

CodeFields code_fields(const Args& args) {
    CodeFields f;
    f.color = args.option("color");
    f.definition = args.option("definition");
    f.inclusion = args.option("inclusion");
    f.exclusion = args.option("exclusion");
    f.example = args.option("example");
    return f;
}

std::optional<Id> parent_code(Project& p, const Args& args) {
    if (const auto name = args.option("parent")) {
        return p.find_code(*name).id;
    }
    return std::nullopt;
}

// --- code SUBCOMMAND ---------------------------------------------------------------------

int code_add(const Words& raw, std::ostream& out, std::ostream&) {
    std::set<std::string> valued = kCodeFieldOptions;
    valued.insert("parent");
    const Args args = parse(raw, valued, {"json"});
    expect_positional(args, 2, "code add PROJECT NAME");
    Project p = open_project(args.positional[0]);
    const Code c = p.add_code(args.positional[1], parent_code(p, args), code_fields(args));
    if (args.flag("json")) {
        print_json(out, code_json(p, c));
    } else {
        out << "added code \"" << p.code_path(c.id) << "\" (id " << c.id << ")\n";
    }
    return 0;
}

int code_edit(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, kCodeFieldOptions, {});
    expect_positional(args, 2, "code edit PROJECT CODE");
    Project p = open_project(args.positional[0]);
    const Code c = p.find_code(args.positional[1]);
    p.update_code(c.id, code_fields(args));
    out << "updated code \"" << p.code_path(c.id) << "\"\n";
    return 0;
}

int code_rename(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {});
    expect_positional(args, 3, "code rename PROJECT CODE NEW-NAME");
    Project p = open_project(args.positional[0]);
    const Code c = p.find_code(args.positional[1]);
    p.rename_code(c.id, args.positional[2]);
    out << "renamed \"" << c.name << "\" to \"" << p.code(c.id).name << "\"\n";
    return 0;
}

int code_move(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"parent", "position"}, {"top"});
    expect_positional(args, 2, "code move PROJECT CODE (--parent CODE | --top)");
    if (args.flag("top") == args.option("parent").has_value()) {
        throw UsageError("code move takes either --parent CODE or --top");
    }
    Project p = open_project(args.positional[0]);
    const Code c = p.find_code(args.positional[1]);
    const std::optional<Id> parent = parent_code(p, args);
    std::optional<int> position;
    if (const auto pos = args.option("position")) {
        position = static_cast<int>(parse_offset(*pos, "--position"));
    }
    p.move_code(c.id, parent, position);
    out << "moved code to \"" << p.code_path(c.id) << "\"\n";
    return 0;
}

int code_merge(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {});
    expect_positional(args, 3, "code merge PROJECT SOURCE TARGET");
    Project p = open_project(args.positional[0]);
    const Code from = p.find_code(args.positional[1]);
    const Code into = p.find_code(args.positional[2]);
    const int moved = p.merge_codes(from.id, into.id);
    out << "merged \"" << from.name << "\" into \"" << p.code_path(into.id) << "\" ("
        << counted(moved, "coding") << " moved)\n";
    return 0;
}

int code_delete(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {"force"});
    expect_positional(args, 2, "code delete PROJECT CODE");
    Project p = open_project(args.positional[0]);
    const Code c = p.find_code(args.positional[1]);
    const std::int64_t used = p.coding_count(c.id, true);
    p.delete_code(c.id, args.flag("force"));
    out << "deleted code \"" << c.name << "\"";
    if (used > 0) {
        out << " and its " << counted(used, "coding");
    }
    out << "\n";
    return 0;
}

// The ranges `code apply` codes: the one given by --range, exactly as given (with a
// warning when it cuts a character in two), or every occurrence of --match widened to
// whole characters (grapheme clusters: "🇬" alone would code half a flag).
std::vector<TextRange> ranges_to_apply(Project& p, const Document& d, const Args& args,
                                       std::ostream& err) {
    if (const auto range = args.option("range")) {
        const auto [start, end] = parse_range(*range);
        const TextRange r{start, end};
        if (r.start < r.end && r.start >= 0 && r.end <= d.length) {
            const std::string text = p.document_text(d.id);
            text::GraphemeBreaks characters(text);
            for (const std::int64_t at : {r.start, r.end}) {
                if (!characters.is_boundary(at)) {
                    const TextRange whole = characters.widen(r);
                    err << "warning: [" << r.start << ", " << r.end << ") cuts a character in two "
                        << "at " << at << " (whole characters: [" << whole.start << ", "
                        << whole.end << ")); coded as given\n";
                    break;
                }
            }
        }
        return {r};
    }
    const std::string& match = *args.option("match");
    const std::vector<TextRange> found = p.find_text(d.id, match);
    if (found.empty()) {
        throw NotFoundError("\"" + match + "\" does not occur in \"" + d.name + "\"");
    }
    const std::string text = p.document_text(d.id);
    text::GraphemeBreaks characters(text);
    std::vector<TextRange> ranges;
    std::size_t widened = 0;
    for (const TextRange& r : found) {
        const TextRange whole = characters.widen(r);
        widened += whole != r ? 1 : 0;
        // Occurrences inside one character (two joined emoji) code it once.
        if (!ranges.empty() && whole.start < ranges.back().end) {
            ranges.back().end = std::max(ranges.back().end, whole.end);
        } else {
            ranges.push_back(whole);
        }
    }
    if (widened > 0) {
        err << "note: " << counted(static_cast<std::int64_t>(widened), "occurrence") << " of \""
            << match << "\" cut a character in two (a flag, an emoji sequence, a letter and its "
            << "accents) and " << (widened == 1 ? "was" : "were")
            << " widened to whole characters\n";
    }
    return ranges;
}

int code_apply(const Words& raw, std::ostream& out, std::ostream& err) {
    const Args args = parse(raw, {"doc", "code", "coder", "range", "match", "memo"}, {"json"});
    expect_positional(args, 1, "code apply PROJECT --doc DOC --code CODE --coder NAME");
    if (args.option("range").has_value() == args.option("match").has_value()) {
        throw UsageError("code apply takes either --range START:END or --match TEXT");
    }
    Project p = open_project(args.positional[0]);
    Project::Action action(p);
    const Document d = p.find_document(args.required("doc"));
    const Code c = p.find_code(args.required("code"));
    const std::string coder_name = args.required("coder");
    const std::vector<TextRange> ranges = ranges_to_apply(p, d, args, err);
    const Coder coder = p.ensure_coder(coder_name);
    const std::vector<ApplyOutcome> outcomes =
        p.apply_code_ranges(d.id, c.id, coder.id, ranges, args.option("memo").value_or(""));
    ordered_json j = ordered_json::array();
    std::ostringstream text;
    const std::string path = p.code_path(c.id);
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        const TextRange& r = ranges[i];
        const ApplyOutcome& outcome = outcomes[i];
        j.push_back({{"id", outcome.coding.id},
                     {"document", d.name},
                     {"code", path},
                     {"coder", coder.name},
                     {"start", r.start},
                     {"end", r.end},
                     {"existed", outcome.existed}});
        text << (outcome.existed ? "already coded " : "coded ") << "[" << r.start << ", " << r.end
             << ") of \"" << d.name << "\" with \"" << c.name << "\" for " << coder.name << "\n";
    }
    action.commit();
    if (args.flag("json")) {
        print_json(out, j);
    } else {
        out << text.str();
    }
    return 0;
}

// --- codings SUBCOMMAND ------------------------------------------------------------------

int codings_export(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 1, "codings export PROJECT");
    Project p = open_project(args.positional[0]);
    if (!args.flag("json")) {
        out << p.export_codings_csv();
        return 0;
    }
    ordered_json j = ordered_json::array();
    for (const Segment& s : p.segments({}, 0)) {
        j.push_back({{"document", s.document},
                     {"coder", s.coder},
                     {"code", s.code},
                     {"start", s.coding.start},
                     {"end", s.coding.end},
                     {"id", s.coding.id},
                     {"guid", s.coding.guid},
                     {"created_at", s.coding.created_at},
                     {"memo", s.coding.memo},
                     {"text", s.text}});
    }
    print_json(out, j);
    return 0;
}

int codings_import(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 2, "codings import PROJECT FILE.csv");
    Project p = open_project(args.positional[0]);
    const CsvCodingsOutcome r = p.import_codings_csv(import::read_file_bytes(args.positional[1]));
    if (args.flag("json")) {
        print_json(out, {{"added", r.added}, {"already_present", r.already_present}});
    } else {
        out << "imported " << counted(r.added, "coding") << " (" << r.already_present
            << " already present)\n";
    }
    return 0;
}

int codings_remove(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {});
    expect_positional(args, 2, "codings remove PROJECT ID");
    Project p = open_project(args.positional[0]);
    p.remove_coding(parse_offset(args.positional[1], "ID"));
    out << "removed coding " << args.positional[1] << "\n";
    return 0;
}

// Exports may take every coding; a listing on screen needs a code. --code, --coder and --doc
// may each be given again to take any of several, as the workbench's Retrieved Segments do.
CodingFilter segments_filter(Project& p, const Args& args) {
    CodingFilter filter;
    for (const std::string& code : args.all("code")) {
        filter.code_ids.push_back(p.find_code(code).id);
    }
    filter.include_child_codes = !args.flag("exact");
    if (filter.code_ids.empty() && !args.flag("csv") && !args.option("xlsx")) {
        throw UsageError("missing --code");
    }
    for (const std::string& coder : args.all("coder")) {
        filter.coder_ids.push_back(p.find_coder(coder).id);
    }
    filter.documents = chosen_documents(p, args);
    for (const std::string& name : args.all("case")) {
        filter.case_ids.push_back(p.find_case(name).id);
    }
    return filter;
}

// --xlsx FILE writes a workbook whatever FILE's extension; an existing FILE is replaced only
// with --force, and the project itself never.
exchange::ExportOptions xlsx_options(const Args& args, const CodingFilter& segments = {}) {
    exchange::ExportOptions options;
    options.segments = segments;
    options.if_exists = args.flag("force") ? util::IfExists::Replace : util::IfExists::Refuse;
    options.format = exchange::ExportFormat::Xlsx;
    return options;
}

void print_segments(const std::vector<Segment>& segments, bool json, std::ostream& out) {
    if (json) {
        ordered_json j = ordered_json::array();
        for (const Segment& s : segments) {
            j.push_back({{"document", s.document},
                         {"code", s.code},
                         {"coder", s.coder},
                         {"start", s.coding.start},
                         {"end", s.coding.end},
                         {"text", s.text},
                         {"before", s.before},
                         {"after", s.after},
                         {"coding_id", s.coding.id},
                         {"memo", s.coding.memo}});
        }
        print_json(out, j);
        return;
    }
    for (const Segment& s : segments) {
        out << s.document << " [" << s.coding.start << ", " << s.coding.end << ") " << s.code
            << " — " << s.coder << "\n  …" << s.before << "«" << s.text << "»" << s.after
            << "…\n\n";
    }
    out << segments.size() << " segments\n";
}

}  // namespace

// The codebook's counts as the workbench shows them: codings, documents and the share of
// the text covered, own and with child codes, in the documents and coders chosen.
int cmd_codes(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"doc", "group", "coder"}, {"json"});
    expect_positional(args, 1, "codes PROJECT");
    Project p = open_project(args.positional[0]);
    const std::vector<Code> codes = p.codes();
    CodingFilter filter;
    filter.documents = chosen_documents(p, args);
    for (const std::string& coder : args.all("coder")) {
        filter.coder_ids.push_back(p.find_coder(coder).id);
    }
    const CodeStatisticsTable table = p.code_statistics(filter);
    const auto share = [&](std::int64_t covered) {
        return table.text_length > 0
                   ? static_cast<double>(covered) / static_cast<double>(table.text_length)
                   : 0.0;
    };
    if (args.flag("json")) {
        ordered_json j = ordered_json::array();
        for (std::size_t i = 0; i < codes.size(); ++i) {
            const CodeStatistics& s = table.codes[i];
            ordered_json code = code_json(p, codes[i]);
            code["codings"] = s.codings;
            code["documents"] = s.documents;
            code["coverage"] = share(s.covered);
            code["codings_in_all"] = s.codings_in_all;
            code["documents_in_all"] = s.documents_in_all;
            code["coverage_in_all"] = share(s.covered_in_all);
            j.push_back(code);
        }
        print_json(out, j);
        return 0;
    }
    std::map<Id, int> depth;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const Code& c = codes[i];
        depth[c.id] = c.parent_id ? depth[*c.parent_id] + 1 : 0;
        out << std::string(static_cast<std::size_t>(depth[c.id]) * 2, ' ') << c.name << "  "
            << c.color << "  (" << counted(table.codes[i].codings, "coding") << ")\n";
    }
    return 0;
}

int cmd_code(const Words& raw, std::ostream& out, std::ostream& err) {
    return run_subcommand("code",
                          {{"add", code_add},
                           {"edit", code_edit},
                           {"rename", code_rename},
                           {"move", code_move},
                           {"merge", code_merge},
                           {"delete", code_delete},
                           {"apply", code_apply}},
                          raw, out, err);
}

int cmd_codings(const Words& raw, std::ostream& out, std::ostream& err) {
    return run_subcommand("codings",
                          {{"export", codings_export},
                           {"import", codings_import},
                           {"edit", codings_edit},
                           {"remove", codings_remove}},
                          raw, out, err);
}

int cmd_segments(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"code", "coder", "doc", "group", "case", "context", "xlsx"},
                            {"json", "exact", "csv", "force"});
    expect_positional(args, 1, "segments PROJECT --code CODE");
    Project p = open_project(args.positional[0]);
    const CodingFilter filter = segments_filter(p, args);
    const int context =
        static_cast<int>(parse_offset(args.option("context").value_or("60"), "--context"));
    if (const auto xlsx = args.option("xlsx")) {
        exchange::write_export(p, exchange::ExportContent::Segments, *xlsx,
                               xlsx_options(args, filter));
        out << "wrote " << *xlsx << "\n";
        return 0;
    }
    if (args.flag("csv")) {
        out << exchange::segments_csv(p, filter);
        return 0;
    }
    print_segments(p.segments(filter, std::max(0, context)), args.flag("json"), out);
    return 0;
}

int cmd_codebook(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"xlsx"}, {"csv", "md", "force"});
    expect_positional(args, 1, "codebook PROJECT (--csv | --md | --xlsx FILE)");
    Project p = open_project(args.positional[0]);
    if (const auto xlsx = args.option("xlsx")) {
        exchange::write_export(p, exchange::ExportContent::Codebook, *xlsx, xlsx_options(args));
        out << "wrote " << *xlsx << "\n";
    } else if (args.flag("md")) {
        out << exchange::codebook_markdown(p);
    } else if (args.flag("csv")) {
        out << exchange::codebook_csv(p);
    } else {
        throw UsageError("codebook takes --csv, --md or --xlsx FILE");
    }
    return 0;
}

int cmd_coders(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 1, "coders PROJECT");
    Project p = open_project(args.positional[0]);
    ordered_json j = ordered_json::array();
    for (const Coder& c : p.coders()) {
        CodingFilter f;
        f.coder_id = c.id;
        const auto n = p.codings(f).size();
        j.push_back({{"id", c.id}, {"guid", c.guid}, {"name", c.name}, {"codings", n}});
        if (!args.flag("json")) {
            out << c.name << "\t" << counted(n, "coding") << "\n";
        }
    }
    if (args.flag("json")) {
        print_json(out, j);
    }
    return 0;
}

int cmd_cases(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 1, "cases PROJECT");
    Project p = open_project(args.positional[0]);
    ordered_json j = ordered_json::array();
    for (const Case& c : p.cases()) {
        ordered_json docs = ordered_json::array();
        for (const CaseLink& link : p.case_links(c.id)) {
            ordered_json l = {{"document", p.document(link.document_id).name}};
            if (link.start) {
                l["start"] = *link.start;
                l["end"] = *link.end;
            }
            docs.push_back(l);
        }
        j.push_back({{"id", c.id},
                     {"guid", c.guid},
                     {"name", c.name},
                     {"description", c.description},
                     {"documents", docs},
                     {"attributes", attributes_json(p.case_attributes(c.id))}});
        if (!args.flag("json")) {
            out << c.name;
            for (const auto& [k, v] : j.back()["attributes"].items()) {
                out << "\t" << k << "=" << (v.is_string() ? v.get<std::string>() : v.dump());
            }
            out << "\n";
        }
    }
    if (args.flag("json")) {
        print_json(out, j);
    }
    return 0;
}

}  // namespace quire::cli
