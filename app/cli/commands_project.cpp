// SPDX-License-Identifier: GPL-3.0-or-later
// Projects and documents: new, demo, info, import, docs, text.
#include <algorithm>
#include <ostream>
#include <sstream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/base/errors.h"
#include "core/demo/demo.h"
#include "core/exchange/qdpx_import.h"
#include "core/project/project.h"
#include "core/util/files.h"
#include "search/search.h"

namespace quire::cli {
namespace {

ordered_json group_names(Project& p, Id document) {
    ordered_json names = ordered_json::array();
    for (const DocumentGroup& g : p.document_groups(document)) {
        names.push_back(g.name);
    }
    return names;
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
            {"codings", p.coding_count_in_document(d.id)},
            {"attributes", attributes_json(p.document_attributes(d.id))},
            {"groups", group_names(p, d.id)}};
}

// The index is a cache: the change itself is already safe when indexing fails, so a failure
// is a warning (`done` says what was done: "imported", "deleted").
void update_search_index(Project& p, std::ostream& err, const char* done) {
    try {
        search::Index index(p, {}, progress_printer(err, "indexing"));
    } catch (const std::exception& e) {
        err << "quire-cli: " << done
            << ", but the search index was not updated: " << one_line(e.what()) << "\n";
    }
}

ImportOptions import_options(const Args& args, std::size_t files) {
    if (args.option("name") && files > 1) {
        throw UsageError("--name applies to a single file");
    }
    ImportOptions options;
    options.name = args.option("name");
    options.encoding = args.option("encoding");
    for (const std::string& kv : args.all("attr")) {
        options.attributes.push_back(parse_attribute(kv));
    }
    return options;
}

// What an import from another tool adjusted to fit and what it left out, line by line.
void print_adjusted_and_skipped(std::ostream& report, const exchange::ImportReport& r) {
    for (const std::string& a : r.adjusted) {
        report << "  adjusted: " << a << "\n";
    }
    for (const std::string& k : r.skipped) {
        report << "  skipped: " << k << "\n";
    }
}

std::string origin_of(const exchange::ImportReport& r) {
    return r.origin.empty() ? "unknown tool" : r.origin;
}

// A codebook from another tool, merged into ours: existing codes stay as they are.
ordered_json import_refi_codebook(Project& p, const std::string& file, std::ostream& report) {
    const exchange::ImportReport r = exchange::import_qdc(p, file);
    report << "imported codebook " << file << " (" << origin_of(r) << "): " << r.codes << " codes, "
           << r.code_sets << " code sets\n";
    print_adjusted_and_skipped(report, r);
    return {{"file", file},           {"origin", r.origin},
            {"codes", r.codes},       {"code_sets", r.code_sets},
            {"adjusted", r.adjusted}, {"skipped", r.skipped}};
}

// A whole project from another tool: its own report of what came in, what was adjusted and
// what was skipped.
ordered_json import_refi_project(Project& p, const std::string& file, std::ostream& report) {
    const exchange::ImportReport r = exchange::import_qdpx(p, file);
    report << "imported " << file << " (" << origin_of(r) << "): " << counted(r.sources, "source")
           << ", " << counted(r.codes, "code") << ", " << counted(r.codings, "coding") << ", "
           << counted(r.notes, "note") << ", " << counted(r.cases, "case") << ", "
           << counted(r.variables, "variable") << ", " << counted(r.users, "user") << "\n";
    print_adjusted_and_skipped(report, r);
    return {{"file", file},           {"origin", r.origin},       {"sources", r.sources},
            {"codes", r.codes},       {"codings", r.codings},     {"notes", r.notes},
            {"cases", r.cases},       {"variables", r.variables}, {"users", r.users},
            {"adjusted", r.adjusted}, {"skipped", r.skipped}};
}

ordered_json import_transcript(Project& p, const std::string& file, const ImportOptions& options,
                               std::ostream& report) {
    const ImportOutcome r = p.import_file(file, options);
    if (r.duplicate) {
        report << "skipped " << file << ": same text as document \"" << r.document.name << "\"\n";
    } else {
        report << "imported " << file << " as \"" << r.document.name << "\" (" << r.document.length
               << " characters, " << r.encoding << ")\n";
    }
    return {{"file", file},           {"document", r.document.name},
            {"id", r.document.id},    {"length", r.document.length},
            {"encoding", r.encoding}, {"duplicate", r.duplicate}};
}

}  // namespace

int cmd_new(const Words& raw, std::ostream& out, std::ostream&) {
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

int cmd_demo(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 1, "demo PROJECT");
    demo::write_demo_project(args.positional[0]);
    Project p = open_project(args.positional[0]);
    if (args.flag("json")) {
        print_json(out, {{"path", args.positional[0]},
                         {"documents", p.documents().size()},
                         {"codes", p.codes().size()},
                         {"codings", p.codings().size()}});
    } else {
        out << "wrote the demo project to " << args.positional[0] << " ("
            << counted(static_cast<long long>(p.documents().size()), "document") << ", "
            << counted(static_cast<long long>(p.codes().size()), "code") << ", "
            << counted(static_cast<long long>(p.codings().size()), "coding") << ")\n";
    }
    return 0;
}

int cmd_info(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"language"}, {"json"});
    expect_positional(args, 1, "info PROJECT");
    Project p = open_project(args.positional[0]);
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

int cmd_import(const Words& raw, std::ostream& out, std::ostream& err) {
    const Args args = parse(raw, {"name", "attr", "encoding"}, {"json", "no-index"});
    if (args.positional.size() < 2) {
        throw UsageError("expected import PROJECT FILE...");
    }
    const Words files(args.positional.begin() + 1, args.positional.end());
    const ImportOptions options = import_options(args, files.size());
    Project p = open_project(args.positional[0]);
    // All files or none: a failure in the last file leaves the project as it was.
    Project::Action action(p);
    ordered_json results = ordered_json::array();
    std::ostringstream report;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (files.size() > 1) {
            err << "[" << i + 1 << "/" << files.size() << "] " << files[i] << "\n";
        }
        const std::string ext = util::lower_extension(files[i]);
        if (ext == ".qdc") {
            results.push_back(import_refi_codebook(p, files[i], report));
        } else if (ext == ".qdpx" || ext == ".qde") {
            results.push_back(import_refi_project(p, files[i], report));
        } else {
            results.push_back(import_transcript(p, files[i], options, report));
        }
    }
    action.commit();
    if (!args.flag("no-index")) {
        update_search_index(p, err, "imported");
    }
    if (args.flag("json")) {
        print_json(out, results);
    } else {
        out << report.str();
    }
    return 0;
}

int cmd_docs(const Words& raw, std::ostream& out, std::ostream& err) {
    const Args args = parse(raw, {"delete", "group"}, {"json"});
    expect_positional(args, 1, "docs PROJECT");
    Project p = open_project(args.positional[0]);
    if (const Words doomed = args.all("delete"); !doomed.empty()) {
        if (!args.all("group").empty()) {
            throw UsageError("docs --delete names each document; --group only lists");
        }
        // All or none, and said only once done: a failure on the last name deletes nothing.
        Project::Action action(p);
        std::string report;
        for (const std::string& name : doomed) {
            const Document d = p.find_document(name);
            p.delete_document(d.id);
            report += "deleted \"" + d.name + "\" with its codings\n";
        }
        action.commit();
        out << report;
        // Deleted text must never show in search results: the index forgets it now (and
        // any later search would notice the change anyway).
        update_search_index(p, err, "deleted");
        return 0;
    }
    Project::Action snapshot(p, Project::Action::Access::Read);
    std::vector<Document> docs = p.documents();
    if (const auto chosen = chosen_documents(p, args)) {
        docs.erase(std::remove_if(docs.begin(), docs.end(),
                                  [&](const Document& d) {
                                      return !std::binary_search(chosen->begin(), chosen->end(),
                                                                 d.id);
                                  }),
                   docs.end());
    }
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

int cmd_text(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 2, "text PROJECT DOC");
    Project p = open_project(args.positional[0]);
    const Document d = p.find_document(args.positional[1]);
    const std::string t = p.document_text(d.id);
    if (args.flag("json")) {
        print_json(out, {{"document", d.name}, {"length", d.length}, {"text", t}});
    } else {
        out << t;
    }
    return 0;
}

}  // namespace quire::cli
