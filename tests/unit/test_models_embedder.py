"""The Embedder wrapper around a sentence model, with a fake model whose output, like the real
one's, moves in the 8th decimal with the padded length of its batch and with a batch of one."""

from __future__ import annotations

import torch

import numpy as np

from coaltext.models import Embedder


class _Tokenizer:
    def __call__(self, texts, truncation=True, max_length=None, padding=False, return_tensors=None):
        ids = [t.split()[:max_length] for t in texts]
        if padding == "max_length":
            ids = [x + ["[PAD]"] * (max_length - len(x)) for x in ids]
        return {"input_ids": ids}


class _PaddingSensitiveModel:
    """Vectors depend on the text, and by ~1e-7 on the padded length and on a lone batch."""

    tokenizer = _Tokenizer()
    max_seq_length = 256

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, features):
        ids = features["input_ids"]
        self.calls.append(ids)
        padded = len(ids[0])
        out = torch.zeros((len(ids), 4))
        for i, x in enumerate(ids):
            t = " ".join(w for w in x if w != "[PAD]")
            out[i, len(t) % 4] = 1.0
            out[i, (len(t) + 1) % 4] = 1e-7 * padded + (3e-7 if len(ids) == 1 else 0.0)
        return {"sentence_embedding": out}


def test_models_embedder_vector_does_not_depend_on_batch_mates():
    alone = Embedder(_PaddingSensitiveModel()).encode(["share test results"])[0]
    with_longer = Embedder(_PaddingSensitiveModel()).encode(
        ["share test results", "a much longer goal sentence about several unrelated things"]
    )[0]
    assert np.array_equal(alone, with_longer)
    warm = Embedder(_PaddingSensitiveModel())
    warm.encode(["a much longer goal sentence", "share test results", "hi"])
    assert np.array_equal(warm.encode("share test results"), alone)  # the cache holds the same vector


def test_models_embedder_batches_texts_of_many_lengths_together():
    """Batching only texts of one token count made one batch per length (40 here) and encoding
    2-5x slower; texts are padded to the next multiple of 8 tokens instead."""
    model = _PaddingSensitiveModel()
    texts = [" ".join(f"w{i}" for i in range(n)) + f" t{k}" for n in range(40) for k in range(5)]
    Embedder(model).encode(texts)
    assert len(model.calls) <= 8
    assert {len(c[0]) for c in model.calls} <= {8, 16, 24, 32, 40}


def test_models_embedder_restores_order_and_caches():
    model = _PaddingSensitiveModel()
    emb = Embedder(model)
    texts = ["three words here", "one", "two words", "one"]
    out = emb.encode(texts)
    assert out.shape == (4, 4) and np.array_equal(out[1], out[3])
    assert np.array_equal(out[0], emb.encode("three words here"))
    assert sum(len(c) for c in model.calls) <= 6  # each distinct text once (a lone one is doubled)
