"""One place that turns every failure into ``{"error": {"code", "message"}}``.

Domain errors keep their code and HTTP status (a time limit is 504, with what to change in the
message); request validation errors become 422
``invalid_request`` (the offending input is never echoed back); anything unexpected is logged
with its traceback on the server and answered with a bare 500 ``internal_error``.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from coaltext.errors import CoaltextError

log = logging.getLogger("coaltext.api")

# Routing errors Starlette raises itself. Bad input, auth and limits are CoaltextErrors with their
# own codes; any other framework status (none is expected) is answered as http_error.
_HTTP_CODES = {
    404: "not_found",
    405: "method_not_allowed",
}


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


def _describe(exc: RequestValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "the request is invalid"
    first = errors[0]
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "request"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where[:100]}: {str(first.get('msg', 'invalid'))[:200]}{more}"


def install(app: FastAPI) -> None:
    @app.exception_handler(CoaltextError)
    async def coaltext_error(request: Request, exc: CoaltextError) -> JSONResponse:
        # 503 busy: retry soon. 504 timeouts get no Retry-After: the same file under the same limit
        # would most likely time out again, so the message says what to change instead.
        headers = {"Retry-After": "5"} if exc.http_status == 503 else None
        message = exc.message
        if exc.http_status == 401:
            headers = {"WWW-Authenticate": "Bearer"}
        if exc.http_status == 408:  # the rest of the body may still come: don't reuse the connection
            headers = {"Connection": "close"}
        if exc.http_status == 504:
            limit = request.app.state.settings.timeout_s
            message = (
                f"{message}. The service's time limit is {limit:g} s (COALTEXT_TIMEOUT_S): send a "
                "shorter document, or ask whoever runs the service to raise the limit"
            )
        return error_response(exc.http_status, exc.code, message, headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", _describe(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return error_response(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "an unexpected error occurred; it has been logged")
