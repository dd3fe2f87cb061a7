"""Small text helpers the renderers share."""

from __future__ import annotations

from collections.abc import Iterable

from ..types import Explanation


def md(s: str | None) -> str:
    """Text safe inside a Markdown table cell or list item (one line, markup escaped)."""
    if not s:
        return ""
    s = " ".join(s.split())
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
