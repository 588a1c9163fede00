// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// How search cuts text into words and folds them into index terms. Indexing, queries and
// hit resolution all go through this one tokenizer, so a hit's word number always maps
// back to the same characters.
//
// - Words are ICU word-break segments that contain a letter, number, kana or ideograph
//   (CJK and Thai are cut with ICU's dictionaries). Punctuation and spaces are not words.
// - "one-to-one" is three words, as a reader sees it; the query parser turns it into a
//   phrase. "person's" and "person’s" fold to "person"; "don’t" folds to "don't".
// - Folding: NFKC case folding, then combining accents removed ("Café" -> "cafe",
//   "naïve" -> "naive", "Straße" -> "strasse"). Marks that are letters in their script
//   (Devanagari vowel signs, Thai tone marks) are kept: only the combining diacritics of
//   Latin, Greek and Cyrillic text and Hebrew and Arabic pointing are removed. Latin letters
//   that have no accent to remove become the ASCII a reader types for them with ICU's
//   Latin-ASCII ("Łukasz" -> "lukasz", "Søren" -> "soren", "Æ" -> "ae", "þ" -> "th"), so
//   that every letter of Latin-1 and Latin Extended-A folds to ASCII letters; "col·legi"
//   folds to "collegi". Words made of ASCII alone take a fast path that only lowers case.
//   The index stores folded terms: a change here needs a new kFormat (index_internal.h).
namespace quire::search {

struct Word {
    std::int64_t start = 0;  // code points, relative to the tokenized text
    std::int64_t end = 0;
    std::size_t byte_start = 0;
    std::size_t byte_end = 0;
    std::string term;  // folded
};

// Where a word is, without its folded term (for finding hits again in stored text).
struct WordSpan {
    std::int64_t start = 0;  // code points, relative to the tokenized text
    std::int64_t end = 0;
    std::size_t byte_start = 0;
    std::size_t byte_end = 0;
};

class Tokenizer {
public:
    Tokenizer();
    ~Tokenizer();
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;

    // Calls sink(const Word&) for each word of `utf8` (valid UTF-8), in order. The Word
    // and its term are only valid during the call.
    template <typename Sink>
    void tokenize(std::string_view utf8, Sink&& sink) {
        begin(utf8);
        while (const Word* w = next()) {
            sink(*w);
        }
    }

    // The words of `utf8`; with `most`, only the first `most` of them.
    std::vector<Word> words(std::string_view utf8, std::size_t most = static_cast<std::size_t>(-1));

    // The first `most` word spans of `utf8`: the same words as words(), found faster.
    // Text made of ASCII and common typographic punctuation takes a path that follows
    // ICU's word-break rules for those characters exactly (tests compare the two); any
    // other text goes through ICU.
    std::vector<WordSpan> spans(std::string_view utf8,
                                std::size_t most = static_cast<std::size_t>(-1));

    // The folded form of one word as it would be indexed (no word breaking).
    std::string fold(std::string_view word);
    // The same, into a buffer reused by the next call.
    const std::string& folded(std::string_view word);

private:
    void begin(std::string_view utf8);
    const Word* next();

    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace quire::search
