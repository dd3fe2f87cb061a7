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

_EDGE = 3  # lines at the top and bottom of a page where a lone page number may sit
_DEPTH = 8  # lines from a page edge that a running block (a legend, its page number) may reach
_BARE_NUMBER = re.compile(r"^(?:page\s*)?[-–—]?\s*(\d{1,3})\s*[-–—]?$", re.I)
_LEGEND_LINES = 5  # lines of a legend beside a page number, at most
_SENTENCE_END = re.compile(r"[.;:,]$")
_PAGE_GAP = 10  # lines between two printed page numbers of a run, at least
_RUN = 3  # printed page numbers in a run, at least
_PER_PAGE = 4  # printed page numbers on one PDF page, at most (text filings show up to 4)
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
        notes.append(removed.note(name))
    return pages_lines, notes


def _norm(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


class _Removed:
    """What :func:`_strip_running_lines` blanked: running lines (by their text) and page numbers."""

    def __init__(self) -> None:
        self.running: Counter[str] = Counter()
        self.first: dict[str, tuple[int, int]] = {}  # where each running line is first seen
        self.numbers = 0

    def __len__(self) -> int:
        return sum(self.running.values()) + self.numbers

    def note(self, name: str) -> str:
        parts = []
        if self.running:
            text = min(self.running, key=lambda t: (-self.running[t], self.first[t]))  # first of the commonest
            shown = text if len(text) <= 60 else text[:57] + "…"
            kinds = len({_norm(line) for line in self.running})
            parts.append(
                f"{sum(self.running.values())} running header/footer/legend lines"
                f" ({kinds} distinct, e.g. “{shown}”)" if kinds > 1 else
                f"{sum(self.running.values())} running header/footer/legend lines (“{shown}”)"
            )
        if self.numbers:
            parts.append(f"{self.numbers} page-number lines")
        return f"{name}: removed " + " and ".join(parts)


def _strip_running_lines(pages_lines: list[list[str]]) -> _Removed:
    """Blank out running headers, footers, legends and page numbers in place; return what went.

    A running line comes back at a page edge (digits aside: "Page 3" is "Page 5"): among the
    outer :data:`_EDGE` lines of half the pages or more; on four pages or more, also deeper, within
    the outer :data:`_DEPTH` lines of the same edge of half the pages (a legend of four lines and a
    page number); in a two-page document, among the two top (or foot) lines of both pages, if it is
    no sentence (no final stop). A printed page number is a bare number at a page edge, or a bare
    number anywhere that continues a run of them ("2", "3", "4" …, each a page's worth of lines
    after the last): a text filing printed to PDF keeps its own pages inside the PDF's, and those
    numbers are page breaks too. Beside a printed page number, a block of 2 to :data:`_LEGEND_LINES`
    lines of prose that comes back beside another one (a redaction legend on the pages that have
    redactions) goes too. Only lines that reach a break through other removed lines are removed
    (but for the outer :data:`_EDGE` lines, as before), so a clause that happens to repeat stays.
    """
    n = len(pages_lines)
    removed = _Removed()
    numbers = _printed_page_numbers(pages_lines)

    # the sides of every break: (page, line indexes going inwards from the break)
    sides: list[tuple[int, list[int], bool, bool]] = []  # (page, inward indexes, at the PDF page's edge, a top)
    for p, lines in enumerate(pages_lines):
        idx = [i for i, line in enumerate(lines) if line]
        cuts = [k for k, i in enumerate(idx) if (p, i) in numbers]
        lead = next((k for k, i in enumerate(idx) if (p, i) not in numbers), len(idx))
        trail = next((k for k, i in enumerate(reversed(idx)) if (p, i) not in numbers), len(idx))
        bounds = [-1, *cuts, len(idx)]
        for a, b in zip(bounds, bounds[1:]):
            seg = idx[a + 1 : b]
            if seg:  # a side touches the PDF page's edge when only page numbers lie between
                sides.append((p, seg, a + 1 <= lead, True))
                sides.append((p, seg[::-1], b >= len(idx) - trail, False))

    def window(seg: list[int]) -> list[int]:
        return seg[:_DEPTH]

    # lines near a printed page number, each with its nearest one (depth, side)
    nearest: dict[tuple[int, int], tuple[int, int]] = {}
    for side, (p, seg, at_edge, _) in enumerate(sides):
        if not at_edge or _PAGE_NUMBER.match(pages_lines[p][seg[0]]):
            for depth, i in enumerate(window(seg)):
                nearest[(p, i)] = min(nearest.get((p, i), (depth, side)), (depth, side))
    # breaks with a copy of the line beside them (a line counts for its nearest break only)
    break_count = Counter(key for key, _ in {(_norm(pages_lines[p][i]), side) for (p, i), (_, side) in nearest.items()})

    # pages with the line among their outer lines
    outer: Counter[str] = Counter()  # among the outer _EDGE lines, top or foot
    deep = {True: Counter(), False: Counter()}  # among the outer _DEPTH lines of the top / foot
    pair = {True: Counter(), False: Counter()}  # among the outer two lines of the top / foot
    for lines in pages_lines:
        idx = [i for i, line in enumerate(lines) if line]
        keys = lambda some: {_norm(lines[i]) for i in some}  # noqa: E731
        outer.update(keys(idx[:_EDGE]) | keys(idx[-_EDGE:]))
        for top, ordered in ((True, idx), (False, idx[::-1])):
            deep[top].update(keys(ordered[:_DEPTH]))
            pair[top].update(keys(ordered[:2]))

    def plausible(k: str) -> bool:
        return len(k) <= 160 and any(ch.isalpha() for ch in k)

    threshold = max(2, int(0.5 * n + 0.5))
    running_at = {True: set(), False: set()}  # running lines by the edge they come back at
    if n >= 3:
        shallow = {k for k, c in outer.items() if c >= threshold and plausible(k)}
        for top in (True, False):  # deeper in only on longer documents: a legend on most pages
            deeper = {k for k, c in deep[top].items() if n >= 4 and c >= threshold and plausible(k)}
            running_at[top] = shallow | deeper
    elif n == 2:  # a head or foot of both pages; a sentence there is more likely text that repeats
        for top in (True, False):
            both = {k for k, c in pair[top].items() if c >= 2 and plausible(k)}
            running_at[top] = {k for k in both if not _SENTENCE_END.search(k)}
    repeated = {k for k, c in break_count.items() if c >= 2 and plausible(k)}

    def drop(p: int, i: int, number: bool) -> None:
        line = pages_lines[p][i]
        if not line:
            return
        if number or _PAGE_NUMBER.match(line):
            removed.numbers += 1
        else:
            removed.running[line] += 1
            removed.first[line] = min(removed.first.get(line, (p, i)), (p, i))
        pages_lines[p][i] = ""

    for p, i in numbers:
        drop(p, i, True)
    # built once: rebuilding the union at each check made a page-heavy PDF quadratic
    either_at = {top: repeated | running_at[top] for top in (True, False)}
    for p, seg, at_edge, top in sides:
        lines = pages_lines[p]
        # peel: from the break inwards while each line is running, a page number, or a legend
        w = window(seg)
        running = running_at[top]
        either = either_at[top]
        by_number = not at_edge  # a break at a printed page number: legends may sit beside it
        k = 0
        while k < len(w):
            line = lines[w[k]]
            key = _norm(line)
            if not line:  # blanked already (a page number of the run)
                pass
            elif key in running:
                drop(p, w[k], False)
                by_number = False
            elif at_edge and k < _EDGE and _PAGE_NUMBER.match(line):
                drop(p, w[k], True)
                by_number = True
            elif key in repeated and by_number:
                block = 1
                while k + block < len(w) and _norm(lines[w[k + block]]) in either:
                    block += 1
                text = sum(len(lines[j]) for j in w[k : k + block])
                if not 2 <= block <= _LEGEND_LINES or text < 60:  # a legend: a few lines of prose
                    break
                for j in w[k : k + block]:
                    drop(p, j, False)
                k += block - 1
                by_number = False
            else:
                break
            k += 1
        if at_edge:
            # the outer lines as before: a running line or page number among them, even behind a
            # line that stays
            for i in w[:_EDGE]:
                line = lines[i]
                if line and (_norm(line) in running or _PAGE_NUMBER.match(line)):
                    drop(p, i, bool(_PAGE_NUMBER.match(line)))
    return removed


def _printed_page_numbers(pages_lines: list[list[str]]) -> set[tuple[int, int]]:
    """Bare numbers that continue each other ("7", "8", "9" …) at least a page's worth of lines
    apart, wherever they sit: the pages of a text filing inside a PDF's pages. No other bare "7"
    or "8" may lie between a "7" and the "8" after it (a table of contents repeats its numbers)."""
    found: list[tuple[int, int, int, int]] = []  # (value, position, page, index)
    pos = 0
    for p, lines in enumerate(pages_lines):
        for i, line in enumerate(lines):
            if line:
                pos += 1
                m = _BARE_NUMBER.match(line)
                if m:
                    found.append((int(m.group(1)), pos, p, i))
    # a number continues the run that ends at the latest bare number one lower, if no bare copy of
    # its own value came after that one: one pass, whatever the number of bare numbers
    latest: dict[int, int] = {}  # value → index into found of its latest copy
    run_of: dict[int, list[int]] = {}  # index into found → its run (indexes into found)
    for k, (v, at, _, _) in enumerate(found):
        j = latest.get(v - 1)
        if j is not None and at - found[j][1] >= _PAGE_GAP and latest.get(v, -1) < j:
            run_of[k] = run_of[j]
            run_of[k].append(k)
        else:
            run_of[k] = [k]
        latest[v] = k
    numbers = {found[k][2:] for k, run in run_of.items() if len(run) >= _RUN}
    # a PDF page holds up to four printed pages of a text filing (IntegrityMedia), not more: more on one
    # page are the rows of a table ("1" / "Payment due within …", "2" / …, a work plan's steps)
    per_page = Counter(p for p, _ in numbers)
    return {(p, i) for p, i in numbers if per_page[p] <= _PER_PAGE}


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
