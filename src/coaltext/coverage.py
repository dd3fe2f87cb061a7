"""Coverage of an agreement against a playbook, and the flags a reviewer must see.

Every one of the 27 clause types gets a :class:`CoverageItem` (required / recommended by the
playbook; present / weak / missing with a score and evidence clause ids). Playbooks, competitor
signals and the evidence checks behind the flags are data in ``conf/playbooks.yaml``.

Clause types on the clauses come from :mod:`coaltext.classify`; a label scoring at least
``THRESHOLD`` (see :mod:`coaltext.classify.engine`) makes a type present, one between
``MIN_SCORE`` and the threshold only weak. Evidence points at the most specific clauses: a clause is
dropped from a type's evidence when one of its descendants also carries the type, unless its own words
(more than headings) state the type at least as surely as every such descendant (a clause above the
paragraphs that continue it). The clause cited first is the best-scoring one that states the type in
its own words: definitions ("Exclusivity Period" means …), clauses of a few words (a bare heading, a
contents line) and labels resting on the heading alone come after it, and so do recitals (except for
the purpose, which recitals exist to state). Among the rest, a clause with the wording a reviewer
looks for first (``evidence_focus`` in ``conf/playbooks.yaml``: jointly owned or assigned IP, the
revenue split itself) comes before the others, and one with wording of a deal still to be made
(``evidence_after``: an option to negotiate terms "expected to include … royalties") after them. A
clause's wording is its own and that of the items within it not cited for the type in their own right.
A clause within or around one cited before it is not cited again where a report's quote of the first
shows it (a lead-in and the items that finish its sentence excepted), and a label on a clause without
the wording its type needs (``stated_only_with``: competition law for antitrust compliance) is at
most weak.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .classify.engine import MIN_SCORE, THRESHOLD
from .classify.features import own_text, strip_heading
from .classify.taxonomy import COMPETITION_RESTRAINTS, clause_type, conf_yaml, type_ids
from .errors import UnknownPlaybook
from .types import AgreementStructure, Clause, Coverage, CoverageItem, Document, Flag, KeyTerm, Party

MAX_EVIDENCE = 5
# How much of an evidence clause the Markdown and HTML reports quote (report.agreement reads it
# here): a sub-clause starting within that much of its parent would be quoted twice.
QUOTE_CHARS = 420
MAX_SENTENCE = 1000  # characters: how far restraint_reach looks for the ends of the sentence around a match
STUB_WORDS = 8  # a clause whose own text has fewer words is cited only after fuller ones
FRAGMENT_MARGIN = 0.2  # a list item is cited after its lead-in when the lead-in scores at least this close
PREFATORY_KINDS = {"recital", "preamble", "title"}  # cited after operative clauses …
STATED_IN_RECITALS = {"purpose"}  # … except for the types the recitals exist to state
MISSION_TYPES = {"ip_ownership", "ip_license", "revenue_sharing", "arbitration", "dispute_resolution",
                 "governing_law", "antitrust_compliance"}
_SEVERITY = ("info", "warning", "high")
_DEFINITION = re.compile(r"\s*(\(?[\w.]{1,8}\)?\s+)?[\"“'‘][^\"”’]{1,100}[\"”’]\s+(shall\s+)?(means?|has the meaning|shall have the meaning)\b")


@dataclass(frozen=True, slots=True)
class Playbook:
    name: str
    title: str
    match: tuple[re.Pattern, ...]
    title_words: tuple[re.Pattern, ...]
    required: frozenset[str]
    recommended: frozenset[str]
    # (playbook, the title words that make it win when a title names both it and this one)
    title_yields_to: tuple[tuple[str, tuple[re.Pattern, ...]], ...] = ()


@lru_cache(maxsize=1)
def _conf() -> dict:
    return conf_yaml("playbooks.yaml")


@lru_cache(maxsize=1)
def playbooks() -> dict[str, Playbook]:
    known = set(type_ids())
    out = {}
    for name, spec in _conf()["playbooks"].items():
        bad = (set(spec["required"]) | set(spec["recommended"])) - known
        if bad:
            raise ValueError(f"playbook {name!r} names unknown clause types {sorted(bad)}")
        out[name] = Playbook(name, spec["title"], tuple(_compile(spec["match"])),
                             tuple(_compile(spec.get("title_words", []))),
                             frozenset(spec["required"]), frozenset(spec["recommended"]) - set(spec["required"]),
                             tuple((n, tuple(_compile(words))) for n, words in spec.get("title_yields_to", {}).items()))
    if bad := {n for b in out.values() for n, _ in b.title_yields_to} - set(out):
        raise ValueError(f"title_yields_to names unknown playbooks {sorted(bad)}")
    return out


def playbook_names() -> list[str]:
    return list(playbooks())


def _compile(patterns: list[str]) -> list[re.Pattern]:
    """Case-insensitive, except patterns that look for capitalised words (``[A-Z]``)."""
    return [re.compile(p) if "[A-Z]" in p else re.compile(p, re.I) for p in patterns]


@lru_cache(maxsize=None)
def _regexes(key: str) -> list[re.Pattern]:
    return _compile(_conf()[key])


@lru_cache(maxsize=None)
def _focus(t: str) -> list[re.Pattern]:
    """Wording that answers the question a reviewer asks first of type ``t`` (``evidence_focus``)."""
    return _compile(_conf().get("evidence_focus", {}).get(t, []))


@lru_cache(maxsize=None)
def _stated_only_with(t: str) -> list[re.Pattern]:
    """Wording without which a label of type ``t`` is at most weak (``stated_only_with``)."""
    return _compile(_conf().get("stated_only_with", {}).get(t, []))


def lacks_stated_wording(t: str, text: str) -> bool:
    """Whether a clause of ``text`` lacks the wording a label of type ``t`` needs to count as more
    than weak (``stated_only_with``; types without such wording never lack it)."""
    needs = _stated_only_with(t)
    return bool(needs) and not any(rx.search(text) for rx in needs)


def _after(t: str) -> list[re.Pattern]:
    """Wording that puts a clause of type ``t`` after the others (``evidence_after``: a deal still to be made)."""
    return _compile(_conf().get("evidence_after", {}).get(t, []))


@lru_cache(maxsize=None)
def _audit_rx(key: str) -> list[re.Pattern]:
    return _compile(_conf()["payment_audit"][key])


# "This Joint Venture Agreement", "THE PRESENT MEMORANDUM": this agreement, not another it mentions
_THIS = re.compile(r"(?i:\b(?:this|the present))\s+(?:[A-Z][\w&'’-]*,?\s+){0,4}$")
_NAMES_AGREEMENT = re.compile(r"\W{0,2}(?:[A-Z][\w&'’-]*,?\s+){0,4}(?i:agreement|memorandum)\b")
# "amend the Content License Agreement", "AMENDMENT NO. 2 TO THE SUPPLY AGREEMENT"
_AMENDED = re.compile(r"(?i:\bamend(?:s|ed|ing|ment(?:\s+no\.?\s*\d+)?)?\s+(?:to\s+)?(?:the\s+|that\s+certain\s+)?)"
                      r"((?:[A-Z][\w&'’-]*,?\s+){1,6}(?i:agreement))")


def choose_playbook(structure: AgreementStructure, doc: Document) -> tuple[Playbook, str]:
    """Pick a playbook from the title when it names a kind of agreement, else from the recitals."""
    books = playbooks()
    title = re.sub(r"\s+", " ", structure.title or "")
    intro = " ".join(c.text for c in structure.clauses if c.kind in ("recital", "preamble", "title"))
    intro = re.sub(r"\s+", " ", intro or doc.text[:3000])[:6000]
    if title and not any(rx.search(title) for rx in _regexes("kindless_titles")):
        if picked := _named_kind(title, "title"):
            return _research_consortium(picked, title, title, intro)
    if re.search(r"\b(amend|addend|supplement|restat)", title, re.I):
        # an amendment takes the playbook of the agreement it amends
        if (m := _AMENDED.search(title) or _AMENDED.search(intro)) and (picked := _named_kind(m.group(1), "amends")):
            return picked
        hits = {name: _hits(book.match, intro) for name, book in books.items()}
    else:
        hits = {name: _hits(book.match, intro, this_agreement=True) for name, book in books.items()}
    # a hit that names this agreement ("This Cooperation Agreement") outweighs a word in passing ("the
    # parties wish to collaborate"); then the most hits; max keeps the first of equals
    best = max(books, key=lambda name: (sum(_names_agreement(w, intro) for w in hits[name]), len(hits[name])))
    if hits[best]:
        picked = books[best], f"auto: {books[best].title} — recitals “{'”, “'.join(hits[best])}”"
        return _research_consortium(picked, " ".join(hits[best]), title, intro)
    return books["generic"], "no playbook keyword in the title or recitals names this agreement's kind: generic playbook"


def _research_consortium(picked: tuple[Playbook, str], words: str, title: str, intro: str) -> tuple[Playbook, str]:
    """A strategic alliance picked for a consortium (``words``: those that picked it) whose title or
    recitals say it does research, development or innovation is a research collaboration
    (``research_consortium``)."""
    if picked[0].name != "strategic_alliance" or not any(rx.search(words) for rx in _consortium_rx("consortium")):
        return picked
    m = next((m for rx in _consortium_rx("research_work") for text in (title, intro) if (m := rx.search(text))), None)
    if m is None:
        return picked
    book = playbooks()["research_collaboration"]
    where = picked[1].split(" — ", 1)[-1]  # title “CONSORTIUM”
    return book, (f"auto: {book.title} — {where}; a consortium that does research (“{m.group(0)}”) is a "
                  f"{book.title.lower()}, not a {picked[0].title.lower()}")


@lru_cache(maxsize=None)
def _consortium_rx(key: str) -> list[re.Pattern]:
    return _compile(_conf()["research_consortium"][key])


def _names_agreement(words: str, text: str) -> bool:
    """Do the hit ``words`` name an agreement in ``text`` ("Cooperation Agreement", "Joint Venture Agreement")."""
    return bool(re.search(r"agreement|memorandum", words, re.I)
                or re.search(re.escape(words) + _NAMES_AGREEMENT.pattern, text))


def _named_kind(name: str, where: str) -> tuple[Playbook, str] | None:
    """The playbook a title (or the name of an amended agreement) names; of two, the one that
    requires more; generic for a kind with no playbook of its own; None when it names no kind."""
    books = playbooks()
    named = {n: hits for n, b in books.items() if (hits := _hits(b.match + b.title_words, name))}
    if named:
        best = max(named, key=lambda n: len(books[n].required))
        why = "the playbook that requires more wins"
        if yields := [(n, m.group(0)) for n, words in books[best].title_yields_to if n in named
                      and (m := next((m for rx in words if (m := rx.search(name))), None))]:
            # "RESEARCH CONSORTIUM": research says what the consortium does, and decides
            best, word = yields[0]
            why = f"“{word}” says what the parties do together, so it decides the kind"
        also = [books[n].title.lower() for n in named if n != best]
        why = f"; it also names a {' and a '.join(also)}: {why}" if also else ""
        return books[best], f"auto: {books[best].title} — {where} “{'”, “'.join(named[best])}”{why}"
    if m := next((m for rx in _regexes("no_playbook_kinds") if (m := rx.search(name))), None):
        return books["generic"], (f"auto: {books['generic'].title} — {where} “{name}” names a kind of agreement "
                                  f"(“{m.group(0)}”) with no playbook of its own")
    return None


def _hits(patterns: tuple[re.Pattern, ...], text: str, this_agreement: bool = False) -> list[str]:
    """The words of ``text`` that ``patterns`` match, overlapping matches counted once. With
    ``this_agreement``, a match that names an agreement must name this one ("This Joint Venture
    Agreement"), not another ("under the License Agreement dated …")."""
    spans = []
    for rx in patterns:
        for m in rx.finditer(text):
            start = m.start()
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
                start -= 1  # "Sublicense Agreement" is named from "Sub"
            end = m.end()
            while end < len(text) and text[end].isalnum():
                end += 1  # the whole word is quoted: "COLLABORATION", not the pattern's "COLLABORAT"
            names = re.search(r"agreement|memorandum", m.group(0), re.I) or _NAMES_AGREEMENT.match(text, m.end())
            if not this_agreement or not names or _THIS.search(text[max(0, start - 80):start]):
                spans.append((m.start(), end, text[m.start() : end]))
                break
    kept: list[tuple[int, int, str]] = []
    for a, b, words in sorted(spans):
        if not kept or a >= kept[-1][1]:
            kept.append((a, b, words))
    return [words for _, _, words in kept]


def _descendants_map(clauses: list[Clause]) -> dict[str, str | None]:
    return {c.id: c.parent for c in clauses}


def _ancestors(cid: str, parent: dict[str, str | None]) -> set[str]:
    out, p = set(), parent.get(cid)
    while p is not None and p not in out:
        out.add(p)
        p = parent.get(p)
    return out


# a lead-in left open for its list: "… information that:", "… shall be deemed given", "… by:"
_OPEN_END = re.compile(r"(?:[:,;—–-]|\b(?:that|which|who|if|when|where|whether|to|by|of|or|and|following|"
                       r"including|unless|except|provided|upon|deemed given))\W{0,3}$", re.I)


_ADDRESS_ITEM = re.compile(r"if\s+to\b", re.I)  # "(b) If to SONY, to: Sony Electronics Inc. …" under "… addressed as follows:"


def _continues_parent(clause: Clause, own: str, parent_own: str | None) -> bool:
    """A numbered list item whose words open in lower case under a lead-in left open: the rest of its
    parent's sentence ("(iii) is independently developed …" under "… except information that:")."""
    if clause.number is None or parent_own is None or not _OPEN_END.search(parent_own.rstrip()):
        return False
    body = strip_heading(own, clause.number, clause.heading)[0].lstrip(" \t\n\"“(")
    return body[:1].islower() or bool(_ADDRESS_ITEM.match(body))


# where a sentence ends inside a clause's own text: a lead-in is read from there on ("The obligations of
# confidentiality … shall survive for three (3) years after termination. During the Term, X shall not:")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(]?[A-Z])")


def _lead_ins(clauses: list[Clause]) -> dict[str, list[tuple[str, str]]]:
    """For a numbered list item under a lead-in left open ("During the Term and for two years
    thereafter, Distributor shall not:"), the lead-ins it completes, outermost first, as (clause id,
    the lead-in's sentence): a restraint's reach is read in the whole sentence, not in "(a) sell
    competing products" alone, nor in the sentences before the lead-in."""
    by_id = {c.id: c for c in clauses}
    own = dict(zip(by_id, own_text(clauses)))
    out: dict[str, list[tuple[str, str]]] = {}
    for c in clauses:  # parents come before their items, so a parent's own lead-ins are known
        p = by_id.get(c.parent) if c.parent else None
        if c.number is not None and p is not None and _OPEN_END.search(own[p.id].rstrip()):
            body = strip_heading(own[p.id], p.number, p.heading)[0]
            ends = list(_SENTENCE_END.finditer(body))
            # a sentence that starts inside the parent's own words does not go on from its own lead-in
            out[c.id] = [(p.id, body[ends[-1].end():])] if ends else out.get(p.id, []) + [(p.id, body)]
    return out


def _without(cid: str, inner: list[str], text: dict[str, str], start: dict[str, int]) -> str:
    """The text of clause ``cid`` less that of the clauses ``inner`` within it."""
    if not inner:
        return text[cid]
    base, out, at = start[cid], [], 0
    for a, b in sorted((start[d] - base, start[d] - base + len(text[d])) for d in inner):
        if a > at:
            out.append(text[cid][at:a])
        at = max(at, b)
    out.append(text[cid][at:])
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class _Ranking:
    best: float  # the type's best score on any clause
    ranked: list[str]  # every clause cited for the type, in the order a reviewer should read them
    minor: frozenset[str]  # those that name the type without stating it: definitions, stubs, headings alone
    evidence: list[str]  # ``ranked`` less the clauses within or around one ranked before them (``_apart``)


def _rankings(clauses: list[Clause], threshold: float = THRESHOLD, min_score: float = MIN_SCORE) -> dict[str, _Ranking]:
    """For every clause type, the clauses that carry it, most telling first (see the module docstring)."""
    parent = _descendants_map(clauses)
    order = {c.id: i for i, c in enumerate(clauses)}
    text = {c.id: c.text for c in clauses}
    start = {c.id: c.start for c in clauses}
    # recitals and the title state what the parties intend; the operative clause says what binds them
    prefatory = {c.id for c in clauses if c.kind in PREFATORY_KINDS}
    # a definition ("Exclusivity Period" means …) names a type without stating it: cited last
    definitions = {c.id for c in clauses if _DEFINITION.match(c.text)}
    # … and so is a clause of a few words only (a bare heading, a line of the contents)
    owns = own_text(clauses)
    stubs = {c.id for c, own in zip(clauses, owns) if len(own.split()) < STUB_WORDS}
    # … and one whose own words are headings with a line under them ("PART 2 NON COMPETITION AND RIGHT OF
    # FIRST REFUSAL Non-Competition by Western Copper") states nothing above the clauses it heads
    headed_only = {c.id for c, own in zip(clauses, owns)
                   if len(strip_heading(own, c.number, c.heading)[0].split()) < STUB_WORDS}
    # a list item that finishes its parent's sentence ("(iii) is independently developed by …",
    # "(a) when delivered personally") means little alone: it does not hide the lead-in that opens
    # the sentence, and is cited after it where the lead-in says the type about as surely
    own_of = {c.id: own for c, own in zip(clauses, owns)}
    fragments = {c.id for c, own in zip(clauses, owns) if _continues_parent(c, own, own_of.get(c.parent))}
    by_type: dict[str, list[tuple[float, str]]] = {}
    # a label resting on the heading alone ("8. Insurance", a contents line) is cited after the
    # clauses whose words carry the type
    heading_only: set[tuple[str, str]] = set()
    for c in clauses:
        for ts in c.types:
            by_type.setdefault(ts.type, []).append((ts.score, c.id))
            if ts.explanation and all(e.method == "heading" for e in ts.explanation):
                heading_only.add((ts.type, c.id))
    out = {}
    for t in type_ids():
        cands = by_type.get(t, [])
        if needs := _stated_only_with(t):
            # a label on a clause without the wording the type needs is at most weak (``stated_only_with``)
            weak = min(min_score, math.nextafter(threshold, 0.0))
            cands = [(min(s, weak) if lacks_stated_wording(t, text[cid]) else s, cid) for s, cid in cands]
        best = max((s for s, _ in cands), default=0.0)
        floor = threshold if best >= threshold else min_score
        ids = {cid for s, cid in cands if s >= floor}
        score: dict[str, float] = {}
        for s, cid in cands:  # each clause's best score for the type, in one pass
            if cid in ids and s > score.get(cid, -1.0):
                score[cid] = s
        # a clause is hidden by a descendant that carries the type, unless its own words state the type
        # at least as surely as every such descendant (not headings, a stub or a definition): "5.2
        # Non-Solicitation. … during the term and for 12 months thereafter; …" above the paragraphs that
        # continue it is the clause to read
        hidden_by: dict[str, float] = {}
        for cid in ids - fragments:
            for a in _ancestors(cid, parent):
                hidden_by[a] = max(hidden_by.get(a, 0.0), score[cid])
        shadowed = {a for a, s in hidden_by.items()
                    if a not in ids or score[a] < s or a in headed_only or a in definitions or (t, a) in heading_only}
        # an item defers to its lead-in only where the lead-in says the type about as surely
        deferring = {cid for cid in ids & fragments if score.get(parent[cid], 0.0) >= score[cid] - FRAGMENT_MARGIN}
        late = prefatory if t not in STATED_IN_RECITALS else set()
        # the wording a clause answers for is its own and that of the descendants not cited for the type in
        # their own right (a list item that finishes its sentence is part of it): a parent cited beside its
        # "(b) Joint Patents shall be jointly owned …" does not have the wording "jointly owned"
        inner: dict[str, list[str]] = {}
        for d in ids - shadowed - fragments:
            for a in _ancestors(d, parent):
                inner.setdefault(a, []).append(d)
        reads = {cid: _without(cid, inner.get(cid, []), text, start) for cid in ids}
        focus = _focus(t)
        off_focus = {cid for cid in ids if focus and not any(rx.search(reads[cid]) for rx in focus)}
        after = _after(t)
        contemplated = {cid for cid in ids if after and any(rx.search(reads[cid]) for rx in after)}
        minor = {cid for cid in ids if cid in definitions or (t, cid) in heading_only or cid in stubs}
        ranked = sorted((cid for cid in ids if cid not in shadowed),
                        key=lambda cid: (cid in definitions, (t, cid) in heading_only or cid in stubs,
                                         cid in late, cid in contemplated, cid in off_focus, cid in deferring,
                                         -score[cid], order[cid]))
        out[t] = _Ranking(best, ranked, frozenset(minor), _apart(ranked, parent, fragments, text, start))
    return out


def coverage_items(clauses: list[Clause], book: Playbook, threshold: float = THRESHOLD,
                   min_score: float = MIN_SCORE) -> list[CoverageItem]:
    items = []
    for t, r in _rankings(clauses, threshold, min_score).items():
        status = "present" if r.best >= threshold else "weak" if r.best >= min_score else "missing"
        items.append(CoverageItem(type=t, required=t in book.required, recommended=t in book.recommended,
                                  status=status, score=round(float(r.best), 4),
                                  evidence=r.evidence[:MAX_EVIDENCE] if status != "missing" else []))
    return items


def _apart(ranked: list[str], parent: dict[str, str | None], fragments: set[str], text: dict[str, str],
           start: dict[str, int]) -> list[str]:
    """``ranked`` less each clause within or around one ranked before it: a parent's text holds its
    items', so citing both quotes the same words twice and uses up evidence places. Kept: a list item
    that finishes its parent's sentence (the lead-in and its items are cited together), and an item
    beyond the part of its parent that a report quotes (``QUOTE_CHARS``), whose words would go unseen."""
    kept: list[str] = []
    for cid in ranked:
        up = _ancestors(cid, parent)
        clash = False
        for k in kept:
            if k in up:  # an item of a clause cited before it
                offset = len(" ".join(text[k][: start[cid] - start[k]].split()))
                clash = not (cid in fragments and parent[cid] == k) and offset < QUOTE_CHARS
            elif cid in _ancestors(k, parent):  # the clause around one cited before it
                clash = not (k in fragments and parent[k] == cid)
            if clash:
                break
        if not clash:
            kept.append(cid)
    return kept


_COURT = re.compile(r"(?:\b[\w()'’-]+[^\w.;]+){0,6}\bcourts?\b[^.;]{0,60}", re.I)


def _what_stands_instead(t: str, by: dict[str, CoverageItem], clauses: dict[str, Clause],
                         doc: Document) -> tuple[str, list[str]] | None:
    """For a required type that is missing, what the contract has in its place — (the rest of the
    message, the clauses to cite) — or None: courts or arbitration with no negotiation or escalation
    step before them; fixed fees where no revenue or profit is shared."""
    if t == "dispute_resolution":
        forums = [(f, by[f].evidence[0]) for f in ("arbitration", "jurisdiction") if by[f].status == "present" and by[f].evidence]
        if not forums:
            return None
        said = []
        for forum, cid in forums:
            if forum == "arbitration":
                said.append("to arbitration")
            else:
                court = _COURT.search(" ".join(clauses[cid].text.split()))
                said.append(f"to the courts (“{_cut(court.group(0).strip())}”)" if court else "to the courts")
        return (f"none was found: disputes go straight {' or '.join(said)}, with no negotiation or escalation step "
                "before them.", list(dict.fromkeys(cid for _, cid in forums)))  # one clause may name both
    if t == "revenue_sharing":
        fee = next((m for rx in _regexes("fixed_fees") if (m := rx.search(" ".join(doc.text.split())))), None)
        if fee is None:
            return None
        return (f"no clause shares revenue or profit; the payments found are fixed fees (“{_cut(fee.group(0).strip())}”): "
                "check that a fixed price is what the parties intend.", [])
    return None


def flags_for(structure: AgreementStructure, doc: Document, items: list[CoverageItem],
              book: Playbook) -> list[Flag]:
    clauses = {c.id: c for c in structure.clauses}
    by = {i.type: i for i in items}
    flags: list[Flag] = []
    # 0. an amendment, or a document governed by or incorporating another agreement: say which, and where
    related = related_agreements(structure, doc)
    if related:
        flags.append(_related_flag(related, doc.text))
    # 1. required types missing or only weakly present
    for i in items:
        if not i.required or i.status == "present":
            continue
        name = clause_type(i.type).label
        if i.status == "missing":
            sev = "high" if i.type in MISSION_TYPES else "warning"
            message, cited = f"{name} is required by the {book.title} playbook but no clause covers it.", []
            if found := _what_stands_instead(i.type, by, clauses, doc):
                # the subject is there in another form: say what, cite it, and a warning, not high
                message, cited, sev = f"{name} is required by the {book.title} playbook but {found[0]}", found[1], "warning"
            elif rests_on(related):
                # not in this document, which amends or is governed by another agreement: it may be there
                message, cited, sev = _elsewhere(name, i.type, book, related)
            elif i.type == "revenue_sharing" and book.name == "joint_venture":
                message = (f"{name} is required by the {book.title} playbook but no clause shares revenue or profit "
                           "(no dividend or distribution clause for the venture's partners was found).")
            flags.append(Flag(code="missing_required", severity=sev, message=message, clauses=cited))
        else:
            flags.append(Flag(code="weak_required", severity="warning",
                              message=f"{name} is required by the {book.title} playbook; only weak evidence "
                                      f"(score {i.score:.2f}) — check the cited clauses.", clauses=i.evidence))
    # 2. competition-sensitive restraints: how far each reaches, and the document around it
    competitors = next((m.group(0) for rx in _regexes("competitor_signals") if (m := rx.search(doc.text))), None)
    no_antitrust = by["antitrust_compliance"].status != "present"
    rankings = _rankings(structure.clauses)
    known = _known_names(structure, doc)
    lead_in = _lead_ins(structure.clauses)
    for t in COMPETITION_RESTRAINTS:
        if by[t].status != "present":
            continue
        rank = rankings[t]
        reach = {cid: restraint_reach(" ".join(w for _, w in lead_in.get(cid, [])) + " " + clauses[cid].text, t, known)
                 for cid in rank.ranked}
        ranked = rank.ranked
        if t == "price_restriction":
            # a right of first refusal or negotiation, a matching offer or a share price is no price restraint
            ranked = [cid for cid in ranked if reach[cid].steps or not _no_price_restraint(
                " ".join(w for _, w in lead_in.get(cid, [])) + " " + clauses[cid].text, _headings(cid, clauses))]
            if not ranked:
                continue
        cited = sorted(ranked, key=lambda cid: (cid in rank.minor, -reach[cid].steps, ranked.index(cid)))
        top = reach[cited[0]]
        # where the lead-in gave the reach ("During the Term and for two years thereafter, X shall not:"),
        # it is cited after its item: the words quoted are in it, not in "(a) sell competing products"
        if lead_in.get(cited[0]) and restraint_reach(clauses[cited[0]].text, t, known) != top:
            cited[1:1] = [a for a, _ in reversed(lead_in[cited[0]]) if a not in cited[:1]]
            cited = list(dict.fromkeys(cited))
        cited = cited[:MAX_EVIDENCE]
        reasons = top.reasons()
        if competitors:
            reasons.append(f"the parties look like competitors (“{competitors}”)")
        reasons.append("no antitrust-compliance clause" if no_antitrust else "an antitrust-compliance clause is present")
        # a narrow restriction during the term, the common case, is info even without an antitrust clause
        sev = _SEVERITY[max(0, min(len(_SEVERITY) - 1, top.steps + bool(competitors) + no_antitrust - 1))]
        if not top.steps:
            reasons.insert(0, "a restriction during the term only (no period after it ends, named company, "
                              "business-wide non-compete, exclusive purchasing or single branding, resale price or "
                              "most-favoured-customer term found)")
        flags.append(Flag(code=f"competition_restraint.{t}", severity=sev,
                          message=f"{clause_type(t).label} restraint: review under competition law — {sev}: "
                                  f"{'; '.join(reasons)}.",
                          clauses=cited))
    # 3. arbitration agreed, yet courts given exclusive jurisdiction over proceedings under the agreement
    if by["arbitration"].status == "present" and (forum := _court_forum_conflict(structure.clauses, by["arbitration"].evidence)):
        court, sentence = forum
        flags.append(Flag(code="dispute_forum_inconsistent", severity="warning",
                          message="Disputes go to arbitration, but another clause gives courts exclusive jurisdiction "
                                  f"(“{_cut(sentence, 160)}”): say which forum decides what (courts only for interim "
                                  "relief or to enforce the award).",
                          clauses=[court] + [c for c in by["arbitration"].evidence if c != court][:2]))
    # 4. IP ownership silent on jointly developed IP, where the parties may make IP together; or IP made
    # jointly owned with nothing on how the owners may use, license or prosecute it, or who pays
    if joint := _jointly_owned(structure):
        cid, words = joint
        flags.append(Flag(code="ip_joint_exploitation_silent", severity="info",
                          message=f"Some IP is jointly owned (“{_cut(words)}”), but no clause found says how jointly "
                                  "owned IP may be exploited or licensed, who prosecutes it, or who bears its patent costs.",
                          clauses=[cid] + [c for c in by["ip_ownership"].evidence if c != cid][:2]))
    elif by["ip_ownership"].status == "present" and _joint_work(book, structure):
        if not any(rx.search(doc.text) for rx in _regexes("joint_ip")):
            if m := next((m for rx in _regexes("by_inventorship") if (m := rx.search(doc.text))), None):
                flags.append(Flag(code="ip_joint_exploitation_silent", severity="info",
                                  message=f"IP ownership follows inventorship (“{_cut(m.group(0))}”), so jointly made "
                                          "inventions are jointly owned, but no clause found says how jointly owned IP may "
                                          "be exploited or licensed, or who bears its patent costs.",
                                  clauses=by["ip_ownership"].evidence))
            else:
                flags.append(Flag(code="ip_joint_ownership_silent", severity="warning",
                                  message="IP ownership is addressed, but no clause found says who owns IP the parties "
                                          "make together (joint work and IP made under the agreement are mentioned).",
                                  clauses=by["ip_ownership"].evidence))
    # 5. revenue sharing without a right to audit the books behind the payments. A general right to
    # audit the other party's compliance with the agreement reaches its payment obligations too (unless
    # it leaves out the books, records or costs): then only an info that the books go unnamed
    if by["revenue_sharing"].status == "present":
        right, other = _payment_audit(structure.clauses)
        revenue = [c.text for c in structure.clauses if c.id in by["revenue_sharing"].evidence]
        general = _general_audit(structure.clauses, revenue, structure.parties) if right is None else None
        if general is not None:
            cid, sentence = general
            flags.append(Flag(code="revenue_without_audit", severity="info",
                              message="Revenue is shared and no clause names the books or records behind the payments, "
                                      f"but a general right to audit compliance with the agreement (“{_cut(sentence, 140)}”) "
                                      "reaches the payment obligations too, as it does not leave out the books: consider "
                                      "naming them, with the period covered, notice, who bears the cost and the "
                                      "adjustment of an underpayment.",
                              clauses=[cid, *by["revenue_sharing"].evidence]))
        elif right is None:
            elsewhere = f"; the audit or inspection wording found is about something else (“{_cut(other)}”)" if other else ""
            flags.append(Flag(code="revenue_without_audit", severity="warning",
                              message="Revenue is shared but no clause gives a right to audit the books or records behind "
                                      "the payments, nor a general right to audit compliance with the agreement (which "
                                      f"would reach them){elsewhere}.",
                              clauses=by["revenue_sharing"].evidence))
    # 6. governance that leaves open how decisions are taken, deadlock, or members joining, leaving, defaulting
    flags += governance_gaps(structure, by["governance"], book, doc.text)
    for f in flags:  # a clause cited for two reasons is cited once
        f.clauses = list(dict.fromkeys(f.clauses))
    return by_severity(flags)


@lru_cache(maxsize=None)
def _gov_rx(key: str) -> list[re.Pattern]:
    return _compile(_conf()["governance_gaps"][key])


@lru_cache(maxsize=None)
def _prescan(key: str) -> re.Pattern:
    return re.compile(_conf()["governance_gaps"][key], re.I)


# the short name a governance clause gives its body: "Joint Steering Committee ("JSC")", "("SC")", "joint
# project team ("JPT")"
_BODY_ALIAS = re.compile(r"[\"“]([A-Z]{1,4}[CBG]|J[A-Z]{1,3}T)[\"”]")
# the characters of each clause the governance checks read: real clauses are far shorter (the longest
# operative clause in the 78 CUAD alliance, collaboration and JV texts is 7,500), and the cues are
# many regular expressions, so a clause of megabytes (a draft that did not split) is read this far only
GOV_MAX_CLAUSE_CHARS = 20_000
# the words before a deadlock cue that a negation is looked for in: back to the last punctuation
_NEGATION_REACH = 60
# what governance_gap.<element> looked for, said in its message
_GOV_SOUGHT = {
    "voting": "unanimity, consensus, a majority, or the votes each party has",
    "deadlock": "what happens when {it} cannot decide (deadlock, a casting vote, escalation to senior executives, a "
                "party with the final say, mediation or arbitration of the deadlock, a buy-sell)",
    "admission": "how a new member or party is admitted (admission, accession of a new party)",
    "withdrawal": "how a member or party may leave (withdrawal from the agreement or venture, the end of its "
                  "participation, the sale of its shares or interest, a put or call option)",
    "default": "what happens to a member or party that defaults (a defaulting party, an event of default, a failure "
               "to make its contribution, its exclusion, a buy-out of its shares)",
}


def _governance_text(clauses: list[Clause]) -> tuple[list[Clause], list[Clause]]:
    """(The clauses the governance checks read — those labelled governance at ``MIN_SCORE`` or more,
    outside recitals and definitions, with the clauses below them —, the other operative clauses)."""
    parent = _descendants_map(clauses)
    definitions = {c.id for c in clauses if _DEFINITION.match(c.text)}
    labelled = {c.id for c in clauses if c.kind not in PREFATORY_KINDS and c.id not in definitions
                and not _ancestors(c.id, parent) & definitions
                and any(ts.type == "governance" and ts.score >= MIN_SCORE for ts in c.types)}
    read = [c for c in clauses if c.id in labelled or _ancestors(c.id, parent) & labelled]
    ids = {c.id for c in read}
    return read, [c for c in clauses if c.id not in ids and c.kind not in PREFATORY_KINDS]


def _sentences(clauses: list[Clause]) -> list[str]:
    """The sentences of each clause's own text, of its first ``GOV_MAX_CLAUSE_CHARS`` characters."""
    return [s for own in own_text(clauses)
            for s in _SENTENCE.split(" ".join(own[:GOV_MAX_CLAUSE_CHARS].split())) if s]


def _unnegated(patterns: list[re.Pattern], s: str) -> bool:
    """Whether a match of one of ``patterns`` in ``s`` stands without a negation before it in its part
    of the sentence ("The chairman shall not have a second or casting vote"; "no casting vote")."""
    negation = _prescan("negation")
    for r in patterns:
        for m in r.finditer(s):
            # the words before the cue, and — for a cue that spans a comma ("If the Board is unable to agree,
            # neither Party shall have the final say") — those of its last part
            before = re.split(r"[,;:()]", s[max(0, m.start() - _NEGATION_REACH): m.start()])[-1]
            last = re.split(r"[,;:()]", m.group(0))
            if not negation.search(before) and not (len(last) > 1 and negation.search(last[-1])):
                return True
    return False


def _votes_rule(s: str, body: re.Pattern | None) -> bool:
    """Whether sentence ``s`` gives the body's voting rule: a decision word and a rule ("unanimous",
    "majority", "one vote") with the decider beside it (``deciders`` or the body's short name) — not a
    definition of control or a rule for amending the agreement (``voting_not``) — or each party's votes."""
    rx = _gov_rx
    if any(r.search(s) for r in rx("voting_not")):
        return False
    if any(r.search(s) for r in rx("votes")):
        return True
    if not any(r.search(s) for r in rx("decides")):
        return False
    if rx("deciders")[1].search(s):  # "Decisions shall be taken by consensus" in the governance clause
        return any(r.search(s) for r in rx("rules"))
    deciders = rx("deciders")[:1] + ([body] if body else [])
    for r in rx("rules"):
        for m in r.finditer(s):
            near = s[max(0, m.start() - 120): m.end() + 60]
            if any(d.search(near) for d in deciders):
                return True
    return False


def _deadlock_answer(s: str) -> bool:
    """Whether sentence ``s`` says what happens on deadlock: a ``deadlock`` cue not negated, or a
    ``deadlock_if_disagreed`` cue not negated in a sentence that says the body disagrees."""
    rx = _gov_rx
    if _unnegated(rx("deadlock"), s):
        return True
    return any(r.search(s) for r in rx("disagreement")) and _unnegated(rx("deadlock_if_disagreed"), s)


_ADDRESS = re.compile(r"\b(?:address|offices?\s+(?:at|is)|place\s+of\s+business\s+(?:at|is)|located\s+at|registered\s+"
                      r"(?:office|address)\s+(?:at|is)|domiciled\s+at|residing\s+at)\s*:?\s*(?P<a>[^\n]{12,160})", re.I)
_PARENT = re.compile(r"\b(subsidiary|affiliate|parent (company|corporation)) of\b", re.I)


def _sides(parties: list[Party], text: str = "") -> int:
    """How many sides ``parties`` make: parties count once when they share a group the agreement
    names (``Party.groups``: "the MG Capital Parties"), an address (two companies of one group at "8/F,
    Ideal International Plaza"), or when the party block says one is the other's subsidiary or parent,
    or when the first distinctive word of one's name is among the other's ("F. Hoffmann-La Roche Ltd"
    and "Hoffmann-La Roche Inc."; "Aizu Fujitsu Semiconductor Limited" and "Fujitsu Semiconductor
    Limited"; not "Freedom Mortgage" and "Cherry Hill Mortgage"); a one-word name of a generic word
    ("Affiliates") is no party (``group_words_not``)."""
    generic = _prescan("group_words_not")
    named: list[tuple[Party, list[str]]] = []
    for p in parties:
        words = [w.lower() for w in re.findall(r"[A-Za-z][\w&'’.-]*[A-Za-z]", p.name)]
        distinct = [w for w in words if not generic.fullmatch(w)] or (words if len(words) > 1 else [])
        if distinct:
            named.append((p, distinct))
    group = list(range(len(named)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    def join(i: int, j: int) -> None:
        group[root(i)] = root(j)

    # by index, not by pairs: a draft may list thousands of "parties"
    by_word: dict[str, list[int]] = {}
    by_group: dict[str, int] = {}
    for i, (p, words) in enumerate(named):
        for w in set(words):
            by_word.setdefault(w, []).append(i)
        for g in p.groups:
            join(i, by_group.setdefault(g, i))
    # the first distinctive word of one's name among the other's words: all who hold that word are one side
    for first in {words[0] for _, words in named}:
        holders = by_word[first]
        for j in holders[1:]:
            join(j, holders[0])
    placed = sorted((i for i, (p, _) in enumerate(named) if p.end is not None and p.end <= len(text)),
                    key=lambda i: named[i][0].end)
    if placed and text:
        # the text after each party's name up to the next party's (at most 400 characters): its address
        addresses: dict[str, int] = {}
        for k, i in enumerate(placed):
            p = named[i][0]
            stop = min(named[placed[k + 1]][0].start or len(text), p.end + 400) if k + 1 < len(placed) else p.end + 400
            if (m := _ADDRESS.search(text[p.end: max(p.end, stop)])):
                flat = re.sub(r"[^a-z0-9]+", "", m.group("a").lower())[:30]  # the address's first characters
                if len(flat) >= 12 and re.search(r"\d", flat):
                    if flat in addresses:
                        join(i, addresses[flat])
                    addresses.setdefault(flat, i)
        # "X is a subsidiary of … Y" in the party block: a party named in the 200 characters before, one after
        block = text[: named[placed[-1]][0].end + 1500][:GOV_MAX_CLAUSE_CHARS]
        flat_names = [(i, re.compile(r"\s*".join(map(re.escape, named[i][0].name.split())), re.I)) for i in placed]
        for m in _PARENT.finditer(block):
            before, after = block[max(0, m.start() - 200): m.start()], block[m.end(): m.end() + 100]
            owned = [i for i, r in flat_names if r.search(before)]
            owner = [i for i, r in flat_names if r.search(after)]
            if owned and owner:
                join(owned[-1], owner[0])
    return len({root(i) for i in range(len(named))})


def governance_gaps(structure: AgreementStructure, governance: CoverageItem, book: Playbook,
                    text: str = "") -> list[Flag]:
    """``governance_gap.<element>`` flags (``governance_gaps`` in ``conf/playbooks.yaml``): under a
    playbook where the parties run something together, with a governance clause present, each of
    voting and deadlock that the governance text leaves open, and — with three or more sides —
    admission, withdrawal and default that no operative clause settles. A deadlock gap is a warning
    in a joint venture of fewer than three sides (two equal partners deadlock), else info. ``text``
    (the document's) is where the parties' addresses are read."""
    conf = _conf()["governance_gaps"]
    if governance.status != "present" or book.name not in conf["playbooks"]:
        return []
    read, others = _governance_text(structure.clauses)
    if not read:
        return []
    said, rest = _sentences(read), _sentences(others)
    rx = _gov_rx
    found: dict[str, bool] = {}
    # outside a joint venture, voting and deadlock are asked of a body the parties run together (a
    # committee they form or staff from each side), not of an investor's seat on a company's board;
    # and never of a body that only advises
    joint = book.name == "joint_venture" or any(r.search(s) for s in said for r in rx("joint_body"))
    if joint and not any(r.search(s) for s in said for r in rx("advisory")):
        scan = _prescan("prescan")
        said_ = [s for s in said if scan.search(s)]
        aliases = sorted({a for s in said for a in _BODY_ALIAS.findall(s)})
        alias = re.compile(r"\b(" + "|".join(map(re.escape, aliases)) + r")\b") if aliases else None
        found["voting"] = any(_votes_rule(s, alias) for s in said_)
        # deadlock is also read in sentences elsewhere that name the body by its own name — its short
        # name ("JSC") or a name of two words or more ("Joint Steering Committee"), not "the Board" or
        # "members" — ("Disputes within the JSC shall be referred to the Chief Executive Officers"), or
        # that say deadlock
        names = {re.sub(r"^(the|a|an|each|any|such)\s+", "", m.group(0), flags=re.I)
                 for s in said for m in rx("body_names")[0].finditer(s)}
        names = {n for n in names if len(n.split()) > 1}
        own = [re.compile(r"\b" + re.escape(n) + r"\b", re.I) for n in sorted(names)] + ([alias] if alias else [])
        elsewhere = [s for s in rest if scan.search(s) and any(r.search(s) for r in own + rx("deadlock")[:1])]
        found["deadlock"] = any(_deadlock_answer(s) for s in said_ + elsewhere)
    parties = _sides(structure.parties, text)
    # "the PHL Parties, on the one hand, or ICC, on the other": two sides, however many parties — read in
    # the preamble, where the parties are named, not in a purpose clause ("On the one hand, storage research
    # is costly, while on the other hand …")
    preamble = [" ".join(c.text[:GOV_MAX_CLAUSE_CHARS].split()) for c in structure.clauses if c.kind in ("preamble", "title")]
    if parties > 2 and any(r.search(t) for t in preamble for r in rx("two_sides")):
        parties = 2
    if parties >= conf["min_parties"]:
        scan = _prescan("prescan_members")
        members = [s for s in said + rest if scan.search(s)]
        for element in ("admission", "withdrawal", "default"):
            found[element] = any(r.search(s) for s in members for r in rx(element))
    body = next((m.group(0) for s in said for r in rx("body_names") if (m := r.search(s))), None)
    if body:
        body = re.sub(r"^the\s+", "", body.title() if body.isupper() else body, flags=re.I)
    lead = f"The governance clauses set up the {body}, but" if body else "Governance is addressed, but"
    it = "it" if body else "the parties"
    flags = []
    for element, ok in found.items():
        if ok:
            continue
        if element == "voting":
            message = f"{lead} no sentence found says how {it} decide{'s' if body else ''}: {_GOV_SOUGHT[element]}."
        elif element == "deadlock":
            message = f"{lead} no sentence found says {_GOV_SOUGHT[element].format(it=it)}."
        else:
            count = (f"{parties} parties" if parties == len(structure.parties)
                     else f"{parties} sides ({len(structure.parties)} parties, those of one group or address counted once)")
            message = (f"This {book.title.lower()} has {count} and governance clauses, but no clause found "
                       f"says {_GOV_SOUGHT[element]}.")
        sev = "info"
        if element == "deadlock" and book.name == "joint_venture" and parties < conf["min_parties"]:
            sev = "warning"  # two partners with an equal say deadlock unless the agreement breaks the tie
            message += " A joint venture of two partners deadlocks unless the agreement breaks the tie."
        flags.append(Flag(code=f"governance_gap.{element}", severity=sev, message=message, clauses=governance.evidence))
    return flags


@lru_cache(maxsize=None)
def _forum_rx(key: str) -> list[re.Pattern]:
    return _compile(_conf()["dispute_forum"][key])


def _court_forum_conflict(clauses: list[Clause], arbitration: list[str]) -> tuple[str, str] | None:
    """(clause id, sentence) of a sentence giving courts exclusive jurisdiction over disputes the
    arbitration clause sends to arbitration, or None (``dispute_forum`` in ``conf/playbooks.yaml``)."""
    rx = _forum_rx
    by_id = {c.id: c for c in clauses}
    arbitrating = [" ".join(by_id[cid].text.split()) for cid in arbitration if cid in by_id]
    arbitrating = [t for t in arbitrating if any(r.search(t) for r in rx("arbitrates"))]
    if not arbitrating or any(r.search(t) for t in arbitrating for r in rx("arbitration_carve_out")):
        return None
    for c, own in zip(clauses, own_text(clauses)):
        if re.search(r"arbitra", c.text, re.I):
            continue  # courts in the arbitration clause itself support it (the seat, the award)
        for s in _SENTENCE.split(" ".join(own.split())):
            m = next((m for r in rx("exclusive_courts") if (m := r.search(s))), None)
            if m and any(r.search(s) for r in rx("courts")) and not any(r.search(s) for r in rx("carve_out") + rx("qualified")):
                # quoted from a little before the words that give the courts exclusive jurisdiction
                start = s.rfind(" ", 0, max(0, m.start() - 70)) + 1
                return c.id, ("… " if start else "") + s[start:]
    return None


_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[(\"“A-Z0-9•])")


def _cut(s: str, n: int = 90) -> str:
    return s if len(s) <= n else s[: n - 1].rsplit(" ", 1)[0] + " …"


def _payment_audit(clauses: list[Clause]) -> tuple[str | None, str | None]:
    """(The sentence that gives a right to audit the books behind the payments, or None; else the
    first sentence with audit wording about something else, or None). Read in the clauses labelled
    reporting_audit or revenue_sharing (at any score) and their parents (``payment_audit`` in
    ``conf/playbooks.yaml``): an audit verb over books or accounts, over payments, or over records
    in a clause that speaks of payments, or an audit right beside a sentence of the clause that
    names the books; medical records, a facility or an anti-bribery section are something else."""
    rx = _audit_rx
    parent = {c.id: c.parent for c in clauses}
    read = {c.id for c in clauses if any(ts.type in ("reporting_audit", "revenue_sharing") and ts.score >= MIN_SCORE
                                         for ts in c.types)}
    read |= {parent[cid] for cid in read if parent[cid]}
    others: list[str] = []
    for c in clauses:
        if c.id not in read:
            continue
        paid_here = any(r.search(c.text) for r in rx("payments"))
        sentences = _SENTENCE.split(" ".join(c.text.split()))
        for i, s in enumerate(sentences):
            if len(s.split()) < 6 or not any(r.search(s) for r in rx("right")) or any(r.search(s) for r in rx("not_a_right")):
                continue
            verb = any(r.search(s) for r in rx("verbs"))
            if not verb and not any(r.search(s) for r in rx("object_verbs")):
                continue
            paid = any(r.search(s) for r in rx("payments"))
            financial = paid or any(r.search(s) for r in rx("books")) or (paid_here and any(r.search(s) for r in rx("records")))
            if verb and not financial:
                # the right in one sentence, the books it reaches in the next or the one before ("Franchisor
                # shall have the right to conduct audits of Franchisee … Franchisee shall … provide … the books
                # of accounts"), neither about something else
                financial = any(any(r.search(x) for r in rx("books")) and not any(r.search(x) for r in rx("elsewhere"))
                                for x in sentences[max(0, i - 1):i] + sentences[i + 1:i + 2])
            if financial and (paid or not any(r.search(s) for r in rx("elsewhere"))):
                return s, None
            m = next(m for r in rx("verbs") + rx("object_verbs") if (m := r.search(s)))
            others.append(s[m.start():])
    # quote the inspection of some records or books ("examine the originals of medical records …"), if any
    return None, next((s for s in others if any(r.search(s) for r in rx("records") + rx("books"))), others[0] if others else None)


# A general audit right: "audit the other Party's compliance with this Agreement", "inspect … to
# verify Licensee's compliance with the terms of this Agreement" — the verb right before whose
# compliance (``whose``), over the whole agreement (not "this Section", nor "this Agreement's
# confidentiality terms")
_GENERAL_AUDIT = re.compile(
    r"\b(?:audit|inspect|examine)(?:s|ed|ing)?\s+(?:(?:and|or)\s+(?:audit|inspect|examine|verify|review)\s+)?"
    r"(?P<whose>(?:[\w'’]+\s+){0,4}?)compliance\s+with\s+(?:(?:all|the|its|their)\s+)?"
    r"(?:(?:terms|provisions|obligations|terms and conditions)\s+(?:of|under)\s+)?(?:this|the)\s+Agreement\b"
    r"(?!['’]s|\s+(?:section|article|clause|paragraph))", re.I)
# … unless it leaves out what the payments rest on ("excluding information relating to Datec's
# internal costs and margins, … to audit Datec's compliance with this agreement")
_AUDIT_EXCLUDES = re.compile(
    r"\b(?:exclud\w*|exclusive of|except(?:ing)?|other than|but not|(?:not|never) (?:include|extend to|cover))\b"
    r"[^.;]{0,80}\b(?:books|records|accounts|financial|costs?|margins?|pric\w*|fees|payments?|royalt\w*)\b", re.I)
# … or is limited to one matter ("… compliance with this Agreement solely as to the use of the Marks";
# not "including but not limited to")
_AUDIT_LIMITED = re.compile(
    r"\b(?:solely|only|exclusively)\s+(?:as\s+to|with\s+(?:respect|regard)\s+to|in\s+(?:respect|relation)\s+(?:of|to)|"
    r"for|regarding|concerning|relating\s+to|to\s+the\s+extent|insofar)\b|(?<!not )\blimited\s+to\b", re.I)
# … or is denied before the verb ("Neither Party shall have any right to audit", "shall not be
# entitled to", "Nothing herein shall entitle"; not "no more than once a year")
_AUDIT_DENIED = re.compile(r"\b(?:not|no|neither|nor|never|nothing|none|cannot)\b|n['’]t\b", re.I)
_NOT_DENIAL = re.compile(r"\b(?:no|not)\s+(?:more|later|less|fewer|earlier|sooner)\s+than\b|\bwhether\s+or\s+not\b", re.I)
_PARTY_NAME = r"(?:(?i:the)\s+)?[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3}"
# who audits: the one permitted ("Licensee shall permit Licensor [or its auditor] to audit"), else
# the subject of the modal ("Each of the Parties may", "Licensor [and its auditors] shall have")
_AUDIT_PERMITTED = re.compile(rf"\b(?i:permit|allow|authori[sz]e|enable|entitle)s?\s+(?P<who>{_PARTY_NAME})\b"
                              r"[^.;]{0,60}?\bto\s+(?:\w+\s+){0,3}$")
_AUDIT_SUBJECT = re.compile(rf"(?P<who>(?:(?i:each|either|both)\s+(?:(?i:of)\s+)?)?{_PARTY_NAME})"
                            r"(?:\s+(?:and|or)\s+(?:its|their)\s+[\w\s]{1,40}?)?\s*"
                            r"(?i:shall|will|may|must|is|are|has|have)\b")
_MUTUAL = re.compile(r"^(?:each|either|both)\b.*\bpart(?:y|ies)$|^the\s+parties$", re.I)
# whose compliance: the other party's, a party's name (not "its own", nor "the Products to confirm")
_OTHERS = re.compile(r"^(?:(?:the\s+)?other(?:\s+part(?:y|ies))?|each\s+other)['’]s?$", re.I)
_NAMED = re.compile(rf"^{_PARTY_NAME}['’]s?$")
# who pays whom, in the revenue clauses: "Licensee shall pay the University a royalty", "… shall
# pay to Licensor", "… shall pay royalties … to Licensor"
_PAYS = re.compile(rf"(?P<payer>{_PARTY_NAME})\s+(?i:shall|will|must|agrees?\s+to|hereby\s+agrees\s+to)\s+(?:\w+\s+)?"
                   rf"(?i:pay|remit)\s+(?:(?i:to)\s+)?(?:(?P<payee>{_PARTY_NAME})\b|[^.;]{{0,80}}?\bto\s+(?P<payee2>{_PARTY_NAME})\b)")


def _party_key(name: str, parties: list) -> str:
    """``name`` ("the University", "Licensor's", "CONVERGTV") as one key per party: the party's index
    where a party's name, alias or role is it (or its name starts with it), else the name lower-cased."""
    key = re.sub(r"^the\s+|['’]s?$", "", name.strip(), flags=re.I).lower()
    for i, p in enumerate(parties):
        names = [n.lower() for n in (p.alias, p.role, p.name) if n]
        if key in names or (len(key) > 3 and p.name.lower().startswith(key)):
            return f"#{i}"
    return key


def _general_audit(clauses: list[Clause], revenue: list[str] = (), parties: list = ()) -> tuple[str, str] | None:
    """(clause id, sentence) of the first operative clause that gives a right to audit compliance
    with the whole agreement, not about something else (a facility, quality, safety: ``elsewhere``),
    not leaving out the books, records or costs, nor limited to one matter, nor denied ("Neither
    Party shall have any right to audit"); else None.

    The right must run to the money: each party over the other ("Each of the Parties may … audit the
    other Party's compliance"), or the party paid over the party paying, as the ``revenue`` clauses
    say in "X shall pay Y" — where they say no such thing, one party over another party of the
    agreement. A self-audit ("audit its own compliance"), an outsider's ("The Government may audit"),
    or an inspection of goods ("inspect the Products to confirm compliance") is none."""
    rx = _audit_rx
    pays = {(_party_key(m["payer"], parties), _party_key(m["payee"] or m["payee2"], parties))
            for t in revenue for m in _PAYS.finditer(" ".join(t.split()))}
    known = {_party_key(n, parties) for p in parties for n in (p.name, p.alias, p.role) if n}
    for c in clauses:
        if c.kind in PREFATORY_KINDS or _DEFINITION.match(c.text):
            continue
        text = " ".join(c.text.split())
        if not _GENERAL_AUDIT.search(text) or _AUDIT_EXCLUDES.search(text):
            continue
        for s in _SENTENCE.split(text):
            m = _GENERAL_AUDIT.search(s)
            if not m or not any(r.search(s) for r in rx("right")) or any(r.search(s) for r in rx("elsewhere")) \
                    or any(r.search(s) for r in rx("not_a_right")) or _AUDIT_LIMITED.search(s):
                continue
            before = s[: m.start()]
            if _AUDIT_DENIED.search(_NOT_DENIAL.sub(" ", before)):
                continue
            who = _AUDIT_PERMITTED.search(before) or _AUDIT_SUBJECT.search(before)
            whose = m["whose"].strip()
            if who is None or not (whose == "" or _OTHERS.match(whose) or _NAMED.match(whose)):
                continue
            auditor = who["who"]
            if _MUTUAL.match(auditor):
                runs = whose == "" or bool(_OTHERS.match(whose))
            else:
                a = _party_key(auditor, parties)
                owner = None if whose == "" or _OTHERS.match(whose) else _party_key(whose, parties)
                if pays:  # the party paid audits the party paying
                    runs = any(a == payee and owner in (None, payer) for payer, payee in pays)
                else:  # one party of the agreement audits another
                    runs = a in known and owner != a and (owner is None or owner in known)
            if runs:
                return c.id, s if m.start() <= 80 else s[s.rfind(" ", 0, m.start() - 40) + 1 :]
    return None


@dataclass(frozen=True, slots=True)
class Reach:
    """How far a competition restraint reaches, with the words that show it (``restraint_reach``)."""

    after_term: str | None = None  # "five (5) years after the termination"
    wide: str | None = None  # "compete", "goods similar to the Products", "NetGrocer's Competitors"
    named: str | None = None  # "Qihoo 360": a company the restraint forbids dealing with
    resale: str | None = None  # "establish maximum and/or minimum prices": a resale price
    mfn: str | None = None  # "Most Favored Nation", "no less favorable than … any third party"
    tied: str | None = None  # "purchase the Products exclusively from Qualigen", "all its requirements"

    @property
    def steps(self) -> int:
        """Severity steps the restraint itself adds: one each for a post-term period, a whole
        business, a tie to one source or brand (exclusive purchasing, requirements, single
        branding) and a most-favoured-customer price, two for a refusal to deal with a named
        company or a resale price."""
        return (bool(self.after_term) + bool(self.wide) + bool(self.tied) + bool(self.mfn)
                + 2 * (bool(self.named) + bool(self.resale)))

    def reasons(self) -> list[str]:
        out = []
        if self.named:
            out.append(f"it names a company a party may not deal with (“{self.named}”)")
        if self.resale:
            out.append(f"it sets the price at which a party resells (“{self.resale}”)")
        if self.mfn:
            out.append(f"it promises the best price or terms given to others (“{self.mfn}”)")
        if self.after_term:
            out.append(f"it runs after the agreement ends (“{self.after_term}”)")
        if self.wide:
            out.append(f"it keeps a party out of a business or away from competitors (“{self.wide}”)")
        if self.tied:
            out.append(f"it ties a party to one source or brand: exclusive purchasing or single branding (“{_cut(self.tied)}”)")
        return out


@lru_cache(maxsize=None)
def _reach_rx(key: str) -> list[re.Pattern]:
    return _compile(_conf()["restraint_reach"][key])


_QUOTED = re.compile(r"[“\"‘]([^”\"’]{1,60})[”\"’]")


def _known_names(structure: AgreementStructure, doc: Document) -> set[str]:
    """Lower-cased names that are no third company: the parties, their aliases and roles (and their
    words), and every term the contract defines in quotes."""
    known = {q.strip().lower() for q in _QUOTED.findall(doc.text)}
    for p in structure.parties:
        for name in (p.name, p.alias, p.role):
            if name:
                known.add(name.lower())
                known.update(w.lower() for w in re.findall(r"[A-Za-z][\w&.-]+", name))
    return known


def restraint_reach(text: str, t: str, known: set[str] = frozenset()) -> Reach:
    """How far the restraint of type ``t`` in ``text`` reaches: a period after the agreement ends and
    a named company (not for price restrictions), a whole business or a tie to one source or brand
    (non-competes and exclusivities only), a resale price or a most-favoured-customer promise (price
    restrictions only). ``known``: lower-cased names that are not third companies (:func:`_known_names`)."""
    flat = " ".join(text.split())

    def first(key: str) -> str | None:
        return next((m.group(0) for rx in _reach_rx(key) if (m := rx.search(flat))), None)

    if t == "price_restriction":
        resale = None
        for rx in _reach_rx("resale"):
            for m in rx.finditer(flat):
                # the sentence around the match, looked for no further than MAX_SENTENCE characters each
                # way (a text of one long line would be read again for every match)
                lo, hi = max(0, m.start() - MAX_SENTENCE), min(len(flat), m.start() + MAX_SENTENCE)
                dot = flat.rfind(".", lo, m.start())
                before = flat[dot + 1 if dot >= 0 else lo:m.start()]
                end = flat.find(". ", m.start(), hi)
                sentence = before + flat[m.start():end if end >= 0 else hi]
                disclaimed = _reach_rx("resale_not")[0].search(before) and not m.group(0).startswith("not")
                if not disclaimed and not _reach_rx("resale_not")[1].search(sentence):
                    resale = m.group(0)
                    break
            if resale:
                break
        return Reach(resale=resale, mfn=first("mfn"))
    conf = _conf()["restraint_reach"]
    not_names, heads, places = (re.compile(conf[k], re.I) for k in ("not_names", "class_heads", "places"))
    named = None
    for rx in _reach_rx("named"):
        for m in rx.finditer(flat):
            name = re.sub(r"['’]s$", "", m.group("name").rstrip(".")).strip()
            low = name.lower()
            if not_names.match(name) or heads.fullmatch(low.split()[-1]) or places.fullmatch(low):
                continue  # "the Territory", "Mr. Smith"; "Internet Retailers"; "Canada"
            if low in known or low.split()[0] in known or any(low in k for k in known):
                continue
            named = name
            break
        if named:
            break
    wide = first("wide") if t in ("non_compete", "exclusivity") else None
    tied = first("tied") if t in ("non_compete", "exclusivity") else None
    return Reach(after_term=_after_term(flat), wide=wide, named=named, tied=tied)


def _no_price_restraint(text: str, headings: str = "") -> bool:
    """A clause labelled price_restriction that restrains no price: each sentence of it that names a
    price also says it is the price of a right of first refusal or negotiation or of a sale of shares
    (``price_not_restraint``), and no sentence has cap, parity, fixed or resale price wording
    (``price_restraint``). A price left to be agreed is no way out: agreeing a resale or joint selling
    price is a restraint too. A clause that names no price of its own is
    left out on such wording in it or in the headings above it ("5.2.2 Right of First Negotiation to
    Manufacture"); a heading never hides a clause that names a price."""
    sentences = _pieces(text)
    if any(rx.search(s) for s in sentences for rx in _reach_rx("price_restraint")):
        return False
    # a sentence that names a price ("5.3 Product Price." is the heading, not one)
    priced = [s for s in sentences if len(s.split()) > 4 and any(rx.search(s) for rx in _reach_rx("price_word"))]
    if not priced:
        return any(rx.search(s) for s in sentences + [headings[:MAX_SENTENCE]] for rx in _reach_rx("price_not_restraint"))
    return all(any(rx.search(s) for rx in _reach_rx("price_not_restraint")) for s in priced)


# (its own name: _SENTENCE_END above is the lead-in reader's, which a second binding here had replaced)
_PIECE_END = re.compile(r"(?<=[.;!?])\s+")
SENTENCE_CHARS = 600  # a longer sentence is read in pieces this long: the patterns then stay linear
MAX_SENTENCES = 400   # per clause: a clause longer than that is read only so far


def _pieces(text: str) -> list[str]:
    """The sentences of ``text``, whitespace flattened, in pieces of at most SENTENCE_CHARS, at most
    MAX_SENTENCES of them (a linear split, for patterns that must never scan a whole hostile input)."""
    out: list[str] = []
    for s in _PIECE_END.split(" ".join(text[: SENTENCE_CHARS * MAX_SENTENCES].split())):
        while len(s) > SENTENCE_CHARS:  # cut a long one at a space
            cut = s.rfind(" ", SENTENCE_CHARS // 2, SENTENCE_CHARS)
            cut = cut if cut > 0 else SENTENCE_CHARS
            out.append(s[:cut])
            s = s[cut:].lstrip()
        out.append(s)
        if len(out) >= MAX_SENTENCES:
            break
    return out[:MAX_SENTENCES]


def _headings(cid: str, clauses: dict[str, Clause]) -> str:
    """The headings of a clause and of the clauses above it, joined."""
    out, seen = [], set()
    while cid in clauses and cid not in seen:
        seen.add(cid)
        out.append(clauses[cid].heading or "")
        cid = clauses[cid].parent
    return " ".join(" ".join(out).split())


def _after_term(flat: str) -> str | None:
    """The period a restraint runs after the agreement ends ("five (5) years after the termination"),
    with the kind of termination it hangs on where that follows at once (``after_term_condition``:
    "… of the Agreement (such termination being termination by IMPCO due to default by MINDA/MIL)"), so
    that the flag does not say it runs after any end of the agreement. None where there is no period."""
    m = next((m for rx in _reach_rx("after_term") if (m := rx.search(flat))), None)
    if m is None:
        return None
    rest = flat[m.end():m.end() + 400]
    cond = next((c for rx in _reach_rx("after_term_condition") if (c := rx.match(rest))), None)
    return m.group(0) + (cond.group(0).rstrip(" ,") if cond else "")


def _jointly_owned(structure: AgreementStructure) -> tuple[str, str] | None:
    """(The clause that makes some IP jointly owned by the parties, its words) where no sentence names
    jointly owned IP beside its use, licensing, prosecution or costs (``joint_ip_terms``); else None.
    Read per sentence. The ownership words (``joint_owned``) count where IP is named before them in
    the sentence and they follow a verb or the IP itself ("Inventions … shall be jointly owned", not
    "NewCo, an entity owned jointly", "servers co-owned"), and not in a denial ("Nothing herein shall
    cause any Improvement to be jointly owned", "shall not become joint property"), nor "solely or
    jointly owned", nor owned "with a third party" (``joint_owned_*``); definitions (which may speak of
    another agreement's joint IP) make nothing jointly owned. The clause cited is the shortest one."""
    conf = _conf()
    lead, other = re.compile(conf["joint_owned_lead"], re.I), re.compile(conf["joint_owned_other"], re.I)
    operative = [c for c in structure.clauses if c.kind not in PREFATORY_KINDS]
    hits, sentences = [], []
    for c in operative:
        mine = _pieces(c.text)
        sentences += mine
        if _DEFINITION.match(mine[0] if mine else ""):
            continue
        for s in mine:
            m = next((m for rx in _regexes("joint_owned") for m in rx.finditer(s) if _owned_by_parties(s, m, lead, other)), None)
            if m:
                hits.append((len(c.text), c.id, s[: m.end()]))
                break
    if not hits:
        return None
    if any(any(rx.search(s) for rx in _regexes("joint_ip_regime"))
           or (any(rx.search(s) for rx in _regexes("joint_ip_named")) and any(rx.search(s) for rx in _regexes("joint_ip_terms")))
           for s in sentences):
        return None
    _, cid, words = min(hits)
    # the ownership words end the match: keep them when the quote is cut ("… shall be jointly owned")
    return cid, words if len(words) <= 90 else "… " + words[-86:].split(" ", 1)[-1]


def _owned_by_parties(s: str, m: re.Match, lead: re.Pattern, other: re.Pattern) -> bool:
    """Whether the ownership words ``m`` in sentence ``s`` make IP jointly owned by the parties."""
    before = s[: m.start()]
    near = _WHETHER_OR_NOT.sub(" ", before[-80:]) + m.group(0)
    if any(rx.search(near) for rx in _regexes("joint_owned_not")) or other.search(s[m.end():]):
        return False
    if m.group(0).lower().rstrip("s").endswith("own"):  # "the Parties shall jointly own all Inventions": the IP follows
        return True
    return bool(lead.search(before[-60:])) and any(rx.search(before) for rx in _regexes("joint_owned_ip"))


_WHETHER_OR_NOT = re.compile(r"\bwhether or not\b", re.I)


def _joint_work(book: Playbook, structure: AgreementStructure) -> bool:
    """May the parties make IP together: outside the recitals, the text speaks of IP made under the
    agreement and of work the parties do together (``foreground_ip``, ``joint_work``); under a
    joint-venture playbook, IP made under the agreement is enough."""
    text = " ".join(c.text for c in structure.clauses if c.kind not in PREFATORY_KINDS and c.parent is None)
    text = " ".join(text.split())
    if not any(rx.search(text) for rx in _regexes("foreground_ip")):
        return False
    return book.name in _conf()["joint_work_playbooks"] or any(rx.search(text) for rx in _regexes("joint_work"))


def by_severity(flags: list[Flag]) -> list[Flag]:
    order = {s: i for i, s in enumerate(reversed(_SEVERITY))}
    return sorted(flags, key=lambda f: order[f.severity])


def term_flags(coverage: Coverage, terms: list[KeyTerm]) -> list[Flag]:
    """Flags read from the key terms: arbitration agreed without a seat, or without rules or an
    institution — raised exactly where the report names none (:func:`coaltext.terms.arbitration_terms`)."""
    item = next(i for i in coverage.items if i.type == "arbitration")
    said = {t.name for t in terms}
    if item.status != "present":
        return []
    flags = []
    if "arbitration_seat" not in said:
        flags.append(Flag(code="arbitration_without_seat", severity="warning",
                          message="Arbitration is agreed but no seat (place of arbitration) is named.", clauses=item.evidence))
    if "arbitration_rules" not in said:
        flags.append(Flag(code="arbitration_without_rules", severity="warning",
                          message="Arbitration is agreed but no arbitration rules or institution are named.", clauses=item.evidence))
    return flags


def assess(structure: AgreementStructure, doc: Document, playbook: str = "auto") -> tuple[Coverage, list[Flag]]:
    """Coverage of every clause type against ``playbook`` ("auto" picks one) and the flags that
    coverage alone decides; the arbitration flags read the key terms (:func:`term_flags`)."""
    books = playbooks()
    if playbook == "auto":
        book, reason = choose_playbook(structure, doc)
    elif playbook in books:
        book, reason = books[playbook], f"chosen by the caller: {books[playbook].title}"
    else:
        raise UnknownPlaybook(f"unknown playbook {playbook!r}; choose one of: auto, {', '.join(books)}")
    items = coverage_items(structure.clauses, book)
    flags = flags_for(structure, doc, items, book)
    return Coverage(playbook=book.name, playbook_reason=reason, items=items), flags


# ------------------------------------------------------------- agreements this document rests on
# An amendment, or an order or amendment governed as a whole by a master agreement, leaves most terms to that
# agreement: a required type missing here may be there (``related_agreements``). Precision over recall: the
# document's parsed title alone says what it is (an amendment, an order, a schedule …); words in its body ("This
# Amendment …", a schedule's "This Schedule is governed by …") never make a full agreement subordinate.
_SEP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # one line break at most inside a name
# a word of a name: capitalised, no full stop ("Delaware Law.\nEntire Agreement" is no name); a name never
# starts with a joining word ("AND RESTATEMENT OF JOINT VENTURE AGREEMENT" is no name)
_NAME_START = r"(?!(?i:this|the|and|of|for|to)\b)[A-Z][\w&'’-]*"
_NAME_WORD = r"(?:(?!(?i:this|the)\b)[A-Z][\w&'’-]*|and|of|for|to|&)"
_NAME = r"(?P<name>(?:" + _NAME_START + _SEP + r"(?:" + _NAME_WORD + _SEP + r"){0,7})?(?:Agreement|AGREEMENT))\b"
_OTHER = r"(?i:the\s+|that\s+certain\s+|said\s+)?" + _NAME
_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
_NUMBER = r"(?:\s+(?:no\.?|number|n°)\s*\w+|\s*#\s*\w+|\s+\d+\b)"  # "No. 1", "#3", "N° 1", "1"
# the title names what it amends: "Amendment No. 1 to (the) X Agreement", "First Amendment to X Agreement", "Amendment
# to (Section 2 of) the X Agreement", "Amendment N° 1 Global Maintenance Agreement", "X AGREEMENT AMENDMENT NO. 1"
_TITLE_AMENDS = (
    re.compile(r"(?i:^\W*(?:" + _ORDINAL + r"\s+(?:[\w-]+\s+){0,3}?)?amendment(?:" + _NUMBER + r"(?:\s+(?:to|of))?|"
               r"\s+(?:to|of))\s+(?:(?:section|article|paragraph|clause)\b[^.;\n]{0,60}?\bof\s+)?)" + _OTHER),
    re.compile(r"^\W*" + _NAME + r"\s+(?i:amendment" + _NUMBER + r")\W*$"),
)
# a title that is an amendment and no more: "AMENDMENT NO. 1", "First Amendment" (the recitals name what it
# amends); not a bare "AMENDMENT", which may be a stamp above the title
_TITLE_IS_AMENDMENT = re.compile(r"(?i)^\W*(?:" + _ORDINAL + r"\s+amendment" + _NUMBER + r"?|amendment" + _NUMBER + r")\W*$")
# an amended and restated agreement, or an "Amendment No. 2 and Restatement of …", is a full agreement
_RESTATED = re.compile(r"(?i)\bamended\s+(?:and|&)\s+restated\b|\bamendment" + _NUMBER + r"?\s+(?:and|&)\s+restatement\b")
# the name a preamble gives the document: "This Joint Venture Agreement (this "Agreement") is entered into …"
_SELF_NAME = re.compile(
    r"\b(?:This|THIS)\s+(?P<name>(?:[A-Z][\w&'’#°.-]*\s+){0,8}?(?:Agreement|AGREEMENT|Amendment|AMENDMENT|Addendum|"
    r"ADDENDUM|Supplement|SUPPLEMENT|Order|ORDER|Statement\s+of\s+Work|STATEMENT\s+OF\s+WORK))\b(?:\s*\([^()]{0,120}\))?,?\s+"
    r"(?i:(?:is|was|shall\s+be)\s+)?(?i:made|entered|dated|executed)\b")
# the preamble's sentence naming the document, read only where no title was parsed: "This Amendment #3 to the
# Manufacturing Agreement (this "Amendment #3") is made effective …"
_PREAMBLE_NAME = re.compile(r"\b(?:This|THIS)\s+(?P<name>[^()\n]{3,120}?)\s*(?:\([^()]{0,120}\)\s*)?,?\s+"
                            r"(?i:(?:is|was|shall\s+be)\s+)?(?i:made|entered|dated|executed)\b")
# the head noun of a title that puts the document under another as a whole (never "Agreement": a supplemental,
# or an "as amended", agreement is a full one)
_SUBORDINATE_HEAD = re.compile(r"(?i)\b(?P<noun>amendment|addendum|supplement|statement\s+of\s+work|sow|order|schedule)$")
# where the title does not name what it amends: the recitals do ("desire to amend the Agreement")
_AMENDS_RECITAL = re.compile(r"(?i:\b(?:amendment" + _NUMBER + r"?\s+to|amend|modify|supplement)\s+(?:and\s+supplement\s+)?)"
                             + _OTHER + r"(?!\s+(?i:and|or)\s+restate)")
# "Except as amended hereby, the Distributor Agreement remains in full force and effect"
_CONTINUES = re.compile(
    r"(?i:\bexcept\s+as\s+(?:expressly\s+|specifically\s+|otherwise\s+)?(?:amended|modified|supplemented|set\s+forth|"
    r"provided)\s+(?:hereby|herein|by\s+this\s+amendment|in\s+this\s+amendment)[^.;]{0,60}?,?\s+)" + _OTHER
    + r"(?i:[^.;]{0,80}?\b(?:remains?|continues?|shall\s+(?:remain|continue)|will\s+(?:remain|continue)|is\s+"
      r"(?:hereby\s+)?ratified)\b)")
# "This Amendment is governed by the Master Framework Agreement", "This Order is subject to the terms of the Master
# Supply Agreement": this document, as a whole, under a named agreement (not "made pursuant to", not one matter)
_GOVERNED_BY = re.compile(
    r"(?i:\bthis\s+(?P<subject>amendment|addendum|supplement|statement\s+of\s+work|sow|order|purchase\s+order|"
    r"work\s+order|schedule)(?:\s*(?:no\.?|#)\s*\w+)?\s+(?:is|shall\s+be|will\s+be)\s+(?:governed\s+by|subject\s+to"
    r"(?:\s+and\s+governed\s+by)?)\s+(?:all\s+(?:of\s+)?)?(?:the\s+(?:terms(?:\s+and\s+conditions)?|provisions)\s+of\s+)?)"
    + _OTHER)
# what may follow the name in that sentence without limiting it ("…, dated May 1, 2015, between the parties.")
_LIMITED = re.compile(r"(?i)\b(?:where|when|to\s+the\s+extent|insofar|in\s+so\s+far|as\s+far\s+as|only|solely|except|"
                      r"with\s+respect\s+to|in\s+respect\s+of|as\s+regards|regarding|relating|apply|applies|pertain)")
# an order of precedence between the two, not this document under the other as a whole
_PRECEDENCE = re.compile(r"(?i)\b(?:conflicts?|inconsisten\w*|discrepanc\w*|prevails?|precedence|priority)\b")
_NOT_AN_AGREEMENT = re.compile(r"(?i)\b(?:laws?|state|courts?|rules?)\b")
# "Sections 4.1 through 4.11 of the OMA are incorporated herein by reference" (not exhibits attached hereto). A
# separator between section numbers consumes text no number can hold ("Sections totototo…" splits one way only).
# Matched backwards from each "incorporated", in the _INCORPORATED_BACK characters before it (\Z: ends there)
_LIST_SEP = r"(?:\s*[,–-]\s*|\s+(?:and|through|to)\s+)"
_INCORPORATES = re.compile(
    r"(?i:\b(?:(?:sections?|articles?|clauses?)\s+[\w.()]{1,20}(?:" + _LIST_SEP + r"[\w.()]{1,20}){0,20}"
    r"(?:\s*\([^)]{0,40}\))?|(?:the\s+|all\s+(?:of\s+)?the\s+)?(?:terms(?:\s+and\s+conditions)?|provisions|definitions?))"
    r"\s+of\s+)" + _OTHER
    + r"(?i:[^.;]{0,120}?\b(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?(?:deemed\s+(?:to\s+be\s+)?)?(?:affirmed\s+"
      r"\w+\s+\w+\s+\w+\s+and\s+)?incorporated)\Z")
_INCORPORATED = re.compile(r"(?i)incorporated\b")
_INCORPORATED_BACK = 900  # a section list of 21 items, a name of 9 words and 120 characters before "is incorporated"
_MAX_INCORPORATED = 200  # "incorporated" looked at ("a corporation incorporated under the laws of …" is common)
_ATTACHED = re.compile(r"(?i)\battached\s+(?:hereto|to\s+this)|\bexhibit\b|\bschedule\s+[\dA-Z]\b|\bappendix\b")
_DEFINED = re.compile(r"\(\s*(?i:the\s+|collectively,?\s+the\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?|"
                      r"as\s+so\s+amended,?\s+the\s+)?[\"“](?P<term>[^\"”]{1,40})[\"”]")
_NAME_BEFORE = re.compile(r"\b((?:" + _NAME_START + _SEP + r"(?:" + _NAME_WORD + _SEP + r"){0,7})(?:Agreement|AGREEMENT))\b")
_HEAD = 4000  # characters where an amendment names itself and what it amends
_DEFS_IN = 20000  # characters where the defined names of other agreements are looked up
_MAX_MATCHES = 50  # matches of one pattern looked at: an amendment says it in a sentence or two
_THIS_ONE = re.compile(r"(?i)^(?:this|the\s+present)$")


@dataclass(frozen=True, slots=True)
class Related:
    """Another agreement this document amends, is governed by or incorporates, and the words that say so."""
    relation: str  # amends | governed_by | incorporates
    name: str  # "the Master Framework Agreement"
    rule: str  # amends.title, amends.recital, amends.continues, governed_by, incorporates
    start: int
    end: int
    clause: str | None

    def phrase(self) -> str:
        return {"amends": f"{self.name} (which this document amends)",
                "governed_by": f"{self.name} (which governs this document)",
                "incorporates": f"{self.name} (parts of which this document incorporates by reference)"}[self.relation]


class _Names:
    """Full names of agreements, resolved once per name: a defined term ("Agreement", "Existing Agreement")
    stands for the name defined for it in the first _DEFS_IN characters ('that certain Distributor Agreement
    dated … (the "Agreement")'); a name in capitals is written as the text writes it in mixed case there."""

    def __init__(self, text: str):
        self.head = text[:_DEFS_IN]
        self.defined: dict[str, str] = {}
        for d in _DEFINED.finditer(self.head):  # each definition: the last agreement named in the 300 before it
            term = " ".join(d.group("term").split())
            if term in self.defined:
                continue
            window = self.head[max(0, d.start() - 300): d.start()]
            names = [n.group(1) for n in _NAME_BEFORE.finditer(window)]
            if names:
                self.defined[term] = " ".join(names[-1].split())
        self.cache: dict[str, str] = {}

    def full(self, name: str) -> str:
        name = " ".join(name.split())
        if name not in self.cache:
            full = self.defined.get(name, name)
            if full.isupper():  # "NON-COMPETITION AGREEMENT" in a title: as the text writes it elsewhere
                full = next((w.group(0) for w in re.finditer(re.escape(full), self.head, re.I) if not w.group(0).isupper()), full)
            full = re.sub(r"^(?i:(?:this|that|the|a|an|certain|into|entered)\s+)+", "", full)
            self.cache[name] = f"the {full}" if full.lower() != "agreement" else ""
        return self.cache[name]


def _title_line(structure: AgreementStructure, text: str) -> str:
    """The document's title as the structure parsed it (not its first lines: a stamp, a cover listing the
    amendments of a conformed copy, or what a restatement restates names other documents). With no parsed
    title, the name its preamble gives it where that is itself a title naming what it amends ("This Amendment
    #3 to the Manufacturing Agreement (this "Amendment #3") is made …"); never a bare "This Amendment"."""
    if structure.title:
        return structure.title if len(structure.title) <= 150 else ""
    if (m := _PREAMBLE_NAME.search(text[:1500])) and any(rx.search(m.group("name")) for rx in _TITLE_AMENDS):
        return m.group("name")
    return ""


def _own_names(structure: AgreementStructure, text: str) -> list[str]:
    """What the document calls itself: its title and the name its preamble gives ("This Joint Venture
    Agreement (this "Agreement") is entered into …", "THIS SUPPLEMENTAL AGREEMENT is made …"), lower case."""
    out = [_title_line(structure, text)]
    if m := _SELF_NAME.search(text[:_HEAD]):
        out.append(m.group("name"))
    return [n for n in (" ".join(re.sub(r"[^\w&]+", " ", o).split()).lower() for o in out) if n]


def is_amendment(structure: AgreementStructure, text: str) -> bool:
    """The document itself is an amendment, by its title alone: "Amendment No. 1 to …", "First Amendment to
    …", "Amendment to the … Agreement", "… AGREEMENT AMENDMENT NO. 1", "AMENDMENT NO. 1"; not an amended and
    restated agreement or an "Amendment No. 2 and Restatement of …" (full agreements), nor a bare "AMENDMENT";
    "Amendment No. 1 to Amended and Restated Supply Agreement" is an amendment (the restated one is what it amends)."""
    title = " ".join(_title_line(structure, text).split())
    if not title:
        return False
    amends = next((m for rx in _TITLE_AMENDS if (m := rx.search(title))), None)
    if any(not (amends and amends.start("name") <= r.start() < amends.end("name")) for r in _RESTATED.finditer(title)):
        return False
    return bool(amends or _TITLE_IS_AMENDMENT.search(title))


def _head_noun(structure: AgreementStructure, text: str) -> str | None:
    """The noun of the title that says the document lives under another as a whole ("amendment", "order",
    "statement of work", "addendum", "supplement", "schedule"), or None: "SUPPLEMENTAL AGREEMENT", "JOINT
    VENTURE AGREEMENT, AS AMENDED", "… AGREEMENT UNDER RATE SCHEDULE FTS" are agreements."""
    if is_amendment(structure, text):
        return "amendment"
    t = " ".join(_title_line(structure, text).lower().split())
    t = re.sub(r"\s+(?:to|under|pursuant\s+to)\b.*$", "", t)  # "addendum no. 2 to the master agreement"
    t = re.sub(r"(?:" + _NUMBER + r"|\s+[a-z]\b|\W+)+$", "", t)  # "schedule a", "statement of work no. 3"
    if (m := _SUBORDINATE_HEAD.search(t)) and m.group("noun") != "amendment":  # a bare "AMENDMENT" may be a stamp
        return _noun(m.group("noun"))
    return None


def _noun(s: str) -> str:
    """One name per kind of subordinate document: "sow" is a statement of work, a purchase or work order an order."""
    s = " ".join(s.lower().split())
    if s == "sow":
        return "statement of work"
    return "order" if s.endswith("order") else s


def related_agreements(structure: AgreementStructure, doc: Document) -> list[Related]:
    """The agreements this document amends (its title says it is an amendment, and names what it amends or
    its recitals do), is governed by or subject to as a whole (its title says it is an order, a statement of
    work … and "This Order is subject to …" says under what), or incorporates parts of by reference; each with
    the rule and the offsets of the words that say so, and the clause holding them (the smallest). Linear in
    the text's length."""
    text = doc.text
    clauses = sorted(structure.clauses, key=lambda c: c.end - c.start)
    names = _Names(text)

    def clause_at(pos: int) -> str | None:
        return next((c.id for c in clauses if c.start <= pos < c.end), None)

    # an amendment's title names what it amends, not itself
    own = [o for o in _own_names(structure, text) if not re.search(r"amend|supplement|addend", o)]

    def its_own(full: str) -> bool:
        """"the Joint Venture Agreement" in a document that calls itself so: this agreement, not another."""
        full = " ".join(re.sub(r"[^\w&]+", " ", full[4:]).split()).lower()
        return any(o.endswith(full) for o in own)

    def named(m: re.Match, base: int = 0) -> str | None:
        before = text[max(0, base + m.start("name") - 12): base + m.start("name")].split()
        if before and _THIS_ONE.match(before[-1]):  # "this Agreement", not another
            return None
        full = names.full(m.group("name"))
        if not full or _NOT_AN_AGREEMENT.search(full) or its_own(full):
            return None
        return full

    def first(rx: re.Pattern, s: str, base: int = 0, test=lambda m, name: True):
        for n, m in enumerate(rx.finditer(s)):
            if n >= _MAX_MATCHES:
                return None
            if (name := named(m, base)) and test(m, name):
                return m, name
        return None

    out: list[Related] = []
    head = _head_noun(structure, text)
    if head == "amendment":
        hit, ln = None, " ".join(_title_line(structure, text).split())
        for rx in _TITLE_AMENDS:
            if (m := rx.search(ln)) and (name := names.full(m.group("name"))) and not _NOT_AN_AGREEMENT.search(name) \
                    and not its_own(name):
                at = text.find(_title_line(structure, text))
                hit = ("amends.title", name, max(at, 0), max(at, 0) + len(_title_line(structure, text)) if at >= 0 else 0)
                break
        if hit is None and (f := first(_AMENDS_RECITAL, text[:_HEAD])):
            hit = ("amends.recital", f[1], f[0].start(), f[0].end())
        if hit:
            out.append(Related("amends", hit[1], hit[0], hit[2], hit[3], clause_at(hit[2])))
            if f := first(_CONTINUES, text):
                out.append(Related("amends", hit[1], "amends.continues", f[0].start(), f[0].end(), clause_at(f[0].start())))

    def whole_sentence(m: re.Match, name: str) -> bool:
        """"This Order is subject to …" in a document its title calls an order: the sentence opens with it, and
        nothing after the name limits it ("only as to payment terms") or sets an order of precedence."""
        if _noun(m.group("subject")) != head:
            return False
        if not re.search(r"(?:^|[.;:\n]|\d\.?|\b[A-Z]{2,}|\))\s*$", text[max(0, m.start() - 40): m.start()]):
            return False
        after = text[m.end(): m.end() + 200]
        if _PRECEDENCE.search(re.split(r"(?<=\.)\s|\n\s*\n", after, maxsplit=1)[0]):
            return False  # "…, and in case of conflict the Shareholders Agreement prevails": an order of precedence
        sentence = re.split(r"(?<=[.;])\s|\n\s*\n", after, maxsplit=1)[0]
        # up to a clause of its own: "… the Primary Agreement and both agreements supersede …"
        rest = re.split(r"(?i)\s(?:and|but)\s+(?:both|the|this|each|all|neither|any|such)\b", sentence, maxsplit=1)[0]
        return not _LIMITED.search(rest)

    if head and (f := first(_GOVERNED_BY, text, test=whole_sentence)):
        out.append(Related("governed_by", f[1], "governed_by", f[0].start(), f[0].end(), clause_at(f[0].start())))
    # incorporation: from each "incorporated" (few), backwards over a window; a text with none costs one scan
    found = 0
    for n, inc in enumerate(_INCORPORATED.finditer(text)):
        if n >= _MAX_INCORPORATED or found >= _MAX_MATCHES:
            break
        base = max(0, inc.start() - _INCORPORATED_BACK)
        if not (m := _INCORPORATES.search(text, base, inc.end())):
            continue
        found += 1
        if (name := named(m)) and not _ATTACHED.search(text[max(0, m.start() - 200): m.end()]) \
                and not any(r.name.lower() == name.lower() for r in out):
            out.append(Related("incorporates", name, "incorporates", m.start(), m.end(), clause_at(m.start())))
    return out


_RELATION_WORDS = {"amends": "amends", "governed_by": "is governed by", "incorporates": "incorporates parts of"}


def _related_flag(related: list[Related], text: str) -> Flag:
    """``related_agreement`` (info): the agreements this document amends, is governed by or incorporates in
    part, each with the words that say so, the rule and their offsets."""
    said = []
    for relation, words in _RELATION_WORDS.items():
        for name in dict.fromkeys(r.name for r in related if r.relation == relation):
            proof = "; ".join(f"{r.rule}: “{_cut(' '.join(text[r.start:r.end].split()), 120)}”, characters {r.start}–{r.end}"
                              for r in related if r.relation == relation and r.name == name)
            said.append(f"{words} {name} ({proof})")
    whole = any(r.relation != "incorporates" for r in related)
    tail = ("review it together with " + ("that agreement" if len({r.name for r in related}) == 1 else "those agreements")
            + "; terms it does not state may be there." if whole else
            "only the parts it incorporates apply here; the required types are checked in this document alone.")
    return Flag(code="related_agreement", severity="info", message=f"This document {', and '.join(said)}: {tail}",
                clauses=list(dict.fromkeys(r.clause for r in related if r.clause)))


def rests_on(related: list[Related]) -> list[Related]:
    """The agreements a missing type may be in: those this document amends or is governed by as a whole (an
    agreement it incorporates some sections of is not: the missing types stay missing)."""
    return [r for r in related if r.relation in ("amends", "governed_by")]


def elsewhere_note(related: list[Related], t: str | None = None) -> str:
    """"it may be in the Supply Agreement (which this document amends)": where a missing type ``t`` may be.
    Governing law of a document governed by another agreement is the law chosen there, and only there."""
    governs = [r for r in rests_on(related) if r.relation == "governed_by"]
    if t == "governing_law" and governs:
        return f"the law chosen in {governs[0].name} (which governs this document) applies"
    return "it may be in " + " or ".join(dict.fromkeys(r.phrase() for r in rests_on(related)))


def _elsewhere(name: str, t: str, book: Playbook, related: list[Related]) -> tuple[str, list[str], str]:
    """(message, clauses cited, severity ``info``) of a required type missing from a document that amends,
    or is governed by, another agreement: the type may well be there."""
    whole = rests_on(related)
    governs = [r for r in whole if r.relation == "governed_by"]
    if t == "governing_law" and governs:
        # "This Amendment is governed by the Master Framework Agreement" names no law, but the law is not simply absent
        return (f"{name} is required by the {book.title} playbook; this document names no law, but says it is governed "
                f"by {governs[0].name}: the law chosen there applies — check it in that agreement.",
                list(dict.fromkeys(r.clause for r in governs if r.clause)), "info")
    check = "check it there and review the two together" if len({r.name for r in whole}) == 1 else \
        "check it there and review them together"
    return (f"{name} is required by the {book.title} playbook and is not in this document; {elsewhere_note(related)}: "
            f"{check}.", list(dict.fromkeys(r.clause for r in whole if r.clause)), "info")
