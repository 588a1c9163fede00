// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/formats/xlsx.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <memory>

#include "core/base/errors.h"
#include "core/formats/zip_writer.h"

namespace quire::util {
namespace {

std::string column_name(std::size_t index) {
    std::string name;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) {
        name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    }
    return name;
}

std::string sheet_xml(const XlsxSheet& sheet) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
        "activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><sheetData>";
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
        xml += "<row r=\"" + std::to_string(r + 1) + "\">";
        for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
            const XlsxCell& cell = sheet.rows[r][c];
            const std::string ref = column_name(c) + std::to_string(r + 1);
            const std::string style = r == 0 ? " s=\"1\"" : "";
            if (cell.kind == XlsxCell::Kind::Text) {
                xml += "<c r=\"" + ref + "\" t=\"inlineStr\"" + style +
                       "><is><t xml:space=\"preserve\">" + xml_escape(cell.text) + "</t></is></c>";
            } else if (cell.kind == XlsxCell::Kind::Number && std::isfinite(cell.number)) {
                char buffer[64];
                const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, cell.number);
                xml +=
                    "<c r=\"" + ref + "\"" + style + "><v>" + std::string(buffer, end) + "</v></c>";
            }
        }
        xml += "</row>";
    }
    xml += "</sheetData></worksheet>";
    return xml;
}

std::string safe_sheet_name(std::string name, std::size_t index) {
    for (char& c : name) {
        if (std::string("[]:*?/\\").find(c) != std::string::npos) {
            c = '-';
        }
    }
    if (name.empty()) {
        name = "Sheet" + std::to_string(index + 1);
    }
    if (name.size() > 31) {
        name.resize(31);
        // Do not leave half a UTF-8 character at the cut.
        while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) {
            name.pop_back();
        }
        if (!name.empty() && (static_cast<unsigned char>(name.back()) & 0x80)) {
            name.pop_back();
        }
    }
    return name;
}

}  // namespace

std::string xml_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                // Control characters other than tab and line breaks are not allowed in XML.
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                    out.push_back(c);
                }
        }
    }
    return out;
}

void write_xlsx(const std::string& path, const std::vector<XlsxSheet>& sheets) {
    if (sheets.empty()) {
        throw InvalidInputError("a workbook needs at least one sheet");
    }
    ZipWriter zip(path);
    auto add = [&](const std::string& name, std::string content) {
        zip.add(name, std::move(content));
    };
    {
        std::string overrides, workbook_sheets, relationships;
        for (std::size_t i = 0; i < sheets.size(); ++i) {
            const std::string n = std::to_string(i + 1);
            overrides += "<Override PartName=\"/xl/worksheets/sheet" + n +
                         ".xml\" ContentType=\"application/"
                         "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
            workbook_sheets += "<sheet name=\"" + xml_escape(safe_sheet_name(sheets[i].name, i)) +
                               "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
            relationships += "<Relationship Id=\"rId" + n +
                             "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                             "relationships/worksheet\" Target=\"worksheets/sheet" +
                             n + ".xml\"/>";
            add("xl/worksheets/sheet" + n + ".xml", sheet_xml(sheets[i]));
        }
        const std::string styles_id = std::to_string(sheets.size() + 1);
        add("[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            "<Default Extension=\"rels\" "
            "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
            "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
            "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>" +
                overrides + "</Types>");
        add("_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
            "2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        add("xl/workbook.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            "<sheets>" +
                workbook_sheets + "</sheets></workbook>");
        add("xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            "<Relationships "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                relationships + "<Relationship Id=\"rId" + styles_id +
                "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                "styles\" Target=\"styles.xml\"/></Relationships>");
        add("xl/styles.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
            "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
            "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
            "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
            "<borders count=\"1\"><border/></borders>"
            "<cellStyleXfs count=\"1\"><xf/></cellStyleXfs>"
            "<cellXfs count=\"2\"><xf/><xf fontId=\"1\" applyFont=\"1\"/></cellXfs>"
            "</styleSheet>");
    }
    zip.commit();
}

}  // namespace quire::util
