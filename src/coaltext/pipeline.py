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
    r"|in accordance with"
    # what a licence, terms of service or a letter agreement calls itself
    r"|this (?:public )?licen[cs]e|these terms|this (?:letter|lease|deed|amendment|addendum|memorandum))\b",
    re.I,
)
_MIN_OPERATIVE_PER_1000 = 7.0
# The words plain-English agreements bind with ("Acme will provide…", "you must not…"). Minutes
# use them too ("Ben will send…"), so they only keep a text without signs of a meeting from the
# softer warning: legal and plain words together at _MIN_PLAIN_PER_1000 or more.
_PLAIN_OPERATIVE = re.compile(
    r"\b(?:will|must|agree[sd]?|obligations?|obliged|undertakes?|undertakings?|liable|liability|entitled to"
    r"|may not|provided that|pursuant to|subject to|in writing|written (?:consent|notice)|binding|governed by"
    r"|set forth|without limitation|notwithstanding|applicable law|(?:disclosing|receiving) party|warrants"
    r"|verpflichte[nt]?|vereinbar(?:t|en)|Vertragspartner|Parteien)\b",
    re.I,
)
_MIN_PLAIN_PER_1000 = 15.0
_WORD = re.compile(r"[^\W\d_]+")
# A title that names a kind of agreement keeps a short or terse one (a signature page) a review.
# German compounds end in the word ("Kooperationsvertrag"), hence no \b before it.
_AGREEMENT_TITLE = re.compile(
    r"\b(?:agreements?|contract|licen[cs]e|amendment|addendum|memorandum(?: of understanding)?|deed|lease"
    r"|indenture|endorsement|statement of work|work order|terms and conditions|terms of (?:service|use|sale)"
    r"|undertaking|guarantee|term sheet|letter of intent|heads of terms|public licen[cs]e|charter)\b"
    r"|(?:vertrag|vereinbarung|satzung)(?:e?s|en)?\b|\b(?:contrat|convenio|contratto)\b",
    re.I,
)
_MEETING_WORD = re.compile(r"\b(?:minutes|minuting|meeting|transcript|call|notes|agenda)\b", re.I)
# Where a title names both ("Minutes of the licence agreement call", "Call Option Agreement",
# "Senior Notes Indenture"), the meeting word is its head when a preposition or a colon follows it,
# or when it ends the title (before a date or a number).
_MEETING_HEAD = re.compile(
    r"\b(?:minutes|meeting|transcript|call|notes|agenda)\b(?:\s*(?:of|from|on|with|about|re|regarding)\b|\s*[:\u2013\u2014]"
    r"|(?:[\s\d.,/()\-]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)*(?:no\.?[\s\d.]*)?$)",
    re.I,
)
_TITLE_LINE = re.compile(r"\S[^\n]{0,200}")  # the first non-blank line (its first 200 characters)
_TITLE_MAX_WORDS = 15
# Signs of minutes or a transcript: a heading such as "Attendees:" or "## Agenda" at the start of
# a line, and lines that begin with a speaker ("Maria Lopez: …", "(PERSON6) …").
_MEETING_HEADING = re.compile(
    r"^[ \t#>*_\-\u2022\u25cf]*+(attendees|participants|present|apologies|absent|agenda|action items|actions"
    r"|decisions|chair|minutes|minuting|date of (?:the )?meeting|purpose of (?:the )?meeting|next meeting)\b[ \t*_]*(?::|$)",
    re.I | re.M,
)
_SPEAKER_LINE = re.compile(
    r"^[ \t]*(?:\(([A-Z][\w.' -]{0,30})\)|\[?([A-Z][\w.'\-]*(?: [A-Z0-9][\w.'\-]*){0,3})\]?:)[ \t]*\S",
    re.M,
)
# Labels of forms and signature blocks ("By: /s/ …", "Name: …"), which repeat in agreements.
_FORM_LABELS = {
    "by", "name", "title", "date", "dated", "its", "address", "attention", "attn", "fax", "facsimile", "tel",
    "telephone", "phone", "email", "e-mail", "signature", "signed", "print name", "printed name", "witness",
    "place", "location", "re", "subject", "to", "from", "cc", "note", "notes", "section", "article", "exhibit",
    "schedule", "annex", "appendix", "page", "term", "purpose", "company", "bank", "account", "amount", "source",
}
_MIN_SPEAKER_SHARE = 0.2  # of the non-blank lines, by speakers of two or more (CUAD: at most 0.14, ELITR transcripts: 0.26 or more)
# The check reads the start of a document: 300,000 characters (about 50,000 words, more than most
# agreements) tell an agreement from minutes, and keep a 5 MB upload from costing seconds.
_SCAN_CHARS = 300_000
_STRUCTURED = {"application/json": "a JSON", "application/yaml": "a YAML"}


def _title_candidates(doc: Document, title: str | None) -> list[str]:
    """The parsed title, and the first non-blank line where it reads as a title (Markdown's ``#``
    and emphasis stripped, at most 15 words, no closing full stop)."""
    found = [title[:200]] if title else []
    m = _TITLE_LINE.search(doc.text, 0, _SCAN_CHARS)
    if m:
        line = m.group().strip().lstrip("#").strip().strip("*_").strip()
        if line and len(line.split()) <= _TITLE_MAX_WORDS and not line.endswith((".", "?", "!")):
            found.append(line)
    return found


def _is_meeting_title(title: str) -> bool:
    if not _MEETING_WORD.search(title):
        return False
    return not _AGREEMENT_TITLE.search(title) or bool(_MEETING_HEAD.search(title))


def _meeting_signs(text: str, titles: list[str]) -> str | None:
    """What in ``text`` says minutes or a transcript, in words, or None."""
    meeting = next((t for t in titles if _is_meeting_title(t)), None)
    if meeting is not None:
        return f"a meeting title, {meeting[:80]!r}"
    heading = _MEETING_HEADING.search(text)
    if heading is not None:
        return f"a heading {heading.group(1).capitalize()!r}"
    # label → its lines, and how many differ: a running header or footer repeats on every page
    # ("Source: …, 8-K, 4/18/2017") with only its page number changed, a speaker's lines differ
    turns: dict[str, int] = {}
    distinct: dict[str, set[str]] = {}
    for m in _SPEAKER_LINE.finditer(text):
        label = (m.group(1) or m.group(2)).strip()
        if label.lower() in _FORM_LABELS or label.lower().startswith("party"):
            continue
        end = text.find("\n", m.end())
        said = distinct.setdefault(label, set())
        if len(said) < 2:
            said.add(re.sub(r"\d+", "#", text[m.end() - 1 : end if end >= 0 else len(text)][:200].strip()))
        turns[label] = turns.get(label, 0) + 1
    speakers = {k: n for k, n in turns.items() if len(distinct[k]) >= 2}
    spoken = sum(speakers.values())
    lines = sum(1 for _ in re.finditer(r"^[ \t]*+\S", text, re.M))
    if len(speakers) >= 2 and spoken >= max(4, _MIN_SPEAKER_SHARE * lines):
        first = max(speakers, key=speakers.__getitem__)
        return f"{spoken:,} of {lines:,} lines begin with a speaker, such as {first[:40]!r}"
    return None


def meeting_signs(doc: Document, title: str | None = None) -> str | None:
    """What in ``doc`` (its first 300,000 characters) says minutes or a transcript, in words, or
    None: a meeting title, an "Attendees" or "Agenda" heading, lines that begin with a speaker."""
    return _meeting_signs(doc.text[:_SCAN_CHARS], _title_candidates(doc, title))


def not_an_agreement(doc: Document, title: str | None = None) -> Flag | None:
    """The ``not_an_agreement`` flag where ``doc`` does not read like an agreement, or None.

    - ``high`` for JSON or YAML, and for text with fewer than 7 legal operative words ("shall",
      "hereby", "this Agreement") per 1,000 and a sign of minutes or a transcript: a meeting title,
      an "Attendees" or "Agenda" heading, or lines that begin with a speaker;
    - none where a title names a kind of agreement (the parsed title, or the first line), or where
      plain binding words ("will", "must", "agrees") make up for the legal ones;
    - else ``warning``: few operative words is all that is known, and plain-English agreements exist.

    An analysis still runs — coverage and flags assume an agreement: on minutes, a transcript or a
    goal list they are meaningless. Only the first 300,000 characters are read.
    """
    if doc.media_type in _STRUCTURED:
        transcript = doc.media_type == "application/json" and not doc.text.lstrip().startswith(("{", "["))
        return _not_an_agreement_flag(f"{_STRUCTURED[doc.media_type]} {'transcript' if transcript else 'file'}")
    text = doc.text[:_SCAN_CHARS]
    words = len(_WORD.findall(text))
    legal = len(_OPERATIVE.findall(text))
    if words and 1000 * legal / words >= _MIN_OPERATIVE_PER_1000:
        return None
    titles = _title_candidates(doc, title)
    signs = _meeting_signs(text, titles)
    if signs is not None:
        return _not_an_agreement_flag(
            f"{signs}; {legal} legal operative word{'s' if legal != 1 else ''} (shall, hereby, this Agreement…) "
            f"in {words:,} words, where agreements have {_MIN_OPERATIVE_PER_1000:g} or more per 1,000"
        )
    if any(_AGREEMENT_TITLE.search(t) for t in titles):  # a meeting title was a sign above
        return None
    plain = len(_PLAIN_OPERATIVE.findall(text))
    if words and 1000 * (legal + plain) / words >= _MIN_PLAIN_PER_1000:
        return None
    return Flag(
        code="not_an_agreement",
        severity="warning",
        message=(
            f"Few operative words for an agreement ({legal + plain} such as shall, will, must, agrees in "
            f"{words:,} words) and no title naming one. If this is not an agreement, use 'minutes' for minutes "
            "or a transcript and 'align' for partners' goals; if it is, this note does not change the report."
        ),
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
    from .blanks import draft_blanks_flag
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
    blanks = draft_blanks_flag(clauses, {i.type for i in coverage.items if i.required})
    flags = by_severity(flags + term_flags(coverage, terms) + ([blanks] if blanks else []))
    warnings = list(doc.warnings)
    flag = not_an_agreement(doc, structure.title)
    if flag is not None:
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
    """Minutes, notes or a transcript → ``coaltext.minutes.v1``. ``limits.max_meeting_chars`` bounds
    the size read (500,000 characters by default; ``None``: no limit)."""
    from .structure.minutes import extract_minutes

    limits = replace(limits or Limits(), minutes=True)  # a text too long is refused in the minutes reader's words
    doc = source if isinstance(source, Document) else read(source, name=name, limits=limits, deadline=deadline)
    if doc.media_type == "application/json" and doc.text.lstrip().startswith(("{", "[")):
        # JSON that ingest did not render as a transcript: say what it holds and what is read
        raise InvalidDocument(
            f"{doc.name}: JSON minutes must be a transcript, {TRANSCRIPT_SHAPES}; found {json_shape(doc.text)}"
        )
    _check(deadline, "minutes extraction", limits)
    report = extract_minutes(doc, limits)
    _check(deadline, "minutes extraction", limits)
    return locate_items(report, doc)


# A Markdown heading ("### 3. Pilot cell production"); DOCX headings come as heading blocks. Its
# closing "#"s and blanks are cut in Python (_heading_text): a lazy group before "[ \t#]*$" was
# quadratic in a long run of blanks (a 40,000-space heading line took 37 s).
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]++(\S[^\n]*)", re.M)
_MAX_SECTION = 80


def _heading_text(line: str) -> str:
    """A Markdown heading's text without its closing sequence: "Pilot ##" → "Pilot", "C#" stays."""
    text = line.rstrip(" \t\r")
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare.rstrip(" \t")
    return text


def locate_items(report: MinutesReport, doc: Document) -> MinutesReport:
    """``report`` with each item's line (and page, and the heading it sits under) filled in from
    ``doc``, so that a reader finds the evidence without counting characters."""
    text = doc.text
    newlines = [m.start() for m in re.finditer("\n", text)]
    headings = sorted(
        [(m.start(), name) for m in _MD_HEADING.finditer(text) if (name := _heading_text(m.group(1)))]
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
    lists the decisions and goals the draft does not cover or contradicts. Minutes are read within
    ``limits.max_meeting_chars`` as by :func:`minutes`.
    """
    from .goals import align_document

    # the source is minutes or goals, most often: a text too long is refused in the minutes reader's words
    doc = (source if isinstance(source, Document)
           else read(source, name=name, limits=replace(limits or Limits(), minutes=True), deadline=deadline))
    draft = None
    if agreement is not None:
        # One deadline for both documents: the draft gets what is left (read() checks it first).
        draft = (
            agreement
            if isinstance(agreement, Document)
            else read(agreement, name=agreement_name, limits=limits, deadline=deadline)
        )
    _check(deadline, "alignment", limits)
    return align_document(doc, draft=draft, deadline=deadline, limits=limits)
