"""The enforced maximum of goals is served in time, and abandoned work stops at its deadline."""

from __future__ import annotations

import time

import pytest

from coaltext.errors import ParseTimeout
from coaltext.goals import align_goals, match_goals, party_pairs
from coaltext.goals.sources import GoalSet
from coaltext.types import Document, Goal, GoalMatch

SAMPLE = Document(name="goals.json", sha256="0" * 64, media_type="application/json", text="{}")


def _goals(parties: int, per_party: int) -> list[Goal]:
    return [
        Goal(id=f"g{p * per_party + i + 1}", party=f"Party {p}", text=f"Goal {i} of party {p}: reduce cost of item {i * p}")
        for p in range(parties)
        for i in range(per_party)
    ]


@pytest.mark.timeout(6)  # a hang guard: under 1 s now with building the matches
def test_goals_scale_party_pairs_read_the_matches_once():
    goals = _goals(50, 4)  # 1,225 party pairs × 19,600 matches took 9.5 s when each pair scanned every match
    matches = [
        GoalMatch(a=a.id, b=b.id, similarity=0.9, relation="shared", reason="same goal")
        for i, a in enumerate(goals)
        for b in goals[i + 1 :]
        if a.party != b.party
    ]
    pairs = party_pairs(goals, matches)
    assert len(pairs) == 1225 and all(p.shared == 16 and p.alignment == 1.0 for p in pairs)


def test_goals_scale_matching_stops_at_its_deadline(fake_embedder):
    goals = _goals(50, 4)
    vectors = fake_embedder.encode([g.text for g in goals])
    with pytest.raises(ParseTimeout):
        match_goals(goals, vectors, deadline=time.monotonic() - 1)
    with pytest.raises(ParseTimeout):
        align_goals(GoalSet(goals=goals), SAMPLE, embedder=fake_embedder, deadline=time.monotonic() - 1)
    assert match_goals(goals, vectors, deadline=time.monotonic() + 600)


def test_goals_scale_a_warning_is_reported_once(fake_embedder):
    doc = Document(name="t.json", sha256="0" * 64, media_type="application/json", text="[]", warnings=["read as a transcript"])
    found = GoalSet(goals=_goals(2, 1), warnings=["read as a transcript"])
    assert align_goals(found, doc, embedder=fake_embedder).warnings == ["read as a transcript"]
