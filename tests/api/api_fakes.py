"""Helpers for the HTTP app tests: a fake library (real ingest, canned analysis, no model), a
TestClient factory and generated documents (PDFs good and bad).

A module with its own name (not ``conftest``) so test modules can import it unambiguously."""

from __future__ import annotations

import io
import json
import threading

from fastapi.testclient import TestClient

import coaltext
from api import Settings, create_app
from api.library import Library
from coaltext.errors import InvalidDocument, UnknownPlaybook
from coaltext.goals.sources import extract_goals
from coaltext.types import (
    AgreementReport,
    AlignmentReport,
    Attendee,
    Clause,
    Coverage,
    CoverageItem,
    DraftGap,
    Flag,
    Goal,
    GoalMatch,
    Meeting,
    MinutesItem,
    MinutesReport,
    PartyPair,
    report_json,
    source_of,
)

PLAYBOOKS = ["auto", "joint_venture", "strategic_alliance"]


class FakeLibrary(Library):
    """Reads uploads with the real ingest (so bad files fail as they really do), then returns a
    small canned report built from the text instead of running the models."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict]] = []
        self.gate: threading.Event | None = None  # when set, analyses wait for it
        self.started = threading.Semaphore(0)
        self.warmed = False

    def _wait(self) -> None:
        self.started.release()
        if self.gate is not None:
            self.gate.wait(timeout=30)

    def agreement(self, data, *, name, playbook, limits):
        self.calls.append(("agreement", name, {"playbook": playbook, "limits": limits}))
        if playbook not in PLAYBOOKS:
            raise UnknownPlaybook(f"unknown playbook {playbook!r}")
        doc = coaltext.read(data, name=name, limits=limits)
        self._wait()
        head = doc.text[: min(len(doc.text), 400)]
        clause = Clause(
            id="c1", number="1", heading="Term", level=1, kind="section", start=0,
            end=len(head), page_start=doc.page_at(0), page_end=doc.page_at(max(len(head) - 1, 0)), text=head,
        )
        report = AgreementReport(
            source=source_of(doc),
            title="Fake agreement",
            clauses=[clause],
            coverage=Coverage(
                playbook=playbook,
                items=[
                    CoverageItem(type="term_renewal", required=True, status="present", score=0.9, evidence=["c1"]),
                    CoverageItem(type="insurance", required=False, status="missing", score=0.0),
                    CoverageItem(type="non_solicit", required=False, recommended=True, status="missing", score=0.1),
                    CoverageItem(type="confidentiality", required=True, status="weak", score=0.4, evidence=["c1"]),
                    CoverageItem(type="arbitration", required=True, status="missing", score=0.05),
                ],
            ),
            flags=[Flag(code="non_compete", severity="high", message="Restraint between competitors", clauses=["c1"])],
        )
        return report_json(report, indent=None).encode()

    def minutes(self, data, *, name, limits):
        self.calls.append(("minutes", name, {"limits": limits}))
        doc = coaltext.read(data, name=name, limits=limits)
        self._wait()
        lines = [ln for ln in doc.text.splitlines() if ln.strip()]
        items, pos = [], 0
        for i, line in enumerate(lines[:5]):
            start = doc.text.index(line, pos)
            pos = start + len(line)
            items.append(MinutesItem(id=f"m{i}", kind="decision", text=line, start=start, end=pos))
        report = MinutesReport(
            source=source_of(doc),
            meeting=Meeting(title="Fake meeting", attendees=[Attendee(name="Ana", organization="Acme")]),
            items=items,
        )
        return report_json(report, indent=None).encode()

    def alignment(self, data, *, name, limits, agreement=None, agreement_name=None):
        self.calls.append(("alignment", name, {"limits": limits, "agreement_name": agreement_name}))
        doc = coaltext.read(data, name=name, limits=limits)
        draft = coaltext.read(agreement, name=agreement_name, limits=limits) if agreement is not None else None
        self._wait()
        try:
            parties = json.loads(doc.text)["parties"]
        except (ValueError, KeyError, TypeError):
            raise InvalidDocument(f"{name}: no parties with goals found") from None
        # the real goal reader (no model for a JSON goal list): its offsets index doc.text
        goals = extract_goals(doc).goals
        names = list(parties)
        pairs = [
            PartyPair(a=a, b=b, alignment=0.5, shared=1, conflicts=0)
            for i, a in enumerate(names) for b in names[i + 1 :]
        ]
        matches = [GoalMatch(a=goals[0].id, b=goals[-1].id, similarity=0.8, relation="shared")] if len(goals) > 1 else []
        gaps = [DraftGap(item=goals[0].id, text=f"not in {draft.name}", status="uncovered")] if draft else []
        report = AlignmentReport(source=source_of(doc), parties=names, goals=goals, matches=matches, pairs=pairs, draft=gaps)
        return report_json(report, indent=None).encode()

    def playbooks(self):
        return list(PLAYBOOKS)

    def warm_up(self):
        self.warmed = True


def pdf_bytes(pages: list[str]) -> bytes:
    """A real text PDF, one string per page (fpdf2)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def encrypted_pdf_bytes(plain: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(plain)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")  # RC4: no extra crypto package needed
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


AGREEMENT_TEXT = (
    "COLLABORATION AGREEMENT\n\n1. Term. This Agreement lasts two years from the Effective Date.\n\n"
    "2. Arbitration. Any dispute shall be settled by arbitration in Geneva.\n"
)


def make_client(library, **settings) -> TestClient:
    settings.setdefault("warm_up", False)
    app = create_app(Settings(**settings).checked(), library=library)
    return TestClient(app, raise_server_exceptions=False)
