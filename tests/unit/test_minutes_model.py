import json

import numpy as np

from coaltext.structure.minutes_model import (
    INTERACTION_FEATURES,
    KINDS,
    STAGE_FEATURES,
    Detector,
    TfidfEncoder,
    context_mean,
    interaction_features,
    meeting_rank,
    stage_features,
    tokens,
    window_max,
)


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


def _col(name):
    return STAGE_FEATURES.index(name)


def test_minutes_model_interaction_features_count_assent_by_other_speakers_only():
    texts = ["So we go with the rubber case.", "Yeah.", "Okay, sure.", "Yeah.", "The rubber case is cheap."]
    speakers = ["A", "B", "C", "A", "B"]
    f = interaction_features(texts, speakers)
    assert f.shape == (5, len(INTERACTION_FEATURES))
    col = INTERACTION_FEATURES.index
    assert f[0, col("assent_next1")] == 1.0 and f[0, col("assent_next5")] == 3
    assert f[0, col("assent_other5")] == 2  # A's own "Yeah." is not assent from others
    assert f[0, col("proposal")] == 1.0 and f[1, col("proposal")] == 0.0
    # "rubber" and "case" come back in the last utterance: all content words of the first recur
    assert f[0, col("overlap_next5")] == 1.0 and f[0, col("words_in_last15")] == 1.0
    assert f[0, col("speaker_opened")] == 1.0 and f[1, col("speaker_opened")] == 0.0


def test_minutes_model_window_max_and_meeting_rank():
    s = np.array([0.0, 5.0, 1.0, 2.0, 0.0, 0.0, -1.0])
    assert window_max(s, 2).tolist() == [5, 5, 5, 5, 2, 2, 0]
    r = meeting_rank(np.array([0.3, 0.1, 0.9]))
    assert r.tolist() == [0.5, 0.0, 1.0]


def test_minutes_model_stage_features_read_extractive_logits_and_lexicon():
    texts = ["The remote gets a kinetic battery.", "Okay.", "Lunch was good."]
    f = stage_features(texts, ["A", "B", "A"], np.array([2.0, -1.0, -3.0]), {"kinetic": 0.4, "battery": 0.2})
    assert f.shape == (3, len(STAGE_FEATURES))
    assert f[:, _col("extractive")].tolist() == [2.0, -1.0, -3.0]
    assert f[2, _col("extractive_max2")] == 2.0 and f[0, _col("extractive_rank")] == 1.0
    assert f[0, _col("lexicon_max")] == np.float32(0.4) and f[0, _col("lexicon_sum")] == np.float32(0.6)
    assert f[1, _col("lexicon_max")] == 0.0 and f[2, _col("lexicon_max2")] == np.float32(0.4)


def test_minutes_model_staged_decision_reads_the_extractive_and_lexicon_block(tmp_path):
    vocab = ["send", "the report", "agreed", "we"]
    n_base = 2 * len(vocab) + 9
    n_stage = len(STAGE_FEATURES)
    stage_coef = np.zeros(n_stage, dtype=np.float32)
    stage_coef[_col("extractive")] = 3.0
    stage_coef[_col("lexicon_max")] = 3.0
    arrays = {
        "vocab": np.array(vocab),
        "idf": np.ones(len(vocab), dtype=np.float32),
        "dense_mean": np.zeros(9, dtype=np.float32),
        "dense_scale": np.ones(9, dtype=np.float32),
        "coef_action": np.zeros(n_base, dtype=np.float32),
        "intercept_action": np.array(-2.0, dtype=np.float32),
        # the lexical blocks say nothing about decisions: only the stage block does
        "coef_decision": np.concatenate([np.zeros(n_base, dtype=np.float32), stage_coef]),
        "intercept_decision": np.array(-2.0, dtype=np.float32),
        # the extractive model fires on "agreed"
        "coef_extractive": np.array([0, 0, 5.0, 0] + [0] * 4 + [0] * 9, dtype=np.float32),
        "intercept_extractive": np.array(-2.0, dtype=np.float32),
        "stage_mean": np.zeros(n_stage, dtype=np.float32),
        "stage_scale": np.ones(n_stage, dtype=np.float32),
        "lexicon_words": np.array(["battery"]),
        "lexicon_rates": np.array([1.0], dtype=np.float32),
        "meta": np.array(json.dumps({"embeddings": False, "thresholds": {"action": 0.5, "decision": 0.5}})),
    }
    path = tmp_path / "det2.npz"
    np.savez(path, **arrays)
    det = Detector.load(path)
    assert det.staged and det.lexicon == {"battery": 1.0}
    texts = ["So that is agreed.", "Fine.", "It has a battery.", "Lunch?"]
    s = det.scores(texts, ["A", "B", "A", "B"])
    assert s["decision"][0] > 0.5 > s["decision"][1]  # extractive logit 3 vs -2
    assert s["decision"][2] > s["decision"][3]  # the lexicon word
    assert np.allclose(s["action"], 1 / (1 + np.exp(2.0)))  # the action model ignores the stage block
    # the v1 layout (no extractive model) still loads and scores decisions from the lexical blocks
    assert not _tiny_detector(tmp_path).staged
