"""Build the project's sample documents in ``corpora/samples/`` deterministically.

Hand-written sources (the canonical text, edited by people):

- ``alliance_agreement.txt``      three-party joint development alliance agreement
- ``nda.txt``                     short mutual NDA
- ``steering_committee_minutes.md``
- ``partner_call_transcript.txt`` ``Name: utterance``, one turn per line
- ``partner_goals.yaml``          ``{"parties": {"Name": ["goal", ...]}}``

Derived here from those sources (never edit them by hand):

- ``alliance_agreement.docx``  Word AUTOMATIC multilevel numbering (numbering.xml + w:numPr);
  the numbers are not typed in the paragraph text, headings use Heading styles, Schedule A is a table
- ``alliance_agreement.pdf``   Letter, running header and "Page N of M" footer, justified text with
  end-of-line hyphenation done here (so the PDF holds real "collab-" / "oration" line splits)
- ``steering_committee_minutes.docx``  headings as Word headings, bullets as Word lists
- ``partner_call_transcript.json``     the transcript turns as ``[{"speaker", "text"}]``

Every source is validated (agreement numbering is sequential and consistent, every transcript line
is a turn, the goals file has the documented shape). Outputs carry fixed dates and zip timestamps, so
a rebuild is byte-identical.

    .venv/bin/python corpora/make_samples.py            # rebuild corpora/samples/
    .venv/bin/python corpora/make_samples.py --out DIR  # build into DIR (sources are copied there)
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "samples"

SOURCES = (
    "alliance_agreement.txt",
    "nda.txt",
    "steering_committee_minutes.md",
    "partner_call_transcript.txt",
    "partner_goals.yaml",
    "README.md",
)
FIXED_DATE = datetime(2027, 3, 2, 9, 0, 0, tzinfo=timezone.utc)
ZIP_DATE = (2027, 3, 2, 9, 0, 0)

# Word numbering levels used by the agreement: (ilvl, numFmt, lvlText, indent twips, hanging twips)
NUM_ID = 90
ABSTRACT_NUM_ID = 90
LEVELS = (
    (0, "upperRoman", "ARTICLE %1", 0, 0),
    (1, "decimal", "%1.%2", 0, 0),
    (2, "lowerLetter", "(%3)", 1080, 540),
    (3, "lowerRoman", "(%4)", 1800, 540),
)


class SampleError(ValueError):
    """A hand-written source breaks the rules this generator relies on."""


# --------------------------------------------------------------------------- agreement model


@dataclass
class Block:
    """One paragraph-level unit of the agreement source.

    ``kind``: title, subtitle, heading, para, article, section, item (a), subitem (i), sigparty,
    signature, schedule, table. ``label`` is the typed number ("ARTICLE IV", "4.2", "(b)", "(ii)");
    ``ilvl`` the Word list level for numbered kinds; ``text`` is the text WITHOUT the typed label.
    """

    kind: str
    text: str
    label: str | None = None
    ilvl: int | None = None
    heading: str | None = None
    lines: list[str] = field(default_factory=list)


def roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def letter(n: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[n - 1]


RE_ARTICLE = re.compile(r"^ARTICLE ([IVXLC]+)$")
RE_SCHEDULE = re.compile(r"^(SCHEDULE|EXHIBIT) ([A-Z])$")
RE_SECTION = re.compile(r"^(\d+)\.(\d+) (.+)$")
RE_ITEM = re.compile(r"^    \(([a-z])\) (.+)$")
RE_SUBITEM = re.compile(r"^        \(([ivx]+)\) (.+)$")
RE_INLINE_HEADING = re.compile(r"^([A-Z][A-Za-z' ,\-]{1,60}?)\. (.+)$")


def parse_agreement(text: str) -> list[Block]:
    """Split the canonical agreement text into blocks and check that its numbering is sequential."""
    if "\r" in text or "\t" in text:
        raise SampleError("agreement source must use LF line ends and no tabs")
    chunks = [c for c in text.strip("\n").split("\n\n")]
    blocks: list[Block] = []
    art = sec = item = sub = 0
    in_signature = False
    for i, chunk in enumerate(chunks):
        lines = chunk.split("\n")
        first = lines[0]
        if i == 0:
            blocks.append(Block("title", first))
            continue
        if i == 1:
            blocks.append(Block("subtitle", first))
            continue
        if m := RE_ARTICLE.match(first):
            art, sec = art + 1, 0
            if m.group(1) != roman(art) or len(lines) != 2:
                raise SampleError(f"expected 'ARTICLE {roman(art)}' + heading line, got {chunk!r}")
            blocks.append(Block("article", "\n" + lines[1], label=first, ilvl=0, heading=lines[1]))
            in_signature = False
            continue
        if m := RE_SCHEDULE.match(first):
            if len(lines) != 2:
                raise SampleError(f"schedule needs a name line: {chunk!r}")
            blocks.append(Block("schedule", chunk, label=first, heading=lines[1]))
            in_signature = False
            continue
        if len(lines) > 1:
            if all(ln.startswith("|") for ln in lines):
                blocks.append(Block("table", chunk, lines=lines))
            elif lines[0].startswith("By:"):
                blocks.append(Block("signature", chunk, lines=lines))
            else:
                raise SampleError(f"unexpected multi-line paragraph: {chunk[:80]!r}")
            continue
        if m := RE_SECTION.match(first):
            sec, item = sec + 1, 0
            if (int(m.group(1)), int(m.group(2))) != (art, sec):
                raise SampleError(f"expected section {art}.{sec}, got {first[:40]!r}")
            body = m.group(3)
            h = RE_INLINE_HEADING.match(body)
            blocks.append(Block("section", body, label=f"{art}.{sec}", ilvl=1,
                                heading=h.group(1) if h else None))
            continue
        if m := RE_ITEM.match(first):
            item, sub = item + 1, 0
            if m.group(1) != letter(item):
                raise SampleError(f"expected ({letter(item)}), got {first[:40]!r}")
            blocks.append(Block("item", m.group(2), label=f"({m.group(1)})", ilvl=2))
            continue
        if m := RE_SUBITEM.match(first):
            sub += 1
            if m.group(1) != roman(sub).lower():
                raise SampleError(f"expected ({roman(sub).lower()}), got {first[:40]!r}")
            blocks.append(Block("subitem", m.group(2), label=f"({m.group(1)})", ilvl=3))
            continue
        if first.startswith(" "):
            raise SampleError(f"indented line is not a list item: {first[:60]!r}")
        if first.startswith("IN WITNESS WHEREOF"):
            in_signature = True
        if first == "RECITALS":
            blocks.append(Block("heading", first))
        elif in_signature and first.isupper():
            blocks.append(Block("sigparty", first))
        else:
            blocks.append(Block("para", first))
    if any("  " in b.text.strip() for b in blocks if b.kind not in ("table", "signature")):
        raise SampleError("two spaces inside a paragraph")
    return blocks


def block_source_text(b: Block) -> str:
    """The block as typed in the TXT (number included), one logical paragraph."""
    if b.kind == "article":
        return f"{b.label}\n{b.heading}"
    if b.kind in ("section", "item", "subitem"):
        return f"{b.label} {b.text}"
    return b.text


# --------------------------------------------------------------------------- DOCX

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbering_xml() -> tuple[str, str]:
    lvls = []
    for ilvl, fmt, text, left, hanging in LEVELS:
        jc = "center" if ilvl == 0 else "left"
        suff = '<w:suff w:val="nothing"/>' if ilvl == 0 else ""
        is_lgl = "<w:isLgl/>" if ilvl == 1 else ""
        ind = f'<w:ind w:left="{left}" w:hanging="{hanging}"/>' if hanging else '<w:ind w:left="0" w:firstLine="0"/>'
        lvls.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{is_lgl}{suff}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="{jc}"/><w:pPr>{ind}</w:pPr></w:lvl>'
        )
    abstract = (
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{ABSTRACT_NUM_ID}">'
        f'<w:multiLevelType w:val="multilevel"/><w:name w:val="Helix Agreement Numbering"/>'
        + "".join(lvls) + "</w:abstractNum>"
    )
    num = f'<w:num xmlns:w="{W_NS}" w:numId="{NUM_ID}"><w:abstractNumId w:val="{ABSTRACT_NUM_ID}"/></w:num>'
    return abstract, num


def _install_numbering(document) -> None:
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    abstract_xml, num_xml = _numbering_xml()
    abstract = parse_xml(abstract_xml)
    first_num = numbering.find(f"{{{W_NS}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)  # schema order: every abstractNum before every num
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(num_xml))


def _set_num(paragraph, num_id: int, ilvl: int) -> None:
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    numpr = parse_xml(
        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )
    # numPr follows pStyle/keepNext/keepLines/pageBreakBefore/framePr/widowControl in CT_PPr
    anchor = ppr.find(f"{{{W_NS}}}pStyle")
    if anchor is not None:
        anchor.addnext(numpr)
    else:
        ppr.insert(0, numpr)


def _fix_core(document, title: str) -> None:
    cp = document.core_properties
    cp.author = "coaltext samples"
    cp.last_modified_by = "coaltext samples"
    cp.title = title
    cp.created = FIXED_DATE.replace(tzinfo=None)
    cp.modified = FIXED_DATE.replace(tzinfo=None)
    cp.revision = 1


def _save_docx(document, path: Path) -> None:
    """Save with fixed zip timestamps so the bytes do not depend on the clock."""
    buf = io.BytesIO()
    document.save(buf)
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    path.write_bytes(out.getvalue())


def build_agreement_docx(blocks: list[Block], path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    d = docx.Document()
    _fix_core(d, "Joint Development and Alliance Agreement")
    _install_numbering(d)
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)

    for b in blocks:
        if b.kind == "title":
            d.add_paragraph(b.text, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.kind == "subtitle":
            d.add_paragraph(b.text, style="Subtitle").alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.kind == "heading":
            d.add_paragraph(b.text, style="Heading 1").alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.kind == "article":
            # the number "ARTICLE IV" comes from numbering.xml (suffix: nothing); the heading text
            # follows on a new line inside the same Heading 1 paragraph
            p = d.add_paragraph(style="Heading 1")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_num(p, NUM_ID, 0)
            run = p.add_run()
            run.add_break(WD_BREAK.LINE)
            run.add_text(b.heading)
        elif b.kind in ("section", "item", "subitem"):
            p = d.add_paragraph(style="Normal")
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _set_num(p, NUM_ID, b.ilvl)
            if b.kind == "section" and b.heading:
                p.add_run(b.heading + ".").bold = True
                p.add_run(b.text[len(b.heading) + 1:])
            else:
                p.add_run(b.text)
        elif b.kind == "schedule":
            p = d.add_paragraph(style="Heading 1")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.page_break_before = True
            run = p.add_run(b.label)
            run.add_break(WD_BREAK.LINE)
            run.add_text(b.heading)
        elif b.kind == "table":
            rows = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in b.lines]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    t.cell(r, c).text = cell_text
                    if r == 0:
                        for run in t.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        elif b.kind == "sigparty":
            p = d.add_paragraph()
            p.add_run(b.text).bold = True
        elif b.kind == "signature":
            for ln in b.lines:
                p = d.add_paragraph(ln)
                p.paragraph_format.space_after = Pt(0)
            d.add_paragraph()
        else:  # para
            p = d.add_paragraph(b.text)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _save_docx(d, path)


# --------------------------------------------------------------------------- PDF

# Hyphenation points for long words, written the way a dictionary prints them. The PDF line breaker
# splits a word only at these points, like a typesetter with a hyphenation dictionary would.
HYPHENATION = """
ac-knowl-edge-ment ac-quir-ing ac-qui-si-tion ad-di-tion-al ad-min-is-tered ad-van-tage af-fil-i-ate
af-fil-i-ates ag-gre-gate ag-gre-gat-ed agree-ment agree-ments al-lo-ca-tion al-lo-cat-ed al-li-ance
ap-pli-ca-ble ap-pli-ca-tions ap-point-ment ap-pro-pri-ate-ly ap-proved ar-bi-tra-tion ar-bi-tra-tors
ar-range-ments as-sign-ment au-tho-rised au-tho-ri-ty avail-able bank-rupt-cy busi-ness
cal-cu-lat-ed cal-en-dar cap-i-talised clear-ance col-lab-o-ra-tion com-mence-ment com-mer-cial
com-mit-ted com-mit-tee com-pe-tent com-pet-i-tive-ly com-pli-ance con-di-tions con-fi-den-tial
con-fi-den-ti-al-i-ty con-se-quen-tial con-sid-er-a-tion con-sti-tutes con-tin-ue con-tract-ors
con-trib-ute con-tri-bu-tion con-tri-bu-tions con-tro-ver-sy con-ser-va-to-ry co-op-er-ate
cor-po-ra-tion de-ter-mine de-ter-mined de-ter-mines de-vel-oped de-vel-op-ment dis-clo-sure
dis-clos-ing dis-crep-an-cy elec-tro-chem-i-cal elec-tro-lyte elec-tro-lytes em-ploy-ees
em-ploy-ment en-force-able en-force-ment equip-ment es-tab-lished ex-clu-sive ex-clu-siv-i-ty
ex-e-cu-tion ex-ploi-ta-tion fa-cil-i-ties fi-nan-cial for-eign fore-ground fun-da-men-tal
gov-ern-ance gov-ern-men-tal im-me-di-ate im-ple-ment in-cor-po-rat-ing in-dem-ni-fi-ca-tion
in-dem-ni-fied in-dem-ni-fy-ing in-de-pen-dent in-de-pen-dent-ly in-di-rect-ly in-dus-tri-al
in-for-ma-tion in-fringe-ment in-stal-ments in-sti-tute in-tel-lec-tu-al in-ter-na-tion-al
in-ter-pre-ta-tion in-ven-tion in-ven-tions li-cence li-cences li-cen-see li-cens-ing
lim-i-ta-tion lim-it-ed main-te-nance man-age-ment man-u-fac-ture man-u-fac-tur-ing
mem-ber-ship mer-chant-abil-i-ty mile-stone mile-stones mod-i-fi-ca-tion ne-go-ti-a-tion
non-con-trac-tu-al no-ti-fi-ca-tion no-ti-fy ob-li-ga-tions oth-er-wise par-tic-i-pa-tion
par-tic-u-lar part-ner-ship per-form-ance pe-ri-od pro-ceed-ings pro-gramme pro-pos-als
prop-er-ty pro-pri-e-tary pro-tec-tion pro-to-col pro-vid-ed pro-vi-sion pro-vi-sions pur-port-ed
re-al-lo-cate rea-son-able rea-son-ably re-ceiv-ing re-ceiv-es re-lat-ing re-mu-ner-a-tion
re-new-al rep-re-sen-ta-tions rep-re-sen-ta-tive rep-re-sen-ta-tives re-quire-ment re-search
re-spon-si-bil-i-ty re-stric-tions roy-al-ties roy-al-ty sched-ules se-cu-ri-ties set-tle-ment
sig-na-tures so-lic-it sol-id-state sub-li-cence sub-li-cences sub-li-cens-ees sub-stan-tive
sub-stan-tial-ly suc-ces-sive suf-fi-cien-cy tech-nol-o-gy ter-mi-nat-ed ter-mi-na-tion
trans-ac-tion trans-ac-tions un-der-stand-ings un-en-force-able un-rea-son-ably ver-i-fi-ca-tion
with-hold-ing
"""


def _hyphenation_table() -> dict[str, list[int]]:
    table: dict[str, list[int]] = {}
    for pattern in HYPHENATION.split():
        word = pattern.replace("-", "")
        cuts, pos = [], 0
        for part in pattern.split("-")[:-1]:
            pos += len(part)
            cuts.append(pos)
        table[word] = cuts
    return table


HYPHENS = _hyphenation_table()
RE_WORD_CORE = re.compile(r"^([(\"']*)([A-Za-z]+)([^A-Za-z]*)$")


def hyphenation_points(word: str) -> list[int]:
    """Offsets into ``word`` where it may be split with a hyphen (never inside punctuation)."""
    m = RE_WORD_CORE.match(word)
    if not m:
        return []
    lead, core = m.group(1), m.group(2)
    cuts = HYPHENS.get(core.lower(), [])
    return [len(lead) + c for c in cuts if 2 <= c <= len(core) - 3]


def break_lines(words: list[str], width: float, measure) -> list[tuple[str, bool]]:
    """Greedy line breaking with dictionary hyphenation. Returns (line, is_last_of_paragraph)."""
    lines: list[str] = []
    cur: list[str] = []
    space = measure(" ")
    i = 0
    words = list(words)
    while i < len(words):
        w = words[i]
        trial = (" ".join(cur + [w]))
        if measure(trial) <= width or not cur:
            cur.append(w)
            i += 1
            continue
        # the word does not fit: split it at the longest hyphenation point that still fits
        used = measure(" ".join(cur)) + space
        for cut in reversed(hyphenation_points(w)):
            head = w[:cut] + "-"
            if used + measure(head) <= width:
                cur.append(head)
                words[i] = w[cut:]
                break
        lines.append(" ".join(cur))
        cur = []
    if cur:
        lines.append(" ".join(cur))
    return [(ln, k == len(lines) - 1) for k, ln in enumerate(lines)]


def build_agreement_pdf(blocks: list[Block], path: Path) -> int:
    from fpdf import FPDF

    class AgreementPDF(FPDF):
        def header(self) -> None:
            self._out("0 Tw")
            self.set_font("Helvetica", size=8)
            self.set_xy(self.l_margin, 36)
            self.cell(0, 10, "Confidential - Execution Draft", align="L")
            self.set_xy(self.l_margin, 36)
            self.cell(0, 10, "Helix Alliance Agreement", align="R")
            self.line(self.l_margin, 49, self.w - self.r_margin, 49)
            self.set_xy(self.l_margin, self.t_margin)

        def footer(self) -> None:
            self._out("0 Tw")
            self.set_font("Helvetica", size=8)
            self.set_xy(self.l_margin, self.h - 48)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = AgreementPDF(format="letter", unit="pt")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title("Joint Development and Alliance Agreement")
    pdf.set_author("coaltext samples")
    pdf.set_creator("corpora/make_samples.py")
    pdf.set_margins(72, 72, 72)
    pdf.set_auto_page_break(True, margin=72)
    pdf.alias_nb_pages()
    pdf.add_page()
    body_size, lh = 11, 13.5
    right = pdf.w - pdf.r_margin

    def ensure(space: float) -> None:
        if pdf.get_y() + space > pdf.page_break_trigger:
            pdf.add_page()

    def paragraph(text: str, indent: float = 0.0, align: str = "J", gap: float = 6.0) -> None:
        pdf.set_font("Times", size=body_size)
        width = right - pdf.l_margin - indent
        measure = pdf.get_string_width
        for line, last in break_lines(text.split(" "), width, measure):
            ensure(lh)
            pdf.set_x(pdf.l_margin + indent)
            n_spaces = line.count(" ")
            if align == "J" and not last and n_spaces:
                ws = (width - measure(line)) / n_spaces
                pdf._out(f"{ws:.3f} Tw")
                pdf.cell(width, lh, line, align="L", new_x="LMARGIN", new_y="NEXT")
                pdf._out("0 Tw")
            else:
                pdf.cell(width, lh, line, align=align if align != "J" else "L",
                         new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(pdf.get_y() + gap)

    indent = {"item": 36.0, "subitem": 72.0}
    for b in blocks:
        if b.kind == "title":
            pdf.set_y(110)
            pdf.set_font("Times", "B", 16)
            pdf.cell(0, 22, b.text, align="C", new_x="LMARGIN", new_y="NEXT")
        elif b.kind == "subtitle":
            pdf.set_font("Times", "I", 12)
            pdf.cell(0, 18, b.text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_y(pdf.get_y() + 18)
        elif b.kind in ("article", "heading", "schedule"):
            if b.kind == "schedule":
                pdf.add_page()
            ensure(5 * lh)
            pdf.set_y(pdf.get_y() + 6)
            pdf.set_font("Times", "B", 11)
            head = block_source_text(b) if b.kind != "heading" else b.text
            for ln in head.split("\n"):
                pdf.cell(0, lh, ln, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_y(pdf.get_y() + 6)
        elif b.kind in ("section", "item", "subitem"):
            paragraph(block_source_text(b), indent=indent.get(b.kind, 0.0))
        elif b.kind == "sigparty":
            ensure(6 * lh)
            pdf.set_font("Times", "B", body_size)
            pdf.cell(0, lh, b.text, new_x="LMARGIN", new_y="NEXT")
            pdf.set_y(pdf.get_y() + 6)
        elif b.kind == "signature":
            ensure(len(b.lines) * lh)
            pdf.set_font("Times", size=body_size)
            for ln in b.lines:
                pdf.cell(0, lh, ln, new_x="LMARGIN", new_y="NEXT")
            pdf.set_y(pdf.get_y() + 10)
        elif b.kind == "table":
            rows = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in b.lines]
            pdf.set_font("Times", size=10)
            with pdf.table(col_widths=(18, 22, 16, 44), text_align="LEFT", line_height=13) as table:
                for row in rows:
                    r = table.row()
                    for cell_text in row:
                        r.cell(cell_text)
            pdf.set_y(pdf.get_y() + 8)
        else:
            paragraph(b.text)
    path.write_bytes(bytes(pdf.output()))
    return pdf.page_no()


# --------------------------------------------------------------------------- minutes DOCX

RE_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _add_md_runs(paragraph, text: str) -> None:
    pos = 0
    for m in RE_BOLD.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos:m.start()])
        paragraph.add_run(m.group(1)).bold = True
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def build_minutes_docx(markdown: str, path: Path) -> None:
    """The Markdown minutes as Word: # → Title, ## → Heading 1, ### → Heading 2, "- " → a bulleted
    Word list (List Bullet + w:numPr), "1. " → a numbered Word list; **bold** kept as bold runs."""
    import docx

    d = docx.Document()
    _fix_core(d, "Steering Committee Minutes")
    bullet_num = int(d.styles["List Bullet"].element.pPr.numPr.numId.val)
    number_num = int(d.styles["List Number"].element.pPr.numPr.numId.val)
    for line in markdown.split("\n"):
        if not line.strip():
            continue
        if line.startswith("# "):
            d.add_paragraph(line[2:], style="Title")
        elif line.startswith("## "):
            d.add_heading(line[3:], level=1)
        elif line.startswith("### "):
            d.add_heading(line[4:], level=2)
        elif line.startswith("- "):
            p = d.add_paragraph(style="List Bullet")
            _set_num(p, bullet_num, 0)
            _add_md_runs(p, line[2:])
        elif m := re.match(r"^\d+\. (.+)$", line):
            p = d.add_paragraph(style="List Number")
            _set_num(p, number_num, 0)
            _add_md_runs(p, m.group(1))
        else:
            _add_md_runs(d.add_paragraph(), line)
    _save_docx(d, path)


# --------------------------------------------------------------------------- transcript, goals

RE_TURN = re.compile(r"^([A-Z][A-Za-z.'\- ]{1,40}): (\S.*)$")


def parse_transcript(text: str) -> list[dict[str, str]]:
    turns = []
    for n, line in enumerate(text.rstrip("\n").split("\n"), 1):
        m = RE_TURN.match(line)
        if not m:
            raise SampleError(f"transcript line {n} is not 'Name: utterance': {line[:60]!r}")
        turns.append({"speaker": m.group(1), "text": m.group(2)})
    return turns


def check_goals(text: str) -> dict:
    import yaml

    data = yaml.safe_load(text)
    parties = data.get("parties") if isinstance(data, dict) else None
    if not isinstance(parties, dict) or len(parties) < 3:
        raise SampleError("partner_goals.yaml must be {parties: {Name: [goal, ...]}} with 3 parties")
    for name, goals in parties.items():
        if not goals or not all(isinstance(g, str) and g.strip() for g in goals):
            raise SampleError(f"party {name!r} needs a non-empty list of goal strings")
    return data


# --------------------------------------------------------------------------- main


def build(out: Path, src: Path = SAMPLES) -> dict[str, Path]:
    """Validate the sources in ``src`` and write every sample into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name in SOURCES:
        if out.resolve() != src.resolve():
            shutil.copyfile(src / name, out / name)
        written[name] = out / name

    agreement = (src / "alliance_agreement.txt").read_text(encoding="utf-8")
    agreement.encode("latin-1")  # the PDF uses a core font
    blocks = parse_agreement(agreement)
    build_agreement_docx(blocks, out / "alliance_agreement.docx")
    written["alliance_agreement.docx"] = out / "alliance_agreement.docx"
    pages = build_agreement_pdf(blocks, out / "alliance_agreement.pdf")
    if pages < 10:
        raise SampleError(f"the agreement PDF has {pages} pages; at least 10 expected")
    written["alliance_agreement.pdf"] = out / "alliance_agreement.pdf"

    minutes = (src / "steering_committee_minutes.md").read_text(encoding="utf-8")
    build_minutes_docx(minutes, out / "steering_committee_minutes.docx")
    written["steering_committee_minutes.docx"] = out / "steering_committee_minutes.docx"

    turns = parse_transcript((src / "partner_call_transcript.txt").read_text(encoding="utf-8"))
    js = json.dumps(turns, indent=2, ensure_ascii=False) + "\n"
    (out / "partner_call_transcript.json").write_text(js, encoding="utf-8")
    written["partner_call_transcript.json"] = out / "partner_call_transcript.json"

    check_goals((src / "partner_goals.yaml").read_text(encoding="utf-8"))
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=SAMPLES, help="output folder (default: corpora/samples)")
    args = ap.parse_args(argv)
    try:
        written = build(args.out)
    except SampleError as exc:
        print(f"make_samples: {exc}", file=sys.stderr)
        return 1
    for name, p in sorted(written.items()):
        print(f"{p.stat().st_size:>9,d}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
