// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project_agreement/disagreements.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/base/errors.h"
#include "core/project/project.h"

namespace quire::agreement {
namespace {

// The parts of sorted, disjoint `ranges` inside `stretch`.
std::vector<TextRange> within(const std::vector<TextRange>& ranges, const TextRange& stretch) {
    return intersect_ranges(ranges, {stretch});
}

}  // namespace

std::vector<Disagreement> find_disagreements(Project& project, const std::string& first_coder,
                                             const std::string& second_coder,
                                             const std::vector<Id>& codes,
                                             const std::vector<Id>& documents,
                                             const std::string& consensus_coder) {
    const Coder a = project.find_coder(first_coder);
    const Coder b = project.find_coder(second_coder);
    if (a.id == b.id) {
        throw InvalidInputError("choose two different coders");
    }
    std::optional<Id> consensus;
    for (const Coder& c : project.coders()) {
        if (c.name == consensus_coder) {
            consensus = c.id;
        }
    }
    const std::set<Id> code_filter(codes.begin(), codes.end());
    const std::set<Id> doc_filter(documents.begin(), documents.end());
    // (document, code) -> spans of each coder.
    std::map<std::pair<Id, Id>, std::vector<TextRange>> spans[3];
    for (const Coding& c : project.codings()) {
        if ((!code_filter.empty() && !code_filter.count(c.code_id)) ||
            (!doc_filter.empty() && !doc_filter.count(c.document_id))) {
            continue;
        }
        const int who = c.coder_id == a.id                      ? 0
                        : c.coder_id == b.id                    ? 1
                        : consensus && c.coder_id == *consensus ? 2
                                                                : -1;
        if (who >= 0) {
            spans[who][{c.document_id, c.code_id}].push_back({c.start, c.end});
        }
    }
    std::set<std::pair<Id, Id>> keys;
    for (int who = 0; who < 2; ++who) {
        for (const auto& [key, list] : spans[who]) {
            keys.insert(key);
        }
    }
    std::map<Id, std::string> doc_names;
    for (const Document& d : project.documents()) {
        doc_names[d.id] = d.name;
    }
    std::vector<Disagreement> out;
    for (const auto& key : keys) {
        // Touching ranges join: two codings that meet cover the same text as one.
        const std::vector<TextRange> first = merge_ranges(spans[0][key]);
        const std::vector<TextRange> second = merge_ranges(spans[1][key]);
        const std::vector<TextRange> agreed = merge_ranges(spans[2][key]);
        // Stretches: connected components of both coders' ranges.
        std::vector<TextRange> all = first;
        all.insert(all.end(), second.begin(), second.end());
        const std::vector<TextRange> stretches = merge_ranges(std::move(all));
        const std::string path = project.code_path(key.second);
        for (const TextRange& stretch : stretches) {
            Disagreement d;
            d.first = within(first, stretch);
            d.second = within(second, stretch);
            if (d.first == d.second) {
                continue;
            }
            d.document = key.first;
            d.document_name = doc_names[key.first];
            d.code = key.second;
            d.code_path = path;
            d.start = stretch.start;
            d.end = stretch.end;
            d.consensus = within(agreed, stretch);
            d.first_coder = first_coder;
            d.second_coder = second_coder;
            out.push_back(std::move(d));
        }
    }
    std::sort(out.begin(), out.end(), [](const Disagreement& x, const Disagreement& y) {
        return std::tie(x.document_name, x.start, x.code_path) <
               std::tie(y.document_name, y.start, y.code_path);
    });
    return out;
}

int adopt_version(Project& project, const Disagreement& d, Version version,
                  const std::string& consensus_coder) {
    if (consensus_coder == d.first_coder || consensus_coder == d.second_coder) {
        throw ConflictError("the consensus layer \"" + consensus_coder +
                            "\" is one of the coders compared: adopting would overwrite their "
                            "own coding; name another layer");
    }
    Project::Action action(project);
    const Coder consensus = project.ensure_coder(consensus_coder);
    project.set_consensus_coder(consensus.id);  // blind coders still see it
    CodingFilter filter;
    filter.document_id = d.document;
    filter.code_id = d.code;
    filter.coder_id = consensus.id;
    // Consensus codings reaching into the stretch keep only their parts outside it.
    for (const Coding& c : project.codings(filter)) {
        if (c.end <= d.start || c.start >= d.end) {
            continue;
        }
        project.remove_coding(c.id);
        if (c.start < d.start) {
            project.apply_code(d.document, d.code, consensus.id, c.start, d.start, c.memo);
        }
        if (c.end > d.end) {
            project.apply_code(d.document, d.code, consensus.id, d.end, c.end, c.memo);
        }
    }
    const std::vector<TextRange>& chosen = version == Version::First ? d.first : d.second;
    int written = 0;
    for (const TextRange& s : chosen) {
        project.apply_code(d.document, d.code, consensus.id, s.start, s.end);
        ++written;
    }
    action.commit();
    return written;
}

}  // namespace quire::agreement
