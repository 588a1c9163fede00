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
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

namespace fs = std::filesystem;
using nlohmann::json;
using Scratch = quire::test::ScratchDir;
using quire::test::cli;
using quire::test::CliResult;

namespace {

// Runs a command that must succeed and returns its standard output.
std::string ok(const std::vector<std::string>& args) {
    const CliResult r = cli(args);
    INFO("quire-cli " <<
         [&] {
             std::string joined;
             for (const auto& a : args) {
                 joined += a + " ";
             }
             return joined;
         }()
                      << "\nstderr: " << r.err);
    REQUIRE(r.status == 0);
    return r.out;
}

json ok_json(std::vector<std::string> args) {
    args.push_back("--json");
    return json::parse(ok(args));
}

bool is_one_line(const std::string& s) {
    return !s.empty() && s.back() == '\n' && std::count(s.begin(), s.end(), '\n') == 1;
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

const std::string kInterview =
    "Interviewer: How did the first session go?\n"
    "Participant: She sat with her arms folded and said she didn't need anyone.\n";

// Stored text with accents, an emoji, CJK and Arabic; "café" occurs twice.
const std::string kMixed =
    "Caf\u00E9 talk \U0001F600: na\u00EFve \u4E16\u754C \u2014 \u0645\u0631\u062D\u0628\u0627, "
    "another caf\u00E9 later.\n";

// A new project at `name` with one document "mixed" holding kMixed.
std::string project_with_mixed_document(const Scratch& s, const std::string& name = "p.quire") {
    const std::string p = s.path(name);
    ok({"new", p});
    ok({"import", p, s.write("mixed.txt", kMixed)});
    return p;
}

}  // namespace

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
    CHECK(r.status == 7);
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

// --- coding -----------------------------------------------------------------------------

TEST_CASE("code apply --range codes the given code points", "[cli][coding]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Talk"});
    const json r = ok_json({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder",
                            "Ann", "--range", "10:17"});
    REQUIRE(r.size() == 1);
    CHECK(r[0].at("start") == 10);
    CHECK(r[0].at("end") == 17);
    CHECK(r[0].at("existed") == false);
    CHECK(r[0].at("coder") == "Ann");
    const json again = ok_json({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder",
                                "Ann", "--range", "10:17"});
    CHECK(again[0].at("existed") == true);
    CHECK(ok({"codings", "export", p}) == "document,coder,code,start,end\nmixed,Ann,Talk,10,17\n");
}

TEST_CASE("code apply --match returns offsets that slice the stored text exactly",
          "[cli][coding]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Cafe"});
    ok({"code", "add", p, "World"});
    const std::string text = ok({"text", p, "mixed"});
    REQUIRE(text == kMixed);

    const json cafe = ok_json({"code", "apply", p, "--doc", "mixed", "--code", "Cafe", "--coder",
                               "Ann", "--match", "caf\u00E9"});
    REQUIRE(cafe.size() == 1);  // "Café" at the start differs in case
    // A decomposed needle finds the same NFC text.
    const json decomposed = ok_json({"code", "apply", p, "--doc", "mixed", "--code", "Cafe",
                                     "--coder", "Ben", "--match",
                                     "Caf"
                                     "e\u0301"});
    REQUIRE(decomposed.size() == 1);
    const json world = ok_json({"code", "apply", p, "--doc", "mixed", "--code", "World", "--coder",
                                "Ann", "--match", "\u4E16\u754C \u2014 \u0645\u0631"});
    REQUIRE(world.size() == 1);

    CHECK(quire::text::slice(text, cafe[0].at("start"), cafe[0].at("end")) == "caf\u00E9");
    CHECK(quire::text::slice(text, decomposed[0].at("start"), decomposed[0].at("end")) ==
          "Caf\u00E9");
    CHECK(decomposed[0].at("start") == 0);
    CHECK(quire::text::slice(text, world[0].at("start"), world[0].at("end")) ==
          "\u4E16\u754C \u2014 \u0645\u0631");
    CHECK(world[0].at("start") == 19);
    CHECK(world[0].at("end") == 26);
}

TEST_CASE("code apply --match codes every occurrence", "[cli][coding]") {
    Scratch s;
    const std::string p = s.path("p.quire");
    ok({"new", p});
    ok({"import", p, s.write("d.txt", "\U0001F600 yes, no, yes \u00E9 yes.")});
    ok({"code", "add", p, "Yes"});
    const json r = ok_json(
        {"code", "apply", p, "--doc", "d", "--code", "Yes", "--coder", "Ann", "--match", "yes"});
    REQUIRE(r.size() == 3);
    const std::string text = ok({"text", p, "d"});
    for (const auto& coding : r) {
        CHECK(quire::text::slice(text, coding.at("start"), coding.at("end")) == "yes");
    }
    CHECK(r[2].at("start") == 17);
}

TEST_CASE("code apply with text that does not occur fails and codes nothing", "[cli][coding]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Talk"});
    const CliResult r = cli({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder",
                             "Ann", "--match", "absent words"});
    CHECK(r.status == 3);
    CHECK(is_one_line(r.err));
    CHECK(ok_json({"coders", p}).empty());
}

TEST_CASE("code apply out of range fails and leaves the project unchanged", "[cli][coding]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Talk"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder", "Ann", "--range",
        "0:4"});
    const std::string before = ok({"codings", "export", p});
    const auto length = quire::text::code_point_count(kMixed);
    for (const std::string& range : {"0:" + std::to_string(length + 1), std::string("5:5"),
                                     std::string("9:3"), std::string("-1:3")}) {
        INFO(range);
        const CliResult r = cli({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder",
                                 "Zoe", "--range", range});
        CHECK(r.status == 4);
        CHECK(is_one_line(r.err));
        CHECK(r.out.empty());
    }
    CHECK(ok({"codings", "export", p}) == before);
    // The coder named in the failed commands was not created either.
    CHECK(ok_json({"coders", p}).size() == 1);
    CHECK(cli({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder", "Ann", "--range",
               "0:" + std::to_string(length)})
              .status == 0);
}

TEST_CASE("code apply with an unknown document or code fails with not found", "[cli][coding]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Talk"});
    CHECK(cli({"code", "apply", p, "--doc", "nope", "--code", "Talk", "--coder", "Ann", "--range",
               "0:1"})
              .status == 3);
    CHECK(cli({"code", "apply", p, "--doc", "mixed", "--code", "Nope", "--coder", "Ann", "--range",
               "0:1"})
              .status == 3);
    CHECK(ok({"codings", "export", p}) == "document,coder,code,start,end\n");
}

TEST_CASE("codings remove deletes one coding", "[cli][coding]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Talk"});
    const json r = ok_json({"code", "apply", p, "--doc", "mixed", "--code", "Talk", "--coder",
                            "Ann", "--range", "0:4"});
    const std::string id = std::to_string(r[0].at("id").get<long long>());
    ok({"codings", "remove", p, id});
    CHECK(ok({"codings", "export", p}) == "document,coder,code,start,end\n");
    CHECK(cli({"codings", "remove", p, id}).status == 3);
}

// --- exchange ---------------------------------------------------------------------------

namespace {

// The mixed document with a small codebook and codings from two coders.
std::string coded_project(const Scratch& s, const std::string& name) {
    const std::string p = project_with_mixed_document(s, name);
    ok({"code", "add", p, "Places, \"venues\""});
    ok({"code", "add", p, "Cafe", "--parent", "Places, \"venues\""});
    ok({"code", "add", p, "World"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "Places, \"venues\"/Cafe", "--coder", "Ann",
        "--match", "caf\u00E9"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "World", "--coder", "Ben \"B\", Jones",
        "--range", "19:28"});
    ok({"code", "apply", p, "--doc", "mixed", "--code", "World", "--coder", "Ann", "--range",
        "17:26"});
    return p;
}

}  // namespace

TEST_CASE("codings export writes the CSV header and one row per coding", "[cli][exchange]") {
    Scratch s;
    const std::string p = coded_project(s, "p.quire");
    const std::string csv = ok({"codings", "export", p});
    const auto lines = lines_of(csv);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "document,coder,code,start,end");
    CHECK(csv.find("\"Places, \"\"venues\"\"/Cafe\"") != std::string::npos);
    CHECK(csv.find("\"Ben \"\"B\"\", Jones\"") != std::string::npos);
}

TEST_CASE("codings export --json carries the coded text", "[cli][exchange]") {
    Scratch s;
    const std::string p = coded_project(s, "p.quire");
    const std::string text = ok({"text", p, "mixed"});
    const json j = ok_json({"codings", "export", p});
    REQUIRE(j.size() == 3);
    for (const auto& c : j) {
        for (const char* key : {"document", "coder", "code", "start", "end", "id", "guid",
                                "created_at", "memo", "text"}) {
            CHECK(c.contains(key));
        }
        CHECK(c.at("text") == quire::text::slice(text, c.at("start"), c.at("end")));
    }
}

TEST_CASE("exported codings imported into a fresh project export identically", "[cli][exchange]") {
    Scratch s;
    const std::string first = coded_project(s, "first.quire");
    const std::string exported = ok({"codings", "export", first});
    const std::string csv = s.write("codings.csv", exported);

    const std::string second = s.path("second.quire");
    ok({"new", second});
    ok({"import", second, s.path("mixed.txt")});
    ok({"code", "add", second, "Places, \"venues\""});
    ok({"code", "add", second, "Cafe", "--parent", "Places, \"venues\""});
    ok({"code", "add", second, "World"});
    const json r = ok_json({"codings", "import", second, csv});
    CHECK(r.at("added") == 3);
    CHECK(r.at("already_present") == 0);
    CHECK(ok({"codings", "export", second}) == exported);
    const json again = ok_json({"codings", "import", second, csv});
    CHECK(again.at("added") == 0);
    CHECK(again.at("already_present") == 3);
}

TEST_CASE("codings import with a bad row adds nothing", "[cli][exchange]") {
    Scratch s;
    const std::string p = project_with_mixed_document(s);
    ok({"code", "add", p, "Talk"});
    const std::string csv = s.write("bad.csv",
                                    "document,coder,code,start,end\n"
                                    "mixed,Ann,Talk,0,4\n"
                                    "mixed,Ann,Talk,4,99999\n");
    const CliResult r = cli({"codings", "import", p, csv});
    CHECK(r.status == 4);
    CHECK(is_one_line(r.err));
    CHECK(r.err.find("row 3") != std::string::npos);
    CHECK(ok({"codings", "export", p}) == "document,coder,code,start,end\n");
    CHECK(ok_json({"coders", p}).empty());
}

TEST_CASE("segments --json text equals the slice of the stored text", "[cli][exchange]") {
    Scratch s;
    const std::string p = coded_project(s, "p.quire");
    const std::string text = ok({"text", p, "mixed"});
    const json all = ok_json({"segments", p, "--code", "World", "--context", "4"});
    REQUIRE(all.size() == 2);
    for (const auto& seg : all) {
        const std::int64_t start = seg.at("start");
        const std::int64_t end = seg.at("end");
        CHECK(seg.at("text") == quire::text::slice(text, start, end));
        CHECK(seg.at("before") ==
              quire::text::slice(text, std::max<std::int64_t>(0, start - 4), start));
        CHECK(seg.at("after") == quire::text::slice(text, end, end + 4));
        CHECK(seg.at("code") == "World");
    }
    const json ann = ok_json({"segments", p, "--code", "World", "--coder", "Ann"});
    REQUIRE(ann.size() == 1);
    CHECK(ann[0].at("start") == 17);
    // A parent code's segments include its children's.
    const json places = ok_json({"segments", p, "--code", "Places, \"venues\""});
    REQUIRE(places.size() == 1);
    CHECK(places[0].at("text") == "caf\u00E9");
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
    CHECK(cli({"demo", p}).status == 7);  // never overwritten
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
