// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/demo/demo.h"
#include "core/exchange/qdpx_export.h"
#include "core/exchange/qdpx_import.h"
#include "core/project/project.h"
#include "tests/support/scratch.h"

using quire::Project;

namespace {

// Everything a round trip must preserve, by content rather than by id.
struct Snapshot {
    std::map<std::string, std::string> documents;           // name -> text
    std::map<std::string, std::vector<std::string>> codes;  // path -> fields
    std::multiset<std::tuple<std::string, std::string, std::string, std::int64_t, std::int64_t>>
        codings;  // document, code path, coder, start, end
    std::map<std::string, std::vector<std::string>> cases;  // name -> documents and values
    std::map<std::string, std::vector<std::string>> document_values;
    std::multiset<std::string> memo_texts;
};

Snapshot snapshot(Project& p) {
    Snapshot s;
    std::map<quire::Id, std::string> doc_names;
    for (const quire::Document& d : p.documents()) {
        s.documents[d.name] = p.document_text(d.id);
        doc_names[d.id] = d.name;
        for (const quire::AttributeValue& v : p.document_attributes(d.id)) {
            s.document_values[d.name].push_back(v.attribute + "=" + v.value);
        }
    }
    for (const quire::Code& c : p.codes()) {
        s.codes[p.code_path(c.id)] = {c.color,     c.definition, c.inclusion,
                                      c.exclusion, c.example,    c.codable ? "1" : "0"};
    }
    for (const quire::Segment& seg : p.segments({}, 0)) {
        s.codings.emplace(seg.document, seg.code, seg.coder, seg.coding.start, seg.coding.end);
    }
    for (const quire::Case& c : p.cases()) {
        auto& entry = s.cases[c.name];
        for (const quire::CaseLink& link : p.case_links(c.id)) {
            entry.push_back("doc:" + doc_names[link.document_id]);
        }
        for (const quire::AttributeValue& v : p.case_attributes(c.id)) {
            entry.push_back(v.attribute + "=" + v.value);
        }
        std::sort(entry.begin(), entry.end());
    }
    for (const quire::Memo& m : p.memos()) {
        s.memo_texts.insert(m.text);
    }
    return s;
}

}  // namespace

TEST_CASE("the demo project survives export to QDPX and import into a new project", "[exchange]") {
    quire::test::ScratchDir dir;
    const std::string source_path = dir.path("demo.quire");
    quire::demo::write_demo_project(source_path);
    Snapshot before;
    {
        Project source = Project::open(source_path);
        // Memos of every kind the model has, so the round trip has notes to carry.
        const quire::Id doc = source.documents().front().id;
        const quire::Id code = source.codes().front().id;
        const quire::Id coding = source.codings().front().id;
        source.add_memo(quire::Memo::Target::Project, std::nullopt, "Plan",
                        "Second coding round in May.");
        source.add_memo(quire::Memo::Target::Document, doc, "Context", "Interview ran long.");
        source.add_memo(quire::Memo::Target::Code, code, "Boundary", "Overlaps with long view.");
        source.add_memo(quire::Memo::Target::Coding, coding, "Why", "Clear example of the theme.");
        before = snapshot(source);
        quire::exchange::export_qdpx(source, dir.path("demo.qdpx"));
    }
    Project copy = Project::create(dir.path("copy.quire"));
    const quire::exchange::ImportReport report =
        quire::exchange::import_qdpx(copy, dir.path("demo.qdpx"));
    INFO("skipped: " << report.skipped.size());
    const Snapshot after = snapshot(copy);
    CHECK(after.documents == before.documents);
    CHECK(after.codes == before.codes);
    CHECK(after.codings == before.codings);
    CHECK(after.cases == before.cases);
    CHECK(after.document_values == before.document_values);
    CHECK(after.memo_texts == before.memo_texts);
    CHECK(before.codings.size() == 273);
}
