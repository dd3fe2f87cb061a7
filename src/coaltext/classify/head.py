"""The learned part of the classifier: one-vs-rest logistic regression over clause-body features
(TF-IDF word n-grams and/or MiniLM embeddings), then a per-type *stacker* that turns the head's
logit and the pattern evidence into a calibrated probability (fitted on out-of-fold predictions,
grouped by contract). Stored as plain arrays (``models/clause_head.npz`` + ``.json``), never pickled.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

TFIDF = dict(ngram_range=(1, 2), sublinear_tf=True, lowercase=True, dtype=np.float32)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def logit(p):
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


@dataclass
class ClauseHead:
    types: list[str]
    features: str  # "tfidf" | "emb" | "emb+tfidf"
    coef: np.ndarray  # (T, F)
    intercept: np.ndarray  # (T,)
    vocab: list[str] = field(default_factory=list)
    idf: np.ndarray | None = None
    # (T, 3 to 5): weights of head logit, pattern hit, bias[, best sentence logit[, head logit × pattern hit]]
    stack: np.ndarray | None = None
    heading_reliability: dict[str, float] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    sent_coef: np.ndarray | None = None  # (T, F): the sentence head, on the same TF-IDF features
    sent_intercept: np.ndarray | None = None
    _vectorizer: object = None

    # ------------------------------------------------------------------ features

    @property
    def uses_embeddings(self) -> bool:
        return "emb" in self.features

    def vectorizer(self):
        if self._vectorizer is None and "tfidf" in self.features:
            from sklearn.feature_extraction.text import TfidfVectorizer

            v = TfidfVectorizer(vocabulary={t: i for i, t in enumerate(self.vocab)}, **TFIDF)
            v.idf_ = self.idf
            self._vectorizer = v
        return self._vectorizer

    def design(self, texts: list[str], emb: np.ndarray | None, tfidf=None):
        return design_matrix(self.features, self.vectorizer(), texts, emb, tfidf)

    # ------------------------------------------------------------------ scoring

    def logits(self, texts: list[str], emb: np.ndarray | None = None, tfidf=None) -> np.ndarray:
        """(n, T) raw head logits. ``tfidf``: the texts' TF-IDF rows, when the caller has them already."""
        x = self.design(texts, emb, tfidf)
        return np.asarray(x @ self.coef.T) + self.intercept

    @property
    def uses_sentences(self) -> bool:
        return self.sent_coef is not None and self.stack.shape[1] >= 4 and bool(self.stack[:, 3].any())

    def sentence_logits(self, sent_texts: list[str]) -> np.ndarray:
        """(S, T) raw logits of the sentence head."""
        x = self.vectorizer().transform(sent_texts)
        return np.asarray(x @ self.sent_coef.T) + self.sent_intercept

    def calibrated(self, head_logits: np.ndarray, pattern_hits: np.ndarray,
                   sentence_max: np.ndarray | None = None) -> np.ndarray:
        """(n, T) probabilities from head logits, 0/1 pattern hits, (for a stacker with a sentence
        column) each clause's best sentence logit, and (5 columns) the head logit once more where a
        pattern fired: where an explicit pattern matched, the stacker weighs the head on its own."""
        s = self.stack
        z = head_logits * s[:, 0] + pattern_hits * s[:, 1] + s[:, 2]
        if s.shape[1] >= 4 and sentence_max is not None:
            z = z + sentence_max * s[:, 3]
        if s.shape[1] >= 5:
            z = z + head_logits * pattern_hits * s[:, 4]
        return sigmoid(z)

    def top_terms(self, text: str, type_index: int, k: int = 4, row=None) -> list[str]:
        """The words of ``text`` that pushed the head hardest towards the type (TF-IDF part).
        ``row``: the text's TF-IDF row, when the caller has transformed many texts at once."""
        v = self.vectorizer()
        if v is None:
            return []
        row = (v.transform([text]) if row is None else row).tocoo()
        w = self.coef[type_index, : len(self.vocab)]
        contrib = sorted(((row.data[j] * w[row.col[j]], row.col[j]) for j in range(row.nnz)), reverse=True)
        return [self.vocab[c] for s, c in contrib[:k] if s > 0]

    # ------------------------------------------------------------------ storage

    def save(self, stem: Path) -> None:
        arrays = dict(coef=self.coef.astype(np.float16), intercept=self.intercept.astype(np.float32),
                      stack=self.stack.astype(np.float32))
        if self.vocab:
            arrays.update(vocab=np.array(self.vocab), idf=self.idf.astype(np.float32))
        if self.sent_coef is not None:
            arrays.update(sent_coef=self.sent_coef.astype(np.float16),
                          sent_intercept=self.sent_intercept.astype(np.float32))
        np.savez_compressed(stem.with_suffix(".npz"), **arrays)
        meta = dict(self.meta, types=self.types, features=self.features,
                    heading_reliability=self.heading_reliability)
        stem.with_suffix(".json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")

    @classmethod
    def load(cls, stem: Path) -> ClauseHead:
        meta = json.loads(stem.with_suffix(".json").read_text())
        z = np.load(stem.with_suffix(".npz"))
        vocab = z["vocab"].tolist() if "vocab" in z else []
        return cls(types=meta.pop("types"), features=meta.pop("features"),
                   coef=z["coef"].astype(np.float32), intercept=z["intercept"], vocab=vocab,
                   idf=z["idf"] if "idf" in z else None, stack=z["stack"],
                   heading_reliability=meta.pop("heading_reliability"), meta=meta,
                   sent_coef=z["sent_coef"].astype(np.float32) if "sent_coef" in z else None,
                   sent_intercept=z["sent_intercept"] if "sent_intercept" in z else None)


def design_matrix(features: str, vectorizer, texts: list[str], emb: np.ndarray | None, tfidf=None):
    parts = []
    if "tfidf" in features:
        parts.append(vectorizer.transform(texts) if tfidf is None else tfidf)
    if "emb" in features:
        if emb is None:
            raise ValueError("this head needs embeddings")
        parts.append(sparse.csr_matrix(emb.astype(np.float32)) if len(parts) else emb)
    if len(parts) == 1:
        return parts[0]
    return sparse.hstack(parts, format="csr")


NO_SENTENCE = -8.0  # the sentence feature of a clause without sentences (or a type without a sentence head)


def max_by_owner(values: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """(n, T): per owner row the column-wise max of its ``values`` rows (``owner`` ascending);
    NO_SENTENCE where an owner has none."""
    out = np.full((n, values.shape[1] if values.ndim == 2 else 0), NO_SENTENCE, np.float32)
    if len(owner):
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        out[owner[starts]] = np.maximum.reduceat(values, starts, axis=0)
    return out
