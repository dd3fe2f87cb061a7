"""GET /v1/playbooks: the names the playbook query parameter accepts."""

from __future__ import annotations

from fastapi import APIRouter

from ..deps import LibraryDep
from ..schemas import ErrorResponse, Playbooks

router = APIRouter(prefix="/v1", tags=["agreements"])


@router.get(
    "/playbooks",
    response_model=Playbooks,
    summary="Playbooks for coverage",
    responses={
        401: {"model": ErrorResponse, "description": "Missing or wrong bearer token"},
        422: {"model": ErrorResponse, "description": "invalid_request: a query parameter this route does not take"},
    },
)
def list_playbooks(library: LibraryDep) -> Playbooks:
    return Playbooks(playbooks=library.playbooks())
