// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/units.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>

#include "core/base/errors.h"
#include "core/text/turn_label.h"
#include "core/text/unicode.h"

namespace quire::agreement {
namespace {

struct ByteRange {
    std::size_t start;
    std::size_t end;
};

bool is_blank(std::string_view s) {
    return s.find_first_not_of(" \t\f\v\r\n") == std::string_view::npos;
}

ByteRange trim(std::string_view text, ByteRange r) {
    while (r.start < r.end && (text[r.start] == ' ' || text[r.start] == '\t')) {
        ++r.start;
    }
    while (r.end > r.start &&
           std::string_view(" \t\r\n\f\v").find(text[r.end - 1]) != std::string_view::npos) {
        --r.end;
    }
    return r;
}

std::vector<ByteRange> lines(std::string_view text) {
    std::vector<ByteRange> out;
    std::size_t from = 0;
    while (from <= text.size()) {
        const std::size_t nl = text.find('\n', from);
        const std::size_t to = nl == std::string_view::npos ? text.size() : nl;
        const ByteRange r = trim(text, {from, to});
        if (r.start < r.end) {
            out.push_back(r);
        }
        if (nl == std::string_view::npos) {
            break;
        }
        from = nl + 1;
    }
    return out;
}

std::vector<ByteRange> icu_segments(std::string_view text, bool words) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        words ? icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status)
              : icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) {
        throw Error(std::string("ICU break iterator unavailable: ") + u_errorName(status));
    }
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    it->setText(ut, status);
    std::vector<ByteRange> out;
    std::int32_t start = it->first();
    for (std::int32_t end = it->next(); end != icu::BreakIterator::DONE;
         start = end, end = it->next()) {
        // With UTF-8 UText, ICU's indices are byte offsets.
        const ByteRange r{static_cast<std::size_t>(start), static_cast<std::size_t>(end)};
        if (words) {
            if (it->getRuleStatus() != UBRK_WORD_NONE) {
                out.push_back(r);
            }
        } else {
            const ByteRange t = trim(text, r);
            if (t.start < t.end && !is_blank(text.substr(t.start, t.end - t.start))) {
                out.push_back(t);
            }
        }
    }
    utext_close(ut);
    return out;
}

}  // namespace

UnitKind unit_kind_from_string(const std::string& name) {
    for (UnitKind k : {UnitKind::Character, UnitKind::Word, UnitKind::Sentence, UnitKind::Paragraph,
                       UnitKind::Turn, UnitKind::Segment, UnitKind::Document}) {
        if (name == to_string(k)) {
            return k;
        }
    }
    throw InvalidInputError("unknown unit \"" + name +
                            "\" (character, word, sentence, paragraph, turn, segment or document)");
}

const char* to_string(UnitKind kind) {
    switch (kind) {
        case UnitKind::Character:
            return "character";
        case UnitKind::Word:
            return "word";
        case UnitKind::Sentence:
            return "sentence";
        case UnitKind::Paragraph:
            return "paragraph";
        case UnitKind::Turn:
            return "turn";
        case UnitKind::Segment:
            return "segment";
        case UnitKind::Document:
            return "document";
    }
    return "character";
}

std::vector<TextRange> text_units(std::string_view utf8, UnitKind kind) {
    std::vector<ByteRange> ranges;
    switch (kind) {
        case UnitKind::Word:
            ranges = icu_segments(utf8, true);
            break;
        case UnitKind::Sentence:
            ranges = icu_segments(utf8, false);
            break;
        case UnitKind::Paragraph:
            ranges = lines(utf8);
            break;
        case UnitKind::Turn: {
            for (const ByteRange& p : lines(utf8)) {
                const bool labelled =
                    text::opens_with_turn_label(utf8.substr(p.start, p.end - p.start));
                if (ranges.empty() || labelled) {
                    ranges.push_back(p);
                } else {
                    ranges.back().end = p.end;
                }
            }
            // Without any label every paragraph is a turn of its own.
            bool any_label = false;
            for (const ByteRange& p : lines(utf8)) {
                any_label =
                    any_label || text::opens_with_turn_label(utf8.substr(p.start, p.end - p.start));
            }
            if (!any_label) {
                ranges = lines(utf8);
            }
            break;
        }
        case UnitKind::Document:
            if (!utf8.empty()) {
                ranges.push_back({0, utf8.size()});
            }
            break;
        case UnitKind::Character:
        case UnitKind::Segment:
            throw InvalidInputError(std::string(to_string(kind)) +
                                    " units are not materialised as text units");
    }
    const text::OffsetMap offsets(utf8);
    std::vector<TextRange> out;
    out.reserve(ranges.size());
    for (const ByteRange& r : ranges) {
        out.push_back({offsets.code_point_of_byte(static_cast<std::int64_t>(r.start)),
                       offsets.code_point_of_byte(static_cast<std::int64_t>(r.end))});
    }
    return out;
}

}  // namespace quire::agreement
