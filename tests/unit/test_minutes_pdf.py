"""Minutes read from PDF and Word files: a PDF keeps the words of its headings, not their bold, and
wraps long lines; a Word table keeps its empty cells. spaCy is replaced by a blank pipeline."""

from __future__ import annotations

import pytest

from coaltext import models
from coaltext.ingest import read
from coaltext.structure.minutes import extract_minutes


@pytest.fixture(autouse=True)
def blank_nlp(monkeypatch):
    """A blank English pipeline with a sentencizer instead of the real model (no parse, no NER)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    monkeypatch.setattr(models, "nlp", lambda: nlp)
    return nlp


def minutes_pdf(lines: list[tuple[str, str]]) -> bytes:
    """A PDF of (style, text) lines: "B" a bold heading, "-" a bullet, "" a plain line (one line each)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for style, text in lines:
        pdf.set_font("Helvetica", "B" if style == "B" else "", 13 if style == "B" else 11)
        pdf.set_x(16 if style == "-" else 10)
        pdf.cell(0, 6, ("- " if style == "-" else "") + text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


PDF_LINES = [
    ("B", "Pilot sync, demo planning"),
    ("", "Date: 3 March 2021"),
    ("", "Attendees: Ana Ruiz, Ben Carter, Li Wei, Marta Sousa, Tomas Novak, Eva Lind,"),
    ("", "Omar Haddad"),
    ("B", "Objectives of this meeting"),
    ("-", "Budget for the pilot."),
    ("-", "Choosing a date for the demo"),
    ("B", "Discussing the budget"),
    ("-", "The budget will be approved by the board in April."),
    ("-", "Ana Ruiz will send the revised budget by Friday."),
    ("B", "Discussing the demo"),
    ("-", "We agreed to hold the demo in Valencia."),
]


def test_pdf_minutes_agenda_ends_at_the_next_heading_and_the_body_gives_items():
    d = read(minutes_pdf(PDF_LINES), name="sync.pdf")
    r = extract_minutes(d)
    # the agenda is the two bullets under "Objectives of this meeting", not the rest of the minutes
    assert [a.text for a in r.agenda] == ["Budget for the pilot.", "Choosing a date for the demo"]
    kinds = {(i.kind, i.text) for i in r.items}
    assert ("action", "Ana Ruiz will send the revised budget by Friday.") in kinds
    assert ("decision", "We agreed to hold the demo in Valencia.") in kinds
    # the bare headings are no items ("Discussing the budget" is a heading, not a decision)
    assert not any(i.text.startswith("Discussing") for i in r.items)
    owner = next(i.owner for i in r.items if i.kind == "action")
    assert owner == "Ana Ruiz"


def test_pdf_minutes_wrapped_attendee_line_keeps_its_last_name():
    r = extract_minutes(read(minutes_pdf(PDF_LINES), name="sync.pdf"))
    names = [a.name for a in r.meeting.attendees]
    assert "Omar Haddad" in names and "Eva Lind" in names
    # a list that ends on its line (no comma) takes no line below it
    lines = [("", "Attendees: Ana Ruiz, Ben Carter"), ("", "Omar Haddad will book the room by Friday.")]
    r = extract_minutes(read(minutes_pdf(lines), name="two.pdf"))
    assert [a.name for a in r.meeting.attendees] == ["Ana Ruiz", "Ben Carter"]
    assert [i.owner for i in r.items if i.kind == "action"] == ["Omar Haddad"]


def test_pdf_agenda_wrapped_inside_an_entry_is_one_list():
    """A PDF wraps a long "Agenda: …" line wherever the width ends, inside an entry: the entry is joined
    again, the next line's entries belong to the agenda, and a sentence below the list is no entry."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    for line in ["Date: 3 March 2021",
                 "Agenda: budget for the pilot, choosing the demo date, the review of the deliverables, the travel",
                 "plans for June, any other business",
                 "Ana Ruiz will send the revised budget by Friday."]:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    r = extract_minutes(read(bytes(pdf.output()), name="agenda.pdf"))
    assert [a.text for a in r.agenda] == ["budget for the pilot", "choosing the demo date", "the review of the deliverables",
                                          "the travel plans for June", "any other business"]
    assert [i.owner for i in r.items if i.kind == "action"] == ["Ana Ruiz"]


def test_plain_text_heading_between_lists_is_no_item_but_a_sentence_is():
    text = ("Agenda\n- Budget\n- Demo date\nDiscussing the budget\n- The budget will be approved in April.\n"
            "Ana Ruiz will send the revised budget by Friday\n- We agreed to hold the demo in Valencia.\n")
    from coaltext.types import Document

    r = extract_minutes(Document(name="n.txt", sha256="0" * 64, media_type="text/plain", text=text))
    assert [a.text for a in r.agenda] == ["Budget", "Demo date"]
    assert not any(i.text.startswith("Discussing") for i in r.items)
    # a sentence between two lists with its subject first stays a sentence (an action), no heading
    assert any(i.kind == "action" and i.owner == "Ana Ruiz" for i in r.items)



def test_docx_action_table_row_with_an_empty_last_cell_keeps_its_owner_and_the_rows_below():
    """Word leaves the empty cells at the end of a row out ("Ana | Annotate the data", no due date):
    the row is still a row of the action table, and so are the rows after it."""
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("Date: 13 October 2020")
    d.add_heading("Action items", 2)
    t = d.add_table(rows=4, cols=3)
    for r, row in enumerate([("Owner", "Action", "Due"), ("Ben Carter", "Download the corpus", "2020-10-20"),
                             ("Ana Ruiz", "Annotate the data", ""), ("Ben Carter", "Clean the data", "next week")]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    buf = io.BytesIO()
    d.save(buf)
    r = extract_minutes(read(buf.getvalue(), name="actions.docx"))
    acts = [(i.owner, i.text, i.due) for i in r.items if i.kind == "action"]
    assert acts == [("Ben Carter", "Download the corpus", "2020-10-20"), ("Ana Ruiz", "Annotate the data", None),
                    ("Ben Carter", "Clean the data", "2020-10-23")]
    assert all(e.rule == "action_table" for i in r.items for e in i.explanation if e.method == "heading")
