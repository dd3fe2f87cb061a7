"""Goal alignment: goals per party → shared, related and conflicting goals, clusters, pair scores,
and (with a draft) the agreed items the draft leaves out or contradicts.

    >>> from coaltext.goals import align_document
    >>> report = align_document(doc)                 # coaltext.alignment.v1
    >>> report = align_document(minutes, draft=agreement)

The embedder loads on first use (``coaltext.models.embedder()``); pass ``embedder=`` to inject a fake.
"""

from __future__ import annotations

import numpy as np

from ..ingest import Limits
from ..types import AlignmentReport, Document, source_of
from .align import check_deadline, cluster_goals, match_goals, party_pairs, relate, unmatched
from .cues import conflict, residual
from .draft import check_draft
from .similarity import pairwise
from .sources import (
    ALL_PARTIES,
    NOT_ENGLISH_GOALS,
    NOT_ENGLISH_TEXT,
    GoalSet,
    extract_goals,
    not_english,
    topical,
    without_noise,
)

__all__ = [
    "ALL_PARTIES",
    "GoalSet",
    "align_document",
    "align_goals",
    "check_draft",
    "cluster_goals",
    "conflict",
    "extract_goals",
    "match_goals",
    "pairwise",
    "party_pairs",
    "relate",
]


def align_goals(
    found: GoalSet, doc: Document, *, draft: Document | None = None, embedder=None, deadline: float | None = None
) -> AlignmentReport:
    """Alignment report for goals already extracted from ``doc``; past ``deadline`` (a
    ``time.monotonic()`` value) it raises :class:`coaltext.errors.ParseTimeout`."""
    if embedder is None:
        from .. import models

        embedder = models.embedder()
    goals = found.goals
    warnings = list(dict.fromkeys([*doc.warnings, *found.warnings]))  # minutes repeat the document's
    parties = list(dict.fromkeys(g.party for g in goals))
    partners = [p for p in parties if p != ALL_PARTIES]  # "All parties" is no partner to score
    if not goals:
        warnings.append("no goals found: give minutes with stated goals, an agreement with recitals, or a goal list")
        if not_english([doc.text[:20_000]]):
            warnings.append(NOT_ENGLISH_TEXT)
    elif len(partners) < 2:
        warnings.append(f"only one party states goals ({(partners or parties)[0]}): nothing to align between parties")
    if goals and 3 * (n := not_english([g.text for g in goals])) >= len(goals):  # a third or more
        warnings.append(NOT_ENGLISH_GOALS.format(n=n, total=len(goals)))
    # "<unintelligible/>" is not what anyone wants; "50/50" is compared as "Revenue split: 50/50"
    spoken = [without_noise(topical(g)) for g in goals]
    scored = [g.model_copy(update={"text": topical(g)}) if g.topic else g for g in goals]
    vectors = (
        np.asarray(embedder.encode(spoken), dtype=np.float32)
        if goals
        else np.zeros((0, 1), dtype=np.float32)
    )
    object_vectors = np.asarray(embedder.encode([residual(t) for t in spoken]), dtype=np.float32) if goals else None
    check_deadline(deadline)
    matches = match_goals(scored, vectors, object_vectors, deadline=deadline)
    check_deadline(deadline)
    if len(partners) >= 2 and not any(m.relation != "related" for m in matches):
        warnings.append(_nothing_between(goals, partners, matches))
    gaps = []
    if draft is not None:
        from ..structure.clauses import parse_agreement

        structure = parse_agreement(draft)
        check_deadline(deadline)
        names = [p.name for p in structure.parties] + [p for p in parties if p != ALL_PARTIES]
        # an open disagreement's sides are what each party wants, nothing agreed: no item of the draft check
        agreed = [g for g in scored if g.id not in set(found.positions)]
        gaps = check_draft(
            [*found.decisions, *agreed], structure.clauses, embedder, parties=names, title=structure.title,
            deadline=deadline,
        )
    return AlignmentReport(
        source=source_of(doc),
        parties=partners,  # "All parties" is no party: the Markdown, the HTML and the JSON all leave it out
        goals=goals,
        matches=matches,
        unmatched=unmatched(goals, matches),
        clusters=cluster_goals(scored, vectors),
        pairs=_partner_pairs(goals, matches),
        draft=gaps,
        warnings=warnings,
    )


def _nothing_between(goals, partners, matches) -> str:
    """Why the pair scores say little: no goal of one party is shared with or opposed by another."""
    own = [g for g in goals if g.party != ALL_PARTIES]
    few = [p for p in partners if sum(g.party == p for g in own) == 1]
    what = (
        "some are on the same topic (related), none the same goal or opposed"
        if matches
        else "no two parties' goals are about the same thing"
    )
    hint = f"; {', '.join(few[:5])}{' …' if len(few) > 5 else ''} state{'s' if len(few) == 1 else ''} one goal only" if few else ""
    return (
        f"no goal is shared or in conflict between parties ({len(own)} goals of {len(partners)} parties): {what}{hint}; "
        "too little to align, so the scores are not a measure of agreement"
    )


def _partner_pairs(goals, matches):
    """Pair scores between the partners only: a goal of "All parties" (a recital no one party
    states) is shared by everyone by construction and would score as a partner of its own."""
    own = [g for g in goals if g.party != ALL_PARTIES]
    ids = {g.id for g in own}
    return party_pairs(own, [m for m in matches if m.a in ids and m.b in ids])


def align_document(
    doc: Document, draft: Document | None = None, *, embedder=None, deadline: float | None = None,
    limits: Limits | None = None,
) -> AlignmentReport:
    """``coaltext.alignment.v1`` for minutes, an agreement, or a JSON/YAML goal list.

    With ``draft`` (an agreement), also lists the decisions and goals no clause covers and the ones a
    clause contradicts. Minutes are read within ``limits.max_meeting_chars``. Malformed goal lists
    raise :class:`coaltext.errors.InvalidDocument`.
    """
    return align_goals(extract_goals(doc, limits), doc, draft=draft, embedder=embedder, deadline=deadline)
