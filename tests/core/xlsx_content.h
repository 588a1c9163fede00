// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "tests/core/zip_parts.h"

// What a spreadsheet says, read back from the .xlsx with libzip and pugixml: every part by
// name, and each sheet's cells by row and column, so that tests compare content, not bytes.
namespace quire::test {

struct XlsxValue {
    bool is_number = false;
    std::string text;  // a string cell's text, or a number cell's <v> as written
    double number = 0;
    std::string style;  // the s attribute
};

struct XlsxContent {
    std::map<std::string, std::string> parts;  // zip entry -> bytes
    std::vector<std::string> sheet_names;      // in workbook order
    // sheet name -> row -> column (both from 0) -> value; absent cells are absent
    std::map<std::string, std::map<int, std::map<int, XlsxValue>>> sheets;

    // The text of a cell, its number as written, or "" when the cell is absent.
    std::string text(const std::string& sheet, int row, int column) const {
        const auto s = sheets.find(sheet);
        if (s == sheets.end()) {
            return {};
        }
        const auto r = s->second.find(row);
        if (r == s->second.end()) {
            return {};
        }
        const auto c = r->second.find(column);
        return c == r->second.end() ? std::string() : c->second.text;
    }
    const XlsxValue* cell(const std::string& sheet, int row, int column) const {
        const auto s = sheets.find(sheet);
        if (s == sheets.end() || !s->second.count(row) || !s->second.at(row).count(column)) {
            return nullptr;
        }
        return &s->second.at(row).at(column);
    }
    int rows(const std::string& sheet) const {
        const auto s = sheets.find(sheet);
        return s == sheets.end() || s->second.empty() ? 0 : s->second.rbegin()->first + 1;
    }
};

// "AB12" -> row 11, column 27.
inline void parse_reference(const std::string& ref, int& row, int& column) {
    column = 0;
    std::size_t i = 0;
    for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
        column = column * 26 + (ref[i] - 'A' + 1);
    }
    column -= 1;
    row = std::atoi(ref.c_str() + i) - 1;
}

// The text of an <si> or <is>: its <t>, or the <t>s of its runs.
inline std::string string_item_text(const pugi::xml_node& item) {
    if (const pugi::xml_node t = item.child("t")) {
        return t.text().get();
    }
    std::string out;
    for (const pugi::xml_node run : item.children("r")) {
        out += run.child("t").text().get();
    }
    return out;
}

inline XlsxContent read_xlsx(const std::string& path) {
    XlsxContent content;
    content.parts = read_zip_parts(path);
    pugi::xml_document workbook, relationships, shared;
    REQUIRE(workbook.load_string(content.parts.at("xl/workbook.xml").c_str()));
    REQUIRE(relationships.load_string(content.parts.at("xl/_rels/workbook.xml.rels").c_str()));
    std::vector<std::string> strings;
    if (content.parts.count("xl/sharedStrings.xml")) {
        REQUIRE(shared.load_string(content.parts.at("xl/sharedStrings.xml").c_str()));
        for (const pugi::xml_node si : shared.child("sst").children("si")) {
            strings.push_back(string_item_text(si));
        }
    }
    std::map<std::string, std::string> targets;
    for (const pugi::xml_node r : relationships.child("Relationships").children("Relationship")) {
        targets[r.attribute("Id").value()] = r.attribute("Target").value();
    }
    for (const pugi::xml_node s : workbook.child("workbook").child("sheets").children("sheet")) {
        const std::string name = s.attribute("name").value();
        content.sheet_names.push_back(name);
        std::string target = targets.at(s.attribute("r:id").value());
        target = target.rfind("/xl/", 0) == 0 ? target.substr(1) : "xl/" + target;
        pugi::xml_document sheet;
        REQUIRE(sheet.load_string(content.parts.at(target).c_str()));
        auto& cells = content.sheets[name];
        for (const pugi::xml_node row :
             sheet.child("worksheet").child("sheetData").children("row")) {
            for (const pugi::xml_node c : row.children("c")) {
                int r = 0, col = 0;
                parse_reference(c.attribute("r").value(), r, col);
                XlsxValue value;
                value.style = c.attribute("s").value();
                const std::string type = c.attribute("t").value();
                if (type == "s") {
                    value.text = strings.at(std::stoul(c.child("v").text().get()));
                } else if (type == "inlineStr") {
                    value.text = string_item_text(c.child("is"));
                } else if (type == "str") {
                    value.text = c.child("v").text().get();
                } else if (c.child("v")) {
                    value.is_number = true;
                    value.text = c.child("v").text().get();
                    value.number = std::strtod(value.text.c_str(), nullptr);
                } else {
                    continue;  // a blank cell that only carries a style
                }
                cells[r][col] = value;
            }
        }
    }
    return content;
}

}  // namespace quire::test
