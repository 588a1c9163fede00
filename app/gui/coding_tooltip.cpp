// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/coding_tooltip.h"

#include "core/text/unicode.h"

namespace quire::gui {
namespace {

// A tooltip is read at a glance: long memos end in an ellipsis.
constexpr std::size_t kMostBytes = 400;

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
        tip += "\n" + shortened(coding.memo);
    }
    for (const Memo& m : project.memos()) {
        if (m.target == Memo::Target::Coding && m.target_id == coding.id) {
            tip += "\nMemo: " + shortened(m.text);
        }
    }
    return tip;
}

}  // namespace quire::gui
