"""Parties, agreement date and title against CUAD's answers, on the real CUAD contracts.

    .venv/bin/python bench/parties.py [--misses]

CUAD's master answers give, per contract, its parties ("Acme Corp. ("Licensor"); Beta Ltd
("Beta")") and its agreement and effective dates ("11/15/12"). A party counts as found when a
party coaltext reports matches it by name or alias, after legal forms and punctuation are set
aside ("Acme Corp." = "ACME CORPORATION"); the agreement date counts when it equals CUAD's
agreement date, or its effective date where CUAD gives no agreement date.

The contracts are split in two halves by the md5 of their id: the rules of
``coaltext.structure.parties`` were written reading the errors of the ``dev`` half only; the
``test`` half is the measure. CUAD's party answers are not exhaustive (a second party that the
annotator left out counts as a false positive here), so precision is a lower bound.

The title counts as right when it equals CUAD's "Document Name" once case, punctuation and legal
forms are set aside, and as close when one contains the other ("AGREEMENT" is not close to
"DISTRIBUTOR AGREEMENT": the shorter must hold two words or more). The title rules of
``coaltext.structure`` were written reading CUAD texts of both halves, so both are read as dev.

Party groups: CUAD's answers give a collective name after "together with" or "collectively"
("Veoneer US ("Veoneer US", and together with Veoneer AB, the "Veoneer Parties")"), "the
Parties" aside. One counts as found when coaltext reports it as a group, or as the alias of the
one party it holds ("Merchant"); a group coaltext reports counts as right when CUAD names it so.
The group rules were written reading CUAD texts of both halves: the line is for both, as dev.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import corpora  # noqa: E402

from coaltext.structure.clauses import parse_agreement  # noqa: E402
from coaltext.types import Document  # noqa: E402

_FORMS = re.compile(
    r"\b(the|inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|lp|plc|s\.a|sa|ag|gmbh|b\.v|bv|"
    r"n\.v|pty|llp)\b\.?")


def norm(s: str) -> str:
    s = re.sub(r"[“”\"'’]", "", s.replace("\xa0", " ").lower())
    s = re.sub(r"[^a-z0-9 ]+", " ", _FORMS.sub(" ", s))
    return " ".join(s.split())


def gold_parties(answer: str | None) -> list[tuple[str, list[str]]]:
    """CUAD's "Parties" answer as (name, aliases), without its "each a Party" items and without
    items that only join other items ("Stryker and Conformis")."""
    items = []
    for item in re.split(r";\s*", answer or ""):
        item = item.replace("\xa0", " ").strip()
        aliases = [a.strip(" ,.") for a in re.findall(r"[(（][^)]*?[\"“”']+([^\"“”']+)[\"“”']+", item)]
        name = re.split(r"\s*[(（]", item)[0].strip(" ,.")
        if not name or re.match(r"(each|both|collectively|all)\b", name, re.I):
            continue
        if any(re.match(r"part(y|ies)\b", a, re.I) for a in aliases):
            continue
        items.append((name, aliases))
    known = {norm(x) for n, al in items for x in [n, *al]}
    return [(n, al) for n, al in items
            if not (len(sides := re.split(r",\s*|\s+and\s+", n)) > 1 and all(norm(x) in known for x in sides if x.strip()))]


_GROUP = re.compile(r"(?:together|collectively)(?:\s+with\b[^\"“”]{0,200}?)?[,\s]*(?:as\s+)?(?:the\s+)?[\"“]([^\"“”]{1,60})[\"”]",
                    re.I)


def gold_groups(answer: str | None) -> set[str]:
    """The collective names in CUAD's "Parties" answer, "the Parties" aside, without spaces
    ("MoelisEntities" is CUAD's "Moelis Entities")."""
    return {norm(t).replace(" ", "") for t in _GROUP.findall(answer or "")
            if not re.fullmatch(r"(?i)(the\s+)?part(y|ies)( to this agreement| hereto)?", t.strip(" ,."))}


def gold_date(s: str | None) -> str | None:
    m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{2,4})$", (s or "").strip())
    if not m:
        return None
    mon, d, y = map(int, m.groups())
    if len(m.group(3)) <= 2:
        y += 2000 if y < 50 else 1900
    try:
        return date(y, mon, d).isoformat()
    except ValueError:
        return None


def same(a: list[str], b: list[str]) -> bool:
    return any(x and y and (x == y or (min(len(x), len(y)) > 3 and (x in y or y in x))) for x in a for y in b)


def half(contract_id: str) -> str:
    return "dev" if int(hashlib.md5(contract_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="print the dev half's misses (never the test half's)")
    args = ap.parse_args(argv)
    stats = {h: dict(docs=0, gold=0, found=0, pred=0, right=0, rec=0.0, prec=0.0, npred=0, perfect=0,
                     dates=0, date_ok=0, date_none=0, titles=0, title_ok=0, title_close=0, title_none=0)
             for h in ("dev", "test")}
    groups = dict(gold=0, found=0, pred=0, right=0)
    for cid, rec in sorted(corpora.cuad_annotations().items()):
        try:
            text = corpora.cuad_text(cid)
        except FileNotFoundError:
            continue
        h, st = half(cid), stats[half(cid)]
        found = parse_agreement(Document(name=cid, sha256="0" * 64, media_type="text/plain", text=text))
        gold = gold_parties(rec["answers"].get("Parties"))
        if gold:
            g_keys = [[norm(n), *map(norm, al)] for n, al in gold]
            p_keys = [[norm(p.name)] + ([norm(p.alias)] if p.alias else []) for p in found.parties]
            hit = [any(same(g, p) for p in p_keys) for g in g_keys]
            right = sum(any(same(p, g) for g in g_keys) for p in p_keys)
            st["docs"] += 1
            st["gold"] += len(gold)
            st["found"] += sum(hit)
            st["pred"] += len(p_keys)
            st["right"] += right
            st["rec"] += sum(hit) / len(gold)
            if p_keys:
                st["npred"] += 1
                st["prec"] += right / len(p_keys)
            st["perfect"] += all(hit) and right == len(p_keys)
            if args.misses and h == "dev" and not (all(hit) and right == len(p_keys)):
                print(f"{cid[:60]}\n  CUAD: {gold}\n  coaltext: {[(p.name, p.alias) for p in found.parties]}")
        want_groups = gold_groups(rec["answers"].get("Parties"))
        got_groups = {norm(g).replace(" ", "") for p in found.parties for g in p.groups}
        got_aliases = {norm(p.alias).replace(" ", "") for p in found.parties if p.alias}
        groups["gold"] += len(want_groups)
        groups["found"] += len(want_groups & (got_groups | got_aliases))
        groups["pred"] += len(got_groups)
        groups["right"] += len(got_groups & want_groups)
        want = gold_date(rec["answers"].get("Agreement Date")) or gold_date(rec["answers"].get("Effective Date"))
        if want:
            st["dates"] += 1
            st["date_ok"] += found.date == want
            st["date_none"] += found.date is None
        want_title = norm(rec["answers"].get("Document Name") or "")
        if want_title:
            got = norm(found.title or "")
            st["titles"] += 1
            st["title_ok"] += got == want_title
            short, long_ = sorted((got, want_title), key=len)
            st["title_close"] += got != want_title and len(short.split()) >= 2 and short in long_
            st["title_none"] += not got
            if args.misses and h == "dev" and got != want_title:
                print(f"TITLE {cid[:60]}\n  CUAD: {want_title!r}\n  coaltext: {got!r}")
    print("| half | contracts | parties P / R (each party) | per contract P / R | all parties right | "
          "date right | no date | title right | title close | no title |")
    print("|---|---:|---|---|---:|---:|---:|---:|---:|---:|")
    for h, st in stats.items():
        print(f"| {h} | {st['docs']} | {st['right'] / max(1, st['pred']):.3f} / {st['found'] / max(1, st['gold']):.3f} "
              f"| {st['prec'] / max(1, st['npred']):.3f} / {st['rec'] / max(1, st['docs']):.3f} "
              f"| {st['perfect'] / max(1, st['docs']):.3f} | {st['date_ok'] / max(1, st['dates']):.3f} "
              f"({st['dates']}) | {st['date_none']} | {st['title_ok'] / max(1, st['titles']):.3f} ({st['titles']}) "
              f"| {st['title_close'] / max(1, st['titles']):.3f} | {st['title_none']} |")
    print(f"\nParty groups (both halves, as dev): CUAD's {groups['gold']} collective names, "
          f"{groups['found']} found (a group, or one party's alias); coaltext's {groups['pred']} groups, "
          f"{groups['right']} named so by CUAD")
    return 0


if __name__ == "__main__":
    sys.exit(main())
