"""Alignment logic with the fake bag-of-words embedder: similarity, relations, pair scores, clusters, draft check."""

from __future__ import annotations

import json

import numpy as np
import pytest

from coaltext.goals import align_document, check_draft, cluster_goals, pairwise, party_pairs, relate
from coaltext.goals.align import unmatched
from coaltext.goals.similarity import centred, contextual
from coaltext.types import Clause, Document, Goal, GoalMatch, MinutesItem

GOALS = {
    "parties": {
        "Acme": [
            "Increase coal output at the Northern mine",
            "Jointly own all intellectual property from the project",
            "Train apprentices at the plant",
        ],
        "Beta": [
            "Reduce coal output at the Northern mine",
            "All intellectual property from the project is owned solely by Beta",
            "Open a visitor centre for schools",
        ],
        "Gamma": ["Increase coal output at the Northern mine"],
    }
}


def _doc(obj, name="goals.json") -> Document:
    return Document(name=name, sha256="0" * 64, media_type="application/json", text=json.dumps(obj))


def test_align_finds_conflicts_shared_and_unmatched(fake_embedder):
    report = align_document(_doc(GOALS), embedder=fake_embedder)
    text = {g.id: g.text for g in report.goals}
    assert report.parties == ["Acme", "Beta", "Gamma"]
    by_rel = {}
    for m in report.matches:
        by_rel.setdefault(m.relation, set()).add(frozenset((text[m.a], text[m.b])))
    assert frozenset(("Increase coal output at the Northern mine", "Reduce coal output at the Northern mine")) in by_rel["conflict"]
    assert any("owned solely" in t for pair in by_rel["conflict"] for t in pair)
    assert frozenset(("Increase coal output at the Northern mine",)) in by_rel["shared"]  # Acme and Gamma, same text
    unmatched = {text[g] for g in report.unmatched}
    assert {"Train apprentices at the plant", "Open a visitor centre for schools"} <= unmatched
    for m in report.matches:
        assert 0.0 <= m.similarity <= 1.0 and m.reason
    assert report.schema_ == "coaltext.alignment.v1"


def test_align_pair_scores_follow_the_documented_formula():
    goals = [Goal(id=f"g{i}", party=p, text=f"goal {i}") for i, p in enumerate("AAABB", start=1)]
    matches = [
        GoalMatch(a="g1", b="g4", similarity=0.9, relation="shared"),
        GoalMatch(a="g2", b="g4", similarity=0.8, relation="conflict"),
        GoalMatch(a="g3", b="g5", similarity=0.7, relation="related"),
    ]
    (pair,) = party_pairs(goals, matches)
    # best relation per goal: g1 shared, g2 conflict, g4 conflict (outranks shared), g3 related, g5 related
    assert (pair.shared, pair.conflicts, pair.related) == (1, 1, 1)
    assert pair.alignment == pytest.approx((1 + 0.5 * 2) / (3 + 2 + 2), abs=1e-4)


def test_align_pair_score_is_one_when_everything_is_shared(fake_embedder):
    doc = _doc({"parties": {"A": ["Build a plant in Ohio", "Publish results"], "B": ["Publish results", "Build a plant in Ohio"]}})
    report = align_document(doc, embedder=fake_embedder)
    assert [p.alignment for p in report.pairs] == [1.0]
    assert report.unmatched == []


def test_align_clusters_cover_every_goal_once_with_labels(fake_embedder):
    report = align_document(_doc(GOALS), embedder=fake_embedder)
    ids = [g for c in report.clusters for g in c.goals]
    assert sorted(ids) == sorted(g.id for g in report.goals)
    coal = next(c for c in report.clusters if len(c.goals) >= 3)
    assert "coal" in coal.label
    assert set(coal.parties) == {"Acme", "Beta", "Gamma"}


def test_align_one_party_warns_and_has_no_matches(fake_embedder):
    report = align_document(_doc({"parties": {"A": ["Grow", "Shrink"]}}), embedder=fake_embedder)
    assert report.matches == [] and report.pairs == []
    assert any("one party" in w for w in report.warnings)


def test_similarity_pairwise_is_symmetric_and_nan_within_party():
    rng = np.random.default_rng(0)
    v = rng.normal(size=(5, 8)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    sim = pairwise(v, ["A", "A", "B", "B", "C"])
    assert np.isnan(sim[0, 1]) and np.isnan(sim[2, 3])
    assert np.allclose(sim[0, 2], sim[2, 0]) and 0 <= np.nanmin(sim) and np.nanmax(sim) <= 1


def test_similarity_hubness_correction_prefers_the_specific_match():
    # b0 is a "hub": close to every goal of A; b1 matches a1 specifically but with lower raw cosine
    a = np.array([[1.0, 0.0, 0.0], [0.6, 0.8, 0.0]], dtype=np.float32)
    b = np.array([[0.8, 0.6, 0.0], [0.0, 0.7, 0.714]], dtype=np.float32)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    raw = a @ b.T
    assert raw[1, 0] > raw[1, 1]  # raw cosine prefers the hub for a1
    ctx = contextual(a, b)
    assert ctx[0, 0] > ctx[0, 1]  # a0 still matches b0
    assert ctx[1, 1] - ctx[1, 0] > raw[1, 1] - raw[1, 0]  # the hub's advantage shrinks
    assert centred(a).shape == a.shape  # small sets are left as they are


def _clause(cid: str, text: str, start: int) -> Clause:
    return Clause(id=cid, level=1, kind="section", start=start, end=start + len(text), text=text)


def test_draft_check_marks_uncovered_contradicted_and_covered(fake_embedder):
    clauses = [
        _clause("c1", "All intellectual property developed under the programme is owned exclusively by Acme.", 0),
        _clause("c2", "The steering committee meets every quarter in person or by video conference.", 100),
        _clause("c3", "This Agreement is governed by the laws of England.", 200),
    ]
    items = [
        MinutesItem(id="dec-1", kind="decision", text="Intellectual property developed under the programme is jointly owned by both parties.", start=0, end=1),
        MinutesItem(id="dec-2", kind="decision", text="The steering committee meets every quarter.", start=0, end=1),
        MinutesItem(id="dec-3", kind="decision", text="Beta will fund two scholarships for local students.", start=0, end=1),
    ]
    gaps = {g.item: g for g in check_draft(items, clauses, fake_embedder)}
    assert gaps["dec-1"].status == "contradicted" and gaps["dec-1"].clauses == ["c1"]
    assert "exclusiv" in gaps["dec-1"].reason
    assert gaps["dec-2"].status == "covered" and gaps["dec-2"].clauses == ["c2"]
    assert gaps["dec-3"].status == "uncovered" and len(gaps["dec-3"].clauses) == 1


def test_draft_check_without_clause_text_marks_everything_uncovered(fake_embedder):
    items = [MinutesItem(id="dec-1", kind="decision", text="Meet quarterly.", start=0, end=1)]
    (gap,) = check_draft(items, [], fake_embedder)
    assert gap.status == "uncovered" and gap.clauses == []


def test_draft_check_never_cites_a_table_of_contents(fake_embedder):
    toc = "TABLE OF CONTENTS 4.1 The steering committee meets every quarter 7"
    clauses = [Clause(id="c1", heading="TABLE OF CONTENTS", level=1, kind="contents", start=0, end=len(toc), text=toc),
               _clause("c2", "This Agreement is governed by the laws of England.", 100)]
    items = [MinutesItem(id="dec-1", kind="decision", text="The steering committee meets every quarter.", start=0, end=1)]
    (gap,) = check_draft(items, clauses, fake_embedder)
    assert "c1" not in gap.clauses and gap.status == "uncovered"
    covered = check_draft(items, [clauses[0].model_copy(update={"kind": "clause"})], fake_embedder)[0]
    assert covered.status == "covered"  # the same words in a clause do cover it


def test_align_relate_split_vs_share_is_a_quantity_conflict_though_cue_words_leave_no_topic_words():
    # "share" is an openness cue word, so the goals had no topic word in common and cosine 0.36 < 0.50
    relation, reason = relate("Increase our share to 70%", "Keep the split at 50/50", 0.59, 0.36)
    assert relation == "conflict" and "quantity" in reason


@pytest.mark.parametrize(
    ("a", "b", "similarity", "cosine"),
    [
        # impco (user test): nothing in common but the alliance
        ("Obtain a seat on an advisory board for electric vehicle research", "Set up a joint training academy for mechanics in Delhi", 0.59, 0.30),
        # CaSiNo items: the shared template ("priority: more …, because") lifts the cosine
        ("High priority: more water, because I need to fill my canteens", "Medium priority: more food, because I plan a long trip", 0.44, 0.64),
    ],
)
def test_align_relate_related_needs_a_word_in_common_or_a_high_similarity(a, b, similarity, cosine):
    assert relate(a, b, similarity, cosine) == (None, "")


def test_align_relate_related_with_a_topic_word_in_common():
    relation, _ = relate("Increase coal output at the Northern mine", "Improve safety standards at the Northern mine", 0.58, 0.45)
    assert relation == "related"


def test_align_unmatched_counts_goals_that_are_only_related():
    goals = [Goal(id="g1", party="A", text="Open a lab"), Goal(id="g2", party="B", text="Staff the lab"),
             Goal(id="g3", party="B", text="Open a lab")]  # fmt: skip
    only_related = [GoalMatch(a="g1", b="g2", similarity=0.6, relation="related")]
    assert unmatched(goals, only_related) == ["g1", "g2", "g3"]
    shared = only_related + [GoalMatch(a="g1", b="g3", similarity=0.9, relation="shared")]
    assert unmatched(goals, shared) == ["g2"]


def test_align_a_goal_stated_twice_by_one_party_counts_once(fake_embedder):
    doc = _doc({"parties": {"Northwind": ["Expand into Asia", "Expand into Asia", "Hire local staff in Kenya"],
                            "Southgate": ["Expand into Asia"]}})  # fmt: skip
    report = align_document(doc, embedder=fake_embedder)
    assert len(report.goals) == 4  # both copies stay, with their evidence
    shared = [m for m in report.matches if m.relation == "shared"]
    assert len(shared) == 1 and "g1, g2" in shared[0].reason
    (pair,) = report.pairs
    assert pair.shared == 1
    assert pair.alignment == pytest.approx(2 / (2 + 1), abs=1e-4)  # g1 and g4 shared, of 2 + 1 distinct goals
    assert [g for g in report.unmatched] == ["g3"]


def test_align_cluster_label_leaves_out_noise_tags_and_filler_words(fake_embedder):
    goals = [Goal(id="g1", party="A", text="But what we talk about there <unintelligible/> is the budget"),
             Goal(id="g2", party="B", text="What there is to talk about, but the budget <unintelligible/>")]  # fmt: skip
    (cluster,) = cluster_goals(goals, fake_embedder.encode([g.text for g in goals]))
    assert cluster.label == "budget"


def test_align_cluster_central_goal_ties_break_by_shortest_text_not_float_noise():
    goals = [Goal(id="g1", party="A", text="alpha beta"), Goal(id="g2", party="B", text="beta alpha gamma")]
    v = np.array([[1.0, 0.0], [0.8, 0.6]])
    v[1] *= 1 + 1e-7  # float noise: g2 is "more central" by 1e-7
    (cluster,) = cluster_goals(goals, v)
    assert cluster.label == "alpha beta gamma"  # word order of g1, the shorter goal


def test_align_relate_a_topic_group_in_common_is_related_without_a_word_in_common():
    # "stake" and "split" are both #division; the percentages agree, so no conflict (cosine 0.40)
    relation, reason = relate("Hold a 50% stake", "Keep the split at 50/50", 0.5998, 0.3993)
    assert relation == "related" and "division" in reason


def test_align_relate_a_paraphrase_at_cosine_069_is_shared():
    # dev2: "Use renewable energy at all of the venture's sites" (0.72 made 26 of 35 shared pairs "related")
    relation, _ = relate("We want every site powered by renewables.", "Use renewable energy at all of the venture's sites.", 0.67, 0.68)
    assert relation == "shared"


@pytest.mark.parametrize(
    ("a", "b", "similarity", "cosine", "objects", "kind"),
    [
        # coalition user test (g7.json): both were "shared", "same goal (similarity 0.83)"
        ("Siemens Energy must not be admitted as a new member", "Admit Siemens Energy as a new member in 2027", 0.83, 0.80, 0.94, "negation"),
        ("Each member owns the results it generates", "Results are jointly owned by all members", 0.80, 0.74, 0.61, "ownership"),
        # c3 minutes, listed there as a disagreement: was "related"
        ("We want to admit Siemens Energy as a new member in June.", "Vattenfall objects to admitting Siemens Energy, a direct competitor.", 0.69, 0.58, 0.56, "negation"),
    ],
)
def test_align_relate_opposite_positions_on_one_matter_are_conflicts(a, b, similarity, cosine, objects, kind):
    relation, reason = relate(a, b, similarity, cosine, objects)
    assert relation == "conflict" and reason.startswith(kind), reason


def test_align_relate_different_numbers_for_different_things_stay_apart():
    relation, _ = relate("Pay each member within 30 days", "Deliver the final report within 90 days", 0.55, 0.20, 0.2)
    assert relation is None
    relation, _ = relate("General Assembly decisions by unanimity", "Budget changes require unanimity", 0.59, 0.38)
    assert relation == "related"


def test_align_a_recital_two_parties_state_together_is_not_matched_with_itself():
    """Review of the multi-party recitals: "PDMS and Gateway (Agent) desires…" is a goal of each, and
    the two copies were matched as a "shared" goal (cosine 1.00), so that pair of parties scored 1.00
    from one sentence they signed together. Copies of one passage are not matched; a goal of a third
    party is still matched with it."""
    from coaltext.goals.align import match_goals

    text = "PDMS and Gateway desire to become business associates of Kallo"
    goals = [
        Goal(id="g1", party="PDMS", text=text, start=100, end=163),
        Goal(id="g2", party="Gateway", text=text, start=100, end=163),
        Goal(id="g3", party="Kallo", text="Kallo wants business associates to market its products", start=300, end=355),
    ]
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.8, 0.6]], dtype=np.float32)
    pairs = {(m.a, m.b) for m in match_goals(goals, vectors)}
    assert ("g1", "g2") not in pairs
    # the same words said by two parties at two places of the text are two statements: matched
    goals[1] = Goal(id="g2", party="Gateway", text=text, start=400, end=463)
    assert ("g1", "g2") in {(m.a, m.b) for m in match_goals(goals, vectors)}
