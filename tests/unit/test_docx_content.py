"""DOCX reader: text Word shows that lives outside plain w:p/w:r/w:t (content controls, custom XML,
tracked changes, fields, text boxes, special characters) and list counters shared by list instances.
Each test builds a minimal DOCX in memory."""

from __future__ import annotations

import io
import zipfile

from coaltext.ingest import read

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
