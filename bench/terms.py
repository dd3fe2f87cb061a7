"""Key terms (governing law, expiry, renewal term, renewal notice) against CUAD's answers.

    .venv/bin/python bench/terms.py [--misses KIND]

For every CUAD contract, ``coaltext.analyze`` runs as a user would run it (its own clause tree,
classifier, coverage and agreement date), and each key term it reports is compared with CUAD's
answer: the governing law by place name ("New York" in "New York; Delaware"), the expiry date by
equality (or both "perpetual"), renewal term and notice period by number and unit ("successive
1 year" = "1 year"). A contract where CUAD gives no answer and coaltext gives one counts against
precision; a CUAD expiry that is not a full date ("[]/[]/2004") is left out.

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
from coaltext.terms import _DURATION, _number  # noqa: E402
from coaltext.types import Document  # noqa: E402

KINDS = {"governing_law": "Governing Law", "effective_date": "Effective Date", "expiry": "Expiration Date", "renewal": "Renewal Term",
         "renewal_notice": "Notice Period To Terminate Renewal"}


def _place(s: str) -> str:
    return re.sub(r"[^a-z ]+", "", s.lower()).strip()


def gold_value(kind: str, answer: str | None) -> str | None:
    answer = (answer or "").strip()
    if not answer:
        return None
    if kind == "governing_law":
        return answer
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
    if kind == "governing_law":
        return any((g := _place(part.split(",")[0])) and (g in _place(got) or _place(got) in g) for part in gold.split(";"))
    if kind in ("renewal", "renewal_notice"):
        return _years(got) == _years(gold)
    return got == gold


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", choices=list(KINDS), help="print the dev half's errors of one kind")
    ap.add_argument("--half", choices=["dev", "test"], help="only this half (default: both)")
    args = ap.parse_args(argv)
    stats = {(h, k): [0, 0, 0] for h in ("dev", "test") for k in KINDS}  # right, said, CUAD answers
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
    print(f"{n} contracts in {time.time() - t0:.0f} s")
    print()
    print("| key term | half | P | R | right / said / CUAD answers |")
    print("|---|---|---:|---:|---|")
    for (h, kind), (ok, said_n, gold_n) in stats.items():
        if args.half and h != args.half:
            continue
        print(f"| {kind} | {h} | {ok / max(1, said_n):.3f} | {ok / max(1, gold_n):.3f} | {ok} / {said_n} / {gold_n} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
