"""Parties (with roles), the agreement date and defined terms."""

from __future__ import annotations

import re
from datetime import date

from ..types import Clause, Definition, Party

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}  # fmt: skip
_MONTH_RE = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_DATE_PATTERNS = [
    re.compile(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I),  # March 5, 2024
    re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?" + _MONTH_RE + r",?\s+(\d{4})", re.I),  # 5th day of March 2024
    re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b"),  # 03/05/2024
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
]
_DATE_CUE = re.compile(
    r"(dated|entered\s+into|made|effective|executed|as\s+of|this\s+agreement\s+is\s+made|dated\s+as\s+of|on)\b", re.I
)

ROLE_WORDS = {
    "licensor", "licensee", "company", "distributor", "supplier", "manufacturer", "customer", "consultant",
    "contractor", "partner", "investor", "institute", "university", "sponsor", "developer", "reseller",
    "franchisee", "franchisor", "provider", "client", "purchaser", "seller", "buyer", "vendor", "agent",
    "participant", "member", "collaborator", "owner", "lender", "borrower", "employer", "affiliate",
    "promoter", "endorser", "publisher", "producer", "marketer", "servicer", "operator", "recipient",
    "discloser", "disclosing party", "receiving party", "venturer", "co-venturer", "joint venturer",
    "party a", "party b", "agency", "bank", "parent", "subsidiary", "guarantor", "landlord", "tenant",
}  # fmt: skip

# NAME, (a Delaware corporation …)? ("Alias") | (hereinafter (referred to as) "Alias")
_PARTY = re.compile(
    r"(?P<name>(?:(?:[A-Z0-9][\w&.,'’\-]*|of|and|for|the|de|du|la|von|van|&)\s+){0,9}?(?:[A-Z0-9][\w&.'’\-]*))"
    r"(?P<desc>,?\s+(?:an?|the)\s+[^()\"“”]{0,400}?)?"
    r"\s*\((?:each\s+a\s+\"?Party\"?\s+and\s+)?(?:hereinafter\s+|hereafter\s+)?(?:(?:referred\s+to\s+|defined\s+)?as\s+)?(?:the\s+)?[\"“”']+(?P<alias>[^\"“”']{1,60})[\"“”']+",
)
_BAD_NAMES = {"agreement", "this agreement", "the agreement", "effective date", "parties", "party", "the parties"}


def find_parties(text: str) -> list[Party]:
    """Parties named in the preamble: ``Acme Corp., a Delaware corporation ("Licensor")``."""
    out: list[Party] = []
    seen: set[str] = set()
    for m in _PARTY.finditer(text):
        name = m.group("name").strip(" ,")
        alias = m.group("alias").strip()
        name = re.sub(r"^(?:by\s+and\s+between|between|among|and|by|with|BETWEEN|AMONG|AND)\s+", "", name).strip(" ,")
        if not name or name.lower() in _BAD_NAMES or alias.lower() in _BAD_NAMES:
            continue
        if not any(ch.isupper() for ch in name[:1]) or len(name) < 2:
            continue
        if alias.lower().rstrip("s") in ("agreement", "effective date", "term"):
            continue
        key = name.lower()
        if key in seen:
            continue
        seen.add(key)
        role = alias if alias.lower() in ROLE_WORDS else None
        out.append(Party(name=name, role=role, alias=alias, start=m.start("name"), end=m.start("name") + len(m.group("name").rstrip(" ,"))))
        if len(out) >= 8:
            break
    return out


def parse_date(s: str) -> str | None:
    """ISO date for the first date in ``s``, or None."""
    for i, pat in enumerate(_DATE_PATTERNS):
        m = pat.search(s)
        if not m:
            continue
        try:
            if i == 0:
                mon, d, y = _month(m.group(1)), int(m.group(2)), int(m.group(3))
            elif i == 1:
                d, mon, y = int(m.group(1)), _month(m.group(2)), int(m.group(3))
            elif i == 2:
                mon, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
                y += 2000 if y < 50 else 1900 if y < 100 else 0
            else:
                y, mon, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            return date(y, mon, d).isoformat()
        except (ValueError, TypeError):
            continue
    return None


def _month(s: str) -> int:
    key = s.lower().rstrip(".")
    for name, i in _MONTHS.items():
        if name.startswith(key[:3]):
            return i
    raise ValueError(s)


def find_date(text: str) -> str | None:
    """The agreement date: the first date near a cue ("dated", "entered into", "as of")."""
    for cue in _DATE_CUE.finditer(text):
        found = parse_date(text[cue.start() : cue.start() + 120])
        if found:
            return found
    return parse_date(text[:2000])


_DEFINITION = re.compile(
    r"[\"“](?P<term>[A-Z][^\"“”]{0,60})[\"”]\s*(?:\([^)]{0,40}\)\s*)?(?:shall\s+mean|means|shall\s+have\s+the\s+meaning|has\s+the\s+meaning|shall\s+refer\s+to|refers\s+to|is\s+defined)"
    r"|\((?:the\s+|each\s+a\s+|collectively,?\s+the\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?)?[\"“](?P<term2>[A-Z][^\"“”]{0,60})[\"”]\)"
)


def find_definitions(text: str, clauses: list[Clause]) -> list[Definition]:
    """Defined terms with where they are defined (the most specific clause holding the definition)."""
    out: list[Definition] = []
    seen: set[str] = set()
    starts = [(c.start, c.end, c.id) for c in clauses]
    for m in _DEFINITION.finditer(text):
        term = (m.group("term") or m.group("term2")).strip()
        key = term.lower()
        if key in seen:
            continue
        seen.add(key)
        grp = "term" if m.group("term") else "term2"
        s, e = m.start(grp), m.end(grp)
        holder = None
        for cs, ce, cid in starts:  # clauses are in document order; the last container is the deepest
            if cs <= s and e <= ce:
                holder = cid
        out.append(Definition(term=term, clause=holder, start=s, end=e))
    return out
