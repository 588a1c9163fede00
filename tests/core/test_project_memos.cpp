// SPDX-License-Identifier: GPL-3.0-or-later
// Editing, removing and listing memos, and their exports.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/exchange/tables.h"
#include "core/project/project.h"
#include "tests/support/project_helpers.h"
#include "tests/support/scratch.h"

using quire::Id;
using quire::Memo;
using quire::MemoEntry;
using quire::Project;
using quire::test::read_bytes;
using quire::test::TempProjectPath;

namespace {

// A project with a document, a child code, a coding and a case, and a memo on each.
struct MemoProject {
    TempProjectPath path;
    Project p = Project::create(path.str(), "Safeguarding");
    Id doc = p.add_document("Interview 1", "She said she felt safe at school.\n").document.id;
    Id parent = p.add_code("Family").id;
    Id code = p.add_code("Parents", parent).id;
    Id ann = p.ensure_coder("Ann").id;
    Id coding = p.apply_code(doc, code, ann, 0, 8).coding.id;
    Id case_id = p.ensure_case("Pupil A").id;
};

}  // namespace

TEST_CASE("memo entries say what each memo is attached to and who wrote it", "[project][memos]") {
    MemoProject m;
    Project& p = m.p;
    p.add_memo(Memo::Target::Project, std::nullopt, "Plan", "Code the pilot first.");
    p.add_memo(Memo::Target::Document, m.doc, "", "Recorded at school.", m.ann);
    p.add_memo(Memo::Target::Code, m.code, "", "Both parents or one.");
    p.add_memo(Memo::Target::Coding, m.coding, "", "Hesitant.", m.ann);
    p.add_memo(Memo::Target::Case, m.case_id, "", "Year 9.");

    const std::vector<MemoEntry> entries = p.memo_entries();
    REQUIRE(entries.size() == 5);
    CHECK(entries[0].kind == "project");
    CHECK(entries[0].attached_to == "Safeguarding");
    CHECK(entries[0].author.empty());
    CHECK(entries[1].kind == "document");
    CHECK(entries[1].attached_to == "Interview 1");
    CHECK(entries[1].author == "Ann");
    CHECK(entries[2].kind == "code");
    CHECK(entries[2].attached_to == "Family/Parents");
    CHECK(entries[3].kind == "coding");
    CHECK(entries[3].attached_to == "coding " + std::to_string(m.coding) + " in Interview 1");
    CHECK(entries[4].kind == "case");
    CHECK(entries[4].attached_to == "Pupil A");
    CHECK(entries[4].memo.text == "Year 9.");
}

TEST_CASE("editing a memo replaces its text in NFC and keeps the title unless given",
          "[project][memos]") {
    MemoProject m;
    Project& p = m.p;
    const Memo added = p.add_memo(Memo::Target::Document, m.doc, "Context", "first");
    const Memo edited = p.edit_memo(added.id, "Cafe\u0301 visit");
    CHECK(edited.text == "Caf\u00E9 visit");
    CHECK(p.memo(added.id).text == "Caf\u00E9 visit");
    CHECK(p.memo(added.id).title == "Context");
    CHECK(p.memo(added.id).created_at == added.created_at);
    CHECK(p.memo(added.id).updated_at >= added.updated_at);
    p.edit_memo(added.id, "second", std::string("New title"));
    CHECK(p.memo(added.id).title == "New title");
    CHECK(p.memo(added.id).text == "second");
}

TEST_CASE("editing refuses empty text and a missing memo and changes nothing", "[project][memos]") {
    MemoProject m;
    Project& p = m.p;
    const Memo added = p.add_memo(Memo::Target::Project, std::nullopt, "", "keep");
    const std::string before = read_bytes(m.path.str());
    CHECK_THROWS_AS(p.edit_memo(added.id, ""), quire::InvalidInputError);
    CHECK_THROWS_AS(p.edit_memo(added.id, " \n\t"), quire::InvalidInputError);
    CHECK_THROWS_AS(p.edit_memo(added.id + 1, "text"), quire::NotFoundError);
    CHECK_THROWS_AS(p.memo(added.id + 1), quire::NotFoundError);
    CHECK(p.memo(added.id).text == "keep");
    CHECK(read_bytes(m.path.str()) == before);
}

TEST_CASE("removing a memo leaves the others and refuses a missing one", "[project][memos]") {
    MemoProject m;
    Project& p = m.p;
    const Memo a = p.add_memo(Memo::Target::Project, std::nullopt, "", "one");
    const Memo b = p.add_memo(Memo::Target::Case, m.case_id, "", "two");
    p.remove_memo(a.id);
    REQUIRE(p.memos().size() == 1);
    CHECK(p.memos()[0].id == b.id);
    CHECK_THROWS_AS(p.remove_memo(a.id), quire::NotFoundError);
    CHECK(p.memos().size() == 1);
}

TEST_CASE("memo exports hold every memo with what it is attached to", "[project][memos]") {
    MemoProject m;
    Project& p = m.p;
    p.add_memo(Memo::Target::Code, m.code, "Scope", "Both parents.\nOr one.", m.ann);
    p.add_memo(Memo::Target::Project, std::nullopt, "", "=SUM(A1)");
    const std::string csv = quire::exchange::memos_csv(p);
    CHECK(csv.rfind("id,kind,attached to,author,title,created,updated,text\n", 0) == 0);
    CHECK(csv.find("1,code,Family/Parents,Ann,Scope,") != std::string::npos);
    CHECK(csv.find("\"Both parents.\nOr one.\"") != std::string::npos);
    CHECK(csv.find("'=SUM(A1)") != std::string::npos);
    const std::string md = quire::exchange::memos_markdown(p);
    CHECK(md.rfind("# Memos: Safeguarding\n", 0) == 0);
    CHECK(md.find("## Project\n") < md.find("## Codes\n"));
    CHECK(md.find("### Family/Parents: Scope\n") != std::string::npos);
    CHECK(md.find("## Documents") == std::string::npos);
}
