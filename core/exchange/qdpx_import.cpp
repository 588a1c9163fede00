// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/exchange/qdpx_import.h"

#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "core/base/errors.h"
#include "core/exchange/qdpx_codebook.h"
#include "core/exchange/qdpx_package.h"
#include "core/exchange/qdpx_project_importer.h"
#include "core/exchange/qdpx_reading.h"
#include "core/text/encoding.h"
#include "core/text/unicode.h"
#include "core/util/files.h"
#include "core/util/ids.h"

namespace quire::exchange {
namespace qdpx {

ProjectImporter::ProjectImporter(Project& project, Package& package, ImportReport& report)
    : project_(project),
      package_(package),
      report_(report),
      codebook_(project, report, CodebookReader::Clash::kRename) {}

void ProjectImporter::run(const pugi::xml_node& root) {
    report_.origin = attr(root, "origin");
    profile_ = profile_for_origin(report_.origin);
    project_creator_ = normalize_guid(attr(root, "creatingUserGUID"));
    report_.creating_user_guid = project_creator_;
    load_existing_names();
    import_users(child(root, "Users"));
    codebook_.import_codes(child(child(root, "CodeBook"), "Codes"));
    import_variables(child(root, "Variables"));
    if (const pugi::xml_node sources = child(root, "Sources")) {
        for (const pugi::xml_node source : sources.children()) {
            import_source(source);
        }
    }
    report_model_adjustments();
    report_codeless_selections();
    import_cases(child(root, "Cases"));
    collect_note_targets(root);
    import_notes(root);
    codebook_.import_sets(child(root, "Sets"));
}

void ProjectImporter::load_existing_names() {
    for (const Document& d : project_.documents()) {
        document_names_.insert(d.name);
    }
    for (const Case& c : project_.cases()) {
        case_names_.insert(c.name);
    }
    for (const Attribute& a : project_.attributes()) {
        attributes_.emplace(a.name, a.type);
    }
}

void ProjectImporter::import_users(const pugi::xml_node& users) {
    std::set<Id> coders;
    for (const pugi::xml_node user : children(users, "User")) {
        const std::string guid = guid_of(user);
        std::string name = one_line(attr(user, "name"), "");
        if (name.empty()) {
            name = one_line(attr(user, "id"), "User " + guid.substr(0, 8));
        }
        const auto known = project_.coders();
        const bool existed =
            std::any_of(known.begin(), known.end(), [&](const Coder& c) { return c.name == name; });
        const Coder coder = project_.ensure_coder(name);
        if (!existed) {
            keep_file_guid(project_, "coder", coder.id, guid);
        }
        coder_by_guid_[guid] = coder.id;
        coders.insert(coder.id);
    }
    report_.users = static_cast<int>(coders.size());
}

Id ProjectImporter::coder_for(std::initializer_list<std::string> guids) {
    for (const std::string& g : guids) {
        const auto it = coder_by_guid_.find(normalize_guid(g));
        if (!g.empty() && it != coder_by_guid_.end()) {
            return it->second;
        }
    }
    const auto creator = coder_by_guid_.find(project_creator_);
    if (!project_creator_.empty() && creator != coder_by_guid_.end()) {
        return creator->second;
    }
    if (report_.users == 1 && !coder_by_guid_.empty()) {
        return coder_by_guid_.begin()->second;
    }
    if (!fallback_coder_) {
        const std::string name = "Imported (" + one_line(report_.origin, "REFI-QDA") + ")";
        fallback_coder_ = project_.ensure_coder(name).id;
        report_.adjusted.push_back("codings without a known user were attributed to coder " +
                                   in_quotes(name));
    }
    return *fallback_coder_;
}

void ProjectImporter::import_variables(const pugi::xml_node& variables) {
    for (const pugi::xml_node variable : children(variables, "Variable")) {
        const std::string guid = guid_of(variable);
        const std::string wanted = one_line(attr(variable, "name"), "Unnamed variable");
        const std::string type_name = lower(trim(attr(variable, "typeOfVariable")));
        AttributeType type = AttributeType::Text;
        if (type_name == "boolean") {
            type = AttributeType::Boolean;
        } else if (type_name == "integer") {
            type = AttributeType::Integer;
        } else if (type_name == "float") {
            type = AttributeType::Float;
        } else if (type_name == "date") {
            type = AttributeType::Date;
        } else if (type_name == "datetime") {
            report_.adjusted.push_back("variable " + in_quotes(wanted) +
                                       ": date-time values kept as text");
        }
        std::string name = wanted;
        const auto existing = attributes_.find(wanted);
        if (existing != attributes_.end() && existing->second == type) {
            report_.adjusted.push_back("variable " + in_quotes(wanted) +
                                       " merged with the attribute of the same name and type");
        } else if (existing != attributes_.end()) {
            name = pick_unique_name(report_, wanted, "variable",
                                    [&](const std::string& n) { return attributes_.count(n) > 0; });
        }
        const bool fresh = attributes_.count(name) == 0;
        const Attribute a = project_.ensure_attribute(name, type);
        if (fresh) {
            keep_file_guid(project_, "attribute", a.id, guid);
        }
        attributes_.emplace(a.name, a.type);
        variable_by_guid_[guid] = a.name;
        ++report_.variables;
    }
}

// The canonical value of a VariableValue, or nullopt when it has none.
std::optional<std::pair<std::string, std::string>> ProjectImporter::variable_value(
    const pugi::xml_node& value, const std::string& owner) {
    const std::string guid = normalize_guid(attr(child(value, "VariableRef"), "targetGUID"));
    const auto variable = variable_by_guid_.find(guid);
    if (variable == variable_by_guid_.end()) {
        report_.skipped.push_back("a value of " + owner + ": its variable is not defined");
        return std::nullopt;
    }
    for (const char* kind : {"TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue",
                             "DateTimeValue"}) {
        if (const pugi::xml_node v = child(value, kind)) {
            return std::make_pair(variable->second, trim(element_text(v)));
        }
    }
    return std::nullopt;
}

void ProjectImporter::apply_values(const pugi::xml_node& owner_node, const std::string& owner,
                                   const ValueSetter& set) {
    for (const pugi::xml_node value : children(owner_node, "VariableValue")) {
        const auto v = variable_value(value, owner);
        if (!v) {
            continue;
        }
        try {
            set(v->first, v->second);
        } catch (const InvalidInputError& e) {
            report_.skipped.push_back("value \"" + v->second + "\" of " + in_quotes(v->first) +
                                      " for " + owner + ": " + e.what());
        }
    }
}

void ProjectImporter::import_cases(const pugi::xml_node& cases) {
    for (const pugi::xml_node node : children(cases, "Case")) {
        std::string wanted = one_line(attr(node, "name"), "");
        if (wanted.empty()) {
            wanted = "Unnamed case " + std::to_string(++unnamed_cases_);
            report_.adjusted.push_back("a case without a name was called " + in_quotes(wanted));
        }
        const std::string name =
            pick_unique_name(report_, wanted, "case",
                             [&](const std::string& n) { return case_names_.count(n) > 0; });
        const std::string description = element_text(child(node, "Description"));
        const Case c =
            project_.ensure_case(name, text::is_valid_utf8(description) ? trim(description) : "");
        case_names_.insert(name);
        ++report_.cases;
        keep_file_guid(project_, "case", c.id, guid_of(node));
        case_by_guid_[guid_of(node)] = c.id;
        apply_values(node, "case " + in_quotes(name),
                     [&](const std::string& a, const std::string& v) {
                         project_.set_case_attribute(c.id, a, v);
                     });
        for (const pugi::xml_node ref : children(node, "SourceRef")) {
            const auto doc = document_by_guid_.find(normalize_guid(attr(ref, "targetGUID")));
            if (doc == document_by_guid_.end()) {
                report_.skipped.push_back("case " + in_quotes(name) +
                                          ": a source it refers to was not imported");
                continue;
            }
            project_.link_case(c.id, doc->second);
        }
        for (const pugi::xml_node ref : children(node, "SelectionRef")) {
            const auto place = place_by_guid_.find(normalize_guid(attr(ref, "targetGUID")));
            if (place == place_by_guid_.end()) {
                report_.skipped.push_back("case " + in_quotes(name) +
                                          ": a selection it refers to was not imported");
                continue;
            }
            project_.link_case(c.id, place->second.document, place->second.start,
                               place->second.end);
        }
        if (!children(node, "CodeRef").empty()) {
            report_.skipped.push_back("case " + in_quotes(name) +
                                      ": its codes are not imported (Quire cases hold "
                                      "documents and segments)");
        }
    }
}

std::optional<ProjectImporter::Target> ProjectImporter::target_of(const std::string& guid) {
    if (const auto it = coding_by_guid_.find(guid); it != coding_by_guid_.end()) {
        return Target{Memo::Target::Coding, it->second};
    }
    if (const std::optional<Id> code = codebook_.code(guid)) {
        return Target{Memo::Target::Code, *code};
    }
    if (const auto it = document_by_guid_.find(guid); it != document_by_guid_.end()) {
        return Target{Memo::Target::Document, it->second};
    }
    if (const auto it = case_by_guid_.find(guid); it != case_by_guid_.end()) {
        return Target{Memo::Target::Case, it->second};
    }
    if (const auto it = place_by_guid_.find(guid); it != place_by_guid_.end()) {
        return Target{Memo::Target::Document, it->second.document};
    }
    return std::nullopt;
}

// NoteRef elements (NVivo) attach the note to the element that holds them; Links
// (ATLAS.ti) join a note to anything.
void ProjectImporter::collect_note_targets(const pugi::xml_node& root) {
    std::vector<pugi::xml_node> stack{root};
    while (!stack.empty()) {
        const pugi::xml_node node = stack.back();
        stack.pop_back();
        for (const pugi::xml_node c : node.children()) {
            if (c.type() != pugi::node_element) {
                continue;
            }
            if (is(c, "NoteRef")) {
                const std::string note = normalize_guid(attr(c, "targetGUID"));
                const std::string owner = is(node, "Project") ? "" : guid_of(node);
                note_targets_[note].push_back(owner);
            } else if (!is(c, "Notes")) {
                stack.push_back(c);
            }
        }
    }
    if (const pugi::xml_node links = child(root, "Links")) {
        for (const pugi::xml_node link : children(links, "Link")) {
            const std::string origin = normalize_guid(attr(link, "originGUID"));
            const std::string target = normalize_guid(attr(link, "targetGUID"));
            note_targets_[origin].push_back(target);
            note_targets_[target].push_back(origin);
        }
    }
}

void ProjectImporter::import_notes(const pugi::xml_node& root) {
    const pugi::xml_node notes = child(root, "Notes");
    for (const pugi::xml_node note : children(notes, "Note")) {
        const std::string guid = guid_of(note);
        const std::string title = one_line(attr(note, "name"), "Note");
        std::string why;
        std::string body;
        if (const auto bytes = source_bytes(note, why)) {
            try {
                body = text::normalize_for_storage(text::decode_text(*bytes).utf8);
            } catch (const Error&) {
                body.clear();
            }
        }
        const std::string description = element_text(child(note, "Description"));
        if (text::is_valid_utf8(description) && !trim(description).empty()) {
            body = trim(body).empty() ? trim(description) : trim(description) + "\n\n" + trim(body);
        }
        body = trim(body);
        if (body.empty()) {
            report_.skipped.push_back("note " + in_quotes(title) + ": it has no text");
            continue;
        }
        const Id author = coder_for({attr(note, "creatingUser")});
        std::vector<Target> targets;
        bool project_level = false;
        bool lost_target = false;
        for (const std::string& owner : note_targets_[guid]) {
            if (owner.empty()) {
                project_level = true;
                continue;
            }
            if (const auto t = target_of(owner)) {
                const bool seen = std::any_of(targets.begin(), targets.end(), [&](auto& x) {
                    return x.kind == t->kind && x.id == t->id;
                });
                if (!seen) {
                    targets.push_back(*t);
                }
            } else if (normalize_guid(owner) != guid) {
                lost_target = true;
            }
        }
        if (targets.empty() || project_level) {
            targets.push_back({Memo::Target::Project, std::nullopt});
        }
        if (lost_target) {
            report_.adjusted.push_back(
                "note " + in_quotes(title) +
                ": something it refers to was not imported; the note "
                "was kept" +
                (targets.size() == 1 && !targets[0].id ? " as a project memo" : ""));
        }
        bool first = true;
        for (const Target& t : targets) {
            const Memo memo = project_.add_memo(t.kind, t.id, title, body, author);
            if (first) {
                keep_file_guid(project_, "memo", memo.id, guid);  // one note, one identity
                first = false;
            }
            ++report_.notes;
        }
    }
}

}  // namespace qdpx

using qdpx::attr;
using qdpx::child;
using qdpx::CodebookReader;
using qdpx::load_refi_xml;
using qdpx::Package;
using qdpx::ProjectImporter;
using qdpx::read_disk_file;

ImportReport import_qdpx(Project& project, const std::string& path) {
    ImportReport report;
    Package package = Package::open(path, report);
    pugi::xml_document xml;
    load_refi_xml(xml, package.project_xml(), "Project", "project");
    Project::Action action(project);
    ProjectImporter importer(project, package, report);
    importer.run(xml.document_element());
    action.commit();
    return report;
}

namespace {

// Importing into a scratch project counts exactly what an import would bring into an empty
// project.
ImportReport preview(const std::string& path,
                     ImportReport (*import)(Project&, const std::string&)) {
    const util::ScratchFolder dir("qdpx-preview");
    ImportReport report;
    {
        Project scratch = Project::create(dir.path("preview.quire"));
        report = import(scratch, path);
    }
    return report;
}

}  // namespace

ImportReport preview_qdpx(const std::string& path) {
    return preview(path, import_qdpx);
}

team::MergePlan merge_qdpx(Project& project, const std::string& path, team::MergeOptions options,
                           bool plan_only, const Progress& progress) {
    const util::ScratchFolder dir("qdpx-merge");
    const std::string scratch_path = dir.path("theirs.quire");
    {
        Project scratch =
            Project::create(scratch_path, std::filesystem::path(path).stem().string());
        const ImportReport report = import_qdpx(scratch, path);
        if (options.peer_coder_guid.empty()) {
            options.peer_coder_guid = report.creating_user_guid;
        }
    }
    if (options.origin.empty()) {
        options.origin = std::filesystem::path(path).filename().string();
    }
    return plan_only ? team::plan_merge(project, scratch_path, options)
                     : team::merge(project, scratch_path, options, progress);
}

ImportReport import_qdc(Project& project, const std::string& path) {
    const std::string name = '"' + path + '"';
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw ImportError("cannot import " + name + ": no such file");
    }
    pugi::xml_document xml;
    load_refi_xml(xml, read_disk_file(path, name), "CodeBook", "codebook");
    const pugi::xml_node root = xml.document_element();
    ImportReport report;
    report.origin = attr(root, "origin");
    Project::Action action(project);
    CodebookReader codebook(project, report, CodebookReader::Clash::kKeepExisting);
    codebook.import_codes(child(root, "Codes"));
    codebook.import_sets(child(root, "Sets"));
    action.commit();
    return report;
}

ImportReport preview_qdc(const std::string& path) {
    return preview(path, import_qdc);
}

}  // namespace quire::exchange
