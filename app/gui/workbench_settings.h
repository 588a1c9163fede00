// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>
#include <vector>

class wxConfigBase;

// What the workbench remembers between sessions: recent projects, the window's size and
// panes, the transcript's zoom and the coder's options. Kept in
// $XDG_CONFIG_HOME/quire/workbench.ini, never in a project (a project travels to other
// people and machines). A setting that cannot be read is its default; one that cannot be
// written is lost quietly: nothing here may stop the work.
namespace quire::gui {

class WorkbenchSettings {
public:
    WorkbenchSettings();
    ~WorkbenchSettings();
    WorkbenchSettings(const WorkbenchSettings&) = delete;
    WorkbenchSettings& operator=(const WorkbenchSettings&) = delete;

    // Most recent first, at most kRecentProjects, only files that still exist.
    std::vector<std::string> recent_projects() const;
    void add_recent_project(const std::string& path);
    static constexpr int kRecentProjects = 9;

    int number(const std::string& key, int fallback) const;
    void set_number(const std::string& key, int value);
    void flush();

private:
    std::unique_ptr<wxConfigBase> config_;
};

}  // namespace quire::gui
