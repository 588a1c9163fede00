// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/exchange/qdpx_import.h"

// Internal to core/exchange: what every REFI-QDA reader needs (clean names, GUIDs,
// namespace-blind XML access, a guarded XML parse). load_refi_xml throws ImportError.
namespace quire::exchange::qdpx {

std::string lower(std::string_view s);
bool ends_with(std::string_view text, std::string_view suffix);
bool starts_with(std::string_view text, std::string_view prefix);
std::string trim(std::string_view s);

// Lower-case, without braces or surrounding blanks: "{ABC-1}" and "abc-1" are one GUID.
std::string normalize_guid(std::string_view raw);

// Gives an entity the import just made the GUID the file gave it, so that merges recognise
// it later; a missing, malformed or taken GUID leaves the new one (core/project/team.h).
void keep_file_guid(Project& project, const std::string& kind, Id id, const std::string& guid);

// A name usable in Quire: one line, not empty, NFC; `fallback` when there is none.
std::string one_line(std::string_view raw, const std::string& fallback);

// “s”, as messages quote names.
std::string in_quotes(const std::string& s);

// A whole number without sign other than "+", or nullopt.
std::optional<std::int64_t> parse_integer(std::string_view s);

// `wanted`, or `wanted` with " (2)", " (3)"... when it is taken; a rename is reported.
std::string pick_unique_name(ImportReport& report, const std::string& wanted, const char* what,
                             const std::function<bool(const std::string&)>& taken);

// Elements and attributes are matched by local name: some exports add namespace prefixes.
std::string_view local_name(std::string_view qualified);
bool is(const pugi::xml_node& node, std::string_view name);
pugi::xml_node child(const pugi::xml_node& node, std::string_view name);
std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name);
const char* attr(const pugi::xml_node& node, std::string_view name);
std::string guid_of(const pugi::xml_node& node);
std::string element_text(const pugi::xml_node& node);

// Parses a REFI-QDA XML file whose root element must be `root` (Project or CodeBook);
// `kind` ("project", "codebook") names it in messages. A byte order mark is accepted; a
// DOCTYPE that declares entities is refused.
void load_refi_xml(pugi::xml_document& xml, const std::string& bytes, std::string_view root,
                   const std::string& kind);

}  // namespace quire::exchange::qdpx
