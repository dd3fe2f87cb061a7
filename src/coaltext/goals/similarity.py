"""Contextual goal similarity: how much more alike two goals are than the document's goals in general.

Plain MiniLM cosine between two goal statements is dominated by what *all* goals of a
document share (every CaSiNo reason is about camping, every alliance goal is about the venture),
and some goals are close to everything ("hubs"). Two parameter-free corrections, both standard
for embedding retrieval, fix most of that:

1. **Centring** — subtract the mean embedding of the document's goals (when it holds at least
   ``centre_min_goals`` goals; with fewer the mean is the goals themselves) and re-normalise.
2. **Hubness correction** (as in CSLS) — for parties P and Q, subtract from ``s(a, b)`` the mean
   of a's similarity to Q's goals and b's similarity to P's goals, each shrunk toward 0 with
   ``hub_shrink`` pseudo-goals so that a party with one goal does not cancel itself out.

    score(a, b) = s(a, b) − ½·(Σ_q s(a, q) / (|Q| + k) + Σ_p s(p, b) / (|P| + k))
    similarity  = (1 + score) / 2          (0..1; 0.5 = as alike as goals of this document usually are)

Nothing is fitted, so no corpus was trained on. On CaSiNo (bench/align.py) this separates
same-item from different-item goal pairs far better than raw cosine.
"""

from __future__ import annotations

import numpy as np

from .cues import settings


def centred(vectors: np.ndarray, *, min_goals: int | None = None) -> np.ndarray:
    """Unit vectors after removing the mean of the set (unchanged for small sets)."""
    cfg = settings()["similarity"]
    min_goals = cfg["centre_min_goals"] if min_goals is None else min_goals
    x = np.asarray(vectors, dtype=np.float32)
    if len(x) < max(min_goals, 2):
        return x
    y = x - x.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(y, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return y / norms


def contextual(a: np.ndarray, b: np.ndarray, *, shrink: float | None = None) -> np.ndarray:
    """Hubness-corrected similarity between the rows of ``a`` (party P) and ``b`` (party Q).

    ``a`` and ``b`` must already be centred together (see :func:`centred`). Returns the raw
    score matrix (about −1..1, 0 meaning "as alike as these goals are to anything").
    """
    k = settings()["similarity"]["hub_shrink"] if shrink is None else shrink
    s = a @ b.T
    row = s.sum(axis=1, keepdims=True) / (s.shape[1] + k)
    col = s.sum(axis=0, keepdims=True) / (s.shape[0] + k)
    return s - 0.5 * (row + col)


def to_unit(score: np.ndarray) -> np.ndarray:
    """Contextual score → the 0..1 ``similarity`` reports carry."""
    return np.clip((1.0 + score) / 2.0, 0.0, 1.0)


def pairwise(vectors: np.ndarray, parties: list[str]) -> np.ndarray:
    """Similarity (0..1) between every two goals of different parties; NaN within a party.

    ``vectors`` are L2-normalised embeddings in goal order, ``parties`` the party of each goal.
    """
    x = centred(vectors)
    n = len(x)
    out = np.full((n, n), np.nan, dtype=np.float32)
    names = list(dict.fromkeys(parties))
    index = {p: [i for i, q in enumerate(parties) if q == p] for p in names}
    for i, p in enumerate(names):
        for q in names[i + 1 :]:
            ia, ib = index[p], index[q]
            sim = to_unit(contextual(x[ia], x[ib]))
            out[np.ix_(ia, ib)] = sim
            out[np.ix_(ib, ia)] = sim.T
    return out
