"""Document → clause tree (plus title, date, parties and defined terms).

The parser walks the text line by line (a line may be split where a CUAD-style text runs two
numbered clauses together with a wide gap). Each line either opens a clause — a numbering marker
(:mod:`.numbering`), an unnumbered ALL-CAPS heading, a recital, a signature block, a schedule — or
continues the deepest open clause. A table of contents becomes one leaf (``kind="contents"``) whose
lines open nothing; page furniture and running heads (a short line that comes back page after page)
are skipped. Nesting follows the numbering *style*: a marker of a style
already open is a sibling of that clause, a new style opens a child. Long unnumbered bodies are
split into paragraph children, so every leaf is a readable unit.

Every clause's ``start``/``end`` index ``Document.text`` and cover its whole subtree; ``text`` is
exactly ``doc.text[start:end]``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from ..types import AgreementStructure, Clause, Document
from .numbering import Marker, match_marker
from .parties import REDACTION, find_date, find_definitions, find_parties

SPLIT_OWN_TEXT = 1200  # own text longer than this is split into paragraph children
LONG_PARAGRAPH = 2000  # a paragraph longer than this is split into passages …
PASSAGE = 800  # … of about this many characters, at sentence ends
MAX_CLAUSE = 2500  # a clause longer than this with sub-clauses gets its lead-in as a leaf
PDF_LIKE = ("application/pdf",)

# Where one physical line holds several units (CUAD's texts run clauses together):
# a wide gap before a marker or a capital, or a sentence end before a numbered marker.
_WIDE_GAP = re.compile(
    r"(?<=\S)[ \t\u00a0]{3,}(?=(?:\d{1,3}(?:\.\d{1,3})*\.?\s*[A-Z\"“(]|\([a-zA-Z0-9]{1,4}\)\s+\S|[A-Z]\.\s*[\"“]?[A-Z]|[A-Z\"“]))"
)
_SENTENCE_MARKER = re.compile(
    # (not after an item of a run-in list: "… and (C) (i) the Deed is terminated, or (ii) …")
    r"(?<=[.;:!?)\]\"”])(?<!\w \(\w\))(?<!\w \(\w\w\))(?<!\w \(\w\w\w\))[ \t\u00a0]+(?=(?:(?:Section\s+|SECTION\s+)?\d{1,3}\.\d{1,3}(?:\.\d{1,3})*\.?\s+[A-Z\"“(]"
    r"|\d{1,3}\.\s*[A-Z][A-Za-z]+|\([a-z]{1,4}\)\s|\([A-Z]\)\s|\(\d{1,2}\)\s|ARTICLE\s+[IVXLC\d]+"
    r"|[A-Za-z]\.\s+[\"“]?[A-Z][a-z]+))"
    # a multi-level number after a heading with no full stop ("6. Licence 6.1 Newegg grants")
    # (two spaces or more always cut; a run of spaces is read once, from its start)
    r"|(?<![ \t\u00a0])(?:[ \t\u00a0]{2,}|(?<![Ss]ection)(?<![Ss]ections)(?<!Article)(?<!ARTICLE)(?<!\band)(?<!\bor)(?<!\bto)(?<!\bof)"
    r"(?<!\bin)(?<!\bunder)(?<!\bwith)(?<!\bsee)(?<!\bper)(?<!\bthan)(?<!\bfrom)(?<!\bat)(?<![$§€£¶\d.,])"
    # nor a cross-reference ("as required in Paragraph 4.3. Royalty reports shall …")
    r"(?<![Pp]aragraph)(?<![Pp]aragraphs)(?<![Cc]lause)(?<![Cc]lauses)(?<!Exhibit)(?<!Schedule)(?<!Annex)(?<!Appendix)[ \t\u00a0])"
    r"(?=\d{1,2}\.\d{1,2}\.?\s+[A-Z][a-z])"
)
# A line of capitals run into the section it heads or follows: "AGREEMENT 1. TERM. The initial term …"
# (the end of a page's running title), "TERMS AND CONDITIONS 1. APPOINTMENT OF …", "EXHIBIT C SERVICE
# FEES 1. Pricing. …"; not a number's own word ("SECTION 1.", "ARTICLE 2.", "TABLE 2.")
_CAPS_LEAD = re.compile(r"^(?:[A-Z][A-Z&'’\-]*,?[ \t]+){1,6}(?=\d{1,3}\.[ \t]+[A-Z])")
_TOP_NUMBER = re.compile(r"(\d{1,3})\.[ \t]+\S")
_SCHEDULE_LEAD = re.compile(r"(?i)(?:schedule|exhibit|annex|appendix|attachment|addendum)\b")
_NUMBER_WORD = re.compile(r"(?i)\b(?:section|article|clause|paragraph|table|page|part|chapter|item|no|schedule|exhibit|annex|"
                          r"appendix|attachment|step|phase|stage|year|tier|level|rule|milestone|figure|note)[ \t]+$")
# Page furniture inside CUAD-style text: never a paragraph of its own, never a break (a blank line
# above it still stands above the line after it).
_FURNITURE = re.compile(
    r"^(?:Source:\s.{3,160}\d{4}|(?:Confidential\s+)?Page\s+\d+(?:\s*(?:of|/)\s*\d+)?|[A-Z]{1,2}\s?[-–]\s?\d{1,3}|[-–]?\s*\d{1,3}\s*[-–]?|\[\*+\]|\*\s*Confidential.*|"
    r"Confidential(?:\s+Treatment)?(?:\s+Requested)?(?:\s*\[\*+\])?|"
    # "[Remainder of page intentionally left blank]", "[Signature Page Follows]", "(Signature page to Joint Venture Agreement)"
    r"[\[(]\s*(?:the\s+)?remainder\s+of\s+(?:this\s+)?page\b[^\[\]()]{0,80}[\])]|"
    r"[\[(]\s*signature\s+pages?(?:\s+(?:follows?|to\s+follow|to\s[^\[\]()]{1,80}))?\s*[\])]|"
    r"(?:this\s+page\s+(?:is\s+)?intentionally\s+left\s+blank\.?)|"
    # a trade mark sign a page layout set apart from its word ("OncoCEE-LU" / page / "TM TM")
    # in capitals only, and "(R)" never alone: "(r)" / "(R)" alone on a line is a list item's letter
    r"(?-i:(?:TM|SM|™|℠|®|©|\(TM\))(?:\s+(?:TM|SM|™|℠|®|©|\(TM\)|\(R\)))*))$",
    re.I,
)
# "CONFIDENTIAL TREATMENT HAS BEEN REQUESTED …", "Portions of this exhibit have been omitted …"
_REDACTION_NOTICE = re.compile(
    r"(?:confidential\s+treatment|(?:certain\s+)?portions\s+of\s+this\s+\w+\s+(?:have|has)\s+been"
    r"|certain\s+(?:confidential\s+)?(?:information|portions)\s+(?:\w+\s+){0,3}(?:has|have)\s+been"
    r"|\[\*+\]\s*(?:=|indicates|denotes))", re.I)
_RECITAL = re.compile(r"^(WHEREAS|Whereas)\b[,:]?")
_NOW_THEREFORE = re.compile(r"^(NOW,?\s+THEREFORE|Now,?\s+therefore|NOW THEREFORE)\b")
_RECITALS_HEAD = re.compile(r"^(RECITALS|Recitals|WITNESSETH|Witnesseth|BACKGROUND|Background|PREAMBLE|Preamble)[:.]?$")
_SIGNATURE = re.compile(r"^(IN\s+WITNESS\s+WHEREOF|In\s+Witness\s+Whereof|IN\s+WITNESS\s+THEREOF|SIGNATURES?(?:\s+PAGE)?:?$|Signature\s+Page)", re.I)
_SIG_LINE = re.compile(r"^(By|BY|Name|NAME|Title|TITLE|Date|DATE|Its|ITS|Signature|SIGNATURE)\s*:", re.I)
_SIG_LABEL = re.compile(r"(?i)(?:^|(?<=\s))(by|name|title|its|date)\s*:")
_BY = re.compile(r"(?i)^by\s*:")
# legal forms that end a party's name ("Acme, Inc.", "Beta Ltd")
_LEGAL_FORMS = r"inc|corp|corporation|co|ltd|limited|llc|l\.l\.c|lp|l\.p|plc|gmbh|ag|s\.a|n\.v|b\.v"
_ENTITY_END = re.compile(rf"(?i)\b(?:{_LEGAL_FORMS})\.?,?$")  # a party's name
# a party's name or its country in an address block ("IMPCO TECHNOLOGIES, INC.", "LEO PHARMA A/S",
# "U.S.A."): no heading, though written in capitals
_NAME_FORM = re.compile(rf"(?i)(?:^|(?<=[\s,.]))(?:{_LEGAL_FORMS}|company|llp|a/s|pty|pvt|s\.p\.a|sarl|ab|oy)\.?,?$")
_COUNTRY = re.compile(r"(?i)^(?:u\.?s\.?a\.?|united\s+states(?:\s+of\s+america)?|united\s+kingdom|u\.k\.|canada|india|"
                      r"(?:p\.?\s?r\.?\s?)?china|japan|germany|france|ireland|denmark|israel|switzerland|(?:the\s+)?netherlands|"
                      r"sweden|australia|singapore|hong\s+kong|(?:south\s+|republic\s+of\s+)?korea|taiwan|italy|spain|belgium|"
                      r"mexico|brazil|south\s+africa)\.?$")
_NAME_OR_TITLE = re.compile(r"(?i)^(?:name|title|its)\s*:")
SIGNATURE_LOOKAHEAD = 40  # lines below a signature block searched for numbered sections
SIGNATURE_ROW_LEAD = 120  # a signature row's first label comes after a party's name at most


def _address_name(t: str) -> bool:
    """A party's name ending in its legal form ("GALEN (CHEMICALS) LIMITED", "ACME, INC.") or a country
    ("U.S.A."), as a notice's address block or a signature block writes it; not a heading that ends in
    such a word after a small one ("FORMATION OF A CORPORATION", "COVENANTS OF THE COMPANY")."""
    t = t.strip()
    if _COUNTRY.match(t):
        return True
    m = _NAME_FORM.search(t)
    if m is None:
        return False
    before = t[: m.start()].rstrip(" ,").split()
    return bool(before) and before[-1].lower() not in _SMALL_WORDS | {"a"}


_BARE_NUMBER = re.compile(r"\d{1,3}(?:\.[A-Za-z0-9]{1,3})*\.?")
def _number_alone(t: str) -> bool:
    """A piece of a line that is a number and nothing else ("17.D.", "Section 4")."""
    m = match_marker(t)
    return _BARE_NUMBER.fullmatch(t) is not None or (m is not None and not t[m.rest :].strip())


NUMBER_GAP = 10  # sections missing between "5.3" and "10.1" that still place 10.1 beside 5.3


def _prose(text: str) -> bool:
    """A sentence, not a list of section names: "10.1 Each Party shall bear its own costs …", not
    "10.1 Payment" or "12.1 Governing Law" (a survival list under "5.3 The following Sections survive:",
    which must not become clauses the report would cite as present)."""
    words = text.split()
    return bool(words) and words[0][:1].isupper() and len(words) >= 6 and sum(w[:1].islower() for w in words) >= 3
ADDRESS_LINE = 80  # a line of a notice's address block is at most this long
ADDRESS_ITEM = 400  # an item that is a notice's address ("(ii) if to Acme:" and its lines) is at most this long
_MODAL = re.compile(r"\b(?:shall|will|may|must|is|are|agrees?|acknowledges?)\b")


def _sentence_line(t: str) -> bool:
    """A line that starts a sentence of the contract ("Each Party may designate …"), not a line of
    an address ("Via del Castello 12", "Attn: General Counsel")."""
    return t[:1].isupper() and len(t.split()) >= 8 and _MODAL.search(t) is not None


ADDRESS_REACH = 3  # lines above or below a party's name searched for its address block
_ADDRESS_CUE = re.compile(r"(?i)^(?:in\s+the\s+case\s+of|if\s+to|to|for)\b[^.;]{0,60}:$|^by\s*:|^c/o\b|\bp\.?\s?o\.?\s+box\b|"
                          r"^\d{1,6}[A-Za-z]?,?\s+(?:[A-Z][\w.'’-]*\s+){0,4}(?:street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|"
                          r"drive|dr\.?|lane|way|parkway|place|court|square|highway)\b|\b(?:suite|floor)\s+\d|"
                          r"\b[A-Z]{1,2}-?\d{4,5}\b|,\s*[A-Z]{2}\s+\d{5}\b")


def _address_cue(t: str) -> bool:
    """A line of a notice's address block: a label ("Attention:", "If to Acme:", "In the case of LEO:"),
    "By:", a street, a suite, a postcode ("Rockaway, New Jersey 07866", "DK-2750 Ballerup")."""
    return bool(_ADDRESS_LABEL.search(t) or _ADDRESS_CUE.search(t) or _is_postcode(t))


def _party_line(t: str) -> bool:
    """A party's name over its "By:" line: short, no sentence ("ACME CORP.", "For Acme Corp.:")."""
    return len(t) <= 80 and not _SENTENCE_VERB.search(t) and not t.endswith((";", ",")) and match_marker(t) is None


_INLINE_HEADING = re.compile(r"^([A-Z\"“][^.:;\n]{0,80}?)(?:\.|:|\s[-–—])(?:\s+|$)")
# the labels of a notice clause's address block: "If to Talent:", "With a copy to:", "Attention:", "Fax No.:"
# and its city lines: "San Mateo, CA 94402", "Los Angeles, California 90067 USA"
_ADDRESS_LABEL = re.compile(r"(?i)^(?:if\s+to|with\s+(?:a\s+)?cop(?:y|ies)\s+to|copy\s+to|(?:to\s+the\s+)?attention|attn)\b|^suite\s+\S+$|"
                            r"^(?:fax|facsimile|tel(?:ephone)?|phone|e-?mail)(?:\s+(?:no\.?|number|#))?\s*:|"
                            r",\s*[A-Za-z][A-Za-z .]{0,30}\s\d{5}(?:-\d{4})?(?:,?\s+U\.?S\.?A?\.?)?$")
# a contents line with its page numbers ("Table of Contents 2", "Survival 57 18"), a date ("July 1,
# 2008") or a fragment is no run-in heading; "Exhibit 14", "Milestone #1" and "Contract Year 2011" are
_NOT_RUN_IN = re.compile(r"\s#?\d{1,3}(?:\s+\d{1,3})*$|\s-\s*\d{1,3}\s*-$|"
                         r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December),?\s+\d")
_NAME_WORDS = (r"clause|exhibit|rule|schedule|attachment|annex|appendix|milestone|year|section|article|part|phase|stage|"
               r"objective|severity|level|tier|step|version|chapter|item")
_NUMBERED_NAME = re.compile(rf"(?i)\b(?:{_NAME_WORDS})\s+#?\d{{1,3}}$")
_NAME_LEAD = re.compile(rf"(?i)^\W*(?:{_NAME_WORDS})\b")  # 'Schedule "2"', "Year 1 Fees"
_CLAUSE_NUMBER = re.compile(r"\b\d{1,3}\.\s?\d{1,3}\b")
_ZIP = re.compile(r"\d{5}(?:-\d{4})?")
# a field of a notice's address block whose value was left out or redacted: "Telephone" alone on its line
_ADDRESS_FIELD = re.compile(r"(?i)(?:tel(?:ephone)?|phone|fax|facsimile|telecopier|telefax|e-?mail)(?:\s+(?:no\.?|number|#))?")
_LIST_STYLE = re.compile(r"^[ph][lu](?:alpha|roman)$|^[ph]dec$")  # "(a)", "(i)", "(A)", "(1)", "a)": items of a list
_LIST_END = re.compile(r"(?i)[;,]\s*(?:and|or)$")  # "(a) Trade Marks; and": an item of a list
_STOCK_HEADING = re.compile(r"(?i)time is of the essence")  # a heading with a verb in it
# A table of contents: its heading, then entries with page numbers ("1.1 Certain Definitions   2",
# "Term..........12", "RemainCo House Marks ii", a row "1.19 Cover 10 1.20 ctDNA 10"). It ends at the
# last entry with a page number before the body's first sentence.
_CONTENTS_HEAD = re.compile(r"(?i)^table\s+of\s+contents\b|^(?:contents|index)(?=:?(?:\s+\(continued\))?$)")
_ROMAN_PAGE = r"(?:x{0,3}(?:ix|iv|v?i{1,3}|v)|x{1,3})"  # i … xxxix: front-matter pages, not "civil"
# (a PDF's right-aligned page number can come out run into the title: "TERM AND TERMINATION37")
_PAGE_END = re.compile(rf"(?:(?:^|[ \t]|\.{{2,}}|…)\s*(?:-\s*)?(?:\d{{1,3}}|{_ROMAN_PAGE})(?:\s*-)?|(?<=[A-Z]{{3}})\d{{1,3}})$")
# where a row of entries splits into titles, and the numbering in front of a title
_PAGE_SPLIT = re.compile(rf"(?:[ \t.…]++(?:-\s*)?(?:\d{{1,3}}|{_ROMAN_PAGE})(?:\s*-)?|(?<=[A-Z]{{3}})\d{{1,3}})(?=\s|$)")  # possessive: one way through a leader
_ENTRY_LEAD = re.compile(r"^[\s\W]*(?:(?i:article|section|clause|exhibit|schedule|annex|appendix|part)\s+)?"
                         r"(?:(?:\d+(?:\.\d+)*|[IVXLC]+|[A-Z])(?:[.):]\s*|\s+|$))?[-–]?\s*")
_OBLIGATION = re.compile(r"(?i)\b(?:shall|will|must|hereby)\b")  # not "agree": "Failure to Agree   12" is an entry
_PAGE_GAP = re.compile(r"(?<=\S)[ \t]{2,}\d{1,3}[ \t]{2,}(?=\S)")  # '"Actions"     1  1.2': a page, then the next entry's number
_PAGE_TOKEN = re.compile(r"(?<!\S)\d{1,3}(?!\S)")
_SENTENCE_VERB = re.compile(r"\b(?:shall|will|may|must|is|are|means|agrees?|hereby|was|were|has|have)\b")
CONTENTS_ENTRIES = 3  # page numbers needed to call it a table of contents
CONTENTS_GAP = 6  # lines without a page number an entry may run to (a heading, a wrapped title)
CONTENTS_CHARS = 30_000  # the longest table read (CUAD's longest, with dot leaders: 12,300 characters)
CONTENTS_TITLES = 40  # titles of a table looked up in the body (an even sample of a longer table)
CONTENTS_CHECKS = 20  # tables checked per text at most
PAGE_TAIL = 24  # characters at the end of an entry searched for its page number
RUNNING_REPEATS = 3  # a short line seen this often, spread over the text, is a running head …
RUNNING_SPREAD = 2000  # … its first and last copies at least this many characters apart …
RUNNING_GAP = 1000  # … and its copies this far apart on average (rows of a table come closer)
_SMALL_WORDS = {"of", "and", "or", "the", "to", "for", "in", "on", "a", "an", "by", "with", "as", "at", "from", "upon", "its", "not", "no"}
_TITLE_WORDS = re.compile(r"\b(AGREEMENT|Agreement|CONTRACT|Contract|MEMORANDUM|Memorandum|TERMS|LICEN[SC]E|ADDENDUM|AMENDMENT)\b")
# a contract's reference number, not its name: "Contract No.: 151315UD0081", "Agreement Number 12965",
# "TELKOM CONTRACT No. 076C/01" (but "AMENDMENT NO. 1" is a name)
_REFERENCE_LINE = re.compile(r"(?i)\b(?:contract|agreement)\s+(?:no\.?|n[°o]\.?|number|#)\s*([:.]?)\s*([\w./\-]*\d[\w./\-]*)$")


def _reference_line(t: str) -> bool:
    """A line that only gives the contract's reference number ("Contract No.: 151315UD0081", "TELKOM
    CONTRACT No. 076C/01"), not the agreement's own name with its number ("SUPPLEMENTAL AGREEMENT NO. 5",
    "JOINT DEVELOPMENT AGREEMENT NO. 2", "Supplemental Agreement No. 12 to Purchase Agreement No. 2484")."""
    m = _REFERENCE_LINE.search(t)
    if m is None:
        return False
    before = t[: m.start()].strip()
    if not before or m.group(1) == ":":
        return True
    return not re.search(r"(?i)\bto\b", before) and re.fullmatch(r"\d{1,3}", m.group(2)) is None


@dataclass(slots=True)
class _Node:
    kind: str
    start: int
    style: str | None = None
    value: int = 0
    label: str | None = None
    heading: str | None = None
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    paragraphs: list[list[int]] = field(default_factory=list)  # own text: [start, end] pairs
    end: int = 0
    outline: int | None = None  # the level of the Word heading style it was written in ("Heading 2": 2)
    run_in: bool = False  # an item of a list run into a sentence ("… will not: (i) conflict …; (ii) …")

    def add_text(self, start: int, end: int, new_paragraph: bool) -> None:
        if self.children:  # text after children belongs to the last child subtree
            self.children[-1].deepest().add_text(start, end, new_paragraph)
            return
        if new_paragraph or not self.paragraphs:
            self.paragraphs.append([start, end])
        else:
            self.paragraphs[-1][1] = end
        self.end = max(self.end, end)

    def deepest(self) -> _Node:
        node = self
        while node.children:
            node = node.children[-1]
        return node


# a line that stops at one of these words stops mid-sentence
_OPEN_END_WORD = re.compile(r"(?i)\b(?:and|or|nor|the|a|an|of|to|in|for|by|with|as|on|at|from|under|any|such|that|which|its|their|this|"
                            r"these|those|all|is|are|be|shall|will|may)$")


@dataclass(slots=True)
class _Line:
    start: int
    end: int  # content bounds, stripped
    text: str
    blank_before: bool
    inline: bool = False  # starts mid-line (after a wide gap or a sentence end)


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    blank = True
    pos = 0
    last_top = 0  # the last top-level number ("3.") at a line start
    for raw in text.split("\n"):
        line_start = pos
        pos += len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        lead = len(raw) - len(raw.lstrip())
        s = line_start + lead
        content = raw[lead : lead + len(stripped)]
        cuts = {0: blank}
        if (m := _CAPS_LEAD.match(content)) and not _NUMBER_WORD.search(m.group()):
            # only a number that opens the body, or one that continues it ("OPTION 2." under § 2.1
            # is the option's own number) or opens a schedule's own numbering ("EXHIBIT C SERVICE FEES 1.")
            n = int(content[m.end() :].split(".", 1)[0])
            if n == last_top + 1 or (n == 1 and (last_top == 0 or _SCHEDULE_LEAD.match(content))):
                cuts[m.end()] = False
                last_top = n
        if (top := _TOP_NUMBER.match(content)) is not None:
            last_top = int(top.group(1))
        for m in _WIDE_GAP.finditer(content):
            cuts[m.end()] = True
        for m in _SENTENCE_MARKER.finditer(content):
            cuts.setdefault(m.end(), False)
        points = sorted(cuts)
        for i, p in enumerate(points):
            q = points[i + 1] if i + 1 < len(points) else len(content)
            piece = content[p:q].rstrip()
            if piece:
                out.append(_Line(s + p, s + p + len(piece), piece, cuts[p], i > 0))
        blank = False
    return out


_CODE = re.compile(r"(?=\w*\d)(?=\w*[A-Za-z])\w+")


def _is_caps_heading(t: str) -> bool:
    letters = [c for c in t if c.isalpha()]
    if len(letters) < 3 or len(t) > 80 or t.endswith((",", ";")) or len(t.split()) > 10:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper / len(letters) >= 0.9 and not _SIG_LINE.match(t) and not t.startswith(("[", "(")) and not _codes(t) \
        and not _ADDRESS_LABEL.search(t)


_HEADING_VERB = re.compile(r"\b(?:shall|will|may|must|is|are|means?)\b")
STYLED_HEADING_CHARS = 100  # a heading-styled paragraph longer than this is body text in a heading style


def _styled_heading_text(t: str) -> bool:
    """Is the text of a paragraph in a Word heading style ("Heading 2", "Title") a heading? Short, and
    no sentence: 'The firm name of the Joint Venture will be: TBD' or '"Territory" shall mean
    worldwide.' in a heading style is body text (big-law templates number every section through
    "Heading 2")."""
    words = t.split()
    if not words or len(t) > STYLED_HEADING_CHARS or len(words) > 14:
        return False
    return not (_HEADING_VERB.search(t) and (len(words) > 6 or t.rstrip().endswith(".")))


def _styled_headings(doc: Document) -> dict[int, tuple[str, int | None]]:
    """{start of its text: (style, outline level)} for every paragraph in a Word heading or title
    style (``Block.kind == "heading"``; text inputs have none)."""
    out: dict[int, tuple[str, int | None]] = {}
    for b in doc.blocks:
        if b.kind != "heading" or not b.style:
            continue
        raw = doc.text[b.start : b.end]
        start = b.start + len(raw) - len(raw.lstrip())
        title = b.style.lower().startswith("title")
        out[start] = ("title" if title else "heading", None if title else (b.level or 1))
    return out


def _closes_sentence(prev: _Line | None) -> bool:
    """Does the line before end a sentence, so that a new line after it may be a new paragraph?"""
    return prev is None or prev.text.rstrip().rstrip("\"'”’)]").endswith((".", ":", ";", "!", "?"))


def _instrument_heading(t: str) -> bool:
    """A line of capitals that names an instrument ("AMENDMENT III", "LICENSE AGREEMENT"), not a
    party ("ACME LICENSING CORP.")."""
    return len(t) <= 120 and _TITLE_WORDS.search(t) is not None and _is_caps_heading(t) and not _ENTITY_END.search(t)


def _after_full_stop(text: str, start: int) -> bool:
    """Does the text before ``start`` end a sentence ("… assigns. (a) …"), not run on into a list
    ("… will not: (i) …", "… its charter; (ii) …")?"""
    before = text[max(0, start - 8) : start].rstrip()
    if before.endswith("]"):  # a bracketed caption: Nuveen's "[For Mandatory Tenders] (i) A purchaser …"
        return True
    return before.rstrip("\"'”’)").endswith((".", "!", "?"))


def _is_postcode(t: str) -> bool:
    """A postcode alone: "K2G 5J9", "L6T 5P6", "10022", "94402-1234"."""
    return _codes(t) or _ZIP.fullmatch(t.strip()) is not None


def _codes(t: str) -> bool:
    """Only words of letters and digits mixed: a postcode ("K2G 5J9") or a reference, not a
    heading ("Y2K COMPLIANCE" is one)."""
    words = t.split()
    return all(_CODE.fullmatch(w) for w in words)


def _is_title_heading(t: str) -> bool:
    words = t.rstrip(":").split()
    if not 1 <= len(words) <= 6 or t.endswith((".", ",", ";")) or len(t) > 60:
        return False
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS or not w[:1].isalpha() for w in words) and words[0][:1].isupper() \
        and not _codes(t) and not _ADDRESS_LABEL.search(t)


def _run_in_ok(cand: str) -> bool:
    """Not a contents line with its page numbers, a date, a row of figures, an address label or a fragment."""
    return not (_NOT_RUN_IN.search(cand) and not _NUMBERED_NAME.search(cand)) and cand.count("(") == cand.count(")") \
        and sum(any(ch.isdigit() for ch in w) for w in cand.split()) <= 1 and not _ADDRESS_LABEL.search(cand)


def _inline_heading(rest: str) -> tuple[str | None, int]:
    """("Steering Committee", offset of body) for "Steering Committee. The Parties shall …"."""
    stripped = rest.strip()
    if not stripped:
        return None, 0
    if _is_caps_heading(stripped):
        return stripped.rstrip(".:").strip(), len(rest)
    m = _INLINE_HEADING.match(rest)
    if m:
        cand = m.group(1).strip().strip("\"“”")
        if _STOCK_HEADING.fullmatch(cand):
            return cand, m.end()
        if not _run_in_ok(cand):
            return None, 0
        words = cand.split()
        if 1 <= len(words) <= 9 and words[0][:1].isupper():
            caps = [w for w in words if w.lower() not in _SMALL_WORDS]
            if caps and all(w[:1].isupper() or not w[:1].isalpha() for w in caps):
                if not re.search(r"\b(shall|will|may|must|is|are|means)\b", cand):  # a verb makes it a sentence
                    return cand, m.end()
    return None, 0


def _contents(lines: list[_Line], text: str) -> dict[int, int]:
    """Tables of contents that start in the first half of the text: {heading line: last entry line}.
    An entry bears a page number; a few lines without one (a heading, a wrapped title, "Page", a
    redaction footnote) may come between; a sentence or a long line ends the table. "ARTICLE 1" or
    "Chapter 2" alone is a heading, not a page number: the body's first heading stays in the body.
    A table is one only if the titles it lists come back later in the text (a fee table under an
    EDGAR "Table of Contents" link does not)."""
    out: dict[int, int] = {}
    recur: _Recurrence | None = None  # built at the first table that needs checking
    i = 0
    while i < len(lines) and lines[i].start < len(text) // 2:
        if recur is not None and recur.calls >= CONTENTS_CHECKS:
            break  # no table can be accepted any more: don't scan 30,000 characters per "Contents" line
        if not _CONTENTS_HEAD.match(lines[i].text):
            i += 1
            continue
        paged = [i]
        for j in range(i + 1, len(lines)):
            t = lines[j].text
            if lines[j].end - lines[i].start > CONTENTS_CHARS:
                break
            if _is_entry(t):
                paged.append(j)
            elif t.startswith("[") and "*" in t[:6]:
                continue  # "[* * *] = Certain confidential information … has been omitted"
            elif ((len(t.split()) > 16 or _SENTENCE_VERB.search(t)) and not t.isupper()) or j - paged[-1] > CONTENTS_GAP:
                break  # a sentence (but a notice in capitals between two pages of the table goes on)
        if len(paged) > 2 and lines[paged[-1]].text.isdigit():
            paged.pop()  # a bare number after the last entry numbers the body's first section ("1" / "Introduction")
        if len(_PAGE_TOKEN.findall(lines[i].text)) + len(paged) - 1 >= CONTENTS_ENTRIES:
            listed = [_CONTENTS_HEAD.sub("", lines[i].text, count=1)] + [ln.text for ln in lines[i + 1 : paged[-1] + 1]]
            recur = recur or _Recurrence(text)
            if recur.titles_recur(listed, lines[paged[-1]].end):
                out[i] = paged[-1]
                i = paged[-1] + 1
                continue
        i += 1
    return out


def _is_entry(t: str) -> bool:
    """A contents entry with its page number: "1.1 Certain Definitions   2", "Term.....12", "House
    Marks   ii", '"Actions"     1  1.2', a row "1.19 Cover 10 1.20 ctDNA 10". The page number is read
    from the last characters only (a run of spaces or dots is otherwise searched from each of its
    characters again); a line with "shall" or "will" is a sentence that ends in a number."""
    if _OBLIGATION.search(t):
        return False
    if _PAGE_END.search(t[-PAGE_TAIL:]) and len(t.split()) <= 40 and not _NUMBERED_NAME.search(t):
        return True
    return bool(_PAGE_GAP.search(t)) or (len(_PAGE_TOKEN.findall(t)) >= 3 and not _SENTENCE_VERB.search(t))


class _Recurrence:
    """The text once, lower-cased with its whitespace squashed, to ask whether the titles a table of
    contents lists come back after it: at least half of them, and at least two."""

    def __init__(self, text: str) -> None:
        words = text.lower().split()
        self.body = " ".join(words)
        self.word_starts = [m.start() for m in re.finditer(r"\S+", text)]
        self.squashed_starts = list(itertools.accumulate((len(w) + 1 for w in words[:-1]), initial=0))
        self.calls = 0

    def titles_recur(self, entries: list[str], after: int) -> bool:
        self.calls += 1
        if self.calls > CONTENTS_CHECKS:  # a text of "Contents" lines: each check reads the whole text
            return False
        titles = []
        for e in entries:
            for piece in _PAGE_SPLIT.split(e):
                title = " ".join(_ENTRY_LEAD.sub("", piece).lower().split()).strip(" .:;\"“”")
                if len(title) >= 4 and not title.isdigit():
                    titles.append(title)
        titles = titles[:: max(1, len(titles) // CONTENTS_TITLES)]  # an even sample of long tables
        k = bisect.bisect_left(self.word_starts, after)
        start = self.squashed_starts[k] if k < len(self.squashed_starts) else len(self.body)
        found = sum(self.body.find(t, start) >= 0 for t in titles)
        return found >= 2 and found * 2 >= len(titles)


def _running_heads(lines: list[_Line]) -> set[str]:
    """Running heads and footers of a text without pages (EDGAR's TXT keeps them inline): a short
    line that comes back on page after page ("Kallo - MobileCare", "Google Confidential", "- 7 -
    TELKOM CONTRACT No. 076C/01"), read with its digits folded. Not a marker, a label ending in ":",
    a numbered name ("Year 1", "Item 100"), a signature line or a sentence."""
    seen: dict[str, list[_Line]] = {}
    verdict: dict[str, bool] = {}  # a line read once, however often it comes back
    for ln in lines:
        if ln.text not in verdict:
            verdict[ln.text] = _may_run(ln.text)
        if verdict[ln.text]:
            seen.setdefault(_fold(ln.text), []).append(ln)
    out = set()
    for key, copies in seen.items():
        spread = copies[-1].start - copies[0].start
        if len(copies) >= RUNNING_REPEATS and spread >= RUNNING_SPREAD and spread >= RUNNING_GAP * (len(copies) - 1):
            out.add(key)
    return out


def _may_run(t: str) -> bool:
    """Could this line be a running head? Short, with a few letters; not an item ("5 MMS"), a line
    holding a clause number ("…076C/01   1. 3"), a label ("Title:"), a sentence (but "ASTERISKS DENOTE
    OMISSIONS." is a head), a marker, a numbered name, a signature line or a recital."""
    if len(t) > 100 or t[:1].isdigit() or len(t.split()) > 12 or sum(map(str.isalpha, t)) < 3 or _CLAUSE_NUMBER.search(t):
        return False
    if t.endswith((":", ";", ",")) or (t.endswith(".") and not t.isupper()) or _SENTENCE_VERB.search(t):
        return False
    return match_marker(t) is None and not _NAME_LEAD.match(t) and not _SIG_LINE.match(t) and not _RECITAL.match(t)


_DIGITS = re.compile(r"\d+")


def _fold(t: str) -> str:
    """A line as its running-head copies share it: digits folded, spaces squashed, lower case."""
    return _DIGITS.sub("0", " ".join(t.split())).lower()


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.root = _Node("root", 0)
        self.stack: list[_Node] = [self.root]
        self.in_signature = False
        self.labelled_signature = False  # the open signature block was found by its labels, not "IN WITNESS"
        self.seen_body = False  # any clause opened yet (before that: title/preamble)
        self.line_mode = doc.media_type in PDF_LIKE
        self.typical = 0
        self.wrapped = True
        self.running: set[str] = set()  # running heads (folded), see _running_heads
        self.contents_starts: set[int] = set()  # line indexes that open a table of contents
        self.styled = _styled_headings(doc)  # Word heading-styled paragraphs, by start
        self.styled_title: str | None = None  # the instrument's name in Word's Title style
        self.prev_text = False  # the line before went into a clause's text (it opened nothing)
        self.after_marker = ""  # the text after the marker being placed, stripped

    # -- stack helpers -------------------------------------------------------------------------

    def _open(self, node: _Node, parent: _Node) -> _Node:
        while self.stack[-1] is not parent:
            self.stack.pop()
        node.parent = parent
        parent.children.append(node)
        self.stack.append(node)
        node.end = max(node.end, node.start)
        return node

    def _find_style(self, style: str) -> int | None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].style == style:
                return i
        return None

    def _article_or_root(self) -> _Node:
        for node in reversed(self.stack):
            if node.kind in ("article", "schedule"):
                return node
        return self.root

    # -- marker placement ------------------------------------------------------------------------

    def _place(self, m: Marker, opens_body: bool = False, bare: bool = False, run_in: bool = False) -> tuple[_Node, str, int] | None:
        """Where a marker goes (:meth:`_place_in_stack`). A marker that fits nowhere while a
        sub-heading is open ("1." under "Milestone" in clause 2.3, where a table or an exhibit's own
        numbering starts) is placed as it was before sub-headings sat inside clauses: as if the
        sub-heading stood at the top."""
        placed = self._place_in_stack(m, opens_body, bare, run_in)
        h = next((k for k in range(len(self.stack) - 1, 0, -1) if self.stack[k].style == "subhead"), None)
        if placed is not None or h is None:
            return placed
        stack = self.stack
        # the section's own numbering goes on ("3." after "2. WARRANTIES" / "Warranties of Acme" / its
        # items "1." … "3."): placed as if the sub-heading and what it holds were closed
        for view in (stack[:h], [self.root] + stack[h:]):
            self.stack = list(view)
            try:
                placed = self._place_in_stack(m, opens_body, bare, run_in)
            finally:
                self.stack = stack
            if placed is not None:
                return placed
        return None

    def _place_in_stack(self, m: Marker, opens_body: bool = False, bare: bool = False, run_in: bool = False) -> tuple[_Node, str, int] | None:
        """Where a marker goes: (parent, style, value), or None if it is not plausible.
        ``opens_body``: a headed "1." ("1. DEFINITIONS.") that may follow the lettered recitals;
        ``bare``: a number alone on its line without a dot (EDGAR's page number "1" on the cover);
        ``run_in``: an item of a list run into a sentence, which never restarts a list already open
        ("(iii) … will not: (i) conflict …; (ii) violate …" is no second (i) beside (iii): it stays text)."""
        style, value = m.style, m.value
        if m.alt_style is not None:
            i = self._find_style(m.alt_style)
            if i is not None and self.stack[i].value == (m.alt_value or 0) - 1:
                style, value = m.alt_style, m.alt_value or 0
            elif self._find_style(style) is None and self._list_goes_on(m.alt_style, m.alt_value or 0):
                # "(c)" after "(a) …; (b) …" that a paragraph closed is the letter, not Roman 100
                style, value = m.alt_style, m.alt_value or 0
        if style == "schedule":
            return self.root, style, value
        if style == "article":
            i = self._find_style("article")
            if i is not None and not (value == self.stack[i].value + 1 or value == self.stack[i].value):
                if value <= self.stack[i].value:
                    return None
            return self._schedule_or_root(), style, value
        if style.startswith("dec") and style != "dec1":
            depth = int(style[3:])
            parts = m.label.split()[-1].split(".")
            # pop decimal ancestors whose number does not prefix this one ("4" cannot hold "5.1")
            for i in range(len(self.stack) - 1, 0, -1):
                node = self.stack[i]
                if node.style and node.style.startswith("dec") and node.style != "dec":
                    d = int(node.style[3:])
                    if d < depth:
                        mine = node.label.split()[-1].split(".") if node.label else []
                        if mine[:d] == parts[:d]:
                            sib = self._find_style(style)
                            if sib is not None and sib > i:
                                return self.stack[sib - 1], style, value
                            return self.stack[i], style, value
        i = self._find_style(style)
        if i is not None and style.startswith("dec") and style != "dec1" and self.stack[i].label:
            # "10.3" after "9.4": a new section whose heading number was never written
            mine = _number_tuple(self.stack[i].label)
            new = _number_tuple(m.label)
            if mine and new and len(mine) == len(new) and mine[:-1] != new[:-1]:
                # "10.1 Each Party …" after "5.3" too, where sections 6 to 9 were run into 5.3's text or left out
                # (BIOAMBER); not an index's "10.1 4.4(c)(i) 17.3" nor a contents line's "3.11.1" under "3.7.2"
                if (0 < new[-2] - mine[-2] <= 3 and new[-1] <= 3) or (
                        len(new) == 2 and 0 < new[-2] - mine[-2] <= NUMBER_GAP and new[-1] == 1 and _prose(self.after_marker)):
                    return self.stack[i - 1], style, value
                return None
        if i is not None:
            prev = self.stack[i].value
            if run_in and value <= prev:
                if value == 1 and i < len(self.stack) - 1:
                    # the open "(i)" sits above the clause the sentence is in (DIVERSINET's "(a) Manner
                    # of Performance. Reseller shall: (i) use …" under 4(i)(b)): a new list in that clause
                    return self.stack[-1], style, value
                return None
            if value == 1 and not style.startswith("dec") and any(
                    (n.style or "")[:3] == "dec" and n.style not in ("dec", "dec1") for n in self.stack[i + 1 :]):
                # "(i)" under 11.1 while an "(i)" of clause 1.7 is still open above 11 and 11.1 (its
                # item took them in): a new list in the open clause, not a restart that closes them
                return self.stack[-1], style, value
            if value == prev + 1 or (prev < value <= prev + 3) or (value == 1 and not style.startswith("dec")):
                return self.stack[i - 1], style, value
            return None
        if i is None and (resumed := self._resumed(style, value)) is not None:
            return resumed, style, value
        if i is None and (captioned := self._after_caption(style, value)) is not None:
            return captioned, style, value
        if i is None and self._list_goes_on(style, value):
            return self.stack[-1], style, value
        limit = 3 if style in ("dec1",) or not style.startswith("dec") else 10**6
        if value > limit:
            return None
        if opens_body and style == "dec1" and value == 1 and len(self.stack) >= 3 and self.stack[-1].kind == "clause" \
                and self.stack[-2].kind == "recital" and not (self.stack[-1].style or "").startswith("dec"):
            # "D. The Company's Appointment …" then "1. ESTABLISHMENT OF DISTRIBUTORSHIP": the body
            # starts (no "NOW, THEREFORE" closed the recitals); section 1 is not an item of recital D
            return self.root, style, value
        if bare and self._in_preamble():
            return None  # a stray number in the cover or the preamble (a page number, a footnote mark) is text
        if self.stack[-1].kind == "recital" and _NOW_THEREFORE.match(self.text[self.stack[-1].start : self.stack[-1].start + 20]) and _starts_body(m, style, value):
            return self.root, style, value  # "NOW, THEREFORE, … agree as follows:" closes the recitals: "1." opens the body
        if self.stack[-1].kind == "title" or (self._in_preamble() and _starts_body(m, style, value)):
            return self.root, style, value  # the body's "1." or "ARTICLE I" after the preamble is no item of it
        return self.stack[-1], style, value

    def _in_preamble(self) -> bool:
        """The open clause is the preamble or sits in it ("Exhibit 10.12" read as a number under it),
        and its last paragraph does not announce the list of parties ("BETWEEN:" over "1. ACME
        LIMITED …; and 2. BETA LIMITED …"); "… agree as follows:" announces the body."""
        if not any(n.kind == "preamble" for n in self.stack):
            return False
        last = self.stack[-1]
        return not (last.paragraphs and _PARTIES_FOLLOW.search(self.text, max(0, last.paragraphs[-1][1] - 60),
                                                              last.paragraphs[-1][1]))

    def _resumed(self, style: str, value: int) -> _Node | None:
        """The parent of an unnumbered heading that has text of its own and interrupts a numbered
        run this marker resumes: "12.01 Notices … Brampton, Ontario / Attention: … 12.02" puts
        12.02 beside 12.01, not under an address line taken for a heading. A heading right above
        the marker ("CONFIDENTIALITY" then "3. …") still holds it; one with an intro sentence
        ("REPRESENTATIONS OF LICENSOR / Licensor further represents that: / 5.3 …") does not."""
        h = self._find_style("caps")
        if h is None or not style.startswith("dec"):  # "(a)" and "(i)" restart too often to resume
            return None
        heading, parent = self.stack[h], self.stack[h - 1]
        if not (heading.paragraphs or heading.children):
            return None
        run = [c for c in parent.children if c.style == style]
        return parent if run and run[-1].value == value - 1 else None

    def _schedule_or_root(self) -> _Node:
        for node in reversed(self.stack):
            if node.kind == "schedule":
                return node
        return self.root

    # -- the walk ------------------------------------------------------------------------------

    def build(self) -> list[_Node]:
        lines = _lines(self.text)
        self.running = _running_heads(lines)
        if lines:
            lengths = sorted(ln.end - ln.start for ln in lines if not ln.inline)
            self.typical = lengths[int(len(lengths) * 0.8)] if lengths else 0
        # Wrapped text (PDF lines, hard-wrapped TXT) marks paragraphs with blank lines or a short
        # last line; unwrapped text (one paragraph per line, as in most CUAD files) with newlines.
        self.wrapped = self.line_mode or self.typical <= 200
        prev: _Line | None = None
        consumed_heading: int | None = None
        contents = _contents(lines, self.text)
        self.contents_starts = set(contents)
        contents_end = -1
        carry_blank = False
        for idx, ln in enumerate(lines):
            if consumed_heading == idx:
                prev = ln
                continue
            if idx in contents:  # one leaf for the whole table: its lines open no clauses
                contents_end = contents[idx]
                self._open(_Node("contents", ln.start, heading=_CONTENTS_HEAD.match(ln.text).group(0)), self.root)
            if idx <= contents_end:
                self.stack[-1].add_text(ln.start, ln.end, ln.blank_before)
                if idx == contents_end:
                    del self.stack[1:]
                prev = ln
                continue
            if self._furniture(ln.text) and (self.seen_body or self._cover_page_number(ln, lines[idx + 1 : idx + 2])):
                carry_blank = carry_blank or ln.blank_before  # a blank line above the furniture stands above the next line
                continue  # page furniture: neither a paragraph nor a break (prev stays as it was)
            if carry_blank:
                ln.blank_before, carry_blank = True, False
            if self.wrapped:
                new_par = ln.blank_before or self._ends_paragraph(prev)
            else:
                new_par = ln.blank_before or not ln.inline
            if new_par and prev is not None and ln.text[:1].islower() and not prev.text.endswith((".", ";", ":", "!", "?")):
                new_par = False  # a sentence broken by a page break goes on
            opened = None if self._mid_sentence(prev, ln) else self._try_open(ln, lines, idx)
            self.prev_text = opened is None
            if opened is not None:
                node, heading_next = opened
                if heading_next:
                    consumed_heading = idx + 1
                    nxt = lines[idx + 1]
                    node.heading = nxt.text.rstrip(".:").strip()
                    node.end = nxt.end
                prev = lines[idx + 1] if heading_next else ln
                continue
            target = self.stack[-1]
            if target is self.root or target.kind == "title":
                target = self._open(_Node("preamble", ln.start), self.root)
            elif new_par and (not ln.inline or ln.blank_before):  # (not a sentence after a run-in item on its line)
                target = self._after_list(ln, target, prev)
            if not ln.inline or new_par:
                target = self._after_address_item(ln, target)
            target.add_text(ln.start, ln.end, new_par)
            prev = ln
        return self.root.children

    def _after_list(self, ln: _Line, target: _Node, prev: _Line | None) -> _Node:
        """A new paragraph after a list run into a sentence is no part of its last item: it is a
        paragraph of the clause that holds the list (CARDAX's "6.6 Recall. … CARDAX shall: (i) …;
        and (ii) …" then four paragraphs, cited "6.6(i) ¶ 2…5"; now "6.6 ¶ 2…5"). Not where the
        item's sentence goes on past a page break (CytoDyn's 9.2(l) "… that would be" / page footer /
        "CytoDyn Know-How … assignment. (m) …": (m) and the rest of 9.2 were lost)."""
        last = target.deepest()  # where the text would go
        if not (last.run_in or last.kind == "paragraph"):  # (paragraph nodes exist only from here on until _finish)
            return target
        if last.run_in and not _closes_sentence(prev):
            return target
        holder = last
        while holder.run_in or holder.kind == "paragraph":
            holder = holder.parent
        if holder is self.root or holder.kind in ("preamble", "recital", "title", "contents", "signature"):
            return target
        while self.stack[-1] is not holder:  # the list is closed ...
            self.stack.pop()
        # ... and the paragraph stays off the stack: a marker after it is placed as if it were not there
        node = _Node("paragraph", ln.start, parent=holder, end=ln.start)
        holder.children.append(node)
        return node

    def _after_address_item(self, ln: _Line, target: _Node) -> _Node:
        """A sentence after an item that is a notice's address ("(ii) if to MOLIPHARMA:" / "To the
        attention of …" / "Telephone") is no part of that address: it is a paragraph of the clause
        that holds the list. In KIROMIC's PDF, § 12's waiver, severability, assignment and costs
        paragraphs were read as item (ii), the second party's address."""
        item = target.deepest()
        if item.run_in or not item.label or _LIST_STYLE.match(item.style or "") is None:
            return target
        if item.end - item.start > ADDRESS_ITEM or not _sentence_line(ln.text) or _address_cue(ln.text):
            return target
        first = self.text[item.start : item.end].split("\n", 1)[0]
        rest = first[len(item.label) :].strip()
        if not (rest.endswith(":") and _ADDRESS_LABEL.search(rest)):
            return target
        holder = item.parent
        if holder is None or holder is self.root:
            return target
        while self.stack[-1] is not holder:  # the address is closed ...
            self.stack.pop()
        node = _Node("paragraph", ln.start, parent=holder, end=ln.start)  # ... as _after_list closes a list
        holder.children.append(node)
        return node

    def _list_goes_on(self, style: str, value: int) -> bool:
        """The next item of a run-in list that paragraphs closed ("… (4) information that is …" / a
        note / "(5) admission by that Person …"): beside it, in the clause that holds the list."""
        for child in reversed(self.stack[-1].children):
            if child.kind != "paragraph":
                return child.run_in and child.style == style and child.value == value - 1
        return False

    def _ends_paragraph(self, prev: _Line | None) -> bool:
        if prev is None:
            return False
        return prev.text.endswith((".", ":", ";")) and len(prev.text) < 0.75 * self.typical

    def _mid_sentence(self, prev: _Line | None, ln: _Line) -> bool:
        """In wrapped text, a line that continues a full-width line mid-sentence opens nothing
        ("… as provided in\nArticle XV. The Parties …" is a cross-reference, not Article XV)."""
        if not self.wrapped or prev is None or ln.blank_before or ln.inline:
            return False
        if prev.text.endswith((".", ":", ";", "!", "?")):
            return False
        if _is_caps_heading(prev.text) and not (self.prev_text and match_marker(ln.text) is None):
            # a line of capitals under a heading may head what follows; under a line of capitals that
            # went on a sentence it goes on too ("… COMPLIANCE" / "OBLIGATIONS UNDER SECTION 20, …")
            return False
        # a line of capitals holds fewer characters: one that stops at "OR", "THE" … goes on below
        # ("… ANY DATE OF EXPIRATION OR\nTERMINATION HEREOF." is no heading)
        return len(prev.text) >= 0.75 * self.typical or bool(_OPEN_END_WORD.search(prev.text)) and match_marker(ln.text) is None

    def _try_open(self, ln: _Line, lines: list[_Line], idx: int) -> tuple[_Node, bool] | None:
        t = ln.text
        nxt = lines[idx + 1] if idx + 1 < len(lines) else None
        if self.in_signature:
            m = match_marker(t)
            if self.labelled_signature and self._ends_labelled_signature(ln, m):
                self.in_signature = self.labelled_signature = False  # read the line as any other
            elif m is None or m.style != "schedule" or not _schedule_line(ln, m):
                return None
            else:
                self.in_signature = False
        if _SIGNATURE.match(t) and self.seen_body:
            self.in_signature = True
            node = self._open(_Node("signature", ln.start, style="signature", heading="Signatures"), self.root)
            node.add_text(ln.start, ln.end, True)
            return node, False
        if self.seen_body and self._signature_block(lines, idx):
            self.in_signature = self.labelled_signature = True
            node = self._open(_Node("signature", ln.start, style="signature", heading="Signatures"), self.root)
            node.add_text(ln.start, ln.end, True)
            return node, False
        if _RECITALS_HEAD.match(t):
            node = self._open(_Node("recital", ln.start, style="recitals", heading=t.rstrip(":.").title()), self.root)
            node.end = ln.end
            self.seen_body = True
            return node, False
        if _RECITAL.match(t) or (_NOW_THEREFORE.match(t) and self._find_style("recitals") is not None):
            container_i = self._find_style("recitals")
            if container_i is None:
                container = self._open(_Node("recital", ln.start, style="recitals", heading="Recitals"), self.root)
            else:
                container = self.stack[container_i]
            node = self._open(_Node("recital", ln.start, style="recital"), container)
            node.add_text(ln.start, ln.end, True)
            self.seen_body = True
            return node, False
        # a paragraph in a Word heading style is a heading line; one in the Title style names the instrument
        styled = self.styled.get(ln.start) if not ln.inline and _styled_heading_text(t) else None
        if styled is not None and styled[0] == "title" and not self.seen_body:
            if self.root.children:  # under a cover line ("Contract No.: …"): the name, left in the preamble's text
                self.styled_title = self.styled_title or t
                return None
            node = self._open(_Node("title", ln.start, heading=t.rstrip(".")), self.root)
            node.end = ln.end
            return node, False
        if not self.seen_body and not self.root.children and _TITLE_WORDS.search(t) and len(t) <= 120 and (
            t.isupper() or _is_title_heading(t)
        ) and not _REDACTION_NOTICE.match(t) and not _reference_line(t):
            node = self._open(_Node("title", ln.start, heading=t.rstrip(".")), self.root)
            node.end = ln.end
            return node, False
        m = match_marker(t)
        if m is not None:
            if m.style == "schedule" and (not self.seen_body or not _schedule_line(ln, m)):
                m = None  # "EXHIBIT 10.1" above the title is the SEC exhibit number
            elif not self.seen_body and m.style.startswith("dec") and _EXHIBIT_BEFORE.search(self.text, max(0, ln.start - 12), ln.start):
                m = None  # "Exhibit 10.12 Certain identified information …" cut after "Exhibit": its number
        if m is not None:
            rest = t[m.rest :]
            heading, body_off = _inline_heading(rest)
            if styled is not None and rest.strip():  # "1. Defined Terms" in Heading 1: all of it is the heading
                heading, body_off = rest.strip().rstrip(".:").strip(), len(rest)
            nxt_free = not rest.strip() and nxt is not None and match_marker(nxt.text) is None
            heading_next = nxt_free and (_is_caps_heading(nxt.text) or _is_title_heading(nxt.text)) and not self._furniture(nxt.text) \
                and idx + 1 not in self.contents_starts  # "10.23" over "TABLE OF CONTENTS": an exhibit number
            # "19.   Assignment.  This Agreement …": the run of spaces cut the line after the number,
            # so the run-in heading opens the next piece
            run_in_next = _inline_heading(nxt.text)[0] if nxt_free and not heading_next and nxt.inline else None
            headed = bool(heading or heading_next or run_in_next)
            bare = not rest.strip() and not headed and not t[: m.rest].rstrip().endswith(".")
            # an item run into a sentence after ":" or ";" (not a clause CUAD's text runs on after a wide gap)
            # after a full stop it starts a sub-clause, even one not headed with a full stop: "…
            # permitted assigns. (a) Buyout. In the case …", "… Indemnified Party. (c) Right of
            # Indemnity in Favour of Others With respect to …" (INTERSECT 14.1, OLDAPI § 11)
            run_in = ln.inline and not ln.blank_before and _LIST_STYLE.match(m.style) is not None \
                and not _after_full_stop(self.text, ln.start)
            self.after_marker = rest.strip()
            placed = self._place(m, opens_body=headed and t[: m.rest].rstrip().endswith("."), bare=bare, run_in=run_in)
            if run_in and placed is not None and any(c.label == m.label for c in placed[0].children):
                placed = None  # its label is taken beside it: a list inside a paragraph, not a third (i)
            if heading is None and placed is not None and self._title_alone(ln, rest, nxt, placed[0]):
                heading, body_off = rest.strip(), len(rest)  # "19.4 Dispute Resolution" alone on its line
            if placed is not None:
                parent, style, value = placed
                kind = {"article": "article", "schedule": "schedule"}.get(style, "section" if style.startswith("dec") and parent is self.root else "clause")
                node = self._open(_Node(kind, ln.start, style=style, value=value, label=m.label, heading=heading or run_in_next,
                                        outline=styled[1] if styled else None, run_in=run_in), parent)
                self.seen_body = True
                if kind == "schedule" and len(t) > SCHEDULE_LINE:  # "Schedule 1 Field of Use Restrictions The licenses …"
                    heading, body_off = _run_on_name(rest)
                    node.heading = heading
                elif kind == "schedule" and heading is None and rest.strip():
                    heading, body_off = rest.strip(), len(rest)
                    node.heading = heading
                body_start = ln.start + m.rest + body_off
                while body_start < ln.end and self.text[body_start] in " \t":
                    body_start += 1
                if body_start < ln.end:
                    node.add_text(body_start, ln.end, True)
                else:
                    node.end = ln.end
                return node, heading_next
        if styled is not None:  # unnumbered: it heads what follows, as a line of capitals does in text
            return self._open_heading(ln, outline=styled[1] or 1), False
        caps = _is_caps_heading(t) and (self.seen_body or _TITLE_WORDS.search(t) is None) and not self._looks_like_title_zone() \
            and not self._heading_goes_on(ln, lines[idx - 1] if idx else None) and not self._address_name(t, lines, idx)
        if caps and nxt is not None and _is_caps_heading(nxt.text) and not self.seen_body:
            return None  # a block of capitals above the body is the title/party zone
        standalone = (  # "Confidentiality" alone between blank lines, in unwrapped text
            self.seen_body
            and not self.wrapped
            and ln.blank_before
            and nxt is not None
            and nxt.blank_before
            and _is_title_heading(t)
            and match_marker(nxt.text) is None
            and not (nxt.inline and _is_postcode(nxt.text))  # "Brampton,  Ontario      L6T 5P6"
            and not self._address_name(t, lines, idx)
            and not self._in_address_block(t, lines, idx)
        )
        if caps or standalone:
            return self._open_heading(ln, minor=standalone and not caps, prev=lines[idx - 1] if idx else None), False
        return None

    def _in_address_block(self, t: str, lines: list[_Line], idx: int) -> bool:
        """A line of a notice's address block, never the heading of what follows it: a field whose
        value was left out ("Telephone" alone, KIROMIC § 12, where it took § 12's general
        provisions as its own), an address line itself ("P.O. Box 900"), or a line right under one
        ("To the attention of …", "Attn: …", "Copy to:", a street, a postcode): "General Counsel",
        "Two Palo Alto Square"."""
        if _ADDRESS_FIELD.fullmatch(t.strip()) or _address_cue(t):
            return True
        nxt = lines[idx + 1] if idx + 1 < len(lines) else None
        if nxt is not None and _sentence_line(nxt.text) and not _address_cue(nxt.text):
            return False  # it heads a paragraph of the contract ("Attention: General Counsel" / "Governing Law" / "This Agreement shall …")
        j = idx - 1
        while j >= 0 and self._furniture(lines[j].text):
            j -= 1
        # only a short line is an address line: a preamble that gives a party's address ("…, Okeechobee, FL 34974,
        # hereinafter referred to as "SIC".") does not make "Overview" under it one
        return j >= 0 and len(lines[j].text) <= ADDRESS_LINE and _address_cue(lines[j].text)

    def _address_name(self, t: str, lines: list[_Line], idx: int) -> bool:
        """A party's name (:func:`_address_name`), but for a numbered heading ("17.D.    TRANSFER TO A
        WHOLLY-OWNED CORPORATION."); a country only beside a label ("Country:   USA"), in a signature
        block, or with a notice's label, street, postcode or "By:" within :data:`ADDRESS_REACH` lines
        and no numbered line between ("UNITED STATES" heading a schedule's country terms stays)."""
        if not _address_name(t):
            return False
        ln = lines[idx]
        if ln.inline and idx and _number_alone(lines[idx - 1].text):
            return False  # the heading of the number before it on its line ("17.D.    TRANSFER TO …")
        if not _COUNTRY.match(t.strip()) or ln.inline or self.in_signature:
            return True
        for step in (-1, 1):
            for j in range(idx + step, idx + step * (ADDRESS_REACH + 1), step):
                if not 0 <= j < len(lines):
                    break
                other = lines[j]
                if match_marker(other.text) is not None and not other.inline:
                    break
                if _address_cue(other.text):
                    return True
        return False

    def _signature_block(self, lines: list[_Line], idx: int) -> bool:
        """A signature block with no "IN WITNESS WHEREOF" above it: "By:" with "Name:" or "Title:"
        in the lines below, or a table row holding three of those labels (accelerated_jv.docx's
        "COLLECTIBLE CONCEPTS GROUP, INC. By: ____ Name: Title: Date: | PIVOTAL …" ended § 16), or
        the party's name on the line above such a "By:". Only after the body: not inside an exhibit
        (a form to be signed), and not where numbered sections follow."""
        if any(n.kind == "schedule" for n in self.stack):
            return False
        t = lines[idx].text
        first = _SIG_LABEL.search(t)
        if first is not None and first.start() <= SIGNATURE_ROW_LEAD and len({m.lower() for m in _SIG_LABEL.findall(t)}) >= 3 \
                and not match_marker(t):  # a row of the block, not a sentence that runs on into one
            found = True
        else:
            start = idx + 1 if idx + 1 < len(lines) and _BY.match(lines[idx + 1].text) and _party_line(t) else idx
            found = bool(_BY.match(lines[start].text)) and any(
                _NAME_OR_TITLE.match(ln.text) for ln in lines[start + 1 : start + 4])
        if not found:
            return False
        for ln in lines[idx + 1 : idx + SIGNATURE_LOOKAHEAD]:  # numbered sections below: a form inside the body
            m = match_marker(ln.text)
            if m is not None and m.style == "schedule" or not ln.inline and _instrument_heading(ln.text):
                break  # (the sections of the next instrument: "AMENDMENT III" / "1. The Parties …")
            if m is not None and (m.style.startswith("dec") or m.style == "article") and len(ln.text.split()) >= 2:
                return False
        return True

    def _ends_labelled_signature(self, ln: _Line, m: Marker | None) -> bool:
        """A signature block found by its labels ends at a line that starts a new instrument: an
        exhibit, schedule or amendment heading, or a numbered section, at a line start (CERES's
        Amendment II block ran on over "AMENDMENT III", its recitals and §§ 1–6 to the text's end)."""
        if ln.inline:
            return False
        t = ln.text
        if m is not None:
            return (m.style == "schedule" and len(t) <= 90) or (
                (m.style.startswith("dec") or m.style == "article") and len(t.split()) >= 2 and not _SIG_LABEL.search(t))
        return _instrument_heading(t)

    def _heading_goes_on(self, ln: _Line, prev: _Line | None) -> bool:
        """A line of capitals right under a numbered heading of capitals that has no full stop
        finishes that heading ("2. COMPANY-SKYPE BRANDED APPLICATION … BRANDED" / "CONTENT"): it
        opens no section of its own, which would close section 2 and strand 3., 4. … under 2.9."""
        if prev is None or ln.blank_before or not self.wrapped:
            return False
        m = match_marker(prev.text)
        rest = prev.text[m.rest :].strip() if m is not None else ""
        letters = [c for c in rest if c.isalpha()]
        capitals = sum(c.isupper() for c in letters) >= 0.8 * len(letters) if letters else False  # "… WEB SITE and …"
        return capitals and not rest.endswith((".", ":", ";"))

    def _open_heading(self, ln: _Line, outline: int | None = None, minor: bool = False, prev: _Line | None = None) -> _Node:
        """An unnumbered heading: a section that holds what follows until the next such heading.
        ``outline``: the level of the Word heading style it is written in, which places it.
        ``minor``: a line of capitalised words, not capitals, alone between blank lines: inside a
        numbered clause it heads a part of that clause ("7. ECONOMIC RIGHTS … divided as follows:" /
        "Oncology" / "All economic rights …" / "8. DURATION"), not a section beside it that would
        take the clause's text away from its number."""
        parent = self._article_or_root()
        i = self._find_style("caps")
        if i is not None:
            parent = self.stack[i - 1]
        style = "caps"
        if minor and outline is None and _NAME_LEAD.match(ln.text) is None and re.search(r"[A-Za-z]{2}", ln.text) \
                and (numbered := self._open_numbered(prev)) is not None:  # (not "Schedule 1", "$ 60.00")
            parent, style = numbered, "subhead"
        if outline is not None:
            parent = self._outline_parent(outline)
        node = self._open(_Node("section", ln.start, style=style, heading=ln.text.rstrip(":.").strip(), outline=outline), parent)
        node.end = ln.end
        self.seen_body = True
        return node

    def _open_numbered(self, prev: _Line | None) -> _Node | None:
        """The section a sub-heading opens in: the open section numbered in decimals at the top or in
        an article ("7", "12.01"), where a sub-heading is already open in it or its text so far ends
        in ":" ("7. ECONOMIC RIGHTS … divided as follows:"), and no unnumbered heading, schedule or
        recital was opened after it. Never an item of a list or a recital ("D. … 1. …", where the
        body would be read as recital D's items) and never a sub-heading itself, so a run of them
        stays beside each other, one level down."""
        for node in reversed(self.stack[1:]):
            if node.style == "subhead":
                return node.parent
            if node.kind not in ("section", "clause") or node.style == "caps":
                return None
            if node.label and (node.style or "").startswith("dec") and node.style != "dec" \
                    and node.parent is not None and node.parent.kind in ("root", "article"):
                return node if prev is not None and prev.text.rstrip().endswith(":") else None
        return None

    def _outline_parent(self, outline: int) -> _Node:
        """Where a Word heading of this level goes: under the nearest open heading of a higher level
        ("Heading 2" under "Heading 1"), an article or a schedule; it closes headings of its own level
        or below and the clauses under them."""
        for node in reversed(self.stack[1:]):
            if node.outline is not None:
                if node.outline < outline:
                    return node
            elif node.kind in ("article", "schedule"):
                return node
        return self.root

    def _after_caption(self, style: str, value: int) -> _Node | None:
        """A numbered paragraph right under a Word heading that carries on the numbering of the
        paragraphs under the headings before it ("Capital Contributions" / "5. Each of the
        Participants …" after "4." under "Place of Business"): it goes under its heading."""
        h = self._find_style("caps")
        if h is None or self.stack[h].outline is None:
            return None
        under = self.stack[h]
        while h > 0 and self.stack[h].outline is not None:  # up through the headings it sits under
            heading, parent = self.stack[h], self.stack[h - 1]
            for sibling in reversed(parent.children[: parent.children.index(heading)]):
                run = [sibling] if sibling.style == style else [c for c in sibling.children if c.style == style]
                if run:
                    return under if run[-1].value < value <= run[-1].value + 3 else None
            h -= 1
        return None

    def _title_alone(self, ln: _Line, rest: str, nxt: _Line | None, parent: _Node) -> bool:
        """A marker's line that holds only a title ("19.4 Dispute Resolution", the text on the next
        line) names its clause: not an item of a list ("(a) Trade Marks; and", or under "The
        following survive:"), and in wrapped text not a sentence wrapped after a few capitalised
        words ("… (a) The" / "provisions of …")."""
        title = rest.strip()
        if ln.inline or not _is_title_heading(title) or not _run_in_ok(title) or _LIST_END.search(title):
            return False
        if parent.paragraphs and self.text[: parent.paragraphs[-1][1]].rstrip().endswith(":"):
            return False
        if nxt is None or nxt.blank_before or not self.wrapped or match_marker(nxt.text) is not None:
            return True
        return ln.end - ln.start < 0.6 * self.typical and not nxt.text[:1].islower() \
            and title.split()[-1].lower() not in _SMALL_WORDS

    def _cover_page_number(self, ln: _Line, after: list[_Line]) -> bool:
        """A bare page number before the body, above the instrument's name ("1" / "ENDORSEMENT
        AGREEMENT"), EDGAR's "Source: …" line, an exhibit label ("1      EXHIBIT 10.2") or a
        redaction notice ("CONFIDENTIAL TREATMENT HAS BEEN REQUESTED …"): it numbers the page, not
        a first section."""
        if not ln.text.strip().isdigit() or not after:
            return False
        t = after[0].text.strip()
        return self._furniture(t) or not _cut_furniture(t, whole=True) or bool(_REDACTION_NOTICE.match(t)) \
            or bool(_INSTRUMENT.search(t)) and len(t) <= 120 and (t.isupper() or _is_title_heading(t))

    def _furniture(self, t: str) -> bool:
        """Page furniture: a page number, an EDGAR "Source:" line, a running head."""
        return bool(_FURNITURE.match(t)) or (bool(self.running) and _fold(t) in self.running)

    def _looks_like_title_zone(self) -> bool:
        return not self.seen_body and (len(self.root.children) == 0 or self.stack[-1].kind == "preamble")


SCHEDULE_LINE = 90  # a schedule's heading line is at most this long, unless it runs on into its text …
# … after a name of capitalised words: "Schedule 1 Field of Use Restrictions The licenses granted …",
# "EXHIBIT A MARKETING AND PROMOTIONAL ACTIVITIES (the parties …" (not "Exhibit A attached hereto …")
_NAME_START = re.compile(r"[\"“(\[]?[A-Z][\w’'\-/&.]*,?\s+(?:(?:of|and|for|to|the|on|in|&)\s+)*[\"“(\[]?[A-Z0-9]")
_NAME_WORD = re.compile(r"\S+")
# … but a sentence about a schedule, its name its subject: "Schedule 2 Part B of the Agreement is hereby
# deleted …", "Exhibit C Service Levels shall apply to …" (a body paragraph, no schedule of this text)
_NAME_THEN_VERB = re.compile(r"(?:[\"“(\[]?[A-Z][\w’'\-/&.]*[\"”)\]]?,?\s+|(?:of|and|for|to|the|this|on|in|&)\s+){0,8}?"
                             r"(?:is|are|shall|will|may|must|has|have|was|were|hereby|does|do|sets|applies|contains|lists)\b")


def _schedule_line(ln: _Line, m: Marker) -> bool:
    """Does a schedule's marker open this line as its heading? A short line; or, in text that runs a
    paragraph on one line, a line of its own that names the schedule in capitalised words before its text."""
    if len(ln.text) <= SCHEDULE_LINE:
        return True
    rest = ln.text[m.rest :].lstrip()
    return (ln.blank_before and not ln.inline and " " in m.label and _NAME_START.match(rest) is not None
            and _NAME_THEN_VERB.match(rest) is None)


def _run_on_name(rest: str) -> tuple[str | None, int]:
    """(name, where the text starts) in a schedule's line that runs on into its text: the capitalised
    words up to the first sentence ("Field of Use Restrictions" | "The licenses granted …"), a run of
    capitals up to the first word that is not ("PRICES AND DISCOUNT" | "Subject to …")."""
    words = list(_NAME_WORD.finditer(rest))
    taken: list[re.Match[str]] = []
    for w in words:
        token = w.group().strip("\"“”,")
        if token.lower() in _SMALL_WORDS and taken:
            taken.append(w)
            continue
        if not token[:1].isupper():
            break
        if taken and token.isupper() != taken[0].group().strip("\"“”,").isupper():
            break  # capitals, then a capitalised word: the text starts
        taken.append(w)
    while taken and taken[-1].group().lower() in _SMALL_WORDS:
        taken.pop()
    if len(taken) < len(words) and len(taken) >= 2 and words[len(taken)].group()[:1].islower() and not taken[-1].group().isupper():
        taken.pop()  # "… Restrictions The licenses": "The" starts the sentence
    if not taken:
        return None, 0
    return rest[taken[0].start() : taken[-1].end()].rstrip(",.:"), taken[-1].end()


def _starts_body(m: Marker, style: str, value: int) -> bool:
    """Does this marker open a numbered body ("1.", "1.1", "1.00", "ARTICLE I", "Section 1") rather
    than continue the preamble ("Exhibit 10.14" on the cover, an item of a list of parties)?"""
    if style == "article":
        return value == 1
    if not style.startswith("dec"):
        return False
    number = _number_tuple(m.label)
    return bool(number) and number[0] == 1 and all(n <= 1 for n in number[1:])


def _number_tuple(label: str) -> tuple[int, ...] | None:
    parts = label.split()[-1].split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def _finish(node: _Node) -> int:
    ends = [node.end] + [p[1] for p in node.paragraphs] + [_finish(c) for c in node.children]
    node.end = max(ends)
    return node.end


def _split_paragraphs(node: _Node, text: str) -> None:
    """Give long clauses readable leaves: paragraph children, and passages for page-long paragraphs."""
    if node.kind == "contents":
        return
    for child in node.children:
        _split_paragraphs(child, text)
    new: list[_Node] = []
    if len(node.paragraphs) >= 2:
        own = node.paragraphs[-1][1] - node.paragraphs[0][0]
        if own > SPLIT_OWN_TEXT or node.kind == "preamble":
            # the first paragraph stays the clause's own lead-in; later ones become children
            first = 1 if node.style and node.paragraphs[0][0] < node.start + 200 and node.kind != "preamble" else 0
            new = [_Node("paragraph", a, style="para", parent=node, paragraphs=[[a, b]], end=b) for a, b in node.paragraphs[first:]]
            node.paragraphs = node.paragraphs[:first]
    if node.paragraphs and (new or node.children) and node.end - node.start > MAX_CLAUSE:
        # a long clause with sub-clauses: its lead-in text becomes a leaf of its own too
        a, b = node.paragraphs[0][0], node.paragraphs[-1][1]
        lead_start = a if a > node.start + 1 else _after_heading(text, node, a, b)
        if b - lead_start > 200:
            new.insert(0, _Node("paragraph", lead_start, style="para", parent=node, paragraphs=[[lead_start, b]], end=b))
            node.paragraphs = [[a, lead_start]] if lead_start > a else []
    for child in new:
        _passage_split(child, text)
    node.children = new + node.children
    if not node.children:
        _passage_split(node, text)


def _after_heading(text: str, node: _Node, a: int, b: int) -> int:
    """Where the body starts in a lead-in that opens with the clause's number and heading."""
    if node.heading:
        i = text.find(node.heading, a, b)
        if i >= 0:
            j = i + len(node.heading)
            while j < b and text[j] in ".: \t\r\n":
                j += 1
            return j
    return a


def _passage_split(node: _Node, text: str) -> None:
    """A single paragraph longer than a page is split into passages at sentence ends."""
    if node.children or not node.paragraphs:
        return
    s, e = node.paragraphs[0][0], node.paragraphs[-1][1]
    if e - s <= LONG_PARAGRAPH:
        return
    cuts = _passages(text, s, e)
    if len(cuts) > 1:
        keep = 1 if node.kind != "paragraph" and node.style else 0
        node.children = [_Node("passage", a, style="passage", parent=node, paragraphs=[[a, b]], end=b) for a, b in cuts[keep:]]
        node.paragraphs = [list(cuts[0])] if keep else []


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]\"”][.;])\s+(?=[A-Z\"“(])")


def _passages(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Cut text[s:e] at sentence ends into passages of about PASSAGE characters."""
    cuts, start = [], s
    for m in _SENTENCE_END.finditer(text, s, e):
        if m.start() - start >= PASSAGE:
            cuts.append((start, m.start()))
            start = m.end()
    if cuts and e - start < PASSAGE // 3:
        cuts[-1] = (cuts[-1][0], e)
    else:
        cuts.append((start, e))
    return cuts


def parse_agreement(doc: Document) -> AgreementStructure:
    """The clause tree of an agreement, with title, date, parties and definitions."""
    builder = _Builder(doc)
    top = builder.build()
    for node in top:
        _finish(node)
        _split_paragraphs(node, doc.text)
    clauses: list[Clause] = []
    text = doc.text

    def emit(node: _Node, parent_id: str | None, level: int, cite: str | None, nth: int, annex: str | None) -> None:
        """``cite``: the citation of the nearest numbered ancestor; ``nth``: the node's place
        among its parent's unnumbered paragraphs or recitals; ``annex``: the citation of the
        exhibit or schedule the node sits in."""
        start, end = node.start, node.end
        while end > start and text[end - 1].isspace():
            end -= 1
        cid = f"c{len(clauses) + 1}"
        if node.kind == "recital" and _NOW_THEREFORE.match(text[start:end]):
            own = None  # "NOW, THEREFORE, …" closes the recitals but is not one
        elif annex and node.label and node.label.strip()[:1].isdigit():
            # "Exhibit B, 2.1" (the body has a 2.1 of its own); "Schedule 1.10" where the parser split the name
            own = f"{annex}{',' if ' ' in annex else ''} {node.label.strip().rstrip('.')}"
        elif node.style == "subhead" and cite and node.heading:
            own = f"{cite}, {display(node.heading)}"  # a heading inside clause 7: "7, Oncology"
        else:
            own = citation(node.label, cite, nth, node.kind)
        clauses.append(
            Clause(
                id=cid,
                number=node.label,
                heading=display(node.heading) or None if node.heading else node.heading,
                level=level,
                parent=parent_id,
                kind=node.kind,
                start=start,
                end=end,
                page_start=doc.page_at(start),
                page_end=doc.page_at(max(start, end - 1)),
                text=text[start:end],
                citation=own,
            )
        )
        if node.kind == "schedule" and own and not _FILING_EXHIBIT.match(own):
            annex = own
        numbered = own if node.label else cite
        # paragraphs under an unnumbered heading are cited through it: "EXHIBIT B, Labour ¶ 1"
        headed = f"{cite}, {node.heading.strip()}" if not node.label and node.heading and node.kind != "paragraph" and cite else numbered
        # the clause's own lead-in ("8.1 Notices. Each notice …") is its first paragraph
        unnumbered = 0
        if node.paragraphs and node.children:
            a, b = node.paragraphs[0][0], node.paragraphs[-1][1]
            unnumbered = int(bool(text[_after_heading(text, node, a, b) : b].strip(" \t\r\n.:")) and bool(node.label))
        for child in node.children:
            para = child.label is None and child.kind in ("paragraph", "recital")
            unnumbered += para
            # a passage is cited as the stretch of text it cuts: its paragraph ("12(ii) ¶ 3"), not
            # the numbered clause above that paragraph, which names a different clause
            above = headed if para else (own or numbered) if child.kind == "passage" else numbered
            emit(child, cid, level + 1, above, unnumbered, annex)

    for node in top:
        emit(node, None, 1, None, 0, None)
    title = _clean_title(builder.styled_title) if builder.styled_title else None
    title = title or _title(clauses, text)
    preamble = next((c for c in clauses if c.kind == "preamble"), None)
    return AgreementStructure(
        clauses=clauses,
        title=title,
        date=find_date(text, preamble.end if preamble else 3000),
        parties=find_parties(text),
        definitions=find_definitions(text, clauses),
    )


# an EDGAR filing's own exhibit number ("EXHIBIT 10.17") heads the whole contract: not an annex of it
_FILING_EXHIBIT = re.compile(r"(?i)exhibit\s+\d+\.\d+")
_SUB_LABEL = re.compile(r"^\(?([A-Za-z]{1,5}|\d{1,3})[).]?$")


def citation(label: str | None, above: str | None, nth: int, kind: str = "clause") -> str | None:
    """How a lawyer cites the clause: "8.3(a)(i)" for "(i)" under "(a)" under "8.3"; "2.1",
    "Article IV", "Section 2.01" as they stand; "8.1 ¶ 2" for the second unnumbered paragraph of
    8.1; "Recital 3". ``above`` is the citation of the nearest numbered ancestor (None at the top)."""
    if label is None and kind == "recital":
        return f"Recital {nth}" if nth else None
    if label is None and kind == "passage":
        return above  # a passage is a stretch of its clause's one long paragraph: cited as that clause
    if label is None:
        return f"{above} ¶ {nth}" if above and nth and kind == "paragraph" else None
    label = label.strip()
    sub = _SUB_LABEL.match(label)
    if above is None or sub is None:  # self-contained: 3.1.2, Article 1, Exhibit A, a top-level (a)
        return label.rstrip(".")
    return f"{above}({sub.group(1)})"


# "Governing Law.\n--------- ----": EDGAR's underlining, a run of three dashes or more, or a row of runs
# ("-- " alone is a range or a dash: "0 -- 500")
_RULE = re.compile(r"(?:(?<=\s)|^)(?:-{2,}(?:\s+-{2,})+|-{3,})(?=\s|$)")


def display(s: str) -> str:
    """A heading or a quote as a reader sees it: one line, without the rows of dashes that EDGAR
    text puts under underlined words. (Clause ``text`` keeps them: offsets index the document.)"""
    return " ".join(_RULE.sub(" ", s).split())


_PARTIES_FOLLOW = re.compile(r"(?:\b(?:between|among(?:st)?)|(?:^|\n)\s*(?:the\s+)?parties(?:\s+(?:are|hereto))?)\s*:\s*$",
                             re.I)  # "BETWEEN:", "THE PARTIES ARE:"
# an instrument's name ("ENDORSEMENT AGREEMENT"), unlike "LICENSE GRANT" (_TITLE_WORDS also takes LICENSE, TERMS)
_INSTRUMENT = re.compile(r"\b(?:AGREEMENT|Agreement|CONTRACT|Contract|ADDENDUM|Addendum|AMENDMENT|Amendment|MEMORANDUM|Memorandum)\b")
_EXHIBIT_BEFORE = re.compile(r"\bexhibits?\s*$", re.I)
# A line that opens a section: "TERMS AND CONDITIONS 1. APPOINTMENT OF …", "19.      ENTIRE AGREEMENT",
# "12.1 ENTIRE AGREEMENT", "(c) LICENSE AGREEMENT", "Section 12. ENTIRE AGREEMENT"
_SECTION_IN_LINE = re.compile(r"(?:^|\s)\d{1,3}[.)]\s+[A-Z]|^\s*(?:\d{1,3}(?:\.\d+)+|\(?[a-z]{1,4}\)|\(\d{1,3}\))\s+[A-Z]")
# ... and the end of the text before a name on its line, when that is such a marker (an exhibit
# number, "Exhibit 10.19 JOINT CONTENT LICENSE AGREEMENT", is not)
_MARKER_END = re.compile(r"(?:(?<![\w.\-(])(?<!xhibit )(?<!XHIBIT )\d{1,3}(?:(?:\.\d+)*[.)]|(?:\.\d+)+)"
                         r"|(?<![\w)])\([a-z0-9]{1,4}\)|\b(?:Section|SECTION|Article|ARTICLE)\s+[\dIVX][\dIVX.]*)\s*$")


# Filing furniture in front of a title: "Exhibit 10.1", "EXHIBIT 99(h)(3)", "EXECUTION COPY", "Page 2 of 60",
# "[E.PIPHANY Logo]"
_TITLE_NOISE = re.compile(
    r"^(?:(?:exhibits?|ex\.|annex|appendix|attachment)\s+(?:[\w.()\-]*\d[\w.()\-]*|[a-z]\b)|execution (?:copy|version)"
    r"|confidential(?:\s+treatment(?:\s+requested)?)?(?!\s+(?:disclosure|information|agreement|licen[cs]e|services?|"
    r"supply|settlement))|page \d+ of \d+|page of \d+ of|\[[^\]\n]{0,60}\blogo\])(?:\s*[:.\-–]\s*|\s+)", re.I)
# An all-capitals name ending in an instrument word, inside a run-on cover ("Exhibit 10.19 JOINT CONTENT
# LICENSE AGREEMENT This JOINT CONTENT …"); "THIS" starts the sentence after it, never the name, and a
# word that ends a sentence or a phrase ("DISCLOSED.", "AMENDED,") ends the run before it; the run
# stays on one line, names the instrument once, and is no name mentioned in a sentence ("… the
# original Swisscom PURCHASE & LICENSE CONTRACT")
_CAPS_TITLE = re.compile(
    r"(?<![\w'’.])((?:(?!THIS\b|AGREEMENT\b|CONTRACT\b)(?:[A-Z][A-Z0-9&'’\-/]*(?:\.[A-Z0-9]+)*|&|[-–])[ \t]+){0,7}"
    r"(?:(?:AGREEMENT|CONTRACT)(?:[ \t]+AMENDMENT(?: NO\. ?\d+)?)?|MEMORANDUM OF UNDERSTANDING|ADDENDUM|AMENDMENT(?: NO\. ?\d+)?))(?![\w'’])")
# the text a name follows on its line, from the last sentence end or wide gap ("… have been omitted.
# EXECUTION COPY PROMOTION AGREEMENT"): lower-case words there make the name part of a sentence
_LAST_PIECE = re.compile(r"(?<=[.!?\]])\s+|[ \t]{2,}")
_DEFINED_AS = re.compile(r"\s*\((?:the|this|hereinafter)\b[^)]*\)\s*$", re.I)  # 'PROMOTION AGREEMENT (the "Agreement")'
# "This Event Sponsorship Agreement ("Agreement") is made …": the name the parties give it
_NAMED_AS = re.compile(
    r"\b(?:This|THIS)\s+((?:[A-Z][\w\-&/]*\s+(?:(?:and|of|for|&)\s+)?){1,7}(?:Agreement|Contract))\s*\(")


# A cover line that is a name and nothing else, whatever its case: "Distributorship agreement
# between", "e-business Hosting Agreement", "Sales, Marketing, Distribution, and Supply Agreement
# {***}"; at most 120 characters and ten words, half of them capitalised, none of a sentence
# ("this", "the", "shall" …) nor a party's legal form (a cover line that names the parties too is
# left to the passes above)
_COVER_NAME = re.compile(
    r"((?:[\w&'’,\-/.]+\s+){1,9}?(?:agreement|contract|addendum|amendment(?: no\.? ?\d+)?))"
    r"(?:\s+(?:(?:by\s+and\s+)?(?:between|among(?:st)?)|dated(?:\s+as\s+of)?\s+[\w ,/.]{1,30}))?", re.I)
_SENTENCE_WORD = re.compile(r"\b(?:this|the|that|these|hereby|herein|is|are|was|were|be|shall|will|may|into|to|of|for|"
                            r"under|pursuant|with|by|as|in|on|at|its|their|which|against|signed|executed|entered|"
                            r"previously|now|wish|wishes)\b", re.I)
_LEGAL_FORM = re.compile(r"\b(?:inc|llc|l\.l\.c|ltd|limited|corp|corporation|plc|gmbh|s\.a|n\.v|b\.v|l\.p|lp|llp)\b", re.I)
_REDACTED = re.compile(REDACTION)


def _cover_name(line: str) -> str | None:
    """The instrument's name when ``line`` is that name and nothing else (``_COVER_NAME``)."""
    if len(line) > 120:
        return None
    s = _cut_furniture(_REDACTED.sub(" ", line))
    m = _COVER_NAME.fullmatch(s)
    if not m:
        return None
    name = m.group(1)
    words = name.split()
    if sum(w[:1].isupper() for w in words) * 2 < len(words) or _SENTENCE_WORD.search(name) or _LEGAL_FORM.search(name):
        return None
    return name


def _cut_furniture(s: str, whole: bool = False) -> str:
    """``s`` without the filing furniture in front of it; ``whole``: it may all be furniture."""
    s = s.strip(" .:;-–") + (" " if whole else "")
    while (m := _TITLE_NOISE.match(s)) and (whole or m.end() < len(s)):
        s = s[m.end():].lstrip(" .:;-–")
    return s.strip()


def _clean_title(s: str) -> str:
    return _cut_furniture(_DEFINED_AS.sub("", display(s)))


_RUNS_ON = re.compile(r"[ \t]{1,2}\d{1,3}\.[ \t]")  # the rest of a line cut before its section's number (_CAPS_LEAD)


def _title(clauses: list[Clause], text: str) -> str | None:
    """The instrument's name: the title line, or the first such line in the preamble; else an
    all-capitals name in a run-on cover, or the name a preamble sentence gives ("This Event
    Sponsorship Agreement (…)"). Filing furniture ("Exhibit 10.1", "EXECUTION COPY") is cut off."""
    for c in clauses[:3]:
        if c.kind == "title":
            return _clean_title(c.heading or "") or None
        if c.kind == "preamble":
            # its lines; else the pieces of a cover line run together with wide gaps ("Exhibit 99.4
            # STRATEGIC ALLIANCE AGREEMENT   "EDGE-FTE""); never a line that opens a section
            lines = c.text.splitlines()
            if _RUNS_ON.match(text, c.end):
                lines.pop()  # "TERMS AND CONDITIONS" ends the preamble where its line runs on into "1. APPOINTMENT …": no name
            lines = [ln for ln in lines[:15] if not _SECTION_IN_LINE.search(ln)]
            for candidates in (lines, [p for ln in lines for p in re.split(r"[ \t]{3,}", ln)]):
                for line in candidates:
                    s = line.strip()
                    if s and _TITLE_WORDS.search(s) and len(s) <= 120 and (s.isupper() or _is_title_heading(s)) \
                            and not _SECTION_IN_LINE.search(s) and not _REDACTION_NOTICE.match(s) and not _reference_line(s):
                        return _clean_title(s) or None
            head = c.text[:1500]
            for m in _CAPS_TITLE.finditer(head):
                t = _clean_title(m.group(1))
                before = head[head.rfind("\n", 0, m.start()) + 1 : m.start()]
                if len(t.split()) >= 2 and not _SECTION_IN_LINE.search(t) and not _MARKER_END.search(before) \
                        and not re.search(r"[a-z]", _cut_furniture(_LAST_PIECE.split(before)[-1], whole=True)):
                    return t
            for line in lines:
                if name := _cover_name(line.strip()):
                    return _clean_title(name) or None
            if m := _NAMED_AS.search(head):
                return _clean_title(m.group(1))
    return None
