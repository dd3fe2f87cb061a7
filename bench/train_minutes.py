"""Train the decision / action-item detector (models/minutes_detector.npz).

    .venv/bin/python bench/train_minutes.py [--cache DIR]

Data: ../shared/corpora/meetings/{ami,icsi}_nxt_dev.jsonl. A dialogue act is a positive for a kind
when a summary sentence of that section ("decisions", "actions") links to it (``linked_da``).
ICSI has no "actions" section, and ICSI decisions lowered AMI cross-validated F1, so both models
learn from AMI by default.

The decision model has two stages (card: models/minutes.md): an extractive-summary model
(``extractive_da``, C fixed at 1.0) and a decision lexicon are fitted first; their out-of-fold
outputs feed :func:`coaltext.structure.minutes_model.stage_features`, which joins the lexical
blocks in the decision model. Its cross-validation is nested: in every outer fold the stage
inputs of the training part are themselves out-of-fold (3 inner folds), so no validation meeting
shapes a feature the model learns from.

Held out, never trained or tuned on: every meeting whose *series* (AMI: "ES2002" of "ES2002a";
ICSI: the meeting id) hashes to 0 mod 5 (see :func:`is_heldout`). The C values and the
thresholds are chosen by grouped cross-validation on the training series only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import corpora  # noqa: E402
from coaltext.structure.minutes_model import (  # noqa: E402
    KINDS,
    MODEL_NAME,
    MODEL_PATH,
    STAGE_FEATURES,
    TfidfEncoder,
    content_words,
    featurize,
    ngrams,
    stage_features,
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
        extractive = set(m.get("extractive_da") or [])
        rec["labels"]["extractive"] = np.array([d["id"] in extractive for d in das], dtype=bool)
        rec["summary_words"] = {kind: set().union(set(), *(content_words(s["text"]) for s in m["summary"].get(sec, [])))
                                for kind, sec in SECTION.items()}
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


C_EXTRACTIVE = 1.0


def decision_lexicon(meetings: list[dict]) -> dict[str, float]:
    """For each content word: meetings whose decision summary names it / (meetings that use it + 2)."""
    named: Counter = Counter()
    used: Counter = Counter()
    for m in meetings:
        used.update(m["content"])
        named.update(m["summary_words"]["decision"])
    return {w: named[w] / (used[w] + 2.0) for w in used if named[w]}


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
    from sklearn.metrics import average_precision_score
    from sklearn.model_selection import GroupKFold

    def fit(X, y, C):
        return LogisticRegression(C=C, class_weight="balanced", max_iter=300, solver="liblinear").fit(X, y)

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
    bounds = np.cumsum([0] + [len(m["texts"]) for m in train])
    row_meeting = np.repeat(np.arange(len(train)), np.diff(bounds))
    labels = {k: np.concatenate([m["labels"][k] for m in train]) for k in (*KINDS, "extractive")}
    for m in train:
        m["content"] = set().union(set(), *(content_words(t) for t in m["texts"]))
    print(f"features {X_all.shape} in {time.time() - t0:.0f}s", file=sys.stderr, flush=True)

    def rows(ms) -> np.ndarray:
        return np.concatenate([np.arange(bounds[i], bounds[i + 1]) for i in ms]).astype(np.int64)

    def folds(ms, k: int):
        """Grouped (by series) folds over the rows of meetings ``ms``, as (train, validation) meeting lists."""
        r = rows(ms)
        for tr, va in GroupKFold(n_splits=k).split(r, groups=groups[r]):
            yield list(dict.fromkeys(row_meeting[r[tr]].tolist())), list(dict.fromkeys(row_meeting[r[va]].tolist()))

    def first_stage(ms):
        """The extractive-summary model and the decision lexicon fitted on meetings ``ms``."""
        r = rows(ms)
        return fit(X_all[r], labels["extractive"][r], C_EXTRACTIVE), decision_lexicon([train[i] for i in ms])

    def stage_block(ms, ext_model, lexicon) -> dict[int, np.ndarray]:
        return {i: stage_features(train[i]["texts"], train[i]["speakers"],
                                  ext_model.decision_function(X_all[bounds[i]:bounds[i + 1]]), lexicon) for i in ms}

    def oof_stage(ms, k: int) -> dict[int, np.ndarray]:
        out: dict[int, np.ndarray] = {}
        for tr, va in folds(ms, k):
            out.update(stage_block(va, *first_stage(tr)))
        return out

    def with_block(ms, block, mu, sd):
        b = np.vstack([block[i] for i in ms])
        return sparse.hstack([X_all[rows(ms)], sparse.csr_matrix(((b - mu) / sd).astype(np.float32))], format="csr")

    arrays: dict[str, np.ndarray] = {"vocab": np.array(vocab), "idf": idf,
                                     "dense_mean": mean.astype(np.float32), "dense_scale": scale.astype(np.float32)}
    meta: dict = {"name": MODEL_NAME, "embeddings": use_emb, "thresholds": {}, "C": {}, "cv": {}, "train_meetings": len(train),
                  "heldout_meetings": sorted(m["id"] for m in held), "vocab": len(vocab),
                  "stage_features": list(STAGE_FEATURES), "C_extractive": C_EXTRACTIVE}

    def choose(kind, y, oofs):
        best = None
        for C, oof in oofs.items():
            thr, f = best_threshold(y, oof)
            p, r, _ = prf(y, oof >= thr)
            print(f"{kind} C={C}: cv P={p:.3f} R={r:.3f} F1={f:.3f} AP={average_precision_score(y, oof):.3f}",
                  file=sys.stderr, flush=True)
            if best is None or f > best[2]:
                best = (C, thr, f, p, r)
        C, thr, f, p, r = best
        meta["thresholds"][kind] = float(1.0 / (1.0 + np.exp(-thr)))
        meta["C"][kind] = C
        meta["cv"][kind] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                            "positives": int(y.sum()), "utterances": int(len(y))}
        return C

    # action items: the lexical blocks and shape features (the decision stage did not help them)
    act = [i for i, m in enumerate(train) if m["has"]["action"] and m["texts"]]
    r_act, y_act = rows(act), labels["action"][rows(act)]
    oofs = {C: np.zeros(len(y_act)) for C in args.C_action}
    for tr, va in GroupKFold(n_splits=4).split(r_act, groups=groups[r_act]):
        for C in args.C_action:
            oofs[C][va] = fit(X_all[r_act[tr]], y_act[tr], C).decision_function(X_all[r_act[va]])
    clf = fit(X_all[r_act], y_act, choose("action", y_act, oofs))
    arrays["coef_action"] = clf.coef_.ravel().astype(np.float32)
    arrays["intercept_action"] = np.array(clf.intercept_[0], dtype=np.float32)

    # decisions: nested cross-validation of the two-stage model
    dec = [i for i, m in enumerate(train) if m["has"]["decision"] and m["corpus"] in args.decision_corpora and m["texts"]]
    r_dec = rows(dec)
    pos = {i: np.arange(bounds[i], bounds[i + 1]) for i in dec}
    where = np.full(len(groups), -1)
    where[r_dec] = np.arange(len(r_dec))
    y_dec = labels["decision"][r_dec]
    oofs = {C: np.zeros(len(y_dec)) for C in args.C_decision}
    outer_block: dict[int, np.ndarray] = {}  # 4-fold out-of-fold stage inputs: the final model learns from these
    for k, (tr, va) in enumerate(folds(dec, 4)):
        inner = oof_stage(tr, 3)
        outer_block.update(stage_block(va, *first_stage(tr)))
        b = np.vstack([inner[i] for i in tr])
        mu, sd = b.mean(0), b.std(0) + 1e-6
        Xtr, Xva = with_block(tr, inner, mu, sd), with_block(va, outer_block, mu, sd)
        va_pos = where[np.concatenate([pos[i] for i in va])]
        for C in args.C_decision:
            oofs[C][va_pos] = fit(Xtr, labels["decision"][rows(tr)], C).decision_function(Xva)
        print(f"decision fold {k + 1}/4 in {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    ext_col = STAGE_FEATURES.index("extractive")
    ext_oof = np.concatenate([outer_block[i][:, ext_col] for i in dec])
    meta["cv"]["extractive_ap"] = round(float(average_precision_score(labels["extractive"][r_dec], ext_oof)), 4)
    C = choose("decision", y_dec, oofs)
    b = np.vstack([outer_block[i] for i in dec])
    mu, sd = b.mean(0), b.std(0) + 1e-6
    clf = fit(with_block(dec, outer_block, mu, sd), y_dec, C)
    arrays["coef_decision"] = clf.coef_.ravel().astype(np.float32)
    arrays["intercept_decision"] = np.array(clf.intercept_[0], dtype=np.float32)
    arrays["stage_mean"], arrays["stage_scale"] = mu.astype(np.float32), sd.astype(np.float32)
    ext_model, lexicon = first_stage(dec)
    arrays["coef_extractive"] = ext_model.coef_.ravel().astype(np.float32)
    arrays["intercept_extractive"] = np.array(ext_model.intercept_[0], dtype=np.float32)
    words = sorted(lexicon)
    arrays["lexicon_words"] = np.array(words)
    arrays["lexicon_rates"] = np.array([lexicon[w] for w in words], dtype=np.float32)
    meta["stage_coef"] = {n: round(float(c), 4) for n, c in zip(STAGE_FEATURES, arrays["coef_decision"][X_all.shape[1]:])}

    arrays["meta"] = np.array(json.dumps(meta))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **arrays)
    print(json.dumps(meta["cv"], indent=1), file=sys.stderr)
    print(json.dumps(meta["stage_coef"], indent=1), file=sys.stderr)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
