"""Legal numbering: recognise a clause marker at the start of a line and say what style it is.

A *style* is what decides nesting: two markers of the same style are siblings, a marker of a new
style opens a child. Styles: ``article`` (ARTICLE IV), ``dec1``/``dec2``/``dec3``… (5., 5.2, 5.2.1),
``lalpha`` (a), ``lroman`` (i), ``ualpha`` (A), ``uroman`` (I.), ``pdec`` ((1)), ``schedule``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.I)


def roman_value(s: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total, prev = 0, 0
    for ch in reversed(s.lower()):
        v = values[ch]
        total += -v if v < prev else v
        prev = max(prev, v)
    return total


@dataclass(frozen=True, slots=True)
class Marker:
    """A clause marker found at the start of a line.

    ``label`` is the number as written ("ARTICLE IV", "5.2", "(b)"); ``style`` decides nesting;
    ``value`` is its ordinal in that style (for sequence checks); ``rest`` is the offset, within the
    line, where the text after the marker starts.
    """

    label: str
    style: str
    value: int
    rest: int
    alt_style: str | None = None  # "(i)" may be lower-roman or the ninth letter
    alt_value: int | None = None


_ARTICLE = re.compile(
    # (a dash may stand between the word and its number: "ARTICLE – 14"; a letter may follow the
    # number of an article inserted later: "ARTICLE – 16A")
    r"^(ARTICLE|Article|ARTICLE\s*NO\.|PART|Part|CHAPTER|Chapter)(?:\s+|\s*[-–—]\s*)([IVXLC]+|\d{1,3}[A-Z]?|[A-Z])\b\.?(?:\s*[-–—:.]\s*|\s+|$)"
)
_SECTION = re.compile(r"^(SECTION|Section|Sec\.|§)\s*(\d{1,3}(?:\.\d{1,3}){0,4}|[IVXLC]+)\b\.?(?:\s*[-–—:.]\s*|\s+|$)")
_DECIMAL = re.compile(r"^(\d{1,3})((?:\.\d{1,3}){0,4})(\.?)(?:\)|\s*[-–—:]\s*|\s+|$|(?<=\.)(?=[A-Z][a-z]|[A-Z]{3})|(?<=\d\.\d)(?=[A-Z][a-z])|(?<=\d\.\d\d)(?=[A-Z][a-z]))")
_LETTER_DECIMAL = re.compile(r"^([A-Z])\.(\d{1,3})((?:\.\d{1,3}){0,3})\.?(?:\s+|$)")  # "B.1" in schedules
_ROMAN_HEAD = re.compile(r"^([IVXLC]{1,6})\s*[.)]?\s*[-–—:]\s+(?=[A-Z])")  # "XIII - GOVERNING LAW"
_PAREN = re.compile(r"^\(([a-zA-Z]{1,4}|\d{1,3})\)(?:\s+|$)")
_HALFPAREN = re.compile(r"^([a-z]{1,4}|\d{1,2})\)(?:\s+|$)")
_LETTER_DOT = re.compile(r"^([A-Za-z]{1,4})\.(?:\s+|(?=[A-Z\"“]))")
_SCHEDULE = re.compile(
    r"^(SCHEDULE|Schedule|EXHIBIT|Exhibit|ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment|ADDENDUM|Addendum)"
    r"(?:(?:\s+|\s*[-–—]\s*)(?:No\.\s*)?((?!(?:TO|OF|IN|ON|AS|AT|BY|OR|IS|IF|AN|BE)\b)[A-Z]{1,2}(?:-\d+)?|\d{1,3}(?:\.\d{1,3})?|[IVX]+)\b)?\.?(?:\s*[-–—:.]\s*|\s+|$)"  # "SCHEDULE – I"
)


def _alpha_value(s: str) -> int | None:
    """a→1 … z→26, aa→27 (legal style repeats the letter)."""
    if len(set(s)) != 1:
        return None
    return (ord(s[0].lower()) - ord("a") + 1) + 26 * (len(s) - 1)


def match_marker(line: str) -> Marker | None:
    """The marker at the start of ``line`` (already left-stripped), if any."""
    if not line:
        return None
    c = line[0]
    if c in "AaPpCc" and (m := _ARTICLE.match(line)):
        num = m.group(2)
        if num[0].isdigit():
            value = int(num.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        elif ROMAN.match(num):
            value = roman_value(num)
        elif len(num) == 1:
            value = ord(num) - 64
        else:
            return None
        return Marker(f"{m.group(1).split()[0]} {num}", "article", value, m.end())
    if c in "Ss§" and (m := _SECTION.match(line)):
        num = m.group(2)
        if num[0].isdigit():
            parts = num.split(".")
            return Marker(f"{m.group(1)} {num}", f"dec{len(parts)}", int(parts[-1]), m.end())
        return Marker(f"{m.group(1)} {num}", "article", roman_value(num), m.end())
    if c in "SsEeAaAt" and (m := _SCHEDULE.match(line)):
        word = m.group(1)
        ident = m.group(2) or ""
        if ident or len(line) - m.end() < 3:
            return Marker(f"{word} {ident}".strip(), "schedule", 0, m.end())
    if c.isdigit() and (m := _DECIMAL.match(line)):
        head, tail, dot = m.group(1), m.group(2), m.group(3)
        parts = [head] + [p for p in tail.split(".") if p]
        # "5 days" is not a clause: a bare integer must be followed by "." or ")" or a capital.
        after = line[m.end() : m.end() + 1]
        closer = line[m.end() - 1 : m.end()]
        if len(parts) == 1 and not dot and closer != ")" and not (after[:1].isupper() or after in ("", "\"", "“")):
            return None
        if len(parts) == 1 and int(head) > 300:
            return None
        if after[:1].islower() and len(parts) == 1:
            return None
        return Marker(".".join(parts), f"dec{len(parts)}", int(parts[-1]), m.end())
    if c.isupper() and (m := _LETTER_DECIMAL.match(line)):
        parts = [m.group(1), m.group(2)] + [p for p in m.group(3).split(".") if p]
        return Marker(".".join(parts), f"dec{len(parts)}", int(parts[-1]), m.end())
    if c in "IVXLC" and (m := _ROMAN_HEAD.match(line)) and ROMAN.match(m.group(1)):
        return Marker(m.group(1), "article", roman_value(m.group(1)), m.end())
    if c == "(" and (m := _PAREN.match(line)):
        return _letter_marker(m.group(1), f"({m.group(1)})", m.end(), paren="p")
    if (m := _HALFPAREN.match(line)) is not None:
        return _letter_marker(m.group(1), f"{m.group(1)})", m.end(), paren="h")
    if (m := _LETTER_DOT.match(line)) is not None:
        tok = m.group(1)
        if len(tok) > 1 and not ROMAN.match(tok):
            return None  # "Inc." / "No." are words, not markers
        return _letter_marker(tok, f"{tok}.", m.end(), paren="d")
    return None


def _letter_marker(tok: str, label: str, end: int, paren: str) -> Marker | None:
    if tok.isdigit():
        return Marker(label, f"{paren}dec", int(tok), end)
    lower = tok.islower()
    if not (tok.islower() or tok.isupper()):
        return None
    alpha = _alpha_value(tok)
    roman = roman_value(tok) if ROMAN.match(tok) else None
    a_style = f"{paren}{'l' if lower else 'u'}alpha"
    r_style = f"{paren}{'l' if lower else 'u'}roman"
    if roman is not None and alpha is not None:
        # "(i)": roman one, or the ninth letter; the tree builder decides from context.
        return Marker(label, r_style, roman, end, alt_style=a_style, alt_value=alpha)
    if roman is not None:
        return Marker(label, r_style, roman, end)
    if alpha is not None:
        return Marker(label, a_style, alpha, end)
    return None
