// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/base/progress.h"
#include "core/formats/xlsx.h"
#include "core/query/query.h"

namespace quire {
class Project;
}

// What the query, matrix, co-occurrence and chart windows ask of core/query, without a
// window: the work runs on a BackgroundJob's worker on its own connection to the project
// (connections never cross threads), so indexing for a text operand never blocks the
// workbench. Everything here may throw quire::Error subclasses.
namespace quire::gui {

// Opens the project at `project_path` and calls `ask` with an engine that answers text
// operands through the project's search index.
void with_engine(const std::string& project_path, const Progress& progress,
                 const std::function<void(query::Engine& engine, Project& project)>& ask);

// The text of passages, each document read once however many of its passages are shown.
class PassageTexts {
public:
    // `context`: code points shown either side, in brackets.
    std::string text(Project& project, const query::Passage& passage, int context = 0);
    void clear() { documents_.clear(); }

private:
    struct Read {
        std::string text;
        std::int64_t length = 0;  // code points
    };
    std::map<Id, Read> documents_;
};

// "[12, 40)": a passage's range as the lists show it.
std::string range_text(const TextRange& range);

// Writes a table to `path` as CSV or XLSX by its extension, replacing what is there (the
// caller asked); never the project's file or SQLite's files beside it.
void write_table_file(const std::string& path, const std::string& project_path,
                      const std::string& sheet,
                      const std::vector<std::vector<util::XlsxCell>>& rows);

// Names joined with "; ".
std::string joined_names(const std::vector<std::string>& names);

}  // namespace quire::gui
