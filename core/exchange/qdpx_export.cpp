// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/exchange/qdpx_export.h"

#include "core/project/team.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <tuple>
#include <vector>

#include "core/base/errors.h"
#include "core/exchange/qdpx_description.h"
#include "core/formats/zip_writer.h"
#include "core/text/unicode.h"
#include "core/util/files.h"
#include "core/util/paths.h"
#include "core/util/sha256.h"

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

// The fields as the file can hold them (xml_safe), in one Description that reads back
// exactly (qdpx_description.h).
std::string code_description(const Code& code) {
    return qdpx::write_code_description({xml_safe(code.definition), xml_safe(code.inclusion),
                                         xml_safe(code.exclusion), xml_safe(code.example)});
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
    // pugixml writes a carriage return in text as it is, and every XML reader turns CRLF
    // into LF: as a character reference it survives. (Attributes have it escaped already.)
    std::string xml = out.str();
    std::string escaped;
    escaped.reserve(xml.size());
    for (const char c : xml) {
        if (c == '\r') {
            escaped += "&#13;";
        } else {
            escaped.push_back(c);
        }
    }
    return escaped;
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

// Case segments become uncoded selections in their source, named by SelectionRef.
struct CaseSegment {
    std::string guid;
    std::string case_name;
    std::int64_t start = 0;
    std::int64_t end = 0;
};

// Builds the project XML in the schema's order from one read of the project: first where
// every memo and case link goes, then each list in turn.
class ProjectXmlBuilder {
public:
    ProjectXmlBuilder(Project& project, bool with_texts);
    ProjectExport build();

private:
    void index_guids();
    void place_notes();
    void place_case_links();
    pugi::xml_node append_root(pugi::xml_document& doc);
    void append_users(pugi::xml_node root);
    void append_variables(pugi::xml_node root);
    void append_cases(pugi::xml_node root);
    void append_sources(pugi::xml_node root, ProjectExport& result);
    void append_coding_selection(pugi::xml_node source, const Coding& c, const std::string& name);
    void append_case_segment(pugi::xml_node source, const CaseSegment& segment);
    void append_notes(pugi::xml_node root);
    void append_case_memo_links(pugi::xml_node root);
    void append_closing(pugi::xml_node root);

    Project& project_;
    bool with_texts_;
    const ProjectInfo info_;
    const std::vector<Coder> coders_;
    const std::vector<Code> codes_;
    const std::vector<Document> documents_;
    const std::vector<Coding> codings_;
    const std::vector<Case> cases_;
    const std::vector<Attribute> attributes_;
    const std::vector<Memo> memos_;
    const std::vector<CodeSet> code_sets_;

    std::map<Id, std::string> coder_guid_, code_guid_, document_guid_, case_guid_;
    std::map<std::string, std::string> attribute_guid_;
    std::string owner_;  // the creating user written on the project and its sources

    // Where each memo's NoteRef goes.
    std::map<Id, std::vector<std::string>> code_notes_, document_notes_, coding_notes_;
    std::vector<std::string> project_notes_;
    std::vector<std::pair<std::string, std::string>> case_notes_;  // note, case

    std::map<Id, std::vector<CaseSegment>> segments_by_document_;
    std::map<Id, std::vector<std::string>> case_sources_, case_selections_;
};

ProjectXmlBuilder::ProjectXmlBuilder(Project& project, bool with_texts)
    : project_(project),
      with_texts_(with_texts),
      info_(project.info()),
      coders_(project.coders()),
      codes_(project.codes()),
      documents_(project.documents()),
      codings_(project.codings()),
      cases_(project.cases()),
      attributes_(project.attributes()),
      memos_(project.memos()),
      code_sets_(project.code_sets()) {}

ProjectExport ProjectXmlBuilder::build() {
    index_guids();
    place_notes();
    place_case_links();
    ProjectExport result;
    result.documents = documents_.size();
    result.codes = codes_.size();
    result.codings = codings_.size();
    pugi::xml_document doc;
    pugi::xml_node root = append_root(doc);
    // The schema's sequence: Users, CodeBook, Variables, Cases, Sources, Notes, Links, Sets,
    // Graphs, Description, NoteRef. A list element needs at least one member, so empty
    // lists are left out.
    append_users(root);
    if (!codes_.empty()) {
        append_codes(root.append_child("CodeBook").append_child("Codes"), codes_, &code_notes_);
    }
    append_variables(root);
    append_cases(root);
    append_sources(root, result);
    append_notes(root);
    append_case_memo_links(root);
    append_closing(root);
    result.xml = to_text(doc);
    return result;
}

void ProjectXmlBuilder::index_guids() {
    for (const Coder& c : coders_) {
        coder_guid_[c.id] = c.guid;
    }
    for (const Code& c : codes_) {
        code_guid_[c.id] = c.guid;
    }
    for (const Document& d : documents_) {
        document_guid_[d.id] = d.guid;
    }
    for (const Case& c : cases_) {
        case_guid_[c.id] = c.guid;
    }
    for (const Attribute& a : attributes_) {
        attribute_guid_[a.name] = a.guid;
    }
    // Quire projects have no owner; the first coder stands in as the creating user, except in
    // a copy handed out to a coder: it names that coder, by which a merge of this export
    // finds the copy it came from.
    owner_ = coders_.empty() ? std::string() : coders_.front().guid;
    if (const auto handout = team::handout_info(project_)) {
        for (const Coder& c : coders_) {
            if (c.guid == handout->coder_guid) {
                owner_ = c.guid;
            }
        }
    }
}

// A memo whose target is gone is written as a Note that nothing refers to.
void ProjectXmlBuilder::place_notes() {
    std::set<Id> coding_ids;
    for (const Coding& c : codings_) {
        coding_ids.insert(c.id);
    }
    for (const Memo& m : memos_) {
        if (m.target == Memo::Target::Project) {
            project_notes_.push_back(m.guid);
        } else if (m.target_id) {
            const Id id = *m.target_id;
            if (m.target == Memo::Target::Code && code_guid_.count(id)) {
                code_notes_[id].push_back(m.guid);
            } else if (m.target == Memo::Target::Document && document_guid_.count(id)) {
                document_notes_[id].push_back(m.guid);
            } else if (m.target == Memo::Target::Coding && coding_ids.count(id)) {
                coding_notes_[id].push_back(m.guid);
            } else if (m.target == Memo::Target::Case && case_guid_.count(id)) {
                case_notes_.emplace_back(m.guid, case_guid_[id]);
            }
        }
    }
}

void ProjectXmlBuilder::place_case_links() {
    std::map<Id, std::string> case_name;
    for (const Case& c : cases_) {
        case_name[c.id] = c.name;
    }
    for (const CaseLink& link : project_.case_links()) {
        const auto doc = document_guid_.find(link.document_id);
        if (doc == document_guid_.end() || !case_guid_.count(link.case_id)) {
            continue;
        }
        if (link.start && link.end) {
            CaseSegment segment{
                derived_guid("case-segment:" + case_guid_[link.case_id] + ":" + doc->second + ":" +
                             std::to_string(*link.start) + ":" + std::to_string(*link.end)),
                case_name[link.case_id], *link.start, *link.end};
            case_selections_[link.case_id].push_back(segment.guid);
            segments_by_document_[link.document_id].push_back(std::move(segment));
        } else {
            case_sources_[link.case_id].push_back(doc->second);
        }
    }
}

pugi::xml_node ProjectXmlBuilder::append_root(pugi::xml_document& doc) {
    declare(doc);
    pugi::xml_node root = doc.append_child("Project");
    root.append_attribute("xmlns") = kProjectNamespace;
    set(root, "name", info_.name);
    root.append_attribute("origin") = kOrigin;
    if (!owner_.empty()) {
        set(root, "creatingUserGUID", owner_);
    }
    set_date_time(root, "creationDateTime", info_.created_at);
    return root;
}

void ProjectXmlBuilder::append_users(pugi::xml_node root) {
    if (coders_.empty()) {
        return;
    }
    pugi::xml_node users = root.append_child("Users");
    for (const Coder& c : coders_) {
        pugi::xml_node user = users.append_child("User");
        set(user, "guid", c.guid);
        set(user, "name", c.name);
    }
}

void ProjectXmlBuilder::append_variables(pugi::xml_node root) {
    if (attributes_.empty()) {
        return;
    }
    pugi::xml_node variables = root.append_child("Variables");
    for (const Attribute& a : attributes_) {
        pugi::xml_node variable = variables.append_child("Variable");
        set(variable, "guid", a.guid);
        set(variable, "name", a.name);
        variable.append_attribute("typeOfVariable") = variable_type(a.type);
    }
}

void ProjectXmlBuilder::append_cases(pugi::xml_node root) {
    if (cases_.empty()) {
        return;
    }
    pugi::xml_node cases_node = root.append_child("Cases");
    for (const Case& c : cases_) {
        pugi::xml_node node = cases_node.append_child("Case");
        set(node, "guid", c.guid);
        set(node, "name", c.name);
        if (!c.description.empty()) {
            add_text(node, "Description", c.description);
        }
        for (const AttributeValue& v : project_.case_attributes(c.id)) {
            add_variable_value(node, attribute_guid_, v);
        }
        for (const std::string& source : case_sources_[c.id]) {
            add_ref(node, "SourceRef", source);
        }
        for (const std::string& selection : case_selections_[c.id]) {
            add_ref(node, "SelectionRef", selection);
        }
    }
}

// One TextSource per document with a selection per coding (named by the text it quotes)
// and per case segment; the texts themselves go into `result` when the archive needs them.
void ProjectXmlBuilder::append_sources(pugi::xml_node root, ProjectExport& result) {
    if (documents_.empty()) {
        return;
    }
    std::map<Id, std::vector<const Coding*>> codings_by_document;
    for (const Coding& c : codings_) {
        codings_by_document[c.document_id].push_back(&c);
    }
    pugi::xml_node sources = root.append_child("Sources");
    for (const Document& d : documents_) {
        const std::string text = project_.document_text(d.id);
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
        if (!owner_.empty()) {
            set(source, "creatingUser", owner_);
        }
        set_date_time(source, "creationDateTime", d.imported_at);

        std::vector<const Coding*>& own = codings_by_document[d.id];
        std::stable_sort(own.begin(), own.end(), [](const Coding* a, const Coding* b) {
            return std::tie(a->start, a->end, a->id) < std::tie(b->start, b->end, b->id);
        });
        for (const Coding* c : own) {
            append_coding_selection(source, *c, quote(c->start, c->end));
        }
        for (const CaseSegment& segment : segments_by_document_[d.id]) {
            append_case_segment(source, segment);
        }
        for (const std::string& note : document_notes_[d.id]) {
            add_ref(source, "NoteRef", note);
        }
        for (const AttributeValue& v : project_.document_attributes(d.id)) {
            add_variable_value(source, attribute_guid_, v);
        }
        if (with_texts_) {
            result.sources.push_back({"sources/" + d.guid + ".txt", text});
        }
    }
}

// Every coding gets its own selection, whose Description carries the coding's memo.
void ProjectXmlBuilder::append_coding_selection(pugi::xml_node source, const Coding& c,
                                                const std::string& name) {
    pugi::xml_node selection = source.append_child("PlainTextSelection");
    set(selection, "guid", derived_guid("selection:" + c.guid));
    set(selection, "name", name);
    selection.append_attribute("startPosition") = static_cast<long long>(c.start);
    selection.append_attribute("endPosition") = static_cast<long long>(c.end);
    const auto coder = coder_guid_.find(c.coder_id);
    if (coder != coder_guid_.end()) {
        set(selection, "creatingUser", coder->second);
    }
    set_date_time(selection, "creationDateTime", c.created_at);
    if (!c.memo.empty()) {
        add_text(selection, "Description", c.memo);
    }
    pugi::xml_node coding = selection.append_child("Coding");
    set(coding, "guid", c.guid);
    if (coder != coder_guid_.end()) {
        set(coding, "creatingUser", coder->second);
    }
    set_date_time(coding, "creationDateTime", c.created_at);
    add_ref(coding, "CodeRef", code_guid_[c.code_id]);
    for (const std::string& note : coding_notes_[c.id]) {
        add_ref(coding, "NoteRef", note);
    }
}

void ProjectXmlBuilder::append_case_segment(pugi::xml_node source, const CaseSegment& segment) {
    pugi::xml_node selection = source.append_child("PlainTextSelection");
    set(selection, "guid", segment.guid);
    set(selection, "name", "Case: " + segment.case_name);
    selection.append_attribute("startPosition") = static_cast<long long>(segment.start);
    selection.append_attribute("endPosition") = static_cast<long long>(segment.end);
}

void ProjectXmlBuilder::append_notes(pugi::xml_node root) {
    if (memos_.empty()) {
        return;
    }
    pugi::xml_node notes = root.append_child("Notes");
    for (const Memo& m : memos_) {
        pugi::xml_node note = notes.append_child("Note");
        set(note, "guid", m.guid);
        set(note, "name", m.title);
        if (m.coder_id && coder_guid_.count(*m.coder_id)) {
            set(note, "creatingUser", coder_guid_[*m.coder_id]);
        }
        set_date_time(note, "creationDateTime", m.created_at);
        set_date_time(note, "modifiedDateTime", m.updated_at);
        add_text(note, "PlainTextContent", m.text);
    }
}

void ProjectXmlBuilder::append_case_memo_links(pugi::xml_node root) {
    if (case_notes_.empty()) {
        return;
    }
    pugi::xml_node links = root.append_child("Links");
    for (const auto& [note, case_target] : case_notes_) {
        pugi::xml_node link = links.append_child("Link");
        set(link, "guid", derived_guid("case-memo:" + note));
        link.append_attribute("name") = "Memo-Case Relation";
        link.append_attribute("direction") = "OneWay";
        set(link, "originGUID", note);
        set(link, "targetGUID", case_target);
    }
}

// Sets, the project's description and the NoteRefs of project memos close the file.
void ProjectXmlBuilder::append_closing(pugi::xml_node root) {
    append_code_sets(root, code_sets_, code_guid_, "targetGUID");
    if (!info_.description.empty()) {
        add_text(root, "Description", info_.description);
    }
    for (const std::string& note : project_notes_) {
        add_ref(root, "NoteRef", note);
    }
}

ProjectExport build_project(Project& project, bool with_texts) {
    return ProjectXmlBuilder(project, with_texts).build();
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
    util::write_file_atomically(path, codebook_qdc_xml(project), util::IfExists::Replace);
}

}  // namespace quire::exchange
