"""Small text helpers the renderers share."""

from __future__ import annotations


def md(s: str | None) -> str:
    """Text safe inside a Markdown table cell or list item (one line, markup escaped)."""
    if not s:
        return ""
    s = " ".join(s.split())
    for ch in "\\`*_[]<>|":
        s = s.replace(ch, "\\" + ch)
    return s
