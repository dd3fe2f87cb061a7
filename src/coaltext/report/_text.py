"""Small text helpers the renderers share."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..types import Explanation


# the noise tags of transcripts ("<unintelligible/>", "<laugh/>", "<another_language>…</another_language>", "<aside>…</aside>")
_NOISE = re.compile(r"<(?:[a-z_]{2,30}/|/?(?:another_language|aside))>")
_SHOWN = {"<unintelligible/>": " […] ", "<unint/>": " […] ", "<another_language/>": " […] ", "<parallel_talk/>": " […] ",
          "<censored/>": " [censored] "}


def spoken(s: str) -> str:
    """What was said, as a reader wants it: a transcript's noise tags become "[…]" where words were
    lost and nothing where they were not (the item's ``text`` and offsets keep them)."""
    return " ".join(_NOISE.sub(lambda m: _SHOWN.get(m.group(0), " "), s).split())


def md(s: str | None) -> str:
    """Text safe inside a Markdown table cell or list item (one line, markup escaped, no noise tags)."""
    if not s:
        return ""
    s = spoken(s)
    for ch in "\\`*_[]<>|":
        s = s.replace(ch, "\\" + ch)
    return s


def why(explanation: Iterable[Explanation]) -> str:
    """Which rules or models made a call, and on which words: "pattern x: “…”; model (m)"."""
    bits = []
    for e in explanation:
        if e.method == "pattern":
            bits.append(f"pattern {e.rule}: “{e.matched}”")
        elif e.method == "heading":
            bits.append(f"heading “{e.matched}”" if e.matched else f"heading {e.rule}")
        elif e.method == "model":
            bits.append(f"model ({e.rule})" + (f": {e.matched}" if e.matched else ""))
        else:
            bits.append(f"{e.method} {e.rule or ''}".strip())
    return "; ".join(bits)
