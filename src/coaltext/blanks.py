"""A draft's blanks: the placeholders a drafter leaves for the parties to fill.

A draft says "8.6 Governing Law / Jurisdiction: [to be completed]", "a price of US$[●] per unit",
"by and between [Party information to be completed]", "dated ________, 20__". These are blanks to fill,
not terms. Two things read them:

* the classifier (:func:`is_blank`): a clause whose text, once its placeholders are set aside, has no
  operative words is a heading and a blank — no clause of the type its heading names (GUIDELINES: "a
  heading alone with no operative text is not enough");
* :func:`draft_blanks_flag`: "The draft leaves N blanks to fill", citing the clauses.

A filed copy's *redaction* ("[***]", "[*****]", "[REDACTED]"; ``REDACTION``) is no placeholder: the
text was there and the filer blanked it, so a clause reading "Governing Law. [***]" keeps its heading.

What counts (measured over the 407 CUAD texts, see the fixer report): bracketed instructions ("[to be
completed]", "[TBD]", "[Insert …]", "[Describe …]"), bracketed bullets and empty brackets ("[●]", "[•]",
"[ ]", "[●]%"), bracketed field names ("[Name]", "[Date]", "[Party]", "[Name of Company]"), a bare
"TBD"/"TBC" in capitals and not part of a name ("The TBD Product", "TBC Corporation" are names), and a run
of four or more underscores in a line of text ("dated ________, 20__"). Not counted: a line that is only
underscores (a rule across the page, a signature line), a signature or contact field ("By: ______",
"Title:", "Telephone: ___-___"), a rule before a redaction notice, a blank ending a short line whose label
names no clause type ("J. McInnes ______") (:func:`_form_field`); an underscore run touching a digit
("______30________": filled) or inside an address ("http://x.com/a____b"); a form's tick boxes ("[X] Yes
[ ] No": a marked box and the empty ones on its line); an empty bracket before a redaction notice; and
anything in a signature block. Reading is bounded: each blank's line is read WINDOW characters around it,
and at most EXAMINED matches are read and CAP blanks counted per document ("200 or more"). Blanks in a schedule, exhibit or form ("Form of Task Order",
"[Insert Protocol number]") are counted apart and never make the flag a warning on their own, nor does
a date left open in the preamble ("made as of [ ], 2020": filed copies often leave it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .structure.parties import REDACTION
from .types import Clause, Flag

# a bracket with an instruction to the drafter in it
_TO_BE = (r"to\s+be\s+(?:completed|determined|agreed|confirmed|provided|inserted|supplied|advised|decided|"
          r"finali[sz]ed|specified|identified|named|added|updated)|TBD|TBC|TBA")
_FIELDS = (r"name|names|date|dates|address|amount|number|title|party|parties|company|company\s+name|entity|state|"
           r"country|jurisdiction|price|fee|fees|percentage|percent|term|period|xx|n|month|year|day|city|"
           r"county|signatory|counterparty|licensee|licensor|supplier|customer|distributor|territory|product|products")
_FIELD = rf"\[(?:{_FIELDS})(?:\s+(?:of|for)\b[^\[\]\n]{{0,40}})?\]"
PLACEHOLDER = re.compile(
    # a bracket closed on its line, read once per "[" (a run of "[[[[" is not tried alternative by alternative)
    r"\$?(?=\[[^\[\]\n]{0,160}\])(?:"
    rf"\[[^\[\]\n]{{0,60}}?\b(?:{_TO_BE})\b[^\[\]\n]{{0,40}}\]"  # [Party information to be completed], [TBD]
    r"|\[\s*(?:insert|specify|describe|enter|fill\s+in|complete|state|include)\b[^\[\]\n]{0,120}\]"  # [Insert …]
    r"|\[[ \t]*[●•·◦■□▪_ \t]*\]%?"  # [●], [•], [ ], [____], $[●], [●]%
    rf"|{_FIELD})"  # [Name], [Date], [Name of Company]
    r"|(?-i:\b(?:TBD|TBC)\b)(?![\"\u201d']?\s+(?-i:[A-Z][a-z]))"  # capitals, no name: not "The TBD Product"
    # "________, 20__", "$_____", "___-___-___"; a run touching a digit is a filled field ("______30________"),
    # and one before "(30)" is a number's words left out beside its digits
    r"|(?<![\d_])\$?_{4,}(?![\d_])(?:[-/.]_{2,})*(?:\s*,?\s*(?:19|20)_{2,})?%?(?!\s*\(\s*_*\d)",
    re.I,
)
_NAMED = re.compile(_FIELD, re.I)
# a bracketed caption after a section's number is its title, no field: "ARTICLE I [Term]", "Section 10.1 [Term]"
_CAPTIONED = re.compile(r"\b(?:section|article|clause|paragraph|schedule|exhibit)\s+[\w.()-]+\s*$", re.I)
_REDACTED = re.compile(REDACTION)
# a form's tick boxes: "[X] Yes [ ] No" — a marked box, and an empty one beside it, are no blanks
_TICKED = re.compile(r"\[\s*[xX\u2713\u2714]\s*\]")
_EMPTY = re.compile(r"\$?\[\s*\]%?")
# an address's underscores are no blank: "http://www.x.com/a____b", "first____last@x.com"
_URL = re.compile(r"://|\bwww\.|@|\.(?:com|org|net|gov|edu|htm|html|pdf)\b", re.I)
# an empty bracket before a redaction notice is the filer's: "[ ] (confidential treatment requested)", "[ ]*"
_NOTICE = re.compile(r"\s*[(\[]?\s*(?:\*|confidential|redacted|omitted)", re.I)
WINDOW = 80  # how far around a blank its line is read (a long line is not read from its start: that was quadratic)
EXAMINED = 2000  # at most this many placeholder matches are read per clause and per document
CAP = 200  # the flag counts blanks up to this, then says "200 or more"
# a form's field: a signature block's or a contact's ("By: ____", "Telephone: ___-___", "Initialed ACME: ____"),
# filled when the parties sign or send, not a gap in the terms
_FIELD_LABELS = (r"by|name|print(?:ed)?\s+name|title|its|signature|signed|sign|date|witness|attest(?:ed)?|"
                 r"initial(?:s|ed)?|per|address|telephone|tel|phone|facsimile|fax|e-?mail|attention|attn|"
                 r"authori[sz]ed\s+(?:signatory|representative)|name\s+and\s+title|name/title|(?:with\s+a\s+)?copy\s+to")
# the label opens the line ("Initialed ACME: ____", "By ____") or ends in a colon ("… Facsimile: ____")
_FIELD_LABEL = re.compile(rf"(?:^\s*\(?(?:{_FIELD_LABELS})\b[^_\n]{{0,60}}?|\b(?:{_FIELD_LABELS})\s*:)\s*$", re.I)
_LABEL_WORDS = 6  # a line this short before a blank that ends it is a form's label ("McInnes ____", "Its: ____")
# a date left open: "made as of [ ], 2020", "this _____ day of ______", "[Date]"
_DATE_BEFORE = re.compile(r"(?:\bas\s+of|\bdated?|\bday\s+of|\bmade\s+(?:this|on)|\beffective(?:\s+(?:on|as\s+of))?|"
                          r"\bon|\bthis)\s*(?:the\s*)?$", re.I)
_DATE_AFTER = re.compile(r"^\s*(?:day\b|,?\s*(?:19|20)[\d_\[])", re.I)
_OPERATIVE = re.compile(r"[^\W_]|%")  # a letter, a digit or "%" left once the placeholders are set aside
BLANK_CHARS = 600  # a longer body is never placeholders alone (and is not searched for them)
# a clause of these types (by its heading) with a blank in it is a deal term left open: the flag warns
# (not price_restriction: a "Price" heading over "between US$[ ] and US$[ ]" (Todos) is a reseller's price band
# left open, which the flag reports as info unless the playbook requires the type)
KEY_TYPES = frozenset({"governing_law", "jurisdiction", "arbitration", "term_renewal", "revenue_sharing",
                       "liability_cap"})
MANY = 10  # this many blanks in the agreement itself (not its schedules) is a draft: the flag warns
QUOTED = 3  # the flag quotes this many blanks


def _form_field(text: str, m: re.Match) -> bool:
    """Whether an underscore blank (not a bracketed one) is a form's field or a rule, not a gap in the
    terms: a line of underscores alone (a rule across the page, a signature line), a blank after a
    signature or contact label, a rule before a redaction notice ("____ * * * Certain information …"),
    or a blank ending a short line whose label names no clause type ("McInnes ______"; but "Governing
    Law: ______" is a term left open)."""
    from .classify.rules import headings

    lo, hi = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
    a = text.rfind("\n", lo, m.start()) + 1 or lo
    b = text.find("\n", m.end(), hi)
    before, after = text[a : m.start()], text[m.end() : b if b >= 0 else hi]
    token = re.split(r"\s", before)[-1] + m.group(0) + re.split(r"\s", after)[0]
    if _URL.search(token):
        return True
    if after.lstrip().startswith("*") or _FIELD_LABEL.search(before):
        return True
    if after.strip(" \t_"):
        return False
    label = re.sub(r"^[\s\d.()]+|[\s:.\-–—]+$", "", before)
    return len(label.split()) <= _LABEL_WORDS and not headings().find(label)


def _tick_box(text: str, m: re.Match) -> bool:
    """Whether an empty bracket is a form's tick box: a marked box ("[X]") sits on its line nearby."""
    lo, hi = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
    a = text.rfind("\n", lo, m.start()) + 1 or lo
    b = text.find("\n", m.end(), hi)
    return bool(_TICKED.search(text, a, b if b >= 0 else hi))


def placeholders(text: str, lines: bool = False, limit: int = CAP, examined: int = EXAMINED) -> list[re.Match]:
    """The blanks of ``text`` (:func:`_scan`)."""
    return _scan(text, lines, limit, examined)[0]


def _scan(text: str, lines: bool = False, limit: int = CAP, examined: int = EXAMINED) -> tuple[list[re.Match], int]:
    """The blanks of ``text``: placeholder matches, less form fields and rules (:func:`_form_field`;
    unless ``lines``: a clause body that is only "____" under its heading is a blank too), tick boxes and
    section captions. A redaction is never one (its brackets hold stars, and it is masked first). At most
    ``limit`` are returned, out of at most ``examined`` matches read (a 5 MB run of blanks stays fast)."""
    masked = _REDACTED.sub(lambda m: "#" * len(m.group(0)), text)
    out, i = [], 0
    for m in PLACEHOLDER.finditer(masked):
        if i >= examined or len(out) >= limit:
            break
        i += 1
        g = m.group(0)
        if g.lstrip("$").startswith("_") and not lines and _form_field(masked, m):
            continue
        if _EMPTY.fullmatch(g) and (_tick_box(masked, m) or _NOTICE.match(masked, m.end(), m.end() + 40)):
            continue
        if _NAMED.fullmatch(g) and _CAPTIONED.search(masked[max(0, m.start() - 40) : m.start()]):
            continue
        out.append(m)
    return out, i


def date_blank(text: str, m: re.Match) -> bool:
    """Whether a blank stands for a date ("as of [ ], 2020", "this ____ day of ____", "[Date]")."""
    return (m.group(0).strip("[]").lower().startswith("date")
            or bool(_DATE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]))
            or bool(_DATE_AFTER.match(text[m.end() : m.end() + 12])))


def is_blank(body: str) -> bool:
    """Whether a clause body is placeholders and nothing else: it has a placeholder, no redaction (the
    filer's blanks keep today's reading), and no word, number or "%" besides — only punctuation ("[TBD].",
    "[to be completed]", "____"). The SAFE rule: "Delaware [TBD]", "3 years [●]", "5% [●]", "[X] Yes [ ] No"
    say a term, however unfinished, and keep their type; an instruction inside the brackets ("[Insert
    governing law]", "[to be agreed]") is part of the placeholder."""
    if len(body) > BLANK_CHARS or _REDACTED.search(body):
        return False
    found = placeholders(body, lines=True)
    if not found:
        return False
    rest, last = [], 0
    for m in found:
        rest.append(body[last : m.start()])
        last = m.end()
    rest.append(body[last:])
    return not _OPERATIVE.search(" ".join(rest))


@dataclass(frozen=True, slots=True)
class Blank:
    clause: str  # the clause id (for the flag's ``clauses``; never shown in its message)
    cite: str  # how the report cites it: "§ 8.6", "Governing Law", "the preamble", "an unnumbered paragraph"
    quote: str  # the blank with a few words around it
    key: bool  # in a clause headed as a key or required type, or in the parties' names (preamble, title)
    form: bool  # in a schedule or exhibit (a form filled when used)
    placeholder: str  # its kind, as the message lists it: "____", "[ ]", "[●]", "TBD", "[Insert name]"
    at: int = 0  # where it starts in the clause's own text (quotes of one spot are given once)


# a heading that opens a form, schedule or exhibit the parser did not mark as one ("AMENDMENT TO APPENDIX A",
# "Form of Task Order", "EXHIBIT D")
_FORM_HEADING = re.compile(r"^\W*form\s+of\b|\b(?:exhibit|appendix|annex|attachment|schedule)\s+"
                           r"(?:[A-Z]{1,2}|\d{1,2})\b(?:[-.]\d+)?\W*$", re.I)


def _within_kind(clauses: list[Clause], kinds: set[str]) -> dict[str, bool]:
    """Per clause id: whether it or one of its parents is of one of ``kinds`` (a "schedule" also where
    its heading opens a form: ``_FORM_HEADING``)."""
    by_id = {c.id: c for c in clauses}

    def inside(c: Clause | None, depth: int = 0) -> bool:
        if c is None or depth > 12:
            return False
        if c.kind in kinds or ("schedule" in kinds and _FORM_HEADING.search(c.heading or "")):
            return True
        return inside(by_id.get(c.parent) if c.parent else None, depth + 1)

    return {c.id: inside(c) for c in clauses}


def _quote(text: str, m: re.Match) -> str:
    a, b = max(0, m.start() - 40), min(len(text), m.end() + 25)
    s = re.sub(r"\s+", " ", text[a:b]).strip()
    return ("…" if a else "") + s + ("…" if b < len(text) else "")


def _shape(s: str) -> str:
    """A placeholder's kind: every underscore blank is "____", an empty or bulleted bracket "[ ]"/"[●]"/"[•]"
    (without its "$" or "%"), an instruction its first 30 characters."""
    s = re.sub(r"\s+", " ", s).strip()
    if "__" in s:
        return "____"
    core = s.strip("$%")
    if _EMPTY.fullmatch(core) or re.fullmatch(r"\[[ \t]*[_ \t]*\]", core):
        return "[ ]"
    if re.fullmatch(r"\[\s*([●•·◦■□▪])[\s●•·◦■□▪]*\]", core):
        return f"[{core.strip('[] ')[0]}]"
    return core[:30] + ("…]" if len(core) > 30 and core.startswith("[") else "")


# a preamble's recitals begin: a blank after this is no party's name ("WHEREAS, Franchisee is [•] (add …)")
_RECITALS = re.compile(r"\b(?:WHEREAS|RECITALS?|BACKGROUND|W\s?I\s?T\s?N\s?E\s?S\s?S\s?E\s?T\s?H|NOW,?\s+THEREFORE)\b")


_UNNUMBERED = "an unnumbered paragraph"


def _cite(c: Clause) -> str:
    """How a message names a clause: its citation or number, else its heading (unless that is itself a
    placeholder: "TBD"), else "the preamble", "the title" or "an unnumbered paragraph" — never its id."""
    cite = c.citation or c.number
    if cite:
        return f"§ {cite}" if cite[:1].isdigit() else cite
    if c.kind in ("preamble", "title"):
        return f"the {c.kind}"
    heading = re.sub(r"\s+", " ", c.heading or "").strip()
    if heading and not PLACEHOLDER.search(heading):  # not "TBD", nor "ISSUE DATE: [ ], 2015"
        return heading[:60]
    return _UNNUMBERED


def find_blanks(clauses: list[Clause], key_types: set[str] | frozenset[str] = KEY_TYPES,
                cap: int = CAP, examined: int = EXAMINED) -> list[Blank]:
    """The blanks of the agreement, in document order, with the clause each sits in (its own text, not its
    children's); none in a signature block. At most ``cap`` blanks, out of at most ``examined``
    placeholder matches read over the whole document (the flag then says "200 or more")."""
    from .classify.features import own_text
    from .classify.rules import headings

    hmap = headings()
    signed = _within_kind(clauses, {"signature"})
    form = _within_kind(clauses, {"schedule"})
    by_id = {c.id: c for c in clauses}
    out, named, left = [], set(), examined
    for c, own in zip(clauses, own_text(clauses)):
        if signed[c.id] or len(out) >= cap or left <= 0:
            if len(out) >= cap or left <= 0:
                break
            continue
        matches, read = _scan(own, limit=cap - len(out), examined=min(left, EXAMINED))
        left -= read
        found = []
        for m in matches:
            if _NAMED.fullmatch(m.group(0)):  # a named field ("[Party]", "[Date]") is one blank however often used
                if _shape(m.group(0)).lower() in named:
                    continue
                named.add(_shape(m.group(0)).lower())
            found.append(m)
        if not found:
            continue
        parent = by_id.get(c.parent) if c.parent else None  # the clause's heading, or its parent's ("8. Law" > "8.1")
        heads = [h.type for x in (c, parent) if x is not None for h in hmap.find(x.heading)]
        typed = bool(set(heads) & set(key_types))
        recitals = _RECITALS.search(own) if c.kind == "preamble" else None
        end_names = recitals.start() if recitals else len(own)

        def names(m: re.Match) -> bool:  # the parties' names: the title, or the preamble before its recitals
            return c.kind in ("preamble", "title") and m.start() < end_names and not date_blank(own, m)

        cite = _cite(c)
        out += [Blank(c.id, cite, _quote(own, m), typed or names(m), form[c.id], _shape(m.group(0)), m.start())
                for m in found]
    return out[:cap]


def _quoted(blanks: list[Blank], n: int) -> list[Blank]:
    """The first ``n`` blanks worth quoting: one per spot (a blank within 60 characters of one already
    quoted in the same clause is in its quote: "made this ____ day of ____, 20__"), and one per text."""
    shown: list[Blank] = []
    for b in blanks:
        if any(s.clause == b.clause and abs(s.at - b.at) < 60 or (s.cite, s.quote) == (b.cite, b.quote)
               for s in shown):
            continue
        shown.append(b)
        if len(shown) == n:
            break
    return shown


def draft_blanks_flag(clauses: list[Clause], required: set[str] | frozenset[str] = frozenset()) -> Flag | None:
    """``draft_blanks``: "The draft leaves N blanks to fill" — a warning where a blank of the agreement
    itself sits in the parties' names or in a clause headed as a key or required type, or where the
    agreement itself has MANY or more; else info (blanks in schedules and forms only). None when there
    are none."""
    blanks = find_blanks(clauses, KEY_TYPES | set(required))
    if not blanks:
        return None
    capped = len(blanks) >= CAP
    more = " or more" if capped else ""
    main = [b for b in blanks if not b.form]
    forms = [b for b in blanks if b.form]
    keyed = [b for b in main if b.key]
    keyed_forms = [b for b in forms if b.key]
    warn = bool(keyed) or len(main) >= MANY
    n = len(blanks)
    if capped:
        where = f"counting stopped at {CAP}"
    else:
        where = f"{len(main)} in the agreement itself"
        where += f", {len(forms)} in its schedules or exhibit forms" if forms else ""
    ordered = keyed + [b for b in main if not b.key] + keyed_forms + [b for b in forms if not b.key]
    shown = _quoted(ordered, QUOTED)
    kinds = list(dict.fromkeys(b.placeholder for b in blanks))
    said = ", ".join(f'"{k}"' for k in kinds[:4]) + (" …" if len(kinds) > 4 else "")
    quotes = "; ".join(f'"{b.quote}"' if b.cite == _UNNUMBERED else f'{b.cite}: "{b.quote}"' for b in shown)
    plural = "s" if n != 1 or capped else ""
    message = (f"The draft leaves {n}{more} blank{plural} to fill ({where}). These are placeholders, "
               f"not terms: {said}. Such as {quotes}.")
    if keyed:
        message += (" A blank sits in the parties' names or in a clause headed as a key term "
                    f"({', '.join(list(dict.fromkeys(b.cite for b in keyed))[:QUOTED])}): that term is not agreed yet.")
    elif main and warn:
        message += " That many blanks: this is a draft, not a settled text."
    if keyed_forms and not keyed:
        cited = ", ".join(list(dict.fromkeys(b.cite for b in keyed_forms))[:QUOTED])
        message += f" A form leaves a key term open ({cited}): it is filled when the form is used."
    elif not main:
        message += " All sit in schedules or exhibit forms (filled when the form is used)."
    ids = list(dict.fromkeys(b.clause for b in ordered))
    return Flag(code="draft_blanks", severity="warning" if warn else "info", message=message, clauses=ids)
