// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/scope.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <iterator>
#include <set>

#include "core/base/errors.h"
#include "core/project/project.h"

namespace quire {
namespace {

using DocumentRanges = std::map<Id, std::optional<std::vector<TextRange>>>;

DocumentRanges intersect(const DocumentRanges& a, const DocumentRanges& b) {
    DocumentRanges out;
    for (const auto& [doc, ranges] : a) {
        const auto other = b.find(doc);
        if (other == b.end()) {
            continue;
        }
        if (!ranges) {
            out[doc] = other->second;
        } else if (!other->second) {
            out[doc] = ranges;
        } else {
            std::vector<TextRange> both = intersect_ranges(*ranges, *other->second);
            if (!both.empty()) {
                out[doc] = std::move(both);
            }
        }
    }
    return out;
}

// Adds a whole document or a range; a whole document absorbs ranges.
void add(DocumentRanges& to, Id doc, std::optional<TextRange> range) {
    auto it = to.find(doc);
    if (!range) {
        to[doc] = std::nullopt;
        return;
    }
    if (it == to.end()) {
        to[doc] = std::vector<TextRange>{*range};
    } else if (it->second) {
        it->second->push_back(*range);
    }
}

// Adds every document or range of `from`.
void add_all(DocumentRanges& to, const DocumentRanges& from) {
    for (const auto& [doc, ranges] : from) {
        if (!ranges) {
            add(to, doc, std::nullopt);
        } else {
            for (const TextRange& r : *ranges) {
                add(to, doc, r);
            }
        }
    }
}

void normalise(DocumentRanges& ranges) {
    for (auto& [doc, r] : ranges) {
        if (r) {
            *r = merge_ranges(std::move(*r));
        }
    }
}

DocumentRanges case_ranges(Project& project, Id case_id) {
    DocumentRanges out;
    for (const CaseLink& link : project.case_links(case_id)) {
        if (link.start && link.end) {
            add(out, link.document_id, TextRange{*link.start, *link.end});
        } else {
            add(out, link.document_id, std::nullopt);
        }
    }
    return out;
}

bool same_value(const std::string& a, const std::string& b) {
    return icu::UnicodeString::fromUTF8(a).caseCompare(icu::UnicodeString::fromUTF8(b),
                                                       U_FOLD_CASE_DEFAULT) == 0;
}

DocumentRanges attribute_ranges(Project& project, const std::string& name,
                                const std::string& value) {
    DocumentRanges out;
    std::vector<Id> matching_cases;
    for (const AttributeAssignment& a : project.attribute_assignments(name)) {
        if (!same_value(a.value, value)) {
            continue;
        }
        if (a.document) {
            add(out, *a.document, std::nullopt);
        } else if (a.case_id) {
            matching_cases.push_back(*a.case_id);
        }
    }
    for (const Id c : matching_cases) {
        add_all(out, case_ranges(project, c));
    }
    return out;
}

}  // namespace

bool Scope::contains_document(Id document) const {
    return everything || documents.count(document) > 0;
}

bool Scope::contains(Id document, std::int64_t start, std::int64_t end) const {
    if (everything) {
        return true;
    }
    const auto it = documents.find(document);
    if (it == documents.end()) {
        return false;
    }
    if (!it->second) {
        return true;
    }
    const std::vector<TextRange>& r = *it->second;
    auto after = std::upper_bound(r.begin(), r.end(), start,
                                  [](std::int64_t s, const TextRange& x) { return s < x.start; });
    if (after == r.begin()) {
        return false;
    }
    --after;
    return after->start <= start && end <= after->end;
}

Scope resolve_scope(Project& project, const ScopeFilter& filter) {
    Scope scope;
    if (filter.empty()) {
        return scope;
    }
    std::vector<DocumentRanges> constraints;
    if (!filter.documents.empty()) {
        DocumentRanges d;
        for (const Id id : filter.documents) {
            add(d, id, std::nullopt);
        }
        constraints.push_back(std::move(d));
    }
    if (!filter.groups.empty()) {
        DocumentRanges g;
        for (const Id id : filter.groups) {
            for (const Document& d : project.group_documents(id)) {
                add(g, d.id, std::nullopt);
            }
        }
        constraints.push_back(std::move(g));
    }
    if (!filter.cases.empty()) {
        DocumentRanges c;
        for (const Id id : filter.cases) {
            add_all(c, case_ranges(project, id));
        }
        constraints.push_back(std::move(c));
    }
    if (!filter.codes.empty() || !filter.coders.empty()) {
        DocumentRanges coded;
        std::vector<std::optional<Id>> codes(filter.codes.begin(), filter.codes.end());
        std::vector<std::optional<Id>> coders(filter.coders.begin(), filter.coders.end());
        if (codes.empty()) {
            codes.push_back(std::nullopt);
        }
        if (coders.empty()) {
            coders.push_back(std::nullopt);
        }
        for (const auto& code : codes) {
            for (const auto& coder : coders) {
                CodingFilter f;
                f.code_id = code;
                f.include_child_codes = filter.include_child_codes;
                f.coder_id = coder;
                for (const Coding& c : project.codings(f)) {
                    add(coded, c.document_id, TextRange{c.start, c.end});
                }
            }
        }
        constraints.push_back(std::move(coded));
    }
    for (const auto& [name, value] : filter.attributes) {
        constraints.push_back(attribute_ranges(project, name, value));
    }
    for (DocumentRanges& c : constraints) {
        normalise(c);
    }
    DocumentRanges result = std::move(constraints[0]);
    for (std::size_t i = 1; i < constraints.size(); ++i) {
        result = intersect(result, constraints[i]);
    }
    scope.everything = false;
    scope.documents = std::move(result);
    return scope;
}

std::optional<std::vector<Id>> chosen_documents(Project& project, const std::vector<Id>& documents,
                                                const std::vector<Id>& groups) {
    if (documents.empty() && groups.empty()) {
        return std::nullopt;
    }
    std::set<Id> chosen(documents.begin(), documents.end());
    if (!groups.empty()) {
        std::set<Id> grouped;
        for (const Id g : groups) {
            for (const Document& d : project.group_documents(g)) {
                grouped.insert(d.id);
            }
        }
        if (documents.empty()) {
            chosen = std::move(grouped);
        } else {
            std::set<Id> both;
            std::set_intersection(chosen.begin(), chosen.end(), grouped.begin(), grouped.end(),
                                  std::inserter(both, both.end()));
            chosen = std::move(both);
        }
    }
    return std::vector<Id>(chosen.begin(), chosen.end());
}

}  // namespace quire
