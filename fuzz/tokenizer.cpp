// SPDX-License-Identifier: GPL-3.0-or-later
// The search tokenizer: words() through ICU and the fast spans() must find the same words,
// and every word must map back to the characters it came from.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/unicode.h"
#include "fuzz/check.h"
#include "search/tokenizer.h"

using quire::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // The tokenizer is given stored text or queries, both valid UTF-8.
    if (!quire::text::is_valid_utf8(text)) {
        return 0;
    }
    static quire::search::Tokenizer tokenizer;
    const std::vector<quire::search::Word> words = tokenizer.words(text);
    const std::vector<quire::search::WordSpan> spans = tokenizer.spans(text);
    check(words.size() == spans.size(), "words() and spans() find as many words");
    const quire::text::OffsetMap offsets(text);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const quire::search::Word& w = words[i];
        check(w.start == spans[i].start && w.end == spans[i].end &&
                  w.byte_start == spans[i].byte_start && w.byte_end == spans[i].byte_end,
              "words() and spans() agree on every word");
        check(0 <= w.start && w.start < w.end && w.end <= offsets.code_points(),
              "a word is a non-empty range inside the text");
        check(offsets.byte_of(w.start) == static_cast<std::int64_t>(w.byte_start) &&
                  offsets.byte_of(w.end) == static_cast<std::int64_t>(w.byte_end),
              "a word's bytes are its code points");
        check(quire::text::is_valid_utf8(w.term), "a folded term is valid UTF-8");
        check(tokenizer.fold(text.substr(w.byte_start, w.byte_end - w.byte_start)) == w.term,
              "a word's term is its folded text");
    }
    return 0;
}
