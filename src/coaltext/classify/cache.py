"""A disk cache of clause embeddings for training and benchmarks (never used at run time).

Embedding the ~45k CUAD clauses takes many minutes on two cores; training, cross-validation and
the bench share one cache keyed by the text's SHA-1, under ``out/cache/`` (git-ignored)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from .data import REPO

CACHE = REPO / "out" / "cache" / "clause_embeddings.npz"


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def load(path: Path = CACHE) -> dict[str, np.ndarray]:
    if not path.exists():
        return {}
    z = np.load(path)
    return dict(zip(z["keys"].tolist(), z["vecs"]))


def save(cache: dict[str, np.ndarray], path: Path = CACHE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = list(cache)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, keys=np.array(keys), vecs=np.stack([cache[k] for k in keys]).astype(np.float32))
    tmp.replace(path)


def embed(texts: list[str], embedder, path: Path = CACHE, chunk: int = 2000, log=None) -> np.ndarray:
    """Embeddings of ``texts`` (cached on disk); computes only what the cache lacks."""
    cache = load(path)
    keys = [_key(t) for t in texts]
    todo = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in cache))
    for i in range(0, len(todo), chunk):
        part = todo[i : i + chunk]
        vecs = embedder.encode(part)
        cache.update(zip((_key(t) for t in part), np.asarray(vecs, dtype=np.float32)))
        save(cache, path)
        if log:
            log(f"embedded {min(i + chunk, len(todo))}/{len(todo)}")
    dim = next(iter(cache.values())).shape[0] if cache else 384
    return np.stack([cache[k] for k in keys]) if keys else np.zeros((0, dim), np.float32)
