"""Fixtures for the HTTP app tests (helpers live in api_fakes.py)."""

from __future__ import annotations

import pytest

from api_fakes import AGREEMENT_TEXT, FakeLibrary, make_client, pdf_bytes


@pytest.fixture
def fake_library() -> FakeLibrary:
    return FakeLibrary()


@pytest.fixture
def client(fake_library):
    with make_client(fake_library) as c:
        yield c


@pytest.fixture(scope="session")
def agreement_pdf() -> bytes:
    return pdf_bytes([AGREEMENT_TEXT, "3. Confidentiality. Each party keeps the other's information secret."])
