"""Goals from JSON/YAML goal lists, minutes and agreement recitals (no model loaded)."""

from __future__ import annotations

import json

import pytest

from coaltext.errors import InvalidDocument
from coaltext.goals import align_document, sources
from coaltext.goals.sources import ALL_PARTIES, attribute_party, extract_goals, goals_from_clauses
from coaltext.types import Attendee, Clause, Document, Meeting, MinutesItem, MinutesReport, source_of


def _doc(text: str, media_type: str = "text/plain", name: str = "goals") -> Document:
    return Document(name=name, sha256="0" * 64, media_type=media_type, text=text)


def test_sources_json_goals_with_offsets():
    text = json.dumps({"parties": {"Acme": ["Expand into Asia", "Cut costs"], "Beta": ["Grow in Asia"]}})
    found = extract_goals(_doc(text, "application/json"))
    assert [(g.id, g.party, g.text) for g in found.goals] == [
        ("g1", "Acme", "Expand into Asia"),
        ("g2", "Acme", "Cut costs"),
        ("g3", "Beta", "Grow in Asia"),
    ]
    for g in found.goals:
        assert text[g.start : g.end] == g.text


def test_sources_yaml_goals_and_list_form():
    text = "parties:\n  Acme:\n    - Expand into Asia\n  Beta:\n    - Grow in Asia\n"
    found = extract_goals(_doc(text, "application/yaml"))
    assert [g.party for g in found.goals] == ["Acme", "Beta"]
    assert text[found.goals[1].start : found.goals[1].end] == "Grow in Asia"
    listed = json.dumps({"parties": [{"name": "Acme", "goals": ["A goal"]}, {"name": "Beta", "goals": ["B goal"]}]})
    assert [g.party for g in extract_goals(_doc(listed)).goals] == ["Acme", "Beta"]



@pytest.mark.parametrize(
    ("text", "media", "written"),
    [
        # a goal equal to a key, or to a word inside a key, points at its own string
        ('{"parties": {"Acme": ["Acme"], "Beta": ["parties"]}}', "application/json", ["Acme", "parties"]),
        ('{"parties": {"Acme": ["a"], "Beta": ["e"]}}', "application/json", ["a", "e"]),
        # escapes: the span is the JSON string as written, inside its quotes
        ('{"parties": {"A": ["Gr\\u00f6\\u00dfer werden", "Say \\"no\\""], "B": ["Share  test   results", " Cut costs "]}}',
         "application/json", ["Gr\\u00f6\\u00dfer werden", 'Say \\"no\\"', "Share  test   results", "Cut costs"]),
        ('{"parties": [{"name": "Acme", "goals": [{"text": "Acme"}, "goals"]}, {"name": "B", "goals": "name"}]}',
         "application/json", ["Acme", "goals", "name"]),
        ("parties:\n  Acme:\n    - Acme\n    - \"Say \\\"no\\\"\"\n  Beta: [parties, 'it''s']\n", "application/yaml",
         ["Acme", 'Say \\"no\\"', "parties", "it''s"]),
    ],
)
def test_sources_structured_goal_offsets_point_at_the_goal_string(text, media, written):
    found = extract_goals(_doc(text, media))
    assert [text[g.start : g.end] for g in found.goals] == written
    for g in found.goals:
        assert text[g.start - 1] in "\"' [," and text[g.end] in "\"' ],\n"
        assert not text[g.end :].lstrip("\"' ").startswith(":")  # a value, not a key


@pytest.mark.parametrize(
    ("text", "media", "message"),
    [
        ("{not json", "application/json", "not valid JSON"),
        ('["a", "b"]', "application/json", '"parties"'),
        ('{"parties": 3}', "application/json", "must map"),
        ('{"parties": {"Acme": [1, 2]}}', "application/json", "not a string"),
        ('{"parties": {"Acme": "x", "": ["y"]}}', "application/json", "party name"),
        ('{"parties": {}}', "application/json", "no parties"),
        ('{"parties": {"Acme": ["", "  "]}}', "application/json", "no goals"),
        ("parties: [unclosed", "application/yaml", "not valid YAML"),
        ("just a sentence", "application/yaml", '"parties"'),
        ('{"parties": {"Acme": ["' + "x" * 3000 + '"]}}', "application/json", "longer than"),
        (json.dumps({"parties": {"Acme": ["g"] * 201}}), "application/json", "at most"),
        (json.dumps({"parties": {f"P{i}": ["g"] for i in range(51)}}), "application/json", "parties; at most"),
        ("[" * 100_000 + "]" * 100_000, "application/json", "nested too deeply"),
        ("parties: !!python/object/apply:os.system ['echo hi']", "application/yaml", "not valid YAML"),
        ("parties:\n  Acme: {a: b}\n", "application/yaml", "must be a list"),
    ],
)
def test_sources_malformed_goal_lists_raise_invalid_document(text, media, message):
    with pytest.raises(InvalidDocument) as err:
        extract_goals(_doc(text, media))
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_sources_yaml_alias_bomb_is_capped():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "parties:\n  Acme: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    with pytest.raises(InvalidDocument):
        extract_goals(_doc(bomb, "application/yaml"))


def test_sources_transcript_json_goes_to_minutes(monkeypatch):
    """Ingest renders a JSON transcript as "Speaker: text" lines; that is minutes, not a goal list."""
    doc = _doc("Ann: We want to expand into Asia.\nBo: We prefer Europe.\n", "application/json")
    report = MinutesReport(
        source=source_of(doc),
        meeting=Meeting(attendees=[Attendee(name="Ann", organization="Acme Inc."), Attendee(name="Bo", organization="Beta")]),
        items=[
            MinutesItem(id="goal-1", kind="goal", text="We want to expand into Asia.", speaker="Ann", start=5, end=33),
            MinutesItem(id="goal-2", kind="goal", text="We prefer Europe.", speaker="Bo", start=38, end=55),
            MinutesItem(id="dec-1", kind="decision", text="Launch in 2026.", start=0, end=1),
        ],
    )
    import coaltext.structure.minutes as minutes_mod

    monkeypatch.setattr(minutes_mod, "extract_minutes", lambda d, limits=None: report)
    found = extract_goals(doc)
    assert found.origin == "minutes"
    assert [(g.party, g.start, g.end) for g in found.goals] == [("Acme Inc.", 5, 33), ("Beta", 38, 55)]
    assert [d.id for d in found.decisions] == ["dec-1"]


def test_sources_attribute_party_from_party_speaker_or_named_organisation():
    orgs = {"Ann": "Northgate Institute", "Bo": "Kestrel Drive Systems"}
    assert attribute_party("x", "Kestrel", None, orgs) == "Kestrel Drive Systems"
    assert attribute_party("x", None, "Ann", orgs) == "Northgate Institute"
    assert attribute_party("The Institute wants results; Kestrel agrees", None, None, orgs) == "Northgate Institute"
    assert attribute_party("Everyone wants results", None, None, orgs) == ALL_PARTIES


def test_sources_recitals_and_purpose_clauses_become_goals():
    text = (
        "RECITALS\n(A) WHEREAS Acme wishes to expand its battery business in Asia.\n"
        "(B) WHEREAS the Parties wish to develop solid-state cells together.\n"
        "1. Purpose\nThe purpose of this Agreement is to reduce cell cost below $90 per kWh.\n"
        "2. Payment\nBeta shall pay invoices within 30 days.\n"
    )
    spans = [
        ("c1", "recital", None, "(A) WHEREAS Acme wishes to expand its battery business in Asia."),
        ("c2", "recital", None, "(B) WHEREAS the Parties wish to develop solid-state cells together."),
        ("c3", "section", "Purpose", "1. Purpose\nThe purpose of this Agreement is to reduce cell cost below $90 per kWh."),
        ("c4", "section", "Payment", "2. Payment\nBeta shall pay invoices within 30 days."),
    ]
    clauses = []
    for cid, kind, heading, body in spans:
        start = text.index(body)
        clauses.append(
            Clause(id=cid, kind=kind, heading=heading, level=1, start=start, end=start + len(body), text=body)
        )
    goals = goals_from_clauses(clauses, [("Acme Corp", ["Acme Corp", "Acme"]), ("Beta Ltd", ["Beta Ltd", "Beta"])])
    assert [g.party for g in goals] == ["Acme Corp", ALL_PARTIES, ALL_PARTIES]
    assert goals[0].text == "Acme wishes to expand its battery business in Asia."
    assert text[goals[0].start : goals[0].end].strip() == goals[0].text
    assert "reduce cell cost" in goals[2].text
    assert sources.looks_like_agreement(_doc("WHEREAS x.\nNOW, THEREFORE the parties agree"))


@pytest.mark.parametrize(
    ("text", "media", "named"),
    [
        ('{"parties": {"A": ["Share lab data"], "A": ["Cut costs"], "B": ["Cut costs"]}}', "application/json", "'A'"),
        ('{"parties": {"A": ["Cut costs"], "A ": ["Raise prices"]}}', "application/json", "'A '"),
        ('{"parties": {"Acme": ["Cut costs"], "ACME": ["Raise prices"]}}', "application/json", "'ACME'"),
        ("parties:\n  A: [Share lab data]\n  A: [Cut costs]\n  B: [Cut costs]\n", "application/yaml", "'A'"),
        ("parties:\n  1: [Cut costs]\n  '1': [Raise prices]\n", "application/yaml", "'1'"),
    ],
)
def test_sources_a_party_given_twice_is_refused_not_merged(text, media, named):
    with pytest.raises(InvalidDocument) as err:
        extract_goals(_doc(text, media))
    assert "twice" in str(err.value) and named in str(err.value)


def _recital_parties():
    return [("IMPCO Technologies Inc.", ["IMPCO Technologies Inc.", "IMPCO"]), ("MINDA INDUSTRIES LIMITED", ["MINDA INDUSTRIES LIMITED", "MIL"]),
            ("Mr. S.L.", ["MINDA"])]


def test_sources_recital_goes_to_the_party_that_is_its_subject():
    parties = _recital_parties()
    said = "MIL/MINDA will contribute to the JVC in cash and subject to IMPCO's consent in kind"
    assert sources._party_named(said, parties) == ["MINDA INDUSTRIES LIMITED"]
    assert sources._party_named("MIL represents that it can sell the products of MINDA IMPCO Limited", parties) == ["MINDA INDUSTRIES LIMITED"]
    assert sources._party_named("IMPCO and MIL/MINDA have entered into a joint venture", parties) == [ALL_PARTIES]
    assert sources._party_named("the Parties hereto have agreed to incorporate a company", parties) == [ALL_PARTIES]


def test_sources_all_parties_is_never_scored_as_a_partner(fake_embedder):
    from coaltext.goals import align_goals
    from coaltext.goals.sources import GoalSet
    from coaltext.types import Goal

    goals = [Goal(id="g1", party="Acme", text="Build a plant in Ohio"), Goal(id="g2", party=ALL_PARTIES, text="Build a plant in Ohio"),
             Goal(id="g3", party="Beta", text="Sell cars in Japan")]
    report = align_goals(GoalSet(goals=goals), _doc("x"), embedder=fake_embedder)
    assert [(p.a, p.b) for p in report.pairs] == [("Acme", "Beta")]


def _minutes(items, attendees):
    return MinutesReport(source=source_of(_doc("x")), meeting=Meeting(attendees=attendees), items=items)


def test_sources_organisation_named_as_subject_wins_over_the_facilitator():
    orgs = {"Maria Lopez": "Northwind Health", "Tom Berg": "Southgate Foundation", "Ada Obi": None}
    text = "Southgate wants to publish all results openly."
    assert attribute_party(text, "Ada Obi", "Ada Obi", orgs) == "Southgate Foundation"
    assert attribute_party("We want to keep the split at 50/50.", "Southgate Foundation", "Tom Berg", orgs) == "Southgate Foundation"
    assert attribute_party("The budget is for Northwind and Southgate.", None, "Ada Obi", orgs) == "Northwind Health"


def test_sources_a_speaker_label_left_in_a_goal_gives_its_party(monkeypatch):
    text = "Tom (Southgate): We want to keep the funding split at 50/50."
    item = MinutesItem(id="g1", kind="goal", text=text, start=0, end=len(text))
    import coaltext.structure.minutes as minutes

    monkeypatch.setattr(minutes, "extract_minutes", lambda doc, limits=None: _minutes([item], []))
    (goal,) = sources.goals_from_minutes(_doc(text)).goals
    assert goal.party == "Southgate" and goal.text == "We want to keep the funding split at 50/50."
    assert text[goal.start : goal.end] == goal.text


def test_sources_goals_not_in_english_are_warned_about(fake_embedder):
    obj = {"parties": {"Stadtwerke": ["Den Anteil erneuerbarer Energien auf 70 % erhöhen", "Die Kosten für Netzausbau senken"],
                       "Régie": ["Augmenter la part des énergies renouvelables à 70 %", "Réduire les coûts d'extension du réseau"],
                       "Utility": ["Raise the share of renewable energy to 70%", "Cut grid expansion costs"]}}
    report = align_document(_doc(json.dumps(obj), "application/json"), embedder=fake_embedder)
    assert any("4 of 6 goals do not look English" in w for w in report.warnings)
    english = {"parties": {"A": ["Cut grid expansion costs", "increase marketing budget"], "B": ["Raise the share of renewables to 70%"]}}
    assert not any("English" in w for w in align_document(_doc(json.dumps(english), "application/json"), embedder=fake_embedder).warnings)
    assert sources.not_english(["Wir wollen den Anteil am Programm auf 70 % erhöhen."]) == 1


def test_sources_noise_tags_are_not_embedded(fake_embedder):
    from coaltext.goals import align_goals
    from coaltext.goals.sources import GoalSet
    from coaltext.types import Goal

    seen: list[str] = []

    class Recording:
        def encode(self, texts, batch_size: int = 64):
            seen.extend([texts] if isinstance(texts, str) else texts)
            return fake_embedder.encode(texts)

    goals = [Goal(id="g1", party="P1", text="Uh, so I have to talk to <unintelligible/> <laugh/>."),
             Goal(id="g2", party="P2", text="See, we need to <unintelligible/> feature.")]
    report = align_goals(GoalSet(goals=goals), _doc("x"), embedder=Recording())
    assert seen and not any("<" in t or "unintelligible" in t for t in seen)
    assert report.goals[0].text.endswith("<laugh/>.")  # the goal's text keeps what the transcript says


def test_sources_a_topic_label_is_no_party_and_a_legal_form_is_the_listed_organisation(monkeypatch):
    lines = ["Priority (high): we want to publish all test results openly.",
             "Tom (MIL Ltd): We want to keep the split at 50/50.",
             "Budget (revised): the partners want to spend 2 million on training."]
    text = "\n".join(lines)
    items = [MinutesItem(id=f"g{i}", kind="goal", text=t, start=text.index(t), end=text.index(t) + len(t))
             for i, t in enumerate(lines)]
    attendees = [Attendee(name="Pearl Kamdar", organization="IMPCO"), Attendee(name="Nirmal Minda", organization="MIL")]
    import coaltext.structure.minutes as minutes

    monkeypatch.setattr(minutes, "extract_minutes", lambda doc, limits=None: _minutes(items, attendees))
    goals = sources.goals_from_minutes(_doc(text)).goals
    assert [g.party for g in goals] == [ALL_PARTIES, "MIL", ALL_PARTIES]
    assert goals[1].text == "We want to keep the split at 50/50." and text[goals[1].start : goals[1].end] == goals[1].text
    assert goals[0].text == lines[0]


def test_sources_an_ordinary_first_word_of_an_organisation_is_no_mention_of_it():
    orgs = {"Maria Lopez": "General Robotics", "Tom Berg": "United Freight", "Ada Obi": None}
    said = "General terms of the contract should stay simple, we want a one-page agreement."
    assert attribute_party(said, "United Freight", "Tom Berg", orgs) == "United Freight"
    assert attribute_party("United action on pricing is what we want.", "General Robotics", "Maria Lopez", orgs) == "General Robotics"
    assert attribute_party("General terms should stay simple.", None, None, orgs) == ALL_PARTIES
    # a distinctive word and the full name still name the organisation
    assert attribute_party("Robotics wants two warehouses automated.", None, "Ada Obi", orgs) == "General Robotics"
    assert attribute_party("United Freight wants a single price list.", "General Robotics", "Maria Lopez", orgs) == "United Freight"


def test_sources_a_phrase_in_commas_after_the_subject_is_an_apposition_not_a_second_party():
    parties = [("Acme Industries Inc.", ["Acme Industries Inc.", "Acme"]), ("Beta Technologies GmbH", ["Beta Technologies GmbH", "Beta"])]
    beta = "Beta Technologies GmbH"
    assert sources._party_named("Beta, Acme's long-standing supplier, wishes to expand its sales in North America;", parties) == [beta]
    assert sources._party_named("Beta, a German company, wishes to expand its sales;", parties) == [beta]
    assert sources._party_named("Acme's subsidiary Beta wishes to be the sole distributor;", parties) == [beta]
    assert sources._party_named("Acme's goal is to sell buses in Ohio;", parties) == ["Acme Industries Inc."]
    # joint statements stay joint
    for joint in ("Acme and Beta wish to form a company;", "Acme, Beta and their affiliates wish to cut costs;",
                  "Acme, together with Beta, wishes to build a plant in Ohio;"):
        assert sources._party_named(joint, parties) == [ALL_PARTIES]


def test_sources_a_line_with_two_parties_positions_gives_a_goal_for_each(monkeypatch):
    said = [("Acme Corp", "Beta Labs wants a bigger share of royalties, we want to keep royalties at 5%."),
            ("Acme Corp", "We want exclusive rights in Europe, and we want a seat on the board."),
            ("Beta Labs", "Acme wants exclusivity; our priority is an open licence.")]
    text = "\n".join(f"{who}: {line}" for who, line in said)
    items = []
    for i, (who, line) in enumerate(said):
        at = text.index(line)
        items.append(MinutesItem(id=f"goal-{i}", kind="goal", text=line, speaker=who, party=who, start=at, end=at + len(line)))
    attendees = [Attendee(name="Acme Corp", organization="Acme Corp"), Attendee(name="Beta Labs", organization="Beta Labs")]
    import coaltext.structure.minutes as minutes

    monkeypatch.setattr(minutes, "extract_minutes", lambda doc, limits=None: _minutes(items, attendees))
    goals = sources.goals_from_minutes(_doc(text)).goals
    assert [(g.party, g.text) for g in goals] == [
        ("Beta Labs", "Beta Labs wants a bigger share of royalties"),
        ("Acme Corp", "we want to keep royalties at 5%."),
        ("Acme Corp", "We want exclusive rights in Europe, and we want a seat on the board."),  # one party: one goal
        ("Acme Corp", "Acme wants exclusivity"),
        ("Beta Labs", "our priority is an open licence."),
    ]
    assert [g.id for g in goals] == ["g1", "g2", "g3", "g4", "g5"]
    for g in goals:
        assert text[g.start : g.end] == g.text


# ------------------------------------------------------------------------------- multi-party agreements

_EDGAR = "Source: ACME HOLDINGS INC, 20-F, 5/1/2006\n\n"


def test_sources_an_agreement_without_recitals_is_never_read_as_minutes():
    """An EDGAR "Source: …" line is no speaker: an agreement with no recital says it has no goals
    instead of making a party "Source" of its operative clauses."""
    text = (
        _EDGAR + "SUPPLY AGREEMENT\n\nThis Supply Agreement is made by and between Acme Holdings Inc. (\"Acme\") "
        "and Beta Labs LLC (\"Beta\").\n\n1. Supply. Acme shall supply the Products to Beta hereunder.\n\n"
        "2. Payment. Beta shall pay each invoice within 30 days.\n\n3. Term. This Agreement ends in 2030.\n"
    )
    found = extract_goals(_doc(text, name="supply.txt"))
    assert found.origin == "agreement"
    assert found.goals == []
    assert found.warnings == [sources.NO_RECITAL_GOALS]
    assert sources.looks_like_agreement(_doc("the parties hereto agree; the terms hereunder apply"))
    assert not sources.looks_like_agreement(_doc("Ann: Whereas we want Asia, whereas Beta wants Europe.\nBo: Agreed."))
    # a filed exhibit in UK style ("the terms of this agreement") is still an agreement: EDGAR's line says so
    uk = "Distributorship agreement\n\n" + _EDGAR + "Agreed terms\n\n1. Supply. The Supplier shall supply the Products.\n"
    assert sources.looks_like_agreement(_doc(uk))
    assert extract_goals(_doc(uk)).origin == "agreement"


def _clauses(text: str, spans: list[tuple[str, str, str | None, str | None, str | None, str]]) -> list[Clause]:
    """Clauses (id, kind, number, heading, parent, body) located in ``text``."""
    out = []
    for cid, kind, number, heading, parent, body in spans:
        at = text.index(body)
        out.append(Clause(id=cid, kind=kind, number=number, heading=heading, parent=parent, level=1, start=at,
                          end=at + len(body), text=body))
    return out


_THREE = [("Kallo Inc.", ["Kallo Inc.", "Kallo"]), ("Petro Data Ltd.", ["Petro Data Ltd.", "PDMS"]),
          ("Gateway Global Ltd.", ["Gateway Global Ltd.", "Gateway"])]


def test_sources_lettered_items_under_a_recitals_heading_are_recitals():
    text = (
        "RECITALS   A. Kallo is the developer of the Mobile Care suite.\n"
        "B. PDMS and Gateway (Agent) desire to become business associates of Kallo in Nigeria.\n"
        "AGREEMENT\n1. Sales. Gateway shall sell the suite.\n"
    )
    clauses = _clauses(text, [
        ("c1", "recital", None, "Recitals", None, text[: text.index("AGREEMENT")]),
        ("c2", "clause", "A.", None, "c1", "A. Kallo is the developer of the Mobile Care suite."),
        ("c3", "clause", "B.", None, "c1", "B. PDMS and Gateway (Agent) desire to become business associates of Kallo in Nigeria."),
        ("c4", "section", None, "AGREEMENT", None, text[text.index("AGREEMENT") :]),
        ("c5", "clause", "1", "Sales", "c4", "1. Sales. Gateway shall sell the suite.\n"),
    ])
    goals = goals_from_clauses(clauses, _THREE)
    # the recital two of three parties state is a goal of each of them, not of "All parties"
    assert [(g.party, g.text[:20]) for g in goals] == [
        ("Kallo Inc.", "Kallo is the develop"), ("Petro Data Ltd.", "PDMS and Gateway (Ag"), ("Gateway Global Ltd.", "PDMS and Gateway (Ag")]
    assert text[goals[0].start : goals[0].end].strip() == goals[0].text  # the letter "A." is no part of the goal
    assert goals[1].start == goals[2].start


def test_sources_a_joint_subject_of_all_parties_is_all_parties_and_a_lead_phrase_is_skipped():
    assert sources._party_named("Kallo, PDMS and Gateway wish to sell the suite;", _THREE) == [ALL_PARTIES]
    assert sources._party_named("On March 1, 2011, PDMS and Kallo entered into a letter of intent;", _THREE) == [
        "Petro Data Ltd.", "Kallo Inc."]
    assert sources._party_named("with the consent of the Parties, Gateway has bought shares of PDMS;", _THREE) == [
        "Gateway Global Ltd."]
    # one party found in all: its recitals are its own
    assert sources._party_named("Kallo desires to sell its suite;", _THREE[:1]) == ["Kallo Inc."]


def _party(name: str, alias: str | None = None):
    from types import SimpleNamespace

    return SimpleNamespace(name=name, alias=alias)


def test_sources_a_party_is_never_named_by_a_short_form_the_text_gives_to_someone_else():
    text = (
        'Sumitomo Mitsui Banking Corporation ("SMBC"), SMBC Nikko Securities Inc. ("Nikko") and KALLO Inc. ("KALLO"). '
        'Aizu Wafer Solution Limited ("AFSW") is owned by Aizu Semiconductor Limited. '
        '"KALLO" means Kallo Inc. and its subsidiary Kallo Technologies Inc.'
    )
    parties = [_party("Sumitomo Mitsui Banking Corporation"), _party("SMBC NIKKO SECURITIES INC.", "Nikko"),
               _party("KALLO Inc.", "KALLO"), _party("Kallo Technologies Inc."), _party("Aizu Semiconductor Limited")]
    names = dict(sources.agreement_parties(parties, text))
    assert "SMBC" not in names["SMBC NIKKO SECURITIES INC."]  # the alias of another party
    assert "SMBC Nikko Securities Inc." in names["SMBC NIKKO SECURITIES INC."]  # its name as the text writes it
    assert "Kallo" in names["KALLO Inc."] and "Kallo" not in names["Kallo Technologies Inc."]
    assert "Aizu" not in names["Aizu Semiconductor Limited"]  # also the start of another company's name
    assert "Aizu Semiconductor" in names["Aizu Semiconductor Limited"]
    goals = goals_from_clauses(
        _clauses(text, [("c1", "recital", None, None, None, "Aizu Wafer Solution Limited (\"AFSW\") is owned by Aizu Semiconductor Limited.")]),
        sources.agreement_parties(parties, text),
    )
    assert [g.party for g in goals] == ["Aizu Semiconductor Limited"]  # named in full, not through "Aizu"
    goals = goals_from_clauses(_clauses(text, [("c1", "recital", None, None, None, '"KALLO" means Kallo Inc. and its subsidiary')]),
                               sources.agreement_parties(parties, text))
    assert [g.party for g in goals] == ["KALLO Inc."]


def test_sources_a_salutation_names_no_party():
    """ "Mr. Chair, …" is said to the chair: it names no "Mr. Bruce Stanton"."""
    orgs = {"The Acting Chair": "Mr. Bruce Stanton", "Hon. Chrystia Freeland": "Minister of Finance"}
    said = "Mr.Chair, I want to point out that our programs do not discriminate."
    assert attribute_party(said, None, "Hon. Chrystia Freeland", orgs) == "Minister of Finance"
    assert attribute_party("Mr. Chair, we want a vote.", None, "Hon. Chrystia Freeland", orgs) == "Minister of Finance"
    assert attribute_party("Bruce Stanton wants a vote.", None, "Hon. Chrystia Freeland", orgs) == "Mr. Bruce Stanton"


# ------------------------------------------------------------------------------- minutes that quote a contract

_MEETING_GOALS = "Anna Berg: Halvorsen wants pilot production in Stuttgart by 2028.\nPriya Raman: Kestrel wants an exclusive licence.\n"


@pytest.mark.parametrize(
    "minutes",
    [
        # the minutes of an alliance's negotiation quote its contract: signs of a meeting outweigh its phrases
        "# Minutes of the Board of Helix GmbH\n\n" + _MEETING_GOALS + "Anna Berg: The budget attached hereto and the terms "
        "hereunder must be approved first.\n",
        "Steering committee\n\n## Attendees\nAnna Berg (Halvorsen), Priya Raman (Kestrel)\n\n" + _MEETING_GOALS
        + "Mark Chen recalled that this Agreement requires a Clean Team and that under this Agreement no prices may be shared.\n",
        _MEETING_GOALS + "Mark Chen: the draft is by and between the Institute and each partner, hereinafter the Parties.\n"
        "Anna Berg: this contract is long, and this contract is late.\nPriya Raman: Kestrel agrees.\n",
        # an "Source: …" line of minutes is no EDGAR filing line (its form type would be "8-K", "S-1/A"…)
        "Source: Helix JSC, Minutes, 08/03/2027\n\n" + _MEETING_GOALS,
    ],
)
def test_sources_minutes_that_quote_contract_phrases_are_read_as_minutes(minutes):
    found = extract_goals(_doc(minutes, "text/markdown", name="minutes.md"))
    assert found.origin == "minutes"
    assert len(found.goals) >= 2 and sources.NO_RECITAL_GOALS not in found.warnings


def test_sources_a_json_transcript_is_read_as_minutes_whatever_it_quotes():
    turns = [{"speaker": "Anna Berg", "text": "Halvorsen wants pilot production in Stuttgart by 2028."},
             {"speaker": "Mark Chen", "text": "The draft is by and between the Institute and each partner; the licence is granted hereunder."},
             {"speaker": "Priya Raman", "text": "Kestrel wants an exclusive licence."}]
    from coaltext.ingest import read_bytes

    found = extract_goals(read_bytes(json.dumps(turns).encode(), name="call.json"))
    assert found.origin == "minutes"
    assert found.goals


def test_sources_the_edgar_line_needs_a_form_type():
    assert sources.looks_like_agreement(_doc("Source: ACME HOLDINGS INC, S-1/A, 5/1/2006\n\nSupply terms\n"))
    assert sources.looks_like_agreement(_doc("Source: ACME INC, DRS (on F-1), 5/1/2006\n\nSupply terms\n"))
    assert not sources.looks_like_agreement(_doc("Source: Helix JSC, Minutes, 08/03/2027\n\nAnna: we want Asia.\n"))


def test_sources_the_parties_listing_is_no_other_company_that_takes_a_short_name():
    """ "Zentrix Inc. and Borealis Corp." lists two parties: it is no third company named "Zentrix…"
    that would take "Zentrix" from its party (and send Zentrix's recital to Borealis)."""
    text = (
        'This Agreement is made by and between Zentrix Inc. and Borealis Corp. Zentrix and Company agree as follows.\n'
        "WHEREAS, Zentrix wishes to market the Borealis platform in Europe;\n"
    )
    parties = [_party("Zentrix Inc."), _party("Borealis Corp.")]
    names = dict(sources.agreement_parties(parties, text))
    assert "Zentrix" in names["Zentrix Inc."] and "Borealis" in names["Borealis Corp."]
    recital = "WHEREAS, Zentrix wishes to market the Borealis platform in Europe;"
    goals = goals_from_clauses(_clauses(text, [("c1", "recital", None, None, None, recital)]), sources.agreement_parties(parties, text))
    assert [g.party for g in goals] == ["Zentrix Inc."]
    # a company whose name runs on from the short name still takes it ("Zentrix Labs Ltd." is another company)
    assert "Zentrix" not in dict(sources.agreement_parties(parties, text + "Zentrix Labs Ltd. is no party.\n"))["Zentrix Inc."]


# ------------------------------------------------------------------------------- recitals the clause tree leaves in a preamble

_TWO = [("Zentrix Inc.", ["Zentrix Inc.", "Zentrix"]), ("Borealis Corp.", ["Borealis Corp.", "Borealis"])]


@pytest.mark.parametrize(
    "recitals",
    [
        "RECITALS A. Zentrix wishes to market the Borealis platform in Europe. B. Borealis wishes to grow its reseller "
        "network. AGREEMENT The Parties hereby agree as follows: ",
        "BACKGROUND: A. Zentrix wishes to market the Borealis platform in Europe;\n\nB. Borealis wishes to grow its "
        "reseller network; and\n\nIN CONSIDERATION of the premises, the parties agree as follows: ",
        "WITNESSETH: WHEREAS, Zentrix wishes to market the Borealis platform in Europe; and WHEREAS, Borealis wishes to "
        "grow its reseller network. NOW, THEREFORE, the parties agree as follows: ",
        "WHEREAS Zentrix wishes to market the Borealis platform in Europe; and Borealis wishes to grow its reseller "
        "network. NOW, THEREFORE the Parties agree: ",
    ],
)
def test_sources_recitals_inside_a_preamble_are_goals_with_their_offsets(recitals):
    """57 CUAD agreements write their recitals inside the preamble's text, where the clause tree marks
    no recital: they are read from "WHEREAS"/"RECITALS"/"BACKGROUND"/"WITNESSETH" up to the lead-in."""
    text = 'This Agreement is made by and between Zentrix Inc. and Borealis Corp. (the "Parties"). ' + recitals + "1. Term. Five years."
    body = text[: text.index("1. Term")]
    clauses = _clauses(text, [("c1", "preamble", None, None, None, body), ("c2", "section", "1", "Term", None, "1. Term. Five years.")])
    goals = goals_from_clauses(clauses, _TWO)
    assert [(g.id, g.party) for g in goals] == [("g1", "Zentrix Inc."), ("g2", "Borealis Corp.")]
    assert goals[0].text.rstrip(".") == "Zentrix wishes to market the Borealis platform in Europe"
    assert goals[1].text.startswith("Borealis wishes to grow its reseller network")
    for g in goals:
        assert text[g.start :].startswith(g.text) and g.end <= text.index("1. Term")


def test_sources_a_recital_run_into_the_lead_in_is_kept_up_to_it():
    """ "Lightbridge and Lloyds believe …. NOW, THEREFORE, … agree as follows:" in one clause is a recital
    up to the lead-in, not a lead-in to drop."""
    text = "BACKGROUND\n\nZentrix and Borealis believe that together they can sell more in Europe.\n\nNOW, THEREFORE, the parties agree as follows:\n"
    goals = goals_from_clauses(_clauses(text, [("c1", "recital", None, "Background", None, text)]), _TWO)
    assert [(g.party, g.text) for g in goals] == [(ALL_PARTIES, "Zentrix and Borealis believe that together they can sell more in Europe.")]
    assert text[goals[0].start :].startswith(goals[0].text)
