// SPDX-License-Identifier: GPL-3.0-or-later
// Teams: handout (a copy for one coder) and merge (their work back, by identity).
#include <ostream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/exchange/qdpx_import.h"
#include "core/project/team.h"
#include "core/util/files.h"

namespace quire::cli {

namespace {

ordered_json plan_json(const team::MergePlan& plan, bool merged) {
    ordered_json changes = ordered_json::array();
    for (const team::MergeChange& c : plan.changes) {
        changes.push_back(
            {{"kind", c.kind}, {"action", c.action}, {"name", c.name}, {"detail", c.detail}});
    }
    ordered_json conflicts = ordered_json::array();
    for (const team::MergeConflict& c : plan.conflicts) {
        conflicts.push_back({{"kind", c.kind},
                             {"name", c.name},
                             {"ours", c.ours},
                             {"theirs", c.theirs},
                             {"resolution", c.resolution.empty() ? ordered_json(nullptr)
                                                                 : ordered_json(c.resolution)}});
    }
    return {{"copy", plan.peer_name}, {"base", plan.has_base},  {"merged", merged},
            {"changes", changes},     {"conflicts", conflicts}, {"log_entries", plan.log_entries}};
}

void print_plan(const team::MergePlan& plan, bool merged, std::ostream& out) {
    std::map<std::string, int> counts;
    for (const team::MergeChange& c : plan.changes) {
        out << c.action << "\t" << c.kind << "\t" << c.name
            << (c.detail.empty() ? "" : "\t" + c.detail) << "\n";
        ++counts[c.action];
    }
    for (const team::MergeConflict& c : plan.conflicts) {
        out << "conflict\t" << c.kind << "\t" << c.name << "\tours: " << c.ours
            << "\ttheirs: " << c.theirs << "\t"
            << (c.resolution.empty() ? "unresolved" : "resolved: " + c.resolution) << "\n";
    }
    out << (merged ? "merged " : "would merge ") << plan.peer_name << ": "
        << counted(counts["add"], "addition") << ", " << counted(counts["update"], "update") << ", "
        << counted(counts["delete"], "deletion") << ", "
        << counted(static_cast<long long>(plan.conflicts.size()), "conflict") << ", "
        << counted(plan.log_entries, "log entry", "log entries")
        << (plan.has_base ? "" : " (no base: a copy not handed out from this project)") << "\n";
}

}  // namespace

int cmd_handout(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"coder", "doc"}, {"json", "force"});
    expect_positional(args, 2, "handout PROJECT OUT.quire --coder NAME");
    Project p = open_project(args.positional[0]);
    team::HandoutOptions options;
    options.coder = args.required("coder");
    options.replace = args.flag("force");
    for (const std::string& d : args.all("doc")) {
        options.documents.push_back(p.find_document(d).id);
    }
    const team::HandoutOutcome o = team::hand_out(p, args.positional[1], options);
    if (args.flag("json")) {
        print_json(out, {{"path", o.path},
                         {"guid", o.copy_guid},
                         {"coder", options.coder},
                         {"documents", o.documents},
                         {"codings", o.codings}});
        return 0;
    }
    out << "wrote " << o.path << " for " << options.coder << ": "
        << counted(o.documents, "document") << ", " << counted(o.codings, "coding")
        << ", blind coding on\n";
    return 0;
}

int cmd_merge(const Words& raw, std::ostream& out, std::ostream& err) {
    const Args args = parse(raw, {"prefer"}, {"json", "dry-run", "match-codes-by-path"});
    expect_positional(args, 2, "merge PROJECT OTHER.quire|OTHER.qdpx");
    team::MergeOptions options;
    if (const auto prefer = args.option("prefer")) {
        if (*prefer == "ours") {
            options.prefer = team::Prefer::Ours;
        } else if (*prefer == "theirs") {
            options.prefer = team::Prefer::Theirs;
        } else {
            throw UsageError("--prefer takes ours or theirs");
        }
    }
    options.match_codes_by_path = args.flag("match-codes-by-path");
    Project p = open_project(args.positional[0]);
    const std::string& other = args.positional[1];
    const bool dry = args.flag("dry-run");
    const bool qdpx =
        util::lower_extension(other) == ".qdpx" || util::lower_extension(other) == ".qde";
    const Progress progress = progress_printer(err, "merging", "changes");
    const team::MergePlan plan = qdpx ? exchange::merge_qdpx(p, other, options, dry, progress)
                                      : (dry ? team::plan_merge(p, other, options)
                                             : team::merge(p, other, options, progress));
    if (args.flag("json")) {
        print_json(out, plan_json(plan, !dry));
    } else {
        print_plan(plan, !dry, out);
    }
    return 0;
}

}  // namespace quire::cli
