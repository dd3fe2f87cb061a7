"""Dependencies shared by the routers, as ``Annotated`` aliases."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from coaltext.errors import CoaltextError
from coaltext.ingest import Limits

from .library import Library
from .settings import Settings
from .upload import InvalidRequest
from .workers import WorkerPool


class Unauthorized(CoaltextError):
    code = "unauthorized"
    http_status = 401


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_library(request: Request) -> Library:
    return request.app.state.library


def get_pool(request: Request) -> WorkerPool:
    return request.app.state.pool


SettingsDep = Annotated[Settings, Depends(get_settings)]
LibraryDep = Annotated[Library, Depends(get_library)]
PoolDep = Annotated[WorkerPool, Depends(get_pool)]

_bearer = HTTPBearer(auto_error=False, description="Required when the service has a token")


def require_token(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Every /v1 route needs ``Authorization: Bearer <token>`` when a token is configured."""
    if settings.token is None:
        return
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("this service requires Authorization: Bearer <token>")
    if not secrets.compare_digest(credentials.credentials.encode(), settings.token.encode()):
        raise Unauthorized("the bearer token is not valid")


def get_limits(settings: SettingsDep) -> Limits:
    return Limits(
        max_bytes=settings.max_upload_bytes,
        max_pages=settings.max_pages,
        timeout_s=settings.timeout_s,
        max_meeting_chars=settings.max_meeting_chars,
    )


LimitsDep = Annotated[Limits, Depends(get_limits)]


def _query_params(dependant: Dependant):
    yield from dependant.query_params
    for sub in dependant.dependencies:
        yield from _query_params(sub)


def _query_names(route: APIRoute) -> frozenset[str]:
    """The query parameters a route declares, its dependencies' included."""
    return frozenset(p.alias for p in _query_params(route.dependant))


def refuse_unknown_query(request: Request) -> None:
    """A query parameter the route does not take is 422 ``invalid_request`` naming it, so a
    misspelt option (``?playbok=``) is never ignored in silence."""
    route = request.scope.get("route")
    allowed = _query_names(route) if isinstance(route, APIRoute) else frozenset()
    for key in request.query_params:
        if key not in allowed:
            takes = " and ".join(repr(a) for a in sorted(allowed)) or "no query parameters"
            raise InvalidRequest(f"unknown query parameter {key[:100]!r}: this route takes {takes}")
