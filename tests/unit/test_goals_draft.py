"""The draft check's sources of false "covered": the title, quantities in a table of shares,
forums placed elsewhere, restraints that outlive the agreement; and how it cites clauses."""

from __future__ import annotations

import json

from coaltext.goals import align_document, check_draft
from coaltext.goals.cues import forum_conflict, restraint_conflict
from coaltext.goals.draft import draft_sentences
from coaltext.report.alignment import to_html, to_markdown
from coaltext.types import Clause, Document, MinutesItem


def _clauses(*specs: tuple) -> list[Clause]:
    out, pos = [], 0
    for cid, kind, text, parent, citation in specs:
        out.append(Clause(id=cid, level=1, kind=kind, start=pos, end=pos + len(text), text=text, parent=parent, citation=citation))
        pos += len(text) + 2
    return out


def _item(text: str, iid: str = "dec-1") -> MinutesItem:
    return MinutesItem(id=iid, kind="decision", text=text, start=0, end=len(text))


TITLE = "JOINT VENTURE AGREEMENT MINDA IMPCO TECHNOLOGIES LIMITED"


def test_draft_title_line_of_the_preamble_covers_nothing(fake_embedder):
    clauses = _clauses(
        ("c1", "preamble", "preamble", None, None),
        ("c2", "paragraph", TITLE, "c1", None),
        ("c3", "clause", "3.1 The Board meets every quarter.", None, "3.1"),
    )
    texts = [s.text for s in draft_sentences(clauses, TITLE)]
    assert TITLE not in texts
    (gap,) = check_draft([_item("Keep the joint venture agreement")], clauses, fake_embedder, title=TITLE)
    assert gap.status == "uncovered" and "c2" not in gap.clauses


def test_draft_split_in_a_table_of_shares_contradicts_a_50_50_item(fake_embedder):
    share = (
        "2.6 Subject to the approval of the Government of India, the Reserve Bank of India and other Government "
        "agencies, if any, the shares in the JVC shall be issued to the Parties in the following percentage of the "
        "paid-up equity capital. MIL - 40% - In cash. IMPCO - 60% - In cash. The JVC will issue equity shares."
    )
    clauses = _clauses(("c1", "clause", share, None, "2.6"), ("c2", "clause", "19.2 Arbitration in London.", None, "19.2"))
    items = [_item("The equity of the joint venture company will be split 50/50.", "dec-1"),
             _item("Hold 60% of the joint venture company's equity.", "g1")]
    gaps = {g.item: g for g in check_draft(items, clauses, fake_embedder, parties=["MIL", "IMPCO"])}
    assert gaps["dec-1"].status == "contradicted" and gaps["dec-1"].clauses == ["c1"]
    assert "quantity" in gaps["dec-1"].reason and "2.6 says" in gaps["dec-1"].reason and "40%" in gaps["dec-1"].reason
    assert gaps["g1"].status == "covered" and gaps["g1"].clauses[0] == "c1"  # the table states 60%


def test_draft_forum_elsewhere_contradicts():
    clause = "The arbitration proceedings shall be conducted at London, United Kingdom, in the English language."
    c = forum_conflict("Disputes will be settled by ICC arbitration in Singapore.", clause)
    assert c is not None and c.kind == "venue" and "Singapore" in c.reason and "London" in c.reason
    assert forum_conflict("Settle disputes by ICC arbitration in London", clause) is None
    assert forum_conflict("Have disputes decided by the Delhi courts", clause) is None  # courts, not arbitration
    assert forum_conflict("Have disputes decided by the Delhi courts", "the Delhi Courts shall have exclusive jurisdiction") is None


def test_draft_restraint_that_outlives_the_agreement_contradicts_freedom_after_it():
    item = "MIL wants to remain free to enter other joint ventures for similar products after the agreement ends."
    outlives = ("during the term of the Agreement, and thereafter for a period of five (5) years after the termination "
                "of the Agreement, MIL shall not enter into another joint venture agreement for similar products")
    in_term = "during the existence of this Agreement, IMPCO shall not enter into any other Joint Venture Agreement"
    c = restraint_conflict(item, outlives, outlives=True)
    assert c is not None and c.kind == "restraint"
    assert restraint_conflict(item, in_term, outlives=True) is None  # a ban for the term only leaves the freedom after it


def test_draft_reasons_and_reports_cite_clauses_not_ids(fake_embedder):
    clauses = _clauses(
        ("c7", "section", "ARTICLE 19 ARBITRATION", None, None),
        ("c8", "clause", "19.2 The arbitration proceedings shall be conducted at London in English.", "c7", "19.2"),
    )
    items = [_item("The arbitration proceedings shall be conducted in Singapore."),
             _item("The arbitration proceedings shall be conducted at London in English.", "dec-2")]
    gaps = {g.item: g for g in check_draft(items, clauses, fake_embedder)}
    assert gaps["dec-1"].status == "contradicted" and gaps["dec-1"].clauses == ["c8"]  # JSON keeps the id
    assert "19.2 says" in gaps["dec-1"].reason and "c8" not in gaps["dec-1"].reason
    assert gaps["dec-2"].status == "covered" and "19.2" in gaps["dec-2"].reason
    doc = Document(name="g.json", sha256="0" * 64, media_type="application/json",
                   text=json.dumps({"parties": {"A": ["Arbitrate in Singapore"], "B": ["Arbitrate in London"]}}))
    report = align_document(doc, embedder=fake_embedder)
    report.draft = list(gaps.values())
    for out in (to_markdown(report), to_html(report)):
        section = out[out.index("against the draft") :]
        assert "19.2" in section and "c8" not in section


def test_draft_quantities_are_compared_for_the_same_party_only(fake_embedder):
    clauses = _clauses(
        ("c1", "clause", "1. Ownership. The equity of the Company shall be held as follows: Acme - 40%; Beta - 60%.", None, "1"),
        ("c2", "clause", "2. Board. The Board shall consist of four directors. Each Party shall appoint two directors.", None, "2"),
    )
    items = [_item("Beta holds 60% of the company's equity", "g1"), _item("Acme holds 60% of the company's equity", "g2"),
             _item("The board has four directors, two per party", "g3")]
    gaps = {g.item: g for g in check_draft(items, clauses, fake_embedder, parties=["Acme", "Beta"])}
    assert gaps["g1"].status == "covered", gaps["g1"].reason
    assert gaps["g2"].status == "contradicted" and "40%" in gaps["g2"].reason
    assert gaps["g3"].status != "contradicted", gaps["g3"].reason


def test_draft_clause_stating_the_value_settles_it(fake_embedder):
    clauses = _clauses(
        ("c1", "clause", "4.1 The Parties shall each have a fifty percent (50%) interest in the Operating Company.", None, "4.1"),
        ("c2", "clause", "12.2 If a determination of the interest in the Operating Company differs by more than 125% "
                         "from the others, each party appoints another expert.", None, "12.2"),
    )
    (gap,) = check_draft([_item("Each party holds a 50% interest in the operating company")], clauses, fake_embedder)
    assert gap.status == "covered" and gap.clauses[0] == "c1", gap.reason


def test_draft_a_heading_alone_covers_nothing(fake_embedder):
    clauses = _clauses(
        ("c1", "clause", "22 DISPUTE RESOLUTION PROCEDURES;", None, "22"),
        ("c2", "clause", "PARTIES' INTERESTS IN THE JOINT VENTURE.", None, "4"),
        ("c3", "clause", "ECONOMIC RIGHTS", None, "7"),
        ("c4", "clause", "9.3 The Board meets every quarter.", None, "9.3"),
    )
    texts = [s.text for s in draft_sentences(clauses)]
    assert texts == ["9.3 The Board meets every quarter."]
    (gap,) = check_draft([_item("Disputes go to the courts of New York")], clauses, fake_embedder)
    assert gap.status == "uncovered" or "c1" not in gap.clauses


def test_draft_check_stops_at_the_deadline_while_embedding_a_long_draft(fake_embedder):
    """A worker answered 504 kept embedding a long draft for minutes: the sentences are embedded a
    chunk at a time and the deadline is looked at between chunks."""
    import time

    import pytest

    from coaltext.errors import ParseTimeout

    calls = []

    class Slow:
        def encode(self, texts):
            calls.append(len(texts))
            time.sleep(0.05)
            return fake_embedder.encode(texts)

    clauses = _clauses(*[(f"c{i}", "clause", f"{i}. The Board meets every quarter in room {i}.", None, str(i))
                         for i in range(1, 1200)])
    with pytest.raises(ParseTimeout):
        check_draft([_item("Hold board meetings monthly")], clauses, Slow(), deadline=time.monotonic() + 0.12)
    assert len(calls) <= 4  # the items, then at most a few chunks of 256 sentences, not all 1,199 at once


def test_draft_choice_of_law_is_compared_by_its_place():
    """ "governed by the laws of Delaware, without reference to its conflict of laws principles"
    read as a negation contradicted a Delaware item; an English item had no place comparison."""
    from coaltext.goals.draft import _conflict

    law = ("This Agreement shall be governed and construed in accordance with the laws of the State of Delaware, "
           "without reference to the conflict of laws principles thereof.")
    cfg = {"contradiction_overlap": 0.3, "contradiction_overlap_numbers": 0.3}
    assert _conflict("The agreement is governed by the laws of Delaware", law, 0.8, cfg) is None
    got = _conflict("The agreement is governed by the laws of England", law, 0.8, cfg)
    assert got is not None and got.kind == "governing_law" and "England" in got.reason and "Delaware" in got.reason
    assert _conflict("This Agreement is governed by English law", "governed by the laws of England and Wales.", 0.8, cfg) is None


def test_draft_a_clause_that_states_neither_split_covers_neither_side(fake_embedder):
    """partner_goals.yaml against the alliance agreement: "Split licensing revenue 70/30" and "Share
    licensing revenue 50/50" were both covered by a royalty clause of 3.5%, which states neither."""
    royalty = "7.2 Each Industrial Party shall pay to the Institute a royalty of 3.5% of the licensing revenue between the parties."
    clauses = _clauses(("c1", "clause", royalty, None, "7.2"), ("c2", "clause", "19.2 Arbitration in London.", None, "19.2"))
    items = [_item("Split licensing revenue 70/30 between the industrial parties and the Institute", "g5"),
             _item("Share licensing revenue 50/50 between the industrial parties and the Institute", "g16")]
    gaps = {g.item: g for g in check_draft(items, clauses, fake_embedder)}
    for gid, split in (("g5", "70/30"), ("g16", "50/50")):
        assert gaps[gid].similarity >= 0.5  # near enough by cosine to have been "covered"
        assert gaps[gid].status == "uncovered", gaps[gid].reason
        assert f"does not state '{split}'" in gaps[gid].reason and "7.2" in gaps[gid].reason
    stated = _clauses(("c1", "clause", royalty.replace("a royalty of 3.5%", "a 70/30 split"), None, "7.2"))
    (gap,) = check_draft(items[:1], stated, fake_embedder)
    assert gap.status == "covered", gap.reason


def test_draft_cover_needs_the_items_exclusivity_direction_and_topic(fake_embedder):
    """Recital 1 ("… light commercial vehicles and compete …") covered "Obtain an exclusive licence … for
    light commercial vehicles"; "(a) research on other cell chemistries" covered "Reduce pilot cell
    production … for materials research"; an exclusivity clause covered "Qualify a second electrolyte supplier"."""
    from coaltext.goals.draft import unstated

    assert "exclusivity" in unstated("Obtain an exclusive licence for light commercial vehicles",
                                     "Both parties sell light commercial vehicles and compete with each other")
    assert unstated("Obtain an exclusive licence for light commercial vehicles",
                    "Beta grants an exclusive licence to its patents for light commercial vehicles") == []
    assert "a reduction" in unstated("Reduce pilot cell production for research", "The pilot cell production serves research")
    assert unstated("Reduce pilot cell production for research", "The Institute shall reduce pilot cell production for research") == []
    missing = unstated("Qualify a second electrolyte supplier in North America",
                       "The Institute shall not license its solid electrolytes to any third party")
    assert missing == ["its topic (only 1 of its 5 topic words)"]
    assert unstated("Train at least six doctoral students", "The Institute shall train eight doctoral students") == []
    assert unstated("Start vehicle testing before the end of 2028", "Vehicle testing starts in 2030") == ["'2028'"]
    # end to end: near by cosine, but no exclusivity stated
    clauses = _clauses(("c1", "recital", "WHEREAS the parties make electrolyte patents for light commercial vehicles and compete.", None, "Recital 1"))
    (gap,) = check_draft([_item("Obtain an exclusive licence to electrolyte patents for light commercial vehicles", "g10")],
                         clauses, fake_embedder)
    assert gap.similarity >= 0.5 and gap.status == "uncovered" and "exclusivity" in gap.reason, gap


def test_draft_one_clause_never_covers_both_sides_of_a_conflict(fake_embedder):
    """Two items that conflict on a cue the cover check does not ask for (a negation) were both covered
    by a clause that states neither side."""
    clauses = _clauses(("c1", "clause", "5.1 The Steering Committee decides on the admission of new members to the alliance.", None, "5.1"))
    items = [_item("Admit new members to the alliance", "g1"), _item("New members must not be admitted to the alliance", "g2")]
    gaps = {g.item: g for g in check_draft(items, clauses, fake_embedder)}
    assert gaps["g1"].status == gaps["g2"].status == "uncovered", gaps
    assert "g2, which conflicts with it" in gaps["g1"].reason and "settles neither" in gaps["g1"].reason
    (alone,) = check_draft(items[:1], clauses, fake_embedder)
    assert alone.status == "covered", alone.reason  # alone, the item is covered as before


def test_draft_a_long_item_needs_a_few_of_its_topic_words_not_a_quarter():
    from coaltext.goals.draft import unstated

    item = ("Zanotti and Aura wish to combine the Aura power generator with the Zanotti transport refrigeration units "
            "sold to trucking fleets, bus operators and rail freight customers across Europe, Asia and South America")
    assert unstated(item, "Aura shall supply the generator for the refrigeration units.") == []  # 4 of 20
    assert unstated(item, "Aura shall deliver the generator.") != []


def test_draft_generic_words_alone_never_cover(fake_embedder):
    """ELITR minutes against a CUAD cooperation agreement: "Coming up with a new date to give to the
    project officer, will be decided by voting." was covered (cosine 0.51) by a clause on a recycling
    project's starting date, sharing only "date" and "project"; "It is needed to figure out the
    date." by a clause on a delivery date. Words every contract or every set of minutes uses do not
    state an item's substance."""
    from coaltext.goals.draft import unstated

    missing = unstated("Coming up with a new date to give to the project officer, will be decided by voting.",
                       "The Parties agree that date after the recycling project meets the evaluation requirement "
                       "as the starting date for the recycling project.")
    assert missing == ["its topic (only 0 of its 2 topic words; 'date', 'project' are too generic to count)"]
    assert unstated("Send the project plan to the officer", "The project officer receives the plan.") == []
    items = [_item("A new date for the project will be decided by voting.", "dec-3"),
             _item("It is needed to figure out the date.", "dec-4")]
    clauses = _clauses(("c1", "clause", "6.3 The date of the project will be agreed by the Parties.", None, "6.3"),
                       ("c2", "clause", "3.3 It is agreed that the date is the Effective Date.", None, "3.3"))
    gaps = {g.item: g for g in check_draft(items, clauses, fake_embedder)}
    for gid in ("dec-3", "dec-4"):
        assert gaps[gid].similarity >= 0.5  # near enough by cosine to have been "covered"
        assert gaps[gid].status == "uncovered", gaps[gid].reason
    assert "'date', 'project' are too generic" in gaps["dec-3"].reason
    assert "all generic, and it does not say 'figure'" in gaps["dec-4"].reason
    # the same in other words, by a much higher cosine: generic words do count
    said = ("Agree the project timeline", "The Parties agree the project schedule.")
    assert unstated(*said) != [] and unstated(*said, close=True) == []
    assert unstated("It is needed to figure out the date.", "The date is hard to figure out.") == []  # says it all


def test_draft_covered_says_what_the_clause_shares_with_the_item(fake_embedder):
    clauses = _clauses(("c1", "clause", "4.1 The project officer will decide the date of the project.", None, "4.1"))
    (gap,) = check_draft([_item("A new date for the project will be decided by the project officer.")], clauses, fake_embedder)
    assert gap.status == "covered", gap.reason
    assert "4.1 (cosine 0." in gap.reason and "shares 'officer'" in gap.reason and "'date'" not in gap.reason.split('"')[0]


def test_draft_embeds_no_whole_clause_that_shares_no_word_with_a_counted_item(fake_embedder):
    """An item that states a quantity ("one corner of the slide") had every quantity-bearing clause
    of a CUAD draft embedded whole, for a comparison whose topic gate none of them could pass."""
    seen: list[str] = []

    class Recording:
        def encode(self, texts):
            seen.extend(texts)
            return fake_embedder.encode(texts)

    pay = "5.1 The Buyer shall pay 30% of the price within 10 days of delivery."
    clauses = _clauses(("c1", "clause", pay, None, "5.1"),
                       ("c2", "clause", "5.2 Each slide deck shall carry two logos in the corner.", None, "5.2"))
    (gap,) = check_draft([_item("The speaker is seen in one corner of the slide.")], clauses, Recording())
    assert gap.status != "contradicted"
    assert not any(t.startswith("The Buyer shall pay 30%") for t in seen)  # the whole-clause text of 5.1
    assert any(t.startswith("Each slide deck") for t in seen[2:])  # 5.2 shares "slide", "corner": compared whole
