// SPDX-License-Identifier: GPL-3.0-or-later
// Retrieval: codings of several codes, documents and coders at once, and one coding's
// segment read without the whole transcript.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/project/project.h"
#include "core/text/unicode.h"
#include "tests/support/scratch.h"

using quire::Coding;
using quire::CodingFilter;
using quire::Id;
using quire::Project;
using quire::test::TempProjectPath;

namespace {

std::vector<Id> ids_of(const std::vector<Coding>& codings) {
    std::vector<Id> out;
    for (const Coding& c : codings) {
        out.push_back(c.id);
    }
    return out;
}

}  // namespace

TEST_CASE("codings can be filtered by several codes, documents and coders at once",
          "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const Id d1 = p.add_document("D1", "first document text").document.id;
    const Id d2 = p.add_document("D2", "second document text").document.id;
    const Id d3 = p.add_document("D3", "third document text").document.id;
    const Id trust = p.add_code("Trust").id;
    const Id doubt = p.add_code("Doubt", trust).id;
    const Id deep = p.add_code("Deep doubt", doubt).id;
    const Id other = p.add_code("Other").id;
    const Id ann = p.ensure_coder("Ann").id;
    const Id ben = p.ensure_coder("Ben").id;
    const Id cy = p.ensure_coder("Cy").id;
    const Id a = p.apply_code(d1, trust, ann, 0, 5).coding.id;
    const Id b = p.apply_code(d1, deep, ben, 6, 14).coding.id;
    const Id c = p.apply_code(d2, other, ann, 0, 6).coding.id;
    const Id d = p.apply_code(d3, doubt, cy, 0, 5).coding.id;
    const Id e = p.apply_code(d3, other, ben, 6, 10).coding.id;

    CodingFilter f;
    f.code_ids = {trust, other};
    CHECK(ids_of(p.codings(f)) == std::vector<Id>{a, c, e});
    f.include_child_codes = true;  // grandchildren too
    CHECK(ids_of(p.codings(f)) == std::vector<Id>{a, b, c, d, e});
    f.documents = std::vector<Id>{d1, d3};
    CHECK(ids_of(p.codings(f)) == std::vector<Id>{a, b, d, e});
    f.coder_ids = {ben, cy};
    CHECK(ids_of(p.codings(f)) == std::vector<Id>{b, d, e});
    // The lists narrow together with the single fields.
    f.coder_id = ben;
    CHECK(ids_of(p.codings(f)) == std::vector<Id>{b, e});
    f = {};
    f.code_ids = {doubt};
    CHECK(ids_of(p.codings(f)) == std::vector<Id>{d});
}

TEST_CASE("one coding's segment is the same as in the listing, on every script",
          "[project][coding]") {
    TempProjectPath path;
    Project p = Project::create(path.str());
    const std::string text =
        "Ol\u00E1 \U0001F600 \u4E16\u754C \u2014 \u0645\u0631\u062D\u0628\u0627 na\u00EFve\n"
        "\u65E5\u672C\u8A9E\u306E\u6587 end \U0001F1EB\U0001F1F7";
    const Id doc = p.add_document("Mixed", text).document.id;
    const Id theme = p.add_code("Theme").id;
    const Id code = p.add_code("Greeting", theme).id;
    const Id ann = p.ensure_coder("Ann").id;
    const std::int64_t length = quire::text::code_point_count(text);
    p.apply_code(doc, code, ann, 6, 16, "a memo");
    p.apply_code(doc, code, ann, 0, 2);
    p.apply_code(doc, code, ann, length - 4, length);
    CodingFilter f;
    f.code_id = code;
    for (const int context : {0, 3, 1000}) {
        for (const quire::Segment& listed : p.segments(f, context)) {
            const quire::Segment one = p.segment(listed.coding, context);
            CHECK(one.text == listed.text);
            CHECK(one.before == listed.before);
            CHECK(one.after == listed.after);
            CHECK(one.document == "Mixed");
            CHECK(one.code == "Theme/Greeting");
            CHECK(one.coder == "Ann");
            CHECK(one.coding.memo == listed.coding.memo);
        }
    }
    const quire::Segment middle = p.segment(p.codings(f)[1], 2);
    CHECK(middle.text == "\u4E16\u754C \u2014 \u0645\u0631\u062D\u0628\u0627");
    CHECK(middle.before == "\U0001F600 ");
    CHECK(middle.after == " n");
}
