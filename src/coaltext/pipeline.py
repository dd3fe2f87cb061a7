"""The only place that wires the stages together.

    source ─ingest─▶ Document ─structure─▶ clauses ─classify─▶ typed clauses ─coverage─▶ report
                                └─minutes─▶ MinutesReport      └─goals─▶ AlignmentReport
"""

from __future__ import annotations

from pathlib import Path

from .ingest import Limits
from .ingest import read as _read
from .types import AgreementReport, AlignmentReport, Document, MinutesReport, source_of

Source = str | Path | bytes


def read(
    source: Source,
    *,
    name: str | None = None,
    media_type: str | None = None,
    limits: Limits | None = None,
) -> Document:
    """Bytes or a path → :class:`Document` (text, pages, blocks). The media type is sniffed."""
    return _read(source, name=name, media_type=media_type, limits=limits)


def analyze(
    source: Source | Document,
    *,
    name: str | None = None,
    playbook: str = "auto",
    limits: Limits | None = None,
) -> AgreementReport:
    """An agreement → ``coaltext.agreement.v1``: clause tree, typed clauses, coverage, flags."""
    doc = source if isinstance(source, Document) else read(source, name=name, limits=limits)
    from .classify import classifier
    from .coverage import assess, by_severity, term_flags
    from .structure.clauses import parse_agreement
    from .terms import key_terms

    structure = parse_agreement(doc)
    labels = classifier().classify(structure.clauses)
    clauses = [c.model_copy(update={"types": t}) for c, t in zip(structure.clauses, labels)]
    structure.clauses = clauses
    coverage, flags = assess(structure, doc, playbook=playbook)
    terms = key_terms(doc.text, clauses, coverage, structure.date)
    return AgreementReport(
        source=source_of(doc),
        title=structure.title,
        date=structure.date,
        parties=structure.parties,
        definitions=structure.definitions,
        clauses=clauses,
        coverage=coverage,
        flags=by_severity(flags + term_flags(coverage, terms)),
        key_terms=terms,
        warnings=list(doc.warnings),
    )


def minutes(
    source: Source | Document, *, name: str | None = None, limits: Limits | None = None
) -> MinutesReport:
    """Minutes, notes or a transcript → ``coaltext.minutes.v1``."""
    from .structure.minutes import extract_minutes

    doc = source if isinstance(source, Document) else read(source, name=name, limits=limits)
    return extract_minutes(doc)


def align(
    source: Source | Document,
    *,
    name: str | None = None,
    agreement: Source | Document | None = None,
    limits: Limits | None = None,
) -> AlignmentReport:
    """Goals per party (minutes, an agreement's recitals, or JSON/YAML) → ``coaltext.alignment.v1``.

    With ``agreement``, also lists the decisions and goals the draft does not cover or contradicts.
    """
    from .goals import align_document

    doc = source if isinstance(source, Document) else read(source, name=name, limits=limits)
    draft = None
    if agreement is not None:
        draft = agreement if isinstance(agreement, Document) else read(agreement, limits=limits)
    return align_document(doc, draft=draft)
