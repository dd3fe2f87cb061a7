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
