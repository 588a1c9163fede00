// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/query/engine_internal.h"
#include "core/query/query.h"

// The Engine's state, shared by the files that answer queries, matrices and co-occurrence.
namespace quire::query {

struct Engine::Impl {
    Impl(Project& project, TextFinder* text);

    Project& project;
    TextFinder* text;
    detail::CodingStore store;
    detail::Layouts layouts;
    bool reloaded = false;
    std::int64_t documents_generation = -1;
    std::unordered_map<Id, std::int64_t> lengths;
    std::unordered_map<Id, std::string> names;
    std::vector<Id> order;               // documents in project order
    std::optional<detail::Spans> scope;  // merged; while a question runs

    // Reads the codings and documents again when they changed.
    void refresh();
    void set_scope(const ScopeFilter& filter);
    detail::Spans whole(const std::vector<Id>& documents) const;

    detail::Spans evaluate(const Node& n, const std::vector<Id>& coders, int depth);
    detail::Spans evaluate_and(const Node& n, const std::vector<Id>& coders, int depth);
    detail::Spans operand(const Node& n, const std::vector<Id>& coders);
    detail::Spans attribute(const Node& n);
    Id coder_id(const Node& n);
    detail::Spans relate(const detail::Spans& a, const detail::Spans& b, Node::Relation relation,
                         int distance);
    void relate_document(const detail::Spans& a, const detail::DocumentSlice& as,
                         const detail::Spans& b, const detail::DocumentSlice& bs,
                         Node::Relation relation, int distance, detail::Spans& out);
};

}  // namespace quire::query
