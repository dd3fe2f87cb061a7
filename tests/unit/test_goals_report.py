"""Alignment report rendering: Markdown sections and self-contained HTML with inline SVG."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from coaltext.goals import align_document
from coaltext.report.alignment import clusters_svg, matrix_svg, to_html, to_markdown
from coaltext.types import Document, DraftGap

HOSTILE = '<script>alert("x")</script> & Co'


def _report(fake_embedder):
    obj = {
        "parties": {
            HOSTILE: ["Increase coal output at the mine", "Publish all results <b>openly</b>"],
            "Beta": ["Reduce coal output at the mine", "Publish all results openly"],
            "Gamma": ["Open a visitor centre"],
        }
    }
    doc = Document(name="goals<1>.json", sha256="0" * 64, media_type="application/json", text=json.dumps(obj))
    report = align_document(doc, embedder=fake_embedder)
    report.draft = [DraftGap(item="g1", text="Increase coal output", status="uncovered", clauses=["c3"], similarity=0.2)]
    return report


def test_report_html_is_self_contained_and_escaped(fake_embedder):
    html = to_html(_report(fake_embedder))
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html and "<img" not in html and "<link" not in html
    assert html.count("<svg") == 2
    assert "Not covered by any clause (1)" in html


def test_report_svgs_are_well_formed_xml(fake_embedder):
    report = _report(fake_embedder)
    for svg in (matrix_svg(report), clusters_svg(report)):
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg")
    matrix = ET.fromstring(matrix_svg(report))
    ns = "{http://www.w3.org/2000/svg}"
    cells = [t for t in matrix.iter(f"{ns}title") if "alignment" in (t.text or "")]
    assert len(cells) == 6  # 3 parties: every off-diagonal cell has a tooltip


def test_report_markdown_lists_conflicts_pairs_and_unmatched(fake_embedder):
    md = to_markdown(_report(fake_embedder))
    assert "## Alignment per pair of parties" in md
    assert "## Conflicts (" in md and "Reduce coal output" in md
    assert "## Held by one party only" in md and "visitor centre" in md
    assert "\\<script\\>" in md  # markup is escaped
    assert "## Minutes against the draft" in md


def test_report_matrix_absent_for_one_party(fake_embedder):
    doc = Document(name="g.json", sha256="0" * 64, media_type="application/json", text='{"parties": {"A": ["x goal"]}}')
    report = align_document(doc, embedder=fake_embedder)
    assert matrix_svg(report) == ""
    assert "nothing to compare" in to_html(report)


def test_report_all_parties_is_not_listed_as_a_party(fake_embedder):
    """Goals of "All parties" (a recital or remark no one party states) are no partner's: the header
    lists the partners and counts those goals apart."""
    from coaltext.goals import align_goals
    from coaltext.goals.sources import ALL_PARTIES, GoalSet
    from coaltext.types import Goal

    goals = [Goal(id="g1", party=ALL_PARTIES, text="Keep your microphone on mute"), Goal(id="g2", party="CPC", text="Cut taxes"),
             Goal(id="g3", party="NDP", text="Raise taxes")]
    doc = Document(name="m.txt", sha256="0" * 64, media_type="text/plain", text="x")
    report = align_goals(GoalSet(goals=goals), doc, embedder=fake_embedder)
    md = to_markdown(report)
    assert "- **Parties:** CPC, NDP (and 1 goal of no one party: All parties)" in md
    assert "2 parties: CPC, NDP (and 1 goal of no one party: All parties)" in to_html(report)
    assert report.parties == ["CPC", "NDP"]  # the JSON lists the same partners as the Markdown and HTML
    assert "All parties" in clusters_svg(report) or not report.clusters  # its goals are still drawn, in a colour of their own


def test_report_a_recital_stated_jointly_is_one_goal_and_no_match(fake_embedder):
    """ "PDMS and Gateway desire…" is one goal of each (same words, same span): the header counts it
    once and says so, and its copies are not listed as a shared goal of the two."""
    from coaltext.goals import align_goals
    from coaltext.goals.sources import GoalSet
    from coaltext.types import Goal, GoalMatch

    joint = "PDMS and Gateway desire to become business associates of Kallo in Nigeria"
    goals = [Goal(id="g1", party="Kallo", text="Kallo develops the Mobile Care suite", start=0, end=36),
             Goal(id="g2", party="PDMS", text=joint, start=40, end=113), Goal(id="g3", party="Gateway", text=joint, start=40, end=113)]
    doc = Document(name="kallo.txt", sha256="0" * 64, media_type="text/plain", text="x" * 120)
    report = align_goals(GoalSet(goals=goals), doc, embedder=fake_embedder)
    report.matches = [GoalMatch(a="g2", b="g3", similarity=1.0, relation="shared", reason="same goal")]
    md = to_markdown(report)
    assert "- **Goals:** 2; matches: 0;" in md
    assert "g2, g3: one recital stated jointly by PDMS, Gateway, counted once" in md
    assert "## Shared goals (0)" in md
    html = to_html(report)
    assert "goals: 2; matches: 0;" in html and "Shared goals (0)" in html


def test_report_says_what_held_by_one_party_only_means_and_names_related_goals():
    """A goal listed under "Related goals" was listed again under "Held by one party only" with no
    word on why (steering committee minutes: g3 and g4). ``unmatched`` keeps its meaning — no other
    party shares or opposes the goal — and the report now says so and names the related goal."""
    from coaltext.types import AlignmentReport, Goal, GoalMatch, Source

    goals = [
        Goal(id="g1", party="Acme", text="Publish results on electrolyte stability"),
        Goal(id="g2", party="Beta", text="Obtain an exclusive licence to the electrolyte patents"),
        Goal(id="g3", party="Beta", text="Open a visitor centre"),
    ]
    report = AlignmentReport(
        source=Source(name="m.md", sha256="0" * 64, media_type="text/markdown", chars=10),
        parties=["Acme", "Beta"], goals=goals, unmatched=["g1", "g2", "g3"],
        matches=[GoalMatch(a="g1", b="g2", similarity=0.63, relation="related", reason="same topic")],
    )
    md = to_markdown(report)
    alone = md[md.index("## Held by one party only") : md.index("## Goal clusters")]
    assert alone.startswith("## Held by one party only: no other party shares or opposes it (3)")
    assert "related to another party's goal" in alone
    assert "(g1, goal list); related: g2 (Beta)" in alone and "(g2, goal list); related: g1 (Acme)" in alone
    assert "visitor centre (g3, goal list)\n" in alone  # no related goal: nothing named
    assert "held by one party only (no other party shares or opposes it): 3, 2 of them related" in md
    html = to_html(report)
    assert "Held by one party only: no other party shares or opposes it (3)" in html
    assert "related: g2 (Beta)" in html
