"""Minutes against the draft: which agreed decisions and goals no clause covers, and which a clause contradicts.

Each item (a minutes decision or a goal) is compared with every sentence of the draft's clauses
(own text, children excluded). Plain cosine of the best sentence below ``covered_similarity``:
*uncovered* (the nearest clause is still given, as the place to look). A sentence among the
``top_sentences`` nearest, with cosine ≥ ``contradiction_cosine`` and topic-word overlap ≥
``contradiction_overlap`` (``contradiction_overlap_numbers`` for quantities and dates), that disagrees on a cue
(direction, negation, exclusivity, quantity, date — :mod:`coaltext.goals.cues`): *contradicted*,
with that clause as evidence. Otherwise *covered*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..types import Clause, DraftGap, Goal, MinutesItem
from .cues import conflict, overlap, settings
from .sources import _name_words, own_text

_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[\"“(]?[A-Z0-9(])|\n\s*\n|\n(?=\s*\(?[a-z0-9ivx]{1,4}[.)]\s)")
_MAX_SENTENCES = 5000


@dataclass(frozen=True, slots=True)
class DraftSentence:
    clause: str
    text: str
    start: int
    end: int
    operative: bool = True  # False for recitals and preamble: they cover an item but cannot contradict it


def draft_sentences(clauses: list[Clause]) -> list[DraftSentence]:
    """Sentences of every clause's own text, with the clause id and offsets into the draft."""
    out: list[DraftSentence] = []
    for c in clauses:
        if c.kind in ("signature", "title", "contents"):  # a contents line covers no goal
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
                operative = c.kind not in ("recital", "preamble")
                out.append(DraftSentence(c.id, text, start + idx, start + idx + len(part), operative))
            if len(out) >= _MAX_SENTENCES:
                return out
    return out


def _masker(parties: list[str]):
    """A function that blanks party names (and their distinctive words) out of a text."""
    names = set()
    for p in parties:
        names.add(p)
        names.update(w for w in _name_words(p) if len(w) > 2)
    if not names:
        return lambda t: t
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?:'s)?\b")
    return lambda t: " ".join(pattern.sub(" ", t).split()) or t


def check_draft(
    items: list[MinutesItem | Goal], clauses: list[Clause], embedder, *, parties: list[str] = ()
) -> list[DraftGap]:
    """One :class:`DraftGap` per item: uncovered, contradicted or covered, with clause ids.

    ``parties``: names to leave out when comparing ("Kestrel would like an exclusive licence"
    is about the licence, not about the clause that introduces Kestrel).
    """
    if not items:
        return []
    cfg = settings()["draft"]
    mask = _masker(list(parties))
    sentences = draft_sentences(clauses)
    if not sentences:
        return [
            DraftGap(item=i.id, text=i.text, status="uncovered", reason="the draft has no clause text")
            for i in items
        ]
    item_texts = [mask(i.text) for i in items]
    sentence_texts = [mask(s.text) for s in sentences]
    iv = np.asarray(embedder.encode(item_texts), dtype=np.float32)
    sv = np.asarray(embedder.encode(sentence_texts), dtype=np.float32)
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
            ov = overlap(item_texts[k], sentence_texts[j])
            if not sentences[j].operative or ov < cfg["contradiction_overlap"]:
                continue
            c = conflict(item_texts[k], sentence_texts[j], topic_overlap=ov)
            if c is not None and c.kind in ("quantity", "date") and ov < cfg["contradiction_overlap_numbers"]:
                c = None
            if c is not None:
                contradiction = (j, c)
                break
        if contradiction is not None:
            j, c = contradiction
            status, ids, sim = "contradicted", [sentences[j].clause], row[j]
            reason = f"{c.kind}: {c.reason}; clause says: \"{sentences[j].text[:200]}\""
        elif row[best] >= cfg["covered_similarity"]:
            status, sim = "covered", row[best]
            ids = list(dict.fromkeys(sentences[int(j)].clause for j in top if row[int(j)] >= cfg["covered_similarity"]))
            reason = f"closest clause sentence: \"{sentences[best].text[:200]}\""
        else:
            status, ids, sim = "uncovered", [sentences[best].clause], row[best]
            reason = f"no clause says this; nearest (cosine {row[best]:.2f}) is clause {sentences[best].clause}"
        out.append(
            DraftGap(item=item.id, text=item.text, status=status, clauses=ids, similarity=round(float(sim), 4), reason=reason)
        )
    order = {"contradicted": 0, "uncovered": 1, "covered": 2}
    out.sort(key=lambda g: order[g.status])
    return out
