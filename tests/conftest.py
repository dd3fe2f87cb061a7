"""Shared fixtures. Unit tests use fakes and tiny hand-built documents; integration tests use the
real models and ``../shared/corpora`` and skip, with the reason, where the corpora are absent."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the corpora loaders live at the repo root
    sys.path.insert(0, str(ROOT))

import corpora  # noqa: E402

SAMPLES = ROOT / "corpora" / "samples"


@pytest.fixture(scope="session")
def shared_corpora() -> Path:
    try:
        return corpora.root()
    except corpora.CorporaMissing as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


class FakeEmbedder:
    """A deterministic bag-of-words embedder: same words → same vector, no model loaded.

    Good enough to test the logic around embeddings (matching, thresholds, ordering); the real
    model is exercised in tests/integration.
    """

    name = "fake-bow"
    dim = 256

    def encode(self, texts, batch_size: int = 64):
        single = isinstance(texts, str)
        items = [texts] if single else list(texts)
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        for i, t in enumerate(items):
            for w in re.findall(r"[a-z0-9]+", t.lower()):
                h = int(hashlib.md5(w.encode()).hexdigest(), 16)
                out[i, h % self.dim] += 1.0
            n = np.linalg.norm(out[i])
            if n:
                out[i] /= n
        return out[0] if single else out


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def blank_nlp(monkeypatch):
    """A blank English pipeline with a sentencizer instead of the real model (no parse, no NER);
    modules that read minutes use it for every test (``pytestmark``), and a test may add an
    entity_ruler to it."""
    import spacy

    from coaltext import models

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    monkeypatch.setattr(models, "nlp", lambda: nlp)
    return nlp
