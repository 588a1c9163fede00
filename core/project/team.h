// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/model.h"
#include "core/base/progress.h"

// Teams: copies of a project handed out to coders, and their work merged back by the
// stable identity (GUID) of every entity, any number of times.
//
// Both sides keep a base for each copy they exchange work with: what the copy held when
// they last agreed (at the handout, then after each merge). A merge compares ours, theirs
// and the base entity by entity:
// - the same on both sides, or changed on one side only: the changed side wins, silently;
// - changed on both sides differently, deleted on one side and changed or used on the
//   other, a document whose text differs under one GUID: a conflict, reported and resolved
//   only by the policy the caller chose (ours or theirs);
// - without a base (a project never handed out from this one), nothing is deleted and
//   every difference of a shared entity is a conflict.
// Entities match by GUID; documents also by the SHA-256 of their text; coders, cases,
// attributes, groups and saved queries also by name (said in the plan); codes also by path,
// only when asked (match_codes_by_path), otherwise a code of the same path under another
// GUID stops the merge. A coding is one coding per coder, code and range.
//
// Contract: every function may throw quire::Error subclasses: ProjectFileError (the other
// file cannot be read, or is the project itself), NotFoundError (an unknown coder or
// document), ConflictError (merge: conflicts left without a policy; handout: the output
// exists), Cancelled (progress said stop). merge() is one transaction, one journal entry:
// when it throws, the project is exactly as before.
namespace quire {
class Project;
}

namespace quire::team {

struct HandoutOptions {
    std::string coder;          // the coder the copy is for (made when new)
    std::vector<Id> documents;  // empty: every document
    bool replace = false;       // write over an existing output file
};

struct HandoutOutcome {
    std::string path;
    std::string copy_guid;
    std::int64_t documents = 0;
    std::int64_t codings = 0;
};

// Writes a new project file holding the chosen documents with their codings, cases,
// attributes and memos, and the whole codebook, every GUID kept, with its own project GUID
// and blind mode on for the coder. Records the copy as a peer of the project, with the
// base both will merge from.
HandoutOutcome hand_out(Project& project, const std::string& out_path,
                        const HandoutOptions& options);

enum class Prefer { None, Ours, Theirs };

struct MergeOptions {
    Prefer prefer = Prefer::None;
    bool match_codes_by_path = false;
    // Which copy a .qdpx export came from, when its project identity is lost: the coder the
    // copy was handed out to (REFI-QDA's creatingUserGUID).
    std::string peer_coder_guid;
    std::string origin;  // how the log names the copy; default: its project's name
};

struct MergeChange {
    std::string kind;    // "code", "document", "coding", "memo", "case", "attribute value", ...
    std::string action;  // "add", "update", "delete", "match"
    std::string name;    // what it is, as a person reads it
    std::string detail;  // what changes, or how it matched
};

struct MergeConflict {
    std::string kind;  // "code renamed on both sides", "code deleted and used", "document
                       // text differs", "memo edited on both sides", "code path", ...
    std::string name;
    std::string ours;
    std::string theirs;
    std::string resolution;  // what the policy does; empty when none applies
};

struct MergePlan {
    std::string peer_guid;
    std::string peer_name;
    bool has_base = false;
    std::vector<MergeChange> changes;
    std::vector<MergeConflict> conflicts;
    std::int64_t log_entries = 0;  // journal entries of the copy that come with it
    // True when a conflict has no resolution: merge() refuses.
    bool blocked() const;
};

// What merging would do, changing nothing.
MergePlan plan_merge(Project& ours, const std::string& theirs_path, const MergeOptions& options);
// Merges in one transaction, one undoable journal entry; returns the plan it carried out.
MergePlan merge(Project& ours, const std::string& theirs_path, const MergeOptions& options,
                const Progress& progress = {});

// The copy a project is, when it was handed out: for whom and from where.
struct HandoutInfo {
    std::string coder_guid;
    std::string source_guid;
    std::string source_name;
    std::string handed_out_at;
};
std::optional<HandoutInfo> handout_info(Project& project);

}  // namespace quire::team
