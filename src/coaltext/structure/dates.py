"""Absolute dates in text: one finder for agreements and minutes.

Forms: "March 5, 2024", "March the 5th", "5th day of March, 2024", "5 March 2024", "2024-03-05",
"2024/03/05", "03/05/2024", "22.5.2020", "29/3/18".

Conventions (stated, tested):
- numbers with slashes are ambiguous: US contracts write the month first ("3/5/2024" is March 5),
  European minutes the day ("22/5/2020"); ``month_first`` says which to assume. A number over 12
  is the day either way. Dotted dates ("1.4.2011") are read day first;
- a two-digit year below 50 is 20xx, else 19xx; a four-digit year stands as written;
- a day and month without a year take the year of ``ref`` (the meeting date), or the next one
  if that date is more than 60 days before ``ref`` (a deadline lies ahead); without ``ref`` they
  resolve to nothing;
- "may" is also a verb: a bare "May 5" needs the capital.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"

_SP = r"(?:[ \t]+\n?|\n)[ \t]*"  # a space or a line break, not a blank line ("1\n\nMay 3, 2016" is no "1 May")
# in order of preference; a phrase never takes words a preferred one took, and one with a year comes first
FORMS = [
    ("iso", re.compile(r"\b" + YEAR + r"-(?P<m>\d\d?)-(?P<d>\d\d?)\b")),
    ("ymd_slash", re.compile(r"\b" + YEAR + r"/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)\b")),
    ("num", re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>/|\.[ \t]?)(?P<b>[0-3]?\d)(?:/|\.[ \t]?)(?P<year>(?:19|20)?\d\d)\b")),
    ("dmy", re.compile(r"\b" + DAY + rf"(?:{_SP}day)?(?:{_SP}of)?{_SP}" + MONTH + rf"(?:,?{_SP}" + YEAR + r")?\b", re.I)),
    # "_July 8, 1996" (a blank filled in) counts; the month is not the end of a longer word
    ("mdy", re.compile(r"(?<![A-Za-z])" + MONTH + rf"{_SP}(?:the{_SP})?" + DAY + rf"\b(?:,?{_SP}" + YEAR + r")?", re.I)),
]


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A resolved date (None where it cannot be) and where its phrase sits in the text."""

    value: date | None
    start: int
    end: int
    phrase: str
    rule: str


def make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_of(s: str) -> int:
    s = s.lower().rstrip(".")
    return MONTHS.get(s) or MONTHS[s[:3]]


def year_for(month: int, day: int, ref: date | None) -> int | None:
    """The year of a day and month said without one: ``ref``'s, or the next (a deadline lies ahead)."""
    if ref is None:
        return None
    d = make(ref.year, month, day)
    return ref.year + 1 if d is not None and (ref - d).days > 60 else ref.year


def _value(m: re.Match, form: str, ref: date | None, month_first: bool) -> date | None:
    g = m.groupdict()
    if form in ("iso", "ymd_slash"):
        return make(int(g["year"]), int(g["m"]), int(g["d"]))
    if form == "num":
        a, b, y = int(g["a"]), int(g["b"]), int(g["year"])
        if len(g["year"]) == 2:
            y += 2000 if y < 50 else 1900
        if a > 12 or (b <= 12 and not (month_first and g["sep"] == "/")):
            return make(y, b, a)  # day first
        return make(y, a, b)
    month, day = month_of(g["month"]), int(g["day"])
    if not 1 <= day <= 31:
        return None
    year = int(g["year"]) if g.get("year") else year_for(month, day, ref)
    return make(year, month, day) if year else None


def absolute_dates(text: str, ref: date | None = None, *, month_first: bool = False) -> list[DateMatch]:
    """Every absolute date phrase in ``text``, in text order. A phrase that names no real date
    ("31/02/2020") is skipped; a day and month without a year keep ``value=None`` when ``ref``
    is None."""
    found: list[DateMatch] = []
    candidates = [(not m.group("year"), k, m.start(), form, m) for k, (form, rx) in enumerate(FORMS) for m in rx.finditer(text)]
    for _, _, _, form, m in sorted(candidates, key=lambda c: c[:3]):
        if any(m.start() < f.end and f.start < m.end() for f in found):
            continue
        if form == "mdy" and m.group("month").lower() == "may" and not m.group("month")[0].isupper():
            continue
        value = _value(m, form, ref, month_first)
        if value is None and (form not in ("dmy", "mdy") or m.group("year")):
            continue
        found.append(DateMatch(value, m.start(), m.end(), m.group(0), form))
    return sorted(found, key=lambda d: d.start)


_FOUR_DIGITS = re.compile(r"\d{4}$")


def all_dates(text: str) -> list[tuple[int, int, str]]:
    """Every date with a year in an agreement's ``text`` as (start, end, ISO date), in text
    order; numbers with slashes read month first, as US contracts write them, and dotted numbers
    count only with a four-digit year ("12.5.10" is a section, "1.4.2011" a date)."""
    return [(d.start, d.end, d.value.isoformat()) for d in absolute_dates(text, month_first=True)
            if d.value is not None and not (d.rule == "num" and "/" not in d.phrase and not _FOUR_DIGITS.search(d.phrase))]

