// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/workbench_settings.h"

#include <wx/fileconf.h>

#include <algorithm>
#include <filesystem>

#include "app/gui/wx_strings.h"
#include "core/base/errors.h"
#include "core/util/paths.h"

namespace quire::gui {
namespace {

std::string settings_path() {
    try {
        return util::user_config_dir() + "/workbench.ini";
    } catch (const Error&) {
        return "";  // no folder for settings: the defaults, every time
    }
}

}  // namespace

WorkbenchSettings::WorkbenchSettings() {
    const std::string path = settings_path();
    config_ = std::make_unique<wxFileConfig>("quire", "", path.empty() ? wxString() : wx(path),
                                             wxString(), wxCONFIG_USE_LOCAL_FILE);
}

WorkbenchSettings::~WorkbenchSettings() {
    flush();
}

std::vector<std::string> WorkbenchSettings::recent_projects() const {
    std::vector<std::string> out;
    for (int i = 1; i <= kRecentProjects; ++i) {
        wxString value;
        if (!config_->Read(wxString::Format("/recent/%d", i), &value) || value.empty()) {
            continue;
        }
        const std::string path = utf8(value);
        std::error_code ec;
        if (std::filesystem::is_regular_file(path, ec)) {
            out.push_back(path);
        }
    }
    return out;
}

void WorkbenchSettings::add_recent_project(const std::string& path) {
    std::error_code ec;
    std::string absolute = std::filesystem::absolute(path, ec).lexically_normal().string();
    if (ec) {
        absolute = path;
    }
    std::vector<std::string> recent = recent_projects();
    recent.erase(std::remove(recent.begin(), recent.end(), absolute), recent.end());
    recent.insert(recent.begin(), absolute);
    config_->DeleteGroup("/recent");
    for (std::size_t i = 0; i < recent.size() && i < kRecentProjects; ++i) {
        config_->Write(wxString::Format("/recent/%zu", i + 1), wx(recent[i]));
    }
    flush();
}

int WorkbenchSettings::number(const std::string& key, int fallback) const {
    long value = fallback;
    config_->Read(wx("/workbench/" + key), &value, fallback);
    return static_cast<int>(value);
}

void WorkbenchSettings::set_number(const std::string& key, int value) {
    config_->Write(wx("/workbench/" + key), static_cast<long>(value));
}

void WorkbenchSettings::flush() {
    config_->Flush();
}

}  // namespace quire::gui
