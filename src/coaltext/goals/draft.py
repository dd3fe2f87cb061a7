"""Minutes against the draft: which agreed decisions and goals no clause covers, and which a clause contradicts.

Each item (a minutes decision or a goal) is compared with every sentence of the draft's clauses
(own text, children excluded). Plain cosine of the best sentence below ``covered_similarity``:
*uncovered* (the nearest clause is still given, as the place to look). A sentence among the
``top_sentences`` nearest, with cosine ≥ ``contradiction_cosine`` and topic-word overlap ≥
``contradiction_overlap`` (``contradiction_overlap_numbers`` for quantities and dates), that disagrees on a cue
(direction, negation, exclusivity, quantity, date — :mod:`coaltext.goals.cues`; and here: the place
of a forum, "free to X after the agreement ends" against a restraint that outlives it): *contradicted*,
with that clause as evidence. An item that states a quantity is also compared with whole clauses
that state one of the same kind (a split in a table of shares is cut into fragments no sentence
search finds). Otherwise *covered* — by a sentence at or above ``covered_similarity`` that also states
what the item states (:func:`unstated`): its quantities and dates, its exclusivity and direction, and
a quarter of its topic words, not counting generic ones (``draft.generic_words``: "date", "project",
"agree", "decided" share no substance); the reason says which words the clause shares. A clause near
in meaning that states none of that ("a royalty of 3.5%" for "split licensing revenue 70/30", and for
"50/50" too) leaves the item *uncovered*, and the reason says
what the nearest clause does not state. Two items that conflict with each other are never both covered
by one clause (it would contradict the side it does not state). The check reads words, not law: it cannot tell that a clause
states a goal in other words ("quarterly" for "four times a year"), nor whom an exclusivity favours.

The title and the all-capitals heading lines of the preamble cover nothing. Reasons cite clauses as a lawyer does ("19.2", "Recital 3"), by
:attr:`Clause.citation`; ``clauses`` keeps the ids that the agreement report uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..types import Clause, DraftGap, Goal, MinutesItem
from ..terms import REDACTED, governing_law
from .align import check_deadline
from .cues import (
    Conflict,
    conflict,
    content_stems,
    dates,
    forum_conflict,
    overlap,
    quantities,
    restraint_conflict,
    settings,
    stance,
    stem,
    words,
)
from .sources import _name_words, own_text

_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[\"“(]?[A-Z0-9(])|\n\s*\n|\n(?=\s*\(?[a-z0-9ivx]{1,4}[.)]\s)")
_MAX_SENTENCES = 5000
# candidates for a quantity contradiction beyond the nearest sentences: whole clauses that state a
# quantity of the item's kind, this close by plain cosine (module constants until conf/goals.yaml,
# owned with the cue lexicons, has a key for them)
_QUANTITY_CLAUSE_COSINE = 0.30
_MAX_CLAUSE_CHARS = 1500
# a sentence covers an item only if it also states this share of the item's topic words (module
# constant until conf/goals.yaml has a key for it): an exclusivity clause on "solid electrolytes" is
# near "Qualify a second electrolyte supplier in North America" by cosine but says 1 of its 5 topic
# words; a quarter lets "no Party shall disclose … pricing intentions" cover "free of any exchange of
# pricing or customer data" (1 of 4: "prices" and "exchange" are in its other sentences)
_COVERED_OVERLAP = 0.25
# … or this many of them, for a long item: a recital of 17 topic words (what two parties make, sell and
# to whom) is covered by a sentence that states 4 of them, which no single sentence reaches a quarter of
_COVERED_WORDS = 4
_COVER_CANDIDATES = 20  # nearest sentences looked at for one that covers the item
_LEADING_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|\([a-z0-9]{1,4}\))\s+")
@dataclass(frozen=True, slots=True)
class DraftSentence:
    clause: str
    text: str
    start: int
    end: int
    operative: bool = True  # False for recitals and preamble: they cover an item but cannot contradict it


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _in_preamble(c: Clause, by_id: dict[str, Clause]) -> bool:
    """True for the preamble and the paragraphs under it (recitals are not preamble)."""
    up: Clause | None = c
    while up is not None:
        if up.kind == "recital":
            return False
        if up.kind == "preamble":
            return True
        up = by_id.get(up.parent or "")
    return False


def _heading_line(text: str) -> bool:
    """A line of capitals and no sentence: "JOINT VENTURE AGREEMENT MINDA IMPCO …", "BETWEEN"."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and len(text) <= 150 and not any(ch.islower() for ch in letters) and not text.rstrip().endswith((".", ";"))


def _only_heading(text: str, c: Clause) -> bool:
    """A sentence that is only a heading: the clause's own heading, or a line of capitals (a
    leading number and a closing '.' or ';' allowed) — "PARTIES' INTERESTS IN THE JOINT VENTURE."."""
    bare = _LEADING_NUMBER.sub("", text).strip().rstrip(".;:")
    if c.heading and _folded(bare) == _folded(c.heading.strip().rstrip(".;:")):
        return True
    letters = [ch for ch in bare if ch.isalpha()]
    return bool(letters) and len(bare) <= 150 and not any(ch.islower() for ch in letters)


def draft_sentences(clauses: list[Clause], title: str | None = None) -> list[DraftSentence]:
    """Sentences of every clause's own text, with the clause id and offsets into the draft.

    Left out: signature blocks, contents lists, the title (kind "title", or a line that reads as
    ``title``) and the heading lines of the preamble. Recitals and the preamble clause itself
    cover but do not contradict (``operative`` False).
    """
    by_id = {c.id: c for c in clauses}
    title_key = _folded(title) if title else None
    out: list[DraftSentence] = []
    for c in clauses:
        if c.kind in ("signature", "title", "contents"):  # a contents line covers no goal
            continue
        preamble = _in_preamble(c, by_id)
        body, start, _end = own_text(c, clauses)
        pos = 0
        for part in _SENTENCE_END.split(body) + [""]:
            if part is None:
                continue
            idx = body.find(part, pos) if part else -1
            if idx < 0:
                continue
            pos = idx + len(part)
            text = " ".join(part.split())
            if title_key and _folded(text) == title_key:
                continue  # the agreement's name covers no goal
            if preamble and _heading_line(text):
                continue
            if _only_heading(text, c):
                continue  # "22 DISPUTE RESOLUTION PROCEDURES;", "ECONOMIC RIGHTS" cover nothing
            if len(text) >= 12:
                operative = c.kind not in ("recital", "preamble")
                out.append(DraftSentence(c.id, text, start + idx, start + idx + len(part), operative))
            if len(out) >= _MAX_SENTENCES:
                return out
    return out


def _masker(parties: list[str]):
    """A function that blanks party names (and their distinctive words) out of a text."""
    pattern = _party_finder(parties, possessive=True)
    if pattern is None:
        return lambda t: t
    return lambda t: " ".join(pattern.sub(" ", t).split()) or t


def _party_finder(parties: list[str], possessive: bool = False):
    """A pattern finding party names (and their distinctive words, with "'s" if ``possessive``)
    in a text, or None."""
    names = set()
    for p in parties:
        names.add(p)
        names.update(w for w in _name_words(p) if len(w) > 2)
    if not names:
        return None
    tail = r"(?:'s)?\b" if possessive else r"\b"
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")" + tail)


def _owner(text: str, finder, parties: list[str]) -> str | None:
    """The one party a text names ("Beta holds 60%" → Beta), else None."""
    if finder is None:
        return None
    found = {_party_of(m.group(0), parties) for m in finder.finditer(text)}
    return next(iter(found)) if len(found) == 1 else None


def _party_of(name: str, parties: list[str]) -> str:
    for p in parties:
        if name == p or name in _name_words(p):
            return p
    return name


def _owned_by(text: str, owner: str | None, finder, parties: list[str]) -> str:
    """``text`` without the stretches that belong to another party: from each party name to the
    next ("Acme - 40%; Beta - 60%" read for Beta is " Beta - 60%"). Quantities are compared for the
    same party only; masked names had made "Beta holds 60%" disagree with "Acme - 40%"."""
    if owner is None or finder is None:
        return text
    hits = list(finder.finditer(text))
    if not hits:
        return text
    keep = [text[: hits[0].start()]]
    for i, m in enumerate(hits):
        end = hits[i + 1].start() if i + 1 < len(hits) else len(text)
        if _party_of(m.group(0), parties) == owner:
            keep.append(text[m.start() : end])
    return " ".join(keep)


def cite(clause: Clause, by_id: dict[str, Clause]) -> str:
    """How a reader finds a clause, as the agreement report does: its citation ("19.2", "Recital 3",
    "1.1 ¶ 9") or number, else its heading, "preamble", or where it sits ("in 14.2", "in “Notices”"),
    else its id (the last resort)."""
    if clause.citation or clause.number:
        return clause.citation or clause.number  # type: ignore[return-value]
    if clause.heading:
        return " ".join(clause.heading.split())
    if _in_preamble(clause, by_id):
        return "preamble"
    up = by_id.get(clause.parent or "")
    while up is not None:
        if up.citation or up.number or up.heading:
            return f"in {up.citation or up.number or '“' + ' '.join(up.heading.split()) + '”'}"
        up = by_id.get(up.parent or "")
    return f"clause {clause.id}"


def _acronyms(text: str, item: str) -> str:
    """``text`` with each capitals abbreviation the item spells out written out too ("JVC" →
    "JVC joint venture company" when the item says "joint venture company"): for topic overlap."""
    item_words = re.findall(r"[A-Za-z]+", item)
    extra = []
    for abbr in set(re.findall(r"\b[A-Z]{2,5}\b", text)):
        n = len(abbr)
        for k in range(len(item_words) - n + 1):
            run = item_words[k : k + n]
            if "".join(w[0] for w in run).upper() == abbr:
                extra.append(" ".join(run))
                break
    return text + (" " + " ".join(extra) if extra else "")


def _conflict(item: str, sentence: str, ov: float, cfg: dict) -> Conflict | None:
    """Two choices of law compared by their places (:func:`coaltext.terms.governing_law`); else a
    cue of :func:`cues.conflict` (with the topic-overlap gates of ``cfg``), else a forum placed
    elsewhere (two forums of one kind need no shared words), else a restraint that outlives the
    agreement."""
    wanted, chosen = governing_law(item), governing_law(sentence)
    if wanted and chosen and REDACTED not in (wanted.value, chosen.value):
        a, b = wanted.value.lower(), chosen.value.lower()
        if a in b or b in a:
            return None  # the same law: "without reference to its conflict of laws" negates nothing
        return Conflict("governing_law", f"governed by the law of '{wanted.value}' vs '{chosen.value}'")
    if ov >= cfg["contradiction_overlap"]:
        c = conflict(item, sentence, topic_overlap=ov)
        if c is not None and not (c.kind in ("quantity", "date") and ov < cfg["contradiction_overlap_numbers"]):
            return c
    if ov < cfg["contradiction_overlap"]:
        return forum_conflict(item, sentence)
    return forum_conflict(item, sentence) or restraint_conflict(item, sentence, outlives=True)


def check_draft(
    items: list[MinutesItem | Goal],
    clauses: list[Clause],
    embedder,
    *,
    parties: list[str] = (),
    title: str | None = None,
    deadline: float | None = None,
) -> list[DraftGap]:
    """One :class:`DraftGap` per item: uncovered, contradicted or covered, with clause ids.

    ``parties``: names to leave out when comparing ("Kestrel would like an exclusive licence"
    is about the licence, not about the clause that introduces Kestrel). ``title``: the
    agreement's title, which covers nothing. Past ``deadline`` (monotonic time) it stops with
    ``ParseTimeout``: a long draft's sentences are embedded a chunk at a time.
    """
    if not items:
        return []
    cfg = settings()["draft"]
    mask = _masker(list(parties))
    by_id = {c.id: c for c in clauses}
    sentences = draft_sentences(clauses, title)
    if not sentences:
        return [
            DraftGap(item=i.id, text=i.text, status="uncovered", reason="the draft has no clause text")
            for i in items
        ]
    finder = _party_finder(list(parties))
    owners = [_owner(i.text, finder, list(parties)) for i in items]
    item_texts = [mask(i.text) for i in items]
    sentence_texts = [mask(s.text) for s in sentences]
    iv = _encode(embedder, item_texts, deadline)
    sv = _encode(embedder, sentence_texts, deadline)
    sims = iv @ sv.T
    # whole operative clauses that state a quantity: candidates for items that state one
    counted = [k for k, t in enumerate(item_texts) if quantities(t)]
    units = _quantity_units(clauses, sentences, by_id, mask) if counted else []
    # only a clause that shares a topic word with some item that states a quantity can pass the overlap
    # gate of _quantity_contradiction (the party's own stretch of it shares no more): embed no other
    # (an item "in one corner of the slide" had every clause of a 29-clause draft embedded, a third of its time)
    units = [u for u in units if any(content_stems(_acronyms(u[1], item_texts[k])) & content_stems(item_texts[k]) for k in counted)]
    if units and counted:
        uv = _encode(embedder, [u[1] for u in units], deadline)
        unit_sims = iv[counted] @ uv.T
    out = []
    for k, item in enumerate(items):
        check_deadline(deadline)
        row = sims[k]
        top = np.argsort(-row)[: max(1, cfg["top_sentences"])]
        best = int(top[0])
        contradiction = stated = None  # stated: a clause that states the item's quantity
        for j in top:
            j = int(j)
            if row[j] < cfg["contradiction_cosine"]:
                break
            if not sentences[j].operative:
                continue
            ov = overlap(item_texts[k], _acronyms(sentence_texts[j], item_texts[k]))
            said = sentence_texts[j]
            if quantities(item_texts[k]):
                said = mask(_owned_by(sentences[j].text, owners[k], finder, list(parties)))
                if quantities(said) and _states(said, item_texts[k]) and ov >= cfg["contradiction_overlap_numbers"]:
                    stated = (sentences[j].clause, float(row[j]))
                    break  # a clause states the item's value: covered, lower-ranked ones cannot contradict it
            c = _conflict(item_texts[k], said, ov, cfg)
            if c is not None:
                contradiction = (sentences[j].clause, sentences[j].text, float(row[j]), c)
                break
        if contradiction is None and stated is None and units and k in counted:
            owned = [(u[0], mask(_owned_by(_LEADING_NUMBER.sub("", u[2]), owners[k], finder, list(parties))), u[2]) for u in units]
            contradiction, stated = _quantity_contradiction(item_texts[k], owned, unit_sims[counted.index(k)], cfg)
        if contradiction is not None:
            cid, quote, sim, c = contradiction
            status, ids = "contradicted", [cid]
            reason = f"{c.kind}: {c.reason}; {cite(by_id[cid], by_id)} says: \"{quote[:200]}\""
            out.append(_gap(item, status, ids, sim, reason))
            continue
        near = [int(j) for j in np.argsort(-row)[:_COVER_CANDIDATES] if row[int(j)] >= cfg["covered_similarity"]]
        said_by = {j: _said(sentences[j], owners[k], finder, list(parties), mask) for j in near}
        said = {j: unstated(item_texts[k], said_by[j], close=row[j] >= cfg["covered_similarity_close"]) for j in near}
        covering = [j for j in near if not said[j]]
        if covering or stated is not None:
            first = covering[0] if covering else None
            status, sim = "covered", max(row[first] if first is not None else 0.0, stated[1] if stated else 0.0)
            ids = list(dict.fromkeys(sentences[j].clause for j in covering))[: max(1, cfg["top_sentences"])]
            if stated is not None:
                ids = [stated[0], *(i for i in ids if i != stated[0])]
            reason = _cites(ids, by_id)
            if first is not None:
                reason += (
                    f"; closest: {cite(by_id[sentences[first].clause], by_id)} (cosine {row[first]:.2f}; "
                    f"{_evidence(item_texts[k], said_by[first])}), \"{sentences[first].text[:200]}\""
                )
        elif near:
            status, ids, sim = "uncovered", [sentences[best].clause], row[best]
            reason = (
                f"no clause states it: the nearest, {cite(by_id[sentences[best].clause], by_id)} (cosine {row[best]:.2f}), "
                f"does not state {', '.join(said[best])}: \"{sentences[best].text[:200]}\""
            )
        else:
            status, ids, sim = "uncovered", [sentences[best].clause], row[best]
            reason = f"no clause says this; nearest (cosine {row[best]:.2f}) is {cite(by_id[sentences[best].clause], by_id)}"
        out.append(_gap(item, status, ids, sim, reason))
    out = _settles_neither(out, dict(zip((i.id for i in items), item_texts)), by_id, cfg)
    order = {"contradicted": 0, "uncovered": 1, "covered": 2}
    out.sort(key=lambda g: order[g.status])
    return out


def _settles_neither(gaps: list[DraftGap], texts: dict[str, str], by_id: dict[str, Clause], cfg: dict) -> list[DraftGap]:
    """Two items that conflict with each other (:func:`cues.conflict`: "admit" against "must not
    admit", unanimity against a majority) and are covered by the same clause: that clause states
    neither side, or one would be contradicted, so neither is covered."""
    covered = [g for g in gaps if g.status == "covered" and g.clauses]
    demoted: dict[str, str] = {}
    for i, a in enumerate(covered):
        for b in covered[i + 1 :]:
            if a.clauses[0] != b.clauses[0]:
                continue
            ov = overlap(texts[a.item], texts[b.item])
            c = conflict(texts[a.item], texts[b.item], topic_overlap=ov) if ov >= cfg["contradiction_overlap"] else None
            if c is None:
                continue
            where = cite(by_id[a.clauses[0]], by_id)
            for x, y in ((a, b), (b, a)):
                demoted.setdefault(x.item, f"{where} was nearest to this and to {y.item}, which conflicts with it ({c.kind}: {c.reason}): it settles neither")
    return [g.model_copy(update={"status": "uncovered", "reason": demoted[g.item]}) if g.item in demoted else g for g in gaps]


def _gap(item: MinutesItem | Goal, status: str, ids: list[str], sim: float, reason: str) -> DraftGap:
    return DraftGap(item=item.id, text=item.text, status=status, clauses=ids, similarity=round(float(sim), 4), reason=reason)


def _said(sentence: DraftSentence, owner: str | None, finder, parties: list[str], mask) -> str:
    """What a sentence says for the item's party (another party's stretch left out), names masked."""
    return mask(_owned_by(sentence.text, owner, finder, parties))


def unstated(item: str, sentence: str, *, close: bool = False) -> list[str]:
    """What the item states that the sentence does not, in words for a reason ("'70/30'",
    "exclusivity"); empty when the sentence states it all. Checked: each quantity and date of the
    item (a value or range the sentence's own of that kind meets: "at least six" is met by "eight"),
    its exclusivity (an exclusive item only: the open cues "share", "joint" are too loose to ask for)
    and its direction (the same sign), and ``_COVERED_OVERLAP`` of its topic words (at most
    ``_COVERED_WORDS`` of them, at least one), generic words (:func:`topic_match`) not counted: an
    item with only generic topic words needs them all. A ``close`` sentence (cosine at or above
    ``draft.covered_similarity_close``) says the same in other words: it needs a quarter of the
    item's topic words, generic ones counted ("Agree the project timeline" by "The Parties agree the
    project schedule").
    The sentence need not agree in wording — only what a cue can read is compared."""
    missing = []
    theirs = quantities(sentence)
    percents = {round(t.low, 1) for t in theirs if t.kind == "percent" and t.low == t.high}
    for q in quantities(item):
        split = q.kind == "ratio" and {round(100 * q.low, 1), round(100 * (1 - q.low), 1)} <= percents
        if not split and not any(_meets(q, t) for t in theirs):
            missing.append(f"'{q.text}'")
    their_dates = dates(sentence)
    for d in dates(item):
        if not any(not (d.high < e.low or e.high < d.low) for e in their_dates):
            missing.append(f"'{d.text}'")
    want, has = stance(item), stance(sentence)
    if want.exclusivity > 0 and has.exclusivity <= 0:  # "share", "joint", "only" are too loose an open cue to ask for
        missing.append("exclusivity")
    if want.direction and has.direction != want.direction:
        missing.append("an increase" if want.direction > 0 else "a reduction")
    matched, substance, shared = topic_match(item, sentence)
    if close:  # generic words count: the old quarter of all topic words
        matched, substance = shared, content_stems(item)
    if substance and len(matched) < max(1.0, min(_COVERED_OVERLAP * len(substance), _COVERED_WORDS)):
        generic = _quoted(_item_words(item, shared - matched))
        also = f"; {generic} {'is' if ',' not in generic else 'are'} too generic to count" if generic else ""
        missing.append(f"its topic (only {len(matched)} of its {len(substance)} topic words{also})")
    elif not substance and shared != content_stems(item):
        generic = _quoted(_item_words(item, content_stems(item) - shared))
        missing.append(f"its topic (its topic words are all generic, and it does not say {generic})")
    return missing


def _quoted(ws: list[str]) -> str:
    return ", ".join(f"'{w}'" for w in ws)


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    """Stems of ``draft.generic_words`` (``conf/goals.yaml``)."""
    return frozenset(stem(str(w).lower()) for w in settings()["draft"].get("generic_words") or [])


def topic_match(item: str, sentence: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(matched, substance, shared): the item's topic words the sentence also uses, leaving out the
    generic ones of ``draft.generic_words`` (what every contract or every set of minutes says: "date",
    "project", "agree", "decided"); the item's topic words less those; and all the shared ones.
    An item whose topic words are all generic has no substance: only a sentence that uses all of them
    covers it ("It is needed to figure out the date." is not covered by "… delivery by that date")."""
    topic = content_stems(item)
    shared = topic & content_stems(_acronyms(sentence, item))
    substance = topic - _generic()
    return shared & substance, substance, shared


def _item_words(item: str, stems: frozenset[str] | set[str]) -> list[str]:
    """The item's own words for ``stems``, first spelling of each, in the item's order."""
    out: dict[str, str] = {}
    for w in words(item):
        st = stem(w)
        if st in stems and st not in out:
            out[st] = w
    return list(out.values())


def _evidence(item: str, sentence: str) -> str:
    """What a covering sentence shares with the item, for the reason: "shares 'officer', 'vote'"
    (the item's topic words; its quantities and dates too, which :func:`unstated` found stated)."""
    matched, _substance, shared = topic_match(item, sentence)
    said = [*_item_words(item, matched or shared),  # generic ones only for a close sentence
            *(q.text for q in quantities(item)), *(d.text for d in dates(item))]
    return f"shares {_quoted(list(dict.fromkeys(said)))}" if said else "shares no topic word"


def _meets(q, t) -> bool:
    """Quantity ``t`` of a clause states the item's ``q``: a ratio as the same split (or as both of
    its percentages' kind), anything else the same kind with a value in the item's range."""
    if q.kind == "ratio":
        shares = {round(q.low, 3), round(1 - q.low, 3)}
        if t.kind == "ratio":
            return round(t.low, 3) in shares
        return False  # one percentage is half a split: both must be stated (``unstated``)
    kind = q.kind
    if t.kind != kind and not (kind == "percent" and t.kind == "ratio"):
        return False
    if t.kind == "ratio":
        return any(q.low <= 100 * v <= q.high for v in (t.low, 1 - t.low))
    return not (q.high < t.low or t.high < q.low)


_ENCODE_CHUNK = 256  # sentences embedded between two looks at the deadline


def _encode(embedder, texts: list[str], deadline: float | None) -> np.ndarray:
    parts = []
    for at in range(0, len(texts), _ENCODE_CHUNK):
        check_deadline(deadline)
        parts.append(np.asarray(embedder.encode(texts[at : at + _ENCODE_CHUNK]), dtype=np.float32))
    return np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)


def _cites(ids: list[str], by_id: dict[str, Clause]) -> str:
    return "covered by " + ", ".join(dict.fromkeys(cite(by_id[i], by_id) for i in ids))


def _quantity_units(
    clauses: list[Clause], sentences: list[DraftSentence], by_id: dict[str, Clause], mask
) -> list[tuple[str, str, str]]:
    """(clause id, masked own text, own text) of the operative clauses that state a quantity."""
    operative = {s.clause for s in sentences if s.operative}
    out = []
    for c in clauses:
        if c.id not in operative:
            continue
        body = " ".join(own_text(c, clauses)[0].split())[:_MAX_CLAUSE_CHARS]
        masked = mask(_LEADING_NUMBER.sub("", body))  # "2.6 Subject to …" is no quantity of subjects
        if quantities(masked):
            out.append((c.id, masked, body))
    return out


def _quantity_contradiction(item: str, units, unit_row, cfg):
    """(contradiction, stated): the nearest whole clause on the item's topic whose quantity
    disagrees with the item's, as (clause id, text, cosine, Conflict), or else None and the
    nearest one that states the item's quantity, as (clause id, cosine), or None."""
    stated = None
    for j in np.argsort(-unit_row):
        j = int(j)
        if unit_row[j] < _QUANTITY_CLAUSE_COSINE:
            break
        cid, masked, body = units[j]
        ov = overlap(item, _acronyms(masked, item))
        if ov < cfg["contradiction_overlap_numbers"]:
            continue
        if _states(masked, item):
            return None, (cid, float(unit_row[j]))  # the nearest clause stating the value settles it
        c = conflict(item, masked, topic_overlap=ov)
        if c is not None and c.kind == "quantity":
            return (cid, _around(body, [q.text for q in quantities(masked) if q.text in c.reason]), float(unit_row[j]), c), None
    return None, stated


def _states(clause: str, item: str) -> bool:
    """The clause states each of the item's quantities among its others: a table of shares that
    gives 60% to one party and 40% to the other agrees with "hold 60%"."""
    theirs = quantities(clause)

    def values(q) -> set[float]:
        if q.kind == "ratio":
            return {round(100 * q.low, 1), round(100 * (1 - q.low), 1)}
        return {round(q.low, 1)} if q.low == q.high else set()

    for q in quantities(item):
        kind = "percent" if q.kind == "ratio" else q.kind
        said = set().union(*(values(t) for t in theirs if t.kind in (kind, "ratio" if kind == "percent" else kind))) if theirs else set()
        if not values(q) or not values(q) <= said:
            return False
    return True


def _around(body: str, needles: list[str], before: int = 80) -> str:
    """The clause from a little before the first of its quantities, so the quote shows them."""
    low = body.lower()
    hits = [i for n in needles if (i := low.find(n.lower())) >= 0]
    if not hits or min(hits) <= before:
        return body
    cut = body.rfind(" ", 0, min(hits) - before)
    return "…" + body[cut + 1 if cut >= 0 else min(hits) - before :]
