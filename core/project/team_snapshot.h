// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/base/model.h"

namespace quire::sql {
class Connection;
}

// A project's content as a merge compares it: every entity by GUID, with the key it may
// also match by, a fingerprint of its fields and the fields themselves. Entities without a
// GUID of their own (attribute values, case links, group memberships) get one made of
// their owners' GUIDs.
namespace quire::team_detail {

struct Entity {
    Id id = 0;
    std::string guid;
    std::string key;          // what it may match by besides its GUID (see team.h)
    std::string fingerprint;  // digest of the fields a change is judged by
    std::vector<std::string> fields;
};

// By GUID. Hashed, not ordered: a merge of a million codings looks each up a few times,
// and a tree of that size costs a cache miss per level; the plan sorts what it lists.
using Entities = std::unordered_map<std::string, Entity>;
// GUID -> fingerprint, per kind: a base.
using Fingerprints = std::unordered_map<std::string, std::string>;

// The kinds, in the order a merge applies them (what others refer to first).
inline const char* const kKinds[] = {"coder", "attribute", "code",   "document", "case", "value",
                                     "link",  "group",     "member", "coding",   "memo", "query"};

struct Snapshot {
    std::string project_guid;
    std::string project_name;
    std::map<std::string, Entities> kinds;
    std::vector<std::string> code_order;  // code GUIDs, parents before children

    const Entities& of(const std::string& kind) const;
};

Snapshot read_snapshot(sql::Connection& db);

// Fields of each kind, by position in Entity::fields.
namespace field {
enum Code { kName = 0, kParent, kColor, kDefinition, kInclusion, kExclusion, kExample, kCodable };
enum Coding { kDocument = 0, kCode, kCoder, kStart, kEnd, kMemo, kCreated };
enum Memo { kTargetKind = 0, kTarget, kTitle, kText, kAuthor, kMemoCreated, kMemoUpdated };
enum Value { kOwnerKind = 0, kOwner, kAttribute, kValue };
}  // namespace field

std::string digest(const std::vector<std::string>& parts);

}  // namespace quire::team_detail
