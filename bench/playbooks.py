"""Which playbook `--playbook auto` picks, against the kind of agreement CUAD filed each contract under.

    .venv/bin/python bench/playbooks.py [--misses]

CUAD sorts its contracts into 25 kinds ("Distributor", "Joint Venture", "Franchise" …;
``contracts.csv`` ``contract_type``). Each kind maps onto the playbooks that fit it: a joint
venture onto ``joint_venture``, a development deal onto ``research_collaboration``, a
"Collaboration" onto ``research_collaboration`` or ``strategic_alliance`` (CUAD files business
"cooperation agreements" there too), co-branding, sponsorship, endorsement and promotion onto
``co_branding``, "Marketing" onto ``co_branding`` or ``generic``, licences, IP agreements and
franchises onto ``license``, and the kinds with no playbook of their own (distribution, supply,
services, maintenance, hosting …) onto ``generic``. CUAD gives one kind per contract, so a
"LICENSE AND HOSTING AGREEMENT" filed under Hosting counts ``license`` as a miss.

The rules in ``conf/playbooks.yaml`` were revised after reading the misses of all 407 contracts
(2026-12-07), so the halves below are both development data; they are printed apart so that a later
change written on the ``dev`` half's misses (``--misses`` prints only those) can be judged on the
``test`` half.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

import corpora  # noqa: E402
from coaltext.coverage import choose_playbook  # noqa: E402
from coaltext.structure.clauses import parse_agreement  # noqa: E402
from coaltext.types import Document  # noqa: E402
from parties import half  # noqa: E402  (the same md5 halves as the title and party bench)

FITS = {
    "Joint Venture": {"joint_venture"},
    "Strategic Alliance": {"strategic_alliance"},
    "Collaboration": {"research_collaboration", "strategic_alliance"},
    "Development": {"research_collaboration"},
    "Co-Branding": {"co_branding"},
    "Sponsorship": {"co_branding"},
    "Endorsement": {"co_branding"},
    "Promotion": {"co_branding"},
    "Marketing": {"co_branding", "generic"},
    "License": {"license"},
    "IP": {"license"},
    "Franchise": {"license"},
}


def fits(contract_type: str) -> set[str]:
    return FITS.get(contract_type, {"generic"})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="print the dev half's misses (never the test half's)")
    args = ap.parse_args(argv)
    chosen: dict[str, Counter] = defaultdict(Counter)
    right: dict[str, Counter] = defaultdict(Counter)
    total: dict[str, Counter] = defaultdict(Counter)
    misses = []
    for rec in corpora.cuad_contracts():
        cid, kind = rec["contract_id"], rec["contract_type"]
        try:
            text = corpora.cuad_text(cid)
        except FileNotFoundError:
            continue
        doc = Document(name=cid, sha256="0" * 64, media_type="text/plain", text=text)
        structure = parse_agreement(doc)
        book, why = choose_playbook(structure, doc)
        ok = book.name in fits(kind)
        h = half(cid)
        chosen[kind][book.name] += 1
        right[h][kind] += ok
        total[h][kind] += 1
        if not ok and h == "dev":
            misses.append((kind, book.name, structure.title, why, cid))

    print(f"### `--playbook auto` against CUAD's kind of agreement ({sum(map(sum, (t.values() for t in total.values())))} CUAD texts)")
    print()
    print("| CUAD kind | contracts | fits | picked | right, dev half | right, test half |")
    print("|---|---:|---|---|---:|---:|")
    for kind in sorted(chosen, key=lambda k: (-sum(chosen[k].values()), k)):
        picked = ", ".join(f"{b} {n}" for b, n in chosen[kind].most_common())
        print(f"| {kind} | {sum(chosen[kind].values())} | {' / '.join(sorted(fits(kind)))} | {picked} | "
              f"{right['dev'][kind]}/{total['dev'][kind]} | {right['test'][kind]}/{total['test'][kind]} |")
    for h in ("dev", "test"):
        r, n = sum(right[h].values()), sum(total[h].values())
        print(f"| **all, {h} half** | {n} | | | **{r}/{n} = {r / max(1, n):.3f}** | |")
    coalition = {"Joint Venture", "Strategic Alliance", "Collaboration", "Development", "Co-Branding"}
    r = sum(right[h][k] for h in right for k in coalition)
    n = sum(total[h][k] for h in total for k in coalition)
    print()
    print(f"Alliance-like kinds (joint venture, strategic alliance, collaboration, development, co-branding): "
          f"{r}/{n} = {r / max(1, n):.3f} right.")
    if args.misses:
        print()
        print("Misses, dev half (CUAD kind → picked; title; reason):")
        for kind, name, title, why, cid in sorted(misses, key=str):
            print(f"- {kind} → {name}; {title!r}; {why} [{cid[:60]}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
