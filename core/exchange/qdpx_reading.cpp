// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/exchange/qdpx_reading.h"

#include <algorithm>
#include <cctype>

#include "core/base/errors.h"
#include "core/text/unicode.h"

namespace quire::exchange::qdpx {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

std::string normalize_guid(std::string_view raw) {
    std::string g = trim(raw);
    if (g.size() >= 2 && g.front() == '{' && g.back() == '}') {
        g = trim(std::string_view(g).substr(1, g.size() - 2));
    }
    return lower(g);
}

void keep_file_guid(Project& project, const std::string& kind, Id id, const std::string& guid) {
    if (guid.empty()) {
        return;
    }
    try {
        project.keep_guid(kind, id, guid);
    } catch (const InvalidInputError&) {
        // Not a GUID of the usual form: the entity keeps the one Quire gave it.
    }
}

std::string one_line(std::string_view raw, const std::string& fallback) {
    std::string s(raw);
    for (char& c : s) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    s = trim(s);
    if (s.empty() || !text::is_valid_utf8(s)) {
        return fallback;
    }
    return text::to_nfc(s);
}

std::string in_quotes(const std::string& s) {
    return "\u201C" + s + "\u201D";
}

std::string_view local_name(std::string_view qualified) {
    const auto colon = qualified.find(':');
    return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

bool is(const pugi::xml_node& node, std::string_view name) {
    return node.type() == pugi::node_element && local_name(node.name()) == name;
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
    for (const pugi::xml_node c : node.children()) {
        if (is(c, name)) {
            return c;
        }
    }
    return {};
}

std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name) {
    std::vector<pugi::xml_node> out;
    for (const pugi::xml_node c : node.children()) {
        if (is(c, name)) {
            out.push_back(c);
        }
    }
    return out;
}

// Attributes may carry a namespace prefix in some exports; compare local names.
const char* attr(const pugi::xml_node& node, std::string_view name) {
    for (const pugi::xml_attribute a : node.attributes()) {
        if (local_name(a.name()) == name) {
            return a.value();
        }
    }
    return "";
}

std::string guid_of(const pugi::xml_node& node) {
    return normalize_guid(attr(node, "guid"));
}

std::string element_text(const pugi::xml_node& node) {
    return node ? node.text().get() : "";
}

std::optional<std::int64_t> parse_integer(std::string_view s) {
    const std::string t = trim(s);
    if (t.empty() || t.size() > 18) {
        return std::nullopt;
    }
    std::size_t i = t[0] == '+' ? 1 : 0;
    if (i == t.size()) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    for (; i < t.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(t[i]))) {
            return std::nullopt;
        }
        value = value * 10 + (t[i] - '0');
    }
    return value;
}

std::string pick_unique_name(ImportReport& report, const std::string& wanted, const char* what,
                             const std::function<bool(const std::string&)>& taken) {
    if (!taken(wanted)) {
        return wanted;
    }
    for (int n = 2;; ++n) {
        const std::string candidate = wanted + " (" + std::to_string(n) + ")";
        if (!taken(candidate)) {
            report.adjusted.push_back(std::string(what) + " " + in_quotes(wanted) + " renamed " +
                                      in_quotes(candidate) + ": the name was already taken");
            return candidate;
        }
    }
}

void load_refi_xml(pugi::xml_document& xml, const std::string& bytes, std::string_view root,
                   const std::string& kind) {
    const pugi::xml_parse_result parsed = xml.load_buffer(
        bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_auto);
    if (!parsed) {
        throw ImportError("not a REFI-QDA " + kind + ": the " + kind +
                          " file is not well-formed XML (" + parsed.description() +
                          " at byte offset " + std::to_string(parsed.offset) + ")");
    }
    for (const pugi::xml_node node : xml.children()) {
        if (node.type() == pugi::node_doctype &&
            lower(node.value()).find("entity") != std::string::npos) {
            throw ImportError("refusing the " + kind +
                              " file: its DOCTYPE declares entities, which REFI-QDA "
                              "never uses (possible external-entity attack)");
        }
    }
    if (!is(xml.document_element(), root)) {
        throw ImportError("not a REFI-QDA " + kind + ": the root element is <" +
                          xml.document_element().name() + ">, not <" + std::string(root) + ">");
    }
}

}  // namespace quire::exchange::qdpx
