// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>

#include "core/project/project.h"
#include "core/util/files.h"

// A project-level export written to a file, its format told by the file's extension: what
// the command line and the GUI's export menu write. Contract: InvalidInputError for an
// extension the content has no format for, ConflictError for an existing file not to be
// replaced, quire::Error when the file cannot be written; the file is never left half
// written.
namespace quire::exchange {

enum class ExportContent {
    Project,     // .qdpx (REFI-QDA project)
    Codebook,    // .qdc (REFI-QDA codebook), .xlsx, .csv, .md
    Segments,    // .xlsx, .csv: the coded segments with cases and attributes
    Codings,     // .csv: document, coder, code, start, end (what `codings import` reads)
    Report,      // .html: codebook, code frequencies and segments by code
    Memos,       // .xlsx, .csv, .md: every memo with what it is attached to
    Attributes,  // .xlsx, .csv: the attribute sheet (core/exchange/attribute_table.h)
};

enum class ExportFormat { Qdpx, Qdc, Xlsx, Csv, Markdown, Html };

struct ExportOptions {
    CodingFilter segments;  // which codings ExportContent::Segments takes
    util::IfExists if_exists = util::IfExists::Refuse;
    std::optional<ExportFormat> format;  // overrides the extension when set
};

// The format `path`'s extension names for `content`.
ExportFormat export_format(ExportContent content, const std::string& path);

// Writes `content` of `project` to `path`. An existing file is refused (ConflictError)
// before anything is rendered unless options.if_exists says Replace; the project's own file
// (or its -wal/-shm) is refused always.
void write_export(Project& project, ExportContent content, const std::string& path,
                  const ExportOptions& options = {});

}  // namespace quire::exchange
