"""Conflict cues between goal statements: direction, negation, exclusivity, quantity, date."""

from __future__ import annotations

import math

import pytest

from coaltext.goals.cues import conflict, dates, head_clause, overlap, ownership, quantities, residual, stance, stem


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Increase coal output at the mine", "Reduce coal output at the mine", "direction"),
        ("Expanding the dealer network in Asia", "Limit the dealer network in Asia", "direction"),
        ("Share customer data between the partners", "Do not share customer data between the partners", "negation"),
        ("Publish the trial results", "Never publish the trial results", "negation"),
        ("Build the plant in Ohio", "We oppose building the plant in Ohio", "negation"),
        ("Obtain an exclusive licence to the software", "Grant only non-exclusive licences to the software", "exclusivity"),
        ("Jointly own all project IP", "All project IP is owned solely by the sponsor", "ownership"),
        ("Split profits 50/50", "Split profits 70/30", "quantity"),
        ("Hold a 51% stake in the venture", "Hold no more than 40% of the venture", "quantity"),
        ("A 3-year initial term", "A 10-year initial term", "quantity"),
        ("Contribute $10 million", "Contribute $25 million", "quantity"),
        ("A 50/50 cost split for the campaign", "The larger partner pays 75% of the campaign", "quantity"),
        ("Launch the card before June 2026", "Launch the card no earlier than 2027", "date"),
        ("Sign by Q1 2026", "Sign after Q3 2026", "date"),
        ("Exit the venture in 2030", "Keep the venture until at least 2035", "date"),
        ("Require unanimous consent for budget decisions", "Allow budget decisions by majority vote", "decision rule"),
        ("Keep governance decisions unanimous", "Governance decisions by simple majority", "decision rule"),
        ("Admit new members by consensus of all members", "Admit new members by a two-thirds vote", "decision rule"),
        ("You're gonna have to have a number keypad anyway", "I don't actually think we need the numeric keypad", "need"),
        ("We need a number keypad for all the channels", "The number keypad can be quite annoying", "need"),
        ("Hold the demo in June 2020", "Postpone the demo by two to three months", "timing"),
        ("Open the shared warehouse on schedule", "Push back the opening of the warehouse by six months", "timing"),
        ("Settle disputes by ICC arbitration in London", "Have disputes decided by the Delhi courts", "forum"),
        ("Disputes go to ICC arbitration seated in Paris", "Arbitration of disputes in Geneva under the ICC rules", "forum"),
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
        ("Decide governance matters by majority vote", "Governance decisions by simple majority"),
        ("The chair has a casting vote on ties", "The chair has the casting vote when the board is split"),
        ("We need more engineers on the battery project", "The battery project requires additional engineers"),
        ("Avoid delays in the product launch", "Launch the product on schedule"),
        ("Settle disputes by arbitration in Stockholm", "Use SCC arbitration in Stockholm for all disputes"),
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


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # CaSiNo (real wording): a "no" inside the stated reason negates nothing
        ("more water, because Camping in the desert with no water source", "more water, because I get dehydrated"),
        ("Increase water supply for the camp since there is no water source nearby", "Increase water supply for the camp"),
        ("High priority: more food, because Not much food/vegetation growing so no hunting", "Medium priority: more food"),
        ("Because no partner can fund it alone, expand the training programme", "Expand the training programme"),
        # a negation that covers nothing the other goal says
        ("Increase the water supply for the camp, with no extra cost", "Increase the water supply for the camp"),
    ],
)
def test_cues_negation_in_a_reason_is_no_conflict(a, b):
    assert conflict(a, b) is None, conflict(a, b)
    assert conflict(b, a) is None


def test_cues_negation_of_the_goal_itself_still_conflicts():
    assert conflict("Do not increase the water supply for the camp", "Increase the water supply for the camp") is not None
    assert conflict("Share data, because no partner can do it alone", "Do not share data").kind == "negation"


def test_cues_head_clause_drops_reasons_and_labels():
    assert head_clause("High priority: more water, because there is no water source") == "more water,"
    assert head_clause("Expand the seed bank, since no partner can store seeds alone") == "Expand the seed bank,"
    assert head_clause("Grow the network so that members save costs") == "Grow the network"


def test_cues_joint_venture_is_a_name_not_an_openness_cue():
    goal = "Market and sell alternate fuel systems in India through the joint venture company"
    assert stance(goal).exclusivity == 0
    assert conflict(goal, "The JVC has the exclusive right to market and sell alternate fuel systems in India") is None
    assert stance("Jointly market the systems in India").exclusivity == -1  # "jointly" still is one


def test_goals_cues_different_places_are_a_venue_conflict():
    c = conflict("Headquarter the venture in Rotterdam for tax reasons.", "Base the joint venture company in Singapore.")
    assert c is not None and c.kind == "venue" and "Rotterdam" in c.reason
    assert conflict("Open a joint research lab in Toronto.", "We'd like the joint lab to be in Toronto.") is None
    assert conflict("Launch the product in June.", "Launch the product in June with a press event.") is None  # a month is no place


def test_goals_cues_forum_elsewhere_and_restraint_are_goal_conflicts_too():
    c = conflict("Settle disputes by ICC arbitration in Singapore", "Arbitration proceedings shall be conducted at London")
    assert c is not None and c.kind in ("forum", "venue")
    c = conflict("We want to be free to recruit engineers from the partner's team.", "Neither partner may recruit the other's engineers.")
    assert c is not None and c.kind == "restraint"


def test_goals_cues_free_to_reads_as_open():
    c = conflict("We need exclusive distribution rights for Scandinavia", "We want to remain free to sell through other distributors in Scandinavia")
    assert c is not None and c.kind == "exclusivity"


def test_goals_cues_a_leading_clause_number_is_no_count():
    assert [q.text for q in quantities("2.6 Subject to clause 4, each party holds 40% of the shares")] == ["40%"]
    assert [q.kind for q in quantities("Appoint 3 directors")] == ["director"]


def test_goals_cues_numbers_in_words_are_quantities():
    c = conflict("Set the minimum order at 500 units per month.", "We can only commit to two hundred units a month.")
    assert c is not None and c.kind == "quantity"
    c = conflict("We should receive 60% of net profits.", "Split the profits fifty-fifty.")
    assert c is not None and c.kind == "quantity"
    c = conflict("We need €3.5M for marketing.", "Cap the marketing budget at two million euros.")
    assert c is not None and c.kind == "quantity"


_NOT_ONE_PLACE = [
    ("Publish the report in Nature", "Publish the report in Science"),  # journals
    ("Offer the training in Hindi", "Offer the training in Tamil"),  # languages
    ("Recruit nurses in Kenya", "Recruit nurses in Uganda"),  # both can happen
    ("Sell the LPG kits to Toyota", "Sell the LPG kits to Honda"),  # customers
    ("Expand into Asia", "Expand into Europe"),  # regions
    ("Send monthly updates to Northwind", "Send quarterly updates to Southgate"),  # parties
    ("Open a sales office in Rotterdam", "Open a sales office in Singapore"),  # offices: several may be
    ("Cut costs at the Ohio plant", "Raise output at the Texas plant"),  # two plants
    ("Disputes go to the courts of England", "Disputes go to the courts in London"),  # London is in England
    ("Disputes go to the United States District Court for the Southern District of New York", "Disputes go to the courts of New York"),
    ("Disputes go to the Court of Rome", "Disputes go to the Italian courts"),
    ("Hold the annual meeting in Exhibit Hall", "Hold the annual meeting in Supreme Hall"),  # no known places
]


def test_goals_cues_venue_needs_one_thing_and_two_known_places_apart():
    for a, b in _NOT_ONE_PLACE:
        for x, y in ((a, b), (b, a)):
            c = conflict(x, y)
            assert c is None or c.kind not in ("venue", "forum"), (x, y, c)
    for a, b in [
        ("Host the summit in Nairobi", "Host the summit in Geneva"),
        ("We'd like this year's annual meeting to be in Geneva.", "Hold the annual partner meeting in Nairobi."),
        ("Headquarter the venture in Rotterdam for tax reasons.", "Base the joint venture company in Singapore."),
        ("Disputes go to the courts of England", "Disputes go to the courts of New York"),
    ]:
        for x, y in ((a, b), (b, a)):
            c = conflict(x, y)
            assert c is not None and c.kind in ("venue", "forum"), (x, y)


def test_goals_cues_a_count_per_party_is_no_total():
    assert conflict("The board has four directors, two per party", "Each Party shall appoint two directors.") is None
    assert conflict("Each partner appoints two directors", "The board has four directors") is None
    c = conflict("The board has four directors", "The board has six directors")
    assert c is not None and c.kind == "quantity"


def test_goals_cues_stem_undoes_a_doubled_consonant():
    # "must not be admitted" and "admit" name one act; "added" keeps its stem "add"
    assert stem("admitted") == stem("admitting") == stem("admit") == "admit"
    assert stem("planned") == "plan" and stem("added") == "add" and stem("called") == "call" and stem("passed") == "pass"


def test_goals_cues_a_passive_negation_of_the_same_act_is_a_conflict():
    a, b = "Siemens Energy must not be admitted as a new member", "Admit Siemens Energy as a new member in 2027"
    for x, y in ((a, b), (b, a)):
        c = conflict(x, y, object_similarity=0.94)
        assert c is not None and c.kind == "negation" and "must not" in c.reason and "admit" in c.reason


def test_goals_cues_objecting_to_an_act_negates_it():
    # c3 minutes: the objector's reason ("a direct competitor") and the other's date keep the
    # cue-free cosine at 0.56, below conflict_object_cosine; the negated act is the other's act
    a = "Vattenfall objects to admitting Siemens Energy, a direct competitor."
    b = "We want to admit Siemens Energy as a new member in June."
    c = conflict(a, b, object_similarity=0.56)
    assert c is not None and c.kind == "negation" and "object to" in c.reason and "siemens energy" in c.reason
    c = conflict("We are against hiring external auditors", "Hire external auditors for the venture")
    assert c is not None and c.kind == "negation"
    # the act negated is not the other goal's act: no conflict
    assert conflict("Vattenfall objects to delaying the audit", "Admit Siemens Energy as a member", object_similarity=0.3) is None


def test_goals_cues_sole_against_joint_ownership_is_a_conflict():
    a, b = "Each member owns the results it generates", "Results are jointly owned by all members"
    for x, y in ((a, b), (b, a)):
        c = conflict(x, y)
        assert c is not None and c.kind == "ownership" and "it generates" in c.reason and "jointly" in c.reason
    assert ownership("Results remain the property of the party that generated them")[0] == 1
    assert ownership("Each partner keeps title to the IP it develops")[0] == 1
    assert ownership("Foreground belongs to all partners jointly")[0] == -1


@pytest.mark.parametrize(
    "text",
    [
        "Vattenfall wants jointly owned results to be exploited without compensation to the other owners.",  # a kind of result
        "EDF wants a royalty paid to the other joint owners when jointly owned results are exploited.",
        "Let each member hospital buy its own supplies locally.",  # "its own": no ownership stated
        "Each member generates results alone",  # no ownership word
    ],
)
def test_goals_cues_ownership_needs_a_stated_position(text):
    assert ownership(text) == (0, "")


def test_goals_cues_agreeing_or_unrelated_ownership_is_no_conflict():
    assert conflict("Jointly own the intellectual property created in the project", "IP developed in the project is co-owned by the partners") is None
    # sole and joint, but of different things
    assert conflict("Each member owns the software it develops", "The test rigs are jointly owned by all members") is None


def test_goals_cues_a_period_is_no_count_per_party_and_within_stays_a_bound():
    a = "The coordinator keeps the EU contribution and pays each member within 30 days"
    assert [q.kind for q in quantities(a)] == ["day"]  # no count per member
    # "within N days" is an upper bound: a draft that pays within 30 days meets a goal of 90, and two
    # different obligations of one topic (report within 30, comments within 14) are no conflict
    assert conflict("Members are paid within 90 days of each payment", "pay each member within 30 days of each payment") is None
    assert conflict("Alpha will send the quarterly report to the members within 30 days", "Members may comment on the quarterly report within 14 days") is None
    # "within" stays an upper bound for what is no period
    assert conflict("Keep overhead within 10% of the budget", "Overhead should not exceed 8% of the budget") is None


def test_goals_cues_a_defined_term_collectively_is_no_joint_ownership():
    # CUAD wording: '(collectively, the "Marks")' names the marks; the owner is one party
    assert ownership('All Chase trademarks and service marks (collectively, the "Marks") are the exclusive property of Chase.')[0] == 1


def test_goals_cues_a_negation_with_a_condition_limits_the_act_rather_than_refusing_it():
    """Review: "Do not publish the results before the patent is filed" against "Publish the results
    in Nature" became a conflict through the negated act; a condition (before, without, unless,
    until, except) makes the negation a limit, not a refusal."""
    assert stance("Do not publish the results before the patent is filed").negated_act is None
    assert stance("Members will not admit new members without a unanimous vote").negated_act is None
    assert stance("Siemens Energy must not be admitted as a new member").negated_act == "admit"


def test_goals_cues_a_number_in_words_and_digits_is_one_quantity():
    """Contracts write "five (5) years", "thirty (30) days", "forty-five (45) days" (319 of the 407
    CUAD texts): no quantity was read from them, so the draft check called "initial term of 5 years"
    uncovered by "an initial term of five (5) years"."""
    def q(text):
        return [(x.kind, x.low, x.high) for x in quantities(text)]

    assert q("for an initial term of five (5) years") == [("year", 5.0, 5.0)]
    assert q("paid within thirty (30) days of receipt") == [("day", -math.inf, 30.0)]
    assert q("payable within 30 (thirty) days") == [("day", -math.inf, 30.0)]
    assert q("at least forty-five (45) days before submission") == [("day", 45.0, math.inf)]
    assert q("appoint three (3) directors") == [("director", 3.0, 3.0)]
    assert q("twenty four months") == [("month", 24.0, 24.0)]

