"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

import coaltext

from ..schemas import Health, Readiness

router = APIRouter(tags=["service"])


@router.get("/health", response_model=Health, summary="The service is alive")
def health() -> Health:
    return Health(version=coaltext.__version__)


@router.get(
    "/ready",
    response_model=Readiness,
    summary="Models are loaded (200) or still loading / failed (503)",
    responses={503: {"model": Readiness, "description": "Models not loaded yet, or loading failed"}},
)
def ready(request: Request):
    state = request.app.state.readiness
    if state.status == "ready":
        return state
    return JSONResponse(state.model_dump(), status_code=503, headers={"Retry-After": "2"})
