"""GET /v1/playbooks: the names the playbook query parameter accepts."""

from __future__ import annotations

from fastapi import APIRouter

from ..deps import LibraryDep
from ..schemas import LISTING_ERRORS, Playbooks

router = APIRouter(prefix="/v1", tags=["agreements"])


@router.get(
    "/playbooks",
    response_model=Playbooks,
    summary="Playbooks for coverage",
    responses=LISTING_ERRORS,
)
def list_playbooks(library: LibraryDep) -> Playbooks:
    return Playbooks(playbooks=library.playbooks())
