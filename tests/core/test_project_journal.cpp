// SPDX-License-Identifier: GPL-3.0-or-later
// The action journal: every action undone and redone exactly, across a restart, with who,
// when and what; conflicts refused with nothing changed.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/storage/sqlite.h"
#include "tests/support/scratch.h"

using quire::ConflictError;
using quire::Id;
using quire::JournalEntry;
using quire::Memo;
using quire::NotFoundError;
using quire::Project;
using quire::test::TempProjectPath;
namespace sql = quire::sql;

namespace {

// Every row of every table a user changes, as text, in key order: two equal snapshots are
// two equal projects.
std::string snapshot(const std::string& path) {
    sql::Connection db(path, sql::Connection::Mode::ReadOnly);
    std::string out;
    for (const char* table :
         {"project", "coders", "documents", "codes", "code_sets", "code_set_members", "codings",
          "cases", "case_links", "attributes", "attribute_values", "memos", "document_groups",
          "document_group_members"}) {
        std::string row = "''";
        sql::Statement& columns = db.prepare("SELECT name FROM pragma_table_info(?1)");
        columns.bind(1, table);
        while (columns.step()) {
            row += " || '|' || quote(\"" + columns.text(0) + "\")";
        }
        out += std::string("## ") + table + "\n";
        sql::Statement& rows = db.prepare("SELECT " + row + " FROM " + table + " ORDER BY 1");
        while (rows.step()) {
            out += rows.text(0) + "\n";
        }
    }
    return out;
}

struct StudyProject {
    TempProjectPath path;
    Project p = Project::create(path.str(), "Evaluation");
    Id doc = p.add_document("Staff 01", "We work with uncertainty every day.\n").document.id;
    Id code = p.add_code("Working with uncertainty").id;
    Id ann = p.ensure_coder("Ann").id;
};

}  // namespace

TEST_CASE("a coding is undone and redone with its identity, and the journal says who and what",
          "[project][journal]") {
    StudyProject s;
    Project& p = s.p;
    const std::string before = snapshot(s.path.str());
    p.set_actor("Ann");
    p.set_action_label("code apply");
    const quire::Coding coding = p.apply_code(s.doc, s.code, s.ann, 8, 27).coding;
    const std::string after = snapshot(s.path.str());

    const std::vector<JournalEntry> log = p.journal();
    REQUIRE_FALSE(log.empty());
    CHECK(log[0].who == "Ann");
    CHECK(log[0].what == "code apply");
    CHECK(log[0].changes == "added 1 coding");
    CHECK(log[0].state == "done");
    CHECK(log[0].undoable);
    REQUIRE(p.next_undo());
    CHECK(p.next_undo()->id == log[0].id);
    CHECK_FALSE(p.next_redo());

    const JournalEntry undone = p.undo();
    CHECK(undone.id == log[0].id);
    CHECK(undone.state == "undone");
    CHECK(p.codings().empty());
    CHECK(snapshot(s.path.str()) == before);
    REQUIRE(p.next_redo());

    p.redo();
    CHECK(snapshot(s.path.str()) == after);
    REQUIRE(p.codings().size() == 1);
    CHECK(p.codings()[0].guid == coding.guid);
    CHECK(p.codings()[0].id == coding.id);
}

TEST_CASE("undo and redo survive closing and reopening the project", "[project][journal]") {
    StudyProject s;
    s.p.set_action_label("memo add");
    const Memo memo = s.p.add_memo(Memo::Target::Document, s.doc, "", "Recorded on site.");
    s.p.set_action_label("memo edit");
    s.p.edit_memo(memo.id, "Recorded on site, second visit.");
    const std::string edited = snapshot(s.path.str());
    {
        Project reopened = Project::open(s.path.str());
        CHECK(reopened.next_undo()->what == "memo edit");
        reopened.undo();
        CHECK(reopened.memo(memo.id).text == "Recorded on site.");
    }
    Project again = Project::open(s.path.str());
    CHECK(again.next_redo()->what == "memo edit");
    again.redo();
    CHECK(snapshot(s.path.str()) == edited);
}

TEST_CASE("deleting a document is undone with its text, codings, memos and case links",
          "[project][journal]") {
    StudyProject s;
    Project& p = s.p;
    p.apply_code(s.doc, s.code, s.ann, 0, 7);
    const Id coding = p.apply_code(s.doc, s.code, s.ann, 8, 27).coding.id;
    p.add_memo(Memo::Target::Coding, coding, "", "Said twice.");
    const Id site = p.ensure_case("Site A").id;
    p.link_case(site, s.doc);
    p.set_document_attribute(s.doc, "Role", "Social worker");
    const std::string before = snapshot(s.path.str());
    const std::int64_t generation = p.documents_generation();

    p.set_action_label("docs --delete");
    p.delete_document(s.doc);
    CHECK(p.journal(1)[0].changes ==
          "removed 1 attribute value; removed 1 case link; removed 2 codings; removed 1 memo; "
          "removed 1 document");
    p.undo();
    CHECK(snapshot(s.path.str()) == before);
    CHECK(p.document_text(s.doc) == "We work with uncertainty every day.\n");
    // The search index notices the document coming back.
    CHECK(p.documents_generation() > generation);
    p.redo();
    CHECK(p.documents().empty());
    CHECK(p.codings().empty());
}

TEST_CASE("codebook edits are undone in order, newest first", "[project][journal]") {
    StudyProject s;
    Project& p = s.p;
    const Id parent = p.add_code("Practice").id;
    const Id other = p.add_code("Take the long view").id;
    p.apply_code(s.doc, other, s.ann, 0, 2);
    const std::string start = snapshot(s.path.str());

    p.rename_code(s.code, "Uncertainty");
    p.move_code(s.code, parent);
    p.move_code(other, parent, 0);
    p.merge_codes(other, s.code);
    quire::CodeFields fields;
    fields.definition = "Acting before the picture is complete.";
    fields.color = "#336699";
    p.update_code(s.code, fields);
    for (int i = 0; i < 5; ++i) {
        p.undo();
    }
    CHECK(snapshot(s.path.str()) == start);
    CHECK(p.next_undo()->changes == "added 1 coding");
}

TEST_CASE("a new action after undoing ends the way back and the log keeps it as discarded",
          "[project][journal]") {
    StudyProject s;
    Project& p = s.p;
    p.set_action_label("first");
    p.apply_code(s.doc, s.code, s.ann, 0, 2);
    p.undo();
    p.set_action_label("second");
    p.apply_code(s.doc, s.code, s.ann, 3, 7);
    CHECK_FALSE(p.next_redo());
    CHECK_THROWS_AS(p.redo(), NotFoundError);
    const std::vector<JournalEntry> log = p.journal(2);
    REQUIRE(log.size() == 2);
    CHECK(log[0].what == "second");
    CHECK(log[1].what == "first");
    CHECK(log[1].state == "discarded");
    CHECK_FALSE(log[1].undoable);
}

TEST_CASE("nothing to undo in a new project, and a failed action leaves no entry",
          "[project][journal]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    CHECK_FALSE(p.next_undo());
    CHECK_THROWS_AS(p.undo(), NotFoundError);
    CHECK_THROWS_AS(p.redo(), NotFoundError);
    const Id code = p.add_code("A").id;
    const std::size_t entries = p.journal().size();
    CHECK_THROWS(p.add_code("A"));
    {
        Project::Action action(p);
        p.rename_code(code, "B");
        // Not committed: neither the change nor an entry.
    }
    CHECK(p.journal().size() == entries);
    CHECK(p.code(code).name == "A");
}

TEST_CASE("a Project::Action is one entry however many calls it makes", "[project][journal]") {
    StudyProject s;
    Project& p = s.p;
    const std::size_t entries = p.journal().size();
    {
        Project::Action action(p);
        p.apply_code(s.doc, s.code, s.ann, 0, 2);
        p.apply_code(s.doc, s.code, s.ann, 3, 7);
        p.add_code("Model consent");
        action.commit();
    }
    REQUIRE(p.journal().size() == entries + 1);
    CHECK(p.journal(1)[0].changes == "added 2 codings; added 1 code");
    p.undo();
    CHECK(p.codings().empty());
    CHECK(p.codes().size() == 1);
}

TEST_CASE("an undo that a change outside the journal contradicts changes nothing",
          "[project][journal]") {
    StudyProject s;
    Project& p = s.p;
    const Id coding = p.apply_code(s.doc, s.code, s.ann, 0, 2).coding.id;
    {
        // A program that keeps no journal (the sqlite3 shell) removes the coding.
        sql::Connection raw(s.path.str(), sql::Connection::Mode::ReadWrite);
        raw.exec("DELETE FROM codings WHERE id = " + std::to_string(coding));
    }
    const std::string before = snapshot(s.path.str());
    CHECK_THROWS_AS(p.undo(), ConflictError);
    CHECK(snapshot(s.path.str()) == before);
    CHECK(p.next_undo());
}

TEST_CASE("only the newest actions keep what undo needs, and agreement runs are not undone",
          "[project][journal]") {
    StudyProject s;
    Project& p = s.p;
    const std::int64_t first = p.journal().size();
    for (int i = 0; i < Project::kUndoDepth + 5; ++i) {
        p.apply_code(s.doc, s.code, s.ann, i % 30, i % 30 + 1 + i / 30);
    }
    p.add_agreement_run("2026-12-03T10:00:00Z", "{}", [](Id) { return std::string("{}"); });
    CHECK(p.journal().size() == static_cast<std::size_t>(first + Project::kUndoDepth + 5));
    int undone = 0;
    while (p.next_undo()) {
        p.undo();
        ++undone;
    }
    CHECK(undone == Project::kUndoDepth);
    CHECK(p.codings().size() == 5);
    CHECK(p.agreement_runs().size() == 1);
}
