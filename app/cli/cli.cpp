// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli.h"

#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "core/project_agreement/disagreements.h"
#include "core/project_agreement/run.h"
#include "core/agreement/reliability.h"
#include "core/project_agreement/report_export.h"
#include "core/demo/demo.h"
#include "core/base/errors.h"
#include "core/exchange/qdpx_export.h"
#include "core/exchange/qdpx_import.h"
#include "core/exchange/tables.h"
#include "core/import/importer.h"
#include "core/project/project.h"
#include "core/text/unicode.h"
#include "core/formats/csv.h"
#include "core/formats/json_writer.h"
#include "search/search.h"

namespace quire::cli {
namespace {

using nlohmann::ordered_json;

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

constexpr const char* kUsage = R"(usage: quire-cli COMMAND PROJECT [ARGS] [--json]

Projects
  new P [--name NAME]                    create an empty project file P
  demo P                                 write a fresh copy of the demo project to P
  info P [--language CODE]               project name, GUID, counts; --language sets the
                                         transcripts' language (ISO 639: en, fr, de...)
Documents
  import P FILE... [--name NAME] [--attr KEY=VALUE]... [--encoding ENC] [--no-index]
                                         import .txt (any common encoding) or .docx, a
                                         REFI-QDA project (.qdpx, .qde) from another tool,
                                         or a REFI-QDA codebook (.qdc) into the codebook;
                                         new documents are indexed for search
  docs P [--delete DOC]...               list documents, or delete some (with their codings)
  text P DOC                             print a document's stored text exactly
Codebook
  codes P                                list codes as a tree
  code add P NAME [--parent CODE] [--color #RRGGBB] [--definition TEXT]
                  [--inclusion TEXT] [--exclusion TEXT] [--example TEXT]
  code edit P CODE [--color #RRGGBB] [--definition TEXT] [--inclusion TEXT]
                   [--exclusion TEXT] [--example TEXT]
  code rename P CODE NEW-NAME
  code move P CODE (--parent CODE | --top) [--position N]
  code merge P SOURCE TARGET             codings move to TARGET, duplicates collapse
  code delete P CODE [--force]           refused while coded unless forced
  code apply P --doc DOC --code CODE --coder NAME (--range START:END | --match TEXT)
Codings
  codings export P [--json]              CSV: document,coder,code,start,end
  codings import P FILE.csv              same CSV; all rows or none
  codings remove P ID
  segments P --code CODE [--coder NAME] [--doc DOC] [--context N] [--csv | --xlsx FILE]
  codebook P (--csv | --md | --xlsx FILE)  the codebook with every field
  report P OUT.html                      codebook, code frequencies and segments by code
  coders P                               list coders
  cases P                                list cases with their documents and attributes
Agreement
  agreement P (--coders A,B[,C...] | --group1 A,.. --group2 B,..) [--code CODE]...
              [--doc DOC]... [--unit character|word|sentence|paragraph|turn|segment|document]
              [--coverage SHARE] [--overlap SHARE] [--json|--csv] [--no-store]
              [--xlsx FILE] [--html FILE]
  agreement P --history                  every stored agreement run
  agreement --ratings FILE.csv [--level nominal|ordinal|interval|ratio] [--categories N]
                                         calculator for a table: unit id, one column per coder
  disagreements P --coders A,B [--code CODE]... [--doc DOC]... [--context N]
                                         passages where two coders differ, code by code
  adopt P --coders A,B --doc DOC --code CODE --at POSITION --take A [--consensus NAME]
                                         copy one coder's version into the consensus layer
Search
  search P QUERY [--code CODE]... [--coder NAME]... [--attr KEY=VALUE]... [--doc DOC]...
                 [--case CASE]... [--limit N] [--offset N] [--count] [--json]
                                         hits with exact positions and a snippet; --count
                                         adds totals and hits per document and per code
  search P QUERY ... --apply-code CODE --as NAME [--spread hit|paragraph]
                                         code every hit (or its paragraph), all or none
  index P [--rebuild]                    bring the search index up to date (or rebuild it)
                                         and show its size; progress on stderr
  QUERY: words (stemmed; all in one paragraph), "a phrase", OR, NOT, -word, NEAR/5,
  exploit*, (grouping), and filters doc:NAME case:NAME code:CODE coder:NAME KEY:VALUE
Exchange
  export P OUT.qdpx|OUT.qdc [--force]    REFI-QDA project (.qdpx) or codebook (.qdc)

DOC is a document name or id, CODE a code name, path (Parent/Child) or id. Positions are
half-open [start, end) ranges of Unicode code points in the stored (NFC, LF) text.
Every listing takes --json.
)";

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::vector<std::string>> options;
    std::set<std::string> flags;

    bool flag(const std::string& name) const { return flags.count(name) > 0; }
    std::optional<std::string> option(const std::string& name) const {
        const auto it = options.find(name);
        if (it == options.end()) {
            return std::nullopt;
        }
        return it->second.back();
    }
    std::string required(const std::string& name) const {
        auto v = option(name);
        if (!v) {
            throw UsageError("missing --" + name);
        }
        return *v;
    }
    std::vector<std::string> all(const std::string& name) const {
        const auto it = options.find(name);
        return it == options.end() ? std::vector<std::string>{} : it->second;
    }
};

// Splits arguments for a command that accepts `valued` options and `flag_names` flags.
Args parse(const std::vector<std::string>& raw, const std::set<std::string>& valued,
           const std::set<std::string>& flag_names) {
    Args args;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const std::string& a = raw[i];
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a.substr(2);
            std::optional<std::string> value;
            if (const auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            if (flag_names.count(name)) {
                if (value) {
                    throw UsageError("--" + name + " takes no value");
                }
                args.flags.insert(name);
            } else if (valued.count(name)) {
                if (!value) {
                    if (i + 1 >= raw.size()) {
                        throw UsageError("--" + name + " needs a value");
                    }
                    value = raw[++i];
                }
                args.options[name].push_back(*value);
            } else {
                throw UsageError("unknown option --" + name);
            }
        } else {
            args.positional.push_back(a);
        }
    }
    return args;
}

std::string one_line(std::string message) {
    std::replace(message.begin(), message.end(), '\n', ' ');
    return message;
}

// Progress of long work on stderr: a line at every tenth, so logs stay short.
search::Progress progress_printer(std::ostream& err, const std::string& what) {
    auto last_tenth = std::make_shared<int>(-1);
    return [&err, what, last_tenth](std::size_t done, std::size_t total) {
        const int tenth = total == 0 ? 10 : static_cast<int>(done * 10 / total);
        if (tenth != *last_tenth && (done > 0 || total == 0)) {
            *last_tenth = tenth;
            err << what << ": " << done << "/" << total << " documents\n";
        }
        return true;
    };
}

void expect_positional(const Args& args, std::size_t n, const char* what) {
    if (args.positional.size() != n) {
        throw UsageError(std::string("expected ") + what);
    }
}

std::int64_t parse_offset(const std::string& s, const char* what) {
    std::size_t used = 0;
    long long v = 0;
    try {
        v = std::stoll(s, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != s.size() || s.empty()) {
        throw UsageError(std::string(what) + " must be a whole number, got \"" + s + "\"");
    }
    return v;
}

std::string lower_extension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

std::string read_text_file(const std::string& path) {
    return import::read_file_bytes(path);
}

ordered_json attributes_json(const std::vector<AttributeValue>& values) {
    ordered_json j = ordered_json::object();
    for (const AttributeValue& v : values) {
        switch (v.type) {
            case AttributeType::Boolean:
                j[v.attribute] = v.value == "true";
                break;
            case AttributeType::Integer:
                j[v.attribute] = std::stoll(v.value);
                break;
            case AttributeType::Float:
                j[v.attribute] = std::stod(v.value);
                break;
            default:
                j[v.attribute] = v.value;
        }
    }
    return j;
}

ordered_json document_json(Project& p, const Document& d) {
    return {{"id", d.id},
            {"guid", d.guid},
            {"name", d.name},
            {"length", d.length},
            {"original_name", d.original_name},
            {"format", d.format},
            {"encoding", d.encoding},
            {"imported_at", d.imported_at},
            {"content_hash", d.content_hash},
            {"attributes", attributes_json(p.document_attributes(d.id))}};
}

void print_json(std::ostream& out, const ordered_json& j) {
    out << j.dump(2) << "\n";
}

// --- commands -----------------------------------------------------------------------

int cmd_new(const std::vector<std::string>& raw, std::ostream& out) {
    const Args args = parse(raw, {"name"}, {"json"});
    expect_positional(args, 1, "new PROJECT");
    Project p = Project::create(args.positional[0], args.option("name").value_or(""));
    const ProjectInfo info = p.info();
    if (args.flag("json")) {
        print_json(out, {{"path", args.positional[0]}, {"guid", info.guid}, {"name", info.name}});
    } else {
        out << "created " << args.positional[0] << "\n";
    }
    return 0;
}

int cmd_demo(const std::vector<std::string>& raw, std::ostream& out) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 1, "demo PROJECT");
    demo::write_demo_project(args.positional[0]);
    Project p = Project::open(args.positional[0]);
    if (args.flag("json")) {
        print_json(out, {{"path", args.positional[0]},
                         {"documents", p.documents().size()},
                         {"codes", p.codes().size()},
                         {"codings", p.codings().size()}});
    } else {
        out << "wrote the demo project to " << args.positional[0] << " (" << p.documents().size()
            << " documents, " << p.codes().size() << " codes, " << p.codings().size()
            << " codings)\n";
    }
    return 0;
}

int cmd_info(const std::vector<std::string>& raw, std::ostream& out) {
    const Args args = parse(raw, {"language"}, {"json"});
    expect_positional(args, 1, "info PROJECT");
    Project p = Project::open(args.positional[0]);
    if (const auto language = args.option("language")) {
        p.set_language(*language);
    }
    const ProjectInfo info = p.info();
    ordered_json j = {{"name", info.name},
                      {"guid", info.guid},
                      {"description", info.description},
                      {"language", info.language},
                      {"created_at", info.created_at},
                      {"schema_version", info.schema_version},
                      {"documents", p.documents().size()},
                      {"codes", p.codes().size()},
                      {"coders", p.coders().size()},
                      {"codings", p.codings().size()},
                      {"cases", p.cases().size()}};
    if (args.flag("json")) {
        print_json(out, j);
    } else {
        for (const auto& [key, value] : j.items()) {
            out << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump())
                << "\n";
        }
    }
    return 0;
}

int cmd_import(const std::vector<std::string>& raw, std::ostream& out, std::ostream& err) {
    const Args args = parse(raw, {"name", "attr", "encoding"}, {"json", "no-index"});
    if (args.positional.size() < 2) {
        throw UsageError("expected import PROJECT FILE...");
    }
    const std::vector<std::string> files(args.positional.begin() + 1, args.positional.end());
    if (args.option("name") && files.size() > 1) {
        throw UsageError("--name applies to a single file");
    }
    ImportOptions options;
    options.name = args.option("name");
    options.encoding = args.option("encoding");
    for (const std::string& kv : args.all("attr")) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) {
            throw UsageError("--attr takes KEY=VALUE, got \"" + kv + "\"");
        }
        options.attributes.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
    Project p = Project::open(args.positional[0]);
    // All files or none: a failure in the last file leaves the project as it was.
    Project::Action action(p);
    ordered_json results = ordered_json::array();
    std::ostringstream report;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (files.size() > 1) {
            err << "[" << i + 1 << "/" << files.size() << "] " << files[i] << "\n";
        }
        const std::string ext = lower_extension(files[i]);
        if (ext == ".qdc") {
            // A codebook from another tool, merged into ours: existing codes stay as they are.
            const exchange::ImportReport r = exchange::import_qdc(p, files[i]);
            results.push_back({{"file", files[i]},
                               {"origin", r.origin},
                               {"codes", r.codes},
                               {"code_sets", r.code_sets},
                               {"adjusted", r.adjusted},
                               {"skipped", r.skipped}});
            report << "imported codebook " << files[i] << " ("
                   << (r.origin.empty() ? "unknown tool" : r.origin) << "): " << r.codes
                   << " codes, " << r.code_sets << " code sets\n";
            for (const std::string& a : r.adjusted) {
                report << "  adjusted: " << a << "\n";
            }
            for (const std::string& k : r.skipped) {
                report << "  skipped: " << k << "\n";
            }
            continue;
        }
        if (ext == ".qdpx" || ext == ".qde") {
            // A whole project from another tool: its own report of what came in, what was
            // adjusted and what was skipped.
            const exchange::ImportReport r = exchange::import_qdpx(p, files[i]);
            ordered_json j = {
                {"file", files[i]},       {"origin", r.origin},       {"sources", r.sources},
                {"codes", r.codes},       {"codings", r.codings},     {"notes", r.notes},
                {"cases", r.cases},       {"variables", r.variables}, {"users", r.users},
                {"adjusted", r.adjusted}, {"skipped", r.skipped}};
            results.push_back(j);
            report << "imported " << files[i] << " ("
                   << (r.origin.empty() ? "unknown tool" : r.origin) << "): " << r.sources
                   << " sources, " << r.codes << " codes, " << r.codings << " codings, " << r.notes
                   << " notes, " << r.cases << " cases, " << r.variables << " variables, "
                   << r.users << " users\n";
            for (const std::string& a : r.adjusted) {
                report << "  adjusted: " << a << "\n";
            }
            for (const std::string& k : r.skipped) {
                report << "  skipped: " << k << "\n";
            }
            continue;
        }
        const ImportOutcome r = p.import_file(files[i], options);
        results.push_back({{"file", files[i]},
                           {"document", r.document.name},
                           {"id", r.document.id},
                           {"length", r.document.length},
                           {"encoding", r.encoding},
                           {"duplicate", r.duplicate}});
        if (r.duplicate) {
            report << "skipped " << files[i] << ": same text as document \"" << r.document.name
                   << "\"\n";
        } else {
            report << "imported " << files[i] << " as \"" << r.document.name << "\" ("
                   << r.document.length << " characters, " << r.encoding << ")\n";
        }
    }
    action.commit();
    if (!args.flag("no-index")) {
        // The index is a cache: the import itself is already safe when indexing fails.
        try {
            search::Index index(p, {}, progress_printer(err, "indexing"));
        } catch (const std::exception& e) {
            err << "quire-cli: imported, but the search index was not updated: "
                << one_line(e.what()) << "\n";
        }
    }
    if (args.flag("json")) {
        print_json(out, results);
    } else {
        out << report.str();
    }
    return 0;
}

int cmd_docs(const std::vector<std::string>& raw, std::ostream& out, std::ostream& err) {
    const Args args = parse(raw, {"delete"}, {"json"});
    expect_positional(args, 1, "docs PROJECT");
    Project p = Project::open(args.positional[0]);
    if (const std::vector<std::string> doomed = args.all("delete"); !doomed.empty()) {
        Project::Action action(p);
        for (const std::string& name : doomed) {
            const Document d = p.find_document(name);
            p.delete_document(d.id);
            out << "deleted \"" << d.name << "\" with its codings\n";
        }
        action.commit();
        // Deleted text must never show in search results: the index forgets it now (and
        // any later search would notice the change anyway).
        try {
            search::Index index(p, {}, progress_printer(err, "indexing"));
        } catch (const std::exception& e) {
            err << "quire-cli: deleted, but the search index was not updated: "
                << one_line(e.what()) << "\n";
        }
        return 0;
    }
    const std::vector<Document> docs = p.documents();
    if (args.flag("json")) {
        ordered_json j = ordered_json::array();
        for (const Document& d : docs) {
            j.push_back(document_json(p, d));
        }
        print_json(out, j);
        return 0;
    }
    for (const Document& d : docs) {
        out << d.id << "\t" << d.name << "\t" << d.length << " characters\t" << d.format << "\n";
    }
    return 0;
}

int cmd_text(const std::vector<std::string>& raw, std::ostream& out) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 2, "text PROJECT DOC");
    Project p = Project::open(args.positional[0]);
    const Document d = p.find_document(args.positional[1]);
    const std::string t = p.document_text(d.id);
    if (args.flag("json")) {
        print_json(out, {{"document", d.name}, {"length", d.length}, {"text", t}});
    } else {
        out << t;
    }
    return 0;
}

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

int cmd_codes(const std::vector<std::string>& raw, std::ostream& out) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 1, "codes PROJECT");
    Project p = Project::open(args.positional[0]);
    const std::vector<Code> codes = p.codes();
    if (args.flag("json")) {
        ordered_json j = ordered_json::array();
        for (const Code& c : codes) {
            j.push_back(code_json(p, c));
        }
        print_json(out, j);
        return 0;
    }
    std::map<Id, int> depth;
    for (const Code& c : codes) {
        depth[c.id] = c.parent_id ? depth[*c.parent_id] + 1 : 0;
        out << std::string(static_cast<std::size_t>(depth[c.id]) * 2, ' ') << c.name << "  "
            << c.color << "  (" << p.coding_count(c.id) << " codings)\n";
    }
    return 0;
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

int cmd_code(const std::vector<std::string>& raw, std::ostream& out) {
    if (raw.empty()) {
        throw UsageError("expected code add|edit|rename|move|merge|delete|apply");
    }
    const std::string sub = raw[0];
    const std::vector<std::string> rest(raw.begin() + 1, raw.end());
    const std::set<std::string> field_options = {"color", "definition", "inclusion", "exclusion",
                                                 "example"};
    if (sub == "add") {
        std::set<std::string> valued = field_options;
        valued.insert("parent");
        const Args args = parse(rest, valued, {"json"});
        expect_positional(args, 2, "code add PROJECT NAME");
        Project p = Project::open(args.positional[0]);
        std::optional<Id> parent;
        if (const auto name = args.option("parent")) {
            parent = p.find_code(*name).id;
        }
        const Code c = p.add_code(args.positional[1], parent, code_fields(args));
        if (args.flag("json")) {
            print_json(out, code_json(p, c));
        } else {
            out << "added code \"" << p.code_path(c.id) << "\" (id " << c.id << ")\n";
        }
        return 0;
    }
    if (sub == "edit") {
        const Args args = parse(rest, field_options, {});
        expect_positional(args, 2, "code edit PROJECT CODE");
        Project p = Project::open(args.positional[0]);
        const Code c = p.find_code(args.positional[1]);
        p.update_code(c.id, code_fields(args));
        out << "updated code \"" << p.code_path(c.id) << "\"\n";
        return 0;
    }
    if (sub == "rename") {
        const Args args = parse(rest, {}, {});
        expect_positional(args, 3, "code rename PROJECT CODE NEW-NAME");
        Project p = Project::open(args.positional[0]);
        const Code c = p.find_code(args.positional[1]);
        p.rename_code(c.id, args.positional[2]);
        out << "renamed \"" << c.name << "\" to \"" << p.code(c.id).name << "\"\n";
        return 0;
    }
    if (sub == "move") {
        const Args args = parse(rest, {"parent", "position"}, {"top"});
        expect_positional(args, 2, "code move PROJECT CODE (--parent CODE | --top)");
        if (args.flag("top") == args.option("parent").has_value()) {
            throw UsageError("code move takes either --parent CODE or --top");
        }
        Project p = Project::open(args.positional[0]);
        const Code c = p.find_code(args.positional[1]);
        std::optional<Id> parent;
        if (const auto name = args.option("parent")) {
            parent = p.find_code(*name).id;
        }
        std::optional<int> position;
        if (const auto pos = args.option("position")) {
            position = static_cast<int>(parse_offset(*pos, "--position"));
        }
        p.move_code(c.id, parent, position);
        out << "moved code to \"" << p.code_path(c.id) << "\"\n";
        return 0;
    }
    if (sub == "merge") {
        const Args args = parse(rest, {}, {});
        expect_positional(args, 3, "code merge PROJECT SOURCE TARGET");
        Project p = Project::open(args.positional[0]);
        const Code from = p.find_code(args.positional[1]);
        const Code into = p.find_code(args.positional[2]);
        const int moved = p.merge_codes(from.id, into.id);
        out << "merged \"" << from.name << "\" into \"" << p.code_path(into.id) << "\" (" << moved
            << " codings moved)\n";
        return 0;
    }
    if (sub == "delete") {
        const Args args = parse(rest, {}, {"force"});
        expect_positional(args, 2, "code delete PROJECT CODE");
        Project p = Project::open(args.positional[0]);
        const Code c = p.find_code(args.positional[1]);
        const std::int64_t used = p.coding_count(c.id, true);
        p.delete_code(c.id, args.flag("force"));
        out << "deleted code \"" << c.name << "\"";
        if (used > 0) {
            out << " and its " << used << " codings";
        }
        out << "\n";
        return 0;
    }
    if (sub == "apply") {
        const Args args = parse(rest, {"doc", "code", "coder", "range", "match", "memo"}, {"json"});
        expect_positional(args, 1, "code apply PROJECT --doc DOC --code CODE --coder NAME");
        if (args.option("range").has_value() == args.option("match").has_value()) {
            throw UsageError("code apply takes either --range START:END or --match TEXT");
        }
        Project p = Project::open(args.positional[0]);
        Project::Action action(p);
        const Document d = p.find_document(args.required("doc"));
        const Code c = p.find_code(args.required("code"));
        const std::string coder_name = args.required("coder");
        std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
        if (const auto range = args.option("range")) {
            const auto colon = range->find(':');
            if (colon == std::string::npos) {
                throw UsageError("--range takes START:END, got \"" + *range + "\"");
            }
            ranges.emplace_back(parse_offset(range->substr(0, colon), "START"),
                                parse_offset(range->substr(colon + 1), "END"));
        } else {
            ranges = p.find_text(d.id, *args.option("match"));
            if (ranges.empty()) {
                throw NotFoundError("\"" + *args.option("match") + "\" does not occur in \"" +
                                    d.name + "\"");
            }
        }
        const Coder coder = p.ensure_coder(coder_name);
        ordered_json j = ordered_json::array();
        std::ostringstream text;
        for (const auto& [start, end] : ranges) {
            const ApplyOutcome r =
                p.apply_code(d.id, c.id, coder.id, start, end, args.option("memo").value_or(""));
            j.push_back({{"id", r.coding.id},
                         {"document", d.name},
                         {"code", p.code_path(c.id)},
                         {"coder", coder.name},
                         {"start", start},
                         {"end", end},
                         {"existed", r.existed}});
            text << (r.existed ? "already coded " : "coded ") << "[" << start << ", " << end
                 << ") of \"" << d.name << "\" with \"" << c.name << "\" for " << coder.name
                 << "\n";
        }
        action.commit();
        if (args.flag("json")) {
            print_json(out, j);
        } else {
            out << text.str();
        }
        return 0;
    }
    throw UsageError("unknown command \"code " + sub + "\"");
}

int cmd_codings(const std::vector<std::string>& raw, std::ostream& out) {
    if (raw.empty()) {
        throw UsageError("expected codings export|import|remove");
    }
    const std::string sub = raw[0];
    const std::vector<std::string> rest(raw.begin() + 1, raw.end());
    if (sub == "export") {
        const Args args = parse(rest, {}, {"json"});
        expect_positional(args, 1, "codings export PROJECT");
        Project p = Project::open(args.positional[0]);
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
    if (sub == "import") {
        const Args args = parse(rest, {}, {"json"});
        expect_positional(args, 2, "codings import PROJECT FILE.csv");
        Project p = Project::open(args.positional[0]);
        const CsvCodingsOutcome r = p.import_codings_csv(read_text_file(args.positional[1]));
        if (args.flag("json")) {
            print_json(out, {{"added", r.added}, {"already_present", r.already_present}});
        } else {
            out << "imported " << r.added << " codings (" << r.already_present
                << " already present)\n";
        }
        return 0;
    }
    if (sub == "remove") {
        const Args args = parse(rest, {}, {});
        expect_positional(args, 2, "codings remove PROJECT ID");
        Project p = Project::open(args.positional[0]);
        p.remove_coding(parse_offset(args.positional[1], "ID"));
        out << "removed coding " << args.positional[1] << "\n";
        return 0;
    }
    throw UsageError("unknown command \"codings " + sub + "\"");
}

int cmd_segments(const std::vector<std::string>& raw, std::ostream& out) {
    const Args args =
        parse(raw, {"code", "coder", "doc", "context", "xlsx"}, {"json", "exact", "csv"});
    expect_positional(args, 1, "segments PROJECT --code CODE");
    Project p = Project::open(args.positional[0]);
    CodingFilter filter;
    // Exports may take every coding; a listing on screen needs a code.
    if (const auto code = args.option("code")) {
        filter.code_id = p.find_code(*code).id;
        filter.include_child_codes = !args.flag("exact");
    } else if (!args.flag("csv") && !args.option("xlsx")) {
        throw UsageError("missing --code");
    }
    if (const auto coder = args.option("coder")) {
        filter.coder_id = p.find_coder(*coder).id;
    }
    if (const auto doc = args.option("doc")) {
        filter.document_id = p.find_document(*doc).id;
    }
    const int context =
        static_cast<int>(parse_offset(args.option("context").value_or("60"), "--context"));
    if (const auto xlsx = args.option("xlsx")) {
        exchange::write_segments_xlsx(p, filter, *xlsx);
        out << "wrote " << *xlsx << "\n";
        return 0;
    }
    if (args.flag("csv")) {
        out << exchange::segments_csv(p, filter);
        return 0;
    }
    const std::vector<Segment> segments = p.segments(filter, std::max(0, context));
    if (args.flag("json")) {
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
        return 0;
    }
    for (const Segment& s : segments) {
        out << s.document << " [" << s.coding.start << ", " << s.coding.end << ") " << s.code
            << " — " << s.coder << "\n  …" << s.before << "«" << s.text << "»" << s.after
            << "…\n\n";
    }
    out << segments.size() << " segments\n";
    return 0;
}

int cmd_codebook(const std::vector<std::string>& raw, std::ostream& out) {
    const Args args = parse(raw, {"xlsx"}, {"csv", "md"});
    expect_positional(args, 1, "codebook PROJECT (--csv | --md | --xlsx FILE)");
    Project p = Project::open(args.positional[0]);
    if (const auto xlsx = args.option("xlsx")) {
        exchange::write_codebook_xlsx(p, *xlsx);
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

int cmd_report(const std::vector<std::string>& raw, std::ostream& out) {
    const Args args = parse(raw, {}, {"force"});
    expect_positional(args, 2, "report PROJECT OUT.html");
    Project p = Project::open(args.positional[0]);
    const std::string& path = args.positional[1];
    if (std::filesystem::exists(path) && !args.flag("force")) {
        throw ConflictError(path + " already exists (add --force to replace it)");
    }
    const std::string html = exchange::project_report_html(p);
    std::ofstream file(path, std::ios::binary);
    file << html;
    file.close();
    if (!file) {
        throw Error("cannot write " + path);
    }
    out << "wrote " << path << "\n";
    return 0;
}

int cmd_coders(const std::vector<std::string>& raw, std::ostream& out) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 1, "coders PROJECT");
    Project p = Project::open(args.positional[0]);
    ordered_json j = ordered_json::array();
    for (const Coder& c : p.coders()) {
        CodingFilter f;
        f.coder_id = c.id;
        const auto n = p.codings(f).size();
        j.push_back({{"id", c.id}, {"guid", c.guid}, {"name", c.name}, {"codings", n}});
        if (!args.flag("json")) {
            out << c.name << "\t" << n << " codings\n";
        }
    }
    if (args.flag("json")) {
        print_json(out, j);
    }
    return 0;
}

std::vector<std::string> split_list(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const std::string& v : values) {
        std::size_t from = 0;
        while (from <= v.size()) {
            const std::size_t comma = v.find(',', from);
            const std::string part =
                v.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
            if (!part.empty()) {
                out.push_back(part);
            }
            if (comma == std::string::npos) {
                break;
            }
            from = comma + 1;
        }
    }
    return out;
}

double parse_share(const std::string& s, const char* what) {
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end == s.c_str()) {
        throw UsageError(std::string(what) + " takes a share such as 0.9 or 90%");
    }
    if (*end == '%') {
        v /= 100.0;
        ++end;
    }
    if (*end != '\0' || v < 0 || v > 1) {
        throw UsageError(std::string(what) + " takes a share between 0 and 1 (or 0% to 100%)");
    }
    return v;
}

std::string format_coefficient(const agreement::Coefficient& c, int decimals = 3) {
    if (!c.value) {
        return "—";
    }
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(decimals);
    s << *c.value;
    return s.str();
}

// The general calculator: a reliability-data table, as ReCal or R's irr take it.
int cmd_ratings(const Args& args, std::ostream& out) {
    const std::string file = args.required("ratings");
    const std::vector<util::CsvRow> rows = util::parse_csv(read_text_file(file));
    if (rows.size() < 2 || rows[0].size() < 3) {
        throw InvalidInputError(file +
                                ": expected a header row, then one row per unit: unit id and "
                                "one column per coder");
    }
    const std::string level_name = args.option("level").value_or("nominal");
    agreement::Level level = agreement::Level::Nominal;
    if (level_name == "ordinal") {
        level = agreement::Level::Ordinal;
    } else if (level_name == "interval") {
        level = agreement::Level::Interval;
    } else if (level_name == "ratio") {
        level = agreement::Level::Ratio;
    } else if (level_name != "nominal") {
        throw UsageError("--level takes nominal, ordinal, interval or ratio");
    }
    std::optional<int> categories;
    if (const auto n = args.option("categories")) {
        categories = static_cast<int>(parse_offset(*n, "--categories"));
        if (*categories < 2) {
            throw UsageError("--categories must be at least 2");
        }
    }
    const std::size_t coders = rows[0].size() - 1;
    // Nominal labels need not be numbers: each distinct label becomes a category.
    std::map<std::string, double> labels;
    bool all_numeric = true;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        for (std::size_t c = 1; c < rows[r].size(); ++c) {
            const std::string v = rows[r][c];
            if (v.empty()) {
                continue;
            }
            char* end = nullptr;
            std::strtod(v.c_str(), &end);
            all_numeric = all_numeric && end == v.c_str() + v.size();
            labels.emplace(v, 0.0);
        }
    }
    if (!all_numeric && level != agreement::Level::Nominal) {
        throw InvalidInputError(file + ": " + level_name + " data must be numbers");
    }
    double next = 0;
    for (auto& [label, value] : labels) {
        value = next++;
    }
    agreement::ReliabilityData data;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].size() != coders + 1) {
            throw InvalidInputError(file + ": row " + std::to_string(r + 1) + " has " +
                                    std::to_string(rows[r].size()) + " fields, expected " +
                                    std::to_string(coders + 1));
        }
        std::vector<std::optional<double>> unit;
        for (std::size_t c = 1; c <= coders; ++c) {
            const std::string& v = rows[r][c];
            if (v.empty()) {
                unit.emplace_back();
            } else if (all_numeric) {
                unit.emplace_back(std::strtod(v.c_str(), nullptr));
            } else {
                unit.emplace_back(labels[v]);
            }
        }
        data.values.push_back(std::move(unit));
    }
    std::vector<std::pair<const char*, agreement::Coefficient>> results = {
        {"percent_agreement", agreement::percent_agreement(data)},
    };
    if (coders == 2) {
        results.emplace_back("cohen_kappa", agreement::cohen_kappa(data));
        results.emplace_back("scott_pi", agreement::scott_pi(data));
    }
    results.emplace_back("fleiss_kappa", agreement::fleiss_kappa(data));
    results.emplace_back("brennan_prediger", agreement::brennan_prediger(data, categories));
    results.emplace_back("gwet_ac1", agreement::gwet_ac1(data, categories));
    results.emplace_back("krippendorff_alpha", agreement::krippendorff_alpha(data, level));
    if (args.flag("json")) {
        ordered_json j;
        j["units"] = rows.size() - 1;
        j["coders"] = std::vector<std::string>(rows[0].begin() + 1, rows[0].end());
        j["level"] = level_name;
        ordered_json notes = ordered_json::object();
        for (const auto& [key, c] : results) {
            j[key] = c.value ? ordered_json(*c.value) : ordered_json();
            if (!c.note.empty()) {
                notes[key] = c.note;
            }
        }
        j["notes"] = notes;
        print_json(out, j);
        return 0;
    }
    out << rows.size() - 1 << " units, " << coders << " coders, " << level_name << " data\n";
    for (const auto& [key, c] : results) {
        out << "  " << key << ": " << format_coefficient(c, 4);
        if (!c.note.empty()) {
            out << "  (" << c.note << ")";
        }
        out << "\n";
    }
    return 0;
}

int cmd_agreement(const std::vector<std::string>& raw, std::ostream& out, std::ostream& err) {
    const Args args = parse(raw,
                            {"coders", "group1", "group2", "code", "doc", "unit", "coverage",
                             "overlap", "ratings", "level", "categories", "xlsx", "html"},
                            {"json", "csv", "history", "no-store"});
    if (args.option("ratings")) {
        expect_positional(args, 0, "agreement --ratings FILE.csv");
        return cmd_ratings(args, out);
    }
    expect_positional(args, 1, "agreement PROJECT --coders A,B");
    Project p = Project::open(args.positional[0]);
    if (args.flag("history")) {
        const auto runs = agreement::agreement_history(p);
        if (args.flag("json")) {
            out << agreement::history_json(runs) << "\n";
            return 0;
        }
        for (const auto& r : runs) {
            const ordered_json params = ordered_json::parse(r.parameters);
            const ordered_json overall = ordered_json::parse(r.overall);
            out << "#" << r.id << "  " << r.created_at << "  " << params["unit"].get<std::string>()
                << "  coders " << params["coders"].dump() << "  " << params["codes"].size()
                << " codes, " << params["documents"].size() << " documents  kappa "
                << overall["cohen_kappa"].dump() << "  alpha "
                << overall["krippendorff_alpha"].dump() << "\n";
        }
        return 0;
    }
    agreement::AgreementRequest request;
    request.coders = split_list(args.all("coders"));
    request.group1 = split_list(args.all("group1"));
    request.group2 = split_list(args.all("group2"));
    request.codes = args.all("code");
    request.documents = args.all("doc");
    request.unit = agreement::unit_kind_from_string(args.option("unit").value_or("character"));
    if (const auto c = args.option("coverage")) {
        request.min_coverage = parse_share(*c, "--coverage");
    }
    if (const auto o = args.option("overlap")) {
        request.segment_overlap = parse_share(*o, "--overlap");
        if (request.segment_overlap == 0) {
            throw UsageError("--overlap must be more than 0");
        }
    }
    if (request.coders.empty() && request.group1.empty()) {
        throw UsageError("name the coders with --coders A,B or two groups with --group1/--group2");
    }
    const bool show_progress = isatty(2) != 0;
    std::size_t shown = 0;
    const agreement::AgreementRun run = agreement::run_agreement(
        p, request, !args.flag("no-store"), [&](std::size_t done, std::size_t all) {
            // Progress comes in steps of several documents: show every 50 or so.
            if (show_progress && (done == all || done >= shown + 50)) {
                shown = done;
                err << "\rcomparing documents " << done << "/" << all << (done == all ? "\n" : "")
                    << std::flush;
            }
            return true;
        });
    if (const auto xlsx = args.option("xlsx")) {
        agreement::write_report_xlsx(run, *xlsx);
    }
    if (const auto html = args.option("html")) {
        std::ofstream file(*html, std::ios::binary);
        file << agreement::report_html(run, p.info().name);
        if (!file) {
            throw Error("cannot write " + *html);
        }
    }
    if (args.flag("json")) {
        out << agreement::report_json(run) << "\n";
        return 0;
    }
    if (args.flag("csv")) {
        out << agreement::report_csv(run);
        return 0;
    }
    out << "Agreement of " << run.raters[0];
    for (std::size_t i = 1; i < run.raters.size(); ++i) {
        out << (i + 1 == run.raters.size() ? " and " : ", ") << run.raters[i];
    }
    out << " by " << agreement::to_string(request.unit) << ", " << run.documents.size()
        << " documents";
    if (run.id != 0) {
        out << " (run #" << run.id << ")";
    }
    out << "\n\n";
    out << "  agreement %   kappa   alpha   code\n";
    for (const agreement::CodeAgreement& c : run.result.codes) {
        const std::string pct = format_coefficient(c.percent_agreement, 1);
        const std::string kappa = format_coefficient(c.kappa);
        const std::string alpha = format_coefficient(c.krippendorff_alpha);
        out << "  " << std::string(pct.size() < 11 ? 11 - pct.size() : 0, ' ') << pct << "  "
            << std::string(kappa.size() < 6 ? 6 - kappa.size() : 0, ' ') << kappa << "  "
            << std::string(alpha.size() < 6 ? 6 - alpha.size() : 0, ' ') << alpha << "   " << c.code
            << "\n";
    }
    const agreement::OverallAgreement& o = run.result.overall;
    out << "\nAll codes together: percent agreement " << format_coefficient(o.percent_agreement, 1)
        << ", Cohen's kappa " << format_coefficient(o.cohen_kappa) << ", Scott's pi "
        << format_coefficient(o.scott_pi) << ", Krippendorff's alpha "
        << format_coefficient(o.krippendorff_alpha) << ", Brennan-Prediger "
        << format_coefficient(o.brennan_prediger) << "\n";
    out << "Unitized: u-alpha " << format_coefficient(o.u_alpha) << ", |u-alpha "
        << format_coefficient(o.binary_u_alpha) << ", cu-alpha " << format_coefficient(o.cu_alpha)
        << ", alpha-u (1995) " << format_coefficient(o.alpha_u_1995) << "\n";
    for (const auto* c : {&o.cohen_kappa, &o.krippendorff_alpha, &o.u_alpha, &o.cu_alpha}) {
        if (!c->value && !c->note.empty()) {
            out << "Note: " << c->note << "\n";
            break;
        }
    }
    out << "(— undefined; --json gives every figure with the reason)\n";
    return 0;
}

ordered_json spans_json(const std::vector<TextRange>& spans) {
    ordered_json j = ordered_json::array();
    for (const auto& [s, e] : spans) {
        j.push_back({s, e});
    }
    return j;
}

std::pair<std::string, std::string> two_coders(const Args& args) {
    const std::vector<std::string> coders = split_list(args.all("coders"));
    if (coders.size() != 2) {
        throw UsageError("name two coders with --coders A,B");
    }
    return {coders[0], coders[1]};
}

std::vector<agreement::Disagreement> disagreements_for(Project& p, const Args& args) {
    const auto [first, second] = two_coders(args);
    std::vector<Id> codes, docs;
    for (const std::string& c : args.all("code")) {
        codes.push_back(p.find_code(c).id);
    }
    for (const std::string& d : args.all("doc")) {
        docs.push_back(p.find_document(d).id);
    }
    return agreement::find_disagreements(p, first, second, codes, docs,
                                         args.option("consensus").value_or("Consensus"));
}

int cmd_disagreements(const std::vector<std::string>& raw, std::ostream& out) {
    const Args args = parse(raw, {"coders", "code", "doc", "consensus", "context"}, {"json"});
    expect_positional(args, 1, "disagreements PROJECT --coders A,B");
    Project p = Project::open(args.positional[0]);
    const auto [first, second] = two_coders(args);
    const auto found = disagreements_for(p, args);
    const int context =
        static_cast<int>(parse_offset(args.option("context").value_or("60"), "--context"));
    std::map<Id, std::string> texts;
    ordered_json j = ordered_json::array();
    for (const agreement::Disagreement& d : found) {
        if (!texts.count(d.document)) {
            texts[d.document] = p.document_text(d.document);
        }
        const std::string& t = texts[d.document];
        const std::int64_t length = text::code_point_count(t);
        const std::int64_t from = std::max<std::int64_t>(0, d.start - context);
        const std::int64_t to = std::min(length, d.end + context);
        j.push_back({{"document", d.document_name},
                     {"code", d.code_path},
                     {"start", d.start},
                     {"end", d.end},
                     {first, spans_json(d.first)},
                     {second, spans_json(d.second)},
                     {"consensus", spans_json(d.consensus)},
                     {"text", text::slice(t, d.start, d.end)},
                     {"before", text::slice(t, from, d.start)},
                     {"after", text::slice(t, d.end, to)}});
        if (!args.flag("json")) {
            out << d.document_name << " [" << d.start << ", " << d.end << ") " << d.code_path
                << "\n  " << first << ": " << spans_json(d.first).dump() << "  " << second << ": "
                << spans_json(d.second).dump() << "\n  «" << text::slice(t, d.start, d.end)
                << "»\n\n";
        }
    }
    if (args.flag("json")) {
        print_json(out, j);
    } else {
        out << found.size() << " disagreements\n";
    }
    return 0;
}

int cmd_adopt(const std::vector<std::string>& raw, std::ostream& out) {
    const Args args = parse(raw, {"coders", "code", "doc", "at", "take", "consensus"}, {"json"});
    expect_positional(args, 1,
                      "adopt PROJECT --coders A,B --doc DOC --code CODE --at POSITION --take A");
    Project p = Project::open(args.positional[0]);
    const auto [first, second] = two_coders(args);
    const std::string take = args.required("take");
    if (take != first && take != second) {
        throw UsageError("--take names one of the two coders");
    }
    const std::int64_t at = parse_offset(args.required("at"), "--at");
    args.required("doc");
    args.required("code");
    const std::string consensus = args.option("consensus").value_or("Consensus");
    for (const agreement::Disagreement& d : disagreements_for(p, args)) {
        if (d.start <= at && at < d.end) {
            const int written = agreement::adopt_version(
                p, d, take == first ? agreement::Version::First : agreement::Version::Second,
                consensus);
            out << "adopted " << take << "'s version of \"" << d.code_path << "\" in \""
                << d.document_name << "\" [" << d.start << ", " << d.end << ") into " << consensus
                << " (" << written << " codings)\n";
            return 0;
        }
    }
    throw NotFoundError("no disagreement of that code covers position " + std::to_string(at));
}

int cmd_cases(const std::vector<std::string>& raw, std::ostream& out) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 1, "cases PROJECT");
    Project p = Project::open(args.positional[0]);
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

int cmd_export(const std::vector<std::string>& raw, std::ostream& out) {
    const Args args = parse(raw, {}, {"force"});
    expect_positional(args, 2, "export PROJECT OUT.qdpx|OUT.qdc");
    const std::string& target = args.positional[1];
    std::string extension = std::filesystem::path(target).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension != ".qdpx" && extension != ".qdc") {
        throw UsageError("export writes .qdpx (project) or .qdc (codebook), not \"" + target +
                         "\"");
    }
    if (!args.flag("force") && std::filesystem::exists(target)) {
        throw ConflictError(target + " already exists (add --force to replace it)");
    }
    Project p = Project::open(args.positional[0]);
    const std::size_t codes = p.codes().size();
    const std::size_t sets = p.code_sets().size();
    if (extension == ".qdc") {
        exchange::export_qdc(p, target);
        out << "wrote the codebook to " << target << " (" << codes << " codes, " << sets
            << " code sets)\n";
    } else {
        exchange::export_qdpx(p, target);
        out << "wrote the REFI-QDA project to " << target << " (" << p.documents().size()
            << " documents, " << codes << " codes, " << p.coders().size() << " coders, "
            << p.codings().size() << " codings, " << p.cases().size() << " cases, "
            << p.memos().size() << " memos)\n";
    }
    return 0;
}

ScopeFilter scope_from_args(Project& p, const Args& args) {
    ScopeFilter f;
    for (const std::string& c : args.all("code")) {
        f.codes.push_back(p.find_code(c).id);
    }
    for (const std::string& c : args.all("coder")) {
        f.coders.push_back(p.find_coder(c).id);
    }
    for (const std::string& d : args.all("doc")) {
        f.documents.push_back(p.find_document(d).id);
    }
    for (const std::string& c : args.all("case")) {
        f.cases.push_back(p.find_case(c).id);
    }
    for (const std::string& kv : args.all("attr")) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) {
            throw UsageError("--attr takes KEY=VALUE, got \"" + kv + "\"");
        }
        f.attributes.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
    return f;
}

std::size_t parse_count(const Args& args, const char* name, std::size_t fallback) {
    const auto v = args.option(name);
    if (!v) {
        return fallback;
    }
    const std::int64_t n = parse_offset(*v, (std::string("--") + name).c_str());
    if (n < 0) {
        throw UsageError(std::string("--") + name + " cannot be negative");
    }
    return static_cast<std::size_t>(n);
}

int cmd_search(const std::vector<std::string>& raw, std::ostream& out, std::ostream& err) {
    const Args args = parse(
        raw,
        {"code", "coder", "doc", "case", "attr", "limit", "offset", "apply-code", "as", "spread"},
        {"json", "count", "explain"});
    expect_positional(args, 2, "search PROJECT QUERY");
    Project p = Project::open(args.positional[0]);
    search::SearchRequest request;
    request.query = args.positional[1];
    request.filter = scope_from_args(p, args);
    request.limit = parse_count(args, "limit", 50);
    request.offset = parse_count(args, "offset", 0);
    request.count_all = args.flag("count");

    const auto apply = args.option("apply-code");
    if (!apply && (args.option("as") || args.option("spread"))) {
        throw UsageError("--as and --spread go with --apply-code");
    }
    search::Index index(p, {}, progress_printer(err, "indexing"));
    if (apply) {
        const Code code = p.find_code(*apply);
        const Coder coder = p.ensure_coder(args.required("as"));
        const std::string spread = args.option("spread").value_or("hit");
        if (spread != "hit" && spread != "paragraph") {
            throw UsageError("--spread is hit or paragraph, not \"" + spread + "\"");
        }
        request.offset = 0;
        request.limit = std::numeric_limits<std::size_t>::max();
        const search::SearchResults all = index.search(request);
        const search::CodeHitsOutcome done =
            search::code_hits(p, all.hits, code.id, coder.id,
                              spread == "hit" ? search::Spread::Hit : search::Spread::Paragraph);
        if (args.flag("json")) {
            print_json(out, {{"hits", all.hits.size()},
                             {"added", done.added.size()},
                             {"already_coded", done.already_coded},
                             {"code", p.code_path(code.id)},
                             {"coder", coder.name},
                             {"spread", spread}});
        } else {
            out << "coded " << done.added.size() << " " << (spread == "hit" ? "hits" : "paragraphs")
                << " with \"" << p.code_path(code.id) << "\" as " << coder.name << " ("
                << all.hits.size() << " hits, " << done.already_coded << " already coded)\n";
        }
        return 0;
    }

    const search::SearchResults r = index.search(request);
    if (args.flag("json")) {
        ordered_json hits = ordered_json::array();
        for (const search::Hit& h : r.hits) {
            hits.push_back({{"document", h.document_name},
                            {"document_id", h.document},
                            {"start", h.start},
                            {"end", h.end},
                            {"paragraph_start", h.paragraph_start},
                            {"paragraph_end", h.paragraph_end},
                            {"snippet", h.snippet},
                            {"score", h.score}});
        }
        ordered_json j = {{"query", request.query}, {"hits", hits}, {"more", r.more}};
        if (args.flag("explain")) {
            j["parsed"] = r.explained;
        }
        if (r.total_hits) {
            j["total_hits"] = *r.total_hits;
            j["total_documents"] = *r.total_documents;
            ordered_json docs = ordered_json::array();
            for (const search::Facet& f : r.by_document) {
                docs.push_back({{"document", f.name}, {"hits", f.hits}});
            }
            ordered_json codes = ordered_json::array();
            for (const search::Facet& f : r.by_code) {
                codes.push_back({{"code", f.name}, {"hits", f.hits}});
            }
            j["facets"] = {{"documents", docs}, {"codes", codes}};
        }
        print_json(out, j);
        return 0;
    }
    if (args.flag("explain")) {
        out << "query: " << r.explained << "\n";
    }
    for (const search::Hit& h : r.hits) {
        out << h.document_name << "\t" << h.start << ":" << h.end << "\t" << h.snippet << "\n";
    }
    if (r.total_hits) {
        out << *r.total_hits << " hits in " << *r.total_documents << " documents\n";
        for (const search::Facet& f : r.by_document) {
            out << "  document\t" << f.name << "\t" << f.hits << "\n";
        }
        for (const search::Facet& f : r.by_code) {
            out << "  code\t" << f.name << "\t" << f.hits << "\n";
        }
    }
    if (r.hits.empty() && request.offset == 0 && !r.more && r.total_hits.value_or(0) == 0) {
        out << "no hits\n";
    } else if (r.more) {
        out << "more hits: --offset " << request.offset + r.hits.size() << "\n";
    }
    return 0;
}

int cmd_index(const std::vector<std::string>& raw, std::ostream& out, std::ostream& err) {
    const Args args = parse(raw, {}, {"rebuild", "json"});
    expect_positional(args, 1, "index PROJECT");
    Project p = Project::open(args.positional[0]);
    search::Index index(p, {}, progress_printer(err, "indexing"));
    search::UpdateReport report = index.opened();
    if (args.flag("rebuild") && !report.rebuilt) {
        report = index.rebuild(progress_printer(err, "indexing"));
    }
    const search::IndexStats s = index.stats();
    const double ratio = s.text_bytes == 0 ? 0.0
                                           : static_cast<double>(s.bytes_on_disk) /
                                                 static_cast<double>(s.text_bytes);
    if (args.flag("json")) {
        print_json(out, {{"documents", s.documents},
                         {"words", s.words},
                         {"text_bytes", s.text_bytes},
                         {"index_bytes", s.bytes_on_disk},
                         {"language", s.language},
                         {"folder", s.folder},
                         {"rebuilt", report.rebuilt}});
        return 0;
    }
    char ratio_text[32];
    std::snprintf(ratio_text, sizeof ratio_text, "%.2f", ratio);
    if (report.rebuilt) {
        out << "built the index (" << report.reason << ")\n";
    } else if (report.added + report.removed > 0) {
        out << "indexed " << report.added << " documents, removed " << report.removed << "\n";
    }
    out << "index: " << s.documents << " documents, " << s.words << " words, index "
        << s.bytes_on_disk << " bytes (" << ratio_text << "x the text), stemming: " << s.language
        << "\n";
    return 0;
}

int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        out << kUsage;
        return args.empty() ? 2 : 0;
    }
    const std::string command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "new")
        return cmd_new(rest, out);
    if (command == "demo")
        return cmd_demo(rest, out);
    if (command == "info")
        return cmd_info(rest, out);
    if (command == "import")
        return cmd_import(rest, out, err);
    if (command == "docs")
        return cmd_docs(rest, out, err);
    if (command == "text")
        return cmd_text(rest, out);
    if (command == "codes")
        return cmd_codes(rest, out);
    if (command == "code")
        return cmd_code(rest, out);
    if (command == "codings")
        return cmd_codings(rest, out);
    if (command == "segments")
        return cmd_segments(rest, out);
    if (command == "coders")
        return cmd_coders(rest, out);
    if (command == "codebook")
        return cmd_codebook(rest, out);
    if (command == "report")
        return cmd_report(rest, out);
    if (command == "cases")
        return cmd_cases(rest, out);
    if (command == "agreement")
        return cmd_agreement(rest, out, err);
    if (command == "disagreements")
        return cmd_disagreements(rest, out);
    if (command == "adopt")
        return cmd_adopt(rest, out);
    if (command == "export")
        return cmd_export(rest, out);
    if (command == "search")
        return cmd_search(rest, out, err);
    if (command == "index")
        return cmd_index(rest, out, err);
    throw UsageError("unknown command \"" + command + "\" (see quire-cli --help)");
}

// The exit status documented in cli.h for each kind of core error.
int exit_status(const Error& e) {
    if (dynamic_cast<const NotFoundError*>(&e))
        return 3;
    if (dynamic_cast<const InvalidInputError*>(&e))
        return 4;
    if (dynamic_cast<const ConflictError*>(&e))
        return 5;
    if (dynamic_cast<const ImportError*>(&e))
        return 6;
    if (dynamic_cast<const ProjectFileError*>(&e))
        return 7;
    return 1;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    try {
        return dispatch(args, out, err);
    } catch (const UsageError& e) {
        err << "quire-cli: " << one_line(e.what()) << " (see quire-cli --help)\n";
        return 2;
    } catch (const Error& e) {
        err << "quire-cli: " << one_line(e.what()) << "\n";
        return exit_status(e);
    } catch (const std::exception& e) {
        err << "quire-cli: " << one_line(e.what()) << "\n";
        return 1;
    }
}

}  // namespace quire::cli
