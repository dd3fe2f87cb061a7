"""DOCX → Document with python-docx, including the list numbering Word generates.

Word does not store "3.2(b)" in the paragraph: it stores a reference (``w:numPr``: numId + level)
into ``numbering.xml`` and renders the label when it draws the page. A reader that ignores that
file loses every clause number, so this module renders the labels the way Word does (counters per
abstract list, shared by its list instances, lower levels restarting, ``%1.%2`` templates,
roman/letter formats, legal-style numbering) and puts them into the document text, where the reader
sees them.
"""

from __future__ import annotations

import io
import re
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field

from ..errors import CorruptFile, ParseTimeout, TooLarge
from ..types import Block, Document
from .sniff import DOCX

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_UNZIPPED = 256 * 1024 * 1024
# One XML part (word/document.xml, a header, styles.xml …) is parsed whole by python-docx before any
# deadline can be checked, so its size bounds that parse. The samples' document.xml holds 1.8-2.9
# bytes of XML per character of text; Word files heavy with formatting run to an estimated 10-20, so
# a 500-page agreement (~1.5 M characters) needs ~3-30 MiB. At 32 MiB the worst case measured (31 MiB
# of empty paragraphs, the most elements per byte) parses in ~1 s at ~750 MB RSS, and the reading
# loop then stops at the deadline; 200 MiB of XML under the old 256 MiB cap took 2.2 GB and 22 s.
_MAX_XML_PART = 32 * 1024 * 1024
# Word numbers list items from 0 to 32,767 and nests 9 levels (0-8); coaltext takes starts and
# counters up to 10,000 (longer lists are not agreements) and treats anything else in the file as
# invalid: a bad level reads as 0, a bad start as 1, so a hostile start cannot blow up the labels.
_MAX_LIST_NUMBER = 10_000
_MAX_LEVEL = 8
_MAX_LABEL_CHARS = 80  # a longer rendered label ("%1%1%1…" templates) is dropped
_INT = re.compile(r"\s*[+-]?\d{1,6}\s*")
# Word's built-in nested list styles ("List Bullet 2", "List Number 3", "List 2", "List Continue 2")
# carry their level in the name, not in numbering.xml: each points at a list of its own at level 0.
_LIST_STYLE_LEVEL = re.compile(r"^List(?: Bullet| Number| Continue)? ([2-9])$", re.I)
# a table row spans at most this many grid columns (Word's limit is 63): a bad gridSpan or gridBefore reads as 1 or 0
_MAX_GRID = 64
# the text of a vertically merged cell is repeated in each row it spans up to this length ("Ana Ruiz",
# "Charles University", "Friday"); a longer text (a paragraph) is read in its first row only
_MAX_REPEATED_CELL = 80
_INDENT = "  "  # per list level, before the label, as Word's plain-text export shows nesting


@dataclass(slots=True)
class WordDocument(Document):
    """A :class:`Document` read from Word, with the text of its page headers and footers.

    A running header ("ACME – Master Services Agreement – Confidential", "ELITR call — Thursday
    6 February 2020") is not part of any clause or entry, so it stays out of ``text`` (and out of
    every offset); it is kept here, one string per header or footer part in the order of the
    package, for readers that take metadata from it (the minutes' meeting date when the body has
    none)."""

    page_headers: list[str] = field(default_factory=list)


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):  # fmt: skip
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def _letters(n: int) -> str:
    # Word: a..z, then aa..zz, aaa..
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _int(value: str | None, default: int, high: int) -> int:
    """``value`` as an int in ``0..high``, else ``default`` (no ``int()`` on thousands of digits)."""
    if value is None or not _INT.fullmatch(value):
        return default
    n = int(value)
    return n if 0 <= n <= high else default


def format_number(n: int, fmt: str) -> str:
    if not 0 < n <= _MAX_LIST_NUMBER and fmt in ("lowerRoman", "upperRoman", "lowerLetter", "upperLetter"):
        return str(n)  # no letter or roman form (0, or past the cap): its length stays bounded
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """Renders list labels from numbering.xml, paragraph by paragraph, in document order."""

    def __init__(self, numbering_el, styles_el) -> None:
        self.abstract: dict[str, dict[int, dict]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str | None, dict[int, int]] = {}  # per abstract list: its levels' counters
        self.restarted: set[tuple[str, int]] = set()  # (numId, level) whose startOverride was applied
        self.style_numpr: dict[str, tuple[str | None, int | None]] = {}
        if numbering_el is not None:
            for an in numbering_el.findall(W + "abstractNum"):
                levels = {}
                for lvl in an.findall(W + "lvl"):
                    ilvl = _int(lvl.get(W + "ilvl"), 0, _MAX_LEVEL)
                    levels[ilvl] = {
                        "start": _int(_val(lvl.find(W + "start")), 1, _MAX_LIST_NUMBER),
                        "fmt": _val(lvl.find(W + "numFmt")) or "decimal",
                        "text": (_val(lvl.find(W + "lvlText")) or "")[:_MAX_LABEL_CHARS],
                        "legal": lvl.find(W + "isLgl") is not None,
                        "restart": _val(lvl.find(W + "lvlRestart")),
                    }
                self.abstract[an.get(W + "abstractNumId")] = levels
            for num in numbering_el.findall(W + "num"):
                aid = _val(num.find(W + "abstractNumId"))
                overrides = {}
                for ov in num.findall(W + "lvlOverride"):
                    so = ov.find(W + "startOverride")
                    if so is not None:
                        overrides[_int(ov.get(W + "ilvl"), 0, _MAX_LEVEL)] = _int(_val(so), 1, _MAX_LIST_NUMBER)
                self.nums[num.get(W + "numId")] = (aid, overrides)
        if styles_el is not None:
            based: dict[str, str] = {}
            for st in styles_el.findall(W + "style"):
                sid = st.get(W + "styleId")
                b = st.find(W + "basedOn")
                if b is not None:
                    based[sid] = _val(b)
                numpr = st.find(f"{W}pPr/{W}numPr")
                if numpr is not None:
                    ilvl = numpr.find(W + "ilvl")
                    level = _int(_val(ilvl), 0, _MAX_LEVEL) if ilvl is not None else None
                    self.style_numpr[sid] = (_val(numpr.find(W + "numId")), level)
            for sid in list(based):  # inherit numbering through basedOn chains
                cur, seen = sid, set()
                while cur not in self.style_numpr and cur in based and cur not in seen:
                    seen.add(cur)
                    cur = based[cur]
                if cur in self.style_numpr and sid not in self.style_numpr:
                    self.style_numpr[sid] = self.style_numpr[cur]

    def label(self, p_el) -> tuple[str | None, int | None]:
        """The rendered label of paragraph element ``p_el`` (and its list level), advancing counters."""
        num_id, ilvl = None, None
        ppr = p_el.find(W + "pPr")
        if ppr is not None:
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                num_id = _val(numpr.find(W + "numId"))
                il = numpr.find(W + "ilvl")
                ilvl = _int(_val(il), 0, _MAX_LEVEL) if il is not None and _val(il) else None
            if num_id is None:
                ps = ppr.find(W + "pStyle")
                if ps is not None and _val(ps) in self.style_numpr:
                    num_id, ilvl = self.style_numpr[_val(ps)]
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None, None
        ilvl = ilvl or 0
        aid, overrides = self.nums[num_id]
        levels = self.abstract.get(aid, {})
        if ilvl not in levels:
            return None, ilvl
        # ECMA-376 Part 1, 17.9: every list instance (w:num) of one abstract list (w:abstractNum) counts
        # on one set of level counters, so "1. 2." under numId 1 and then numId 2 reads "3."; a
        # w:lvlOverride/w:startOverride restarts its level at that value the first time it is used
        counters = self.counters.setdefault(aid, {})
        lvl = levels[ilvl]
        if ilvl in overrides and (num_id, ilvl) not in self.restarted:
            self.restarted.add((num_id, ilvl))
            counters[ilvl] = overrides[ilvl]
        else:  # a level that restarts after a higher one restarts at this instance's start
            counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else overrides.get(ilvl, lvl["start"])
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # lower levels restart after a higher one advances
        if lvl["fmt"] == "bullet":
            return "•", ilvl

        def render(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            value = counters.get(k, overrides.get(k, levels[k]["start"]))
            fmt = "decimal" if lvl["legal"] and k < ilvl else levels[k]["fmt"]
            return format_number(value, fmt)

        text = re.sub(r"%(\d)", render, lvl["text"]).strip()
        if len(text) > _MAX_LABEL_CHARS:  # "%1%1%1…": no clause number is this long
            return None, ilvl
        return (text or None), ilvl


def _val(el) -> str | None:
    return None if el is None else el.get(W + "val")


def read_docx(data: bytes, *, name: str, sha256: str, limits) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from . import text_too_long

    deadline = limits.deadline()
    max_chars = limits.max_chars

    def check_time(where: str) -> None:
        if deadline is not None and time.monotonic() > deadline:
            raise ParseTimeout(f"{name}: reading the DOCX took longer than {limits.timeout_s:g} s (stopped at {where})")

    def check_chars(chars: int) -> None:
        if max_chars is not None and chars > max_chars:
            raise text_too_long(name, max_chars)

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > _MAX_UNZIPPED:
                raise TooLarge(f"{name}: the DOCX unpacks to more than {_MAX_UNZIPPED // 2**20} MiB")
            for i in infos:  # zipfile never inflates a member past its declared size
                if i.filename.lower().endswith((".xml", ".rels")) and i.file_size > _MAX_XML_PART:
                    raise TooLarge(
                        f"{name}: {i.filename} unpacks to {i.file_size / 2**20:,.0f} MiB of XML, over the limit of "
                        f"{_MAX_XML_PART // 2**20} MiB (a 500-page agreement needs far less)"
                    )
        document = docx.Document(io.BytesIO(data))
    except TooLarge:
        raise
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, EOFError, AttributeError,
            TypeError, IndexError, OSError) as exc:  # fmt: skip
        raise CorruptFile(f"{name}: a damaged or truncated DOCX ({type(exc).__name__}: {exc})"[:300]) from None
    except Exception as exc:  # lxml.etree.XMLSyntaxError and friends
        raise CorruptFile(f"{name}: the DOCX is not valid Word XML ({type(exc).__name__})") from None

    try:
        numbering_el = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        numbering_el = None
    styles_el = document.styles.element if document.styles is not None else None
    numbering = Numbering(numbering_el, styles_el)
    style_names = {s.style_id: s.name for s in document.styles} if document.styles is not None else {}

    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0

    def emit(line: str, block: Block) -> None:
        nonlocal pos
        sep = ""
        if parts:  # paragraphs are separated by a blank line, rows of one table by a newline
            rows = block.kind == "table_row" and blocks and blocks[-1].kind == "table_row"
            sep = "\n" if rows else "\n\n"
        check_chars(pos + len(sep) + len(line))  # before the line joins the text: the cap stops the reading
        if sep:
            parts.append(sep)
            pos += len(sep)
        parts.append(line)
        if block is not None:
            blocks.append(Block(start=pos, end=pos + len(line), kind=block.kind, label=block.label, style=block.style, level=block.level))
        pos += len(line)

    def read_paragraph(el, where: str) -> None:
        boxes: list = []
        text = _paragraph_text(el, check_time, boxes)
        ppr = el.find(W + "pPr")
        if not text.strip() and _mark_deleted(ppr):
            return  # a paragraph deleted (or moved away) with tracked changes: Word shows nothing, counts nothing
        label, ilvl = numbering.label(el)
        ps = ppr.find(W + "pStyle") if ppr is not None else None
        style = style_names.get(_val(ps), _val(ps)) if ps is not None else None
        if text.strip() or label:
            line = f"{label} {text.strip()}" if label else text.strip()
            heading = bool(style and re.match(r"(heading|title)", style, re.I))
            if label and not heading:
                # a nested item shows its depth, so a sub-bullet reads as under its parent bullet
                named = m.group(1) if style and (m := _LIST_STYLE_LEVEL.match(style)) else None
                ilvl = max(ilvl or 0, int(named) - 1 if named else 0)
                line = _INDENT * ilvl + line
            level = int(m.group(1)) if style and (m := re.search(r"(?<!\d)(\d{1,2})$", style)) and heading else ilvl
            emit(line, Block(0, 0, kind="heading" if heading else "paragraph", label=label, style=style, level=level))
        for box in boxes:  # a text box anchored here (a cover-page title, a boxed note): its own paragraphs
            read_blocks(box, f"a text box in {where}")

    merges: dict = {}  # table element -> {grid column: text of the vertical merge open in that column}

    def read_table(el, where: str) -> None:
        # Cells keep their grid columns, so a row reads "Owner | Task | Due" in the header's order: an
        # empty cell stays an empty cell ("Ana |  | Friday"), a cell spanning columns (w:gridSpan) is
        # followed by an empty cell per extra column, columns skipped before the row's first cell
        # (w:gridBefore) read as empty; empty cells at the end of a row are left out. The lower cells
        # of a vertical merge (w:vMerge) read as the merged cell's text where that is short (a name,
        # an organisation, a date: it applies to each row it spans), as an empty cell where it is
        # longer (a paragraph is read once).
        for r, row in enumerate(_descendants(el, (W + "tr",), check_time)):
            check_time(f"row {r + 1} of the table at {where}")
            table = next((a for a in row.iterancestors(W + "tbl")), el)
            merged = merges.setdefault(table, {})
            trpr = row.find(W + "trPr")
            col = _int(_val(trpr.find(W + "gridBefore")), 0, _MAX_GRID) if trpr is not None else 0
            cells, row_chars = [""] * col, 0
            # the row's own cells (also inside content controls); a nested table's are read with its rows
            for tc in _descendants(row, (W + "tc",), check_time, into_matches=False):
                texts = []
                # nested tables repeat text: count it as it grows; a text box's paragraphs are read
                # as paragraphs of the cell (each once: _paragraph_text leaves them out of their anchor)
                for p in _descendants(tc, (W + "p",), check_time):
                    texts.append(_paragraph_text(p, check_time).strip())
                    row_chars += len(texts[-1]) + 1
                    check_chars(pos + row_chars)
                t = " ".join(x for x in texts if x)
                tcpr = tc.find(W + "tcPr")
                span = max(_int(_val(tcpr.find(W + "gridSpan")), 1, _MAX_GRID), 1) if tcpr is not None else 1
                vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
                if vmerge is not None and (_val(vmerge) or "continue") == "continue":
                    t = t or merged.get(col, "")  # (no "seen" set of id(tc): lxml reuses the ids of freed proxies)
                elif vmerge is not None:  # restart
                    merged[col] = t if len(t) <= _MAX_REPEATED_CELL else ""
                else:
                    merged.pop(col, None)
                cells.append(t)
                # the empty cells a span leaves stop at the row's last grid column: 300k cells each spanning
                # 64 columns made 19 M empty cells (548 MB) of a row Word shows 63 columns wide
                cells.extend([""] * min(span - 1, max(0, _MAX_GRID - col - 1)))
                col += span
            while cells and not cells[-1]:
                cells.pop()
            if cells:  # (a row's text starts with "|" where its first cell is empty)
                emit(" | ".join(cells).strip(), Block(0, 0, kind="table_row"))

    def read_blocks(container, where: str) -> None:
        # paragraphs and tables in document order, also those inside content controls (w:sdt) and
        # custom XML (w:customXml), which Word templates wrap clauses in
        for index, el in enumerate(_descendants(container, (W + "p", W + "tbl"), check_time, into_matches=False)):
            here = f"block {index + 1} of {where}"
            check_time(here)
            if el.tag == W + "p":
                read_paragraph(el, here)
            else:
                read_table(el, here)

    read_blocks(document.element.body, "the body")
    text = "".join(parts)
    return WordDocument(name=name, sha256=sha256, media_type=DOCX, text=text, pages=None, blocks=blocks,
                        page_headers=_page_headers(document, check_time))


_HEADER_RELS = ("/header", "/footer")
_MAX_HEADER_CHARS = 2000  # of one header or footer: a running header is a line or two, not pages


def _page_headers(document, check_time) -> list[str]:
    """The text of each page header and footer part (first-page, even and default ones), its
    paragraphs and table cells joined by " | "; empty ones left out."""
    out: list[str] = []
    try:
        rels = sorted((r for r in document.part.rels.values() if not r.is_external and r.reltype.endswith(_HEADER_RELS)),
                      key=lambda r: (not r.reltype.endswith("/header"), str(r.target_part.partname)))
        elements = [r.target_part.element for r in rels]
    except (AttributeError, KeyError, ValueError):  # a damaged part: no header, the body is read all the same
        return out
    for el in elements:
        check_time("a page header")
        lines = [t for p in _descendants(el, (W + "p",), check_time) if (t := " ".join(_paragraph_text(p, check_time).split()))]
        text = " | ".join(lines)[:_MAX_HEADER_CHARS]
        if text and text not in out:
            out.append(text)
    return out


MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Subtrees whose text Word does not show: deleted and moved-away runs (tracked changes; they hold
# runs, never paragraphs), the fallback copy of a drawing (mc:Fallback repeats mc:Choice's text box
# in VML), and properties (w:pPr holds tab stops: w:tab elements that are no tabs).
_HIDDEN_BLOCKS = frozenset({MC + "Fallback", W + "pPr", W + "rPr", W + "sdtPr"})
_HIDDEN_RUNS = _HIDDEN_BLOCKS | {W + "del", W + "moveFrom"}
# Characters a paragraph shows, by element: text (w:t), tabs, breaks, Word's non-breaking hyphen
# (typed as Ctrl+Shift+-); a soft hyphen is optional and shows nothing in running text.
_CHARS = {W + "tab": "\t", W + "ptab": "\t", W + "br": " ", W + "cr": " ", W + "noBreakHyphen": "-", W + "softHyphen": ""}
_TEXT_TAGS = (W + "t", W + "sym", *_CHARS)
# a paragraph holding none of these is read by lxml's own (C) iteration, 2.5x faster on many runs
_SLOW_PATH = (W + "del", W + "moveFrom", MC + "Fallback", W + "txbxContent")


def _descendants(el, tags, check_time, hidden=_HIDDEN_BLOCKS, *, into_matches=True):
    """Descendants of ``el`` whose tag is in ``tags``, in document order, never inside a ``hidden``
    subtree; without ``into_matches`` a match's own descendants are not searched."""
    if into_matches and next(el.iter(MC + "Fallback"), None) is None:
        for i, child in enumerate(el.iter(*tags)):  # no fallback copy: lxml's C iteration, same order
            if i % 1024 == 1023:
                check_time("a part of many elements")
            if child is not el:
                yield child
        return
    stack = [iter(el)]
    seen = 0
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        seen += 1
        if seen % 1024 == 0:  # a million runs or wrappers
            check_time("a part of many elements")
        tag = child.tag
        if not isinstance(tag, str):
            continue  # comments and processing instructions have no str tag
        if tag in tags:
            yield child
            if not into_matches:
                continue
        elif tag in hidden:
            continue
        stack.append(iter(child))


def _mark_deleted(ppr) -> bool:
    """The paragraph mark itself is a tracked deletion or move away (w:pPr/w:rPr/w:del|w:moveFrom)."""
    rpr = ppr.find(W + "rPr") if ppr is not None else None
    return rpr is not None and (rpr.find(W + "del") is not None or rpr.find(W + "moveFrom") is not None)


def _sym(el) -> str:
    """The character of a w:sym if it is a plain one; a symbol font's private-use glyph (Wingdings'
    check box, Symbol's bullet at U+F0B7) reads as nothing."""
    code = el.get(W + "char") or ""
    if not re.fullmatch(r"[0-9A-Fa-f]{1,6}", code):
        return ""
    n = int(code, 16)
    if n > 0x10FFFF:
        return ""
    ch = chr(n)
    category = unicodedata.category(ch)
    if category[0] == "Z":
        return " "  # a no-break or other space
    return "" if category in ("Cc", "Cf", "Co", "Cs", "Cn") else ch


def _paragraph_text(p_el, check_time, boxes: list | None = None) -> str:
    """The text a paragraph shows: its runs, also inside hyperlinks, inline content controls, smart
    tags, simple fields and insertions; not deleted or moved-away runs, field codes (w:instrText) or
    text boxes, which are appended to ``boxes`` (when given) for the caller to read as paragraphs."""
    if next(p_el.iter(*_SLOW_PATH), None) is None:
        found = p_el.iter(*_TEXT_TAGS)
    else:
        found = _descendants(p_el, (*_TEXT_TAGS, W + "txbxContent"), check_time, _HIDDEN_RUNS, into_matches=False)
    out = []
    for i, el in enumerate(found):
        if i % 1024 == 1023:  # a paragraph of a million runs
            check_time("a paragraph of many runs")
        tag = el.tag
        if tag == W + "t":
            out.append(el.text or "")
        elif tag == W + "sym":
            out.append(_sym(el))
        elif tag == W + "txbxContent":
            if boxes is not None:
                boxes.append(el)
        elif tag != W + "tab" or el.getparent().tag != W + "tabs":  # not a tab stop of w:pPr
            out.append(_CHARS[tag])
    return "".join(out)
