// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

// Internal to core/exchange: a code's definition, inclusion and exclusion criteria and
// example in one REFI-QDA <Description>, which has room for a single text. Nothing here
// throws.
//
// Quire writes what other tools read as before: the definition alone, or
// "Definition: …\nInclusion: …\nExclusion: …\nExample: …" with the parts that are filled in.
// When reading that back would not give every field exactly (a field holding a line that
// starts with a label, padding, blank lines at either end, a carriage return), each label
// says how long its field is instead, in code points of the text that follows it:
//
//     Definition (37 characters): Talk about risk.
//     Inclusion: see below
//     Example (12 characters):   "unsafe"
//
// (the example there is `  "unsafe"  `, two spaces either side).
// Reading takes a description in that counted form, and only one whose every count fits
// exactly up to its end, field by field as written; any other text is read as other tools'
// descriptions always were (split_description).
namespace quire::exchange::qdpx {

struct CodeDescription {
    std::string definition, inclusion, exclusion, example;
    bool operator==(const CodeDescription& o) const {
        return definition == o.definition && inclusion == o.inclusion && exclusion == o.exclusion &&
               example == o.example;
    }
};

// "Definition: ...\nInclusion: ...\nExclusion: ...\nExample: ..." as written by Quire and
// others, labels in any case and order, each field trimmed, line ends made LF and the text
// NFC; any other text is the definition.
CodeDescription split_description(const std::string& raw);

// The fields a <Description> holds: the counted form exactly, else split_description().
CodeDescription read_code_description(const std::string& raw);

// The <Description> for these fields (empty when every field is): the plain form when it
// reads back exactly, else the counted one. The fields must be valid UTF-8.
std::string write_code_description(const CodeDescription& fields);

}  // namespace quire::exchange::qdpx
