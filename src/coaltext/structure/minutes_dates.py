"""Dates in minutes: the meeting date, and due dates resolved against it.

A small, rule-based resolver (no ``dateparser``): it knows the phrases minutes use for deadlines
("by Friday", "next week", "end of Q2", "15 March", "mid-July", "in two weeks", "22.5.2020") and
resolves them to an ISO date relative to the meeting date. A relative phrase without a meeting
date resolves to nothing rather than to a guess.

Conventions (stated, tested):
- a weekday ("by Friday", "on Monday") is its next occurrence strictly after the meeting day;
  "next Friday" is the same day (the common reading in minutes);
- "this week"/"end of the week" → that week's Friday; "next week" → next week's Friday; "mid next
  week" → the Wednesday before that Friday (from a weekend meeting too);
- "by the 20th" → the next 20th on or after the meeting day ("by the 31st" in June → 31 July);
  "by 15/07" or "by 07/15" → 15 July, read only after "by"/"before"/"until"/"till"/"due", with no
  noun after it ("by 24/7 support", "on 3/15 pages" are no dates), and where the order is plain
  (one number above 12); "by 05/07" is left alone;
- a weekday right before a capitalised word ("Monday Tests") is a name unless "by", "on",
  "until", "next" … stands before it;
- "in 2 weeks" → 14 days after the meeting (a duration of more than five years → no date); a range ("in 1 or 2 weeks", "within 2-3 days") → its far
  end; a text that is only a duration ("2 weeks", an action table's "Due" cell) → as "in 2 weeks";
  a duration inside a sentence ("it took 2 weeks") is no deadline;
- "end of the month"/"next month" → that month's last day; "mid-July" → 15 July; "the last (day)
  of June" → 30 June;
- "end of Q2" → 30 June; "end of (the) year" → 31 December;
- absolute dates are found by :mod:`.dates` (the same finder as agreements), numbers day first:
  "22/5/2020", "1.4.2024"; a day and month without a year take the meeting's year, or the next one
  if that date is more than 60 days before the meeting (a deadline lies ahead).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .dates import MONTH, YEAR, DateMatch, absolute_dates, make, month_of, year_for

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)} | {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "couple of": 2, "few": 3,
}

_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?"
_NUM = r"(?P<num>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|couple of|few)"
# "in 1 or 2 weeks", "within 2-3 days": a range, read as its far end
_NUM_RANGE = _NUM + r"(?:\s*(?:or|to|-|–)\s*(?P<num2>\d+|two|three|four|five|six|seven|eight|nine|ten))?"

# after "by 15/07": the end, punctuation, a capitalised word, or one of these; not "pages", "-hour"
_NO_NOUN_AFTER = r"(?![ \t]*(?:[-–]|(?!(?:at|and|or|latest|the latest|if|so|to|as|in|for|please|then|with|when|eod|cob)\b)(?-i:[a-z])))"

_RELATIVE = [
    ("today", re.compile(r"\b(?:today|tonight|end of (?:the )?day|eod)\b", re.I)),
    ("tomorrow", re.compile(r"\btomorrow\b", re.I)),
    ("in_n", re.compile(r"\b(?:in|within)\s+(?:the\s+next\s+)?" + _NUM_RANGE + r"\s+(?P<unit>day|week|month)s?\b", re.I)),
    ("this_week", re.compile(r"\b(?:this week|end of (?:the |this )?week)\b", re.I)),
    ("mid_next_week", re.compile(r"\bmid[- ](?:next|the following) week\b", re.I)),
    ("next_week", re.compile(r"\b(?:next week|end of next week|the following week)\b", re.I)),
    ("end_month", re.compile(r"\b(?:end of (?:the |this )?month)\b", re.I)),
    ("next_month", re.compile(r"\b(?:next month|end of next month)\b", re.I)),
    ("quarter", re.compile(r"\b(?:end of\s+)?(?:the\s+)?(?:q(?P<q>[1-4])|(?P<qw>first|second|third|fourth) quarter)(?:\s+" + YEAR + r")?\b", re.I)),
    ("end_year", re.compile(r"\b(?:end of (?:the |this )?(?:year|(?P<year>(?:19|20)\d\d))|year[- ]end)\b", re.I)),
    ("part_month", re.compile(r"\b(?P<part>mid|end of|last(?: day)? of|beginning of|start of|early|late)[- ](?:the )?" + MONTH + r"(?:\s+" + YEAR + r")?\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<next>next|this|coming)\s+)?" + _WEEKDAY + r"\b", re.I)),
    ("month_only", re.compile(r"\b(?:by|in|before|until|for)\s+" + MONTH + r"(?:\s+" + YEAR + r")?\b", re.I)),
    ("day_of_month", re.compile(r"\b(?:by|before|until|till|due|on)\s+the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b", re.I)),
    # "by 15/07": a deadline word before it ("on 24/7 on-call" is no date) and no unit, noun or
    # year after it ("by 3/15 pages", "by 15/07/2025" is the absolute finder's)
    ("day_month", re.compile(r"\b(?:by|before|until|till|due)\s+(?P<a>\d{1,2})/(?P<b>\d{1,2})\b(?!/\d)" + _NO_NOUN_AFTER, re.I)),
]
# rules whose phrase is a deadline by itself, without "by"/"before" … in front: "next week", "by the 20th"
_DEADLINE_RULES = frozenset({"in_n", "this_week", "mid_next_week", "next_week", "end_month", "next_month", "quarter",
                             "end_year", "part_month", "tomorrow", "today", "day_of_month", "day_month"})
# what makes "Monday" a deadline though a capitalised word follows it ("by Monday Ana …")
_WEEKDAY_CUE = re.compile(r"\b(?:by|on|until|till|before|due)\s+$", re.I)
_CAPITALISED = re.compile(r"[ \t]+[A-Z][a-z]")


# a duration longer than this ("in 9999 weeks") gives no due date
_MAX_AHEAD_DAYS = 5 * 366


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _relative(m: re.Match, kind: str, ref: date) -> date | None:
    g = m.groupdict()
    if kind == "today":
        return ref
    if kind == "tomorrow":
        return ref + timedelta(days=1)
    if kind == "in_n":
        num = (g.get("num2") or g["num"]).lower()
        if len(num) > 6:
            return None  # int() of thousands of digits raises; any such number is far beyond the limit below
        n = int(num) if num.isdigit() else NUMBER_WORDS[num]
        unit = g["unit"].lower()
        days = n * {"day": 1, "week": 7, "month": 31}[unit]
        if days > _MAX_AHEAD_DAYS:
            return None  # "in 9999 weeks" is no deadline (and "in 9999999 days" overflowed the calendar)
        if unit == "day":
            return ref + timedelta(days=n)
        if unit == "week":
            return ref + timedelta(weeks=n)
        y, mo = divmod(ref.month - 1 + n, 12)
        return make(ref.year + y, mo + 1, min(ref.day, calendar.monthrange(ref.year + y, mo + 1)[1]))
    if kind == "this_week":
        return ref + timedelta(days=(4 - ref.weekday()) % 7)
    if kind == "next_week":
        return ref + timedelta(days=(4 - ref.weekday()) % 7 + 7)
    if kind == "mid_next_week":
        return ref + timedelta(days=(4 - ref.weekday()) % 7 + 5)  # the Wednesday before "next week"'s Friday
    if kind == "end_month":
        return _month_end(ref.year, ref.month)
    if kind == "next_month":
        y, mo = (ref.year + 1, 1) if ref.month == 12 else (ref.year, ref.month + 1)
        return _month_end(y, mo)
    if kind == "quarter":
        q = int(g["q"]) if g.get("q") else ["first", "second", "third", "fourth"].index(g["qw"].lower()) + 1
        year = int(g["year"]) if g.get("year") else ref.year
        end = _month_end(year, q * 3)
        if not g.get("year") and end < ref:
            end = _month_end(year + 1, q * 3)
        return end
    if kind == "end_year":
        return date(int(g["year"]) if g.get("year") else ref.year, 12, 31)
    if kind == "part_month":
        month = month_of(g["month"])
        year = int(g["year"]) if g.get("year") else year_for(month, 15, ref)
        part = g["part"].lower()
        if part in ("mid",):
            return make(year, month, 15)
        if part in ("end of", "late") or part.startswith("last"):
            return _month_end(year, month)
        return make(year, month, 1 if part != "early" else 7)
    if kind == "weekday":
        wd = WEEKDAYS[g["weekday"].lower().rstrip(".")]
        ahead = (wd - ref.weekday()) % 7 or 7
        return ref + timedelta(days=ahead)
    if kind == "month_only":
        month = month_of(g["month"])
        year = int(g["year"]) if g.get("year") else year_for(month, 28, ref)
        return _month_end(year, month)
    if kind == "day_of_month":
        # the next such day on or after the meeting: "by the 31st" in June is 31 July
        day, month = int(g["day"]), ref.replace(day=1)
        for _ in range(12):
            if (d := make(month.year, month.month, day)) and d >= ref:
                return d
            month = _month_end(month.year, month.month) + timedelta(days=1)
        return None  # "by the 45th"
    if kind == "day_month":
        a, b = int(g["a"]), int(g["b"])
        if (a > 12) == (b > 12):
            return None  # "05/07": May or July? not said; "31/31": no date
        day, month = (a, b) if a > 12 else (b, a)
        return make(year_for(month, day, ref), month, day)
    return None  # pragma: no cover


def find_dates(text: str, ref: date | None = None) -> list[DateMatch]:
    """Every date phrase in ``text``, resolved against ``ref`` where it is relative.

    Absolute dates win over relative phrases that overlap them; matches come in text order.
    Relative phrases are kept (with ``value=None``) when there is no reference date.
    """
    found = absolute_dates(text, ref)  # numbers read day first, as European minutes write them
    taken = [(d.start, d.end) for d in found]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for kind, rx in _RELATIVE:
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            if kind in ("month_only", "part_month") and m.group("month").lower() == "may" and not re.search(r"\bMay\b", m.group(0)):
                continue
            if (kind == "weekday" and not m.group("next") and _CAPITALISED.match(text, m.end())
                    and not _WEEKDAY_CUE.search(text, 0, m.start())):
                continue  # "in Monday Tests": a name
            value = _relative(m, kind, ref) if ref is not None else None
            if value is None and ref is not None and kind != "quarter":
                continue
            if kind == "quarter" and ref is None and m.group("year"):
                q = int(m.group("q")) if m.group("q") else ["first", "second", "third", "fourth"].index(m.group("qw").lower()) + 1
                value = _month_end(int(m.group("year")), q * 3)
            found.append(DateMatch(value, m.start(), m.end(), m.group(0), kind))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


_DUE_CUE = re.compile(
    r"\b(?:by|before|until|till|due|no later than|deadline|on|for|in|within|next|this|end of|mid|latest|from)\b[\s:,]*(?:the\s+)?$",
    re.I,
)


# a due date that is only a duration, as a "Due" cell or a "Due: …" value gives it: "2 weeks", "1-2 weeks"
_DURATION_ONLY = re.compile(r"^[ \t]*" + _NUM_RANGE + r"\s+(?P<unit>day|week|month)s?[ \t.]*$", re.I)


def resolve_due(text: str, ref: date | None) -> DateMatch | None:
    """The due date of an action item: the first date phrase introduced as a deadline.

    Preference: a phrase preceded by a deadline word ("by", "before", "until", "due", "no later
    than", "on", …), else the only date in the text. ``value`` is None when the phrase is relative
    and there is no meeting date. A text that is only a duration ("2 weeks", the "Due" cell of an
    action table) is that long after the meeting, as "in 2 weeks" is.
    """
    if m := _DURATION_ONLY.match(text):
        phrase = text[m.start("num") : m.end()].rstrip(" \t.")
        value = _relative(m, "in_n", ref) if ref is not None else None
        return DateMatch(value, m.start("num"), m.start("num") + len(phrase), phrase, "in_n")
    matches = find_dates(text, ref)
    if not matches:
        return None
    for m in matches:
        head = text[max(0, m.start - 24) : m.start]
        if _DUE_CUE.search(head) or m.rule in _DEADLINE_RULES:
            return m
    return matches[0] if len(matches) == 1 else None


def parse_date(text: str) -> date | None:
    """The first absolute date in ``text`` (a meeting date line): "22.5.2020", "June 4, 2020", "2020-06-04".

    Needs a year; a date without one is not a meeting date.
    """
    for m in find_dates(text, None):
        if m.value is not None and m.rule in ("iso", "ymd_slash", "num", "dmy", "mdy") and re.search(r"(?:19|20)\d\d|\d[./]\d+[./]\d\d\b", m.phrase):
            return m.value
    return None
