"""A facilitator's goal-alignment report: Markdown and self-contained HTML.

The HTML draws a party-by-party alignment matrix and the goal clusters as inline SVG (no external
assets, every text escaped). Sections: parties and pair scores, conflicts, shared goals, related
goals, goals held by one party only (no other party shares or opposes them; a related goal of another
party is named beside one), clusters, and — with a draft — what the draft leaves out or contradicts,
cited as the draft's reader cites it ("19.2", "Recital 3": the reason says where;
the JSON's ``clauses`` keeps the clause ids of the agreement report). Every goal shows its party and,
where known, its character offsets. "All parties" (a recital of the agreement that no one party
states) is not a partner: the matrix leaves it out.
"""

from __future__ import annotations

from html import escape

from ..goals.sources import ALL_PARTIES, topical
from ..types import AlignmentReport, DraftGap, Goal, GoalMatch
from ._text import md as _md, spoken

__all__ = ["to_markdown", "to_html", "matrix_svg", "clusters_svg"]

_PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]
_MAX_LISTED = 200  # matches listed per relation (the JSON has all of them)


def _where(g: Goal) -> str:
    return f"chars {g.start}–{g.end}" if g.start is not None and g.end is not None else "goal list"


def _alignment(report: AlignmentReport, a: str, b: str) -> tuple[float | None, str]:
    for p in report.pairs:
        if {p.a, p.b} == {a, b}:
            return p.alignment, f"{p.shared} shared, {p.related} related, {p.conflicts} conflicting"
    return None, ""


def _parties_line(report: AlignmentReport, quote) -> str:
    """The partners, and apart from them the goals of "All parties" (a recital or remark that no one
    party states): it is no partner, so it is neither listed nor counted as one."""
    partners = [p for p in report.parties if p != ALL_PARTIES]
    shared = sum(g.party == ALL_PARTIES for g in report.goals)
    line = ", ".join(quote(p) for p in partners) or "none found"
    if shared:
        line += f" (and {shared} goal{'s' if shared != 1 else ''} of no one party: {quote(ALL_PARTIES)})"
    return line


def _joint(report: AlignmentReport) -> dict[str, tuple[str, ...]]:
    """Goal id → the ids of the copies of one recital that parties state jointly ("PDMS and Gateway
    desire…": one goal of each, same words, same span), for each copy."""
    groups: dict[tuple, list[Goal]] = {}
    for g in report.goals:
        if g.start is not None and g.party != ALL_PARTIES:
            groups.setdefault((g.start, g.end, g.text), []).append(g)
    return {g.id: tuple(c.id for c in gs) for gs in groups.values() if len({c.party for c in gs}) > 1 for g in gs}


def _matches(report: AlignmentReport, relation: str) -> list[GoalMatch]:
    """The matches of a relation, less those of two copies of one jointly stated recital (the same words,
    found by no comparison: no agreement between the parties that state it)."""
    joint = _joint(report)
    return [m for m in report.matches if m.relation == relation and m.b not in joint.get(m.a, ())]


# What "held by one party only" means, said where the list is: ``unmatched`` (coaltext.alignment.v1)
# leaves out goals another party shares or opposes, not goals another party has a related one to.
ALONE_TITLE = "Held by one party only: no other party shares or opposes it"
ALONE_NOTE = (
    "A goal here can still be related to another party's goal (the same topic, not the same goal: "
    "listed under Related goals); those goals are named after it."
)


def _related_to(report: AlignmentReport) -> dict[str, list[str]]:
    """Goal id → the ids of the other parties' goals it is related to (as listed under Related goals)."""
    out: dict[str, list[str]] = {}
    for m in _matches(report, "related"):
        out.setdefault(m.a, []).append(m.b)
        out.setdefault(m.b, []).append(m.a)
    return out


def _alone_related(report: AlignmentReport) -> str:
    """", N of them related to another party's goal" for the goals line, or ""."""
    related = _related_to(report)
    n = sum(g in related for g in report.unmatched)
    return f", {n} of them related to another party's goal" if n else ""


def _goals_line(report: AlignmentReport) -> str:
    """How many goals and matches, a jointly stated recital counted once and never as a match of its copies."""
    joint = _joint(report)
    groups = list(dict.fromkeys(joint.values()))
    n = len(report.goals) - sum(len(ids) - 1 for ids in groups)
    matches = sum(m.b not in joint.get(m.a, ()) for m in report.matches)
    line = (
        f"{n}; matches: {matches}; held by one party only (no other party shares or opposes it): "
        f"{len(report.unmatched)}{_alone_related(report)}"
    )
    goals = {g.id: g for g in report.goals}
    for ids in groups:
        line += (
            f" ({', '.join(ids)}: one recital stated jointly by {', '.join(goals[i].party for i in ids)}, counted once; "
            "its copies are no match between them, though the pair scores still count them)"
        )
    return line


# ------------------------------------------------------------------------------- Markdown


def to_markdown(report: AlignmentReport) -> str:
    """The report as Markdown (GitHub-flavoured tables)."""
    goals = {g.id: g for g in report.goals}
    out = ["# Goal alignment", ""]
    out.append(f"- **Source:** {_md(report.source.name)} ({report.source.chars} characters)")
    out.append(f"- **Parties:** {_parties_line(report, _md)}")
    out.append(f"- **Goals:** {_md(_goals_line(report))}")
    out.append("")
    for w in report.warnings:  # one quote block each: consecutive "> " lines would run into one paragraph
        out += [f"> {_md(w)}", ""]

    out += ["## Alignment per pair of parties", ""]
    if report.pairs:
        out += ["| Party A | Party B | Alignment | Shared | Related | Conflicts |", "|---|---|---|---|---|---|"]
        out += [
            f"| {_md(p.a)} | {_md(p.b)} | {p.alignment:.2f} | {p.shared} | {p.related} | {p.conflicts} |"
            for p in report.pairs
        ]
        out += ["", "_alignment = (shared goals + ½ related goals) / (goals of both + conflicting goals)_"]
    else:
        out.append("_Fewer than two parties: nothing to compare._")
    out.append("")

    for relation, title in (("conflict", "Conflicts"), ("shared", "Shared goals"), ("related", "Related goals")):
        ms = _matches(report, relation)
        out += [f"## {title} ({len(ms)})", ""]
        if ms:
            out += ["| Party | Goal | Party | Goal | Similarity | Why |", "|---|---|---|---|---|---|"]
            for m in ms[:_MAX_LISTED]:
                a, b = goals[m.a], goals[m.b]
                out.append(
                    f"| {_md(a.party)} | {_md(topical(a))} ({m.a}) | {_md(b.party)} | {_md(topical(b))} ({m.b}) | "
                    f"{m.similarity:.2f} | {_md(m.reason)} |"
                )
            if len(ms) > _MAX_LISTED:
                out.append(f"\n_…and {len(ms) - _MAX_LISTED} more in the JSON report._")
        else:
            out.append("_None._")
        out.append("")

    related = _related_to(report)
    out += [f"## {ALONE_TITLE} ({len(report.unmatched)})", ""]
    if report.unmatched:
        out += [f"_{_md(ALONE_NOTE)}_", ""]
    out += [
        f"- **{_md(goals[g].party)}**: {_md(topical(goals[g]))} ({g}, {_where(goals[g])})"
        + (f"; related: {_md(_named(related[g], goals))}" if g in related else "")
        for g in report.unmatched
    ] or ["_None._"]
    out.append("")

    out += [f"## Goal clusters ({len(report.clusters)})", ""]
    for c in report.clusters:
        out.append(f"- **{_md(c.label)}** ({c.id}; {', '.join(_md(p) for p in c.parties)})")
        out += [f"  - {_md(goals[g].party)}: {_md(topical(goals[g]))} ({g})" for g in c.goals]
    if not report.clusters:
        out.append("_None._")
    out.append("")

    if report.draft:
        out += _draft_markdown(report.draft)
    return "\n".join(out).rstrip() + "\n"


def _named(ids: list[str], goals: dict[str, Goal]) -> str:
    """ "g21 (Northgate Institute), g1 (Halvorsen Motorworks)"."""
    return ", ".join(f"{i} ({goals[i].party})" for i in ids)


def _draft_markdown(gaps: list[DraftGap]) -> list[str]:
    out = ["## Minutes against the draft", ""]
    for status, title in (("contradicted", "Contradicted by a clause"), ("uncovered", "Not covered by any clause"), ("covered", "Covered")):
        items = [g for g in gaps if g.status == status]
        out += [f"### {title} ({len(items)})", ""]
        if items:
            out += ["| Item | Text | Similarity | Where in the draft, and why |", "|---|---|---|---|"]
            out += [
                f"| {g.item} | {_md(g.text)} | "
                f"{'' if g.similarity is None else f'{g.similarity:.2f}'} | {_md(g.reason)} |"
                for g in items
            ]
        else:
            out.append("_None._")
        out.append("")
    return out


# ------------------------------------------------------------------------------- SVG


def _colour(value: float | None) -> str:
    """Red (0) → amber (0.5) → green (1); grey for no value."""
    if value is None:
        return "#e0e0e0"
    v = min(max(value, 0.0), 1.0)
    if v < 0.5:
        r, g, b = 215, int(60 + 2 * v * 140), 50
    else:
        r, g, b = int(215 - 2 * (v - 0.5) * 175), 200, int(50 + 2 * (v - 0.5) * 30)
    return f"#{r:02x}{g:02x}{b:02x}"


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def matrix_svg(report: AlignmentReport) -> str:
    """Party × party alignment matrix as inline SVG (cells coloured by alignment, counts in tooltips)."""
    parties = [p for p in report.parties if p != ALL_PARTIES]
    n = len(parties)
    if n < 2:
        return ""
    cell, left, top = 86, 170, 130
    w, h = max(left + n * cell + 170, 560), top + n * cell + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Party alignment matrix" '
        f'width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="system-ui, sans-serif" font-size="12">'
    ]
    for i, p in enumerate(parties):
        y = top + i * cell + cell / 2
        out.append(f'<text x="{left - 8}" y="{y:.0f}" text-anchor="end" dominant-baseline="middle">{escape(_short(p, 24))}</text>')
        x = left + i * cell + cell / 2
        out.append(
            f'<text x="{x:.0f}" y="{top - 8}" text-anchor="start" transform="rotate(-35 {x:.0f} {top - 8})">'
            f"{escape(_short(p, 24))}</text>"
        )
    for i, a in enumerate(parties):
        for j, b in enumerate(parties):
            x, y = left + j * cell, top + i * cell
            if i == j:
                out.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="#f5f5f5"/>')
                continue
            value, counts = _alignment(report, a, b)
            label = "—" if value is None else f"{value:.2f}"
            out.append(
                f'<g><title>{escape(a)} ↔ {escape(b)}: alignment {label}; {escape(counts)}</title>'
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" rx="4" fill="{_colour(value)}"/>'
                f'<text x="{x + cell / 2 - 1:.0f}" y="{y + cell / 2 - 6:.0f}" text-anchor="middle" font-size="16" font-weight="bold">{label}</text>'
                f'<text x="{x + cell / 2 - 1:.0f}" y="{y + cell / 2 + 14:.0f}" text-anchor="middle" font-size="10">'
                f"{escape(_counts_short(report, a, b))}</text></g>"
            )
    out.append(
        f'<text x="10" y="{h - 12}" font-size="11" fill="#555">alignment 0 (red) … 1 (green); '
        "s / r / c: shared, related, conflicting matches</text>"
    )
    out.append("</svg>")
    return "".join(out)


def _counts_short(report: AlignmentReport, a: str, b: str) -> str:
    for p in report.pairs:
        if {p.a, p.b} == {a, b}:
            return f"{p.shared}s · {p.related}r · {p.conflicts}c"
    return ""


def clusters_svg(report: AlignmentReport, *, max_clusters: int = 30) -> str:
    """Goal clusters as inline SVG: one row per cluster, one dot per goal coloured by party."""
    clusters = report.clusters[:max_clusters]
    if not clusters:
        return ""
    # the partners, and "All parties" where a goal of no one party is drawn (the report lists no such party)
    shown = list(dict.fromkeys([*report.parties, *(g.party for g in report.goals)]))
    colour = {p: _PALETTE[i % len(_PALETTE)] for i, p in enumerate(shown)}
    goals = {g.id: g for g in report.goals}
    row, left, dot = 28, 230, 18
    widest = max(len(c.goals) for c in clusters)
    w = max(left + max(widest, 4) * dot + 40, 20 + min(len(shown), 4) * 190)
    legend_h = 24 * ((len(shown) + 3) // 4)
    h = len(clusters) * row + legend_h + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Goal clusters" '
        f'width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="system-ui, sans-serif" font-size="12">'
    ]
    for i, p in enumerate(shown):
        x, y = 10 + (i % 4) * 190, 14 + (i // 4) * 24
        out.append(
            f'<circle cx="{x + 6}" cy="{y}" r="6" fill="{colour[p]}"/>'
            f'<text x="{x + 18}" y="{y + 4}">{escape(_short(p, 26))}</text>'
        )
    for k, c in enumerate(clusters):
        y = legend_h + 10 + k * row + row / 2
        out.append(
            f'<text x="{left - 10}" y="{y + 4:.0f}" text-anchor="end" font-weight="bold">{escape(_short(c.label, 32))}</text>'
        )
        for j, gid in enumerate(c.goals):
            g = goals[gid]
            cx = left + j * dot + dot / 2
            out.append(
                f'<circle cx="{cx:.0f}" cy="{y:.0f}" r="7" fill="{colour.get(g.party, "#999")}">'
                f"<title>{escape(g.party)}: {escape(spoken(topical(g)))}</title></circle>"
            )
    out.append("</svg>")
    return "".join(out)


# ------------------------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}.conflict{color:#b00020;font-weight:600}.shared{color:#1b7a2e;font-weight:600}.related{color:#8a6d00}
.muted{color:#666;font-size:.9em}.warn{background:#fff4e5;border-left:4px solid #f0a020;padding:.5rem}
figure{margin:1rem 0;overflow-x:auto}
"""


def _partner_count(report: AlignmentReport) -> str:
    n = sum(p != ALL_PARTIES for p in report.parties)
    return f"{n} part{'y' if n == 1 else 'ies'}: {_parties_line(report, escape)}"


def _goal_cell(g: Goal) -> str:
    return f'{escape(spoken(topical(g)))} <span class="muted">({escape(g.id)}, {escape(g.party)}, {escape(_where(g))})</span>'


def to_html(report: AlignmentReport) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG, no scripts, no external assets)."""
    goals = {g.id: g for g in report.goals}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Goal alignment — {escape(report.source.name)}</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Goal alignment</h1>",
        f'<p class="muted">Source: {escape(report.source.name)} · {_partner_count(report)} · '
        f"goals: {escape(_goals_line(report))}</p>",
    ]
    parts += [f'<p class="warn">{escape(w)}</p>' for w in report.warnings]

    parts.append("<h2>Alignment between parties</h2>")
    svg = matrix_svg(report)
    if svg:
        parts.append(f"<figure>{svg}</figure>")
        parts.append(
            '<p class="muted">alignment = (shared goals + ½ related goals) / (goals of both + conflicting goals); '
            "a goal counts once, by its strongest relation to the other party (conflict first).</p>"
        )
        parts.append("<table><tr><th>Party A</th><th>Party B</th><th>Alignment</th><th>Shared</th><th>Related</th><th>Conflicts</th></tr>")
        parts += [
            f"<tr><td>{escape(p.a)}</td><td>{escape(p.b)}</td><td>{p.alignment:.2f}</td><td>{p.shared}</td>"
            f"<td>{p.related}</td><td>{p.conflicts}</td></tr>"
            for p in report.pairs
        ]
        parts.append("</table>")
    else:
        parts.append("<p>Fewer than two parties: nothing to compare.</p>")

    for relation, title in (("conflict", "Conflicts"), ("shared", "Shared goals"), ("related", "Related goals")):
        ms = _matches(report, relation)
        parts.append(f'<h2 class="{relation}">{title} ({len(ms)})</h2>')
        if not ms:
            parts.append("<p>None.</p>")
            continue
        parts.append("<table><tr><th>Goal</th><th>Goal</th><th>Similarity</th><th>Why</th></tr>")
        for m in ms[:_MAX_LISTED]:
            parts.append(
                f"<tr><td>{_goal_cell(goals[m.a])}</td><td>{_goal_cell(goals[m.b])}</td>"
                f'<td>{m.similarity:.2f}</td><td class="{relation}">{escape(m.reason or "")}</td></tr>'
            )
        parts.append("</table>")
        if len(ms) > _MAX_LISTED:
            parts.append(f"<p class=\"muted\">…and {len(ms) - _MAX_LISTED} more in the JSON report.</p>")

    related = _related_to(report)
    parts.append(f"<h2>{escape(ALONE_TITLE)} ({len(report.unmatched)})</h2>")
    if report.unmatched:
        parts.append(f'<p class="muted">{escape(ALONE_NOTE)}</p>')
        parts.append(
            "<ul>"
            + "".join(
                f"<li>{_goal_cell(goals[g])}"
                + (f' <span class="related">related: {escape(_named(related[g], goals))}</span>' if g in related else "")
                + "</li>"
                for g in report.unmatched
            )
            + "</ul>"
        )
    else:
        parts.append("<p>None.</p>")

    parts.append(f"<h2>Goal clusters ({len(report.clusters)})</h2>")
    svg = clusters_svg(report)
    if svg:
        parts.append(f"<figure>{svg}</figure>")
    for c in report.clusters:
        parts.append(
            f"<h3>{escape(c.label)} <span class=\"muted\">({escape(c.id)}; {escape(', '.join(c.parties))})</span></h3><ul>"
            + "".join(f"<li>{_goal_cell(goals[g])}</li>" for g in c.goals)
            + "</ul>"
        )

    if report.draft:
        parts.append("<h2>Minutes against the draft</h2>")
        for status, title in (
            ("contradicted", "Contradicted by a clause"),
            ("uncovered", "Not covered by any clause"),
            ("covered", "Covered"),
        ):
            items = [g for g in report.draft if g.status == status]
            parts.append(f"<h3>{title} ({len(items)})</h3>")
            if not items:
                parts.append("<p>None.</p>")
                continue
            parts.append("<table><tr><th>Item</th><th>Text</th><th>Similarity</th><th>Where in the draft, and why</th></tr>")
            parts += [
                f"<tr><td>{escape(g.item)}</td><td>{escape(spoken(g.text))}</td>"
                f"<td>{'' if g.similarity is None else f'{g.similarity:.2f}'}</td><td>{escape(g.reason or '')}</td></tr>"
                for g in items
            ]
            parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
