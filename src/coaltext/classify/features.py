"""What the classifier reads of a clause.

Clauses form a tree whose parents' text includes their children, so a clause is judged on its
*own* text (``text[start : first child's start]``) with its number and heading removed: the
heading is separate evidence (the drafter's label), and the model learns the body. Leaves carry
the specific labels; a parent whose own text is only "ARTICLE 12 ARBITRATION" is labelled by its
heading alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Clause

MODEL_CHARS = 3000  # what the sparse features read (long clauses keep their later sentences; CV: 3,000 > 1,500, 5,000)
EMB_CHARS = 384  # ≈ 80 word pieces: what the embedder reads (speed on two cores)
PATTERN_CHARS = 4000  # what the patterns read


@dataclass(frozen=True, slots=True)
class ClauseInput:
    body: str  # own text without number and heading
    heading: str | None
    offset: int  # where ``body`` starts in the clause's own text (for evidence offsets)


def own_text(clauses: list[Clause]) -> list[str]:
    """Each clause's text up to its first child (the whole text for leaves)."""
    first_child: dict[str, int] = {}
    for c in clauses:
        if c.parent is not None and c.parent not in first_child:
            first_child[c.parent] = c.start
    out = []
    for c in clauses:
        cut = first_child.get(c.id)
        out.append(c.text[: max(0, cut - c.start)] if cut is not None else c.text)
    return out


def strip_heading(text: str, number: str | None, heading: str | None) -> tuple[str, int]:
    """``text`` without a leading number and heading; returns (body, offset of body in text)."""
    i = len(text) - len(text.lstrip())
    if number:
        j = text.find(number, i, i + len(number) + 20)
        if j >= 0:
            i = j + len(number)
    if heading:
        h = heading.strip()
        j = text.lower().find(h.lower()[:60], i, i + len(h) + 40)
        if j >= 0:
            i = j + len(h)
    m = re.match(r"[\s.:;\-–—)]*", text[i:])
    i += m.end() if m else 0
    return text[i:], i


def clause_inputs(clauses: list[Clause]) -> list[ClauseInput]:
    out = []
    for c, own in zip(clauses, own_text(clauses)):
        body, off = strip_heading(own, c.number, c.heading)
        out.append(ClauseInput(body=body, heading=c.heading, offset=off))
    return out


# "non-exclusive" would otherwise be read as the words "non" and "exclusive" (and "non-compete" as
# "compete"): one token keeps a non-exclusive licence from looking like an exclusivity clause.
_NON = re.compile(r"\bnon[\s\-\u2010\u2011\u2013]*(exclusiv|compet|solicit|transferab|assignab)", re.I)


def model_text(body: str) -> str:
    """The part of a body the learned head reads: whitespace squashed, first MODEL_CHARS characters,
    "non-exclusive" & co. as one word."""
    return _NON.sub(r"non\1", re.sub(r"\s+", " ", body).strip()[:MODEL_CHARS])


def pattern_text(body: str) -> str:
    """The part of a body the patterns search: whitespace squashed, first few thousand chars."""
    return re.sub(r"\s+", " ", body[: PATTERN_CHARS * 2]).strip()[:PATTERN_CHARS]


# The formulas that frame an agreement and state no term of it: "NOW, THEREFORE, in consideration
# of …, the parties agree as follows:", "Cargill and Bioamber mutually agree as follows:", "IN
# WITNESS WHEREOF, the parties have executed …", a "NOW, THEREFORE;" split from its sentence. The
# head had learnt "agree as follows" as purpose (p 0.92–0.98, from recital sections it closes) and
# the witness formula as entire_agreement. A page number or "1" run on after the colon is furniture.
_FORMULA = re.compile(
    # the formula's lead never crosses a sentence end ("In connection with …, Acme and Beta desire a
    # relationship. THEREFORE, …" states an aim) …
    r"(?:(?:now,?\s+)?therefore|accordingly|in consideration|as consideration|in connection with)\b"
    r"(?:[^;.]|\.(?!\s+[A-Z])){0,600}?"
    r"\b(?:agree|agrees|covenant|covenants)\b[^.;]{0,60}?\b(?:as follows|to the following)\W*+(?:page\s+\d{1,3}\W*+|\d{1,3}\W*+)?"
    # … nor, with a bare subject, runs a recital into it ("WHEREAS, …, NOW, THEREFORE, the parties agree")
    r"|(?:(?!whereas\b|therefore\b)[^.;:]){0,200}?\bagrees?\s+(?:as follows|to the following(?: terms and conditions)?)"
    r"\W*+(?:page\s+\d{1,3}\W*+|\d{1,3}\W*+)?"
    r"|now,?\s+therefore\W*+"
    r"|in\s+witness\s+(?:where|here|there)of\b.*", re.I | re.S)
# ... and what a formula never says: a grant, a licence, a duty, a payment, a permission, a law, an
# amendment. "Accordingly, Company hereby grants … and Distributor agrees as follows:", "Distributor
# agrees to purchase 10,000 units and further agrees as follows:", "IN WITNESS WHEREOF … This
# Agreement shall be governed by …" are clauses, not formulas. The verbs count in lower case only
# ("Grant Thornton" or "ACME LICENSE CORP." may sign), and "(which will not constitute notice)"
# beside a copy address in a signature block is no duty.
_OPERATIVE = re.compile(
    r"\b(?:shall|must|(?-i:will|may|grants?|appoints?|assigns?|designates?|licen[cs]es?)|hereby grants?"
    r"|agrees?\s+(?:not\s+)?to\s+(?!the\s+(?:following|terms)|be\s+(?:legally\s+)?bound)\w+|agrees?\s+that"
    r"|(?:is|are) (?:hereby )?amended|governed by)\b",
    re.I)
_NOT_NOTICE = re.compile(r"\((?:which|that) (?:shall|will) not constitute (?:notice|service)\)", re.I)
FORMULA_CHARS = 1500


def is_formula(body: str) -> bool:
    """The clause's own text is one of the framing formulas and nothing else."""
    body = body.strip()
    return (len(body) <= FORMULA_CHARS and _FORMULA.fullmatch(body) is not None
            and not _OPERATIVE.search(_NOT_NOTICE.sub("", body)))


# Where a clause's body breaks into sentences: after . ; : ? ! before a capital, digit, quote or
# bracket, and before an enumerated item "(a) ", "(iv) ", "(2) ".
_SENT_BREAK = re.compile(r"(?<=[.;:?!])\s+(?=[\"“(\[A-Z0-9])|\s+(?=\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s)")
SENT_MIN = 40  # shorter pieces join the next one ("Section 5.2." is no sentence)
SENT_CHARS = 8000  # how far into a body the sentence head reads
MAX_SENTS = 60


def sentence_spans(body: str) -> list[tuple[int, int]]:
    """``[(start, end)]`` of the sentences of ``body`` (offsets into it), within its first
    SENT_CHARS characters. A body of one sentence gives one span."""
    text = body[:SENT_CHARS]
    spans, start = [], len(text) - len(text.lstrip())
    for m in _SENT_BREAK.finditer(text):
        if m.start() - start >= SENT_MIN:
            spans.append((start, m.start()))
            start = m.end()
    end = len(text.rstrip())
    if end > start:
        if spans and end - start < SENT_MIN:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans[:MAX_SENTS]


def sentences_of(body: str) -> tuple[list[str], list[tuple[int, int]]]:
    """What the sentence head reads of a body (each sentence as :func:`model_text`), and where each
    sentence sits in it."""
    spans = sentence_spans(body)
    return [model_text(body[a:b]) for a, b in spans], spans
