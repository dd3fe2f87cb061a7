"""POST /v1/minutes: minutes, notes or a transcript → ``coaltext.minutes.v1``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from coaltext.types import MinutesReport

from ..deps import LibraryDep, LimitsDep, PoolDep, SettingsDep
from ..schemas import UPLOAD_ERRORS
from ..upload import read_file
from . import FILE_BODY

router = APIRouter(prefix="/v1", tags=["minutes"])


@router.post(
    "/minutes",
    response_model=MinutesReport,
    summary="Extract attendees, agenda, decisions, actions and goals from minutes",
    description="Minutes or notes (PDF, DOCX, TXT, Markdown) or a transcript (`Name: text` lines "
    'or JSON `[{"speaker", "text"}]`), as multipart/form-data in the field `file`.',
    responses=UPLOAD_ERRORS,
    openapi_extra=FILE_BODY,
)
async def extract_minutes(
    request: Request,
    settings: SettingsDep,
    library: LibraryDep,
    pool: PoolDep,
    limits: LimitsDep,
) -> Response:
    pool.ensure_room()
    upload = await read_file(request, settings.max_upload_bytes, idle_s=settings.upload_idle_s, total_s=settings.upload_timeout_s)
    body = await pool.run(library.minutes, upload.data, name=upload.name, limits=limits)
    return Response(body, media_type="application/json")
