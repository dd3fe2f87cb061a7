"""Explicit evidence: clause-type patterns (``conf/patterns.yaml``) and drafter headings
(``conf/heading_map.yaml``). Both are declared up front, compiled once, and every hit says which
rule fired and on which words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .taxonomy import conf_yaml, type_ids


@dataclass(frozen=True, slots=True)
class RuleHit:
    type: str
    rule: str  # pattern id ("arbitration.rules") or "heading:<regex>"
    matched: str
    start: int  # offset into the text that was searched
    end: int


_SENTENCE_END = re.compile(r"[.;](?=\s|$)")
# How far an ``unless`` looks beyond its match for the sentence's ends. Without a bound a text with
# no sentence breaks (a 200 KB table flattened onto one line) was scanned back and forth once per
# match: exclusivity.exclusive_role alone took 12 s on such a line.
UNLESS_REACH = 600


def sentence_window(text: str, start: int, end: int, reach: int = UNLESS_REACH) -> tuple[int, int]:
    """The span ``unless`` reads for a match at ``start:end``: its sentence (from after the last
    ". " or "; " before it to the next sentence end after it), cut to ``reach`` characters on either
    side of the match."""
    lo = max(0, start - reach)
    cut = max(text.rfind(". ", lo, start), text.rfind("; ", lo, start))
    hi = min(len(text), end + reach)
    stop = _SENTENCE_END.search(text, end, hi)
    return (cut + 1 if cut >= 0 else lo), (stop.end() if stop else hi)


class PatternSet:
    """Case-insensitive regexes per clause type; ``find(text)`` → one hit per firing pattern.

    A pattern is a regex, or ``{re: ..., unless: ...}``: a match whose sentence also matches
    ``unless`` (a negation, an employee-benefit plan ...) is skipped and the search goes on.
    ``_gate``: words without which a type's patterns are not tried. ``_named``: words without
    which a clause (body or heading) cannot be of the type at all, whatever the model says — an
    arbitration clause says "arbitration" (expert determination or mediation is not arbitration)."""

    def __init__(self, spec: dict[str, dict[str, str | dict[str, str]]]):
        known = set(type_ids())
        self.patterns: list[tuple[str, str, re.Pattern]] = []
        self.unless: dict[str, re.Pattern] = {}
        self.anchored: set[str] = set()  # an ``unless`` that starts with ^ is read from the sentence start
        self.gates: dict[str, tuple[str, ...]] = {}
        self.named: dict[str, tuple[str, ...]] = {}
        for type_id, pats in spec.items():
            if type_id not in known:
                raise ValueError(f"patterns.yaml names unknown clause type {type_id!r}")
            pats = dict(pats or {})
            self.gates[type_id] = tuple(pats.pop("_gate", ()))
            if "_named" in pats:
                self.named[type_id] = tuple(pats.pop("_named"))
            for pid, rx in pats.items():
                if isinstance(rx, dict):
                    if set(rx) != {"re", "unless"}:
                        raise ValueError(f"patterns.yaml: {pid} must be a regex or {{re, unless}}, not keys {sorted(rx)}")
                    self.unless[pid] = re.compile(rx["unless"].removeprefix("^"), re.IGNORECASE)
                    if rx["unless"].startswith("^"):
                        self.anchored.add(pid)
                    rx = rx["re"]
                self.patterns.append((type_id, pid, re.compile(rx, re.IGNORECASE)))

    def search(self, pid: str, rx: re.Pattern, text: str) -> re.Match | None:
        """The first match of one pattern whose sentence its ``unless`` does not veto."""
        veto = self.unless.get(pid)
        for m in rx.finditer(text):
            if veto is None:
                return m
            look = veto.match if pid in self.anchored else veto.search
            if not look(text, *sentence_window(text, m.start(), m.end())):
                return m
        return None

    def speaks_of(self, type_id: str, low: str) -> bool:
        """Whether lower-cased ``low`` uses one of the type's ``_gate`` words (a type without a gate
        always passes)."""
        gate = self.gates.get(type_id)
        return not gate or any(w in low for w in gate)

    def unnamed(self, text: str) -> list[str]:
        """The types with ``_named`` words that ``text`` does not use."""
        low = text.lower()
        return [t for t, words in self.named.items() if not any(w in low for w in words)]

    @property
    def ids(self) -> list[str]:
        return [pid for _, pid, _ in self.patterns]

    def find(self, text: str) -> list[RuleHit]:
        low = text.lower()
        open_ = {t for t in self.gates if self.speaks_of(t, low)}
        hits = []
        for type_id, pid, rx in self.patterns:
            if type_id not in open_:
                continue
            m = self.search(pid, rx, text)
            if m:
                hits.append(RuleHit(type_id, pid, _clip(m.group(0)), m.start(), m.end()))
        return hits


class HeadingMap:
    """Drafter headings ("Governing Law; Jurisdiction") → clause types."""

    def __init__(self, spec: dict[str, list[str]]):
        known = set(type_ids())
        self.rules: list[tuple[str, re.Pattern]] = []
        for type_id, rxs in spec.items():
            if type_id not in known:
                raise ValueError(f"heading_map.yaml names unknown clause type {type_id!r}")
            self.rules.extend((type_id, re.compile(rx, re.IGNORECASE)) for rx in rxs)

    def find(self, heading: str | None) -> list[RuleHit]:
        if not heading:
            return []
        h = normalise_heading(heading)
        if not h or len(h) > 80:
            return []
        seen: dict[str, RuleHit] = {}
        for type_id, rx in self.rules:
            if type_id in seen:
                continue
            m = rx.search(h)
            if m:
                seen[type_id] = RuleHit(type_id, f"heading:{rx.pattern}", heading.strip(), 0, 0)
        return list(seen.values())


_NUM = re.compile(r"^\s*((article|section|clause|schedule|exhibit|annex|appendix)\s+)?[\divxlc]+([.\d]*)[.):]?\s+", re.I)


def normalise_heading(heading: str) -> str:
    h = _NUM.sub("", heading.strip())
    h = re.sub(r"\s+", " ", h).strip(" .:;-–—")
    return h.lower()


def _clip(s: str, n: int = 120) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    return s if len(s) <= n else s[: n - 1] + "…"


@lru_cache(maxsize=1)
def patterns() -> PatternSet:
    return PatternSet(conf_yaml("patterns.yaml"))


@lru_cache(maxsize=1)
def headings() -> HeadingMap:
    return HeadingMap(conf_yaml("heading_map.yaml"))
