// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/cli.h"
#include "core/project/project.h"
#include "core/text/unicode.h"
#include "tests/support/cli_helpers.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

namespace fs = std::filesystem;
using nlohmann::json;
using Scratch = quire::test::ScratchDir;
using quire::test::cli;
using quire::test::CliResult;
using quire::test::is_one_line;
using quire::test::kInterview;
using quire::test::kMixed;
using quire::test::lines_of;
using quire::test::ok;
using quire::test::ok_json;
using quire::test::project_with_mixed_document;

// --- projects ---------------------------------------------------------------------------

TEST_CASE("new creates an empty project file", "[cli]") {
    Scratch s;
    const std::string p = s.path("study.quire");
    const CliResult r = cli({"new", p, "--name", "My study"});
    REQUIRE(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("created") != std::string::npos);
    quire::Project project = quire::Project::open(p);
    CHECK(project.info().name == "My study");
    CHECK(project.documents().empty());
}

TEST_CASE("new --json reports the path, guid and name", "[cli]") {
    Scratch s;
    const json j = ok_json({"new", s.path("p.quire"), "--name", "Pilot"});
    CHECK(j.at("path") == s.path("p.quire"));
    CHECK(j.at("name") == "Pilot");
    CHECK(j.at("guid").get<std::string>().size() == 36);
}

TEST_CASE("new refuses an existing file and leaves it alone", "[cli]") {
    Scratch s;
    const std::string p = s.write("notes.quire", "my notes");
    const CliResult r = cli({"new", p});
    CHECK(r.status == 5);  // as for every file quire-cli will not replace
    CHECK(is_one_line(r.err));
    CHECK(s.read("notes.quire") == "my notes");
}

TEST_CASE("new in a folder that does not exist fails with one line", "[cli]") {
    Scratch s;
    const CliResult r = cli({"new", s.path("no/such/folder/p.quire")});
    CHECK(r.status == 7);
    CHECK(is_one_line(r.err));
    CHECK(s.entries().empty());
}

TEST_CASE("info --json reports counts", "[cli]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    const json j = ok_json({"info", p});
    for (const char* key :
         {"name", "guid", "schema_version", "documents", "codes", "coders", "codings", "cases"}) {
        CHECK(j.contains(key));
    }
    CHECK(j.at("documents") == 1);
    CHECK(j.at("codes") == 0);
}

namespace {

// Every command that opens an existing project, with plausible arguments.
std::vector<std::vector<std::string>> commands_on(const std::string& p, const std::string& txt,
                                                  const std::string& csv) {
    return {
        {"info", p},
        {"import", p, txt},
        {"docs", p},
        {"docs", p, "--json"},
        {"text", p, "1"},
        {"codes", p},
        {"code", "add", p, "Theme"},
        {"code", "edit", p, "Theme", "--color", "#112233"},
        {"code", "rename", p, "Theme", "Other"},
        {"code", "move", p, "Theme", "--top"},
        {"code", "merge", p, "A", "B"},
        {"code", "delete", p, "Theme"},
        {"code", "apply", p, "--doc", "1", "--code", "Theme", "--coder", "Ann", "--range", "0:3"},
        {"codings", "export", p},
        {"codings", "import", p, csv},
        {"codings", "remove", p, "1"},
        {"segments", p, "--code", "Theme"},
        {"coders", p},
        {"cases", p},
    };
}

}  // namespace

TEST_CASE("every command on a missing project fails with one line and creates no file", "[cli]") {
    Scratch s;
    const std::string txt = s.write("a.txt", kInterview);
    const std::string csv = s.write("c.csv", "document,coder,code,start,end\n");
    const std::string p = s.path("missing.quire");
    for (const auto& args : commands_on(p, txt, csv)) {
        INFO(args[0] << " " << args[1]);
        const CliResult r = cli(args);
        CHECK(r.status == 7);
        CHECK(is_one_line(r.err));
        CHECK(r.err.rfind("quire-cli: ", 0) == 0);
        CHECK(r.out.empty());
        CHECK_FALSE(fs::exists(p));
    }
    CHECK(s.entries() == std::vector<std::string>{"a.txt", "c.csv"});
}

TEST_CASE(
    "every command on a file that is not a project fails with one line and leaves it "
    "unchanged",
    "[cli]") {
    Scratch s;
    const std::string txt = s.write("a.txt", kInterview);
    const std::string csv = s.write("c.csv", "document,coder,code,start,end\n");
    const std::string content = "This is a shopping list, not a project.\n" + std::string(600, '-');
    const std::string p = s.write("list.quire", content);
    for (const auto& args : commands_on(p, txt, csv)) {
        INFO(args[0] << " " << args[1]);
        const CliResult r = cli(args);
        CHECK(r.status == 7);
        CHECK(is_one_line(r.err));
        CHECK(r.out.empty());
    }
    CHECK(s.read("list.quire") == content);
    CHECK(s.entries() == std::vector<std::string>{"a.txt", "c.csv", "list.quire"});
}

// --- import -----------------------------------------------------------------------------

TEST_CASE("import adds a text file named after the file", "[cli][import]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    const std::string out = ok({"import", p, s.write("Interview 01.txt", kInterview)});
    CHECK(out.find("imported") != std::string::npos);
    const json docs = ok_json({"docs", p});
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].at("name") == "Interview 01");
    CHECK(docs[0].at("original_name") == "Interview 01.txt");
    CHECK(docs[0].at("format") == "txt");
    CHECK(docs[0].at("length") == quire::text::code_point_count(kInterview));
}

TEST_CASE("import takes several files at once", "[cli][import]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    const json r = ok_json({"import", p, s.write("one.txt", "first text"),
                            s.write("two.txt", "second text"), s.write("three.txt", "third text")});
    REQUIRE(r.size() == 3);
    for (const auto& entry : r) {
        CHECK(entry.at("duplicate") == false);
    }
    const json docs = ok_json({"docs", p});
    REQUIRE(docs.size() == 3);
    CHECK(docs[0].at("name") == "one");
    CHECK(docs[1].at("name") == "two");
    CHECK(docs[2].at("name") == "three");
}

TEST_CASE("import sets --name and --attr on the document", "[cli][import]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    ok({"import", p, s.write("raw.txt", kInterview), "--name", "Priya, Northgate", "--attr",
        "Centre=Northgate", "--attr", "Role=practitioner"});
    const json docs = ok_json({"docs", p});
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].at("name") == "Priya, Northgate");
    CHECK(docs[0].at("attributes").at("Centre") == "Northgate");
    CHECK(docs[0].at("attributes").at("Role") == "practitioner");
}

TEST_CASE("import decodes windows-1252 text", "[cli][import]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    ok({"import", p, s.write("legacy.txt", "caf\xE9 \x93quoted\x94 \x96 end\r\n"), "--encoding",
        "windows-1252"});
    CHECK(ok({"text", p, "legacy"}) == "caf\u00E9 \u201Cquoted\u201D \u2013 end\n");
}

TEST_CASE("importing the same text again is skipped", "[cli][import]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    ok({"import", p, s.write("a.txt", kInterview)});
    const CliResult r = cli({"import", p, s.write("copy.txt", kInterview)});
    CHECK(r.status == 0);
    CHECK(r.out.find("skipped") != std::string::npos);
    const json again = ok_json({"import", p, s.path("copy.txt")});
    REQUIRE(again.size() == 1);
    CHECK(again[0].at("duplicate") == true);
    CHECK(again[0].at("document") == "a");
    CHECK(ok_json({"docs", p}).size() == 1);
}

TEST_CASE("a bad file among good ones fails the import and adds no document", "[cli][import]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    const std::string good1 = s.write("good1.txt", "first good text");
    const std::string bad = s.write("bad.txt", std::string("\x01\x02\0\0binary\0\x7F\x03", 13));
    const std::string good2 = s.write("good2.txt", "second good text");
    const CliResult r = cli({"import", p, good1, bad, good2});
    CHECK(r.status == 6);
    CHECK(r.out.empty());
    const auto err_lines = lines_of(r.err);
    REQUIRE_FALSE(err_lines.empty());
    CHECK(err_lines.back().rfind("quire-cli: ", 0) == 0);
    CHECK(err_lines.back().find("bad.txt") != std::string::npos);
    CHECK(std::count_if(err_lines.begin(), err_lines.end(),
                        [](const std::string& l) { return l.rfind("quire-cli: ", 0) == 0; }) == 1);
    CHECK(ok_json({"docs", p}).empty());

    const CliResult missing = cli({"import", p, good1, s.path("nowhere.txt")});
    CHECK(missing.status == 6);
    CHECK(ok_json({"docs", p}).empty());
}

TEST_CASE("import refuses --name with several files", "[cli][import]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    const CliResult r =
        cli({"import", p, s.write("a.txt", "aaa"), s.write("b.txt", "bbb"), "--name", "X"});
    CHECK(r.status == 2);
    CHECK(is_one_line(r.err));
    CHECK(ok_json({"docs", p}).empty());
}

// --- listings ---------------------------------------------------------------------------

TEST_CASE("docs, codes, coders and cases --json parse with the expected keys", "[cli]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    {
        quire::Project project = quire::Project::create(p);
        const auto doc = project.add_document("Interview", kInterview).document;
        const auto parent = project.add_code("Theme");
        const auto child = project.add_code("Child", parent.id);
        const auto ann = project.ensure_coder("Ann");
        project.apply_code(doc.id, child.id, ann.id, 0, 11);
        const auto c = project.ensure_case("Priya");
        project.link_case(c.id, doc.id);
        project.ensure_attribute("Years", quire::AttributeType::Integer);
        project.set_case_attribute(c.id, "Years", "3");
        project.set_case_attribute(c.id, "Centre", "Northgate");
    }
    const json docs = ok_json({"docs", p});
    REQUIRE(docs.is_array());
    REQUIRE(docs.size() == 1);
    for (const char* key : {"id", "guid", "name", "length", "original_name", "format", "encoding",
                            "imported_at", "content_hash", "attributes"}) {
        CHECK(docs[0].contains(key));
    }

    const json codes = ok_json({"codes", p});
    REQUIRE(codes.size() == 2);
    for (const char* key :
         {"id", "guid", "name", "path", "parent", "color", "definition", "inclusion", "exclusion",
          "example", "codable", "position", "codings"}) {
        CHECK(codes[0].contains(key));
    }
    CHECK(codes[0].at("parent").is_null());
    CHECK(codes[1].at("path") == "Theme/Child");
    CHECK(codes[1].at("parent") == "Theme");
    CHECK(codes[1].at("codings") == 1);

    const json coders = ok_json({"coders", p});
    REQUIRE(coders.size() == 1);
    CHECK(coders[0].at("name") == "Ann");
    CHECK(coders[0].at("codings") == 1);
    CHECK(coders[0].contains("guid"));

    const json cases = ok_json({"cases", p});
    REQUIRE(cases.size() == 1);
    for (const char* key : {"id", "guid", "name", "description", "documents", "attributes"}) {
        CHECK(cases[0].contains(key));
    }
    CHECK(cases[0].at("documents")[0].at("document") == "Interview");
    CHECK(cases[0].at("attributes").at("Years") == 3);  // an integer, not "3"
    CHECK(cases[0].at("attributes").at("Centre") == "Northgate");
}

TEST_CASE("listings of an empty project are empty JSON arrays", "[cli]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    for (const char* command : {"docs", "codes", "coders", "cases"}) {
        INFO(command);
        const json j = ok_json({command, p});
        CHECK(j.is_array());
        CHECK(j.empty());
    }
}

// --- codebook ---------------------------------------------------------------------------

TEST_CASE("code add sets the parent, colour and definitions", "[cli][codes]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    ok({"code", "add", p, "Adult responsibility"});
    const json added = ok_json({"code", "add", p, "Noticing", "--parent", "Adult responsibility",
                                "--color", "#336699", "--definition", "Adults notice patterns",
                                "--inclusion", "tutors, parents", "--exclusion", "disclosure",
                                "--example", "\u201Che seemed anxious\u201D"});
    CHECK(added.at("path") == "Adult responsibility/Noticing");
    const json codes = ok_json({"codes", p});
    REQUIRE(codes.size() == 2);
    const json& c = codes[1];
    CHECK(c.at("name") == "Noticing");
    CHECK(c.at("parent") == "Adult responsibility");
    CHECK(c.at("color") == "#336699");
    CHECK(c.at("definition") == "Adults notice patterns");
    CHECK(c.at("inclusion") == "tutors, parents");
    CHECK(c.at("exclusion") == "disclosure");
    CHECK(c.at("example") == "\u201Che seemed anxious\u201D");
}

TEST_CASE("code add refuses a bad colour, a sibling namesake and an unknown parent",
          "[cli][codes]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    ok({"code", "add", p, "Trust"});
    const CliResult colour = cli({"code", "add", p, "Other", "--color", "blue"});
    CHECK(colour.status == 4);
    CHECK(is_one_line(colour.err));
    const CliResult twin = cli({"code", "add", p, "Trust"});
    CHECK(twin.status == 5);
    CHECK(is_one_line(twin.err));
    const CliResult orphan = cli({"code", "add", p, "Kid", "--parent", "Nobody"});
    CHECK(orphan.status == 3);
    CHECK(is_one_line(orphan.err));
    CHECK(ok_json({"codes", p}).size() == 1);
}

TEST_CASE("code edit changes only the given fields", "[cli][codes]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    ok({"code", "add", p, "Trust", "--definition", "kept", "--color", "#010203"});
    ok({"code", "edit", p, "Trust", "--color", "#A0B0C0"});
    const json codes = ok_json({"codes", p});
    CHECK(codes[0].at("color") == "#A0B0C0");
    CHECK(codes[0].at("definition") == "kept");
}

TEST_CASE("code rename renames and refuses a sibling's name", "[cli][codes]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    ok({"code", "add", p, "Trust"});
    ok({"code", "add", p, "Time"});
    ok({"code", "rename", p, "Trust", "Trusting relationships"});
    CHECK(cli({"code", "rename", p, "Time", "Trusting relationships"}).status == 5);
    const json codes = ok_json({"codes", p});
    CHECK(codes[0].at("name") == "Trusting relationships");
    CHECK(codes[1].at("name") == "Time");
}

TEST_CASE("code move reparents, reorders and refuses cycles", "[cli][codes]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    ok({"code", "add", p, "A"});
    ok({"code", "add", p, "B"});
    ok({"code", "add", p, "C", "--parent", "A"});
    ok({"code", "move", p, "B", "--parent", "A", "--position", "0"});
    json codes = ok_json({"codes", p});
    REQUIRE(codes.size() == 3);
    CHECK(codes[1].at("path") == "A/B");
    CHECK(codes[2].at("path") == "A/C");
    CHECK(cli({"code", "move", p, "A", "--parent", "A/B"}).status == 5);
    ok({"code", "move", p, "A/C", "--top"});
    codes = ok_json({"codes", p});
    CHECK(codes[0].at("path") == "A");
    CHECK(codes[1].at("path") == "A/B");
    CHECK(codes[2].at("path") == "C");
}

TEST_CASE("code merge moves codings and deletes the source", "[cli][codes]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Place"});
    ok({"code", "add", p, "Venue"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Place", "--coder", "Ann", "--range",
        "0:4"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Venue", "--coder", "Ann", "--range",
        "0:4"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Venue", "--coder", "Ann", "--range",
        "5:9"});
    ok({"code", "merge", p, "Venue", "Place"});
    const json codes = ok_json({"codes", p});
    REQUIRE(codes.size() == 1);
    CHECK(codes[0].at("name") == "Place");
    CHECK(codes[0].at("codings") == 2);  // the identical [0, 4) collapsed
    CHECK(cli({"code", "merge", p, "Place", "Place"}).status == 5);
}

TEST_CASE("code delete is refused while coded unless forced", "[cli][codes]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Theme"});
    ok({"code", "add", p, "Sub", "--parent", "Theme"});
    ok({"code", "add", p, "Unused"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Theme/Sub", "--coder", "Ann", "--range",
        "0:4"});
    const CliResult refused = cli({"code", "delete", p, "Theme"});
    CHECK(refused.status == 5);
    CHECK(is_one_line(refused.err));
    CHECK(ok_json({"codes", p}).size() == 3);
    ok({"code", "delete", p, "Unused"});
    ok({"code", "delete", p, "Theme", "--force"});
    CHECK(ok_json({"codes", p}).empty());
    CHECK(ok({"codings", "export", p}) == "document,coder,code,start,end\n");
}

// --- text -------------------------------------------------------------------------------

TEST_CASE("text prints the stored text byte for byte: LF and NFC", "[cli]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    ok({"import", p, s.write("crlf.txt", "Cafe\u0301 au lait\r\nsecond line\r\nno newline")});
    const std::string expected = "Caf\u00E9 au lait\nsecond line\nno newline";
    CHECK(ok({"text", p, "crlf"}) == expected);
    const json docs = ok_json({"docs", p});
    const std::string id = std::to_string(docs[0].at("id").get<long long>());
    CHECK(ok({"text", p, id}) == expected);
    const json j = ok_json({"text", p, "crlf"});
    CHECK(j.at("text") == expected);
    CHECK(j.at("length") == quire::text::code_point_count(expected));
    CHECK(cli({"text", p, "no such document"}).status == 3);
}

// --- demo -------------------------------------------------------------------------------

TEST_CASE("demo writes a project whose documents can be listed", "[cli][demo]") {
    Scratch s;
    const std::string p = s.path("demo.quire");
    const CliResult r = cli({"demo", p});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const json docs = ok_json({"docs", p});
    CHECK(docs.size() >= 8);
    CHECK(lines_of(ok({"docs", p})).size() == docs.size());
    CHECK(ok_json({"coders", p}).size() == 2);
    CHECK(cli({"demo", p}).status == 5);  // never overwritten
}

// --- usage ------------------------------------------------------------------------------

TEST_CASE("usage errors exit with status 2 and one line", "[cli][usage]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "X"});
    const std::vector<std::vector<std::string>> usage_errors = {
        {"frobnicate", p},
        {"docs"},
        {"docs", p, "extra"},
        {"docs", p, "--bogus"},
        {"code"},
        {"code", "paint", p},
        {"code", "add", p},
        {"code", "move", p, "A"},
        {"code", "move", p, "A", "--top", "--parent", "B"},
        {"code", "apply", p, "--doc", "mixed", "--code", "X", "--coder", "Ann"},
        {"code", "apply", p, "--doc", "mixed", "--code", "X", "--coder", "Ann", "--range", "1:2",
         "--match", "x"},
        {"code", "apply", p, "--doc", "mixed", "--code", "X", "--coder", "Ann", "--range", "12"},
        {"code", "apply", p, "--doc", "mixed", "--code", "X", "--coder", "Ann", "--range", "a:b"},
        {"code", "apply", p, "--code", "X", "--coder", "Ann", "--range", "1:2"},
        {"codings"},
        {"codings", "export"},
        {"codings", "remove", p, "abc"},
        {"import", p},
        {"import", p, s.path("mixed.txt"), "--attr", "novalue"},
        {"segments", p},
        {"docs", p, "--json=yes"},
        {"new"},
    };
    for (const auto& args : usage_errors) {
        INFO([&] {
            std::string joined;
            for (const auto& a : args) {
                joined += a + " ";
            }
            return joined;
        }());
        const CliResult r = cli(args);
        CHECK(r.status == 2);
        CHECK(is_one_line(r.err));
    }
    const CliResult none = cli({});
    CHECK(none.status == 2);
    CHECK(ok_json({"docs", p}).size() == 1);
}

TEST_CASE("quire-cli --help prints the usage and succeeds", "[cli][usage]") {
    const CliResult r = cli({"--help"});
    CHECK(r.status == 0);
    CHECK(r.out.find("usage: quire-cli") != std::string::npos);
    CHECK(r.err.empty());
}

// --- the real binary --------------------------------------------------------------------

namespace {

std::string quoted(const std::string& s) {
    return "'" + s + "'";
}

int run_binary(const std::string& arguments, const std::string& out, const std::string& err) {
    const std::string command =
        quoted(QUIRE_CLI_PATH) + " " + arguments + " >" + quoted(out) + " 2>" + quoted(err);
    const int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("the quire-cli binary exits non-zero with one stderr line on a missing project",
          "[cli][binary]") {
    Scratch s;
    const std::string missing = s.path("missing.quire");
    const int status = run_binary("docs " + quoted(missing), s.path("out"), s.path("err"));
    CHECK(status == 7);
    CHECK(is_one_line(s.read("err")));
    CHECK(s.read("out").empty());
    CHECK_FALSE(fs::exists(missing));
}

TEST_CASE("the quire-cli binary exits 0 and 2 as documented", "[cli][binary]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    CHECK(run_binary("new " + quoted(p), s.path("out"), s.path("err")) == 0);
    CHECK(s.read("err").empty());
    CHECK(run_binary("docs " + quoted(p) + " --json", s.path("out"), s.path("err")) == 0);
    CHECK(json::parse(s.read("out")).empty());
    CHECK(run_binary("docs " + quoted(p) + " --no-such-option", s.path("out"), s.path("err")) == 2);
    CHECK(is_one_line(s.read("err")));
    CHECK(run_binary("", s.path("out"), s.path("err")) == 2);
}
