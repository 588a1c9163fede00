// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/graphemes.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <string>

#include "core/base/errors.h"
#include "core/text/unicode.h"

namespace quire::text {

struct GraphemeBreaks::State {
    explicit State(std::string_view utf8) : offsets(utf8) {}
    ~State() {
        if (utext != nullptr) {
            utext_close(utext);
        }
    }
    OffsetMap offsets;  // validates the text first
    UText* utext = nullptr;
    std::unique_ptr<icu::BreakIterator> breaks;

    // ICU counts UTF-8 text in bytes.
    std::int32_t byte_of(std::int64_t cp) const {
        return static_cast<std::int32_t>(offsets.byte_of(cp));
    }
};

GraphemeBreaks::GraphemeBreaks(std::string_view utf8) : state_(std::make_unique<State>(utf8)) {
    UErrorCode status = U_ZERO_ERROR;
    state_->utext =
        utext_openUTF8(nullptr, utf8.data(), static_cast<std::int64_t>(utf8.size()), &status);
    state_->breaks.reset(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    if (U_SUCCESS(status) && state_->breaks) {
        state_->breaks->setText(state_->utext, status);
    }
    if (U_FAILURE(status) || !state_->breaks) {
        throw Error(std::string("cannot find the characters of a text: ") + u_errorName(status));
    }
}

GraphemeBreaks::~GraphemeBreaks() = default;

bool GraphemeBreaks::is_boundary(std::int64_t cp) {
    return state_->breaks->isBoundary(state_->byte_of(cp));
}

TextRange GraphemeBreaks::widen(const TextRange& range) {
    State& s = *state_;
    std::int32_t start = s.byte_of(range.start);
    std::int32_t end = s.byte_of(range.end);
    if (!s.breaks->isBoundary(start)) {
        start = s.breaks->preceding(start);
    }
    if (!s.breaks->isBoundary(end)) {
        end = s.breaks->following(end);
    }
    return {s.offsets.code_point_of_byte(start), s.offsets.code_point_of_byte(end)};
}

}  // namespace quire::text
