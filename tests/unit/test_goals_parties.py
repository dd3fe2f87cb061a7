"""Parties of minutes and transcripts: speakers' organisations read from what they say, positions
of open disagreements as goals, and the warnings when there is too little to align (no model loaded)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from coaltext.goals import align_document, align_goals, sources
from coaltext.goals.sources import GoalSet, disagreement_positions, speaker_organisations
from coaltext.types import Attendee, Document, Explanation, Goal, Meeting, MinutesItem, MinutesReport, source_of


def _doc(text: str) -> Document:
    return Document(name="m.txt", sha256="0" * 64, media_type="text/plain", text=text)


def _said(*turns: tuple[str, str]) -> list[SimpleNamespace]:
    return [SimpleNamespace(speaker=who, text=text) for who, text in turns]


def test_parties_speakers_organisations_come_from_what_they_say():
    turns = _said(
        ("Maria Lopez", "Katrin, what is Halvorsen's priority for the first three years?"),
        ("Katrin Albers", "Our priority is a light cell."),
        ("Priya Raman", "For Kestrel, our priority is safety."),
        ("Tobias Brandt", "Can I add one point for Halvorsen? We also need more pilot cells."),
        ("Maria Lopez", "For the Institute, the goal is to publish."),
        ("Katrin Albers", "Yes, Halvorsen agrees."),
        ("Mark Chen", "I have a question for the Minister of Finance."),  # asking is no speaking for
    )
    found = speaker_organisations(turns, {p.speaker: None for p in turns})
    assert found == {"Katrin Albers": "Halvorsen", "Priya Raman": "Kestrel", "Tobias Brandt": "Halvorsen",
                     "Maria Lopez": "Institute"}
    # a short name is the organisation an attendee list gives in full; a known organisation stays
    known = {"Priya Raman": "Kestrel Drive Systems", "Katrin Albers": None, "Maria Lopez": None, "Tobias Brandt": None,
             "Mark Chen": None}
    found = speaker_organisations(turns, known)
    assert "Priya Raman" not in found and found["Katrin Albers"] == "Halvorsen"


def test_parties_a_chair_who_reports_positions_speaks_for_no_one():
    turns = _said(
        ("Ann Lee", "For Acme, our aim is growth."),
        ("Chair", "Acme wants a bigger share. Acme needs a board seat. Acme would like Beta to pay."),
        ("Chair", "So Acme agrees, and Beta objects?"),  # a question: no vote
        ("Chair", "Acme agrees."),  # one vote of a side's own stance is not enough on its own
        ("Rosa Diaz", "We at Beta want to keep the split."),
    )
    assert speaker_organisations(turns, {}) == {"Ann Lee": "Acme", "Rosa Diaz": "Beta"}


def _report(items, attendees):
    return MinutesReport(source=source_of(_doc("x")), meeting=Meeting(attendees=attendees), items=items)


def _item(text_all: str, kind: str, text: str, speaker: str | None = None, party: str | None = None, rule: str = "cue"):
    at = text_all.index(text)
    return MinutesItem(id=f"{kind}-{at}", kind=kind, text=text, speaker=speaker, party=party, start=at, end=at + len(text),
                       explanation=[Explanation(method="pattern", rule=rule)])


def test_parties_two_people_of_one_organisation_are_one_party(monkeypatch):
    lines = [
        ("Maria Lopez", "Katrin, what is Halvorsen's priority?"),
        ("Katrin Albers", "Our priority is to reach 400 Wh/kg within three years."),
        ("Tobias Brandt", "Can I add one point for Halvorsen? We need the Institute to increase pilot cell output."),
        ("Maria Lopez", "For the Institute, the goal is to reduce pilot cell output."),
        ("Mark Chen", "Our goal is a clean competition record."),
    ]
    text = "\n".join(f"{who}: {said}" for who, said in lines)
    goals = [1, 2, 3, 4]
    items = [_item(text, "goal", lines[i][1], lines[i][0], lines[i][0]) for i in goals]
    attendees = [Attendee(name=who) for who in dict.fromkeys(w for w, _ in lines)]
    import coaltext.structure.minutes as minutes

    monkeypatch.setattr(minutes, "extract_minutes", lambda doc: _report(items, attendees))
    found = sources.goals_from_minutes(_doc(text))
    assert [g.party for g in found.goals] == ["Halvorsen", "Halvorsen", "Institute", "Mark Chen"]
    assert any("Katrin Albers, Tobias Brandt → Halvorsen" in w for w in found.warnings)
    assert any(w.startswith("no organisation known for Mark Chen") for w in found.warnings)


def test_parties_written_open_issues_give_each_sides_position():
    orgs = {"Tom Berg": "Southgate Foundation", "Ada Obi": "Northwind Health", "Maria Lopez": "Northgate Institute"}
    parties = [(o, sources.party_aliases(o)) for o in dict.fromkeys(orgs.values())]

    def sides(text):
        item = MinutesItem(id="dis-1", kind="disagreement", text=text, start=100, end=100 + len(text))
        return [(p, t, text[a - 100 : b - 100]) for p, t, a, b in disagreement_positions(item, parties, orgs, None)]

    assert sides("Revenue split: 70/30 (Southgate) versus 50/50 (Institute).") == [
        ("Southgate Foundation", "Revenue split: 70/30", "70/30 (Southgate)"),
        ("Northgate Institute", "Revenue split: 50/50", "50/50 (Institute)"),
    ]
    assert sides("Data: Southgate objects to sharing raw data; Northwind insists on full access.") == [
        ("Southgate Foundation", "Data: Southgate objects to sharing raw data", "Southgate objects to sharing raw data"),
        ("Northwind Health", "Data: Northwind insists on full access", "Northwind insists on full access"),
    ]
    assert sides("Budget: Tom Berg wants to cut travel, while Dr. Obi wants to increase it.") == [
        ("Southgate Foundation", "Budget: Tom Berg wants to cut travel", "Tom Berg wants to cut travel"),
        ("Northwind Health", "Budget: Dr. Obi wants to increase it", "Dr. Obi wants to increase it"),
    ]
    assert sides("Publication timing is still open.") == []  # no side names its party


def test_parties_a_spoken_disagreement_is_the_speakers_position():
    said = "I don't think that's realistic. We would rather begin vehicle tests after June 2029."
    item = MinutesItem(id="dis-1", kind="disagreement", text=said, speaker="Priya", start=10, end=10 + len(said))
    ((party, text, a, b),) = disagreement_positions(item, [], {"Priya": "Kestrel"}, "Kestrel")
    assert (party, text) == ("Kestrel", "We would rather begin vehicle tests after June 2029.")
    assert said[a - 10 : b - 10] == text
    assert disagreement_positions(item, [], {"Priya": None}, None) == []  # no organisation: no party's position
    no_side = MinutesItem(id="dis-2", kind="disagreement", text="I don't think that's realistic.", speaker="Priya", start=0, end=31)
    assert disagreement_positions(no_side, [], {"Priya": "Kestrel"}, "Kestrel") == []


def test_parties_open_disagreements_feed_the_goals_once(monkeypatch):
    text = ("Katrin Albers: We would like vehicle testing to start before the end of 2028.\n"
            "Priya Raman: For Kestrel, our priority is safety. I don't think 2028 is realistic. We would rather begin after June 2029.\n"
            "Maria Lopez: Then we do not have an agreement on the date today.\n"
            "Priya Raman: We cannot accept exclusivity for anyone.")
    items = [
        _item(text, "goal", "We would like vehicle testing to start before the end of 2028.", "Katrin Albers", "Katrin Albers"),
        _item(text, "disagreement", "I don't think 2028 is realistic. We would rather begin after June 2029.", "Priya Raman", "Kestrel"),
        _item(text, "disagreement", "Then we do not have an agreement on the date today.", "Maria Lopez", rule="open_issue"),
        _item(text, "goal", "We cannot accept exclusivity for anyone.", "Priya Raman", "Kestrel"),
        _item(text, "disagreement", "We cannot accept exclusivity for anyone.", "Priya Raman", "Kestrel"),  # also a goal
    ]
    attendees = [Attendee(name="Katrin Albers"), Attendee(name="Priya Raman", organization="Kestrel"), Attendee(name="Maria Lopez")]
    import coaltext.structure.minutes as minutes

    monkeypatch.setattr(minutes, "extract_minutes", lambda doc: _report(items, attendees))
    goals = sources.goals_from_minutes(_doc(text)).goals
    assert [(g.party, g.text) for g in goals] == [
        ("Katrin Albers", "We would like vehicle testing to start before the end of 2028."),
        ("Kestrel", "We cannot accept exclusivity for anyone."),
        ("Kestrel", "We would rather begin after June 2029."),
    ]
    assert [g.id for g in goals] == ["g1", "g2", "g3"]
    assert text[goals[2].start : goals[2].end] == goals[2].text


@pytest.fixture
def fake_embedder():
    from tests.conftest import FakeEmbedder

    return FakeEmbedder()


def test_parties_the_report_says_when_there_is_too_little_to_align(fake_embedder):
    apart = GoalSet(goals=[Goal(id="g1", party="Acme", text="Open a plant in Ohio"),
                           Goal(id="g2", party="Beta", text="Train six doctoral students")])
    warnings = align_goals(apart, _doc("x"), embedder=fake_embedder).warnings
    assert any("no goal is shared or in conflict between parties (2 goals of 2 parties)" in w for w in warnings)
    assert any("Acme, Beta state one goal only" in w for w in warnings)
    alone = GoalSet(goals=[Goal(id="g1", party="Acme", text="Open a plant in Ohio")])
    assert any(w.startswith("only one party states goals (Acme)") for w in align_goals(alone, _doc("x"), embedder=fake_embedder).warnings)
    shared = '{"parties": {"Acme": ["Open a plant in Ohio"], "Beta": ["Open a plant in Ohio"]}}'
    report = align_document(Document(name="g.json", sha256="0" * 64, media_type="application/json", text=shared), embedder=fake_embedder)
    assert not any("too little to align" in w for w in report.warnings)


def test_parties_each_warning_is_its_own_paragraph_in_markdown(fake_embedder):
    from coaltext.report import render

    alone = GoalSet(goals=[Goal(id="g1", party="Acme", text="Open a plant in Ohio")], warnings=["first warning"])
    md = render(align_goals(alone, _doc("x"), embedder=fake_embedder), "md")
    assert "> first warning\n\n> only one party states goals (Acme)" in md
