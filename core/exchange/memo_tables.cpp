// SPDX-License-Identifier: GPL-3.0-or-later
// Memos for readers without Quire: Markdown grouped by what they are attached to, and one
// row per memo as CSV or a workbook.
#include <utility>
#include <vector>

#include "core/exchange/tables.h"
#include "core/formats/csv.h"
#include "core/formats/xlsx.h"

namespace quire::exchange {
namespace {

using util::XlsxCell;

std::vector<std::vector<XlsxCell>> memo_rows(Project& project) {
    std::vector<std::vector<XlsxCell>> rows;
    rows.push_back({XlsxCell::of("id"), XlsxCell::of("kind"), XlsxCell::of("attached to"),
                    XlsxCell::of("author"), XlsxCell::of("title"), XlsxCell::of("created"),
                    XlsxCell::of("updated"), XlsxCell::of("text")});
    for (const MemoEntry& e : project.memo_entries()) {
        rows.push_back({XlsxCell::of(static_cast<double>(e.memo.id)), XlsxCell::of(e.kind),
                        XlsxCell::of(e.attached_to), XlsxCell::of(e.author),
                        XlsxCell::of(e.memo.title), XlsxCell::of(e.memo.created_at),
                        XlsxCell::of(e.memo.updated_at), XlsxCell::of(e.memo.text)});
    }
    return rows;
}

}  // namespace

std::string memos_csv(Project& project) {
    std::string out;
    for (const auto& row : memo_rows(project)) {
        std::vector<util::CsvCell> fields;
        for (const XlsxCell& c : row) {
            fields.push_back(c.kind == XlsxCell::Kind::Number
                                 ? util::CsvCell::number(static_cast<std::int64_t>(c.number))
                                 : util::CsvCell(c.text));
        }
        out += util::csv_line(fields);
    }
    return out;
}

void write_memos_xlsx(Project& project, const std::string& path) {
    util::write_xlsx(path, {util::XlsxSheet{"Memos", memo_rows(project)}});
}

std::string memos_markdown(Project& project) {
    const std::vector<MemoEntry> entries = project.memo_entries();
    std::string md = "# Memos: " + project.info().name + "\n";
    const std::pair<Memo::Target, const char*> groups[] = {{Memo::Target::Project, "Project"},
                                                           {Memo::Target::Document, "Documents"},
                                                           {Memo::Target::Code, "Codes"},
                                                           {Memo::Target::Coding, "Codings"},
                                                           {Memo::Target::Case, "Cases"}};
    for (const auto& [target, heading] : groups) {
        bool first = true;
        for (const MemoEntry& e : entries) {
            if (e.memo.target != target) {
                continue;
            }
            if (first) {
                md += "\n## " + std::string(heading) + "\n";
                first = false;
            }
            md += "\n### " + e.attached_to +
                  (e.memo.title.empty() ? std::string() : ": " + e.memo.title) + "\n\n";
            md += "*Memo " + std::to_string(e.memo.id) + "*" +
                  (e.author.empty() ? std::string() : ", *by* " + e.author) + ", *updated* " +
                  e.memo.updated_at + "\n\n" + e.memo.text + "\n";
        }
    }
    return md;
}

}  // namespace quire::exchange
