// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/exchange/qdpx_export.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <sstream>
#include <tuple>
#include <vector>

#include "core/base/errors.h"
#include "core/text/unicode.h"
#include "core/util/paths.h"
#include "core/util/sha256.h"
#include "core/formats/zip_writer.h"

namespace quire::exchange {
namespace {

constexpr const char* kOrigin = "Quire 0.1";
constexpr const char* kProjectNamespace = "urn:QDA-XML:project:1.0";
constexpr const char* kCodebookNamespace = "urn:QDA-XML:codebook:1.0";
// Selection names quote the coded text, cut to this many code points.
constexpr std::int64_t kSelectionNameLength = 80;

// XML 1.0 forbids control characters other than tab and line breaks, even escaped.
std::string xml_safe(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // U+FFFE and U+FFFF (EF BF BE/BF) are not XML characters either.
        if (c == '\xEF' && i + 2 < text.size() && text[i + 1] == '\xBF' &&
            (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
            i += 2;
            continue;
        }
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            out.push_back(c);
        }
    }
    return out;
}

void set(pugi::xml_node node, const char* attribute, const std::string& value) {
    node.append_attribute(attribute) = xml_safe(value).c_str();
}

pugi::xml_node add_text(pugi::xml_node parent, const char* name, const std::string& text) {
    pugi::xml_node child = parent.append_child(name);
    child.text() = xml_safe(text).c_str();
    return child;
}

void add_ref(pugi::xml_node parent, const char* name, const std::string& guid) {
    set(parent.append_child(name), "targetGUID", guid);
}

// Code sets as `Sets`/`Set`/`MemberCode`; the project schema names a member by
// `targetGUID`, the codebook schema by `guid`. Nothing is written when there are no sets.
void append_code_sets(pugi::xml_node root, const std::vector<CodeSet>& code_sets,
                      const std::map<Id, std::string>& code_guid, const char* member_attribute) {
    if (code_sets.empty()) {
        return;
    }
    pugi::xml_node sets = root.append_child("Sets");
    for (const CodeSet& s : code_sets) {
        pugi::xml_node node = sets.append_child("Set");
        set(node, "guid", s.guid);
        set(node, "name", s.name);
        if (!s.description.empty()) {
            add_text(node, "Description", s.description);
        }
        for (const Id code : s.code_ids) {
            if (const auto it = code_guid.find(code); it != code_guid.end()) {
                set(node.append_child("MemberCode"), member_attribute, it->second);
            }
        }
    }
}

bool all_digits(const std::string& s, std::size_t from, std::size_t count) {
    return from + count <= s.size() &&
           std::all_of(s.begin() + static_cast<std::ptrdiff_t>(from),
                       s.begin() + static_cast<std::ptrdiff_t>(from + count),
                       [](char c) { return c >= '0' && c <= '9'; });
}

// Quire writes "YYYY-MM-DDTHH:MM:SSZ"; anything else is left out rather than making the
// file invalid (xsd:dateTime).
void set_date_time(pugi::xml_node node, const char* attribute, const std::string& value) {
    if (value.size() >= 19 && all_digits(value, 0, 4) && value[4] == '-' &&
        all_digits(value, 5, 2) && value[7] == '-' && all_digits(value, 8, 2) && value[10] == 'T' &&
        all_digits(value, 11, 2) && value[13] == ':' && all_digits(value, 14, 2) &&
        value[16] == ':' && all_digits(value, 17, 2)) {
        set(node, attribute, value);
    }
}

// A stable GUID for something Quire has no GUID of its own for (a coding's selection, a
// case segment, a memo link): re-exporting the same project gives the same file.
std::string derived_guid(const std::string& seed) {
    std::string hex = util::sha256_hex("quire-qdpx:" + seed).substr(0, 32);
    hex[12] = '5';  // version 5 (name-based, SHA)
    const int variant = 8 + (std::stoi(hex.substr(16, 1), nullptr, 16) & 3);
    hex[16] = "0123456789abcdef"[variant];
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

bool is_rgb(const std::string& color) {
    return color.size() == 7 && color[0] == '#' &&
           std::all_of(color.begin() + 1, color.end(),
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

// "Definition: …\nInclusion: …\nExclusion: …\nExample: …" with only the parts that are
// filled in; just the definition when it is the only part. Importers split on the labels.
std::string code_description(const Code& code) {
    if (code.inclusion.empty() && code.exclusion.empty() && code.example.empty()) {
        return code.definition;
    }
    std::string out;
    auto part = [&](const char* label, const std::string& value) {
        if (value.empty()) {
            return;
        }
        if (!out.empty()) {
            out += "\n";
        }
        out += std::string(label) + ": " + value;
    };
    part("Definition", code.definition);
    part("Inclusion", code.inclusion);
    part("Exclusion", code.exclusion);
    part("Example", code.example);
    return out;
}

const char* variable_type(AttributeType type) {
    switch (type) {
        case AttributeType::Boolean:
            return "Boolean";
        case AttributeType::Integer:
            return "Integer";
        case AttributeType::Float:
            return "Float";
        case AttributeType::Date:
            return "Date";
        case AttributeType::Text:
            break;
    }
    return "Text";
}

// FloatValue is xsd:decimal, which has no exponent: "1e-05" becomes "0.00001".
std::optional<std::string> decimal_notation(const std::string& value) {
    char* end = nullptr;
    const double parsed = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(parsed)) {
        return std::nullopt;
    }
    const std::size_t e = value.find_first_of("eE");
    if (e == std::string::npos) {
        return value;
    }
    std::string mantissa = value.substr(0, e);
    const long exponent = std::strtol(value.c_str() + e + 1, nullptr, 10);
    std::string sign;
    if (!mantissa.empty() && (mantissa[0] == '-' || mantissa[0] == '+')) {
        sign = mantissa[0] == '-' ? "-" : "";
        mantissa.erase(0, 1);
    }
    std::string digits = mantissa;
    long point = static_cast<long>(mantissa.size());
    if (const std::size_t dot = mantissa.find('.'); dot != std::string::npos) {
        digits = mantissa.substr(0, dot) + mantissa.substr(dot + 1);
        point = static_cast<long>(dot);
    }
    point += exponent;
    std::string out;
    if (point <= 0) {
        out = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    } else if (point >= static_cast<long>(digits.size())) {
        out = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
    } else {
        out = digits.substr(0, static_cast<std::size_t>(point)) + "." +
              digits.substr(static_cast<std::size_t>(point));
    }
    return sign + out;
}

void add_variable_value(pugi::xml_node parent, const std::map<std::string, std::string>& guids,
                        const AttributeValue& value) {
    const auto guid = guids.find(value.attribute);
    if (guid == guids.end()) {
        return;
    }
    std::string text = value.value;
    const char* element = "TextValue";
    switch (value.type) {
        case AttributeType::Boolean:
            element = "BooleanValue";
            break;
        case AttributeType::Integer:
            element = "IntegerValue";
            break;
        case AttributeType::Float: {
            element = "FloatValue";
            const auto decimal = decimal_notation(value.value);
            if (!decimal) {
                return;  // not a number xsd:decimal can hold (Quire does not store those)
            }
            text = *decimal;
            break;
        }
        case AttributeType::Date:
            element = "DateValue";
            break;
        case AttributeType::Text:
            break;
    }
    pugi::xml_node node = parent.append_child("VariableValue");
    add_ref(node, "VariableRef", guid->second);
    add_text(node, element, text);
}

// Appends the code tree; `notes` (project files only) adds NoteRefs for code memos.
void append_codes(pugi::xml_node codes_node, const std::vector<Code>& codes,
                  const std::map<Id, std::vector<std::string>>* notes) {
    std::map<Id, pugi::xml_node> nodes;
    // codes() lists parents before children and siblings in order, so appending in that
    // order nests correctly and keeps Description and NoteRef before child Codes.
    for (const Code& code : codes) {
        pugi::xml_node parent = codes_node;
        if (code.parent_id) {
            const auto it = nodes.find(*code.parent_id);
            if (it != nodes.end()) {
                parent = it->second;
            }
        }
        pugi::xml_node node = parent.append_child("Code");
        set(node, "guid", code.guid);
        set(node, "name", code.name);
        node.append_attribute("isCodable") = code.codable ? "true" : "false";
        if (is_rgb(code.color)) {
            set(node, "color", code.color);
        }
        const std::string description = code_description(code);
        if (!description.empty()) {
            add_text(node, "Description", description);
        }
        if (notes != nullptr) {
            if (const auto it = notes->find(code.id); it != notes->end()) {
                for (const std::string& note : it->second) {
                    add_ref(node, "NoteRef", note);
                }
            }
        }
        nodes[code.id] = node;
    }
}

std::string to_text(const pugi::xml_document& doc) {
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

pugi::xml_node declare(pugi::xml_document& doc) {
    pugi::xml_node declaration = doc.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";
    return declaration;
}

struct SourceFile {
    std::string name;  // inside the archive
    std::string content;
};

// The project XML and the texts it points to, built in one pass over the project.
struct ProjectExport {
    std::string xml;
    std::vector<SourceFile> sources;
    std::size_t documents = 0;
    std::size_t codes = 0;
    std::size_t codings = 0;
};

ProjectExport build_project(Project& project, bool with_texts) {
    ProjectExport result;
    const ProjectInfo info = project.info();
    const std::vector<Coder> coders = project.coders();
    const std::vector<Code> codes = project.codes();
    const std::vector<Document> documents = project.documents();
    const std::vector<Coding> codings = project.codings();
    const std::vector<Case> cases = project.cases();
    const std::vector<Attribute> attributes = project.attributes();
    const std::vector<Memo> memos = project.memos();
    const std::vector<CodeSet> code_sets = project.code_sets();
    result.documents = documents.size();
    result.codes = codes.size();
    result.codings = codings.size();

    std::map<Id, std::string> coder_guid, code_guid, document_guid, case_guid;
    for (const Coder& c : coders) {
        coder_guid[c.id] = c.guid;
    }
    for (const Code& c : codes) {
        code_guid[c.id] = c.guid;
    }
    for (const Document& d : documents) {
        document_guid[d.id] = d.guid;
    }
    for (const Case& c : cases) {
        case_guid[c.id] = c.guid;
    }
    std::map<std::string, std::string> attribute_guid;
    for (const Attribute& a : attributes) {
        attribute_guid[a.name] = a.guid;
    }
    // Quire projects have no owner; the first coder stands in as the creating user.
    const std::string owner = coders.empty() ? std::string() : coders.front().guid;

    // Where each memo's NoteRef goes.
    std::map<Id, std::vector<std::string>> code_notes, document_notes, coding_notes;
    std::vector<std::string> project_notes;
    std::vector<std::pair<std::string, std::string>> case_notes;  // note, case
    std::map<Id, bool> coding_exists;
    for (const Coding& c : codings) {
        coding_exists[c.id] = true;
    }
    for (const Memo& m : memos) {
        if (m.target == Memo::Target::Project) {
            project_notes.push_back(m.guid);
        } else if (m.target_id) {
            const Id id = *m.target_id;
            if (m.target == Memo::Target::Code && code_guid.count(id)) {
                code_notes[id].push_back(m.guid);
            } else if (m.target == Memo::Target::Document && document_guid.count(id)) {
                document_notes[id].push_back(m.guid);
            } else if (m.target == Memo::Target::Coding && coding_exists.count(id)) {
                coding_notes[id].push_back(m.guid);
            } else if (m.target == Memo::Target::Case && case_guid.count(id)) {
                case_notes.emplace_back(m.guid, case_guid[id]);
            }
        }
    }

    std::map<Id, std::vector<const Coding*>> codings_by_document;
    for (const Coding& c : codings) {
        codings_by_document[c.document_id].push_back(&c);
    }
    // Case segments become uncoded selections in their source, named by SelectionRef.
    struct CaseSegment {
        std::string guid;
        std::string case_name;
        std::int64_t start = 0;
        std::int64_t end = 0;
    };
    std::map<Id, std::vector<CaseSegment>> segments_by_document;
    std::map<Id, std::vector<std::string>> case_sources, case_selections;
    std::map<Id, std::string> case_name;
    for (const Case& c : cases) {
        case_name[c.id] = c.name;
    }
    for (const CaseLink& link : project.case_links()) {
        const auto doc = document_guid.find(link.document_id);
        if (doc == document_guid.end() || !case_guid.count(link.case_id)) {
            continue;
        }
        if (link.start && link.end) {
            CaseSegment segment{
                derived_guid("case-segment:" + case_guid[link.case_id] + ":" + doc->second + ":" +
                             std::to_string(*link.start) + ":" + std::to_string(*link.end)),
                case_name[link.case_id], *link.start, *link.end};
            case_selections[link.case_id].push_back(segment.guid);
            segments_by_document[link.document_id].push_back(std::move(segment));
        } else {
            case_sources[link.case_id].push_back(doc->second);
        }
    }

    pugi::xml_document doc;
    declare(doc);
    pugi::xml_node root = doc.append_child("Project");
    root.append_attribute("xmlns") = kProjectNamespace;
    set(root, "name", info.name);
    root.append_attribute("origin") = kOrigin;
    if (!owner.empty()) {
        set(root, "creatingUserGUID", owner);
    }
    set_date_time(root, "creationDateTime", info.created_at);

    // The schema's sequence: Users, CodeBook, Variables, Cases, Sources, Notes, Links, Sets,
    // Graphs, Description, NoteRef. A list element needs at least one member, so empty
    // lists are left out.
    if (!coders.empty()) {
        pugi::xml_node users = root.append_child("Users");
        for (const Coder& c : coders) {
            pugi::xml_node user = users.append_child("User");
            set(user, "guid", c.guid);
            set(user, "name", c.name);
        }
    }
    if (!codes.empty()) {
        append_codes(root.append_child("CodeBook").append_child("Codes"), codes, &code_notes);
    }
    if (!attributes.empty()) {
        pugi::xml_node variables = root.append_child("Variables");
        for (const Attribute& a : attributes) {
            pugi::xml_node variable = variables.append_child("Variable");
            set(variable, "guid", a.guid);
            set(variable, "name", a.name);
            variable.append_attribute("typeOfVariable") = variable_type(a.type);
        }
    }
    if (!cases.empty()) {
        pugi::xml_node cases_node = root.append_child("Cases");
        for (const Case& c : cases) {
            pugi::xml_node node = cases_node.append_child("Case");
            set(node, "guid", c.guid);
            set(node, "name", c.name);
            if (!c.description.empty()) {
                add_text(node, "Description", c.description);
            }
            for (const AttributeValue& v : project.case_attributes(c.id)) {
                add_variable_value(node, attribute_guid, v);
            }
            for (const std::string& source : case_sources[c.id]) {
                add_ref(node, "SourceRef", source);
            }
            for (const std::string& selection : case_selections[c.id]) {
                add_ref(node, "SelectionRef", selection);
            }
        }
    }
    if (!documents.empty()) {
        pugi::xml_node sources = root.append_child("Sources");
        for (const Document& d : documents) {
            const std::string text = project.document_text(d.id);
            const text::OffsetMap offsets(text);
            auto slice = [&](std::int64_t start, std::int64_t end) {
                start = std::clamp<std::int64_t>(start, 0, offsets.code_points());
                end = std::clamp<std::int64_t>(end, start, offsets.code_points());
                const std::int64_t from = offsets.byte_of(start);
                return text.substr(static_cast<std::size_t>(from),
                                   static_cast<std::size_t>(offsets.byte_of(end) - from));
            };
            auto quote = [&](std::int64_t start, std::int64_t end) {
                if (end - start > kSelectionNameLength) {
                    return slice(start, start + kSelectionNameLength - 1) + "…";
                }
                return slice(start, end);
            };

            pugi::xml_node source = sources.append_child("TextSource");
            set(source, "guid", d.guid);
            set(source, "name", d.name);
            set(source, "plainTextPath", "internal://" + d.guid + ".txt");
            if (!owner.empty()) {
                set(source, "creatingUser", owner);
            }
            set_date_time(source, "creationDateTime", d.imported_at);

            std::vector<const Coding*>& own = codings_by_document[d.id];
            std::stable_sort(own.begin(), own.end(), [](const Coding* a, const Coding* b) {
                return std::tie(a->start, a->end, a->id) < std::tie(b->start, b->end, b->id);
            });
            for (const Coding* c : own) {
                pugi::xml_node selection = source.append_child("PlainTextSelection");
                set(selection, "guid", derived_guid("selection:" + c->guid));
                set(selection, "name", quote(c->start, c->end));
                selection.append_attribute("startPosition") = static_cast<long long>(c->start);
                selection.append_attribute("endPosition") = static_cast<long long>(c->end);
                const auto coder = coder_guid.find(c->coder_id);
                if (coder != coder_guid.end()) {
                    set(selection, "creatingUser", coder->second);
                }
                set_date_time(selection, "creationDateTime", c->created_at);
                if (!c->memo.empty()) {
                    add_text(selection, "Description", c->memo);
                }
                pugi::xml_node coding = selection.append_child("Coding");
                set(coding, "guid", c->guid);
                if (coder != coder_guid.end()) {
                    set(coding, "creatingUser", coder->second);
                }
                set_date_time(coding, "creationDateTime", c->created_at);
                add_ref(coding, "CodeRef", code_guid[c->code_id]);
                for (const std::string& note : coding_notes[c->id]) {
                    add_ref(coding, "NoteRef", note);
                }
            }
            for (const CaseSegment& segment : segments_by_document[d.id]) {
                pugi::xml_node selection = source.append_child("PlainTextSelection");
                set(selection, "guid", segment.guid);
                set(selection, "name", "Case: " + segment.case_name);
                selection.append_attribute("startPosition") = static_cast<long long>(segment.start);
                selection.append_attribute("endPosition") = static_cast<long long>(segment.end);
            }
            for (const std::string& note : document_notes[d.id]) {
                add_ref(source, "NoteRef", note);
            }
            for (const AttributeValue& v : project.document_attributes(d.id)) {
                add_variable_value(source, attribute_guid, v);
            }
            if (with_texts) {
                result.sources.push_back({"sources/" + d.guid + ".txt", text});
            }
        }
    }
    if (!memos.empty()) {
        pugi::xml_node notes = root.append_child("Notes");
        for (const Memo& m : memos) {
            pugi::xml_node note = notes.append_child("Note");
            set(note, "guid", m.guid);
            set(note, "name", m.title);
            if (m.coder_id && coder_guid.count(*m.coder_id)) {
                set(note, "creatingUser", coder_guid[*m.coder_id]);
            }
            set_date_time(note, "creationDateTime", m.created_at);
            set_date_time(note, "modifiedDateTime", m.updated_at);
            add_text(note, "PlainTextContent", m.text);
        }
    }
    if (!case_notes.empty()) {
        pugi::xml_node links = root.append_child("Links");
        for (const auto& [note, case_target] : case_notes) {
            pugi::xml_node link = links.append_child("Link");
            set(link, "guid", derived_guid("case-memo:" + note));
            link.append_attribute("name") = "Memo-Case Relation";
            link.append_attribute("direction") = "OneWay";
            set(link, "originGUID", note);
            set(link, "targetGUID", case_target);
        }
    }
    append_code_sets(root, code_sets, code_guid, "targetGUID");
    if (!info.description.empty()) {
        add_text(root, "Description", info.description);
    }
    for (const std::string& note : project_notes) {
        add_ref(root, "NoteRef", note);
    }
    result.xml = to_text(doc);
    return result;
}

}  // namespace

std::string project_qde_xml(Project& project) {
    return build_project(project, false).xml;
}

std::string codebook_qdc_xml(Project& project) {
    pugi::xml_document doc;
    declare(doc);
    pugi::xml_node root = doc.append_child("CodeBook");
    root.append_attribute("xmlns") = kCodebookNamespace;
    root.append_attribute("origin") = kOrigin;
    const std::vector<Code> codes = project.codes();
    append_codes(root.append_child("Codes"), codes, nullptr);
    std::map<Id, std::string> code_guid;
    for (const Code& c : codes) {
        code_guid[c.id] = c.guid;
    }
    const std::vector<CodeSet> code_sets = project.code_sets();
    append_code_sets(root, code_sets, code_guid, "guid");
    return to_text(doc);
}

void export_qdpx(Project& project, const std::string& path) {
    ProjectExport content = build_project(project, true);
    util::ZipWriter zip(path);
    zip.add("project.qde", std::move(content.xml));
    for (SourceFile& file : content.sources) {
        zip.add(file.name, std::move(file.content));
    }
    zip.commit();
}

void export_qdc(Project& project, const std::string& path) {
    if (project.codes().empty()) {
        throw InvalidInputError("the codebook is empty: a REFI-QDA codebook needs a code");
    }
    const std::string xml = codebook_qdc_xml(project);
    const std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << xml;
        out.close();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(partial, ec);
            throw Error("cannot write " + path);
        }
    }
    util::move_into_place(partial, path);
}

}  // namespace quire::exchange
