"""The only place that wires the stages together.

    source ─ingest─▶ Document ─structure─▶ clauses ─classify─▶ typed clauses ─coverage─▶ report
                                └─minutes─▶ MinutesReport      └─goals─▶ AlignmentReport

Every entry point takes an optional ``deadline`` (a ``time.monotonic()`` value): reading stops
there (``Limits.timeout_s`` is cut to the time left), stages that accept a deadline get it, and
the pipeline checks it between stages (before each read, between the agreement stages, before a
draft is read and before the goals are aligned), raising :class:`~coaltext.errors.ParseTimeout`
(``parse_timeout``). Its message quotes the caller's ``Limits.timeout_s``, never the remainder a
read was cut to. The Python API, the CLI and the HTTP service all run these functions.
"""

from __future__ import annotations

import bisect
import re
import time
from dataclasses import replace
from pathlib import Path

from .errors import InvalidDocument, ParseTimeout
from .ingest import Limits
from .ingest import read as _read
from .ingest.text import TRANSCRIPT_SHAPES, json_shape
from .types import AgreementReport, AlignmentReport, Document, Flag, MinutesReport, source_of

Source = str | Path | bytes

# The least time a read is given (``Limits.timeout_s`` must stay positive).
_MIN_TIMEOUT_S = 1e-3


# Words that do legal work in an agreement. Over the 407 CUAD contracts they run from 8.9 to 120
# per 1,000 words (median about 60), except a signature-page-only "Joint Filing Agreement" and a
# statement of work; minutes, transcripts, goal lists and READMEs have 0 to 6 (a model card that
# discusses clauses: 6.1).
_OPERATIVE = re.compile(
    r"\b(?:shall|hereby|herein|hereto|hereof|hereunder|hereinafter|thereof|thereto|thereunder|whereas"
    r"|witness whereof|this agreement|this contract|each party|(?:the|both|all|other) parties"
    r"|part(?:y|ies) hereto|party [A-C]|agrees? (?:to|that)|undertakes? to|represents and warrants"
    r"|in accordance with)\b",
    re.I,
)
_MIN_OPERATIVE_PER_1000 = 7.0
_WORD = re.compile(r"[^\W\d_]+")
# A title that names a kind of agreement keeps a short or terse one (a signature page) a review.
_AGREEMENT_TITLE = re.compile(
    r"\b(?:agreements?|contract|licen[cs]e|amendment|addendum|memorandum|deed|lease|indenture|endorsement"
    r"|statement of work|terms and conditions|undertaking|guarantee)\b",
    re.I,
)
_MEETING_TITLE = re.compile(r"\b(?:minutes|meeting|transcript|call|notes|agenda)\b", re.I)
_STRUCTURED = {"application/json": "a JSON", "application/yaml": "a YAML"}


def not_an_agreement(doc: Document, title: str | None = None) -> str | None:
    """Why ``doc`` does not read like an agreement ("a YAML file"), or None where it does.

    An analysis still runs — this is a warning, not an error — but its coverage and flags assume
    an agreement: on minutes, a transcript or a goal list they are meaningless.
    """
    if doc.media_type in _STRUCTURED:
        transcript = doc.media_type == "application/json" and not doc.text.lstrip().startswith(("{", "["))
        return f"{_STRUCTURED[doc.media_type]} {'transcript' if transcript else 'file'}"
    if title and _AGREEMENT_TITLE.search(title) and not _MEETING_TITLE.search(title):
        return None
    words = len(_WORD.findall(doc.text))
    found = len(_OPERATIVE.findall(doc.text))
    if words and 1000 * found / words >= _MIN_OPERATIVE_PER_1000:
        return None
    return (
        f"{found} legal operative word{'s' if found != 1 else ''} (shall, hereby, this Agreement…) in "
        f"{words:,} words, where agreements have {_MIN_OPERATIVE_PER_1000:g} or more per 1,000, and no "
        "title naming an agreement"
    )


def _not_an_agreement_flag(reason: str) -> Flag:
    return Flag(
        code="not_an_agreement",
        severity="high",
        message=(
            f"This does not look like an agreement ({reason}). The coverage and flags below assume one: "
            "read minutes or a transcript with 'minutes', partners' goals with 'align'."
        ),
    )


def _within(limits: Limits | None, deadline: float | None) -> Limits | None:
    """``limits`` with its read time limit cut to what is left before ``deadline``."""
    if deadline is None:
        return limits
    limits = limits or Limits()
    left = max(deadline - time.monotonic(), _MIN_TIMEOUT_S)
    if limits.timeout_s is not None and limits.timeout_s <= left:
        return limits
    return replace(limits, timeout_s=left)


def _limit(limits: Limits | None) -> str:
    """The caller's limit in words: never the remainder a read was cut to."""
    if limits is not None and limits.timeout_s:
        return f"the time limit of {limits.timeout_s:g} s"
    return "the deadline"


def _check(deadline: float | None, what: str, limits: Limits | None = None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise ParseTimeout(f"the {what} ran past {_limit(limits)} and was stopped")


def read(
    source: Source,
    *,
    name: str | None = None,
    media_type: str | None = None,
    limits: Limits | None = None,
    deadline: float | None = None,
) -> Document:
    """Bytes or a path → :class:`Document` (text, pages, blocks). The media type is sniffed."""
    _check(deadline, f"reading of {name or 'the document'}", limits)
    cut = _within(limits, deadline)
    try:
        return _read(source, name=name, media_type=media_type, limits=cut)
    except ParseTimeout as exc:
        if cut is limits or cut is None or cut.timeout_s is None:
            raise
        # The reader quotes the time it was given, the remainder before the deadline; say the
        # caller's limit instead (a client cannot act on "took longer than 0.001 s").
        said = f"longer than {cut.timeout_s:g} s"
        if said in exc.message:
            limit = f"{limits.timeout_s:g} s" if limits is not None and limits.timeout_s else "the deadline allowed"
            raise ParseTimeout(exc.message.replace(said, f"longer than {limit}")) from None
        raise ParseTimeout(f"reading {name or 'the document'} ran past {_limit(limits)} and was stopped") from None


def analyze(
    source: Source | Document,
    *,
    name: str | None = None,
    playbook: str = "auto",
    limits: Limits | None = None,
    deadline: float | None = None,
) -> AgreementReport:
    """An agreement → ``coaltext.agreement.v1``: clause tree, typed clauses, coverage, flags."""
    doc = source if isinstance(source, Document) else read(source, name=name, limits=limits, deadline=deadline)
    from .classify import classifier
    from .coverage import assess, by_severity, term_flags
    from .structure.clauses import parse_agreement
    from .terms import key_terms

    _check(deadline, "analysis", limits)
    structure = parse_agreement(doc)
    _check(deadline, "analysis", limits)
    labels = classifier().classify(structure.clauses)
    _check(deadline, "analysis", limits)
    clauses = [c.model_copy(update={"types": t}) for c, t in zip(structure.clauses, labels)]
    structure.clauses = clauses
    coverage, flags = assess(structure, doc, playbook=playbook)
    terms = key_terms(doc.text, clauses, coverage, structure.date)
    flags = by_severity(flags + term_flags(coverage, terms))
    warnings = list(doc.warnings)
    reason = not_an_agreement(doc, structure.title)
    if reason is not None:
        flag = _not_an_agreement_flag(reason)
        flags.insert(0, flag)
        warnings.append(f"{doc.name}: {flag.message}")
    return AgreementReport(
        source=source_of(doc),
        title=structure.title,
        date=structure.date,
        parties=structure.parties,
        definitions=structure.definitions,
        clauses=clauses,
        coverage=coverage,
        flags=flags,
        key_terms=terms,
        warnings=warnings,
    )


def minutes(
    source: Source | Document,
    *,
    name: str | None = None,
    limits: Limits | None = None,
    deadline: float | None = None,
) -> MinutesReport:
    """Minutes, notes or a transcript → ``coaltext.minutes.v1``."""
    from .structure.minutes import extract_minutes

    doc = source if isinstance(source, Document) else read(source, name=name, limits=limits, deadline=deadline)
    if doc.media_type == "application/json" and doc.text.lstrip().startswith(("{", "[")):
        # JSON that ingest did not render as a transcript: say what it holds and what is read
        raise InvalidDocument(
            f"{doc.name}: JSON minutes must be a transcript, {TRANSCRIPT_SHAPES}; found {json_shape(doc.text)}"
        )
    _check(deadline, "minutes extraction", limits)
    return locate_items(extract_minutes(doc), doc)


# A Markdown heading ("### 3. Pilot cell production"); DOCX headings come as heading blocks.
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)
_MAX_SECTION = 80


def locate_items(report: MinutesReport, doc: Document) -> MinutesReport:
    """``report`` with each item's line (and page, and the heading it sits under) filled in from
    ``doc``, so that a reader finds the evidence without counting characters."""
    text = doc.text
    newlines = [m.start() for m in re.finditer("\n", text)]
    headings = sorted(
        [(m.start(), m.group(1)) for m in _MD_HEADING.finditer(text)]
        + [(b.start, text[b.start : b.end]) for b in doc.blocks if b.kind == "heading"]
    )
    starts = [h[0] for h in headings]

    def line(offset: int) -> int:
        return bisect.bisect_left(newlines, offset) + 1

    def section(offset: int) -> str | None:
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return None
        name = " ".join(headings[i][1].split())
        return name if len(name) <= _MAX_SECTION else name[: _MAX_SECTION - 1].rstrip() + "…"

    items = []
    for it in report.items:
        update = {"line": line(it.start), "page": doc.page_at(it.start), "section": section(it.start)}
        if it.replies_to is not None:
            update["replies_to"] = it.replies_to.model_copy(update={"line": line(it.replies_to.start)})
        items.append(it.model_copy(update=update))
    return report.model_copy(update={"items": items})


def align(
    source: Source | Document,
    *,
    name: str | None = None,
    agreement: Source | Document | None = None,
    agreement_name: str | None = None,
    limits: Limits | None = None,
    deadline: float | None = None,
) -> AlignmentReport:
    """Goals per party (minutes, an agreement's recitals, or JSON/YAML) → ``coaltext.alignment.v1``.

    With ``agreement`` (a draft: path, bytes or Document; ``agreement_name`` names bytes), also
    lists the decisions and goals the draft does not cover or contradicts.
    """
    from .goals import align_document

    doc = source if isinstance(source, Document) else read(source, name=name, limits=limits, deadline=deadline)
    draft = None
    if agreement is not None:
        # One deadline for both documents: the draft gets what is left (read() checks it first).
        draft = (
            agreement
            if isinstance(agreement, Document)
            else read(agreement, name=agreement_name, limits=limits, deadline=deadline)
        )
    _check(deadline, "alignment", limits)
    return align_document(doc, draft=draft, deadline=deadline)
