// SPDX-License-Identifier: GPL-3.0-or-later
// Speaker turns: which paragraphs open with a speaker's label ("Dr. Smith:"), on transcripts
// we write and on real ones in ../shared/corpora (skipped without it).
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/agreement/units.h"
#include "core/formats/csv.h"
#include "core/text/unicode.h"
#include "tests/support/shared.h"

using quire::agreement::text_units;
using quire::agreement::UnitKind;

namespace {

// The first line of each turn of `text`.
std::vector<std::string> turn_openings(const std::string& text) {
    std::vector<std::string> out;
    for (const quire::TextRange& r : text_units(text, UnitKind::Turn)) {
        const std::string turn = quire::text::slice(text, r.start, r.end);
        out.push_back(turn.substr(0, turn.find('\n')));
    }
    return out;
}

// The stored text of a corpus file, as an import would keep it.
std::string stored_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    std::string bytes = s.str();
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) {
        bytes.erase(0, 3);
    }
    return quire::text::normalize_for_storage(bytes);
}

// The non-blank lines of `text`, trimmed as paragraphs are.
std::vector<std::string> paragraphs(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos) {
            continue;
        }
        const auto last = line.find_last_not_of(" \t\r");
        out.push_back(line.substr(first, last - first + 1));
    }
    return out;
}

}  // namespace

TEST_CASE("a speaker label may hold abbreviations, initials and degrees", "[agreement][units]") {
    const std::string text =
        "Interviewer: Welcome.\n"
        "Dr. Smith: Thanks for having me.\n"
        "I mean it.\n"
        "Mireille B. Reece, Psy.D: Glad to be here.\n"
        "**Mireille B. Reece, Psy.D:** The same label in Markdown.\n"
        "Mrs. O'Neill (parent): Me too.\n"
        "J. R. R. Tolkien: Ph.D. students, too.\n"
        "Prof. Ana Lima, Ph.D.: Hello.\n";
    CHECK(turn_openings(text) == std::vector<std::string>{
                                     "Interviewer: Welcome.",
                                     "Dr. Smith: Thanks for having me.",
                                     "Mireille B. Reece, Psy.D: Glad to be here.",
                                     "**Mireille B. Reece, Psy.D:** The same label in Markdown.",
                                     "Mrs. O'Neill (parent): Me too.",
                                     "J. R. R. Tolkien: Ph.D. students, too.",
                                     "Prof. Ana Lima, Ph.D.: Hello.",
                                 });
}

TEST_CASE("a sentence before a colon or a time is not a speaker label", "[agreement][units]") {
    const std::string text =
        "Ann: We started in May.\n"
        "No. What I mean is: we tried.\n"
        "It went well. Then: silence.\n"
        "Really? Yes: really.\n"
        "So \\[unintelligible 00:50:50.29\\] not a runtime dependency.\n"
        "10:30 the meeting began.\n"
        "Ben: Right.\n";
    CHECK(turn_openings(text) ==
          std::vector<std::string>{"Ann: We started in May.", "Ben: Right."});
}

TEST_CASE(
    "every Markdown speaker label of real podcast transcripts opens a turn, and nothing "
    "else does",
    "[shared][agreement][units]") {
    for (const char* name : {"brainscience_brain-science-13.md", "podcast_the-changelog-611.md",
                             "podcast_the-changelog-375.md", "rfc_request-for-commits-18.md"}) {
        const std::string file =
            quire::test::shared_file(std::string("corpora/changelog-podcasts/") + name);
        if (file.empty()) {
            return;
        }
        INFO(name);
        const std::string text = stored_text(file);
        // The corpus's own convention: "**Name:**" or "**Break**:" opens a paragraph.
        const std::regex label(R"(^\*\*[^*]+(:\*\*|\*\*:).*)");
        std::vector<std::string> expected;
        for (const std::string& p : paragraphs(text)) {
            if (std::regex_match(p, label) || expected.empty()) {
                expected.push_back(p);
            }
        }
        const std::vector<std::string> openings = turn_openings(text);
        CHECK(openings.size() == expected.size());
        for (std::size_t i = 0; i < std::min(openings.size(), expected.size()); ++i) {
            INFO("turn " << i);
            REQUIRE(openings[i] == expected[i]);
        }
    }
}

TEST_CASE("in real Zoom transcripts every cue's speaker opens a turn, and nothing else does",
          "[shared][agreement][units]") {
    for (const char* name :
         {"acdt-2026-03-02_072/transcript.vtt", "fcr-2026-03-03_004/transcript.vtt"}) {
        const std::string file =
            quire::test::shared_file(std::string("corpora/ethereum-pm-zoom/") + name);
        if (file.empty()) {
            return;
        }
        INFO(name);
        const std::string text = stored_text(file);
        // The line after a cue's time line is "Speaker Name: text".
        std::vector<std::string> expected;
        std::string previous;
        for (const std::string& p : paragraphs(text)) {
            if (previous.find("-->") != std::string::npos || expected.empty()) {
                expected.push_back(p);
            }
            previous = p;
        }
        CHECK(expected.size() > 100);
        CHECK(turn_openings(text) == expected);
    }
}

TEST_CASE("a real parliamentary record's speakers with accented names in brackets open turns",
          "[shared][agreement][units]") {
    const std::string file = quire::test::shared_file(
        "corpora/parlamint-es-ga-galician/ParlaMint-ES-GA_2018-10-16-DSPG086.txt");
    if (file.empty()) {
        return;
    }
    const std::string text = stored_text(file);
    const std::vector<std::string> openings = turn_openings(text);
    const std::set<std::string> opened(openings.begin(), openings.end());
    const std::regex label(R"(^(O señor|A señora) [^:]+:.*)");
    int labels = 0;
    for (const std::string& p : paragraphs(text)) {
        if (std::regex_match(p, label)) {
            ++labels;
            INFO(p);
            CHECK(opened.count(p) == 1);
        }
    }
    CHECK(labels == 20);
    CHECK(opened.count(
              "O señor CONSELLEIRO DE FACENDA (Martínez García): Moitas grazas, presidente.") == 1);
}
