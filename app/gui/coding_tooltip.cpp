// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/coding_tooltip.h"

#include <algorithm>

#include "core/text/unicode.h"

namespace quire::gui {
namespace {

// A tooltip is read at a glance: long memos end in an ellipsis.
constexpr std::size_t kMostBytes = 400;
// A call tip does not wrap by itself: lines of at most this many characters read well.
constexpr std::size_t kLineWidth = 72;

std::size_t characters(const std::string& utf8) {
    std::size_t n = 0;
    for (const char c : utf8) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a continuation byte
    }
    return n;
}

// Breaks each line of `text` between words so that none is longer than kLineWidth (a word
// longer than that stays whole).
std::string wrapped(const std::string& text) {
    std::string out;
    std::size_t from = 0;
    while (from <= text.size()) {
        const std::size_t end = std::min(text.find('\n', from), text.size());
        std::string line;
        std::size_t word_start = from;
        while (word_start < end) {
            std::size_t word_end = std::min(text.find(' ', word_start), end);
            const std::string word = text.substr(word_start, word_end - word_start);
            if (!line.empty() && characters(line) + 1 + characters(word) > kLineWidth) {
                out += line + "\n";
                line.clear();
            }
            line += (line.empty() ? "" : " ") + word;
            word_start = word_end + 1;
        }
        out += line;
        if (end >= text.size()) {
            break;
        }
        out += "\n";
        from = end + 1;
    }
    return out;
}

std::string shortened(std::string text) {
    if (text.size() <= kMostBytes) {
        return text;
    }
    text.resize(kMostBytes);
    while (!text.empty() && !text::is_valid_utf8(text)) {
        text.pop_back();  // do not cut a character in half
    }
    return text + "\u2026";
}

}  // namespace

std::string coding_tooltip(Project& project, const Coding& coding) {
    std::string coder;
    for (const Coder& c : project.coders()) {
        if (c.id == coding.coder_id) {
            coder = c.name;
        }
    }
    std::string tip = project.code_path(coding.code_id) + " \u2014 " + coder;
    if (!coding.memo.empty()) {
        tip += "\n" + wrapped(shortened(coding.memo));
    }
    for (const Memo& m : project.memos()) {
        if (m.target == Memo::Target::Coding && m.target_id == coding.id) {
            tip += "\n" + wrapped("Memo: " + shortened(m.text));
        }
    }
    return tip;
}

}  // namespace quire::gui
