"""POST /v1/alignment: each party's goals (JSON body, or a minutes file) → ``coaltext.alignment.v1``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError

from coaltext.errors import InvalidDocument, UnsupportedMediaType
from coaltext.goals.sources import repeated_party
from coaltext.types import AlignmentReport

from ..deps import LibraryDep, LimitsDep, PoolDep, SettingsDep
from ..library import goals_document
from ..schemas import UPLOAD_ERRORS, GoalsBody
from ..upload import InvalidRequest, media_type, read_file, read_json
from . import FILE_SCHEMA

router = APIRouter(prefix="/v1", tags=["alignment"])

MAX_JSON_BYTES = 1024 * 1024

_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": GoalsBody.model_json_schema()},
            "multipart/form-data": {"schema": FILE_SCHEMA},
        },
    }
}


def _first_error(exc: ValidationError) -> str:
    err = exc.errors(include_input=False)[0]
    where = ".".join(str(p) for p in err["loc"]) or "body"
    return f"{where[:100]}: {err['msg'][:200]}"


@router.post(
    "/alignment",
    response_model=AlignmentReport,
    summary="Align the partners' goals",
    description='Either a JSON body `{"parties": {"Name": ["goal", ...], ...}}`, or minutes / a goals '
    "file (JSON, YAML, TXT, DOCX, PDF) as multipart/form-data in the field `file`.",
    responses=UPLOAD_ERRORS,
    openapi_extra=_BODY,
)
async def align_goals(
    request: Request,
    settings: SettingsDep,
    library: LibraryDep,
    pool: PoolDep,
    limits: LimitsDep,
) -> Response:
    pool.ensure_room()
    ctype = media_type(request)
    if ctype == "application/json" or ctype.endswith("+json"):
        raw = await read_json(
            request,
            min(MAX_JSON_BYTES, settings.max_upload_bytes),
            idle_s=settings.upload_idle_s,
            total_s=settings.upload_timeout_s,
        )
        try:
            goals = GoalsBody.model_validate(raw)
        except ValidationError as exc:
            raise InvalidRequest(_first_error(exc)) from None
        if repeated := repeated_party(goals.parties):  # refused before the work is queued
            raise InvalidDocument(repeated)
        total = sum(len(g) for g in goals.parties.values())
        if total > settings.max_goals:
            raise InvalidRequest(f"too many goals ({total}; at most {settings.max_goals})")
        data, name = goals_document(goals.parties), "goals.json"
    elif ctype == "multipart/form-data":
        upload = await read_file(request, settings.max_upload_bytes, idle_s=settings.upload_idle_s, total_s=settings.upload_timeout_s)
        data, name = upload.data, upload.name
    else:
        raise UnsupportedMediaType(
            "send application/json goals or a multipart/form-data file in the field 'file' "
            f"(got Content-Type {ctype or 'none'!r})"
        )
    body = await pool.run(library.alignment, data, name=name, limits=limits)
    return Response(body, media_type="application/json")
