// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/exchange/export.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/exchange/attribute_table.h"
#include "core/exchange/qdpx_export.h"
#include "core/exchange/tables.h"

namespace quire::exchange {
namespace {

using Formats = std::vector<std::pair<std::string, ExportFormat>>;

struct ContentFormats {
    std::string what;  // for error messages
    Formats formats;   // the first is the content's usual format
};

ContentFormats formats_of(ExportContent content) {
    switch (content) {
        case ExportContent::Project:
            return {"a REFI-QDA project", {{".qdpx", ExportFormat::Qdpx}}};
        case ExportContent::Codebook:
            return {"the codebook",
                    {{".qdc", ExportFormat::Qdc},
                     {".xlsx", ExportFormat::Xlsx},
                     {".csv", ExportFormat::Csv},
                     {".md", ExportFormat::Markdown}}};
        case ExportContent::Segments:
            return {"coded segments", {{".xlsx", ExportFormat::Xlsx}, {".csv", ExportFormat::Csv}}};
        case ExportContent::Codings:
            return {"codings", {{".csv", ExportFormat::Csv}}};
        case ExportContent::Report:
            return {"the project report", {{".html", ExportFormat::Html}}};
        case ExportContent::Memos:
            return {"memos",
                    {{".xlsx", ExportFormat::Xlsx},
                     {".csv", ExportFormat::Csv},
                     {".md", ExportFormat::Markdown}}};
        case ExportContent::Attributes:
            return {"the attribute sheet",
                    {{".xlsx", ExportFormat::Xlsx}, {".csv", ExportFormat::Csv}}};
    }
    throw InvalidInputError("unknown kind of export");
}

// An explicitly chosen format still has to be one the content comes in.
ExportFormat checked_format(ExportContent content, ExportFormat format, const std::string& path) {
    const ContentFormats known = formats_of(content);
    const bool offered = std::any_of(known.formats.begin(), known.formats.end(),
                                     [&](const auto& entry) { return entry.second == format; });
    if (!offered) {
        throw InvalidInputError(known.what + " has no such format (writing \"" + path + "\")");
    }
    return format;
}

std::string export_text(Project& project, ExportContent content, ExportFormat format,
                        const CodingFilter& segments) {
    switch (format) {
        case ExportFormat::Markdown:
            return content == ExportContent::Memos ? memos_markdown(project)
                                                   : codebook_markdown(project);
        case ExportFormat::Html:
            return project_report_html(project);
        case ExportFormat::Csv:
            if (content == ExportContent::Codebook) {
                return codebook_csv(project);
            }
            if (content == ExportContent::Memos) {
                return memos_csv(project);
            }
            if (content == ExportContent::Attributes) {
                return attribute_sheet_csv(project);
            }
            return content == ExportContent::Segments ? segments_csv(project, segments)
                                                      : project.export_codings_csv();
        default:
            throw InvalidInputError("not a text format");
    }
}

}  // namespace

ExportFormat export_format(ExportContent content, const std::string& path) {
    const ContentFormats known = formats_of(content);
    return util::format_by_extension(path, known.what, known.formats);
}

void write_export(Project& project, ExportContent content, const std::string& path,
                  const ExportOptions& options) {
    const ExportFormat format = options.format ? checked_format(content, *options.format, path)
                                               : export_format(content, path);
    util::refuse_project_file(path, project.path());
    if (options.if_exists == util::IfExists::Refuse) {
        util::refuse_existing_file(path);
    }
    // One state of the file throughout, though other programs may be coding meanwhile:
    // an export never holds a coding whose code or document it lacks.
    Project::Action snapshot(project, Project::Action::Access::Read);
    // The zip formats are written beside the target and moved into place by their own
    // writers; .qdc and the text formats go through write_file_atomically.
    switch (format) {
        case ExportFormat::Qdpx:
            export_qdpx(project, path);
            return;
        case ExportFormat::Qdc:
            export_qdc(project, path);
            return;
        case ExportFormat::Xlsx:
            if (content == ExportContent::Segments) {
                write_segments_xlsx(project, options.segments, path);
            } else if (content == ExportContent::Memos) {
                write_memos_xlsx(project, path);
            } else if (content == ExportContent::Attributes) {
                write_attribute_sheet_xlsx(project, path);
            } else {
                write_codebook_xlsx(project, path);
            }
            return;
        default:
            util::write_file_atomically(
                path, export_text(project, content, format, options.segments), options.if_exists);
    }
}

}  // namespace quire::exchange
