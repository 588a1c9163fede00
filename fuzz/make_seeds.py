#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpora of the fuzz harnesses into fuzz/corpus/NAME/ (run it again after
changing it; the output is the same every time). Every seed is written here from scratch:
small, fictional, and covering the features each reader handles. Zip entries are stored
uncompressed so that libFuzzer's mutations reach the XML inside.

Inputs that once crashed a harness are kept beside these as crash-*; this script leaves them.
"""
import pathlib
import zipfile

CORPUS = pathlib.Path(__file__).resolve().parent / "corpus"


def write(harness: str, name: str, data) -> None:
    folder = CORPUS / harness
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def zipped(entries, compress=False) -> bytes:
    import io
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)
    return buffer.getvalue()


INTERVIEW = ("Q: How did the referral start?\nA: The school nurse raised a concern – "
             "“quietly”, as she put it.\nQ: Café, naïve, 😀 and 日本語 too.\n")


def text_seeds() -> None:
    write("decode_text", "utf8", INTERVIEW)
    write("decode_text", "utf8_bom", b"\xef\xbb\xbf" + INTERVIEW.encode())
    write("decode_text", "utf16le_bom", b"\xff\xfe" + INTERVIEW.encode("utf-16-le"))
    write("decode_text", "utf16be_bom", b"\xfe\xff" + INTERVIEW.encode("utf-16-be"))
    write("decode_text", "utf16le_plain", "Q: Who?\r\nA: Me.\r\n".encode("utf-16-le"))
    write("decode_text", "windows1252",
          "A: \u201cI\u2019d say\u201d \u2013 caf\xe9.\r\n".encode("cp1252"))
    write("decode_text", "latin1", "Gar\xe7on, \xe0 bient\xf4t.\n".encode("latin-1"))
    write("decode_text", "shift_jis", "こんにちは、学校です。\n".encode("shift_jis"))
    write("decode_text", "koi8r", "Привет, школа.\n".encode("koi8-r"))
    write("decode_text", "nfd_cr", "Cafe\u0301\rnai\u0308ve\r\n".encode())
    write("decode_text", "binary", b"\x00\x01\x02PK\x03\x04\x00")
    # The first byte chooses a named encoding in the harness: 1 is UTF-16LE.
    write("decode_text", "named_utf16le", b"\x01" + "Hi \U0001F600".encode("utf-16-le"))


DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
              'org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType='
              '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
              '</Types>')
DOCX_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
             'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
             'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
             'Target="word/document.xml"/></Relationships>')
W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')


def document_xml(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'


def docx(body: str, compress=False) -> bytes:
    return zipped([("[Content_Types].xml", DOCX_TYPES), ("_rels/.rels", DOCX_RELS),
                   ("word/document.xml", document_xml(body))], compress)


# Bodies of word/document.xml. Each is written twice: as a .docx, and bare (an input that is
# not a zip is packed into a .docx by the harness, so that mutations reach the XML).
DOCX_BODIES = {
    "paragraphs": (
        '<w:p><w:r><w:t>Q: How did it start?</w:t></w:r></w:p><w:p/>'
        '<w:p><w:r><w:t xml:space="preserve">A: The </w:t><w:tab/><w:t>nurse</w:t><w:br/>'
        '<w:t>caf\u00e9</w:t><w:noBreakHyphen/><w:softHyphen/><w:sym w:char="0041"/></w:r></w:p>'),
    "table": (
        '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:p><w:r><w:t>Role</w:t></w:r></w:p><w:p><w:r><w:t>lead</w:t></w:r></w:p></w:tc>'
        '</w:tr></w:tbl>'),
    "revisions_fields": (
        '<w:p><w:ins><w:r><w:t>kept</w:t></w:r></w:ins><w:del><w:r><w:delText>gone</w:delText>'
        '</w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE'
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t>'
        '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:p><w:pPr><w:rPr><w:del/></w:rPr></w:pPr><w:r><w:t>joined</w:t></w:r></w:p>'
        '<w:p><w:ruby><w:rt><w:r><w:t>kana</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>\u6f22</w:t>'
        '</w:r></w:rubyBase></w:ruby></w:p>'),
    "textbox": (
        '<w:p><w:r><w:t>anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        '<w:drawing><w:txbxContent><w:p><w:r><w:t>in the box</w:t></w:r></w:p></w:txbxContent>'
        '</w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>twice</w:t>'
        '</w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>'),
}


def docx_seeds() -> None:
    for name, body in DOCX_BODIES.items():
        write("docx", name, docx(body))
        write("docx", "xml_" + name, document_xml(body))
    write("docx", "deflated", docx('<w:p><w:r><w:t>Compressed text.</w:t></w:r></w:p>', True))


def refi_project(origin: str, text_path: str) -> str:
    return f'''<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Referrals" origin="{origin}" creatingUserGUID="aaaaaaaa-0000-0000-0000-000000000001">
<Users><User guid="aaaaaaaa-0000-0000-0000-000000000001" name="Ann"/><User guid="aaaaaaaa-0000-0000-0000-000000000002" name="Ben"/></Users>
<CodeBook><Codes>
  <Code guid="c0000000-0000-0000-0000-000000000001" name="Risk" isCodable="true" color="#aa3300">
    <Description>Definition: danger named
Inclusion: explicit
Exclusion: guesses
Example: "at risk"</Description>
    <Code guid="c0000000-0000-0000-0000-000000000002" name="Trust/Safety" isCodable="true"/>
  </Code>
  <Code guid="c0000000-0000-0000-0000-000000000003" name="Risk" isCodable="false"/>
</Codes></CodeBook>
<Variables>
  <Variable guid="v0000000-0000-0000-0000-000000000001" name="role" typeOfVariable="Text"/>
  <Variable guid="v0000000-0000-0000-0000-000000000002" name="years" typeOfVariable="Integer"/>
  <Variable guid="v0000000-0000-0000-0000-000000000003" name="since" typeOfVariable="Date"/>
</Variables>
<Cases>
  <Case guid="k0000000-0000-0000-0000-000000000001" name="Nurse">
    <VariableValue><VariableRef targetGUID="v0000000-0000-0000-0000-000000000001"/><TextValue>referrer</TextValue></VariableValue>
    <VariableValue><VariableRef targetGUID="v0000000-0000-0000-0000-000000000002"/><IntegerValue>12</IntegerValue></VariableValue>
    <VariableValue><VariableRef targetGUID="v0000000-0000-0000-0000-000000000003"/><DateValue>2020-02-29</DateValue></VariableValue>
    <SourceRef targetGUID="50000000-0000-0000-0000-000000000001"/>
    <SelectionRef targetGUID="s0000000-0000-0000-0000-000000000002"/>
  </Case>
</Cases>
<Sources>
  <TextSource guid="50000000-0000-0000-0000-000000000001" name="Interview 1" plainTextPath="{text_path}">
    <PlainTextSelection guid="s0000000-0000-0000-0000-000000000001" startPosition="3" endPosition="9" creatingUser="aaaaaaaa-0000-0000-0000-000000000001">
      <Description>start</Description>
      <Coding guid="g0000000-0000-0000-0000-000000000001" creatingUser="aaaaaaaa-0000-0000-0000-000000000002"><CodeRef targetGUID="c0000000-0000-0000-0000-000000000001"/></Coding>
    </PlainTextSelection>
    <PlainTextSelection guid="s0000000-0000-0000-0000-000000000002" startPosition="19" endPosition="40">
      <Coding guid="g0000000-0000-0000-0000-000000000002"><CodeRef targetGUID="c0000000-0000-0000-0000-000000000002"/></Coding>
      <NoteRef targetGUID="n0000000-0000-0000-0000-000000000002"/>
    </PlainTextSelection>
    <PlainTextSelection guid="s0000000-0000-0000-0000-000000000003" startPosition="40" endPosition="2"/>
    <NoteRef targetGUID="n0000000-0000-0000-0000-000000000001"/>
    <VariableValue><VariableRef targetGUID="v0000000-0000-0000-0000-000000000001"/><TextValue>nurse</TextValue></VariableValue>
  </TextSource>
  <PictureSource guid="50000000-0000-0000-0000-000000000002" name="Map" path="internal://map.png">
    <PictureSelection guid="s0000000-0000-0000-0000-000000000009" firstX="1" firstY="1" secondX="2" secondY="2"/>
  </PictureSource>
  <TextSource guid="50000000-0000-0000-0000-000000000003" name="Inline"><PlainTextContent>Short inline text, coded.</PlainTextContent>
    <PlainTextSelection guid="s0000000-0000-0000-0000-000000000004" startPosition="0" endPosition="5"><Coding guid="g0000000-0000-0000-0000-000000000004"><CodeRef targetGUID="c0000000-0000-0000-0000-000000000003"/></Coding></PlainTextSelection>
  </TextSource>
</Sources>
<Notes>
  <Note guid="n0000000-0000-0000-0000-000000000001" name="About the interview" creatingUser="aaaaaaaa-0000-0000-0000-000000000001"><PlainTextContent>Recorded at school.</PlainTextContent></Note>
  <Note guid="n0000000-0000-0000-0000-000000000002" name="On trust"><PlainTextContent>Check with Ben.</PlainTextContent></Note>
</Notes>
<Links><Link guid="l0000000-0000-0000-0000-000000000001" originGUID="c0000000-0000-0000-0000-000000000001" targetGUID="c0000000-0000-0000-0000-000000000002"/></Links>
<Sets><Set guid="e0000000-0000-0000-0000-000000000001" name="Core"><MemberCode targetGUID="c0000000-0000-0000-0000-000000000001"/><MemberSource targetGUID="50000000-0000-0000-0000-000000000001"/></Set></Sets>
</Project>
'''


CRLF_TEXT = "\ufeffQ: Who raised it?\r\nA: The school nurse, caf\u00e9 and all \U0001F600.\r\n"


def refi_seeds() -> None:
    text_name = "50000000-0000-0000-0000-000000000001.txt"
    for i, origin in enumerate(["NVivo for Windows 12.6", "ATLAS.ti 9", "MAXQDA 2022",
                                "QualCoder 3.2", "Quire 0.1.0"]):
        write("qdpx", f"project_{i}", zipped([
            ("project.qde", refi_project(origin, "internal://" + text_name)),
            ("sources/" + text_name, CRLF_TEXT)]))
        # Bare: the harness packs it with the same transcript.
        write("qdpx", f"xml_project_{i}", refi_project(origin, "internal://" + text_name))
        # The qde harness keeps sources/interview.txt beside the file.
        write("qde", f"project_{i}", refi_project(origin, "relative://interview.txt"
                                                   if i == 3 else "internal://interview.txt"))
    write("qdpx", "other_qde_name", zipped([("Referrals.qde", refi_project("x", "internal://a.txt")),
                                            ("a.txt", "abc")], compress=True))
    write("qdpx", "unsafe_name", zipped([("project.qde", "<Project/>"), ("../up.txt", "x")]))
    write("qde", "entity", '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY e "x">]><Project>&e;</Project>')
    codebook = refi_project("NVivo", "")
    codes = codebook[codebook.index("<CodeBook>"):codebook.index("</CodeBook>") + len("</CodeBook>")]
    sets = codebook[codebook.index("<Sets>"):codebook.index("</Sets>") + len("</Sets>")]
    write("qdc", "codebook", '<?xml version="1.0" encoding="utf-8"?>\n'
          + codes.replace("<CodeBook>", '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo">')
          .replace("</Codes></CodeBook>", "</Codes>" + sets + "</CodeBook>"))
    write("qdc", "existing_names", '<CodeBook><Codes><Code guid="1" name="Risk" isCodable="true">'
          '<Code guid="2" name="Trust" isCodable="true"/><Code guid="3" name="New"/></Code>'
          '</Codes><Sets><Set guid="4" name="S"><MemberCode targetGUID="3"/></Set></Sets></CodeBook>')
    write("qdc", "deep", "<CodeBook><Codes>" + '<Code guid="d" name="d">' * 40 + "</Code>" * 40
          + "</Codes></CodeBook>")


def csv_seeds() -> None:
    write("csv", "codings", "document,coder,code,start,end\r\nInterview,Alex,Risk,3,9\r\n"
          "Interview,Sam,Risk/Trust,0,1\r\n")
    write("csv", "quoted", '\ufeffDocument, Coder ,CODE,start,end\n"Interview","A ""b""",'
          '"Risk,\nTrust",2,4\n\nInterview,Alex,1,5,3\n')
    write("csv", "unterminated", 'document,coder,code,start,end\nInterview,"Alex,Risk,1,2\n')
    write("csv", "ratings", "unit,A,B,C\n1,a,a,\n2,b,a,b\n3,,c,c\n")
    write("csv", "out_of_range", "document,coder,code,start,end\nInterview,Alex,Risk,-1,"
          "99999999999999999999\nInterview,Alex,Trust,90,200\n")


XLSX_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def worksheet(rows: str) -> str:
    return f'<worksheet {XLSX_NS}><sheetData>{rows}</sheetData></worksheet>'


def attribute_table_seeds() -> None:
    write("attribute_table", "with_kind", "name,kind,Age,Site\r\nInterview,document,15,North\r\n"
          '"Nobody",case,3,\r\n\r\n')
    write("attribute_table", "without_kind", "\ufeffname,Consent,Seen\nInterview,yes,2024-02-29\n"
          "Interview,no,\n")
    write("attribute_table", "bad_header", "name,Age,Age\n,,\nInterview,x\n")
    write("attribute_table", "sheet", worksheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c>'
        '<c r="C1" t="inlineStr"><is><t>Seen</t></is></c></row>'
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>15</v></c>'
        '<c r="C2" s="1"><v>45292</v></c><c r="D2" t="b"><v>1</v></c></row>'
        '<row r="4"><c r="E4" t="d"><v>2024-03-05T10:00:00</v></c></row>'))
    write("attribute_table", "workbook", zipped([
        ("xl/workbook.xml", f'<workbook {XLSX_NS}><workbookPr date1904="1"/><sheets>'
                            '<sheet name="S" sheetId="1"/></sheets></workbook>'),
        ("xl/worksheets/sheet1.xml", worksheet(
            '<row><c t="inlineStr"><is><t>name</t></is></c><c t="inlineStr"><is><t>Age</t>'
            '</is></c></row><row><c t="inlineStr"><is><t>Interview</t></is></c><c><v>16</v>'
            '</c></row>'))]))


def ratings_seeds() -> None:
    # The first byte chooses the level: 0 nominal, 1 ordinal, 2 interval, 3 ratio.
    write("ratings", "nominal", "\x00unit,A,B,C\n1,a,a,\n2,b,a,b\n3,,c,c\n4,a,a,a\n")
    write("ratings", "ordinal", "\x01unit,A,B\r\nu1,1,2\r\nu2,3,3\r\nu3,2,\r\nu4,1,1\r\n")
    write("ratings", "interval", "\x02id,Ann,Ben,Cat,Dev\n1,1.5,2,-3e2,\n2,0.25,0.25,1,1\n"
          "3,,,,7\n4,1e308,1e308,-1e308,0\n")
    write("ratings", "ratio", "\x03u,x,y\n1,0,0\n2,10,12\n3,\"4\",5\n")
    write("ratings", "ragged", "\x00u,x,y\n1,a\n2,a,b,c\n")


def search_seeds() -> None:
    for i, q in enumerate([
            "risk uncertainty", "risk OR harm", "risk NOT harm -family", '"young person"',
            "risk NEAR/5 family", "exploit* (risk OR harm) family", "near NEAR safe",
            'code:"Risk/Trust" coder:Alex doc:"Interview 3" case:Alex role:referrer note:urgent',
            "one-to-one person's don’t", "caf\u00e9 na\u00efve Stra\u00dfe",
            "日本語の学校 ภาษาไทย", '((a OR b) NEAR/2 "c d") NOT (e*)', '"unterminated', "OR",
            "((((x))))", "a NEAR/ b", "\u0915\u093f \u05e9\u05b8\u05c1"]):
        write("query", f"query_{i:02}", q)


def coding_query_seeds() -> None:
    for i, q in enumerate([
            'code:"Working with uncertainty" AND role:referrer',
            'code:A OR code:B AND code:C OVERLAPS code:D', 'NOT code=:"Risk/Online"',
            '(code:A coder:Sam) OVERLAPS (code:B coder:Kim)', 'code:A NEAR/2:par code:B',
            'code:A BEFORE/4 code:B WITHIN code:C ENCLOSES code:D', 'code:A SAMETURN code:B',
            'risk "young person" exploit* SAMEPARA code:A', 'age>=30 AND age<40.5 doc:"D 1"',
            '"service centre":North group:Staff case:Alex NOT coder:Sam', '"code":x',
            '((((code:A))))', 'code:A AND', 'code:"A', 'NEAR/x', 'caf\u00e9:"x" AND',
            'code:A )', 'role=:x', 'age>old']):
        write("coding_query", f"coding_query_{i:02}", q)
    for i, t in enumerate([
            INTERVIEW, "one-to-one person's person\u2019s don\u2019t it's 3.14 1,000 e-mail",
            "Caf\u00e9 NA\u00cfVE Stra\u00dfe \ufb01ne \u2160 \uff21\uff22",
            "日本語の文章です。タイ語: ภาษาไทยง่ายนิดเดียว", "\u0915\u093f\u0924\u093e\u092c "
            "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd \u0645\u064e\u0631\u062d\u0628\u064b\u0627",
            "a\u0301\u0302\u0303 \U0001F468\u200d\U0001F469\u200d\U0001F467 x\u00ad\u200by",
            "\"quoted\" (para) [brackets] \u2014 dash\u2013dash \u2026 end."]):
        write("tokenizer", f"text_{i:02}", t)


if __name__ == "__main__":
    text_seeds()
    docx_seeds()
    refi_seeds()
    csv_seeds()
    attribute_table_seeds()
    ratings_seeds()
    search_seeds()
    coding_query_seeds()
