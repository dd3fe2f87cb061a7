"""The project's line labels of ELITR transcripts (corpora/meeting_labels, scored by
bench/minutes.py and training the real-meeting heads) are well formed: each names a real meeting,
agrees with its transcript's line count, points at lines with words, and stores no meeting text."""

from __future__ import annotations

import re

import corpora
from coaltext.structure.minutes import has_words

_SPEAKER_PREFIX = re.compile(r"^\s*\([A-Z]+\d*\)")


def test_meeting_label_splits_are_disjoint_cover_ten_meetings_and_store_no_text():
    dev, test = corpora.meeting_labels("dev"), corpora.meeting_labels("test")
    assert len(dev) == 5 and len(test) == 5 and not set(dev) & set(test)
    second = {**corpora.meeting_labels("dev", second=True), **corpora.meeting_labels("test", second=True)}
    assert second and set(second) <= set(dev) | set(test)  # the second labelling reads meetings again
    for m, rec in second.items():
        assert rec["lines"] == {**dev, **test}[m]["lines"] and rec["labeller"] != {**dev, **test}[m]["labeller"]
    for rec in list(dev.values()) + list(test.values()) + list(second.values()):
        assert set(rec) <= {"meeting", "labeller", "lines", "items", "comment"}
        for it in rec["items"]:
            assert set(it) <= {"line", "kind", "speaker", "owner", "minutes", "note"}
            assert it["kind"] in ("decision", "action")
            assert 1 <= it["line"] <= rec["lines"]


def test_meeting_labels_match_the_elitr_transcripts(shared_corpora):
    folders = corpora.elitr_meetings()
    for split, second in (("dev", False), ("test", False), ("dev", True), ("test", True)):
        for meeting, rec in corpora.meeting_labels(split, second=second).items():
            lines = folders[meeting][f"{meeting}.txt"].split("\n")
            assert len(lines) == rec["lines"], meeting
            for it in rec["items"]:
                assert has_words(_SPEAKER_PREFIX.sub("", lines[it["line"] - 1])), (meeting, it["line"])
            for ref in (r for it in rec["items"] for r in it["minutes"]):
                name, _, k = ref.rpartition(":")
                assert name in folders[meeting] and 1 <= int(k) <= len(folders[meeting][name].split("\n")), (meeting, ref)


def test_minutes_labels_cover_every_minutes_file_of_the_ten_meetings_and_store_no_text(shared_corpora):
    folders = corpora.elitr_meetings()
    for split in ("dev", "test"):
        labels = corpora.minutes_labels(split)
        files = {(m, n) for m in corpora.ELITR_SPLIT[split] for n in folders[m] if n.startswith("minutes")}
        assert set(labels) == files, split  # every minutes file read, none outside the split
        for (meeting, name), rec in labels.items():
            assert set(rec) <= {"meeting", "file", "labeller", "lines", "items", "comment"}
            lines = folders[meeting][name].split("\n")
            assert rec["lines"] == len(lines), (meeting, name)
            for it in rec["items"]:
                assert set(it) <= {"line", "kind", "owner", "note"} and it["kind"] in ("decision", "action")
                assert 1 <= it["line"] <= rec["lines"] and has_words(lines[it["line"] - 1]), (meeting, name, it["line"])


def test_stance_labels_cover_the_ten_transcripts_and_store_no_text(shared_corpora):
    folders = corpora.elitr_meetings()
    dev, test = corpora.stance_labels("dev"), corpora.stance_labels("test")
    assert set(dev) == set(corpora.ELITR_SPLIT["dev"]) and set(test) == set(corpora.ELITR_SPLIT["test"])
    for meeting, rec in {**dev, **test}.items():
        assert set(rec) <= {"meeting", "labeller", "lines", "items", "comment"}
        lines = folders[meeting][f"{meeting}.txt"].split("\n")
        assert rec["lines"] == len(lines), meeting
        for it in rec["items"]:
            assert set(it) <= {"line", "kind", "speaker", "with", "party", "unsure", "note"}
            assert it["kind"] in ("disagreement", "goal") and isinstance(it["unsure"], bool)
            assert has_words(_SPEAKER_PREFIX.sub("", lines[it["line"] - 1])), (meeting, it["line"])


def test_ami_stance_labels_point_at_dialogue_acts_of_their_meeting(shared_corpora):
    labels = corpora.ami_stance_labels()
    assert len(labels) == 31
    acts = {m["meeting_id"]: {d["id"]: d for d in m["dialogue_acts"] if has_words(d.get("text") or "")}
            for m in corpora.meetings("ami") if m["meeting_id"] in labels}
    for meeting, rec in labels.items():
        assert set(rec) <= {"meeting", "labeller", "acts", "items", "comment"}
        assert rec["acts"] == len(acts[meeting]), meeting
        for it in rec["items"]:
            assert set(it) <= {"da", "kind", "speaker", "with", "party", "unsure", "note"}
            assert it["kind"] in ("disagreement", "goal") and isinstance(it["unsure"], bool)
            assert acts[meeting][it["da"]]["speaker"] == it["speaker"], (meeting, it["da"])


def test_ami_decision_labels_point_at_dialogue_acts_of_held_out_meetings(shared_corpora):
    # the project's reading of AMI decisions and actions is only ever scored: its meetings must
    # come from held-out series, or bench/minutes.py would score meetings the detector learnt from
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from train_minutes import is_heldout

    labels, second = corpora.ami_decision_labels(), corpora.ami_decision_labels(second=True)
    assert len(labels) == 8 and all(is_heldout(m) for m in labels)
    assert second and set(second) <= set(labels)  # the second, blind reading reads some meetings again
    assert not {r["labeller"] for r in second.values()} & {r["labeller"] for r in labels.values()}
    acts = {m["meeting_id"]: {d["id"]: d for d in m["dialogue_acts"] if has_words(d.get("text") or "")}
            for m in corpora.meetings("ami") if m["meeting_id"] in labels}
    for meeting, rec in [*labels.items(), *second.items()]:
        assert set(rec) <= {"meeting", "labeller", "acts", "items", "comment"}
        assert rec["acts"] == len(acts[meeting]), meeting
        for it in rec["items"]:
            assert set(it) <= {"da", "kind", "speaker", "owner", "unsure", "note"}
            assert it["kind"] in ("decision", "action") and isinstance(it["unsure"], bool)
            assert acts[meeting][it["da"]]["speaker"] == it["speaker"], (meeting, it["da"])


def test_ami_training_readings_come_from_training_series_only(shared_corpora):
    # bench/train_minutes.py --decision-gold learns from these: a held-out meeting among them would
    # leak into the measure
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from train_minutes import is_heldout

    train, more = corpora.ami_decision_labels("train"), corpora.ami_decision_labels("train_more")
    assert len(train) == len(more) == 24 and not set(train) & set(more)
    labels = {**train, **more}
    assert not any(is_heldout(m) for m in labels)
    assert not set(labels) & set(corpora.ami_decision_labels())
    acts = {m["meeting_id"]: {d["id"]: d for d in m["dialogue_acts"] if has_words(d.get("text") or "")}
            for m in corpora.meetings("ami") if m["meeting_id"] in labels}
    for meeting, rec in labels.items():
        assert rec["acts"] == len(acts[meeting]), meeting
        for it in rec["items"]:
            assert it["kind"] in ("decision", "action") and isinstance(it["unsure"], bool)
            assert acts[meeting][it["da"]]["speaker"] == it["speaker"], (meeting, it["da"])
