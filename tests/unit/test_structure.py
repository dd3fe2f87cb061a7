"""Structure: numbering markers and the clause tree, on small hand-built documents."""

from __future__ import annotations

import pytest

from coaltext.structure.clauses import parse_agreement
from coaltext.structure.numbering import match_marker
from coaltext.structure.parties import find_date, find_parties, parse_date
from coaltext.types import Document, Page


def doc(text: str, media_type: str = "text/plain", pages=None) -> Document:
    return Document(name="t.txt", sha256="0" * 64, media_type=media_type, text=text, pages=pages)


def by_number(st):
    return {c.number: c for c in st.clauses if c.number}


def assert_tree_is_honest(d: Document, st) -> None:
    ids = {c.id: c for c in st.clauses}
    for c in st.clauses:
        assert d.text[c.start : c.end] == c.text
        assert c.text == c.text.strip()
        if c.parent is not None:
            p = ids[c.parent]
            assert p.start <= c.start and c.end <= p.end and c.level == p.level + 1
        else:
            assert c.level == 1


@pytest.mark.parametrize(
    "line,label,style",
    [
        ("ARTICLE IV", "ARTICLE IV", "article"),
        ("Article 3 - Term", "Article 3", "article"),
        ("Section 5.2 Fees.", "Section 5.2", "dec2"),
        ("5.2.1 The Licensee", "5.2.1", "dec3"),
        ("12. Arbitration. Any dispute", "12", "dec1"),
        ("(a) the first", "(a)", "plalpha"),
        ("(iv) the fourth", "(iv)", "plroman"),
        ("(A) upper", "(A)", "pualpha"),
        ("B.1 The allocation", "B.1", "dec2"),
        ("Schedule B", "Schedule B", "schedule"),
    ],
)
def test_numbering_recognises_legal_markers(line, label, style):
    m = match_marker(line)
    assert m is not None and m.label == label and m.style == style


@pytest.mark.parametrize("line", ["5 days after notice", "2005, the parties", "Inc. and its affiliates", "100 units"])
def test_numbering_ignores_numbers_that_are_not_markers(line):
    assert match_marker(line) is None


AGREEMENT = """MASTER ALLIANCE AGREEMENT

This Agreement is dated as of March 5, 2024 between Acme Robotics, Inc., a Delaware corporation ("Licensor") and Beta Labs Ltd ("Beta").

RECITALS

WHEREAS, Acme makes robots;

WHEREAS, Beta sells them;

NOW, THEREFORE, the parties agree as follows:

ARTICLE I
DEFINITIONS

1.1 "Product" means any robot made by Acme.

1.2 "Territory" shall mean Europe.

ARTICLE II
LICENCE

2.1 Grant. Acme grants Beta a licence to:

(a) sell Products;

(b) market Products, including:

(i) online; and

(ii) in stores.

(c) service Products.

2.2 Royalties. Beta shall pay 5% of Net Sales.

CONFIDENTIALITY

Each party shall keep the other's information secret.

IN WITNESS WHEREOF, the parties have signed.

By: ____________
Name: Jane Doe
TITLE: CEO

SCHEDULE A
PRICING

1. Robots cost $10.
"""


def test_structure_builds_the_clause_tree():
    d = doc(AGREEMENT)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    assert n["ARTICLE II"].heading == "LICENCE" and n["ARTICLE II"].kind == "article"
    assert n["2.1"].heading == "Grant" and n["2.1"].parent == n["ARTICLE II"].id
    assert n["(b)"].parent == n["2.1"].id and n["(i)"].parent == n["(b)"].id and n["(ii)"].parent == n["(b)"].id
    assert n["(c)"].parent == n["2.1"].id  # back out of the roman list to the letters
    assert n["2.2"].heading == "Royalties" and n["2.2"].parent == n["ARTICLE II"].id
    kinds = [c.kind for c in st.clauses]
    assert kinds[0] == "title" and "recital" in kinds and "signature" in kinds
    sched = n["SCHEDULE A"]
    assert sched.kind == "schedule" and sched.heading == "PRICING" and sched.parent is None
    assert n["1"].parent == sched.id  # numbering restarts inside the schedule
    caps = next(c for c in st.clauses if c.heading == "CONFIDENTIALITY")
    assert "keep the other's information secret" in caps.text
    sig = next(c for c in st.clauses if c.kind == "signature")
    assert "Name: Jane Doe" in sig.text and not any(c.parent == sig.id for c in st.clauses)


def test_structure_cites_clauses_as_a_lawyer_would():
    """A sub-clause is cited through its numbered ancestors ("2.1(b)(ii)", not a bare "(ii)"
    that occurs many times in a contract); decimal, article and schedule numbers stand alone;
    unnumbered paragraphs and recitals get a place."""
    st = parse_agreement(doc(AGREEMENT))
    n = by_number(st)
    assert n["(ii)"].citation == "2.1(b)(ii)" and n["(c)"].citation == "2.1(c)"
    assert n["2.2"].citation == "2.2" and n["ARTICLE II"].citation == "ARTICLE II"
    assert n["1"].citation == "SCHEDULE A, 1"
    recitals = [c for c in st.clauses if c.kind == "recital" and c.parent]
    assert [c.citation for c in recitals][:2] == ["Recital 1", "Recital 2"]
    caps = next(c for c in st.clauses if c.heading == "CONFIDENTIALITY")
    assert caps.citation is None  # an unnumbered heading is found by its heading
    now = next(c for c in st.clauses if c.text.startswith("NOW, THEREFORE"))
    assert now.citation is None  # it closes the recitals but is not one
    annex = parse_agreement(doc(AGREEMENT + "\nEXHIBIT B\nSERVICES\n\n2.1 Scope. The services.\n\n"
                                "2.1.1 Detail. More.\n\n(a) first service.\n"))
    cites = {c.number: c.citation for c in annex.clauses if c.citation and c.citation.startswith("EXHIBIT")}
    # the body has a 2.1 of its own; deeper numbers are not chained ("EXHIBIT B, 2.1, 2.1.1")
    assert {k: cites[k] for k in ("2.1", "2.1.1", "(a)")} == {
        "2.1": "EXHIBIT B, 2.1", "2.1.1": "EXHIBIT B, 2.1.1", "(a)": "EXHIBIT B, 2.1.1(a)"}
    # an EDGAR filing's own exhibit number heads the whole contract, not an annex of it
    filed = parse_agreement(doc("EXHIBIT 10.17\n\n" + AGREEMENT))
    assert by_number(filed)["2.2"].citation == "2.2"


def test_structure_finds_title_date_parties_and_definitions():
    st = parse_agreement(doc(AGREEMENT))
    assert st.title == "MASTER ALLIANCE AGREEMENT"
    assert st.date == "2024-03-05"
    names = {p.name: p for p in st.parties}
    assert names["Acme Robotics, Inc."].role == "Licensor"
    assert names["Beta Labs Ltd"].alias == "Beta" and names["Beta Labs Ltd"].role is None
    terms = {d.term: d for d in st.definitions}
    assert {"Product", "Territory"} <= set(terms)
    assert AGREEMENT[terms["Product"].start : terms["Product"].end] == "Product"
    assert terms["Product"].clause == by_number(st)["1.1"].id


def test_structure_letter_i_after_h_is_a_letter_not_roman():
    items = "\n\n".join(f"({ch}) item {ch};" for ch in "abcdefghij")
    st = parse_agreement(doc("1. List. The items are:\n\n" + items))
    letters = [c for c in st.clauses if c.number and c.number.startswith("(")]
    assert [c.number for c in letters] == [f"({ch})" for ch in "abcdefghij"]
    assert len({c.parent for c in letters}) == 1


def test_structure_splits_run_on_clauses_in_one_line():
    text = "1. Term. This lasts a year. 1.1 Renewal. It renews yearly. 1.2 Notice. Either party may end it.   2. LAW. Delaware law governs."
    st = parse_agreement(doc(text))
    n = by_number(st)
    assert {"1", "1.1", "1.2", "2"} <= set(n)
    assert n["1.1"].parent == n["1"].id and n["2"].parent is None
    assert n["1.1"].text == "1.1 Renewal. It renews yearly." and n["1.1"].heading == "Renewal"


def test_structure_cross_reference_at_line_start_is_not_a_clause():
    # wrapped (PDF-like) text: "Article XV." continues a sentence from the full line above
    width = "The Steering Committee shall refer any deadlock to the procedure set out in"
    text = "\n".join(
        [
            "ARTICLE IV",
            "GOVERNANCE",
            "4.5 Deadlock. " + width,
            "Article XV. The chair has no casting vote and the matter shall be escalated.",
            "ARTICLE V",
            "INTELLECTUAL PROPERTY",
            "5.1 Ownership. Each Party keeps its Background IP, as listed in the schedule.",
        ]
    )
    st = parse_agreement(doc(text, media_type="application/pdf", pages=[Page(1, 0, len(text))]))
    numbers = [c.number for c in st.clauses if c.kind == "article"]
    assert numbers == ["ARTICLE IV", "ARTICLE V"]
    assert all(c.page_start == 1 for c in st.clauses)


def test_structure_long_unnumbered_bodies_split_into_paragraphs():
    paras = "\n\n".join(f"Paragraph {i} says something important about the deal. " * 6 for i in range(6))
    d = doc("GENERAL\n\n" + paras)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    assert sum(c.kind == "paragraph" for c in st.clauses) >= 5
    assert max(len(c.text) for c in st.clauses if c.kind == "paragraph") < 2500


def test_structure_crlf_offsets_stay_exact():
    text = AGREEMENT.replace("\n", "\r\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    assert by_number(st)["2.1"].heading == "Grant"


def test_parties_dates_in_several_forms():
    assert parse_date("the 1st day of September, 2004") == "2004-09-01"
    assert parse_date("dated 2 March 2027") == "2027-03-02"
    assert parse_date("on 07/14/11 by") == "2011-07-14"
    assert parse_date("no date here") is None
    assert find_date("EXHIBIT 10.1\nThis Agreement is entered into on January 13, 2005 between") == "2005-01-13"
    assert parse_date("Dated 29/3/18") == "2018-03-29"  # day first when it cannot be a month
    assert parse_date("signed 1.4.2011") == "2011-04-01"  # dotted dates are day first


def test_agreement_date_skips_edgar_furniture_and_falls_back_to_signatures():
    # EDGAR's "Source:" line carries the filing date, not the agreement's
    top = "Source: ACME HOLDINGS, F-1/A, 3/3/2017\n\nExecution version\n\nThis amendment is entered into on January 6th, 2016.\n"
    assert find_date(top) == "2016-01-06"
    # no date at the top: the signature blocks give it
    body = "SUPPLY AGREEMENT\n\nAcme Corp. and Beta Ltd agree as follows.\n\n" + "1. Supply. Acme supplies Beta.\n" * 200
    assert find_date(body + "\nACME CORP.\nBy: J. Doe\nDate: May 17, 2006\n") == "2006-05-17"
    assert find_date(body) is None


def _parties(text: str) -> dict[str, str | None]:
    return {p.name: p.alias for p in find_parties(text)}


def test_parties_from_a_cover_page_and_a_numbered_list():
    cover = ("PROMOTION AGREEMENT\n\nby and between\n\nHALVORSEN BIOTECH, INC.\n\nand\n\nNORTHWIND THERAPEUTICS, INC.\n\n"
             "Dated as of: April 5, 2019\n\nTABLE OF CONTENTS\n\nARTICLE 1 DEFINITIONS 1\n")
    assert _parties(cover) == {"HALVORSEN BIOTECH, INC.": None, "NORTHWIND THERAPEUTICS, INC.": None}
    listed = ('THIS AGREEMENT is dated\n\nBETWEEN:\n\n(1) KESTREL TX LIMITED a company incorporated under the laws of '
              'England and Wales whose registered office is at Building 9, Cambridge, United Kingdom (the "Company"); '
              'and\n\n(2) JANE MARLOWE of (the "Employee").\n\nIT IS AGREED as follows:')
    assert _parties(listed) == {"KESTREL TX LIMITED": "Company", "JANE MARLOWE": "Employee"}


def test_parties_are_not_addresses_descriptions_or_defined_terms():
    text = ('This Content License Agreement is dated as of October 1, 2005 and is by and between Orbis Corporation a '
            'Delaware corporation ("Orbis"), with offices at 669 River Drive, Center 2, Elmwood Park, New Jersey 07407 '
            'and Quillon, Inc. a Georgia Corporation ("Quillon"), with offices at 111 Eighth Avenue, New York. The '
            'content is listed in the Program ("Program").\n\nWHEREAS, Orbis licenses content;')
    found = find_parties(text)
    assert [(p.name, p.alias) for p in found] == [("Orbis Corporation", "Orbis"), ("Quillon, Inc.", "Quillon")]
    assert all(text[p.start : p.end] == p.name for p in found)
    centre = ('This Agreement is made between Centre for Probe Research, a corporation of Eastfield University '
              '("CPR"), and Lumen Pharmaceuticals Inc. ("Lumen").\n\nWHEREAS, CPR makes probes;')
    assert _parties(centre) == {"Centre for Probe Research": "CPR", "Lumen Pharmaceuticals Inc.": "Lumen"}


def test_a_party_after_an_and_on_its_own_line_and_a_description_of_the_first():
    # a PDF's cover layout: the first party's description, then "AND" alone on its line, then the second party
    text = ("JOINT VENTURE AGREEMENT\nBETWEEN\nHALVORSEN BIOTECH Inc., a Delaware Company, 12 Elm St. Suite 140, "
            "Houston TX 77054 USA, in\nperson of its Chief Executive Officer Dr. Jane Roe, PhD\nAND\n"
            "NORRLAND PHARMA S.R.L. an Italian Company seated in Milan, Via Roma n. 3, in person\n"
            "of its Legal Representative Mr. John Doe;\n"
            "each a Party and, together, the Parties.\nWHEREAS\nA. Halvorsen is a company.\n")
    assert _parties(text) == {"HALVORSEN BIOTECH Inc.": None, "NORRLAND PHARMA S.R.L.": None}


@pytest.mark.parametrize("between", [" ", "\n"])  # a PDF's line may break the name
def test_a_party_acting_through_an_office_is_not_the_offices_place(between):
    text = ("This Strategic Alliance Agreement is entered into as of May 1, 2015 between Orbis Corporation, a Nevada "
            f"Corporation (\"Orbis\"), and Kestrel{between}Register FNMA, acting through its office in Abu Dhabi "
            "(\"Kestrel\" and, together with Orbis, the \"Parties\").\n\nWHEREAS, Orbis designs fuel;")
    assert _parties(text) == {"Orbis Corporation": "Orbis", "Kestrel Register FNMA": "Kestrel"}


def test_a_partys_parent_named_in_its_description_is_no_party():
    text = ("Cooperation Agreement   Party A: Northwind Energy Co., Ltd. Legal Representative: Li Wei   Northwind "
            "Energy Co., Ltd. is a subsidiary of Halvorsen Energy Co. and is also the third tier subsidiary of Orbis "
            "Power Corporation, and it runs projects in China. Orbis Power Corporation (the \"Company\") is a NASDAQ "
            "listed company.   Party B: Kestrel Gas Supply Co., Ltd.   Legal Representative: Wang Fang   After "
            "friendly negotiation between two parties, Party A and Party B agree as follows.")
    assert _parties(text) == {"Northwind Energy Co., Ltd.": "Party A", "Kestrel Gas Supply Co., Ltd.": "Party B"}
    # a subsidiary "of" a party that the preamble then names as one: both are parties
    both = ("This Guarantee is made as of May 1, 2015 by and between Northwind Energy LLC, a subsidiary of Orbis Power "
            "Corporation (\"Northwind\"), and Orbis Power Corporation (\"Orbis\").\n\nWHEREAS, Northwind sells power;")
    assert _parties(both) == {"Northwind Energy LLC": "Northwind", "Orbis Power Corporation": "Orbis"}


def test_a_place_a_party_is_seated_at_is_no_party_even_named_like_one():
    centre = ("This Supply Agreement is effective as of the date of last signing between Centre for Probe Research, a "
              "not-for-profit research and services institution with offices located at Eastfield University, "
              "Science Building, 12 Main Street West, Hamilton, Canada, (\"CPR\"), and Lumen Pharmaceuticals Inc. "
              "(\"Lumen\").\n\nWHEREAS, CPR makes probes;")
    assert _parties(centre) == {"Centre for Probe Research": "CPR", "Lumen Pharmaceuticals Inc.": "Lumen"}
    # "CO" (Colorado) reads as a legal form
    street = ("This Reseller Agreement is made as of May 1, 2005 by and between Orbis Software Corporation, a Delaware "
              "corporation (\"Orbis\"), and Kestrel Strategies, a Nevada corporation, with its principal place of "
              "business at 3801-E Elm Ave Ste 400 Denver, CO 80210 (\"Reseller\").\n\nRECITALS\n\nA. Orbis makes "
              "software.")
    assert _parties(street) == {"Orbis Software Corporation": "Orbis", "Kestrel Strategies": "Reseller"}


@pytest.mark.parametrize(("last", "name"), [
    ("Müller GmbH", "Müller GmbH"), ("Beta Limited", "Beta Limited"), ("Beta LLC", "Beta LLC"),  # the sentence's stop
    ("Beta Inc", "Beta Inc."), ("Beta Co", "Beta Co."), ("Beta S.A", "Beta S.A."), ("Beta Pty. Ltd", "Beta Pty. Ltd."),
])
def test_a_sentences_full_stop_is_no_part_of_the_last_partys_name(last, name):
    text = f"This Agreement is made between Café Société SARL (“Café”) and {last}. The parties shall agree as follows."
    assert _parties(text) == {"Café Société SARL": "Café", name: None}


def test_a_french_sarl_is_a_legal_form():
    text = "This Agreement is made between Norrland Conseil SARL and Kestrel Sàrl.\n\n1. Definitions. Words mean it."
    assert _parties(text) == {"Norrland Conseil SARL": None, "Kestrel Sàrl": None}


def test_dates_keep_four_digit_years_and_are_never_cut():
    assert parse_date("on 1/1/0000") is None  # a four-digit year stands as written (and year 0 is no date)
    assert parse_date("on 3/5/99") == "1999-03-05"
    head = "AGREEMENT\n\n" + "x" * 2980 + " dated 1/15/1999 between Acme and Beta"
    assert find_date(head) in (None, "1999-01-15")


def test_citations_count_the_lead_in_and_name_unnumbered_headings():
    body = " ".join(["word"] * 300)
    st = parse_agreement(doc(f"1. General.\n\n8.1 Notices. First {body}.\n\nSecond {body}.\n\nThird {body}.\n"))
    second = next(c for c in st.clauses if c.text.startswith("Second"))
    assert second.citation == "8.1 ¶ 2"  # "8.1 Notices. First …" is its first paragraph
    st = parse_agreement(doc("SUPPLY AGREEMENT\n\nThis Agreement is made between Acme Corp. and Beta Ltd.\n\n"
                             f"1. Supply. Acme supplies Beta.\n\nEXHIBIT B\nSUPPLIER CODE\n\nENVIRONMENT\n\nEnv one {body}.\n\n"
                             f"Env two {body}.\n\nLABOUR\n\nLab one {body}.\n\nLab two {body}.\n"))
    cites = [c.citation for c in st.clauses if c.kind == "paragraph"]
    assert "EXHIBIT B, LABOUR ¶ 1" in cites and len(cites) == len(set(cites))


def test_party_names_with_runs_of_spaces_do_not_hang():
    """Words separated by runs of spaces (EDGAR cover pages, tables) once made the organisation
    pattern backtrack exponentially: ten such words took 92 s. Run in a child process so that a
    regression fails here instead of hanging the suite."""
    import subprocess
    import sys

    code = "from coaltext.structure.parties import find_parties; find_parties(('Abc' + ' ' * 8) * 12 + 'x')"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)
    # a capitalised word, then "a" or "the" and a long run of spaces, backtracked cubically in the
    # description of a named person ("Jane Doe, an individual (…)"): 10 s for 5,000 spaces
    code = ("from coaltext.structure.parties import find_parties; "
            "[find_parties(h + 'a' + ' ' * 5000 + 'b') for h in ('TABLE OF CONTENTS\\n', 'Preface\\n', 'Acme the')]")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=8)


def test_parties_from_signature_blocks_when_the_preamble_names_none():
    text = ("LETTER AGREEMENT\n\nLadies and Gentlemen:\n\nWe write to confirm the services described below.\n\n"
            + "1. Services. The agent will market the shares.\n" * 200
            + "\nIN WITNESS WHEREOF the parties sign.\n\nHALVORSEN BANCSHARES CORPORATION\n\nBy: /s/ J. Doe\nName: J. Doe\n\n"
            "KESTREL SECURITIES, INC.\n\nBy: /s/ R. Roe\nName: R. Roe\n")
    found = find_parties(text)
    assert [p.name for p in found] == ["HALVORSEN BANCSHARES CORPORATION", "KESTREL SECURITIES, INC."]
    assert all(text[p.start : p.end] == p.name for p in found)
    # a bare legal form of a column layout, and a bank signing a form attached after the signatures, are not parties
    text = text.replace("KESTREL SECURITIES, INC.", "KESTREL SECURITIES             INC.") + (
        "\nEXHIBIT A\nFORM OF GUARANTEE\n\nGAMMA BANK, N.A.\n\nBy: ____\n")
    assert [p.name for p in find_parties(text)] == ["HALVORSEN BANCSHARES CORPORATION"]


def test_address_lines_of_a_notice_clause_do_not_hold_the_sections_after_it():
    """EDGAR notice blocks put each address line on its own line: a city, a postcode, an
    "Attention:" line. The sections that follow stay beside the notices clause, and a postcode
    is no heading at all."""
    text = ("ARTICLE XII\n\nMISCELLANEOUS\n\n"
            "Section 12.01. Notices. All notices shall be in writing and delivered to the addresses below.\n\n"
            "(a) If to Acme: Acme Limited\n\n"
            "Brampton, Ontario\n\n"
            "L6T 5P6\n\n"
            "Attention: Corporate Secretary\n\n"
            "Section 12.02. Entire Agreement. This Agreement is the entire agreement of the Parties.\n\n"
            "Section 12.03. Governing Law. This Agreement is governed by the laws of Ontario.\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    assert n["Section 12.02"].parent == n["Section 12.01"].parent == n["Section 12.03"].parent == n["ARTICLE XII"].id
    assert not any(c.heading == "L6T 5P6" for c in st.clauses)


def test_a_heading_right_above_a_numbered_clause_still_holds_it():
    text = ("1. Definitions. Words have the meanings given here.\n\n"
            "2. Term. This Agreement lasts two years.\n\n"
            "CONFIDENTIALITY\n\n"
            "3. Each party keeps the other's information confidential.\n")
    st = parse_agreement(doc(text))
    n = by_number(st)
    heading = next(c for c in st.clauses if c.heading == "CONFIDENTIALITY")
    assert n["3"].parent == heading.id


def test_headings_and_quotes_drop_edgar_underlining():
    from coaltext.structure.clauses import display

    text = ("STRATEGIC ALLIANCE AGREEMENT\n----------------------------\n\n"
            "ARTICLE I\n\nDEFINITIONS           -----------\n\n"
            "Section 1.01. Governing Law. This Agreement shall be governed by and be --------- ---- construed "
            "under the laws of Ontario.\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)  # the text keeps every dash: offsets index the document
    assert "-" not in "".join(c.heading or "" for c in st.clauses)
    assert display("governed by and be --------- ---- construed") == "governed by and be construed"
    assert display("a fee of $--------- per month, a well-known co-branding") == "a fee of $--------- per month, a well-known co-branding"
    assert display("volumes of 0 -- 500 units") == "volumes of 0 -- 500 units"  # a range, not underlining


def test_a_heading_with_a_code_word_is_still_a_heading():
    text = ("1. Definitions. Words have the meanings given here.\n\n"
            "Y2K COMPLIANCE\n\n"
            "The Software will handle dates in the year 2000 correctly.\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    assert any(c.heading == "Y2K COMPLIANCE" for c in st.clauses)


def test_a_run_in_heading_after_a_run_of_spaces_is_the_heading():
    # EDGAR text: "19.   Assignment.  This Agreement …" — the spaces cut the line after the number
    st = parse_agreement(doc("ENDORSEMENT AGREEMENT\n\nThis Agreement is made by A and B.\n\n"
                             "1.    Definitions.  As used herein, the following terms apply.\n\n"
                             "2.   Governing Law.  This Agreement shall be governed by the law of Tennessee.\n\n"
                             "3.    The Company shall pay.  Payment is due monthly.\n\n"
                             "4. Time is of the Essence. Time is of the essence of this Agreement.\n"))
    n = by_number(st)
    assert n["1"].heading == "Definitions" and n["2"].heading == "Governing Law"
    assert n["3"].heading is None  # a sentence is no heading
    assert n["4"].heading == "Time is of the Essence"
    assert n["2"].text.startswith("2.   Governing Law.  This Agreement shall be governed")


def test_a_headed_section_one_after_lettered_recitals_starts_the_body():
    # no "NOW, THEREFORE" closes the recitals: "1. DEFINITIONS." is not an item of recital D
    st = parse_agreement(doc("DISTRIBUTOR AGREEMENT\n\nThis Agreement is made by A and B.\n\nRECITALS\n\n"
                             "A. The Company's Business. The Company makes products.\n\n"
                             "B. The Distributor's Objectives. The Distributor wants to sell them.\n\n"
                             "1. DEFINITIONS. Words have the meanings given here.\n\n"
                             "1.1 Products. The products listed in Exhibit A.\n\n"
                             "2. TERM. This Agreement lasts two years.\n"))
    n = by_number(st)
    assert n["1"].parent is None and n["1"].kind == "section" and n["1"].heading == "DEFINITIONS"
    assert n["2"].parent is None and n["1.1"].parent == n["1"].id
    assert n["B."].parent == n["A."].parent  # the recitals keep their items


def test_a_list_inside_a_recital_stays_in_it():
    st = parse_agreement(doc("AGREEMENT\n\nThis Agreement is made by A and B.\n\nRECITALS\n\n"
                             "A. The parties wish to:\n\n(1) develop products; and\n\n(2) sell them.\n\n"
                             "NOW, THEREFORE, the parties agree as follows:\n\n1. DEFINITIONS. Words mean things.\n"))
    one = next(c for c in st.clauses if c.number == "(1)" or (c.citation or "").endswith("(1)"))
    assert one.parent == by_number(st)["A."].id


def test_address_labels_of_a_notice_clause_are_no_headings():
    st = parse_agreement(doc("ENDORSEMENT AGREEMENT\n\nThis Agreement is made by A and B.\n\n"
                             "1. Notices. Notices go to the addresses below.\n\n"
                             "If to Talent:\n\nMr. Stephen Marley\n\n1 Main Street\n\nMiami, Florida 33177\n\n"
                             "WITH A COPY TO:\n\nJane Roe, 2 Main Street, Miami, Florida 33177\n\n"
                             "2. Licensing. Nothing here conveys a licence.\n"))
    assert not any(c.heading and c.heading.lower().startswith(("if to", "with a copy", "miami")) for c in st.clauses)
    n = by_number(st)
    assert n["2"].parent == n["1"].parent and n["2"].heading == "Licensing"


def test_run_in_headings_are_no_contents_lines_or_dates_and_fax_lines_no_headings():
    st = parse_agreement(doc("SUPPLY AGREEMENT\n\nThis Agreement is made by A and B.\n\n"
                             "1. Table of Contents 2. Introduction 3. Definitions\n\n"
                             "ARTICLE IX\nGENERAL\n\n9.1 Notices. Notices go to:\n\nAcme Corp.\n\nFax No.: 212-588-3674\n\n"
                             "Telephone: 212-588-3600\n\n9.2 Waiver. No waiver binds a party.\n"))
    assert all(not (c.heading or "").endswith("2") for c in st.clauses)
    assert not any((c.heading or "").lower().startswith(("fax", "telephone")) for c in st.clauses)
    n = by_number(st)
    assert n["9.2"].parent == n["9.1"].parent


def test_a_numbered_title_alone_on_its_line_is_the_heading():
    st = parse_agreement(doc("SUPPLY AGREEMENT\n\nThis Agreement is made by A and B.\n\n"
                             "19.4 Dispute Resolution\nThe parties shall first negotiate in good faith.\n"
                             "19.5 The Company shall pay all fees.\n"))
    n = by_number(st)
    assert n["19.4"].heading == "Dispute Resolution"
    assert n["19.5"].heading is None


def test_title_alone_rule_skips_wrapped_sentences_list_items_and_recital_lists():
    wrap = "The Licensee shall pay all royalties when due under this Agreement and shall keep"
    text = "LICENSE AGREEMENT\n\n1. Royalties.\n" + "\n".join([
        wrap, "accurate books and records of all sales of the Products in the Territory. (a) The",
        "provisions of Articles V and VI shall survive any termination of this Agreement", "for any reason whatsoever. (b) Each of the",
        "parties shall continue to maintain in confidence all confidential information", "received from the other party.", ""]) \
        + "\n2. Notices. All notices shall be in writing.\n"
    n = by_number(parse_agreement(doc(text)))
    assert n["(a)"].heading is None and n["(b)"].heading is None and n["2"].heading == "Notices"
    survival = parse_agreement(doc("AGREEMENT\n\nThis Agreement is made by A and B.\n\n3. Survival. The following provisions "
                                   "shall survive any expiry:\n\n(a) Confidentiality\n\n(c) Governing Law\n\n4. Notices. In writing.\n"))
    assert not any(c.heading == "Governing Law" for c in survival.clauses)  # an item, not a governing-law clause
    recitals = parse_agreement(doc("SUPPLY AGREEMENT\n\nThis Agreement is made by Acme and Beta.\n\nRECITALS\n\n"
                                   "A. Acme makes products.\n\nB. Beta wishes to purchase the following products:\n\n"
                                   "1. Industrial Valves\n\n2. Pressure Gauges\n\nNOW, THEREFORE, the parties agree as follows:\n\n"
                                   "1. Purchase. Beta shall buy the Products.\n\n2. Payment. Beta shall pay within thirty days.\n"))
    headings = {c.heading for c in recitals.clauses}
    assert {"Purchase", "Payment"} <= headings and "Industrial Valves" not in headings


def test_a_city_beside_its_postcode_is_no_heading_and_the_next_item_stays_in_the_notice():
    text = ("SUPPLY AGREEMENT\n\nThis Agreement is made by NTL and ETI, both of which agree to every term set out in it.\n\n"
            "ARTICLE XII\n\nMISCELLANEOUS\n\n"
            "Section 12.01. Notices. All notices shall be in writing and delivered by hand or by courier to the addresses below.\n\n"
            "(a)  If to NTL:  Northern Telecom Limited                  8200 Dixie Road\n\n"
            "Brampton,  Ontario                  L6T 5P6                  Attention:  Corporate Secretary\n\n"
            "(b)  If to ETI:  Entrust Technologies Inc.                  2 Constellation Court\n\n"
            "Section 12.02. Entire Agreement. This Agreement embodies the complete agreement of the parties hereto.\n")
    st = parse_agreement(doc(text))
    assert not any(c.heading and c.heading.startswith(("Brampton", "If to")) for c in st.clauses)
    b = next(c for c in st.clauses if c.text.startswith("(b)"))
    assert b.citation == "Section 12.01(b)"


_CONTENTS_BODY = ("STRATEGIC ALLIANCE AGREEMENT\n\nThis Agreement is made on 1 May 2020 by Acme Corp. and Beta Ltd.\n\n"
                  "ARTICLE I\n\nDEFINITIONS\n\n1.1 Certain Definitions. \"Affiliate\" means any entity that controls a party.\n\n"
                  "ARTICLE V\n\nNON-SOLICITATION\n\n5.2 Non-Solicitation. Neither party shall solicit the other's employees.\n")


@pytest.mark.parametrize("contents", [
    # one entry a line, page numbers after a run of spaces or dot leaders, roman page furniture
    "TABLE OF CONTENTS\n\nARTICLE I   DEFINITIONS   1\n1.1   Certain Definitions   1\n"
    "ARTICLE V   NON-SOLICITATION   8\n5.2   Non-Solicitation.........8\n\ni\n\n",
    # CUAD-style: the whole table run together on wide gaps, the last entry without its page
    "TABLE OF CONTENTS             ARTICLE I.       DEFINITIONS.       1.1   Certain Definitions   2   "
    "ARTICLE V.       NON-SOLICITATION.       5.2   Non-Solicitation   8   5.3   Japan Office   9     ii\n\n",
])
def test_a_table_of_contents_is_one_leaf_and_the_body_keeps_its_numbers(contents):
    d = doc("Exhibit 10.19\n\n" + contents + _CONTENTS_BODY)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    toc = [c for c in st.clauses if c.kind == "contents"]
    assert len(toc) == 1 and toc[0].heading == "TABLE OF CONTENTS" and toc[0].level == 1
    assert "5.2" in toc[0].text and "Non-Solicitation" in toc[0].text
    assert not any(c.parent == toc[0].id for c in st.clauses)  # a leaf: its lines open no clauses
    cites = [c.citation for c in st.clauses if c.citation]
    assert len(cites) == len(set(cites))  # "5.2" is the body's 5.2, once
    n = by_number(st)
    assert n["5.2"].start > toc[0].end and n["5.2"].text.startswith("5.2 Non-Solicitation. Neither")
    assert n["ARTICLE I"].heading == "DEFINITIONS" and n["ARTICLE I"].start > toc[0].end
    assert not any(c.heading and c.heading.endswith(("2", "8")) for c in st.clauses)


def test_contents_need_page_numbers_and_end_before_the_body():
    body = ("1. Introduction. The Supplier supplies valves.\n\n2. Services. The Supplier shall provide the services.\n\n"
            "3. Fees. The Customer shall pay the fees.\n")
    # a "Contents" line over a list without page numbers is no table of contents
    listed = parse_agreement(doc("SUPPLY AGREEMENT\n\nContents\n\n1 Introduction\n2 Services\n3 Fees\n\n"
                                 "This Agreement is made by Acme Corp. and Beta Ltd.\n\n" + body))
    assert not any(c.kind == "contents" for c in listed.clauses)
    # "ARTICLE 1" alone after the last entry is the body's first heading, not a page number; so is a bare
    # "1" over the body's first section
    for first in ("ARTICLE 1\n\nDEFINITIONS\n\n", "1\n\nIntroduction\n\n"):
        d = doc("TABLE OF CONTENTS\n\n1 Introduction   3\n2 Services   4\n3 Fees   5\n\n" + first
                + "The Supplier shall provide the services described below to the Customer.\n\n" + body)
        st = parse_agreement(d)
        toc = next(c for c in st.clauses if c.kind == "contents")
        assert toc.text.endswith("3 Fees   5")
        assert_tree_is_honest(d, st)
    # a sentence ends the table: a line after it that ends in a number is the body's
    d = doc("TABLE OF CONTENTS\n\n1 Introduction   3\n2 Services   4\n3 Fees   5\n\n"
            "This Agreement is made by Acme Corp. and Beta Ltd.\n\nSchedule of Fees   5\n\n" + body)
    toc = next(c for c in parse_agreement(d).clauses if c.kind == "contents")
    assert "Schedule of Fees" not in toc.text and "Acme" not in toc.text
    # … and so does an obligation that happens to end in a number
    d = doc("TABLE OF CONTENTS\n\n1 Introduction   3\n2 Services   4\n3 Fees   5\n\n"
            "Payments shall be made within   30\n\nFees   5\n\n" + body)
    toc = next(c for c in parse_agreement(d).clauses if c.kind == "contents")
    assert toc.text.endswith("3 Fees   5")


def test_contents_run_over_a_notice_in_capitals_but_not_over_a_fee_table_or_the_second_half():
    body = "".join(f"{i}. {t}. The parties shall perform the {t.lower()} obligations.\n\n"
                   for i, t in enumerate(["Definitions", "Licence", "Royalties", "Reports", "Audit", "Term"], 1))
    pages = ("TABLE OF CONTENTS\n\n1. Definitions   1\n2. Licence   2\n3. Royalties   3\n\n"
             "CONFIDENTIAL TREATMENT HAS BEEN REQUESTED FOR PORTIONS OF THIS EXHIBIT. THE COPY FILED HEREWITH OMITS THE "
             "INFORMATION SUBJECT TO THE CONFIDENTIALITY REQUEST. OMISSIONS ARE DESIGNATED AS [*****].\n\n"
             "TABLE OF CONTENTS (continued)\n\n4. Reports   4\n5. Audit   5\n6. Term   6\n\n")
    st = parse_agreement(doc("LICENSE AGREEMENT\n\n" + pages + "This Agreement is made by Acme Corp. and Beta Ltd.\n\n" + body))
    toc = [c for c in st.clauses if c.kind == "contents"]
    assert len(toc) == 1 and "6. Term   6" in toc[0].text  # one table over both pages
    # an EDGAR "Table of Contents" link over a milestone table: its rows name nothing the text comes back to
    fees = ("Table of Contents\n\nMilestone Event   Payment\nFirst Patient Dosed   500\nPhase II Start   750\n"
            "Marketing Approval   900\n\n")
    st = parse_agreement(doc("LICENSE AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n\n" + body + fees + body))
    assert not any(c.kind == "contents" for c in st.clauses)
    # a table that starts in the second half of the text is not read as one (EDGAR repeats the link on every page)
    late = "LICENSE AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n\n" + body * 3 + pages + body
    assert not any(c.kind == "contents" for c in parse_agreement(doc(late)).clauses)


def test_page_furniture_is_no_heading_and_holds_no_clauses():
    text = ("SUPPLY AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n\n"
            "1. Supply. Acme shall supply the Products to Beta.\n\nPage 5/110\n\n"
            "2. Price. Beta shall pay the Price.\n\nCONFIDENTIAL  Page 3 of 49\n\nA-1\n\n"
            "3.\nSource: ACME CORP, 8-K, 1/10/2020\nDelivery. Acme shall deliver the Products.\n\n"
            "CONFIDENTIAL TREATMENT REQUESTED [*****]\n\n4. Term. This Agreement lasts two years.\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    assert not any(c.heading and ("Page" in c.heading or "CONFIDENTIAL" in c.heading or "Source" in c.heading) for c in st.clauses)
    n = by_number(st)
    assert n["2"].text.endswith("shall pay the Price.")  # "A-1", an exhibit's page number, is no text of 2
    assert n["2"].parent == n["4"].parent == n["1"].parent  # no page line holds the clauses after it


def test_a_contents_line_of_dots_or_spaces_does_not_hang():
    """The page number is read from an entry's last characters: searched over the whole line, a run
    of 8,000 dots took 2 s and grew with the square of its length (a table is read up to 30,000 characters)."""
    import subprocess
    import sys

    code = ("from coaltext.structure.clauses import parse_agreement; from coaltext.types import Document; "
            "[parse_agreement(Document(name='t.txt', sha256='0' * 64, media_type='text/plain', "
            "text='TABLE OF CONTENTS\\n' + 'Term 3\\n' * 3 + 'a' + c * 25000 + 'b\\n' + 'Term 3\\n' * 3)) for c in ' .']")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=20)


def test_a_running_head_repeated_page_after_page_is_furniture_not_a_section():
    body = "The Supplier shall perform this obligation with reasonable skill and care at all times. " * 8
    parts = ["SUPPLY AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n"]
    for i in range(1, 10):
        parts.append(f"{i}. Obligation {i}. {body}\n")
        if i % 3 == 0:
            parts.append(f"ACME GLOBAL SUPPLY - CONFIDENTIAL\n\n- {i} -\n")
    d = doc("\n".join(parts))
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    assert not any(c.heading and "CONFIDENTIAL" in c.heading for c in st.clauses)
    n = by_number(st)
    assert len({n[str(i)].parent for i in range(1, 10)}) == 1  # 4–9 no longer sit under a running head
    assert n["9"].citation == "9"


def test_repeated_lines_that_carry_content_are_no_running_heads():
    filler = "The Developer shall deliver the content listed below to the Publisher on the dates agreed. " * 15
    d = doc("LICENSE AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n\n"
            + "".join(f"Schedule \"{i}\"\n\n5 MMS\n\nWireless Content License Agreement\n\n{filler}\n\n"
                      f"1.{i} Delivery\n\n" for i in range(1, 5)))
    from coaltext.structure.clauses import _lines, _running_heads

    running = _running_heads(_lines(d.text))
    assert running == {"wireless content license agreement"}  # the running head; not a numbered name, an item or a clause
    # a row label of a long table comes back every few lines: no running head
    rows = "".join(f"Miscanthus\n\nTrial plot {i} sown in spring and harvested in the autumn of the same year.\n\n" for i in range(40))
    assert _running_heads(_lines(rows)) == set()


def test_a_word_table_of_contents_with_tab_leaders_is_one_leaf():
    import io

    import docx

    from coaltext.pipeline import read

    d = docx.Document()
    d.add_paragraph("SUPPLY AGREEMENT")
    d.add_paragraph("Table of Contents")
    for i, (title, page) in enumerate([("Definitions", 2), ("Term", 3), ("Fees", 4)], 1):
        d.add_paragraph(f"{i}.\t{title}\t{page}")
    d.add_paragraph("This Agreement is made by Acme Corp. and Beta Ltd.")
    d.add_paragraph("1. Definitions. In this Agreement the following words shall have these meanings.")
    d.add_paragraph("2. Term. This Agreement lasts two years from the Effective Date.")
    buf = io.BytesIO()
    d.save(buf)
    st = parse_agreement(read(buf.getvalue(), name="supply.docx"))
    assert [c.kind for c in st.clauses][:3] == ["title", "contents", "preamble"]
    n = by_number(st)
    assert n["1"].heading == "Definitions" and n["2"].heading == "Term" and n["2"].citation == "2"


@pytest.mark.parametrize("line,entry", [
    ("1.1   Certain Definitions   2", True), ("Term.....................12", True), ("RemainCo House Marks   ii", True),
    ("Notices   xiv", True), ('"Actions"     1  1.2', True), ("1.19 Cover 10 1.20 ctDNA 10 1.21 Assay 10", True),
    ("Failure to Agree   12", True), ("Time is of the Essence   32", True),
    ("Liability, criminal and civil", False),  # "civil" is no roman page number
    ("ARTICLE 1", False), ("Chapter 2", False),  # a heading, not a page
    ("Payments shall be made within   30", False),  # an obligation that ends in a number
])
def test_structure_contents_entries_bear_page_numbers(line, entry):
    from coaltext.structure.clauses import _is_entry

    assert _is_entry(line) is entry


@pytest.mark.parametrize("line,may", [
    ("Google Confidential", True), ("ASTERISKS DENOTE OMISSIONS.", True), ("- 7 -     TELKOM CONTRACT No. 076C/01", True),
    ("5 MMS", False),  # an item
    ("TELKOM CONTRACT No. 076C/01   1. 3", False),  # holds a clause number
    ("Attention:", False), ("Services rendered.", False),  # a label, a sentence
    ("The Supplier shall deliver", False), ('Schedule "2"', False), ("Year 1", False), ("ARTICLE IV", False),
    ("By: ______________________", False), ("WHEREAS the parties", False),
])
def test_structure_running_head_candidates(line, may):
    from coaltext.structure.clauses import _may_run

    assert _may_run(line) is may


def test_structure_contents_guards_footnote_marker_above_and_length():
    body = "".join(f"{i}. {t}. The parties shall perform the {t.lower()} obligations.\n\n"
                   for i, t in enumerate(["Definitions", "Licence", "Royalties", "Reports", "Audit", "Term"], 1))
    footnote = ("[* * *] = Certain confidential information contained in this document, marked by brackets, has been "
                "omitted and filed separately with the Securities and Exchange Commission.")
    pages = ("TABLE OF CONTENTS\n\n1. Definitions   1\n2. Licence   2\n3. Royalties   3\n\n" + footnote + "\n\n"
             "4. Reports   4\n5. Audit   5\n6. Term   6\n\n")
    # the redaction footnote between two pages of the table does not end it; the exhibit number above
    # the table does not take its heading
    st = parse_agreement(doc("10.23\n\n" + pages + "LICENSE AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n\n" + body))
    toc = [c for c in st.clauses if c.kind == "contents"]
    assert len(toc) == 1 and "6. Term   6" in toc[0].text and toc[0].heading == "TABLE OF CONTENTS"
    assert not any(c.heading and "CONTENTS" in c.heading for c in st.clauses if c.kind != "contents")
    # a table is read up to 30,000 characters
    titles = [f"Heading number {i} of the agreement" for i in range(1500)]
    long_toc = "TABLE OF CONTENTS\n\n" + "".join(f"{t}   {i % 900 + 1}\n" for i, t in enumerate(titles)) + "\n"
    st = parse_agreement(doc(long_toc + "This Agreement is made by Acme Corp. and Beta Ltd.\n\n" + ". ".join(titles) + ".\n"))
    (toc,) = [c for c in st.clauses if c.kind == "contents"]
    assert 25_000 < toc.end - toc.start <= 30_000


def test_structure_a_blank_line_above_skipped_furniture_still_parts_the_clauses():
    """A page of wrapped text that ends mid-line, the running head, then "(b)": without the blank line
    above the head, "(b)" would read as the wrapped continuation of the page before."""
    wrap = "the Supplier shall keep the equipment in good working order and repair at all"
    para = "\n".join([wrap] * 30)  # a page of about 2,400 characters, no full stop at its end
    text = "SUPPLY AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n\n1. Maintenance.\n" + "".join(
        f"({letter}) The Supplier undertakes that\n{para}\n\nACME SUPPLY CONFIDENTIAL\n" for letter in "abcd")
    st = parse_agreement(doc(text))
    n = by_number(st)
    assert {"(a)", "(b)", "(c)", "(d)"} <= set(n) and n["(d)"].parent == n["(a)"].parent == n["1"].id
    assert not any(c.heading == "ACME SUPPLY CONFIDENTIAL" for c in st.clauses)


def test_structure_the_numbered_body_does_not_nest_under_the_preamble():
    """With no recitals to close it, the preamble held the whole body: its text (read for the playbook
    guess) ran on into the clauses, and the agreement date was searched there too ("on or before June
    30, 2007" in section 3 was taken for the date)."""
    text = ("AGENCY AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n\n"
            "1. Appointment. Acme appoints Beta as its agent.\n\n2. Term. This Agreement lasts two years.\n\n"
            + "3. Minimum Sales. " + "Beta shall use its best efforts to sell the Shares. " * 60
            + "If Beta cannot sell the Shares on or before June 30, 2007, this Agreement ends.\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    preamble = next(c for c in st.clauses if c.kind == "preamble")
    assert preamble.text == "This Agreement is made by Acme Corp. and Beta Ltd."
    n = by_number(st)
    assert n["1"].level == n["3"].level == 1 and n["1"].parent is None
    assert st.date is None  # a deadline in section 3 is no agreement date


def test_structure_an_exhibit_number_on_the_cover_is_no_start_of_the_body():
    d = doc("Exhibit 10.14\n\nLICENSE AND DEVELOPMENT AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n\n"
            "1. Definitions. Words have their ordinary meaning.\n\n2. Licence. Acme grants Beta a licence.\n")
    st = parse_agreement(d)
    n = by_number(st)
    assert st.title == "LICENSE AND DEVELOPMENT AGREEMENT"
    assert n["1"].parent is None and not any(c.number == "10.14" and c.parent is None for c in st.clauses)


@pytest.mark.parametrize("cover,title", [
    ('Exhibit 99.4   STRATEGIC ALLIANCE AGREEMENT   "EDGE-FTE"   THIS STRATEGIC ALLIANCE AGREEMENT (the "Agreement") '
     "is made by Acme Corp. and Beta Ltd. on the terms below, which both parties accept.", "STRATEGIC ALLIANCE AGREEMENT"),
    ("CHANNEL PARTNER RESELLER AGREEMENT\n\nTERMS AND CONDITIONS 1. APPOINTMENT OF CHANNEL PARTNER. Acme appoints Beta.",
     "CHANNEL PARTNER RESELLER AGREEMENT"),
    ("This Agreement is made by Acme Corp. and Beta Ltd.\n\nTERMS AND CONDITIONS 1. APPOINTMENT OF CHANNEL PARTNER. "
     "Acme appoints Beta.", None),
    ("This Agreement is made by Acme Corp. and Beta Ltd.\n\n19.      ENTIRE AGREEMENT, GOVERNING LAW.  This is all.", None),
    ("This Agreement is made by Acme Corp. and Beta Ltd.\n\n12.1 ENTIRE AGREEMENT. This is all.", None),
    ("This Agreement is made by Acme Corp. and Beta Ltd.\n\nSection 12. ENTIRE AGREEMENT. This is all.", None),
    ("This Agreement is made by Acme Corp. and Beta Ltd.\n\n(c) LICENSE AGREEMENT. Beta may use the marks.", None),
    ('PROMOTION AGREEMENT (the "Agreement")\n\nThis Agreement is made by Acme Corp. and Beta Ltd.', "PROMOTION AGREEMENT"),
    ("This amendment changes the original Swisscom PURCHASE & LICENSE CONTRACT between Acme Corp. and Beta Ltd.", None),
    ("Exhibit 99(h)(3) WHOLESALE MARKETING AGREEMENT THIS AGREEMENT is entered into by Acme Corp. and Beta Ltd.",
     "WHOLESALE MARKETING AGREEMENT"),
    ("TURN - KEY MANUFACTURING AGREEMENT This Agreement is made by Acme Corp. and Beta Ltd.", "TURN - KEY MANUFACTURING AGREEMENT"),
    ("CONFIDENTIAL DISCLOSURE AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.", "CONFIDENTIAL DISCLOSURE AGREEMENT"),
    ("Exhibit 10.1 Certain portions of this exhibit have been omitted. EXECUTION COPY PROMOTION AGREEMENT by and "
     "between Acme Corp. and Beta Ltd.", "PROMOTION AGREEMENT"),
    ('Exhibit 10.1 NON-COMPETITION AGREEMENT AMENDMENT NO. 1   This NON-COMPETITION AGREEMENT AMENDMENT NO. 1 (this '
     '"Amendment") is made by Acme Corp. and Beta Ltd.', "NON-COMPETITION AGREEMENT AMENDMENT NO. 1"),
])
def test_structure_title_from_a_cover_line_but_never_from_a_section(cover, title):
    assert parse_agreement(doc(cover + "\n\n2. Term. This Agreement lasts two years.\n")).title == title


@pytest.mark.parametrize("cover,title", [
    ('Exhibit 10.19 JOINT CONTENT LICENSE AGREEMENT This JOINT CONTENT LICENSE AGREEMENT (the "Agreement"), dated '
     "February 1, 2018, is made by Acme Corp. and Beta Ltd.", "JOINT CONTENT LICENSE AGREEMENT"),
    ("EXHIBIT 10.1 DISTRIBUTOR AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.", "DISTRIBUTOR AGREEMENT"),
    ("Exhibit 4.17 EXECUTION COPY SUPPLY AGREEMENT FERRER INTERNACIONAL, S.A. AND CUTANEA LIFE SCIENCES, INC. [***] = "
     "CERTAIN CONFIDENTIAL INFORMATION OMITTED. This Supply Agreement is made by Acme Corp. and Beta Ltd.", "SUPPLY AGREEMENT"),
    ("CERTAIN INFORMATION HAS BEEN EXCLUDED BECAUSE IT WOULD BE HARMFUL IF PUBLICLY DISCLOSED. SERVICES AGREEMENT "
     "This Services Agreement is made by Acme Corp. and Beta Ltd.", "SERVICES AGREEMENT"),
    ('This Event Sponsorship Agreement ("Agreement") is made as of February 1, 2019 by Acme Corp. and Beta Ltd.',
     "Event Sponsorship Agreement"),
    ("EXHIBIT 4.1 CONSULTING AGREEMENT THIS AGREEMENT is dated the 1st day of February, 2020. BETWEEN: ACME CORP.",
     "CONSULTING AGREEMENT"),
    ("Exhibit A\n\nJOINT FILING AGREEMENT\n\nThe undersigned agree to file jointly.", "JOINT FILING AGREEMENT"),
    # a cover line that is only a name, in whatever case
    ("EXHIBIT 10.43 Dated 29/3/18\n\nDistributorship agreement\n\nbetween\n\nAcme Pty Ltd\n\nAnd\n\nBeta LLC",
     "Distributorship agreement"),
    ("Exhibit 10.27\n\n   e-business Hosting Agreement\n\n   between\n\n   Acme, Inc.\n\n   and\n\n   Beta Corp.",
     "e-business Hosting Agreement"),
    ("Exhibit 10.1\n\nSales, Marketing, Distribution, and Supply Agreement {***}\n\nWHEREAS Acme Corp. makes drugs;",
     "Sales, Marketing, Distribution, and Supply Agreement"),
    # ... not a sentence that mentions one, nor a line that names the parties with it
    ("Exhibit 10.2\n\nthe parties to the agreement\n\nAcme Corp. and Beta Ltd. agree as set out below.", None),
    ("Exhibit 10.2\n\nAcme and Beta previously signed a Supply Agreement dated 1 May 2018, and now wish to amend it.", None),
    ("Exhibit 10.2\n\nRedline against Supply Agreement\n\nAcme Corp. and Beta Ltd. agree as set out below.", None),
    ("ACME FOODS, LLC and Beta Nutrition Corporation Manufacturing Agreement\n\nThis Agreement is made by Acme Foods, "
     "LLC and Beta Nutrition Corporation.", None),
])
def test_structure_title_without_filing_furniture_even_in_a_run_on_cover(cover, title):
    # CUAD's covers run the exhibit number, the name and the first sentence together; the name is
    # what a reviewer (and the playbook choice) needs
    assert parse_agreement(doc(cover + "\n\n1. Term. This Agreement lasts two years.\n")).title == title



def test_structure_a_cover_page_number_neither_starts_the_body_nor_takes_the_title():
    # EDGAR prints "1" at the top of the cover: it is no section 1, and the name under it is the title
    d = doc("CERTAIN PORTIONS OF THIS EXHIBIT HAVE BEEN REDACTED\n\n  1\n\nENDORSEMENT AGREEMENT\n\n"
            "This Agreement is entered into on January 13, 2005 between Acme Corp. and Tom Watson.\n\n"
            "1. Services. Watson endorses the Products.\n\n2. Term. Two years.\n")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    assert st.title == "ENDORSEMENT AGREEMENT"
    assert n["1"].parent is None and n["1"].heading == "Services" and n["2"].parent is None


def test_structure_an_exhibit_number_run_into_the_cover_keeps_the_body_out_of_the_preamble():
    d = doc("Exhibit 10.12 Certain identified information has been excluded because it is not material.\n\n"
            "Master Service Agreement This Master Service Agreement is made by Acme Corp. and Beta Ltd.\n\n"
            "1. Services. Acme serves Beta.\n\n2. Term. Two years.\n\n3. Fees. Beta pays.\n")
    st = parse_agreement(d)
    n = by_number(st)
    assert "10.12" not in n
    assert all(n[k].parent is None for k in ("1", "2", "3"))


def test_structure_a_numbered_list_of_parties_stays_in_the_preamble():
    d = doc("THIS AGREEMENT is dated 1 May 2020\n\nBETWEEN:\n\n1. ACME LIMITED, a company incorporated in England "
            "(Acme); and\n\n2. BETA LIMITED, a company incorporated in England (Beta).\n\nThey agree on the terms below.\n")
    st = parse_agreement(d)
    preamble = next(c for c in st.clauses if c.kind == "preamble")
    assert [c.parent for c in st.clauses if c.number in ("1", "2")] == [preamble.id, preamble.id]



def test_structure_a_stray_number_in_the_preamble_is_text_but_a_headed_one_starts_the_body():
    d = doc("This Agreement is made by Acme Corp. and Beta Ltd.(1)\n\n1   \"Preferred\" means the shares.\n\n"
            "1. Services. Acme serves.\n\n2. Term. Two years.\n")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    assert n["1"].heading == "Services" and n["1"].parent is None and n["2"].parent is None
    st = parse_agreement(doc("This Agreement is made by Acme Corp. and Beta Ltd., who agree as follows:\n\n1\nDEFINITIONS\n\n"
                             "Words mean things.\n"))
    assert by_number(st)["1"].parent is None and by_number(st)["1"].heading == "DEFINITIONS"
    # and a heading that names no instrument is no cover page under a page number
    st = parse_agreement(doc("This Agreement is made by Acme Corp. and Beta Ltd.\n\n1\nLICENSE GRANT\n\nAcme grants Beta a licence.\n"))
    assert by_number(st)["1"].heading == "LICENSE GRANT"


def test_structure_only_a_list_of_parties_keeps_numbers_in_the_preamble():
    st = parse_agreement(doc("This Agreement is made by Acme Corp. and Beta Ltd. The following terms are agreed by the "
                             "parties:\n\n1. DEFINITIONS. Words.\n\n2. SUPPLY. Goods.\n\n3. TERM. Two years.\n"))
    assert all(by_number(st)[k].parent is None for k in ("1", "2", "3"))



@pytest.mark.parametrize("top", [
    "1                                                                     EXHIBIT 10.2\n\n",
    "1\n\nCONFIDENTIAL TREATMENT HAS BEEN REQUESTED FOR CERTAIN REDACTED PROVISIONS OF THIS AGREEMENT.\n\n",
    "1                                                                   EXHIBIT 10.17 [ACME Logo]\n\n",
])
def test_structure_a_page_number_over_an_exhibit_label_or_a_redaction_notice_is_no_section(top):
    # EDGAR's first page: "1" and the exhibit number on one line, or "1" above the redaction notice;
    # read as section 1 it held the whole agreement and hid its title
    text = top + "CO-BRANDING AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n\n1. Term. Two years.\n\n2. Fees. None.\n"
    st = parse_agreement(doc(text))
    assert st.title == "CO-BRANDING AGREEMENT"
    assert [c.number for c in st.clauses if c.kind == "section"] == ["1.", "2."] or \
        [c.number for c in st.clauses if c.parent is None and c.number] == ["1", "2"]


def test_structure_a_first_section_that_opens_with_a_redaction_mark_is_still_a_section():
    # a redaction mark at the start of a sentence is no redaction notice: the "1" above it numbers a section
    text = "1\n\n[***] shall manufacture the Products for Acme under this Agreement.\n\n2\n\nThe term is two years.\n"
    first = parse_agreement(doc(text)).clauses[0]
    assert (first.kind, first.number) == ("section", "1")


def test_structure_a_cover_page_number_above_a_dated_title_is_still_no_section():
    st = parse_agreement(doc("1\nLICENSE AGREEMENT DATED MAY 5, 2019\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n\n"
                             "1. Definitions. Words mean things.\n\n2. Term. Two years.\n"))
    n = by_number(st)
    assert st.title == "LICENSE AGREEMENT DATED MAY 5, 2019"
    assert n["1"].heading == "Definitions" and n["1"].parent is None


def test_structure_the_parties_are_list_stays_in_the_preamble():
    st = parse_agreement(doc("THE PARTIES ARE:\n\n1. ACME LIMITED, a company.\n\n2. BETA LIMITED, a company.\n\n"
                             "They agree on the terms below.\n"))
    preamble = next(c for c in st.clauses if c.kind == "preamble")
    assert [c.parent for c in st.clauses if c.number in ("1", "2")] == [preamble.id, preamble.id]


def test_a_wrapped_line_of_capitals_or_a_cross_reference_opens_no_clause():
    """PDF lines of capitals hold fewer characters, so the end of a capitals sentence looked like
    a heading ("TERMINATION HEREOF."); "in Paragraph 1.1. Royalty reports …" refers to 1.1."""
    words = ("The Licensee shall keep complete books of account and accurate records of all sales of the Products "
             "and of all services sold in the Territory, for audit by Acme")
    text = (
        "LICENSE AGREEMENT\n\nThis Agreement is made between Acme Corp. and Beta Ltd.\n\n"
        f"1. PAYMENTS\n1.1 Royalties. {words}\n{words}\n{words}\nduring the term.\n"
        f"1.2 Reports. {words} as required\nin Paragraph 1.1. Royalty reports shall state the sales, {words.lower()}\nby Beta.\n"
        "2. LIABILITY\n2.1 Limit. IN NO EVENT SHALL EITHER PARTY BE LIABLE FOR INDIRECT DAMAGES. NOTHING IN\n"
        "THIS SECTION SHALL LIMIT A PARTY'S OBLIGATION TO PAY AMOUNTS DUE BEFORE ANY DATE OF EXPIRATION OR\n"
        "TERMINATION HEREOF.\n3. INDEMNIFICATION\n3.1 Acme shall indemnify Beta.\n"
    )
    d = doc(text, media_type="application/pdf")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    numbers = [c.number for c in st.clauses if c.number]
    assert numbers.count("1.1") == 1 and "TERMINATION HEREOF" not in [c.heading for c in st.clauses]
    assert by_number(st)["2.1"].text.endswith("TERMINATION HEREOF.")
    assert by_number(st)["3.1"].parent == by_number(st)["3"].id


def test_the_body_after_now_therefore_is_no_part_of_the_recitals():
    """ "NOW, THEREFORE, … agree as follows:" closes the recitals; "1." opens the body beside them,
    not under them (89 of 407 CUAD texts had their whole body nested in that recital)."""
    text = ("LICENSE AGREEMENT\n\nThis Agreement is made between Acme Corp. and Beta Ltd.\n\n"
            "WHEREAS, Acme makes things;\n\nWHEREAS, Beta sells things.\n\n"
            "NOW, THEREFORE, the Parties hereby agree as follows:\n\n1. DEFINITIONS\n\n1.1 X means Y.\n\n"
            "2. LICENSE\n\n2.1 Acme grants Beta a licence.\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    assert n["1"].parent is None and n["2"].parent is None and n["2.1"].parent == n["2"].id
    assert [c.kind for c in st.clauses if c.parent is None] == ["title", "preamble", "recital", "section", "section"]


def test_contents_with_page_numbers_run_into_the_titles():
    """A PDF's right-aligned page numbers can come out glued to the titles ("TERM AND
    TERMINATION37"): still a table of contents, and the body's "15.TERM AND TERMINATION" (no space
    after the number) is section 15."""
    titles = ["DEFINITIONS", "LICENSE GRANT", "DEVELOPMENT", "PAYMENTS", "TERM AND TERMINATION"]
    toc = "".join(f"{i}. {t}{3 + 4 * i}\n" for i, t in enumerate(titles, 1))
    body = "".join(f"{i}.{t}\n{i}.1 The Parties shall perform the obligations set out in this Section {i}.\n"
                   for i, t in enumerate(titles, 1))
    text = f"LICENSE AGREEMENT\nCONTENTS\nClause Page\n{toc}This Agreement is made between Acme Corp. and Beta Ltd.\n{body}"
    d = doc(text, media_type="application/pdf")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    assert [c.kind for c in st.clauses].count("contents") == 1
    n = by_number(st)
    assert n["5"].heading == "TERM AND TERMINATION" and n["5.1"].parent == n["5"].id
    assert all(c.number != "5" or c.start > text.index("Beta Ltd.") for c in st.clauses)


def test_signature_page_notes_are_page_furniture():
    """ "[Remainder of page intentionally left blank]" and "[Signature Page Follows]" end no
    clause's quoted text: the last clause ends with its last sentence."""
    text = ("1. Term. This Agreement lasts two years.\n\n2. Notices. Notices are given in writing.\n\n"
            "[Remainder of page intentionally left blank]\n\n[Signature Page Follows]\n\n"
            "IN WITNESS WHEREOF, the parties sign.\n\nACME CORP.\n\nBy: ____\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    assert by_number(st)["2"].text == "2. Notices. Notices are given in writing."
    assert not any("Remainder of page" in c.text or "Page Follows" in c.text for c in st.clauses if c.kind != "signature")


def test_party_names_with_a_bracketed_place_and_no_stock_exchange():
    text = ('This STRATEGIC ALLIANCE AGREEMENT is made by and between Dialog Semiconductor (UK) Ltd., a company organized '
            'under the laws of England ("DIALOG") and Kestrel Online Inc. ("Kestrel"), a company listed on the NASDAQ '
            'Global Market and the Main Board of The Stock Exchange of Hong Kong Limited, and GALEN (CHEMICALS) LIMITED of '
            '4 Adelaide Street, Dublin ("GALEN").\n\nWHEREAS, the parties wish to cooperate;')
    assert [p.name for p in find_parties(text)] == ["Dialog Semiconductor (UK) Ltd.", "Kestrel Online Inc.",
                                                    "GALEN (CHEMICALS) LIMITED"]


def test_a_party_name_that_a_pdf_line_wraps_keeps_its_first_words():
    """ "(d) TOM⏎Online Inc." where the PDF wrapped a line of prose inside the name is "TOM Online
    Inc."; a label on a line of its own above a name is not part of it."""
    text = ('THIS CO-BRANDING AGREEMENT is entered into by and among (a) Skype Communications, S.A. ("Skype"), a limited '
            'company; (c) TOM Online (BVI) Limited ("Online BVI"), whose address is in Beijing, PRC; (d) TOM\nOnline '
            'Inc. ("Tom Holding"), a company incorporated in the Cayman Islands.\n\nWHEREAS, the parties wish to cooperate;')
    parties = find_parties(text)
    assert [p.name for p in parties] == ["Skype Communications, S.A.", "TOM Online (BVI) Limited", "TOM Online Inc."]
    assert text[parties[2].start : parties[2].end] == "TOM\nOnline Inc."
    text = ("DISTRIBUTION AGREEMENT\n\nThis Agreement is made between the undersigned parties, as follows:\nDistributor\n"
            'NETGEAR, Inc. ("NETGEAR"), a Delaware corporation, and Ingram Micro Inc. ("Ingram").\n\nWHEREAS, terms;')
    assert [p.name for p in find_parties(text)] == ["NETGEAR, Inc.", "Ingram Micro Inc."]


def test_bank_details_and_initial_lines_name_no_party():
    text = ("COOPERATION AGREEMENT\n\nBetween\n\nDazzle Network Technologies Co., Ltd.\n\nAnd\n\nShenzhen Sky Technology "
            "Co., Ltd.\n\nParty A: Dazzle Network Technologies Co., Ltd. Address: 4F, 268 Han Zhong Road, Nanjing Name of "
            "account: Dazzle Network Technologies Co., Ltd Deposit Bank: China Merchants Bank, Chengbei Sub-branch A/C:\n\n"
            "Party B: Shenzhen Sky Technology Co., Ltd. Deposit Bank: China Merchants Bank Co., Ltd., Sungang Sub-branch\n\n"
            "Initialed Dazzle Network Technologies Co., Ltd.:_______\n\nThe Parties have agreed as follows:")
    assert [p.name for p in find_parties(text)] == ["Dazzle Network Technologies Co., Ltd.", "Shenzhen Sky Technology Co., Ltd."]


def test_a_party_name_ends_before_its_address_and_its_address_names_no_party():
    """ "NORDVIK PHARMA A/S of Industrivej 12, …" is "NORDVIK PHARMA A/S" (the name once ran on into the
    street, was rejected, and the party was lost); "…, Dun Laoghaire, Co. Dublin" in an address is no
    company "Dun Laoghaire, Co." that takes the next party's alias."""
    text = ('DEVELOPMENT AGREEMENT\nbetween\nNORDVIK PHARMA A/S of Industrivej 12, DK-2750 Ballerup, Denmark (hereinafter\n'
            'referred to as "NORDVIK") ---\nand\nKESTREL (CHEMICALS) LIMITED of 4 Harbour Street, Dun Laoghaire, Co. Dublin,\n'
            'Ireland (hereinafter referred to as "KESTREL").\nWHEREAS the parties wish to develop products;')
    assert _parties(text) == {"NORDVIK PHARMA A/S": "NORDVIK", "KESTREL (CHEMICALS) LIMITED": "KESTREL"}
    assert _parties('This Agreement is made between Tigrent Learning UK Limited of Boston House, 12 Rose Lane, London '
                    '("Company") and Northgate Institute of Technology ("Northgate").\n\nWHEREAS, terms;') == {
        "Tigrent Learning UK Limited": "Company", "Northgate Institute of Technology": "Northgate"}


def test_parties_without_a_legal_form_named_by_a_place_or_a_bare_alias():
    """A party with no legal form is named before its address ("The University of Eastfield, located
    at …") or straight before its alias after a comma ("Nordlys Pharmaceuticals, ("Nordlys")");
    "Acme and University" refers to the parties by their defined names; a place of incorporation
    ("the laws of Switzerland and having its registered office at") and a defined term after a comma
    ("PLAYBOY, (the "Playboy Properties")") are no parties."""
    text = ('This Development Agreement is entered into by and between Halvorsen Biotech, Inc. ("Halvorsen"), a Nevada '
            'corporation, having a business address of 2100 West Loop South, Houston, and Nordlys Pharmaceuticals, '
            '("Nordlys"), a Polish corporation. Halvorsen and Nordlys are each a "Party." RECITALS WHEREAS, terms;')
    assert _parties(text) == {"Halvorsen Biotech, Inc.": "Halvorsen", "Nordlys Pharmaceuticals": "Nordlys"}
    text = ('This Sponsored Research Agreement is entered into on May 1, 2018 by and between Acme, Inc. located at 1 '
            'Little West Street, New York, NY 10014 ("Acme"), and The University of Eastfield, located at c/o Division of '
            'Sponsored Programs, 2 Gilmore Hall, Eastfield, IA 52242 ("University"). Acme and University may individually '
            'be referred to herein as a "Party." WITNESSETH: WHEREAS, terms;')
    assert _parties(text) == {"Acme, Inc.": "Acme", "University of Eastfield": "University"}
    text = ('This Supply Agreement is made between HOVIONE INTER AG, organized and existing under the laws of Switzerland '
            'and having its registered office at Pilatusstrasse 23, Luzern (hereafter referred to as "HOVIONE"), and '
            'Quillon, Inc. ("Quillon"). The marks include PLAYBOY, (the "Playboy Properties") of Quillon.\n\nWHEREAS, terms;')
    assert _parties(text) == {"HOVIONE INTER AG": "HOVIONE", "Quillon, Inc.": "Quillon"}


def test_a_person_named_with_a_parent_and_curly_quoted_aliases():
    """ "Mr. Arjun K. SETH, s/o. Mr. R.L. Seth, r/o. …" is the party Arjun K. Seth, not "Mr. R.L." (his
    father, read as a name ending in the Spanish legal form "S.L"); aliases in curly single quotes
    (‘KESTREL’) count; the person who signs "through" for a company is no party."""
    text = ("This Joint Venture Agreement is made on 18 May 2001\nBETWEEN\nKestrel Technologies Inc., a company "
            "incorporated in Delaware (hereinafter referred to as ‘KESTREL’, which term includes its assigns), through "
            "Ms. Jane Roe a duly authorized person and Director of Operations,\nAND\nMr. Arjun K. SETH, s/o. Mr. R.L. Seth, "
            "r/o. A-15, Ashok Vihar, New Delhi-110 052 in his individual capacity (hereinafter referred to as ‘SETH ’, "
            "which term includes his heirs).\nWHEREAS the parties wish to form a company;")
    assert _parties(text) == {"Kestrel Technologies Inc.": "KESTREL", "Arjun K. SETH": "SETH"}


def test_party_a_and_party_b_labels_and_aliases_given_after_a_cover_page():
    """ "Party A: Acme Co., Ltd." makes "Party A" the alias (and role) of Acme Co., Ltd., as does an unquoted
    "(hereinafter referred to as Party B)"; where a cover page names the parties bare, the preamble's
    aliases are kept ("Phoenix … Limited ("Party A" …)")."""
    text = ("COOPERATION AGREEMENT\n\nThis Agreement is executed by and between the parties below in Beijing:\n\n"
            "Party A: Dazzle Network Technologies Co., Ltd.\n\nAddress: Room 2101, 12/F, Fuxing Center, Beijing\n\n"
            "Party B: Shenzhen Sky Technology Co., Ltd.\n\nWhereas, the parties wish to cooperate;")
    found = find_parties(text)
    assert [(p.name, p.alias, p.role) for p in found] == [
        ("Dazzle Network Technologies Co., Ltd.", "Party A", "Party A"),
        ("Shenzhen Sky Technology Co., Ltd.", "Party B", "Party B")]
    text = ("Contract No.: 201812 Collaboration Agreement made by and between the following parties: Party A: Didi "
            "Technology Co., Ltd. Legal Representative: Ting Chen Party B: Hunan Leasing Co., Ltd Legal Representative: "
            "Li Wei. Whereas, terms;")
    assert _parties(text) == {"Didi Technology Co., Ltd.": "Party A", "Hunan Leasing Co., Ltd": "Party B"}
    text = ("LICENSE AGREEMENT\nbetween     Phoenix Satellite Television Company Limited     and     Beijing Network "
            "Technology Co., Ltd.     November 24, 2009\n\nThis Agreement is entered into between the following two "
            'parties:     Phoenix Satellite Television Company Limited ("Party A" or "Phoenix TV"), a foreign enterprise     '
            "and     Beijing Network Technology Co., Ltd. (hereinafter referred to as Party B), a limited liability company"
            "\n\nWHEREAS, terms;")
    assert _parties(text) == {"Phoenix Satellite Television Company Limited": "Party A",
                              "Beijing Network Technology Co., Ltd.": "Party B"}


def test_agreement_date_from_signature_blocks_that_exhibits_follow():
    """Where only the signature blocks date the agreement and exhibits follow them, the date is
    read after "IN WITNESS WHEREOF" or a "[Signature and Stamp Page]" line, not only from the end."""
    body = "1. Scope. The parties cooperate on the games.\n" * 200
    exhibit = "APPENDIX 1\nIntegrity Agreement\n" + "The parties shall act with integrity.\n" * 200
    for lead in ("IN WITNESS WHEREOF, the parties have signed this Agreement.", "[Signature and Stamp Page]"):
        text = f"COOPERATION AGREEMENT\n\n{body}\n{lead}\nParty A: Acme Co., Ltd.\n/s/ Zhang Peng\nDate: January 1, 2013\n\n{exhibit}"
        assert len(text) > 8000 and find_date(text) == "2013-01-01"


def test_a_run_in_list_and_a_wrapped_numbered_heading_open_nothing():
    """ "… and (C) (i) the Deed is terminated, or (ii) …" inside a sentence is no sub-clause (i); a
    numbered heading of capitals wrapped onto a second line ("… BRANDED" / "CONTENT") does not
    close its section, so 3. stays beside 2., not under 2.2."""
    words = ("The Company shall pay the amounts due under this Agreement to Skype within thirty days of each quarter end, "
             "in United States dollars")
    text = (
        "CO-BRANDING AGREEMENT\n\nThis Agreement is made between Acme Corp. and Beta Ltd.\n\n"
        f"1. DEFINITIONS\n1.1 Terms. {words}\n{words}\n{words}.\n"
        "2. COMPANY-SKYPE BRANDED APPLICATION, COMPANY-SKYPE BRANDED WEB SITE and COMPANY-SKYPE BRANDED\nCONTENT\n"
        f"2.1 Revenue Sharing. Skype shall receive 50% of all Adjusted Net Revenue, and Beta shall receive 50%,\n"
        "in lieu of the Company, in the event that (A) this Agreement remains in effect, and (C) (i) the Deed is\n"
        f"terminated, or (ii) the Company is wound up. {words}.\n"
        f"2.2 Compliance. {words}.\n3. PUBLIC ANNOUNCEMENTS\n3.1 Press. {words}.\n"
    )
    d = doc(text, media_type="application/pdf")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    assert "(i)" not in n and "(ii)" not in n and "(C) (i) the Deed" in n["2.1"].text
    assert n["3"].parent is None and n["3.1"].parent == n["3"].id and n["2.2"].parent == n["2"].id


def word_doc(paragraphs: list[tuple[str, str | None]]) -> Document:
    """A Document as the DOCX reader gives it, built by hand: (text, Word style or None) paragraphs
    joined by blank lines; a "Heading N" or "Title" paragraph is a heading block of level N."""
    from coaltext.types import Block

    text, blocks = "", []
    for t, style in paragraphs:
        if text:
            text += "\n\n"
        heading = bool(style and style.startswith(("Heading", "Title")))
        level = int(style.split()[-1]) if style and style.startswith("Heading") else None
        blocks.append(Block(len(text), len(text) + len(t), kind="heading" if heading else "paragraph", style=style, level=level))
        text += t
    return Document(name="t.docx", sha256="0" * 64, text=text, blocks=blocks,
                    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def test_structure_word_heading_styles_head_the_numbered_paragraphs_below():
    """Unnumbered "Heading 1" captions over numbered paragraphs (probe_word.docx): the first caption
    landed in the preamble and § 2 swallowed "Term", the next "1." and "Non-Competition"."""
    d = word_doc([
        ("STRATEGIC ALLIANCE AGREEMENT", "Title"),
        ('This Strategic Alliance Agreement is made on 1 March 2024 between Alpha Ltd ("Alpha") and Beta GmbH ("Beta").', None),
        ("Confidentiality", "Heading 1"),
        ("1. Each party shall keep the other party's Confidential Information confidential.", None),
        ("2. Neither party shall disclose the terms of this Agreement.", None),
        ("Term", "Heading 1"),
        ("1. This Agreement shall continue for three (3) years from its date.", None),
        ("Non-Competition", "Heading 1"),
        ("2. During the term neither party shall engage in any business that competes with the Alliance.", None),
        ("Capital Contributions", "Heading 1"),
        ("3. Each party contributes US$50,000.", None),
        ("Withdrawal of Capital", "Heading 1"),
        ("4. No party withdraws its contribution.", None),
        ("Subscription", "Heading 2"),
        ("5. A party may subscribe more capital.", None),
    ])
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    heads = {c.heading: c for c in st.clauses if c.kind == "section"}
    assert set(heads) == {"Confidentiality", "Term", "Non-Competition", "Capital Contributions", "Withdrawal of Capital", "Subscription"}
    assert all(h.parent is None for k, h in heads.items() if k != "Subscription")
    assert heads["Subscription"].parent == heads["Withdrawal of Capital"].id  # Heading 2 under Heading 1
    under = {c.text[:2]: c for c in st.clauses if c.number}
    kids = {h: [c.text[:2] for c in st.clauses if c.parent == heads[h].id and c.number] for h in heads}
    assert kids["Confidentiality"] == ["1.", "2."] and kids["Non-Competition"] == ["2."]
    assert kids["Capital Contributions"] == ["3."] and kids["Subscription"] == ["5."]  # numbering carried on across captions
    assert under["4."].text == "4. No party withdraws its contribution."  # no caption glued on its end
    assert not any("Confidentiality" in c.text for c in st.clauses if c.kind == "preamble")


def test_structure_word_numbered_heading_and_title_styles():
    """A numbered "Heading 1" is a clause with that heading; a sentence in a heading style is body
    text; a "Title" paragraph under a cover line names the instrument (cheetah_coop.docx read
    "Contract No.: 151315UD0081" as its title)."""
    d = word_doc([
        ("This is a translation of the original Chinese text", None),
        ("Contract No.: 151315UD0081", None),
        ("Cooperation Agreement", "Title"),
        ("Party A: Beike Internet Security Technology Co., Ltd.", None),
        ("Party B: Baidu Online Network Technology (Beijing) Co., Ltd.", None),
        ("1. Definitions of Some Words", "Heading 1"),
        ('1.1 "Territory" shall mean worldwide.', "Heading 2"),
        ("Name", "Heading 1"),
        ("The firm name of the Joint Venture will be: TBD", "Heading 1"),
    ])
    st = parse_agreement(d)
    assert st.title == "Cooperation Agreement"
    n = by_number(st)
    assert n["1"].heading == "Definitions of Some Words" and n["1.1"].heading is None and n["1.1"].parent == n["1"].id
    (name,) = [c for c in st.clauses if c.heading == "Name"]
    assert name.text.endswith("will be: TBD")
    # the same text without styles: nothing in a plain text is a Word heading (its title comes from
    # the cover lines, where the contract number is no name)
    plain = parse_agreement(doc(d.text))
    assert not any(c.heading == "Name" for c in plain.clauses)


def test_structure_a_list_run_into_an_item_does_not_restart_its_list():
    """cherryhill_sa 4(a)(iii) "… will not: (i) conflict …; (ii) violate …" was cited "Section 4(a)(i)"
    and "(ii)" a second time, beside the real 4(a)(i) and (ii)."""
    d = doc("STRATEGIC ALLIANCE AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n\n"
            "Section 1. Representations\n\n"
            "(a) Acme represents that:\n\n"
            "(i) Acme is duly organized.\n\n"
            "(ii) Acme has full power to sign this Agreement.\n\n"
            "(iii) The execution of this Agreement will not: (i) conflict with its charter; (ii) violate any Law; or "
            "(iii) breach any contract.\n\n"
            "(iv) No consents are necessary.\n\n"
            "(b) Beta represents that:\n\n(i) Beta is duly organized.\n")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    cites = [c.citation for c in st.clauses if c.number]
    assert len(cites) == len(set(cites)), cites
    assert "Section 1(a)(iv)" in cites and "Section 1(b)(i)" in cites
    (iii,) = [c for c in st.clauses if c.citation == "Section 1(a)(iii)"]
    assert iii.text.endswith("breach any contract.")


def test_structure_paragraphs_after_a_run_in_list_belong_to_its_clause():
    """CARDAX 6.6 "… CARDAX shall: (i) reimburse …; and (ii) …" then four paragraphs cited
    "§ 6.6(i) ¶ 2…5"; a definition list item ending in a run-in list took the next definitions."""
    d = doc("COLLABORATION AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n\n"
            "6.6 Recall. Each Party shall keep a record of its costs. For a recall caused by CARDAX, CARDAX shall: "
            "(i) reimburse CAPSUGEL for its costs; and (ii) indemnify CAPSUGEL.\n\n"
            "With respect to any other recall, each Party shall bear half of the costs.\n\n"
            "If the Parties cannot agree which party is at fault, an expert shall decide.\n\n"
            "6.7 Notices. Notices are in writing.\n\n"
            "6.8 Definitions. In this Agreement: \"Trigger Event\" means any of the following: (1) a default; (2) a sale.\n\n"
            "\"UPB\" means the unpaid principal balance.\n\n"
            "(3) a merger of the Party.\n")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    para = {c.text[:10]: c.citation for c in st.clauses if c.kind == "paragraph"}
    assert para["With respe"] == "6.6 ¶ 2" and para["If the Par"] == "6.6 ¶ 3"
    assert para['"UPB" mean'] == "6.8 ¶ 2"
    n = by_number(st)
    assert n["(i)"].citation == "6.6(i)" and n["6.7"].citation == "6.7"
    assert n["(3)"].citation == "6.8(3)"  # the run-in list goes on after the paragraph that closed it
    # a wrapped continuation of the item (no new paragraph) stays in the item
    st = parse_agreement(doc("AGREEMENT\n\nThis Agreement is made by Acme Corp. and Beta Ltd.\n\n"
                             "1. Fees. The Licensee shall: (a) pay the fee within\nthirty days; and (b) keep records.\n"))
    assert "within\nthirty days" in by_number(st)["(a)"].text


def test_structure_a_signature_block_without_in_witness_ends_the_body():
    """accelerated_jv.docx: "16. Counterparts" ended with the signature table's row "COLLECTIBLE
    CONCEPTS GROUP, INC. By: ____ Name: Title: Date: | PIVOTAL …"; a TXT block of "By:" / "Name:" /
    "Title:" lines under a party's name did too. A form to be signed inside the body does not end it."""
    body = ("JOINT VENTURE AGREEMENT\n\nThis Agreement is made by Collectible Concepts Group, Inc. and Pivotal Self Service Tech, Inc.\n\n"
            "1. Notices. Notices are in writing.\n\n2. Counterparts. This Agreement may be executed in counterparts.\n\n")
    row = ("COLLECTIBLE CONCEPTS GROUP, INC. By: ______________________ Name: Title: Date: | "
           "PIVOTAL SELF SERVICE TECH, INC. By: ______________________ Name: Title: Date:")
    lines = "COLLECTIBLE CONCEPTS GROUP, INC.\n\nBy: ______________________\n\nName: Paul Lipschutz\n\nTitle: CEO\n"
    for tail in (row, lines):
        d = doc(body + tail + "\n\nEXHIBIT A\n\nGeneral responsibilities of the parties.\n")
        st = parse_agreement(d)
        assert_tree_is_honest(d, st)
        n = by_number(st)
        assert n["2"].text == "2. Counterparts. This Agreement may be executed in counterparts."
        (sig,) = [c for c in st.clauses if c.kind == "signature"]
        assert sig.text.startswith("COLLECTIBLE CONCEPTS GROUP, INC.") and n["EXHIBIT A"].parent is None
    form = body.replace("2. Counterparts.", "2. Guarantee. The guarantor signs below:\n\nBy: ________\n\nName:\n\nTitle:\n\n3. Counterparts.")
    st = parse_agreement(doc(form))
    assert not any(c.kind == "signature" for c in st.clauses) and by_number(st)["3"].parent is None


def test_structure_a_run_in_list_goes_on_after_a_paragraph_with_a_roman_letter():
    """After "(a) …; (b) …;" and a paragraph, "(c)" is the letter, not Roman 100 (every later item
    was text: "2 ¶ 3 '(c) it holds …'"); a page footer inside an item's sentence is no new paragraph
    (CytoDyn 9.2(l) "… that would be" / footer / "CytoDyn Know-How …" lost 9.2(m), (n), (p))."""
    d = doc("SERVICES AGREEMENT\n\nThis Agreement is made between Acme Inc. and Beta LLC.\n\n"
            "1. Services. Acme shall provide the services.\n\n"
            "2. Warranties. Each party warrants that: (a) it is duly organised; (b) it has full power;\n\n"
            "and the following further warranties apply.\n\n"
            "(c) it holds all licences required by law; (d) it is not insolvent.\n\n3. Term. Three years.\n")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    assert n["(c)"].citation == "2(c)" and n["(d)"].citation == "2(d)" and n["3"].parent is None
    d = doc("LICENSE AGREEMENT\n\nThis Agreement is made between CytoDyn Inc. and Vyera LLC.\n\n"
            "9.2 Representations. CytoDyn represents that: (a) it owns the Patents. (b) Neither CytoDyn nor any "
            "Affiliate has entered into any agreement that would be\n\nSource: CYTODYN INC., 10-Q, 1/9/2020\n\n"
            "CytoDyn Know-How but for such assignment. (c) Neither CytoDyn nor its officers is debarred. "
            "(d) CytoDyn has complied with the law.\n\n9.3 Vyera. Vyera represents as follows.\n")
    st = parse_agreement(d)
    n = by_number(st)
    assert n["(c)"].citation == "9.2(c)" and n["(d)"].citation == "9.2(d)"
    assert "CytoDyn Know-How" in n["(b)"].text


def test_structure_a_list_restarted_under_numbered_clauses_stays_under_them():
    """WASTE2ENERGY / HEALTHGATE: an "(i)" left open above numbered clauses (a page break put 2.1 under
    it) was restarted by "(i)" under 2.2 (11.1): that closed 2.2, made "1(i)" a second time and put 2.3
    (11.2–11.10) in the wrong place."""
    d = doc("HOSTING AGREEMENT\n\nThis Agreement is made between HealthGate Inc. and the Publishers.\n\n"
            "1. Definitions.\n\n(i) \"Site\" means the web site.\n\n2.1 The Publishers appoint HealthGate.\n\n"
            "2.2 On termination HealthGate shall:\n\n(i) grant to the Publishers a licence;\n\n"
            "(ii) exercise best endeavours to grant a licence.\n\n2.3 The annual fee is payable in advance.\n")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    cites = [c.citation for c in st.clauses if c.number]
    assert cites[-4:] == ["2.2", "2.2(i)", "2.2(ii)", "2.3"], cites
    assert len(cites) == len(set(cites))


def test_structure_an_item_after_a_full_stop_is_a_sub_clause_not_a_run_in_list():
    """INTERSECT 14.1 "… permitted assigns. (a) Buyout. In the case …" and Nuveen's "[For Mandatory
    Tenders] (i) A purchaser …" were thrown away as text, because a run-in "(a)"/"(i)" held the label."""
    d = doc("SUPPLY AGREEMENT\n\nThis Agreement is made between Intersect Inc. and Beta LLC.\n\n"
            "14.1. Assignment. Either party may assign this Agreement: (a) to an affiliate; and/or to a buyer. "
            "This Agreement binds permitted assigns. (a) Buyout. In the case that either company is acquired, "
            "that company may make a buyout payment.\n\n14.2. Notice. Notices are in writing.\n")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    assert any(c.text.startswith("(a) Buyout.") for c in st.clauses if c.number)
    assert "14.2" in [c.citation for c in st.clauses]


def test_structure_a_labelled_signature_block_ends_at_the_next_instrument():
    """CERES: Amendment II's "By: … Name: … Title: …" block (no IN WITNESS) ran over "AMENDMENT III",
    its recitals and §§ 1–6 to the end of the text."""
    d = doc("AMENDMENT II\n\nThis Amendment is made between IBERS and Ceres, Inc.\n\n"
            "1. Term. The term is extended.\n\n2. Effect. The Agreement otherwise remains unchanged.\n\n"
            "ABERYSTWYTH UNIVERSITY\n\nBy: /s/ S.G.A. Durbin\n\nName: S.G.A. Durbin\n\nTitle: Director\n\n"
            "CONFIDENTIAL\n\nAMENDMENT III\n\nWHEREAS, IBERS and CERES entered into Schedule 1;\n\n"
            "NOW THEREFORE, the Parties agree as follows:\n\n1. The Parties extend the Term.\n\n2. Fees are unchanged.\n")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    (sig,) = [c for c in st.clauses if c.kind == "signature"]
    assert "AMENDMENT III" not in sig.text
    assert any(c.heading == "AMENDMENT III" for c in st.clauses)


# -- user test "alliance counsel" (clause trees that cited the wrong section) ------------------------


@pytest.mark.parametrize(
    "line,label,value",
    [
        ("ARTICLE – 14", "ARTICLE 14", 14),  # impco: an en dash between the word and its number
        ("ARTICLE - 3 MEMORANDUM OF ASSOCIATION", "ARTICLE 3", 3),
        ("ARTICLE – 16A", "ARTICLE 16A", 16),  # an article inserted later
        ("SCHEDULE – I", "SCHEDULE I", 0),  # was number "SCHEDULE", heading "I"
        ("SCHEDULE - A  Description of products", "SCHEDULE A", 0),
    ],
)
def test_numbering_reads_a_dash_between_the_word_and_its_number(line, label, value):
    m = match_marker(line)
    assert m is not None and m.label == label and m.value == value


def test_numbering_a_small_word_is_no_schedule_letter():
    """"ADDENDUM TO GOOSEHEAD …" is no "Addendum TO"; "EXHIBIT A TO SERVICING AGREEMENT" is Exhibit A."""
    assert match_marker("ADDENDUM TO THE FRANCHISE DISCLOSURE DOCUMENT FOR THE STATE OF OHIO") is None
    assert match_marker("EXHIBIT A TO SERVICING AGREEMENT").label == "EXHIBIT A"


def test_structure_trade_mark_signs_left_alone_by_a_page_break_are_furniture():
    """biocept: "OncoCEE-LU" then a page break left "TM TM" / "TM" on lines of their own; they became
    top-level headings, so 3.3(e)–(g) lost their numbers and 3.4 sat under 3.3(g)(ii)."""
    text = (
        "COLLABORATION AGREEMENT\n\nThis Agreement is made between Acme Inc. and Beta Ltd.\n\n"
        "1. COLLABORATION\n\n1.1 Acme Responsibilities. Acme shall promote the Test.\n\n"
        "(a) Samples and Logistics.\n\n(i) Acme will be responsible for the logistics of samples. Life\n\n"
        "6\n\nTM\n\nTM TM\n\n\n\nTechnologies will work with Beta on billing.\n\n"
        "(b) Demand Forecast. Within sixty days Acme shall give a forecast.\n\n"
        "(c) Technical Developments. Acme shall keep Beta informed.\n\n"
        "1.2 Beta Responsibilities. Beta shall perform the Test.\n"
    )
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    assert not [c for c in st.clauses if (c.heading or "").startswith("TM")]
    cites = {c.citation: c for c in st.clauses if c.citation}
    assert cites["1.1(b)"].heading == "Demand Forecast" and "1.1(c)" in cites
    assert cites["1.2"].parent == cites["1"].id


def test_structure_a_schedule_heading_run_on_into_its_text():
    """liquidmetal: "Schedule 1 Field of Use Restrictions The licenses granted …" on one line was no
    schedule (over 90 characters), so the schedule's list was cited as § 14.8(c) "Disputes". A line that
    only mentions an exhibit ("Exhibit A attached hereto describes …") stays text."""
    body = "This Agreement is made between Acme Inc. and Beta Ltd.\n\n14. MISCELLANEOUS.\n\n14.8 Disputes. Courts of Arizona decide.\n\n"
    exhibit_ref = ("Exhibit A attached hereto describes by way of example but not limitation the duties of the "
                   "steering committee of the parties.\n\n")
    schedule = ("Schedule 1 Field of Use Restrictions The licenses granted under this Agreement shall be subject "
                "to the following exclusions: 1. The Field shall exclude watches.\n")
    d = doc(body + exhibit_ref + schedule)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    (sched,) = [c for c in st.clauses if c.kind == "schedule"]
    assert sched.number == "Schedule 1" and sched.heading == "Field of Use Restrictions" and sched.parent is None
    assert "Exhibit A attached" in by_number(st)["14.8"].text


def test_structure_a_line_of_capitals_run_into_the_first_section():
    """liquidmetal: "AGREEMENT 1. TERM. The initial term …" (a running title's end on the section's
    line) left § 1 in the preamble, so the term was cited as "preamble"; "SECTION 1." keeps its word."""
    text = ("BUSINESS DEVELOPMENT AGREEMENT\n\nThis Agreement is made between Acme Inc. and Beta Ltd. "
            "The Parties agree as follows:\n\nAGREEMENT 1. TERM. The initial term lasts five years.\n\n"
            "2. EQUIPMENT. Acme lends Beta the equipment.\n\nSECTION 3. FEES. Beta pays Acme.\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    assert n["1"].heading == "TERM" and n["1"].parent is None and n["2"].parent is None
    assert n["SECTION 3"].heading == "FEES"
    assert st.title == "BUSINESS DEVELOPMENT AGREEMENT"


def test_structure_a_wrapped_sentence_in_capitals_opens_no_heading():
    """healthcentral.pdf: the third line of a limitation of liability written in capitals
    ("… COMPLIANCE" / "OBLIGATIONS UNDER SECTION 20, NOTWITHSTANDING …") became a level-1 heading."""
    text = (
        "CO-BRANDING AGREEMENT\nThis Agreement is made between Acme Inc. and Beta Ltd. on the first\n"
        "day of June, and the parties agree to the terms set out below in full.\n"
        "1. INDEMNIFICATION\nEach party shall indemnify the other party against claims of third\n"
        "parties that arise from its breach of this Agreement or its negligence.\n"
        "2. LIMITATION OF LIABILITY\n"
        "EXCEPT FOR THE INDEMNITY DUTIES IN SECTION 1 OF THIS AGREEMENT, THE\n"
        "CONFIDENTIALITY DUTIES UNDER SECTION 3, AND THE YEAR 2000 COMPLIANCE\n"
        "DUTIES UNDER SECTION 20, REGARDLESS OF ANY OTHER PROVISION CONTAINED\n"
        "IN THIS AGREEMENT, NEITHER PARTY SHALL BE LIABLE FOR INDIRECT DAMAGES.\n"
        "3. CONFIDENTIALITY\nEach party shall keep the information of the other party confidential\n"
        "during the term of this Agreement and for three years after it ends.\n"
    )
    d = doc(text, media_type="application/pdf")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    assert "REGARDLESS OF ANY OTHER PROVISION" in n["2"].text and n["3"].parent is None
    assert not [c for c in st.clauses if c.kind == "section" and c.number is None]


def test_structure_names_in_an_address_block_are_no_headings():
    """warner.pdf, impco.pdf: "GALEN (CHEMICALS) LIMITED", "USA", "LEO PHARMA A/S" in the notices
    clause became level-1 headings; a heading that ends in such a word after a small one stays one."""
    text = (
        "DEVELOPMENT AGREEMENT\nThis Agreement is made between Leo Pharma A/S and Galen Limited.\n"
        "XIV - NOTICES\nAny notice shall be sent by registered mail or by fax to:\n"
        "In the case of GALEN:\nGALEN (CHEMICALS) LIMITED\n4 Adelaide Street\nRockaway, New Jersey 07866\nUSA\n"
        "In the case of LEO:\nLEO PHARMA A/S\nIndustriparken 55\nDK-2750 Ballerup\n"
        "XV - MISCELLANEOUS\nThis Agreement is the entire agreement of the Parties.\n"
        "FORMATION OF A CORPORATION\nThe Parties may form a corporation to hold the rights.\n"
    )
    d = doc(text, media_type="application/pdf")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    headings = [c.heading for c in st.clauses if c.heading]
    assert not {"GALEN (CHEMICALS) LIMITED", "USA", "LEO PHARMA A/S"} & set(headings)
    n = by_number(st)
    assert "LEO PHARMA A/S" in n["XIV"].text and n["XV"].parent is None
    assert "FORMATION OF A CORPORATION" in headings


def test_structure_articles_written_with_a_dash_hold_their_sections():
    """impco.pdf: "ARTICLE – 14" was no number: the article had none, its title was a clause of its own
    beside it, and §§ 14.x showed no article heading."""
    text = (
        "JOINT VENTURE AGREEMENT\nThis Agreement is made between Impco Inc. and Minda Ltd.\n"
        "ARTICLE – 13\nTRADE MARK\n13.1 The JVC shall register the trade marks.\n"
        "ARTICLE – 14\nNON-COMPETITION AND EXCLUSIVE RIGHTS\n14.1 Impco shall not compete with the JVC.\n"
        "14.2 Minda shall not compete with the JVC.\n"
    )
    d = doc(text, media_type="application/pdf")
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    assert n["ARTICLE 14"].kind == "article" and n["ARTICLE 14"].heading == "NON-COMPETITION AND EXCLUSIVE RIGHTS"
    assert n["14.2"].parent == n["ARTICLE 14"].id and n["13.1"].parent == n["ARTICLE 13"].id


@pytest.mark.parametrize(
    "cover,title",
    [
        ("Exhibit 10.43\n\nContract No.: 151315UD0081\n\nCooperation Agreement\n\nParty A: Acme Co., Ltd.", "Cooperation Agreement"),
        ("Exhibit 10.09\n\nAgreement Number 12965\n\nWIRELESS CONTENT LICENSE AGREEMENT", "WIRELESS CONTENT LICENSE AGREEMENT"),
        ("AMENDMENT NO. 1\n\nThis Amendment is made by Acme Corp. and Beta Ltd.", "AMENDMENT NO. 1"),
    ],
)
def test_structure_a_contract_number_is_no_title(cover, title):
    """cheetah.txt: the title was "Contract No.: 151315UD0081", the line above the name."""
    assert parse_agreement(doc(cover + "\n\n1. Term. This Agreement lasts two years.\n")).title == title


def test_parties_a_company_name_may_open_with_an_honorific():
    """Honorifics were cut off company names: "Mrs. Fields Franchising, L.L.C." → "Fields Franchising,
    L.L.C.", "Mr. Cooper Group Inc." → "Cooper Group Inc."; a person's father "Mr. R.L. Seth" is
    still no company "Mr. R.L." (see above), nor "Mr. S.L." with nothing before the legal form."""
    for name in ("Mrs. Fields Franchising, L.L.C.", "Mr. Cooper Group Inc.", "Miss Universe L.P., LLLP"):
        text = f'LICENSE AGREEMENT\n\nThis Agreement is made between {name} ("Licensor") and Beta LLC ("Licensee").\n\n1. License'
        assert _parties(text) == {name: "Licensor", "Beta LLC": "Licensee"}
    text = ("This Agreement is made BETWEEN Kestrel Technologies Inc. (‘KESTREL’) AND Mr. Ravi SHAH, s/o. Mr. S.L. Shah, "
            "r/o. A-15, Ashok Vihar, New Delhi (hereinafter referred to as ‘SHAH’).\nWHEREAS the parties agree;")
    assert _parties(text) == {"Kestrel Technologies Inc.": "KESTREL", "Ravi SHAH": "SHAH"}


def test_parties_a_place_or_thing_after_the_is_no_party():
    """ "… and the Restaurant located at 5 Elm Street (the "Restaurant")" made "Restaurant" a party
    (a name without a legal form described by a place); "the Premises", "the Store" likewise."""
    for thing in ("Restaurant", "Store", "Premises"):
        text = ('FRANCHISE AGREEMENT\n\nThis Agreement is made between Acme Inc. ("Franchisor") and Beta LLC '
                f'("Franchisee"), and the {thing} located at 5 Elm Street (the "{thing}").\n\n1. Grant')
        assert _parties(text) == {"Acme Inc.": "Franchisor", "Beta LLC": "Franchisee"}


def test_structure_a_paragraph_about_a_schedule_opens_no_schedule():
    """A body paragraph whose subject is a schedule ("Schedule 2 Part B of the Agreement is hereby
    deleted …", "Exhibit C Service Levels shall apply …") opened a schedule that swallowed the rest
    of the amendment: § 1.2 was cited "Exhibit C, 1.2"."""
    text = (
        "FIRST AMENDMENT TO SUPPLY AGREEMENT\n\nThis First Amendment is made between Acme Inc. and Beta LLC.\n\n"
        "1. Amendments\n\n1.1 The parties agree to amend the Agreement as follows.\n\n"
        "Schedule 2 Part B of the Agreement is hereby deleted in its entirety and replaced with the Schedule 2 "
        "Part B attached to this Amendment.\n\n"
        "Exhibit C Service Levels shall apply to all Products delivered after the Amendment Effective Date, "
        "and the credits there are the sole remedy.\n\n"
        "1.2 Section 5 of the Agreement is amended.\n\n2. Miscellaneous\n\n2.1 The Agreement stays in force.\n"
    )
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    assert not [c for c in st.clauses if c.kind == "schedule"]
    n = by_number(st)
    assert n["1.2"].citation == "1.2" and n["2"].parent is None


def test_structure_capitals_before_a_list_number_inside_a_clause_cut_nothing():
    """"OPTION 1. Licensee pays …" / "OPTION 2. …" under § 2.1 were cut before the number, so 2.2 and
    § 3 sat under a heading "OPTION". A line of capitals is cut off only before a number that opens
    the body or continues it; "AGREEMENT 1. TERM." still opens § 1."""
    text = (
        "LICENSE AGREEMENT\n\nThis License Agreement is made between Acme Inc. and Beta LLC.\n\n"
        "AGREEMENT 1. Definitions\n\n1.1 \"Product\" means the product.\n\n2. Payment\n\n"
        "2.1 Licensee shall pay one of the following, at its election:\n\n"
        "OPTION 1. Licensee pays a lump sum of $100,000 on signature.\n\n"
        "OPTION 2. Licensee pays royalties of 5% of Net Sales.\n\n"
        "2.2 Payments are due within 30 days.\n\n3. Term\n\n3.1 This Agreement lasts five years.\n\n"
        "US DOLLARS 5. Payment currency is stated in Section 2.\n"
    )
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    assert n["1"].parent is None and n["2"].parent is None and n["3"].parent is None
    assert n["2.2"].parent == n["2"].id and "OPTION 2." in n["2.1"].text
    assert not [c for c in st.clauses if (c.heading or "").startswith(("OPTION", "US DOLLARS"))]


def test_structure_a_list_letter_r_alone_on_its_line_is_no_trade_mark():
    """The trade-mark residue rule read "(r)" alone on its line (its text on the next) as "(R)", so
    definition (r) vanished into (q); "TM" and "(TM) (R)" alone stay furniture."""
    items = "".join(f'({k}) "Term{k}" means the thing {k}.\n\n' for k in "abcdefghijklmnopq")
    text = ("LICENSE AGREEMENT\n\nThis Agreement is made between Acme Inc. and Beta LLC.\n\n1. Definitions\n\n" + items
            + '(r)\n\n"Termr" means the thing r.\n\n(s) "Terms" means the thing s.\n\nTM\n\n(TM) (R)\n\n2. License\n\n'
            "2.1 Acme grants Beta a licence.\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    cites = {c.citation: c for c in st.clauses if c.citation}
    assert "Termr" in cites["1(r)"].text and "Termr" not in cites["1(q)"].text
    assert not [c for c in st.clauses if (c.heading or "").startswith(("TM", "(TM)"))]
    assert cites["2.1"].parent == cites["2"].id


def test_structure_names_and_countries_are_headings_outside_address_blocks():
    """The legal-form/country rule for address blocks dropped real headings: "1.B.    TRANSFER TO A
    WHOLLY-OWNED CORPORATION." (MRSFIELDS) and "UNITED STATES" / "CANADA" heading a schedule's
    country terms. A name or country is no heading only inside a notice or signature block."""
    text = (
        "DISTRIBUTION AGREEMENT\n\nThis Agreement is made between Acme Inc. and Beta LLC.\n\n"
        "1. TRANSFER\n\n1.A.    CONDITIONS FOR APPROVAL OF TRANSFER.\n\nBeta may transfer with consent.\n\n"
        "1.B.    TRANSFER TO A WHOLLY-OWNED CORPORATION.\n\nBeta may transfer to its own corporation.\n\n"
        "2. NOTICES\n\nNotices go to:\n\nIf to Acme:\n\nACME INC.\n\nRockaway, NJ 07866\n\nUSA\n\n"
        "3. TERM\n\nThis Agreement lasts five years.\n\n"
        "SCHEDULE 1 COUNTRY-SPECIFIC TERMS\n\nUNITED STATES\n\nBeta shall register the Products with the FDA.\n\n"
        "CANADA\n\nBeta shall obtain a licence before any sale.\n"
    )
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    headings = {c.heading for c in st.clauses if c.heading}
    assert {"TRANSFER TO A WHOLLY-OWNED CORPORATION", "UNITED STATES", "CANADA"} <= headings
    assert not {"ACME INC.", "USA"} & headings
    assert by_number(st)["3"].parent is None


@pytest.mark.parametrize(
    "cover,title",
    [
        ("SUPPLEMENTAL AGREEMENT NO. 5", "SUPPLEMENTAL AGREEMENT NO. 5"),
        ("JOINT DEVELOPMENT AGREEMENT NO. 2", "JOINT DEVELOPMENT AGREEMENT NO. 2"),
        ("TELKOM CONTRACT No. 076C/01\n\nLICENCE AND MAINTENANCE AGREEMENT", "LICENCE AND MAINTENANCE AGREEMENT"),
    ],
)
def test_structure_an_agreement_named_with_its_number_keeps_the_number(cover, title):
    """The contract-number skip cut "SUPPLEMENTAL AGREEMENT NO. 5" to "SUPPLEMENTAL AGREEMENT": a
    line is a bare reference only when nothing names the agreement before "Contract No." or its code
    is no small ordinal."""
    text = cover + '\n\nThis agreement is made between Acme Inc. ("Acme") and Beta LLC ("Beta").\n\n1. Scope\n\n1.1 Acme supplies Beta.\n'
    assert parse_agreement(doc(text)).title == title


LONG = " Each Party shall bear its own costs of the research programme and shall keep records of them."
NOTICE_BLOCK = (  # a paragraph on one line, as CUAD's texts hold it
    "1. TERM\n\nThis Agreement runs for five years." + LONG * 3 + "\n\n2. GENERAL PROVISIONS\n\nAll notices shall be in "
    "writing." + LONG * 2 + " They shall be addressed as follows:\n\n"
    "(i) If to ACME:\n\nTo the attention of the managing director\n\nTelephone (ii) if to BETA:\n\n"
    "To the attention of Mr. John Smith\n\nTelephone\n\n"
    "Each Party may designate by written notice another address for notices." + LONG * 2 + "\n\n"
    "This Agreement cannot be assigned by a Party without the consent of the other Party." + LONG * 2 + "\n\n"
    "3. CONFIDENTIALITY\n\nEach Party shall keep the other Party's information confidential." + LONG * 2 + "\n"
)


def test_a_line_of_an_address_block_heads_nothing():
    # "Telephone" alone (its number left out) under "To the attention of …" is the address's last
    # line: it took the assignment paragraph away from its section (cited in “Telephone”)
    d = doc(NOTICE_BLOCK)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    assert not [c for c in st.clauses if c.heading == "Telephone"]
    n = by_number(st)
    assert "cannot be assigned" in n["2"].text and n["3"].parent is None
    holder = [c for c in st.clauses if "cannot be assigned" in c.text][-1]  # the innermost clause
    assert holder.citation.startswith("2")


def test_a_sentence_after_an_address_item_is_the_clause_s_paragraph():
    # in a PDF's lines "(ii) if to BETA:" is an item; the sentences after its address lines are
    # § 2's paragraphs, not the second party's address
    text = ("1. TERM\nThis Agreement runs for five years.\n2. GENERAL PROVISIONS\nAll notices shall be in writing and shall be addressed as follows:\n"
            "(i) If to ACME:\nTo the attention of the managing director\nTelephone\n(ii) if to BETA:\n"
            "To the attention of Mr. John Smith\nTelephone\n"
            "Each Party may designate by written notice another address to which any notice may thereafter be given.\n"
            "This Agreement cannot be assigned by a Party without the prior written consent of the other Party.\n"
            "3. CONFIDENTIALITY\nEach Party shall keep the other Party's information confidential.\n")
    d = doc(text, media_type="application/pdf", pages=[Page(1, 0, len(text))])
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    assert n["(ii)"].text.endswith("Telephone")
    designate = next(c for c in st.clauses if c.text.startswith("Each Party may designate"))
    assert designate.parent == n["2"].id and designate.citation.startswith("2 ¶ ")


def test_a_heading_of_capitalised_words_inside_a_numbered_section_is_part_of_it():
    # "Oncology" between blank lines under "2. ECONOMIC RIGHTS … as follows:" heads a part of § 2:
    # the revenue share under it is cited "2, Oncology", not "Oncology" beside § 7
    # (text that holds a paragraph on one line, as CUAD's does: a heading is a line of its own)
    long = " Each Party shall bear its own costs of the research programme and shall keep records of them."
    text = ("1. STAFF ACCESS\n\nBeta allows Acme's staff to access its laboratories." + long * 3 + "\n\n"
            "2. ECONOMIC RIGHTS\n\nThe commercial rights arising from the research are divided as follows:\n\n"
            "Oncology\n\nAll economic rights are solely owned by Acme. Acme will pay Beta 5% of the turnover." + long * 2 + "\n\n"
            "Vaccines\n\nAll economic rights are owned by Beta.\n\n"
            "3. DURATION\n\nThis Agreement runs for five years." + long * 3 + "\n\n"
            "MISCELLANEOUS\n\nNothing in this Agreement creates a partnership.\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    heads = {c.heading: c for c in st.clauses if c.heading}
    assert heads["Oncology"].parent == n["2"].id and heads["Oncology"].citation == "2, Oncology"
    assert heads["Vaccines"].parent == n["2"].id and heads["Vaccines"].citation == "2, Vaccines"
    assert n["3"].parent is None and n["3"].citation == "3"
    assert heads["MISCELLANEOUS"].parent is None  # a line of capitals still heads a section of its own


def test_a_heading_run_on_after_a_sentence_opens_the_next_section():
    text = ("1. PUBLICATIONS\n\nThe same procedure applies to Acme when it publishes on the research. 2. ECONOMIC RIGHTS\n\n"
            "The commercial rights are divided as follows.\n\n3. DURATION\n\nThis Agreement runs for five years.\n")
    st = parse_agreement(doc(text))
    n = by_number(st)
    assert n["2"].heading == "ECONOMIC RIGHTS" and n["2"].parent is None
    assert "research." in n["1"].text and "ECONOMIC" not in n["1"].text


def test_a_passage_is_cited_as_its_paragraph_not_the_clause_above():
    sentence = "Each Party shall keep the records of the project in good order for the auditors. "
    text = ("1. TERM\n\nThis Agreement runs for five years.\n\n2. GENERAL PROVISIONS\n\nNotices are given in writing.\n\n"
            + sentence * 40 + "\n\nNo waiver is valid unless written.\n\n3. LAW\n\nItalian law governs.\n")
    st = parse_agreement(doc(text))
    passages = [c for c in st.clauses if c.kind == "passage"]
    assert len(passages) >= 2
    ids = {c.id: c for c in st.clauses}
    assert all(p.citation == ids[p.parent].citation == "2 ¶ 2" for p in passages)
    assert "2" not in [p.citation for p in passages]  # § 2 itself is another clause


def test_a_numbering_that_restarts_under_a_sub_heading_is_kept():
    # "1." under "Milestones" in clause 2 does not continue § 2's numbering: it is still a clause
    # (placed as it was when the sub-heading stood at the top), not text that § 2 swallows
    text = ("1. TERM\n\nThis Agreement runs for five years." + LONG * 3 + "\n\n"
            "2. FEES\n\nAcme shall pay Beta the following fees." + LONG * 3 + "\n\n"
            "Milestones\n\nThe milestone payments are due as follows:\n\n1. First patient dosed: 5% of the budget." + LONG * 2 + "\n\n"
            "2. Approval: 10% of the budget." + LONG * 2 + "\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    firsts = [c for c in st.clauses if c.number == "1"]
    assert len(firsts) == 2 and firsts[1].text.startswith("1. First patient dosed")


INTRO = "The Party named above warrants to the other Party that:\n\n"


def warranty_items(n: int) -> str:
    return "".join(f"{i}. The warranty number {i} holds for the whole Term." + LONG * 3 + "\n\n" for i in range(1, n + 1))


def test_sub_headings_in_a_section_stay_beside_each_other():
    # CHINARECYCLING: each "Item … Warranties of Party X" under the items "1." … "5." of the one
    # before was nested one level deeper ("6(5)(9)(4)"): a sub-heading goes under the top-level
    # section only, never under a list item, and the run of them stays flat
    text = ("1. TERM\n\nThis Agreement runs for five years." + LONG * 3 + "\n\n"
            "2. WARRANTIES\n\nThe Parties give the warranties as follows:\n\n"
            + "".join(f"Warranties of Party {chr(65 + k)}\n\n" + INTRO + warranty_items(3) for k in range(4))
            + "3. DURATION\n\nThis Agreement runs for five years." + LONG * 3 + "\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    heads = {c.heading: c for c in st.clauses if c.heading}
    subs = [c for c in st.clauses if (c.heading or "").startswith("Warranties of Party")]
    assert len(subs) == 4
    assert all(c.parent == heads["WARRANTIES"].id and c.citation == f"2, {c.heading}" for c in subs)
    assert max(c.level for c in st.clauses) <= 3
    assert heads["DURATION"].number == "3" and heads["DURATION"].parent is None


def test_many_sub_headings_neither_recurse_nor_nest():
    # 300 of them took 300 levels (RecursionError where main parsed the file in 2 s)
    text = ("1. WARRANTIES\n\nThe Parties give the warranties as follows:\n\n"
            + "".join(f"Warranties of Party Number {k}\n\n" + INTRO + warranty_items(2) for k in range(300)))
    st = parse_agreement(doc(text))
    assert max(c.level for c in st.clauses) <= 3
    assert len([c for c in st.clauses if (c.heading or "").startswith("Warranties of Party")]) == 300


def test_a_sub_heading_goes_under_no_recital_and_no_annex_title():
    # NlsPharmaceutics: "1." read as an item of recital D, then "Developed Intellectual Property": the
    # body became recital D's items D(2) … D(21); HealthcentralCom's 'Schedule "1"' was read as a part
    # of the last section ('28, Schedule "1"'); a cell of a price table is none either
    text = ("DEVELOPMENT AGREEMENT\n\nThis Agreement is made between Acme Inc. (\"Acme\") and Beta LLC (\"Beta\").\n\n"
            "RECITALS\n\nA. Acme develops medicines." + LONG * 2 + "\n\nB. Beta wishes to develop them with Acme." + LONG * 2 + "\n\n"
            "1. In this Agreement the following terms have these meanings:\n\n"
            "Developed Intellectual Property\n\nmeans all inventions made under this Agreement." + LONG * 2 + "\n\n"
            "2. DEVELOPMENT\n\nBeta shall develop the product." + LONG * 3 + "\n\n"
            "3. FEES\n\nBeta shall pay the fees." + LONG * 3 + "\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    # (the "1." itself stays an item of recital B, as before)
    assert not [c for c in st.clauses if (c.citation or "").startswith(("B(1), ", "B(2)", "B(3)"))]
    text = ("1. FEES\n\nBeta shall pay the fees." + LONG * 2 + " They are set out below:\n\n"
            "Schedule \"1\"\n\nThe fees of the programme." + LONG * 2 + "\n\n"
            "2. CHARGES\n\nCharges apply." + LONG * 2 + " The following charges apply per vehicle and day:\n\n"
            "$ 60.00\n\nper vehicle." + LONG * 2 + "\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    assert not [c for c in st.clauses if (c.citation or "").startswith(("1, ", "2, "))]


def test_a_section_after_a_gap_in_the_numbering_is_placed():
    # BIOAMBER: "6." to "9." run into 5.3's text, then "10.1" on a line of its own: beside 5.3, not
    # paragraphs of 5.3
    text = ("5. SERVICES\n\n5.1 Acme performs the services." + LONG * 2 + "\n\n5.2 Beta pays for them." + LONG * 2 + "\n\n"
            "5.3 Beta may audit them." + LONG + " 6. Warranties. None are given." + LONG + " 9. Notices. In writing.\n\n"
            "10.1 Acme may assign this Agreement to an affiliate." + LONG * 2 + "\n\n"
            "10.2 Beta may not assign it." + LONG * 2 + "\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    n = by_number(st)
    assert n["10.1"].citation == "10.1" and n["10.2"].citation == "10.2"
    assert "assign" not in n["5.3"].text
    # an index line's numbers after a gap stay text ("10.1 4.4(c)(i) 17.3" under 3.3)
    index = "3. TERMS\n\n3.1 Acme supplies." + LONG * 2 + "\n\n3.3 Index of terms." + LONG * 2 + "\n\n10.1 4.4(c)(i) 17.3 12.6\n"
    assert "10.1" not in by_number(parse_agreement(doc(index)))
    # a survival list after a gap names sections, it holds none: "12.1 Governing Law" must not become a
    # clause the report cites as governing law (a review's draft)
    survive = ("5. AUDIT\n\n5.1 Beta may audit." + LONG * 2 + "\n\n5.3 The following Sections survive termination:\n\n"
               "10.1 Payment\n\n11.1 Confidentiality\n\n12.1 Governing Law\n\n6. TERMINATION\n\nEither Party may terminate." + LONG + "\n")
    n = by_number(parse_agreement(doc(survive)))
    assert not {"10.1", "11.1", "12.1"} & set(n) and "Governing Law" in n["5.3"].text


def test_a_heading_under_an_address_line_that_heads_a_sentence_is_kept():
    # "Attention: General Counsel" then "Governing Law" over a sentence; a preamble that gives a
    # party's address ("…, FL 34974, …") over "Overview": headings, not lines of an address
    text = ("SERVICES AGREEMENT\n\nThis Agreement is made between Acme Inc. (\"Acme\") and Beta LLC (\"Beta\").\n\n"
            "1. Services. Beta shall provide the services to Acme during the Term." + LONG * 2 + "\n\n"
            "Beta has an office located at 1800 Frank Huff Road, Okeechobee, FL 34974, hereinafter referred to as the \"Site\".\n\n"
            "Overview\n\nThe purpose of this alliance is to combine the resources of Acme and Beta in several markets." + LONG * 2 + "\n\n"
            "2. Notices. All notices shall be in writing and delivered to the addresses below." + LONG * 2 + "\n\n"
            "If to Acme:\n\nAcme Inc.\n\n100 Main Street\n\nSan Mateo, CA 94402\n\nAttention: General Counsel\n\n"
            "Governing Law\n\nThis Agreement shall be governed by the laws of the State of New York." + LONG * 2 + "\n")
    d = doc(text)
    st = parse_agreement(d)
    assert_tree_is_honest(d, st)
    heads = {c.heading for c in st.clauses}
    assert "Overview" in heads and "Governing Law" in heads
    assert "New York" in next(c for c in st.clauses if c.heading == "Governing Law").text
