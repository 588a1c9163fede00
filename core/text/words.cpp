// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/words.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include <algorithm>
#include <functional>
#include <string>

#include "core/base/errors.h"
#include "core/text/graphemes.h"
#include "core/text/unicode.h"

namespace quire::text {

struct WordBreaks::State {
    explicit State(std::string_view utf8) : text(utf8), offsets(utf8) {}
    ~State() {
        if (utext != nullptr) {
            utext_close(utext);
        }
    }
    std::string_view text;
    OffsetMap offsets;  // validates the text first
    UText* utext = nullptr;
    std::unique_ptr<icu::BreakIterator> breaks;

    bool is_space(std::int64_t cp) const {
        auto i = static_cast<std::int32_t>(offsets.byte_of(cp));
        UChar32 c = 0;
        U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data()), i,
                static_cast<std::int32_t>(text.size()), c);
        return u_isUWhiteSpace(c) != 0;
    }
    std::int32_t byte_of(std::int64_t cp) const {
        return static_cast<std::int32_t>(offsets.byte_of(cp));
    }
    std::int64_t cp_of(std::int32_t byte) const { return offsets.code_point_of_byte(byte); }
    // Whether the segment that holds byte `inside` (not a boundary) is a word rather than
    // spaces or punctuation.
    bool in_word(std::int32_t inside) {
        breaks->following(inside);
        return breaks->getRuleStatus() != UBRK_WORD_NONE;
    }
};

WordBreaks::WordBreaks(std::string_view utf8) : state_(std::make_unique<State>(utf8)) {
    UErrorCode status = U_ZERO_ERROR;
    state_->utext =
        utext_openUTF8(nullptr, utf8.data(), static_cast<std::int64_t>(utf8.size()), &status);
    state_->breaks.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_SUCCESS(status) && state_->breaks) {
        state_->breaks->setText(state_->utext, status);
    }
    if (U_FAILURE(status) || !state_->breaks) {
        throw Error(std::string("cannot find the words of a text: ") + u_errorName(status));
    }
}

WordBreaks::~WordBreaks() = default;

TextRange WordBreaks::snap(const TextRange& range) {
    if (range.empty()) {
        return range;
    }
    State& s = *state_;
    TextRange trimmed = range;
    while (trimmed.start < trimmed.end && s.is_space(trimmed.start)) {
        ++trimmed.start;
    }
    while (trimmed.end > trimmed.start && s.is_space(trimmed.end - 1)) {
        --trimmed.end;
    }
    if (trimmed.empty()) {
        return range;  // only spaces: nothing to snap to
    }
    std::int32_t start = s.byte_of(trimmed.start);
    std::int32_t end = s.byte_of(trimmed.end);
    if (!s.breaks->isBoundary(start)) {
        start = s.in_word(start) ? s.breaks->preceding(start) : s.breaks->following(start);
    }
    if (!s.breaks->isBoundary(end)) {
        end = s.in_word(end) ? s.breaks->following(end) : s.breaks->preceding(end);
    }
    if (start >= end) {
        return range;  // only punctuation: nothing to snap to
    }
    return {s.cp_of(start), s.cp_of(end)};
}

namespace {

// One code point as find_folded compares it: decomposed, marks dropped, case folded.
void fold_into(char32_t c, const icu::Normalizer2& nfd, std::u32string& out) {
    if (c < 0x80) {
        out.push_back(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        return;
    }
    icu::UnicodeString decomposed;
    if (!nfd.getDecomposition(static_cast<UChar32>(c), decomposed)) {
        decomposed = icu::UnicodeString(static_cast<UChar32>(c));
    }
    icu::UnicodeString bare;
    for (std::int32_t i = 0; i < decomposed.length();) {
        const UChar32 d = decomposed.char32At(i);
        if (u_charType(d) != U_NON_SPACING_MARK) {
            bare.append(d);
        }
        i += U16_LENGTH(d);
    }
    bare.foldCase();
    for (std::int32_t i = 0; i < bare.length();) {
        const UChar32 f = bare.char32At(i);
        out.push_back(static_cast<char32_t>(f));
        i += U16_LENGTH(f);
    }
}

const icu::Normalizer2& nfd_instance() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || nfd == nullptr) {
        throw Error(std::string("cannot compare texts without accents: ") + u_errorName(status));
    }
    return *nfd;
}

// Decodes UTF-8 that OffsetMap has validated.
template <typename Each>
void for_each_code_point(std::string_view utf8, Each each) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
    std::int32_t i = 0;
    const auto length = static_cast<std::int32_t>(utf8.size());
    while (i < length) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        each(static_cast<char32_t>(c));
    }
}

}  // namespace

std::vector<TextRange> find_folded(std::string_view text, std::string_view needle) {
    const OffsetMap validated(text);
    if (!is_valid_utf8(needle)) {
        throw InvalidInputError("the text to find is not valid UTF-8");
    }
    const icu::Normalizer2& nfd = nfd_instance();
    std::u32string folded_needle;
    for_each_code_point(needle, [&](char32_t c) { fold_into(c, nfd, folded_needle); });
    std::vector<TextRange> found;
    if (folded_needle.empty()) {
        return found;
    }
    std::u32string folded;
    std::vector<std::int64_t> origin;  // folded index -> code point of `text`
    folded.reserve(text.size());
    origin.reserve(text.size());
    std::int64_t cp = 0;
    for_each_code_point(text, [&](char32_t c) {
        const std::size_t before = folded.size();
        fold_into(c, nfd, folded);
        origin.insert(origin.end(), folded.size() - before, cp);
        ++cp;
    });
    const std::boyer_moore_horspool_searcher searcher(folded_needle.begin(), folded_needle.end());
    GraphemeBreaks characters(text);
    auto from = folded.begin();
    while (true) {
        const auto hit = std::search(from, folded.end(), searcher);
        if (hit == folded.end()) {
            break;
        }
        const auto first = static_cast<std::size_t>(hit - folded.begin());
        const std::size_t last = first + folded_needle.size() - 1;
        const TextRange whole = characters.widen({origin[first], origin[last] + 1});
        if (found.empty() || whole.start >= found.back().end) {
            found.push_back(whole);
        }
        from = hit + static_cast<std::ptrdiff_t>(folded_needle.size());
    }
    return found;
}

}  // namespace quire::text
