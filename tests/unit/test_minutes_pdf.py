"""Minutes read from PDF and Word files: a PDF keeps the words of its headings, not their bold, and
wraps long lines; a Word table keeps its empty cells. spaCy is replaced by a blank pipeline."""

from __future__ import annotations

import pytest

from coaltext.ingest import read
from coaltext.structure.minutes import extract_minutes


# spaCy is a blank English pipeline with a sentencizer here (tests/conftest.py: blank_nlp)
pytestmark = pytest.mark.usefixtures("blank_nlp")


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


def _txt(text: str):
    from coaltext.types import Document

    return extract_minutes(Document(name="n.txt", sha256="0" * 64, media_type="text/plain", text=text))


def test_a_list_left_open_takes_no_sentence_nor_a_line_after_a_blank():
    """"Attendees: A, B, C," goes on on the next line only where that line is the rest of the list: not
    a sentence ("We agreed …", "Decided to …", "… by Friday."), not after a blank line."""
    head = "Weekly meeting\nDate: 4 June 2020\nAttendees: Ana Ruiz, Ben Carter, Li Wei,\n"
    r = _txt(head + "We agreed to hold the workshop in Valencia.\n")
    assert [(i.kind, i.text) for i in r.items] == [("decision", "We agreed to hold the workshop in Valencia.")]
    r = _txt(head + "Decided to hold the workshop in Valencia.\n")
    assert [i.kind for i in r.items] == ["decision"]
    r = _txt(head + "\nAna Ruiz will send the revised budget by Friday.\n")
    assert [(i.kind, i.owner, i.due) for i in r.items] == [("action", "Ana Ruiz", "2020-06-05")]
    # an agenda left open takes no sentence either
    r = _txt("Weekly meeting\nDate: 4 June 2020\nAgenda: budget, hiring,\nBudget approved by all.\n")
    assert [a.text for a in r.agenda] == ["budget", "hiring"]
    # the rest of a list is still read
    r = _txt(head + "Marta Sousa\n")
    assert [a.name for a in r.meeting.attendees] == ["Ana Ruiz", "Ben Carter", "Li Wei", "Marta Sousa"]


def test_no_heading_between_lists_under_decisions_nor_in_an_agenda_of_short_entries():
    """A short line between bullets is a heading that lost its bold only where it can be one: not an
    entry under "Decisions" ("Budget approved"), not "Also discussed" over more short agenda entries,
    not a name over the bullets that open with it."""
    r = _txt("Team sync\nDate: 4 June 2020\n\nAgenda\n- Budget\n- Hiring\nAlso discussed\n- Travel\n- Office move\n\n"
             "Decisions\n- We agreed to freeze hiring until September.\nBudget approved\n- Ben Carter will book the venue.\n")
    assert [a.text for a in r.agenda] == ["Budget", "Hiring", "Also discussed", "Travel", "Office move"]
    assert ("decision", "Budget approved") in {(i.kind, i.text) for i in r.items}
    r = _txt("Budget\n- Ana Ruiz will send the budget by Friday.\nHiring\n- We decided to hire two engineers.\n"
             "Ben Carter\n- Ben Carter will contact recruiters by 12 June.\n")
    assert "Ben Carter" not in [a.text for a in r.agenda]


def test_an_agenda_of_bullets_goes_on_past_an_indented_or_lower_case_line():
    r = _txt("Weekly meeting\nDate: 4 June 2020\n\nAgenda:\n- Budget review\n- Hiring plan\n  details of the new roles\n"
             "- Travel\n\nAna Ruiz will send the revised budget by Friday.\n")
    assert "Travel" in [a.text for a in r.agenda]
    assert [(i.kind, i.owner) for i in r.items] == [("action", "Ana Ruiz")]
