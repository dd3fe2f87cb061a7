"""The classifier on real contracts (CUAD via ../shared/corpora) and on the project's sample
agreement, end to end through the pipeline."""

from __future__ import annotations

import re

import pytest

import coaltext
from coaltext.classify import classifier
from coaltext.classify import data as cdata
from coaltext.classify.engine import MODEL_STEM
from coaltext.classify.rules import patterns
from coaltext.coverage import coverage_items, playbooks
from coaltext.report.agreement import to_html, to_markdown

needs_model = pytest.mark.skipif(not MODEL_STEM.with_suffix(".npz").exists(), reason="shipped clause model not built")


def _cuad_ids(n: int, category: str) -> list[str]:
    import corpora

    ann = corpora.cuad_annotations()
    ids = sorted(cid for cid, rec in ann.items() if any(s["category"] == category for s in rec["spans"]))
    return ids[:: max(1, len(ids) // n)][:n]


def test_classify_pattern_gates_never_change_hits_on_cuad(shared_corpora):
    ps = patterns()
    examples = cdata.cuad_examples(_cuad_ids(4, "Governing Law"))
    assert len(examples) > 100
    for ex in examples:
        gated = {h.rule for h in ps.find(ex.full)}
        ungated = {pid for _, pid, rx in ps.patterns if ps.search(pid, rx, ex.full)}
        assert gated == ungated, ex.full[:200]


@needs_model
def test_classify_finds_governing_law_and_assignment_in_cuad_contracts(shared_corpora):
    import corpora

    clf = classifier()
    found = {"governing_law": 0, "assignment": 0}
    ids = _cuad_ids(12, "Governing Law")
    ann = corpora.cuad_annotations()
    has_assign = 0
    for cid in ids:
        clauses = cdata.segment(corpora.cuad_text(cid), cid + ".txt")
        typed = [c.model_copy(update={"types": t}) for c, t in zip(clauses, clf.classify(clauses))]
        items = {i.type: i for i in coverage_items(typed, playbooks()["generic"])}
        found["governing_law"] += items["governing_law"].status == "present"
        if any(s["category"] == "Anti-Assignment" for s in ann[cid]["spans"]):
            has_assign += 1
            found["assignment"] += items["assignment"].status == "present"
    assert found["governing_law"] >= len(ids) - 1
    assert found["assignment"] >= has_assign - 1


@needs_model
def test_classify_sample_alliance_agreement_end_to_end(samples):
    report = coaltext.analyze(samples / "alliance_agreement.txt")
    items = {i.type: i for i in report.coverage.items}
    assert len(items) == 27
    assert report.coverage.playbook in {"research_collaboration", "strategic_alliance", "joint_venture"}
    assert report.coverage.playbook_reason
    for t in ("purpose", "contributions", "governance", "ip_ownership", "ip_license", "revenue_sharing",
              "confidentiality", "arbitration", "governing_law", "antitrust_compliance", "termination"):
        assert items[t].status == "present", t
    assert items["insurance"].status != "present"  # the sample has no insurance clause by design
    terms = {t.name: t for t in report.key_terms}
    assert terms["governing_law"].value == "Switzerland" and terms["initial_term"].value == "5 years"
    assert terms["renewal"].value == "2 years" and terms["renewal_notice"].value == "6 months"
    assert all(t.clause in {c.id for c in report.clauses} for t in report.key_terms)
    byid = {c.id: c for c in report.clauses}
    for t in ("arbitration", "governance", "revenue_sharing"):
        for cid in items[t].evidence:
            assert cid in byid and any(ts.type == t and ts.explanation for ts in byid[cid].types)
    # the two industrial parties compete: restraints are raised above info
    md, page = to_markdown(report), to_html(report)
    assert "Required but missing" in md and "<!doctype html>" in page
    assert re.search(r"Revenue sharing", md)
