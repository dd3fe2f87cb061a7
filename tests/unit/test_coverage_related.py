"""Amendments and agreements governed by or incorporating another agreement: the related_agreement flag,
and required types missing from such a document (the terms may be in the other agreement)."""

from __future__ import annotations

import pytest

from coaltext.coverage import assess, related_agreements
from coaltext.report.agreement import to_html, to_markdown
from coaltext.types import AgreementReport, AgreementStructure, Clause, Document, source_of


def _structure(texts: list[str], title: str | None = None):
    clauses, pos = [], 0
    for n, text in enumerate(texts, 1):
        clauses.append(Clause(id=f"c{n}", level=1, start=pos, end=pos + len(text), text=text, number=str(n),
                              kind="preamble" if n == 1 else "section"))
        pos += len(text) + 1
    doc = Document(name="x.txt", sha256="0" * 64, media_type="text/plain", text="\n".join(texts))
    return AgreementStructure(clauses=clauses, title=title), doc


AMENDMENT = [
    'FIRST AMENDMENT TO SUPPLY AGREEMENT This First Amendment (this "Amendment") is made by Acme Inc. and Beta LLC.',
    'WHEREAS, the parties entered into that certain Supply Agreement dated May 1, 2015 (the "Agreement"); and '
    "WHEREAS, the parties desire to amend the Agreement as set forth herein.",
    "1. Section 4 of the Agreement is deleted in its entirety.",
    "2. Except as amended hereby, the Agreement shall remain in full force and effect.",
    "3. This Amendment is governed by the Master Services Agreement between the parties.",
]


def _flags(texts, title=None, playbook="generic"):
    return assess(*_structure(texts, title), playbook)[1]


def test_an_amendment_names_what_it_amends_and_what_governs_it_with_rule_and_offsets():
    st, doc = _structure(AMENDMENT, "FIRST AMENDMENT TO SUPPLY AGREEMENT")
    related = related_agreements(st, doc)
    assert [(r.relation, r.rule, r.name) for r in related] == [
        ("amends", "amends.title", "the Supply Agreement"),
        ("amends", "amends.continues", "the Supply Agreement"),
        ("governed_by", "governed_by", "the Master Services Agreement")]
    gov = related[2]
    assert doc.text[gov.start:gov.end] == "This Amendment is governed by the Master Services Agreement" and gov.clause == "c5"
    flag = next(f for f in _flags(AMENDMENT, "FIRST AMENDMENT TO SUPPLY AGREEMENT") if f.code == "related_agreement")
    assert flag.severity == "info" and flag.clauses == ["c1", "c4", "c5"]
    assert f"characters {gov.start}–{gov.end}" in flag.message and "amends the Supply Agreement" in flag.message


def test_required_types_missing_from_an_amendment_are_info_and_say_where_they_may_be():
    missing = {f.message.split(" is required")[0]: f for f in _flags(AMENDMENT, "FIRST AMENDMENT TO SUPPLY AGREEMENT") if f.code == "missing_required"}
    law, term = missing["Governing law"], missing["Termination"]
    # "governed by the Master Services Agreement" names no law: not present, but not simply absent either
    assert law.severity == "info" and "names no law" in law.message and "Master Services Agreement" in law.message
    assert law.clauses == ["c5"]
    assert term.severity == "info" and "may be in the Supply Agreement (which this document amends)" in term.message
    assert "no clause covers it" not in law.message + term.message


def test_a_full_agreement_that_incorporates_its_exhibits_is_no_amendment():
    texts = ["SUPPLY AGREEMENT This Supply Agreement is made by Acme Inc. and Beta LLC.",
             "1. The Exhibits attached hereto are incorporated herein by reference and made a part hereof.",
             "2. The parties agree to amend this Agreement only in writing.",
             "3. All information disclosed under this Agreement shall be subject to the terms of the "
             "Confidentiality Agreement.",
             "4. This Agreement shall be governed by and construed under the laws of Delaware."]
    st, doc = _structure(texts, "SUPPLY AGREEMENT")
    assert related_agreements(st, doc) == []
    flags = _flags(texts[:3], "SUPPLY AGREEMENT")
    assert "related_agreement" not in {f.code for f in flags}
    law = next(f for f in flags if f.code == "missing_required" and f.message.startswith("Governing law"))
    assert law.severity == "high" and "no clause covers it" in law.message


def test_an_agreement_subject_to_a_master_agreement_and_partial_incorporation():
    texts = ["STATEMENT OF WORK between Acme Inc. and Beta LLC.",
             "1. The Services are described in Schedule 1.",
             "2. This Statement of Work is subject to the terms and conditions of the Master Services Agreement "
             "dated June 1, 2019."]
    related = related_agreements(*_structure(texts, "STATEMENT OF WORK"))
    assert [(r.relation, r.name, r.clause) for r in related] == [("governed_by", "the Master Services Agreement", "c3")]
    # a full agreement that incorporates one section of another: its missing types stay as they are (the
    # section says nothing of governing law), with an info flag naming the agreement
    texts = ["MARKETING AGREEMENT between Acme Inc. and Beta LLC.",
             "1. Disputes shall be finally settled in accordance with Section 13.11 of the LLC Agreement and such "
             "provisions shall be incorporated herein mutatis mutandis."]
    flags = _flags(texts, "MARKETING AGREEMENT")
    assert [r.relation for r in related_agreements(*_structure(texts, "MARKETING AGREEMENT"))] == ["incorporates"]
    law = next(f for f in flags if f.code == "missing_required" and f.message.startswith("Governing law"))
    assert law.severity == "high" and "no clause covers it" in law.message
    rel = next(f for f in flags if f.code == "related_agreement")
    assert rel.severity == "info" and "incorporates parts of the LLC Agreement" in rel.message


def test_reports_say_where_a_missing_type_may_be():
    st, doc = _structure(AMENDMENT, "FIRST AMENDMENT TO SUPPLY AGREEMENT")
    coverage, flags = assess(st, doc, "generic")
    report = AgreementReport(source=source_of(doc), clauses=st.clauses, coverage=coverage, flags=flags, title=st.title)
    md, html = to_markdown(report), to_html(report)
    # governing law: the law of the agreement that governs this one, as the JSON flag says (not the amended one);
    # the other types: either agreement. Each note said once, in one line under the list
    law = "Governing law — the law chosen in the Master Services Agreement (which governs this document) applies"
    rest = ("— it may be in the Supply Agreement (which this document amends) or the Master Services Agreement "
            "(which governs this document)")
    flags = {f.message.split(" is required")[0]: f.message for f in report.flags if f.code == "missing_required"}
    assert "governed by the Master Services Agreement: the law chosen there applies" in flags["Governing law"]
    assert "Supply Agreement" not in flags["Governing law"]
    missing = md.split("## Required but missing")[1].split("## Coverage")[0]
    assert "`related_agreement`" in md and f"*Not in this document: {law}; " in missing and rest in missing
    assert missing.count("Not in this document") == 1 and missing.count("may be in") == 1
    missing = html.split("Required but missing")[1].split("Coverage by clause type")[0]
    assert f"<em>Not in this document: {law}; " in missing and rest in missing
    assert missing.count("<em>") == 1 and missing.count("may be in") == 1


# A full joint venture draft with no governing law or termination clause (the reviewer's jv0 shape): each
# variant below only mentions another agreement, so it stays a full agreement and its flags stay high.
JV = ['JOINT VENTURE AGREEMENT',
      'This Joint Venture Agreement (this "Agreement") is entered into by Alpha Corp. and Beta GmbH.',
      'WHEREAS, Alpha and Beta are parties to the License Agreement dated March 3, 2019 (the "License Agreement");',
      '1. FORMATION. The parties shall form a joint venture company under the laws of the Netherlands.',
      '2. CAPITAL. Alpha shall contribute USD 5,000,000 and Beta shall contribute USD 5,000,000.']


def _jv_law(extra: list[str], head: list[str] | None = None) -> tuple[list, object]:
    texts = (head or JV) + extra
    st, doc = _structure(texts, texts[0])
    flags = assess(st, doc, "generic")[1]
    return related_agreements(st, doc), next(f for f in flags if f.code == "missing_required" and f.message.startswith("Governing law"))


def test_a_full_agreement_that_mentions_another_amendment_is_no_amendment():
    for extra in (['WHEREAS, they have entered into a first amendment to the License Agreement dated June 1, 2020 '
                   '(the "License Amendment");'],
                  ['WHEREAS, the parties wish to supplement the License Agreement by this Agreement and any amendment hereto;'],
                  ['3. AMENDMENT. This Agreement may only be changed by written amendment signed by both parties. Any '
                   'amendment to the License Agreement shall require the consent of the board.']):
        related, law = _jv_law(extra)
        assert related == [] and law.severity == "high", extra


def test_an_amended_and_restated_agreement_is_a_full_agreement():
    head = ['AMENDED AND RESTATED JOINT VENTURE AGREEMENT',
            'This Amended and Restated Joint Venture Agreement (this "Agreement") amends and restates in its entirety '
            'the Joint Venture Agreement dated May 1, 2015, as amended by the First Amendment to the Joint Venture '
            'Agreement dated June 1, 2016 (the "First Amendment"), as amended by this Amendment and Restatement.'] + JV[2:]
    related, law = _jv_law([], head)
    assert related == [] and law.severity == "high"


def test_governed_by_needs_this_document_and_a_named_agreement_in_one_sentence():
    for extra in (['3. This Agreement is made pursuant to the License Agreement.'],
                  ['3. This Agreement is subject to the terms of the License Agreement where they apply to the Products.'],
                  ['3. Governing Law. This Agreement shall be governed by Delaware Law.\nEntire Agreement. This is the '
                   'whole agreement of the parties.'],
                  ['3. GOVERNING LAW. THIS AGREEMENT SHALL BE GOVERNED BY DELAWARE LAW.\nENTIRE AGREEMENT. THIS IS THE '
                   'WHOLE AGREEMENT.']):
        related, law = _jv_law(extra)
        assert [r for r in related if r.relation == "governed_by"] == [] and law.severity == "high", extra
    # an addendum, by its title, under its master agreement is read with it
    head = ['ADDENDUM NO. 2 TO THE MASTER SUPPLY AGREEMENT', 'This Addendum is made by Acme Inc. and Beta LLC.'] + JV[2:]
    related, law = _jv_law(['3. This Addendum is subject to the terms of the Master Supply Agreement.'], head)
    assert [(r.relation, r.name) for r in related] == [("governed_by", "the Master Supply Agreement")]
    assert law.severity == "info"


def test_an_amendment_says_so_in_its_title_or_its_own_words():
    for title in ("AMENDMENT NO. 2 TO MANUFACTURING AND SUPPLY AGREEMENT", "Second Amendment to the Supply Agreement",
                  "NON-COMPETITION AGREEMENT AMENDMENT NO. 1", "Amendment to the Distribution Agreement"):
        texts = [title, "The parties agree as follows.", "1. Section 4 is deleted."]
        related = related_agreements(*_structure(texts, title))
        assert [r.rule for r in related] == ["amends.title"], title
    texts = ["AMENDMENT NO. 1", 'This Amendment No. 1 is made by Acme Inc. and Beta LLC. WHEREAS, the parties '
             'entered into the Wireless Content License Agreement dated May 1, 2015 (the "Agreement"), and desire to '
             "modify the Agreement as set forth herein."]
    assert [(r.rule, r.name) for r in related_agreements(*_structure(texts, "AMENDMENT NO. 1"))] == [
        ("amends.recital", "the Wireless Content License Agreement")]


def test_the_report_note_comes_from_the_related_agreement_not_from_a_message():
    # a fixed-fee revenue message holds "; " too: it is no "not in this document" note
    st, doc = _structure(AMENDMENT, "FIRST AMENDMENT TO SUPPLY AGREEMENT")
    coverage, flags = assess(st, doc, "generic")
    flags = [f.model_copy(update={"message": f.message.split(";")[0] + "; the payments found are fixed fees."})
             if f.code == "missing_required" and f.message.startswith("Termination") else f for f in flags]
    md = to_markdown(AgreementReport(source=source_of(doc), clauses=st.clauses, coverage=coverage, flags=flags,
                                     title=st.title))
    assert "fixed fees" not in md.split("## Required but missing")[1].split("## Coverage")[0]
    assert "— it may be in the Supply Agreement (which this document amends)" in md


@pytest.mark.timeout(6)  # a hang guard: two 5 MB texts, about 1 s now, 7-8 s before
def test_the_incorporation_rule_looks_back_from_incorporated():
    # "terms of the A Agreement " over 5 MB took 3.4 s when every "terms of" tried the whole sentence shape;
    # now only the words before an "incorporated" are read, and a text with none costs one scan
    for unit in ("terms of the A Agreement ", "terms of the Alpha Agreement is incorporated "):
        text = unit * (5_000_000 // len(unit))
        st = AgreementStructure(clauses=[Clause(id="c1", level=1, start=0, end=len(text), text=text, kind="section")],
                                title="SUPPLY AGREEMENT")
        related = related_agreements(st, Document(name="x.txt", sha256="0" * 64, media_type="text/plain", text=text))
        assert [r.name for r in related] == ([] if "incorporated" not in unit else ["the Alpha Agreement"])


@pytest.mark.timeout(8)  # a hang guard: under 1 s now
def test_related_agreements_runs_in_linear_time():
    cases = ("THIS AGREEMENT IS GOVERNED BY ALPHA BETA GAMMA DELTA EPSILON ZETA AGREEMENT. " * 4000,
             "This Order is subject to the terms of the Master Supply Agreement. " + "Word word word. " * 200)
    for unit in cases:
        text = unit * (400_000 // len(unit) + 1)
        st = AgreementStructure(clauses=[Clause(id="c1", level=1, start=0, end=len(text), text=text, kind="section")])
        assert related_agreements(st, Document(name="x.txt", sha256="0" * 64, media_type="text/plain", text=text)) == []


@pytest.mark.timeout(10)
def test_a_run_of_section_numbers_cannot_hang_the_incorporation_rule():
    # "to" both separates section numbers and makes them up: a separator that may match nothing let
    # "Sections totototo…" split in exponentially many ways (a 166-byte file took 28 s); the timeout fails
    # the test instead of hanging the run
    for tail in ("to" * 40, "toto" * 30 + " apply.", "1to" * 40, "1 to " * 40):
        texts = ["JOINT VENTURE AGREEMENT", f"1. SCOPE. Sections {tail} is incorporated herein.",
                 "2. BOARD. The board decides by majority."]
        assert related_agreements(*_structure(texts, texts[0])) == []
    texts = ["SUPPLY AGREEMENT", "1. Sections 4.1 through 4.3, 5 and 7 to 9 of the Operating Agreement are incorporated herein."]
    assert [(r.relation, r.name) for r in related_agreements(*_structure(texts, texts[0]))] == [
        ("incorporates", "the Operating Agreement")]


def test_a_full_agreement_subject_to_another_keeps_its_flags():
    # a full agreement "subject to" a master or shareholders' agreement keeps its own terms (reviewer's n8,
    # n9): only an amendment, supplement, order or statement of work is read as under the other as a whole
    head = JV[:2] + ['WHEREAS, Alpha and Beta are parties to a Strategic Alliance Master Agreement dated March 3, 2019 '
                     '(the "Master Agreement");'] + JV[3:]
    for extra, h in ((['0. MASTER AGREEMENT. This Agreement is subject to the terms of the Master Agreement.'], head),
                     (['This Agreement is subject to the Shareholders Agreement entered into on the date hereof, and in '
                       'case of conflict the Shareholders Agreement prevails.'], None)):
        related, law = _jv_law(extra, h)
        assert related == [] and law.severity == "high", extra
    # precedence wording limits it even in an order
    texts = ["PURCHASE ORDER", "1. This Order is subject to the Master Supply Agreement; in the event of any "
             "inconsistency, this Order prevails."]
    assert related_agreements(*_structure(texts, texts[0])) == []
    texts[1] = "1. This Order is subject to the terms of the Master Supply Agreement."
    assert [r.relation for r in related_agreements(*_structure(texts, texts[0]))] == ["governed_by"]


def test_this_amendment_counts_only_as_the_documents_own_name():
    # a full agreement that also amends another one in passing stays a full agreement (reviewer's n2, n5, n10)
    for extra in (['WHEREAS, the parties wish to amend the Cooperation Agreement dated March 3, 2019;',
                   '0. Section 4 of the Cooperation Agreement is deleted. This amendment takes effect on the date of '
                   'this Agreement.'],
                  ['WHEREAS, the parties wish to amend the Heads of Agreement signed on January 5, 2019 and replace '
                   'this Amendment-in-principle with a binding agreement;'],
                  ['0. DEFINITIONS. The parties shall amend the License Agreement to conform to the Business Plan. '
                   'References to this Amendment procedure are to this Section 0. This Amendment clause applies to '
                   'the Schedules.']):
        related, law = _jv_law(extra)
        assert related == [] and law.severity == "high", extra
    # its own name in the body, under a bare "AMENDMENT" (a stamp, maybe): not enough; the title decides
    for own in ('This Amendment No. 1 is made by Acme Inc. and Beta LLC.',
                'This First Amendment to the Supply Agreement (this "Amendment") is entered into by Acme Inc. and Beta LLC.',
                'THIS AMENDMENT is dated June 1, 2020.',
                'The parties have signed this document (this "Amendment") on June 1, 2020.'):
        texts = ["AMENDMENT", own, 'WHEREAS, the parties entered into the Supply Agreement dated May 1, 2015 (the '
                 '"Agreement") and desire to amend the Agreement as set forth herein.', "1. Section 4 is deleted."]
        assert related_agreements(*_structure(texts, "AMENDMENT")) == [], own
        texts[0] = "AMENDMENT NO. 1"
        related = related_agreements(*_structure(texts, texts[0]))
        assert [(r.rule, r.name) for r in related] == [("amends.recital", "the Supply Agreement")], own


def test_a_cover_listing_earlier_amendments_is_no_amendment():
    # conformed copies, restatements and superseded documents list amendments below the title (n1, n7, n11)
    for cover in (['JOINT VENTURE AGREEMENT', 'dated March 3, 2015', 'as amended by',
                   'Amendment No. 1 to the Joint Venture Agreement dated May 1, 2017', '(Conformed Copy)'],
                  ['AMENDED & RESTATED JOINT VENTURE AGREEMENT', 'Restating:', 'Joint Venture Agreement dated March 3, 2015',
                   'First Amendment to Joint Venture Agreement dated May 1, 2017'],
                  ['JOINT VENTURE AGREEMENT', 'Exhibit 10.1', 'Supersedes: SHAREHOLDERS AGREEMENT AMENDMENT NO. 1',
                   'SHAREHOLDERS AGREEMENT AMENDMENT NO. 2']):
        texts = ["\n".join(cover)] + JV[1:]
        st, doc = _structure(texts, cover[0])
        assert related_agreements(st, doc) == [], cover
        law = next(f for f in assess(st, doc, "generic")[1] if f.code == "missing_required"
                   and f.message.startswith("Governing law"))
        assert law.severity == "high"
    # the parsed title says it: an amendment of an amended and restated agreement is an amendment
    texts = ["Exhibit 10.1\nAMENDMENT NO. 1 TO AMENDED AND RESTATED SUPPLY AGREEMENT", "1. Section 4 is deleted."]
    assert [(r.rule, r.name) for r in related_agreements(*_structure(texts, texts[0].split("\n")[1]))] == [
        ("amends.title", "the AMENDED AND RESTATED SUPPLY AGREEMENT")]
    assert related_agreements(*_structure(texts)) == []  # with no parsed title, no first line stands for one
    # a title naming the document's own name is no amendment of it
    texts = ["JOINT VENTURE AGREEMENT AMENDMENT NO. 1", 'This Joint Venture Agreement (this "Agreement") is entered '
             'into by Alpha Corp. and Beta GmbH.', "1. FORMATION. The parties shall form a company."]
    assert related_agreements(*_structure(texts, texts[0])) == []


def test_an_amendment_titled_only_so_reads_its_recitals():
    # "AMENDMENT NO. 1" / "Amendment N° 1 Global Maintenance Agreement" titles (Glu, Azul on CUAD)
    texts = ["AMENDMENT NO. 1", "Reference is made to that certain Wireless Content License Agreement dated May 1, "
             '2015 ("Agreement"). The parties agree to modify the Agreement as follows:', "1. Exhibit A is amended."]
    assert [(r.rule, r.name) for r in related_agreements(*_structure(texts, texts[0]))] == [
        ("amends.recital", "the Wireless Content License Agreement")]
    texts = ["Amendment N° 1 Global Maintenance Agreement", 'This amendment (hereinafter referred to as the "Amendment") '
             "is entered into on January 6, 2016.", "1. Clause 4 is deleted."]
    assert [(r.rule, r.name) for r in related_agreements(*_structure(texts, texts[0]))] == [
        ("amends.title", "the Global Maintenance Agreement")]
    from coaltext.coverage import is_amendment
    assert not is_amendment(_structure(texts[1:])[0], texts[1])  # a bare "amendment" in its own words: no title
    # with no parsed title (ADMA on CUAD: the title runs into the preamble), the preamble's name for the
    # document is its title where it names what it amends
    texts = ['This Amendment #3 to the Manufacturing Agreement (this "Amendment #3") is made effective as of '
             'December 21, 2017 by Acme Inc. and Beta LLC.', "1. Section 4 is deleted."]
    assert [(r.rule, r.name) for r in related_agreements(*_structure(texts))] == [
        ("amends.title", "the Manufacturing Agreement")]


def test_only_the_title_makes_a_document_an_amendment():
    # a full joint venture that amends another agreement in one clause, or holds a form of amendment, keeps its
    # high flags (reviewer's r5, r17, r11): body words never make it an amendment
    for extra in (['0. AMENDMENT TO LICENSE AGREEMENT. Section 4 of the License Agreement is deleted. This Amendment to '
                   'the License Agreement shall take effect on the Closing Date.'],
                  ['0. The parties hereby amend the License Agreement as follows (this "Amendment"): Section 4 is deleted.'],
                  ['EXHIBIT A\nFORM OF AMENDMENT TO LICENSE AGREEMENT\nThis Amendment No. __ to the License Agreement '
                   '(this "Amendment") is made as of ____.']):
        related, law = _jv_law(extra)
        assert related == [] and law.severity == "high", extra
    # "Amendment No. 2 and Restatement of …" is a full agreement (r1); a stamp "AMENDMENT" above it is no title (r4)
    for title in ("AMENDMENT NO. 2 AND RESTATEMENT OF JOINT VENTURE AGREEMENT", "AMENDMENT"):
        related, law = _jv_law(['0. The parties shall amend the License Agreement to conform to the Business Plan.'],
                               [title] + JV[1:])
        assert related == [] and law.severity == "high", title


def test_only_a_subordinate_title_puts_the_document_under_another():
    # a schedule inside a master agreement (r6, r8); a supplemental or "as amended" agreement (r9, r10, r13)
    for title, extra in (("MASTER ALLIANCE AGREEMENT", "SCHEDULE 1 – GOVERNANCE\nThis Schedule is governed by the "
                          "Master Agreement."),
                         ("SUPPLEMENTAL JOINT VENTURE AGREEMENT", "0. This Agreement is subject to the Shareholders "
                          "Agreement dated January 1, 2020 between the parties."),
                         ("JOINT VENTURE AGREEMENT, AS AMENDED", "0. This Agreement is subject to the Shareholders "
                          "Agreement dated January 1, 2020 between the parties.")):
        related, law = _jv_law([extra], [title] + JV[1:])
        assert related == [] and law.severity == "high", title
    # the sentence's subject must be the title's own noun: a schedule sentence in an order says nothing of the order
    texts = ["PURCHASE ORDER", "1. This Schedule is governed by the Master Supply Agreement."]
    assert related_agreements(*_structure(texts, texts[0])) == []
    texts = ["SCHEDULE A", "1. This Schedule is governed by the Master Supply Agreement."]
    assert [r.relation for r in related_agreements(*_structure(texts, texts[0]))] == ["governed_by"]
