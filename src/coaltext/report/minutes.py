"""A facilitator's minutes report: Markdown and self-contained HTML.

Sections: meeting and attendees (with organisations), agenda, decisions, an action-item table
(owner, due, task, evidence), open disagreements, and goals grouped by party. Every item shows its
evidence: the speaker, the line (page, and heading it sits under, where known), the character
offsets into the document text, the score, and the rule or model that made the call.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from ..structure.minutes import OWNER_RULES
from ..types import MinutesItem, MinutesReport
from ._text import md as _md, spoken, why

__all__ = ["to_markdown", "to_html", "to_review", "REVIEW_BELOW"]

# A decision or action item that only the transcript detector found, with a score under this, is
# listed as a candidate to review. bench/minutes.py prints the precision of both tiers: the items
# above the line are right 1.5 times (real ELITR test meetings) to 3 times (held-out AMI meetings)
# as often as those under it.
REVIEW_BELOW = 0.9
_TIERED = ("decision", "action")


def _where(i: MinutesItem) -> str | None:
    """"line 44, p. 2, in “3. Pilot cell production”": where a reader finds the item (None for an
    item without a line, as built by hand)."""
    if i.line is None:
        return None
    out = f"line {i.line}" + (f", p. {i.page}" if i.page else "")
    return out + (f", in “{i.section}”" if i.section else "")


def _evidence(i: MinutesItem) -> str:
    """Speaker, where it is (line, page, section), offsets, score and the rule or model that made the call."""
    parts = [i.speaker] if i.speaker else []
    if (where := _where(i)) is not None:
        parts.append(where)
    parts.append(f"chars {i.start}–{i.end}")
    if i.score is not None:
        parts.append(f"score {i.score:.2f}")
    if i.explanation:
        parts.append(why(i.explanation))
    return " · ".join(parts)


def _reply(i: MinutesItem, prev: MinutesItem | None = None, limit: int = 160) -> str | None:
    """"in reply to Ben (chars 5–59): “So the plan is …”" for a disagreement that answers someone;
    None when the item before it (``prev``: the same speaker going on) answers the same utterance."""
    r = i.replies_to
    if r is None or (prev is not None and prev.replies_to == r and prev.speaker == i.speaker):
        return None
    said = spoken(r.text)
    quote = said if len(said) <= limit else said[: limit - 1].rstrip() + "…"
    line = f"line {r.line}, " if r.line is not None else ""
    return f"in reply to {r.speaker} ({line}chars {r.start}–{r.end}): “{quote}”"


def to_review(i: MinutesItem) -> bool:
    """A decision or action item that the transcript detector alone found (owners and due dates
    aside), with a score under REVIEW_BELOW: a candidate for a person to confirm."""
    found_by = [e for e in i.explanation
                if e.method != "combined" and e.rule not in OWNER_RULES and not (e.rule or "").startswith("due:")]
    return (i.kind in _TIERED and bool(found_by) and all(e.method == "model" for e in found_by)
            and i.score is not None and i.score < REVIEW_BELOW)


_REVIEW_NOTE = (f"_To review: found by the transcript detector alone with a score under {REVIEW_BELOW}; "
                "a section, a cue or a table finds the rest, whatever their score._")


def _count(items: list[MinutesItem]) -> str:
    """"12" or "12: 3 likely, 9 to review"."""
    n = sum(map(to_review, items))
    return f"{len(items)}: {len(items) - n} likely, {n} to review" if n else str(len(items))


def _by_kind(report: MinutesReport, kind: str) -> list[MinutesItem]:
    return [i for i in report.items if i.kind == kind]


def _goals_by_party(report: MinutesReport) -> dict[str, list[MinutesItem]]:
    groups: dict[str, list[MinutesItem]] = defaultdict(list)
    for i in _by_kind(report, "goal"):
        groups[i.party or "(party unknown)"].append(i)
    return dict(groups)


def to_markdown(report: MinutesReport) -> str:
    """The report as Markdown (GitHub-flavoured tables)."""
    m = report.meeting
    out = [f"# {_md(m.title) or 'Meeting minutes'}", ""]
    out.append(f"- **Source:** {_md(report.source.name)} ({report.source.chars} characters)")
    out.append(f"- **Date:** {m.date or 'not stated'}")
    out.append("")
    out.append(f"## Attendees ({len(m.attendees)})")
    out.append("")
    if m.attendees:
        out += [f"- {_md(a.name)}" + (f" — {_md(a.organization)}" if a.organization else "") for a in m.attendees]
    else:
        out.append("_None found._")
    out.append("")
    if report.agenda:
        out += ["## Agenda", ""] + [f"{n}. {_md(a.text)}" for n, a in enumerate(report.agenda, 1)] + [""]

    decisions = _by_kind(report, "decision")
    out += [f"## Decisions ({_count(decisions)})", ""]
    out += [f"- {'_[to review]_ ' if to_review(i) else ''}{_md(i.text)} _({_md(_evidence(i))})_"
            for i in decisions] or ["_None found._"]
    if any(map(to_review, decisions + _by_kind(report, "action"))):
        out += ["", _REVIEW_NOTE]
    out.append("")

    actions = _by_kind(report, "action")
    out += [f"## Action items ({_count(actions)})", ""]
    if actions:
        out += ["| # | Owner | Due | Task | Evidence |", "|---|---|---|---|---|"]
        out += [
            f"| {i.id}{' (to review)' if to_review(i) else ''} | {_md(i.owner) or '—'} | {i.due or '—'} | {_md(i.text)} "
            f"| {_md(_evidence(i))} |"
            for i in actions
        ]
    else:
        out.append("_None found._")
    out.append("")

    dis = _by_kind(report, "disagreement")
    out += [f"## Open disagreements ({len(dis)})", ""]
    out += [
        f"- {_md(i.text)} _({(_md(i.party) + ', ') if i.party else ''}{_md(_evidence(i))})_"
        + (f"\n  - {_md(reply)}" if (reply := _reply(i, dis[k - 1] if k else None)) else "")
        for k, i in enumerate(dis)
    ] or ["_None found._"]
    out.append("")

    goals = _goals_by_party(report)
    out += [f"## Goals by party ({sum(len(v) for v in goals.values())})", ""]
    if goals:
        for party, items in goals.items():
            out += [f"### {_md(party)}", ""] + [f"- {_md(i.text)} _({_md(_evidence(i))})_" for i in items] + [""]
    else:
        out += ["_None found._", ""]
    if report.warnings:
        out += ["## Warnings", ""] + [f"- {_md(w)}" for w in report.warnings] + [""]
    return "\n".join(out).rstrip() + "\n"


_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#1d2430}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #dde3ea;padding-bottom:.2rem}
h3{font-size:1rem;margin:1rem 0 .3rem}.meta{color:#5b6675}.muted{color:#8a94a3;font-size:.85em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #dde3ea;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f6f9}ul{padding-left:1.2rem}li{margin:.25rem 0}.none{color:#8a94a3;font-style:italic}
.org{color:#2f6f4f}.kind{display:inline-block;font-size:.75em;padding:0 .4em;border-radius:3px;background:#eef2f7}
.review{color:#5b6675}.review .kind{background:#fff4d6}
"""


def _ev_html(i: MinutesItem) -> str:
    return f'<span class="muted">{escape(_evidence(i))}</span>'


_REVIEW_CLASS = ' class="review"'
_REVIEW_TAG = '<span class="kind">to review</span> '


def _items_html(items: list[MinutesItem], with_party: bool = False) -> str:
    if not items:
        return '<p class="none">None found.</p>'
    rows = []
    for k, i in enumerate(items):
        party = f' <span class="org">[{escape(i.party)}]</span>' if with_party and i.party else ""
        reply = f'<br><span class="muted">{escape(r)}</span>' if (r := _reply(i, items[k - 1] if k else None)) else ""
        review = to_review(i)
        rows.append(f'<li id="{escape(i.id)}"{_REVIEW_CLASS if review else ""}>{_REVIEW_TAG if review else ""}'
                    f'{escape(spoken(i.text))}{party} {_ev_html(i)}{reply}</li>')
    return "<ul>" + "".join(rows) + "</ul>"


def to_html(report: MinutesReport) -> str:
    """The report as one self-contained HTML page (inline CSS, every text escaped)."""
    m = report.meeting
    title = escape(m.title or "Meeting minutes")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
        f'<p class="meta">{escape(report.source.name)} · date: {escape(m.date or "not stated")} · '
        f"{report.source.chars} characters</p>",
        f"<h2>Attendees ({len(m.attendees)})</h2>",
    ]
    if m.attendees:
        parts.append(
            "<ul>"
            + "".join(
                f"<li>{escape(a.name)}"
                + (f' — <span class="org">{escape(a.organization)}</span>' if a.organization else "")
                + "</li>"
                for a in m.attendees
            )
            + "</ul>"
        )
    else:
        parts.append('<p class="none">None found.</p>')
    if report.agenda:
        parts.append("<h2>Agenda</h2><ol>" + "".join(f"<li>{escape(a.text)}</li>" for a in report.agenda) + "</ol>")

    decisions = _by_kind(report, "decision")
    parts += [f"<h2>Decisions ({_count(decisions)})</h2>", _items_html(decisions)]
    if any(map(to_review, decisions + _by_kind(report, "action"))):
        parts.append(f'<p class="muted">{escape(_REVIEW_NOTE.strip("_"))}</p>')

    actions = _by_kind(report, "action")
    parts.append(f"<h2>Action items ({_count(actions)})</h2>")
    if actions:
        parts.append("<table><thead><tr><th>#</th><th>Owner</th><th>Due</th><th>Task</th><th>Evidence</th></tr></thead><tbody>")
        for i in actions:
            review = to_review(i)
            parts.append(
                f'<tr id="{escape(i.id)}"{_REVIEW_CLASS if review else ""}><td>{_REVIEW_TAG if review else ""}'
                f'{escape(i.id)}</td><td>{escape(i.owner or "—")}</td>'
                f"<td>{escape(i.due or '—')}</td><td>{escape(spoken(i.text))}</td><td>{_ev_html(i)}</td></tr>"
            )
        parts.append("</tbody></table>")
    else:
        parts.append('<p class="none">None found.</p>')

    dis = _by_kind(report, "disagreement")
    parts += [f"<h2>Open disagreements ({len(dis)})</h2>", _items_html(dis, with_party=True)]

    goals = _goals_by_party(report)
    parts.append(f"<h2>Goals by party ({sum(len(v) for v in goals.values())})</h2>")
    if goals:
        for party, items in goals.items():
            parts += [f"<h3>{escape(party)}</h3>", _items_html(items)]
    else:
        parts.append('<p class="none">None found.</p>')
    if report.warnings:
        parts.append("<h2>Warnings</h2><ul>" + "".join(f"<li>{escape(w)}</li>" for w in report.warnings) + "</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
