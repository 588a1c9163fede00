// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/project/project.h"
#include "core/text/unicode.h"
#include "search/search.h"
#include "tests/support/scratch.h"

// The two-transcript project most search tests run on, and a way to list hits as text.
namespace quire::search::test {

inline constexpr const char* kAlpha =
    "Interviewer: Tell me about risk.\n"
    "Zo\u00EB (practitioner): The caf\u00E9 meeting was na\u00EFve \U0001F642 about risks. We were "
    "risking a lot.\n"
    "\n"
    "Interviewer: And uncertainty?\n"
    "Zo\u00EB (practitioner): Uncertainty is part of the work with the young person\u2019s "
    "family. One-to-one sessions help.\n";

inline constexpr const char* kBeta =
    "Sam: Exploitation and exploitative networks worry me.\n"
    "Sam: We talk about safety and risk in school. The family is far away from the risk here.\n"
    "\u5150\u7AE5\u306E\u5B89\u5168 \u306F \u5927\u5207 \u3067\u3059\n"
    "\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 risk\n";

struct Fixture {
    quire::test::ScratchDir dir;
    Project project = Project::create(dir.path("p.quire"), "Search test");
    Id alpha = 0;
    Id beta = 0;

    Fixture() {
        alpha = project.add_document("Alpha", kAlpha).document.id;
        beta = project.add_document("Beta", kBeta).document.id;
        project.ensure_attribute("role");
        project.set_document_attribute(alpha, "role", "referrer");
        // A case covering Beta's second paragraph only, with the same role.
        const auto c = project.ensure_case("Sam");
        const std::string beta_text = project.document_text(beta);
        const auto p2 = project.find_text(beta, "We talk about safety");
        REQUIRE(p2.size() == 1);
        const auto end = project.find_text(beta, "the risk here.");
        project.link_case(c.id, beta, p2[0].start, end[0].end);
        project.set_case_attribute(c.id, "role", "Referrer");
        const auto safety = project.add_code("Safety");
        const auto school = project.add_code("School", safety.id);
        const auto sam = project.ensure_coder("Sam");
        project.apply_code(beta, school.id, sam.id, p2[0].start, end[0].end);
    }

    std::string slice(const Hit& h) {
        return quire::text::slice(project.document_text(h.document), h.range.start, h.range.end);
    }

    std::vector<std::string> found(Index& index, const std::string& query,
                                   const quire::ScopeFilter& filter = {}) {
        SearchRequest r;
        r.query = query;
        r.filter = filter;
        r.limit = 1000;
        std::vector<std::string> out;
        for (const Hit& h : index.search(r).hits) {
            out.push_back(h.document_name + ":" + slice(h));
        }
        // Documents come in order of relevance, which these tests do not pin down.
        std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
            return a.substr(0, a.find(':')) < b.substr(0, b.find(':'));
        });
        return out;
    }
};

using Found = std::vector<std::string>;

}  // namespace quire::search::test
