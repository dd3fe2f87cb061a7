"""Minutes against the draft: which agreed decisions and goals no clause covers, and which a clause contradicts.

Each item (a minutes decision or a goal) is compared with every sentence of the draft's clauses
(own text, children excluded). Plain cosine of the best sentence below ``covered_similarity``:
*uncovered* (the nearest clause is still given, as the place to look). A sentence among the
``top_sentences`` nearest, with cosine ≥ ``contradiction_cosine`` and topic-word overlap ≥
``contradiction_overlap``, that disagrees on a cue
(direction, negation, exclusivity, quantity, date — :mod:`coaltext.goals.cues`): *contradicted*,
with that clause as evidence. Otherwise *covered*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..types import Clause, DraftGap, Goal, MinutesItem
from .cues import conflict, overlap, settings
from .sources import own_text

_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[\"“(]?[A-Z0-9(])|\n\s*\n|\n(?=\s*\(?[a-z0-9ivx]{1,4}[.)]\s)")
_MAX_SENTENCES = 5000


@dataclass(frozen=True, slots=True)
class DraftSentence:
    clause: str
    text: str
    start: int
    end: int


def draft_sentences(clauses: list[Clause]) -> list[DraftSentence]:
    """Sentences of every clause's own text, with the clause id and offsets into the draft."""
    out: list[DraftSentence] = []
    for c in clauses:
        if c.kind in ("signature", "title"):
            continue
        body, start, _end = own_text(c, clauses)
        pos = 0
        for part in _SENTENCE_END.split(body) + [""]:
            if part is None:
                continue
            idx = body.find(part, pos) if part else -1
            if idx < 0:
                continue
            pos = idx + len(part)
            text = " ".join(part.split())
            if len(text) >= 12:
                out.append(DraftSentence(c.id, text, start + idx, start + idx + len(part)))
            if len(out) >= _MAX_SENTENCES:
                return out
    return out


def check_draft(items: list[MinutesItem | Goal], clauses: list[Clause], embedder) -> list[DraftGap]:
    """One :class:`DraftGap` per item: uncovered, contradicted or covered, with clause ids."""
    if not items:
        return []
    cfg = settings()["draft"]
    sentences = draft_sentences(clauses)
    if not sentences:
        return [
            DraftGap(item=i.id, text=i.text, status="uncovered", reason="the draft has no clause text")
            for i in items
        ]
    iv = np.asarray(embedder.encode([i.text for i in items]), dtype=np.float32)
    sv = np.asarray(embedder.encode([s.text for s in sentences]), dtype=np.float32)
    sims = iv @ sv.T
    out = []
    for k, item in enumerate(items):
        row = sims[k]
        top = np.argsort(-row)[: max(1, cfg["top_sentences"])]
        best = int(top[0])
        contradiction = None
        for j in top:
            j = int(j)
            if row[j] < cfg["contradiction_cosine"]:
                break
            ov = overlap(item.text, sentences[j].text)
            if ov < cfg["contradiction_overlap"]:
                continue
            c = conflict(item.text, sentences[j].text, topic_overlap=ov)
            if c is not None:
                contradiction = (j, c)
                break
        if contradiction is not None:
            j, c = contradiction
            out.append(
                DraftGap(
                    item=item.id,
                    text=item.text,
                    status="contradicted",
                    clauses=[sentences[j].clause],
                    similarity=round(float(row[j]), 4),
                    reason=f"{c.kind}: {c.reason}; clause says: \"{sentences[j].text[:200]}\"",
                )
            )
        elif row[best] >= cfg["covered_similarity"]:
            ids = list(dict.fromkeys(sentences[int(j)].clause for j in top if row[int(j)] >= cfg["covered_similarity"]))
            out.append(
                DraftGap(
                    item=item.id,
                    text=item.text,
                    status="covered",
                    clauses=ids,
                    similarity=round(float(row[best]), 4),
                    reason=f"closest clause sentence: \"{sentences[best].text[:200]}\"",
                )
            )
        else:
            out.append(
                DraftGap(
                    item=item.id,
                    text=item.text,
                    status="uncovered",
                    clauses=[sentences[best].clause],
                    similarity=round(float(row[best]), 4),
                    reason=f"no clause says this; nearest (cosine {row[best]:.2f}) is clause {sentences[best].clause}",
                )
            )
    order = {"contradicted": 0, "uncovered": 1, "covered": 2}
    out.sort(key=lambda g: order[g.status])
    return out
