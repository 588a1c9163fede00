// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

// A generated corpus of fictional interview transcripts for the search benchmark: speaker
// turns ("Interviewer: ..." / "Participant: ..."), one paragraph per line, LF endings,
// words drawn from a Zipf-like vocabulary of common English words, words of a
// child-protection programme, a few accented words, contractions with ’, hyphenated words,
// rare emoji and CJK words, and a long tail of generated pseudo-words. Deterministic: the
// same count gives the same text.
namespace bench {

struct Corpus {
    std::vector<std::string> names;  // "interview-0001"
    std::vector<std::string> texts;  // one transcript each
    std::uint64_t words = 0;         // split by whitespace
    std::uint64_t bytes = 0;         // UTF-8
    std::uint64_t paragraphs = 0;    // non-blank lines
    std::size_t distinct_words = 0;  // vocabulary entries that occur at least once
    // Chosen from what was generated, so that each occurs:
    std::vector<std::string> rare_words;    // tail pseudo-words that occur 3 to 12 times
    std::vector<std::string> long_phrases;  // runs of 4 to 6 words taken from the text
};

Corpus generate_corpus(int transcripts, int words_per_transcript = 11500);

}  // namespace bench
