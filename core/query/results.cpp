// SPDX-License-Identifier: GPL-3.0-or-later
// A query's passages as results: their text, the codes and coders present, their cases,
// and the totals per document and per code; and a result kept as a code.
#include <algorithm>
#include <unordered_map>

#include "core/project/project.h"
#include "core/query/engine_impl.h"

namespace quire::query {

using namespace detail;

namespace {

bool chosen(const std::vector<Id>& coders, Id coder) {
    return coders.empty() || std::find(coders.begin(), coders.end(), coder) != coders.end();
}

struct Present {
    std::vector<Id> codes;
    std::vector<Id> coders;
};

// For passages of one document sorted by start: the codings that overlap each, by one
// sweep over the document's codings in start order.
std::vector<Present> present_in(CodingStore& store, const Spans& passages,
                                const DocumentSlice& slice, const std::vector<Id>& coders) {
    const std::vector<CodingRow>& rows = store.document_rows(slice.document);
    std::vector<Present> out;
    std::vector<std::size_t> active;
    std::size_t next = 0;
    for (std::size_t i = slice.begin; i < slice.end; ++i) {
        const TextRange& p = passages[i].range;
        while (next < rows.size() && rows[next].start < p.end) {
            if (chosen(coders, rows[next].coder)) {
                active.push_back(next);
            }
            ++next;
        }
        active.erase(std::remove_if(active.begin(), active.end(),
                                    [&](std::size_t r) { return rows[r].end <= p.start; }),
                     active.end());
        Present present;
        for (const std::size_t r : active) {
            if (rows[r].start < p.end) {
                present.codes.push_back(rows[r].code);
                present.coders.push_back(rows[r].coder);
            }
        }
        for (auto* v : {&present.codes, &present.coders}) {
            std::sort(v->begin(), v->end());
            v->erase(std::unique(v->begin(), v->end()), v->end());
        }
        out.push_back(std::move(present));
    }
    return out;
}

}  // namespace

QueryResult Engine::run(const std::string& expression, const QueryOptions& options,
                        std::size_t limit, int context) {
    const Node tree = parse_expression(expression);
    const Spans passages = evaluate(tree, options);
    Project& project = impl_->project;
    QueryResult result;
    result.expression = to_text(tree);
    result.total = static_cast<std::int64_t>(passages.size());
    const CodeTree codes(project);
    const CaseIndex cases(project);
    std::unordered_map<Id, std::string> coder_names;
    for (const Coder& c : project.coders()) {
        coder_names[c.id] = c.name;
    }
    std::unordered_map<Id, std::int64_t> per_code;
    std::unordered_map<Id, std::int64_t> per_document;
    for (const DocumentSlice& slice : slices(passages)) {
        per_document[slice.document] = static_cast<std::int64_t>(slice.end - slice.begin);
        const std::vector<Present> present =
            present_in(impl_->store, passages, slice, options.coders);
        for (std::size_t i = slice.begin; i < slice.end; ++i) {
            const Present& here = present[i - slice.begin];
            for (const Id code : here.codes) {
                ++per_code[code];
            }
            if (limit != 0 && result.hits.size() >= limit) {
                continue;
            }
            QueryHit hit;
            hit.passage = passages[i];
            const Segment seg = project.passage(slice.document, passages[i].range, context);
            hit.document = seg.document;
            hit.text = seg.text;
            hit.before = seg.before;
            hit.after = seg.after;
            hit.codes = here.codes;
            for (const Id code : here.codes) {
                hit.code_paths.push_back(codes.paths.at(code));
            }
            hit.coders = here.coders;
            for (const Id coder : here.coders) {
                hit.coder_names.push_back(coder_names[coder]);
            }
            for (const Id c : cases.cases_of(passages[i])) {
                hit.cases.push_back(cases.names().at(c));
            }
            result.hits.push_back(std::move(hit));
        }
    }
    project.end_text_reads();
    for (const Id doc : impl_->order) {
        const auto it = per_document.find(doc);
        if (it != per_document.end()) {
            result.by_document.push_back({doc, impl_->names[doc], it->second});
        }
    }
    for (const Code& c : codes.codes) {
        const auto it = per_code.find(c.id);
        if (it != per_code.end()) {
            result.by_code.push_back({c.id, codes.paths.at(c.id), it->second});
        }
    }
    return result;
}

std::int64_t Engine::store_as_code(const std::vector<Passage>& passages, const std::string& path,
                                   Id coder) {
    Project& project = impl_->project;
    Project::Action action(project);
    Code code;
    try {
        code = project.find_code(path);
    } catch (const NotFoundError&) {
        // A new code, with whatever parents its path names and the project lacks.
        std::optional<Id> parent;
        std::size_t from = 0;
        while (true) {
            const std::size_t slash = path.find('/', from);
            const std::string part =
                path.substr(from, slash == std::string::npos ? slash : slash - from);
            std::optional<Id> existing;
            for (const Code& c : project.codes()) {
                if (c.name == part && c.parent_id == parent) {
                    existing = c.id;
                }
            }
            code = existing ? project.code(*existing) : project.add_code(part, parent);
            parent = code.id;
            if (slash == std::string::npos) {
                break;
            }
            from = slash + 1;
        }
    }
    Spans sorted = passages;
    sort_unique(sorted);
    std::int64_t added = 0;
    for (const DocumentSlice& slice : slices(sorted)) {
        std::vector<TextRange> ranges;
        for (std::size_t i = slice.begin; i < slice.end; ++i) {
            ranges.push_back(sorted[i].range);
        }
        for (const ApplyOutcome& o :
             project.apply_code_ranges(slice.document, code.id, coder, ranges)) {
            added += o.existed ? 0 : 1;
        }
    }
    action.commit();
    return added;
}

}  // namespace quire::query
