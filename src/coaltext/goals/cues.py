"""Conflict cues between two goal statements: direction, negation, exclusivity, quantity, date.

Sentence embeddings rate "increase coal output" and "reduce coal output" as near-identical, so a
conflict is decided here, from words, once the caller has established that both goals are about
the same thing. Lexicons live in ``conf/goals.yaml``; nothing here loads a model.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

_WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*|\d+(?:[.,]\d+)*")
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
# numbers in words become digits before quantities are read: "two hundred units" = "200 units",
# "two million euros" = "€2 million", "fifty-fifty" = "50/50"
_WORD_NUMBER = re.compile(
    r"\b(" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")(?:\s+(hundred|thousand))?\b(?!-)"
)
_AMOUNT_AFTER = re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s*(k|m|mn|million|bn|billion|thousand)?\s+(euros?|dollars?|pounds?)\b")
_CURRENCY = {"euro": "€", "euros": "€", "dollar": "$", "dollars": "$", "pound": "£", "pounds": "£"}


_TENS_AND_UNIT = re.compile(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](one|two|three|four|five|six|seven|eight|nine)\b")
_NUMBER_TWICE = re.compile(r"\b(\d+(?:\.\d+)?)\s*\(\s*\1\s*\)")


def _digits(low: str) -> str:
    """Numbers in words as digits, currencies named after an amount as a sign before it."""
    low = re.sub(r"\bfifty[- ]fifty\b", "50/50", low)

    def number(m: re.Match) -> str:
        if m.group(1) == "hundred" and not m.group(2):
            return m.group(0)
        v = _NUMBER_WORDS[m.group(1)] * {"hundred": 100, "thousand": 1000}.get(m.group(2) or "", 1)
        return str(v)

    # "forty-five (45) days", "twenty four months"
    low = _TENS_AND_UNIT.sub(lambda m: str(_NUMBER_WORDS[m.group(1)] + _NUMBER_WORDS[m.group(2)]), low)
    low = _WORD_NUMBER.sub(number, low)
    # a number in words and again in digits is one number: "five (5) years", "thirty (30) days",
    # "30 (thirty) days" (319 of 407 CUAD contracts write numbers so; read as "5 (5) years", no count)
    low = _NUMBER_TWICE.sub(r"\1", low)
    return _AMOUNT_AFTER.sub(lambda m: f"{_CURRENCY[m.group(3)]}{m.group(1)}{' ' + m.group(2) if m.group(2) else ''}", low)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_UNIT_ALIASES = {
    "yr": "year", "yrs": "year", "years": "year", "months": "month", "weeks": "week",
    "days": "day", "per": "percent", "%": "percent", "percent": "percent", "pct": "percent",
}  # fmt: skip

_RATIO = re.compile(r"\b(\d{1,3})\s*(?:/|-|:|–)\s*(\d{1,3})\b(?!\s*(?:/|-)\s*\d)")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b|per\s*cent\b|pct\b)")
_MONEY = re.compile(
    r"(?:[$€£]|\b(?:usd|eur|gbp)\s?)\s?(\d[\d,]*(?:\.\d+)?)\s*(k|m|mn|million|bn|billion|thousand)?\b"
)
_COUNT = re.compile(
    r"\b(\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?:\s*-\s*|\s+)([a-z]+)"
)
_QUARTER = re.compile(r"\b(?:q([1-4])|([1-4])q|h([12]))\s*(?:fy)?\s*'?((?:19|20)\d{2})\b")
_MONTH_YEAR = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(?:\d{1,2},?\s+)?((?:19|20)\d{2})\b"
)
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_KEEP_DOUBLE = frozenset("aeiouylszfc")  # letters stem() leaves doubled before -ed/-ing
_DATE_BOUND_WINDOW = 28  # characters before a date searched for "before"/"after" words


@dataclass(frozen=True, slots=True)
class Lexicon:
    increase: tuple[str, ...]
    decrease: tuple[str, ...]
    negation: tuple[str, ...]
    exclusive: tuple[str, ...]
    exclusive_weak: tuple[str, ...]
    open: tuple[str, ...]
    before: tuple[str, ...]
    after: tuple[str, ...]
    at_least: tuple[str, ...]
    at_most: tuple[str, ...]
    stopwords: frozenset[str]
    settings: dict = field(hash=False, compare=False)
    cue_words: frozenset[str] = frozenset()  # every word of a direction/negation/exclusivity phrase
    names: tuple[str, ...] = ()  # noun phrases holding cue words ("joint venture"): no stance
    reason_markers: tuple[str, ...] = ()  # raw lower-case markers that end a goal's head clause
    frame_prefix: re.Pattern | None = None
    topic_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    decision_rules: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rule_conflicts: frozenset[frozenset[str]] = frozenset()
    need: tuple[str, ...] = ()
    need_against: tuple[str, ...] = ()
    defer: tuple[str, ...] = ()
    on_time: tuple[str, ...] = ()
    forum: tuple[tuple[str, frozenset[str]], ...] = ()
    need_window: int = 6
    label_fillers: frozenset[str] = frozenset()
    permission: tuple[str, ...] = ()  # read as open ("free to"); not cue words  # words no cluster label shows ("what", "talk")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicons and thresholds of ``conf/goals.yaml`` (read once)."""
    raw = yaml.safe_load(resources.files("coaltext.conf").joinpath("goals.yaml").read_text("utf-8"))

    def words(key: str) -> tuple[str, ...]:
        phrases = {normal(str(w)).strip() for w in raw.get(key) or []}
        return tuple(sorted((p for p in phrases if p), key=len, reverse=True))

    settings = {k: raw[k] for k in ("limits", "similarity", "relations", "clusters", "draft")}
    cue_words = frozenset(
        w
        for key in ("increase", "decrease", "negation", "exclusive", "exclusive_weak", "open")
        for phrase in words(key)
        for w in phrase.split()
    )
    def groups(key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        out = []
        for name, phrases in (raw.get(key) or {}).items():
            normed = {normal(str(w)).strip() for w in phrases}
            out.append((str(name), tuple(sorted((p for p in normed if p), key=len, reverse=True))))
        return tuple(out)

    return Lexicon(
        names=words("names"),
        reason_markers=tuple(str(m).lower() for m in raw.get("reason_markers") or []),
        frame_prefix=re.compile(raw["frame_prefix"], re.I) if raw.get("frame_prefix") else None,
        topic_groups=groups("topic_groups"),
        decision_rules=groups("decision_rules"),
        rule_conflicts=frozenset(frozenset(map(str, pair)) for pair in raw.get("rule_conflicts") or []),
        need=words("need"),
        need_against=words("need_against"),
        defer=words("defer"),
        on_time=words("on_time"),
        forum=tuple((name, frozenset(w for p in ps for w in p.split())) for name, ps in groups("forum")),
        need_window=int(raw.get("need_window", 6)),
        permission=words("permission"),
        label_fillers=frozenset(stem(str(w).lower()) for w in raw.get("label_fillers") or []),
        increase=words("increase"),
        decrease=words("decrease"),
        negation=words("negation"),
        exclusive=words("exclusive"),
        exclusive_weak=words("exclusive_weak"),
        open=words("open"),
        before=words("before"),
        after=words("after"),
        at_least=words("at_least"),
        at_most=words("at_most"),
        stopwords=frozenset(stem(str(w).lower()) for w in raw["stopwords"]),
        settings=settings,
        cue_words=cue_words,
    )


def settings() -> dict:
    return lexicon().settings


# ------------------------------------------------------------------------------- words


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def stem(word: str) -> str:
    """A deliberately crude stemmer, applied alike to lexicon entries and to goal words:
    "increase"/"increased"/"increasing" → "increas", "licences" → "licenc", "refinery's" → "refinery".

    A consonant doubled before "-ed"/"-ing" is undone ("admitted"/"admitting" → "admit", "planned"
    → "plan"), so the passive "must not be admitted" and the active "admit" name one act; l, s, z, f
    and c stay doubled ("called", "passed", "staffed") and so does a stem that would keep 2 letters
    ("added" → "add")."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + keep
            if suffix in ("ing", "ed") and len(word) >= 4 and word[-1] == word[-2] and word[-1] not in _KEEP_DOUBLE:
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


@lru_cache(maxsize=8192)
def normal(text: str) -> str:
    """Space-padded stems of a text, the form lexicon phrases are matched against."""
    return " " + " ".join(stem(w) for w in words(text)) + " "


def _find(phrases: tuple[str, ...], joined: str) -> list[str]:
    """Phrases that occur in the space-joined word string, longest first, without overlap."""
    hits = []
    taken = joined
    for p in phrases:
        needle = f" {p} "
        if needle in taken:
            hits.append(p)
            taken = taken.replace(needle, " # ")
    return hits


_LEADING_REASON = re.compile(r"^\s*(?:because|since|as|given that)\b[^,]*,\s*", re.I)


@lru_cache(maxsize=8192)
def framed(text: str) -> str:
    """The goal without a framing label in front ("High priority: more water" → "more water")."""
    rx = lexicon().frame_prefix
    return rx.sub("", text, count=1) if rx is not None else text


@lru_cache(maxsize=8192)
def head_clause(text: str) -> str:
    """The goal's own clause: framing label, a leading reason ("Because …, ") and everything from the
    first reason or purpose marker on ("…, because there is no water source") removed.

    A stated reason is not the goal, so a negation or direction word in it says nothing about the
    goal's stance. Falls back to the whole text when nothing would remain.
    """
    t = _LEADING_REASON.sub("", framed(text), count=1)
    low = t.lower()
    cut = len(t)
    for m in lexicon().reason_markers:
        if m[0].isalpha():
            hit = re.search(r"\b" + re.escape(m) + r"\b", low)
            i = hit.start() if hit else -1
        else:
            i = low.find(m)
        if 0 < i < cut and words(t[:i]):
            cut = i
    return t[:cut].strip() or text


def _groups(joined: str) -> set[str]:
    return {f"#{name}" for name, phrases in lexicon().topic_groups if any(f" {p} " in joined for p in phrases)}


@lru_cache(maxsize=8192)
def content_stems(text: str) -> frozenset[str]:
    """Topic words of a goal: not stopwords, not cue words, not numbers (a framing label left out)."""
    lex = lexicon()
    cues = lex.cue_words
    out = set()
    text = framed(text)
    for w in words(text):
        st = stem(w)
        if st not in lex.stopwords and st not in cues and not w[0].isdigit() and len(w) > 1:
            out.add(st)
    return frozenset(out)


@lru_cache(maxsize=8192)
def topic_stems(text: str) -> frozenset[str]:
    """:func:`content_stems` plus ``#group`` for every topic group (``conf/goals.yaml``) the goal
    names: "our share" and "the split" are both ``#division`` though "share" is a cue word."""
    return content_stems(text) | _groups(normal(framed(text)))


def head_overlap(a: str, b: str) -> float:
    """:func:`overlap` of the goals' head clauses (reasons left out), without topic groups."""
    sa, sb = content_stems(head_clause(a)), content_stems(head_clause(b))
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


@lru_cache(maxsize=8192)  # called once per goal pair: 245,000 times for 500 goals
def head(text: str) -> str | None:
    """The first topic word after a goal's first direction word: what it moves ("increase [pilot] cell
    output"). Possessives are owners, not the thing moved ("reduce the venture's [costs]")."""
    lex = lexicon()
    raw = words(text)
    stems = [stem(w) for w in raw]
    movers = {p for p in lex.increase + lex.decrease if " " not in p}
    for i, st in enumerate(stems):
        if st in movers:
            for w, nxt in zip(raw[i + 1 :], stems[i + 1 :]):
                if w.endswith(("'s", "’s", "s'")) or nxt in lex.stopwords or nxt in lex.cue_words or nxt[0].isdigit():
                    continue
                return nxt
            return None
    return None


def residual(text: str) -> str:
    """The goal without its cue words (direction, negation, exclusivity) and numbers: its object."""
    cues = lexicon().cue_words
    kept = [w for w in words(text) if stem(w) not in cues and not w[0].isdigit()]
    return " ".join(kept) or text


def overlap(a: str, b: str, *, groups: bool = False) -> float:
    """Share of the smaller goal's topic words that the other goal also uses (0..1); with
    ``groups``, topic groups count as words (:func:`topic_stems`)."""
    words_of = topic_stems if groups else content_stems
    sa, sb = words_of(a), words_of(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


# ------------------------------------------------------------------------------- stance


@dataclass(frozen=True, slots=True)
class Stance:
    direction: int  # +1 increase, -1 decrease, 0 none (after negation)
    negated: bool
    exclusivity: int  # +1 exclusive/sole, -1 open/joint/shared, 0 none (after negation)
    cues: tuple[str, ...]
    negated_scope: frozenset[str] = frozenset()  # stems after a negation word: what it negates
    negated_act: str | None = None  # the first of them ("must not be [admitted]", "objects to [admitting]")


def _mask_bounds(joined: str) -> str:
    lex = lexicon()
    for group in (lex.at_least, lex.at_most, lex.before, lex.after):
        for p in group:
            if " " in p or p in ("over", "under", "above", "below", "within", "exceed"):
                joined = joined.replace(f" {p} ", " # ")
    return joined


def _find_at(phrases: tuple[str, ...], joined: str) -> tuple[list[tuple[int, str]], str]:
    """(word index, phrase) for every occurrence, longest phrases first, without overlap; and the
    joined string with those occurrences blanked (word count preserved)."""
    hits = []
    for p in phrases:
        needle = f" {p} "
        if needle not in joined:
            continue
        blank = " " + " ".join("#" for _ in p.split()) + " "
        while (i := joined.find(needle)) >= 0:
            hits.append((joined[: i + 1].count(" ") - 1, p))
            joined = joined[:i] + blank + joined[i + len(needle) :]
    return hits, joined


@lru_cache(maxsize=8192)
def stance(text: str, *, ignore: frozenset[str] = frozenset()) -> Stance:
    """Direction, negation and exclusivity of a goal (``ignore``: stems to leave out, e.g. shared context).

    A negation word flips the cues that follow it ("avoid price *increases*"), not the ones before
    it ("work *exclusively* with the partners and not license third parties").
    """
    lex = lexicon()
    joined = _mask_names(_mask_bounds(normal(text)))
    if ignore:
        joined = " " + " ".join(w if w not in ignore else "#" for w in joined.split()) + " "
    base = joined.split()
    neg, joined = _find_at(lex.negation, joined)
    opn, joined = _find_at(lex.open + lex.permission, joined)  # before "exclusive": "non-exclusive" is open
    exc, joined = _find_at(lex.exclusive, joined)
    weak, joined = _find_at(lex.exclusive_weak, joined)
    inc, joined = _find_at(lex.increase, joined)
    dec, joined = _find_at(lex.decrease, joined)
    negations = sorted(i for i, _ in neg)

    def signed(hits: list[tuple[int, str]], sign: float) -> float:
        return sum(sign * (-1 if sum(1 for n in negations if n < i) % 2 else 1) for i, _ in hits)

    up = signed(inc, 1.0) + signed(dec, -1.0)
    ex = signed(exc, 1.0) + signed(weak, 0.5) + signed(opn, -1.0)
    direction = (up > 0) - (up < 0)
    exclusivity = (ex > 0) - (ex < 0)
    cues = tuple(p for _, p in sorted(neg + inc + dec + exc + weak + opn))
    scope: list[str] = []
    if negations:
        after = base[negations[0] + 1 :]
        scope = [w for w in after if w != "#" and w not in lex.stopwords and w not in lex.negation]
    # a negation with a condition ("not … before the patent is filed", "without a unanimous vote")
    # limits the act rather than refusing it: no act for :func:`_negates_act`
    conditional = bool(negations) and any(w in _CONDITIONS for w in base[negations[0] + 1 :])
    act = None if conditional else next((w for w in scope if not w[0].isdigit()), None)
    return Stance(direction, bool(neg), exclusivity, cues, frozenset(scope), act)


def _mask_names(joined: str) -> str:
    """Blank names that hold cue words ("joint venture"), keeping the word count."""
    for p in lexicon().names:
        needle = f" {p} "
        if needle in joined:
            joined = joined.replace(needle, " " + " ".join("#" for _ in p.split()) + " ")
            joined = joined.replace(needle, " " + " ".join("#" for _ in p.split()) + " ")  # overlapping
    return joined


# ------------------------------------------------------------------------------- quantities


@dataclass(frozen=True, slots=True)
class Quantity:
    kind: str  # "ratio", "percent", "money", or a unit word ("year", "seat")
    low: float
    high: float
    text: str


def _bound_before(text: str, start: int) -> str | None:
    lex = lexicon()
    window = normal(text[max(0, start - _DATE_BOUND_WINDOW) : start])
    best, best_key = None, (-1, 0)
    for name, group in (("min", lex.at_least), ("max", lex.at_most)):
        for p in group:
            pos = window.rfind(f" {p} ")
            key = (pos + len(p), len(p)) if pos >= 0 else (-1, 0)
            if key > best_key:
                best, best_key = name, key
    return best


def _interval(value: float, bound: str | None) -> tuple[float, float]:
    if bound == "min":
        return value, math.inf
    if bound == "max":
        return -math.inf, value
    return value, value


def _num(s: str) -> float:
    s = s.lower()
    if s in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[s])
    return float(s.replace(",", ""))


_PER_PARTY = re.compile(
    r"\b(?:per|each|every|by each|from each|for each)\s+(?:of the\s+)?(?:party|parties|partner|partners|company|companies|side|shareholder|member)\b"
)


# a count given to one party: "four board seats for the lead investor", "three seats to us"
_FOR_ONE = re.compile(
    r"\s+(?:[a-z]+\s+){0,2}?(?:for|to)\s+(?:us|ours|them|(?:the|each|our|their)\s+(?:[a-z]+\s+)?"
    r"(?:investor|investors|partner|partners|party|parties|founder|founders|member|members|shareholder|shareholders))\b"
)


def _phrase_around(low: str, start: int, end: int) -> str:
    """The stretch of text between the punctuation marks around a quantity ("each party shall
    appoint two directors"; "six directors" of "six directors, three by each party")."""
    left = max(low.rfind(p, 0, start) for p in ",;:.()")
    right = [i for p in ",;:.()" if (i := low.find(p, end)) >= 0]
    return low[left + 1 : min(right) if right else len(low)]


# units of a period ("within 30 days", "10 business days"); "business"/"working" stand for their days
_PERIOD_UNITS = frozenset({"hour", "day", "week", "month", "year", "busines", "work", "calendar"})  # stems
_CONDITIONS = frozenset({"before", "befor", "without", "unless", "unles", "until", "except", "prior"})  # words and stems

_CLAUSE_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+(?=[A-Z(])|^\s*\d+\.\d+(?:\.\d+)*\s+")


@lru_cache(maxsize=8192)
def quantities(text: str) -> tuple[Quantity, ...]:
    """Ratios, percentages, money and counts a text states; a clause's leading number ("2.6 Subject
    to …", "4. Partners …") is no count."""
    text = _CLAUSE_NUMBER.sub(lambda m: " " * len(m.group(0)), text, count=1)
    low = _digits(text.lower())
    out: list[Quantity] = []
    taken = bytearray(len(low))  # 1 where an earlier quantity was read (a list of spans was quadratic)

    def free(m: re.Match) -> bool:
        return not any(taken[m.start() : m.end()])

    def take(m: re.Match) -> None:
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())

    for m in _RATIO.finditer(low):
        a, b = int(m.group(1)), int(m.group(2))
        if a + b == 100 or (a <= 10 and b <= 10 and a + b <= 10):
            out.append(Quantity("ratio", a / (a + b), a / (a + b), m.group(0)))
            take(m)
    for m in _PERCENT.finditer(low):
        if free(m):
            lo, hi = _interval(float(m.group(1)), _bound_before(low, m.start()))
            out.append(Quantity("percent", lo, hi, m.group(0)))
            take(m)
    for m in _MONEY.finditer(low):
        if free(m):
            v = _num(m.group(1)) * _SCALE.get(m.group(2) or "", 1.0)
            lo, hi = _interval(v, _bound_before(low, m.start()))
            out.append(Quantity("money", lo, hi, m.group(0)))
            take(m)
    date_spans = {s for s, _e in _date_spans(low)}
    for m in _COUNT.finditer(low):
        if not free(m) or m.start() in date_spans or _YEAR.fullmatch(m.group(1) or ""):
            continue
        unit = m.group(2)
        if stem(unit) in lexicon().stopwords:
            continue
        unit = _UNIT_ALIASES.get(unit, stem(unit))
        if unit in _MONTHS or unit in ("percent",):
            continue
        period = unit in _PERIOD_UNITS  # "pays each member within 30 days": a period is no count per party
        if not period and (_PER_PARTY.search(_phrase_around(low, m.start(), m.end())) or _FOR_ONE.match(low, m.end())):
            unit += "/party"  # "two directors per party" is no count of the board's directors
        lo, hi = _interval(_num(m.group(1)), _bound_before(low, m.start()))
        out.append(Quantity(unit, lo, hi, m.group(0)))
        take(m)
    return tuple(out)


# ------------------------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class DateRange:
    low: float  # months since year 0; -inf / inf for open bounds
    high: float
    text: str


def _date_spans(low: str) -> list[tuple[int, tuple[int, int, str]]]:
    """(start, (first month, last month, text)) for every date expression, most specific first."""
    found: list[tuple[int, int, tuple[int, int, str]]] = []
    for m in _QUARTER.finditer(low):
        y = int(m.group(4))
        if m.group(3):
            h = int(m.group(3))
            span = (y * 12 + (h - 1) * 6, y * 12 + h * 6 - 1)
        else:
            q = int(m.group(1) or m.group(2))
            span = (y * 12 + (q - 1) * 3, y * 12 + q * 3 - 1)
        found.append((m.start(), m.end(), (*span, m.group(0))))
    for m in _MONTH_YEAR.finditer(low):
        mo, y = _MONTHS[m.group(1)], int(m.group(2))
        found.append((m.start(), m.end(), (y * 12 + mo, y * 12 + mo, m.group(0))))
    for m in _ISO.finditer(low):
        y, mo = int(m.group(1)), int(m.group(2)) - 1
        if 0 <= mo < 12:
            found.append((m.start(), m.end(), (y * 12 + mo, y * 12 + mo, m.group(0))))
    for m in _YEAR.finditer(low):
        found.append((m.start(), m.end(), (int(m.group(1)) * 12, int(m.group(1)) * 12 + 11, m.group(0))))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out, last_end = [], -1
    for s, e, val in found:
        if s >= last_end:
            out.append((s, val))
            last_end = e
    return out


@lru_cache(maxsize=8192)
def dates(text: str) -> tuple[DateRange, ...]:
    lex = lexicon()
    low = text.lower()
    out = []
    for start, (first, last, surface) in _date_spans(low):
        window = normal(low[max(0, start - _DATE_BOUND_WINDOW) : start])
        bound, best_key = None, (-1, 0)
        for name, group in (("before", lex.before), ("after", lex.after)):
            for p in group:
                i = window.rfind(f" {p} ")
                key = (i + len(p), len(p)) if i >= 0 else (-1, 0)
                if key > best_key:
                    bound, best_key = name, key
        if bound == "before":
            out.append(DateRange(-math.inf, last, surface))
        elif bound == "after":
            # "after 2025" excludes 2025; "from 2025" includes it — both start no earlier than first
            lo = last + 1 if re.search(r"\b(after|later than)$", window.strip()) else first
            out.append(DateRange(lo, math.inf, surface))
        else:
            out.append(DateRange(first, last, surface))
    return tuple(out)


# ------------------------------------------------------------------------------- conflicts


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: str  # direction | negation | exclusivity | ownership | quantity | date | decision rule | need | timing | forum | venue | restraint
    reason: str


def _disjoint(a_lo: float, a_hi: float, b_lo: float, b_hi: float) -> bool:
    return a_hi < b_lo or b_hi < a_lo


def _fmt(x: float) -> str:
    return f"{x:g}"


def _quantity_conflict(qa: tuple[Quantity, ...], qb: tuple[Quantity, ...]) -> Conflict | None:
    for x in qa:
        for y in qb:
            if x.kind == y.kind and _disjoint(x.low, x.high, y.low, y.high):
                return Conflict("quantity", f"quantities differ: '{x.text}' vs '{y.text}'")
    # a split stated as a ratio against one share stated as an exact percentage
    for ratio, pct in ((x, y) for x in qa + qb for y in qa + qb if x.kind == "ratio" and y.kind == "percent"):
        if (ratio in qa) == (pct in qa) or pct.low != pct.high or pct.low < 10:  # not a royalty rate
            continue
        shares = {round(100 * ratio.low, 1), round(100 * (1 - ratio.low), 1)}
        if round(pct.low, 1) not in shares:
            return Conflict("quantity", f"split '{ratio.text}' vs share '{pct.text}'")
    return None


def _negated_before(tokens: list[str], i: int) -> bool:
    """A negation word among the (up to 5) words before position ``i`` of its clause."""
    lex = lexicon()
    before = " " + " ".join(tokens[max(0, i - 5) : i]) + " "
    return any(f" {p} " in before for p in lex.negation)


def _phrase_positions(phrases: tuple[str, ...], joined: str) -> list[tuple[int, str]]:
    hits, _ = _find_at(phrases, joined)
    return sorted(hits)


@lru_cache(maxsize=8192)
def decision_rules(text: str) -> frozenset[str]:
    """Decision rules a goal asks for ("unanimity", "majority", …), read in its head clause;
    a negated rule ("not by majority") is left out."""
    lex = lexicon()
    joined = _mask_names(normal(head_clause(text)))
    tokens = joined.split()
    found = set()
    for name, phrases in lex.decision_rules:
        for i, _p in _phrase_positions(phrases, joined):
            if not _negated_before(tokens, i):
                found.add(name)
    return frozenset(found)


def _topic(tokens: list[str]) -> set[str]:
    lex = lexicon()
    return {w for w in tokens if w != "#" and w not in lex.stopwords and w not in lex.cue_words and not w[0].isdigit()}


@lru_cache(maxsize=8192)
def need(text: str) -> tuple[int, frozenset[str]]:
    """(+1 the goal says something is needed, −1 not needed or a nuisance, 0 neither; its object).

    The object is the topic words within ``need_window`` words around the cue, in the head clause.
    """
    lex = lexicon()
    joined = normal(head_clause(text))
    tokens = joined.split()
    k = lex.need_window
    polarity, obj = 0, set()
    for sign, phrases in ((-1, lex.need_against), (1, lex.need)):
        hits, joined = _find_at(phrases, joined)
        for i, p in hits:
            s = -sign if _negated_before(tokens, i) else sign
            if polarity and s != polarity:
                return 0, frozenset()  # mixed: no clear position
            polarity = s
            obj |= _topic(tokens[max(0, i - k) : i] + tokens[i + len(p.split()) : i + len(p.split()) + k])
    return polarity, frozenset(obj)


@lru_cache(maxsize=8192)
def timing(text: str) -> tuple[int, frozenset[str]]:
    """(−1 the goal defers an event, +1 holds it on time or on a stated date, 0 neither; the event).

    "Avoid/reduce delays" holds to time; the event is the topic words after the deferral word.
    """
    lex = lexicon()
    head = head_clause(text)
    joined = normal(head)
    tokens = joined.split()
    held = _phrase_positions(lex.on_time, joined)
    deferred = _phrase_positions(lex.defer, joined)
    plain = set(lex.negation) | {p for p in lex.decrease if " " not in p} - set(lex.defer)
    score = 0
    obj: set[str] = set()
    for i, p in deferred:
        prev = {w for w in tokens[max(0, i - 2) : i]}
        flipped = bool(prev & plain) or _negated_before(tokens, i)
        score += 1 if flipped else -1
        obj |= _topic(tokens[i + len(p.split()) : i + len(p.split()) + 4])
    score += len(held)
    if not deferred and not held and dates(head):
        score = 1
    if not obj:
        obj = set(content_stems(head))
    return (score > 0) - (score < 0), frozenset(obj)


@lru_cache(maxsize=1)
def _ownership_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(ownership words, sole markers, joint markers) of ``conf/goals.yaml`` ``ownership``, as patterns
    over the lower-cased text."""
    raw = yaml.safe_load(resources.files("coaltext.conf").joinpath("goals.yaml").read_text("utf-8"))["ownership"]

    def rx(phrases) -> re.Pattern:
        alts = sorted({r"\s+".join(map(re.escape, str(p).lower().split())) for p in phrases}, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")

    acts = [f"{s} {a}" for s in raw["sole_subjects"] for a in raw["sole_acts"]]
    return rx(raw["words"]), rx([*raw["sole"], *acts]), rx(raw["joint"])


# "jointly owned results", "the joint owners": a kind of result or owner, no position on ownership
_OWNED_KIND = re.compile(
    r"\b(?:jointly|solely|wholly|commonly|separately|individually|co|joint|sole)[- ]?owned\s+"
    r"(?!by\b|jointly\b|solely\b|equally\b|outright\b|in\b|and\b|or\b|between\b|among\b|together\b)[a-z]+"
    r"|\b(?:joint|co|sole)[- ]?owners?\b"
)
_POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their|his|her|our|my|your)\s+$")


@lru_cache(maxsize=8192)
def ownership(text: str) -> tuple[int, str]:
    """(+1 each owner keeps what it makes, −1 joint ownership, 0 neither or both; the words that say so).

    Read in the goal's head clause, and only where it speaks of ownership ("owns", "ownership",
    "belong to", "title to"): "each member buys its own supplies" says nothing about who owns what.
    """
    owns, sole, joint = _ownership_patterns()
    low = _OWNED_KIND.sub(lambda m: " " * len(m.group(0)), head_clause(text).lower().replace("’", "'"))
    if not any(m.group(0) != "own" or not _POSSESSIVE_BEFORE.search(low, 0, m.start()) for m in owns.finditer(low)):
        return 0, ""  # "its own supplies": a possessive, no ownership stated
    s, j = [m.group(0) for m in sole.finditer(low)], [m.group(0) for m in joint.finditer(low)]
    if bool(s) == bool(j):
        return 0, ""
    return (1, s[0]) if s else (-1, j[0])


def _ownership_conflict(a: str, b: str) -> Conflict | None:
    """One goal leaves each owner what it generates, the other makes the same thing jointly owned;
    the thing is a topic word both head clauses name ("results", "IP")."""
    (pa, wa), (pb, wb) = ownership(a), ownership(b)
    if not pa or not pb or pa == pb:
        return None
    things = content_stems(head_clause(a)) & content_stems(head_clause(b))
    if not things:
        return None
    (sole, s_which), (joint, j_which) = ((wa, "first"), (wb, "second")) if pa > 0 else ((wb, "second"), (wa, "first"))
    thing = " ".join(dict.fromkeys(w for w in words(head_clause(a)) if stem(w) in things))
    why = f"sole vs joint ownership of '{thing}': '{sole}' in the {s_which} goal, '{joint}' in the {j_which}"
    return Conflict("ownership", why)


_SEAT = re.compile(
    r"\b(?:in|at|seated in|seat in|venue in)\s+((?:[A-Z][\w-]+)(?:\s+[A-Z][\w-]+)?)"
    r"|\b([A-Z][\w-]+)\s+(?:[Hh]igh\s+)?[Cc]ourts?\b"
)


@lru_cache(maxsize=8192)
def forum(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(forums — "arbitration" and/or "courts" —, seats or venues) a goal names for its disputes."""
    lex = lexicon()
    head = head_clause(text)
    tokens = normal(head).split()
    kinds = set()
    for i, w in enumerate(tokens):
        for name, stems in lex.forum:
            if w in stems and not _negated_before(tokens, i):
                kinds.add(name)
    if not kinds:
        return frozenset(), frozenset()
    forum_words = {w.upper() for _n, stems in lex.forum for w in stems}
    seats = set()
    for m in _SEAT.finditer(head):
        seat = (m.group(1) or m.group(2)).strip()
        if seat.upper() not in forum_words and seat.split()[0].upper() not in forum_words:
            seats.add(seat.lower())
    return frozenset(kinds), frozenset(seats)


# ------------------------------------------------------------------------------- venue, restraint

# a forum and where it sits: "arbitration in London", "the Delhi courts", "courts of England"
_FORUM = re.compile(r"\b(arbitrat\w*|courts?|tribunals?|seat|venue|jurisdiction)\b", re.I)
_PLACE_AFTER = re.compile(r"\b(?:in|at)\s+((?:[A-Z][a-z]+)(?:[ ,]+(?:[A-Z][a-z]+))*)")
_PLACE_BEFORE = re.compile(r"\b((?:[A-Z][a-z]+ )+)(?:[Cc]ourts?|[Tt]ribunals?)\b")
_PLACE_OF = re.compile(r"\b(?:[Cc]ourts?|[Tt]ribunals?|[Ss]eat)\s+(?:of|in|at)\s+((?:[A-Z][a-z]+)(?:[ ,]+(?:[A-Z][a-z]+))*)")
_NOT_PLACES = frozenset(
    "The This That Such Any Each Agreement Parties Party English Rules Chamber Commerce International Court Courts "
    "January February March April May June July August September October November December Schedule Article Section "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Spring Summer Autumn Fall Winter Christmas Easter "
    "French Arabic Spanish German Chinese Joint Steering Committee Board Company".split()
)
# "remain free to enter other ventures after the agreement ends" against "shall not … enter … during the
# term and for five years after termination": a freedom after the end against a restraint that outlives it
_FREEDOM = re.compile(r"\b(?:free|freedom|at liberty|able|allowed|permitted|retain the right)\s+to\s+(\w+)", re.I)
_AFTER_END = re.compile(
    r"\b(?:after|once|when|following|upon|on)\s+(?:the\s+)?(?:agreement|contract|venture|term|alliance|partnership)?\s*"
    r"(?:ends|ended|expires|expired|terminates|terminated|termination|expiry|expiration|end)\b|\bpost-?termination\b",
    re.I,
)
_RESTRAINT = re.compile(
    r"\b(?:shall|will|may|must|agrees?|should)\s+not\b|\b(?:shouldn't|mustn't|cannot|can't)\b|\bshall\s+refrain\b"
    r"|\bis\s+prohibited\b|\b(?:neither|no)\s+(?:\w+\s+){1,3}?(?:may|shall|can|will|should)\b|\b(?:nobody|no one)\b",
    re.I,
)
_OUTLIVES = re.compile(
    r"\bthereafter\b|\b(?:after|following|from)\s+(?:the\s+)?(?:termination|expiry|expiration)\b|\bpost-?termination\b",
    re.I,
)



@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, frozenset[str]], dict[str, str], re.Pattern]:
    """(every known place with the places it lies in, people's adjectives to countries, a pattern
    finding known place names, longest first) from ``conf/goals.yaml``'s ``places`` tree."""
    raw = yaml.safe_load(resources.files("coaltext.conf").joinpath("goals.yaml").read_text("utf-8"))
    above: dict[str, set[str]] = {}

    def walk(node, path: tuple[str, ...]) -> None:
        items = node.items() if isinstance(node, dict) else ((n, None) for n in node or [])
        for name, child in items:
            above.setdefault(str(name), set()).update(path)
            if child:
                walk(child, path + (str(name),))

    walk(raw.get("places") or {}, ())
    adjectives = {str(k): str(v) for k, v in (raw.get("place_adjectives") or {}).items()}
    names = sorted(above, key=len, reverse=True)
    rx = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")
    return {k: frozenset(v) for k, v in above.items()}, adjectives, rx


def known_places(phrase: str, *, adjectives: bool = False) -> frozenset[str]:
    """Known places named in a capitalised phrase ("London, United Kingdom" → both; "Southern
    District of New York" → New York; "Nature", "Hindi", "Exhibit", "District" → none). With
    ``adjectives``, "English" or "Italian" (before a forum word) name their country."""
    above, adj, rx = _gazetteer()
    out = set(rx.findall(phrase))
    if adjectives:
        out.update(adj[w] for w in re.findall(r"[A-Z][a-z]+", phrase) if w in adj)
    return frozenset(out)


def same_place(a: frozenset[str], b: frozenset[str]) -> bool:
    """Some place of ``a`` is, contains or lies in some place of ``b`` (London and England agree)."""
    above = _gazetteer()[0]
    return any(x == y or x in above.get(y, ()) or y in above.get(x, ()) for x in a for y in b)


def _places(text: str) -> dict[str, frozenset[str]]:
    """Known places a forum phrase names ("London, United Kingdom", "the Delhi courts", "courts of
    England"), by the phrase they were read from."""
    out: dict[str, frozenset[str]] = {}
    for rx in (_PLACE_AFTER, _PLACE_BEFORE, _PLACE_OF):
        for m in rx.finditer(text):
            found = known_places(m.group(1), adjectives=rx is _PLACE_BEFORE)
            if found:
                out[" ".join(m.group(1).split()).strip(" ,")] = found
    return out


def _forum_kind(text: str) -> set[str]:
    kinds = set()
    for m in _FORUM.finditer(text):
        w = m.group(1).lower()
        kinds.add("arbitration" if w.startswith("arbitrat") else "court" if w.startswith(("court", "tribunal", "jurisdiction")) else "seat")
    return kinds


def forum_conflict(item: str, clause: str) -> Conflict | None:
    """Both name the same kind of forum (arbitration, courts) and different places for it.

    Shared by goal pairs (:func:`conflict`) and the draft check."""
    ki, kc = _forum_kind(item), _forum_kind(clause)
    if not (ki & kc - {"seat"} or ("seat" in ki and kc)):
        return None
    pi, pc = _places(item), _places(clause)
    wi, wc = frozenset().union(*pi.values()), frozenset().union(*pc.values())
    if wi and wc and not same_place(wi, wc):
        return Conflict("venue", f"the forum sits elsewhere: '{'; '.join(pi)}' vs '{'; '.join(pc)}'")
    return None


def restraint_conflict(item: str, clause: str, *, outlives: bool = False) -> Conflict | None:
    """The item wants to stay free to do something ("free to recruit …"); the other text forbids
    the same act ("may not recruit …").

    With ``outlives`` (the draft check), the freedom must be one after the agreement ends and the
    ban must outlive the agreement ("thereafter for five years after termination"): a ban limited
    to the term does not contradict it. The caller checks that both are on one topic."""
    m = _FREEDOM.search(item)
    if m is None or (outlives and not _AFTER_END.search(item)):
        return None
    restraint = _RESTRAINT.search(clause)
    if restraint is None or not re.search(rf"\b{re.escape(m.group(1))}\b", clause[restraint.end() :], re.I):
        return None
    if outlives and not _OUTLIVES.search(clause):
        return None
    if outlives:
        return Conflict("restraint", f"the item keeps a freedom to {m.group(1)} after the end; the clause forbids it beyond the term")
    return Conflict("restraint", f"one goal keeps a freedom to {m.group(1)}; the other forbids it")


_GOAL_PLACE = re.compile(r"\b(?:in|at|into|to)\s+(?:(?:our|the|their|its|a|an)\s+)?((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)*)")


@lru_cache(maxsize=1)
def _venue_things() -> tuple[tuple[str, tuple[str, ...]], ...]:
    raw = yaml.safe_load(resources.files("coaltext.conf").joinpath("goals.yaml").read_text("utf-8"))
    return tuple(
        (str(kind), tuple(sorted({normal(str(p)).strip() for p in phrases}, key=len, reverse=True)))
        for kind, phrases in (raw.get("venue_things") or {}).items()
    )


@lru_cache(maxsize=8192)
def venue_things(text: str) -> frozenset[str]:
    """Kinds of one-place things a goal's head clause speaks of: a seat ("headquarter the venture"),
    a meeting or summit, an event, a plant it builds, a forum (``conf/goals.yaml`` venue_things)."""
    joined = normal(head_clause(text))
    return frozenset(kind for kind, phrases in _venue_things() if any(f" {p} " in joined for p in phrases))


@lru_cache(maxsize=8192)
def places(text: str) -> frozenset[str]:
    """Known places a goal puts something in or at ("in Rotterdam", "at our Ohio plant"), read in
    its head clause; months, languages, journals, customers and parties are no known places."""
    out: set[str] = set()
    for m in _GOAL_PLACE.finditer(head_clause(text)):
        out |= known_places(m.group(1))
    return frozenset(out)


def _place_conflict(a: str, b: str) -> Conflict | None:
    """Two goals that put one thing that can be in one place only — a seat, a meeting, a summit,
    a plant they build — in two different known places ("Host the summit in Geneva" vs "in
    Nairobi"). Places where one lies in the other agree; "Recruit nurses in Kenya" and "in Uganda",
    "Publish in Nature" and "in Science", "Sell to Toyota" and "to Honda" are no venue conflicts."""
    things = venue_things(a) & venue_things(b)
    if not things:
        return None
    pa, pb = places(a), places(b)
    if pa and pb and not same_place(pa, pb):
        return Conflict("venue", f"one {sorted(things)[0]} in different places: {', '.join(sorted(pa))} vs {', '.join(sorted(pb))}")
    return None


def _rule_conflict(a: str, b: str) -> Conflict | None:
    ra, rb = decision_rules(a), decision_rules(b)
    if not ra or not rb or ra & rb:
        return None
    pairs = lexicon().rule_conflicts
    for x in sorted(ra):
        for y in sorted(rb):
            if frozenset((x, y)) in pairs:
                return Conflict("decision rule", f"decisions by {x} vs by {y}")
    return None


def _forum_conflict(a: str, b: str) -> Conflict | None:
    (ka, sa), (kb, sb) = forum(a), forum(b)
    if not ka or not kb:
        return None
    if len(ka) == 1 and len(kb) == 1 and ka != kb:
        return Conflict("forum", f"disputes go to {next(iter(ka))} vs {next(iter(kb))}")
    ka_places = frozenset().union(*(known_places(x.title(), adjectives=True) for x in sa))
    kb_places = frozenset().union(*(known_places(x.title(), adjectives=True) for x in sb))
    if ka_places and kb_places and not same_place(ka_places, kb_places):
        return Conflict("forum", f"different seats or venues: {', '.join(sorted(sa))} vs {', '.join(sorted(sb))}")
    return None


def conflict(
    a: str, b: str, *, topic_overlap: float | None = None, object_similarity: float | None = None
) -> Conflict | None:
    """The first cue on which two same-topic goals disagree, or None.

    The caller decides whether the goals are about the same thing (similarity, overlap); this
    looks at the cues. Stance cues are read in each goal's head clause (:func:`head_clause`): a
    reason ("…, because there is no water source") states no position. Cue words both goals use
    are context, not stance ("the *shared* facility"), and are ignored; so are names holding cue
    words ("the *joint* venture company"). Direction and negation conflicts also need the goals'
    objects to match: the first topic word after the direction word is the same ("increase *pilot*
    cell output" / "reduce *pilot* cell production"), or ``object_similarity`` (cosine of the goals
    without cue words) ≥ ``conflict_object_cosine``, or, without it, topic-word overlap ≥ 0.5 —
    "cut emissions at the refinery" and "raise the refinery's throughput" move different things. Negation alone
    counts only with overlap ≥ ``negation_overlap`` and when the negation covers a word of the
    other goal ("do *not share customer data*"), since "avoid delays" and "deliver on time" agree;
    a negation whose act is the other goal's act also names the same object (:func:`_negates_act`).
    Sole against joint ownership of the same thing is its own cue (:func:`ownership`), and so is a
    period: "within 30 days" against "within 90 days" are two terms (:func:`quantities`).
    Decision rules (unanimity vs majority), dispute forums (arbitration vs courts, different seats),
    need ("we need a keypad" vs "we don't need the keypad") and timing (hold in June vs postpone)
    are their own cues.
    """
    q = _quantity_conflict(quantities(a), quantities(b))
    if q is not None:
        return q
    da, db = dates(a), dates(b)
    if da and db:
        for x in da:
            for y in db:
                if _disjoint(x.low, x.high, y.low, y.high):
                    return Conflict("date", f"dates do not overlap: '{x.text}' vs '{y.text}'")
    for found in (
        _rule_conflict(a, b),
        _forum_conflict(a, b),
        forum_conflict(a, b),
        _place_conflict(a, b),
        restraint_conflict(a, b),
        restraint_conflict(b, a),
    ):
        if found is not None:
            return found
    ha_text, hb_text = head_clause(a), head_clause(b)
    lex = lexicon()
    # a stopword ("to", "by", "all") both goals use is no shared stance word: masking it would break
    # the other goal's "object to" or "owned by"
    common = (frozenset(normal(ha_text).split()) & frozenset(normal(hb_text).split()) & lex.cue_words) - lex.stopwords
    sa, sb = stance(ha_text, ignore=common), stance(hb_text, ignore=common)
    if sa.exclusivity and sb.exclusivity and sa.exclusivity != sb.exclusivity:
        return Conflict("exclusivity", "one goal is exclusive/sole, the other open/joint")
    owned = _ownership_conflict(a, b)  # "owns the results it generates": no exclusivity word, still sole
    if owned is not None:
        return owned
    (na, oa), (nb, ob) = need(a), need(b)
    if na and nb and na != nb and oa & ob:
        word = sorted(oa & ob)[0]
        return Conflict("need", f"one goal needs what the other does not ('{word}')")
    (ta, ea), (tb, eb) = timing(a), timing(b)
    if ta and tb and ta != tb and ea & eb:
        late = "first" if ta < 0 else "second"
        return Conflict("timing", f"the {late} goal defers what the other holds to its date ('{sorted(ea & eb)[0]}')")
    ov = topic_overlap if topic_overlap is not None else overlap(a, b)
    ha, hb = head(ha_text), head(hb_text)
    if ha is not None and ha == hb:
        same_object = True
    elif object_similarity is not None:
        same_object = object_similarity >= settings()["relations"]["conflict_object_cosine"]
    else:
        same_object = ov >= 0.5
    if sa.negated != sb.negated:
        neg, plain, plain_text = (sa, sb, hb_text) if sa.negated else (sb, sa, ha_text)
        same_object = same_object or _negates_act(neg, plain_text)
    if not same_object:
        return None
    if sa.direction and sb.direction and sa.direction != sb.direction:
        kind = "negation" if sa.negated != sb.negated else "direction"
        up = "first" if sa.direction > 0 else "second"
        return Conflict(kind, f"opposite directions ({up} goal increases what the other reduces)")
    if sa.negated != sb.negated and ov >= settings()["relations"]["negation_overlap"]:
        covers = neg.negated_scope & frozenset(normal(plain_text).split())
        if covers and not (neg.direction or neg.exclusivity) and not (plain.direction and plain.exclusivity):
            which = "first" if neg is sa else "second"
            said = next((c for c in neg.cues if c in lex.negation), "not")
            shown = " ".join(dict.fromkeys(w for w in words(plain_text) if stem(w) in covers))
            return Conflict("negation", f"the {which} goal negates what the other wants ('{said}' … '{shown}')")
    return None


def _negates_act(neg: Stance, plain_text: str) -> bool:
    """The negation governs the other goal's act and most of its topic: "Vattenfall objects to
    [admitting Siemens Energy]" against "admit Siemens Energy as a new member in June" — the act
    negated ("admit") is in the other goal and the negation covers at least half its topic words.
    Their embeddings without cue words can still differ (the objector's reason, the other's date)."""
    if neg.negated_act is None:
        return False
    plain_words = frozenset(normal(plain_text).split())
    topic = content_stems(plain_text)
    return neg.negated_act in plain_words and bool(topic) and 2 * len(neg.negated_scope & topic) >= len(topic)
