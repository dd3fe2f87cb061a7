"""Train the stance detector: disagreements and stated goals in speech (models/stance_detector.npz).

    .venv/bin/python bench/train_stances.py

Data, all labelled at the line / dialogue-act / message level, training parts only:

- ELITR, real project meetings: the *dev* split of the project's stance labels
  (``corpora/meeting_labels/stances``), read as the utterances ``extract_minutes`` reads;
- AMI, scenario meetings: the project's stance labels of 20 meetings of AMI training series
  (``corpora/meeting_labels/stances_ami``; the 5 labelled held-out meetings are never read here);
- CaSiNo, camping negotiations: the *dev* half of the dialogues with strategy annotations; a
  message stating a side's own need or that of people it speaks for ("self-need", "other-need")
  is a goal. CaSiNo has no disagreement labels, so it trains the goal head only.

Features are the minutes detector's (``minutes_model.featurize``: TF-IDF of the utterance and of
its neighbours, shape, and a cue block from ``stance_cues`` in conf/minutes.yaml), over a
vocabulary of n-grams that occur in at least two of the three corpora: topic words of one corpus
(firewood, remote, annotators) cannot carry a call over to an alliance meeting. Each corpus has
equal total weight. C and the threshold are chosen by grouped cross-validation (groups: meeting
or dialogue; 4 folds, repeated with shuffled groups), the threshold maximising the mean F1 over
the corpora that label the kind.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

import corpora  # noqa: E402
from coaltext.classify.taxonomy import conf_yaml  # noqa: E402
from coaltext.structure.minutes_model import (  # noqa: E402
    STANCE_KINDS,
    STANCE_MODEL_NAME,
    STANCE_MODEL_PATH,
    TfidfEncoder,
    featurize,
    ngrams,
)
from train_minutes import best_threshold, cv_by_corpus, is_heldout, load_elitr, load_meetings, save_model  # noqa: E402


def load_ami(heldout: bool) -> list[dict]:
    """The labelled AMI meetings of the training series (or, ``heldout=True``, of the held-out ones)."""
    labels = corpora.ami_stance_labels()
    out = []
    for m in load_meetings("ami"):
        rec = labels.get(m["id"])
        if rec is None or is_heldout(m["id"]) != heldout:
            continue
        if len(m["texts"]) != rec["acts"]:
            raise SystemExit(f"{m['id']}: labels count {rec['acts']} acts, the corpus has {len(m['texts'])}")
        m["labels"] = {k: np.isin(m["da"], [it["da"] for it in rec["items"] if it["kind"] == k]) for k in STANCE_KINDS}
        m["has"] = dict.fromkeys(STANCE_KINDS, True)
        out.append(m)
    return out


def load_casino(split: str) -> list[dict]:
    return [{"id": f"casino_{d['id']}", "corpus": "casino", "texts": d["texts"], "speakers": d["speakers"],
             "labels": {"goal": np.array([bool({"self-need", "other-need"} & lab) for lab in d["labels"]]),
                        "disagreement": np.zeros(len(d["texts"]), dtype=bool)},
             "has": {"goal": True, "disagreement": False}}
            for d in corpora.casino_annotated(split)]


def shared_vocab(meetings: list[dict], min_corpora: int = 2, min_df: int = 2,
                 max_terms: int = 20000) -> tuple[list[str], np.ndarray]:
    """N-grams with document frequency ≥ ``min_df`` in at least ``min_corpora`` corpora; idf over all."""
    df: dict[str, dict[str, int]] = {}
    n = 0
    for m in meetings:
        for t in m["texts"]:
            n += 1
            for g in set(ngrams(t)):
                df.setdefault(g, {}).setdefault(m["corpus"], 0)
                df[g][m["corpus"]] += 1
    kept = [g for g, by in df.items() if sum(c >= min_df for c in by.values()) >= min_corpora]
    kept = sorted(kept, key=lambda g: -sum(df[g].values()))[:max_terms]
    kept.sort()
    idf = np.array([np.log((1 + n) / (1 + sum(df[g].values()))) + 1.0 for g in kept], dtype=np.float32)
    return kept, idf


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=STANCE_MODEL_PATH)
    ap.add_argument("--C", type=float, nargs="*", default=[0.03, 0.1, 0.3, 1.0])
    ap.add_argument("--repeats", type=int, default=3, help="repeats of the grouped 4-fold CV (groups shuffled)")
    ap.add_argument("--corpora", nargs="*", default=["elitr", "ami", "casino"], help="training corpora")
    ap.add_argument("--min-corpora", type=int, default=2,
                    help="an n-gram joins the vocabulary when it occurs in this many corpora (1: any)")
    args = ap.parse_args()

    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    t0 = time.time()
    loaders = {"elitr": lambda: load_elitr("dev", STANCE_KINDS), "ami": lambda: load_ami(heldout=False),
               "casino": lambda: load_casino("dev")}
    train = [m for c in args.corpora for m in loaders[c]()]
    cue_src = conf_yaml("minutes.yaml")["stance_cues"]
    cues = {k: re.compile(v, re.I) for k, v in cue_src.items()}
    vocab, idf = shared_vocab(train, args.min_corpora)
    tfidf = TfidfEncoder(vocab, idf)
    feats = [featurize(m["texts"], m["speakers"], None, tfidf, cues) for m in train]
    dense = np.vstack([f.dense for f in feats])
    mean, scale = dense.mean(0), dense.std(0) + 1e-6
    X_all = sparse.vstack([f.matrix(mean, scale) for f in feats], format="csr")
    groups = np.concatenate([[m["id"]] * len(m["texts"]) for m in train])
    corpus = np.concatenate([[m["corpus"]] * len(m["texts"]) for m in train])
    print(f"{len(train)} meetings / dialogues, features {X_all.shape}, vocabulary {len(vocab)} "
          f"in {time.time() - t0:.0f}s", file=sys.stderr, flush=True)

    arrays: dict[str, np.ndarray] = {"vocab": np.array(vocab), "idf": idf,
                                     "dense_mean": mean.astype(np.float32), "dense_scale": scale.astype(np.float32)}
    meta: dict = {"name": STANCE_MODEL_NAME, "embeddings": False, "cues": cue_src,
                  "heads": {k: k for k in STANCE_KINDS}, "thresholds": {}, "C": {}, "cv": {},
                  "train": {c: sorted(m["id"] for m in train if m["corpus"] == c) for c in args.corpora},
                  "vocab": len(vocab)}

    def fit(X, y, w, C):
        return LogisticRegression(C=C, class_weight="balanced", max_iter=500, solver="liblinear").fit(X, y, sample_weight=w)

    for kind in STANCE_KINDS:
        rows = np.concatenate([np.full(len(m["texts"]), m["has"][kind]) for m in train])
        X = X_all[rows]
        y = np.concatenate([m["labels"][kind] for m in train])[rows]
        g, dom = groups[rows], corpus[rows]
        names, counts = np.unique(dom, return_counts=True)
        w = np.array([len(dom) / (len(names) * counts[list(names).index(d)]) for d in dom])  # equal weight per corpus
        splits = [list(GroupKFold(n_splits=4, shuffle=True, random_state=r).split(X, y, g)) for r in range(args.repeats)]
        best = None
        for C in args.C:
            oof = np.zeros((len(splits), len(y)))
            for r, folds in enumerate(splits):
                for tr, va in folds:
                    oof[r, va] = fit(X[tr], y[tr], w[tr], C).decision_function(X[va])
            thr, f = best_threshold(y, oof, dom)
            print(f"{kind} C={C}: cv mean F1 over {list(names)} = {f:.3f}", file=sys.stderr, flush=True)
            if best is None or f > best[2]:
                best = (C, thr, f, oof)
        C, thr, _, oof = best
        clf = fit(X, y, w, C)
        arrays[f"coef_{kind}"] = clf.coef_.ravel().astype(np.float32)
        arrays[f"intercept_{kind}"] = np.array(clf.intercept_[0], dtype=np.float32)
        meta["thresholds"][kind] = float(1.0 / (1.0 + np.exp(-thr)))
        meta["C"][kind] = C
        meta["cv"][kind] = cv_by_corpus(y, oof >= thr, dom, f"{kind} C={C}")
    save_model(args.out, arrays, meta, t0)


if __name__ == "__main__":
    main()
