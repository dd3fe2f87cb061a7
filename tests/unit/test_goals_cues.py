"""Conflict cues between goal statements: direction, negation, exclusivity, quantity, date."""

from __future__ import annotations

import math

import pytest

from coaltext.goals.cues import conflict, dates, overlap, quantities, residual, stance


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Increase coal output at the mine", "Reduce coal output at the mine", "direction"),
        ("Expanding the dealer network in Asia", "Limit the dealer network in Asia", "direction"),
        ("Share customer data between the partners", "Do not share customer data between the partners", "negation"),
        ("Publish the trial results", "Never publish the trial results", "negation"),
        ("Build the plant in Ohio", "We oppose building the plant in Ohio", "negation"),
        ("Obtain an exclusive licence to the software", "Grant only non-exclusive licences to the software", "exclusivity"),
        ("Jointly own all project IP", "All project IP is owned solely by the sponsor", "exclusivity"),
        ("Split profits 50/50", "Split profits 70/30", "quantity"),
        ("Hold a 51% stake in the venture", "Hold no more than 40% of the venture", "quantity"),
        ("A 3-year initial term", "A 10-year initial term", "quantity"),
        ("Contribute $10 million", "Contribute $25 million", "quantity"),
        ("A 50/50 cost split for the campaign", "The larger partner pays 75% of the campaign", "quantity"),
        ("Launch the card before June 2026", "Launch the card no earlier than 2027", "date"),
        ("Sign by Q1 2026", "Sign after Q3 2026", "date"),
        ("Exit the venture in 2030", "Keep the venture until at least 2035", "date"),
    ],
)
def test_cues_conflict_kinds(a, b, kind):
    found = conflict(a, b)
    assert found is not None, (a, b)
    assert found.kind == kind
    assert conflict(b, a) is not None  # symmetric


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Increase coal output at the mine", "Raise coal production at the mine"),
        ("Reduce carbon emissions", "Cut carbon emissions"),
        ("Keep overhead below 10% of the budget", "Overhead should not exceed 8% of the budget"),
        ("Finish the plant before 2027", "Complete the plant by the end of 2026"),
        ("Start vehicle tests after 2027", "Begin vehicle tests in 2029"),
        ("Contribute at least $10 million", "Invest $12 million"),
        ("Exclusive access to the shared lab", "Exclusive access to the shared lab on weekdays"),
        ("Avoid delays in delivering the prototype", "Deliver the prototype on time"),
        ("Split revenue 70/30", "Split revenue 70/30 between the partners"),
    ],
)
def test_cues_agreeing_goals_are_not_conflicts(a, b):
    assert conflict(a, b) is None, conflict(a, b)


def test_cues_direction_needs_the_same_object_when_given():
    a, b = "Cut travel costs", "Raise marketing spend"
    assert conflict(a, b, object_similarity=0.2) is None
    assert conflict(a, b, object_similarity=0.9).kind == "direction"


def test_cues_stance_negation_flips_direction():
    assert stance("Increase prices").direction == 1
    assert stance("Avoid price increases").direction == -1
    assert stance("Avoid price increases").negated
    assert stance("non-exclusive licence").exclusivity == -1
    assert stance("exclusive licence").exclusivity == 1


def test_cues_quantities_bounds_and_kinds():
    q = {x.kind: x for x in quantities("at least 30% of capacity, up to $2 million, 50/50 split, 4 board seats")}
    assert q["percent"].low == 30 and math.isinf(q["percent"].high)
    assert q["money"].high == 2e6 and math.isinf(q["money"].low)
    assert q["ratio"].low == 0.5
    assert q["board"].low == q["board"].high == 4  # unit: the word after the number


def test_cues_dates_bounds():
    (d,) = dates("no later than Q2 2026")
    assert math.isinf(d.low) and d.high == 2026 * 12 + 5
    (d,) = dates("only after June 2029")
    assert d.low == 2029 * 12 + 6 and math.isinf(d.high)
    (d,) = dates("in March 2027")
    assert d.low == d.high == 2027 * 12 + 2


def test_cues_overlap_and_residual_ignore_cue_words():
    assert overlap("Increase coal output", "Reduce coal output") == 1.0
    assert overlap("Increase coal output", "Publish research") == 0.0
    assert residual("Do not increase coal output") == "coal output"
