"""The learned detectors for transcript utterances: decisions and action items
(``detector()``, ``models/minutes_detector.npz``) and, with the same feature blocks, disagreements
and stated goals (``stance_detector()``, ``models/stance_detector.npz``, trained by
``bench/train_stances.py``; card ``models/stances.md``).

A linear model per kind (decision, action), trained on AMI dialogue acts that annotators linked
to the "decisions" and "actions" summary sections (``bench/train_minutes.py``; card:
``models/minutes.md``). Feature blocks:

- TF-IDF word 1–2-grams of the utterance itself;
- TF-IDF of its neighbourhood (two utterances either side) — decisions and actions are talked
  over for several turns, and the neighbours say so;
- a few shape features: position in the meeting, length, question mark, the speaker's share of
  the talk (the chair talks most and hands out the actions);
- cue features (v2): does the utterance, or a neighbour, hold a commitment ("I will"), a request
  ("please", "can you"), an obligation, a time, a task verb, a named person, "let's", an agreement
  word, a hedge …; does another speaker assent right after. The cue regexes are stored in the
  model (``meta["cues"]``, copied from ``conf/minutes.yaml`` at training), so the model file alone
  defines its features;
- optionally (``meta["embeddings"]``) the MiniLM embedding of the utterance and the mean
  embedding of its neighbourhood. Measured by grouped cross-validation, these blocks did not
  help (action F1 0.37 with them vs 0.42 without, at equal C), so the shipped model leaves them
  out and needs no embedder at run time.

Dialogue-act types are *not* features: a transcript brought to coaltext has none.

Two heads per kind: the AMI head (``coef_<kind>``) learns from AMI's scenario meetings alone;
the real-meeting head (``coef_<kind>_real``, v2) also learns from the project's labels of real
ELITR project meetings, weighted up. An utterance is an item when either head passes its own
threshold; the explanation names the head.

The fitted model is stored as plain arrays (``models/minutes_detector.npz``: vocabulary, idf,
coefficients, scaler, thresholds, and its metadata as JSON), not a pickle, and is loaded lazily,
once.
"""

from __future__ import annotations

import json
import math
import os
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from ..errors import ModelUnavailable

KINDS = ("decision", "action")
# head key -> kind: the AMI head and the real-meeting head of each kind
HEADS = {"decision": "decision", "action": "action", "decision_real": "decision", "action_real": "action"}
MODEL_NAME = "minutes_detector.v2"
CONTEXT = 2
# models/ at the repository root (an editable install); COALTEXT_MINUTES_MODEL points elsewhere
MODEL_PATH = Path(
    os.environ.get("COALTEXT_MINUTES_MODEL")
    or Path(__file__).resolve().parents[3] / "models" / "minutes_detector.npz"
)
# the stance detector (disagreements, stated goals): same features, its own heads and file
STANCE_KINDS = ("disagreement", "goal")
STANCE_MODEL_NAME = "stance_detector.v1"
STANCE_MODEL_PATH = Path(
    os.environ.get("COALTEXT_STANCE_MODEL")
    or Path(__file__).resolve().parents[3] / "models" / "stance_detector.npz"
)

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_lock = threading.Lock()


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens with AMI's letter spellings ("L_C_D_") joined ("lcd")."""
    text = re.sub(r"\b((?:[A-Za-z]_){2,})", lambda m: m.group(1).replace("_", ""), text)
    return _TOKEN.findall(text.lower().replace("_", " "))


def ngrams(text: str) -> list[str]:
    toks = tokens(text)
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]


def shape_features(texts: Sequence[str], speakers: Sequence[str | None]) -> np.ndarray:
    """Position, length, question and speaker-share features, one row per utterance."""
    n = len(texts)
    words = [len(tokens(t)) for t in texts]
    talk = Counter()
    for s, w in zip(speakers, words):
        talk[s] += w
    total = sum(talk.values()) or 1
    top = talk.most_common(1)[0][0] if talk else None
    rows = np.zeros((n, 9), dtype=np.float32)
    for i, (t, s, w) in enumerate(zip(texts, speakers, words)):
        pos = i / max(n - 1, 1)
        rows[i] = (
            pos,
            pos * pos,
            float(pos >= 0.85),
            float(pos <= 0.1),
            math.log1p(w),
            float(w <= 2),
            float(t.rstrip().endswith("?")),
            talk[s] / total if s is not None else 0.0,
            float(s is not None and s == top),
        )
    return rows


def cue_features(texts: Sequence[str], speakers: Sequence[str | None], cues: dict[str, re.Pattern]) -> np.ndarray:
    """Per cue: does the utterance match it, does a neighbour (±1); then: does another speaker
    assent in the next three utterances, or did one in the two before (needs an ``assent`` cue)."""
    n, k = len(texts), len(cues)
    own = np.array([[1.0 if rx.search(t) else 0.0 for rx in cues.values()] for t in texts], dtype=np.float32).reshape(n, k)
    near = np.zeros_like(own)
    if n > 1:
        near[1:] = own[:-1]
        near[:-1] = np.maximum(near[:-1], own[1:])
    assent = np.zeros((n, 2), dtype=np.float32)
    if "assent" in cues:
        ok = own[:, list(cues).index("assent")] > 0
        for i in range(n):
            assent[i, 0] = any(ok[j] and speakers[j] != speakers[i] for j in range(i + 1, min(n, i + 4)))
            assent[i, 1] = any(ok[j] and speakers[j] != speakers[i] for j in range(max(0, i - 2), i))
    return np.hstack([own, near, assent])


def context_texts(texts: Sequence[str], width: int = CONTEXT) -> list[str]:
    n = len(texts)
    return [
        " ".join(texts[j] for j in range(max(0, i - width), min(n, i + width + 1)) if j != i)
        for i in range(n)
    ]


def context_mean(emb: np.ndarray, width: int = CONTEXT) -> np.ndarray:
    """Mean embedding of the ``width`` utterances either side (the utterance itself left out)."""
    n = emb.shape[0]
    csum = np.vstack([np.zeros((1, emb.shape[1]), dtype=np.float64), np.cumsum(emb, axis=0, dtype=np.float64)])
    out = np.zeros_like(emb, dtype=np.float32)
    for i in range(n):
        a, b = max(0, i - width), min(n, i + width + 1)
        cnt = b - a - 1
        if cnt > 0:
            out[i] = (csum[b] - csum[a] - emb[i]) / cnt
    return out


class TfidfEncoder:
    """Word 1–2-gram TF-IDF over a fixed vocabulary (sublinear tf, L2-normalised rows)."""

    def __init__(self, vocab: Sequence[str], idf: np.ndarray):
        self.index = {t: i for i, t in enumerate(vocab)}
        self.idf = np.asarray(idf, dtype=np.float32)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        indptr, indices, data = [0], [], []
        for t in texts:
            counts = Counter(j for g in ngrams(t) if (j := self.index.get(g)) is not None)
            if counts:
                cols = np.fromiter(counts.keys(), dtype=np.int64)
                vals = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32))) * self.idf[cols]
                vals /= np.linalg.norm(vals) or 1.0
                indices.extend(cols.tolist())
                data.extend(vals.tolist())
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
            shape=(len(texts), len(self.idf)),
        )


@dataclass
class Features:
    """The feature blocks for one meeting (or any run of utterances), in utterance order."""

    own: sparse.csr_matrix
    ctx: sparse.csr_matrix
    dense: np.ndarray  # [emb, ctx_emb, shape]

    def matrix(self, mean: np.ndarray, scale: np.ndarray) -> sparse.csr_matrix:
        d = (self.dense - mean) / scale
        return sparse.hstack([self.own, self.ctx, sparse.csr_matrix(d.astype(np.float32))], format="csr")


def featurize(
    texts: Sequence[str], speakers: Sequence[str | None], emb: np.ndarray | None, tfidf: TfidfEncoder,
    cues: dict[str, re.Pattern] | None = None,
) -> Features:
    """Feature blocks; ``emb=None`` leaves the embedding blocks out (a lexical-only model),
    ``cues=None`` the cue block (a v1 model)."""
    texts = list(texts)
    shape = shape_features(texts, speakers)
    if cues:
        shape = np.hstack([shape, cue_features(texts, list(speakers), cues)])
    dense = shape if emb is None else np.hstack([emb.astype(np.float32), context_mean(emb), shape])
    return Features(tfidf.transform(texts), tfidf.transform(context_texts(texts)), dense)


class Detector:
    """Scores utterances with one logistic head per ``heads`` entry (head -> item kind): decisions
    and action items, or disagreements and goals, as the model file says."""

    name = MODEL_NAME

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict):
        self.tfidf = TfidfEncoder([str(v) for v in arrays["vocab"]], arrays["idf"])
        self.mean = arrays["dense_mean"]
        self.scale = arrays["dense_scale"]
        # head -> kind; a model without "heads" in its metadata is a decision/action detector
        self.heads = {h: k for h, k in (meta.get("heads") or HEADS).items() if f"coef_{h}" in arrays}
        heads = list(self.heads)
        self.coef = {h: arrays[f"coef_{h}"] for h in heads}
        self.intercept = {h: float(arrays[f"intercept_{h}"]) for h in heads}
        self.threshold = {h: float(meta["thresholds"][h]) for h in heads}
        self.cues = {k: re.compile(v, re.I) for k, v in meta.get("cues", {}).items()}
        self.meta = meta
        self.name = meta.get("name", MODEL_NAME)
        self.uses_embeddings = bool(meta.get("embeddings", True))

    @classmethod
    def load(cls, path: Path = MODEL_PATH, trainer: str = "bench/train_minutes.py") -> Detector:
        if not path.is_file():
            raise ModelUnavailable(f"the meeting model {path.name} is missing at {path} (run {trainer})")
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta = json.loads(str(arrays.pop("meta")))
        return cls(arrays, meta)

    def scores(
        self, texts: Sequence[str], speakers: Sequence[str | None], emb: np.ndarray | None = None
    ) -> dict[str, np.ndarray]:
        """Probability per head (``self.heads``: e.g. ``action``, ``action_real``, ``goal``) for every utterance
        (empty input → empty arrays).

        ``emb`` (MiniLM, one row per text) is needed only when the model was trained with
        embeddings (``uses_embeddings``).
        """
        if not len(texts):
            return {h: np.zeros(0) for h in self.coef}
        if self.uses_embeddings and emb is None:
            raise ValueError("this detector needs utterance embeddings")
        x = featurize(texts, speakers, emb if self.uses_embeddings else None, self.tfidf, self.cues).matrix(self.mean, self.scale)
        out = {}
        for h, coef in self.coef.items():
            z = x @ coef + self.intercept[h]
            out[h] = 1.0 / (1.0 + np.exp(-np.asarray(z).ravel()))
        return out


@lru_cache(maxsize=2)
def _load(path: Path, trainer: str) -> Detector:
    return Detector.load(path, trainer)


def detector() -> Detector:
    """The process-wide decision / action detector (loaded on first use)."""
    with _lock:
        return _load(MODEL_PATH, "bench/train_minutes.py")


def stance_detector() -> Detector:
    """The process-wide disagreement / goal detector (loaded on first use)."""
    with _lock:
        return _load(STANCE_MODEL_PATH, "bench/train_stances.py")
