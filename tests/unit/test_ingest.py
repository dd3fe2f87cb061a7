"""Ingest: sniffing, decoding, PDF/DOCX reading and every bad-input class, on inputs built here."""

from __future__ import annotations

import io
import json

import pytest

from coaltext.errors import (
    CorruptFile,
    EmptyInput,
    EncryptedFile,
    InvalidDocument,
    NoTextLayer,
    ParseTimeout,
    TooLarge,
    TooManyPages,
    UndecodableText,
    UnsupportedMediaType,
)
from coaltext.ingest import Limits, read
from coaltext.ingest.docx import format_number


def make_pdf(pages: list[list[str]], header: str | None = None, footer: bool = False) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for n, lines in enumerate(pages, start=1):
        pdf.add_page()
        y = 15
        if header:
            pdf.text(20, y, header)
            y += 10
        for line in lines:
            pdf.text(20, y, line)
            y += 6
        if footer:
            pdf.text(100, 270, f"Page {n} of {len(pages)}")
    return bytes(pdf.output())


# ---------------------------------------------------------------- text


def test_ingest_text_offsets_index_decoded_input_unchanged():
    raw = "1. Term.\r\nThis Agreement starts now.\r\n\r\n2. Fees.  Tabs\there\n".encode()
    doc = read(raw, name="a.txt")
    assert doc.text == raw.decode("utf-8")  # CRLF, double spaces and tabs kept
    assert doc.media_type == "text/plain" and doc.pages is None


def test_ingest_text_decodes_utf16_bom_and_cp1252():
    assert read("Caf\u00e9 \u201cquoted\u201d".encode("utf-16"), name="u.txt").text == "Caf\u00e9 \u201cquoted\u201d"
    doc = read(b"caf\xe9 \x93quoted\x94", name="w.txt")
    assert doc.text == "caf\u00e9 \u201cquoted\u201d"
    assert any("cp1252" in w for w in doc.warnings)


def test_ingest_rejects_binary_posing_as_text():
    with pytest.raises(UndecodableText):
        read(bytes(range(256)) * 40, name="x.txt")
    with pytest.raises(CorruptFile, match="not a valid PDF"):
        read(bytes(range(256)) * 40, name="x.pdf")


@pytest.mark.parametrize("data", [b"", b"   \n\t  \r\n"])
def test_ingest_empty_input_is_a_clear_error(data):
    with pytest.raises(EmptyInput, match="empty"):
        read(data, name="e.txt")


@pytest.mark.parametrize(
    "data,what",
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "PNG"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50, "legacy Word"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"\x7fELF" + b"\0" * 50, "program"),
    ],
)
def test_ingest_unsupported_formats_say_what_they_are(data, what):
    with pytest.raises(UnsupportedMediaType, match=what):
        read(data, name="file.pdf")


def test_ingest_zip_that_is_not_word_is_unsupported():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<x/>")
    with pytest.raises(UnsupportedMediaType, match="Excel"):
        read(buf.getvalue(), name="book.docx")
    with pytest.raises(CorruptFile):
        read(b"PK\x03\x04" + b"\0" * 100, name="broken.docx")


def test_ingest_json_transcript_rendered_as_speaker_lines():
    turns = [{"speaker": "Ana", "text": "We need 50/50."}, {"speaker": "Ben", "text": "We want  70/30."}]
    doc = read(json.dumps(turns).encode(), name="t.json")
    assert doc.text == "Ana: We need 50/50.\nBen: We want 70/30.\n"
    assert [b.label for b in doc.blocks] == ["Ana", "Ben"]
    assert doc.text[doc.blocks[1].start : doc.blocks[1].end] == "Ben: We want 70/30."


def test_ingest_qmsum_meeting_is_read_as_a_transcript_without_its_marks():
    """QMSum's files ({"meeting_transcripts": [{"speaker", "content"}], "topic_list": …}) were
    refused as "JSON minutes must be a list of turns"; their marks were printed verbatim."""
    meeting = {
        "topic_list": [{"topic": "Setup", "relevant_text_span": [["0", "2"]]}],
        "meeting_transcripts": [
            {"speaker": "Grad A", "content": "OK , we 're on . {disfmarker} So {vocalsound} just check it ."},
            {"speaker": "Grad E", "content": "{vocalsound}"},
            {"speaker": "Professor C", "content": "It does n't matter ( much ) ."},
        ],
    }
    doc = read(json.dumps(meeting).encode(), name="Bed002.json")
    assert doc.text == "Grad A: OK, we're on. So just check it.\nProfessor C: It doesn't matter (much).\n"
    assert [doc.text[b.start : b.end] for b in doc.blocks] == doc.text.splitlines()
    assert any("removed 3 QMSum" in w for w in doc.warnings)
    # a list of turns cut from such a file: "content" for "text", marks removed too
    turns = read(json.dumps(meeting["meeting_transcripts"]).encode(), name="turns.json")
    assert turns.text == doc.text
    plain = read(json.dumps([{"speaker": "Ana", "content": "We need 50/50 ."}]).encode(), name="t.json")
    assert plain.text == "Ana: We need 50/50 .\n"  # no marks: not QMSum, left as written


# ---------------------------------------------------------------- PDF


def test_ingest_pdf_removes_running_lines_and_joins_hyphenation():
    body = [
        ["1. Purpose. The parties will collab-", "oration on batteries."],
        ["2. Term. This runs for five years."],
        ["3. Fees. Each party pays its own costs."],
        ["4. Law. The laws of England apply."],
    ]
    doc = read(make_pdf(body, header="ACME CONFIDENTIAL DRAFT", footer=True), name="d.pdf")
    assert "ACME CONFIDENTIAL" not in doc.text
    assert "Page 2 of 4" not in doc.text
    assert "collaboration on batteries" in doc.text
    assert doc.page_count == 4
    assert doc.page_at(doc.text.index("3. Fees")) == 3
    for page in doc.pages:
        assert 0 <= page.start <= page.end <= len(doc.text)


_WORDS = "apple birch cedar delta ember fjord grove harbor iris juniper kestrel lagoon meadow nectar".split()


def _body(page: int, n: int) -> list[str]:
    """n clause lines of a page, each different from every other line (digits aside)."""
    return [f"The {_WORDS[page % 14]} {_WORDS[k % 14]} {_WORDS[k // 14]} clause binds the Supplier." for k in range(n)]


def test_pdf_strips_multi_line_legend_and_number_at_every_page_foot():
    from coaltext.ingest.pdf import _strip_running_lines

    legend = [
        "CERTAIN PORTIONS OF THIS EXHIBIT HAVE BEEN OMITTED PURSUANT TO A REQUEST FOR",
        "CONFIDENTIAL TREATMENT UNDER RULE 24B-2 OF THE EXCHANGE ACT. OMISSIONS ARE",
        "DESIGNATED [***]. A COMPLETE VERSION HAS BEEN FILED WITH THE COMMISSION.",
    ]
    pages = [_body(p, 12) + legend + [str(p)] for p in range(1, 5)]
    removed = _strip_running_lines(pages)
    kept = [line for page in pages for line in page if line]
    assert kept == [line for p in range(1, 5) for line in _body(p, 12)]  # the whole legend went, the clauses stayed
    assert removed.numbers == 4 and sum(removed.running.values()) == 12
    assert "(3 distinct, e.g. “CERTAIN PORTIONS OF THIS EXHIBIT" in removed.note("x.pdf")


def test_pdf_strips_printed_page_numbers_and_legends_inside_pdf_pages():
    from coaltext.ingest.pdf import _strip_running_lines

    # a text filing printed to PDF: its own pages ("2", "3" …) run on inside the PDF's pages
    legend = ["[*] = CERTAIN INFORMATION ON THIS PAGE HAS BEEN OMITTED AND FILED", "SEPARATELY WITH THE COMMISSION."]
    pages = [
        _body(1, 14) + ["2"] + _body(2, 14) + legend + ["3"] + _body(3, 5),
        _body(4, 12) + legend + ["4"] + _body(5, 14) + ["5"] + _body(6, 3),
    ]
    # a clause that comes back at a page top is text, not a running head
    pages[0].insert(0, "Each party bears its own costs of this Agreement.")
    pages[1].insert(0, "Each party bears its own costs of this Agreement.")
    _strip_running_lines(pages)
    kept = [line for page in pages for line in page if line]
    assert not any(line in {"2", "3", "4", "5"} or line in legend for line in kept)
    assert kept.count("Each party bears its own costs of this Agreement.") == 2
    assert len(kept) == 2 + 14 * 3 + 5 + 12 + 3


def test_pdf_keeps_numbers_that_are_no_page_run():
    from coaltext.ingest.pdf import _strip_running_lines

    # a table of contents repeats its page numbers; a short table numbers its rows
    toc = []
    for k, page in enumerate([5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 8]):
        toc += [f"Article {k + 1}", f"Heading {k + 1} of the agreement", str(page)]
    rows = [line for k in range(1, 5) for line in (str(k), f"Week {k}", f"Deliver milestone {k}.")]
    pages = [_body(1, 5) + toc + _body(1, 5), _body(2, 5) + rows + _body(2, 5), _body(3, 20)]
    before = [list(page) for page in pages]
    _strip_running_lines(pages)
    assert pages == before


def test_ingest_pdf_two_page_running_header_is_removed_and_reported():
    head = "ACME WP7 call - 4 June 2020 - minutes"
    body = [["Demo planning", "Date: June 4, 2020", "- Papers are due on Friday."], ["- Workshop on 1 June.", "Minutes by: Tom"]]
    doc = read(make_pdf(body, header=head, footer=True), name="m.pdf")
    assert head not in doc.text and "Page 1 of 2" not in doc.text
    assert doc.text.startswith("Demo planning\n")
    note = " ".join(doc.warnings)
    assert "2 running header/footer/legend lines" in note and head in note and "2 page-number lines" in note
    # a two-page text whose pages open differently keeps every line
    doc = read(make_pdf([["Demo planning", "a b"], ["Workshop", "c d"]]), name="n.pdf")
    assert doc.text == "Demo planning\na b\nWorkshop\nc d\n" and not doc.warnings


def test_ingest_pdf_keeps_hyphen_of_compound_prefix():
    doc = read(make_pdf([["The non-", "compete applies."], ["x y z"], ["a b c"]]), name="c.pdf")
    assert "non-compete applies" in doc.text


def test_ingest_pdf_keeps_real_hyphens_at_line_ends_joins_broken_words():
    # a PDF printed from a web page breaks lines after real hyphens; a typesetter breaks words
    lines = [
        "1. Scope. The Distributor sells health-",
        "related products and other health products made by the Supplier.",
        "2. Basis. Prices are set on a product-by-",
        "product basis under this agree-",
        "ment, and this agreement governs the parties' co-",
        "operation (cooperation means joint work).",
    ]
    doc = read(make_pdf([lines]), name="h.pdf")
    assert "sells health-related products" in doc.text  # "health" is a word here: a real hyphen
    assert "on a product-by-product basis" in doc.text
    assert "under this agreement, and" in doc.text  # the document writes "agreement" elsewhere
    assert "parties' cooperation (cooperation" in doc.text  # its own spelling beats the prefix "co-"
    for b in doc.blocks:  # a joined line is one block, and blocks index the text
        assert "\n" not in doc.text[b.start : b.end]
    assert doc.pages[0].start == 0 and doc.pages[0].end == len(doc.text)


def test_pdf_line_joins_never_crash_and_follow_the_documents_spelling():
    from coaltext.ingest.pdf import _join

    # "ⓐ" is lower case but no word: the line after the hyphen is kept as it is
    assert _join([["This agree-", "ⓐ the goods."]])[0] == "This agree-\nⓐ the goods.\n"
    # a document that writes "re-sign" keeps its hyphen though "resign" is also a word of it
    text = _join([["Directors may re-sign the deed; no director may resign.", "The parties re-", "sign it yearly."]])[0]
    assert "parties re-sign it" in text


def test_ingest_pdf_encrypted_with_password_is_refused_owner_only_is_read():
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf([["1. Purpose. Some text here."]])
    locked = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    locked.encrypt("secret")
    buf = io.BytesIO()
    locked.write(buf)
    with pytest.raises(EncryptedFile, match="password"):
        read(buf.getvalue(), name="locked.pdf")
    owner = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    owner.encrypt(user_password="", owner_password="owner")
    buf = io.BytesIO()
    owner.write(buf)
    assert "Purpose" in read(buf.getvalue(), name="owner.pdf").text


def test_ingest_pdf_truncated_is_corrupt():
    data = make_pdf([["1. Purpose. Some text."]] * 3)
    with pytest.raises(CorruptFile):
        read(data[: len(data) // 3], name="t.pdf")


def test_ingest_pdf_scanned_pages_have_no_text_layer(tmp_path):
    from fpdf import FPDF
    from PIL import Image

    img = tmp_path / "scan.png"
    Image.new("RGB", (200, 200), "white").save(img)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(img), x=10, y=10, w=100)
    with pytest.raises(NoTextLayer, match="OCR"):
        read(bytes(pdf.output()), name="scan.pdf")


def test_ingest_limits_size_pages_and_time():
    data = make_pdf([["1. Text on a page."]] * 5)
    with pytest.raises(TooLarge):
        read(data, name="big.pdf", limits=Limits(max_bytes=100))
    with pytest.raises(TooManyPages):
        read(data, name="long.pdf", limits=Limits(max_pages=2))
    with pytest.raises(ParseTimeout):
        read(data, name="slow.pdf", limits=Limits(timeout_s=1e-9))


# ---------------------------------------------------------------- DOCX


def test_ingest_docx_number_formats():
    assert [format_number(n, "lowerRoman") for n in (1, 4, 9, 14)] == ["i", "iv", "ix", "xiv"]
    assert format_number(27, "lowerLetter") == "aa"
    assert format_number(3, "upperLetter") == "C"


def test_ingest_docx_renders_word_auto_numbering(samples):
    docx_doc = read(samples / "alliance_agreement.docx")
    txt = (samples / "alliance_agreement.txt").read_text(encoding="utf-8")
    assert docx_doc.media_type.endswith("wordprocessingml.document")
    # numbers Word generates at display time are in the text, exactly where the reader sees them
    for label in ("ARTICLE IV", "4.2 Steering Committee.", "(b) ", "ARTICLE XVIII"):
        assert label in docx_doc.text and label in txt
    headings = [b for b in docx_doc.blocks if b.kind == "heading"]
    assert headings and all(docx_doc.text[b.start : b.end] for b in headings)
    assert any(b.kind == "table_row" for b in docx_doc.blocks)


def test_ingest_sniffs_mislabelled_files(samples):
    data = (samples / "alliance_agreement.docx").read_bytes()
    doc = read(data, name="actually_word.pdf")
    assert doc.media_type.endswith("wordprocessingml.document")
    assert any("content is" in w for w in doc.warnings)


def _docx_bytes(paragraphs: list[tuple[str, str, int | None]]) -> bytes:
    """A DOCX of (text, style, list level or None) paragraphs, made with python-docx. A level puts
    the paragraph in a two-level bullet list of numbering.xml (numId 99), as Word's Tab does."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>'
        for i in (0, 1)
    )
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="99">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="99"><w:abstractNumId w:val="99"/></w:num>'))
    for text, style, ilvl in paragraphs:
        p = d.add_paragraph(text, style=style)
        if ilvl is not None:
            p._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="99"/></w:numPr>')
            )
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_ingest_docx_nested_list_levels_are_indented():
    data = _docx_bytes([
        ("Action items", "Heading 1", None),
        ("[PERSON8]", "List Bullet", None),
        ("Will start visualization", "List Bullet 2", None),
        ("Deeper still", "List Bullet 3", None),
        ("Check the logs", "Normal", 0),
        ("Then the metrics", "Normal", 1),
        ("[PERSON9]", "List Bullet", None),
        ("First step", "List Number", None),
        ("Sub-step", "List Number 2", None),
    ])  # fmt: skip
    doc = read(data, name="minutes.docx")
    lines = doc.text.split("\n\n")
    assert lines == [
        "Action items",
        "• [PERSON8]",
        "  • Will start visualization",
        "    • Deeper still",
        "• Check the logs",
        "  • Then the metrics",
        "• [PERSON9]",
        "1. First step",
        "  1. Sub-step",
    ]
    items = [b for b in doc.blocks if b.label]
    assert [b.level for b in items] == [0, 1, 2, 0, 1, 0, 0, 1]
    assert all(doc.text[b.start : b.end] == line for b, line in zip(doc.blocks, lines))


def test_ingest_docx_sub_bullet_inherits_owner_from_parent_bullet():
    from coaltext.structure.minutes import extract_minutes

    data = _docx_bytes([
        ("Action items", "Heading 1", None),
        ("[PERSON8]", "List Bullet", None),
        ("Will start visualization of the results", "List Bullet 2", None),
    ])  # fmt: skip
    report = extract_minutes(read(data, name="minutes.docx"))
    actions = [i for i in report.items if i.kind == "action"]
    assert [(a.text, a.owner) for a in actions] == [("Will start visualization of the results", "[PERSON8]")]


# ---------------------------------------------------------------- hostile DOCX and caps

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _numbered_docx(
    *, ilvl="0", start="1", fmt="decimal", text="%1.", paras=3, p_ilvl="0", style_name=None, body=None
) -> bytes:
    """A DOCX written with zipfile: one list level (w:lvl) in numbering.xml and ``paras`` numbered
    paragraphs; ``style_name`` gives each paragraph a style of that name."""
    import zipfile

    ct = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    drels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/numbering" Target="numbering.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/></Relationships>'
    )
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {_W}><w:abstractNum w:abstractNumId="1">'
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        f'</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
    styles = f'<?xml version="1.0" encoding="UTF-8"?><w:styles {_W}>' + (
        f'<w:style w:type="paragraph" w:styleId="S1"><w:name w:val="{style_name}"/></w:style>' if style_name else ""
    ) + "</w:styles>"
    p_style = '<w:pStyle w:val="S1"/>' if style_name else ""
    if body is None:
        body = "".join(
            f'<w:p><w:pPr>{p_style}<w:numPr><w:ilvl w:val="{p_ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            f"<w:r><w:t>Clause {i}. The Parties shall cooperate.</w:t></w:r></w:p>"
            for i in range(paras)
        )
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/_rels/document.xml.rels", drels)
        z.writestr("word/document.xml", document)
        z.writestr("word/numbering.xml", numbering)
        z.writestr("word/styles.xml", styles)
    return buf.getvalue()


@pytest.mark.parametrize(
    "bad",
    [
        {"ilvl": "x"},
        {"start": "abc"},
        {"p_ilvl": "one"},
        {"start": "9" * 5000},  # int() refuses over 4,300 digits
        {"start": "-3"},
        {"start": str(10**8)},  # past the 10,000 cap: a start of 1
        {"ilvl": "5000", "p_ilvl": "5000"},  # a level past 8 would indent by 5,000
        {"ilvl": "9" * 5000, "p_ilvl": "9" * 5000},
    ],
)
def test_ingest_docx_bad_list_numbers_read_as_level_0_start_1(bad):
    doc = read(_numbered_docx(**bad), name="n.docx")
    assert doc.text.split("\n\n") == [f"{n}. Clause {n - 1}. The Parties shall cooperate." for n in (1, 2, 3)]
    assert [b.label for b in doc.blocks] == ["1.", "2.", "3."]


def test_ingest_docx_heading_style_with_a_long_number_does_not_crash():
    doc = read(_numbered_docx(style_name="Heading " + "9" * 5000, paras=1), name="h.docx")
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].level == 0  # no heading level: the list's


def test_ingest_docx_list_labels_stay_short_and_cheap():
    # a roman or letter label of a huge counter is O(1): written in decimal past 10,000
    assert format_number(10**12, "upperRoman") == str(10**12)
    assert format_number(10**12, "lowerLetter") == str(10**12)
    assert format_number(3999, "upperRoman") == "MMMCMXCIX" and format_number(10_000, "lowerRoman") == "m" * 10
    assert format_number(0, "lowerLetter") == "0"
    # a start at the cap still counts on, in letters up to 10,000 and decimal after
    doc = read(_numbered_docx(start="10000", fmt="lowerLetter", text="(%1)", paras=2), name="l.docx")
    # (10,000 in letters is 385 of them: over the label cap, so dropped)
    assert [b.label for b in doc.blocks] == [None, "(10001)"]


def test_ingest_docx_repeated_placeholders_drop_the_label():
    doc = read(_numbered_docx(start="500", fmt="lowerLetter", text="%1" * 200, paras=2), name="m.docx")
    assert [b.label for b in doc.blocks] == [None, None]
    assert len(doc.text) < 200


def test_ingest_docx_stops_at_the_deadline():
    with pytest.raises(ParseTimeout, match="reading the DOCX took longer"):
        read(_numbered_docx(paras=50), name="slow.docx", limits=Limits(timeout_s=1e-9))


def test_ingest_text_cap_stops_the_docx_reader_early(monkeypatch):
    import coaltext.ingest.docx as docx_reader

    calls = []
    real = docx_reader._paragraph_text
    monkeypatch.setattr(docx_reader, "_paragraph_text", lambda *a: calls.append(1) or real(*a))
    data = _numbered_docx(paras=100)
    full = read(data, name="ok.docx")
    calls.clear()
    assert read(data, name="ok.docx", limits=Limits(max_chars=len(full.text))).text == full.text
    with pytest.raises(TooLarge, match="characters"):
        read(data, name="long.docx", limits=Limits(max_chars=len(full.text) - 1))
    calls.clear()
    with pytest.raises(TooLarge, match=f"past {500:,} characters"):
        read(data, name="long.docx", limits=Limits(max_chars=500))
    assert len(calls) < 20  # stopped near the cap, not after all 100 paragraphs


def test_ingest_docx_table_text_counts_against_the_cap():
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    row = "<w:tr>" + cell.format("x" * 300) + cell.format("y" * 300) + "</w:tr>"
    data = _numbered_docx(body=f"<w:tbl>{row * 3}</w:tbl>")
    assert read(data, name="t.docx").text.count("x" * 300) == 3
    with pytest.raises(TooLarge):
        read(data, name="t.docx", limits=Limits(max_chars=1000))


def test_ingest_docx_xml_part_over_the_cap_is_too_large(monkeypatch):
    import coaltext.ingest.docx as docx_reader

    monkeypatch.setattr(docx_reader, "_MAX_XML_PART", 2000)
    with pytest.raises(TooLarge, match="word/document.xml unpacks to"):
        read(_numbered_docx(paras=100), name="bomb.docx")
    assert read(_numbered_docx(paras=2), name="small.docx").text


def test_ingest_text_cap_applies_to_text_and_pdf(monkeypatch):
    import pypdf

    import coaltext.ingest.text as text_reader

    assert read(b"a" * 100, name="a.txt", limits=Limits(max_chars=100)).text == "a" * 100
    with pytest.raises(TooLarge, match="characters"):
        read(b"a" * 101, name="a.txt", limits=Limits(max_chars=100))
    data = make_pdf([[f"Clause {w} is written on a page of its own."] for w in ("one", "two", "three", "four", "five")])
    assert read(data, name="ok.pdf").text
    pages = []
    real = pypdf.PageObject.extract_text
    monkeypatch.setattr(pypdf.PageObject, "extract_text", lambda self, *a, **k: pages.append(1) or real(self, *a, **k))
    with pytest.raises(TooLarge, match="characters"):
        read(data, name="long.pdf", limits=Limits(max_chars=60))
    assert len(pages) == 2  # stopped at the page that passed the cap
    monkeypatch.setattr(text_reader, "decode", lambda *a: pytest.fail("decoded"))
    with pytest.raises(TooLarge, match="characters"):  # the bytes alone prove it: nothing is decoded
        read(b"a" * 1000, name="a.txt", limits=Limits(max_chars=100))


def test_ingest_text_decodes_utf16_without_bom():
    text = "Caf\u00e9 agreement.\nThe Parties shall cooperate.\n"
    for enc in ("utf-16-le", "utf-16-be"):
        doc = read(text.encode(enc), name="u.txt")
        assert doc.text == text and any("no BOM" in w for w in doc.warnings)
        assert [doc.text[b.start : b.end] for b in doc.blocks] == [text.strip()]
    with pytest.raises(UndecodableText, match="without a byte-order mark"):
        read(text.encode("utf-16-le") + b"\0", name="odd.txt")  # an odd byte count


def test_ingest_utf16_without_bom_that_cannot_be_told_says_so():
    # Cyrillic in UTF-16 has few NUL bytes: not decoded, but the message names the likely cause
    with pytest.raises(UndecodableText, match="UTF-16 without a byte-order mark"):
        read("\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440 ".encode("utf-16-le") * 50, name="ru.txt")
    with pytest.raises(UndecodableText) as err:
        read(bytes(range(256)) * 40, name="x.txt")
    assert "byte-order mark" not in str(err.value)


def test_ingest_docx_keeps_every_cell_of_every_row():
    """A row's cells were de-duplicated by ``id()`` of lxml proxies, which lxml reuses once a proxy
    is freed: the shipped sample lost its fourth column in some runs."""
    from pathlib import Path

    data = (Path(__file__).resolve().parents[2] / "corpora" / "samples" / "alliance_agreement.docx").read_bytes()
    rows = [ln for ln in read(data, name="a.docx").text.splitlines() if ln.startswith(("Party |", "Halvorsen |", "Kestrel |"))]
    assert rows[0] == "Party | Cash funding | Personnel (FTE) | Equipment and facilities"
    assert all(ln.count(" | ") == 3 for ln in rows) and len(rows) == 3


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 100_000 + b"1" + b"}" * 100_000])
def test_json_nested_too_deeply_is_refused_not_read_as_text(body):
    """Before, JSON too deep for the parser fell back to plain text and /v1/minutes answered 200
    with an empty report; a shallow wrong shape was already refused."""
    with pytest.raises(InvalidDocument, match="nested too deeply"):
        read(body, name="turns.json")


def test_ingest_json_transcript_reads_text_or_content_per_turn_and_role_as_speaker():
    """A list mixing "text" and "content" turns crashed /v1/minutes (500, min() of an empty set
    while describing it); chat turns [{"role", "content"}] were all spoken by "Unknown"."""
    mixed = read(json.dumps([{"speaker": "A", "text": "hi"}, {"speaker": "B", "content": "yo"}]).encode(), name="m.json")
    assert mixed.text == "A: hi\nB: yo\n"
    chat = [{"role": "user", "content": "Ship on Friday?"}, {"role": "assistant", "content": "Yes."}]
    assert read(json.dumps(chat).encode(), name="c.json").text == "user: Ship on Friday?\nassistant: Yes.\n"
    # "speaker" wins over "role", "text" over "content"
    both = [{"speaker": "Ana", "role": "user", "text": "Said.", "content": "Other."}]
    assert read(json.dumps(both).encode(), name="b.json").text == "Ana: Said.\n"
    with pytest.raises(InvalidDocument, match="turn 1: 'role' and 'content' must be strings"):
        read(json.dumps([{"role": 3, "content": "x"}]).encode(), name="r.json")


@pytest.mark.parametrize(
    "body",
    [
        {"meeting_transcripts": [{"speaker": "A", "content": "{vocalsound}"}]},
        [{"speaker": "A", "text": "{vocalsound}"}, {"speaker": "B", "text": " {disfmarker} "}],
        [{"speaker": "A", "text": "  "}],
    ],
)
def test_ingest_json_transcript_without_words_is_an_invalid_document(body):
    with pytest.raises(InvalidDocument, match="a transcript of .* with no words to read"):
        read(json.dumps(body).encode(), name="t.json")


@pytest.mark.timeout(8)  # a hang guard: under 1 s now, about 30 s before
def test_pdf_running_lines_stay_linear_with_thousands_of_page_numbers():
    from coaltext.ingest.pdf import _strip_running_lines

    # 4,000 bare numbers, each beside clause lines that come back once (a hostile PDF): the legend
    # check once rebuilt a set of every repeated line at each step (about 30 s); now well under 1 s
    def code(k: int) -> str:
        return "".join(chr(97 + (k // 26**d) % 26) for d in range(4))

    lines = []
    for j in range(4000):
        lines.append(str(j % 999 + 1))
        lines += [f"clause {code(j // 2)} {code(t)} words of text here" for t in range(10)]
    pages = [lines[s : s + 440] for s in range(0, len(lines), 440)]
    _strip_running_lines(pages)


def test_pdf_table_row_numbers_are_no_printed_page_numbers():
    from coaltext.ingest.pdf import _strip_running_lines

    # a work plan: rows "6", "7", "8" … a page's worth of lines apart, each with the same cell text;
    # five on a PDF page are rows, not printed pages (CERES lost 173 of them, with their cell text)
    cell = ["Payment due within thirty (30) days of", "receipt of a correct invoice from Supplier"]
    pages = []
    row = 1
    for p in range(3):
        lines = _body(p, 4)
        for _ in range(5):
            lines += [str(row), *cell, f"Milestone {row}: completion of work package {row}", *_body(p + row, 9)]
            row += 1
        pages.append(lines + _body(p + 7, 4))
    before = [list(page) for page in pages]
    _strip_running_lines(pages)
    assert pages == before


def test_malformed_json_named_json_is_an_invalid_document_with_its_position():
    """Before, '{"parties": {"A": ["x", }' in malformed.json was read as plain text: `align` said
    "no goals found" and `minutes` titled the meeting with the broken JSON (exit 0, text/plain)."""
    with pytest.raises(InvalidDocument, match=r"malformed\.json: not valid JSON \(line 2, column 1"):
        read(b'{"parties": {"A": ["x",\n}', name="malformed.json")
    with pytest.raises(InvalidDocument, match="not valid JSON"):  # sent as JSON under another name
        read(b'[{"speaker": "A", "text": "hi"', name="upload", media_type="application/json")


@pytest.mark.parametrize(
    "body",
    [
        b"JOINT VENTURE AGREEMENT\n\nThis Agreement is made by Acme Inc. and Beta LLC.\n",
        b"[LOGO]\nJOINT VENTURE AGREEMENT\n\nThis Agreement is made by Acme Inc. and Beta LLC.\n",
        b"[*] = Certain confidential information has been omitted.\n\nLICENSE AGREEMENT\n",
    ],
)
def test_text_named_json_is_read_as_text_with_a_warning(body):
    """An agreement saved as .json (even one opening with a bracket, as 9 CUAD texts do) is read
    as the text it is, and the report says the name was wrong."""
    doc = read(body, name="agreement.json")
    assert doc.media_type == "text/plain"
    assert any("not JSON; read as text" in w for w in doc.warnings)


def test_malformed_json_not_named_json_stays_text():
    doc = read(b'{"parties": {"A": ["x", }', name="notes.txt")
    assert doc.media_type == "text/plain" and not doc.warnings


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_json_is_json(enc):
    """A UTF-16 goal list (without a BOM: posted to /v1/alignment) was decoded but reported as
    text/plain, because JSON was sniffed from the bytes as UTF-8 only."""
    body = json.dumps({"parties": {"Acme": ["Expand into Asia"]}}).encode(enc)
    doc = read(body, name="goals.json")
    assert doc.media_type == "application/json"
    assert json.loads(doc.text)["parties"]["Acme"] == ["Expand into Asia"]
    with pytest.raises(InvalidDocument, match="not valid JSON"):
        read('{"parties": {"A": ["x", }'.encode(enc), name="goals.json")


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
def test_json_after_a_long_run_of_whitespace_is_json(enc):
    """A transcript with 70 blank lines before its "[" was read as text/plain, with a false "not
    JSON" warning, and the minutes reader got the raw JSON: only its first 64 bytes were looked at."""
    body = ("\n" * 70 + " " * 30 + json.dumps([{"speaker": "Ana", "text": "We ship on Friday."}])).encode(enc)
    doc = read(body, name="call.json")
    assert doc.media_type == "application/json"
    assert "Ana: We ship on Friday." in doc.text and not any("read as text" in w for w in doc.warnings)
    with pytest.raises(InvalidDocument, match="not valid JSON"):  # and, broken, it is refused as JSON
        read(("\n" * 70 + '[{"speaker": "Ana", "text": ').encode(enc), name="call.json")


def test_whitespace_before_json_is_passed_in_one_pass():
    from coaltext.ingest.sniff import _first_char

    assert _first_char(b" " * 5_000_000 + b"{}", None) == "{"
    assert _first_char((" " * 200_000 + "[").encode("utf-16-le"), "utf-16-le", chunk=4096) == "["
    assert _first_char(b"\xef\xbb\xbf\n\n\xc3\xa9", "utf-8") == "\u00e9" and _first_char(b" \n", None) == ""


def test_undecodable_text_names_the_encodings_read():
    """The message said "UTF-16 (with BOM)" though UTF-16 without one is read too."""
    with pytest.raises(UndecodableText, match=r"not UTF-8, UTF-16, UTF-32 or Windows-1252 text") as err:
        read(b"Agreement \x81\x8d\x8f\x90\x9d between parties. " * 3, name="odd.txt")
    assert "(with BOM)" not in str(err.value)


def test_text_too_long_for_minutes_names_the_minutes_limit():
    """`coaltext minutes big.txt` (20 MB) said "…the limit (a 500-page agreement has about 1.5
    million); split the document": the ingest limit fired first, in an agreement's words."""
    body = b"Ana: We agreed to ship on Friday.\n" * 100  # 3,400 characters
    with pytest.raises(TooLarge, match="500-page agreement"):
        read(body, name="big.txt", limits=Limits(max_chars=1000))
    with pytest.raises(TooLarge) as err:
        read(body, name="big.txt", limits=Limits(max_chars=1000, max_meeting_chars=500, minutes=True))
    said = str(err.value)
    assert said.startswith("big.txt: 3,400 characters are more than coaltext reads of any document (1,000), "
                           "and the minutes reader takes 500: split the transcript or the notes into parts of at most 500")
    # raising the minutes limit cannot lift the cap on any document: it is not suggested
    assert "--max-meeting-chars" not in said and "COALTEXT_MAX_MEETING_CHARS" not in said and "agreement" not in said
    with pytest.raises(TooLarge, match=r"more than coaltext reads of any document \(1,000, whatever"):
        read(body, name="big.txt", limits=Limits(max_chars=1000, max_meeting_chars=None, minutes=True))


def test_text_too_long_is_a_public_error_class_and_minutes_and_align_word_it_for_minutes():
    """The class showed as coaltext.ingest._TextTooLong in a traceback; coaltext.minutes(bytes) and
    coaltext.align spoke of a 500-page agreement: only the CLI and /v1/minutes set the flag."""
    import coaltext
    from coaltext.errors import TextTooLong

    body = b"Ana: We agreed to ship on Friday.\n" * 100
    limits = Limits(max_chars=1000, max_meeting_chars=500)
    for run in (coaltext.minutes, coaltext.align):
        with pytest.raises(TextTooLong, match="more than coaltext reads of any document") as err:
            run(body, name="big.txt", limits=limits)
        assert type(err.value).__module__ == "coaltext.errors" and err.value.chars == 3400
        assert "agreement" not in str(err.value) and err.value.code == "file_too_large"
    with pytest.raises(TextTooLong, match="500-page agreement"):  # a draft is an agreement
        coaltext.align(b"Ana: We agreed.\n", name="m.txt", agreement=body, agreement_name="draft.txt", limits=limits)
