// SPDX-License-Identifier: GPL-3.0-or-later
// The Project's cases and attributes: linking text to cases, typed attribute values.
#include "core/project/project.h"

#include <algorithm>

#include "core/base/errors.h"
#include "core/project/project_internal.h"
#include "core/storage/sqlite.h"
#include "core/text/unicode.h"
#include "core/util/ids.h"

namespace quire {

using sql::Statement;
using sql::Transaction;
using namespace project_detail;

// ---------------------------------------------------------------------------------------
// Cases

std::vector<Case> Project::cases() {
    Statement& s = db_->prepare("SELECT id, guid, name, description FROM cases ORDER BY name");
    std::vector<Case> out;
    while (s.step()) {
        out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3)});
    }
    return out;
}

Case Project::find_case(const std::string& raw_name) {
    const std::string name = text::to_nfc(trim(raw_name));
    Statement& s = db_->prepare("SELECT id, guid, name, description FROM cases WHERE name = ?1");
    s.bind(1, name);
    if (!s.step()) {
        throw NotFoundError("no case named \"" + raw_name + "\"");
    }
    Case c{s.int64(0), s.text(1), s.text(2), s.text(3)};
    s.reset();
    return c;
}

Case Project::ensure_case(const std::string& raw_name, const std::string& description) {
    const std::string name = clean_name(raw_name, "case");
    Statement& s = db_->prepare("SELECT 1 FROM cases WHERE name = ?1");
    s.bind(1, name);
    const bool exists = s.step();
    s.reset();
    if (!exists) {
        Transaction tx(*db_);
        db_->prepare("INSERT INTO cases (guid, name, description) VALUES (?1, ?2, ?3)")
            .bind(1, util::new_guid())
            .bind(2, name)
            .bind(3, text::to_nfc(description))
            .run();
        tx.commit();
    }
    return find_case(name);
}

void Project::link_case(Id case_id, Id document_id, std::optional<std::int64_t> start,
                        std::optional<std::int64_t> end) {
    Transaction tx(*db_);
    require_case(*db_, case_id);
    const Document d = document(document_id);
    if (start.has_value() != end.has_value()) {
        throw InvalidInputError("a case segment needs both start and end");
    }
    if (start && (*start < 0 || *end > d.length || *start >= *end)) {
        throw InvalidInputError("case segment [" + std::to_string(*start) + ", " +
                                std::to_string(*end) + ") is empty or outside \"" + d.name + "\"");
    }
    db_->prepare(
           "INSERT OR IGNORE INTO case_links (case_id, document_id, start_cp, end_cp) VALUES "
           "(?1, ?2, ?3, ?4)")
        .bind(1, case_id)
        .bind(2, document_id)
        .bind(3, start)
        .bind(4, end)
        .run();
    tx.commit();
}

std::vector<CaseLink> Project::case_links(std::optional<Id> case_id) {
    Statement& s = db_->prepare(
        "SELECT case_id, document_id, start_cp, end_cp FROM case_links WHERE ?1 IS NULL OR "
        "case_id = ?1 ORDER BY case_id, document_id, start_cp");
    s.bind(1, case_id);
    std::vector<CaseLink> out;
    while (s.step()) {
        out.push_back({s.int64(0), s.int64(1), s.optional_int64(2), s.optional_int64(3)});
    }
    return out;
}

void Project::rename_case(Id case_id, const std::string& raw_name) {
    const std::string name = clean_name(raw_name, "case");
    Transaction tx(*db_);
    require_case(*db_, case_id);
    Statement& taken = db_->prepare("SELECT 1 FROM cases WHERE name = ?1 AND id <> ?2");
    taken.bind(1, name).bind(2, case_id);
    const bool clash = taken.step();
    taken.reset();
    if (clash) {
        throw ConflictError("a case named \"" + name + "\" already exists");
    }
    db_->prepare("UPDATE cases SET name = ?1 WHERE id = ?2").bind(1, name).bind(2, case_id).run();
    tx.commit();
}

void Project::remove_case(Id case_id) {
    Transaction tx(*db_);
    require_case(*db_, case_id);
    // Links, values and memos of the case go with it (ON DELETE CASCADE).
    db_->prepare("DELETE FROM cases WHERE id = ?1").bind(1, case_id).run();
    tx.commit();
}

void Project::unlink_case(Id case_id, Id document_id, std::optional<std::int64_t> start,
                          std::optional<std::int64_t> end) {
    Transaction tx(*db_);
    require_case(*db_, case_id);
    const Document d = document(document_id);
    if (start.has_value() != end.has_value()) {
        throw InvalidInputError("a case segment needs both start and end");
    }
    db_->prepare(
           "DELETE FROM case_links WHERE case_id = ?1 AND document_id = ?2 AND start_cp IS ?3 "
           "AND end_cp IS ?4")
        .bind(1, case_id)
        .bind(2, document_id)
        .bind(3, start)
        .bind(4, end)
        .run();
    if (db_->changes() == 0) {
        const std::string what =
            start ? "segment [" + std::to_string(*start) + ", " + std::to_string(*end) + ") of \""
                  : "document \"";
        throw NotFoundError("the case is not linked to the " + what + d.name + "\"");
    }
    tx.commit();
}

const char* to_string(AttributeType type) {
    switch (type) {
        case AttributeType::Text:
            return "text";
        case AttributeType::Boolean:
            return "boolean";
        case AttributeType::Integer:
            return "integer";
        case AttributeType::Float:
            return "float";
        case AttributeType::Date:
            return "date";
    }
    return "text";
}

AttributeType attribute_type_from_string(const std::string& name) {
    for (AttributeType t : {AttributeType::Text, AttributeType::Boolean, AttributeType::Integer,
                            AttributeType::Float, AttributeType::Date}) {
        if (name == to_string(t)) {
            return t;
        }
    }
    throw InvalidInputError("unknown attribute type \"" + name +
                            "\" (text, boolean, integer, float or date)");
}

// ---------------------------------------------------------------------------------------
// Attributes

std::string canonical_attribute_value(AttributeType type, const std::string& attribute,
                                      const std::string& value) {
    return canonical_value(type, attribute, value);
}

std::vector<Attribute> Project::attributes() {
    Statement& s =
        db_->prepare("SELECT id, guid, name, type FROM attributes ORDER BY position, id");
    std::vector<Attribute> out;
    while (s.step()) {
        out.push_back({s.int64(0), s.text(1), s.text(2), attribute_type_from_string(s.text(3))});
    }
    return out;
}

Attribute Project::ensure_attribute(const std::string& raw_name, AttributeType type) {
    const std::string name = clean_name(raw_name, "attribute");
    for (const Attribute& a : attributes()) {
        if (a.name == name) {
            return a;
        }
    }
    Transaction tx(*db_);
    const std::string guid = util::new_guid();
    db_->prepare(
           "INSERT INTO attributes (guid, name, type, position) VALUES (?1, ?2, ?3, (SELECT "
           "ifnull(max(position), -1) + 1 FROM attributes))")
        .bind(1, guid)
        .bind(2, name)
        .bind(3, to_string(type))
        .run();
    Attribute a{db_->last_insert_rowid(), guid, name, type};
    tx.commit();
    return a;
}

namespace {

std::vector<std::string> choices_of(sql::Connection& db, Id attribute) {
    Statement& s =
        db.prepare("SELECT value FROM attribute_choices WHERE attribute_id = ?1 ORDER BY position");
    s.bind(1, attribute);
    std::vector<std::string> out;
    while (s.step()) {
        out.push_back(s.text(0));
    }
    return out;
}

// The stored form of `value`: canonical for the type, and one of the choices when there are.
std::string stored_value(sql::Connection& db, const Attribute& a, const std::string& value) {
    const std::string canonical = canonical_value(a.type, a.name, value);
    const std::vector<std::string> choices = choices_of(db, a.id);
    if (choices.empty()) {
        return canonical;
    }
    const std::string folded = text::fold_case(canonical);
    std::string listed;
    for (const std::string& choice : choices) {
        if (text::fold_case(choice) == folded) {
            return choice;
        }
        listed += (listed.empty() ? "" : ", ") + choice;
    }
    throw InvalidInputError("attribute \"" + a.name + "\" takes one of " + listed + ", got \"" +
                            value + "\"");
}

// Sets the attribute's value on a document or a case (`owner` is "document_id" or
// "case_id"), replacing the value it had.
void store_attribute_value(sql::Connection& db, const Attribute& a, const std::string& owner,
                           Id owner_id, const std::string& value) {
    const std::string stored = stored_value(db, a, value);
    db.prepare("INSERT INTO attribute_values (attribute_id, " + owner +
               ", value) VALUES (?1, ?2, ?3) ON CONFLICT (attribute_id, " + owner + ") WHERE " +
               owner + " IS NOT NULL DO UPDATE SET value = excluded.value")
        .bind(1, a.id)
        .bind(2, owner_id)
        .bind(3, stored)
        .run();
}

Attribute find_attribute(Project& p, const std::string& name) {
    const std::string wanted = text::to_nfc(trim(name));
    for (const Attribute& a : p.attributes()) {
        if (a.name == wanted) {
            return a;
        }
    }
    throw NotFoundError("no attribute named \"" + name + "\"");
}

}  // namespace

std::vector<std::string> Project::attribute_choices(const std::string& attribute) {
    return choices_of(*db_, find_attribute(*this, attribute).id);
}

void Project::set_attribute_choices(const std::string& attribute,
                                    const std::vector<std::string>& raw_choices) {
    Transaction tx(*db_);
    const Attribute a = find_attribute(*this, attribute);
    if (a.type != AttributeType::Text && !raw_choices.empty()) {
        throw InvalidInputError("attribute \"" + a.name + "\" is " + to_string(a.type) +
                                ": only a text attribute takes choices");
    }
    std::vector<std::string> choices;
    for (const std::string& raw : raw_choices) {
        const std::string choice = clean_name(raw, "choice");
        if (std::find(choices.begin(), choices.end(), choice) != choices.end()) {
            throw InvalidInputError("the choice \"" + choice + "\" is listed twice");
        }
        choices.push_back(choice);
    }
    db_->prepare("DELETE FROM attribute_choices WHERE attribute_id = ?1").bind(1, a.id).run();
    for (std::size_t i = 0; i < choices.size(); ++i) {
        db_->prepare(
               "INSERT INTO attribute_choices (attribute_id, value, position) VALUES (?1, ?2, ?3)")
            .bind(1, a.id)
            .bind(2, choices[i])
            .bind(3, static_cast<std::int64_t>(i))
            .run();
    }
    // The values already given must be among the choices, as the choices say them.
    std::string outside;
    Statement& values =
        db_->prepare("SELECT id, value FROM attribute_values WHERE attribute_id = ?1");
    values.bind(1, a.id);
    std::vector<std::pair<Id, std::string>> rows;
    while (values.step()) {
        rows.emplace_back(values.int64(0), values.text(1));
    }
    for (const auto& [id, value] : rows) {
        try {
            db_->prepare("UPDATE attribute_values SET value = ?1 WHERE id = ?2")
                .bind(1, stored_value(*db_, a, value))
                .bind(2, id)
                .run();
        } catch (const InvalidInputError&) {
            if (outside.find("\"" + value + "\"") == std::string::npos) {
                outside += (outside.empty() ? "\"" : ", \"") + value + "\"";
            }
        }
    }
    if (!outside.empty()) {
        throw ConflictError("attribute \"" + a.name +
                            "\" has values that are not among the choices: " + outside +
                            "; change or remove them first");
    }
    tx.commit();
}

std::string Project::attribute_value(const std::string& attribute, const std::string& value) {
    for (const Attribute& a : attributes()) {
        if (a.name == text::to_nfc(trim(attribute))) {
            return stored_value(*db_, a, value);
        }
    }
    return canonical_value(AttributeType::Text, attribute, value);
}

void Project::set_document_attribute(Id document_id, const std::string& attribute,
                                     const std::string& value) {
    Transaction tx(*db_);
    document(document_id);
    store_attribute_value(*db_, ensure_attribute(attribute), "document_id", document_id, value);
    tx.commit();
}

void Project::set_case_attribute(Id case_id, const std::string& attribute,
                                 const std::string& value) {
    Transaction tx(*db_);
    require_case(*db_, case_id);
    store_attribute_value(*db_, ensure_attribute(attribute), "case_id", case_id, value);
    tx.commit();
}

namespace {

// Removes the attribute's value from a document or a case (`owner` is "document_id" or
// "case_id").
void remove_attribute_value(sql::Connection& db, const std::string& raw_name,
                            const std::string& owner, Id owner_id, const std::string& owner_name) {
    const std::string name = text::to_nfc(trim(raw_name));
    Statement& known = db.prepare("SELECT id FROM attributes WHERE name = ?1");
    known.bind(1, name);
    if (!known.step()) {
        throw NotFoundError("no attribute named \"" + raw_name + "\"");
    }
    const Id attribute_id = known.int64(0);
    known.reset();
    db.prepare("DELETE FROM attribute_values WHERE attribute_id = ?1 AND " + owner + " = ?2")
        .bind(1, attribute_id)
        .bind(2, owner_id)
        .run();
    if (db.changes() == 0) {
        throw NotFoundError(owner_name + " has no value for \"" + name + "\"");
    }
}

}  // namespace

void Project::unset_document_attribute(Id document_id, const std::string& attribute) {
    Transaction tx(*db_);
    const Document d = document(document_id);
    remove_attribute_value(*db_, attribute, "document_id", document_id, "\"" + d.name + "\"");
    tx.commit();
}

void Project::unset_case_attribute(Id case_id, const std::string& attribute) {
    Transaction tx(*db_);
    require_case(*db_, case_id);
    remove_attribute_value(*db_, attribute, "case_id", case_id, "the case");
    tx.commit();
}

namespace {

std::vector<AttributeValue> read_values(Statement& s) {
    std::vector<AttributeValue> out;
    while (s.step()) {
        out.push_back({s.text(0), attribute_type_from_string(s.text(1)), s.text(2)});
    }
    return out;
}

}  // namespace

std::vector<AttributeValue> Project::document_attributes(Id document_id) {
    Statement& s = db_->prepare(
        "SELECT a.name, a.type, v.value FROM attribute_values v JOIN attributes a ON a.id = "
        "v.attribute_id WHERE v.document_id = ?1 ORDER BY a.position, a.id");
    s.bind(1, document_id);
    return read_values(s);
}

std::vector<AttributeValue> Project::case_attributes(Id case_id) {
    Statement& s = db_->prepare(
        "SELECT a.name, a.type, v.value FROM attribute_values v JOIN attributes a ON a.id = "
        "v.attribute_id WHERE v.case_id = ?1 ORDER BY a.position, a.id");
    s.bind(1, case_id);
    return read_values(s);
}

std::vector<AttributeAssignment> Project::attribute_assignments(const std::string& attribute) {
    Statement& known = db_->prepare("SELECT 1 FROM attributes WHERE name = ?1");
    known.bind(1, attribute);
    const bool exists = known.step();
    known.reset();
    if (!exists) {
        throw NotFoundError("no attribute named \"" + attribute + "\"");
    }
    Statement& s = db_->prepare(
        "SELECT v.document_id, v.case_id, v.value FROM attribute_values v "
        "JOIN attributes a ON a.id = v.attribute_id WHERE a.name = ?1");
    s.bind(1, attribute);
    std::vector<AttributeAssignment> out;
    while (s.step()) {
        out.push_back({s.optional_int64(0), s.optional_int64(1), s.text(2)});
    }
    return out;
}

}  // namespace quire
