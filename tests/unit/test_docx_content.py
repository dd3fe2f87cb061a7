"""DOCX reader: text Word shows that lives outside plain w:p/w:r/w:t (content controls, custom XML,
tracked changes, fields, text boxes, special characters) and list counters shared by list instances.
Each test builds a minimal DOCX in memory."""

from __future__ import annotations

import io
import zipfile

import pytest

from coaltext.errors import CorruptFile, ParseTimeout, TooLarge
from coaltext.ingest import Limits, read

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _docx(body: str, numbering: str | None = None) -> bytes:
    """A DOCX written with zipfile: ``body`` is the XML inside w:body, ``numbering`` the XML inside
    w:numbering (no numbering part when None)."""
    ct = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        + ('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
           if numbering is not None else "")
        + "</Types>"
    )  # fmt: skip
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    drels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + (f'<Relationship Id="rId1" Type="{_REL}/numbering" Target="numbering.xml"/>' if numbering is not None else "")
        + "</Relationships>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/_rels/document.xml.rels", drels)
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {_NS}><w:body>{body}</w:body></w:document>')
        if numbering is not None:
            z.writestr("word/numbering.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {_NS}>{numbering}</w:numbering>')
    return buf.getvalue()


def _p(text: str, num: str | None = None, ilvl: int = 0) -> str:
    numpr = f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>' if num else ""
    return f"<w:p>{numpr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def _paragraphs(data: bytes) -> list[str]:
    return read(data, name="d.docx").text.split("\n\n")


def test_docx_content_controls_and_custom_xml_are_read():
    """Word templates wrap clauses in content controls; the probe's governing-law clause was lost."""
    body = (
        _p("Recitals.")
        + '<w:sdt><w:sdtPr><w:alias w:val="Governing law"/><w:tag w:val="NOT TEXT"/></w:sdtPr><w:sdtContent>'
        + _p("This Agreement shall be governed by the laws of England and Wales.")
        + "<w:tbl><w:tr><w:tc>" + _p("Fee") + "</w:tc><w:tc>" + _p("EUR 10,000") + "</w:tc></w:tr></w:tbl>"
        + "</w:sdtContent></w:sdt>"
        + '<w:customXml w:element="clause"><w:sdt><w:sdtContent>' + _p("Nested in custom XML and a control.")
        + "</w:sdtContent></w:sdt></w:customXml>"
        + _p("The end.")
    )  # fmt: skip
    assert _paragraphs(_docx(body)) == [
        "Recitals.",
        "This Agreement shall be governed by the laws of England and Wales.",
        "Fee | EUR 10,000",
        "Nested in custom XML and a control.",
        "The end.",
    ]


def test_docx_content_inside_a_paragraph_is_read_once_tracked_deletions_and_field_codes_are_not():
    r = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'.format
    para = (
        "<w:p>" + r("The ")
        + '<w:hyperlink w:anchor="x">' + r("Licensee") + "</w:hyperlink>" + r(" shall ")
        + "<w:sdt><w:sdtPr><w:alias w:val=\"hidden\"/></w:sdtPr><w:sdtContent>" + r("pay") + "</w:sdtContent></w:sdt>"
        + '<w:smartTag w:uri="u" w:element="e">' + r(" the")+ "</w:smartTag>"
        + '<w:ins w:id="1" w:author="A">' + r(" royalty") + "</w:ins>"
        + '<w:del w:id="2" w:author="A"><w:r><w:delText> fee</w:delText></w:r></w:del>'
        + '<w:moveFrom w:id="3" w:author="A">' + r(" quarterly") + "</w:moveFrom>"
        + r(" set out in ")
        + '<w:fldSimple w:instr=" REF Schedule1 \\h ">' + r("Schedule 1") + "</w:fldSimple>"
        + r(" and ")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref123 \\r \\h </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("Clause 4.2") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + '<w:moveTo w:id="4" w:author="A">' + r(" quarterly") + "</w:moveTo>"
        + r(".") + "</w:p>"
    )  # fmt: skip
    assert _paragraphs(_docx(para)) == ["The Licensee shall pay the royalty set out in Schedule 1 and Clause 4.2 quarterly."]


def test_docx_paragraph_deleted_with_tracked_changes_is_not_read_or_counted():
    numbering = (
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    deleted = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:del w:id="9" w:author="A"/></w:rPr></w:pPr>'
        '<w:del w:id="8" w:author="A"><w:r><w:delText>A deleted clause.</w:delText></w:r></w:del></w:p>'
    )
    body = _p("First clause.", "1") + deleted + _p("Second clause.", "1")
    assert _paragraphs(_docx(body, numbering)) == ["1. First clause.", "2. Second clause."]


def test_docx_word_hyphens_and_symbols():
    """Word's non-breaking hyphen (Ctrl+Shift+-) is a '-' on the page; a soft hyphen shows nothing in
    running text; a w:sym is read where it is a plain character, a symbol font's glyph is left out."""
    para = (
        '<w:p><w:r><w:t>the non</w:t><w:noBreakHyphen/><w:t>compete and co</w:t><w:noBreakHyphen/><w:t>exclusive '
        'indem</w:t><w:softHyphen/><w:t>nity under </w:t><w:sym w:font="Times New Roman" w:char="00A7"/>'
        '<w:t> 4</w:t><w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="X" w:char="zz"/><w:sym w:font="X" w:char="110000"/>'
        '<w:sym w:font="X"/><w:sym w:font="X" w:char="0007"/><w:sym w:font="X" w:char="00AD"/><w:t>.</w:t><w:sym w:font="X" w:char="00A0"/><w:t>End.</w:t></w:r></w:p>'
    )
    assert _paragraphs(_docx(para)) == ["the non-compete and co-exclusive indemnity under § 4. End."]


def test_docx_text_box_is_read_once_as_its_own_paragraph():
    """A cover-page title in a text box: Word writes it twice (DrawingML in mc:Choice, VML in
    mc:Fallback); it was read twice and glued to the text of the paragraph that anchors it."""
    box = "<w:txbxContent>" + _p("COLLABORATION AGREEMENT") + _p("between Alpha and Beta") + "</w:txbxContent>"
    para = (
        '<w:p><w:r><w:t xml:space="preserve">Cover page </w:t></w:r><w:r><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
        + box + "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        + '<mc:Fallback><w:pict><v:shape><v:textbox>' + box + "</v:textbox></v:shape></w:pict></mc:Fallback>"
        + "</mc:AlternateContent></w:r><w:r><w:t>text.</w:t></w:r></w:p>"
    )  # fmt: skip
    assert _paragraphs(_docx(para + _p("Clause 1."))) == [
        "Cover page text.",
        "COLLABORATION AGREEMENT",
        "between Alpha and Beta",
        "Clause 1.",
    ]
    cell = "<w:tbl><w:tr><w:tc>" + para + "</w:tc></w:tr></w:tbl>"  # in a table cell: part of the cell
    assert _paragraphs(_docx(cell)) == ["Cover page text. COLLABORATION AGREEMENT between Alpha and Beta"]


_TWO_LEVELS = (
    '<w:abstractNum w:abstractNumId="7">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
    "</w:abstractNum>"
)


def test_docx_list_instances_of_one_abstract_list_count_on():
    """ECMA-376 Part 1, 17.9: list instances (w:num) of one w:abstractNum share its level counters;
    a w:lvlOverride/w:startOverride restarts its level at that value when the instance is first used.
    coaltext restarted at every w:num (the probe's "3." and "4." read "1." and "2.")."""
    numbering = (
        _TWO_LEVELS
        + '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
        + '<w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>'
        + '<w:num w:numId="3"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    )  # fmt: skip
    body = (
        _p("a", "1") + _p("b", "1") + _p("c", "2") + _p("c1", "2", 1) + _p("c2", "2", 1)
        + _p("d", "1") + _p("d1", "1", 1)  # a higher level advancing restarts the lower one
        + _p("e", "3") + _p("f", "3") + _p("g", "2")
    )  # fmt: skip
    labels = [b.label for b in read(_docx(body, numbering), name="n.docx").blocks]
    assert labels == ["1.", "2.", "3.", "(a)", "(b)", "4.", "(a)", "5.", "6.", "7."]
    # an override on a lower level is that level's start in its instance, also after a higher level advances
    numbering = _TWO_LEVELS + ('<w:num w:numId="1"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="1">'
                               '<w:startOverride w:val="3"/></w:lvlOverride></w:num>')
    body = _p("a", "1") + _p("a1", "1", 1) + _p("a2", "1", 1) + _p("b", "1") + _p("b1", "1", 1)
    assert [b.label for b in read(_docx(body, numbering), name="o.docx").blocks] == ["1.", "(c)", "(d)", "2.", "(c)"]


@pytest.mark.parametrize("depth", [50, 5000])
def test_docx_deeply_nested_wrappers_never_crash(depth):
    body = "<w:customXml><w:sdt><w:sdtContent>" * depth + _p("Deep.") + "</w:sdtContent></w:sdt></w:customXml>" * depth
    try:
        assert read(_docx(body), name="deep.docx").text == "Deep."
    except CorruptFile:  # past the XML parser's depth limit
        assert depth > 100


def test_docx_text_inside_content_controls_keeps_the_caps():
    body = "<w:sdt><w:sdtContent>" + _p("x" * 300) * 10 + "</w:sdtContent></w:sdt>"
    with pytest.raises(TooLarge, match="characters"):
        read(_docx(body), name="long.docx", limits=Limits(max_chars=1000))
    with pytest.raises(ParseTimeout):
        read(_docx(body), name="slow.docx", limits=Limits(timeout_s=1e-9))


def _tc(text: str, props: str = "") -> str:
    pr = f"<w:tcPr>{props}</w:tcPr>" if props else ""
    return f"<w:tc>{pr}{_p(text) if text else '<w:p/>'}</w:tc>"


def _table(*rows: str) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"


def test_docx_table_cells_keep_their_columns():
    """A facilitator's Word action table: an empty Owner cell, and an owner merged down over two
    rows (w:vMerge), moved every later cell one column left (the task read as the owner, the due
    date lost). Cells now keep their grid columns: empty cells stay, a merged cell's short text is
    read in each row it spans, a cell over two columns (w:gridSpan) is followed by an empty one,
    skipped columns (w:gridBefore) read as empty, empty cells at the end of a row are left out."""
    body = _table(
        _tc("Owner") + _tc("Action") + _tc("Due"),
        _tc("") + _tc("Install the tool") + _tc("next week"),
        _tc("Ana Ruiz", '<w:vMerge w:val="restart"/>') + _tc("Book the room") + _tc("Friday"),
        _tc("", "<w:vMerge/>") + _tc("Send the slides") + _tc("Monday"),
        _tc("Summary", '<w:gridSpan w:val="2"/>') + _tc("done"),
        '<w:trPr><w:gridBefore w:val="1"/></w:trPr>' + _tc("Late") + _tc(""),
        _tc("") + _tc(""),  # an empty row is no line
    )
    assert read(_docx(body), name="t.docx").text.split("\n") == [
        "Owner | Action | Due",
        "| Install the tool | next week",
        "Ana Ruiz | Book the room | Friday",
        "Ana Ruiz | Send the slides | Monday",
        "Summary |  | done",
        "| Late",
    ]


def test_docx_a_long_merged_cell_is_read_once_and_nested_cells_once():
    long = "This paragraph of a clause is merged down the rows and is read in its first row only."
    inner = _table(_tc("in1") + _tc("in2"))
    body = _table(
        _tc(long, '<w:vMerge w:val="restart"/>') + _tc("Fee"),
        _tc("", '<w:vMerge w:val="continue"/>') + _tc("Term"),
        "<w:tc>" + _p("outer") + inner + "</w:tc>" + _tc("right"),
    )
    assert read(_docx(body), name="t.docx").text.split("\n") == [
        f"{long} | Fee",
        "| Term",
        "outer in1 in2 | right",  # the nested table's cells are not repeated as cells of the outer row
        "in1 | in2",
    ]


def test_docx_page_headers_are_kept_apart_from_the_text():
    """A date only in the Word page header: the minutes had no meeting date. Headers and footers
    are kept as ``page_headers``, out of the text (a running header is no clause)."""
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "ELITR call — Thursday 6 February 2020"
    d.sections[0].footer.paragraphs[0].text = "internal – page 1"
    d.add_paragraph("Body.")
    buf = io.BytesIO()
    d.save(buf)
    got = read(buf.getvalue(), name="h.docx")
    assert got.text == "Body."
    assert got.page_headers == ["ELITR call — Thursday 6 February 2020", "internal – page 1"]
    assert read(_docx(_p("No header.")), name="n.docx").page_headers == []


def test_docx_a_row_of_wide_cells_adds_no_empty_cells_past_the_grid():
    """A row of many cells each spanning 64 columns (w:gridSpan) added 63 empty cells per cell:
    300k cells grew to 548 MB and failed as too large. The empty cells of a span stop at the
    row's last grid column, so such a row reads as its cells."""
    wide = '<w:gridSpan w:val="64"/>'
    row = "".join(_tc(f"c{i}", wide) for i in range(200))
    got = read(_docx(_table(row)), name="t.docx").text.split("\n")
    assert got[0].startswith("c0 | " + " | ".join([""] * 63) + " | c1 | c2")
    assert got[0].count(" | ") == 63 + 199
    # a span inside the grid is still followed by its empty cells
    assert read(_docx(_table(_tc("a", '<w:gridSpan w:val="3"/>') + _tc("b"))), name="t.docx").text == "a |  |  | b"
