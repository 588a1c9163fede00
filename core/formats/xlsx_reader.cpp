// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/formats/xlsx_reader.h"

#include <pugixml.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string_view>

#include "core/base/errors.h"
#include "core/formats/zip_handles.h"

namespace quire::util {
namespace {

// Limits on what one workbook may make us read: attribute tables are small, and a zip bomb
// must not get the chance to fill memory.
constexpr zip_uint64_t kMaxSheetBytes = zip_uint64_t{64} * 1024 * 1024;
constexpr zip_uint64_t kMaxSharedStringsBytes = zip_uint64_t{64} * 1024 * 1024;
constexpr zip_uint64_t kMaxSmallPartBytes = zip_uint64_t{4} * 1024 * 1024;
constexpr zip_uint64_t kMaxWorkbookBytes = zip_uint64_t{256} * 1024 * 1024;

class WorkbookReader {
public:
    WorkbookReader(zip_t* archive, std::string name)
        : archive_(archive),
          name_(std::move(name)),
          budget_(kMaxWorkbookBytes, "cannot read " + name_ + ": it unpacks to more than " +
                                         std::to_string(kMaxWorkbookBytes / (1024 * 1024)) +
                                         " MB") {}

    bool has(const std::string& part) const {
        return zip_name_locate(archive_, part.c_str(), 0) >= 0;
    }

    // The part parsed as XML; a missing part is an empty document unless `required`.
    pugi::xml_document xml(const std::string& part, zip_uint64_t limit, bool required) {
        pugi::xml_document doc;
        const zip_int64_t index = zip_name_locate(archive_, part.c_str(), 0);
        if (index < 0) {
            if (required) {
                throw ImportError("cannot read " + name_ + ": it has no " + part +
                                  " (not an .xlsx workbook?)");
            }
            return doc;
        }
        const std::string bytes =
            read_checked_entry(archive_, static_cast<zip_uint64_t>(index),
                               "cannot read " + name_ + ": " + part, limit, &budget_);
        // No DTDs or entities beyond XML's own: pugixml expands none, so nothing can grow.
        const pugi::xml_parse_result parsed =
            doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default & ~pugi::parse_doctype);
        if (!parsed) {
            throw ImportError("cannot read " + name_ + ": " + part + " is damaged (" +
                              parsed.description() + ")");
        }
        return doc;
    }

    const std::string& name() const { return name_; }

private:
    zip_t* archive_;
    std::string name_;
    InflateBudget budget_;
};

std::string_view local_name(std::string_view qualified) {
    const std::size_t colon = qualified.find(':');
    return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

// Children by local name: workbooks from some tools prefix every element ("x:row").
template <typename Visit>
void each_child(const pugi::xml_node& node, std::string_view name, Visit visit) {
    for (const pugi::xml_node child : node.children()) {
        if (local_name(child.name()) == name) {
            visit(child);
        }
    }
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
    for (const pugi::xml_node c : node.children()) {
        if (local_name(c.name()) == name) {
            return c;
        }
    }
    return {};
}

pugi::xml_attribute attribute(const pugi::xml_node& node, std::string_view name) {
    for (const pugi::xml_attribute a : node.attributes()) {
        if (local_name(a.name()) == name) {
            return a;
        }
    }
    return {};
}

// The text of a shared or inline string: its <t>, or the <t> of each rich-text run <r>
// (phonetic <rPh> runs are not part of the text).
std::string string_item_text(const pugi::xml_node& item) {
    std::string text;
    for (const pugi::xml_node c : item.children()) {
        const std::string_view n = local_name(c.name());
        if (n == "t") {
            text += c.text().get();
        } else if (n == "r") {
            text += child(c, "t").text().get();
        }
    }
    return text;
}

// The worksheet the workbook lists first, by way of its relationship.
std::string first_sheet_part(WorkbookReader& reader) {
    const pugi::xml_document workbook = reader.xml("xl/workbook.xml", kMaxSmallPartBytes, true);
    const pugi::xml_node sheet = child(child(workbook.document_element(), "sheets"), "sheet");
    const std::string id = attribute(sheet, "id").value();
    const pugi::xml_document rels =
        reader.xml("xl/_rels/workbook.xml.rels", kMaxSmallPartBytes, false);
    std::string target;
    each_child(rels.document_element(), "Relationship", [&](const pugi::xml_node& r) {
        if (target.empty() && !id.empty() && id == r.attribute("Id").value()) {
            target = r.attribute("Target").value();
        }
    });
    if (target.empty()) {
        target = "worksheets/sheet1.xml";  // what every writer calls it
    }
    // Targets are relative to xl/ unless they start at the root of the package.
    return target[0] == '/' ? target.substr(1) : "xl/" + target;
}

bool uses_1904_dates(WorkbookReader& reader) {
    const pugi::xml_document workbook = reader.xml("xl/workbook.xml", kMaxSmallPartBytes, true);
    const std::string v =
        attribute(child(workbook.document_element(), "workbookPr"), "date1904").value();
    return v == "1" || v == "true";
}

// A number format shows a date when it is one of Excel's built-in date formats or its code
// has a day or year outside quoted text and [colour] or [$-locale] sections.
bool is_date_format(int id, const std::string& code) {
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) {
        return true;
    }
    bool quoted = false, bracket = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '\\') {
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == '[') {
            bracket = true;
        } else if (!quoted && c == ']') {
            bracket = false;
        } else if (!quoted && !bracket && (c == 'd' || c == 'D' || c == 'y' || c == 'Y')) {
            return true;
        }
    }
    return false;
}

// For each cell style (the s attribute), whether it shows numbers as dates.
std::vector<bool> date_styles(WorkbookReader& reader) {
    const pugi::xml_document styles = reader.xml("xl/styles.xml", kMaxSmallPartBytes, false);
    const pugi::xml_node root = styles.document_element();
    std::map<int, std::string> codes;
    each_child(child(root, "numFmts"), "numFmt", [&](const pugi::xml_node& f) {
        codes[f.attribute("numFmtId").as_int(-1)] = f.attribute("formatCode").value();
    });
    std::vector<bool> dates;
    each_child(child(root, "cellXfs"), "xf", [&](const pugi::xml_node& xf) {
        const int id = xf.attribute("numFmtId").as_int(0);
        const auto code = codes.find(id);
        dates.push_back(is_date_format(id, code == codes.end() ? "" : code->second));
    });
    return dates;
}

std::vector<std::string> shared_strings(WorkbookReader& reader) {
    const pugi::xml_document doc =
        reader.xml("xl/sharedStrings.xml", kMaxSharedStringsBytes, false);
    std::vector<std::string> strings;
    each_child(doc.document_element(), "si",
               [&](const pugi::xml_node& si) { strings.push_back(string_item_text(si)); });
    return strings;
}

// "B12" -> column 1 (from 0) and row 11; false when the reference is not one.
bool parse_reference(const std::string& ref, std::size_t& column, std::size_t& row) {
    std::size_t i = 0, col = 0;
    while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 4) {
        col = col * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
        ++i;
    }
    if (i == 0 || i == ref.size() || ref.size() - i > 8) {
        return false;
    }
    std::size_t r = 0;
    for (std::size_t j = i; j < ref.size(); ++j) {
        if (ref[j] < '0' || ref[j] > '9') {
            return false;
        }
        r = r * 10 + static_cast<std::size_t>(ref[j] - '0');
    }
    if (r == 0) {
        return false;
    }
    column = col - 1;
    row = r - 1;
    return true;
}

struct SheetContext {
    std::vector<std::string> strings;
    std::vector<bool> dates;
    bool from_1904 = false;
    std::string name;
};

std::string cell_text(const pugi::xml_node& c, const SheetContext& context) {
    const std::string type = c.attribute("t").value();
    const std::string value = child(c, "v").text().get();
    if (type == "inlineStr") {
        return string_item_text(child(c, "is"));
    }
    if (type == "s") {
        char* end = nullptr;
        const unsigned long index = std::strtoul(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0' || index >= context.strings.size()) {
            throw ImportError("cannot read " + context.name + ": cell " + c.attribute("r").value() +
                              " names a shared string it lacks");
        }
        return context.strings[index];
    }
    if (type == "d") {
        return value.substr(0, 10);  // an ISO 8601 date cell: its date, without the time
    }
    if (type == "b") {
        return value == "1" ? "true" : value == "0" ? "false" : value;
    }
    if (type.empty() || type == "n") {
        const unsigned style = c.attribute("s").as_uint(0);
        if (!value.empty() && style < context.dates.size() && context.dates[style]) {
            char* end = nullptr;
            const double serial = std::strtod(value.c_str(), &end);
            if (*end == '\0') {
                return xlsx_serial_date(serial, context.from_1904);
            }
        }
    }
    return value;  // str (a formula's text), e (#N/A), or a number as written
}

std::vector<std::vector<std::string>> read_sheet(WorkbookReader& reader) {
    SheetContext context{shared_strings(reader), date_styles(reader), uses_1904_dates(reader),
                         reader.name()};
    const pugi::xml_document sheet = reader.xml(first_sheet_part(reader), kMaxSheetBytes, true);
    std::vector<std::vector<std::string>> rows;
    std::size_t next_row = 0;
    each_child(child(sheet.document_element(), "sheetData"), "row", [&](const pugi::xml_node& row) {
        std::size_t r = row.attribute("r").as_uint(0);
        r = r == 0 ? next_row : r - 1;
        if (r < next_row) {
            throw ImportError("cannot read " + reader.name() + ": its rows are out of order");
        }
        std::size_t next_column = 0;
        std::vector<std::string> cells;
        each_child(row, "c", [&](const pugi::xml_node& c) {
            std::size_t column = next_column, cell_row = r;
            const std::string ref = c.attribute("r").value();
            if (!ref.empty() && !parse_reference(ref, column, cell_row)) {
                throw ImportError("cannot read " + reader.name() + ": \"" + ref +
                                  "\" is not a cell reference");
            }
            if (column >= kMaxXlsxColumns) {
                throw InvalidInputError(reader.name() + " has more than " +
                                        std::to_string(kMaxXlsxColumns) + " columns");
            }
            std::string text = cell_text(c, context);
            if (!text.empty()) {
                if (cells.size() <= column) {
                    cells.resize(column + 1);
                }
                cells[column] = std::move(text);
            }
            next_column = column + 1;
        });
        if (r >= kMaxXlsxRows) {
            throw InvalidInputError(reader.name() + " has more than " +
                                    std::to_string(kMaxXlsxRows) + " rows");
        }
        if (!cells.empty()) {
            rows.resize(r + 1);
            rows[r] = std::move(cells);
        }
        next_row = r + 1;
    });
    return rows;
}

}  // namespace

std::string xlsx_serial_date(double serial, bool from_1904) {
    if (!std::isfinite(serial) || serial < 1 || serial >= 2958466) {
        throw InvalidInputError("a date serial number runs from 1 to 2958465, not " +
                                std::to_string(serial));
    }
    auto days = static_cast<long>(std::floor(serial));
    // Days since 1970-01-01. The 1900 system counts a 29 February 1900 that never was (as
    // Lotus 1-2-3 did), so serials from 61 on are a day ahead of the calendar.
    if (from_1904) {
        days += 1462 - 25569;  // 1904-01-01 is serial 0
    } else {
        days += (days >= 61 ? 0 : 1) - 25569;  // 1899-12-30 is serial 0 from 61 on
    }
    // Civil date from days (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    days += 719468;
    const long era = (days >= 0 ? days : days - 146096) / 146097;
    const long doe = days - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp < 10 ? mp + 3 : mp - 9;
    const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04ld-%02ld-%02ld", y, m, d);
    return buffer;
}

std::vector<std::vector<std::string>> read_xlsx_first_sheet(const std::string& path) {
    const std::string name = "\"" + path + "\"";
    ZipError error;
    const ArchivePtr archive = open_archive_file(path, name, error);
    if (!archive) {
        throw ImportError("cannot read " + name + ": not an .xlsx workbook (" + error.text() + ")");
    }
    WorkbookReader reader(archive.get(), name);
    return read_sheet(reader);
}

}  // namespace quire::util
