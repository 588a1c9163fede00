// SPDX-License-Identifier: GPL-3.0-or-later
// Memos: memo add, edit and remove, and memos, which lists or exports them.
#include <algorithm>
#include <optional>
#include <ostream>
#include <sstream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/base/errors.h"
#include "core/exchange/export.h"
#include "core/exchange/tables.h"
#include "core/project/project.h"
#include "core/text/unicode.h"

namespace quire::cli {
namespace {

const char* const kKinds[] = {"project", "document", "code", "coding", "case"};

ordered_json memo_json(const MemoEntry& e) {
    return {{"id", e.memo.id},
            {"guid", e.memo.guid},
            {"kind", e.kind},
            {"target_id", e.memo.target_id ? ordered_json(*e.memo.target_id) : ordered_json()},
            {"attached_to", e.attached_to},
            {"author", e.author.empty() ? ordered_json() : ordered_json(e.author)},
            {"title", e.memo.title},
            {"text", e.memo.text},
            {"created_at", e.memo.created_at},
            {"updated_at", e.memo.updated_at}};
}

MemoEntry entry_of(Project& p, Id id) {
    for (MemoEntry& e : p.memo_entries()) {
        if (e.memo.id == id) {
            return std::move(e);
        }
    }
    throw NotFoundError("no memo with id " + std::to_string(id));
}

void require_text(const std::string& text) {
    if (text::to_nfc(text).find_first_not_of(" \t\n\r") == std::string::npos) {
        throw InvalidInputError("a memo's text cannot be empty");
    }
}

// What --project, --doc, --code, --coding or --case names: exactly one of them.
std::pair<Memo::Target, std::optional<Id>> memo_target(Project& p, const Args& args) {
    std::vector<std::pair<Memo::Target, std::optional<Id>>> targets;
    if (args.flag("project")) {
        targets.emplace_back(Memo::Target::Project, std::nullopt);
    }
    if (const auto doc = args.option("doc")) {
        targets.emplace_back(Memo::Target::Document, p.find_document(*doc).id);
    }
    if (const auto code = args.option("code")) {
        targets.emplace_back(Memo::Target::Code, p.find_code(*code).id);
    }
    if (const auto coding = args.option("coding")) {
        targets.emplace_back(Memo::Target::Coding, parse_offset(*coding, "--coding"));
    }
    if (const auto name = args.option("case")) {
        targets.emplace_back(Memo::Target::Case, p.find_case(*name).id);
    }
    if (targets.size() != 1) {
        throw UsageError("memo add takes one of --project, --doc, --code, --coding or --case");
    }
    return targets.front();
}

int memo_add(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args =
        parse(raw, {"doc", "code", "coding", "case", "author", "title"}, {"project", "json"});
    expect_positional(args, 2, "memo add PROJECT (--project | --doc DOC | ...) TEXT");
    const int targets =
        (args.flag("project") ? 1 : 0) +
        static_cast<int>(args.option("doc").has_value() + args.option("code").has_value() +
                         args.option("coding").has_value() + args.option("case").has_value());
    if (targets != 1) {
        throw UsageError("memo add takes one of --project, --doc, --code, --coding or --case");
    }
    require_text(args.positional[1]);
    Project p = open_project(args.positional[0]);
    Project::Action action(p);
    const auto [target, target_id] = memo_target(p, args);
    std::optional<Id> author;
    if (const auto name = args.option("author")) {
        author = p.ensure_coder(*name).id;
    }
    const Memo m = p.add_memo(target, target_id, args.option("title").value_or(""),
                              args.positional[1], author);
    const MemoEntry e = entry_of(p, m.id);
    action.commit();
    if (args.flag("json")) {
        print_json(out, memo_json(e));
    } else {
        out << "added memo " << m.id << " to " << e.kind << " \"" << e.attached_to << "\"\n";
    }
    return 0;
}

int memo_edit(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"title"}, {});
    expect_positional(args, 3, "memo edit PROJECT ID TEXT");
    const Id id = parse_offset(args.positional[1], "ID");
    require_text(args.positional[2]);
    Project p = open_project(args.positional[0]);
    p.edit_memo(id, args.positional[2], args.option("title"));
    out << "updated memo " << id << "\n";
    return 0;
}

int memo_remove(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {}, {});
    expect_positional(args, 2, "memo remove PROJECT ID");
    const Id id = parse_offset(args.positional[1], "ID");
    Project p = open_project(args.positional[0]);
    p.remove_memo(id);
    out << "removed memo " << id << "\n";
    return 0;
}

// Every word of `words` (case folded) occurs in the memo's title or text.
bool has_words(const MemoEntry& e, const std::string& words) {
    const std::string haystack = text::fold_case(e.memo.title + "\n" + e.memo.text);
    std::istringstream in(text::fold_case(words));
    std::string word;
    while (in >> word) {
        if (haystack.find(word) == std::string::npos) {
            return false;
        }
    }
    return true;
}

std::vector<MemoEntry> filtered_memos(Project& p, const Args& args) {
    const auto kind = args.option("kind");
    if (kind && std::find(std::begin(kKinds), std::end(kKinds), *kind) == std::end(kKinds)) {
        throw UsageError("--kind takes project, document, code, coding or case, not \"" + *kind +
                         "\"");
    }
    std::optional<std::string> author;
    if (const auto name = args.option("author")) {
        author = p.find_coder(*name).name;
    }
    std::vector<MemoEntry> entries = p.memo_entries();
    const auto text = args.option("text");
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [&](const MemoEntry& e) {
                                     return (kind && e.kind != *kind) ||
                                            (author && e.author != *author) ||
                                            (text && !has_words(e, *text));
                                 }),
                  entries.end());
    return entries;
}

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

// --md and --csv print every memo, --xlsx FILE writes them (an existing FILE only with
// --force, the project never).
void export_memos(Project& p, const Args& args, std::ostream& out) {
    if (args.option("kind") || args.option("author") || args.option("text") || args.flag("json")) {
        throw UsageError("memos --md, --csv and --xlsx export every memo: no filters or --json");
    }
    if (const auto xlsx = args.option("xlsx")) {
        exchange::ExportOptions options;
        options.if_exists = args.flag("force") ? util::IfExists::Replace : util::IfExists::Refuse;
        options.format = exchange::ExportFormat::Xlsx;
        exchange::write_export(p, exchange::ExportContent::Memos, *xlsx, options);
        out << "wrote " << *xlsx << "\n";
    } else if (args.flag("md")) {
        out << exchange::memos_markdown(p);
    } else {
        out << exchange::memos_csv(p);
    }
}

}  // namespace

int cmd_memo(const Words& raw, std::ostream& out, std::ostream& err) {
    return run_subcommand("memo", {{"add", memo_add}, {"edit", memo_edit}, {"remove", memo_remove}},
                          raw, out, err);
}

int cmd_memos(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args =
        parse(raw, {"kind", "author", "text", "xlsx"}, {"json", "md", "csv", "force"});
    expect_positional(args, 1, "memos PROJECT");
    const int exports = static_cast<int>(args.flag("md")) + static_cast<int>(args.flag("csv")) +
                        static_cast<int>(args.option("xlsx").has_value());
    if (exports > 1) {
        throw UsageError("memos takes one of --md, --csv or --xlsx FILE");
    }
    if (args.flag("force") && !args.option("xlsx")) {
        throw UsageError("--force goes with --xlsx FILE");
    }
    Project p = open_project(args.positional[0]);
    if (exports == 1) {
        export_memos(p, args, out);
        return 0;
    }
    const std::vector<MemoEntry> entries = filtered_memos(p, args);
    if (args.flag("json")) {
        ordered_json j = ordered_json::array();
        for (const MemoEntry& e : entries) {
            j.push_back(memo_json(e));
        }
        print_json(out, j);
        return 0;
    }
    for (const MemoEntry& e : entries) {
        out << e.memo.id << "\t" << e.kind << "\t" << e.attached_to << "\t"
            << (e.author.empty() ? "-" : e.author) << "\t" << e.memo.updated_at << "\t"
            << first_line(e.memo.text) << "\n";
    }
    return 0;
}

}  // namespace quire::cli
