// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/model.h"
#include "core/storage/sqlite.h"

// What the Project's files share and nobody else sees: name and value cleaning, and
// reading model types from rows. Functions that clean input throw InvalidInputError.
namespace quire {
class Project;
}

namespace quire::project_detail {

class Journal;

// The project's connection and journal, for core/project's files that are not Project
// members (handing out and merging, core/project/team.h).
struct Access {
    static sql::Connection& db(Project& p);
    static Journal& journal(Project& p);
};

// Readable, distinguishable colours for new codes when none is given.
inline constexpr const char* kPalette[] = {"#E57373", "#64B5F6", "#81C784", "#FFB74D", "#BA68C8",
                                           "#4DB6AC", "#F06292", "#A1887F", "#90A4AE", "#DCE775"};

std::string trim(const std::string& s);
// Trimmed and NFC; refused when empty. `what` names the thing in the message.
std::string clean_name(const std::string& raw, const char* what);
std::string clean_code_name(const std::string& raw);
std::optional<Id> parse_id(const std::string& s);
std::string normalize_color(const std::string& raw);
bool parse_int64(const std::string& s, std::int64_t& out);
// The stored form of an attribute value of this type.
std::string canonical_value(AttributeType type, const std::string& attribute,
                            const std::string& raw);

// Throw NotFoundError when there is no case (coder) with this id.
void require_case(sql::Connection& db, Id case_id);
void require_coder(sql::Connection& db, Id coder);

// Each reads the columns named after it, in that order.
Document read_document(const sql::Statement& s);
inline constexpr const char* kDocumentColumns =
    "id, guid, name, length_cp, original_name, format, encoding, imported_at, content_hash";
Code read_code(const sql::Statement& s);
inline constexpr const char* kCodeColumns =
    "id, guid, name, parent_id, color, definition, inclusion, exclusion, example, codable, "
    "position";
Coding read_coding(const sql::Statement& s);
inline constexpr const char* kCodingColumns =
    "id, guid, document_id, code_id, coder_id, start_cp, end_cp, created_at, memo";

}  // namespace quire::project_detail
