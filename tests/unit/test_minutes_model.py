import json

import numpy as np

import re

from coaltext.structure.minutes_model import HEADS, KINDS, Detector, TfidfEncoder, context_mean, cue_features, tokens


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


def test_minutes_model_cue_features_mark_neighbours_and_assent_by_another_speaker():
    cues = {"commit": re.compile(r"\bi will\b", re.I), "assent": re.compile(r"^\W*(?:yes|ok)\b", re.I)}
    texts = ["I will send the slides.", "Yes, fine.", "Ok.", "Nothing here."]
    f = cue_features(texts, ["A", "B", "A", "B"], cues)
    assert f.shape == (4, 2 * len(cues) + 2)
    own, near, after, before = f[:, :2], f[:, 2:4], f[:, 4], f[:, 5]
    assert own[0, 0] == 1 and own[1, 1] == 1 and not own[3].any()
    assert near[1, 0] == 1 and near[3, 1] == 1 and near[2, 0] == 0  # a neighbour's cue, not its own
    assert after[0] == 1  # B assents to A's commitment
    assert after[1] == 1 and after[2] == 0  # "Ok." by A answers B; nothing follows "Ok."
    assert before[3] == 1 and before[0] == 0


def test_minutes_model_real_meeting_head_scores_under_its_own_key(tmp_path):
    vocab = ["send", "the report"]
    cues = {"commit": r"\bi will\b"}
    n_dense = 9 + 2 * len(cues) + 2
    zeros = [0.0] * (2 * len(vocab) + n_dense)
    real = list(zeros)
    real[2 * len(vocab) + 9] = 3.0  # the real-meeting head reads the commitment cue alone
    arrays = {
        "vocab": np.array(vocab), "idf": np.ones(2, dtype=np.float32),
        "dense_mean": np.zeros(n_dense, dtype=np.float32), "dense_scale": np.ones(n_dense, dtype=np.float32),
        **{f"coef_{k}": np.array(zeros, dtype=np.float32) for k in KINDS},
        **{f"intercept_{k}": np.array(-2.0, dtype=np.float32) for k in KINDS},
        "coef_action_real": np.array(real, dtype=np.float32), "intercept_action_real": np.array(-1.0, dtype=np.float32),
        "meta": np.array(json.dumps({"embeddings": False, "cues": cues,
                                     "thresholds": {"action": 0.5, "decision": 0.5, "action_real": 0.6}})),
    }
    np.savez(tmp_path / "det.npz", **arrays)
    det = Detector.load(tmp_path / "det.npz")
    assert set(det.threshold) == {"action", "decision", "action_real"} <= set(HEADS)
    s = det.scores(["I will write it up.", "Nice weather."], ["A", "B"])
    assert s["action_real"][0] > 0.6 > s["action_real"][1]
    assert det.name == "minutes_detector.v2"  # meta has no name: the current one
