"""Goals per party → matches (shared / related / conflict), unmatched goals, clusters, pair scores.

Relations, for two goals of different parties (thresholds in ``conf/goals.yaml``):

- ``conflict``: the goals are about the same thing (plain cosine ≥ ``conflict_cosine``, or topic-word
  overlap ≥ ``conflict_overlap`` or a topic group in common — "our share" / "the split" — with cosine
  ≥ ``conflict_cosine_low``) and a cue disagrees — direction, negation, exclusivity, ownership,
  quantity (a period "within 30 days" included), date, decision rule, need, timing or forum
  (:mod:`coaltext.goals.cues`); a conflict outranks "shared": "must not be admitted" and "admit"
  are as alike as two embeddings get;
- ``shared``: contextual similarity ≥ ``shared_similarity`` and plain cosine ≥ ``shared_cosine``;
- ``related`` (same topic, not the same goal): plain cosine ≥ ``related_cosine``, or contextual
  similarity ≥ ``related_similarity`` with plain cosine ≥ ``related_min_cosine`` and either a topic
  word in common in the goals' head clauses or similarity ≥ ``related_similarity_alone``.

A party that states the same goal twice holds it once (:func:`duplicates`). Goals held by one side
only (:func:`unmatched`) are those no other party shares or opposes; ``related`` does not count.

Pair score for parties P and Q (goals whose best relation to the other party is x, counted
over the distinct goals of both; a conflict outranks shared, shared outranks related):

    alignment = (shared_goals + ½·related_goals) / (|P| + |Q| + conflict_goals)

1.0 when every goal of each is shared by the other; conflicts both earn nothing and weigh
extra; goals only one side holds earn nothing; priorities are not weighed.
"""

from __future__ import annotations

import time
from collections import Counter

import numpy as np

from ..errors import ParseTimeout
from ..types import Goal, GoalCluster, GoalMatch, PartyPair
from .cues import conflict, head_overlap, lexicon, overlap, settings, stem, topic_stems, words
from .similarity import pairwise
from .sources import without_noise

_RANK = {"conflict": 3, "shared": 2, "related": 1}


def relate(
    text_a: str, text_b: str, similarity: float, cosine: float, object_similarity: float | None = None
) -> tuple[str | None, str]:
    """The relation between two goals of different parties and why (None: no relation).

    ``object_similarity`` is the cosine of the two goals with their cue words removed
    (:func:`coaltext.goals.cues.residual`); without it, topic-word overlap stands in.
    """
    rel = settings()["relations"]
    ov = overlap(text_a, text_b, groups=True)
    same_group = any(w[0] == "#" for w in topic_stems(text_a) & topic_stems(text_b))  # "our stake" / "the split"
    same_topic = cosine >= rel["conflict_cosine"] or (
        (ov >= rel["conflict_overlap"] or same_group) and cosine >= rel["conflict_cosine_low"]
    )
    if same_topic:
        c = conflict(text_a, text_b, topic_overlap=ov, object_similarity=object_similarity)
        if c is not None:
            return "conflict", f"{c.kind}: {c.reason} (cosine {cosine:.2f}, topic overlap {ov:.2f})"
    if similarity >= rel["shared_similarity"] and cosine >= rel["shared_cosine"]:
        return "shared", f"same goal (similarity {similarity:.2f}, cosine {cosine:.2f})"
    if cosine >= rel["related_cosine"]:
        return "related", f"same topic (similarity {similarity:.2f}, cosine {cosine:.2f})"
    if similarity >= rel["related_similarity"] and cosine >= rel["related_min_cosine"]:
        in_common = head_overlap(text_a, text_b)
        if in_common > 0 or similarity >= rel["related_similarity_alone"]:
            return "related", f"same topic (similarity {similarity:.2f}, cosine {cosine:.2f}, words in common {in_common:.2f})"
        if same_group:  # "a 50% stake" / "the split at 50/50": no word in common, one topic group
            group = sorted(w for w in topic_stems(text_a) & topic_stems(text_b) if w[0] == "#")[0]
            return "related", f"same topic (similarity {similarity:.2f}, cosine {cosine:.2f}, topic group {group[1:]} in common)"
    return None, ""


def check_deadline(deadline: float | None) -> None:
    """Stop work whose caller has given up (``deadline``: a ``time.monotonic()`` value)."""
    if deadline is not None and time.monotonic() > deadline:
        raise ParseTimeout("the alignment ran past the time limit and was stopped")


def match_goals(
    goals: list[Goal],
    vectors: np.ndarray,
    object_vectors: np.ndarray | None = None,
    *,
    deadline: float | None = None,
) -> list[GoalMatch]:
    """Every related, shared or conflicting pair of goals held by different parties.

    ``vectors``: embeddings of the goals; ``object_vectors``: embeddings of the goals without cue
    words (optional; sharpens direction/negation conflicts). Past ``deadline`` (monotonic time)
    it raises :class:`~coaltext.errors.ParseTimeout` instead of running on.
    """
    if len(goals) < 2:
        return []
    canon = duplicates(goals)
    keep = [i for i, g in enumerate(goals) if canon[g.id] == g.id]
    copies = Counter(canon.values())
    also = {cid: [g.id for g in goals if canon[g.id] == cid] for cid, n in copies.items() if n > 1}
    parties = [g.party for g in goals]
    sim = np.full((len(goals), len(goals)), np.nan, dtype=np.float32)
    sim[np.ix_(keep, keep)] = pairwise(vectors[keep], [parties[i] for i in keep])  # copies would skew the hub means
    cos = vectors @ vectors.T
    obj = object_vectors @ object_vectors.T if object_vectors is not None else None
    rel = settings()["relations"]
    floor = min(rel["conflict_cosine_low"], rel["related_min_cosine"], rel["conflict_cosine"])
    out = []
    for i in range(len(goals)):
        check_deadline(deadline)
        for j in range(i + 1, len(goals)):
            if parties[i] == parties[j] or cos[i, j] < floor or np.isnan(sim[i, j]):  # no relation possible
                continue
            if _one_statement(goals[i], goals[j]):  # a recital two parties state together: no evidence they agree
                continue
            relation, reason = relate(
                goals[i].text,
                goals[j].text,
                float(sim[i, j]),
                float(cos[i, j]),
                float(obj[i, j]) if obj is not None else None,
            )
            if relation:
                for gid in (goals[i].id, goals[j].id):
                    if gid in also:
                        reason += f"; {party_of_id(goals, gid)} states {gid} {len(also[gid])} times ({', '.join(also[gid])})"
                out.append(
                    GoalMatch(
                        a=goals[i].id, b=goals[j].id, similarity=round(float(sim[i, j]), 4), relation=relation, reason=reason
                    )
                )
    out.sort(key=lambda m: (-_RANK[m.relation], -m.similarity))
    return out


def _one_statement(a: Goal, b: Goal) -> bool:
    """Two goals that are one passage of the text ("PDMS and Gateway desire…", a goal of each)."""
    return a.start is not None and (a.start, a.end, a.text) == (b.start, b.end, b.text)


def party_of_id(goals: list[Goal], gid: str) -> str:
    return next(g.party for g in goals if g.id == gid)


def duplicates(goals: list[Goal]) -> dict[str, str]:
    """Goal id → the id of the first goal of the same party with the same words (itself if none).

    A party that states a goal twice holds it once: only the first copy is matched and counted;
    the others stay in ``goals`` (with their offsets) and are named in the match reasons.
    """
    first: dict[tuple[str, tuple[str, ...]], str] = {}
    out = {}
    for g in goals:
        key = (g.party, tuple(words(g.text)) or (g.text,))
        out[g.id] = first.setdefault(key, g.id)
    return out


def unmatched(goals: list[Goal], matches: list[GoalMatch]) -> list[str]:
    """Goals held by one side only: no other party shares or opposes them. A ``related`` match
    (same topic, not the same goal) does not make a goal held by both; repeated copies are left out."""
    seen = {gid for m in matches if m.relation in ("shared", "conflict") for gid in (m.a, m.b)}
    canon = duplicates(goals)
    return [g.id for g in goals if g.id not in seen and canon[g.id] == g.id]


def party_pairs(goals: list[Goal], matches: list[GoalMatch]) -> list[PartyPair]:
    """An alignment score per pair of parties (formula in the module docstring)."""
    names = list(dict.fromkeys(g.party for g in goals))
    party_of = {g.id: g.party for g in goals}
    canon = duplicates(goals)
    size = Counter(g.party for g in goals if canon[g.id] == g.id)  # a goal stated twice counts once
    by_pair: dict[frozenset[str], list[GoalMatch]] = {}  # one pass: P² scans of every match took 9.5 s at 200 goals
    for m in matches:
        by_pair.setdefault(frozenset((party_of[m.a], party_of[m.b])), []).append(m)
    out = []
    for i, p in enumerate(names):
        for q in names[i + 1 :]:
            between = by_pair.get(frozenset((p, q)), [])
            best: dict[str, str] = {}
            for m in between:
                for gid in (m.a, m.b):
                    if _RANK[m.relation] > _RANK.get(best.get(gid, ""), 0):
                        best[gid] = m.relation
            n = Counter(best.values())
            denom = size[p] + size[q] + n["conflict"]
            score = (n["shared"] + 0.5 * n["related"]) / denom if denom else 0.0
            counts = Counter(m.relation for m in between)
            out.append(
                PartyPair(
                    a=p,
                    b=q,
                    alignment=round(min(max(score, 0.0), 1.0), 4),
                    shared=counts["shared"],
                    conflicts=counts["conflict"],
                    related=counts["related"],
                )
            )
    return out


def _label(texts: list[str], central: str, n_words: int) -> str:
    """Top topic words of a cluster (ties broken by order in its most central goal); noise tags
    ("<unintelligible/>") and the fillers of ``label_fillers`` (``conf/goals.yaml``) are no topic."""
    lex = lexicon()
    stop, cues = lex.stopwords, lex.cue_words
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    fillers = lex.label_fillers
    for t in texts:
        for w in dict.fromkeys(words(without_noise(t))):
            key = stem(w)
            if key in stop or key in cues or key in fillers or len(w) < 3 or w[0].isdigit():
                continue
            counts[key] += 1
            surface.setdefault(key, w.removesuffix("'s").removesuffix("’s"))
    order: dict[str, int] = {}
    for i, w in enumerate(words(without_noise(central))):
        order.setdefault(stem(w), i)
    ranked = sorted(counts, key=lambda w: (-counts[w], order.get(w, 10_000)))
    return " ".join(surface[w] for w in ranked[:n_words]) or without_noise(central)[:40]


_TIE = 1e-4  # centrality scores this close are a tie (float noise is ~1e-7)


def _central(ix: list[int], vectors: np.ndarray, texts: list[str]) -> int:
    """The cluster's most central goal (highest similarity to the cluster mean); scores within
    ``_TIE`` of the best are a tie, broken by the shortest text, then the first goal. In a
    2-goal cluster both scores are equal but for float noise, which decided the label before."""
    sub = np.asarray(vectors[ix], dtype=np.float64)
    score = sub @ sub.mean(axis=0)
    best = score.max()
    tied = [k for k in range(len(ix)) if score[k] >= best - _TIE]
    return ix[min(tied, key=lambda k: (len(texts[k]), k))]


def cluster_goals(goals: list[Goal], vectors: np.ndarray) -> list[GoalCluster]:
    """Agglomerative clusters (average linkage, cosine distance cut) with short word labels."""
    if not goals:
        return []
    cfg = settings()["clusters"]
    if len(goals) == 1:
        labels = np.zeros(1, dtype=int)
    else:
        from scipy.cluster.hierarchy import fcluster, linkage

        tree = linkage(np.asarray(vectors, dtype=np.float64), method="average", metric="cosine")
        labels = fcluster(tree, t=cfg["distance"], criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(int(lab), []).append(i)
    ordered = sorted(groups.values(), key=lambda ix: (-len(ix), ix[0]))
    out = []
    for k, ix in enumerate(ordered, start=1):
        central = _central(ix, vectors, [goals[i].text for i in ix])
        out.append(
            GoalCluster(
                id=f"c{k}",
                label=_label([goals[i].text for i in ix], goals[central].text, cfg["label_words"]),
                goals=[goals[i].id for i in ix],
                parties=list(dict.fromkeys(goals[i].party for i in ix)),
            )
        )
    return out
