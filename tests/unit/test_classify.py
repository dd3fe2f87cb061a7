"""Clause classifier: rules, headings, own-text handling, explanations, the shipped head."""

from __future__ import annotations

import numpy as np
import pytest

from coaltext.classify import classifier, type_ids
from coaltext.classify.engine import MODEL_STEM, ClauseClassifier
from coaltext.classify.features import clause_inputs, model_text, own_text, strip_heading
from coaltext.classify.head import ClauseHead
from coaltext.classify.rules import HeadingMap, PatternSet, headings, normalise_heading, patterns
from coaltext.classify.taxonomy import conf_yaml
from coaltext.types import Clause


def _clause(id, text, start=0, parent=None, number=None, heading=None, level=1):
    return Clause(id=id, number=number, heading=heading, level=level, parent=parent, start=start,
                  end=start + len(text), text=text)


def _tiny_head() -> ClauseHead:
    """A hand-built TF-IDF head: 'arbitration' pushes arbitration, nothing else is learned."""
    types = list(type_ids())
    vocab = ["arbitration", "insurance"]
    coef = np.zeros((len(types), 2), np.float32)
    coef[types.index("arbitration"), 0] = 12.0
    coef[types.index("insurance"), 1] = 12.0
    stack = np.tile(np.array([1.0, 3.0, -4.0], np.float32), (len(types), 1))
    return ClauseHead(types=types, features="tfidf", coef=coef, intercept=np.zeros(len(types), np.float32),
                      vocab=vocab, idf=np.ones(2, np.float32), stack=stack,
                      heading_reliability={t: 0.8 for t in types})


def test_classify_patterns_find_governing_law_with_matched_words():
    hits = patterns().find("This Agreement shall be governed by and construed in accordance with the laws of the State of New York.")
    gl = [h for h in hits if h.type == "governing_law"]
    assert gl and gl[0].rule == "governing_law.governed_by"
    assert "laws of" in gl[0].matched


@pytest.mark.parametrize("text, fires", [
    ("All income and credits, and all losses and deductions shall be owned and shared among the Joint "
     "Venturers as follows: 50% to Alpha Inc. and 50% to Beta Corp.", True),
    ("The net profits and losses of the Joint Venture will accrue to the Participants in proportion to "
     "their Capital Contributions.", True),
    ("The parties agree to share fees 50%/50% on assignments where both are retained.", True),
    ("Any income thereof will be shared between Party A and Party B on a monthly basis.", True),
    ("The costs of the audit shall be shared equally between the parties.", False),  # a cost split
    ("Confidential Information shall not be distributed among employees.", False),
    ("Fees are payable within thirty days of the invoice.", False),
])
def test_classify_patterns_find_profit_and_fee_splits_not_cost_splits(text, fires):
    """Joint-venture profit splits are revenue sharing in our taxonomy however they are worded;
    splitting a cost is not."""
    assert any(h.type == "revenue_sharing" for h in patterns().find(text)) is fires


@pytest.mark.parametrize("text, rule, fires", [
    ("The parties do not contemplate a sharing of profits relating to the Services.", "revenue_sharing.share_profits", False),
    ("The parties shall share the net profits of the venture equally.", "revenue_sharing.share_profits", True),
    ("Employees shall receive pension or profit-sharing benefits and disability benefits.", "revenue_sharing.profit_split", False),
    ("Neither party shall enter into any profit-sharing agreement with any third party.", "revenue_sharing.profit_split", False),
    ("Client will pay Excite a variable revenue share calculated on sales.", "revenue_sharing.profit_split", True),
    ("This Section sets forth the sole and exclusive remedy of Distributor for any claim.", "exclusivity.exclusive_grant", False),
    ("a sale, lease, transfer, exclusive license or other disposition of all or substantially all of the assets",
     "exclusivity.exclusive_grant", False),
    ("Licensor grants Licensee an exclusive worldwide license to the Patents.", "exclusivity.exclusive_grant", True),
    ("The Company is entitled to offer services to third parties, solicit other clients and advertise.",
     "non_solicit.customers", False),
    ("Distributor shall not, during the Term, directly or indirectly solicit any customer of Company.",
     "non_solicit.customers", True),
    ("Neither party shall solicit any customer of the other party.", "non_solicit.customers", True),
    ("In no event shall Distributor solicit any customer of Company.", "non_solicit.customers", True),
    ("Nothing in this Agreement restricts Company from the right to solicit customers.", "non_solicit.customers", False),
    # the patterns of 2026-12-07: a grant, not its denial or a warranty
    ("MINDA has agreed to allow the JVC the right to use the two trade marks in respect of the products.",
     "ip_license.allowed_to_use", True),
    ("Licensee shall have no right to use the Marks except as set out below.", "ip_license.allowed_to_use", False),
    ("Nothing contained herein shall give either Party any right to use any trademark of the other.", "ip_license.allowed_to_use", False),
    ("Seller owns or otherwise has the right to use all software used in the business.", "ip_license.allowed_to_use", False),
    # an amicable settlement of a dispute, not of a price or of loose ends
    ("Any dispute arising from this Agreement shall be settled through friendly consultation first.",
     "dispute_resolution.amicable", True),
    ("The unit price of the Products shall be settled through negotiations between the parties.", "dispute_resolution.amicable", False),
    ("After friendly negotiation between the two parties, the following items were agreed.", "dispute_resolution.amicable", False),
    ("Neither of the Parties shall, directly or indirectly, as stockholders or partners, engage in any business which "
     "manufactures Astaxanthin.", "non_compete.engage_in_business", True),
    ("Supplier shall not offer Customer pricing that is less competitive than its list prices.", "non_compete.not_sell_competing", False),
    ("Agent may not offer or promote competitive products without the consent of Kallo.", "non_compete.not_sell_competing", True),
    ("This Agreement shall not be assignable by Consultant.", "assignment.not_assignable", True),
    ("Title to the Software and all intellectual property rights therein are not transferred to Licensee.",
     "assignment.not_assignable", False),
    ("Increases in the FTE Rate must be approved by the Steering Committee.", "price_restriction.change_approval", True),
    ("The Company shall negotiate exclusively in good faith with HOC for sixty days.", "exclusivity.exclusive_dealing", True),
    ("Each party shall be solely and exclusively responsible for its own taxes.", "exclusivity.exclusive_dealing", False),
    # the last patterns of 2026-12-07: a court named by a party's seat, a good-faith attempt on disputes
    ("In case such negotiations fail, both Parties agree to submit the dispute to the competent court where Party A is "
     "domiciled.", "jurisdiction.party_seat", True),
    ("Either party may submit the dispute for resolution by litigation at the local people's court having jurisdiction "
     "over Party A.", "jurisdiction.party_seat", True),
    ("Either party shall submit to the court in the location of Party B.", "jurisdiction.forum", True),
    ("Licensee shall submit to Licensor the reports where the Products are located.", "jurisdiction.party_seat", False),
    ("The Complaining Party shall first make a reasonable and good faith attempt to resolve all disputes privately.",
     "dispute_resolution.attempt", True),
    ("Each party shall make good faith efforts to deliver the Products on time.", "dispute_resolution.attempt", False),
    # the newcomer's § 16.2 was explained as "exclusive jurisdiction"
    ("The parties submit to the non-exclusive jurisdiction of the courts of England.", "jurisdiction.exclusive", False),
    ("The courts of England shall have exclusive jurisdiction.", "jurisdiction.exclusive", True),
])
def test_classify_patterns_skip_negations_permissions_and_look_alikes(text, rule, fires):
    """A pattern's ``unless`` (or its wording) keeps a negated, permissive or unrelated use of the
    words from counting as evidence; the operative clause still fires."""
    assert (rule in {h.rule for h in patterns().find(text)}) is fires


def test_classify_patterns_reject_a_malformed_entry_by_name():
    with pytest.raises(ValueError, match="insurance.x"):
        PatternSet({"insurance": {"insurance.x": {"re": r"\\bpolicy\\b", "unles": "not"}}})


def test_classify_patterns_unless_vetoes_one_sentence_and_searches_on():
    ps = PatternSet({"insurance": {"insurance.x": {"re": r"\bpolicy\b", "unless": r"\bnot\b"}}})
    assert ps.find("There is not a policy.") == []
    hits = ps.find("There is not a policy. Each party keeps a policy.")
    assert [h.rule for h in hits] == ["insurance.x"] and hits[0].start > 20


def test_classify_patterns_gate_skips_types_without_trigger_words():
    ps = PatternSet({"insurance": {"_gate": ["insur"], "insurance.x": r"\bpolicy\b"}})
    assert ps.find("the policy is here") == []
    assert [h.rule for h in ps.find("insurance policy")] == ["insurance.x"]


def test_classify_arbitration_needs_the_word_and_not_only_a_mediation_body(fake_embedder):
    ps = PatternSet(conf_yaml("patterns.yaml"))
    # an arbitration body named for a mediation is no arbitration; the anchored veto reads the whole sentence
    assert not any(h.type == "arbitration" for h in ps.find(
        "First. Any mediation shall be conducted under the Commercial Mediation Rules of the American Arbitration Association."))
    assert any(h.rule == "arbitration.rules" for h in ps.find(
        "First. The parties shall mediate, and then submit the dispute to arbitration under the JAMS rules."))
    assert "arbitration" in ps.unnamed("Disputes go to expert determination or mediation.")
    assert "arbitration" not in ps.unnamed("ARBITRATION. The seat shall be London.")
    clf = classifier(embedder=fake_embedder) if ClauseHead.load(MODEL_STEM).uses_embeddings else classifier()
    got = clf.classify([
        _clause("c1", "If the parties cannot resolve the Dispute within 30 days, they must refer the Dispute to expert "
                      "determination or to mediation, the cost of which each party bears itself."),
        _clause("c2", "Any dispute arising under this Agreement shall be finally settled by binding arbitration under the "
                      "rules of the International Chamber of Commerce.", start=300)])
    assert not any(t.type == "arbitration" for t in got[0])
    assert any(t.type == "arbitration" and t.score >= 0.5 for t in got[1])


def test_classify_patterns_reject_unknown_type():
    with pytest.raises(ValueError):
        PatternSet({"not_a_type": {"x": "y"}})


def test_classify_heading_map_gives_several_types_and_strips_numbers():
    found = {h.type for h in headings().find("12.3 Governing Law; Jurisdiction.")}
    assert {"governing_law", "jurisdiction"} <= found
    assert normalise_heading("ARTICLE IV  Arbitration:") == "arbitration"
    assert HeadingMap({"notices": [r"\bnotices?\b"]}).find(None) == []


def test_classify_non_exclusive_is_not_exclusivity():
    ps = patterns()
    assert not [h for h in ps.find("Supplier appoints Distributor as its non-exclusive distributor of the Products.")
                if h.type == "exclusivity"]
    assert [h for h in ps.find("Supplier appoints Distributor as its exclusive distributor of the Products.")
            if h.type == "exclusivity"]
    assert not {h.type for h in headings().find("Non-Exclusivity")} & {"exclusivity"}
    assert not {h.type for h in headings().find("Exclusive Remedies")} & {"exclusivity"}
    assert "exclusivity" in {h.type for h in headings().find("5. Exclusivity")}
    # the head reads "non-exclusive" as one word, never as "exclusive"
    assert model_text("a non-exclusive,  non‐ exclusive licence").split() == ["a", "nonexclusive,", "nonexclusive", "licence"]


def test_classify_patterns_find_competition_and_price_restraints():
    found = {h.rule for h in patterns().find("During the Term, Distributor agrees not to sell any competing products "
                                              "in the Territory.")}
    assert "non_compete.not_sell_competing" in found
    found = {h.rule for h in patterns().find("Supplier shall charge prices no higher than the lowest price it "
                                              "charges any other customer; price increases shall not exceed 3%.")}
    assert {"price_restriction.lowest_price", "price_restriction.increase_cap"} <= found


def test_classify_own_text_stops_at_first_child():
    text = "9. Disputes. The parties shall first negotiate. (a) Arbitration in London under ICC rules."
    child_start = text.index("(a)")
    parent = _clause("c1", text, number="9.", heading="Disputes")
    child = _clause("c2", text[child_start:], start=child_start, parent="c1", number="(a)", level=2)
    own = own_text([parent, child])
    assert own[0] == text[:child_start]
    assert own[1] == text[child_start:]
    body, off = strip_heading(own[0], "9.", "Disputes")
    assert body.startswith("The parties") and own[0][off:] == body
    assert clause_inputs([parent, child])[0].heading == "Disputes"


def test_classify_parent_is_not_labelled_with_its_childs_type():
    text = "ARTICLE 5 GENERAL\n5.1 Arbitration. All disputes shall be settled by binding arbitration under the ICC rules."
    cstart = text.index("5.1")
    parent = _clause("c1", text, heading="GENERAL", number="ARTICLE 5")
    child = _clause("c2", text[cstart:], start=cstart, parent="c1", number="5.1", heading="Arbitration", level=2)
    labels = ClauseClassifier(_tiny_head()).classify([parent, child])
    assert "arbitration" not in {t.type for t in labels[0]}
    child_types = {t.type: t for t in labels[1]}
    assert child_types["arbitration"].score >= 0.5


def test_classify_every_label_explains_itself():
    clauses = [_clause("c1", "Insurance. Supplier shall maintain product liability insurance with a reputable carrier.",
                       heading="Insurance")]
    labels = ClauseClassifier(_tiny_head()).classify(clauses)[0]
    assert labels, "expected at least one label"
    for ts in labels:
        assert ts.explanation
        assert 0.0 <= ts.score <= 1.0
    ins = next(t for t in labels if t.type == "insurance")
    methods = {e.method for e in ins.explanation}
    assert {"heading", "pattern", "model"} <= methods
    assert any(e.matched and "insurance" in e.matched.lower() for e in ins.explanation)


def test_classify_empty_input_and_bare_heading():
    clf = ClauseClassifier(_tiny_head())
    assert clf.classify([]) == []
    labels = clf.classify([_clause("c1", "ARTICLE 7 CONFIDENTIALITY", heading="CONFIDENTIALITY", number="ARTICLE 7")])
    assert [t.type for t in labels[0]] == ["confidentiality"]
    assert labels[0][0].explanation[0].method == "heading"


def test_classify_a_heading_of_several_topics_vouches_only_for_those_its_text_speaks_of():
    # Embark's "SECTION 5. REPRESENTATIONS AND WARRANTIES; INDEMNITY" holds warranties only: the
    # heading no longer makes it an indemnification clause; a single-topic heading still counts
    clf = ClauseClassifier(_tiny_head())

    def types_of(heading, body):
        text = f"SECTION 5. {heading}\n5.1 {body}"
        cstart = text.index("5.1")
        parent = _clause("c1", text, number="SECTION 5.", heading=heading)
        child = _clause("c2", text[cstart:], start=cstart, parent="c1", number="5.1", level=2)
        return {t.type for t in clf.classify([parent, child])[0] if t.score >= 0.3}

    warranties = "Each party represents and warrants that it has full power to enter into this Agreement."
    assert types_of("REPRESENTATIONS AND WARRANTIES; INDEMNITY", warranties) == {"warranty"}
    assert "indemnification" in types_of("REPRESENTATIONS AND WARRANTIES; INDEMNITY",
                                         warranties + " Each party shall indemnify the other against claims.")
    assert "indemnification" in types_of("INDEMNITY", warranties)


def test_classify_a_section_that_deletes_what_its_heading_names_is_not_of_that_type():
    """VIVINT's amendment: "2. Non-Competition. Section 2 of the Non-Competition Agreement shall be
    deleted in its entirety" was non_compete 0.71 from its heading, and the report flagged the restraint
    the amendment removes. Deleted and replaced, the heading still counts (the new text is the clause)."""
    clf = ClauseClassifier(_tiny_head())

    def heading_types(body):
        labels = clf.classify([_clause("c1", f"2. Confidentiality. {body}", number="2.", heading="Confidentiality")])[0]
        return {t.type for t in labels if any(e.method == "heading" for e in t.explanation)}

    assert heading_types("Section 9 of the Original Agreement shall be deleted in its entirety.") == set()
    assert heading_types("Section 9 of the Original Agreement is hereby deleted.") == set()
    assert heading_types("Section 9 of the Original Agreement is hereby deleted and replaced with the following: each "
                         "party shall keep the other's information secret.") == {"confidentiality"}
    assert heading_types("Each party shall keep the other's information secret.") == {"confidentiality"}


def test_classify_scores_are_monotone_in_evidence():
    clf = ClauseClassifier(_tiny_head())
    base, with_pattern = clf.classify([
        _clause("c1", "The arbitration shall be held."),
        _clause("c2", "Disputes shall be settled by binding arbitration under the ICC rules."),
    ])
    s = lambda ls: next(t.score for t in ls if t.type == "arbitration")  # noqa: E731
    assert s(with_pattern) > s(base)


def test_classify_stacker_lets_a_pattern_outweigh_a_doubtful_head():
    """Where a pattern fires, the label no longer follows the head (as for a joint venture's 50/50
    income split, whose words the head rarely saw): the interaction term learns that, the linear
    stacker of the previous release cannot."""
    from coaltext.classify.train import fit_stack

    rng = np.random.default_rng(0)
    n = 6000
    logit_ = rng.normal(0, 2, n).astype(np.float32)
    hit = (rng.random(n) < 0.15).astype(np.float32)
    with_pattern = rng.random(n) < 1 / (1 + np.exp(-(0.3 * logit_ + 1.5)))  # the head barely matters
    y = np.where(hit == 1, with_pattern, logit_ + rng.normal(0, 0.5, n) > 2.5).astype(np.int8)

    def p(stack, z, h):
        head = ClauseHead(types=["t"], features="tfidf", coef=np.zeros((1, 1), np.float32),
                          intercept=np.zeros(1, np.float32), stack=stack)
        return float(head.calibrated(np.array([[z]], np.float32), np.array([[h]], np.float32))[0, 0])

    with_term = fit_stack(logit_[:, None], hit[:, None], y[:, None])
    linear = fit_stack(logit_[:, None], hit[:, None], y[:, None], interaction=False)
    assert with_term.shape == (1, 5) and linear.shape == (1, 3)
    assert abs(p(with_term, -3.0, 1.0) - 0.65) < 0.1  # a doubtful head, a pattern hit: about the true 0.65
    assert p(linear, -3.0, 1.0) < 0.4
    assert p(with_term, -3.0, 0.0) < 0.05  # no pattern: the head still decides
    assert p(with_term, 4.0, 0.0) > 0.9


def test_classify_stacker_never_lets_the_head_count_against_a_type():
    """With few examples the product term can flip the head's sign on pattern-hit clauses; such a
    type keeps the linear stacker."""
    from coaltext.classify.train import fit_stack

    rng = np.random.default_rng(1)
    n = 3000
    logit_ = rng.normal(0, 2, n).astype(np.float32)
    hit = (rng.random(n) < 0.1).astype(np.float32)
    y = np.where(hit == 1, logit_ < 0, logit_ + rng.normal(0, 0.5, n) > 2.5).astype(np.int8)
    stack = fit_stack(logit_[:, None], hit[:, None], y[:, None])
    assert stack[0, 4] == 0.0 and stack[0, 0] > 0


def test_classify_head_round_trips_through_files(tmp_path):
    head = _tiny_head()
    head.save(tmp_path / "h")
    back = ClauseHead.load(tmp_path / "h")
    texts = ["binding arbitration", "insurance cover"]
    assert np.allclose(head.logits(texts), back.logits(texts), atol=1e-2)
    assert back.heading_reliability == head.heading_reliability
    assert not back.uses_sentences
    head.sent_coef = head.coef[::-1].copy()
    head.sent_intercept = np.full(len(head.types), -1.0, np.float32)
    head.stack = np.tile(np.array([1.0, 3.0, -4.0, 0.5], np.float32), (len(head.types), 1))
    head.save(tmp_path / "s")
    back = ClauseHead.load(tmp_path / "s")
    assert back.uses_sentences
    assert np.allclose(head.sentence_logits(texts), back.sentence_logits(texts), atol=1e-2)


@pytest.mark.skipif(not MODEL_STEM.with_suffix(".npz").exists(), reason="shipped clause model not built")
def test_classify_shipped_model_types_plain_clauses(fake_embedder):
    clf = classifier(embedder=fake_embedder) if ClauseHead.load(MODEL_STEM).uses_embeddings else classifier()
    clauses = [
        _clause("c1", "This Agreement shall be governed by the laws of the State of Delaware, without regard to its conflict of laws principles."),
        _clause("c2", "Neither party may assign this Agreement without the prior written consent of the other party.", start=200),
        _clause("c3", "Licensee shall pay Licensor a royalty equal to five percent (5%) of Net Sales of Licensed Products.", start=400),
    ]
    got = [{t.type for t in ls if t.score >= 0.5} for ls in clf.classify(clauses)]
    assert "governing_law" in got[0]
    assert "assignment" in got[1]
    assert "revenue_sharing" in got[2]


class _FakeCuad:
    """Stands in for the corpora loaders: one contract, no CUAD spans."""

    TEXT = ("1. Governing Law. This Agreement is governed by the laws of New York and the parties submit to "
            "the exclusive jurisdiction of the courts of New York.\n\n"
            "2. Ownership. Each party retains all right, title and interest in and to its intellectual property.\n\n"
            "3. Payment. Fees are payable within thirty days of receipt of an invoice from the vendor.\n")

    def cuad_annotations(self):
        return {"c1": {"spans": []}}

    def cuad_contracts(self):
        return [{"contract_id": "c1"}]

    def cuad_text(self, cid):
        return self.TEXT

    def hand_labels(self, split):
        assert split in ("dev", "test", "test2"), split  # test3 … test7 only ever measure
        return getattr(self, "hand", {}) if split == "dev" else getattr(self, "hand_test", {})

    def clause_labels(self):
        return getattr(self, "relabels", {})


def test_classify_weak_negatives_yield_to_explicit_patterns(monkeypatch):
    """A 'Governing Law' clause that also submits to the courts is no negative for jurisdiction, and
    CUAD's silence on 'each party retains its IP' (CUAD's category is IP assignment) is no negative
    for our broader ip_ownership; a payment clause stays a negative for both."""
    from coaltext.classify import data as cdata

    monkeypatch.setattr(cdata, "_corpora", lambda: _FakeCuad())
    examples = cdata.cuad_examples(["c1"])
    by_heading = {ex.heading: ex.labels for ex in examples}
    assert "jurisdiction" not in by_heading["Governing Law"]
    assert by_heading["Governing Law"]["arbitration"] == 0  # headed for another type, no pattern
    assert by_heading["Ownership"]["ip_ownership"] == -1
    assert by_heading["Payment"]["ip_ownership"] == 0
    assert by_heading["Payment"]["price_restriction"] == 0


def test_classify_sentences_split_at_sentence_ends_and_enumerations():
    from coaltext.classify.features import sentence_spans

    body = ("The Distributor shall not sell competing products during the Term. (a) Licensor grants an "
            "exclusive licence in the Territory; (b) the Licensee shall pay royalties of 5% of Net Sales. "
            "Section 5.2. Prices shall not increase by more than CPI.")
    got = [body[a:b] for a, b in sentence_spans(body)]
    assert got == ["The Distributor shall not sell competing products during the Term.",
                   "(a) Licensor grants an exclusive licence in the Territory;",
                   "(b) the Licensee shall pay royalties of 5% of Net Sales.",
                   "Section 5.2. Prices shall not increase by more than CPI."]
    assert sentence_spans("") == []


def test_classify_best_sentence_lifts_a_type_stated_once_in_a_long_clause():
    """The sentence head sees the one sentence that states the type; the clause head, reading the
    whole clause, does not. A 4-column stacker adds the best sentence's logit."""
    filler = " ".join(f"The Supplier shall deliver the goods listed in item {i} on time." for i in range(30))
    clause = _clause("c1", filler + " The Supplier shall maintain insurance with reputable insurers.")
    head = _tiny_head()
    types = head.types
    j = types.index("insurance")
    head.coef[:] = 0.0  # the clause head has learnt nothing
    without = ClauseClassifier(head).score_matrix([clause])[0][0, j]
    head.sent_coef = np.zeros_like(head.coef)
    head.sent_coef[j, 1] = 12.0
    head.sent_intercept = np.full(len(types), -2.0, np.float32)
    head.stack = np.tile(np.array([1.0, 3.0, -4.0, 0.0], np.float32), (len(types), 1))
    head.stack[j, 3] = 1.0
    with_sentences = ClauseClassifier(head).score_matrix([clause])[0][0, j]
    assert without < 0.3 <= with_sentences


def test_classify_hand_labels_override_weak_labels_for_their_contract(monkeypatch):
    """Our own whole-contract labels: the evidence clause is a positive, a type absent from the
    whole contract is a negative everywhere — even where a pattern fired."""
    from coaltext.classify import data as cdata

    fake = _FakeCuad()
    text = fake.TEXT
    a = text.index("Fees are payable")
    fake.hand = {"c1": {"types": {
        "price_restriction": {"present": True, "evidence": [[a, a + 40]]},
        "ip_ownership": {"present": False, "evidence": []},
        "jurisdiction": {"present": False, "evidence": []},
    }}}
    monkeypatch.setattr(cdata, "_corpora", lambda: fake)
    by_heading = {ex.heading: ex.labels for ex in cdata.cuad_examples(["c1"])}
    assert by_heading["Payment"]["price_restriction"] == 1
    assert by_heading["Ownership"]["ip_ownership"] == 0  # the pattern fired; the hand label says absent
    assert by_heading["Governing Law"]["jurisdiction"] == 0
    assert by_heading["Governing Law"]["price_restriction"] == 0  # CUAD-exhaustive negative kept


def test_classify_hand_labels_of_the_retired_test_splits_teach_and_held_out_ones_are_never_read(monkeypatch):
    """"test" and "test2" teach since they were scored too often to measure anything; the fake
    corpora refuse to be asked for "test3" … "test7", so reading those would fail here."""
    from coaltext.classify import data as cdata

    fake = _FakeCuad()
    a = fake.TEXT.index("Fees are payable")
    fake.hand_test = {"c1": {"types": {"price_restriction": {"present": True, "evidence": [[a, a + 40]]}}}}
    monkeypatch.setattr(cdata, "_corpora", lambda: fake)
    by_heading = {ex.heading: ex.labels for ex in cdata.cuad_examples(["c1"])}
    assert by_heading["Payment"]["price_restriction"] == 1
    assert set(cdata.TRAIN_HAND_SPLITS) == {"dev", "test", "test2"}


def test_classify_a_lone_word_in_a_table_row_is_not_read_as_a_clause_type():
    """A table rule with one word ("Insurance ----|----") would put the whole TF-IDF vector on
    that word; the head does not read a body of fewer than three words, a real clause still scores."""
    clf = ClauseClassifier(_tiny_head(), min_score=0.0)
    j = clf.types.index("insurance")
    rows = [_clause("c1", "Insurance   ---------  |  --------  |"),
            _clause("c2", "The Supplier shall maintain insurance.")]
    scores = clf.score_matrix(rows)[0]
    assert scores[0, j] == 0.0
    assert scores[1, j] > 0.5


def test_classify_clause_labels_turn_cuad_silence_into_our_label(monkeypatch):
    """A clause read by hand against our definition takes that label for that type — a positive
    where CUAD's narrower category left a negative, a negative where a pattern had made it unknown —
    and leaves the other types and clauses alone."""
    from coaltext.classify import data as cdata

    fake = _FakeCuad()
    text = fake.TEXT
    pay = text.index("Fees are payable")
    own = text.index("Each party retains")
    fake.relabels = {"c1": [
        {"start": pay, "end": text.index("vendor.") + 7, "type": "revenue_sharing", "label": 1},
        {"start": own, "end": text.index("property.") + 9, "type": "ip_ownership", "label": 0},
    ]}
    monkeypatch.setattr(cdata, "_corpora", lambda: fake)
    by_heading = {ex.heading: ex.labels for ex in cdata.cuad_examples(["c1"])}
    assert by_heading["Payment"]["revenue_sharing"] == 1
    assert by_heading["Ownership"]["ip_ownership"] == 0
    assert by_heading["Governing Law"]["revenue_sharing"] == 0
    assert by_heading["Payment"]["ip_ownership"] == 0


def test_classify_drug_regulatory_approval_heading_is_not_antitrust():
    """'Regulatory Approvals' in a pharma collaboration means the FDA, not competition law."""
    hm = headings()
    assert "antitrust_compliance" not in {h.type for h in hm.find("12.1 Regulatory Approval")}
    assert "antitrust_compliance" in {h.type for h in hm.find("Antitrust Filings; HSR Act")}


def test_classify_reporting_needs_a_report_record_or_audit():
    ps = PatternSet(conf_yaml("patterns.yaml"))
    # "provide" alone is no reporting duty; a report, a record or an audit is
    assert "reporting_audit" in ps.unnamed("Newegg shall provide to Allied, at its cost, all necessary artwork of the Newegg Marks.")
    assert "reporting_audit" not in ps.unnamed("Licensee shall provide quarterly reports of Net Sales within 30 days.")
    assert "reporting_audit" not in ps.unnamed("Each party may inspect the books of the other once a year.")



def test_classify_a_table_of_contents_states_no_type():
    text = "TABLE OF CONTENTS 12. Arbitration 9 13. Insurance 10 14. Confidentiality 11"
    toc = Clause(id="c1", heading="TABLE OF CONTENTS", level=1, kind="contents", start=0, end=len(text), text=text)
    clf = ClauseClassifier(_tiny_head())
    assert clf.classify([toc]) == [[]]
    assert clf.classify([toc.model_copy(update={"heading": "Insurance"})]) == [[]]  # nor from a heading
    assert {t.type for t in clf.classify([toc.model_copy(update={"kind": "clause"})])[0]} >= {"arbitration", "insurance"}


def test_classify_a_table_of_contents_is_no_training_example(monkeypatch):
    from coaltext.classify import data as cdata

    class _WithContents(_FakeCuad):
        TEXT = ("TABLE OF CONTENTS\n\n1. Governing Law   2\n2. Ownership   3\n3. Payment   4\n\n"
                "This Agreement is made by Acme Corp. and Beta Ltd.\n\n" + _FakeCuad.TEXT)

    monkeypatch.setattr(cdata, "_corpora", lambda: _WithContents())
    examples = cdata.cuad_examples(["c1"])
    assert {ex.heading for ex in examples} >= {"Governing Law", "Ownership", "Payment"}
    assert not any("Ownership 3" in ex.full for ex in examples)  # (``full`` has its spaces squashed)


_FORMULAS = [
    "NOW, THEREFORE, in consideration of the premises and the mutual covenants herein, the parties hereto agree as follows:",
    "The Parties agree as follows:",
    "IN WITNESS WHEREOF, the parties have executed this Agreement as of the date first written above. ACME CORP. By: /s/ Jane Doe",
]


def test_classify_the_framing_formulas_state_no_type():
    # "NOW, THEREFORE … agree as follows:" closes the recitals and "IN WITNESS WHEREOF" opens the
    # signatures: the shipped head had read the first as purpose (p 0.92-0.98), the last as entire_agreement
    clf = classifier()
    clauses = [Clause(id=f"c{i}", level=1, kind="paragraph", start=0, end=len(t), text=t) for i, t in enumerate(_FORMULAS)]
    assert clf.classify(clauses) == [[], [], []]
    text = "NOW, THEREFORE, the parties agree as follows: Acme shall pay Beta ten percent (10%) of the net revenues."
    operative = Clause(id="c9", level=1, kind="paragraph", start=0, end=len(text), text=text)
    assert "revenue_sharing" in {t.type for t in clf.classify([operative])[0]}  # words after the formula count


def test_classify_the_framing_formulas_are_no_training_example(monkeypatch):
    from coaltext.classify import data as cdata

    class _WithFormulas(_FakeCuad):
        TEXT = ("This Agreement is made by Acme Corp. and Beta Ltd.\n\n" + _FORMULAS[0] + "\n\n" + _FakeCuad.TEXT
                + "\n" + _FORMULAS[2] + "\n")

    monkeypatch.setattr(cdata, "_corpora", lambda: _WithFormulas())
    examples = cdata.cuad_examples(["c1"])
    assert {ex.heading for ex in examples} >= {"Governing Law", "Ownership", "Payment"}
    assert not any("agree as follows" in ex.full or "IN WITNESS" in ex.full for ex in examples)



@pytest.mark.parametrize("text", [
    "Accordingly, Inktomi and Microsoft hereby agree as follows:",
    "Cargill and Bioamber mutually agree as follows:",
    "NOW, THEREFORE;",
    "IN CONSIDERATION of the mutual agreements in this Agreement, the parties agree as follows: Page 1",
    "IN  WITNESS HEREOF, the Parties have caused this Agreement to be executed by their duly authorized representatives.",
    "IN WITNESS WHEREOF, the parties have executed this Agreement. ACME CORP. By: /s/ Jane Doe, with a copy "
    "(which will not constitute notice) to: Smith LLP, 1 Main Street.",
    "IN WITNESS WHEREOF, we and you agree to be bound by the terms of this Amendment. ACME LICENSE CORP. By: /s/ J. Doe",
])
def test_classify_the_framing_formulas_in_other_words(text):
    from coaltext.classify.features import is_formula

    assert is_formula(text)


@pytest.mark.parametrize("text", [
    "Accordingly, Company hereby grants to Distributor the sole and exclusive right to sell the Products in the "
    "Territory, and Distributor agrees as follows:",
    "Therefore, Consultant shall not engage in any business that competes with Company, and Consultant further "
    "agrees to the following:",
    "IN WITNESS WHEREOF the parties have executed this Agreement. This Agreement shall be governed by the laws of Delaware.",
    "NOW, THEREFORE, the parties agree that Section 5 is amended to extend the term as follows:",
    # a recital run into the formula still states the parties' aim
    "WHEREAS, Acme and Beta wish to form a strategic alliance; NOW, THEREFORE, the parties agree as follows:",
    "The parties agree to the following non-binding sales and marketing cooperation efforts:",
    "WHEREAS, Acme and Beta wish to form a strategic alliance, NOW, THEREFORE, the parties agree as follows:",
    "In connection with the Promotion, Acme and Beta desire to enter into a marketing relationship. THEREFORE, "
    "the parties agree as follows:",
    # an obligation or a grant ahead of the formula is a clause
    "Licensor grants Licensee an exclusive worldwide license to the Patents, and Licensee agrees as follows:",
    "Distributor agrees to purchase at least 10,000 units per year and further agrees as follows:",
    "In consideration of the license granted herein, Licensee agrees to pay Licensor a royalty of 5% of Net Sales "
    "and the parties agree as follows:",
])
def test_classify_a_clause_that_says_something_is_no_formula(text):
    from coaltext.classify.features import is_formula

    assert not is_formula(text)


def test_classify_a_formula_under_a_heading_keeps_the_heading():
    text = "7. Confidentiality. Each Party agrees as follows:"
    c = Clause(id="c1", number="7", heading="Confidentiality", level=1, kind="section", start=0, end=len(text), text=text)
    assert "confidentiality" in {t.type for t in classifier().classify([c])[0]}
