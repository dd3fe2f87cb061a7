"""GET /v1/clause-types: the taxonomy the reports' type ids come from, with the names to show."""

from __future__ import annotations

from fastapi import APIRouter

from ..deps import LibraryDep
from ..schemas import LISTING_ERRORS, ClauseTypes

router = APIRouter(prefix="/v1", tags=["agreements"])


@router.get(
    "/clause-types",
    response_model=ClauseTypes,
    summary="Clause types of the taxonomy",
    responses=LISTING_ERRORS,
)
def list_clause_types(library: LibraryDep) -> ClauseTypes:
    return ClauseTypes(clause_types=library.clause_types())
