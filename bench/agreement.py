"""How far two careful readings of the same documents agree: the ceiling our label sets allow.

    .venv/bin/python bench/agreement.py [--classify-dump /tmp/cls_dump.pkl]

Contracts: 15 of the 24 hand-labelled *test* contracts (``corpora/hand_labels_test``) were labelled
again, blind, by other helper sessions with the same brief (``corpora/hand_labels_test/second``),
and 8 of the 24 *test2* contracts likewise (``corpora/hand_labels_test2/second``).
Per type: how often the two say present / absent, Cohen's kappa, and the F1 of one reading scored
against the other (symmetric). With ``--classify-dump`` (written by ``bench/classify.py --dump``:
held-out fold predictions) the classifier's F1 against each reading is printed beside it, on the
same contracts.

Meetings: 4 of the 10 labelled ELITR meetings (dev 003, 005, 009; test 008) were marked again,
blind, for decisions and action items (``corpora/meeting_labels/second``); 2 (dev 007, test 001)
for disagreements and goals (``stances/second``), and 2 AMI meetings (ES2009c of a held-out
series, TS3003b of a training one) likewise (``stances_ami/second``). Per kind: line-level (or
dialogue-act-level) F1 of one reading against the other, exact and with ±1 line of slack. Beside
it, on the test meetings only (the others trained the detectors), ``extract_minutes`` scored
against each reading.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

import corpora  # noqa: E402
from coaltext.classify.engine import THRESHOLD  # noqa: E402
from coaltext.classify.taxonomy import type_ids  # noqa: E402
from coaltext.coverage import coverage_items, playbooks  # noqa: E402
from coaltext.structure.minutes import extract_minutes  # noqa: E402
from coaltext.types import Document  # noqa: E402
from classify import HAND_FAMILIES  # noqa: E402
from minutes import KINDS, STANCES, predicted, render  # noqa: E402
from train_minutes import is_heldout, line_spans, load_meetings  # noqa: E402


def f1(a: set, b: set) -> float:
    """Symmetric F1 of two sets (either one taken as gold gives the same number); 1.0 when both are empty."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def kappa(a: list[bool], b: list[bool]) -> float | None:
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return None if pe == 1 else (po - pe) / (1 - pe)


def model_present(dump: Path, ids: list[str]) -> dict[str, set[str]]:
    """Types the classifier calls present in each contract, from held-out fold predictions."""
    docs, preds, _, _ = pickle.loads(dump.read_bytes())
    generic = playbooks()["generic"]
    out = {}
    for cid in ids:
        items = coverage_items(preds["tfidf+rules"][cid], generic, threshold=THRESHOLD, min_score=THRESHOLD)
        out[cid] = {i.type for i in items if i.status == "present"}
    return out


def contracts(dump: Path | None, split: str = "test") -> None:
    first, second = corpora.hand_labels(split), corpora.hand_labels(split, second=True)
    ids = sorted(set(first) & set(second))
    if not ids:
        return
    present = {w: {cid: {t for t, v in lab[cid]["types"].items() if v["present"]} for cid in ids}
               for w, lab in (("A", first), ("B", second))}
    if dump:
        present["model"] = model_present(dump, ids)
    print(f"### Contracts: {len(ids)} hand-labelled {split} contracts read twice (A: first labelling, "
          "B: second, blind)\n")
    head = "| type | both | A only | B only | neither | kappa | F1 A↔B | evidence overlaps (both present) |"
    if dump:
        head += " model F1 vs A | vs B |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    per_type = {}
    for t in type_ids():
        a = [t in present["A"][c] for c in ids]
        b = [t in present["B"][c] for c in ids]
        both = [c for c, x, y in zip(ids, a, b) if x and y]
        ev = sum(any(min(e1, e2) > max(s1, s2) for s1, e1 in first[c]["types"][t]["evidence"]
                     for s2, e2 in second[c]["types"][t]["evidence"]) for c in both)
        k = kappa(a, b)
        sa, sb = {c for c, x in zip(ids, a) if x}, {c for c, y in zip(ids, b) if y}
        per_type[t] = {"AB": f1(sa, sb)}
        cells = [t, str(len(both)), str(sum(x and not y for x, y in zip(a, b))),
                 str(sum(y and not x for x, y in zip(a, b))), str(sum(not x and not y for x, y in zip(a, b))),
                 "–" if k is None else f"{k:.2f}", f"{f1(sa, sb):.3f}", f"{ev}/{len(both)}"]
        if dump:
            sm = {c for c in ids if t in present["model"][c]}
            per_type[t].update(mA=f1(sm, sa), mB=f1(sm, sb))
            cells += [f"{f1(sm, sa):.3f}", f"{f1(sm, sb):.3f}"]
        print("| " + " | ".join(cells) + " |")
    rows = [("all 27 types", list(type_ids()))] + [(f"family: {k}", v) for k, v in HAND_FAMILIES.items()]
    for name, ts in rows:
        cells = [f"**macro, {name}**", "", "", "", "", "", f"{np.mean([per_type[t]['AB'] for t in ts]):.3f}", ""]
        if dump:
            cells += [f"{np.mean([per_type[t]['mA'] for t in ts]):.3f}", f"{np.mean([per_type[t]['mB'] for t in ts]):.3f}"]
        print("| " + " | ".join(cells) + " |")
    print()


def line_sets(rec: dict, kinds: tuple[str, ...] = KINDS, index: dict[str, int] | None = None) -> dict[str, set[int]]:
    """Marked lines per kind; AMI labels mark dialogue act ids, which ``index`` turns into positions."""
    if index is not None:
        return {k: {index[it["da"]] for it in rec["items"] if it["kind"] == k} for k in kinds}
    return {k: {it["line"] for it in rec["items"] if it["kind"] == k} for k in kinds}


def near_f1(a: set[int], b: set[int], slack: int = 1) -> float:
    """F1 where a line counts as matched when the other reading marks a line within ``slack``."""
    if not a and not b:
        return 1.0
    hit_a = sum(any(abs(x - y) <= slack for y in b) for x in a)
    hit_b = sum(any(abs(x - y) <= slack for x in a) for y in b)
    p, r = (hit_a / len(a) if a else 0.0), (hit_b / len(b) if b else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def system_lines(doc: Document, spans: list[tuple[int, int]], kinds: tuple[str, ...]) -> dict[str, set[int]]:
    """Lines (1-based) where ``extract_minutes`` puts an item of each kind."""
    rep = extract_minutes(doc)
    return {k: set((np.flatnonzero(flags) + 1).tolist()) for k, flags in predicted(rep, spans, kinds).items()}


def elitr_pairs(kinds: tuple[str, ...]):
    """(meeting, split, first, second, coaltext lines or None, index None) for ELITR meetings marked twice."""
    folders = corpora.elitr_meetings()
    load = corpora.meeting_labels if kinds == KINDS else corpora.stance_labels
    for split in ("dev", "test"):
        first, second = load(split), load(split, second=True)
        for m in sorted(set(first) & set(second)):
            if first[m]["lines"] != second[m]["lines"]:
                raise SystemExit(f"{m}: the two labellings count different numbers of lines")
            text = folders[m][f"{m}.txt"]
            doc = Document(name=f"{m}.txt", sha256="0" * 64, media_type="text/plain", text=text)
            yield m[-3:], split, first[m], second[m], (system_lines(doc, line_spans(text), kinds) if split == "test" else None), None


def ami_pairs():
    """The same for the AMI meetings whose stances were marked twice (by dialogue act)."""
    first, second = corpora.ami_stance_labels(), corpora.ami_stance_labels(second=True)
    for m in load_meetings("ami"):
        if m["id"] in first and m["id"] in second:
            held = is_heldout(m["id"])
            doc, spans = render(m)
            index = {da: i + 1 for i, da in enumerate(m["da"])}
            yield (m["id"], "test" if held else "train", first[m["id"]], second[m["id"]],
                   system_lines(doc, spans, STANCES) if held else None, index)


def ami_read_twice() -> list[tuple[dict, dict, dict, dict[str, int]]]:
    """The held-out AMI meetings whose decisions and actions the project read twice (by dialogue
    act): (meeting, first reading, second reading, act id -> 1-based position)."""
    first, second = corpora.ami_decision_labels(), corpora.ami_decision_labels(second=True)
    return [(m, first[m["id"]], second[m["id"]], {da: i + 1 for i, da in enumerate(m["da"])})
            for m in load_meetings("ami") if m["id"] in first and m["id"] in second]


def ami_decision_pairs(read_twice):
    for m, a, b, index in read_twice:
        doc, spans = render(m)
        yield m["id"], "test", a, b, system_lines(doc, spans, KINDS), index


def ami_links_against_readings(read_twice) -> None:
    """AMI's own decision and action links scored against each of the project's two readings of
    the same meetings, pooled: how far the corpus's gold sits from a careful reading."""
    pooled = {(r, k): [0, 0, 0] for r in "AB" for k in KINDS}
    for m, a, b, index in read_twice:
        for r, rec in (("A", a), ("B", b)):
            read = line_sets(rec, KINDS, index)
            for k in KINDS:
                links = set((np.flatnonzero(m["labels"][k]) + 1).tolist())
                c = pooled[(r, k)]
                c[0], c[1], c[2] = c[0] + len(links), c[1] + len(read[k]), c[2] + len(links & read[k])
    print("| kind | AMI's links | reading | marked | both | F1 links ↔ reading |")
    print("|---|---|---|---|---|---|")
    for (r, k), (nl, nr, both) in pooled.items():
        print(f"| {k} | {nl} | {r} | {nr} | {both} | {2 * both / (nl + nr) if nl + nr else 1.0:.3f} |")
    print()


def meetings(title: str, pairs, kinds: tuple[str, ...]) -> None:
    print(f"### {title} (A: first labelling, B: second, blind)\n")
    print("| meeting | split | kind | A | B | both | F1 A↔B | F1 A↔B ±1 | coaltext F1 vs A | vs B |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    pooled = {k: [0, 0, 0] for k in kinds}
    for m, split, first, second, sysl, index in pairs:
        a, b = line_sets(first, kinds, index), line_sets(second, kinds, index)
        for k in kinds:
            pooled[k][0] += len(a[k])
            pooled[k][1] += len(b[k])
            pooled[k][2] += len(a[k] & b[k])
            model = f"{f1(sysl[k], a[k]):.3f} | {f1(sysl[k], b[k]):.3f}" if sysl is not None else "(trained on) | "
            print(f"| {m} | {split} | {k} | {len(a[k])} | {len(b[k])} | {len(a[k] & b[k])} | "
                  f"{f1(a[k], b[k]):.3f} | {near_f1(a[k], b[k]):.3f} | {model} |")
    for k, (na, nb, both) in pooled.items():
        print(f"| **pooled** | | {k} | {na} | {nb} | {both} | {2 * both / (na + nb):.3f} | | | |")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--classify-dump", type=Path, help="held-out predictions from bench/classify.py --dump")
    args = ap.parse_args()
    for split in ("test", "test2", "test3", "test4", "test5", "test6", "test7"):
        contracts(args.classify_dump, split)
    meetings("Meetings: decisions and action items in ELITR transcripts marked twice, by line", elitr_pairs(KINDS), KINDS)
    meetings("Meetings: disagreements and goals in ELITR transcripts marked twice, by line", elitr_pairs(STANCES), STANCES)
    meetings("Meetings: disagreements and goals in AMI meetings marked twice, by dialogue act", ami_pairs(), STANCES)
    read_twice = ami_read_twice()
    meetings("Meetings: decisions and action items in held-out AMI meetings read twice by the project, by dialogue act",
             ami_decision_pairs(read_twice), KINDS)
    ami_links_against_readings(read_twice)


if __name__ == "__main__":
    main()
