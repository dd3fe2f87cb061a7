"""PDF → Document with pypdf.

Pages are kept (each :class:`Page` has its char range); running headers, footers and page numbers
are removed; words hyphenated across line ends are joined. Text order is never changed: the
document text is pypdf's text, page after page, line after line, minus the removed lines.
"""

from __future__ import annotations

import io
import logging
import re
import time
import warnings
from collections import Counter

from ..errors import CorruptFile, EmptyInput, EncryptedFile, NoTextLayer, ParseTimeout, TooManyPages
from ..types import Block, Document, Page
from .sniff import PDF

logging.getLogger("pypdf").setLevel(logging.ERROR)

_EDGE = 3  # lines at the top and bottom of a page where running headers/footers live
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—(]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—)]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I
)
_HYPHEN_END = re.compile(r"([A-Za-z]{2,})-$")
_KEEP_HYPHEN = {
    "non", "self", "co", "cross", "anti", "pre", "post", "multi", "sub", "third", "pro", "ex",
    "long", "short", "well", "first", "second", "semi", "quasi", "inter", "intra", "re",
}  # fmt: skip


def read_pdf(data: bytes, *, name: str, sha256: str, limits) -> Document:
    pages_lines, notes = page_lines(data, name=name, limits=limits)
    text, pages, blocks = _join(pages_lines)
    return Document(name=name, sha256=sha256, media_type=PDF, text=text, pages=pages, blocks=blocks, warnings=notes)


def page_lines(data: bytes, *, name: str, limits) -> tuple[list[list[str]], list[str]]:
    """Each page's lines as pypdf extracts them (spaces collapsed), running lines blanked; and notes."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PdfStreamError

    deadline = limits.deadline()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    ok = reader.decrypt("")
                except (DependencyError, NotImplementedError) as exc:
                    raise EncryptedFile(f"{name}: the PDF is encrypted ({exc})") from None
                if not ok:
                    raise EncryptedFile(f"{name}: the PDF is password-protected; remove the password and try again")
            n = len(reader.pages)
        except (EncryptedFile, FileNotDecryptedError) as exc:
            raise EncryptedFile(str(exc) if isinstance(exc, EncryptedFile) else f"{name}: the PDF is password-protected") from None
        except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, AttributeError, IndexError,
                AssertionError, RecursionError, OSError, ZeroDivisionError) as exc:  # fmt: skip
            raise CorruptFile(f"{name}: a damaged or truncated PDF ({type(exc).__name__}: {exc})"[:300]) from None
        if n == 0:
            raise CorruptFile(f"{name}: the PDF has no pages (damaged or truncated)")
        if limits.max_pages is not None and n > limits.max_pages:
            raise TooManyPages(f"{name}: {n} pages is over the limit of {limits.max_pages}")

        notes: list[str] = []
        pages_lines: list[list[str]] = []
        read_chars = 0  # against limits.max_chars: stop at the page that passes it
        for i, page in enumerate(reader.pages):
            if deadline is not None and time.monotonic() > deadline:
                raise ParseTimeout(f"{name}: reading the PDF took longer than {limits.timeout_s:g} s (stopped at page {i + 1} of {n})")
            try:
                raw = page.extract_text() or ""
            except Exception as exc:  # pypdf raises many types on broken content streams
                notes.append(f"{name}: page {i + 1} could not be read ({type(exc).__name__}); left empty")
                raw = ""
            pages_lines.append([" ".join(line.split()) for line in raw.splitlines()])
            read_chars += sum(len(line) + 1 for line in pages_lines[-1])
            if limits.max_chars is not None and read_chars > limits.max_chars:
                from . import text_too_long

                raise text_too_long(name, limits.max_chars)

    chars = sum(len(line) for lines in pages_lines for line in lines)
    if chars < 5 * n and _has_images(reader):
        raise NoTextLayer(f"{name}: the PDF has no text layer (a scan or images only); coaltext does no OCR")
    if chars == 0:
        raise EmptyInput(f"{name}: the PDF holds no text (blank pages)")

    removed = _strip_running_lines(pages_lines)
    if removed:
        notes.append(f"{name}: removed {removed} running header/footer/page-number lines")
    return pages_lines, notes


def _norm(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def _strip_running_lines(pages_lines: list[list[str]]) -> int:
    """Blank out running headers/footers and page numbers in place; return how many."""
    n = len(pages_lines)

    def edges(lines):
        idx = [i for i, line in enumerate(lines) if line]
        return set(idx[:_EDGE] + idx[-_EDGE:])

    counts: Counter[str] = Counter()
    for lines in pages_lines:
        counts.update({_norm(lines[i]) for i in edges(lines)})
    threshold = max(2, int(0.5 * n + 0.5)) if n >= 3 else n + 1
    running = {k for k, c in counts.items() if c >= threshold and len(k) <= 160}
    removed = 0
    for lines in pages_lines:
        for i in edges(lines):
            line = lines[i]
            if _norm(line) in running or _PAGE_NUMBER.match(line):
                lines[i] = ""
                removed += 1
    return removed


_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # words, hyphenated or not
_LEADING_WORD = re.compile(r"[^\W\d_]+")


class Spellings:
    """How the document itself spells words inside its lines: each word, and each hyphenated pair
    ("health-related" gives "health-related"; "product-by-product" gives "product-by" and
    "by-product"). The fragments on either side of a line-end hyphen are left out: "ment" after
    "agree-" is no word of the document."""

    def __init__(self, pages_lines: list[list[str]]) -> None:
        self.words: Counter[str] = Counter()
        self.pairs: Counter[str] = Counter()
        for page in pages_lines:
            after_break = False  # _join never joins across a page break
            for line in filter(None, page):
                tokens = [t.lower().split("-") for t in _TOKEN.findall(line)]
                if after_break and _breaks_before(line) and tokens:
                    tokens[0] = tokens[0][1:]
                after_break = bool(_HYPHEN_END.search(line))
                if after_break and tokens:
                    tokens[-1] = tokens[-1][:-1]
                for parts in tokens:
                    self.words.update(parts)
                    self.pairs.update(f"{a}-{b}" for a, b in zip(parts, parts[1:]))


def _breaks_before(line: str) -> bool:
    """A line that a line-end hyphen above may run into: it opens with a lower-case word (not "ⓐ",
    which is lower case but no word)."""
    return line[:1].islower() and _LEADING_WORD.match(line) is not None


def _join_hyphen(left: str, right: str, spellings: Spellings) -> bool:
    """Drop the hyphen of "left-" at a line end before "right", a lower-case word?

    A line-end hyphen in a PDF printed from a web page or a text filing is a real one ("health-
    related", "product-by-product"): browsers do not hyphenate. Typesetters do ("agree-ment"). The
    document's own spelling decides where it has one: "health-related" inside a line keeps the
    hyphen, "agreement" joins. Else a common prefix ("non-", "co-") or a doubled word keeps it, and a
    break joins only where neither half is a word of the document ("collab-oration"; not "employee-
    employer"). CUAD's PDFs (bench/hyphens.py): of the 127 line-end hyphens of the held-out half, all
    real, the rule before joined 43, this one joins 1. Made-up breaks at syllable points (a
    review's measure): a word the document uses elsewhere joins; of words it uses nowhere else
    21.6% keep a hyphen ("in-demnify" where both halves are words; 8.7% before), 2.7% of all word
    occurrences against 10.6% before.
    """
    left, right = left.lower(), right.lower()
    if spellings.pairs[f"{left}-{right}"]:
        return False
    if spellings.words[left + right]:
        return True
    if left in _KEEP_HYPHEN or left == right:
        return False
    return not spellings.words[left] and not spellings.words[right]


def _join(pages_lines: list[list[str]]) -> tuple[str, list[Page], list[Block]]:
    parts: list[str] = []
    pages: list[Page] = []
    blocks: list[Block] = []
    pos = 0
    spellings: Spellings | None = None  # read on the first break: half of CUAD's PDFs have none
    for number, lines in enumerate(pages_lines, start=1):
        start = pos
        pending_hyphen = False  # never join across a page break: page ranges stay exact
        for line in lines:
            if not line:
                continue
            if pending_hyphen and _breaks_before(line):
                # "collab-" + "oration": drop the hyphen and the line break; "health-" + "related":
                # drop only the line break
                prev = parts.pop()
                left = _HYPHEN_END.search(prev.rstrip("\n")).group(1)
                spellings = spellings or Spellings(pages_lines)
                keep = not _join_hyphen(left, _LEADING_WORD.match(line).group(0), spellings)
                joined = prev.rstrip("\n")[: -1 if not keep else None]
                pos -= len(prev)
                last = blocks.pop()
                parts.append(joined)
                pos += len(joined)
                line_start = last.start
            else:
                line_start = pos
            parts.append(line + "\n")
            pos += len(line) + 1
            blocks.append(Block(start=line_start, end=pos - 1, kind="line"))
            pending_hyphen = bool(_HYPHEN_END.search(line))
        pages.append(Page(number=number, start=start, end=pos))
    return "".join(parts), pages, blocks


def _has_images(reader) -> bool:
    try:
        for page in reader.pages[:5]:
            res = page.get("/Resources") or {}
            xobj = res.get("/XObject") if hasattr(res, "get") else None
            if xobj:
                for ref in xobj.values():
                    if ref.get_object().get("/Subtype") == "/Image":
                        return True
    except Exception:
        return False
    return False
