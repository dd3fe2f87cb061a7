"""governance_gap.<element>: does a joint venture, alliance or consortium draft settle how decisions
are taken, deadlock, and (three or more sides) admission, withdrawal and default of a member."""

from __future__ import annotations

import pytest

from coaltext.coverage import assess
from coaltext.types import AgreementStructure, Clause, Document, Explanation, Party, TypeScore

COMMITTEE = "3.1 The Parties shall establish a Joint Steering Committee comprised of three representatives of each Party."


def _gaps(spec, playbook="strategic_alliance", parties=("Acme Corp.", "Beta Ltd.")) -> dict:
    """spec: (id, text, governance score or None[, parent[, kind]]); the flags governance_gaps raised, by
    element. A party is a name or a Party; one whose name the text holds is placed where it is named."""
    clauses, pos = [], 0
    for cid, text, score, *more in spec:
        parent, kind = (more + [None, "section"][len(more):])[:2]
        types = [TypeScore(type="governance", score=score, explanation=[Explanation(method="model", rule="m")])] if score else []
        clauses.append(Clause(id=cid, level=1 + bool(parent), parent=parent, start=pos,
                              end=pos + len(text), text=text, number=cid, kind=kind, types=types))
        pos += len(text) + 1
    text = "\n".join(c.text for c in clauses)
    placed = []
    for p in parties:
        p = p if isinstance(p, Party) else Party(name=p)
        if (at := text.find(p.name)) >= 0:
            p = p.model_copy(update={"start": at, "end": at + len(p.name)})
        placed.append(p)
    st = AgreementStructure(clauses=clauses, parties=placed)
    flags = assess(st, Document(name="x.txt", sha256="0" * 64, media_type="text/plain", text=text), playbook)[1]
    return {f.code.split(".", 1)[1]: f for f in flags if f.code.startswith("governance_gap.")}


def test_governance_gap_asks_how_a_joint_committee_decides_and_what_breaks_a_deadlock():
    gaps = _gaps([("3.1", COMMITTEE, 0.95)])
    assert set(gaps) == {"voting", "deadlock"}
    voting = gaps["voting"]
    assert voting.severity == "info" and voting.clauses == ["3.1"]
    assert "Joint Steering Committee" in voting.message and "unanimity, consensus, a majority" in voting.message
    assert "casting vote" in gaps["deadlock"].message and "escalation" in gaps["deadlock"].message
    # a decision rule settles voting; a referral to the chief executives when the JSC cannot agree, deadlock
    rule = ("3.2", "3.2 Decisions of the JSC shall be made by unanimous vote, each Party having one vote.", 0.9)
    assert set(_gaps([("3.1", COMMITTEE, 0.95), rule])) == {"deadlock"}
    escalation = ("3.3", "3.3 If the JSC cannot reach consensus within 30 days, the matter shall be referred to the Chief "
                         "Executive Officers of the Parties.", 0.9)
    assert _gaps([("3.1", COMMITTEE, 0.95), rule, escalation]) == {}


@pytest.mark.parametrize("deadlock", [
    "The Chairman shall have a casting vote.",
    "If the Board should be deadlocked on any matter, Article 22 shall apply.",
    "If the Committee is unable to reach a decision, Acme shall have the final decision-making authority.",
    "If consensus cannot be reached, the matter will be submitted to the President of each Party for resolution.",
    "In the absence of such unanimity the status quo shall be maintained.",
])
def test_governance_gap_deadlock_is_settled_by_the_ways_drafters_break_a_tie(deadlock):
    spec = [("3.1", COMMITTEE + " Decisions of the Committee shall be made by majority vote.", 0.95),
            ("3.2", "3.2 " + deadlock, 0.9)]
    assert "deadlock" not in _gaps(spec)


def test_governance_gap_voting_is_not_settled_by_a_definition_of_control():
    """impco, coherus: "Control" means the power to cast a majority of the voting rights of a board —
    labelled governance, but no rule for the parties' committee."""
    spec = [("3.1", COMMITTEE, 0.95),
            ("1.2", '1.2 "Control" means:', 0.3),
            ("1.2(a)", "(a) the ability to control more than 50 per cent of the voting rights of the board, or a majority "
                       "of its members;", 0.86, "1.2")]
    assert "voting" in _gaps(spec)


def test_governance_gap_deadlock_is_read_where_another_clause_names_the_committee():
    """fibrogen 2.4 sends a JDC deadlock to Article 19; a dispute clause that names the committee
    answers the deadlock question even when the classifier did not label it governance."""
    spec = [("2.1", '2.1 The Parties shall establish a joint development committee (the "JDC"). Decisions of the JDC '
                    "shall be made by unanimous agreement.", 0.95),
            ("19", "19. Any dispute within the JDC shall be referred to the senior executives of the Parties.", None)]
    assert _gaps(spec) == {}
    # a dispute clause that does not name it is no answer
    spec[1] = ("19", "19. This Agreement is governed by the laws of New York.", None)
    assert set(_gaps(spec)) == {"deadlock"}


def test_governance_gap_deadlock_is_a_warning_in_a_venture_of_two_partners_only():
    jv = [("5", "5. The Joint Venturers shall have full charge of the affairs of the Joint Venture. Decisions shall be "
                "made by the unanimous consent of both Joint Venturers.", 0.95)]
    two = _gaps(jv, "joint_venture")
    assert set(two) == {"deadlock"} and two["deadlock"].severity == "warning" and "two partners" in two["deadlock"].message
    three = _gaps(jv, "joint_venture", parties=("Acme Corp.", "Beta Ltd.", "Gamma GmbH"))
    assert three["deadlock"].severity == "info"
    # the same deadlock in an alliance's committee is info
    assert _gaps([("3.1", COMMITTEE + " Decisions shall be made by unanimous vote.", 0.95)])["deadlock"].severity == "info"


def test_governance_gap_only_where_governance_is_present_and_the_playbook_is_run_together():
    assert _gaps([("3.1", COMMITTEE, 0.95)], "license") == {}
    assert _gaps([("3.1", COMMITTEE, 0.95)], "generic") == {}
    assert _gaps([("3.1", COMMITTEE, 0.25)]) == {}  # governance only weak
    assert set(_gaps([("3.1", COMMITTEE, 0.95)], "research_collaboration")) == {"voting", "deadlock"}


@pytest.mark.parametrize("governance", [
    # contacts who pass on information (phreesia 7.1) and an investor's seat on the company's board
    # (gold resource 5.1) are no body the parties run together
    "7.1 Each Party has designated an individual to serve as its relationship contact for communications.",
    "5.1 HOC shall be entitled to nominate one individual to the Board of Directors of the Company.",
    # a committee that only advises decides nothing (nls 10.3, moelis 6.1)
    COMMITTEE + " The JSC shall solely have an advisory role to the Parties.",
    COMMITTEE + " The recommendations of the Committee will not be binding upon any party.",
])
def test_governance_gap_voting_and_deadlock_are_asked_of_a_body_that_decides_together(governance):
    assert _gaps([("1", governance, 0.95)]) == {}


THREE = ("Acme Corp.", "Beta Ltd.", "Gamma GmbH")


def test_governance_gap_asks_three_parties_about_admission_withdrawal_and_default():
    governed = ("3.1", COMMITTEE + " Decisions shall be made by unanimous vote; if the Committee cannot agree, the matter "
                                   "shall be escalated to the Chief Executive Officers.", 0.95)
    gaps = _gaps([governed], parties=THREE)
    assert set(gaps) == {"admission", "withdrawal", "default"}
    assert all(f.severity == "info" and f.clauses == ["3.1"] and "3 parties" in f.message for f in gaps.values())
    assert "new member" in gaps["admission"].message and "defaults" in gaps["default"].message
    # two parties: none of these
    assert _gaps([governed]) == {}
    members = [("9", "9. New Members may be admitted only with the unanimous consent of the existing Members.", None),
               ("10", "10. Any Party may withdraw from this Agreement on ninety days' notice.", None),
               ("11", "11. The remaining Parties may terminate this Agreement with regard to a defaulting Party.", None)]
    assert _gaps([governed] + members, parties=THREE) == {}


@pytest.mark.parametrize("text, element", [
    ("The admission of a new party to the Alliance requires the approval of the Steering Committee.", "admission"),
    ("Any new Participant will execute such documents as are needed to effect the admission of the new Participant.",
     "admission"),
    ("A Party may terminate its participation in this Agreement by written notice to the other Parties.", "withdrawal"),
    ("No party hereto may transfer its shares in the JVC for a period of five years.", "withdrawal"),
    ("The licences granted to the Departing Party shall end.", "withdrawal"),
    # the sample alliance, 17.4: the others exclude an insolvent party
    ("Any Party may terminate the participation of another Party with immediate effect if that other Party becomes "
     "insolvent.", "default"),
    ("If a Party fails to make its capital contribution, the other Parties may make it instead.", "default"),
    ("The non-defaulting Parties may purchase the shares of the defaulting Party.", "default"),
])
def test_governance_gap_member_questions_are_answered_as_drafters_write_them(text, element):
    governed = ("3.1", COMMITTEE + " Decisions shall be made by unanimous vote.", 0.95)
    assert element in _gaps([governed], parties=THREE)
    assert element not in _gaps([governed, ("9", "9. " + text, None)], parties=THREE)


@pytest.mark.parametrize("text, element", [
    # what only looks like it: consent, capital and a representation about other contracts
    ("Each Party may withdraw its consent to the publication at any time.", "withdrawal"),
    ("No Member will withdraw any portion of its capital contribution.", "withdrawal"),
    ("Its performance will not constitute an event of default under any indenture or mortgage.", "default"),
    ("Additional members of the Committee may be invited by the Committee.", "admission"),
])
def test_governance_gap_member_cues_are_not_silenced_by_other_uses_of_the_words(text, element):
    governed = ("3.1", COMMITTEE + " Decisions shall be made by unanimous vote.", 0.95)
    assert element in _gaps([governed, ("9", "9. " + text, None)], parties=THREE)


def test_governance_gap_counts_sides_not_affiliates():
    """foundation medicine: two Roche companies and FMI are two sides; moelis, phl: "on the one hand …
    on the other" makes two sides of four parties; ritter's "Affiliates" is no party."""
    governed = [("3.1", COMMITTEE + " Decisions shall be made by unanimous vote; a deadlock goes to the CEOs.", 0.95)]
    assert _gaps(governed, parties=("F. Hoffmann-La Roche Ltd", "Hoffmann-La Roche Inc.", "Foundation Medicine, Inc.")) == {}
    assert _gaps(governed, parties=("Sekisui Diagnostics, LLC", "Affiliates", "Qualigen, Inc.")) == {}
    # the parties' own groups ("the PHL Parties") count once; so does "on the one hand … on the other" in
    # the preamble that names them
    phl = ("PHL Variable", "Phoenix Life", "Phoenix Equity", "Investors Capital")
    grouped = [Party(name=n, groups=["PHL Parties"] if n != "Investors Capital" else []) for n in phl]
    assert _gaps(governed, parties=grouped) == {}
    sides = [("0", "THIS AGREEMENT is made by PHL Variable, Phoenix Life and Phoenix Equity, on the one hand, and "
                   "Investors Capital, on the other.", None, None, "preamble")] + governed
    assert _gaps(sides, parties=phl) == {}
    # three companies with an industry word in common are still three sides
    assert "admission" in _gaps(governed, parties=("Freedom Mortgage Corp.", "Cherry Hill Mortgage Corp.", "Acme Inc."))


def test_governance_gap_reads_a_consortium_general_assembly():
    """EU-style consortium agreements run the project through a General Assembly of all members."""
    assembly = ("2.1", "2.1 The Parties shall establish a General Assembly composed of one representative of each Party.", 0.9)
    gaps = _gaps([assembly], "research_collaboration", parties=THREE)
    assert set(gaps) == {"voting", "deadlock", "admission", "withdrawal", "default"}
    assert "General Assembly" in gaps["voting"].message
    settled = ("2.2", "2.2 The General Assembly shall decide by a two-thirds majority of the votes cast. Disputes within the "
                      "General Assembly shall be referred to mediation.", 0.9)
    assert set(_gaps([assembly, settled], "research_collaboration", parties=THREE)) == {"admission", "withdrawal", "default"}


JV_BOARD = ("3.1", "3.1 The Company shall be managed by a Board of four directors; each Party shall appoint two directors. "
                   "Resolutions of the Board shall be passed by a simple majority of the directors.", 0.95)


@pytest.mark.parametrize("negated", [
    "The chairman shall not have a second or casting vote.",
    "The chairperson shall have no casting vote.",
    "If the Board is unable to agree, neither Party shall have the final say.",
])
def test_governance_gap_deadlock_is_not_answered_by_a_negated_tie_break(negated):
    """a 50/50 venture that denies the chairman a casting vote is still open to deadlock: a warning."""
    gaps = _gaps([JV_BOARD, ("3.2", "3.2 " + negated, 0.9)], "joint_venture")
    assert set(gaps) == {"deadlock"} and gaps["deadlock"].severity == "warning"
    # "cannot agree" is how drafters say the deadlock, not a negation of its answer
    settled = "If the directors cannot agree the chairman shall have a casting vote."
    assert _gaps([JV_BOARD, ("3.2", "3.2 " + settled, 0.9)], "joint_venture") == {}


@pytest.mark.parametrize("loose", [
    "The JSC shall escalate progress reports to each Party's management monthly.",
    "Nothing in this Section changes the status quo of either Party's existing programs.",
    "Each Party retains final authority over its own employees.",
])
def test_governance_gap_deadlock_needs_a_disagreement_for_escalation_status_quo_and_final_authority(loose):
    rule = '3.1 The Parties shall establish a Joint Steering Committee (the "JSC"). Decisions of the JSC shall be made by unanimous vote.'
    assert set(_gaps([("3.1", rule, 0.95), ("3.2", "3.2 " + loose, 0.9)])) == {"deadlock"}
    # with the disagreement in the sentence, each is an answer
    disagreed = "If the JSC cannot reach consensus, " + loose[0].lower() + loose[1:]
    if "escalate" in loose:
        disagreed = "Any matter on which the JSC cannot reach consensus shall be escalated to the Chief Executive Officers."
    assert _gaps([("3.1", rule, 0.95), ("3.2", "3.2 " + disagreed, 0.9)]) == {}


def test_governance_gap_deadlock_elsewhere_only_where_the_body_is_named_by_its_own_name():
    """a dispute clause that sends disputes to "the Parties' senior managers" says nothing of the
    committee; one that names it ("the Joint Steering Committee", "JSC") does."""
    rule = ("3.1", "3.1 The Parties shall establish a Joint Steering Committee. Decisions of the Joint Steering Committee "
                   "shall be made by unanimous vote.", 0.95)
    generic = ("19", "19. Any dispute that the members cannot resolve shall be escalated to the Parties' senior managers.", None)
    assert set(_gaps([rule, generic])) == {"deadlock"}
    named = ("19", "19. Any dispute within the Joint Steering Committee shall be escalated to the Chief Executive Officers.", None)
    assert _gaps([rule, named]) == {}


@pytest.mark.parametrize("tie_break", [
    "In the event of a tie, the Chairman, appointed by Alpha, shall decide the matter.",
    "Where the directors are evenly divided, the question shall be settled by the Chief Executive of Alpha.",
    "Any matter on which the Board is unable to agree shall be determined by an independent expert.",
])
def test_governance_gap_deadlock_is_answered_by_a_tie_break_in_plain_words(tie_break):
    assert _gaps([JV_BOARD], "joint_venture")["deadlock"].severity == "warning"
    assert _gaps([JV_BOARD, ("3.2", "3.2 " + tie_break, 0.9)], "joint_venture") == {}


@pytest.mark.parametrize("text, element", [
    ("A Party may leave the Consortium on six months' notice.", "withdrawal"),
    ("If a Party fails to cure a material breach, the Party shall be expelled from the Consortium.", "default"),
])
def test_governance_gap_member_leaving_and_expulsion_in_plain_words(text, element):
    governed = ("3.1", COMMITTEE + " Decisions shall be made by unanimous vote.", 0.95)
    assert element in _gaps([governed], parties=THREE)
    assert element not in _gaps([governed, ("9", "9. " + text, None)], parties=THREE)


def test_governance_gap_on_the_one_hand_makes_two_sides_only_in_the_preamble():
    governed = ("3.1", COMMITTEE + " Decisions shall be made by unanimous vote.", 0.95)
    four = ("Acme Corp.", "Beta Ltd.", "Gamma GmbH", "Delta SA")
    purpose = ("2", "2. On the one hand, storage research is costly, while on the other hand, the Parties' programs "
                    "complement each other.", None)
    assert {"admission", "withdrawal", "default"} <= set(_gaps([governed, purpose], parties=four))


def test_governance_gap_counts_parties_of_one_address_or_one_parent_once():
    """leju: Party B and Party C are two companies of one group at one address; china recycling: a
    party's parent, named in the party block, is no third side."""
    governed = ("3.1", COMMITTEE + " Decisions shall be made by unanimous vote; a deadlock goes to the CEOs.", 0.95)
    block = ("0", "Party A: Acme Corp. Address: 10 Main Street, Springfield. Party B: Beta Ltd. Address: 8/F, Ideal Plaza, "
                  "58 North Road, Beijing. Party C: Gamma GmbH Address: 8/F, Ideal Plaza, 58 North Road, Beijing.",
             None, None, "preamble")
    assert _gaps([block, governed], parties=THREE) == {}
    apart = (block[0], block[1].replace("8/F, Ideal Plaza, 58 North Road, Beijing.", "1 Side Road, Berlin.", 1)) + block[2:]
    assert set(_gaps([apart, governed], parties=THREE)) == {"admission", "withdrawal", "default"}
    parent = ("0", "Party A: Acme Corp. Acme Corp. is a subsidiary of Gamma GmbH, a listed company. Party B: Beta Ltd.",
              None, None, "preamble")
    assert _gaps([parent, governed], parties=THREE) == {}


@pytest.mark.parametrize("unrelated", [
    # a definition of control, an amendment, and meeting dates
    "(a) the ability to control more than 50 per cent of the voting rights of the board of an entity;",
    "This Agreement may not be amended except with the unanimous consent of the Parties.",
    "The JSC shall meet at such times as the Parties mutually agree and shall approve the annual research plan.",
])
def test_governance_gap_voting_needs_the_body_deciding(unrelated):
    assert "voting" in _gaps([("3.1", COMMITTEE + " " + unrelated, 0.95)])


@pytest.mark.parametrize("rule", [
    "Decisions of the JSC shall be made by unanimous vote.",
    "Each Party shall have one vote.",
    "Matters shall be approved by a majority of the directors.",
    "The joint project team will operate by consensus.",
])
def test_governance_gap_voting_is_found_where_the_body_decides(rule):
    assert "voting" not in _gaps([("3.1", COMMITTEE + " " + rule, 0.95)])


@pytest.mark.timeout(8)  # a hang guard: 0.1 s now, 25-30 s before
def test_governance_gap_reads_a_clause_of_megabytes_quickly():
    """a draft that did not split: each clause is read to GOV_MAX_CLAUSE_CHARS, sentences through one
    pre-scan (the checks took 25-30 s on such a 5 MB clause)."""
    from coaltext.coverage import governance_gaps, playbooks
    from coaltext.types import CoverageItem

    huge = "the parties may agree that the committee meets " * 110_000  # 5 MB, one sentence
    label = [TypeScore(type="governance", score=0.95, explanation=[Explanation(method="model", rule="m")])]
    clauses = [Clause(id=str(i), level=1, start=0, end=len(t), text=t, number=str(i), kind="section", types=label)
               for i, t in enumerate([COMMITTEE, huge])]
    st = AgreementStructure(clauses=clauses, parties=[Party(name=p) for p in THREE])
    item = CoverageItem(type="governance", required=True, status="present", score=0.9, evidence=["0"])
    flags = governance_gaps(st, item, playbooks()["strategic_alliance"], huge)
    assert "governance_gap.voting" in {f.code for f in flags}
