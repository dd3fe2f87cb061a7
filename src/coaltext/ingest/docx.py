"""DOCX → Document with python-docx, including the list numbering Word generates.

Word does not store "3.2(b)" in the paragraph: it stores a reference (``w:numPr``: numId + level)
into ``numbering.xml`` and renders the label when it draws the page. A reader that ignores that
file loses every clause number, so this module renders the labels the way Word does (counters per
list, lower levels restarting, ``%1.%2`` templates, roman/letter formats, legal-style numbering)
and puts them into the document text, where the reader sees them.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import CorruptFile, TooLarge
from ..types import Block, Document
from .sniff import DOCX

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_UNZIPPED = 256 * 1024 * 1024
# Word's built-in nested list styles ("List Bullet 2", "List Number 3", "List 2", "List Continue 2")
# carry their level in the name, not in numbering.xml: each points at a list of its own at level 0.
_LIST_STYLE_LEVEL = re.compile(r"^List(?: Bullet| Number| Continue)? ([2-9])$", re.I)
_INDENT = "  "  # per list level, before the label, as Word's plain-text export shows nesting


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):  # fmt: skip
        while n >= value:
            out += sym
            n -= value
    return out


def _letters(n: int) -> str:
    # Word: a..z, then aa..zz, aaa..
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
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
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numpr: dict[str, tuple[str | None, int | None]] = {}
        if numbering_el is not None:
            for an in numbering_el.findall(W + "abstractNum"):
                levels = {}
                for lvl in an.findall(W + "lvl"):
                    ilvl = int(lvl.get(W + "ilvl", "0"))
                    levels[ilvl] = {
                        "start": int(_val(lvl.find(W + "start")) or 1),
                        "fmt": _val(lvl.find(W + "numFmt")) or "decimal",
                        "text": _val(lvl.find(W + "lvlText")) or "",
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
                        overrides[int(ov.get(W + "ilvl", "0"))] = int(_val(so) or 1)
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
                    self.style_numpr[sid] = (_val(numpr.find(W + "numId")), int(_val(ilvl)) if ilvl is not None else None)
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
                ilvl = int(_val(il)) if il is not None and _val(il) else None
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
        counters = self.counters.setdefault(num_id, {})
        lvl = levels[ilvl]
        start = overrides.get(ilvl, lvl["start"])
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
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
        return (text or None), ilvl


def _val(el) -> str | None:
    return None if el is None else el.get(W + "val")


def read_docx(data: bytes, *, name: str, sha256: str, limits) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if sum(i.file_size for i in zf.infolist()) > _MAX_UNZIPPED:
                raise TooLarge(f"{name}: the DOCX unpacks to more than {_MAX_UNZIPPED // 2**20} MiB")
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
        if parts:  # paragraphs are separated by a blank line, rows of one table by a newline
            rows = block.kind == "table_row" and blocks and blocks[-1].kind == "table_row"
            parts.append("\n" if rows else "\n\n")
            pos += len(parts[-1])
        parts.append(line)
        if block is not None:
            blocks.append(Block(start=pos, end=pos + len(line), kind=block.kind, label=block.label, style=block.style, level=block.level))
        pos += len(line)

    for el in document.element.body.iterchildren():
        if el.tag == W + "p":
            text = _paragraph_text(el)
            label, ilvl = numbering.label(el)
            ppr = el.find(W + "pPr")
            ps = ppr.find(W + "pStyle") if ppr is not None else None
            style = style_names.get(_val(ps), _val(ps)) if ps is not None else None
            if not text.strip() and not label:
                continue
            line = f"{label} {text.strip()}" if label else text.strip()
            heading = bool(style and re.match(r"(heading|title)", style, re.I))
            if label and not heading:
                # a nested item shows its depth, so a sub-bullet reads as under its parent bullet
                named = m.group(1) if style and (m := _LIST_STYLE_LEVEL.match(style)) else None
                ilvl = max(ilvl or 0, int(named) - 1 if named else 0)
                line = _INDENT * ilvl + line
            level = int(m.group(1)) if style and (m := re.search(r"(\d+)$", style)) and heading else ilvl
            emit(line, Block(0, 0, kind="heading" if heading else "paragraph", label=label, style=style, level=level))
        elif el.tag == W + "tbl":
            for row in el.iter(W + "tr"):
                cells, seen = [], set()
                for tc in row.iter(W + "tc"):
                    t = " ".join(_paragraph_text(p).strip() for p in tc.iter(W + "p")).strip()
                    if t and id(tc) not in seen:
                        cells.append(t)
                        seen.add(id(tc))
                if cells:
                    emit(" | ".join(cells), Block(0, 0, kind="table_row"))
    text = "".join(parts)
    return Document(name=name, sha256=sha256, media_type=DOCX, text=text, pages=None, blocks=blocks)


def _paragraph_text(p_el) -> str:
    out = []
    for el in p_el.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if el.tag == W + "t":
            out.append(el.text or "")
        elif el.tag == W + "tab":
            out.append("\t")
        else:
            out.append(" ")
    return "".join(out)
