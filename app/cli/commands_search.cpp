// SPDX-License-Identifier: GPL-3.0-or-later
// Full-text search: search (and coding its hits), index.
#include <cstdio>
#include <limits>
#include <optional>
#include <ostream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/project/project.h"
#include "search/search.h"

namespace quire::cli {

ScopeFilter scope_from_args(Project& p, const Args& args) {
    ScopeFilter f;
    for (const std::string& c : args.all("code")) {
        f.codes.push_back(p.find_code(c).id);
    }
    for (const std::string& c : args.all("coder")) {
        f.coders.push_back(p.find_coder(c).id);
    }
    for (const std::string& d : args.all("doc")) {
        f.documents.push_back(p.find_document(d).id);
    }
    for (const std::string& g : args.all("group")) {
        f.groups.push_back(p.find_group(g).id);
    }
    for (const std::string& c : args.all("case")) {
        f.cases.push_back(p.find_case(c).id);
    }
    for (const std::string& kv : args.all("attr")) {
        f.attributes.push_back(parse_attribute(kv));
    }
    return f;
}

namespace {

// search --apply-code: every hit of the query (not only a page of them), all or none.
int code_every_hit(Project& p, search::Index& index, search::SearchRequest request,
                   const Args& args, std::ostream& out) {
    const Code code = p.find_code(*args.option("apply-code"));
    const Coder coder = p.ensure_coder(args.required("as"));
    const std::string spread = args.option("spread").value_or("hit");
    if (spread != "hit" && spread != "paragraph") {
        throw UsageError("--spread is hit or paragraph, not \"" + spread + "\"");
    }
    request.offset = 0;
    request.limit = std::numeric_limits<std::size_t>::max();
    const search::SearchResults all = index.search(request);
    const search::CodeHitsOutcome done =
        search::code_hits(p, all.hits, code.id, coder.id,
                          spread == "hit" ? search::Spread::Hit : search::Spread::Paragraph);
    if (args.flag("json")) {
        print_json(out, {{"hits", all.hits.size()},
                         {"added", done.added.size()},
                         {"already_coded", done.already_coded},
                         {"code", p.code_path(code.id)},
                         {"coder", coder.name},
                         {"spread", spread}});
    } else {
        out << "coded " << done.added.size() << " " << (spread == "hit" ? "hits" : "paragraphs")
            << " with \"" << p.code_path(code.id) << "\" as " << coder.name << " ("
            << all.hits.size() << " hits, " << done.already_coded << " already coded)\n";
    }
    return 0;
}

ordered_json facets_json(const search::SearchResults& r) {
    ordered_json docs = ordered_json::array();
    for (const search::Facet& f : r.by_document) {
        docs.push_back({{"document", f.name}, {"hits", f.hits}});
    }
    ordered_json codes = ordered_json::array();
    for (const search::Facet& f : r.by_code) {
        codes.push_back({{"code", f.name}, {"hits", f.hits}});
    }
    return {{"documents", docs}, {"codes", codes}};
}

void print_results_json(const search::SearchRequest& request, const search::SearchResults& r,
                        bool explain, std::ostream& out) {
    ordered_json hits = ordered_json::array();
    for (const search::Hit& h : r.hits) {
        hits.push_back({{"document", h.document_name},
                        {"document_id", h.document},
                        {"start", h.range.start},
                        {"end", h.range.end},
                        {"paragraph_start", h.paragraph.start},
                        {"paragraph_end", h.paragraph.end},
                        {"snippet", h.snippet},
                        {"score", h.score}});
    }
    ordered_json j = {{"query", request.query}, {"hits", hits}, {"more", r.more}};
    if (explain) {
        j["parsed"] = r.explained;
    }
    if (r.total_hits) {
        j["total_hits"] = *r.total_hits;
        j["total_documents"] = *r.total_documents;
        j["facets"] = facets_json(r);
    }
    print_json(out, j);
}

void print_results_text(const search::SearchRequest& request, const search::SearchResults& r,
                        bool explain, std::ostream& out) {
    if (explain) {
        out << "query: " << r.explained << "\n";
    }
    for (const search::Hit& h : r.hits) {
        out << h.document_name << "\t" << h.range.start << ":" << h.range.end << "\t" << h.snippet
            << "\n";
    }
    if (r.total_hits) {
        out << *r.total_hits << " hits in " << *r.total_documents << " documents\n";
        for (const search::Facet& f : r.by_document) {
            out << "  document\t" << f.name << "\t" << f.hits << "\n";
        }
        for (const search::Facet& f : r.by_code) {
            out << "  code\t" << f.name << "\t" << f.hits << "\n";
        }
    }
    if (r.hits.empty() && request.offset == 0 && !r.more && r.total_hits.value_or(0) == 0) {
        out << "no hits\n";
    } else if (r.more) {
        out << "more hits: --offset " << request.offset + r.hits.size() << "\n";
    }
}

}  // namespace

int cmd_search(const Words& raw, std::ostream& out, std::ostream& err) {
    const Args args = parse(raw,
                            {"code", "coder", "doc", "group", "case", "attr", "limit", "offset",
                             "apply-code", "as", "spread"},
                            {"json", "count", "explain"});
    expect_positional(args, 2, "search PROJECT QUERY");
    Project p = open_project(args.positional[0]);
    search::SearchRequest request;
    request.query = args.positional[1];
    request.filter = scope_from_args(p, args);
    request.limit = count_option(args, "limit", 50);
    request.offset = count_option(args, "offset", 0);
    request.count_all = args.flag("count");
    if (!args.option("apply-code") && (args.option("as") || args.option("spread"))) {
        throw UsageError("--as and --spread go with --apply-code");
    }
    search::Index index(p, {}, progress_printer(err, "indexing"));
    if (args.option("apply-code")) {
        return code_every_hit(p, index, request, args, out);
    }
    const search::SearchResults r = index.search(request);
    if (args.flag("json")) {
        print_results_json(request, r, args.flag("explain"), out);
    } else {
        print_results_text(request, r, args.flag("explain"), out);
    }
    return 0;
}

namespace {

int prune_indexes(const Args& args, std::ostream& out) {
    const search::PruneReport r = search::Index::prune();
    if (args.flag("json")) {
        ordered_json removed = ordered_json::array();
        for (const search::PrunedFolder& f : r.removed) {
            removed.push_back({{"folder", f.folder}, {"reason", f.reason}, {"bytes", f.bytes}});
        }
        print_json(out, {{"removed", removed}, {"kept", r.kept}, {"unknown", r.unknown}});
        return 0;
    }
    for (const search::PrunedFolder& f : r.removed) {
        out << "removed " << f.folder << " (" << f.reason << ")\n";
    }
    out << "removed " << counted(static_cast<long long>(r.removed.size()), "index", "indexes")
        << ", kept " << r.kept;
    if (r.unknown > 0) {
        out << " and " << r.unknown << " that do not say where their project is";
    }
    out << "\n";
    return 0;
}

}  // namespace

int cmd_index(const Words& raw, std::ostream& out, std::ostream& err) {
    const Args args = parse(raw, {}, {"rebuild", "check", "prune", "json"});
    if (args.flag("prune")) {
        // Pruning looks at every cached index, not one project's.
        if (!args.positional.empty() || args.flag("rebuild") || args.flag("check")) {
            throw UsageError("index --prune takes no project and no --rebuild or --check");
        }
        return prune_indexes(args, out);
    }
    expect_positional(args, 1, "index PROJECT");
    if (args.flag("rebuild") && args.flag("check")) {
        throw UsageError("--rebuild and --check do not go together");
    }
    Project p = open_project(args.positional[0]);
    search::Index index(p, {}, progress_printer(err, "indexing"));
    search::UpdateReport report = index.opened();
    if (args.flag("rebuild") && !report.rebuilt) {
        report = index.rebuild(progress_printer(err, "indexing"));
    }
    std::optional<search::IndexCheck> check;
    if (args.flag("check")) {
        check = index.check(progress_printer(err, "indexing"));
        if (!check->problem.empty()) {
            report = check->rebuilt;
        }
    }
    const search::IndexStats s = index.stats();
    const double ratio = s.text_bytes == 0 ? 0.0
                                           : static_cast<double>(s.bytes_on_disk) /
                                                 static_cast<double>(s.text_bytes);
    if (args.flag("json")) {
        ordered_json j = {{"documents", s.documents},   {"words", s.words},
                          {"text_bytes", s.text_bytes}, {"index_bytes", s.bytes_on_disk},
                          {"language", s.language},     {"folder", s.folder},
                          {"rebuilt", report.rebuilt}};
        if (check) {
            j["damage"] =
                check->problem.empty() ? ordered_json(nullptr) : ordered_json(check->problem);
        }
        print_json(out, j);
        return 0;
    }
    char ratio_text[32];
    std::snprintf(ratio_text, sizeof ratio_text, "%.2f", ratio);
    if (check && check->problem.empty()) {
        out << "checked every table and document: the index is sound\n";
    }
    if (report.rebuilt) {
        out << "built the index (" << report.reason << ")\n";
    } else if (report.added + report.removed > 0) {
        out << "indexed " << report.added << " documents, removed " << report.removed << "\n";
    }
    out << "index: " << s.documents << " documents, " << s.words << " words, index "
        << s.bytes_on_disk << " bytes (" << ratio_text << "x the text), stemming: " << s.language
        << "\n";
    return 0;
}

}  // namespace quire::cli
