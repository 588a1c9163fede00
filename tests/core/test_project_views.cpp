// SPDX-License-Identifier: GPL-3.0-or-later
// Changing a coding in place, and what each coder sees (blind coding).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/base/errors.h"
#include "core/project/project.h"
#include "core/project_agreement/disagreements.h"
#include "tests/support/scratch.h"

using quire::CoderView;
using quire::Id;
using quire::Project;
using quire::test::TempProjectPath;

namespace {

struct TwoCoders {
    TempProjectPath path;
    Project p = Project::create(path.str());
    Id doc = p.add_document("Staff 01", "We work with uncertainty every day.\n").document.id;
    Id code = p.add_code("Working with uncertainty").id;
    Id other = p.add_code("Take the long view").id;
    Id ann = p.ensure_coder("Ann").id;
    Id bob = p.ensure_coder("Bob").id;
};

}  // namespace

TEST_CASE("a coding's boundaries and code change in place, keeping its identity and memo",
          "[project][views]") {
    TwoCoders t;
    Project& p = t.p;
    const quire::Coding c = p.apply_code(t.doc, t.code, t.ann, 8, 24, "Said firmly.").coding;
    const quire::Coding moved = p.change_coding(c.id, quire::TextRange{3, 24});
    CHECK(moved.start == 3);
    CHECK(moved.end == 24);
    CHECK(moved.guid == c.guid);
    const quire::Coding recoded = p.change_coding(c.id, std::nullopt, t.other);
    CHECK(recoded.code_id == t.other);
    CHECK(p.coding(c.id).memo == "Said firmly.");
    CHECK(p.coding(c.id).start == 3);
    CHECK(p.journal(1)[0].changes == "changed 1 coding");
    p.undo();
    p.undo();
    CHECK(p.coding(c.id).start == 8);
    CHECK(p.coding(c.id).code_id == t.code);
}

TEST_CASE("changing a coding refuses empty or outside ranges, grouping codes and duplicates",
          "[project][views]") {
    TwoCoders t;
    Project& p = t.p;
    const Id first = p.apply_code(t.doc, t.code, t.ann, 0, 2).coding.id;
    const Id second = p.apply_code(t.doc, t.code, t.ann, 3, 7).coding.id;
    CHECK_THROWS_AS(p.change_coding(first, quire::TextRange{2, 2}), quire::InvalidInputError);
    CHECK_THROWS_AS(p.change_coding(first, quire::TextRange{0, 400}), quire::InvalidInputError);
    CHECK_THROWS_AS(p.change_coding(second, quire::TextRange{0, 2}), quire::ConflictError);
    quire::CodeFields grouping;
    grouping.codable = false;
    p.update_code(t.other, grouping);
    CHECK_THROWS_AS(p.change_coding(first, std::nullopt, t.other), quire::ConflictError);
    CHECK_THROWS_AS(p.change_coding(999, quire::TextRange{0, 1}), quire::NotFoundError);
    CHECK(p.coding(first).end == 2);
}

TEST_CASE("a blind coder sees their own layer and the consensus layer, and the choice lasts",
          "[project][views]") {
    TwoCoders t;
    Project& p = t.p;
    CHECK(p.coder_view(t.ann).blind == false);
    CHECK(p.visible_coders(t.ann) == std::vector<Id>{t.ann, t.bob});
    CoderView blind;
    blind.blind = true;
    p.set_coder_view(t.ann, blind);
    CHECK(p.visible_coders(t.ann) == std::vector<Id>{t.ann});
    CHECK(p.visible_coders(t.bob) == std::vector<Id>{t.ann, t.bob});  // Bob's own view

    // Adopting a version marks the consensus layer, which blind coders see.
    p.apply_code(t.doc, t.code, t.ann, 0, 7);
    p.apply_code(t.doc, t.code, t.bob, 3, 7);
    const auto disagreements = quire::agreement::find_disagreements(p, "Ann", "Bob");
    REQUIRE_FALSE(disagreements.empty());
    quire::agreement::adopt_version(p, disagreements.front(), quire::agreement::Version::First);
    const Id consensus = p.find_coder("Consensus").id;
    CHECK(p.consensus_coders() == std::vector<Id>{consensus});
    CHECK(p.visible_coders(t.ann) == std::vector<Id>{t.ann, consensus});

    const std::size_t entries = p.journal().size();
    CoderView hiding = p.coder_view(t.ann);
    hiding.hidden_coders = {consensus};
    hiding.hidden_codes = {t.other};
    p.set_coder_view(t.ann, hiding);
    CHECK(p.journal().size() == entries);  // a preference, not an action to undo
    Project reopened = Project::open(t.path.str());
    const CoderView kept = reopened.coder_view(t.ann);
    CHECK(kept.blind);
    CHECK(kept.hidden_coders == std::vector<Id>{consensus});
    CHECK(kept.hidden_codes == std::vector<Id>{t.other});
    CHECK(reopened.visible_coders(t.ann) == std::vector<Id>{t.ann});
    CHECK_THROWS_AS(reopened.coder_view(999), quire::NotFoundError);
    hiding.hidden_codes = {12345};
    CHECK_THROWS_AS(reopened.set_coder_view(t.ann, hiding), quire::NotFoundError);
    CHECK(reopened.coder_view(t.ann).hidden_codes == std::vector<Id>{t.other});
}

TEST_CASE("code statistics count codings, documents and coverage, own and with child codes",
          "[project][views]") {
    TwoCoders t;
    Project& p = t.p;
    const Id child = p.add_code("Acting before certainty", t.code).id;
    const Id doc2 = p.add_document("Staff 02", "Take the long view, and act early.\n").document.id;
    p.apply_code(t.doc, t.code, t.ann, 0, 10);
    p.apply_code(t.doc, t.code, t.bob, 5, 15);  // overlaps Ann's: [0, 15) covered once
    p.apply_code(t.doc, child, t.ann, 20, 24);
    p.apply_code(doc2, child, t.ann, 0, 4);
    const quire::CodeStatisticsTable all = p.code_statistics();
    CHECK(all.text_length == 36 + 35);
    const quire::CodeStatistics& parent = all.codes[0];
    REQUIRE(parent.code == t.code);
    CHECK(parent.codings == 2);
    CHECK(parent.documents == 1);
    CHECK(parent.covered == 15);
    CHECK(parent.codings_in_all == 4);
    CHECK(parent.documents_in_all == 2);
    CHECK(parent.covered_in_all == 15 + 4 + 4);
    quire::CodingFilter anns_in_doc2;
    anns_in_doc2.document_id = doc2;
    anns_in_doc2.coder_ids = {t.ann};
    const quire::CodeStatisticsTable scoped = p.code_statistics(anns_in_doc2);
    CHECK(scoped.text_length == 35);
    CHECK(scoped.codes[0].codings == 0);
    CHECK(scoped.codes[0].codings_in_all == 1);
    const auto child_row =
        std::find_if(scoped.codes.begin(), scoped.codes.end(),
                     [&](const quire::CodeStatistics& s) { return s.code == child; });
    REQUIRE(child_row != scoped.codes.end());
    CHECK(child_row->covered == 4);
}

TEST_CASE("codings are chosen by document group and by case, whole documents or passages",
          "[project][views]") {
    TwoCoders t;
    Project& p = t.p;
    const Id doc2 = p.add_document("Group 01", "Ann: We plan.\nBob: We wait.\n").document.id;
    const Id in_first = p.apply_code(t.doc, t.code, t.ann, 0, 7).coding.id;
    const Id anns_turn = p.apply_code(doc2, t.code, t.ann, 5, 13).coding.id;
    const Id bobs_turn = p.apply_code(doc2, t.code, t.ann, 19, 27).coding.id;
    const Id staff = p.add_group("staff").id;
    p.assign_to_group(staff, {t.doc});
    const Id participant = p.ensure_case("Participant A").id;
    p.link_case(participant, doc2, 0, 14);  // Ann's turn in the group interview
    const Id site = p.ensure_case("Site").id;
    p.link_case(site, t.doc);

    const auto ids = [&](const quire::CodingFilter& f) {
        std::vector<Id> out;
        for (const quire::Coding& c : p.codings(f)) {
            out.push_back(c.id);
        }
        return out;
    };
    quire::CodingFilter by_group;
    by_group.group_ids = {staff};
    CHECK(ids(by_group) == std::vector<Id>{in_first});
    quire::CodingFilter by_case;
    by_case.case_ids = {participant};
    CHECK(ids(by_case) == std::vector<Id>{anns_turn});
    by_case.case_ids = {participant, site};
    CHECK(ids(by_case) == std::vector<Id>{in_first, anns_turn});
    CHECK(std::find(ids({}).begin(), ids({}).end(), bobs_turn) != ids({}).end());
}
