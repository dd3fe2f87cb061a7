"""Coverage against playbooks, the flags, and the agreement report renderers."""

from __future__ import annotations

import re

import pytest

from coaltext.classify import type_ids
from coaltext.coverage import assess, choose_playbook, playbook_names, term_flags
from coaltext.terms import key_terms
from coaltext.errors import UnknownPlaybook
from coaltext.report.agreement import to_html, to_markdown
from coaltext.types import (AgreementReport, AgreementStructure, Clause, Document, TypeScore,
                            Explanation, Party, source_of)


def _doc(text: str) -> Document:
    return Document(name="x.txt", sha256="0" * 64, media_type="text/plain", text=text)


def _structure(spec, title=None, kinds=None):
    """spec: list of (id, text, {type: score}, parent)."""
    clauses, pos = [], 0
    for cid, text, types, parent in spec:
        clauses.append(Clause(id=cid, level=2 if parent else 1, parent=parent, start=pos, end=pos + len(text),
                              text=text, number=cid, heading=None, kind=(kinds or {}).get(cid, "section"),
                              types=[TypeScore(type=t, score=s, explanation=[Explanation(method="model", rule="m")])
                                     for t, s in types.items()]))
        pos += len(text) + 1
    text = "\n".join(c.text for c in clauses)
    return AgreementStructure(clauses=clauses, title=title), _doc(text)


def test_coverage_has_one_item_for_every_type():
    st, doc = _structure([("c1", "Governing law clause.", {"governing_law": 0.9}, None)])
    cov, _ = assess(st, doc, playbook="generic")
    assert [i.type for i in cov.items] == list(type_ids())
    gl = next(i for i in cov.items if i.type == "governing_law")
    assert gl.status == "present" and gl.evidence == ["c1"] and gl.required


def test_coverage_evidence_cites_the_stating_clause_before_definitions_and_stubs():
    st, doc = _structure([
        ("c1", '"Exclusivity Period" means the first two years after the Effective Date.', {"exclusivity": 0.95}, None),
        ("c2", "8. Exclusivity", {"exclusivity": 0.9}, None),
        ("c3", "During the Exclusivity Period, Supplier shall not sell the Products to any other distributor "
               "in the Territory.", {"exclusivity": 0.6}, None),
    ])
    cov, _ = assess(st, doc, playbook="generic")
    ex = next(i for i in cov.items if i.type == "exclusivity")
    assert ex.status == "present" and ex.score == 0.95  # presence still rests on the best score
    assert ex.evidence[0] == "c3" and set(ex.evidence) == {"c1", "c2", "c3"}


def test_coverage_evidence_cites_the_answer_a_reviewer_looks_for_first():
    st, doc = _structure([
        ("r1", "WHEREAS, Distributor desires the exclusive right to sell the Products and the parties wish to "
               "collaborate on their marketing.", {"exclusivity": 0.95, "purpose": 0.7}, None),
        ("c1", "Each party retains all right, title and interest in its own intellectual property.",
         {"ip_ownership": 0.99}, None),
        ("c2", "All inventions made jointly under this Agreement shall be jointly owned by the parties.",
         {"ip_ownership": 0.6}, None),
        ("c3", "Royalties are payable within thirty days after the end of each quarter.", {"revenue_sharing": 0.95}, None),
        ("c4", "Licensee shall pay Licensor ten percent (10%) of Net Sales of the Products.", {"revenue_sharing": 0.5}, None),
        ("c5", "Supplier grants Distributor the exclusive right to sell the Products in the Territory.",
         {"exclusivity": 0.7}, None),
        ("c6", "The parties shall meet each quarter to review the marketing plan.", {"purpose": 0.9}, None),
        ("c7", "All fees are due and payable within thirty days of the invoice date.", {"price_restriction": 0.9}, None),
        ("c8", "Supplier may not increase the Prices more than once in any Contract Year.", {"price_restriction": 0.5}, None),
        ("c9", "C. Distributor desires to obtain the exclusive right to distribute the Products in the Territory.",
         {"exclusivity": 0.99}, None),
    ], kinds={"r1": "recital"})
    cov, _ = assess(st, doc, playbook="generic")
    first = {i.type: i.evidence[0] for i in cov.items if i.evidence}
    assert first["ip_ownership"] == "c2"  # who owns what the parties make, before "each keeps its own"
    assert first["revenue_sharing"] == "c4"  # the split itself, before when it is paid
    assert first["exclusivity"] == "c5"  # the operative grant, before the recitals that announce it (c9 is lettered)
    assert first["purpose"] == "r1"  # ... but a purpose is what recitals state
    assert first["price_restriction"] == "c8"  # the limit on prices, before the payment terms
    ip = next(i for i in cov.items if i.type == "ip_ownership")
    assert ip.score == 0.99 and set(ip.evidence) == {"c1", "c2"}  # presence and score are unchanged


def test_coverage_unknown_playbook_is_a_clear_error():
    st, doc = _structure([])
    with pytest.raises(UnknownPlaybook) as exc:
        assess(st, doc, playbook="merger")
    assert "merger" in str(exc.value) and "joint_venture" in str(exc.value)
    assert {"joint_venture", "strategic_alliance", "research_collaboration", "co_branding", "license",
            "nda", "generic"} <= set(playbook_names())


def test_coverage_auto_picks_from_title_and_says_why():
    st, doc = _structure([("c1", "WHEREAS the parties wish to form a joint venture.", {}, None)],
                         title="JOINT VENTURE AGREEMENT")
    book, reason = choose_playbook(st, doc)
    assert book.name == "joint_venture"
    assert "title" in reason and "joint venture" in reason.lower()
    cov, _ = assess(st, doc)
    assert cov.playbook == "joint_venture" and cov.playbook_reason.startswith("auto")
    st2, doc2 = _structure([("c1", "Payment terms.", {}, None)], title="PURCHASE ORDER")
    assert choose_playbook(st2, doc2)[0].name == "generic"


def _pick(title, *recitals):
    st, doc = _structure([(f"r{i}", text, {}, None) for i, text in enumerate(recitals)], title=title,
                         kinds={f"r{i}": "recital" for i in range(len(recitals))})
    return choose_playbook(st, doc)


def test_playbook_auto_lets_a_title_that_names_the_kind_decide():
    # a distributor agreement whose recitals mention a joint venture and a strategic alliance is still
    # a distributor agreement: no playbook of its own, so generic, and the reason says why
    book, reason = _pick("DISTRIBUTOR AGREEMENT", "WHEREAS, Acme is party to a joint venture with Beta and a "
                         "strategic alliance with Gamma;")
    assert book.name == "generic" and "DISTRIBUTOR" in reason
    assert _pick("FRANCHISE AGREEMENT", "WHEREAS, Franchisor has developed a system;")[0].name == "license"
    # a playbook named in the title wins over a kind without one, even where the words are apart
    assert _pick("CO-BRANDING AND DISTRIBUTION AGREEMENT")[0].name == "co_branding"
    assert _pick("LICENSE AND SUPPLY AGREEMENT")[0].name == "license"
    # of two kinds named, the playbook that requires more: a JV asks for all an alliance does and more
    book, reason = _pick("JOINT VENTURE AND STRATEGIC ALLIANCE AGREEMENT")
    assert book.name == "joint_venture" and "requires more" in reason
    assert _pick("LICENSE AND DEVELOPMENT AGREEMENT")[0].name == "research_collaboration"
    # the reason quotes the title's word, not the pattern's stem ("COLLABORAT")
    book, reason = _pick("COLLABORATION AGREEMENT")
    assert book.name == "research_collaboration" and "“COLLABORATION”" in reason
    # a memorandum of understanding names no kind: its recitals decide
    assert _pick("MEMORANDUM OF UNDERSTANDING", "WHEREAS, the parties intend to establish a joint venture "
                 "company to build the plant;")[0].name == "joint_venture"


def test_playbook_auto_reads_recitals_for_this_agreement_not_others():
    # without a title, the recitals decide; another agreement they mention does not
    assert _pick(None, "WHEREAS, the parties entered into a License Agreement dated 1 May 2019; and",
                 "WHEREAS, Vendor will maintain the software;")[0].name == "generic"
    book, reason = _pick(None, "This Joint Venture Agreement is made between Acme Ltd and Beta GmbH.")
    assert book.name == "joint_venture" and "recitals" in reason
    # a party's legal form is not an alliance
    assert _pick(None, "Acme Energy LP, a Delaware limited partnership, and Beta Inc.")[0].name == "generic"
    assert _pick(None, "This Agreement and the License Agreement dated 1 May 2019 together set out the "
                 "terms of supply;")[0].name == "generic"
    assert _pick(None, "This Sublicense Agreement is made between Acme Ltd and Beta GmbH.")[0].name == "license"
    assert _pick(None, "WHEREAS, the parties wish to collaborate on research under this Agreement;")[0].name == \
        "research_collaboration"
    # a hit that names this agreement outweighs a word in passing (cheetah: a search-traffic revenue share)
    book, reason = _pick("Contract No.: 151315UD0081", "This Cooperation Agreement is executed by and between the parties.",
                         "3. The parties wish to collaborate with each other leveraging their respective strengths.")
    assert book.name == "strategic_alliance" and "Cooperation Agreement" in reason
    # an amendment takes the playbook of the agreement it amends
    assert _pick("AMENDMENT NO. 1", "WHEREAS, the parties entered into the Content License Agreement dated "
                 "1 May 2019, which they wish to amend;")[0].name == "license"
    # ... the one it amends, not another it mentions
    assert _pick("AMENDMENT NO. 2", "WHEREAS, Acme holds rights under a License Agreement with a third party, "
                 "and the parties wish to amend the Supply Agreement dated 1 May 2019;")[0].name == "generic"


def test_coverage_weak_and_missing_statuses():
    st, doc = _structure([("c1", "Some text.", {"insurance": 0.25}, None)])
    items = {i.type: i for i in assess(st, doc, "generic")[0].items}
    assert items["insurance"].status == "weak" and items["insurance"].evidence == ["c1"]
    assert items["notices"].status == "missing" and items["notices"].evidence == []


def test_coverage_evidence_points_at_most_specific_clause():
    st, doc = _structure([
        ("c1", "ARTICLE 9 CONFIDENTIALITY", {"confidentiality": 0.8}, None),
        ("c2", "Each party shall keep the other's information confidential.", {"confidentiality": 0.95}, "c1"),
    ])
    item = next(i for i in assess(st, doc, "generic")[0].items if i.type == "confidentiality")
    assert item.evidence == ["c2"]


def test_coverage_evidence_cites_the_sentence_a_list_item_finishes():
    st, doc = _structure([
        ("9.1", "9.1 All notices under this Agreement shall be in writing and are deemed given:", {"notices": 0.97}, None),
        ("(a)", "(a) when delivered personally; or", {"notices": 0.99}, "9.1"),
        ("(b)", "(b) five days after posting by registered mail.", {"notices": 0.98}, "9.1"),
        ("10.1", "10.1 The Recipient need not keep confidential information that:", {"confidentiality": 0.2}, None),
        ("(i)", "(i) is or becomes public through no fault of the Recipient.", {"confidentiality": 0.9}, "10.1"),
        ("11.1", "11.1 The Licensee may sublicense the Software, except that:", {"ip_license": 0.35}, None),
        ("(ii)", "(ii) any sublicence shall be in writing and bind the sublicensee to these terms.", {"ip_license": 0.95}, "11.1"),
        ("13.1", "13.1 Any notice under this Agreement shall be in writing, addressed as follows:", {"warranty": 0.9}, None),
        ("(x)", "(x) If to Acme: Acme Corp., 1 Main Street, Springfield, Attention: General Counsel.", {"warranty": 0.95}, "13.1"),
        ("12.1", "12.1 Marketing. Each party shall market the Products in its own channels.", {"exclusivity": 0.9}, None),
        ("(c)", "(c) eBay shall be the exclusive marketplace for the Products in the Territory.", {"exclusivity": 0.95}, "12.1"),
    ])
    items = {i.type: i for i in assess(st, doc, "generic")[0].items}
    # "(a) when delivered personally" is the end of 9.1's sentence: 9.1 is cited first, the items after
    assert items["notices"].evidence[0] == "9.1" and set(items["notices"].evidence) == {"9.1", "(a)", "(b)"}
    assert items["notices"].score == 0.99
    # a parent that does not state the type is still not cited; the item is all there is
    assert items["confidentiality"].evidence == ["(i)"] and items["confidentiality"].status == "present"
    # a lead-in that barely scores is cited after the item that says it clearly
    assert items["ip_license"].evidence == ["(ii)", "11.1"]
    # an address item ("If to Acme: …") finishes the lead-in that says how notices are given (the type
    # does not matter to the order; warranty keeps it apart from the notices above)
    assert items["warranty"].evidence == ["13.1", "(x)"]
    # a lower-case brand under a closed sentence is an item of its own: it still stands for its parent
    assert items["exclusivity"].evidence == ["(c)"]


def test_coverage_missing_required_flags_are_raised_with_mission_types_high():
    st, doc = _structure([("c1", "Term clause.", {"term_renewal": 0.9}, None)])
    _, flags = assess(st, doc, "joint_venture")
    missing = {f.message.split(" is required")[0]: f for f in flags if f.code == "missing_required"}
    assert missing["IP ownership"].severity == "high"
    assert missing["Termination"].severity == "warning"
    assert "Term and renewal" not in missing  # present, so not flagged
    assert "Notices" not in missing  # only recommended by this playbook


def test_coverage_competition_restraint_severity_rises_with_competitors_and_no_antitrust():
    spec = [("c1", "Neither party shall compete in the Territory.", {"non_compete": 0.9}, None)]
    _, flags = assess(*_structure(spec), "generic")
    f = next(f for f in flags if f.code == "competition_restraint.non_compete")
    assert f.severity == "warning" and f.clauses == ["c1"]
    spec_comp = spec + [("c2", "The parties are actual or potential competitors in the market.", {}, None)]
    f = next(f for f in assess(*_structure(spec_comp), "generic")[1] if f.code.startswith("competition_restraint"))
    assert f.severity == "high" and "competitors" in f.message
    spec_ok = spec + [("c3", "Each party shall comply with antitrust laws.", {"antitrust_compliance": 0.9}, None)]
    f = next(f for f in assess(*_structure(spec_ok), "generic")[1] if f.code.startswith("competition_restraint"))
    assert f.severity == "info"


def _restraint(t, *texts, extra=()):
    spec = [(f"c{i}", text, {t: 0.9}, None) for i, text in enumerate(texts)] + list(extra)
    return next(f for f in assess(*_structure(spec), "generic")[1] if f.code == f"competition_restraint.{t}")


def test_coverage_restraint_severity_reflects_how_far_the_restraint_reaches():
    # a narrow exclusivity during the term is the common case: info, and the message says why
    f = _restraint("exclusivity", "During the Term, Supplier shall sell the Products in the Territory only through Distributor.")
    assert f.severity == "info" and "during the term only" in f.message and "no antitrust-compliance clause" in f.message
    # a JV partner's non-compete that runs five years after termination (impco 14.2)
    f = _restraint("non_compete", "During the term and thereafter for a period of five (5) years after the termination of "
                   "the Agreement, MIL shall not enter into another joint venture for goods similar to the Products.")
    assert f.severity == "high" and "five (5) years after the termination" in f.message
    # a refusal to deal with a company the contract names (cheetah 4.2.5), even as a lone exclusivity
    f = _restraint("exclusivity", "Party A agrees not to enter into any form of cooperation with Qihoo 360.")
    assert f.severity == "high" and "Qihoo 360" in f.message
    # ... but not with a party or a defined term
    f = _restraint("exclusivity", 'Acme Ltd ("Acme") shall not enter into any cooperation with Acme.',
                   "Beta shall not sell to Distributor during the Term.")
    assert f.severity == "info"
    # a resale price is hard-core; a disclaimer of one is not
    f = _restraint("price_restriction", "We may establish maximum and/or minimum prices for products the Franchise offers.")
    assert f.severity == "high"
    f = _restraint("price_restriction", "Nothing herein shall impose upon you any obligation to charge any fixed, minimum or "
                   "maximum prices for any product.")
    assert f.severity == "info"


def test_coverage_restraint_flag_cites_the_restraint_that_reaches_furthest_first():
    f = _restraint("exclusivity",
                   "5. Breach of exclusivity clause.",
                   "Party B shall be the exclusive provider of search services on the Browser during the Term.",
                   "Party A agrees not to enter into any form of cooperation with Qihoo 360.")
    assert f.clauses[0] == "c2" and set(f.clauses) == {"c0", "c1", "c2"}


def _term_flags(spec) -> set[str]:
    st, doc = _structure(spec)
    cov, _ = assess(st, doc, "generic")
    return {f.code for f in term_flags(cov, key_terms(doc.text, st.clauses, cov, None))}


def test_coverage_arbitration_without_seat_or_rules_exactly_where_no_key_term_names_them():
    bare = [("c1", "All disputes shall be settled by arbitration.", {"arbitration": 0.9}, None)]
    assert _term_flags(bare) == {"arbitration_without_seat", "arbitration_without_rules"}
    full = [("c1", "All disputes shall be settled by arbitration under the ICC Rules; the seat of arbitration shall be Geneva.",
             {"arbitration": 0.9}, None)]
    assert _term_flags(full) == set()
    # a court named in a sibling jurisdiction clause is not the seat
    misc = [("c0", "12. Miscellaneous", {}, None),
            ("c1", "12.3 Arbitration. Any dispute shall be settled by binding arbitration administered by the American "
                   "Arbitration Association under its Commercial Arbitration Rules before a single arbitrator.", {"arbitration": 0.9}, "c0"),
            ("c2", "12.4 Jurisdiction. Any action or proceeding to enforce an award shall be heard and determined exclusively "
                   "in the Court of Chancery of the State of Delaware.", {"jurisdiction": 0.9}, "c0")]
    assert _term_flags(misc) == {"arbitration_without_seat"}


def test_coverage_ip_silent_on_joint_ip_and_revenue_without_audit():
    spec = [("c1", "Each party retains its own intellectual property.", {"ip_ownership": 0.9}, None),
            ("c2", "Net profits are shared equally.", {"revenue_sharing": 0.9}, None)]
    # a plain licence makes no IP together: silence on joint IP is no finding there, whatever the playbook
    codes = {f.code for f in assess(*_structure(spec), "generic")[1]}
    assert "revenue_without_audit" in codes and "ip_joint_ownership_silent" not in codes
    assert "ip_joint_ownership_silent" not in {f.code for f in assess(*_structure(spec), "strategic_alliance")[1]}
    # IP made under the agreement and work done together: the flag, worded as a finding, not a certainty
    spec += [("c5", "The parties shall collaborate on the development of the Platform.", {}, None),
             ("c6", "Inventions made by either party under this Agreement shall be disclosed promptly.", {}, None)]
    flag = next(f for f in assess(*_structure(spec), "generic")[1] if f.code == "ip_joint_ownership_silent")
    assert "no clause found" in flag.message and "nothing says" not in flag.message
    spec += [("c3", "Jointly developed IP shall be jointly owned.", {"ip_ownership": 0.9}, None),
             ("c4", "Each party may audit the books and records of the other.", {"reporting_audit": 0.9}, None)]
    codes = {f.code for f in assess(*_structure(spec), "generic")[1]}
    assert not codes & {"ip_joint_ownership_silent", "revenue_without_audit"}


def test_coverage_ip_silent_needs_joint_work_and_ip_made_under_the_agreement():
    own = ("c1", "Licensee owns all Developments made by Licensee under this Agreement.", {"ip_ownership": 0.9}, None)
    recital = ("r1", "WHEREAS, the parties wish to collaborate on the development of search products.", {}, None)
    # a recital's wish to collaborate (cheetah) or a research playbook (warner: one party develops) is not joint work
    st, doc = _structure([recital, own], kinds={"r1": "recital"})
    assert not {f.code for f in assess(st, doc, "research_collaboration")[1]} & {"ip_joint_ownership_silent",
                                                                               "ip_joint_exploitation_silent"}
    # in a joint venture, IP made under the agreement is enough
    st, doc = _structure([own])
    assert "ip_joint_ownership_silent" in {f.code for f in assess(st, doc, "joint_venture")[1]}


def test_coverage_ip_owned_by_inventorship_asks_for_joint_exploitation_terms_instead():
    """biocept 8.3: inventorship follows US patent law and "Developments will be owned consistent with
    such determination of inventorship": joint inventions are jointly owned, so ownership is not silent."""
    spec = [("c1", "The parties shall jointly develop the Assay. Inventorship of all inventions will be determined in "
                   "accordance with United States patent laws.", {}, None),
            ("c2", "Developments made by either party under this Agreement will be owned consistent with such "
                   "determination of inventorship.", {"ip_ownership": 0.9}, None)]
    flags = {f.code: f for f in assess(*_structure(spec), "research_collaboration")[1]}
    assert "ip_joint_ownership_silent" not in flags
    f = flags["ip_joint_exploitation_silent"]
    assert f.severity == "info" and "inventorship" in f.message and "exploited" in f.message


def test_ip_silent_flag_is_not_raised_where_the_definition_covers_joint_inventions():
    """ "Invention" means anything made solely by either party "or jointly by" both, and the
    ownership clauses allocate all Inventions: joint IP is addressed, not silent."""
    spec = [("c1", '1.4 "Invention" means any invention or discovery made or generated solely by the Representatives of '
                   "Anixa or OntoChem or jointly by the Representatives of Anixa and OntoChem in performing the Research Plan.",
             {}, None),
            ("c2", "6.3 Anixa will own all Inventions other than OntoChem Inventions.", {"ip_ownership": 0.9}, None),
            ("c3", "Each Party shall perform the research under the Research Plan; improvements made by either party "
                   "under this Agreement shall be disclosed.", {}, None)]
    assert "ip_joint_ownership_silent" not in {f.code for f in assess(*_structure(spec), "research_collaboration")[1]}
    for other in ("1.4 Decisions on the Research Plan are taken jointly by the Representatives of both parties.",
                  "1.4 The Research Plan shall be developed by the Parties jointly within 30 days."):
        spec[0] = ("c1", other, {}, None)
        assert "ip_joint_ownership_silent" in {f.code for f in assess(*_structure(spec), "research_collaboration")[1]}


def _report(spec, title="Alliance <b>Agreement</b>"):
    st, doc = _structure(spec, title=title)
    cov, flags = assess(st, doc, "strategic_alliance")
    return AgreementReport(source=source_of(doc), title=title, clauses=st.clauses, coverage=cov, flags=flags)


def test_coverage_report_markdown_puts_missing_first_and_quotes_evidence():
    rep = _report([("c1", "Licensor grants a licence to use the *Marks* <script>.", {"ip_license": 0.9}, None)])
    md = to_markdown(rep)
    assert md.index("## Flags") < md.index("## Required but missing") < md.index("## Coverage by clause type")
    assert "**IP ownership**" in md.split("## Required but missing")[1].split("##")[0]
    assert "\\*Marks\\*" in md and "\\<script\\>" in md  # document text escaped
    assert "§ c1" in md and "score 0.90" in md


def test_coverage_report_html_is_self_contained_and_escaped():
    rep = _report([("c1", "Licensor grants a licence <script>alert(1)</script>.", {"ip_license": 0.9}, None)])
    page = to_html(rep)
    assert page.startswith("<!doctype html>") and "<style>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Alliance &lt;b&gt;Agreement&lt;/b&gt;" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert page.index("Required but missing") < page.index("Coverage by clause type")


def test_coverage_report_cites_sub_clauses_through_their_section():
    """A reviewer must find the evidence: "(ii)" alone occurs many times in a contract, so the
    report cites "§ 2.1(b)(ii)" and names the section it sits in."""
    from coaltext.structure.clauses import parse_agreement

    text = ("ARTICLE II\nLICENCE\n\n2.1 Grant. Acme grants Beta a licence to:\n\n(a) sell Products;\n\n"
            "(b) market Products, including:\n\n(i) online; and\n\n(ii) Beta shall pay Acme 5% of Net Sales.\n")
    doc = _doc(text)
    st = parse_agreement(doc)
    scored = TypeScore(type="revenue_sharing", score=0.9, explanation=[Explanation(method="model", rule="m")])
    st.clauses = [c.model_copy(update={"types": [scored]}) if c.number == "(ii)" else c for c in st.clauses]
    cov, flags = assess(st, doc, "strategic_alliance")
    rep = AgreementReport(source=source_of(doc), clauses=st.clauses, coverage=cov, flags=flags)
    assert "§ 2.1(b)(ii) · in “Grant”" in to_markdown(rep)
    assert "§ 2.1(b)(ii) · in “Grant”" in to_html(rep)


def test_coverage_report_cites_a_sub_heading_once():
    # a capitalised sub-heading inside a numbered section is cited "§ 2, Oncology": the label does not
    # repeat it ("§ 7, Oncology · Oncology", KIROMIC)
    from coaltext.structure.clauses import parse_agreement

    long = " Each Party shall bear its own costs of the research programme and shall keep records of them."
    text = ("1. STAFF ACCESS\n\nBeta allows Acme's staff to access its laboratories." + long * 3 + "\n\n"
            "2. ECONOMIC RIGHTS\n\nThe commercial rights arising from the research are divided as follows:\n\n"
            "Oncology\n\nAcme will pay Beta 5% of the turnover of oncology products." + long * 2 + "\n\n"
            "3. DURATION\n\nThis Agreement runs for five years." + long * 3 + "\n")
    doc = _doc(text)
    st = parse_agreement(doc)
    sub = next(c for c in st.clauses if c.heading == "Oncology")
    assert sub.citation == "2, Oncology"
    scored = TypeScore(type="revenue_sharing", score=0.9, explanation=[Explanation(method="model", rule="m")])
    st.clauses = [c.model_copy(update={"types": [scored]}) if c.id == sub.id else c for c in st.clauses]
    cov, flags = assess(st, doc, "strategic_alliance")
    md = to_markdown(AgreementReport(source=source_of(doc), clauses=st.clauses, coverage=cov, flags=flags))
    assert "§ 2, Oncology" in md and "Oncology · Oncology" not in md


def test_coverage_report_cites_passages_and_headed_sections_without_internal_ids():
    """A page-long paragraph is cut into passages; a passage is cited as the clause it is part
    of, and a clause under an unnumbered heading by that heading, never by an id such as "c7"
    that appears nowhere in the contract."""
    from coaltext.structure.clauses import parse_agreement

    long = " ".join(["Each party shall keep accurate books of the Net Revenue."] * 60)
    text = (f"1. Definitions. Terms have their meanings.\n\nStatements; Payments\n\n"
            f"The Company shall pay Beta 50% of the Net Revenue.\n\n5.3.1 {long}\n")
    doc = _doc(text)
    st = parse_agreement(doc)
    assert any(c.kind == "passage" for c in st.clauses)
    def scored(t):
        return [TypeScore(type=t, score=0.9, explanation=[Explanation(method="model", rule="m")])]

    types = {"section": scored("revenue_sharing"), "passage": scored("reporting_audit")}
    st.clauses = [c.model_copy(update={"types": types.get(c.kind, [])}) for c in st.clauses]
    cov, flags = assess(st, doc, "strategic_alliance")
    rep = AgreementReport(source=source_of(doc), clauses=st.clauses, coverage=cov, flags=flags)
    md = to_markdown(rep)
    assert all(c.citation == "5.3.1" for c in st.clauses if c.kind == "passage")
    assert not re.search(r"clause c\d", md) and "§ 5.3.1" in md and "Statements; Payments" in md


@pytest.mark.parametrize("text,first", [
    ("Supplier hereby appoints Distributor as its exclusive distributor in the Territory.", True),
    ("Supplier shall not sell the Products to any other distributor in the Territory.", True),
    ("Licensor grants Licensee a non-exclusive licence to use the Marks.", False),
    ("All Work Product shall be the sole and exclusive property of the Company.", False),
    ("Repair or replacement is the sole and exclusive remedy of the Buyer.", False),
    ("Licensee shall not permit any third party to reverse engineer the Software.", False),
])
def test_coverage_exclusivity_focus_is_the_grant_or_the_dealing_restriction(text, first):
    from coaltext.coverage import _focus

    assert any(rx.search(text) for rx in _focus("exclusivity")) is first


def _audit_flag(*audit_clauses):
    spec = [("c1", "Licensee shall pay the University a royalty of 2% of Net Sales of each Product.", {"revenue_sharing": 0.9}, None)]
    spec += [(f"a{i}", text, {"reporting_audit": 0.9}, None) for i, text in enumerate(audit_clauses)]
    return next((f for f in assess(*_structure(spec), "license")[1] if f.code == "revenue_without_audit"), None)


@pytest.mark.parametrize("text", [
    "Licensor may, once a year, audit the books and records of Licensee relating to the royalties due hereunder.",
    "Such books and records shall be open for inspection by an independent certified public accountant.",
    "The other Party shall permit an independent certified public accounting firm to have access to such of the "
    "records as may be reasonably necessary to verify the accuracy of the reports under Section 8.",
    "On reasonable notice, each party shall have the right to examine said books of account and records.",
])
def test_coverage_revenue_audit_right_over_the_payment_books_silences_the_flag(text):
    assert _audit_flag(text) is None


@pytest.mark.parametrize("text,quoted", [
    # the right runs the other way, over other records (a university licence: the payer may see the data)
    ("University will provide Licensee and CRO the opportunity to examine the originals of medical records and "
     "supporting records for the Program Data at the University during normal business hours.", "medical records"),
    # an anti-bribery covenant's look at the books is not an audit of the payments
    ("7.2.3 WPD shall permit CNS to review the books and records of WPD and to discuss the affairs and finances of "
     "WPD in relation to their compliance with this section.", "review the books"),
    ("Establishment shall permit Apollo to inspect the Facilities where the Product is manufactured.", "inspect the Facilities"),
])
def test_coverage_revenue_without_audit_is_not_silenced_by_other_inspections(text, quoted):
    f = _audit_flag(text)
    assert f is not None and quoted in f.message and "something else" in f.message


def test_coverage_revenue_without_audit_is_not_silenced_by_a_heading_or_an_audited_statement():
    assert _audit_flag("(g) Billing, Reporting, Auditing.") is not None
    assert _audit_flag("The Company has delivered its audited financial statements for the last fiscal year, "
                       "which fairly present its accounts.") is not None


def test_coverage_revenue_evidence_cites_the_split_before_a_deal_still_to_be_made():
    spec = [("c1", "7.2 Option. Biocept grants Life an option to negotiate a development agreement, which is expected "
                   "to include milestones, royalties and/or revenue sharing.", {"revenue_sharing": 0.9}, None),
            ("c2", "Amounts received for each Test shall be shared by the parties in the ratio of the Technical "
                   "Component to the Professional Component.", {"revenue_sharing": 0.6}, None)]
    item = next(i for i in assess(*_structure(spec), "generic")[0].items if i.type == "revenue_sharing")
    assert item.evidence == ["c2", "c1"] and item.score == 0.9


_ARBITRATION = ("19.2 Any dispute arising out of this Agreement shall be finally settled under the Rules of Arbitration of "
                "the International Chamber of Commerce; the arbitration shall be conducted at London.")


@pytest.mark.parametrize("courts,raised", [
    # impco: ICC arbitration in London, and the Delhi courts have exclusive jurisdiction
    ("24.2 This Agreement shall be governed by the laws of India and the Delhi Courts shall have exclusive "
     "jurisdiction over any legal proceedings in respect of this Agreement.", True),
    ("The parties submit to the exclusive jurisdiction of the courts of the State of New York.", True),
    # courts that support the arbitration, or a qualified / non-exclusive submission: no conflict
    ("The courts of London shall have exclusive jurisdiction to grant injunctive relief pending the arbitration.", False),
    ("The courts of New York shall have exclusive jurisdiction over any action to enforce an award.", False),
    ("Subject to Section 19, the parties submit to the exclusive jurisdiction of the courts of Delaware.", False),
    ("Each party submits to the non-exclusive jurisdiction of the courts of England.", False),
    ("The Steering Committee shall not be an exclusive forum for discussing the matters in Clause 3.6.", False),
])
def test_coverage_arbitration_against_exclusive_courts_is_flagged_but_not_court_support(courts, raised):
    spec = [("c1", _ARBITRATION, {"arbitration": 0.9}, None), ("c2", courts, {"jurisdiction": 0.9}, None)]
    flags = [f for f in assess(*_structure(spec), "generic")[1] if f.code == "dispute_forum_inconsistent"]
    assert bool(flags) is raised
    if raised:
        assert flags[0].clauses == ["c2", "c1"] and "exclusive jurisdiction" in flags[0].message


def test_coverage_arbitration_that_leaves_some_disputes_to_courts_is_no_conflict():
    spec = [("c1", _ARBITRATION + " provided, however, that no dispute arising from a breach of Section 9 shall be "
                                  "arbitrated.", {"arbitration": 0.9}, None),
            ("c2", "The parties consent to the exclusive jurisdiction of the courts in Chicago.", {"jurisdiction": 0.9}, None)]
    assert "dispute_forum_inconsistent" not in {f.code for f in assess(*_structure(spec), "generic")[1]}


def _missing(spec, playbook):
    return {f.message.split(" is required")[0]: f for f in assess(*_structure(spec), playbook)[1] if f.code == "missing_required"}


def test_coverage_missing_required_says_what_stands_in_its_place():
    # no negotiation step, but a court forum (warner XIII, cns 9.8): say so, cite it, a warning
    courts = [("c1", "Any action under this Agreement shall be litigated in the courts located in Houston, Texas.",
               {"jurisdiction": 0.9}, None)]
    f = _missing(courts, "research_collaboration")["Dispute resolution"]
    assert f.severity == "warning" and f.clauses == ["c1"]
    assert "straight to the courts" in f.message and "Houston, Texas" in f.message and "no clause covers it" not in f.message
    assert _missing([("c1", "Term clause.", {"term_renewal": 0.9}, None)], "research_collaboration")["Dispute resolution"].severity == "high"
    # a fixed-fee sponsorship (embark 3.1): no revenue split, but fees were found
    fees = [("c1", 'Upon execution, Sponsor will pay Snap the amounts set forth on Exhibit A as the "Up-Front Fee".', {}, None)]
    f = _missing(fees, "co_branding")["Revenue sharing"]
    assert f.severity == "warning" and "fixed fees" in f.message and "Up-Front Fee" in f.message
    # a shareholder JV with no dividend clause: still high, and the message says what was looked for
    f = _missing([("c1", "Term clause.", {"term_renewal": 0.9}, None)], "joint_venture")["Revenue sharing"]
    assert f.severity == "high" and "dividend" in f.message


def test_coverage_report_links_flag_citations_to_quotes_and_folds_classifier_detail():
    st, doc = _structure([("c1", "Licensee shall pay Licensor 5% of Net Sales.", {"revenue_sharing": 0.9}, None),
                          ("c2", "Licensor shall not enter into any cooperation with Qihoo 360.", {"exclusivity": 0.9}, None)])
    st.clauses[0].types[0].explanation[0] = Explanation(method="model", rule="clause-head/tfidf p=0.51",
                                                         matched="life technologies, life, technologies shall")
    cov, flags = assess(st, doc, "strategic_alliance")
    rep = AgreementReport(source=source_of(doc), title="T", clauses=st.clauses, coverage=cov, flags=flags)
    page, md = to_html(rep), to_markdown(rep)
    # every flag citation links to a quote of its clause
    for out, link in ((page, r'href="#(clause-[\w-]+)"'), (md, r"\]\(#(clause-[\w-]+)\)")):
        targets = set(re.findall(link, out))
        assert {"clause-c1", "clause-c2"} <= targets
        assert all(f'id="{t}"' in out for t in targets)
    # the model's top words stay out of the Markdown and are folded away in the HTML
    assert "life technologies" not in md and "model (clause-head/tfidf p=0.51)" in md
    assert re.search(r"<details class=\"why\"><summary>[^<]*</summary>[^<]*life technologies", page)
    # the four families counsel reads first, summarised before the flags
    glance = page.split("At a glance")[1].split("<h2>Flags")[0]
    assert all(name in glance for name in ("IP", "Money", "Disputes", "Antitrust")) and 'href="#flag-' in glance
    assert md.index("## At a glance") < md.index("## Flags")
    assert "| **Money** | Revenue sharing: present; Reporting and audit: missing | 1 warning |" in md


# --------------------------------------------------------------------------- how far a restraint reaches:
# exclusive purchasing, redacted or plain post-term periods, places and classes that name no company


@pytest.mark.parametrize("text", [
    "Sekisui shall purchase the Products exclusively from Qualigen.",
    "CUTANEA agrees that it will purchase exclusively from Supplier, all of its requirements of the Products.",
    "During the term of this Agreement, ENVISION will exclusively purchase the Product from SIERRA.",
    "Distributor shall purchase all its requirements of the Products from Acme.",
    "King shall not promote, market or distribute any product containing metformin in the Territory during the Term, "
    "other than the Product.",
])
def test_coverage_exclusive_purchasing_or_single_branding_is_a_step_beyond_the_term(text):
    f = _restraint("exclusivity", text)
    assert f.severity == "warning" and "exclusive purchasing or single branding" in f.message


@pytest.mark.parametrize("text", [
    "Qualigen shall supply Sekisui with all of Sekisui's commercial requirements for the Product.",  # a duty to supply
    "Franchisee shall purchase the equipment only from our approved suppliers.",
    "Recipient shall not sell or disclose the Confidential Information for any purpose other than the Project.",
])
def test_coverage_supply_duties_and_approved_suppliers_are_no_tie(text):
    assert _restraint("exclusivity", text).severity == "info"


@pytest.mark.parametrize("text, period", [
    ("During the contract and for up to 2 (two) years following termination of this contract, Provider shall not "
     "circumvent the relationships among vendors.", "2 (two) years following termination"),
    ("During the Term and for twelve (12) months following the Term, Distributor shall not sell to the Customers.",
     "twelve (12) months following the Term"),
    ("Until one year after the Term, Distributor shall not sell to the Customers.", "one year after the Term"),
    ("Distributor shall not sell to the Customers, even after this Agreement terminates.", "after this Agreement terminates"),
    ("During the Term and for a period of [***] ([***]) months following the Term of this Agreement, BLI shall not "
     "sell to the Customers.", "[***] ([***]) months following the Term"),
    ("During the Term and for a period of [ * ] following the expiration or termination of this Agreement, "
     "Distributor shall not sell to the Customers.", "period of [ * ] following the expiration"),
])
def test_coverage_post_term_periods_in_words_redacted_or_after_the_term(text, period):
    f = _restraint("exclusivity", text)
    assert f.severity == "warning" and f"runs after the agreement ends (“{period}”)" in f.message


@pytest.mark.parametrize("text", [
    "Distributor shall not sell the Products to Canada.",
    "Distributor shall not sell the Products to Europe.",
    "Distributor shall not purchase the components from China.",
    "Distributor shall not sell the Products to Purchasers.",
    "Distributor shall not sell the Products to Governmental Authorities.",
    "Distributor shall not sell the Products to Internet Retailers.",
    "Distributor shall not work with Mr. Smith.",
    "Company is not required to purchase from Acme.",  # no obligation at all
])
def test_coverage_places_classes_of_buyer_people_and_permissions_name_no_company(text):
    assert _restraint("exclusivity", text).severity == "info"


def test_coverage_a_company_named_like_a_place_is_still_named():
    assert _restraint("exclusivity", "Distributor shall not sell the Products to China Mobile.").severity == "high"


def test_coverage_revenue_audit_right_beside_the_books_it_reaches_silences_the_flag():
    # Simplicity Esports 10.2: the audit right in one sentence, the books of accounts in the next
    assert _audit_flag("Franchisor shall have the right to conduct audits of Franchisee with respect to the Centres. "
                       "Franchisee shall provide any information requested, including the books of accounts.") is None
    # … but not an inspection of a facility beside them
    assert _audit_flag("Licensor shall have the right to inspect the manufacturing facilities. "
                       "Licensee shall keep complete books of accounts.") is not None


@pytest.mark.timeout(15)  # a hang guard: ~1 s now, 50 s when each match copied the rest of the text
def test_coverage_resale_price_search_stays_linear_on_one_long_line():
    from coaltext.coverage import restraint_reach

    # every match disclaimed, no full stop: each used to copy the rest of the text (quadratic)
    text = "nothing requires you to set minimum resale prices on stock exchanges, " * 6000  # 420 kB
    assert restraint_reach(text, "price_restriction").resale is None
    assert restraint_reach("Supplier may set the minimum resale prices. " * 3, "price_restriction").resale


def test_playbook_auto_gives_a_research_consortium_the_collaboration_playbook():
    # "RESEARCH CONSORTIUM AGREEMENT" names an alliance's form and the research the parties do: the
    # research decides, though the alliance requires more (antitrust compliance, a high flag if missing)
    book, reason = _pick("RESEARCH CONSORTIUM AGREEMENT")
    assert book.name == "research_collaboration" and "strategic alliance" in reason
    assert reason.endswith("“RESEARCH” says what the parties do together, so it decides the kind"), reason
    assert "antitrust_compliance" not in book.required
    assert _pick("R&D COOPERATION AGREEMENT")[0].name == "research_collaboration"
    # a JV still asks for all an alliance does and more
    assert _pick("JOINT VENTURE AND STRATEGIC ALLIANCE AGREEMENT")[0].name == "joint_venture"
    # a consortium agreement whose recitals say it does research (a Horizon Europe project) is one too
    book, reason = _pick("CONSORTIUM AGREEMENT", "WHEREAS, the Parties have submitted a proposal for the Project "
                         "under the Horizon Europe Research and Innovation programme;")
    assert book.name == "research_collaboration" and "“CONSORTIUM”" in reason and "“Research and Innovation programme”" in reason
    book, _ = _pick(None, "This Consortium Agreement is made between the Parties to carry out the R&D project NEXTGRID.")
    assert book.name == "research_collaboration"
    # ... a bidding consortium, or an alliance whose recitals mention research, stays an alliance
    assert _pick("CONSORTIUM AGREEMENT", "WHEREAS, the Parties intend to bid jointly for the construction of the "
                 "harbour bridge;")[0].name == "strategic_alliance"
    assert _pick("STRATEGIC ALLIANCE AGREEMENT", "WHEREAS, Acme is a member of a research consortium and the parties "
                 "wish to collaborate on research;")[0].name == "strategic_alliance"


def test_coverage_restraint_cites_the_clause_that_states_it_above_paragraphs_that_continue_it():
    # moelis 5.2: the clause's own words hold the restraint and its post-term period; a paragraph after a
    # page break and a carve-out score lower and must not hide it
    spec = [
        ("5.2", "5.2 Non-Solicitation. Each party agrees not to solicit or hire any employee of the other party "
                "during the term of this Agreement and for a period of 12 months thereafter, nor any Client "
                "Introduced by the other party on Covered", {"non_solicit": 0.99}, None),
        ("p1", "Businesses involving Japanese Companies.", {"non_solicit": 0.89}, "5.2"),
        ("p2", "Notwithstanding the foregoing, this provision shall not prevent any party from contacting any "
               "Client for any other purpose.", {"non_solicit": 0.42}, "5.2"),
    ]
    st, doc = _structure(spec)
    cov, flags = assess(st, doc, "generic")
    assert next(i for i in cov.items if i.type == "non_solicit").evidence[0] == "5.2"
    f = next(f for f in flags if f.code == "competition_restraint.non_solicit")
    assert f.clauses[0] == "5.2" and "“12 months thereafter”" in f.message and f.severity == "warning"
    assert "during the term only" not in f.message
    # a parent that states the type less surely than its item is still hidden by it
    spec[0] = (spec[0][0], spec[0][1], {"non_solicit": 0.8}, None)
    cov, _ = assess(*_structure(spec), "generic")
    assert "5.2" not in next(i for i in cov.items if i.type == "non_solicit").evidence
    # ... and so is one whose own words are headings only (western copper), whatever its score
    st, doc = _structure([
        ("P2", "PART 2 NON COMPETITION AND RIGHT OF FIRST REFUSAL Non-Competition by Western Copper", {"non_compete": 0.99}, None),
        ("2.1", "2.1 For a period of 2 years after the Effective Date, Western Copper will not acquire any mineral "
                "property within the Area.", {"non_compete": 0.9}, "P2"),
    ])
    st.clauses[0] = st.clauses[0].model_copy(update={"number": "PART 2", "heading": "NON COMPETITION AND RIGHT OF FIRST REFUSAL"})
    cov, flags = assess(st, doc, "generic")
    assert next(i for i in cov.items if i.type == "non_compete").evidence == ["2.1"]
    assert "during the term only" in next(f for f in flags if f.code == "competition_restraint.non_compete").message


def test_coverage_restraint_reach_is_read_in_the_lead_in_a_list_item_completes():
    spec = [
        ("9.1", "9.1 During the Term and for two (2) years thereafter, Distributor shall not:", {}, None),
        ("(a)", "(a) manufacture or sell any product that competes with the Products; or", {"non_compete": 0.9}, "9.1"),
        ("(b)", "(b) Solicit any employee of Supplier.", {"non_solicit": 0.9}, "9.1"),
        ("9.2", "9.2 Distributor shall not hire Supplier's staff. This Section survives termination.", {}, None),
        ("(c)", "(c) Distributor shall not solicit Supplier's customers.", {"exclusivity": 0.9}, "9.2"),
    ]
    flags = {f.code: f for f in assess(*_structure(spec), "generic")[1]}
    assert "“two (2) years thereafter”" in flags["competition_restraint.non_compete"].message
    assert "“two (2) years thereafter”" in flags["competition_restraint.non_solicit"].message  # capitalised item too
    # a closed sentence before an item is no lead-in: its words are not the item's reach
    assert "during the term only" in flags["competition_restraint.exclusivity"].message
    # a semicolon does not end the lead-in's sentence (a second binding of the sentence-end pattern, for
    # the first-refusal reading, once split it there and lost "two (2) years thereafter")
    spec[0] = ("9.1", "9.1 During the Term and for two (2) years thereafter; Distributor shall not:", {}, None)
    flags = {f.code: f for f in assess(*_structure(spec), "generic")[1]}
    assert "“two (2) years thereafter”" in flags["competition_restraint.non_compete"].message


def test_coverage_a_non_competition_heading_is_no_business_wide_restraint():
    from coaltext.coverage import restraint_reach
    assert restraint_reach("7. NON COMPETITION During the Term, Agent shall not sell the Products to the Customers.",
                           "non_compete").wide is None
    assert restraint_reach("Agent shall not compete with Acme in the Territory.", "non_compete").wide == "compete"


def _nested(spec, title=None):
    """Like _structure, but a parent's text runs on over its descendants', as the clause tree gives it."""
    st, doc = _structure(spec, title)
    by = {c.id: c for c in st.clauses}
    for c in reversed(st.clauses):  # children first: a parent ends where its last descendant ends
        if c.parent and by[c.id].end > by[c.parent].end:
            by[c.parent] = by[c.parent].model_copy(update={"end": by[c.id].end})
    st.clauses = [by[c.id].model_copy(update={"text": doc.text[by[c.id].start:by[c.id].end]}) for c in st.clauses]
    return st, doc


def test_coverage_a_parent_does_not_borrow_the_wording_its_cited_item_holds():
    # harpoon 7.1.1 / 7.1.2, sfg (b) / I.: the parent states the type more surely, but "jointly owned" (the
    # revenue split) is in its item, cited in its own right: the item comes first
    spec = [
        ("7.1", "7.1 Ownership. Each Party shall own all inventions made solely by its own employees under this "
                "Agreement.", {"ip_ownership": 1.0}, None),
        ("(a)", "(a) Joint Inventions. Inventions made by employees of both Parties shall be jointly owned by "
                "the Parties.", {"ip_ownership": 0.9}, "7.1"),
        ("(b)", "(b) Each Party shall keep records of its inventions.", {}, "7.1"),
        ("4.1", "4.1 Rebates. Licensor shall remit rebates to Licensee based on volumes traded by Licensee under "
                "this Agreement.", {"revenue_sharing": 0.98}, None),
        ("I.", "I. Licensor shall receive one third (33%) of the gross amounts earned by Licensee from third "
               "parties.", {"revenue_sharing": 0.71}, "4.1"),
    ]
    ev = {i.type: i.evidence for i in assess(*_nested(spec), "generic")[0].items}
    assert ev["ip_ownership"] == ["(a)"]  # 7.1 would quote (a) again
    assert ev["revenue_sharing"] == ["I."]
    # an item that carries no label of its own is read with its parent: "7.1 … (b) jointly owned" has it
    spec[1], spec[2] = (spec[1][0], spec[1][1], {}, "7.1"), (spec[2][0], spec[2][1], {"ip_ownership": 0.5}, "7.1")
    spec.append(("7.2", "7.2 Licensee shall own the improvements it makes.", {"ip_ownership": 0.99}, None))
    ev = {i.type: i.evidence for i in assess(*_nested(spec), "generic")[0].items}
    assert ev["ip_ownership"][0] == "7.1"


def test_coverage_restraint_lead_in_is_the_sentence_the_item_completes_and_is_cited():
    spec = [
        ("9.1", "9.1 The obligations of confidentiality in Section 8 shall survive for three (3) years after "
                "termination of this Agreement. During the Term, Distributor shall not:", {}, None),
        ("(a)", "(a) manufacture or sell any product that competes with the Products; or", {"non_compete": 0.9}, "9.1"),
        ("9.2", "9.2 Restrictions. During the Term and for two (2) years after termination of this Agreement, "
                "Agent shall not:", {}, None),
        ("(b)", "(b) solicit any employee of Supplier.", {"non_solicit": 0.9}, "9.2"),
    ]
    flags = {f.code: f for f in assess(*_structure(spec), "generic")[1]}
    # the survival sentence before the lead-in is no period of the restraint
    nc = flags["competition_restraint.non_compete"]
    assert "after the agreement ends" not in nc.message and nc.severity == "warning" and nc.clauses == ["(a)"]
    # the lead-in that gave the period is cited beside the item, so the quoted words are in a quoted clause
    ns = flags["competition_restraint.non_solicit"]
    assert "“two (2) years after termination”" in ns.message and ns.clauses == ["(b)", "9.2"]


@pytest.mark.parametrize("title", ["STRATEGIC ALLIANCE AND COLLABORATION AGREEMENT", "COLLABORATION AND PARTNERSHIP AGREEMENT",
                                   "COOPERATION AGREEMENT ON COLLABORATIVE SELLING",
                                   "CLINICAL RESEARCH ORGANIZATION ALLIANCE AGREEMENT",
                                   "MARKETING ALLIANCE AND PRODUCT DEVELOPMENT AGREEMENT"])
def test_playbook_auto_only_research_in_an_alliance_title_makes_it_a_research_collaboration(title):
    # "collaboration" says how the parties work together, as "alliance" does; a contract research
    # organisation sells services; product development beside a marketing alliance is commercial work
    assert _pick(title)[0].name == "strategic_alliance"


@pytest.mark.parametrize("title, recital", [
    ("CONSORTIUM AGREEMENT FOR THE SUPPLY OF WIND TURBINES",
     "WHEREAS, each member has long experience in the research, design and manufacture of wind turbines and the "
     "members wish to submit a joint bid for their supply;"),
    ("CONSORTIUM AGREEMENT", "WHEREAS, the Banks have formed a consortium to provide a loan to finance the "
                             "Borrower's product development programme;"),
    ("RESEARCH SERVICES CONSORTIUM AGREEMENT", "WHEREAS, the members provide research services and innovation "
                                               "consulting to industry;"),
])
def test_playbook_auto_a_consortium_that_mentions_research_in_passing_stays_an_alliance(title, recital):
    assert _pick(title, recital)[0].name == "strategic_alliance"
    # ... one formed to do research is a research collaboration
    assert _pick("CONSORTIUM AGREEMENT", "WHEREAS, the Parties wish to form a consortium to conduct joint research "
                                         "on offshore wind turbines;")[0].name == "research_collaboration"


def test_coverage_evidence_does_not_quote_a_clause_and_the_clause_around_it():
    # a parent cited for the type holds its items' text: an item cited after it (or a parent after its
    # item) would quote the same words twice and take an evidence place from another clause
    spec = [
        ("8", "8. Warranties. Each Party warrants that it has full power to enter into this Agreement.", {"warranty": 0.99}, None),
        ("8.1", "8.1 Supplier warrants that the Products will conform to the Specifications.", {"warranty": 0.95}, "8"),
        ("8.2", "8.2 Supplier warrants that the Products are free of liens.", {"warranty": 0.93}, "8"),
        ("12", "12. Distributor warrants that it holds every licence it needs to sell the Products.", {"warranty": 0.9}, None),
    ]
    item = next(i for i in assess(*_nested(spec), "generic")[0].items if i.type == "warranty")
    assert item.evidence == ["8", "12"]
    # ... but an item beyond the part of its parent a report quotes is cited: its words would go unseen
    long = spec[0][1] + " Each Party further warrants that it is duly organised and in good standing." * 6
    spec[0] = (spec[0][0], long, spec[0][2], None)
    item = next(i for i in assess(*_nested(spec), "generic")[0].items if i.type == "warranty")
    assert item.evidence == ["8", "8.1", "8.2", "12"]


def test_coverage_antitrust_compliance_needs_competition_law_wording():
    # moelis § 12.6: a Bank Holding Company Act control clause labelled antitrust compliance is no
    # antitrust clause; the restraint flags must not drop a step for it
    spec = [
        ("5.1", "5.1 During the Term, Acme shall not sell products that compete with the Products.", {"non_compete": 0.9}, None),
        ("12.6", "12.6 Nothing herein gives SMBC control of Moelis within the meaning of the Bank Holding Company "
                 "Act.", {"antitrust_compliance": 1.0}, None),
    ]
    cov, flags = assess(*_structure(spec), "generic")
    item = next(i for i in cov.items if i.type == "antitrust_compliance")
    assert item.status == "weak" and item.evidence == ["12.6"]
    assert "no antitrust-compliance clause" in next(f for f in flags if f.code == "competition_restraint.non_compete").message
    spec.append(("12.7", "12.7 The Parties shall file under the Hart-Scott-Rodino Act and comply with all antitrust laws.",
                 {"antitrust_compliance": 0.8}, None))
    cov, flags = assess(*_structure(spec), "generic")
    item = next(i for i in cov.items if i.type == "antitrust_compliance")
    assert item.status == "present" and item.evidence[0] == "12.7"


def test_coverage_report_says_why_a_clause_scored_high_counts_only_weak():
    """A clause the model scores 1.00 for antitrust compliance, held weak for want of competition-law
    wording, was quoted "(score 1.00 …)" under "weak · score 0.20": a reviewer read a contradiction.
    The quote now says the score was held and why; a merger-clearance clause (KIROMIC JV: "the
    Commission of the European Union … makes the clearance of any of the transactions … conditional")
    has the wording."""
    further = ("16.1 Each Party shall take such further actions and execute such further documents as may be "
               "necessary to effectuate the purposes of this Agreement.")
    rep = _report([("16.1", further, {"antitrust_compliance": 1.0}, None)])
    assert next(i for i in rep.coverage.items if i.type == "antitrust_compliance").status == "weak"
    for page in (to_markdown(rep), to_html(rep)):
        assert "held weak at 0.20: none of the wording this type needs" in page
    clearance = further + (" If a competent regulatory authority makes the clearance of any of the transactions "
                           "contemplated hereby conditional upon changes, the Parties shall negotiate them in good faith.")
    rep = _report([("16.1", clearance, {"antitrust_compliance": 1.0}, None)])
    assert next(i for i in rep.coverage.items if i.type == "antitrust_compliance").status == "present"
    assert "held weak" not in to_markdown(rep)


def test_agreement_report_shows_the_groups_of_parties_beside_the_party_list():
    from coaltext.types import Party

    rep = _report([("c1", "Governing law clause.", {"governing_law": 0.9}, None)])
    assert "Groups of parties" not in to_markdown(rep) and "Groups of parties" not in to_html(rep)
    rep.parties = [Party(name="Vessel AB", alias="Vessel AB", groups=["Vessel <Parties>"]),
                   Party(name="Vessel US, Inc.", alias="Vessel US", groups=["Vessel <Parties>", "SERVICERS"]),
                   Party(name="Nimbus Co., Ltd.", groups=["SERVICERS"]), Party(name="Tern LLC")]
    md, page = to_markdown(rep), to_html(rep)
    line = next(x for x in md.splitlines() if x.startswith("**Groups of parties:**"))
    assert md.index("**Parties:**") < md.index(line) < md.index("**Playbook:**")
    assert "“Vessel \\<Parties\\>”: Vessel AB + Vessel US; “SERVICERS”: Vessel US + Nimbus Co., Ltd." in line
    assert "Tern" not in line
    assert ('<p class="meta">Groups of parties: “Vessel &lt;Parties&gt;”: Vessel AB + Vessel US; “SERVICERS”: '
            "Vessel US + Nimbus Co., Ltd.</p>") in page


def test_coverage_general_compliance_audit_answers_revenue_without_audit_as_info():
    """Fulucai's licence § 18 ("audit the other Party's compliance with this Agreement") was a
    warning that no clause gives a right to audit: a general compliance audit reaches the royalties."""
    f = _audit_flag("18. Audit. Each of the Parties may, at its own expense, audit the other Party's compliance "
                    "with this Agreement, including but not limited to its representations and warranties.")
    assert f is not None and f.severity == "info" and f.clauses[0] == "a0"
    assert "general right to audit compliance with the agreement" in f.message
    assert "audit the other Party's compliance with this Agreement" in f.message


@pytest.mark.parametrize("text", [
    # leaves out the costs the payments rest on
    "Datec shall provide all information, excluding information relating to its internal costs and margins, to "
    "enable the BSP to audit Datec's compliance with this agreement.",
    # about something else: quality, or one section only
    "Customer may conduct, at its own expense, periodic quality audits to ensure Manufacturer's compliance with "
    "the terms of this Agreement.",
    "WPD shall permit CNS to audit its compliance with this Agreement's anti-bribery section.",
])
def test_coverage_narrow_compliance_audit_leaves_revenue_without_audit_a_warning(text):
    f = _audit_flag(text)
    assert f is not None and f.severity == "warning"
    assert "nor a general right to audit compliance with the agreement" in f.message


def _licensor_audit_flag(text, revenue="Licensee shall pay Licensor a royalty of 2% of Net Sales of each Product."):
    spec = [("c1", revenue, {"revenue_sharing": 0.9}, None), ("a0", text, {"reporting_audit": 0.9}, None)]
    return next((f for f in assess(*_structure(spec), "license")[1] if f.code == "revenue_without_audit"), None)


@pytest.mark.parametrize("text", [
    "Licensor may audit Licensee's compliance with this Agreement.",
    "Licensee shall permit Licensor or its designated auditor to audit Licensee's compliance with this Agreement.",
    "During the Term, Licensor shall have the right to audit and inspect Licensee's compliance with the terms of "
    "this Agreement.",
    "Licensor may audit compliance with this Agreement no more than once per year.",
    "Each Party may examine the other's compliance with the Agreement.",
])
def test_coverage_payee_auditing_the_payer_is_a_general_audit_right(text):
    f = _licensor_audit_flag(text)
    assert f is not None and f.severity == "info"


@pytest.mark.parametrize("text", [
    # denied
    "Neither Party shall have any right to audit the other Party's compliance with this Agreement.",
    "No Party may audit the other Party's compliance with this Agreement.",
    "Licensor shall not be entitled to audit Licensee's compliance with this Agreement.",
    "Nothing herein shall entitle either Party to audit the other Party's compliance with this Agreement.",
    # a self-audit, an outsider's, an inspection of goods, one matter only
    "Distributor shall, at its own cost, audit its own compliance with this Agreement once a year and report the result.",
    "Licensor shall audit its own compliance with this Agreement once a year.",
    "The Government may audit the Contractor's compliance with this Agreement.",
    "Company shall inspect the Products to confirm compliance with the terms of this Agreement.",
    "Licensor may inspect the Licensed Products for compliance with this Agreement.",
    "Licensor may audit Licensee's compliance with this Agreement solely as to the use of the Marks.",
    # the payer auditing the payee
    "Licensee may audit Licensor's compliance with this Agreement.",
    "Licensor shall permit Licensee to audit Licensor's compliance with this Agreement.",
])
def test_coverage_compliance_audit_that_is_no_right_of_the_payee_leaves_a_warning(text):
    """The general rule took any sentence with a modal: "Neither Party shall have any right to audit the
    other Party's compliance with this Agreement" turned the warning into an info."""
    f = _licensor_audit_flag(text)
    assert f is not None and f.severity == "warning"


def test_coverage_one_sided_compliance_audit_needs_to_know_who_is_paid():
    """Where no clause says who pays whom, a one-sided right counts only between parties of the agreement."""
    royalties = "Royalties of 2% of Net Sales of each Product are payable quarterly."
    assert _licensor_audit_flag("Licensor may audit Licensee's compliance with this Agreement.", royalties).severity == "warning"
    st, doc = _structure([("c1", royalties, {"revenue_sharing": 0.9}, None),
                          ("a0", "Licensor may audit Licensee's compliance with this Agreement.", {"reporting_audit": 0.9}, None)])
    st.parties = [Party(name="Acme Inc.", role="Licensor"), Party(name="Beta LLC", role="Licensee")]
    f = next(f for f in assess(st, doc, "license")[1] if f.code == "revenue_without_audit")
    assert f.severity == "info"


def test_coverage_flags_cite_a_clause_once():
    """KIROMIC's JV § 16 names both arbitration and the courts: missing_required cited it twice."""
    clause = ("16. Any dispute shall be finally settled by arbitration in Rome, save for any emergency injunction "
              "sought in the Court of Rome, which shall have jurisdiction.")
    st, doc = _structure([("c1", clause, {"arbitration": 0.9, "jurisdiction": 0.9}, None)])
    flag = next(f for f in assess(st, doc, "joint_venture")[1] if f.code == "missing_required" and "Dispute" in f.message)
    assert flag.clauses == ["c1"]


@pytest.mark.parametrize("text", [
    "Licensor may audit Licensee's compliance with this Agreement; such audit shall not extend to Licensee's financial records.",
    "Licensor may audit Licensee's compliance with this Agreement, provided that such audit shall not include Licensee's "
    "books and records.",
])
def test_coverage_an_audit_that_leaves_the_books_out_is_no_audit_of_the_payments(text):
    """"… such audit shall not extend to Licensee's financial records" named the records and was taken
    for an audit of them: no revenue_without_audit flag at all (a review's finding)."""
    flag = _audit_flag(text)
    assert flag is not None and flag.severity == "warning"


def test_coverage_jointly_owned_ip_without_terms_to_use_it_asks_for_them():
    """artara 4.4: jointly made inventions "shall be jointly owned by the University and ArTara", and
    nothing says how the owners may license or prosecute them: the IP row must not read as settled."""
    own = ("c2", "All inventions made jointly by the Investigator and Licensee shall be jointly owned by the University "
                 "and Licensee.", {"ip_ownership": 0.9}, None)
    licence = ("c1", "University grants Licensee an exclusive license under the Patent Rights.", {}, None)
    flags = {f.code: f for f in assess(*_structure([licence, own]), "license")[1]}
    f = flags["ip_joint_exploitation_silent"]
    assert f.severity == "info" and "jointly owned" in f.message and f.clauses[0] == "c2"
    for wording in ("Joint Inventions shall be owned jointly by the parties.",
                    "Any improvement conceived by both parties shall be the joint property of the parties.",
                    "The parties shall co-own all Joint Inventions."):
        spec = [licence, ("c2", wording, {"ip_ownership": 0.9}, None)]
        assert "ip_joint_exploitation_silent" in {f.code for f in assess(*_structure(spec), "license")[1]}, wording
    # a regime for the jointly owned IP (a JV's prosecution and cost terms) answers it
    for regime in ("Each party may use and license the Joint Inventions without the consent of the other.",
                   "The costs of prosecuting patent applications on jointly owned inventions shall be shared equally."):
        spec = [licence, own, ("c3", regime, {}, None)]
        assert "ip_joint_exploitation_silent" not in {f.code for f in assess(*_structure(spec), "license")[1]}, regime
    # a jointly owned company or account is no IP
    spec = [licence, ("c2", "Licensee is a jointly owned subsidiary of the University.", {"ip_ownership": 0.9}, None)]
    assert "ip_joint_exploitation_silent" not in {f.code for f in assess(*_structure(spec), "license")[1]}


def test_coverage_restraint_after_the_term_quotes_the_termination_it_hangs_on():
    """impco 14.2(a): the five years run only after "termination by IMPCO due to default by MINDA/MIL";
    the flag must not read as if the restraint outlived any end of the agreement."""
    f = _restraint("non_compete", "During the term of the Agreement, and thereafter for a period of five (5) years after "
                   "the termination of the Agreement (such termination being termination by IMPCO due to default by "
                   "MINDA/MIL), MIL shall not enter into another joint venture for goods similar to the Products.")
    assert "(such termination being termination by IMPCO due to default by MINDA/MIL)" in f.message
    assert f.severity == "high"
    f = _restraint("non_compete", "For two (2) years after the termination of this Agreement if terminated by Licensor "
                   "for breach, Licensee shall not sell goods similar to the Products.")
    assert "if terminated by Licensor for breach" in f.message
    # an unconditional period is quoted as before
    f = _restraint("non_compete", "For one (1) year after the termination of this Agreement (the Restricted Period), "
                   "Licensee shall not sell goods similar to the Products.")
    assert "(“one (1) year after the termination”)" in f.message


def _price_flag(*texts):
    spec = [(f"c{i}", text, {"price_restriction": 0.9}, None) for i, text in enumerate(texts)]
    return next((f for f in assess(*_structure(spec), "generic")[1]
                 if f.code == "competition_restraint.price_restriction"), None)


def test_coverage_a_right_of_first_refusal_is_no_price_restraint_and_a_price_left_to_agree_still_is():
    """impco 6.3 (a share-transfer right of first refusal "on terms … no more favourable than those
    offered to the Transferees, including the price"), xencor 5.2.2 (a first right to negotiate to
    supply): labelled price_restriction, no restraint. A price the parties are to agree stays in the
    flag (a review: "sell … only at prices to be agreed with Supplier" is resale price maintenance)."""
    assert _price_flag("If no Transferee accepts to purchase the shares offered, the Transferor may sell such shares to a "
                       "third party on terms no more favourable than those offered to the Transferees, including the price "
                       "of the shares.") is None
    assert _price_flag("Company grants Supplier a first right to negotiate to manufacture and supply Product at a supply "
                       "price to be proposed by Supplier.") is None
    assert _price_flag("Distributor shall sell the Products to its customers only at prices to be agreed with Supplier.")
    assert _price_flag("Buyer has a right of first refusal at the price offered by any third party. Seller shall not "
                       "charge Buyer fees higher than the fees it charges any other customer.")
    assert _price_flag("Supplier may match the offer or release Customer from its purchase obligation at that price.")
    # a cap, an MFN or a resale price beside such words still counts
    f = _price_flag("The price shall be agreed every contract year, provided that the Price may not increase more than 3%.")
    assert f is not None and f.clauses == ["c0"]
    f = _price_flag("Buyer has a right of first refusal.", "Seller shall give Buyer most favored customer pricing.")
    assert f is not None and f.clauses == ["c1"]


def test_coverage_jointly_owned_ip_read_only_where_a_clause_makes_it_so():
    licence = ("c1", "University grants Licensee an exclusive license under the Patent Rights.", {}, None)
    for text in ("No Transferred Patent is jointly owned by Sony and any other Person.",  # a denial (gsi 8.3)
                 '"Prior Patents" means Project Patents as defined in the Prior JDA, which are jointly-owned.'):
        spec = [licence, ("c2", text, {"ip_ownership": 0.9}, None)]
        assert "ip_joint_exploitation_silent" not in {f.code for f in assess(*_structure(spec), "license")[1]}, text
    # co-owners free to exploit without accounting (fis): a regime, though it names no "joint IP"
    spec = [licence, ("c2", "All source code shall remain jointly owned by Equifax and Certegy.", {"ip_ownership": 0.9}, None),
            ("c3", "Each respective owner shall have the right to make, use and sell any of the foregoing assets.", {}, None)]
    assert "ip_joint_exploitation_silent" not in {f.code for f in assess(*_structure(spec), "license")[1]}
    spec.pop()
    assert "ip_joint_exploitation_silent" in {f.code for f in assess(*_structure(spec), "license")[1]}


def _price_flag_under(heading, text):
    structure, doc = _structure([("h", heading, {}, None), ("c1", text, {"price_restriction": 0.9}, "h")])
    structure.clauses[0] = structure.clauses[0].model_copy(update={"heading": heading})
    return next((f for f in assess(structure, doc, "generic")[1]
                 if f.code == "competition_restraint.price_restriction"), None)


def test_coverage_a_first_refusal_heading_never_hides_a_price_restraint_below_it():
    """A review of the right-of-first-refusal exclusion: a heading "Pricing; Right of First Refusal" hid
    an MFN, a parity promise and a fixed resale price below it, and "meet", "matching the terms", "units"
    and "stock" read as first refusals or share sales. The exclusion holds only where the refusal or
    negotiation wording and the price are in one sentence with no cap, parity or fixed-price word."""
    for heading, text in [
        ("Pricing; Right of First Refusal", "Supplier shall not charge Distributor more than the prices it charges to "
                                            "other distributors of the Products."),
        ("Pricing; Right of First Refusal", "Supplier's prices to Distributor shall be no higher than the prices offered "
                                            "to any other distributor."),
        ("Prices; Right of First Offer", "Dealer shall sell the Products at the prices fixed by Manufacturer and shall "
                                         "not grant discounts."),
        ("Right of First Offer; Pricing", "The prices charged to Company shall be at least as favorable as those charged "
                                          "to any Affiliate."),
    ]:
        assert _price_flag_under(heading, text) is not None, text
    for text in (
        # virtualscopics 3(a)(v): a first refusal and a price parity promise in one sentence
        "PPD shall have a right of first refusal on new services, nor shall VS provide preferred pricing to a PPD "
        "Competitor which is better than that provided by VS hereunder to PPD.",
        "Company grants a right of first offer, and the price to Reseller shall be equal to or lower than the price "
        "offered to any third party.",
        "Supplier shall have the right to meet any lower price offered by a competitor.",
        "Supplier shall offer Purchaser prices matching the terms offered to Supplier's best customer.",
        "Distributor shall purchase Units from Company at a price no higher than the price charged to any other distributor.",
        "Distributor shall keep adequate stock of the Products and shall sell them only at the prices in Supplier's "
        "current price list.",
        "Prices shall be agreed annually by the Parties, and Distributor shall not grant any discount or rebate to "
        "customers without Supplier's consent.",
    ):
        assert _price_flag(text) is not None, text
    # the heading still tells for a clause that names no price of its own (exactsciences: "economic terms")
    assert _price_flag_under("Right of First Negotiation", "Pfizer may enter into an agreement with a Third Party, "
                             "provided that its economic terms are no better for the Third Party than those last "
                             "offered to Pfizer.") is None


def test_coverage_jointly_owned_means_ip_owned_by_the_parties_together():
    """A review of ip_joint_exploitation_silent: IP owned jointly with a third party, a denial, a company
    or servers owned jointly by the parties are no joint IP of the parties."""
    licence = ("c1", "University grants Licensee an exclusive license under the Patent Rights.", {}, None)
    for text in (
        "Patents owned by Licensor, whether solely or jointly owned with third parties, are included in the Licensed Patents.",
        "Any invention that is jointly owned with a third party shall be excluded.",
        "Nothing herein shall cause any Improvement to be jointly owned.",
        "In no event shall any Invention be co-owned by the Parties.",
        "Improvements made by Licensee shall be owned by Licensee and shall not become joint property.",
        "Licensor's technology will be contributed to NewCo, an entity owned jointly by the Parties.",
        "The software is hosted on servers co-owned by the Parties.",
        "Alpha shall license the Technology to the Joint Venture Company, which shall be jointly owned by Alpha and Beta.",
    ):
        spec = [licence, ("c2", text, {"ip_ownership": 0.9}, None)]
        assert "ip_joint_exploitation_silent" not in {f.code for f in assess(*_structure(spec), "license")[1]}, text
    spec = [licence, ("c2", "All Inventions made by both Parties shall be jointly owned by the Parties.", {"ip_ownership": 0.9}, None)]
    assert "ip_joint_exploitation_silent" in {f.code for f in assess(*_structure(spec), "license")[1]}


@pytest.mark.timeout(30)  # a hang guard: a 5 MB clause took 52 s in the joint-IP and price patterns, ~3 s now
def test_coverage_joint_ip_and_price_patterns_stay_linear_on_a_huge_clause():
    """Patterns read per sentence piece (at most 600 characters, 400 pieces a clause), never the whole
    text: a hostile 5 MB clause of "jointly owned may may …" or "sell shares …" must not hang."""
    def big(unit):
        return (unit * (5_000_000 // len(unit) + 1))[:5_000_000]
    own = ("c1", "All Inventions made jointly shall be jointly owned by the Parties.", {"ip_ownership": 0.9}, None)
    for spec in ([own, ("c2", big("jointly owned may may may may may may "), {}, None)],
                 [own, ("c2", big("the party shall use the thing "), {}, None)],
                 [("c2", big("inventions inventions shall be "), {}, None)],
                 [("c2", big("sell shares sell shares "), {"price_restriction": 0.9}, None)]):
        assess(*_structure(spec), "generic")
