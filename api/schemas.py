"""Request and response models of the HTTP API that are not reports (those are coaltext.types)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_PARTIES = 50
MAX_GOAL_CHARS = 2000
MAX_PARTY_CHARS = 200


class ErrorBody(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. file_too_large.")
    message: str = Field(description="One line for the person who sent the request.")


class ErrorResponse(BaseModel):
    error: ErrorBody


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str


class Readiness(BaseModel):
    status: Literal["ready", "loading", "failed"]
    detail: str | None = None


class Playbooks(BaseModel):
    playbooks: list[str] = Field(description="Names accepted by the playbook query parameter.")


class ClauseTypeInfo(BaseModel):
    id: str = Field(description="The id reports use (coverage items, clause types): ip_ownership.")
    label: str = Field(description="The name reports show: IP ownership.")
    group: str
    definition: str


class ClauseTypes(BaseModel):
    clause_types: list[ClauseTypeInfo] = Field(description="The taxonomy, in its order.")


PartyName = Annotated[str, StringConstraints(min_length=1, max_length=MAX_PARTY_CHARS)]
GoalText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_GOAL_CHARS)]


class GoalsBody(BaseModel):
    """Each party's stated goals, the JSON form of ``coaltext align``'s goals file."""

    model_config = ConfigDict(extra="forbid")

    parties: dict[PartyName, list[GoalText]] = Field(
        min_length=1,
        max_length=MAX_PARTIES,
        description='{"Party name": ["goal", ...], ...}',
        examples=[{"Acme": ["Share lab results", "Cut cell cost"], "Beta": ["Share lab results"]}],
    )


# Shared error responses documented on the routes that can produce them.
LISTING_ERRORS: dict[int | str, dict] = {  # the GET /v1 listings (playbooks, clause types)
    401: {"model": ErrorResponse, "description": "Missing or wrong bearer token"},
    422: {"model": ErrorResponse, "description": "invalid_request: a query parameter this route does not take"},
}
UPLOAD_ERRORS: dict[int | str, dict] = {
    401: {"model": ErrorResponse, "description": "Missing or wrong bearer token"},
    408: {"model": ErrorResponse, "description": "The body stopped arriving (upload_timeout)"},
    413: {"model": ErrorResponse, "description": "File over the size or page limit"},
    415: {"model": ErrorResponse, "description": "Not multipart/form-data, or a file type coaltext does not read"},
    422: {"model": ErrorResponse, "description": "Unreadable, empty, encrypted or malformed input, or an invalid request (invalid_request: unknown field or query parameter, bad JSON)"},
    503: {"model": ErrorResponse, "description": "Busy: every worker and queue slot is taken (Retry-After)"},
    504: {
        "model": ErrorResponse,
        "description": "The analysis ran past the time limit (COALTEXT_TIMEOUT_S): parse_timeout (the pipeline "
        "stopped itself; the worker is free) or analysis_timeout (it had not stopped 2 s after the limit; the "
        "worker stays busy until it does). Send a shorter document or raise the limit",
    },
}

# Errors any route can answer: a foreign Host header (DNS-rebinding guard) and a server fault.
COMMON_ERRORS: dict[int | str, dict] = {
    400: {"model": ErrorResponse, "description": "invalid_host: the Host header does not name this service"},
    500: {"model": ErrorResponse, "description": "internal_error: an unexpected fault, logged on the server"},
}
