// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/query_work.h"

#include <algorithm>
#include <cstdio>

#include "core/formats/csv.h"
#include "core/project/project.h"
#include "core/text/unicode.h"
#include "core/util/files.h"
#include "search/search.h"
#include "search/text_finder.h"

namespace quire::gui {

void with_engine(const std::string& project_path, const Progress& progress,
                 const std::function<void(query::Engine& engine, Project& project)>& ask) {
    Project project = Project::open(project_path);
    search::IndexTextFinder text(project, progress);
    query::Engine engine(project, &text);
    ask(engine, project);
}

std::string PassageTexts::text(Project& project, const query::Passage& passage, int context) {
    auto found = documents_.find(passage.document);
    if (found == documents_.end()) {
        std::string whole = project.document_text(passage.document);
        const std::int64_t length = text::code_point_count(whole);
        found = documents_.emplace(passage.document, Read{std::move(whole), length}).first;
    }
    const std::string& whole = found->second.text;
    const std::int64_t length = found->second.length;
    std::string shown = text::slice(whole, passage.range.start, passage.range.end);
    if (context > 0) {
        const std::int64_t from = std::max<std::int64_t>(0, passage.range.start - context);
        const std::string before = text::slice(whole, from, passage.range.start);
        const std::string after =
            text::slice(whole, passage.range.end, std::min(length, passage.range.end + context));
        const auto trimmed = [](const std::string& text) {
            const std::size_t first = text.find_first_not_of(" \t\n");
            return first == std::string::npos
                       ? std::string()
                       : text.substr(first, text.find_last_not_of(" \t\n") - first + 1);
        };
        const std::string shown_before = trimmed(before);
        const std::string shown_after = trimmed(after);
        shown = (shown_before.empty() ? "" : "[" + shown_before + "] ") + shown +
                (shown_after.empty() ? "" : " [" + shown_after + "]");
    }
    std::replace(shown.begin(), shown.end(), '\n', ' ');
    return shown;
}

std::string range_text(const TextRange& range) {
    return "[" + std::to_string(range.start) + ", " + std::to_string(range.end) + ")";
}

void write_table_file(const std::string& path, const std::string& project_path,
                      const std::string& sheet,
                      const std::vector<std::vector<util::XlsxCell>>& rows) {
    util::refuse_project_file(path, project_path);
    const std::string extension = util::lower_extension(path);
    if (extension == ".xlsx") {
        util::write_xlsx(path, {util::XlsxSheet{sheet, rows}});
        return;
    }
    if (extension != ".csv") {
        util::throw_unknown_extension(path, "a table", {".csv", ".xlsx"});
    }
    util::write_file_atomically(path, util::rows_as_csv(rows), util::IfExists::Replace);
}

std::string joined_names(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) {
        out += (out.empty() ? "" : "; ") + n;
    }
    return out;
}

}  // namespace quire::gui
