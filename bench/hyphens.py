"""Line-end hyphens in CUAD's PDFs: join ("agree-⏎ment") or keep ("health-⏎related")?

    .venv/bin/python bench/hyphens.py [--limit N] [--cache FILE] [--show dev|test [--rule NAME]]

For every line that coaltext's PDF reader sees ending in letters and a hyphen (same page, next line
not blank), the matching CUAD .txt (same stem) says which form is right: the text around the break
(letters, digits and hyphens of up to 24 characters on each side, whitespace and punctuation set
aside) is looked up there with and without the hyphen. A hyphen the .txt itself has at a line end
("agree-⏎ment" in the source) says nothing and is left out, as are sites found both ways or not at
all. CUAD's PDFs are EDGAR filings printed from HTML or text, so most line-end hyphens are real
(all 245 that the .txt settles). The join side is measured on made-up typeset breaks:
each word of 7+ letters of a PDF cut in the middle, that occurrence taken out of the counts.

Each rule decides from the PDF alone (its own spellings, ``pdf.Spellings``). Halves are
``bench/parties.py``'s md5 halves of the contract id: rules were designed reading ``dev`` only.
About 2 minutes (pypdf extraction); ``--cache`` keeps the extracted lines for reruns.
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
from parties import half  # noqa: E402  (the md5 halves of the other CUAD benches)

from coaltext.errors import CoaltextError  # noqa: E402
from coaltext.ingest import Limits  # noqa: E402
from coaltext.ingest import pdf  # noqa: E402

_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212\u00ad]")
_KEEP = re.compile(r"[^a-z0-9-]")


def _norm(s: str) -> str:
    return _KEEP.sub("", _DASHES.sub("-", unicodedata.normalize("NFKC", s).lower()))


def _txt_index(text: str) -> tuple[str, list[bool]]:
    """The .txt reduced to letters, digits and hyphens; for each hyphen, whether the source breaks
    the line right after it."""
    out, brk = [], []
    text = _DASHES.sub("-", unicodedata.normalize("NFKC", text).lower())
    for i, ch in enumerate(text):
        if ch.isascii() and (ch.isalnum() or ch == "-"):
            out.append(ch)
            brk.append(ch == "-" and text[i + 1 : i + 2] in ("\n", "\r"))
    return "".join(out), brk


def sites(pages_lines: list[list[str]]) -> list[dict]:
    """Every line-end hyphen after letters whose next line on the page is not blank, with the
    page's reduced text around it (other sites' hyphens marked, since either form may be right)."""
    out = []
    for lines in pages_lines:
        lines = [line for line in lines if line]
        flat, marks, ends = "", [], []
        for i, line in enumerate(lines):
            m = pdf._HYPHEN_END.search(line)
            if m and i + 1 < len(lines):
                flat += _norm(line[:-1])
                ends.append((len(flat), i))
                marks.append(len(flat))
            else:
                flat += _norm(line)
        for pos, i in ends:
            left = pdf._HYPHEN_END.search(lines[i]).group(1)
            nxt = lines[i + 1]
            lead = pdf._LEADING_WORD.match(nxt)
            out.append({
                "left": left, "right": lead.group(0) if lead else "", "next": nxt[:1],
                "before": flat[max(0, pos - 24) : pos], "after": flat[pos : pos + 24],
                "marks": [m - pos for m in marks if m != pos and abs(m - pos) <= 24],
                "line": lines[i][-40:] + " ⏎ " + nxt[:40],
            })  # fmt: skip
    return out


def _pattern(before: str, after: str, marks: list[int], hyphen: bool) -> re.Pattern:
    def part(s: str, offset: int) -> str:
        out = ""
        for k, ch in enumerate(s):
            if offset + k in marks:
                out += "-?"
            out += re.escape(ch)
        return out

    b = part(before, -len(before))
    a = part(after, 0)
    return re.compile(b + ("(-)" if hyphen else "()") + a)


def label(site: dict, txt: str, brk: list[bool]) -> str:
    """'keep', 'join', 'source break', 'both' or 'not found'."""
    for k in (24, 14, 8):
        before, after = site["before"][-k:], site["after"][:k]
        marks = [m for m in site["marks"] if -len(before) <= m <= len(after)]
        hy = [m.start(1) for m in _pattern(before, after, marks, True).finditer(txt)]
        jn = _pattern(before, after, marks, False).search(txt)
        if hy and jn:
            return "both"
        if hy:
            return "source break" if all(brk[i] for i in hy) else "keep"
        if jn:
            return "join"
    return "not found"


# ------------------------------------------------------------------------------------- rules
# Each: (site, spellings) -> True to join (drop the hyphen). A join needs a lower-case next line.


def current(s, sp):  # before this bench: join unless the first half is a known prefix
    return s["next"].islower() and s["left"].lower() not in pdf._KEEP_HYPHEN


def never(s, sp):
    return False


def seen_joined(s, sp):  # join only where the document writes the joined word, never hyphenated
    joined, pair = (s["left"] + s["right"]).lower(), f"{s['left']}-{s['right']}".lower()
    return s["next"].islower() and sp.words[joined] > 0 and sp.pairs[pair] == 0


def halves_not_words(s, sp):  # keep when both halves are words of the document
    return s["next"].islower() and not (sp.words[s["left"].lower()] and sp.words[s["right"].lower()])


def right_not_word(s, sp):  # join when what follows the break is no word of the document
    return s["next"].islower() and not sp.words[s["right"].lower()]


def seen_else_right(s, sp):  # the document's spelling where it has one, else right_not_word
    joined, pair = (s["left"] + s["right"]).lower(), f"{s['left']}-{s['right']}".lower()
    if not s["next"].islower() or sp.pairs[pair]:
        return False
    return sp.words[joined] > 0 or not sp.words[s["right"].lower()]


def seen_else_either(s, sp):  # the document's spelling where it has one, else join when a half is no word
    joined, pair = (s["left"] + s["right"]).lower(), f"{s['left']}-{s['right']}".lower()
    if not s["next"].islower() or sp.pairs[pair]:
        return False
    return sp.words[joined] > 0 or not sp.words[s["right"].lower()] or not sp.words[s["left"].lower()]


def coaltext_now(s, sp):  # what pdf.py does: the document's spelling, else a known prefix keeps, else join
    # only where neither half is a word of the document ("collab-oration", not "employee-employer")
    return pdf._breaks_before(s["next"]) and pdf._join_hyphen(s["left"], s["right"], sp)


RULES = [current, never, seen_joined, halves_not_words, right_not_word, seen_else_right,
         seen_else_either, coaltext_now]


def synthetic(sp, cap: int = 400) -> list[tuple[dict, bool]]:
    """Typeset-style breaks made up from the document's own words of 7+ letters (cut in the middle,
    this occurrence taken out of the counts): (site, whether the word occurs only there)."""
    out = []
    for w in sorted(w for w in sp.words if len(w) >= 7 and w.isalpha())[:cap]:
        k = len(w) // 2
        out.append(({"left": w[:k], "right": w[k:], "next": w[k]}, sp.words[w] == 1))
    return out


def collect(limit: int | None, cache: Path | None) -> list[dict]:
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    docs = []
    rows = [r for r in corpora.cuad_contracts() if r["pdf"] is not None][:limit]
    for r in rows:
        try:
            lines, _ = pdf.page_lines(Path(r["pdf"]).read_bytes(), name=Path(r["pdf"]).name, limits=Limits())
        except CoaltextError as exc:
            print(f"skipped {r['contract_id']}: {exc.code}", file=sys.stderr)
            continue
        docs.append({"id": r["contract_id"], "txt": Path(r["txt"]).read_text(encoding="utf-8", errors="replace"),
                     "lines": lines})  # fmt: skip
    if cache:
        cache.write_bytes(pickle.dumps(docs))
    return docs


def run(limit: int | None, cache: Path | None, show: str | None, show_rule: str = "coaltext_now") -> None:
    docs = collect(limit, cache)
    table: dict[str, Counter] = {}
    labels: dict[str, Counter] = {"dev": Counter(), "test": Counter()}
    files: dict[str, set] = {"dev": set(), "test": set()}
    for d in docs:
        h = half(d["id"])
        sp = pdf.Spellings(d["lines"])
        txt, brk = _txt_index(d["txt"])
        for s in sites(d["lines"]):
            gold = label(s, txt, brk)
            labels[h][gold] += 1
            if gold not in ("keep", "join"):
                continue
            files[h].add(d["id"])
            for rule in RULES:
                said = "join" if rule(s, sp) else "keep"
                table.setdefault(rule.__name__, Counter())[h, said, gold] += 1
                if show == h and rule.__name__ == show_rule and said != gold:
                    print(f"  {rule.__name__}: {said} (txt: {gold}) | {s['line']}")
        for s, once in synthetic(sp):
            w = s["left"] + s["right"]
            sp.words[w] -= 1
            for rule in RULES:
                table.setdefault(rule.__name__, Counter())[h, "synthetic", once, rule(s, sp)] += 1
            sp.words[w] += 1
    print("\n## Line-end hyphens in CUAD PDFs\n")
    for h in ("dev", "test"):
        lab = labels[h]
        print(f"{h}: {len(files[h])} PDFs with sites; sites keep {lab['keep']}, join {lab['join']}; left out: "
              f"source break {lab['source break']}, both {lab['both']}, not found {lab['not found']}")  # fmt: skip
    print("\nAccuracy on the real sites; then the share of made-up typeset breaks joined (words of 7+")
    print("letters cut in the middle), for words the document uses elsewhere / only there.\n")
    print("| rule | dev accuracy | dev wrongly joined / wrongly kept | **test accuracy** "
          "| test wrongly joined / wrongly kept | dev breaks joined: elsewhere / only there | test breaks joined |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, c in table.items():
        cells = []
        for h in ("dev", "test"):
            n = sum(v for k, v in c.items() if k[0] == h and k[1] != "synthetic")
            ok = c[h, "keep", "keep"] + c[h, "join", "join"]
            acc = f"{ok / n:.3f}" if n else "-"
            cells += [f"**{acc}**" if h == "test" else acc, f"{c[h, 'join', 'keep']} / {c[h, 'keep', 'join']}"]
        for h in ("dev", "test"):
            rates = []
            for once in (False, True):
                n = c[h, "synthetic", once, True] + c[h, "synthetic", once, False]
                rates.append(f"{c[h, 'synthetic', once, True] / n:.3f}" if n else "-")
            cells.append(" / ".join(rates))
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--show", choices=["dev", "test"], help="print a rule's errors on this half")
    ap.add_argument("--rule", default="coaltext_now", help="the rule whose errors --show prints")
    a = ap.parse_args()
    run(a.limit, a.cache, a.show, a.rule)
