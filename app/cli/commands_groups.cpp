// SPDX-License-Identifier: GPL-3.0-or-later
// Document groups: group, groups, and the --group option of every command that chooses
// documents.
#include <ostream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/project/scope.h"

namespace quire::cli {
namespace {

int group_add(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"description"}, {"json"});
    expect_positional(args, 2, "group add PROJECT NAME");
    Project p = open_project(args.positional[0]);
    const DocumentGroup g =
        p.add_group(args.positional[1], args.option("description").value_or(""));
    if (args.flag("json")) {
        print_json(
            out,
            {{"id", g.id}, {"guid", g.guid}, {"name", g.name}, {"description", g.description}});
    } else {
        out << "added group \"" << g.name << "\"\n";
    }
    return 0;
}

int group_remove(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {});
    expect_positional(args, 2, "group remove PROJECT GROUP");
    Project p = open_project(args.positional[0]);
    Project::Action action(p);
    const DocumentGroup g = p.find_group(args.positional[1]);
    p.remove_group(g.id);
    action.commit();
    out << "removed group \"" << g.name << "\" (its " << counted(g.documents, "document")
        << " stay)\n";
    return 0;
}

int group_rename(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {});
    expect_positional(args, 3, "group rename PROJECT GROUP NEW-NAME");
    Project p = open_project(args.positional[0]);
    Project::Action action(p);
    const DocumentGroup g = p.find_group(args.positional[1]);
    p.rename_group(g.id, args.positional[2]);
    const std::string renamed = p.find_group(std::to_string(g.id)).name;
    action.commit();
    out << "renamed group \"" << g.name << "\" to \"" << renamed << "\"\n";
    return 0;
}

// `group assign` and `group unassign`: the same arguments, the opposite change. All named
// documents or none: an unknown one changes nothing.
int assign_or_unassign(const Words& raw, std::ostream& out, bool assign) {
    const Args args = parse(raw, {}, {});
    if (args.positional.size() < 3) {
        throw UsageError(assign ? "expected group assign PROJECT GROUP DOC..."
                                : "expected group unassign PROJECT GROUP DOC...");
    }
    Project p = open_project(args.positional[0]);
    Project::Action action(p);
    const DocumentGroup g = p.find_group(args.positional[1]);
    std::vector<Id> documents;
    for (std::size_t i = 2; i < args.positional.size(); ++i) {
        documents.push_back(p.find_document(args.positional[i]).id);
    }
    const int changed =
        assign ? p.assign_to_group(g.id, documents) : p.unassign_from_group(g.id, documents);
    action.commit();
    const long long named = static_cast<long long>(documents.size());
    out << (assign ? "assigned " : "unassigned ") << counted(changed, "document")
        << (assign ? " to" : " from") << " group \"" << g.name << "\"";
    if (changed < named) {
        out << " (" << counted(named - changed, "document")
            << (assign ? " already in it)" : " not in it)");
    }
    out << "\n";
    return 0;
}

int group_assign(const Words& raw, std::ostream& out, std::ostream&) {
    return assign_or_unassign(raw, out, true);
}

int group_unassign(const Words& raw, std::ostream& out, std::ostream&) {
    return assign_or_unassign(raw, out, false);
}

}  // namespace

std::optional<std::vector<Id>> chosen_documents(Project& p, const Args& args) {
    std::vector<Id> documents, groups;
    for (const std::string& d : args.all("doc")) {
        documents.push_back(p.find_document(d).id);
    }
    for (const std::string& g : args.all("group")) {
        groups.push_back(p.find_group(g).id);
    }
    return quire::chosen_documents(p, documents, groups);
}

int cmd_group(const Words& raw, std::ostream& out, std::ostream& err) {
    return run_subcommand("group",
                          {{"add", group_add},
                           {"remove", group_remove},
                           {"rename", group_rename},
                           {"assign", group_assign},
                           {"unassign", group_unassign}},
                          raw, out, err);
}

int cmd_groups(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 1, "groups PROJECT");
    Project p = open_project(args.positional[0]);
    Project::Action snapshot(p, Project::Action::Access::Read);
    const std::vector<DocumentGroup> groups = p.groups();
    if (!args.flag("json")) {
        for (const DocumentGroup& g : groups) {
            out << g.name << "\t" << counted(g.documents, "document") << "\n";
        }
        return 0;
    }
    ordered_json j = ordered_json::array();
    for (const DocumentGroup& g : groups) {
        ordered_json documents = ordered_json::array();
        for (const Document& d : p.group_documents(g.id)) {
            documents.push_back(d.name);
        }
        j.push_back({{"id", g.id},
                     {"guid", g.guid},
                     {"name", g.name},
                     {"description", g.description},
                     {"documents", documents}});
    }
    print_json(out, j);
    return 0;
}

}  // namespace quire::cli
