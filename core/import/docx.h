// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

// Plain text of Word .docx files (WordprocessingML), for importing transcripts.
// Both functions throw quire::ImportError for anything that is not a readable .docx.
//
// What the text contains:
// - Only the main document part (found through _rels/.rels, else word/document.xml);
//   headers, footers, footnotes, endnotes and comments are left out.
// - One line per paragraph in document order, '\n' between lines, no trailing newline.
//   Empty paragraphs stay as empty lines: they are part of the transcript's layout.
//   Headings and list items are their text only (no numbers or bullets).
// - A table row is one line: cell texts joined by '\t'. A cell's non-empty paragraphs are
//   joined by a space, and tabs and line breaks inside a cell become spaces, so a row
//   never spans lines and column boundaries stay unambiguous (nested tables flatten).
// - w:t text is kept byte for byte, except that a raw CR or LF inside w:t becomes a space
//   (Word displays it as one; only w:br starts a new line).
//   w:tab -> '\t', w:br and w:cr -> '\n', w:noBreakHyphen -> U+2011, w:softHyphen -> nothing.
// - A page or column break becomes '\n' when it separates text inside a paragraph and
//   nothing at the start or end of one, so a break in its own paragraph adds no extra line.
// - Text boxes: their paragraphs become lines right after the line of the paragraph that
//   anchors them (inside a table cell they join the cell's text). mc:AlternateContent
//   contributes only its first mc:Choice (else mc:Fallback), so a box is never doubled.
// - Tracked changes read as if all were accepted: insertions and move destinations kept,
//   deletions and move sources dropped, and a paragraph whose mark was deleted joins the
//   next paragraph (so a wholly deleted paragraph leaves no empty line).
// - Field results are kept, field instructions dropped. Ruby (phonetic guide) text is
//   dropped, the base text kept. w:sym gives its character when w:char is a hex code
//   point, but not for U+F000-U+F0FF (Word's slots for Symbol/Wingdings glyphs).
// The result is valid UTF-8 but not yet NFC-normalised: the caller normalises.
namespace quire {

// Reads the .docx file at path.
std::string extract_docx_text(const std::string& path);

// Same, from the bytes of a .docx file held in memory.
std::string extract_docx_text_from_memory(const std::string& bytes);

}  // namespace quire
