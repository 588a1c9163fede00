// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/import/docx.h"

#include <zip.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/base/errors.h"

// Every fixture is built here from XML written by hand: no third-party document is shipped.
namespace {

using Catch::Matchers::Contains;

using Entries = std::vector<std::pair<std::string, std::string>>;

const std::string kContentTypes =
    R"xml(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels"
         ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
          ContentType="application/vnd.openxmlformats-officedocument.)xml"
    R"xml(wordprocessingml.document.main+xml"/>
</Types>)xml";

const std::string kOfficeDocumentRelationship =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

std::string package_relationships(const std::string& main_part) {
    return R"xml(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId2" Target="docProps/core.xml"
  Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"/>
<Relationship Id="rId1" Type=")xml" +
           kOfficeDocumentRelationship + "\" Target=\"" + main_part + R"xml("/>
</Relationships>)xml";
}

const std::string kNamespaces =
    R"xml(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )xml"
    R"xml(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" )xml"
    R"xml(xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" )xml"
    R"xml(xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" )xml"
    R"xml(xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" )xml"
    R"xml(xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps")xml";

std::string document_xml(const std::string& body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " +
           kNamespaces + "><w:body>" + body + "<w:sectPr/></w:body></w:document>";
}

std::string zip_archive(const Entries& entries) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    REQUIRE(buffer != nullptr);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    REQUIRE(archive != nullptr);
    zip_error_fini(&error);
    zip_source_keep(buffer);  // read the finished archive back after zip_close
    for (const auto& [name, data] : entries) {
        zip_source_t* entry = zip_source_buffer(archive, data.data(), data.size(), 0);
        REQUIRE(entry != nullptr);
        REQUIRE(zip_file_add(archive, name.c_str(), entry, ZIP_FL_ENC_UTF_8) >= 0);
    }
    REQUIRE(zip_close(archive) == 0);

    zip_stat_t stat;
    zip_stat_init(&stat);
    REQUIRE(zip_source_stat(buffer, &stat) == 0);
    std::string bytes(stat.size, '\0');
    REQUIRE(zip_source_open(buffer) == 0);
    REQUIRE(zip_source_read(buffer, bytes.data(), bytes.size()) ==
            static_cast<zip_int64_t>(bytes.size()));
    zip_source_close(buffer);
    zip_source_free(buffer);
    return bytes;
}

std::string docx_with_document(const std::string& document, const Entries& extra_parts = {}) {
    Entries entries = {{"[Content_Types].xml", kContentTypes},
                       {"_rels/.rels", package_relationships("word/document.xml")},
                       {"word/document.xml", document}};
    entries.insert(entries.end(), extra_parts.begin(), extra_parts.end());
    return zip_archive(entries);
}

std::string docx_with_body(const std::string& body, const Entries& extra_parts = {}) {
    return docx_with_document(document_xml(body), extra_parts);
}

std::string text_of_body(const std::string& body) {
    return quire::extract_docx_text_from_memory(docx_with_body(body));
}

std::string paragraph(const std::string& text) {
    return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

std::string run(const std::string& text) {
    return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

std::string import_error_of(const std::string& bytes) {
    try {
        quire::extract_docx_text_from_memory(bytes);
    } catch (const quire::ImportError& error) {
        return error.what();
    }
    FAIL("no ImportError was thrown");
    return {};
}

// ZIP header surgery, to fake what libzip refuses to write: lying sizes, encryption flags.
std::uint32_t read_u16(const std::string& bytes, std::size_t at) {
    return static_cast<unsigned char>(bytes[at]) | static_cast<unsigned char>(bytes[at + 1]) << 8;
}

std::uint32_t read_u32(const std::string& bytes, std::size_t at) {
    return read_u16(bytes, at) | read_u16(bytes, at + 2) << 16;
}

void write_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) {
        bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((value >> (8 * i)) & 0xFF);
    }
}

struct EntryHeaders {
    std::size_t central = 0;  // offset of the central directory record
    std::size_t local = 0;    // offset of the local file header
};

EntryHeaders find_entry_headers(const std::string& bytes, const std::string& entry_name) {
    const std::string signature("PK\x01\x02", 4);
    for (std::size_t at = bytes.find(signature); at != std::string::npos;
         at = bytes.find(signature, at + 1)) {
        const std::size_t name_length = read_u16(bytes, at + 28);
        if (bytes.compare(at + 46, name_length, entry_name) == 0) {
            return {at, read_u32(bytes, at + 42)};
        }
    }
    FAIL("entry not found in the central directory: " << entry_name);
    return {};
}

class TemporaryFile {
public:
    explicit TemporaryFile(const std::string& contents) {
        std::random_device entropy;
        path_ =
            std::filesystem::temp_directory_path() /
            ("quire-test-docx-" + std::to_string(entropy()) + "-" +
             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".docx");
        std::ofstream out(path_, std::ios::binary);
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
        REQUIRE(out.good());
    }
    ~TemporaryFile() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

}  // namespace

TEST_CASE("paragraphs and headings come out one per line in document order", "[docx]") {
    const std::string body =
        R"xml(<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Interview 3</w:t></w:r></w:p>
        <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Opening</w:t></w:r></w:p>
        <w:p><w:r><w:t>First answer.</w:t></w:r></w:p>
        <w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Follow-up</w:t></w:r></w:p>
        <w:p><w:r><w:t>Second </w:t></w:r>
             <w:r><w:rPr><w:b/></w:rPr><w:t>answer.</w:t></w:r></w:p>)xml";
    CHECK(text_of_body(body) == "Interview 3\nOpening\nFirst answer.\nFollow-up\nSecond answer.");
}

TEST_CASE("empty paragraphs are kept as empty lines and no newline is added at the end", "[docx]") {
    CHECK(text_of_body(paragraph("A") + "<w:p/><w:p><w:pPr/></w:p>" + paragraph("B")) ==
          "A\n\n\nB");
    CHECK(text_of_body(paragraph("A") + "<w:p/>") == "A\n");
    CHECK(text_of_body("") == "");
}

TEST_CASE("smart quotes, dashes, accents and emoji are kept byte for byte", "[docx]") {
    const std::string text = text_of_body(
        paragraph("“Well,” she said – it’s déjà vu — 😀") +
        paragraph("&#x201C;Ref&#x201D; &amp; &lt;tag&gt; caf&#233;") + paragraph("e\xCC\x81"));
    CHECK(text ==
          "\xE2\x80\x9C"
          "Well,\xE2\x80\x9D she said \xE2\x80\x93 it\xE2\x80\x99s d\xC3\xA9j\xC3\xA0 vu "
          "\xE2\x80\x94 \xF0\x9F\x98\x80\n"
          "\xE2\x80\x9CRef\xE2\x80\x9D & <tag> caf\xC3\xA9\n"
          "e\xCC\x81");  // decomposed: normalising is the caller's job
}

TEST_CASE("whitespace inside w:t is significant", "[docx]") {
    CHECK(text_of_body("<w:p>" + run("Hello,") + run(" ") + run("world  ") + run("again") +
                       "</w:p>") == "Hello, world  again");
    CHECK(text_of_body("<w:p><w:r><w:t>  leading and trailing  </w:t></w:r></w:p>") ==
          "  leading and trailing  ");
}

TEST_CASE("a raw line feed inside w:t reads as a space, as Word shows it", "[docx]") {
    CHECK(text_of_body("<w:p><w:r><w:t>one\ntwo\r\nthree</w:t></w:r></w:p>") == "one two three");
}

TEST_CASE("a table becomes one tab-separated line per row", "[docx]") {
    const std::string body = paragraph("Before") +
                             R"xml(<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>
        <w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="6000"/></w:tblGrid>
        <w:tr><w:tc><w:tcPr><w:tcW w:w="2000"/></w:tcPr>
                    <w:p><w:r><w:t>Speaker</w:t></w:r></w:p></w:tc>
              <w:tc><w:p><w:r><w:t>Utterance</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:p><w:r><w:t>Ana</w:t></w:r></w:p></w:tc>
              <w:tc><w:p><w:r><w:t>I said yes.</w:t></w:r></w:p><w:p/>
                    <w:p><w:r><w:t>Then no.</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>(laughs)</w:t></w:r></w:p></w:tc></w:tr>
        </w:tbl>)xml" + paragraph("After");
    CHECK(text_of_body(body) ==
          "Before\nSpeaker\tUtterance\nAna\tI said yes. Then no.\n\t(laughs)\nAfter");
}

TEST_CASE("tabs and breaks inside a table cell become spaces so a row stays one line", "[docx]") {
    const std::string body =
        R"xml(<w:tbl><w:tr>
        <w:tc><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p></w:tc>
        <w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner 1</w:t></w:r></w:p></w:tc>
                           <w:tc><w:p><w:r><w:t>inner 2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
              <w:p/></w:tc>
        </w:tr></w:tbl>)xml";
    CHECK(text_of_body(body) == "a b c\tinner 1 inner 2");
}

TEST_CASE("list items are their text without bullets or numbers", "[docx]") {
    const std::string item = R"xml(<w:p><w:pPr><w:pStyle w:val="ListParagraph"/>
        <w:numPr><w:ilvl w:val="LEVEL"/><w:numId w:val="1"/></w:numPr></w:pPr>
        <w:r><w:t>TEXT</w:t></w:r></w:p>)xml";
    auto list_item = [&item](const std::string& level, const std::string& text) {
        std::string xml = item;
        xml.replace(xml.find("LEVEL"), 5, level);
        xml.replace(xml.find("TEXT"), 4, text);
        return xml;
    };
    CHECK(text_of_body(paragraph("Groceries:") + list_item("0", "Fruit") +
                       list_item("1", "Apples") + list_item("0", "Bread")) ==
          "Groceries:\nFruit\nApples\nBread");
}

TEST_CASE("footnote and endnote references and the notes themselves are left out", "[docx]") {
    const std::string body =
        R"xml(<w:p><w:r><w:t>Claim</w:t></w:r>
        <w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>
             <w:footnoteReference w:id="1"/></w:r>
        <w:r><w:t xml:space="preserve"> continues</w:t></w:r>
        <w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="2"/></w:r>
        <w:r><w:t>.</w:t></w:r></w:p>)xml";
    const std::string footnotes = "<w:footnotes " + kNamespaces +
                                  R"xml(><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>
        <w:r><w:t>SECRET FOOTNOTE</w:t></w:r></w:p></w:footnote></w:footnotes>)xml";
    const std::string text = quire::extract_docx_text_from_memory(
        docx_with_body(body, {{"word/footnotes.xml", footnotes}}));
    CHECK(text == "Claim continues.");
    CHECK_THAT(text, !Contains("SECRET"));
}

TEST_CASE("comments and their anchors are left out", "[docx]") {
    const std::string body =
        R"xml(<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Annotated words</w:t></w:r>
        <w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>
        <w:commentReference w:id="0"/></w:r></w:p>)xml";
    const std::string comments = "<w:comments " + kNamespaces +
                                 R"xml(><w:comment w:id="0" w:author="R"><w:p><w:r>
        <w:t>REVIEWER NOTE</w:t></w:r></w:p></w:comment></w:comments>)xml";
    const std::string text = quire::extract_docx_text_from_memory(
        docx_with_body(body, {{"word/comments.xml", comments}}));
    CHECK(text == "Annotated words");
}

TEST_CASE("deleted revisions are left out and insertions are kept", "[docx]") {
    const std::string body =
        R"xml(<w:p><w:r><w:t xml:space="preserve">The </w:t></w:r>
        <w:del w:id="1" w:author="A">
          <w:r><w:delText xml:space="preserve">old </w:delText></w:r></w:del>
        <w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">new </w:t></w:r></w:ins>
        <w:r><w:t>text</w:t></w:r></w:p>
        <w:p><w:moveFrom w:id="3" w:author="A"><w:r><w:t>moved away</w:t></w:r></w:moveFrom>
        <w:moveTo w:id="4" w:author="A"><w:r><w:t>moved here</w:t></w:r></w:moveTo></w:p>)xml";
    CHECK(text_of_body(body) == "The new text\nmoved here");
}

TEST_CASE("a paragraph deleted with its mark leaves no line behind", "[docx]") {
    const std::string deleted_paragraph =
        R"xml(<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="A"/></w:rPr></w:pPr>
        <w:del w:id="6" w:author="A"><w:r><w:delText>Gone</w:delText></w:r></w:del></w:p>)xml";
    CHECK(text_of_body(paragraph("Kept 1") + deleted_paragraph + paragraph("Kept 2")) ==
          "Kept 1\nKept 2");

    const std::string joined_paragraph =
        R"xml(<w:p><w:pPr><w:rPr><w:del w:id="7" w:author="A"/></w:rPr></w:pPr>
        <w:r><w:t>First half</w:t></w:r></w:p>)xml";
    CHECK(text_of_body(joined_paragraph + paragraph(" and second half")) ==
          "First half and second half");
}

TEST_CASE("a tab is a tab character and a line break a newline", "[docx]") {
    CHECK(text_of_body(R"xml(<w:p><w:r><w:t>Name:</w:t><w:tab/><w:t>Ana</w:t><w:br/>
        <w:t>Age:</w:t><w:tab/><w:t>34</w:t><w:cr/><w:t>End</w:t></w:r></w:p>)xml") ==
          "Name:\tAna\nAge:\t34\nEnd");
}

TEST_CASE("a page break is a newline between text and nothing at a paragraph's edge", "[docx]") {
    CHECK(text_of_body(R"xml(<w:p><w:r><w:t>End of part one</w:t><w:br w:type="page"/>
        <w:t>Part two</w:t></w:r></w:p>)xml") == "End of part one\nPart two");
    CHECK(text_of_body(paragraph("A") +
                       R"xml(<w:p><w:r><w:br w:type="page"/></w:r><w:r><w:t>B</w:t></w:r></w:p>
        <w:p><w:r><w:t>C</w:t><w:br w:type="page"/></w:r></w:p>)xml") == "A\nB\nC");
    // A paragraph holding only a page break is still an (empty) paragraph.
    CHECK(text_of_body(paragraph("A") + R"xml(<w:p><w:r><w:br w:type="page"/></w:r></w:p>)xml" +
                       paragraph("B")) == "A\n\nB");
}

TEST_CASE("a text box in AlternateContent is read once, after its anchoring paragraph", "[docx]") {
    const std::string box =
        R"xml(<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent>
        <mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>
          <wps:wsp><wps:txbx><w:txbxContent>
            <w:p><w:r><w:t>Box line 1</w:t></w:r></w:p><w:p><w:r><w:t>Box line 2</w:t></w:r></w:p>
          </w:txbxContent></wps:txbx></wps:wsp>
        </a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
        <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
            <w:p><w:r><w:t>Box line 1</w:t></w:r></w:p><w:p><w:r><w:t>Box line 2</w:t></w:r></w:p>
        </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
        </mc:AlternateContent></w:r>
        <w:r><w:t xml:space="preserve"> continues</w:t></w:r></w:p>)xml";
    CHECK(text_of_body(box + paragraph("Next")) ==
          "Anchor continues\nBox line 1\nBox line 2\nNext");
}

TEST_CASE("AlternateContent without a Choice falls back to its Fallback", "[docx]") {
    CHECK(text_of_body(R"xml(<w:p><w:r><w:t>A</w:t></w:r><mc:AlternateContent>
        <mc:Fallback><w:r><w:t>B</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>)xml") ==
          "AB");
}

TEST_CASE("field results are kept and field instructions left out", "[docx]") {
    const std::string body =
        R"xml(<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r>
        <w:r><w:fldChar w:fldCharType="begin"/></w:r>
        <w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org" </w:instrText></w:r>
        <w:r><w:fldChar w:fldCharType="separate"/></w:r>
        <w:r><w:t>the site</w:t></w:r>
        <w:r><w:fldChar w:fldCharType="end"/></w:r>
        <w:r><w:t xml:space="preserve">, page </w:t></w:r>
        <w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p>)xml";
    CHECK(text_of_body(body) == "See the site, page 7");
}

TEST_CASE("hyperlinks, smart tags, content controls and custom XML keep their text", "[docx]") {
    const std::string body =
        R"xml(<w:p><w:hyperlink r:id="rId9" xmlns:r="urn:r"><w:r><w:t>link</w:t></w:r></w:hyperlink>
        <w:r><w:t xml:space="preserve"> </w:t></w:r>
        <w:smartTag w:element="place"><w:r><w:t>Lisbon</w:t></w:r></w:smartTag>
        <w:r><w:t xml:space="preserve"> </w:t></w:r>
        <w:sdt><w:sdtPr><w:alias w:val="Name"/></w:sdtPr>
          <w:sdtContent><w:r><w:t>inline control</w:t>
        </w:r></w:sdtContent></w:sdt></w:p>
        <w:sdt><w:sdtPr><w:tag w:val="block"/></w:sdtPr><w:sdtContent>
          <w:p><w:r><w:t>block control</w:t></w:r></w:p></w:sdtContent></w:sdt>
        <w:customXml w:element="answer">
          <w:p><w:r><w:t>custom XML</w:t></w:r></w:p></w:customXml>)xml";
    CHECK(text_of_body(body) == "link Lisbon inline control\nblock control\ncustom XML");
}

TEST_CASE("special run content maps to characters", "[docx]") {
    const std::string body =
        R"xml(<w:p><w:r><w:t>non</w:t><w:noBreakHyphen/><w:t>breaking</w:t></w:r></w:p>
        <w:p><w:r><w:t>hy</w:t><w:softHyphen/><w:t>phen</w:t></w:r></w:p>
        <w:p><w:r><w:t>ohm </w:t><w:sym w:font="Symbol" w:char="03A9"/>
             <w:sym w:font="Wingdings" w:char="F04A"/>
             <w:sym w:font="X" w:char="zz"/></w:r></w:p>)xml";
    CHECK(text_of_body(body) ==
          "non\xE2\x80\x91"
          "breaking\nhyphen\nohm \xCE\xA9");
}

TEST_CASE("ruby annotations are left out and their base text kept", "[docx]") {
    CHECK(text_of_body(R"xml(<w:p><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>かん</w:t></w:r></w:rt>
        <w:rubyBase><w:r><w:t>漢</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>)xml") ==
          "\xE6\xBC\xA2");
}

TEST_CASE("WordprocessingML under another prefix or the default namespace is read", "[docx]") {
    const std::string ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    CHECK(quire::extract_docx_text_from_memory(docx_with_document(
              "<ns0:document xmlns:ns0=\"" + ns +
              "\"><ns0:body><ns0:p><ns0:r><ns0:t>prefixed</ns0:t><ns0:br ns0:type=\"page\"/>"
              "<ns0:t>after</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>")) ==
          "prefixed\nafter");
    // w: bound to a foreign namespace inside a run is not WordprocessingML text.
    CHECK(quire::extract_docx_text_from_memory(docx_with_document(
              "<document xmlns=\"" + ns +
              "\"><body><p><r><t>default</t><w:t xmlns:w=\"urn:other\">foreign</w:t></r></p>"
              "</body></document>")) == "default");
}

TEST_CASE("the main part is found through the package relationships", "[docx]") {
    const std::string real = document_xml(paragraph("real"));
    const std::string decoy = document_xml(paragraph("decoy"));
    const std::string bytes =
        zip_archive({{"[Content_Types].xml", kContentTypes},
                     {"_rels/.rels", package_relationships("/word/main-part.xml")},
                     {"word/main-part.xml", real},
                     {"word/document.xml", decoy}});
    CHECK(quire::extract_docx_text_from_memory(bytes) == "real");

    const std::string without_relationships =
        zip_archive({{"[Content_Types].xml", kContentTypes}, {"word/document.xml", decoy}});
    CHECK(quire::extract_docx_text_from_memory(without_relationships) == "decoy");
}

TEST_CASE("a .docx file on disk reads like the same bytes in memory", "[docx]") {
    const std::string bytes = docx_with_body(paragraph("on disk") + paragraph("caf\xC3\xA9"));
    const TemporaryFile file(bytes);
    CHECK(quire::extract_docx_text(file.path()) == "on disk\ncaf\xC3\xA9");
    CHECK(quire::extract_docx_text(file.path()) == quire::extract_docx_text_from_memory(bytes));
}

TEST_CASE("a missing file is an ImportError", "[docx]") {
    CHECK_THROWS_AS(quire::extract_docx_text("/nonexistent/quire/interview.docx"),
                    quire::ImportError);
}

TEST_CASE("random bytes are not a ZIP archive", "[docx]") {
    std::mt19937 generator(20240601);
    std::string bytes(4096, '\0');
    for (char& byte : bytes) {
        byte = static_cast<char>(generator() & 0xFF);
    }
    CHECK_THAT(import_error_of(bytes), Contains("is not a ZIP archive"));
    CHECK_THAT(import_error_of(""), Contains("empty"));

    const TemporaryFile file(bytes);
    CHECK_THROWS_AS(quire::extract_docx_text(file.path()), quire::ImportError);
}

TEST_CASE("a truncated .docx is an ImportError", "[docx]") {
    const std::string bytes = docx_with_body(paragraph("complete"));
    CHECK_THROWS_AS(quire::extract_docx_text_from_memory(bytes.substr(0, bytes.size() / 2)),
                    quire::ImportError);
    CHECK_THROWS_AS(quire::extract_docx_text_from_memory(bytes.substr(0, bytes.size() - 1)),
                    quire::ImportError);
}

TEST_CASE("damaged archives fail with ImportError and never anything worse", "[docx]") {
    const std::string bytes = docx_with_body(paragraph("fragile") + paragraph("text"));
    auto survives = [](const std::string& damaged) {
        try {
            quire::extract_docx_text_from_memory(damaged);
        } catch (const quire::ImportError&) {
        }
    };
    for (std::size_t at = 0; at < bytes.size(); ++at) {
        std::string damaged = bytes;
        damaged[at] = static_cast<char>(damaged[at] ^ 0xFF);
        INFO("byte " << at << " flipped");
        CHECK_NOTHROW(survives(damaged));
    }
    for (std::size_t length = 0; length < bytes.size(); ++length) {
        INFO("truncated to " << length << " bytes");
        CHECK_NOTHROW(survives(bytes.substr(0, length)));
    }
}

TEST_CASE("a ZIP archive without word/document.xml is not a Word document", "[docx]") {
    const std::string bytes =
        zip_archive({{"[Content_Types].xml", kContentTypes}, {"notes.txt", "hello"}});
    const std::string message = import_error_of(bytes);
    CHECK_THAT(message, Contains("has no word/document.xml"));
    CHECK_THAT(message, Contains("not a Word document"));
}

TEST_CASE("a presentation is refused as not a Word document", "[docx]") {
    const std::string presentation = R"xml(<p:presentation
        xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>)xml";
    CHECK_THAT(
        import_error_of(zip_archive({{"_rels/.rels", package_relationships("ppt/presentation.xml")},
                                     {"ppt/presentation.xml", presentation}})),
        Contains("not a Word document"));
}

TEST_CASE("an old binary .doc file is refused with advice to save it as .docx", "[docx]") {
    std::string bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    bytes += std::string(504, '\0');
    bytes += "Word.Document.8";
    const std::string message = import_error_of(bytes);
    CHECK_THAT(message, Contains(".doc"));
    CHECK_THAT(message, Contains("save it as .docx"));

    const TemporaryFile file(bytes);
    CHECK_THROWS_WITH(quire::extract_docx_text(file.path()), Contains(".doc file"));
}

TEST_CASE("malformed XML is an ImportError naming the parser's complaint and offset", "[docx]") {
    const std::string bytes = docx_with_document("<w:document " + kNamespaces +
                                                 "><w:body><w:p><w:r><w:t>x</w:r></w:p></w:body>");
    const std::string message = import_error_of(bytes);
    CHECK_THAT(message, Contains("not well-formed XML"));
    CHECK_THAT(message, Contains("offset"));

    CHECK_THROWS_AS(quire::extract_docx_text_from_memory(docx_with_document("")),
                    quire::ImportError);
    CHECK_THROWS_AS(quire::extract_docx_text_from_memory(docx_with_document("just text")),
                    quire::ImportError);
}

TEST_CASE("text that is not valid UTF-8 is an ImportError", "[docx]") {
    CHECK_THROWS_AS(text_of_body(paragraph("bad \xC3\x28 byte")), quire::ImportError);
    CHECK_THROWS_AS(text_of_body(paragraph("surrogate &#xD800;")), quire::ImportError);
}

TEST_CASE("entities declared in a DTD are not expanded", "[docx]") {
    const std::string document =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE w:document [<!ENTITY secret SYSTEM "
        "\"file:///etc/passwd\"><!ENTITY lol \"lol\">]>\n<w:document " +
        kNamespaces + "><w:body>" + paragraph("a&lol;b&secret;c") + "</w:body></w:document>";
    std::string text;
    try {
        text = quire::extract_docx_text_from_memory(docx_with_document(document));
    } catch (const quire::ImportError&) {
        return;  // refusing is as safe as not expanding
    }
    CHECK_THAT(text, !Contains("root:"));
    CHECK_THAT(text, !Contains("alol"));
}

TEST_CASE("absurdly deep nesting is an ImportError, not a stack overflow", "[docx]") {
    const int depth = 100000;
    std::string body;
    for (int i = 0; i < depth; ++i) {
        body += "<w:customXml>";
    }
    body += paragraph("deep");
    for (int i = 0; i < depth; ++i) {
        body += "</w:customXml>";
    }
    CHECK_THAT(import_error_of(docx_with_body(body)), Contains("levels deep"));

    std::string moderate;
    for (int i = 0; i < 50; ++i) {
        moderate += "<w:sdt><w:sdtContent>";
    }
    moderate += paragraph("fine");
    for (int i = 0; i < 50; ++i) {
        moderate += "</w:sdtContent></w:sdt>";
    }
    CHECK(text_of_body(moderate) == "fine");
}

TEST_CASE("a document.xml declaring more than 512 MiB is refused before it is read", "[docx]") {
    std::string bytes = docx_with_body(paragraph("small"));
    const EntryHeaders headers = find_entry_headers(bytes, "word/document.xml");
    write_u32(bytes, headers.central + 24, 600u * 1024 * 1024);
    write_u32(bytes, headers.local + 22, 600u * 1024 * 1024);
    CHECK_THAT(import_error_of(bytes), Contains("512 MiB"));
}

TEST_CASE("a document.xml whose real size differs from its declared size is refused", "[docx]") {
    const std::string bytes = docx_with_body(paragraph("some text to compress"));
    const EntryHeaders headers = find_entry_headers(bytes, "word/document.xml");
    const std::uint32_t size = read_u32(bytes, headers.central + 24);
    for (const std::uint32_t lie : {size - 10, size + 10}) {
        std::string damaged = bytes;
        write_u32(damaged, headers.central + 24, lie);
        write_u32(damaged, headers.local + 22, lie);
        CHECK_THAT(import_error_of(damaged), Contains("word/document.xml"));
    }
}

TEST_CASE("an encrypted document.xml is refused", "[docx]") {
    std::string bytes = docx_with_body(paragraph("confidential"));
    const EntryHeaders headers = find_entry_headers(bytes, "word/document.xml");
    bytes[headers.central + 8] = static_cast<char>(bytes[headers.central + 8] | 1);
    bytes[headers.local + 6] = static_cast<char>(bytes[headers.local + 6] | 1);
    CHECK_THAT(import_error_of(bytes), Contains("encrypted"));
}
