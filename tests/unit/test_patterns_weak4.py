"""Governance the head reads into one party's control or approval (BODY_REQUIRED in classify/engine.py).

The hand labels (GUIDELINES: committees, managers, meetings, voting/decision rights, deadlock) count a body
or process the parties run together; the head also gave governance to "COMPANY shall have sole control
over the content … and 'look and feel' of the Web site" (0.93). Small hand-written clauses only.
"""

from __future__ import annotations

import pytest


def _control_head():
    """A head that has learnt "control" as a sign of governance, as the real one learnt "sole control",
    "look and feel" and "co-branded" from CUAD's co-branding agreements."""
    import numpy as np

    from coaltext.classify import type_ids
    from coaltext.classify.head import ClauseHead

    types = list(type_ids())
    coef = np.zeros((len(types), 1), np.float32)
    coef[types.index("governance"), 0] = 12.0
    stack = np.tile(np.array([1.0, 3.0, -4.0], np.float32), (len(types), 1))
    return ClauseHead(types=types, features="tfidf", coef=coef, intercept=np.zeros(len(types), np.float32),
                      vocab=["control"], idf=np.ones(1, np.float32), stack=stack,
                      heading_reliability={t: 0.8 for t in types})


def _clause(cid, text, heading=None, parent=None, start=0, level=1):
    from coaltext.types import Clause

    return Clause(id=cid, heading=heading, level=level, parent=parent, start=start, end=start + len(text), text=text)


def _governance(clauses):
    from coaltext.classify.engine import ClauseClassifier

    out = ClauseClassifier(_control_head()).classify(clauses)
    return [{t.type: t for t in labels}.get("governance") for labels in out]


SOLE = 'Company shall have sole control over the content, composition and "look and feel" of the Web site.'


def test_one_partys_sole_control_is_not_governance():
    from coaltext.classify.engine import THRESHOLD

    got = _governance([_clause("c1", SOLE)])[0]
    assert got is not None and got.score < THRESHOLD  # held: a weak candidate, whose explanation says why
    assert got.explanation[-1].rule == "body_required.governance"
    approval = "Licensor shall have prior written approval of all marketing materials, under its quality control."
    assert _governance([_clause("c1", approval)])[0].score < THRESHOLD


@pytest.mark.parametrize("text", [
    "The Joint Steering Committee shall control the development program.",  # a pattern fires
    "Each party's representatives shall meet to control the schedule of the launch.",
    "Decisions on the control of the budget shall be taken by both parties.",
    "The JSC shall control the implementation of the Marketing Plan.",
    "Each Party has designated a point of contact to control communications between the Parties.",
])
def test_a_clause_naming_a_joint_body_or_process_keeps_the_heads_governance(text):
    from coaltext.classify.engine import THRESHOLD

    assert _governance([_clause("c1", text)])[0].score >= THRESHOLD
    assert _governance([_clause("c1", SOLE)])[0].score < THRESHOLD


@pytest.mark.parametrize("text", [
    # joint governance worded without a committee (a review found a first version holding these)
    "The business of the JV shall be managed jointly by the Parties, and control of it shall be shared equally.",
    "The Parties shall jointly determine the annual budget; neither shall have sole control of it.",
    "The Project Leaders shall act by consensus; failing that, neither Party has sole control.",
    "Any change to the control of the plan requires the prior written approval of both Parties.",
    "Each Party shall have final approval of the plan's control; if the Parties are unable to agree, the prior plan shall apply.",
])
def test_joint_control_worded_without_a_committee_keeps_the_heads_governance(text):
    from coaltext.classify.engine import THRESHOLD

    assert _governance([_clause("c1", text)])[0].score >= THRESHOLD


def test_the_hold_needs_one_partys_control():
    """A clause that names no body but shows no one party's control either is left to the head."""
    from coaltext.classify.engine import THRESHOLD

    assert _governance([_clause("c1", "The Parties shall control the pace of the launch.")])[0].score >= THRESHOLD


def test_a_heading_naming_governance_keeps_it():
    from coaltext.classify.engine import THRESHOLD

    assert _governance([_clause("c1", "Governance. " + SOLE, heading="Governance")])[0].score >= THRESHOLD
    assert _governance([_clause("c1", "Web Site. " + SOLE, heading="Web Site")])[0].score < THRESHOLD


def test_a_committees_list_item_reads_its_parents_lead_in():
    """"(ii) have sole control of …" names no body; the lead-in "The JSC shall:" does."""
    from coaltext.classify.engine import THRESHOLD

    lead = "3.2 The JSC shall: "
    item = "(ii) have sole control of the content of each Annual Marketing Plan;"
    parent = _clause("c1", lead + item)
    child = _clause("c2", item, parent="c1", start=len(lead), level=2)
    assert _governance([parent, child])[1].score >= THRESHOLD
    # the same item under a lead-in that names one party only is held
    lead = "3.2 Licensee shall: "
    parent = _clause("c1", lead + item)
    child = _clause("c2", item, parent="c1", start=len(lead), level=2)
    assert _governance([parent, child])[1].score < THRESHOLD


def test_names_body_words():
    from coaltext.classify.engine import names_body

    assert names_body("governance", "the JDC will review the plan")
    assert not names_body("governance", "the jdc will review the plan")  # an acronym only in capitals
    assert names_body("governance", "decided by a majority of the Board")
    assert not names_body("governance", 'Excite will have final approval over the "look and feel" of the Impressions')


def test_a_list_item_parsed_as_a_sibling_reads_the_clause_before_it():
    from coaltext.classify.engine import THRESHOLD

    lead = "3.2 The Steering Committee shall: "
    item = "(i) have sole control of the content of each Annual Marketing Plan;"
    got = _governance([_clause("c1", lead), _clause("c2", item, start=len(lead))])
    assert got[1].score >= THRESHOLD
    lead = "3.2 Licensee shall: "
    got = _governance([_clause("c1", lead), _clause("c2", item, start=len(lead))])
    assert got[1].score < THRESHOLD


@pytest.mark.parametrize("text, rule, fires", [
    ("Shares sold to dealers shall be for resale by such dealers only at the public offering price.",
     "price_restriction.resale_only_at", True),
    ("Distributor may resell the Products only at the prices set out in Exhibit B.", "price_restriction.resale_only_at", True),
    # near miss: a place, not a price
    ("Distributor may resell the Products only in the Territory and at its own risk.", "price_restriction.resale_only_at", False),
    ("provided that the supply price for Product is no more than [...***...] percent ([...***...]%) of the "
     "clinical supply price last proposed by Supplier.", "price_restriction.no_more_than_price", True),
    ("The pricing charged to Buyer shall be no greater than the then-current List Price.",
     "price_restriction.no_more_than_price", True),
    # near miss: a quantity, not a price
    ("The number of units is no more than ten percent of the forecast, at the prices in Exhibit A.",
     "price_restriction.no_more_than_price", False),
    # near miss: a time, not a price
    ("The Shares may be sold only at a time when market prices exceed the Floor.", "price_restriction.resale_only_at", False),
])
def test_weak4_price_patterns(text, rule, fires):
    from coaltext.classify.rules import patterns

    assert (rule in {h.rule for h in patterns().find(text)}) is fires


@pytest.mark.timeout(10)  # a hang guard: each "[]" pair once doubled the paths tried (24 pairs: 26 s)
def test_price_cap_pattern_on_bracket_runs_does_not_backtrack():
    from coaltext.classify.rules import patterns

    text = "The price is no more than " + "[]" * 40 + " x."
    assert "price_restriction.no_more_than_price" not in {h.rule for h in patterns().find(text)}
