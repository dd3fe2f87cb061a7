"""Key terms: governing law, expiry, initial term, renewal and the notice that stops it; the
seat, rules, arbitrators and language of an arbitration."""

from __future__ import annotations

import pytest

from coaltext.terms import (
    arbitration_clauses,
    arbitration_terms,
    court_forum,
    effective_date,
    effective_date_left_blank,
    governing_law,
    key_terms,
    term_and_renewal,
)
from coaltext.types import Clause, Coverage, TypeScore


@pytest.mark.parametrize(
    "sentence,place",
    [
        ("This Agreement shall be governed by and construed in accordance with the laws of the State of New York, "
         "without giving effect to its conflict of laws principles.", "New York"),
        ("THIS AGREEMENT SHALL BE GOVERNED BY THE LAWS OF THE STATE OF NEW YORK, WITHOUT REFERENCE TO ITS CONFLICT "
         "OF LAW PROVISIONS.", "New York"),
        ("This Agreement is governed by English law.", "England"),
        ("The Laws of the State of Delaware (without reference to its principles of conflicts of law) shall govern "
         "the construction of this Agreement.", "Delaware"),
        ("This Agreement will be construed in accordance with the substantive laws of the state of New York and of "
         "the United States of America.", "New York"),
        ("This Agreement shall be governed by the laws of the PRC.", "China"),
        ("10.1 The conclusion, validity and interpretation of this Agreement shall be governed by PRC Laws.", "China"),
    ],
)
def test_governing_law_names_the_place(sentence, place):
    found = governing_law(sentence)
    assert found is not None and found.value == place
    assert place.lower().split()[0][:4] in sentence[found.start : found.end].lower() or place in ("England", "China")


def test_governing_law_prefers_the_sentence_about_this_agreement():
    text = ("Licensee is a corporation governed by the laws of Delaware and in good standing. " + "Filler. " * 40
            + "This Agreement shall be governed by the laws of the State of Illinois.")
    assert governing_law(text).value == "Illinois"
    assert governing_law("Each party shall comply with applicable law.") is None


def _terms(text: str, effective: str | None = "2020-03-01") -> dict[str, str]:
    return {t.name: t.value for t in term_and_renewal([Clause(id="c1", level=1, start=0, end=len(text), text=text)], effective)}


def test_term_expiry_from_a_date_a_length_or_perpetual():
    assert _terms("The term of this Agreement shall commence on the Effective Date and conclude on October 31, 2022.") == {
        "expiry": "2022-10-31"}
    assert _terms("This Agreement shall commence on the Effective Date and continue for an initial term of five (5) years.") == {
        "initial_term": "5 years", "expiry": "2025-03-01"}
    # the term runs from a launch, not from the agreement's date: its length, but no expiry date
    assert _terms("The term of this Agreement will continue for 2 years following the Launch Date.") == {"initial_term": "2 years"}
    assert _terms("This Agreement shall remain in effect until terminated by either party.") == {"expiry": "perpetual"}
    # what lasts "during the term" or survives it says nothing of the agreement's own length
    assert _terms("During the term of this Agreement and for a period of five (5) years thereafter, the receiving "
                  "party shall keep the information confidential.") == {}


def test_renewal_term_and_the_notice_that_stops_it():
    text = ("Upon expiry of the Initial Term, this Agreement shall renew automatically for successive periods of two (2) "
            "years unless a Party gives written notice of non-renewal at least six (6) months before the end of the "
            "then-current term.")
    found = {t.name: t for t in term_and_renewal([Clause(id="c9", level=1, start=100, end=100 + len(text), text=text)], None)}
    assert found["renewal"].value == "2 years" and found["renewal_notice"].value == "6 months"
    assert text[found["renewal_notice"].start - 100 : found["renewal_notice"].end - 100] == "six (6) months"
    assert found["renewal"].clause == "c9" and found["renewal"].rule == "terms.renewal"


def test_effective_date_is_the_date_the_draft_defines_as_such():
    text = ('Source: ACME INC, 8-K, 12/3/2018\n\nThis Master Services Agreement, dated as of the 5th day of February, '
            '2020 (the "Effective Date"), is by and between Acme Corp. and Beta Ltd.')
    found = effective_date(text)
    assert found.value == "2020-02-05" and found.rule == "terms.effective_date.defined"
    assert text[found.start : found.end] == "5th day of February, 2020"
    assert effective_date('"Effective Date" means July 1, 2017.').value == "2017-07-01"
    assert effective_date("This Agreement is dated March 5, 2024 between Acme and Beta.") is None


def test_expiry_counts_from_the_start_the_term_sentence_names():
    text = "This Agreement shall begin on January 1, 2000 and continue for an initial period of five (5) years."
    assert _terms(text, effective="1999-10-13") == {"initial_term": "5 years", "expiry": "2005-01-01"}


def test_renewal_is_not_the_initial_term_of_the_same_sentence():
    found = _terms("This Agreement shall continue for an initial term of three (3) years, and thereafter shall be renewed "
                   "for successive terms of one year unless either party gives ninety (90) days prior written notice of "
                   "non-renewal.")
    assert found["initial_term"] == "3 years" and found["renewal"] == "1 year" and found["renewal_notice"] == "90 days"
    # a notice to terminate for convenience does not stop a renewal
    assert "renewal_notice" not in _terms("This Agreement shall renew automatically for successive one-year terms, "
                                          "provided that either party may terminate it for convenience on thirty (30) days notice.")


def _expiry(text: str, effective: str | None = "2020-03-01", whole: str = ""):
    """The expiry term read from one clause holding ``text`` (``whole``: the agreement's text)."""
    found = {t.name: t for t in term_and_renewal([Clause(id="c1", level=1, start=0, end=len(text), text=text)], effective, whole)}
    return found.get("expiry")


@pytest.mark.parametrize(
    "text,value,rule",
    [
        # an anniversary of the start, in words or digits
        ("The term of this Agreement will start on the Effective Date and will continue until the third (3rd) anniversary "
         "of the Effective Date.", "2023-03-01", "anniversary"),
        ("This Agreement takes effect on the Effective Date and shall run until the four (4) year anniversary of the "
         "Effective Date (the \"Initial Term\").", "2024-03-01", "anniversary"),
        # a length with two qualifiers, "therefrom", a "(N) year period" and "shall have an initial term of"
        ("This Agreement shall start on the Effective Date and shall continue for eighteen (18) full calendar months.",
         "2021-09-01", "start_plus_term"),
        ("The Term of this Agreement shall begin on the Effective Date and shall end nine months therefrom.", "2020-12-01",
         "start_plus_term"),
        ("The Term shall terminate at the end of the Sales Period (being a two (2) year period beginning on the Effective "
         "Date).", "2022-03-01", "start_plus_term"),
        ("This Agreement shall have an initial term of two (2) years from the date first written above.", "2022-03-01",
         "start_plus_term"),
        ("This Agreement shall commence on the Effective Date and shall extend for a period of three (3) years thereafter.",
         "2023-03-01", "start_plus_term"),
        ("The term of this Agreement is two years from and including the date of this Agreement.", "2022-03-01",
         "start_plus_term"),
        ("This Agreement shall remain in effect for a period of one year from the date of its execution.", "2021-03-01",
         "start_plus_term"),
        ("Term: six (6) months from the date of the Agreement, which term shall renew automatically.", "2020-09-01",
         "start_plus_term"),
        # the start is dated after the length
        ("The initial term of this Agreement shall be for two years commencing on the 1st day of July, 2018.", "2020-07-01",
         "start_plus_term"),
        # "perpetual" in other words: no fixed end, the term runs until a party ends it (the rule says which)
        ("The term of this Agreement will begin on signature and will end when terminated by either party.", "perpetual",
         "until_terminated"),
        ("This Agreement shall begin on the Effective Date and shall continue until it is terminated under Section 9.",
         "perpetual", "until_terminated"),
        ("This Agreement shall become effective on the Effective Date and shall continue in effect until either party "
         "notifies the other in writing.", "perpetual", "until_terminated"),
        ("This Agreement shall become effective on the date of execution and shall continue in force for an indefinite "
         "term thereafter unless terminated pursuant to Article 16.", "perpetual", "until_terminated"),
        ("The term of this Agreement shall be perpetual.", "perpetual", "perpetual"),
    ],
)
def test_expiry_wordings(text, value, rule):
    found = _expiry(text)
    assert found is not None and found.value == value and found.rule == f"terms.expiry.{rule}"
    assert found.clause == "c1" and 0 <= found.start < found.end <= len(text)


def test_expiry_from_two_dates_that_bound_the_term():
    found = _expiry("TERM OF SERVICE: From March 2, 2015 until September 1, 2015.")
    assert found.value == "2015-09-01" and found.rule in ("terms.expiry.date", "terms.expiry.date_range")
    found = _expiry("The term of this Agreement is January 1, 2021 - December 31, 2023.")
    assert found.value == "2023-12-31" and found.rule == "terms.expiry.date_range"
    text = '"Contract Period" shall mean the period commencing on January 1, 2001 and concluding December 31, 2004.'
    found = _expiry(text)
    assert found.value == "2004-12-31" and text[found.start : found.end] == "December 31, 2004"
    # a measuring period is not the term
    assert _expiry("Fees are reviewed if sales during the period 1 July 2010 - 30 June 2011 fall below the target.") is None


def test_expiry_counts_from_a_commencement_date_defined_elsewhere():
    whole = 'Definitions. "Commencement Date" means 14 August 2007. Other words.'
    text = "This Agreement shall commence on the Commencement Date and shall continue for an initial period of three years."
    found = _expiry(text, effective="2007-05-01", whole=whole)
    assert found.value == "2010-08-14" and found.rule == "terms.expiry.start_plus_term"
    # ... or in the clause itself
    text = "The commencement date for this contract will be 3rd March 2003. The initial term is 2 years from the commencement date."
    assert _expiry(text, effective="2003-01-01").value == "2005-03-03"
    text = "The Term ends on the fifth anniversary of the Commencement Date. The parties expect the Commencement Date to be May 2, 2011."
    assert _expiry(text, effective="2011-01-01").value == "2016-05-02"
    # without a definition the effective date stands for "the Commencement Date" ...
    assert _expiry("This Agreement shall commence on the Commencement Date and shall continue for two years.").value == "2022-03-01"
    # ... but not where the text makes it an event, nor for another named day it never dates
    whole = '"Commencement Date" means the date on which the Services are first delivered.'
    assert _expiry("This Agreement shall commence on the Commencement Date and shall continue for two years.", whole=whole) is None
    assert _expiry("This Agreement shall remain in force until the fifth anniversary of the Services Commencement Date.") is None


@pytest.mark.parametrize("text", [
    # the length runs from an event, whatever the sentence dates before it
    "This Agreement shall continue for ten (10) years from the date of the First Commercial Sale.",
    "This Agreement, dated as of May 1, 2019, shall continue for three years from the date on which the first Product is launched.",
    "This Amendment, effective as of January 1, 2020, extends the term for two (2) years from the expiration of the Original Term.",
    # a renewal that "extends" is not the initial term
    "Upon expiry of the Initial Term, this Agreement shall extend for a further term of one (1) year unless either party gives "
    "notice of non-renewal.",
    # whichever of two ends comes later
    "This Agreement shall continue until the later to occur of the third anniversary of the Effective Date and the date on "
    "which the last Product is delivered.",
    "This Agreement shall continue until the third anniversary of the Effective Date or the completion of the Project, "
    "whichever is later.",
    # other periods, and another agreement's past term
    "The introductory pricing period is January 1, 2020 to June 30, 2020.",
    "The term of the Original Agreement was from January 1, 2015 until December 31, 2017.",
    "Minimum purchases for the first Contract Year ending on December 31, 2020 are set out in Exhibit B.",
    '1.37 "Contract Year" means each twelve-month period ending on September 30, 2020 and each anniversary of it.',
])
def test_expiry_gives_no_date_it_cannot_stand_behind(text):
    assert _expiry(text) is None


def test_a_stated_length_wins_over_an_anniversary_said_for_something_else():
    found = _expiry("This Agreement shall continue for five (5) years from the Effective Date, and the prices shall be "
                    "renegotiated on the second anniversary of the Effective Date.")
    assert found.value == "2025-03-01" and found.rule == "terms.expiry.start_plus_term"


def test_an_anniversary_counts_its_own_number():
    found = _expiry("This Agreement shall continue until the twenty-five (25) year anniversary of the Effective Date.")
    assert found is None or found.value == "2045-03-01"
    assert _expiry("This Agreement shall continue until the twenty-fifth anniversary of the Effective Date.") is None
    assert _expiry("This Agreement shall expire on the 2nd anniversary of the Effective Date.").value == "2022-03-01"


def test_expiry_is_not_a_bound_a_cure_period_another_date_or_a_later_sentence():
    # bounds and deadlines are not the term
    assert _expiry("Either party may terminate this Agreement if the other fails to cure a breach within a period of "
                   "30 days of being notified.") is None
    assert _expiry("After expiry, the Supplier shall continue to serve the Customer for a maximum period of six (6) months.") is None
    assert _expiry("This Agreement shall remain in force for at least one year thereafter.") is None
    # the end word stands before the date, not before another agreement's date
    assert _expiry("This Agreement is an amendment to that certain Supply Agreement dated March 7, 2016 and shall be read "
                   "with it.") is None
    # a term that starts on an event; its length, but no date
    assert _expiry('The term of this Agreement shall be ten (10) years (the "Term") which shall commence on the date upon '
                   "which the Company delivers the last sample.") is None
    assert _expiry("The license shall be for an initial period of 36 months, commencing from the acceptance date.") is None
    # a later sentence's length does not date the term another sentence gave
    text = ('The term of this Agreement shall be ten (10) years (the "Term") which shall commence on the day the last '
            "Sample is delivered. Thereafter the Agreement shall be renewable for one (1) year terms.")
    assert _expiry(text) is None
    # a calendar quarter of the term, another defined period
    assert _expiry("The first Calendar Quarter of the Term shall commence on the Effective Date and end on June 30, 2020.") is None
    assert _expiry('"Year" means the period commencing with the date of this Agreement and ending on November 7th 2021.') is None
    # what runs after the initial term is no perpetual term
    assert _expiry("Following the end of said Initial Term, this Agreement shall continue on a year to year basis until "
                   "terminated by either party.") is None


def test_governing_law_cites_the_place_and_only_the_place():
    text = "THIS AGREEMENT IS GOVERNED BY THE LAWS OF THE STATE OF NEW YORK WITHOUT REGARD TO CONFLICTS OF LAW PRINCIPLES."
    found = governing_law(text)
    assert found.value == "New York" and text[found.start : found.end] == "LAWS OF THE STATE OF NEW YORK"
    vague = governing_law("THIS AGREEMENT IS GOVERNED BY THE LAWS OF THE STATE IN WHICH THE RESTAURANT IS LOCATED.")
    assert vague is None or vague.value != "State"
    # a party's charter in another sentence does not make that sentence about this agreement
    text = ("Licensee, a corporation governed by the laws of Delaware, enters into this Agreement with Licensor. "
            + "The parties agree as set out below. " * 10 + "This Agreement shall be governed by the laws of the State of Illinois.")
    assert governing_law(text).value == "Illinois"


def test_effective_date_needs_its_definition_and_whole_dates():
    assert effective_date('The Term begins on March 1, 2021. The "Effective Date" shall be the date the last party signs.') is None
    assert effective_date('This Agreement is dated as of June 2, 2019 (the "EFFECTIVE DATE").').value == "2019-06-02"
    # a date just outside the look-back window is not cut into another date
    found = effective_date("dated 11/15/2020 " + "x" * 150 + ' (the "Effective Date")')
    assert found is None or found.value == "2020-11-15"


def test_second_review_cases():
    # "Acme Inc." does not end the sentence whose subject is this agreement
    text = ("Licensee is a corporation governed by the laws of Delaware. " + "Filler words here. " * 5
            + "Any claim under this Agreement by Acme Inc. shall be governed by the laws of the State of New York.")
    assert governing_law(text).value == "New York"
    text = "This Agreement is governed by the laws of the State of Florida. Jurisdiction shall lie in Miami."
    found = governing_law(text)
    assert found.value == "Florida" and text[found.start : found.end] == "laws of the State of Florida"
    # a renewal length named by its defined term; an unquoted defined Effective Date
    assert _terms('The term commences on May 1, 2020 and ends on April 30, 2029, with automatic renewals each for a '
                  'period of five (5) years (a "Renewal Term") unless either party gives notice of non-renewal.') == {
        "expiry": "2029-04-30", "renewal": "5 years"}
    assert effective_date("made December 3, 2018 (the Effective Date) by and between Acme and Beta").value == "2018-12-03"
    assert effective_date("April 15, 2000 through October 15, 2000 (6 Months from the Effective Date)") is None


def _arbitration(*texts: str, parent: str | None = None) -> dict[str, str]:
    clauses, pos = [], 0
    for i, t in enumerate(texts):
        clauses.append(Clause(id=f"c{i}", level=2, parent=parent, start=pos, end=pos + len(t), text=t))
        pos += len(t) + 1
    return {t.name: t.value for t in arbitration_terms([(c, c.text, True) for c in clauses])}


@pytest.mark.parametrize(
    "text,want",
    [
        ("Any dispute shall be finally settled under the Rules of Arbitration of the International Chamber of Commerce by "
         "three (3) arbitrators. The seat of arbitration shall be Paris, France. The arbitration shall be conducted in the "
         "English language.",
         {"arbitration_seat": "Paris, France", "arbitration_rules": "International Chamber of Commerce (ICC)",
          "arbitrators": "3", "arbitration_language": "English"}),
        # a language before the place: the place is the second "in"
        ("Any such arbitration will be conducted in English in the State of Delaware by one (1) arbitrator under the rules of JAMS.",
         {"arbitration_seat": "Delaware", "arbitration_rules": "JAMS", "arbitrators": "1", "arbitration_language": "English"}),
        ("All disputes shall be settled by binding arbitration in Los Angeles County, California, in accordance with the "
         "Commercial Arbitration Rules of the American Arbitration Association.",
         {"arbitration_seat": "Los Angeles County, California", "arbitration_rules": "American Arbitration Association (AAA)"}),
        ("Disputes shall be resolved by arbitration under the International Arbitration Rules of the American Arbitration "
         "Association. The place of arbitration shall be The Hague, Netherlands.",
         {"arbitration_seat": "The Hague, Netherlands", "arbitration_rules": "International Centre for Dispute Resolution (ICDR)"}),
        # each party appoints one and the two appoint a third: three; a heading number is not a count
        ("19.2.1 Arbitrators. Each party shall appoint one arbitrator and the two so appointed shall appoint the third "
         "arbitrator. The arbitration shall be governed by the Arbitration and Conciliation Act, 1996.",
         {"arbitrators": "3", "arbitration_rules": "Arbitration and Conciliation Act, 1996"}),
    ],
)
def test_arbitration_terms(text, want):
    assert _arbitration(text) == want


def test_arbitration_terms_left_open_or_not_about_arbitration():
    # the number is not fixed
    assert "arbitrators" not in _arbitration("The dispute shall be decided by one or more arbitrators under the ICC Rules.")
    assert "arbitrators" not in _arbitration(
        "Arbitration shall be by a single arbitrator mutually acceptable to the parties.",
        "If the parties are unable to agree upon a single arbitrator, each party shall select an arbitrator and the two "
        "arbitrators shall select the third arbitrator.")
    # mediation under an arbitration body's rules names no arbitration rules; a party called ICC is no institution
    assert _arbitration("Any mediation shall be conducted under the Commercial Mediation Rules of the American Arbitration "
                        "Association.") == {}
    assert "arbitration_rules" not in _arbitration("Disputes shall be settled by arbitration; one arbitrator shall be "
                                                   "appointed by ICC and one by the Company.")
    # a court named for enforcing the award is not the seat
    assert "arbitration_seat" not in _arbitration("Judgment on the award of the arbitrator may be entered in any court of "
                                                  "competent jurisdiction in New York.")


def test_arbitration_seat_in_a_sibling_clause():
    clauses = [Clause(id="a", level=1, start=0, end=10, text="9. Arbitration"),
               Clause(id="b", level=2, parent="a", start=11, end=80, text="9.1 Disputes shall be settled by arbitration under the LCIA Rules."),
               Clause(id="c", level=2, parent="a", start=81, end=150, text="9.4 The seat, or legal place, of arbitration shall be London, England."),
               Clause(id="d", level=1, start=151, end=200, text="10. Notices to Acme at 1 Main Street, New York.")]
    picked = arbitration_clauses(clauses, ["b"])
    assert [(c.id, part) for c, _, part in picked] == [("b", True), ("a", False), ("c", False)]  # not another section
    deeper = clauses[:3] + [Clause(id="c1", level=3, parent="c", start=151, end=200, text="(a) in London.")]
    assert [c.id for c, _, _ in arbitration_clauses(deeper, ["b"])] == ["b", "a", "c", "c1"]  # a sibling's sub-clause too
    terms = {t.name: t for t in arbitration_terms(picked)}
    assert terms["arbitration_seat"].value == "London, England" and terms["arbitration_seat"].clause == "c"
    assert clauses[2].text[terms["arbitration_seat"].start - 81 : terms["arbitration_seat"].end - 81] == "London, England"



def test_a_seat_described_by_a_party_is_a_seat_in_the_clause_words():
    clause = Clause(id="c", level=1, start=0, end=200, text=(
        "The arbitration will be held in the county in which Excite@Home has its principal place of business."))
    terms = {t.name: t for t in arbitration_terms([(clause, clause.text, True)])}
    assert terms["arbitration_seat"].value == "the county in which Excite@Home has its principal place of business"
    assert terms["arbitration_seat"].rule == "terms.arbitration_seat.described"
    # a described place that depends on no one is no seat
    assert _arbitration("The arbitration shall be held in the city agreed later.") == {}


@pytest.mark.parametrize(
    "text",
    [  # review cases: a court, the law or a mediation venue is no seat
        "Any controversy that is not subject to arbitration shall be determined exclusively by the state and federal courts in "
        "Wilmington, Delaware.",
        "The arbitration shall be administered by JAMS in accordance with its rules, and any court in Orange County may enter "
        "judgment on the award.",
        "Judgment upon the arbitral award may be entered by the courts situated in Cook County, Illinois.",
        "Any arbitration proceedings shall be determined in accordance with the substantive law in force in England.",
        "Mediation proceedings shall be held in Chicago, Illinois and, failing settlement within 60 days, the dispute shall be "
        "resolved by arbitration.",
        "Should the claimant fail to appoint an arbitrator in the Request for Arbitration, the ICC Court shall appoint one.",
        "The arbitration shall be held at Acme Corporation, 100 Main Street, Boston.",
    ],
)
def test_arbitration_seat_is_not_a_court_the_law_or_a_form(text):
    assert "arbitration_seat" not in _arbitration(text)


@pytest.mark.parametrize(
    "text,seat",
    [
        ("The arbitration shall take place in St. Louis, Missouri.", "St. Louis, Missouri"),
        ("The arbitration shall be held in London on the date fixed by the arbitrator.", "London"),
        ("The arbitration shall be held in Toronto once the arbitrator is appointed.", "Toronto"),
        ("The arbitration shall be held at JAMS in San Francisco, California.", "San Francisco, California"),
        ("ANY ARBITRATION SHALL BE HELD IN NEW YORK, NEW YORK UNDER THE RULES OF THE AMERICAN ARBITRATION ASSOCIATION.",
         "New York, New York"),
    ],
)
def test_arbitration_seat_is_the_place_and_only_the_place(text, seat):
    assert _arbitration(text)["arbitration_seat"] == seat


def test_arbitration_review_cases_for_rules_counts_and_language():
    # the panel itself is no institution; an all-capitals name still is one; a party called AAA is not
    assert _arbitration("The Arbitral Tribunal shall consist of three arbitrators. The arbitration shall be conducted under the "
                        "ICC Rules.")["arbitration_rules"] == "International Chamber of Commerce (ICC)"
    assert _arbitration("DISPUTES SHALL BE SETTLED BY ARBITRATION UNDER THE RULES OF THE AMERICAN ARBITRATION ASSOCIATION."
                        )["arbitration_rules"] == "American Arbitration Association (AAA)"
    assert "arbitration_rules" not in _arbitration("Disputes between AAA Club Services and Partner shall be resolved by arbitration.")
    # each party's own arbitrator, however the line wraps or the verb reads, makes three
    for said in ("Each party shall appoint  one arbitrator, and the two shall appoint a third arbitrator.",
                 "Each party shall appoint\n   one arbitrator, and the two shall appoint a third arbitrator.",
                 "Each party shall designate one arbitrator and the two so designated shall select a third arbitrator."):
        assert _arbitration(said)["arbitrators"] == "3", said
    assert "arbitrators" not in _arbitration("One arbitrator shall be appointed by each Party and the third by the two "
                                             "party-appointed arbitrators.")
    assert _arbitration("The Parties shall jointly select one arbitrator to decide the dispute.")["arbitrators"] == "1"
    assert _arbitration("Each side shall select one arbitrator and the two so selected shall select a third.")["arbitrators"] == "3"
    for said in ("If the parties cannot agree on a single arbitrator within 30 days, each party shall appoint one arbitrator.",
                 "The dispute shall be heard by one arbitrator, unless the amount in controversy exceeds $5,000,000, in which "
                 "case by three arbitrators.",
                 "The Board shall consist of five directors, and any deadlock of the Board shall be submitted to arbitration."):
        assert "arbitrators" not in _arbitration(said), said
    assert "arbitration_language" not in _arbitration(
        "Either party may bring proceedings in the English courts to enforce the arbitral award.")


def test_a_seat_that_depends_on_who_demands_it_or_a_choice_of_places_is_no_single_place():
    for text in ("The seat of the arbitration shall be in Tokyo, Japan, if it is demanded by Acme, and in New York, New York "
                 "if it is demanded by Beta.",
                 "The arbitration shall be held in Shanghai or Beijing, China, as Acme decides."):
        t = {k.name: k for k in arbitration_terms([(c, c.text, True) for c in [Clause(id="c", level=1, start=0, end=len(text), text=text)]])}
        assert t["arbitration_seat"].rule == "terms.arbitration_seat.described", text
    # a default place "or such other place as the parties agree" is the seat
    assert _arbitration("The arbitration shall be held in Johannesburg or such other place as the parties agree.")[
        "arbitration_seat"] == "Johannesburg"



@pytest.mark.parametrize(
    "text,seat",
    [  # second review: real seats the court/mediation check must keep
        ("Any mediation or arbitration will be held in New York, New York.", "New York, New York"),
        ("If mediation fails, the arbitration shall be held in London, England.", "London, England"),
        ("The arbitration shall be held in New York and governed by the laws of the State of New York.", "New York"),
        ("The arbitration shall be conducted under the rules of the London Court of International Arbitration in London.",
         "London"),
        ("The arbitration shall take place in King's Lynn, Norfolk.", "King's Lynn, Norfolk"),
        ("The arbitration shall be held in Singapore and shall be conducted in English or Chinese.", "Singapore"),
    ],
)
def test_arbitration_seat_kept_beside_mediation_law_and_bodies(text, seat):
    assert _arbitration(text)["arbitration_seat"] == seat


def test_arbitration_count_is_not_a_third_party_expert_nor_erased_by_a_damages_cap():
    assert "arbitrators" not in _arbitration("The arbitrator may appoint a third-party expert to assist in the arbitration.")
    assert _arbitration("The arbitration shall be decided by three arbitrators.",
                        "Neither party's liability shall exceed the amount claimed in its notice.")["arbitrators"] == "3"


def test_analyze_raises_the_arbitration_flags_where_its_key_terms_name_nothing():
    import coaltext
    from coaltext.types import Document

    def codes(text):
        r = coaltext.analyze(Document(name="a.txt", sha256="0" * 64, media_type="text/plain", text=text))
        return {f.code for f in r.flags}, {t.name for t in r.key_terms}

    head = "COLLABORATION AGREEMENT\n\n1. Term. This Agreement lasts two years.\n\n"
    bare, _ = codes(head + "2. Arbitration. Any dispute arising under this Agreement shall be finally settled by binding arbitration.\n")
    assert {"arbitration_without_seat", "arbitration_without_rules"} <= bare
    full, terms = codes(head + "2. Arbitration. Any dispute arising under this Agreement shall be finally settled by binding "
                        "arbitration under the Rules of Arbitration of the International Chamber of Commerce. The arbitration "
                        "shall be held in Geneva, Switzerland.\n")
    assert not full & {"arbitration_without_seat", "arbitration_without_rules"}
    assert {"arbitration_seat", "arbitration_rules"} <= terms


@pytest.mark.parametrize("text,value", [
    # the end words an anniversary can follow
    ("This Agreement shall expire at midnight on the fifth anniversary of the Effective Date.", "2025-03-01"),
    ("This Agreement shall continue through and including the fifth anniversary of the Effective Date.", "2025-03-01"),
    ("The Term shall run from the Effective Date to the fifth anniversary of the Effective Date.", "2025-03-01"),
    # an amendment's date is not where the anniversary counts from
    ("The Term, as extended by the amendment dated as of March 1, 2019, shall end on the third anniversary of the "
     "Effective Date.", "2023-03-01"),
    # renewals said later in the sentence do not undo the term
    ("The term of this Agreement shall extend for five (5) years from the Effective Date, with successive one-year renewals.",
     "2025-03-01"),
    # signing wordings are the agreement's own start; compound numbers count whole
    ("This Agreement shall remain in effect for three (3) years from the date of the last signature below.", "2023-03-01"),
    ("This Agreement shall continue for a period of twenty four (24) months from the Effective Date.", "2022-03-01"),
])
def test_expiry_more_wordings_after_review(text, value):
    assert _expiry(text).value == value


def test_an_undated_event_or_a_later_of_term_leaves_no_date_for_a_later_sentence():
    assert _expiry("This Agreement shall commence on the Launch Date and continue for five (5) years.") is None
    text = ("This Agreement shall remain in effect for five (5) years or until the Studies are completed, whichever is later. "
            "Each Study Order will continue until the Study is completed or until terminated early.")
    assert _expiry(text) is None


def test_a_redacted_seat_rules_or_law_is_said_redacted_not_missing():
    """Filed copies blank terms out ("[***]"): the report says the term is redacted, so no flag
    claims the draft names no seat or rules; a blanked count or period is no name."""
    got = _arbitration("Any dispute shall be finally resolved by binding arbitration according to the [***], as applicable "
                       "on the date of commencement, by [***] ([***]) [***] appointed mutually by the Parties. The place of "
                       "such arbitration shall be [***]. The language of the arbitration shall be English.")
    assert got == {"arbitration_seat": "redacted", "arbitration_rules": "redacted", "arbitration_language": "English"}
    assert _arbitration("Disputes shall be settled by arbitration under [***] ([***]) days after notice.") == {}
    assert _arbitration("The arbitration shall be administered by the American Arbitration Association under the [*****] "
                        "and held in Boston, Massachusetts.") == {"arbitration_rules": "American Arbitration Association (AAA)",
                                                                 "arbitration_seat": "Boston, Massachusetts"}
    law = governing_law("16.2 Applicable Law. This Agreement shall be governed by and construed in accordance with the laws "
                        "of [***], without regard to its conflict of laws provisions.")
    assert (law.value, law.rule) == ("redacted", "terms.governing_law.redacted")
    law = governing_law("This Agreement shall be governed by the laws of [***] and, for its patents, by the laws of Germany.")
    assert law.value == "Germany"  # a named place wins over a blanked one


def test_renewal_for_annual_periods_is_one_year():
    text = ("This Agreement shall remain in effect for an initial term of seven (7) years (\u201cInitial Term\u201d) and "
            "will automatically renew for one or more annual periods after the Initial Term unless either party gives "
            "notice of non-renewal at least ninety (90) days prior to the end of the then-current term.")
    terms = {t.name: t for t in term_and_renewal([Clause(id="c1", level=1, start=0, end=len(text), text=text)], "2016-11-06", text)}
    assert terms["renewal"].value == "1 year" and text[terms["renewal"].start : terms["renewal"].end] == "annual periods"
    assert terms["initial_term"].value == "7 years" and terms["renewal_notice"].value == "90 days"


def test_renewal_for_an_unlimited_period_is_indefinite():
    text = ("15.1 Term. The Parties' rights and obligations shall commence on the Effective Date and shall remain in full "
            "force for ten (10) years after the First Commercial Sale of the first Licensed Product, and shall thereafter "
            "automatically renew for an unlimited period of time unless otherwise terminated in accordance with Section 15.2.")
    terms = {t.name: t for t in term_and_renewal([Clause(id="c1", level=1, start=0, end=len(text), text=text)], "2019-01-01", text)}
    got = terms["renewal"]
    assert (got.value, got.rule) == ("indefinite", "terms.renewal.indefinite")
    assert text[got.start : got.end] == "unlimited period of time"
    for other in ("This Agreement shall renew automatically unless either party gives notice of non-renewal, and the "
                  "confidentiality obligations hereunder shall survive indefinitely.",
                  "This Agreement may be renewed by mutual written agreement, and Section 7 shall continue in perpetuity."):
        got = {t.name: t for t in term_and_renewal([Clause(id="c1", level=1, start=0, end=len(other), text=other)], None, other)}
        assert "renewal" not in got


def test_a_term_said_with_later_of_is_a_bound_and_a_joint_venture_has_a_term():
    text = ("5. Term. (a) This Agreement shall continue until the later of (x) three (3) years from the Effective Date "
            "and (y) the date on which all Transactions are settled.")
    terms = {t.name: t for t in term_and_renewal([Clause(id="c1", level=1, start=0, end=len(text), text=text)], "2019-01-01", text)}
    assert terms["initial_term"].value == "at least 3 years" and "expiry" not in terms
    text = "8. Term. The Joint Venture shall commence on the 1st of March, 2003, and shall be effective until February 28, 2004."
    assert _expiry(text).value == "2004-02-28"
    assert _expiry("The joint venture company shall be incorporated by 1 March 2003 and trade until 2010.") is None
    text = ("The collaboration shall be conducted by the JSC, which will meet at least quarterly until the later of three "
            "(3) years or completion of the Research Plan.")
    assert term_and_renewal([Clause(id="c1", level=1, start=0, end=len(text), text=text)], "2019-01-01", text) == []


@pytest.mark.parametrize("text", [
    # the start is said in the next sentence of the clause, and it is an event (a launch), not the agreement's date
    'The term of this Agreement shall be for a period of two (2) years (the "Term"). The effective date of the start of '
    "the Term will be from the Launch Date.",
    # ... or in the same sentence, as an event that is no named day
    "The term of this Agreement shall commence upon the launch of the Co-Branded Site and continue for two (2) years.",
])
def test_a_term_counted_from_an_event_gives_its_length_but_no_expiry(text):
    assert _terms(text) == {"initial_term": "2 years"}


def test_a_term_counted_from_the_agreements_own_start_still_gives_an_expiry():
    text = ("This Agreement shall become effective on the date on which it is signed by each Party and have a term of "
            "five (5) years commencing as of the effective date hereof.")
    assert _terms(text) == {"initial_term": "5 years", "expiry": "2025-03-01"}
    # a renewal term's start is not the term's
    text = "The initial term of this Agreement is two (2) years. Each Renewal Term shall commence upon the expiry of the prior term."
    assert _terms(text)["expiry"] == "2022-03-01"
    # another subject's start in the term sentence is not the term's
    text = "This Agreement shall continue for three (3) years, and payments shall commence upon the first sale of a Product."
    assert _terms(text)["expiry"] == "2023-03-01"


def test_an_anniversary_gives_the_initial_term_even_where_the_text_leaves_the_start_blank():
    text = ("1. TERM. The initial term of this Agreement shall commence on the Effective Date and shall continue until the "
            'fifth (5t h) anniversary of the Effective Date (the "Term").')
    assert _terms(text) == {"initial_term": "5 years", "expiry": "2025-03-01"}
    assert _terms(text, effective=None) == {"initial_term": "5 years"}
    # the start differs from the anniversary's base: no length can be said
    assert "initial_term" not in _terms("This Agreement shall commence on the Launch Date and shall continue until the "
                                        "third anniversary of the Effective Date.")


@pytest.mark.parametrize("text,blank", [
    ('This Agreement is effective as of , 2020 (the "Effective Date"), by and between A and B.', True),
    ('This Agreement is made this ______ day of _______________, 20___, (the "Effective Date").', True),
    ('This Agreement, dated as of [●] (the "Effective Date"), is made between A and B.', True),
    ('"Effective Date" means ____________, 2001.', True),
    ('This Agreement is effective as of March 3, 2020 (the "Effective Date").', False),
    ('"Effective Date" means the date of the last signature below.', False),
])
def test_effective_date_left_blank(text, blank):
    assert effective_date_left_blank(text) is blank


def _typed(cid: str, text: str, start: int, kind: str) -> Clause:
    return Clause(id=cid, level=1, start=start, end=start + len(text), text=text, types=[TypeScore(type=kind, score=0.9)])


def test_key_terms_count_no_expiry_from_the_agreement_date_where_the_effective_date_is_blank():
    preamble = 'This Agreement is effective as of , 2020 (the "Effective Date"), by and between Acme Inc. and Beta LLC. '
    term = ("The initial term of this Agreement shall commence on the Effective Date and shall continue until the fifth "
            "anniversary of the Effective Date.")
    text = preamble + term
    clauses = [_typed("c0", preamble, 0, "purpose"), _typed("c1", term, len(preamble), "term_renewal")]
    found = {t.name: t.value for t in key_terms(text, clauses, Coverage(playbook="default"), "2016-03-10")}
    assert found == {"initial_term": "5 years"}  # not 2021-03-10, five years from another agreement's date


def test_renewal_that_needs_both_parties_agreement_says_so():
    found = {t.name: t for t in term_and_renewal([Clause(id="c1", level=1, start=0, end=200, text=(
        "Thereafter, this Agreement can be renewed by mutual written agreement of the parties for successive one (1) "
        "year periods."))], None)}
    assert found["renewal"].value == "1 year (only by mutual agreement)" and found["renewal"].rule == "terms.renewal.by_agreement"
    assert _terms("At any time prior to the end of the Term, the Parties may agree in writing to extend the Agreement for "
                  "successive One (1) Year periods.")["renewal"] == "1 year (only by mutual agreement)"
    # an automatic renewal stays one, whatever the parties may agree otherwise
    assert _terms("This Agreement shall renew automatically for successive one (1) year terms unless the parties mutually "
                  "agree otherwise.")["renewal"] == "1 year"


def test_indefinite_duration_denied_is_not_perpetual():
    assert _expiry("Renewals for additional terms, if any, shall not cause this Agreement to be construed as an agreement "
                   "of indefinite duration.") is None


@pytest.mark.parametrize("text,event", [
    ("4.1 Term. Unless earlier terminated in accordance with Section 4.2 or 4.3, this Agreement will be in effect from the "
     "Effective Date until completion of the Research Program.", "completion of the Research Program"),
    ("6.1 The term of this Agreement will commence on the Effective Date and remain in full force and effect until the "
     "expiration of the Sublicense Agreement, unless earlier terminated.", "the expiration of the Sublicense Agreement"),
    ("This Agreement shall take effect as of the Effective Date and shall expire upon completion of the Project as set "
     "forth in the Project Plan.", "completion of the Project"),
])
def test_a_term_that_ends_on_an_event_names_the_event(text, event):
    found = {t.name: t for t in term_and_renewal([Clause(id="c1", level=1, start=0, end=len(text), text=text)], "2020-03-01")}
    assert set(found) == {"expiry_event"}
    assert found["expiry_event"].value == event and text[found["expiry_event"].start : found["expiry_event"].end] == event


@pytest.mark.parametrize("text", [
    # another subject ends on the event
    "The obligations of the Agent pursuant to this Agreement shall terminate upon termination of the Offering.",
    "With respect to a Patent licensed under this Agreement, the license granted to such Patent shall terminate upon the "
    "expiration of the statutory term of such Patent.",
    # a date, a length, a party's act, the term itself, a blanked-out event
    "This Agreement shall be in effect until March 18. 2021, unless sooner terminated.",
    "This Agreement shall remain in effect until either party gives notice.",
    "This Agreement shall continue until the end of the then-current term.",
    "The term of this Agreement shall commence on the date hereof and shall expire upon delivery of [**] to Acme.",
])
def test_no_event_end_where_the_sentence_says_none(text):
    assert "expiry_event" not in _terms(text)


def _forum(text: str, whole: str = ""):
    return court_forum([(Clause(id="c1", level=1, start=0, end=len(text), text=text), text)], whole or text)


@pytest.mark.parametrize("text,value,rule,said", [
    ("Any dispute between the Parties regarding or related to this Agreement shall be litigated in the courts located in "
     "Houston, Texas, and WPD agrees not to challenge personal jurisdiction in that forum.", "Houston, Texas (mandatory)",
     "mandatory", "Houston, Texas"),
    ("The parties irrevocably agree that any legal actions or proceedings brought by or against them with respect to this "
     "Agreement shall be brought exclusively in the courts in and for Maricopa County, Arizona, and the United States District "
     "Court for the District of Arizona.", "Maricopa County, Arizona (exclusive)", "exclusive", "Maricopa County, Arizona"),
    ("Each Party irrevocably submits to the exclusive jurisdiction of (a) the Supreme Court of the State of New York, New York "
     "County, and (b) the United States District Court for the Southern District of New York.",
     "New York, New York County (exclusive)", "exclusive", "New York, New York County"),
    ("This Agreement shall be governed by the laws of the Province of Ontario and the Parties agree to abide by the\n"
     "jurisdiction of the Courts of Ontario.", "Ontario (not said to be exclusive)", "not_exclusive", "Ontario"),
    ("Sponsor hereby irrevocably consents to personal jurisdiction and venue in the state and federal courts located in San "
     "Francisco, California with respect to any actions arising out of this Agreement.",
     "San Francisco, California (not said to be exclusive)", "not_exclusive", "San Francisco, California"),
    ("This Agreement shall be governed by the laws of India and the Delhi Courts shall have exclusive jurisdiction over any "
     "legal proceedings in respect of this Agreement.", "Delhi (exclusive)", "exclusive", "Delhi"),
    ("The parties attorn to the non-exclusive jurisdiction of the courts of British Columbia.",
     "British Columbia (non-exclusive)", "non_exclusive", "British Columbia"),
    ("The parties submit to the exclusive jurisdiction of the English courts.", "England (exclusive)", "exclusive", "English"),
    # a federal court's name is no place; its district is
    ("The parties consent to venue in the United States District Court for the Northern District of California.",
     "Northern District of California (not said to be exclusive)", "not_exclusive", "Northern District of California"),
    # a mention of arbitration before the courts does not hide a plain choice of them
    ("Venue for any proceedings not subject to arbitration under this Agreement shall be in the state and federal courts "
     "located in New York, New York.", "New York, New York (mandatory)", "mandatory", "New York, New York"),
    ("ANY LEGAL ACTION WITH RESPECT TO THIS AGREEMENT MAY BE BROUGHT IN THE COURTS OF THE STATE OF CALIFORNIA, COUNTY OF SAN "
     "DIEGO, AND EACH PARTY ACCEPTS THE JURISDICTION OF SUCH COURTS.", "California, County of San Diego (not said to be exclusive)",
     "not_exclusive", "CALIFORNIA, COUNTY OF SAN DIEGO"),
])
def test_court_forum_names_the_place_and_whether_it_is_exclusive(text, value, rule, said):
    found = _forum(text)
    assert found is not None and found.name == "court_forum" and found.value == value
    assert found.rule == f"terms.court_forum.{rule}" and found.clause == "c1"
    assert text[found.start : found.end] == said


@pytest.mark.parametrize("text", [
    "Judgment upon the award rendered by the arbitrator may be entered in the courts of New York.",
    "Either party may seek injunctive relief in the courts of Delaware to protect its Confidential Information.",
    "If any provision of this Agreement is held invalid by a court of competent jurisdiction, the rest remains in force.",
    "THE PARTIES DO HEREBY WAIVE ALL QUESTIONS OF PERSONAL JURISDICTION OR VENUE FOR THE PURPOSES OF CARRYING OUT THIS PROVISION.",
    "EACH PARTY WAIVES A JURY TRIAL OF ANY DISPUTES THAT MAY BE FILED IN ANY COURT AND THAT RELATE TO THIS AGREEMENT.",
])
def test_court_forum_is_none_where_no_courts_are_chosen(text):
    assert _forum(text) is None


def test_court_forum_place_is_no_defined_term():
    text = "Each party submits to the jurisdiction of the courts of the Territory."
    assert _forum(text, whole='Distributor may sell in Ruritania (the "Territory"). ' + text) is None


def test_key_terms_read_the_courts_from_the_clauses_typed_for_them_only():
    law = "9.8 This Agreement will be governed by the laws of the State of Texas. "
    courts = "Any dispute shall be litigated in the courts located in Houston, Texas."
    other = "Any dispute shall be litigated in the courts located in Dallas, Texas."  # a clause typed otherwise is not read
    text = other + " " + law + courts
    clauses = [_typed("c1", other, 0, "entire_agreement"), _typed("c2", law + courts, len(other) + 1, "governing_law")]
    found = {t.name: t for t in key_terms(text, clauses, Coverage(playbook="default"), None)}
    forum = found["court_forum"]
    assert forum.value == "Houston, Texas (mandatory)" and forum.clause == "c2" and text[forum.start : forum.end] == "Houston, Texas"


def test_reports_name_the_new_key_terms_and_say_until_terminated_plainly():
    # counsel's user test: "court_forum" and "expiry_event" showed as raw names, and impco's
    # "indefinite term … unless terminated" as "Ends: perpetual"
    from coaltext.report.agreement import to_markdown
    from coaltext.types import AgreementReport, KeyTerm, Source

    text = "1. Term. This Agreement runs until terminated. 2. Courts. The courts of Delhi have exclusive jurisdiction."
    clause = Clause(id="c1", number="1.", level=1, start=0, end=len(text), text=text)
    terms = [KeyTerm(name="expiry", value="perpetual", clause="c1", start=0, end=10, rule="terms.expiry.until_terminated"),
             KeyTerm(name="court_forum", value="Delhi (exclusive)", clause="c1", start=50, end=60,
                     rule="terms.court_forum.exclusive"),
             KeyTerm(name="expiry_event", value="completion of the Research Program", clause="c1", start=0, end=10,
                     rule="terms.expiry_event")]
    rep = AgreementReport(source=Source(name="x.txt", sha256="0" * 64, media_type="text/plain", chars=len(text)),
                          clauses=[clause], coverage=Coverage(playbook="generic", items=[]), key_terms=terms)
    md = to_markdown(rep)
    assert "no fixed end (runs until terminated)" in md and "perpetual" not in md
    assert "Courts (forum)" in md and "Ends on" in md
    assert "court_forum" not in md and "expiry_event" not in md


def test_governing_law_read_to_the_end_of_a_sentence_far_from_the_heading():
    # Kiromic JV (TXT): the heading is the only cue and "the Italian Law" ends 356 characters after it
    text = ("16. GOVERNING LAW AND DISPUTE RESOLUTION\n\nAll disputes arising out of or in connection with this Agreement "
            "shall be finally settled under the Rules of Arbitration of the International Chamber of Commerce by one or "
            "more arbitrators appointed in accordance with the said Rules. Any such arbitration shall (i) be subject to "
            "the application of the Italian Law, (ii) take place in Paris, France and (iii) be conducted in English.\n\n")
    assert text.index("Italian Law") + len("Italian Law") - text.index("GOVERNING") > 350
    law = governing_law(text)
    assert law is not None and law.value == "Italy" and text[law.start : law.end] == "Italian Law"
    # after "applicable law" the window still ends at 350 characters, and a place it cuts is not read half
    # ("Commonweal"): the next cue reads it whole
    text = ("Each party shall comply with applicable law. " + "x" * 270 + " This Agreement shall be governed by the laws of "
            "the Commonwealth of Pennsylvania.")
    assert governing_law(text).value == "Pennsylvania"


@pytest.mark.parametrize("text,value", [
    ("This Agreement is effective on the Effective Date and shall continue in effect until the earlier of (a) the fifth "
     "(5th) anniversary of the Effective Date, and (b) termination by either Party for any reason upon thirty (30) days' "
     "written notice to the other Party.", "2025-03-01"),
    ("This Agreement shall be effective until the earlier of (a) its termination in accordance with the provisions of this "
     "Article 14 or (b) the date that is two (2) years after the date of this Agreement;", "2022-03-01"),
])
def test_earlier_of_a_term_and_its_termination_is_the_term(text, value):
    """Any term may end early: "the earlier of" the term and the agreement's termination still says when it expires."""
    assert _expiry(text).value == value
    assert _terms(text)["initial_term"] in ("5 years", "2 years")


def test_earlier_of_a_date_and_another_event_gives_no_expiry():
    text = ("The term of this Agreement will begin on the date hereof and will continue until the earlier of (i) December 31, "
            "2022, (ii) the termination or expiration of the Studio Lease, and (iii) election to terminate by Programmer.")
    assert _expiry(text) is None
    text = ("This Agreement shall continue until the earlier of (a) five (5) years from the Effective Date and (b) the date on "
            "which the last Product is sold.")
    assert _terms(text) == {"initial_term": "at most 5 years"}


def test_an_event_end_keeps_a_quoted_defined_term():
    # Vivint Solar: the event was cut at the quote ("the expiration")
    text = ('This Agreement will become effective on the Effective Date, and will continue until the expiration of the "Sales '
            'Term" as that term is defined in the Sales Dealer Agreement dated as of August 16, 2017 between Vivint and '
            'Acme, LLC (the "Term").')
    found = {t.name: t for t in term_and_renewal([Clause(id="c1", level=1, start=0, end=len(text), text=text)], "2020-03-01")}
    assert found["expiry_event"].value == "the expiration of the Sales Term"
    assert text[found["expiry_event"].start : found["expiry_event"].end] == 'the expiration of the "Sales Term"'
    # "Exhibit A" keeps its "A"; another agreement's date does not hide the event
    assert _terms("The Term will commence on the Effective Date and will remain in effect until the termination date "
                  "specified in Exhibit A.")["expiry_event"] == "the termination date specified in Exhibit A"
    assert _terms("This Agreement shall remain in effect until the expiration of the Supply Agreement dated as of May 1, "
                  "2017.")["expiry_event"] == "the expiration of the Supply Agreement"
    # a quoted phrase the rule does not read leaves no event cut short
    assert "expiry_event" not in _terms('This Agreement shall remain in effect until the expiration of the "sales term, '
                                        'as renewed".')


def test_renewal_notice_in_years_and_an_extendable_term():
    # Kiromic JV: the term is blanked out, the notice that stops the renewal is not
    text = ("This JV Agreement shall become effective on the signing date and shall have a duration of * years, extendable "
            "for a further * years, unless notice of non- renewal is sent one year before the natural expiry date.")
    assert _terms(text) == {"renewal_notice": "1 year"}
    assert _terms("Contract is renewable for 1 year extension by amendment to this agreement.") == {
        "renewal": "1 year (only by mutual agreement)"}
