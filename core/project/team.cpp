// SPDX-License-Identifier: GPL-3.0-or-later
// Handing out copies and merging them back: opening the other file safely, the merge's
// transaction and log, and the handout's fresh file.
#include "core/project/team.h"

#include <sys/stat.h>

#include <filesystem>

#include "core/base/errors.h"
#include "core/project/journal.h"
#include "core/project/project.h"
#include "core/project/project_internal.h"
#include "core/project/team_internal.h"
#include "core/storage/sqlite.h"
#include "core/util/files.h"
#include "core/util/ids.h"

namespace quire::team {

using project_detail::Access;
using sql::Statement;
using namespace team_detail;

namespace {

namespace fs = std::filesystem;

std::string sql_quoted(const std::string& s) {
    std::string out = "'";
    for (const char c : s) {
        out += c == '\'' ? std::string("''") : std::string(1, c);
    }
    return out + "'";
}

// The other project, copied first: opening it may upgrade its schema, and a merge never
// writes to the file it reads from.
Project open_theirs(const std::string& path, Project& ours, const util::ScratchFolder& scratch) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        throw ProjectFileError(path + " does not exist");
    }
    if (fs::equivalent(path, ours.path(), ec)) {
        throw ProjectFileError(path + " is the project itself");
    }
    const std::string copy = scratch.path("theirs.quire");
    {
        sql::Connection source(path, sql::Connection::Mode::ReadOnly);
        source.exec("VACUUM INTO " + sql_quoted(copy));
    }
    return Project::open(copy);
}

// Journal entries of theirs (and those it merged from others) that we do not have yet.
std::int64_t merge_log(sql::Connection& db, sql::Connection& theirs, const std::string& origin,
                       bool write) {
    std::int64_t n = 0;
    Statement& s = theirs.prepare(
        "SELECT guid, at, who, what, changes, ?1 FROM journal WHERE state = 'done' "
        "UNION ALL SELECT guid, at, who, what, changes, origin FROM merged_log");
    s.bind(1, origin);
    while (s.step()) {
        Statement& known = db.prepare(
            "SELECT 1 FROM journal WHERE guid = ?1 UNION ALL SELECT 1 FROM merged_log WHERE guid = "
            "?1");
        known.bind(1, s.text(0));
        const bool have = known.step();
        known.reset();
        if (have) {
            continue;
        }
        ++n;
        if (write) {
            db.prepare(
                  "INSERT INTO merged_log (guid, at, who, what, changes, origin) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .bind(1, s.text(0))
                .bind(2, s.text(1))
                .bind(3, s.text(2))
                .bind(4, s.text(3))
                .bind(5, s.text(4))
                .bind(6, s.text(5))
                .run();
        }
    }
    s.reset();
    return n;
}

MergePlan run_merge(Project& ours, const std::string& theirs_path, const MergeOptions& options,
                    bool write, const Progress& progress) {
    util::ScratchFolder scratch("merge");
    Project theirs = open_theirs(theirs_path, ours, scratch);
    sql::Connection& db = Access::db(ours);
    sql::Connection& their_db = Access::db(theirs);
    Project::Action action(ours,
                           write ? Project::Action::Access::Write : Project::Action::Access::Read);
    Work w;
    w.ours = read_snapshot(db);
    w.theirs = read_snapshot(their_db);
    w.origin = options.origin.empty() ? w.theirs.project_name : options.origin;
    w.peer_guid = w.theirs.project_guid;
    w.base = read_base(db, w.peer_guid, options.peer_coder_guid);
    w.plan.peer_guid = w.peer_guid;
    w.plan.peer_name = w.origin;
    w.plan.has_base = w.base.has_value();
    plan(w, options);
    w.plan.log_entries = merge_log(db, their_db, w.origin, false);
    if (!write) {
        return w.plan;
    }
    if (w.plan.blocked()) {
        throw ConflictError(
            "the merge has " + std::to_string(w.plan.conflicts.size()) +
            " conflict(s) and changes nothing: see them with --dry-run, then choose --prefer "
            "ours or --prefer theirs" +
            (std::any_of(w.plan.conflicts.begin(), w.plan.conflicts.end(),
                         [](const MergeConflict& c) { return c.kind == "code path taken"; })
                 ? " (codes of the same path under other GUIDs need --match-codes-by-path)"
                 : ""));
    }
    apply(w, db, their_db, progress);
    merge_log(db, their_db, w.origin, true);
    write_base(db, w.peer_guid, w.origin, w.translated, false, "");
    action.commit();
    return w.plan;
}

}  // namespace

bool MergePlan::blocked() const {
    return std::any_of(conflicts.begin(), conflicts.end(),
                       [](const MergeConflict& c) { return c.resolution.empty(); });
}

MergePlan plan_merge(Project& ours, const std::string& theirs_path, const MergeOptions& options) {
    return run_merge(ours, theirs_path, options, false, {});
}

MergePlan merge(Project& ours, const std::string& theirs_path, const MergeOptions& options,
                const Progress& progress) {
    return run_merge(ours, theirs_path, options, true, progress);
}

std::optional<HandoutInfo> handout_info(Project& project) {
    Statement& s = Access::db(project).prepare(
        "SELECT coder_guid, source_guid, source_name, handed_out_at FROM handout");
    std::optional<HandoutInfo> info;
    if (s.step()) {
        info = HandoutInfo{s.text(0), s.text(1), s.text(2), s.text(3)};
    }
    s.reset();
    return info;
}

HandoutOutcome hand_out(Project& project, const std::string& out_path,
                        const HandoutOptions& options) {
    util::refuse_project_file(out_path, project.path());
    if (!options.replace) {
        util::refuse_existing_file(out_path);
    }
    for (const Id d : options.documents) {
        project.document(d);  // NotFoundError for a document that is not there
    }
    const ProjectInfo info = project.info();
    util::ScratchFolder scratch("merge");
    const std::string pruned = scratch.path("copy.quire");
    HandoutOutcome out;
    out.path = out_path;
    out.copy_guid = util::new_guid();
    bool coder_is_new = true;
    for (const Coder& c : project.coders()) {
        coder_is_new = coder_is_new && c.name != options.coder;
    }
    std::string coder_guid;
    // One consistent state of ours, copied whole (VACUUM INTO reads one snapshot), then cut
    // down to what the coder gets.
    Access::db(project).exec("VACUUM INTO " + sql_quoted(pruned));
    {
        Project copy = Project::open(pruned);
        const Coder coder = copy.ensure_coder(options.coder);
        coder_guid = coder.guid;
        CoderView view = copy.coder_view(coder.id);
        view.blind = true;
        copy.set_coder_view(coder.id, view);
    }
    std::map<std::string, Entities> base;
    {
        // The rest without the journal's triggers: the copy's history starts empty, and the
        // lead's stays in the lead's project.
        sql::Connection db(pruned, sql::Connection::Mode::ReadWrite);
        db.exec("PRAGMA foreign_keys = ON");
        sql::Transaction tx(db);
        if (!options.documents.empty()) {
            std::string keep;
            for (const Id d : options.documents) {
                keep += (keep.empty() ? "" : ",") + std::to_string(d);
            }
            db.exec("DELETE FROM documents WHERE id NOT IN (" + keep + ")");
        }
        db.exec(
            "DELETE FROM journal_steps; DELETE FROM journal; DELETE FROM merged_log; "
            "DELETE FROM merge_base; DELETE FROM merge_peers; DELETE FROM agreement_runs; "
            "DELETE FROM handout");
        // Its name says whose copy it is: the log of the lead's project names merged entries by it.
        db.prepare("UPDATE project SET guid = ?1, name = ?2")
            .bind(1, out.copy_guid)
            .bind(2, info.name + " \u2013 " + options.coder + "\u2019s copy")
            .run();
        db.prepare(
              "INSERT INTO handout (id, coder_guid, source_guid, source_name, handed_out_at) "
              "VALUES (1, ?1, ?2, ?3, ?4)")
            .bind(1, coder_guid)
            .bind(2, info.guid)
            .bind(3, info.name)
            .bind(4, util::now_utc())
            .run();
        const Snapshot snap = read_snapshot(db);
        base = snap.kinds;
        // The copy's base for merging the lead's project into it later.
        write_base(db, info.guid, info.name, base, true, "");
        tx.commit();
        out.documents = static_cast<std::int64_t>(snap.of("document").size());
        out.codings = static_cast<std::int64_t>(snap.of("coding").size());
    }
    // Written fresh: no page of the copy holds what was cut from it.
    {
        sql::Connection source(pruned, sql::Connection::Mode::ReadOnly);
        const std::string partial = out_path + ".partial-" + util::new_guid();
        source.exec("VACUUM INTO " + sql_quoted(partial));
        std::error_code ec;
        fs::rename(partial, out_path, ec);
        if (ec) {
            fs::remove(partial, ec);
            throw ProjectFileError("cannot write " + out_path + ": " + ec.message());
        }
    }
    // Ours remembers the copy, with the same base, in one action.
    {
        Project::Action action(project);
        if (coder_is_new) {
            // The same coder on both sides, made here in the handout's one action.
            project.keep_guid("coder", project.ensure_coder(options.coder).id, coder_guid);
        }
        write_base(Access::db(project), out.copy_guid,
                   info.name + " \u2013 " + options.coder + "\u2019s copy", base, true, coder_guid);
        action.commit();
    }
    return out;
}

}  // namespace quire::team
