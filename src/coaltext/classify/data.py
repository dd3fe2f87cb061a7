"""Training and evaluation examples from the real corpora (``../shared/corpora``), all labelled
by someone other than us except the small project-written set in ``corpora/clause_examples.jsonl``.

Every example is a clause body (heading removed) with, per clause type, a label that is known
positive (1), known negative (0) or unknown (-1). Unknown labels are skipped when that type's
head is fitted, so weak sources only teach what they actually know:

- CUAD clauses: spans of mapped CUAD categories give positives; for the types CUAD annotates
  exhaustively (``cuad_exhaustive`` in ``conf/clause_labels.yaml``) every other clause is a
  negative — except, for the types our definitions make broader than CUAD's (``cuad_broader``),
  a clause where one of the type's patterns fires: its label stays unknown.
- Drafter headings mapped by ``conf/heading_map.yaml`` give positives for the types CUAD
  lacks, and a clause headed for one type is a negative for those types it is not headed for —
  unless an explicit pattern of that type fires in it (then the label stays unknown).
- Clauses the project labelled one by one (``corpora/clause_labels``: CUAD clauses with a keyword
  of a broader type, read by hand against our definition) take that label for that type.
- Contracts the project labelled by hand (``corpora/hand_labels*``, the splits in
  :data:`TRAIN_HAND_SPLITS`): their labels, by our definitions, override the rest for those
  contracts (:func:`_apply_hand_labels`). ``test3`` … ``test7`` are never read here.
- LEDGAR provisions: the mapped label is positive; other groups' types are negative (same
  pattern exception).
- UNFAIR-ToS sentences and project examples: positives only.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..types import Clause, Document
from .features import EMB_CHARS, clause_inputs, is_formula, model_text, own_text, pattern_text, sentences_of
from .rules import headings, patterns
from .taxonomy import clause_types, conf_yaml, type_ids

REPO = Path(__file__).resolve().parents[3]
# The hand-labelled splits that teach. "test" and "test2" were held out until 2026-12-07 (sixth
# session); after more than ten scorings each they no longer measured anything unseen, so they
# teach now, and "test3" (scored, never read for errors), "test4" (labelled that day), "test5"
# "test6" and "test7" (labelled at the start of the seventh, eighth and ninth sessions, before their
# tuning) measure.
TRAIN_HAND_SPLITS = ("dev", "test", "test2")
EXAMPLES = REPO / "corpora" / "clause_examples.jsonl"
MIN_BODY = 25


def _corpora():
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import corpora  # the loaders at the repo root

    return corpora


@dataclass(slots=True)
class Example:
    text: str  # model_text(body): what the head reads
    full: str  # the whole body, whitespace squashed: what the patterns read
    labels: dict[str, int]  # type -> 1 / 0 (absent: unknown)
    source: str  # cuad | ledgar | unfair_tos | project
    group: str  # contract id (CUAD) or source name: the unit of cross-validation
    heading: str | None = None
    start: int = 0  # own-text span in the contract (CUAD only)
    end: int = 0
    clause_id: str = ""
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    sents: list[str] = field(default_factory=list)  # model_text of each sentence of the body
    sent_labels: list[dict[str, int]] = field(default_factory=list)  # per sentence (CUAD only)



# ---------------------------------------------------------------- segmentation


def segment(text: str, name: str = "contract.txt") -> list[Clause]:
    """The clause tree coaltext produces for ``text`` (the structure stage's parser; a simple
    paragraph splitter only where that stage is not installed)."""
    try:
        from ..structure.clauses import parse_agreement
    except ImportError:
        return fallback_segment(text)
    doc = Document(name=name, sha256="0" * 64, media_type="text/plain", text=text)
    try:
        return parse_agreement(doc).clauses
    except Exception as exc:  # a parser bug must not stop training: count it, use the fallback
        SEGMENT_FAILURES.append(f"{name}: {type(exc).__name__}: {exc}")
        return fallback_segment(text)


SEGMENT_FAILURES: list[str] = []


_PARA = re.compile(r"\S(?:.|\n(?!\s*\n))*", re.M)
_INLINE = re.compile(
    r"^((?:section|article|clause)\s+)?(\d+(?:\.\d+)*\.?|\([a-z0-9]{1,4}\)|[A-Z]\.)\s+"
    r"([A-Z][A-Za-z0-9 ,;&/'’\-]{2,80}?)[.:](?=\s)",
    re.I,
)
_ENUM = re.compile(r"(?<=\s)\((?:[a-z]|[ivx]{1,4})\)\s")


def _is_standalone_heading(p: str) -> bool:
    p = p.strip()
    if len(p) > 100 or len(p.split()) > 12 or p.endswith((".", ",", ";")) and not re.match(r"^[\d.]+$", p[-3:]):
        return False
    letters = [ch for ch in p if ch.isalpha()]
    if not letters:
        return False
    upper = sum(ch.isupper() for ch in letters) / len(letters)
    return upper > 0.8 or bool(re.match(r"^(article|section)\s+[\divxlc]+", p, re.I))


def fallback_segment(text: str) -> list[Clause]:
    """Blank-line paragraphs; ALL-CAPS lines open a parent; "5. Heading. Body" headings kept;
    long paragraphs split at (a)/(i) enumerations. Only for prototyping without the parser."""
    clauses: list[Clause] = []
    parent: Clause | None = None

    def add(start, end, level, parent_id, number=None, heading=None, kind="paragraph"):
        c = Clause(id=f"c{len(clauses) + 1}", number=number, heading=heading, level=level,
                   parent=parent_id, kind=kind, start=start, end=end, text=text[start:end])
        clauses.append(c)
        return c

    for m in _PARA.finditer(text):
        s, e = m.start(), m.end()
        e = s + len(text[s:e].rstrip())
        p = text[s:e]
        if _is_standalone_heading(p):
            parent = add(s, e, 1, None, heading=re.sub(r"\s+", " ", p).strip(), kind="article")
            continue
        num = head = None
        im = _INLINE.match(p)
        if im:
            num, head = im.group(2), im.group(3).strip()
        level = 2 if parent else 1
        pid = parent.id if parent else None
        c = add(s, e, level, pid, number=num, heading=head, kind="section")
        if parent is not None:  # the parent covers its children
            i = clauses.index(parent)
            clauses[i] = parent = parent.model_copy(update={"end": e, "text": text[parent.start:e]})
        if len(p) > 2000:
            cuts = [x.start() for x in _ENUM.finditer(p)]
            cuts = [x for x in cuts if x > 40]
            for a, b in zip(cuts, cuts[1:] + [len(p)]):
                add(s + a, s + len(p[:b].rstrip()), level + 1, c.id, number=p[a:a + 6].split()[0])
    return clauses


# ---------------------------------------------------------------- label maps


@lru_cache(maxsize=1)
def label_maps() -> dict:
    return conf_yaml("clause_labels.yaml")


def _pattern_types(text: str) -> set[str]:
    """Types an explicit pattern finds in ``text``. A weak negative (a clause headed for another
    type, a LEDGAR provision of another group) is no negative for these: "Governing Law" clauses
    that also submit to the courts' jurisdiction must not teach that jurisdiction wording is not
    jurisdiction."""
    return {h.type for h in patterns().find(text)}


# A recital of an amendment states what the amendment does, not what the parties set out to achieve
# together: "WHEREAS, the parties hereto desire to further amend the Agreement to modify …". Such a
# clause is a purpose negative (unless a hand label cites it), also under a "Recitals" heading, which
# would otherwise make it a positive: the head had learnt "whereas … desire to amend" as purpose (p 0.90
# to 0.99 on the hand-labelled amendments labelled without a purpose). 12 clauses in 7 of the 407
# CUAD texts; an amended and restated agreement keeps its recital.
AMENDING_RECITAL = re.compile(
    r"^\W*whereas\b[^;]{0,300}\b(?:wish|wishes|desire|desires|intend|intends)\b[^;]{0,40}\bto (?:further |now )?"
    r"(?:amend(?! and restate)|modify|supplement|extend the term)\b", re.I)


def span_label(s0: int, s1: int, a: int, b: int) -> bool:
    """Whether the clause text [s0, s1) carries an annotated span [a, b): they overlap by at least
    half of the shorter of the two."""
    ov = max(0, min(s1, b) - max(s0, a))
    return ov > 0 and ov >= 0.5 * min(b - a, s1 - s0)


def cuad_examples(contract_ids: list[str] | None = None, with_clauses: bool = False):
    """Examples for every clause of the CUAD contracts; with ``with_clauses`` also
    ``{contract_id: (clauses, gold spans per type, doc-level gold types)}`` for evaluation."""
    corpora = _corpora()
    maps = label_maps()
    cmap: dict[str, str] = maps["cuad"]
    exhaustive = set(maps["cuad_exhaustive"])
    broader = set(maps["cuad_broader"])
    cuad_types = set(cmap.values())
    heading_only = [t for t in type_ids() if t not in exhaustive]
    ann = corpora.cuad_annotations()
    hand = {cid: rec for split in TRAIN_HAND_SPLITS for cid, rec in corpora.hand_labels(split).items()}
    relabels = corpora.clause_labels()
    ids = contract_ids or [r["contract_id"] for r in corpora.cuad_contracts()]
    hmap = headings()
    examples: list[Example] = []
    docs = {}
    for cid in ids:
        if cid not in ann:
            continue
        text = corpora.cuad_text(cid)
        spans: dict[str, list[tuple[int, int]]] = {}
        for sp in ann[cid]["spans"]:
            t = cmap.get(sp["category"])
            if t:
                spans.setdefault(t, []).append((sp["start"], sp["end"]))
        clauses = segment(text, name=cid + ".txt")
        owns = own_text(clauses)
        for c, own, inp in zip(clauses, owns, clause_inputs(clauses)):
            body = model_text(inp.body)
            full = pattern_text(inp.body)
            if len(body) < MIN_BODY or c.kind == "contents" or is_formula(inp.body):  # they state no type
                continue
            s0, s1 = c.start, c.start + len(own)
            said = _pattern_types(full)
            labels: dict[str, int] = {}
            for t in exhaustive:
                labels[t] = -1 if t in broader and t in said else 0
            for t, sps in spans.items():
                if any(span_label(s0, s1, a, b) for a, b in sps):
                    labels[t] = 1
            head_types = {h.type for h in hmap.find(c.heading)}
            if head_types:
                for t in heading_only:
                    if t in head_types:
                        labels[t] = 1
                    elif labels.get(t) != 1 and t not in said:
                        labels[t] = 0
            if "purpose" not in said and AMENDING_RECITAL.search(full):
                labels["purpose"] = 0
            for r in relabels.get(cid, ()):
                if span_label(s0, s1, r["start"], r["end"]):
                    labels[r["type"]] = r["label"]
            if cid in hand:
                _apply_hand_labels(labels, hand[cid]["types"], s0, s1)
            sents, sspans = sentences_of(inp.body)
            base = s0 + inp.offset
            sent_labels = []
            for a, b in sspans:
                lab = {t: (-1 if labels.get(t) == -1 else 0) for t in exhaustive}
                for t, sps in spans.items():
                    if t in exhaustive and any(span_label(base + a, base + b, x, z) for x, z in sps):
                        lab[t] = 1
                sent_labels.append(lab)
            examples.append(Example(text=body, full=full, labels=labels, source="cuad", group=cid,
                                    heading=c.heading, start=s0, end=s1, clause_id=c.id,
                                    sents=sents, sent_labels=sent_labels))
        if with_clauses:
            docs[cid] = (clauses, spans, {t for t in spans if t in cuad_types})
    return (examples, docs) if with_clauses else examples


def _apply_hand_labels(labels: dict[str, int], types: dict[str, dict], s0: int, s1: int) -> None:
    """The project's own whole-contract labels (``corpora/hand_labels*``, training splits) by our
    definitions: a clause carrying a labelled evidence sentence is a positive; a type absent from
    the whole contract makes every clause a negative (unknown where a CUAD span says otherwise)."""
    for t, lab in types.items():
        if lab["present"]:
            if any(span_label(s0, s1, a, b) for a, b in lab["evidence"]):
                labels[t] = 1
        else:
            labels[t] = -1 if labels.get(t) == 1 else 0


def ledgar_examples() -> list[Example]:
    maps = label_maps()
    lmap: dict[str, str] = maps["ledgar"]
    ambiguous = set(maps["ledgar_unmapped_unknown"])
    groups = {t.id: t.group for t in clause_types()}
    out = []
    for r in _corpora().ledgar():
        t = lmap.get(r["label"])
        said = _pattern_types(pattern_text(r["text"]))
        if t:
            labels = {u: 0 for u in type_ids() if groups[u] != groups[t] and u not in said}
            labels[t] = 1
        else:
            labels = {u: 0 for u in type_ids() if u not in ambiguous and u not in said}
        out.append(Example(text=model_text(r["text"]), full=pattern_text(r["text"]), labels=labels, source="ledgar",
                           group="ledgar", sents=sentences_of(r["text"])[0]))
    return out


def unfair_examples() -> list[Example]:
    umap: dict[str, str] = label_maps()["unfair_tos"]
    out = []
    for r in _corpora().unfair_tos():
        labels = {umap[x]: 1 for x in r["labels"] if x in umap}
        if labels:
            out.append(Example(text=model_text(r["text"]), full=pattern_text(r["text"]), labels=labels, source="unfair_tos",
                               group="unfair_tos", sents=sentences_of(r["text"])[0]))
    return out


def project_examples(path: Path = EXAMPLES) -> list[Example]:
    out = []
    if not path.exists():
        return out
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                labels = {t: 1 for t in r["types"]}
                labels.update({t: 0 for t in r.get("not", [])})
                out.append(Example(text=model_text(r["text"]), full=pattern_text(r["text"]), labels=labels, source="project",
                                   group="project", sents=sentences_of(r["text"])[0]))
    return out


def label_matrix(examples: list[Example]) -> np.ndarray:
    """(n, 27) int8: 1 positive, 0 negative, -1 unknown."""
    return label_rows([ex.labels for ex in examples])


def label_rows(rows: list[dict[str, int]]) -> np.ndarray:
    idx = {t: i for i, t in enumerate(type_ids())}
    y = np.full((len(rows), len(idx)), -1, dtype=np.int8)
    for i, labels in enumerate(rows):
        for t, v in labels.items():
            y[i, idx[t]] = v
    return y


def sentence_table(examples: list[Example]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every sentence of every example: (texts, owner example index, (S, 27) labels)."""
    texts, owner, rows = [], [], []
    for i, ex in enumerate(examples):
        labs = ex.sent_labels or [{}] * len(ex.sents)
        for sent, lab in zip(ex.sents, labs):
            texts.append(sent)
            owner.append(i)
            rows.append(lab)
    return texts, np.array(owner, dtype=np.int64), label_rows(rows)
