"""Minutes quality and speed: decisions / action items on held-out AMI (and ICSI) and on real ELITR
project meetings, disagreements and stated goals, attendees on ELITR.

    .venv/bin/python bench/minutes.py [--limit N] [--elitr-only | --written-only | --stances-only]
                                      [--elitr-splits dev test]

1. Utterance-level precision / recall / F1 per kind on the held-out meetings (``is_heldout`` in
   bench/train_minutes.py: never trained or tuned on). Each meeting is rendered as a transcript,
   one ``Speaker: text`` line per dialogue act, and goes through ``extract_minutes`` — the whole
   system is measured, not the classifier alone. An item counts for the dialogue act its span
   covers. Beside it, a keyword-rule baseline (``baseline`` in conf/minutes.yaml). ICSI has
   decision links only (and the decision model learns from AMI alone). The primary unit is the
   dialogue act; a secondary row counts speaker turns (consecutive acts of one speaker; a turn is
   positive if any of its acts is), the unit a ``Speaker: text`` transcript usually has.
2. Decisions and action items on real project meetings: ELITR transcripts against the project's
   line-level labels (``corpora/meeting_labels``). The real-meeting heads of the detector learn
   from the *dev* meetings, so only the *test* row measures them.
3. Decisions and action items in the minutes people wrote for those meetings (ELITR
   ``minutes_*.txt``, terse notes mostly without "Decisions"/"Actions" headings) against the
   project's line labels of them (``corpora/meeting_labels/minutes``), and whether the owner of
   each action item found on a labelled line is the labelled one.
4. Disagreements and stated goals (the stance detector, models/stance_detector.npz, and the
   cues): ELITR transcripts against the project's stance labels (``corpora/meeting_labels/stances``,
   line level); five AMI meetings of held-out series labelled by dialogue act
   (``corpora/meeting_labels/stances_ami``); CaSiNo negotiation messages whose strategy
   annotation says a side states a need (goals only); and, as an outside check with no labels of
   ours, whether flagged disagreements fall inside the spans QMSum's annotators give for questions
   about a disagreement or debate (AMI held-out series and parliamentary committees). Also: whose
   goal (party) and whom a disagreement answers (``replies_to``) against the labels.
5. Attendee recall on ELITR (read from elitr.zip with zipfile, never unzipped): the gold list is
   the "Attendees:"/"Present:"/"Participants:" line of every minutes file of a meeting; found =
   the attendees ``extract_minutes`` returns for the meeting's transcript, and for each minutes
   file on its own.
6. Speed: seconds per meeting (warm models), and dialogue acts per second.
7. The 8 held-out AMI meetings the project read by its own brief (``corpora/meeting_labels/
   decisions_ami``: every act that states a decision or a task): coaltext and AMI's own links both
   scored against that reading, and coaltext against AMI's links on the same meetings.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

import corpora  # noqa: E402
from coaltext.structure.minutes import extract_minutes, find_utterances, has_words, load_config  # noqa: E402
from coaltext.report.minutes import REVIEW_BELOW, to_review  # noqa: E402
from coaltext.types import Document  # noqa: E402
from train_minutes import is_heldout, line_spans, load_meetings  # noqa: E402
from train_stances import load_ami  # noqa: E402

KINDS = ("decision", "action")
STANCES = ("disagreement", "goal")


def render(meeting: dict) -> tuple[Document, list[tuple[int, int]]]:
    """A meeting as a ``Speaker: text`` transcript and the char span of every dialogue act."""
    parts, spans, pos = [], [], 0
    for spk, text in zip(meeting["speakers"], meeting["texts"]):
        spk = spk[:1].upper() + spk[1:]
        head = f"{spk}: "
        line = head + text
        spans.append((pos + len(head), pos + len(line)))
        parts.append(line)
        pos += len(line) + 1
    text = "\n".join(parts)
    return Document(name=meeting["id"] + ".txt", sha256="0" * 64, media_type="text/plain", text=text), spans


def units_of(report, spans: list[tuple[int, int]], kinds) -> list[tuple[object, int]]:
    """(item, index of the unit its span starts in) for the items of ``kinds``; an item that starts
    outside every unit is left out."""
    starts = np.array([a for a, _ in spans])
    out = []
    for it in report.items:
        if it.kind in kinds:
            j = int(np.searchsorted(starts, it.start, side="right") - 1)
            if j >= 0 and spans[j][0] <= it.start < spans[j][1]:
                out.append((it, j))
    return out


def predicted(report, spans: list[tuple[int, int]], kinds: tuple[str, ...] = KINDS) -> dict[str, np.ndarray]:
    out = {k: np.zeros(len(spans), dtype=bool) for k in kinds}
    for it, j in units_of(report, spans, kinds):
        out[it.kind][j] = True
    return out


def baseline(texts: list[str], kinds: tuple[str, ...] = KINDS) -> dict[str, np.ndarray]:
    """The keyword rule (``baseline`` in conf/minutes.yaml) on each text."""
    cfg = load_config()
    return {k: np.array([any(rx.search(t) for rx in cfg.baseline[k]) for t in texts], dtype=bool) for k in kinds}


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tally(counts: list[int], gold: np.ndarray, pred: np.ndarray) -> None:
    """Add true positives, predictions and gold positives to ``counts``."""
    counts[0] += int((gold & pred).sum())
    counts[1] += int(pred.sum())
    counts[2] += int(gold.sum())


def turns(speakers: list[str]) -> np.ndarray:
    """Turn index of every dialogue act (a turn: consecutive acts of one speaker)."""
    t = np.zeros(len(speakers), dtype=int)
    for i in range(1, len(speakers)):
        t[i] = t[i - 1] + (speakers[i] != speakers[i - 1])
    return t


def by_turn(flags: np.ndarray, turn: np.ndarray) -> np.ndarray:
    out = np.zeros(int(turn.max()) + 1 if len(turn) else 0, dtype=bool)
    np.logical_or.at(out, turn, flags)
    return out


# the report's two tiers (coaltext.report.minutes.to_review): right / listed, per data set and kind
TIERS: dict[tuple[str, str], dict[str, list[int]]] = {}


def tally_tiers(data: str, report, spans: list[tuple[int, int]], gold: dict[str, np.ndarray]) -> None:
    """Count each decision / action item of ``report`` as right or not, in its tier; an item
    counts for the unit (dialogue act, line) its span starts in."""
    for it, j in units_of(report, spans, gold):
        tier = TIERS.setdefault((data, it.kind), {"likely": [0, 0], "to review": [0, 0]})
        cell = tier["to review" if to_review(it) else "likely"]
        cell[0] += bool(gold[it.kind][j])
        cell[1] += 1


def tier_rows() -> list[str]:
    rows = ["| data | kind | likely: right / listed | P | to review: right / listed | P |", "|---|---|---:|---:|---:|---:|"]
    for (data, kind), t in TIERS.items():
        (a, n), (b, m) = t["likely"], t["to review"]
        rows.append(f"| {data} | {kind} | {a} / {n} | {a / max(n, 1):.3f} | {b} / {m} | {b / max(m, 1):.3f} |")
    return rows


def bench_detection(corpus: str, limit: int | None) -> tuple[list[str], float, int, int]:
    meetings = [m for m in load_meetings(corpus) if is_heldout(m["id"])][:limit]
    counts = {(sys_, k): [0, 0, 0] for sys_ in ("coaltext", "keywords", "coaltext@turn", "keywords@turn") for k in KINDS}
    secs, n_da = 0.0, 0
    for m in meetings:
        doc, spans = render(m)
        t0 = time.perf_counter()
        rep = extract_minutes(doc)
        secs += time.perf_counter() - t0
        n_da += len(spans)
        turn = turns(m["speakers"])
        tally_tiers(f"{corpus.upper()} held-out", rep, spans, {k: m["labels"][k] for k in KINDS if m["has"][k]})
        for sys_, pred in (("coaltext", predicted(rep, spans)), ("keywords", baseline(m["texts"]))):
            for k in KINDS:
                if not m["has"][k]:
                    continue
                for name, y, p in ((sys_, m["labels"][k], pred[k]),
                                   (sys_ + "@turn", by_turn(m["labels"][k], turn), by_turn(pred[k], turn))):
                    tally(counts[(name, k)], y, p)
    rows = []
    for k in KINDS:
        if counts[("coaltext", k)][2] == 0:
            continue
        for sys_ in ("coaltext", "keywords", "coaltext@turn", "keywords@turn"):
            tp, npred, ngold = counts[(sys_, k)]
            p, r, f = prf(tp, npred, ngold)
            unit = "speaker turn" if sys_.endswith("@turn") else "dialogue act"
            rows.append(f"| {corpus.upper()} held-out ({len(meetings)} mtgs) | {k} | {unit} | {sys_.split('@')[0]} | {p:.3f} | {r:.3f} | {f:.3f} | {tp} | {npred} | {ngold} |")
    return rows, secs, n_da, len(meetings)


_GOLD_LINE = re.compile(r"^\s*(?:attendees|present(?: at the meeting)?|participants(?: of the meeting)?|meeting participants)\s*:(.*)$", re.I | re.M)
_PERSON = re.compile(r"\[?(PERSON\d+)\]?")


def gold_attendees(minutes_text: str) -> set[str]:
    m = _GOLD_LINE.search(minutes_text)
    return set(_PERSON.findall(m.group(1))) if m else set()


def found_people(report) -> set[str]:
    return {p for a in report.meeting.attendees for p in _PERSON.findall(a.name)}


def bench_elitr() -> list[str]:
    folders = corpora.elitr_meetings()
    t_hit = t_gold = t_found = 0
    m_hit = m_gold = m_files = 0
    n_meet = 0
    for folder, files in sorted(folders.items()):
        gold: set[str] = set()
        minutes_files = {n: t for n, t in files.items() if n.startswith("minutes")}
        for n, t in minutes_files.items():
            g = gold_attendees(t)
            gold |= g
            if not g:
                continue
            rep = extract_minutes(Document(name=n, sha256="0" * 64, media_type="text/plain", text=t))
            m_hit += len(found_people(rep) & g)
            m_gold += len(g)
            m_files += 1
        transcript = files.get(f"{folder}.txt") or next((t for n, t in files.items() if n.startswith("transcript")), None)
        if not gold or transcript is None:
            continue
        n_meet += 1
        rep = extract_minutes(Document(name=f"{folder}.txt", sha256="0" * 64, media_type="text/plain", text=transcript))
        found = found_people(rep)
        t_hit += len(found & gold)
        t_gold += len(gold)
        t_found += len(found)
    return [
        f"| ELITR transcripts → attendees ({n_meet} mtgs) | {t_hit / max(t_gold, 1):.3f} | {t_hit / max(t_found, 1):.3f} | {t_hit}/{t_gold} |",
        f"| ELITR minutes files → attendees ({m_files} files) | {m_hit / max(m_gold, 1):.3f} | — | {m_hit}/{m_gold} |",
    ]


_SPEAKER_PREFIX = re.compile(r"^\s*\([A-Z]+\d*\)")


def who_check(report, spans: list[tuple[int, int]], kind: str, gold: dict[int, set[str]], found, agree) -> dict[str, int]:
    """Attribution of the items of ``kind`` found on labelled units (1-based line or dialogue-act
    positions; ``gold``: unit -> the people or parties the label names): right when
    ``agree(found(item), gold)``, wrong, or none given (``found`` empty)."""
    starts = np.array([a for a, _ in spans])
    out = {"right": 0, "wrong": 0, "none": 0}
    for it in report.items:
        unit = int(np.searchsorted(starts, it.start, side="right"))
        if it.kind == kind and gold.get(unit):
            f = found(it)
            out["none" if not f else "right" if agree(f, gold[unit]) else "wrong"] += 1
    return out


def owner_check(report, spans: list[tuple[int, int]], rec: dict) -> dict[str, int]:
    """Owners of action items: right when every person coaltext names is a labelled owner."""
    gold = {it["line"]: set(_PERSON.findall(it["owner"] or "")) for it in rec["items"] if it["kind"] == "action"}
    return who_check(report, spans, "action", gold, lambda it: set(_PERSON.findall(it.owner or "")), set.issubset)


def tally_lines(counts: dict, rec: dict, lines: list[str], pred: dict[str, np.ndarray], words: np.ndarray,
                kinds: tuple[str, ...] = KINDS) -> None:
    """Add one labelled text's lines to ``counts[(system, kind)]``: coaltext's items and the keyword rule."""
    base = baseline(lines, kinds)
    for k in kinds:
        gold = np.zeros(len(lines), dtype=bool)
        gold[[it["line"] - 1 for it in rec["items"] if it["kind"] == k]] = True
        for sys_, p in (("coaltext", pred[k]), ("keywords", base[k])):
            tally(counts[(sys_, k)], gold, p & words)


def line_rows(counts: dict, label: str, kinds: tuple[str, ...] = KINDS, unit: str = "line") -> list[str]:
    rows = []
    for k in kinds:
        for sys_ in ("coaltext", "keywords"):
            tp, npred, ngold = counts[(sys_, k)]
            p, r, f = prf(tp, npred, ngold)
            rows.append(f"| {label} | {k} | {unit} | {sys_} | {p:.3f} | {r:.3f} | {f:.3f} | {tp} | {npred} | {ngold} |")
    return rows


def party_check(report, spans: list[tuple[int, int]], rec: dict) -> dict[str, int]:
    """Whose goal: is coaltext's party (else its speaker) one the label names (``PERSONn`` /
    ``ORGANIZATIONn``)."""
    gold = {it["line"]: set(_PARTY.findall(it.get("party") or "")) for it in rec["items"] if it["kind"] == "goal"}
    return who_check(report, spans, "goal", gold, lambda it: set(_PARTY.findall(it.party or it.speaker or "")),
                     lambda f, g: bool(f & g))


def reply_check(report, spans: list[tuple[int, int]], gold: dict[int, set[str]]) -> dict[str, int]:
    """Whom a disagreement answers: is the speaker of coaltext's ``replies_to`` one the label names."""
    return who_check(report, spans, "disagreement", gold,
                     lambda it: {it.replies_to.speaker.strip("[]").upper()} if it.replies_to else set(),
                     lambda f, g: bool(f & g))


_PARTY = re.compile(r"\[?((?:PERSON|ORGANIZATION)\d+)\]?")


def bench_elitr_items(split: str, kinds: tuple[str, ...] = KINDS) -> tuple[list[str], list[str], list[str]]:
    """Items on real project meetings: ELITR transcripts against the project's line-level labels
    (decisions and action items: corpora/meeting_labels; disagreements and goals:
    corpora/meeting_labels/stances). The unit is a transcript line with words in it; a predicted
    item counts for the line its span starts in. Also returns the meetings without speaker labels
    (read as speech: written-minutes cues plus the detector, no speaker features), and a line on
    the owners of the action items found (or the parties of the goals found)."""
    labels = corpora.meeting_labels(split) if kinds == KINDS else corpora.stance_labels(split)
    folders = corpora.elitr_meetings()
    counts = {(s, k): [0, 0, 0] for s in ("coaltext", "keywords") for k in kinds}
    n_lines, speakerless = 0, []
    who = {"right": 0, "wrong": 0, "none": 0}
    whom = {"right": 0, "wrong": 0, "none": 0}
    check, subject = (owner_check, "owners of the {n} action items") if "action" in kinds else (party_check, "parties of the {n} goals")
    for meeting, rec in sorted(labels.items()):
        text = folders[meeting][f"{meeting}.txt"]
        lines = text.split("\n")
        if len(lines) != rec["lines"]:
            raise SystemExit(f"{meeting}: labels count {rec['lines']} lines, the transcript has {len(lines)}")
        words = np.array([has_words(_SPEAKER_PREFIX.sub("", ln)) for ln in lines])
        n_lines += int(words.sum())
        spans = line_spans(text)
        doc = Document(name=f"{meeting}.txt", sha256="0" * 64, media_type="text/plain", text=text)
        utts = find_utterances(doc)
        if utts and all(u.speaker is None for u in utts):
            speakerless.append(meeting)
        rep = extract_minutes(doc)
        for key, v in check(rep, spans, rec).items():
            who[key] += v
        if kinds == STANCES:
            gold_with = {it["line"]: set(_PERSON.findall(it.get("with") or "")) for it in rec["items"] if it["kind"] == "disagreement"}
            for key, v in reply_check(rep, spans, gold_with).items():
                whom[key] += v
        tally_lines(counts, rec, lines, predicted(rep, spans, kinds), words, kinds)
        if kinds == KINDS:
            numbers = np.arange(1, len(lines) + 1)
            tally_tiers(f"ELITR {split}", rep, spans,
                        {k: np.isin(numbers, [it["line"] for it in rec["items"] if it["kind"] == k]) for k in kinds})
    tag = "trained on" if split == "dev" else "never trained or tuned on"
    rows = line_rows(counts, f"ELITR {split} ({len(labels)} mtgs, {n_lines} lines; {tag})", kinds)
    n = sum(who.values())
    notes = [f"ELITR {split}: {subject.format(n=n)} found on labelled lines that name one: "
             f"{who['right']} right, {who['wrong']} wrong, {who['none']} none given"]
    if kinds == STANCES:
        notes.append(f"ELITR {split}: whom the {sum(whom.values())} disagreements found on labelled lines that name a person "
                     f"answer (replies_to): {whom['right']} right, {whom['wrong']} wrong, {whom['none']} none given")
    return rows, speakerless, notes


def bench_written_minutes(split: str) -> tuple[list[str], str]:
    """Decisions and action items in the minutes people wrote (ELITR ``minutes_*.txt``) against the
    project's line labels of those files (corpora/meeting_labels/minutes). The unit is a line with
    words; a predicted item counts for the line its span starts in. No model learns from these
    labels; the notes cues were written reading the *dev* files, so only the test row is held out."""
    labels = corpora.minutes_labels(split)
    folders = corpora.elitr_meetings()
    counts = {(s, k): [0, 0, 0] for s in ("coaltext", "keywords") for k in KINDS}
    n_lines = 0
    owners = {"right": 0, "wrong": 0, "none": 0}
    for (meeting, name), rec in sorted(labels.items()):
        text = folders[meeting][name]
        lines = text.split("\n")
        if len(lines) != rec["lines"]:
            raise SystemExit(f"{meeting}/{name}: labels count {rec['lines']} lines, the file has {len(lines)}")
        words = np.array([has_words(ln) for ln in lines])
        n_lines += int(words.sum())
        spans = line_spans(text)
        rep = extract_minutes(Document(name=name, sha256="0" * 64, media_type="text/plain", text=text))
        for key, v in owner_check(rep, spans, rec).items():
            owners[key] += v
        tally_lines(counts, rec, lines, predicted(rep, spans), words)
    tag = "cues written on these" if split == "dev" else "never read for errors"
    rows = line_rows(counts, f"ELITR {split} written minutes ({len(labels)} files, {n_lines} lines; {tag})")
    note = (f"ELITR {split} written minutes: owners of the {sum(owners.values())} action items found on labelled lines "
            f"that name one: {owners['right']} right, {owners['wrong']} wrong, {owners['none']} none given")
    return rows, note


def bench_ami_read() -> list[str]:
    """Decisions and action items on the 8 held-out AMI meetings the project read by its own brief
    (corpora/meeting_labels/decisions_ami: every act that states a decision or a task), beside
    AMI's links on the same meetings. AMI's links are scored against that reading as if they were a
    system: how far the links sit from "every act that states it" bounds what any detector of
    those acts can score on the links."""
    labels = corpora.ami_decision_labels()
    if not labels:
        return []
    meetings = [m for m in load_meetings("ami") if m["id"] in labels]
    # (system, what it is scored against)
    systems = (("AMI's links", "project reading"), ("coaltext", "project reading"), ("keywords", "project reading"),
               ("coaltext", "AMI's links"))
    counts = {(s_, k): [0, 0, 0] for s_ in systems for k in KINDS}
    for m in meetings:
        doc, spans = render(m)
        found = {"coaltext": predicted(extract_minutes(doc), spans), "keywords": baseline(m["texts"]),
                 "AMI's links": m["labels"]}
        for k in KINDS:
            read = np.isin(m["da"], [it["da"] for it in labels[m["id"]]["items"] if it["kind"] == k])
            for s_, against in systems:
                tally(counts[((s_, against), k)], read if against == "project reading" else m["labels"][k], found[s_][k])
    n_da = sum(len(m["texts"]) for m in meetings)
    rows = []
    for k in KINDS:
        for s_, against in systems:
            tp, npred, ngold = counts[((s_, against), k)]
            p, r, f = prf(tp, npred, ngold)
            rows.append(f"| {k} | {s_} | {against} | {p:.3f} | {r:.3f} | {f:.3f} | {tp} | {npred} | {ngold} |")
    head = [f"{len(meetings)} held-out AMI meetings, {n_da} dialogue acts: "
            + ", ".join(sorted(labels)), "",
            "| kind | system | against | P | R | F1 | TP | predicted | gold |", "|---|---|---|---|---|---|---|---|---|"]
    return head + rows


def bench_ami_stances() -> tuple[list[str], str]:
    """Disagreements and goals on the five labelled AMI meetings of held-out series (project
    labels by dialogue act, ``corpora/meeting_labels/stances_ami``); the unit is the dialogue act."""
    counts = {(s, k): [0, 0, 0] for s in ("coaltext", "keywords") for k in STANCES}
    whom = {"right": 0, "wrong": 0, "none": 0}
    meetings = load_ami(heldout=True)
    labels = corpora.ami_stance_labels()
    for m in meetings:
        doc, spans = render(m)
        rep = extract_minutes(doc)
        pos = {da: i + 1 for i, da in enumerate(m["da"])}
        gold_with = {pos[it["da"]]: {(it.get("with") or "").strip().upper()} for it in labels[m["id"]]["items"]
                     if it["kind"] == "disagreement" and re.fullmatch(r"[A-D]", (it.get("with") or "").strip())}
        for key, v in reply_check(rep, spans, gold_with).items():
            whom[key] += v
        pred, base = predicted(rep, spans, STANCES), baseline(m["texts"], STANCES)
        for k in STANCES:
            tally(counts[("coaltext", k)], m["labels"][k], pred[k])
            tally(counts[("keywords", k)], m["labels"][k], base[k])
    n_da = sum(len(m["texts"]) for m in meetings)
    rows = line_rows(counts, f"AMI held-out ({len(meetings)} mtgs, {n_da} dialogue acts; never trained or tuned on)", STANCES,
                     "dialogue act")
    note = (f"AMI held-out: whom the {sum(whom.values())} disagreements found on labelled acts that name a speaker answer "
            f"(replies_to): {whom['right']} right, {whom['wrong']} wrong, {whom['none']} none given")
    return rows, note


def bench_casino_goals(split: str) -> list[str]:
    """Stated goals in negotiation talk: CaSiNo's strategy annotations (4,123 messages of 354
    dialogues) mark where a side states its own need ("self-need": "I need a lot of water to
    survive") or that of people it speaks for ("other-need": "my kids get cold at night"). Each
    annotated dialogue is rendered as a two-speaker transcript; the unit is the message."""
    counts = {(s, "goal"): [0, 0, 0] for s in ("coaltext", "keywords")}
    dialogues = corpora.casino_annotated(split)
    for d in dialogues:
        lines = [f"{s}: {t}" for s, t in zip(d["speakers"], d["texts"])]
        text = "\n".join(lines)
        rep = extract_minutes(Document(name=f"casino_{d['id']}.txt", sha256="0" * 64, media_type="text/plain", text=text))
        gold = np.array([bool({"self-need", "other-need"} & labels) for labels in d["labels"]])
        tally(counts[("coaltext", "goal")], gold, predicted(rep, line_spans(text), ("goal",))["goal"])
        tally(counts[("keywords", "goal")], gold, baseline(lines, ("goal",))["goal"])
    tag = "trained on" if split == "dev" else "never trained or tuned on"
    n_msgs = sum(len(d["texts"]) for d in dialogues)
    return line_rows(counts, f"CaSiNo {split} ({len(dialogues)} dialogues, {n_msgs} messages; {tag})", ("goal",), "message")


_DISPUTE_QUERY = re.compile(r"\b(?:disagree\w*|dissent|debated?|debates|controversy|conflict|advise against|accusations)\b", re.I)


def bench_qmsum_disputes() -> list[str]:
    """Do coaltext's disagreements fall where QMSum's annotators found a dispute? Gold: the
    turn spans of every QMSum specific query that asks about a disagreement, debate or
    controversy (AMI, ICSI and parliamentary committee meetings). QMSum marks *where* a dispute
    is discussed, not each objecting turn, so the measures are span recall (a span holds at least
    one disagreement item), the recall a random placement of the same number of flagged turns
    would get, and the lift (share of flagged turns inside dispute spans over the share of all
    turns inside them). Nothing was trained or tuned on QMSum; AMI meetings of training series
    are left out (the stance detector learns from twenty of them)."""
    rows = []
    by_domain: dict[str, list[float]] = {}
    for f in sorted((corpora.path("meetings", "qmsum")).glob("*.json")):
        domain = "AMI held-out series" if re.match(r"(?:ES|IS|TS)\d", f.stem) else "ICSI" if f.stem[0] == "B" else "committee"
        if domain.startswith("AMI") and not is_heldout(f.stem):
            continue  # the stance detector learns from labelled meetings of AMI's training series
        data = json.loads(f.read_text(encoding="utf-8"))
        queries = [q for q in data["specific_query_list"] if _DISPUTE_QUERY.search(q["query"])]
        if not queries:
            continue
        turns_ = data["meeting_transcripts"]
        lines = [f"{t['speaker'].strip() or 'Unknown'}: {' '.join(t['content'].split())}" for t in turns_]
        text = "\n".join(lines)
        spans = line_spans(text)
        rep = extract_minutes(Document(name=f.stem + ".txt", sha256="0" * 64, media_type="text/plain", text=text))
        flagged = predicted(rep, spans, ("disagreement",))["disagreement"]
        n, k = len(lines), int(flagged.sum())
        inside = np.zeros(n, dtype=bool)
        acc = by_domain.setdefault(domain, [0, 0, 0.0, 0, 0, 0, 0])  # spans, hit, chance, flagged in, flagged, turns in, turns
        for q in queries:
            for a_, b_ in q["relevant_text_span"]:
                a_, b_ = int(a_), min(int(b_), n - 1)
                inside[a_ : b_ + 1] = True
                length = b_ - a_ + 1
                acc[0] += 1
                acc[1] += bool(flagged[a_ : b_ + 1].any())
                acc[2] += 1.0 - float(np.prod([(n - length - i) / (n - i) for i in range(k)])) if k else 0.0
        acc[3] += int((flagged & inside).sum())
        acc[4] += k
        acc[5] += int(inside.sum())
        acc[6] += n
    for domain, (n_sp, hit, chance, f_in, f_all, t_in, t_all) in sorted(by_domain.items()):
        lift = (f_in / f_all) / (t_in / t_all) if f_all and t_in else 0.0
        rows.append(f"| {domain} | {n_sp} | {hit / n_sp:.3f} | {chance / n_sp:.3f} | {lift:.2f} | {f_all / t_all * 100:.1f} |")
    return rows


def print_written_minutes(splits: list[str]) -> None:
    print("| data | kind | unit | system | P | R | F1 | TP | predicted | gold |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    notes = []
    for split in splits:
        rows, note = bench_written_minutes(split)
        print("\n".join(rows))
        notes.append(note)
    print("\n" + "\n".join(notes))


def print_elitr_items(splits: list[str], kinds: tuple[str, ...] = KINDS) -> None:
    print("| data | kind | unit | system | P | R | F1 | TP | predicted | gold |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    speakerless, owner_lines = [], []
    for split in splits:
        rows, no_labels, owners = bench_elitr_items(split, kinds)
        print("\n".join(rows))
        speakerless += no_labels
        owner_lines += owners
    print()
    print("\n".join(owner_lines))
    if speakerless:
        print(f"\nNo speaker labels, read as speech (written-minutes cues plus the detector): {', '.join(speakerless)}")


def print_stances(splits: list[str]) -> None:
    """Disagreements and goals: ELITR and CaSiNo by split; AMI held-out and QMSum (test data
    only) when ``test`` is among the splits."""
    table = ["| data | kind | unit | system | P | R | F1 | TP | predicted | gold |", "|---|---|---|---|---|---|---|---|---|---|"]
    print("On real project meetings (ELITR transcripts, project line labels):\n")
    print_elitr_items(splits, STANCES)
    print("\nStated needs in negotiation talk (CaSiNo strategy annotations: self-need, other-need):\n")
    print("\n".join(table + [row for split in splits for row in bench_casino_goals(split)]))
    if "test" not in splits:
        return
    print("\nOn AMI scenario meetings (project labels by dialogue act; the detector learns from 20 other labelled meetings):\n")
    rows, note = bench_ami_stances()
    print("\n".join(table + rows))
    print("\n" + note)
    print("\nWhere QMSum's annotators found a dispute (query spans about a disagreement, debate or controversy):\n")
    print("| meetings | dispute spans | span recall | by chance | lift | flagged turns per 100 |")
    print("|---|---|---|---|---|---|")
    print("\n".join(bench_qmsum_disputes()))


def main() -> None:
    ap = argparse.ArgumentParser(description="minutes benchmark")
    ap.add_argument("--limit", type=int, default=None, help="at most N held-out meetings per corpus")
    ap.add_argument("--elitr-splits", nargs="*", default=["dev", "test"], help="ELITR label splits to score")
    ap.add_argument("--elitr-only", action="store_true", help="only the ELITR decision/action table")
    ap.add_argument("--written-only", action="store_true", help="only the ELITR written-minutes table")
    ap.add_argument("--stances-only", action="store_true", help="only the disagreement / goal tables (ELITR labels, QMSum)")
    ap.add_argument("--ami-read-only", action="store_true",
                    help="only the AMI meetings the project read for decisions and actions, beside AMI's links")
    args = ap.parse_args()
    # warm up the models so the speed column is warm
    extract_minutes(Document(name="w.txt", sha256="0" * 64, media_type="text/plain", text="A: hello\nB: okay we will do it\nA: fine"))

    if args.elitr_only:
        print_elitr_items(args.elitr_splits)
        return
    if args.written_only:
        print_written_minutes(args.elitr_splits)
        return
    if args.stances_only:
        print_stances(args.elitr_splits)
        return
    if args.ami_read_only:
        print("\n".join(bench_ami_read()))
        return
    print("## Decisions and action items, utterance level (held-out meetings)\n")
    print("| data | kind | unit | system | P | R | F1 | TP | predicted | gold |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    speed = []
    for corpus in ("ami", "icsi"):
        rows, secs, n_da, n_m = bench_detection(corpus, args.limit)
        print("\n".join(rows))
        speed.append(f"| {corpus.upper()} | {n_m} | {n_da / max(n_m, 1):.0f} | {secs / max(n_m, 1):.2f} | {n_da / max(secs, 1e-9):.0f} |")
    print("\n## The same on the held-out AMI meetings the project read by its own brief, beside AMI's links\n")
    print("\n".join(bench_ami_read()))
    print("\n## Decisions and action items on real project meetings (ELITR, project line labels)\n")
    print_elitr_items(args.elitr_splits)
    print("\n## The report's two tiers: items the transcript detector alone found under a score of "
          f"{REVIEW_BELOW} are listed 'to review'\n")
    print("\n".join(tier_rows()))
    print("\n## Decisions and action items in the minutes people wrote (ELITR, project line labels)\n")
    print_written_minutes(args.elitr_splits)
    print("\n## Disagreements and goals\n")
    print_stances(args.elitr_splits)
    print("\n## Attendees on ELITR (gold: the minutes' attendee lists)\n")
    print("| input | recall | precision | found/gold |")
    print("|---|---|---|---|")
    print("\n".join(bench_elitr()))
    print("\n## Speed (2 cores, warm, whole extract_minutes)\n")
    print("| corpus | meetings | dialogue acts / meeting | s / meeting | dialogue acts / s |")
    print("|---|---|---|---|---|")
    print("\n".join(speed))


if __name__ == "__main__":
    main()
