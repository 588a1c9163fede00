// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/demo/demo.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/util/paths.h"

namespace quire::demo {
namespace {

const std::string& file(const std::string& name) {
    const auto& files = embedded_files();
    const auto it = files.find(name);
    if (it == files.end()) {
        throw Error("the demo data lacks " + name);
    }
    return it->second;
}

std::string optional_string(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

void build(Project& project) {
    const nlohmann::json spec = nlohmann::json::parse(file("demo.json"));
    project.set_project_name(spec["project"]["name"].get<std::string>(),
                             optional_string(spec["project"], "description"));
    for (const auto& a : spec["attributes"]) {
        project.ensure_attribute(a["name"].get<std::string>(),
                                 attribute_type_from_string(a["type"].get<std::string>()));
    }
    for (const auto& c : spec["codes"]) {
        std::optional<Id> parent;
        if (c.contains("parent") && c["parent"].is_string()) {
            parent = project.find_code(c["parent"].get<std::string>()).id;
        }
        CodeFields fields;
        fields.color = c["color"].get<std::string>();
        fields.definition = optional_string(c, "definition");
        fields.inclusion = optional_string(c, "inclusion");
        fields.exclusion = optional_string(c, "exclusion");
        fields.example = optional_string(c, "example");
        project.add_code(c["name"].get<std::string>(), parent, fields);
    }
    for (const auto& name : spec["coders"]) {
        project.ensure_coder(name.get<std::string>());
    }
    for (const auto& d : spec["documents"]) {
        const std::string file_name = d["file"].get<std::string>();
        const ImportOutcome added = project.add_document(
            d["name"].get<std::string>(), file("transcripts/" + file_name), file_name, "txt");
        const Id doc = added.document.id;
        if (d.contains("case") && d["case"].is_string()) {
            const Case c = project.ensure_case(d["case"].get<std::string>());
            project.link_case(c.id, doc);
            for (const auto& [key, value] : d["attributes"].items()) {
                project.set_case_attribute(c.id, key, value.get<std::string>());
            }
        }
        for (const auto& [key, value] : d["attributes"].items()) {
            project.set_document_attribute(doc, key, value.get<std::string>());
        }
    }
    std::istringstream tsv(file("codings.tsv"));
    std::string line;
    std::getline(tsv, line);  // header
    int row = 1;
    while (std::getline(tsv, line)) {
        ++row;
        if (line.empty()) {
            continue;
        }
        std::vector<std::string> fields;
        std::size_t from = 0;
        for (std::size_t tab; (tab = line.find('\t', from)) != std::string::npos; from = tab + 1) {
            fields.push_back(line.substr(from, tab - from));
        }
        fields.push_back(line.substr(from));
        if (fields.size() != 4) {
            throw Error("demo codings.tsv row " + std::to_string(row) + " has " +
                        std::to_string(fields.size()) + " fields, expected 4");
        }
        const Document doc = project.find_document(fields[0]);
        const auto hits = project.find_text(doc.id, fields[3]);
        if (hits.size() != 1) {
            throw Error("demo codings.tsv row " + std::to_string(row) + ": the quotation occurs " +
                        std::to_string(hits.size()) + " times in \"" + doc.name + "\"");
        }
        const Coder coder = project.ensure_coder(fields[1]);
        const Code code = project.find_code(fields[2]);
        project.apply_code(doc.id, code.id, coder.id, hits[0].start, hits[0].end);
    }
}

}  // namespace

void write_demo_project(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        throw ConflictError(path + " already exists: Quire will not overwrite it");
    }
    try {
        Project project = Project::create(path, "Demo");
        project.set_action_label("write the demo project");
        Project::Action action(project);
        build(project);
        action.commit();
    } catch (...) {
        // The project is closed by now; leave no half-written demo behind.
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::remove(path + suffix, ec);
        }
        throw;
    }
}

std::string fresh_demo_copy() {
    const std::filesystem::path path =
        std::filesystem::path(util::user_data_dir()) / "Safe Connections demo.quire";
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path.string() + suffix, ec);
    }
    write_demo_project(path.string());
    return path.string();
}

}  // namespace quire::demo
