// SPDX-License-Identifier: GPL-3.0-or-later
// Teams: copies handed out to two coders diverge (new codes and codings, memos, a rename,
// a deletion, an attribute change) and merge back by identity, in either order and either
// direction, any number of times; conflicts are reported and resolved only by a policy; a
// merge is one action undo takes back; a .qdpx export of a copy merges like the copy.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/base/errors.h"
#include "core/exchange/qdpx_export.h"
#include "core/exchange/qdpx_import.h"
#include "core/project/project.h"
#include "core/project/team.h"
#include "core/storage/sqlite.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Project;
using quire::team::MergeOptions;
using quire::team::Prefer;
using quire::test::ScratchDir;

namespace {

const std::string kFirst =
    "Interviewer: How did the first session go?\nAnn: We talked about school and trust.\n";
const std::string kSecond =
    "Interviewer: What changed?\nBob: The plan with the family made it safer at night.\n";
const std::string kThird = "Interviewer: Anything else?\nCara: A unique sentence about kites.\n";

// Three documents, a codebook, codings of the lead, a case with an attribute, a memo.
std::string lead_project(const ScratchDir& dir) {
    const std::string path = dir.path("lead.quire");
    Project p = Project::create(path, "Evaluation");
    const Id d1 = p.add_document("Interview 1", kFirst).document.id;
    const Id d2 = p.add_document("Interview 2", kSecond).document.id;
    p.add_document("Interview 3", kThird);
    const Id trust = p.add_code("Trust").id;
    p.add_code("Safety");
    p.add_code("Online", trust);
    const Id lead = p.ensure_coder("Lead").id;
    p.apply_code(d1, trust, lead, 44, 60);
    p.apply_code(d2, p.find_code("Safety").id, lead, 32, 52);
    const Id ann = p.ensure_case("Ann").id;
    p.link_case(ann, d1);
    p.set_case_attribute(ann, "role", "young person");
    p.add_memo(quire::Memo::Target::Code, trust, "Trust", "How trust is built.");
    return path;
}

using CodingKey = std::tuple<std::string, std::string, std::string, std::int64_t, std::int64_t>;

// Codings as (document, code path, coder, start, end): what two projects are compared by.
std::set<CodingKey> codings_of(const std::string& path) {
    Project p = Project::open(path);
    std::map<Id, std::string> coder_names;
    for (const quire::Coder& k : p.coders()) {
        coder_names[k.id] = k.name;
    }
    std::set<CodingKey> out;
    for (const quire::Coding& c : p.codings()) {
        out.insert({p.document_name(c.document_id), p.code_path(c.code_id), coder_names[c.coder_id],
                    c.start, c.end});
    }
    return out;
}

std::vector<std::string> code_paths(const std::string& path) {
    Project p = Project::open(path);
    std::vector<std::string> out;
    for (const quire::Code& c : p.codes()) {
        out.push_back(p.code_path(c.id));
    }
    std::sort(out.begin(), out.end());
    return out;
}

quire::team::MergePlan merge(const std::string& ours, const std::string& theirs,
                             MergeOptions options = {}) {
    Project p = Project::open(ours);
    return quire::team::merge(p, theirs, options);
}

quire::team::MergePlan plan(const std::string& ours, const std::string& theirs,
                            MergeOptions options = {}) {
    Project p = Project::open(ours);
    return quire::team::plan_merge(p, theirs, options);
}

// Sam and Kim each get a copy and work in it.
struct Team {
    ScratchDir dir;
    std::string lead = lead_project(dir);
    std::string sam = dir.path("sam.quire");
    std::string kim = dir.path("kim.quire");

    Team() {
        Project p = Project::open(lead);
        quire::team::hand_out(p, sam, {"Sam", {}, false});
        quire::team::hand_out(p, kim, {"Kim", {}, false});
    }

    void diverge() {
        {
            Project s = Project::open(sam);
            const Id d1 = s.find_document("Interview 1").id;
            const Id sam_id = s.find_coder("Sam").id;
            const Id hope = s.add_code("Hope").id;
            s.apply_code(d1, hope, sam_id, 18, 43);
            s.apply_code(d1, s.find_code("Trust").id, sam_id, 44, 60);
            s.rename_code(s.find_code("Safety").id, "Safety at night");
            s.add_memo(quire::Memo::Target::Project, std::nullopt, "Sam", "Sam's notes.");
            s.set_case_attribute(s.find_case("Ann").id, "role", "mentor");
        }
        {
            Project k = Project::open(kim);
            const Id d2 = k.find_document("Interview 2").id;
            const Id kim_id = k.find_coder("Kim").id;
            k.apply_code(d2, k.find_code("Trust/Online").id, kim_id, 0, 25);
            k.delete_code(k.find_code("Safety").id, true);  // the lead's coding of it goes too
            k.add_memo(quire::Memo::Target::Project, std::nullopt, "Kim", "Kim's notes.");
        }
    }
};

}  // namespace

TEST_CASE("a handout copy holds the chosen documents, the codebook and every GUID, blind",
          "[team]") {
    ScratchDir dir;
    const std::string lead = lead_project(dir);
    const std::string copy = dir.path("sam.quire");
    Project p = Project::open(lead);
    const quire::team::HandoutOutcome out = quire::team::hand_out(
        p, copy,
        {"Sam", {p.find_document("Interview 1").id, p.find_document("Interview 2").id}, false});
    CHECK(out.documents == 2);
    CHECK(out.codings == 2);
    CHECK_THROWS_AS(quire::team::hand_out(p, copy, {"Sam", {}, false}), quire::ConflictError);
    CHECK_THROWS_AS(quire::team::hand_out(p, lead, {"Sam", {}, true}), quire::Error);
    Project c = Project::open(copy);
    CHECK(c.info().guid != p.info().guid);
    CHECK(c.info().guid == out.copy_guid);
    CHECK(c.documents().size() == 2);
    CHECK(c.document(c.find_document("Interview 1").id).guid ==
          p.document(p.find_document("Interview 1").id).guid);
    CHECK(c.codes().size() == 3);
    CHECK(c.find_code("Trust").guid == p.find_code("Trust").guid);
    CHECK(c.coder_view(c.find_coder("Sam").id).blind);
    CHECK(c.journal().empty());
    const auto info = quire::team::handout_info(c);
    REQUIRE(info.has_value());
    CHECK(info->coder_guid == c.find_coder("Sam").guid);
    CHECK(info->source_guid == p.info().guid);
    // The left-out transcript is nowhere in the file, not even in a free page.
    std::ifstream in(copy, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(bytes.find("unique sentence about kites") == std::string::npos);
}

TEST_CASE("two copies merge back by identity in either order to the same codings", "[team]") {
    Team a;
    a.diverge();
    const std::string lead_b = a.dir.path("lead-b.quire");
    std::filesystem::copy_file(a.lead, lead_b);
    // Sam then Kim, and Kim then Sam.
    merge(a.lead, a.sam);
    CHECK_THROWS_AS(merge(a.lead, a.kim), quire::ConflictError);  // Safety: renamed and deleted
    merge(a.lead, a.kim, {Prefer::Theirs, false, "", ""});
    // (b) keeps the peer bases of the lead: the same file's copy
    merge(lead_b, a.kim);
    merge(lead_b, a.sam, {Prefer::Ours, false, "", ""});
    const auto first = codings_of(a.lead);
    const auto second = codings_of(lead_b);
    CHECK(first == second);
    // What each coder did is there.
    CHECK(first.count({"Interview 1", "Hope", "Sam", 18, 43}) == 1);
    CHECK(first.count({"Interview 1", "Trust", "Sam", 44, 60}) == 1);
    CHECK(first.count({"Interview 2", "Trust/Online", "Kim", 0, 25}) == 1);
    CHECK(first.count({"Interview 1", "Trust", "Lead", 44, 60}) == 1);
    // Kim deleted Safety with the lead's coding of it; Sam only renamed it: the policies
    // chose, and the two orders chose alike (theirs = Kim's deletion; ours = Kim's, kept).
    CHECK(code_paths(a.lead) == code_paths(lead_b));
    Project p = Project::open(a.lead);
    CHECK(p.find_case("Ann").name == "Ann");
    CHECK(p.case_attributes(p.find_case("Ann").id).at(0).value == "mentor");
    std::set<std::string> memo_texts;
    for (const quire::Memo& m : p.memos()) {
        memo_texts.insert(m.text);
    }
    CHECK(memo_texts.count("Sam's notes.") == 1);
    CHECK(memo_texts.count("Kim's notes.") == 1);
}

TEST_CASE("merging the same copy again changes nothing, and the lead's work goes back too",
          "[team]") {
    Team t;
    t.diverge();
    merge(t.lead, t.sam);
    const auto after_first = codings_of(t.lead);
    const auto again = plan(t.lead, t.sam);
    CHECK(again.changes.empty());
    CHECK(again.conflicts.empty());
    CHECK(again.log_entries == 0);
    merge(t.lead, t.sam);
    CHECK(codings_of(t.lead) == after_first);
    // The other way: the lead's project into Sam's copy gives Sam the same codings.
    {
        Project p = Project::open(t.lead);
        p.apply_code(p.find_document("Interview 3").id, p.find_code("Trust").id,
                     p.find_coder("Lead").id, 0, 11);
    }
    merge(t.sam, t.lead);
    CHECK(codings_of(t.sam) == codings_of(t.lead));
    CHECK(plan(t.sam, t.lead).changes.empty());
}

TEST_CASE("each kind of conflict is listed by a dry run and resolved by either policy", "[team]") {
    Team t;
    // Renamed differently on both sides; edited the same memo on both sides.
    {
        Project p = Project::open(t.lead);
        p.rename_code(p.find_code("Trust").id, "Trust built");
        const quire::Memo m = p.memos().at(0);
        p.edit_memo(m.id, "The lead's version.");
    }
    {
        Project s = Project::open(t.sam);
        s.rename_code(s.find_code("Trust").id, "Trusting adults");
        s.edit_memo(s.memos().at(0).id, "Sam's version.");
        s.delete_code(s.find_code("Safety").id, true);
        // Used here (the lead codes with Safety below), deleted there.
    }
    {
        Project p = Project::open(t.lead);
        p.apply_code(p.find_document("Interview 3").id, p.find_code("Safety").id,
                     p.find_coder("Lead").id, 0, 11);
    }
    // The same GUID with another text, written around the immutable-text rule.
    {
        quire::sql::Connection raw(t.sam, quire::sql::Connection::Mode::ReadWrite);
        raw.exec("DROP TRIGGER documents_text_is_immutable");
        raw.exec(
            "UPDATE documents SET text = 'Interviewer: Edited.\n', length_cp = 21, "
            "content_hash = 'x' WHERE name = 'Interview 3'");
    }
    const auto dry = plan(t.lead, t.sam);
    std::set<std::string> kinds;
    for (const auto& c : dry.conflicts) {
        kinds.insert(c.kind);
        CHECK(c.resolution.empty());
    }
    CHECK(kinds == std::set<std::string>{"code changed on both sides", "memo changed on both sides",
                                         "code deleted there, used here", "document text differs"});
    CHECK(dry.blocked());
    const auto before = codings_of(t.lead);
    CHECK_THROWS_AS(merge(t.lead, t.sam), quire::ConflictError);
    CHECK(codings_of(t.lead) == before);

    const std::string theirs_lead = t.dir.path("theirs.quire");
    std::filesystem::copy_file(t.lead, theirs_lead);
    const auto ours = merge(t.lead, t.sam, {Prefer::Ours, false, "", ""});
    CHECK_FALSE(ours.blocked());
    {
        Project p = Project::open(t.lead);
        CHECK(p.find_code("Trust built").name == "Trust built");
        CHECK(p.find_code("Safety").name == "Safety");
        CHECK(p.documents().size() == 3);
        CHECK(p.memos().at(0).text == "The lead's version.");
    }
    merge(theirs_lead, t.sam, {Prefer::Theirs, false, "", ""});
    {
        Project p = Project::open(theirs_lead);
        CHECK(p.find_code("Trusting adults").name == "Trusting adults");
        CHECK_THROWS_AS(p.find_code("Safety"), quire::NotFoundError);
        CHECK(p.documents().size() == 4);  // theirs beside ours
        CHECK(p.memos().at(0).text == "Sam's version.");
    }
}

TEST_CASE("a merge is one action that undo takes back", "[team]") {
    Team t;
    t.diverge();
    const auto before = codings_of(t.lead);
    const auto paths = code_paths(t.lead);
    merge(t.lead, t.sam);
    CHECK(codings_of(t.lead) != before);
    {
        Project p = Project::open(t.lead);
        const auto entry = p.journal(1).at(0);
        CHECK(entry.changes.find("coding") != std::string::npos);
        p.undo();
    }
    CHECK(codings_of(t.lead) == before);
    CHECK(code_paths(t.lead) == paths);
    // Undone, it merges again as the first time (the base went back too).
    CHECK_FALSE(plan(t.lead, t.sam).changes.empty());
}

TEST_CASE("a .qdpx export of a handed-out copy merges like the copy itself", "[team][exchange]") {
    Team t;
    t.diverge();
    const std::string qdpx = t.dir.path("sam.qdpx");
    {
        Project s = Project::open(t.sam);
        quire::exchange::export_qdpx(s, qdpx);
    }
    const std::string other = t.dir.path("lead-qdpx.quire");
    std::filesystem::copy_file(t.lead, other);
    merge(t.lead, t.sam);
    {
        Project p = Project::open(other);
        const auto dry = quire::exchange::merge_qdpx(p, qdpx, {}, true);
        CHECK(dry.has_base);
        CHECK(dry.conflicts.empty());
        quire::exchange::merge_qdpx(p, qdpx, {}, false);
    }
    CHECK(codings_of(other) == codings_of(t.lead));
    CHECK(code_paths(other) == code_paths(t.lead));
    // And again: nothing more.
    Project p = Project::open(other);
    CHECK(quire::exchange::merge_qdpx(p, qdpx, {}, true).changes.empty());
}

TEST_CASE("REFI-QDA import keeps the file's GUIDs", "[team][exchange]") {
    ScratchDir dir;
    const std::string lead = lead_project(dir);
    const std::string qdpx = dir.path("lead.qdpx");
    {
        Project p = Project::open(lead);
        quire::exchange::export_qdpx(p, qdpx);
    }
    Project fresh = Project::create(dir.path("fresh.quire"));
    quire::exchange::import_qdpx(fresh, qdpx);
    Project p = Project::open(lead);
    CHECK(fresh.find_code("Trust/Online").guid == p.find_code("Trust/Online").guid);
    CHECK(fresh.find_document("Interview 2").guid == p.find_document("Interview 2").guid);
    CHECK(fresh.find_case("Ann").guid == p.find_case("Ann").guid);
    CHECK(fresh.find_coder("Lead").guid == p.find_coder("Lead").guid);
    CHECK(fresh.memos().at(0).guid == p.memos().at(0).guid);
    std::set<std::string> a, b;
    for (const auto& c : fresh.codings()) {
        a.insert(c.guid);
    }
    for (const auto& c : p.codings()) {
        b.insert(c.guid);
    }
    CHECK(a == b);
}
