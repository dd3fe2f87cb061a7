"""The Embedder wrapper around a sentence model, with a fake model whose output, like the real
one's, moves in the 8th decimal with padding and with a batch of one."""

from __future__ import annotations

import numpy as np

from coaltext.models import Embedder


class _Tokenizer:
    def __call__(self, texts, truncation=True, max_length=None):
        return {"input_ids": [t.split()[:max_length] for t in texts]}


class _PaddingSensitiveModel:
    """Vectors depend on the text, and by ~1e-7 on the longest text of the batch and on a lone batch."""

    tokenizer = _Tokenizer()
    max_seq_length = 256

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts, batch_size=64, **_):
        self.calls.append(list(texts))
        longest = max(len(t.split()) for t in texts)
        out = np.zeros((len(texts), 4), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, len(t) % 4] = 1.0
            out[i, (len(t) + 1) % 4] = 1e-7 * longest + (3e-7 if len(texts) == 1 else 0.0)
        return out


def test_models_embedder_vector_does_not_depend_on_batch_mates():
    alone = Embedder(_PaddingSensitiveModel()).encode(["share test results"])[0]
    with_longer = Embedder(_PaddingSensitiveModel()).encode(
        ["share test results", "a much longer goal sentence about several unrelated things"]
    )[0]
    assert np.array_equal(alone, with_longer)
    warm = Embedder(_PaddingSensitiveModel())
    warm.encode(["a much longer goal sentence", "share test results", "hi"])
    assert np.array_equal(warm.encode("share test results"), alone)  # the cache holds the same vector


def test_models_embedder_restores_order_and_caches():
    model = _PaddingSensitiveModel()
    emb = Embedder(model)
    texts = ["three words here", "one", "two words", "one"]
    out = emb.encode(texts)
    assert out.shape == (4, 4) and np.array_equal(out[1], out[3])
    assert np.array_equal(out[0], emb.encode("three words here"))
    assert sum(len(c) for c in model.calls) <= 6  # each distinct text once (a lone one is doubled)
