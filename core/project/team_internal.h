// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/project/team.h"
#include "core/project/team_snapshot.h"

namespace quire::sql {
class Connection;
}

// What the merge's files share: the plan as operations on ours, and the bases.
namespace quire::team_detail {

// One thing the merge does to our project. `theirs` is their entity translated into our
// GUIDs (references to documents, codes, coders, ... point at ours).
struct Op {
    enum class Action { Add, Update, Delete };
    std::string kind;
    Action action = Action::Add;
    std::string guid;        // ours (for Add: the GUID it will have)
    Entity theirs;           // Add, Update
    std::string their_guid;  // Add of a document: where to read its text
};

struct Work {
    team::MergePlan plan;
    std::vector<Op> ops;
    Snapshot ours;
    Snapshot theirs;
    // Their entities in our GUIDs, by our GUID: the base after the merge.
    std::map<std::string, Entities> translated;
    // Their GUID -> ours, per kind; a document left out maps to "".
    std::map<std::string, std::unordered_map<std::string, std::string>> to_ours;
    std::optional<std::map<std::string, Fingerprints>> base;  // kind -> guid -> fp
    std::string peer_guid;                                    // the key the base is kept under
    std::string origin;
};

// Reads the base kept for `peer` (by project GUID, else by the coder a copy was handed out
// to); nullopt when there is none.
std::optional<std::map<std::string, Fingerprints>> read_base(sql::Connection& db,
                                                             std::string& peer_guid,
                                                             const std::string& coder_guid);

// Replaces the base kept for `peer` with `entities` (kind -> guid -> entity).
void write_base(sql::Connection& db, const std::string& peer_guid, const std::string& name,
                const std::map<std::string, Entities>& entities, bool handout,
                const std::string& coder_guid);

// Builds the plan: matching, three-way comparison, conflicts and their resolution.
void plan(Work& w, const team::MergeOptions& options);
// Carries out the operations on `db` (inside the caller's transaction).
void apply(Work& w, sql::Connection& db, sql::Connection& theirs, const Progress& progress);

}  // namespace quire::team_detail
