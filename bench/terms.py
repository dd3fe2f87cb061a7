"""Key terms against CUAD's answers (governing law, effective date, expiry, renewal term, renewal
notice) and against the project's arbitration labels (seat, rules, arbitrators, language).

    .venv/bin/python bench/terms.py [--half dev|test] [--misses KIND]

For every CUAD contract, ``coaltext.analyze`` runs as a user would run it (its own clause tree,
classifier, coverage and agreement date), and each key term it reports is compared with CUAD's
answer: the governing law by place name ("New York" in "New York; Delaware"), the expiry date by
equality (or both "perpetual"), renewal term and notice period by number and unit ("successive
1 year" = "1 year"). A contract where CUAD gives no answer and coaltext gives one counts against
precision; a CUAD expiry that is not a full date ("[]/[]/2004") is left out.

The arbitration terms are compared with ``corpora/term_labels`` (helper sessions read every CUAD
contract whose text holds "arbitra"; a contract without it has no arbitration): the rules by the
institution's code (AAA, ICC, JAMS, …, "statute", "other"), the number of arbitrators and the
language by equality, the seat by its first part ("New York City, New York" = "New York, New
York"; "St" is not "St. Louis"). The same labels
score the two flags that read these terms (``arbitration_without_seat`` / ``_rules``: right when
the labels say no seat / no rules or institution is named) and the classifier's
``arbitration`` type (document level).

A term the filed copy blanks out ("the laws of [***]", "the place of arbitration shall be
[***]") is reported as "redacted" and counts as said: right where CUAD's governing-law answer has
no words left ("[]") or where the labeller's note says the seat / the rules are redacted (the
labels themselves leave such a term null, so neither flag should be raised for it).

Halves as in bench/parties.py (md5 of the contract id): the rules of ``coaltext.terms`` were
written reading errors of the ``dev`` half only; ``test`` is the measure.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
from parties import gold_date, half  # noqa: E402

import coaltext  # noqa: E402
from coaltext.terms import _DURATION, REDACTED, _number  # noqa: E402
from coaltext.types import Document  # noqa: E402

ARB_KINDS = ("arbitration_seat", "arbitration_rules", "arbitrators", "arbitration_language")
KINDS = {"governing_law": "Governing Law", "effective_date": "Effective Date", "expiry": "Expiration Date", "renewal": "Renewal Term",
         "renewal_notice": "Notice Period To Terminate Renewal"}


def _place(s: str) -> str:
    return " ".join(re.sub(r"[^a-z ]+", "", s.lower()).split())


def gold_value(kind: str, answer: str | None) -> str | None:
    answer = (answer or "").strip()
    if not answer:
        return None
    if kind == "governing_law":
        return answer if re.search(r"[A-Za-z]", answer) else REDACTED  # "[]": the filing blanked the place out
    if kind == "expiry":
        return "perpetual" if answer.lower().startswith("perpetual") else gold_date(answer)
    if kind == "effective_date":
        return gold_date(answer)
    m = _DURATION.search(answer)
    return f"{_number(m.group('n'))} {m.group('unit').lower()}" if m and _number(m.group("n")) else None


def _years(value: str) -> str:
    """ "12 months" and "1 year" are the same length."""
    n, unit = value.split()[0], value.split()[1].rstrip("s")
    return f"{int(n) // 12} year" if unit == "month" and int(n) % 12 == 0 else f"{n} {unit}"


def same(kind: str, got: str, gold: str) -> bool:
    if REDACTED in (got, gold):
        return got == gold
    if kind == "governing_law":
        return any((g := _place(part.split(",")[0])) and (g in _place(got) or _place(got) in g) for part in gold.split(";"))
    if kind in ("renewal", "renewal_notice"):
        return _years(got) == _years(gold)
    return got == gold


# the labeller's note says the filing blanked the term out ("Rules/institution and place of arbitration are redacted")
_REDACTED_NOTE = {"arbitration_seat": re.compile(r"(?i)\b(?:seat|place)\b[^.;]*\bredacted|\bredacted\b[^.;]*\b(?:seat|place)\b"),
                  "arbitration_rules": re.compile(r"(?i)\b(?:rules|institution)\b[^.;]*\bredacted|\bredacted\b[^.;]*\b(?:rules|institution)\b")}


def arbitration_gold(kind: str, label: dict | None) -> str | None:
    if not label or not label["arbitration"]:
        return None
    seat = "(depends on a party)" if label["seat_kind"] == "conditional" else label["seat"]
    value = {"arbitration_seat": seat, "arbitration_rules": label["institution"],
             "arbitrators": label["arbitrators"], "arbitration_language": label["language"]}[kind]
    if value is None and kind in _REDACTED_NOTE and _REDACTED_NOTE[kind].search(label["note"] or ""):
        return REDACTED
    return None if value is None else str(value)


def arbitration_said(kind: str, term) -> str:
    """What coaltext said, in the labels' terms: the institution's code for the rules."""
    if term.value == REDACTED:
        return REDACTED
    if kind == "arbitration_rules":
        code = term.rule.rsplit(".", 1)[1]
        return code if code in ("other", "statute") else code.upper()
    if term.rule.endswith("seat.described"):  # "the county in which X has its principal place of business"
        return "(depends on a party)"
    return term.value


def _seat_key(s: str) -> str:
    """The place's first part, in letters: "New York City, New York" and "the City of New York" → "new york"."""
    key = _place(s.split(",")[0].split("(")[0])
    key = re.sub(r"^(?:the )?(?:city|county|state) of ", "", re.sub(r"^the (?=\w+ of )", "", key))
    return re.sub(r"^the | (?:city|county|state)$", "", key)


def arbitration_same(kind: str, got: str, gold: str) -> bool:
    if kind == "arbitration_seat":  # the same place, not a word of it ("St" is not "St. Louis")
        return got == gold if "(depends on a party)" in (got, gold) else _seat_key(got) == _seat_key(gold)
    if kind == "arbitration_language":  # "Mandarin" names "Mandarin Chinese"
        return bool(got) and (got.lower() in gold.lower() or gold.lower() in got.lower())
    return got.lower() == gold.lower()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", choices=[*KINDS, *ARB_KINDS, "arbitration"],
                    help="print the dev half's errors of one kind (arbitration: of its four terms)")
    ap.add_argument("--half", choices=["dev", "test"], help="only this half (default: both)")
    args = ap.parse_args(argv)
    stats = {(h, k): [0, 0, 0] for h in ("dev", "test") for k in [*KINDS, *ARB_KINDS]}  # right, said, gold answers
    # flags and the arbitration type: [right, raised, should be raised] per half
    checks = {(h, k): [0, 0, 0] for h in ("dev", "test") for k in ("arbitration type", "arbitration_without_seat",
                                                                  "arbitration_without_rules")}
    arb = corpora.arbitration_labels()
    t0, n = time.time(), 0
    for cid, rec in sorted(corpora.cuad_annotations().items()):
        if args.half and half(cid) != args.half:
            continue
        try:
            text = corpora.cuad_text(cid)
        except FileNotFoundError:
            continue
        report = coaltext.analyze(Document(name=cid, sha256="0" * 64, media_type="text/plain", text=text))
        n += 1
        said = {t.name: t for t in report.key_terms}
        for kind, field in KINDS.items():
            raw = rec["answers"].get(field)
            gold = gold_value(kind, raw)
            if kind in ("expiry", "effective_date") and raw and not gold:
                continue  # a partial date in CUAD ("[]/[]/2004"): cannot be compared
            st = stats[(half(cid), kind)]
            got = said[kind].value if kind in said else None
            st[0] += bool(got and gold and same(kind, got, gold))
            st[1] += got is not None
            st[2] += gold is not None
            if args.misses == kind and half(cid) == "dev" and (got or gold) and not (got and gold and same(kind, got, gold)):
                where = text[said[kind].start - 80 : said[kind].end + 40].replace("\n", " ") if got else ""
                print(f"{cid[:50]} | CUAD {raw!r} | coaltext {got!r} (date {report.date}) | {where}")
        label = arb.get(cid)
        for kind in ARB_KINDS:
            gold = arbitration_gold(kind, label)
            got = arbitration_said(kind, said[kind]) if kind in said else None
            st = stats[(half(cid), kind)]
            st[0] += bool(got and gold and arbitration_same(kind, got, gold))
            st[1] += got is not None
            st[2] += gold is not None
            if args.misses in (kind, "arbitration") and half(cid) == "dev" and (got or gold) \
                    and not (got and gold and arbitration_same(kind, got, gold)):
                where = text[said[kind].start - 100 : said[kind].end + 40].replace("\n", " ") if got else ""
                print(f"{kind} | {cid[:50]} | label {gold!r} ({(label or {}).get('note')}) | coaltext {got!r} | {where}")
        present = next(i.status for i in report.coverage.items if i.type == "arbitration") == "present"
        flagged = {f.code for f in report.flags}
        truth = {"arbitration type": bool(label and label["arbitration"])}
        if present and truth["arbitration type"]:  # a seat that depends on a party is a seat, a redacted one too
            truth["arbitration_without_seat"] = label["seat_kind"] == "none" and arbitration_gold("arbitration_seat", label) is None
            truth["arbitration_without_rules"] = label["institution"] is None and arbitration_gold("arbitration_rules", label) is None
        for k, should in truth.items():
            raised = present if k == "arbitration type" else k in flagged
            c = checks[(half(cid), k)]
            c[0] += raised and should
            c[1] += raised
            c[2] += should
    print(f"{n} contracts in {time.time() - t0:.0f} s")
    print()
    _table("key term", "said / answers (CUAD's; arbitration: the project's labels)", stats, args.half)
    print()
    print("Flags on contracts that arbitrate (by the labels) and that coaltext finds arbitrating; the type on all:")
    print()
    _table("check", "raised / should be raised", checks, args.half)
    return 0


def _table(what: str, counts: str, stats: dict, only: str | None) -> None:
    """P and R per (half, row) from [right, said, gold] counts."""
    print(f"| {what} | half | P | R | right / {counts} |")
    print("|---|---|---:|---:|---|")
    for (h, row), (ok, said_n, gold_n) in stats.items():
        if not only or h == only:
            print(f"| {row} | {h} | {ok / max(1, said_n):.3f} | {ok / max(1, gold_n):.3f} | {ok} / {said_n} / {gold_n} |")


if __name__ == "__main__":
    sys.exit(main())
