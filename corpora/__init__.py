"""Loaders for the real corpora that sit *beside* the project (``../shared/corpora``).

Nothing from there is ever copied into this repository. Set ``COALTEXT_CORPORA`` to point
elsewhere. Every loader raises :class:`CorporaMissing` (tests turn it into a skip with the
reason) when the data is absent.

The project's own samples live in ``corpora/samples/`` next to this file.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "samples"


class CorporaMissing(RuntimeError):
    pass


def root() -> Path:
    """The shared corpora folder (``$COALTEXT_CORPORA`` or ``../shared/corpora`` of the repo)."""
    env = os.environ.get("COALTEXT_CORPORA")
    path = Path(env) if env else HERE.parent.parent / "shared" / "corpora"
    if not path.is_dir():
        raise CorporaMissing(f"shared corpora not found at {path} (set COALTEXT_CORPORA)")
    return path


def path(*parts: str) -> Path:
    p = root().joinpath(*parts)
    if not p.exists():
        raise CorporaMissing(f"{p} is missing from the shared corpora")
    return p


# ---------------------------------------------------------------- CUAD


@lru_cache(maxsize=1)
def cuad_contracts() -> list[dict]:
    """Rows of ``cuad/contracts.csv`` with absolute ``txt`` and ``pdf`` (or None) paths added."""
    base = path("cuad")
    with open(base / "contracts.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["txt"] = base / r["txt_path"]
        r["pdf"] = base / r["pdf_path"] if r.get("pdf_path") else None
        r["coalition_like"] = r.get("coalition_like") == "1"
    return rows


@lru_cache(maxsize=1)
def cuad_annotations() -> dict[str, dict]:
    """contract_id → ``{answers, spans: [{category, group, piece, text, start, end}]}``."""
    out = {}
    with open(path("cuad", "annotations.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out[rec["contract_id"]] = rec
    return out


CLAUSE_LABELS = HERE / "clause_labels"


def clause_labels() -> dict[str, list[dict]]:
    """The project's clause-level labels of CUAD dev contracts (``corpora/clause_labels/*.jsonl``)
    for types our definitions make broader than CUAD's categories: ``{contract_id: [{"start",
    "end", "type", "label", "labeller", "note"}, …]}``, where ``start``/``end`` is the clause's own
    text in the CUAD TXT and ``label`` is 1 or 0 by our definition. Never a contract of either hand
    label split; no contract text is stored."""
    out: dict[str, list[dict]] = {}
    for f in sorted(CLAUSE_LABELS.glob("*.jsonl")):
        for rec in _jsonl(f):
            out.setdefault(rec["contract_id"], []).append(rec)
    return out


def cuad_text(contract_id: str) -> str:
    """A CUAD contract's text exactly as the annotation offsets index it."""
    with open(path("cuad", "txt", contract_id + ".txt"), encoding="utf-8", newline="") as fh:
        return fh.read()


# ---------------------------------------------------------------- provisions


def _jsonl(p: Path) -> Iterator[dict]:
    with open(p, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def ledgar() -> list[dict]:
    return list(_jsonl(path("ledgar", "dev.jsonl")))


def unfair_tos() -> list[dict]:
    return list(_jsonl(path("unfair_tos", "dev.jsonl")))


# ---------------------------------------------------------------- meetings


def meetings(corpus: str = "ami") -> Iterator[dict]:
    """AMI (``ami``) or ICSI (``icsi``) meetings with dialogue acts and linked summaries."""
    yield from _jsonl(path("meetings", f"{corpus}_nxt_dev.jsonl"))


def elitr_zip() -> Path:
    """The zipped ELITR meetings (unzip at run time, never into the repository)."""
    return path("meetings", "elitr.zip")


def elitr_meetings() -> dict[str, dict[str, str]]:
    """Every ELITR meeting folder's text files, read from the zip: ``{meeting: {file: text}}``
    (``meeting_en_dev_002.txt`` is the transcript; ``minutes_*.txt`` the minutes people wrote)."""
    with zipfile.ZipFile(elitr_zip()) as zf:
        folders: dict[str, dict[str, str]] = {}
        for name in zf.namelist():
            parts = name.split("/")
            if len(parts) == 3 and parts[2].endswith(".txt") and parts[1].startswith("meeting_"):
                folders.setdefault(parts[1], {})[parts[2]] = zf.read(name).decode("utf-8", errors="replace")
    return dict(sorted(folders.items()))


MEETING_LABELS = HERE / "meeting_labels"
# Decided before any system output was scored: dev meetings may be read for errors, test is only scored.
ELITR_SPLIT = {
    "dev": ("meeting_en_dev_002", "meeting_en_dev_003", "meeting_en_dev_005", "meeting_en_dev_007", "meeting_en_dev_009"),
    "test": ("meeting_en_dev_001", "meeting_en_dev_004", "meeting_en_dev_006", "meeting_en_dev_008", "meeting_en_dev_010"),
}


def _split_records(folder: Path, split: str) -> Iterator[dict]:
    """Every label record of ``folder/part_*.jsonl`` whose meeting is in the ELITR ``split``."""
    keep = set(ELITR_SPLIT[split])
    for f in sorted(folder.glob("part_*.jsonl")):
        yield from (rec for rec in _jsonl(f) if rec["meeting"] in keep)


def meeting_labels(split: str = "dev", second: bool = False) -> dict[str, dict]:
    """The project's line-level labels of decisions and action items in ELITR transcripts
    (``corpora/meeting_labels/part_*.jsonl``): ``{meeting: {"lines", "items": [{"line", "kind",
    "speaker", "owner", "minutes", "note"}], "labeller", "comment"}}``. ``line`` is a 1-based index
    into ``transcript.split("\\n")``; no transcript text is stored. ``second=True``: the second,
    independent labelling of some of the meetings (``meeting_labels/second/``), which measures agreement."""
    return {rec["meeting"]: rec for rec in _split_records(MEETING_LABELS / "second" if second else MEETING_LABELS, split)}


def stance_labels(split: str = "dev", second: bool = False) -> dict[str, dict]:
    """The project's line-level labels of disagreements and stated goals in the same ELITR
    transcripts (``corpora/meeting_labels/stances/part_*.jsonl``, brief ``STANCES_BRIEF.md``):
    ``{meeting: {"lines", "items": [{"line", "kind", "speaker", "with" | "party", "unsure",
    "note"}], "labeller", "comment"}}``; lines as in :func:`meeting_labels`. ``second=True``: a
    second, blind labelling of some meetings (``stances/second/``), which measures agreement."""
    folder = MEETING_LABELS / "stances"
    return {rec["meeting"]: rec for rec in _split_records(folder / "second" if second else folder, split)}


def ami_stance_labels(second: bool = False) -> dict[str, dict]:
    """The project's labels of disagreements and stated goals in 31 AMI meetings, by dialogue act
    (``corpora/meeting_labels/stances_ami/part_*.jsonl``, last section of ``STANCES_BRIEF.md``):
    ``{meeting: {"acts", "items": [{"da", "kind", "speaker", "with" | "party", "unsure", "note"}],
    "labeller", "comment"}}``. Which are held out is AMI's fixed split (``is_heldout`` in
    bench/train_minutes.py: by meeting series). ``second=True``: the second, blind labelling of
    some of them (``stances_ami/second/``)."""
    return _meeting_records(MEETING_LABELS / "stances_ami", second)


def _meeting_records(folder: Path, second: bool) -> dict[str, dict]:
    """Every label record of ``folder/part_*.jsonl`` (or of ``folder/second/``), by meeting."""
    return {rec["meeting"]: rec for f in sorted((folder / "second" if second else folder).glob("part_*.jsonl"))
            for rec in _jsonl(f)}


def ami_decision_labels(split: str = "test", second: bool = False) -> dict[str, dict]:
    """The project's own reading of decisions and action items in AMI meetings, by dialogue act
    (brief ``AMI_DECISIONS_BRIEF.md``): ``{meeting: {"acts", "items": [{"da", "kind", "speaker",
    "owner", "unsure", "note"}], "labeller", "comment"}}``. Every act that states a decision or a
    task is marked, where AMI links one or two acts per summary sentence; the labellers never saw
    AMI's summaries. ``test``: 8 meetings of held-out series (``corpora/meeting_labels/
    decisions_ami``), only ever scored; ``second=True``: the second, blind reading of four of them.
    ``train``: 24 meetings of six training series (``decisions_ami_train``), which
    ``bench/train_minutes.py --decision-gold`` learns from; ``train_more``: 24 more of six other
    training series (``decisions_ami_train_more``), tried and not used by default."""
    folder = {"test": "decisions_ami", "train": "decisions_ami_train", "train_more": "decisions_ami_train_more"}[split]
    return _meeting_records(MEETING_LABELS / folder, second)


def minutes_labels(split: str = "dev") -> dict[tuple[str, str], dict]:
    """The project's line-level labels of decisions and action items in the *written* ELITR minutes
    (``corpora/meeting_labels/minutes/part_*.jsonl``, brief ``MINUTES_BRIEF.md``): ``{(meeting,
    minutes file): {"lines", "items": [{"line", "kind", "owner", "note"}], "labeller", "comment"}}``.
    ``line`` is a 1-based index into ``minutes_text.split("\n")``; no minutes text is stored. The
    split is the transcripts' (``ELITR_SPLIT``)."""
    return {(rec["meeting"], rec["file"]): rec for rec in _split_records(MEETING_LABELS / "minutes", split)}


# ---------------------------------------------------------------- negotiation


def casino() -> list[dict]:
    with open(path("negotiation", "casino_dev.json"), encoding="utf-8") as fh:
        return json.load(fh)


def casino_goals(dialogues: list[dict]) -> list[tuple[int, str, str, str]]:
    """``(dialogue_id, side, item, reason)`` for each priority each side states a reason for:
    the goals CaSiNo gives us, six per dialogue (three per side), in dialogue order."""
    out = []
    for d in dialogues:
        for side in ("mturk_agent_1", "mturk_agent_2"):
            info = d["participant_info"][side]
            for level, item in info["value2issue"].items():
                out.append((d["dialogue_id"], side, item, info["value2reason"][level]))
    return out


_CASINO_DEAL = ("Submit-Deal", "Accept-Deal", "Reject-Deal", "Walk-Away")


def casino_split(dialogue_id: str | int) -> str:
    """Fixed before any output was scored: half the CaSiNo dialogues are dev (may be read and
    trained on), half test (only ever scored)."""
    return "dev" if int(hashlib.md5(str(dialogue_id).encode()).hexdigest(), 16) % 2 == 0 else "test"


def casino_annotated(split: str) -> list[dict]:
    """CaSiNo dialogues with strategy annotations, in the ``split``: ``{"id", "speakers", "texts",
    "labels": [set of strategies]}``, one entry per message ("A"/"B" for the two sides; deal
    moves left out). "self-need" / "other-need" mark a side stating its own need or that of
    people it speaks for. Two dialogues whose annotations skip a message are left out."""
    out = []
    for d in casino():
        logs = [log for log in d["chat_logs"] if log["text"] not in _CASINO_DEAL]
        ann = d["annotations"]
        if not ann or casino_split(d["dialogue_id"]) != split:
            continue
        if len(logs) != len(ann) or any(log["text"] != a[0] for log, a in zip(logs, ann)):
            continue
        out.append({"id": str(d["dialogue_id"]),
                    "speakers": ["A" if log["id"] == "mturk_agent_1" else "B" for log in logs],
                    "texts": [" ".join(log["text"].split()) for log in logs],
                    "labels": [{x.strip() for x in a[1].split(",")} for a in ann]})
    return out


# dev: read for errors and trained on; test: labelled after the classifier work of 2026-11-25;
# test2: labelled on 2026-12-07 — both only scored until the sixth session of 2026-12-07, then
# trained on and read for errors; test3: labelled on 2026-12-07 (later), only scored; test4:
# labelled in the sixth session of 2026-12-07, only scored; test5: labelled at the start of the
# seventh session (2026-12-07), before that session's tuning, only scored; test6: labelled at the
# start of the eighth session (2026-12-07), before its tuning, only scored; test7: labelled at the
# start of the ninth session (2026-12-08), before its tuning, only scored
HAND_LABELS = {"dev": HERE / "hand_labels", "test": HERE / "hand_labels_test", "test2": HERE / "hand_labels_test2",
               "test3": HERE / "hand_labels_test3", "test4": HERE / "hand_labels_test4",
               "test5": HERE / "hand_labels_test5", "test6": HERE / "hand_labels_test6",
               "test7": HERE / "hand_labels_test7"}


def hand_labels(split: str = "dev", second: bool = False) -> dict[str, dict]:
    """The project's own document-level labels of whole CUAD contracts for all 27 clause types
    (``corpora/hand_labels*/part_*.jsonl``): ``{contract_id: {"types": {type: {"present",
    "evidence": [[start, end], …], "note"}}, "labeller", "comment"}}``. Offsets index the CUAD TXT
    (:func:`cuad_text`); no contract text is stored. ``dev`` was used to read errors while
    improving the classifier; ``test`` and ``test2`` were labelled afterwards and only scored until
    they teach too (``coaltext.classify.data.TRAIN_HAND_SPLITS``); ``test3`` … ``test7``
    are only ever scored. ``second=True``:
    a second, independent labelling of some of the contracts (``<split folder>/second/``), which
    measures agreement."""
    out: dict[str, dict] = {}
    folder = HAND_LABELS[split] / "second" if second else HAND_LABELS[split]
    for f in sorted(folder.glob("part_*.jsonl")):
        for rec in _jsonl(f):
            out[rec["contract_id"]] = rec
    return out


TERM_LABELS = HERE / "term_labels"


def arbitration_labels() -> dict[str, dict]:
    """The project's labels of the arbitration terms of every CUAD dev contract whose text holds
    "arbitra" (``corpora/term_labels/arbitration_part_*.jsonl``, brief ``BRIEF.md``):
    ``{contract_id: {"arbitration", "scope", "seat", "seat_span", "seat_kind", "rules",
    "rules_span", "institution", "arbitrators", "language", "evidence", "note", "labeller"}}``.
    Offsets index the CUAD TXT (:func:`cuad_text`); only the place and rules strings are taken
    from a contract. A CUAD contract not listed has no arbitration."""
    out: dict[str, dict] = {}
    for f in sorted(TERM_LABELS.glob("arbitration_part_*.jsonl")):
        for rec in _jsonl(f):
            out[rec["contract_id"]] = rec
    return out
