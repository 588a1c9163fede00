// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <pugixml.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/exchange/qdpx_description.h"
#include "core/exchange/qdpx_import.h"
#include "core/project/project.h"

// Internal to core/exchange: reading REFI-QDA codes and code sets, from the <CodeBook> of a
// project file or a bare .qdc, into a project. Throws ImportError for codes nested deeper
// than kMaxCodeDepth (project.h) levels; may throw any quire::Error of the project.
namespace quire::exchange::qdpx {

// Reads codes and code sets into a project and remembers which code each GUID of the file
// became.
class CodebookReader {
public:
    // What a code or set whose name is taken becomes: a renamed copy (a project brings its
    // own codebook along), or the existing one, left as it is (merging a codebook, as NVivo
    // does).
    enum class Clash { kRename, kKeepExisting };

    CodebookReader(Project& project, ImportReport& report, Clash clash);

    // The <Code> children of a <Codes> element (a null node has none).
    void import_codes(const pugi::xml_node& codes);
    // The <Set> children of a <Sets> element; call after import_codes, as members are codes.
    void import_sets(const pugi::xml_node& sets);

    // The code a GUID of the file became, if it was imported.
    std::optional<Id> code(const std::string& guid) const;
    std::string code_name(const std::string& guid) const;

private:
    static CodeFields fields_of(const pugi::xml_node& node);
    std::string usable_code_name(const pugi::xml_node& node);
    void import_code(const pugi::xml_node& node, std::optional<Id> parent, int depth);
    Code add_code(const std::string& name, std::optional<Id> parent, CodeFields fields);
    void import_set(const pugi::xml_node& set);

    Project& project_;
    ImportReport& report_;
    Clash clash_;
    std::map<std::pair<Id, std::string>, Id> code_names_;  // (parent or 0, name) -> code
    std::set<std::string> set_names_;
    std::unordered_map<std::string, Id> code_by_guid_;
    std::unordered_map<std::string, std::string> code_name_by_guid_;
};

}  // namespace quire::exchange::qdpx
