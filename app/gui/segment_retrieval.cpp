// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/segment_retrieval.h"

#include <set>

namespace quire::gui {
namespace {

const std::string kUnknown;

const std::string& name_in(const std::map<Id, std::string>& names, Id id) {
    const auto it = names.find(id);
    return it == names.end() ? kUnknown : it->second;
}

}  // namespace

void SegmentRetrieval::clear() {
    filter_ = {};
    codings_.clear();
    documents_.clear();
    code_paths_.clear();
    coders_.clear();
    attached_memos_.clear();
    passages_.clear();
}

void SegmentRetrieval::run(Project& project, const CodingFilter& filter) {
    clear();
    filter_ = filter;
    // One consistent state of the file for the listing and the names in it.
    Project::Action reading(project, Project::Action::Access::Read);
    codings_ = project.codings(filter);
    std::map<Id, const Code*> by_id;
    const std::vector<Code> codes = project.codes();
    for (const Code& c : codes) {
        by_id[c.id] = &c;
    }
    // Paths from the parents at hand: one query for the codebook, not one per code.
    for (const Code& c : codes) {
        code_paths_[c.id] = c.parent_id && code_paths_.count(*c.parent_id)
                                ? code_paths_[*c.parent_id] + "/" + c.name
                                : c.name;
    }
    for (const Coder& c : project.coders()) {
        coders_[c.id] = c.name;
    }
    std::set<Id> documents;
    for (const Coding& c : codings_) {
        documents.insert(c.document_id);
    }
    // By name alone: a document's row holds its text, which the names must not read.
    for (const Id id : documents) {
        documents_[id] = project.document_name(id);
    }
    for (const Memo& m : project.memos()) {
        if (m.target == Memo::Target::Coding && m.target_id) {
            attached_memos_[*m.target_id].push_back(m.title.empty() ? m.text
                                                                    : m.title + ": " + m.text);
        }
    }
    reading.commit();
}

const std::string& SegmentRetrieval::document_name(std::size_t row) const {
    return name_in(documents_, codings_[row].document_id);
}

const std::string& SegmentRetrieval::code_path(std::size_t row) const {
    return name_in(code_paths_, codings_[row].code_id);
}

const std::string& SegmentRetrieval::coder_name(std::size_t row) const {
    return name_in(coders_, codings_[row].coder_id);
}

std::string SegmentRetrieval::memo(std::size_t row) const {
    std::string out = codings_[row].memo;
    const auto it = attached_memos_.find(codings_[row].id);
    if (it != attached_memos_.end()) {
        for (const std::string& m : it->second) {
            out += (out.empty() ? "" : " \u00B7 ") + m;
        }
    }
    return out;
}

std::size_t SegmentRetrieval::code_count() const {
    std::set<Id> codes;
    for (const Coding& c : codings_) {
        codes.insert(c.code_id);
    }
    return codes.size();
}

const Segment& SegmentRetrieval::passage(Project& project, std::size_t row) {
    auto it = passages_.find(row);
    if (it != passages_.end()) {
        return it->second;
    }
    // A list shows a screenful at a time: keep a few screens, not every row ever seen.
    if (passages_.size() >= 2000) {
        passages_.clear();
    }
    return passages_.emplace(row, project.segment(codings_[row], kContext)).first->second;
}

}  // namespace quire::gui
