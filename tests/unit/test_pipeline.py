"""coaltext.pipeline: one path for the Python API, the CLI and the HTTP service, with a deadline."""

from __future__ import annotations

import json
import time

import pytest

import coaltext
from coaltext import models, pipeline
from coaltext.errors import ParseTimeout
from coaltext.ingest import Limits

GOALS = json.dumps({"parties": {"Acme": ["Share lab results"], "Beta": ["Share lab results"]}}).encode()
AGREEMENT = b"COLLABORATION AGREEMENT\n\n1. Term. This Agreement lasts two years.\n"
MINUTES = b"Decisions\n- Acme will host the pilot.\n"


@pytest.mark.parametrize(
    ("run", "data"),
    [(pipeline.analyze, AGREEMENT), (pipeline.minutes, MINUTES), (pipeline.align, GOALS)],
)
def test_pipeline_past_deadline_stops_with_parse_timeout(run, data):
    with pytest.raises(ParseTimeout):
        run(data, name="x.txt" if run is not pipeline.align else "goals.json", deadline=time.monotonic() - 1)


def test_pipeline_deadline_cuts_the_read_time_limit():
    assert pipeline._within(None, None) is None
    cut = pipeline._within(Limits(timeout_s=60), time.monotonic() + 5)
    assert 4 < cut.timeout_s <= 5
    assert pipeline._within(Limits(timeout_s=2), time.monotonic() + 5).timeout_s == 2
    assert pipeline._within(Limits(max_pages=3), time.monotonic() - 1) == Limits(max_pages=3, timeout_s=1e-3)


def test_pipeline_align_passes_the_deadline_to_the_goal_alignment(monkeypatch, fake_embedder):
    import coaltext.goals as goals

    seen = {}
    real = goals.align_document

    def spy(doc, draft=None, **kwargs):
        seen.update(kwargs, draft=draft)
        return real(doc, draft=draft, **kwargs)

    monkeypatch.setattr(models, "embedder", lambda *a, **k: fake_embedder)
    monkeypatch.setattr(goals, "align_document", spy)
    deadline = time.monotonic() + 600
    report = coaltext.align(GOALS, name="goals.json", deadline=deadline)
    assert seen["deadline"] == deadline and report.parties == ["Acme", "Beta"]


def test_pipeline_align_reads_a_draft_given_as_bytes_under_its_name(monkeypatch, fake_embedder):
    import coaltext.goals as goals

    seen = {}
    monkeypatch.setattr(models, "embedder", lambda *a, **k: fake_embedder)
    monkeypatch.setattr(goals, "align_document", lambda doc, draft=None, **kw: seen.setdefault("draft", draft))
    coaltext.align(GOALS, name="goals.json", agreement=AGREEMENT, agreement_name="draft.txt")
    assert seen["draft"].name == "draft.txt" and seen["draft"].text.startswith("COLLABORATION")


# ---------------------------------------------------------------- not an agreement

MINUTES_TEXT = (
    "Helix steering committee, 3 March\n\nAttendees: Ana Ruiz (Acme), Ben Okafor (Beta)\n\n"
    "Decisions\n- Acme will host the pilot line in May.\n- Beta asked for a 70/30 split of licence revenue; "
    "Acme wants 50/50. To be settled at the next meeting.\n\nActions\n- Ben to send the cost model by Friday.\n"
)


def _doc(text: str, media_type: str = "text/plain"):
    from coaltext.types import Document

    return Document(name="x", sha256="0" * 64, media_type=media_type, text=text)


def test_pipeline_not_an_agreement_names_minutes_transcripts_and_goal_lists():
    assert "legal operative" in pipeline.not_an_agreement(_doc(MINUTES_TEXT)).message
    turns = json.dumps([{"speaker": "Ana", "text": "We want 50/50."}, {"speaker": "Ben", "text": "70/30."}]).encode()
    assert "(a JSON transcript)" in pipeline.not_an_agreement(pipeline.read(turns, name="t.json")).message
    assert "(a YAML file)" in pipeline.not_an_agreement(pipeline.read(b"parties:\n  Acme: [Share data]\n", name="g.yaml")).message
    # a title naming the meeting does not make minutes about an agreement one
    assert pipeline.not_an_agreement(_doc(MINUTES_TEXT), title="Minutes of the licence agreement call")


def test_pipeline_not_an_agreement_passes_agreements_even_terse_ones():
    assert pipeline.not_an_agreement(_doc(AGREEMENT.decode())) is None
    clause = "The Licensee shall pay the royalties within thirty days; each party shall keep the terms confidential."
    assert pipeline.not_an_agreement(_doc(clause)) is None
    # a signature page has no operative words, but its title says what it is
    page = "JOINT FILING AGREEMENT\n\nACME INC. By: /s/ Ana Ruiz Name: Ana Ruiz Title: CFO\n"
    assert pipeline.not_an_agreement(_doc(page), title="JOINT FILING AGREEMENT") is None
    assert pipeline.not_an_agreement(_doc(page.replace("JOINT FILING AGREEMENT", "Signatures"))) is not None


def test_pipeline_analyze_flags_a_non_agreement_first_and_warns():
    report = coaltext.analyze(MINUTES_TEXT.encode(), name="minutes.txt")
    assert report.flags[0].code == "not_an_agreement" and report.flags[0].severity == "high"
    assert "does not look like an agreement" in report.flags[0].message
    assert any("does not look like an agreement" in w for w in report.warnings)
    assert not any(f.code == "not_an_agreement" for f in coaltext.analyze(AGREEMENT, name="a.txt").flags)


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (b'{"parties": {"Acme": ["Share data"]}}', 'found an object with keys "parties"'),
        (b'[{"who": "Ana", "said": "Hi"}, {"who": "Ben", "said": "Hello"}]', 'keys "who", "said" and no "text"'),
        (b'{"meeting_transcripts": [{"speaker": "A"}]}', '"meeting_transcripts" is a list of 1 object'),
        (b'["Ana: hi", "Ben: hello"]', "a list of 2 items (a string)"),
    ],
)
def test_pipeline_minutes_json_of_another_shape_says_what_it_found_and_what_is_read(body, found):
    from coaltext.errors import InvalidDocument

    with pytest.raises(InvalidDocument) as err:
        pipeline.minutes(body, name="m.json")
    assert found in str(err.value)
    assert '[{"speaker": …, "text": …}' in str(err.value) and "meeting_transcripts" in str(err.value)


# ---------------------------------------------------------------- the reports in Python


def test_pipeline_reports_in_python_give_schema_a_short_repr_clause_and_missing():
    from coaltext.types import AlignmentReport, Meeting, MinutesItem, MinutesReport

    report = coaltext.analyze(AGREEMENT, name="a.txt", playbook="joint_venture")
    assert report.schema == "coaltext.agreement.v1"  # not pydantic's deprecated BaseModel.schema()
    assert json.loads(coaltext.report_json(report))["schema"] == "coaltext.agreement.v1"
    assert "schema" in report.model_dump(by_alias=True) and "missing" not in report.model_dump()
    text = repr(report)
    assert str(report) == text and "\n" not in text and len(text) < 400
    assert text.startswith("<AgreementReport 'a.txt': 'COLLABORATION AGREEMENT', ") and "required missing" in text
    first = report.clauses[0]
    assert report.clause(first.id) is first
    with pytest.raises(KeyError, match="no clause 'c999'"):
        report.clause("c999")
    wanted = [i.type for i in report.coverage.items if i.required and i.status == "missing"]
    assert report.missing == wanted and "governance" in report.missing

    source = report.source
    item = MinutesItem(id="d1", kind="decision", text="Go.", start=0, end=3)
    minutes = MinutesReport(source=source, meeting=Meeting(title="JSC"), items=[item])
    assert minutes.schema == "coaltext.minutes.v1"
    assert repr(minutes) == "<MinutesReport 'a.txt': 'JSC', 0 attendees, 1 decision, 0 actions, 0 disagreements, 0 goals>"
    alignment = AlignmentReport(source=source, parties=["A", "B"])
    assert repr(alignment) == "<AlignmentReport 'a.txt': 2 parties, 0 goals, 0 conflicts, 0 shared, 0 related>"


def test_pipeline_minutes_items_say_their_line_and_section_and_the_report_shows_them():
    """Evidence was cited only as "chars 3138–3309": a reader could not find it without a script."""
    from coaltext.report import render

    text = "# JSC minutes\n\n## Decisions\n\n- The Work Plan is approved.\n\n## Action items\n\n- Ben to send the cost model by Friday.\n"
    report = pipeline.minutes(text.encode(), name="m.md")
    lines = text.splitlines()
    for item in report.items:
        assert lines[item.line - 1].lstrip("- ").startswith(item.text[:20])
    decision = next(i for i in report.items if i.kind == "decision")
    assert (decision.line, decision.section, decision.page) == (5, "Decisions", None)
    assert "line 5, in “Decisions” · chars" in render(report, "md")
    assert "line 5, in “Decisions” · chars" in render(report, "html")
    assert json.loads(coaltext.report_json(report))["items"][0]["line"] == report.items[0].line


# ---------------------------------------------------------------- JSON transcripts (review of ebd35ac..d03d680)


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ([{"speaker": "A", "text": "hi"}, {"speaker": "B", "content": "yo"}], None),
        ({"meeting_transcripts": [{"speaker": "A", "content": "{vocalsound}"}]}, "only 1 transcription mark"),
        ([{"speaker": "A", "text": "{vocalsound}"}], "only 1 transcription mark"),
    ],
)
def test_pipeline_minutes_of_mixed_or_wordless_transcripts_never_crash(body, said):
    """All three gave internal_error (HTTP 500): describing the JSON took min() of an empty set."""
    from coaltext.errors import InvalidDocument

    data = json.dumps(body).encode()
    if said is None:
        assert pipeline.minutes(data, name="t.json").source.name == "t.json"
        return
    with pytest.raises(InvalidDocument, match=said):
        pipeline.minutes(data, name="t.json")


def test_pipeline_json_shape_describes_every_list_of_objects():
    from coaltext.ingest.text import json_shape

    assert json_shape('[{"speaker": "A", "text": "hi"}, {"speaker": "B", "content": "yo"}]').endswith(
        '(each with "text" or "content")'
    )
    assert 'item 2 has no "text" or "content"' in json_shape('[{"speaker": "A", "text": "hi"}, {"speaker": "B"}]')


# ---------------------------------------------------------------- not_an_agreement: plain-English agreements

HELIX_MD = """# Helix Collaboration Agreement

## 1. Contributions

1.1 Acme will provide the pilot line in Leeds and two engineers.
1.2 Beta will supply the cathode powders.

## 2. Results

Each of us will own what it creates alone; results made together will be owned jointly.
"""
LETTER = """Acme Batteries Ltd

Dear Dr Ruiz,

1. Acme will give Beta access to its pilot line for twelve weeks from 1 April.
2. Beta will pay Acme EUR 40,000, invoiced monthly; both of us must keep the results confidential.
3. Either of us may end this arrangement with 30 days' notice in writing.

If you agree with these terms, please sign and return the enclosed copy.
"""


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (HELIX_MD, None),  # the first line, Markdown '#' stripped, is the title
        (LETTER, None),  # no title, but binds in plain words (will, must, agree, in writing)
        ("Terms of Service\n\nYou can close your account at any time.\n", None),
        ("Kooperationsvertrag\n\nAcme stellt die Pilotlinie zur Verfügung.\n", None),
        ("WORK ORDER No. 7\n\nServices: forty cycle-life tests.\nFees: USD 85,000.\n", None),
        ("Term sheet\n\nVehicle: HelixCo, owned 50/50.\n", None),
        ("Signature page\n\nACME INC.\nBy: /s/ Ana Ruiz\n", "Call Option Agreement"),
        ("Signature page\n\nACME INC.\nBy: /s/ Ana Ruiz\n", "Senior Notes Indenture"),
    ],
)
def test_pipeline_not_an_agreement_passes_plain_english_and_titled_agreements(text, title):
    """All were flagged HIGH 'does not look like an agreement': no 'shall'/'hereby', a Markdown
    title not taken, or 'call'/'notes' in the title read as a meeting."""
    assert pipeline.not_an_agreement(_doc(text), title=title) is None


def test_pipeline_not_an_agreement_is_high_only_with_signs_of_a_meeting():
    transcript = "Ana: Can we start?\nBen: Yes. We want 70/30.\nAna: We want 50/50.\nBen: Then we wait.\n"
    assert pipeline.not_an_agreement(_doc(transcript)).severity == "high"
    assert "begin with a speaker" in pipeline.not_an_agreement(_doc(transcript)).message
    titled = "Pilot call, 4 March\n\nThe kiln is down. Powders late by two weeks.\n"
    assert pipeline.not_an_agreement(_doc(titled)).severity == "high"
    assert pipeline.not_an_agreement(_doc("Notes\n\n## Attendees\nAna, Ben\n")).severity == "high"
    # a form's labels repeat in agreements too: they are not speakers
    form = "Consent\n\nBy: Ana\nName: Ana Ruiz\nTitle: CFO\n\nBy: Ben\nName: Ben Okafor\nTitle: CEO\n"
    flag = pipeline.not_an_agreement(_doc(form))
    assert flag.severity == "warning"
    # nothing says meeting: a softer warning, which names both readings
    flag = pipeline.not_an_agreement(_doc("Pilot status\n\nThe kiln is down. Powders are two weeks late.\n"))
    assert flag.severity == "warning" and "If this is not an agreement, use 'minutes'" in flag.message


@pytest.mark.timeout(5)  # a hang guard: 0.6 s now, building the 6 MB text included
def test_pipeline_not_an_agreement_reads_only_the_start_of_a_huge_text():
    turns = "".join(f"Ana Ruiz: so{'o' * (i % 40)}\nBen: we{'e' * (i % 40)}\n" for i in range(200_000))
    flag = pipeline.not_an_agreement(_doc(turns))  # 6 MB
    assert flag.severity == "high"


# ---------------------------------------------------------------- locate_items: Markdown headings


@pytest.mark.timeout(5)  # a hang guard: 0.05 s now, 18 s before
def test_pipeline_md_heading_is_linear_and_cuts_only_a_closing_sequence():
    """'# x' + 40,000 spaces + 'y' took 18 s in this regex alone (a lazy group before '[ \\t#]*$')."""
    line = "# x" + " " * 40_000 + "y\n" + ("#" + " " * 1000 + "\n") * 2000
    found = [pipeline._heading_text(m.group(1)) for m in pipeline._MD_HEADING.finditer(line)]
    assert found == ["x" + " " * 40_000 + "y"]
    names = [pipeline._heading_text(m.group(1)) for m in pipeline._MD_HEADING.finditer("## Pilot ##\n# C#\n#\tTab \t#\n")]
    assert names == ["Pilot", "C#", "Tab"]


def test_pipeline_minutes_items_name_their_markdown_section():
    report = pipeline.minutes(b"# Steering committee\n\n## 3. Pilot line ##\n\nDecisions\n- Acme will host the pilot.\n", name="m.md")
    assert [(i.section, i.line) for i in report.items] == [("3. Pilot line", 6)]


def test_pipeline_minutes_and_align_read_meetings_within_the_limit_of_limits(monkeypatch, fake_embedder):
    """The minutes reader's size limit lived in conf/minutes.yaml only: ``Limits(max_meeting_chars=…)``
    changed nothing, and ``align`` (whose goals stage reads minutes without a limits argument)
    neither. Both take it now; the refusal names the option of the minutes and align commands."""
    from coaltext.errors import TooLarge

    monkeypatch.setattr(models, "embedder", lambda *a, **k: fake_embedder)
    text = b"Ana: We agreed that Acme hosts the pilot.\nBen: I'll send the draft by Friday.\nAna: Fine.\n"
    for run in (pipeline.minutes, pipeline.align):
        with pytest.raises(TooLarge, match="--max-meeting-chars N of the minutes and align commands") as exc:
            run(text, name="t.txt", limits=Limits(max_meeting_chars=40))
        assert exc.value.code == "file_too_large" and "(40)" in exc.value.message
    assert pipeline.minutes(text, name="t.txt", limits=Limits(max_meeting_chars=None)).items
    assert pipeline.align(text, name="t.txt", limits=Limits(max_meeting_chars=len(text))).schema_ == "coaltext.alignment.v1"
