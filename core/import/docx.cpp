// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/import/docx.h"
#include "core/formats/zip_handles.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/errors.h"
#include "core/text/unicode.h"

namespace quire {
namespace {

constexpr const char* kDefaultMainPart = "word/document.xml";
constexpr zip_uint64_t kMaxMainPartSize = zip_uint64_t{512} * 1024 * 1024;
// _rels/.rels is a few hundred bytes; a larger one is ignored rather than trusted.
constexpr zip_uint64_t kMaxRelationshipsSize = zip_uint64_t{1} * 1024 * 1024;
// Real documents nest elements a few dozen levels deep; the limit bounds the recursion of
// the extractor so that a hostile file cannot overflow the stack of a worker thread.
constexpr int kMaxElementDepth = 256;

// ---------------------------------------------------------------------------------------
// Archive access

using util::ArchivePtr;
using util::ZipError;

// Both Word 97-2003 .doc files and password-protected .docx files are OLE compound files.
bool has_ole_header(std::string_view head) {
    return head.size() >= 4 && head.substr(0, 4) == std::string_view("\xD0\xCF\x11\xE0", 4);
}

std::string ole_advice(const std::string& name) {
    return "not a .docx file: " + name +
           " looks like an old Word 97-2003 .doc file or a password-protected document "
           "(an OLE compound file); open it in Word and save it as .docx without a password";
}

[[noreturn]] void throw_open_failure(ZipError& error, const std::string& name,
                                     std::string_view head) {
    const int code = error.code();
    if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS) {
        if (has_ole_header(head)) {
            throw ImportError(ole_advice(name));
        }
        if (code == ZIP_ER_NOZIP) {
            throw ImportError("not a .docx file: " + name + " is not a ZIP archive");
        }
        throw ImportError("not a .docx file: " + name + " is a damaged ZIP archive (" +
                          error.text() + ")");
    }
    throw ImportError("cannot open " + name + ": " + error.text());
}

std::string read_file_head(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    char head[8] = {};
    file.read(head, sizeof head);
    return std::string(head, static_cast<std::size_t>(std::max<std::streamsize>(file.gcount(), 0)));
}

// Reads one entry completely, trusting neither its declared size nor its contents.
std::string read_entry(zip_t* archive, zip_uint64_t index, const std::string& entry_name,
                       const std::string& name, zip_uint64_t size_limit) {
    return util::read_checked_entry(archive, index, "cannot import " + name + ": " + entry_name,
                                    size_limit);
}

std::string_view local_name(std::string_view qualified_name) {
    const std::size_t colon = qualified_name.find(':');
    return colon == std::string_view::npos ? qualified_name : qualified_name.substr(colon + 1);
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The officeDocument relationship of _rels/.rels names the main part; Word always calls it
// word/document.xml, other producers need not. Any problem here falls back to that name.
std::string main_part_name(zip_t* archive, const std::string& name) {
    const zip_int64_t index = zip_name_locate(archive, "_rels/.rels", ZIP_FL_NOCASE);
    if (index < 0) {
        return kDefaultMainPart;
    }
    std::string relationships;
    try {
        relationships = read_entry(archive, static_cast<zip_uint64_t>(index), "_rels/.rels", name,
                                   kMaxRelationshipsSize);
    } catch (const ImportError&) {
        return kDefaultMainPart;
    }
    pugi::xml_document xml;
    if (!xml.load_buffer(relationships.data(), relationships.size())) {
        return kDefaultMainPart;
    }
    for (const pugi::xml_node relationship : xml.document_element().children()) {
        if (local_name(relationship.name()) != "Relationship" ||
            !ends_with(relationship.attribute("Type").value(), "/officeDocument") ||
            std::string_view(relationship.attribute("TargetMode").value()) == "External") {
            continue;
        }
        std::string_view target = relationship.attribute("Target").value();
        while (!target.empty() && target.front() == '/') {
            target.remove_prefix(1);
        }
        if (target.substr(0, 2) == "./") {
            target.remove_prefix(2);
        }
        const std::string part(target);
        if (!part.empty() && zip_name_locate(archive, part.c_str(), ZIP_FL_NOCASE) >= 0) {
            return part;
        }
        break;
    }
    return kDefaultMainPart;
}

// ---------------------------------------------------------------------------------------
// XML: namespaces

enum class Namespace { kOther, kWordprocessing, kMarkupCompatibility };

Namespace namespace_of_uri(std::string_view uri) {
    if (uri == "http://schemas.openxmlformats.org/wordprocessingml/2006/main" ||
        uri == "http://purl.oclc.org/ooxml/wordprocessingml/main") {
        return Namespace::kWordprocessing;
    }
    if (uri == "http://schemas.openxmlformats.org/markup-compatibility/2006") {
        return Namespace::kMarkupCompatibility;
    }
    return Namespace::kOther;
}

// pugixml does not resolve namespaces, and producers other than Word may bind the
// WordprocessingML namespace to any prefix (ns0:, the default namespace...). This pass
// renames every element and attribute of the two namespaces we read to the conventional
// w: and mc: prefixes, so the extractor can compare plain names. It also enforces the
// nesting limit. pugixml's traverse() is iterative, so deep input cannot hurt it.
class NamespaceCanonicaliser : public pugi::xml_tree_walker {
public:
    bool for_each(pugi::xml_node& node) override {
        if (node.type() != pugi::node_element) {
            return true;
        }
        const int level = depth();
        if (level > kMaxElementDepth) {
            too_deep_ = true;
            return false;
        }
        while (!bindings_.empty() && bindings_.back().level >= level) {
            bindings_.pop_back();
        }
        for (const pugi::xml_attribute attribute : node.attributes()) {
            const std::string_view attribute_name = attribute.name();
            if (attribute_name == "xmlns") {
                bindings_.push_back({level, "", namespace_of_uri(attribute.value())});
            } else if (attribute_name.substr(0, 6) == "xmlns:") {
                bindings_.push_back(
                    {level, attribute_name.substr(6), namespace_of_uri(attribute.value())});
            }
        }
        canonicalise(node, /*is_element=*/true);
        for (pugi::xml_attribute attribute : node.attributes()) {
            canonicalise(attribute, /*is_element=*/false);
        }
        return true;
    }

    bool too_deep() const { return too_deep_; }

private:
    struct Binding {
        int level;
        std::string_view prefix;  // points into the document, which outlives this pass
        Namespace ns;
    };

    Namespace resolve(std::string_view prefix) const {
        for (auto binding = bindings_.rbegin(); binding != bindings_.rend(); ++binding) {
            if (binding->prefix == prefix) {
                return binding->ns;
            }
        }
        // Undeclared prefixes are a producer's mistake; trust the conventional ones.
        if (prefix == "w") {
            return Namespace::kWordprocessing;
        }
        if (prefix == "mc") {
            return Namespace::kMarkupCompatibility;
        }
        return Namespace::kOther;
    }

    template <typename Node>
    void canonicalise(Node& node, bool is_element) const {
        const std::string_view name = node.name();
        if (name == "xmlns" || name.substr(0, 6) == "xmlns:") {
            return;
        }
        const std::size_t colon = name.find(':');
        const std::string_view prefix =
            colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
        const std::string_view local =
            colon == std::string_view::npos ? name : name.substr(colon + 1);
        if (prefix.empty() && !is_element) {
            return;  // unprefixed attributes belong to no namespace
        }
        std::string_view wanted_prefix;
        switch (resolve(prefix)) {
            case Namespace::kWordprocessing:
                wanted_prefix = "w";
                break;
            case Namespace::kMarkupCompatibility:
                wanted_prefix = "mc";
                break;
            case Namespace::kOther:
                // A foreign namespace bound to w: or mc: must not be mistaken for ours.
                if (prefix != "w" && prefix != "mc") {
                    return;
                }
                wanted_prefix = "foreign";
                break;
        }
        if (prefix != wanted_prefix) {
            std::string renamed(wanted_prefix);
            renamed += ':';
            renamed += local;
            node.set_name(renamed.c_str());
        }
    }

    std::vector<Binding> bindings_;
    bool too_deep_ = false;
};

// ---------------------------------------------------------------------------------------
// XML: text extraction (element names are canonical here: w:..., mc:...)

using Lines = std::vector<std::string>;

bool is_named(const pugi::xml_node& node, std::string_view name) {
    return node.type() == pugi::node_element && name == node.name();
}

// A paragraph's text as it is assembled, with the lines of text boxes anchored in it.
struct ParagraphText {
    std::string text;
    Lines anchored_lines;
    bool pending_page_break = false;

    void append(std::string_view piece) {
        if (piece.empty()) {
            return;
        }
        if (pending_page_break && !text.empty() && text.back() != '\n') {
            text += '\n';
        }
        pending_page_break = false;
        text += piece;
    }
};

// Collects the lines of one block container (body, table cell, text box). Paragraphs whose
// mark was deleted in a tracked change are held back and joined to the next paragraph.
class LineSink {
public:
    ParagraphText start_paragraph() {
        ParagraphText paragraph;
        if (held_back_) {
            paragraph = std::move(*held_back_);
            held_back_.reset();
        }
        return paragraph;
    }

    void end_paragraph(ParagraphText paragraph, bool mark_deleted) {
        if (mark_deleted) {
            held_back_ = std::move(paragraph);
        } else {
            emit(std::move(paragraph));
        }
    }

    void add_line(std::string line) {
        release_held_back();
        lines_.push_back(std::move(line));
    }

    Lines finish() {
        release_held_back();
        return std::move(lines_);
    }

private:
    void release_held_back() {
        if (held_back_) {
            emit(std::move(*held_back_));
            held_back_.reset();
        }
    }

    void emit(ParagraphText paragraph) {
        lines_.push_back(std::move(paragraph.text));
        for (std::string& line : paragraph.anchored_lines) {
            lines_.push_back(std::move(line));
        }
    }

    Lines lines_;
    std::optional<ParagraphText> held_back_;
};

// Elements whose content never belongs to the text: properties, tracked deletions and
// move sources, field instructions, note and comment references, ruby annotations.
bool is_excluded(std::string_view name) {
    static constexpr std::string_view kExcluded[] = {
        "w:pPr",
        "w:rPr",
        "w:tblPr",
        "w:tblGrid",
        "w:trPr",
        "w:tcPr",
        "w:tblPrEx",
        "w:sectPr",
        "w:sdtPr",
        "w:sdtEndPr",
        "w:customXmlPr",
        "w:del",
        "w:moveFrom",
        "w:delText",
        "w:instrText",
        "w:delInstrText",
        "w:fldData",
        "w:footnoteReference",
        "w:endnoteReference",
        "w:footnoteRef",
        "w:endnoteRef",
        "w:commentReference",
        "w:annotationRef",
        "w:separator",
        "w:continuationSeparator",
        "w:rt",
        "w:altChunk",
    };
    return std::find(std::begin(kExcluded), std::end(kExcluded), name) != std::end(kExcluded);
}

// Markup compatibility: the first Choice is what a current consumer shows; the Fallback
// repeats the same content for older ones (typically a text box as DrawingML and as VML).
pugi::xml_node chosen_alternative(const pugi::xml_node& alternate_content) {
    for (const pugi::xml_node child : alternate_content.children()) {
        if (is_named(child, "mc:Choice")) {
            return child;
        }
    }
    for (const pugi::xml_node child : alternate_content.children()) {
        if (is_named(child, "mc:Fallback")) {
            return child;
        }
    }
    return {};
}

// w:sym w:char="03B1" is a character; w:char="F04A" is glyph 0x4A of a symbol font
// (Wingdings...), which has no meaning as text, so it is dropped like anything unreadable.
std::string symbol_text(const pugi::xml_node& symbol) {
    const std::string_view hex = symbol.attribute("w:char").value();
    if (hex.empty() || hex.size() > 6) {
        return {};
    }
    std::uint32_t code_point = 0;
    for (const char digit : hex) {
        std::uint32_t value = 0;
        if (digit >= '0' && digit <= '9') {
            value = static_cast<std::uint32_t>(digit - '0');
        } else if (digit >= 'a' && digit <= 'f') {
            value = static_cast<std::uint32_t>(digit - 'a' + 10);
        } else if (digit >= 'A' && digit <= 'F') {
            value = static_cast<std::uint32_t>(digit - 'A' + 10);
        } else {
            return {};
        }
        code_point = code_point * 16 + value;
    }
    const bool is_control = code_point < 0x20 || (code_point >= 0x7F && code_point < 0xA0);
    const bool is_surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    const bool is_symbol_font_slot = code_point >= 0xF000 && code_point <= 0xF0FF;
    if (is_control || is_surrogate || is_symbol_font_slot || code_point > 0x10FFFF) {
        return {};
    }
    std::string out;
    text::append_utf8(out, static_cast<char32_t>(code_point));
    return out;
}

std::string run_text(const pugi::xml_node& text_element) {
    std::string text;
    for (const pugi::xml_node child : text_element.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            text += child.value();
        }
    }
    std::replace(text.begin(), text.end(), '\r', ' ');
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

void collect_blocks(const pugi::xml_node& container, LineSink& sink);

void collect_inline(const pugi::xml_node& container, ParagraphText& paragraph) {
    for (const pugi::xml_node child : container.children()) {
        if (child.type() != pugi::node_element) {
            continue;  // text counts only inside w:t
        }
        const std::string_view name = child.name();
        if (is_excluded(name)) {
            continue;
        }
        if (name == "w:t") {
            paragraph.append(run_text(child));
        } else if (name == "w:tab" || name == "w:ptab") {
            paragraph.append("\t");
        } else if (name == "w:br") {
            const std::string_view type = child.attribute("w:type").value();
            if (type == "page" || type == "column") {
                paragraph.pending_page_break = true;
            } else {
                paragraph.append("\n");
            }
        } else if (name == "w:cr") {
            paragraph.append("\n");
        } else if (name == "w:noBreakHyphen") {
            paragraph.append("\u2011");
        } else if (name == "w:softHyphen") {
            // An optional hyphenation point: invisible unless the line wraps there.
        } else if (name == "w:sym") {
            paragraph.append(symbol_text(child));
        } else if (name == "w:txbxContent") {
            LineSink text_box;
            collect_blocks(child, text_box);
            for (std::string& line : text_box.finish()) {
                paragraph.anchored_lines.push_back(std::move(line));
            }
        } else if (name == "mc:AlternateContent") {
            collect_inline(chosen_alternative(child), paragraph);
        } else {
            // Runs, hyperlinks, smart tags, content controls, insertions, simple fields,
            // drawings that may hold text boxes...: their text is the paragraph's text.
            collect_inline(child, paragraph);
        }
    }
}

bool paragraph_mark_deleted(const pugi::xml_node& paragraph) {
    const pugi::xml_node mark = paragraph.child("w:pPr").child("w:rPr");
    return mark.child("w:del") || mark.child("w:moveFrom");
}

std::string cell_text(const pugi::xml_node& cell) {
    LineSink sink;
    collect_blocks(cell, sink);
    std::string text;
    for (std::string& line : sink.finish()) {
        if (line.empty()) {
            continue;
        }
        std::replace(line.begin(), line.end(), '\t', ' ');
        std::replace(line.begin(), line.end(), '\n', ' ');
        if (!text.empty()) {
            text += ' ';
        }
        text += line;
    }
    return text;
}

// Calls `visit(child, name)` for each element child of `container` that carries text (not
// excluded); `visit` returns false for an element it does not handle, whose content is
// then walked the same way (through the chosen alternative of mc:AlternateContent).
template <typename Visit>
void walk_elements(const pugi::xml_node& container, Visit&& visit) {
    for (const pugi::xml_node child : container.children()) {
        if (child.type() != pugi::node_element) {
            continue;
        }
        const std::string_view name = child.name();
        if (is_excluded(name) || visit(child, name)) {
            continue;
        }
        walk_elements(name == "mc:AlternateContent" ? chosen_alternative(child) : child, visit);
    }
}

// Cells may be wrapped in content controls or custom XML; descend through wrappers.
void collect_cells(const pugi::xml_node& container, std::vector<std::string>& cells) {
    walk_elements(container, [&cells](const pugi::xml_node& child, std::string_view name) {
        if (name != "w:tc") {
            return false;
        }
        cells.push_back(cell_text(child));
        return true;
    });
}

bool row_deleted(const pugi::xml_node& row) {
    const pugi::xml_node properties = row.child("w:trPr");
    return properties.child("w:del") || properties.child("w:moveFrom");
}

void collect_rows(const pugi::xml_node& container, LineSink& sink) {
    walk_elements(container, [&sink](const pugi::xml_node& child, std::string_view name) {
        if (name != "w:tr") {
            return false;
        }
        if (row_deleted(child)) {
            return true;
        }
        std::vector<std::string> cells;
        collect_cells(child, cells);
        if (cells.empty()) {
            return true;
        }
        std::string line = std::move(cells.front());
        for (std::size_t i = 1; i < cells.size(); ++i) {
            line += '\t';
            line += cells[i];
        }
        sink.add_line(std::move(line));
        return true;
    });
}

// Paragraphs and tables, in order; content controls, custom XML and block-level insertions
// are looked inside.
void collect_blocks(const pugi::xml_node& container, LineSink& sink) {
    walk_elements(container, [&sink](const pugi::xml_node& child, std::string_view name) {
        if (name == "w:p") {
            ParagraphText paragraph = sink.start_paragraph();
            collect_inline(child, paragraph);
            sink.end_paragraph(std::move(paragraph), paragraph_mark_deleted(child));
            return true;
        }
        if (name == "w:tbl") {
            collect_rows(child, sink);
            return true;
        }
        return false;
    });
}

// Rejects what an XML parser must reject and pugixml lets through: malformed UTF-8.
bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        std::uint32_t code_point = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2;
            code_point = lead & 0x1Fu;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            code_point = lead & 0x0Fu;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            code_point = lead & 0x07u;
        } else {
            return false;
        }
        if (i + length > text.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) {
                return false;
            }
            code_point = (code_point << 6) | (next & 0x3Fu);
        }
        static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code_point < kSmallest[length] || code_point > 0x10FFFF ||
            (code_point >= 0xD800 && code_point <= 0xDFFF)) {
            return false;
        }
        i += length;
    }
    return true;
}

std::string join_lines(const Lines& lines) {
    std::string text;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) {
            text += '\n';
        }
        text += lines[i];
    }
    return text;
}

std::string extract_main_part_text(std::string xml_bytes, const std::string& part,
                                   const std::string& name) {
    const std::string subject = "cannot import " + name + ": " + part;
    pugi::xml_document xml;
    // parse_ws_pcdata keeps whitespace-only text such as <w:t xml:space="preserve"> </w:t>.
    // No flag makes pugixml load external entities or expand DTD-declared ones.
    const pugi::xml_parse_result parsed =
        xml.load_buffer_inplace(xml_bytes.data(), xml_bytes.size(),
                                pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_auto);
    if (!parsed) {
        throw ImportError(subject + " is not well-formed XML (" + parsed.description() +
                          " at byte offset " + std::to_string(parsed.offset) + ")");
    }

    NamespaceCanonicaliser canonicaliser;
    xml.traverse(canonicaliser);
    if (canonicaliser.too_deep()) {
        throw ImportError(subject + " nests elements more than " +
                          std::to_string(kMaxElementDepth) + " levels deep");
    }

    const pugi::xml_node root = xml.document_element();
    if (!is_named(root, "w:document")) {
        throw ImportError("not a .docx file: " + name + ": its main part " + part + " is a <" +
                          root.name() + ">, not a Word document");
    }
    const pugi::xml_node body = root.child("w:body");
    if (!body) {
        throw ImportError(subject + " has no w:body element");
    }

    LineSink sink;
    collect_blocks(body, sink);
    std::string text = join_lines(sink.finish());
    if (!is_valid_utf8(text)) {
        throw ImportError(subject + " contains text that is not valid UTF-8");
    }
    return text;
}

std::string extract_from_archive(zip_t* archive, const std::string& name, std::string_view head) {
    const std::string part = main_part_name(archive, name);
    const zip_int64_t index = zip_name_locate(archive, part.c_str(), ZIP_FL_NOCASE);
    if (index < 0) {
        if (has_ole_header(head)) {
            throw ImportError(ole_advice(name));
        }
        if (zip_get_num_entries(archive, 0) <= 0) {
            throw ImportError("not a .docx file: " + name + " is empty");
        }
        throw ImportError("not a .docx file: " + name + " has no " + part +
                          ": not a Word document");
    }
    std::string xml_bytes =
        read_entry(archive, static_cast<zip_uint64_t>(index), part, name, kMaxMainPartSize);
    return extract_main_part_text(std::move(xml_bytes), part, name);
}

}  // namespace

std::string extract_docx_text(const std::string& path) {
    const std::string name = '"' + path + '"';
    const std::string head = read_file_head(path);
    ZipError error;
    const ArchivePtr archive = util::open_archive_file(path, name, error);
    if (!archive) {
        throw_open_failure(error, name, head);
    }
    return extract_from_archive(archive.get(), name, head);
}

std::string extract_docx_text_from_memory(const std::string& bytes) {
    const std::string name = "the document in memory";
    const std::string_view head = std::string_view(bytes).substr(0, 8);
    if (bytes.empty()) {
        throw ImportError("not a .docx file: " + name + " is empty");
    }
    ZipError error;
    const ArchivePtr archive = util::open_archive_buffer(bytes, name, error);
    if (!archive) {
        throw_open_failure(error, name, head);
    }
    return extract_from_archive(archive.get(), name, head);
}

}  // namespace quire
