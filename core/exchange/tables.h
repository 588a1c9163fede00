// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "core/project/project.h"

// Exports for colleagues who do not use Quire: coded segments and the codebook as
// spreadsheets and text, and a one-file HTML report of a project. Contract: the write_*
// functions throw quire::Error when the file cannot be written; the others only read.
namespace quire::exchange {

// One row per coding: document, cases, every attribute (document value, else the value of
// the document's case), code path, coder, start, end (code points), text.
std::string segments_csv(Project& project, const CodingFilter& filter = {});
void write_segments_xlsx(Project& project, const CodingFilter& filter, const std::string& path);

// Every field of every code, in codebook order.
std::string codebook_csv(Project& project);
std::string codebook_markdown(Project& project);
void write_codebook_xlsx(Project& project, const std::string& path);

// Every memo with what it is attached to: one row per memo (id, kind, attached to, author,
// title, created, updated, text), or Markdown grouped by kind.
std::string memos_csv(Project& project);
std::string memos_markdown(Project& project);
void write_memos_xlsx(Project& project, const std::string& path);

// Codebook, code frequencies with a chart, and the coded segments grouped by code.
std::string project_report_html(Project& project);

}  // namespace quire::exchange
