// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project_agreement/run.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/agreement/binary.h"
#include "core/agreement/coefficient_table.h"
#include "core/formats/csv.h"
#include "core/formats/json_writer.h"
#include "core/project/project.h"
#include "core/util/handoff_worker.h"
#include "core/util/ids.h"

namespace quire::agreement {
namespace {

void write_strings(util::JsonWriter& w, const char* key, const std::vector<std::string>& values) {
    w.key(key).begin_array();
    for (const std::string& v : values) {
        w.value(v);
    }
    w.end_array();
}

// Coders, and groups when there are any.
void write_coders(util::JsonWriter& w, const AgreementRun& run) {
    write_strings(w, "coders", run.coders);
    if (!run.groups.empty()) {
        w.key("groups").begin_object();
        for (std::size_t g = 0; g < run.groups.size(); ++g) {
            write_strings(w, ("group" + std::to_string(g + 1)).c_str(), run.groups[g]);
        }
        w.end_object();
    }
}

void write_parameters(util::JsonWriter& w, const AgreementRun& run) {
    w.begin_object();
    write_coders(w, run);
    write_strings(w, "codes", run.codes);
    write_strings(w, "documents", run.documents);
    w.key("unit").value(to_string(run.request.unit));
    w.key("min_coverage").value(run.request.min_coverage);
    if (run.request.unit == UnitKind::Segment) {
        w.key("segment_overlap").value(run.request.segment_overlap);
    }
    w.end_object();
}

std::string parameters_json(const AgreementRun& run) {
    util::JsonWriter w(0);
    write_parameters(w, run);
    return w.take();
}

// Coefficients of one object, written as they come; their notes follow in a `notes` object.
class CoefficientFields {
public:
    explicit CoefficientFields(util::JsonWriter& w) : w_(w) {}
    void put(const char* key, const Coefficient& c) {
        w_.key(key).value(c.value);
        if (!c.note.empty()) {
            notes_.emplace_back(key, c.note);
        }
    }
    void finish() {
        if (!notes_.empty()) {
            finish_with([](util::JsonWriter&) {});
        }
    }
    // Also writes `extra` entries into the notes object (which then always exists).
    template <typename Extra>
    void finish_with(Extra&& extra) {
        w_.key("notes").begin_object();
        for (const auto& [key, note] : notes_) {
            w_.key(key).value(note);
        }
        extra(w_);
        w_.end_object();
    }

private:
    util::JsonWriter& w_;
    std::vector<std::pair<std::string, std::string>> notes_;
};

// Codings go to the comparing thread in batches of about this many rows (ending with a
// document): waking it for each small document would cost more in thread switches than
// comparing the document.
constexpr std::size_t kBatchRows = 4096;

std::vector<std::string> split_members(const std::vector<std::string>& names) {
    std::vector<std::string> out;
    for (const std::string& n : names) {
        if (!n.empty()) {
            out.push_back(n);
        }
    }
    return out;
}

}  // namespace

namespace {

// Coder id -> rater index; fills the run's coders, raters and groups.
std::map<Id, int> select_raters(Project& project, const AgreementRequest& request,
                                AgreementRun& run) {
    std::map<Id, int> rater_of;
    auto add = [&](const std::string& name, int rater) {
        const Coder c = project.find_coder(name);
        if (rater_of.count(c.id)) {
            throw InvalidInputError("coder \"" + c.name + "\" is named twice");
        }
        rater_of[c.id] = rater;
        run.coders.push_back(c.name);
        return c;
    };
    const bool grouped = !request.group1.empty() || !request.group2.empty();
    if (grouped) {
        if (!request.coders.empty()) {
            throw InvalidInputError("compare either coders or two groups of coders, not both");
        }
        const auto g1 = split_members(request.group1);
        const auto g2 = split_members(request.group2);
        if (g1.empty() || g2.empty()) {
            throw InvalidInputError("a group comparison needs two non-empty groups");
        }
        run.groups = {g1, g2};
        run.raters = {"group1", "group2"};
        for (int g = 0; g < 2; ++g) {
            for (const std::string& name : run.groups[static_cast<std::size_t>(g)]) {
                add(name, g);
            }
        }
    } else {
        if (request.coders.size() < 2) {
            throw InvalidInputError("agreement needs at least two coders");
        }
        for (const std::string& name : request.coders) {
            run.raters.push_back(add(name, static_cast<int>(run.raters.size())).name);
        }
    }
    return rater_of;
}

// Code id -> category index; fills the run's code paths.
std::map<Id, int> select_codes(Project& project, const AgreementRequest& request,
                               AgreementRun& run) {
    std::vector<Code> selected;
    if (request.codes.empty()) {
        for (const Code& c : project.codes()) {
            if (c.codable) {
                selected.push_back(c);
            }
        }
    } else {
        for (const std::string& ref : request.codes) {
            selected.push_back(project.find_code(ref));
        }
    }
    std::map<Id, int> code_of;
    for (const Code& c : selected) {
        if (code_of.emplace(c.id, static_cast<int>(run.codes.size())).second) {
            run.codes.push_back(project.code_path(c.id));
        }
    }
    if (run.codes.empty()) {
        throw InvalidInputError("there are no codes to compare");
    }
    return code_of;
}

// Document id -> index in `documents`, which gets one empty entry per document; fills the
// run's document names.
std::map<Id, std::size_t> select_documents(Project& project, const AgreementRequest& request,
                                           AgreementRun& run,
                                           std::vector<ComparisonDocument>& documents) {
    std::vector<Document> docs;
    if (request.documents.empty()) {
        docs = project.documents();
    } else {
        for (const std::string& ref : request.documents) {
            docs.push_back(project.find_document(ref));
        }
    }
    if (!request.document_groups.empty()) {
        std::set<Id> grouped;
        for (const std::string& ref : request.document_groups) {
            for (const Document& d : project.group_documents(project.find_group(ref).id)) {
                grouped.insert(d.id);
            }
        }
        docs.erase(std::remove_if(docs.begin(), docs.end(),
                                  [&](const Document& d) { return grouped.count(d.id) == 0; }),
                   docs.end());
        if (docs.empty()) {
            // Not every document: an empty choice compares nothing, and says so.
            throw InvalidInputError("the chosen groups hold none of the chosen documents");
        }
    }
    std::map<Id, std::size_t> doc_index;
    for (const Document& d : docs) {
        if (doc_index.count(d.id)) {
            continue;
        }
        doc_index[d.id] = documents.size();
        ComparisonDocument cd;
        cd.name = d.name;
        cd.length = d.length;
        documents.push_back(std::move(cd));
        run.documents.push_back(d.name);
    }
    return doc_index;
}

// Row ids are dense, so the comparing thread maps ids to indices through flat tables rather
// than maps: id -> index, -1 for ids not selected.
template <typename Index>
std::vector<int> dense_table(const std::map<Id, Index>& by_id) {
    Id largest = 0;
    for (const auto& [id, index] : by_id) {
        largest = std::max(largest, id);
    }
    std::vector<int> table(static_cast<std::size_t>(largest) + 1, -1);
    for (const auto& [id, index] : by_id) {
        table[static_cast<std::size_t>(id)] = static_cast<int>(index);
    }
    return table;
}

int lookup(const std::vector<int>& table, Id id) {
    return id >= 0 && static_cast<std::size_t>(id) < table.size()
               ? table[static_cast<std::size_t>(id)]
               : -1;
}

// Reads the selected documents' codings (and texts, when the unit needs them) and compares
// them. Reading is the slow part, so this thread only steps through the rows and passes
// them on in batches that end with a document; a worker sorts them into documents and
// compares each one while the next rows are read.
ComparisonResult read_and_compare(Project& project, ComparisonInput& input,
                                  const std::map<Id, int>& rater_of,
                                  const std::map<Id, int>& code_of,
                                  const std::map<Id, std::size_t>& doc_index, bool codes_chosen,
                                  const Progress& progress) {
    const std::vector<int> doc_table = dense_table(doc_index);
    const std::vector<int> code_table = dense_table(code_of);
    const std::vector<int> rater_table = dense_table(rater_of);
    std::vector<Id> code_filter;
    if (codes_chosen) {
        for (const auto& [id, index] : code_of) {
            code_filter.push_back(id);
        }
    }
    const bool needs_text = input.unit == UnitKind::Word || input.unit == UnitKind::Sentence ||
                            input.unit == UnitKind::Paragraph || input.unit == UnitKind::Turn;

    Comparison comparison(input, input.documents.size());
    std::vector<bool> compared(input.documents.size(), false);  // the worker's until finish()
    {
        util::HandoffWorker<std::vector<CodingRow>> worker(
            [&](std::vector<CodingRow>& rows) {
                for (std::size_t i = 0; i < rows.size();) {
                    const Id id = rows[i].document;
                    std::size_t end = i;
                    while (end < rows.size() && rows[end].document == id) {
                        ++end;
                    }
                    const int index = lookup(doc_table, id);
                    if (index >= 0) {
                        ComparisonDocument& doc = input.documents[static_cast<std::size_t>(index)];
                        doc.codings.reserve(end - i);
                        for (std::size_t r = i; r < end; ++r) {
                            const int code = lookup(code_table, rows[r].code);
                            const int rater = lookup(rater_table, rows[r].coder);
                            if (code >= 0 && rater >= 0) {
                                doc.codings.push_back({rater, code, rows[r].start, rows[r].end});
                            }
                        }
                        comparison.add(static_cast<std::size_t>(index), doc);
                        compared[static_cast<std::size_t>(index)] = true;
                        doc = ComparisonDocument{};  // compared: its codings and text are done
                    }
                    i = end;
                }
            },
            1);  // each item is a batch already
        std::vector<CodingRow> batch;
        batch.reserve(kBatchRows);
        // One read per selected document, in the order of their ids: unselected documents
        // are not read at all. Texts are read before the document's rows are handed over.
        // Progress counts documents read.
        std::size_t documents_read = 0;
        for (const auto& [doc_id, index] : doc_index) {
            if (needs_text) {
                input.documents[index].text = project.document_text(doc_id);
            }
            project.append_coding_rows(doc_id, code_filter, batch);
            if (batch.size() >= kBatchRows) {
                worker.hand_over(std::exchange(batch, std::vector<CodingRow>()));
                batch.reserve(kBatchRows);
            }
            report_progress(progress, ++documents_read, input.documents.size());
            if (worker.failed()) {
                break;  // finish() below says why
            }
        }
        if (!batch.empty()) {
            worker.hand_over(std::move(batch));
        }
        worker.finish();
    }
    for (std::size_t d = 0; d < input.documents.size(); ++d) {
        if (!compared[d]) {
            comparison.add(d, input.documents[d]);  // a document without codings
        }
    }
    return comparison.finish();
}

}  // namespace

AgreementRun run_agreement(Project& project, const AgreementRequest& request, bool store,
                           const Progress& progress) {
    AgreementRun run;
    run.request = request;
    ComparisonInput input;
    input.unit = request.unit;
    input.min_coverage = request.min_coverage;
    input.segment_overlap = request.segment_overlap;
    {
        // Everything here reads one state of the file: coders, codes, documents, texts and
        // codings. Nothing is written in it, and it ends before the run is stored.
        Project::Action snapshot(project, Project::Action::Access::Read);
        const std::map<Id, int> rater_of = select_raters(project, request, run);
        input.raters = run.raters;
        const std::map<Id, int> code_of = select_codes(project, request, run);
        input.codes = run.codes;
        const std::map<Id, std::size_t> doc_index =
            select_documents(project, request, run, input.documents);
        run.result = read_and_compare(project, input, rater_of, code_of, doc_index,
                                      !request.codes.empty(), progress);
        snapshot.commit();  // nothing was written: this ends the read
    }
    run.created_at = util::now_utc();
    if (store) {
        store_agreement_run(project, run);
    }
    return run;
}

void store_agreement_run(Project& project, AgreementRun& run) {
    run.id = project.add_agreement_run(run.created_at, parameters_json(run), [&run](Id id) {
        run.id = id;
        return stored_report_json(run);
    });
}

namespace {

// One document's figures for one code, as in report_json().
void write_document(util::JsonWriter& w, const std::vector<std::string>& raters,
                    const DocumentAgreement& d, bool segments) {
    w.begin_object();
    w.key("document").value(d.document);
    w.key("units").value(static_cast<std::int64_t>(d.units));
    w.key("both").value(static_cast<std::int64_t>(d.both));
    w.key("neither");
    if (segments) {
        w.null();
    } else {
        w.value(static_cast<std::int64_t>(d.neither));
    }
    w.key("only").begin_object();
    for (std::size_t r = 0; r < d.only.size() && r < raters.size(); ++r) {
        w.key(raters[r]).value(static_cast<std::int64_t>(d.only[r]));
    }
    w.end_object();
    CoefficientFields fields(w);
    for (const CoefficientColumn& column : coefficients_of(CoefficientScope::Document)) {
        fields.put(column.key, figure(column, d));
    }
    if (segments && raters.size() == 2) {
        w.key("matched").begin_array();
        for (const SegmentMatch& m : d.matched) {
            w.begin_object();
            w.key(raters[0])
                .begin_array()
                .value(static_cast<std::int64_t>(m.a_start))
                .value(static_cast<std::int64_t>(m.a_end))
                .end_array();
            w.key(raters[1])
                .begin_array()
                .value(static_cast<std::int64_t>(m.b_start))
                .value(static_cast<std::int64_t>(m.b_end))
                .end_array();
            w.key("overlap").value(m.overlap);
            w.end_object();
        }
        w.end_array();
        w.key("unmatched").begin_object();
        for (std::size_t r = 0; r < d.unmatched.size(); ++r) {
            w.key(raters[r]).begin_array();
            for (const auto& [start, end] : d.unmatched[r]) {
                w.begin_array()
                    .value(static_cast<std::int64_t>(start))
                    .value(static_cast<std::int64_t>(end))
                    .end_array();
            }
            w.end_array();
        }
        w.end_object();
    }
    fields.finish();
    w.end_object();
}

// The stored form of a code's per-document figures: one array per count, in document order.
// With two raters percent agreement and kappa follow from the counts and are not kept (see
// write_document_columns_expanded()); with more, percent agreement depends on more than these
// counts and is kept. Documents of one code take about 25 bytes each instead of 200, which
// matters for runs of 50,000 of them.
void write_document_columns(util::JsonWriter& w, const AgreementRun& run, const CodeAgreement& c) {
    auto column = [&](const char* key, auto field) {
        w.key(key).begin_array();
        for (const DocumentAgreement& d : c.documents) {
            w.value(static_cast<std::int64_t>(field(d)));
        }
        w.end_array();
    };
    w.begin_object();
    column("units", [](const DocumentAgreement& d) { return d.units; });
    column("both", [](const DocumentAgreement& d) { return d.both; });
    column("neither", [](const DocumentAgreement& d) { return d.neither; });
    w.key("only").begin_object();
    for (std::size_t r = 0; r < run.raters.size(); ++r) {
        column(run.raters[r].c_str(),
               [r](const DocumentAgreement& d) { return r < d.only.size() ? d.only[r] : 0; });
    }
    w.end_object();
    if (run.raters.size() != 2) {
        w.key("percent_agreement").begin_array();
        for (const DocumentAgreement& d : c.documents) {
            w.value(d.percent_agreement.value);
        }
        w.end_array();
        // Notes of undefined percentages, by document index (rare: empty documents).
        w.key("percent_agreement_notes").begin_object();
        for (std::size_t i = 0; i < c.documents.size(); ++i) {
            if (!c.documents[i].percent_agreement.note.empty()) {
                w.key(std::to_string(i)).value(c.documents[i].percent_agreement.note);
            }
        }
        w.end_object();
    }
    w.end_object();
}

void write_report(util::JsonWriter& w, const AgreementRun& run, bool stored) {
    w.begin_object();
    write_coders(w, run);
    w.key("unit").value(to_string(run.request.unit));
    if (run.id != 0) {
        w.key("run").begin_object();
        w.key("id").value(static_cast<std::int64_t>(run.id));
        w.key("created_at").value(run.created_at);
        w.end_object();
    }
    w.key("parameters");
    write_parameters(w, run);
    const bool segments = run.request.unit == UnitKind::Segment;
    w.key("codes").begin_array();
    for (const CodeAgreement& c : run.result.codes) {
        w.begin_object();
        w.key("code").value(c.code);
        if (stored && !segments) {
            w.key("documents");
            write_document_columns(w, run, c);
        } else {
            w.key("documents").begin_array();
            for (const DocumentAgreement& d : c.documents) {
                write_document(w, run.raters, d, segments);
            }
            w.end_array();
        }
        CoefficientFields fields(w);
        for (const CoefficientColumn& column : coefficients_of(CoefficientScope::Code)) {
            fields.put(column.key, figure(column, c));
        }
        fields.finish();
        w.end_object();
    }
    w.end_array();

    const OverallAgreement& o = run.result.overall;
    w.key("overall").begin_object();
    CoefficientFields overall(w);
    const char* per_code_key = nullptr;
    std::vector<std::pair<std::string, std::string>> k_notes;
    for (const CoefficientColumn& column : coefficients_of(CoefficientScope::Overall, true)) {
        if (!column.per_code) {
            overall.put(column.key, figure(column, o));
            continue;
        }
        // One value per code, keyed by code path; OverallAgreement::k_u_alpha is the only
        // per-code figure of all codes together.
        per_code_key = column.key;
        w.key(column.key).begin_object();
        for (std::size_t c = 0; c < o.k_u_alpha.size() && c < run.codes.size(); ++c) {
            w.key(run.codes[c]).value(o.k_u_alpha[c].value);
            if (!o.k_u_alpha[c].note.empty()) {
                k_notes.emplace_back(run.codes[c], o.k_u_alpha[c].note);
            }
        }
        w.end_object();
    }
    // The notes object of `overall` holds the per-code notes of k_u_alpha as an object.
    if (!k_notes.empty()) {
        overall.finish_with([&](util::JsonWriter& writer) {
            writer.key(per_code_key).begin_object();
            for (const auto& [code, note] : k_notes) {
                writer.key(code).value(note);
            }
            writer.end_object();
        });
    } else {
        overall.finish();
    }
    w.end_object();
    if (!run.result.notes.empty()) {
        w.key("notes").begin_array();
        for (const std::string& n : run.result.notes) {
            w.value(n);
        }
        w.end_array();
    }
    w.end_object();
}

}  // namespace

std::string report_json(const AgreementRun& run, bool indented) {
    util::JsonWriter w(indented ? 2 : 0);
    w.reserve(run.codes.size() * run.documents.size() * (indented ? 260 : 150) + 65536);
    write_report(w, run, false);
    return w.take();
}

std::string report_csv(const AgreementRun& run) {
    using util::CsvCell;
    // Coefficients and counts are number cells: a negative kappa stays a number.
    auto cell = [](const Coefficient& c) {
        return c.value ? CsvCell::number(std::to_string(*c.value)) : CsvCell("");
    };
    // Per-code columns; document rows fill those that also apply to one document.
    const std::vector<CoefficientColumn> columns = coefficients_of(CoefficientScope::Code);
    const std::vector<CoefficientColumn> in_document = coefficients_of(CoefficientScope::Document);
    std::vector<CsvCell> header = {
        "code",
        "document",
        "units",
        "both",
        "neither",
        "only " + run.raters[0],
        "only " + run.raters[std::min<std::size_t>(1, run.raters.size() - 1)]};
    for (const CoefficientColumn& column : columns) {
        header.push_back(column.key);
    }
    std::string out = util::csv_line(header);
    auto counts_row = [](const std::string& code, const std::string& document, std::int64_t units,
                         std::int64_t both, std::int64_t neither, std::int64_t only0,
                         std::int64_t only1) {
        return std::vector<CsvCell>{code,
                                    document,
                                    CsvCell::number(units),
                                    CsvCell::number(both),
                                    CsvCell::number(neither),
                                    CsvCell::number(only0),
                                    CsvCell::number(only1)};
    };
    for (const CodeAgreement& c : run.result.codes) {
        std::int64_t units = 0, both = 0, neither = 0, only0 = 0, only1 = 0;
        for (const DocumentAgreement& d : c.documents) {
            const std::int64_t o0 = d.only.size() > 0 ? d.only[0] : 0;
            const std::int64_t o1 = d.only.size() > 1 ? d.only[1] : 0;
            std::vector<CsvCell> row =
                counts_row(c.code, d.document, d.units, d.both, d.neither, o0, o1);
            for (const CoefficientColumn& column : columns) {
                const auto same = std::find_if(
                    in_document.begin(), in_document.end(),
                    [&](const CoefficientColumn& e) { return std::string(e.key) == column.key; });
                row.push_back(same != in_document.end() ? cell(figure(*same, d)) : CsvCell(""));
            }
            out += util::csv_line(row);
            units += d.units;
            both += d.both;
            neither += d.neither;
            only0 += o0;
            only1 += o1;
        }
        std::vector<CsvCell> row =
            counts_row(c.code, "(all documents)", units, both, neither, only0, only1);
        for (const CoefficientColumn& column : columns) {
            row.push_back(cell(figure(column, c)));
        }
        out += util::csv_line(row);
    }
    out += "\n";
    std::vector<CsvCell> overall_header = {"overall"};
    std::vector<CsvCell> overall_row = {"(all codes)"};
    for (const CoefficientColumn& column : coefficients_of(CoefficientScope::Overall)) {
        overall_header.push_back(column.key);
        overall_row.push_back(cell(figure(column, run.result.overall)));
    }
    out += util::csv_line(overall_header);
    out += util::csv_line(overall_row);
    return out;
}

namespace {

// A code's per-document figures from their stored columns, written as report_json() wrote
// them: the counts as stored; with two raters percent agreement and kappa from the counts by
// the functions that computed them (see fill_counts() in comparison.cpp), with more the
// stored percentages.
void write_document_columns_expanded(util::JsonWriter& w, const nlohmann::ordered_json& columns,
                                     const nlohmann::ordered_json& names,
                                     const std::vector<std::string>& raters) {
    const auto& units = columns.at("units");
    const bool two = raters.size() == 2;
    w.begin_array();
    for (std::size_t i = 0; i < units.size(); ++i) {
        DocumentAgreement d;
        d.document = names.at(i).get<std::string>();
        d.units = units.at(i).get<std::int64_t>();
        d.both = columns.at("both").at(i).get<std::int64_t>();
        d.neither = columns.at("neither").at(i).get<std::int64_t>();
        for (const std::string& rater : raters) {
            d.only.push_back(columns.at("only").at(rater).at(i).get<std::int64_t>());
        }
        if (two) {
            const TwoRaterCounts counts{d.units, d.both + d.only[0], d.both + d.only[1], d.both};
            d.percent_agreement = nvivo_percent_agreement(counts);
            d.kappa = nvivo_kappa(counts);
        } else {
            const auto& percent = columns.at("percent_agreement").at(i);
            const auto& notes = columns.at("percent_agreement_notes");
            const std::string key = std::to_string(i);
            d.percent_agreement =
                percent.is_null() ? Coefficient::undefined(
                                        notes.contains(key) ? notes.at(key).get<std::string>() : "")
                                  : Coefficient::of(percent.get<double>());
            d.kappa = Coefficient::undefined(
                "NVivo-style kappa compares two coders or two groups of coders");
        }
        write_document(w, raters, d, false);
    }
    w.end_array();
}

void write_full_report(util::JsonWriter& w, const nlohmann::ordered_json& report) {
    std::vector<std::string> raters;
    if (report.contains("groups")) {
        for (const auto& [name, members] : report.at("groups").items()) {
            raters.push_back(name);
        }
    } else if (report.contains("coders")) {
        raters = report.at("coders").get<std::vector<std::string>>();
    }
    w.begin_object();
    for (const auto& [key, value] : report.items()) {
        w.key(key);
        if (key != "codes") {
            w.json_text(value.dump());
            continue;
        }
        w.begin_array();
        for (const auto& code : value) {
            w.begin_object();
            for (const auto& [field, item] : code.items()) {
                w.key(field);
                if (field == "documents" && item.is_object()) {
                    write_document_columns_expanded(
                        w, item, report.at("parameters").at("documents"), raters);
                } else {
                    w.json_text(item.dump());
                }
            }
            w.end_object();
        }
        w.end_array();
    }
    w.end_object();
}

void write_full_report(util::JsonWriter& w, const std::string& stored) {
    try {
        write_full_report(w, nlohmann::ordered_json::parse(stored));
    } catch (const nlohmann::json::exception& e) {
        throw ProjectFileError(std::string("a stored agreement run is damaged: ") + e.what());
    }
}

}  // namespace

std::string full_report_json(const std::string& stored_result) {
    util::JsonWriter w;
    write_full_report(w, stored_result);
    return w.take();
}

std::string history_json(const std::vector<StoredRun>& runs) {
    // Written as it goes: the reports of large runs run to megabytes each.
    util::JsonWriter w;
    w.begin_array();
    for (const StoredRun& r : runs) {
        w.begin_object();
        w.key("id").value(static_cast<std::int64_t>(r.id));
        w.key("created_at").value(r.created_at);
        w.key("parameters").json_text(r.parameters);
        w.key("result");
        write_full_report(w, r.result);
        w.end_object();
    }
    w.end_array();
    return w.take();
}

std::string stored_report_json(const AgreementRun& run) {
    util::JsonWriter w(0);
    // About 6 bytes a count: growing the text as it goes costs more than writing it.
    w.reserve(run.codes.size() * run.documents.size() * (run.raters.size() + 3) * 6 + 65536);
    write_report(w, run, true);
    return w.take();
}

std::vector<StoredRun> agreement_history(Project& project) {
    return project.agreement_runs();
}

}  // namespace quire::agreement
