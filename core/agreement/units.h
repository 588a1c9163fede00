// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/text_range.h"

// Units of analysis for agreement: how a transcript is cut into the things coders agree
// or disagree about. All ranges are half-open code-point ranges of the stored text.
namespace quire::agreement {

enum class UnitKind { Character, Word, Sentence, Paragraph, Turn, Segment, Document };

// "character", "word", ... Throws InvalidInputError for an unknown name.
UnitKind unit_kind_from_string(const std::string& name);
const char* to_string(UnitKind kind);

// The units of `text` for Word, Sentence, Paragraph, Turn and Document (Character and
// Segment units are not materialised: agreement sweeps ranges for those).
// - Word: ICU word boundaries, keeping only segments that contain a letter, number or
//   ideograph (punctuation and spaces are not words).
// - Sentence: ICU sentence boundaries, trailing white space excluded, blank ones dropped.
// - Paragraph: each non-blank line (the convention of NVivo and of imported .docx, where a
//   paragraph is one line), leading and trailing white space excluded.
// - Turn: a paragraph that opens with a speaker label ("Name:", "Name (role):",
//   "Dr. Smith:"; the rule is text::opens_with_turn_label in core/text/turn_label.h) starts
//   a turn; following paragraphs without a label continue it. Text before the first label
//   forms its own unit. Without any labels, turns are paragraphs.
// - Document: the whole text (one unit; none for an empty text).
std::vector<TextRange> text_units(std::string_view utf8, UnitKind kind);

}  // namespace quire::agreement
