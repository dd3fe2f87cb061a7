"""Train the decision / action-item detector (models/minutes_detector.npz).

    .venv/bin/python bench/train_minutes.py [--cache DIR]

Data: ../shared/corpora/meetings/{ami,icsi}_nxt_dev.jsonl. A dialogue act is a positive for a kind
when a summary sentence of that section ("decisions", "actions") links to it (``linked_da``).
ICSI has no "actions" section, so the action model learns from AMI alone; the decision model
learns from both.

Held out, never trained or tuned on: every meeting whose *series* (AMI: "ES2002" of "ES2002a";
ICSI: the meeting id) hashes to 0 mod 5 (see :func:`is_heldout`). The C value and the decision
thresholds are chosen by grouped cross-validation on the training series only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import corpora  # noqa: E402
from coaltext.structure.minutes_model import (  # noqa: E402
    KINDS,
    MODEL_NAME,
    MODEL_PATH,
    TfidfEncoder,
    featurize,
    ngrams,
)

SECTION = {"decision": "decisions", "action": "actions"}


def series(meeting_id: str) -> str:
    m = re.match(r"^([A-Z]{2}\d{4})[a-d]$", meeting_id)
    return m.group(1) if m else meeting_id


def is_heldout(meeting_id: str) -> bool:
    """The fixed held-out split: a meeting series whose md5 is 0 mod 5."""
    return int(hashlib.md5(series(meeting_id).encode()).hexdigest(), 16) % 5 == 0


def load_meetings(corpus: str) -> list[dict]:
    """Meetings as {id, corpus, texts, speakers, labels{kind: np.bool_ array}, has{kind: bool}}.

    Dialogue acts with empty text (non-word sounds) are dropped; none of them is linked.
    """
    out = []
    for m in corpora.meetings(corpus):
        das = [d for d in m["dialogue_acts"] if (d.get("text") or "").strip()]
        rec = {"id": m["meeting_id"], "corpus": corpus, "texts": [d["text"].strip() for d in das],
               "speakers": [d["speaker"] for d in das], "labels": {}, "has": {}}
        ids = {d["id"]: i for i, d in enumerate(das)}
        for kind, sec in SECTION.items():
            y = np.zeros(len(das), dtype=bool)
            present = sec in m["summary"]
            for s in m["summary"].get(sec, []):
                for da in s.get("linked_da", []):
                    if da in ids:
                        y[ids[da]] = True
            rec["labels"][kind] = y
            rec["has"][kind] = present
        out.append(rec)
    return out


class EmbeddingCache:
    """MiniLM embeddings of dialogue-act texts, computed once and kept in ``cache``."""

    def __init__(self, cache: Path):
        self.cache = cache
        self.table: dict[str, np.ndarray] = {}
        texts_f, emb_f = cache / "emb_texts.json", cache / "emb.npy"
        if texts_f.is_file() and emb_f.is_file():
            texts = json.loads(texts_f.read_text())
            emb = np.load(emb_f).astype(np.float32)
            self.table = dict(zip(texts, emb))

    def ensure(self, texts: list[str]) -> None:
        missing = sorted({t for t in texts if t not in self.table}, key=len)
        if not missing:
            return
        from coaltext import models

        print(f"embedding {len(missing)} texts …", file=sys.stderr, flush=True)
        vecs = models.embedder().encode(missing, batch_size=128)
        self.table.update(zip(missing, vecs.astype(np.float32)))
        self.cache.mkdir(parents=True, exist_ok=True)
        keys = list(self.table)
        (self.cache / "emb_texts.json").write_text(json.dumps(keys))
        np.save(self.cache / "emb.npy", np.stack([self.table[k] for k in keys]).astype(np.float16))

    def __call__(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.table[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)


def fit_vocab(meetings: list[dict], min_df: int = 3, max_terms: int = 30000) -> tuple[list[str], np.ndarray]:
    df: dict[str, int] = {}
    n = 0
    for m in meetings:
        for t in m["texts"]:
            n += 1
            for g in set(ngrams(t)):
                df[g] = df.get(g, 0) + 1
    kept = sorted((g for g, c in df.items() if c >= min_df), key=lambda g: -df[g])[:max_terms]
    kept.sort()
    idf = np.array([np.log((1 + n) / (1 + df[g])) + 1.0 for g in kept], dtype=np.float32)
    return kept, idf


def prf(y: np.ndarray, p: np.ndarray) -> tuple[float, float, float]:
    tp = int((y & p).sum())
    pr = tp / max(int(p.sum()), 1)
    rc = tp / max(int(y.sum()), 1)
    f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return pr, rc, f


def best_threshold(y: np.ndarray, s: np.ndarray) -> tuple[float, float]:
    best = (0.5, 0.0)
    for t in np.quantile(s, np.linspace(0.90, 0.999, 200)):
        f = prf(y, s >= t)[2]
        if f > best[1]:
            best = (float(t), f)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/coaltext-minutes-cache"))
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--C-decision", type=float, nargs="*", default=[0.1, 0.3])
    ap.add_argument("--C-action", type=float, nargs="*", default=[0.3, 1.0, 3.0])
    ap.add_argument("--embeddings", action="store_true",
                    help="add MiniLM blocks (measured: no gain over lexical + shape, and slower)")
    ap.add_argument("--decision-corpora", nargs="*", default=["ami"],
                    help="corpora whose decision links train the decision model (measured: adding ICSI lowers AMI F1)")
    args = ap.parse_args()

    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    t0 = time.time()
    meetings = load_meetings("ami") + load_meetings("icsi")
    train = [m for m in meetings if not is_heldout(m["id"])]
    held = [m for m in meetings if is_heldout(m["id"])]
    print(f"meetings: {len(train)} train, {len(held)} held out "
          f"({sorted(m['id'] for m in held)})", file=sys.stderr)

    use_emb = args.embeddings
    if use_emb:
        emb = EmbeddingCache(args.cache)
        emb.ensure([t for m in meetings for t in m["texts"]])
    vocab, idf = fit_vocab(train)
    tfidf = TfidfEncoder(vocab, idf)
    feats = [featurize(m["texts"], m["speakers"], emb(m["texts"]) if use_emb else None, tfidf) for m in train]
    dense = np.vstack([f.dense for f in feats])
    mean, scale = dense.mean(0), dense.std(0) + 1e-6
    X_all = sparse.vstack([f.matrix(mean, scale) for f in feats], format="csr")
    groups = np.concatenate([[series(m["id"])] * len(m["texts"]) for m in train])
    print(f"features {X_all.shape} in {time.time() - t0:.0f}s", file=sys.stderr, flush=True)

    arrays: dict[str, np.ndarray] = {"vocab": np.array(vocab), "idf": idf,
                                     "dense_mean": mean.astype(np.float32), "dense_scale": scale.astype(np.float32)}
    meta: dict = {"name": MODEL_NAME, "embeddings": use_emb, "thresholds": {}, "C": {}, "cv": {}, "train_meetings": len(train),
                  "heldout_meetings": sorted(m["id"] for m in held), "vocab": len(vocab)}
    for kind in KINDS:
        rows = np.concatenate([np.full(len(m["texts"]), m["has"][kind] and (kind == "action" or m["corpus"] in args.decision_corpora), dtype=bool) for m in train])
        X = X_all[rows]
        y = np.concatenate([m["labels"][kind] for m in train])[rows]
        g = groups[rows]
        best = None
        for C in args.C_decision if kind == "decision" else args.C_action:
            oof = np.zeros(len(y))
            for tr, va in GroupKFold(n_splits=4).split(X, y, g):
                clf = LogisticRegression(C=C, class_weight="balanced", max_iter=300, solver="liblinear")
                clf.fit(X[tr], y[tr])
                oof[va] = clf.decision_function(X[va])
            thr, f = best_threshold(y, oof)
            p, r, _ = prf(y, oof >= thr)
            print(f"{kind} C={C}: cv P={p:.3f} R={r:.3f} F1={f:.3f}", file=sys.stderr, flush=True)
            if best is None or f > best[2]:
                best = (C, thr, f, p, r)
        C, thr, f, p, r = best
        clf = LogisticRegression(C=C, class_weight="balanced", max_iter=300, solver="liblinear").fit(X, y)
        arrays[f"coef_{kind}"] = clf.coef_.ravel().astype(np.float32)
        arrays[f"intercept_{kind}"] = np.array(clf.intercept_[0], dtype=np.float32)
        meta["thresholds"][kind] = float(1.0 / (1.0 + np.exp(-thr)))
        meta["C"][kind] = C
        meta["cv"][kind] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                            "positives": int(y.sum()), "utterances": int(len(y))}
    arrays["meta"] = np.array(json.dumps(meta))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **arrays)
    print(json.dumps(meta["cv"], indent=1), file=sys.stderr)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
