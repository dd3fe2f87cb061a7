"""Service settings: limits, pool size and the access token, read from the environment.

Every value has a safe default; ``COALTEXT_*`` environment variables override them and keyword
arguments to :func:`api.create_app` / :func:`api.serve` override both.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field, fields, replace

from coaltext.errors import CoaltextError

LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class ConfigError(CoaltextError):
    """The service was started with settings it refuses to run with."""

    code = "bad_config"
    http_status = 500


def _env_float(name: str, default: float | None) -> float | None:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {raw!r}")
    return value


def _env_int(name: str, default: int) -> int:
    value = _env_float(name, default)
    return int(value) if value is not None else default


@dataclass(frozen=True)
class Settings:
    """What the service allows and how much work it takes on at once.

    ``workers`` analyses run at the same time; up to ``queue`` more wait for a worker; anything
    beyond that gets 503 ``busy`` at once. ``timeout_s`` bounds parsing (cooperatively, inside
    ingest) and the whole analysis of one request once a worker has started it; a request that
    waits longer than ``timeout_s`` for a free worker also gets 503 ``busy``.
    """

    max_upload_mb: float = 25.0
    max_pages: int = 500
    timeout_s: float = 60.0
    workers: int = 2
    queue: int = 16
    max_goals: int = 500
    # A request body must keep coming: no bytes for upload_idle_s, or the whole body taking longer
    # than upload_timeout_s, is answered 408 upload_timeout and its buffer dropped.
    upload_idle_s: float = 30.0
    upload_timeout_s: float = 120.0
    token: str | None = field(default=None, repr=False)
    warm_up: bool = True
    # Host names the service answers to (None: any). ``serve`` on loopback sets the loopback
    # names, so a web page that rebinds its own DNS name to 127.0.0.1 cannot read the reports.
    allowed_hosts: tuple[str, ...] | None = None

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        base = cls(
            max_upload_mb=_env_float("COALTEXT_MAX_UPLOAD_MB", cls.max_upload_mb),
            max_pages=_env_int("COALTEXT_MAX_PAGES", cls.max_pages),
            timeout_s=_env_float("COALTEXT_TIMEOUT_S", cls.timeout_s),
            workers=_env_int("COALTEXT_WORKERS", cls.workers),
            queue=_env_int("COALTEXT_QUEUE", cls.queue),
            upload_idle_s=_env_float("COALTEXT_UPLOAD_IDLE_S", cls.upload_idle_s),
            upload_timeout_s=_env_float("COALTEXT_UPLOAD_TIMEOUT_S", cls.upload_timeout_s),
            token=os.environ.get("COALTEXT_API_TOKEN") or None,
        )
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **given).checked()

    def checked(self) -> Settings:
        if min(self.max_upload_mb, self.max_pages, self.timeout_s, self.upload_idle_s, self.upload_timeout_s) <= 0:
            raise ConfigError("upload size, page and time limits must be positive")
        if self.workers < 1 or self.queue < 0:
            raise ConfigError("workers must be at least 1 and queue at least 0")
        if self.token is not None and len(self.token) < 16:
            raise ConfigError("the API token must be at least 16 characters long")
        return self

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
