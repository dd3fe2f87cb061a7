"""The antitrust family (non-compete, exclusivity, non-solicitation, price restrictions): the
wordings the hand-labelled dev contracts use for them, and the look-alikes that are not them."""

from __future__ import annotations

import numpy as np
import pytest

from coaltext.classify import type_ids
from coaltext.classify.engine import ClauseClassifier
from coaltext.classify.head import ClauseHead
from coaltext.classify.rules import headings, patterns
from coaltext.types import Clause


def _rules(text: str) -> set[str]:
    return {h.rule for h in patterns().find(text)}


@pytest.mark.parametrize("text, rule, fires", [
    # price changes owe notice or need both parties
    ("Supplier may raise the base cost of the Services. Notice will be given to Reseller in writing no less than "
     "30 days prior to such increase taking effect.", "price_restriction.notice_before_change", True),
    ("Consultants shall be given written notice of any adjustments to compensation at least 14 days before they "
     "take effect.", "price_restriction.notice_before_change", True),
    ("Should Party B wish to make such adjustment of the prices, it shall notify Party A in writing two weeks in advance.",
     "price_restriction.notice_before_change", True),
    ("Licensee shall give notice to Licensor prior to any change of its address.", "price_restriction.notice_before_change", False),
    ("The fee formula may be revised from time to time to reflect market conditions, but only by mutual consent.",
     "price_restriction.mutual_change", True),
    ("This Agreement may be modified only by mutual written agreement of the parties.", "price_restriction.mutual_change", False),
    # fixed pricing the other party must honour
    ("Acme shall pay for the kits at cost (direct materials and labour) plus ten percent (10%).",
     "price_restriction.cost_plus_percent", True),
    ("Supplier will supply the Licensed Product to Distributor based on its COGS.", "price_restriction.cost_plus_percent", True),
    ("Each party shall reimburse the other's out-of-pocket expenses at cost.", "price_restriction.cost_plus_percent", False),
    ("Reseller shall sell the emails at no less than Publisher's then current standard rates.", "price_restriction.floor", True),
    ("At no point shall Company's total payments exceed $50,000 per quarter.", "price_restriction.payment_cap", True),
    ("In no event will Company be obligated to pay Licensor more than fifty percent of the revenues.",
     "price_restriction.payment_cap", True),
    ("In no event shall the Indemnifying Party be required to pay for more than one separate counsel.",
     "price_restriction.payment_cap", False),
    ("In no event shall Sponsor be required to pay Development Costs in excess of $90 million.",
     "price_restriction.payment_cap", False),
    ("Each Unit of a class shall be issued at the same price as all other Units of that class.",
     "price_restriction.same_price", True),
    ("Special pricing for large orders will need written approval from the Supplier.", "price_restriction.pricing_approval", True),
    ("Agent will afford Company the benefit of any discount pricing it receives from the printer.",
     "price_restriction.discount_pass_through", True),
    # an employee's new terms are no pricing term
    ("If the Executive is offered employment on terms no less favourable than those of this Agreement, he has no claim.",
     "price_restriction.no_less_favorable", False),
    ("Supplier shall offer Customer prices and terms no less favourable than those it offers any other customer.",
     "price_restriction.no_less_favorable", True),
    # exclusivity: an exclusive appointment, no dealing with competitors; not ownership or patent filing
    ("Agent's appointment shall be exclusive for the products listed in Schedule A.", "exclusivity.is_exclusive", True),
    ("The appointment shall be non-exclusive.", "exclusivity.is_exclusive", False),
    ("Publisher shall not run banner advertisements on the Site for any of Retailer's competitors.",
     "exclusivity.not_promote_competitors", True),
    ("Distributor will not carry any competitive products without Supplier's consent.", "exclusivity.not_carry_competing", True),
    ("Licensee acknowledges Licensor's exclusive right, title and interest in and to the Trademarks.",
     "exclusivity.exclusive_role", False),
    ("Acme shall have the sole and exclusive right to file patents claiming the Inventions.", "exclusivity.exclusive_role", False),
    ("Acme shall be the exclusive distributor of the Products in the Territory.", "exclusivity.exclusive_role", True),
    # non-compete: a field closed, a plain covenant, a territory; not a reference to another agreement
    ("During the Term, Beta will not conduct any research on the Target independently or with third parties.",
     "non_compete.field_closed", True),
    ("Neither Beta nor its Affiliates will develop any compound directed to a Target, either independently or for or "
     "in collaboration with a third party.", "non_compete.field_closed", True),
    ("Beta may perform the work itself or with a third party.", "non_compete.field_closed", False),
    ("The Developer will not compete with the Client directly or indirectly worldwide.", "non_compete.not_compete_with", True),
    ("Vapotherm is free to develop and sell products that may or may not compete with the Cartridges.",
     "non_compete.not_compete_with", False),
    ("Licensed Products may not be sold to any customer in the following countries without consent.",
     "non_compete.territory", True),
    ("Client shall comply with the Non-Competition Agreement between the parties.", "non_compete.non_compete", False),
    ("The Executive shall be bound by a covenant of non-competition for two years.", "non_compete.non_compete", True),
    # customers by other names
    ("Provider will not solicit any Portal Member on behalf of any Named Competitor.", "non_solicit.customers", True),
    ("Company shall not allow another Agent to solicit the existing Agent's book of business.", "non_solicit.customers", True),
])
def test_restraint_patterns_fire_on_the_restraint_and_not_on_look_alikes(text, rule, fires):
    assert (rule in _rules(text)) is fires


def test_solicitation_heading_means_people_or_customers_not_patents():
    assert "non_solicit" in {h.type for h in headings().find("6. Non-Solicitation")}
    assert "non_solicit" in {h.type for h in headings().find("C. SOLICITATION")}
    assert "non_solicit" in {h.type for h in headings().find("Solicitation of Employees")}
    assert "non_solicit" not in {h.type for h in headings().find("6.02 Solicitation of Program Patents")}
    assert "non_solicit" not in {h.type for h in headings().find("Solicitation of Proxies")}


def _soliciting_head() -> ClauseHead:
    """A head that has learnt "solicit" as a sign of non-compete (as the real one learnt "directly or
    indirectly, during the Term" from covenants that hold both)."""
    types = list(type_ids())
    vocab = ["solicit", "employee"]
    coef = np.zeros((len(types), 2), np.float32)
    coef[types.index("non_compete"), 0] = 12.0
    coef[types.index("exclusivity"), 0] = 12.0
    coef[types.index("non_solicit"), 1] = 12.0
    stack = np.tile(np.array([1.0, 3.0, -4.0], np.float32), (len(types), 1))
    return ClauseHead(types=types, features="tfidf", coef=coef, intercept=np.zeros(len(types), np.float32),
                      vocab=vocab, idf=np.ones(2, np.float32), stack=stack,
                      heading_reliability={t: 0.8 for t in types})


def _types(heading, body):
    text = f"6. {heading}. {body}" if heading else f"6. {body}"
    clause = Clause(id="c1", number="6.", heading=heading, level=1, parent=None, start=0, end=len(text), text=text)
    return {t.type for t in ClauseClassifier(_soliciting_head()).classify([clause])[0] if t.score >= 0.3}


def test_a_non_solicitation_heading_keeps_the_head_from_calling_it_a_non_compete():
    body = "Consultant will not, during the Term, directly or indirectly solicit any employee of the Company."
    assert {"non_compete", "exclusivity"} <= _types(None, body)  # the head alone would say so
    got = _types("Non-Solicitation", body)
    assert "non_solicit" in got and not {"non_compete", "exclusivity"} & got
    # a heading of both restraints, or a non-compete pattern in the body, still counts
    assert "non_compete" in _types("Non-Competition; Non-Solicitation", body)
    assert "non_compete" in _types("Non-Solicitation", body + " Consultant shall not compete with the Company.")
