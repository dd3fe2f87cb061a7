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
"[ ]", "[●]%"), bracketed field names ("[Name]", "[Date]", "[Party]", "[Name of Company]", "[x]"), a bare
"TBD"/"TBC", and a run of four or more underscores in a line of text ("dated ________, 20__"). Not
counted (:func:`_form_field`): a line that is only underscores (a rule across the page, a signature
line), a signature or contact field ("By: ______", "Title:", "Telephone: ___-___"), a rule before a
redaction notice, a blank ending a short line whose label names no clause type ("J. McInnes ______"),
and anything in a signature block. Blanks in a schedule, exhibit or form ("Form of Task Order",
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
           r"country|jurisdiction|price|fee|fees|percentage|percent|term|period|x|xx|n|month|year|day|city|"
           r"county|signatory|counterparty|licensee|licensor|supplier|customer|distributor|territory|product|products")
_FIELD = rf"\[(?:{_FIELDS})(?:\s+(?:of|for)\b[^\[\]\n]{{0,40}})?\]"
PLACEHOLDER = re.compile(
    rf"\[[^\[\]\n]{{0,60}}?\b(?:{_TO_BE})\b[^\[\]\n]{{0,40}}\]"  # [Party information to be completed], [TBD]
    r"|\[\s*(?:insert|specify|describe|enter|fill\s+in|complete|state|include)\b[^\[\]\n]{0,120}\]"  # [Insert …]
    r"|\$?\[[ \t]*[●•·◦■□▪_ \t]*\]%?"  # [●], [•], [ ], [____], $[●], [●]%
    rf"|{_FIELD}"  # [Name], [Date], [Name of Company]
    r"|\b(?:TBD|TBC)\b"
    r"|\$?_{4,}(?:[-/.]_{2,})*(?:\s*,?\s*(?:19|20)_{2,})?%?",  # "________, 20__", "$_____", "___-___-___"
    re.I,
)
_NAMED = re.compile(_FIELD, re.I)
# a bracketed caption after a section's number is its title, no field: "ARTICLE I [Term]", "Section 10.1 [Term]"
_CAPTIONED = re.compile(r"\b(?:section|article|clause|paragraph|schedule|exhibit)\s+[\w.()-]+\s*$", re.I)
_REDACTED = re.compile(REDACTION)
# a form's field: a signature block's or a contact's ("By: ____", "Telephone: ___-___", "Initialed ACME: ____"),
# filled when the parties sign or send, not a gap in the terms
_FIELD_LABELS = (r"by|name|print(?:ed)?\s+name|title|its|signature|signed|sign|date|witness|attest(?:ed)?|"
                 r"initial(?:s|ed)?|per|address|telephone|tel|phone|facsimile|fax|e-?mail|attention|attn|"
                 r"authori[sz]ed\s+(?:signatory|representative)|name\s+and\s+title|name/title")
# the label opens the line ("Initialed ACME: ____", "By ____") or ends in a colon ("… Facsimile: ____")
_FIELD_LABEL = re.compile(rf"(?:^\s*\(?(?:{_FIELD_LABELS})\b[^_\n]{{0,60}}?|\b(?:{_FIELD_LABELS})\s*:)\s*$", re.I)
_LABEL_WORDS = 6  # a line this short before a blank that ends it is a form's label ("McInnes ____", "Its: ____")
# a date left open: "made as of [ ], 2020", "this _____ day of ______", "[Date]"
_DATE_BEFORE = re.compile(r"(?:\bas\s+of|\bdated?|\bday\s+of|\bmade\s+(?:this|on)|\beffective(?:\s+(?:on|as\s+of))?|"
                          r"\bon|\bthis)\s*(?:the\s*)?$", re.I)
_DATE_AFTER = re.compile(r"^\s*(?:day\b|,?\s*(?:19|20)[\d_\[])", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")
BLANK_CHARS = 600  # a longer body is never placeholders alone (and is not searched for them)
MIN_WORDS = 3  # a body with fewer words left once its placeholders are set aside has none that operate
# a clause of these types (by its heading) with a blank in it is a deal term left open: the flag warns
KEY_TYPES = frozenset({"governing_law", "jurisdiction", "arbitration", "term_renewal", "revenue_sharing",
                       "liability_cap", "price_restriction"})
MANY = 10  # this many blanks in the agreement itself (not its schedules) is a draft: the flag warns
QUOTED = 3  # the flag quotes this many blanks


def _form_field(text: str, m: re.Match) -> bool:
    """Whether an underscore blank (not a bracketed one) is a form's field or a rule, not a gap in the
    terms: a line of underscores alone (a rule across the page, a signature line), a blank after a
    signature or contact label, a rule before a redaction notice ("____ * * * Certain information …"),
    or a blank ending a short line whose label names no clause type ("McInnes ______"; but "Governing
    Law: ______" is a term left open)."""
    from .classify.rules import headings

    a = text.rfind("\n", 0, m.start()) + 1
    b = text.find("\n", m.end())
    before, after = text[a : m.start()], text[m.end() : b if b >= 0 else len(text)]
    if after.lstrip().startswith("*") or _FIELD_LABEL.search(before):
        return True
    if after.strip(" \t_"):
        return False
    label = re.sub(r"^[\s\d.()]+|[\s:.\-–—]+$", "", before)
    return len(label.split()) <= _LABEL_WORDS and not headings().find(label)


def placeholders(text: str, lines: bool = False) -> list[re.Match]:
    """The blanks of ``text``: placeholder matches, less form fields and rules (:func:`_form_field`;
    unless ``lines``: a clause body that is only "____" under its heading is a blank too). A redaction is
    never one (its brackets hold stars, and it is masked first)."""
    masked = _REDACTED.sub(lambda m: "#" * len(m.group(0)), text)
    return [m for m in PLACEHOLDER.finditer(masked)
            if (lines or not m.group(0).lstrip("$").startswith("_") or not _form_field(masked, m))
            and not (_NAMED.fullmatch(m.group(0)) and _CAPTIONED.search(masked[max(0, m.start() - 40) : m.start()]))]


def date_blank(text: str, m: re.Match) -> bool:
    """Whether a blank stands for a date ("as of [ ], 2020", "this ____ day of ____", "[Date]")."""
    return (m.group(0).strip("[]").lower().startswith("date")
            or bool(_DATE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]))
            or bool(_DATE_AFTER.match(text[m.end() : m.end() + 12])))


def is_blank(body: str) -> bool:
    """Whether a clause body is placeholders and no operative words: it has a placeholder, no
    redaction (the filer's blanks keep today's reading), and fewer than MIN_WORDS words besides."""
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
    return len(_WORD.findall(" ".join(rest))) < MIN_WORDS


@dataclass(frozen=True, slots=True)
class Blank:
    clause: str  # the clause id
    cite: str  # how the report cites it: "8.6", "the preamble"
    quote: str  # the blank with a few words around it
    key: bool  # in a clause headed as a key or required type, or in the preamble (the parties' names)
    form: bool  # in a schedule or exhibit (a form filled when used)
    placeholder: str  # the placeholder as written, squashed ("[to be completed]", "____")


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
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"_{4,}", "____", s)
    return s[:40] + ("…]" if len(s) > 40 and s.startswith("[") else "")


def find_blanks(clauses: list[Clause], key_types: set[str] | frozenset[str] = KEY_TYPES) -> list[Blank]:
    """Every blank of the agreement, in document order, with the clause it sits in (its own text,
    not its children's); none in a signature block."""
    from .classify.features import own_text
    from .classify.rules import headings

    hmap = headings()
    signed = _within_kind(clauses, {"signature"})
    form = _within_kind(clauses, {"schedule"})
    by_id = {c.id: c for c in clauses}
    out, named = [], set()
    for c, own in zip(clauses, own_text(clauses)):
        if signed[c.id]:
            continue
        found = []
        for m in placeholders(own):
            if _NAMED.fullmatch(m.group(0)):  # a named field ("[Party]", "[X]") is one blank however often used
                if _shape(m.group(0)).lower() in named:
                    continue
                named.add(_shape(m.group(0)).lower())
            found.append(m)
        if not found:
            continue
        parent = by_id.get(c.parent) if c.parent else None  # the clause's heading, or its parent's ("8. Law" > "8.1")
        heads = [h.type for x in (c, parent) if x is not None for h in hmap.find(x.heading)]
        typed = bool(set(heads) & set(key_types))
        names = c.kind in ("preamble", "title")  # the parties' names (a blank date there is no term)
        cite = c.citation or c.number or ("Preamble" if c.kind == "preamble" else c.heading or c.id)
        cite = f"§ {cite}" if cite[:1].isdigit() else cite
        out += [Blank(c.id, cite, _quote(own, m), typed or (names and not date_blank(own, m)), form[c.id],
                      _shape(m.group(0))) for m in found]
    return out


def draft_blanks_flag(clauses: list[Clause], required: set[str] | frozenset[str] = frozenset()) -> Flag | None:
    """``draft_blanks``: "The draft leaves N blanks to fill" — a warning where a blank of the agreement
    itself sits in the parties' names or in a clause headed as a key or required type, or where the
    agreement itself has MANY or more; else info (blanks in schedules and forms only). None when there
    are none."""
    blanks = find_blanks(clauses, KEY_TYPES | set(required))
    if not blanks:
        return None
    main = [b for b in blanks if not b.form]
    forms = [b for b in blanks if b.form]
    keyed = [b for b in main if b.key]
    keyed_forms = [b for b in forms if b.key]
    warn = bool(keyed) or len(main) >= MANY
    n = len(blanks)
    where = f"{len(main)} in the agreement itself"
    where += f", {len(forms)} in its schedules or exhibit forms" if forms else ""
    ordered = keyed + [b for b in main if not b.key] + keyed_forms + [b for b in forms if not b.key]
    shown = ordered[:QUOTED]
    kinds = list(dict.fromkeys(b.placeholder for b in blanks))
    said = ", ".join(kinds[:4]) + (" …" if len(kinds) > 4 else "")
    quotes = "; ".join(f'{b.cite}: "{b.quote}"' for b in shown)
    message = (f"The draft leaves {n} blank{'s' if n != 1 else ''} to fill ({where}). These are placeholders, "
               f"not terms: {said}. {quotes}" + (f" (and {n - len(shown)} more)." if n > len(shown) else "."))
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
