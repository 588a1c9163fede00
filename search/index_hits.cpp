// SPDX-License-Identifier: GPL-3.0-or-later
// Hits resolved to exact code points by reading their paragraph again, their snippets,
// and coding them.
#include <algorithm>
#include <set>
#include <utility>

#include "core/project/project.h"
#include "core/text/unicode.h"
#include "search/index_internal.h"

namespace quire::search {

namespace {

// What trimming a paragraph removes (the line break is not part of it).
constexpr const char* kSpaces = " \t\f\v\r";

}  // namespace

ParagraphText read_paragraph(Project& project, Tokenizer& tokenizer, Id document,
                             const Paragraph& p, std::size_t needed) {
    ParagraphText t;
    t.text = project.document_text_bytes(document, p.start_byte, p.bytes);
    needed = std::min<std::size_t>(needed, p.words);
    t.words = tokenizer.spans(t.text, needed);
    t.first = p.first;
    t.start_cp = p.start_cp;
    const std::size_t first = t.text.find_first_not_of(kSpaces);
    const std::size_t last = t.text.find_last_not_of(kSpaces);
    t.trimmed.start =
        p.start_cp + text::code_point_count(std::string_view(t.text).substr(0, first));
    t.trimmed.end =
        p.start_cp + text::code_point_count(std::string_view(t.text).substr(0, last + 1));
    if (t.words.size() != needed) {
        throw DamagedIndexError("the search index does not match the project's text");
    }
    return t;
}

TextRange ParagraphText::range_of(const PositionRange& match) const {
    return {start_cp + words[match.first - first].start, start_cp + words[match.last - first].end};
}

// Context is measured in bytes, so that only the words up to the hit have to be found
// again.
std::string ParagraphText::snippet(const std::vector<PositionRange>& matches,
                                   const PositionRange& hit) const {
    constexpr std::size_t kBefore = 36;
    constexpr std::size_t kAfter = 110;
    const std::string& x = text;
    const std::size_t hit_from = words[hit.first - first].byte_start;
    const std::size_t hit_to = words[hit.last - first].byte_end;
    std::size_t from = x.find_first_not_of(kSpaces);
    std::size_t to = x.find_last_not_of(kSpaces) + 1;
    bool cut_before = false;
    bool cut_after = false;
    if (hit_from > from + kBefore) {
        const std::size_t space = x.find(' ', hit_from - kBefore);
        if (space != std::string::npos && space < hit_from) {
            from = space + 1;
            cut_before = true;
        }
    }
    if (hit_to + kAfter < to) {
        const std::size_t space = x.rfind(' ', hit_to + kAfter);
        if (space != std::string::npos && space >= hit_to) {
            to = space;
            cut_after = true;
        }
    }
    std::string out = cut_before ? "\u2026" : "";
    std::size_t at = from;
    // Only the matches inside the snippet: a paragraph may have hundreds of thousands.
    const auto inside = std::partition_point(
        matches.begin(), matches.end(),
        [&](const PositionRange& s) { return words[s.first - first].byte_start < from; });
    for (auto m = inside; m != matches.end(); ++m) {
        const PositionRange& s = *m;
        const std::size_t b = words[s.first - first].byte_start;
        const std::size_t e = words[s.last - first].byte_end;
        if (b >= to) {
            break;
        }
        if (b < at || e > to) {
            continue;
        }
        out.append(x, at, b - at);
        out += "**";
        out.append(x, b, e - b);
        out += "**";
        at = e;
    }
    out.append(x, at, to - at);
    if (cut_after) {
        out += "\u2026";
    }
    return out;
}

CodeHitsOutcome code_hits(Project& project, const std::vector<Hit>& hits, Id code, Id coder,
                          Spread spread) {
    std::set<std::pair<Id, TextRange>> ranges;
    for (const Hit& h : hits) {
        ranges.insert({h.document, spread == Spread::Paragraph ? h.paragraph : h.range});
    }
    CodeHitsOutcome outcome;
    Project::Action action(project);
    // A document's ranges at once: its row is read once, not once per hit.
    for (auto it = ranges.begin(); it != ranges.end();) {
        const Id doc = it->first;
        std::vector<TextRange> of_document;
        for (; it != ranges.end() && it->first == doc; ++it) {
            of_document.push_back(it->second);
        }
        for (const ApplyOutcome& r : project.apply_code_ranges(doc, code, coder, of_document)) {
            if (r.existed) {
                ++outcome.already_coded;
            } else {
                outcome.added.push_back(r.coding.id);
            }
        }
    }
    action.commit();
    return outcome;
}

}  // namespace quire::search
