import json

import numpy as np

from coaltext.structure.minutes_model import KINDS, Detector, TfidfEncoder, context_mean, tokens


def _tiny_detector(tmp_path):
    vocab = ["send", "the report", "agreed", "we"]
    n_shape = 9
    arrays = {
        "vocab": np.array(vocab),
        "idf": np.ones(len(vocab), dtype=np.float32),
        "dense_mean": np.zeros(n_shape, dtype=np.float32),
        "dense_scale": np.ones(n_shape, dtype=np.float32),
        # own block, context block, shape block
        "coef_action": np.array([4.0, 2.0, 0, 0] + [0] * 4 + [0] * n_shape, dtype=np.float32),
        "coef_decision": np.array([0, 0, 4.0, 0] + [0, 0, 1.0, 0] + [0] * n_shape, dtype=np.float32),
        "intercept_action": np.array(-2.0, dtype=np.float32),
        "intercept_decision": np.array(-2.0, dtype=np.float32),
        "meta": np.array(json.dumps({"embeddings": False, "thresholds": {"action": 0.5, "decision": 0.5}})),
    }
    path = tmp_path / "det.npz"
    np.savez(path, **arrays)
    return Detector.load(path)


def test_minutes_model_loads_plain_arrays_and_scores_without_embeddings(tmp_path):
    det = _tiny_detector(tmp_path)
    assert not det.uses_embeddings and set(det.threshold) == set(KINDS)
    texts = ["I will send the report.", "Okay.", "So that is agreed."]
    s = det.scores(texts, ["A", "B", "A"])
    assert s["action"].shape == (3,) and s["action"][0] > 0.5 > s["action"][1]
    assert s["decision"][2] > 0.5 > s["decision"][0]
    assert all(v.shape == (0,) for v in det.scores([], []).values())


def test_minutes_model_tfidf_rows_are_normalised_and_tokens_join_letter_spellings():
    enc = TfidfEncoder(["send", "the report", "lcd"], np.array([1.0, 2.0, 1.0]))
    x = enc.transform(["send the report", "nothing here", "an L_C_D_ screen"]).toarray()
    assert np.isclose(np.linalg.norm(x[0]), 1.0) and not x[1].any() and x[2, 2] > 0
    assert "lcd" in tokens("the L_C_D_ display")


def test_minutes_model_context_mean_leaves_the_utterance_out():
    emb = np.eye(4, dtype=np.float32)
    ctx = context_mean(emb, width=1)
    assert np.allclose(ctx[0], emb[1]) and np.allclose(ctx[1], (emb[0] + emb[2]) / 2)
