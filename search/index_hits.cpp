// SPDX-License-Identifier: GPL-3.0-or-later
// Hits resolved to exact code points by reading their paragraph again, their snippets,
// and coding them.
#include <set>
#include <tuple>

#include "core/project/project.h"
#include "search/index_internal.h"

namespace quire::search {

// Reads one paragraph from the project file (its bytes only) and finds its first
// `needed` words again.
ParagraphText Index::Impl::read_paragraph(Id document, const Paragraph& p, std::size_t needed) {
    ParagraphText t;
    t.text = project.document_text_bytes(document, p.start_byte, p.bytes);
    needed = std::min<std::size_t>(needed, p.words);
    t.words = tokenizer.spans(t.text, needed);
    t.start_cp = p.start_cp;
    const std::size_t first = t.text.find_first_not_of(" \t\f\v\r");
    const std::size_t last = t.text.find_last_not_of(" \t\f\v\r");
    t.trimmed_start = p.start_cp + count_code_points(std::string_view(t.text).substr(0, first));
    t.trimmed_end = p.start_cp + count_code_points(std::string_view(t.text).substr(0, last + 1));
    if (t.words.size() != needed) {
        throw SearchIndexError("the search index does not match the project's text");
    }
    return t;
}

// The text around a hit, cut at spaces: context is measured in bytes, so that only
// the words up to the hit have to be found again.
std::string snippet(const ParagraphText& t, const std::vector<Span>& spans, const Paragraph& p,
                    const Span& hit) {
    constexpr std::size_t kBefore = 36;
    constexpr std::size_t kAfter = 110;
    const std::string& x = t.text;
    const std::size_t hit_from = t.words[hit.first - p.first].byte_start;
    const std::size_t hit_to = t.words[hit.last - p.first].byte_end;
    std::size_t from = x.find_first_not_of(" \t\f\v\r");
    std::size_t to = x.find_last_not_of(" \t\f\v\r") + 1;
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
    for (const Span& s : spans) {
        const std::size_t b = t.words[s.first - p.first].byte_start;
        const std::size_t e = t.words[s.last - p.first].byte_end;
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
    std::set<std::tuple<Id, std::int64_t, std::int64_t>> ranges;
    for (const Hit& h : hits) {
        if (spread == Spread::Paragraph) {
            ranges.insert({h.document, h.paragraph_start, h.paragraph_end});
        } else {
            ranges.insert({h.document, h.start, h.end});
        }
    }
    CodeHitsOutcome outcome;
    Project::Action action(project);
    for (const auto& [doc, start, end] : ranges) {
        const ApplyOutcome r = project.apply_code(doc, code, coder, start, end);
        if (r.existed) {
            ++outcome.already_coded;
        } else {
            outcome.added.push_back(r.coding.id);
        }
    }
    action.commit();
    return outcome;
}

}  // namespace quire::search
