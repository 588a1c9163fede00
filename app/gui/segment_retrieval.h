// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/base/model.h"
#include "core/project/project.h"

// What the Retrieved Segments pane lists, without a window: the codings a filter takes,
// with their document, code, coder and memos. Listing reads no transcript text, so that a
// code with tens of thousands of codings lists at once; a row's passage and context are
// read when the row is first shown (Project::segment), and kept for a while.
// Contract: run() and passage() may throw quire::Error, as the Project calls they make.
namespace quire::gui {

class SegmentRetrieval {
public:
    // Reads the codings `filter` takes, in document and text order.
    void run(Project& project, const CodingFilter& filter);
    void clear();

    const CodingFilter& filter() const { return filter_; }
    std::size_t size() const { return codings_.size(); }
    const Coding& coding(std::size_t row) const { return codings_[row]; }
    const std::string& document_name(std::size_t row) const;
    const std::string& code_path(std::size_t row) const;
    const std::string& coder_name(std::size_t row) const;
    // The coding's memo field and the memos attached to it, one line.
    std::string memo(std::size_t row) const;
    std::size_t document_count() const { return documents_.size(); }
    std::size_t code_count() const;
    // The row's text with `context` code points either side, read on first use.
    const Segment& passage(Project& project, std::size_t row);

    static constexpr int kContext = 60;

private:
    CodingFilter filter_;
    std::vector<Coding> codings_;
    std::map<Id, std::string> documents_;
    std::map<Id, std::string> code_paths_;
    std::map<Id, std::string> coders_;
    std::map<Id, std::vector<std::string>> attached_memos_;  // by coding
    std::map<std::size_t, Segment> passages_;                // by row: those read so far
};

}  // namespace quire::gui
