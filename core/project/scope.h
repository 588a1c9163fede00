// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/model.h"
#include "core/base/text_range.h"

// The parts of a project a question is about: documents, document groups, cases, codes,
// coders and attribute values, resolved to code-point ranges of documents. Search uses it to
// narrow hits; it knows nothing about search.
//
// Contract: resolve_scope may throw quire::Error subclasses (NotFoundError for an unknown
// attribute); it reads the project and changes nothing.
namespace quire {

class Project;

struct ScopeFilter {
    std::vector<Id> documents;        // any of these documents
    std::vector<Id> groups;           // any document of any of these document groups
    std::vector<Id> cases;            // any of these cases: their documents or linked segments
    std::vector<Id> codes;            // text coded with any of these codes...
    bool include_child_codes = true;  // ...or with one of their descendants
    std::vector<Id> coders;           // text coded by any of these coders (with codes: those)
    // Every pair must hold: the document has the value, or the text belongs to a case that
    // has it. Text values compare without regard to case.
    std::vector<std::pair<std::string, std::string>> attributes;

    bool empty() const {
        return documents.empty() && groups.empty() && cases.empty() && codes.empty() &&
               coders.empty() && attributes.empty();
    }
};

struct Scope {
    // True when nothing was filtered: every document, whole.
    bool everything = true;
    // Otherwise: document id -> the whole document (nullopt) or sorted, disjoint ranges.
    std::map<Id, std::optional<std::vector<TextRange>>> documents;

    bool contains_document(Id document) const;
    // True when [start, end) lies entirely inside the scope.
    bool contains(Id document, std::int64_t start, std::int64_t end) const;
};

Scope resolve_scope(Project& project, const ScopeFilter& filter);

// The documents that a choice of documents and of document groups leaves, in id order:
// those of `documents` (when not empty) that are in any of `groups` (when not empty).
// nullopt when both are empty: every document. NotFoundError for an unknown group.
std::optional<std::vector<Id>> chosen_documents(Project& project, const std::vector<Id>& documents,
                                                const std::vector<Id>& groups);

}  // namespace quire
