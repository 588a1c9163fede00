// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/storage/sqlite.h"
#include "core/text/unicode.h"
#include "core/util/sha256.h"
#include "tests/support/scratch.h"

namespace fs = std::filesystem;
using quire::Code;
using quire::CodeFields;
using quire::Coding;
using quire::CodingFilter;
using quire::Id;
using quire::Project;
using quire::test::TempProjectPath;
using TempDir = quire::test::ScratchDir;

namespace {

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> code_names(Project& p) {
    std::vector<std::string> out;
    for (const Code& c : p.codes()) {
        out.push_back(p.code_path(c.id));
    }
    return out;
}

std::vector<std::string> child_names(Project& p, std::optional<Id> parent) {
    std::vector<std::string> out;
    for (const Code& c : p.codes()) {
        if (c.parent_id == parent) {
            out.push_back(c.name);
        }
    }
    return out;
}

bool has_code(Project& p, Id id) {
    for (const Code& c : p.codes()) {
        if (c.id == id) {
            return true;
        }
    }
    return false;
}

std::string attribute_value(const std::vector<quire::AttributeValue>& values,
                            const std::string& name) {
    for (const auto& v : values) {
        if (v.attribute == name) {
            return v.value;
        }
    }
    return "<unset>";
}

const std::string kTranscript =
    "Interviewer: How did the first session go?\n"
    "Participant: She sat with her arms folded and said she didn't need anyone.\n";

}  // namespace

// --- creating and opening ---------------------------------------------------------------

TEST_CASE("a created project can be closed and opened again", "[project]") {
    TempProjectPath path;
    std::string guid;
    {
        Project p = Project::create(path.str(), "Safe Connections");
        const quire::ProjectInfo info = p.info();
        CHECK(info.name == "Safe Connections");
        CHECK(info.schema_version == Project::current_schema_version());
        CHECK_FALSE(info.guid.empty());
        guid = info.guid;
        p.add_document("Interview 1", kTranscript);
    }
    REQUIRE(fs::exists(path.str()));
    Project p = Project::open(path.str());
    CHECK(p.info().guid == guid);
    CHECK(p.info().name == "Safe Connections");
    REQUIRE(p.documents().size() == 1);
    CHECK(p.document_text(p.documents()[0].id) == kTranscript);
}

TEST_CASE("a project created without a name is named after its file", "[project]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    CHECK(p.info().name == fs::path(path.str()).stem().string());
}

TEST_CASE("create refuses to overwrite an existing file", "[project]") {
    TempProjectPath path;
    { std::ofstream(path.str(), std::ios::binary) << "precious notes"; }
    CHECK_THROWS_AS(Project::create(path.str()), quire::ProjectFileError);
    CHECK(read_bytes(path.str()) == "precious notes");
}

TEST_CASE("create refuses an existing project file and leaves it intact", "[project]") {
    TempProjectPath path;
    {
        Project p = Project::create(path.str());
        p.add_document("Interview 1", kTranscript);
    }
    CHECK_THROWS_AS(Project::create(path.str()), quire::ProjectFileError);
    Project p = Project::open(path.str());
    CHECK(p.documents().size() == 1);
}

TEST_CASE("open refuses a missing file and does not create it", "[project]") {
    TempProjectPath path;
    CHECK_THROWS_AS(Project::open(path.str()), quire::ProjectFileError);
    CHECK_FALSE(fs::exists(path.str()));
}

TEST_CASE("open refuses a file that is not an SQLite database", "[project]") {
    TempProjectPath path;
    const std::string content(2000, 'x');
    { std::ofstream(path.str(), std::ios::binary) << content; }
    CHECK_THROWS_AS(Project::open(path.str()), quire::ProjectFileError);
    CHECK(read_bytes(path.str()) == content);
}

TEST_CASE("open refuses an SQLite database that belongs to another application", "[project]") {
    TempProjectPath path;
    {
        quire::sql::Connection other(path.str(), quire::sql::Connection::Mode::Create);
        other.exec("CREATE TABLE notes (body TEXT)");
        other.exec("PRAGMA application_id = 1234");
    }
    CHECK_THROWS_AS(Project::open(path.str()), quire::ProjectFileError);
    {
        quire::sql::Connection other(path.str(), quire::sql::Connection::Mode::ReadWrite);
        CHECK(other.pragma_int("user_version") == 0);  // not "upgraded" into a project
    }
}

TEST_CASE("open refuses a plain SQLite database without an application id", "[project]") {
    TempProjectPath path;
    {
        quire::sql::Connection other(path.str(), quire::sql::Connection::Mode::Create);
        other.exec("CREATE TABLE notes (body TEXT)");
    }
    CHECK_THROWS_AS(Project::open(path.str()), quire::ProjectFileError);
}

TEST_CASE("open refuses a project saved by a newer version", "[project]") {
    TempProjectPath path;
    {
        Project::create(path.str());
        quire::sql::Connection raw(path.str(), quire::sql::Connection::Mode::ReadWrite);
        raw.exec("PRAGMA user_version = 999");
    }
    CHECK_THROWS_AS(Project::open(path.str()), quire::ProjectFileError);
    CHECK_THROWS_WITH(Project::open(path.str()), Catch::Contains("newer"));
}

TEST_CASE("a project uses WAL, foreign keys and the Quire application id", "[project]") {
    TempProjectPath path;
    // Journal mode and application id live in the file: another connection reads them.
    auto check_file = [&path] {
        quire::sql::Connection raw(path.str(), quire::sql::Connection::Mode::ReadWrite);
        CHECK(raw.pragma_int("application_id") == Project::kApplicationId);
        quire::sql::Statement& mode = raw.prepare("PRAGMA journal_mode");
        REQUIRE(mode.step());
        CHECK(mode.text(0) == "wal");
        mode.reset();
    };
    // Foreign keys are a setting of the project's own connection: deleting a document
    // takes its codings with it only when they are on.
    auto check_foreign_keys = [](Project& p, const std::string& label) {
        const Id doc = p.add_document(label, kTranscript + label).document.id;
        const Id code = p.add_code(label).id;
        p.apply_code(doc, code, p.ensure_coder("Ann").id, 0, 3);
        quire::CodingFilter f;
        f.code_id = code;
        REQUIRE(p.codings(f).size() == 1);
        p.delete_document(doc);
        CHECK(p.codings(f).empty());
    };
    {
        Project p = Project::create(path.str());
        check_foreign_keys(p, "created");
    }
    check_file();
    Project p = Project::open(path.str());
    check_foreign_keys(p, "opened");
    check_file();
}

TEST_CASE("a document is stored as NFC with LF line endings", "[project][documents]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto r = p.add_document("Interview", "Cafe\u0301 au lait\r\nline two\rline three\n");
    const std::string stored = "Caf\u00E9 au lait\nline two\nline three\n";
    CHECK_FALSE(r.duplicate);
    CHECK(p.document_text(r.document.id) == stored);
    CHECK(r.document.length == quire::text::code_point_count(stored));
    CHECK(r.document.content_hash == quire::util::sha256_hex(stored));
    CHECK(r.document.name == "Interview");
}

TEST_CASE("text already in the project is not added twice", "[project][documents]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto first = p.add_document("A", "Same words\nhere.");
    // Different bytes, same stored text once normalised.
    const auto second = p.add_document("B", "Same words\r\nhere.");
    CHECK(second.duplicate);
    CHECK(second.document.id == first.document.id);
    CHECK(second.document.name == "A");
    CHECK(p.documents().size() == 1);
}

TEST_CASE("document names are unique", "[project][documents]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    p.add_document("Interview", "first text");
    CHECK_THROWS_AS(p.add_document("Interview", "second text"), quire::ConflictError);
    // The name is compared after trimming and NFC.
    p.add_document("Caf\u00E9", "third text");
    CHECK_THROWS_AS(p.add_document("  Cafe\u0301 ", "fourth text"), quire::ConflictError);
    CHECK(p.documents().size() == 2);
}

TEST_CASE("an empty or blank document is refused", "[project][documents]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    CHECK_THROWS_AS(p.add_document("Empty", ""), quire::Error);
    CHECK_THROWS_AS(p.add_document("Blank", "  \r\n\t \n"), quire::Error);
    CHECK_THROWS_AS(p.add_document("", "text without a name"), quire::InvalidInputError);
    CHECK(p.documents().empty());
}

TEST_CASE("import_file names the document after the file and makes the name unique",
          "[project][documents]") {
    TempDir dir;
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto a = p.import_file(dir.write("one/Interview 3.txt", "first interview"));
    const auto b = p.import_file(dir.write("two/Interview 3.txt", "second interview"));
    const auto c = p.import_file(dir.write("three/Interview 3.txt", "third interview"));
    CHECK(a.document.name == "Interview 3");
    CHECK(b.document.name == "Interview 3 (2)");
    CHECK(c.document.name == "Interview 3 (3)");
    CHECK(a.document.original_name == "Interview 3.txt");
    CHECK(a.document.format == "txt");
    CHECK(a.encoding == "UTF-8");
    CHECK(p.document_text(b.document.id) == "second interview");
}

TEST_CASE("import_file decodes the file and sets the requested name and attributes",
          "[project][documents]") {
    TempDir dir;
    TempProjectPath path;
    Project p = Project::create(path.str());
    quire::ImportOptions options;
    options.name = "Northgate practitioner";
    options.encoding = "windows-1252";
    options.attributes = {{"Centre", "Northgate"}, {"Role", "practitioner"}};
    const auto r = p.import_file(dir.write("raw.txt", "caf\xE9 \x93quoted\x94\r\n"), options);
    CHECK(r.document.name == "Northgate practitioner");
    CHECK(p.document_text(r.document.id) == "caf\u00E9 \u201Cquoted\u201D\n");
    const auto values = p.document_attributes(r.document.id);
    CHECK(attribute_value(values, "Centre") == "Northgate");
    CHECK(attribute_value(values, "Role") == "practitioner");
}

TEST_CASE("import_file refuses unreadable files and leaves the project unchanged",
          "[project][documents]") {
    TempDir dir;
    TempProjectPath path;
    Project p = Project::create(path.str());
    CHECK_THROWS_AS(p.import_file((dir.dir() / "missing.txt").string()), quire::ImportError);
    CHECK_THROWS_AS(p.import_file(dir.write("old.doc", "whatever")), quire::ImportError);
    CHECK_THROWS_AS(p.import_file(dir.write("picture.png", "\x89PNG")), quire::ImportError);
    CHECK_THROWS_AS(p.import_file(dir.write("binary.txt", std::string("a\0b\0\x01\x02zz", 8))),
                    quire::ImportError);
    CHECK(p.documents().empty());
    CHECK(p.attributes().empty());
}

TEST_CASE("documents are found by name or by id", "[project][documents]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto a = p.add_document("Interview A", "text a");
    const auto b = p.add_document("2024", "text b");
    CHECK(p.find_document("Interview A").id == a.document.id);
    CHECK(p.find_document(std::to_string(a.document.id)).id == a.document.id);
    // A name that looks like a number is still a name first.
    CHECK(p.find_document("2024").id == b.document.id);
    CHECK_THROWS_AS(p.find_document("Interview Z"), quire::NotFoundError);
    CHECK_THROWS_AS(p.document(9999), quire::NotFoundError);
}

TEST_CASE("renaming a document checks uniqueness, deleting removes its codings",
          "[project][documents]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_document("A", "alpha text").document.id;
    const Id b = p.add_document("B", "beta text").document.id;
    p.rename_document(a, "Alpha");
    CHECK(p.document(a).name == "Alpha");
    CHECK_THROWS_AS(p.rename_document(b, "Alpha"), quire::ConflictError);
    CHECK(p.document(b).name == "B");
    const Id code = p.add_code("Theme").id;
    const Id coder = p.ensure_coder("Ann").id;
    p.apply_code(b, code, coder, 0, 4);
    p.apply_code(a, code, coder, 0, 4);
    p.delete_document(b);
    CHECK_THROWS_AS(p.document(b), quire::NotFoundError);
    CHECK(p.codings().size() == 1);
    CHECK(p.codings()[0].document_id == a);
}

// --- codebook ---------------------------------------------------------------------------

TEST_CASE("a code keeps the fields it was created with", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    CodeFields f;
    f.color = "#1A2B3C";
    f.definition = "Adults act on concerns";
    f.inclusion = "Staff noticing patterns";
    f.exclusion = "Disclosure by the young person";
    f.example = "\u201Cno isn\u2019t the end\u201D";
    const Code c = p.add_code("Adult responsibility", std::nullopt, f);
    const Code back = p.code(c.id);
    CHECK(back.name == "Adult responsibility");
    CHECK(back.color == "#1A2B3C");
    CHECK(back.definition == "Adults act on concerns");
    CHECK(back.inclusion == "Staff noticing patterns");
    CHECK(back.exclusion == "Disclosure by the young person");
    CHECK(back.example == "\u201Cno isn\u2019t the end\u201D");
    CHECK(back.codable);
    CHECK_FALSE(back.parent_id);
}

TEST_CASE("a code without a colour gets a valid one", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const std::string color = p.add_code("Any").color;
    REQUIRE(color.size() == 7);
    CHECK(color[0] == '#');
    CHECK(color.find_first_not_of("0123456789ABCDEFabcdef", 1) == std::string::npos);
}

TEST_CASE("sibling codes cannot share a name but cousins can", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Code risk = p.add_code("Risk");
    const Code support = p.add_code("Support");
    CHECK_THROWS_AS(p.add_code("Risk"), quire::ConflictError);
    const Code risk_online = p.add_code("Online", risk.id);
    const Code support_online = p.add_code("Online", support.id);
    CHECK_THROWS_AS(p.add_code("Online", risk.id), quire::ConflictError);
    CHECK(p.find_code("Risk/Online").id == risk_online.id);
    CHECK(p.find_code("Support/Online").id == support_online.id);
    CHECK(p.code_path(support_online.id) == "Support/Online");
    CHECK(p.find_code(std::to_string(support.id)).id == support.id);
    // An ambiguous bare name is not resolved at random.
    CHECK_THROWS_AS(p.find_code("Online"), quire::Error);
    CHECK_THROWS_AS(p.find_code("Nowhere"), quire::NotFoundError);
    CHECK(p.codes().size() == 4);
}

TEST_CASE("code names cannot contain a slash, which separates the levels of a path", "[project]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    CHECK_THROWS_AS(p.add_code("A/Emo"), quire::InvalidInputError);
    const Id a = p.add_code("A").id;
    CHECK_THROWS_AS(p.rename_code(a, "A/B"), quire::InvalidInputError);
    CHECK(p.codes().size() == 1);
}

TEST_CASE("a top-level code is found by its name even when a nested code shares it", "[project]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id top = p.add_code("Emo").id;
    const Id a = p.add_code("A").id;
    const Id nested = p.add_code("Emo", a).id;
    CHECK(p.find_code("Emo").id == top);
    CHECK(p.find_code("A/Emo").id == nested);
    // The CSV export names codes by path, and importing it puts codings back on the same codes.
    const Id doc = p.add_document("d", "some words to code here").document.id;
    const Id coder = p.ensure_coder("x").id;
    p.apply_code(doc, top, coder, 0, 4);
    p.apply_code(doc, nested, coder, 5, 10);
    const std::string csv = p.export_codings_csv();
    for (const quire::Coding& c : p.codings()) {
        p.remove_coding(c.id);
    }
    p.import_codings_csv(csv);
    CHECK(p.coding_count(top) == 1);
    CHECK(p.coding_count(nested) == 1);
}

TEST_CASE("codes are listed parents first, siblings in order", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    const Id b = p.add_code("B").id;
    p.add_code("A1", a);
    p.add_code("B1", b);
    p.add_code("A2", a);
    CHECK(code_names(p) == std::vector<std::string>{"A", "A/A1", "A/A2", "B", "B/B1"});
}

TEST_CASE("renaming a code checks its siblings", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("Trust").id;
    p.add_code("Timescales");
    p.rename_code(a, "Trusting relationships");
    CHECK(p.code(a).name == "Trusting relationships");
    CHECK_THROWS_AS(p.rename_code(a, "Timescales"), quire::ConflictError);
    CHECK_THROWS_AS(p.rename_code(a, "   "), quire::InvalidInputError);
    CHECK(p.code(a).name == "Trusting relationships");
}

TEST_CASE("a code can be recoloured but not with a malformed colour", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    CodeFields initial;
    initial.color = "#112233";
    const Id id = p.add_code("Consent", std::nullopt, initial).id;
    CodeFields green;
    green.color = "#00FF00";
    p.update_code(id, green);
    CHECK(p.code(id).color == "#00FF00");
    for (const char* bad : {"green", "#12345", "#GGGGGG", "#1234567", ""}) {
        INFO(bad);
        CodeFields f;
        f.color = bad;
        CHECK_THROWS_AS(p.update_code(id, f), quire::InvalidInputError);
    }
    CHECK(p.code(id).color == "#00FF00");
    CodeFields bad_new;
    bad_new.color = "red";
    CHECK_THROWS_AS(p.add_code("Other", std::nullopt, bad_new), quire::InvalidInputError);
    CHECK(p.codes().size() == 1);
}

TEST_CASE("update_code changes only the fields given", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    CodeFields f;
    f.definition = "def";
    f.inclusion = "inc";
    const Id id = p.add_code("X", std::nullopt, f).id;
    CodeFields change;
    change.exclusion = "exc";
    p.update_code(id, change);
    const Code c = p.code(id);
    CHECK(c.definition == "def");
    CHECK(c.inclusion == "inc");
    CHECK(c.exclusion == "exc");
}

TEST_CASE("a code cannot be moved under itself or its descendants", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    const Id b = p.add_code("B", a).id;
    const Id c = p.add_code("C", b).id;
    CHECK_THROWS_AS(p.move_code(a, c), quire::ConflictError);
    CHECK_THROWS_AS(p.move_code(a, b), quire::ConflictError);
    CHECK_THROWS_AS(p.move_code(a, a), quire::ConflictError);
    CHECK(code_names(p) == std::vector<std::string>{"A", "A/B", "A/B/C"});
}

TEST_CASE("moving a code places it at the requested position", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    p.add_code("B");
    const Id c = p.add_code("C").id;
    p.move_code(c, std::nullopt, 0);
    CHECK(child_names(p, std::nullopt) == std::vector<std::string>{"C", "A", "B"});
    p.move_code(c, std::nullopt, 1);
    CHECK(child_names(p, std::nullopt) == std::vector<std::string>{"A", "C", "B"});
    p.move_code(c, std::nullopt);  // no position: last
    CHECK(child_names(p, std::nullopt) == std::vector<std::string>{"A", "B", "C"});
    p.move_code(c, a);
    CHECK(child_names(p, std::nullopt) == std::vector<std::string>{"A", "B"});
    CHECK(child_names(p, a) == std::vector<std::string>{"C"});
    CHECK(p.code(c).parent_id == a);
    CHECK(p.code_path(c) == "A/C");
    // Positions among siblings are consecutive after a move.
    std::vector<int> positions;
    for (const Code& code : p.codes()) {
        if (!code.parent_id) {
            positions.push_back(code.position);
        }
    }
    CHECK(positions == std::vector<int>{0, 1});
}

TEST_CASE("moving a code next to a namesake is refused", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    p.add_code("Online", a);
    const Id top_online = p.add_code("Online").id;
    CHECK_THROWS_AS(p.move_code(top_online, a), quire::ConflictError);
    CHECK_FALSE(p.code(top_online).parent_id);
}

TEST_CASE("merging codes moves codings, collapses duplicates and merges children",
          "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", "0123456789abcdefghij").document.id;
    const Id ann = p.ensure_coder("Ann").id;
    const Id source = p.add_code("Source").id;
    const Id target = p.add_code("Target").id;
    const Id source_kid = p.add_code("Kid", source).id;
    const Id source_only = p.add_code("Only in source", source).id;
    const Id target_kid = p.add_code("Kid", target).id;
    p.apply_code(doc, source, ann, 0, 5);
    p.apply_code(doc, source, ann, 5, 10);
    p.apply_code(doc, target, ann, 0, 5);  // identical to the first source coding
    p.apply_code(doc, source_kid, ann, 10, 12);
    p.apply_code(doc, target_kid, ann, 12, 14);
    p.apply_code(doc, source_only, ann, 14, 16);
    p.add_memo(quire::Memo::Target::Code, source, "About source", "note");

    const int moved = p.merge_codes(source, target);
    CHECK(moved >= 1);
    CHECK_FALSE(has_code(p, source));
    CHECK_FALSE(has_code(p, source_kid));
    CHECK_THROWS_AS(p.find_code("Source"), quire::NotFoundError);
    CHECK(code_names(p) ==
          std::vector<std::string>{"Target", "Target/Kid", "Target/Only in source"});

    CodingFilter on_target;
    on_target.code_id = target;
    const auto target_codings = p.codings(on_target);
    REQUIRE(target_codings.size() == 2);  // [0,5) once, not twice
    CHECK(target_codings[0].start == 0);
    CHECK(target_codings[0].end == 5);
    CHECK(target_codings[1].start == 5);
    CHECK(target_codings[1].end == 10);
    CHECK(p.coding_count(target_kid) == 2);
    CHECK(p.coding_count(source_only) == 1);
    CHECK(p.code(source_only).parent_id == target);
    CHECK(p.codings().size() == 5);
    const auto memos = p.memos();
    REQUIRE(memos.size() == 1);
    CHECK(memos[0].target_id == target);
}

TEST_CASE("merging a code into its parent puts its child of the same name in its place",
          "[project]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    const Id b = p.add_code("B", a).id;
    const Id inner = p.add_code("B", b).id;
    const Id doc = p.add_document("d", "some words to code here").document.id;
    const Id coder = p.ensure_coder("x").id;
    p.apply_code(doc, b, coder, 0, 4);
    p.apply_code(doc, inner, coder, 5, 10);
    CHECK(p.merge_codes(b, a) == 1);
    CHECK(p.coding_count(a) == 1);
    CHECK(p.find_code("A/B").id == inner);
    CHECK(p.coding_count(inner) == 1);
}

TEST_CASE("merging keeps the memos of codings that collapse into identical ones", "[project]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id source = p.add_code("Source").id;
    const Id target = p.add_code("Target").id;
    const Id doc = p.add_document("d", "some words to code here").document.id;
    const Id coder = p.ensure_coder("x").id;
    const Id kept = p.apply_code(doc, target, coder, 0, 4, "target note").coding.id;
    const Id gone = p.apply_code(doc, source, coder, 0, 4, "source note").coding.id;
    p.add_memo(quire::Memo::Target::Coding, gone, "Why", "A memo on the duplicate.");
    p.merge_codes(source, target);
    REQUIRE(p.codings().size() == 1);
    CHECK(p.coding(kept).memo == "target note\nsource note");
    const auto memos = p.memos();
    REQUIRE(memos.size() == 1);
    CHECK(memos[0].target_id == kept);
}

TEST_CASE("a code cannot be merged into itself or its child", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    const Id b = p.add_code("B", a).id;
    CHECK_THROWS_AS(p.merge_codes(a, a), quire::ConflictError);
    CHECK_THROWS_AS(p.merge_codes(a, b), quire::ConflictError);
    CHECK(p.codes().size() == 2);
}

TEST_CASE("a code in use is not deleted unless forced", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", "some words to code").document.id;
    const Id ann = p.ensure_coder("Ann").id;
    const Id parent = p.add_code("Parent").id;
    const Id child = p.add_code("Child", parent).id;
    const Id other = p.add_code("Other").id;
    p.apply_code(doc, child, ann, 0, 4);
    p.apply_code(doc, other, ann, 5, 10);

    CHECK_THROWS_AS(p.delete_code(child), quire::ConflictError);
    CHECK_THROWS_AS(p.delete_code(parent), quire::ConflictError);  // coded through its child
    CHECK(p.codes().size() == 3);
    CHECK(p.codings().size() == 2);

    p.delete_code(parent, true);
    CHECK_FALSE(has_code(p, parent));
    CHECK_FALSE(has_code(p, child));
    REQUIRE(p.codings().size() == 1);
    CHECK(p.codings()[0].code_id == other);
}

TEST_CASE("deleting an unused code deletes its children", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    const Id b = p.add_code("B", a).id;
    p.add_code("C", b);
    p.add_code("Kept");
    p.delete_code(a);
    CHECK(code_names(p) == std::vector<std::string>{"Kept"});
}

TEST_CASE("a forced deletion and its codings are undone together", "[project][codes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", "some words to code").document.id;
    const Id ann = p.ensure_coder("Ann").id;
    const Id code = p.add_code("Code").id;
    p.apply_code(doc, code, ann, 0, 4);
    {
        Project::Action action(p);
        p.delete_code(code, true);
        CHECK(p.codings().empty());
    }  // not committed
    CHECK(has_code(p, code));
    CHECK(p.codings().size() == 1);
}

// --- coding -----------------------------------------------------------------------------

TEST_CASE("applying a code records the coding", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id code = p.add_code("Session").id;
    const Id ann = p.ensure_coder("Ann").id;
    const auto r = p.apply_code(doc, code, ann, 13, 42, "first impressions");
    CHECK_FALSE(r.existed);
    CHECK(r.coding.document_id == doc);
    CHECK(r.coding.code_id == code);
    CHECK(r.coding.coder_id == ann);
    CHECK(r.coding.start == 13);
    CHECK(r.coding.end == 42);
    CHECK(r.coding.memo == "first impressions");
    CHECK(p.coding(r.coding.id).start == 13);
    CHECK(p.coding_count(code) == 1);
}

TEST_CASE("an identical coding is not duplicated", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id code = p.add_code("Session").id;
    const Id ann = p.ensure_coder("Ann").id;
    const Id ben = p.ensure_coder("Ben").id;
    const auto first = p.apply_code(doc, code, ann, 0, 10);
    const auto again = p.apply_code(doc, code, ann, 0, 10);
    CHECK(again.existed);
    CHECK(again.coding.id == first.coding.id);
    CHECK(p.codings().size() == 1);
    // Another coder's identical range is a coding of its own.
    CHECK_FALSE(p.apply_code(doc, code, ben, 0, 10).existed);
    CHECK(p.codings().size() == 2);
}

TEST_CASE("empty, reversed, negative and out-of-range codings are refused", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto d = p.add_document("D", "short \U0001F600 text").document;  // 12 code points
    REQUIRE(d.length == 12);
    const Id code = p.add_code("C").id;
    const Id ann = p.ensure_coder("Ann").id;
    p.apply_code(d.id, code, ann, 0, 5);
    const std::pair<std::int64_t, std::int64_t> bad[] = {{3, 3},  {6, 5},   {-1, 4},
                                                         {0, 13}, {12, 13}, {11, 100}};
    for (const auto& [start, end] : bad) {
        INFO("[" << start << ", " << end << ")");
        CHECK_THROWS_AS(p.apply_code(d.id, code, ann, start, end), quire::InvalidInputError);
    }
    CHECK(p.codings().size() == 1);
    // The last code point is codable; the range may end at the length.
    CHECK_FALSE(p.apply_code(d.id, code, ann, 11, 12).existed);
}

TEST_CASE("applying a code with an unknown document, code or coder is refused",
          "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id code = p.add_code("C").id;
    const Id ann = p.ensure_coder("Ann").id;
    CHECK_THROWS_AS(p.apply_code(doc + 100, code, ann, 0, 1), quire::NotFoundError);
    CHECK_THROWS_AS(p.apply_code(doc, code + 100, ann, 0, 1), quire::NotFoundError);
    CHECK_THROWS_AS(p.apply_code(doc, code, ann + 100, 0, 1), quire::NotFoundError);
    CHECK(p.codings().empty());
}

TEST_CASE("a grouping code that is not codable cannot be applied", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    CodeFields grouping;
    grouping.codable = false;
    const Id code = p.add_code("Themes", std::nullopt, grouping).id;
    CHECK_FALSE(p.code(code).codable);
    const Id ann = p.ensure_coder("Ann").id;
    CHECK_THROWS_AS(p.apply_code(doc, code, ann, 0, 5), quire::ConflictError);
    CHECK(p.codings().empty());
}

TEST_CASE("coders are created once by name", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto ann = p.ensure_coder("Ann");
    CHECK(p.ensure_coder(" Ann ").id == ann.id);
    CHECK(p.find_coder("Ann").id == ann.id);
    CHECK_THROWS_AS(p.find_coder("Ben"), quire::NotFoundError);
    CHECK_THROWS_AS(p.ensure_coder("  "), quire::InvalidInputError);
    CHECK(p.coders().size() == 1);
}

TEST_CASE("overlapping and nested codings are allowed", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id code = p.add_code("C").id;
    const Id other = p.add_code("Other").id;
    const Id ann = p.ensure_coder("Ann").id;
    p.apply_code(doc, code, ann, 0, 20);
    p.apply_code(doc, code, ann, 10, 30);  // overlaps
    p.apply_code(doc, code, ann, 2, 8);    // nested
    p.apply_code(doc, other, ann, 0, 20);  // same range, other code
    CHECK(p.codings().size() == 4);
    CHECK(p.coding_count(code) == 3);
}

TEST_CASE("a removed coding is gone", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id code = p.add_code("C").id;
    const Id ann = p.ensure_coder("Ann").id;
    const Id keep = p.apply_code(doc, code, ann, 0, 5).coding.id;
    const Id gone = p.apply_code(doc, code, ann, 5, 9).coding.id;
    p.remove_coding(gone);
    CHECK_THROWS_AS(p.coding(gone), quire::NotFoundError);
    CHECK_THROWS_AS(p.remove_coding(gone), quire::NotFoundError);
    REQUIRE(p.codings().size() == 1);
    CHECK(p.codings()[0].id == keep);
}

TEST_CASE("codings can be filtered by document, code with children, and coder",
          "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id d1 = p.add_document("D1", "first document text").document.id;
    const Id d2 = p.add_document("D2", "second document text").document.id;
    const Id parent = p.add_code("Parent").id;
    const Id child = p.add_code("Child", parent).id;
    const Id ann = p.ensure_coder("Ann").id;
    const Id ben = p.ensure_coder("Ben").id;
    p.apply_code(d1, parent, ann, 0, 5);
    p.apply_code(d1, child, ben, 6, 14);
    p.apply_code(d2, child, ann, 0, 6);
    CodingFilter f;
    f.document_id = d1;
    CHECK(p.codings(f).size() == 2);
    f = {};
    f.code_id = parent;
    CHECK(p.codings(f).size() == 1);
    f.include_child_codes = true;
    CHECK(p.codings(f).size() == 3);
    f.coder_id = ann;
    CHECK(p.codings(f).size() == 2);
    CHECK(p.coding_count(parent, true) == 3);
}

TEST_CASE("segments carry the coded text and its context on multi-byte text", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const std::string text =
        "Ol\u00E1 \U0001F600 \u4E16\u754C \u2014 \u0645\u0631\u062D\u0628\u0627 na\u00EFve end";
    const Id doc = p.add_document("Mixed", text).document.id;
    const Id parent = p.add_code("Theme").id;
    const Id code = p.add_code("Greeting", parent).id;
    const Id ann = p.ensure_coder("Ann").id;
    // "世界 — مرحبا": code points 6 to 16
    p.apply_code(doc, code, ann, 6, 16);
    CodingFilter f;
    f.code_id = code;
    const auto segments = p.segments(f, 3);
    REQUIRE(segments.size() == 1);
    const quire::Segment& s = segments[0];
    CHECK(s.text == "\u4E16\u754C \u2014 \u0645\u0631\u062D\u0628\u0627");
    CHECK(s.text == quire::text::slice(text, 6, 16));
    CHECK(s.before == quire::text::slice(text, 3, 6));
    CHECK(s.after == quire::text::slice(text, 16, 19));
    CHECK(s.document == "Mixed");
    CHECK(s.code == "Theme/Greeting");
    CHECK(s.coder == "Ann");
    // Context stops at the edges of the text.
    const auto wide = p.segments(f, 1000);
    REQUIRE(wide.size() == 1);
    CHECK(wide[0].before == quire::text::slice(text, 0, 6));
    CHECK(wide[0].after == quire::text::slice(text, 16, quire::text::code_point_count(text)));
}

TEST_CASE("find_text on accented text gives code-point ranges", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    // Stored as NFC; searched with a decomposed needle.
    const Id doc =
        p.add_document("D", "\U0001F600 Un caf\u00E9, deux cafe\u0301s, CAF\u00C9.").document.id;
    const std::string stored = p.document_text(doc);
    const auto hits = p.find_text(doc, "cafe\u0301");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0] == quire::TextRange{5, 9});
    CHECK(hits[1] == quire::TextRange{16, 20});
    for (const auto& [start, end] : hits) {
        CHECK(quire::text::slice(stored, start, end) == "caf\u00E9");
    }
    CHECK(p.find_text(doc, "th\u00E9").empty());
    CHECK_THROWS_AS(p.find_text(doc, ""), quire::InvalidInputError);
}

TEST_CASE("find_text reports non-overlapping occurrences", "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", "aaaa").document.id;
    const auto hits = p.find_text(doc, "aa");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].start == 0);
    CHECK(hits[1].start == 2);
}

// --- CSV exchange -----------------------------------------------------------------------

TEST_CASE("codings exported as CSV import into another project identically", "[project][csv]") {
    const std::string text = "Caf\u00E9 \U0001F600 talk, with \"quotes\" and commas, here.";
    const std::string doc_name = "Interview, \"A\"";
    TempProjectPath first_path;
    std::string exported;
    {
        Project p = Project::create(first_path.str());
        const Id doc = p.add_document(doc_name, text).document.id;
        const Id theme = p.add_code("Theme, one").id;
        const Id sub = p.add_code("Sub \"quoted\"", theme).id;
        const Id ann = p.ensure_coder("Ann \"A\", Smith").id;
        const Id ben = p.ensure_coder("Ben").id;
        p.apply_code(doc, sub, ann, 0, 4);
        p.apply_code(doc, sub, ben, 2, 6);
        p.apply_code(doc, theme, ann, 7, 20);
        exported = p.export_codings_csv();
    }
    const auto lines_start = exported.substr(0, exported.find('\n') + 1);
    CHECK(lines_start == "document,coder,code,start,end\n");
    CHECK(exported.find("\"Interview, \"\"A\"\"\"") != std::string::npos);

    TempProjectPath second_path;
    Project q = Project::create(second_path.str());
    q.add_document(doc_name, text);
    const Id theme = q.add_code("Theme, one").id;
    q.add_code("Sub \"quoted\"", theme);
    const auto outcome = q.import_codings_csv(exported);
    CHECK(outcome.added == 3);
    CHECK(outcome.already_present == 0);
    CHECK(q.export_codings_csv() == exported);
    // Coders named in the CSV are created.
    CHECK(q.find_coder("Ann \"A\", Smith").name == "Ann \"A\", Smith");

    const auto again = q.import_codings_csv(exported);
    CHECK(again.added == 0);
    CHECK(again.already_present == 3);
    CHECK(q.codings().size() == 3);
}

TEST_CASE("a CSV import with one bad row adds nothing and names the row", "[project][csv]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    p.add_document("D", "ten chars!");
    p.add_code("C");
    p.ensure_coder("Ann");
    const std::string csv =
        "document,coder,code,start,end\n"
        "D,Ann,C,0,3\n"
        "D,New coder,C,3,6\n"
        "D,Ann,C,5,11\n";  // past the end: row 4
    CHECK_THROWS_AS(p.import_codings_csv(csv), quire::InvalidInputError);
    CHECK_THROWS_WITH(p.import_codings_csv(csv), Catch::Contains("row 4"));
    CHECK(p.codings().empty());
    CHECK(p.coders().size() == 1);  // "New coder" was not kept either

    const std::string unknown_doc =
        "document,coder,code,start,end\n"
        "D,Ann,C,0,3\n"
        "Nope,Ann,C,0,3\n";
    CHECK_THROWS_AS(p.import_codings_csv(unknown_doc), quire::NotFoundError);
    CHECK_THROWS_WITH(p.import_codings_csv(unknown_doc), Catch::Contains("row 3"));
    CHECK(p.codings().empty());

    const std::string not_numbers =
        "document,coder,code,start,end\n"
        "D,Ann,C,zero,3\n";
    CHECK_THROWS_AS(p.import_codings_csv(not_numbers), quire::InvalidInputError);
    CHECK_THROWS_AS(p.import_codings_csv("document,coder,code,start,end\nD,Ann,C,0\n"),
                    quire::InvalidInputError);
    CHECK(p.codings().empty());
}

TEST_CASE("a CSV import with the wrong header is refused", "[project][csv]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    p.add_document("D", "ten chars!");
    p.add_code("C");
    CHECK_THROWS_AS(p.import_codings_csv("doc,who,code,from,to\nD,Ann,C,0,3\n"),
                    quire::InvalidInputError);
    CHECK_THROWS_AS(p.import_codings_csv(""), quire::InvalidInputError);
    CHECK(p.codings().empty());
    CHECK(p.coders().empty());
}

// --- cases and attributes ---------------------------------------------------------------

TEST_CASE("attribute values are checked and canonicalised for their type",
          "[project][attributes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    p.ensure_attribute("Consent", quire::AttributeType::Boolean);
    p.ensure_attribute("Age", quire::AttributeType::Integer);
    p.ensure_attribute("Score", quire::AttributeType::Float);
    p.ensure_attribute("Interviewed", quire::AttributeType::Date);
    p.ensure_attribute("Note", quire::AttributeType::Text);

    auto value = [&](const std::string& name) {
        return attribute_value(p.document_attributes(doc), name);
    };
    p.set_document_attribute(doc, "Consent", "yes");
    CHECK(value("Consent") == "true");
    p.set_document_attribute(doc, "Consent", "No");
    CHECK(value("Consent") == "false");
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Consent", "maybe"), quire::InvalidInputError);
    CHECK(value("Consent") == "false");

    p.set_document_attribute(doc, "Age", " +42 ");
    CHECK(value("Age") == "42");
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Age", "4.5"), quire::InvalidInputError);
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Age", "forty"), quire::InvalidInputError);
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Age", "+-5"), quire::InvalidInputError);
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Age", ""), quire::InvalidInputError);
    p.set_document_attribute(doc, "Age", "-007");
    CHECK(value("Age") == "-7");
    p.set_document_attribute(doc, "Age", "42");
    CHECK(value("Age") == "42");

    p.set_document_attribute(doc, "Score", "1.50");
    CHECK(value("Score") == "1.5");
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Score", "abc"), quire::InvalidInputError);
    CHECK_THROWS_AS(p.set_document_attribute(doc, "Score", "inf"), quire::InvalidInputError);

    p.set_document_attribute(doc, "Interviewed", "2024-02-29");
    CHECK(value("Interviewed") == "2024-02-29");
    for (const char* bad : {"2023-02-29", "2024-13-01", "2024-04-31", "24-01-01", "1 May 2024",
                            "2024-00-10", "2024-01-00", "2024- 1-01", "2024-+1-01", "+024-01-01"}) {
        INFO(bad);
        CHECK_THROWS_AS(p.set_document_attribute(doc, "Interviewed", bad),
                        quire::InvalidInputError);
    }
    CHECK(value("Interviewed") == "2024-02-29");

    p.set_document_attribute(doc, "Note", "Cafe\u0301");
    CHECK(value("Note") == "Caf\u00E9");

    for (const auto& v : p.document_attributes(doc)) {
        if (v.attribute == "Consent") {
            CHECK(v.type == quire::AttributeType::Boolean);
        }
        if (v.attribute == "Interviewed") {
            CHECK(v.type == quire::AttributeType::Date);
        }
    }
}

TEST_CASE("an attribute keeps the type it was first created with", "[project][attributes]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const auto a = p.ensure_attribute("Age", quire::AttributeType::Integer);
    const auto again = p.ensure_attribute("Age", quire::AttributeType::Text);
    CHECK(again.id == a.id);
    CHECK(again.type == quire::AttributeType::Integer);
    CHECK(p.attributes().size() == 1);
}

TEST_CASE("attribute type names convert both ways", "[project][attributes]") {
    for (auto t :
         {quire::AttributeType::Text, quire::AttributeType::Boolean, quire::AttributeType::Integer,
          quire::AttributeType::Float, quire::AttributeType::Date}) {
        CHECK(quire::attribute_type_from_string(quire::to_string(t)) == t);
    }
    CHECK_THROWS_AS(quire::attribute_type_from_string("colour"), quire::InvalidInputError);
}

TEST_CASE("cases link documents and segments and carry attributes", "[project][cases]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const auto priya = p.ensure_case("Priya", "practitioner");
    CHECK(p.ensure_case("Priya").id == priya.id);
    CHECK(p.cases().size() == 1);
    CHECK(p.find_case("Priya").description == "practitioner");
    CHECK_THROWS_AS(p.find_case("Nobody"), quire::NotFoundError);

    p.link_case(priya.id, doc);
    p.link_case(priya.id, doc, 0, 12);
    CHECK_THROWS_AS(p.link_case(priya.id, doc, 5, 5), quire::InvalidInputError);
    CHECK_THROWS_AS(p.link_case(priya.id, doc, 0, 10000), quire::InvalidInputError);
    const auto links = p.case_links(priya.id);
    REQUIRE(links.size() == 2);
    CHECK_FALSE(links[0].start);
    CHECK(links[1].start == 0);
    CHECK(links[1].end == 12);

    p.ensure_attribute("Years in post", quire::AttributeType::Integer);
    p.set_case_attribute(priya.id, "Years in post", "3");
    p.set_case_attribute(priya.id, "Centre", "Northgate");
    CHECK_THROWS_AS(p.set_case_attribute(priya.id, "Years in post", "three"),
                    quire::InvalidInputError);
    const auto values = p.case_attributes(priya.id);
    CHECK(attribute_value(values, "Years in post") == "3");
    CHECK(attribute_value(values, "Centre") == "Northgate");
}

TEST_CASE("an unknown case is reported as not found and nothing is stored", "[project][cases]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id missing = p.ensure_case("Real").id + 100;
    CHECK_THROWS_AS(p.link_case(missing, doc), quire::NotFoundError);
    CHECK_THROWS_AS(p.set_case_attribute(missing, "Centre", "Northgate"), quire::NotFoundError);
    CHECK_THROWS_AS(p.add_memo(quire::Memo::Target::Case, missing, "t", "x"), quire::NotFoundError);
    CHECK(p.case_links().empty());
    CHECK(p.memos().empty());
}

// --- memos and code sets ----------------------------------------------------------------

TEST_CASE("memos are stored against their target", "[project][memos]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    const Id ann = p.ensure_coder("Ann").id;
    p.add_memo(quire::Memo::Target::Project, std::nullopt, "Plan", "Code the pilot first.");
    p.add_memo(quire::Memo::Target::Document, doc, "Context", "Recorded at school.", ann);
    CHECK_THROWS_AS(p.add_memo(quire::Memo::Target::Project, doc, "x", "y"),
                    quire::InvalidInputError);
    CHECK_THROWS_AS(p.add_memo(quire::Memo::Target::Document, std::nullopt, "x", "y"),
                    quire::InvalidInputError);
    CHECK_THROWS_AS(p.add_memo(quire::Memo::Target::Document, doc + 100, "x", "y"),
                    quire::NotFoundError);
    const auto memos = p.memos();
    REQUIRE(memos.size() == 2);
    CHECK(memos[0].target == quire::Memo::Target::Project);
    CHECK_FALSE(memos[0].target_id);
    CHECK(memos[0].text == "Code the pilot first.");
    CHECK(memos[1].target == quire::Memo::Target::Document);
    CHECK(memos[1].target_id == doc);
    CHECK(memos[1].coder_id == ann);
    CHECK(memos[1].title == "Context");
}

TEST_CASE("a code set holds its codes", "[project][codesets]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id a = p.add_code("A").id;
    const Id b = p.add_code("B").id;
    p.add_code("C");
    p.add_code_set("Core themes", {a, b}, "for the report");
    CHECK_THROWS_AS(p.add_code_set("Broken", {a, 9999}), quire::NotFoundError);
    const auto sets = p.code_sets();
    REQUIRE(sets.size() == 1);
    CHECK(sets[0].name == "Core themes");
    CHECK(sets[0].description == "for the report");
    auto ids = sets[0].code_ids;
    std::sort(ids.begin(), ids.end());
    CHECK(ids == std::vector<Id>{std::min(a, b), std::max(a, b)});
}

// --- transactions and integrity ---------------------------------------------------------

TEST_CASE("an action that is not committed is rolled back", "[project][actions]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    {
        Project::Action action(p);
        p.add_document("D", kTranscript);
        p.add_code("C");
        CHECK(p.documents().size() == 1);
    }
    CHECK(p.documents().empty());
    CHECK(p.codes().empty());
}

TEST_CASE("a committed action persists after reopening", "[project][actions]") {
    TempProjectPath path;
    {
        Project p = Project::create(path.str());
        Project::Action action(p);
        p.add_document("D", kTranscript);
        p.add_code("C");
        action.commit();
    }
    Project p = Project::open(path.str());
    CHECK(p.documents().size() == 1);
    CHECK(p.codes().size() == 1);
}

TEST_CASE("an action interrupted by an exception leaves the project as it was",
          "[project][actions]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    p.add_document("D", kTranscript);
    try {
        Project::Action action(p);
        p.add_code("New");
        p.add_document("D", "another text");  // throws: the name is taken
        action.commit();
    } catch (const quire::ConflictError&) {
    }
    CHECK(p.codes().empty());
    CHECK(p.documents().size() == 1);
}

TEST_CASE("the text of a stored document cannot be changed", "[project][integrity]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id doc = p.add_document("D", kTranscript).document.id;
    quire::sql::Connection raw(path.str(), quire::sql::Connection::Mode::ReadWrite);
    CHECK_THROWS_AS(raw.exec("UPDATE documents SET text = 'changed'"), quire::ProjectFileError);
    CHECK_THROWS_AS(raw.exec("UPDATE documents SET length_cp = 1"), quire::ProjectFileError);
    CHECK(p.document_text(doc) == kTranscript);
    CHECK(p.document(doc).length == quire::text::code_point_count(kTranscript));
}
