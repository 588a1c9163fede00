// SPDX-License-Identifier: GPL-3.0-or-later
#include <zip.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/demo/demo.h"
#include "core/exchange/qdpx_export.h"
#include "core/project/project.h"
#include "core/text/unicode.h"
#include "tests/core/zip_parts.h"
#include "tests/support/scratch.h"
#include "tests/support/shared.h"

namespace fs = std::filesystem;
using quire::Project;
using quire::test::read_zip_parts;

namespace {

struct SchemaCheck {
    bool valid = false;
    std::string output;
};

// Runs xmllint on `file` against `schema` (a file of ../shared/refi-qda).
SchemaCheck check_schema(const std::string& file, const std::string& schema) {
    REQUIRE(std::system("xmllint --version >/dev/null 2>&1") == 0);  // Debian: libxml2-utils
    const std::string log = file + ".xmllint.txt";
    const std::string command =
        "xmllint --noout --schema '" + schema + "' '" + file + "' >'" + log + "' 2>&1";
    SchemaCheck result;
    result.valid = std::system(command.c_str()) == 0;
    std::ifstream in(log);
    result.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return result;
}

void require_valid(const std::string& file, const std::string& schema) {
    const SchemaCheck check = check_schema(file, schema);
    INFO(check.output);
    CHECK(check.valid);
}

// Adds what the demo lacks, so the export covers every element kind: memos on each target,
// a coding memo, a code set, a case segment and typed attribute values.
void enrich(Project& p) {
    const quire::Document doc = p.documents().front();
    const std::vector<quire::Code> codes = p.codes();
    const quire::Coder coder = p.coders().front();
    const quire::Coding coding = p.codings().front();
    const quire::Case case_ = p.cases().front();
    p.add_memo(quire::Memo::Target::Project, std::nullopt, "Research plan", "Why & how <now>.");
    p.add_memo(quire::Memo::Target::Document, doc.id, "About this interview", "Noisy room.",
               coder.id);
    p.add_memo(quire::Memo::Target::Code, codes.front().id, "Scope", "Broad on purpose.");
    p.add_memo(quire::Memo::Target::Coding, coding.id, "Doubt", "Could also be code 2.");
    p.add_memo(quire::Memo::Target::Case, case_.id, "Case note", "Moved schools in 2025.");
    p.apply_code(doc.id, codes.back().id, coder.id, 0, 5, "a coding memo");
    p.add_code_set("Principles", {codes[0].id, codes[1].id}, "The first two");
    p.link_case(case_.id, doc.id, 10, 20);
    p.ensure_attribute("Age", quire::AttributeType::Integer);
    p.ensure_attribute("Consented", quire::AttributeType::Boolean);
    p.ensure_attribute("Interviewed", quire::AttributeType::Date);
    p.ensure_attribute("Weight", quire::AttributeType::Float);
    p.set_document_attribute(doc.id, "Age", "42");
    p.set_document_attribute(doc.id, "Consented", "true");
    p.set_document_attribute(doc.id, "Interviewed", "2025-03-14");
    p.set_document_attribute(doc.id, "Weight", "0.00001");
    p.set_case_attribute(case_.id, "Weight", "12345678901234567890.5");
}

std::vector<pugi::xml_node> all_named(const pugi::xml_document& doc, const char* name) {
    std::vector<pugi::xml_node> out;
    for (const pugi::xpath_node& n : doc.select_nodes((std::string("//") + name).c_str())) {
        out.push_back(n.node());
    }
    return out;
}

}  // namespace

TEST_CASE("the demo project exports as a .qdpx and a .qdc, and nothing else", "[exchange]") {
    quire::test::TempProjectPath path;
    quire::demo::write_demo_project(path.str());
    Project p = Project::open(path.str());
    enrich(p);
    quire::test::ScratchDir out;
    quire::exchange::export_qdpx(p, out.path("demo.qdpx"));
    quire::exchange::export_qdc(p, out.path("demo.qdc"));
    CHECK(out.entries() == std::vector<std::string>{"demo.qdc", "demo.qdpx"});
    CHECK(read_zip_parts(out.path("demo.qdpx")).count("project.qde") == 1);
}

TEST_CASE("the REFI-QDA schemas accept Quire's .qdpx and .qdc and refuse a broken one",
          "[exchange][shared]") {
    const std::string project_schema = quire::test::shared_file("refi-qda/Project-mrt2019.xsd");
    if (project_schema.empty()) {
        return;
    }
    const std::string codebook_schema = quire::test::shared_file("refi-qda/Codebook-mrt2019.xsd");
    REQUIRE_FALSE(codebook_schema.empty());
    quire::test::TempProjectPath path;
    quire::demo::write_demo_project(path.str());
    Project p = Project::open(path.str());
    enrich(p);
    // Emoji and accents in a selection's name as well.
    const quire::Document doc =
        p.add_document("emoji", "Caf\xC3\xA9 \xF0\x9F\x98\x80 na\xC3\xAFve").document;
    p.apply_code(doc.id, p.codes().front().id, p.coders().front().id, 7, 12);
    quire::test::ScratchDir out;
    quire::exchange::export_qdpx(p, out.path("demo.qdpx"));
    quire::exchange::export_qdc(p, out.path("demo.qdc"));
    const auto entries = read_zip_parts(out.path("demo.qdpx"));
    out.write("project.qde", entries.at("project.qde"));
    require_valid(out.path("project.qde"), project_schema);
    require_valid(out.path("demo.qdc"), codebook_schema);

    // The check can fail: a file with an element out of schema order is refused.
    std::string broken = entries.at("project.qde");
    const auto users = broken.find("<Users>");
    REQUIRE(users != std::string::npos);
    broken.insert(users, "<Sources/>");
    out.write("broken.qde", broken);
    CHECK_FALSE(check_schema(out.path("broken.qde"), project_schema).valid);
}

TEST_CASE("a .qdpx holds every document, code, coder and coding, with exact code-point ranges",
          "[exchange]") {
    quire::test::TempProjectPath path;
    quire::demo::write_demo_project(path.str());
    Project p = Project::open(path.str());
    enrich(p);
    quire::test::ScratchDir out;
    quire::exchange::export_qdpx(p, out.path("demo.qdpx"));
    const auto entries = read_zip_parts(out.path("demo.qdpx"));

    pugi::xml_document qde;
    REQUIRE(qde.load_string(entries.at("project.qde").c_str()));
    const pugi::xml_node root = qde.child("Project");
    REQUIRE(root);
    CHECK(std::string(root.attribute("xmlns").value()) == "urn:QDA-XML:project:1.0");
    CHECK(std::string(root.attribute("origin").value()) == "Quire 0.1");
    CHECK(std::string(root.attribute("name").value()) == p.info().name);

    const auto documents = p.documents();
    const auto codings = p.codings();
    const auto codes = p.codes();
    CHECK(all_named(qde, "TextSource").size() == documents.size());
    CHECK(all_named(qde, "Code").size() == codes.size());
    CHECK(all_named(qde, "User").size() == p.coders().size());
    CHECK(all_named(qde, "Coding").size() == codings.size());
    // One selection per coding, plus the uncoded one the case segment needs.
    CHECK(all_named(qde, "PlainTextSelection").size() == codings.size() + 1);
    CHECK(entries.size() == documents.size() + 1);

    // Each source file is the stored text, and a selection slices it to the coding's text.
    std::map<std::string, const quire::Coding*> by_guid;
    for (const quire::Coding& c : codings) {
        by_guid[c.guid] = &c;
    }
    std::size_t checked = 0;
    for (const quire::Document& d : documents) {
        const pugi::xml_node source =
            root.child("Sources").find_child_by_attribute("TextSource", "guid", d.guid.c_str());
        REQUIRE(source);
        CHECK(std::string(source.attribute("plainTextPath").value()) ==
              "internal://" + d.guid + ".txt");
        const std::string stored = p.document_text(d.id);
        const std::string& file = entries.at("sources/" + d.guid + ".txt");
        REQUIRE(file == stored);
        for (const pugi::xml_node selection : source.children("PlainTextSelection")) {
            const pugi::xml_node coding = selection.child("Coding");
            if (!coding) {
                continue;
            }
            const quire::Coding* c = by_guid.at(coding.attribute("guid").value());
            const auto start = selection.attribute("startPosition").as_llong();
            const auto end = selection.attribute("endPosition").as_llong();
            CHECK(start == c->start);
            CHECK(end == c->end);
            CHECK(c->document_id == d.id);
            CHECK(std::string(coding.child("CodeRef").attribute("targetGUID").value()) ==
                  p.code(c->code_id).guid);
            CHECK(quire::text::slice(file, start, end) ==
                  quire::text::slice(stored, c->start, c->end));
            ++checked;
        }
    }
    CHECK(checked == codings.size());

    SECTION("child codes nest inside their parent and descriptions keep the four parts") {
        for (const quire::Code& c : codes) {
            const pugi::xml_node node = qde.find_node([&](pugi::xml_node n) {
                return std::string(n.name()) == "Code" && c.guid == n.attribute("guid").value();
            });
            REQUIRE(node);
            const pugi::xml_node parent = node.parent();
            if (c.parent_id) {
                CHECK(std::string(parent.attribute("guid").value()) == p.code(*c.parent_id).guid);
            } else {
                CHECK(std::string(parent.name()) == "Codes");
            }
            CHECK(std::string(node.attribute("color").value()) == c.color);
            if (!c.inclusion.empty() && !c.exclusion.empty() && !c.example.empty()) {
                CHECK(std::string(node.child_value("Description")) ==
                      "Definition: " + c.definition + "\nInclusion: " + c.inclusion +
                          "\nExclusion: " + c.exclusion + "\nExample: " + c.example);
            }
        }
    }

    SECTION("memos become notes referenced from their targets") {
        CHECK(all_named(qde, "Note").size() == p.memos().size());
        CHECK(root.child("NoteRef"));                                       // project memo
        CHECK(root.child("Sources").child("TextSource").child("NoteRef"));  // document memo
        CHECK(root.child("Links").child("Link"));                           // case memo
        CHECK(root.child("Sets").child("Set").children("MemberCode").begin() !=
              root.child("Sets").child("Set").children("MemberCode").end());
        const pugi::xml_node selection = qde.find_node([](pugi::xml_node n) {
            return std::string(n.name()) == "Description" &&
                   std::string(n.child_value()) == "a coding memo";
        });
        CHECK(std::string(selection.parent().name()) == "PlainTextSelection");
    }

    SECTION("a float attribute is written in decimal notation") {
        const auto values = all_named(qde, "FloatValue");
        std::vector<std::string> texts;
        for (const auto& v : values) {
            texts.push_back(v.child_value());
        }
        CHECK(std::find(texts.begin(), texts.end(), "0.00001") != texts.end());
        for (const std::string& t : texts) {
            CHECK(t.find_first_of("eE") == std::string::npos);
        }
    }

    SECTION("exporting twice gives the same XML") {
        CHECK(quire::exchange::project_qde_xml(p) == entries.at("project.qde"));
    }
}

TEST_CASE("selections around emoji and accents count code points, not bytes or UTF-16 units",
          "[exchange]") {
    quire::test::TempProjectPath path;
    Project p = Project::create(path.str(), "Unicode");
    const std::string text = "Caf\xC3\xA9 \xF0\x9F\x98\x80 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9";
    const quire::Document doc = p.add_document("emoji", text).document;
    const quire::Code code = p.add_code("word");
    const quire::Coder coder = p.ensure_coder("Ana");
    const auto found = p.find_text(doc.id, "na\xC3\xAFve");
    REQUIRE(found.size() == 1);
    CHECK(found[0] == quire::TextRange{7, 12});  // C a f é ␠ 😀 ␠
    p.apply_code(doc.id, code.id, coder.id, found[0].start, found[0].end);

    quire::test::ScratchDir out;
    quire::exchange::export_qdpx(p, out.path("u.qdpx"));
    const auto entries = read_zip_parts(out.path("u.qdpx"));
    pugi::xml_document qde;
    REQUIRE(qde.load_string(entries.at("project.qde").c_str()));
    const pugi::xml_node selection = qde.select_node("//PlainTextSelection").node();
    CHECK(selection.attribute("startPosition").as_llong() == 7);
    CHECK(selection.attribute("endPosition").as_llong() == 12);
    CHECK(std::string(selection.attribute("name").value()) == "na\xC3\xAFve");
    const std::string& file = entries.at("sources/" + doc.guid + ".txt");
    CHECK(file.rfind("\xEF\xBB\xBF", 0) == std::string::npos);  // no BOM
    CHECK(quire::text::slice(file, 7, 12) == "na\xC3\xAFve");
}

TEST_CASE("exporting into a missing folder throws and leaves nothing behind", "[exchange]") {
    quire::test::TempProjectPath path;
    quire::demo::write_demo_project(path.str());
    Project p = Project::open(path.str());
    quire::test::ScratchDir out;
    const fs::path missing = out.dir() / "missing";
    CHECK_THROWS_AS(quire::exchange::export_qdpx(p, (missing / "x.qdpx").string()), quire::Error);
    CHECK_THROWS_AS(quire::exchange::export_qdc(p, (missing / "x.qdc").string()), quire::Error);
    CHECK_FALSE(fs::exists(missing));
    CHECK(out.entries().empty());
}

TEST_CASE("a failed export leaves an existing file untouched", "[exchange]") {
    quire::test::TempProjectPath path;
    Project p = Project::create(path.str(), "Empty");
    quire::test::ScratchDir out;
    const std::string target = out.write("old.qdc", "keep me");
    CHECK_THROWS_AS(quire::exchange::export_qdc(p, target), quire::InvalidInputError);
    CHECK(out.read("old.qdc") == "keep me");
    CHECK(out.entries() == std::vector<std::string>{"old.qdc"});
}
