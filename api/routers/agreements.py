"""POST /v1/agreements: an agreement file → ``coaltext.agreement.v1``."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from coaltext.errors import UnknownPlaybook
from coaltext.types import AgreementReport

from ..deps import LibraryDep, LimitsDep, PoolDep, SettingsDep
from ..schemas import UPLOAD_ERRORS
from ..upload import read_file
from . import FILE_BODY

router = APIRouter(prefix="/v1", tags=["agreements"])

PLAYBOOK_PATTERN = r"^[A-Za-z0-9_\-]{1,64}$"


@router.post(
    "/agreements",
    response_model=AgreementReport,
    summary="Analyse an agreement (PDF, DOCX, TXT, Markdown)",
    description="Clause tree, clause types, coverage against a playbook and flags. "
    "Send the file as multipart/form-data in the field `file`.",
    responses={**UPLOAD_ERRORS, 400: UPLOAD_ERRORS[422] | {"description": "Unknown playbook"}},
    openapi_extra=FILE_BODY,
)
async def analyze_agreement(
    request: Request,
    settings: SettingsDep,
    library: LibraryDep,
    pool: PoolDep,
    limits: LimitsDep,
    playbook: Annotated[
        str,
        Query(description="Playbook name (GET /v1/playbooks); auto picks one", max_length=1000),
    ] = "auto",
) -> Response:
    # A malformed name is an unknown one: one code (400 unknown_playbook) for both, before any upload.
    if not re.fullmatch(PLAYBOOK_PATTERN, playbook):
        raise UnknownPlaybook(f"unknown playbook {playbook[:64]!r}; GET /v1/playbooks lists them")
    pool.ensure_room()
    upload = await read_file(request, settings.max_upload_bytes, idle_s=settings.upload_idle_s, total_s=settings.upload_timeout_s)
    body = await pool.run(
        library.agreement, upload.data, name=upload.name, playbook=playbook, limits=limits
    )
    return Response(body, media_type="application/json")
