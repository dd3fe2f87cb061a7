"""Rebuild the shipped clause head from ``../shared/corpora`` (``coaltext train`` calls :func:`main`).

    python -m coaltext.classify.train [--features tfidf|emb|emb+tfidf] [--sentence-head] [--out models/clause_head]

Steps: examples from CUAD (clause tree from the structure stage; span, heading and — for the
contracts in ``corpora/hand_labels`` — the project's own labels), LEDGAR, UNFAIR-ToS and the
project's examples → out-of-fold head logits (5 folds grouped by contract) → a per-type stacker on
[head logit, pattern hit(, best sentence logit with ``--sentence-head``)] fitted on those
out-of-fold logits (this is the calibration) → the head refitted on everything. Writes
``<out>.npz``/``<out>.json``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from .data import (
    EMB_CHARS,
    EXAMPLES,
    REPO,
    TRAIN_HAND_SPLITS,
    Example,
    _corpora,
    cuad_examples,
    label_matrix,
    label_maps,
    sentence_table,
    ledgar_examples,
    project_examples,
    unfair_examples,
)
from .head import NO_SENTENCE, TFIDF, ClauseHead, design_matrix, logit, max_by_owner
from .rules import headings, patterns
from .taxonomy import type_ids

DEFAULT_OUT = REPO / "models" / "clause_head"
MIN_POS = 3
MAX_NEG: int | None = None  # negatives per type (None: all; CV: 8,000 random ones lost 0.005–0.01 macro-F1)
DEFAULT_STACK = (0.5, 3.0, -3.0)  # types too rare to fit a stacker: the pattern decides, the head helps
DEFAULT_HEADING_RELIABILITY = 0.8


def rule_hits(examples: list[Example]) -> tuple[np.ndarray, np.ndarray]:
    """(n, T) 0/1 pattern hits on the body and heading hits on the clause's own heading."""
    idx = {t: i for i, t in enumerate(type_ids())}
    pat = np.zeros((len(examples), len(idx)), np.float32)
    head = np.zeros_like(pat)
    ps, hs = patterns(), headings()
    for i, ex in enumerate(examples):
        for h in ps.find(ex.full):
            pat[i, idx[h.type]] = 1
        for h in hs.find(ex.heading):
            head[i, idx[h.type]] = 1
    return pat, head


def fit_vectorizer(texts: list[str], max_features: int = 30000):
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(min_df=3, max_features=max_features, **TFIDF).fit(texts)


def fit_head(features: str, texts, emb, y: np.ndarray, c: float = 1.0):
    """One-vs-rest logistic regression on the known labels of each type."""
    vec = fit_vectorizer(texts) if "tfidf" in features else None
    coef, intercept = fit_ovr(design_matrix(features, vec, texts, emb), y, c)
    return vec, coef, intercept


def fit_sentence_head(vec, sent_texts: list[str], y_sent: np.ndarray, c: float = 1.0):
    """The sentence head: one-vs-rest logistic regression on single sentences, for the types CUAD
    marks sentence by sentence (its spans); the other types keep a constant NO_SENTENCE."""
    coef, intercept = fit_ovr(vec.transform(sent_texts), y_sent, c)
    intercept[~coef.any(axis=1)] = NO_SENTENCE
    return coef, intercept


def sentence_max(vec, coef, intercept, sent_texts, owner, n) -> np.ndarray:
    """(n, T): each example's best sentence logit."""
    if not sent_texts:
        return np.full((n, coef.shape[0]), NO_SENTENCE, np.float32)
    return max_by_owner(np.asarray(vec.transform(sent_texts) @ coef.T) + intercept, owner, n)


def fit_ovr(x, y: np.ndarray, c: float = 1.0):
    """Per type, logistic regression on the rows whose label is known."""
    from sklearn.linear_model import LogisticRegression

    n_types = y.shape[1]
    coef = np.zeros((n_types, x.shape[1]), np.float32)
    intercept = np.full(n_types, -8.0, np.float32)
    rng = np.random.default_rng(0)
    for j in range(n_types):
        pos_rows = np.where(y[:, j] == 1)[0]
        neg_rows = np.where(y[:, j] == 0)[0]
        if len(pos_rows) < MIN_POS or not len(neg_rows):
            continue
        if MAX_NEG is not None and len(neg_rows) > MAX_NEG:
            neg_rows = rng.choice(neg_rows, MAX_NEG, replace=False)
        rows = np.sort(np.concatenate([pos_rows, neg_rows]))
        lr = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=200)
        lr.fit(x[rows], y[rows, j])
        coef[j] = lr.coef_[0]
        intercept[j] = lr.intercept_[0]
    return coef, intercept


def head_logits(features, vec, coef, intercept, texts, emb) -> np.ndarray:
    return np.asarray(design_matrix(features, vec, texts, emb) @ coef.T) + intercept


def fold_ids(examples: list[Example], k: int = 5, seed: int = 0) -> np.ndarray:
    """Fold per example; every CUAD contract falls in exactly one fold (no contract on both sides)."""
    groups = sorted({ex.group for ex in examples if ex.source == "cuad"})
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(groups))
    gfold = {groups[g]: i % k for i, g in enumerate(order)}
    other = rng.integers(0, k, size=len(examples))
    return np.array([gfold[ex.group] if ex.source == "cuad" else other[i] for i, ex in enumerate(examples)])


def oof_logits(features, examples, y, emb, folds: np.ndarray, log=print, models: dict | None = None,
               sentences: bool = True):
    """Out-of-fold head logits and best-sentence logits (both (n, T)); with ``models`` given, each
    fold's (vectorizer, coef, bias, sentence coef, sentence bias) is kept."""
    texts = [ex.text for ex in examples]
    out = np.zeros(y.shape, np.float32)
    sent_out = np.full(y.shape, NO_SENTENCE, np.float32)
    s_texts, owner, y_sent = sentence_table(examples) if sentences and "tfidf" in features else ([], None, None)
    for f in np.unique(folds):
        tr, te = folds != f, folds == f
        t0 = time.time()
        vec, coef, b = fit_head(features, [texts[i] for i in np.where(tr)[0]],
                                emb[tr] if emb is not None else None, y[tr])
        out[te] = head_logits(features, vec, coef, b, [texts[i] for i in np.where(te)[0]],
                              emb[te] if emb is not None else None)
        sc = sb = None
        if s_texts:
            s_tr, s_te = tr[owner], te[owner]
            sc, sb = fit_sentence_head(vec, [s_texts[i] for i in np.flatnonzero(s_tr)], y_sent[s_tr])
            te_idx = np.flatnonzero(te)
            local = np.searchsorted(te_idx, owner[s_te])  # owner → row of the held-out block
            sent_out[te] = sentence_max(vec, sc, sb, [s_texts[i] for i in np.flatnonzero(s_te)], local, len(te_idx))
        if models is not None:
            models[int(f)] = (vec, coef, b, sc, sb)
        log(f"  fold {f}: {features} head in {time.time() - t0:.0f}s")
    return out, sent_out


def fit_stack(logits: np.ndarray, pat: np.ndarray, y: np.ndarray, sent: np.ndarray | None = None,
              interaction: bool = True) -> np.ndarray:
    """Per type, a logistic regression on [head logit, pattern hit(, best sentence logit)(, head
    logit × pattern hit)] → calibrated probability. Columns: head weight, pattern weight, bias,
    sentence weight (0 without a sentence head), interaction weight (with ``interaction``). The
    interaction lets a type's head count for less where an explicit pattern fired: a 50/50 split
    of a joint venture's income matches a revenue-sharing pattern in words the head rarely saw."""
    from sklearn.linear_model import LogisticRegression

    width = 5 if interaction else 3 if sent is None else 4
    stack = np.tile(np.array(DEFAULT_STACK + (0.0,) * (width - 3), np.float32), (y.shape[1], 1))
    for j in range(y.shape[1]):
        known = y[:, j] >= 0
        pos = int((y[known, j] == 1).sum())
        if pos < 10 or pos == int(known.sum()):
            continue
        cols = {0: logits[known, j], 1: pat[known, j]}
        if sent is not None:
            cols[3] = sent[known, j]
        if interaction:
            cols[4] = logits[known, j] * pat[known, j]

        def fit():
            lr = LogisticRegression(C=1.0, max_iter=500).fit(np.stack(list(cols.values()), axis=1), y[known, j])
            return dict(zip(cols, lr.coef_[0]), bias=lr.intercept_[0])

        w = fit()
        if interaction and w[0] + w[4] < 0:
            # the head would count *against* the type where a pattern fired: too few examples to
            # trust that (antitrust_compliance, 14 positives), so this type keeps the linear stacker
            del cols[4]
            w = fit()
        stack[j] = 0.0
        stack[j, 2] = w.pop("bias")
        for col, wc in w.items():
            stack[j, col] = wc
    return stack


def heading_reliability(examples, y, head_hits) -> dict[str, float]:
    """Precision of a heading as evidence, measured on CUAD where the label does not come from
    the heading (the types CUAD annotates exhaustively); a fixed prior elsewhere."""
    exhaustive = set(label_maps()["cuad_exhaustive"])
    cuad = np.array([ex.source == "cuad" for ex in examples])
    out = {}
    for j, t in enumerate(type_ids()):
        rows = cuad & (head_hits[:, j] == 1) & (y[:, j] >= 0)
        if t in exhaustive and rows.sum() >= 10:
            out[t] = round(float(y[rows, j].mean()), 3)
        else:
            out[t] = DEFAULT_HEADING_RELIABILITY
    return out


def _cache_key(contract_ids) -> str:
    """Changes whenever the parser, the label sources or the rules change."""
    import hashlib

    h = hashlib.sha1(repr(sorted(contract_ids or [])).encode())
    pkg = Path(__file__).resolve().parents[1]
    # patterns.yaml too: a pattern hit turns a weak negative into an unknown (data._pattern_types)
    conf = sorted((pkg / "conf").glob("*"))
    folders = _corpora().HAND_LABELS
    hand = [f for split in TRAIN_HAND_SPLITS for f in sorted(folders[split].glob("part_*.jsonl"))]
    hand += sorted((REPO / "corpora" / "clause_labels").glob("*.jsonl"))
    files = sorted((pkg / "structure").glob("*.py")) + conf + hand + [
        Path(__file__).with_name("data.py"), Path(__file__).with_name("features.py"), EXAMPLES]
    for f in files:
        if f.exists():
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def load_all(contract_ids=None, with_clauses=False):
    """All examples (and, with ``with_clauses``, the CUAD clause trees), cached under out/cache."""
    import pickle

    from .cache import CACHE

    path = CACHE.parent / f"examples-{_cache_key(contract_ids)}.pkl"
    if path.exists():
        examples, docs = pickle.loads(path.read_bytes())
    else:
        examples, docs = cuad_examples(contract_ids, with_clauses=True)
        examples = examples + ledgar_examples() + unfair_examples() + project_examples()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps((examples, docs)))
    return (examples, docs) if with_clauses else examples


def embeddings_for(examples: list[Example], log=print) -> np.ndarray:
    from .. import models
    from . import cache

    return cache.embed([ex.text[:EMB_CHARS] for ex in examples], models.embedder(), log=log)


def train(features: str = "tfidf", out: Path = DEFAULT_OUT, log=print, sentence_head: bool = False) -> ClauseHead:
    t0 = time.time()
    examples = load_all()
    y = label_matrix(examples)
    pat, head_hits = rule_hits(examples)
    log(f"{len(examples)} examples ({sum(ex.source == 'cuad' for ex in examples)} CUAD clauses) "
        f"in {time.time() - t0:.0f}s")
    emb = embeddings_for(examples, log) if "emb" in features else None
    folds = fold_ids(examples)
    with_sent = sentence_head and "tfidf" in features
    oof, oof_sent = oof_logits(features, examples, y, emb, folds, log, sentences=with_sent)
    stack = fit_stack(oof, pat, y, oof_sent if with_sent else None)
    vec, coef, b = fit_head(features, [ex.text for ex in examples], emb, y)
    sc = sb = None
    if with_sent:
        s_texts, _, y_sent = sentence_table(examples)
        sc, sb = fit_sentence_head(vec, s_texts, y_sent)
    types = list(type_ids())
    positives = {t: int((y[:, j] == 1).sum()) for j, t in enumerate(types)}
    model = ClauseHead(
        types=types, features=features, coef=coef, intercept=b,
        vocab=vec.get_feature_names_out().tolist() if vec is not None else [],
        idf=vec.idf_ if vec is not None else None, stack=stack, sent_coef=sc, sent_intercept=sb,
        heading_reliability=heading_reliability(examples, y, head_hits),
        meta=dict(name="coaltext-clause-head", version=1,
                  examples=len(examples), positives=positives,
                  sources={s: sum(ex.source == s for ex in examples)
                           for s in ("cuad", "ledgar", "unfair_tos", "project")},
                  embedder="all-MiniLM-L6-v2" if emb is not None else None,
                  emb_chars=EMB_CHARS),
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    log(f"wrote {out}.npz/.json in {time.time() - t0:.0f}s")
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="coaltext train", description=__doc__.splitlines()[0])
    ap.add_argument("--features", default="tfidf", choices=["tfidf", "emb", "emb+tfidf"])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--sentence-head", action="store_true",
                    help="add the sentence head (not shipped: no better on held-out folds, see the model card)")
    args = ap.parse_args(argv)
    try:
        train(args.features, args.out, log=lambda m: print(m, file=sys.stderr, flush=True),
              sentence_head=args.sentence_head)
    except Exception as exc:  # corpora missing etc.: one line, exit 2
        name = type(exc).__name__
        print(f"train failed: {name}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
