// SPDX-License-Identifier: GPL-3.0-or-later
// The action journal: undo, redo, log.
#include <ostream>
#include <vector>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/project/project.h"

namespace quire::cli {
namespace {

ordered_json entry_json(const JournalEntry& e) {
    return ordered_json{
        {"id", e.id},
        {"at", e.at},
        {"who", e.who},
        {"what", e.what},
        {"changes", e.changes},
        {"state", e.state},
        {"undoable", e.undoable},
        {"origin", e.origin.empty() ? ordered_json(nullptr) : ordered_json(e.origin)}};
}

// undo and redo: one entry taken back or brought back, said in one line.
int turn(const Words& raw, std::ostream& out, bool undo) {
    const char* name = undo ? "undo PROJECT" : "redo PROJECT";
    const Args args = parse(raw, {}, {"json"});
    expect_positional(args, 1, name);
    Project p = open_project(args.positional[0]);
    const JournalEntry e = undo ? p.undo() : p.redo();
    if (args.flag("json")) {
        print_json(out, entry_json(e));
        return 0;
    }
    out << (undo ? "undid " : "redid ") << e.id << ": " << e.what << " (" << e.changes << ") by "
        << e.who << " at " << e.at << "\n";
    return 0;
}

}  // namespace

int cmd_undo(const Words& raw, std::ostream& out, std::ostream&) {
    return turn(raw, out, true);
}

int cmd_redo(const Words& raw, std::ostream& out, std::ostream&) {
    return turn(raw, out, false);
}

int cmd_log(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"limit", "coder", "since"}, {"json"});
    expect_positional(args, 1, "log PROJECT");
    std::size_t limit = 50;
    if (const auto v = args.option("limit")) {
        const std::int64_t n = parse_offset(*v, "--limit");
        if (n < 0) {
            throw UsageError("--limit cannot be negative");
        }
        limit = static_cast<std::size_t>(n);
    }
    Project p = open_project(args.positional[0]);
    JournalFilter filter;
    filter.who = args.option("coder").value_or("");
    filter.since = args.option("since").value_or("");
    // A date, or a date and time, in the form the journal keeps (UTC): compared as text.
    static const std::string kForm = "0000-00-00T00:00:00Z";
    bool well_formed = filter.since.size() >= 10 && filter.since.size() <= kForm.size();
    for (std::size_t i = 0; well_formed && i < filter.since.size(); ++i) {
        const char c = filter.since[i];
        well_formed = kForm[i] == '0' ? (c >= '0' && c <= '9') : c == kForm[i];
    }
    if (!filter.since.empty() && !well_formed) {
        throw UsageError("--since takes a UTC date or time: 2026-12-03 or 2026-12-03T14:00");
    }
    filter.merged = true;
    const std::vector<JournalEntry> entries = p.journal(limit, filter);
    if (args.flag("json")) {
        ordered_json j = ordered_json::array();
        for (const JournalEntry& e : entries) {
            j.push_back(entry_json(e));
        }
        print_json(out, j);
        return 0;
    }
    for (const JournalEntry& e : entries) {
        // The state column says what undo and redo would do with the line.
        const std::string state = e.state == "done" && !e.undoable ? "kept" : e.state;
        out << (e.id == 0 ? std::string("-") : std::to_string(e.id)) << "\t" << e.at << "\t"
            << e.who << "\t" << state << "\t" << e.what << "\t" << e.changes;
        if (!e.origin.empty()) {
            out << "\t(in " << e.origin << ")";
        }
        out << "\n";
    }
    return 0;
}

}  // namespace quire::cli
