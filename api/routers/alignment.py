"""POST /v1/alignment: each party's goals (JSON body, or a minutes file, optionally with a draft
agreement) → ``coaltext.alignment.v1``.

A JSON body is validated here, then analysed as sent: its bytes are the document, so
``source.sha256``/``chars`` and the goals' ``start``/``end`` index the request body, as they
index an uploaded goals file (a goal written with JSON escapes has none)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError

from coaltext.errors import InvalidDocument, UnsupportedMediaType
from coaltext.goals.sources import repeated_party
from coaltext.types import AlignmentReport

from ..deps import LibraryDep, LimitsDep, PoolDep, SettingsDep
from ..schemas import UPLOAD_ERRORS, GoalsBody
from ..upload import InvalidRequest, Upload, media_type, read_files, read_json
from . import FILE_SCHEMA

router = APIRouter(prefix="/v1", tags=["alignment"])

MAX_JSON_BYTES = 1024 * 1024
AGREEMENT_FIELD = "agreement"

MULTIPART_SCHEMA = {
    **FILE_SCHEMA,
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "Minutes, notes, a transcript or a goals file"},
        AGREEMENT_FIELD: {
            "type": "string",
            "format": "binary",
            "description": "Optional draft agreement (PDF, DOCX, TXT, Markdown; the size and page limits of "
            "/v1/agreements, and the request's one upload time limit and one analysis time limit, shared with "
            "`file`): the report's `draft` then lists the decisions and goals it does not cover or contradicts",
        },
    },
}

_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": GoalsBody.model_json_schema()},
            "multipart/form-data": {"schema": MULTIPART_SCHEMA},
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
    "file (JSON, YAML, TXT, DOCX, PDF) as multipart/form-data in the field `file`, optionally with a "
    "draft agreement in the field `agreement` (then `draft` lists what the draft leaves uncovered or "
    "contradicts). Offsets index the document sent: the JSON body itself, or the file.",
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
    agreement: Upload | None = None
    if ctype == "application/json" or ctype.endswith("+json"):
        data, raw = await read_json(
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
        name = "goals.json"  # the body as sent is the document: offsets and sha256 index it
    elif ctype == "multipart/form-data":
        files = await read_files(
            request,
            settings.max_upload_bytes,
            optional=(AGREEMENT_FIELD,),
            idle_s=settings.upload_idle_s,
            total_s=settings.upload_timeout_s,
        )
        data, name = files["file"].data, files["file"].name
        agreement = files.get(AGREEMENT_FIELD)
    else:
        raise UnsupportedMediaType(
            "send application/json goals or a multipart/form-data file in the field 'file' "
            f"(got Content-Type {ctype or 'none'!r})"
        )
    if agreement is None:
        body = await pool.run(library.alignment, data, name=name, limits=limits)
    else:
        body = await pool.run(
            library.alignment, data, name=name, limits=limits, agreement=agreement.data, agreement_name=agreement.name
        )
    return Response(body, media_type="application/json")
