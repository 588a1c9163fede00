// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project_agreement/report_export.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/agreement/coefficient_table.h"
#include "core/formats/xlsx.h"
#include "core/text/unicode.h"

namespace quire::agreement {
namespace {

using util::XlsxCell;
using util::xml_escape;

XlsxCell cell(const Coefficient& c) {
    return c.value ? XlsxCell::of(*c.value) : XlsxCell::empty();
}

XlsxCell count(std::int64_t n) {
    return XlsxCell::of(static_cast<double>(n));
}

std::string fixed(double v, int decimals) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return buffer;
}

// Background for a coefficient cell, graded like the usual reading of kappa (below 0.4
// poor, 0.4-0.6 moderate, 0.6-0.8 substantial, above 0.8 almost perfect).
const char* grade(const Coefficient& c) {
    if (!c.value) {
        return "#EEEEEE";
    }
    const double v = *c.value;
    return v < 0.4 ? "#F4C7C3" : v < 0.6 ? "#FCE8B2" : v < 0.8 ? "#D9EAD3" : "#B7E1CD";
}

std::string coefficient_td(const Coefficient& c, CoefficientFormat format) {
    if (!c.value) {
        return "<td class=\"na\" title=\"" + xml_escape(c.note) + "\">—</td>";
    }
    const std::string background = format == CoefficientFormat::Percent ? "#FFFFFF" : grade(c);
    return "<td style=\"background:" + background + "\"" +
           (c.note.empty() ? "" : " title=\"" + xml_escape(c.note) + "\"") + ">" +
           format_coefficient(c, format) + "</td>";
}

std::string header_cells(const std::vector<CoefficientColumn>& columns) {
    std::string h;
    for (const CoefficientColumn& column : columns) {
        h += std::string("<th>") + column.label + "</th>";
    }
    return h;
}

std::string member_list(const std::vector<std::string>& members) {
    std::string s;
    for (const std::string& m : members) {
        s += (s.empty() ? "" : ", ") + m;
    }
    return s;
}

std::string rater_list(const AgreementRun& run) {
    std::string s;
    for (std::size_t i = 0; i < run.raters.size(); ++i) {
        s += (i == 0 ? "" : i + 1 == run.raters.size() ? " and " : ", ") + run.raters[i];
    }
    return s;
}

}  // namespace

void write_report_xlsx(const AgreementRun& run, const std::string& path) {
    const std::vector<CoefficientColumn> in_code = coefficients_of(CoefficientScope::Code);
    const std::vector<CoefficientColumn> in_document = coefficients_of(CoefficientScope::Document);
    util::XlsxSheet codes{"By code", {{XlsxCell::of("code")}}};
    for (const CoefficientColumn& column : in_code) {
        codes.rows[0].push_back(XlsxCell::of(column.name));
    }
    util::XlsxSheet documents{"By document", {}};
    std::vector<XlsxCell> header = {XlsxCell::of("code"), XlsxCell::of("document"),
                                    XlsxCell::of("units"), XlsxCell::of("both"),
                                    XlsxCell::of("neither")};
    for (const std::string& r : run.raters) {
        header.push_back(XlsxCell::of("only " + r));
    }
    for (const CoefficientColumn& column : in_document) {
        header.push_back(XlsxCell::of(column.name));
    }
    documents.rows.push_back(header);
    for (const CodeAgreement& c : run.result.codes) {
        std::vector<XlsxCell> code_row = {XlsxCell::of(c.code)};
        for (const CoefficientColumn& column : in_code) {
            code_row.push_back(cell(figure(column, c)));
        }
        codes.rows.push_back(std::move(code_row));
        for (const DocumentAgreement& d : c.documents) {
            std::vector<XlsxCell> row = {XlsxCell::of(c.code), XlsxCell::of(d.document),
                                         count(d.units), count(d.both), count(d.neither)};
            for (std::size_t r = 0; r < run.raters.size(); ++r) {
                row.push_back(r < d.only.size() ? count(d.only[r]) : XlsxCell::empty());
            }
            for (const CoefficientColumn& column : in_document) {
                row.push_back(cell(figure(column, d)));
            }
            documents.rows.push_back(std::move(row));
        }
    }
    const OverallAgreement& o = run.result.overall;
    util::XlsxSheet overall{"Overall", {}};
    overall.rows.push_back({XlsxCell::of("measure"), XlsxCell::of("value"), XlsxCell::of("note")});
    for (const CoefficientColumn& column : coefficients_of(CoefficientScope::Overall)) {
        const Coefficient& c = figure(column, o);
        overall.rows.push_back({XlsxCell::of(column.name), cell(c), XlsxCell::of(c.note)});
    }
    util::XlsxSheet about{"Parameters", {}};
    about.rows.push_back({XlsxCell::of("parameter"), XlsxCell::of("value")});
    about.rows.push_back({XlsxCell::of("raters"), XlsxCell::of(rater_list(run))});
    for (std::size_t g = 0; g < run.groups.size(); ++g) {
        about.rows.push_back({XlsxCell::of("group" + std::to_string(g + 1)),
                              XlsxCell::of(member_list(run.groups[g]))});
    }
    about.rows.push_back({XlsxCell::of("unit"), XlsxCell::of(to_string(run.request.unit))});
    about.rows.push_back(
        {XlsxCell::of("minimum coverage"), XlsxCell::of(run.request.min_coverage)});
    about.rows.push_back(
        {XlsxCell::of("documents"), count(static_cast<std::int64_t>(run.documents.size()))});
    about.rows.push_back({XlsxCell::of("run"), run.id ? count(run.id) : XlsxCell::empty()});
    about.rows.push_back({XlsxCell::of("computed at"), XlsxCell::of(run.created_at)});
    codes.chart = util::XlsxBarChart{"Kappa per code", "code", "kappa"};
    util::write_xlsx(path, {codes, documents, overall, about});
}

namespace {

// The per-code table.
void html_by_code(std::string& h, const AgreementRun& run) {
    const std::vector<CoefficientColumn> in_code = coefficients_of(CoefficientScope::Code);
    h += "<h2>By code</h2>\n<table><tr><th>Code</th>" + header_cells(in_code) + "</tr>\n";
    for (const CodeAgreement& c : run.result.codes) {
        h += "<tr><td>" + xml_escape(c.code) + "</td>";
        for (const CoefficientColumn& column : in_code) {
            h += coefficient_td(figure(column, c), column.format);
        }
        h += "</tr>\n";
    }
    h += "</table>\n";
}

// A bar chart of kappa per code (undefined values are left out).
void html_kappa_chart(std::string& h, const AgreementRun& run) {
    const int bar_height = 18;
    const int height = static_cast<int>(run.result.codes.size()) * (bar_height + 6) + 30;
    h += "<svg width=\"900\" height=\"" + std::to_string(height) +
         "\" role=\"img\" aria-label=\"Kappa per code\">"
         "<line x1=\"500\" y1=\"0\" x2=\"500\" y2=\"" +
         std::to_string(height - 24) + "\" stroke=\"#999\"/>";
    int y = 0;
    for (const CodeAgreement& c : run.result.codes) {
        // Long code paths keep their end (the code's own name) and lose their start.
        std::string label = c.code;
        if (text::code_point_count(label) > 70) {
            const std::int64_t n = text::code_point_count(label);
            label = "…" + text::slice(label, n - 69, n);
        }
        h += "<text x=\"492\" y=\"" + std::to_string(y + 13) +
             "\" text-anchor=\"end\" font-size=\"12\"><title>" + xml_escape(c.code) + "</title>" +
             xml_escape(label) + "</text>";
        if (c.kappa.value) {
            const double v = std::max(-1.0, std::min(1.0, *c.kappa.value));
            const int width = static_cast<int>(std::abs(v) * 340);
            const int x = v >= 0 ? 500 : 500 - width;
            h += "<rect class=\"bar\" x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) +
                 "\" width=\"" + std::to_string(width) + "\" height=\"" +
                 std::to_string(bar_height) + "\"/><text x=\"" +
                 std::to_string(v >= 0 ? x + width + 4 : 504) + "\" y=\"" + std::to_string(y + 13) +
                 "\" font-size=\"11\">" + fixed(v, 2) + "</text>";
        } else {
            h += "<text x=\"504\" y=\"" + std::to_string(y + 13) +
                 "\" font-size=\"11\" fill=\"#888\">undefined</text>";
        }
        y += bar_height + 6;
    }
    h +=
        "<text x=\"360\" y=\"" + std::to_string(height - 6) +
        "\" font-size=\"11\" text-anchor=\"middle\">kappa (0 = chance, 1 = perfect)</text></svg>\n";
}

// All codes together: one row per measure, with its note.
void html_overall(std::string& h, const AgreementRun& run) {
    const OverallAgreement& o = run.result.overall;
    h += "<h2>All codes together</h2>\n<p>Each code is a category and “uncoded” one more; "
         "defined where no rater applied two of the selected codes to the same unit.</p>\n"
         "<table><tr><th>Measure</th><th>Value</th><th class=\"note\">Note</th></tr>\n";
    for (const CoefficientColumn& column : coefficients_of(CoefficientScope::Overall)) {
        const Coefficient& c = figure(column, o);
        h += std::string("<tr><td>") + column.label + "</td>" + coefficient_td(c, column.format) +
             "<td style=\"text-align:left\">" + xml_escape(c.note) + "</td></tr>\n";
    }
    h += "</table>\n";
}

// Counts per document, a table per code.
void html_counts(std::string& h, const AgreementRun& run) {
    const std::vector<CoefficientColumn> in_document = coefficients_of(CoefficientScope::Document);
    h += "<h2>Counts per document</h2>\n";
    for (const CodeAgreement& c : run.result.codes) {
        h += "<h3>" + xml_escape(c.code) +
             "</h3>\n<table><tr><th>Document</th><th>Units</th>"
             "<th>Both</th><th>Neither</th>";
        for (const std::string& r : run.raters) {
            h += "<th>Only " + xml_escape(r) + "</th>";
        }
        h += header_cells(in_document) + "</tr>\n";
        for (const DocumentAgreement& d : c.documents) {
            h += "<tr><td>" + xml_escape(d.document) + "</td><td>" + std::to_string(d.units) +
                 "</td><td>" + std::to_string(d.both) + "</td><td>" +
                 (run.request.unit == UnitKind::Segment ? std::string("—")
                                                        : std::to_string(d.neither)) +
                 "</td>";
            for (std::size_t r = 0; r < run.raters.size(); ++r) {
                h += "<td>" + (r < d.only.size() ? std::to_string(d.only[r]) : std::string()) +
                     "</td>";
            }
            for (const CoefficientColumn& column : in_document) {
                h += coefficient_td(figure(column, d), column.format);
            }
            h += "</tr>\n";
        }
        h += "</table>\n";
    }
}

// The head with its style sheet, and the paragraph that says what was compared.
void html_head(std::string& h, const AgreementRun& run, const std::string& project_name) {
    h += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<title>Coder agreement — " +
         xml_escape(project_name) +
         "</title><style>"
         "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:64em;color:#222}"
         "table{border-collapse:collapse;margin:0.6em 0 1.4em}"
         "th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:right}"
         "th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}"
         "th.note{text-align:left}"
         "td.na{color:#888;background:#eee}code{background:#f6f6f6;padding:0 0.2em}"
         "dt{font-weight:600;margin-top:0.6em}.bar{fill:#4E79A7}"
         "</style></head><body>\n";
    h += "<h1>Coder agreement</h1>\n<p>Project <strong>" + xml_escape(project_name) +
         "</strong>. Raters: " + xml_escape(rater_list(run));
    for (std::size_t g = 0; g < run.groups.size(); ++g) {
        const std::string members = member_list(run.groups[g]);
        h += "; group" + std::to_string(g + 1) + " = " + xml_escape(members);
    }
    h += ". Unit of analysis: <strong>" + std::string(to_string(run.request.unit)) + "</strong>";
    if (run.request.unit != UnitKind::Character && run.request.unit != UnitKind::Segment) {
        h += run.request.min_coverage > 0
                 ? " (a unit counts as coded when a rater covers at least " +
                       fixed(run.request.min_coverage * 100, 0) + "% of it)"
                 : " (a unit counts as coded when a rater codes any character of it)";
    }
    if (run.request.unit == UnitKind::Segment) {
        h += " (segments match when they overlap by at least " +
             fixed(run.request.segment_overlap * 100, 0) + "% of the range they cover together)";
    }
    h += ". " + std::to_string(run.documents.size()) + " documents, " +
         std::to_string(run.codes.size()) + " codes.";
    if (run.id != 0) {
        h += " Run #" + std::to_string(run.id) + ", computed " + xml_escape(run.created_at) +
             " and stored in the project file.";
    }
    h += "</p>\n";
}

// How each figure is computed, for readers of the report.
void html_method(std::string& h) {
    h += "<h2>How the figures are computed</h2>\n<dl>"
         "<dt>Units</dt><dd>Characters are Unicode code points of the stored (NFC) text. Words "
         "and sentences follow ICU's boundary rules; paragraphs are non-blank lines; a speaker "
         "turn runs from one “Name:” label to the next.</dd>"
         "<dt>Percent agreement (per code)</dt><dd>(both + neither) / units × 100; with more "
         "than two raters, the mean over rater pairs.</dd>"
         "<dt>Kappa (per code, NVivo's formula)</dt><dd>κ = (P<sub>o</sub> − P<sub>e</sub>) / "
         "(1 − P<sub>e</sub>), P<sub>o</sub> = (both + neither) / N, P<sub>e</sub> = "
         "(EF1 + EF2) / N with EF1 = a·b / N and EF2 = (N − a)(N − b) / N, where a and b are the "
         "units each rater coded. Pooled over documents by summing the counts.</dd>"
         "<dt>Fleiss' kappa and Krippendorff's alpha (per code)</dt><dd>The code as present or "
         "absent per unit, any number of raters: Fleiss (1971); Krippendorff's nominal α = 1 − "
         "D<sub>o</sub>/D<sub>e</sub> from the coincidence matrix (Krippendorff 2011).</dd>"
         "<dt>All codes together</dt><dd>Cohen's κ (1960) with each rater's own marginals; "
         "Scott's π (1955) with pooled marginals; Brennan–Prediger κ<sub>n</sub> = "
         "(P<sub>o</sub> − 1/q) / (1 − 1/q), q = codes + 1; Krippendorff's nominal α.</dd>"
         "<dt>Unitized measures</dt><dd>uα, |uα, cuα and (k)uα of Krippendorff, Mathet, Bouvry "
         "and Widlöcher (2016) and Krippendorff (2019) on the coded continuum; αu of "
         "Krippendorff (1995). A rater's overlapping codings of one code form one unit; "
         "codings that merely touch stay separate units.</dd>"
         "<dt>Undefined values</dt><dd>Shown as — with the reason (hover over the cell), never "
         "as 0 or 1: for example kappa when neither rater used a code.</dd></dl>\n"
         "<p>Made with Quire.</p></body></html>\n";
}

}  // namespace

std::string report_html(const AgreementRun& run, const std::string& project_name) {
    std::string h;
    html_head(h, run, project_name);
    html_by_code(h, run);
    html_kappa_chart(h, run);
    html_overall(h, run);
    html_counts(h, run);
    html_method(h);
    return h;
}

}  // namespace quire::agreement
