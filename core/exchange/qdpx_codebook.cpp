// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/exchange/qdpx_codebook.h"

#include <string_view>
#include <vector>

#include "core/base/errors.h"
#include "core/exchange/qdpx_reading.h"
#include "core/text/unicode.h"

namespace quire::exchange::qdpx {

CodebookReader::CodebookReader(Project& project, ImportReport& report, Clash clash)
    : project_(project), report_(report), clash_(clash) {
    for (const Code& c : project_.codes()) {
        code_names_.emplace(std::make_pair(c.parent_id.value_or(0), c.name), c.id);
    }
    for (const CodeSet& s : project_.code_sets()) {
        set_names_.insert(s.name);
    }
}

void CodebookReader::import_codes(const pugi::xml_node& codes) {
    for (const pugi::xml_node code : children(codes, "Code")) {
        import_code(code, std::nullopt, 0);
    }
}

void CodebookReader::import_sets(const pugi::xml_node& sets) {
    for (const pugi::xml_node set : children(sets, "Set")) {
        import_set(set);
    }
}

std::optional<Id> CodebookReader::code(const std::string& guid) const {
    const auto it = code_by_guid_.find(guid);
    return it == code_by_guid_.end() ? std::nullopt : std::optional<Id>(it->second);
}

std::string CodebookReader::code_name(const std::string& guid) const {
    const auto it = code_name_by_guid_.find(guid);
    return it == code_name_by_guid_.end() ? std::string() : it->second;
}

CodeFields CodebookReader::fields_of(const pugi::xml_node& node) {
    CodeFields fields;
    const std::string color = trim(attr(node, "color"));
    if (!color.empty()) {
        fields.color = color;
    }
    const std::string codable = lower(trim(attr(node, "isCodable")));
    fields.codable = !(codable == "false" || codable == "0");
    const std::string description = element_text(child(node, "Description"));
    if (!trim(description).empty() && text::is_valid_utf8(description)) {
        const CodeDescription d = read_code_description(description);
        fields.definition = d.definition;
        fields.inclusion = d.inclusion;
        fields.exclusion = d.exclusion;
        fields.example = d.example;
    }
    return fields;
}

// "/" separates the levels of a code path in Quire, so a name cannot hold it.
std::string CodebookReader::usable_code_name(const pugi::xml_node& node) {
    std::string wanted = one_line(attr(node, "name"), "Unnamed code");
    if (wanted.find('/') != std::string::npos) {
        const std::string original = wanted;
        std::size_t at;
        while ((at = wanted.find('/')) != std::string::npos) {
            wanted.replace(at, 1, "\u2215");
        }
        report_.adjusted.push_back("code " + in_quotes(original) + " renamed " + in_quotes(wanted) +
                                   ": \"/\" separates levels of a code path");
    }
    return wanted;
}

void CodebookReader::import_code(const pugi::xml_node& node, std::optional<Id> parent, int depth) {
    // `depth` counts from 0 at the top; the project's limit (which also bounds this
    // recursion) counts levels from 1.
    if (depth + 1 > kMaxCodeDepth) {
        throw ImportError("refusing the file: codes nest more than " +
                          std::to_string(kMaxCodeDepth) + " levels deep");
    }
    const std::string guid = guid_of(node);
    const Id parent_key = parent.value_or(0);
    const std::string wanted = usable_code_name(node);
    std::optional<Code> code;
    std::string name = wanted;
    if (clash_ == Clash::kKeepExisting) {
        if (const auto it = code_names_.find({parent_key, wanted}); it != code_names_.end()) {
            code = project_.code(it->second);
            report_.adjusted.push_back("code " + in_quotes(project_.code_path(code->id)) +
                                       " is already in the codebook; it was left as it is");
        }
    } else {
        name = pick_unique_name(report_, wanted, "code", [&](const std::string& n) {
            return code_names_.count({parent_key, n}) > 0;
        });
    }
    if (!code) {
        code = add_code(name, parent, fields_of(node));
        keep_file_guid(project_, "code", code->id, guid);
        code_names_.emplace(std::make_pair(parent_key, name), code->id);
        ++report_.codes;
    }
    if (!guid.empty()) {
        code_by_guid_[guid] = code->id;
        code_name_by_guid_[guid] = code->name;
    }
    for (const pugi::xml_node sub : children(node, "Code")) {
        import_code(sub, code->id, depth + 1);
    }
}

Code CodebookReader::add_code(const std::string& name, std::optional<Id> parent,
                              CodeFields fields) {
    try {
        return project_.add_code(name, parent, fields);
    } catch (const InvalidInputError&) {
        // An unusable colour is the only field add_code can refuse here.
        report_.adjusted.push_back("code " + in_quotes(name) + ": colour \"" +
                                   fields.color.value_or("") +
                                   "\" not understood; a default colour was used");
        fields.color.reset();
        return project_.add_code(name, parent, fields);
    }
}

void CodebookReader::import_set(const pugi::xml_node& set) {
    const std::string wanted = one_line(attr(set, "name"), "Unnamed set");
    if (clash_ == Clash::kKeepExisting && set_names_.count(wanted) > 0) {
        report_.adjusted.push_back("code set " + in_quotes(wanted) +
                                   " is already in the project; it was left as it is");
        return;
    }
    std::vector<Id> codes;
    for (const pugi::xml_node member : children(set, "MemberCode")) {
        // Project files name the member by targetGUID, codebook files by guid.
        std::string target = attr(member, "targetGUID");
        if (trim(target).empty()) {
            target = attr(member, "guid");
        }
        if (const std::optional<Id> c = code(normalize_guid(target))) {
            codes.push_back(*c);
        }
    }
    const bool has_sources = !children(set, "MemberSource").empty();
    const bool has_notes = !children(set, "MemberNote").empty();
    if (codes.empty() && (has_sources || has_notes)) {
        report_.skipped.push_back("set " + in_quotes(wanted) +
                                  ": a set of documents or notes has no counterpart in "
                                  "Quire (only code sets)");
        return;
    }
    if (has_sources || has_notes) {
        report_.skipped.push_back("set " + in_quotes(wanted) +
                                  ": its documents and notes were left out; its codes "
                                  "became a code set");
    }
    const std::string name = pick_unique_name(
        report_, wanted, "code set", [&](const std::string& n) { return set_names_.count(n) > 0; });
    const std::string description = element_text(child(set, "Description"));
    project_.add_code_set(name, codes, text::is_valid_utf8(description) ? trim(description) : "");
    set_names_.insert(name);
    ++report_.code_sets;
}

}  // namespace quire::exchange::qdpx
