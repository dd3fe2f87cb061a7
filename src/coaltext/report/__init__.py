"""Renderers: every report renders to JSON (the contract), Markdown and self-contained HTML."""

from __future__ import annotations

from typing import Literal

from ..types import AgreementReport, AlignmentReport, MinutesReport, report_json

Format = Literal["json", "md", "html"]
FORMATS = ("json", "md", "html")


def _module(report):
    if isinstance(report, AgreementReport):
        from . import agreement as mod
    elif isinstance(report, MinutesReport):
        from . import minutes as mod
    elif isinstance(report, AlignmentReport):
        from . import alignment as mod
    else:  # pragma: no cover - programming error
        raise TypeError(f"not a coaltext report: {type(report).__name__}")
    return mod


def render(report: AgreementReport | MinutesReport | AlignmentReport, fmt: Format = "json") -> str:
    """The report as ``json`` (indented contract JSON), ``md`` or ``html``."""
    if fmt == "json":
        return report_json(report)
    if fmt == "md":
        return _module(report).to_markdown(report)
    if fmt == "html":
        return _module(report).to_html(report)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render"]
