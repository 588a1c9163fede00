// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// Plain values describing a project's entities, as core hands them out. Ids are local to
// one project file; GUIDs are stable across files (exchange, merges). Positions are
// half-open [start, end) code-point ranges into a document's stored text (core/text/unicode.h).
namespace quire {

using Id = std::int64_t;

struct ProjectInfo {
    std::string guid;
    std::string name;
    std::string description;
    std::string language;
    std::string created_at;
    int schema_version = 0;
};

struct Document {
    Id id = 0;
    std::string guid;
    std::string name;
    std::int64_t length = 0;  // code points
    std::string original_name;
    std::string format;    // "txt", "docx"
    std::string encoding;  // as assumed at import
    std::string imported_at;
    std::string content_hash;  // SHA-256 of the stored text, hex
};

struct Coder {
    Id id = 0;
    std::string guid;
    std::string name;
};

struct Code {
    Id id = 0;
    std::string guid;
    std::string name;
    std::optional<Id> parent_id;
    std::string color;  // "#RRGGBB"
    std::string definition;
    std::string inclusion;
    std::string exclusion;
    std::string example;
    bool codable = true;
    int position = 0;  // order among siblings
};

// Fields for creating or editing a code; unset optionals are left as they are.
struct CodeFields {
    std::optional<std::string> color;
    std::optional<std::string> definition;
    std::optional<std::string> inclusion;
    std::optional<std::string> exclusion;
    std::optional<std::string> example;
    std::optional<bool> codable;
};

struct Coding {
    Id id = 0;
    std::string guid;
    Id document_id = 0;
    Id code_id = 0;
    Id coder_id = 0;
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::string created_at;
    std::string memo;
};

// A coding with the names around it and its text, for retrieval and export.
struct Segment {
    Coding coding;
    std::string document;
    std::string code;
    std::string coder;
    std::string text;
    std::string before;  // context preceding the segment
    std::string after;   // context following the segment
};

struct Case {
    Id id = 0;
    std::string guid;
    std::string name;
    std::string description;
};

struct CaseLink {
    Id case_id = 0;
    Id document_id = 0;
    std::optional<std::int64_t> start;  // no range: the whole document
    std::optional<std::int64_t> end;
};

enum class AttributeType { Text, Boolean, Integer, Float, Date };

struct Attribute {
    Id id = 0;
    std::string guid;
    std::string name;
    AttributeType type = AttributeType::Text;
};

struct AttributeValue {
    std::string attribute;
    AttributeType type = AttributeType::Text;
    std::string value;  // canonical: "true"/"false", decimal integer, shortest float, YYYY-MM-DD
};

struct Memo {
    Id id = 0;
    std::string guid;
    std::string title;
    std::string text;
    std::optional<Id> coder_id;
    enum class Target { Project, Document, Code, Coding, Case } target = Target::Project;
    std::optional<Id> target_id;
    std::string created_at;
    std::string updated_at;
};

struct CodeSet {
    Id id = 0;
    std::string guid;
    std::string name;
    std::string description;
    std::vector<Id> code_ids;
};

// One user action in the project's journal: Project::journal(), undo(), redo().
struct JournalEntry {
    Id id = 0;
    std::string at;         // UTC, ISO 8601
    std::string who;        // the coder or the system user who acted
    std::string what;       // the action as the program that did it named it ("code apply")
    std::string changes;    // what it changed: "added 1 coding; changed 1 memo"
    std::string state;      // "done", "undone", or "discarded" (undone, then a new action came)
    bool undoable = false;  // undo (redo for an undone entry) still has what it needs
    std::string origin;     // merged in from a copy: the copy's name; empty when done here
};

// Which journal entries an audit of the project lists.
struct JournalFilter {
    std::string who;      // only this coder's (or user's) entries; empty: everyone's
    std::string since;    // only entries at or after this UTC time (ISO 8601 prefix)
    bool merged = false;  // also the entries merged in from copies (state "merged")
};

const char* to_string(AttributeType type);
// Throws InvalidInputError for an unknown name.
AttributeType attribute_type_from_string(const std::string& name);

}  // namespace quire
