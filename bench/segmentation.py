"""Segmentation, offsets, robustness and speed on the real CUAD contracts (../shared/corpora/cuad).

    .venv/bin/python bench/segmentation.py [--limit N] [--no-pdf] [--full]

Segmentation: of CUAD's annotated spans (all categories but Document Name, Parties, Agreement Date
and Effective Date), the share that lies inside one clause of at most 2,500 characters (or three
times the span). For PDFs each span's text is located in coaltext's PDF text first (whitespace-
insensitive); spans that cannot be located are counted separately.

Baseline: the same measure for a blank-line paragraph splitter.

Speed: pages per second of ingest+structure (and of the full ``coaltext.analyze`` with ``--full``)
against plain pypdf ``extract_text`` of the same PDFs in the same run.
"""

from __future__ import annotations

import argparse
import bisect
import io
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import corpora  # noqa: E402

from coaltext.errors import CoaltextError  # noqa: E402
from coaltext.ingest import read  # noqa: E402
from coaltext.structure.clauses import parse_agreement  # noqa: E402

SKIP = {"Document Name", "Parties", "Agreement Date", "Effective Date"}
MAX_CLAUSE = 2500


def enclosing_ok(spans_ce: list[tuple[int, int]], s: int, e: int) -> bool:
    """Is [s, e) inside some clause no longer than max(2500, 3 × span)?"""
    limit = max(MAX_CLAUSE, 3 * (e - s))
    return any(cs <= s and e <= ce and ce - cs <= limit for cs, ce in spans_ce)


def paragraph_clauses(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S(?:.*?\S)?(?=\s*(?:\n[ \t\r]*\n|\Z))", text, flags=re.S)]


def _spans(cid: str) -> list[tuple[int, int, str]]:
    ann = corpora.cuad_annotations().get(cid, {})
    out = []
    for sp in ann.get("spans", []):
        if sp["category"] in SKIP:
            continue
        s, e, t = sp["start"], sp["end"], sp["text"]
        lead = len(t) - len(t.lstrip())
        trail = len(t) - len(t.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail, t.strip()))
    return out


class Normalised:
    """An alphanumeric-only, lower-cased view of a text with a map back to offsets, so a span
    is found whatever the PDF did to its spaces, quotes, dashes and line-end hyphens."""

    def __init__(self, text: str) -> None:
        keep = [(i, ch.lower()) for i, ch in enumerate(text) if ch.isalnum()]
        self.index = [i for i, _ in keep]
        self.text = "".join(ch for _, ch in keep)

    @staticmethod
    def norm(s: str) -> str:
        return "".join(ch.lower() for ch in s if ch.isalnum())

    def locate(self, span: str, after: int = 0) -> tuple[int, int] | None:
        n = self.norm(span)
        if len(n) < 8:
            return None
        i = self.text.find(n, after)
        if i >= 0:
            return self.index[i], self.index[i + len(n) - 1] + 1
        if len(n) < 60:
            return None
        head, tail = n[:40], n[-40:]
        i = self.text.find(head, after)
        if i < 0:
            return None
        j = self.text.find(tail, i)
        if j < 0 or j - i > 2 * len(n):
            return None
        return self.index[i], self.index[j + len(tail) - 1] + 1


def run(limit: int | None, do_pdf: bool, full: bool) -> None:
    rows = corpora.cuad_contracts()
    if limit:
        rows = rows[:limit]
    tot = ok = base_ok = 0
    offsets_bad = 0
    clauses_total = 0
    failures = []
    t0 = time.perf_counter()
    for r in rows:
        cid = r["contract_id"]
        try:
            doc = read(r["txt"])
            st = parse_agreement(doc)
        except CoaltextError as exc:
            failures.append(f"{cid}.txt: {exc.code}: {exc}")
            continue
        clauses_total += len(st.clauses)
        offsets_bad += sum(doc.text[c.start : c.end] != c.text for c in st.clauses)
        ce = [(c.start, c.end) for c in st.clauses]
        paras = paragraph_clauses(doc.text)
        for s, e, _ in _spans(cid):
            tot += 1
            ok += enclosing_ok(ce, s, e)
            base_ok += enclosing_ok(paras, s, e)
    txt_time = time.perf_counter() - t0

    print("## Segmentation on CUAD (TXT)\n")
    print("| contracts | clauses | spans | coaltext: inside one clause | paragraph baseline | offsets exact | failures |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {len(rows)} | {clauses_total} | {tot} | **{ok / max(tot, 1):.3f}** | {base_ok / max(tot, 1):.3f} "
        f"| {1 - offsets_bad / max(clauses_total, 1):.4f} | {len(failures)} |"
    )
    print(f"\n(TXT ingest+structure: {txt_time:.1f} s for {len(rows)} contracts)\n")
    for f in failures:
        print("- failure:", f)

    if not do_pdf:
        return
    import pypdf

    pdf_rows = [r for r in rows if r["pdf"] is not None]
    ptot = pok = missing = pages = 0
    t_extract = t_struct = t_full = 0.0
    pdf_fail = []
    if full:
        import coaltext

        coaltext.analyze(corpora.SAMPLES / "alliance_agreement.txt")  # load models before timing
    for r in pdf_rows:
        data = Path(r["pdf"]).read_bytes()
        t = time.perf_counter()
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            for p in reader.pages:
                p.extract_text()
        except Exception as exc:  # baseline only
            pdf_fail.append(f"pypdf baseline: {r['contract_id']}: {exc}")
        t_extract += time.perf_counter() - t
        t = time.perf_counter()
        try:
            doc = read(data, name=Path(r["pdf"]).name)
            st = parse_agreement(doc)
        except CoaltextError as exc:
            pdf_fail.append(f"{r['contract_id']}.pdf: {exc.code}: {exc}")
            continue
        t_struct += time.perf_counter() - t
        if full:
            t = time.perf_counter()
            coaltext.analyze(doc)
            t_full += time.perf_counter() - t
        pages += doc.page_count or 0
        ce = [(c.start, c.end) for c in st.clauses]
        norm = Normalised(doc.text)
        for _, _, span_text in _spans(r["contract_id"]):
            loc = norm.locate(span_text)
            if loc is None:
                missing += 1
                continue
            ptot += 1
            pok += enclosing_ok(ce, *loc)
    print("## Segmentation on CUAD (PDF)\n")
    print("| PDFs | pages | spans located | not located | inside one clause | failures |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(f"| {len(pdf_rows)} | {pages} | {ptot} | {missing} | **{pok / max(ptot, 1):.3f}** | {len(pdf_fail)} |")
    for f in pdf_fail:
        print("- failure:", f)
    print("\n## Speed on the same PDFs (one process, warm)\n")
    print("| stage | seconds | pages/s | × pypdf extraction speed |")
    print("|---|---:|---:|---:|")
    print(f"| pypdf `extract_text` alone | {t_extract:.2f} | {pages / t_extract:.1f} | 1.00 |")
    print(f"| coaltext ingest + structure | {t_struct:.2f} | {pages / t_struct:.1f} | {t_extract / t_struct:.2f} |")
    if full:
        total = t_struct + t_full
        print(f"| coaltext `analyze` (ingest+structure+classify+coverage) | {total:.2f} | {pages / total:.1f} | {t_extract / total:.2f} |")
        thirty_pages(pdf_rows)


def thirty_pages(pdf_rows: list[dict]) -> None:
    """Warm time of a whole `analyze` of the real PDFs closest to 30 pages (median of 3 runs)."""
    import statistics

    import coaltext

    sized = []
    for r in pdf_rows:
        n = len(__import__("pypdf").PdfReader(str(r["pdf"])).pages)
        sized.append((abs(n - 30), n, r["pdf"]))
    print("\n## A 30-page agreement, warm (median of 3 runs of `coaltext.analyze` on the file)\n")
    print("| file | pages | seconds |")
    print("|---|---:|---:|")
    for _, n, pdf in sorted(sized, key=lambda x: x[:2])[:3]:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            coaltext.analyze(pdf)
            times.append(time.perf_counter() - t)
        print(f"| {Path(pdf).name[:60]} | {n} | {statistics.median(times):.2f} |")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--full", action="store_true", help="also time the full analyze (loads models)")
    a = ap.parse_args()
    run(a.limit, not a.no_pdf, a.full)
