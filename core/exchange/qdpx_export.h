// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "core/project/project.h"

// REFI-QDA export (QDA-XML 1.0, schemas Project-mrt2019.xsd and Codebook-mrt2019.xsd).
// Positions are written as Quire stores them: code points into the stored (NFC, LF) text,
// end exclusive, which is what the standard says (some Windows tools count UTF-16 units).
//
// What the schema cannot say, and what we write instead:
//  - a coding memo (Coding::memo) becomes the Description of the coding's own
//    PlainTextSelection (CodingType has no Description; every coding gets its own selection);
//  - a memo on a case is a project-level Note joined to the case by a Link (CaseType has no
//    NoteRef);
//  - a case linked to a segment of a document gets an uncoded PlainTextSelection in that
//    source, referenced from the case by SelectionRef.
//
// All functions may throw quire::Error.
namespace quire::exchange {

// Writes the whole project as a REFI-QDA project (.qdpx: a zip with project.qde and
// sources/<GUID>.txt). Throws quire::Error when the file cannot be written; never leaves a
// partial file. An existing file at `path` is replaced only by a complete archive.
void export_qdpx(Project& project, const std::string& path);
// Writes the codebook as a REFI-QDA codebook (.qdc, a bare XML file). Throws
// InvalidInputError when the project has no codes (the schema needs at least one).
void export_qdc(Project& project, const std::string& path);

// The project.qde / codebook XML as text (for tests and for export_*).
std::string project_qde_xml(Project& project);
std::string codebook_qdc_xml(Project& project);

}  // namespace quire::exchange
