// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/exchange/tables.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/formats/csv.h"
#include "core/formats/xlsx.h"

namespace quire::exchange {
namespace {

using util::XlsxCell;
using util::xml_escape;

// The segment table as rows of text and numbers, header first.
std::vector<std::vector<XlsxCell>> segment_rows(Project& project, const CodingFilter& filter) {
    const std::vector<Attribute> attributes = project.attributes();
    std::map<Id, std::vector<std::string>> case_names;        // document -> cases
    std::map<Id, std::map<std::string, std::string>> values;  // document -> attribute -> value
    std::map<Id, std::string> case_name_by_id;
    for (const Case& c : project.cases()) {
        case_name_by_id[c.id] = c.name;
    }
    for (const CaseLink& link : project.case_links()) {
        auto& names = case_names[link.document_id];
        const std::string& name = case_name_by_id[link.case_id];
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
        }
        for (const AttributeValue& v : project.case_attributes(link.case_id)) {
            values[link.document_id].emplace(v.attribute, v.value);  // document values win
        }
    }
    for (const Document& d : project.documents()) {
        for (const AttributeValue& v : project.document_attributes(d.id)) {
            values[d.id][v.attribute] = v.value;
        }
    }
    std::vector<std::vector<XlsxCell>> rows;
    std::vector<XlsxCell> header = {XlsxCell::of("document"), XlsxCell::of("case")};
    for (const Attribute& a : attributes) {
        header.push_back(XlsxCell::of(a.name));
    }
    for (const char* h : {"code", "coder", "start", "end", "text"}) {
        header.push_back(XlsxCell::of(h));
    }
    rows.push_back(std::move(header));
    for (const Segment& s : project.segments(filter, 0)) {
        std::string cases;
        for (const std::string& name : case_names[s.coding.document_id]) {
            cases += (cases.empty() ? "" : "; ") + name;
        }
        std::vector<XlsxCell> row = {XlsxCell::of(s.document), XlsxCell::of(cases)};
        for (const Attribute& a : attributes) {
            const auto& doc_values = values[s.coding.document_id];
            const auto it = doc_values.find(a.name);
            row.push_back(it == doc_values.end() ? XlsxCell::empty() : XlsxCell::of(it->second));
        }
        row.push_back(XlsxCell::of(s.code));
        row.push_back(XlsxCell::of(s.coder));
        row.push_back(XlsxCell::of(static_cast<double>(s.coding.start)));
        row.push_back(XlsxCell::of(static_cast<double>(s.coding.end)));
        row.push_back(XlsxCell::of(s.text));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string as_csv(const std::vector<std::vector<XlsxCell>>& rows) {
    std::string out;
    for (const auto& row : rows) {
        std::vector<util::CsvCell> fields;
        for (const XlsxCell& c : row) {
            if (c.kind == XlsxCell::Kind::Number) {
                fields.push_back(util::CsvCell::number(static_cast<std::int64_t>(c.number)));
            } else {
                fields.push_back(c.text);
            }
        }
        out += util::csv_line(fields);
    }
    return out;
}

std::vector<std::vector<XlsxCell>> codebook_rows(Project& project) {
    std::vector<std::vector<XlsxCell>> rows;
    rows.push_back({XlsxCell::of("code"), XlsxCell::of("name"), XlsxCell::of("parent"),
                    XlsxCell::of("colour"), XlsxCell::of("definition"),
                    XlsxCell::of("inclusion criteria"), XlsxCell::of("exclusion criteria"),
                    XlsxCell::of("example"), XlsxCell::of("codable"), XlsxCell::of("codings"),
                    XlsxCell::of("guid")});
    for (const Code& c : project.codes()) {
        rows.push_back(
            {XlsxCell::of(project.code_path(c.id)), XlsxCell::of(c.name),
             c.parent_id ? XlsxCell::of(project.code_path(*c.parent_id)) : XlsxCell::empty(),
             XlsxCell::of(c.color), XlsxCell::of(c.definition), XlsxCell::of(c.inclusion),
             XlsxCell::of(c.exclusion), XlsxCell::of(c.example),
             XlsxCell::of(c.codable ? "yes" : "no"),
             XlsxCell::of(static_cast<double>(project.coding_count(c.id))), XlsxCell::of(c.guid)});
    }
    return rows;
}

}  // namespace

std::string segments_csv(Project& project, const CodingFilter& filter) {
    return as_csv(segment_rows(project, filter));
}

void write_segments_xlsx(Project& project, const CodingFilter& filter, const std::string& path) {
    util::write_xlsx(path, {{"Coded segments", segment_rows(project, filter)}});
}

std::string codebook_csv(Project& project) {
    return as_csv(codebook_rows(project));
}

void write_codebook_xlsx(Project& project, const std::string& path) {
    util::XlsxSheet sheet{"Codebook", codebook_rows(project)};
    sheet.chart = util::XlsxBarChart{"Codings per code", "code", "codings"};
    util::write_xlsx(path, {sheet});
}

std::string codebook_markdown(Project& project) {
    std::string md = "# Codebook: " + project.info().name + "\n";
    std::map<Id, int> depth;
    for (const Code& c : project.codes()) {
        depth[c.id] = c.parent_id ? depth[*c.parent_id] + 1 : 0;
        md += "\n" + std::string(static_cast<std::size_t>(std::min(depth[c.id] + 2, 6)), '#') +
              " " + c.name + "\n\n";
        if (c.parent_id) {
            md += "*Under:* " + project.code_path(*c.parent_id) + "  \n";
        }
        md += "*Colour:* `" + c.color + "`" + (c.codable ? "" : " (grouping only)") + "  \n";
        md += "*Codings:* " + std::to_string(project.coding_count(c.id)) + "\n";
        const std::pair<const char*, const std::string*> fields[] = {
            {"Definition", &c.definition},
            {"Inclusion criteria", &c.inclusion},
            {"Exclusion criteria", &c.exclusion},
            {"Example", &c.example}};
        for (const auto& [label, value] : fields) {
            if (!value->empty()) {
                md += "\n**" + std::string(label) + ".** " + *value + "\n";
            }
        }
    }
    return md;
}

namespace {

// Who coded what and when, from the codings and the journal (with the entries merged in
// from coders' copies): the audit trail in brief.
std::string coders_section(Project& project) {
    struct Work {
        std::int64_t codings = 0;
        std::set<Id> documents;
        std::string first, last;
        std::int64_t actions = 0;
        std::set<std::string> copies;
    };
    std::map<std::string, Work> by_name;
    std::map<Id, std::string> names;
    for (const Coder& c : project.coders()) {
        names[c.id] = c.name;
        by_name[c.name];
    }
    for (const Coding& c : project.codings()) {
        Work& w = by_name[names[c.coder_id]];
        ++w.codings;
        w.documents.insert(c.document_id);
        w.first = w.first.empty() ? c.created_at : std::min(w.first, c.created_at);
        w.last = std::max(w.last, c.created_at);
    }
    JournalFilter all;
    all.merged = true;
    for (const JournalEntry& e : project.journal(0, all)) {
        Work& w = by_name[e.who];
        ++w.actions;
        if (!e.origin.empty()) {
            w.copies.insert(e.origin);
        }
    }
    std::string h =
        "<h2>Who coded what</h2>\n<table><tr><th>Coder</th><th>Codings</th><th>Documents</th>"
        "<th>First coding</th><th>Last coding</th><th>Actions in the log</th><th>Copies "
        "merged from</th></tr>\n";
    for (const auto& [name, w] : by_name) {
        std::string copies;
        for (const std::string& c : w.copies) {
            copies += (copies.empty() ? "" : "; ") + c;
        }
        h += "<tr><td>" + xml_escape(name) + "</td><td class=\"n\">" + std::to_string(w.codings) +
             "</td><td class=\"n\">" + std::to_string(w.documents.size()) + "</td><td>" +
             xml_escape(w.first) + "</td><td>" + xml_escape(w.last) + "</td><td class=\"n\">" +
             std::to_string(w.actions) + "</td><td>" + xml_escape(copies) + "</td></tr>\n";
    }
    return h + "</table>\n";
}

}  // namespace

std::string project_report_html(Project& project) {
    const ProjectInfo info = project.info();
    const std::vector<Code> codes = project.codes();
    const std::vector<Document> documents = project.documents();
    std::map<Id, std::int64_t> codings_per_code;
    std::map<Id, std::set<Id>> documents_per_code;
    for (const Coding& c : project.codings()) {
        ++codings_per_code[c.code_id];
        documents_per_code[c.code_id].insert(c.document_id);
    }
    std::string h =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
        xml_escape(info.name) +
        "</title><style>body{font-family:system-ui,sans-serif;margin:2em auto;max-width:64em;"
        "color:#222}table{border-collapse:collapse;margin:0.6em 0 1.4em}th,td{border:1px solid "
        "#ccc;padding:0.25em 0.6em;vertical-align:top}th{background:#f3f3f3;text-align:left}"
        "td.n{text-align:right}.swatch{display:inline-block;width:0.8em;height:0.8em;"
        "border-radius:2px;margin-right:0.4em}blockquote{margin:0.4em 0 0.8em;padding:0.3em "
        "0.8em;border-left:4px solid #ccc;background:#fafafa}.meta{color:#666;font-size:0.9em}"
        "</style></head><body>\n<h1>" +
        xml_escape(info.name) + "</h1>\n<p>" + std::to_string(documents.size()) + " documents, " +
        std::to_string(codes.size()) + " codes, " + std::to_string(project.codings().size()) +
        " codings by " + std::to_string(project.coders().size()) + " coders.</p>\n";

    h += coders_section(project);
    h += "<h2>Code frequencies</h2>\n<table><tr><th>Code</th><th>Codings</th><th>Documents</th>"
         "<th></th></tr>\n";
    std::int64_t most = 1;
    for (const auto& [id, n] : codings_per_code) {
        most = std::max(most, n);
    }
    for (const Code& c : codes) {
        const std::int64_t n = codings_per_code[c.id];
        const int width = static_cast<int>(240 * n / most);
        h += "<tr><td><span class=\"swatch\" style=\"background:" + c.color + "\"></span>" +
             xml_escape(project.code_path(c.id)) + "</td><td class=\"n\">" + std::to_string(n) +
             "</td><td class=\"n\">" + std::to_string(documents_per_code[c.id].size()) +
             "</td><td><svg width=\"250\" height=\"14\"><rect width=\"" + std::to_string(width) +
             "\" height=\"14\" fill=\"" + c.color + "\"/></svg></td></tr>\n";
    }
    h += "</table>\n<h2>Codebook</h2>\n<table><tr><th>Code</th><th>Definition</th><th>Inclusion"
         "</th><th>Exclusion</th><th>Example</th></tr>\n";
    for (const Code& c : codes) {
        h += "<tr><td><span class=\"swatch\" style=\"background:" + c.color + "\"></span>" +
             xml_escape(project.code_path(c.id)) + "</td><td>" + xml_escape(c.definition) +
             "</td><td>" + xml_escape(c.inclusion) + "</td><td>" + xml_escape(c.exclusion) +
             "</td><td>" + xml_escape(c.example) + "</td></tr>\n";
    }
    h += "</table>\n<h2>Segments by code</h2>\n";
    for (const Code& c : codes) {
        CodingFilter filter;
        filter.code_id = c.id;
        const std::vector<Segment> segments = project.segments(filter, 0);
        if (segments.empty()) {
            continue;
        }
        h += "<h3><span class=\"swatch\" style=\"background:" + c.color + "\"></span>" +
             xml_escape(project.code_path(c.id)) + "</h3>\n";
        for (const Segment& s : segments) {
            h += "<p class=\"meta\">" + xml_escape(s.document) + " [" +
                 std::to_string(s.coding.start) + ", " + std::to_string(s.coding.end) + ") — " +
                 xml_escape(s.coder) + "</p><blockquote>" + xml_escape(s.text) + "</blockquote>\n";
        }
    }
    h += "<p class=\"meta\">Positions are Unicode code points of the stored text, end "
         "exclusive. Made with Quire.</p></body></html>\n";
    return h;
}

}  // namespace quire::exchange
