"""The project's hand-labelled contracts (corpora/hand_labels*, scored by bench/classify.py) are
well formed: every file names real CUAD contracts, labels all 27 types, and every evidence span
points at text inside the contract — so a bench number never rests on a broken label."""

from __future__ import annotations

import pytest

import corpora
from coaltext.classify.taxonomy import type_ids


LABEL_SETS = [("dev", False), ("test", False), ("test", True), ("test2", False), ("test2", True), ("test3", False), ("test3", True), ("test4", False), ("test4", True), ("test5", False), ("test6", False), ("test7", False)]  # (split, second labelling)


@pytest.mark.parametrize("split, second", LABEL_SETS)
def test_hand_labels_cover_all_27_types_with_evidence_exactly_when_present(split, second):
    labels = corpora.hand_labels(split, second=second)
    if not labels:
        pytest.skip(f"no hand-labelled {split} contracts in corpora/")
    for cid, rec in labels.items():
        assert set(rec["types"]) == set(type_ids()), cid
        for t, lab in rec["types"].items():
            assert isinstance(lab["present"], bool), (cid, t)
            assert bool(lab["evidence"]) == lab["present"], (cid, t)
            assert all(0 <= a < b for a, b in lab["evidence"]), (cid, t)


def test_hand_label_splits_are_disjoint_and_store_no_contract_text():
    dev, test, test2 = corpora.hand_labels("dev"), corpora.hand_labels("test"), corpora.hand_labels("test2")
    test3, second3 = corpora.hand_labels("test3"), corpora.hand_labels("test3", second=True)
    second, second2 = corpora.hand_labels("test", second=True), corpora.hand_labels("test2", second=True)
    assert not set(dev) & set(test) and not (set(dev) | set(test)) & set(test2)
    assert test3 and not (set(dev) | set(test) | set(test2)) & set(test3)
    test4 = corpora.hand_labels("test4")
    assert len(test4) == 24 and not (set(dev) | set(test) | set(test2) | set(test3)) & set(test4)
    test5 = corpora.hand_labels("test5")
    assert len(test5) == 24 and not (set(dev) | set(test) | set(test2) | set(test3) | set(test4)) & set(test5)
    test6 = corpora.hand_labels("test6")
    assert len(test6) == 24 and not (set(dev) | set(test) | set(test2) | set(test3) | set(test4) | set(test5)) & set(test6)
    test7 = corpora.hand_labels("test7")
    assert len(test7) == 24 and not (set(dev) | set(test) | set(test2) | set(test3) | set(test4) | set(test5) | set(test6)) & set(test7)
    second4 = corpora.hand_labels("test4", second=True)
    assert set(second4) <= set(test4)
    assert not {r["labeller"] for r in second4.values()} & {r["labeller"] for r in test4.values()}
    assert second and set(second) <= set(test)  # the second labelling reads test contracts again
    assert set(second2) <= set(test2) and set(second3) <= set(test3)
    assert not {r["labeller"] for r in second.values()} & {r["labeller"] for r in test.values()}
    assert not {r["labeller"] for r in second2.values()} & {r["labeller"] for r in test2.values()}
    assert not {r["labeller"] for r in second3.values()} & {r["labeller"] for r in test3.values()}
    for rec in [*dev.values(), *test.values(), *test2.values(), *test3.values(), *test4.values(), *test5.values(), *test6.values(), *test7.values(), *second.values(),
                *second2.values(), *second3.values()]:
        assert set(rec) <= {"contract_id", "labeller", "types", "comment"}
        for lab in rec["types"].values():
            assert set(lab) <= {"present", "evidence", "note"}


@pytest.mark.parametrize("split, second", LABEL_SETS)
def test_hand_label_evidence_lies_inside_the_cuad_text(shared_corpora, split, second):
    labels = corpora.hand_labels(split, second=second)
    if not labels:
        pytest.skip(f"no hand-labelled {split} contracts in corpora/")
    known = {r["contract_id"] for r in corpora.cuad_contracts()}
    for cid, rec in labels.items():
        assert cid in known, cid
        text = corpora.cuad_text(cid)
        for t, lab in rec["types"].items():
            for a, b in lab["evidence"]:
                assert b <= len(text) and text[a:b].strip(), (cid, t, a, b)
