// SPDX-License-Identifier: GPL-3.0-or-later
// Changing a coding in place (codings edit) and what each coder sees (view).
#include <algorithm>
#include <ostream>
#include <vector>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/project/project.h"

namespace quire::cli {
namespace {

bool on_off(const std::string& value, const char* option) {
    if (value == "on") {
        return true;
    }
    if (value == "off") {
        return false;
    }
    throw UsageError(std::string("--") + option + " is on or off, not \"" + value + "\"");
}

void add_ids(std::vector<Id>& ids, Id id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
        ids.push_back(id);
    }
}

void remove_ids(std::vector<Id>& ids, Id id) {
    ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
}

}  // namespace

int codings_edit(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"range", "code"}, {"json"});
    expect_positional(args, 2, "codings edit PROJECT ID (--range START:END | --code CODE)");
    if (!args.option("range") && !args.option("code")) {
        throw UsageError("codings edit needs --range START:END, --code CODE or both");
    }
    Project p = open_project(args.positional[0]);
    std::optional<TextRange> range;
    if (const auto value = args.option("range")) {
        const auto [start, end] = parse_range(*value);
        range = TextRange{start, end};
    }
    std::optional<Id> code;
    if (const auto value = args.option("code")) {
        code = p.find_code(*value).id;
    }
    const Coding c = p.change_coding(parse_offset(args.positional[1], "ID"), range, code);
    const std::string path = p.code_path(c.code_id);
    if (args.flag("json")) {
        print_json(out, {{"id", c.id},
                         {"guid", c.guid},
                         {"document", p.document_name(c.document_id)},
                         {"code", path},
                         {"start", c.start},
                         {"end", c.end}});
        return 0;
    }
    out << "coding " << c.id << " is now [" << c.start << ", " << c.end << ") of \""
        << p.document_name(c.document_id) << "\" with \"" << path << "\"\n";
    return 0;
}

int cmd_view(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(
        raw, {"coder", "blind", "hide-coder", "show-coder", "hide-code", "show-code"}, {"json"});
    expect_positional(args, 1, "view PROJECT --coder NAME");
    Project p = open_project(args.positional[0]);
    const Coder viewer = p.find_coder(args.required("coder"));
    CoderView view = p.coder_view(viewer.id);
    bool changed = false;
    if (const auto blind = args.option("blind")) {
        view.blind = on_off(*blind, "blind");
        changed = true;
    }
    for (const std::string& name : args.all("hide-coder")) {
        add_ids(view.hidden_coders, p.find_coder(name).id);
        changed = true;
    }
    for (const std::string& name : args.all("show-coder")) {
        remove_ids(view.hidden_coders, p.find_coder(name).id);
        changed = true;
    }
    for (const std::string& name : args.all("hide-code")) {
        add_ids(view.hidden_codes, p.find_code(name).id);
        changed = true;
    }
    for (const std::string& name : args.all("show-code")) {
        remove_ids(view.hidden_codes, p.find_code(name).id);
        changed = true;
    }
    if (changed) {
        p.set_coder_view(viewer.id, view);
        view = p.coder_view(viewer.id);
    }
    std::vector<std::string> visible;
    for (const Id id : p.visible_coders(viewer.id)) {
        for (const Coder& c : p.coders()) {
            if (c.id == id) {
                visible.push_back(c.name);
            }
        }
    }
    std::vector<std::string> hidden_coders;
    for (const Coder& c : p.coders()) {
        if (std::find(view.hidden_coders.begin(), view.hidden_coders.end(), c.id) !=
            view.hidden_coders.end()) {
            hidden_coders.push_back(c.name);
        }
    }
    std::vector<std::string> hidden_codes;
    for (const Id id : view.hidden_codes) {
        hidden_codes.push_back(p.code_path(id));
    }
    if (args.flag("json")) {
        print_json(out, {{"coder", viewer.name},
                         {"blind", view.blind},
                         {"visible_coders", visible},
                         {"hidden_coders", hidden_coders},
                         {"hidden_codes", hidden_codes}});
        return 0;
    }
    const auto joined = [](const std::vector<std::string>& names) {
        std::string s;
        for (const std::string& n : names) {
            s += (s.empty() ? "" : ", ") + n;
        }
        return s.empty() ? std::string("none") : s;
    };
    out << "coder\t" << viewer.name << "\nblind\t" << (view.blind ? "on" : "off")
        << "\nsees codings of\t" << joined(visible) << "\nhidden codes\t" << joined(hidden_codes)
        << "\n";
    return 0;
}

}  // namespace quire::cli
