// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/journal_ui.h"

#include <mutex>

#include "core/project/project.h"

namespace quire::gui {
namespace {

std::mutex actor_mutex;
std::string& actor() {
    static std::string who;
    return who;
}

}  // namespace

void set_workbench_actor(const std::string& who) {
    const std::lock_guard<std::mutex> lock(actor_mutex);
    actor() = who;
}

void label_actions(Project& project, const std::string& what) {
    std::string who;
    {
        const std::lock_guard<std::mutex> lock(actor_mutex);
        who = actor();
    }
    if (!who.empty()) {
        project.set_actor(who);
    }
    project.set_action_label(what);
}

std::string action_name(const std::string& menu_text) {
    std::string out;
    for (std::size_t i = 0; i < menu_text.size(); ++i) {
        const char c = menu_text[i];
        if (c == '\t') {
            break;  // the accelerator follows
        }
        if (c == '&') {
            if (i + 1 < menu_text.size() && menu_text[i + 1] == '&') {
                out += '&';
                ++i;
            }
            continue;
        }
        out += c;
    }
    const std::string ellipsis = "\xE2\x80\xA6";  // …
    if (out.size() >= ellipsis.size() &&
        out.compare(out.size() - ellipsis.size(), ellipsis.size(), ellipsis) == 0) {
        out.erase(out.size() - ellipsis.size());
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) {
        out.pop_back();
    }
    return out;
}

}  // namespace quire::gui
