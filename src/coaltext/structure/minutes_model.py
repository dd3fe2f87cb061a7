"""The learned decision / action-item detector for transcript utterances.

A linear model per kind (decision, action), trained on AMI dialogue acts that annotators linked
to the "decisions" and "actions" summary sections (``bench/train_minutes.py``; card:
``models/minutes.md``). Feature blocks:

- TF-IDF word 1–2-grams of the utterance itself;
- TF-IDF of its neighbourhood (two utterances either side) — decisions and actions are talked
  over for several turns, and the neighbours say so;
- a few shape features: position in the meeting, length, question mark, the speaker's share of
  the talk (the chair talks most and hands out the actions);
- for decisions only (v2), a second block built on top of these (:func:`stage_features`): the
  logit of an *extractive-summary* model (AMI's ``extractive_da``, ten times more positives than
  decisions, trained on the same lexical blocks) with its ±2 maximum and its rank in the meeting;
  how other speakers react in the next five utterances (assent, lexical overlap); proposal and
  recap phrases; how often the utterance's content words recur in the meeting and in its last
  15 %; and a *decision lexicon* — for each content word, the share of training meetings using it
  whose decision summary names it;
- optionally (``meta["embeddings"]``) the MiniLM embedding of the utterance and the mean
  embedding of its neighbourhood. Measured by grouped cross-validation, these blocks did not
  help (action F1 0.37 with them vs 0.42 without, at equal C), so the shipped model leaves them
  out and needs no embedder at run time.

Dialogue-act types are *not* features: a transcript brought to coaltext has none.

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
MODEL_NAME = "minutes_detector.v2"
CONTEXT = 2
# models/ at the repository root (an editable install); COALTEXT_MINUTES_MODEL points elsewhere
MODEL_PATH = Path(
    os.environ.get("COALTEXT_MINUTES_MODEL")
    or Path(__file__).resolve().parents[3] / "models" / "minutes_detector.npz"
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


# ------------------------------------------------------------------ decision stage (v2)

_ASSENT = re.compile(
    r"^\s*(?:(?:yeah|yes|yep|yup|okay|ok|sure|right|mm-hmm|mm|uh-huh|hmm|fine|good|great|alright|all right|exactly"
    r"|agreed|cool|definitely|absolutely|true|that's (?:fine|good|great|right|true|it)|sounds good|i agree|perfect"
    r"|excellent|nice|uh|um)[\s,.!]*)+$",
    re.I,
)
_PROPOSAL = re.compile(
    r"\b(?:shall we|let's|let us|we could|we should|we can|do we|should we|how about|what about|we'll|we will"
    r"|we're gonna|we are gonna|we're going to|we are going to|i think we|we want|we need|we have to"
    r"|go (?:with|for)|i suggest|i'd say|maybe we)\b",
    re.I,
)
_RECAP = re.compile(
    r"\b(?:decided|decide|decision|agreed|agree|so we(?:'ve| have)|to sum up|summar|so we're|we're going with"
    r"|settled|final|definitely|conclusion|so it's|so that's)\b",
    re.I,
)
_STOP = frozenset(
    """a an the and or but so um uh i you we they he she it that this those these is are was were be been being to
    of in on at for with have has had do does did not no yes yeah okay ok right mm hmm just like well oh think know
    mean gonna wanna can could would should will there here what which who how why when where if then than also
    really actually kind sort thing things one get got go going it's that's i'm we're you're don't me my our your
    their them us all some any very too more much as about up out by from""".split()
)
INTERACTION_FEATURES = (
    "assent_next1", "assent_next5", "assent_other5", "other_speakers5", "proposal", "recap", "recap_near",
    "overlap_next5", "overlap_prev5", "words_in_last15", "word_recurrence", "length_z", "speaker_rank",
    "speaker_opened", "question_before", "content_words",
)
STAGE_FEATURES = INTERACTION_FEATURES + (
    "extractive", "extractive_max2", "extractive_rank", "lexicon_max", "lexicon_sum", "lexicon_max2",
)


def content_words(text: str) -> set[str]:
    """Content tokens (no stop words, at least three characters)."""
    return {w for w in tokens(text) if w not in _STOP and len(w) > 2}


def interaction_features(texts: Sequence[str], speakers: Sequence[str | None]) -> np.ndarray:
    """How the meeting reacts to each utterance and where it stands (``INTERACTION_FEATURES`` columns)."""
    n = len(texts)
    words = [content_words(t) for t in texts]
    assent = [bool(_ASSENT.match(t)) for t in texts]
    recap = [bool(_RECAP.search(t)) for t in texts]
    lens = np.array([len(tokens(t)) for t in texts], dtype=float)
    loglen = np.log1p(lens)
    z = (loglen - loglen.mean()) / (loglen.std() + 1e-6) if n else loglen
    talk: Counter = Counter()
    for s, w in zip(speakers, lens):
        talk[s] += w
    rank = {s: r for r, (s, _) in enumerate(talk.most_common())}
    first = speakers[0] if n else None
    recurrence = Counter(w for ws in words for w in ws)
    last = set().union(*words[int(n * 0.85):])
    out = np.zeros((n, len(INTERACTION_FEATURES)), dtype=np.float32)
    for i in range(n):
        s, ws = speakers[i], words[i]
        nxt, prv = range(i + 1, min(n, i + 6)), range(max(0, i - 5), i)
        after = set().union(*(words[j] for j in nxt))
        before = set().union(*(words[j] for j in prv))
        k = len(ws) or 1
        out[i] = (
            float(i + 1 < n and assent[i + 1] and speakers[i + 1] != s),
            sum(assent[j] for j in nxt),
            sum(assent[j] and speakers[j] != s for j in nxt),
            len({speakers[j] for j in nxt if speakers[j] != s}),
            float(bool(_PROPOSAL.search(texts[i]))),
            float(recap[i]),
            float(any(recap[max(0, i - 2): i + 3])),
            len(ws & after) / k,
            len(ws & before) / k,
            len(ws & last) / k,
            float(np.mean([math.log(recurrence[w]) for w in ws])) if ws else 0.0,
            z[i],
            rank.get(s, 0),
            float(s == first),
            float(any(texts[j].rstrip().endswith("?") for j in range(max(0, i - 2), i))),
            math.log1p(len(ws)),
        )
    return out


def window_max(s: np.ndarray, width: int = CONTEXT) -> np.ndarray:
    """Maximum of ``s`` over each position and ``width`` positions either side."""
    out = np.array(s, dtype=np.float64)
    for d in range(1, width + 1):
        out[d:] = np.maximum(out[d:], s[:-d])
        out[:-d] = np.maximum(out[:-d], s[d:])
    return out


def meeting_rank(s: np.ndarray) -> np.ndarray:
    """Rank of each value within the meeting, scaled to [0, 1]."""
    return np.argsort(np.argsort(s, kind="stable"), kind="stable") / max(len(s) - 1, 1)


def stage_features(
    texts: Sequence[str], speakers: Sequence[str | None], extractive: np.ndarray, lexicon: dict[str, float]
) -> np.ndarray:
    """The decision model's second block (``STAGE_FEATURES`` columns), one row per utterance.

    ``extractive`` is the extractive-summary logit of every utterance (out-of-fold at training);
    ``lexicon`` maps a content word to its decision-summary rate.
    """
    ext = np.asarray(extractive, dtype=np.float64)
    lex = np.zeros((len(texts), 2))
    for i, t in enumerate(texts):
        v = [lexicon.get(w, 0.0) for w in content_words(t)]
        if v:
            lex[i] = (max(v), sum(v))
    return np.hstack([
        interaction_features(texts, speakers),
        np.column_stack([ext, window_max(ext), meeting_rank(ext), lex, window_max(lex[:, 0])]),
    ]).astype(np.float32)


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
    texts: Sequence[str], speakers: Sequence[str | None], emb: np.ndarray | None, tfidf: TfidfEncoder
) -> Features:
    """Feature blocks; ``emb=None`` leaves the embedding blocks out (a lexical-only model)."""
    texts = list(texts)
    shape = shape_features(texts, speakers)
    dense = shape if emb is None else np.hstack([emb.astype(np.float32), context_mean(emb), shape])
    return Features(tfidf.transform(texts), tfidf.transform(context_texts(texts)), dense)


class Detector:
    """Scores utterances as decisions and action items. ``embed`` maps texts → (n, 384) array."""

    name = MODEL_NAME

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict):
        self.tfidf = TfidfEncoder([str(v) for v in arrays["vocab"]], arrays["idf"])
        self.mean = arrays["dense_mean"]
        self.scale = arrays["dense_scale"]
        self.coef = {k: arrays[f"coef_{k}"] for k in KINDS}
        self.intercept = {k: float(arrays[f"intercept_{k}"]) for k in KINDS}
        # v2: the decision model reads a second block built on an extractive-summary model
        self.staged = "coef_extractive" in arrays
        if self.staged:
            self.coef_extractive = arrays["coef_extractive"]
            self.intercept_extractive = float(arrays["intercept_extractive"])
            self.stage_mean, self.stage_scale = arrays["stage_mean"], arrays["stage_scale"]
            self.lexicon = dict(zip((str(w) for w in arrays["lexicon_words"]), arrays["lexicon_rates"].tolist()))
        self.threshold = {k: float(meta["thresholds"][k]) for k in KINDS}
        self.meta = meta
        self.uses_embeddings = bool(meta.get("embeddings", True))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Detector:
        if not path.is_file():
            raise ModelUnavailable(f"the minutes detector is missing at {path} (run bench/train_minutes.py)")
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta = json.loads(str(arrays.pop("meta")))
        return cls(arrays, meta)

    def scores(
        self, texts: Sequence[str], speakers: Sequence[str | None], emb: np.ndarray | None = None
    ) -> dict[str, np.ndarray]:
        """Probability per kind for every utterance (empty input → empty arrays).

        ``emb`` (MiniLM, one row per text) is needed only when the model was trained with
        embeddings (``uses_embeddings``).
        """
        if not len(texts):
            return {k: np.zeros(0) for k in KINDS}
        if self.uses_embeddings and emb is None:
            raise ValueError("this detector needs utterance embeddings")
        x = featurize(texts, speakers, emb if self.uses_embeddings else None, self.tfidf).matrix(self.mean, self.scale)
        out = {}
        for k in KINDS:
            coef = self.coef[k]
            z = np.asarray(x @ coef[: x.shape[1]]).ravel() + self.intercept[k]
            if k == "decision" and self.staged:
                ext = np.asarray(x @ self.coef_extractive).ravel() + self.intercept_extractive
                block = (stage_features(texts, speakers, ext, self.lexicon) - self.stage_mean) / self.stage_scale
                z = z + block @ coef[x.shape[1]:]
            out[k] = 1.0 / (1.0 + np.exp(-z))
        return out


@lru_cache(maxsize=1)
def _load() -> Detector:
    return Detector.load()


def detector() -> Detector:
    """The process-wide detector (loaded on first use)."""
    with _lock:
        return _load()
