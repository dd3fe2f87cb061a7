"""The agreement report for a lawyer: Markdown and self-contained HTML (inline CSS, no assets).

Order: key terms, the four families counsel reads first (IP, money, disputes, antitrust) at a
glance, flags (most severe first; each citation links to its quoted clause), required types that are
missing, then every type with its evidence quoted — clause number, heading and page — and why the
classifier said so (in HTML folded away in a <details>; the model's top words are left out of the
Markdown), and last the clauses flags cite that no type quotes. All document text is escaped; quotes
are cut to a readable length with an ellipsis.
"""

from __future__ import annotations

import html
import re

from ..classify.taxonomy import MISSION_FAMILIES, clause_type
from ..coverage import QUOTE_CHARS, elsewhere_note, lacks_stated_wording, related_agreements, rests_on
from ..structure.clauses import display
from ..types import AgreementReport, AgreementStructure, Clause, CoverageItem, Document, Flag, TypeScore
from ._text import why

_SEV_ORDER = {"high": 0, "warning": 1, "info": 2}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LEADING = re.compile(r"^(\s*)([-+#]|\d+[.)])")


def _label(t: str) -> str:
    try:
        return clause_type(t).label
    except KeyError:
        return t


def _definition(t: str) -> str:
    try:
        return clause_type(t).definition
    except KeyError:
        return ""


def _quote(text: str, n: int = QUOTE_CHARS) -> str:
    s = display(text)
    return s if len(s) <= n else s[: n - 1].rsplit(" ", 1)[0] + " …"


def _md(text: str) -> str:
    """Escape document text for Markdown (no markup injected by a clause): inline markup
    characters everywhere, list/heading markers at the start."""
    s = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2) if m.group(2)[0] in "-+#" else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], s)


def _where(c: Clause, clauses: dict[str, Clause]) -> str:
    """Where a reader finds the clause: its citation ("§ 8.3(a)(i)", "Section 2.01"), its heading
    or else the heading of the section it sits in, and its page."""
    parts = []
    cite = c.citation or c.number
    if cite:
        worded = " " in cite and cite.split()[0].isalpha()  # "Article IV", "Section 2.01(a)", "Exhibit A"
        parts.append(cite if worded else f"§ {cite}")
    if c.heading:
        if not (cite or "").endswith(f", {c.heading.strip()}"):  # "§ 7, Oncology" names its sub-heading already
            parts.append(c.heading.strip())
    else:
        up = clauses.get(c.parent or "")
        while up is not None and not up.heading:
            up = clauses.get(up.parent or "")
        if up is not None:
            parts.append(f"in “{up.heading.strip()}”")
    if not cite:
        # the preamble or a signature block (or a paragraph of one) is found by what it is; a clause
        # that neither a number nor a heading locates, by its id (a reader's last resort)
        kinds = {"preamble": "preamble", "title": "title", "signature": "signature blocks"}
        up = c
        while up is not None and up.kind not in kinds and up.kind in ("paragraph", "passage"):
            up = clauses.get(up.parent or "")
        if up is not None and up.kind in kinds:
            parts.append(kinds[up.kind])
        elif not parts:
            parts.append(f"clause {c.id}")
    if c.page_start:
        page = f"p. {c.page_start}" if c.page_end in (None, c.page_start) else f"pp. {c.page_start}–{c.page_end}"
        parts.append(page)
    return " · ".join(parts)


def _why(ts: TypeScore | None) -> str:
    return why(ts.explanation) if ts is not None else ""


def _score(i: CoverageItem, c: Clause, ts: TypeScore | None) -> str:
    """The clause's score for the item's type; where coverage held it weak for want of the wording
    the type needs (``stated_only_with`` in conf/playbooks.yaml), says so: a clause scored 1.00
    under an item scored 0.20 read as a contradiction."""
    if not ts:
        return "?"
    if i.status == "weak" and ts.score > i.score and lacks_stated_wording(i.type, c.text):
        return f"{ts.score:.2f}, held weak at {i.score:.2f}: none of the wording this type needs"
    return f"{ts.score:.2f}"


def _why_short(ts: TypeScore | None) -> str:
    """Why, for a lawyer: the patterns and headings with their words, a model by name only (its top
    features — "life technologies, life, technologies shall" — say nothing to a reader)."""
    if ts is None:
        return ""
    return why(e.model_copy(update={"matched": None}) if e.method == "model" else e for e in ts.explanation)


# the four families counsel reads first, the types that make each, and the flag codes that belong to it
FAMILIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("IP", MISSION_FAMILIES["ip"], ("ip_joint",)),
    ("Money", MISSION_FAMILIES["revenue_sharing"] + ("reporting_audit",), ("revenue_without_audit",)),
    ("Disputes", MISSION_FAMILIES["disputes"], ("dispute_forum", "arbitration_without")),
    ("Antitrust", MISSION_FAMILIES["antitrust"], ("competition_restraint",)),
)


def _family_of(f: Flag) -> str | None:
    """The family a flag belongs to: by its code, or for a required type flagged missing or weak, by
    the type its message names."""
    for name, types, codes in FAMILIES:
        if f.code.startswith(codes):
            return name
        if f.code in ("missing_required", "weak_required") and any(f.message.startswith(_label(t) + " is required") for t in types):
            return name
    return None


def _glance(report: AgreementReport) -> list[tuple[str, list[CoverageItem], list[tuple[int, Flag]]]]:
    """Per family: its coverage items and its flags (with their place in the flag list)."""
    items = {i.type: i for i in report.coverage.items}
    flags = list(enumerate(_flags(report)))
    return [(name, [items[t] for t in types if t in items], [(n, f) for n, f in flags if _family_of(f) == name])
            for name, types, _ in FAMILIES]


def _tally(flags: list[tuple[int, Flag]]) -> str:
    counts = {s: sum(f.severity == s for _, f in flags) for s in _SEV_ORDER}
    return ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no flags"


def _anchor(cid: str) -> str:
    return f"clause-{re.sub(r'[^A-Za-z0-9_-]', '-', cid)}"


def _flag_only(report: AgreementReport, quoted: set[str]) -> list[str]:
    """Clauses the flags cite that no coverage item quotes, in document order."""
    order = {c.id: i for i, c in enumerate(report.clauses)}
    cited = {c for f in report.flags for c in f.clauses if c in order and c not in quoted}
    return sorted(cited, key=order.get)


def _type_score(c: Clause, t: str) -> TypeScore | None:
    return next((ts for ts in c.types if ts.type == t), None)


def _ordered_items(report: AgreementReport) -> list[CoverageItem]:
    """Required-but-missing first, then required, recommended, other present, other missing."""

    def key(i: CoverageItem):
        if i.required and i.status == "missing":
            rank = 0
        elif i.required:
            rank = 1 if i.status == "weak" else 2
        elif i.recommended:
            rank = 3 if i.status != "missing" else 4
        else:
            rank = 5 if i.status != "missing" else 6
        return rank, -i.score

    return sorted(report.coverage.items, key=key)


def _sections(report: AgreementReport, clauses: dict[str, Clause]):
    """What both renderers show, in order: required-but-missing items; each found type with its
    evidence clauses (and their label for the type); the names of absent, non-required types."""
    missing = [i for i in report.coverage.items if i.required and i.status == "missing"]
    found: list[tuple[CoverageItem, list[tuple[Clause, TypeScore | None]]]] = []
    absent: list[str] = []
    for i in _ordered_items(report):
        if i.status == "missing":
            if not i.required:
                absent.append(_label(i.type))
            continue
        found.append((i, [(clauses[c], _type_score(clauses[c], i.type)) for c in i.evidence if c in clauses]))
    return missing, found, absent


def _elsewhere_notes(report: AgreementReport) -> dict[str, str]:
    """Type → where a required type missing from a document that amends, or is governed by, another agreement
    may be ("it may be in the Supply Agreement (which this document amends)"), for the types whose
    missing_required flag was lowered to info for that reason. Built from the related agreements found again
    in the report's clauses (name and relation), never from a flag's wording."""
    if not any(f.code == "related_agreement" for f in report.flags):
        return {}
    size = max((c.end for c in report.clauses), default=0)
    chars = ["\n"] * size
    for c in sorted(report.clauses, key=lambda c: c.level):
        chars[c.start:c.start + len(c.text)] = c.text[: max(0, size - c.start)]
    doc = Document(name=report.source.name, sha256="0" * 64, media_type="text/plain", text="".join(chars))
    related = rests_on(related_agreements(AgreementStructure(clauses=report.clauses, title=report.title), doc))
    if not related:
        return {}
    out = {}
    for i in report.coverage.items:
        f = next((f for f in report.flags if f.code == "missing_required" and f.message.startswith(_label(i.type) + " is required")), None)
        if f is not None and f.severity == "info":
            out[i.type] = elsewhere_note(related, i.type)
    return out


def _elsewhere_line(notes: dict[str, str], types: list[str]) -> str:
    """One line under the list of missing types, each note said once: "Not in this document: Governing law —
    the law chosen in the Master Framework Agreement (which governs this document) applies; Termination,
    Confidentiality — it may be in the Non-Competition Agreement (which this document amends) …"."""
    by_note: dict[str, list[str]] = {}
    for t in types:
        if t in notes:
            by_note.setdefault(notes[t], []).append(_label(t))
    return "; ".join(f"{', '.join(labels)} — {note}" for note, labels in by_note.items())


_TERM_LABELS = {"governing_law": "Governing law", "effective_date": "Effective date", "expiry": "Ends", "initial_term": "Initial term",
                "renewal": "Renews for", "renewal_notice": "Notice to stop renewal", "arbitration_seat": "Seat of arbitration",
                "arbitration_rules": "Arbitration rules", "arbitrators": "Arbitrators", "arbitration_language": "Language of arbitration",
                "expiry_event": "Ends on", "court_forum": "Courts (forum)"}


def _key_terms(report: AgreementReport, clauses: dict[str, Clause]) -> list[tuple[str, str, str]]:
    """(label, value, where) for each key term: the value as the draft gives it, and its clause."""
    def value(t):
        if t.rule.endswith("start_plus_term"):
            return f"{t.value} (its start plus the initial term)"
        if t.rule.endswith("until_terminated"):
            return "no fixed end (runs until terminated)"
        return t.value

    return [(_TERM_LABELS.get(t.name, t.name), value(t), _where(clauses[t.clause], clauses) if t.clause in clauses else "")
            for t in report.key_terms]


def _flags(report: AgreementReport) -> list[Flag]:
    return sorted(report.flags, key=lambda f: _SEV_ORDER.get(f.severity, 3))


def _status(i: CoverageItem) -> str:
    need = "required" if i.required else "recommended" if i.recommended else "optional"
    return f"{i.status} · {need} · score {i.score:.2f}"


def _facts(report: AgreementReport, esc) -> list[str]:
    """Pages, clause count and date for the report's header line, escaped by ``esc``."""
    facts = [f"{report.source.pages} pages"] if report.source.pages else []
    facts.append(f"{len(report.clauses)} clauses")
    if report.date:
        facts.append(f"dated {esc(report.date)}")
    return facts


def _parties(report: AgreementReport, esc) -> str:
    """Each party with what the contract calls it afterwards: Acme Corp. (“Licensor”)."""
    return "; ".join(esc(p.name) + (f" (“{esc(p.alias or p.role)}”)" if p.alias or p.role else "") for p in report.parties)


def _groups(report: AgreementReport, esc) -> str:
    """Each group of parties with its members, by the names the contract uses for them: “Veoneer
    Parties”: Veoneer AB + Veoneer US (a name may hold a comma: "JVLS, LLC"); "" where the
    contract names no group."""
    members: dict[str, list[str]] = {}
    for p in report.parties:
        for g in p.groups:
            members.setdefault(g, []).append(p.alias or p.name)
    return "; ".join(f"“{esc(g)}”: " + " + ".join(esc(m) for m in ms) for g, ms in members.items())


# ---------------------------------------------------------------------------------- Markdown


def to_markdown(report: AgreementReport) -> str:
    clauses = {c.id: c for c in report.clauses}
    src = report.source
    title = report.title or src.name
    out = [f"# Agreement review: {_md(title)}", ""]
    out.append(" · ".join([f"**Source:** {_md(src.name)}"] + _facts(report, _md)) + "  ")
    if report.parties:
        out.append("**Parties:** " + _parties(report, _md) + "  ")
        if groups := _groups(report, _md):
            out.append("**Groups of parties:** " + groups + "  ")
    out.append(f"**Playbook:** {_md(report.coverage.playbook)}"
               + (f" — {_md(report.coverage.playbook_reason)}" if report.coverage.playbook_reason else ""))
    out.append("")
    if report.key_terms:
        out += ["## Key terms", "", "| term | value | where |", "|---|---|---|"]
        out += [f"| {label} | {_md(value)} | {_md(where)} |" for label, value, where in _key_terms(report, clauses)]
        out.append("")
    out += ["## At a glance: IP, money, disputes, antitrust", "", "| | clause types | flags |", "|---|---|---|"]
    for name, items, flags in _glance(report):
        out.append(f"| **{name}** | " + "; ".join(f"{_label(i.type)}: {i.status}" for i in items) + f" | {_tally(flags)} |")
    out.append("")
    missing, found, absent = _sections(report, clauses)
    quoted = {c.id for _, evidence in found for c, _ in evidence}
    out.append("## Flags")
    out.append("")
    if not report.flags:
        out.append("No flags.")
    for f in _flags(report):
        refs = ", ".join(f"[{_md(_where(clauses[c], clauses))}](#{_anchor(c)})" for c in f.clauses if c in clauses)
        out.append(f"- **{f.severity.upper()}** `{f.code}` — {_md(f.message)}" + (f" ({refs})" if refs else ""))
    out.append("")
    out.append("## Required but missing")
    out.append("")
    if not missing:
        out.append("Every type the playbook requires was found.")
    for i in missing:
        out.append(f"- **{_label(i.type)}** (`{i.type}`) — {_md(_definition(i.type))}")
    if elsewhere := _elsewhere_line(_elsewhere_notes(report), [i.type for i in missing]):
        out += ["", f"*Not in this document: {_md(elsewhere)}.*"]
    out.append("")
    out.append("## Coverage by clause type")
    out.append("")
    anchored: set[str] = set()
    for i, evidence in found:
        out.append(f"### {_label(i.type)} — {_status(i)}")
        out.append("")
        for c, ts in evidence:
            if c.id not in anchored:  # the first quote of a clause is where its flag citations lead
                anchored.add(c.id)
                out.append(f'<a id="{_anchor(c.id)}"></a>')
                out.append("")
            out.append(f"> {_md(_quote(c.text))}")
            out.append(">")
            out.append(f"> — *{_md(_where(c, clauses))}* (score {_md(_score(i, c, ts))}; {_md(_why_short(ts))})")
            out.append("")
    if absent:
        out.append("### Not found (not required)")
        out.append("")
        out.append(", ".join(absent))
        out.append("")
    if extra := _flag_only(report, quoted):
        out += ["## Other clauses the flags cite", ""]
        for cid in extra:
            out += [f'<a id="{_anchor(cid)}"></a>', "", f"> {_md(_quote(clauses[cid].text))}", ">",
                    f"> — *{_md(_where(clauses[cid], clauses))}*", ""]
    if report.warnings:
        out.append("## Warnings")
        out.append("")
        out.extend(f"- {_md(w)}" for w in report.warnings)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------------------------- HTML

_CSS = """
body{font:15px/1.5 Georgia,'Times New Roman',serif;color:#1d1d1f;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}.meta{color:#555;font-size:.9rem}
.flag{border-left:6px solid;padding:.4rem .8rem;margin:.5rem 0;background:#fafafa}
.flag.high{border-color:#b00020;background:#fdecee}.flag.warning{border-color:#c77700;background:#fff6e5}
.flag.info{border-color:#3b6ea5;background:#eef4fb}.sev{font:bold .75rem sans-serif;text-transform:uppercase}
code{font-size:.85em;background:#eee;padding:0 .2em}
.missing li{color:#b00020}.status{font:.8rem sans-serif;border-radius:3px;padding:.05rem .4rem;color:#fff}
.present{background:#2e7d32}.weak{background:#c77700}.absent{background:#b00020}
blockquote{margin:.4rem 0 .8rem;padding:.3rem .9rem;border-left:3px solid #999;background:#f6f6f6}
.cite{font:.8rem sans-serif;color:#555;margin-top:.3rem}.cite a{color:#1d4f91}
details.why{font:.75rem sans-serif;color:#777;margin-top:.2rem}details.why summary{cursor:pointer}
blockquote:target{outline:2px solid #1d4f91}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:left}
"""


def _e(s: str | None) -> str:
    return html.escape(s or "", quote=True)


def to_html(report: AgreementReport) -> str:
    clauses = {c.id: c for c in report.clauses}
    src = report.source
    title = report.title or src.name
    h = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
         f"<title>Agreement review: {_e(title)}</title>", f"<style>{_CSS}</style></head><body>",
         f"<h1>Agreement review: {_e(title)}</h1>"]
    h.append(f'<p class="meta">{" · ".join([f"Source: {_e(src.name)}"] + _facts(report, _e))}</p>')
    if report.parties:
        h.append('<p class="meta">Parties: ' + _parties(report, _e) + "</p>")
        if groups := _groups(report, _e):
            h.append('<p class="meta">Groups of parties: ' + groups + "</p>")
    h.append(f'<p class="meta">Playbook: <strong>{_e(report.coverage.playbook)}</strong>'
             + (f" — {_e(report.coverage.playbook_reason)}" if report.coverage.playbook_reason else "") + "</p>")
    if report.key_terms:
        h.append("<h2>Key terms</h2><table><tr><th>term</th><th>value</th><th>where</th></tr>" + "".join(
            f"<tr><td>{_e(label)}</td><td>{_e(value)}</td><td class=\"cite\">{_e(where)}</td></tr>"
            for label, value, where in _key_terms(report, clauses)) + "</table>")
    h.append("<h2>At a glance: IP, money, disputes, antitrust</h2><table><tr><th></th><th>clause types</th><th>flags</th></tr>")
    for name, items, flags in _glance(report):
        types = " ".join(f'{_e(_label(i.type))} <span class="status {"absent" if i.status == "missing" else i.status}">'
                         f"{_e(i.status)}</span>" for i in items)
        links = " ".join(f'<a href="#flag-{n}">{_e(f.severity)}</a>' for n, f in flags)
        h.append(f"<tr><th>{_e(name)}</th><td>{types}</td><td class=\"cite\">{_e(_tally(flags))}"
                 + (f" — {links}" if links else "") + "</td></tr>")
    h.append("</table>")
    missing, found, absent = _sections(report, clauses)
    quoted = {c.id for _, evidence in found for c, _ in evidence}
    h.append("<h2>Flags</h2>")
    if not report.flags:
        h.append("<p>No flags.</p>")
    for n, f in enumerate(_flags(report)):
        refs = ", ".join(f'<a href="#{_anchor(c)}">{_e(_where(clauses[c], clauses))}</a>' for c in f.clauses if c in clauses)
        h.append(f'<div class="flag {_e(f.severity)}" id="flag-{n}"><span class="sev">{_e(f.severity)}</span> '
                 f"<code>{_e(f.code)}</code> {_e(f.message)}"
                 + (f'<div class="cite">{refs}</div>' if refs else "") + "</div>")
    h.append("<h2>Required but missing</h2>")
    if not missing:
        h.append("<p>Every type the playbook requires was found.</p>")
    else:
        h.append('<ul class="missing">' + "".join(
            f"<li><strong>{_e(_label(i.type))}</strong> <code>{_e(i.type)}</code> — {_e(_definition(i.type))}</li>"
            for i in missing) + "</ul>")
        if elsewhere := _elsewhere_line(_elsewhere_notes(report), [i.type for i in missing]):
            h.append(f"<p class=\"elsewhere\"><em>Not in this document: {_e(elsewhere)}.</em></p>")
    h.append("<h2>Coverage by clause type</h2>")
    anchored: set[str] = set()
    for i, evidence in found:
        h.append(f'<h3>{_e(_label(i.type))} <span class="status {i.status}">{_e(_status(i))}</span></h3>')
        for c, ts in evidence:
            score = _score(i, c, ts)
            anchor = "" if c.id in anchored else f' id="{_anchor(c.id)}"'  # where the flags' citations lead
            anchored.add(c.id)
            why_ = f'<details class="why"><summary>why the classifier says so</summary>{_e(_why(ts))}</details>' if ts else ""
            h.append(f"<blockquote{anchor}>{_e(_quote(c.text))}<div class=\"cite\">{_e(_where(c, clauses))} · score {score}"
                     f"</div>{why_}</blockquote>")
    if absent:
        h.append("<h3>Not found (not required)</h3><p>" + _e(", ".join(absent)) + "</p>")
    if extra := _flag_only(report, quoted):
        h.append("<h2>Other clauses the flags cite</h2>")
        h.extend(f'<blockquote id="{_anchor(cid)}">{_e(_quote(clauses[cid].text))}'
                 f'<div class="cite">{_e(_where(clauses[cid], clauses))}</div></blockquote>' for cid in extra)
    if report.warnings:
        h.append("<h2>Warnings</h2><ul>" + "".join(f"<li>{_e(w)}</li>" for w in report.warnings) + "</ul>")
    h.append("</body></html>")
    return "\n".join(h) + "\n"
