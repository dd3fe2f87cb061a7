"""Deadlines written plainly in minutes: a task given after a leading clause, "till the end of the
week", "the last of June". spaCy is replaced by a blank pipeline."""

from __future__ import annotations

import pytest

from coaltext.structure.minutes import extract_minutes
from coaltext.types import Document


# spaCy is a blank English pipeline with a sentencizer here (tests/conftest.py: blank_nlp)
pytestmark = pytest.mark.usefixtures("blank_nlp")


def items(body: str):
    text = "Project meeting\nDate: 4 June 2020\nAttendees: [PERSON10], [PERSON15], Ana Ruiz\n\nDemo\n" + body
    r = extract_minutes(Document(name="m.txt", sha256="0" * 64, media_type="text/plain", text=text))
    return [(i.kind, i.owner, i.due, i.text) for i in r.items]


def test_a_task_after_a_leading_clause_has_its_owner_and_till_gives_the_due_date():
    got = items("- Again choosing a date for the officer, [PERSON15] will prepare the internal poll which should be "
                "filled out till the end of the week.\n")
    assert [(k, o, d) for k, o, d, _ in got] == [("action", "[PERSON15]", "2020-06-05")]
    # without a deadline too, for a listed attendee; "will not", or a name that is no attendee's, gives none
    assert [(k, o) for k, o, _, _ in items("- Because of the holidays, Ana Ruiz will send a poll.\n")] == [("action", "Ana Ruiz")]
    assert items("- Because of her exams, Ana Ruiz will not attend the demo.\n") == []
    assert items("- For the demo, German will be the source language.\n") == []
    # "till September" (the review postponed) gives no task
    assert items("- The review will postpone till September.\n") == []


def test_the_last_of_a_month_is_its_end_and_a_decision_carries_a_due_date_after_a_deadline_word():
    got = items("- It is needed to submit all the deliverables at the latest on the last of June.\n")
    assert [(k, d) for k, _, d, _ in got] == [("decision", "2020-06-30")]
    got = items("- Submit all the deliverables by the last of June.\n")
    assert [(k, d) for k, _, d, _ in got] == [("action", "2020-06-30")]
    # a decision's date with no deadline word before it is when something happens, no due date
    got = items("- We agreed to hold the workshop on 1 July.\n")
    assert [(k, d) for k, _, d, _ in got] == [("decision", None)]


def test_the_subject_after_so_receives_the_work_and_a_date_is_no_doer(blank_nlp):
    """spaCy hangs "All papers should be submitted by Friday, so the reviewers have 2 weeks" under
    "have": its subject, the reviewers, was the owner; they receive the papers. The clause before
    ", so" says who does the work (here nobody). "sent by Friday": a date is no passive's agent."""
    from spacy.tokens import Doc

    from coaltext.structure.minutes import _owner_by_parse

    words = ["All", "papers", "should", "be", "submitted", "by", "Friday", ",", "so", "the", "reviewers", "have", "time"]
    pos = ["DET", "NOUN", "AUX", "AUX", "VERB", "ADP", "PROPN", "PUNCT", "ADV", "DET", "NOUN", "VERB", "NOUN"]
    heads = [1, 4, 4, 4, 11, 4, 5, 11, 11, 10, 11, 11, 11]
    deps = ["det", "nsubjpass", "aux", "auxpass", "ccomp", "agent", "pobj", "punct", "advmod", "det", "nsubj", "ROOT", "dobj"]
    assert _owner_by_parse(Doc(blank_nlp.vocab, words=words, pos=pos, heads=heads, deps=deps), None) is None
    # the clause before ", so" names its doer: that one
    words = ["The", "designers", "will", "check", "it", ",", "so", "the", "reviewers", "have", "time"]
    pos = ["DET", "NOUN", "AUX", "VERB", "PRON", "PUNCT", "ADV", "DET", "NOUN", "VERB", "NOUN"]
    heads = [1, 3, 3, 9, 3, 9, 9, 8, 9, 9, 9]
    deps = ["det", "nsubj", "aux", "ccomp", "dobj", "punct", "advmod", "det", "nsubj", "ROOT", "dobj"]
    assert _owner_by_parse(Doc(blank_nlp.vocab, words=words, pos=pos, heads=heads, deps=deps), None) == "The designers"
    # the clause before ", so" names no doer ("The report is late"): the task after it is its subject's own
    words = ["The", "report", "is", "late", ",", "so", "Ben", "Carter", "will", "send", "it"]
    pos = ["DET", "NOUN", "AUX", "ADJ", "PUNCT", "ADV", "PROPN", "PROPN", "AUX", "VERB", "PRON"]
    heads = [1, 2, 9, 2, 9, 9, 7, 9, 9, 9, 9]
    deps = ["det", "nsubj", "ccomp", "acomp", "punct", "advmod", "compound", "nsubj", "aux", "ROOT", "dobj"]
    assert _owner_by_parse(Doc(blank_nlp.vocab, words=words, pos=pos, heads=heads, deps=deps), None) == "Ben Carter"


def test_co_owners_of_a_task_are_both_kept(blank_nlp):
    """"So PERSON5 and PERSON11 will prepare the slides": the parse gave PERSON5 alone (spaCy tags the
    second tag a noun), and an owner "PERSON5 and PERSON11" matched the attendee PERSON5 alone."""
    from spacy.tokens import Doc

    from coaltext.structure.minutes import _owner_by_parse

    words = ["So", "PERSON5", "and", "PERSON11", "will", "prepare", "the", "slides"]
    pos = ["ADV", "PROPN", "CCONJ", "NOUN", "AUX", "VERB", "DET", "NOUN"]
    heads = [5, 5, 1, 1, 5, 5, 7, 5]
    deps = ["advmod", "nsubj", "cc", "conj", "aux", "ROOT", "det", "dobj"]
    got = _owner_by_parse(Doc(blank_nlp.vocab, words=words, pos=pos, heads=heads, deps=deps), None)
    assert got == "PERSON5 and PERSON11"
    # written notes: both owners keep the attendee list's spelling
    text = ("Sync\nAttendees: [PERSON5], [PERSON11]\n\nAction items\n- [PERSON5] and [PERSON11] to prepare the slides\n")
    r = extract_minutes(Document(name="n.txt", sha256="0" * 64, media_type="text/plain", text=text))
    assert [i.owner for i in r.items if i.kind == "action"] == ["[PERSON5] and [PERSON11]"]


def test_terse_notes_of_what_was_settled_are_decisions():
    got = items("- Reviewer for the management guide selected.\n- Deciding to use the new server for the demo.\n"
                "- Deciding on a date for the review.\n- Venue not yet confirmed.\n- The venue is to be chosen.\n")
    assert [(k, t) for k, _, _, t in got] == [("decision", "Reviewer for the management guide selected."),
                                               ("decision", "Deciding to use the new server for the demo.")]


def test_notes_that_only_mention_a_settling_are_no_decisions():
    """What the two terse-note cues must not read: "Deciding to …" as the subject of its own verb, a
    "none"/"neither", a question reported, a condition ("until", "once"), a relative clause cut off."""
    got = items("- None of the proposals was approved.\n- Deciding to postpone is not an option.\n"
                "- Deciding to cancel would cost us the grant.\n- Neither option approved.\n"
                "- Three candidates were interviewed; none selected.\n- Ben Carter asked who had been selected.\n"
                "- Waiting until the budget is approved.\n- The supplier Ana Ruiz had selected.\n"
                "- Option B chosen.\n")
    assert [(k, t) for k, _, _, t in got] == [("decision", "Option B chosen.")]
    assert not any(k == "decision" for k, _, _, _ in items("- Ana Ruiz will check once the venue is confirmed.\n"))
