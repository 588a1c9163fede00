// SPDX-License-Identifier: GPL-3.0-or-later
// The Project's coders and codebook: codes in a tree, merging, deleting.
#include "core/project/project.h"

#include <algorithm>
#include <map>
#include <set>

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
// Coders

std::vector<Coder> Project::coders() {
    Statement& s = db_->prepare("SELECT id, guid, name FROM coders ORDER BY name");
    std::vector<Coder> out;
    while (s.step()) {
        out.push_back({s.int64(0), s.text(1), s.text(2)});
    }
    return out;
}

Coder Project::find_coder(const std::string& raw_name) {
    const std::string name = text::to_nfc(trim(raw_name));
    Statement& s = db_->prepare("SELECT id, guid, name FROM coders WHERE name = ?1");
    s.bind(1, name);
    if (!s.step()) {
        throw NotFoundError("no coder named \"" + raw_name + "\"");
    }
    Coder c{s.int64(0), s.text(1), s.text(2)};
    s.reset();
    return c;
}

Coder Project::ensure_coder(const std::string& raw_name) {
    const std::string name = clean_name(raw_name, "coder");
    Statement& s = db_->prepare("SELECT id, guid, name FROM coders WHERE name = ?1");
    s.bind(1, name);
    if (s.step()) {
        Coder c{s.int64(0), s.text(1), s.text(2)};
        s.reset();
        return c;
    }
    s.reset();
    Transaction tx(*db_);
    const std::string guid = util::new_guid();
    db_->prepare("INSERT INTO coders (guid, name, created_at) VALUES (?1, ?2, ?3)")
        .bind(1, guid)
        .bind(2, name)
        .bind(3, util::now_utc())
        .run();
    Coder c{db_->last_insert_rowid(), guid, name};
    tx.commit();
    return c;
}

// ---------------------------------------------------------------------------------------
// Codebook

namespace {

// The level of a code in the tree, 1 at the top. Throws ProjectFileError when its parents
// lead back to a code already passed (only a damaged file has such a cycle).
int code_level(sql::Connection& db, Id id) {
    Statement& parent_of = db.prepare("SELECT parent_id FROM codes WHERE id = ?1");
    std::set<Id> passed;
    std::optional<Id> at = id;
    int level = 0;
    while (at) {
        if (!passed.insert(*at).second) {
            throw ProjectFileError("the code hierarchy contains a cycle (through code " +
                                   std::to_string(*at) + ")");
        }
        parent_of.reset();
        parent_of.bind(1, *at);
        if (!parent_of.step()) {
            throw NotFoundError("no code with id " + std::to_string(*at));
        }
        at = parent_of.optional_int64(0);
        ++level;
    }
    parent_of.reset();
    return level;
}

// How many levels a code and its descendants span (1 for a code without children).
int subtree_levels(sql::Connection& db, Id id) {
    // Bounded by the number of codes, so that a cycle in a damaged file cannot run forever.
    Statement& s = db.prepare(
        "WITH RECURSIVE tree(id, depth) AS (SELECT ?1, 1 UNION ALL "
        "SELECT c.id, tree.depth + 1 FROM codes c JOIN tree ON c.parent_id = tree.id "
        "WHERE tree.depth <= (SELECT count(*) FROM codes)) SELECT max(depth) FROM tree");
    s.bind(1, id);
    s.step();
    const auto levels = static_cast<int>(s.int64(0));
    s.reset();
    return levels;
}

}  // namespace

std::vector<Code> Project::codes() {
    Statement& s =
        db_->prepare(std::string("SELECT ") + kCodeColumns + " FROM codes ORDER BY position, id");
    std::map<std::optional<Id>, std::vector<Code>> by_parent;
    while (s.step()) {
        Code c = read_code(s);
        by_parent[c.parent_id].push_back(std::move(c));
    }
    std::vector<Code> out;
    // Depth-first so that every parent precedes its children.
    std::vector<Code> stack;
    auto push_children = [&](std::optional<Id> parent) {
        auto it = by_parent.find(parent);
        if (it != by_parent.end()) {
            stack.insert(stack.end(), it->second.rbegin(), it->second.rend());
        }
    };
    push_children(std::nullopt);
    while (!stack.empty()) {
        Code c = std::move(stack.back());
        stack.pop_back();
        const Id id = c.id;
        out.push_back(std::move(c));
        push_children(id);
    }
    return out;
}

Code Project::code(Id id) {
    Statement& s =
        db_->prepare(std::string("SELECT ") + kCodeColumns + " FROM codes WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) {
        throw NotFoundError("no code with id " + std::to_string(id));
    }
    Code c = read_code(s);
    s.reset();
    return c;
}

std::string Project::code_path(Id id) {
    std::string path;
    std::optional<Id> at = id;
    int level = 0;
    while (at) {
        if (++level > kMaxCodeDepth) {
            // Past the limit: a cycle in a damaged file, or a tree built before the limit.
            throw ProjectFileError("code " + std::to_string(id) + " is nested " +
                                   std::to_string(code_level(*db_, id)) +
                                   " levels deep, more than the limit of " +
                                   std::to_string(kMaxCodeDepth) +
                                   " levels: move it or a code above it nearer the top");
        }
        const Code c = code(*at);
        path = path.empty() ? c.name : c.name + "/" + path;
        at = c.parent_id;
    }
    return path;
}

Code Project::find_code(const std::string& raw) {
    const std::string wanted = text::to_nfc(trim(raw));
    // 1. A path from the top ("Parent/Child", or a top-level name): exact and unambiguous,
    //    since code names cannot contain "/" and siblings have distinct names.
    {
        std::optional<Id> at;
        std::size_t from = 0;
        bool found = true;
        while (found) {
            const std::size_t slash = wanted.find('/', from);
            const std::string part = trim(
                wanted.substr(from, slash == std::string::npos ? std::string::npos : slash - from));
            Statement& child =
                db_->prepare("SELECT id FROM codes WHERE name = ?1 AND ifnull(parent_id, 0) = ?2");
            child.bind(1, part).bind(2, at.value_or(0));
            found = child.step();
            if (found) {
                at = child.int64(0);
            }
            child.reset();
            if (slash == std::string::npos) {
                break;
            }
            from = slash + 1;
        }
        if (found && at) {
            return code(*at);
        }
    }
    // 2. A name used by exactly one code anywhere in the tree.
    Statement& by_name =
        db_->prepare(std::string("SELECT ") + kCodeColumns + " FROM codes WHERE name = ?1");
    by_name.bind(1, wanted);
    std::vector<Code> named;
    while (by_name.step()) {
        named.push_back(read_code(by_name));
    }
    if (named.size() == 1) {
        return named.front();
    }
    if (named.size() > 1) {
        throw ConflictError(std::to_string(named.size()) + " codes are named \"" + wanted +
                            "\": give the path (e.g. \"" + code_path(named[0].id) + "\" or \"" +
                            code_path(named[1].id) + "\") or the id");
    }
    // 3. A numeric id.
    if (const auto id = parse_id(wanted)) {
        Statement& exists = db_->prepare("SELECT 1 FROM codes WHERE id = ?1");
        exists.bind(1, *id);
        const bool found = exists.step();
        exists.reset();
        if (found) {
            return code(*id);
        }
    }
    throw NotFoundError("no code named \"" + raw + "\"");
}

namespace {

void require_unique_sibling_name(sql::Connection& db, const std::string& name,
                                 std::optional<Id> parent, std::optional<Id> except) {
    Statement& s = db.prepare(
        "SELECT 1 FROM codes WHERE name = ?1 AND ifnull(parent_id, 0) = ?2 AND id <> ?3");
    s.bind(1, name).bind(2, parent.value_or(0)).bind(3, except.value_or(0));
    const bool taken = s.step();
    s.reset();
    if (taken) {
        throw ConflictError(std::string("a code named \"") + name + "\" already exists " +
                            (parent ? "under that parent" : "at the top level"));
    }
}

std::vector<Id> descendants_and_self(sql::Connection& db, Id id) {
    Statement& s = db.prepare(
        "WITH RECURSIVE tree(id, depth) AS (SELECT ?1, 0 UNION ALL "
        "SELECT c.id, tree.depth + 1 FROM codes c JOIN tree ON c.parent_id = tree.id) "
        "SELECT id FROM tree ORDER BY depth");
    s.bind(1, id);
    std::vector<Id> out;
    while (s.step()) {
        out.push_back(s.int64(0));
    }
    return out;
}

}  // namespace

Code Project::add_code(const std::string& raw_name, std::optional<Id> parent,
                       const CodeFields& fields) {
    const std::string name = clean_code_name(raw_name);
    Transaction tx(*db_);
    if (parent) {
        const Code above = code(*parent);
        if (code_level(*db_, *parent) >= kMaxCodeDepth) {
            throw ConflictError("cannot add \"" + name + "\" under \"" + above.name +
                                "\": codes nest at most " + std::to_string(kMaxCodeDepth) +
                                " levels deep");
        }
    }
    require_unique_sibling_name(*db_, name, parent, std::nullopt);
    std::string color;
    if (fields.color) {
        color = normalize_color(*fields.color);
    } else {
        Statement& n = db_->prepare("SELECT count(*) FROM codes");
        n.step();
        const std::int64_t count = n.int64(0);
        n.reset();
        color = kPalette[count % std::size(kPalette)];
    }
    Statement& next = db_->prepare(
        "SELECT ifnull(max(position), -1) + 1 FROM codes WHERE ifnull(parent_id, 0) = ?1");
    next.bind(1, parent.value_or(0));
    next.step();
    const std::int64_t position = next.int64(0);
    next.reset();
    db_->prepare(
           "INSERT INTO codes (guid, name, parent_id, color, definition, inclusion, exclusion, "
           "example, codable, position, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
           "?10, ?11)")
        .bind(1, util::new_guid())
        .bind(2, name)
        .bind(3, parent)
        .bind(4, color)
        .bind(5, text::to_nfc(fields.definition.value_or("")))
        .bind(6, text::to_nfc(fields.inclusion.value_or("")))
        .bind(7, text::to_nfc(fields.exclusion.value_or("")))
        .bind(8, text::to_nfc(fields.example.value_or("")))
        .bind(9, fields.codable.value_or(true) ? 1 : 0)
        .bind(10, position)
        .bind(11, util::now_utc())
        .run();
    const Id id = db_->last_insert_rowid();
    tx.commit();
    return code(id);
}

void Project::rename_code(Id id, const std::string& raw_name) {
    const std::string name = clean_code_name(raw_name);
    Transaction tx(*db_);
    const Code c = code(id);
    require_unique_sibling_name(*db_, name, c.parent_id, id);
    db_->prepare("UPDATE codes SET name = ?1 WHERE id = ?2").bind(1, name).bind(2, id).run();
    tx.commit();
}

void Project::update_code(Id id, const CodeFields& fields) {
    Transaction tx(*db_);
    Code c = code(id);
    if (fields.color) {
        c.color = normalize_color(*fields.color);
    }
    auto set = [](std::string& field, const std::optional<std::string>& value) {
        if (value) {
            field = text::to_nfc(*value);
        }
    };
    set(c.definition, fields.definition);
    set(c.inclusion, fields.inclusion);
    set(c.exclusion, fields.exclusion);
    set(c.example, fields.example);
    if (fields.codable) {
        c.codable = *fields.codable;
    }
    db_->prepare(
           "UPDATE codes SET color = ?1, definition = ?2, inclusion = ?3, exclusion = ?4, "
           "example = ?5, codable = ?6 WHERE id = ?7")
        .bind(1, c.color)
        .bind(2, c.definition)
        .bind(3, c.inclusion)
        .bind(4, c.exclusion)
        .bind(5, c.example)
        .bind(6, c.codable ? 1 : 0)
        .bind(7, id)
        .run();
    tx.commit();
}

void Project::move_code(Id id, std::optional<Id> new_parent, std::optional<int> position) {
    Transaction tx(*db_);
    const Code moving = code(id);
    if (new_parent) {
        code(*new_parent);
        const std::vector<Id> subtree = descendants_and_self(*db_, id);
        if (std::find(subtree.begin(), subtree.end(), *new_parent) != subtree.end()) {
            throw ConflictError("cannot move \"" + moving.name +
                                "\" under itself or one of its children");
        }
        // A move that takes a code no deeper is allowed even past the limit, so that a tree
        // built before there was one can be brought within it.
        const int level = code_level(*db_, *new_parent) + 1;
        const int deepest = level + subtree_levels(*db_, id) - 1;
        if (deepest > kMaxCodeDepth && level > code_level(*db_, id)) {
            throw ConflictError("cannot move \"" + moving.name +
                                "\" there: its deepest code would be " + std::to_string(deepest) +
                                " levels deep, more than the limit of " +
                                std::to_string(kMaxCodeDepth) + " levels");
        }
    }
    require_unique_sibling_name(*db_, moving.name, new_parent, id);
    Statement& siblings = db_->prepare(
        "SELECT id FROM codes WHERE ifnull(parent_id, 0) = ?1 AND id <> ?2 ORDER BY position, id");
    siblings.bind(1, new_parent.value_or(0)).bind(2, id);
    std::vector<Id> order;
    while (siblings.step()) {
        order.push_back(siblings.int64(0));
    }
    const auto at = std::clamp<std::size_t>(
        position && *position >= 0 ? static_cast<std::size_t>(*position) : order.size(), 0,
        order.size());
    order.insert(order.begin() + static_cast<std::ptrdiff_t>(at), id);
    db_->prepare("UPDATE codes SET parent_id = ?1 WHERE id = ?2")
        .bind(1, new_parent)
        .bind(2, id)
        .run();
    Statement& renumber = db_->prepare("UPDATE codes SET position = ?1 WHERE id = ?2");
    for (std::size_t i = 0; i < order.size(); ++i) {
        renumber.reset();
        renumber.bind(1, static_cast<std::int64_t>(i)).bind(2, order[i]).run();
    }
    tx.commit();
}

int Project::merge_codes(Id source, Id target) {
    Transaction tx(*db_);
    const Code from = code(source);
    const Code into = code(target);
    if (source == target) {
        throw ConflictError("cannot merge \"" + from.name + "\" into itself");
    }
    const std::vector<Id> subtree = descendants_and_self(*db_, source);
    if (std::find(subtree.begin(), subtree.end(), target) != subtree.end()) {
        throw ConflictError("cannot merge \"" + from.name + "\" into its own child \"" + into.name +
                            "\"");
    }
    // Codings identical to one the target already has would be duplicates: drop them, but
    // first give their memos to the coding that stays.
    const char* const same_coding =
        "SELECT t.id FROM codings t WHERE t.code_id = ?2 AND t.document_id = s.document_id AND "
        "t.coder_id = s.coder_id AND t.start_cp = s.start_cp AND t.end_cp = s.end_cp";
    db_->prepare(std::string("UPDATE memos SET coding_id = (") + same_coding +
                 ") FROM codings s WHERE memos.coding_id = s.id AND s.code_id = ?1 AND EXISTS (" +
                 same_coding + ")")
        .bind(1, source)
        .bind(2, target)
        .run();
    db_->prepare(
           "UPDATE codings AS t SET memo = CASE WHEN t.memo = '' THEN s.memo ELSE t.memo || "
           "char(10) || s.memo END FROM codings s WHERE s.code_id = ?1 AND t.code_id = ?2 AND "
           "t.document_id = s.document_id AND t.coder_id = s.coder_id AND t.start_cp = "
           "s.start_cp AND t.end_cp = s.end_cp AND s.memo <> ''")
        .bind(1, source)
        .bind(2, target)
        .run();
    db_->prepare(
           "DELETE FROM codings WHERE code_id = ?1 AND EXISTS (SELECT 1 FROM codings t WHERE "
           "t.code_id = ?2 AND t.document_id = codings.document_id AND t.coder_id = "
           "codings.coder_id AND t.start_cp = codings.start_cp AND t.end_cp = codings.end_cp)")
        .bind(1, source)
        .bind(2, target)
        .run();
    db_->prepare("UPDATE codings SET code_id = ?2 WHERE code_id = ?1")
        .bind(1, source)
        .bind(2, target)
        .run();
    const int moved = db_->changes();
    // The source goes away at the end; renaming it now keeps it from being taken for the
    // namesake of one of its own children below (A/B/B merged into A).
    db_->prepare("UPDATE codes SET name = guid WHERE id = ?1").bind(1, source).run();
    // Children move under the target; a child whose name the target already uses is merged
    // into that namesake, recursively.
    Statement& children = db_->prepare("SELECT id, name FROM codes WHERE parent_id = ?1");
    children.bind(1, source);
    std::vector<std::pair<Id, std::string>> kids;
    while (children.step()) {
        kids.emplace_back(children.int64(0), children.text(1));
    }
    int nested_moved = 0;
    for (const auto& [child, name] : kids) {
        Statement& namesake =
            db_->prepare("SELECT id FROM codes WHERE parent_id = ?1 AND name = ?2");
        namesake.bind(1, target).bind(2, name);
        const std::optional<Id> twin =
            namesake.step() ? std::optional<Id>(namesake.int64(0)) : std::nullopt;
        namesake.reset();
        if (twin) {
            nested_moved += merge_codes(child, *twin);
        } else {
            move_code(child, target);
        }
    }
    db_->prepare("UPDATE memos SET code_id = ?2 WHERE code_id = ?1")
        .bind(1, source)
        .bind(2, target)
        .run();
    db_->prepare(
           "INSERT OR IGNORE INTO code_set_members (set_id, code_id) SELECT set_id, ?2 FROM "
           "code_set_members WHERE code_id = ?1")
        .bind(1, source)
        .bind(2, target)
        .run();
    db_->prepare("DELETE FROM codes WHERE id = ?1").bind(1, source).run();
    tx.commit();
    return moved + nested_moved;
}

std::int64_t Project::coding_count(Id code_id, bool include_children) {
    std::vector<Id> ids =
        include_children ? descendants_and_self(*db_, code_id) : std::vector<Id>{code_id};
    Statement& s = db_->prepare("SELECT count(*) FROM codings WHERE code_id = ?1");
    std::int64_t total = 0;
    for (const Id id : ids) {
        s.reset();
        s.bind(1, id);
        s.step();
        total += s.int64(0);
    }
    s.reset();
    return total;
}

void Project::delete_code(Id id, bool force) {
    Transaction tx(*db_);
    const Code c = code(id);
    const std::int64_t used = coding_count(id, true);
    if (used > 0 && !force) {
        throw ConflictError("code \"" + c.name + "\" (with its children) has " +
                            std::to_string(used) +
                            " codings: delete them first or force the deletion");
    }
    std::vector<Id> subtree = descendants_and_self(*db_, id);
    std::reverse(subtree.begin(), subtree.end());  // children before parents
    for (const Id each : subtree) {
        db_->prepare("DELETE FROM codings WHERE code_id = ?1").bind(1, each).run();
        db_->prepare("DELETE FROM codes WHERE id = ?1").bind(1, each).run();
    }
    tx.commit();
}

}  // namespace quire
