"""The app factory, its lifespan (models loaded once, in the background) and ``serve``."""

from __future__ import annotations

import logging
import os
import threading
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

import coaltext

from . import errors
from .deps import refuse_unknown_query, require_token
from .library import Library
from .routers import agreements, alignment, clause_types, health, minutes, page, playbooks
from .routers.page import STATIC
from .schemas import COMMON_ERRORS, Readiness
from .settings import LOOPBACK_HOSTS, ConfigError, Settings, can_listen, check_environment, is_loopback
from .workers import WorkerPool

log = logging.getLogger("coaltext.api")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),
]


class SecurityHeaders:
    """Adds no-sniff, no-framing and a same-origin-only content security policy to every response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class AllowedHosts:
    """Answers only requests whose Host header names this service (DNS-rebinding guard)."""

    def __init__(self, app, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = {h.lower().strip("[]") for h in hosts}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 or host.startswith("[") else host
            if name.strip("[]") not in self.hosts:
                response = errors.error_response(400, "invalid_host", "this service answers only to its own host name")
                return await response(scope, receive, send)
        return await self.app(scope, receive, send)


def _warm_up(app: FastAPI) -> None:
    try:
        app.state.library.warm_up()
    except Exception as exc:  # noqa: BLE001 - readiness reports any failure, the service stays up
        log.exception("model warm-up failed")
        message = getattr(exc, "message", None) or type(exc).__name__
        app.state.readiness = Readiness(status="failed", detail=str(message)[:300])
        return
    app.state.readiness = Readiness(status="ready")
    log.info("models loaded; ready")


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings: Settings = app.state.settings
    app.state.pool = WorkerPool(settings.workers, settings.queue, settings.timeout_s)
    if settings.warm_up:
        app.state.readiness = Readiness(status="loading")
        # In the background, so /health answers at once and /ready tells when loading is done.
        threading.Thread(target=_warm_up, args=(app,), name="coaltext-warm-up", daemon=True).start()
    else:
        app.state.readiness = Readiness(status="ready", detail="warm-up skipped; models load on first use")
    try:
        yield
    finally:
        app.state.pool.shutdown()


def create_app(settings: Settings | None = None, *, library: Library | None = None, **overrides) -> FastAPI:
    """The FastAPI app. ``settings`` default to the environment; ``library`` to the real pipeline."""
    settings = settings or Settings.from_env(**overrides)
    app = FastAPI(
        title="coaltext",
        version=coaltext.__version__,
        summary="Reads the paperwork of alliances, offline: agreements, minutes and goal alignment.",
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load scripts from a CDN: nothing leaves this machine
        redoc_url=None,
        responses=COMMON_ERRORS,
    )
    app.state.settings = settings
    app.state.library = library or Library()
    # Usable before the lifespan has run (e.g. a TestClient used without ``with``).
    app.state.pool = WorkerPool(settings.workers, settings.queue, settings.timeout_s)
    app.state.readiness = Readiness(status="loading" if settings.warm_up else "ready")
    errors.install(app)
    app.include_router(health.router)
    for router in (agreements.router, minutes.router, alignment.router, playbooks.router, clause_types.router):
        app.include_router(router, dependencies=[Depends(require_token), Depends(refuse_unknown_query)])
    app.include_router(page.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders)
    if settings.allowed_hosts:
        app.add_middleware(AllowedHosts, hosts=settings.allowed_hosts)
    return app


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    *,
    log_level: str = "info",
    **settings,
) -> None:
    """Run the service with uvicorn. Binding anything but loopback needs a token
    (``token=`` or ``COALTEXT_API_TOKEN``), which every /v1 request must then send."""
    import uvicorn

    check_environment()
    if is_loopback(host):
        settings.setdefault("allowed_hosts", (*LOOPBACK_HOSTS, host))
    resolved = Settings.from_env(token=token, **settings)
    if not is_loopback(host) and resolved.token is None:
        raise ConfigError(
            f"refusing to listen on {host}: serving beyond this machine needs an access token; set "
            "COALTEXT_API_TOKEN to a secret of 16 or more characters, which clients then send as "
            "Authorization: Bearer <token>",
            code="token_required",
        )
    can_listen(host, port)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    app = create_app(resolved)
    try:
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level=log_level,
            server_header=False,
            proxy_headers=False,
            # Bounds open connections, and so the upload bytes held in memory at once.
            limit_concurrency=resolved.workers + resolved.queue + 16,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=5,
        )
    except SystemExit as exc:
        # uvicorn exits 3 where it cannot start (the port taken since the probe, the lifespan
        # failing): say so as coaltext's own start-up error, after uvicorn's log line
        if exc.code in (0, None):
            raise
        raise ConfigError(f"the server did not start on {host}:{port} (see the line above)") from None
