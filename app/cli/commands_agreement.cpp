// SPDX-License-Identifier: GPL-3.0-or-later
// Agreement between coders: agreement (and its --ratings calculator), disagreements, adopt.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/agreement/coefficient_table.h"
#include "core/agreement/reliability.h"
#include "core/base/errors.h"
#include "core/base/text_range.h"
#include "core/formats/csv.h"
#include "core/import/importer.h"
#include "core/project/project.h"
#include "core/project_agreement/disagreements.h"
#include "core/project_agreement/report_file.h"
#include "core/project_agreement/run.h"
#include "core/text/unicode.h"

namespace quire::cli {
namespace {

std::vector<std::string> split_list(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const std::string& v : values) {
        std::size_t from = 0;
        while (from <= v.size()) {
            const std::size_t comma = v.find(',', from);
            const std::string part =
                v.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
            if (!part.empty()) {
                out.push_back(part);
            }
            if (comma == std::string::npos) {
                break;
            }
            from = comma + 1;
        }
    }
    return out;
}

double parse_share(const std::string& s, const char* what) {
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end == s.c_str()) {
        throw UsageError(std::string(what) + " takes a share such as 0.9 or 90%");
    }
    if (*end == '%') {
        v /= 100.0;
        ++end;
    }
    if (*end != '\0' || !std::isfinite(v) || v < 0 || v > 1) {
        throw UsageError(std::string(what) + " takes a share between 0 and 1 (or 0% to 100%)");
    }
    return v;
}

// --- agreement --ratings: the general calculator ------------------------------------------

agreement::Level parse_level(const std::string& name) {
    if (name == "ordinal") {
        return agreement::Level::Ordinal;
    }
    if (name == "interval") {
        return agreement::Level::Interval;
    }
    if (name == "ratio") {
        return agreement::Level::Ratio;
    }
    if (name != "nominal") {
        throw UsageError("--level takes nominal, ordinal, interval or ratio");
    }
    return agreement::Level::Nominal;
}

std::optional<int> parse_categories(const Args& args) {
    std::optional<int> categories;
    if (const auto n = args.option("categories")) {
        categories = static_cast<int>(parse_offset(*n, "--categories"));
        if (*categories < 2) {
            throw UsageError("--categories must be at least 2");
        }
    }
    return categories;
}

// The ratings table (header, then unit id and one column per coder) as reliability data.
// Nominal labels need not be numbers: each distinct label becomes a category.
agreement::ReliabilityData ratings_data(const std::vector<util::CsvRow>& rows,
                                        const std::string& file, const std::string& level_name,
                                        agreement::Level level) {
    const std::size_t coders = rows[0].size() - 1;
    std::map<std::string, double> labels;
    bool all_numeric = true;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        for (std::size_t c = 1; c < rows[r].size(); ++c) {
            const std::string v = rows[r][c];
            if (v.empty()) {
                continue;
            }
            char* end = nullptr;
            const double number = std::strtod(v.c_str(), &end);
            // "nan" and "inf" are labels, never numbers to compute with.
            all_numeric = all_numeric && end == v.c_str() + v.size() && std::isfinite(number);
            labels.emplace(v, 0.0);
        }
    }
    if (!all_numeric && level != agreement::Level::Nominal) {
        throw InvalidInputError(file + ": " + level_name + " data must be numbers");
    }
    double next = 0;
    for (auto& [label, value] : labels) {
        value = next++;
    }
    agreement::ReliabilityData data;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].size() != coders + 1) {
            throw InvalidInputError(file + ": row " + std::to_string(r + 1) + " has " +
                                    std::to_string(rows[r].size()) + " fields, expected " +
                                    std::to_string(coders + 1));
        }
        std::vector<std::optional<double>> unit;
        for (std::size_t c = 1; c <= coders; ++c) {
            const std::string& v = rows[r][c];
            if (v.empty()) {
                unit.emplace_back();
            } else if (all_numeric) {
                unit.emplace_back(std::strtod(v.c_str(), nullptr));
            } else {
                unit.emplace_back(labels[v]);
            }
        }
        data.values.push_back(std::move(unit));
    }
    return data;
}

using NamedCoefficients = std::vector<std::pair<const char*, agreement::Coefficient>>;

NamedCoefficients ratings_coefficients(const agreement::ReliabilityData& data, std::size_t coders,
                                       std::optional<int> categories, agreement::Level level) {
    NamedCoefficients results = {{"percent_agreement", agreement::percent_agreement(data)}};
    if (coders == 2) {
        results.emplace_back("cohen_kappa", agreement::cohen_kappa(data));
        results.emplace_back("scott_pi", agreement::scott_pi(data));
    }
    results.emplace_back("fleiss_kappa", agreement::fleiss_kappa(data));
    results.emplace_back("brennan_prediger", agreement::brennan_prediger(data, categories));
    results.emplace_back("gwet_ac1", agreement::gwet_ac1(data, categories));
    results.emplace_back("krippendorff_alpha", agreement::krippendorff_alpha(data, level));
    return results;
}

void print_ratings_json(const std::vector<util::CsvRow>& rows, const std::string& level_name,
                        const NamedCoefficients& results, std::ostream& out) {
    ordered_json j;
    j["units"] = rows.size() - 1;
    j["coders"] = std::vector<std::string>(rows[0].begin() + 1, rows[0].end());
    j["level"] = level_name;
    ordered_json notes = ordered_json::object();
    for (const auto& [key, c] : results) {
        j[key] = c.value ? ordered_json(*c.value) : ordered_json();
        if (!c.note.empty()) {
            notes[key] = c.note;
        }
    }
    j["notes"] = notes;
    print_json(out, j);
}

// A reliability-data table, as ReCal or R's irr take it.
int run_ratings(const Args& args, std::ostream& out) {
    const std::string file = args.required("ratings");
    const std::vector<util::CsvRow> rows = util::parse_csv(import::read_file_bytes(file));
    if (rows.size() < 2 || rows[0].size() < 3) {
        throw InvalidInputError(file +
                                ": expected a header row, then one row per unit: unit id and "
                                "one column per coder");
    }
    const std::string level_name = args.option("level").value_or("nominal");
    const agreement::Level level = parse_level(level_name);
    const std::optional<int> categories = parse_categories(args);
    const std::size_t coders = rows[0].size() - 1;
    const NamedCoefficients results = ratings_coefficients(
        ratings_data(rows, file, level_name, level), coders, categories, level);
    if (args.flag("json")) {
        print_ratings_json(rows, level_name, results, out);
        return 0;
    }
    out << rows.size() - 1 << " units, " << coders << " coders, " << level_name << " data\n";
    for (const auto& [key, c] : results) {
        out << "  " << key << ": " << agreement::format_coefficient(c, 4);
        if (!c.note.empty()) {
            out << "  (" << c.note << ")";
        }
        out << "\n";
    }
    return 0;
}

// --- agreement on a project ----------------------------------------------------------------

void print_history(Project& p, bool json, std::ostream& out) {
    const auto runs = agreement::agreement_history(p);
    if (json) {
        out << agreement::history_json(runs) << "\n";
        return;
    }
    // Coefficients as the agreement table prints them: three decimals, "—" when undefined.
    const auto figure = [](const ordered_json& value) {
        agreement::Coefficient c;
        if (value.is_number()) {
            c.value = value.get<double>();
        }
        return agreement::format_coefficient(c, 3);
    };
    for (const auto& r : runs) {
        const ordered_json params = ordered_json::parse(r.parameters);
        const ordered_json overall = ordered_json::parse(r.overall);
        out << "#" << r.id << "  " << r.created_at << "  " << params["unit"].get<std::string>()
            << "  coders " << params["coders"].dump() << "  " << params["codes"].size()
            << " codes, " << params["documents"].size() << " documents  kappa "
            << figure(overall["cohen_kappa"]) << "  alpha " << figure(overall["krippendorff_alpha"])
            << "\n";
    }
}

agreement::AgreementRequest agreement_request(const Args& args) {
    agreement::AgreementRequest request;
    request.coders = split_list(args.all("coders"));
    request.group1 = split_list(args.all("group1"));
    request.group2 = split_list(args.all("group2"));
    request.codes = args.all("code");
    request.documents = args.all("doc");
    request.document_groups = args.all("group");
    request.unit = agreement::unit_kind_from_string(args.option("unit").value_or("character"));
    if (const auto c = args.option("coverage")) {
        request.min_coverage = parse_share(*c, "--coverage");
    }
    if (const auto o = args.option("overlap")) {
        request.segment_overlap = parse_share(*o, "--overlap");
        if (request.segment_overlap == 0) {
            throw UsageError("--overlap must be more than 0");
        }
    }
    if (request.coders.empty() && request.group1.empty()) {
        throw UsageError("name the coders with --coders A,B or two groups with --group1/--group2");
    }
    return request;
}

// Progress goes to a terminal only: a log gains nothing from a counter redrawn in place.
// The run is not stored here (store_agreement_run does it with the report files).
agreement::AgreementRun run_showing_progress(Project& p, const agreement::AgreementRequest& request,
                                             std::ostream& err) {
    const bool show_progress = isatty(2) != 0;
    std::size_t shown = 0;
    return agreement::run_agreement(p, request, false, [&](std::size_t done, std::size_t all) {
        // Progress comes in steps of several documents: show every 50 or so.
        if (show_progress && (done == all || done >= shown + 50)) {
            shown = done;
            err << "\rcomparing documents " << done << "/" << all << (done == all ? "\n" : "")
                << std::flush;
        }
        return true;
    });
}

// --xlsx and --html write their formats whatever the names' extensions; an existing file is
// replaced only with --force, and the project itself never.
agreement::ReportFileOptions report_file_options(Project& p, const Args& args) {
    agreement::ReportFileOptions options;
    options.if_exists = args.flag("force") ? util::IfExists::Replace : util::IfExists::Refuse;
    options.project_path = p.path();
    return options;
}

// Refuses the report files before anything is computed, so a refusal costs nothing.
void check_report_files(Project& p, const Args& args) {
    const agreement::ReportFileOptions options = report_file_options(p, args);
    for (const char* option : {"xlsx", "html"}) {
        if (const auto path = args.option(option)) {
            util::refuse_project_file(*path, options.project_path);
            if (options.if_exists == util::IfExists::Refuse) {
                util::refuse_existing_file(*path);
            }
        }
    }
}

void write_report_files(const agreement::AgreementRun& run, Project& p, const Args& args) {
    agreement::ReportFileOptions options = report_file_options(p, args);
    if (const auto xlsx = args.option("xlsx")) {
        options.format = agreement::ReportFormat::Xlsx;
        agreement::write_report_file(run, "", *xlsx, options);
    }
    if (const auto html = args.option("html")) {
        options.format = agreement::ReportFormat::Html;
        agreement::write_report_file(run, p.info().name, *html, options);
    }
}

// Padded by the columns the text takes, not its bytes: an undefined figure is "—", one
// column in three bytes.
std::string right_aligned(const std::string& s, std::size_t width) {
    const auto columns = static_cast<std::size_t>(text::display_width(s));
    return std::string(columns < width ? width - columns : 0, ' ') + s;
}

void print_agreement_table(const agreement::AgreementRun& run, agreement::UnitKind unit,
                           std::ostream& out) {
    out << "Agreement of " << run.raters[0];
    for (std::size_t i = 1; i < run.raters.size(); ++i) {
        out << (i + 1 == run.raters.size() ? " and " : ", ") << run.raters[i];
    }
    out << " by " << agreement::to_string(unit) << ", " << run.documents.size() << " documents";
    if (run.id != 0) {
        out << " (run #" << run.id << ")";
    }
    out << "\n\n";
    out << "  agreement %   kappa   alpha   code\n";
    for (const agreement::CodeAgreement& c : run.result.codes) {
        out << "  " << right_aligned(agreement::format_coefficient(c.percent_agreement, 1), 11)
            << "  " << right_aligned(agreement::format_coefficient(c.kappa, 3), 6) << "  "
            << right_aligned(agreement::format_coefficient(c.krippendorff_alpha, 3), 6) << "   "
            << c.code << "\n";
    }
}

void print_overall(const agreement::OverallAgreement& o, std::ostream& out) {
    using agreement::CoefficientColumn;
    const std::vector<CoefficientColumn> overall =
        agreement::coefficients_of(agreement::CoefficientScope::Overall);
    // Two lines: the measures on units, then the unitized family on the continuum.
    for (const bool unitized : {false, true}) {
        out << (unitized ? "Unitized: " : "\nAll codes together: ");
        const char* separator = "";
        for (const CoefficientColumn& column : overall) {
            if (column.unitized == unitized) {
                out << separator << column.name << " "
                    << agreement::format_coefficient(agreement::figure(column, o), column.format);
                separator = ", ";
            }
        }
        out << "\n";
    }
    // The first reason a measure is undefined usually explains the others.
    for (const CoefficientColumn& column : overall) {
        const agreement::Coefficient& c = agreement::figure(column, o);
        if (!c.value && !c.note.empty()) {
            out << "Note: " << c.note << "\n";
            break;
        }
    }
    out << "(— undefined; --json gives every figure with the reason)\n";
}

// --- disagreements and adopt -----------------------------------------------------------------

// Ranges as the text output writes positions everywhere: "[965, 1164)", several joined by
// commas, "none" for no range.
std::string ranges_text(const std::vector<TextRange>& ranges) {
    std::string text;
    for (const TextRange& r : ranges) {
        text += (text.empty() ? "" : ", ") +
                ("[" + std::to_string(r.start) + ", " + std::to_string(r.end) + ")");
    }
    return text.empty() ? "none" : text;
}

ordered_json spans_json(const std::vector<TextRange>& spans) {
    ordered_json j = ordered_json::array();
    for (const auto& [s, e] : spans) {
        j.push_back({s, e});
    }
    return j;
}

std::pair<std::string, std::string> two_coders(const Args& args) {
    const std::vector<std::string> coders = split_list(args.all("coders"));
    if (coders.size() != 2) {
        throw UsageError("name two coders with --coders A,B");
    }
    return {coders[0], coders[1]};
}

std::vector<agreement::Disagreement> disagreements_for(Project& p, const Args& args) {
    const auto [first, second] = two_coders(args);
    std::vector<Id> codes;
    for (const std::string& c : args.all("code")) {
        codes.push_back(p.find_code(c).id);
    }
    const std::optional<std::vector<Id>> chosen = chosen_documents(p, args);
    if (chosen && chosen->empty()) {
        return {};  // no document is both named and in a named group
    }
    const std::vector<Id> docs = chosen.value_or(std::vector<Id>{});
    return agreement::find_disagreements(p, first, second, codes, docs,
                                         args.option("consensus").value_or("Consensus"));
}

}  // namespace

int cmd_agreement(const Words& raw, std::ostream& out, std::ostream& err) {
    const Args args =
        parse(raw,
              {"coders", "group1", "group2", "code", "doc", "group", "unit", "coverage", "overlap",
               "ratings", "level", "categories", "xlsx", "html"},
              {"json", "csv", "history", "no-store", "force"});
    if (args.option("ratings")) {
        expect_positional(args, 0, "agreement --ratings FILE.csv");
        return run_ratings(args, out);
    }
    expect_positional(args, 1, "agreement PROJECT --coders A,B");
    Project p = open_project(args.positional[0]);
    if (args.flag("history")) {
        print_history(p, args.flag("json"), out);
        return 0;
    }
    const agreement::AgreementRequest request = agreement_request(args);
    check_report_files(p, args);
    // The run computes from one read snapshot, leaving other programs free to write; it is
    // stored only if its report files are written too: a failed command leaves the project
    // as it was.
    agreement::AgreementRun run = run_showing_progress(p, request, err);
    Project::Action action(p);
    if (!args.flag("no-store")) {
        agreement::store_agreement_run(p, run);
    }
    write_report_files(run, p, args);
    action.commit();
    if (args.flag("json")) {
        out << agreement::report_json(run) << "\n";
    } else if (args.flag("csv")) {
        out << agreement::report_csv(run);
    } else {
        print_agreement_table(run, request.unit, out);
        print_overall(run.result.overall, out);
    }
    return 0;
}

int cmd_disagreements(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args =
        parse(raw, {"coders", "code", "doc", "group", "consensus", "context"}, {"json"});
    expect_positional(args, 1, "disagreements PROJECT --coders A,B");
    Project p = open_project(args.positional[0]);
    const auto [first, second] = two_coders(args);
    const auto found = disagreements_for(p, args);
    const int context =
        static_cast<int>(parse_offset(args.option("context").value_or("60"), "--context"));
    std::map<Id, std::string> texts;
    ordered_json j = ordered_json::array();
    for (const agreement::Disagreement& d : found) {
        if (!texts.count(d.document)) {
            texts[d.document] = p.document_text(d.document);
        }
        const std::string& t = texts[d.document];
        const std::int64_t length = text::code_point_count(t);
        const std::int64_t from = std::max<std::int64_t>(0, d.start - context);
        const std::int64_t to = std::min(length, d.end + context);
        j.push_back({{"document", d.document_name},
                     {"code", d.code_path},
                     {"start", d.start},
                     {"end", d.end},
                     {first, spans_json(d.first)},
                     {second, spans_json(d.second)},
                     {"consensus", spans_json(d.consensus)},
                     {"text", text::slice(t, d.start, d.end)},
                     {"before", text::slice(t, from, d.start)},
                     {"after", text::slice(t, d.end, to)}});
        if (!args.flag("json")) {
            out << d.document_name << " [" << d.start << ", " << d.end << ") " << d.code_path
                << "\n  " << first << ": " << ranges_text(d.first) << "  " << second << ": "
                << ranges_text(d.second) << "\n  «" << text::slice(t, d.start, d.end) << "»\n\n";
        }
    }
    if (args.flag("json")) {
        print_json(out, j);
    } else {
        out << counted(static_cast<long long>(found.size()), "disagreement") << "\n";
    }
    return 0;
}

int cmd_adopt(const Words& raw, std::ostream& out, std::ostream&) {
    const Args args = parse(raw, {"coders", "code", "doc", "at", "take", "consensus"}, {"json"});
    expect_positional(args, 1,
                      "adopt PROJECT --coders A,B --doc DOC --code CODE --at POSITION --take A");
    Project p = open_project(args.positional[0]);
    const auto [first, second] = two_coders(args);
    const std::string take = args.required("take");
    if (take != first && take != second) {
        throw UsageError("--take names one of the two coders");
    }
    const std::int64_t at = parse_offset(args.required("at"), "--at");
    args.required("doc");
    args.required("code");
    const std::string consensus = args.option("consensus").value_or("Consensus");
    for (const agreement::Disagreement& d : disagreements_for(p, args)) {
        if (d.start <= at && at < d.end) {
            const int written = agreement::adopt_version(
                p, d, take == first ? agreement::Version::First : agreement::Version::Second,
                consensus);
            out << "adopted " << take << "'s version of \"" << d.code_path << "\" in \""
                << d.document_name << "\" [" << d.start << ", " << d.end << ") into " << consensus
                << " (" << counted(written, "coding") << ")\n";
            return 0;
        }
    }
    throw NotFoundError("no disagreement of that code covers position " + std::to_string(at));
}

}  // namespace quire::cli
