// SPDX-License-Identifier: GPL-3.0-or-later
// The evaluator's questions: query (coding queries, saved or not, a result kept as a code),
// queries (the saved ones), matrix (crosstabs) and cooccur (code co-occurrence).
#include <algorithm>
#include <cstdio>
#include <memory>
#include <ostream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/formats/csv.h"
#include "core/formats/xlsx.h"
#include "core/query/query.h"
#include "core/text/unicode.h"
#include "core/util/files.h"
#include "search/text_finder.h"

namespace quire::cli {

namespace {

// --doc, --group and --case: the part of the project every operand lies in (--coder
// chooses whose codings count instead).
ScopeFilter selection(Project& p, const Args& args) {
    Args without_coders = args;
    without_coders.options.erase("coder");
    return scope_from_args(p, without_coders);
}

std::vector<Id> coders_of(Project& p, const Args& args) {
    std::vector<Id> out;
    for (const std::string& name : args.all("coder")) {
        out.push_back(p.find_coder(name).id);
    }
    return out;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const std::string& s : parts) {
        out += (out.empty() ? "" : separator) + s;
    }
    return out;
}

// A table file asked for with --csv (to stdout) or --xlsx FILE: never over an existing
// file without --force, never over the project.
void write_table(const Args& args, Project& p, const std::string& sheet,
                 const std::vector<std::vector<util::XlsxCell>>& rows, std::ostream& out) {
    if (const auto xlsx = args.option("xlsx")) {
        util::refuse_project_file(*xlsx, p.path());
        if (!args.flag("force")) {
            util::refuse_existing_file(*xlsx);
        }
        util::write_xlsx(*xlsx, {util::XlsxSheet{sheet, rows}});
        out << "wrote " << *xlsx << "\n";
        return;
    }
    out << util::rows_as_csv(rows);
}

ordered_json hit_json(const query::QueryHit& h) {
    return {{"document", h.document},
            {"start", h.passage.range.start},
            {"end", h.passage.range.end},
            {"text", h.text},
            {"before", h.before},
            {"after", h.after},
            {"codes", h.code_paths},
            {"coders", h.coder_names},
            {"cases", h.cases}};
}

void print_counts_text(const query::QueryResult& r, std::ostream& out) {
    out << counted(r.total, "passage") << " in "
        << counted(static_cast<long long>(r.by_document.size()), "document") << "\n";
    for (const query::Count& c : r.by_document) {
        out << "  " << c.passages << "\t" << c.name << "\n";
    }
    if (!r.by_code.empty()) {
        out << "by code:\n";
        for (const query::Count& c : r.by_code) {
            out << "  " << c.passages << "\t" << c.name << "\n";
        }
    }
}

void print_result(const query::QueryResult& r, const Args& args, std::ostream& out) {
    if (args.flag("json")) {
        ordered_json j = {{"expression", r.expression}, {"total", r.total}};
        if (!args.flag("count")) {
            ordered_json hits = ordered_json::array();
            for (const query::QueryHit& h : r.hits) {
                hits.push_back(hit_json(h));
            }
            j["hits"] = hits;
        }
        ordered_json docs = ordered_json::array();
        for (const query::Count& c : r.by_document) {
            docs.push_back({{"document", c.name}, {"passages", c.passages}});
        }
        ordered_json codes = ordered_json::array();
        for (const query::Count& c : r.by_code) {
            codes.push_back({{"code", c.name}, {"passages", c.passages}});
        }
        j["by_document"] = docs;
        j["by_code"] = codes;
        print_json(out, j);
        return;
    }
    if (!args.flag("count")) {
        for (const query::QueryHit& h : r.hits) {
            out << h.document << " [" << h.passage.range.start << "," << h.passage.range.end << ")";
            if (!h.code_paths.empty()) {
                out << "  " << joined(h.code_paths, "; ");
            }
            if (!h.coder_names.empty()) {
                out << "  (" << joined(h.coder_names, ", ") << ")";
            }
            out << "\n  " << one_line(h.before + "**" + h.text + "**" + h.after) << "\n";
        }
        if (r.hits.size() < static_cast<std::size_t>(r.total)) {
            out << "(" << r.hits.size() << " of " << r.total << " shown; --limit 0 shows all)\n";
        }
    }
    print_counts_text(r, out);
}

std::vector<std::vector<util::XlsxCell>> result_rows(const query::QueryResult& r) {
    using util::XlsxCell;
    std::vector<std::vector<XlsxCell>> rows{
        {XlsxCell::of("document"), XlsxCell::of("start"), XlsxCell::of("end"), XlsxCell::of("text"),
         XlsxCell::of("codes"), XlsxCell::of("coders"), XlsxCell::of("cases")}};
    for (const query::QueryHit& h : r.hits) {
        rows.push_back(
            {XlsxCell::of(h.document), XlsxCell::of(static_cast<double>(h.passage.range.start)),
             XlsxCell::of(static_cast<double>(h.passage.range.end)), XlsxCell::of(h.text),
             XlsxCell::of(joined(h.code_paths, "; ")), XlsxCell::of(joined(h.coder_names, "; ")),
             XlsxCell::of(joined(h.cases, "; "))});
    }
    return rows;
}

}  // namespace

int cmd_query(const Words& raw, std::ostream& out, std::ostream& err) {
    const Args args = parse(
        raw,
        {"coder", "doc", "group", "case", "limit", "context", "save", "run", "as-code", "xlsx"},
        {"json", "count", "csv", "force", "replace"});
    const bool run_saved = args.option("run").has_value();
    expect_positional(args, run_saved ? 1 : 2,
                      run_saved ? "query PROJECT --run NAME" : "query PROJECT EXPRESSION");
    Project p = open_project(args.positional[0]);
    const std::string expression =
        run_saved ? p.find_saved_query(*args.option("run")).expression : args.positional[1];
    search::IndexTextFinder text(p, progress_printer(err, "indexing"));
    query::Engine engine(p, &text);
    query::QueryOptions options;
    options.scope = selection(p, args);
    if (const auto code = args.option("as-code")) {
        // --coder names whose the new codings are; coders to count go in the expression.
        if (args.all("coder").size() != 1) {
            throw UsageError("--as-code needs one --coder: who the new codings belong to");
        }
        const Coder coder = p.ensure_coder(args.all("coder")[0]);
        const std::vector<query::Passage> passages = engine.evaluate(expression, options);
        if (const auto name = args.option("save")) {
            p.save_query(*name, expression, args.flag("replace"));
            err << "saved the query as \"" << *name << "\"\n";
        }
        p.set_actor(coder.name);
        const std::int64_t added = engine.store_as_code(passages, *code, coder.id);
        out << "coded " << counted(added, "passage") << " with " << *code << " as " << coder.name;
        if (added < static_cast<std::int64_t>(passages.size())) {
            out << " (" << passages.size() - static_cast<std::size_t>(added) << " already were)";
        }
        out << "\n";
        return 0;
    }
    options.coders = coders_of(p, args);
    const bool table = args.flag("csv") || args.option("xlsx");
    const std::size_t limit = table ? 0 : count_option(args, "limit", 50);
    const int context = static_cast<int>(count_option(args, "context", 60));
    const query::QueryResult result =
        engine.run(expression, options, args.flag("count") ? 1 : limit, context);
    if (const auto name = args.option("save")) {
        p.save_query(*name, expression, args.flag("replace"));
        err << "saved the query as \"" << *name << "\"\n";
    }
    if (table) {
        write_table(args, p, "Query results", result_rows(result), out);
        return 0;
    }
    print_result(result, args, out);
    return 0;
}

int cmd_queries(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"remove"}, {"json"});
    expect_positional(args, 1, "queries PROJECT");
    Project p = open_project(args.positional[0]);
    if (const auto name = args.option("remove")) {
        const SavedQuery q = p.find_saved_query(*name);
        p.remove_saved_query(q.id);
        out << "removed the saved query \"" << q.name << "\"\n";
        return 0;
    }
    ordered_json j = ordered_json::array();
    for (const SavedQuery& q : p.saved_queries()) {
        if (args.flag("json")) {
            j.push_back({{"id", q.id},
                         {"guid", q.guid},
                         {"name", q.name},
                         {"expression", q.expression},
                         {"saved_by", q.saved_by},
                         {"saved_at", q.saved_at}});
        } else {
            out << q.name << "\t" << q.expression << "\t" << q.saved_by << "\t" << q.saved_at
                << "\n";
        }
    }
    if (args.flag("json")) {
        print_json(out, j);
    }
    return 0;
}

namespace {

ordered_json passages_json(Project& p, const std::vector<query::Passage>& passages) {
    ordered_json out = ordered_json::array();
    for (const query::Passage& s : passages) {
        out.push_back({{"document", p.document_name(s.document)},
                       {"start", s.range.start},
                       {"end", s.range.end}});
    }
    return out;
}

std::string cell_text(const query::MatrixCell& c) {
    std::string t = std::to_string(c.count);
    if (c.percent) {
        char buf[32];
        std::snprintf(buf, sizeof buf, " (%.1f%%)", *c.percent);
        t += buf;
    }
    return t;
}

// Columns padded by display width, the row labels first.
void print_grid(const std::vector<std::vector<std::string>>& grid, std::ostream& out) {
    std::vector<std::int64_t> width;
    for (const auto& row : grid) {
        width.resize(std::max(width.size(), row.size()), 0);
        for (std::size_t c = 0; c < row.size(); ++c) {
            width[c] = std::max(width[c], text::display_width(row[c]));
        }
    }
    for (const auto& row : grid) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            const std::int64_t pad = width[c] - text::display_width(row[c]);
            if (c == 0) {
                line += row[c] + std::string(static_cast<std::size_t>(pad), ' ');
            } else {
                line += "  " + std::string(static_cast<std::size_t>(pad), ' ') + row[c];
            }
        }
        out << line << "\n";
    }
}

void print_matrix(Project& p, const query::Matrix& m, const Args& args, std::ostream& out) {
    if (args.flag("json")) {
        ordered_json cells = ordered_json::array();
        for (const auto& row : m.cells) {
            ordered_json r = ordered_json::array();
            for (const query::MatrixCell& c : row) {
                ordered_json cell = {{"count", c.count}};
                if (c.percent) {
                    cell["percent"] = *c.percent;
                }
                if (args.flag("passages")) {
                    cell["passages"] = passages_json(p, c.passages);
                }
                r.push_back(cell);
            }
            cells.push_back(r);
        }
        print_json(out,
                   {{"measure", m.measure}, {"rows", m.rows}, {"cols", m.cols}, {"cells", cells}});
        return;
    }
    using util::XlsxCell;
    std::vector<std::vector<XlsxCell>> rows;
    rows.push_back({XlsxCell::of("")});
    for (const std::string& c : m.cols) {
        rows[0].push_back(XlsxCell::of(c));
    }
    for (std::size_t r = 0; r < m.rows.size(); ++r) {
        rows.push_back({XlsxCell::of(m.rows[r])});
        for (const query::MatrixCell& c : m.cells[r]) {
            rows.back().push_back(
                XlsxCell::of(c.percent ? *c.percent : static_cast<double>(c.count)));
        }
    }
    if (args.flag("csv") || args.option("xlsx")) {
        write_table(args, p, "Matrix", rows, out);
        return;
    }
    std::vector<std::vector<std::string>> grid{{m.measure}};
    grid[0].insert(grid[0].end(), m.cols.begin(), m.cols.end());
    for (std::size_t r = 0; r < m.rows.size(); ++r) {
        grid.push_back({m.rows[r]});
        for (const query::MatrixCell& c : m.cells[r]) {
            grid.back().push_back(cell_text(c));
        }
    }
    print_grid(grid, out);
}

void check_table_flags(const Args& args) {
    const int outputs =
        (args.flag("json") ? 1 : 0) + (args.flag("csv") ? 1 : 0) + (args.option("xlsx") ? 1 : 0);
    if (outputs > 1) {
        throw UsageError("choose one of --json, --csv and --xlsx");
    }
    if (args.flag("passages") && !args.flag("json")) {
        throw UsageError("--passages goes with --json");
    }
}

}  // namespace

int cmd_matrix(const Words& raw, std::ostream& out, std::ostream& err) {
    const Args args =
        parse(raw, {"rows", "cols", "cell", "percent", "coder", "doc", "group", "case", "xlsx"},
              {"json", "csv", "force", "passages"});
    expect_positional(args, 1, "matrix PROJECT --rows ROWS --cols COLS");
    check_table_flags(args);
    query::MatrixRequest request;
    request.rows = query::parse_axis(args.required("rows"));
    request.cols = query::parse_axis(args.required("cols"));
    request.measure = query::measure_from_string(args.option("cell").value_or("segments"));
    if (const auto percent = args.option("percent")) {
        request.percent = query::percent_from_string(*percent);
    }
    request.with_passages = args.flag("passages");
    Project p = open_project(args.positional[0]);
    request.options.coders = coders_of(p, args);
    request.options.scope = selection(p, args);
    search::IndexTextFinder text(p, progress_printer(err, "indexing"));
    query::Engine engine(p, &text);
    print_matrix(p, engine.matrix(request), args, out);
    return 0;
}

int cmd_cooccur(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"code", "by", "coder", "doc", "group", "case", "xlsx"},
                            {"json", "csv", "force", "passages"});
    expect_positional(args, 1, "cooccur PROJECT");
    check_table_flags(args);
    query::CooccurRequest request;
    query::cooccurrence_by_from_string(args.option("by").value_or("overlap"), request);
    request.with_passages = args.flag("passages");
    Project p = open_project(args.positional[0]);
    for (const std::string& c : args.all("code")) {
        request.codes.push_back(p.find_code(c).id);
    }
    request.options.coders = coders_of(p, args);
    request.options.scope = selection(p, args);
    query::Engine engine(p);
    const query::Cooccurrence r = engine.cooccur(request);
    const std::size_t n = r.codes.size();
    if (args.flag("json")) {
        ordered_json pairs = ordered_json::array();
        for (const query::CooccurPair& pair : r.pairs) {
            ordered_json j = {{"a", r.paths[pair.a]},
                              {"b", r.paths[pair.b]},
                              {"n1", r.passages[pair.a]},
                              {"n2", r.passages[pair.b]},
                              {"a_with_b", pair.a_with_b},
                              {"b_with_a", pair.b_with_a},
                              {"n12", pair.n12},
                              {"c", pair.c ? ordered_json(*pair.c) : ordered_json(nullptr)},
                              {"distorted", pair.distorted}};
            if (args.flag("passages")) {
                j["a_passages"] = passages_json(p, r.drill[pair.a][pair.b]);
                j["b_passages"] = passages_json(p, r.drill[pair.b][pair.a]);
            }
            pairs.push_back(j);
        }
        print_json(
            out,
            {{"codes", r.paths}, {"passages", r.passages}, {"matrix", r.matrix}, {"pairs", pairs}});
        return 0;
    }
    using util::XlsxCell;
    std::vector<std::vector<XlsxCell>> rows{{XlsxCell::of("")}};
    std::vector<std::vector<std::string>> grid{{""}};
    for (std::size_t j = 0; j < n; ++j) {
        rows[0].push_back(XlsxCell::of(r.paths[j]));
        grid[0].push_back(r.paths[j]);
    }
    for (std::size_t i = 0; i < n; ++i) {
        rows.push_back({XlsxCell::of(r.paths[i])});
        grid.push_back({r.paths[i]});
        for (std::size_t j = 0; j < n; ++j) {
            rows.back().push_back(XlsxCell::of(static_cast<double>(r.matrix[i][j])));
            grid.back().push_back(std::to_string(r.matrix[i][j]));
        }
    }
    if (args.flag("csv") || args.option("xlsx")) {
        write_table(args, p, "Co-occurrence", rows, out);
        return 0;
    }
    print_grid(grid, out);
    if (!r.pairs.empty()) {
        out << "\npairs (n12: co-occurrences; c = n12 / (n1 + n2 - n12)):\n";
        std::vector<std::vector<std::string>> pairs{{"code", "code", "n1", "n2", "n12", "c"}};
        for (const query::CooccurPair& pair : r.pairs) {
            char c[32] = "-";
            if (pair.c) {
                std::snprintf(c, sizeof c, "%.3f%s", *pair.c, pair.distorted ? "*" : "");
            }
            pairs.push_back({r.paths[pair.a], r.paths[pair.b], std::to_string(r.passages[pair.a]),
                             std::to_string(r.passages[pair.b]), std::to_string(pair.n12), c});
        }
        print_grid(pairs, out);
        if (std::any_of(r.pairs.begin(), r.pairs.end(),
                        [](const query::CooccurPair& x) { return x.distorted; })) {
            out << "* a passage meets several of the other code's: c overstates the overlap\n";
        }
    }
    return 0;
}

}  // namespace quire::cli
